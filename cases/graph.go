package cases

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/kuzet/kuzet"
)

// Neighbourhood limits.
const (
	MaxDepth     = 3
	MaxNodes     = 2000 // a neighbourhood is cut at this many nodes, and says so
	perNodeEdges = 500  // edges followed out of one node; a node with more is a hub, not expanded
)

// Node is a node of the link graph as Cytoscape.js takes it: {"data": …}.
type Node struct {
	Data NodeData `json:"data"`
}

// NodeData describes a node.
type NodeData struct {
	ID    string `json:"id"`    // "type:value"
	Type  string `json:"type"`  // report, case, phone, iban, imei, suspect, callcentre, …
	Label string `json:"label"` // the value
	Depth int    `json:"depth"` // hops from the seed
	Hub   bool   `json:"hub,omitempty"`
}

// Edge is an edge as Cytoscape.js takes it.
type Edge struct {
	Data EdgeData `json:"data"`
}

// EdgeData describes an edge.
type EdgeData struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	Target string `json:"target"`
	Kind   string `json:"kind"`
}

// Graph is a neighbourhood: Cytoscape.js's elements.
type Graph struct {
	Elements struct {
		Nodes []Node `json:"nodes"`
		Edges []Edge `json:"edges"`
	} `json:"elements"`
	Seed      string `json:"seed"`
	Truncated bool   `json:"truncated"`
}

// NodeName normalizes a seed "kind:value": an identifier's value is parsed
// as its kind is (a phone number in any form names one node); reports,
// cases, suspects and call centres are named by their IDs.
func (s *Service) NodeName(seed string) (string, error) {
	kind, value, ok := strings.Cut(seed, ":")
	if !ok || value == "" {
		return "", kuzet.Invalid("seed", "seed is kind:value, such as iban:KZ… or report:rep_…")
	}
	switch kind {
	case "report", "case", "suspect", "callcentre":
		return kind + ":" + value, nil
	}
	if !kuzet.Kind(kind).Valid() {
		return "", kuzet.Invalid("seed", "unknown kind %q", kuzet.Clip(kind, 40))
	}
	ind, err := s.parser.Parse(kuzet.Kind(kind), value)
	if err != nil {
		return "", kuzet.WithField(err, "seed")
	}
	return ind.Key(), nil
}

// Neighbourhood returns the nodes within depth hops of seed, of the types
// asked for (all if none; the seed is always in), and the edges among
// them. A hub's neighbours beyond the first perNodeEdges are not followed.
func (s *Service) Neighbourhood(ctx context.Context, orgID int64, seed string, depth int, types []string) (*Graph, error) {
	if depth < 1 || depth > MaxDepth {
		return nil, kuzet.Invalid("depth", "depth is from 1 to %d", MaxDepth)
	}
	root, err := s.NodeName(seed)
	if err != nil {
		return nil, err
	}
	g := &Graph{Seed: root}
	seen := map[string]int{root: 0}
	hubs := map[string]bool{}
	order := []string{root}
	var edges []kuzet.GraphEdge
	err = kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) error {
		frontier := []string{root}
		for d := 1; d <= depth && len(frontier) > 0; d++ {
			es, err := tx.GraphNeighbours(ctx, frontier, perNodeEdges+1)
			if err != nil {
				return err
			}
			count := map[string]int{}
			for _, e := range es {
				count[e.A]++
			}
			var next []string
			for _, e := range es {
				if count[e.A] > perNodeEdges {
					hubs[e.A] = true
					continue
				}
				edges = append(edges, e)
				if _, ok := seen[e.B]; ok {
					continue
				}
				if len(seen) >= MaxNodes {
					g.Truncated = true
					continue
				}
				seen[e.B] = d
				order = append(order, e.B)
				next = append(next, e.B)
			}
			frontier = next
		}
		return nil
	})
	if err != nil {
		return nil, wrap("graph neighbourhood", err)
	}
	keep := func(n string) bool {
		return n == root || len(types) == 0 || slices.Contains(types, kuzet.NodeType(n))
	}
	g.Elements.Nodes = []Node{}
	g.Elements.Edges = []Edge{}
	for _, n := range order {
		if keep(n) {
			_, label, _ := strings.Cut(n, ":")
			g.Elements.Nodes = append(g.Elements.Nodes, Node{NodeData{ID: n, Type: kuzet.NodeType(n), Label: label,
				Depth: seen[n], Hub: hubs[n]}})
		}
	}
	done := map[[2]string]bool{}
	for _, e := range edges {
		a, b := e.A, e.B
		if a > b {
			a, b = b, a
		}
		if _, ok := seen[e.B]; !ok || done[[2]string{a, b}] || !keep(a) || !keep(b) {
			continue
		}
		done[[2]string{a, b}] = true
		g.Elements.Edges = append(g.Elements.Edges, Edge{EdgeData{ID: a + "|" + b, Source: a, Target: b, Kind: e.Kind}})
	}
	if err := s.audit.Record(ctx, &kuzet.AuditEntry{At: s.clock(), OrgID: orgID, Action: kuzet.AuditGraphRead,
		Object: root, Detail: fmt.Sprintf("depth %d, %d nodes", depth, len(g.Elements.Nodes))}); err != nil {
		return nil, wrap("audit graph read", err)
	}
	return g, nil
}

