package simbox

import (
	"math"
	"math/bits"
	"slices"
	"sort"
	"sync"
)

// Features are what the detector measured of one SIM over the whole
// extract. "External" traffic leaves out the SIM's own device group: boxes
// that imitate people call and text among their own SIMs, and that traffic
// must not pass for a social life. Nor does traffic with arranged callers:
// numbers outside the group that call several SIMs which fan out to
// strangers — a box's confederates, paid to make it look called back.
type Features struct {
	CallsOut         int     `json:"calls_out"`
	CallsIn          int     `json:"calls_in"`
	CallsOutExt      int     `json:"calls_out_ext"`
	CallsInExt       int     `json:"calls_in_ext"`
	InOutRatio       float64 `json:"in_out_ratio"`       // external incoming per external outgoing call
	DistinctCallees  int     `json:"distinct_callees"`   // external
	DistinctCallers  int     `json:"distinct_callers"`   // external
	CallbackShare    float64 `json:"callback_share"`     // external callees who also called the SIM, arranged callers left out
	CalledAgainShare float64 `json:"called_again_share"` // its own callees called more than once
	CallsPerCallee   float64 `json:"calls_per_callee"`   // calls per own callee
	// SharedCallees is the share of its external callees that its box-like
	// group mates call too: a box works one list through whichever SIM is
	// free. Its own callees are the others: repeats with shared callees are
	// the group's, not a person's.
	SharedCallees    float64 `json:"shared_callees"`
	SMSOut           int     `json:"sms_out"`
	SMSIn            int     `json:"sms_in"`
	SMSExt           int     `json:"sms_ext"` // SMS with parties outside the device group, arranged callers left out
	DataSessions     int     `json:"data_sessions"`
	DataSeconds      int     `json:"data_seconds"`
	Cells            int     `json:"cells"`
	TopCellShare     float64 `json:"top_cell_share"`
	CellsPerDay      float64 `json:"cells_per_day"`
	IMEIs            int     `json:"imeis"`
	SIMsPerIMEI      int     `json:"sims_per_imei"` // the most SIMs any one of its IMEIs served
	SIMsPerTAC       int     `json:"sims_per_tac"`  // SIM-handset pairs with the TAC of this SIM's first handset
	ActiveDays       int     `json:"active_days"`
	CallsOutPerDay   float64 `json:"calls_out_per_day"` // per active day
	MaxCallsOutDay   int     `json:"max_calls_out_day"`
	CallHours        int     `json:"call_hours"`         // distinct local hours of the day with outgoing calls
	HoursPerDay      float64 `json:"hours_per_day"`      // mean distinct hours with outgoing calls, per day with one
	NightShare       float64 `json:"night_share"`        // outgoing calls in the population's quiet hours
	Window10Share    float64 `json:"window10_share"`     // outgoing calls within its busiest 10 consecutive hours of the day
	WeekendShare     float64 `json:"weekend_share"`      // outgoing calls on Saturdays and Sundays
	MeanCallSeconds  float64 `json:"mean_call_s"`        // outgoing
	ZeroCallShare    float64 `json:"zero_call_share"`    // outgoing calls of 0 s (unanswered)
	ShortCallShare   float64 `json:"short_call_share"`   // answered outgoing calls under 10 s: hung up on
	LongCallShare    float64 `json:"long_call_share"`    // answered outgoing calls of 3 minutes or more
	QuickRedialShare float64 `json:"quick_redial_share"` // outgoing calls dialled within seconds of the last one's end
	UnansweredIn     float64 `json:"unanswered_in"`      // incoming calls not taken (rejected, or under 5 s), per external incoming call
	// The callers: who calls a SIM says more than how often.
	ArrangedCallers int     `json:"arranged_callers"`    // external callers who also call other fan-out SIMs
	ArrangedShare   float64 `json:"arranged_share"`      // external incoming calls from them
	Unsolicited     int     `json:"unsolicited_callers"` // distinct external callers it never called, arranged ones left out
	PrivateContacts int     `json:"private_contacts"`    // parties it talks to both ways, three times or more, outside its group
	// Places: cells holding a twentieth of its located traffic.
	Places        int `json:"places"`
	PrivatePlaces int `json:"private_places"` // its places that are none of its group's; with no group, places beyond the first
	// Regions: the areas (a cell's location area) of its callees on the
	// operator's network, for SIMs that fan out.
	AreaCallees      int     `json:"area_callees"`       // callees whose area is known
	Areas            int     `json:"areas"`              // distinct areas among them
	LocalCalleeShare float64 `json:"local_callee_share"` // of them, in its own area
	TACShare         float64 `json:"tac_share"`          // share of the extract's handsets with its first handset's TAC
	GroupTAC         int     `json:"group_tac"`          // SIMs of its group with its TAC, when at least half of that TAC's SIMs are in its group; else 0
	NumberBatch      int     `json:"number_batch"`       // linked SIMs whose numbers are within 50 of its own
	AppearedWith     int     `json:"appeared_with"`      // linked box-like SIMs first seen the same day, after the extract began
	FirstSeenDays    float64 `json:"first_seen_days"`    // from the extract's start to the SIM's first row
	LastSeenDays     float64 `json:"last_seen_days"`     // from the SIM's last row to the extract's end
	LinkedSIMs       int     `json:"linked_sims"`        // SIMs linked to it as parts of one device
	LinkedBoxLike    int     `json:"linked_box_like"`    // of those, the ones that look like box SIMs on their own
	SuspectContacts  int     `json:"suspect_contacts"`   // box-like SIMs not linked to it that it called or was called by

	spansWeekend bool // a Saturday or Sunday lies within its first and last day
	weekdays     int  // Mondays to Fridays with outgoing calls
}

