package sqlite_test

import (
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
	"github.com/kuzet/kuzet/sqlite"
	"github.com/kuzet/kuzet/storetest"
)

// TestMoveLegacyChecks opens a store whose checks are rows of
// payment_checks, as before migration 0063: every check is read back the
// same from check_batches, its outcome with it, and the old table is gone.
func TestMoveLegacyChecks(t *testing.T) {
	dir := t.TempDir()
	db, err := sqlite.Open(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: filepath.Join(dir, sqlite.FileName)}).String())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	// The schema as 0062 left it, without the migrations since.
	for _, q := range []string{
		`DELETE FROM schema_migrations WHERE name >= '0063'`,
		`DROP TABLE check_batches`,
		`DROP TABLE check_outcomes`,
		`CREATE TABLE payment_checks (
			id TEXT PRIMARY KEY, org_id INTEGER NOT NULL, payment_id TEXT NOT NULL, amount INTEGER NOT NULL,
			currency TEXT NOT NULL, created_at INTEGER, channel TEXT NOT NULL DEFAULT '', payer TEXT NOT NULL,
			payee TEXT NOT NULL, decision TEXT NOT NULL, score REAL NOT NULL, reasons TEXT NOT NULL, hold_until INTEGER,
			rules_version TEXT NOT NULL, checked_at INTEGER NOT NULL, outcome TEXT NOT NULL DEFAULT '', outcome_at INTEGER,
			signals TEXT NOT NULL DEFAULT '{}') STRICT`,
		`CREATE INDEX payment_checks_org ON payment_checks (org_id, checked_at, id)`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	const n = 2500 // more than a row of check_batches holds, for the first bank
	var want []*kuzet.CheckRecord
	ins, err := raw.Begin() // one transaction: a commit a row took most of the test's time
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		c := storetest.BenchCheck(i)
		c.OrgID = 1 + int64(i/2200)
		if i%100 == 7 {
			c.Outcome, c.OutcomeAt = kuzet.OutcomeFraud, c.CheckedAt.Add(time.Hour)
			c.Check.Payee = kuzet.Payee{Card: "tok:5fa2c7", Name: "Асель Н."}
			c.Signals = nil
		}
		payer, payee, reasons, signals, err := sqlstore.CheckDocs(c)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ins.Exec(`INSERT INTO payment_checks (`+sqlstore.CheckColumns+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, c.OrgID, c.Check.PaymentID, int64(c.Check.Amount), c.Check.Currency, nullMicros(c.Check.CreatedAt),
			c.Check.Channel, payer, payee, string(c.Decision), c.Score, reasons, nullMicros(c.HoldUntil), c.RulesVersion,
			c.CheckedAt.UnixMicro(), string(c.Outcome), nullMicros(c.OutcomeAt), signals); err != nil {
			t.Fatal(err)
		}
		want = append(want, c)
	}
	if err := ins.Commit(); err != nil {
		t.Fatal(err)
	}

	db, err = sqlite.Open(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin(t.Context(), false)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	// Every check by the listing, and some one by one (each reads its
	// whole row: all of them took most of the test's time under -race).
	got := map[string]*kuzet.CheckRecord{}
	for _, org := range []int64{1, 2} {
		list, err := tx.FindChecks(t.Context(), kuzet.CheckFilter{OrgID: org, Limit: n})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range list {
			got[c.ID] = c
		}
	}
	for i, c := range want {
		g := got[c.ID]
		if i%97 == 0 {
			var err error
			if g, err = tx.FindCheck(t.Context(), c.OrgID, c.ID); err != nil {
				t.Fatalf("find check %s: %v", c.ID, err)
			}
		}
		if g == nil {
			t.Fatalf("check %s: not listed", c.ID)
		}
		if g, w := fmt.Sprintf("%+v", *g), fmt.Sprintf("%+v", *c); g != w {
			t.Fatalf("check %s:\ngot  %s\nwant %s", c.ID, g, w)
		}
	}
	scanned := 0
	if err := tx.ScanChecks(t.Context(), time.Time{}, func(*kuzet.CheckRecord) error { scanned++; return nil }); err != nil {
		t.Fatal(err)
	}
	if scanned != n {
		t.Errorf("scanned checks: got %d, want %d", scanned, n)
	}
	var tables int
	if err := raw.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'payment_checks'`).Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables != 0 {
		t.Errorf("payment_checks is still there")
	}
}

// nullMicros is the stored form of an optional time, as the store writes it.
func nullMicros(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMicro(), Valid: true}
}
