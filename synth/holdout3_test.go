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

var (
	small3 = synth.Holdout3Config{Seed: 11, Customers: 600, Days: 28, ScamsPerDay: 15}
	short3 = synth.Holdout3Config{Seed: 2028, Customers: 250, Days: 10, ScamsPerDay: 20}
)

func TestHoldout3Deterministic(t *testing.T) {
	cfg := synth.Holdout3Config{Seed: 7, Customers: 300, Days: 10, ScamsPerDay: 10}
	a := synth.New(1).Holdout3(cfg)
	b := synth.New(99).Holdout3(cfg) // the country's own seed does not matter
	if !reflect.DeepEqual(a.Events, b.Events) || !reflect.DeepEqual(a.Listed, b.Listed) || a.EvalFrom != b.EvalFrom ||
		a.Config != b.Config {
		t.Error("the same seed gave different worlds")
	}
	c := synth.New(1)
	c.Holdout3(cfg) // nor what was drawn before
	if again := c.Holdout3(cfg); !reflect.DeepEqual(a.Events, again.Events) {
		t.Error("a second run on the same country gave another world")
	}
	cfg.Seed = 8
	if d := synth.New(1).Holdout3(cfg); reflect.DeepEqual(a.Events, d.Events) {
		t.Error("another seed gave the same world")
	}
}

// h3Tally is what checkHoldout3 counts.
type h3Tally struct {
	kinds, counted map[synth.PaymentKind]int
	schemes        map[string]int // scam payments by scheme
	scams          map[int]bool   // scams with a counted payment
	honest, scam   int            // counted payments
	forwards       int
	calls, reports int
}

