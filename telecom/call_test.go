package telecom_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/telecom"
)

const (
	intl = kuzet.IngressInternational
	dom  = kuzet.IngressDomestic
)

// TestVerifyReasons shows each reason and the pass path. Waiting for late
// registrations runs on synctest's fake time, so not_originated costs no
// real grace period.
func TestVerifyReasons(t *testing.T) {
	const (
		mobA     = "+77011234567" // operator A's subscriber
		mobB     = "+77021234567" // operator B's subscriber
		fixed    = "+77272590000" // an Almaty fixed line
		roamer   = "+77017770000"
		bankLine = "+77272501234" // inbound-only, on the DNO list
		flagged  = "+77019999999"
		foreignA = "+442071234567"
		russian  = "+79161234567"
		// Ranges of the plan no test operator holds.
		unheld        = "+77031234567"
		unheldFixed   = "+77152123456"
		unheldFlagged = "+77039999999"
	)
	tests := []struct {
		name  string
		setup func(t *testing.T, e *telecom.Service, clock *testClock)
		call  func(clock *testClock) telecom.Call
		want  kuzet.CallReason
	}{
		{
			name: "registered domestic call passes",
			setup: func(t *testing.T, e *telecom.Service, c *testClock) {
				mustRegister(t, e, call(c, mobA, mobB, opA, "c1"))
			},
			call: func(c *testClock) telecom.Call { return verifyCall(c, mobA, mobB, dom) },
			want: kuzet.ReasonOK,
		},
		{
			name: "unregistered domestic call is not originated",
			call: func(c *testClock) telecom.Call { return verifyCall(c, mobA, mobB, dom) },
			want: kuzet.ReasonNotOriginated,
		},
		{
			name: "registration for another B does not count",
			setup: func(t *testing.T, e *telecom.Service, c *testClock) {
				mustRegister(t, e, call(c, mobA, "+77021111111", opA, "c1"))
			},
			call: func(c *testClock) telecom.Call { return verifyCall(c, mobA, mobB, dom) },
			want: kuzet.ReasonNotOriginated,
		},
		{
			name: "unregistered fixed line is not originated",
			call: func(c *testClock) telecom.Call { return verifyCall(c, fixed, mobB, dom) },
			want: kuzet.ReasonNotOriginated,
		},
		{
			name: "domestic mobile from abroad",
			call: func(c *testClock) telecom.Call { return verifyCall(c, mobA, mobB, intl) },
			want: kuzet.ReasonDomesticCLIFromAbroad,
		},
		{
			name: "domestic mobile from abroad even when registered",
			setup: func(t *testing.T, e *telecom.Service, c *testClock) {
				mustRegister(t, e, call(c, mobA, mobB, opA, "c1"))
			},
			call: func(c *testClock) telecom.Call { return verifyCall(c, mobA, mobB, intl) },
			want: kuzet.ReasonDomesticCLIFromAbroad,
		},
		{
			name: "fixed line from abroad",
			call: func(c *testClock) telecom.Call { return verifyCall(c, fixed, mobB, intl) },
			want: kuzet.ReasonDomesticCLIFromAbroad,
		},
		{
			name: "roamer calling home passes",
			setup: func(t *testing.T, e *telecom.Service, c *testClock) {
				mustRoam(t, e, opA, roamer, kuzet.RoamingAbroad, c.Now())
			},
			call: func(c *testClock) telecom.Call { return verifyCall(c, roamer, mobB, intl) },
			want: kuzet.ReasonOK,
		},
		{
			name: "roamer's number on a domestic trunk still needs a registration",
			setup: func(t *testing.T, e *telecom.Service, c *testClock) {
				mustRoam(t, e, opA, roamer, kuzet.RoamingAbroad, c.Now())
			},
			call: func(c *testClock) telecom.Call { return verifyCall(c, roamer, mobB, dom) },
			want: kuzet.ReasonNotOriginated,
		},
		{
			name: "foreign number from abroad passes",
			call: func(c *testClock) telecom.Call { return verifyCall(c, foreignA, mobB, intl) },
			want: kuzet.ReasonOK,
		},
		{
			name: "Russian +7 number from abroad is foreign and passes",
			call: func(c *testClock) telecom.Call { return verifyCall(c, russian, mobB, intl) },
			want: kuzet.ReasonOK,
		},
		{
			name: "foreign number on a domestic trunk (inbound roamer) passes",
			call: func(c *testClock) telecom.Call { return verifyCall(c, foreignA, mobB, dom) },
			want: kuzet.ReasonOK,
		},
		{
			name:  "DNO number from abroad",
			setup: func(t *testing.T, e *telecom.Service, c *testClock) { mustDNO(t, e, bankLine) },
			call:  func(c *testClock) telecom.Call { return verifyCall(c, bankLine, mobB, intl) },
			want:  kuzet.ReasonDNO,
		},
		{
			name: "DNO number even when registered",
			setup: func(t *testing.T, e *telecom.Service, c *testClock) {
				mustDNO(t, e, mobA)
				mustRegister(t, e, call(c, mobA, mobB, opA, "c1"))
			},
			call: func(c *testClock) telecom.Call { return verifyCall(c, mobA, mobB, dom) },
			want: kuzet.ReasonDNO,
		},
		{
			name: "unallocated +7 799",
			call: func(c *testClock) telecom.Call { return verifyCall(c, "+77990000000", mobB, dom) },
			want: kuzet.ReasonInvalidCLI,
		},
		{
			name: "unallocated +7 990 from abroad",
			call: func(c *testClock) telecom.Call { return verifyCall(c, "+79900000000", mobB, intl) },
			want: kuzet.ReasonInvalidCLI,
		},
		{
			name: "wrong length",
			call: func(c *testClock) telecom.Call { return verifyCall(c, "+7701123456", mobB, dom) },
			want: kuzet.ReasonInvalidCLI,
		},
		{
			name: "leading zero",
			call: func(c *testClock) telecom.Call { return verifyCall(c, "+07011234567", mobB, intl) },
			want: kuzet.ReasonInvalidCLI,
		},
		{
			name: "longer than E.164",
			call: func(c *testClock) telecom.Call { return verifyCall(c, "+7701123456789012345678", mobB, intl) },
			want: kuzet.ReasonInvalidCLI,
		},
		{
			name: "flagged registered number",
			setup: func(t *testing.T, e *telecom.Service, c *testClock) {
				mustRegister(t, e, call(c, flagged, mobB, opA, "c1"))
			},
			call: func(c *testClock) telecom.Call { return verifyCall(c, flagged, mobB, dom) },
			want: kuzet.ReasonFlaggedNumber,
		},
		{
			name: "flagged foreign number",
			call: func(c *testClock) telecom.Call { return verifyCall(c, "+447700900666", mobB, intl) },
			want: kuzet.ReasonFlaggedNumber,
		},
		{
			name: "unregistered flagged number is not originated first",
			call: func(c *testClock) telecom.Call { return verifyCall(c, flagged, mobB, dom) },
			want: kuzet.ReasonNotOriginated,
		},
		{
			name: "a range no member holds cannot be verified, and passes",
			call: func(c *testClock) telecom.Call { return verifyCall(c, unheld, mobB, dom) },
			want: kuzet.ReasonUnverifiable,
		},
		{
			name: "an unheld fixed-line range passes as unverifiable",
			call: func(c *testClock) telecom.Call { return verifyCall(c, unheldFixed, mobB, dom) },
			want: kuzet.ReasonUnverifiable,
		},
		{
			name: "an unheld range from abroad is still from abroad",
			call: func(c *testClock) telecom.Call { return verifyCall(c, unheld, mobB, intl) },
			want: kuzet.ReasonDomesticCLIFromAbroad,
		},
		{
			name:  "an unheld range on the DNO list",
			setup: func(t *testing.T, e *telecom.Service, c *testClock) { mustDNO(t, e, unheld) },
			call:  func(c *testClock) telecom.Call { return verifyCall(c, unheld, mobB, dom) },
			want:  kuzet.ReasonDNO,
		},
		{
			name: "an unheld range's flagged number",
			call: func(c *testClock) telecom.Call { return verifyCall(c, unheldFlagged, mobB, dom) },
			want: kuzet.ReasonFlaggedNumber,
		},
		{
			name: "a number of an unheld range ported to a member needs its registration",
			setup: func(t *testing.T, e *telecom.Service, c *testClock) {
				mustPort(t, e, unheld, opA)
			},
			call: func(c *testClock) telecom.Call { return verifyCall(c, unheld, mobB, dom) },
			want: kuzet.ReasonNotOriginated,
		},
		{
			name: "a number of an unheld range ported to a member, registered",
			setup: func(t *testing.T, e *telecom.Service, c *testClock) {
				mustPort(t, e, unheld, opA)
				mustRegister(t, e, call(c, unheld, mobB, opA, "c1"))
			},
			call: func(c *testClock) telecom.Call { return verifyCall(c, unheld, mobB, dom) },
			want: kuzet.ReasonOK,
		},
	}
	isFlagged := func(n string) bool { return n == flagged || n == "+447700900666" || n == unheldFlagged }
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				e, clock := MustEngine(t, telecom.Config{Flagged: isFlagged})
				if tc.setup != nil {
					tc.setup(t, e, clock)
				}
				if got := mustVerify(t, e, tc.call(clock)); got != tc.want {
					t.Errorf("got %s, want %s", got, tc.want)
				}
			})
		})
	}
}

