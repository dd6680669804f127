package telecom

import (
	"math/bits"
	"sync"
)

// origin is one entry of the window: a registered call, or a remembered
// verdict. 64 bytes, one cache line: at 10,000 calls a second the
// 120-second window holds 1.2 million of them.
//
// A verdict given without consuming a registration (a block, an
// unverifiable or fail-open pass, a call from abroad) is remembered as an
// entry of its own, under the pair it was judged by, so that a retry of the
// verification finds it on the same walk of the same chain that looks for
// registrations: it gets the same verdict and is counted once, at no cost
// to the calls that match a registration, which are nearly all.
type origin struct {
	a, b    Number
	at      int64  // the call's start as the reporting operator saw it, Unix ns
	arrived int64  // engine time of the entry: entries leave the window in this order
	prev    uint64 // seq of the previous entry with the same pair hash; gone once below head
	// id is the fingerprint of a registration's call ID, for duplicates
	// (bit 1 always set), or for a remembered verdict verdictID(reason)
	// (bit 1 clear).
	id    uint64
	by    uint64 // fingerprint of the verification that matched it or was judged; 0 while unmatched
	byKey uint64 // that verification's callKey: who asked, for which call and when
}

// verdictID marks a remembered verdict's entry and holds its reason (an
// index into kuzet.CallReasons).
func verdictID(reason uint8) uint64 { return uint64(reason+1) << 2 }

// isVerdict reports whether e is a remembered verdict.
func (e *origin) isVerdict() bool { return e.id&2 == 0 }

// reason returns a remembered verdict's reason index, or 0 (ok) for a
// registration a verification matched.
func (e *origin) reason() uint8 {
	if e.isVerdict() {
		return uint8(e.id>>2) - 1
	}
	return 0
}

// sameCall reports whether the verification that matched or was judged as
// e and the one asking now (fingerprint vid, callKey key) are one call
// asked twice: the same call ID, or the same operator, called number and
// time where either came without a call ID. Two different call IDs are two
// calls, whatever else they share.
func (e *origin) sameCall(vid, key uint64) bool {
	return vid != anonymous && e.by == vid || e.byKey == key && (vid == anonymous || e.by == anonymous)
}

// window holds the registered calls of the last Config.Window, sharded by
// pair hash so that goroutines rarely meet on a lock.
type window struct {
	shards   []wshard
	shift    uint // pair hash >> shift picks the shard
	perShard int  // entry cap per shard; the oldest goes first when full
}

// wshard is a ring of origins in arrival order with a hash index over it.
// Sequence numbers only grow: entry seq lives in ring[seq%len(ring)] while
// head <= seq < next. Because arrival order is expiry order, expiring is
// popping the head, O(1), and the index never needs a scan.
type wshard struct {
	mu      sync.Mutex
	ring    []origin
	head    uint64               // oldest live seq; seqs start at 1 so 0 means "none"
	next    uint64               // seq of the next entry
	index   index                // pair hash → newest seq with that hash
	waiters map[uint64][]*waiter // pair hash → verifications waiting for it
	evicted uint64               // entries dropped before expiry because the shard was full
	added   uint64               // registrations accepted as new
	dups    uint64               // registrations that repeated one held
	// remembered counts the verdicts kept for retries.
	remembered uint64
	_          [64]byte // keep neighbouring shards' locks off one cache line
}

// waiter is a verification (or a batch of them) waiting for registrations.
type waiter struct{ ch chan struct{} }

func newWaiter() *waiter { return &waiter{ch: make(chan struct{}, 1)} }

// wake never blocks: one pending signal is enough to make the waiter look
// again at everything it waits for.
func (w *waiter) wake() {
	select {
	case w.ch <- struct{}{}:
	default:
	}
}

func newWindow(shards, maxEntries int) *window {
	bits := uint(1) // at least two shards: a shift by 64 would not pick shard 0
	for 1<<bits < shards {
		bits++
	}
	w := &window{shards: make([]wshard, 1<<bits), shift: 64 - bits, perShard: max(1, maxEntries>>bits)}
	for i := range w.shards {
		w.shards[i].head, w.shards[i].next = 1, 1
		w.shards[i].index.init()
		w.shards[i].waiters = make(map[uint64][]*waiter)
	}
	return w
}

func (w *window) shard(h uint64) *wshard { return &w.shards[h>>w.shift] }

