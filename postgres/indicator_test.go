package postgres_test

import (
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
	storetest.BenchScanReports(b, MustOpenDB(b), storetest.BenchReports(b, 200_000))
}
