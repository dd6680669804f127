package synth_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/synth"
)

var small2 = synth.Holdout2Config{Seed: 5, Customers: 800, Days: 14, ScamsPerDay: 15, Mules: 30}

// TestHoldout2Deterministic checks that the second holdout depends on its
// config alone, the seed included.
func TestHoldout2Deterministic(t *testing.T) {
	a := synth.New(1).Holdout2(small2)
	b := synth.New(99).Holdout2(small2)
	if !reflect.DeepEqual(a.Events, b.Events) || !reflect.DeepEqual(a.Listed, b.Listed) || !a.EvalFrom.Equal(b.EvalFrom) {
		t.Error("the same config gave different worlds")
	}
	other := small2
	other.Seed++
	if c := synth.New(1).Holdout2(other); reflect.DeepEqual(a.Events[:200], c.Events[:200]) {
		t.Error("another seed gave the same world")
	}
}

// h2Tally is what a world holds.
type h2Tally struct {
	kinds, counted            map[synth.PaymentKind]int
	schemes                   map[string]int // scams (not payments) by scheme
	calls, scamCalls, reports int
	scams                     map[int]bool
}

// checkHoldout2 checks every event of w for what the API would accept and
// for the simulation's own consistency, and counts them.
func checkHoldout2(t *testing.T, w *synth.PaymentWorld) h2Tally {
	t.Helper()
	q := h2Tally{kinds: map[synth.PaymentKind]int{}, counted: map[synth.PaymentKind]int{}, schemes: map[string]int{},
		scams: map[int]bool{}}
	start, end := w.Config.Start, w.Config.Start.AddDate(0, 0, w.Config.Days)
	if want := start.AddDate(0, 0, min(7, w.Config.Days/4)); !w.EvalFrom.Equal(want) {
		t.Errorf("evaluation from %v, want %v", w.EvalFrom, want)
	}
	phone := func(what, n string) {
		if _, err := ident.ParsePhone(n, ""); err != nil {
			t.Fatalf("%s %q: %v", what, n, err)
		}
	}
	key := []byte("0123456789abcdef0123456789abcdef")
	paymentIDs, callIDs := map[string]bool{}, map[string]bool{}
	paid := map[int]kuzet.Amount{} // by scam: what victims sent
	lastScamCall := map[string]time.Time{}
	for i, e := range w.Events {
		if i > 0 && e.At.Before(w.Events[i-1].At) {
			t.Fatalf("event %d is out of order", i)
		}
		if e.At.Before(start) || !e.At.Before(end) {
			t.Fatalf("event %d at %v, outside the period", i, e.At)
		}
		switch {
		case e.Call != nil:
			c := e.Call
			q.calls++
			phone("caller", c.A)
			phone("called", c.B)
			if callIDs[c.CallID] || !c.At.Equal(e.At) || !c.Ingress.Valid() {
				t.Fatalf("call %+v: repeated ID, wrong time or ingress", c)
			}
			callIDs[c.CallID] = true
			if c.Scam {
				q.scamCalls++
				lastScamCall[c.B] = c.At
			}
		case e.Payment != nil:
			p := e.Payment
			pc := p.Check
			q.kinds[p.Kind]++
			if !e.At.Before(w.EvalFrom) {
				q.counted[p.Kind]++
			}
			if paymentIDs[pc.PaymentID] || pc.Amount <= 0 || pc.Currency != "KZT" || !pc.CreatedAt.Equal(e.At) || p.BankBIC == "" {
				t.Fatalf("payment %+v", p)
			}
			paymentIDs[pc.PaymentID] = true
			if _, err := ident.ParseIBAN(pc.Payer.Account); err != nil {
				t.Fatalf("payment %s: payer account: %v", pc.PaymentID, err)
			}
			if pc.Payer.Phone != "" {
				phone("payer", pc.Payer.Phone)
			}
			if pc.Payer.IP != "" {
				if _, err := ident.ParseIP(pc.Payer.IP); err != nil {
					t.Fatalf("payment %s: payer IP: %v", pc.PaymentID, err)
				}
			}
			n := 0
			if pc.Payee.IBAN != "" {
				n++
				if _, err := ident.ParseIBAN(pc.Payee.IBAN); err != nil {
					t.Fatalf("payment %s: payee IBAN %s: %v", pc.PaymentID, pc.Payee.IBAN, err)
				}
			}
			if pc.Payee.Phone != "" {
				n++
				phone("payee", pc.Payee.Phone)
			}
			if pc.Payee.Card != "" {
				n++
				if _, err := ident.ParseCard(pc.Payee.Card, key); err != nil {
					t.Fatalf("payment %s: payee card: %v", pc.PaymentID, err)
				}
			}
			if n != 1 {
				t.Fatalf("payment %s names its payee %d ways: %+v", pc.PaymentID, n, pc.Payee)
			}
			if p.Kind.Fraud() != (p.ScamID != 0) || p.Kind.Fraud() != (p.Scheme != "") {
				t.Fatalf("payment %s: kind %s, scheme %q, scam %d", pc.PaymentID, p.Kind, p.Scheme, p.ScamID)
			}
			if p.Kind == synth.PayScam {
				if !q.scams[p.ScamID] {
					q.scams[p.ScamID] = true
					q.schemes[p.Scheme]++
				}
				paid[p.ScamID] += pc.Amount
				if p.Scheme == synth.SchemeSecuritySIM {
					if at, ok := lastScamCall[pc.Payer.Phone]; !ok || e.At.Sub(at) > 3*time.Hour {
						t.Fatalf("payment %s (%s) with no scam call before it", pc.PaymentID, p.Scheme)
					}
				}
			}
		case e.Report != nil:
			r := e.Report
			q.reports++
			var sent kuzet.Amount
			for _, tr := range r.Transfers {
				sent += tr.Amount
				if _, ok := r.Hops[tr.ToIBAN]; !ok {
					t.Fatalf("report %d: no truth for %s", r.ScamID, tr.ToIBAN)
				}
			}
			if sent != r.AmountLost || sent != paid[r.ScamID] || sent == 0 {
				t.Fatalf("report %d: lost %s, transfers %s, paid %s", r.ScamID, r.AmountLost, sent, paid[r.ScamID])
			}
			for iban, h := range r.Hops {
				// A mule that cashed out has nothing left and sent nothing on.
				if h.Frozen < 0 || h.BankBIC == "" || h.Frozen > sent {
					t.Fatalf("report %d: hop %s: %+v", r.ScamID, iban, h)
				}
			}
			for _, ind := range r.Indicators {
				if _, err := (&ident.Parser{CardKey: key}).Parse(ind.Kind, ind.Value); err != nil {
					t.Fatalf("report %d: indicator %v: %v", r.ScamID, ind, err)
				}
			}
		}
	}
	return q
}

