package simbox

import "math"

// simAgg is everything kept about one served SIM while the extract streams
// by: counters, bounded sets and small sketches, never the rows. It is a
// few hundred bytes plus its sets, so memory follows subscribers, not rows.
type simAgg struct {
	msisdn      uint64
	first, last int64 // Unix seconds
	n           [numRecordTypes]uint32
	dur         [numRecordTypes]uint32 // seconds, saturating
	zeroOut     uint32                 // outgoing calls of 0 s
	shortIn     uint32                 // incoming calls under takenSeconds: not taken
	quick       uint32                 // outgoing calls placed within quickRedial of the last one's end
	lastEnd     int64                  // when its latest outgoing call ended, Unix seconds
	durBins     [numDurBins]uint16     // answered outgoing calls by length (durBinEdges)
	hourOut     [24]uint16             // outgoing calls by local hour
	out, in     partySet               // numbers called, numbers calling
	sms         partySet               // SMS peers, both directions
	cells       cellSet
	imeis       []uint64       // distinct IMEI bodies, up to imeiCap
	imeiOver    bool           // more than imeiCap
	imeiSIMs    int32          // after reading: the most SIMs any of its IMEIs served
	tacSIMs     int32          // after reading: SIM-handset pairs with the TAC of its first IMEI
	tacUsers    int32          // after reading: distinct SIMs whose first IMEI has that TAC
	area        uint64         // after reading: its main cell's location area, 0 if unknown
	mh          [mhBins]uint32 // MinHash of its (cell, time slot) pairs, for co-location
	days        []dayAgg
	lastDay     int32     // index in days of the latest day touched
	recent      [4]uint32 // fingerprints of its last rows, to drop duplicates
	rpos        uint8
}

const imeiCap = 16

// Answered calls are counted by length in these bins (upper edges, in
// seconds): a call's length is what a box's callees decide, and people
// who hang up on a stranger make a different shape than friends talking.
var durBinEdges = [numDurBins - 1]uint32{10, 30, 60, 180, 600}

const numDurBins = 6

// takenSeconds is how long an incoming call must last to have been taken:
// a call rejected, or picked up and dropped, is no conversation.
const takenSeconds = 5

// quickRedial is how soon after an outgoing call ends the next must start
// to count as an automatic redial: people take longer to dial.
const quickRedial = 5

// dayAgg is one SIM's local calendar day, in 32 bytes.
type dayAgg struct {
	day      int32  // days since 1970-01-01, local
	mocDur   uint32 // seconds of outgoing calls
	hours    uint32 // bit h: a call or SMS in local hour h
	hoursOut uint32 // bit h: an outgoing call in local hour h
	cellBits uint32 // bit (cell mod 32): a cheap distinct-cells estimate for the day
	moc, mtc uint16
	smsMO    uint16
	smsMT    uint16
	data     uint16
}

// mhBins is the size of the one-permutation MinHash over a SIM's (cell,
// two-hour slot) pairs: two SIMs in one box see the same cells at the same
// times, and their signatures agree bin by bin. Two hours, not one, so that
// SIMs of a box in a car, which each call now and then, still catch most
// of the cells it passes in a slot.
const (
	mhBins = 16
	mhSlot = 2 * 3600
)

// maxDays bounds the per-day records of one SIM (a year and a bit).
const maxDays = 400

func newSimAgg(k uint64) simAgg {
	a := simAgg{msisdn: k, lastDay: -1}
	for i := range a.mh {
		a.mh[i] = math.MaxUint32
	}
	return a
}

// shard aggregates the SIMs whose key hashes to it; one goroutine owns it.
type shard struct {
	index      index
	slabs      [][]simAgg
	n          int
	cellNames  map[uint64]string
	rows       int64
	dups       int64
	outOfOrder int64
	minT, maxT int64
}

const slabSize = 4096

func newShard() *shard {
	return &shard{cellNames: map[uint64]string{}, minT: math.MaxInt64, maxT: math.MinInt64}
}

func (s *shard) at(i int) *simAgg { return &s.slabs[i/slabSize][i%slabSize] }

func (s *shard) get(k uint64) *simAgg {
	slot := s.index.find(k)
	if slot.key == k {
		return s.at(int(slot.idx))
	}
	if s.n%slabSize == 0 {
		s.slabs = append(s.slabs, make([]simAgg, 0, slabSize))
	}
	last := len(s.slabs) - 1
	s.slabs[last] = append(s.slabs[last], newSimAgg(k))
	slot.key, slot.idx = k, uint32(s.n)
	s.index.added()
	s.n++
	return s.at(s.n - 1)
}

// index maps SIM keys to their place in a shard: open addressing with
// linear probing in one flat array, so that a lookup costs one cache miss
// where a Go map costs two or three — per row, on a million SIMs.
type index struct {
	slots []indexSlot
	n     int
}

type indexSlot struct {
	key uint64 // 0: empty (no E.164 number is 0)
	idx uint32
}

// find returns k's slot, or the empty slot where k belongs.
func (x *index) find(k uint64) *indexSlot {
	if len(x.slots) == 0 {
		x.slots = make([]indexSlot, 1024)
	}
	mask := uint64(len(x.slots) - 1)
	for i := mix64(k) & mask; ; i = (i + 1) & mask {
		if s := &x.slots[i]; s.key == k || s.key == 0 {
			return s
		}
	}
}

