package storetest

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
)

// newCDRBatch is a batch of org as the upload starts it.
func newCDRBatch(org int64, node string) *kuzet.CDRBatch {
	return &kuzet.CDRBatch{OrgID: org, Status: kuzet.CDRBatchUploading, Node: node, CreatedAt: base, UpdatedAt: base}
}

func createCDRBatch(t *testing.T, s kuzet.Store, b *kuzet.CDRBatch) *kuzet.CDRBatch {
	t.Helper()
	update(t, s, func(ctx context.Context, tx kuzet.Tx) {
		must(t, "create cdr batch", tx.CreateCDRBatch(ctx, b))
	})
	return b
}

func findCDRBatches(t *testing.T, s kuzet.Store, f kuzet.CDRBatchFilter) []kuzet.CDRBatch {
	t.Helper()
	return values(find(t, s, "find cdr batches", kuzet.Tx.FindCDRBatches, f))
}

func findSimboxSuspects(t *testing.T, s kuzet.Store, f kuzet.SimboxSuspectFilter) []kuzet.SimboxSuspect {
	t.Helper()
	return values(find(t, s, "find simbox suspects", kuzet.Tx.FindSimboxSuspects, f))
}

// simboxIDs lists the IDs of batches or suspects, to compare selections.
func simboxIDs[T any](list []T, id func(*T) int64) []int64 {
	out := []int64{}
	for i := range list {
		out = append(out, id(&list[i]))
	}
	return out
}

func cdrBatchID(b *kuzet.CDRBatch) int64           { return b.ID }
func simboxSuspectID(s *kuzet.SimboxSuspect) int64 { return s.ID }

// newSimboxSuspect is a stored-to-be suspect of batch b.
func newSimboxSuspect(b *kuzet.CDRBatch, msisdn string, verdict kuzet.SimboxVerdict, device string) *kuzet.SimboxSuspect {
	return &kuzet.SimboxSuspect{
		BatchID: b.ID, OrgID: b.OrgID, MSISDN: msisdn, IMEIs: []string{"356938035643809"}, Cells: []string{"401-1", "401-2"},
		Score: 0.93, Verdict: verdict, Reasons: []string{"no_callbacks", "fan_out"}, DeviceID: device,
		FirstSeen: base, LastSeen: base.Add(48 * time.Hour), Features: json.RawMessage(`{"calls_out":410}`),
		Status: kuzet.SimboxSuspectOpen, StatusAt: base, CreatedAt: base,
	}
}