// Group is a community of the link graph: reports joined by what their
// fraudsters used, ranked by victims and money.
type Group struct {
	ID          string                  `json:"id"` // "grp_" and its first report's ID: stable while it keeps that report
	Victims     int                     `json:"victims"`
	Reports     []string                `json:"reports"`
	Lost        map[string]kuzet.Amount `json:"amount_lost"` // by currency
	Identifiers []string                `json:"identifiers"` // shared by two or more of its reports, hubs aside
	Cases       []string                `json:"cases"`
	Nodes       int                     `json:"nodes"`
}

type groupCache struct {
	gen    int64 // the graph generation the communities were computed at
	at     time.Time
	took   time.Duration
	groups []*Group
	byNode map[string]*Group // "report:…" and shared identifiers → their group
}

// pendingReport is a report filed since the communities were last
// computed, joined to its group by its identifiers until they are again.
type pendingReport struct {
	gen      int64
	node     string
	idents   []string
	amount   kuzet.Amount
	currency string
	dup      bool
}

// SyncGroupsLimit: communities that took less than this to compute are
// recomputed in the request that finds them stale; beyond it they are
// recomputed in the background and a new report joins its group at once
// by its identifiers (see Groups).
const SyncGroupsLimit = 200 * time.Millisecond

// Groups returns the communities holding two or more reports, most victims
// first, then most money. They are recomputed when the graph has changed,
// at most once per GroupsEvery. On a large graph (one whose communities
// took SyncGroupsLimit or more) the recomputation runs in the background
// and, meanwhile, each report filed since joins the group holding most of
// its identifiers, so that it is in its group at once; a report that
// shares identifiers with no group waits for the recomputation.
func (s *Service) Groups(ctx context.Context) ([]*Group, error) {
	s.groupsMu.Lock()
	defer s.groupsMu.Unlock()
	gen := s.gen.Load()
	c := s.groups
	if c != nil && (c.gen == gen || s.clock().Sub(c.at) < s.every && c.took < SyncGroupsLimit) {
		return c.groups, nil
	}
	if c == nil || c.took < SyncGroupsLimit {
		full, err := s.computeGroups(ctx)
		if err != nil {
			return nil, err
		}
		s.groups = full
		return full.groups, nil
	}
	if s.clock().Sub(c.at) >= s.every && s.refreshing.CompareAndSwap(false, true) {
		go func() {
			defer s.refreshing.Store(false)
			full, err := s.computeGroups(context.WithoutCancel(ctx))
			if err != nil {
				s.log.Error("recompute the groups", "err", err)
				return
			}
			s.groupsMu.Lock()
			s.groups = full
			s.groupsMu.Unlock()
		}()
	}
	return s.withPending(c), nil
}

// computeGroups reads the whole graph and finds its communities.
func (s *Service) computeGroups(ctx context.Context) (*groupCache, error) {
	start := time.Now()
	gen := s.gen.Load()
	var (
		edges []kuzet.GraphEdge
		links []*kuzet.CaseReport
	)
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) error {
		if err := tx.ScanGraphEdges(ctx, func(e kuzet.GraphEdge) error {
			edges = append(edges, e)
			return nil
		}); err != nil {
			return err
		}
		return tx.ScanCaseReports(ctx, func(l *kuzet.CaseReport) error {
			links = append(links, l)
			return nil
		})
	})
	if err != nil {
		return nil, wrap("groups", err)
	}
	c := &groupCache{gen: gen, at: s.clock(), groups: Communities(edges, links, s.hubDegree), byNode: map[string]*Group{}}
	for _, g := range c.groups {
		for _, r := range g.Reports {
			c.byNode["report:"+r] = g
		}
		for _, n := range g.Identifiers {
			c.byNode[n] = g
		}
	}
	c.took = time.Since(start)
	s.big.Store(c.took >= SyncGroupsLimit)
	s.pendMu.Lock()
	s.pending = slices.DeleteFunc(s.pending, func(p pendingReport) bool { return p.gen <= gen })
	s.pendMu.Unlock()
	return c, nil
}

// addPending notes a report filed into the graph at generation gen.
func (s *Service) addPending(gen int64, r *kuzet.VictimReport, idents []string, dup bool) {
	s.pendMu.Lock()
	defer s.pendMu.Unlock()
	if !s.big.Load() {
		return // small graphs are recomputed whole
	}
	s.pending = append(s.pending, pendingReport{gen: gen, node: "report:" + r.ID, idents: idents,
		amount: r.AmountLost, currency: r.Currency, dup: dup})
}

