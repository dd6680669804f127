package payments_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/payments"
	"github.com/kuzet/kuzet/telecom"
)

func TestOutcomePreventedLoss(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	mule := iban("826", 4242)
	f.report(police, kuzet.KindIBAN, mule, kuzet.CategoryMuleAccount, 0.9)

	held := f.check(t, bankOne, payment(1, mule, 250000))
	if !held.Decision.Stops() {
		t.Fatalf("mule payment: got %s, want hold or block", held.Decision)
	}
	res, err := f.service.RecordOutcome(ctx, bankOne, held.CheckID, kuzet.OutcomeFraud)
	must(t, "outcome", err)
	wantLoss := kuzet.PreventedLoss{Day: time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC), OrgID: bankOne, Region: "Almaty",
		Currency: "KZT", Amount: 25000000, Count: 1}
	if res.Prevented == nil || *res.Prevented != wantLoss {
		t.Errorf("prevented: got %+v, want %+v", res.Prevented, wantLoss)
	}
	if want := []kuzet.Indicator{{Kind: kuzet.KindIBAN, Value: mule}}; !slices.Equal(res.Mules, want) {
		t.Errorf("mules: got %v, want %v", res.Mules, want)
	}
	subs := res.MuleSubmissions()
	if len(subs) != 1 || subs[0].Category != kuzet.CategoryMuleAccount || subs[0].Confidence != payments.MuleConfidence ||
		!strings.Contains(subs[0].Evidence, held.CheckID) {
		t.Errorf("submissions: got %+v", subs)
	}

	// Reporting it again counts nothing twice; another outcome conflicts.
	res, err = f.service.RecordOutcome(ctx, bankOne, held.CheckID, kuzet.OutcomeFraud)
	must(t, "outcome again", err)
	if res.Prevented != nil {
		t.Errorf("again: got prevented %+v, want nil", res.Prevented)
	}
	_, err = f.service.RecordOutcome(ctx, bankOne, held.CheckID, kuzet.OutcomeLegitimate)
	if kuzet.ErrorCode(err) != kuzet.ECONFLICT {
		t.Errorf("other outcome: got %v, want %s", err, kuzet.ECONFLICT)
	}

	// An allowed payment confirmed as fraud was not prevented.
	allowed := f.check(t, bankTwo, payment(2, iban("914", 1), 3000))
	res, err = f.service.RecordOutcome(ctx, bankTwo, allowed.CheckID, kuzet.OutcomeFraud)
	must(t, "outcome", err)
	if res.Prevented != nil || len(res.Mules) != 1 {
		t.Errorf("allowed fraud: got prevented %+v, mules %v; want none and one", res.Prevented, res.Mules)
	}
	// A held one that was legitimate neither.
	held2 := f.check(t, bankTwo, payment(3, mule, 1000))
	res, err = f.service.RecordOutcome(ctx, bankTwo, held2.CheckID, kuzet.OutcomeLegitimate)
	must(t, "outcome", err)
	if res.Prevented != nil || res.Mules != nil {
		t.Errorf("legitimate: got %+v, want nothing", res)
	}

	// A second prevented payment adds up in the same row.
	held3 := f.check(t, bankOne, payment(4, mule, 50000))
	_, err = f.service.RecordOutcome(ctx, bankOne, held3.CheckID, kuzet.OutcomeFraud)
	must(t, "outcome", err)
	loss, err := f.service.PreventedLoss(ctx, kuzet.PreventedLossFilter{})
	must(t, "prevented loss", err)
	wantLoss.Amount, wantLoss.Count = 30000000, 2
	if len(loss.Rows) != 1 || *loss.Rows[0] != wantLoss {
		t.Errorf("rows: got %v, want [%+v]", loss.Rows, wantLoss)
	}
	wantTotals := []payments.LossTotal{{Currency: "KZT", Amount: 30000000, Count: 2}}
	if !slices.Equal(loss.Totals, wantTotals) {
		t.Errorf("totals: got %+v, want %+v", loss.Totals, wantTotals)
	}
	loss, err = f.service.PreventedLoss(ctx, kuzet.PreventedLossFilter{OrgID: bankTwo})
	must(t, "prevented loss", err)
	if len(loss.Rows) != 0 || len(loss.Totals) != 0 {
		t.Errorf("bank two: got %+v, want none", loss)
	}

	var actions []string
	f.store.view(func(d *memData) {
		for _, e := range d.audit {
			actions = append(actions, e.Action)
		}
	})
	if n := strings.Count(strings.Join(actions, " "), kuzet.AuditPaymentOutcome); n != 4 {
		t.Errorf("audit: got %d outcome entries, want 4 (repeats are not written)", n)
	}
}

