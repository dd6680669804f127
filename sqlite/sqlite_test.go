package sqlite_test

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"context"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/sqlite"
	"github.com/kuzet/kuzet/storetest"
)

// MustOpenDB opens a store in a fresh directory and closes it at cleanup.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), tb.TempDir())
	if err != nil {
		tb.Fatalf("open: %v", err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("close: %v", err)
		}
	})
	return db
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) kuzet.Store { return MustOpenDB(t) })
}

// TestOpen checks what the store leaves on disk: the file at Path, in WAL
// mode, with each migration recorded once however often it is opened.
func TestOpen(t *testing.T) {
	for _, tc := range []struct {
		name string
		dir  string
	}{
		{"PlainDir", "data"},
		{"DirNeedingEscapes", "data dir?#%"},
		{"NestedDir", filepath.Join("a", "b", "c")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), tc.dir)
			for range 2 {
				db, err := sqlite.Open(t.Context(), dir)
				if err != nil {
					t.Fatalf("open: %v", err)
				}
				if got, want := db.Path(), filepath.Join(dir, sqlite.FileName); got != want {
					t.Errorf("path: got %s, want %s", got, want)
				}
				if err := db.Close(); err != nil {
					t.Fatalf("close: %v", err)
				}
			}

			// Read the file with a connection of our own, without the
			// store's pragmas.
			raw, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: filepath.Join(dir, sqlite.FileName)}).String())
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			var mode string
			if err := raw.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
				t.Fatal(err)
			}
			if mode != "wal" {
				t.Errorf("journal mode: got %s, want wal", mode)
			}
			var applied []string
			rows, err := raw.Query(`SELECT name FROM schema_migrations ORDER BY name`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var name string
				if err := rows.Scan(&name); err != nil {
					t.Fatal(err)
				}
				applied = append(applied, name)
			}
			if got, want := fmt.Sprint(applied), fmt.Sprint(migrationNames(t)); got != want {
				t.Errorf("applied migrations: got %v, want %v", got, want)
			}
		})
	}
}

// migrationNames lists the migration files of the package.
func migrationNames(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir("migrations")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestReopenKeepsData checks that data outlives the process's store.
func TestReopenKeepsData(t *testing.T) {
	dir := t.TempDir()
	db, err := sqlite.Open(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.Begin(t.Context(), true)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.AppendAudit(t.Context(), &kuzet.AuditEntry{At: time.Now(), Action: kuzet.AuditOrgCreate, Object: "org:1"}); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db, err = sqlite.Open(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tx, err = db.Begin(t.Context(), false)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	head, err := tx.AuditHead(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if head.Seq != 1 {
		t.Errorf("head after reopening: got %d, want 1", head.Seq)
	}
}

// TestOpenConcurrently opens one new directory from several goroutines at
// once, as several processes may: each must find the schema complete.
func TestOpenConcurrently(t *testing.T) {
	dir := t.TempDir()
	const n = 4
	errs := make(chan error, n)
	for range n {
		go func() {
			db, err := sqlite.Open(t.Context(), dir)
			if err == nil {
				tx, err2 := db.Begin(t.Context(), false)
				if err2 == nil {
					_, err2 = tx.FindOrgs(t.Context())
					tx.Rollback()
				}
				err = errors.Join(err2, db.Close())
			}
			errs <- err
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Errorf("open: %v", err)
		}
	}
}
