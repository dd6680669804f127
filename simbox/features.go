package simbox

import (
	"math"
	"math/bits"
	"sort"
)

// Features are what the detector measured of one SIM over the whole
// extract. "External" traffic leaves out the SIM's own device group: boxes
// that imitate people call and text among their own SIMs, and that traffic
// must not pass for a social life.
type Features struct {
	CallsOut         int     `json:"calls_out"`
	CallsIn          int     `json:"calls_in"`
	CallsOutExt      int     `json:"calls_out_ext"`
	CallsInExt       int     `json:"calls_in_ext"`
	InOutRatio       float64 `json:"in_out_ratio"`       // external incoming per external outgoing call
	DistinctCallees  int     `json:"distinct_callees"`   // external
	DistinctCallers  int     `json:"distinct_callers"`   // external
	CallbackShare    float64 `json:"callback_share"`     // external callees who also called the SIM
	CalledAgainShare float64 `json:"called_again_share"` // external callees called more than once
	CallsPerCallee   float64 `json:"calls_per_callee"`
	SMSOut           int     `json:"sms_out"`
	SMSIn            int     `json:"sms_in"`
	SMSExt           int     `json:"sms_ext"` // SMS with parties outside the device group
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
	CallHours        int     `json:"call_hours"`       // distinct local hours of the day with outgoing calls
	HoursPerDay      float64 `json:"hours_per_day"`    // mean distinct hours with outgoing calls, per day with one
	NightShare       float64 `json:"night_share"`      // outgoing calls in the population's quiet hours
	Window10Share    float64 `json:"window10_share"`   // outgoing calls within its busiest 10 consecutive hours of the day
	WeekendShare     float64 `json:"weekend_share"`    // outgoing calls on Saturdays and Sundays
	MeanCallSeconds  float64 `json:"mean_call_s"`      // outgoing
	ZeroCallShare    float64 `json:"zero_call_share"`  // outgoing calls of 0 s (unanswered)
	FirstSeenDays    float64 `json:"first_seen_days"`  // from the extract's start to the SIM's first row
	LastSeenDays     float64 `json:"last_seen_days"`   // from the SIM's last row to the extract's end
	LinkedSIMs       int     `json:"linked_sims"`      // SIMs linked to it as parts of one device
	LinkedBoxLike    int     `json:"linked_box_like"`  // of those, the ones that look like box SIMs on their own
	SuspectContacts  int     `json:"suspect_contacts"` // box-like SIMs not linked to it that it called or was called by

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
}

// groupView is what the features see of the SIMs linked to one SIM: their
// traffic with it is set apart from its "external" traffic.
type groupView struct {
	members []*simAgg
	keys    map[uint64]bool // the members' numbers
}

// features measures one SIM. g may be nil (before grouping).
func (p *population) features(a *simAgg, g *groupView) Features {
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
	if f.DistinctCallees > 0 {
		f.CallsPerCallee = float64(f.CallsOutExt) / float64(f.DistinctCallees)
		f.CallbackShare = callbackShare(a, g)
		f.CalledAgainShare = calledAgain(a, g)
	}

	// Place.
	f.Cells = a.cells.distinct()
	if t := a.cells.top(); t >= 0 {
		f.TopCellShare = float64(a.cells.count(t)) / float64(max(1, a.cells.total()))
	}

	// Handsets.
	f.IMEIs = len(a.imeis)
	if a.imeiOver {
		f.IMEIs++
	}
	f.SIMsPerIMEI, f.SIMsPerTAC = int(a.imeiSIMs), int(a.tacSIMs)

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
	}
	f.FirstSeenDays = float64(a.first-p.start) / 86400
	f.LastSeenDays = float64(p.end-a.last) / 86400
	if g != nil {
		f.LinkedSIMs = len(g.members)
	}
	return f
}

// callbackShare returns the share of the SIM's external callees who called
// it too. Exact while both sets are; with one set past its cap, the other's
// exact members are looked up in its Bloom filter; with both past, the
// ratio of distinct callers to callees stands in (such a SIM talks both
// ways to hundreds of numbers, and the precise share no longer matters).
func callbackShare(a *simAgg, g *groupView) float64 {
	inGroup := func(k uint64) bool { return g != nil && g.keys[k] }
	var both, callees int
	switch {
	case a.out.exact():
		for i := range a.out.keys {
			k := a.out.key(i)
			if inGroup(k) {
				continue
			}
			callees++
			if a.in.has(k) {
				both++
			}
		}
	case a.in.exact():
		for i := range a.in.keys {
			if k := a.in.key(i); !inGroup(k) && a.out.has(k) {
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

// calledAgain returns the share of external callees called more than once;
// past the exact cap it is estimated from the calls per callee.
func calledAgain(a *simAgg, g *groupView) float64 {
	if !a.out.exact() {
		extra := float64(a.n[MOC]) - float64(a.out.n)
		return min(1, max(0, extra/float64(max(1, a.out.n))))
	}
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
