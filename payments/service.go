package payments

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/registry"
)

// Config sets up a Service. Zero fields take the defaults in brackets.
type Config struct {
	Engine *Engine       // required
	Store  kuzet.Store   // required
	Writer *Writer       // if set, an outcome for a check not yet stored waits for it
	Clock  kuzet.Clock   // [kuzet.SystemClock]
	Audit  kuzet.Auditor // records reads of checks [kuzet.StoreAuditor(Store)]
	Logger *slog.Logger  // [slog.Default()]
	// Registry takes the payee identifiers of confirmed frauds as
	// mule_account reports in the bank's name; nil reports none.
	Registry *registry.Service
	// Outcomes, if set, is told of every outcome applied to this node's
	// memory, so that a cluster can apply it on the others (ApplyOutcome).
	Outcomes func(OutcomeNote)
}

// OutcomeNote is an outcome as it changed the engine's memory: the check
// with its new outcome, the outcome it had before, and the fraudster's
// device the bank named. Another node applies it with ApplyOutcome.
type OutcomeNote struct {
	Check         *kuzet.CheckRecord `json:"check"`
	From          kuzet.Outcome      `json:"from,omitempty"`
	FraudDeviceID string             `json:"fraud_device_id,omitempty"`
	At            time.Time          `json:"at"`
}

// Service is the anti-fraud centre's payment checks: the decision from
// memory (Check), and the use cases that go through the store: outcomes,
// the bank's checks, prevented loss, rule versions and shadow rules, the
// rebuild of the engine's memory. The caller checks permissions; the
// Service checks tenancy.
type Service struct {
	engine   *Engine
	store    kuzet.Store
	writer   *Writer
	clock    kuzet.Clock
	audit    kuzet.Auditor
	log      *slog.Logger
	registry *registry.Service
	outcomes func(OutcomeNote)
}

