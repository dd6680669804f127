package freeze_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/freeze"
	"github.com/kuzet/kuzet/sqlite"
	"github.com/kuzet/kuzet/synth"
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

// The organisations of the fixture, by ID.
const (
	bankOne   = 1 // BANKKZKA, code 722
	bankTwo   = 2 // BANKKZKB, code 826
	bankThree = 3 // BANKKZKC, code 914
	police    = 4
	telco     = 5
)

// fixture is a freeze service over a real SQLite store in a temporary
// directory, holding the organisations above.
type fixture struct {
	clock   *testClock
	store   kuzet.Store
	service *freeze.Service
}

func newFixture(tb testing.TB, cfg freeze.Config) *fixture {
	tb.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	f := &fixture{clock: &testClock{t: base.UTC()}, store: db}
	err = kuzet.Transact(ctx, db, true, func(tx kuzet.Tx) error {
		for _, o := range []*kuzet.Org{
			{Name: "Bank One", Type: kuzet.OrgBank, BIC: "BANKKZKA", BankCode: "722"},
			{Name: "Bank Two", Type: kuzet.OrgBank, BIC: "BANKKZKB", BankCode: "826"},
			{Name: "Bank Three", Type: kuzet.OrgBank, BIC: "BANKKZKC", BankCode: "914"},
			{Name: "Cyber Police", Type: kuzet.OrgPolice},
			{Name: "Operator A", Type: kuzet.OrgTelco, Prefixes: []string{"7701"}},
		} {
			o.CreatedAt = base
			if err := tx.CreateOrg(ctx, o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	cfg.Store, cfg.Clock = db, f.clock.Now
	f.service = freeze.NewService(cfg)
	return f
}

// auditActions returns the actions of the audit chain, in order.
func (f *fixture) auditActions(tb testing.TB) []string {
	tb.Helper()
	var out []string
	err := kuzet.Transact(context.Background(), f.store, false, func(tx kuzet.Tx) error {
		return tx.ScanAudit(context.Background(), 1, func(e *kuzet.AuditEntry) error {
			if e.Action != kuzet.AuditOrgCreate {
				out = append(out, e.Action)
			}
			return nil
		})
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// iban returns a valid KZ IBAN at a bank code.
func iban(code string, n int) string { return synth.KZIBAN(code, fmt.Sprintf("%013d", n)) }

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

// quiet is a logger for tests that provoke warnings on purpose.
var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))
