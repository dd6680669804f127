package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
)

// almaty is a zone other than UTC: the stores must keep the instant of an
// audit entry, whatever its location.
var almaty = time.FixedZone("Asia/Almaty", 5*60*60)

// entries returns n new audit entries with distinct nanosecond times.
func entries(n int, object string) []*kuzet.AuditEntry {
	out := make([]*kuzet.AuditEntry, n)
	for i := range out {
		out[i] = &kuzet.AuditEntry{
			At:     base.In(almaty).Add(time.Duration(i)*time.Millisecond + time.Duration(i%1000)),
			OrgID:  int64(i % 4), // 0: the operator
			Action: kuzet.AuditIndicatorRead,
			Object: fmt.Sprintf("%s:%d", object, i),
			Detail: fmt.Sprintf("entry %d", i),
		}
	}
	return out
}

// appendAudit appends es in one transaction.
func appendAudit(t *testing.T, s kuzet.Store, es []*kuzet.AuditEntry) {
	t.Helper()
	update(t, s, func(ctx context.Context, tx kuzet.Tx) {
		must(t, "append audit", tx.AppendAudit(ctx, es...))
	})
}

// scanAudit returns the whole chain and the head.
func scanAudit(t *testing.T, s kuzet.Store) ([]*kuzet.AuditEntry, kuzet.AuditHead) {
	t.Helper()
	var (
		chain []*kuzet.AuditEntry
		head  kuzet.AuditHead
	)
	view(t, s, func(ctx context.Context, tx kuzet.Tx) {
		must(t, "scan audit", tx.ScanAudit(ctx, 1, func(e *kuzet.AuditEntry) error {
			chain = append(chain, e)
			return nil
		}))
		var err error
		head, err = tx.AuditHead(ctx)
		must(t, "audit head", err)
	})
	return chain, head
}

// verifyChain checks what `kuzet audit verify` checks: Seqs 1, 2, 3 …
// without gaps, each entry linked to the one before and hashed with
// kuzet.AuditHash, and the head on the last entry.
func verifyChain(chain []*kuzet.AuditEntry, head kuzet.AuditHead) error {
	var prev []byte
	for i, e := range chain {
		if e.Seq != int64(i+1) {
			return fmt.Errorf("entry %d: got Seq %d, want %d", i, e.Seq, i+1)
		}
		if !bytes.Equal(e.PrevHash, prev) {
			return fmt.Errorf("entry %d: PrevHash is not the previous entry's hash", e.Seq)
		}
		if h := (kuzet.AuditChain{}).Hash(prev, e); !bytes.Equal(e.Hash, h) {
			return fmt.Errorf("entry %d: got hash %x, want %x", e.Seq, e.Hash, h)
		}
		prev = e.Hash
	}
	if head.Seq != int64(len(chain)) || !bytes.Equal(head.Hash, prev) {
		return fmt.Errorf("head: got Seq %d hash %x, want Seq %d hash %x", head.Seq, head.Hash, len(chain), prev)
	}
	return nil
}

// sameEntry compares an entry read back with the one appended.
func sameEntry(t *testing.T, got, want *kuzet.AuditEntry) {
	t.Helper()
	if got.At.Location() != time.UTC || got.At.UnixNano() != want.At.UnixNano() {
		t.Errorf("entry %d: got At %v, want %v in UTC to the nanosecond", want.Seq, got.At, want.At.UTC())
	}
	g, w := *got, *want
	g.At, w.At = time.Time{}, time.Time{}
	same(t, "audit entry", g, w)
}

