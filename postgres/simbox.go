package postgres

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

const (
	insertBatchSQL = `INSERT INTO cdr_batches (org_id, status, map, gzip, sha256, bytes, lines, rows_read,
			bad_rows, duplicates, bad_row_examples, subscribers, suspects, simbox, devices, from_at, to_at, progress,
			partial, error, node, created_at, updated_at, started_at, finished_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
			$23, $24, $25)
		RETURNING id`
	findBatchSQL   = `SELECT ` + sqlstore.BatchColumns + ` FROM cdr_batches WHERE id = $2 AND ($1::bigint = 0 OR org_id = $1)`
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
	findSuspectSQL = `SELECT ` + sqlstore.SuspectColumns + ` FROM simbox_suspects
		WHERE id = $2 AND ($1::bigint = 0 OR org_id = $1)`
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
	examples, err := sqlstore.ListJSON(b.BadRowExamples)
	if err != nil {
		return fmt.Errorf("postgres: create cdr batch: %w", err)
	}
	err = tx.guarded(ctx, b.Status.Counted(), func(q pgx.Tx) error {
		return q.QueryRow(ctx, insertBatchSQL, b.OrgID, string(b.Status), b.Map, b.Gzip, b.SHA256, b.Bytes, b.Lines,
			b.Rows, b.BadRows, b.Duplicates, examples, b.Subscribers, b.Suspects, b.Simbox, b.Devices, nullTime(b.From),
			nullTime(b.To), b.Progress, b.Partial, b.Error, b.Node, sqlstore.Stored(b.CreatedAt), sqlstore.Stored(b.UpdatedAt),
			nullTime(b.StartedAt), nullTime(b.FinishedAt)).Scan(&b.ID)
	})
	if err = sqlstore.BatchError(err, constraint(err), "postgres: create cdr batch", b); err != nil {
		return err
	}
	sqlstore.StoredBatch(b)
	return nil
}

// FindCDRBatch returns ENOTFOUND if there is no batch with id or it belongs
// to another organisation than orgID (0: any).
func (tx *tx) FindCDRBatch(ctx context.Context, orgID, id int64) (*kuzet.CDRBatch, error) {
	return sqlstore.One(tx.tx.QueryRow(ctx, findBatchSQL, orgID, id), "postgres: find cdr batch", read.Batch,
		"CDR batch %d not found", id)
}

// FindCDRBatches returns the batches f selects, by ascending ID, at most
// kuzet.WebPageLimit(f.Limit).
func (tx *tx) FindCDRBatches(ctx context.Context, f kuzet.CDRBatchFilter) ([]*kuzet.CDRBatch, error) {
	w := newWhere(f.AfterID)
	w.add(f.OrgID != 0, "org_id =", f.OrgID)
	w.add(f.Status != "", "status =", string(f.Status))
	w.add(f.Node != "", "node =", f.Node)
	w.add(f.SHA256 != "", "sha256 =", f.SHA256)
	return collect(ctx, tx, w.query(sqlstore.BatchColumns, "cdr_batches", f.Limit), "postgres: find cdr batches",
		read.Batch, w.args...)
}

// UpdateCDRBatch stores every field of b but ID, OrgID and CreatedAt,
// provided the stored status is still from. Returns ENOTFOUND if b.ID is
// not stored, ECONFLICT if its status is not from or b would be a second
// counted batch of its organisation with the same SHA256.
func (tx *tx) UpdateCDRBatch(ctx context.Context, b *kuzet.CDRBatch, from kuzet.CDRBatchStatus) error {
	examples, err := sqlstore.ListJSON(b.BadRowExamples)
	if err != nil {
		return fmt.Errorf("postgres: update cdr batch: %w", err)
	}
	// Only a batch becoming counted can meet another with its bytes.
	becomes := b.Status.Counted() && !from.Counted()
	var n int64
	err = tx.guarded(ctx, becomes, func(q pgx.Tx) error {
		tag, err := q.Exec(ctx, updateBatchSQL, string(b.Status), b.Map, b.Gzip, b.SHA256, b.Bytes, b.Lines, b.Rows,
			b.BadRows, b.Duplicates, examples, b.Subscribers, b.Suspects, b.Simbox, b.Devices, nullTime(b.From),
			nullTime(b.To), b.Progress, b.Partial, b.Error, b.Node, sqlstore.Stored(b.UpdatedAt), nullTime(b.StartedAt),
			nullTime(b.FinishedAt), b.ID, string(from))
		n = tag.RowsAffected()
		return err
	})
	if err = sqlstore.BatchError(err, constraint(err), "postgres: update cdr batch", b); err != nil {
		return err
	}
	if n == 0 {
		return sqlstore.NotUpdated(tx.tx.QueryRow(ctx, batchStatusSQL, b.ID), "postgres: update cdr batch", from,
			fmt.Sprintf("CDR batch %d", b.ID), fmt.Sprintf("CDR batch %d not found", b.ID))
	}
	sqlstore.StoredBatch(b)
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
			imeis, cells, reasons, err := sqlstore.SuspectDocs(s)
			if err != nil {
				return fmt.Errorf("postgres: create simbox suspects: %w", err)
			}
			b.Queue(insertSuspectSQL, s.BatchID, s.OrgID, s.MSISDN, imeis, cells, s.Score, string(s.Verdict), reasons,
				s.DeviceID, sqlstore.Stored(s.FirstSeen), sqlstore.Stored(s.LastSeen), string(s.Features), string(s.Status),
				sqlstore.Stored(s.StatusAt), s.DecidedBy, s.Notes, sqlstore.Stored(s.CreatedAt))
		}
		br := tx.tx.SendBatch(ctx, b)
		for _, s := range part {
			if err := br.QueryRow().Scan(&s.ID); err != nil {
				br.Close()
				return sqlstore.SuspectError(err, constraint(err), "postgres: create simbox suspects", s)
			}
			sqlstore.StoredSuspect(s)
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
	return sqlstore.One(tx.tx.QueryRow(ctx, findSuspectSQL, orgID, id), "postgres: find simbox suspect", read.Suspect,
		"SIM-box suspect %d not found", id)
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
	return collect(ctx, tx, w.query(sqlstore.SuspectColumns, "simbox_suspects", f.Limit), "postgres: find simbox suspects",
		read.Suspect, w.args...)
}

