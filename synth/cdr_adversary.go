package synth

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"
)

// This file is a second CDR generator, written to test SIM-box detection
// against an adversary rather than against the first generator's own
// picture of the world (cdr.go). It was written before the detector was
// tuned against it, and it assumes differently on purpose:
//
//   - A country with regions and location areas: people live, work and
//     mostly call within their region; cells are written as CGIs
//     (MCC-MNC-LAC-CI).
//   - Households, travellers, people who stay at home, people who change
//     handsets, families that share one dual-SIM phone, corporate and M2M
//     SIMs bought in batches of consecutive numbers.
//   - Boxes that know the detector's textbook: they spoof handset IMEIs,
//     arrange call-backs (15 to 40% of their calls by default) from a small
//     pool of confederates who also text them, use data, keep office hours
//     with weekends off, rotate SIMs through their modules, move SIMs
//     between gateway sites, or spread their traffic thin over many SIMs.
//   - Honest look-alikes: bank call centres (corporate SIMs of one batch
//     and one phone model, customers all over the country, some phones
//     left in the office), debt collectors (who call the same people
//     again), taxi firms (dispatchers round the clock, drivers on the
//     move), logistics dispatch centres, M2M fleets (meters, alarm panels,
//     trackers: modem TACs, consecutive numbers, never moving), sales reps.
//   - Rows of a day in time order, timestamps in UTC, column order and
//     extra columns unlike the canonical header.

// AdversaryConfig describes an adversarial extract (WriteAdversaryCDR).
type AdversaryConfig struct {
	Subscribers int       // served SIMs, box SIMs included (default 5,000)
	Days        int       // days of traffic (default 7)
	Seed        uint64    // the same seed writes the same extract
	Start       time.Time // the first day's local midnight (default Monday 2026-11-02, +05:00)
	BoxShare    float64   // share of SIMs in boxes (default 0.02; negative for none)
	// Callbacks is the range of arranged call-backs, as a share of a box's
	// outgoing calls, each box drawing its own (default 0.15 to 0.40).
	Callbacks [2]float64
	// BoxStyles limits the box styles (AdversaryBoxStyles); empty means all.
	BoxStyles []string
}

// The adversary's box styles, as CDRLabel.Style names them.
const (
	// AdvMimic is a box of modules with spoofed handset IMEIs that keeps
	// office hours and weekends off, arranges call-backs and SMS from
	// confederates, uses data, and replaces its SIMs every few days.
	AdvMimic = "mimic"
	// AdvBypass terminates international calls as local ones: mostly the
	// same families called again and again, through whichever SIM is free,
	// round the clock, with conversations of human length.
	AdvBypass = "bypass"
	// AdvSIMServer keeps its SIMs in a central bank and maps them to
	// gateways at several sites, moving them every hour or two.
	AdvSIMServer = "simserver"
	// AdvTrickle spreads its traffic thin: many SIMs at one site, each
	// making a few calls a day.
	AdvTrickle = "trickle"
)

// AdversaryBoxStyles lists the adversary's box styles.
var AdversaryBoxStyles = []string{AdvMimic, AdvBypass, AdvSIMServer, AdvTrickle}

// The adversary's honest subscribers, as CDRLabel.Style names them.
const (
	AdvPerson      = "person"
	AdvHeavy       = "heavy"
	AdvLight       = "light"
	AdvHomebound   = "homebound"   // never leaves home
	AdvNewSub      = "new_sub"     // joins during the extract, in a new phone
	AdvFamilyPhone = "family"      // one of two or three SIMs in one family phone
	AdvSales       = "sales"       // a sales rep: many customers, on the road
	AdvAgent       = "agent"       // a bank's call-centre agent
	AdvCollector   = "collector"   // a debt collector: calls the same debtors again
	AdvDispatcher  = "dispatcher"  // a taxi firm's or a logistics centre's dispatcher
	AdvDriver      = "driver"      // a taxi driver
	AdvM2M         = "m2m"         // a meter, an alarm panel or a tracker
	AdvConfederate = "confederate" // calls and texts a box's SIMs on its behalf
)

// advKind is what a subscriber of the adversarial extract is.
type advKind uint8

const (
	advKPerson advKind = iota
	advKHeavy
	advKLight
	advKHomebound
	advKNew
	advKFamily
	advKSales
	advKAgent
	advKCollector
	advKDispatcher
	advKDriver
	advKM2M
	advKConfederate
	advKBox
)

var advKindNames = [...]string{AdvPerson, AdvHeavy, AdvLight, AdvHomebound, AdvNewSub, AdvFamilyPhone, AdvSales,
	AdvAgent, AdvCollector, AdvDispatcher, AdvDriver, AdvM2M, AdvConfederate, ""}

// Regions: weights after the population of Kazakhstan's regions.
var advRegionWeights = []float64{11, 7, 6, 8, 11, 6, 4, 5, 4, 4, 3.5, 4.5, 2.8, 4, 4, 7, 7, 3, 3.5, 1}

// advCell is one cell of the adversarial network.
type advCell struct {
	name   string
	region int
	lac    int
}

// advSub is one served SIM.
type advSub struct {
	msisdn   uint64
	imsi     uint64
	kind     advKind
	region   int
	home     int32
	work     int32 // -1 for none
	imei     uint64
	imei2    uint64 // a new handset from imeiDay on
	imeiDay  int
	from, to int // days with traffic: [from, to)
	rateOut  float64
	rateSMS  float64
	rateData float64
	chrono   int // hours the person's day is shifted by
	contacts []int32
	offnet   []uint64
	travel   int // a day away in another region, -1 for none
	away     int32
	group    int   // index of its box, centre, firm or fleet
	slot     int   // index within the group
	carry    bool  // an agent takes the phone home
	shift    uint8 // a dispatcher's shift: 0 day, 1 night
}

// advBox is one adversarial SIM box.
type advBox struct {
	id        string
	style     string
	sites     []int32  // cells
	modules   []uint64 // module IMEIs
	sims      []int32
	imeiOwn   bool    // each SIM shows its own spoofed IMEI, wherever it sits
	rate      float64 // victim calls a SIM a day
	callbacks float64 // arranged call-backs per outgoing call
	confed    []uint64
	confedSub []int32 // the on-net confederates, or -1
	hours     [2]int
	weekends  bool // works at weekends
	answers   bool // picks up victims' call-backs
	sms, data float64
	families  []uint64 // bypass: the numbers its clients abroad call at home
	familySub []int32  // the on-net ones' subscribers, or -1
}

// advCentre is a bank's call centre, a debt collector or a dispatch office.
type advCentre struct {
	kind      advKind
	cells     []int32
	tac       uint64 // corporate handsets; 0: the staff's own
	pool      []uint64
	poolSub   []int32 // on-net customers, or -1
	staff     []int32
	saturdays bool
	drivers   []int32 // a taxi firm's on-net drivers
}

// advFleet is a batch of M2M SIMs.
type advFleet struct {
	kind   int // 0 meters, 1 alarm panels, 2 trackers
	centre []uint64
}

type advGen struct {
	cfg      AdversaryConfig
	cells    []advCell
	byRegion [][]int32 // cells of each region
	people   [][]int32 // subscribers who answer calls like people, by region
	allPpl   []int32
	subs     []advSub
	boxes    []*advBox
	centres  []*advCentre
	fleets   []*advFleet
	families [][]int32 // the SIMs of each family phone
	taken    map[uint64]bool
	start    int64 // Unix seconds of the first local midnight
	ev       []cdrEvent
	w        *bufio.Writer
	line     []byte
}

