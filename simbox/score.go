package simbox

import (
	"math"
	"sort"
)

// Verdict is the detector's judgement of one SIM.
type Verdict string

// The verdicts, from the most to the least certain.
const (
	VerdictSimbox  Verdict = "simbox"  // a SIM of a SIM box: ready for field units
	VerdictSuspect Verdict = "suspect" // box-like, short of the evidence to say so
	VerdictClean   Verdict = "clean"
)

// Reason codes. They are stable: analysts filter on them and the suspects
// file carries them. Codes for evidence against a box explain clean verdicts.
const (
	ReasonLowVolume       = "low_volume"         // too few outgoing calls to judge
	ReasonManyCalls       = "many_calls_out"     // far more outgoing calls a day than the population
	ReasonNoCallbacks     = "no_callbacks"       // callees do not call back
	ReasonFewCallsIn      = "few_calls_in"       // almost no incoming calls
	ReasonFanOut          = "fan_out"            // every call to a new number
	ReasonArranged        = "arranged_callers"   // called by a few numbers that call other fan-out SIMs too
	ReasonNoSMS           = "no_sms"             // no SMS outside its device
	ReasonNoData          = "no_data"            // no data sessions
	ReasonOneCell         = "one_cell"           // always at one cell
	ReasonIMEIChanges     = "many_imeis"         // the SIM moved between handsets
	ReasonSharedIMEI      = "shared_imei"        // its handset served other SIMs
	ReasonNightCalls      = "night_calls"        // calls in the hours everyone else is quiet
	ReasonRoundTheClock   = "round_the_clock"    // calls in most hours of each day
	ReasonColdCalls       = "cold_calls"         // most calls unanswered or hung up on at once
	ReasonRejectsCalls    = "rejects_calls"      // most calls made to it are not taken
	ReasonQuickRedial     = "quick_redial"       // dials again within seconds of hanging up
	ReasonGroupTAC        = "group_tac"          // its group's handsets are a model no one else uses
	ReasonNationwide      = "nationwide_callees" // callees all over the country, few in its own area
	ReasonNewSIM          = "new_sim"            // first seen after the extract began
	ReasonGoneSIM         = "gone_sim"           // last seen well before the extract ended
	ReasonDeviceGroup     = "device_group"       // other box-like SIMs share its place, hours or handsets
	ReasonGroupIMEI       = "group_shared_imei"  // its device group shares handsets
	ReasonCallsInGroup    = "calls_in_group"     // calls or SMS among the SIMs of its device group
	ReasonAppeared        = "appeared_together"  // box-like SIMs of its group were first seen the same day
	ReasonNumberBatch     = "number_batch"       // its group holds numbers next to its own: bought as a batch
	ReasonSuspectContacts = "suspect_contacts"   // talks to other box-like SIMs
	ReasonNoDeviceProof   = "no_device_evidence"

	ReasonCallbacks       = "callbacks"        // callees call back
	ReasonCalledByMany    = "called_by_many"   // many numbers it never called call it
	ReasonOwnPlace        = "own_place"        // spends time at a place of its own, apart from its group
	ReasonPrivateContacts = "private_contacts" // talks both ways, again and again, with people of its own
	ReasonCallsIn         = "calls_in"         // receives calls
	ReasonRepeatContacts  = "repeat_contacts"  // calls the same people again
	ReasonSMSUse          = "sms_use"          // texts people
	ReasonDataUse         = "data_use"         // uses mobile data
	ReasonOfficeHours     = "office_hours"     // calls only within a working day's hours
	ReasonWeekendsOff     = "weekends_off"     // no calls on Saturdays and Sundays
	ReasonWorkdays        = "workday_pattern"  // both: a working person's week
	ReasonFewCalls        = "few_calls_out"    // fewer calls than the population
)

// evidence is one term of a SIM's score, in log-odds.
type evidence struct {
	code string
	w    float64
}

// Score thresholds, in log-odds.
const (
	bias         = -4.0 // prior: box SIMs are a few in a hundred
	simboxLogit  = 2.2  // score ≥ 0.9
	suspectLogit = 0.0  // score ≥ 0.5
	strongLogit  = 4.5  // a SIM this box-like on its own needs no device evidence
	blindLogit   = 2.7  // the same, for a SIM whose rows have neither IMEIs nor cells
	candLogit    = -2.5 // box-like enough to be grouped
	coreLogit    = -1.0 // box-like enough to count as evidence for its group mates
	minCallsOut  = 10
	// minCallsRelaxed is the volume judged for a SIM in a box's handset.
	minCallsRelaxed = 3
	// cheapCap bounds what the cheap signs of a person — SMS, data, a
	// working week, calls received in any number — can take off a score
	// together: a box fakes them all for little, so together they weigh
	// about what one costly sign does, and never cancel a device group.
	cheapCap = 1.2
)

