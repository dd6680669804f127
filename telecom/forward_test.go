package telecom_test

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/telecom"
)

// forwarded returns operator B's verification of a call to c that was
// forwarded from the number the caller dialled, dialled.
func forwarded(clock *testClock, a, c, dialled string) telecom.Call {
	v := verifyCall(clock, a, c, dom)
	v.RedirectedFrom = dialled
	return v
}

// TestForwarding: a registration A→B supports the verification of A→C
// forwarded from B, once; nothing else does.
func TestForwarding(t *testing.T) {
	const (
		a    = "+77011234567" // operator A's subscriber calls
		b    = "+77011112222" // B, who forwards to
		c    = "+77021234567" // C, at operator B
		d    = "+77021239999"
		dead = "+77990000000" // unallocated: nobody could have dialled it
	)
	tests := []struct {
		name  string
		setup func(t *testing.T, e *telecom.Service, clock *testClock)
		calls func(clock *testClock) []telecom.Call
		want  []kuzet.CallReason
	}{
		{
			name:  "registered to the number dialled",
			setup: func(t *testing.T, e *telecom.Service, k *testClock) { mustRegister(t, e, call(k, a, b, opA, "c1")) },
			calls: func(k *testClock) []telecom.Call { return []telecom.Call{forwarded(k, a, c, b)} },
			want:  []kuzet.CallReason{kuzet.ReasonOK},
		},
		{
			name:  "the forwarded call without its redirected_from",
			setup: func(t *testing.T, e *telecom.Service, k *testClock) { mustRegister(t, e, call(k, a, b, opA, "c1")) },
			calls: func(k *testClock) []telecom.Call { return []telecom.Call{verifyCall(k, a, c, dom)} },
			want:  []kuzet.CallReason{kuzet.ReasonNotOriginated},
		},
		{
			name:  "a redirected_from no registration supports",
			calls: func(k *testClock) []telecom.Call { return []telecom.Call{forwarded(k, a, c, b)} },
			want:  []kuzet.CallReason{kuzet.ReasonNotOriginated},
		},
		{
			name:  "another number dialled",
			setup: func(t *testing.T, e *telecom.Service, k *testClock) { mustRegister(t, e, call(k, a, d, opA, "c1")) },
			calls: func(k *testClock) []telecom.Call { return []telecom.Call{forwarded(k, a, c, b)} },
			want:  []kuzet.CallReason{kuzet.ReasonNotOriginated},
		},
		{
			name:  "the caller's operator registered the forwarded leg",
			setup: func(t *testing.T, e *telecom.Service, k *testClock) { mustRegister(t, e, call(k, a, c, opA, "c1")) },
			calls: func(k *testClock) []telecom.Call { return []telecom.Call{forwarded(k, a, c, b)} },
			want:  []kuzet.CallReason{kuzet.ReasonOK},
		},
		{
			name:  "one registration supports one forwarded call",
			setup: func(t *testing.T, e *telecom.Service, k *testClock) { mustRegister(t, e, call(k, a, b, opA, "c1")) },
			calls: func(k *testClock) []telecom.Call {
				return []telecom.Call{forwarded(k, a, c, b), forwarded(k, a, d, b), verifyCall(k, a, b, dom)}
			},
			want: []kuzet.CallReason{kuzet.ReasonOK, kuzet.ReasonNotOriginated, kuzet.ReasonNotOriginated},
		},
		{
			name:  "an unallocated redirected_from is no forwarding",
			setup: func(t *testing.T, e *telecom.Service, k *testClock) { mustRegister(t, e, call(k, a, c, opA, "c1")) },
			calls: func(k *testClock) []telecom.Call {
				return []telecom.Call{forwarded(k, a, c, dead), forwarded(k, a, d, dead)}
			},
			want: []kuzet.CallReason{kuzet.ReasonOK, kuzet.ReasonNotOriginated},
		},
		{
			name: "a number of a range no member holds, forwarded",
			calls: func(k *testClock) []telecom.Call {
				return []telecom.Call{forwarded(k, "+77031234567", c, b)}
			},
			want: []kuzet.CallReason{kuzet.ReasonUnverifiable},
		},
		{
			name:  "forwarded from abroad is still from abroad",
			setup: func(t *testing.T, e *telecom.Service, k *testClock) { mustRegister(t, e, call(k, a, b, opA, "c1")) },
			calls: func(k *testClock) []telecom.Call {
				v := forwarded(k, a, c, b)
				v.Ingress = intl
				return []telecom.Call{v}
			},
			want: []kuzet.CallReason{kuzet.ReasonDomesticCLIFromAbroad},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				e, clock := MustEngine(t, telecom.Config{})
				if tc.setup != nil {
					tc.setup(t, e, clock)
				}
				for i, v := range tc.calls(clock) {
					if got := mustVerify(t, e, v); got != tc.want[i] {
						t.Errorf("call %d: got %s, want %s", i, got, tc.want[i])
					}
				}
			})
		})
	}
}

