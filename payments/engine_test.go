package payments_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/payments"
	"github.com/kuzet/kuzet/telecom"
)

// probeRules fire one reason per signal condition, with weights too small
// to matter, so that a test reads the signals off the reason codes.
var probeRules = mustRules(`version probe
threshold review 0.9
threshold hold 0.95
threshold block 1
rule new_payee        when new_payee              weight 0.001
rule amount_ratio     when amount_ratio >= 5      weight 0.001
rule payer_history    when payer_history >= 3     weight 0.001
rule velocity         when velocity >= 4          weight 0.001
rule fan_in           when fan_in >= 4            weight 0.001
rule fan_in_banks     when fan_in_banks >= 2      weight 0.001
rule young_payee      when payee_age_hours < 72   weight 0.001
rule night            when local_hour < 6         weight 0.001
rule payee_mule       when payee_mule >= high     weight 0.001
rule payee_scam       when payee_scam >= high     weight 0.001
rule payee_reported   when payee_reported >= low  weight 0.001
rule payer_ip_risk    when payer_ip_risk >= high  weight 0.001
rule device_fraud     when device_fraud           weight 0.001
rule call_active      when call_active            weight 0.001
rule call_foreign     when call_foreign           weight 0.001
rule call_unverified  when call_unverified        weight 0.001
rule call_flagged     when call_flagged           weight 0.001
rule call_first_time  when call_first_time        weight 0.001
rule call_risky       when call_risky             weight 0.001
rule big              when amount >= 1000000      weight 0.001
rule payee_passthrough when payee_passthrough     weight 0.001
rule passthrough      when passthrough            weight 0.001
`)

func mustRules(src string) *payments.RuleSet {
	rs, err := payments.ParseRules(src)
	if err != nil {
		panic(err)
	}
	return rs
}

