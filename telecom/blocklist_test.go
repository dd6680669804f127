package telecom_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/telecom"
)

// TestSimboxBlocklist: each operator sees the confirmed SIMs of its own
// numbers whole and every other one's handsets, in confirmation order,
// page by page, once settled.
func TestSimboxBlocklist(t *testing.T) {
	ctx := context.Background()
	store := newMemStore()
	confirmed := func(id int64, msisdn string, ago time.Duration, imeis ...string) kuzet.SimboxSuspect {
		return kuzet.SimboxSuspect{ID: id, BatchID: 100 + id, MSISDN: msisdn, IMEIs: imeis,
			Status: kuzet.SimboxSuspectConfirmed, StatusAt: t0.Add(-ago)}
	}
	store.suspects = []kuzet.SimboxSuspect{
		confirmed(4, "+77011110004", 10*time.Second, "356938035643809"), // A's
		confirmed(2, "+77021110002", 8*time.Second, "490154203237518"),  // B's
		confirmed(3, "+77021110003", 8*time.Second),                     // B's, no handset known
		confirmed(1, "+77011110001", 5*time.Second, "353918057811110"),  // A's
		confirmed(5, "+77011110005", time.Second, "352099001761481"),    // A's, not settled yet
		{ID: 6, MSISDN: "+77011110006", Status: kuzet.SimboxSuspectDismissed, StatusAt: t0.Add(-9 * time.Second)},
	}
	e, clock := MustEngine(t, telecom.Config{Store: store})
	if err := e.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	type entry struct {
		id     int64
		msisdn string
		imeis  int
	}
	read := func(org int64, since time.Time, cursor string, limit int) ([]entry, *telecom.BlocklistPage) {
		t.Helper()
		p, err := e.SimboxBlocklist(ctx, org, since, cursor, limit)
		if err != nil {
			t.Fatal(err)
		}
		var got []entry
		for _, x := range p.Entries {
			got = append(got, entry{x.ID, x.MSISDN, len(x.IMEIs)})
			if (x.MSISDN != "") != (x.BatchID != 0) {
				t.Errorf("entry %d: the batch goes with the number: got %+v", x.ID, x)
			}
		}
		return got, p
	}
	got, _ := read(opA, time.Time{}, "", 0)
	want := []entry{{4, "+77011110004", 1}, {2, "", 1}, {1, "+77011110001", 1}}
	if !slices.Equal(got, want) {
		t.Errorf("A's list: got %v, want %v", got, want)
	}
	got, _ = read(opB, time.Time{}, "", 0)
	want = []entry{{4, "", 1}, {2, "+77021110002", 1}, {3, "+77021110003", 0}, {1, "", 1}}
	if !slices.Equal(got, want) {
		t.Errorf("B's list: got %v, want %v", got, want)
	}
	if got, _ = read(opA, t0.Add(-6*time.Second), "", 0); !slices.Equal(got, []entry{{1, "+77011110001", 1}}) {
		t.Errorf("A's list since 6 s ago: got %v", got)
	}

	// Page by page: a cursor goes on where the page ended, past entries
	// that were not A's to see.
	var all []entry
	cursor := ""
	for range 10 {
		got, p := read(opA, time.Time{}, cursor, 1)
		all = append(all, got...)
		if p.Next == "" {
			t.Fatalf("a page without a cursor: %+v", p)
		}
		cursor = p.Next
		if !p.More {
			break
		}
	}
	if want := []entry{{4, "+77011110004", 1}, {2, "", 1}, {1, "+77011110001", 1}}; !slices.Equal(all, want) {
		t.Errorf("A's pages: got %v, want %v", all, want)
	}
	// The unsettled confirmation comes with the next poll, once settled.
	if got, _ := read(opA, time.Time{}, cursor, 0); len(got) != 0 {
		t.Errorf("polled at once: got %v, want nothing new", got)
	}
	clock.Add(2 * time.Second)
	if got, _ := read(opA, time.Time{}, cursor, 0); !slices.Equal(got, []entry{{5, "+77011110005", 1}}) {
		t.Errorf("polled later: got %v, want the new confirmation", got)
	}

	for _, c := range []string{"x", "12", "-1-2", "5-x"} {
		if _, err := e.SimboxBlocklist(ctx, opA, time.Time{}, c, 0); kuzet.ErrorCode(err) != kuzet.EINVALID {
			t.Errorf("cursor %q: got %v, want invalid", c, err)
		}
	}
	// An operator serving no numbers sees the handsets.
	if got, _ := read(7, time.Time{}, "", 0); !slices.Equal(got, []entry{{4, "", 1}, {2, "", 1}, {1, "", 1}, {5, "", 1}}) {
		t.Errorf("an operator with no numbers: got %v, want every handset", got)
	}
	if n := len(slices.DeleteFunc(store.auditActions(), func(a string) bool { return a != kuzet.AuditBlocklistRead })); n == 0 {
		t.Error("no audit entry of the reads")
	}
}