// UpdateSimboxSuspect stores s's Status, StatusAt, DecidedBy and Notes,
// provided the stored status is still from. Returns ENOTFOUND if s.ID is
// not stored, ECONFLICT if its status is not from.
func (tx *tx) UpdateSimboxSuspect(ctx context.Context, s *kuzet.SimboxSuspect, from kuzet.SimboxSuspectStatus) error {
	tag, err := tx.tx.Exec(ctx, updateSuspectSQL, string(s.Status), sqlstore.Stored(s.StatusAt), s.DecidedBy, s.Notes,
		s.ID, string(from))
	if err != nil {
		return fmt.Errorf("postgres: update simbox suspect: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return sqlstore.NotUpdated(tx.tx.QueryRow(ctx, suspectStatusSQL, s.ID), "postgres: update simbox suspect", from,
			fmt.Sprintf("SIM-box suspect %d", s.ID), fmt.Sprintf("SIM-box suspect %d not found", s.ID))
	}
	s.StatusAt = sqlstore.Stored(s.StatusAt)
	return nil
}

// CreateSimboxSeizure inserts z and sets z.ID. Its Date counts as the UTC
// day it falls on.
func (tx *tx) CreateSimboxSeizure(ctx context.Context, z *kuzet.SimboxSeizure) error {
	ids, err := sqlstore.ListJSON(z.DeviceIDs)
	if err != nil {
		return fmt.Errorf("postgres: create simbox seizure: %w", err)
	}
	if err := tx.tx.QueryRow(ctx, insertSeizureSQL, z.OrgID, sqlstore.UTCDay(z.Date), z.Region, z.Devices, z.SIMs, ids,
		z.Notes, sqlstore.Stored(z.CreatedAt)).Scan(&z.ID); err != nil {
		return fmt.Errorf("postgres: create simbox seizure: %w", err)
	}
	sqlstore.StoredSeizure(z)
	return nil
}

// FindSimboxSeizures returns the seizures f selects, by ascending ID, at
// most kuzet.WebPageLimit(f.Limit). The bounds count in whole UTC days.
func (tx *tx) FindSimboxSeizures(ctx context.Context, f kuzet.SimboxSeizureFilter) ([]*kuzet.SimboxSeizure, error) {
	from, to := sqlstore.Days(f.From, f.To)
	w := newWhere(f.AfterID)
	w.add(!from.IsZero(), "seized_on >=", from)
	w.add(!to.IsZero(), "seized_on <", to)
	return collect(ctx, tx, w.query(sqlstore.SeizureColumns, "simbox_seizures", f.Limit), "postgres: find simbox seizures",
		read.Seizure, w.args...)
}

// CountSimbox returns the figures for the period from (included) to
// (excluded); a zero bound does not limit. Seizures count in whole UTC
// days, as their dates are days.
func (tx *tx) CountSimbox(ctx context.Context, from, to time.Time) (kuzet.SimboxCounts, error) {
	dayFrom, dayTo := sqlstore.Days(from, to)
	c, err := sqlstore.SimboxCounts(tx.tx.QueryRow(ctx, countSimboxSQL, nullTime(from), nullTime(to), nullTime(dayFrom),
		nullTime(dayTo)))
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
