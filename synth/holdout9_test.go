package synth_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/synth"
)

func h9Small() synth.Holdout9Config {
	return synth.Holdout9Config{Seed: 9, Days: 8, WarmupDays: 2, Customers: 300, ScamsPerDay: 12, Mules: 40}
}

func TestHoldout9Deterministic(t *testing.T) {
	cfg := h9Small()
	a := synth.New(1).Holdout9(cfg)
	// The country's own random state must not matter.
	c := synth.New(2)
	c.Mobile()
	b := c.Holdout9(cfg)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed, different worlds")
	}
	cfg.Seed++
	d := synth.New(1).Holdout9(cfg)
	if reflect.DeepEqual(a.Events, d.Events) {
		t.Fatal("another seed, same world")
	}
}

func TestHoldout9Defaults(t *testing.T) {
	if smallWorlds() {
		t.Skip("the full world in -short")
	}
	w := synth.New(1).Holdout9(synth.Holdout9Config{Seed: 1})
	start := time.Date(2026, 10, 26, 0, 0, 0, 0, time.FixedZone("KZ", 5*3600))
	if !w.Config.Start.Equal(start) || w.Config.Days != 35 || w.Config.Customers != 3600 {
		t.Fatalf("config %+v", w.Config)
	}
	if !w.EvalFrom.Equal(start.AddDate(0, 0, 7)) || w.EvalFrom.Weekday() != time.Monday {
		t.Fatalf("EvalFrom %v", w.EvalFrom)
	}
	var checks, scams int
	for _, e := range w.Events {
		if e.Payment != nil && !e.At.Before(w.EvalFrom) {
			checks++
			if e.Payment.Kind == synth.PayScam {
				scams++
			}
		}
	}
	if checks < 40000 || checks > 120000 || scams < 800 {
		t.Fatalf("%d checks, %d scam payments evaluated", checks, scams)
	}
	if len(w.Listed) == 0 {
		t.Fatal("no listed mules")
	}
	h9Shape(t, w)
}

func TestHoldout9Shape(t *testing.T) {
	h9Shape(t, synth.New(1).Holdout9(h9Small()))
}

func h9Shape(t *testing.T, w *synth.PaymentWorld) {
	t.Helper()
	scams := map[int]bool{}
	kinds := map[synth.PaymentKind]int{}
	var calls, reports int
	var last time.Time
	for i, e := range w.Events {
		n := 0
		if e.Call != nil {
			n++
		}
		if e.Payment != nil {
			n++
		}
		if e.Report != nil {
			n++
		}
		if n != 1 {
			t.Fatalf("event %d has %d parts", i, n)
		}
		if e.At.Before(last) {
			t.Fatalf("event %d out of order", i)
		}
		last = e.At
		switch {
		case e.Call != nil:
			calls++
			c := e.Call
			if c.A == "" || c.B == "" || c.CallID == "" || !c.Ingress.Valid() || c.A[0] != '+' || c.B[0] != '+' {
				t.Fatalf("call %+v", c)
			}
			if c.Registered && (c.Unverified || c.Foreign) {
				t.Fatalf("registered call flagged %+v", c)
			}
		case e.Payment != nil:
			p := e.Payment
			ch := p.Check
			kinds[p.Kind]++
			if ch.Amount <= 0 || ch.Currency != "KZT" || ch.PaymentID == "" || p.BankBIC == "" || ch.Channel == "" {
				t.Fatalf("payment %+v", p)
			}
			if ch.Payer.Account == "" || ch.Payer.CustomerID == "" || ch.Payer.Region == "" {
				t.Fatalf("payer %+v", ch.Payer)
			}
			if ch.Payee.IBAN == "" && ch.Payee.Card == "" && ch.Payee.Phone == "" && ch.Payee.Account == "" {
				t.Fatalf("payee %+v", ch.Payee)
			}
			if !ch.CreatedAt.Equal(e.At) {
				t.Fatalf("created %v at %v", ch.CreatedAt, e.At)
			}
			switch p.Kind {
			case synth.PayScam:
				if p.ScamID == 0 || p.Scheme == "" {
					t.Fatalf("scam payment %+v", p)
				}
				scams[p.ScamID] = true
			case synth.PayMuleForward:
				if p.ScamID == 0 || !scams[p.ScamID] {
					t.Fatalf("forward of unknown scam %d", p.ScamID)
				}
			default:
				if p.ScamID != 0 || p.Scheme != "" {
					t.Fatalf("honest payment labelled %+v", p)
				}
			}
		case e.Report != nil:
			reports++
			r := e.Report
			if !scams[r.ScamID] || r.Scheme == "" || r.AmountLost <= 0 || r.Currency != "KZT" || len(r.Transfers) == 0 {
				t.Fatalf("report %+v", r)
			}
			var sum kuzet.Amount
			for _, tr := range r.Transfers {
				sum += tr.Amount
				if _, ok := r.Hops[tr.ToIBAN]; !ok {
					t.Fatalf("report %d: no hop for %s", r.ScamID, tr.ToIBAN)
				}
			}
			if sum <= 0 {
				t.Fatalf("report %d transfers sum %v", r.ScamID, sum)
			}
		}
	}
	for _, k := range []synth.PaymentKind{synth.PaySalary, synth.PayShopping, synth.PayFamily, synth.PayPurchase, synth.PayScam, synth.PayMuleForward} {
		if kinds[k] == 0 {
			t.Errorf("no %s payments", k)
		}
	}
	if calls == 0 || reports == 0 {
		t.Errorf("%d calls, %d reports", calls, reports)
	}
}