// spansWeekend reports whether a weekend day lies between a SIM's first
// and last local days.
func spansWeekend(days []dayAgg) bool {
	lo, hi := int32(math.MaxInt32), int32(math.MinInt32)
	for _, d := range days {
		lo, hi = min(lo, d.day), max(hi, d.day)
	}
	for d := lo; d <= hi && d-lo < 7; d++ {
		if weekday(d) >= 5 {
			return true
		}
	}
	return false
}

// DayFeatures are one SIM's figures for one local calendar day.
type DayFeatures struct {
	Date        string `json:"date"` // YYYY-MM-DD, local
	CallsOut    int    `json:"calls_out"`
	CallsIn     int    `json:"calls_in"`
	SMSOut      int    `json:"sms_out"`
	SMSIn       int    `json:"sms_in"`
	Data        int    `json:"data_sessions"`
	CallSeconds int    `json:"call_seconds"`
	ActiveHours int    `json:"active_hours"`
	CallHours   int    `json:"call_hours"`
	Cells       int    `json:"cells"` // estimated
}

// population holds what the whole extract says about normal behaviour,
// so that thresholds follow the data rather than one operator's habits.
type population struct {
	start, end    int64   // Unix seconds of the first and last rows
	spanDays      float64 // end - start, in days
	medianOutDay  float64 // median outgoing calls per active day among SIMs that call
	night         [24]bool
	weekendInSpan bool
	// What the extract carries at all: a feature that no row can show
	// (no MTC rows, no SMS, no data sessions, no cells) is left out of every score rather
	// than counted as evidence.
	hasMTC, hasSMS, hasData, hasCell bool

	// Learnt once every SIM has been seen on its own.
	arranged map[uint64]bool // external numbers calling several SIMs that fan out
	byKey    map[uint64]int32
	sims     []*simAgg
	// geoLocal is the share of people's callees in their own area, when
	// the extract shows that people call mostly nearby; 0 when it does
	// not (no cells, no areas in the cell ids, or no such habit), and the
	// callees' areas then say nothing.
	geoLocal float64
	tacPairs int // SIM-handset pairs in the extract
}

// groupView is what the features see of the SIMs linked to one SIM: their
// traffic with it is set apart from its "external" traffic, their places
// are not its own, and numbers they talk to too are the group's.
type groupView struct {
	self    int32
	members []*simAgg
	keys    map[uint64]bool // the members' numbers
	places  map[uint64]bool // the group's places: members' main cells, and cells a quarter of them use
	parties *partyIndex
	lk      *links
}