// TestOutcomeReleased: a hold that the customer or the bank overrode let
// the money go; it is never prevented loss, whatever it turns out to be.
func TestOutcomeReleased(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	mule := iban("826", 4242)
	f.report(police, kuzet.KindIBAN, mule, kuzet.CategoryMuleAccount, 0.9)

	held := f.check(t, bankOne, payment(1, mule, 250000))
	if !held.Decision.Stops() {
		t.Fatalf("mule payment: got %s, want hold or block", held.Decision)
	}
	res, err := f.service.RecordOutcome(ctx, bankOne, held.CheckID, kuzet.OutcomeReleased)
	must(t, "released", err)
	if res.Prevented != nil || res.Mules != nil {
		t.Errorf("released: got prevented %+v, mules %v; want neither", res.Prevented, res.Mules)
	}
	res, err = f.service.RecordOutcome(ctx, bankOne, held.CheckID, kuzet.OutcomeFraud)
	must(t, "fraud after release", err)
	if res.Prevented != nil {
		t.Errorf("fraud after release: got prevented %+v, want nil: the money went", res.Prevented)
	}
	if len(res.Mules) != 1 {
		t.Errorf("fraud after release: got mules %v, want the payee", res.Mules)
	}
	loss, err := f.service.PreventedLoss(ctx, kuzet.PreventedLossFilter{})
	must(t, "prevented loss", err)
	if len(loss.Rows) != 0 {
		t.Errorf("prevented loss: got %v, want none", loss.Rows)
	}
	// Once confirmed, the release cannot be reported after it.
	if _, err = f.service.RecordOutcome(ctx, bankOne, held.CheckID, kuzet.OutcomeReleased); kuzet.ErrorCode(err) != kuzet.ECONFLICT {
		t.Errorf("released after fraud: got %v, want %s", err, kuzet.ECONFLICT)
	}

	// A confirmed fraud on a held payment is prevented; it cannot be
	// released afterwards to count twice or unsay it.
	held2 := f.check(t, bankOne, payment(2, mule, 1000))
	res, err = f.service.RecordOutcome(ctx, bankOne, held2.CheckID, kuzet.OutcomeFraud)
	must(t, "fraud", err)
	if res.Prevented == nil {
		t.Errorf("fraud on a hold: got no prevented loss")
	}
	if _, err = f.service.RecordOutcome(ctx, bankOne, held2.CheckID, kuzet.OutcomeReleased); kuzet.ErrorCode(err) != kuzet.ECONFLICT {
		t.Errorf("released after fraud: got %v, want %s", err, kuzet.ECONFLICT)
	}

	// Only a stopped payment can be released.
	allowed := f.check(t, bankTwo, payment(3, iban("914", 1), 3000))
	if _, err = f.service.RecordOutcome(ctx, bankTwo, allowed.CheckID, kuzet.OutcomeReleased); kuzet.ErrorCode(err) != kuzet.ECONFLICT {
		t.Errorf("released allow: got %v, want %s", err, kuzet.ECONFLICT)
	}
	// A device goes with a fraud only.
	_, err = f.service.RecordOutcomeInput(ctx, bankTwo, allowed.CheckID,
		payments.OutcomeInput{Outcome: kuzet.OutcomeLegitimate, FraudDeviceID: "dev-1"})
	if kuzet.ErrorCode(err) != kuzet.EINVALID {
		t.Errorf("device with legitimate: got %v, want %s", err, kuzet.EINVALID)
	}
}

