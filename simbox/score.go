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
	ReasonLowVolume       = "low_volume"        // too few outgoing calls to judge
	ReasonManyCalls       = "many_calls_out"    // far more outgoing calls a day than the population
	ReasonNoCallbacks     = "no_callbacks"      // callees do not call back
	ReasonFewCallsIn      = "few_calls_in"      // almost no incoming calls
	ReasonFanOut          = "fan_out"           // every call to a new number
	ReasonNoSMS           = "no_sms"            // no SMS outside its device
	ReasonNoData          = "no_data"           // no data sessions
	ReasonOneCell         = "one_cell"          // always at one cell
	ReasonIMEIChanges     = "many_imeis"        // the SIM moved between handsets
	ReasonSharedIMEI      = "shared_imei"       // its handset served other SIMs
	ReasonNightCalls      = "night_calls"       // calls in the hours everyone else is quiet
	ReasonRoundTheClock   = "round_the_clock"   // calls in most hours of each day
	ReasonNewSIM          = "new_sim"           // first seen after the extract began
	ReasonGoneSIM         = "gone_sim"          // last seen well before the extract ended
	ReasonDeviceGroup     = "device_group"      // other box-like SIMs share its place, hours or handsets
	ReasonGroupIMEI       = "group_shared_imei" // its device group shares handsets
	ReasonCallsInGroup    = "calls_in_group"    // calls or SMS among the SIMs of its device group
	ReasonSuspectContacts = "suspect_contacts"  // talks to other box-like SIMs
	ReasonNoDeviceProof   = "no_device_evidence"

	ReasonCallbacks      = "callbacks"       // callees call back
	ReasonCallsIn        = "calls_in"        // receives calls
	ReasonRepeatContacts = "repeat_contacts" // calls the same people again
	ReasonSMSUse         = "sms_use"         // texts people
	ReasonDataUse        = "data_use"        // uses mobile data
	ReasonOfficeHours    = "office_hours"    // calls only within a working day's hours
	ReasonWeekendsOff    = "weekends_off"    // no calls on Saturdays and Sundays
	ReasonWorkdays       = "workday_pattern" // both: a working person's week
	ReasonFewCalls       = "few_calls_out"   // no more calls than the population
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
	coreLogit    = 0.0  // box-like enough to count as evidence for its group mates
	minCallsOut  = 10
	// minCallsRelaxed is the volume judged for a SIM in a box's handset.
	minCallsRelaxed = 3
)