// checkHoldout3 checks everything a world of Holdout3 promises and counts
// its payments.
func checkHoldout3(t *testing.T, c *synth.Country, cfg synth.Holdout3Config, w *synth.PaymentWorld) h3Tally {
	t.Helper()
	tl := h3Tally{kinds: map[synth.PaymentKind]int{}, counted: map[synth.PaymentKind]int{}, schemes: map[string]int{},
		scams: map[int]bool{}}
	start := w.Config.Start
	end := start.AddDate(0, 0, w.Config.Days)
	if cfg.Days > 0 && w.Config.Days != cfg.Days || cfg.Customers > 0 && w.Config.Customers != cfg.Customers ||
		w.Config.Seed != cfg.Seed || w.Config.ScamsPerDay <= 0 || w.Config.Mules <= 0 {
		t.Errorf("config %+v for %+v", w.Config, cfg)
	}
	if want := start.AddDate(0, 0, min(7, w.Config.Days/4)); !w.EvalFrom.Equal(want) {
		t.Errorf("EvalFrom %v, want %v", w.EvalFrom, want)
	}
	banks := map[string]synth.Bank{}
	for _, b := range c.Banks {
		banks[b.BIC] = b
	}
	orgs := map[string]bool{}
	for _, o := range c.Orgs() {
		orgs[o.Name] = true
	}
	parser := &ident.Parser{CardKey: []byte("0123456789abcdef0123456789abcdef")}
	valid := func(where string, kind kuzet.Kind, v string) {
		t.Helper()
		if _, err := parser.Parse(kind, v); err != nil {
			t.Errorf("%s: %s %q: %v", where, kind, v, err)
		}
	}
	if len(w.Listed) == 0 {
		t.Error("the registry knows no mule")
	}
	for _, l := range w.Listed {
		valid("listed", l.Kind, l.Value)
		if !orgs[l.Reporter] || l.Category != kuzet.CategoryMuleAccount || l.Confidence <= 0 || l.Confidence > 1 {
			t.Errorf("listed %+v", l)
		}
	}
	ids, callIDs := map[string]bool{}, map[string]bool{}
	lost := map[int]kuzet.Amount{}
	scheme := map[int]string{}
	var last time.Time
	for i, e := range w.Events {
		n := 0
		for _, set := range []bool{e.Call != nil, e.Payment != nil, e.Report != nil} {
			if set {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("event %d sets %d of call, payment, report", i, n)
		}
		if e.At.Before(last) {
			t.Fatalf("event %d at %v before %v", i, e.At, last)
		}
		last = e.At
		if e.At.Before(start) || !e.At.Before(end) {
			t.Fatalf("event %d at %v outside [%v, %v)", i, e.At, start, end)
		}
		switch {
		case e.Call != nil:
			cl := e.Call
			tl.calls++
			valid("call a", kuzet.KindPhone, cl.A)
			valid("call b", kuzet.KindPhone, cl.B)
			if callIDs[cl.CallID] || cl.CallID == "" || !cl.At.Equal(e.At) {
				t.Errorf("call %d: id %q, at %v", i, cl.CallID, cl.At)
			}
			callIDs[cl.CallID] = true
			if cl.Ingress != kuzet.IngressDomestic && cl.Ingress != kuzet.IngressInternational {
				t.Errorf("call %d: ingress %q", i, cl.Ingress)
			}
			kz := strings.HasPrefix(cl.A, "+77")
			if cl.Registered && (!kz || cl.Ingress != kuzet.IngressDomestic) ||
				cl.Foreign && (kz || cl.Ingress != kuzet.IngressInternational) || cl.Unverified && (!kz || cl.Registered) {
				t.Errorf("call %d: %+v", i, cl)
			}
			if !kz && !cl.FirstTime && !cl.Foreign && cl.Ingress == kuzet.IngressInternational {
				t.Errorf("call %d from abroad passed with no flag: %+v", i, cl)
			}
		case e.Payment != nil:
			p := e.Payment
			ck := p.Check
			counted := !e.At.Before(w.EvalFrom)
			tl.kinds[p.Kind]++
			if counted {
				tl.counted[p.Kind]++
			}
			if !slices.Contains(synth.Holdout3Kinds, p.Kind) {
				t.Errorf("payment %d: kind %q", i, p.Kind)
			}
			if ids[ck.PaymentID] {
				t.Errorf("payment %d: id %q again", i, ck.PaymentID)
			}
			ids[ck.PaymentID] = true
			// What the payment engine checks on input.
			var pr kuzet.Problems
			pr.Text("payment_id", &ck.PaymentID, 128)
			pr.Amount("amount", ck.Amount)
			pr.Currency("currency", &ck.Currency)
			pr.Token("channel", &ck.Channel, 32)
			pr.Text("payer.customer_id", &ck.Payer.CustomerID, 128)
			pr.Text("payer.device_id", &ck.Payer.DeviceID, 128)
			pr.Text("payer.region", &ck.Payer.Region, 64)
			pr.Text("payee.name", &ck.Payee.Name, 140)
			pr.BIC("payee.bank_bic", &ck.Payee.BankBIC)
			if err := pr.Err(); err != nil || ck.PaymentID == "" || ck.Currency != "KZT" || !ck.CreatedAt.Equal(e.At) {
				t.Errorf("payment %d: %v: %+v", i, err, ck)
			}
			// Nobody sends more than a million from the app; firms pay
			// salaries from their own systems.
			if ck.Amount < 100*100 || ck.Amount > 1e6*100 && p.Kind != synth.PaySalary || ck.Amount%100 != 0 {
				t.Errorf("payment %d: %s KZT %s", i, p.Kind, ck.Amount)
			}
			b, ok := banks[p.BankBIC]
			if !ok {
				t.Errorf("payment %d: checking bank %q", i, p.BankBIC)
			}
			valid("payer account", kuzet.KindIBAN, ck.Payer.Account)
			if ind, _ := ident.ParseIBAN(ck.Payer.Account); ind.BankCode != b.BankCode {
				t.Errorf("payment %d: payer %s is not at the checking bank %s", i, ck.Payer.Account, b.BIC)
			}
			if ck.Payer.Phone != "" {
				valid("payer phone", kuzet.KindPhone, ck.Payer.Phone)
			}
			valid("payer ip", kuzet.KindIP, ck.Payer.IP)
			pe := ck.Payee
			ways := 0
			for kind, v := range map[kuzet.Kind]string{kuzet.KindIBAN: pe.IBAN, kuzet.KindCard: pe.Card, kuzet.KindPhone: pe.Phone} {
				if v != "" {
					ways++
					valid("payee", kind, v)
				}
			}
			if ways != 1 || pe.Account != "" || pe.Wallet != "" {
				t.Errorf("payment %d: payee %+v", i, pe)
			}
			if strings.HasPrefix(pe.IBAN, "KZ") || pe.IBAN == "" {
				if _, ok := banks[pe.BankBIC]; !ok {
					t.Errorf("payment %d: payee's bank %q", i, pe.BankBIC)
				}
			}
			if ind, _ := ident.ParseIBAN(pe.IBAN); ind.Region == "KZ" && ind.BankCode != banks[pe.BankBIC].BankCode {
				t.Errorf("payment %d: payee %s is not at %s", i, pe.IBAN, pe.BankBIC)
			}
			// Labels.
			switch p.Kind {
			case synth.PayScam:
				if p.ScamID <= 0 || !slices.Contains(synth.Holdout3Schemes, p.Scheme) || scheme[p.ScamID] != "" && scheme[p.ScamID] != p.Scheme {
					t.Errorf("payment %d: scam %d %q", i, p.ScamID, p.Scheme)
				}
				scheme[p.ScamID] = p.Scheme
				lost[p.ScamID] += ck.Amount
				tl.schemes[p.Scheme]++
				if counted {
					tl.scam++
					tl.scams[p.ScamID] = true
				}
			case synth.PayMuleForward:
				// After the scam's first payment, from an account at a
				// bank of the exchange.
				if p.Scheme != scheme[p.ScamID] || ck.Payer.Account == "" {
					t.Errorf("payment %d: a forward of scam %d (%q) from %s, which it never paid", i, p.ScamID, p.Scheme, ck.Payer.Account)
				}
				tl.forwards++
			default:
				if p.ScamID != 0 || p.Scheme != "" {
					t.Errorf("payment %d: honest %s with scam %d %q", i, p.Kind, p.ScamID, p.Scheme)
				}
				if counted {
					tl.honest++
				}
			}
		case e.Report != nil:
			r := e.Report
			tl.reports++
			if r.Scheme != scheme[r.ScamID] || r.AmountLost != lost[r.ScamID] || r.AmountLost <= 0 || r.Currency != "KZT" ||
				r.Victim.Name == "" || r.Channel == "" {
				t.Errorf("report %d: %+v; the scam's payments: %q, %s", i, r, scheme[r.ScamID], lost[r.ScamID])
			}
			valid("victim", kuzet.KindPhone, r.Victim.Phone)
			var sum kuzet.Amount
			for _, tr := range r.Transfers {
				sum += tr.Amount
				valid("transfer", kuzet.KindIBAN, tr.ToIBAN)
				if _, ok := banks[tr.FromBankBIC]; !ok || tr.At.After(e.At) {
					t.Errorf("report %d: transfer %+v", i, tr)
				}
			}
			if sum != r.AmountLost {
				t.Errorf("report %d: transfers add up to %s, lost %s", i, sum, r.AmountLost)
			}
			for _, ind := range r.Indicators {
				valid("report indicator", ind.Kind, ind.Value)
			}
			for iban, h := range r.Hops {
				valid("hop", kuzet.KindIBAN, iban)
				if _, ok := banks[h.BankBIC]; !ok || h.Frozen < 0 {
					t.Errorf("report %d: hop %s %+v", i, iban, h)
				}
			}
		}
	}
	return tl
}

func TestHoldout3World(t *testing.T) {
	c := synth.New(1)
	w := c.Holdout3(small3)
	tl := checkHoldout3(t, c, small3, w)
	for _, k := range synth.Holdout3Kinds {
		if tl.kinds[k] == 0 {
			t.Errorf("no %s payments: %v", k, tl.kinds)
		}
	}
	for _, s := range synth.Holdout3Schemes {
		if tl.schemes[s] == 0 {
			t.Errorf("no %s payments: %v", s, tl.schemes)
		}
	}
	if tl.reports == 0 || tl.calls == 0 || tl.forwards == 0 {
		t.Errorf("%d reports, %d calls, %d forwards", tl.reports, tl.calls, tl.forwards)
	}
	if n := len(w.Listed); n > 200 {
		t.Errorf("%d listed", n)
	}
	// Not every scam is reported, and a scam has a payment or a few.
	if days := float64(small3.Days - min(7, small3.Days/4)); len(tl.scams) < int(0.6*small3.ScamsPerDay*days) ||
		len(tl.scams) > int(1.3*small3.ScamsPerDay*days) || tl.scam < len(tl.scams) || tl.scam > 6*len(tl.scams) {
		t.Errorf("%d counted scams with %d payments", len(tl.scams), tl.scam)
	}
	t.Logf("%d counted honest, %d scam payments (%d scams), %d forwards, %d calls, %d reports", tl.honest, tl.scam,
		len(tl.scams), tl.forwards, tl.calls, tl.reports)
}

// TestHoldout3Short: the short run a quality test uses is large enough.
func TestHoldout3Short(t *testing.T) {
	c := synth.New(1)
	w := c.Holdout3(short3)
	tl := checkHoldout3(t, c, short3, w)
	if tl.honest < 1500 || tl.scam < 100 {
		t.Errorf("short run: %d counted honest and %d scam payments, want 1,500 and 100", tl.honest, tl.scam)
	}
	t.Logf("short: %d counted honest, %d scam payments (%d scams)", tl.honest, tl.scam, len(tl.scams))
}

func TestHoldout3Default(t *testing.T) {
	if smallWorlds() {
		t.Skip("the full default world")
	}
	c := synth.New(1)
	cfg := synth.Holdout3Config{Seed: 2028}
	started := time.Now()
	w := c.Holdout3(cfg)
	took := time.Since(started)
	tl := checkHoldout3(t, c, cfg, w)
	if w.Config.Customers != 3000 || w.Config.Days != 28 || w.Config.ScamsPerDay != 15 {
		t.Errorf("defaults %+v", w.Config)
	}
	for _, k := range synth.Holdout3Kinds {
		if tl.counted[k] == 0 {
			t.Errorf("no counted %s payments", k)
		}
	}
	// About 1.3 honest payments a customer a day; scams a percent or two
	// of the payments.
	if tl.honest < 50000 || tl.honest > 150000 || tl.scam < 400 || tl.scam > 2500 {
		t.Errorf("%d counted honest, %d scam payments", tl.honest, tl.scam)
	}
	t.Logf("default, %s: %d counted honest, %d scam payments (%d scams), %d forwards, %d calls, %d reports, %d listed",
		took.Round(time.Millisecond), tl.honest, tl.scam, len(tl.scams), tl.forwards, tl.calls, tl.reports, len(w.Listed))
	t.Logf("counted by kind: %v", tl.counted)
}
