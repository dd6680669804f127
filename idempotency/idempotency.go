// Package idempotency makes a retried request safe: the first request with
// an organisation's Idempotency-Key reserves the key in the store before it
// runs, so that a concurrent retry finds it taken instead of running the use
// case a second time (a victim's report must never raise its freeze requests
// twice), and a later retry gets the first answer back.
//
// The rules of a key's life are here, once, for every adapter: which
// reservation wins, when a retry is a conflict, when an answer is kept and
// when the key is given back, and when a reservation left by a server that
// stopped mid-request counts as abandoned. The adapter (httpapi) computes
// the request's hash and captures its answer; the store keeps the rows.
//
// A reservation records nothing about fraud or about anyone, so it writes
// no audit entry: the use case it guards audits itself.
package idempotency

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/kuzet/kuzet"
)

// MaxKey bounds an Idempotency-Key.
const MaxKey = 255

// DefaultPending is how long a reservation holds its key without an answer
// before it counts as abandoned, unless Config.Pending says otherwise. It
// must be longer than any request may run: a reservation taken over while
// its request still runs would let the retry run the use case again.
const DefaultPending = 5 * time.Minute

// Config sets up a Service. Zero fields take the defaults in brackets.
type Config struct {
	Store   kuzet.Store   // required
	Clock   kuzet.Clock   // [kuzet.SystemClock]
	Pending time.Duration // [DefaultPending]
}

// Service reserves, answers and releases idempotency keys.
type Service struct {
	store   kuzet.Store
	clock   kuzet.Clock
	pending time.Duration
}

// NewService returns a service over cfg.
func NewService(cfg Config) *Service {
	s := &Service{store: cfg.Store, clock: cfg.Clock, pending: cfg.Pending}
	if s.clock == nil {
		s.clock = kuzet.SystemClock
	}
	if s.pending <= 0 {
		s.pending = DefaultPending
	}
	return s
}

// Reservation is a key held by one request until it is answered or
// released.
type Reservation struct {
	s     *Service
	orgID int64
	key   string
	hash  []byte
	at    time.Time // as stored: names the reservation
}

// Reserve takes key for the organisation's request whose hash (of method,
// target and body) is hash. It returns the reservation when the request is
// to run, or the stored answer when a retry of the same request was
// answered already; exactly one is non-nil.
//
// Returns EINVALID for a key that is empty, longer than MaxKey or not
// printable ASCII, and ECONFLICT when the key was used for a different
// request or the same request is still running under it.
func (s *Service) Reserve(ctx context.Context, orgID int64, key string, hash []byte) (*Reservation, *kuzet.IdempotentResponse, error) {
	if err := checkKey(key); err != nil {
		return nil, nil, err
	}
	now := s.clock()
	r := &kuzet.IdempotentResponse{OrgID: orgID, Key: key, RequestHash: hash, CreatedAt: now}
	var held *kuzet.IdempotentResponse
	err := kuzet.Transact(ctx, s.store, true, func(tx kuzet.Tx) (err error) {
		held, err = tx.ReserveIdempotencyKey(ctx, r, now.Add(-s.pending))
		return err
	})
	switch {
	case err != nil:
		return nil, nil, fmt.Errorf("idempotency: reserve: %w", err)
	case held == nil:
		return &Reservation{s: s, orgID: orgID, key: key, hash: hash, at: r.CreatedAt}, nil, nil
	case !bytes.Equal(held.RequestHash, hash):
		return nil, nil, kuzet.Errorf(kuzet.ECONFLICT,
			"Idempotency-Key %q was used for a different request: use a new key for a new request", key)
	case held.Pending():
		return nil, nil, kuzet.Errorf(kuzet.ECONFLICT,
			"a request with Idempotency-Key %q is still being answered: retry once it is", key)
	}
	return nil, held, nil
}

// checkKey accepts 1 to MaxKey printable ASCII characters: a key is an
// opaque token (a UUID, typically), echoed in messages and logs.
func checkKey(key string) error {
	if key == "" || len(key) > MaxKey {
		return kuzet.Invalid("Idempotency-Key", "Idempotency-Key must be 1 to %d characters", MaxKey)
	}
	for i := 0; i < len(key); i++ {
		if c := key[i]; c < 0x20 || c > 0x7e {
			return kuzet.Invalid("Idempotency-Key", "Idempotency-Key must be printable ASCII")
		}
	}
	return nil
}

// Keeps reports whether an answer with this HTTP status is stored for
// replay. An answer the request could not get because it was refused as
// invalid (400, 413, 415), too soon (429) or failed (5xx) gives the key
// back instead: the client fixes the request, or waits, and retries with
// the same key. Every other answer, a refusal by the use case included
// (404, 409, 403), is what the request means and is replayed.
func Keeps(status int) bool {
	switch {
	case status >= 500, status == 400, status == 413, status == 415, status == 429:
		return false
	}
	return status > 0
}

// Finish settles the reservation with the request's answer: stored for
// replay if Keeps(status), else released. Returns ENOTFOUND if the
// reservation was taken over as abandoned meanwhile (the request ran
// longer than the service's pending time).
func (r *Reservation) Finish(ctx context.Context, status int, contentType string, body []byte) error {
	if !Keeps(status) {
		return r.Release(ctx)
	}
	answer := &kuzet.IdempotentResponse{OrgID: r.orgID, Key: r.key, RequestHash: r.hash, Status: status,
		ContentType: contentType, Body: body, CreatedAt: r.at}
	err := kuzet.Transact(ctx, r.s.store, true, func(tx kuzet.Tx) error { return tx.CompleteIdempotencyKey(ctx, answer) })
	if err != nil {
		return fmt.Errorf("idempotency: store the answer: %w", err)
	}
	return nil
}

// Release gives the key back without an answer, so that the next request
// with it runs. Returns ENOTFOUND if the reservation was taken over as
// abandoned meanwhile.
func (r *Reservation) Release(ctx context.Context) error {
	err := kuzet.Transact(ctx, r.s.store, true, func(tx kuzet.Tx) error {
		return tx.ReleaseIdempotencyKey(ctx, r.orgID, r.key, r.at)
	})
	if err != nil {
		return fmt.Errorf("idempotency: release: %w", err)
	}
	return nil
}