func mustRoam(tb testing.TB, e *telecom.Service, org int64, msisdn string, state kuzet.RoamingState, at time.Time) {
	tb.Helper()
	errs, err := e.UpdateRoaming(context.Background(), org, []kuzet.Roaming{{MSISDN: msisdn, State: state, Country: "tr", At: at}})
	if err != nil || errs[0] != nil {
		tb.Fatalf("UpdateRoaming: %v %v", err, errs)
	}
}

func mustPort(tb testing.TB, e *telecom.Service, msisdn string, org int64) {
	tb.Helper()
	errs, err := e.SetPortings(context.Background(), 9, []kuzet.Porting{{MSISDN: msisdn, OrgID: org}})
	if err == nil {
		err = errs[0]
	}
	if err != nil {
		tb.Fatalf("SetPortings(%s → %d): %v", msisdn, org, err)
	}
}

func mustDNO(tb testing.TB, e *telecom.Service, number string) {
	tb.Helper()
	errs, err := e.AddDNO(context.Background(), 9, []string{number})
	if err != nil || errs[0] != nil {
		tb.Fatalf("AddDNO: %v %v", err, errs)
	}
}

// TestVerifyItemErrors checks that malformed items get errors naming their
// field, and that a batch answers the good items anyway.
func TestVerifyItemErrors(t *testing.T) {
	e, clock := MustEngine(t, telecom.Config{})
	ok := verifyCall(clock, "+442071234567", "+77021234567", intl)
	with := func(f func(*telecom.Call)) telecom.Call { c := ok; f(&c); return c }
	tests := []struct {
		name  string
		call  telecom.Call
		field string
		msg   string
	}{
		{"malformed a", with(func(c *telecom.Call) { c.A = "not-a-number" }), "a", "not an E.164"},
		{"missing a", with(func(c *telecom.Call) { c.A = "" }), "a", "required"},
		{"missing b", with(func(c *telecom.Call) { c.B = "" }), "b", "required"},
		{"malformed b", with(func(c *telecom.Call) { c.B = "8 701 123" }), "b", "not an E.164"},
		{"unallocated b", with(func(c *telecom.Call) { c.B = "+77990000000" }), "b", "not an allocated"},
		{"bad ingress", with(func(c *telecom.Call) { c.Ingress = "satellite" }), "ingress", "domestic or international"},
		{"missing ingress", with(func(c *telecom.Call) { c.Ingress = "" }), "ingress", "domestic or international"},
		{"missing at", with(func(c *telecom.Call) { c.At = time.Time{} }), "at", "required"},
		{"at older than the window", with(func(c *telecom.Call) { c.At = t0.Add(-121 * time.Second) }), "at", "in the past"},
		{"at a day old", with(func(c *telecom.Call) { c.At = t0.Add(-24 * time.Hour) }), "at", "in the past"},
		{"at in the future", with(func(c *telecom.Call) { c.At = t0.Add(11 * time.Second) }), "at", "in the future"},
		{"at in year 1", with(func(c *telecom.Call) { c.At = time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC) }), "at", "in the past"},
		{"at in year 9999", with(func(c *telecom.Call) { c.At = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC) }), "at", "in the future"},
		{"long call id", with(func(c *telecom.Call) { c.CallID = strings.Repeat("x", 300) }), "call_id", "longer"},
		{"malformed redirected_from", with(func(c *telecom.Call) { c.RedirectedFrom = "8 701 111 22 33" }), "redirected_from", "not an E.164"},
	}
	calls := []telecom.Call{ok}
	for _, tc := range tests {
		calls = append(calls, tc.call)
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.Verify(context.Background(), tc.call)
			checkFieldError(t, err, kuzet.EINVALID, tc.field, tc.msg)
		})
	}
	t.Run("batch", func(t *testing.T) {
		calls = append(calls, ok)
		res := e.VerifyBatch(context.Background(), calls)
		if len(res) != len(calls) {
			t.Fatalf("got %d results, want %d", len(res), len(calls))
		}
		for i, r := range res {
			wantErr := i > 0 && i < len(calls)-1
			if (r.Err != nil) != wantErr {
				t.Errorf("item %d: got error %v, want error %v", i, r.Err, wantErr)
			}
			if !wantErr && r.Verdict.Reason != kuzet.ReasonOK {
				t.Errorf("item %d: got %s, want %s", i, r.Verdict.Reason, kuzet.ReasonOK)
			}
		}
	})
	t.Run("at within the window", func(t *testing.T) {
		for _, d := range []time.Duration{-119 * time.Second, 10 * time.Second} {
			if _, err := e.Verify(context.Background(), with(func(c *telecom.Call) { c.At = t0.Add(d) })); err != nil {
				t.Errorf("at now%+v: got %v, want no error", d, err)
			}
		}
	})
}

