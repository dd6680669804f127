package storetest

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
)

// testCases: a case round-trips whole, a stale update is a conflict,
// reports link once, events and reports are counted by period and region,
// evidence keeps its bytes, and the graph answers both ways.
func testCases(t *testing.T, open func(t *testing.T) kuzet.Store) {
	s := open(t)
	c := &kuzet.Case{ID: "case_a", Title: "t", Status: kuzet.CaseRegistered, TLP: kuzet.TLPAmber, Region: "Almaty",
		CreatedAt: base, UpdatedAt: base, Suspects: []kuzet.Suspect{{ID: "sus_1", Name: "X", Citizenship: "RU"}}}
	update(t, s, func(ctx context.Context, tx kuzet.Tx) {
		if err := tx.CreateCase(ctx, c); err != nil {
			t.Fatal(err)
		}
		if err := tx.CreateCase(ctx, c); kuzet.ErrorCode(err) != kuzet.ECONFLICT {
			t.Errorf("second create: got %v, want conflict", err)
		}
		for i := 0; i < 2; i++ {
			if err := tx.LinkCaseReport(ctx, &kuzet.CaseReport{CaseID: "case_a", ReportID: "rep_1", OrgID: 1,
				Region: "Almaty", AmountLost: 100, Currency: "KZT", Flags: []string{"duplicate"}, CreatedAt: base}); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.AddCaseEvents(ctx, &kuzet.CaseEvent{CaseID: "case_a", Kind: kuzet.CaseEventSuspect, Region: "Almaty",
			Foreign: true, N: 1, At: base}, &kuzet.CaseEvent{CaseID: "case_a", Kind: kuzet.CaseEventSIMsSeized,
			Region: "Astana", N: 80, At: base}); err != nil {
			t.Fatal(err)
		}
		if err := tx.CreateEvidence(ctx, &kuzet.Evidence{ID: "ev_1", CaseID: "case_a", Name: "a.png", ContentType: "image/png",
			Size: 3, SHA256: "x", Data: []byte{0, 1, 2}, CreatedAt: base}); err != nil {
			t.Fatal(err)
		}
		if err := tx.AddGraphEdges(ctx, []kuzet.GraphEdge{{A: "report:rep_1", B: "iban:KZ1", Kind: "named", At: base},
			{A: "report:rep_1", B: "iban:KZ1", Kind: "named", At: base}, {A: "report:rep_2", B: "iban:KZ1", Kind: "named", At: base}}); err != nil {
			t.Fatal(err)
		}
	})
	update(t, s, func(ctx context.Context, tx kuzet.Tx) {
		got, err := tx.FindCase(ctx, "case_a")
		if err != nil || got.Version != 1 || len(got.Suspects) != 1 || !got.CreatedAt.Equal(us(base)) || got.Notes == nil {
			t.Fatalf("find: got %+v, %v", got, err)
		}
		stale := *got
		got.Status = kuzet.CaseUnderInvestigation
		if err := tx.UpdateCase(ctx, got); err != nil || got.Version != 2 {
			t.Fatalf("update: %v, version %d", err, got.Version)
		}
		if err := tx.UpdateCase(ctx, &stale); kuzet.ErrorCode(err) != kuzet.ECONFLICT {
			t.Errorf("stale update: got %v, want conflict", err)
		}
		if _, err := tx.FindCase(ctx, "case_none"); kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
			t.Errorf("missing case: got %v", err)
		}
	})
	view(t, s, func(ctx context.Context, tx kuzet.Tx) {
		cs, err := tx.FindCases(ctx, kuzet.CaseFilter{Status: kuzet.CaseUnderInvestigation})
		if err != nil || len(cs) != 1 {
			t.Errorf("find cases: got %d, %v", len(cs), err)
		}
		ls, err := tx.FindReportCases(ctx, []string{"rep_1"})
		if err != nil || len(ls) != 1 || ls[0].Flags[0] != "duplicate" || ls[0].AmountLost != 100 {
			t.Errorf("report cases: got %+v, %v", ls, err)
		}
		counts, err := tx.CountCaseEvents(ctx, kuzet.CaseEventFilter{From: base.Add(-time.Second), To: base.Add(time.Second), Region: "Almaty"})
		if err != nil || len(counts) != 1 || !counts[0].Foreign || counts[0].N != 1 {
			t.Errorf("count events in Almaty: got %+v, %v", counts, err)
		}
		n, lost, err := tx.CountCaseReports(ctx, kuzet.CaseEventFilter{})
		if err != nil || n != 1 || lost["KZT"] != 100 {
			t.Errorf("count reports: got %d %v, %v", n, lost, err)
		}
		e, err := tx.FindEvidence(ctx, "case_a", "ev_1")
		if err != nil || !bytes.Equal(e.Data, []byte{0, 1, 2}) {
			t.Errorf("evidence: got %+v, %v", e, err)
		}
		if _, err := tx.FindEvidence(ctx, "case_b", "ev_1"); kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
			t.Errorf("another case's evidence: got %v", err)
		}
		es, err := tx.GraphNeighbours(ctx, []string{"iban:KZ1"}, 0)
		if err != nil || len(es) != 2 {
			t.Errorf("neighbours: got %v, %v", es, err)
		}
		d, err := tx.GraphDegrees(ctx, []string{"iban:KZ1", "report:rep_1", "phone:none"})
		if err != nil || d["iban:KZ1"] != 2 || d["report:rep_1"] != 1 || d["phone:none"] != 0 {
			t.Errorf("degrees: got %v, %v", d, err)
		}
		var all int
		var want []string
		if err := tx.ScanGraphEdges(ctx, func(e kuzet.GraphEdge) error {
			all++
			want = append(want, e.A+"|"+e.B)
			return nil
		}); err != nil || all != 2 {
			t.Errorf("scan: got %d, %v", all, err)
		}
		// The links are the edges' ends, each edge once, a before b.
		var links []string
		if err := tx.ScanGraphLinks(ctx, func(a, b []byte) error {
			links = append(links, string(a)+"|"+string(b))
			return nil
		}); err != nil {
			t.Errorf("scan links: %v", err)
		}
		slices.Sort(links)
		slices.Sort(want)
		if !slices.Equal(links, want) {
			t.Errorf("scan links: got %q, want %q", links, want)
		}
		stop := errors.New("stop")
		calls := 0
		if err := tx.ScanGraphLinks(ctx, func(a, b []byte) error { calls++; return stop }); !errors.Is(err, stop) || calls != 1 {
			t.Errorf("scan links stopped: got %v after %d calls", err, calls)
		}
	})
}