func testSimbox(t *testing.T, open func(t *testing.T) kuzet.Store) {
	t.Run("Batch", func(t *testing.T) {
		s := open(t)
		op := createOrg(t, s, "Kcell", kuzet.OrgTelco)
		other := createOrg(t, s, "Beeline", kuzet.OrgTelco)
		b := createCDRBatch(t, s, newCDRBatch(op.ID, "node-a"))
		if b.ID == 0 || !b.CreatedAt.Equal(us(base)) || b.CreatedAt.Location() != time.UTC {
			t.Fatalf("create: got ID %d CreatedAt %v, want an ID and %v", b.ID, b.CreatedAt, us(base))
		}
		if b.BadRowExamples == nil {
			t.Errorf("create: BadRowExamples left nil, want empty as stored")
		}
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			got, err := tx.FindCDRBatch(ctx, op.ID, b.ID)
			must(t, "find own batch", err)
			same(t, "batch as created", *got, *b)
			_, err = tx.FindCDRBatch(ctx, 0, b.ID)
			must(t, "find batch as the police", err)
			_, err = tx.FindCDRBatch(ctx, other.ID, b.ID)
			wantCode(t, "find another operator's batch", err, kuzet.ENOTFOUND)
			_, err = tx.FindCDRBatch(ctx, 0, b.ID+100)
			wantCode(t, "find unknown batch", err, kuzet.ENOTFOUND)
		})

		// Every field but the identity and creation round-trips.
		b.Status, b.Map, b.Gzip, b.SHA256 = kuzet.CDRBatchDone, "msisdn=A_NUMBER", true, "ab12"
		b.Bytes, b.Lines, b.Rows, b.BadRows, b.Duplicates = 1<<33, 100, 97, 2, 1
		b.BadRowExamples = []kuzet.CDRBadRow{{Line: 7, Reason: "start_time: not a time", Text: "MOC,yesterday,…"}}
		b.Subscribers, b.Suspects, b.Simbox, b.Devices = 40, 3, 2, 1
		b.From, b.To = base.Add(-72*time.Hour), base.Add(-time.Hour)
		b.Progress, b.Partial, b.Error, b.Node = 1, true, "read CDR extract: disk failure", "node-b"
		b.UpdatedAt, b.StartedAt, b.FinishedAt = base.Add(time.Minute), base.Add(time.Second), base.Add(time.Minute)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "update batch", tx.UpdateCDRBatch(ctx, b, kuzet.CDRBatchUploading))
		})
		if !b.FinishedAt.Equal(us(base.Add(time.Minute))) {
			t.Errorf("update: FinishedAt set to %v, want %v", b.FinishedAt, us(base.Add(time.Minute)))
		}
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			got, err := tx.FindCDRBatch(ctx, op.ID, b.ID)
			must(t, "find updated batch", err)
			same(t, "batch as updated", *got, *b)
		})

		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			wantCode(t, "update from a stale status", tx.UpdateCDRBatch(ctx, b, kuzet.CDRBatchAnalysing), kuzet.ECONFLICT)
			ghost := *b
			ghost.ID += 100
			wantCode(t, "update unknown batch", tx.UpdateCDRBatch(ctx, &ghost, kuzet.CDRBatchDone), kuzet.ENOTFOUND)
		})
	})

	t.Run("SameBytesCountOnce", func(t *testing.T) {
		s := open(t)
		op := createOrg(t, s, "Kcell", kuzet.OrgTelco)
		other := createOrg(t, s, "Beeline", kuzet.OrgTelco)
		first := newCDRBatch(op.ID, "n")
		first.Status, first.SHA256 = kuzet.CDRBatchQueued, "cafe"
		createCDRBatch(t, s, first)
		// A rejected upload of the same bytes, another operator's, and one
		// still arriving do not count.
		rejected := newCDRBatch(op.ID, "n")
		rejected.Status, rejected.SHA256 = kuzet.CDRBatchRejected, "cafe"
		createCDRBatch(t, s, rejected)
		theirs := newCDRBatch(other.ID, "n")
		theirs.Status, theirs.SHA256 = kuzet.CDRBatchDone, "cafe"
		createCDRBatch(t, s, theirs)
		second := createCDRBatch(t, s, newCDRBatch(op.ID, "n"))

		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			second.Status, second.SHA256 = kuzet.CDRBatchQueued, "cafe"
			wantCode(t, "queue the same bytes again", tx.UpdateCDRBatch(ctx, second, kuzet.CDRBatchUploading), kuzet.ECONFLICT)
			dup := newCDRBatch(op.ID, "n")
			dup.Status, dup.SHA256 = kuzet.CDRBatchDone, "cafe"
			wantCode(t, "create the same bytes counted", tx.CreateCDRBatch(ctx, dup), kuzet.ECONFLICT)
			// The transaction is still usable after the conflicts.
			second.Status, second.Error = kuzet.CDRBatchRejected, "the same bytes as batch 1"
			must(t, "reject the second upload", tx.UpdateCDRBatch(ctx, second, kuzet.CDRBatchUploading))
		})
		same(t, "batches with those bytes", simboxIDs(findCDRBatches(t, s, kuzet.CDRBatchFilter{OrgID: op.ID, SHA256: "cafe"}), cdrBatchID),
			[]int64{first.ID, rejected.ID, second.ID})

		// Once the first failed, the bytes may be counted again.
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			first.Status = kuzet.CDRBatchFailed
			must(t, "fail the first", tx.UpdateCDRBatch(ctx, first, kuzet.CDRBatchQueued))
			again := newCDRBatch(op.ID, "n")
			again.Status, again.SHA256 = kuzet.CDRBatchQueued, "cafe"
			must(t, "count the bytes again", tx.CreateCDRBatch(ctx, again))
		})
	})

	t.Run("FindBatches", func(t *testing.T) {
		s := open(t)
		a := createOrg(t, s, "Kcell", kuzet.OrgTelco)
		b := createOrg(t, s, "Beeline", kuzet.OrgTelco)
		var all []int64
		for i, spec := range []struct {
			org    int64
			node   string
			status kuzet.CDRBatchStatus
		}{
			{a.ID, "n1", kuzet.CDRBatchQueued}, {b.ID, "n1", kuzet.CDRBatchQueued}, {a.ID, "n2", kuzet.CDRBatchQueued},
			{a.ID, "n1", kuzet.CDRBatchDone}, {b.ID, "n2", kuzet.CDRBatchAnalysing},
		} {
			x := newCDRBatch(spec.org, spec.node)
			x.Status, x.CreatedAt = spec.status, base.Add(time.Duration(i)*time.Second)
			all = append(all, createCDRBatch(t, s, x).ID)
		}
		for _, tc := range []struct {
			name string
			f    kuzet.CDRBatchFilter
			want []int64
		}{
			{"everything", kuzet.CDRBatchFilter{}, all},
			{"one operator", kuzet.CDRBatchFilter{OrgID: a.ID}, []int64{all[0], all[2], all[3]}},
			{"one operator's queue", kuzet.CDRBatchFilter{OrgID: a.ID, Status: kuzet.CDRBatchQueued}, []int64{all[0], all[2]}},
			{"one node's queue", kuzet.CDRBatchFilter{Status: kuzet.CDRBatchQueued, Node: "n1"}, []int64{all[0], all[1]}},
			{"a page", kuzet.CDRBatchFilter{Limit: 2}, all[:2]},
			{"the next page", kuzet.CDRBatchFilter{AfterID: all[1], Limit: 2}, all[2:4]},
			{"nothing", kuzet.CDRBatchFilter{Status: kuzet.CDRBatchRejected}, []int64{}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				same(t, "batch IDs", simboxIDs(findCDRBatches(t, s, tc.f), cdrBatchID), tc.want)
			})
		}
	})

	t.Run("Suspects", func(t *testing.T) {
		s := open(t)
		op := createOrg(t, s, "Kcell", kuzet.OrgTelco)
		other := createOrg(t, s, "Beeline", kuzet.OrgTelco)
		b1 := createCDRBatch(t, s, newCDRBatch(op.ID, "n"))
		b2 := createCDRBatch(t, s, newCDRBatch(other.ID, "n"))
		ss := []*kuzet.SimboxSuspect{
			newSimboxSuspect(b1, "+77011110001", kuzet.SimboxVerdictSimbox, "dev-1"),
			newSimboxSuspect(b1, "+77011110002", kuzet.SimboxVerdictSimbox, "dev-1"),
			newSimboxSuspect(b1, "+77011110003", kuzet.SimboxVerdictSuspect, ""),
			newSimboxSuspect(b2, "+77011110001", kuzet.SimboxVerdictSuspect, "dev-1"),
		}
		ss[2].IMEIs, ss[2].Features = nil, nil
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "create suspects", tx.CreateSimboxSuspects(ctx, ss))
		})
		for i := 1; i < len(ss); i++ {
			if ss[i].ID <= ss[i-1].ID {
				t.Fatalf("suspect IDs %d then %d, want ascending in insertion order", ss[i-1].ID, ss[i].ID)
			}
		}
		if ss[2].IMEIs == nil || !ss[0].StatusAt.Equal(us(base)) {
			t.Errorf("create: IMEIs %v StatusAt %v, want empty and %v as stored", ss[2].IMEIs, ss[0].StatusAt, us(base))
		}
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			got, err := tx.FindSimboxSuspect(ctx, 0, ss[0].ID)
			must(t, "find suspect", err)
			same(t, "suspect", *got, *ss[0])
			got, err = tx.FindSimboxSuspect(ctx, op.ID, ss[2].ID)
			must(t, "find own suspect", err)
			same(t, "suspect without IMEIs or features", *got, *ss[2])
			_, err = tx.FindSimboxSuspect(ctx, other.ID, ss[0].ID)
			wantCode(t, "find another operator's suspect", err, kuzet.ENOTFOUND)
		})
		// In a transaction of its own, rolled back: after the violated
		// reference PostgreSQL takes no more statements in it.
		func() {
			tx, err := s.Begin(t.Context(), true)
			must(t, "begin", err)
			defer tx.Rollback()
			orphan := newSimboxSuspect(&kuzet.CDRBatch{ID: b2.ID + 100, OrgID: op.ID}, "+77011110009", kuzet.SimboxVerdictSimbox, "")
			wantCode(t, "suspect of an unknown batch", tx.CreateSimboxSuspects(t.Context(), []*kuzet.SimboxSuspect{orphan}), kuzet.ENOTFOUND)
		}()

		id := func(i int) int64 { return ss[i].ID }
		for _, tc := range []struct {
			name string
			f    kuzet.SimboxSuspectFilter
			want []int64
		}{
			{"everything", kuzet.SimboxSuspectFilter{}, []int64{id(0), id(1), id(2), id(3)}},
			{"one operator", kuzet.SimboxSuspectFilter{OrgID: other.ID}, []int64{id(3)}},
			{"one batch", kuzet.SimboxSuspectFilter{BatchID: b1.ID}, []int64{id(0), id(1), id(2)}},
			{"a verdict", kuzet.SimboxSuspectFilter{Verdict: kuzet.SimboxVerdictSuspect}, []int64{id(2), id(3)}},
			{"a number", kuzet.SimboxSuspectFilter{MSISDN: "+77011110001"}, []int64{id(0), id(3)}},
			{"a number in a batch", kuzet.SimboxSuspectFilter{MSISDN: "+77011110001", BatchID: b2.ID}, []int64{id(3)}},
			{"a device", kuzet.SimboxSuspectFilter{BatchID: b1.ID, DeviceID: "dev-1"}, []int64{id(0), id(1)}},
			{"a status", kuzet.SimboxSuspectFilter{Status: kuzet.SimboxSuspectOpen, Limit: 2}, []int64{id(0), id(1)}},
			{"the next page", kuzet.SimboxSuspectFilter{Status: kuzet.SimboxSuspectOpen, AfterID: id(1)}, []int64{id(2), id(3)}},
			{"none confirmed", kuzet.SimboxSuspectFilter{Status: kuzet.SimboxSuspectConfirmed}, []int64{}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				same(t, "suspect IDs", simboxIDs(findSimboxSuspects(t, s, tc.f), simboxSuspectID), tc.want)
			})
		}

		c := *ss[1]
		c.Status, c.StatusAt, c.DecidedBy, c.Notes = kuzet.SimboxSuspectConfirmed, base.Add(time.Hour), 9, "seized"
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "confirm", tx.UpdateSimboxSuspect(ctx, &c, kuzet.SimboxSuspectOpen))
			again := c
			again.Status = kuzet.SimboxSuspectDismissed
			wantCode(t, "dismiss a confirmed suspect as open", tx.UpdateSimboxSuspect(ctx, &again, kuzet.SimboxSuspectOpen), kuzet.ECONFLICT)
			again.ID = ss[3].ID + 100
			wantCode(t, "update unknown suspect", tx.UpdateSimboxSuspect(ctx, &again, kuzet.SimboxSuspectOpen), kuzet.ENOTFOUND)
		})
		got := findSimboxSuspects(t, s, kuzet.SimboxSuspectFilter{Status: kuzet.SimboxSuspectConfirmed})
		same(t, "confirmed suspects", got, []kuzet.SimboxSuspect{c})
	})

	t.Run("SeizuresAndCounts", func(t *testing.T) {
		s := open(t)
		op := createOrg(t, s, "Kcell", kuzet.OrgTelco)
		police := createOrg(t, s, "Cyber Police", kuzet.OrgPolice)
		day := time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)

		// A batch finished on day 1 with three suspects in two devices; one
		// confirmed on day 2, one dismissed on day 3.
		b := newCDRBatch(op.ID, "n")
		b.Status, b.Rows, b.FinishedAt = kuzet.CDRBatchDone, 1000, day.Add(10*time.Hour)
		createCDRBatch(t, s, b)
		unfinished := newCDRBatch(op.ID, "n")
		unfinished.Status, unfinished.Rows = kuzet.CDRBatchAnalysing, 50
		createCDRBatch(t, s, unfinished)
		ss := []*kuzet.SimboxSuspect{
			newSimboxSuspect(b, "+77011110001", kuzet.SimboxVerdictSimbox, "dev-1"),
			newSimboxSuspect(b, "+77011110002", kuzet.SimboxVerdictSimbox, "dev-1"),
			newSimboxSuspect(b, "+77011110003", kuzet.SimboxVerdictSuspect, "dev-2"),
			newSimboxSuspect(b, "+77011110004", kuzet.SimboxVerdictSuspect, ""),
		}
		for _, x := range ss {
			x.CreatedAt, x.StatusAt = day.Add(11*time.Hour), day.Add(11*time.Hour)
		}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "create suspects", tx.CreateSimboxSuspects(ctx, ss))
			ss[0].Status, ss[0].StatusAt = kuzet.SimboxSuspectConfirmed, day.Add(30*time.Hour)
			must(t, "confirm", tx.UpdateSimboxSuspect(ctx, ss[0], kuzet.SimboxSuspectOpen))
			ss[3].Status, ss[3].StatusAt = kuzet.SimboxSuspectDismissed, day.Add(50*time.Hour)
			must(t, "dismiss", tx.UpdateSimboxSuspect(ctx, ss[3], kuzet.SimboxSuspectOpen))
		})

		// Seizures on day 2 (given with a time of day: the day counts) and
		// day 4.
		z1 := &kuzet.SimboxSeizure{OrgID: police.ID, Date: day.Add(24*time.Hour + 15*time.Hour), Region: "Almaty",
			Devices: 2, SIMs: 128, DeviceIDs: []string{"dev-1"}, Notes: "raid", CreatedAt: base}
		z2 := &kuzet.SimboxSeizure{OrgID: police.ID, Date: day.Add(72 * time.Hour), Devices: 1, SIMs: 32, CreatedAt: base}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "record seizure", tx.CreateSimboxSeizure(ctx, z1))
			must(t, "record seizure", tx.CreateSimboxSeizure(ctx, z2))
		})
		if want := day.Add(24 * time.Hour); !z1.Date.Equal(want) || z1.ID == 0 || z2.DeviceIDs == nil {
			t.Errorf("seizure: Date %v ID %d DeviceIDs %v, want %v, an ID and an empty list", z1.Date, z1.ID, z2.DeviceIDs, want)
		}
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			all, err := tx.FindSimboxSeizures(ctx, kuzet.SimboxSeizureFilter{})
			must(t, "find seizures", err)
			same(t, "seizures", values(all), []kuzet.SimboxSeizure{*z1, *z2})
			some, err := tx.FindSimboxSeizures(ctx, kuzet.SimboxSeizureFilter{From: day.Add(36 * time.Hour), To: day.Add(96 * time.Hour)})
			must(t, "find seizures in a period", err)
			same(t, "seizures from day 2 (by its date) to day 4", values(some), []kuzet.SimboxSeizure{*z1, *z2})
			some, err = tx.FindSimboxSeizures(ctx, kuzet.SimboxSeizureFilter{To: day.Add(72 * time.Hour)})
			must(t, "find seizures before day 4", err)
			same(t, "seizures before day 4", values(some), []kuzet.SimboxSeizure{*z1})
			some, err = tx.FindSimboxSeizures(ctx, kuzet.SimboxSeizureFilter{AfterID: z1.ID, Limit: 5})
			must(t, "find the next page of seizures", err)
			same(t, "the next page", values(some), []kuzet.SimboxSeizure{*z2})
		})

		for _, tc := range []struct {
			name     string
			from, to time.Time
			want     kuzet.SimboxCounts
		}{
			{"all time", time.Time{}, time.Time{}, kuzet.SimboxCounts{Batches: 1, Rows: 1000, Suspects: 4, Simbox: 2,
				Devices: 2, Confirmed: 1, Dismissed: 1, Seizures: 2, DevicesSeized: 3, SIMsSeized: 160}},
			{"day 1", day, day.Add(24 * time.Hour), kuzet.SimboxCounts{Batches: 1, Rows: 1000, Suspects: 4, Simbox: 2,
				Devices: 2}},
			{"day 2", day.Add(24 * time.Hour), day.Add(48 * time.Hour), kuzet.SimboxCounts{Confirmed: 1, Seizures: 1,
				DevicesSeized: 2, SIMsSeized: 128}},
			{"from day 3", day.Add(48 * time.Hour), time.Time{}, kuzet.SimboxCounts{Dismissed: 1, Seizures: 1,
				DevicesSeized: 1, SIMsSeized: 32}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				view(t, s, func(ctx context.Context, tx kuzet.Tx) {
					got, err := tx.CountSimbox(ctx, tc.from, tc.to)
					must(t, "count simbox", err)
					same(t, "counts", got, tc.want)
				})
			})
		}
	})
}
