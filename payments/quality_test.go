package payments_test

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/freeze"
	"github.com/kuzet/kuzet/payments"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/synth"
	"github.com/kuzet/kuzet/telecom"
)

// simTelecom turns the simulation's calls into the active-call signal the
// way the telecom engine does: each kind of risky call keeps the signal up
// for 15 minutes.
type simTelecom struct {
	mu sync.Mutex
	m  map[string]*[4]time.Time // foreign, unverified, first-time, flagged
}

func (s *simTelecom) note(c *synth.EventCall) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.m[c.B]
	if st == nil {
		st = new([4]time.Time)
		s.m[c.B] = st
	}
	for i, yes := range []bool{c.Foreign, c.Unverified, c.FirstTime} {
		if yes {
			st[i] = c.At
		}
	}
}

func (s *simTelecom) Signal(msisdn string, at time.Time) (telecom.ActiveCall, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.m[msisdn]
	if st == nil {
		return telecom.ActiveCall{}, nil
	}
	recent := func(t time.Time) bool { return !t.IsZero() && !at.Before(t) && at.Sub(t) <= 15*time.Minute }
	a := telecom.ActiveCall{Foreign: recent(st[0]), Unverified: recent(st[1]), FirstTime: recent(st[2]), Flagged: recent(st[3])}
	a.Active = a.Foreign || a.Unverified || a.FirstTime || a.Flagged
	return a, nil
}

// tally counts decisions of one kind of payment.
type tally struct{ n, review, stopped int }

func (t tally) String() string {
	return fmt.Sprintf("%6d checks, %5.2f%% held or blocked, %5.2f%% reviewed", t.n,
		100*float64(t.stopped)/float64(max(t.n, 1)), 100*float64(t.review)/float64(max(t.n, 1)))
}

// TestQualityOnSimulation drives four weeks of the synthetic country's
// payments through the engine with the default rules, as the banks would:
// calls reach the telecom signal, every payment is checked, and when a
// victim reports, the victim's bank confirms the fraud (its mule goes to the
// registry). After the first week, which builds habits, scam payments must
// be held or blocked at least 95% of the time and legitimate ones at most
// 0.5%.
func TestQualityOnSimulation(t *testing.T) {
	country := synth.New(7)
	w := country.Payments(synth.PaymentConfig{Seed: 2025})
	clock := &testClock{t: w.Config.Start}
	index := registry.NewIndex()
	orgs := map[string]int64{}
	var all []*kuzet.Org
	for i, b := range country.Banks {
		orgs[b.BIC] = int64(i + 1)
		all = append(all, &kuzet.Org{Name: b.Name, Type: kuzet.OrgBank, BIC: b.BIC, BankCode: b.BankCode})
	}
	for _, l := range w.Listed {
		for i, b := range country.Banks {
			if b.Name == l.Reporter {
				index.Add(&kuzet.Report{OrgID: int64(i + 1), Kind: l.Kind, Value: l.Value, Category: l.Category,
					Confidence: l.Confidence, CreatedAt: clock.Now(), UpdatedAt: clock.Now()})
			}
		}
	}
	store := newMemStore(all...)
	store.noRollback = true
	tel := &simTelecom{m: map[string]*[4]time.Time{}}
	engine := payments.NewEngine(payments.EngineConfig{Indicators: index, Calls: tel, Sink: &storeSink{store: store},
		Clock: clock.Now, CardKey: cardKey})
	service := payments.NewService(payments.Config{Engine: engine, Store: store, Clock: clock.Now})
	ctx := context.Background()

	scamChecks := map[int][]struct {
		org int64
		id  string
	}{}
	tallies := map[string]*tally{}
	count := func(key string, d kuzet.Decision) {
		tl := tallies[key]
		if tl == nil {
			tl = &tally{}
			tallies[key] = tl
		}
		tl.n++
		switch {
		case d.Stops():
			tl.stopped++
		case d == kuzet.DecisionReview:
			tl.review++
		}
	}
	policeOrg := int64(len(country.Banks) + 1)
	for _, e := range w.Events {
		clock.Set(e.At)
		switch {
		case e.Call != nil:
			tel.note(e.Call)
		case e.Payment != nil:
			p := e.Payment
			org := orgs[p.BankBIC]
			d, err := engine.Check(ctx, org, p.Check)
			if err != nil {
				t.Fatalf("check %s: %v", p.Check.PaymentID, err)
			}
			if p.Kind == synth.PayScam {
				scamChecks[p.ScamID] = append(scamChecks[p.ScamID], struct {
					org int64
					id  string
				}{org, d.CheckID})
			}
			if e.At.Before(w.EvalFrom) {
				continue
			}
			switch {
			case p.Kind == synth.PayScam:
				count("scam", d.Decision)
				count("scam/"+p.Scheme, d.Decision)
			case p.Kind == synth.PayMuleForward:
				count("mule_forward", d.Decision)
			default:
				count("legitimate", d.Decision)
				count("legitimate/"+string(p.Kind), d.Decision)
			}
		case e.Report != nil:
			// The victim's bank confirms the fraud; its outcome reports the
			// mule. The report's identifiers reach the registry too.
			for _, c := range scamChecks[e.Report.ScamID] {
				res, err := service.RecordOutcome(ctx, c.org, c.id, kuzet.OutcomeFraud)
				must(t, "outcome", err)
				for _, m := range res.Mules {
					index.Add(&kuzet.Report{OrgID: c.org, Kind: m.Kind, Value: m.Value, Category: kuzet.CategoryMuleAccount,
						Confidence: payments.MuleConfidence, CreatedAt: e.At, UpdatedAt: e.At})
				}
			}
			for _, ind := range e.Report.Indicators {
				index.Add(&kuzet.Report{OrgID: policeOrg, Kind: ind.Kind, Value: ind.Value, Category: kuzet.CategoryVictimReport,
					Confidence: freeze.ReportConfidence, CreatedAt: e.At, UpdatedAt: e.At})
			}
		}
	}

	keys := make([]string, 0, len(tallies))
	for k := range tallies {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%-28s %v", k, tallies[k])
	}
	loss, err := service.PreventedLoss(ctx, kuzet.PreventedLossFilter{})
	must(t, "prevented loss", err)
	var prevented kuzet.Amount
	for _, r := range loss.Rows {
		prevented += r.Amount
	}
	t.Logf("prevented loss over the simulation: %s KZT in %d rows", prevented, len(loss.Rows))

	scam, legit := tallies["scam"], tallies["legitimate"]
	if scam == nil || legit == nil || scam.n < 200 || legit.n < 30000 {
		t.Fatalf("too few payments to judge: scam %v, legitimate %v", scam, legit)
	}
	if rate := float64(scam.stopped) / float64(scam.n); rate < 0.95 {
		t.Errorf("scam payments held or blocked: got %.2f%%, want at least 95%%", 100*rate)
	}
	if rate := float64(legit.stopped) / float64(legit.n); rate > 0.005 {
		t.Errorf("legitimate payments held or blocked: got %.3f%%, want at most 0.5%%", 100*rate)
	}
	if prevented <= 0 {
		t.Errorf("prevented loss: got %s, want the held scams counted", prevented)
	}
}
