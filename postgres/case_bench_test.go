package postgres_test

import (
	"context"
	"crypto/rand"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/kuzet/kuzet/internal/casebench"
	"github.com/kuzet/kuzet/postgres"
	"github.com/kuzet/kuzet/storetest"
	"github.com/kuzet/kuzet/synth"
)

// The graph is loaded once per test binary, into a schema of its own, and
// shared by the benchmarks.
var graph struct {
	once   sync.Once
	url    string
	schema string
	info   synth.LinkGraphInfo
	err    error
}

// graphDB opens the store holding the benchmarks' link graph (see
// casebench.Config for its size), bulk-loading it on first use with COPY,
// the rows sorted by key.
func graphDB(b *testing.B) (*postgres.DB, synth.LinkGraphInfo) {
	graph.once.Do(func() {
		// The schema outlives each benchmark: TestMain drops it.
		base := os.Getenv("KUZET_TEST_POSTGRES")
		if base == "" {
			graph.err = errSkip
			return
		}
		graph.schema = "kuzet_bench_" + strings.ToLower(rand.Text())
		conn, err := pgx.Connect(context.Background(), base)
		if err != nil {
			graph.err = err
			return
		}
		defer conn.Close(context.Background())
		if _, err := conn.Exec(context.Background(), "CREATE SCHEMA "+graph.schema); err != nil {
			graph.err = err
			return
		}
		graph.url = withSearchPath(b, base, graph.schema)
		db, err := postgres.Open(context.Background(), graph.url)
		if err != nil {
			graph.err = err
			return
		}
		db.Close()
		start := time.Now()
		rows, info := casebench.Rows(casebench.Config(b))
		gen := time.Since(start)
		graph.info = info
		graph.err = copyEdges(graph.url, rows)
		b.Logf("link graph: %d nodes, %d edges; generated in %v, loaded in %v", info.Nodes, info.Edges,
			gen.Round(time.Millisecond), (time.Since(start) - gen).Round(time.Millisecond))
	})
	if graph.err == errSkip {
		b.Skip("KUZET_TEST_POSTGRES is not set: skipping the PostgreSQL benchmarks")
	}
	if graph.err != nil {
		b.Fatal(graph.err)
	}
	db, err := postgres.Open(b.Context(), graph.url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db, graph.info
}

var errSkip = errors.New("skip")

// TestMain drops the benchmarks' graph after the run, and vacuums the
// system catalogs that the tests' hundreds of schemas, created and dropped,
// leave dead rows in: where autovacuum is off (as on the development
// machine), pg_attribute had grown to 355 MB after a few dozen runs and each
// run was slower than the last.
func TestMain(m *testing.M) {
	code := m.Run()
	ctx := context.Background()
	if conn, err := pgx.Connect(ctx, os.Getenv("KUZET_TEST_POSTGRES")); err == nil {
		if graph.schema != "" {
			conn.Exec(ctx, "DROP SCHEMA "+graph.schema+" CASCADE")
		}
		// Best effort: a role that may not vacuum the catalogs skips them.
		conn.Exec(ctx, `VACUUM pg_catalog.pg_attribute, pg_catalog.pg_class, pg_catalog.pg_depend,
			pg_catalog.pg_type, pg_catalog.pg_attrdef, pg_catalog.pg_constraint, pg_catalog.pg_index,
			pg_catalog.pg_trigger, pg_catalog.pg_namespace`)
		conn.Close(ctx)
	}
	os.Exit(code)
}

func copyEdges(url string, rows []casebench.Row) error {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.CopyFrom(ctx, pgx.Identifier{"graph_edges"}, []string{"a", "b", "kind", "at"},
		pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) {
			return []any{rows[i].A, rows[i].B, rows[i].Kind, casebench.At}, nil
		}))
	if err != nil {
		return err
	}
	_, err = conn.Exec(ctx, "ANALYZE graph_edges")
	return err
}

// BenchmarkGraphNeighbourhood: a depth-2 neighbourhood (target ≤ 50 ms at
// a million nodes and five million edges: KUZET_BENCH_FULL=1).
func BenchmarkGraphNeighbourhood(b *testing.B) {
	db, info := graphDB(b)
	casebench.Neighbourhood(b, db, info)
}

// BenchmarkGraphGroups: the communities of the whole graph (target ≤ 60 s).
func BenchmarkGraphGroups(b *testing.B) {
	db, _ := graphDB(b)
	casebench.Groups(b, db)
}

// BenchmarkGraphNewReport: a new report in its group (target ≤ 1 s).
func BenchmarkGraphNewReport(b *testing.B) {
	db, info := graphDB(b)
	casebench.NewReport(b, db, info)
}

// BenchmarkCaseFigures: the police figures of a year, all regions and one,
// over KUZET_BENCH_REPORTS reports (default 1,000,000; target ≤ 1 s).
func BenchmarkCaseFigures(b *testing.B) {
	db := MustOpenDB(b)
	n := storetest.BenchReports(b, 1_000_000)
	start := time.Now()
	if err := casebench.LoadFigures(b.Context(), db, n); err != nil {
		b.Fatal(err)
	}
	b.Logf("loaded %d reports in %v", n, time.Since(start).Round(time.Millisecond))
	casebench.Figures(b, db, n)
}
