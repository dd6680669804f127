package synth

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// CDRConfig describes a synthetic CDR extract of one operator (the CDR
// format of docs/simbox.md): ordinary subscribers and the hard confusers of
// SIM-box detection, and a share of SIMs in boxes of several styles.
type CDRConfig struct {
	Subscribers int       // served SIMs, box SIMs included (default 1,000)
	Days        int       // days of traffic (default 7)
	Seed        uint64    // the same seed writes the same extract
	Start       time.Time // the first day's local midnight (default Monday 2026-10-05, +05:00)
	BoxShare    float64   // share of SIMs in boxes (default 0.02; negative for none)
	// BoxStyles limits the box styles (CDRBoxStyles); empty means all.
	BoxStyles []string
	// SortByTime writes each day's rows in time order, which buffers a
	// day of rows in memory; otherwise rows come subscriber by subscriber.
	SortByTime bool
	// UTC writes timestamps in UTC ("…Z") instead of local time (+05:00).
	UTC bool
	// DuplicateRate repeats that share of rows; BadRowRate adds that share of
	// malformed rows. Both default to 0. The labels are unaffected.
	DuplicateRate float64
	BadRowRate    float64

	// Knobs on behaviour, for testing a detector away from the defaults;
	// zero keeps the default.
	HumanCalls     float64  // multiplies people's calls a day
	BoxCalls       float64  // multiplies box SIMs' calls to victims a day
	VictimCallback float64  // share of a box's victims who call it back (default 0.02)
	AgentInbound   float64  // multiplies agents' inbound calls and callbacks; negative for none
	OmitColumns    []string // optional columns to leave out: imsi, imei, cell_id
}

// The box styles and the confuser kinds, as CDRLabel.Style names them.
const (
	CDRNaive     = "naive"     // 24/7, the same few cells, no SMS or data, modem IMEIs (some on a SIM bank)
	CDRThrottled = "throttled" // few calls a SIM in daytime, SIMs rotated through the modules over the days
	CDRImitating = "imitating" // calls and SMS among its own SIMs, some data, a few cells, phone-like IMEIs
	CDRMobile    = "mobile"    // in a car: the SIMs move from cell to cell together

	CDROrdinary = "ordinary"
	CDRLight    = "light"     // a call or two a week
	CDRHeavy    = "heavy"     // a busy person: many calls both ways to known people
	CDRDataOnly = "data_only" // a modem or a tracker: data sessions only
	CDRNew      = "new"       // a subscriber who joins during the extract
	CDRAgent    = "agent"     // a call-centre agent: many outgoing calls, one cell, office hours
	CDRTaxi     = "taxi"      // many short calls both ways, on the move all day
	CDRCourier  = "courier"
)

// CDRBoxStyles lists the box styles.
var CDRBoxStyles = []string{CDRNaive, CDRThrottled, CDRImitating, CDRMobile}

// CDRLabel is the truth about one served SIM.
type CDRLabel struct {
	MSISDN string // E.164
	Label  string // "simbox" or "clean"
	Style  string // the box style or the subscriber kind
	Device string // the box, for box SIMs
}

// The operator's number ranges (Kcell's, as in New) and other operators'.
var (
	cdrOwnPrefixes   = []uint64{7701, 7702, 7775, 7778}
	cdrOtherPrefixes = []uint64{7705, 7771, 7776, 7777, 7700, 7707, 7708, 7747, 7727, 7717}
	cdrSenders       = []string{"Kaspi.kz", "Halyk", "Kcell", "1414", "eGov", "Wolt", "Kolesa", "7575"}
	cdrPhoneTACs     = []uint64{35332011, 35391810, 35674108, 35209911, 86769104, 35899710, 86432105, 35456712, 35100622, 86011203, 35773509, 35286811}
	cdrModemTACs     = []uint64{86296604, 86716105, 35904707, 86450003}
)

type cdrKind uint8

const (
	cdrKOrdinary cdrKind = iota
	cdrKLight
	cdrKHeavy
	cdrKDataOnly
	cdrKNew
	cdrKAgent
	cdrKTaxi
	cdrKCourier
	cdrKBox
)

var cdrKindNames = [...]string{CDROrdinary, CDRLight, CDRHeavy, CDRDataOnly, CDRNew, CDRAgent, CDRTaxi, CDRCourier, ""}

// cdrSub is one served SIM of the synthetic operator.
type cdrSub struct {
	msisdn     uint64
	kind       cdrKind
	imei       uint64 // 14-digit body
	imei2      uint64 // a second handset from imeiDay on (0 for none)
	imeiDay    int
	home, work int32 // cells
	contacts   []int32
	offnet     []uint64 // off-net contacts
	rateOut    float64  // calls a day
	rateSMS    float64
	rateData   float64
	from       int // first day with traffic
	box        *cdrBox
	boxIdx     int // index within the box
	office     *cdrOffice
}

// cdrBox is one SIM box.
type cdrBox struct {
	id       string
	style    string
	cells    []int32
	modules  []uint64 // IMEI bodies
	sims     []int32
	rate     float64 // victim calls a SIM a day
	rotate   bool    // naive: SIMs move between modules every hour (a SIM bank)
	active   [][2]int
	hourFrom int
	hourTo   int
	seed     uint64
}

// cdrOffice is a call centre.
type cdrOffice struct {
	cell int32
	pool []uint64 // the customers it calls
	tac  uint64   // corporate handsets, 0 if the agents bring their own
}

