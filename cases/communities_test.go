package cases_test

import (
	"reflect"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/cases"
	"github.com/kuzet/kuzet/synth"
)

// TestCommunitiesDeterministic: the same graph gives the same groups,
// run after run, whatever order the edges come in.
func TestCommunitiesDeterministic(t *testing.T) {
	var edges []kuzet.GraphEdge
	synth.LinkGraph(synth.LinkGraphConfig{Nodes: 20_000, Edges: 100_000}, func(e kuzet.GraphEdge) { edges = append(edges, e) })
	gedges, links := graphOf(synth.Groups(synth.GroupsConfig{Seed: 2001, Variant: 1}))
	for _, tc := range []struct {
		name  string
		edges []kuzet.GraphEdge
		links []*kuzet.CaseReport
	}{{"link graph", edges, nil}, {"variant 1", gedges, links}} {
		first := cases.Communities(tc.edges, tc.links, cases.DefaultHubDegree)
		if len(first) < 2 {
			t.Fatalf("%s: %d groups", tc.name, len(first))
		}
		for range 3 {
			if again := cases.Communities(tc.edges, tc.links, cases.DefaultHubDegree); !reflect.DeepEqual(first, again) {
				t.Fatalf("%s: %d groups, then %d (or the same number, different)", tc.name, len(first), len(again))
			}
		}
	}
}

// TestCommunitiesAgainstRef: the communities are at least as good as
// those of the computation they replaced (CommunitiesRef: maps, simple's
// graph, ReferenceWeight 10,000, hubs by degree alone), on the generator's
// seeds and the holdout's.
func TestCommunitiesAgainstRef(t *testing.T) {
	for _, cfg := range []synth.GroupsConfig{
		{Seed: 1}, {Seed: 2}, {Seed: 3},
		{Seed: 1001}, {Seed: 1002}, {Seed: 1003}, {Seed: 1004},
		{Seed: 2001, Variant: 1}, {Seed: 2002, Variant: 1}, {Seed: 2003, Variant: 1}, {Seed: 2004, Variant: 1},
	} {
		rec, mix := recoveryBy(t, cfg, cases.Communities)
		rrec, rmix := recoveryBy(t, cfg, cases.CommunitiesRef)
		if rec < rrec-0.02 || mix > rmix+0.02 {
			t.Errorf("seed %d variant %d: recovered %.3f, mixed %.3f; before %.3f, %.3f", cfg.Seed, cfg.Variant, rec, mix, rrec, rmix)
		}
	}
}
