package telecom_test

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/telecom"
)

func TestActiveCall(t *testing.T) {
	const (
		victim = "+77021230000"
		friend = "+77011110000"
	)
	synctest.Test(t, func(t *testing.T) {
		e, clock := MustEngine(t, telecom.Config{Flagged: func(n string) bool { return n == "+447700900666" }})
		signal := func() telecom.ActiveCall {
			t.Helper()
			a, err := e.Signal(victim, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			return a
		}
		if got := signal(); got != (telecom.ActiveCall{}) {
			t.Errorf("quiet number: got %+v, want nothing", got)
		}

		// A friend's first call raises first_time; calls after it do not.
		mustRegister(t, e, call(clock, friend, victim, opA, "f1"))
		mustVerify(t, e, verifyCall(clock, friend, victim, dom))
		if got, want := signal(), (telecom.ActiveCall{Active: true, FirstTime: true}); got != want {
			t.Errorf("first call: got %+v, want %+v", got, want)
		}
		clock.Add(16 * time.Minute)
		if got := signal(); got.Active {
			t.Errorf("16 minutes on: got %+v, want nothing", got)
		}
		mustRegister(t, e, call(clock, friend, victim, opA, "f2"))
		mustVerify(t, e, verifyCall(clock, friend, victim, dom))
		if got := signal(); got.Active {
			t.Errorf("the friend again: got %+v, want nothing", got)
		}

		// A foreign caller; then a spoofed one and a flagged one, blocked:
		// they never connected, so they put the victim on no call, but
		// someone is after the victim.
		mustVerify(t, e, verifyCall(clock, "+447700900123", victim, intl))
		if got, want := signal(), (telecom.ActiveCall{Active: true, Foreign: true, FirstTime: true}); got != want {
			t.Errorf("foreign caller: got %+v, want %+v", got, want)
		}
		clock.Add(16 * time.Minute)
		if got := signal(); got != (telecom.ActiveCall{}) {
			t.Errorf("16 minutes on: got %+v, want nothing", got)
		}
		if got := mustVerify(t, e, verifyCall(clock, "+77015550000", victim, dom)); got != kuzet.ReasonNotOriginated {
			t.Fatalf("spoofed caller: got %s", got)
		}
		if got, want := signal(), (telecom.ActiveCall{Targeted: true}); got != want {
			t.Errorf("spoofed caller: got %+v, want %+v", got, want)
		}
		if got := mustVerify(t, e, verifyCall(clock, "+447700900666", victim, intl)); got != kuzet.ReasonFlaggedNumber {
			t.Fatalf("flagged caller: got %s", got)
		}
		if got, want := signal(), (telecom.ActiveCall{Targeted: true}); got != want {
			t.Errorf("flagged caller: got %+v, want %+v", got, want)
		}
		// A caller whose operator is not connected passes, unverified.
		mustVerify(t, e, verifyCall(clock, "+77031234567", victim, dom))
		if got, want := signal(), (telecom.ActiveCall{Active: true, Unverified: true, FirstTime: true, Targeted: true}); got != want {
			t.Errorf("unverifiable caller: got %+v, want %+v", got, want)
		}
		// The call's signal goes down after 15 minutes, the attempt's after
		// an hour.
		clock.Add(15*time.Minute + time.Second)
		if got, want := signal(), (telecom.ActiveCall{Targeted: true}); got != want {
			t.Errorf("15 minutes on: got %+v, want %+v", got, want)
		}
		clock.Add(45 * time.Minute)
		if got := signal(); got != (telecom.ActiveCall{}) {
			t.Errorf("an hour on: got %+v, want nothing", got)
		}
		if a, err := e.Signal(victim, t0.Add(33*time.Minute)); err != nil || !a.Targeted || !a.Unverified {
			t.Errorf("asked at an earlier time: got %+v %v, want targeted and unverified", a, err)
		}
	})
}

func TestActiveCallErrors(t *testing.T) {
	e, _ := MustEngine(t, telecom.Config{})
	for _, msisdn := range []string{"", "8 701 123 45 67", "+0701"} {
		_, err := e.Signal(msisdn, time.Time{})
		if got := kuzet.ErrorCode(err); got != kuzet.EINVALID {
			t.Errorf("%q: got code %q, want %q", msisdn, got, kuzet.EINVALID)
		}
	}
}

// TestSignalsBounded floods the signal with distinct callees: the engine
// holds at most MaxSignals of them.
func TestSignalsBounded(t *testing.T) {
	const max = 640
	// A generous deadline: under the race detector a batch this size takes
	// longer than 50 ms, and this test is about memory, not speed.
	e, clock := MustEngine(t, telecom.Config{MaxSignals: max, Deadline: time.Minute})
	var calls []telecom.Call
	for i := range 20_000 {
		calls = append(calls, verifyCall(clock, "+442071234567", "+7702"+pad7(i), intl))
	}
	for _, r := range e.VerifyBatch(t.Context(), calls) {
		if r.Err != nil || r.Verdict.Reason != kuzet.ReasonOK {
			t.Fatalf("got %v %v, want ok", r.Verdict, r.Err)
		}
	}
	if got := e.Metrics().Signals; got > max {
		t.Errorf("Signals: got %d, want at most %d", got, max)
	}
	last, err := e.Signal(calls[len(calls)-1].B, time.Time{})
	if err != nil || !last.Foreign {
		t.Errorf("the latest callee: got %+v %v, want foreign", last, err)
	}
}
