package registry_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/sqlite"
	"github.com/kuzet/kuzet/storetest"
)

// BenchmarkLoadFromSQLite measures the start-up rebuild of the index: a
// full Service.Load from an SQLite store of KUZET_BENCH_REPORTS reports
// (100,000 by default; the target is 10,000,000 in at most 30 s). Filling
// a store of 10M takes minutes, so KUZET_BENCH_DB names a directory that
// keeps it between runs.
//
//	KUZET_BENCH_REPORTS=10000000 KUZET_BENCH_DB=/tmp/kuzet-10m \
//	  go test -run '^$' -bench LoadFromSQLite -benchtime 1x -timeout 60m ./registry
func BenchmarkLoadFromSQLite(b *testing.B) {
	n := 100_000
	if s := os.Getenv("KUZET_BENCH_REPORTS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v <= 0 {
			b.Fatalf("KUZET_BENCH_REPORTS=%q: want a positive number", s)
		}
		n = v
	}
	dir := os.Getenv("KUZET_BENCH_DB")
	if dir == "" {
		dir = b.TempDir()
	}
	ctx := context.Background()
	store, err := sqlite.Open(ctx, dir)
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	have, err := countReports(ctx, store)
	if err != nil {
		b.Fatal(err)
	}
	if have < n {
		start := time.Now()
		if err := storetest.LoadReports(ctx, store, have, n); err != nil {
			b.Fatal(err)
		}
		b.Logf("filled the store with %d reports in %s", n-have, time.Since(start).Round(time.Second))
	}
	b.ResetTimer()
	for range b.N {
		svc := registry.NewService(store, nil, nil, nil)
		if err := svc.Load(ctx); err != nil {
			b.Fatal(err)
		}
		if svc.Index().Len() < n {
			b.Fatalf("loaded %d indicators, want %d", svc.Index().Len(), n)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "indicators/s")
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)*10_000_000/float64(n), "s/10M")
}

func countReports(ctx context.Context, store *sqlite.DB) (int, error) {
	tx, err := store.Begin(ctx, false)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	n := 0
	err = tx.ScanReports(ctx, func(*kuzet.Report) error { n++; return nil })
	return n, err
}