// cdrGen holds the synthetic operator while it writes.
type cdrGen struct {
	cfg     CDRConfig
	subs    []cdrSub
	boxes   []*cdrBox
	cells   []string
	nCells  int
	start   int64 // the first day's local midnight, as local wall seconds
	batch   []cdrEvent
	w       *bufio.Writer
	line    []byte
	humans  []int32 // indices of subscribers that answer calls like people
	zipfCDF map[int][]float64

	omitIMSI, omitIMEI, omitCell bool
}

// cdrEvent is one row to write.
type cdrEvent struct {
	t     int64 // local wall seconds
	sub   int32
	typ   uint8
	other uint64 // a number, or cdrSenderBit|index into cdrSenders; 0 for none
	dur   uint32
	cell  int32
	imei  uint64
}

const cdrSenderBit = 1 << 62

const (
	cdrEvMOC uint8 = iota
	cdrEvMTC
	cdrEvSMSMO
	cdrEvSMSMT
	cdrEvData
)

var cdrTypeNames = [...]string{"MOC", "MTC", "SMS_MO", "SMS_MT", "DATA"}

// WriteCDR writes a labelled synthetic CDR extract to w as CSV with the
// canonical header, and returns the labels of every served SIM.
func WriteCDR(w io.Writer, cfg CDRConfig) ([]CDRLabel, error) {
	if cfg.Subscribers <= 0 {
		cfg.Subscribers = 1000
	}
	if cfg.Days <= 0 {
		cfg.Days = 7
	}
	if cfg.Start.IsZero() {
		cfg.Start = time.Date(2026, 10, 5, 0, 0, 0, 0, time.FixedZone("+05", 5*3600))
	}
	if cfg.BoxShare == 0 {
		cfg.BoxShare = 0.02
	}
	if len(cfg.BoxStyles) == 0 {
		cfg.BoxStyles = CDRBoxStyles
	}
	for _, s := range cfg.BoxStyles {
		if !slices.Contains(CDRBoxStyles, s) {
			return nil, fmt.Errorf("synth: unknown box style %q (known: %s)", s, strings.Join(CDRBoxStyles, ", "))
		}
	}
	_, off := cfg.Start.Zone()
	g := &cdrGen{cfg: cfg, w: bufio.NewWriterSize(w, 256<<10), zipfCDF: map[int][]float64{}}
	g.start = cfg.Start.Unix() + int64(off)
	g.build()
	for _, c := range cfg.OmitColumns {
		switch c {
		case "imsi":
			g.omitIMSI = true
		case "imei":
			g.omitIMEI = true
		case "cell_id":
			g.omitCell = true
		default:
			return nil, fmt.Errorf("synth: cannot omit column %q (only imsi, imei, cell_id)", c)
		}
	}
	head := "record_type,start_time,msisdn"
	if !g.omitIMSI {
		head += ",imsi"
	}
	if !g.omitIMEI {
		head += ",imei"
	}
	head += ",other_party,duration_s"
	if !g.omitCell {
		head += ",cell_id"
	}
	if _, err := g.w.WriteString(head + "\n"); err != nil {
		return nil, err
	}
	for d := 0; d < cfg.Days; d++ {
		for i := range g.subs {
			g.subDay(int32(i), d)
			if !cfg.SortByTime {
				if err := g.flush(); err != nil {
					return nil, err
				}
			}
		}
		if err := g.flush(); err != nil {
			return nil, err
		}
	}
	if err := g.w.Flush(); err != nil {
		return nil, err
	}
	return g.labels(), nil
}

func (g *cdrGen) rng(a, b uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.cfg.Seed^0x6364725f73696d, a<<20^b))
}

// build makes the subscribers, their contacts, offices and boxes.
func (g *cdrGen) build() {
	r := g.rng(1, 0)
	n := g.cfg.Subscribers
	g.nCells = max(40, n/60)
	g.cells = make([]string, g.nCells)
	for i := range g.cells {
		g.cells[i] = fmt.Sprintf("%d-%d", 1100+i/40, 20000+i*7%9973)
	}
	seen := map[uint64]bool{}
	g.subs = make([]cdrSub, n)
	for i := range g.subs {
		for {
			k := cdrOwnPrefixes[r.IntN(len(cdrOwnPrefixes))]*10_000_000 + uint64(r.IntN(10_000_000))
			if !seen[k] {
				seen[k] = true
				g.subs[i].msisdn = 7_0000_000_000 + k%10_000_000_000
				break
			}
		}
	}
	// Box SIMs first (their count is a share of all), then the confusers.
	boxSIMs := int(math.Round(g.cfg.BoxShare * float64(n)))
	if g.cfg.BoxShare < 0 {
		boxSIMs = 0
	}
	order := r.Perm(n)
	next := 0
	take := func() int32 { i := order[next]; next++; return int32(i) }
	styles := slices.Clone(g.cfg.BoxStyles)
	r.Shuffle(len(styles), func(i, j int) { styles[i], styles[j] = styles[j], styles[i] })
	for b := 0; boxSIMs-next >= 4; b++ {
		g.makeBox(r, styles[b%len(styles)], take, boxSIMs-next)
	}
	kinds := []struct {
		k     cdrKind
		share float64
	}{{cdrKLight, 0.15}, {cdrKHeavy, 0.03}, {cdrKDataOnly, 0.05}, {cdrKNew, 0.05}, {cdrKTaxi, 0.02}, {cdrKCourier, 0.015}}
	for _, kd := range kinds {
		for c := int(kd.share * float64(n)); c > 0 && next < n; c-- {
			g.subs[take()].kind = kd.k
		}
	}
	// Call centres of 8 to 30 agents, 2% of subscribers in all.
	for left := int(0.02 * float64(n)); left >= 4 && next < n; {
		size := min(left, 8+r.IntN(23), n-next)
		o := &cdrOffice{cell: int32(r.IntN(g.nCells))}
		if r.IntN(2) == 0 {
			o.tac = cdrPhoneTACs[r.IntN(len(cdrPhoneTACs))]
		}
		o.pool = make([]uint64, 150*size)
		for j := range o.pool {
			o.pool[j] = g.randomNumber(r)
		}
		for j := 0; j < size; j++ {
			i := take()
			g.subs[i].kind = cdrKAgent
			g.subs[i].office = o
		}
		left -= size
	}
	for i := range g.subs {
		s := &g.subs[i]
		if s.kind != cdrKBox && s.kind != cdrKDataOnly {
			g.humans = append(g.humans, int32(i))
		}
	}
	for i := range g.subs {
		g.makeSub(r, int32(i))
	}
	// A symmetric on-net contact graph: friends call each other.
	for _, i := range g.humans {
		s := &g.subs[i]
		want := 0
		switch s.kind {
		case cdrKOrdinary, cdrKNew:
			want = 2 + r.IntN(10)
		case cdrKHeavy:
			want = 15 + r.IntN(30)
		case cdrKLight, cdrKAgent, cdrKTaxi, cdrKCourier:
			want = 1 + r.IntN(4)
		}
		for c := 0; c < want; c++ {
			j := g.humans[r.IntN(len(g.humans))]
			if j != i {
				s.contacts = append(s.contacts, j)
				g.subs[j].contacts = append(g.subs[j].contacts, i)
			}
		}
	}
}

