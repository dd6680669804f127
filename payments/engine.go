package payments

import (
	"context"
	"crypto/rand"
	"hash/maphash"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/telecom"
)

// Indicators answers what the registry knows of an identifier, from memory.
// registry.Index implements it.
type Indicators interface {
	Assess(kind kuzet.Kind, value string, now time.Time) kuzet.Assessment
}

// CallSignals gives the active-call signal of a subscriber: whether they
// are, or in the last minutes were, on a call with a risky caller.
// telecom.Service implements it. It must answer from memory.
type CallSignals interface {
	Signal(msisdn string, at time.Time) (telecom.ActiveCall, error)
}

// Sink takes check records to be stored, without blocking. Enqueue returns
// false when the record may not reach the store (the queue is full, or the
// store is failing): the decision then carries the reason "degraded".
// Writer implements it.
type Sink interface {
	Enqueue(rec *kuzet.CheckRecord) bool
}

// ReasonDegraded is the reason code added to a decision that kuzet could
// not record: the decision itself is whole, made from memory.
const ReasonDegraded = "degraded"

// EngineConfig sets up an Engine. Zero fields take the defaults in brackets.
type EngineConfig struct {
	Indicators Indicators  // the registry [none: no registry signals]
	Calls      CallSignals // the telecom signal [none]
	Sink       Sink        // where check records go [none: not kept]
	CardKey    []byte      // the deployment's card token key [none: card payees are refused]
	// CardLegacyKey is the key the store held before the migration of
	// card tokens, if there was one (ident.Parser.CardLegacyKey).
	CardLegacyKey []byte
	Clock         kuzet.Clock // [kuzet.SystemClock]
	Rules         *RuleSet    // the live rules [DefaultRules()]

	MaxPayers  int // payers remembered, about 140 bytes each with the index [2,000,000]
	MaxPayees  int // payees remembered, about 150 bytes each with the index [2,000,000]
	MaxDevices int // devices seen in confirmed fraud [200,000]
	// MaxTransfers bounds the ISO 20022 transactions remembered to refuse
	// a duplicate, about 80 bytes each with the index [500,000].
	MaxTransfers int

	VelocityWindow time.Duration // the velocity signal counts the payer's checks in it [10 min]
	FanInWindow    time.Duration // the fan_in signal counts distinct payers in it [6 h]
}

// Engine decides payment checks from memory alone: the registry's index,
// the telecom signal, and its own bounded memory of payers, payees and
// devices. Nothing on the way of a check waits for a store; records leave
// through the Sink. It is safe for concurrent use.
type Engine struct {
	indicators Indicators
	calls      CallSignals
	sink       Sink
	cardKey    []byte
	cardLegacy []byte
	clock      kuzet.Clock

	rules  atomic.Pointer[RuleSet]
	shadow atomic.Pointer[shadow]

	payers  *table[payer]
	payees  *table[payee]
	devices *table[mark]
	seen    *table[checked] // pacs.008 transactions checked, by sender and references

	velocity, fanIn uint32 // windows in seconds
	seed            maphash.Seed
	ids             idGen
}

// NewEngine returns an engine with empty memory; Observe or Service.Rebuild
// fill it from stored checks.
func NewEngine(cfg EngineConfig) *Engine {
	if cfg.Clock == nil {
		cfg.Clock = kuzet.SystemClock
	}
	if cfg.Rules == nil {
		cfg.Rules = DefaultRules()
	}
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&cfg.MaxPayers, 2_000_000)
	def(&cfg.MaxPayees, 2_000_000)
	def(&cfg.MaxDevices, 200_000)
	def(&cfg.MaxTransfers, 500_000)
	if cfg.VelocityWindow <= 0 {
		cfg.VelocityWindow = 10 * time.Minute
	}
	if cfg.FanInWindow <= 0 {
		cfg.FanInWindow = 6 * time.Hour
	}
	e := &Engine{
		indicators: cfg.Indicators, calls: cfg.Calls, sink: cfg.Sink, cardKey: cfg.CardKey, cardLegacy: cfg.CardLegacyKey, clock: cfg.Clock,
		payers: newTable[payer](cfg.MaxPayers), payees: newTable[payee](cfg.MaxPayees),
		devices: newTable[mark](cfg.MaxDevices), seen: newTable[checked](cfg.MaxTransfers),
		velocity: uint32(cfg.VelocityWindow / time.Second), fanIn: uint32(cfg.FanInWindow / time.Second),
		seed: maphash.MakeSeed(),
	}
	e.ids.init("chk_")
	e.rules.Store(cfg.Rules)
	return e
}

