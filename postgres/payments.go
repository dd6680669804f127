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

// Default limits of the listing methods, when the filter sets none.
const (
	defaultCheckLimit    = 1000
	defaultFreezeLimit   = 10_000
	defaultDeliveryLimit = 1000
)

const (
	// A writer may retry a batch: a check stored already is left as it is.
	putFraudDeviceSQL = `INSERT INTO fraud_devices (device_id, org_id, check_id, marked_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (device_id) DO NOTHING`
	scanFraudDevicesSQL = `SELECT ` + sqlstore.FraudDeviceColumns + ` FROM fraud_devices ORDER BY marked_at, device_id`

	putCheckSQL = `INSERT INTO payment_checks (` + sqlstore.CheckColumns + `)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) ON CONFLICT (id) DO NOTHING`
	findCheckSQL = `SELECT ` + sqlstore.CheckColumns + ` FROM payment_checks WHERE id = $1 AND org_id = $2`
	// The organisation is in every listing's WHERE: a bank's checks are its
	// own.
	findChecksSQL = `SELECT ` + sqlstore.CheckColumns + ` FROM payment_checks
		WHERE org_id = $1 AND ($2::timestamptz IS NULL OR checked_at >= $2) AND ($3::timestamptz IS NULL OR checked_at < $3)
			AND ($4 = '' OR decision = $4)
		ORDER BY checked_at DESC, id DESC LIMIT $5`
	setCheckOutcomeSQL = `UPDATE payment_checks SET outcome = $1, outcome_at = $2 WHERE id = $3 AND org_id = $4`
	// One organisation's checks since $1 by time, down payment_checks_org:
	// ScanChecks joins one for each with UNION ALL. The ORDER BY of each lets
	// the planner merge them (a Merge Append) rather than sort them all.
	scanOrgChecksSQL = `(SELECT ` + sqlstore.CheckColumns + ` FROM payment_checks WHERE org_id = %d AND checked_at >= $1
		ORDER BY checked_at, id)`

	// One statement for all rows, merged first: ON CONFLICT DO UPDATE may
	// not meet one row twice.
	addPreventedLossSQL = `INSERT INTO prevented_loss (day, org_id, region, currency, amount, count)
		SELECT * FROM unnest($1::date[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[])
		ON CONFLICT (day, org_id, region, currency) DO UPDATE SET
			amount = prevented_loss.amount + excluded.amount, count = prevented_loss.count + excluded.count`
	findPreventedLossSQL = `SELECT ` + sqlstore.PreventedLossColumns + ` FROM prevented_loss
		WHERE ($1::date IS NULL OR day >= $1) AND ($2::date IS NULL OR day < $2) AND ($3::bigint = 0 OR org_id = $3)
			AND ($4 = '' OR region = $4)
		ORDER BY day, org_id, region, currency`

	putRuleVersionSQL = `INSERT INTO payment_rules (hash, version, source, mode, org_id, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (hash) DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at`
	findRuleVersionsSQL = `SELECT ` + sqlstore.RuleVersionColumns + ` FROM payment_rules ORDER BY seq`

	createVictimReportSQL = `INSERT INTO victim_reports (` + sqlstore.VictimReportColumns + `)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (id) DO NOTHING`
	findVictimReportSQL = `SELECT ` + sqlstore.VictimReportColumns + ` FROM victim_reports WHERE id = $1`

	createFreezeRequestSQL = `INSERT INTO freeze_requests (` + sqlstore.FreezeColumns + `)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
		ON CONFLICT (id) DO NOTHING`
	findFreezeRequestSQL   = `SELECT ` + sqlstore.FreezeColumns + ` FROM freeze_requests WHERE id = $1 AND org_id = $2`
	updateFreezeRequestSQL = `UPDATE freeze_requests SET status = $1, frozen_amount = $2, frozen_until = $3, onward = $4,
		note = $5, responded_at = $6, escalated_at = $7 WHERE id = $8`

	putWebhookSQL = `INSERT INTO webhooks (org_id, url, secret, created_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (org_id) DO UPDATE SET url = excluded.url, secret = excluded.secret, created_at = excluded.created_at`
	findWebhookSQL = `SELECT ` + sqlstore.WebhookColumns + ` FROM webhooks WHERE org_id = $1`

	createDeliverySQL = `INSERT INTO webhook_deliveries (` + sqlstore.DeliveryColumns + `)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING`
	updateDeliverySQL = `UPDATE webhook_deliveries SET status = $1, attempts = $2, next_at = $3, log = $4, delivered_at = $5
		WHERE id = $6`
	findDueDeliveriesSQL = `SELECT ` + sqlstore.DeliveryColumns + ` FROM webhook_deliveries
		WHERE status = 'pending' AND next_at <= $1 ORDER BY next_at, seq LIMIT $2`
	findDeliveriesSQL = `SELECT ` + sqlstore.DeliveryColumns + ` FROM webhook_deliveries
		WHERE org_id = $1 AND ($2 = '' OR object = $2) ORDER BY seq DESC LIMIT $3`
	dueDeliveryOrgsSQL = `SELECT DISTINCT org_id FROM webhook_deliveries
		WHERE status = 'pending' AND next_at <= $1 ORDER BY org_id LIMIT $2`
	// Several nodes claim at once: rows another node is claiming are
	// skipped rather than waited for, so that no delivery is sent twice and
	// no node waits on another.
	claimDeliveriesSQL = `UPDATE webhook_deliveries SET next_at = $1 WHERE seq IN (
		SELECT seq FROM webhook_deliveries WHERE status = 'pending' AND org_id = $2 AND next_at <= $3
		ORDER BY next_at, seq LIMIT $4 FOR UPDATE SKIP LOCKED) RETURNING ` + sqlstore.DeliveryColumns
)