// makeBox builds one box of the given style from at most left free SIMs.
func (g *cdrGen) makeBox(r *rand.Rand, style string, take func() int32, left int) {
	b := &cdrBox{style: style, id: fmt.Sprintf("box-%02d", len(g.boxes)+1), seed: r.Uint64()}
	var modules, sims int
	tacs := cdrModemTACs
	switch style {
	case CDRNaive:
		modules = 8 + r.IntN(25)
		sims = modules
		b.rotate = r.IntN(2) == 0
		if b.rotate {
			sims = modules * 2
		}
		b.rate = 100 + r.Float64()*120
		b.hourFrom, b.hourTo = 0, 24
		b.cells = []int32{int32(r.IntN(g.nCells))}
	case CDRThrottled:
		modules = 8 + r.IntN(17)
		sims = modules * (2 + r.IntN(2))
		b.rate = 12 + r.Float64()*25
		b.hourFrom, b.hourTo = 7+r.IntN(3), 20+r.IntN(3)
		c := int32(r.IntN(g.nCells))
		b.cells = []int32{c, (c + 1) % int32(g.nCells)}
	case CDRImitating:
		modules = 6 + r.IntN(19)
		sims = modules
		b.rate = 8 + r.Float64()*15
		b.hourFrom, b.hourTo = 8+r.IntN(2), 20+r.IntN(3)
		c := int32(r.IntN(g.nCells - 3))
		b.cells = []int32{c, c + 1, c + 2}
		tacs = cdrPhoneTACs
	case CDRMobile:
		modules = 6 + r.IntN(11)
		sims = modules
		b.rate = 25 + r.Float64()*50
		b.hourFrom, b.hourTo = 8+r.IntN(2), 18+r.IntN(3)
	}
	b.rate = cdrScale(b.rate, g.cfg.BoxCalls)
	// A small extract still gets a box of every style.
	sims = min(sims, left, max(4, int(math.Round(g.cfg.BoxShare*float64(len(g.subs))))/len(g.cfg.BoxStyles)))
	modules = min(modules, sims)
	for m := 0; m < modules; m++ {
		b.modules = append(b.modules, cdrIMEIBody(r, tacs[r.IntN(len(tacs))]))
	}
	for s := 0; s < sims; s++ {
		i := take()
		b.sims = append(b.sims, i)
		g.subs[i].kind = cdrKBox
		g.subs[i].box = b
		g.subs[i].boxIdx = s
	}
	// Which days each SIM works: a throttled box rotates its pool through
	// the modules, each SIM for a few days; the others run all week, a few
	// SIMs joining late or blocked early.
	days := g.cfg.Days
	b.active = make([][2]int, sims)
	for s := range b.active {
		from, to := 0, days
		switch {
		case style == CDRThrottled:
			per := max(1, len(b.sims)/modules)
			span := max(1, (days+per-1)/per)
			from = (s / modules) * span
			to = min(days, from+span+r.IntN(2))
			if from >= days {
				from, to = r.IntN(days), days
			}
		case r.IntN(5) == 0:
			from = r.IntN(max(1, days/2))
		}
		b.active[s] = [2]int{from, to}
	}
	g.boxes = append(g.boxes, b)
}

func (g *cdrGen) agentInbound() float64 {
	switch a := g.cfg.AgentInbound; {
	case a < 0:
		return 0
	case a == 0:
		return 1
	default:
		return a
	}
}

func (g *cdrGen) victimCallback() float64 {
	if g.cfg.VictimCallback == 0 {
		return 0.02
	}
	return g.cfg.VictimCallback
}

func cdrScale(v, k float64) float64 {
	if k == 0 {
		return v
	}
	return v * k
}