func TestCheckSignals(t *testing.T) {
	mule := iban("826", 4242)
	clean := iban("914", 777)
	tests := []struct {
		name  string
		setup func(t *testing.T, f *fixture) kuzet.PaymentCheck // returns the check to make
		want  []string                                          // exactly these reasons
	}{
		{"a first payment is to a new payee", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			return payment(1, clean, 5000)
		}, []string{"new_payee", "young_payee"}},
		{"registry: mule account", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			f.report(police, kuzet.KindIBAN, mule, kuzet.CategoryMuleAccount, 0.9)
			return payment(1, mule, 5000)
		}, []string{"new_payee", "young_payee", "payee_mule"}},
		{"registry: scam phone as payee", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			f.report(police, kuzet.KindPhone, "+77775550011", kuzet.CategoryScamCall, 0.9)
			pc := payment(1, "", 5000)
			pc.Payee = kuzet.Payee{Phone: "8 777 555 00 11"}
			return pc
		}, []string{"new_payee", "young_payee", "payee_scam"}},
		{"registry: phishing card as payee", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			pc := payment(1, "", 5000)
			pc.Payee = kuzet.Payee{Card: "4400 4300 0000 0007"}
			token := cardToken(t, "4400430000000007")
			f.report(police, kuzet.KindCard, token, kuzet.CategoryPhishingSite, 0.95)
			return pc
		}, []string{"new_payee", "young_payee", "payee_scam"}},
		{"registry: named in a victim report", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			f.report(police, kuzet.KindIBAN, mule, kuzet.CategoryVictimReport, 0.3)
			return payment(1, mule, 5000)
		}, []string{"new_payee", "young_payee", "payee_reported"}},
		{"registry: payer's IP", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			f.report(police, kuzet.KindIP, "185.1.2.3", kuzet.CategoryMalware, 0.9)
			pc := payment(1, clean, 5000)
			pc.Payer.IP = "185.1.2.3"
			return pc
		}, []string{"new_payee", "young_payee", "payer_ip_risk"}},
		{"an allowlisted payee is not a hit", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			f.report(police, kuzet.KindIBAN, mule, kuzet.CategoryMuleAccount, 0.9)
			f.index.Allow(kuzet.KindIBAN, mule, true)
			return payment(1, mule, 5000)
		}, []string{"new_payee", "young_payee"}},
		{"call from abroad", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			pc := payment(1, clean, 5000)
			f.calls.set(pc.Payer.Phone, telecom.ActiveCall{Foreign: true, FirstTime: true})
			return pc
		}, []string{"new_payee", "young_payee", "call_active", "call_foreign", "call_first_time", "call_risky"}},
		{"unverified call", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			pc := payment(1, clean, 5000)
			f.calls.set(pc.Payer.Phone, telecom.ActiveCall{Unverified: true})
			return pc
		}, []string{"new_payee", "young_payee", "call_active", "call_unverified", "call_risky"}},
		{"flagged caller", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			pc := payment(1, clean, 5000)
			f.calls.set(pc.Payer.Phone, telecom.ActiveCall{Flagged: true})
			return pc
		}, []string{"new_payee", "young_payee", "call_active", "call_flagged", "call_risky"}},
		{"a first-time caller is active but not risky", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			pc := payment(1, clean, 5000)
			f.calls.set(pc.Payer.Phone, telecom.ActiveCall{FirstTime: true})
			return pc
		}, []string{"new_payee", "young_payee", "call_active", "call_first_time"}},
		{"habit: far above the usual, to someone new", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			for range 5 {
				f.check(t, bankOne, payment(1, clean, 10000))
				f.clock.Add(time.Hour)
			}
			return payment(1, iban("914", 888), 100000)
		}, []string{"new_payee", "young_payee", "amount_ratio", "payer_history"}},
		{"habit: a known payee is not new", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			for range 5 {
				f.check(t, bankOne, payment(1, clean, 10000))
				f.clock.Add(time.Hour)
			}
			return payment(1, clean, 12000)
		}, []string{"payer_history", "young_payee"}},
		{"payee seen long ago is not young", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			f.check(t, bankTwo, payment(2, clean, 1000))
			f.clock.Add(100 * time.Hour)
			return payment(1, clean, 5000)
		}, []string{"new_payee"}},
		{"velocity", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			for i := range 4 {
				f.check(t, bankOne, payment(1, iban("914", 100+i), 1000))
				f.clock.Add(time.Minute)
			}
			return payment(1, clean, 1000)
		}, []string{"new_payee", "young_payee", "velocity", "payer_history"}},
		{"velocity window passes", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			for i := range 4 {
				f.check(t, bankOne, payment(1, iban("914", 100+i), 1000))
				f.clock.Add(time.Minute)
			}
			f.clock.Add(10 * time.Minute)
			return payment(1, clean, 1000)
		}, []string{"new_payee", "young_payee", "payer_history"}},
		{"mule fan-in across banks", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			for i, bank := range []int64{bankOne, bankTwo, bankThree} {
				f.check(t, bank, payment(10+i, mule, 50000))
				f.clock.Add(20 * time.Minute)
			}
			return payment(1, mule, 50000)
		}, []string{"new_payee", "young_payee", "fan_in", "fan_in_banks"}},
		{"fan-in from one bank", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			for i := range 3 {
				f.check(t, bankOne, payment(10+i, mule, 50000))
			}
			return payment(1, mule, 50000)
		}, []string{"new_payee", "young_payee", "fan_in"}},
		{"fan-in window passes", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			for i, bank := range []int64{bankOne, bankTwo, bankThree} {
				f.check(t, bank, payment(10+i, mule, 50000))
			}
			f.clock.Add(7 * time.Hour)
			return payment(1, mule, 50000)
		}, []string{"new_payee", "young_payee"}},
		{"night in Almaty", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			f.clock.Set(time.Date(2025, 3, 5, 2, 30, 0, 0, kuzet.Almaty))
			return payment(1, clean, 5000)
		}, []string{"new_payee", "young_payee", "night"}},
		{"amount", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			return payment(1, clean, 2_000_000)
		}, []string{"new_payee", "young_payee", "big"}},
		{"fraudster's device named in a confirmed fraud", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			pc := payment(2, mule, 50000)
			pc.Payer.DeviceID = "dev-victim"
			d := f.check(t, bankTwo, pc)
			_, err := f.service.RecordOutcomeInput(context.Background(), bankTwo, d.CheckID,
				payments.OutcomeInput{Outcome: kuzet.OutcomeFraud, FraudDeviceID: "dev-evil"})
			must(t, "outcome", err)
			next := payment(1, clean, 5000)
			next.Payer.DeviceID = "dev-evil"
			return next
		}, []string{"new_payee", "young_payee", "device_fraud"}},
		{"passing on what just came in", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			f.check(t, bankTwo, payment(2, mule, 30000))
			f.clock.Add(10 * time.Minute)
			f.check(t, bankThree, payment(3, mule, 20000))
			f.clock.Add(20 * time.Minute)
			return fromAccount(9, mule, iban("914", 5), 48000) // 0.96 of the hour's 50,000
		}, []string{"new_payee", "young_payee", "passthrough"}},
		{"a payee that passed money on", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			f.check(t, bankTwo, payment(2, mule, 30000))
			f.clock.Add(10 * time.Minute)
			f.check(t, bankThree, fromAccount(9, mule, iban("914", 5), 29000))
			f.clock.Add(47 * time.Hour) // the mark lasts three days
			return payment(1, mule, 40000)
		}, []string{"new_payee", "young_payee", "payee_passthrough"}},
		{"by phone: the payer's phone is the payee's", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			pc := payment(2, "", 30000)
			pc.Payee = kuzet.Payee{Phone: "+77019998877"}
			f.check(t, bankTwo, pc)
			f.clock.Add(5 * time.Minute)
			out := fromAccount(9, iban("826", 1), iban("914", 5), 25000)
			out.Payer.Phone = "+77019998877"
			f.check(t, bankThree, out)
			next := payment(1, "", 30000)
			next.Payee = kuzet.Payee{Phone: "+7 701 999 88 77"}
			return next
		}, []string{"new_payee", "young_payee", "fan_in_banks", "payee_passthrough"}},
		{"paying out far more than came in is not passing it on", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			for i := range 3 {
				f.check(t, bankTwo, payment(20+i, mule, 3000)) // a collection
			}
			f.clock.Add(10 * time.Minute)
			return fromAccount(9, mule, iban("914", 5), 120000)
		}, []string{"new_payee", "young_payee"}},
		{"nor is paying a known payee, or after the hour", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			f.check(t, bankThree, fromAccount(9, mule, iban("914", 5), 100)) // the payee becomes known
			f.check(t, bankTwo, payment(2, mule, 30000))
			f.clock.Add(5 * time.Minute)
			f.check(t, bankThree, fromAccount(9, mule, iban("914", 5), 29000))
			f.check(t, bankTwo, payment(3, mule, 30000))
			f.clock.Add(61 * time.Minute)
			return fromAccount(9, mule, iban("914", 6), 29000)
		}, []string{"new_payee", "young_payee"}},
		{"victim's own device after their confirmed fraud", func(t *testing.T, f *fixture) kuzet.PaymentCheck {
			pc := payment(1, mule, 50000)
			pc.Payer.DeviceID = "dev-victim"
			pc.Payer.IP = "203.0.113.7"
			d := f.check(t, bankOne, pc)
			_, err := f.service.RecordOutcome(context.Background(), bankOne, d.CheckID, kuzet.OutcomeFraud)
			must(t, "outcome", err)
			next := payment(1, clean, 5000)
			next.Payer.DeviceID, next.Payer.IP = "dev-victim", "203.0.113.7"
			return next
		}, []string{"new_payee", "young_payee"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, probeRules)
			pc := tc.setup(t, f)
			d := f.check(t, bankOne, pc)
			got := codes(d)
			want := slices.Clone(tc.want)
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("reasons: got %v, want %v", got, want)
			}
		})
	}
}

