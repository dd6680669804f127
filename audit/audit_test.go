package audit_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/audit"
	"github.com/kuzet/kuzet/keys"
	"github.com/kuzet/kuzet/sqlite"
)

// testKeys are the deployment's keys in these tests.
var testKeys = func() *keys.Keys {
	k, err := keys.Generate()
	if err != nil {
		panic(err)
	}
	return k
}()

func openStore(t *testing.T) (kuzet.Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := sqlite.Open(context.Background(), dir, sqlite.AuditKey(testKeys.AuditMAC))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, filepath.Join(dir, "kuzet.db")
}

func entry(i int) *kuzet.AuditEntry {
	return &kuzet.AuditEntry{At: time.Unix(1_800_000_000, int64(i)).UTC(), OrgID: int64(i%3 + 1),
		Action: kuzet.AuditIndicatorRead, Object: fmt.Sprintf("phone:+7701%07d", i), Detail: "lookup"}
}

func TestRecorderGroupCommitsConcurrentReads(t *testing.T) {
	store, _ := openStore(t)
	rec := audit.NewRecorder(store, slog.New(slog.NewTextHandler(io.Discard, nil)))
	var wg sync.WaitGroup
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				if err := rec.Record(context.Background(), entry(w*50+i)); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	if err := rec.Record(context.Background(), entry(10_000), entry(10_001), entry(10_002)); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	rec.Close()
	rep, err := audit.Verify(context.Background(), store, testKeys.AuditChain(), testKeys.AuditPublicKey())
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	if rep.Entries != 803 || rep.Head.Seq != 803 {
		t.Errorf("got %d entries, head %d, want 803", rep.Entries, rep.Head.Seq)
	}
	if err := rec.Record(context.Background(), entry(1)); kuzet.ErrorCode(err) != kuzet.EUNAVAILABLE {
		t.Errorf("record after close: got %v, want unavailable", err)
	}
}

func TestVerifyFindsTampering(t *testing.T) {
	for _, tc := range []struct {
		name    string
		tamper  string
		wantSeq int64
	}{
		{"altered detail", `UPDATE audit_log SET detail = 'other' WHERE seq = 4`, 4},
		{"altered time", `UPDATE audit_log SET at = at + 1 WHERE seq = 2`, 2},
		{"altered hash", `UPDATE audit_log SET hash = x'00' WHERE seq = 7`, 7},
		{"removed entry", `DELETE FROM audit_log WHERE seq = 5`, 5},
		{"removed tail", `DELETE FROM audit_log WHERE seq >= 9`, 9},
		{"head moved back", `UPDATE audit_head SET seq = 8`, 9},
		{"head hash altered", `UPDATE audit_head SET hash = x'00'`, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store, path := openStore(t)
			rec := audit.NewRecorder(store, slog.New(slog.NewTextHandler(io.Discard, nil)))
			for i := range 10 {
				if err := rec.Record(context.Background(), entry(i)); err != nil {
					t.Fatal(err)
				}
			}
			rec.Close()
			if _, err := audit.Verify(context.Background(), store, testKeys.AuditChain(), testKeys.AuditPublicKey()); err != nil {
				t.Fatalf("before tampering: %v", err)
			}
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec(tc.tamper); err != nil {
				t.Fatal(err)
			}
			_, err = audit.Verify(context.Background(), store, testKeys.AuditChain(), testKeys.AuditPublicKey())
			var be *audit.BrokenError
			if !errors.As(err, &be) {
				t.Fatalf("got %v, want a broken chain", err)
			}
			if be.Seq != tc.wantSeq {
				t.Errorf("broken at %d (%s), want %d", be.Seq, be.Reason, tc.wantSeq)
			}
		})
	}
}

