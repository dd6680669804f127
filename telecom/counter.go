package telecom

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/kuzet/kuzet"
)

// counterKey is one counter row's identity: day (days since 1970-01-01,
// UTC), terminating organisation and reason.
type counterKey struct {
	day    int32
	reason uint8 // index into kuzet.CallReasons
	org    int64
}

// counters accumulates verdict counts in memory until the next flush. The
// stripes spread verifications over several locks, picked by pair hash.
type counters struct {
	stripes [16]struct {
		mu    sync.Mutex
		m     map[counterKey]int64
		total uint64 // verdicts ever added here, for Metrics; never drained
		_     [40]byte
	}
}

func (c *counters) add(h uint64, k counterKey, n int64) {
	s := &c.stripes[h>>60]
	s.mu.Lock()
	if s.m == nil {
		s.m = make(map[counterKey]int64)
	}
	s.m[k] += n
	s.total += uint64(n)
	s.mu.Unlock()
}

// total returns how many verdicts were added, flushed or not.
func (c *counters) total() uint64 {
	var n uint64
	for i := range c.stripes {
		s := &c.stripes[i]
		s.mu.Lock()
		n += s.total
		s.mu.Unlock()
	}
	return n
}

// restore puts back counts a failed flush took out, without counting them
// as new verdicts.
func (c *counters) restore(k counterKey, n int64) {
	s := &c.stripes[0]
	s.mu.Lock()
	if s.m == nil {
		s.m = make(map[counterKey]int64)
	}
	s.m[k] += n
	s.mu.Unlock()
}

// drain takes the accumulated counts out.
func (c *counters) drain() map[counterKey]int64 {
	out := make(map[counterKey]int64)
	for i := range c.stripes {
		s := &c.stripes[i]
		s.mu.Lock()
		for k, n := range s.m {
			out[k] += n
		}
		clear(s.m)
		s.mu.Unlock()
	}
	return out
}

// snapshot copies the accumulated counts without taking them.
func (c *counters) snapshot() map[counterKey]int64 {
	out := make(map[counterKey]int64)
	for i := range c.stripes {
		s := &c.stripes[i]
		s.mu.Lock()
		for k, n := range s.m {
			out[k] += n
		}
		s.mu.Unlock()
	}
	return out
}

func reasonIndex(r kuzet.CallReason) uint8 {
	switch r {
	case kuzet.ReasonOK:
		return 0
	case kuzet.ReasonTimeout:
		return 1
	case kuzet.ReasonInvalidCLI:
		return 2
	case kuzet.ReasonDNO:
		return 3
	case kuzet.ReasonDomesticCLIFromAbroad:
		return 4
	case kuzet.ReasonNotOriginated:
		return 5
	}
	return 6 // kuzet.ReasonFlaggedNumber
}

const day = int64(24 * time.Hour)

// dayOf returns the UTC day of a Unix-nanosecond time.
func dayOf(ns int64) int32 {
	d := ns / day
	if ns < 0 && ns%day != 0 {
		d--
	}
	return int32(d)
}

func (k counterKey) row(n int64) kuzet.CallCounter {
	return kuzet.CallCounter{
		Day:    time.Unix(int64(k.day)*86400, 0).UTC(),
		OrgID:  k.org,
		Reason: kuzet.CallReasons[k.reason],
		Count:  n,
	}
}

func sortCounters(rows []kuzet.CallCounter) {
	slices.SortFunc(rows, func(a, b kuzet.CallCounter) int {
		return cmp.Or(a.Day.Compare(b.Day), cmp.Compare(a.OrgID, b.OrgID),
			cmp.Compare(reasonIndex(a.Reason), reasonIndex(b.Reason)))
	})
}

// Flush writes the counts accumulated since the last flush through the
// store, in one transaction. On failure the counts stay in memory for the
// next flush, so an outage of the store delays counters but loses none.
// Without a store Flush does nothing and the counts stay in memory.
func (e *Service) Flush(ctx context.Context) error {
	if e.cfg.Store == nil {
		return nil
	}
	e.flushMu.Lock()
	defer e.flushMu.Unlock()
	m := e.counts.drain()
	if len(m) == 0 {
		return nil
	}
	rows := make([]kuzet.CallCounter, 0, len(m))
	for k, n := range m {
		rows = append(rows, k.row(n))
	}
	sortCounters(rows)
	err := kuzet.Transact(ctx, e.cfg.Store, true, func(s kuzet.Tx) error { return s.AddCallCounters(ctx, rows) })
	if err != nil {
		for k, n := range m {
			e.counts.restore(k, n)
		}
		return fmt.Errorf("flush call counters: %w", err)
	}
	return nil
}

