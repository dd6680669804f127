package main

import (
	"context"
	"testing"

	"github.com/kuzet/kuzet/stats"
)

// TestDemoWatch feeds the demo's internet monitoring and SIM-box detection
// through the API, and checks that the briefing counts what they did: the
// demo's statistics are not zeros.
func TestDemoWatch(t *testing.T) {
	env, out, _ := testEnv()
	m := MustRunMain(t, t.TempDir())
	ctx := context.Background()
	keys, err := seedDemo(ctx, env, m, 100, 3)
	if err != nil {
		t.Fatal(err)
	}
	c := newDemoClient(m, keys)
	if err := playDemoWeb(ctx, env, c); err != nil {
		t.Fatal(err)
	}
	if err := playDemoSimbox(ctx, env, c, 3); err != nil {
		t.Fatal(err)
	}
	b, err := stats.NewService(stats.Config{Web: m.Web, Simbox: m.Simbox}).Briefing(ctx, stats.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if b.Web == nil || b.Web.Found == 0 || b.Web.Sent == 0 || b.Web.Blocked == 0 {
		t.Errorf("internet resources: got %+v, want findings flagged and blocked:\n%s", b.Web, out)
	}
	if b.Simbox == nil || b.Simbox.Suspects == 0 || b.Simbox.Confirmed == 0 || b.Simbox.DevicesSeized == 0 {
		t.Errorf("SIM boxes: got %+v, want suspects and a seizure:\n%s", b.Simbox, out)
	}
}