// withPending returns c's groups with the reports filed since joined to
// the group holding most of their identifiers.
func (s *Service) withPending(c *groupCache) []*Group {
	s.pendMu.Lock()
	pend := slices.Clone(s.pending)
	s.pendMu.Unlock()
	rank := map[*Group]int{}
	for i, g := range c.groups {
		rank[g] = i
	}
	changed := map[*Group]*Group{}
	for _, p := range pend {
		if _, ok := c.byNode[p.node]; ok || p.gen <= c.gen {
			continue
		}
		var best *Group
		votes := map[*Group]int{}
		for _, n := range p.idents {
			if g := c.byNode[n]; g != nil {
				votes[g]++
				if best == nil || votes[g] > votes[best] || votes[g] == votes[best] && rank[g] < rank[best] {
					best = g
				}
			}
		}
		if best == nil {
			continue
		}
		g := changed[best]
		if g == nil {
			cp := *best
			cp.Reports = slices.Clone(best.Reports)
			cp.Lost = maps.Clone(best.Lost)
			g = &cp
			changed[best] = g
		}
		id := strings.TrimPrefix(p.node, "report:")
		if i, found := slices.BinarySearch(g.Reports, id); !found {
			g.Reports = slices.Insert(g.Reports, i, id)
			g.Nodes++
			if !p.dup {
				g.Victims++
				g.Lost[p.currency] += p.amount
			}
		}
	}
	if len(changed) == 0 {
		return c.groups
	}
	out := make([]*Group, len(c.groups))
	for i, g := range c.groups {
		out[i] = cmp.Or(changed[g], g)
	}
	sortGroups(out)
	return out
}

// Group returns one community by its ID. Returns ENOTFOUND if there is none
// such now.
func (s *Service) Group(ctx context.Context, id string) (*Group, error) {
	gs, err := s.Groups(ctx)
	if err != nil {
		return nil, err
	}
	for _, g := range gs {
		if g.ID == id {
			return g, nil
		}
	}
	return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no group %q: list them again, groups change as reports arrive", kuzet.Clip(id, 80))
}

// MinModularity is the modularity a split of a connected component must
// reach to be kept: below it the component is one group.
const MinModularity = 0.3

// Resolution is Louvain's in a component up to ReferenceWeight. Below 1
// it merges groups that borrowed a mule: on the generator 0.5 mixed 13–23 %
// of communities, so 1 it is (see docs/cases.md for the figures).
var Resolution = 1.0

// ReferenceWeight is the weight of links of a component beyond which the
// resolution grows in proportion (see Communities).
const ReferenceWeight = 10_000

// Communities finds the organised groups in a link graph: Louvain
// modularity (gonum's community package) over the cores of the reports and
// what they name (see cores), cases left out (a case is a conclusion, not
// evidence). An
// identifier named in more than hubDegree reports is a hub — a bank's
// hotline, a marketplace — and its links weigh (hubDegree/degree)², so that
// it cannot glue unrelated groups together.
func Communities(edges []kuzet.GraphEdge, links []*kuzet.CaseReport, hubDegree int) []*Group {
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
	var wes []wedge
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
		wes = append(wes, wedge{a, b, w})
	}
	comps := map[int64][]wedge{}
	for _, e := range wes {
		ra, rb := find(e.a), find(e.b)
		if ra == rb {
			comps[ra] = append(comps[ra], e)
		}
	}
	core := cores(names, wes)
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
		gamma := Resolution * max(1, m2/(2*ReferenceWeight))
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

// cores joins, before Louvain, what surely belongs together: two reports
// that share two identifiers or more (a borrowed mule or a coincidence is
// one), and an identifier to the core holding more than half of the
// reports naming it. Louvain then starts from the cores rather than from
// every node, which keeps it to seconds at a million nodes, and a group's
// shifts on rotated numbers stay together when their reports also share a
// mule and a handset. Hub links (weight below 1) count for nothing here.
// It returns each node's core.
func cores(names []string, wes []wedge) func(int64) int64 {
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

// wedge is a weighted edge of the communities' graph.
type wedge struct {
	a, b int64
	w    float64
}

// sortGroups ranks groups: most victims first, then most money.
func sortGroups(gs []*Group) {
	slices.SortFunc(gs, func(a, b *Group) int {
		if d := cmp.Compare(b.Victims, a.Victims); d != 0 {
			return d
		}
		if d := cmp.Compare(total(b.Lost), total(a.Lost)); d != 0 {
			return d
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

func total(m map[string]kuzet.Amount) kuzet.Amount {
	var t kuzet.Amount
	for _, a := range m {
		t += a
	}
	return t
}
