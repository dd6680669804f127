package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/kuzet/kuzet"
)

const batchColumns = `id, org_id, status, map, gzip, sha256, bytes, lines, rows_read, bad_rows, duplicates,
	bad_row_examples, subscribers, suspects, simbox, devices, from_at, to_at, progress, partial, error, node,
	created_at, updated_at, started_at, finished_at`

const suspectColumns = `id, batch_id, org_id, msisdn, imeis, cells, score, verdict, reasons, device_id,
	first_seen, last_seen, features, status, status_at, decided_by, notes, created_at`

const seizureColumns = `id, org_id, seized_on, region, devices, sims, device_ids, notes, created_at`

const (
	insertBatchSQL = `INSERT INTO cdr_batches (org_id, status, map, gzip, sha256, bytes, lines, rows_read,
			bad_rows, duplicates, bad_row_examples, subscribers, suspects, simbox, devices, from_at, to_at, progress,
			partial, error, node, created_at, updated_at, started_at, finished_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
			$23, $24, $25)
		RETURNING id`
	findBatchSQL   = `SELECT ` + batchColumns + ` FROM cdr_batches WHERE id = $2 AND ($1::bigint = 0 OR org_id = $1)`
	updateBatchSQL = `UPDATE cdr_batches SET status = $1, map = $2, gzip = $3, sha256 = $4, bytes = $5, lines = $6,
			rows_read = $7, bad_rows = $8, duplicates = $9, bad_row_examples = $10, subscribers = $11, suspects = $12,
			simbox = $13, devices = $14, from_at = $15, to_at = $16, progress = $17, partial = $18, error = $19,
			node = $20, updated_at = $21, started_at = $22, finished_at = $23
		WHERE id = $24 AND status = $25`
	batchStatusSQL = `SELECT status FROM cdr_batches WHERE id = $1`

	insertSuspectSQL = `INSERT INTO simbox_suspects (batch_id, org_id, msisdn, imeis, cells, score, verdict, reasons,
			device_id, first_seen, last_seen, features, status, status_at, decided_by, notes, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
		RETURNING id`
	findSuspectSQL   = `SELECT ` + suspectColumns + ` FROM simbox_suspects WHERE id = $2 AND ($1::bigint = 0 OR org_id = $1)`
	updateSuspectSQL = `UPDATE simbox_suspects SET status = $1, status_at = $2, decided_by = $3, notes = $4
		WHERE id = $5 AND status = $6`
	suspectStatusSQL = `SELECT status FROM simbox_suspects WHERE id = $1`

	insertSeizureSQL = `INSERT INTO simbox_seizures (org_id, seized_on, region, devices, sims, device_ids, notes,
			created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`

	countSimboxSQL = `SELECT
		(SELECT count(*) FROM cdr_batches WHERE status = 'done'
			AND ($1::timestamptz IS NULL OR finished_at >= $1) AND ($2::timestamptz IS NULL OR finished_at < $2)),
		(SELECT coalesce(sum(rows_read), 0)::bigint FROM cdr_batches WHERE status = 'done'
			AND ($1::timestamptz IS NULL OR finished_at >= $1) AND ($2::timestamptz IS NULL OR finished_at < $2)),
		(SELECT count(*) FROM simbox_suspects
			WHERE ($1::timestamptz IS NULL OR created_at >= $1) AND ($2::timestamptz IS NULL OR created_at < $2)),
		(SELECT count(*) FROM simbox_suspects WHERE verdict = 'simbox'
			AND ($1::timestamptz IS NULL OR created_at >= $1) AND ($2::timestamptz IS NULL OR created_at < $2)),
		(SELECT count(DISTINCT (batch_id, device_id)) FROM simbox_suspects WHERE device_id <> ''
			AND ($1::timestamptz IS NULL OR created_at >= $1) AND ($2::timestamptz IS NULL OR created_at < $2)),
		(SELECT count(*) FROM simbox_suspects WHERE status = 'confirmed'
			AND ($1::timestamptz IS NULL OR status_at >= $1) AND ($2::timestamptz IS NULL OR status_at < $2)),
		(SELECT count(*) FROM simbox_suspects WHERE status = 'dismissed'
			AND ($1::timestamptz IS NULL OR status_at >= $1) AND ($2::timestamptz IS NULL OR status_at < $2)),
		(SELECT count(*) FROM simbox_seizures
			WHERE ($3::date IS NULL OR seized_on >= $3) AND ($4::date IS NULL OR seized_on < $4)),
		(SELECT coalesce(sum(devices), 0)::bigint FROM simbox_seizures
			WHERE ($3::date IS NULL OR seized_on >= $3) AND ($4::date IS NULL OR seized_on < $4)),
		(SELECT coalesce(sum(sims), 0)::bigint FROM simbox_seizures
			WHERE ($3::date IS NULL OR seized_on >= $3) AND ($4::date IS NULL OR seized_on < $4))`
)

