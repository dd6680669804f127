package telecom_test

import (
	"cmp"
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/telecom"
)

// t0 is the fixed "now" of the tests.
var t0 = time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)

// Test operators: A holds 7701 and 7775, B holds 7702 and 7747, C holds an
// Almaty fixed-line range.
const (
	opA int64 = 1
	opB int64 = 2
	opC int64 = 3
)

var testOrgs = []*kuzet.Org{
	{ID: opA, Name: "Operator A", Type: kuzet.OrgTelco, Prefixes: []string{"7701", "7775"}},
	{ID: opB, Name: "Operator B", Type: kuzet.OrgTelco, Prefixes: []string{"7702", "7747"}},
	{ID: opC, Name: "Operator C", Type: kuzet.OrgTelco, Prefixes: []string{"7727"}},
	{ID: 4, Name: "Bank", Type: kuzet.OrgBank, Prefixes: []string{"7"}}, // not a telco: ignored
}

// testClock is a clock the test moves.
type testClock struct{ ns atomic.Int64 }

func newTestClock(t time.Time) *testClock {
	c := &testClock{}
	c.ns.Store(t.UnixNano())
	return c
}

func (c *testClock) Now() time.Time               { return time.Unix(0, c.ns.Load()).UTC() }
func (c *testClock) Add(d time.Duration)          { c.ns.Add(int64(d)) }
func (c *testClock) Set(t time.Time)              { c.ns.Store(t.UnixNano()) }
func (c *testClock) At(d time.Duration) time.Time { return c.Now().Add(d) }

// MustEngine returns an engine over the test orgs with a fixed clock at t0,
// configured by cfg's non-zero fields.
func MustEngine(tb testing.TB, cfg telecom.Config) (*telecom.Service, *testClock) {
	tb.Helper()
	clock := newTestClock(t0)
	if cfg.Clock == nil {
		cfg.Clock = clock.Now
	}
	if cfg.PairMemory == 0 {
		cfg.PairMemory = 1 << 12
	}
	if cfg.MaxEntries == 0 {
		cfg.MaxEntries = 1 << 16
	}
	if cfg.Logger == nil {
		// The tests report calls set up minutes before the clock, which
		// the engine rightly warns of as drifting clocks.
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	e, err := telecom.NewService(cfg)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	if err := e.SetOperators(testOrgs); err != nil {
		tb.Fatalf("SetOperators: %v", err)
	}
	return e, clock
}

// call returns a call between a and b at the clock's now.
func call(clock *testClock, a, b string, org int64, id string) telecom.Call {
	return telecom.Call{A: a, B: b, At: clock.Now(), CallID: id, OrgID: org}
}

// verifyCall returns a verification by operator B at the clock's now. Each
// is a call of its own, with a call ID of its own: a test that means a retry
// repeats one.
func verifyCall(clock *testClock, a, b string, ingress kuzet.Ingress) telecom.Call {
	id := "v" + strconv.FormatInt(verifications.Add(1), 10)
	return telecom.Call{A: a, B: b, At: clock.Now(), Ingress: ingress, OrgID: opB, CallID: id}
}

var verifications atomic.Int64

func mustRegister(tb testing.TB, e *telecom.Service, c telecom.Call) {
	tb.Helper()
	if err := e.Register(c); err != nil {
		tb.Fatalf("Register(%s → %s): %v", c.A, c.B, err)
	}
}

func mustVerify(tb testing.TB, e *telecom.Service, c telecom.Call) kuzet.CallReason {
	tb.Helper()
	v, err := e.Verify(context.Background(), c)
	if err != nil {
		tb.Fatalf("Verify(%s → %s): %v", c.A, c.B, err)
	}
	if v.Verdict != v.Reason.Verdict() {
		tb.Fatalf("verdict %s with reason %s", v.Verdict, v.Reason)
	}
	return v.Reason
}

// memStore is an in-memory kuzet.TelecomStore. fail makes every transaction
// fail, to play a store outage.
type memStore struct {
	mu       sync.Mutex
	roaming  map[string]kuzet.Roaming
	dno      map[string]kuzet.DNOEntry
	portings map[string]kuzet.Porting
	delegs   map[[2]string]kuzet.Delegation // target, org
	anchors  map[string]kuzet.STIAnchor
	certs    map[string]kuzet.STICertificate
	suspects []kuzet.SimboxSuspect // confirmed ones, for the block list
	counters map[counterRow]int64
	audit    []*kuzet.AuditEntry
	orgs     []*kuzet.Org // besides testOrgs
	fail     atomic.Bool
}

type counterRow struct {
	day    time.Time
	org    int64
	reason kuzet.CallReason
	rng    string
}

func newMemStore() *memStore {
	return &memStore{
		roaming:  make(map[string]kuzet.Roaming),
		dno:      make(map[string]kuzet.DNOEntry),
		portings: make(map[string]kuzet.Porting),
		delegs:   make(map[[2]string]kuzet.Delegation),
		anchors:  make(map[string]kuzet.STIAnchor),
		certs:    make(map[string]kuzet.STICertificate),
		counters: make(map[counterRow]int64),
	}
}

var errOutage = errors.New("store outage")

// Begin implements kuzet.Store. It keeps transactions simple: one at a
// time, writes applied as they come; the tests need no rollback.
func (s *memStore) Begin(ctx context.Context, writable bool) (kuzet.Tx, error) {
	if s.fail.Load() {
		return nil, errOutage
	}
	s.mu.Lock()
	return &memTx{s: s}, nil
}

func (s *memStore) Close() error { return nil }

// memTx is a transaction of memStore: the telecom store and the audit
// chain; any other method of kuzet.Tx panics (nil embedded interface).
type memTx struct {
	kuzet.Tx
	s    *memStore
	done bool
}

func (tx *memTx) end() error {
	if !tx.done {
		tx.done = true
		tx.s.mu.Unlock()
	}
	return nil
}

func (tx *memTx) Commit() error   { return tx.end() }
func (tx *memTx) Rollback() error { return tx.end() }

// FindOrgs answers the organisations of the store: testOrgs, and those
// added since.
func (tx *memTx) FindOrgs(ctx context.Context) ([]*kuzet.Org, error) {
	return append(slices.Clone(testOrgs), tx.s.orgs...), nil
}

func (tx *memTx) AppendAudit(ctx context.Context, entries ...*kuzet.AuditEntry) error {
	tx.s.audit = append(tx.s.audit, entries...)
	return nil
}

// auditActions returns the actions of the audit entries written so far.
func (s *memStore) auditActions() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, e := range s.audit {
		out = append(out, e.Action)
	}
	return out
}

