package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
)

func response(org int64, key string, at time.Time) *kuzet.IdempotentResponse {
	return &kuzet.IdempotentResponse{
		OrgID: org, Key: key, RequestHash: hash("POST /v1/reports " + key), Status: 201,
		ContentType: "application/json", Body: []byte(`{"id":1}`), CreatedAt: at,
	}
}

func testIdempotency(t *testing.T, open func(t *testing.T) kuzet.Store) {
	t.Run("PutAndFind", func(t *testing.T) {
		s := open(t)
		r := response(1, "key-1", base)
		empty := &kuzet.IdempotentResponse{OrgID: 1, Key: "key-2", RequestHash: hash("x"), Status: 204, CreatedAt: base}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "put response", tx.PutIdempotentResponse(ctx, r))
			must(t, "put response", tx.PutIdempotentResponse(ctx, empty))
		})
		want := *r
		want.CreatedAt = us(base)
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			got, err := tx.FindIdempotentResponse(ctx, 1, "key-1")
			must(t, "find response", err)
			same(t, "found response", *got, want)
			got, err = tx.FindIdempotentResponse(ctx, 1, "key-2")
			must(t, "find response", err)
			if len(got.Body) != 0 || got.Status != 204 {
				t.Errorf("response without a body: got status %d body %q, want 204 and none", got.Status, got.Body)
			}
			_, err = tx.FindIdempotentResponse(ctx, 2, "key-1")
			wantCode(t, "another org's key", err, kuzet.ENOTFOUND)
			_, err = tx.FindIdempotentResponse(ctx, 1, "key-3")
			wantCode(t, "unused key", err, kuzet.ENOTFOUND)
		})
	})

	t.Run("KeyUsed", func(t *testing.T) {
		s := open(t)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "put response", tx.PutIdempotentResponse(ctx, response(1, "key-1", base)))
		})
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			other := response(1, "key-1", base.Add(time.Minute))
			other.Body = []byte(`{"id":2}`)
			wantCode(t, "same org, same key", tx.PutIdempotentResponse(ctx, other), kuzet.ECONFLICT)
			// The transaction is still usable, and the key is per org.
			must(t, "another org, same key", tx.PutIdempotentResponse(ctx, response(2, "key-1", base)))
			got, err := tx.FindIdempotentResponse(ctx, 1, "key-1")
			must(t, "find response", err)
			if string(got.Body) != `{"id":1}` {
				t.Errorf("after a conflict: got body %s, want the first one", got.Body)
			}
		})
	})

	t.Run("DeleteBefore", func(t *testing.T) {
		s := open(t)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			for i, key := range []string{"old", "mid", "new"} {
				must(t, "put response", tx.PutIdempotentResponse(ctx, response(1, key, base.Add(time.Duration(i)*time.Hour))))
			}
		})
		for _, tc := range []struct {
			before time.Time
			want   int64
			left   string
		}{
			{base.Add(-time.Hour), 0, "old mid new"},
			{base.Add(time.Hour), 1, "mid new"}, // strictly before: mid is kept
			{base.Add(3 * time.Hour), 2, ""},
		} {
			update(t, s, func(ctx context.Context, tx kuzet.Tx) {
				n, err := tx.DeleteIdempotentResponses(ctx, tc.before)
				must(t, "delete responses", err)
				if n != tc.want {
					t.Errorf("delete before %v: got %d deleted, want %d", tc.before, n, tc.want)
				}
				var left []string
				for _, key := range []string{"old", "mid", "new"} {
					if _, err := tx.FindIdempotentResponse(ctx, 1, key); err == nil {
						left = append(left, key)
					}
				}
				if got := strings.Join(left, " "); got != tc.left {
					t.Errorf("delete before %v: got %q left, want %q", tc.before, got, tc.left)
				}
			})
		}
	})
}

func testSetting(t *testing.T, open func(t *testing.T) kuzet.Store) {
	t.Run("PutIfAbsentKeepsFirst", func(t *testing.T) {
		s := open(t)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			_, err := tx.Setting(ctx, "card_token_key")
			wantCode(t, "unset setting", err, kuzet.ENOTFOUND)
			got, err := tx.PutSettingIfAbsent(ctx, "card_token_key", []byte("first"))
			must(t, "put setting", err)
			same(t, "value after the first put", string(got), "first")
		})
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			got, err := tx.PutSettingIfAbsent(ctx, "card_token_key", []byte("second"))
			must(t, "put setting", err)
			same(t, "value after the second put", string(got), "first")
			got, err = tx.PutSettingIfAbsent(ctx, "other", []byte{})
			must(t, "put empty setting", err)
			same(t, "empty value", len(got), 0)
		})
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			got, err := tx.Setting(ctx, "card_token_key")
			must(t, "setting", err)
			same(t, "stored value", string(got), "first")
		})
	})

	t.Run("ConcurrentPutIfAbsent", func(t *testing.T) {
		s := open(t)
		const n = 6
		got := make([]string, n)
		if err := parallel(n, func(i int) error {
			return within(t.Context(), s, true, func(tx kuzet.Tx) error {
				v, err := tx.PutSettingIfAbsent(t.Context(), "node_secret", fmt.Appendf(nil, "value %d", i))
				got[i] = string(v)
				return err
			})
		}); err != nil {
			t.Fatal(err)
		}
		var stored []byte
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			var err error
			stored, err = tx.Setting(ctx, "node_secret")
			must(t, "setting", err)
		})
		for i, v := range got {
			if v != string(stored) {
				t.Errorf("goroutine %d: got %q, want the stored %q", i, v, stored)
			}
		}
	})
}

