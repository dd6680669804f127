package payments

import (
	"context"
	"strconv"
	"time"

	"github.com/kuzet/kuzet"
)

// MaxBacktestChecks bounds the checks one backtest reads: a month of a
// large bank's traffic is a few million; narrow the period beyond that.
const MaxBacktestChecks = 2_000_000

// BacktestInput asks how candidate rules would have decided the bank's
// stored checks.
type BacktestInput struct {
	Rules    string    // the candidate rules text
	From, To time.Time // the checks' period: From included, To excluded; zero for no bound
}

// RuleStats is what one rule did over a backtest's checks.
type RuleStats struct {
	Rule        string `json:"rule"`
	Hits        int    `json:"hits"`         // checks it fired on
	Holds       int    `json:"holds"`        // of those, held or blocked
	CaughtFraud int    `json:"caught_fraud"` // of those held or blocked, confirmed as fraud
	FalseHolds  int    `json:"false_holds"`  // of those held or blocked, legitimate or released
}

// BacktestSide is what one rule set decided over a backtest's checks.
type BacktestSide struct {
	Rules       string                 `json:"rules"` // version@hash
	Decisions   map[kuzet.Decision]int `json:"decisions"`
	Stopped     int                    `json:"stopped"`      // held or blocked
	CaughtFraud int                    `json:"caught_fraud"` // confirmed frauds it held or blocked
	MissedFraud int                    `json:"missed_fraud"` // confirmed frauds it let through (allow or review)
	FalseHolds  int                    `json:"false_holds"`  // legitimate or released payments it held or blocked
	PerRule     []RuleStats            `json:"per_rule"`
}

// BacktestReport compares candidate rules with the live ones over the
// signals the bank's stored checks were decided on, and what the bank
// reported of them since.
type BacktestReport struct {
	Checks     int          `json:"checks"`     // checks evaluated
	Skipped    int          `json:"skipped"`    // stored without their signals (before kuzet kept them)
	Truncated  bool         `json:"truncated"`  // the period held more than MaxBacktestChecks: the newest were taken
	Fraud      int          `json:"fraud"`      // confirmed as fraud
	Legitimate int          `json:"legitimate"` // reported legitimate, or released and not reported as fraud
	Changed    int          `json:"changed"`    // checks the candidate decides otherwise than the live rules
	Live       BacktestSide `json:"live"`
	Candidate  BacktestSide `json:"candidate"`
}

// Backtest runs candidate rules and the live ones over the bank orgID's
// stored checks of a period, on the signals each was decided on, and counts
// per rule set and per rule the hits, holds, caught frauds and false holds
// by the outcomes the bank reported. Nothing changes: a bank tries a rule
// change on its own history before it loads it (SetRules).
//
// Returns EINVALID naming the line of rules that do not parse, or a period
// that ends before it starts. The read of the bank's checks is audited.
func (s *Service) Backtest(ctx context.Context, orgID int64, in BacktestInput) (*BacktestReport, error) {
	if orgID <= 0 {
		return nil, kuzet.Errorf(kuzet.EFORBIDDEN, "a backtest runs over a bank's own checks")
	}
	if in.Rules == "" {
		return nil, kuzet.Invalid("rules", "rules (the candidate rules text) is required")
	}
	cand, err := ParseRules(in.Rules)
	if err != nil {
		return nil, kuzet.WithField(err, "rules")
	}
	if !in.From.IsZero() && !in.To.IsZero() && !in.From.Before(in.To) {
		return nil, kuzet.Invalid("to", "to must be after from")
	}
	s.settle(ctx)
	var checks []*kuzet.CheckRecord
	err = kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) (err error) {
		checks, err = tx.FindChecks(ctx, kuzet.CheckFilter{OrgID: orgID, From: in.From, To: in.To, Limit: MaxBacktestChecks + 1})
		return err
	})
	if err != nil {
		return nil, wrap("backtest", err)
	}
	rep := backtest(checks, s.engine.Rules(), cand)
	if err := s.recordRead(ctx, orgID, "payment_checks", "backtest of "+cand.ID()+" over "+
		strconv.Itoa(rep.Checks+rep.Skipped)+" checks"); err != nil {
		return nil, err
	}
	return rep, nil
}

// backtest evaluates live and cand over checks.
func backtest(checks []*kuzet.CheckRecord, live, cand *RuleSet) *BacktestReport {
	rep := &BacktestReport{Live: newSide(live), Candidate: newSide(cand)}
	if len(checks) > MaxBacktestChecks {
		checks, rep.Truncated = checks[:MaxBacktestChecks], true
	}
	for _, c := range checks {
		if len(c.Signals) == 0 {
			rep.Skipped++
			continue
		}
		rep.Checks++
		fraud := c.Outcome == kuzet.OutcomeFraud
		legit := c.Outcome == kuzet.OutcomeLegitimate || c.Outcome == kuzet.OutcomeReleased
		if fraud {
			rep.Fraud++
		} else if legit {
			rep.Legitimate++
		}
		sig := SignalsOf(c.Signals)
		a := rep.Live.add(live, &sig, fraud, legit)
		b := rep.Candidate.add(cand, &sig, fraud, legit)
		if a != b {
			rep.Changed++
		}
	}
	return rep
}

func newSide(rs *RuleSet) BacktestSide {
	side := BacktestSide{Rules: rs.ID(), Decisions: map[kuzet.Decision]int{}, PerRule: make([]RuleStats, len(rs.Rules))}
	for _, d := range kuzet.Decisions {
		side.Decisions[d] = 0
	}
	for i := range rs.Rules {
		side.PerRule[i].Rule = rs.Rules[i].Name
	}
	return side
}

// add counts one check's verdict under rs and returns its decision.
func (side *BacktestSide) add(rs *RuleSet, sig *Signals, fraud, legit bool) kuzet.Decision {
	v := rs.Evaluate(sig)
	side.Decisions[v.Decision]++
	stops := v.Decision.Stops()
	switch {
	case stops && fraud:
		side.Stopped++
		side.CaughtFraud++
	case stops:
		side.Stopped++
		if legit {
			side.FalseHolds++
		}
	case fraud:
		side.MissedFraud++
	}
	for i := range rs.Rules {
		if !v.Fired.Has(i) {
			continue
		}
		st := &side.PerRule[i]
		st.Hits++
		if stops {
			st.Holds++
			if fraud {
				st.CaughtFraud++
			} else if legit {
				st.FalseHolds++
			}
		}
	}
	return v.Decision
}
