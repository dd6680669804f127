package simbox_test

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/kuzet/kuzet/simbox"
	"github.com/kuzet/kuzet/synth"
)

// The adversarial world (synth/cdr_adversary.go) was written before the
// detector was tuned against it. Its seeds fall in two sets:
//
//   - development seeds (below 1000), which the scoring was tuned on;
//   - the evaluation seeds in adversaryEval, frozen when the generator was
//     committed and never used while tuning: their figures are the ones
//     reported first.
var adversaryEval = []struct {
	name string
	cfg  synth.AdversaryConfig
}{
	{"seed9101", synth.AdversaryConfig{Seed: 9101}},
	{"seed9102", synth.AdversaryConfig{Seed: 9102}},
	{"seed9103", synth.AdversaryConfig{Seed: 9103}},
	{"seed9104", synth.AdversaryConfig{Seed: 9104}},
	{"seed9105", synth.AdversaryConfig{Seed: 9105}},
	{"seed9106-callbacks30-40", synth.AdversaryConfig{Seed: 9106, Callbacks: [2]float64{0.30, 0.40}}},
	{"seed9107-callbacks30-40", synth.AdversaryConfig{Seed: 9107, Callbacks: [2]float64{0.30, 0.40}}},
	{"seed9108-14days", synth.AdversaryConfig{Seed: 9108, Days: 14}},
}

// runAdversary writes an adversarial extract through a pipe into Detect.
func runAdversary(t testing.TB, cfg synth.AdversaryConfig) ([]synth.CDRLabel, *simbox.Result) {
	t.Helper()
	pr, pw := io.Pipe()
	done := make(chan []synth.CDRLabel, 1)
	go func() {
		labels, err := synth.WriteAdversaryCDR(pw, cfg)
		pw.CloseWithError(err)
		done <- labels
	}()
	res, err := simbox.Detect(context.Background(), pr, simbox.Options{AllEvidence: os.Getenv("KUZET_SIMBOX_VERBOSE") != ""})
	if err != nil {
		t.Fatalf("Detect: %v", err)
	}
	labels := <-done
	if res.Stats.BadRows != 0 {
		t.Fatalf("got %d bad rows (%+v), want none", res.Stats.BadRows, res.BadRows)
	}
	return labels, res
}

// TestAdversary holds the adversarial targets (precision ≥ 0.95, recall ≥
// 0.85) on a development seed small enough for every test run.
func TestAdversary(t *testing.T) {
	evaluation(t)
	subs := 5000
	if testing.Short() {
		subs = 3000
	}
	labels, res := runAdversary(t, synth.AdversaryConfig{Subscribers: subs, Days: 7, Seed: 11})
	q := evaluate(labels, res.Subscribers)
	t.Logf("%d rows: %s", res.Stats.Rows, q)
	if os.Getenv("KUZET_SIMBOX_VERBOSE") != "" {
		dumpErrors(t, labels, res.Subscribers)
	}
	if q.precision() < 0.95 || q.recall() < 0.85 {
		t.Errorf("got precision %.3f recall %.3f, want ≥ 0.95 and ≥ 0.85", q.precision(), q.recall())
	}
	for _, style := range synth.AdversaryBoxStyles {
		if c := q.byStyle[style]; c == nil || c.n == 0 {
			t.Errorf("got no SIMs of box style %s, want every style", style)
		}
	}
}

// TestAdversaryDev runs the development seeds at full size, for tuning:
// KUZET_SIMBOX_DEV=1 (KUZET_SIMBOX_SUBS, _SEEDS change the size;
// KUZET_SIMBOX_VERBOSE=1 lists every error).
func TestAdversaryDev(t *testing.T) {
	if os.Getenv("KUZET_SIMBOX_DEV") == "" {
		t.Skip("set KUZET_SIMBOX_DEV=1 to run")
	}
	subs, seeds := envInt("KUZET_SIMBOX_SUBS", 20000), envInt("KUZET_SIMBOX_SEEDS", 4)
	for seed := 1; seed <= seeds; seed++ {
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			cfg := synth.AdversaryConfig{Subscribers: subs, Days: 7, Seed: uint64(seed)}
			if seed%3 == 0 {
				cfg.Callbacks = [2]float64{0.30, 0.40}
			}
			labels, res := runAdversary(t, cfg)
			q := evaluate(labels, res.Subscribers)
			t.Logf("%d rows: %s", res.Stats.Rows, q)
			if os.Getenv("KUZET_SIMBOX_VERBOSE") != "" {
				styleEvidence(t, labels, res.Subscribers)
			}
		})
	}
}

// TestAdversaryEval measures the frozen evaluation seeds: 20,000
// subscribers (KUZET_SIMBOX_SUBS), 7 days unless the seed says otherwise.
// It takes a minute or two, so it runs only with KUZET_SIMBOX_FULL=1, and
// fails on the targets: precision ≥ 0.95 and recall ≥ 0.85 over all
// seeds together.
func TestAdversaryEval(t *testing.T) {
	if os.Getenv("KUZET_SIMBOX_FULL") == "" {
		t.Skip("set KUZET_SIMBOX_FULL=1 to run")
	}
	subs := envInt("KUZET_SIMBOX_SUBS", 20000)
	var all quality
	for _, tc := range adversaryEval {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tc.cfg
			cfg.Subscribers = subs
			labels, res := runAdversary(t, cfg)
			q := evaluate(labels, res.Subscribers)
			t.Logf("%d rows, %d subscribers: %s", res.Stats.Rows, res.Stats.Subscribers, q)
			all.tp, all.fp, all.fn = all.tp+q.tp, all.fp+q.fp, all.fn+q.fn
		})
	}
	t.Logf("all seeds: precision %.3f recall %.3f (tp %d fp %d fn %d)", all.precision(), all.recall(), all.tp, all.fp, all.fn)
	if all.precision() < 0.95 || all.recall() < 0.85 {
		t.Errorf("got precision %.3f recall %.3f, want ≥ 0.95 and ≥ 0.85", all.precision(), all.recall())
	}
}

// styleEvidence logs, for each style, the mean weight of every evidence
// term over the SIMs judged on their calls: what tuning reads.
func styleEvidence(t *testing.T, labels []synth.CDRLabel, subs []simbox.Subscriber) {
	style := map[string]string{}
	for _, l := range labels {
		style[l.MSISDN] = l.Style
	}
	type acc struct {
		n     int
		score float64
		w     map[string]float64
	}
	by := map[string]*acc{}
	for _, s := range subs {
		if len(s.Evidence) == 0 || s.Evidence[0].Code == simbox.ReasonLowVolume {
			continue
		}
		a := by[style[s.MSISDN]]
		if a == nil {
			a = &acc{w: map[string]float64{}}
			by[style[s.MSISDN]] = a
		}
		a.n++
		a.score += s.Score
		for _, e := range s.Evidence {
			a.w[e.Code] += e.Weight
		}
	}
	names := make([]string, 0, len(by))
	for k := range by {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		a := by[k]
		codes := make([]string, 0, len(a.w))
		for c := range a.w {
			codes = append(codes, c)
		}
		sort.Slice(codes, func(i, j int) bool { return math.Abs(a.w[codes[i]]) > math.Abs(a.w[codes[j]]) })
		var b strings.Builder
		for _, c := range codes {
			fmt.Fprintf(&b, " %s:%+.2f", c, a.w[c]/float64(a.n))
		}
		t.Logf("%-11s n=%-5d score %.2f%s", k, a.n, a.score/float64(a.n), b.String())
	}
}
