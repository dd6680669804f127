package console

import (
	"context"
	"net/url"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/cases"
	"github.com/kuzet/kuzet/stats"
)

// reportCharts adds the victims' reports by scheme and by channel, in the
// order of the tables under the charts (most first), keyed by the raw
// scheme and channel: the script names them from the tables' links.
func reportCharts(b *stats.Briefing, out map[string]series) {
	if b.ReportsBy == nil {
		return
	}
	for name, l := range map[string][]cases.Count{"schemes": b.ReportsBy.ByScheme, "channels": b.ReportsBy.ByChannel} {
		var s series
		for _, c := range l {
			s.Labels, s.Values = append(s.Labels, c.Key), append(s.Values, c.Reports)
		}
		out[name] = s
	}
}

// reportsOf is the dashboard's bar a cases list was opened from: the
// reports of one scheme or channel in the last Days days.
type reportsOf struct {
	By   string // "scheme" or "channel"
	Key  string
	Days int
}

// reportsQuery reads the bar from the list's query: scheme= or channel=,
// with days= of the dashboard's periods (30 by default). Nil when neither
// is given.
func reportsQuery(q url.Values) *reportsOf {
	ro := &reportsOf{Days: 30}
	switch {
	case q.Has("scheme"):
		ro.By, ro.Key = "scheme", q.Get("scheme")
	case q.Has("channel"):
		ro.By, ro.Key = "channel", q.Get("channel")
	default:
		return nil
	}
	for _, n := range periods {
		if q.Get("days") == itoa(n) {
			ro.Days = n
		}
	}
	return ro
}

// casesOfReports lists the cases of ro's reports: cases.Service.BreakdownCases,
// for the period the dashboard counted them in.
func (s *Server) casesOfReports(ctx context.Context, ro *reportsOf, region string) ([]*kuzet.Case, error) {
	to := s.clock()
	f := kuzet.ReportCaseFilter{CaseEventFilter: kuzet.CaseEventFilter{From: to.Add(-time.Duration(ro.Days) * 24 * time.Hour),
		To: to, Region: region}, Limit: casesLimit}
	key := ro.Key
	if ro.By == "scheme" {
		f.Scheme = &key
	} else {
		f.Channel = &key
	}
	return s.cfg.Cases.BreakdownCases(ctx, f)
}
