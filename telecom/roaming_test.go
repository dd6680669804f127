package telecom_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/telecom"
)

// TestRoamingToggle follows one subscriber abroad, home, and abroad again,
// with one report arriving out of order.
func TestRoamingToggle(t *testing.T) {
	const roamer, b = "+77017770000", "+77021234567"
	e, clock := MustEngine(t, telecom.Config{})
	steps := []struct {
		name  string
		state kuzet.RoamingState
		at    time.Duration // report time relative to t0
		want  kuzet.CallReason
	}{
		{"never reported", "", 0, kuzet.ReasonDomesticCLIFromAbroad},
		{"abroad", kuzet.RoamingAbroad, -time.Hour, kuzet.ReasonOK},
		{"home", kuzet.RoamingHome, -time.Minute, kuzet.ReasonDomesticCLIFromAbroad},
		{"late report of the earlier trip", kuzet.RoamingAbroad, -30 * time.Minute, kuzet.ReasonDomesticCLIFromAbroad},
		{"abroad again", kuzet.RoamingAbroad, 0, kuzet.ReasonOK},
	}
	for _, s := range steps {
		if s.state != "" {
			mustRoam(t, e, opA, roamer, s.state, t0.Add(s.at))
		}
		if got := mustVerify(t, e, verifyCall(clock, roamer, b, intl)); got != s.want {
			t.Errorf("%s: got %s, want %s", s.name, got, s.want)
		}
	}
	r, ok := e.Roaming(roamer)
	if !ok || r.State != kuzet.RoamingAbroad || r.Country != "TR" || !r.At.Equal(t0) {
		t.Errorf("Roaming: got %+v %v, want abroad in TR at %v", r, ok, t0)
	}
}

func TestRoamingErrors(t *testing.T) {
	e, _ := MustEngine(t, telecom.Config{})
	tests := []struct {
		name  string
		r     kuzet.Roaming
		code  string
		field string
	}{
		{"another operator's subscriber", kuzet.Roaming{MSISDN: "+77021234567", State: kuzet.RoamingAbroad}, kuzet.EFORBIDDEN, "msisdn"},
		{"a fixed line", kuzet.Roaming{MSISDN: "+77272590000", State: kuzet.RoamingAbroad}, kuzet.EINVALID, "msisdn"},
		{"a foreign number", kuzet.Roaming{MSISDN: "+442071234567", State: kuzet.RoamingAbroad}, kuzet.EINVALID, "msisdn"},
		{"malformed", kuzet.Roaming{MSISDN: "8701", State: kuzet.RoamingAbroad}, kuzet.EINVALID, "msisdn"},
		{"missing msisdn", kuzet.Roaming{State: kuzet.RoamingAbroad}, kuzet.EINVALID, "msisdn"},
		{"bad state", kuzet.Roaming{MSISDN: "+77011234567", State: "away"}, kuzet.EINVALID, "state"},
		{"bad country", kuzet.Roaming{MSISDN: "+77011234567", State: kuzet.RoamingAbroad, Country: "TUR"}, kuzet.EINVALID, "country"},
		{"future", kuzet.Roaming{MSISDN: "+77011234567", State: kuzet.RoamingAbroad, At: t0.Add(time.Hour)}, kuzet.EINVALID, "at"},
	}
	var batch []kuzet.Roaming
	for _, tc := range tests {
		batch = append(batch, tc.r)
	}
	batch = append(batch, kuzet.Roaming{MSISDN: "+77011234567", State: kuzet.RoamingAbroad, Country: "de"})
	errs, err := e.UpdateRoaming(context.Background(), opA, batch)
	if err != nil {
		t.Fatal(err)
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := kuzet.ErrorCode(errs[i]); got != tc.code {
				t.Fatalf("got code %q (%v), want %q", got, errs[i], tc.code)
			}
			if f := kuzet.ErrorFields(errs[i]); len(f) != 1 || f[0].Field != tc.field {
				t.Errorf("got fields %v, want one for %q", f, tc.field)
			}
		})
	}
	if last := errs[len(errs)-1]; last != nil {
		t.Errorf("valid report: got %v, want nil", last)
	}
	if r, ok := e.Roaming("+77011234567"); !ok || r.Country != "DE" || !r.At.Equal(t0) {
		t.Errorf("got %+v, want abroad in DE at t0 (the default)", r)
	}
}

