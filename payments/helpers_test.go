package payments_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/payments"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/synth"
	"github.com/kuzet/kuzet/telecom"
)

// base is a Wednesday noon in Almaty.
var base = time.Date(2025, 3, 5, 12, 0, 0, 0, kuzet.Almaty)

// testClock is a clock the test moves.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// calls is a telecom signal the test sets per subscriber.
type calls struct {
	mu sync.Mutex
	m  map[string]telecom.ActiveCall
}

func (c *calls) Signal(msisdn string, at time.Time) (telecom.ActiveCall, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[msisdn], nil
}

func (c *calls) set(msisdn string, a telecom.ActiveCall) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]telecom.ActiveCall{}
	}
	a.Active = a.Foreign || a.Unverified || a.Flagged || a.FirstTime
	c.m[msisdn] = a
}

// storeSink writes each record at once, so that tests see it stored
// without waiting for a Writer; it says false while the store is down.
type storeSink struct {
	store *memStore
	mu    sync.Mutex
	recs  []*kuzet.CheckRecord
}

func (s *storeSink) Enqueue(rec *kuzet.CheckRecord) bool {
	s.mu.Lock()
	s.recs = append(s.recs, rec)
	s.mu.Unlock()
	err := kuzet.Transact(context.Background(), s.store, true, func(tx kuzet.Tx) error {
		return tx.PutChecks(context.Background(), []*kuzet.CheckRecord{rec})
	})
	return err == nil
}

func (s *storeSink) records() []*kuzet.CheckRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.recs)
}

// The banks of the fixture, by org ID.
const (
	bankOne   = 1 // BANKKZKA, code 722
	bankTwo   = 2 // BANKKZKB, code 826
	bankThree = 3 // BANKKZKC, code 914
	police    = 4
	telco     = 5
)

type fixture struct {
	clock   *testClock
	index   *registry.Index
	calls   *calls
	store   *memStore
	sink    *storeSink
	engine  *payments.Engine
	service *payments.Service
}

// cardKey is the fixture's card token key.
var cardKey = []byte("0123456789abcdef0123456789abcdef")

func newFixture(tb testing.TB, rules *payments.RuleSet) *fixture {
	tb.Helper()
	f := &fixture{clock: &testClock{t: base.UTC()}, index: registry.NewIndex(), calls: &calls{}}
	f.store = newMemStore(
		&kuzet.Org{Name: "Bank One", Type: kuzet.OrgBank, BIC: "BANKKZKA", BankCode: "722"},
		&kuzet.Org{Name: "Bank Two", Type: kuzet.OrgBank, BIC: "BANKKZKB", BankCode: "826"},
		&kuzet.Org{Name: "Bank Three", Type: kuzet.OrgBank, BIC: "BANKKZKC", BankCode: "914"},
		&kuzet.Org{Name: "Cyber Police", Type: kuzet.OrgPolice},
		&kuzet.Org{Name: "Operator A", Type: kuzet.OrgTelco, Prefixes: []string{"7701"}},
	)
	f.sink = &storeSink{store: f.store}
	f.engine = payments.NewEngine(payments.EngineConfig{
		Indicators: f.index, Calls: f.calls, Sink: f.sink, CardKey: cardKey, Clock: f.clock.Now, Rules: rules,
		MaxPayers: 1 << 14, MaxPayees: 1 << 14, MaxDevices: 1 << 10,
	})
	f.service = payments.NewService(payments.Config{Engine: f.engine, Store: f.store, Clock: f.clock.Now})
	return f
}

// report adds a registry report as if org reported it now.
func (f *fixture) report(org int64, kind kuzet.Kind, value string, cat kuzet.Category, conf float64) {
	now := f.clock.Now()
	f.index.Add(&kuzet.Report{OrgID: org, Kind: kind, Value: value, Category: cat, Confidence: conf, CreatedAt: now, UpdatedAt: now})
}

// iban returns a valid KZ IBAN at a bank code.
func iban(code string, n int) string { return synth.KZIBAN(code, fmt.Sprintf("%013d", n)) }

// payment returns a check from payer n (at Bank One) to an IBAN.
func payment(n int, to string, units int64) kuzet.PaymentCheck {
	return kuzet.PaymentCheck{
		PaymentID: fmt.Sprintf("p-%d-%d", n, units), Amount: kuzet.Amount(units * 100), Currency: "KZT",
		Channel: "mobile_app",
		Payer: kuzet.Payer{Account: fmt.Sprintf("acct-%d", n), Phone: fmt.Sprintf("+7701100%04d", n),
			CustomerID: fmt.Sprintf("cust-%d", n), Region: "Almaty"},
		Payee: kuzet.Payee{IBAN: to},
	}
}

// fromAccount returns a check from payer n (at its bank) whose own account
// is the IBAN account, to an IBAN.
func fromAccount(n int, account, to string, units int64) kuzet.PaymentCheck {
	pc := payment(n, to, units)
	pc.Payer.Account = account
	return pc
}

func (f *fixture) check(tb testing.TB, org int64, pc kuzet.PaymentCheck) payments.Decision {
	tb.Helper()
	d, err := f.engine.Check(context.Background(), org, pc)
	if err != nil {
		tb.Fatalf("check %s: %v", pc.PaymentID, err)
	}
	return d
}

// codes returns the reason codes of a decision.
func codes(d payments.Decision) []string {
	out := []string{}
	for _, r := range d.Reasons {
		out = append(out, r.Code)
	}
	return out
}

func must(tb testing.TB, what string, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatalf("%s: %v", what, err)
	}
}

// fields returns the field paths of an error.
func fields(err error) []string {
	var out []string
	for _, f := range kuzet.ErrorFields(err) {
		out = append(out, f.Field)
	}
	return out
}

// docText returns the package documentation's source.
func docText(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile("doc.go")
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// quiet is a logger for tests that provoke warnings on purpose.
var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))
