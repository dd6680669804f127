package postgres_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/kuzet/kuzet/storetest"
)

// BenchmarkUpsertReport measures loading new reports, in transactions of
// 10,000, one statement (and round trip) per report.
func BenchmarkUpsertReport(b *testing.B) {
	storetest.BenchUpsertReport(b, MustOpenDB(b))
}

// BenchmarkScanReports measures reading every report back, as a node does
// to rebuild its index at start. KUZET_BENCH_REPORTS sets the number of
// reports (default 200,000: loading them costs a round trip each).
func BenchmarkScanReports(b *testing.B) {
	storetest.BenchScanReports(b, MustOpenDB(b), benchReports(b, 200_000))
}

// benchReports returns KUZET_BENCH_REPORTS, or def.
func benchReports(b *testing.B, def int) int {
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