// Decision is the answer to a check, as the API returns it.
type Decision struct {
	CheckID   string                `json:"check_id"`
	Decision  kuzet.Decision        `json:"decision"`
	Score     float64               `json:"score"`
	Reasons   []kuzet.PaymentReason `json:"reasons"`
	HoldUntil time.Time             `json:"hold_until,omitzero"`
}

// Check decides whether the bank orgID should execute a payment. It
// validates and normalizes pc, measures the signals, runs the live rules
// (and the shadow rules, if any, for the report), learns from the payment
// and hands the record to the sink.
//
// Returns EINVALID naming every failing field by its JSON path ("amount",
// "payee.iban"). No store fault can fail a check: when the sink cannot take
// the record, the decision carries the reason "degraded".
func (e *Engine) Check(ctx context.Context, orgID int64, pc kuzet.PaymentCheck) (Decision, error) {
	now := e.clock()
	if orgID <= 0 {
		return Decision{}, kuzet.Errorf(kuzet.EINTERNAL, "payments: check without a bank")
	}
	if err := e.normalize(&pc, now); err != nil {
		return Decision{}, err
	}
	k := e.keys(orgID, &pc)
	var s Signals
	e.measure(&pc, &k, now, &s)

	live := e.rules.Load()
	v := live.Evaluate(&s)
	if sh := e.shadow.Load(); sh != nil {
		sh.observe(v.Decision, &s)
	}
	e.settle(&k, v.Decision, pc.Amount, now)

	reasons := make([]kuzet.PaymentReason, 0, 4)
	for i := range live.Rules {
		if v.Fired.Has(i) {
			r := &live.Rules[i]
			reasons = append(reasons, kuzet.PaymentReason{Code: r.Name, Detail: r.Say})
		}
	}
	d := Decision{CheckID: e.ids.next(), Decision: v.Decision, Score: v.Score, Reasons: reasons}
	if v.Decision == kuzet.DecisionHold {
		d.HoldUntil = now.Add(live.HoldFor)
	}
	if e.sink != nil {
		rec := &kuzet.CheckRecord{
			ID: d.CheckID, OrgID: orgID, Check: pc, Decision: d.Decision, Score: d.Score,
			Reasons: reasons[:len(reasons):len(reasons)], HoldUntil: d.HoldUntil, RulesVersion: live.ID(),
			CheckedAt: now, Signals: s.Named(),
		}
		if !e.sink.Enqueue(rec) {
			d.Reasons = append(d.Reasons, kuzet.PaymentReason{Code: ReasonDegraded,
				Detail: "kuzet decided from memory but could not record this check yet."})
		}
	}
	return d, nil
}

// checkKeys are a normalized check's keys into the engine's memory.
type checkKeys struct {
	payer   uint64 // 0: no payer identity
	payee   uint64
	payeeFP uint32 // the payee as the payer's memory knows it
	payerFP uint32 // the payer as the payee's memory knows it
	bank    uint32
	device  uint64 // 0: no device
}

// Key tags keep keys of different kinds of value apart.
const (
	tagCustomer uint64 = iota + 1
	tagAccount
	tagPhone
	tagDevice
	tagTransfer // a pacs.008 transaction
	tagPayee    // + kind code
)

func (e *Engine) hash(tag uint64, value string) uint64 {
	h := maphash.String(e.seed, value) ^ tag*0x9e3779b97f4a7c15
	// A final mix (splitmix64's) so that the tag reaches the top bits,
	// which pick the shard.
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	return (h ^ h>>31) | 1 // 0 means "none"
}

func fingerprint(h uint64) uint32 { return uint32(h>>32) | 1 }

