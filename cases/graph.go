package cases

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

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

// computeGroups reads the whole graph and finds its communities. The
// edges are read as their two ends only, each node's name kept once.
func (s *Service) computeGroups(ctx context.Context) (*groupCache, error) {
	start := time.Now()
	gen := s.gen.Load()
	g := newLinkGraph()
	var links []*kuzet.CaseReport
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) error {
		if err := tx.ScanGraphLinks(ctx, func(a, b []byte) error {
			g.link(a, b)
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
	read := time.Since(start)
	c := &groupCache{gen: gen, at: s.clock(), groups: g.communities(links, s.hubDegree), byNode: map[string]*Group{}}
	for _, g := range c.groups {
		for _, r := range g.Reports {
			c.byNode["report:"+r] = g
		}
		for _, n := range g.Identifiers {
			c.byNode[n] = g
		}
	}
	s.log.Debug("groups computed", "nodes", len(g.names), "edges", len(g.ends)/2, "groups", len(c.groups),
		"read", read, "took", time.Since(start))
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