// makeSub gives subscriber i its handset, places and habits.
func (g *cdrGen) makeSub(r *rand.Rand, i int32) {
	s := &g.subs[i]
	s.home = int32(r.IntN(g.nCells))
	s.work = int32(r.IntN(g.nCells))
	s.imei = cdrIMEIBody(r, cdrPhoneTACs[r.IntN(len(cdrPhoneTACs))])
	if r.IntN(100) == 0 {
		s.imei2, s.imeiDay = cdrIMEIBody(r, cdrPhoneTACs[r.IntN(len(cdrPhoneTACs))]), 1+r.IntN(max(1, g.cfg.Days-1))
	}
	logn := func(median, sigma float64) float64 { return median * math.Exp(sigma*r.NormFloat64()) }
	smart := r.Float64() < 0.85
	if smart {
		s.rateData = logn(8, 0.5)
	}
	s.rateSMS = logn(0.4, 0.8)
	offnet := 0
	switch s.kind {
	case cdrKOrdinary:
		s.rateOut = logn(2.5, 0.6)
		offnet = 3 + r.IntN(15)
	case cdrKNew:
		s.rateOut = logn(3, 0.6)
		if r.IntN(5) == 0 {
			s.rateOut = logn(20, 0.3)
		}
		offnet = 3 + r.IntN(15)
		s.from = 1 + r.IntN(max(1, g.cfg.Days-1))
	case cdrKLight:
		s.rateOut = logn(0.25, 0.6)
		s.rateSMS /= 3
		offnet = 1 + r.IntN(4)
	case cdrKHeavy:
		s.rateOut = logn(18, 0.4)
		offnet = 40 + r.IntN(80)
	case cdrKDataOnly:
		s.imei = cdrIMEIBody(r, cdrModemTACs[r.IntN(len(cdrModemTACs))])
		s.rateData = logn(20, 0.5)
		s.work = s.home
	case cdrKAgent:
		s.rateOut = logn(65, 0.3)
		offnet = 2 + r.IntN(5)
		s.work = s.office.cell
		if s.office.tac != 0 {
			s.imei = cdrIMEIBody(r, s.office.tac)
		}
	case cdrKTaxi, cdrKCourier:
		s.rateOut = logn(22, 0.3)
		offnet = 3 + r.IntN(8)
		s.rateData = logn(20, 0.4)
	case cdrKBox:
		b := s.box
		s.home, s.work = b.cells0(), b.cells0()
		s.imei = b.modules[s.boxIdx%len(b.modules)]
		s.rateData, s.rateSMS = 0, 0
		if b.style == CDRImitating {
			s.rateData = 1 + r.Float64()*3
			s.rateSMS = 1 + r.Float64()*2
			s.home = b.cells[s.boxIdx%len(b.cells)]
			s.work = s.home
		}
		s.from = b.active[s.boxIdx][0]
	}
	if s.kind != cdrKBox {
		s.rateOut = cdrScale(s.rateOut, g.cfg.HumanCalls)
	}
	for c := 0; c < offnet; c++ {
		s.offnet = append(s.offnet, g.randomNumber(r))
	}
}

func (b *cdrBox) cells0() int32 {
	if len(b.cells) == 0 {
		return 0
	}
	return b.cells[0]
}

// randomNumber returns a number of another operator or a landline, or now
// and then a foreign one.
func (g *cdrGen) randomNumber(r *rand.Rand) uint64 {
	if r.IntN(50) == 0 {
		return 998_90_000_0000 + uint64(r.IntN(10_000_000)) // Uzbekistan
	}
	p := cdrOtherPrefixes[r.IntN(len(cdrOtherPrefixes))]
	return p*10_000_000 + uint64(r.IntN(10_000_000))
}

// victim picks whom a box calls: a stranger, now and then one of the
// operator's own subscribers.
func (g *cdrGen) victim(r *rand.Rand) (uint64, int32) {
	if r.IntN(3) == 0 && len(g.humans) > 0 {
		j := g.humans[r.IntN(len(g.humans))]
		return g.subs[j].msisdn, j
	}
	return g.randomNumber(r), -1
}

// subDay generates subscriber i's traffic on day d.
func (g *cdrGen) subDay(i int32, d int) {
	s := &g.subs[i]
	if d < s.from {
		return
	}
	r := g.rng(uint64(i)+2, uint64(d))
	weekend := (d+int(g.cfg.Start.Weekday())+6)%7 >= 5
	switch s.kind {
	case cdrKBox:
		g.boxDay(r, i, d)
		return
	case cdrKDataOnly:
		g.data(r, i, d, s.rateData, 0, 24)
		if r.IntN(7) == 0 {
			g.emit(cdrEvent{t: g.at(d, 9+r.IntN(10), r), sub: i, typ: cdrEvSMSMT, other: cdrSenderBit | uint64(r.IntN(len(cdrSenders))), cell: s.home, imei: s.imei})
		}
		return
	case cdrKAgent:
		if !weekend {
			g.agentDay(r, i, d)
		}
		return
	case cdrKTaxi, cdrKCourier:
		if !(weekend && s.kind == cdrKCourier) {
			g.driverDay(r, i, d)
		}
		g.personal(r, i, d, 1.5, weekend)
		return
	}
	g.personal(r, i, d, s.rateOut, weekend)
}