// WriteAdversaryCDR writes a labelled adversarial CDR extract to w (CSV,
// canonical column names in another order, with extra columns) and returns
// the labels of every served SIM. See the top of this file for what it
// assumes. A day of rows is held in memory to be written in time order.
func WriteAdversaryCDR(w io.Writer, cfg AdversaryConfig) ([]CDRLabel, error) {
	if cfg.Subscribers <= 0 {
		cfg.Subscribers = 5000
	}
	if cfg.Days <= 0 {
		cfg.Days = 7
	}
	if cfg.Start.IsZero() {
		cfg.Start = time.Date(2026, 11, 2, 0, 0, 0, 0, time.FixedZone("+05", 5*3600))
	}
	if cfg.BoxShare == 0 {
		cfg.BoxShare = 0.02
	}
	if cfg.Callbacks == [2]float64{} {
		cfg.Callbacks = [2]float64{0.15, 0.40}
	}
	if cfg.Callbacks[0] < 0 || cfg.Callbacks[1] < cfg.Callbacks[0] || cfg.Callbacks[1] > 2 {
		return nil, fmt.Errorf("synth: call-back range %v: want 0 ≤ low ≤ high ≤ 2", cfg.Callbacks)
	}
	if len(cfg.BoxStyles) == 0 {
		cfg.BoxStyles = AdversaryBoxStyles
	}
	for _, s := range cfg.BoxStyles {
		if !slices.Contains(AdversaryBoxStyles, s) {
			return nil, fmt.Errorf("synth: unknown adversary box style %q", s)
		}
	}
	g := &advGen{cfg: cfg, taken: map[uint64]bool{}, w: bufio.NewWriterSize(w, 256<<10), start: cfg.Start.Unix()}
	g.build()
	if _, err := g.w.WriteString("start_time,record_type,msisdn,other_party,duration_s,imei,cell_id,imsi,call_ref,charge\n"); err != nil {
		return nil, err
	}
	for d := 0; d < cfg.Days; d++ {
		for i := range g.subs {
			g.day(int32(i), d)
		}
		if err := g.flush(d); err != nil {
			return nil, err
		}
	}
	if err := g.w.Flush(); err != nil {
		return nil, err
	}
	return g.labels(), nil
}

func (g *advGen) rng(a, b uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.cfg.Seed^0x616476657273, a<<24^b))
}

// build makes the network, the subscribers and their groups.
func (g *advGen) build() {
	r := g.rng(1, 0)
	n := g.cfg.Subscribers
	g.buildCells(r, max(200, n/30))
	g.subs = make([]advSub, n)
	free := r.Perm(n)
	next := 0
	take := func(k advKind) int32 {
		if next >= n {
			return -1
		}
		i := int32(free[next])
		next++
		g.subs[i].kind = k
		return i
	}
	// Box SIMs, a share of all, in boxes of the chosen styles.
	boxSIMs := int(math.Round(g.cfg.BoxShare * float64(n)))
	if g.cfg.BoxShare < 0 {
		boxSIMs = 0
	}
	styles := slices.Clone(g.cfg.BoxStyles)
	r.Shuffle(len(styles), func(i, j int) { styles[i], styles[j] = styles[j], styles[i] })
	per := max(6, boxSIMs/len(styles))
	for b, left := 0, boxSIMs; left >= 6; b++ {
		size := min(left, per)
		g.makeBox(r, styles[b%len(styles)], size, take)
		left -= size
	}
	// The honest groups.
	for left := n / 100; left >= 8 && next < n; {
		size := min(left, 10+r.IntN(31))
		k := advKAgent
		if len(g.centres)%3 == 1 {
			k = advKCollector
		}
		g.makeCentre(r, k, size, take)
		left -= size
	}
	for left := n / 150; left >= 6 && next < n; {
		size := min(left, 6+r.IntN(20))
		g.makeTaxiFirm(r, size, take)
		left -= size
	}
	for left := n / 400; left >= 3 && next < n; {
		size := min(left, 3+r.IntN(4))
		g.makeCentre(r, advKDispatcher, size, take)
		left -= size
	}
	for left := n / 40; left >= 10 && next < n; {
		size := min(left, 10+r.IntN(90))
		g.makeFleet(r, size, take)
		left -= size
	}
	for left := n / 50; left >= 2 && next < n; {
		size := min(left, 2+r.IntN(2))
		imei := cdrIMEIBody(r, cdrPhoneTACs[r.IntN(len(cdrPhoneTACs))])
		var fam []int32
		for k := 0; k < size; k++ {
			i := take(advKFamily)
			if i < 0 {
				break
			}
			s := &g.subs[i]
			s.imei, s.group = imei, len(g.families)
			if k == 0 {
				g.placePerson(r, i)
			} else {
				first := &g.subs[fam[0]]
				s.region, s.home, s.work = first.region, first.home, first.work
			}
			fam = append(fam, i)
		}
		g.families = append(g.families, fam)
		left -= size
	}
	kinds := []struct {
		k     advKind
		share float64
	}{{advKHeavy, 0.04}, {advKLight, 0.15}, {advKHomebound, 0.05}, {advKNew, 0.03}, {advKSales, 0.01}}
	for _, kd := range kinds {
		for c := int(kd.share * float64(n)); c > 0 && next < n; c-- {
			take(kd.k)
		}
	}
	for next < n {
		take(advKPerson)
	}
	g.number(r)
	for i := range g.subs {
		g.makeSub(r, int32(i))
	}
	for _, b := range g.boxes {
		for _, i := range b.sims {
			g.boxSub(r, i)
		}
	}
	g.byRegionPeople()
	g.connect(r)
	for _, b := range g.boxes {
		g.recruit(r, b)
	}
	for _, c := range g.centres {
		g.customers(r, c)
	}
}

// buildCells spreads the cells over the regions, 25 cells a location area.
func (g *advGen) buildCells(r *rand.Rand, nCells int) {
	total := 0.0
	for _, w := range advRegionWeights {
		total += w
	}
	g.byRegion = make([][]int32, len(advRegionWeights))
	for reg, w := range advRegionWeights {
		k := max(6, int(math.Round(w/total*float64(nCells))))
		for c := 0; c < k; c++ {
			lac := 10000 + reg*40 + c/25
			g.byRegion[reg] = append(g.byRegion[reg], int32(len(g.cells)))
			g.cells = append(g.cells, advCell{
				name: fmt.Sprintf("401-02-%d-%d", lac, 1000+r.IntN(60000)), region: reg, lac: lac,
			})
		}
	}
}

func (g *advGen) randomRegion(r *rand.Rand) int {
	total := 0.0
	for _, w := range advRegionWeights {
		total += w
	}
	u := r.Float64() * total
	for reg, w := range advRegionWeights {
		if u < w {
			return reg
		}
		u -= w
	}
	return len(advRegionWeights) - 1
}

// cityCell is a cell in a region's main town: its first location area.
func (g *advGen) cityCell(r *rand.Rand, reg int) int32 {
	cs := g.byRegion[reg]
	return cs[r.IntN(min(len(cs), 25))]
}

func (g *advGen) placePerson(r *rand.Rand, i int32) {
	s := &g.subs[i]
	s.region = g.randomRegion(r)
	cs := g.byRegion[s.region]
	s.home = cs[r.IntN(len(cs))]
	s.work = -1
	if r.Float64() < 0.6 {
		s.work = g.cityCell(r, s.region)
	}
}

