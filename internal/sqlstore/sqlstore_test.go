package sqlstore_test

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

// fakeRows is a result of one string column, failing as told.
type fakeRows struct {
	values  []string
	next    int
	scanErr error // returned by Scan of the last row
	err     error // returned by Err
}

func (r *fakeRows) Next() bool {
	if r.next == len(r.values) {
		return false
	}
	r.next++
	return true
}

func (r *fakeRows) Scan(dest ...any) error {
	if r.scanErr != nil && r.next == len(r.values) {
		return r.scanErr
	}
	*dest[0].(*string) = r.values[r.next-1]
	return nil
}

func (r *fakeRows) Err() error { return r.err }

// fakeRow is a single row of one string column, or an error.
type fakeRow struct {
	value string
	err   error
}

func (r fakeRow) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	*dest[0].(*string) = r.value
	return nil
}

func readString(s sqlstore.Scanner) (string, error) {
	var v string
	err := s.Scan(&v)
	return v, err
}

func TestEach(t *testing.T) {
	errDB, errFn := errors.New("connection lost"), errors.New("stop")
	for _, tc := range []struct {
		name    string
		rows    *fakeRows
		stopAt  string // the value at which fn fails
		want    []string
		wantErr error
		wrapped bool // the error names the operation
	}{
		{"all rows", &fakeRows{values: []string{"a", "b", "c"}}, "", []string{"a", "b", "c"}, nil, false},
		{"no rows", &fakeRows{}, "", nil, nil, false},
		{"fn stops", &fakeRows{values: []string{"a", "b", "c"}}, "b", []string{"a", "b"}, errFn, false},
		{"scan fails", &fakeRows{values: []string{"a", "b"}, scanErr: errDB}, "", []string{"a"}, errDB, true},
		{"query fails", &fakeRows{err: errDB}, "", nil, errDB, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			err := sqlstore.Each(tc.rows, "store: scan", readString, func(v string) error {
				got = append(got, v)
				if v == tc.stopAt {
					return errFn
				}
				return nil
			})
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got values %v, want %v", got, tc.want)
			}
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("got error %v, want %v", err, tc.wantErr)
			}
			if tc.wantErr == nil {
				return
			}
			if wrapped := err != tc.wantErr; wrapped != tc.wrapped {
				t.Errorf("got error %q wrapped %v, want %v", err, wrapped, tc.wrapped)
			}
			if tc.wrapped && err.Error() != "store: scan: "+tc.wantErr.Error() {
				t.Errorf("got error %q, want it to name the operation", err)
			}
		})
	}
}

func TestCollect(t *testing.T) {
	got, err := sqlstore.Collect(&fakeRows{values: []string{"a", "b"}}, "store: find", readString)
	if err != nil || fmt.Sprint(got) != "[a b]" {
		t.Errorf("got %v, %v, want [a b]", got, err)
	}
	got, err = sqlstore.Collect(&fakeRows{values: []string{"a"}, err: errors.New("lost")}, "store: find", readString)
	if got != nil || err == nil || err.Error() != "store: find: lost" {
		t.Errorf("got %v, %v, want no values and the wrapped error", got, err)
	}
}

func TestOne(t *testing.T) {
	for _, tc := range []struct {
		name     string
		row      fakeRow
		want     string
		code     string
		wantText string
	}{
		{"found", fakeRow{value: "x"}, "x", "", ""},
		{"no row of database/sql", fakeRow{err: sql.ErrNoRows}, "", kuzet.ENOTFOUND, "thing 7 not found"},
		{"no row wrapped", fakeRow{err: fmt.Errorf("driver: %w", sql.ErrNoRows)}, "", kuzet.ENOTFOUND, "thing 7 not found"},
		{"other error", fakeRow{err: errors.New("lost")}, "", kuzet.EINTERNAL, "store: find thing: lost"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := sqlstore.One(tc.row, "store: find thing", readString, "thing %d not found", 7)
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if tc.code == "" {
				if err != nil {
					t.Fatalf("got error %v, want none", err)
				}
				return
			}
			if code := kuzet.ErrorCode(err); code != tc.code {
				t.Errorf("got code %s, want %s", code, tc.code)
			}
			if msg := errorText(err); msg != tc.wantText {
				t.Errorf("got message %q, want %q", msg, tc.wantText)
			}
		})
	}
}

// errorText is the message of a kuzet.Error, or the text of another error.
func errorText(err error) string {
	if kuzet.ErrorCode(err) != kuzet.EINTERNAL {
		return kuzet.ErrorMessage(err)
	}
	return err.Error()
}

