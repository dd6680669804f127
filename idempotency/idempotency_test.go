package idempotency_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/idempotency"
	"github.com/kuzet/kuzet/sqlite"
)

var base = time.Date(2026, 3, 11, 7, 0, 0, 0, time.UTC)

// clock is a clock the test moves by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func newService(t *testing.T) (*idempotency.Service, *clock) {
	t.Helper()
	store, err := sqlite.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	c := &clock{now: base}
	return idempotency.NewService(idempotency.Config{Store: store, Clock: c.Now, Pending: time.Minute}), c
}

func hash(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := kuzet.ErrorCode(err); got != code {
		t.Fatalf("%s: got %q (%v), want %q", what, got, err, code)
	}
}

// reserve reserves key for the request named req and fails unless the
// request is to run.
func reserve(t *testing.T, s *idempotency.Service, org int64, key, req string) *idempotency.Reservation {
	t.Helper()
	res, answer, err := s.Reserve(t.Context(), org, key, hash(req))
	if err != nil || res == nil || answer != nil {
		t.Fatalf("reserve %s: got %v %v %v, want a reservation", key, res, answer, err)
	}
	return res
}

func TestReplayAndConflicts(t *testing.T) {
	s, _ := newService(t)
	ctx := t.Context()
	res := reserve(t, s, 1, "k-1", "report A")

	_, _, err := s.Reserve(ctx, 1, "k-1", hash("report A"))
	wantCode(t, "a retry while the first runs", err, kuzet.ECONFLICT)
	if !strings.Contains(kuzet.ErrorMessage(err), "still being answered") {
		t.Errorf("in flight: got %q, want it said", kuzet.ErrorMessage(err))
	}
	reserve(t, s, 2, "k-1", "report A") // keys are the organisation's own

	if err := res.Finish(ctx, 201, "application/json", []byte(`{"report_id":"r1"}`)); err != nil {
		t.Fatal(err)
	}
	again, answer, err := s.Reserve(ctx, 1, "k-1", hash("report A"))
	if err != nil || again != nil || answer == nil {
		t.Fatalf("a retry after the answer: got %v %v %v, want the answer", again, answer, err)
	}
	if answer.Status != 201 || answer.ContentType != "application/json" || string(answer.Body) != `{"report_id":"r1"}` {
		t.Errorf("replayed: got %d %q %s, want the first answer", answer.Status, answer.ContentType, answer.Body)
	}
	_, _, err = s.Reserve(ctx, 1, "k-1", hash("report B"))
	wantCode(t, "the key on another request", err, kuzet.ECONFLICT)
	if !strings.Contains(kuzet.ErrorMessage(err), "different request") {
		t.Errorf("reused key: got %q, want it said", kuzet.ErrorMessage(err))
	}
}

func TestRefusedAndFailedRequestsGiveTheKeyBack(t *testing.T) {
	s, _ := newService(t)
	for _, tc := range []struct {
		status int
		keeps  bool
	}{
		{200, true}, {201, true}, {202, true}, {204, true}, {403, true}, {404, true}, {409, true},
		{400, false}, {413, false}, {415, false}, {429, false}, {500, false}, {503, false},
	} {
		key := fmt.Sprintf("k-%d", tc.status)
		res := reserve(t, s, 1, key, "req")
		if err := res.Finish(t.Context(), tc.status, "application/problem+json", []byte(`{}`)); err != nil {
			t.Fatalf("finish %d: %v", tc.status, err)
		}
		again, answer, err := s.Reserve(t.Context(), 1, key, hash("req"))
		if err != nil {
			t.Fatalf("after %d: %v", tc.status, err)
		}
		if kept := answer != nil; kept != tc.keeps || (again == nil) != tc.keeps {
			t.Errorf("after %d: got answer %v, reservation %v; want the answer kept %v", tc.status, answer != nil, again != nil, tc.keeps)
		}
		if idempotency.Keeps(tc.status) != tc.keeps {
			t.Errorf("Keeps(%d): got %v, want %v", tc.status, !tc.keeps, tc.keeps)
		}
	}
}

func TestAbandonedReservationExpires(t *testing.T) {
	s, c := newService(t)
	crashed := reserve(t, s, 1, "k", "req")
	c.Add(59 * time.Second)
	_, _, err := s.Reserve(t.Context(), 1, "k", hash("req"))
	wantCode(t, "within the pending time", err, kuzet.ECONFLICT)
	c.Add(2 * time.Second)
	retry := reserve(t, s, 1, "k", "req")
	// The server that left it cannot settle it any more; the retry can.
	wantCode(t, "finish the abandoned one", crashed.Finish(t.Context(), 201, "", nil), kuzet.ENOTFOUND)
	wantCode(t, "release the abandoned one", crashed.Release(t.Context()), kuzet.ENOTFOUND)
	if err := retry.Finish(t.Context(), 201, "application/json", []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
}

func TestInvalidKeys(t *testing.T) {
	s, _ := newService(t)
	for name, key := range map[string]string{
		"empty": "", "too long": strings.Repeat("k", idempotency.MaxKey+1), "control": "k\n1", "not ASCII": "ключ",
	} {
		_, _, err := s.Reserve(t.Context(), 1, key, hash("req"))
		wantCode(t, name, err, kuzet.EINVALID)
		if f := kuzet.ErrorFields(err); len(f) != 1 || f[0].Field != "Idempotency-Key" {
			t.Errorf("%s: got fields %v, want Idempotency-Key", name, f)
		}
	}
	reserve(t, s, 1, strings.Repeat("k", idempotency.MaxKey), "req")
}

// TestConcurrentRetriesRunOnce: of many concurrent identical requests, one
// runs; the others are told it is in flight.
func TestConcurrentRetriesRunOnce(t *testing.T) {
	s, _ := newService(t)
	var (
		wg                 sync.WaitGroup
		mu                 sync.Mutex
		reserved, inFlight int
		errs               []error
	)
	for range 16 {
		wg.Go(func() {
			res, _, err := s.Reserve(context.Background(), 1, "k", hash("req"))
			mu.Lock()
			defer mu.Unlock()
			switch {
			case res != nil:
				reserved++
			case kuzet.ErrorCode(err) == kuzet.ECONFLICT:
				inFlight++
			default:
				errs = append(errs, err)
			}
		})
	}
	wg.Wait()
	if reserved != 1 || inFlight != 15 || len(errs) != 0 {
		t.Errorf("got %d reserved, %d in flight, errors %v; want 1 and 15", reserved, inFlight, errs)
	}
}
