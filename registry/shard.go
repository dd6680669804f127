package registry

import (
	"encoding/binary"
	"hash/maphash"
	"sync"
)

// inlineMax is the longest value a slot holds itself. Phone numbers, KZ
// IBANs, IMEIs and IPv4 addresses fit; longer values (card tokens, most
// URLs) live in the shard's arena and cost a second memory access.
const inlineMax = 22

// longValue marks a slot whose value lives in the arena.
const longValue = 255

// maxValueLen bounds a value; the ident parsers keep far below it (URLs at
// 2 KiB), and the bound lets arena references stay uint32.
const maxValueLen = 1 << 16

// maxDist bounds a slot's probe distance; a table that reaches it grows.
// With a seeded hash and a load of at most 0.85 it is never reached in
// practice, but the bound keeps the distance within its byte.
const maxDist = 128

// slot is one indicator in a shard's table, 48 bytes with no pointer: the
// first contribution inline, because most indicators have exactly one, and
// the value inline when it is short. A lookup of a short value therefore
// reads one place in memory, which at ten million indicators is what a
// lookup's time is made of.
type slot struct {
	org, created, updated, until, next uint32 // the first contribution, as in contrib
	conf                               uint16
	cat                                uint8
	kind                               uint8 // 0: the slot is empty
	dist                               uint8 // distance from the home position
	n                                  uint8 // value length, or longValue
	// val holds a short value itself; for a long one, its arena offset,
	// length and hash tag, as three little-endian uint32s.
	val [inlineMax]byte
}

func (s *slot) head() contrib {
	return contrib{org: s.org, created: s.created, updated: s.updated, until: s.until, next: s.next, conf: s.conf, cat: s.cat}
}

func (s *slot) setHead(c contrib) {
	s.org, s.created, s.updated, s.until, s.next, s.conf, s.cat = c.org, c.created, c.updated, c.until, c.next, c.conf, c.cat
}

func (s *slot) longRef() (off, n, tag uint32) {
	return binary.LittleEndian.Uint32(s.val[0:]), binary.LittleEndian.Uint32(s.val[4:]), binary.LittleEndian.Uint32(s.val[8:])
}

// shard is one part of the index, with its own lock: a Robin Hood hash
// table with linear probing and backward-shift deletion, so that lookups of
// absent keys stop early and no tombstones build up. Table sizes are not
// powers of two: a key's home is its 32-bit hash tag scaled to the table
// (Lemire's multiply-shift), so the table grows by a quarter at a load of
// 0.85 and stays between 68% and 85% full: 56 to 71 bytes per indicator.
type shard struct {
	mu        sync.RWMutex
	seeds     []maphash.Seed // the index's, by kind code: resizing rehashes inline values
	slots     []slot
	used      int
	arena     []byte    // long values
	garbage   int       // arena bytes of removed values
	extra     []contrib // further contributions, linked through next
	freeExtra uint32    // 1-based head of the free list in extra
	_         [64]byte  // keeps neighbouring shards' locks off one cache line
}

// home returns the table position where a key of hash tag h belongs.
func home(h uint32, n int) int { return int(uint64(h) * uint64(n) >> 32) }

// matches reports whether the slot holds the key.
func (s *shard) matches(sl *slot, tag uint32, k uint8, value string) bool {
	if sl.kind != k {
		return false
	}
	if sl.n != longValue {
		return int(sl.n) == len(value) && string(sl.val[:sl.n]) == value
	}
	off, n, t := sl.longRef()
	return t == tag && int(n) == len(value) && string(s.arena[off:off+n]) == value
}

// find returns the table position of the key.
func (s *shard) find(tag uint32, k uint8, value string) (int, bool) {
	n := len(s.slots)
	if n == 0 {
		return 0, false
	}
	pos := home(tag, n)
	for d := 0; ; d++ {
		sl := &s.slots[pos]
		// An empty slot, or one closer to its home than the key would be
		// here, ends the search: Robin Hood insertion would have placed
		// the key before it.
		if sl.kind == 0 || int(sl.dist) < d {
			return 0, false
		}
		if s.matches(sl, tag, k, value) {
			return pos, true
		}
		if pos++; pos == n {
			pos = 0
		}
	}
}

// insert returns the table position of the key, adding a slot without
// contributions if the key is not there yet.
func (s *shard) insert(tag uint32, k uint8, value string) (pos int, added bool) {
	if pos, ok := s.find(tag, k, value); ok {
		return pos, false
	}
	if (s.used+1)*20 > len(s.slots)*17 {
		s.resize(grown(len(s.slots)))
	}
	sl := slot{kind: k}
	if len(value) <= inlineMax {
		sl.n = uint8(len(value))
		copy(sl.val[:], value)
	} else {
		if len(s.arena)+len(value) > 1<<32-1 {
			// 4 GiB of long values in one shard is 270 GB in the index:
			// a bug rather than a load to survive.
			panic("registry: shard arena exceeds 4 GiB")
		}
		sl.n = longValue
		binary.LittleEndian.PutUint32(sl.val[0:], uint32(len(s.arena)))
		binary.LittleEndian.PutUint32(sl.val[4:], uint32(len(value)))
		binary.LittleEndian.PutUint32(sl.val[8:], tag)
		s.arena = append(s.arena, value...)
	}
	pos, far := s.place(sl, tag)
	s.used++
	if far {
		s.resize(grown(len(s.slots)))
		pos, _ = s.find(tag, k, value)
	}
	return pos, true
}

// grown returns the size a table of n slots grows to.
func grown(n int) int { return max(16, n+n/4) }