func checkFieldError(tb testing.TB, err error, code, field, msg string) {
	tb.Helper()
	if got := kuzet.ErrorCode(err); got != code {
		tb.Fatalf("got code %q (%v), want %q", got, err, code)
	}
	fields := kuzet.ErrorFields(err)
	if len(fields) != 1 || fields[0].Field != field {
		tb.Errorf("got fields %v, want one for %q", fields, field)
	}
	if !strings.Contains(kuzet.ErrorMessage(err), msg) {
		tb.Errorf("got message %q, want it to contain %q", kuzet.ErrorMessage(err), msg)
	}
}

func TestRegisterErrors(t *testing.T) {
	e, clock := MustEngine(t, telecom.Config{})
	tests := []struct {
		name  string
		call  telecom.Call
		code  string
		field string
	}{
		{"another operator's range", call(clock, "+77021111111", "+77011234567", opA, "x"), kuzet.EFORBIDDEN, "a"},
		{"no operator", call(clock, "+77011111111", "+77021234567", 0, "x"), kuzet.EFORBIDDEN, "a"},
		{"a foreign number", call(clock, "+442071234567", "+77021234567", opA, "x"), kuzet.EFORBIDDEN, "a"},
		{"an unallocated number", call(clock, "+77990000000", "+77021234567", opA, "x"), kuzet.EINVALID, "a"},
		{"a malformed number", call(clock, "7701 111", "+77021234567", opA, "x"), kuzet.EINVALID, "a"},
		{"a malformed b", call(clock, "+77011111111", "x", opA, "x"), kuzet.EINVALID, "b"},
		{"an old call", telecom.Call{A: "+77011111111", B: "+77021234567", At: t0.Add(-3 * time.Minute), OrgID: opA}, kuzet.EINVALID, "at"},
		{"a future call", telecom.Call{A: "+77011111111", B: "+77021234567", At: t0.Add(time.Minute), OrgID: opA}, kuzet.EINVALID, "at"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := e.Register(tc.call)
			if got := kuzet.ErrorCode(err); got != tc.code {
				t.Fatalf("got code %q (%v), want %q", got, err, tc.code)
			}
			if f := kuzet.ErrorFields(err); len(f) != 1 || f[0].Field != tc.field {
				t.Errorf("got fields %v, want one for %q", f, tc.field)
			}
		})
	}
	t.Run("batch", func(t *testing.T) {
		errs := e.RegisterBatch([]telecom.Call{
			call(clock, "+77011111111", "+77021234567", opA, "ok1"),
			call(clock, "+77021111111", "+77011234567", opA, "forbidden"),
			call(clock, "+77751111111", "+77021234567", opA, "ok2"),
		})
		for i, want := range []string{"", kuzet.EFORBIDDEN, ""} {
			if got := kuzet.ErrorCode(errs[i]); got != want {
				t.Errorf("item %d: got code %q, want %q", i, got, want)
			}
		}
	})
	if got := e.Metrics().Rejected; got != uint64(len(tests)+1) {
		t.Errorf("Rejected: got %d, want %d", got, len(tests)+1)
	}
}