// add puts o in the window unless the same call ID already registered the
// same pair (duplicates are idempotent: a retried batch must not create a
// second origination that a second verification could consume). Entries that
// arrived before cutoff leave first; when the shard is full the oldest goes
// regardless. Wakes the verifications waiting for the pair. Reports whether
// o was new.
func (w *window) add(h uint64, o origin, cutoff int64) bool {
	s := w.shard(h)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expire(cutoff)
	for seq := s.index.get(h, s.head); seq != 0; {
		e := &s.ring[seq%uint64(len(s.ring))]
		if e.a == o.a && e.b == o.b && e.id == o.id {
			s.dups++
			return false
		}
		if seq = e.prev; seq < s.head {
			break
		}
	}
	s.push(h, o, w.perShard)
	s.added++
	if len(s.waiters) != 0 {
		if ws, ok := s.waiters[h]; ok {
			for _, wt := range ws {
				wt.wake()
			}
			delete(s.waiters, h)
		}
	}
	return true
}

// push appends o as the newest entry of pair hash h, making room first if
// the shard holds limit entries.
func (s *wshard) push(h uint64, o origin, limit int) {
	if int(s.next-s.head) >= limit {
		s.pop()
		s.evicted++
	}
	if int(s.next-s.head) == len(s.ring) {
		s.grow(limit)
	}
	seq := s.next
	o.prev = s.index.put(h, seq, s.head) // 0 if none; stale links are below head and end the chain
	s.ring[seq%uint64(len(s.ring))] = o
	s.next++
}

// expire pops every entry that arrived before cutoff.
func (s *wshard) expire(cutoff int64) {
	for s.head < s.next && s.ring[s.head%uint64(len(s.ring))].arrived < cutoff {
		s.pop()
	}
}

// pop removes the oldest entry. Its index slot, if it still names it, is
// dead from now on (see index); newer entries chain down to it and stop.
func (s *wshard) pop() {
	e := &s.ring[s.head%uint64(len(s.ring))]
	*e = origin{}
	s.head++
}

// grow enlarges the ring by a quarter (not doubling: the ring is most of the
// window's memory, and a quarter wastes little at the cap), re-placing live
// entries by their seq.
func (s *wshard) grow(limit int) {
	n := min(limit, max(64, len(s.ring)+len(s.ring)/4))
	ring := make([]origin, n)
	for seq := s.head; seq < s.next; seq++ {
		ring[seq%uint64(n)] = s.ring[seq%uint64(len(s.ring))]
	}
	s.ring = ring
}

// expireAll pops the expired entries of every shard, for shards that no
// registration visits for a while.
func (w *window) expireAll(cutoff int64) {
	for i := range w.shards {
		s := &w.shards[i]
		s.mu.Lock()
		s.expire(cutoff)
		s.mu.Unlock()
	}
}

// Match results.
const (
	noMatch = iota
	matched
	replayed // the same verification asked again: it gets the verdict it had
)

// match consumes the unmatched origination of pair (a, b) closest in time to
// at, within tol and registered at or after cutoff, marking it with the
// verification's fingerprint vid and callKey key. A verification asked
// again (origin.sameCall) gets what it had instead, replayed with the
// reason it was given: terminating operators retry. The caller holds s.mu.
func (s *wshard) match(h uint64, a, b Number, at, tol, cutoff int64, vid, key uint64) (int, uint8) {
	var best *origin
	bestD := tol + 1
	for seq := s.index.get(h, s.head); seq >= s.head; {
		e := &s.ring[seq%uint64(len(s.ring))]
		if e.arrived < cutoff {
			break // older links arrived earlier still
		}
		if e.a == a && e.b == b {
			d := e.at - at
			if d < 0 {
				d = -d
			}
			if d <= tol {
				if e.by == 0 {
					if d < bestD {
						best, bestD = e, d
					}
				} else if e.sameCall(vid, key) {
					return replayed, e.reason()
				}
			}
		}
		seq = e.prev
	}
	if best == nil {
		return noMatch, 0
	}
	best.by, best.byKey = vid, key
	return matched, 0
}

// anonymous is the fingerprint of a verification without a call ID.
const anonymous = 1

// callKey is a verification's identity for retries: the asking operator,
// the called number, the call's time and the trunk it came by, never 0. A
// retry carries the same four, with its call ID or without. (The calling
// number and the number dialled are the pair's, which the entry holds.)
func callKey(org int64, b Number, at int64, international bool) uint64 {
	k := uint64(at) ^ uint64(org)*0x9e3779b97f4a7c15 ^ bits.RotateLeft64(uint64(b), 29)
	if international {
		k = ^k
	}
	return mix64(k) | 1
}

// matchOrWait is match, and on no match leaves wt to be woken by the next
// registration of the pair, under the same lock so that no registration can
// slip in between.
func (w *window) matchOrWait(h uint64, a, b Number, at, tol, cutoff int64, vid, key uint64, wt *waiter) (int, uint8) {
	s := w.shard(h)
	s.mu.Lock()
	defer s.mu.Unlock()
	r, why := s.match(h, a, b, at, tol, cutoff, vid, key)
	if r == noMatch && wt != nil {
		ws := s.waiters[h]
		for _, x := range ws {
			if x == wt {
				return r, why
			}
		}
		s.waiters[h] = append(ws, wt)
	}
	return r, why
}

