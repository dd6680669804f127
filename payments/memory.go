package payments

import (
	"math"
	"sync"
)

// table is a bounded map from 64-bit keys to fixed-size entries, sharded
// for concurrency. Entries live in a slab per shard and the index maps keys
// to slab positions: neither holds a pointer, so a million entries cost the
// garbage collector nothing to scan. A full shard evicts, by sampling, the
// least recently used of a few entries, as Redis does: constant cost where
// finding the true least would scan the shard.
type table[T any] struct {
	shards   []tableShard[T]
	perShard int
	shift    uint // selects a shard from a key's top bits
}

type tableShard[T any] struct {
	mu    sync.Mutex
	idx   map[uint64]int32
	slots []tableSlot[T]
	rng   uint64
	_     [40]byte // keeps neighbouring shards' locks off one cache line
}

type tableSlot[T any] struct {
	key  uint64
	last uint32 // Unix seconds of the last use: the eviction order
	v    T
}

// tableShards is the number of shards of every table.
const tableShards = 64

func newTable[T any](capacity int) *table[T] {
	t := &table[T]{shards: make([]tableShard[T], tableShards), perShard: max(1, capacity/tableShards), shift: 58}
	for i := range t.shards {
		t.shards[i].idx = make(map[uint64]int32)
		t.shards[i].rng = uint64(i)*0x9e3779b97f4a7c15 + 1
	}
	return t
}

// shard returns the shard of key, locked. The caller unlocks it.
func (t *table[T]) lock(key uint64) *tableShard[T] {
	s := &t.shards[key>>t.shift]
	s.mu.Lock()
	return s
}

// get returns key's entry, or nil. The shard must be locked.
func (s *tableShard[T]) get(key uint64) *T {
	if i, ok := s.idx[key]; ok {
		return &s.slots[i].v
	}
	return nil
}

// touch returns key's entry, creating a zero one if there is none (then
// fresh is true), and marks it used at now. The shard must be locked.
func (s *tableShard[T]) touch(key uint64, now uint32, limit int) (e *T, fresh bool) {
	if i, ok := s.idx[key]; ok {
		sl := &s.slots[i]
		sl.last = max(sl.last, now)
		return &sl.v, false
	}
	var i int32
	if len(s.slots) < limit {
		s.slots = append(s.slots, tableSlot[T]{})
		i = int32(len(s.slots) - 1)
	} else {
		i = s.victim()
		delete(s.idx, s.slots[i].key)
		s.slots[i] = tableSlot[T]{}
	}
	s.idx[key] = i
	sl := &s.slots[i]
	sl.key, sl.last = key, now
	return &sl.v, true
}

// victim picks the least recently used of eight random slots.
func (s *tableShard[T]) victim() int32 {
	best, least := int32(0), uint32(math.MaxUint32)
	for range 8 {
		// xorshift64: cheap, and quality does not matter here.
		s.rng ^= s.rng << 13
		s.rng ^= s.rng >> 7
		s.rng ^= s.rng << 17
		i := int32(s.rng % uint64(len(s.slots)))
		if l := s.slots[i].last; l < least {
			best, least = i, l
		}
	}
	return best
}

// len returns the number of entries.
func (t *table[T]) len() int {
	n := 0
	for i := range t.shards {
		s := &t.shards[i]
		s.mu.Lock()
		n += len(s.idx)
		s.mu.Unlock()
	}
	return n
}

// Sizes of the per-entry windows. They bound what a signal can count:
// velocity counts at most payerAttempts, fan_in at most payeePayers.
const (
	payerAttempts = 8
	payerPayees   = 12
	payeePayers   = 8
	habitMin      = 3            // learned payments before amount_ratio means anything
	habitAlpha    = 0.25         // weight of the newest payment in the habit
	fanInDay      = 24 * 60 * 60 // the window of fan_in_day, in seconds
)

// payer is what the engine remembers of one payer: 116 bytes, 128 in its
// table slot.
type payer struct {
	attempts [payerAttempts]uint32 // Unix seconds of the latest checks, a ring
	payees   [payerPayees]uint32   // fingerprints of payees paid, a ring
	learned  uint32                // payments learned into the habit
	logMean  float32               // moving average of ln(amount in units)
	heldFP   uint32                // the payee of the last payment held or blocked
	heldAt   uint32                // and when
	recentFP uint32                // the payee most recently paid for the first time
	recentAt uint32                // when it was first paid
	recentUn float32               // what was let through to it since, in units
	recentLn float32               // the usual amount's logarithm before it; 0 if not yet known
	apos     uint8
	ppos     uint8
	warned   bool // the first payment to the recent payee was sent to review
}

// retryWindow is how long a held payment makes another one to the same
// payee a retry; recentWindow how long a payee first paid stays recent: a
// victim sends a scam's money in several parts, within hours.
const (
	retryWindow  = 24 * 60 * 60
	recentWindow = 24 * 60 * 60
)

// recent reports whether the payee of fingerprint fp was first paid in the
// recent window before now; if so, what was let through to it since, with
// units more, over the usual amount before it (0 if that was not known),
// and whether that first payment was sent to review. The usual amount is
// the one before the first payment: the parts of a scam must not make
// themselves usual.
func (p *payer) recent(fp, now uint32, units float64) (yes bool, ratio float64, warned bool) {
	if fp == 0 || p.recentFP != fp || now < p.recentAt || now-p.recentAt > recentWindow {
		return false, 0, false
	}
	if p.recentLn != 0 {
		ratio = (float64(p.recentUn) + units) / math.Exp(float64(p.recentLn))
	}
	return true, ratio, p.warned
}