func (tx *memTx) PutRoaming(ctx context.Context, r *kuzet.Roaming) error {
	s := tx.s
	s.roaming[r.MSISDN] = *r
	return nil
}

func (tx *memTx) ScanRoaming(ctx context.Context, fn func(*kuzet.Roaming) error) error {
	s := tx.s
	for _, r := range s.roaming {
		if err := fn(&r); err != nil {
			return err
		}
	}
	return nil
}

func (tx *memTx) PutDNO(ctx context.Context, e *kuzet.DNOEntry) error {
	s := tx.s
	s.dno[e.Number] = *e
	return nil
}

func (tx *memTx) DeleteDNO(ctx context.Context, number string) error {
	s := tx.s
	if _, ok := s.dno[number]; !ok {
		return kuzet.Errorf(kuzet.ENOTFOUND, "not listed")
	}
	delete(s.dno, number)
	return nil
}

func (tx *memTx) ScanDNO(ctx context.Context, fn func(*kuzet.DNOEntry) error) error {
	s := tx.s
	for _, e := range s.dno {
		if err := fn(&e); err != nil {
			return err
		}
	}
	return nil
}

func (tx *memTx) PutPorting(ctx context.Context, p *kuzet.Porting) error {
	s := tx.s
	s.portings[p.MSISDN] = *p
	return nil
}

func (tx *memTx) ScanPortings(ctx context.Context, fn func(*kuzet.Porting) error) error {
	s := tx.s
	for _, p := range s.portings {
		if err := fn(&p); err != nil {
			return err
		}
	}
	return nil
}

func delegKey(d *kuzet.Delegation) [2]string {
	return [2]string{d.Target(), strconv.FormatInt(d.OrgID, 10)}
}

func (tx *memTx) PutDelegation(ctx context.Context, d *kuzet.Delegation) error {
	tx.s.delegs[delegKey(d)] = *d
	return nil
}

func (tx *memTx) DeleteDelegation(ctx context.Context, d *kuzet.Delegation) error {
	if _, ok := tx.s.delegs[delegKey(d)]; !ok {
		return kuzet.Errorf(kuzet.ENOTFOUND, "not delegated")
	}
	delete(tx.s.delegs, delegKey(d))
	return nil
}