// cardToken returns the registry key of a card under the fixture's key.
func cardToken(tb testing.TB, pan string) string {
	tb.Helper()
	f := newFixture(tb, nil)
	pc := payment(9, "", 1)
	pc.Payee = kuzet.Payee{Card: pan}
	f.check(tb, bankOne, pc)
	recs := f.sink.records()
	return recs[0].Check.Payee.Card
}

// TestCheckAcceptance runs the acceptance scenarios of the API on the
// default rules.
func TestCheckAcceptance(t *testing.T) {
	f := newFixture(t, nil)
	mule := iban("826", 4242)
	f.report(police, kuzet.KindIBAN, mule, kuzet.CategoryMuleAccount, 0.95)

	d := f.check(t, bankOne, payment(1, mule, 250000))
	if !d.Decision.Stops() || len(d.Reasons) == 0 {
		t.Errorf("mule: got %s %v, want hold or block with reasons", d.Decision, codes(d))
	}
	d = f.check(t, bankOne, payment(2, iban("914", 777), 5000))
	if d.Decision != kuzet.DecisionAllow {
		t.Errorf("clean: got %s %v, want allow", d.Decision, codes(d))
	}
	pc := payment(3, iban("914", 5555), 900000)
	f.calls.set(pc.Payer.Phone, telecom.ActiveCall{Foreign: true, FirstTime: true})
	d = f.check(t, bankOne, pc)
	if d.Decision == kuzet.DecisionAllow || !strings.Contains(strings.Join(codes(d), " "), "call") {
		t.Errorf("call fusion: got %s %v, want no allow and a call reason", d.Decision, codes(d))
	}
	if d.Decision == kuzet.DecisionHold && !d.HoldUntil.Equal(base.Add(2*time.Hour)) {
		t.Errorf("hold_until: got %v, want %v", d.HoldUntil, base.Add(2*time.Hour))
	}
}

