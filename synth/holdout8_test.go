package synth_test

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/synth"
)

func holdout8Small(seed uint64) synth.Holdout8Config {
	return synth.Holdout8Config{Seed: seed, Days: 10, WarmupDays: 3, Customers: 500, ScamsPerDay: 12, Mules: 20}
}

func TestHoldout8Deterministic(t *testing.T) {
	a := synth.New(1).Holdout8(holdout8Small(7))
	c := synth.New(99)
	c.Mobile() // the country's own random state must not matter
	b := c.Holdout8(holdout8Small(7))
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed, different worlds")
	}
	d := synth.New(1).Holdout8(holdout8Small(8))
	if reflect.DeepEqual(a.Events, d.Events) {
		t.Fatal("another seed, same world")
	}
}

func TestHoldout8Defaults(t *testing.T) {
	cfg := synth.Holdout8Config{Seed: 1}
	if smallWorlds() {
		cfg.Customers, cfg.ScamsPerDay, cfg.Mules = 300, 5, 15
	}
	w := synth.New(1).Holdout8(cfg)
	kz := time.FixedZone("KZ", 5*3600)
	start := time.Date(2026, 2, 2, 0, 0, 0, 0, kz)
	if !w.Config.Start.Equal(start) || w.Config.Start.Weekday() != time.Monday {
		t.Errorf("start %v, want Monday %v", w.Config.Start, start)
	}
	if w.Config.Days != 28 {
		t.Errorf("days %d, want 28", w.Config.Days)
	}
	if !w.EvalFrom.Equal(start.AddDate(0, 0, 7)) {
		t.Errorf("EvalFrom %v, want a week after the start", w.EvalFrom)
	}
	if !smallWorlds() {
		if w.Config.Customers != 3600 || w.Config.ScamsPerDay != 30 || w.Config.Mules != 90 {
			t.Errorf("defaults not taken: %+v", w.Config)
		}
	}
	if len(w.Listed) == 0 {
		t.Error("nothing listed at the start")
	}
	last := w.Events[len(w.Events)-1].At
	if !last.Before(start.AddDate(0, 0, 28)) || w.Events[0].At.Before(start) {
		t.Errorf("events from %v to %v outside the month", w.Events[0].At, last)
	}
}

