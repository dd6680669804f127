package synth

import (
	"cmp"
	"fmt"
	"math/rand/v2"

	"github.com/kuzet/kuzet"
)

// GroupReport is a victim's report the organised-groups generator makes:
// the group that defrauded the victim (its label) and what the victim
// could name.
type GroupReport struct {
	ID         string
	Group      int // the planted group; -1 for a lone fraudster
	Indicators []kuzet.Indicator
	AmountLost kuzet.Amount
	Region     string
}

// GroupsConfig shapes the generator.
type GroupsConfig struct {
	Groups   int     // organised groups [60]
	Victims  int     // victims per group, on average [25]
	Lone     int     // reports of lone fraudsters, sharing nothing but hubs [300]
	Hubs     int     // popular identifiers: banks' hotlines, marketplaces' domains [8]
	HubShare float64 // share of reports that also name a hub [0.3]
	Reuse    float64 // chance a group borrows one mule from another group [0.05]
	Seed     uint64

	// Variant 1 makes other assumptions, for a holdout never tuned on:
	// groups rent SIM-box farms in pairs (a sixth of each pair's victims
	// name the shared farm's handset), rotate numbers every two victims,
	// and a victim pays one mule only; defaults become 80 groups of 15
	// victims on average, 10 % borrowing, 20 hubs named by 40 %.
	Variant int
}

// Groups generates victims' reports of organised groups that share
// identifiers the way real ones do: each group works a pool of mule
// accounts (a victim pays one or two), rotates its calling numbers (each
// used for a few victims), calls from SIM boxes whose IMEIs recur, and
// runs a phishing domain or two; now and then a mule account is borrowed
// from another group, and many victims also name a hub — the real bank
// hotline the fraudster pretended to be, the marketplace where it began.
func Groups(cfg GroupsConfig) []GroupReport {
	if cfg.Variant == 1 {
		cfg.Groups = cmp.Or(cfg.Groups, 80)
		cfg.Victims = cmp.Or(cfg.Victims, 15)
		cfg.Hubs = cmp.Or(cfg.Hubs, 20)
		cfg.HubShare = cmp.Or(cfg.HubShare, 0.4)
		cfg.Reuse = cmp.Or(cfg.Reuse, 0.10)
	}
	if cfg.Groups == 0 {
		cfg.Groups = 60
	}
	if cfg.Victims == 0 {
		cfg.Victims = 25
	}
	if cfg.Lone == 0 {
		cfg.Lone = 300
	}
	if cfg.Hubs == 0 {
		cfg.Hubs = 8
	}
	if cfg.HubShare == 0 {
		cfg.HubShare = 0.3
	}
	if cfg.Reuse == 0 {
		cfg.Reuse = 0.05
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x6b757a6574))
	regions := []string{"Almaty", "Astana", "Shymkent", "Karaganda", "Aktobe"}
	phone := func(g, i int) kuzet.Indicator {
		return kuzet.Indicator{Kind: kuzet.KindPhone, Value: fmt.Sprintf("+7700%03d%04d", g%1000, i)}
	}
	iban := func(g, i int) kuzet.Indicator {
		return kuzet.Indicator{Kind: kuzet.KindIBAN, Value: fmt.Sprintf("KZ%02d722%05d%08d", g%100, g, i)}
	}
	imei := func(g, i int) kuzet.Indicator {
		return kuzet.Indicator{Kind: kuzet.KindIMEI, Value: fmt.Sprintf("35%06d%07d", g, i)}
	}
	domain := func(g, i int) kuzet.Indicator {
		return kuzet.Indicator{Kind: kuzet.KindDomain, Value: fmt.Sprintf("kaspi-secure-%d-%d.kz", g, i)}
	}
	hub := func(i int) kuzet.Indicator {
		if i%2 == 0 {
			return kuzet.Indicator{Kind: kuzet.KindPhone, Value: fmt.Sprintf("+7727%07d", 2440000+i)}
		}
		return kuzet.Indicator{Kind: kuzet.KindDomain, Value: fmt.Sprintf("marketplace%d.kz", i)}
	}
	var out []GroupReport
	n := 0
	for g := 0; g < cfg.Groups; g++ {
		victims := cfg.Victims/2 + rng.IntN(cfg.Victims+1)
		mules, devices, domains := 2+rng.IntN(4), 1+rng.IntN(3), 1+rng.IntN(2)
		for v := 0; v < victims; v++ {
			r := GroupReport{ID: fmt.Sprintf("rep_g%03dv%03d", g, v), Group: g,
				AmountLost: kuzet.Amount(50_000 + rng.IntN(2_000_000)), Region: regions[rng.IntN(len(regions))]}
			// A rotated calling number serves about four victims (two in
			// variant 1).
			rotate := 4
			if cfg.Variant == 1 {
				rotate = 2
			}
			r.Indicators = append(r.Indicators, phone(g, v/rotate+rng.IntN(2)))
			r.Indicators = append(r.Indicators, iban(g, rng.IntN(mules)))
			if cfg.Variant == 1 && rng.Float64() < 1.0/6 {
				r.Indicators = append(r.Indicators, imei(1000+g/2, 0)) // the pair's rented farm
			}
			if cfg.Variant != 1 && rng.Float64() < 0.4 {
				r.Indicators = append(r.Indicators, iban(g, rng.IntN(mules)))
			}
			if rng.Float64() < 0.5 {
				r.Indicators = append(r.Indicators, imei(g, rng.IntN(devices)))
			}
			if rng.Float64() < 0.3 {
				r.Indicators = append(r.Indicators, domain(g, rng.IntN(domains)))
			}
			if rng.Float64() < cfg.Reuse {
				other := rng.IntN(cfg.Groups)
				r.Indicators = append(r.Indicators, iban(other, rng.IntN(2)))
			}
			if rng.Float64() < cfg.HubShare {
				r.Indicators = append(r.Indicators, hub(rng.IntN(cfg.Hubs)))
			}
			out = append(out, r)
			n++
		}
	}
	for l := 0; l < cfg.Lone; l++ {
		r := GroupReport{ID: fmt.Sprintf("rep_lone%04d", l), Group: -1, AmountLost: kuzet.Amount(10_000 + rng.IntN(500_000)),
			Region: regions[rng.IntN(len(regions))]}
		r.Indicators = append(r.Indicators, phone(900+l/1000, l%1000+5000), iban(900+l/1000, l%1000+5000))
		if rng.Float64() < cfg.HubShare*2 {
			r.Indicators = append(r.Indicators, hub(rng.IntN(cfg.Hubs)))
		}
		out = append(out, r)
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}
