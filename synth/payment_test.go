package synth_test

import (
	"reflect"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/synth"
)

var small = synth.PaymentConfig{Seed: 3, Days: 8, Customers: 300, Employers: 5, Merchants: 40, Mules: 10, ScamsPerDay: 6}

func TestPaymentsDeterministic(t *testing.T) {
	a := synth.New(1).Payments(small)
	b := synth.New(99).Payments(small) // the country's own seed does not matter
	if !reflect.DeepEqual(a.Events, b.Events) || !reflect.DeepEqual(a.Listed, b.Listed) {
		t.Error("the same payment seed gave different worlds")
	}
	other := small
	other.Seed = 4
	if c := synth.New(1).Payments(other); reflect.DeepEqual(a.Events, c.Events) {
		t.Error("another seed gave the same world")
	}
}

func TestPaymentsWorld(t *testing.T) {
	w := synth.New(1).Payments(small)
	labels := w.Labels()
	for _, k := range []synth.PaymentKind{synth.PaySalary, synth.PayShopping, synth.PayFamily, synth.PayScam, synth.PayMuleForward} {
		if labels[k] == 0 {
			t.Errorf("no %s payments in %v", k, labels)
		}
	}
	if len(w.Listed) != 3 || w.Listed[0].Category != kuzet.CategoryMuleAccount {
		t.Errorf("listed mules: got %+v, want a quarter of 10, rounded up", w.Listed)
	}
	lastCall := map[string]*synth.EventCall{}
	reports, scams := 0, map[int]bool{}
	for i, e := range w.Events {
		if i > 0 && e.At.Before(w.Events[i-1].At) {
			t.Fatalf("event %d is out of order", i)
		}
		switch {
		case e.Call != nil:
			lastCall[e.Call.B] = e.Call
		case e.Payment != nil:
			p := e.Payment
			pc := p.Check
			if pc.Amount <= 0 || pc.Currency != "KZT" || !pc.CreatedAt.Equal(e.At) || p.BankBIC == "" {
				t.Fatalf("payment %s: got %+v", pc.PaymentID, p)
			}
			if pc.Payee.IBAN != "" {
				if _, err := ident.ParseIBAN(pc.Payee.IBAN); err != nil {
					t.Fatalf("payment %s: payee IBAN %s: %v", pc.PaymentID, pc.Payee.IBAN, err)
				}
			} else if pc.Payee.Phone == "" {
				t.Fatalf("payment %s has no payee", pc.PaymentID)
			}
			if p.Kind.Fraud() != (p.ScamID != 0) {
				t.Fatalf("payment %s: kind %s with scam %d", pc.PaymentID, p.Kind, p.ScamID)
			}
			if p.Kind == synth.PayScam {
				scams[p.ScamID] = true
				c := lastCall[pc.Payer.Phone]
				if p.Scheme != synth.SchemeMessenger && (c == nil || !c.Scam) {
					t.Fatalf("scam payment %s (%s) without a scam call before it", pc.PaymentID, p.Scheme)
				}
			}
		case e.Report != nil:
			reports++
			r := e.Report
			// Every transfer goes to the one mule; what it kept and what it
			// moved on add up to what it got.
			var sent kuzet.Amount
			for _, tr := range r.Transfers {
				sent += tr.Amount
			}
			hop, ok := r.Hops[r.Transfers[0].ToIBAN]
			if !ok {
				t.Fatalf("report %d: no truth for %s", r.ScamID, r.Transfers[0].ToIBAN)
			}
			onward := hop.Frozen
			for _, o := range hop.Onward {
				onward += o.Amount
			}
			if sent != r.AmountLost || onward != sent {
				t.Fatalf("report %d: sent %s, lost %s, frozen and moved on %s", r.ScamID, sent, r.AmountLost, onward)
			}
		}
	}
	if reports != len(scams) || reports != 48 {
		t.Errorf("reports: got %d for %d scams, want one each of 48", reports, len(scams))
	}
}
