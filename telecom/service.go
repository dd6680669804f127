package telecom

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kuzet/kuzet"
)

// FlagLookup reports whether the registry flags a number (E.164 with "+")
// as a spoofer's or scammer's: risk high or critical in category spoofed_cli
// or scam_call, and not allowlisted. It runs inside every verification that
// would pass, so it must answer from memory without blocking.
type FlagLookup func(e164 string) bool

// StoreFunc runs fn in one transaction of the system of record, committing
// if fn returns nil, reading only if writable is false. TxStore makes one of
// a kuzet.Store; tests pass an in-memory one.
type StoreFunc func(ctx context.Context, writable bool, fn func(kuzet.TelecomStore) error) error

// TxStore returns a StoreFunc over s, whose transactions must implement
// kuzet.TelecomStore (EINTERNAL otherwise).
func TxStore(s kuzet.Store) StoreFunc {
	return func(ctx context.Context, writable bool, fn func(kuzet.TelecomStore) error) error {
		tx, err := s.Begin(ctx, writable)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		ts, ok := tx.(kuzet.TelecomStore)
		if !ok {
			return kuzet.Errorf(kuzet.EINTERNAL, "the store keeps no telecom data")
		}
		if err := fn(ts); err != nil {
			return err
		}
		if !writable {
			return nil
		}
		return tx.Commit()
	}
}

// Config sets up a Service. Zero fields take the defaults in brackets.
type Config struct {
	Plan *Plan // the number plan [DefaultPlan()]

	Window    time.Duration // how long a registered call can be matched [120 s]
	Tolerance time.Duration // clock skew allowed between operators [10 s]
	Grace     time.Duration // how long a verification waits for a late registration [30 ms]
	Deadline  time.Duration // after this a verification that cannot be decided passes with reason timeout [50 ms]

	MaxEntries int // registered calls held at most; the oldest go first [2,000,000]
	Shards     int // window shards, rounded up to a power of two [256]
	MaxWaiting int // verifications waiting for a registration at once; beyond it they time out [100,000]

	ActiveWindow time.Duration // how long a risky call keeps the active-call signal up [15 min]
	// TargetedWindow is how long a blocked call to a subscriber keeps its
	// targeted signal up [1 h].
	TargetedWindow time.Duration
	MaxSignals     int // subscribers with a signal held at most; about 21 bytes each [2,000,000]
	PairMemory     int // caller/callee pairs remembered to tell first-time callers, 4 bytes each [8,388,608]

	FlushInterval time.Duration // how often counters go to the store [10 s]

	// BlocklistSettle is how long a SIM-box confirmation waits before the
	// block list shows it, so that a page's cursor never passes one still
	// committing [2 s].
	BlocklistSettle time.Duration

	Flagged FlagLookup // registry lookup; nil flags nothing
	// Store keeps roaming, DNO, portings, counters and the audit entries of
	// their changes, and lists the organisations whose ranges make the
	// prefix table; nil keeps everything in memory only (benchmarks).
	Store  kuzet.Store
	Audit  kuzet.Auditor // records reads of personal data (the active-call signal); nil: kuzet.StoreAuditor(Store)
	Clock  kuzet.Clock   // nil: the wall clock, read coarsely (every millisecond) by a background loop
	Logger *slog.Logger  // nil: slog.Default()
}