func testTx(t *testing.T, open func(t *testing.T) kuzet.Store) {
	t.Run("RollbackDiscards", func(t *testing.T) {
		s := open(t)
		tx, err := s.Begin(t.Context(), true)
		must(t, "begin", err)
		ctx := t.Context()
		must(t, "create org", tx.CreateOrg(ctx, &kuzet.Org{Name: "Kaspi", Type: kuzet.OrgBank, CreatedAt: base}))
		must(t, "upsert report", tx.UpsertReport(ctx, report(1, kuzet.CategoryScamCall, 0)))
		must(t, "append audit", tx.AppendAudit(ctx, entries(2, "phone")...))
		_, err = tx.PutSettingIfAbsent(ctx, "k", []byte("v"))
		must(t, "put setting", err)
		must(t, "rollback", tx.Rollback())
		same(t, "store after rollback", dump(t, s), dump(t, open(t)))
	})

	t.Run("RollbackAfterCommit", func(t *testing.T) {
		s := open(t)
		tx, err := s.Begin(t.Context(), true)
		must(t, "begin", err)
		must(t, "create org", tx.CreateOrg(t.Context(), &kuzet.Org{Name: "Kaspi", Type: kuzet.OrgBank, CreatedAt: base}))
		must(t, "commit", tx.Commit())
		must(t, "rollback after commit", tx.Rollback())
		must(t, "second rollback", tx.Rollback())
		if d := dump(t, s); !strings.Contains(d, "Kaspi") {
			t.Errorf("after commit and rollback: got %s, want Kaspi kept", d)
		}
	})

	t.Run("ReadOnlyRejectsWrites", func(t *testing.T) {
		s := open(t)
		org := createOrg(t, s, "Halyk Bank", kuzet.OrgBank)
		key := &kuzet.APIKey{OrgID: org.ID, Role: "bank", Prefix: "kz", Hash: hash("secret"), CreatedAt: base}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "create key", tx.CreateAPIKey(ctx, key))
			must(t, "upsert report", tx.UpsertReport(ctx, report(org.ID, kuzet.CategoryScamCall, 0)))
			must(t, "put entry", tx.PutAllowEntry(ctx, &kuzet.AllowEntry{Kind: kuzet.KindDomain, Value: "halykbank.kz", OrgID: org.ID, CreatedAt: base}))
			must(t, "put response", tx.PutIdempotentResponse(ctx, response(org.ID, "old", base)))
		})
		// Each write would succeed in a writable transaction, as the end of
		// the test checks, so an error can only come from the mode.
		writes := []struct {
			name string
			fn   func(ctx context.Context, tx kuzet.Tx) error
		}{
			{"CreateOrg", func(ctx context.Context, tx kuzet.Tx) error {
				return tx.CreateOrg(ctx, &kuzet.Org{Name: "Kaspi", Type: kuzet.OrgBank, CreatedAt: base})
			}},
			{"CreateAPIKey", func(ctx context.Context, tx kuzet.Tx) error {
				return tx.CreateAPIKey(ctx, &kuzet.APIKey{OrgID: org.ID, Role: "bank", Prefix: "kz", Hash: hash("other"), CreatedAt: base})
			}},
			{"RevokeAPIKey", func(ctx context.Context, tx kuzet.Tx) error {
				return tx.RevokeAPIKey(ctx, org.ID, key.ID, base)
			}},
			{"UpsertReport", func(ctx context.Context, tx kuzet.Tx) error {
				return tx.UpsertReport(ctx, report(org.ID, kuzet.CategoryMuleAccount, 0))
			}},
			{"DeleteReport", func(ctx context.Context, tx kuzet.Tx) error {
				_, err := tx.DeleteReport(ctx, org.ID, kuzet.KindPhone, phone, "")
				return err
			}},
			{"PutAllowEntry", func(ctx context.Context, tx kuzet.Tx) error {
				return tx.PutAllowEntry(ctx, &kuzet.AllowEntry{Kind: kuzet.KindPhone, Value: "77272596000", OrgID: org.ID, CreatedAt: base})
			}},
			{"DeleteAllowEntry", func(ctx context.Context, tx kuzet.Tx) error {
				return tx.DeleteAllowEntry(ctx, kuzet.KindDomain, "halykbank.kz")
			}},
			{"AppendAudit", func(ctx context.Context, tx kuzet.Tx) error {
				return tx.AppendAudit(ctx, entries(1, "phone")...)
			}},
			{"PutIdempotentResponse", func(ctx context.Context, tx kuzet.Tx) error {
				return tx.PutIdempotentResponse(ctx, response(org.ID, "new", base))
			}},
			{"DeleteIdempotentResponses", func(ctx context.Context, tx kuzet.Tx) error {
				_, err := tx.DeleteIdempotentResponses(ctx, base.Add(time.Hour))
				return err
			}},
			{"PutSettingIfAbsent", func(ctx context.Context, tx kuzet.Tx) error {
				_, err := tx.PutSettingIfAbsent(ctx, "k", []byte("v"))
				return err
			}},
		}
		before := dump(t, s)
		for _, w := range writes {
			t.Run(w.name, func(t *testing.T) {
				tx, err := s.Begin(t.Context(), false)
				must(t, "begin", err)
				defer tx.Rollback()
				if err := w.fn(t.Context(), tx); err == nil {
					t.Errorf("%s in a read-only transaction: got no error, want one", w.name)
				}
			})
		}
		same(t, "store after read-only writes", dump(t, s), before)

		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			for _, w := range writes {
				must(t, w.name+" in a writable transaction", w.fn(ctx, tx))
			}
		})
		if dump(t, s) == before {
			t.Errorf("writes in a writable transaction: got the store unchanged, want changed")
		}
	})

	t.Run("ReadersSeeCommittedOnly", func(t *testing.T) {
		s := open(t)
		w, err := s.Begin(t.Context(), true)
		must(t, "begin", err)
		defer w.Rollback()
		must(t, "create org", w.CreateOrg(t.Context(), &kuzet.Org{Name: "Kaspi", Type: kuzet.OrgBank, CreatedAt: base}))
		// The writer is still open: a reader neither waits for it nor sees
		// its writes.
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			orgs, err := tx.FindOrgs(ctx)
			must(t, "find orgs", err)
			if len(orgs) != 0 {
				t.Errorf("reader during a write: got %d orgs, want 0", len(orgs))
			}
		})
		must(t, "commit", w.Commit())
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			orgs, err := tx.FindOrgs(ctx)
			must(t, "find orgs", err)
			if len(orgs) != 1 {
				t.Errorf("reader after the commit: got %d orgs, want 1", len(orgs))
			}
		})
	})

	t.Run("ConcurrentWriters", func(t *testing.T) {
		s := open(t)
		const writers, each = 6, 10
		if err := parallel(writers, func(w int) error {
			for i := range each {
				if err := within(t.Context(), s, true, func(tx kuzet.Tx) error {
					return tx.CreateOrg(t.Context(), &kuzet.Org{Name: fmt.Sprintf("org %d-%d", w, i), Type: kuzet.OrgPartner, CreatedAt: base})
				}); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			orgs, err := tx.FindOrgs(ctx)
			must(t, "find orgs", err)
			if len(orgs) != writers*each {
				t.Errorf("got %d orgs, want %d", len(orgs), writers*each)
			}
		})
	})
}

