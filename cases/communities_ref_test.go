package cases

import (
	"math/rand/v2"
	"slices"
	"strings"

	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/kuzet/kuzet"
)

// CommunitiesRef is the communities' computation before it moved to
// arrays and its own graph type, for the tests and benchmarks that
// compare the two.
var CommunitiesRef = communitiesRef

// communitiesRef is the communities as computed before the arrays (kept to
// compare with): it finds the organised groups in a link graph: Louvain
// modularity (gonum's community package) over the cores of the reports and
// what they name (see cores), cases left out (a case is a conclusion, not
// evidence). An
// identifier named in more than hubDegree reports is a hub — a bank's
// hotline, a marketplace — and its links weigh (hubDegree/degree)², so that
// it cannot glue unrelated groups together.
func communitiesRef(edges []kuzet.GraphEdge, links []*kuzet.CaseReport, hubDegree int) []*Group {
	ids := map[string]int64{}
	var names []string
	id := func(n string) int64 {
		if i, ok := ids[n]; ok {
			return i
		}
		i := int64(len(names))
		ids[n] = i
		names = append(names, n)
		return i
	}
	degree := map[string]int{}
	var use []kuzet.GraphEdge
	for _, e := range edges {
		ta, tb := kuzet.NodeType(e.A), kuzet.NodeType(e.B)
		if ta == "case" || tb == "case" {
			continue
		}
		use = append(use, e)
		degree[e.A]++
		degree[e.B]++
	}
	// Connected components first: each is split by Louvain only where its
	// community structure is clear (modularity at least MinModularity), so
	// a handful of reports around one account stays one group.
	parent := map[int64]int64{}
	find := func(x int64) int64 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	var wes []wedgeRef
	for _, e := range use {
		// An identifier named once links nothing: left out, it cannot pull
		// its report away from the ones it shares others with.
		if degree[e.A] == 1 && kuzet.NodeType(e.A) != "report" || degree[e.B] == 1 && kuzet.NodeType(e.B) != "report" {
			continue
		}
		w := 1.0
		for _, n := range []string{e.A, e.B} {
			if d := degree[n]; kuzet.NodeType(n) != "report" && d > hubDegree {
				r := float64(hubDegree) / float64(d)
				w = min(w, r*r)
			}
		}
		a, b := id(e.A), id(e.B)
		if a == b {
			continue
		}
		for _, n := range []int64{a, b} {
			if _, ok := parent[n]; !ok {
				parent[n] = n
			}
		}
		// Hub links do not join components: they would make one giant
		// component of the whole country.
		if w == 1 {
			parent[find(a)] = find(b)
		}
		wes = append(wes, wedgeRef{a, b, w})
	}
	comps := map[int64][]wedgeRef{}
	for _, e := range wes {
		ra, rb := find(e.a), find(e.b)
		if ra == rb {
			comps[ra] = append(comps[ra], e)
		}
	}
	core := coresRef(names, wes)
	var all [][]int64
	for _, es := range comps {
		// Louvain runs over the component's cores, each a node tied to a
		// twin by its inner weight (standing for the self-loop gonum's
		// input graph cannot carry), so that modularity sees the cores'
		// degrees whole.
		members := map[int64][]int64{}
		seen := map[int64]bool{}
		w := map[[2]int64]float64{}
		for _, e := range es {
			ca, cb := core(e.a), core(e.b)
			for _, n := range []int64{e.a, e.b} {
				if !seen[n] {
					seen[n] = true
					members[core(n)] = append(members[core(n)], n)
				}
			}
			if ca > cb {
				ca, cb = cb, ca
			}
			w[[2]int64{ca, cb}] += e.w
		}
		whole := func() {
			var ms []int64
			for _, m := range members {
				ms = append(ms, m...)
			}
			all = append(all, ms)
		}
		nodes := 0
		for _, m := range members {
			nodes += len(m)
		}
		if nodes < 8 || len(members) == 1 {
			whole()
			continue
		}
		twin := int64(len(names))
		g := simple.NewWeightedUndirectedGraph(0, 0)
		for c := range members {
			g.AddNode(simple.Node(c))
		}
		for k, wt := range w {
			a, b := k[0], k[1]
			if a == b {
				g.AddNode(simple.Node(twin + a))
				b = twin + a
			}
			g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(a), simple.Node(b), wt))
		}
		// Modularity judges a merge against the whole component, so in a
		// component the size of a country it would merge groups far
		// smaller than the component (its resolution limit). The
		// resolution grows with the component beyond ReferenceWeight,
		// so that two groups are judged as they would be in a component
		// of that weight.
		var m2 float64
		for _, wt := range w {
			m2 += 2 * wt
		}
		gamma := Resolution * max(1, m2/(2*referenceWeightRef))
		reduced := community.Modularize(g, gamma, rand.New(rand.NewPCG(1, 2)))
		parts := reduced.Communities()
		if len(parts) < 2 || community.Q(g, parts, Resolution) < MinModularity {
			whole()
			continue
		}
		for _, p := range parts {
			var ms []int64
			for _, n := range p {
				if id := n.ID(); id < twin {
					ms = append(ms, members[id]...)
				}
			}
			if len(ms) > 0 {
				all = append(all, ms)
			}
		}
	}
	byReport := map[string][]*kuzet.CaseReport{}
	for _, l := range links {
		byReport[l.ReportID] = append(byReport[l.ReportID], l)
	}
	var out []*Group
	for _, members := range all {
		grp := &Group{Lost: map[string]kuzet.Amount{}, Nodes: len(members)}
		cases := map[string]bool{}
		var idents []string
		for _, m := range members {
			n := names[m]
			switch kuzet.NodeType(n) {
			case "report":
				rid := strings.TrimPrefix(n, "report:")
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
			case "suspect", "callcentre":
			default:
				if d := degree[n]; d >= 2 && d <= hubDegree {
					idents = append(idents, n)
				}
			}
		}
		if len(grp.Reports) < 2 {
			continue
		}
		slices.Sort(grp.Reports)
		slices.Sort(idents)
		grp.Identifiers = idents
		for c := range cases {
			grp.Cases = append(grp.Cases, c)
		}
		slices.Sort(grp.Cases)
		grp.ID = "grp_" + strings.TrimPrefix(grp.Reports[0], "rep_")
		out = append(out, grp)
	}
	sortGroups(out)
	if out == nil {
		out = []*Group{}
	}
	return out
}

