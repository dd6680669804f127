package registry

import (
	"math"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
)

// HalfLife is the age at which a report counts half as much as a fresh one.
const HalfLife = 90 * 24 * time.Hour

// Score thresholds: the lowest score of each level.
const (
	LowThreshold      = 0.05
	MediumThreshold   = 0.30
	HighThreshold     = 0.75
	CriticalThreshold = 0.95
)

// DefaultConfidence is the confidence of a report that does not state one.
const DefaultConfidence = 0.5

// confScale is the fixed-point scale of confidences in the index: steps of
// 0.0001 keep decimal confidences such as 0.9 exact.
const confScale = 10000

// Category codes are 1 + the position in kuzet.Categories, so that a
// contribution stores its category in one byte and 0 means none.
var (
	categoryWeight []float64 // by code
	categorySorted []uint8   // codes in the order of their names, for Assessment.Categories
)

func init() {
	if len(kuzet.Categories) > 63 {
		// Live categories are collected in a uint64 bit set.
		panic("registry: more than 63 categories")
	}
	if len(kuzet.Kinds) > 255 {
		panic("registry: more than 255 kinds")
	}
	categoryWeight = make([]float64, len(kuzet.Categories)+1)
	for i, c := range kuzet.Categories {
		categoryWeight[i+1] = weightOf(c)
		categorySorted = append(categorySorted, uint8(i+1))
	}
	slices.SortFunc(categorySorted, func(a, b uint8) int {
		return strings.Compare(string(kuzet.Categories[a-1]), string(kuzet.Categories[b-1]))
	})
}

func weightOf(c kuzet.Category) float64 {
	switch c {
	case kuzet.CategoryVictimReport:
		return 0.4
	case kuzet.CategoryOther:
		return 0.5
	}
	return 1.0
}

// CategoryWeight returns how much a report in category c counts, before its
// confidence and age: 0 for a category the vocabulary does not know.
func CategoryWeight(c kuzet.Category) float64 {
	return categoryWeight[categoryCode(c)]
}

func categoryCode(c kuzet.Category) uint8 {
	for i, v := range kuzet.Categories {
		if v == c {
			return uint8(i + 1)
		}
	}
	return 0
}

func kindCode(k kuzet.Kind) uint8 {
	for i, v := range kuzet.Kinds {
		if v == k {
			return uint8(i + 1)
		}
	}
	return 0
}

// Level maps a score to its risk level.
func Level(score float64) kuzet.Risk {
	switch {
	case score >= CriticalThreshold:
		return kuzet.RiskCritical
	case score >= HighThreshold:
		return kuzet.RiskHigh
	case score >= MediumThreshold:
		return kuzet.RiskMedium
	case score >= LowThreshold:
		return kuzet.RiskLow
	}
	return kuzet.RiskNone
}

// Contribution is one organisation's report in one category, as far as the
// risk rules are concerned.
type Contribution struct {
	OrgID      int64
	Category   kuzet.Category
	Confidence float64   // in (0, 1]
	CreatedAt  time.Time // zero if unknown
	UpdatedAt  time.Time // zero: as CreatedAt
	ValidUntil time.Time // zero: until withdrawn
}

// Score applies the risk rules of the package documentation to cs at time
// now. Contributions of an unknown category, or with an org ID the index
// cannot hold (outside 1..2^32−1), are ignored as the index ignores them.
func Score(now time.Time, cs ...Contribution) (float64, kuzet.Risk) {
	var buf [8]contrib
	list := buf[:0]
	for i := range cs {
		c, ok := compact(cs[i].OrgID, cs[i].Category, cs[i].Confidence, cs[i].CreatedAt, cs[i].UpdatedAt, cs[i].ValidUntil)
		if ok {
			list = append(list, c)
		}
	}
	ag := aggregate(list, now.Unix())
	return ag.score, Level(ag.score)
}

