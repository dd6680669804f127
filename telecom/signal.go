package telecom

import (
	"context"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
)

// ActiveCall is the active-call signal for banks: whether the subscriber is,
// or was within the last Config.ActiveWindow, on a call from a risky caller,
// and which kind of risk; and, apart from that, whether someone tried to
// reach the subscriber with a spoofed or flagged number within the last
// Config.TargetedWindow. It never says who called.
//
// Only a call that passed puts the subscriber on a call: a blocked call
// never connected, so it sets Targeted and nothing else.
type ActiveCall struct {
	Active     bool `json:"active"`     // on a risky call: foreign, unverified or first-time
	Foreign    bool `json:"foreign"`    // the call came in on an international trunk
	Unverified bool `json:"unverified"` // the call passed unverified: its number's operator is not connected, or kuzet could not decide in time
	FirstTime  bool `json:"first_time"` // the caller had not called this subscriber before, as far as kuzet remembers
	// Flagged is kept for the API's sake: a caller the registry flags is
	// blocked (flagged_number), so it is never on a call; its attempt sets
	// Targeted.
	Flagged bool `json:"flagged"`
	// Targeted: a call to the subscriber was blocked (a spoofed, undialable,
	// Do-Not-Originate, forged or flagged caller number) within the last
	// Config.TargetedWindow: someone is trying to reach them, whether or not
	// they are on a call now.
	Targeted bool `json:"targeted"`
}

// pairMemory remembers which caller called which subscriber, to tell
// first-time callers. It is a fixed table of 32-bit pair fingerprints in
// buckets of four (16 bytes, never across a cache line): lossy, so memory
// stays fixed whatever the traffic, and lock-free, because every
// verification touches it. Losing a pair makes a caller look first-time
// again (a signal too many, never one too few); a pair is taken for another
// with odds of about 2^-30 per lookup.
type pairMemory struct {
	slots []atomic.Uint32
	mask  uint64 // selects a bucket's first slot
}

func newPairMemory(size int) *pairMemory {
	n := 4
	for n < size {
		n <<= 1
	}
	return &pairMemory{slots: make([]atomic.Uint32, n), mask: uint64(n-1) &^ 3}
}

// pageSize is the memory page size the signal table is pre-faulted by.
const pageSize = 4096

// seen records pair hash h and reports whether it was already there. Two
// verifications of one pair at the same instant may both answer false: both
// are first calls as far as anyone could tell.
func (p *pairMemory) seen(h uint64) bool {
	fp := uint32(h>>32) | 1 // 0 marks an empty slot; the low bits pick the bucket
	i := h & p.mask
	b := p.slots[i : i+4 : i+4]
	if b[0].Load() == fp || b[1].Load() == fp || b[2].Load() == fp || b[3].Load() == fp {
		return true
	}
	// Replace one of the four by the hash's two lowest bits, which neither
	// the bucket nor the fingerprint uses, so that a busy bucket spreads its
	// recent pairs over all four slots.
	b[h&3].Store(fp)
	return false
}

// signal holds when each kind of risky call last reached a subscriber, and
// when a call to it was last blocked, in Unix seconds (32 bits last until
// 2106); 0 means never. fp identifies the subscriber within its bucket.
type signal struct {
	fp                                   uint32
	foreign, unverified, first, targeted uint32
}

// until returns when the entry's last signal goes down: keep seconds after
// its newest call, targetKeep after its newest blocked one.
func (s *signal) until(keep, targetKeep int64) int64 {
	return max(int64(max(s.foreign, s.unverified, s.first))+keep, int64(s.targeted)+targetKeep)
}

// worth ranks an entry for replacement, lowest first: by when its signal
// goes down, with an entry that holds nothing but a first-time call ranked
// a whole keep period earlier, as first-time callers are common and the
// other kinds are what a bank most needs to hear about. Empty entries rank
// lowest.
func (s *signal) worth(keep, targetKeep int64) int64 {
	if s.fp == 0 {
		return math.MinInt64
	}
	if s.foreign == 0 && s.unverified == 0 && s.targeted == 0 {
		return int64(s.first)
	}
	return s.until(keep, targetKeep)
}

// sigBucket is three entries in one 64-byte cache line.
type sigBucket struct {
	e [3]signal
	_ [4]byte
}

// signals is a fixed table of subscribers' signals, set-associative like a
// CPU cache: a subscriber lives in one bucket of three, and when the bucket
// is full the least worth entry makes room. Memory is fixed whatever the
// traffic, a lookup touches one cache line, and stale entries need no
// sweeping: they are simply worth least. At the cost that a flood can push
// out a signal early; the buckets are sized so that ordinary peaks do not.
type signals struct {
	buckets []sigBucket
	mask    uint64
	locks   [256]struct {
		sync.Mutex
		_ [56]byte
	}
	keep       int64 // seconds a call's signal stays up
	targetKeep int64 // seconds a blocked call's stays up
}

func newSignals(entries int, keep, targetKeep time.Duration) *signals {
	n := 1 // buckets: the largest power of two that keeps within entries
	for n*2*3 <= entries {
		n <<= 1
	}
	ss := &signals{buckets: make([]sigBucket, n), mask: uint64(n - 1), keep: max(1, int64(keep/time.Second)),
		targetKeep: max(1, int64(targetKeep/time.Second))}
	if prefaultTables {
		ss.prefault()
	}
	return ss
}

