package ctlog

import (
	"github.com/prometheus/client_golang/prometheus"
)

// Collector exports the followers' Status as Prometheus metrics, each
// labelled with the log's ID, read when scraped:
//
//	kuzet_ct_tree_size                 size of the newest tree head accepted
//	kuzet_ct_sth_age_seconds           age of that tree head (or time run without one)
//	kuzet_ct_sth_stale                 1 while that age is over the follower's StaleAfter
//	kuzet_ct_sth_signature_checked     0 for a log followed without its public key
//	kuzet_ct_entries_total             entries verified and handed on
//	kuzet_ct_entries_refused_total     refusals of entries not in the tree head
//
// An alert on kuzet_ct_sth_stale or on a rising refused count is how an
// operator learns that a log is down, frozen, or showing kuzet a view of
// its own.
type Collector struct {
	followers []*Follower
}

// NewCollector returns a collector of fs.
func NewCollector(fs ...*Follower) *Collector { return &Collector{followers: fs} }

var (
	descTreeSize = prometheus.NewDesc("kuzet_ct_tree_size",
		"Size of the newest signed tree head accepted from the CT log.", []string{"log"}, nil)
	descAge = prometheus.NewDesc("kuzet_ct_sth_age_seconds",
		"Seconds since the newest accepted tree head was issued (or since the follower started, before one).", []string{"log"}, nil)
	descStale = prometheus.NewDesc("kuzet_ct_sth_stale",
		"1 while the newest accepted tree head is older than allowed (--ct-stale-after): the log is down, frozen or hiding its growth.",
		[]string{"log"}, nil)
	descKey = prometheus.NewDesc("kuzet_ct_sth_signature_checked",
		"1 if the log's tree heads' signatures are checked, 0 if it is followed without its public key.", []string{"log"}, nil)
	descEntries = prometheus.NewDesc("kuzet_ct_entries_total",
		"CT log entries verified against the tree head and handed on.", []string{"log"}, nil)
	descRefused = prometheus.NewDesc("kuzet_ct_entries_refused_total",
		"Times a CT log entry was refused because it is not in the log's signed tree (served again, it is refused again).",
		[]string{"log"}, nil)
)

// Describe implements prometheus.Collector.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descTreeSize, descAge, descStale, descKey, descEntries, descRefused} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	bit := func(b bool) float64 {
		if b {
			return 1
		}
		return 0
	}
	for _, f := range c.followers {
		s := f.Status()
		ch <- prometheus.MustNewConstMetric(descTreeSize, prometheus.GaugeValue, float64(s.TreeSize), s.LogID)
		ch <- prometheus.MustNewConstMetric(descAge, prometheus.GaugeValue, s.Age.Seconds(), s.LogID)
		ch <- prometheus.MustNewConstMetric(descStale, prometheus.GaugeValue, bit(s.Stale), s.LogID)
		ch <- prometheus.MustNewConstMetric(descKey, prometheus.GaugeValue, bit(s.KeyChecked), s.LogID)
		ch <- prometheus.MustNewConstMetric(descEntries, prometheus.CounterValue, float64(s.Entries), s.LogID)
		ch <- prometheus.MustNewConstMetric(descRefused, prometheus.CounterValue, float64(s.Refused), s.LogID)
	}
}
