package telecom_test

import (
	"context"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/telecom"
)

// TestRacingRegistration sends each honest call's registration and
// verification from separate goroutines, either one first by up to 20 ms,
// as real networks do, alongside verifications nobody registered. Honest
// calls must pass (at least 99.9%), unregistered ones must all be blocked.
// It runs on real time and real goroutines, so it exercises the waiter
// hand-off under the race detector. The grace period is a second rather than
// the default 30 ms: on a shared, loaded test machine a goroutine can wait
// longer than 30 ms to run, and that would test the machine, not the engine.
func TestRacingRegistration(t *testing.T) {
	if testing.Short() {
		t.Skip("real-time race test")
	}
	const honest, spoofed = 2000, 500
	e, clock := MustEngine(t, telecom.Config{Grace: time.Second, Deadline: 2 * time.Second})
	var passed, blocked atomic.Int64
	var wg sync.WaitGroup
	ctx := context.Background()
	for i := range honest {
		a, b := "+7701"+pad7(i), "+7702"+pad7(i)
		lead := time.Duration(rand.Int64N(int64(40*time.Millisecond))) - 20*time.Millisecond
		wg.Go(func() {
			time.Sleep(max(0, lead))
			if err := e.Register(call(clock, a, b, opA, "h")); err != nil {
				t.Error(err)
			}
		})
		wg.Go(func() {
			time.Sleep(max(0, -lead))
			v, err := e.Verify(ctx, verifyCall(clock, a, b, dom))
			if err != nil {
				t.Error(err)
			}
			if v.Reason == kuzet.ReasonOK {
				passed.Add(1)
			}
		})
	}
	for i := range spoofed {
		a, b := "+7775"+pad7(i), "+7702"+pad7(i)
		delay := time.Duration(rand.Int64N(int64(20 * time.Millisecond)))
		wg.Go(func() {
			time.Sleep(delay)
			v, err := e.Verify(ctx, verifyCall(clock, a, b, dom))
			if err != nil {
				t.Error(err)
			}
			if v.Reason == kuzet.ReasonNotOriginated {
				blocked.Add(1)
			}
		})
	}
	wg.Wait()
	if got, want := passed.Load(), int64(honest*999/1000); got < want {
		t.Errorf("honest calls passed: got %d of %d, want at least %d", got, honest, want)
	}
	if got := blocked.Load(); got != spoofed {
		t.Errorf("unregistered calls blocked: got %d, want %d", got, spoofed)
	}
	if m := e.Metrics(); m.Waiting != 0 {
		t.Errorf("Waiting: got %d, want 0", m.Waiting)
	}
}
