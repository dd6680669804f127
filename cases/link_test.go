package cases_test

import (
	"context"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/cases"
	"github.com/kuzet/kuzet/sqlite"
)

// TestLinkSimbox: a confirmed SIM box's number is linked to its handsets in
// the graph; a garbled handset is left out.
func TestLinkSimbox(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := cases.NewService(cases.Config{Store: db})
	const imei = "353320110000010"
	if err := svc.LinkSimbox(ctx, "+77071234567", []string{imei, "garbled"}); err != nil {
		t.Fatal(err)
	}
	g, err := svc.Neighbourhood(ctx, 1, "phone:+77071234567", 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Elements.Nodes) != 2 || len(g.Elements.Edges) != 1 || g.Elements.Edges[0].Data.Kind != "simbox" {
		t.Errorf("got %+v, want the number and its handset", g.Elements)
	}
	if err := svc.LinkSimbox(ctx, "not a number", nil); kuzet.ErrorCode(err) != kuzet.EINVALID {
		t.Errorf("a bad number: got %v, want invalid", err)
	}
}