// personal is an ordinary day: calls to known people (who answer back on
// their own days), a few to businesses, SMS and data.
func (g *cdrGen) personal(r *rand.Rand, i int32, d int, rate float64, weekend bool) {
	s := &g.subs[i]
	if weekend {
		rate *= 0.8
	}
	nOut := cdrPoisson(r, rate)
	for c := 0; c < nOut; c++ {
		t := g.humanTime(r, d)
		if r.Float64() < 0.12 || len(s.contacts)+len(s.offnet) == 0 {
			// A business or a stranger; some call back.
			num := g.randomNumber(r)
			g.call(r, i, -1, num, t)
			if r.Float64() < 0.25 {
				g.emit(cdrEvent{t: t + int64(600+r.IntN(7200)), sub: i, typ: cdrEvMTC, other: num, dur: cdrDuration(r, 40), cell: g.cellAt(s, t), imei: g.imeiOn(s, d)})
			}
			continue
		}
		j, num := g.pickContact(r, s)
		g.call(r, i, j, num, t)
	}
	// Off-net friends call in; on-net ones do so on their own days.
	if n := len(s.offnet); n > 0 {
		share := float64(n) / float64(n+len(s.contacts))
		for c := cdrPoisson(r, rate*share*0.9); c > 0; c-- {
			t := g.humanTime(r, d)
			num := s.offnet[g.zipf(r, n)]
			g.emit(cdrEvent{t: t, sub: i, typ: cdrEvMTC, other: num, dur: cdrDuration(r, 60), cell: g.cellAt(s, t), imei: g.imeiOn(s, d)})
		}
	}
	if r.Float64() < 0.15 {
		// A call from a stranger: a delivery, a bank, spam.
		t := g.humanTime(r, d)
		g.emit(cdrEvent{t: t, sub: i, typ: cdrEvMTC, other: g.randomNumber(r), dur: cdrDuration(r, 30), cell: g.cellAt(s, t), imei: g.imeiOn(s, d)})
	}
	for c := cdrPoisson(r, s.rateSMS); c > 0; c-- {
		t := g.humanTime(r, d)
		if r.IntN(2) == 0 && len(s.contacts)+len(s.offnet) > 0 {
			j, num := g.pickContact(r, s)
			g.emit(cdrEvent{t: t, sub: i, typ: cdrEvSMSMO, other: num, cell: g.cellAt(s, t), imei: g.imeiOn(s, d)})
			if o := &g.subs[max(j, 0)]; j >= 0 && d >= o.from {
				g.emit(cdrEvent{t: t + 2, sub: j, typ: cdrEvSMSMT, other: s.msisdn, cell: g.cellAt(o, t), imei: g.imeiOn(o, d)})
			}
		} else {
			g.emit(cdrEvent{t: t, sub: i, typ: cdrEvSMSMT, other: cdrSenderBit | uint64(r.IntN(len(cdrSenders))), cell: g.cellAt(s, t), imei: g.imeiOn(s, d)})
		}
	}
	g.data(r, i, d, s.rateData, 7, 24)
}

// call writes a call from i to num (subscriber j, or -1 off-net), and the
// callee's side when the callee is ours.
func (g *cdrGen) call(r *rand.Rand, i, j int32, num uint64, t int64) {
	s := &g.subs[i]
	d := int((t - g.start) / 86400)
	dur := cdrDuration(r, 70)
	g.emit(cdrEvent{t: t, sub: i, typ: cdrEvMOC, other: num, dur: dur, cell: g.cellAt(s, t), imei: g.imeiOn(s, d)})
	if j >= 0 {
		o := &g.subs[j]
		if d >= o.from {
			g.emit(cdrEvent{t: t, sub: j, typ: cdrEvMTC, other: s.msisdn, dur: dur, cell: g.cellAt(o, t), imei: g.imeiOn(o, d)})
		}
	}
}

func (g *cdrGen) pickContact(r *rand.Rand, s *cdrSub) (int32, uint64) {
	n := len(s.contacts) + len(s.offnet)
	k := g.zipf(r, n)
	if k < len(s.contacts) {
		j := s.contacts[k]
		return j, g.subs[j].msisdn
	}
	return -1, s.offnet[k-len(s.contacts)]
}

// agentDay is a call-centre agent's working day: a stream of calls to the
// centre's customers in office hours, a few callbacks and inbound calls,
// and a personal call or two.
func (g *cdrGen) agentDay(r *rand.Rand, i int32, d int) {
	s := &g.subs[i]
	o := s.office
	work := func() int64 {
		h := 9 + r.IntN(9)
		if h == 13 {
			h = 14 + r.IntN(4)
		}
		return g.at(d, h, r)
	}
	var called []uint64
	for c := cdrPoisson(r, s.rateOut); c > 0; c-- {
		t := work()
		num := o.pool[r.IntN(len(o.pool))]
		if len(called) > 0 && r.Float64() < 0.15 {
			num = called[r.IntN(len(called))]
		}
		called = append(called, num)
		dur := uint32(0)
		if r.Float64() < 0.65 {
			dur = cdrDuration(r, 90)
		}
		g.emit(cdrEvent{t: t, sub: i, typ: cdrEvMOC, other: num, dur: dur, cell: o.cell, imei: g.imeiOn(s, d)})
		if r.Float64() < 0.08*g.agentInbound() {
			g.emit(cdrEvent{t: t + int64(300+r.IntN(5400)), sub: i, typ: cdrEvMTC, other: num, dur: cdrDuration(r, 80), cell: o.cell, imei: g.imeiOn(s, d)})
		}
	}
	for c := cdrPoisson(r, (3+r.Float64()*8)*g.agentInbound()); c > 0; c-- {
		g.emit(cdrEvent{t: work(), sub: i, typ: cdrEvMTC, other: o.pool[r.IntN(len(o.pool))], dur: cdrDuration(r, 120), cell: o.cell, imei: g.imeiOn(s, d)})
	}
	g.personal(r, i, d, 1, false)
}

