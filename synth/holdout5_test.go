package synth_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/synth"
)

// h5Small is a world small enough for -short and -race.
var h5Small = synth.Holdout5Config{Seed: 11, Days: 10, Customers: 400, ScamsPerDay: 6, WarmupDays: 3}

func TestHoldout5Deterministic(t *testing.T) {
	a := synth.New(1).Holdout5(h5Small)
	// Another country value, whose own random state has moved on.
	c := synth.New(99)
	c.Mobile()
	c.IBAN(c.Banks[0])
	b := c.Holdout5(h5Small)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave two different worlds")
	}
	other := h5Small
	other.Seed++
	d := synth.New(1).Holdout5(other)
	if reflect.DeepEqual(a.Events, d.Events) {
		t.Fatal("another seed gave the same world")
	}
}

func TestHoldout5(t *testing.T) {
	cfg := synth.Holdout5Config{Seed: 5}
	if smallWorlds() {
		cfg = h5Small
	}
	c := synth.New(3)
	w := c.Holdout5(cfg)
	start := w.Config.Start
	end := start.AddDate(0, 0, w.Config.Days)
	if !smallWorlds() {
		if start.Weekday() != time.Monday || start.Hour() != 0 || start.Year() != 2026 {
			t.Errorf("start %v, want a Monday midnight in 2026", start)
		}
		if _, off := start.Zone(); off != 5*3600 {
			t.Errorf("start offset %d, want UTC+5", off)
		}
		if got := w.EvalFrom.Sub(start); got != 7*24*time.Hour {
			t.Errorf("warm-up %v, want 7 days", got)
		}
	}

	bankOfCode := map[string]string{}
	for _, b := range c.Banks {
		bankOfCode[b.BankCode] = b.BIC
	}
	key := []byte("holdout5-test-card-key")
	kinds := map[synth.PaymentKind]int{}
	schemes := map[string]int{}
	honestCounted, scamCounted := 0, 0
	lastScam := map[int]time.Time{}
	scamScheme := map[int]string{}
	type flowKey struct {
		id  string
		sid int
	}
	in := map[flowKey]kuzet.Amount{}
	out := map[flowKey]kuzet.Amount{}
	ids := map[string]bool{}
	reports := 0

	checkIBAN := func(where, s string) {
		t.Helper()
		ind, err := ident.ParseIBAN(s)
		if err != nil {
			t.Fatalf("%s: IBAN %q: %v", where, s, err)
		}
		if ind.Region == "KZ" && bankOfCode[ind.BankCode] == "" {
			t.Fatalf("%s: IBAN %q of no bank of the country", where, s)
		}
	}
	checkPhone := func(where, s string) {
		t.Helper()
		ind, err := ident.ParsePhone(s, "KZ")
		if err != nil || ind.Value != s {
			t.Fatalf("%s: phone %q is not E.164 (%v)", where, s, err)
		}
	}

	var prev time.Time
	for i, e := range w.Events {
		set := 0
		for _, p := range []bool{e.Call != nil, e.Payment != nil, e.Report != nil} {
			if p {
				set++
			}
		}
		if set != 1 {
			t.Fatalf("event %d has %d parts", i, set)
		}
		if e.At.Before(prev) {
			t.Fatalf("event %d at %v before the previous one at %v", i, e.At, prev)
		}
		if e.At.Before(start) || !e.At.Before(end) {
			t.Fatalf("event %d at %v outside the period", i, e.At)
		}
		prev = e.At
		switch {
		case e.Call != nil:
			cl := e.Call
			checkPhone("call A", cl.A)
			checkPhone("call B", cl.B)
			if !cl.At.Equal(e.At) || !cl.Ingress.Valid() || cl.CallID == "" {
				t.Fatalf("call %+v is malformed", cl)
			}
			if cl.Registered && cl.Ingress != kuzet.IngressDomestic {
				t.Fatalf("call %+v registered but from abroad", cl)
			}
		case e.Payment != nil:
			p := e.Payment
			ch := p.Check
			if ids[ch.PaymentID] {
				t.Fatalf("payment ID %s used twice", ch.PaymentID)
			}
			ids[ch.PaymentID] = true
			if !ch.CreatedAt.Equal(e.At) || ch.Amount <= 0 || ch.Currency != "KZT" || ch.Channel == "" {
				t.Fatalf("payment %+v is malformed", ch)
			}
			checkIBAN("payer", ch.Payer.Account)
			if ind, _ := ident.ParseIBAN(ch.Payer.Account); bankOfCode[ind.BankCode] != p.BankBIC {
				t.Fatalf("payer account %s is not at the checking bank %s", ch.Payer.Account, p.BankBIC)
			}
			checkPhone("payer", ch.Payer.Phone)
			if ch.Payer.CustomerID == "" || ch.Payer.DeviceID == "" || ch.Payer.IP == "" || ch.Payer.Region == "" {
				t.Fatalf("payer %+v is incomplete", ch.Payer)
			}
			pe := ch.Payee
			if pe.IBAN == "" && pe.Card == "" && pe.Phone == "" {
				t.Fatalf("payee %+v names no destination", pe)
			}
			if pe.IBAN != "" {
				checkIBAN("payee", pe.IBAN)
			}
			if pe.Phone != "" {
				checkPhone("payee", pe.Phone)
			}
			if pe.Card != "" {
				if _, err := ident.ParseCard(pe.Card, key); err != nil {
					t.Fatalf("payee card %q: %v", pe.Card, err)
				}
			}
			kinds[p.Kind]++
			counted := !e.At.Before(w.EvalFrom)
			switch p.Kind {
			case synth.PayScam:
				if p.ScamID == 0 || !slices.Contains(synth.Holdout5Schemes, p.Scheme) {
					t.Fatalf("scam payment %s: scam %d, scheme %q", ch.PaymentID, p.ScamID, p.Scheme)
				}
				if s, ok := scamScheme[p.ScamID]; ok && s != p.Scheme {
					t.Fatalf("scam %d under two schemes", p.ScamID)
				}
				scamScheme[p.ScamID] = p.Scheme
				schemes[p.Scheme]++
				lastScam[p.ScamID] = e.At
				if counted {
					scamCounted++
				}
			case synth.PayMuleForward:
				if p.ScamID == 0 {
					t.Fatalf("forward %s names no scam", ch.PaymentID)
				}
				k := flowKey{ch.Payer.Account, p.ScamID}
				out[k] += ch.Amount
				if have := in[k] + in[flowKey{ch.Payer.Phone, p.ScamID}]; out[k] > have {
					t.Fatalf("forward %s of scam %d: %v sent on, only %v received", ch.PaymentID, p.ScamID, out[k], have)
				}
			default:
				if !slices.Contains(synth.Holdout5Kinds, p.Kind) || p.ScamID != 0 {
					t.Fatalf("honest payment %s: kind %q, scam %d", ch.PaymentID, p.Kind, p.ScamID)
				}
				if counted {
					honestCounted++
				}
			}
			if p.Kind.Fraud() {
				if pe.IBAN != "" {
					in[flowKey{pe.IBAN, p.ScamID}] += ch.Amount
				} else if pe.Phone != "" {
					in[flowKey{pe.Phone, p.ScamID}] += ch.Amount
				}
			}
		case e.Report != nil:
			r := e.Report
			reports++
			last, ok := lastScam[r.ScamID]
			if !ok || !e.At.After(last) {
				t.Fatalf("report of scam %d at %v, its last payment at %v", r.ScamID, e.At, last)
			}
			if r.Scheme != scamScheme[r.ScamID] || r.Currency != "KZT" || r.Victim.Name == "" || r.Channel == "" {
				t.Fatalf("report %+v is malformed", r)
			}
			checkPhone("victim", r.Victim.Phone)
			var sum kuzet.Amount
			for _, tr := range r.Transfers {
				checkIBAN("report transfer", tr.ToIBAN)
				if tr.At.After(e.At) {
					t.Fatalf("report of scam %d names a transfer after it", r.ScamID)
				}
				if _, ok := r.Hops[tr.ToIBAN]; !ok {
					t.Fatalf("report of scam %d: no hop for %s", r.ScamID, tr.ToIBAN)
				}
				sum += tr.Amount
			}
			if sum != r.AmountLost || sum <= 0 {
				t.Fatalf("report of scam %d: lost %v, transfers sum to %v", r.ScamID, r.AmountLost, sum)
			}
			for iban, h := range r.Hops {
				checkIBAN("hop", iban)
				if h.Frozen < 0 {
					t.Fatalf("hop %s frozen %v", iban, h.Frozen)
				}
				for _, tr := range h.Onward {
					checkIBAN("onward transfer", tr.ToIBAN)
					if tr.At.After(e.At) {
						t.Fatalf("report of scam %d names an onward transfer after it", r.ScamID)
					}
				}
			}
			for _, ind := range r.Indicators {
				if !ind.Kind.Valid() || ind.Value == "" {
					t.Fatalf("report of scam %d: indicator %+v", r.ScamID, ind)
				}
			}
		}
	}
	for _, s := range w.Listed {
		if s.Category != kuzet.CategoryMuleAccount || s.Reporter == "" {
			t.Fatalf("listed %+v", s)
		}
		switch s.Kind {
		case kuzet.KindIBAN:
			checkIBAN("listed", strings.ReplaceAll(s.Value, " ", ""))
		case kuzet.KindPhone:
			checkPhone("listed", s.Value)
		case kuzet.KindCard:
			if _, err := ident.ParseCard(s.Value, key); err != nil {
				t.Fatalf("listed card %q: %v", s.Value, err)
			}
		default:
			t.Fatalf("listed kind %q", s.Kind)
		}
	}
	t.Logf("honest counted %d, scam counted %d, scams %d, reports %d, listed %d, events %d",
		honestCounted, scamCounted, len(scamScheme), reports, len(w.Listed), len(w.Events))
	t.Logf("kinds %v", kinds)
	t.Logf("schemes %v", schemes)
	if reports == 0 || len(w.Listed) == 0 || kinds[synth.PayMuleForward] == 0 {
		t.Errorf("reports %d, listed %d, forwards %d: want some of each", reports, len(w.Listed), kinds[synth.PayMuleForward])
	}
	if smallWorlds() {
		return
	}
	for _, k := range synth.Holdout5Kinds {
		if kinds[k] == 0 {
			t.Errorf("no %s payment", k)
		}
	}
	for _, s := range synth.Holdout5Schemes {
		if schemes[s] == 0 {
			t.Errorf("no %s scam", s)
		}
	}
	if honestCounted < 50_000 || honestCounted > 90_000 {
		t.Errorf("%d honest payments counted, want 50,000 to 90,000", honestCounted)
	}
	if scamCounted < 600 || scamCounted > 1200 {
		t.Errorf("%d scam payments counted, want 600 to 1,200", scamCounted)
	}
}
