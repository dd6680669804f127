package sqlite_test

import (
	"testing"

	"github.com/kuzet/kuzet/internal/proccpu"
	"github.com/kuzet/kuzet/storetest"
)

// BenchmarkUpsertReport measures loading new reports, in transactions of
// 10,000.
func BenchmarkUpsertReport(b *testing.B) {
	storetest.BenchUpsertReport(b, MustOpenDB(b))
}

// BenchmarkScanReports measures reading every report back, as a node does
// to rebuild its index at start. KUZET_BENCH_REPORTS sets the number of
// reports (default 1,000,000).
func BenchmarkScanReports(b *testing.B) {
	storetest.BenchScanReports(b, MustOpenDB(b), storetest.BenchReports(b, 1_000_000))
}

// BenchmarkPutChecks measures storing check records in transactions of
// 512, as the payments writer does, and reports the process's CPU a check.
// -benchtime 300000x stores as many as the scratch tests of issue 13 did.
func BenchmarkPutChecks(b *testing.B) {
	storetest.BenchPutChecks(b, MustOpenDB(b), proccpu.Used)
}