func TestOutcomeTenancy(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	d := f.check(t, bankOne, payment(1, iban("914", 1), 3000))
	tests := []struct {
		name  string
		org   int64
		id    string
		o     kuzet.Outcome
		code  string
		field string
	}{
		{"another bank's check", bankTwo, d.CheckID, kuzet.OutcomeFraud, kuzet.ENOTFOUND, ""},
		{"no such check", bankOne, "chk_nothere_1", kuzet.OutcomeFraud, kuzet.ENOTFOUND, ""},
		{"not an ID", bankOne, "../../etc", kuzet.OutcomeFraud, kuzet.ENOTFOUND, ""},
		{"unknown outcome", bankOne, d.CheckID, "maybe", kuzet.EINVALID, "outcome"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.service.RecordOutcome(ctx, tc.org, tc.id, tc.o)
			if kuzet.ErrorCode(err) != tc.code {
				t.Fatalf("got %v, want %s", err, tc.code)
			}
			if tc.field != "" && !slices.Equal(fields(err), []string{tc.field}) {
				t.Errorf("fields: got %v, want [%s]", fields(err), tc.field)
			}
		})
	}
	if _, err := f.service.FindCheck(ctx, bankTwo, d.CheckID); kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
		t.Errorf("find another bank's check: got %v, want %s", err, kuzet.ENOTFOUND)
	}
	list, err := f.service.Checks(ctx, bankTwo, kuzet.CheckFilter{OrgID: bankOne})
	must(t, "checks", err)
	if len(list) != 0 {
		t.Errorf("bank two's list: got %d checks, want none (the filter's OrgID is the caller's)", len(list))
	}
	list, err = f.service.Checks(ctx, bankOne, kuzet.CheckFilter{})
	must(t, "checks", err)
	if len(list) != 1 || list[0].ID != d.CheckID {
		t.Errorf("bank one's list: got %v, want its check", list)
	}
}

// TestOutcomeWaitsForWriter: an outcome right after its check finds the
// check although the writer has not stored it yet.
func TestOutcomeWaitsForWriter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemStore()
		gate := make(chan struct{})
		gated := beginFunc(func(ctx context.Context, writable bool) (kuzet.Tx, error) {
			<-gate // the writer is stuck until the test lets it go
			return store.Begin(ctx, writable)
		})
		w := payments.NewWriter(payments.WriterConfig{Store: gated})
		defer w.Close(context.Background())
		e := payments.NewEngine(payments.EngineConfig{Sink: w, Clock: kuzet.FixedClock(base)})
		s := payments.NewService(payments.Config{Engine: e, Store: store, Writer: w, Clock: kuzet.FixedClock(base)})
		d, err := e.Check(context.Background(), bankOne, payment(1, iban("914", 1), 100))
		must(t, "check", err)

		done := make(chan error)
		go func() {
			_, err := s.RecordOutcome(context.Background(), bankOne, d.CheckID, kuzet.OutcomeLegitimate)
			done <- err
		}()
		synctest.Wait() // the outcome did not find the check and waits for the writer
		select {
		case err := <-done:
			t.Fatalf("outcome returned before the check was stored: %v", err)
		default:
		}
		close(gate)
		if err := <-done; err != nil {
			t.Errorf("outcome: got %v, want it recorded", err)
		}
	})
}

