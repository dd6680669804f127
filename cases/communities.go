package cases

import (
	"bytes"
	"cmp"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/graph/community"

	"github.com/kuzet/kuzet"
)

// MinModularity is the modularity a split of a connected component must
// reach to be kept: below it the component is one group.
const MinModularity = 0.3

// Resolution is Louvain's in a component up to ReferenceWeight. Below 1
// it merges groups that borrowed a mule: on the generator 0.5 mixed 13–23 %
// of communities, so 1 it is (see docs/cases.md for the figures).
var Resolution = 1.0

// ReferenceWeight is the weight of links of a component beyond which the
// resolution grows in proportion (see Communities): two groups are judged
// as they would be in a component of this weight. It was 10,000, which let
// groups of 15 victims tied by one borrowed mule merge (74 % of the
// variant's communities mixed two groups); 500 was chosen on the
// development seeds (generator 1–5, variant 2101–2105) and measured on the
// holdouts (docs/cases.md).
const ReferenceWeight = 500

// Communities finds the organised groups in a link graph: Louvain
// modularity (gonum's community package) over the cores of the reports and
// what they name (see cores), cases left out (a case is a conclusion, not
// evidence). An identifier named in more than hubDegree reports is a hub —
// a bank's hotline, a marketplace — and its links weigh
// (hubDegree/degree)², so that it cannot glue unrelated groups together.
func Communities(edges []kuzet.GraphEdge, links []*kuzet.CaseReport, hubDegree int) []*Group {
	g := newLinkGraph()
	for _, e := range edges {
		g.linkString(e.A, e.B)
	}
	return g.communities(links, hubDegree)
}

// linkGraph is the graph the communities are computed over: its nodes
// numbered densely as they are first seen, its edges as pairs of those
// numbers, edges to cases left out. Reading a million-node graph into it
// costs a map entry per node and eight bytes per edge.
type linkGraph struct {
	ids   map[string]int32
	names []string
	ends  []int32 // the edges' ends, two by two

	last   []byte // the last A added as bytes, and its number: the
	lastID int32  // stores give the edges in order of A
}

func newLinkGraph() *linkGraph {
	return &linkGraph{ids: map[string]int32{}, lastID: -1}
}

var casePrefix = []byte("case:")

// link adds the edge a–b unless it touches a case. a and b may be reused
// by the caller once it returns.
func (g *linkGraph) link(a, b []byte) {
	if bytes.HasPrefix(a, casePrefix) || bytes.HasPrefix(b, casePrefix) {
		return
	}
	ia := g.lastID
	if ia < 0 || !bytes.Equal(a, g.last) {
		ia = g.internBytes(a)
		g.last, g.lastID = append(g.last[:0], a...), ia
	}
	g.ends = append(g.ends, ia, g.internBytes(b))
}

// linkString is link for strings.
func (g *linkGraph) linkString(a, b string) {
	if strings.HasPrefix(a, "case:") || strings.HasPrefix(b, "case:") {
		return
	}
	g.ends = append(g.ends, g.intern(a), g.intern(b))
}

func (g *linkGraph) internBytes(b []byte) int32 {
	if i, ok := g.ids[string(b)]; ok {
		return i
	}
	return g.add(string(b))
}

func (g *linkGraph) intern(s string) int32 {
	if i, ok := g.ids[s]; ok {
		return i
	}
	return g.add(s)
}

func (g *linkGraph) add(s string) int32 {
	i := int32(len(g.names))
	g.ids[s] = i
	g.names = append(g.names, s)
	return i
}

// nodeKind is what the communities need of a node's type.
type nodeKind uint8

const (
	kindIdent  nodeKind = iota // an identifier: phone, account, handset, domain…
	kindReport                 // a victim's report
	kindActor                  // a suspect or a call centre: in groups, never listed
)

func kindOf(name string) nodeKind {
	switch kuzet.NodeType(name) {
	case "report":
		return kindReport
	case "suspect", "callcentre":
		return kindActor
	}
	return kindIdent
}

// wedge is a weighted edge of the communities' graph.
type wedge struct {
	a, b int32
	w    float64
}

// communityRun holds one computation's graph, numbered compactly: node i
// is g.names[orig[i]].
type communityRun struct {
	orig   []int32    // compact number → the linkGraph's
	kind   []nodeKind // by compact number
	wes    []wedge
	coreOf []int32 // each node's core (see cores)
}