var (
	_ kuzet.PaymentStore = (*tx)(nil)
	_ kuzet.FreezeStore  = (*tx)(nil)
	_ kuzet.WebhookStore = (*tx)(nil)
)

// PutChecks inserts checks in one round trip; one stored already is left
// as it is, so that a writer may retry a batch. Sets the time fields of
// each to the stored ones.
func (tx *tx) PutChecks(ctx context.Context, checks []*kuzet.CheckRecord) error {
	if len(checks) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	for _, c := range checks {
		payer, payee, reasons, signals, err := sqlstore.CheckDocs(c)
		if err != nil {
			return fmt.Errorf("postgres: put checks: %w", err)
		}
		b.Queue(putCheckSQL, c.ID, c.OrgID, c.Check.PaymentID, int64(c.Check.Amount), c.Check.Currency,
			nullTime(c.Check.CreatedAt), c.Check.Channel, payer, payee, string(c.Decision), c.Score, reasons,
			nullTime(c.HoldUntil), c.RulesVersion, c.CheckedAt, string(c.Outcome), nullTime(c.OutcomeAt), signals)
	}
	if err := tx.tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("postgres: put checks: %w", err)
	}
	return nil
}

// FindCheck returns ENOTFOUND if there is no such check or it belongs to
// another organisation.
func (tx *tx) FindCheck(ctx context.Context, orgID int64, id string) (*kuzet.CheckRecord, error) {
	return sqlstore.One(tx.tx.QueryRow(ctx, findCheckSQL, id, orgID), "postgres: find check", read.Check, "no check %q", id)
}

// FindChecks returns the checks f selects, newest first.
func (tx *tx) FindChecks(ctx context.Context, f kuzet.CheckFilter) ([]*kuzet.CheckRecord, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = defaultCheckLimit
	}
	return collect(ctx, tx, findChecksSQL, "postgres: find checks", read.Check, f.OrgID, nullTime(f.From), nullTime(f.To),
		string(f.Decision), limit)
}

