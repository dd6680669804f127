package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
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

	putCheckQuery = prepare(`INSERT INTO payment_checks (` + sqlstore.CheckColumns + `)
		VALUES ` + checkRow + ` ON CONFLICT (id) DO NOTHING`)
	findCheckQuery = prepare(`SELECT ` + sqlstore.CheckColumns + ` FROM payment_checks WHERE id = ? AND org_id = ?`)
	// The organisation is in every listing's WHERE: a bank's checks are its
	// own. The optional bounds are passed as the widest range.
	findChecksQuery = prepare(`SELECT ` + sqlstore.CheckColumns + ` FROM payment_checks
		WHERE org_id = ?1 AND checked_at >= ?2 AND checked_at < ?3 AND (?4 = '' OR decision = ?4)
		ORDER BY checked_at DESC, id DESC LIMIT ?5`)
	setCheckOutcomeQuery = prepare(`UPDATE payment_checks SET outcome = ?, outcome_at = ? WHERE id = ? AND org_id = ?`)
	checkOrgsQuery       = prepare(sqlstore.CheckOrgsSQL)

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

// checkRow is the placeholders of one row of sqlstore.CheckColumns.
const checkRow = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// putChecksQueries insert 32, 16, 8, 4, 2 and 1 rows, most first. Checks
// come in batches of hundreds: one statement stores many, which costs a
// fraction of as many statements, and what is left of a batch takes a few
// statements rather than one a row.
//
// OR IGNORE rather than ON CONFLICT (id) DO NOTHING: id is the only
// constraint a well-formed record can break (every NOT NULL column is bound
// a value), and a statement of many rows that no constraint can abort
// needs no statement journal, whose copies of the touched pages were a
// sixth of the writer's time.
var putChecksQueries = []struct {
	rows int
	q    query
}{{32, putChecksRows(32)}, {16, putChecksRows(16)}, {8, putChecksRows(8)}, {4, putChecksRows(4)}, {2, putChecksRows(2)},
	{1, putCheckQuery}}

// putChecksRows prepares the insert of n checks.
func putChecksRows(n int) query {
	return prepare(`INSERT OR IGNORE INTO payment_checks (` + sqlstore.CheckColumns + `)
		VALUES ` + strings.Repeat(checkRow+", ", n-1) + checkRow)
}

// PutChecks inserts checks; one stored already is left as it is, so that a
// writer may retry a batch. Sets the time fields of each to the stored
// ones.
func (tx *tx) PutChecks(ctx context.Context, checks []*kuzet.CheckRecord) error {
	args := make([]any, 0, 18*putChecksQueries[0].rows)
	for len(checks) > 0 {
		i := 0
		for putChecksQueries[i].rows > len(checks) {
			i++
		}
		q, n := putChecksQueries[i].q, putChecksQueries[i].rows
		args = args[:0]
		for _, c := range checks[:n] {
			payer, payee, reasons, signals, err := sqlstore.CheckDocs(c)
			if err != nil {
				return fmt.Errorf("sqlite: put checks: %w", err)
			}
			args = append(args, c.ID, c.OrgID, c.Check.PaymentID, int64(c.Check.Amount), c.Check.Currency,
				nullMicros(c.Check.CreatedAt), c.Check.Channel, payer, payee, string(c.Decision), c.Score, reasons,
				nullMicros(c.HoldUntil), c.RulesVersion, micros(c.CheckedAt), string(c.Outcome), nullMicros(c.OutcomeAt),
				signals)
		}
		if _, err := tx.stmt(ctx, q).ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("sqlite: put checks: %w", err)
		}
		checks = checks[n:]
	}
	return nil
}

// FindCheck returns ENOTFOUND if there is no such check or it belongs to
// another organisation.
func (tx *tx) FindCheck(ctx context.Context, orgID int64, id string) (*kuzet.CheckRecord, error) {
	return sqlstore.One(tx.stmt(ctx, findCheckQuery).QueryRowContext(ctx, id, orgID), "sqlite: find check", read.Check,
		"no check %q", id)
}

// FindChecks returns the checks f selects, newest first.
func (tx *tx) FindChecks(ctx context.Context, f kuzet.CheckFilter) ([]*kuzet.CheckRecord, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = defaultCheckLimit
	}
	return collect(ctx, tx, findChecksQuery, "sqlite: find checks", read.Check, f.OrgID,
		bound(f.From, math.MinInt64), bound(f.To, math.MaxInt64), string(f.Decision), limit)
}

// SetCheckOutcome records the outcome of orgID's check. Returns ENOTFOUND
// if there is no such check or it is another organisation's.
func (tx *tx) SetCheckOutcome(ctx context.Context, orgID int64, id string, outcome kuzet.Outcome, at time.Time) error {
	n, err := tx.exec(ctx, setCheckOutcomeQuery, string(outcome), nullMicros(at), id, orgID)
	if err != nil {
		return fmt.Errorf("sqlite: set check outcome: %w", err)
	}
	if n == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "no check %q", id)
	}
	return nil
}

// scanOrgChecksSQL reads one organisation's checks by time, down
// payment_checks_org. It is not prepared: ScanChecks runs one at a time for
// each organisation, and the driver's prepared statement holds one cursor.
const scanOrgChecksSQL = `SELECT ` + sqlstore.CheckColumns + ` FROM payment_checks WHERE org_id = ? AND checked_at >= ?
	ORDER BY checked_at, id`

// ScanChecks calls fn for every check made at or after since, by CheckedAt
// then ID. Stops at and returns fn's first error. fn must not use the
// transaction.
//
// There is no index by time alone (migration 0062 dropped it: a fourth
// B-tree to write for every check, read only here): each organisation's
// checks are read by time down payment_checks_org, and the cursors merged.
func (tx *tx) ScanChecks(ctx context.Context, since time.Time, fn func(*kuzet.CheckRecord) error) error {
	const op = "sqlite: scan checks"
	orgs, err := collect(ctx, tx, checkOrgsQuery, op, func(s sqlstore.Scanner) (id int64, err error) {
		err = s.Scan(&id)
		return id, err
	})
	if err != nil {
		return err
	}
	cursors := make([]*sql.Rows, 0, len(orgs))
	defer func() {
		for _, rows := range cursors {
			rows.Close()
		}
	}()
	var m sqlstore.CheckMerge
	for _, org := range orgs {
		rows, err := tx.tx.QueryContext(ctx, scanOrgChecksSQL, org, micros(since))
		if err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		cursors = append(cursors, rows)
		if err := m.Add(rows, read.Check); err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
	}
	return m.Each(op, fn)
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
