package simbox

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"time"
)

// Device is a probable SIM box: SIMs grouped by shared handsets, the same
// cells in the same hours, matching daily rhythms or calls among
// themselves. Its ID is derived from its members, so a rerun over the same
// extract names it the same.
type Device struct {
	ID        string    `json:"id"`
	MSISDNs   []string  `json:"msisdns"`
	IMEIs     []string  `json:"imeis"`
	Cells     []string  `json:"cells"`    // the members' most used cells
	Evidence  []string  `json:"evidence"` // link codes: shared_imei, co_located, synchronized, calls_among_members
	Simbox    int       `json:"simbox"`   // members judged simbox
	Suspect   int       `json:"suspect"`  // members judged suspect
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
}

// Link codes: why SIMs were put in one device.
const (
	LinkSharedIMEI   = "shared_imei"         // the same handset served them
	LinkCoLocated    = "co_located"          // the same cells in the same hours
	LinkSynchronized = "synchronized"        // the same main cell and daily rhythm
	LinkCalls        = "calls_among_members" // they call or text each other
)

// Bounds on the pairwise comparisons, so a crowd (a stadium cell, a
// popular handset model) cannot make grouping quadratic in subscribers.
const (
	maxIMEISIMs   = 64  // an IMEI seen with more SIMs is a placeholder value, not a handset
	maxBucket     = 512 // candidates compared within one LSH bucket or cell
	minJaccard    = 0.35
	minHourCosine = 0.8
	minPairEvents = 2
)

// unionFind groups SIM indices.
type unionFind struct{ parent, size []int32 }

func newUnionFind(n int) *unionFind {
	u := &unionFind{parent: make([]int32, n), size: make([]int32, n)}
	for i := range u.parent {
		u.parent[i], u.size[i] = int32(i), 1
	}
	return u
}

