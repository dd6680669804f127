// Package storetest is the contract of kuzet.Store: one body of tests that
// every store passes, SQLite always and PostgreSQL when a server is at hand,
// so that the two cannot drift apart.
//
// The contract goes slightly beyond the interface comments where a caller
// would otherwise see the stores differ: times come back in UTC truncated to
// the microsecond (audit entries keep nanoseconds), a transaction stays
// usable after an ECONFLICT, and the methods that insert a struct set its
// time fields to the stored values.
package storetest

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
)

// Run runs the contract suite against stores made by open. Each call of open
// must return a fresh, empty store that the test's cleanup closes.
func Run(t *testing.T, open func(t *testing.T) kuzet.Store) {
	t.Run("Org", func(t *testing.T) { testOrg(t, open) })
	t.Run("APIKey", func(t *testing.T) { testAPIKey(t, open) })
	t.Run("Report", func(t *testing.T) { testReport(t, open) })
	t.Run("Allowlist", func(t *testing.T) { testAllowlist(t, open) })
	t.Run("Audit", func(t *testing.T) { testAudit(t, open) })
	t.Run("Idempotency", func(t *testing.T) { testIdempotency(t, open) })
	t.Run("IdempotencyReservation", func(t *testing.T) { testIdempotencyReservation(t, open) })
	t.Run("Setting", func(t *testing.T) { testSetting(t, open) })
	t.Run("Telecom", func(t *testing.T) { testTelecom(t, open) })
	t.Run("Web", func(t *testing.T) { testWeb(t, open) })
	t.Run("Payments", func(t *testing.T) { testPayments(t, open) })
	t.Run("Simbox", func(t *testing.T) { testSimbox(t, open) })
	t.Run("Tx", func(t *testing.T) { testTx(t, open) })
	t.Run("Keys", func(t *testing.T) { testKeys(t, open) })
	t.Run("Exchange", func(t *testing.T) { testExchange(t, open) })
	t.Run("ExchangeGroups", func(t *testing.T) { testExchangeGroups(t, open) })
	t.Run("Cases", func(t *testing.T) { testCases(t, open) })
	t.Run("User", func(t *testing.T) { testUser(t, open) })
	t.Run("CaseDays", func(t *testing.T) { testCaseDays(t, open) })
	t.Run("ReportBreakdown", func(t *testing.T) { testReportBreakdown(t, open) })
}

// base has digits below the microsecond, which the stores drop.
var base = time.Date(2025, 3, 14, 9, 26, 53, 589793238, time.UTC)

// us is t as the stores keep it.
func us(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// errStop is what callbacks return to test that a scan stops.
var errStop = errors.New("stop")

// update runs fn in a writable transaction and commits it.
func update(t *testing.T, s kuzet.Store, fn func(ctx context.Context, tx kuzet.Tx)) {
	t.Helper()
	inTx(t, s, true, fn)
}

// view runs fn in a read-only transaction.
func view(t *testing.T, s kuzet.Store, fn func(ctx context.Context, tx kuzet.Tx)) {
	t.Helper()
	inTx(t, s, false, fn)
}

func inTx(t *testing.T, s kuzet.Store, writable bool, fn func(ctx context.Context, tx kuzet.Tx)) {
	t.Helper()
	ctx := t.Context()
	tx, err := s.Begin(ctx, writable)
	if err != nil {
		t.Fatalf("begin: %v", err)
	}
	defer tx.Rollback() // when fn fails the test
	fn(ctx, tx)
	if err := tx.Commit(); err != nil {
		t.Fatalf("commit: %v", err)
	}
}

// find returns what method (a method expression of kuzet.Tx) finds by key
// in a read-only transaction, failing the test on its error.
func find[K, T any](t *testing.T, s kuzet.Store, what string, method func(kuzet.Tx, context.Context, K) (T, error), key K) T {
	t.Helper()
	var v T
	view(t, s, func(ctx context.Context, tx kuzet.Tx) {
		var err error
		v, err = method(tx, ctx, key)
		must(t, what, err)
	})
	return v
}

// scanAll returns every value that scan (a method expression of kuzet.Tx)
// calls its callback with, in a read-only transaction.
func scanAll[T any](t *testing.T, s kuzet.Store, what string, scan func(kuzet.Tx, context.Context, func(*T) error) error) []T {
	t.Helper()
	var got []T
	view(t, s, func(ctx context.Context, tx kuzet.Tx) {
		must(t, what, scan(tx, ctx, func(v *T) error {
			got = append(got, *v)
			return nil
		}))
	})
	return got
}

// wantCode fails the test unless err carries code.
func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := kuzet.ErrorCode(err); got != code {
		t.Fatalf("%s: got code %q (%v), want %q", what, got, err, code)
	}
}

// must fails the test if err is not nil.
func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// same fails the test unless got and want print alike with %+v. Printing
// compares times with their location, so a time that is not UTC differs,
// and treats nil and empty slices alike, as callers do.
func same[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if g, w := fmt.Sprintf("%+v", got), fmt.Sprintf("%+v", want); g != w {
		t.Errorf("%s:\ngot  %s\nwant %s", what, g, w)
	}
}

// values dereferences ps, so that same prints the structs and not their
// addresses.
func values[T any](ps []*T) []T {
	out := make([]T, len(ps))
	for i, p := range ps {
		out[i] = *p
	}
	return out
}

// hash is a stand-in for the SHA-256 of a secret or a request.
func hash(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

// createOrg creates an organisation named name in its own transaction.
func createOrg(t *testing.T, s kuzet.Store, name string, typ kuzet.OrgType) *kuzet.Org {
	t.Helper()
	o := &kuzet.Org{Name: name, Type: typ, CreatedAt: base}
	update(t, s, func(ctx context.Context, tx kuzet.Tx) {
		must(t, "create org", tx.CreateOrg(ctx, o))
	})
	return o
}

// parallel runs fn(0) … fn(n-1) in goroutines and returns their errors.
func parallel(n int, fn func(i int) error) error {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	for i := range n {
		wg.Go(func() {
			if err := fn(i); err != nil {
				mu.Lock()
				errs = append(errs, fmt.Errorf("goroutine %d: %w", i, err))
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// within runs fn in a transaction of its own and commits it, for use off
// the test's goroutine, where t.Fatal may not be called.
func within(ctx context.Context, s kuzet.Store, writable bool, fn func(tx kuzet.Tx) error) error {
	tx, err := s.Begin(ctx, writable)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