func TestShadowRules(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	if _, ok := f.engine.ShadowReport(); ok {
		t.Fatal("a report without shadow rules")
	}
	// The candidate holds every payment during a risky call, whatever the payee.
	cand := payments.DefaultRulesText() + "\nrule any_payment_during_call when call_risky decide hold say \"x\"\n"
	cand = strings.Replace(cand, "version "+payments.DefaultRules().Version, "version candidate-1", 1)
	_, err := f.service.SetRules(ctx, police, cand, kuzet.RulesShadow)
	must(t, "set shadow", err)

	for i := range 10 {
		pc := payment(i, iban("914", i), 5000)
		if i < 3 {
			// Three payments make the payee known; then a call from abroad,
			// and the same payment again: the live rules let it through (a call from abroad alone is everyday life).
			for range 3 {
				f.check(t, bankOne, pc)
				f.clock.Add(2 * time.Hour) // not parts of one sum to a fresh account
			}
			f.calls.set(pc.Payer.Phone, telecom.ActiveCall{Foreign: true})
		}
		f.check(t, bankOne, pc)
	}
	r, ok := f.engine.ShadowReport()
	if !ok {
		t.Fatal("no shadow report")
	}
	if r.Shadow != f.engine.Shadow().ID() || r.Live != payments.DefaultRules().ID() || !strings.HasPrefix(r.Shadow, "candidate-1@") {
		t.Errorf("versions: got %s and %s", r.Live, r.Shadow)
	}
	want := []payments.Transition{
		{Live: kuzet.DecisionAllow, Shadow: kuzet.DecisionAllow, Count: 16},
		{Live: kuzet.DecisionAllow, Shadow: kuzet.DecisionHold, Count: 3},
	}
	if !slices.Equal(r.Transitions, want) || r.Checks != 19 || r.Changed != 3 {
		t.Errorf("report: got %+v, want transitions %+v of 19 checks, 3 changed", r, want)
	}
	fired := map[string]uint64{}
	for _, c := range r.Fired {
		fired[c.Rule] = c.Count
	}
	if fired["any_payment_during_call"] != 3 || fired["active_call_foreign"] != 3 {
		t.Errorf("fired: got %v, want any_payment_during_call and active_call_foreign 3 times", fired)
	}

	// Making the candidate live ends the comparison; the versions are kept.
	_, err = f.service.SetRules(ctx, police, cand, kuzet.RulesLive)
	must(t, "set live", err)
	if _, ok := f.engine.ShadowReport(); ok || f.engine.Rules().Version != "candidate-1" {
		t.Errorf("after promotion: shadow %v, live %s", ok, f.engine.Rules().Version)
	}
	versions, err := f.service.RuleVersions(ctx)
	must(t, "versions", err)
	if len(versions) != 1 || versions[0].Mode != kuzet.RulesLive || versions[0].Version != "candidate-1" {
		t.Errorf("versions: got %+v", versions)
	}

	// A restart restores the stored versions.
	other := payments.NewEngine(payments.EngineConfig{})
	must(t, "load rules", payments.NewService(payments.Config{Engine: other, Store: f.store}).LoadRules(ctx))
	if other.Rules().Hash != f.engine.Rules().Hash {
		t.Errorf("loaded: got %s, want %s", other.Rules().ID(), f.engine.Rules().ID())
	}

	if _, err := f.service.SetRules(ctx, police, "version x\nrule", kuzet.RulesLive); kuzet.ErrorCode(err) != kuzet.EINVALID {
		t.Errorf("bad rules: got %v, want %s", err, kuzet.EINVALID)
	}
	if _, err := f.service.SetRules(ctx, police, cand, kuzet.RulesRetired); kuzet.ErrorCode(err) != kuzet.EINVALID {
		t.Errorf("bad mode: got %v, want %s", err, kuzet.EINVALID)
	}
	_, err = f.service.SetRules(ctx, police, payments.DefaultRulesText(), kuzet.RulesShadow)
	must(t, "shadow again", err)
	must(t, "stop shadow", f.service.StopShadow(ctx, police))
	if f.engine.Shadow() != nil {
		t.Error("shadow still running after StopShadow")
	}
}

