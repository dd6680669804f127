package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
)

func testExchange(t *testing.T, open func(t *testing.T) kuzet.Store) {
	t.Run("Partner", func(t *testing.T) {
		s := open(t)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			_, err := tx.FindPartner(ctx, 7)
			wantCode(t, "unset partner", err, kuzet.ENOTFOUND)
			must(t, "put partner", tx.PutPartner(ctx, &kuzet.Partner{OrgID: 7, Confidence: 0.5, AllowAmber: true, UpdatedAt: base}))
			must(t, "replace partner", tx.PutPartner(ctx, &kuzet.Partner{OrgID: 7, Confidence: 0.6, AllowAmberStrict: true, UpdatedAt: base}))
		})
		p := find(t, s, "find partner", kuzet.Tx.FindPartner, 7)
		same(t, "partner", *p, kuzet.Partner{OrgID: 7, Confidence: 0.6, AllowAmberStrict: true, UpdatedAt: us(base)})
	})

	t.Run("MarkedReportsInChangeOrder", func(t *testing.T) {
		s := open(t)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			for i, v := range []string{"a.kz", "b.kz", "c.kz"} {
				at := base.Add(time.Duration(2-i) * time.Second) // c first, a last
				must(t, "upsert", tx.UpsertReport(ctx, &kuzet.Report{OrgID: 1, Kind: kuzet.KindDomain, Value: v,
					Category: kuzet.CategoryPhishingSite, Confidence: 0.9, CreatedAt: at, UpdatedAt: at}))
			}
			must(t, "mark", tx.PutMarking(ctx, &kuzet.Marking{OrgID: 1, Kind: kuzet.KindDomain, Value: "b.kz", TLP: kuzet.TLPAmber}))
			must(t, "remark", tx.PutMarking(ctx, &kuzet.Marking{OrgID: 1, Kind: kuzet.KindDomain, Value: "b.kz", TLP: kuzet.TLPRed}))
			must(t, "mark another org's", tx.PutMarking(ctx, &kuzet.Marking{OrgID: 2, Kind: kuzet.KindDomain, Value: "c.kz", TLP: kuzet.TLPRed}))
		})
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			got, err := tx.FindMarkedReports(ctx, time.Time{}, 0, 10)
			must(t, "find marked reports", err)
			var values, tlps []string
			for _, r := range got {
				values, tlps = append(values, r.Value), append(tlps, string(r.TLP))
			}
			same(t, "order", values, []string{"c.kz", "b.kz", "a.kz"})
			same(t, "markings", tlps, []string{"", "red", ""})
			var marks []string
			must(t, "scan markings", tx.ScanMarkings(ctx, func(m *kuzet.Marking) error {
				marks = append(marks, fmt.Sprintf("%d/%s/%s/%s", m.OrgID, m.Kind, m.Value, m.TLP))
				return nil
			}))
			slices.Sort(marks)
			same(t, "markings scanned", marks, []string{"1/domain/b.kz/red", "2/domain/c.kz/red"})
			next, err := tx.FindMarkedReports(ctx, got[0].UpdatedAt, got[0].ID, 1)
			must(t, "find after the first", err)
			same(t, "page after c.kz", next[0].Value, "b.kz")
		})
	})

	t.Run("Objects", func(t *testing.T) {
		s := open(t)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			o := &kuzet.ExchangeObject{OrgID: 3, ID: "indicator--1", Type: "indicator", Modified: base, Status: kuzet.ExchangeApplied,
				Body: []byte(`{}`), CreatedAt: base}
			ok, err := tx.PutExchangeObject(ctx, o)
			must(t, "put object", err)
			same(t, "first put stored", ok, true)
			ok, err = tx.PutExchangeObject(ctx, &kuzet.ExchangeObject{OrgID: 3, ID: "indicator--1", Type: "indicator", Modified: base,
				Status: kuzet.ExchangeApplied, Body: []byte(`{}`), CreatedAt: base})
			must(t, "put again", err)
			same(t, "second put stored", ok, false)
			ok, err = tx.PutExchangeObject(ctx, &kuzet.ExchangeObject{OrgID: 3, ID: "x-thing--1", Type: "x-thing",
				Status: kuzet.ExchangeQuarantined, Reason: "why", Body: []byte(`{"a":1}`), CreatedAt: base.Add(time.Second)})
			must(t, "put unversioned", err)
			same(t, "unversioned stored", ok, true)
		})
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			all, err := tx.FindExchangeObjects(ctx, 3, "", 10)
			must(t, "find objects", err)
			same(t, "count", len(all), 2)
			same(t, "newest first", all[0].ID, "x-thing--1")
			same(t, "unversioned", all[0].Modified.IsZero(), true)
			q, err := tx.FindExchangeObjects(ctx, 3, kuzet.ExchangeQuarantined, 10)
			must(t, "find quarantined", err)
			same(t, "quarantined", len(q), 1)
			same(t, "reason", q[0].Reason, "why")
			other, err := tx.FindExchangeObjects(ctx, 4, "", 10)
			must(t, "find another org's", err)
			same(t, "another org's", len(other), 0)
		})
	})

	t.Run("StatusAndCheckpoint", func(t *testing.T) {
		s := open(t)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "put status", tx.PutExchangeStatus(ctx, &kuzet.ExchangeStatus{ID: "s1", OrgID: 3, Body: []byte(`{"x":1}`), CreatedAt: base}))
			_, err := tx.FindExchangeStatus(ctx, 4, "s1")
			wantCode(t, "another org's status", err, kuzet.ENOTFOUND)
			st, err := tx.FindExchangeStatus(ctx, 3, "s1")
			must(t, "find status", err)
			same(t, "status body", string(st.Body), `{"x":1}`)
			_, err = tx.FindPullCheckpoint(ctx, "u")
			wantCode(t, "no checkpoint", err, kuzet.ENOTFOUND)
			must(t, "put checkpoint", tx.PutPullCheckpoint(ctx, &kuzet.PullCheckpoint{Source: "u", AddedAfter: "a", Objects: 1, UpdatedAt: base}))
			must(t, "move checkpoint", tx.PutPullCheckpoint(ctx, &kuzet.PullCheckpoint{Source: "u", AddedAfter: "b", Objects: 5, UpdatedAt: base}))
		})
		c := find(t, s, "find checkpoint", kuzet.Tx.FindPullCheckpoint, "u")
		same(t, "checkpoint", *c, kuzet.PullCheckpoint{Source: "u", AddedAfter: "b", Objects: 5, UpdatedAt: us(base)})
	})
}