// NewService returns a service over cfg.
func NewService(cfg Config) *Service {
	s := &Service{engine: cfg.Engine, store: cfg.Store, writer: cfg.Writer, clock: cfg.Clock,
		audit: cfg.Audit, log: cfg.Logger, registry: cfg.Registry, outcomes: cfg.Outcomes}
	if s.clock == nil {
		s.clock = kuzet.SystemClock
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.audit == nil {
		s.audit = kuzet.StoreAuditor(s.store)
	}
	return s
}

// Check decides on one payment of the bank orgID, from memory: a store
// that is down makes the decision carry the reason "degraded", never an
// error. Returns EINVALID naming every failing field of pc.
func (s *Service) Check(ctx context.Context, orgID int64, pc kuzet.PaymentCheck) (Decision, error) {
	return s.engine.Check(ctx, orgID, pc)
}

// CheckPacs008 decides on each transaction of an ISO 20022 pacs.008
// message from the bank orgID, in any envelope (see Engine.CheckPacs008).
func (s *Service) CheckPacs008(ctx context.Context, orgID int64, msg []byte) (*MessageDecision, error) {
	return s.engine.CheckPacs008(ctx, orgID, msg)
}

// Rules returns the live rules.
func (s *Service) Rules() *RuleSet { return s.engine.Rules() }

// Shadow returns the shadow rules, or nil.
func (s *Service) Shadow() *RuleSet { return s.engine.Shadow() }

// ShadowReport tells how decisions would change under the shadow rules.
// Returns ENOTFOUND if none are loaded.
func (s *Service) ShadowReport() (ShadowReport, error) {
	rep, ok := s.engine.ShadowReport()
	if !ok {
		return rep, kuzet.Errorf(kuzet.ENOTFOUND, "no shadow rules are loaded: POST /v1/payments/rules with mode shadow")
	}
	return rep, nil
}

// Memory returns how much the engine holds in memory, for metrics.
func (s *Service) Memory() MemoryStats { return s.engine.Memory() }

// MuleConfidence is the confidence of the mule_account reports that a
// confirmed fraud yields: a bank confirmed it, but one bank only.
const MuleConfidence = 0.8

// OutcomeResult is what recording an outcome led to.
type OutcomeResult struct {
	Check *kuzet.CheckRecord
	// Mules are the payee identifiers to report to the registry as
	// mule_account (see MuleSubmissions); set for fraud_confirmed only.
	Mules []kuzet.Indicator
	// Prevented is the prevented-loss row counted now: the check was held
	// or blocked and is confirmed as fraud. Nil otherwise, and nil when the
	// same outcome is reported again.
	Prevented *kuzet.PreventedLoss
}

// MuleSubmissions returns the registry reports of r's mule identifiers, for
// the reporting bank to Submit.
func (r *OutcomeResult) MuleSubmissions() []registry.Submission {
	out := make([]registry.Submission, 0, len(r.Mules))
	for _, ind := range r.Mules {
		out = append(out, registry.Submission{Kind: ind.Kind, Value: ind.Value, Category: kuzet.CategoryMuleAccount,
			Confidence: MuleConfidence, Evidence: "payment check " + r.Check.ID + " confirmed as fraud"})
	}
	return out
}

// OutcomeInput is what a bank learned of a checked payment.
type OutcomeInput struct {
	Outcome kuzet.Outcome
	// FraudDeviceID is the device the fraudster used, when the bank knows
	// it (an account taken over): it is remembered as a fraud device. The
	// payer's own device is never marked by their victimisation.
	FraudDeviceID string
}

// RecordOutcome records what the bank orgID learned of its check (see
// RecordOutcomeInput).
func (s *Service) RecordOutcome(ctx context.Context, orgID int64, checkID string, o kuzet.Outcome) (*OutcomeResult, error) {
	return s.RecordOutcomeInput(ctx, orgID, checkID, OutcomeInput{Outcome: o})
}

// RecordOutcomeInput records what the bank orgID learned of its check. A
// confirmed fraud reports the payee's identifiers to the registry as a
// mule's, in the bank's name, and counts as prevented loss only if kuzet
// stopped the payment and nobody released it. Reporting the same outcome
// again changes nothing and counts nothing twice.
//
// A check takes one outcome, except that released (a hold or block
// overridden: the money went) may be followed by fraud_confirmed or
// legitimate once the bank knows. Released is for a held or blocked payment
// only.
//
// Returns EINVALID for an unknown outcome or a device ID too long,
// ENOTFOUND if the check does not exist or is another bank's, and ECONFLICT
// if its outcome cannot change to o.
func (s *Service) RecordOutcomeInput(ctx context.Context, orgID int64, checkID string, in OutcomeInput) (*OutcomeResult, error) {
	o := in.Outcome
	if !o.Valid() {
		return nil, kuzet.Invalid("outcome", "outcome must be one of fraud_confirmed, legitimate, cancelled_by_customer, released")
	}
	if len(in.FraudDeviceID) > maxDeviceID {
		return nil, kuzet.Invalid("fraud_device_id", "fraud_device_id must be at most %d characters", maxDeviceID)
	}
	if in.FraudDeviceID != "" && o != kuzet.OutcomeFraud {
		return nil, kuzet.Invalid("fraud_device_id", "fraud_device_id goes with fraud_confirmed only")
	}
	if !kuzet.ValidID(checkID, "chk_") {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no check %q", clip(checkID))
	}
	res, err := s.recordOutcome(ctx, orgID, checkID, in)
	if kuzet.ErrorCode(err) == kuzet.ENOTFOUND && s.writer != nil {
		// The check may still be on its way to the store.
		if serr := s.writer.Sync(ctx); serr == nil {
			res, err = s.recordOutcome(ctx, orgID, checkID, in)
		}
	}
	if err != nil {
		return nil, err
	}
	if o == kuzet.OutcomeFraud {
		res.Mules = PayeeIndicators(&res.Check.Check.Payee)
		if err := s.reportMules(ctx, orgID, res); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// maxDeviceID bounds a device ID named in an outcome.
const maxDeviceID = 128

// nextOutcome says whether a check decided d with the outcome from may take
// the outcome to. again is true when nothing changes.
func nextOutcome(d kuzet.Decision, from, to kuzet.Outcome) (again bool, err error) {
	switch {
	case from == to:
		return true, nil
	case to == kuzet.OutcomeReleased && !d.Stops():
		return false, kuzet.Errorf(kuzet.ECONFLICT, "the payment was not stopped (%s): only a held or blocked payment can be released", d)
	case from == "":
		return false, nil
	case from == kuzet.OutcomeReleased && (to == kuzet.OutcomeFraud || to == kuzet.OutcomeLegitimate):
		return false, nil
	}
	return false, kuzet.Errorf(kuzet.ECONFLICT, "the check already has the outcome %s", from)
}

// reportMules reports a confirmed fraud's payee identifiers to the
// registry in the bank's name. Repeating the outcome repeats the report, so
// a bank may retry after a failure; items the registry refuses are logged.
func (s *Service) reportMules(ctx context.Context, orgID int64, res *OutcomeResult) error {
	subs := res.MuleSubmissions()
	if s.registry == nil || len(subs) == 0 {
		return nil
	}
	results, err := s.registry.Submit(ctx, orgID, subs)
	if err != nil {
		return err
	}
	for i, r := range results {
		if r.Err != nil {
			s.log.Warn("payments: mule identifier not reported to the registry", "kind", subs[i].Kind, "err", r.Err)
		}
	}
	return nil
}

func (s *Service) recordOutcome(ctx context.Context, orgID int64, checkID string, in OutcomeInput) (*OutcomeResult, error) {
	now := s.clock()
	o := in.Outcome
	res := &OutcomeResult{}
	again := false
	var from kuzet.Outcome
	err := kuzet.Transact(ctx, s.store, true, func(tx kuzet.Tx) error {
		rec, err := tx.FindCheck(ctx, orgID, checkID)
		if err != nil {
			return err
		}
		res.Check, from = rec, rec.Outcome
		if again, err = nextOutcome(rec.Decision, rec.Outcome, o); err != nil {
			return kuzet.Errorf(kuzet.ECONFLICT, "check %s: %s", rec.ID, kuzet.ErrorMessage(err))
		} else if again {
			return nil
		}
		if err := tx.SetCheckOutcome(ctx, orgID, checkID, o, now); err != nil {
			return err
		}
		if in.FraudDeviceID != "" {
			if err := tx.PutFraudDevice(ctx, orgID, in.FraudDeviceID, checkID, now); err != nil {
				return err
			}
		}
		rec.Outcome, rec.OutcomeAt = o, now
		// Prevented only if kuzet stopped it and the money stayed: a
		// released payment went, whatever it turns out to be.
		if o == kuzet.OutcomeFraud && rec.Decision.Stops() && from != kuzet.OutcomeReleased {
			pl := kuzet.PreventedLoss{Day: utcDay(rec.CheckedAt), OrgID: orgID, Region: rec.Check.Payer.Region,
				Currency: rec.Check.Currency, Amount: rec.Check.Amount, Count: 1}
			if err := tx.AddPreventedLoss(ctx, []kuzet.PreventedLoss{pl}); err != nil {
				return err
			}
			res.Prevented = &pl
		}
		detail := fmt.Sprintf("%s after %s", o, rec.Decision)
		if from != "" {
			detail += ", " + string(from) + " before"
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditPaymentOutcome,
			Object: "payment_check:" + rec.ID, Detail: detail})
	})
	if err != nil {
		return nil, wrap("record outcome", err)
	}
	if !again {
		n := OutcomeNote{Check: res.Check, From: from, FraudDeviceID: in.FraudDeviceID, At: now}
		s.ApplyOutcome(n)
		if s.outcomes != nil {
			s.outcomes(n)
		}
	}
	return res, nil
}

// ApplyOutcome brings the engine's memory in line with an outcome: one
// recorded here, or on another node of a cluster. It stores nothing.
//
// A note without its check marks only the fraudster's device.
func (s *Service) ApplyOutcome(n OutcomeNote) {
	if n.Check != nil {
		s.engine.outcome(n.Check, n.Check.Outcome, n.From)
	}
	if n.FraudDeviceID != "" {
		s.engine.MarkFraudDevice(n.FraudDeviceID, n.At)
	}
}

// utcDay returns the UTC midnight of t's day.
func utcDay(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// FindCheck returns one of the bank's checks. Returns ENOTFOUND if it does
// not exist or is another bank's.
//
// The read is of a customer's payment, so it is audited before the answer.
func (s *Service) FindCheck(ctx context.Context, orgID int64, checkID string) (*kuzet.CheckRecord, error) {
	if !kuzet.ValidID(checkID, "chk_") {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no check %q", clip(checkID))
	}
	s.settle(ctx)
	var rec *kuzet.CheckRecord
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) (err error) {
		rec, err = tx.FindCheck(ctx, orgID, checkID)
		return err
	})
	if err != nil {
		return nil, wrap("find check", err)
	}
	if err := s.recordRead(ctx, orgID, "payment_check:"+rec.ID, ""); err != nil {
		return nil, err
	}
	return rec, nil
}

// settle waits until the checks decided so far are stored, so that a bank
// reading its checks sees the ones it was just answered. Checks are stored
// off the decision path; a reader may wait for them, a payment may not. If
// the store is down the read goes on with what is stored.
func (s *Service) settle(ctx context.Context) {
	if s.writer == nil || s.writer.Impaired() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, settleWait)
	defer cancel()
	s.writer.Sync(ctx)
}

