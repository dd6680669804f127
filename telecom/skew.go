package telecom

import (
	"cmp"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Clock skew. Matching tolerates a difference of Config.Tolerance between
// the originating and the terminating operator's clocks, and refuses times
// further ahead of kuzet's than that. An operator whose clock drifts sees
// its customers' calls fail one day without warning; instead kuzet watches
// the times each operator reports against its own clock, keeps an estimate
// of every operator's offset, and warns once the offset passes half the
// tolerance.
//
// A sample is a call's time minus kuzet's time when the call was reported:
// the operator's offset less the report's delay, which is milliseconds for
// a call reported as it is set up. A batch gives one sample, its freshest
// call's, as the batch's other calls waited in the operator's buffer. The
// estimate is an exponentially weighted mean of the samples, taking at most
// one a millisecond per operator so that the hot path pays one atomic read.

// skewGate is the least time between two samples of one operator.
const skewGate = int64(time.Millisecond)

// skewWeight is how much of the estimate a new sample moves: 1/16.
const skewWeight = 16

// operatorSkew is one operator's estimate.
type operatorSkew struct {
	offset  atomic.Int64  // ns: the operator's clock less kuzet's, estimated
	samples atomic.Uint64 // samples taken
	last    atomic.Int64  // engine time of the last sample, Unix ns
	warned  atomic.Bool   // the offset is past half the tolerance
}

// skews holds the operators' estimates: read without a lock on every call,
// written (copied) only when an operator is first seen.
type skews struct {
	m  atomic.Pointer[map[int64]*operatorSkew]
	mu sync.Mutex
}

func (t *skews) get(org int64) *operatorSkew {
	if m := t.m.Load(); m != nil {
		if s, ok := (*m)[org]; ok {
			return s
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	old := t.m.Load()
	if old != nil {
		if s, ok := (*old)[org]; ok {
			return s
		}
	}
	m := make(map[int64]*operatorSkew, 8)
	if old != nil {
		for k, v := range *old {
			m[k] = v
		}
	}
	s := &operatorSkew{}
	m[org] = s
	t.m.Store(&m)
	return s
}

// observeSkew takes the sample at − now (Unix ns) of operator org, unless
// it is not one: no time, or one further off than the window, which is no
// clock's drift but a stale or garbled report.
func (e *Service) observeSkew(org, at, now int64) {
	x := at - now
	if org == 0 || at == 0 || x > int64(e.cfg.Window) || x < -int64(e.cfg.Window) {
		return
	}
	s := e.skew.get(org)
	last := s.last.Load()
	if now-last < skewGate && last != 0 {
		return
	}
	s.last.Store(now)
	// Two samples racing may lose one's update: the estimate is a mean of
	// many, and the gate makes races rare.
	est := x
	if s.samples.Add(1) > 1 {
		old := s.offset.Load()
		est = old + (x-old)/skewWeight
	}
	s.offset.Store(est)
	half := int64(e.cfg.Tolerance) / 2
	abs := max(est, -est)
	switch {
	case abs > half && !s.warned.Load():
		if !s.warned.Swap(true) {
			e.cfg.Logger.Warn("telecom: an operator's clock drifts: past half the tolerance, its calls will soon be refused or unmatched",
				"org", org, "offset", time.Duration(est).String(), "tolerance", e.cfg.Tolerance.String())
		}
	case abs < half*4/5 && s.warned.Load():
		// Back well inside, not merely by a hair, so that an offset on
		// the edge does not warn on every other sample.
		if s.warned.Swap(false) {
			e.cfg.Logger.Info("telecom: an operator's clock is back within half the tolerance",
				"org", org, "offset", time.Duration(est).String())
		}
	}
}

// atNanos is t in Unix ns, or 0 for the zero time and times Unix ns cannot
// hold.
func atNanos(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	ns, ok := unixNano(t)
	if !ok {
		return 0
	}
	return ns
}

// ClockOffset is the estimate of one operator's clock against kuzet's.
type ClockOffset struct {
	OrgID   int64
	Offset  time.Duration // the operator's clock less kuzet's: positive when it is ahead
	Samples uint64        // the reports it was estimated from
	At      time.Time     // when the last of them came
	// Warning is set while the offset is past half the tolerance: the
	// operator must fix its clock before its calls start failing.
	Warning bool
}

// ClockOffsets returns the estimates of the operators seen so far, by
// organisation, or of one (org not 0).
func (e *Service) ClockOffsets(org int64) []ClockOffset {
	m := e.skew.m.Load()
	if m == nil {
		return []ClockOffset{}
	}
	out := make([]ClockOffset, 0, len(*m))
	for id, s := range *m {
		if org != 0 && id != org || s.samples.Load() == 0 {
			continue
		}
		out = append(out, ClockOffset{OrgID: id, Offset: time.Duration(s.offset.Load()), Samples: s.samples.Load(),
			At: time.Unix(0, s.last.Load()).UTC(), Warning: s.warned.Load()})
	}
	slices.SortFunc(out, func(a, b ClockOffset) int { return cmp.Compare(a.OrgID, b.OrgID) })
	return out
}
