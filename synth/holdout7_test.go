package synth_test

import (
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/synth"
)

func h7Small(seed uint64) synth.Holdout7Config {
	return synth.Holdout7Config{Seed: seed, Days: 8, Customers: 300, ScamsPerDay: 8, WarmupDays: 2, Mules: 40}
}

func TestHoldout7Deterministic(t *testing.T) {
	a := synth.New(1).Holdout7(h7Small(7))
	// The country's own random state must not matter.
	c := synth.New(99)
	c.Mobile()
	b := c.Holdout7(h7Small(7))
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed, different worlds")
	}
	d := synth.New(1).Holdout7(h7Small(8))
	if reflect.DeepEqual(a.Events, d.Events) {
		t.Fatal("another seed, same world")
	}
}

func TestHoldout7Defaults(t *testing.T) {
	cfg := synth.Holdout7Config{Seed: 3, Days: 9, Customers: 200}
	if !smallWorlds() {
		cfg = synth.Holdout7Config{Seed: 3}
	}
	w := synth.New(1).Holdout7(cfg)
	c := w.Config
	if c.Start.Weekday() != time.Monday || c.Start.Hour() != 0 {
		t.Errorf("start %v: want a Monday midnight", c.Start)
	}
	if want := c.Start.AddDate(0, 0, 7); !w.EvalFrom.Equal(want) {
		t.Errorf("EvalFrom %v, want %v", w.EvalFrom, want)
	}
	if c.ScamsPerDay != 30 || c.Mules != 300 {
		t.Errorf("defaults: %+v", c)
	}
	if !smallWorlds() && (c.Days != 28 || c.Customers != 3500) {
		t.Errorf("defaults: %+v", c)
	}
	if len(w.Listed) == 0 {
		t.Error("no listed mules")
	}
	for _, s := range w.Listed {
		if s.Value == "" || !s.Kind.Valid() || s.Category != kuzet.CategoryMuleAccount {
			t.Errorf("listed %+v", s)
		}
	}
}

