package sqlstore

import (
	"encoding/json"
	"fmt"

	"github.com/kuzet/kuzet"
)

// The lists of the SIM-box tables (a batch's bad-row examples, a suspect's
// IMEIs, cells and reasons, a seizure's device IDs) are JSON text in both
// schemas, written with ListJSON.

// BatchColumns are the columns Batch reads, in order.
const BatchColumns = `id, org_id, status, map, gzip, sha256, bytes, lines, rows_read, bad_rows, duplicates,
	bad_row_examples, subscribers, suspects, simbox, devices, from_at, to_at, progress, partial, error, node,
	created_at, updated_at, started_at, finished_at`

// Batch reads one row of BatchColumns.
func (r Reader) Batch(s Scanner) (*kuzet.CDRBatch, error) {
	var (
		b        kuzet.CDRBatch
		examples string
	)
	if err := s.Scan(&b.ID, &b.OrgID, &b.Status, &b.Map, &b.Gzip, &b.SHA256, &b.Bytes, &b.Lines, &b.Rows, &b.BadRows,
		&b.Duplicates, &examples, &b.Subscribers, &b.Suspects, &b.Simbox, &b.Devices, r.d.Time(&b.From),
		r.d.Time(&b.To), &b.Progress, &b.Partial, &b.Error, &b.Node, r.d.Time(&b.CreatedAt), r.d.Time(&b.UpdatedAt),
		r.d.Time(&b.StartedAt), r.d.Time(&b.FinishedAt)); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(examples), &b.BadRowExamples); err != nil {
		return nil, fmt.Errorf("bad-row examples of CDR batch %d: %w", b.ID, err)
	}
	return &b, nil
}

// StoredBatch sets b's times and lists to what the store gives back.
func StoredBatch(b *kuzet.CDRBatch) {
	b.From, b.To = StoredOrZero(b.From), StoredOrZero(b.To)
	b.CreatedAt, b.UpdatedAt = Stored(b.CreatedAt), Stored(b.UpdatedAt)
	b.StartedAt, b.FinishedAt = StoredOrZero(b.StartedAt), StoredOrZero(b.FinishedAt)
	if b.BadRowExamples == nil {
		b.BadRowExamples = []kuzet.CDRBadRow{}
	}
}

// BatchError is the error of a write of b that violated c: ECONFLICT if b
// would be a second counted batch of its organisation with the same bytes,
// else err wrapped with op; nil for nil.
func BatchError(err error, c Constraint, op string, b *kuzet.CDRBatch) error {
	switch {
	case err == nil:
		return nil
	case c == Unique:
		return kuzet.Errorf(kuzet.ECONFLICT, "an upload with SHA-256 %s is already counted", b.SHA256)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// SuspectColumns are the columns Suspect reads, in order.
const SuspectColumns = `id, batch_id, org_id, msisdn, imeis, cells, score, verdict, reasons, device_id,
	first_seen, last_seen, features, status, status_at, decided_by, notes, created_at`

// Suspect reads one row of SuspectColumns.
func (r Reader) Suspect(s Scanner) (*kuzet.SimboxSuspect, error) {
	var (
		v                          kuzet.SimboxSuspect
		imeis, cells, reasons, ftr string
	)
	if err := s.Scan(&v.ID, &v.BatchID, &v.OrgID, &v.MSISDN, &imeis, &cells, &v.Score, &v.Verdict, &reasons,
		&v.DeviceID, r.d.Time(&v.FirstSeen), r.d.Time(&v.LastSeen), &ftr, &v.Status, r.d.Time(&v.StatusAt),
		&v.DecidedBy, &v.Notes, r.d.Time(&v.CreatedAt)); err != nil {
		return nil, err
	}
	if ftr != "" {
		v.Features = json.RawMessage(ftr)
	}
	for _, l := range []struct {
		doc string
		to  *[]string
	}{{imeis, &v.IMEIs}, {cells, &v.Cells}, {reasons, &v.Reasons}} {
		if err := json.Unmarshal([]byte(l.doc), l.to); err != nil {
			return nil, fmt.Errorf("lists of SIM-box suspect %d: %w", v.ID, err)
		}
	}
	return &v, nil
}

// SuspectDocs returns the JSON documents of s's IMEIs, cells and reasons.
func SuspectDocs(s *kuzet.SimboxSuspect) (imeis, cells, reasons string, err error) {
	if imeis, err = ListJSON(s.IMEIs); err != nil {
		return
	}
	if cells, err = ListJSON(s.Cells); err != nil {
		return
	}
	reasons, err = ListJSON(s.Reasons)
	return
}

// SuspectError is the error of the insert of s that violated c: ENOTFOUND
// if its batch does not exist, else err wrapped with op; nil for nil.
func SuspectError(err error, c Constraint, op string, s *kuzet.SimboxSuspect) error {
	switch {
	case err == nil:
		return nil
	case c == ForeignKey:
		return kuzet.Errorf(kuzet.ENOTFOUND, "CDR batch %d not found", s.BatchID)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// StoredSuspect sets s's times and lists to what the store gives back.
func StoredSuspect(s *kuzet.SimboxSuspect) {
	s.FirstSeen, s.LastSeen = Stored(s.FirstSeen), Stored(s.LastSeen)
	s.StatusAt, s.CreatedAt = Stored(s.StatusAt), Stored(s.CreatedAt)
	for _, l := range []*[]string{&s.IMEIs, &s.Cells, &s.Reasons} {
		if *l == nil {
			*l = []string{}
		}
	}
	if len(s.Features) == 0 {
		s.Features = nil
	}
}

// SeizureColumns are the columns Seizure reads, in order.
const SeizureColumns = `id, org_id, seized_on, region, devices, sims, device_ids, notes, created_at`

// Seizure reads one row of SeizureColumns.
func (r Reader) Seizure(s Scanner) (*kuzet.SimboxSeizure, error) {
	var (
		z   kuzet.SimboxSeizure
		ids string
	)
	if err := s.Scan(&z.ID, &z.OrgID, r.d.Time(&z.Date), &z.Region, &z.Devices, &z.SIMs, &ids, &z.Notes,
		r.d.Time(&z.CreatedAt)); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(ids), &z.DeviceIDs); err != nil {
		return nil, fmt.Errorf("device ids of seizure %d: %w", z.ID, err)
	}
	return &z, nil
}

// StoredSeizure sets z's times and lists to what the store gives back: its
// Date counts as the UTC day it falls on.
func StoredSeizure(z *kuzet.SimboxSeizure) {
	z.Date, z.CreatedAt = UTCDay(z.Date), Stored(z.CreatedAt)
	if z.DeviceIDs == nil {
		z.DeviceIDs = []string{}
	}
}

// SimboxCounts reads the row of a CountSimbox query: its ten counts in the
// order of kuzet.SimboxCounts.
func SimboxCounts(s Scanner) (kuzet.SimboxCounts, error) {
	var c kuzet.SimboxCounts
	err := s.Scan(&c.Batches, &c.Rows, &c.Suspects, &c.Simbox, &c.Devices, &c.Confirmed, &c.Dismissed,
		&c.Seizures, &c.DevicesSeized, &c.SIMsSeized)
	return c, err
}