// individual scores a SIM on its own behaviour: each term is evidence for
// (positive) or against (negative) a box, on the log-odds scale, so reasons
// fall out of the largest terms. The terms follow what boxes cannot easily
// hide — fan-out to strangers who never call back — and use the hardware,
// clock and place as supporting evidence; thresholds on volume are relative
// to the population.
//
// relaxed lowers the volume needed to be judged at all, for a SIM whose
// handset also served box-like SIMs: a SIM just put into a known box is
// judged on its first few calls.
func (p *population) individual(f *Features, relaxed bool) (float64, []evidence) {
	if f.CallsOutExt < minCallsOut && !(relaxed && f.CallsOutExt >= minCallsRelaxed) {
		return -6, []evidence{{ReasonLowVolume, -6}}
	}
	ev := make([]evidence, 0, 16)
	add := func(code string, w float64) {
		if w != 0 {
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
	rel := f.CallsOutPerDay / p.medianOutDay
	pos(ReasonManyCalls, ReasonFewCalls, lerp(math.Log2(max(rel, 1e-3)), 0.5, 3, -1, 1.5))
	if p.hasMTC {
		pos(ReasonNoCallbacks, ReasonCallbacks, lerp(f.CallbackShare, 0.02, 0.25, 2, -3))
		pos(ReasonFewCallsIn, ReasonCallsIn, lerp(f.InOutRatio, 0.03, 0.4, 1.2, -2.5))
	}
	pos(ReasonFanOut, ReasonRepeatContacts, lerp(f.CallsPerCallee, 1.1, 2.5, 1.5, -2)+lerp(f.CalledAgainShare, 0.05, 0.4, 0.5, -1))
	days := float64(max(1, f.ActiveDays))
	if p.hasSMS {
		pos(ReasonNoSMS, ReasonSMSUse, lerp(float64(f.SMSExt)/days, 0, 1, 0.4, -0.8))
	}
	if p.hasData {
		pos(ReasonNoData, ReasonDataUse, lerp(float64(f.DataSessions)/days, 0, 3, 0.4, -0.4))
	}
	if p.hasCell && f.Cells > 0 && f.Cells <= 2 && f.TopCellShare >= 0.8 {
		add(ReasonOneCell, 0.3)
	}
	add(ReasonIMEIChanges, lerp(float64(f.IMEIs), 1, 3, 0, 1.2))
	add(ReasonSharedIMEI, lerp(float64(f.SIMsPerIMEI), 1, 3, 0, 1.5))
	add(ReasonNightCalls, lerp(f.NightShare, 0.05, 0.2, 0, 1.5))
	add(ReasonRoundTheClock, lerp(f.HoursPerDay, 12, 20, 0, 0.8))
	if f.FirstSeenDays >= 1 && p.spanDays >= 3 {
		add(ReasonNewSIM, 0.3)
	}
	if f.LastSeenDays >= 1 && p.spanDays >= 3 {
		add(ReasonGoneSIM, 0.3)
	}
	// A working week: calls within a working day's hours and none at
	// weekends. Boxes run long days every day; call-centre agents, who
	// otherwise look much like them (many calls to strangers, one cell, a
	// crowd of alike SIMs around), do not.
	office, weekendsOff := p.workday(f)
	switch {
	case office && weekendsOff:
		add(ReasonWorkdays, -4)
	case office && p.static(f):
		add(ReasonOfficeHours, -2.5)
	case office:
		add(ReasonOfficeHours, -1)
	case weekendsOff:
		add(ReasonWeekendsOff, -0.8)
	}
	l := bias
	for _, e := range ev {
		l += e.w
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

// static reports whether a SIM stays at one place (as far as cells show).
func (p *population) static(f *Features) bool {
	return p.hasCell && f.Cells > 0 && (f.Cells <= 2 || f.TopCellShare >= 0.8)
}

// callCentre reports whether a SIM keeps a call-centre agent's week:
// office hours, and weekends off or one place.
func (p *population) callCentre(f *Features) bool {
	office, weekendsOff := p.workday(f)
	return office && (weekendsOff || p.static(f))
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
	office      bool // the SIM itself keeps a call-centre agent's week
	core        int  // linked SIMs that are box-like on their own
	linked      int  // linked SIMs
	sharedIMEI  bool // members share handsets
	intraCalls  bool // members call or text each other
	suspectPeer int  // box-like SIMs outside the group it talks to
}

func (g groupEvidence) terms() []evidence {
	var ev []evidence
	if g.core > 0 {
		// A box's SIMs are mostly box-like; one box-like SIM among a crowd
		// linked by a busy cell says little. And a crowd of SIMs keeping
		// office hours at one place is a call centre: there the crowd is
		// no evidence of a box.
		purity := float64(g.core) / float64(max(1, g.linked))
		w := lerp(float64(g.core), 1, 6, 0.8, 2.2) * lerp(purity, 0.05, 0.3, 0.3, 1)
		if g.office {
			w *= 0.3
		}
		ev = append(ev, evidence{ReasonDeviceGroup, w})
		if g.sharedIMEI {
			ev = append(ev, evidence{ReasonGroupIMEI, 0.5})
		}
		if g.intraCalls {
			ev = append(ev, evidence{ReasonCallsInGroup, 0.3})
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
func (p *population) judge(ind float64, ev []evidence, g groupEvidence, f *Features) (float64, Verdict, []string) {
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
	return score, verdict, reasons(ev, verdict, device)
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
