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

const checkColumns = `id, org_id, payment_id, amount, currency, created_at, channel, payer, payee, decision, score,
	reasons, hold_until, rules_version, checked_at, outcome, outcome_at`

const freezeColumns = `id, report_id, case_id, parent_id, hop, org_id, bank_bic, iban, from_bank_bic, amount, currency,
	transfer_at, status, due_at, frozen_amount, frozen_until, onward, note, responded_at, escalated_at, created_at`

const deliveryColumns = `id, org_id, event, object, body, status, attempts, next_at, log, created_at, delivered_at`

// Default limits of the listing methods, when the filter sets none.
const (
	defaultCheckLimit    = 1000
	defaultFreezeLimit   = 10_000
	defaultDeliveryLimit = 1000
)

const (
	// A writer may retry a batch: a check stored already is left as it is.
	putCheckSQL = `INSERT INTO payment_checks (` + checkColumns + `)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) ON CONFLICT (id) DO NOTHING`
	findCheckSQL = `SELECT ` + checkColumns + ` FROM payment_checks WHERE id = $1 AND org_id = $2`
	// The organisation is in every listing's WHERE: a bank's checks are its
	// own.
	findChecksSQL = `SELECT ` + checkColumns + ` FROM payment_checks
		WHERE org_id = $1 AND ($2::timestamptz IS NULL OR checked_at >= $2) AND ($3::timestamptz IS NULL OR checked_at < $3)
			AND ($4 = '' OR decision = $4)
		ORDER BY checked_at DESC, id DESC LIMIT $5`
	setCheckOutcomeSQL = `UPDATE payment_checks SET outcome = $1, outcome_at = $2 WHERE id = $3 AND org_id = $4`
	scanChecksSQL      = `SELECT ` + checkColumns + ` FROM payment_checks WHERE checked_at >= $1 ORDER BY checked_at, id`

	// One statement for all rows, merged first: ON CONFLICT DO UPDATE may
	// not meet one row twice.
	addPreventedLossSQL = `INSERT INTO prevented_loss (day, org_id, region, currency, amount, count)
		SELECT * FROM unnest($1::date[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[])
		ON CONFLICT (day, org_id, region, currency) DO UPDATE SET
			amount = prevented_loss.amount + excluded.amount, count = prevented_loss.count + excluded.count`
	findPreventedLossSQL = `SELECT day, org_id, region, currency, amount, count FROM prevented_loss
		WHERE ($1::date IS NULL OR day >= $1) AND ($2::date IS NULL OR day < $2) AND ($3::bigint = 0 OR org_id = $3)
			AND ($4 = '' OR region = $4)
		ORDER BY day, org_id, region, currency`

	putRuleVersionSQL = `INSERT INTO payment_rules (hash, version, source, mode, org_id, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (hash) DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at`
	findRuleVersionsSQL = `SELECT hash, version, source, mode, org_id, created_at, updated_at FROM payment_rules ORDER BY seq`

	createVictimReportSQL = `INSERT INTO victim_reports (id, case_id, org_id, victim_name, victim_phone, victim_region,
			channel, scheme, description, amount_lost, currency, indicators, transfers, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (id) DO NOTHING`
	findVictimReportSQL = `SELECT id, case_id, org_id, victim_name, victim_phone, victim_region, channel, scheme,
		description, amount_lost, currency, indicators, transfers, created_at FROM victim_reports WHERE id = $1`

	createFreezeRequestSQL = `INSERT INTO freeze_requests (` + freezeColumns + `)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
		ON CONFLICT (id) DO NOTHING`
	findFreezeRequestSQL   = `SELECT ` + freezeColumns + ` FROM freeze_requests WHERE id = $1 AND org_id = $2`
	updateFreezeRequestSQL = `UPDATE freeze_requests SET status = $1, frozen_amount = $2, frozen_until = $3, onward = $4,
		note = $5, responded_at = $6, escalated_at = $7 WHERE id = $8`

	putWebhookSQL = `INSERT INTO webhooks (org_id, url, secret, created_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (org_id) DO UPDATE SET url = excluded.url, secret = excluded.secret, created_at = excluded.created_at`
	findWebhookSQL = `SELECT org_id, url, secret, created_at FROM webhooks WHERE org_id = $1`

	createDeliverySQL = `INSERT INTO webhook_deliveries (` + deliveryColumns + `)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING`
	updateDeliverySQL = `UPDATE webhook_deliveries SET status = $1, attempts = $2, next_at = $3, log = $4, delivered_at = $5
		WHERE id = $6`
	findDueDeliveriesSQL = `SELECT ` + deliveryColumns + ` FROM webhook_deliveries
		WHERE status = 'pending' AND next_at <= $1 ORDER BY next_at, seq LIMIT $2`
	findDeliveriesSQL = `SELECT ` + deliveryColumns + ` FROM webhook_deliveries
		WHERE org_id = $1 AND ($2 = '' OR object = $2) ORDER BY seq DESC LIMIT $3`
)

