package synth_test

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/synth"
)

// h4Small is a world small enough for -race.
var h4Small = synth.Holdout4Config{Seed: 7, Customers: 600, Days: 14, ScamsPerDay: 6}

var (
	h4Once    sync.Once
	h4Default *synth.PaymentWorld
)

// h4World returns the default world, built once, or the small one under
// -short.
func h4World(t *testing.T) *synth.PaymentWorld {
	t.Helper()
	if smallWorlds() {
		return synth.New(1).Holdout4(h4Small)
	}
	h4Once.Do(func() { h4Default = synth.New(1).Holdout4(synth.Holdout4Config{Seed: 1}) })
	return h4Default
}

func TestHoldout4Deterministic(t *testing.T) {
	c := synth.New(3)
	a := c.Holdout4(h4Small)
	// Drawing from the country between two worlds must change nothing.
	for range 10 {
		c.Mobile()
		c.Card()
	}
	b := c.Holdout4(h4Small)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave two worlds")
	}
	if d := synth.New(99).Holdout4(h4Small); !reflect.DeepEqual(a, d) {
		t.Fatal("the world depends on the country's seed")
	}
	other := h4Small
	other.Seed++
	e := c.Holdout4(other)
	if len(e.Events) == len(a.Events) && reflect.DeepEqual(e.Events[:100], a.Events[:100]) {
		t.Fatal("another seed gave the same world")
	}
}

func TestHoldout4Defaults(t *testing.T) {
	w := synth.New(1).Holdout4(synth.Holdout4Config{Seed: 1, Customers: 200, Days: 10})
	start := w.Config.Start
	if start.Weekday() != time.Monday || start.Year() != 2026 {
		t.Errorf("start %v, want a Monday in 2026", start)
	}
	if _, off := start.Zone(); off != 5*3600 || start.Hour() != 0 {
		t.Errorf("start %v, want midnight at UTC+5", start)
	}
	if got, want := w.EvalFrom, start.AddDate(0, 0, 7); !got.Equal(want) {
		t.Errorf("EvalFrom %v, want %v", got, want)
	}
}

// h4Checker checks identifiers as kuzet would parse them.
type h4Checker struct {
	t     *testing.T
	banks map[string]synth.Bank // by bank code
	bics  map[string]bool
	telco []string // prefixes of member mobile operators
	fixed []string
	bad   int
}

func newH4Checker(t *testing.T, c *synth.Country) *h4Checker {
	k := &h4Checker{t: t, banks: map[string]synth.Bank{}, bics: map[string]bool{}}
	for _, b := range c.Banks {
		k.banks[b.BankCode] = b
		k.bics[b.BIC] = true
	}
	for _, tel := range c.Telcos {
		k.telco = append(k.telco, tel.Prefixes...)
	}
	for _, tel := range c.FixedLine {
		k.fixed = append(k.fixed, tel.Prefixes...)
	}
	return k
}

func (k *h4Checker) fail(format string, args ...any) {
	k.t.Helper()
	if k.bad++; k.bad <= 20 {
		k.t.Errorf(format, args...)
	}
}

var h4CardKey = []byte("holdout4-test-card-key")

func (k *h4Checker) check(kind kuzet.Kind, v string) {
	k.t.Helper()
	var err error
	switch kind {
	case kuzet.KindPhone:
		_, err = ident.ParsePhone(v, "KZ")
	case kuzet.KindIBAN:
		var ind kuzet.Indicator
		ind, err = ident.ParseIBAN(v)
		if err == nil && ind.Region == "KZ" {
			if _, ok := k.banks[ind.BankCode]; !ok {
				err = fmt.Errorf("no bank has code %s", ind.BankCode)
			}
		}
	case kuzet.KindCard:
		_, err = ident.ParseCard(v, h4CardKey)
	case kuzet.KindAccount:
		_, err = ident.ParseAccountNumber(v)
	case kuzet.KindDomain:
		_, err = ident.ParseDomain(v)
	case kuzet.KindURL:
		_, err = ident.ParseURL(v)
	default:
		err = fmt.Errorf("unexpected kind")
	}
	if err != nil {
		k.fail("%s %q: %v", kind, v, err)
	}
}