// settleWait bounds how long a read waits for checks still being stored.
const settleWait = 2 * time.Second

// Checks returns the bank's checks that f selects; f.OrgID is set to orgID.
// The read is audited.
func (s *Service) Checks(ctx context.Context, orgID int64, f kuzet.CheckFilter) ([]*kuzet.CheckRecord, error) {
	f.OrgID = orgID
	if orgID <= 0 {
		return nil, kuzet.Errorf(kuzet.EFORBIDDEN, "checks are listed for a bank only")
	}
	if f.Decision != "" && !f.Decision.Valid() {
		return nil, kuzet.Invalid("decision", "decision must be one of allow, review, hold, block")
	}
	s.settle(ctx)
	var out []*kuzet.CheckRecord
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) (err error) {
		out, err = tx.FindChecks(ctx, f)
		return err
	})
	if err != nil {
		return nil, wrap("find checks", err)
	}
	if err := s.recordRead(ctx, orgID, "payment_checks", strconv.Itoa(len(out))+" checks listed"); err != nil {
		return nil, err
	}
	return out, nil
}

// LossTotal sums prevented loss in one currency.
type LossTotal struct {
	Currency string       `json:"currency"`
	Amount   kuzet.Amount `json:"amount"`
	Count    int64        `json:"count"`
}