var (
	_ kuzet.PaymentStore = (*tx)(nil)
	_ kuzet.FreezeStore  = (*tx)(nil)
	_ kuzet.WebhookStore = (*tx)(nil)
)

// payTime is stored for an optional time: the zero time stays zero.
func payTime(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return stored(t)
}

// jsonDoc returns v as a jsonb parameter.
func jsonDoc(v any) (json.RawMessage, error) {
	b, err := json.Marshal(v)
	return json.RawMessage(b), err
}

// PutChecks inserts checks in one round trip; one stored already is left
// as it is, so that a writer may retry a batch. Sets the time fields of
// each to the stored ones.
func (tx *tx) PutChecks(ctx context.Context, checks []*kuzet.CheckRecord) error {
	if len(checks) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	for _, c := range checks {
		c.Check.CreatedAt, c.HoldUntil, c.OutcomeAt = payTime(c.Check.CreatedAt), payTime(c.HoldUntil), payTime(c.OutcomeAt)
		c.CheckedAt = stored(c.CheckedAt)
		reasons := c.Reasons
		if reasons == nil {
			reasons = []kuzet.PaymentReason{}
		}
		payer, err1 := jsonDoc(c.Check.Payer)
		payee, err2 := jsonDoc(c.Check.Payee)
		rs, err3 := jsonDoc(reasons)
		if err := errors.Join(err1, err2, err3); err != nil {
			return fmt.Errorf("postgres: put checks: %w", err)
		}
		b.Queue(putCheckSQL, c.ID, c.OrgID, c.Check.PaymentID, int64(c.Check.Amount), c.Check.Currency,
			nullTime(c.Check.CreatedAt), c.Check.Channel, payer, payee, string(c.Decision), c.Score, rs,
			nullTime(c.HoldUntil), c.RulesVersion, c.CheckedAt, string(c.Outcome), nullTime(c.OutcomeAt))
	}
	if err := tx.tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("postgres: put checks: %w", err)
	}
	return nil
}

func scanCheck(row pgx.Row) (*kuzet.CheckRecord, error) {
	var (
		c                             kuzet.CheckRecord
		amount                        int64
		created, holdUntil, outcomeAt *time.Time
		outcome                       string
	)
	if err := row.Scan(&c.ID, &c.OrgID, &c.Check.PaymentID, &amount, &c.Check.Currency, &created, &c.Check.Channel,
		&c.Check.Payer, &c.Check.Payee, &c.Decision, &c.Score, &c.Reasons, &holdUntil, &c.RulesVersion, &c.CheckedAt,
		&outcome, &outcomeAt); err != nil {
		return nil, err
	}
	c.Check.Amount, c.Outcome = kuzet.Amount(amount), kuzet.Outcome(outcome)
	c.Check.CreatedAt, c.HoldUntil, c.OutcomeAt = fromNullTime(created), fromNullTime(holdUntil), fromNullTime(outcomeAt)
	c.CheckedAt = c.CheckedAt.UTC()
	return &c, nil
}

// FindCheck returns ENOTFOUND if there is no such check or it belongs to
// another organisation.
func (tx *tx) FindCheck(ctx context.Context, orgID int64, id string) (*kuzet.CheckRecord, error) {
	c, err := scanCheck(tx.tx.QueryRow(ctx, findCheckSQL, id, orgID))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no check %q", id)
	} else if err != nil {
		return nil, fmt.Errorf("postgres: find check: %w", err)
	}
	return c, nil
}