var _ kuzet.SimboxStore = (*tx)(nil)

// CreateCDRBatch inserts b and sets b.ID.
func (tx *tx) CreateCDRBatch(ctx context.Context, b *kuzet.CDRBatch) error {
	examples, err := jsonText(b.BadRowExamples)
	if err != nil {
		return fmt.Errorf("postgres: create cdr batch: %w", err)
	}
	err = tx.guarded(ctx, b.Status.Counted(), func(q pgx.Tx) error {
		return q.QueryRow(ctx, insertBatchSQL, b.OrgID, string(b.Status), b.Map, b.Gzip, b.SHA256, b.Bytes, b.Lines,
			b.Rows, b.BadRows, b.Duplicates, examples, b.Subscribers, b.Suspects, b.Simbox, b.Devices, nullTime(b.From),
			nullTime(b.To), b.Progress, b.Partial, b.Error, b.Node, stored(b.CreatedAt), stored(b.UpdatedAt),
			nullTime(b.StartedAt), nullTime(b.FinishedAt)).Scan(&b.ID)
	})
	if pgCode(err) == uniqueViolation {
		return kuzet.Errorf(kuzet.ECONFLICT, "an upload with SHA-256 %s is already counted", b.SHA256)
	} else if err != nil {
		return fmt.Errorf("postgres: create cdr batch: %w", err)
	}
	storedBatch(b)
	return nil
}

