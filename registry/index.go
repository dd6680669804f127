package registry

import (
	"hash/maphash"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kuzet/kuzet"
)

// shardBits sets the number of shards: 64 keeps each write lock and each
// table growth to 1/64 of the index.
const shardBits = 6

// Index is the in-memory read path of the registry, keyed by kind and
// normalized value. It holds each indicator's contributions, one per
// organisation and category, and the allowlist. It is safe for concurrent
// use: readers of one shard share its lock, writers take it alone.
//
// Contributions that expire stay in memory, not counted, until Prune
// removes them; the server calls it now and then.
//
// The layout serves ten million indicators in under 100 bytes each and
// gives the garbage collector nothing to scan: per shard, an open-addressing
// table of 48-byte slots holding the kind, the value when it is short and
// the first contribution, a byte arena for longer values, and an overflow
// slice for further contributions. None of them contains a pointer.
type Index struct {
	seeds  []maphash.Seed // one per kind code, so equal values of different kinds hash apart
	shards [1 << shardBits]shard
	allow  allowlist
	count  atomic.Int64
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	x := &Index{seeds: make([]maphash.Seed, len(kuzet.Kinds)+1)}
	for i := range x.seeds {
		x.seeds[i] = maphash.MakeSeed()
	}
	x.init()
	return x
}

func (x *Index) init() {
	for i := range x.shards {
		x.shards[i].seeds = x.seeds
	}
	x.allow.init()
}

// sibling returns an empty index hashing like x, whose shards may therefore
// replace x's.
func (x *Index) sibling() *Index {
	y := &Index{seeds: x.seeds}
	y.init()
	return y
}

// locate returns the shard of a key and the 32-bit tag that places it in
// the shard's table. k must be a valid kind code.
func (x *Index) locate(k uint8, value string) (*shard, uint32) {
	h := maphash.String(x.seeds[k], value)
	return &x.shards[h>>(64-shardBits)], uint32(h)
}

// Add adds r's contribution, or replaces the one of the same organisation
// and category. Reports of a kind or category the vocabulary does not know,
// without a positive confidence, of an org ID outside 1..2^32−1, or with a
// value of 64 KiB or more are ignored: the Service never produces them.
func (x *Index) Add(r *kuzet.Report) {
	k := kindCode(r.Kind)
	if k == 0 || len(r.Value) >= maxValueLen {
		return
	}
	c, ok := compact(r.OrgID, r.Category, r.Confidence, r.CreatedAt, r.UpdatedAt, r.ValidUntil)
	if !ok {
		return
	}
	s, tag := x.locate(k, r.Value)
	s.mu.Lock()
	pos, added := s.insert(tag, k, r.Value)
	s.upsert(pos, c)
	s.mu.Unlock()
	if added {
		x.count.Add(1)
	}
}

// Remove removes the organisation's contribution in category, or all of its
// contributions when category is "". An indicator left without
// contributions leaves the index.
func (x *Index) Remove(orgID int64, kind kuzet.Kind, value string, category kuzet.Category) {
	k := kindCode(kind)
	if k == 0 || orgID <= 0 || orgID > 1<<32-1 {
		return
	}
	var cat uint8
	if category != "" {
		if cat = categoryCode(category); cat == 0 {
			return
		}
	}
	org := uint32(orgID)
	drop := func(c *contrib) bool { return c.org == org && (cat == 0 || c.cat == cat) }
	s, tag := x.locate(k, value)
	s.mu.Lock()
	freed := false
	if pos, ok := s.find(tag, k, value); ok {
		freed = s.filter(pos, drop)
	}
	s.mu.Unlock()
	if freed {
		x.count.Add(-1)
	}
}

// Prune removes every contribution that is no longer live at now, and the
// indicators left without any, so that expired reports leave memory. It
// returns the number of indicators removed. It locks one shard at a time.
func (x *Index) Prune(now time.Time) int {
	t := now.Unix()
	expired := func(c *contrib) bool { return !c.live(t) }
	n := 0
	for i := range x.shards {
		s := &x.shards[i]
		s.mu.Lock()
		n += s.prune(expired)
		s.mu.Unlock()
	}
	x.count.Add(int64(-n))
	return n
}

// Allow adds the indicator to the allowlist, or removes it when allowed is
// false. An indicator of an unknown kind is ignored.
func (x *Index) Allow(kind kuzet.Kind, value string, allowed bool) {
	if k := kindCode(kind); k != 0 {
		x.allow.set(k, value, allowed)
	}
}

// Allowlisted reports whether the indicator is allowlisted, directly or, for
// a domain, through an entry for a parent domain.
func (x *Index) Allowlisted(kind kuzet.Kind, value string) bool {
	k := kindCode(kind)
	return k != 0 && x.allow.covers(k, value)
}