// TestForeignRangeRegistrationIgnored is the acceptance check: an operator
// registering a call from another's range makes nothing verifiable.
func TestForeignRangeRegistrationIgnored(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, clock := MustEngine(t, telecom.Config{})
		if err := e.Register(call(clock, "+77021111111", "+77011234567", opA, "c-x")); kuzet.ErrorCode(err) != kuzet.EFORBIDDEN {
			t.Fatalf("got %v, want %s", err, kuzet.EFORBIDDEN)
		}
		if got := mustVerify(t, e, verifyCall(clock, "+77021111111", "+77011234567", dom)); got != kuzet.ReasonNotOriginated {
			t.Errorf("got %s, want %s", got, kuzet.ReasonNotOriginated)
		}
	})
}

func TestTolerance(t *testing.T) {
	const a, b = "+77011234567", "+77021234567"
	tests := []struct {
		skew time.Duration // verification's at minus registration's
		want kuzet.CallReason
	}{
		{0, kuzet.ReasonOK},
		{10 * time.Second, kuzet.ReasonOK},
		{-10 * time.Second, kuzet.ReasonOK},
		{10*time.Second + time.Millisecond, kuzet.ReasonNotOriginated},
		{-10*time.Second - time.Millisecond, kuzet.ReasonNotOriginated},
		{-time.Minute, kuzet.ReasonNotOriginated},
	}
	for _, tc := range tests {
		t.Run(tc.skew.String(), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				e, _ := MustEngine(t, telecom.Config{})
				reg := t0.Add(-30 * time.Second)
				mustRegister(t, e, telecom.Call{A: a, B: b, At: reg, CallID: "c1", OrgID: opA})
				v := telecom.Call{A: a, B: b, At: reg.Add(tc.skew), Ingress: dom, OrgID: opB}
				if got := mustVerify(t, e, v); got != tc.want {
					t.Errorf("got %s, want %s", got, tc.want)
				}
			})
		})
	}
}