// FindCDRBatch returns ENOTFOUND if there is no batch with id or it belongs
// to another organisation than orgID (0: any).
func (tx *tx) FindCDRBatch(ctx context.Context, orgID, id int64) (*kuzet.CDRBatch, error) {
	b, err := scanBatch(tx.tx.QueryRow(ctx, findBatchSQL, orgID, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "CDR batch %d not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("postgres: find cdr batch: %w", err)
	}
	return b, nil
}

// FindCDRBatches returns the batches f selects, by ascending ID, at most
// kuzet.WebPageLimit(f.Limit).
func (tx *tx) FindCDRBatches(ctx context.Context, f kuzet.CDRBatchFilter) ([]*kuzet.CDRBatch, error) {
	w := newWhere(f.AfterID)
	w.add(f.OrgID != 0, "org_id =", f.OrgID)
	w.add(f.Status != "", "status =", string(f.Status))
	w.add(f.Node != "", "node =", f.Node)
	w.add(f.SHA256 != "", "sha256 =", f.SHA256)
	rows, _ := tx.tx.Query(ctx, w.query(batchColumns, "cdr_batches", f.Limit), w.args...)
	defer rows.Close()
	var out []*kuzet.CDRBatch
	for rows.Next() {
		b, err := scanBatch(rows)
		if err != nil {
			return nil, fmt.Errorf("postgres: find cdr batches: %w", err)
		}
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: find cdr batches: %w", err)
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
		return fmt.Errorf("postgres: update cdr batch: %w", err)
	}
	// Only a batch becoming counted can meet another with its bytes.
	becomes := b.Status.Counted() && !from.Counted()
	var n int64
	err = tx.guarded(ctx, becomes, func(q pgx.Tx) error {
		tag, err := q.Exec(ctx, updateBatchSQL, string(b.Status), b.Map, b.Gzip, b.SHA256, b.Bytes, b.Lines, b.Rows,
			b.BadRows, b.Duplicates, examples, b.Subscribers, b.Suspects, b.Simbox, b.Devices, nullTime(b.From),
			nullTime(b.To), b.Progress, b.Partial, b.Error, b.Node, stored(b.UpdatedAt), nullTime(b.StartedAt),
			nullTime(b.FinishedAt), b.ID, string(from))
		n = tag.RowsAffected()
		return err
	})
	if pgCode(err) == uniqueViolation {
		return kuzet.Errorf(kuzet.ECONFLICT, "an upload with SHA-256 %s is already counted", b.SHA256)
	} else if err != nil {
		return fmt.Errorf("postgres: update cdr batch: %w", err)
	}
	if n == 0 {
		var status string
		err := tx.tx.QueryRow(ctx, batchStatusSQL, b.ID).Scan(&status)
		if errors.Is(err, pgx.ErrNoRows) {
			return kuzet.Errorf(kuzet.ENOTFOUND, "CDR batch %d not found", b.ID)
		} else if err != nil {
			return fmt.Errorf("postgres: update cdr batch: %w", err)
		}
		return kuzet.Errorf(kuzet.ECONFLICT, "CDR batch %d is %s, not %s", b.ID, status, from)
	}
	storedBatch(b)
	return nil
}

// guarded runs fn in a savepoint when it may violate a constraint, so that
// the transaction stays usable after the ECONFLICT that becomes, as it does
// in SQLite; otherwise in the transaction itself, sparing the round trips.
func (tx *tx) guarded(ctx context.Context, risky bool, fn func(q pgx.Tx) error) error {
	if !risky {
		return fn(tx.tx)
	}
	sp, err := tx.tx.Begin(ctx)
	if err != nil {
		return err
	}
	defer sp.Rollback(ctx)
	if err := fn(sp); err != nil {
		return err
	}
	return sp.Commit(ctx)
}

// CreateSimboxSuspects inserts the suspects, in order, and sets their IDs.
// Their batch must exist.
func (tx *tx) CreateSimboxSuspects(ctx context.Context, ss []*kuzet.SimboxSuspect) error {
	// A batch can have hundreds of thousands of suspects: they go in
	// pipelined slabs, one round trip each.
	const slab = 1000
	for lo := 0; lo < len(ss); lo += slab {
		part := ss[lo:min(len(ss), lo+slab)]
		b := &pgx.Batch{}
		for _, s := range part {
			imeis, err := jsonText(s.IMEIs)
			if err != nil {
				return fmt.Errorf("postgres: create simbox suspects: %w", err)
			}
			cells, err := jsonText(s.Cells)
			if err != nil {
				return fmt.Errorf("postgres: create simbox suspects: %w", err)
			}
			reasons, err := jsonText(s.Reasons)
			if err != nil {
				return fmt.Errorf("postgres: create simbox suspects: %w", err)
			}
			b.Queue(insertSuspectSQL, s.BatchID, s.OrgID, s.MSISDN, imeis, cells, s.Score, string(s.Verdict), reasons,
				s.DeviceID, stored(s.FirstSeen), stored(s.LastSeen), string(s.Features), string(s.Status),
				stored(s.StatusAt), s.DecidedBy, s.Notes, stored(s.CreatedAt))
		}
		br := tx.tx.SendBatch(ctx, b)
		for _, s := range part {
			if err := br.QueryRow().Scan(&s.ID); err != nil {
				br.Close()
				if pgCode(err) == foreignKeyViolation {
					return kuzet.Errorf(kuzet.ENOTFOUND, "CDR batch %d not found", s.BatchID)
				}
				return fmt.Errorf("postgres: create simbox suspects: %w", err)
			}
			storedSuspect(s)
		}
		if err := br.Close(); err != nil {
			return fmt.Errorf("postgres: create simbox suspects: %w", err)
		}
	}
	return nil
}

// FindSimboxSuspect returns ENOTFOUND if there is no suspect with id or it
// came from another organisation's extract than orgID (0: any).
func (tx *tx) FindSimboxSuspect(ctx context.Context, orgID, id int64) (*kuzet.SimboxSuspect, error) {
	s, err := scanSuspect(tx.tx.QueryRow(ctx, findSuspectSQL, orgID, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "SIM-box suspect %d not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("postgres: find simbox suspect: %w", err)
	}
	return s, nil
}

// FindSimboxSuspects returns the suspects f selects, by ascending ID, at
// most kuzet.WebPageLimit(f.Limit).
func (tx *tx) FindSimboxSuspects(ctx context.Context, f kuzet.SimboxSuspectFilter) ([]*kuzet.SimboxSuspect, error) {
	w := newWhere(f.AfterID)
	w.add(f.OrgID != 0, "org_id =", f.OrgID)
	w.add(f.BatchID != 0, "batch_id =", f.BatchID)
	w.add(f.Verdict != "", "verdict =", string(f.Verdict))
	w.add(f.Status != "", "status =", string(f.Status))
	w.add(f.MSISDN != "", "msisdn =", f.MSISDN)
	w.add(f.DeviceID != "", "device_id =", f.DeviceID)
	rows, _ := tx.tx.Query(ctx, w.query(suspectColumns, "simbox_suspects", f.Limit), w.args...)
	defer rows.Close()
	var out []*kuzet.SimboxSuspect
	for rows.Next() {
		s, err := scanSuspect(rows)
		if err != nil {
			return nil, fmt.Errorf("postgres: find simbox suspects: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: find simbox suspects: %w", err)
	}
	return out, nil
}

// UpdateSimboxSuspect stores s's Status, StatusAt, DecidedBy and Notes,
// provided the stored status is still from. Returns ENOTFOUND if s.ID is
// not stored, ECONFLICT if its status is not from.
func (tx *tx) UpdateSimboxSuspect(ctx context.Context, s *kuzet.SimboxSuspect, from kuzet.SimboxSuspectStatus) error {
	tag, err := tx.tx.Exec(ctx, updateSuspectSQL, string(s.Status), stored(s.StatusAt), s.DecidedBy, s.Notes, s.ID,
		string(from))
	if err != nil {
		return fmt.Errorf("postgres: update simbox suspect: %w", err)
	}
	if tag.RowsAffected() == 0 {
		var status string
		err := tx.tx.QueryRow(ctx, suspectStatusSQL, s.ID).Scan(&status)
		if errors.Is(err, pgx.ErrNoRows) {
			return kuzet.Errorf(kuzet.ENOTFOUND, "SIM-box suspect %d not found", s.ID)
		} else if err != nil {
			return fmt.Errorf("postgres: update simbox suspect: %w", err)
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
		return fmt.Errorf("postgres: create simbox seizure: %w", err)
	}
	if err := tx.tx.QueryRow(ctx, insertSeizureSQL, z.OrgID, utcDay(z.Date), z.Region, z.Devices, z.SIMs, ids, z.Notes,
		stored(z.CreatedAt)).Scan(&z.ID); err != nil {
		return fmt.Errorf("postgres: create simbox seizure: %w", err)
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
	w := newWhere(f.AfterID)
	w.add(!f.From.IsZero(), "seized_on >=", utcDay(f.From))
	w.add(!f.To.IsZero(), "seized_on <", utcDay(f.To))
	rows, _ := tx.tx.Query(ctx, w.query(seizureColumns, "simbox_seizures", f.Limit), w.args...)
	defer rows.Close()
	var out []*kuzet.SimboxSeizure
	for rows.Next() {
		var (
			z   kuzet.SimboxSeizure
			ids string
		)
		if err := rows.Scan(&z.ID, &z.OrgID, &z.Date, &z.Region, &z.Devices, &z.SIMs, &ids, &z.Notes,
			&z.CreatedAt); err != nil {
			return nil, fmt.Errorf("postgres: find simbox seizures: %w", err)
		}
		z.Date, z.CreatedAt = utcDay(z.Date), z.CreatedAt.UTC()
		if err := json.Unmarshal([]byte(ids), &z.DeviceIDs); err != nil {
			return nil, fmt.Errorf("postgres: device ids of seizure %d: %w", z.ID, err)
		}
		out = append(out, &z)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: find simbox seizures: %w", err)
	}
	return out, nil
}

// CountSimbox returns the figures for the period from (included) to
// (excluded); a zero bound does not limit. Seizures count in whole UTC
// days, as their dates are days.
func (tx *tx) CountSimbox(ctx context.Context, from, to time.Time) (kuzet.SimboxCounts, error) {
	var (
		c              kuzet.SimboxCounts
		dayFrom, dayTo *time.Time
	)
	if !from.IsZero() {
		d := utcDay(from)
		dayFrom = &d
	}
	if !to.IsZero() {
		d := utcDay(to)
		dayTo = &d
	}
	err := tx.tx.QueryRow(ctx, countSimboxSQL, nullTime(from), nullTime(to), dayFrom, dayTo).Scan(
		&c.Batches, &c.Rows, &c.Suspects, &c.Simbox, &c.Devices, &c.Confirmed, &c.Dismissed,
		&c.Seizures, &c.DevicesSeized, &c.SIMsSeized)
	if err != nil {
		return kuzet.SimboxCounts{}, fmt.Errorf("postgres: count simbox: %w", err)
	}
	return c, nil
}

// where builds a list query from the conditions a filter sets, so that the
// planner sees plain comparisons it can take to the indexes; pgx prepares
// each of the few shapes once per connection.
type where struct {
	text strings.Builder
	args []any
}

func newWhere(afterID int64) *where {
	w := &where{args: []any{afterID}}
	w.text.WriteString("id > $1")
	return w
}

// add appends "AND cond $n" with v as $n, if set.
func (w *where) add(set bool, cond string, v any) {
	if !set {
		return
	}
	w.args = append(w.args, v)
	w.text.WriteString(" AND " + cond + " $" + strconv.Itoa(len(w.args)))
}

// query returns the SELECT of columns from table, by ID, at most
// kuzet.WebPageLimit(limit) rows.
func (w *where) query(columns, table string, limit int) string {
	w.args = append(w.args, kuzet.WebPageLimit(limit))
	return `SELECT ` + columns + ` FROM ` + table + ` WHERE ` + w.text.String() +
		` ORDER BY id LIMIT $` + strconv.Itoa(len(w.args))
}

// scanBatch reads one row of batchColumns.
func scanBatch(row pgx.Row) (*kuzet.CDRBatch, error) {
	var (
		b                             kuzet.CDRBatch
		status, examples              string
		fromAt, toAt, started, finish *time.Time
	)
	err := row.Scan(&b.ID, &b.OrgID, &status, &b.Map, &b.Gzip, &b.SHA256, &b.Bytes, &b.Lines, &b.Rows, &b.BadRows,
		&b.Duplicates, &examples, &b.Subscribers, &b.Suspects, &b.Simbox, &b.Devices, &fromAt, &toAt, &b.Progress,
		&b.Partial, &b.Error, &b.Node, &b.CreatedAt, &b.UpdatedAt, &started, &finish)
	if err != nil {
		return nil, err
	}
	b.Status = kuzet.CDRBatchStatus(status)
	b.From, b.To = fromNullTime(fromAt), fromNullTime(toAt)
	b.CreatedAt, b.UpdatedAt = b.CreatedAt.UTC(), b.UpdatedAt.UTC()
	b.StartedAt, b.FinishedAt = fromNullTime(started), fromNullTime(finish)
	if err := json.Unmarshal([]byte(examples), &b.BadRowExamples); err != nil {
		return nil, fmt.Errorf("bad-row examples of CDR batch %d: %w", b.ID, err)
	}
	return &b, nil
}

// scanSuspect reads one row of suspectColumns.
func scanSuspect(row pgx.Row) (*kuzet.SimboxSuspect, error) {
	var (
		s                                          kuzet.SimboxSuspect
		imeis, cells, reasons, verdict, status, ft string
	)
	err := row.Scan(&s.ID, &s.BatchID, &s.OrgID, &s.MSISDN, &imeis, &cells, &s.Score, &verdict, &reasons, &s.DeviceID,
		&s.FirstSeen, &s.LastSeen, &ft, &status, &s.StatusAt, &s.DecidedBy, &s.Notes, &s.CreatedAt)
	if err != nil {
		return nil, err
	}
	s.Verdict, s.Status = kuzet.SimboxVerdict(verdict), kuzet.SimboxSuspectStatus(status)
	s.FirstSeen, s.LastSeen = s.FirstSeen.UTC(), s.LastSeen.UTC()
	s.StatusAt, s.CreatedAt = s.StatusAt.UTC(), s.CreatedAt.UTC()
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
	b.From, b.To = fromNullTime(nullTime(b.From)), fromNullTime(nullTime(b.To))
	b.CreatedAt, b.UpdatedAt = stored(b.CreatedAt), stored(b.UpdatedAt)
	b.StartedAt, b.FinishedAt = fromNullTime(nullTime(b.StartedAt)), fromNullTime(nullTime(b.FinishedAt))
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