// newGroupView builds the view of the SIMs linked to SIM self; places
// holds every linked SIM's places.
func newGroupView(self int32, sims []*simAgg, lk *links, places [][]uint64, parties *partyIndex) *groupView {
	nbr := lk.nbr[self]
	v := &groupView{self: self, members: make([]*simAgg, len(nbr)), keys: make(map[uint64]bool, len(nbr)),
		places: map[uint64]bool{}, parties: parties, lk: lk}
	// A place is the group's when it is a member's main cell or a place of
	// many members: a box's site and its gateways. A place one member
	// has besides its main cell is that member's home, and stays its own.
	used := map[uint64]int{}
	for x, j := range nbr {
		m := sims[j]
		v.members[x] = m
		v.keys[m.msisdn] = true
		if t := m.cells.top(); t >= 0 {
			v.places[m.cells.id(t)] = true
		}
		for _, c := range places[j] {
			used[c]++
		}
	}
	for c, n := range used {
		if n >= max(2, len(nbr)/4) {
			v.places[c] = true
		}
	}
	return v
}

// shared reports whether k is a number one of the group's box-like members
// calls too.
func (g *groupView) shared(k uint64) bool {
	if g == nil {
		return false
	}
	for _, j := range g.parties.of(k) {
		if j != g.self && g.lk.linked(g.self, j) {
			return true
		}
	}
	return false
}

// partyIndex lists, for the numbers that two or more linked candidate SIMs
// call (in their exact sets), which SIMs: the only numbers a group of
// box-like SIMs can share. Built once, in one pass, where a set a SIM would
// cost a crowd's square.
type partyIndex struct {
	first map[uint64]int32 // a SIM that calls the number, or -2-i for lists[i]
	lists [][]int32        // the SIMs of the numbers that two SIMs or more call
}

func newPartyIndex(sims []*simAgg, lk *links, cand []bool) *partyIndex {
	n := 0
	for i, a := range sims {
		if cand[i] && len(lk.nbr[i]) > 0 {
			n += len(a.out.keys)
		}
	}
	x := &partyIndex{first: make(map[uint64]int32, n)}
	for i, a := range sims {
		if !cand[i] || len(lk.nbr[i]) == 0 {
			continue
		}
		for y := range a.out.keys {
			k, me := a.out.key(y), int32(i)
			switch j, ok := x.first[k]; {
			case !ok:
				x.first[k] = me
			case j >= 0:
				x.first[k] = int32(-2 - len(x.lists))
				x.lists = append(x.lists, []int32{j, me})
			default:
				x.lists[-2-j] = append(x.lists[-2-j], me)
			}
		}
	}
	return x
}

// of returns the linked candidate SIMs that call k, if two or more do.
func (x *partyIndex) of(k uint64) []int32 {
	if j, ok := x.first[k]; ok && j < -1 {
		return x.lists[-2-j]
	}
	return nil
}