// dump prints what the store holds, as far as the interface shows it.
func dump(t *testing.T, s kuzet.Store) string {
	t.Helper()
	var b strings.Builder
	view(t, s, func(ctx context.Context, tx kuzet.Tx) {
		orgs, err := tx.FindOrgs(ctx)
		must(t, "find orgs", err)
		for _, o := range orgs {
			keys, err := tx.FindAPIKeys(ctx, o.ID)
			must(t, "find keys", err)
			fmt.Fprintf(&b, "org %+v keys %+v\n", *o, values(keys))
		}
		must(t, "scan reports", tx.ScanReports(ctx, func(r *kuzet.Report) error {
			fmt.Fprintf(&b, "report %+v\n", *r)
			return nil
		}))
		must(t, "scan allowlist", tx.ScanAllowEntries(ctx, func(e *kuzet.AllowEntry) error {
			fmt.Fprintf(&b, "allow %+v\n", *e)
			return nil
		}))
		must(t, "scan audit", tx.ScanAudit(ctx, 1, func(e *kuzet.AuditEntry) error {
			fmt.Fprintf(&b, "audit %d %x\n", e.Seq, e.Hash)
			return nil
		}))
		head, err := tx.AuditHead(ctx)
		must(t, "audit head", err)
		fmt.Fprintf(&b, "head %d %x\n", head.Seq, head.Hash)
		for _, org := range []int64{1, 2} {
			for _, key := range []string{"old", "new"} {
				r, err := tx.FindIdempotentResponse(ctx, org, key)
				fmt.Fprintf(&b, "response %d %s: %v %v\n", org, key, r != nil, kuzet.ErrorCode(err))
			}
		}
		v, err := tx.Setting(ctx, "k")
		fmt.Fprintf(&b, "setting k: %q %v\n", v, kuzet.ErrorCode(err))
	})
	return b.String()
}
