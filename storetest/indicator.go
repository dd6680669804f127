package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
)

const phone = "77011234567"

// report is a report on phone by org in category, created at base+age.
func report(org int64, category kuzet.Category, age time.Duration) *kuzet.Report {
	return &kuzet.Report{
		OrgID: org, Kind: kuzet.KindPhone, Value: phone, Category: category,
		Confidence: 0.75, Evidence: "call recording #" + string(category),
		ValidUntil: base.Add(age + 30*24*time.Hour),
		CreatedAt:  base.Add(age), UpdatedAt: base.Add(age),
	}
}

// upsert stores reports in one transaction and returns them as stored.
func upsert(t *testing.T, s kuzet.Store, reports ...*kuzet.Report) []kuzet.Report {
	t.Helper()
	want := make([]kuzet.Report, len(reports))
	update(t, s, func(ctx context.Context, tx kuzet.Tx) {
		for i, r := range reports {
			want[i] = *r
			must(t, "upsert report", tx.UpsertReport(ctx, r))
			if r.ID == 0 {
				t.Fatalf("upsert report: got ID 0, want it set")
			}
			want[i].ID = r.ID
			want[i].ValidUntil, want[i].CreatedAt, want[i].UpdatedAt = us(r.ValidUntil), us(r.CreatedAt), us(r.UpdatedAt)
		}
	})
	return want
}

func findReports(t *testing.T, s kuzet.Store, kind kuzet.Kind, value string) []kuzet.Report {
	t.Helper()
	var got []*kuzet.Report
	view(t, s, func(ctx context.Context, tx kuzet.Tx) {
		var err error
		got, err = tx.FindReports(ctx, kind, value)
		must(t, "find reports", err)
	})
	return values(got)
}