// features measures one SIM. g may be nil (before grouping); geo asks for
// the callees' areas, which cost a lookup a callee.
func (p *population) features(a *simAgg, g *groupView, geo bool) Features {
	var f Features
	f.CallsOut = int(a.n[MOC])
	f.CallsIn = int(a.n[MTC])
	f.SMSOut, f.SMSIn = int(a.n[SMSMO]), int(a.n[SMSMT])
	f.DataSessions, f.DataSeconds = int(a.n[Data]), int(a.dur[Data])

	// Traffic within the group: what this SIM's group mates received from
	// it (their MTC rows name it), what it received from them, and SMS.
	outIn, inIn, smsIn, calleesIn := 0, 0, 0, 0
	if g != nil {
		for _, m := range g.members {
			if c := m.in.count(a.msisdn); c > 0 {
				outIn += c
				calleesIn++
			} else if a.out.has(m.msisdn) {
				calleesIn++
			}
			inIn += a.in.count(m.msisdn)
			smsIn += a.sms.count(m.msisdn)
		}
	}
	f.CallsOutExt = max(0, f.CallsOut-outIn)
	f.CallsInExt = max(0, f.CallsIn-inIn)
	f.SMSExt = max(0, f.SMSOut+f.SMSIn-smsIn)
	f.DistinctCallees = max(0, int(a.out.n)-calleesIn)
	callersIn := 0
	if g != nil {
		for i := range a.in.keys {
			if g.keys[a.in.key(i)] {
				callersIn++
			}
		}
	}
	f.DistinctCallers = max(0, int(a.in.n)-callersIn)
	if f.CallsOutExt > 0 {
		f.InOutRatio = float64(f.CallsInExt) / float64(f.CallsOutExt)
	} else if f.CallsInExt > 0 {
		f.InOutRatio = float64(f.CallsInExt)
	}
	// Whom it talks to.
	{
		tab := contactPool.Get().(*contactTable)
		ct := tab.contactsOf(a)
		if f.DistinctCallees > 0 {
			f.CallsPerCallee = float64(f.CallsOutExt) / float64(f.DistinctCallees)
			f.CallbackShare = p.callbackShare(a, g, ct)
			f.CalledAgainShare = calledAgain(a, g)
			ownCallees(&f, a, g)
		}
		p.callers(&f, a, g, ct)
		contactPool.Put(tab)
		if geo && p.geoLocal > 0 {
			p.regions(&f, a, g)
		}
	}

	// Place.
	f.Cells = a.cells.distinct()
	if t := a.cells.top(); t >= 0 {
		f.TopCellShare = float64(a.cells.count(t)) / float64(max(1, a.cells.total()))
	}
	for _, c := range places(a) {
		f.Places++
		if g != nil && len(g.places) > 0 && !g.places[c] {
			f.PrivatePlaces++
		}
	}
	if g == nil || len(g.places) == 0 {
		f.PrivatePlaces = max(0, f.Places-1)
	}

	// Handsets.
	f.IMEIs = len(a.imeis)
	if a.imeiOver {
		f.IMEIs++
	}
	f.SIMsPerIMEI, f.SIMsPerTAC = int(a.imeiSIMs), int(a.tacSIMs)
	if p.tacPairs > 0 {
		f.TACShare = float64(a.tacSIMs) / float64(p.tacPairs)
	}

	// Time.
	callDays, cellSum, weekendOut := 0, 0, 0
	for _, d := range a.days {
		f.ActiveDays++
		cellSum += bits.OnesCount32(d.cellBits)
		if weekday(d.day) >= 5 {
			weekendOut += int(d.moc)
		} else if d.moc > 0 {
			f.weekdays++
		}
		if d.moc > 0 {
			callDays++
			f.HoursPerDay += float64(bits.OnesCount32(d.hoursOut))
			f.MaxCallsOutDay = max(f.MaxCallsOutDay, int(d.moc))
		}
	}
	f.spansWeekend = spansWeekend(a.days)
	if f.ActiveDays > 0 {
		f.CallsOutPerDay = float64(f.CallsOutExt) / float64(f.ActiveDays)
		f.CellsPerDay = float64(cellSum) / float64(f.ActiveDays)
	}
	if callDays > 0 {
		f.HoursPerDay /= float64(callDays)
	}
	night, best := 0, 0
	for h, n := range a.hourOut {
		if n > 0 {
			f.CallHours++
		}
		if p.night[h] {
			night += int(n)
		}
		w := 0
		for k := h; k < h+10; k++ {
			w += int(a.hourOut[k%24])
		}
		best = max(best, w)
	}
	if f.CallsOut > 0 {
		f.NightShare = float64(night) / float64(f.CallsOut)
		f.WeekendShare = float64(weekendOut) / float64(f.CallsOut)
		f.Window10Share = float64(best) / float64(f.CallsOut)
		f.MeanCallSeconds = float64(a.dur[MOC]) / float64(f.CallsOut)
		f.ZeroCallShare = float64(a.zeroOut) / float64(f.CallsOut)
		f.QuickRedialShare = float64(a.quick) / float64(f.CallsOut)
		if answered := f.CallsOut - int(a.zeroOut); answered > 0 {
			f.ShortCallShare = float64(a.durBins[0]) / float64(answered)
			f.LongCallShare = float64(int(a.durBins[4])+int(a.durBins[5])) / float64(answered)
		}
	}
	if f.CallsInExt > 0 {
		// Against external calls: a box's own SIMs calling each other
		// take those calls, and must not hide the call-backs it rejects.
		f.UnansweredIn = min(1, float64(a.shortIn)/float64(f.CallsInExt))
	}
	f.FirstSeenDays = float64(a.first-p.start) / 86400
	f.LastSeenDays = float64(p.end-a.last) / 86400
	if g != nil {
		f.LinkedSIMs = len(g.members)
	}
	return f
}