// communities computes the groups of g (see Communities).
func (g *linkGraph) communities(links []*kuzet.CaseReport, hubDegree int) []*Group {
	n := len(g.names)
	kind := make([]nodeKind, n)
	for i, name := range g.names {
		kind[i] = kindOf(name)
	}
	degree := make([]int32, n)
	for _, x := range g.ends {
		degree[x]++
	}
	// The nodes are numbered again in the order their first kept edge
	// names them (as the communities have always numbered them: Louvain
	// visits nodes in order of their numbers, so the numbering is part of
	// the result).
	compact := make([]int32, n)
	for i := range compact {
		compact[i] = -1
	}
	r := &communityRun{}
	number := func(x int32) int32 {
		if c := compact[x]; c >= 0 {
			return c
		}
		c := int32(len(r.orig))
		compact[x] = c
		r.orig = append(r.orig, x)
		r.kind = append(r.kind, kind[x])
		return c
	}
	for i := 0; i < len(g.ends); i += 2 {
		a, b := g.ends[i], g.ends[i+1]
		// An identifier named once links nothing: left out, it cannot pull
		// its report away from the ones it shares others with.
		if degree[a] == 1 && kind[a] != kindReport || degree[b] == 1 && kind[b] != kindReport {
			continue
		}
		w := 1.0
		for _, x := range [2]int32{a, b} {
			if d := degree[x]; kind[x] != kindReport && int(d) > hubDegree {
				r := float64(hubDegree) / float64(d)
				w = min(w, r*r)
			}
		}
		ca, cb := number(a), number(b)
		if ca == cb {
			continue
		}
		r.wes = append(r.wes, wedge{ca, cb, w})
	}
	compact = nil
	m := len(r.orig)

	// An identifier named in more than half hubDegree reports, none of
	// whose cores holds most of them, is a hub too: a marketplace or a
	// bank's hotline in a deployment still too small for it to reach
	// hubDegree, where a big group's mule is named mostly within the
	// group's core. Its links weigh (hubDegree/2/degree)², and the
	// cores are made again without them.
	var joined []bool
	r.coreOf, joined = cores(r.kind, r.wes)
	half := hubDegree / 2
	spread := false
	for i := range r.wes {
		e := &r.wes[i]
		for _, x := range [2]int32{e.a, e.b} {
			if d := degree[r.orig[x]]; r.kind[x] != kindReport && int(d) > half && !joined[x] {
				q := float64(half) / float64(d)
				if q*q < e.w {
					e.w, spread = q*q, true
				}
			}
		}
	}
	if spread {
		r.coreOf, _ = cores(r.kind, r.wes)
	}

	// Connected components next: each is split by Louvain only where its
	// community structure is clear (modularity at least MinModularity), so
	// a handful of reports around one account stays one group. Hub links
	// do not join components: they would make one giant component of the
	// whole country.
	parent := make([]int32, m)
	for i := range parent {
		parent[i] = int32(i)
	}
	for _, e := range r.wes {
		if e.w == 1 {
			parent[find(parent, e.a)] = find(parent, e.b)
		}
	}
	// The edges of each component, in their order, by a counting sort on
	// the component's root.
	count := make([]int32, m+1)
	for _, e := range r.wes {
		if ra := find(parent, e.a); ra == find(parent, e.b) {
			count[ra+1]++
		}
	}
	var comps [][2]int32 // each component's range of byComp
	for i := 1; i <= m; i++ {
		if count[i] > 0 {
			comps = append(comps, [2]int32{count[i-1], count[i-1] + count[i]})
		}
		count[i] += count[i-1]
	}
	byComp := make([]wedge, count[m])
	for _, e := range r.wes {
		if ra := find(parent, e.a); ra == find(parent, e.b) {
			byComp[count[ra]] = e
			count[ra]++
		}
	}
	parent, count = nil, nil

	// The components are split side by side, the largest first.
	slices.SortStableFunc(comps, func(x, y [2]int32) int { return cmp.Compare(y[1]-y[0], x[1]-x[0]) })
	parts := make([][][]int32, len(comps))
	seen := make([]bool, m)
	local := make([]int32, m) // a core's place in its component's list
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(comps)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(comps) {
					return
				}
				// Components share no node, so their workers touch
				// disjoint elements of seen and local.
				parts[i] = r.split(byComp[comps[i][0]:comps[i][1]], seen, local)
			}
		})
	}
	wg.Wait()

	byReport := make(map[string][]*kuzet.CaseReport, len(links))
	for _, l := range links {
		byReport[l.ReportID] = append(byReport[l.ReportID], l)
	}
	var out []*Group
	for _, ps := range parts {
		for _, members := range ps {
			if grp := r.group(g, members, degree, byReport, hubDegree); grp != nil {
				out = append(out, grp)
			}
		}
	}
	sortGroups(out)
	if out == nil {
		out = []*Group{}
	}
	return out
}