// individual scores a SIM on its own behaviour: each term is evidence for
// (positive) or against (negative) a box, on the log-odds scale, so reasons
// fall out of the largest terms.
//
// The terms are weighed by what they would cost a box to fake at scale.
// Costly, and weighed fully: calling strangers once each (the box's
// business), call-backs from the callees themselves, many distinct numbers
// calling it unasked, a place of its own and people it talks to again and
// again, none of them shared with other SIMs that fan out; and, against
// it, call-backs arranged from a few numbers that call its group mates
// too. Cheap, and capped together at cheapCap: SMS, data sessions, a
// working week, the number of calls received. The signs a careless box
// leaves (no SMS, no data, night calls, cold calls, modem-like dialling)
// count for it but never against. Thresholds on volume are relative to
// the population.
//
// relaxed lowers the volume needed to be judged at all, for a SIM whose
// handset also served box-like SIMs: a SIM just put into a known box is
// judged on its first few calls.
func (p *population) individual(f *Features, relaxed bool) (float64, []evidence) {
	return p.weigh(f, relaxed, true)
}

// logit is individual's score alone, without the garbage of its terms:
// the rounds before judging need no more, for every SIM.
func (p *population) logit(f *Features, relaxed bool) float64 {
	l, _ := p.weigh(f, relaxed, false)
	return l
}