func (tx *memTx) ScanDelegations(ctx context.Context, fn func(*kuzet.Delegation) error) error {
	for _, d := range tx.s.delegs {
		if err := fn(&d); err != nil {
			return err
		}
	}
	return nil
}

func (tx *memTx) PutSTIAnchor(ctx context.Context, a *kuzet.STIAnchor) error {
	tx.s.anchors[a.Fingerprint] = *a
	return nil
}

func (tx *memTx) DeleteSTIAnchor(ctx context.Context, fp string) error {
	if _, ok := tx.s.anchors[fp]; !ok {
		return kuzet.Errorf(kuzet.ENOTFOUND, "no anchor")
	}
	delete(tx.s.anchors, fp)
	return nil
}

func (tx *memTx) ScanSTIAnchors(ctx context.Context, fn func(*kuzet.STIAnchor) error) error {
	for _, a := range tx.s.anchors {
		if err := fn(&a); err != nil {
			return err
		}
	}
	return nil
}

func (tx *memTx) PutSTICertificate(ctx context.Context, c *kuzet.STICertificate) error {
	tx.s.certs[c.X5U] = *c
	return nil
}

func (tx *memTx) ScanSTICertificates(ctx context.Context, fn func(*kuzet.STICertificate) error) error {
	for _, c := range tx.s.certs {
		if err := fn(&c); err != nil {
			return err
		}
	}
	return nil
}

// FindConfirmedSimbox answers as the stores do: confirmed suspects by
// StatusAt and ID, from the cursor, within the bounds.
func (tx *memTx) FindConfirmedSimbox(ctx context.Context, f kuzet.ConfirmedSimboxFilter) ([]*kuzet.SimboxSuspect, error) {
	list := slices.Clone(tx.s.suspects)
	slices.SortFunc(list, func(a, b kuzet.SimboxSuspect) int {
		return cmp.Or(a.StatusAt.Compare(b.StatusAt), cmp.Compare(a.ID, b.ID))
	})
	var out []*kuzet.SimboxSuspect
	for i := range list {
		x := &list[i]
		if x.Status != kuzet.SimboxSuspectConfirmed || !f.Since.IsZero() && x.StatusAt.Before(f.Since) ||
			!f.Until.IsZero() && x.StatusAt.After(f.Until) ||
			!f.AfterAt.IsZero() && (x.StatusAt.Before(f.AfterAt) || x.StatusAt.Equal(f.AfterAt) && x.ID <= f.AfterID) {
			continue
		}
		if len(out) == kuzet.WebPageLimit(f.Limit) {
			break
		}
		out = append(out, x)
	}
	return out, nil
}

func (tx *memTx) AddCallCounters(ctx context.Context, cs []kuzet.CallCounter) error {
	s := tx.s
	for _, c := range cs {
		s.counters[counterRow{c.Day, c.OrgID, c.Reason, c.Range}] += c.Count
	}
	return nil
}

func (tx *memTx) FindCallCounters(ctx context.Context, f kuzet.CallCounterFilter) ([]*kuzet.CallCounter, error) {
	s := tx.s
	var out []*kuzet.CallCounter
	for k, n := range s.counters {
		if (f.OrgID != 0 && k.org != f.OrgID) || (!f.From.IsZero() && k.day.Before(f.From.Truncate(24*time.Hour))) ||
			(!f.To.IsZero() && !k.day.Before(f.To.Truncate(24*time.Hour))) {
			continue
		}
		out = append(out, &kuzet.CallCounter{Day: k.day, OrgID: k.org, Reason: k.reason, Range: k.rng, Count: n})
	}
	slices.SortFunc(out, func(a, b *kuzet.CallCounter) int {
		return cmp.Or(a.Day.Compare(b.Day), cmp.Compare(a.OrgID, b.OrgID), cmp.Compare(a.Reason, b.Reason),
			cmp.Compare(a.Range, b.Range))
	})
	return out, nil
}

// storedCount sums the stored counters of one reason.
func (s *memStore) storedCount(reason kuzet.CallReason) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var n int64
	for k, c := range s.counters {
		if k.reason == reason {
			n += c
		}
	}
	return n
}

var _ kuzet.Store = (*memStore)(nil)
