package telecom_test

import (
	"context"
	"slices"
	"testing"
	"testing/synctest"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/telecom"
)

func mustDelegate(tb testing.TB, e *telecom.Service, holder int64, ch ...telecom.DelegationChange) {
	tb.Helper()
	errs, err := e.Delegate(context.Background(), holder, ch)
	if err != nil {
		tb.Fatalf("Delegate: %v", err)
	}
	for i, err := range errs {
		if err != nil {
			tb.Fatalf("Delegate item %d: %v", i, err)
		}
	}
}

// TestDelegation: a range holder lets another operator originate some of
// its numbers, one or a block; the delegate's registrations then count,
// until the delegation is revoked or the number ported away.
func TestDelegation(t *testing.T) {
	ctx := context.Background()
	store := newMemStore()
	synctest.Test(t, func(t *testing.T) {
		e, clock := MustEngine(t, telecom.Config{Store: store})
		if err := e.Open(ctx); err != nil {
			t.Fatal(err)
		}
		const (
			hotline = "+77015550000" // a bank's number of A's range, on B's trunk
			block   = "7701666"      // a contact centre's block
			inBlock = "+77016660123"
		)
		originate := func(a string) error {
			clock.Add(1e6)
			return e.Register(call(clock, a, "+77021234567", opB, a+clock.Now().String()))
		}
		if err := originate(hotline); kuzet.ErrorCode(err) != kuzet.EFORBIDDEN {
			t.Fatalf("before the delegation: got %v, want forbidden", err)
		}
		mustDelegate(t, e, opA,
			telecom.DelegationChange{Delegation: kuzet.Delegation{MSISDN: hotline, OrgID: opB}},
			telecom.DelegationChange{Delegation: kuzet.Delegation{Prefix: block, OrgID: opB}})
		for _, a := range []string{hotline, inBlock} {
			if err := originate(a); err != nil {
				t.Errorf("delegated %s: got %v, want accepted", a, err)
			}
		}
		if err := originate("+77016670000"); kuzet.ErrorCode(err) != kuzet.EFORBIDDEN {
			t.Errorf("beside the block: got %v, want forbidden", err)
		}
		// The holder still originates its own numbers.
		if err := e.Register(call(clock, hotline, "+77021234567", opA, "own")); err != nil {
			t.Errorf("holder: got %v, want accepted", err)
		}
		// Registered by the delegate, the call passes.
		if got := mustVerify(t, e, verifyCall(clock, inBlock, "+77021234567", dom)); got != kuzet.ReasonOK {
			t.Errorf("verification of a delegate's registration: got %s, want ok", got)
		}

		// A number of the block ported to C leaves the delegation.
		mustPort(t, e, inBlock, opC)
		if err := originate(inBlock); kuzet.ErrorCode(err) != kuzet.EFORBIDDEN {
			t.Errorf("ported away: got %v, want forbidden", err)
		}

		// Revoked, and after a restart, as stored.
		mustDelegate(t, e, opA, telecom.DelegationChange{Delegation: kuzet.Delegation{MSISDN: hotline, OrgID: opB}, Revoke: true})
		if err := originate(hotline); kuzet.ErrorCode(err) != kuzet.EFORBIDDEN {
			t.Errorf("revoked: got %v, want forbidden", err)
		}
		e2, _ := MustEngine(t, telecom.Config{Store: store})
		if err := e2.Open(ctx); err != nil {
			t.Fatal(err)
		}
		if got := e2.Delegations(opA); len(got) != 1 || got[0].Prefix != block || got[0].OrgID != opB {
			t.Errorf("after a restart: got %+v, want the block to B", got)
		}
		actions := store.auditActions()
		if n := len(slices.DeleteFunc(slices.Clone(actions), func(a string) bool { return a != kuzet.AuditDelegationPut })); n != 2 {
			t.Errorf("audit: got %v, want two delegation.put", actions)
		}
		if !slices.Contains(actions, kuzet.AuditDelegationDelete) {
			t.Errorf("audit: got %v, want delegation.delete", actions)
		}
		e.Close()
		e2.Close()
	})
}