// LossReport is the prevented loss of a period: the rows by day, bank and
// region, and their totals by currency.
type LossReport struct {
	Rows   []*kuzet.PreventedLoss `json:"rows"`
	Totals []LossTotal            `json:"totals"`
}

// PreventedLoss returns the prevented-loss rows f selects and their totals,
// for the statistics.
func (s *Service) PreventedLoss(ctx context.Context, f kuzet.PreventedLossFilter) (*LossReport, error) {
	rep := &LossReport{Rows: []*kuzet.PreventedLoss{}, Totals: []LossTotal{}}
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) (err error) {
		rows, err := tx.FindPreventedLoss(ctx, f)
		if rows != nil {
			rep.Rows = rows
		}
		return err
	})
	if err != nil {
		return nil, wrap("find prevented loss", err)
	}
	for _, row := range rep.Rows {
		i := 0
		for i < len(rep.Totals) && rep.Totals[i].Currency != row.Currency {
			i++
		}
		if i == len(rep.Totals) {
			rep.Totals = append(rep.Totals, LossTotal{Currency: row.Currency})
		}
		rep.Totals[i].Amount += row.Amount
		rep.Totals[i].Count += row.Count
	}
	slices.SortFunc(rep.Totals, func(x, y LossTotal) int { return cmp.Compare(x.Currency, y.Currency) })
	return rep, nil
}

// Rebuild replays the checks stored since since into the engine's memory
// (Engine.Observe), oldest first, then marks the fraudsters' devices banks
// named in outcomes, and returns how many checks it read. Run it at
// start-up before taking traffic: the windows it fills are what velocity,
// fan-in, new payees and habits are measured against.
func (s *Service) Rebuild(ctx context.Context, since time.Time) (int, error) {
	n := 0
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) error {
		err := tx.ScanChecks(ctx, since, func(rec *kuzet.CheckRecord) error {
			if n++; n%65536 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			s.engine.Observe(rec)
			return nil
		})
		if err != nil {
			return err
		}
		// The fraudsters' devices banks named, however old: few, and the
		// engine's table keeps the newest.
		return tx.ScanFraudDevices(ctx, func(id string, at time.Time) error {
			s.engine.MarkFraudDevice(id, at)
			return nil
		})
	})
	return n, wrap("rebuild payment memory", err)
}

