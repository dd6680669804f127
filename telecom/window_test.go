package telecom_test

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"testing/synctest"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/telecom"
)

// TestWindowModel drives the window with random registrations and
// verifications over a small set of pairs (long chains, constant expiry,
// index slots freed and reused) and checks every verdict against a plain
// model of the rules: a verification consumes the unmatched live
// registration of its pair closest in time within the tolerance, the newest
// on a tie.
func TestWindowModel(t *testing.T) {
	type reg struct {
		a, b    string
		at      time.Time
		arrived time.Time
		used    bool
	}
	synctest.Test(t, func(t *testing.T) {
		e, clock := MustEngine(t, telecom.Config{Shards: 2})
		rng := rand.New(rand.NewPCG(1, 2))
		var as, bs []string
		for i := range 40 {
			as = append(as, "+770100000"+strconv.Itoa(10+i))
		}
		for i := range 20 {
			bs = append(bs, "+770200000"+strconv.Itoa(10+i))
		}
		var model []*reg
		const window, tol = 120 * time.Second, 10 * time.Second
		verified, passed := 0, 0
		for step := range 6000 {
			clock.Add(time.Duration(rng.IntN(200)) * time.Millisecond)
			now := clock.Now()
			a, b := as[rng.IntN(len(as))], bs[rng.IntN(len(bs))]
			if rng.IntN(3) > 0 {
				at := now.Truncate(time.Second).Add(-time.Duration(rng.IntN(20)) * time.Second)
				mustRegister(t, e, telecom.Call{A: a, B: b, At: at, CallID: strconv.Itoa(step), OrgID: opA})
				model = append(model, &reg{a: a, b: b, at: at, arrived: now})
				continue
			}
			if len(model) > 0 && rng.IntN(2) == 0 { // mostly a pair seen lately
				r := model[max(0, len(model)-1-rng.IntN(50))]
				a, b = r.a, r.b
			}
			// Whole seconds, so that several registrations tie in distance.
			at := now.Truncate(time.Second).Add(-time.Duration(rng.IntN(25)) * time.Second)
			var best *reg
			var bestD time.Duration
			for i := len(model) - 1; i >= 0; i-- { // newest first, as the chains run
				r := model[i]
				if r.used || r.a != a || r.b != b || r.arrived.Before(now.Add(-window)) {
					continue
				}
				d := r.at.Sub(at).Abs()
				if d <= tol && (best == nil || d < bestD) {
					best, bestD = r, d
				}
			}
			want := kuzet.ReasonNotOriginated
			if best != nil {
				best.used = true
				want = kuzet.ReasonOK
			}
			// Each verification a call of its own, as its call ID says: the
			// whole-second times repeat, and would make retries otherwise.
			got := mustVerify(t, e, telecom.Call{A: a, B: b, At: at, Ingress: dom, OrgID: opB, CallID: "v" + strconv.Itoa(step)})
			if got != want {
				t.Fatalf("step %d: %s → %s at %v: got %s, want %s", step, a, b, at, got, want)
			}
			verified++
			if got == kuzet.ReasonOK {
				passed++
			}
		}
		if verified < 1000 || passed < verified/4 || passed > verified*3/4 {
			t.Errorf("%d verifications, %d passed: the mix does not exercise both outcomes", verified, passed)
		}
	})
}
