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
	"github.com/kuzet/kuzet/sqlite"
)

func openStore(t *testing.T) (kuzet.Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := sqlite.Open(context.Background(), dir)
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
	rep, err := audit.Verify(context.Background(), store)
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
			if _, err := audit.Verify(context.Background(), store); err != nil {
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
			_, err = audit.Verify(context.Background(), store)
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