// FindChecks returns the checks f selects, newest first.
func (tx *tx) FindChecks(ctx context.Context, f kuzet.CheckFilter) ([]*kuzet.CheckRecord, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = defaultCheckLimit
	}
	rows, _ := tx.tx.Query(ctx, findChecksSQL, f.OrgID, nullTime(f.From), nullTime(f.To), string(f.Decision), limit)
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*kuzet.CheckRecord, error) { return scanCheck(row) })
	if err != nil {
		return nil, fmt.Errorf("postgres: find checks: %w", err)
	}
	return out, nil
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

// ScanChecks calls fn for every check made at or after since, by CheckedAt
// then ID. Stops at and returns fn's first error. fn must not use the
// transaction.
func (tx *tx) ScanChecks(ctx context.Context, since time.Time, fn func(*kuzet.CheckRecord) error) error {
	rows, _ := tx.tx.Query(ctx, scanChecksSQL, stored(since))
	defer rows.Close()
	for rows.Next() {
		c, err := scanCheck(rows)
		if err != nil {
			return fmt.Errorf("postgres: scan checks: %w", err)
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("postgres: scan checks: %w", err)
	}
	return nil
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
		k := lossKey{utcDay(r.Day), r.OrgID, r.Region, r.Currency}
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
	var from, to *time.Time
	if !f.From.IsZero() {
		d := utcDay(f.From)
		from = &d
	}
	if !f.To.IsZero() {
		d := utcDay(f.To)
		if d.Before(f.To) {
			d = d.AddDate(0, 0, 1)
		}
		to = &d
	}
	rows, _ := tx.tx.Query(ctx, findPreventedLossSQL, from, to, f.OrgID, f.Region)
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*kuzet.PreventedLoss, error) {
		var (
			p      kuzet.PreventedLoss
			amount int64
		)
		if err := row.Scan(&p.Day, &p.OrgID, &p.Region, &p.Currency, &amount, &p.Count); err != nil {
			return nil, err
		}
		p.Day, p.Amount = utcDay(p.Day), kuzet.Amount(amount)
		return &p, nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: find prevented loss: %w", err)
	}
	return out, nil
}

// PutRuleVersion inserts v, or updates the Mode and UpdatedAt of the stored
// version with the same Hash. Sets v's times to the stored ones.
func (tx *tx) PutRuleVersion(ctx context.Context, v *kuzet.RuleVersion) error {
	v.CreatedAt, v.UpdatedAt = stored(v.CreatedAt), stored(v.UpdatedAt)
	if _, err := tx.tx.Exec(ctx, putRuleVersionSQL, v.Hash, v.Version, v.Source, string(v.Mode), v.OrgID,
		v.CreatedAt, v.UpdatedAt); err != nil {
		return fmt.Errorf("postgres: put rule version: %w", err)
	}
	return nil
}

// FindRuleVersions returns every stored version, oldest first.
func (tx *tx) FindRuleVersions(ctx context.Context) ([]*kuzet.RuleVersion, error) {
	rows, _ := tx.tx.Query(ctx, findRuleVersionsSQL)
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*kuzet.RuleVersion, error) {
		var v kuzet.RuleVersion
		if err := row.Scan(&v.Hash, &v.Version, &v.Source, &v.Mode, &v.OrgID, &v.CreatedAt, &v.UpdatedAt); err != nil {
			return nil, err
		}
		v.CreatedAt, v.UpdatedAt = v.CreatedAt.UTC(), v.UpdatedAt.UTC()
		return &v, nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: find rule versions: %w", err)
	}
	return out, nil
}

// transfersDoc sets the times of ts to what the store keeps and returns
// their jsonb document.
func transfersDoc(ts []kuzet.Transfer) (json.RawMessage, error) {
	for i := range ts {
		ts[i].At = payTime(ts[i].At)
	}
	if ts == nil {
		ts = []kuzet.Transfer{}
	}
	return jsonDoc(ts)
}