func (c *Config) setDefaults() error {
	if c.Plan == nil {
		c.Plan = DefaultPlan()
	}
	durations := []struct {
		d   *time.Duration
		def time.Duration
	}{
		{&c.Window, 120 * time.Second}, {&c.Tolerance, 10 * time.Second},
		{&c.Grace, 30 * time.Millisecond}, {&c.Deadline, 50 * time.Millisecond},
		{&c.ActiveWindow, 15 * time.Minute}, {&c.FlushInterval, 10 * time.Second}, {&c.TargetedWindow, time.Hour},
		{&c.BlocklistSettle, 2 * time.Second},
	}
	for _, x := range durations {
		if *x.d < 0 {
			return kuzet.Errorf(kuzet.EINVALID, "telecom: negative duration %v", *x.d)
		}
		if *x.d == 0 {
			*x.d = x.def
		}
	}
	for _, x := range []struct {
		n   *int
		def int
	}{
		{&c.MaxEntries, 2_000_000}, {&c.Shards, 256}, {&c.MaxWaiting, 100_000},
		{&c.MaxSignals, 2_000_000}, {&c.PairMemory, 1 << 23},
	} {
		if *x.n < 0 {
			return kuzet.Errorf(kuzet.EINVALID, "telecom: negative size %d", *x.n)
		}
		if *x.n == 0 {
			*x.n = x.def
		}
	}
	if c.Grace > c.Deadline {
		return kuzet.Errorf(kuzet.EINVALID, "telecom: grace %v exceeds the deadline %v", c.Grace, c.Deadline)
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Audit == nil && c.Store != nil {
		c.Audit = kuzet.StoreAuditor(c.Store)
	}
	return nil
}

// Service is call verification in one process: the number plan, the window
// of registered calls, roaming, DNO, portings, counters and the active-call
// signal. It is safe for concurrent use. Everything but the window survives
// a restart through Config.Store; the window is rebuilt by traffic within
// its two minutes.
type Service struct {
	cfg    Config
	plan   *Plan
	ops    atomic.Pointer[operators]
	ports  numberMap[int64]
	delegs atomic.Pointer[delegations] // nil: none
	sti    atomic.Pointer[stiTrust]    // STIR/SHAKEN anchors and certificates (stir.go); nil: none
	// idStats counts the PASSporTs checked, by outcome.
	idStats identityStats
	// portedTo counts the numbers ported to each operator, under writeMu:
	// an operator serving only ported numbers may originate calls too.
	portedTo map[int64]int
	dno      numberMap[struct{}]
	roam     numberMap[roaming]
	win      *window
	sig      *signals
	pairs    *pairMemory

	counts  counters
	flushMu sync.Mutex // see Flush and Stats
	skew    skews      // the operators' clock offsets (skew.go)

	// refreshMu serializes reloads of the prefix table (operator.go);
	// opsConflict is the conflict the last reload found, for Health.
	refreshMu   sync.Mutex
	opsConflict atomic.Pointer[error]

	// Originations emits the registrations this node accepted, so that a
	// bus adapter can hand them to the nodes whose verifications need them.
	// The calls are valid only during the call: a subscriber copies what it
	// keeps.
	Originations kuzet.Hook[Originated]

	// Notes emits each risky call this node noted for the active-call
	// signal, so that a bus adapter can hand it to the other nodes
	// (ApplyNote, cluster.go).
	Notes kuzet.Hook[SignalNote]

	// writeMu orders roaming, DNO and porting writes with their
	// persistence, so that memory and store agree on which report won.
	writeMu sync.Mutex

	impaired atomic.Pointer[error]
	waiting  atomic.Int64
	coarse   atomic.Int64 // wall clock in Unix ns, kept by the background loop
	// Totals counted off the hot path; the hot path's own totals live in the
	// window shards and counter stripes, under locks it holds anyway, so that
	// no shared counter bounces between cores on every call.
	m struct{ rejected, timeouts, overloaded atomic.Uint64 }

	stop chan struct{}
	wg   sync.WaitGroup
	once sync.Once
}

// New returns an engine with cfg. It keeps no state yet and runs no
// background work: Open does both.
func NewService(cfg Config) (*Service, error) {
	if err := cfg.setDefaults(); err != nil {
		return nil, err
	}
	e := &Service{
		cfg:   cfg,
		plan:  cfg.Plan,
		win:   newWindow(cfg.Shards, cfg.MaxEntries),
		sig:   newSignals(cfg.MaxSignals, cfg.ActiveWindow, cfg.TargetedWindow),
		pairs: newPairMemory(cfg.PairMemory),
		stop:  make(chan struct{}),
	}
	e.ops.Store(&operators{nodes: []opNode{{}}, orgs: map[int64]bool{}, known: map[int64]bool{}, telcos: map[int64]bool{}})
	e.portedTo = make(map[int64]int)
	return e, nil
}

// Plan returns the service's number plan.
func (e *Service) Plan() *Plan { return e.plan }

// Open loads roaming, DNO and portings from the store and starts the
// background loop: the coarse clock, counter flushes and window expiry.
func (e *Service) Open(ctx context.Context) error {
	if err := e.load(ctx); err != nil {
		return err
	}
	if e.cfg.Clock == nil {
		e.coarse.Store(time.Now().UnixNano())
		e.wg.Add(1)
		go e.tick()
	}
	e.wg.Add(1)
	go e.background()
	return nil
}

// Close stops the background loop and flushes the counters one last time.
func (e *Service) Close() error {
	e.once.Do(func() { close(e.stop) })
	e.wg.Wait()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return e.Flush(ctx)
}

// tick keeps the coarse clock: one time.Now a millisecond instead of one
// per call. Matching tolerates seconds of skew, so a millisecond is exact
// enough.
func (e *Service) tick() {
	defer e.wg.Done()
	t := time.NewTicker(time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-e.stop:
			e.coarse.Store(0)
			return
		case now := <-t.C:
			e.coarse.Store(now.UnixNano())
		}
	}
}