// TestPortability moves a number from operator B to operator A: only A may
// then register its calls and report its roaming.
func TestPortability(t *testing.T) {
	const ported, b = "+77021112233", "+77011234567"
	synctest.Test(t, func(t *testing.T) {
		e, clock := MustEngine(t, telecom.Config{})
		if got := e.Owner(ported); got != opB {
			t.Fatalf("Owner before porting: got %d, want %d", got, opB)
		}
		errs, err := e.SetPortings(context.Background(), 1, []kuzet.Porting{
			{MSISDN: ported, OrgID: opA},
			{MSISDN: "+442071234567", OrgID: opA},
			{MSISDN: "+77021112234", OrgID: 77},
		})
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range []string{"", kuzet.EINVALID, kuzet.EINVALID} {
			if got := kuzet.ErrorCode(errs[i]); got != want {
				t.Errorf("porting %d: got code %q, want %q", i, got, want)
			}
		}
		if got := e.Owner(ported); got != opA {
			t.Errorf("Owner after porting: got %d, want %d", got, opA)
		}
		if got := e.Owner("+77021112234"); got != opB {
			t.Errorf("neighbour's owner: got %d, want %d", got, opB)
		}
		if err := e.Register(call(clock, ported, b, opB, "c1")); kuzet.ErrorCode(err) != kuzet.EFORBIDDEN {
			t.Errorf("old operator registers: got %v, want %s", err, kuzet.EFORBIDDEN)
		}
		mustRegister(t, e, call(clock, ported, b, opA, "c1"))
		if got := mustVerify(t, e, verifyCall(clock, ported, b, dom)); got != kuzet.ReasonOK {
			t.Errorf("got %s, want %s", got, kuzet.ReasonOK)
		}
		mustRoam(t, e, opA, ported, kuzet.RoamingAbroad, t0)
		if errs, _ := e.UpdateRoaming(context.Background(), opB, []kuzet.Roaming{{MSISDN: ported, State: kuzet.RoamingHome}}); kuzet.ErrorCode(errs[0]) != kuzet.EFORBIDDEN {
			t.Errorf("old operator reports roaming: got %v, want %s", errs[0], kuzet.EFORBIDDEN)
		}
	})
}