// coresRef is cores as it was: it joins, before Louvain, what surely belongs together: two reports
// that share two identifiers or more (a borrowed mule or a coincidence is
// one), and an identifier to the core holding more than half of the
// reports naming it. Louvain then starts from the cores rather than from
// every node, which keeps it to seconds at a million nodes, and a group's
// shifts on rotated numbers stay together when their reports also share a
// mule and a handset. Hub links (weight below 1) count for nothing here.
// It returns each node's core.
func coresRef(names []string, wes []wedgeRef) func(int64) int64 {
	n := len(names)
	parent := make([]int64, n)
	for i := range parent {
		parent[i] = int64(i)
	}
	find := func(x int64) int64 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	isReport := make([]bool, n)
	for i, name := range names {
		isReport[i] = kuzet.NodeType(name) == "report"
	}
	adj := make([][]int64, n)
	for _, e := range wes {
		if e.w < 1 || isReport[e.a] == isReport[e.b] {
			continue
		}
		adj[e.a] = append(adj[e.a], e.b)
		adj[e.b] = append(adj[e.b], e.a)
	}
	for i := range adj {
		slices.Sort(adj[i])
		adj[i] = slices.Compact(adj[i])
	}
	count := make([]int32, n)
	var touched []int64
	for r := range n {
		if !isReport[r] {
			continue
		}
		for _, i := range adj[r] {
			for _, s := range adj[i] {
				if s == int64(r) {
					continue
				}
				if count[s] == 0 {
					touched = append(touched, s)
				}
				count[s]++
				if count[s] == 2 {
					parent[find(s)] = find(int64(r))
				}
			}
		}
		for _, s := range touched {
			count[s] = 0
		}
		touched = touched[:0]
	}
	// Identifiers join the core of most of their reports, if more than half.
	join := map[int64]int64{}
	votes := map[int64]int{}
	for i := range n {
		if isReport[i] || len(adj[i]) == 0 {
			continue
		}
		clear(votes)
		best, top := int64(-1), 0
		for _, r := range adj[i] {
			c := find(r)
			votes[c]++
			if votes[c] > top {
				best, top = c, votes[c]
			}
		}
		if 2*top > len(adj[i]) {
			join[int64(i)] = best
		}
	}
	for i, c := range join {
		parent[find(i)] = find(c)
	}
	return find
}

// wedgeRef is wedge as it was.
type wedgeRef struct {
	a, b int64
	w    float64
}

// referenceWeightRef is ReferenceWeight as it was.
const referenceWeightRef = 10_000