func (e *Service) background() {
	defer e.wg.Done()
	t := time.NewTicker(e.cfg.FlushInterval)
	defer t.Stop()
	expiry := time.NewTicker(time.Second)
	defer expiry.Stop()
	for {
		select {
		case <-e.stop:
			return
		case <-expiry.C:
			e.win.expireAll(e.now() - int64(e.cfg.Window))
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), e.cfg.FlushInterval)
			if err := e.Flush(ctx); err != nil {
				e.cfg.Logger.Error("telecom: flush counters", "err", err)
			}
			// An operator added by `kuzet org add` in another process is
			// otherwise learnt only from its own first request, and until
			// then its numbers would pass as unverifiable.
			if err := e.RefreshOperators(ctx); err != nil {
				e.cfg.Logger.Error("telecom: reload the operators' numbering ranges", "err", err)
			}
			cancel()
		}
	}
}

// now returns the service's time in Unix ns.
func (e *Service) now() int64 {
	if e.cfg.Clock != nil {
		return e.cfg.Clock().UnixNano()
	}
	if t := e.coarse.Load(); t != 0 {
		return t
	}
	return time.Now().UnixNano()
}

// SetImpaired tells the engine that something it depends on is failing, such
// as the stream that carries registrations: a verification without a
// matching registration can then not tell a spoofed call from a late
// registration, so it waits up to the deadline and passes with reason
// timeout. A nil cause clears the impairment.
func (e *Service) SetImpaired(cause error) {
	if cause == nil {
		e.impaired.Store(nil)
		return
	}
	e.impaired.Store(&cause)
}

// Impaired returns the cause set by SetImpaired, or nil.
func (e *Service) Impaired() error {
	if p := e.impaired.Load(); p != nil {
		return *p
	}
	return nil
}

// Metrics are the service's gauges and running totals, for monitoring.
type Metrics struct {
	Entries    int    // registered calls and remembered verdicts in the window
	Evicted    uint64 // registered calls dropped before their time because the window was full
	Registered uint64 // registrations accepted (new)
	Duplicates uint64 // registrations repeating one already held
	Remembered uint64 // verdicts given without a registration, kept for retries
	Rejected   uint64 // registrations refused (invalid or not the operator's number)
	Verified   uint64 // verdicts given
	Timeouts   uint64 // verdicts given fail-open (reason timeout)
	Overloaded uint64 // verifications that could not wait because too many were waiting
	Waiting    int64  // verifications waiting for a registration now
	Signals    int    // subscribers with an active-call signal up
	Roaming    int    // subscribers with a roaming state held
	DNO        int    // numbers on the Do-Not-Originate list
	Impaired   bool
	// Unverifiable counts the calls passed as unverifiable by the plan
	// range of the calling number (its prefix): how much traffic comes
	// from operators not connected yet.
	Unverifiable map[string]uint64
	// ClockOffsets are the operators' clocks against kuzet's (skew.go).
	ClockOffsets []ClockOffset
	// PASSporTs checked (stir.go): attestation A from an operator that may
	// originate the number; forged (invalid_identity); of no use to the
	// rules (unknown certificate, attestation B or C, stale, another call's).
	IdentityAttested, IdentityForged, IdentityUnusable uint64
}