// TestOutcomeNotes: each outcome applied to a node's memory is told to
// Config.Outcomes, and another node applying the note (as a cluster does)
// decides as the first: the fraudster's device is marked, and the payee
// the victim paid stays new to them.
func TestOutcomeNotes(t *testing.T) {
	a, b := newFixture(t, nil), newFixture(t, nil)
	var notes []payments.OutcomeNote
	a.service = payments.NewService(payments.Config{Engine: a.engine, Store: a.store, Clock: a.clock.Now,
		Outcomes: func(n payments.OutcomeNote) { notes = append(notes, n) }})
	mule := iban("826", 7)
	pc := payment(1, mule, 50000)
	pc.Payer.DeviceID = "dev-victim"
	d := a.check(t, bankOne, pc)
	b.engine.Observe(a.sink.records()[0]) // the check reached b as a cluster's checks do
	_, err := a.service.RecordOutcomeInput(context.Background(), bankOne, d.CheckID,
		payments.OutcomeInput{Outcome: kuzet.OutcomeFraud, FraudDeviceID: "dev-evil"})
	must(t, "outcome", err)
	if len(notes) != 1 || notes[0].Check == nil || notes[0].Check.Outcome != kuzet.OutcomeFraud || notes[0].FraudDeviceID != "dev-evil" {
		t.Fatalf("notes: got %+v, want one fraud_confirmed naming dev-evil", notes)
	}
	// The same note again is no new outcome: nothing is told.
	if _, err := a.service.RecordOutcomeInput(context.Background(), bankOne, d.CheckID,
		payments.OutcomeInput{Outcome: kuzet.OutcomeFraud}); err != nil || len(notes) != 1 {
		t.Fatalf("repeated outcome: err %v, %d notes, want nil and 1", err, len(notes))
	}

	fromEvil := payment(2, iban("914", 9), 5000)
	fromEvil.Payer.DeviceID = "dev-evil"
	if got := codes(b.check(t, bankTwo, fromEvil)); slices.Contains(got, "device_seen_in_fraud") {
		t.Fatalf("before the note, node b already marks dev-evil: %v", got)
	}
	b.service.ApplyOutcome(notes[0])
	again := payment(2, iban("914", 10), 5000)
	again.Payer.DeviceID = "dev-evil"
	if got := codes(b.check(t, bankTwo, again)); !slices.Contains(got, "device_seen_in_fraud") {
		t.Errorf("after the note, node b's check from dev-evil: reasons %v, want device_seen_in_fraud", got)
	}
	// A note without its check (older than a node's rebuild) marks the
	// device only.
	c := newFixture(t, nil)
	c.service.ApplyOutcome(payments.OutcomeNote{FraudDeviceID: "dev-evil", At: c.clock.Now()})
	third := payment(3, iban("914", 11), 5000)
	third.Payer.DeviceID = "dev-evil"
	if got := codes(c.check(t, bankThree, third)); !slices.Contains(got, "device_seen_in_fraud") {
		t.Errorf("a device-only note: reasons %v, want device_seen_in_fraud", got)
	}
}

// TestRebuildFraudDevices: a fraudster's device a bank named is stored with
// the outcome, and an engine rebuilt from the store after a restart marks
// it again.
func TestRebuildFraudDevices(t *testing.T) {
	a := newFixture(t, nil)
	pc := payment(1, iban("826", 7), 50000)
	pc.Payer.DeviceID = "dev-victim"
	d := a.check(t, bankOne, pc)
	_, err := a.service.RecordOutcomeInput(context.Background(), bankOne, d.CheckID,
		payments.OutcomeInput{Outcome: kuzet.OutcomeFraud, FraudDeviceID: "dev-evil"})
	must(t, "outcome", err)

	b := newFixture(t, nil) // a restarted node: memory empty, the same store
	b.service = payments.NewService(payments.Config{Engine: b.engine, Store: a.store, Clock: b.clock.Now})
	if _, err := b.service.Rebuild(context.Background(), time.Time{}); err != nil {
		t.Fatal(err)
	}
	next := payment(2, iban("914", 9), 5000)
	next.Payer.DeviceID = "dev-evil"
	if got := codes(b.check(t, bankTwo, next)); !slices.Contains(got, "device_seen_in_fraud") {
		t.Errorf("after the rebuild: reasons %v, want device_seen_in_fraud", got)
	}
	victim := payment(1, iban("914", 10), 5000)
	victim.Payer.DeviceID = "dev-victim"
	if got := codes(b.check(t, bankOne, victim)); slices.Contains(got, "device_seen_in_fraud") {
		t.Errorf("the victim's own device after the rebuild: reasons %v, want no device_seen_in_fraud", got)
	}
}
