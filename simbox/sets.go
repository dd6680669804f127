package simbox

import (
	"math"
	"math/bits"
)

// partyCap is how many distinct parties a set keeps exactly, with counts.
// Most subscribers talk to a few dozen numbers a week; past the cap (a box,
// a call centre, a taxi driver) the set goes on in a Bloom filter, so its
// memory grows with distinct parties at about a byte and a half each, not
// with rows.
const partyCap = 128

// A set entry packs a party key and its event count into one word: keys
// use the low 50 bits (an E.164 number is below 10^15 < 2^50; other keys
// keep 48 bits of hash and the top bit), the count the 13 above.
const (
	countShift = 50
	countMax   = 1<<13 - 1
	keyMask    = otherKeyBit | (1<<countShift - 1)
)

// partySet is the set of numbers a SIM talked to in one direction.
type partySet struct {
	keys []uint64 // the first partyCap distinct parties, count in the high bits
	sk   *sketch  // every party, once the exact set is full
	n    uint32   // distinct parties: exact, then as counted by sk
}

// add records one event with party k.
func (s *partySet) add(k uint64) {
	if s.sk != nil && s.sk.add(k) {
		// Past the cap, most parties are new (a box calls strangers): a
		// miss in the filter proves it without scanning the exact keys.
		s.n++
		return
	}
	for i, x := range s.keys {
		if x&keyMask == k {
			if x>>countShift&countMax < countMax {
				s.keys[i] = x + 1<<countShift
			}
			return
		}
	}
	if s.sk != nil {
		return
	}
	if len(s.keys) < partyCap {
		s.keys = grow(s.keys)
		s.keys = append(s.keys, k|1<<countShift)
		s.n++
		return
	}
	s.sk = &sketch{}
	for _, x := range s.keys {
		s.sk.add(x & keyMask)
	}
	s.sk.add(k)
	s.n++
}

// grow makes room for one more entry, growing by a quarter rather than
// doubling: a million small sets waste less.
func grow(keys []uint64) []uint64 {
	if len(keys) < cap(keys) {
		return keys
	}
	bigger := make([]uint64, len(keys), len(keys)+len(keys)/4+4)
	copy(bigger, keys)
	return bigger
}

// key returns the party key of the i-th exact entry.
func (s *partySet) key(i int) uint64 { return s.keys[i] & keyMask }

// has reports whether k is in the set (with the Bloom filter's small chance
// of a false yes once the set has overflowed).
func (s *partySet) has(k uint64) bool {
	for _, x := range s.keys {
		if x&keyMask == k {
			return true
		}
	}
	return s.sk != nil && s.sk.has(k)
}

// count returns the events with k if k is among the exact parties, else 0.
func (s *partySet) count(k uint64) int {
	for _, x := range s.keys {
		if x&keyMask == k {
			return int(x >> countShift & countMax)
		}
	}
	return 0
}

// countAt returns the events with the i-th exact party.
func (s *partySet) countAt(i int) int { return int(s.keys[i] >> countShift & countMax) }

// exact reports whether keys holds every party.
func (s *partySet) exact() bool { return s.sk == nil }

// sketch is a scalable Bloom filter: a chain of filters, each twice the
// size of the one before, the newest taking the inserts until it holds
// one element per twelve bits. Memory follows the distinct parties, about
// three bytes each; each stage has about 1% false positives.
type sketch struct {
	stages []bloom
}

type bloom struct {
	bits []uint64
	n    int
}

const (
	firstStageWords = 64 // 4 Kibit: 340 parties
	bitsPerParty    = 12
)

// add inserts k and reports whether it was new.
func (s *sketch) add(k uint64) bool {
	h := mix64(k ^ 0x5bd1e9955bd1e995)
	for i := range s.stages {
		if s.stages[i].has(h) {
			return false
		}
	}
	if len(s.stages) == 0 || s.stages[len(s.stages)-1].n*bitsPerParty >= len(s.stages[len(s.stages)-1].bits)*64 {
		words := firstStageWords << len(s.stages)
		s.stages = append(s.stages, bloom{bits: make([]uint64, words)})
	}
	s.stages[len(s.stages)-1].add(h)
	return true
}

func (s *sketch) has(k uint64) bool {
	h := mix64(k ^ 0x5bd1e9955bd1e995)
	for i := range s.stages {
		if s.stages[i].has(h) {
			return true
		}
	}
	return false
}

// probes are the three bit positions of hash h in a filter of m bits (a
// power of two), by double hashing.
func (b *bloom) add(h uint64) {
	m := uint32(len(b.bits)*64 - 1)
	h1, h2 := uint32(h), uint32(h>>32)|1
	for i := uint32(0); i < 3; i++ {
		p := (h1 + i*h2) & m
		b.bits[p>>6] |= 1 << (p & 63)
	}
	b.n++
}

func (b *bloom) has(h uint64) bool {
	m := uint32(len(b.bits)*64 - 1)
	h1, h2 := uint32(h), uint32(h>>32)|1
	for i := uint32(0); i < 3; i++ {
		p := (h1 + i*h2) & m
		if b.bits[p>>6]&(1<<(p&63)) == 0 {
			return false
		}
	}
	return true
}

// cellCap is how many distinct cells a SIM keeps exactly, with counts.
const cellCap = 16

// A cell entry packs a 48-bit cell id hash (see cellID) and a 16-bit
// saturating count into one word.
const cellCountMax = 1<<16 - 1

// cellSet is the set of cells a SIM was served by.
type cellSet struct {
	keys []uint64 // cell id << 16 | count
	over uint32   // events at cells past the cap
	lc   uint64   // linear-counting sketch of every cell, for the distinct count past the cap
}

// add records one event at cell k and reports whether k is new to the
// exact set (the caller then keeps its name).
func (s *cellSet) add(k uint64) bool {
	s.lc |= 1 << (mix64(k) & 63)
	for i, x := range s.keys {
		if x>>16 == k {
			if x&cellCountMax < cellCountMax {
				s.keys[i]++
			}
			return false
		}
	}
	if len(s.keys) < cellCap {
		s.keys = grow(s.keys)
		s.keys = append(s.keys, k<<16|1)
		return true
	}
	s.over++
	return false
}

// id and count of the i-th cell.
func (s *cellSet) id(i int) uint64    { return s.keys[i] >> 16 }
func (s *cellSet) count(i int) uint32 { return uint32(s.keys[i] & cellCountMax) }

// distinct returns the number of distinct cells: exact up to the cap, then
// estimated by linear counting (and never less than the exact part).
func (s *cellSet) distinct() int {
	if s.over == 0 {
		return len(s.keys)
	}
	zeros := max(1, 64-bits.OnesCount64(s.lc))
	n := int(math.Round(-64 * math.Log(float64(zeros)/64)))
	return max(n, len(s.keys)+1)
}

// top returns the index of the most used cell, -1 if none.
func (s *cellSet) top() int {
	best := -1
	for i := range s.keys {
		if best < 0 || s.count(i) > s.count(best) || s.count(i) == s.count(best) && s.id(i) < s.id(best) {
			best = i
		}
	}
	return best
}

// total returns the events with a known cell.
func (s *cellSet) total() int {
	t := int(s.over)
	for i := range s.keys {
		t += int(s.count(i))
	}
	return t
}
