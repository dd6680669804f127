package postgres_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
)

// TestClusterChanges: the triggers log every change to the registry's
// tables in commit order, in registry.Change's shape, and a row of the
// small telecom tables whole.
func TestClusterChanges(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	from, err := db.LastClusterChange(ctx)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	err = kuzet.Transact(ctx, db, true, func(tx kuzet.Tx) error {
		r := &kuzet.Report{OrgID: 1, Kind: kuzet.KindPhone, Value: "+77011234567", Category: kuzet.CategoryScamCall,
			Confidence: 0.9, CreatedAt: now, UpdatedAt: now}
		if err := tx.UpsertReport(ctx, r); err != nil {
			return err
		}
		if _, err := tx.DeleteReport(ctx, 1, kuzet.KindPhone, "+77011234567", kuzet.CategoryScamCall); err != nil {
			return err
		}
		if err := tx.PutAllowEntry(ctx, &kuzet.AllowEntry{Kind: kuzet.KindPhone, Value: "+77011234568", OrgID: 1, CreatedAt: now}); err != nil {
			return err
		}
		return tx.PutDNO(ctx, &kuzet.DNOEntry{Number: "+77172000000", OrgID: 1, CreatedAt: now})
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.ClusterChangesAfter(ctx, from, 100)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ topic, op string }{{"registry", "report"}, {"registry", "withdraw"}, {"registry", "allow"}, {"telecom", "INSERT"}}
	if len(got) != len(want) {
		t.Fatalf("got %d changes, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		var c struct {
			Op, Value  string
			Row        map[string]any
			Confidence float64
		}
		if err := json.Unmarshal(got[i].Change, &c); err != nil {
			t.Fatal(err)
		}
		if got[i].Topic != w.topic || c.Op != w.op || (i > 0 && got[i].Seq <= got[i-1].Seq) {
			t.Errorf("change %d: %s %s (seq %d), want %s %s", i, got[i].Topic, got[i].Change, got[i].Seq, w.topic, w.op)
		}
		if i == 0 && (c.Value != "+77011234567" || c.Confidence != 0.9) {
			t.Errorf("report change %s", got[i].Change)
		}
		if i == 3 && c.Row["number"] != "+77172000000" {
			t.Errorf("DNO change %s", got[i].Change)
		}
	}
	if last, err := db.LastClusterChange(ctx); err != nil || last != got[3].Seq {
		t.Errorf("LastClusterChange = %d, %v; want %d", last, err, got[3].Seq)
	}
}

// TestLease: one holder at a time; released, it can be taken again.
func TestLease(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	const key = 0x6b7a7465 // this test's own
	a, err := db.TryLease(ctx, key)
	if err != nil || a == nil {
		t.Fatalf("first lease: %v, %v", a, err)
	}
	if err := a.Check(ctx); err != nil {
		t.Fatal(err)
	}
	if b, err := db.TryLease(ctx, key); err != nil || b != nil {
		t.Fatalf("second lease while held: %v, %v", b, err)
	}
	a.Release()
	if err := a.Check(ctx); err == nil {
		t.Error("a released lease checks")
	}
	b, err := db.TryLease(ctx, key)
	if err != nil || b == nil {
		t.Fatalf("lease after release: %v, %v", b, err)
	}
	b.Release()
}
