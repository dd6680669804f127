package cases_test

import (
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/cases"
	"github.com/kuzet/kuzet/synth"
)

// graphOf builds the link graph the cases service would from reports.
func graphOf(reports []synth.GroupReport) ([]kuzet.GraphEdge, []*kuzet.CaseReport) {
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	var edges []kuzet.GraphEdge
	var links []*kuzet.CaseReport
	for _, r := range reports {
		for _, ind := range r.Indicators {
			edges = append(edges, kuzet.GraphEdge{A: "report:" + r.ID, B: ind.Key(), Kind: "named", At: at})
		}
		links = append(links, &kuzet.CaseReport{CaseID: "case_" + r.ID, ReportID: r.ID, AmountLost: r.AmountLost, Currency: "KZT"})
	}
	return edges, links
}

// TestGroupRecovery: on the generator's organised groups — reused mules,
// rotated numbers, shared devices, hubs named by many victims — at least
// 90 % of the planted groups come out as one community each (one community
// holds at least 90 % of the group's reports), and at most 5 % of the
// communities mix two groups — the target, met on these seeds
// (the honest figure is the holdout's, below).
func TestGroupRecovery(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		rec, mix := recovery(t, synth.GroupsConfig{Seed: seed})
		if rec < 0.9 || mix > 0.05 {
			t.Errorf("seed %d: recovered %.3f (want ≥ 0.9), mixed %.3f (want ≤ 0.05)", seed, rec, mix)
		}
	}
}

// TestGroupRecoveryHoldout measures the same on seeds and a generator
// variant that no change of the algorithm was tuned on: the first two
// sets frozen before the first change (cores); the second change (the
// resolution and the spread hubs) was tuned on seeds 1–5 and 2101–2105
// only, and the last two sets (3001–3004, 4001–4004) were added after it
// and measured once, nothing changed since. Its figures are the honest ones, reported
// first in docs/cases.md. It fails only on a collapse, far below them.
func TestGroupRecoveryHoldout(t *testing.T) {
	sets := []struct {
		name string
		cfgs []synth.GroupsConfig
	}{
		{"generator", []synth.GroupsConfig{{Seed: 1001}, {Seed: 1002}, {Seed: 1003}, {Seed: 1004}}},
		{"variant 1", []synth.GroupsConfig{{Seed: 2001, Variant: 1}, {Seed: 2002, Variant: 1}, {Seed: 2003, Variant: 1}, {Seed: 2004, Variant: 1}}},
		{"generator, fresh seeds", []synth.GroupsConfig{{Seed: 3001}, {Seed: 3002}, {Seed: 3003}, {Seed: 3004}}},
		{"variant 1, fresh seeds", []synth.GroupsConfig{{Seed: 4001, Variant: 1}, {Seed: 4002, Variant: 1}, {Seed: 4003, Variant: 1}, {Seed: 4004, Variant: 1}}},
	}
	for _, set := range sets {
		var r, m float64
		for _, cfg := range set.cfgs {
			rec, mix := recovery(t, cfg)
			r, m = r+rec/float64(len(set.cfgs)), m+mix/float64(len(set.cfgs))
			if rec < 0.75 || mix > 0.15 {
				t.Errorf("seed %d variant %d: recovered %.3f, mixed %.3f: the algorithm collapsed", cfg.Seed, cfg.Variant, rec, mix)
			}
		}
		t.Logf("holdout, %s: recovered %.1f %%, mixed %.1f %% (mean of %d seeds)", set.name, 100*r, 100*m, len(set.cfgs))
	}
}

// recovery returns the share of planted groups recovered as one community
// and the share of communities mixing two groups.
func recovery(t *testing.T, cfg synth.GroupsConfig) (rec, mix float64) {
	t.Helper()
	return recoveryBy(t, cfg, cases.Communities)
}

// recoveryBy is recovery with the communities found by communities.
func recoveryBy(t *testing.T, cfg synth.GroupsConfig, communities func([]kuzet.GraphEdge, []*kuzet.CaseReport, int) []*cases.Group) (rec, mix float64) {
	t.Helper()
	reports := synth.Groups(cfg)
	edges, links := graphOf(reports)
	groups := communities(edges, links, cases.DefaultHubDegree)
	planted := map[string]int{}
	size := map[int]int{}
	for _, r := range reports {
		planted[r.ID] = r.Group
		if r.Group >= 0 {
			size[r.Group]++
		}
	}
	best := map[int]int{}
	mixed := 0
	for _, g := range groups {
		in := map[int]int{}
		for _, id := range g.Reports {
			if p := planted[id]; p >= 0 {
				in[p]++
			}
		}
		big := 0
		for p, n := range in {
			best[p] = max(best[p], n)
			if n >= 2 {
				big++
			}
		}
		if big >= 2 {
			mixed++
		}
	}
	recovered := 0
	for p, n := range size {
		if float64(best[p]) >= 0.9*float64(n) {
			recovered++
		}
	}
	rec = float64(recovered) / float64(len(size))
	mix = float64(mixed) / float64(max(1, len(groups)))
	t.Logf("seed %d variant %d: %d reports, %d planted groups, %d communities; recovered %.1f %%, mixed %.1f %%",
		cfg.Seed, cfg.Variant, len(reports), len(size), len(groups), 100*rec, 100*mix)
	return rec, mix
}