// driverDay is a taxi driver's or courier's: short calls with customers in
// both directions, from a different cell every hour.
func (g *cdrGen) driverDay(r *rand.Rand, i int32, d int) {
	s := &g.subs[i]
	for c := cdrPoisson(r, s.rateOut); c > 0; c-- {
		t := g.at(d, 7+r.IntN(16), r)
		num, j := g.victim(r)
		cell := g.roam(s, t)
		dur := cdrDuration(r, 25)
		g.emit(cdrEvent{t: t, sub: i, typ: cdrEvMOC, other: num, dur: dur, cell: cell, imei: g.imeiOn(s, d)})
		if j >= 0 {
			g.emit(cdrEvent{t: t, sub: j, typ: cdrEvMTC, other: s.msisdn, dur: dur, cell: g.cellAt(&g.subs[j], t), imei: g.imeiOn(&g.subs[j], d)})
		}
		if r.Float64() < 0.45 {
			t2 := t + int64(60+r.IntN(1800))
			g.emit(cdrEvent{t: t2, sub: i, typ: cdrEvMTC, other: num, dur: cdrDuration(r, 20), cell: g.roam(s, t2), imei: g.imeiOn(s, d)})
		}
	}
	for c := cdrPoisson(r, s.rateOut*0.7); c > 0; c-- {
		t := g.at(d, 7+r.IntN(16), r)
		g.emit(cdrEvent{t: t, sub: i, typ: cdrEvMTC, other: g.randomNumber(r), dur: cdrDuration(r, 25), cell: g.roam(s, t), imei: g.imeiOn(s, d)})
	}
	g.data(r, i, d, s.rateData, 7, 23)
}

// roam is a driver's cell at t: a new one every half hour.
func (g *cdrGen) roam(s *cdrSub, t int64) int32 {
	return int32((cdrMix(s.msisdn^uint64(t/1800)) % uint64(g.nCells)))
}

// boxDay is a box SIM's day.
func (g *cdrGen) boxDay(r *rand.Rand, i int32, d int) {
	s := &g.subs[i]
	b := s.box
	act := b.active[s.boxIdx]
	if d < act[0] || d >= act[1] {
		return
	}
	rate := b.rate
	weekday := (d + int(g.cfg.Start.Weekday()) + 6) % 7
	if b.style == CDRImitating && weekday >= 5 {
		rate *= 0.6
	}
	hours := b.hourTo - b.hourFrom
	var ts []int64
	for c := cdrPoisson(r, rate); c > 0; c-- {
		ts = append(ts, g.at(d, b.hourFrom+r.IntN(hours), r))
	}
	slices.Sort(ts)
	for _, t := range ts {
		num, j := g.victim(r)
		dur := uint32(0)
		if r.Float64() < 0.55 {
			dur = cdrDuration(r, 100)
		}
		cell := g.boxCell(s, t)
		imei := g.boxIMEI(s, t)
		g.emit(cdrEvent{t: t, sub: i, typ: cdrEvMOC, other: num, dur: dur, cell: cell, imei: imei})
		if j >= 0 {
			o := &g.subs[j]
			if d >= o.from {
				g.emit(cdrEvent{t: t, sub: j, typ: cdrEvMTC, other: s.msisdn, dur: dur, cell: g.cellAt(o, t), imei: g.imeiOn(o, d)})
			}
		}
		if r.Float64() < g.victimCallback() {
			// A victim calls the number back; the box rejects it.
			t2 := t + int64(60+r.IntN(3600))
			g.emit(cdrEvent{t: t2, sub: i, typ: cdrEvMTC, other: num, dur: uint32(r.IntN(3)), cell: g.boxCell(s, t2), imei: g.boxIMEI(s, t2)})
		}
	}
	if b.style != CDRImitating {
		return
	}
	// The imitation: calls and SMS among its own SIMs, and some data.
	mates := func() int32 {
		return b.sims[r.IntN(len(b.sims))]
	}
	for c := cdrPoisson(r, 2+r.Float64()*3); c > 0; c-- {
		j := mates()
		o := &g.subs[j]
		if j == i || d < b.active[o.boxIdx][0] {
			continue
		}
		t := g.at(d, b.hourFrom+r.IntN(hours), r)
		dur := cdrDuration(r, 120)
		g.emit(cdrEvent{t: t, sub: i, typ: cdrEvMOC, other: o.msisdn, dur: dur, cell: g.boxCell(s, t), imei: s.imei})
		g.emit(cdrEvent{t: t, sub: j, typ: cdrEvMTC, other: s.msisdn, dur: dur, cell: g.boxCell(o, t), imei: o.imei})
	}
	for c := cdrPoisson(r, s.rateSMS); c > 0; c-- {
		j := mates()
		o := &g.subs[j]
		if j == i {
			continue
		}
		t := g.at(d, b.hourFrom+r.IntN(hours), r)
		g.emit(cdrEvent{t: t, sub: i, typ: cdrEvSMSMO, other: o.msisdn, cell: g.boxCell(s, t), imei: s.imei})
		g.emit(cdrEvent{t: t + 3, sub: j, typ: cdrEvSMSMT, other: s.msisdn, cell: g.boxCell(o, t), imei: o.imei})
	}
	g.data(r, i, d, s.rateData, b.hourFrom, b.hourTo)
}

// boxCell is where a box SIM is served at t: a fixed box stays on its cell
// (a throttled one now and then on the next); an imitating box's SIMs camp
// on their own cell of three, switching now and then; a mobile box follows
// its route, a new cell every 20 to 40 minutes.
func (g *cdrGen) boxCell(s *cdrSub, t int64) int32 {
	b := s.box
	h := uint64(t / 3600)
	switch b.style {
	case CDRMobile:
		slot := uint64(t / (60 * (20 + int64(b.seed%21))))
		return int32(cdrMix(b.seed^slot) % uint64(g.nCells))
	case CDRImitating:
		if cdrMix(s.msisdn^h)%5 == 0 {
			return b.cells[cdrMix(s.msisdn^h^1)%uint64(len(b.cells))]
		}
		return s.home
	case CDRThrottled:
		if cdrMix(b.seed^h)%6 == 0 {
			return b.cells[1]
		}
	}
	return b.cells[0]
}

