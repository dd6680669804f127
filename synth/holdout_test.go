package synth

import (
	"reflect"
	"testing"
)

// TestHoldout checks that the holdout simulation is deterministic and makes
// every kind of payment and scheme it promises, in time order.
func TestHoldout(t *testing.T) {
	c := New(11)
	cfg := HoldoutConfig{Seed: 3, Customers: 1500, Days: 21}
	w := c.Holdout(cfg)
	kinds, schemes, calls, reports := map[PaymentKind]int{}, map[string]int{}, 0, 0
	for i, e := range w.Events {
		if i > 0 && e.At.Before(w.Events[i-1].At) {
			t.Fatalf("event %d out of order", i)
		}
		switch {
		case e.Payment != nil:
			kinds[e.Payment.Kind]++
			if e.Payment.Kind == PayScam {
				schemes[e.Payment.Scheme]++
			}
		case e.Call != nil:
			calls++
		case e.Report != nil:
			reports++
		}
	}
	t.Logf("kinds %v, schemes %v, calls %d, reports %d", kinds, schemes, calls, reports)
	for _, k := range []PaymentKind{PaySalary, PayShopping, PayFamily, PayAfterAbroadCall, PayAfterSellerCall, PayNight,
		PayBills, PayPeer, PayScam, PayMuleForward} {
		if kinds[k] == 0 {
			t.Errorf("no %s payments", k)
		}
	}
	for _, s := range []string{SchemeSpoofedHotline, SchemeForeignCaller, SchemeDomesticSpoofed, SchemeSimbox,
		SchemeMessenger, SchemeMessengerNearHabit} {
		if schemes[s] == 0 {
			t.Errorf("no %s scams", s)
		}
	}
	if calls == 0 || reports == 0 {
		t.Errorf("calls %d, reports %d: want some of each", calls, reports)
	}
	if again := New(11).Holdout(cfg); !reflect.DeepEqual(again.Events[:500], w.Events[:500]) || len(again.Events) != len(w.Events) {
		t.Errorf("two holdouts of one seed differ")
	}
}
