package cases_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/cases"
	"github.com/kuzet/kuzet/synth"
)

// BenchmarkCommunities: the communities of a link graph in memory, without
// the store (KUZET_BENCH_GRAPH_NODES nodes, default 100,000, and five times
// as many edges; the target is 60 s at a million nodes), and, in the same
// run, the computation they replaced (ref) for the ratio.
func BenchmarkCommunities(b *testing.B) {
	n := 100_000
	if s := os.Getenv("KUZET_BENCH_GRAPH_NODES"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	var edges []kuzet.GraphEdge
	synth.LinkGraph(synth.LinkGraphConfig{Nodes: n, Edges: 5 * n}, func(e kuzet.GraphEdge) { edges = append(edges, e) })
	for _, c := range []struct {
		name string
		fn   func([]kuzet.GraphEdge, []*kuzet.CaseReport, int) []*cases.Group
	}{{"now", cases.Communities}, {"ref", cases.CommunitiesRef}} {
		b.Run(c.name, func(b *testing.B) {
			var groups int
			for b.Loop() {
				groups = len(c.fn(edges, nil, cases.DefaultHubDegree))
			}
			b.ReportMetric(float64(groups), "groups")
		})
	}
}