// TestAtMostOnce checks that each registration lets one verification pass,
// that repeated registrations add nothing, and that a verification asked
// again under its call ID gets its answer again without using another.
func TestAtMostOnce(t *testing.T) {
	const a, b = "+77011234567", "+77021234567"
	synctest.Test(t, func(t *testing.T) {
		e, clock := MustEngine(t, telecom.Config{})
		c1 := call(clock, a, b, opA, "c1")
		for range 3 {
			mustRegister(t, e, c1) // a retried batch
		}
		if got := e.Metrics(); got.Registered != 1 || got.Duplicates != 2 || got.Entries != 1 {
			t.Errorf("got registered %d, duplicates %d, entries %d, want 1, 2, 1", got.Registered, got.Duplicates, got.Entries)
		}
		c2 := call(clock, a, b, opA, "c2") // a second real call between the same two
		mustRegister(t, e, c2)
		noID := call(clock, a, b, opA, "")
		mustRegister(t, e, noID)
		mustRegister(t, e, noID) // no call ID: same A, B and at is the same call

		v1 := verifyCall(clock, a, b, dom)
		v1.CallID = "v1"
		want := []kuzet.CallReason{kuzet.ReasonOK, kuzet.ReasonOK, kuzet.ReasonOK, kuzet.ReasonNotOriginated}
		for i, w := range want {
			v := verifyCall(clock, a, b, dom)
			v.CallID = "v" + string(rune('1'+i))
			if got := mustVerify(t, e, v); got != w {
				t.Errorf("verification %d: got %s, want %s", i+1, got, w)
			}
		}
		if got := mustVerify(t, e, v1); got != kuzet.ReasonOK {
			t.Errorf("repeated verification: got %s, want %s", got, kuzet.ReasonOK)
		}
		st, err := e.Stats(context.Background(), kuzet.CallCounterFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if st.ByReason[kuzet.ReasonOK] != 3 || st.ByReason[kuzet.ReasonNotOriginated] != 1 {
			t.Errorf("got counts %v, want ok 3 and not_originated 1: a repeat counts once", st.ByReason)
		}
	})
}

// TestLateRegistration shows the grace period: a registration arriving
// while the verification waits is matched, one arriving after it is not.
func TestLateRegistration(t *testing.T) {
	const a, b = "+77011234567", "+77021234567"
	tests := []struct {
		lag  time.Duration
		want kuzet.CallReason
	}{
		{10 * time.Millisecond, kuzet.ReasonOK},
		{29 * time.Millisecond, kuzet.ReasonOK},
		{31 * time.Millisecond, kuzet.ReasonNotOriginated},
	}
	for _, tc := range tests {
		t.Run(tc.lag.String(), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				e, clock := MustEngine(t, telecom.Config{})
				done := make(chan struct{})
				go func() {
					defer close(done)
					time.Sleep(tc.lag)
					if err := e.Register(call(clock, a, b, opA, "c1")); err != nil {
						t.Error(err)
					}
				}()
				if got := mustVerify(t, e, verifyCall(clock, a, b, dom)); got != tc.want {
					t.Errorf("got %s, want %s", got, tc.want)
				}
				<-done
			})
		})
	}
}