// makeBox builds one box of size SIMs.
func (g *advGen) makeBox(r *rand.Rand, style string, size int, take func(advKind) int32) {
	b := &advBox{style: style, id: fmt.Sprintf("adv-%02d", len(g.boxes)+1)}
	reg := g.randomRegion(r)
	site := g.cityCell(r, reg)
	b.sites = []int32{site}
	lo, hi := g.cfg.Callbacks[0], g.cfg.Callbacks[1]
	phoneIMEI := func() uint64 { return cdrIMEIBody(r, cdrPhoneTACs[r.IntN(len(cdrPhoneTACs))]) }
	var modules int
	switch style {
	case AdvMimic:
		modules = max(2, size/(2+r.IntN(2)))
		b.rate = 20 + r.Float64()*25
		b.callbacks = lo + r.Float64()*(hi-lo)
		b.hours = [2]int{9, 18}
		b.weekends = r.IntN(5) == 0
		b.answers = r.IntN(2) == 0
		b.imeiOwn = r.IntN(2) == 0
		b.sms, b.data = 1+r.Float64()*3, 3+r.Float64()*9
		for m := 0; m < modules; m++ {
			b.modules = append(b.modules, phoneIMEI())
		}
	case AdvBypass:
		modules = max(2, size*4/5)
		b.rate = 40 + r.Float64()*60
		if r.IntN(3) == 0 {
			b.callbacks = lo + r.Float64()*(hi-lo)
		}
		b.hours = [2]int{0, 24}
		b.weekends = true
		if r.IntN(2) == 0 {
			b.data = 1 + r.Float64()*4
		}
		tac := cdrModemTACs[r.IntN(len(cdrModemTACs))]
		for m := 0; m < modules; m++ {
			if b.data > 0 {
				b.modules = append(b.modules, phoneIMEI())
			} else {
				b.modules = append(b.modules, cdrIMEIBody(r, tac))
			}
		}
	case AdvSIMServer:
		modules = max(2, size/2)
		b.rate = 15 + r.Float64()*20
		b.callbacks = lo + r.Float64()*(hi-lo)
		b.hours = [2]int{8, 20}
		b.weekends = r.IntN(2) == 0
		b.answers = r.IntN(3) == 0
		b.imeiOwn = r.IntN(2) == 0
		b.sms, b.data = 0.5+r.Float64()*2, 2+r.Float64()*6
		b.sites = nil
		for k := 3 + r.IntN(3); k > 0; k-- {
			b.sites = append(b.sites, g.cityCell(r, reg))
		}
		for m := 0; m < modules; m++ {
			b.modules = append(b.modules, phoneIMEI())
		}
	case AdvTrickle:
		modules = size
		b.rate = 2 + r.Float64()*4
		b.callbacks = lo + r.Float64()*(hi-lo)
		b.hours = [2]int{9, 19}
		b.weekends = r.IntN(3) == 0
		b.imeiOwn = true
		b.sms, b.data = r.Float64(), r.Float64()*3
		cs := g.byRegion[reg]
		if x := slices.Index(cs, site); x >= 0 && x+1 < len(cs) && r.IntN(2) == 0 {
			b.sites = append(b.sites, cs[x+1])
		}
		for m := 0; m < modules; m++ {
			b.modules = append(b.modules, phoneIMEI())
		}
	}
	for k := 0; k < size; k++ {
		i := take(advKBox)
		if i < 0 {
			break
		}
		s := &g.subs[i]
		s.group, s.slot = len(g.boxes), k
		s.region, s.home, s.work = reg, b.sites[k%len(b.sites)], -1
		b.sims = append(b.sims, i)
	}
	// Arranged call-backs come from a small pool of confederates; some are
	// the operator's own SIMs, in ordinary phones.
	if b.callbacks > 0 || b.sms > 0 {
		for k := 4 + r.IntN(14); k > 0; k-- {
			if r.IntN(10) < 3 {
				if i := take(advKConfederate); i >= 0 {
					g.subs[i].group = len(g.boxes)
					b.confedSub = append(b.confedSub, i)
					b.confed = append(b.confed, 0) // numbered later
					continue
				}
			}
			b.confedSub = append(b.confedSub, -1)
			b.confed = append(b.confed, advOffnet(r))
		}
	}
	g.boxes = append(g.boxes, b)
}

func (g *advGen) makeCentre(r *rand.Rand, k advKind, size int, take func(advKind) int32) {
	c := &advCentre{kind: k}
	reg := g.randomRegion(r)
	site := g.cityCell(r, reg)
	c.cells = []int32{site}
	cs := g.byRegion[reg]
	if x := slices.Index(cs, site); x >= 0 && x+1 < len(cs) {
		c.cells = append(c.cells, cs[x+1])
	}
	if r.IntN(2) == 0 {
		c.tac = cdrPhoneTACs[r.IntN(len(cdrPhoneTACs))]
	}
	c.saturdays = k != advKDispatcher && r.IntN(3) == 0
	for j := 0; j < size; j++ {
		i := take(k)
		if i < 0 {
			break
		}
		s := &g.subs[i]
		s.group, s.slot = len(g.centres), j
		s.region, s.work = reg, c.cells[j%len(c.cells)]
		s.carry = r.Float64() < 0.7
		s.shift = uint8(j % 2)
		c.staff = append(c.staff, i)
	}
	g.centres = append(g.centres, c)
}

// makeTaxiFirm is a dispatch office of two to four and its drivers.
func (g *advGen) makeTaxiFirm(r *rand.Rand, size int, take func(advKind) int32) {
	disp := 2 + r.IntN(3)
	g.makeCentre(r, advKDispatcher, disp, take)
	c := g.centres[len(g.centres)-1]
	for j := disp; j < size; j++ {
		i := take(advKDriver)
		if i < 0 {
			break
		}
		s := &g.subs[i]
		s.group, s.region = len(g.centres)-1, g.cells[c.cells[0]].region
		c.drivers = append(c.drivers, i)
	}
}

func (g *advGen) makeFleet(r *rand.Rand, size int, take func(advKind) int32) {
	f := &advFleet{kind: r.IntN(3)}
	for k := 1 + r.IntN(3); k > 0; k-- {
		f.centre = append(f.centre, advOffnet(r))
	}
	tac := cdrModemTACs[r.IntN(len(cdrModemTACs))]
	reg := g.randomRegion(r)
	building := g.cityCell(r, reg)
	for j := 0; j < size; j++ {
		i := take(advKM2M)
		if i < 0 {
			break
		}
		s := &g.subs[i]
		s.group, s.slot, s.region = len(g.fleets), j, reg
		s.imei = cdrIMEIBody(r, tac)
		s.home, s.work = building, -1
		if f.kind != 0 {
			s.home = g.byRegion[reg][r.IntN(len(g.byRegion[reg]))]
		}
	}
	g.fleets = append(g.fleets, f)
}