// testCaseDays: the figures of a period that starts and ends inside a day
// count exactly the events and reports of the period, whether they come
// from the daily sums or the rows; a report linked to a second case counts
// once, a duplicate not at all.
func testCaseDays(t *testing.T, open func(t *testing.T) kuzet.Store) {
	s := open(t)
	day := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, time.UTC) }
	times := []time.Time{day(10, 20), day(11, 3), day(12, 12), day(13, 23)}
	update(t, s, func(ctx context.Context, tx kuzet.Tx) {
		for i, at := range times {
			must(t, "add event", tx.AddCaseEvents(ctx, &kuzet.CaseEvent{CaseID: "case_d", Kind: kuzet.CaseEventRegistered,
				Region: "Almaty", N: 1, At: at}))
			r := &kuzet.CaseReport{CaseID: "case_d", ReportID: "rep_d" + string(rune('0'+i)), OrgID: 1, Region: "Almaty",
				AmountLost: 100, Currency: "KZT", CreatedAt: at}
			must(t, "link report", tx.LinkCaseReport(ctx, r))
			r2 := *r
			r2.CaseID, r2.CreatedAt = "case_e", at.Add(time.Minute)
			must(t, "link report again", tx.LinkCaseReport(ctx, &r2))
		}
		must(t, "link duplicate", tx.LinkCaseReport(ctx, &kuzet.CaseReport{CaseID: "case_d", ReportID: "rep_dup", OrgID: 1,
			Region: "Almaty", AmountLost: 100, Currency: "KZT", DuplicateOf: "rep_d1", CreatedAt: day(12, 1)}))
	})
	for _, tc := range []struct {
		from, to time.Time
		want     int64
	}{
		{time.Time{}, time.Time{}, 4},
		{day(10, 0), day(14, 0), 4},
		{day(10, 21), day(13, 12), 2},
		{day(11, 2), day(11, 4), 1},
		{time.Time{}, day(12, 0), 2},
		{day(12, 13), time.Time{}, 1},
	} {
		f := kuzet.CaseEventFilter{From: tc.from, To: tc.to, Region: "Almaty"}
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			cs, err := tx.CountCaseEvents(ctx, f)
			must(t, "count events", err)
			var n int64
			for _, c := range cs {
				n += c.N
			}
			if n != tc.want {
				t.Errorf("events of [%v, %v): got %d, want %d", tc.from, tc.to, n, tc.want)
			}
			reports, lost, err := tx.CountCaseReports(ctx, f)
			must(t, "count reports", err)
			if reports != tc.want || lost["KZT"] != kuzet.Amount(100*tc.want) {
				t.Errorf("reports of [%v, %v): got %d (%v), want %d", tc.from, tc.to, reports, lost, tc.want)
			}
		})
	}
}