func TestHoldout7Shape(t *testing.T) {
	cfg := h7Small(5)
	if !smallWorlds() {
		cfg = synth.Holdout7Config{Seed: 5}
	}
	t0 := time.Now()
	w := synth.New(1).Holdout7(cfg)
	t.Logf("generated in %v", time.Since(t0))
	end := w.Config.Start.AddDate(0, 0, w.Config.Days)
	scams := map[int]string{}
	var last time.Time
	ids := map[string]bool{}
	callIDs := map[string]bool{}
	var checks, evalChecks, evalScam int
	byScheme := map[string]int{}
	byKind := map[synth.PaymentKind]int{}
	type rate struct{ n, call, remote, newDev int }
	sess := map[string]*rate{}
	for _, e := range w.Events {
		if e.At.Before(last) {
			t.Fatalf("events out of order at %v", e.At)
		}
		last = e.At
		if e.At.Before(w.Config.Start) || !e.At.Before(end) {
			t.Fatalf("event at %v outside the month", e.At)
		}
		n := 0
		if e.Call != nil {
			n++
			c := e.Call
			if !strings.HasPrefix(c.A, "+") || !strings.HasPrefix(c.B, "+") || c.CallID == "" || !c.Ingress.Valid() || !c.At.Equal(e.At) {
				t.Fatalf("call %+v", c)
			}
			if callIDs[c.CallID] {
				t.Fatalf("call ID %s twice", c.CallID)
			}
			callIDs[c.CallID] = true
			if c.Registered && (c.Unverified || c.Ingress != kuzet.IngressDomestic) {
				t.Fatalf("registered call %+v", c)
			}
		}
		if p := e.Payment; p != nil {
			n++
			ck := p.Check
			if ck.Amount <= 0 || ck.Currency != "KZT" || ck.PaymentID == "" || !ck.CreatedAt.Equal(e.At) || ck.Channel == "" {
				t.Fatalf("check %+v", ck)
			}
			if ids[ck.PaymentID] {
				t.Fatalf("payment ID %s twice", ck.PaymentID)
			}
			ids[ck.PaymentID] = true
			if ck.Payer.Account == "" || ck.Payer.CustomerID == "" || ck.Payer.Region == "" {
				t.Fatalf("payer %+v", ck.Payer)
			}
			if ck.Channel == "mobile_app" && (ck.Payer.DeviceID == "" || ck.Payer.IP == "") {
				t.Fatalf("app payer %+v", ck.Payer)
			}
			py := ck.Payee
			if py.IBAN == "" && py.Card == "" && py.Phone == "" && py.Account == "" && py.Wallet == "" {
				t.Fatalf("payee %+v", py)
			}
			if p.BankBIC == "" {
				t.Fatal("no bank")
			}
			switch p.Kind {
			case synth.PayScam:
				if p.ScamID == 0 || p.Scheme == "" {
					t.Fatalf("scam payment %+v", p)
				}
				scams[p.ScamID] = p.Scheme
			case synth.PayMuleForward:
				if p.ScamID == 0 || scams[p.ScamID] == "" {
					t.Fatalf("forward of unknown scam %+v", p)
				}
			case synth.PaySalary, synth.PayShopping, synth.PayFamily, synth.PayPurchase:
				if p.ScamID != 0 || p.Scheme != "" {
					t.Fatalf("honest payment with a scam %+v", p)
				}
			default:
				t.Fatalf("kind %q", p.Kind)
			}
			checks++
			if !e.At.Before(w.EvalFrom) {
				evalChecks++
				byKind[p.Kind]++
				key := string(p.Kind)
				if p.Kind == synth.PayScam {
					evalScam++
					byScheme[p.Scheme]++
					key = "scam:" + p.Scheme
				}
				r := sess[key]
				if r == nil {
					r = &rate{}
					sess[key] = r
				}
				r.n++
				if ck.Payer.OnCall {
					r.call++
				}
				if ck.Payer.RemoteAccess {
					r.remote++
				}
				if ck.Payer.NewDevice {
					r.newDev++
				}
			}
		}
		if r := e.Report; r != nil {
			n++
			if scams[r.ScamID] == "" || scams[r.ScamID] != r.Scheme {
				t.Fatalf("report of unknown scam %d", r.ScamID)
			}
			if r.AmountLost <= 0 || r.Currency != "KZT" || len(r.Transfers) == 0 || r.Victim.Name == "" || r.Channel == "" {
				t.Fatalf("report %+v", r)
			}
			var sum kuzet.Amount
			for _, tr := range r.Transfers {
				sum += tr.Amount
				if _, ok := r.Hops[tr.ToIBAN]; !ok {
					t.Fatalf("report %d: no hop for %s", r.ScamID, tr.ToIBAN)
				}
			}
			if sum != r.AmountLost {
				t.Fatalf("report %d: transfers %v, lost %v", r.ScamID, sum, r.AmountLost)
			}
			for iban, h := range r.Hops {
				if h.BankBIC == "" || h.Frozen < 0 {
					t.Fatalf("hop %s %+v", iban, h)
				}
			}
		}
		if n != 1 {
			t.Fatalf("event with %d parts", n)
		}
	}
	if evalScam == 0 || evalChecks == 0 {
		t.Fatal("nothing to evaluate")
	}
	t.Logf("checks %d, evaluated %d (scam %d), calls %d, listed %d", checks, evalChecks, evalScam, len(callIDs), len(w.Listed))
	t.Logf("by kind %v", byKind)
	t.Logf("scam payments by scheme %v", byScheme)
	var keys []string
	for k := range sess {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		r := sess[k]
		f := func(x int) float64 { return float64(x) / float64(r.n) }
		t.Logf("%-28s n=%6d on_call %.3f remote %.3f new_device %.3f", k, r.n, f(r.call), f(r.remote), f(r.newDev))
	}
	if !smallWorlds() {
		if evalChecks < 40000 || evalChecks > 120000 {
			t.Errorf("evaluated checks %d, want 40,000–120,000", evalChecks)
		}
		if evalScam < 700 {
			t.Errorf("evaluated scam payments %d, want at least 700", evalScam)
		}
	}
}