// TestHoldout2World checks a small world event by event and that it makes
// every kind and scheme it promises.
func TestHoldout2World(t *testing.T) {
	w := synth.New(1).Holdout2(small2)
	q := checkHoldout2(t, w)
	for _, k := range synth.Holdout2Kinds {
		if q.kinds[k] == 0 {
			t.Errorf("no %s payments", k)
		}
	}
	for _, s := range synth.Holdout2Schemes {
		if q.schemes[s] == 0 {
			t.Errorf("no %s scams", s)
		}
	}
	if q.calls == 0 || q.scamCalls == 0 || q.reports == 0 || q.reports >= len(q.scams) {
		t.Errorf("calls %d (%d scam), reports %d of %d scams", q.calls, q.scamCalls, q.reports, len(q.scams))
	}
	for _, l := range w.Listed {
		if l.Category != kuzet.CategoryMuleAccount || (l.Kind != kuzet.KindIBAN && l.Kind != kuzet.KindCard) {
			t.Errorf("listed %+v", l)
		}
	}
}

// TestHoldout2Short checks that the short world a quality test would play
// under -short still has enough payments of each truth to judge.
func TestHoldout2Short(t *testing.T) {
	w := synth.New(7).Holdout2(synth.Holdout2Config{Seed: 2027, Customers: 250, Days: 10, ScamsPerDay: 20})
	q := checkHoldout2(t, w)
	honest := 0
	for k, n := range q.counted {
		if !k.Fraud() {
			honest += n
		}
	}
	t.Logf("counted: %d honest, %d scam, %d mule forwards; %d scams, %d reports", honest, q.counted[synth.PayScam],
		q.counted[synth.PayMuleForward], len(q.scams), q.reports)
	if honest < 1500 || q.counted[synth.PayScam] < 100 {
		t.Errorf("counted %d honest and %d scam payments: too few to judge", honest, q.counted[synth.PayScam])
	}
}

// TestHoldout2Default measures the default world, as the quality test would
// use it: its size, its mixture, the reuse of mules, and the time it takes.
func TestHoldout2Default(t *testing.T) {
	started := time.Now()
	w := synth.New(7).Holdout2(synth.Holdout2Config{Seed: 2027})
	took := time.Since(started)
	q := checkHoldout2(t, w)
	honest, counted, scamPays := 0, 0, 0
	for k, n := range q.counted {
		counted += n
		if !k.Fraud() {
			honest += n
		}
	}
	scamPays = q.counted[synth.PayScam]
	t.Logf("generated %d events in %s: %d calls (%d scam), %d reports, %d listed", len(w.Events),
		took.Round(time.Millisecond), q.calls, q.scamCalls, q.reports, len(w.Listed))
	t.Logf("all payments by kind %v", q.kinds)
	t.Logf("counted payments by kind %v", q.counted)
	t.Logf("scams %d by scheme %v", len(q.scams), q.schemes)
	if n := len(q.scams); n < 330 || n > 510 {
		t.Errorf("%d scams, want about 15 a day for 28 days", n)
	}
	if honest < 40000 || honest > 200000 || scamPays < 400 || scamPays*50 > honest {
		t.Errorf("counted %d honest and %d scam payments", honest, scamPays)
	}
	for _, k := range synth.Holdout2Kinds {
		if q.counted[k] < 20 {
			t.Errorf("only %d counted %s payments", q.counted[k], k)
		}
	}
	if q.reports < len(q.scams)*2/5 || q.reports > len(q.scams)*9/10 {
		t.Errorf("%d reports for %d scams", q.reports, len(q.scams))
	}
	if q.calls < 10000 {
		t.Errorf("only %d calls", q.calls)
	}
	if len(w.Listed) < 14 {
		t.Errorf("only %d listed", len(w.Listed))
	}
	// Mules are reused: some take money from victims at several banks.
	victimBanks := map[string]map[string]bool{}
	for _, e := range w.Events {
		if p := e.Payment; p != nil && p.Kind == synth.PayScam {
			for _, r := range []string{p.Check.Payee.IBAN, p.Check.Payee.Phone, p.Check.Payee.Card} {
				if r != "" {
					if victimBanks[r] == nil {
						victimBanks[r] = map[string]bool{}
					}
					victimBanks[r][p.BankBIC] = true
				}
			}
		}
	}
	reused := 0
	for _, banks := range victimBanks {
		if len(banks) >= 2 {
			reused++
		}
	}
	if reused < 10 {
		t.Errorf("only %d mule identifiers paid from two banks or more", reused)
	}
	if took > 15*time.Second {
		t.Errorf("generation took %s", took)
	}
}
