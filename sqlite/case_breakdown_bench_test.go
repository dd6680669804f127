package sqlite_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/cases"
	"github.com/kuzet/kuzet/storetest"
)

// BenchmarkCaseBreakdown measures the victims' reports of a year by scheme
// and by channel (cases.Service.Breakdown, in every GET /v1/stats) over n
// reports spread over 2026, all regions.
func BenchmarkCaseBreakdown(b *testing.B) {
	db := MustOpenDB(b)
	n := storetest.BenchReports(b, 1_000_000)
	ctx := b.Context()
	year := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	step := 365 * 24 * time.Hour / time.Duration(n)
	for lo := 0; lo < n; lo += 10_000 {
		err := kuzet.Transact(ctx, db, true, func(tx kuzet.Tx) error {
			for i := lo; i < min(lo+10_000, n); i++ {
				at, id := year.Add(time.Duration(i)*step), fmt.Sprintf("rep_%08d", i)
				r := &kuzet.VictimReport{ID: id, CaseID: fmt.Sprintf("case_%08d", i/3), OrgID: 1,
					Victim: kuzet.Victim{Name: "V", Region: "Almaty"}, Scheme: cases.Schemes[i%len(cases.Schemes)],
					Channel: cases.Channels[i%len(cases.Channels)], AmountLost: 10_000, Currency: "KZT", CreatedAt: at}
				if err := tx.CreateVictimReport(ctx, r); err != nil {
					return err
				}
				if err := tx.LinkCaseReport(ctx, &kuzet.CaseReport{CaseID: r.CaseID, ReportID: id, OrgID: 1, Region: "Almaty",
					AmountLost: 10_000, Currency: "KZT", CreatedAt: at, Scheme: r.Scheme, Channel: r.Channel}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	svc := cases.NewService(cases.Config{Store: db})
	b.ResetTimer()
	for b.Loop() {
		br, err := svc.Breakdown(ctx, year, year.AddDate(1, 0, 0), "")
		if err != nil {
			b.Fatal(err)
		}
		var got int64
		for _, c := range br.ByScheme {
			got += c.Reports
		}
		if got != int64(n) {
			b.Fatalf("counted %d reports, want %d", got, n)
		}
	}
}