// boxIMEI is the module a box SIM sits in at t: fixed, except on a SIM
// bank, which moves SIMs between modules every hour.
func (g *cdrGen) boxIMEI(s *cdrSub, t int64) uint64 {
	b := s.box
	if b.rotate {
		return b.modules[(s.boxIdx+int(t/3600))%len(b.modules)]
	}
	return b.modules[s.boxIdx%len(b.modules)]
}

// data writes a day's data sessions between local hours from and to.
func (g *cdrGen) data(r *rand.Rand, i int32, d int, rate float64, from, to int) {
	s := &g.subs[i]
	for c := cdrPoisson(r, rate); c > 0; c-- {
		t := g.at(d, from+r.IntN(to-from), r)
		cell := g.cellAt(s, t)
		if s.kind == cdrKTaxi || s.kind == cdrKCourier {
			cell = g.roam(s, t)
		}
		if s.kind == cdrKBox {
			cell = g.boxCell(s, t)
		}
		g.emit(cdrEvent{t: t, sub: i, typ: cdrEvData, dur: uint32(30 + r.IntN(3000)), cell: cell, imei: g.imeiOn(s, d)})
	}
}

// cellAt is where a person is at t: at work on weekday office hours, at
// home otherwise, somewhere else now and then.
func (g *cdrGen) cellAt(s *cdrSub, t int64) int32 {
	if s.kind == cdrKBox {
		return g.boxCell(s, t)
	}
	if s.kind == cdrKTaxi || s.kind == cdrKCourier {
		return g.roam(s, t)
	}
	h := cdrMix(s.msisdn ^ uint64(t/3600))
	if h%10 == 0 {
		return int32((h >> 8) % uint64(g.nCells))
	}
	local := t - g.start
	hour := local % 86400 / 3600
	weekday := (int(local/86400) + int(g.cfg.Start.Weekday()) + 6) % 7
	if weekday < 5 && hour >= 9 && hour < 18 {
		return s.work
	}
	return s.home
}

func (g *cdrGen) imeiOn(s *cdrSub, d int) uint64 {
	if s.imei2 != 0 && d >= s.imeiDay {
		return s.imei2
	}
	return s.imei
}

// cdrHumanHours weighs the local hours people call in.
var cdrHumanHours = [24]float64{0.15, 0.08, 0.04, 0.03, 0.03, 0.08, 0.4, 1, 1.6, 2, 2.2, 2.2, 2.2, 2.1, 2.1, 2.1, 2.1, 2.2, 2.3, 2.3, 2, 1.6, 1, 0.5}

var cdrHumanHoursCDF = func() [24]float64 {
	var c [24]float64
	sum := 0.0
	for h, w := range cdrHumanHours {
		sum += w
		c[h] = sum
	}
	for h := range c {
		c[h] /= sum
	}
	return c
}()

func (g *cdrGen) humanTime(r *rand.Rand, d int) int64 {
	u := r.Float64()
	h := 0
	for h < 23 && cdrHumanHoursCDF[h] < u {
		h++
	}
	return g.at(d, h, r)
}

// at returns a random moment in local hour h of day d.
func (g *cdrGen) at(d, h int, r *rand.Rand) int64 {
	return g.start + int64(d)*86400 + int64(h)*3600 + int64(r.IntN(3600))
}

// zipf picks an index below n, the first ones most often: people call a few
// of their contacts most of the time.
func (g *cdrGen) zipf(r *rand.Rand, n int) int {
	cdf, ok := g.zipfCDF[n]
	if !ok {
		cdf = make([]float64, n)
		sum := 0.0
		for k := range cdf {
			sum += 1 / float64(k+1)
			cdf[k] = sum
		}
		for k := range cdf {
			cdf[k] /= sum
		}
		g.zipfCDF[n] = cdf
	}
	i, _ := slices.BinarySearch(cdf, r.Float64())
	return min(i, n-1)
}

func (g *cdrGen) emit(e cdrEvent) { g.batch = append(g.batch, e) }

// flush writes the batch in time order.
func (g *cdrGen) flush() error {
	slices.SortStableFunc(g.batch, func(a, b cdrEvent) int {
		switch {
		case a.t < b.t:
			return -1
		case a.t > b.t:
			return 1
		}
		return 0
	})
	for k := range g.batch {
		e := &g.batch[k]
		h := cdrMix(uint64(e.t)*31 ^ uint64(e.sub)<<32 ^ uint64(e.typ))
		g.line = g.formatRow(g.line[:0], e, h)
		if _, err := g.w.Write(g.line); err != nil {
			return err
		}
		u := float64(h>>11) / (1 << 53)
		if u < g.cfg.DuplicateRate {
			if _, err := g.w.Write(g.line); err != nil {
				return err
			}
		}
		if 1-u < g.cfg.BadRowRate {
			bad := []string{"MOC,yesterday,77010000000,,,77020000000,5,1-1\n", "FAX," + string(g.line[4:]), "MOC,2026-13-45T99:00:00Z,77011112233,,,77021112233,5,x\n", "garbage\n"}
			if _, err := g.w.WriteString(bad[h%4]); err != nil {
				return err
			}
		}
	}
	g.batch = g.batch[:0]
	return nil
}

