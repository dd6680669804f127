package main

import (
	"context"
	"testing"

	"github.com/kuzet/kuzet/cases"
	"github.com/kuzet/kuzet/stats"
)

// TestDemoInvestigations files the demo's organised groups and works their
// cases, and checks that the briefing's police figures count what was
// recorded: suspects (foreigners among them), detentions, court, call
// centres at home and abroad, and what was seized in them.
func TestDemoInvestigations(t *testing.T) {
	env, out, _ := testEnv()
	m := MustRunMain(t, t.TempDir())
	ctx := context.Background()
	keys, err := seedDemo(ctx, env, m, 100, 3)
	if err != nil {
		t.Fatal(err)
	}
	if err := playDemoGroups(ctx, env, m, keys, 3); err != nil {
		t.Fatal(err)
	}
	b, err := stats.NewService(stats.Config{Cases: m.Cases}).Briefing(ctx, stats.Query{})
	if err != nil {
		t.Fatal(err)
	}
	f := b.Cases
	if f == nil {
		t.Fatalf("no police figures:\n%s", out)
	}
	if f.SuspectsIdentified == 0 || f.ForeignIdentified == 0 || f.ForeignIdentified >= f.SuspectsIdentified ||
		f.SuspectsDetained == 0 || f.SentToCourt == 0 || f.CasesSentToCourt != 1 {
		t.Errorf("suspects: got %+v, want some identified, foreigners among them, detained and in court:\n%s", f, out)
	}
	if f.CallCentresHome == 0 || f.CallCentresAbroad == 0 || f.SIMBoxesSeized == 0 || f.SIMsSeized < f.SIMBoxesSeized {
		t.Errorf("call centres: got %+v, want some shut down at home and abroad with SIM boxes and cards seized:\n%s", f, out)
	}
	// The breakdowns count the same reports as the figures, by the demo's
	// four schemes and four channels.
	if b.ReportsBy == nil || len(b.ReportsBy.ByScheme) != 4 || len(b.ReportsBy.ByChannel) != 4 {
		t.Fatalf("reports by scheme and channel: got %+v, want 4 of each", b.ReportsBy)
	}
	for _, l := range [][]cases.Count{b.ReportsBy.ByScheme, b.ReportsBy.ByChannel} {
		var n int64
		for _, c := range l {
			n += c.Reports
		}
		if n != f.Reports {
			t.Errorf("breakdown %+v sums to %d reports, the figures count %d", l, n, f.Reports)
		}
	}
	// Each shut-down call centre's SIM boxes are the group's handsets the
	// victims named: no more boxes than suspects found working them.
	if f.SIMBoxesSeized > f.SuspectsIdentified {
		t.Errorf("%d SIM boxes seized but %d suspects identified", f.SIMBoxesSeized, f.SuspectsIdentified)
	}
}