func TestOperators(t *testing.T) {
	e, _ := MustEngine(t, telecom.Config{})
	tests := []struct {
		number string
		want   int64
	}{
		{"+77011234567", opA},
		{"+77751234567", opA},
		{"+77021234567", opB},
		{"+77272590000", opC},
		{"+77051234567", 0},
		{"+442071234567", 0},
		{"junk", 0},
	}
	for _, tc := range tests {
		if got := e.Owner(tc.number); got != tc.want {
			t.Errorf("Owner(%s): got %d, want %d", tc.number, got, tc.want)
		}
	}
	t.Run("an operator's own ranges may nest", func(t *testing.T) {
		err := e.SetOperators([]*kuzet.Org{
			{ID: 10, Name: "Operator J", Type: kuzet.OrgTelco, Prefixes: []string{"7701", "77015"}},
			{ID: 11, Name: "Operator K", Type: kuzet.OrgTelco, Prefixes: []string{"7702"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := e.Owner("+77015000000"); got != 10 {
			t.Errorf("got %d, want 10", got)
		}
	})
	t.Run("another's range nested in one's is a conflict", func(t *testing.T) {
		err := e.SetOperators([]*kuzet.Org{
			{ID: 12, Name: "Operator L", Type: kuzet.OrgTelco, Prefixes: []string{"7701"}},
			{ID: 13, Name: "Operator M", Type: kuzet.OrgTelco, Prefixes: []string{"77015"}},
		})
		if kuzet.ErrorCode(err) != kuzet.ECONFLICT || kuzet.ErrorMessage(err) != "prefix 77015 of Operator M lies within 7701, which is Operator L's" {
			t.Fatalf("got %v, want %s naming both operators", err, kuzet.ECONFLICT)
		}
	})
	t.Run("conflict keeps the old table", func(t *testing.T) {
		err := e.SetOperators([]*kuzet.Org{
			{ID: 20, Type: kuzet.OrgTelco, Prefixes: []string{"7701"}},
			{ID: 21, Type: kuzet.OrgTelco, Prefixes: []string{"7701"}},
		})
		if kuzet.ErrorCode(err) != kuzet.ECONFLICT {
			t.Fatalf("got %v, want %s", err, kuzet.ECONFLICT)
		}
		if got := e.Owner("+77015000000"); got != 10 {
			t.Errorf("got %d, want 10", got)
		}
	})
}

func TestDNO(t *testing.T) {
	e, clock := MustEngine(t, telecom.Config{})
	errs, err := e.AddDNO(context.Background(), 9, []string{"+77272590000", "junk", "+77990000000", "+442071234567"})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"", kuzet.EINVALID, kuzet.EINVALID, ""} {
		if got := kuzet.ErrorCode(errs[i]); got != want {
			t.Errorf("number %d: got code %q, want %q", i, got, want)
		}
	}
	if got := mustVerify(t, e, verifyCall(clock, "+442071234567", "+77021234567", intl)); got != kuzet.ReasonDNO {
		t.Errorf("listed foreign number: got %s, want %s", got, kuzet.ReasonDNO)
	}
	if err := e.RemoveDNO(context.Background(), 1, "+442071234567"); err != nil {
		t.Fatal(err)
	}
	if got := mustVerify(t, e, verifyCall(clock, "+442071234567", "+77021234567", intl)); got != kuzet.ReasonOK {
		t.Errorf("removed: got %s, want %s", got, kuzet.ReasonOK)
	}
	if err := e.RemoveDNO(context.Background(), 1, "+442071234567"); kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
		t.Errorf("removed twice: got %v, want %s", err, kuzet.ENOTFOUND)
	}
	if !e.DNO("+77272590000") || e.DNO("+442071234567") {
		t.Errorf("DNO: got %v %v, want true false", e.DNO("+77272590000"), e.DNO("+442071234567"))
	}
}

// TestWritesAudited checks that every change of roaming, DNO and portings,
// and every read of the active-call signal, leaves its audit entry, and
// that a change whose transaction fails leaves neither the change nor the
// entry.
func TestWritesAudited(t *testing.T) {
	store := newMemStore()
	e, _ := MustEngine(t, telecom.Config{Store: store})
	ctx := context.Background()
	if errs, err := e.AddDNO(ctx, 9, []string{"+77272590000"}); err != nil || errs[0] != nil {
		t.Fatalf("AddDNO: %v %v", err, errs)
	}
	if err := e.RemoveDNO(ctx, 9, "+77272590000"); err != nil {
		t.Fatal(err)
	}
	if errs, err := e.UpdateRoaming(ctx, opA, []kuzet.Roaming{{MSISDN: "+77011234567", State: kuzet.RoamingAbroad, Country: "tr"}}); err != nil || errs[0] != nil {
		t.Fatalf("UpdateRoaming: %v %v", err, errs)
	}
	if errs, err := e.SetPortings(ctx, 5, []kuzet.Porting{{MSISDN: "+77021112233", OrgID: opA}}); err != nil || errs[0] != nil {
		t.Fatalf("SetPortings: %v %v", err, errs)
	}
	if _, err := e.ActiveCall(ctx, 7, "8 701 123 45 67"); err != nil {
		t.Fatal(err)
	}
	want := []string{kuzet.AuditDNOPut, kuzet.AuditDNODelete, kuzet.AuditRoamingUpdate, kuzet.AuditPortingPut, kuzet.AuditActiveCallRead}
	if got := store.auditActions(); !slices.Equal(got, want) {
		t.Errorf("audit actions: got %v, want %v", got, want)
	}
	store.fail.Store(true)
	if _, err := e.AddDNO(ctx, 9, []string{"+77272590001"}); err == nil {
		t.Fatal("AddDNO with the store down: got nil error")
	}
	if e.DNO("+77272590001") {
		t.Error("a DNO entry whose transaction failed is in force")
	}
	if _, err := e.ActiveCall(ctx, 7, "+77011234567"); err == nil {
		t.Error("ActiveCall with the audit failing: got an answer, want an error")
	}
}

// TestOperatorCheck checks that only an organisation holding a range may
// report roaming, and that one created after the table was built is found
// by reloading it from the store.
func TestOperatorCheck(t *testing.T) {
	store := newMemStore()
	e, _ := MustEngine(t, telecom.Config{Store: store})
	ctx := context.Background()
	rep := []kuzet.Roaming{{MSISDN: "+77081234567", State: kuzet.RoamingHome}}
	if _, err := e.UpdateRoaming(ctx, 40, rep); kuzet.ErrorCode(err) != kuzet.EFORBIDDEN {
		t.Fatalf("unknown organisation: got %v, want %s", err, kuzet.EFORBIDDEN)
	}
	store.mu.Lock()
	store.orgs = append(store.orgs, &kuzet.Org{ID: 40, Name: "Operator New", Type: kuzet.OrgTelco, Prefixes: []string{"7708"}})
	store.mu.Unlock()
	if errs, err := e.UpdateRoaming(ctx, 40, rep); err != nil || errs[0] != nil {
		t.Fatalf("operator created since: got %v %v, want accepted", err, errs)
	}
}

// TestOperatorsFromStore checks that a prefix table built from a store
// whose operators' ranges overlap is refused with both operators named,
// and that a conflict a later reload finds is reported by Health (for
// /readyz) while the table in use stays, until a reload succeeds.
func TestOperatorsFromStore(t *testing.T) {
	ctx := context.Background()
	// The store holds testOrgs (Operator A holds 7701) and these.
	opC := &kuzet.Org{ID: 50, Name: "Operator C", Type: kuzet.OrgTelco, Prefixes: []string{"77012"}}

	t.Run("at start", func(t *testing.T) {
		store := newMemStore()
		store.orgs = []*kuzet.Org{opC}
		e, _ := MustEngine(t, telecom.Config{Store: store})
		err := e.RefreshOperators(ctx)
		if kuzet.ErrorCode(err) != kuzet.ECONFLICT {
			t.Fatalf("got %v, want %s", err, kuzet.ECONFLICT)
		}
		if msg := kuzet.ErrorMessage(err); msg != "prefix 77012 of Operator C lies within 7701, which is Operator A's" {
			t.Errorf("message: got %q, want both operators and the prefixes named", msg)
		}
		if err := e.Health(); kuzet.ErrorCode(err) != kuzet.EUNAVAILABLE || !strings.Contains(err.Error(), "Operator C") {
			t.Errorf("Health: got %v, want %s naming the operators", err, kuzet.EUNAVAILABLE)
		}
	})

	t.Run("on a later reload", func(t *testing.T) {
		store := newMemStore()
		e, _ := MustEngine(t, telecom.Config{Store: store, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err := e.RefreshOperators(ctx); err != nil {
			t.Fatal(err)
		}
		if err := e.Health(); err != nil {
			t.Fatalf("Health with a sound table: got %v, want nil", err)
		}
		// Written past `kuzet org add`'s checks: the first request of the
		// new operator reloads the table and finds the overlap.
		store.mu.Lock()
		store.orgs = []*kuzet.Org{opC}
		store.mu.Unlock()
		rep := []kuzet.Roaming{{MSISDN: "+77012345678", State: kuzet.RoamingHome}}
		if _, err := e.UpdateRoaming(ctx, opC.ID, rep); kuzet.ErrorCode(err) != kuzet.EFORBIDDEN {
			t.Errorf("the overlapping operator: got %v, want %s", err, kuzet.EFORBIDDEN)
		}
		if got := e.Owner("+77012345678"); got != opA {
			t.Errorf("owner under the table kept: got %d, want %d", got, opA)
		}
		err := e.Health()
		if kuzet.ErrorCode(err) != kuzet.EUNAVAILABLE || !strings.Contains(err.Error(), "prefix 77012 of Operator C lies within 7701, which is Operator A's") {
			t.Errorf("Health after the reload: got %v, want the conflict", err)
		}
		// Repaired in the store: the next reload clears it.
		store.mu.Lock()
		store.orgs = []*kuzet.Org{{ID: 50, Name: "Operator C", Type: kuzet.OrgTelco, Prefixes: []string{"7707"}}}
		store.mu.Unlock()
		if err := e.RefreshOperators(ctx); err != nil {
			t.Fatal(err)
		}
		if err := e.Health(); err != nil {
			t.Errorf("Health after the repair: got %v, want nil", err)
		}
	})
}