// TestBatchWaitsOnce checks that a batch waits for its late registrations
// together: the whole batch takes one grace period, not one per item.
func TestBatchWaitsOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, clock := MustEngine(t, telecom.Config{})
		var calls []telecom.Call
		for i := range 100 {
			a := "+7701000" + pad4(i)
			calls = append(calls, verifyCall(clock, a, "+77021234567", dom))
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			time.Sleep(5 * time.Millisecond)
			for i := 0; i < 100; i += 2 {
				if err := e.Register(call(clock, calls[i].A, calls[i].B, opA, "c")); err != nil {
					t.Error(err)
				}
			}
		}()
		start := time.Now()
		res := e.VerifyBatch(context.Background(), calls)
		if took := time.Since(start); took != 30*time.Millisecond {
			t.Errorf("batch took %v of fake time, want one grace period, 30ms", took)
		}
		for i, r := range res {
			want := kuzet.ReasonNotOriginated
			if i%2 == 0 {
				want = kuzet.ReasonOK
			}
			if r.Err != nil || r.Verdict.Reason != want {
				t.Errorf("item %d: got %v %v, want %s", i, r.Verdict.Reason, r.Err, want)
			}
		}
		if got := e.Metrics().Waiting; got != 0 {
			t.Errorf("Waiting after the batch: got %d, want 0", got)
		}
		<-done
	})
}

func pad4(i int) string {
	s := "0000" + strconv.Itoa(i)
	return s[len(s)-4:]
}