// kzIBAN checks that iban is a KZ IBAN of the bank bic names.
func (k *h4Checker) kzIBAN(iban, bic string) {
	k.t.Helper()
	k.check(kuzet.KindIBAN, iban)
	if b, ok := k.banks[iban[4:7]]; !ok || b.BIC != bic || !strings.HasPrefix(iban, "KZ") {
		k.fail("IBAN %s is not one of %s's", iban, bic)
	}
}

func h4HasPrefix(n string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(n, "+"+p) {
			return true
		}
	}
	return false
}

func TestHoldout4Events(t *testing.T) {
	c := synth.New(1)
	w := h4World(t)
	k := newH4Checker(t, c)
	end := w.Config.Start.AddDate(0, 0, w.Config.Days)
	kinds := map[synth.PaymentKind]bool{}
	for _, kd := range synth.Holdout4Kinds {
		kinds[kd] = true
	}
	ids := map[string]bool{}
	var prev time.Time
	for i, e := range w.Events {
		if e.At.Before(prev) {
			t.Fatalf("event %d at %v is before the one before it (%v)", i, e.At, prev)
		}
		prev = e.At
		if e.At.Before(w.Config.Start) || !e.At.Before(end) {
			t.Fatalf("event %d at %v is outside the period", i, e.At)
		}
		n := 0
		for _, set := range []bool{e.Call != nil, e.Payment != nil, e.Report != nil} {
			if set {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("event %d holds %d things, want 1", i, n)
		}
		switch {
		case e.Call != nil:
			cl := e.Call
			k.check(kuzet.KindPhone, cl.A)
			k.check(kuzet.KindPhone, cl.B)
			if !cl.At.Equal(e.At) || cl.CallID == "" || !cl.Ingress.Valid() {
				k.fail("call %+v: bad time, ID or ingress", cl)
			}
			if !h4HasPrefix(cl.B, k.telco) {
				k.fail("call %s to %s: no member operator terminates it", cl.CallID, cl.B)
			}
			if cl.Registered && (cl.Ingress != kuzet.IngressDomestic || !h4HasPrefix(cl.A, append(k.telco, k.fixed...))) {
				k.fail("call %s from %s registered by no member operator", cl.CallID, cl.A)
			}
		case e.Payment != nil:
			p := e.Payment
			ch := p.Check
			if ids[ch.PaymentID] {
				k.fail("payment ID %s repeats", ch.PaymentID)
			}
			ids[ch.PaymentID] = true
			if !kinds[p.Kind] {
				k.fail("payment %s: kind %q not in Holdout4Kinds", ch.PaymentID, p.Kind)
			}
			if !ch.CreatedAt.Equal(e.At) || ch.Amount <= 0 || ch.Amount%100 != 0 || ch.Currency != "KZT" || ch.Channel == "" {
				k.fail("payment %s: time %v, amount %v, currency %q, channel %q", ch.PaymentID, ch.CreatedAt, ch.Amount, ch.Currency, ch.Channel)
			}
			if !k.bics[p.BankBIC] {
				k.fail("payment %s checked by %q, no bank", ch.PaymentID, p.BankBIC)
			}
			k.kzIBAN(ch.Payer.Account, p.BankBIC)
			if ch.Payer.Phone != "" {
				k.check(kuzet.KindPhone, ch.Payer.Phone)
			}
			if ch.Payer.CustomerID == "" || ch.Payer.DeviceID == "" || ch.Payer.IP == "" || ch.Payer.Region == "" {
				k.fail("payment %s: payer %+v incomplete", ch.PaymentID, ch.Payer)
			}
			y := ch.Payee
			ids := 0
			for kind, v := range map[kuzet.Kind]string{kuzet.KindIBAN: y.IBAN, kuzet.KindPhone: y.Phone, kuzet.KindCard: y.Card, kuzet.KindAccount: y.Account} {
				if v != "" {
					ids++
					k.check(kind, v)
				}
			}
			if ids != 1 || y.Name == "" {
				k.fail("payment %s: payee %+v", ch.PaymentID, y)
			}
			if strings.HasPrefix(y.IBAN, "KZ") || strings.HasPrefix(y.Phone, "+77") {
				if !k.bics[y.BankBIC] {
					k.fail("payment %s: domestic payee without its bank: %+v", ch.PaymentID, y)
				}
			}
			if y.IBAN != "" && strings.HasPrefix(y.IBAN, "KZ") {
				k.kzIBAN(y.IBAN, y.BankBIC)
			}
			fraud := p.Kind.Fraud()
			if fraud != (p.ScamID != 0) || fraud != slices.Contains(synth.Holdout4Schemes, p.Scheme) {
				k.fail("payment %s: kind %s, scheme %q, scam %d", ch.PaymentID, p.Kind, p.Scheme, p.ScamID)
			}
		case e.Report != nil:
			r := e.Report
			if r.Victim.Name == "" || r.AmountLost <= 0 || r.Currency != "KZT" || r.Channel == "" || len(r.Transfers) == 0 {
				k.fail("report of scam %d incomplete: %+v", r.ScamID, r)
			}
			k.check(kuzet.KindPhone, r.Victim.Phone)
			for _, ind := range r.Indicators {
				k.check(ind.Kind, ind.Value)
			}
			for _, tr := range r.Transfers {
				k.kzIBAN(tr.ToIBAN, tr.ToBankBIC)
			}
		}
	}
	for _, s := range w.Listed {
		k.check(s.Kind, s.Value)
		if s.Category != kuzet.CategoryMuleAccount || s.Reporter == "" {
			k.fail("listed %+v", s)
		}
	}
}

// h4Trail is what the events say about one scam.
type h4Trail struct {
	scheme   string
	paid     []*synth.Payment // the victim's, in time order
	forwards []*synth.Payment
	lastPaid time.Time
	report   *synth.Report
	reportAt time.Time
}

func h4Trails(w *synth.PaymentWorld) map[int]*h4Trail {
	trails := map[int]*h4Trail{}
	get := func(id int) *h4Trail {
		if trails[id] == nil {
			trails[id] = &h4Trail{}
		}
		return trails[id]
	}
	for _, e := range w.Events {
		switch {
		case e.Payment != nil && e.Payment.Kind == synth.PayScam:
			tr := get(e.Payment.ScamID)
			tr.scheme = e.Payment.Scheme
			tr.paid = append(tr.paid, e.Payment)
			tr.lastPaid = e.At
		case e.Payment != nil && e.Payment.Kind == synth.PayMuleForward:
			tr := get(e.Payment.ScamID)
			tr.forwards = append(tr.forwards, e.Payment)
		case e.Report != nil:
			tr := get(e.Report.ScamID)
			tr.report, tr.reportAt = e.Report, e.At
		}
	}
	return trails
}

// h4Key names the account a payee stands for as far as a test can tell:
// by IBAN or phone, which a forwarding account also shows as payer; a
// card or a QR account only as "some account at that bank".
func h4Key(y kuzet.Payee) string {
	switch {
	case y.IBAN != "":
		return "iban:" + y.IBAN
	case y.Phone != "":
		return "phone:" + y.Phone
	}
	return "bank:" + y.BankBIC
}

func TestHoldout4Trails(t *testing.T) {
	w := h4World(t)
	for id, tr := range h4Trails(w) {
		if len(tr.paid) == 0 {
			t.Errorf("scam %d: forwards or a report without a victim's payment", id)
			continue
		}
		// Every forward spends money its account received for the scam.
		balance := map[string]kuzet.Amount{}
		events := append(slices.Clone(tr.paid), tr.forwards...)
		sort.SliceStable(events, func(i, j int) bool { return events[i].Check.CreatedAt.Before(events[j].Check.CreatedAt) })
		for _, p := range events {
			if p.Kind == synth.PayMuleForward {
				payer := p.Check.Payer
				keys := []string{"iban:" + payer.Account, "phone:" + payer.Phone, "bank:" + p.BankBIC}
				var have kuzet.Amount
				for _, k := range keys {
					have += balance[k]
				}
				if have < p.Check.Amount {
					t.Errorf("scam %d: forward %s of %v from %s, which holds %v of it", id, p.Check.PaymentID,
						p.Check.Amount, payer.Account, have)
				}
				need := p.Check.Amount
				for _, k := range keys {
					take := min(need, balance[k])
					balance[k] -= take
					need -= take
				}
				if p.Check.CreatedAt.Before(tr.paid[0].Check.CreatedAt) {
					t.Errorf("scam %d: forward before the victim paid", id)
				}
			}
			balance[h4Key(p.Check.Payee)] += p.Check.Amount
		}
		if tr.report == nil {
			continue
		}
		r := tr.report
		if !tr.reportAt.After(tr.lastPaid) {
			t.Errorf("scam %d: reported at %v, before its last payment at %v", id, tr.reportAt, tr.lastPaid)
		}
		if r.Scheme != tr.scheme {
			t.Errorf("scam %d: report's scheme %q, payments' %q", id, r.Scheme, tr.scheme)
		}
		var lost kuzet.Amount
		for _, p := range tr.paid {
			lost += p.Check.Amount
		}
		if r.AmountLost != lost || len(r.Transfers) != len(tr.paid) {
			t.Errorf("scam %d: report lost %v in %d transfers, payments %v in %d", id, r.AmountLost, len(r.Transfers), lost, len(tr.paid))
		}
		// The hops account for money that reached them, and no forward
		// follows the report.
		in := map[string]kuzet.Amount{}
		for _, x := range r.Transfers {
			in[x.ToIBAN] += x.Amount
		}
		onward := 0
		for _, h := range r.Hops {
			for _, x := range h.Onward {
				in[x.ToIBAN] += x.Amount
				onward++
			}
		}
		for iban, h := range r.Hops {
			out := h.Frozen
			for _, x := range h.Onward {
				out += x.Amount
			}
			if out > in[iban] {
				t.Errorf("scam %d: hop %s frozen and sent on %v of %v received", id, iban, out, in[iban])
			}
		}
		if onward != len(tr.forwards) {
			t.Errorf("scam %d: %d onward transfers in the report, %d forwards", id, onward, len(tr.forwards))
		}
		for _, f := range tr.forwards {
			if !f.Check.CreatedAt.Before(tr.reportAt) {
				t.Errorf("scam %d: forward at %v after the report at %v", id, f.Check.CreatedAt, tr.reportAt)
			}
			if _, ok := r.Hops[f.Check.Payer.Account]; !ok {
				t.Errorf("scam %d: forwarding account %s is no hop of the report", id, f.Check.Payer.Account)
			}
		}
	}
}

func TestHoldout4Volumes(t *testing.T) {
	if smallWorlds() {
		t.Skip("the default world takes a while under -short")
	}
	w := h4World(t)
	kinds := map[synth.PaymentKind][2]int{} // counted, all
	schemes := map[string][4]int{}          // scam payments counted, all, scams, reports
	scams := map[int]bool{}
	calls, scamCalls := 0, 0
	for _, e := range w.Events {
		switch {
		case e.Payment != nil:
			p := e.Payment
			c := kinds[p.Kind]
			c[1]++
			if !e.At.Before(w.EvalFrom) {
				c[0]++
			}
			kinds[p.Kind] = c
			if p.Kind == synth.PayScam {
				s := schemes[p.Scheme]
				s[1]++
				if !e.At.Before(w.EvalFrom) {
					s[0]++
				}
				if !scams[p.ScamID] {
					scams[p.ScamID] = true
					s[2]++
				}
				schemes[p.Scheme] = s
			}
		case e.Call != nil:
			calls++
			if e.Call.Scam {
				scamCalls++
			}
		case e.Report != nil:
			s := schemes[e.Report.Scheme]
			s[3]++
			schemes[e.Report.Scheme] = s
		}
	}
	honest := 0
	for _, kd := range synth.Holdout4Kinds {
		c := kinds[kd]
		t.Logf("%-22s %7d counted %7d in all", kd, c[0], c[1])
		if c[0] == 0 {
			t.Errorf("no counted %s payment", kd)
		}
		if !kd.Fraud() {
			honest += c[0]
		}
	}
	for _, s := range synth.Holdout4Schemes {
		c := schemes[s]
		t.Logf("%-22s %5d payments counted %5d in all, %4d scams, %4d reports", s, c[0], c[1], c[2], c[3])
		if c[0] == 0 || c[3] == 0 {
			t.Errorf("scheme %s: %d counted payments, %d reports", s, c[0], c[3])
		}
	}
	t.Logf("%d events, %d calls (%d of scams), %d listed, %d scams", len(w.Events), calls, scamCalls, len(w.Listed), len(scams))
	if honest < 50_000 || honest > 90_000 {
		t.Errorf("%d honest payments counted, want 50,000 to 90,000", honest)
	}
	if n := kinds[synth.PayScam][0]; n < 600 || n > 1200 {
		t.Errorf("%d scam payments counted, want 600 to 1,200", n)
	}
}