func (p *population) weigh(f *Features, relaxed, collect bool) (float64, []evidence) {
	if f.CallsOutExt < minCallsOut && !(relaxed && f.CallsOutExt >= minCallsRelaxed) {
		if !collect {
			return -6, nil
		}
		return -6, []evidence{{ReasonLowVolume, -6}}
	}
	var ev []evidence
	if collect {
		ev = make([]evidence, 0, 24)
	}
	l := bias
	add := func(code string, w float64) {
		if w == 0 {
			return
		}
		l += w
		if collect {
			ev = append(ev, evidence{code, w})
		}
	}
	pos := func(good, bad string, w float64) {
		if w >= 0 {
			add(good, w)
		} else {
			add(bad, w)
		}
	}
	days := float64(max(1, f.ActiveDays))

	// Costly to fake.
	rel := math.Log2(max(f.CallsOutPerDay/p.medianOutDay, 1e-3))
	pos(ReasonManyCalls, ReasonFewCalls, lerp(rel, 0, 3, 0, 1.5)+lerp(rel, -1, 0, -0.5, 0))
	// Callees its group calls too are neither strangers called once nor a
	// person's own people: a list worked through any SIM. They count for
	// neither side, so the fan-out is weighed by the share of its own.
	fan := lerp(f.CallsPerCallee, 1.1, 2.5, 1.5, -2) + lerp(f.CalledAgainShare, 0.05, 0.4, 0.5, -1)
	if fan > 0 {
		fan *= 1 - f.SharedCallees
	}
	pos(ReasonFanOut, ReasonRepeatContacts, fan)
	if p.hasMTC {
		// Calls received speak for a person only when someone takes
		// them: a box rejects the call-backs of the people it called.
		taken := lerp(1-f.UnansweredIn, 0.3, 0.7, 0, 1)
		cb := lerp(f.CallbackShare, 0.03, 0.3, 1.5, -2.5)
		if cb < 0 {
			cb *= taken
		}
		pos(ReasonNoCallbacks, ReasonCallbacks, cb)
		if p.arranged != nil {
			// Until the arranged callers are known (the first round),
			// callers it never called cannot be told from them.
			add(ReasonCalledByMany, taken*lerp(float64(f.Unsolicited)/days, 0.15, 1.5, 0, -2.5))
		}
		if f.CallsInExt >= 6 && f.ArrangedCallers >= 2 {
			add(ReasonArranged, lerp(f.ArrangedShare, 0.2, 0.7, 0, 2))
		}
	}
	if p.hasCell && f.PrivatePlaces > 0 {
		// A box would need a gateway a SIM, each in someone's home.
		add(ReasonOwnPlace, -2)
	}
	add(ReasonPrivateContacts, lerp(float64(f.PrivateContacts), 0, 4, 0, -1.2))
	add(ReasonIMEIChanges, lerp(float64(f.IMEIs), 1, 3, 0, 1.2))
	add(ReasonSharedIMEI, lerp(float64(f.SIMsPerIMEI), 1, 3, 0, 1.5))
	if f.FirstSeenDays >= 1 && p.spanDays >= 3 {
		add(ReasonNewSIM, 0.3)
	}
	if f.LastSeenDays >= 1 && p.spanDays >= 3 {
		add(ReasonGoneSIM, 0.3)
	}

	// Signs a careless box leaves: for it, never against.
	if p.hasMTC {
		add(ReasonFewCallsIn, lerp(f.InOutRatio, 0.03, 0.15, 1.2, 0))
		if f.CallsInExt >= 10 {
			add(ReasonRejectsCalls, lerp(f.UnansweredIn, 0.4, 0.8, 0, 1))
		}
	}
	if p.hasSMS && f.SMSExt == 0 {
		add(ReasonNoSMS, 0.4)
	}
	if p.hasData && f.DataSessions == 0 {
		add(ReasonNoData, 0.4)
	}
	if p.hasCell && f.Cells > 0 && f.Cells <= 2 && f.TopCellShare >= 0.8 {
		add(ReasonOneCell, 0.3)
	}
	add(ReasonNightCalls, lerp(f.NightShare, 0.05, 0.2, 0, 1.5))
	add(ReasonRoundTheClock, lerp(f.HoursPerDay, 12, 20, 0, 0.8))
	add(ReasonColdCalls, lerp(f.ZeroCallShare+(1-f.ZeroCallShare)*f.ShortCallShare, 0.3, 0.55, 0, 0.6))
	add(ReasonQuickRedial, lerp(f.QuickRedialShare, 0.05, 0.3, 0, 0.8))
	// A handset model that only its own group uses: a box's modules, not
	// phones, whose users are all over the country. A box that spoofs
	// phones' IMEIs shows none.
	if f.GroupTAC >= 3 {
		add(ReasonGroupTAC, 0.4)
	}
	if p.geoLocal > 0 && f.AreaCallees >= 5 && f.Areas >= 4 {
		add(ReasonNationwide, lerp(f.LocalCalleeShare, p.geoLocal/2, p.geoLocal/5, 0, 0.6))
	}

	// Cheap signs of a person, capped together.
	var cheap [4]evidence
	nc := 0
	addCheap := func(code string, w float64) {
		if w < 0 {
			cheap[nc] = evidence{code, w}
			nc++
		}
	}
	if p.hasMTC {
		addCheap(ReasonCallsIn, lerp(f.InOutRatio, 0.15, 0.5, 0, -0.6))
	}
	if p.hasSMS {
		addCheap(ReasonSMSUse, lerp(float64(f.SMSExt)/days, 0, 1, 0, -0.6))
	}
	if p.hasData {
		addCheap(ReasonDataUse, lerp(float64(f.DataSessions)/days, 0, 3, 0, -0.4))
	}
	switch office, weekendsOff := p.workday(f); {
	case office && weekendsOff:
		addCheap(ReasonWorkdays, -0.8)
	case office:
		addCheap(ReasonOfficeHours, -0.5)
	case weekendsOff:
		addCheap(ReasonWeekendsOff, -0.5)
	}
	sum := 0.0
	for _, e := range cheap[:nc] {
		sum += e.w
	}
	scale := 1.0
	if sum < -cheapCap {
		scale = -cheapCap / sum
	}
	for _, e := range cheap[:nc] {
		add(e.code, e.w*scale)
	}
	return l, ev
}

// workday reports whether a SIM calls only within a working day's hours
// (ten consecutive hours hold 95% of its calls), and whether it keeps its
// weekends free although the extract and its own activity span one.
func (p *population) workday(f *Features) (office, weekendsOff bool) {
	office = f.Window10Share >= 0.95
	weekendsOff = p.weekendInSpan && f.ActiveDays >= 3 && f.WeekendShare < 0.02 && (f.spansWeekend || f.weekdays >= 4)
	return office, weekendsOff
}

// lerp maps x from [x0, x1] to [y0, y1] linearly, holding the ends.
func lerp(x, x0, x1, y0, y1 float64) float64 {
	t := (x - x0) / (x1 - x0)
	t = min(1, max(0, t))
	return y0 + t*(y1-y0)
}