// CreateVictimReport inserts r. Returns ECONFLICT if r.ID is taken. Sets
// r's times to the stored ones.
func (tx *tx) CreateVictimReport(ctx context.Context, r *kuzet.VictimReport) error {
	inds := r.Indicators
	if inds == nil {
		inds = []kuzet.Indicator{}
	}
	indDoc, err1 := jsonDoc(inds)
	transfers, err2 := transfersDoc(r.Transfers)
	if err := errors.Join(err1, err2); err != nil {
		return fmt.Errorf("postgres: create victim report: %w", err)
	}
	r.CreatedAt = stored(r.CreatedAt)
	tag, err := tx.tx.Exec(ctx, createVictimReportSQL, r.ID, r.CaseID, r.OrgID, r.Victim.Name, r.Victim.Phone,
		r.Victim.Region, r.Channel, r.Scheme, r.Description, int64(r.AmountLost), r.Currency, indDoc, transfers, r.CreatedAt)
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
	var (
		r      kuzet.VictimReport
		amount int64
	)
	err := tx.tx.QueryRow(ctx, findVictimReportSQL, id).Scan(&r.ID, &r.CaseID, &r.OrgID, &r.Victim.Name, &r.Victim.Phone,
		&r.Victim.Region, &r.Channel, &r.Scheme, &r.Description, &amount, &r.Currency, &r.Indicators, &r.Transfers,
		&r.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no report %q", id)
	} else if err != nil {
		return nil, fmt.Errorf("postgres: find victim report: %w", err)
	}
	r.AmountLost, r.CreatedAt = kuzet.Amount(amount), r.CreatedAt.UTC()
	return &r, nil
}

// CreateFreezeRequests inserts requests. Returns ECONFLICT if an ID is
// taken; the requests before it are inserted, so the caller rolls back.
// Sets the requests' times to the stored ones.
func (tx *tx) CreateFreezeRequests(ctx context.Context, reqs []*kuzet.FreezeRequest) error {
	for _, r := range reqs {
		r.TransferAt, r.DueAt, r.FrozenUntil = payTime(r.TransferAt), payTime(r.DueAt), payTime(r.FrozenUntil)
		r.RespondedAt, r.EscalatedAt, r.CreatedAt = payTime(r.RespondedAt), payTime(r.EscalatedAt), stored(r.CreatedAt)
		onward, err := transfersDoc(r.Onward)
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

func scanFreeze(row pgx.Row) (*kuzet.FreezeRequest, error) {
	var (
		r                              kuzet.FreezeRequest
		amount, frozen                 int64
		transferAt, dueAt, frozenUntil *time.Time
		respondedAt, escalatedAt       *time.Time
		status                         string
	)
	if err := row.Scan(&r.ID, &r.ReportID, &r.CaseID, &r.ParentID, &r.Hop, &r.OrgID, &r.BankBIC, &r.IBAN, &r.FromBankBIC,
		&amount, &r.Currency, &transferAt, &status, &dueAt, &frozen, &frozenUntil, &r.Onward, &r.Note, &respondedAt,
		&escalatedAt, &r.CreatedAt); err != nil {
		return nil, err
	}
	r.Amount, r.FrozenAmount, r.Status = kuzet.Amount(amount), kuzet.Amount(frozen), kuzet.FreezeStatus(status)
	r.TransferAt, r.DueAt, r.FrozenUntil = fromNullTime(transferAt), fromNullTime(dueAt), fromNullTime(frozenUntil)
	r.RespondedAt, r.EscalatedAt, r.CreatedAt = fromNullTime(respondedAt), fromNullTime(escalatedAt), r.CreatedAt.UTC()
	if len(r.Onward) == 0 {
		r.Onward = nil // as the request was made: omitted when empty
	}
	return &r, nil
}

// FindFreezeRequest returns ENOTFOUND if there is no such request or it is
// addressed to another organisation than orgID.
func (tx *tx) FindFreezeRequest(ctx context.Context, orgID int64, id string) (*kuzet.FreezeRequest, error) {
	r, err := scanFreeze(tx.tx.QueryRow(ctx, findFreezeRequestSQL, id, orgID))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no freeze request %q", id)
	} else if err != nil {
		return nil, fmt.Errorf("postgres: find freeze request: %w", err)
	}
	return r, nil
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
		arg("status = 'open' AND due_at < ?", stored(f.DueBefore))
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
	q := `SELECT ` + freezeColumns + ` FROM freeze_requests`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	args = append(args, limit)
	rows, _ := tx.tx.Query(ctx, q+` ORDER BY seq LIMIT $`+strconv.Itoa(len(args)), args...)
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*kuzet.FreezeRequest, error) { return scanFreeze(row) })
	if err != nil {
		return nil, fmt.Errorf("postgres: find freeze requests: %w", err)
	}
	return out, nil
}