// prefault writes to every page of the table once. A large allocation
// comes straight from the operating system, and a page that has never been
// written is not the program's yet: on the virtual machines kuzet was
// measured on, every read of one faulted, 3.5 µs against 75 ns for a
// written page (BenchmarkSignalGet), and most subscribers' buckets are
// never written. Writing them all up front costs about 17 ms once,
// and the table's memory is taken at start rather than by the first calls.
// (The pair memory needs none: every verification that reads a bucket of
// it writes to it unless the pair is there.)
func (ss *signals) prefault() {
	step := pageSize / int(unsafe.Sizeof(sigBucket{}))
	for i := 0; i < len(ss.buckets); i += step {
		ss.buckets[i].e[0].fp = 0
	}
}

// locate returns b's bucket, the lock guarding it and b's fingerprint
// (never 0, which marks an empty entry).
func (ss *signals) locate(b Number) (*sigBucket, *sync.Mutex, uint32) {
	h := mix64(uint64(b))
	i := h & ss.mask
	return &ss.buckets[i], &ss.locks[i&255].Mutex, uint32(h>>32) | 1
}

// note records a risky call to b at now (Unix seconds): one that passed
// (foreign, unverified, first), or one that was blocked (targeted).
func (ss *signals) note(b Number, now int64, foreign, unverified, first, targeted bool) {
	bk, mu, fp := ss.locate(b)
	mu.Lock()
	defer mu.Unlock()
	v := &bk.e[0]
	if bk.e[1].fp == fp {
		v = &bk.e[1]
	} else if bk.e[2].fp == fp {
		v = &bk.e[2]
	} else if v.fp != fp {
		for i := 1; i < len(bk.e); i++ {
			if bk.e[i].worth(ss.keep, ss.targetKeep) < v.worth(ss.keep, ss.targetKeep) {
				v = &bk.e[i]
			}
		}
		*v = signal{fp: fp}
	}
	t := uint32(now)
	if foreign {
		v.foreign = t
	}
	if unverified {
		v.unverified = t
	}
	if first {
		v.first = t
	}
	if targeted {
		v.targeted = t
	}
}

func (ss *signals) get(b Number, now int64) ActiveCall {
	bk, mu, fp := ss.locate(b)
	mu.Lock()
	var v signal
	for _, x := range bk.e {
		if x.fp == fp {
			v = x
		}
	}
	mu.Unlock()
	since := func(t uint32, keep int64) bool { return t != 0 && int64(t) >= now-keep }
	a := ActiveCall{
		Foreign:    since(v.foreign, ss.keep),
		Unverified: since(v.unverified, ss.keep),
		FirstTime:  since(v.first, ss.keep),
		Targeted:   since(v.targeted, ss.targetKeep),
	}
	a.Active = a.Foreign || a.Unverified || a.FirstTime
	return a
}

// active counts the entries with a signal still up at now. It scans the
// whole table, some milliseconds: for monitoring only.
func (ss *signals) active(now int64) int {
	n := 0
	for i := range ss.buckets {
		mu := &ss.locks[i&255]
		mu.Lock()
		for _, x := range ss.buckets[i].e {
			if x.fp != 0 && x.until(ss.keep, ss.targetKeep) >= now {
				n++
			}
		}
		mu.Unlock()
	}
	return n
}

// ActiveCall answers a bank (orgID) whether its customer is, or lately
// was, on a risky call. raw is the customer's number as people write it.
// The read is about a person, so it is audited before the answer leaves;
// if the audit fails, so does the read. Returns EINVALID naming "msisdn"
// for a missing or malformed number.
func (e *Service) ActiveCall(ctx context.Context, orgID int64, raw string) (ActiveCall, error) {
	if raw == "" {
		return ActiveCall{}, kuzet.Invalid("msisdn", "msisdn is required")
	}
	ind, err := ident.ParsePhone(raw, "KZ")
	if err != nil {
		return ActiveCall{}, kuzet.Invalid("msisdn", "%s", kuzet.ErrorMessage(err))
	}
	sig, err := e.Signal(ind.Value, time.Time{})
	if err != nil {
		return ActiveCall{}, kuzet.WithField(err, "msisdn")
	}
	if e.cfg.Audit != nil {
		err := e.cfg.Audit.Record(ctx, &kuzet.AuditEntry{At: time.Unix(0, e.now()).UTC(), OrgID: orgID,
			Action: kuzet.AuditActiveCallRead, Object: ind.Key()})
		if err != nil {
			return ActiveCall{}, fmt.Errorf("telecom: audit read of %s: %w", ind.Key(), err)
		}
	}
	return sig, nil
}

// Signal returns the active-call signal of msisdn at time at (the zero
// time: now), from memory and unaudited: the payment rules weigh it inside
// a check, which its own record covers. Returns EINVALID if msisdn is not
// an E.164 number.
func (e *Service) Signal(msisdn string, at time.Time) (ActiveCall, error) {
	n, err := ParseNumber(msisdn)
	if err != nil {
		return ActiveCall{}, kuzet.Invalid("msisdn", "%s", kuzet.ErrorMessage(err))
	}
	now := e.now()
	if !at.IsZero() {
		now = at.UnixNano()
	}
	return e.sig.get(n, now/int64(time.Second)), nil
}