func TestCheckDecisionFields(t *testing.T) {
	f := newFixture(t, mustRules("version t\nhold_for 3h\nrule any when amount > 0 weight 0.7\n"))
	d := f.check(t, bankOne, payment(1, iban("914", 1), 100))
	if d.Decision != kuzet.DecisionHold || d.Score != 0.7 {
		t.Errorf("got %s %v, want hold 0.7", d.Decision, d.Score)
	}
	if want := base.Add(3 * time.Hour); !d.HoldUntil.Equal(want) {
		t.Errorf("hold_until: got %v, want %v", d.HoldUntil, want)
	}
	if !strings.HasPrefix(d.CheckID, "chk_") {
		t.Errorf("check ID: got %q, want chk_…", d.CheckID)
	}
	recs := f.sink.records()
	if len(recs) != 1 {
		t.Fatalf("records: got %d, want 1", len(recs))
	}
	r := recs[0]
	if r.ID != d.CheckID || r.OrgID != bankOne || r.Decision != d.Decision || !r.CheckedAt.Equal(base) ||
		r.RulesVersion != f.engine.Rules().ID() || !r.HoldUntil.Equal(d.HoldUntil) {
		t.Errorf("record: got %+v, want the decision's fields", r)
	}
	d2 := f.check(t, bankOne, payment(1, iban("914", 1), 100))
	if d2.CheckID == d.CheckID {
		t.Errorf("check IDs repeat: %s", d.CheckID)
	}
}

func TestCheckNormalizes(t *testing.T) {
	f := newFixture(t, nil)
	pc := payment(1, "", 100)
	pc.Currency = " kzt "
	pc.Payer.Phone = "8 (701) 100-00-01"
	pc.Payee = kuzet.Payee{Account: "kz86 125K ZT50 0410 0100", Card: "4400-4300-0000-0007", BankBIC: "bankkzka"}
	f.check(t, bankOne, pc)
	r := f.sink.records()[0]
	if r.Check.Currency != "KZT" || r.Check.Payer.Phone != "+77011000001" || r.Check.Payee.IBAN != "KZ86125KZT5004100100" ||
		r.Check.Payee.Account != "" || r.Check.Payee.BankBIC != "BANKKZKA" {
		t.Errorf("normalized: got %+v", r.Check)
	}
	if strings.Contains(r.Check.Payee.Card, "4400430000000007") || !strings.HasPrefix(r.Check.Payee.Card, "440043-0007-") {
		t.Errorf("card: got %q, want its token", r.Check.Payee.Card)
	}
}

