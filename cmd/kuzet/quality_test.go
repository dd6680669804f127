package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/access"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/synth"
)

// qualityLabel is what the simulation knows of a session line that is a
// payment check: its truth, and whether it counts (after the warm-up).
type qualityLabel struct {
	kind   string // scam, legitimate, mule_forward
	detail string // the scheme of a scam, the kind of a legitimate payment
	count  bool
}

// qualitySession turns a simulated world into a replay session, as the
// country's organisations would have sent it to kuzet: the operators
// report the calls they originate and ask to verify the calls they
// terminate (the telecom engine decides what each call was, nothing of the
// simulation's truth is sent), the payer's bank checks every payment, the
// police file each victim's report and the victim's bank confirms the
// fraud on its checks. It returns the session and the labels of its check
// lines, by line number.
func qualitySession(t *testing.T, c *synth.Country, w *synth.PaymentWorld) ([]byte, map[int]qualityLabel) {
	t.Helper()
	bankName := map[string]string{}
	for _, b := range c.Banks {
		bankName[b.BIC] = b.Name
	}
	telco := func(number string) string {
		for _, tc := range append(slices.Clone(c.Telcos), c.FixedLine...) {
			for _, p := range tc.Prefixes {
				if strings.HasPrefix(number, "+"+p) {
					return tc.Name
				}
			}
		}
		return ""
	}
	var b bytes.Buffer
	n := 0
	add := func(at time.Time, org, path string, body any) int {
		j, err := json.Marshal(map[string]any{"at": at.Format(time.RFC3339Nano), "org": org, "method": "POST",
			"path": path, "body": body})
		if err != nil {
			t.Fatal(err)
		}
		b.Write(j)
		b.WriteByte('\n')
		n++
		return n
	}
	labels := map[int]qualityLabel{}
	start := w.Config.Start
	for _, l := range w.Listed {
		add(start, l.Reporter, "/v1/indicators", map[string]any{"indicators": []map[string]any{{
			"kind": l.Kind, "value": l.Value, "category": l.Category, "confidence": l.Confidence, "evidence": l.Evidence}}})
	}
	type check struct {
		bank string
		line int
	}
	scamChecks := map[int][]check{}
	for _, e := range w.Events {
		switch {
		case e.Call != nil:
			cl := e.Call
			term := telco(cl.B)
			if term == "" {
				continue
			}
			at := cl.At.Format(time.RFC3339Nano)
			if origin := telco(cl.A); cl.Registered && origin != "" {
				add(cl.At, origin, "/v1/calls/originated", map[string]any{"calls": []map[string]string{{
					"a": cl.A, "b": cl.B, "at": at, "call_id": cl.CallID}}})
			}
			add(cl.At, term, "/v1/calls/verify", map[string]any{"calls": []map[string]string{{
				"a": cl.A, "b": cl.B, "at": at, "call_id": cl.CallID, "ingress": string(cl.Ingress)}}})
		case e.Payment != nil:
			p := e.Payment
			bank := bankName[p.BankBIC]
			line := add(e.At, bank, "/v1/payments/check", p.Check)
			l := qualityLabel{kind: "legitimate", detail: string(p.Kind), count: !e.At.Before(w.EvalFrom)}
			switch p.Kind {
			case synth.PayScam:
				l.kind, l.detail = "scam", p.Scheme
				scamChecks[p.ScamID] = append(scamChecks[p.ScamID], check{bank, line})
			case synth.PayMuleForward:
				l.kind, l.detail = "mule_forward", p.Scheme
			}
			labels[line] = l
		case e.Report != nil:
			r := e.Report
			inds := []map[string]any{}
			for _, ind := range r.Indicators {
				if _, err := (&ident.Parser{}).Parse(ind.Kind, ind.Value); err == nil {
					inds = append(inds, map[string]any{"kind": ind.Kind, "value": ind.Value})
				}
			}
			add(e.At, "Cybercrime Department", "/v1/reports", map[string]any{"victim": r.Victim, "channel": r.Channel,
				"scheme": r.Scheme, "description": r.Description, "amount_lost": r.AmountLost, "currency": r.Currency,
				"indicators": inds, "transfers": r.Transfers})
			for _, c := range scamChecks[r.ScamID] {
				add(e.At, c.bank, fmt.Sprintf("/v1/payments/$%d.check_id/outcome", c.line), map[string]string{"outcome": "fraud_confirmed"})
			}
		}
	}
	return b.Bytes(), labels
}