// SetCheckOutcome records the outcome of orgID's check. Returns ENOTFOUND
// if there is no such check or it is another organisation's.
func (tx *tx) SetCheckOutcome(ctx context.Context, orgID int64, id string, outcome kuzet.Outcome, at time.Time) error {
	tag, err := tx.tx.Exec(ctx, setCheckOutcomeSQL, string(outcome), nullTime(at), id, orgID)
	if err != nil {
		return fmt.Errorf("postgres: set check outcome: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "no check %q", id)
	}
	return nil
}

// PutFraudDevice records deviceID as a fraudster's; a device named before
// keeps its first record.
func (tx *tx) PutFraudDevice(ctx context.Context, orgID int64, deviceID, checkID string, at time.Time) error {
	if _, err := tx.tx.Exec(ctx, putFraudDeviceSQL, deviceID, orgID, checkID, sqlstore.Stored(at)); err != nil {
		return fmt.Errorf("postgres: put fraud device: %w", err)
	}
	return nil
}

// ScanFraudDevices calls fn for every device named as a fraudster's, oldest
// first. Stops at and returns fn's first error. fn must not use the
// transaction.
func (tx *tx) ScanFraudDevices(ctx context.Context, fn func(deviceID string, at time.Time) error) error {
	return each(ctx, tx, scanFraudDevicesSQL, "postgres: scan fraud devices", read.FraudDevice,
		func(d sqlstore.FraudDevice) error { return fn(d.ID, d.At) })
}

// ScanChecks calls fn for every check made at or after since, by CheckedAt
// then ID. Stops at and returns fn's first error. fn must not use the
// transaction.
//
// There is no index by time alone (migration 0062 dropped it: an index to
// write for every check, read only here): the query reads each
// organisation's checks by time down payment_checks_org, and the server
// merges them.
func (tx *tx) ScanChecks(ctx context.Context, since time.Time, fn func(*kuzet.CheckRecord) error) error {
	const op = "postgres: scan checks"
	orgs, err := collect(ctx, tx, sqlstore.CheckOrgsSQL, op, func(s sqlstore.Scanner) (id int64, err error) {
		err = s.Scan(&id)
		return id, err
	})
	if err != nil || len(orgs) == 0 {
		return err
	}
	var q strings.Builder
	q.WriteString(`SELECT ` + sqlstore.CheckColumns + ` FROM (`)
	for i, org := range orgs {
		if i > 0 {
			q.WriteString("\nUNION ALL ")
		}
		fmt.Fprintf(&q, scanOrgChecksSQL, org) // an integer: nothing to quote
	}
	q.WriteString(") c\nORDER BY checked_at, id")
	return each(ctx, tx, q.String(), op, read.Check, fn, sqlstore.Stored(since))
}

// lossKey is a prevented-loss row's identity.
type lossKey struct {
	day              time.Time
	org              int64
	region, currency string
}

// AddPreventedLoss adds each row's Amount and Count to the stored row of
// the same day, OrgID, Region and Currency, creating it if there is none.
// A Day that is not a UTC midnight counts on the day it falls on.
func (tx *tx) AddPreventedLoss(ctx context.Context, rows []kuzet.PreventedLoss) error {
	if len(rows) == 0 {
		return nil
	}
	type sum struct{ amount, count int64 }
	sums := map[lossKey]*sum{}
	var keys []lossKey
	for _, r := range rows {
		k := lossKey{sqlstore.UTCDay(r.Day), r.OrgID, r.Region, r.Currency}
		s := sums[k]
		if s == nil {
			s = &sum{}
			sums[k] = s
			keys = append(keys, k)
		}
		s.amount += int64(r.Amount)
		s.count += r.Count
	}
	n := len(keys)
	days, orgs, regions, currencies, amounts, counts := make([]time.Time, n), make([]int64, n), make([]string, n),
		make([]string, n), make([]int64, n), make([]int64, n)
	for i, k := range keys {
		days[i], orgs[i], regions[i], currencies[i] = k.day, k.org, k.region, k.currency
		amounts[i], counts[i] = sums[k].amount, sums[k].count
	}
	if _, err := tx.tx.Exec(ctx, addPreventedLossSQL, days, orgs, regions, currencies, amounts, counts); err != nil {
		return fmt.Errorf("postgres: add prevented loss: %w", err)
	}
	return nil
}

// FindPreventedLoss returns the rows f selects, by Day, OrgID, Region and
// Currency. From's day is included; To's only if To is past its midnight.
func (tx *tx) FindPreventedLoss(ctx context.Context, f kuzet.PreventedLossFilter) ([]*kuzet.PreventedLoss, error) {
	from, to := sqlstore.PreventedLossDays(f.From, f.To)
	return collect(ctx, tx, findPreventedLossSQL, "postgres: find prevented loss", read.PreventedLoss, nullTime(from),
		nullTime(to), f.OrgID, f.Region)
}

// PutRuleVersion inserts v, or updates the Mode and UpdatedAt of the stored
// version with the same Hash. Sets v's times to the stored ones.
func (tx *tx) PutRuleVersion(ctx context.Context, v *kuzet.RuleVersion) error {
	v.CreatedAt, v.UpdatedAt = sqlstore.Stored(v.CreatedAt), sqlstore.Stored(v.UpdatedAt)
	if _, err := tx.tx.Exec(ctx, putRuleVersionSQL, v.Hash, v.Version, v.Source, string(v.Mode), v.OrgID,
		v.CreatedAt, v.UpdatedAt); err != nil {
		return fmt.Errorf("postgres: put rule version: %w", err)
	}
	return nil
}

// FindRuleVersions returns every stored version, oldest first.
func (tx *tx) FindRuleVersions(ctx context.Context) ([]*kuzet.RuleVersion, error) {
	return collect(ctx, tx, findRuleVersionsSQL, "postgres: find rule versions", read.RuleVersion)
}

// CreateVictimReport inserts r. Returns ECONFLICT if r.ID is taken. Sets
// r's times to the stored ones.
func (tx *tx) CreateVictimReport(ctx context.Context, r *kuzet.VictimReport) error {
	indicators, transfers, err := sqlstore.VictimReportDocs(r)
	if err != nil {
		return fmt.Errorf("postgres: create victim report: %w", err)
	}
	tag, err := tx.tx.Exec(ctx, createVictimReportSQL, r.ID, r.CaseID, r.OrgID, r.Victim.Name, r.Victim.Phone,
		r.Victim.Region, r.Channel, r.Scheme, r.Description, int64(r.AmountLost), r.Currency, indicators, transfers,
		r.CreatedAt)
	if err != nil {
		return fmt.Errorf("postgres: create victim report: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return kuzet.Errorf(kuzet.ECONFLICT, "report %q exists", r.ID)
	}
	return nil
}

// FindVictimReport returns ENOTFOUND if there is no such report.
func (tx *tx) FindVictimReport(ctx context.Context, id string) (*kuzet.VictimReport, error) {
	return sqlstore.One(tx.tx.QueryRow(ctx, findVictimReportSQL, id), "postgres: find victim report", read.VictimReport,
		"no report %q", id)
}

// CreateFreezeRequests inserts requests. Returns ECONFLICT if an ID is
// taken; the requests before it are inserted, so the caller rolls back.
// Sets the requests' times to the stored ones.
func (tx *tx) CreateFreezeRequests(ctx context.Context, reqs []*kuzet.FreezeRequest) error {
	for _, r := range reqs {
		sqlstore.StoredFreeze(r)
		onward, err := sqlstore.TransfersJSON(r.Onward)
		if err != nil {
			return fmt.Errorf("postgres: create freeze requests: %w", err)
		}
		tag, err := tx.tx.Exec(ctx, createFreezeRequestSQL, r.ID, r.ReportID, r.CaseID, r.ParentID, r.Hop, r.OrgID,
			r.BankBIC, r.IBAN, r.FromBankBIC, int64(r.Amount), r.Currency, nullTime(r.TransferAt), string(r.Status),
			nullTime(r.DueAt), int64(r.FrozenAmount), nullTime(r.FrozenUntil), onward, r.Note, nullTime(r.RespondedAt),
			nullTime(r.EscalatedAt), r.CreatedAt)
		if err != nil {
			return fmt.Errorf("postgres: create freeze requests: %w", err)
		}
		if tag.RowsAffected() == 0 {
			return kuzet.Errorf(kuzet.ECONFLICT, "freeze request %q exists", r.ID)
		}
	}
	return nil
}

// FindFreezeRequest returns ENOTFOUND if there is no such request or it is
// addressed to another organisation than orgID.
func (tx *tx) FindFreezeRequest(ctx context.Context, orgID int64, id string) (*kuzet.FreezeRequest, error) {
	return sqlstore.One(tx.tx.QueryRow(ctx, findFreezeRequestSQL, id, orgID), "postgres: find freeze request", read.Freeze,
		"no freeze request %q", id)
}

// FindFreezeRequests returns the requests f selects, oldest first. The
// query is built for the fields set, so that each filter uses its index:
// an organisation's inbox, a report's trail, the overdue ones.
func (tx *tx) FindFreezeRequests(ctx context.Context, f kuzet.FreezeRequestFilter) ([]*kuzet.FreezeRequest, error) {
	var (
		where []string
		args  []any
	)
	arg := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if f.OrgID != 0 {
		arg("org_id = ?", f.OrgID)
	}
	if f.ReportID != "" {
		arg("report_id = ?", f.ReportID)
	}
	if f.Status != "" {
		arg("status = ?", string(f.Status))
	}
	if !f.DueBefore.IsZero() {
		arg("status = 'open' AND due_at < ?", sqlstore.Stored(f.DueBefore))
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
	args = append(args, limit)
	return collect(ctx, tx, q+` ORDER BY seq LIMIT $`+strconv.Itoa(len(args)), "postgres: find freeze requests",
		read.Freeze, args...)
}

// UpdateFreezeRequest stores the answer and escalation fields of r.
// Returns ENOTFOUND if r.ID is not stored. Sets those times of r to the
// stored ones.
func (tx *tx) UpdateFreezeRequest(ctx context.Context, r *kuzet.FreezeRequest) error {
	onward, err := sqlstore.FreezeAnswerDoc(r)
	if err != nil {
		return fmt.Errorf("postgres: update freeze request: %w", err)
	}
	tag, err := tx.tx.Exec(ctx, updateFreezeRequestSQL, string(r.Status), int64(r.FrozenAmount), nullTime(r.FrozenUntil),
		onward, r.Note, nullTime(r.RespondedAt), nullTime(r.EscalatedAt), r.ID)
	if err != nil {
		return fmt.Errorf("postgres: update freeze request: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "no freeze request %q", r.ID)
	}
	return nil
}

// PutWebhook inserts or replaces the organisation's webhook.
func (tx *tx) PutWebhook(ctx context.Context, w *kuzet.Webhook) error {
	w.CreatedAt = sqlstore.Stored(w.CreatedAt)
	if _, err := tx.tx.Exec(ctx, putWebhookSQL, w.OrgID, w.URL, blob(w.Secret), w.CreatedAt); err != nil {
		return fmt.Errorf("postgres: put webhook: %w", err)
	}
	return nil
}

// FindWebhook returns ENOTFOUND if the organisation has none.
func (tx *tx) FindWebhook(ctx context.Context, orgID int64) (*kuzet.Webhook, error) {
	return sqlstore.One(tx.tx.QueryRow(ctx, findWebhookSQL, orgID), "postgres: find webhook", read.Webhook,
		"organisation %d has no webhook", orgID)
}

// CreateDeliveries inserts deliveries. Returns ECONFLICT if an ID is
// taken; the deliveries before it are inserted, so the caller rolls back.
func (tx *tx) CreateDeliveries(ctx context.Context, ds []*kuzet.WebhookDelivery) error {
	for _, d := range ds {
		d.CreatedAt = sqlstore.Stored(d.CreatedAt)
		log, err := sqlstore.DeliveryLogDoc(d)
		if err != nil {
			return fmt.Errorf("postgres: create deliveries: %w", err)
		}
		tag, err := tx.tx.Exec(ctx, createDeliverySQL, d.ID, d.OrgID, d.Event, d.Object, blob(d.Body), string(d.Status),
			d.Attempts, d.NextAt, log, d.CreatedAt, nullTime(d.DeliveredAt))
		if err != nil {
			return fmt.Errorf("postgres: create deliveries: %w", err)
		}
		if tag.RowsAffected() == 0 {
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
		return fmt.Errorf("postgres: update delivery: %w", err)
	}
	tag, err := tx.tx.Exec(ctx, updateDeliverySQL, string(d.Status), d.Attempts, d.NextAt, log, nullTime(d.DeliveredAt), d.ID)
	if err != nil {
		return fmt.Errorf("postgres: update delivery: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "no delivery %q", d.ID)
	}
	return nil
}

// FindDueDeliveries returns at most limit pending deliveries whose NextAt
// is not after now, earliest NextAt first.
func (tx *tx) FindDueDeliveries(ctx context.Context, now time.Time, limit int) ([]*kuzet.WebhookDelivery, error) {
	return collect(ctx, tx, findDueDeliveriesSQL, "postgres: find due deliveries", read.Delivery, sqlstore.Stored(now), limit)
}

// DueDeliveryOrgs returns the organisations with deliveries due at now.
func (tx *tx) DueDeliveryOrgs(ctx context.Context, now time.Time, limit int) ([]int64, error) {
	return collect(ctx, tx, dueDeliveryOrgsSQL, "postgres: due delivery organisations",
		func(s sqlstore.Scanner) (id int64, err error) { err = s.Scan(&id); return id, err }, sqlstore.Stored(now), limit)
}

// ClaimDueDeliveries takes orgID's due deliveries until leaseUntil,
// skipping rows another transaction holds.
func (tx *tx) ClaimDueDeliveries(ctx context.Context, orgID int64, now, leaseUntil time.Time, limit int) ([]*kuzet.WebhookDelivery, error) {
	return collect(ctx, tx, claimDeliveriesSQL, "postgres: claim deliveries", read.Delivery, sqlstore.Stored(leaseUntil),
		orgID, sqlstore.Stored(now), limit)
}

// FindDeliveries returns the deliveries of one organisation, newest first.
func (tx *tx) FindDeliveries(ctx context.Context, f kuzet.DeliveryFilter) ([]*kuzet.WebhookDelivery, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = defaultDeliveryLimit
	}
	return collect(ctx, tx, findDeliveriesSQL, "postgres: find deliveries", read.Delivery, f.OrgID, f.Object, limit)
}