// Len returns the number of indicators with at least one contribution, live
// or not yet pruned. Allowlist entries are not counted.
func (x *Index) Len() int { return int(x.count.Load()) }

// Assess returns what the index knows of the indicator at time now, from
// its live contributions only: the score and risk of the package rules,
// the categories in name order, the number of distinct organisations, the
// earliest CreatedAt as FirstSeen and the latest UpdatedAt as LastSeen. An
// indicator without live contributions is risk none with score 0 and no
// times. value must be normalized (see package ident).
func (x *Index) Assess(kind kuzet.Kind, value string, now time.Time) kuzet.Assessment {
	a := kuzet.Assessment{Kind: kind, Value: value, Risk: kuzet.RiskNone}
	k := kindCode(kind)
	if k == 0 {
		a.Categories = []kuzet.Category{}
		return a
	}
	var buf [8]contrib
	cs := x.contributions(k, value, buf[:0])
	ag := aggregate(cs, now.Unix())
	if ag.reporters == 0 {
		a.Categories = []kuzet.Category{} // no allocation: zero size
	} else {
		// One allocation for the times and the usual few categories.
		mem := new(assessMem)
		a.Categories = categories(ag.cats, mem.cats[:0])
		a.Reporters = ag.reporters
		if ag.first != 0 {
			mem.seen[0] = time.Unix(int64(ag.first), 0).UTC()
			a.FirstSeen = &mem.seen[0]
		}
		if ag.last != 0 {
			mem.seen[1] = time.Unix(int64(ag.last), 0).UTC()
			a.LastSeen = &mem.seen[1]
		}
	}
	if x.allow.covers(k, value) {
		a.Allowlisted = true
		return a
	}
	a.Score = ag.score
	a.Risk = Level(ag.score)
	return a
}

// assessMem is the memory an Assessment points into.
type assessMem struct {
	seen [2]time.Time
	cats [3]kuzet.Category
}

// contributions appends the indicator's contributions to buf, copying them
// out so that the rules run outside the lock.
func (x *Index) contributions(k uint8, value string, buf []contrib) []contrib {
	s, tag := x.locate(k, value)
	s.mu.RLock()
	if pos, ok := s.find(tag, k, value); ok {
		c := s.slots[pos].head()
		buf = append(buf, c)
		for i := c.next; i != 0; i = s.extra[i-1].next {
			buf = append(buf, s.extra[i-1])
		}
	}
	s.mu.RUnlock()
	return buf
}

// replace swaps the contents of x for those of y, a sibling of x, one shard
// at a time, so that a reload never leaves x empty to its readers.
func (x *Index) replace(y *Index) {
	for i := range x.shards {
		s, t := &x.shards[i], &y.shards[i]
		s.mu.Lock()
		s.swapData(t)
		s.mu.Unlock()
	}
	x.allow.replace(&y.allow)
	x.count.Store(y.count.Load())
}

// allowlist is the set of allowlisted indicators. It is small (official
// numbers and domains), so a plain map serves; the atomic size lets lookups
// skip the lock while the list is empty.
type allowlist struct {
	mu   sync.RWMutex
	m    map[allowKey]struct{}
	size atomic.Int64
}

type allowKey struct {
	kind  uint8
	value string
}

func (l *allowlist) init() { l.m = make(map[allowKey]struct{}) }

func (l *allowlist) set(k uint8, value string, allowed bool) {
	key := allowKey{k, value}
	l.mu.Lock()
	if allowed {
		l.m[key] = struct{}{}
	} else {
		delete(l.m, key)
	}
	l.size.Store(int64(len(l.m)))
	l.mu.Unlock()
}

func (l *allowlist) replace(o *allowlist) {
	o.mu.Lock()
	m := o.m
	o.m = make(map[allowKey]struct{})
	o.size.Store(0)
	o.mu.Unlock()
	l.mu.Lock()
	l.m = m
	l.size.Store(int64(len(m)))
	l.mu.Unlock()
}

var domainCode = kindCode(kuzet.KindDomain)

func (l *allowlist) covers(k uint8, value string) bool {
	if l.size.Load() == 0 {
		return false
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	if _, ok := l.m[allowKey{k, value}]; ok {
		return true
	}
	if k != domainCode {
		return false
	}
	// Walk up the parent domains, stopping before a single label.
	for parent := value; ; {
		i := strings.IndexByte(parent, '.')
		if i < 0 {
			return false
		}
		parent = parent[i+1:]
		if strings.IndexByte(parent, '.') < 0 {
			return false
		}
		if _, ok := l.m[allowKey{k, parent}]; ok {
			return true
		}
	}
}