// keys derives the memory keys of a normalized check. A payer is known
// within its bank by customer ID, else account, else phone; a payee across
// banks by its strongest identifier.
func (e *Engine) keys(orgID int64, pc *kuzet.PaymentCheck) checkKeys {
	k := checkKeys{bank: uint32(orgID)}
	py := &pc.Payer
	org := uint64(orgID) << 8
	switch {
	case py.CustomerID != "":
		k.payer = e.hash(org|tagCustomer, py.CustomerID)
	case py.Account != "":
		k.payer = e.hash(org|tagAccount, py.Account)
	case py.Phone != "":
		k.payer = e.hash(org|tagPhone, py.Phone)
	}
	if py.DeviceID != "" {
		k.device = e.hash(tagDevice, py.DeviceID)
	}
	if kind, value := primaryPayee(&pc.Payee); value != "" {
		k.payee = e.hash(tagPayee+uint64(kind), value)
	} else if pe := &pc.Payee; pe.BankBIC != "" && pe.Name != "" {
		// No identifier: the payee its bank knows by that name (an ISO
		// 20022 creditor without an account).
		k.payee = e.hash(tagPayee+uint64(len(payeeKinds)), pe.BankBIC+"\x00"+strings.ToUpper(pe.Name))
	}
	k.payeeFP, k.payerFP = fingerprint(k.payee), fingerprint(k.payer)
	return k
}

// payeeKinds are the payee identifiers in order of strength.
var payeeKinds = [...]kuzet.Kind{kuzet.KindIBAN, kuzet.KindAccount, kuzet.KindCard, kuzet.KindWallet, kuzet.KindPhone}

// Positions in payeeKinds of the kinds a payer's own identifiers take.
const (
	payeeIBAN  = 0
	payeePhone = 4
)

// payerAsPayee returns the payer's account (an IBAN) and phone as payee
// keys, 0 where there is none. normalize made an IBAN its canonical form; a
// local account number may be written in ways a payee's is not, so only an
// IBAN links. Only a payment to a new payee needs them.
func (e *Engine) payerAsPayee(py *kuzet.Payer) (keys [2]uint64) {
	if canonicalIBAN(py.Account) {
		keys[0] = e.hash(tagPayee+payeeIBAN, py.Account)
	}
	if py.Phone != "" {
		keys[1] = e.hash(tagPayee+payeePhone, py.Phone)
	}
	return keys
}

// canonicalIBAN reports whether a normalized account is an IBAN in the
// form normalize gives one: two letters, two check digits, the rest. A
// local account number is left as written, so it never links.
func canonicalIBAN(s string) bool {
	return len(s) >= 15 && len(s) <= 34 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' &&
		s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9'
}

// payeeValues returns the payee's identifiers in the order of payeeKinds,
// "" where not given.
func payeeValues(pe *kuzet.Payee) [len(payeeKinds)]string {
	return [...]string{pe.IBAN, pe.Account, pe.Card, pe.Wallet, pe.Phone}
}

func primaryPayee(pe *kuzet.Payee) (int, string) {
	for i, v := range payeeValues(pe) {
		if v != "" {
			return i, v
		}
	}
	return 0, ""
}

// PayeeIndicators returns the identifiers of a normalized payee, strongest
// first.
func PayeeIndicators(pe *kuzet.Payee) []kuzet.Indicator {
	var out []kuzet.Indicator
	for i, v := range payeeValues(pe) {
		if v != "" {
			out = append(out, kuzet.Indicator{Kind: payeeKinds[i], Value: v})
		}
	}
	return out
}

