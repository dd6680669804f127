package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kuzet/kuzet/internal/casebench"
	"github.com/kuzet/kuzet/sqlite"
	"github.com/kuzet/kuzet/storetest"
	"github.com/kuzet/kuzet/synth"
)

// The graph is loaded once per test binary and shared by the benchmarks.
var graph struct {
	once sync.Once
	dir  string
	info synth.LinkGraphInfo
	err  error
}

// graphDB opens the store holding the benchmarks' link graph (see
// casebench.Config for its size), bulk-loading it on first use: the rows
// sorted by key, written straight into graph_edges 200 to a statement.
func graphDB(b *testing.B) (*sqlite.DB, synth.LinkGraphInfo) {
	graph.once.Do(func() {
		graph.dir, graph.err = os.MkdirTemp("", "kuzet-graph-")
		if graph.err != nil {
			return
		}
		db, err := sqlite.Open(context.Background(), graph.dir)
		if err != nil {
			graph.err = err
			return
		}
		path := db.Path()
		if graph.err = db.Close(); graph.err != nil {
			return
		}
		start := time.Now()
		rows, info := casebench.Rows(casebench.Config(b))
		gen := time.Since(start)
		graph.info = info
		graph.err = bulkEdges(path, rows)
		b.Logf("link graph: %d nodes, %d edges; generated in %v, loaded in %v", info.Nodes, info.Edges,
			gen.Round(time.Millisecond), (time.Since(start) - gen).Round(time.Millisecond))
	})
	if graph.err != nil {
		b.Fatal(graph.err)
	}
	db, err := sqlite.Open(b.Context(), graph.dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db, graph.info
}

// TestMain removes the benchmarks' graph after the run.
func TestMain(m *testing.M) {
	code := m.Run()
	if graph.dir != "" {
		os.RemoveAll(graph.dir)
	}
	os.Exit(code)
}

func bulkEdges(path string, rows []casebench.Row) error {
	q := url.Values{"_pragma": {"journal_mode(WAL)", "synchronous(OFF)", "cache_size(-200000)"}}
	raw, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?"+q.Encode())
	if err != nil {
		return err
	}
	defer raw.Close()
	const per = 200
	stmt := "INSERT INTO graph_edges (a, b, kind, at) VALUES " + strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?), ", per), ", ")
	at := casebench.At.UnixMicro()
	tx, err := raw.Begin()
	if err != nil {
		return err
	}
	defer func() { tx.Rollback() }()
	ins, err := tx.Prepare(stmt)
	if err != nil {
		return err
	}
	args := make([]any, 0, 4*per)
	for i := 0; i < len(rows); i += per {
		args = args[:0]
		chunk := rows[i:min(i+per, len(rows))]
		for _, r := range chunk {
			args = append(args, r.A, r.B, r.Kind, at)
		}
		if len(chunk) == per {
			_, err = ins.Exec(args...)
		} else {
			_, err = tx.Exec("INSERT INTO graph_edges (a, b, kind, at) VALUES "+
				strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?), ", len(chunk)), ", "), args...)
		}
		if err != nil {
			return fmt.Errorf("bulk load graph: %w", err)
		}
	}
	return tx.Commit()
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