func TestDelegationErrors(t *testing.T) {
	e, _ := MustEngine(t, telecom.Config{})
	ch := func(msisdn, prefix string, org int64) telecom.DelegationChange {
		return telecom.DelegationChange{Delegation: kuzet.Delegation{MSISDN: msisdn, Prefix: prefix, OrgID: org}}
	}
	tests := []struct {
		name        string
		ch          telecom.DelegationChange
		code, field string
	}{
		{"neither", ch("", "", opB), kuzet.EINVALID, "msisdn"},
		{"both", ch("+77011234567", "7701", opB), kuzet.EINVALID, "prefix"},
		{"to itself", ch("+77011234567", "", opA), kuzet.EINVALID, "org_id"},
		{"to a bank", ch("+77011234567", "", 4), kuzet.EINVALID, "org_id"},
		{"to nobody", ch("+77011234567", "", 99), kuzet.EINVALID, "org_id"},
		{"malformed number", ch("8 701 123", "", opB), kuzet.EINVALID, "msisdn"},
		{"foreign number", ch("+442071234567", "", opB), kuzet.EINVALID, "msisdn"},
		{"another operator's number", ch("+77021234567", "", opB), kuzet.EFORBIDDEN, "msisdn"},
		{"malformed prefix", ch("", "77x", opB), kuzet.EINVALID, "prefix"},
		{"a prefix wider than the range", ch("", "770", opB), kuzet.EFORBIDDEN, "prefix"},
		{"another operator's prefix", ch("", "77021", opB), kuzet.EFORBIDDEN, "prefix"},
		{"revoking what is not delegated", telecom.DelegationChange{Delegation: kuzet.Delegation{MSISDN: "+77011234567", OrgID: opB}, Revoke: true},
			kuzet.ENOTFOUND, ""},
	}
	changes := make([]telecom.DelegationChange, len(tests))
	for i, tc := range tests {
		changes[i] = tc.ch
	}
	errs, err := e.Delegate(context.Background(), opA, changes)
	if err != nil {
		t.Fatal(err)
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := kuzet.ErrorCode(errs[i]); got != tc.code {
				t.Fatalf("got %v, want %s", errs[i], tc.code)
			}
			if f := kuzet.ErrorFields(errs[i]); tc.field != "" && (len(f) == 0 || f[0].Field != tc.field) {
				t.Errorf("got fields %v, want %s", f, tc.field)
			}
		})
	}
	if _, err := e.Delegate(context.Background(), 4, []telecom.DelegationChange{ch("+77011234567", "", opB)}); kuzet.ErrorCode(err) != kuzet.EFORBIDDEN {
		t.Errorf("a bank delegating: got %v, want forbidden", err)
	}
}

// TestPortedToNonMember: a number ported to an operator not connected to
// the exchange can be registered by no one, and passes as unverifiable.
func TestPortedToNonMember(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, clock := MustEngine(t, telecom.Config{})
		const n = "+77011234567"
		mustPort(t, e, n, 0)
		if err := e.Register(call(clock, n, "+77021234567", opA, "c1")); kuzet.ErrorCode(err) != kuzet.EFORBIDDEN {
			t.Errorf("the old holder registering: got %v, want forbidden", err)
		}
		if got := mustVerify(t, e, verifyCall(clock, n, "+77021234567", dom)); got != kuzet.ReasonUnverifiable {
			t.Errorf("got %s, want unverifiable", got)
		}
		// Porting to what is no member operator is refused.
		errs, err := e.SetPortings(context.Background(), 9, []kuzet.Porting{{MSISDN: n, OrgID: 99}, {MSISDN: n, OrgID: 4}})
		for i := range errs {
			if err != nil || errs[i] == nil || kuzet.ErrorFields(errs[i])[0].Field != "org_id" {
				t.Errorf("porting to organisations that are no operators: got %v %v, want org_id errors", errs, err)
			}
		}
		// An operator with no range of its own serves ported numbers, and
		// vouches for them.
		mvno := &kuzet.Org{ID: 6, Name: "MVNO", Type: kuzet.OrgTelco}
		if err := e.SetOperators(append(slices.Clone(testOrgs), mvno)); err != nil {
			t.Fatal(err)
		}
		if errs, err := e.Originate(context.Background(), mvno.ID, []telecom.Call{call(clock, n, "+77021234567", 0, "m0")}); kuzet.ErrorCode(err) != kuzet.EFORBIDDEN {
			t.Errorf("an operator serving nothing: got %v %v, want forbidden", errs, err)
		}
		mustPort(t, e, n, mvno.ID)
		if errs, err := e.Originate(context.Background(), mvno.ID, []telecom.Call{call(clock, n, "+77021234567", 0, "m1")}); err != nil || errs[0] != nil {
			t.Errorf("the operator the number was ported to: got %v %v, want accepted", errs, err)
		}
		if got := mustVerify(t, e, verifyCall(clock, n, "+77021234567", dom)); got != kuzet.ReasonOK {
			t.Errorf("its registered call: got %s, want ok", got)
		}
	})
}