// contrib is a contribution in the index's compact form: 24 bytes, no
// pointers, so that ten million of them cost the garbage collector nothing.
// Times are unix seconds, 0 when unknown (until: when unbounded).
type contrib struct {
	org     uint32
	created uint32
	updated uint32
	until   uint32
	next    uint32 // 1-based index of the next contribution in the shard's overflow list; 0 ends it
	conf    uint16 // confidence × confScale; 0 marks an empty slot
	cat     uint8
}

// compact converts a contribution to its index form; ok is false when the
// index cannot hold it.
func compact(org int64, cat kuzet.Category, conf float64, created, updated, until time.Time) (contrib, bool) {
	code := categoryCode(cat)
	if code == 0 || org <= 0 || org > math.MaxUint32 || !(conf > 0) {
		return contrib{}, false
	}
	q := math.Round(conf * confScale)
	if q < 1 {
		q = 1 // a positive confidence never becomes the empty marker
	}
	if q > confScale {
		q = confScale
	}
	c := contrib{org: uint32(org), cat: code, conf: uint16(q), created: unixSeconds(created), updated: unixSeconds(updated)}
	if !until.IsZero() {
		c.until = unixSeconds(until)
		if c.until == 0 {
			c.until = 1 // before 1970: long expired, not unbounded
		}
	}
	return c, true
}

// unixSeconds clamps t into the uint32 range; the zero time is 0.
func unixSeconds(t time.Time) uint32 {
	if t.IsZero() {
		return 0
	}
	s := t.Unix()
	if s < 0 {
		return 0
	}
	if s > math.MaxUint32 {
		return math.MaxUint32
	}
	return uint32(s)
}

// live reports whether c counts at unix time now.
func (c *contrib) live(now int64) bool {
	return c.until == 0 || now < int64(c.until)
}

// aggregation is what the rules make of an indicator's contributions.
type aggregation struct {
	score     float64
	reporters int
	cats      uint64 // bit per category code, live reports only
	first     uint32 // min created of live reports; 0 unknown
	last      uint32 // max updated of live reports; 0 unknown
}

var halfLifeSeconds = HalfLife.Seconds()

// aggregate is the one implementation of the risk rules.
func aggregate(cs []contrib, now int64) aggregation {
	var ag aggregation
	type orgStrength struct {
		org uint32
		s   float64
	}
	var buf [8]orgStrength
	orgs := buf[:0]
	for i := range cs {
		c := &cs[i]
		if !c.live(now) {
			continue
		}
		ag.cats |= 1 << c.cat
		if c.created != 0 && (ag.first == 0 || c.created < ag.first) {
			ag.first = c.created
		}
		updated := c.updated
		if updated == 0 {
			updated = c.created
		}
		if updated > ag.last {
			ag.last = updated
		}
		s := float64(c.conf) / confScale * categoryWeight[c.cat]
		if updated != 0 {
			if age := float64(now - int64(updated)); age > 0 {
				s *= math.Exp2(-age / halfLifeSeconds)
			}
		}
		found := false
		for j := range orgs {
			if orgs[j].org == c.org {
				orgs[j].s = max(orgs[j].s, s)
				found = true
				break
			}
		}
		if !found {
			orgs = append(orgs, orgStrength{c.org, s})
		}
	}
	ag.reporters = len(orgs)
	clean := 1.0
	for _, o := range orgs {
		clean *= 1 - o.s
	}
	ag.score = math.Round((1-clean)*1e4) / 1e4
	return ag
}

// categories appends the categories of a bit set to buf in name order.
func categories(set uint64, buf []kuzet.Category) []kuzet.Category {
	out := buf
	if n := bits.OnesCount64(set); n > cap(buf)-len(buf) {
		out = make([]kuzet.Category, len(buf), len(buf)+n)
		copy(out, buf)
	}
	for _, code := range categorySorted {
		if set&(1<<code) != 0 {
			out = append(out, kuzet.Categories[code-1])
		}
	}
	return out
}