func TestCheckValidation(t *testing.T) {
	ok := payment(1, iban("914", 1), 100)
	tests := []struct {
		name   string
		edit   func(pc *kuzet.PaymentCheck)
		fields []string
	}{
		{"missing amount", func(pc *kuzet.PaymentCheck) { pc.Amount = 0 }, []string{"amount"}},
		{"negative amount", func(pc *kuzet.PaymentCheck) { pc.Amount = -500 }, []string{"amount"}},
		{"unknown currency", func(pc *kuzet.PaymentCheck) { pc.Currency = "XYZ" }, []string{"currency"}},
		{"missing currency", func(pc *kuzet.PaymentCheck) { pc.Currency = "" }, []string{"currency"}},
		{"malformed IBAN", func(pc *kuzet.PaymentCheck) { pc.Payee.IBAN = "KZ00BROKEN" }, []string{"payee.iban"}},
		{"IBAN check digits", func(pc *kuzet.PaymentCheck) { pc.Payee.IBAN = "KZ87125KZT5004100100" }, []string{"payee.iban"}},
		{"no payee identifier", func(pc *kuzet.PaymentCheck) { pc.Payee = kuzet.Payee{Name: "X"} }, []string{"payee"}},
		{"bad payee phone", func(pc *kuzet.PaymentCheck) { pc.Payee.Phone = "12" }, []string{"payee.phone"}},
		{"bad payee card", func(pc *kuzet.PaymentCheck) { pc.Payee.Card = "4400430000000005" }, []string{"payee.card"}},
		{"bad payee wallet", func(pc *kuzet.PaymentCheck) { pc.Payee.Wallet = "0xnope" }, []string{"payee.wallet"}},
		{"bad payee account", func(pc *kuzet.PaymentCheck) { pc.Payee.Account = "12" }, []string{"payee.account"}},
		{"bad BIC", func(pc *kuzet.PaymentCheck) { pc.Payee.BankBIC = "BANK" }, []string{"payee.bank_bic"}},
		{"no payer identity", func(pc *kuzet.PaymentCheck) { pc.Payer = kuzet.Payer{} }, []string{"payer"}},
		{"bad payer IP", func(pc *kuzet.PaymentCheck) { pc.Payer.IP = "10.0.0.0/8" }, []string{"payer.ip"}},
		{"missing payment_id", func(pc *kuzet.PaymentCheck) { pc.PaymentID = " " }, []string{"payment_id"}},
		{"future created_at", func(pc *kuzet.PaymentCheck) { pc.CreatedAt = base.Add(2 * time.Hour) }, []string{"created_at"}},
		{"bad channel", func(pc *kuzet.PaymentCheck) { pc.Channel = "mobile app!" }, []string{"channel"}},
		{"several at once", func(pc *kuzet.PaymentCheck) {
			pc.Amount, pc.Payer, pc.Payee.IBAN = -500, kuzet.Payer{}, "KZ00BROKEN"
		}, []string{"amount", "payer", "payee.iban"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, nil)
			pc := ok
			tc.edit(&pc)
			_, err := f.engine.Check(context.Background(), bankOne, pc)
			if kuzet.ErrorCode(err) != kuzet.EINVALID {
				t.Fatalf("error: got %v, want %s", err, kuzet.EINVALID)
			}
			if got := fields(err); !slices.Equal(got, tc.fields) {
				t.Errorf("fields: got %v, want %v", got, tc.fields)
			}
			if n := len(f.sink.records()); n != 0 {
				t.Errorf("records: got %d, want none for an invalid check", n)
			}
		})
	}
}

func TestCheckCardWithoutKey(t *testing.T) {
	e := payments.NewEngine(payments.EngineConfig{})
	pc := payment(1, "", 100)
	pc.Payee = kuzet.Payee{Card: "4400430000000007"}
	_, err := e.Check(context.Background(), bankOne, pc)
	if kuzet.ErrorCode(err) != kuzet.EINTERNAL {
		t.Errorf("got %v, want %s", err, kuzet.EINTERNAL)
	}
}

// refusingSink takes nothing, as a writer with a full queue or a failing
// store.
type refusingSink struct{}

func (refusingSink) Enqueue(*kuzet.CheckRecord) bool { return false }

func TestCheckDegraded(t *testing.T) {
	e := payments.NewEngine(payments.EngineConfig{Sink: refusingSink{}, Clock: kuzet.FixedClock(base)})
	d, err := e.Check(context.Background(), bankOne, payment(1, iban("914", 1), 100))
	if err != nil {
		t.Fatalf("check with the store away: %v", err)
	}
	if d.Decision != kuzet.DecisionAllow || !slices.Contains(codes(d), payments.ReasonDegraded) {
		t.Errorf("got %s %v, want allow with reason degraded", d.Decision, codes(d))
	}

	// The fixture's sink writes through to the store; take the store down.
	f := newFixture(t, nil)
	mule := iban("826", 1)
	f.report(police, kuzet.KindIBAN, mule, kuzet.CategoryMuleAccount, 0.9)
	f.store.setDown(fmt.Errorf("connection refused"))
	d = f.check(t, bankOne, payment(1, mule, 100000))
	if !d.Decision.Stops() || !slices.Contains(codes(d), payments.ReasonDegraded) {
		t.Errorf("store down: got %s %v, want a hold from memory, degraded", d.Decision, codes(d))
	}
}

