package synth_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/synth"
)

// h6Small is a world small enough for -short and -race.
func h6Small(seed uint64) synth.Holdout6Config {
	return synth.Holdout6Config{Seed: seed, Days: 10, Customers: 400, ScamsPerDay: 6, WarmupDays: 3, Mules: 40}
}

func h6Config(t *testing.T, seed uint64) synth.Holdout6Config {
	if smallWorlds() {
		return h6Small(seed)
	}
	return synth.Holdout6Config{Seed: seed}
}

func TestHoldout6Deterministic(t *testing.T) {
	cfg := h6Small(7)
	a := synth.New(1).Holdout6(cfg)
	// The country's own random state must not matter.
	c := synth.New(99)
	c.Mobile()
	c.IBAN(c.Banks[0])
	b := c.Holdout6(cfg)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave different worlds")
	}
	d := synth.New(1).Holdout6(h6Small(8))
	if reflect.DeepEqual(a.Events, d.Events) {
		t.Fatal("another seed gave the same world")
	}
}

func TestHoldout6Defaults(t *testing.T) {
	w := synth.New(1).Holdout6(synth.Holdout6Config{Seed: 1, Days: 1, Customers: 50})
	start := time.Date(2027, 1, 11, 0, 0, 0, 0, time.FixedZone("", 5*3600))
	if !w.Config.Start.Equal(start) || w.Config.Start.Weekday() != time.Monday {
		t.Errorf("start %v, want %v", w.Config.Start, start)
	}
	if w.Config.Customers != 50 || w.Config.Days != 1 {
		t.Errorf("config %+v", w.Config)
	}
	if got, want := w.EvalFrom, start.AddDate(0, 0, 7); !got.Equal(want) {
		t.Errorf("EvalFrom %v, want %v", got, want)
	}
}

