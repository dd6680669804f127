package exchange_test

import (
	"context"
	"encoding/json"
	"io"
	"syscall"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/exchange"
	"github.com/kuzet/kuzet/sqlite"
	"github.com/kuzet/kuzet/storetest"
)

// benchStore is a SQLite store of n synthetic reports (storetest's), and
// an exchange service over it.
func benchStore(b *testing.B, n int) (*exchange.Service, kuzet.Store) {
	b.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	start := time.Now()
	if err := storetest.LoadReports(ctx, store, 0, n); err != nil {
		b.Fatal(err)
	}
	b.Logf("loaded %d reports in %v", n, time.Since(start).Round(time.Millisecond))
	clock := func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	return exchange.NewService(exchange.Config{Store: store, Clock: clock, Auditor: nopAuditor{}}), store
}

type nopAuditor struct{}

func (nopAuditor) Record(context.Context, ...*kuzet.AuditEntry) error { return nil }

// BenchmarkExport writes every report as STIX (an observable and an
// indicator each) in one bundle. The target is 1M indicators in ≤ 10 s:
// KUZET_BENCH_REPORTS=1000000.
func BenchmarkExport(b *testing.B) {
	n := storetest.BenchReports(b, 100_000)
	ex, store := benchStore(b, n)
	ctx := b.Context()
	partner := &kuzet.Org{Name: "Partner", Type: kuzet.OrgPartner}
	if err := kuzet.Transact(ctx, store, true, func(tx kuzet.Tx) error { return tx.CreateOrg(ctx, partner) }); err != nil {
		b.Fatal(err)
	}
	var objects int
	cpu0 := cpuTime()
	for b.Loop() {
		var err error
		if objects, err = ex.Export(ctx, io.Discard, 0, partner.ID); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/(b.Elapsed().Seconds()/float64(b.N)), "reports/s")
	b.ReportMetric(float64(objects), "objects")
	// The machine is shared: the process's CPU time says what an export
	// costs whatever else runs.
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkTAXIIPage serves one page of 1,000 objects from the middle of a
// collection and encodes it as the TAXII server does. Target ≤ 50 ms.
func BenchmarkTAXIIPage(b *testing.B) {
	n := storetest.BenchReports(b, 100_000)
	ex, store := benchStore(b, n)
	ctx := b.Context()
	partner := &kuzet.Org{Name: "Partner", Type: kuzet.OrgPartner}
	if err := kuzet.Transact(ctx, store, true, func(tx kuzet.Tx) error { return tx.CreateOrg(ctx, partner) }); err != nil {
		b.Fatal(err)
	}
	p := &kuzet.Principal{Org: partner, Key: &kuzet.APIKey{OrgID: partner.ID, Role: kuzet.Role(kuzet.OrgPartner)}}
	cs, err := ex.Collections(ctx, p)
	if err != nil {
		b.Fatal(err)
	}
	// The token of a page halfway through.
	q := exchange.Query{Limit: 1000}
	for range n / 1000 {
		page, err := ex.Objects(ctx, p, cs[0].ID, q)
		if err != nil {
			b.Fatal(err)
		}
		q.Next = page.Next
	}
	cpu0 := cpuTime()
	for b.Loop() {
		page, err := ex.Objects(ctx, p, cs[0].ID, q)
		if err != nil {
			b.Fatal(err)
		}
		objs := make([]exchange.Object, len(page.Items))
		for i := range page.Items {
			objs[i] = page.Items[i].Object
		}
		if err := json.NewEncoder(io.Discard).Encode(map[string]any{"more": page.More, "next": page.Next, "objects": objs}); err != nil {
			b.Fatal(err)
		}
		if len(objs) != 1000 {
			b.Fatalf("page of %d objects", len(objs))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/page")
	// The machine is shared: CPU time a page says what it costs whatever
	// else runs.
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/page")
}