func sigmoid(l float64) float64 { return 1 / (1 + math.Exp(-l)) }

// groupEvidence is what a SIM's device group adds to its score.
type groupEvidence struct {
	core        int  // linked SIMs that are box-like on their own
	linked      int  // linked SIMs
	sharedIMEI  bool // members share handsets
	intraCalls  bool // members call or text each other
	appeared    int  // box-like members first seen the same day as it, after the start
	batch       int  // members with numbers next to its own
	suspectPeer int  // box-like SIMs outside the group it talks to
}

// terms weighs the group. A box's SIMs are mostly box-like; one box-like
// SIM among a crowd linked by a busy cell says little. What a call
// centre's crowd has and a box's has not — people who go home, customers
// who call — is weighed on each SIM, where a box cannot borrow it.
func (g groupEvidence) terms() []evidence {
	var ev []evidence
	if g.core > 0 {
		purity := float64(g.core) / float64(max(1, g.linked))
		w := lerp(float64(g.core), 1, 6, 0.8, 2.2) * lerp(purity, 0.05, 0.3, 0.3, 1)
		ev = append(ev, evidence{ReasonDeviceGroup, w})
		if g.sharedIMEI {
			ev = append(ev, evidence{ReasonGroupIMEI, 0.5})
		}
		if g.intraCalls {
			ev = append(ev, evidence{ReasonCallsInGroup, 0.3})
		}
		if g.appeared >= 2 {
			ev = append(ev, evidence{ReasonAppeared, 0.4})
		}
		if g.batch >= 2 {
			ev = append(ev, evidence{ReasonNumberBatch, 0.3})
		}
	}
	if g.suspectPeer >= 2 {
		ev = append(ev, evidence{ReasonSuspectContacts, 0.3})
	}
	return ev
}

// judge turns the evidence into a score, a verdict and reason codes. A
// simbox verdict needs, besides the score, evidence of a device: handsets
// shared or swapped, other box-like SIMs with it, calls at night — or a SIM
// so box-like on its own that it speaks for itself.
//
// A SIM whose rows carry neither IMEIs nor cells cannot show a device;
// there the behaviour alone decides, at a higher bar.
func (p *population) judge(ind float64, ev []evidence, g groupEvidence, f *Features) (float64, Verdict, []string, []evidence) {
	l := ind
	for _, e := range g.terms() {
		l += e.w
		ev = append(ev, e)
	}
	score := sigmoid(l)
	verdict := VerdictClean
	strong := strongLogit
	if f.IMEIs == 0 && f.Cells == 0 {
		strong = blindLogit
	}
	device := g.core > 0 || f.SIMsPerIMEI >= 2 || f.IMEIs >= 3 || f.NightShare >= 0.12 || ind >= strong
	switch {
	case l >= simboxLogit && device:
		verdict = VerdictSimbox
	case l >= suspectLogit:
		verdict = VerdictSuspect
	}
	return score, verdict, reasons(ev, verdict, device), ev
}

// Term is one piece of evidence in a SIM's score: a reason code and its
// weight in log-odds, positive for a box and negative against. The terms
// and the prior (-4) sum to the logit of Subscriber.Score.
type Term struct {
	Code   string  `json:"code"`
	Weight float64 `json:"weight"`
}

// terms lists the evidence that carries weight, largest first (reasons has
// sorted ev already).
func terms(ev []evidence) []Term {
	out := make([]Term, 0, len(ev))
	for _, e := range ev {
		if math.Abs(e.w) >= 0.005 {
			out = append(out, Term{e.code, math.Round(e.w*100) / 100})
		}
	}
	return out
}

// reasons lists the codes of the terms that mattered: for a flagged SIM the
// evidence for, for a clean one the evidence against, largest first.
func reasons(ev []evidence, v Verdict, device bool) []string {
	sort.SliceStable(ev, func(i, j int) bool { return math.Abs(ev[i].w) > math.Abs(ev[j].w) })
	var out []string
	for _, e := range ev {
		if math.Abs(e.w) < 0.25 {
			continue
		}
		if (v == VerdictClean) != (e.w < 0) {
			continue
		}
		out = append(out, e.code)
		if v == VerdictClean && len(out) == 3 {
			break
		}
	}
	if v == VerdictSuspect && !device {
		out = append(out, ReasonNoDeviceProof)
	}
	return out
}