// measure fills s for a normalized check and records the attempt in the
// payer's and the payee's memory.
func (e *Engine) measure(pc *kuzet.PaymentCheck, k *checkKeys, now time.Time, s *Signals) {
	units := pc.Amount.Units()
	s[SignalAmount] = units
	s[SignalLocalHour] = float64(now.In(kuzet.Almaty).Hour())
	s.flag(SignalDeviceOnCall, pc.Payer.OnCall)
	s.flag(SignalRemoteAccess, pc.Payer.RemoteAccess)
	s.flag(SignalNewDevice, pc.Payer.NewDevice)
	t := uint32(now.Unix())
	s.flag(SignalNewPayee, true)
	if k.payer != 0 {
		sh := e.payers.lock(k.payer)
		p, _ := sh.touch(k.payer, t, e.payers.perShard)
		s[SignalVelocity] = float64(p.attempt(t, t-min(t, e.velocity)))
		s[SignalPayerHistory] = float64(p.learned)
		s[SignalAmountRatio] = p.ratio(units)
		if p.knows(k.payeeFP) {
			s[SignalNewPayee] = 0
		}
		s.flag(SignalRetryAfterHold, p.retry(k.payeeFP, t))
		if recent, ratio, warned := p.recent(k.payeeFP, t, units); recent {
			s[SignalPayeeRecent] = 1
			s[SignalPayeeRecentRatio] = ratio
			s.flag(SignalPayeeRecentWarned, warned)
		}
		sh.mu.Unlock()
	}
	if k.payee != 0 {
		sh := e.payees.lock(k.payee)
		p, _ := sh.touch(k.payee, t, e.payees.perShard)
		if p.first != 0 && p.first < t {
			s[SignalPayeeAgeHours] = float64(t-p.first) / 3600
		}
		s.flag(SignalPayeePassthrough, p.passedRecently(t))
		payers, banks, day := p.receive(k.payerFP, k.bank, t, t-min(t, e.fanIn), t-min(t, fanInDay), units)
		s[SignalFanIn], s[SignalFanInBanks], s[SignalFanInDay] = float64(payers), float64(banks), float64(day)
		sh.mu.Unlock()
	}
	if s[SignalNewPayee] == 1 {
		// The payer's own account as a payee: does this pass on what it
		// just received?
		for _, a := range e.payerAsPayee(&pc.Payer) {
			if a == 0 {
				continue
			}
			sh := e.payees.lock(a)
			if p := sh.get(a); p != nil && p.passes(units, t) {
				s[SignalPassthrough] = 1
			}
			sh.mu.Unlock()
		}
	}
	if k.device != 0 {
		sh := e.devices.lock(k.device)
		s.flag(SignalDeviceFraud, sh.get(k.device) != nil)
		sh.mu.Unlock()
	}

	if e.indicators != nil {
		for i, v := range payeeValues(&pc.Payee) {
			if v == "" {
				continue
			}
			a := e.indicators.Assess(payeeKinds[i], v, now)
			if a.Risk == kuzet.RiskNone {
				continue
			}
			for _, c := range a.Categories {
				sig := payeeSignal(c)
				s[sig] = max(s[sig], a.Score)
			}
		}
		if pc.Payer.IP != "" {
			if a := e.indicators.Assess(kuzet.KindIP, pc.Payer.IP, now); a.Risk != kuzet.RiskNone {
				s[SignalPayerIPRisk] = a.Score
			}
		}
	}

	if e.calls != nil && pc.Payer.Phone != "" {
		if ac, err := e.calls.Signal(pc.Payer.Phone, now); err == nil {
			s.flag(SignalCallActive, ac.Active)
			s.flag(SignalCallForeign, ac.Foreign)
			s.flag(SignalCallUnverified, ac.Unverified)
			s.flag(SignalCallFlagged, ac.Flagged)
			s.flag(SignalCallFirstTime, ac.FirstTime)
			s.flag(SignalCallRisky, ac.Foreign || ac.Unverified || ac.Flagged)
			s.flag(SignalCallTargeted, ac.Targeted)
		}
	}
}

// settle updates the payer's memory with a decision: a payment let through
// is learned; one held or blocked is remembered, so that a retry shows.
func (e *Engine) settle(k *checkKeys, d kuzet.Decision, amount kuzet.Amount, at time.Time) {
	if !d.Stops() {
		e.learn(k, amount, at, d == kuzet.DecisionReview)
		return
	}
	if k.payer == 0 || k.payee == 0 {
		return
	}
	sh := e.payers.lock(k.payer)
	if p := sh.get(k.payer); p != nil {
		p.held(k.payeeFP, uint32(at.Unix()))
	}
	sh.mu.Unlock()
}

// learn takes a payment the payer is allowed to make into the payer's
// habit: the payee becomes known and the amount part of the usual. A hold
// on the payee is forgotten: the payment turned out fine.
func (e *Engine) learn(k *checkKeys, amount kuzet.Amount, at time.Time, warned bool) {
	if k.payer == 0 || k.payee == 0 {
		return
	}
	sh := e.payers.lock(k.payer)
	if p := sh.get(k.payer); p != nil {
		p.learn(k.payeeFP, amount.Units(), uint32(at.Unix()), warned)
		if p.heldFP == k.payeeFP {
			p.heldFP = 0
		}
	}
	sh.mu.Unlock()
}

// forget drops a payee from the payer's known ones: a payee the payer was
// tricked into paying must stay new.
func (e *Engine) forget(k *checkKeys) {
	if k.payer == 0 || k.payee == 0 {
		return
	}
	sh := e.payers.lock(k.payer)
	if p := sh.get(k.payer); p != nil {
		for i, v := range p.payees {
			if v == k.payeeFP {
				p.payees[i] = 0
			}
		}
	}
	sh.mu.Unlock()
}