// callbackShare returns the share of the SIM's external callees who called
// it too, arranged callers left out: a call-back counts when it comes from
// the people called, not from the few numbers a box pays to call it.
// Exact while both sets are; with one set past its cap, the other's
// exact members are looked up in its Bloom filter; with both past, the
// ratio of distinct callers to callees stands in (such a SIM talks both
// ways to hundreds of numbers, and the precise share no longer matters).
func (p *population) callbackShare(a *simAgg, g *groupView, ct []contact) float64 {
	excluded := func(k uint64) bool { return g != nil && g.keys[k] || p.arranged[k] }
	var both, callees int
	switch {
	case a.out.exact():
		for _, c := range ct {
			if c.out == 0 || excluded(c.key) {
				continue
			}
			callees++
			if c.in > 0 || !a.in.exact() && a.in.has(c.key) {
				both++
			}
		}
	case a.in.exact():
		for _, c := range ct {
			if c.in > 0 && !excluded(c.key) && (c.out > 0 || a.out.has(c.key)) {
				both++
			}
		}
		callees = int(a.out.n)
	default:
		return min(1, float64(a.in.n)/float64(max(1, a.out.n)))
	}
	if callees == 0 {
		return 0
	}
	return float64(both) / float64(callees)
}

// contact is one number a SIM talked to, from its exact sets: how many
// calls it made to it and received from it, and SMS both ways.
type contact struct {
	key          uint64
	out, in, sms int32
}

// contactTable joins a SIM's exact sets into one list of numbers, so that
// each question about a number costs one pass, not a scan of a set: an
// open-addressing table over the list, reused from a pool.
type contactTable struct {
	slots []int32 // index+1 into list; 0 empty
	list  []contact
}

var contactPool = sync.Pool{New: func() any { return &contactTable{} }}

// contactsOf fills t with a's numbers, in no particular order.
func (t *contactTable) contactsOf(a *simAgg) []contact {
	n := len(a.out.keys) + len(a.in.keys) + len(a.sms.keys)
	size := 16
	for size < 2*n {
		size *= 2
	}
	if cap(t.slots) < size {
		t.slots = make([]int32, size)
	} else {
		t.slots = t.slots[:size]
		clear(t.slots)
	}
	if cap(t.list) < n {
		t.list = make([]contact, 0, n)
	}
	t.list = t.list[:0]
	mask := uint64(size - 1)
	at := func(k uint64) *contact {
		for i := mix64(k) & mask; ; i = (i + 1) & mask {
			switch s := t.slots[i]; {
			case s == 0:
				t.list = append(t.list, contact{key: k}) // within capacity: no move
				t.slots[i] = int32(len(t.list))
				return &t.list[len(t.list)-1]
			case t.list[s-1].key == k:
				return &t.list[s-1]
			}
		}
	}
	for i := range a.out.keys {
		at(a.out.key(i)).out += int32(a.out.countAt(i))
	}
	for i := range a.in.keys {
		at(a.in.key(i)).in += int32(a.in.countAt(i))
	}
	for i := range a.sms.keys {
		at(a.sms.key(i)).sms += int32(a.sms.countAt(i))
	}
	return t.list
}

// callers measures who calls the SIM and whom it talks to both ways:
// arranged callers and the share of its incoming calls they make,
// callers it never called itself, and private contacts; and leaves SMS
// with arranged callers out of its SMS.
func (p *population) callers(f *Features, a *simAgg, g *groupView, ct []contact) {
	inGroup := func(k uint64) bool { return g != nil && g.keys[k] }
	arrangedCalls := 0
	smsArranged := 0
	for _, c := range ct {
		if inGroup(c.key) {
			continue
		}
		arranged := p.arranged[c.key]
		if arranged {
			smsArranged += int(c.sms)
		}
		switch {
		case c.in == 0:
		case arranged:
			f.ArrangedCallers++
			arrangedCalls += int(c.in)
		case c.out == 0 && (a.out.exact() || !a.out.has(c.key)):
			f.Unsolicited++
		}
		if c.out > 0 && !arranged && c.out+c.in+c.sms >= 3 && (c.in > 0 || c.sms > 0) && !g.shared(c.key) {
			f.PrivateContacts++
		}
	}
	// Past the exact cap the callers are hundreds: most of them unasked.
	f.Unsolicited += int(a.in.n) - len(a.in.keys)
	if f.CallsInExt > 0 {
		f.ArrangedShare = min(1, float64(arrangedCalls)/float64(f.CallsInExt))
	}
	f.SMSExt = max(0, f.SMSExt-smsArranged)
}