func TestFirst(t *testing.T) {
	if v, err := sqlstore.First([]string{"a", "b"}, nil, "none"); v != "a" || err != nil {
		t.Errorf("got %q, %v, want a", v, err)
	}
	if _, err := sqlstore.First([]string{}, nil, "request %d not found", 3); kuzet.ErrorCode(err) != kuzet.ENOTFOUND ||
		kuzet.ErrorMessage(err) != "request 3 not found" {
		t.Errorf("empty: got %v, want ENOTFOUND", err)
	}
	lost := errors.New("lost")
	if _, err := sqlstore.First([]string{"a"}, lost, "none"); err != lost {
		t.Errorf("error: got %v, want it as it is", err)
	}
}

func TestNotUpdated(t *testing.T) {
	for _, tc := range []struct {
		name, code, want string
		row              fakeRow
	}{
		{"status moved on", kuzet.ECONFLICT, "batch 4 is done, not queued", fakeRow{value: "done"}},
		{"no such row", kuzet.ENOTFOUND, "no batch 4", fakeRow{err: sql.ErrNoRows}},
		{"read fails", kuzet.EINTERNAL, "store: update batch: lost", fakeRow{err: errors.New("lost")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := sqlstore.NotUpdated(tc.row, "store: update batch", kuzet.CDRBatchQueued, "batch 4", "no batch 4")
			if code := kuzet.ErrorCode(err); code != tc.code {
				t.Errorf("got code %s (%v), want %s", code, err, tc.code)
			}
			if got := errorText(err); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestConstraintErrors(t *testing.T) {
	lost := errors.New("lost")
	k := &kuzet.APIKey{OrgID: 9}
	b := &kuzet.CDRBatch{SHA256: "ab12"}
	s := &kuzet.SimboxSuspect{BatchID: 5}
	it := &kuzet.BlockingItem{FindingID: 6}
	for _, tc := range []struct {
		name string
		err  error
		code string
		want string
	}{
		{"key, none", sqlstore.APIKeyError(nil, sqlstore.NoConstraint, "op", k), "", ""},
		{"key, no org", sqlstore.APIKeyError(lost, sqlstore.ForeignKey, "op", k), kuzet.ENOTFOUND, "organisation 9 not found"},
		{"key, hash taken", sqlstore.APIKeyError(lost, sqlstore.Unique, "op", k), kuzet.ECONFLICT, "an API key with this hash exists"},
		{"key, other", sqlstore.APIKeyError(lost, sqlstore.NoConstraint, "op", k), kuzet.EINTERNAL, "op: lost"},
		{"batch, counted", sqlstore.BatchError(lost, sqlstore.Unique, "op", b), kuzet.ECONFLICT, "an upload with SHA-256 ab12 is already counted"},
		{"batch, foreign key", sqlstore.BatchError(lost, sqlstore.ForeignKey, "op", b), kuzet.EINTERNAL, "op: lost"},
		{"suspect, no batch", sqlstore.SuspectError(lost, sqlstore.ForeignKey, "op", s), kuzet.ENOTFOUND, "CDR batch 5 not found"},
		{"suspect, none", sqlstore.SuspectError(nil, sqlstore.NoConstraint, "op", s), "", ""},
		{"item, sent already", sqlstore.ItemError(lost, sqlstore.Unique, "op", it), kuzet.ECONFLICT, "web finding 6 is in a blocking request already"},
		{"item, no finding", sqlstore.ItemError(lost, sqlstore.ForeignKey, "op", it), kuzet.EINTERNAL, "op: web finding 6 does not exist"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.code == "" {
				if tc.err != nil {
					t.Fatalf("got %v, want no error", tc.err)
				}
				return
			}
			if code := kuzet.ErrorCode(tc.err); code != tc.code {
				t.Errorf("got code %s (%v), want %s", code, tc.err, tc.code)
			}
			if got := errorText(tc.err); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestUTCDay(t *testing.T) {
	almaty := time.FixedZone("Asia/Almaty", 5*3600)
	for _, tc := range []struct {
		in, want time.Time
	}{
		{time.Date(2025, 3, 14, 9, 26, 53, 5, time.UTC), time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)},
		{time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)},
		{time.Date(2025, 3, 15, 2, 0, 0, 0, almaty), time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)},
		{time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC), time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC)},
		{time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC)},
	} {
		if got := sqlstore.UTCDay(tc.in); !got.Equal(tc.want) || got.Location() != time.UTC {
			t.Errorf("UTCDay(%v): got %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestStored(t *testing.T) {
	almaty := time.FixedZone("Asia/Almaty", 5*3600)
	in := time.Date(2025, 3, 14, 14, 26, 53, 589793238, almaty)
	want := time.Date(2025, 3, 14, 9, 26, 53, 589793000, time.UTC)
	if got := sqlstore.Stored(in); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("Stored: got %v, want %v", got, want)
	}
	if got := sqlstore.StoredOrZero(in); !got.Equal(want) {
		t.Errorf("StoredOrZero: got %v, want %v", got, want)
	}
	if got := sqlstore.StoredOrZero(time.Time{}); !got.IsZero() {
		t.Errorf("StoredOrZero of the zero time: got %v, want it zero", got)
	}
}

func TestDays(t *testing.T) {
	day := func(d, h int) time.Time { return time.Date(2025, 3, d, h, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name          string
		from, to      time.Time
		seizure, loss [2]time.Time // the bounds of Days and of PreventedLossDays
	}{
		{name: "open", seizure: [2]time.Time{}, loss: [2]time.Time{}},
		{name: "midnights", from: day(1, 0), to: day(3, 0),
			seizure: [2]time.Time{day(1, 0), day(3, 0)}, loss: [2]time.Time{day(1, 0), day(3, 0)}},
		{name: "mid-day", from: day(1, 9), to: day(3, 9),
			seizure: [2]time.Time{day(1, 0), day(3, 0)}, loss: [2]time.Time{day(1, 0), day(4, 0)}},
		{name: "only to", to: day(3, 9),
			seizure: [2]time.Time{{}, day(3, 0)}, loss: [2]time.Time{{}, day(4, 0)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if f, to := sqlstore.Days(tc.from, tc.to); !f.Equal(tc.seizure[0]) || !to.Equal(tc.seizure[1]) {
				t.Errorf("Days: got %v, %v, want %v", f, to, tc.seizure)
			}
			if f, to := sqlstore.PreventedLossDays(tc.from, tc.to); !f.Equal(tc.loss[0]) || !to.Equal(tc.loss[1]) {
				t.Errorf("PreventedLossDays: got %v, %v, want %v", f, to, tc.loss)
			}
		})
	}
}

func TestListJSON(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{nil, "[]"},
		{[]string{}, "[]"},
		{[]string{"a", "b"}, `["a","b"]`},
	} {
		if got, err := sqlstore.ListJSON(tc.in); got != tc.want || err != nil {
			t.Errorf("ListJSON(%#v): got %s, %v, want %s", tc.in, got, err, tc.want)
		}
	}
}

func TestSlab(t *testing.T) {
	var s sqlstore.Slab[kuzet.Report]
	seen := map[*kuzet.Report]bool{}
	for i := range 600 {
		r := s.New()
		if seen[r] {
			t.Fatalf("New %d: got a report handed out before", i)
		}
		if r.ID != 0 {
			t.Fatalf("New %d: got ID %d, want a zero report", i, r.ID)
		}
		seen[r] = true
		r.ID = int64(i + 1)
	}
}

// TestRelink: relinking under a new key gives the chain that key computes,
// and a log with a gap is refused rather than renumbered.
func TestRelink(t *testing.T) {
	at := time.Date(2026, 3, 11, 12, 0, 0, 0, time.UTC)
	entries := func(seqs ...int64) []*kuzet.AuditEntry {
		var out []*kuzet.AuditEntry
		for _, s := range seqs {
			out = append(out, &kuzet.AuditEntry{Seq: s, At: at, OrgID: 1, Action: "a", Object: "o"})
		}
		return out
	}
	chain := kuzet.AuditChain{Key: []byte("new key")}
	got := entries(1, 2, 3)
	head, err := sqlstore.Relink(got, chain, func(*kuzet.AuditEntry) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	want := entries(1, 2, 3)
	wantHead := chain.Link(kuzet.AuditHead{Hash: []byte{}}, want)
	if head.Seq != 3 || !bytes.Equal(head.Hash, wantHead.Hash) || !bytes.Equal(got[2].PrevHash, want[2].PrevHash) {
		t.Errorf("relinked head %d %x, want %d %x", head.Seq, head.Hash, wantHead.Seq, wantHead.Hash)
	}
	if _, err := sqlstore.Relink(entries(1, 3), chain, func(*kuzet.AuditEntry) error { return nil }); err == nil || !strings.Contains(err.Error(), "entry 3 follows entry 1") {
		t.Errorf("a gap: got %v, want entry 3 follows entry 1", err)
	}
}