func find(parent []int32, x int32) int32 {
	for parent[x] != x {
		parent[x] = parent[parent[x]]
		x = parent[x]
	}
	return x
}

// split returns the groups of one connected component, given its edges:
// the whole component, or Louvain's communities over its cores, each core
// tied to a twin by its inner weight (standing for the self-loop gonum's
// input graph cannot carry), so that modularity sees the cores' degrees
// whole.
func (r *communityRun) split(es []wedge, seen []bool, local []int32) [][]int32 {
	var nodes, cores []int32 // the nodes, and the cores, in the order the edges name them
	for _, e := range es {
		for _, x := range [2]int32{e.a, e.b} {
			if seen[x] {
				continue
			}
			seen[x] = true
			nodes = append(nodes, x)
		}
	}
	for _, x := range nodes {
		local[r.coreOf[x]] = -1
	}
	for _, x := range nodes {
		if c := r.coreOf[x]; local[c] < 0 {
			local[c] = int32(len(cores))
			cores = append(cores, c)
		}
	}
	if len(nodes) < 8 || len(cores) == 1 {
		return [][]int32{nodes}
	}
	// The weight between each pair of cores, summed in the edges' order.
	ces := make([]coreEdge, len(es))
	for i, e := range es {
		ca, cb := r.coreOf[e.a], r.coreOf[e.b]
		if ca > cb {
			ca, cb = cb, ca
		}
		ces[i] = coreEdge{ca, cb, e.w}
	}
	slices.SortStableFunc(ces, func(x, y coreEdge) int {
		return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
	})
	twin := int64(len(r.orig))
	g := &coreGraph{}
	for i := 0; i < len(ces); {
		a, b, wt := int64(ces[i].a), int64(ces[i].b), ces[i].w
		j := i + 1
		for ; j < len(ces) && ces[j].a == ces[i].a && ces[j].b == ces[i].b; j++ {
			wt += ces[j].w
		}
		i = j
		if a == b {
			b = twin + a
		}
		g.edges = append(g.edges, coreEdge{int32(a), int32(b), wt})
	}
	m2 := g.build(cores)
	// Modularity judges a merge against the whole component, so in a
	// component the size of a country it would merge groups far smaller
	// than the component (its resolution limit). The resolution grows
	// with the component beyond ReferenceWeight, so that two groups are
	// judged as they would be in a component of that weight.
	gamma := Resolution * max(1, m2/(2*ReferenceWeight))
	reduced := community.Modularize(g, gamma, rand.New(rand.NewPCG(1, 2)))
	comms := reduced.Communities()
	if len(comms) < 2 || community.Q(g, comms, Resolution) < MinModularity {
		return [][]int32{nodes}
	}
	// The nodes of each core, then of each community.
	start := make([]int32, len(cores)+1)
	for _, x := range nodes {
		start[local[r.coreOf[x]]+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	byCore := make([]int32, len(nodes))
	fill := slices.Clone(start[:len(cores)])
	for _, x := range nodes {
		l := local[r.coreOf[x]]
		byCore[fill[l]] = x
		fill[l]++
	}
	var out [][]int32
	for _, p := range comms {
		var ms []int32
		for _, nd := range p {
			if id := nd.ID(); id < twin {
				l := local[id]
				ms = append(ms, byCore[start[l]:start[l+1]]...)
			}
		}
		if len(ms) > 0 {
			out = append(out, ms)
		}
	}
	return out
}

// group makes a Group of a community's members, nil if it holds fewer
// than two reports.
func (r *communityRun) group(g *linkGraph, members []int32, degree []int32, byReport map[string][]*kuzet.CaseReport, hubDegree int) *Group {
	reports := 0
	for _, m := range members {
		if r.kind[m] == kindReport {
			reports++
		}
	}
	if reports < 2 {
		return nil
	}
	grp := &Group{Lost: map[string]kuzet.Amount{}, Nodes: len(members), Reports: make([]string, 0, reports)}
	cases := map[string]bool{}
	var idents []string
	for _, m := range members {
		o := r.orig[m]
		name := g.names[o]
		switch r.kind[m] {
		case kindReport:
			rid := strings.TrimPrefix(name, "report:")
			grp.Reports = append(grp.Reports, rid)
			dup := false
			for _, l := range byReport[rid] {
				cases[l.CaseID] = true
				dup = dup || l.DuplicateOf != ""
			}
			if ls := byReport[rid]; len(ls) > 0 && !dup {
				grp.Lost[ls[0].Currency] += ls[0].AmountLost
				grp.Victims++
			}
		case kindIdent:
			if d := degree[o]; d >= 2 && int(d) <= hubDegree {
				idents = append(idents, name)
			}
		}
	}
	slices.Sort(grp.Reports)
	slices.Sort(idents)
	grp.Identifiers = idents
	for c := range cases {
		grp.Cases = append(grp.Cases, c)
	}
	slices.Sort(grp.Cases)
	grp.ID = "grp_" + strings.TrimPrefix(grp.Reports[0], "rep_")
	return grp
}

// cores joins, before Louvain, what surely belongs together: two reports
// that share two identifiers or more (a borrowed mule or a coincidence is
// one), and an identifier to the core holding more than half of the
// reports naming it. Louvain then starts from the cores rather than from
// every node, which keeps it to seconds at a million nodes, and a group's
// shifts on rotated numbers stay together when their reports also share a
// mule and a handset. Hub links (weight below 1) count for nothing here.
// It returns each node's core, and whether each identifier joined the core
// of most of its reports.
func cores(kind []nodeKind, wes []wedge) (coreOf []int32, joined []bool) {
	n := len(kind)
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	// The adjacency of the sure links, report–identifier, in one array.
	deg := make([]int32, n+1)
	for _, e := range wes {
		if e.w < 1 || (kind[e.a] == kindReport) == (kind[e.b] == kindReport) {
			continue
		}
		deg[e.a+1]++
		deg[e.b+1]++
	}
	for i := 1; i <= n; i++ {
		deg[i] += deg[i-1]
	}
	adjAll := make([]int32, deg[n])
	fill := slices.Clone(deg[:n])
	for _, e := range wes {
		if e.w < 1 || (kind[e.a] == kindReport) == (kind[e.b] == kindReport) {
			continue
		}
		adjAll[fill[e.a]] = e.b
		fill[e.a]++
		adjAll[fill[e.b]] = e.a
		fill[e.b]++
	}
	adj := make([][]int32, n)
	for i := range n {
		a := adjAll[deg[i]:deg[i+1]:deg[i+1]]
		slices.Sort(a)
		adj[i] = slices.Compact(a)
	}
	count := make([]int32, n)
	var touched []int32
	for r := range int32(n) {
		if kind[r] != kindReport {
			continue
		}
		for _, i := range adj[r] {
			for _, s := range adj[i] {
				if s == r {
					continue
				}
				if count[s] == 0 {
					touched = append(touched, s)
				}
				count[s]++
				if count[s] == 2 {
					parent[find(parent, s)] = find(parent, r)
				}
			}
		}
		for _, s := range touched {
			count[s] = 0
		}
		touched = touched[:0]
	}
	// Identifiers join the core of most of their reports, if more than
	// half. Before this, every identifier is a core of its own and every
	// report's core a report, so the joins do not depend on their order.
	join := make([]int32, n)
	for i := range join {
		join[i] = -1
	}
	votes := map[int32]int{}
	for i := range int32(n) {
		if kind[i] == kindReport || len(adj[i]) == 0 {
			continue
		}
		clear(votes)
		best, top := int32(-1), 0
		for _, r := range adj[i] {
			c := find(parent, r)
			votes[c]++
			if votes[c] > top {
				best, top = c, votes[c]
			}
		}
		if 2*top > len(adj[i]) {
			join[i] = best
		}
	}
	joined = make([]bool, n)
	for i, c := range join {
		if c >= 0 {
			parent[find(parent, int32(i))] = find(parent, c)
			joined[i] = true
		}
	}
	for i := range parent {
		parent[i] = find(parent, int32(i))
	}
	return parent, joined
}