// number gives every SIM its number: corporate, M2M and some box SIMs come
// in runs of consecutive numbers, as bought in one batch.
func (g *advGen) number(r *rand.Rand) {
	block := func(k int) uint64 {
		for {
			p := cdrOwnPrefixes[r.IntN(len(cdrOwnPrefixes))]
			base := 70_000_000_000 + (p%1000)*10_000_000 + uint64(r.IntN(10_000_000-k))
			ok := true
			for x := 0; x < k; x++ {
				if g.taken[base+uint64(x)] {
					ok = false
					break
				}
			}
			if ok {
				for x := 0; x < k; x++ {
					g.taken[base+uint64(x)] = true
				}
				return base
			}
		}
	}
	batched := func(list []int32, runs int) {
		for lo := 0; lo < len(list); lo += runs {
			hi := min(len(list), lo+runs)
			base := block(hi - lo)
			for x, i := range list[lo:hi] {
				g.subs[i].msisdn = base + uint64(x)
			}
		}
	}
	for _, b := range g.boxes {
		switch {
		case b.style == AdvTrickle && r.IntN(5) < 3:
			batched(b.sims, 10+r.IntN(11))
		case b.style == AdvMimic || b.style == AdvSIMServer:
			if r.IntN(2) == 0 {
				batched(b.sims, 5+r.IntN(6))
			}
		}
	}
	for _, c := range g.centres {
		if c.tac != 0 {
			batched(c.staff, len(c.staff))
		}
	}
	groups := map[int][]int32{}
	for i := range g.subs {
		if g.subs[i].kind == advKM2M {
			groups[g.subs[i].group] = append(groups[g.subs[i].group], int32(i))
		}
	}
	for f := range g.fleets {
		batched(groups[f], len(groups[f]))
	}
	for i := range g.subs {
		if g.subs[i].msisdn == 0 {
			g.subs[i].msisdn = block(1)
		}
		g.subs[i].imsi = 401_02_0000000000 + uint64(r.IntN(1_000_000_000))
	}
	for _, b := range g.boxes {
		for k, i := range b.confedSub {
			if i >= 0 {
				b.confed[k] = g.subs[i].msisdn
			}
		}
	}
}

// makeSub gives subscriber i its place, handset and habits.
func (g *advGen) makeSub(r *rand.Rand, i int32) {
	s := &g.subs[i]
	logn := func(median, sigma float64) float64 { return median * math.Exp(sigma*r.NormFloat64()) }
	s.to = g.cfg.Days
	s.travel = -1
	s.chrono = r.IntN(4) - 1
	switch s.kind {
	case advKBox, advKFamily, advKM2M:
	case advKAgent, advKCollector, advKDispatcher:
		c := g.centres[s.group]
		cs := g.byRegion[s.region]
		s.home = cs[r.IntN(len(cs))]
		if c.tac != 0 {
			s.imei = cdrIMEIBody(r, c.tac)
		}
	case advKDriver:
		cs := g.byRegion[s.region]
		s.home = cs[r.IntN(len(cs))]
		s.work = -1
	default:
		g.placePerson(r, i)
	}
	if s.imei == 0 && s.kind != advKBox {
		s.imei = cdrIMEIBody(r, cdrPhoneTACs[r.IntN(len(cdrPhoneTACs))])
	}
	if s.kind != advKBox && s.kind != advKM2M && r.IntN(60) == 0 {
		s.imei2, s.imeiDay = cdrIMEIBody(r, cdrPhoneTACs[r.IntN(len(cdrPhoneTACs))]), 1+r.IntN(max(1, g.cfg.Days-1))
	}
	if r.Float64() < 0.9 {
		s.rateData = logn(12, 0.6)
	}
	s.rateSMS = logn(0.15, 1)
	offnet := 0
	switch s.kind {
	case advKPerson, advKFamily, advKConfederate:
		s.rateOut = logn(2, 0.8)
		offnet = 3 + r.IntN(20)
	case advKHeavy:
		s.rateOut = logn(14, 0.5)
		offnet = 30 + r.IntN(100)
	case advKLight:
		s.rateOut = logn(0.3, 0.7)
		offnet = 1 + r.IntN(5)
	case advKHomebound:
		s.rateOut = logn(1.5, 0.6)
		s.work = -1
		offnet = 2 + r.IntN(6)
		s.rateData *= 0.3
	case advKNew:
		s.rateOut = logn(4, 0.7)
		offnet = 3 + r.IntN(15)
		s.from = 1 + r.IntN(max(1, g.cfg.Days-1))
	case advKSales:
		s.rateOut = logn(25, 0.3)
		offnet = 40 + r.IntN(60)
	case advKAgent, advKCollector, advKDispatcher, advKDriver:
		s.rateOut = logn(1, 0.5)
		offnet = 2 + r.IntN(6)
	case advKM2M:
		s.rateOut, s.rateSMS, s.rateData = 0, 0, 0
	}
	if s.kind != advKBox && s.kind != advKM2M && r.IntN(40) == 0 {
		s.travel = r.IntN(g.cfg.Days)
		other := g.randomRegion(r)
		s.away = g.byRegion[other][r.IntN(len(g.byRegion[other]))]
	}
	for c := 0; c < offnet; c++ {
		s.offnet = append(s.offnet, advOffnet(r))
	}
}

// boxSub sets a box SIM's days and handset.
func (g *advGen) boxSub(r *rand.Rand, i int32) {
	s := &g.subs[i]
	b := g.boxes[s.group]
	days := g.cfg.Days
	s.from, s.to = 0, days
	switch b.style {
	case AdvMimic:
		// Each module holds a SIM for two to four days, then the next.
		mods := len(b.modules)
		gen := s.slot / mods
		tenure := 2 + int(cdrMix(uint64(s.group)<<8^uint64(s.slot%mods))%3)
		gens := (len(b.sims) + mods - 1) / mods
		s.from = gen * tenure
		s.to = s.from + tenure
		if gen == gens-1 {
			s.to = days
		}
		if s.from >= days {
			s.from, s.to = r.IntN(days), days
		}
	case AdvBypass:
		// Spare SIMs replace the ones the operator blocks.
		mods := len(b.modules)
		if s.slot >= mods {
			s.from = 1 + r.IntN(max(1, days-1))
			other := &g.subs[b.sims[s.slot-mods]]
			other.to = s.from
		}
	case AdvSIMServer, AdvTrickle:
		if r.IntN(6) == 0 {
			s.from = r.IntN(max(1, days/2))
		}
	}
	if b.imeiOwn {
		s.imei = cdrIMEIBody(r, cdrPhoneTACs[r.IntN(len(cdrPhoneTACs))])
	} else {
		s.imei = b.modules[s.slot%len(b.modules)]
	}
}

func (g *advGen) byRegionPeople() {
	g.people = make([][]int32, len(advRegionWeights))
	for i := range g.subs {
		switch g.subs[i].kind {
		case advKBox, advKM2M:
			continue
		}
		g.people[g.subs[i].region] = append(g.people[g.subs[i].region], int32(i))
		g.allPpl = append(g.allPpl, int32(i))
	}
}

// connect draws the contact graph: households, friends mostly in one's own
// region, colleagues.
func (g *advGen) connect(r *rand.Rand) {
	link := func(i, j int32) {
		if i != j && !slices.Contains(g.subs[i].contacts, j) {
			g.subs[i].contacts = append(g.subs[i].contacts, j)
			g.subs[j].contacts = append(g.subs[j].contacts, i)
		}
	}
	for _, i := range g.allPpl {
		s := &g.subs[i]
		want := 0
		switch s.kind {
		case advKPerson, advKNew, advKFamily, advKHomebound, advKConfederate:
			want = 2 + r.IntN(9)
		case advKHeavy, advKSales:
			want = 10 + r.IntN(25)
		default:
			want = 1 + r.IntN(4)
		}
		for c := 0; c < want; c++ {
			reg := s.region
			if r.Float64() < 0.15 {
				reg = g.randomRegion(r)
			}
			if ps := g.people[reg]; len(ps) > 0 {
				link(i, ps[r.IntN(len(ps))])
			}
		}
	}
	// A family phone's SIMs belong to one household.
	for _, fam := range g.families {
		for k := 1; k < len(fam); k++ {
			link(fam[k-1], fam[k])
		}
	}
	// Colleagues at a centre call each other now and then.
	for _, c := range g.centres {
		for k := 1; k < len(c.staff); k++ {
			if r.IntN(2) == 0 {
				link(c.staff[k], c.staff[r.IntN(k)])
			}
		}
		for _, d := range c.drivers {
			for _, s := range c.staff {
				link(d, s)
			}
		}
	}
}