// formatRow writes one CSV row. Numbers come in the forms real extracts
// mix: E.164 digits, with '+', and the national 8…; h chooses.
func (g *cdrGen) formatRow(b []byte, e *cdrEvent, h uint64) []byte {
	s := &g.subs[e.sub]
	b = append(b, cdrTypeNames[e.typ]...)
	b = append(b, ',')
	b = g.appendTime(b, e.t)
	b = append(b, ',')
	b = cdrAppendNumber(b, s.msisdn, h>>8)
	if !g.omitIMSI {
		b = append(b, ",40101"...)
		b = cdrAppendDigits(b, s.msisdn%10_000_000_000, 10)
	}
	b = append(b, ',')
	if !g.omitIMEI {
		if e.imei != 0 {
			b = cdrAppendDigits(b, e.imei, 14)
			if (h>>20)%10 == 0 {
				b = append(b, '0', '1') // an IMEISV, as some switches write
			} else {
				b = append(b, cdrLuhn(e.imei))
			}
		}
		b = append(b, ',')
	}
	switch {
	case e.other&cdrSenderBit != 0:
		b = append(b, cdrSenders[e.other&^cdrSenderBit]...)
	case e.other != 0:
		b = cdrAppendNumber(b, e.other, h>>16)
	}
	b = append(b, ',')
	b = strconv.AppendUint(b, uint64(e.dur), 10)
	if !g.omitCell {
		b = append(b, ',')
		b = append(b, g.cells[e.cell]...)
	}
	return append(b, '\n')
}

// cdrAppendNumber writes a number in one of its spellings.
func cdrAppendNumber(b []byte, n uint64, h uint64) []byte {
	kz := n/10_000_000_000 == 7
	switch {
	case h%100 < 6:
		b = append(b, '+')
	case h%100 < 12 && kz:
		b = append(b, '8')
		return cdrAppendDigits(b, n%10_000_000_000, 10)
	}
	return strconv.AppendUint(b, n, 10)
}

func cdrAppendDigits(b []byte, v uint64, width int) []byte {
	var tmp [20]byte
	for i := width - 1; i >= 0; i-- {
		tmp[i] = byte('0' + v%10)
		v /= 10
	}
	return append(b, tmp[:width]...)
}

// appendTime writes local wall seconds t as RFC 3339 in local time or UTC.
func (g *cdrGen) appendTime(b []byte, t int64) []byte {
	_, off := g.cfg.Start.Zone()
	if g.cfg.UTC {
		t -= int64(off)
	}
	b = time.Unix(t, 0).UTC().AppendFormat(b, "2006-01-02T15:04:05")
	if g.cfg.UTC || off == 0 {
		return append(b, 'Z')
	}
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	b = append(b, sign)
	b = cdrAppendDigits(b, uint64(off/3600), 2)
	b = append(b, ':')
	return cdrAppendDigits(b, uint64(off%3600/60), 2)
}

func (g *cdrGen) labels() []CDRLabel {
	out := make([]CDRLabel, len(g.subs))
	for i := range g.subs {
		s := &g.subs[i]
		l := CDRLabel{MSISDN: "+" + strconv.FormatUint(s.msisdn, 10), Label: "clean", Style: cdrKindNames[s.kind]}
		if s.kind == cdrKBox {
			l.Label, l.Style, l.Device = "simbox", s.box.style, s.box.id
		}
		out[i] = l
	}
	return out
}

// WriteCDRLabels writes labels as CSV: msisdn,label,style,device.
func WriteCDRLabels(w io.Writer, labels []CDRLabel) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"msisdn", "label", "style", "device"}); err != nil {
		return err
	}
	for _, l := range labels {
		if err := cw.Write([]string{l.MSISDN, l.Label, l.Style, l.Device}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ReadCDRLabels reads what WriteCDRLabels wrote.
func ReadCDRLabels(r io.Reader) ([]CDRLabel, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read labels: %w", err)
	}
	if len(rows) == 0 || len(rows[0]) < 3 || rows[0][0] != "msisdn" {
		return nil, fmt.Errorf("read labels: want a header msisdn,label,style[,device]")
	}
	out := make([]CDRLabel, 0, len(rows)-1)
	for i, row := range rows[1:] {
		if len(row) < 3 {
			return nil, fmt.Errorf("read labels: line %d has %d fields, want 3 or 4", i+2, len(row))
		}
		l := CDRLabel{MSISDN: row[0], Label: row[1], Style: row[2]}
		if len(row) > 3 {
			l.Device = row[3]
		}
		out = append(out, l)
	}
	return out, nil
}

// cdrIMEIBody returns a random 14-digit IMEI body of a TAC.
func cdrIMEIBody(r *rand.Rand, tac uint64) uint64 {
	return tac*1_000_000 + uint64(r.IntN(1_000_000))
}

// cdrLuhn returns the check digit of a 14-digit IMEI body.
func cdrLuhn(body uint64) byte {
	var d [14]int
	for i := 13; i >= 0; i-- {
		d[i] = int(body % 10)
		body /= 10
	}
	sum := 0
	for i, x := range d {
		if i%2 == 1 {
			x *= 2
			if x > 9 {
				x -= 9
			}
		}
		sum += x
	}
	return byte('0' + (10-sum%10)%10)
}

// cdrPoisson draws a Poisson count (a normal approximation past 30).
func cdrPoisson(r *rand.Rand, lambda float64) int {
	if lambda <= 0 {
		return 0
	}
	if lambda > 30 {
		return max(0, int(math.Round(lambda+math.Sqrt(lambda)*r.NormFloat64())))
	}
	l, k, p := math.Exp(-lambda), 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// cdrDuration draws a call's length in seconds around a median; about one
// call in seven is not answered (0 s).
func cdrDuration(r *rand.Rand, median float64) uint32 {
	if r.IntN(7) == 0 {
		return 0
	}
	return uint32(max(1, math.Round(median*math.Exp(0.9*r.NormFloat64()))))
}

// cdrMix is SplitMix64's finaliser, for choices that must not depend on
// the order of generation.
func cdrMix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}
