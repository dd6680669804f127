package storetest

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
)

// reservation is a pending reservation of key by org, made at at.
func reservation(org int64, key string, at time.Time) *kuzet.IdempotentResponse {
	return &kuzet.IdempotentResponse{OrgID: org, Key: key, RequestHash: hash("POST /v1/reports " + key), CreatedAt: at}
}

// testIdempotencyReservation is the contract of reserving a key before the
// request runs: one holder at a time, answers that stay, reservations that
// are released or, when abandoned, taken over.
func testIdempotencyReservation(t *testing.T, open func(t *testing.T) kuzet.Store) {
	stale := base.Add(-time.Minute) // reservations made before it are abandoned

	t.Run("ReserveCompleteReplay", func(t *testing.T) {
		s := open(t)
		r := reservation(1, "key-1", base)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			held, err := tx.ReserveIdempotencyKey(ctx, r, stale)
			must(t, "reserve", err)
			if held != nil {
				t.Fatalf("reserve a new key: got it held by %+v, want it reserved", *held)
			}
			if !r.CreatedAt.Equal(us(base)) || r.CreatedAt.Location() != time.UTC {
				t.Errorf("reserved at %v, want %v as stored", r.CreatedAt, us(base))
			}
			// The transaction that found the key free holds it now.
			got, err := tx.FindIdempotentResponse(ctx, 1, "key-1")
			must(t, "find reservation", err)
			if !got.Pending() || string(got.RequestHash) != string(r.RequestHash) {
				t.Errorf("reservation: got %+v, want pending with the request's hash", *got)
			}
		})
		// A retry while the first is in flight finds the reservation, and the
		// transaction stays usable.
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			held, err := tx.ReserveIdempotencyKey(ctx, reservation(1, "key-1", base.Add(time.Second)), stale)
			must(t, "reserve a held key", err)
			if held == nil || !held.Pending() || !held.CreatedAt.Equal(us(base)) {
				t.Fatalf("reserve a held key: got %+v, want the pending reservation of %v", held, us(base))
			}
			other := reservation(2, "key-1", base)
			held, err = tx.ReserveIdempotencyKey(ctx, other, stale)
			must(t, "another org, same key", err)
			if held != nil {
				t.Errorf("another org's same key: got it held by %+v, want it reserved", *held)
			}
		})
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			done := *r
			done.Status, done.ContentType, done.Body = 201, "application/json", []byte(`{"id":1}`)
			must(t, "complete", tx.CompleteIdempotencyKey(ctx, &done))
			wantCode(t, "complete twice", tx.CompleteIdempotencyKey(ctx, &done), kuzet.ENOTFOUND)
			wantCode(t, "release an answered key", tx.ReleaseIdempotencyKey(ctx, 1, "key-1", r.CreatedAt), kuzet.ENOTFOUND)
		})
		// An answer holds its key for good, however old: it is replayed.
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			held, err := tx.ReserveIdempotencyKey(ctx, reservation(1, "key-1", base.Add(time.Hour)), base.Add(time.Hour))
			must(t, "reserve an answered key", err)
			want := kuzet.IdempotentResponse{OrgID: 1, Key: "key-1", RequestHash: r.RequestHash, Status: 201,
				ContentType: "application/json", Body: []byte(`{"id":1}`), CreatedAt: us(base)}
			if held == nil {
				t.Fatal("reserve an answered key: got it reserved, want the answer")
			}
			same(t, "answer", *held, want)
		})
	})

	t.Run("Release", func(t *testing.T) {
		s := open(t)
		r := reservation(1, "key-1", base)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			_, err := tx.ReserveIdempotencyKey(ctx, r, stale)
			must(t, "reserve", err)
		})
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			wantCode(t, "release another time's reservation",
				tx.ReleaseIdempotencyKey(ctx, 1, "key-1", base.Add(time.Second)), kuzet.ENOTFOUND)
			wantCode(t, "release another org's", tx.ReleaseIdempotencyKey(ctx, 2, "key-1", r.CreatedAt), kuzet.ENOTFOUND)
			must(t, "release", tx.ReleaseIdempotencyKey(ctx, 1, "key-1", r.CreatedAt))
			_, err := tx.FindIdempotentResponse(ctx, 1, "key-1")
			wantCode(t, "find a released key", err, kuzet.ENOTFOUND)
			again := reservation(1, "key-1", base.Add(time.Second))
			held, err := tx.ReserveIdempotencyKey(ctx, again, stale)
			must(t, "reserve a released key", err)
			if held != nil {
				t.Errorf("reserve a released key: got it held by %+v, want it reserved", *held)
			}
		})
	})

	t.Run("AbandonedIsTakenOver", func(t *testing.T) {
		s := open(t)
		crashed := reservation(1, "key-1", base)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			_, err := tx.ReserveIdempotencyKey(ctx, crashed, stale)
			must(t, "reserve", err)
		})
		later := reservation(1, "key-1", base.Add(10*time.Minute))
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			// Not stale yet: a bound at the reservation's own time keeps it.
			held, err := tx.ReserveIdempotencyKey(ctx, later, base)
			must(t, "reserve a live reservation", err)
			if held == nil {
				t.Fatal("reserve at the stale bound: got the key, want it still held")
			}
			held, err = tx.ReserveIdempotencyKey(ctx, later, base.Add(5*time.Minute))
			must(t, "reserve an abandoned key", err)
			if held != nil {
				t.Fatalf("reserve an abandoned key: got it held by %+v, want it taken over", *held)
			}
			if !later.CreatedAt.Equal(us(base.Add(10 * time.Minute))) {
				t.Errorf("taken over at %v, want %v", later.CreatedAt, us(base.Add(10*time.Minute)))
			}
		})
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			// The server that abandoned it cannot answer or free it any more.
			late := *crashed
			late.Status, late.Body = 200, []byte(`{}`)
			wantCode(t, "complete an abandoned reservation", tx.CompleteIdempotencyKey(ctx, &late), kuzet.ENOTFOUND)
			wantCode(t, "release an abandoned reservation", tx.ReleaseIdempotencyKey(ctx, 1, "key-1", crashed.CreatedAt), kuzet.ENOTFOUND)
			done := *later
			done.Status = 204
			must(t, "complete the new reservation", tx.CompleteIdempotencyKey(ctx, &done))
		})
	})

	t.Run("ConcurrentReserveOnce", func(t *testing.T) {
		s := open(t)
		var reserved atomic.Int64
		err := parallel(8, func(i int) error {
			return within(t.Context(), s, true, func(tx kuzet.Tx) error {
				held, err := tx.ReserveIdempotencyKey(t.Context(), reservation(1, "key-1", base.Add(time.Duration(i)*time.Millisecond)), stale)
				if err != nil {
					return err
				}
				if held == nil {
					reserved.Add(1)
				} else if !held.Pending() {
					t.Errorf("goroutine %d: the key is held by an answer, want a reservation", i)
				}
				return nil
			})
		})
		must(t, "reserve concurrently", err)
		if n := reserved.Load(); n != 1 {
			t.Errorf("concurrent reservations of one key: got %d holders, want 1", n)
		}
	})
}
