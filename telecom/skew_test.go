package telecom_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/telecom"
)

// syncBuffer is a log destination safe for the engine's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestClockSkew: each operator's clock offset is estimated from the times
// it reports, and a drift past half the tolerance is warned of, while its
// calls still match.
func TestClockSkew(t *testing.T) {
	var logs syncBuffer
	e, clock := MustEngine(t, telecom.Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	ctx := context.Background()
	offset := func(org int64) telecom.ClockOffset {
		t.Helper()
		for _, o := range e.ClockOffsets(0) {
			if o.OrgID == org {
				return o
			}
		}
		t.Fatalf("no clock offset of operator %d among %+v", org, e.ClockOffsets(0))
		return telecom.ClockOffset{}
	}
	// Operator A's clock is 200 ms behind; B's 6 s ahead, past half the
	// 10 s tolerance.
	for i := range 40 {
		clock.Add(time.Millisecond)
		a := telecom.Call{A: "+77011234567", B: "+77021234567", At: clock.At(-200 * time.Millisecond), CallID: "c" + pad4(i)}
		if errs, err := e.Originate(ctx, opA, []telecom.Call{a}); err != nil || errs[0] != nil {
			t.Fatalf("originate: %v %v", err, errs)
		}
		v := verifyCall(clock, "+77011234567", "+77021234567", dom)
		v.At = clock.At(6 * time.Second)
		if got := mustVerify(t, e, v); got != kuzet.ReasonOK {
			t.Fatalf("call %d: got %s, want ok: 6.2 s apart is within the tolerance", i, got)
		}
	}
	if a := offset(opA); a.Offset != -200*time.Millisecond || a.Warning || a.Samples != 40 {
		t.Errorf("operator A: got %+v, want -200ms from 40 samples, no warning", a)
	}
	if b := offset(opB); b.Offset != 6*time.Second || !b.Warning {
		t.Errorf("operator B: got %+v, want 6s and a warning", b)
	}
	if n := strings.Count(logs.String(), "clock drifts"); n != 1 {
		t.Errorf("got %d warnings, want 1:\n%s", n, logs.String())
	}

	// Samples closer than a millisecond are not taken, nor are times off
	// by more than the window (a stale report, not a clock).
	before := offset(opB).Samples
	mustVerify(t, e, verifyCall(clock, "+442071234567", "+77021234567", intl))
	clock.Add(time.Millisecond)
	stale := verifyCall(clock, "+442071234567", "+77021234567", intl)
	stale.At = clock.At(-time.Hour)
	e.Verify(ctx, stale)
	if got := offset(opB).Samples; got != before {
		t.Errorf("samples: got %d, want still %d", got, before)
	}

	// B fixes its clock: the estimate follows and the warning clears.
	for range 20 {
		clock.Add(time.Millisecond)
		mustVerify(t, e, verifyCall(clock, "+442071234567", "+77021234567", intl))
	}
	if b := offset(opB); b.Warning || b.Offset > 3*time.Second || b.Offset <= 0 {
		t.Errorf("operator B after its fix: got %+v, want under half the tolerance, no warning", b)
	}
	if !strings.Contains(logs.String(), "back within half the tolerance") {
		t.Errorf("no notice of the recovery:\n%s", logs.String())
	}
	// The statistics carry the line, for one operator or all.
	st, err := e.Stats(ctx, kuzet.CallCounterFilter{OrgID: opA})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.ClockOffsets) != 1 || st.ClockOffsets[0].OrgID != opA {
		t.Errorf("stats of A: got offsets %+v, want A's", st.ClockOffsets)
	}
	if got := len(e.Metrics().ClockOffsets); got != 2 {
		t.Errorf("metrics: got %d offsets, want 2", got)
	}
}

// TestClockSkewRefused: an operator's clock past the tolerance gets its
// registrations refused, and the offset shows why.
func TestClockSkewRefused(t *testing.T) {
	e, clock := MustEngine(t, telecom.Config{})
	c := telecom.Call{A: "+77011234567", B: "+77021234567", At: clock.At(12 * time.Second), CallID: "c1"}
	errs, err := e.Originate(context.Background(), opA, []telecom.Call{c})
	if err != nil || kuzet.ErrorCode(errs[0]) != kuzet.EINVALID {
		t.Fatalf("a registration 12 s ahead: got %v %v, want invalid", err, errs)
	}
	if o := e.ClockOffsets(opA); len(o) != 1 || o[0].Offset != 12*time.Second || !o[0].Warning {
		t.Errorf("got %+v, want 12s, warned", o)
	}
}