// regions measures where the SIM's callees on the operator's own network
// are: how many areas, and what share in its own. A box calls a list
// bought for the whole country; people call mostly near home.
func (p *population) regions(f *Features, a *simAgg, g *groupView) {
	if a.area == 0 {
		return
	}
	var seen []uint64
	local := 0
	for i := range a.out.keys {
		k := a.out.key(i)
		if g != nil && g.keys[k] {
			continue
		}
		j, ok := p.byKey[k]
		if !ok || p.sims[j].area == 0 {
			continue
		}
		f.AreaCallees++
		ar := p.sims[j].area
		if ar == a.area {
			local++
		}
		if !slices.Contains(seen, ar) {
			seen = append(seen, ar)
		}
	}
	f.Areas = len(seen)
	if f.AreaCallees > 0 {
		f.LocalCalleeShare = float64(local) / float64(f.AreaCallees)
	}
}

// places returns a SIM's places: the cells holding at least a twentieth of
// its located rows, and at least five of them.
func places(a *simAgg) []uint64 {
	total := a.cells.total()
	var out []uint64
	for i := range a.cells.keys {
		if c := int(a.cells.count(i)); c >= 5 && c*20 >= total {
			out = append(out, a.cells.id(i))
		}
	}
	return out
}

// ownCallees measures the share of callees shared with the group and,
// when enough callees are the SIM's own, its repeats among those alone.
func ownCallees(f *Features, a *simAgg, g *groupView) {
	if g == nil {
		return
	}
	ext, shared, own, ownCalls, again := 0, 0, 0, 0, 0
	for i := range a.out.keys {
		k := a.out.key(i)
		if g.keys[k] {
			continue
		}
		ext++
		if g.shared(k) {
			shared++
			continue
		}
		own++
		c := a.out.countAt(i)
		ownCalls += c
		if c > 1 {
			again++
		}
	}
	if ext == 0 {
		return
	}
	f.SharedCallees = float64(shared) / float64(ext)
	if shared > 0 && own >= 5 {
		f.CallsPerCallee = float64(ownCalls) / float64(own)
		f.CalledAgainShare = float64(again) / float64(own)
	}
}

// calledAgain returns the share of external callees called more than once.
// Past the exact cap the first partyCap callees stand for all: their
// counts go on counting, and a box's first victims are as good a sample as
// its last, where calls per callee would blur a few numbers called all the
// time with many called twice.
func calledAgain(a *simAgg, g *groupView) float64 {
	again, callees := 0, 0
	for i := range a.out.keys {
		if g != nil && g.keys[a.out.key(i)] {
			continue
		}
		callees++
		if a.out.countAt(i) > 1 {
			again++
		}
	}
	if callees == 0 {
		return 0
	}
	return float64(again) / float64(callees)
}

// dayFeatures lists a SIM's days in date order.
func dayFeatures(a *simAgg) []DayFeatures {
	days := append([]dayAgg(nil), a.days...)
	sort.Slice(days, func(i, j int) bool { return days[i].day < days[j].day })
	out := make([]DayFeatures, len(days))
	for i, d := range days {
		out[i] = DayFeatures{
			Date:     civilDate(int64(d.day)),
			CallsOut: int(d.moc), CallsIn: int(d.mtc), SMSOut: int(d.smsMO), SMSIn: int(d.smsMT), Data: int(d.data),
			CallSeconds: int(d.mocDur),
			ActiveHours: bits.OnesCount32(d.hours), CallHours: bits.OnesCount32(d.hoursOut),
			Cells: bits.OnesCount32(d.cellBits),
		}
	}
	return out
}

// weekday returns the weekday of a day since 1970-01-01, Monday 0: that
// day was a Thursday.
func weekday(day int32) int { return int((day%7 + 10) % 7) }

// civilDate formats days since 1970-01-01 as YYYY-MM-DD (Hinnant's
// inverse of daysFromCivil).
func civilDate(z int64) string {
	z += 719468
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	b := []byte("0000-00-00")
	b[0], b[1], b[2], b[3] = byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10)
	b[5], b[6] = byte('0'+m/10), byte('0'+m%10)
	b[8], b[9] = byte('0'+d/10), byte('0'+d%10)
	return string(b)
}
