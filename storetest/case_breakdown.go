package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
)

// testReportBreakdown checks CountReportsBy: reports by scheme, channel
// and currency, counted as CountCaseReports counts them — in the period
// and region, duplicates left out, a report linked twice counted once.
func testReportBreakdown(t *testing.T, open func(t *testing.T) kuzet.Store) {
	s := open(t)
	at := func(h int) time.Time { return time.Date(2026, 3, 10, h, 0, 0, 0, time.UTC) }
	reports := []struct {
		id, scheme, channel, region, dup string
		amount                           kuzet.Amount
		h                                int
	}{
		{"rep_b1", "investment", "call", "Almaty", "", 100, 1},
		{"rep_b2", "investment", "call", "Almaty", "", 200, 2},
		{"rep_b3", "investment", "sms", "Almaty", "", 300, 3},
		{"rep_b4", "loan", "call", "Astana", "", 400, 4},
		{"rep_b5", "investment", "call", "Almaty", "rep_b1", 100, 5}, // a duplicate
		{"rep_b6", "", "", "Almaty", "", 600, 20},                    // after the period
	}
	update(t, s, func(ctx context.Context, tx kuzet.Tx) {
		for _, r := range reports {
			must(t, "create report", tx.CreateVictimReport(ctx, &kuzet.VictimReport{ID: r.id, CaseID: "case_b", OrgID: 1,
				Victim: kuzet.Victim{Name: "V", Region: r.region}, Scheme: r.scheme, Channel: r.channel,
				AmountLost: r.amount, Currency: "KZT", CreatedAt: at(r.h)}))
			link := &kuzet.CaseReport{CaseID: "case_b", ReportID: r.id, OrgID: 1, Region: r.region, AmountLost: r.amount,
				Currency: "KZT", DuplicateOf: r.dup, CreatedAt: at(r.h), Scheme: r.scheme, Channel: r.channel}
			must(t, "link report", tx.LinkCaseReport(ctx, link))
			again := *link
			again.CaseID, again.CreatedAt = "case_c", at(r.h).Add(time.Minute)
			must(t, "link report again", tx.LinkCaseReport(ctx, &again))
		}
	})
	for _, tc := range []struct {
		region string
		want   []kuzet.ReportCount
	}{
		{"", []kuzet.ReportCount{
			{Scheme: "investment", Channel: "call", Currency: "KZT", N: 2, Lost: 300},
			{Scheme: "investment", Channel: "sms", Currency: "KZT", N: 1, Lost: 300},
			{Scheme: "loan", Channel: "call", Currency: "KZT", N: 1, Lost: 400},
		}},
		{"Astana", []kuzet.ReportCount{{Scheme: "loan", Channel: "call", Currency: "KZT", N: 1, Lost: 400}}},
		{"Shymkent", nil},
	} {
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			got, err := tx.CountReportsBy(ctx, kuzet.CaseEventFilter{From: at(0), To: at(12), Region: tc.region})
			must(t, "count reports by", err)
			if !slices.Equal(got, tc.want) {
				t.Errorf("region %q: got %+v, want %+v", tc.region, got, tc.want)
			}
		})
	}
	view(t, s, func(ctx context.Context, tx kuzet.Tx) {
		got, err := tx.CountReportsBy(ctx, kuzet.CaseEventFilter{})
		must(t, "count reports by, all time", err)
		var n int64
		for _, c := range got {
			n += c.N
		}
		if n != 5 {
			t.Errorf("all time: got %d reports in %+v, want 5", n, got)
		}
	})
	str := func(s string) *string { return &s }
	for _, tc := range []struct {
		f    kuzet.ReportCaseFilter
		want int
	}{
		{kuzet.ReportCaseFilter{Scheme: str("investment")}, 1},
		{kuzet.ReportCaseFilter{Scheme: str("nothing")}, 0},
		{kuzet.ReportCaseFilter{Channel: str("")}, 1},                                                     // rep_b6
		{kuzet.ReportCaseFilter{Channel: str(""), CaseEventFilter: kuzet.CaseEventFilter{To: at(12)}}, 0}, // before rep_b6
		{kuzet.ReportCaseFilter{}, 1},
	} {
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			got, err := tx.FindReportCaseIDs(ctx, tc.f)
			must(t, "find report cases", err)
			if len(got) != tc.want || len(got) == 1 && got[0] != "case_b" {
				t.Errorf("cases of %+v: got %v, want %d (case_b, the first link)", tc.f, got, tc.want)
			}
		})
	}
}
