package storetest

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
)

// benchTxRows is how many rows the benchmarks write per transaction: a bulk
// load commits in large transactions.
const benchTxRows = 10000

// BenchReport returns the i-th report of a synthetic load. Values are spread
// over the key space, as real phone numbers are, rather than arriving in
// index order; i < 10^10 gives distinct values.
func BenchReport(i int) *kuzet.Report {
	// 7919 is prime, hence a bijection on [0, 10^10).
	v := strconv.FormatInt(70_000_000_000+int64(i)*7919%10_000_000_000, 10)
	at := base.Add(time.Duration(i) * time.Millisecond)
	return &kuzet.Report{
		OrgID: int64(1 + i%20), Kind: kuzet.KindPhone, Value: v,
		Category: kuzet.Categories[i%len(kuzet.Categories)], Confidence: 0.8,
		Evidence: "synthetic", CreatedAt: at, UpdatedAt: at,
	}
}

// BenchReports returns the number of reports a benchmark loads:
// KUZET_BENCH_REPORTS, or def when it is not set.
func BenchReports(b *testing.B, def int) int {
	s := os.Getenv("KUZET_BENCH_REPORTS")
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		b.Fatalf("KUZET_BENCH_REPORTS=%q: want a positive number", s)
	}
	return n
}

// LoadReports upserts BenchReport(from) … BenchReport(to-1) in transactions
// of benchTxRows.
func LoadReports(ctx context.Context, s kuzet.Store, from, to int) error {
	for lo := from; lo < to; lo += benchTxRows {
		if err := within(ctx, s, true, func(tx kuzet.Tx) error {
			for i := lo; i < min(lo+benchTxRows, to); i++ {
				if err := tx.UpsertReport(ctx, BenchReport(i)); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return fmt.Errorf("load reports: %w", err)
		}
	}
	return nil
}

// BenchUpsertReport measures UpsertReport of new reports, one per
// iteration, committing every benchTxRows.
func BenchUpsertReport(b *testing.B, s kuzet.Store) {
	ctx := b.Context()
	tx, err := s.Begin(ctx, true)
	if err != nil {
		b.Fatal(err)
	}
	defer func() { tx.Rollback() }()
	i := 0
	for b.Loop() {
		if err := tx.UpsertReport(ctx, BenchReport(i)); err != nil {
			b.Fatal(err)
		}
		if i++; i%benchTxRows == 0 {
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
			if tx, err = s.Begin(ctx, true); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "rows/s")
}

// BenchScanReports loads rows reports, then measures a full ScanReports per
// iteration.
func BenchScanReports(b *testing.B, s kuzet.Store, rows int) {
	ctx := b.Context()
	start := time.Now()
	if err := LoadReports(ctx, s, 0, rows); err != nil {
		b.Fatal(err)
	}
	b.Logf("loaded %d reports in %v", rows, time.Since(start).Round(time.Millisecond))
	scans := 0
	for b.Loop() {
		n := 0
		if err := within(ctx, s, false, func(tx kuzet.Tx) error {
			return tx.ScanReports(ctx, func(r *kuzet.Report) error {
				n++
				return nil
			})
		}); err != nil {
			b.Fatal(err)
		}
		if n != rows {
			b.Fatalf("scan: got %d reports, want %d", n, rows)
		}
		scans++
	}
	b.ReportMetric(float64(scans*rows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchAppendAudit measures AppendAudit of batch entries, one transaction
// per iteration.
func BenchAppendAudit(b *testing.B, s kuzet.Store, batch int) {
	ctx := b.Context()
	es := entries(batch, "phone")
	calls := 0
	for b.Loop() {
		if err := within(ctx, s, true, func(tx kuzet.Tx) error {
			return tx.AppendAudit(ctx, es...)
		}); err != nil {
			b.Fatal(err)
		}
		calls++
	}
	b.ReportMetric(float64(calls*batch)/b.Elapsed().Seconds(), "entries/s")
}