func (u *unionFind) find(i int32) int32 {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

func (u *unionFind) union(a, b int32) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if u.size[ra] < u.size[rb] {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
	u.size[ra] += u.size[rb]
}

// Link kinds, as bits.
const (
	linkIMEI uint8 = 1 << iota
	linkPlace
	linkRhythm
	linkCalls
)

var linkCodes = []struct {
	bit  uint8
	code string
}{{linkIMEI, LinkSharedIMEI}, {linkPlace, LinkCoLocated}, {linkRhythm, LinkSynchronized}, {linkCalls, LinkCalls}}

// links is the graph of SIMs that look like parts of one device. Evidence
// is read from a SIM's direct neighbours only: chains of weak links through
// a crowded cell must not lend a box's evidence to people nearby.
type links struct {
	nbr   [][]int32 // each SIM's neighbours, in index order once built
	kinds [][]uint8 // kinds[a][x]: the link kinds between a and nbr[a][x]
	// building holds the kinds by pair while the graph is built; it is
	// dropped after, as it costs more than the slices.
	building map[[2]int32]uint8
}

func (l *links) add(a, b int32, kind uint8) {
	if a == b {
		return
	}
	if a > b {
		a, b = b, a
	}
	k := [2]int32{a, b}
	old, ok := l.building[k]
	l.building[k] = old | kind
	if !ok {
		l.nbr[a] = append(l.nbr[a], b)
		l.nbr[b] = append(l.nbr[b], a)
	}
}

// kindOf returns the kinds of the link between a and b, 0 for none.
func (l *links) kindOf(a, b int32) uint8 {
	if l.building != nil {
		return l.building[[2]int32{min(a, b), max(a, b)}]
	}
	if x, ok := slices.BinarySearch(l.nbr[a], b); ok {
		return l.kinds[a][x]
	}
	return 0
}

// linked reports whether a and b are neighbours.
func (l *links) linked(a, b int32) bool {
	_, ok := slices.BinarySearch(l.nbr[a], b)
	return ok
}

// done sorts the neighbours and moves the kinds from the map to the slices.
func (l *links) done() {
	l.kinds = make([][]uint8, len(l.nbr))
	for a := range l.nbr {
		slices.Sort(l.nbr[a])
		if len(l.nbr[a]) == 0 {
			continue
		}
		l.kinds[a] = make([]uint8, len(l.nbr[a]))
		for x, b := range l.nbr[a] {
			l.kinds[a][x] = l.building[[2]int32{min(int32(a), b), max(int32(a), b)}]
		}
	}
	l.building = nil
}

// linkSIMs links candidate SIMs that look like parts of one device. cand
// marks SIMs box-like enough on their own to be compared; hs lists the
// SIMs of each IMEI (see handsets).
func linkSIMs(sims []*simAgg, cand []bool, hs []handset, byKey map[uint64]int32) *links {
	l := &links{nbr: make([][]int32, len(sims)), building: map[[2]int32]uint8{}}

	// Shared handsets, whenever one of the SIMs is a candidate.
	for lo := 0; lo < len(hs); {
		hi := lo + 1
		for hi < len(hs) && hs[hi].imei == hs[lo].imei {
			hi++
		}
		if s := hs[lo:hi]; len(s) >= 2 && len(s) <= maxIMEISIMs {
			for x := 0; x < len(s); x++ {
				for y := x + 1; y < len(s); y++ {
					if cand[s[x].sim] || cand[s[y].sim] {
						l.add(s[x].sim, s[y].sim, linkIMEI)
					}
				}
			}
		}
		lo = hi
	}

	var cands []int32
	for i, c := range cand {
		if c {
			cands = append(cands, int32(i))
		}
	}

	// The same cells at the same times: locality-sensitive hashing on
	// bands of two MinHash bins, then the estimate over all bins.
	buckets := map[[3]uint32][]int32{}
	for _, i := range cands {
		mh := &sims[i].mh
		for b := 0; b < mhBins; b += 2 {
			if mh[b] == math.MaxUint32 || mh[b+1] == math.MaxUint32 {
				continue
			}
			key := [3]uint32{uint32(b), mh[b], mh[b+1]}
			buckets[key] = append(buckets[key], i)
		}
	}
	keys := make([][3]uint32, 0, len(buckets))
	for k, v := range buckets {
		if len(v) >= 2 && len(v) <= maxBucket {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		return a[0] < b[0] || a[0] == b[0] && (a[1] < b[1] || a[1] == b[1] && a[2] < b[2])
	})
	for _, k := range keys {
		v := buckets[k]
		for x := 0; x < len(v); x++ {
			for y := x + 1; y < len(v); y++ {
				if l.kindOf(v[x], v[y])&linkPlace == 0 && jaccard(&sims[v[x]].mh, &sims[v[y]].mh) >= minJaccard {
					l.add(v[x], v[y], linkPlace)
				}
			}
		}
	}

	// The same main cell and the same rhythm of the day: boxes whose SIMs
	// camp on neighbouring cells hour by hour still share their main one.
	byCell := map[uint64][]int32{}
	for _, i := range cands {
		if t := sims[i].cells.top(); t >= 0 {
			k := sims[i].cells.id(t)
			byCell[k] = append(byCell[k], i)
		}
	}
	cells := make([]uint64, 0, len(byCell))
	for k, v := range byCell {
		if len(v) >= 2 && len(v) <= maxBucket {
			cells = append(cells, k)
		}
	}
	sort.Slice(cells, func(i, j int) bool { return cells[i] < cells[j] })
	for _, k := range cells {
		v := byCell[k]
		for x := 0; x < len(v); x++ {
			for y := x + 1; y < len(v); y++ {
				a, b := sims[v[x]], sims[v[y]]
				if hourCosine(a, b) >= minHourCosine && dayOverlap(a, b) >= 0.5 {
					l.add(v[x], v[y], linkRhythm)
				}
			}
		}
	}

	// Calls and SMS among candidates that share a cell, read from the
	// receiving side (its MTC and SMS rows name the sender). Friends call
	// each other too, from their own homes: a box's SIMs do it from one
	// place.
	for _, i := range cands {
		a := sims[i]
		for _, set := range []*partySet{&a.in, &a.sms} {
			for x := range set.keys {
				j, ok := byKey[set.key(x)]
				if !ok || !cand[j] || j == i {
					continue
				}
				n := set.countAt(x) + sims[j].in.count(a.msisdn) + sims[j].sms.count(a.msisdn)
				if n >= minPairEvents && shareCell(a, sims[j]) {
					l.add(i, j, linkCalls)
				}
			}
		}
	}
	l.done()
	return l
}

// shareCell reports whether two SIMs were served by a common cell, or
// whether either has no cells to tell.
func shareCell(a, b *simAgg) bool {
	if len(a.cells.keys) == 0 || len(b.cells.keys) == 0 {
		return true
	}
	for i := range a.cells.keys {
		for j := range b.cells.keys {
			if a.cells.id(i) == b.cells.id(j) {
				return true
			}
		}
	}
	return false
}

// jaccard estimates the Jaccard similarity of two SIMs' (cell, hour) sets
// from their one-permutation MinHash signatures.
func jaccard(a, b *[mhBins]uint32) float64 {
	match, used, bothUsed := 0, 0, 0
	for i := range a {
		ea, eb := a[i] == math.MaxUint32, b[i] == math.MaxUint32
		if ea && eb {
			continue
		}
		used++
		if !ea && !eb {
			bothUsed++
			if a[i] == b[i] {
				match++
			}
		}
	}
	if used == 0 || bothUsed < 4 {
		return 0
	}
	return float64(match) / float64(used)
}

// hourCosine compares two SIMs' outgoing calls by hour of the day.
func hourCosine(a, b *simAgg) float64 {
	var ab, aa, bb float64
	for h := range a.hourOut {
		x, y := float64(a.hourOut[h]), float64(b.hourOut[h])
		ab += x * y
		aa += x * x
		bb += y * y
	}
	if aa == 0 || bb == 0 {
		return 0
	}
	return ab / math.Sqrt(aa*bb)
}

// dayOverlap is the share of the less active SIM's calling days on which
// the other called too.
func dayOverlap(a, b *simAgg) float64 {
	both, na, nb := 0, 0, 0
	for _, x := range a.days {
		if x.moc == 0 {
			continue
		}
		na++
		for _, y := range b.days {
			if y.day == x.day && y.moc > 0 {
				both++
				break
			}
		}
	}
	for _, y := range b.days {
		if y.moc > 0 {
			nb++
		}
	}
	if min(na, nb) == 0 {
		return 0
	}
	return float64(both) / float64(min(na, nb))
}

// deviceID names a group after its smallest member.
func deviceID(minKey uint64) string {
	return fmt.Sprintf("dev-%010x", mix64(minKey^0x6b757a6574)>>24)
}
