package httpapi

// Internal tests: they register routes of their own, a handler that never
// finishes and one that waits to be let go, to see what the route wrapper
// does around a handler.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/access"
	"github.com/kuzet/kuzet/freeze"
	"github.com/kuzet/kuzet/sqlite"
)

// newBareServer is a server with no capability but the routes the test
// adds, and a police organisation's key.
func newBareServer(t *testing.T, cfg Config) (*Server, string, *kuzet.Org, kuzet.Store) {
	t.Helper()
	store, err := sqlite.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	cfg.Store, cfg.Access = store, access.NewService(store, kuzet.SystemClock)
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	s := New(cfg)
	s.SetReady(true)
	org := &kuzet.Org{Name: "Police", Type: kuzet.OrgPolice}
	key, _, err := cfg.Access.CreateOrg(context.Background(), org)
	if err != nil {
		t.Fatal(err)
	}
	return s, key, org, store
}

func serve(s *Server, method, target, key, body string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}

// TestEveryRequestHasADeadline: a handler stuck on a store that does not
// answer is cut off at the route's deadline and the client told 503; a
// streamed upload has its own, longer deadline.
func TestEveryRequestHasADeadline(t *testing.T) {
	s, key, _, _ := newBareServer(t, Config{Deadline: time.Millisecond, UploadDeadline: time.Hour})
	s.route("GET /v1/test/stuck", kuzet.PermIndicatorRead, func(w http.ResponseWriter, r *http.Request) error {
		<-r.Context().Done() // a hung store: answers only when the context ends
		return fmt.Errorf("store: %w", r.Context().Err())
	})
	uploadDeadline := make(chan time.Time, 1)
	s.streamRoute("POST /v1/test/upload", kuzet.PermIndicatorRead, func(w http.ResponseWriter, r *http.Request) error {
		dl, _ := r.Context().Deadline()
		uploadDeadline <- dl
		w.WriteHeader(http.StatusAccepted)
		return nil
	})

	rec := serve(s, "GET", "/v1/test/stuck", key, "")
	if rec.Code != 503 || !strings.Contains(rec.Body.String(), `"code":"unavailable"`) ||
		!strings.Contains(rec.Body.String(), "not answered within 1ms") {
		t.Errorf("a stuck handler: got %d %s, want 503 unavailable naming the deadline", rec.Code, rec.Body)
	}
	sent := time.Now()
	if rec := serve(s, "POST", "/v1/test/upload", key, ""); rec.Code != 202 {
		t.Fatalf("upload: got %d %s", rec.Code, rec.Body)
	}
	if dl := <-uploadDeadline; dl.Before(sent.Add(30 * time.Minute)) {
		t.Errorf("upload deadline %v after the request, want the configured hour", dl.Sub(sent))
	}
}