// Metrics returns the current metrics. It takes every lock once and scans
// the signal table (milliseconds): call it for monitoring, not per call.
func (e *Service) Metrics() Metrics {
	w := e.win.stats()
	unverifiable := make(map[string]uint64)
	for r, n := range e.counts.unverifiable() {
		unverifiable[e.plan.ranges[r-1].Prefix] += n
	}
	return Metrics{
		Unverifiable:     unverifiable,
		ClockOffsets:     e.ClockOffsets(0),
		IdentityAttested: e.idStats.attested.Load(),
		IdentityForged:   e.idStats.forged.Load(),
		IdentityUnusable: e.idStats.unusable.Load(),
		Entries:          w.entries,
		Evicted:          w.evicted,
		Registered:       w.added,
		Duplicates:       w.dups,
		Remembered:       w.remembered,
		Rejected:         e.m.rejected.Load(),
		Verified:         e.counts.total(),
		Timeouts:         e.m.timeouts.Load(),
		Overloaded:       e.m.overloaded.Load(),
		Waiting:          e.waiting.Load(),
		Signals:          e.sig.active(e.now() / int64(time.Second)),
		Roaming:          e.roam.len(),
		DNO:              e.dno.len(),
		Impaired:         e.Impaired() != nil,
	}
}

// load restores roaming, DNO and portings. Entries that no longer fit the
// plan (it may have changed since) are skipped with a warning rather than
// keeping the server down.
func (e *Service) load(ctx context.Context) error {
	if e.cfg.Store == nil {
		return nil
	}
	skip := func(what, value string) {
		e.cfg.Logger.Warn("telecom: skipping stored entry that does not parse", "what", what, "value", value)
	}
	err := kuzet.Transact(ctx, e.cfg.Store, false, func(s kuzet.Tx) error {
		if err := s.ScanRoaming(ctx, func(r *kuzet.Roaming) error {
			n, err := ParseNumber(r.MSISDN)
			if err != nil {
				skip("roaming", r.MSISDN)
				return nil
			}
			e.roam.set(n, roamingOf(r))
			return nil
		}); err != nil {
			return fmt.Errorf("scan roaming: %w", err)
		}
		if err := s.ScanDNO(ctx, func(d *kuzet.DNOEntry) error {
			n, err := ParseNumber(d.Number)
			if err != nil {
				skip("dno", d.Number)
				return nil
			}
			e.dno.set(n, struct{}{})
			return nil
		}); err != nil {
			return fmt.Errorf("scan dno: %w", err)
		}
		if err := s.ScanPortings(ctx, func(p *kuzet.Porting) error {
			n, err := ParseNumber(p.MSISDN)
			if err != nil {
				skip("porting", p.MSISDN)
				return nil
			}
			e.ports.set(n, p.OrgID)
			e.portedTo[p.OrgID]++
			return nil
		}); err != nil {
			return fmt.Errorf("scan portings: %w", err)
		}
		return e.loadDelegations(ctx, s)
	})
	if err != nil {
		return fmt.Errorf("load telecom state: %w", err)
	}
	return nil
}

// loadDelegations replaces the delegations and the STIR/SHAKEN trust list
// with the store's.
func (e *Service) loadDelegations(ctx context.Context, s kuzet.Tx) error {
	var list []kuzet.Delegation
	if err := s.ScanDelegations(ctx, func(d *kuzet.Delegation) error {
		list = append(list, *d)
		return nil
	}); err != nil {
		return fmt.Errorf("scan delegations: %w", err)
	}
	e.delegs.Store(newDelegations(list))
	return e.loadTrust(ctx, s)
}