// MarkFraudDevice remembers a device as a fraudster's: a payment from it
// carries the signal device_fraud. A confirmed fraud never marks its
// payer's device, which is the victim's; a bank names the fraudster's when
// it knows it (an account taken over).
func (e *Engine) MarkFraudDevice(deviceID string, at time.Time) {
	if deviceID == "" {
		return
	}
	k := e.hash(tagDevice, deviceID)
	sh := e.devices.lock(k)
	sh.touch(k, uint32(at.Unix()), e.devices.perShard)
	sh.mu.Unlock()
}

// Observe replays a stored check into the engine's memory as if it were
// being made now, at its CheckedAt, with its outcome applied: the seam that
// rebuilds memory after a restart (Service.Rebuild) or on another node. It
// neither decides nor records anything. Records should come oldest first;
// the windows tolerate some disorder.
func (e *Engine) Observe(rec *kuzet.CheckRecord) {
	k := e.keys(rec.OrgID, &rec.Check)
	var s Signals
	e.measure(&rec.Check, &k, rec.CheckedAt, &s)
	e.applyOutcome(rec, &k, rec.Outcome)
}

// applyOutcome brings the memory in line with what a check turned out to
// be; with no outcome, with what its decision let through.
func (e *Engine) applyOutcome(rec *kuzet.CheckRecord, k *checkKeys, o kuzet.Outcome) {
	switch {
	case o == kuzet.OutcomeFraud:
		// The payer is the victim: the payee stays new to them, and their
		// own device is not marked (MarkFraudDevice takes the fraudster's).
		e.forget(k)
		if rec.Decision.Stops() {
			e.settle(k, rec.Decision, rec.Check.Amount, rec.CheckedAt)
		}
	case o == kuzet.OutcomeLegitimate, o == kuzet.OutcomeReleased:
		// A release is the customer insisting: the payment went.
		e.learn(k, rec.Check.Amount, rec.CheckedAt, false)
	case o == "":
		e.settle(k, rec.Decision, rec.Check.Amount, rec.CheckedAt)
	}
}

// outcome applies an outcome reported now, after the outcome from, to the
// memory.
func (e *Engine) outcome(rec *kuzet.CheckRecord, o, from kuzet.Outcome) {
	k := e.keys(rec.OrgID, &rec.Check)
	if o == kuzet.OutcomeLegitimate && (!rec.Decision.Stops() || from == kuzet.OutcomeReleased) {
		return // learned when it was checked, or released
	}
	e.applyOutcome(rec, &k, o)
}

// Rules returns the live rules.
func (e *Engine) Rules() *RuleSet { return e.rules.Load() }

// SetRules makes rs the live rules. A shadow comparison running against the
// old live rules starts over.
func (e *Engine) SetRules(rs *RuleSet) {
	e.rules.Store(rs)
	if sh := e.shadow.Load(); sh != nil {
		e.shadow.CompareAndSwap(sh, newShadow(sh.rules, e.clock()))
	}
}

// MemoryStats counts what the engine remembers.
type MemoryStats struct {
	Payers, Payees, Devices int
}

// Memory returns the engine's memory counts. It takes every shard lock
// once: for monitoring, not per check.
func (e *Engine) Memory() MemoryStats {
	return MemoryStats{Payers: e.payers.len(), Payees: e.payees.len(), Devices: e.devices.len()}
}

// idGen makes IDs unique across nodes and restarts without coordination: a
// random prefix per process and a counter of idWidth digits, so that one
// process's IDs sort as they were made and the stores' ID indexes take each
// at the right edge of its run, not at scattered places (as "…_10" before
// "…_2" would).
type idGen struct {
	prefix string
	n      atomic.Uint64
}

func (g *idGen) init(kind string) {
	var b [5]byte
	rand.Read(b[:])
	g.prefix = kind + kuzet.IDEncoding.EncodeToString(b[:]) + "_"
}

// idWidth is the counter's base-36 digits: 36⁹ (10¹⁴) IDs outlast any
// process. Beyond, the counter grows a digit: the IDs stay unique, no longer
// in order.
const idWidth = 9

func (g *idGen) next() string {
	var b [64]byte // the prefix is 13 bytes, the counter at most 13
	n := copy(b[:], g.prefix)
	var d [13]byte
	digits := strconv.AppendUint(d[:0], g.n.Add(1), 36)
	for range idWidth - len(digits) {
		b[n] = '0'
		n++
	}
	n += copy(b[n:], digits)
	return string(b[:n])
}