func testReport(t *testing.T, open func(t *testing.T) kuzet.Store) {
	t.Run("UpsertKeepsIDAndCreatedAt", func(t *testing.T) {
		s := open(t)
		first := upsert(t, s, report(1, kuzet.CategoryScamCall, 0))[0]

		again := report(1, kuzet.CategoryScamCall, time.Hour)
		again.Confidence, again.Evidence, again.ValidUntil = 0.95, "confirmed by three victims", time.Time{}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "upsert again", tx.UpsertReport(ctx, again))
		})
		if again.ID != first.ID || !again.CreatedAt.Equal(first.CreatedAt) {
			t.Errorf("second upsert: got ID %d created %v, want ID %d created %v",
				again.ID, again.CreatedAt, first.ID, first.CreatedAt)
		}
		want := first
		want.Confidence, want.Evidence, want.ValidUntil, want.UpdatedAt = 0.95, again.Evidence, time.Time{}, us(again.UpdatedAt)
		same(t, "updated report", findReports(t, s, kuzet.KindPhone, phone), []kuzet.Report{want})
	})

	t.Run("OnePerOrgAndCategory", func(t *testing.T) {
		s := open(t)
		// Inserted newest first, so that ID order and age order differ.
		stored := upsert(t, s,
			report(1, kuzet.CategoryScamCall, 2*time.Minute),
			report(1, kuzet.CategoryMuleAccount, time.Minute),
			report(2, kuzet.CategoryScamCall, 0),
			&kuzet.Report{OrgID: 1, Kind: kuzet.KindPhone, Value: "77015550000", Category: kuzet.CategoryScamCall,
				Confidence: 1, CreatedAt: base, UpdatedAt: base},
			&kuzet.Report{OrgID: 1, Kind: kuzet.KindIMEI, Value: phone, Category: kuzet.CategoryScamCall,
				Confidence: 1, CreatedAt: base, UpdatedAt: base},
		)
		same(t, "reports on the phone, oldest first", findReports(t, s, kuzet.KindPhone, phone),
			[]kuzet.Report{stored[2], stored[1], stored[0]})
		if got := findReports(t, s, kuzet.KindPhone, "70000000000"); len(got) != 0 {
			t.Errorf("reports on an unknown phone: got %d, want 0", len(got))
		}
	})

	t.Run("Delete", func(t *testing.T) {
		for _, tc := range []struct {
			name     string
			org      int64
			category kuzet.Category
			removed  []int // indexes into the stored reports
			code     string
		}{
			{"OneCategory", 1, kuzet.CategoryMuleAccount, []int{1}, ""},
			{"EveryCategory", 1, "", []int{0, 1}, ""},
			{"OtherOrgsCategory", 2, kuzet.CategoryMuleAccount, nil, kuzet.ENOTFOUND},
			{"OrgWithoutReports", 3, "", nil, kuzet.ENOTFOUND},
		} {
			t.Run(tc.name, func(t *testing.T) {
				s := open(t)
				stored := upsert(t, s,
					report(1, kuzet.CategoryScamCall, 0),
					report(1, kuzet.CategoryMuleAccount, time.Minute),
					report(2, kuzet.CategoryScamCall, 2*time.Minute),
				)
				var removed []*kuzet.Report
				update(t, s, func(ctx context.Context, tx kuzet.Tx) {
					var err error
					removed, err = tx.DeleteReport(ctx, tc.org, kuzet.KindPhone, phone, tc.category)
					wantCode(t, "delete report", err, tc.code)
				})
				var want, left []kuzet.Report
				gone := map[int]bool{}
				for _, i := range tc.removed {
					want = append(want, stored[i])
					gone[i] = true
				}
				for i, r := range stored {
					if !gone[i] {
						left = append(left, r)
					}
				}
				same(t, "removed reports", values(removed), want)
				same(t, "reports left", findReports(t, s, kuzet.KindPhone, phone), left)
			})
		}
	})

	t.Run("ScanInIDOrder", func(t *testing.T) {
		s := open(t)
		// More reports than a store is likely to read in one batch, with
		// updates and deletions between them.
		var reports []*kuzet.Report
		for i := range 700 {
			reports = append(reports, &kuzet.Report{
				OrgID: int64(1 + i%3), Kind: kuzet.Kinds[i%len(kuzet.Kinds)], Value: fmt.Sprintf("v%04d", i),
				Category: kuzet.Categories[i%len(kuzet.Categories)], Confidence: float64(i%10+1) / 10,
				Evidence: fmt.Sprintf("evidence %d", i), CreatedAt: base.Add(time.Duration(-i) * time.Second),
				UpdatedAt: base,
			})
		}
		stored := upsert(t, s, reports...)
		want := map[int64]kuzet.Report{}
		for _, r := range stored {
			want[r.ID] = r
		}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			for i := 0; i < len(reports); i += 7 {
				r := *reports[i]
				r.Evidence, r.UpdatedAt = "updated", base.Add(time.Hour)
				must(t, "upsert report", tx.UpsertReport(ctx, &r))
				w := want[r.ID]
				w.Evidence, w.UpdatedAt = r.Evidence, us(r.UpdatedAt)
				want[r.ID] = w
			}
			for i := 3; i < len(reports); i += 11 {
				r := reports[i]
				_, err := tx.DeleteReport(ctx, r.OrgID, r.Kind, r.Value, r.Category)
				must(t, "delete report", err)
				delete(want, r.ID)
			}
		})
		var got []*kuzet.Report
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "scan reports", tx.ScanReports(ctx, func(r *kuzet.Report) error {
				got = append(got, r)
				return nil
			}))
		})
		// Compared after the scan: a report handed to fn must stay as it
		// was, whatever the store reads next.
		if len(got) != len(want) {
			t.Fatalf("scan: got %d reports, want %d", len(got), len(want))
		}
		for i, r := range got {
			if i > 0 && r.ID <= got[i-1].ID {
				t.Fatalf("scan: got ID %d after %d, want increasing IDs", r.ID, got[i-1].ID)
			}
			same(t, "scanned report", *r, want[r.ID])
		}
	})

	t.Run("ScanStopsAtError", func(t *testing.T) {
		s := open(t)
		upsert(t, s, report(1, kuzet.CategoryScamCall, 0), report(2, kuzet.CategoryScamCall, 0),
			report(3, kuzet.CategoryScamCall, 0), report(4, kuzet.CategoryScamCall, 0))
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			calls := 0
			err := tx.ScanReports(ctx, func(*kuzet.Report) error {
				if calls++; calls == 2 {
					return errStop
				}
				return nil
			})
			if !errors.Is(err, errStop) || calls != 2 {
				t.Errorf("scan: got error %v after %d calls, want %v after 2", err, calls, errStop)
			}
		})
	})
}