// SetRules parses src and makes it the live or the shadow rules, after
// storing it as a version: the previous version of that mode is retired.
// Returns EINVALID for a text that does not parse or a mode other than
// live or shadow.
func (s *Service) SetRules(ctx context.Context, orgID int64, src string, mode kuzet.RuleMode) (*RuleSet, error) {
	if mode != kuzet.RulesLive && mode != kuzet.RulesShadow {
		return nil, kuzet.Invalid("mode", "mode must be live or shadow")
	}
	rs, err := ParseRules(src)
	if err != nil {
		return nil, err
	}
	now := s.clock()
	err = kuzet.Transact(ctx, s.store, true, func(tx kuzet.Tx) error {
		versions, err := tx.FindRuleVersions(ctx)
		if err != nil {
			return err
		}
		for _, v := range versions {
			if v.Mode == mode && v.Hash != rs.Hash {
				v.Mode, v.UpdatedAt = kuzet.RulesRetired, now
				if err := tx.PutRuleVersion(ctx, v); err != nil {
					return err
				}
			}
		}
		err = tx.PutRuleVersion(ctx, &kuzet.RuleVersion{Hash: rs.Hash, Version: rs.Version, Source: rs.Source,
			Mode: mode, OrgID: orgID, CreatedAt: now, UpdatedAt: now})
		if err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditRulesLoad,
			Object: "rules:" + rs.ID(), Detail: string(mode)})
	})
	if err != nil {
		return nil, wrap("set rules", err)
	}
	if mode == kuzet.RulesLive {
		s.engine.SetRules(rs)
		if sh := s.engine.Shadow(); sh != nil && sh.Hash == rs.Hash {
			s.engine.SetShadow(nil) // the candidate went live
		}
	} else {
		s.engine.SetShadow(rs)
	}
	return rs, nil
}

// StopShadow retires the shadow rules and stops comparing.
func (s *Service) StopShadow(ctx context.Context, orgID int64) error {
	now := s.clock()
	err := kuzet.Transact(ctx, s.store, true, func(tx kuzet.Tx) error {
		versions, err := tx.FindRuleVersions(ctx)
		if err != nil {
			return err
		}
		for _, v := range versions {
			if v.Mode == kuzet.RulesShadow {
				v.Mode, v.UpdatedAt = kuzet.RulesRetired, now
				if err := tx.PutRuleVersion(ctx, v); err != nil {
					return err
				}
				if err := tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditRulesLoad,
					Object: "rules:" + v.Version + "@" + v.Hash[:min(12, len(v.Hash))], Detail: "retired"}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return wrap("stop shadow rules", err)
	}
	s.engine.SetShadow(nil)
	return nil
}

// LoadRules puts the stored live and shadow versions into the engine, for
// start-up. Without a stored live version the engine keeps its rules.
func (s *Service) LoadRules(ctx context.Context) error {
	var versions []*kuzet.RuleVersion
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) (err error) {
		versions, err = tx.FindRuleVersions(ctx)
		return err
	})
	if err != nil {
		return wrap("load rules", err)
	}
	var live, shadow *RuleSet
	for _, v := range versions { // oldest first: the last of a mode wins
		if v.Mode != kuzet.RulesLive && v.Mode != kuzet.RulesShadow {
			continue
		}
		rs, err := ParseRules(v.Source)
		if err != nil {
			return fmt.Errorf("payments: stored rules %s do not parse: %w", v.Version, err)
		}
		if v.Mode == kuzet.RulesLive {
			live = rs
		} else {
			shadow = rs
		}
	}
	if live != nil {
		s.engine.SetRules(live)
	}
	s.engine.SetShadow(shadow)
	return nil
}

// RuleVersions returns every stored rules version, oldest first.
func (s *Service) RuleVersions(ctx context.Context) ([]*kuzet.RuleVersion, error) {
	var out []*kuzet.RuleVersion
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) (err error) {
		out, err = tx.FindRuleVersions(ctx)
		return err
	})
	return out, wrap("find rule versions", err)
}

// wrap adds context to an error that is not the client's.
func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	if kuzet.ErrorCode(err) != kuzet.EINTERNAL {
		return err
	}
	return fmt.Errorf("payments: %s: %w", what, err)
}

// recordRead audits a read of customers' payments by orgID.
func (s *Service) recordRead(ctx context.Context, orgID int64, object, detail string) error {
	err := s.audit.Record(ctx, &kuzet.AuditEntry{At: s.clock(), OrgID: orgID, Action: kuzet.AuditCheckRead,
		Object: object, Detail: detail})
	if err != nil {
		return fmt.Errorf("payments: audit read of %s: %w", object, err)
	}
	return nil
}