func testAudit(t *testing.T, open func(t *testing.T) kuzet.Store) {
	t.Run("EmptyHead", func(t *testing.T) {
		s := open(t)
		chain, head := scanAudit(t, s)
		if len(chain) != 0 || head.Seq != 0 || len(head.Hash) != 0 {
			t.Errorf("empty store: got %d entries, head %+v, want none and head 0", len(chain), head)
		}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "append nothing", tx.AppendAudit(ctx))
		})
		if _, head := scanAudit(t, s); head.Seq != 0 {
			t.Errorf("after appending nothing: got head %d, want 0", head.Seq)
		}
	})

	t.Run("AppendLinksChain", func(t *testing.T) {
		s := open(t)
		first, second := entries(3, "phone"), entries(2, "iban")
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "append audit", tx.AppendAudit(ctx, first...))
			head, err := tx.AuditHead(ctx)
			must(t, "audit head", err)
			if head.Seq != 3 || !bytes.Equal(head.Hash, first[2].Hash) {
				t.Errorf("head inside the transaction: got %d %x, want 3 %x", head.Seq, head.Hash, first[2].Hash)
			}
		})
		appendAudit(t, s, second)
		all := append(first, second...)
		if err := verifyChain(all, kuzet.AuditHead{Seq: 5, Hash: second[1].Hash}); err != nil {
			t.Errorf("entries as appended: %v", err)
		}
		chain, head := scanAudit(t, s)
		if err := verifyChain(chain, head); err != nil {
			t.Fatalf("stored chain: %v", err)
		}
		if len(chain) != len(all) {
			t.Fatalf("scan: got %d entries, want %d", len(chain), len(all))
		}
		for i := range chain {
			sameEntry(t, chain[i], all[i])
		}
	})

	t.Run("LargeBatch", func(t *testing.T) {
		s := open(t)
		appendAudit(t, s, entries(3, "phone"))
		batch := entries(10000, "card")
		appendAudit(t, s, batch)
		chain, head := scanAudit(t, s)
		if err := verifyChain(chain, head); err != nil {
			t.Fatalf("stored chain: %v", err)
		}
		if head.Seq != 10003 {
			t.Fatalf("head: got %d, want 10003", head.Seq)
		}
		for i, e := range batch {
			sameEntry(t, chain[3+i], e)
		}
	})

	t.Run("RollbackLeavesHead", func(t *testing.T) {
		s := open(t)
		appendAudit(t, s, entries(2, "phone"))
		tx, err := s.Begin(t.Context(), true)
		must(t, "begin", err)
		must(t, "append audit", tx.AppendAudit(t.Context(), entries(3, "url")...))
		must(t, "rollback", tx.Rollback())
		if _, head := scanAudit(t, s); head.Seq != 2 {
			t.Errorf("after rollback: got head %d, want 2", head.Seq)
		}
		appendAudit(t, s, entries(1, "domain"))
		chain, head := scanAudit(t, s)
		if err := verifyChain(chain, head); err != nil {
			t.Errorf("chain after rollback: %v", err)
		}
		if len(chain) != 3 || chain[2].Object != "domain:0" {
			t.Errorf("chain after rollback: got %d entries, want 3 ending with domain:0", len(chain))
		}
	})

	t.Run("ConcurrentAppendsNeverFork", func(t *testing.T) {
		s := open(t)
		const writers, rounds, batch = 8, 15, 3
		done := make(chan struct{})
		readers := make(chan error, 1)
		go func() {
			// A reader running all along must neither fail nor see the
			// head go back.
			readers <- func() error {
				var last int64
				for {
					select {
					case <-done:
						return nil
					default:
					}
					var head kuzet.AuditHead
					if err := within(t.Context(), s, false, func(tx kuzet.Tx) (err error) {
						head, err = tx.AuditHead(t.Context())
						return err
					}); err != nil {
						return err
					}
					if head.Seq < last {
						return fmt.Errorf("head went back from %d to %d", last, head.Seq)
					}
					last = head.Seq
				}
			}()
		}()
		err := parallel(writers, func(w int) error {
			for r := range rounds {
				es := entries(batch, fmt.Sprintf("writer%d-round%d", w, r))
				if err := within(t.Context(), s, true, func(tx kuzet.Tx) error {
					return tx.AppendAudit(t.Context(), es...)
				}); err != nil {
					return err
				}
				for i, e := range es {
					if e.Seq != es[0].Seq+int64(i) {
						return fmt.Errorf("one append got Seqs %d and %d, want consecutive", es[0].Seq, e.Seq)
					}
				}
			}
			return nil
		})
		close(done)
		if err != nil {
			t.Fatalf("writers: %v", err)
		}
		if err := <-readers; err != nil {
			t.Fatalf("reader: %v", err)
		}
		chain, head := scanAudit(t, s)
		if len(chain) != writers*rounds*batch {
			t.Fatalf("chain: got %d entries, want %d", len(chain), writers*rounds*batch)
		}
		if err := verifyChain(chain, head); err != nil {
			t.Fatalf("chain: %v", err)
		}
	})

	t.Run("ScanStopsAtError", func(t *testing.T) {
		s := open(t)
		appendAudit(t, s, entries(5, "phone"))
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			var seqs []int64
			err := tx.ScanAudit(ctx, 1, func(e *kuzet.AuditEntry) error {
				if seqs = append(seqs, e.Seq); len(seqs) == 3 {
					return errStop
				}
				return nil
			})
			if !errors.Is(err, errStop) {
				t.Errorf("scan: got error %v, want %v", err, errStop)
			}
			same(t, "entries scanned", seqs, []int64{1, 2, 3})
		})
	})
}
