package postgres_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/postgres"
	"github.com/kuzet/kuzet/storetest"
)

// MustOpenDB opens a store in a fresh schema of the server named by
// KUZET_TEST_POSTGRES, and drops the schema at cleanup. It skips the test
// when the variable is not set.
func MustOpenDB(tb testing.TB) *postgres.DB {
	tb.Helper()
	db, err := postgres.Open(context.Background(), MustSchema(tb))
	if err != nil {
		tb.Fatalf("open: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// MustSchema creates an empty schema, drops it at cleanup and returns a URL
// of the test server whose connections use it.
func MustSchema(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv("KUZET_TEST_POSTGRES")
	if base == "" {
		tb.Skip("KUZET_TEST_POSTGRES is not set: skipping the PostgreSQL store tests")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		tb.Fatalf("connect to %s: %v", base, err)
	}
	schema := pgx.Identifier{"kuzet_test_" + strings.ToLower(rand.Text())}.Sanitize()
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	// Registered first, so it runs after the store's cleanup has closed it.
	tb.Cleanup(func() {
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			tb.Errorf("drop schema: %v", err)
		}
	})
	return withSearchPath(tb, base, strings.Trim(schema, `"`))
}

// withSearchPath adds search_path to a URL or key=value connection string;
// pgx passes parameters it does not know to the server.
func withSearchPath(tb testing.TB, conn, schema string) string {
	if !strings.Contains(conn, "://") {
		return conn + " search_path=" + schema
	}
	u, err := url.Parse(conn)
	if err != nil {
		tb.Fatalf("parse %s: %v", conn, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) kuzet.Store { return MustOpenDB(t) })
}

// TestOpenConcurrently starts several nodes on one empty database at once:
// each must find the schema complete, applied once.
func TestOpenConcurrently(t *testing.T) {
	url := MustSchema(t)
	const nodes = 4
	errs := make(chan error, nodes)
	for range nodes {
		go func() {
			db, err := postgres.Open(t.Context(), url)
			if err == nil {
				db.Close()
			}
			errs <- err
		}()
	}
	for range nodes {
		if err := <-errs; err != nil {
			t.Fatalf("open: %v", err)
		}
	}
	conn, err := pgx.Connect(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(t.Context())
	var applied []string
	rows, _ := conn.Query(t.Context(), `SELECT name FROM schema_migrations ORDER BY name`)
	applied, err = pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir("migrations")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, e := range entries {
		want = append(want, e.Name())
	}
	if fmt.Sprint(applied) != fmt.Sprint(want) {
		t.Errorf("applied migrations: got %v, want %v", applied, want)
	}
}