func TestHoldout8Shape(t *testing.T) {
	cfg := synth.Holdout8Config{Seed: 3}
	if smallWorlds() {
		cfg = holdout8Small(3)
	}
	t0 := time.Now()
	w := synth.New(1).Holdout8(cfg)
	elapsed := time.Since(t0)
	scams := map[int]string{}
	reported := map[int]bool{}
	kinds := map[synth.PaymentKind]int{}
	schemes := map[string]int{}
	var checks, scamPays, honest, calls int
	var session [2][3]int // honest/scam × on_call, remote, new_device
	var prev time.Time
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
		if e.At.Before(prev) {
			t.Fatalf("event %d out of order", i)
		}
		prev = e.At
		switch {
		case e.Call != nil:
			c := e.Call
			calls++
			if !c.At.Equal(e.At) || c.CallID == "" || !c.Ingress.Valid() {
				t.Fatalf("bad call %+v", c)
			}
			for _, num := range []string{c.A, c.B} {
				if _, err := ident.ParsePhone(num, "KZ"); err != nil || !strings.HasPrefix(num, "+") {
					t.Fatalf("call number %q: %v", num, err)
				}
			}
			if c.Registered && (c.Ingress != kuzet.IngressDomestic || c.Foreign || c.Unverified) {
				t.Fatalf("registered call from abroad or unverified: %+v", c)
			}
		case e.Payment != nil:
			p := e.Payment
			ch := p.Check
			if ch.Amount <= 0 || ch.Currency != "KZT" || ch.PaymentID == "" || !ch.CreatedAt.Equal(e.At) {
				t.Fatalf("bad check %+v", ch)
			}
			if ch.Payer.Account == "" || ch.Payer.CustomerID == "" || ch.Payer.Region == "" || ch.Channel == "" {
				t.Fatalf("payer incomplete: %+v", ch)
			}
			if ch.Channel == "mobile_app" && (ch.Payer.DeviceID == "" || ch.Payer.IP == "") {
				t.Fatalf("app payment without device or IP: %+v", ch)
			}
			if ch.Payee.IBAN == "" && ch.Payee.Phone == "" && ch.Payee.Card == "" && ch.Payee.Account == "" {
				t.Fatalf("payee has no identifier: %+v", ch)
			}
			if ch.Payee.IBAN != "" {
				if _, err := ident.ParseIBAN(ch.Payee.IBAN); err != nil {
					t.Fatalf("payee IBAN %q: %v", ch.Payee.IBAN, err)
				}
			}
			if ch.Payee.Phone != "" {
				if _, err := ident.ParsePhone(ch.Payee.Phone, "KZ"); err != nil {
					t.Fatalf("payee phone %q: %v", ch.Payee.Phone, err)
				}
			}
			if ch.Payee.Card != "" {
				if _, err := ident.ParseCard(ch.Payee.Card, []byte("0123456789abcdef")); err != nil {
					t.Fatalf("payee card %q: %v", ch.Payee.Card, err)
				}
			}
			if p.BankBIC == "" {
				t.Fatalf("no checking bank: %+v", p)
			}
			if p.Kind.Fraud() {
				if p.ScamID == 0 || p.Scheme == "" {
					t.Fatalf("fraud payment without scam or scheme: %+v", p)
				}
				if p.Kind == synth.PayScam {
					scams[p.ScamID] = p.Scheme
				} else if _, ok := scams[p.ScamID]; !ok {
					t.Fatalf("forward before its scam: %+v", p)
				}
			} else if p.ScamID != 0 || p.Scheme != "" {
				t.Fatalf("honest payment labelled as a scam: %+v", p)
			}
			checks++
			if !e.At.Before(w.EvalFrom) {
				kinds[p.Kind]++
				k := 0
				if p.Kind == synth.PayScam {
					scamPays++
					schemes[p.Scheme]++
					k = 1
				} else if !p.Kind.Fraud() {
					honest++
				}
				if p.Kind != synth.PayMuleForward {
					for j, b := range []bool{ch.Payer.OnCall, ch.Payer.RemoteAccess, ch.Payer.NewDevice} {
						if b {
							session[k][j]++
						}
					}
				}
			}
		case e.Report != nil:
			r := e.Report
			s, ok := scams[r.ScamID]
			if !ok || s != r.Scheme || reported[r.ScamID] {
				t.Fatalf("report of unknown or repeated scam %d", r.ScamID)
			}
			reported[r.ScamID] = true
			if r.AmountLost <= 0 || r.Currency != "KZT" || r.Victim.Name == "" {
				t.Fatalf("bad report %+v", r)
			}
			for _, tr := range r.Transfers {
				if _, ok := r.Hops[tr.ToIBAN]; !ok {
					t.Fatalf("transfer to %s without a hop", tr.ToIBAN)
				}
			}
		}
	}
	if scamPays == 0 || honest == 0 || len(reported) == 0 || calls == 0 {
		t.Fatalf("empty world: %d scam payments, %d honest, %d reports, %d calls", scamPays, honest, len(reported), calls)
	}
	var ss []string
	for s, n := range schemes {
		ss = append(ss, fmt.Sprintf("%s=%d", s, n))
	}
	sort.Strings(ss)
	t.Logf("%v: %d events, %d checks, %d calls; evaluated: %d honest, %d scam payments, %v; %v; reports %d of %d scams",
		elapsed, len(w.Events), checks, calls, honest, scamPays, kinds, ss, len(reported), len(scams))
	t.Logf("session flags evaluated (on_call, remote, new_device): honest %v of %d, scam %v of %d",
		session[0], honest, session[1], scamPays)
	if !smallWorlds() {
		if n := kinds[synth.PayShopping] + kinds[synth.PayFamily] + kinds[synth.PayPurchase] + kinds[synth.PaySalary] + kinds[synth.PayScam] + kinds[synth.PayMuleForward]; n < 40_000 || n > 120_000 {
			t.Errorf("%d evaluated checks, want 40,000–120,000", n)
		}
		if scamPays < 800 {
			t.Errorf("%d evaluated scam payments, want at least 800", scamPays)
		}
		if elapsed > 5*time.Second {
			t.Errorf("generation took %v", elapsed)
		}
	}
}
