package telecom_test

import (
	"context"
	"errors"
	"maps"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/telecom"
)

// TestCountersAndRestart runs an engine on a store, restarts it, and checks
// that counters, roaming, DNO and portings survive while the window does not.
func TestCountersAndRestart(t *testing.T) {
	ctx := context.Background()
	store := newMemStore()
	synctest.Test(t, func(t *testing.T) {
		e, clock := MustEngine(t, telecom.Config{Store: store})
		if err := e.Open(ctx); err != nil {
			t.Fatal(err)
		}
		mustRoam(t, e, opA, "+77017770000", kuzet.RoamingAbroad, t0)
		mustDNO(t, e, "+77272501234")
		if errs, err := e.SetPortings(ctx, 1, []kuzet.Porting{{MSISDN: "+77021112233", OrgID: opA}}); err != nil || errs[0] != nil {
			t.Fatalf("SetPortings: %v %v", err, errs)
		}
		mustRegister(t, e, call(clock, "+77011234567", "+77021234567", opA, "c1"))
		mustRegister(t, e, call(clock, "+77011234568", "+77021234567", opA, "c2"))
		verify := []struct {
			a       string
			ingress kuzet.Ingress
			want    kuzet.CallReason
		}{
			{"+77011234567", dom, kuzet.ReasonOK},
			{"+77017770000", intl, kuzet.ReasonOK},
			{"+77015550000", dom, kuzet.ReasonNotOriginated},
			{"+77015550001", intl, kuzet.ReasonDomesticCLIFromAbroad},
			{"+77272501234", dom, kuzet.ReasonDNO},
			{"+77990000000", dom, kuzet.ReasonInvalidCLI},
		}
		for _, v := range verify {
			if got := mustVerify(t, e, verifyCall(clock, v.a, "+77021234567", v.ingress)); got != v.want {
				t.Errorf("%s: got %s, want %s", v.a, got, v.want)
			}
		}
		if err := e.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		if got := store.storedCount(kuzet.ReasonOK); got != 2 {
			t.Errorf("stored ok: got %d, want 2", got)
		}

		// A store outage keeps counts in memory, visible to Stats, and the
		// next flush writes them.
		store.fail.Store(true)
		mustVerify(t, e, verifyCall(clock, "+77015550002", "+77021234567", intl))
		if err := e.Flush(ctx); !errors.Is(err, errOutage) {
			t.Errorf("Flush in an outage: got %v, want %v", err, errOutage)
		}
		store.fail.Store(false)
		st, err := e.Stats(ctx, kuzet.CallCounterFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if st.Verified != 7 || st.Passed != 2 || st.Blocked != 5 || st.ByReason[kuzet.ReasonDomesticCLIFromAbroad] != 2 {
			t.Errorf("Stats: got verified %d passed %d blocked %d by reason %v, want 7, 2, 5 with 2 from abroad",
				st.Verified, st.Passed, st.Blocked, st.ByReason)
		}
		if err := e.Close(); err != nil {
			t.Fatal(err)
		}
		if got := store.storedCount(kuzet.ReasonDomesticCLIFromAbroad); got != 2 {
			t.Errorf("stored from abroad after Close: got %d, want 2", got)
		}

		// The restart.
		e2, clock2 := MustEngine(t, telecom.Config{Store: store})
		if err := e2.Open(ctx); err != nil {
			t.Fatal(err)
		}
		defer e2.Close()
		clock2.Set(clock.Now())
		after := []struct {
			a       string
			ingress kuzet.Ingress
			want    kuzet.CallReason
		}{
			{"+77017770000", intl, kuzet.ReasonOK},           // roaming kept
			{"+77272501234", intl, kuzet.ReasonDNO},          // DNO kept
			{"+77011234568", dom, kuzet.ReasonNotOriginated}, // the window is gone
		}
		for _, v := range after {
			if got := mustVerify(t, e2, verifyCall(clock2, v.a, "+77021234567", v.ingress)); got != v.want {
				t.Errorf("after restart, %s: got %s, want %s", v.a, got, v.want)
			}
		}
		if got := e2.Owner("+77021112233"); got != opA {
			t.Errorf("porting after restart: got owner %d, want %d", got, opA)
		}
		st, err = e2.Stats(ctx, kuzet.CallCounterFilter{OrgID: opB})
		if err != nil {
			t.Fatal(err)
		}
		if st.Verified != 10 || st.Blocked != 7 {
			t.Errorf("Stats after restart: got verified %d blocked %d, want 10 and 7", st.Verified, st.Blocked)
		}
		day := t0.Truncate(24 * time.Hour)
		for _, f := range []kuzet.CallCounterFilter{{OrgID: opA}, {From: day.Add(24 * time.Hour)}, {To: day}} {
			st, err := e2.Stats(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if st.Verified != 0 {
				t.Errorf("Stats(%+v): got %d, want 0", f, st.Verified)
			}
		}
		st, err = e2.Stats(ctx, kuzet.CallCounterFilter{From: day, To: day.Add(24 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Rows) == 0 || !st.Rows[0].Day.Equal(day) || st.Verified != 10 {
			t.Errorf("Stats for the day: got %+v, want 10 verifications on %v", st, day)
		}
	})
}

// TestStoreOutageOnWrites checks that a roaming or DNO batch the store
// cannot keep is not applied in memory either.
func TestStoreOutageOnWrites(t *testing.T) {
	ctx := context.Background()
	store := newMemStore()
	e, _ := MustEngine(t, telecom.Config{Store: store})
	store.fail.Store(true)
	if _, err := e.UpdateRoaming(ctx, opA, []kuzet.Roaming{{MSISDN: "+77017770000", State: kuzet.RoamingAbroad}}); !errors.Is(err, errOutage) {
		t.Errorf("UpdateRoaming: got %v, want %v", err, errOutage)
	}
	if _, ok := e.Roaming("+77017770000"); ok {
		t.Errorf("roaming applied despite the outage")
	}
	if _, err := e.AddDNO(ctx, 9, []string{"+77272501234"}); !errors.Is(err, errOutage) {
		t.Errorf("AddDNO: got %v, want %v", err, errOutage)
	}
	if e.DNO("+77272501234") {
		t.Errorf("DNO applied despite the outage")
	}
	if err := e.Open(ctx); !errors.Is(err, errOutage) {
		t.Errorf("Open: got %v, want %v", err, errOutage)
	}
}

// TestUnverifiableByRange counts the passes of numbers no member serves by
// the plan range they come from, in the statistics (stored or not yet
// flushed) and in the metrics.
func TestUnverifiableByRange(t *testing.T) {
	ctx := context.Background()
	store := newMemStore()
	e, clock := MustEngine(t, telecom.Config{Store: store})
	for _, a := range []string{"+77031234567", "+77031234568", "+77041234567", "+77152123456"} {
		if got := mustVerify(t, e, verifyCall(clock, a, "+77021234567", dom)); got != kuzet.ReasonUnverifiable {
			t.Fatalf("%s: got %s, want unverifiable", a, got)
		}
	}
	want := map[string]int64{"7703": 2, "7704": 1, "771": 1}
	check := func(when string) {
		t.Helper()
		st, err := e.Stats(ctx, kuzet.CallCounterFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(st.UnverifiableByRange, want) {
			t.Errorf("%s: got by range %v, want %v", when, st.UnverifiableByRange, want)
		}
		if got := st.ByReason[kuzet.ReasonUnverifiable]; got != 4 || st.Passed != 4 || st.Blocked != 0 {
			t.Errorf("%s: got unverifiable %d, passed %d, blocked %d, want 4, 4, 0", when, got, st.Passed, st.Blocked)
		}
		if len(st.ByOperator) != 1 || !maps.Equal(st.ByOperator[0].UnverifiableByRange, want) {
			t.Errorf("%s: got by operator %+v, want operator B's ranges %v", when, st.ByOperator, want)
		}
		var ranges []string
		for _, r := range st.Rows {
			ranges = append(ranges, r.Range)
		}
		if !slices.Equal(ranges, []string{"7703", "7704", "771"}) {
			t.Errorf("%s: got rows of ranges %q, want 7703, 7704, 771 in order", when, ranges)
		}
	}
	check("before the flush")
	if err := e.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	check("after the flush")
	wantMetrics := map[string]uint64{"7703": 2, "7704": 1, "771": 1}
	if got := e.Metrics().Unverifiable; !maps.Equal(got, wantMetrics) {
		t.Errorf("metrics: got %v, want %v", got, wantMetrics)
	}
}
