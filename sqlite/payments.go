package sqlite

import (
	"cmp"
	"container/heap"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

// Default limits of the listing methods, when the filter sets none.
const (
	defaultCheckLimit    = 1000
	defaultFreezeLimit   = 10_000
	defaultDeliveryLimit = 1000
)

var (
	// A writer may retry a batch: a check stored already is left as it is.
	putFraudDeviceQuery = prepare(`INSERT INTO fraud_devices (device_id, org_id, check_id, marked_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (device_id) DO NOTHING`)
	scanFraudDevicesQuery = prepare(`SELECT ` + sqlstore.FraudDeviceColumns + ` FROM fraud_devices ORDER BY marked_at, device_id`)

	// Checks are stored many to a row (checkbatch.go, migration 0063).
	putBatchQuery = prepare(`INSERT INTO check_batches (org_id, first_id, last_id, first_at, last_at, records)
		VALUES (?, ?, ?, ?, ?, ?)`)
	// The row of an organisation with the greatest first ID not above ?2:
	// the one that may hold that ID, and the last that may meet a range
	// ending at it. One seek down check_batches_id.
	batchAtQuery = prepare(`SELECT seq, last_id FROM check_batches WHERE org_id = ?1 AND first_id <= ?2
		ORDER BY first_id DESC LIMIT 1`)
	// The rows of an organisation whose ID ranges meet [?2, ?3]: the last
	// that begins before ?2, if it reaches it, and those that begin in it.
	// (One statement, a UNION under an IN, was prepared again at every step
	// of it: 100 µs. These are two plain seeks.)
	batchBeforeQuery = prepare(`SELECT seq, last_id FROM check_batches WHERE org_id = ?1 AND first_id < ?2
		ORDER BY first_id DESC LIMIT 1`)
	batchesWithinQuery = prepare(`SELECT seq FROM check_batches WHERE org_id = ?1 AND first_id >= ?2 AND first_id <= ?3`)
	batchRecordsQuery  = prepare(`SELECT records FROM check_batches WHERE seq = ?`)
	// batchAtQuery with the row's checks: the row that may hold a check.
	checkBatchQuery = prepare(`SELECT last_id, records FROM check_batches WHERE org_id = ?1 AND first_id <= ?2
		ORDER BY first_id DESC LIMIT 1`)
	deleteBatchQuery = prepare(`DELETE FROM check_batches WHERE seq = ?`)
	// The organisation is in every listing's WHERE: a bank's checks are its
	// own. The optional bounds are passed as the widest range.
	findCheckBatchesQuery = prepare(`SELECT last_at, records FROM check_batches
		WHERE org_id = ?1 AND last_at >= ?2 AND first_at < ?3 ORDER BY last_at DESC`)
	scanBatchesQuery  = prepare(`SELECT org_id, first_at, records FROM check_batches WHERE last_at >= ? ORDER BY first_at`)
	findOutcomesQuery = prepare(`SELECT id, outcome, outcome_at FROM check_outcomes
		WHERE org_id = ?1 AND id >= ?2 AND id <= ?3`)
	setOutcomeQuery = prepare(`INSERT INTO check_outcomes (org_id, id, outcome, outcome_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (org_id, id) DO UPDATE SET outcome = excluded.outcome, outcome_at = excluded.outcome_at`)

	addPreventedLossQuery = prepare(`INSERT INTO prevented_loss (day, org_id, region, currency, amount, count)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (day, org_id, region, currency) DO UPDATE SET
			amount = amount + excluded.amount, count = count + excluded.count`)
	findPreventedLossQuery = prepare(`SELECT ` + sqlstore.PreventedLossColumns + ` FROM prevented_loss
		WHERE day >= ?1 AND day < ?2 AND (?3 = 0 OR org_id = ?3) AND (?4 = '' OR region = ?4)
		ORDER BY day, org_id, region, currency`)

	putRuleVersionQuery = prepare(`INSERT INTO payment_rules (hash, version, source, mode, org_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (hash) DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at`)
	findRuleVersionsQuery = prepare(`SELECT ` + sqlstore.RuleVersionColumns + ` FROM payment_rules ORDER BY seq`)

	createVictimReportQuery = prepare(`INSERT INTO victim_reports (` + sqlstore.VictimReportColumns + `)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
	findVictimReportQuery = prepare(`SELECT ` + sqlstore.VictimReportColumns + ` FROM victim_reports WHERE id = ?`)

	createFreezeRequestQuery = prepare(`INSERT INTO freeze_requests (` + sqlstore.FreezeColumns + `)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
	findFreezeRequestQuery   = prepare(`SELECT ` + sqlstore.FreezeColumns + ` FROM freeze_requests WHERE id = ? AND org_id = ?`)
	updateFreezeRequestQuery = prepare(`UPDATE freeze_requests SET status = ?, frozen_amount = ?, frozen_until = ?,
		onward = ?, note = ?, responded_at = ?, escalated_at = ? WHERE id = ?`)

	putWebhookQuery = prepare(`INSERT INTO webhooks (org_id, url, secret, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (org_id) DO UPDATE SET url = excluded.url, secret = excluded.secret, created_at = excluded.created_at`)
	findWebhookQuery = prepare(`SELECT ` + sqlstore.WebhookColumns + ` FROM webhooks WHERE org_id = ?`)

	createDeliveryQuery = prepare(`INSERT INTO webhook_deliveries (` + sqlstore.DeliveryColumns + `)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
	updateDeliveryQuery = prepare(`UPDATE webhook_deliveries SET status = ?, attempts = ?, next_at = ?, log = ?,
		delivered_at = ? WHERE id = ?`)
	findDueDeliveriesQuery = prepare(`SELECT ` + sqlstore.DeliveryColumns + ` FROM webhook_deliveries
		WHERE status = 'pending' AND next_at <= ? ORDER BY next_at, seq LIMIT ?`)
	findDeliveriesQuery = prepare(`SELECT ` + sqlstore.DeliveryColumns + ` FROM webhook_deliveries
		WHERE org_id = ?1 AND (?2 = '' OR object = ?2) ORDER BY seq DESC LIMIT ?3`)
	dueDeliveryOrgsQuery = prepare(`SELECT DISTINCT org_id FROM webhook_deliveries
		WHERE status = 'pending' AND next_at <= ? ORDER BY org_id LIMIT ?`)
	// One writer at a time: the claim is the select and the update at once.
	claimDeliveriesQuery = prepare(`UPDATE webhook_deliveries SET next_at = ?1 WHERE seq IN (
		SELECT seq FROM webhook_deliveries WHERE status = 'pending' AND org_id = ?2 AND next_at <= ?3
		ORDER BY next_at, seq LIMIT ?4) RETURNING ` + sqlstore.DeliveryColumns)
)

var (
	_ kuzet.PaymentStore = (*tx)(nil)
	_ kuzet.FreezeStore  = (*tx)(nil)
	_ kuzet.WebhookStore = (*tx)(nil)
)

// bound is the stored form of a filter's bound t: open, the widest value
// the column can hold, for the zero time.
func bound(t time.Time, open int64) int64 {
	if t.IsZero() {
		return open
	}
	return micros(t)
}

// encoders keeps the batch encoders' buffers from one put to the next.
var encoders = sync.Pool{New: func() any { return new(checkEncoder) }}

// PutChecks inserts checks; one stored already is left as it is, so that a
// writer may retry a batch. Sets the time fields of each to the stored
// ones.
//
// Each organisation's checks become one row (or more, beyond batchChecks).
// A check already stored is found only among its own organisation's: the
// engine's IDs are unique, and a retried batch is its bank's.
func (tx *tx) PutChecks(ctx context.Context, checks []*kuzet.CheckRecord) error {
	for _, c := range checks {
		storedCheckTimes(c)
	}
	// Stable, so that of two records of one ID the first is kept, as
	// INSERT OR IGNORE kept it.
	sorted := slices.Clone(checks)
	slices.SortStableFunc(sorted, func(a, b *kuzet.CheckRecord) int {
		return cmp.Or(cmp.Compare(a.OrgID, b.OrgID), strings.Compare(a.ID, b.ID))
	})
	sorted = slices.CompactFunc(sorted, func(a, b *kuzet.CheckRecord) bool { return a.OrgID == b.OrgID && a.ID == b.ID })
	e := encoders.Get().(*checkEncoder)
	defer encoders.Put(e)
	for len(sorted) > 0 {
		n := 1
		for n < len(sorted) && sorted[n].OrgID == sorted[0].OrgID {
			n++
		}
		if err := tx.putOrgChecks(ctx, e, sorted[:n]); err != nil {
			return fmt.Errorf("sqlite: put checks: %w", err)
		}
		sorted = sorted[n:]
	}
	return nil
}

// putOrgChecks stores recs, one organisation's checks sorted by ID. If
// their ID range meets stored rows (a retried batch, or checks whose IDs
// came out of order around the writer's last batch), those rows and the
// checks not in them are written again as rows of ID ranges of their own.
func (tx *tx) putOrgChecks(ctx context.Context, e *checkEncoder, recs []*kuzet.CheckRecord) error {
	org := recs[0].OrgID
	stored, seqs, err := tx.overlapping(ctx, org, recs[0].ID, recs[len(recs)-1].ID)
	if err != nil {
		return err
	}
	if len(seqs) > 0 {
		have := make(map[string]bool, len(stored))
		for _, c := range stored {
			have[c.ID] = true
		}
		n := len(stored)
		for _, c := range recs {
			if !have[c.ID] {
				stored = append(stored, c)
			}
		}
		if len(stored) == n {
			return nil
		}
		slices.SortFunc(stored, func(a, b *kuzet.CheckRecord) int { return strings.Compare(a.ID, b.ID) })
		for _, seq := range seqs {
			if _, err := tx.exec(ctx, deleteBatchQuery, seq); err != nil {
				return err
			}
		}
		recs = stored
	}
	for len(recs) > 0 {
		n := min(len(recs), batchChecks)
		if _, err := tx.stmt(ctx, putBatchQuery).ExecContext(ctx, batchRow(e, recs[:n])...); err != nil {
			return err
		}
		recs = recs[n:]
	}
	return nil
}

// batchRow returns the values of putBatchQuery for recs, one
// organisation's checks sorted by ID, as e encodes them.
func batchRow(e *checkEncoder, recs []*kuzet.CheckRecord) []any {
	first, last := recs[0].CheckedAt, recs[0].CheckedAt
	for _, c := range recs[1:] {
		if c.CheckedAt.Before(first) {
			first = c.CheckedAt
		}
		if c.CheckedAt.After(last) {
			last = c.CheckedAt
		}
	}
	return []any{recs[0].OrgID, recs[0].ID, recs[len(recs)-1].ID, micros(first), micros(last), e.encode(recs)}
}

// overlapping returns the checks of the rows of org whose ID ranges meet
// [lo, hi], as stored (the outcomes reported since are not read), and the
// rows' seq.
//
// Rows do not overlap, so none meets [lo, hi] if the last to begin at or
// before hi ends before lo: a batch of new IDs costs one seek.
func (tx *tx) overlapping(ctx context.Context, org int64, lo, hi string) ([]*kuzet.CheckRecord, []int64, error) {
	var (
		seqs []int64
		seq  int64
		last string
	)
	err := tx.stmt(ctx, batchAtQuery).QueryRowContext(ctx, org, hi).Scan(&seq, &last)
	if errors.Is(err, sql.ErrNoRows) || err == nil && last < lo {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	err = tx.stmt(ctx, batchBeforeQuery).QueryRowContext(ctx, org, lo).Scan(&seq, &last)
	switch {
	case err == nil && last >= lo:
		seqs = append(seqs, seq)
	case err != nil && !errors.Is(err, sql.ErrNoRows):
		return nil, nil, err
	}
	within, err := collect(ctx, tx, batchesWithinQuery, "", func(s sqlstore.Scanner) (seq int64, err error) {
		err = s.Scan(&seq)
		return seq, err
	}, org, lo, hi)
	if err != nil {
		return nil, nil, err
	}
	seqs = append(seqs, within...)
	var recs []*kuzet.CheckRecord
	for _, seq := range seqs {
		var data []byte
		if err := tx.stmt(ctx, batchRecordsQuery).QueryRowContext(ctx, seq).Scan(&data); err != nil {
			return nil, nil, err
		}
		cb, err := parseBatch(data)
		if err != nil {
			return nil, nil, err
		}
		batch, err := cb.checks(org)
		if err != nil {
			return nil, nil, err
		}
		recs = append(recs, batch...)
	}
	return recs, seqs, nil
}

// moveLegacyChecks moves the checks of payment_checks, a row a check, into
// check_batches: each organisation's, by ID, in rows of batchChecks.
func moveLegacyChecks(ctx context.Context, t *sql.Tx) error {
	rows, err := t.QueryContext(ctx, `SELECT `+sqlstore.CheckColumns+` FROM payment_checks ORDER BY org_id, id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var (
		e    checkEncoder
		recs []*kuzet.CheckRecord
	)
	flush := func() error {
		if len(recs) == 0 {
			return nil
		}
		_, err := t.ExecContext(ctx, `INSERT INTO check_batches (org_id, first_id, last_id, first_at, last_at, records)
			VALUES (?, ?, ?, ?, ?, ?)`, batchRow(&e, recs)...)
		recs = recs[:0]
		return err
	}
	for rows.Next() {
		c, err := read.Check(rows)
		if err != nil {
			return fmt.Errorf("move checks: %w", err)
		}
		if len(recs) == batchChecks || len(recs) > 0 && recs[0].OrgID != c.OrgID {
			if err := flush(); err != nil {
				return fmt.Errorf("move checks: %w", err)
			}
		}
		recs = append(recs, c)
	}
	if err := errors.Join(rows.Err(), flush()); err != nil {
		return fmt.Errorf("move checks: %w", err)
	}
	return nil
}

// locateCheck returns the batch holding orgID's check id and its index
// there. Returns ENOTFOUND if there is none.
func (tx *tx) locateCheck(ctx context.Context, orgID int64, id string) (*checkBatch, int, error) {
	var (
		last string
		data []byte
	)
	err := tx.stmt(ctx, checkBatchQuery).QueryRowContext(ctx, orgID, id).Scan(&last, &data)
	if errors.Is(err, sql.ErrNoRows) || err == nil && last < id {
		return nil, 0, kuzet.Errorf(kuzet.ENOTFOUND, "no check %q", id)
	}
	if err != nil {
		return nil, 0, err
	}
	cb, err := parseBatch(data)
	if err != nil {
		return nil, 0, err
	}
	i := cb.find(id)
	if i < 0 {
		return nil, 0, kuzet.Errorf(kuzet.ENOTFOUND, "no check %q", id)
	}
	return cb, i, nil
}

// mergeOutcomes sets the outcomes reported on recs, orgID's checks sorted
// by ID, over their stored ones.
func (tx *tx) mergeOutcomes(ctx context.Context, orgID int64, recs []*kuzet.CheckRecord) error {
	if len(recs) == 0 {
		return nil
	}
	rows, err := tx.stmt(ctx, findOutcomesQuery).QueryContext(ctx, orgID, recs[0].ID, recs[len(recs)-1].ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id      string
			outcome kuzet.Outcome
			at      time.Time
		)
		if err := rows.Scan(&id, &outcome, (*microTime)(&at)); err != nil {
			return err
		}
		if i, ok := slices.BinarySearchFunc(recs, id, func(c *kuzet.CheckRecord, id string) int {
			return strings.Compare(c.ID, id)
		}); ok {
			recs[i].Outcome, recs[i].OutcomeAt = outcome, at
		}
	}
	return rows.Err()
}

// wrap adds op to err, unless err is the store's answer (ENOTFOUND), which
// is returned as it is.
func wrap(op string, err error) error {
	if e := (*kuzet.Error)(nil); errors.As(err, &e) {
		return err
	}
	return fmt.Errorf("%s: %w", op, err)
}

// FindCheck returns ENOTFOUND if there is no such check or it belongs to
// another organisation.
func (tx *tx) FindCheck(ctx context.Context, orgID int64, id string) (*kuzet.CheckRecord, error) {
	const op = "sqlite: find check"
	cb, i, err := tx.locateCheck(ctx, orgID, id)
	if err != nil {
		return nil, wrap(op, err)
	}
	c, err := cb.check(i, orgID)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", op, id, err)
	}
	if err := tx.mergeOutcomes(ctx, orgID, []*kuzet.CheckRecord{c}); err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return c, nil
}

// newerCheck orders checks as the listing does: newest first, then by ID,
// greatest first.
func newerCheck(a, b *kuzet.CheckRecord) int {
	return cmp.Or(b.CheckedAt.Compare(a.CheckedAt), strings.Compare(b.ID, a.ID))
}

// FindChecks returns the checks f selects, newest first.
//
// It reads the organisation's rows by their latest check, newest first,
// and stops once it holds Limit checks all newer than any the next row
// can hold: rows' time ranges overlap a little (a batch's checks are in
// the order they were queued, not quite that of their times).
func (tx *tx) FindChecks(ctx context.Context, f kuzet.CheckFilter) ([]*kuzet.CheckRecord, error) {
	const op = "sqlite: find checks"
	limit := f.Limit
	if limit <= 0 {
		limit = defaultCheckLimit
	}
	from, to := bound(f.From, math.MinInt64), bound(f.To, math.MaxInt64)
	rows, err := tx.stmt(ctx, findCheckBatchesQuery).QueryContext(ctx, f.OrgID, from, to)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	defer rows.Close()
	var out []*kuzet.CheckRecord
	for rows.Next() {
		var (
			lastAt int64
			data   sql.RawBytes
		)
		if err := rows.Scan(&lastAt, &data); err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		if len(out) >= limit {
			slices.SortFunc(out, newerCheck)
			out = out[:limit]
			if lastAt < micros(out[limit-1].CheckedAt) {
				break
			}
		}
		cb, err := parseBatch(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		for i := range cb.n {
			c, err := cb.check(i, f.OrgID)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", op, err)
			}
			if at := micros(c.CheckedAt); at >= from && at < to && (f.Decision == "" || c.Decision == f.Decision) {
				out = append(out, c)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	rows.Close()
	slices.SortFunc(out, func(a, b *kuzet.CheckRecord) int { return strings.Compare(a.ID, b.ID) })
	if err := tx.mergeOutcomes(ctx, f.OrgID, out); err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	slices.SortFunc(out, newerCheck)
	return out[:min(len(out), limit)], nil
}

// SetCheckOutcome records the outcome of orgID's check. Returns ENOTFOUND
// if there is no such check or it is another organisation's.
func (tx *tx) SetCheckOutcome(ctx context.Context, orgID int64, id string, outcome kuzet.Outcome, at time.Time) error {
	const op = "sqlite: set check outcome"
	if _, _, err := tx.locateCheck(ctx, orgID, id); err != nil {
		return wrap(op, err)
	}
	if _, err := tx.exec(ctx, setOutcomeQuery, orgID, id, string(outcome), nullMicros(at)); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

// ScanChecks calls fn for every check made at or after since, by CheckedAt
// then ID. Stops at and returns fn's first error. fn must not use the
// transaction.
//
// It reads the rows by their earliest check and merges their checks: a
// check is passed on once no row still to come can hold an earlier one.
func (tx *tx) ScanChecks(ctx context.Context, since time.Time, fn func(*kuzet.CheckRecord) error) error {
	const op = "sqlite: scan checks"
	rows, err := tx.stmt(ctx, scanBatchesQuery).QueryContext(ctx, micros(since))
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	defer rows.Close()
	var m checkMerge
	for rows.Next() {
		var (
			org     int64
			firstAt int64
			data    sql.RawBytes
		)
		if err := rows.Scan(&org, &firstAt, &data); err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		if err := m.emitBefore(firstAt, fn); err != nil {
			return err
		}
		cb, err := parseBatch(data)
		if err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		recs, err := cb.checks(org)
		if err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		if err := tx.mergeOutcomes(ctx, org, recs); err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		recs = slices.DeleteFunc(recs, func(c *kuzet.CheckRecord) bool { return micros(c.CheckedAt) < micros(since) })
		slices.SortFunc(recs, earlierCheck)
		m.add(recs)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return m.emitBefore(math.MaxInt64, fn)
}

// earlierCheck orders checks as the scan does: by CheckedAt, then ID.
func earlierCheck(a, b *kuzet.CheckRecord) int {
	return cmp.Or(a.CheckedAt.Compare(b.CheckedAt), strings.Compare(a.ID, b.ID))
}

// checkMerge merges runs of checks, each in the order of earlierCheck.
type checkMerge []*[]*kuzet.CheckRecord // a heap of the runs not yet passed on, by their first check

func (m *checkMerge) add(run []*kuzet.CheckRecord) {
	if len(run) > 0 {
		heap.Push(m, &run)
	}
}

// emitBefore calls fn for the checks made before the time us (µs), in
// order. It stops at and returns fn's first error.
func (m *checkMerge) emitBefore(us int64, fn func(*kuzet.CheckRecord) error) error {
	for len(*m) > 0 {
		run := (*m)[0]
		c := (*run)[0]
		if micros(c.CheckedAt) >= us {
			return nil
		}
		if err := fn(c); err != nil {
			return err
		}
		if *run = (*run)[1:]; len(*run) > 0 {
			heap.Fix(m, 0)
		} else {
			heap.Pop(m)
		}
	}
	return nil
}

func (m checkMerge) Len() int           { return len(m) }
func (m checkMerge) Less(i, j int) bool { return earlierCheck((*m[i])[0], (*m[j])[0]) < 0 }
func (m checkMerge) Swap(i, j int)      { m[i], m[j] = m[j], m[i] }
func (m *checkMerge) Push(x any)        { *m = append(*m, x.(*[]*kuzet.CheckRecord)) }
func (m *checkMerge) Pop() any {
	old := *m
	run := old[len(old)-1]
	old[len(old)-1] = nil
	*m = old[:len(old)-1]
	return run
}

// PutFraudDevice records deviceID as a fraudster's; a device named before
// keeps its first record.
func (tx *tx) PutFraudDevice(ctx context.Context, orgID int64, deviceID, checkID string, at time.Time) error {
	if _, err := tx.exec(ctx, putFraudDeviceQuery, deviceID, orgID, checkID, micros(at)); err != nil {
		return fmt.Errorf("sqlite: put fraud device: %w", err)
	}
	return nil
}

// ScanFraudDevices calls fn for every device named as a fraudster's, oldest
// first. Stops at and returns fn's first error. fn must not use the
// transaction.
func (tx *tx) ScanFraudDevices(ctx context.Context, fn func(deviceID string, at time.Time) error) error {
	return each(ctx, tx, scanFraudDevicesQuery, "sqlite: scan fraud devices", read.FraudDevice,
		func(d sqlstore.FraudDevice) error { return fn(d.ID, d.At) })
}

// AddPreventedLoss adds each row's Amount and Count to the stored row of
// the same day, OrgID, Region and Currency, creating it if there is none.
// A Day that is not a UTC midnight counts on the day it falls on.
func (tx *tx) AddPreventedLoss(ctx context.Context, rows []kuzet.PreventedLoss) error {
	s := tx.stmt(ctx, addPreventedLossQuery)
	for _, r := range rows {
		if _, err := s.ExecContext(ctx, micros(sqlstore.UTCDay(r.Day)), r.OrgID, r.Region, r.Currency, int64(r.Amount),
			r.Count); err != nil {
			return fmt.Errorf("sqlite: add prevented loss: %w", err)
		}
	}
	return nil
}

// FindPreventedLoss returns the rows f selects, by Day, OrgID, Region and
// Currency.
func (tx *tx) FindPreventedLoss(ctx context.Context, f kuzet.PreventedLossFilter) ([]*kuzet.PreventedLoss, error) {
	from, to := sqlstore.PreventedLossDays(f.From, f.To)
	return collect(ctx, tx, findPreventedLossQuery, "sqlite: find prevented loss", read.PreventedLoss,
		bound(from, math.MinInt64), bound(to, math.MaxInt64), f.OrgID, f.Region)
}

// PutRuleVersion inserts v, or updates the Mode and UpdatedAt of the stored
// version with the same Hash. Sets v's times to the stored ones.
func (tx *tx) PutRuleVersion(ctx context.Context, v *kuzet.RuleVersion) error {
	if _, err := tx.stmt(ctx, putRuleVersionQuery).ExecContext(ctx, v.Hash, v.Version, v.Source, string(v.Mode), v.OrgID,
		micros(v.CreatedAt), micros(v.UpdatedAt)); err != nil {
		return fmt.Errorf("sqlite: put rule version: %w", err)
	}
	v.CreatedAt, v.UpdatedAt = sqlstore.Stored(v.CreatedAt), sqlstore.Stored(v.UpdatedAt)
	return nil
}

// FindRuleVersions returns every stored version, oldest first.
func (tx *tx) FindRuleVersions(ctx context.Context) ([]*kuzet.RuleVersion, error) {
	return collect(ctx, tx, findRuleVersionsQuery, "sqlite: find rule versions", read.RuleVersion)
}

// CreateVictimReport inserts r. Returns ECONFLICT if r.ID is taken. Sets
// r's times to the stored ones.
func (tx *tx) CreateVictimReport(ctx context.Context, r *kuzet.VictimReport) error {
	indicators, transfers, err := sqlstore.VictimReportDocs(r)
	if err != nil {
		return fmt.Errorf("sqlite: create victim report: %w", err)
	}
	n, err := tx.exec(ctx, createVictimReportQuery, r.ID, r.CaseID, r.OrgID, r.Victim.Name, r.Victim.Phone,
		r.Victim.Region, r.Channel, r.Scheme, r.Description, int64(r.AmountLost), r.Currency, indicators, transfers,
		micros(r.CreatedAt))
	if err != nil {
		return fmt.Errorf("sqlite: create victim report: %w", err)
	}
	if n == 0 {
		return kuzet.Errorf(kuzet.ECONFLICT, "report %q exists", r.ID)
	}
	return nil
}

// FindVictimReport returns ENOTFOUND if there is no such report.
func (tx *tx) FindVictimReport(ctx context.Context, id string) (*kuzet.VictimReport, error) {
	return sqlstore.One(tx.stmt(ctx, findVictimReportQuery).QueryRowContext(ctx, id), "sqlite: find victim report",
		read.VictimReport, "no report %q", id)
}

// CreateFreezeRequests inserts requests. Returns ECONFLICT if an ID is
// taken; the requests before it are inserted, so the caller rolls back.
// Sets the requests' times to the stored ones.
func (tx *tx) CreateFreezeRequests(ctx context.Context, reqs []*kuzet.FreezeRequest) error {
	for _, r := range reqs {
		sqlstore.StoredFreeze(r)
		onward, err := sqlstore.TransfersJSON(r.Onward)
		if err != nil {
			return fmt.Errorf("sqlite: create freeze requests: %w", err)
		}
		n, err := tx.exec(ctx, createFreezeRequestQuery, r.ID, r.ReportID, r.CaseID, r.ParentID, r.Hop, r.OrgID,
			r.BankBIC, r.IBAN, r.FromBankBIC, int64(r.Amount), r.Currency, nullMicros(r.TransferAt), string(r.Status),
			nullMicros(r.DueAt), int64(r.FrozenAmount), nullMicros(r.FrozenUntil), onward, r.Note,
			nullMicros(r.RespondedAt), nullMicros(r.EscalatedAt), micros(r.CreatedAt))
		if err != nil {
			return fmt.Errorf("sqlite: create freeze requests: %w", err)
		}
		if n == 0 {
			return kuzet.Errorf(kuzet.ECONFLICT, "freeze request %q exists", r.ID)
		}
	}
	return nil
}

// FindFreezeRequest returns ENOTFOUND if there is no such request or it is
// addressed to another organisation than orgID.
func (tx *tx) FindFreezeRequest(ctx context.Context, orgID int64, id string) (*kuzet.FreezeRequest, error) {
	return sqlstore.One(tx.stmt(ctx, findFreezeRequestQuery).QueryRowContext(ctx, id, orgID),
		"sqlite: find freeze request", read.Freeze, "no freeze request %q", id)
}

// FindFreezeRequests returns the requests f selects, oldest first. The
// query is built for the fields set, so that each filter uses its index:
// an organisation's inbox, a report's trail, the overdue ones.
func (tx *tx) FindFreezeRequests(ctx context.Context, f kuzet.FreezeRequestFilter) ([]*kuzet.FreezeRequest, error) {
	var (
		where []string
		args  []any
	)
	if f.OrgID != 0 {
		where, args = append(where, "org_id = ?"), append(args, f.OrgID)
	}
	if f.ReportID != "" {
		where, args = append(where, "report_id = ?"), append(args, f.ReportID)
	}
	if f.Status != "" {
		where, args = append(where, "status = ?"), append(args, string(f.Status))
	}
	if !f.DueBefore.IsZero() {
		where, args = append(where, "status = 'open' AND due_at < ?"), append(args, micros(f.DueBefore))
	}
	if f.Escalated != nil {
		if *f.Escalated {
			where = append(where, "escalated_at IS NOT NULL")
		} else {
			where = append(where, "escalated_at IS NULL")
		}
	}
	limit := f.Limit
	if limit <= 0 {
		limit = defaultFreezeLimit
	}
	q := `SELECT ` + sqlstore.FreezeColumns + ` FROM freeze_requests`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	rows, err := tx.tx.QueryContext(ctx, q+` ORDER BY seq LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find freeze requests: %w", err)
	}
	defer rows.Close()
	return sqlstore.Collect(rows, "sqlite: find freeze requests", read.Freeze)
}

// UpdateFreezeRequest stores the answer and escalation fields of r.
// Returns ENOTFOUND if r.ID is not stored. Sets those times of r to the
// stored ones.
func (tx *tx) UpdateFreezeRequest(ctx context.Context, r *kuzet.FreezeRequest) error {
	onward, err := sqlstore.FreezeAnswerDoc(r)
	if err != nil {
		return fmt.Errorf("sqlite: update freeze request: %w", err)
	}
	n, err := tx.exec(ctx, updateFreezeRequestQuery, string(r.Status), int64(r.FrozenAmount),
		nullMicros(r.FrozenUntil), onward, r.Note, nullMicros(r.RespondedAt), nullMicros(r.EscalatedAt), r.ID)
	if err != nil {
		return fmt.Errorf("sqlite: update freeze request: %w", err)
	}
	if n == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "no freeze request %q", r.ID)
	}
	return nil
}

// PutWebhook inserts or replaces the organisation's webhook.
func (tx *tx) PutWebhook(ctx context.Context, w *kuzet.Webhook) error {
	if _, err := tx.stmt(ctx, putWebhookQuery).ExecContext(ctx, w.OrgID, w.URL, blob(w.Secret), micros(w.CreatedAt)); err != nil {
		return fmt.Errorf("sqlite: put webhook: %w", err)
	}
	w.CreatedAt = sqlstore.Stored(w.CreatedAt)
	return nil
}

// FindWebhook returns ENOTFOUND if the organisation has none.
func (tx *tx) FindWebhook(ctx context.Context, orgID int64) (*kuzet.Webhook, error) {
	return sqlstore.One(tx.stmt(ctx, findWebhookQuery).QueryRowContext(ctx, orgID), "sqlite: find webhook", read.Webhook,
		"organisation %d has no webhook", orgID)
}

// CreateDeliveries inserts deliveries. Returns ECONFLICT if an ID is
// taken; the deliveries before it are inserted, so the caller rolls back.
func (tx *tx) CreateDeliveries(ctx context.Context, ds []*kuzet.WebhookDelivery) error {
	for _, d := range ds {
		d.CreatedAt = sqlstore.Stored(d.CreatedAt)
		log, err := sqlstore.DeliveryLogDoc(d)
		if err != nil {
			return fmt.Errorf("sqlite: create deliveries: %w", err)
		}
		n, err := tx.exec(ctx, createDeliveryQuery, d.ID, d.OrgID, d.Event, d.Object, blob(d.Body), string(d.Status),
			d.Attempts, micros(d.NextAt), log, micros(d.CreatedAt), nullMicros(d.DeliveredAt))
		if err != nil {
			return fmt.Errorf("sqlite: create deliveries: %w", err)
		}
		if n == 0 {
			return kuzet.Errorf(kuzet.ECONFLICT, "delivery %q exists", d.ID)
		}
	}
	return nil
}

// UpdateDelivery stores d's Status, Attempts, NextAt, Log and DeliveredAt.
// Returns ENOTFOUND if d.ID is not stored.
func (tx *tx) UpdateDelivery(ctx context.Context, d *kuzet.WebhookDelivery) error {
	log, err := sqlstore.DeliveryLogDoc(d)
	if err != nil {
		return fmt.Errorf("sqlite: update delivery: %w", err)
	}
	n, err := tx.exec(ctx, updateDeliveryQuery, string(d.Status), d.Attempts, micros(d.NextAt), log,
		nullMicros(d.DeliveredAt), d.ID)
	if err != nil {
		return fmt.Errorf("sqlite: update delivery: %w", err)
	}
	if n == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "no delivery %q", d.ID)
	}
	return nil
}

// FindDueDeliveries returns at most limit pending deliveries whose NextAt
// is not after now, earliest NextAt first.
func (tx *tx) FindDueDeliveries(ctx context.Context, now time.Time, limit int) ([]*kuzet.WebhookDelivery, error) {
	return collect(ctx, tx, findDueDeliveriesQuery, "sqlite: find due deliveries", read.Delivery, micros(now), limit)
}

// DueDeliveryOrgs returns the organisations with deliveries due at now.
func (tx *tx) DueDeliveryOrgs(ctx context.Context, now time.Time, limit int) ([]int64, error) {
	return collect(ctx, tx, dueDeliveryOrgsQuery, "sqlite: due delivery organisations",
		func(s sqlstore.Scanner) (id int64, err error) { err = s.Scan(&id); return id, err }, micros(now), limit)
}

// ClaimDueDeliveries takes orgID's due deliveries until leaseUntil.
func (tx *tx) ClaimDueDeliveries(ctx context.Context, orgID int64, now, leaseUntil time.Time, limit int) ([]*kuzet.WebhookDelivery, error) {
	return collect(ctx, tx, claimDeliveriesQuery, "sqlite: claim deliveries", read.Delivery, micros(leaseUntil), orgID,
		micros(now), limit)
}

// FindDeliveries returns the deliveries of one organisation, newest first.
func (tx *tx) FindDeliveries(ctx context.Context, f kuzet.DeliveryFilter) ([]*kuzet.WebhookDelivery, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = defaultDeliveryLimit
	}
	return collect(ctx, tx, findDeliveriesQuery, "sqlite: find deliveries", read.Delivery, f.OrgID, f.Object, limit)
}
