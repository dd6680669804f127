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
// UTC), terminating organisation, reason and, for reason unverifiable, the
// plan range of the calling number.
type counterKey struct {
	day    int32
	reason uint8 // index into kuzet.CallReasons
	rng    int32 // 1 + index into the plan's ranges; 0 for none
	org    int64
}

// counters accumulates verdict counts in memory until the next flush. The
// stripes spread verifications over several locks, picked by pair hash.
type counters struct {
	stripes [16]struct {
		mu    sync.Mutex
		m     map[counterKey]int64
		total uint64 // verdicts ever added here, for Metrics; never drained
		// unverifiable counts the unverifiable passes by range (counterKey's
		// rng), for Metrics; never drained.
		unverifiable map[int32]uint64
		_            [32]byte
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
	if k.rng != 0 {
		if s.unverifiable == nil {
			s.unverifiable = make(map[int32]uint64)
		}
		s.unverifiable[k.rng] += uint64(n)
	}
	s.mu.Unlock()
}

// unverifiable returns the unverifiable passes counted so far by range
// (counterKey's rng).
func (c *counters) unverifiable() map[int32]uint64 {
	out := make(map[int32]uint64)
	for i := range c.stripes {
		s := &c.stripes[i]
		s.mu.Lock()
		for r, n := range s.unverifiable {
			out[r] += n
		}
		s.mu.Unlock()
	}
	return out
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

// reasonIndex returns r's index in kuzet.CallReasons, or one past the end
// for a reason this build does not know (a stored row of a newer one).
func reasonIndex(r kuzet.CallReason) uint8 {
	for i, v := range kuzet.CallReasons {
		if v == r {
			return uint8(i)
		}
	}
	return uint8(len(kuzet.CallReasons))
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

// row is the counter row of k, naming its range by the plan's prefix.
func (e *Service) row(k counterKey, n int64) kuzet.CallCounter {
	c := kuzet.CallCounter{
		Day:    time.Unix(int64(k.day)*86400, 0).UTC(),
		OrgID:  k.org,
		Reason: kuzet.CallReasons[k.reason],
		Count:  n,
	}
	if k.rng > 0 {
		c.Range = e.plan.ranges[k.rng-1].Prefix
	}
	return c
}

// rangeOf returns the counterKey rng of the calling number's digits d: 1 +
// the index of the plan range that covers it, or 0 if none does.
func (e *Service) rangeOf(d string) int32 {
	return e.plan.longest(d) + 1
}

func sortCounters(rows []kuzet.CallCounter) {
	slices.SortFunc(rows, func(a, b kuzet.CallCounter) int {
		return cmp.Or(a.Day.Compare(b.Day), cmp.Compare(a.OrgID, b.OrgID),
			cmp.Compare(reasonIndex(a.Reason), reasonIndex(b.Reason)), cmp.Compare(a.Range, b.Range))
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
		rows = append(rows, e.row(k, n))
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
	// UnverifiableByRange splits ByReason[unverifiable] by the plan range of
	// the calling number (its prefix): the ranges of operators not
	// connected to the exchange, whose calls nobody can vouch for.
	UnverifiableByRange map[string]int64
}

func (t *CallTotals) add(row kuzet.CallCounter) {
	if t.ByReason == nil {
		t.ByReason = make(map[kuzet.CallReason]int64)
	}
	n := row.Count
	t.Verified += n
	t.ByReason[row.Reason] += n
	if row.Reason.Verdict() == kuzet.VerdictPass {
		t.Passed += n
	} else {
		t.Blocked += n
	}
	if row.Reason == kuzet.ReasonUnverifiable {
		if t.UnverifiableByRange == nil {
			t.UnverifiableByRange = make(map[string]int64)
		}
		t.UnverifiableByRange[row.Range] += n
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
	// ClockOffsets are the operators' clocks against kuzet's, now (not over
	// the period): the organisation the filter names, or every one seen.
	ClockOffsets []ClockOffset
}

// Stats returns the counters f selects: the stored ones plus those not yet
// flushed, so that a figure asked for right after a burst includes it.
func (e *Service) Stats(ctx context.Context, f kuzet.CallCounterFilter) (*CallStats, error) {
	// Holding flushMu keeps a flush from moving counts from memory to the
	// store between the two reads below, which would count them twice.
	e.flushMu.Lock()
	defer e.flushMu.Unlock()
	// Rows are summed by their identity as stored, range by its prefix: a
	// stored row may name a range the plan in use no longer has.
	type rowKey struct {
		day         int64
		org         int64
		reason, rng string
	}
	sum := make(map[rowKey]int64)
	if e.cfg.Store != nil {
		err := kuzet.Transact(ctx, e.cfg.Store, false, func(s kuzet.Tx) error {
			rows, err := s.FindCallCounters(ctx, f)
			if err != nil {
				return err
			}
			for _, r := range rows {
				sum[rowKey{dayFloor(r.Day), r.OrgID, string(r.Reason), r.Range}] += r.Count
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
		r := e.row(k, n)
		sum[rowKey{int64(k.day), k.org, string(r.Reason), r.Range}] += n
	}
	st := &CallStats{CallTotals: CallTotals{ByReason: make(map[kuzet.CallReason]int64)},
		ByOperator: []*OperatorCalls{}, Rows: make([]kuzet.CallCounter, 0, len(sum))}
	byOrg := make(map[int64]*OperatorCalls)
	for k, n := range sum {
		row := kuzet.CallCounter{Day: time.Unix(k.day*86400, 0).UTC(), OrgID: k.org, Reason: kuzet.CallReason(k.reason),
			Range: k.rng, Count: n}
		st.Rows = append(st.Rows, row)
		st.add(row)
		o := byOrg[row.OrgID]
		if o == nil {
			o = &OperatorCalls{OrgID: row.OrgID, CallTotals: CallTotals{ByReason: make(map[kuzet.CallReason]int64)}}
			byOrg[row.OrgID] = o
			st.ByOperator = append(st.ByOperator, o)
		}
		o.add(row)
	}
	sortCounters(st.Rows)
	slices.SortFunc(st.ByOperator, func(a, b *OperatorCalls) int { return cmp.Compare(a.OrgID, b.OrgID) })
	st.ClockOffsets = e.ClockOffsets(f.OrgID)
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