// TestLearning: a held payment does not teach the payer its payee; a
// legitimate outcome does; a confirmed fraud unlearns it.
func TestLearning(t *testing.T) {
	f := newFixture(t, mustRules(`version hold-all
rule all       when amount > 0 decide hold
rule new_payee when new_payee  weight 0.01
`))
	ctx := context.Background()
	to := iban("914", 42)
	isNew := func(d payments.Decision) bool { return slices.Contains(codes(d), "new_payee") }

	f.check(t, bankOne, payment(1, to, 1000))
	d := f.check(t, bankOne, payment(1, to, 1000))
	if !isNew(d) {
		t.Errorf("after a hold: got %v, want new_payee still", codes(d))
	}
	_, err := f.service.RecordOutcome(ctx, bankOne, d.CheckID, kuzet.OutcomeLegitimate)
	must(t, "outcome", err)
	d = f.check(t, bankOne, payment(1, to, 1000))
	if isNew(d) {
		t.Errorf("after a legitimate outcome: got %v, want a known payee", codes(d))
	}
	_, err = f.service.RecordOutcome(ctx, bankOne, d.CheckID, kuzet.OutcomeFraud)
	must(t, "outcome", err)
	if d = f.check(t, bankOne, payment(1, to, 1000)); !isNew(d) {
		t.Errorf("after a confirmed fraud: got %v, want new_payee again", codes(d))
	}
}

// TestObserveRebuilds: an engine rebuilt from the stored checks measures
// the next check as the engine that made them.
func TestObserveRebuilds(t *testing.T) {
	f := newFixture(t, probeRules)
	mule := iban("826", 7)
	for i := range 6 {
		f.check(t, bankOne, payment(1, iban("914", 1), 10000))
		f.check(t, []int64{bankOne, bankTwo, bankThree}[i%3], payment(20+i, mule, 50000))
		f.clock.Add(time.Minute)
	}
	next := payment(1, mule, 300000)

	fresh := payments.NewEngine(payments.EngineConfig{Clock: f.clock.Now, Rules: probeRules})
	n, err := payments.NewService(payments.Config{Engine: fresh, Store: f.store}).Rebuild(context.Background(), time.Time{})
	must(t, "rebuild", err)
	if n != 12 {
		t.Errorf("rebuilt from %d checks, want 12", n)
	}
	want := codes(f.check(t, bankOne, next))
	got, err := fresh.Check(context.Background(), bankOne, next)
	must(t, "check", err)
	if !slices.Equal(codes(got), want) {
		t.Errorf("rebuilt engine: got %v, want %v", codes(got), want)
	}
	if m := fresh.Memory(); m.Payers != 7 || m.Payees != 2 {
		t.Errorf("memory: got %+v, want 7 payers and 2 payees", m)
	}
}

// TestMemoryBounded: the memory holds at most its configured entries.
func TestMemoryBounded(t *testing.T) {
	e := payments.NewEngine(payments.EngineConfig{Clock: kuzet.FixedClock(base), MaxPayers: 640, MaxPayees: 640})
	for i := range 5000 {
		_, err := e.Check(context.Background(), bankOne, payment(i, iban("914", i), 100))
		must(t, "check", err)
	}
	if m := e.Memory(); m.Payers > 640 || m.Payees > 640 || m.Payers < 600 {
		t.Errorf("memory: got %+v, want at most 640 each, and full", m)
	}
}

// TestPaymentInParts: the signals of a scam paid in parts. A payee first
// paid today stays recent for 24 hours: later payments to it carry
// payee_recent, what was let through to it over the usual amount before it
// (payee_recent_ratio: the parts do not make themselves usual), and
// whether that first payment was warned; fan_in_day counts its payers in
// 24 hours.
func TestPaymentInParts(t *testing.T) {
	rules := mustRules(`version parts
threshold review 0.25
threshold hold 0.6
threshold block 0.95
rule warn   when new_payee and amount >= 50000 weight 0.3
rule recent when payee_recent                weight 0.001
rule ratio  when payee_recent_ratio >= 5     weight 0.001
rule warned when payee_recent_warned         weight 0.001
rule day    when fan_in_day >= 2             weight 0.001
`)
	f := newFixture(t, rules)
	usual, scam := iban("914", 100), iban("826", 200)
	step := func(name string, pc kuzet.PaymentCheck, want ...string) {
		t.Helper()
		d := f.check(t, bankOne, pc)
		if got := codes(d); !slices.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", name, got, want)
		}
	}
	for i := range 4 { // a day apart: the usual payee is never recent
		step(fmt.Sprintf("habit %d", i), payment(1, usual, 10000))
		f.clock.Add(25 * time.Hour)
	}
	step("a first payment, warned", payment(1, scam, 60000), "warn")
	f.clock.Add(10 * time.Minute)
	step("the second part: 61,000 over the usual 10,000", payment(1, scam, 1000), "recent", "ratio", "warned")
	f.clock.Add(time.Minute)
	step("another payer the same day", payment(2, scam, 1000), "day")
	f.clock.Add(25 * time.Hour)
	step("a day later, the payee's payers of the day before no longer count", payment(2, scam, 1000))
	step("and the payee is no longer recent", payment(1, scam, 1000), "day")
}

