package cases

import (
	"cmp"
	"slices"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"
)

// coreEdge is an edge between two cores (or a core and its twin) with the
// weight of the links between them.
type coreEdge struct {
	a, b int32
	w    float64
}

// coreGraph is the graph Louvain runs over: a component's cores and their
// twins, held in arrays rather than simple's maps. Every list it hands
// gonum — its nodes, a node's neighbours — is in order of ID, so Louvain,
// its random source seeded, finds the same communities every time (over
// simple's maps the order of neighbours, and so which of two equal moves
// is made, changed from run to run).
type coreGraph struct {
	edges []coreEdge // as added: a < b, each pair once

	ids   []int64      // the nodes' IDs, ascending
	nodes []graph.Node // simple.Node(ids[i])
	start []int32      // node i's neighbours: nbr[start[i]:start[i+1]], by ID
	nbr   []int32
	nbrN  []graph.Node // nodes[nbr[k]]
	w     []float64
}

var _ graph.WeightedUndirected = (*coreGraph)(nil)

// build indexes the edges over the nodes cores (and the twins the edges
// name) and returns twice the graph's weight.
func (g *coreGraph) build(cores []int32) (m2 float64) {
	g.ids = make([]int64, 0, len(cores)+len(g.edges))
	for _, c := range cores {
		g.ids = append(g.ids, int64(c))
	}
	for _, e := range g.edges {
		g.ids = append(g.ids, int64(e.a), int64(e.b)) // twins among them
		m2 += 2 * e.w
	}
	slices.Sort(g.ids)
	g.ids = slices.Compact(g.ids)
	n := len(g.ids)
	g.nodes = make([]graph.Node, n)
	for i, id := range g.ids {
		g.nodes[i] = simple.Node(id)
	}
	g.start = make([]int32, n+1)
	for _, e := range g.edges {
		g.start[g.index(int64(e.a))+1]++
		g.start[g.index(int64(e.b))+1]++
	}
	for i := 1; i <= n; i++ {
		g.start[i] += g.start[i-1]
	}
	g.nbr = make([]int32, g.start[n])
	g.w = make([]float64, g.start[n])
	fill := slices.Clone(g.start[:n])
	for _, e := range g.edges {
		a, b := g.index(int64(e.a)), g.index(int64(e.b))
		g.nbr[fill[a]], g.w[fill[a]] = b, e.w
		fill[a]++
		g.nbr[fill[b]], g.w[fill[b]] = a, e.w
		fill[b]++
	}
	g.nbrN = make([]graph.Node, len(g.nbr))
	for i := range n {
		lo, hi := g.start[i], g.start[i+1]
		type nw struct {
			n int32
			w float64
		}
		tmp := make([]nw, hi-lo)
		for k := range tmp {
			tmp[k] = nw{g.nbr[lo+int32(k)], g.w[lo+int32(k)]}
		}
		slices.SortFunc(tmp, func(x, y nw) int { return cmp.Compare(x.n, y.n) })
		for k, t := range tmp {
			g.nbr[lo+int32(k)], g.w[lo+int32(k)] = t.n, t.w
			g.nbrN[lo+int32(k)] = g.nodes[t.n]
		}
	}
	return m2
}

// index returns the place of the node id, -1 if there is none such.
func (g *coreGraph) index(id int64) int32 {
	if i, ok := slices.BinarySearch(g.ids, id); ok {
		return int32(i)
	}
	return -1
}

// weight returns the weight of the edge between x and y, if any.
func (g *coreGraph) weight(xid, yid int64) (float64, bool) {
	x, y := g.index(xid), g.index(yid)
	if x < 0 || y < 0 {
		return 0, false
	}
	ns := g.nbr[g.start[x]:g.start[x+1]]
	if k, ok := slices.BinarySearch(ns, y); ok {
		return g.w[g.start[x]+int32(k)], true
	}
	return 0, false
}

// Node implements graph.Graph.
func (g *coreGraph) Node(id int64) graph.Node {
	if i := g.index(id); i >= 0 {
		return g.nodes[i]
	}
	return nil
}

// Nodes implements graph.Graph, in order of ID.
func (g *coreGraph) Nodes() graph.Nodes { return iterator.NewOrderedNodes(g.nodes) }

// From implements graph.Graph, in order of ID.
func (g *coreGraph) From(id int64) graph.Nodes {
	i := g.index(id)
	if i < 0 {
		return graph.Empty
	}
	return iterator.NewOrderedNodes(g.nbrN[g.start[i]:g.start[i+1]])
}

// HasEdgeBetween implements graph.Graph.
func (g *coreGraph) HasEdgeBetween(xid, yid int64) bool {
	_, ok := g.weight(xid, yid)
	return ok && xid != yid
}

// Edge implements graph.Graph.
func (g *coreGraph) Edge(uid, vid int64) graph.Edge { return g.WeightedEdgeBetween(uid, vid) }

// EdgeBetween implements graph.Undirected.
func (g *coreGraph) EdgeBetween(xid, yid int64) graph.Edge { return g.WeightedEdgeBetween(xid, yid) }

// WeightedEdge implements graph.Weighted.
func (g *coreGraph) WeightedEdge(uid, vid int64) graph.WeightedEdge {
	return g.WeightedEdgeBetween(uid, vid)
}

// WeightedEdgeBetween implements graph.WeightedUndirected.
func (g *coreGraph) WeightedEdgeBetween(xid, yid int64) graph.WeightedEdge {
	if xid == yid {
		return nil
	}
	w, ok := g.weight(xid, yid)
	if !ok {
		return nil
	}
	return simple.WeightedEdge{F: simple.Node(xid), T: simple.Node(yid), W: w}
}

// Weight implements graph.Weighted as simple's graphs do: 0 for a node
// with itself and for nodes not joined.
func (g *coreGraph) Weight(xid, yid int64) (float64, bool) {
	if xid == yid {
		return 0, true
	}
	return g.weight(xid, yid)
}
