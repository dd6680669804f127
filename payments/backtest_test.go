package payments_test

import (
	"context"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/payments"
)

// TestBacktest runs candidate rules over a bank's stored checks: the live
// rules stop the payments to a reported mule, confirmed as fraud; a
// candidate that holds every large payment catches them too but holds the
// honest large one; the counts follow the outcomes.
func TestBacktest(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	mule := iban("826", 4242)
	f.report(police, kuzet.KindIBAN, mule, kuzet.CategoryMuleAccount, 0.9)
	outcome := func(d payments.Decision, o kuzet.Outcome) {
		t.Helper()
		_, err := f.service.RecordOutcome(ctx, bankOne, d.CheckID, o)
		must(t, "outcome", err)
	}
	for i := range 3 {
		d := f.check(t, bankOne, payment(10+i, mule, 90000))
		if !d.Decision.Stops() {
			t.Fatalf("payment to the mule: got %s", d.Decision)
		}
		outcome(d, kuzet.OutcomeFraud)
	}
	big := f.check(t, bankOne, payment(20, iban("914", 1), 900000))
	outcome(big, kuzet.OutcomeLegitimate)
	for i := range 5 {
		f.check(t, bankOne, payment(30+i, iban("914", 2), 1000))
	}
	f.check(t, bankTwo, payment(40, mule, 90000)) // another bank's: not in Bank One's backtest

	cand := `version big-holds
rule big  when amount >= 50000 decide hold
rule mule when payee_mule >= high weight 0.9
`
	rep, err := f.service.Backtest(ctx, bankOne, payments.BacktestInput{Rules: cand})
	must(t, "backtest", err)
	if rep.Checks != 9 || rep.Skipped != 0 || rep.Fraud != 3 || rep.Legitimate != 1 {
		t.Fatalf("report: got %d checks, %d skipped, %d fraud, %d legitimate; want 9, 0, 3, 1",
			rep.Checks, rep.Skipped, rep.Fraud, rep.Legitimate)
	}
	if c := rep.Candidate; c.Stopped != 4 || c.CaughtFraud != 3 || c.MissedFraud != 0 || c.FalseHolds != 1 {
		t.Errorf("candidate: got %+v", c)
	}
	if l := rep.Live; l.CaughtFraud != 3 || l.FalseHolds != 0 {
		t.Errorf("live: got caught %d, false holds %d; want 3 and 0", l.CaughtFraud, l.FalseHolds)
	}
	if rep.Changed != 1 {
		t.Errorf("changed: got %d, want the honest large payment only", rep.Changed)
	}
	want := []payments.RuleStats{
		{Rule: "big", Hits: 4, Holds: 4, CaughtFraud: 3, FalseHolds: 1},
		{Rule: "mule", Hits: 3, Holds: 3, CaughtFraud: 3},
	}
	for i, w := range want {
		if got := rep.Candidate.PerRule[i]; got != w {
			t.Errorf("candidate rule %s: got %+v, want %+v", w.Rule, got, w)
		}
	}

	_, err = f.service.Backtest(ctx, bankOne, payments.BacktestInput{Rules: "version x\nrule bad when nonsense > 1 decide hold\n"})
	if kuzet.ErrorCode(err) != kuzet.EINVALID {
		t.Errorf("rules that do not parse: got %v, want %s", err, kuzet.EINVALID)
	}
	_, err = f.service.Backtest(ctx, bankOne, payments.BacktestInput{})
	if kuzet.ErrorCode(err) != kuzet.EINVALID {
		t.Errorf("no rules: got %v, want %s", err, kuzet.EINVALID)
	}
	_, err = f.service.Backtest(ctx, bankOne, payments.BacktestInput{Rules: cand, From: base, To: base})
	if kuzet.ErrorCode(err) != kuzet.EINVALID {
		t.Errorf("empty period: got %v, want %s", err, kuzet.EINVALID)
	}
}