func TestFailOpen(t *testing.T) {
	const a, b = "+77011234567", "+77021234567"
	t.Run("impaired", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			e, clock := MustEngine(t, telecom.Config{})
			e.SetImpaired(errors.New("registration stream unavailable"))
			start := time.Now()
			if got := mustVerify(t, e, verifyCall(clock, a, b, dom)); got != kuzet.ReasonTimeout {
				t.Errorf("got %s, want %s", got, kuzet.ReasonTimeout)
			}
			if took := time.Since(start); took != 50*time.Millisecond {
				t.Errorf("took %v of fake time, want the deadline, 50ms", took)
			}
			// What needs no registration is still decided.
			if got := mustVerify(t, e, verifyCall(clock, a, b, intl)); got != kuzet.ReasonDomesticCLIFromAbroad {
				t.Errorf("from abroad: got %s, want %s", got, kuzet.ReasonDomesticCLIFromAbroad)
			}
			mustRegister(t, e, call(clock, a, b, opA, "c1"))
			if got := mustVerify(t, e, verifyCall(clock, a, b, dom)); got != kuzet.ReasonOK {
				t.Errorf("registered: got %s, want %s", got, kuzet.ReasonOK)
			}
			e.SetImpaired(nil)
			if got := mustVerify(t, e, verifyCall(clock, a, b, dom)); got != kuzet.ReasonNotOriginated {
				t.Errorf("recovered: got %s, want %s", got, kuzet.ReasonNotOriginated)
			}
			if m := e.Metrics(); m.Timeouts != 1 || m.Impaired {
				t.Errorf("got timeouts %d impaired %v, want 1 false", m.Timeouts, m.Impaired)
			}
			st, err := e.Stats(context.Background(), kuzet.CallCounterFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if st.ByReason[kuzet.ReasonTimeout] != 1 || st.Passed != 2 || st.Blocked != 2 {
				t.Errorf("got %+v, want 1 timeout, 2 passed, 2 blocked", st)
			}
		})
	})
	t.Run("caller's deadline before the grace period", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			e, clock := MustEngine(t, telecom.Config{})
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
			defer cancel()
			v, err := e.Verify(ctx, verifyCall(clock, a, b, dom))
			if err != nil || v.Reason != kuzet.ReasonTimeout || v.Verdict != kuzet.VerdictPass {
				t.Errorf("got %v %v, want pass timeout", v, err)
			}
		})
	})
	t.Run("caller gone", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			e, clock := MustEngine(t, telecom.Config{})
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			if v, err := e.Verify(ctx, verifyCall(clock, a, b, dom)); err != nil || v.Reason != kuzet.ReasonTimeout {
				t.Errorf("got %v %v, want pass timeout", v, err)
			}
		})
	})
	t.Run("too many waiting", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			e, clock := MustEngine(t, telecom.Config{MaxWaiting: 1})
			res := e.VerifyBatch(context.Background(), []telecom.Call{
				verifyCall(clock, a, b, dom), verifyCall(clock, "+77011234568", b, dom),
				verifyCall(clock, "+77011234568", b, intl),
			})
			want := []kuzet.CallReason{kuzet.ReasonTimeout, kuzet.ReasonTimeout, kuzet.ReasonDomesticCLIFromAbroad}
			for i, w := range want {
				if res[i].Verdict.Reason != w {
					t.Errorf("item %d: got %s, want %s", i, res[i].Verdict.Reason, w)
				}
			}
			if got := e.Metrics().Overloaded; got != 2 {
				t.Errorf("Overloaded: got %d, want 2", got)
			}
		})
	})
	t.Run("batch past its deadline", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			// A registry lookup that takes a millisecond plays an engine
			// too slow for its load: items reached after the deadline
			// pass on timeout instead of holding the calls up.
			slow := func(string) bool { time.Sleep(time.Millisecond); return false }
			e, clock := MustEngine(t, telecom.Config{Flagged: slow})
			var calls []telecom.Call
			for range 256 {
				calls = append(calls, verifyCall(clock, "+442071234567", b, intl))
			}
			res := e.VerifyBatch(context.Background(), calls)
			if res[0].Verdict.Reason != kuzet.ReasonOK {
				t.Errorf("first item: got %s, want %s", res[0].Verdict.Reason, kuzet.ReasonOK)
			}
			if last := res[len(res)-1].Verdict.Reason; last != kuzet.ReasonTimeout {
				t.Errorf("last item: got %s, want %s", last, kuzet.ReasonTimeout)
			}
		})
	})
}