// rewrite is what an administrator of the database without the key file
// can do: rewrite the rows of the chain, recomputing every hash with a key
// of their own (here none: the legacy unkeyed hash), and move the head.
func rewrite(t *testing.T, path string, fn func(db *sql.DB, entries []*kuzet.AuditEntry) []*kuzet.AuditEntry) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT seq, at, org_id, action, object, detail FROM audit_log ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	var entries []*kuzet.AuditEntry
	for rows.Next() {
		var e kuzet.AuditEntry
		var at int64
		if err := rows.Scan(&e.Seq, &at, &e.OrgID, &e.Action, &e.Object, &e.Detail); err != nil {
			t.Fatal(err)
		}
		e.At = time.Unix(0, at).UTC()
		entries = append(entries, &e)
	}
	rows.Close()
	entries = fn(db, entries)
	mustExec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatal(err)
		}
	}
	mustExec(`DELETE FROM audit_log`)
	forged := kuzet.AuditChain{Key: []byte("a key of the administrator's own")}
	head := forged.Link(kuzet.AuditHead{Hash: []byte{}}, entries)
	for _, e := range entries {
		mustExec(`INSERT INTO audit_log (seq, at, org_id, action, object, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			e.Seq, e.At.UnixNano(), e.OrgID, e.Action, e.Object, e.Detail, append([]byte{}, e.PrevHash...), e.Hash)
	}
	mustExec(`UPDATE audit_head SET seq = ?, hash = ?`, head.Seq, append([]byte{}, head.Hash...))
}

// TestVerifyCatchesRewrites plays an administrator who holds the database
// but not the key file: whatever they rewrite and rehash, verification
// fails, against the key alone or against a checkpoint kept elsewhere.
func TestVerifyCatchesRewrites(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		fn   func(db *sql.DB, entries []*kuzet.AuditEntry) []*kuzet.AuditEntry
		// keyOnly: the key alone catches it, without a checkpoint.
		keyOnly bool
	}{
		{"alter and rehash", func(db *sql.DB, es []*kuzet.AuditEntry) []*kuzet.AuditEntry {
			es[3].Detail = "nothing happened here"
			return es
		}, true},
		{"truncate and rehash", func(db *sql.DB, es []*kuzet.AuditEntry) []*kuzet.AuditEntry {
			return es[:6]
		}, true},
		{"empty and reset", func(db *sql.DB, es []*kuzet.AuditEntry) []*kuzet.AuditEntry {
			return nil
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store, path := openStore(t)
			rec := audit.NewRecorder(store, slog.New(slog.DiscardHandler))
			for i := range 10 {
				if err := rec.Record(ctx, entry(i)); err != nil {
					t.Fatal(err)
				}
			}
			cp, err := audit.Checkpoint(ctx, store, testKeys.AuditSigner, time.Unix(1_800_000_100, 0))
			if err != nil {
				t.Fatal(err)
			}
			if err := rec.Record(ctx, entry(10)); err != nil {
				t.Fatal(err)
			}
			rec.Close()
			if _, err := audit.Verify(ctx, store, testKeys.AuditChain(), testKeys.AuditPublicKey(), cp); err != nil {
				t.Fatalf("before the rewrite: %v", err)
			}
			rewrite(t, path, tc.fn)
			var be *audit.BrokenError
			_, err = audit.Verify(ctx, store, testKeys.AuditChain(), testKeys.AuditPublicKey())
			if tc.keyOnly && !errors.As(err, &be) {
				t.Errorf("without a checkpoint: got %v, want a broken chain", err)
			}
			if !tc.keyOnly && err != nil {
				t.Errorf("without a checkpoint: got %v, want the emptied chain to pass (only a checkpoint can tell)", err)
			}
			if _, err := audit.Verify(ctx, store, testKeys.AuditChain(), testKeys.AuditPublicKey(), cp); !errors.As(err, &be) {
				t.Errorf("against the checkpoint: got %v, want a broken chain", err)
			}
		})
	}
}

// TestCheckpointSignature checks that a checkpoint whose signature is not
// the key file's, or whose contents were changed, is refused.
func TestCheckpointSignature(t *testing.T) {
	ctx := context.Background()
	store, _ := openStore(t)
	if err := kuzet.StoreAuditor(store).Record(ctx, entry(1), entry(2)); err != nil {
		t.Fatal(err)
	}
	cp, err := audit.Checkpoint(ctx, store, testKeys.AuditSigner, time.Unix(1_800_000_100, 0))
	if err != nil {
		t.Fatal(err)
	}
	if cp.Seq != 2 || !cp.Verify(testKeys.AuditPublicKey()) {
		t.Fatalf("checkpoint: got seq %d, valid %v", cp.Seq, cp.Verify(testKeys.AuditPublicKey()))
	}
	other, err := keys.Generate()
	if err != nil {
		t.Fatal(err)
	}
	forged := *cp
	forged.Sign(other.AuditSigner)
	moved := *cp
	moved.Seq = 1
	for name, c := range map[string]*kuzet.AuditCheckpoint{"another key": &forged, "changed seq": &moved} {
		if _, err := audit.Verify(ctx, store, testKeys.AuditChain(), testKeys.AuditPublicKey(), c); kuzet.ErrorCode(err) != kuzet.EINVALID {
			t.Errorf("%s: got %v, want %s", name, err, kuzet.EINVALID)
		}
	}
}

// TestQueryPages checks the police's query of the log: filters, pages by
// cursor, and the query's own entry.
func TestQueryPages(t *testing.T) {
	ctx := context.Background()
	store, _ := openStore(t)
	var es []*kuzet.AuditEntry
	for i := range 25 {
		es = append(es, entry(i))
	}
	if err := kuzet.StoreAuditor(store).Record(ctx, es...); err != nil {
		t.Fatal(err)
	}
	svc := audit.NewService(audit.Config{Store: store, Clock: kuzet.FixedClock(time.Unix(1_800_000_500, 0).UTC())})
	var got []int64
	cursor := ""
	for range 10 {
		page, err := svc.Query(ctx, 9, kuzet.AuditFilter{OrgID: 2, Action: kuzet.AuditIndicatorRead, Limit: 3}, cursor)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Entries {
			got = append(got, e.Seq)
			if e.OrgID != 2 {
				t.Errorf("entry %d of org %d, want org 2 only", e.Seq, e.OrgID)
			}
		}
		if cursor = page.Next; cursor == "" {
			break
		}
	}
	// entry(i) is of org i%3+1: org 2 has i = 1, 4, 7, …, 22, seq i+1.
	want := []int64{2, 5, 8, 11, 14, 17, 20, 23}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("seqs: got %v, want %v", got, want)
	}
	last, err := svc.Query(ctx, 9, kuzet.AuditFilter{Action: kuzet.AuditLogRead}, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(last.Entries) < 3 || last.Entries[0].OrgID != 9 {
		t.Errorf("the queries themselves: got %d entries, want each query logged under org 9", len(last.Entries))
	}
	for _, bad := range []struct {
		f      kuzet.AuditFilter
		cursor string
	}{{kuzet.AuditFilter{Limit: audit.MaxPage + 1}, ""}, {kuzet.AuditFilter{}, "%%%"}} {
		if _, err := svc.Query(ctx, 9, bad.f, bad.cursor); kuzet.ErrorCode(err) != kuzet.EINVALID {
			t.Errorf("%+v %q: got %v, want %s", bad.f, bad.cursor, err, kuzet.EINVALID)
		}
	}
}

// TestVerifyCatchesCleanTruncation cuts the newest entries off and moves
// the head back onto the last one kept, whose keyed hash is genuine: only
// a checkpoint kept elsewhere can tell, and it does.
func TestVerifyCatchesCleanTruncation(t *testing.T) {
	ctx := context.Background()
	store, path := openStore(t)
	if err := kuzet.StoreAuditor(store).Record(ctx, entry(0), entry(1), entry(2), entry(3), entry(4)); err != nil {
		t.Fatal(err)
	}
	cp, err := audit.Checkpoint(ctx, store, testKeys.AuditSigner, time.Unix(1_800_000_100, 0))
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{`DELETE FROM audit_log WHERE seq > 3`,
		`UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit_log WHERE seq = 3)`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := audit.Verify(ctx, store, testKeys.AuditChain(), testKeys.AuditPublicKey()); err != nil {
		t.Errorf("without a checkpoint: got %v, want the shortened chain to pass", err)
	}
	var be *audit.BrokenError
	if _, err := audit.Verify(ctx, store, testKeys.AuditChain(), testKeys.AuditPublicKey(), cp); !errors.As(err, &be) || be.Seq != 4 {
		t.Errorf("against the checkpoint: got %v, want broken at entry 4", err)
	}
}