// added counts a filled slot, doubling the table past half full.
func (x *index) added() {
	x.n++
	if x.n*2 <= len(x.slots) {
		return
	}
	old := x.slots
	x.slots = make([]indexSlot, 2*len(old))
	mask := uint64(len(x.slots) - 1)
	for _, s := range old {
		if s.key == 0 {
			continue
		}
		i := mix64(s.key) & mask
		for x.slots[i].key != 0 {
			i = (i + 1) & mask
		}
		x.slots[i] = s
	}
}

// addChunk aggregates this shard's rows of one chunk.
func (s *shard) addChunk(rs []rec, buf []byte) {
	for i := range rs {
		s.add(&rs[i], buf)
	}
}

func (s *shard) add(r *rec, buf []byte) {
	a := s.get(r.sim)
	// A row identical to one of the SIM's last four is a duplicate from the
	// export, not a second call.
	fp := r.fingerprint()
	if a.recent[0] == fp || a.recent[1] == fp || a.recent[2] == fp || a.recent[3] == fp {
		s.dups++
		return
	}
	a.recent[a.rpos&3] = fp
	a.rpos++
	s.rows++

	total := a.n[MOC] + a.n[MTC] + a.n[SMSMO] + a.n[SMSMT] + a.n[Data]
	if total == 0 {
		a.first, a.last = r.t, r.t
	} else {
		if r.t < a.last {
			s.outOfOrder++
		}
		a.first = min(a.first, r.t)
		a.last = max(a.last, r.t)
	}
	s.minT = min(s.minT, r.t)
	s.maxT = max(s.maxT, r.t)
	a.n[r.typ]++
	a.dur[r.typ] = satAdd(a.dur[r.typ], r.dur)

	wall := r.wall()
	dayN := floorDiv(wall, 86400)
	hour := int((wall - dayN*86400) / 3600)
	d := a.day(int32(dayN))
	if d != nil && r.typ != Data {
		d.hours |= 1 << hour
	}
	switch r.typ {
	case MOC:
		a.out.add(r.party)
		if r.dur == 0 {
			a.zeroOut++
		} else {
			b := 0
			for b < len(durBinEdges) && r.dur >= durBinEdges[b] {
				b++
			}
			a.durBins[b] = sat16(a.durBins[b])
		}
		// Gaps only where the SIM's rows come in time order; an
		// extract in another order simply shows none.
		if a.lastEnd != 0 && r.t >= a.lastEnd && r.t-a.lastEnd <= quickRedial {
			a.quick++
		}
		a.lastEnd = max(a.lastEnd, r.t+int64(r.dur))
		a.hourOut[hour] = sat16(a.hourOut[hour])
		if d != nil {
			d.moc = sat16(d.moc)
			d.mocDur = satAdd(d.mocDur, r.dur)
			d.hoursOut |= 1 << hour
		}
	case MTC:
		if r.party != 0 {
			a.in.add(r.party)
		}
		if r.dur < takenSeconds {
			a.shortIn++
		}
		if d != nil {
			d.mtc = sat16(d.mtc)
		}
	case SMSMO, SMSMT:
		if r.party != 0 {
			a.sms.add(r.party)
		}
		if d != nil {
			if r.typ == SMSMO {
				d.smsMO = sat16(d.smsMO)
			} else {
				d.smsMT = sat16(d.smsMT)
			}
		}
	case Data:
		if d != nil {
			d.data = sat16(d.data)
		}
	}
	if r.cell != 0 {
		if a.cells.add(r.cell) {
			if _, ok := s.cellNames[r.cell]; !ok {
				s.cellNames[r.cell] = string(buf[r.cellOff : r.cellOff+uint32(r.cellLen)])
			}
		}
		if d != nil {
			d.cellBits |= 1 << (r.cell & 31)
		}
		if r.typ != Data {
			h := mix64(r.cell ^ uint64(floorDiv(wall, mhSlot))*0x9e3779b97f4a7c15)
			if b, v := h>>60, uint32(h); v < a.mh[b] {
				a.mh[b] = v
			}
		}
	}
	if r.imei != 0 {
		a.addIMEI(r.imei)
	}
}

// day returns the SIM's record of local day n, creating it; nil once the
// SIM has maxDays days.
func (a *simAgg) day(n int32) *dayAgg {
	if a.lastDay >= 0 && a.days[a.lastDay].day == n {
		return &a.days[a.lastDay]
	}
	for i := range a.days {
		if a.days[i].day == n {
			a.lastDay = int32(i)
			return &a.days[i]
		}
	}
	if len(a.days) >= maxDays {
		return nil
	}
	if len(a.days) == cap(a.days) {
		// Grow one day at a time: new days are rare next to rows, and a
		// million SIMs' spare capacity is not.
		a.days = append(make([]dayAgg, 0, len(a.days)+1), a.days...)
	}
	a.days = append(a.days, dayAgg{day: n})
	a.lastDay = int32(len(a.days) - 1)
	return &a.days[a.lastDay]
}

func (a *simAgg) addIMEI(k uint64) {
	for _, x := range a.imeis {
		if x == k {
			return
		}
	}
	if len(a.imeis) < imeiCap {
		a.imeis = append(a.imeis, k)
		return
	}
	a.imeiOver = true
}

func sat16(v uint16) uint16 {
	if v == math.MaxUint16 {
		return v
	}
	return v + 1
}

func satAdd(a, b uint32) uint32 {
	if s := a + b; s >= a {
		return s
	}
	return math.MaxUint32
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}