// remember keeps the verdict reason given to a verification (vid, key) of
// pair (a, b) at at that consumed no registration, unless the same
// verification was judged before (origin.sameCall) within the window: then
// it returns that verdict's reason and true, and the caller answers it and
// counts nothing. Entries that arrived before cutoff leave first; the
// verdict is no registration and wakes no one.
func (w *window) remember(h uint64, a, b Number, at, now, cutoff int64, vid, key uint64, reason uint8) (uint8, bool) {
	s := w.shard(h)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expire(cutoff)
	for seq := s.index.get(h, s.head); seq >= s.head; {
		e := &s.ring[seq%uint64(len(s.ring))]
		if e.a == a && e.b == b && e.by != 0 && e.sameCall(vid, key) {
			return e.reason(), true
		}
		seq = e.prev
	}
	s.push(h, origin{a: a, b: b, at: at, arrived: now, id: verdictID(reason), by: vid, byKey: key}, w.perShard)
	s.remembered++
	return reason, false
}

// unwait removes wt from the waiters of pair hash h, if it is still there.
func (w *window) unwait(h uint64, wt *waiter) {
	s := w.shard(h)
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.waiters[h]
	for i, x := range ws {
		if x == wt {
			ws = append(ws[:i], ws[i+1:]...)
			break
		}
	}
	if len(ws) == 0 {
		delete(s.waiters, h)
	} else {
		s.waiters[h] = ws
	}
}

// windowStats are the window's gauges and totals, summed over the shards.
type windowStats struct {
	entries, waited                  int
	evicted, added, dups, remembered uint64
}

func (w *window) stats() windowStats {
	var st windowStats
	for i := range w.shards {
		s := &w.shards[i]
		s.mu.Lock()
		st.entries += int(s.next - s.head)
		st.waited += len(s.waiters)
		st.evicted += s.evicted
		st.added += s.added
		st.dups += s.dups
		st.remembered += s.remembered
		s.mu.Unlock()
	}
	return st
}

// index maps pair hashes to the newest seq of each: open addressing with
// linear probing over 16-byte slots. Deletion is lazy: a slot whose seq fell
// below the shard's head is dead, lookups step over it, inserts reuse it, and
// a rehash drops the dead when live and dead together fill three quarters.
// Popping the window's oldest entry thus touches no index memory, which
// matters because that memory was last touched two minutes ago and is no
// longer in any cache; rehashing is a sequential scan the prefetcher likes.
type index struct {
	slots []islot // a power of two long
	used  int     // slots live or dead
}

// islot is one slot; seq 0 marks it empty (seqs start at 1).
type islot struct{ h, seq uint64 }

func (x *index) init() { x.slots = make([]islot, 16) }

// get returns the seq stored for h if it is live (at or above head), or 0.
func (x *index) get(h, head uint64) uint64 {
	m := uint64(len(x.slots) - 1)
	for i := h & m; ; i = (i + 1) & m {
		sl := &x.slots[i]
		if sl.seq == 0 {
			return 0
		}
		if sl.h == h {
			if sl.seq < head {
				return 0
			}
			return sl.seq
		}
	}
}

// put stores seq for h and returns the live seq it replaces, or 0.
func (x *index) put(h, seq, head uint64) uint64 {
	if (x.used+1)*4 > len(x.slots)*3 {
		x.rehash(head)
	}
	m := uint64(len(x.slots) - 1)
	free := ^uint64(0)
	for i := h & m; ; i = (i + 1) & m {
		sl := &x.slots[i]
		if sl.seq == 0 {
			if free != ^uint64(0) {
				sl = &x.slots[free] // a dead slot on the way: reuse it
			} else {
				x.used++
			}
			*sl = islot{h, seq}
			return 0
		}
		if sl.h == h {
			old := sl.seq
			sl.seq = seq
			if old < head {
				return 0
			}
			return old
		}
		if sl.seq < head && free == ^uint64(0) {
			free = i
		}
	}
}

// rehash moves the live slots to a table at most 5/8 full by them.
func (x *index) rehash(head uint64) {
	live := 0
	for i := range x.slots {
		if x.slots[i].seq >= head {
			live++
		}
	}
	n := 16
	for n*5 < (live+1)*8 {
		n *= 2
	}
	old := x.slots
	x.slots = make([]islot, n)
	x.used = live
	m := uint64(n - 1)
	for _, sl := range old {
		if sl.seq < head {
			continue // empty or dead
		}
		i := sl.h & m
		for x.slots[i].seq != 0 {
			i = (i + 1) & m
		}
		x.slots[i] = sl
	}
}