// place puts sl into the table by Robin Hood insertion and returns its
// position; far reports that some slot moved to maxDist or beyond.
func (s *shard) place(sl slot, tag uint32) (at int, far bool) {
	n := len(s.slots)
	pos := home(tag, n)
	at = -1
	for d := 0; ; d++ {
		cur := &s.slots[pos]
		if cur.kind == 0 {
			sl.dist = uint8(d)
			*cur = sl
			if at < 0 {
				at = pos
			}
			return at, far || d >= maxDist
		}
		if int(cur.dist) < d {
			// Take the place of a slot nearer its home, and carry that
			// one on.
			sl.dist = uint8(d)
			sl, *cur = *cur, sl
			if at < 0 {
				at = pos
			}
			far = far || d >= maxDist
			d = int(sl.dist)
		}
		if pos++; pos == n {
			pos = 0
		}
	}
}

// tagOf returns the hash tag of an occupied slot.
func (s *shard) tagOf(sl *slot) uint32 {
	if sl.n == longValue {
		_, _, t := sl.longRef()
		return t
	}
	return uint32(maphash.Bytes(s.seeds[sl.kind], sl.val[:sl.n]))
}

// resize rebuilds the table with n slots.
func (s *shard) resize(n int) {
	for {
		old := s.slots
		s.slots = make([]slot, n)
		far := false
		for i := range old {
			if old[i].kind == 0 {
				continue
			}
			_, f := s.place(old[i], s.tagOf(&old[i]))
			far = far || f
		}
		if !far {
			return
		}
		s.slots = old
		n = grown(n)
	}
}

// upsert sets the contribution of c's organisation and category on the
// slot at pos.
func (s *shard) upsert(pos int, c contrib) {
	sl := &s.slots[pos]
	if sl.conf == 0 || (sl.org == c.org && sl.cat == c.cat) {
		c.next = sl.next
		sl.setHead(c)
		return
	}
	for i := sl.next; i != 0; i = s.extra[i-1].next {
		e := &s.extra[i-1]
		if e.org == c.org && e.cat == c.cat {
			c.next = e.next
			*e = c
			return
		}
	}
	var i uint32
	if s.freeExtra != 0 {
		i = s.freeExtra
		s.freeExtra = s.extra[i-1].next
	} else {
		s.extra = append(s.extra, contrib{})
		i = uint32(len(s.extra))
	}
	c.next = sl.next
	s.extra[i-1] = c
	sl.next = i
}

// filter removes the contributions for which drop is true from the slot at
// pos, and removes the slot if none is left. It reports whether it removed
// the slot.
func (s *shard) filter(pos int, drop func(*contrib) bool) bool {
	sl := &s.slots[pos]
	h := sl.head()
	// The overflow list first, so that what remains of it may move inline.
	prev := &h.next
	for i := *prev; i != 0; i = *prev {
		e := &s.extra[i-1]
		if !drop(e) {
			prev = &e.next
			continue
		}
		*prev = e.next
		s.freeContrib(i)
	}
	if !drop(&h) {
		sl.setHead(h)
		return false
	}
	if i := h.next; i != 0 {
		sl.setHead(s.extra[i-1])
		s.freeContrib(i)
		return false
	}
	s.remove(pos)
	return true
}

func (s *shard) freeContrib(i uint32) {
	s.extra[i-1] = contrib{next: s.freeExtra}
	s.freeExtra = i
}

// remove empties the slot at pos and shifts the rest of its run back by one
// place, as Robin Hood deletion does, so that no tombstone is left.
func (s *shard) remove(pos int) {
	if sl := &s.slots[pos]; sl.n == longValue {
		_, n, _ := sl.longRef()
		s.garbage += int(n)
	}
	n := len(s.slots)
	for {
		next := pos + 1
		if next == n {
			next = 0
		}
		nx := &s.slots[next]
		if nx.kind == 0 || nx.dist == 0 {
			break
		}
		s.slots[pos] = *nx
		s.slots[pos].dist--
		pos = next
	}
	s.slots[pos] = slot{}
	s.used--

	// Reclaim the arena once removed values outweigh live ones.
	if s.garbage > 1<<16 && s.garbage > len(s.arena)/2 {
		s.compactArena()
	}
}

// compactArena copies the live long values into a new arena.
func (s *shard) compactArena() {
	arena := make([]byte, 0, len(s.arena)-s.garbage)
	for i := range s.slots {
		sl := &s.slots[i]
		if sl.kind == 0 || sl.n != longValue {
			continue
		}
		off, n, _ := sl.longRef()
		binary.LittleEndian.PutUint32(sl.val[0:], uint32(len(arena)))
		arena = append(arena, s.arena[off:off+n]...)
	}
	s.arena = arena
	s.garbage = 0
}

// prune drops the contributions for which drop is true from every slot, and
// returns the number of slots removed.
func (s *shard) prune(drop func(*contrib) bool) int {
	removed := 0
	for pos := 0; pos < len(s.slots); {
		if s.slots[pos].kind == 0 || !s.filter(pos, drop) {
			pos++
			continue
		}
		// Deletion shifted the next slot of the run into pos; look at pos
		// again. A slot shifted from the start of the table to its end is
		// visited twice, which is harmless as filter is idempotent.
		removed++
	}
	// Shrink a table left mostly empty.
	if size := max(16, s.used*2); size < len(s.slots)/3 {
		s.resize(size)
	}
	return removed
}

// swapData exchanges the contents of s and t; the caller holds s's lock and
// t is not shared. Both hash with the same seeds.
func (s *shard) swapData(t *shard) {
	s.slots, t.slots = t.slots, s.slots
	s.used, t.used = t.used, s.used
	s.arena, t.arena = t.arena, s.arena
	s.garbage, t.garbage = t.garbage, s.garbage
	s.extra, t.extra = t.extra, s.extra
	s.freeExtra, t.freeExtra = t.freeExtra, s.freeExtra
}
