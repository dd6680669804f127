package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/kuzet/kuzet"
)

const batchColumns = `id, org_id, status, map, gzip, sha256, bytes, lines, rows_read, bad_rows, duplicates,
	bad_row_examples, subscribers, suspects, simbox, devices, from_at, to_at, progress, partial, error, node,
	created_at, updated_at, started_at, finished_at`

const suspectColumns = `id, batch_id, org_id, msisdn, imeis, cells, score, verdict, reasons, device_id,
	first_seen, last_seen, features, status, status_at, decided_by, notes, created_at`

const seizureColumns = `id, org_id, seized_on, region, devices, sims, device_ids, notes, created_at`

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
	findBatchQuery = prepare(`SELECT ` + batchColumns + ` FROM cdr_batches WHERE id = ?2 AND (?1 = 0 OR org_id = ?1)`)
	// One statement per leading condition, so that an operator's list is
	// read from its index and the analyser's queue from the status's.
	findBatchesQuery      = prepare(`SELECT ` + batchColumns + ` FROM cdr_batches WHERE ` + batchFilter)
	findBatchesByOrgQuery = prepare(`SELECT ` + batchColumns + ` FROM cdr_batches
		WHERE org_id = ?1 AND ` + batchFilter)
	findBatchesByStatusQuery = prepare(`SELECT ` + batchColumns + ` FROM cdr_batches
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
	findSuspectQuery = prepare(`SELECT ` + suspectColumns + ` FROM simbox_suspects
		WHERE id = ?2 AND (?1 = 0 OR org_id = ?1)`)
	// One statement per index, chosen by the most selective condition
	// given, so that a number's or a batch's suspects are not found by
	// scanning them all.
	findSuspectsQuery         = prepare(`SELECT ` + suspectColumns + ` FROM simbox_suspects WHERE ` + suspectFilter)
	findSuspectsByMSISDNQuery = prepare(`SELECT ` + suspectColumns + ` FROM simbox_suspects
		WHERE msisdn = ?5 AND ` + suspectFilter)
	findSuspectsByBatchQuery = prepare(`SELECT ` + suspectColumns + ` FROM simbox_suspects
		WHERE batch_id = ?2 AND ` + suspectFilter)
	findSuspectsByStatusQuery = prepare(`SELECT ` + suspectColumns + ` FROM simbox_suspects
		WHERE status = ?4 AND ` + suspectFilter)
	updateSuspectQuery = prepare(`UPDATE simbox_suspects SET status = ?, status_at = ?, decided_by = ?, notes = ?
		WHERE id = ? AND status = ?`)
	suspectStatusQuery = prepare(`SELECT status FROM simbox_suspects WHERE id = ?`)

	insertSeizureQuery = prepare(`INSERT INTO simbox_seizures
			(org_id, seized_on, region, devices, sims, device_ids, notes, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	findSeizuresQuery = prepare(`SELECT ` + seizureColumns + ` FROM simbox_seizures
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
	examples, err := jsonText(b.BadRowExamples)
	if err != nil {
		return fmt.Errorf("sqlite: create cdr batch: %w", err)
	}
	res, err := tx.stmt(ctx, insertBatchQuery).ExecContext(ctx, b.OrgID, string(b.Status), b.Map, b.Gzip, b.SHA256,
		b.Bytes, b.Lines, b.Rows, b.BadRows, b.Duplicates, examples, b.Subscribers, b.Suspects, b.Simbox, b.Devices,
		nullMicros(b.From), nullMicros(b.To), b.Progress, b.Partial, b.Error, b.Node, micros(b.CreatedAt),
		micros(b.UpdatedAt), nullMicros(b.StartedAt), nullMicros(b.FinishedAt))
	if isUnique(err) {
		return kuzet.Errorf(kuzet.ECONFLICT, "an upload with SHA-256 %s is already counted", b.SHA256)
	} else if err != nil {
		return fmt.Errorf("sqlite: create cdr batch: %w", err)
	}
	if b.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("sqlite: create cdr batch: %w", err)
	}
	storedBatch(b)
	return nil
}

// FindCDRBatch returns ENOTFOUND if there is no batch with id or it belongs
// to another organisation than orgID (0: any).
func (tx *tx) FindCDRBatch(ctx context.Context, orgID, id int64) (*kuzet.CDRBatch, error) {
	b, err := scanBatch(tx.stmt(ctx, findBatchQuery).QueryRowContext(ctx, orgID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "CDR batch %d not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: find cdr batch: %w", err)
	}
	return b, nil
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
	rows, err := tx.stmt(ctx, q).QueryContext(ctx, f.OrgID, string(f.Status), f.Node, f.SHA256, f.AfterID,
		kuzet.WebPageLimit(f.Limit))
	if err != nil {
		return nil, fmt.Errorf("sqlite: find cdr batches: %w", err)
	}
	defer rows.Close()
	var out []*kuzet.CDRBatch
	for rows.Next() {
		b, err := scanBatch(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: find cdr batches: %w", err)
		}
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: find cdr batches: %w", err)
	}
	return out, nil
}

// UpdateCDRBatch stores every field of b but ID, OrgID and CreatedAt,
// provided the stored status is still from. Returns ENOTFOUND if b.ID is
// not stored, ECONFLICT if its status is not from or b would be a second
// counted batch of its organisation with the same SHA256.
func (tx *tx) UpdateCDRBatch(ctx context.Context, b *kuzet.CDRBatch, from kuzet.CDRBatchStatus) error {
	examples, err := jsonText(b.BadRowExamples)
	if err != nil {
		return fmt.Errorf("sqlite: update cdr batch: %w", err)
	}
	res, err := tx.stmt(ctx, updateBatchQuery).ExecContext(ctx, string(b.Status), b.Map, b.Gzip, b.SHA256, b.Bytes,
		b.Lines, b.Rows, b.BadRows, b.Duplicates, examples, b.Subscribers, b.Suspects, b.Simbox, b.Devices,
		nullMicros(b.From), nullMicros(b.To), b.Progress, b.Partial, b.Error, b.Node, micros(b.UpdatedAt),
		nullMicros(b.StartedAt), nullMicros(b.FinishedAt), b.ID, string(from))
	if isUnique(err) {
		return kuzet.Errorf(kuzet.ECONFLICT, "an upload with SHA-256 %s is already counted", b.SHA256)
	} else if err != nil {
		return fmt.Errorf("sqlite: update cdr batch: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: update cdr batch: %w", err)
	} else if n == 0 {
		var status string
		err := tx.stmt(ctx, batchStatusQuery).QueryRowContext(ctx, b.ID).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return kuzet.Errorf(kuzet.ENOTFOUND, "CDR batch %d not found", b.ID)
		} else if err != nil {
			return fmt.Errorf("sqlite: update cdr batch: %w", err)
		}
		return kuzet.Errorf(kuzet.ECONFLICT, "CDR batch %d is %s, not %s", b.ID, status, from)
	}
	storedBatch(b)
	return nil
}

// CreateSimboxSuspects inserts the suspects, in order, and sets their IDs.
// Their batch must exist.
func (tx *tx) CreateSimboxSuspects(ctx context.Context, ss []*kuzet.SimboxSuspect) error {
	st := tx.stmt(ctx, insertSuspectQuery)
	for _, s := range ss {
		imeis, err := jsonText(s.IMEIs)
		if err != nil {
			return fmt.Errorf("sqlite: create simbox suspects: %w", err)
		}
		cells, err := jsonText(s.Cells)
		if err != nil {
			return fmt.Errorf("sqlite: create simbox suspects: %w", err)
		}
		reasons, err := jsonText(s.Reasons)
		if err != nil {
			return fmt.Errorf("sqlite: create simbox suspects: %w", err)
		}
		res, err := st.ExecContext(ctx, s.BatchID, s.OrgID, s.MSISDN, imeis, cells, s.Score, string(s.Verdict), reasons,
			s.DeviceID, micros(s.FirstSeen), micros(s.LastSeen), string(s.Features), string(s.Status),
			micros(s.StatusAt), s.DecidedBy, s.Notes, micros(s.CreatedAt))
		if isForeignKey(err) {
			return kuzet.Errorf(kuzet.ENOTFOUND, "CDR batch %d not found", s.BatchID)
		} else if err != nil {
			return fmt.Errorf("sqlite: create simbox suspects: %w", err)
		}
		if s.ID, err = res.LastInsertId(); err != nil {
			return fmt.Errorf("sqlite: create simbox suspects: %w", err)
		}
		storedSuspect(s)
	}
	return nil
}

// FindSimboxSuspect returns ENOTFOUND if there is no suspect with id or it
// came from another organisation's extract than orgID (0: any).
func (tx *tx) FindSimboxSuspect(ctx context.Context, orgID, id int64) (*kuzet.SimboxSuspect, error) {
	s, err := scanSuspect(tx.stmt(ctx, findSuspectQuery).QueryRowContext(ctx, orgID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "SIM-box suspect %d not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: find simbox suspect: %w", err)
	}
	return s, nil
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
	rows, err := tx.stmt(ctx, q).QueryContext(ctx, f.OrgID, f.BatchID, string(f.Verdict), string(f.Status), f.MSISDN,
		f.DeviceID, f.AfterID, kuzet.WebPageLimit(f.Limit))
	if err != nil {
		return nil, fmt.Errorf("sqlite: find simbox suspects: %w", err)
	}
	defer rows.Close()
	var out []*kuzet.SimboxSuspect
	for rows.Next() {
		s, err := scanSuspect(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: find simbox suspects: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: find simbox suspects: %w", err)
	}
	return out, nil
}

// UpdateSimboxSuspect stores s's Status, StatusAt, DecidedBy and Notes,
// provided the stored status is still from. Returns ENOTFOUND if s.ID is
// not stored, ECONFLICT if its status is not from.
func (tx *tx) UpdateSimboxSuspect(ctx context.Context, s *kuzet.SimboxSuspect, from kuzet.SimboxSuspectStatus) error {
	res, err := tx.stmt(ctx, updateSuspectQuery).ExecContext(ctx, string(s.Status), micros(s.StatusAt), s.DecidedBy,
		s.Notes, s.ID, string(from))
	if err != nil {
		return fmt.Errorf("sqlite: update simbox suspect: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: update simbox suspect: %w", err)
	} else if n == 0 {
		var status string
		err := tx.stmt(ctx, suspectStatusQuery).QueryRowContext(ctx, s.ID).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return kuzet.Errorf(kuzet.ENOTFOUND, "SIM-box suspect %d not found", s.ID)
		} else if err != nil {
			return fmt.Errorf("sqlite: update simbox suspect: %w", err)
		}
		return kuzet.Errorf(kuzet.ECONFLICT, "SIM-box suspect %d is %s, not %s", s.ID, status, from)
	}
	s.StatusAt = stored(s.StatusAt)
	return nil
}

// CreateSimboxSeizure inserts z and sets z.ID. Its Date counts as the UTC
// day it falls on.
func (tx *tx) CreateSimboxSeizure(ctx context.Context, z *kuzet.SimboxSeizure) error {
	ids, err := jsonText(z.DeviceIDs)
	if err != nil {
		return fmt.Errorf("sqlite: create simbox seizure: %w", err)
	}
	res, err := tx.stmt(ctx, insertSeizureQuery).ExecContext(ctx, z.OrgID, micros(utcDay(z.Date)), z.Region, z.Devices,
		z.SIMs, ids, z.Notes, micros(z.CreatedAt))
	if err != nil {
		return fmt.Errorf("sqlite: create simbox seizure: %w", err)
	}
	if z.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("sqlite: create simbox seizure: %w", err)
	}
	z.Date, z.CreatedAt = utcDay(z.Date), stored(z.CreatedAt)
	if z.DeviceIDs == nil {
		z.DeviceIDs = []string{}
	}
	return nil
}

// FindSimboxSeizures returns the seizures f selects, by ascending ID, at
// most kuzet.WebPageLimit(f.Limit). The bounds count in whole UTC days.
func (tx *tx) FindSimboxSeizures(ctx context.Context, f kuzet.SimboxSeizureFilter) ([]*kuzet.SimboxSeizure, error) {
	from, to := dayBounds(f.From, f.To)
	rows, err := tx.stmt(ctx, findSeizuresQuery).QueryContext(ctx, from, to, f.AfterID, kuzet.WebPageLimit(f.Limit))
	if err != nil {
		return nil, fmt.Errorf("sqlite: find simbox seizures: %w", err)
	}
	defer rows.Close()
	var out []*kuzet.SimboxSeizure
	for rows.Next() {
		var (
			z            kuzet.SimboxSeizure
			day, created int64
			ids          string
		)
		if err := rows.Scan(&z.ID, &z.OrgID, &day, &z.Region, &z.Devices, &z.SIMs, &ids, &z.Notes, &created); err != nil {
			return nil, fmt.Errorf("sqlite: find simbox seizures: %w", err)
		}
		z.Date, z.CreatedAt = fromMicros(day), fromMicros(created)
		if err := json.Unmarshal([]byte(ids), &z.DeviceIDs); err != nil {
			return nil, fmt.Errorf("sqlite: device ids of seizure %d: %w", z.ID, err)
		}
		out = append(out, &z)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: find simbox seizures: %w", err)
	}
	return out, nil
}

// CountSimbox returns the figures for the period from (included) to
// (excluded); a zero bound does not limit. Seizures count in whole UTC
// days, as their dates are days.
func (tx *tx) CountSimbox(ctx context.Context, from, to time.Time) (kuzet.SimboxCounts, error) {
	var c kuzet.SimboxCounts
	dayFrom, dayTo := dayBounds(from, to)
	err := tx.stmt(ctx, countSimboxQuery).QueryRowContext(ctx, nullMicros(from), nullMicros(to), dayFrom, dayTo).Scan(
		&c.Batches, &c.Rows, &c.Suspects, &c.Simbox, &c.Devices, &c.Confirmed, &c.Dismissed,
		&c.Seizures, &c.DevicesSeized, &c.SIMsSeized)
	if err != nil {
		return kuzet.SimboxCounts{}, fmt.Errorf("sqlite: count simbox: %w", err)
	}
	return c, nil
}

// dayBounds are the stored forms of a period's bounds in whole UTC days:
// the day from falls on is the first included, the day to falls on the
// first excluded; NULL for a zero bound.
func dayBounds(from, to time.Time) (sql.NullInt64, sql.NullInt64) {
	var f, t sql.NullInt64
	if !from.IsZero() {
		f = sql.NullInt64{Int64: micros(utcDay(from)), Valid: true}
	}
	if !to.IsZero() {
		t = sql.NullInt64{Int64: micros(utcDay(to)), Valid: true}
	}
	return f, t
}

// scanBatch reads one row of batchColumns.
func scanBatch(row scanner) (*kuzet.CDRBatch, error) {
	var (
		b                             kuzet.CDRBatch
		status, examples              string
		fromAt, toAt, started, finish sql.NullInt64
		created, updated              int64
	)
	err := row.Scan(&b.ID, &b.OrgID, &status, &b.Map, &b.Gzip, &b.SHA256, &b.Bytes, &b.Lines, &b.Rows, &b.BadRows,
		&b.Duplicates, &examples, &b.Subscribers, &b.Suspects, &b.Simbox, &b.Devices, &fromAt, &toAt, &b.Progress,
		&b.Partial, &b.Error, &b.Node, &created, &updated, &started, &finish)
	if err != nil {
		return nil, err
	}
	b.Status = kuzet.CDRBatchStatus(status)
	b.From, b.To = fromNullMicros(fromAt), fromNullMicros(toAt)
	b.CreatedAt, b.UpdatedAt = fromMicros(created), fromMicros(updated)
	b.StartedAt, b.FinishedAt = fromNullMicros(started), fromNullMicros(finish)
	if err := json.Unmarshal([]byte(examples), &b.BadRowExamples); err != nil {
		return nil, fmt.Errorf("bad-row examples of CDR batch %d: %w", b.ID, err)
	}
	return &b, nil
}

// scanSuspect reads one row of suspectColumns.
func scanSuspect(row scanner) (*kuzet.SimboxSuspect, error) {
	var (
		s                                          kuzet.SimboxSuspect
		imeis, cells, reasons, verdict, status, ft string
		first, last, statusAt, created             int64
	)
	err := row.Scan(&s.ID, &s.BatchID, &s.OrgID, &s.MSISDN, &imeis, &cells, &s.Score, &verdict, &reasons, &s.DeviceID,
		&first, &last, &ft, &status, &statusAt, &s.DecidedBy, &s.Notes, &created)
	if err != nil {
		return nil, err
	}
	s.Verdict, s.Status = kuzet.SimboxVerdict(verdict), kuzet.SimboxSuspectStatus(status)
	s.FirstSeen, s.LastSeen = fromMicros(first), fromMicros(last)
	s.StatusAt, s.CreatedAt = fromMicros(statusAt), fromMicros(created)
	if ft != "" {
		s.Features = json.RawMessage(ft)
	}
	for _, l := range []struct {
		text string
		to   *[]string
	}{{imeis, &s.IMEIs}, {cells, &s.Cells}, {reasons, &s.Reasons}} {
		if err := json.Unmarshal([]byte(l.text), l.to); err != nil {
			return nil, fmt.Errorf("lists of SIM-box suspect %d: %w", s.ID, err)
		}
	}
	return &s, nil
}

// jsonText is the stored form of a list: a JSON array, never null.
func jsonText[T any](list []T) (string, error) {
	if list == nil {
		return "[]", nil
	}
	b, err := json.Marshal(list)
	return string(b), err
}

// storedBatch sets b's times and lists to what the store gives back.
func storedBatch(b *kuzet.CDRBatch) {
	b.From, b.To = fromNullMicros(nullMicros(b.From)), fromNullMicros(nullMicros(b.To))
	b.CreatedAt, b.UpdatedAt = stored(b.CreatedAt), stored(b.UpdatedAt)
	b.StartedAt, b.FinishedAt = fromNullMicros(nullMicros(b.StartedAt)), fromNullMicros(nullMicros(b.FinishedAt))
	if b.BadRowExamples == nil {
		b.BadRowExamples = []kuzet.CDRBadRow{}
	}
}

// storedSuspect sets s's times and lists to what the store gives back.
func storedSuspect(s *kuzet.SimboxSuspect) {
	s.FirstSeen, s.LastSeen = stored(s.FirstSeen), stored(s.LastSeen)
	s.StatusAt, s.CreatedAt = stored(s.StatusAt), stored(s.CreatedAt)
	for _, l := range []*[]string{&s.IMEIs, &s.Cells, &s.Reasons} {
		if *l == nil {
			*l = []string{}
		}
	}
	if len(s.Features) == 0 {
		s.Features = nil
	}
}