// recruit gives the bypass boxes the families their clients call.
func (g *advGen) recruit(r *rand.Rand, b *advBox) {
	if b.style != AdvBypass {
		return
	}
	for k := len(b.sims) * 25; k > 0; k-- {
		if r.IntN(2) == 0 && len(g.allPpl) > 0 {
			j := g.allPpl[r.IntN(len(g.allPpl))]
			b.families = append(b.families, g.subs[j].msisdn)
			b.familySub = append(b.familySub, j)
		} else {
			b.families = append(b.families, advOffnet(r))
			b.familySub = append(b.familySub, -1)
		}
	}
}

// customers draws a centre's customers: the whole country for a bank or a
// collector, the town for a taxi firm, drivers on the road for logistics.
func (g *advGen) customers(r *rand.Rand, c *advCentre) {
	n := 200 * len(c.staff)
	if c.kind == advKAgent {
		return // a bank's customers are drawn as they are called
	}
	if c.kind == advKCollector {
		n = 25 * len(c.staff)
	}
	if c.kind == advKDispatcher && len(c.drivers) == 0 {
		n = 20 + r.IntN(40) // a logistics centre's drivers
	}
	reg := g.cells[c.cells[0]].region
	for k := 0; k < n; k++ {
		var ps []int32
		switch {
		case c.kind == advKDispatcher && len(c.drivers) > 0:
			ps = g.people[reg]
		default:
			ps = g.allPpl
		}
		if r.IntN(10) < 4 && len(ps) > 0 {
			j := ps[r.IntN(len(ps))]
			c.pool = append(c.pool, g.subs[j].msisdn)
			c.poolSub = append(c.poolSub, j)
		} else {
			c.pool = append(c.pool, advOffnet(r))
			c.poolSub = append(c.poolSub, -1)
		}
	}
}

// advOffnet is a number of another operator, a landline, or now and then
// a foreign number.
func advOffnet(r *rand.Rand) uint64 {
	switch r.IntN(40) {
	case 0:
		return 996_700_000_000 + uint64(r.IntN(99_999_999)) // Kyrgyzstan
	case 1, 2:
		return 7_727_000_0000 + uint64(r.IntN(9_999_999)) // an Almaty landline
	}
	p := cdrOtherPrefixes[r.IntN(len(cdrOtherPrefixes))]
	return p*10_000_000 + uint64(r.IntN(10_000_000))
}

// day writes subscriber i's traffic on day d.
func (g *advGen) day(i int32, d int) {
	s := &g.subs[i]
	if d < s.from || d >= s.to {
		return
	}
	r := g.rng(uint64(i)+2, uint64(d))
	switch s.kind {
	case advKBox:
		g.boxDay(r, i, d)
	case advKM2M:
		g.m2mDay(r, i, d)
	case advKAgent, advKCollector:
		g.agentDay(r, i, d)
		if s.carry {
			g.personDay(r, i, d)
		}
	case advKDispatcher:
		g.dispatcherDay(r, i, d)
		g.personDay(r, i, d)
	case advKDriver:
		g.driverDay(r, i, d)
		g.personDay(r, i, d)
	default:
		g.personDay(r, i, d)
	}
}

// local returns the day and local hour of instant t.
func (g *advGen) local(t int64) (d, h int) {
	x := t - g.start
	return int(x / 86400), int(x % 86400 / 3600)
}

func (g *advGen) weekday(d int) int {
	return (d + int(g.cfg.Start.Weekday()) + 6) % 7
}

// at is a moment in local hour h (which may pass midnight) of day d.
func (g *advGen) at(r *rand.Rand, d, h int) int64 {
	return g.start + int64(d)*86400 + int64(h)*3600 + int64(r.IntN(3600))
}

// advHours weighs the hours people call in: a late morning and an evening
// peak, a quiet afternoon dip.
var advHours = [24]float64{0.3, 0.1, 0.05, 0.03, 0.03, 0.05, 0.2, 0.7, 1.3, 1.8, 2.2, 2.1, 1.7, 1.5, 1.5, 1.6, 1.8, 2, 2.4, 2.6, 2.4, 1.8, 1.1, 0.6}

func (g *advGen) personTime(r *rand.Rand, s *advSub, d int) int64 {
	u := r.Float64() * 29.84 // sum(advHours)
	h := 0
	for ; h < 23 && u >= advHours[h]; h++ {
		u -= advHours[h]
	}
	return g.at(r, d, min(23, max(0, h+s.chrono)))
}

// cellAt is where subscriber s is at t.
func (g *advGen) cellAt(s *advSub, t int64) int32 {
	d, h := g.local(t)
	switch s.kind {
	case advKBox:
		b := g.boxes[s.group]
		if b.style == AdvSIMServer {
			// The SIM server maps each SIM to a gateway for an hour or two.
			slot := uint64(t / 5400)
			return b.sites[cdrMix(s.msisdn^slot*0x9e37)%uint64(len(b.sites))]
		}
		if len(b.sites) > 1 && cdrMix(s.msisdn^uint64(t/3600))%4 == 0 {
			return b.sites[1]
		}
		return s.home
	case advKM2M:
		if g.fleets[s.group].kind == 2 {
			return g.byRegion[s.region][cdrMix(s.msisdn^uint64(t/1200))%uint64(len(g.byRegion[s.region]))]
		}
		return s.home
	case advKDriver:
		cs := g.byRegion[s.region]
		return cs[cdrMix(s.msisdn^uint64(t/900))%uint64(min(len(cs), 25))]
	case advKSales:
		cs := g.byRegion[s.region]
		return cs[cdrMix(s.msisdn^uint64(t/2700))%uint64(len(cs))]
	}
	if d == s.travel {
		return s.away
	}
	if s.kind == advKHomebound {
		return s.home
	}
	hm := cdrMix(s.msisdn ^ uint64(t/3600)*31)
	if hm%12 == 0 && s.kind != advKFamily {
		cs := g.byRegion[s.region]
		return cs[(hm>>8)%uint64(len(cs))]
	}
	working := g.weekday(d) < 5 && h >= 9 && h < 18
	if (s.kind == advKAgent || s.kind == advKCollector || s.kind == advKDispatcher) && g.onShift(s, d, h) {
		return s.work
	}
	if (s.kind == advKAgent || s.kind == advKCollector) && !s.carry {
		return s.work // the work phone stays in its drawer
	}
	if working && s.work >= 0 && s.kind != advKAgent && s.kind != advKCollector && s.kind != advKDispatcher {
		return s.work
	}
	return s.home
}

func (g *advGen) imeiOn(s *advSub, t int64) uint64 {
	if s.kind == advKBox {
		b := g.boxes[s.group]
		if b.style == AdvSIMServer && !b.imeiOwn {
			slot := uint64(t / 5400)
			return b.modules[cdrMix(s.msisdn^slot*0x51)%uint64(len(b.modules))]
		}
		return s.imei
	}
	if d, _ := g.local(t); s.imei2 != 0 && d >= s.imeiDay {
		return s.imei2
	}
	return s.imei
}

// advDuration draws a conversation: a short check-in or a real talk.
func advDuration(r *rand.Rand) uint32 {
	if r.IntN(20) < 11 {
		return uint32(max(3, math.Round(30*math.Exp(0.7*r.NormFloat64()))))
	}
	return uint32(max(20, math.Round(170*math.Exp(0.9*r.NormFloat64()))))
}

