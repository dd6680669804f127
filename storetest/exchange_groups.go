package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
)

func testExchangeGroups(t *testing.T, open func(t *testing.T) kuzet.Store) {
	t.Run("SharingGroups", func(t *testing.T) {
		s := open(t)
		g := &kuzet.SharingGroup{Name: "Caucasus", Description: "joint operation", CreatedAt: base, UpdatedAt: base,
			Members: []kuzet.GroupMember{{OrgID: 9, CanRead: true}, {OrgID: 3, CanRead: true, CanWrite: true}}}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "create group", tx.PutSharingGroup(ctx, g))
			wantCode(t, "same name", tx.PutSharingGroup(ctx, &kuzet.SharingGroup{Name: "Caucasus", CreatedAt: base, UpdatedAt: base}), kuzet.ECONFLICT)
			must(t, "another group", tx.PutSharingGroup(ctx, &kuzet.SharingGroup{Name: "Baltic", CreatedAt: base, UpdatedAt: base}))
			wantCode(t, "unknown group", tx.PutSharingGroup(ctx, &kuzet.SharingGroup{ID: 999, Name: "x", UpdatedAt: base}), kuzet.ENOTFOUND)
		})
		if g.ID == 0 {
			t.Fatal("no ID set")
		}
		gs := find(t, s, "find groups", func(tx kuzet.Tx, ctx context.Context, _ int) ([]*kuzet.SharingGroup, error) {
			return tx.FindSharingGroups(ctx)
		}, 0)
		if len(gs) != 2 {
			t.Fatalf("%d groups, want 2", len(gs))
		}
		same(t, "group", *gs[0], kuzet.SharingGroup{ID: g.ID, Name: "Caucasus", Description: "joint operation",
			Members:   []kuzet.GroupMember{{OrgID: 3, CanRead: true, CanWrite: true}, {OrgID: 9, CanRead: true}},
			CreatedAt: us(base), UpdatedAt: us(base)})
		later := base.Add(time.Hour)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			wantCode(t, "rename onto another", tx.PutSharingGroup(ctx, &kuzet.SharingGroup{ID: g.ID, Name: "Baltic", UpdatedAt: later}), kuzet.ECONFLICT)
			must(t, "replace group", tx.PutSharingGroup(ctx, &kuzet.SharingGroup{ID: g.ID, Name: "Caucasus 2", UpdatedAt: later,
				Members: []kuzet.GroupMember{{OrgID: 9, CanWrite: true}}}))
		})
		gs = find(t, s, "find groups", func(tx kuzet.Tx, ctx context.Context, _ int) ([]*kuzet.SharingGroup, error) {
			return tx.FindSharingGroups(ctx)
		}, 0)
		same(t, "replaced group", *gs[0], kuzet.SharingGroup{ID: g.ID, Name: "Caucasus 2",
			Members: []kuzet.GroupMember{{OrgID: 9, CanWrite: true}}, CreatedAt: us(base), UpdatedAt: us(later)})
	})

	t.Run("Senders", func(t *testing.T) {
		s := open(t)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			for _, o := range []kuzet.ExchangeObject{
				{OrgID: 5, ID: "identity--a", Type: "identity", Status: kuzet.ExchangeKept},
				{OrgID: 2, ID: "identity--a", Type: "identity", Status: kuzet.ExchangeKept, Modified: base},
				{OrgID: 2, ID: "identity--a", Type: "identity", Status: kuzet.ExchangeKept, Modified: base.Add(time.Second)},
				{OrgID: 7, ID: "identity--a", Type: "identity", Status: kuzet.ExchangeQuarantined},
				{OrgID: 8, ID: "identity--b", Type: "identity", Status: kuzet.ExchangeKept},
			} {
				o.Body, o.CreatedAt = []byte(`{}`), base
				_, err := tx.PutExchangeObject(ctx, &o)
				must(t, "put object", err)
			}
		})
		got := find(t, s, "find senders", kuzet.Tx.FindExchangeSenders, "identity--a")
		same(t, "senders", got, []int64{2, 5})
		if got := find(t, s, "find senders", kuzet.Tx.FindExchangeSenders, "identity--c"); len(got) != 0 {
			t.Errorf("senders of an unknown id: %v", got)
		}
	})

	t.Run("SharedCases", func(t *testing.T) {
		s := open(t)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "share", tx.PutSharedCase(ctx, &kuzet.SharedCase{CaseID: "C-2", Audience: "partner:4", OrgID: 1, SharedAt: base}))
			must(t, "share", tx.PutSharedCase(ctx, &kuzet.SharedCase{CaseID: "C-1", Audience: "partner:4", OrgID: 1, SharedAt: base}))
			must(t, "share again", tx.PutSharedCase(ctx, &kuzet.SharedCase{CaseID: "C-1", Audience: "partner:4", OrgID: 2, SharedAt: base.Add(time.Hour)}))
			must(t, "share elsewhere", tx.PutSharedCase(ctx, &kuzet.SharedCase{CaseID: "C-1", Audience: "group:1", OrgID: 1, SharedAt: base}))
		})
		got := find(t, s, "find shared", kuzet.Tx.FindSharedCases, "partner:4")
		if len(got) != 2 {
			t.Fatalf("%d shared cases, want 2", len(got))
		}
		same(t, "shared case", *got[0], kuzet.SharedCase{CaseID: "C-1", Audience: "partner:4", OrgID: 2, SharedAt: us(base.Add(time.Hour))})
		if got := find(t, s, "find shared", kuzet.Tx.FindSharedCases, "partner:5"); len(got) != 0 {
			t.Errorf("shared with nobody: %v", got)
		}
	})

	t.Run("ReportVersions", func(t *testing.T) {
		s := open(t)
		r := &kuzet.Report{OrgID: 1, Kind: kuzet.KindDomain, Value: "a.kz", Category: kuzet.CategoryPhishingSite,
			Confidence: 0.5, CreatedAt: base, UpdatedAt: base}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "report", tx.UpsertReport(ctx, r))
			again := *r
			again.UpdatedAt = base // the same instant: no new version
			must(t, "report at the same time", tx.UpsertReport(ctx, &again))
			for i, c := range []float64{0.6, 0.7} {
				again := *r
				again.Confidence, again.UpdatedAt = c, base.Add(time.Duration(i+1)*time.Minute)
				must(t, "report again", tx.UpsertReport(ctx, &again))
			}
		})
		vs := find(t, s, "find versions", kuzet.Tx.FindReportVersions, r.ID)
		if len(vs) != 2 {
			t.Fatalf("%d earlier versions, want 2", len(vs))
		}
		same(t, "first version", *vs[0], kuzet.Report{ID: r.ID, OrgID: 1, Kind: kuzet.KindDomain, Value: "a.kz",
			Category: kuzet.CategoryPhishingSite, Confidence: 0.5, CreatedAt: us(base), UpdatedAt: us(base)})
		same(t, "second version", vs[1].Confidence, 0.6)
		same(t, "second version's time", vs[1].UpdatedAt, us(base.Add(time.Minute)))
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			_, err := tx.DeleteReport(ctx, 1, kuzet.KindDomain, "a.kz", "")
			must(t, "delete", err)
		})
		if vs := find(t, s, "find versions", kuzet.Tx.FindReportVersions, r.ID); len(vs) != 0 {
			t.Errorf("%d versions of a deleted report", len(vs))
		}
	})
}