// CallTotals sums verdicts.
type CallTotals struct {
	Verified int64 // every verdict given
	Passed   int64 // verdict pass, including fail-open timeouts
	// Blocked is the briefing's "calls from spoofed numbers blocked": every
	// block reason marks a caller number that was spoofed, undialable or
	// known to be a fraudster's.
	Blocked  int64
	ByReason map[kuzet.CallReason]int64
}

func (t *CallTotals) add(reason kuzet.CallReason, n int64) {
	if t.ByReason == nil {
		t.ByReason = make(map[kuzet.CallReason]int64)
	}
	t.Verified += n
	t.ByReason[reason] += n
	if reason.Verdict() == kuzet.VerdictPass {
		t.Passed += n
	} else {
		t.Blocked += n
	}
}

// OperatorCalls is the totals of one terminating operator.
type OperatorCalls struct {
	OrgID int64
	CallTotals
}

// CallStats sums call-verification counters over a period.
type CallStats struct {
	CallTotals
	ByOperator []*OperatorCalls    // by terminating organisation, by ID
	Rows       []kuzet.CallCounter // by day, organisation and reason
}

// Stats returns the counters f selects: the stored ones plus those not yet
// flushed, so that a figure asked for right after a burst includes it.
func (e *Service) Stats(ctx context.Context, f kuzet.CallCounterFilter) (*CallStats, error) {
	// Holding flushMu keeps a flush from moving counts from memory to the
	// store between the two reads below, which would count them twice.
	e.flushMu.Lock()
	defer e.flushMu.Unlock()
	sum := make(map[counterKey]int64)
	if e.cfg.Store != nil {
		err := kuzet.Transact(ctx, e.cfg.Store, false, func(s kuzet.Tx) error {
			rows, err := s.FindCallCounters(ctx, f)
			if err != nil {
				return err
			}
			for _, r := range rows {
				k := counterKey{day: int32(dayFloor(r.Day)), reason: reasonIndex(r.Reason), org: r.OrgID}
				sum[k] += r.Count
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("find call counters: %w", err)
		}
	}
	for k, n := range e.counts.snapshot() {
		if f.OrgID != 0 && k.org != f.OrgID {
			continue
		}
		if !f.From.IsZero() && int64(k.day) < dayFloor(f.From) {
			continue
		}
		if !f.To.IsZero() && int64(k.day) >= dayFloor(f.To) {
			continue
		}
		sum[k] += n
	}
	st := &CallStats{CallTotals: CallTotals{ByReason: make(map[kuzet.CallReason]int64)},
		ByOperator: []*OperatorCalls{}, Rows: make([]kuzet.CallCounter, 0, len(sum))}
	byOrg := make(map[int64]*OperatorCalls)
	for k, n := range sum {
		row := k.row(n)
		st.Rows = append(st.Rows, row)
		st.add(row.Reason, n)
		o := byOrg[row.OrgID]
		if o == nil {
			o = &OperatorCalls{OrgID: row.OrgID, CallTotals: CallTotals{ByReason: make(map[kuzet.CallReason]int64)}}
			byOrg[row.OrgID] = o
			st.ByOperator = append(st.ByOperator, o)
		}
		o.add(row.Reason, n)
	}
	sortCounters(st.Rows)
	slices.SortFunc(st.ByOperator, func(a, b *OperatorCalls) int { return cmp.Compare(a.OrgID, b.OrgID) })
	return st, nil
}

// dayFloor returns the day of t as days since 1970-01-01 UTC.
// It works from Unix seconds, as a filter's bounds may lie beyond the years
// that Unix nanoseconds reach.
func dayFloor(t time.Time) int64 {
	s := t.Unix()
	d := s / 86400
	if s < 0 && s%86400 != 0 {
		d--
	}
	return d
}