func TestWindowExpiry(t *testing.T) {
	const a, b = "+77011234567", "+77021234567"
	synctest.Test(t, func(t *testing.T) {
		e, clock := MustEngine(t, telecom.Config{})
		// Registered at t0 with the operator's clock 10 s ahead.
		mustRegister(t, e, telecom.Call{A: a, B: b, At: t0.Add(10 * time.Second), CallID: "c1", OrgID: opA})
		mustRegister(t, e, telecom.Call{A: a, B: b, At: t0.Add(10 * time.Second), CallID: "c2", OrgID: opA})
		clock.Add(119 * time.Second)
		v := telecom.Call{A: a, B: b, At: t0.Add(10 * time.Second), Ingress: dom, OrgID: opB}
		if got := mustVerify(t, e, v); got != kuzet.ReasonOK {
			t.Errorf("within the window: got %s, want %s", got, kuzet.ReasonOK)
		}
		clock.Add(2 * time.Second)
		if got := mustVerify(t, e, v); got != kuzet.ReasonNotOriginated {
			t.Errorf("after the window: got %s, want %s", got, kuzet.ReasonNotOriginated)
		}
		mustRegister(t, e, call(clock, a, b, opA, "c3")) // in the same shard: pops the expired ones
		// The new registration, and the verdict just given, kept for the
		// verification's retries.
		if m := e.Metrics(); m.Entries != 2 || m.Remembered != 1 {
			t.Errorf("Entries: got %d, %d remembered, want 2, 1 remembered", m.Entries, m.Remembered)
		}
	})
}

// TestFlood checks that the window's memory is bounded: a flood of
// registrations keeps at most MaxEntries, dropping the oldest.
func TestFlood(t *testing.T) {
	const max = 4096
	e, clock := MustEngine(t, telecom.Config{MaxEntries: max, Shards: 8})
	const n = 200_000
	batch := make([]telecom.Call, 0, 1000)
	for i := range n {
		batch = append(batch, telecom.Call{A: "+7701" + pad7(i), B: "+77021234567", At: clock.Now(), CallID: "f", OrgID: opA})
		if len(batch) == cap(batch) {
			for j, err := range e.RegisterBatch(batch) {
				if err != nil {
					t.Fatalf("item %d: %v", j, err)
				}
			}
			batch = batch[:0]
		}
	}
	m := e.Metrics()
	if m.Entries > max {
		t.Errorf("Entries: got %d, want at most %d", m.Entries, max)
	}
	if m.Evicted < n-max {
		t.Errorf("Evicted: got %d, want at least %d", m.Evicted, n-max)
	}
	synctest.Test(t, func(t *testing.T) {
		e2, clock2 := MustEngine(t, telecom.Config{MaxEntries: max, Shards: 8})
		for i := range 3 * max {
			mustRegister(t, e2, telecom.Call{A: "+7701" + pad7(i), B: "+77021234567", At: clock2.Now(), CallID: "f", OrgID: opA})
		}
		newest := verifyCall(clock2, "+7701"+pad7(3*max-1), "+77021234567", dom)
		if got := mustVerify(t, e2, newest); got != kuzet.ReasonOK {
			t.Errorf("newest: got %s, want %s", got, kuzet.ReasonOK)
		}
		oldest := verifyCall(clock2, "+7701"+pad7(0), "+77021234567", dom)
		if got := mustVerify(t, e2, oldest); got != kuzet.ReasonNotOriginated {
			t.Errorf("oldest: got %s, want %s", got, kuzet.ReasonNotOriginated)
		}
	})
}

func pad7(i int) string {
	s := "0000000" + strconv.Itoa(i)
	return s[len(s)-7:]
}