// UpdateFreezeRequest stores the answer and escalation fields of r.
// Returns ENOTFOUND if r.ID is not stored. Sets those times of r to the
// stored ones.
func (tx *tx) UpdateFreezeRequest(ctx context.Context, r *kuzet.FreezeRequest) error {
	r.FrozenUntil, r.RespondedAt, r.EscalatedAt = payTime(r.FrozenUntil), payTime(r.RespondedAt), payTime(r.EscalatedAt)
	onward, err := transfersDoc(r.Onward)
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
	w.CreatedAt = stored(w.CreatedAt)
	if _, err := tx.tx.Exec(ctx, putWebhookSQL, w.OrgID, w.URL, blob(w.Secret), w.CreatedAt); err != nil {
		return fmt.Errorf("postgres: put webhook: %w", err)
	}
	return nil
}

// FindWebhook returns ENOTFOUND if the organisation has none.
func (tx *tx) FindWebhook(ctx context.Context, orgID int64) (*kuzet.Webhook, error) {
	var w kuzet.Webhook
	err := tx.tx.QueryRow(ctx, findWebhookSQL, orgID).Scan(&w.OrgID, &w.URL, &w.Secret, &w.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "organisation %d has no webhook", orgID)
	} else if err != nil {
		return nil, fmt.Errorf("postgres: find webhook: %w", err)
	}
	w.CreatedAt = w.CreatedAt.UTC()
	return &w, nil
}

// deliveryLogDoc sets the times of a delivery log to what the store keeps
// and returns its jsonb document.
func deliveryLogDoc(log []kuzet.DeliveryAttempt) (json.RawMessage, error) {
	for i := range log {
		log[i].At = stored(log[i].At)
	}
	if log == nil {
		log = []kuzet.DeliveryAttempt{}
	}
	return jsonDoc(log)
}

// CreateDeliveries inserts deliveries. Returns ECONFLICT if an ID is
// taken; the deliveries before it are inserted, so the caller rolls back.
func (tx *tx) CreateDeliveries(ctx context.Context, ds []*kuzet.WebhookDelivery) error {
	for _, d := range ds {
		d.NextAt, d.CreatedAt, d.DeliveredAt = stored(d.NextAt), stored(d.CreatedAt), payTime(d.DeliveredAt)
		log, err := deliveryLogDoc(d.Log)
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
	d.NextAt, d.DeliveredAt = stored(d.NextAt), payTime(d.DeliveredAt)
	log, err := deliveryLogDoc(d.Log)
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
	rows, _ := tx.tx.Query(ctx, findDueDeliveriesSQL, stored(now), limit)
	out, err := pgx.CollectRows(rows, scanDelivery)
	if err != nil {
		return nil, fmt.Errorf("postgres: find due deliveries: %w", err)
	}
	return out, nil
}

// FindDeliveries returns the deliveries of one organisation, newest first.
func (tx *tx) FindDeliveries(ctx context.Context, f kuzet.DeliveryFilter) ([]*kuzet.WebhookDelivery, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = defaultDeliveryLimit
	}
	rows, _ := tx.tx.Query(ctx, findDeliveriesSQL, f.OrgID, f.Object, limit)
	out, err := pgx.CollectRows(rows, scanDelivery)
	if err != nil {
		return nil, fmt.Errorf("postgres: find deliveries: %w", err)
	}
	return out, nil
}

func scanDelivery(row pgx.CollectableRow) (*kuzet.WebhookDelivery, error) {
	var (
		d         kuzet.WebhookDelivery
		status    string
		delivered *time.Time
	)
	if err := row.Scan(&d.ID, &d.OrgID, &d.Event, &d.Object, &d.Body, &status, &d.Attempts, &d.NextAt, &d.Log,
		&d.CreatedAt, &delivered); err != nil {
		return nil, err
	}
	d.Status, d.NextAt, d.CreatedAt, d.DeliveredAt = kuzet.DeliveryStatus(status), d.NextAt.UTC(), d.CreatedAt.UTC(),
		fromNullTime(delivered)
	return &d, nil
}