// TestSessionSignals: what the bank's app saw in the session reaches the
// signals as sent, and the default rules act on it, only beside a first
// payment well above habit: a remote-control app reviews it from three
// times and holds it from five, a new device reviews it from three times,
// a call the operators saw nothing risky in weighs from three times and
// reviews from five.
func TestSessionSignals(t *testing.T) {
	f := newFixture(t, nil)
	usual := iban("914", 100)
	for range 4 {
		for payer := 1; payer <= 6; payer++ {
			f.check(t, bankOne, payment(payer, usual, 10000))
		}
		f.clock.Add(25 * time.Hour)
	}
	step := func(name string, pc kuzet.PaymentCheck, want kuzet.Decision, reasons ...string) {
		t.Helper()
		d := f.check(t, bankOne, pc)
		if d.Decision != want || !slices.Equal(codes(d), reasons) {
			t.Errorf("%s: got %s %v, want %s %v", name, d.Decision, codes(d), want, reasons)
		}
		f.clock.Add(48 * time.Hour) // never a part of the one before, at the same hour
	}
	with := func(pc kuzet.PaymentCheck, set func(*kuzet.Payer)) kuzet.PaymentCheck {
		set(&pc.Payer)
		return pc
	}
	remote := func(p *kuzet.Payer) { p.RemoteAccess = true }
	onCall := func(p *kuzet.Payer) { p.OnCall = true }
	newDevice := func(p *kuzet.Payer) { p.NewDevice = true }
	step("on a call, the usual payee", with(payment(1, usual, 10000), onCall), kuzet.DecisionAllow)
	step("on a call, a new payee at 4× habit", with(payment(1, iban("826", 1), 40000), onCall),
		kuzet.DecisionAllow, "on_call_new_payee_large")
	step("on a call, a new payee at 6× habit", with(payment(2, iban("826", 2), 60000), onCall),
		kuzet.DecisionReview, "new_payee_large_amount", "on_call_new_payee_large")
	f.calls.set(payment(6, usual, 1).Payer.Phone, telecom.ActiveCall{Active: true, FirstTime: true})
	step("on a first-time caller's call, a new payee at 6× habit: the call counts once", with(payment(6, iban("826", 7), 60000), onCall),
		kuzet.DecisionReview, "first_call_large_new_payee", "new_payee_large_amount")
	step("a new device, a new payee at habit", with(payment(3, iban("826", 3), 10000), newDevice), kuzet.DecisionAllow)
	step("a new device, a new payee at 4× habit", with(payment(3, iban("826", 4), 40000), newDevice),
		kuzet.DecisionReview, "new_device_large")
	step("a remote-control app, the usual payee", with(payment(4, usual, 10000), remote),
		kuzet.DecisionAllow, "remote_access_payment")
	step("a remote-control app, a new payee at 4× habit", with(payment(4, iban("826", 5), 40000), remote),
		kuzet.DecisionReview, "remote_access_payment", "remote_access_new_payee")
	step("a remote-control app, a new payee at 6× habit", with(payment(5, iban("826", 6), 60000), remote),
		kuzet.DecisionHold, "new_payee_large_amount", "remote_access_payment", "remote_access_new_payee")

	recs := f.sink.records()
	rec := recs[len(recs)-1]
	s := payments.SignalsOf(rec.Signals)
	if rec.Check.Payer != (kuzet.Payer{}) && !rec.Check.Payer.RemoteAccess {
		t.Errorf("the record's payer %+v lost the session", rec.Check.Payer)
	}
	if s[payments.SignalRemoteAccess] != 1 || s[payments.SignalDeviceOnCall] != 0 || s[payments.SignalNewDevice] != 0 {
		t.Errorf("signals kept: %v", rec.Signals)
	}
}