// emitCall writes a call from subscriber i (or an outside number when i is
// -1) to number num, subscriber j when on-net (or -1), and the callee's
// side; dur 0 is unanswered.
func (g *advGen) emitCall(i int32, from uint64, j int32, num uint64, t int64, dur uint32) {
	if i >= 0 {
		s := &g.subs[i]
		g.ev = append(g.ev, cdrEvent{t: t, sub: i, typ: cdrEvMOC, other: num, dur: dur, cell: g.cellAt(s, t), imei: g.imeiOn(s, t)})
		from = s.msisdn
	}
	if j >= 0 && g.active(j, t) {
		o := &g.subs[j]
		g.ev = append(g.ev, cdrEvent{t: t, sub: j, typ: cdrEvMTC, other: from, dur: dur, cell: g.cellAt(o, t), imei: g.imeiOn(o, t)})
	}
}

func (g *advGen) emitSMS(i int32, j int32, num uint64, t int64) {
	s := &g.subs[i]
	g.ev = append(g.ev, cdrEvent{t: t, sub: i, typ: cdrEvSMSMO, other: num, cell: g.cellAt(s, t), imei: g.imeiOn(s, t)})
	if j >= 0 && g.active(j, t) {
		o := &g.subs[j]
		g.ev = append(g.ev, cdrEvent{t: t + 2, sub: j, typ: cdrEvSMSMT, other: s.msisdn, cell: g.cellAt(o, t), imei: g.imeiOn(o, t)})
	}
}

// active reports whether subscriber j has traffic on t's day.
func (g *advGen) active(j int32, t int64) bool {
	d, _ := g.local(t)
	return d >= g.subs[j].from && d < g.subs[j].to
}

// inbound writes a call to subscriber i from number from (subscriber j or
// -1), with the caller's side when on-net.
func (g *advGen) inbound(i int32, j int32, from uint64, t int64, dur uint32) {
	if j >= 0 && g.active(j, t) {
		g.emitCall(j, 0, i, g.subs[i].msisdn, t, dur)
		return
	}
	g.emitCall(-1, from, i, 0, t, dur)
}

// personDay is an ordinary day: calls to family and friends, missed calls
// returned, SMS, data, an odd call from a business.
func (g *advGen) personDay(r *rand.Rand, i int32, d int) {
	s := &g.subs[i]
	rate := s.rateOut
	if g.weekday(d) >= 5 {
		rate *= 1.15
	}
	contacts := len(s.contacts) + len(s.offnet)
	for c := cdrPoisson(r, rate); c > 0; c-- {
		t := g.personTime(r, s, d)
		var j int32 = -1
		var num uint64
		switch u := r.Float64(); {
		case u < 0.08 || contacts == 0:
			num = advOffnet(r) // a business, a stranger
			if r.IntN(3) == 0 && len(g.allPpl) > 0 {
				j = g.allPpl[r.IntN(len(g.allPpl))]
				num = g.subs[j].msisdn
			}
		default:
			// Contacts by a geometric preference: a few get most calls.
			k := min(contacts-1, int(-math.Log(1-r.Float64())*float64(max(1, contacts/3))))
			if k < len(s.contacts) {
				j = s.contacts[k]
				num = g.subs[j].msisdn
			} else {
				num = s.offnet[k-len(s.contacts)]
			}
		}
		dur := uint32(0)
		if r.Float64() > 0.17 {
			dur = advDuration(r)
		}
		g.emitCall(i, 0, j, num, t, dur)
		if dur == 0 && r.Float64() < 0.5 {
			// The missed call is returned.
			g.inbound(i, j, num, t+int64(120+r.IntN(7200)), advAnswer(r))
		}
	}
	if n := len(s.offnet); n > 0 {
		for c := cdrPoisson(r, rate*0.6*float64(n)/float64(contacts)); c > 0; c-- {
			num := s.offnet[min(n-1, int(-math.Log(1-r.Float64())*float64(max(1, n/3))))]
			g.inbound(i, -1, num, g.personTime(r, s, d), advAnswer(r))
		}
	}
	if r.Float64() < 0.2 {
		g.inbound(i, -1, advOffnet(r), g.personTime(r, s, d), advAnswer(r)*uint32(r.IntN(2)))
	}
	for c := cdrPoisson(r, s.rateSMS); c > 0; c-- {
		t := g.personTime(r, s, d)
		if contacts > 0 && r.IntN(2) == 0 {
			k := r.IntN(contacts)
			if k < len(s.contacts) {
				g.emitSMS(i, s.contacts[k], g.subs[s.contacts[k]].msisdn, t)
			} else {
				g.emitSMS(i, -1, s.offnet[k-len(s.contacts)], t)
			}
		}
	}
	if r.Float64() < 0.6 {
		t := g.personTime(r, s, d)
		g.ev = append(g.ev, cdrEvent{t: t, sub: i, typ: cdrEvSMSMT, other: cdrSenderBit | uint64(r.IntN(len(cdrSenders))), cell: g.cellAt(s, t), imei: g.imeiOn(s, t)})
	}
	g.dataDay(r, i, d, s.rateData, 0, 24)
}

// advAnswer is an incoming call's duration: a person answers most.
func advAnswer(r *rand.Rand) uint32 {
	if r.IntN(5) == 0 {
		return 0
	}
	return advDuration(r)
}

func (g *advGen) dataDay(r *rand.Rand, i int32, d int, rate float64, h0, h1 int) {
	s := &g.subs[i]
	for c := cdrPoisson(r, rate); c > 0; c-- {
		t := g.at(r, d, h0+r.IntN(h1-h0))
		g.ev = append(g.ev, cdrEvent{t: t, sub: i, typ: cdrEvData, dur: uint32(10 + r.IntN(1800)), cell: g.cellAt(s, t), imei: g.imeiOn(s, t)})
	}
}

// onShift reports whether centre staff s works in hour h of day d.
func (g *advGen) onShift(s *advSub, d, h int) bool {
	c := g.centres[s.group]
	wd := g.weekday(d)
	if c.kind == advKDispatcher {
		// Twelve-hour shifts, day and night, every other day.
		if (d+int(s.slot))%2 == 1 {
			return false
		}
		if s.shift == 0 {
			return h >= 8 && h < 20
		}
		return h >= 20 || h < 8
	}
	if wd == 6 || wd == 5 && !c.saturdays {
		return false
	}
	if wd == 5 {
		return h >= 10 && h < 15
	}
	return h >= 9 && h < 18
}