// TestRetryWhileInFlight: a retry that arrives while the first request with
// its Idempotency-Key is still running is told so with 409 and does not
// run; once the first is answered, a retry gets its answer.
func TestRetryWhileInFlight(t *testing.T) {
	s, key, org, store := newBareServer(t, Config{})
	entered, release := make(chan struct{}), make(chan struct{})
	runs := 0
	s.route("POST /v1/test/slow", kuzet.PermIndicatorRead, func(w http.ResponseWriter, r *http.Request) error {
		runs++ // only ever one at a time: that is what is tested
		entered <- struct{}{}
		<-release
		return writeJSON(w, http.StatusCreated, map[string]int{"run": runs})
	})

	first := make(chan *httptest.ResponseRecorder)
	go func() { first <- serve(s, "POST", "/v1/test/slow", key, `{"a":1}`, "Idempotency-Key", "k-1") }()
	<-entered
	tx, err := store.Begin(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	held, err := tx.FindIdempotentResponse(context.Background(), org.ID, "k-1")
	tx.Rollback()
	if err != nil || !held.Pending() {
		t.Fatalf("while the first runs: got %+v %v, want the key reserved", held, err)
	}

	second := serve(s, "POST", "/v1/test/slow", key, `{"a":1}`, "Idempotency-Key", "k-1")
	if second.Code != 409 || !strings.Contains(second.Body.String(), "still being answered") {
		t.Errorf("retry in flight: got %d %s, want 409", second.Code, second.Body)
	}
	other := serve(s, "POST", "/v1/test/slow", key, `{"a":2}`, "Idempotency-Key", "k-1")
	if other.Code != 409 || !strings.Contains(other.Body.String(), "different request") {
		t.Errorf("another request under the key: got %d %s, want 409", other.Code, other.Body)
	}
	close(release)
	if r := <-first; r.Code != 201 || r.Body.String() != "{\"run\":1}\n" {
		t.Fatalf("first: got %d %s", r.Code, r.Body)
	}
	third := serve(s, "POST", "/v1/test/slow", key, `{"a":1}`, "Idempotency-Key", "k-1")
	if third.Code != 201 || third.Body.String() != "{\"run\":1}\n" || third.Header().Get("Idempotent-Replayed") != "true" {
		t.Errorf("retry after the answer: got %d %s, want the first answer replayed", third.Code, third.Body)
	}
	if runs != 1 {
		t.Errorf("the handler ran %d times, want once", runs)
	}
}

// FuzzJSONErrors decodes arbitrary bodies into the request types: the
// error, when there is one, is EINVALID, names no Go type and, when it
// names a field, names one the body has.
func FuzzJSONErrors(f *testing.F) {
	for _, seed := range []string{
		`{"indicators":[{"kind":"phone","value":1}]}`, `{"indicators":[{"confidence":"x"},{"valeu":2}]}`, `[1]`,
		`{"victim":{"name":1},"transfers":[{"amount":"x","at":"yesterday"}]}`, `{"amount_lost":1.234}`,
		`{"items":[[],{},null,{"kind":{"a":[1]}}]}`, `{"created_at":5,"amount":1e999}`, `{"finding_ids":[1,"2",-3]}`,
	} {
		f.Add([]byte(seed))
	}
	targets := []func() any{
		func() any { return new(indicatorsRequest) }, func() any { return new(checkRequest) },
		func() any { return new(freeze.ReportInput) }, func() any { return new(kuzet.PaymentCheck) },
		func() any { return new(blockingCreateRequest) }, func() any { return new(blockingStatusRequest) },
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, target := range targets {
			err := unmarshalStrict(body, target())
			if err == nil {
				continue
			}
			if kuzet.ErrorCode(err) != kuzet.EINVALID {
				t.Fatalf("%s: got %v, want EINVALID", body, err)
			}
			msg := kuzet.ErrorMessage(err)
			for _, goName := range []string{"httpapi.", "kuzet.", "freeze.", "Go struct", "Go value", "int64", "float64", "[]"} {
				if strings.Contains(msg, goName) {
					t.Fatalf("%s: message %q shows %q", body, msg, goName)
				}
			}
			if bytes.ContainsRune(body, '\\') {
				continue // escaped keys do not show in the body as written
			}
			for _, fe := range kuzet.ErrorFields(err) {
				last := fe.Field
				if i := strings.LastIndexAny(last, ".]"); i >= 0 {
					last = last[i+1:]
				}
				if last != "" && !strings.Contains(strings.ToLower(string(body)), strings.ToLower(last)) {
					t.Fatalf("%s: field %q is not in the body", body, fe.Field)
				}
			}
		}
	})
}

// TestPanicGivesTheKeyBack: a request whose handler panicked is answered
// 500 and its Idempotency-Key is free for the retry.
func TestPanicGivesTheKeyBack(t *testing.T) {
	s, key, _, _ := newBareServer(t, Config{})
	calls := 0
	s.route("POST /v1/test/flaky", kuzet.PermIndicatorRead, func(w http.ResponseWriter, r *http.Request) error {
		if calls++; calls == 1 {
			panic("a bug")
		}
		return writeJSON(w, http.StatusCreated, map[string]int{"call": calls})
	})
	if rec := serve(s, "POST", "/v1/test/flaky", key, `{}`, "Idempotency-Key", "k"); rec.Code != 500 ||
		rec.Header().Get("Content-Type") != "application/problem+json" {
		t.Errorf("a panic: got %d %s, want a 500 problem", rec.Code, rec.Body)
	}
	if rec := serve(s, "POST", "/v1/test/flaky", key, `{}`, "Idempotency-Key", "k"); rec.Code != 201 {
		t.Errorf("the retry: got %d %s, want it run", rec.Code, rec.Body)
	}
}