// retry reports whether a payment to fp at now follows a held one to it.
func (p *payer) retry(fp, now uint32) bool {
	return p.heldFP == fp && p.heldAt <= now && now-p.heldAt <= retryWindow
}

// held remembers a payment to fp held or blocked at now.
func (p *payer) held(fp, now uint32) {
	if now >= p.heldAt {
		p.heldFP, p.heldAt = fp, now
	}
}

// attempt records a check at now and returns how many earlier ones fall in
// the window since cutoff.
func (p *payer) attempt(now, cutoff uint32) int {
	n := 0
	for _, t := range p.attempts {
		if t != 0 && t >= cutoff && t <= now {
			n++
		}
	}
	p.attempts[p.apos] = now
	p.apos = (p.apos + 1) % payerAttempts
	return n
}

// knows reports whether the payer has paid the payee of fingerprint fp.
func (p *payer) knows(fp uint32) bool {
	for _, v := range p.payees {
		if v == fp {
			return true
		}
	}
	return false
}

// ratio returns amount over the payer's usual amount, or 0 while the habit
// is not yet known.
func (p *payer) ratio(units float64) float64 {
	if p.learned < habitMin || units <= 0 {
		return 0
	}
	return units / math.Exp(float64(p.logMean))
}

// learn takes a payment the payer made at now into the habit and the
// payee into the known ones; warned is whether it was sent to review.
func (p *payer) learn(fp uint32, units float64, now uint32, warned bool) {
	switch {
	case !p.knows(fp):
		p.payees[p.ppos] = fp
		p.ppos = (p.ppos + 1) % payerPayees
		if now >= p.recentAt {
			p.recentFP, p.recentAt, p.recentUn, p.recentLn, p.warned = fp, now, float32(max(units, 0)), 0, warned
			if p.learned >= habitMin {
				p.recentLn = p.logMean
			}
		}
	case fp == p.recentFP && now >= p.recentAt && now-p.recentAt <= recentWindow:
		p.recentUn += float32(max(units, 0))
	}
	if units <= 0 {
		return
	}
	x := float32(math.Log(units))
	if p.learned == 0 {
		p.logMean = x
	} else {
		p.logMean += habitAlpha * (x - p.logMean)
	}
	p.learned++
}

// payee is what the engine remembers of one payee: 120 bytes, 136 in its
// table slot.
type payee struct {
	first   uint32              // Unix seconds when first seen
	payers  [payeePayers]uint32 // fingerprints of recent distinct payers, a ring
	at      [payeePayers]uint32 // when each last paid
	banks   [payeePayers]uint32 // through which bank (org ID, truncated)
	inFrom  uint32              // when the payments received of the last hour began
	inAt    uint32              // when it last received
	inUnits float32             // what it received since inFrom, in units
	passAt  uint32              // when it last passed money on (see passes); 0: never
	pos     uint8
}

// Pass-through: an account that sends what it has just received on to
// someone it never paid before is doing what a mule account does; payments
// to it in the window after carry payee_passthrough. Paying out many times
// what came in is paying from one's own balance (an organiser paying for
// what a dozen people chipped in for over the day), not passing it on.
const (
	passWithin = 60 * 60          // the payment on follows the last one received within an hour,
	passShare  = 0.5              // and moves at least half of what came in over the hour before it,
	passMost   = 1.25             // and not much more
	passWindow = 3 * 24 * 60 * 60 // how long an account that passed money on stays marked
)

// passes reports whether a payment of units at now, made by this account to
// a payee new to it, passes on what it just received; if so it marks the
// account.
func (p *payee) passes(units float64, now uint32) bool {
	in := float64(p.inUnits)
	if p.inAt == 0 || now < p.inAt || now-p.inAt > passWithin || units < passShare*in || units > passMost*in {
		return false
	}
	p.passAt = now
	return true
}

// received adds a payment of units at now to what came in over the hour.
func (p *payee) received(units float64, now uint32) {
	switch {
	case now < p.inAt: // a replay may bring older payments late
	case now-p.inFrom > passWithin:
		p.inFrom, p.inAt, p.inUnits = now, now, float32(max(units, 0))
	default:
		p.inAt = now
		p.inUnits += float32(max(units, 0))
	}
}

// passedRecently reports whether the account passed money on in the window
// before now.
func (p *payee) passedRecently(now uint32) bool {
	return p.passAt != 0 && p.passAt <= now && now-p.passAt <= passWindow
}

// receive records a payment of units from the payer of fingerprint fp
// through bank at now, and returns the distinct payers and banks since cutoff, this one
// included, and the distinct payers since dayCutoff.
func (p *payee) receive(fp, bank, now, cutoff, dayCutoff uint32, units float64) (payers, banks, day int) {
	if p.first == 0 || now < p.first {
		p.first = now // a replay may bring older payments late
	}
	i := -1
	for j, v := range p.payers {
		if v == fp {
			i = j
			break
		}
	}
	if i < 0 {
		i = int(p.pos)
		p.pos = (p.pos + 1) % payeePayers
		p.payers[i] = fp
	}
	p.at[i], p.banks[i] = max(p.at[i], now), bank
	p.received(units, now)
	var seen [payeePayers]uint32
	for j := range p.payers {
		if p.payers[j] == 0 || p.at[j] > now {
			continue
		}
		if p.at[j] >= dayCutoff {
			day++
		}
		if p.at[j] < cutoff {
			continue
		}
		payers++
		dup := false
		for _, b := range seen[:banks] {
			if b == p.banks[j] {
				dup = true
				break
			}
		}
		if !dup {
			seen[banks] = p.banks[j]
			banks++
		}
	}
	return payers, banks, day
}

// mark is an entry of a set of keys, such as devices seen in fraud; the
// table's use time is all it needs.
type mark struct{}
