package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

// batchFilter is the part of a batches query after its leading condition:
// zero values select everything.
const batchFilter = `(?1 = 0 OR org_id = ?1) AND (?2 = '' OR status = ?2) AND (?3 = '' OR node = ?3)
		AND (?4 = '' OR sha256 = ?4) AND id > ?5
		ORDER BY id LIMIT ?6`

// suspectFilter is the part of a suspects query after its leading
// condition: zero values select everything.
const suspectFilter = `(?1 = 0 OR org_id = ?1) AND (?2 = 0 OR batch_id = ?2) AND (?3 = '' OR verdict = ?3)
		AND (?4 = '' OR status = ?4) AND (?5 = '' OR msisdn = ?5) AND (?6 = '' OR device_id = ?6) AND id > ?7
		ORDER BY id LIMIT ?8`

var (
	insertBatchQuery = prepare(`INSERT INTO cdr_batches (org_id, status, map, gzip, sha256, bytes, lines, rows_read,
			bad_rows, duplicates, bad_row_examples, subscribers, suspects, simbox, devices, from_at, to_at, progress,
			partial, error, node, created_at, updated_at, started_at, finished_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	findBatchQuery = prepare(`SELECT ` + sqlstore.BatchColumns + ` FROM cdr_batches WHERE id = ?2 AND (?1 = 0 OR org_id = ?1)`)
	// One statement per leading condition, so that an operator's list is
	// read from its index and the analyser's queue from the status's.
	findBatchesQuery      = prepare(`SELECT ` + sqlstore.BatchColumns + ` FROM cdr_batches WHERE ` + batchFilter)
	findBatchesByOrgQuery = prepare(`SELECT ` + sqlstore.BatchColumns + ` FROM cdr_batches
		WHERE org_id = ?1 AND ` + batchFilter)
	findBatchesByStatusQuery = prepare(`SELECT ` + sqlstore.BatchColumns + ` FROM cdr_batches
		WHERE status = ?2 AND ` + batchFilter)
	updateBatchQuery = prepare(`UPDATE cdr_batches SET status = ?, map = ?, gzip = ?, sha256 = ?, bytes = ?,
			lines = ?, rows_read = ?, bad_rows = ?, duplicates = ?, bad_row_examples = ?, subscribers = ?,
			suspects = ?, simbox = ?, devices = ?, from_at = ?, to_at = ?, progress = ?, partial = ?, error = ?,
			node = ?, updated_at = ?, started_at = ?, finished_at = ?
		WHERE id = ? AND status = ?`)
	batchStatusQuery = prepare(`SELECT status FROM cdr_batches WHERE id = ?`)

	insertSuspectQuery = prepare(`INSERT INTO simbox_suspects (batch_id, org_id, msisdn, imeis, cells, score,
			verdict, reasons, device_id, first_seen, last_seen, features, status, status_at, decided_by, notes,
			created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	findSuspectQuery = prepare(`SELECT ` + sqlstore.SuspectColumns + ` FROM simbox_suspects
		WHERE id = ?2 AND (?1 = 0 OR org_id = ?1)`)
	// One statement per index, chosen by the most selective condition
	// given, so that a number's or a batch's suspects are not found by
	// scanning them all.
	findSuspectsQuery         = prepare(`SELECT ` + sqlstore.SuspectColumns + ` FROM simbox_suspects WHERE ` + suspectFilter)
	findSuspectsByMSISDNQuery = prepare(`SELECT ` + sqlstore.SuspectColumns + ` FROM simbox_suspects
		WHERE msisdn = ?5 AND ` + suspectFilter)
	findSuspectsByBatchQuery = prepare(`SELECT ` + sqlstore.SuspectColumns + ` FROM simbox_suspects
		WHERE batch_id = ?2 AND ` + suspectFilter)
	findSuspectsByStatusQuery = prepare(`SELECT ` + sqlstore.SuspectColumns + ` FROM simbox_suspects
		WHERE status = ?4 AND ` + suspectFilter)
	updateSuspectQuery = prepare(`UPDATE simbox_suspects SET status = ?, status_at = ?, decided_by = ?, notes = ?
		WHERE id = ? AND status = ?`)
	suspectStatusQuery = prepare(`SELECT status FROM simbox_suspects WHERE id = ?`)

	insertSeizureQuery = prepare(`INSERT INTO simbox_seizures
			(org_id, seized_on, region, devices, sims, device_ids, notes, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	findSeizuresQuery = prepare(`SELECT ` + sqlstore.SeizureColumns + ` FROM simbox_seizures
		WHERE (?1 IS NULL OR seized_on >= ?1) AND (?2 IS NULL OR seized_on < ?2) AND id > ?3
		ORDER BY id LIMIT ?4`)

	countSimboxQuery = prepare(`SELECT
		(SELECT count(*) FROM cdr_batches
			WHERE status = 'done' AND (?1 IS NULL OR finished_at >= ?1) AND (?2 IS NULL OR finished_at < ?2)),
		(SELECT coalesce(sum(rows_read), 0) FROM cdr_batches
			WHERE status = 'done' AND (?1 IS NULL OR finished_at >= ?1) AND (?2 IS NULL OR finished_at < ?2)),
		(SELECT count(*) FROM simbox_suspects
			WHERE (?1 IS NULL OR created_at >= ?1) AND (?2 IS NULL OR created_at < ?2)),
		(SELECT count(*) FROM simbox_suspects
			WHERE verdict = 'simbox' AND (?1 IS NULL OR created_at >= ?1) AND (?2 IS NULL OR created_at < ?2)),
		(SELECT count(DISTINCT batch_id || ':' || device_id) FROM simbox_suspects
			WHERE device_id <> '' AND (?1 IS NULL OR created_at >= ?1) AND (?2 IS NULL OR created_at < ?2)),
		(SELECT count(*) FROM simbox_suspects
			WHERE status = 'confirmed' AND (?1 IS NULL OR status_at >= ?1) AND (?2 IS NULL OR status_at < ?2)),
		(SELECT count(*) FROM simbox_suspects
			WHERE status = 'dismissed' AND (?1 IS NULL OR status_at >= ?1) AND (?2 IS NULL OR status_at < ?2)),
		(SELECT count(*) FROM simbox_seizures
			WHERE (?3 IS NULL OR seized_on >= ?3) AND (?4 IS NULL OR seized_on < ?4)),
		(SELECT coalesce(sum(devices), 0) FROM simbox_seizures
			WHERE (?3 IS NULL OR seized_on >= ?3) AND (?4 IS NULL OR seized_on < ?4)),
		(SELECT coalesce(sum(sims), 0) FROM simbox_seizures
			WHERE (?3 IS NULL OR seized_on >= ?3) AND (?4 IS NULL OR seized_on < ?4))`)
)

var _ kuzet.SimboxStore = (*tx)(nil)

// CreateCDRBatch inserts b and sets b.ID.
func (tx *tx) CreateCDRBatch(ctx context.Context, b *kuzet.CDRBatch) error {
	examples, err := sqlstore.ListJSON(b.BadRowExamples)
	if err != nil {
		return fmt.Errorf("sqlite: create cdr batch: %w", err)
	}
	id, err := tx.insert(ctx, insertBatchQuery, b.OrgID, string(b.Status), b.Map, b.Gzip, b.SHA256,
		b.Bytes, b.Lines, b.Rows, b.BadRows, b.Duplicates, examples, b.Subscribers, b.Suspects, b.Simbox, b.Devices,
		nullMicros(b.From), nullMicros(b.To), b.Progress, b.Partial, b.Error, b.Node, micros(b.CreatedAt),
		micros(b.UpdatedAt), nullMicros(b.StartedAt), nullMicros(b.FinishedAt))
	if err = sqlstore.BatchError(err, constraint(err), "sqlite: create cdr batch", b); err != nil {
		return err
	}
	b.ID = id
	sqlstore.StoredBatch(b)
	return nil
}

// FindCDRBatch returns ENOTFOUND if there is no batch with id or it belongs
// to another organisation than orgID (0: any).
func (tx *tx) FindCDRBatch(ctx context.Context, orgID, id int64) (*kuzet.CDRBatch, error) {
	return sqlstore.One(tx.stmt(ctx, findBatchQuery).QueryRowContext(ctx, orgID, id), "sqlite: find cdr batch",
		read.Batch, "CDR batch %d not found", id)
}

// FindCDRBatches returns the batches f selects, by ascending ID, at most
// kuzet.WebPageLimit(f.Limit).
func (tx *tx) FindCDRBatches(ctx context.Context, f kuzet.CDRBatchFilter) ([]*kuzet.CDRBatch, error) {
	q := findBatchesQuery
	switch {
	case f.OrgID != 0:
		q = findBatchesByOrgQuery
	case f.Status != "":
		q = findBatchesByStatusQuery
	}
	return collect(ctx, tx, q, "sqlite: find cdr batches", read.Batch, f.OrgID, string(f.Status), f.Node, f.SHA256,
		f.AfterID, kuzet.WebPageLimit(f.Limit))
}

// UpdateCDRBatch stores every field of b but ID, OrgID and CreatedAt,
// provided the stored status is still from. Returns ENOTFOUND if b.ID is
// not stored, ECONFLICT if its status is not from or b would be a second
// counted batch of its organisation with the same SHA256.
func (tx *tx) UpdateCDRBatch(ctx context.Context, b *kuzet.CDRBatch, from kuzet.CDRBatchStatus) error {
	examples, err := sqlstore.ListJSON(b.BadRowExamples)
	if err != nil {
		return fmt.Errorf("sqlite: update cdr batch: %w", err)
	}
	n, err := tx.exec(ctx, updateBatchQuery, string(b.Status), b.Map, b.Gzip, b.SHA256, b.Bytes,
		b.Lines, b.Rows, b.BadRows, b.Duplicates, examples, b.Subscribers, b.Suspects, b.Simbox, b.Devices,
		nullMicros(b.From), nullMicros(b.To), b.Progress, b.Partial, b.Error, b.Node, micros(b.UpdatedAt),
		nullMicros(b.StartedAt), nullMicros(b.FinishedAt), b.ID, string(from))
	if err = sqlstore.BatchError(err, constraint(err), "sqlite: update cdr batch", b); err != nil {
		return err
	}
	if n == 0 {
		return sqlstore.NotUpdated(tx.stmt(ctx, batchStatusQuery).QueryRowContext(ctx, b.ID), "sqlite: update cdr batch",
			from, fmt.Sprintf("CDR batch %d", b.ID), fmt.Sprintf("CDR batch %d not found", b.ID))
	}
	sqlstore.StoredBatch(b)
	return nil
}

// CreateSimboxSuspects inserts the suspects, in order, and sets their IDs.
// Their batch must exist.
func (tx *tx) CreateSimboxSuspects(ctx context.Context, ss []*kuzet.SimboxSuspect) error {
	for _, s := range ss {
		imeis, cells, reasons, err := sqlstore.SuspectDocs(s)
		if err != nil {
			return fmt.Errorf("sqlite: create simbox suspects: %w", err)
		}
		id, err := tx.insert(ctx, insertSuspectQuery, s.BatchID, s.OrgID, s.MSISDN, imeis, cells, s.Score,
			string(s.Verdict), reasons, s.DeviceID, micros(s.FirstSeen), micros(s.LastSeen), string(s.Features),
			string(s.Status), micros(s.StatusAt), s.DecidedBy, s.Notes, micros(s.CreatedAt))
		if err = sqlstore.SuspectError(err, constraint(err), "sqlite: create simbox suspects", s); err != nil {
			return err
		}
		s.ID = id
		sqlstore.StoredSuspect(s)
	}
	return nil
}

// FindSimboxSuspect returns ENOTFOUND if there is no suspect with id or it
// came from another organisation's extract than orgID (0: any).
func (tx *tx) FindSimboxSuspect(ctx context.Context, orgID, id int64) (*kuzet.SimboxSuspect, error) {
	return sqlstore.One(tx.stmt(ctx, findSuspectQuery).QueryRowContext(ctx, orgID, id), "sqlite: find simbox suspect",
		read.Suspect, "SIM-box suspect %d not found", id)
}

// FindSimboxSuspects returns the suspects f selects, by ascending ID, at
// most kuzet.WebPageLimit(f.Limit).
func (tx *tx) FindSimboxSuspects(ctx context.Context, f kuzet.SimboxSuspectFilter) ([]*kuzet.SimboxSuspect, error) {
	q := findSuspectsQuery
	switch {
	case f.MSISDN != "":
		q = findSuspectsByMSISDNQuery
	case f.BatchID != 0:
		q = findSuspectsByBatchQuery
	case f.Status != "":
		q = findSuspectsByStatusQuery
	}
	return collect(ctx, tx, q, "sqlite: find simbox suspects", read.Suspect, f.OrgID, f.BatchID, string(f.Verdict),
		string(f.Status), f.MSISDN, f.DeviceID, f.AfterID, kuzet.WebPageLimit(f.Limit))
}

// UpdateSimboxSuspect stores s's Status, StatusAt, DecidedBy and Notes,
// provided the stored status is still from. Returns ENOTFOUND if s.ID is
// not stored, ECONFLICT if its status is not from.
func (tx *tx) UpdateSimboxSuspect(ctx context.Context, s *kuzet.SimboxSuspect, from kuzet.SimboxSuspectStatus) error {
	n, err := tx.exec(ctx, updateSuspectQuery, string(s.Status), micros(s.StatusAt), s.DecidedBy,
		s.Notes, s.ID, string(from))
	if err != nil {
		return fmt.Errorf("sqlite: update simbox suspect: %w", err)
	}
	if n == 0 {
		return sqlstore.NotUpdated(tx.stmt(ctx, suspectStatusQuery).QueryRowContext(ctx, s.ID),
			"sqlite: update simbox suspect", from, fmt.Sprintf("SIM-box suspect %d", s.ID),
			fmt.Sprintf("SIM-box suspect %d not found", s.ID))
	}
	s.StatusAt = sqlstore.Stored(s.StatusAt)
	return nil
}

// CreateSimboxSeizure inserts z and sets z.ID. Its Date counts as the UTC
// day it falls on.
func (tx *tx) CreateSimboxSeizure(ctx context.Context, z *kuzet.SimboxSeizure) error {
	ids, err := sqlstore.ListJSON(z.DeviceIDs)
	if err != nil {
		return fmt.Errorf("sqlite: create simbox seizure: %w", err)
	}
	id, err := tx.insert(ctx, insertSeizureQuery, z.OrgID, micros(sqlstore.UTCDay(z.Date)), z.Region, z.Devices,
		z.SIMs, ids, z.Notes, micros(z.CreatedAt))
	if err != nil {
		return fmt.Errorf("sqlite: create simbox seizure: %w", err)
	}
	z.ID = id
	sqlstore.StoredSeizure(z)
	return nil
}

// FindSimboxSeizures returns the seizures f selects, by ascending ID, at
// most kuzet.WebPageLimit(f.Limit). The bounds count in whole UTC days.
func (tx *tx) FindSimboxSeizures(ctx context.Context, f kuzet.SimboxSeizureFilter) ([]*kuzet.SimboxSeizure, error) {
	from, to := sqlstore.Days(f.From, f.To)
	return collect(ctx, tx, findSeizuresQuery, "sqlite: find simbox seizures", read.Seizure, nullMicros(from),
		nullMicros(to), f.AfterID, kuzet.WebPageLimit(f.Limit))
}

// CountSimbox returns the figures for the period from (included) to
// (excluded); a zero bound does not limit. Seizures count in whole UTC
// days, as their dates are days.
func (tx *tx) CountSimbox(ctx context.Context, from, to time.Time) (kuzet.SimboxCounts, error) {
	dayFrom, dayTo := sqlstore.Days(from, to)
	c, err := sqlstore.SimboxCounts(tx.stmt(ctx, countSimboxQuery).QueryRowContext(ctx, nullMicros(from), nullMicros(to),
		nullMicros(dayFrom), nullMicros(dayTo)))
	if err != nil {
		return kuzet.SimboxCounts{}, fmt.Errorf("sqlite: count simbox: %w", err)
	}
	return c, nil
}