func testAllowlist(t *testing.T, open func(t *testing.T) kuzet.Store) {
	scan := func(t *testing.T, s kuzet.Store) map[string]kuzet.AllowEntry {
		t.Helper()
		entries := map[string]kuzet.AllowEntry{}
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "scan allowlist", tx.ScanAllowEntries(ctx, func(e *kuzet.AllowEntry) error {
				entries[string(e.Kind)+":"+e.Value] = *e
				return nil
			}))
		})
		return entries
	}

	t.Run("PutReplaceDelete", func(t *testing.T) {
		s := open(t)
		domain := &kuzet.AllowEntry{Kind: kuzet.KindDomain, Value: "halykbank.kz", OrgID: 1, Reason: "official site", CreatedAt: base}
		hotline := &kuzet.AllowEntry{Kind: kuzet.KindPhone, Value: "77272596000", OrgID: 1, Reason: "hotline", CreatedAt: base}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "put entry", tx.PutAllowEntry(ctx, domain))
			must(t, "put entry", tx.PutAllowEntry(ctx, hotline))
		})
		same(t, "entries", scan(t, s), map[string]kuzet.AllowEntry{
			"domain:halykbank.kz": *domain, "phone:77272596000": *hotline,
		})
		if !domain.CreatedAt.Equal(us(base)) {
			t.Errorf("put entry: got CreatedAt %v, want %v", domain.CreatedAt, us(base))
		}

		replaced := &kuzet.AllowEntry{Kind: kuzet.KindDomain, Value: "halykbank.kz", OrgID: 2, Reason: "confirmed by the regulator", CreatedAt: base.Add(time.Hour)}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "replace entry", tx.PutAllowEntry(ctx, replaced))
		})
		same(t, "entries after replacing", scan(t, s), map[string]kuzet.AllowEntry{
			"domain:halykbank.kz": *replaced, "phone:77272596000": *hotline,
		})

		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "delete entry", tx.DeleteAllowEntry(ctx, kuzet.KindDomain, "halykbank.kz"))
			wantCode(t, "delete entry again", tx.DeleteAllowEntry(ctx, kuzet.KindDomain, "halykbank.kz"), kuzet.ENOTFOUND)
			wantCode(t, "delete same value of another kind", tx.DeleteAllowEntry(ctx, kuzet.KindURL, "77272596000"), kuzet.ENOTFOUND)
		})
		same(t, "entries after deleting", scan(t, s), map[string]kuzet.AllowEntry{"phone:77272596000": *hotline})
	})

	t.Run("ScanStopsAtError", func(t *testing.T) {
		s := open(t)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			for _, v := range []string{"a.kz", "b.kz", "c.kz"} {
				must(t, "put entry", tx.PutAllowEntry(ctx, &kuzet.AllowEntry{Kind: kuzet.KindDomain, Value: v, OrgID: 1, CreatedAt: base}))
			}
		})
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			calls := 0
			err := tx.ScanAllowEntries(ctx, func(*kuzet.AllowEntry) error {
				calls++
				return errStop
			})
			if !errors.Is(err, errStop) || calls != 1 {
				t.Errorf("scan: got error %v after %d calls, want %v after 1", err, calls, errStop)
			}
		})
	})
}