// agentDay is a working day at a bank's call centre or a collector's.
func (g *advGen) agentDay(r *rand.Rand, i int32, d int) {
	s := &g.subs[i]
	c := g.centres[s.group]
	var hours []int
	for h := 0; h < 24; h++ {
		if g.onShift(s, d, h) && h != 13 {
			hours = append(hours, h)
		}
	}
	if len(hours) == 0 {
		return
	}
	rate := 40 + float64(cdrMix(s.msisdn)%50)
	if c.kind == advKCollector {
		rate *= 0.8
	}
	rate *= float64(len(hours)) / 8
	talk := func() uint32 { return uint32(max(15, math.Round(110*math.Exp(0.8*r.NormFloat64())))) }
	for k := cdrPoisson(r, rate); k > 0; k-- {
		t := g.at(r, d, hours[r.IntN(len(hours))])
		// A bank's campaign works through a list of customers all over the
		// country; a collector rings the same debtors day after day.
		num, j := g.victim(r)
		if c.kind == advKCollector {
			x := min(len(c.pool)-1, int(-math.Log(1-r.Float64())*float64(len(c.pool))/3))
			num, j = c.pool[x], c.poolSub[x]
		}
		dur := uint32(0)
		if r.Float64() > 0.3 {
			dur = talk()
		}
		g.emitCall(i, 0, j, num, t, dur)
		if dur == 0 && c.kind == advKAgent && r.Float64() < 0.4 {
			// The dialler gives the unanswered call to a colleague later.
			if m := c.staff[r.IntN(len(c.staff))]; m != i && g.active(m, t) {
				t2 := t + int64(1800+r.IntN(7200))
				if _, h := g.local(t2); g.onShift(&g.subs[m], d, h) {
					g.emitCall(m, 0, j, num, t2, uint32(r.IntN(2))*talk())
				}
			}
		}
		back := 0.03
		if dur == 0 {
			back = 0.25
			if c.kind == advKCollector {
				back = 0.05
			}
		}
		if r.Float64() < back {
			tb := t + int64(300+r.IntN(5400))
			if _, h := g.local(tb); g.onShift(s, d, h) {
				g.inbound(i, j, num, tb, uint32(max(10, math.Round(90*math.Exp(0.7*r.NormFloat64())))))
			} else {
				g.inbound(i, j, num, tb, 0)
			}
		}
	}
	// Customers who ring the number they were given.
	for k := cdrPoisson(r, 2+float64(cdrMix(s.msisdn>>3)%6)); k > 0; k-- {
		num, j := g.victim(r)
		if c.kind == advKCollector {
			x := r.IntN(len(c.pool))
			num, j = c.pool[x], c.poolSub[x]
		}
		g.inbound(i, j, num, g.at(r, d, hours[r.IntN(len(hours))]), advAnswer(r))
	}
	// Colleagues.
	if len(s.contacts) > 0 && r.IntN(3) == 0 {
		j := s.contacts[r.IntN(len(s.contacts))]
		g.emitCall(i, 0, j, g.subs[j].msisdn, g.at(r, d, hours[r.IntN(len(hours))]), advDuration(r))
	}
	if !s.carry {
		g.dataDay(r, i, d, 2, hours[0], hours[len(hours)-1]+1)
	}
}

// dispatcherDay is a shift at a taxi firm's or a logistics centre's desk:
// customers ring in, the dispatcher rings drivers, and customers back.
func (g *advGen) dispatcherDay(r *rand.Rand, i int32, d int) {
	s := &g.subs[i]
	c := g.centres[s.group]
	var hours []int
	for h := 0; h < 24; h++ {
		if g.onShift(s, d, h) {
			hours = append(hours, h)
		}
	}
	if len(hours) == 0 {
		return
	}
	when := func() int64 {
		h := hours[r.IntN(len(hours))]
		if h < 8 {
			return g.at(r, d+1, h) // the night shift runs past midnight
		}
		return g.at(r, d, h)
	}
	if len(c.drivers) > 0 {
		// A taxi firm: orders come in, go to a driver, some are confirmed.
		for k := cdrPoisson(r, 30+float64(cdrMix(s.msisdn)%40)); k > 0; k-- {
			t := when()
			x := r.IntN(len(c.pool))
			g.inbound(i, c.poolSub[x], c.pool[x], t, uint32(20+r.IntN(60)))
			drv := c.drivers[r.IntN(len(c.drivers))]
			g.emitCall(i, 0, drv, g.subs[drv].msisdn, t+int64(30+r.IntN(120)), uint32(10+r.IntN(40)))
			if r.IntN(4) == 0 {
				g.emitCall(i, 0, c.poolSub[x], c.pool[x], t+int64(300+r.IntN(600)), advAnswer(r))
			}
		}
		return
	}
	// A logistics centre: its drivers, again and again, both ways.
	for k := cdrPoisson(r, 25+float64(cdrMix(s.msisdn)%30)); k > 0; k-- {
		x := min(len(c.pool)-1, int(-math.Log(1-r.Float64())*float64(len(c.pool))/4))
		t := when()
		if r.IntN(5) < 3 {
			g.emitCall(i, 0, c.poolSub[x], c.pool[x], t, advAnswer(r))
		} else {
			g.inbound(i, c.poolSub[x], c.pool[x], t, advAnswer(r))
		}
	}
}

// driverDay is a taxi driver's: the customers the firm sends, each called
// once when the car arrives, and the dispatchers.
func (g *advGen) driverDay(r *rand.Rand, i int32, d int) {
	s := &g.subs[i]
	c := g.centres[s.group]
	if g.weekday(d) == (int(s.msisdn) % 7) {
		return // a day off
	}
	for k := cdrPoisson(r, 12+float64(cdrMix(s.msisdn)%15)); k > 0; k-- {
		t := g.at(r, d, 7+r.IntN(16))
		x := r.IntN(len(c.pool))
		g.emitCall(i, 0, c.poolSub[x], c.pool[x], t, uint32(5+r.IntN(40)))
		if r.IntN(3) == 0 {
			g.inbound(i, c.poolSub[x], c.pool[x], t+int64(60+r.IntN(600)), uint32(5+r.IntN(60)))
		}
	}
	g.dataDay(r, i, d, 15, 7, 23)
}

// m2mDay is a device's: heartbeats, reports by SMS, an alarm panel's test
// call to its monitoring centre.
func (g *advGen) m2mDay(r *rand.Rand, i int32, d int) {
	s := &g.subs[i]
	f := g.fleets[s.group]
	switch f.kind {
	case 0: // meters
		for h := 0; h < 24; h += 4 {
			t := g.at(r, d, h)
			g.ev = append(g.ev, cdrEvent{t: t, sub: i, typ: cdrEvData, dur: uint32(2 + r.IntN(20)), cell: s.home, imei: s.imei})
		}
		t := g.at(r, d, 2)
		g.ev = append(g.ev, cdrEvent{t: t, sub: i, typ: cdrEvSMSMO, other: f.centre[0], cell: s.home, imei: s.imei})
	case 1: // alarm panels
		for h := 0; h < 24; h += 2 {
			g.ev = append(g.ev, cdrEvent{t: g.at(r, d, h), sub: i, typ: cdrEvData, dur: uint32(1 + r.IntN(5)), cell: s.home, imei: s.imei})
		}
		g.emitCall(i, 0, -1, f.centre[0], g.at(r, d, 3), uint32(8+r.IntN(10)))
		for k := cdrPoisson(r, 0.3); k > 0; k-- {
			g.emitCall(i, 0, -1, f.centre[r.IntN(len(f.centre))], g.at(r, d, r.IntN(24)), uint32(20+r.IntN(60)))
		}
	case 2: // trackers
		for k := cdrPoisson(r, 40); k > 0; k-- {
			t := g.at(r, d, 6+r.IntN(16))
			g.ev = append(g.ev, cdrEvent{t: t, sub: i, typ: cdrEvData, dur: uint32(1 + r.IntN(30)), cell: g.cellAt(s, t), imei: s.imei})
		}
		if r.IntN(4) == 0 {
			t := g.at(r, d, 6+r.IntN(16))
			g.ev = append(g.ev, cdrEvent{t: t, sub: i, typ: cdrEvSMSMO, other: f.centre[0], cell: g.cellAt(s, t), imei: s.imei})
		}
	}
}