// TestForwardingRace: the registration of the dialled number may land just
// after the forwarded call's verification, which waits for it.
func TestForwardingRace(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, clock := MustEngine(t, telecom.Config{})
		go func() {
			time.Sleep(10 * time.Millisecond)
			mustRegister(t, e, call(clock, "+77011234567", "+77011112222", opA, "c1"))
		}()
		if got := mustVerify(t, e, forwarded(clock, "+77011234567", "+77021234567", "+77011112222")); got != kuzet.ReasonOK {
			t.Errorf("got %s, want ok", got)
		}
		// The signal is the callee's, C's, who took the call.
		if sig, _ := e.Signal("+77021234567", time.Time{}); !sig.FirstTime {
			t.Errorf("callee's signal: got %+v, want first_time", sig)
		}
		if sig, _ := e.Signal("+77011112222", time.Time{}); sig.Active {
			t.Errorf("forwarding number's signal: got %+v, want nothing", sig)
		}
	})
}

// TestRetries: a verification asked again (same operator, A, B and time,
// with its call ID or without) gets the verdict it had and counts once,
// whatever it was and whatever arrived since; it takes no registration
// meant for another call.
func TestRetries(t *testing.T) {
	const (
		b          = "+77021234567"
		registered = "+77011234567"
		spoofed    = "+77015550000"
	)
	anon := func(v telecom.Call) telecom.Call { v.CallID = ""; return v }
	synctest.Test(t, func(t *testing.T) {
		e, clock := MustEngine(t, telecom.Config{})
		mustRegister(t, e, call(clock, registered, b, opA, "c1"))
		mustRegister(t, e, call(clock, registered, b, opA, "c2"))
		next := func(v telecom.Call) telecom.Call { clock.Add(time.Millisecond); return v }
		calls := []struct {
			name string
			v    telecom.Call
			want kuzet.CallReason
		}{
			{"registered", next(verifyCall(clock, registered, b, dom)), kuzet.ReasonOK},
			{"registered, asked without a call ID", next(anon(verifyCall(clock, registered, b, dom))), kuzet.ReasonOK},
			{"not originated", next(verifyCall(clock, spoofed, b, dom)), kuzet.ReasonNotOriginated},
			{"unverifiable", next(verifyCall(clock, "+77031234567", b, dom)), kuzet.ReasonUnverifiable},
			{"from abroad", next(verifyCall(clock, "+77015550001", b, intl)), kuzet.ReasonDomesticCLIFromAbroad},
			{"foreign", next(verifyCall(clock, "+442071234567", b, intl)), kuzet.ReasonOK},
		}
		for _, c := range calls {
			// The call's own time: the clock has moved on by the time it is
			// verified.
			if got := mustVerify(t, e, c.v); got != c.want {
				t.Fatalf("%s: got %s, want %s", c.name, got, c.want)
			}
		}
		// Registrations for other calls between the same numbers arrive.
		for i, a := range []string{registered, registered, spoofed} {
			mustRegister(t, e, call(clock, a, b, opA, "late"+strconv.Itoa(i)))
		}
		clock.Add(5 * time.Second)
		for _, c := range calls {
			retries := map[string]telecom.Call{"as it was": c.v, "without a call ID": anon(c.v)}
			if c.v.CallID == "" {
				withID := c.v
				withID.CallID = "now-with-an-id"
				retries["with a call ID"] = withID
			}
			for name, retry := range retries {
				if got := mustVerify(t, e, retry); got != c.want {
					t.Errorf("%s, retried %s: got %s, want %s", c.name, name, got, c.want)
				}
			}
		}
		stats := func() *telecom.CallStats {
			st, err := e.Stats(context.Background(), kuzet.CallCounterFilter{})
			if err != nil {
				t.Fatal(err)
			}
			return st
		}
		if st := stats(); st.Verified != int64(len(calls)) {
			t.Errorf("counted %d verdicts (%v), want %d: a retry counts once", st.Verified, st.ByReason, len(calls))
		}
		// The late registrations are all there for the calls they belong to.
		for i, a := range []string{registered, registered, spoofed} {
			if got := mustVerify(t, e, verifyCall(clock, a, b, dom)); got != kuzet.ReasonOK {
				t.Errorf("new call %d from %s: got %s, want ok: a retry took its registration", i, a, got)
			}
		}
		// A different call ID at the same time is a different call.
		other := calls[2].v
		other.CallID = "different"
		if got := mustVerify(t, e, other); got != kuzet.ReasonNotOriginated {
			t.Errorf("a second call at the same time: got %s, want not_originated", got)
		}
		if st := stats(); st.Verified != int64(len(calls))+4 {
			t.Errorf("counted %d verdicts, want %d", st.Verified, len(calls)+4)
		}
	})
}

// TestConcurrentRetries: retries racing each other get one verdict between
// them and count once.
func TestConcurrentRetries(t *testing.T) {
	e, clock := MustEngine(t, telecom.Config{})
	calls := []telecom.Call{
		verifyCall(clock, "+77031234567", "+77021234567", dom),  // unverifiable
		verifyCall(clock, "+77015550001", "+77021234567", intl), // from abroad
	}
	var wg sync.WaitGroup
	got := make([][]telecom.Result, 8)
	for i := range got {
		wg.Go(func() { got[i] = e.VerifyBatch(context.Background(), calls) })
	}
	wg.Wait()
	for i := range got {
		if got[i][0].Verdict.Reason != kuzet.ReasonUnverifiable || got[i][1].Verdict.Reason != kuzet.ReasonDomesticCLIFromAbroad {
			t.Errorf("batch %d: got %v", i, got[i])
		}
	}
	st, err := e.Stats(context.Background(), kuzet.CallCounterFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Verified != 2 {
		t.Errorf("counted %v, want 2 verdicts", st.ByReason)
	}
}