// qualityTally counts the decisions on one kind of payment.
type qualityTally struct{ n, stopped, review int }

func (q qualityTally) stoppedRate() float64 { return float64(q.stopped) / float64(max(q.n, 1)) }
func (q qualityTally) reviewRate() float64  { return float64(q.review) / float64(max(q.n, 1)) }

func (q qualityTally) String() string {
	return fmt.Sprintf("%6d checks  %6.2f%% stopped  %6.2f%% review", q.n, 100*q.stoppedRate(), 100*q.reviewRate())
}

// qualityReplay plays a world through `kuzet replay` against a deployment
// with the country's organisations and tallies the answers by label.
func qualityReplay(t *testing.T, c *synth.Country, w *synth.PaymentWorld, rules string) map[string]*qualityTally {
	t.Helper()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	// The first organisation through the CLI makes the deployment and its
	// key file; the others straight into its store, which is quicker.
	orgs := c.Orgs()
	orgAdd(t, data, "--name", orgs[0].Name, "--type", string(orgs[0].Type))
	store, _, err := openKeyed(context.Background(), data, "", "", false, slog.New(slog.DiscardHandler))
	must(t, err)
	acc := access.NewService(store, kuzet.SystemClock)
	for _, o := range orgs[1:] {
		if _, _, err := acc.CreateOrg(context.Background(), &o); err != nil {
			t.Fatalf("organisation %s: %v", o.Name, err)
		}
	}
	must(t, store.Close())
	session, labels := qualitySession(t, c, w)
	in, out := filepath.Join(dir, "session.jsonl"), filepath.Join(dir, "answers.jsonl")
	must(t, os.WriteFile(in, session, 0o600))
	args := []string{"replay", "--quiet", "--data", data, "--in", in, "--out", out}
	if rules != "" {
		args = append(args, "--rules", rules)
	}
	keep := os.Getenv("KUZET_QUALITY_KEEP")
	if keep != "" {
		args = append(args, "--checks", keep+".checks.jsonl")
	}
	env, _, errb := testEnv()
	started := time.Now()
	if code := run(context.Background(), env, args); code != 0 {
		t.Fatalf("replay: exit %d: %s", code, errb)
	}
	t.Logf("replayed %d lines in %s", bytes.Count(session, []byte{'\n'}), time.Since(started).Round(time.Millisecond))
	if keep != "" {
		// For a closer look: the session, its answers and the labels.
		answers, err := os.ReadFile(out)
		must(t, err)
		must(t, os.WriteFile(keep+".session.jsonl", session, 0o600))
		must(t, os.WriteFile(keep+".answers.jsonl", answers, 0o600))
		var lb bytes.Buffer
		for _, n := range slices.Sorted(maps.Keys(labels)) {
			fmt.Fprintf(&lb, "%d\t%s\t%s\t%v\n", n, labels[n].kind, labels[n].detail, labels[n].count)
		}
		must(t, os.WriteFile(keep+".labels.tsv", lb.Bytes(), 0o600))
	}
	f, err := os.Open(out)
	must(t, err)
	defer f.Close()
	tallies := map[string]*qualityTally{}
	count := func(key string, d kuzet.Decision) {
		q := tallies[key]
		if q == nil {
			q = &qualityTally{}
			tallies[key] = q
		}
		q.n++
		switch {
		case d.Stops():
			q.stopped++
		case d == kuzet.DecisionReview:
			q.review++
		}
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	failed := 0
	for sc.Scan() {
		var a struct {
			Line   int
			Status int
			Body   struct {
				Decision kuzet.Decision
				Verdicts []struct{ Error any }
			}
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("answer %q: %v", sc.Bytes(), err)
		}
		if a.Status/100 != 2 || len(a.Body.Verdicts) > 0 && a.Body.Verdicts[0].Error != nil {
			if failed++; failed <= 5 {
				t.Errorf("line %d answered %s", a.Line, sc.Bytes())
			}
			continue
		}
		l, ok := labels[a.Line]
		if !ok || !l.count {
			continue
		}
		count(l.kind, a.Body.Decision)
		count(l.kind+"/"+l.detail, a.Body.Decision)
	}
	must(t, sc.Err())
	if failed > 0 {
		t.Errorf("%d lines not answered 2xx", failed)
	}
	for _, k := range slices.Sorted(maps.Keys(tallies)) {
		t.Logf("%-44s %v", k, tallies[k])
	}
	return tallies
}

// qualityShort reports whether a quality test runs its small world: under
// -short and under the race detector.
func qualityShort() bool { return testing.Short() || raceEnabled }

// skipFittedUnderRace skips, under the race detector, a quality test of a
// holdout the rules were fitted on: the replay's concurrency is the same
// in every one, and make test has five minutes. The one scored unseen last
// stays; all run under -short without -race.
func skipFittedUnderRace(t *testing.T) {
	if raceEnabled {
		t.Skip("a fitted holdout: run without -race")
	}
}

// qualityHoldout replays a holdout world with the rules of
// KUZET_QUALITY_RULES (the default ones without it), logs its figures
// under name and asserts want.
func qualityHoldout(t *testing.T, name string, c *synth.Country, w *synth.PaymentWorld, want qualityFloor) {
	t.Helper()
	q := qualityReplay(t, c, w, os.Getenv("KUZET_QUALITY_RULES"))
	scam, legit := q["scam"], q["legitimate"]
	if scam == nil || legit == nil || scam.n < 100 || legit.n < 1500 {
		t.Fatalf("too few payments to judge: scam %v, legitimate %v", scam, legit)
	}
	t.Logf("%s: scams stopped %.2f%% of %d; honest stopped %.3f%%, review %.2f%% of %d",
		name, 100*scam.stoppedRate(), scam.n, 100*legit.stoppedRate(), 100*legit.reviewRate(), legit.n)
	want.check(t, scam, legit)
}

// TestQualityHoldout measures the default rules like a bank would: the
// holdout simulation (synth.Holdout, written apart from the rules and never
// tuned on) replayed through `kuzet replay`, its calls through the real
// telecom engine. The figures asserted are those achieved (docs/payments.md
// has them), less a margin: a regression guard, not the targets (95 % of
// scams stopped, 0.5 % of honest payments stopped, 3 % reviewed), which are
// not all met: the scams are not. Read since, and partly tuned on.
func TestQualityHoldout(t *testing.T) {
	skipFittedUnderRace(t)
	c := synth.New(7)
	cfg := synth.HoldoutConfig{Seed: 2026}
	want := qualityFloor{scamStopped: 0.88, honestStopped: 0.0025, honestReview: 0.008} // default-9: 90.19 %, 0.169 %, 0.42 %
	if qualityShort() {
		cfg.Customers, cfg.Days, cfg.ScamsPerDay = 250, 10, 20
		want = qualityFloor{scamStopped: 0.80, honestStopped: 0.0040, honestReview: 0.012} // default-9: 86.44 %, 0.131 % (3 of 2,292), 0.70 %
	}
	qualityHoldout(t, "holdout", c, c.Holdout(cfg), want)
}

// TestQualityHoldout2 measures the default rules on the second holdout
// (synth.Holdout2): another writer's simulation, blind to the rules and to
// the first two, frozen (84ae45a) before it was first scored. Its figures
// are the unseen ones that come first in docs/payments.md. Its first
// scoring: default-3 64.81 %, 0.450 %, 3.11 %; a candidate default-4
// (docs/payments.md) 75.46 %, 1.267 %, 2.67 % as first written, 71.76 %,
// 0.555 %, 3.28 % without its fan_in_day rule. The default rules
// (default-9, partly tuned on it), less a margin:
func TestQualityHoldout2(t *testing.T) {
	skipFittedUnderRace(t)
	c := synth.New(7)
	cfg := synth.Holdout2Config{Seed: 2027}
	want := qualityFloor{scamStopped: 0.74, honestStopped: 0.0020, honestReview: 0.020} // default-9: 76.70 %, 0.083 %, 1.15 %
	if qualityShort() {
		cfg.Customers, cfg.Days, cfg.ScamsPerDay = 250, 10, 20
		want = qualityFloor{scamStopped: 0.62, honestStopped: 0.0060, honestReview: 0.022} // default-9: 67.68 %, 0.327 % (6 of 1,833), 1.31 %
	}
	qualityHoldout(t, "holdout2", c, c.Holdout2(cfg), want)
}

// TestQualityHoldout3 measures the default rules on the third holdout
// (synth.Holdout3): a fourth writer's simulation, blind to the rules, to
// the other simulations and to the second holdout's figures, frozen
// (e11f718) before it was first scored. Its first scoring: default-3
// 18.63 %, 0.494 %, 4.26 %; the candidate default-4 22.67 %, 0.653 %,
// 4.38 %. The default rules (default-9, tuned on it and the other read
// simulations), less a margin:
func TestQualityHoldout3(t *testing.T) {
	skipFittedUnderRace(t)
	c := synth.New(2028)
	cfg := synth.Holdout3Config{Seed: 2028}
	want := qualityFloor{scamStopped: 0.29, honestStopped: 0.0040, honestReview: 0.018} // default-9: 30.88 %, 0.243 %, 1.17 %
	if qualityShort() {
		cfg.Customers, cfg.Days, cfg.ScamsPerDay = 250, 10, 20
		want = qualityFloor{scamStopped: 0.30, honestStopped: 0.0085, honestReview: 0.024} // default-9: 34.27 %, 0.612 % (13 of 2,123), 1.65 %
	}
	qualityHoldout(t, "holdout3", c, c.Holdout3(cfg), want)
}

// qualityFloor is what a quality test asserts: a regression guard, set a
// margin below the figures achieved.
type qualityFloor struct{ scamStopped, honestStopped, honestReview float64 }

func (f qualityFloor) check(t *testing.T, scam, legit *qualityTally) {
	t.Helper()
	if r := scam.stoppedRate(); r < f.scamStopped {
		t.Errorf("scams stopped: got %.2f%%, want at least %.2f%%", 100*r, 100*f.scamStopped)
	}
	if r := legit.stoppedRate(); r > f.honestStopped {
		t.Errorf("honest payments stopped: got %.3f%%, want at most %.3f%%", 100*r, 100*f.honestStopped)
	}
	if r := legit.reviewRate(); r > f.honestReview {
		t.Errorf("honest payments sent to review: got %.2f%%, want at most %.2f%%", 100*r, 100*f.honestReview)
	}
}

// TestQualitySeen measures the rules on the first simulation
// (synth.Payments), the one they were written and tuned on, played the same
// way. Its figures are the seen ones: below the holdout's in
// docs/payments.md. Too slow for the race detector.
func TestQualitySeen(t *testing.T) {
	if qualityShort() {
		t.Skip("four weeks of 3,000 customers: run without -race and -short")
	}
	c := synth.New(7)
	q := qualityReplay(t, c, c.Payments(synth.PaymentConfig{Seed: 2025}), os.Getenv("KUZET_QUALITY_RULES"))
	scam, legit := q["scam"], q["legitimate"]
	if scam == nil || legit == nil || scam.n < 100 || legit.n < 10000 {
		t.Fatalf("too few payments to judge: scam %v, legitimate %v", scam, legit)
	}
	t.Logf("seen: scams stopped %.2f%% of %d; honest stopped %.3f%%, review %.2f%% of %d",
		100*scam.stoppedRate(), scam.n, 100*legit.stoppedRate(), 100*legit.reviewRate(), legit.n)
	qualityFloor{scamStopped: 0.96, honestStopped: 0.0010, honestReview: 0.008}.check(t, scam, legit) // default-9: 98.81 %, 0 %, 0.32 %
}

// TestQualityHoldout4 measures the default rules on the fourth holdout
// (synth.Holdout4): a fifth writer's simulation, blind to the rules and to
// the other simulations, frozen (6e3e86b) before it was first scored. Its
// first scoring: default-3 53.99 %, 0.143 %, 4.84 %; default-5, frozen
// before that scoring, 63.10 %, 0.215 %, 2.75 %. The default rules
// (default-9, partly tuned on it), less a margin:
func TestQualityHoldout4(t *testing.T) {
	skipFittedUnderRace(t)
	c := synth.New(2029)
	cfg := synth.Holdout4Config{Seed: 2029}
	want := qualityFloor{scamStopped: 0.60, honestStopped: 0.0025, honestReview: 0.025} // default-9: 63.10 %, 0.126 %, 1.83 %
	if qualityShort() {
		cfg.Customers, cfg.Days, cfg.ScamsPerDay = 300, 14, 20                             // its warm-up is a week
		want = qualityFloor{scamStopped: 0.74, honestStopped: 0.0040, honestReview: 0.026} // default-9: 79.62 %, 0.172 % (4 of 2,328), 1.93 %
	}
	qualityHoldout(t, "holdout4", c, c.Holdout4(cfg), want)
}

// TestQualityHoldout5 measures the default rules on the fifth holdout
// (synth.Holdout5): a sixth writer's simulation, blind to the rules and to
// the other simulations, frozen (f003f0a) before it was first scored. Its
// first scoring: default-3 25.21 %, 0.359 %, 7.65 %; default-5 42.21 %,
// 0.616 %, 4.85 %; a default-6 candidate frozen before it 44.23 %,
// 0.619 %, 4.85 %. The default rules (default-9, partly tuned on it), less
// a margin:
func TestQualityHoldout5(t *testing.T) {
	skipFittedUnderRace(t)
	c := synth.New(2030)
	cfg := synth.Holdout5Config{Seed: 2030}
	want := qualityFloor{scamStopped: 0.36, honestStopped: 0.0050, honestReview: 0.030} // default-9: 38.29 %, 0.303 %, 2.51 %
	if qualityShort() {
		cfg.Customers, cfg.Days, cfg.ScamsPerDay = 300, 14, 20                             // its warm-up is a week
		want = qualityFloor{scamStopped: 0.32, honestStopped: 0.0170, honestReview: 0.032} // default-9: 36.68 %, 1.350 % (25 of 1,852), 2.48 %
	}
	qualityHoldout(t, "holdout5", c, c.Holdout5(cfg), want)
}

// TestQualityHoldout6 measures the default rules on the sixth holdout
// (synth.Holdout6): a seventh writer's simulation, blind to the rules and
// to the other simulations, frozen (830d8e8) before it was first scored.
// Its first scoring, the unseen figures that come first in
// docs/payments.md: default-6, frozen before it, 59.09 %, 0.158 %, 2.11 %;
// default-5 60.80 %, 0.234 %, 3.45 %; default-3 57.53 %, 0.164 %, 6.24 %.
// The default rules, less a margin:
func TestQualityHoldout6(t *testing.T) {
	skipFittedUnderRace(t)
	c := synth.New(2031)
	cfg := synth.Holdout6Config{Seed: 2031}
	want := qualityFloor{scamStopped: 0.56, honestStopped: 0.0025, honestReview: 0.026} // default-9: 59.09 %, 0.133 %, 2.10 %
	if qualityShort() {
		cfg.Customers, cfg.Days, cfg.ScamsPerDay = 300, 14, 20                             // its warm-up is a week
		want = qualityFloor{scamStopped: 0.54, honestStopped: 0.0080, honestReview: 0.024} // default-9: 59.73 %, 0.542 % (12 of 2,214), 1.67 %
	}
	qualityHoldout(t, "holdout6", c, c.Holdout6(cfg), want)
}

// TestQualityHoldout7 measures the default rules on the seventh holdout
// (synth.Holdout7): an eighth writer's simulation, blind to the rules and
// to the other simulations, frozen (351f704) before it was first scored,
// and the first whose banks' apps report the payer's session (on_call,
// remote_access, new_device) where they can tell. Its first scoring:
// default-7, frozen before it, 66.13 %, 0.529 %, 2.29 %; default-6
// 57.46 %, 0.269 %, 2.02 %. default-8 and default-9 were fitted on it; less
// a margin:
func TestQualityHoldout7(t *testing.T) {
	skipFittedUnderRace(t)
	c := synth.New(2032)
	cfg := synth.Holdout7Config{Seed: 2032}
	want := qualityFloor{scamStopped: 0.63, honestStopped: 0.0045, honestReview: 0.025} // default-9: 66.13 %, 0.272 %, 2.03 %
	if qualityShort() {
		cfg.Customers, cfg.Days, cfg.ScamsPerDay, cfg.WarmupDays = 400, 12, 25, 5
		want = qualityFloor{scamStopped: 0.48, honestStopped: 0.0120, honestReview: 0.045} // default-9: 52.11 %, 0.752 % (20 of 2,659), 3.27 %
	}
	qualityHoldout(t, "holdout7", c, c.Holdout7(cfg), want)
}

// TestQualityHoldout8 measures the default rules on the eighth holdout
// (synth.Holdout8): a ninth writer's simulation, blind to the rules and to
// the other simulations, frozen (950744f) before it was first scored, its
// banks' apps reporting the payer's session where they can tell. Its
// first scoring: default-8, frozen before it, 82.71 %, 1.380 %, 4.04 %;
// default-7 83.47 %, 2.037 %, 3.68 %; default-6 79.94 %, 0.982 %, 3.36 %.
// default-9 was fitted on it; less a margin:
func TestQualityHoldout8(t *testing.T) {
	skipFittedUnderRace(t)
	c := synth.New(2033)
	cfg := synth.Holdout8Config{Seed: 2033}
	want := qualityFloor{scamStopped: 0.79, honestStopped: 0.0055, honestReview: 0.030} // default-9: 82.33 %, 0.409 %, 2.46 %
	if qualityShort() {
		cfg.Customers, cfg.Days, cfg.ScamsPerDay, cfg.WarmupDays = 400, 12, 25, 5
		want = qualityFloor{scamStopped: 0.68, honestStopped: 0.0160, honestReview: 0.040} // default-9: 73.95 %, 1.121 % (27 of 2,409), 3.11 %
	}
	qualityHoldout(t, "holdout8", c, c.Holdout8(cfg), want)
}

// TestQualityHoldout9 measures the default rules on the ninth holdout
// (synth.Holdout9): a tenth writer's simulation, blind to the rules and to
// the other simulations, frozen (15b436b) before it was first scored. Its
// first scoring, the unseen figures that come first in docs/payments.md:
// default-9, frozen before it, 69.08 %, 0.288 %, 1.72 %; default-8
// 69.35 %, 0.296 %, 1.83 %; default-6 65.73 %, 0.192 %, 1.62 %. The
// default rules, less a margin:
func TestQualityHoldout9(t *testing.T) {
	c := synth.New(2034)
	cfg := synth.Holdout9Config{Seed: 2034}
	want := qualityFloor{scamStopped: 0.66, honestStopped: 0.0040, honestReview: 0.022} // default-9: 69.08 %, 0.288 %, 1.72 %
	if qualityShort() {
		cfg.Customers, cfg.Days, cfg.ScamsPerDay, cfg.WarmupDays = 400, 17, 25, 5
		want = qualityFloor{scamStopped: 0.44, honestStopped: 0.0060, honestReview: 0.030} // default-9: 48.55 %, 0.320 % (14 of 4,375), 2.29 %
	}
	qualityHoldout(t, "holdout9", c, c.Holdout9(cfg), want)
}