// boxDay is a box SIM's working day.
func (g *advGen) boxDay(r *rand.Rand, i int32, d int) {
	s := &g.subs[i]
	b := g.boxes[s.group]
	wd := g.weekday(d)
	if wd >= 5 && !b.weekends {
		return
	}
	h0, h1 := b.hours[0], b.hours[1]
	rate := b.rate
	if wd >= 5 {
		rate *= 0.5
	}
	when := func() int64 {
		if b.style == AdvBypass {
			// Calls from abroad: the diaspora's evenings weigh most.
			h := r.IntN(24)
			if r.IntN(2) == 0 {
				h = 17 + r.IntN(7)
			}
			return g.at(r, d, h)
		}
		h := h0 + r.IntN(h1-h0)
		if h == 13 && r.IntN(2) == 0 {
			h = 14
		}
		return g.at(r, d, h)
	}
	for k := cdrPoisson(r, rate); k > 0; k-- {
		t := when()
		var num uint64
		var j int32 = -1
		dur := uint32(0)
		if b.style == AdvBypass {
			x := min(len(b.families)-1, int(-math.Log(1-r.Float64())*float64(len(b.families))/4))
			num, j = b.families[x], b.familySub[x]
			if r.IntN(6) > 0 {
				dur = uint32(max(20, math.Round(240*math.Exp(0.8*r.NormFloat64()))))
			}
		} else {
			num, j = g.victim(r)
			if r.Float64() > 0.45 {
				dur = uint32(max(5, math.Round(50*math.Exp(1.0*r.NormFloat64()))))
			}
		}
		g.emitCall(i, 0, j, num, t, dur)
		switch {
		case dur == 0 && b.style != AdvBypass && r.Float64() < 0.35:
			// Not answered: another SIM of the box tries again later.
			if k := b.sims[r.IntN(len(b.sims))]; k != i && g.active(k, t) {
				g.emitCall(k, 0, j, num, t+int64(1800+r.IntN(7200)), uint32(r.IntN(2)*int(advDuration(r))))
			}
		case r.Float64() < 0.04 || dur == 0 && r.Float64() < 0.08:
			// A victim rings the number back.
			ans := uint32(0)
			if b.answers {
				ans = advDuration(r)
			}
			g.inbound(i, j, num, t+int64(300+r.IntN(3600)), ans)
		}
	}
	// Arranged: the confederates call in and are called, text and are texted.
	if len(b.confed) > 0 {
		for k := cdrPoisson(r, rate*b.callbacks); k > 0; k-- {
			x := r.IntN(len(b.confed))
			t := when()
			if r.IntN(2) == 0 {
				g.emitCall(i, 0, b.confedSub[x], b.confed[x], t-int64(600+r.IntN(3600)), advDuration(r))
			}
			g.inbound(i, b.confedSub[x], b.confed[x], t, advDuration(r))
		}
		for k := cdrPoisson(r, b.sms); k > 0; k-- {
			x := r.IntN(len(b.confed))
			t := when()
			if r.IntN(2) == 0 {
				g.emitSMS(i, b.confedSub[x], b.confed[x], t)
			} else if j := b.confedSub[x]; j >= 0 {
				g.emitSMS(j, i, s.msisdn, t)
			} else {
				g.ev = append(g.ev, cdrEvent{t: t, sub: i, typ: cdrEvSMSMT, other: b.confed[x], cell: g.cellAt(s, t), imei: g.imeiOn(s, t)})
			}
		}
	}
	if b.sms > 0 && r.IntN(2) == 0 {
		t := when()
		g.ev = append(g.ev, cdrEvent{t: t, sub: i, typ: cdrEvSMSMT, other: cdrSenderBit | uint64(r.IntN(len(cdrSenders))), cell: g.cellAt(s, t), imei: g.imeiOn(s, t)})
	}
	if b.style == AdvBypass {
		g.dataDay(r, i, d, b.data, 0, 24)
	} else {
		g.dataDay(r, i, d, b.data, h0, h1)
	}
}

// victim is whom a scam box calls: a number from a list bought for the
// whole country, now and then one of the operator's own subscribers.
func (g *advGen) victim(r *rand.Rand) (uint64, int32) {
	if r.IntN(10) < 4 && len(g.allPpl) > 0 {
		j := g.allPpl[r.IntN(len(g.allPpl))]
		return g.subs[j].msisdn, j
	}
	return advOffnet(r), -1
}

// flush writes day d's rows in time order; rows past its end (a night
// shift's) wait for the next day's, unless d is the last.
func (g *advGen) flush(d int) error {
	slices.SortStableFunc(g.ev, func(a, b cdrEvent) int {
		switch {
		case a.t < b.t:
			return -1
		case a.t > b.t:
			return 1
		}
		return int(a.sub) - int(b.sub)
	})
	end := g.start + int64(d+1)*86400
	k := 0
	for ; k < len(g.ev) && (g.ev[k].t < end || d == g.cfg.Days-1); k++ {
		e := &g.ev[k]
		g.line = g.row(g.line[:0], e, cdrMix(uint64(e.t)<<20^uint64(e.sub)<<3^uint64(e.typ)))
		if _, err := g.w.Write(g.line); err != nil {
			return err
		}
	}
	g.ev = append(g.ev[:0], g.ev[k:]...)
	return nil
}

// row writes one CSV row: start_time,record_type,msisdn,other_party,
// duration_s,imei,cell_id,imsi,call_ref,charge.
func (g *advGen) row(b []byte, e *cdrEvent, h uint64) []byte {
	s := &g.subs[e.sub]
	b = time.Unix(e.t, 0).UTC().AppendFormat(b, "2006-01-02T15:04:05Z")
	b = append(b, ',')
	b = append(b, cdrTypeNames[e.typ]...)
	b = append(b, ',')
	b = advNumber(b, s.msisdn, h)
	b = append(b, ',')
	switch {
	case e.other&cdrSenderBit != 0:
		b = append(b, cdrSenders[e.other&^cdrSenderBit]...)
	case e.other != 0:
		b = advNumber(b, e.other, h>>8)
	}
	b = append(b, ',')
	b = strconv.AppendUint(b, uint64(e.dur), 10)
	b = append(b, ',')
	// Some switches leave the IMEI out of incoming calls.
	if e.imei != 0 && !(e.typ == cdrEvMTC && h>>40%20 == 0) {
		b = cdrAppendDigits(b, e.imei, 14)
		b = append(b, cdrLuhn(e.imei))
	}
	b = append(b, ',')
	b = append(b, g.cells[e.cell].name...)
	b = append(b, ',')
	b = strconv.AppendUint(b, s.imsi, 10)
	b = append(b, ',')
	b = strconv.AppendUint(b, h>>24, 36)
	b = append(b, ',')
	b = strconv.AppendFloat(b, float64(e.dur)*0.35, 'f', 2, 64)
	return append(b, '\n')
}

// advNumber spells a number as these switches do: mostly without '+',
// national 8… for some, '+' for foreign ones.
func advNumber(b []byte, n uint64, h uint64) []byte {
	if n/10_000_000_000 != 7 {
		b = append(b, '+')
		return strconv.AppendUint(b, n, 10)
	}
	if h%10 < 3 {
		b = append(b, '8')
		return cdrAppendDigits(b, n%10_000_000_000, 10)
	}
	return strconv.AppendUint(b, n, 10)
}

func (g *advGen) labels() []CDRLabel {
	out := make([]CDRLabel, len(g.subs))
	for i := range g.subs {
		s := &g.subs[i]
		l := CDRLabel{MSISDN: "+" + strconv.FormatUint(s.msisdn, 10), Label: "clean", Style: advKindNames[s.kind]}
		if s.kind == advKBox {
			b := g.boxes[s.group]
			l.Label, l.Style, l.Device = "simbox", b.style, b.id
		}
		out[i] = l
	}
	return out
}
