package synth

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/kuzet/kuzet"
)

// LinkGraphConfig sizes a link graph for the cases benchmarks.
type LinkGraphConfig struct {
	Nodes int // [1,000,000]
	Edges int // [5,000,000]
	Seed  uint64
}

// LinkGraphInfo describes a generated link graph.
type LinkGraphInfo struct {
	Nodes, Edges int
	Hubs         []string // the popular identifiers
	Seeds        []string // nodes of every type to start neighbourhoods from, hubs among them
}

// Shape of one group of the link graph: 39 reports, one case and ten
// identifiers (three rotated numbers, four mule accounts, two SIM-box
// handsets and a phishing domain).
const (
	lgReports = 39
	lgPhones  = 3
	lgIBANs   = 4
	lgIMEIs   = 2
	lgIdents  = lgPhones + lgIBANs + lgIMEIs + 1
	lgNodes   = lgReports + 1 + lgIdents
	lgHubs    = 8
)

// LinkGraph generates a link graph the size of a national deployment after
// some years — by default a million nodes and five million edges — shaped
// like the cases service's: groups of reports naming their group's
// identifiers and filed into its case, some reports paying a mule of
// another group, some naming one of eight hubs (a bank's hotline, a
// marketplace). Every edge is passed to fn once; the values are valid as
// their kinds are parsed (IBAN check digits, Luhn IMEIs).
func LinkGraph(cfg LinkGraphConfig, fn func(kuzet.GraphEdge)) LinkGraphInfo {
	if cfg.Nodes <= 0 {
		cfg.Nodes = 1_000_000
	}
	if cfg.Edges <= 0 {
		cfg.Edges = 5_000_000
	}
	groups := max(1, cfg.Nodes/lgNodes)
	// Each report has its case edge and perReport identifier edges on
	// average, so that the total comes to cfg.Edges.
	perReport := float64(cfg.Edges)/float64(groups*lgReports) - 1
	perReport = min(max(perReport, 1), lgIdents)
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x6c696e6b))
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ident := func(g, i int) string {
		switch {
		case i < lgPhones:
			return fmt.Sprintf("phone:+7700%07d", g*lgPhones+i)
		case i < lgPhones+lgIBANs:
			return "iban:" + KZIBAN("722", fmt.Sprintf("%013d", g*lgIBANs+i-lgPhones))
		case i < lgPhones+lgIBANs+lgIMEIs:
			body := fmt.Sprintf("35%012d", g*lgIMEIs+i-lgPhones-lgIBANs)
			return "imei:" + body + string(luhnDigit(body))
		default:
			return fmt.Sprintf("domain:kaspi-secure-%07d.kz", g)
		}
	}
	var info LinkGraphInfo
	for h := range lgHubs {
		if h%2 == 0 {
			info.Hubs = append(info.Hubs, fmt.Sprintf("phone:+7727%07d", 2440000+h))
		} else {
			info.Hubs = append(info.Hubs, fmt.Sprintf("domain:marketplace%d.kz", h))
		}
	}
	info.Nodes = groups*(lgNodes-lgIdents) + lgHubs
	usedIdent := make([]bool, groups*lgIdents)
	emit := func(e kuzet.GraphEdge) {
		info.Edges++
		fn(e)
	}
	pick := make([]int, lgIdents)
	for g := range groups {
		caseNode := fmt.Sprintf("case:case_%07d", g)
		for r := range lgReports {
			report := fmt.Sprintf("report:rep_%07d_%02d", g, r)
			emit(kuzet.GraphEdge{A: report, B: caseNode, Kind: "in_case", At: at})
			k := int(perReport)
			if rng.Float64() < perReport-float64(k) {
				k++
			}
			for i := range pick {
				pick[i] = i
			}
			rng.Shuffle(len(pick), func(i, j int) { pick[i], pick[j] = pick[j], pick[i] })
			last := ""
			for _, i := range pick[:k] {
				b, og, kind := "", g, "named"
				switch x := rng.Float64(); {
				case x < 0.05: // a hub named besides
					b = info.Hubs[rng.IntN(lgHubs)]
				case x < 0.08: // a mule borrowed from another group
					og = rng.IntN(groups)
					i = lgPhones + rng.IntN(lgIBANs)
				}
				if b == "" {
					b = ident(og, i)
					usedIdent[og*lgIdents+i] = true
					if i >= lgPhones && i < lgPhones+lgIBANs {
						kind = "paid_to"
					}
				}
				emit(kuzet.GraphEdge{A: report, B: b, Kind: kind, At: at})
				last = b
			}
			if len(info.Seeds) < 60 && last != "" && rng.IntN(groups*lgReports/32+1) == 0 {
				info.Seeds = append(info.Seeds, report, last, caseNode)
			}
		}
	}
	for _, u := range usedIdent {
		if u {
			info.Nodes++
		}
	}
	info.Seeds = append(info.Seeds, info.Hubs[0], info.Hubs[1])
	return info
}