func TestHoldout6World(t *testing.T) {
	cfg := h6Config(t, 2027)
	w := synth.New(3).Holdout6(cfg)
	start := w.Config.Start
	end := start.AddDate(0, 0, w.Config.Days)
	parser := ident.Parser{CardKey: []byte("0123456789abcdef0123")}

	honest := map[synth.PaymentKind]int{}
	schemes := map[string]int{}
	var counted, countedScam, reports, forwards, calls, scamCalls int
	ids := map[string]bool{}
	scamAt := map[int]time.Time{} // first scam payment
	scamSum := map[int]int64{}    // paid by the victim so far
	type key struct {
		scam int
		id   string
	}
	recv := map[key]int64{} // by scam and receiving IBAN or phone
	sent := map[key]int64{} // by scam and sending account
	kinds := map[synth.PaymentKind]bool{}
	for _, k := range synth.Holdout6Kinds {
		kinds[k] = true
	}
	valid := func(kind kuzet.Kind, v string) {
		t.Helper()
		if _, err := parser.Parse(kind, v); err != nil {
			t.Errorf("%s %q: %v", kind, v, err)
		}
	}
	var last time.Time
	for i, e := range w.Events {
		if e.At.Before(last) {
			t.Fatalf("event %d at %v before %v", i, e.At, last)
		}
		last = e.At
		if e.At.Before(start) || !e.At.Before(end) {
			t.Fatalf("event %d at %v outside the period", i, e.At)
		}
		set := 0
		for _, p := range []bool{e.Call != nil, e.Payment != nil, e.Report != nil} {
			if p {
				set++
			}
		}
		if set != 1 {
			t.Fatalf("event %d has %d parts", i, set)
		}
		switch {
		case e.Call != nil:
			c := e.Call
			calls++
			if c.Scam {
				scamCalls++
			}
			valid(kuzet.KindPhone, c.A)
			valid(kuzet.KindPhone, c.B)
			if !c.Ingress.Valid() || c.CallID == "" || !c.At.Equal(e.At) {
				t.Errorf("call %+v", c)
			}
		case e.Payment != nil:
			p := e.Payment
			ch := p.Check
			if ids[ch.PaymentID] {
				t.Errorf("payment ID %s repeated", ch.PaymentID)
			}
			ids[ch.PaymentID] = true
			if !ch.CreatedAt.Equal(e.At) || ch.Amount <= 0 || ch.Currency != "KZT" || ch.Channel == "" || p.BankBIC == "" {
				t.Errorf("payment %+v", p)
			}
			valid(kuzet.KindIBAN, ch.Payer.Account)
			valid(kuzet.KindPhone, ch.Payer.Phone)
			valid(kuzet.KindIP, ch.Payer.IP)
			if ch.Payer.CustomerID == "" || ch.Payer.DeviceID == "" {
				t.Errorf("payer %+v", ch.Payer)
			}
			pe := ch.Payee
			if pe.IBAN == "" && pe.Card == "" && pe.Phone == "" {
				t.Errorf("payee %+v has no identifier", pe)
			}
			if pe.IBAN != "" {
				valid(kuzet.KindIBAN, pe.IBAN)
			}
			if pe.Card != "" {
				valid(kuzet.KindCard, pe.Card)
			}
			if pe.Phone != "" {
				valid(kuzet.KindPhone, pe.Phone)
			}
			units := int64(ch.Amount / 100)
			eval := !e.At.Before(w.EvalFrom)
			switch p.Kind {
			case synth.PayScam:
				if p.ScamID == 0 || !slices.Contains(synth.Holdout6Schemes, p.Scheme) {
					t.Errorf("scam payment %s: scheme %q, ScamID %d", ch.PaymentID, p.Scheme, p.ScamID)
				}
				schemes[p.Scheme]++
				if _, ok := scamAt[p.ScamID]; !ok {
					scamAt[p.ScamID] = e.At
				}
				scamSum[p.ScamID] += units
				if eval {
					countedScam++
				}
			case synth.PayMuleForward:
				forwards++
				if p.ScamID == 0 {
					t.Errorf("forward %s has no ScamID", ch.PaymentID)
				}
				first, ok := scamAt[p.ScamID]
				if !ok || !first.Before(e.At) {
					t.Errorf("forward %s of scam %d precedes the scam", ch.PaymentID, p.ScamID)
				}
				k := key{p.ScamID, ch.Payer.Account}
				sent[k] += units
				// A mule paid by card cannot be traced here; one paid by
				// IBAN or phone must have received what it sends.
				in := recv[k] + recv[key{p.ScamID, ch.Payer.Phone}]
				if in > 0 && sent[k] > in {
					t.Errorf("mule %s sent %d of scam %d, received %d", ch.Payer.Account, sent[k], p.ScamID, in)
				}
				if sent[k] > scamSum[p.ScamID] {
					t.Errorf("mule %s sent %d of scam %d, more than the victim paid (%d)", ch.Payer.Account, sent[k], p.ScamID, scamSum[p.ScamID])
				}
			default:
				if !kinds[p.Kind] || p.ScamID != 0 || p.Scheme != "" {
					t.Errorf("honest payment %s: kind %q, ScamID %d, scheme %q", ch.PaymentID, p.Kind, p.ScamID, p.Scheme)
				}
				honest[p.Kind]++
				if eval {
					counted++
				}
			}
			if p.Kind.Fraud() {
				for _, id := range []string{pe.IBAN, pe.Phone} {
					if id != "" {
						recv[key{p.ScamID, id}] += units
					}
				}
			}
		case e.Report != nil:
			r := e.Report
			reports++
			first, ok := scamAt[r.ScamID]
			if !ok || !first.Before(e.At) {
				t.Errorf("report of scam %d before the scam", r.ScamID)
			}
			if !slices.Contains(synth.Holdout6Schemes, r.Scheme) || r.AmountLost <= 0 || len(r.Transfers) == 0 || r.Victim.Name == "" {
				t.Errorf("report %+v", r)
			}
			var sum kuzet.Amount
			for _, tr := range r.Transfers {
				valid(kuzet.KindIBAN, tr.ToIBAN)
				if tr.At.After(e.At) {
					t.Errorf("report of scam %d names a later transfer", r.ScamID)
				}
				sum += tr.Amount
			}
			if sum != r.AmountLost {
				t.Errorf("report of scam %d: transfers %d, lost %d", r.ScamID, sum, r.AmountLost)
			}
			for _, ind := range r.Indicators {
				valid(ind.Kind, ind.Value)
			}
			for iban := range r.Hops {
				valid(kuzet.KindIBAN, iban)
			}
		}
	}
	for _, s := range w.Listed {
		valid(s.Kind, s.Value)
		if s.Category != kuzet.CategoryMuleAccount {
			t.Errorf("listed %+v", s)
		}
	}
	t.Logf("honest %v (counted %d), scams %v (counted %d), forwards %d, calls %d (scam %d), reports %d, listed %d",
		honest, counted, schemes, countedScam, forwards, calls, scamCalls, reports, len(w.Listed))
	if smallWorlds() {
		return
	}
	for _, k := range synth.Holdout6Kinds {
		if honest[k] == 0 {
			t.Errorf("no %s payment", k)
		}
	}
	for _, s := range synth.Holdout6Schemes {
		if schemes[s] == 0 {
			t.Errorf("no %s scam", s)
		}
	}
	if counted < 50_000 || counted > 90_000 {
		t.Errorf("%d honest counted payments, want 50,000 to 90,000", counted)
	}
	if countedScam < 600 || countedScam > 1200 {
		t.Errorf("%d counted scam payments, want 600 to 1,200", countedScam)
	}
	if reports < 100 {
		t.Errorf("%d reports, want at least 100", reports)
	}
}
