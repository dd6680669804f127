package payments_test

import (
	"context"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/payments"
	"github.com/kuzet/kuzet/telecom"
)

// TestTelecomFusion runs the scam scenario against the real telecom engine:
// the terminating operator verifies a call to the payer, and the payment
// the payer then makes carries the call among its reasons: a call that
// passed as the call it was, a blocked one as an attempt on the payer
// (targeted), since it never connected.
func TestTelecomFusion(t *testing.T) {
	tests := []struct {
		name    string
		caller  string
		ingress kuzet.Ingress
		reason  string
	}{
		{"a foreign caller", "+447700900555", kuzet.IngressInternational, "active_call_foreign"},
		{"a number of an operator not connected", "+77031234567", kuzet.IngressDomestic, "active_call_unverified"},
		{"the bank's hotline from abroad, blocked", "+77272585965", kuzet.IngressInternational, "targeted_new_payee"},
		{"a domestic number nobody originated, blocked", "+77015550000", kuzet.IngressDomestic, "targeted_new_payee"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// The bubble's fake time lets the engine wait out its grace
			// period for a registration that never comes.
			synctest.Test(t, func(t *testing.T) {
				clock := &testClock{t: base.UTC()}
				tel, err := telecom.NewService(telecom.Config{Clock: clock.Now, PairMemory: 1 << 12, MaxEntries: 1 << 12})
				must(t, "telecom", err)
				must(t, "operators", tel.SetOperators([]*kuzet.Org{
					{ID: telco, Name: "Operator A", Type: kuzet.OrgTelco, Prefixes: []string{"7701", "7727"}},
				}))
				e := payments.NewEngine(payments.EngineConfig{Calls: tel, Clock: clock.Now})
				pc := payment(3, iban("914", 5555), 900000)

				v, err := tel.Verify(context.Background(), telecom.Call{A: tc.caller, B: pc.Payer.Phone, At: clock.Now(),
					Ingress: tc.ingress, OrgID: telco, CallID: "scam1"})
				must(t, "verify", err)
				clock.Add(5 * time.Minute)
				d, err := e.Check(context.Background(), bankOne, pc)
				must(t, "check", err)
				if d.Decision == kuzet.DecisionAllow || !slices.Contains(codes(d), tc.reason) {
					t.Errorf("call verdict %v, then: got %s %v, want more than allow, with %s", v, d.Decision, codes(d), tc.reason)
				}

				// Once the call is long past, the same payment is allowed.
				clock.Add(time.Hour)
				pc.PaymentID = "later"
				pc.Payee.IBAN = iban("914", 5556)
				d, err = e.Check(context.Background(), bankOne, pc)
				must(t, "check", err)
				if d.Decision != kuzet.DecisionAllow {
					t.Errorf("an hour later: got %s %v, want allow", d.Decision, codes(d))
				}
			})
		})
	}
}
