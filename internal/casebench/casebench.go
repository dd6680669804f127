// Package casebench holds the benchmarks of the cases capability's targets,
// run by the SQLite and PostgreSQL stores' tests over a link graph each
// bulk-loads in its own fastest way: the depth-2 neighbourhood, the
// communities, a new report in its group, and a year's statistics.
package casebench

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/cases"
	"github.com/kuzet/kuzet/internal/proccpu"
	"github.com/kuzet/kuzet/synth"
)

// Config is the size of the benchmarks' graph: a million nodes and five
// million edges with KUZET_BENCH_FULL=1, else KUZET_BENCH_GRAPH_NODES
// nodes (default 100,000) and five times as many edges.
func Config(tb testing.TB) synth.LinkGraphConfig {
	if os.Getenv("KUZET_BENCH_FULL") != "" {
		return synth.LinkGraphConfig{Nodes: 1_000_000, Edges: 5_000_000}
	}
	n := 100_000
	if s := os.Getenv("KUZET_BENCH_GRAPH_NODES"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v <= 0 {
			tb.Fatalf("KUZET_BENCH_GRAPH_NODES=%q: want a positive number", s)
		}
		n = v
	}
	return synth.LinkGraphConfig{Nodes: n, Edges: 5 * n}
}

// Row is one stored row of graph_edges: each edge is two rows, one each way.
type Row struct{ A, B, Kind string }

// At is the time every benchmark edge carries.
var At = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Rows generates the graph cfg asks for as the rows the stores keep,
// sorted by (A, B) and without repeats, so that a bulk load appends to the
// primary key's index.
func Rows(cfg synth.LinkGraphConfig) ([]Row, synth.LinkGraphInfo) {
	rows := make([]Row, 0, 2*max(cfg.Edges, 1))
	info := synth.LinkGraph(cfg, func(e kuzet.GraphEdge) {
		rows = append(rows, Row{e.A, e.B, e.Kind}, Row{e.B, e.A, e.Kind})
	})
	slices.SortFunc(rows, func(x, y Row) int {
		if d := cmp.Compare(x.A, y.A); d != 0 {
			return d
		}
		return cmp.Compare(x.B, y.B)
	})
	rows = slices.CompactFunc(rows, func(x, y Row) bool { return x.A == y.A && x.B == y.B })
	info.Edges = len(rows) / 2
	return rows, info
}

// Neighbourhood measures the depth-2 neighbourhood of the seeds in turn,
// as GET /v1/graph answers it (audit record included).
func Neighbourhood(b *testing.B, s kuzet.Store, info synth.LinkGraphInfo) {
	svc := cases.NewService(cases.Config{Store: s})
	ctx := b.Context()
	nodes, i := 0, 0
	var worst time.Duration
	for b.Loop() {
		start := time.Now()
		g, err := svc.Neighbourhood(ctx, 1, info.Seeds[i%len(info.Seeds)], 2, nil)
		if err != nil {
			b.Fatalf("neighbourhood of %s: %v", info.Seeds[i%len(info.Seeds)], err)
		}
		worst = max(worst, time.Since(start))
		nodes += len(g.Elements.Nodes)
		i++
	}
	b.ReportMetric(float64(nodes)/float64(i), "nodes/op")
	b.ReportMetric(float64(worst.Microseconds())/1000, "worst-ms")
}

// Groups measures the communities of the whole graph, read from the store:
// the time an op takes, the CPU seconds it uses (both cores: the
// figure that holds on a loaded machine) and, of its time, the reading
// of the graph (read-s/op, from the service's debug record).
func Groups(b *testing.B, s kuzet.Store) {
	ctx := b.Context()
	var n int
	rec := &timings{}
	cpu0 := proccpu.Used()
	for b.Loop() {
		svc := cases.NewService(cases.Config{Store: s, Logger: slog.New(rec)})
		gs, err := svc.Groups(ctx)
		if err != nil {
			b.Fatal(err)
		}
		n = len(gs)
	}
	b.ReportMetric(float64(n), "groups")
	b.ReportMetric((proccpu.Used()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(rec.read.Seconds()/float64(b.N), "read-s/op")
}

// timings is a slog.Handler that sums the "read" of the records it gets.
type timings struct {
	mu   sync.Mutex
	read time.Duration
}

func (*timings) Enabled(context.Context, slog.Level) bool { return true }
func (t *timings) Handle(_ context.Context, r slog.Record) error {
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "read" {
			t.mu.Lock()
			t.read += a.Value.Duration()
			t.mu.Unlock()
		}
		return true
	})
	return nil
}
func (t *timings) WithAttrs([]slog.Attr) slog.Handler { return t }
func (t *timings) WithGroup(string) slog.Handler      { return t }

// NewReport measures how long a new report, naming identifiers of a known
// group, takes from its filing to its appearing in that group, the
// communities of the whole graph having been computed once before.
func NewReport(b *testing.B, s kuzet.Store, info synth.LinkGraphInfo) {
	ctx := b.Context()
	svc := cases.NewService(cases.Config{Store: s, GroupsEvery: time.Millisecond})
	start := time.Now()
	if _, err := svc.Groups(ctx); err != nil {
		b.Fatal(err)
	}
	b.Logf("first communities in %v", time.Since(start).Round(time.Millisecond))
	i := 0
	for b.Loop() {
		// A report naming the identifiers the seed report names.
		var seed string
		for seed == "" || kuzet.NodeType(seed) != "report" {
			seed = info.Seeds[i%len(info.Seeds)]
			i++
		}
		var idents []kuzet.Indicator
		if err := kuzet.Transact(ctx, s, false, func(tx kuzet.Tx) error {
			es, err := tx.GraphNeighbours(ctx, []string{seed}, 0)
			for _, e := range es {
				if k, v, _ := cut(e.B); kuzet.Kind(k).Valid() {
					idents = append(idents, kuzet.Indicator{Kind: kuzet.Kind(k), Value: v})
				}
			}
			return err
		}); err != nil {
			b.Fatal(err)
		}
		r := &kuzet.VictimReport{ID: kuzet.NewID("rep_"), OrgID: 1, AmountLost: 100_000, Currency: "KZT",
			Indicators: idents, CreatedAt: At}
		if err := kuzet.Transact(ctx, s, true, func(tx kuzet.Tx) error {
			_, err := svc.FileReport(ctx, tx, r)
			return err
		}); err != nil {
			b.Fatal(err)
		}
		gs, err := svc.Groups(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if !inGroupWith(gs, r.ID, seed[len("report:"):]) {
			b.Fatalf("report %s is not in the group of %s", r.ID, seed)
		}
	}
}

func inGroupWith(gs []*cases.Group, id, other string) bool {
	for _, g := range gs {
		if slices.Contains(g.Reports, id) {
			return slices.Contains(g.Reports, other)
		}
	}
	return false
}

func cut(n string) (string, string, bool) {
	for i := 0; i < len(n); i++ {
		if n[i] == ':' {
			return n[:i], n[i+1:], true
		}
	}
	return "", n, false
}

// Regions the statistics benchmark spreads its reports over.
var regions = cases.Regions

// LoadFigures stores n reports over 2026, a case for every third, and a
// suspect, a detention and a court date for every tenth, through the
// store's interface, in transactions of 10,000.
func LoadFigures(ctx context.Context, s kuzet.Store, n int) error {
	const batch = 10_000
	year := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	step := 365 * 24 * time.Hour / time.Duration(n)
	for lo := 0; lo < n; lo += batch {
		err := kuzet.Transact(ctx, s, true, func(tx kuzet.Tx) error {
			for i := lo; i < min(lo+batch, n); i++ {
				at := year.Add(time.Duration(i) * step)
				region := regions[i%len(regions)]
				caseID := fmt.Sprintf("case_%08d", i/3)
				if err := tx.LinkCaseReport(ctx, &kuzet.CaseReport{CaseID: caseID, ReportID: fmt.Sprintf("rep_%08d", i),
					OrgID: 1, Region: region, AmountLost: kuzet.Amount(10_000 + i%500_000), Currency: "KZT",
					CreatedAt: at}); err != nil {
					return err
				}
				evs := []*kuzet.CaseEvent{}
				if i%3 == 0 {
					evs = append(evs, &kuzet.CaseEvent{CaseID: caseID, Kind: kuzet.CaseEventRegistered, Region: region, N: 1, At: at})
				}
				if i%10 == 0 {
					foreign := i%20 == 0
					evs = append(evs, &kuzet.CaseEvent{CaseID: caseID, Kind: kuzet.CaseEventSuspect, Region: region, Foreign: foreign, N: 1, At: at},
						&kuzet.CaseEvent{CaseID: caseID, Kind: kuzet.CaseEventDetained, Region: region, Foreign: foreign, N: 1, At: at},
						&kuzet.CaseEvent{CaseID: caseID, Kind: kuzet.CaseEventCourt, Region: region, N: 1, At: at})
				}
				if err := tx.AddCaseEvents(ctx, evs...); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("load figures: %w", err)
		}
	}
	return nil
}

// Figures measures the police figures of 2026, all regions, over the n
// reports LoadFigures stored, and of one region.
func Figures(b *testing.B, s kuzet.Store, n int) {
	ctx := b.Context()
	svc := cases.NewService(cases.Config{Store: s})
	from, to := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, region := range []string{"", "Almaty"} {
		b.Run("region="+cmp.Or(region, "all"), func(b *testing.B) {
			for b.Loop() {
				f, err := svc.Figures(ctx, from, to, region)
				if err != nil {
					b.Fatal(err)
				}
				if region == "" && f.Reports != int64(n) {
					b.Fatalf("figures count %d reports, want %d", f.Reports, n)
				}
			}
		})
	}
}
