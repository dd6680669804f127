package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

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

var (
	// A writer may retry a batch: a check stored already is left as it is.
	putCheckQuery = prepare(`INSERT INTO payment_checks (` + checkColumns + `)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
	findCheckQuery = prepare(`SELECT ` + checkColumns + ` FROM payment_checks WHERE id = ? AND org_id = ?`)
	// The organisation is in every listing's WHERE: a bank's checks are its
	// own. The optional bounds are passed as the widest range.
	findChecksQuery = prepare(`SELECT ` + checkColumns + ` FROM payment_checks
		WHERE org_id = ?1 AND checked_at >= ?2 AND checked_at < ?3 AND (?4 = '' OR decision = ?4)
		ORDER BY checked_at DESC, id DESC LIMIT ?5`)
	setCheckOutcomeQuery = prepare(`UPDATE payment_checks SET outcome = ?, outcome_at = ? WHERE id = ? AND org_id = ?`)
	scanChecksQuery      = prepare(`SELECT ` + checkColumns + ` FROM payment_checks WHERE checked_at >= ?
		ORDER BY checked_at, id`)

	addPreventedLossQuery = prepare(`INSERT INTO prevented_loss (day, org_id, region, currency, amount, count)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (day, org_id, region, currency) DO UPDATE SET
			amount = amount + excluded.amount, count = count + excluded.count`)
	findPreventedLossQuery = prepare(`SELECT day, org_id, region, currency, amount, count FROM prevented_loss
		WHERE day >= ?1 AND day < ?2 AND (?3 = 0 OR org_id = ?3) AND (?4 = '' OR region = ?4)
		ORDER BY day, org_id, region, currency`)

	putRuleVersionQuery = prepare(`INSERT INTO payment_rules (hash, version, source, mode, org_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (hash) DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at`)
	findRuleVersionsQuery = prepare(`SELECT hash, version, source, mode, org_id, created_at, updated_at
		FROM payment_rules ORDER BY seq`)

	createVictimReportQuery = prepare(`INSERT INTO victim_reports (id, case_id, org_id, victim_name, victim_phone,
			victim_region, channel, scheme, description, amount_lost, currency, indicators, transfers, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
	findVictimReportQuery = prepare(`SELECT id, case_id, org_id, victim_name, victim_phone, victim_region, channel,
		scheme, description, amount_lost, currency, indicators, transfers, created_at FROM victim_reports WHERE id = ?`)

	createFreezeRequestQuery = prepare(`INSERT INTO freeze_requests (` + freezeColumns + `)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
	findFreezeRequestQuery   = prepare(`SELECT ` + freezeColumns + ` FROM freeze_requests WHERE id = ? AND org_id = ?`)
	updateFreezeRequestQuery = prepare(`UPDATE freeze_requests SET status = ?, frozen_amount = ?, frozen_until = ?,
		onward = ?, note = ?, responded_at = ?, escalated_at = ? WHERE id = ?`)

	putWebhookQuery = prepare(`INSERT INTO webhooks (org_id, url, secret, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (org_id) DO UPDATE SET url = excluded.url, secret = excluded.secret, created_at = excluded.created_at`)
	findWebhookQuery = prepare(`SELECT org_id, url, secret, created_at FROM webhooks WHERE org_id = ?`)

	createDeliveryQuery = prepare(`INSERT INTO webhook_deliveries (` + deliveryColumns + `)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
	updateDeliveryQuery = prepare(`UPDATE webhook_deliveries SET status = ?, attempts = ?, next_at = ?, log = ?,
		delivered_at = ? WHERE id = ?`)
	findDueDeliveriesQuery = prepare(`SELECT ` + deliveryColumns + ` FROM webhook_deliveries
		WHERE status = 'pending' AND next_at <= ? ORDER BY next_at, seq LIMIT ?`)
	findDeliveriesQuery = prepare(`SELECT ` + deliveryColumns + ` FROM webhook_deliveries
		WHERE org_id = ?1 AND (?2 = '' OR object = ?2) ORDER BY seq DESC LIMIT ?3`)
)

var (
	_ kuzet.PaymentStore = (*tx)(nil)
	_ kuzet.FreezeStore  = (*tx)(nil)
	_ kuzet.WebhookStore = (*tx)(nil)
)

// PutChecks inserts checks; one stored already is left as it is, so that a
// writer may retry a batch. Sets the time fields of each to the stored
// ones.
func (tx *tx) PutChecks(ctx context.Context, checks []*kuzet.CheckRecord) error {
	s := tx.stmt(ctx, putCheckQuery)
	for _, c := range checks {
		storedCheck(c)
		payer, payee, reasons, err := checkDocs(c)
		if err != nil {
			return fmt.Errorf("sqlite: put checks: %w", err)
		}
		if _, err := s.ExecContext(ctx, c.ID, c.OrgID, c.Check.PaymentID, int64(c.Check.Amount), c.Check.Currency,
			nullMicros(c.Check.CreatedAt), c.Check.Channel, payer, payee, string(c.Decision), c.Score, reasons,
			nullMicros(c.HoldUntil), c.RulesVersion, micros(c.CheckedAt), string(c.Outcome), nullMicros(c.OutcomeAt),
		); err != nil {
			return fmt.Errorf("sqlite: put checks: %w", err)
		}
	}
	return nil
}

// storedCheck sets c's times to what the store keeps.
func storedCheck(c *kuzet.CheckRecord) {
	c.Check.CreatedAt, c.HoldUntil, c.OutcomeAt = payTime(c.Check.CreatedAt), payTime(c.HoldUntil), payTime(c.OutcomeAt)
	c.CheckedAt = stored(c.CheckedAt)
}

// payTime is stored for an optional time: the zero time stays zero.
func payTime(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return stored(t)
}

// checkDocs returns the JSON documents of a check's parties and reasons.
func checkDocs(c *kuzet.CheckRecord) (payer, payee, reasons string, err error) {
	b1, err := json.Marshal(c.Check.Payer)
	if err != nil {
		return "", "", "", err
	}
	b2, err := json.Marshal(c.Check.Payee)
	if err != nil {
		return "", "", "", err
	}
	rs := c.Reasons
	if rs == nil {
		rs = []kuzet.PaymentReason{}
	}
	b3, err := json.Marshal(rs)
	return string(b1), string(b2), string(b3), err
}

// payScanner is a *sql.Row or *sql.Rows.
type payScanner interface{ Scan(dest ...any) error }

func scanCheck(r payScanner) (*kuzet.CheckRecord, error) {
	var (
		c                              kuzet.CheckRecord
		amount, checked                int64
		created, holdUntil, outcomeAt  sql.NullInt64
		payer, payee, reasons, outcome string
	)
	if err := r.Scan(&c.ID, &c.OrgID, &c.Check.PaymentID, &amount, &c.Check.Currency, &created, &c.Check.Channel,
		&payer, &payee, &c.Decision, &c.Score, &reasons, &holdUntil, &c.RulesVersion, &checked, &outcome, &outcomeAt,
	); err != nil {
		return nil, err
	}
	c.Check.Amount, c.Outcome = kuzet.Amount(amount), kuzet.Outcome(outcome)
	c.Check.CreatedAt, c.HoldUntil, c.OutcomeAt = fromNullMicros(created), fromNullMicros(holdUntil), fromNullMicros(outcomeAt)
	c.CheckedAt = fromMicros(checked)
	if err := errors.Join(json.Unmarshal([]byte(payer), &c.Check.Payer), json.Unmarshal([]byte(payee), &c.Check.Payee),
		json.Unmarshal([]byte(reasons), &c.Reasons)); err != nil {
		return nil, fmt.Errorf("check %s: %w", c.ID, err)
	}
	return &c, nil
}

// FindCheck returns ENOTFOUND if there is no such check or it belongs to
// another organisation.
func (tx *tx) FindCheck(ctx context.Context, orgID int64, id string) (*kuzet.CheckRecord, error) {
	c, err := scanCheck(tx.stmt(ctx, findCheckQuery).QueryRowContext(ctx, id, orgID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no check %q", id)
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: find check: %w", err)
	}
	return c, nil
}

// FindChecks returns the checks f selects, newest first.
func (tx *tx) FindChecks(ctx context.Context, f kuzet.CheckFilter) ([]*kuzet.CheckRecord, error) {
	from, to := int64(math.MinInt64), int64(math.MaxInt64)
	if !f.From.IsZero() {
		from = micros(f.From)
	}
	if !f.To.IsZero() {
		to = micros(f.To)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = defaultCheckLimit
	}
	rows, err := tx.stmt(ctx, findChecksQuery).QueryContext(ctx, f.OrgID, from, to, string(f.Decision), limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find checks: %w", err)
	}
	var out []*kuzet.CheckRecord
	err = scanChecks(rows, func(c *kuzet.CheckRecord) error {
		out = append(out, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: find checks: %w", err)
	}
	return out, nil
}

// scanChecks calls fn for each row, and closes rows. Errors of fn are
// returned as they are.
func scanChecks(rows *sql.Rows, fn func(*kuzet.CheckRecord) error) error {
	defer rows.Close()
	for rows.Next() {
		c, err := scanCheck(rows)
		if err != nil {
			return err
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return rows.Err()
}

// SetCheckOutcome records the outcome of orgID's check. Returns ENOTFOUND
// if there is no such check or it is another organisation's.
func (tx *tx) SetCheckOutcome(ctx context.Context, orgID int64, id string, outcome kuzet.Outcome, at time.Time) error {
	res, err := tx.stmt(ctx, setCheckOutcomeQuery).ExecContext(ctx, string(outcome), nullMicros(at), id, orgID)
	if err != nil {
		return fmt.Errorf("sqlite: set check outcome: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: set check outcome: %w", err)
	} else if n == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "no check %q", id)
	}
	return nil
}

// ScanChecks calls fn for every check made at or after since, by CheckedAt
// then ID. Stops at and returns fn's first error. fn must not use the
// transaction.
func (tx *tx) ScanChecks(ctx context.Context, since time.Time, fn func(*kuzet.CheckRecord) error) error {
	rows, err := tx.stmt(ctx, scanChecksQuery).QueryContext(ctx, micros(since))
	if err != nil {
		return fmt.Errorf("sqlite: scan checks: %w", err)
	}
	var fnErr error
	err = scanChecks(rows, func(c *kuzet.CheckRecord) error {
		fnErr = fn(c)
		return fnErr
	})
	if fnErr != nil {
		return fnErr
	} else if err != nil {
		return fmt.Errorf("sqlite: scan checks: %w", err)
	}
	return nil
}

// payDay returns the UTC midnight starting t's day, from Unix seconds so
// that days before 1970 round down too.
func payDay(t time.Time) time.Time {
	s := t.Unix()
	d := s / 86400
	if s < 0 && s%86400 != 0 {
		d--
	}
	return time.Unix(d*86400, 0).UTC()
}

// payDays turns a filter's From and To into the days selected: the
// midnights d with from <= d < to. From's day is included; To's only if To
// is past its midnight. Zero times leave a side open.
func payDays(from, to time.Time) (int64, int64) {
	lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
	if !from.IsZero() {
		lo = micros(payDay(from))
	}
	if !to.IsZero() {
		d := payDay(to)
		if d.Before(to) {
			d = d.AddDate(0, 0, 1)
		}
		hi = micros(d)
	}
	return lo, hi
}

// AddPreventedLoss adds each row's Amount and Count to the stored row of
// the same day, OrgID, Region and Currency, creating it if there is none.
// A Day that is not a UTC midnight counts on the day it falls on.
func (tx *tx) AddPreventedLoss(ctx context.Context, rows []kuzet.PreventedLoss) error {
	s := tx.stmt(ctx, addPreventedLossQuery)
	for _, r := range rows {
		if _, err := s.ExecContext(ctx, micros(payDay(r.Day)), r.OrgID, r.Region, r.Currency, int64(r.Amount), r.Count); err != nil {
			return fmt.Errorf("sqlite: add prevented loss: %w", err)
		}
	}
	return nil
}

// FindPreventedLoss returns the rows f selects, by Day, OrgID, Region and
// Currency.
func (tx *tx) FindPreventedLoss(ctx context.Context, f kuzet.PreventedLossFilter) ([]*kuzet.PreventedLoss, error) {
	from, to := payDays(f.From, f.To)
	rows, err := tx.stmt(ctx, findPreventedLossQuery).QueryContext(ctx, from, to, f.OrgID, f.Region)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find prevented loss: %w", err)
	}
	defer rows.Close()
	var out []*kuzet.PreventedLoss
	for rows.Next() {
		var (
			p           kuzet.PreventedLoss
			day, amount int64
		)
		if err := rows.Scan(&day, &p.OrgID, &p.Region, &p.Currency, &amount, &p.Count); err != nil {
			return nil, fmt.Errorf("sqlite: find prevented loss: %w", err)
		}
		p.Day, p.Amount = fromMicros(day), kuzet.Amount(amount)
		out = append(out, &p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: find prevented loss: %w", err)
	}
	return out, nil
}

// PutRuleVersion inserts v, or updates the Mode and UpdatedAt of the stored
// version with the same Hash. Sets v's times to the stored ones.
func (tx *tx) PutRuleVersion(ctx context.Context, v *kuzet.RuleVersion) error {
	if _, err := tx.stmt(ctx, putRuleVersionQuery).ExecContext(ctx, v.Hash, v.Version, v.Source, string(v.Mode), v.OrgID,
		micros(v.CreatedAt), micros(v.UpdatedAt)); err != nil {
		return fmt.Errorf("sqlite: put rule version: %w", err)
	}
	v.CreatedAt, v.UpdatedAt = stored(v.CreatedAt), stored(v.UpdatedAt)
	return nil
}

// FindRuleVersions returns every stored version, oldest first.
func (tx *tx) FindRuleVersions(ctx context.Context) ([]*kuzet.RuleVersion, error) {
	rows, err := tx.stmt(ctx, findRuleVersionsQuery).QueryContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find rule versions: %w", err)
	}
	defer rows.Close()
	var out []*kuzet.RuleVersion
	for rows.Next() {
		var (
			v                kuzet.RuleVersion
			created, updated int64
		)
		if err := rows.Scan(&v.Hash, &v.Version, &v.Source, &v.Mode, &v.OrgID, &created, &updated); err != nil {
			return nil, fmt.Errorf("sqlite: find rule versions: %w", err)
		}
		v.CreatedAt, v.UpdatedAt = fromMicros(created), fromMicros(updated)
		out = append(out, &v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: find rule versions: %w", err)
	}
	return out, nil
}

// transfersDoc sets the times of ts to what the store keeps and returns
// their JSON document.
func transfersDoc(ts []kuzet.Transfer) (string, error) {
	for i := range ts {
		ts[i].At = payTime(ts[i].At)
	}
	if ts == nil {
		ts = []kuzet.Transfer{}
	}
	b, err := json.Marshal(ts)
	return string(b), err
}

// CreateVictimReport inserts r. Returns ECONFLICT if r.ID is taken. Sets
// r's times to the stored ones.
func (tx *tx) CreateVictimReport(ctx context.Context, r *kuzet.VictimReport) error {
	inds := r.Indicators
	if inds == nil {
		inds = []kuzet.Indicator{}
	}
	indDoc, err := json.Marshal(inds)
	if err != nil {
		return fmt.Errorf("sqlite: create victim report: %w", err)
	}
	transfers, err := transfersDoc(r.Transfers)
	if err != nil {
		return fmt.Errorf("sqlite: create victim report: %w", err)
	}
	res, err := tx.stmt(ctx, createVictimReportQuery).ExecContext(ctx, r.ID, r.CaseID, r.OrgID, r.Victim.Name, r.Victim.Phone,
		r.Victim.Region, r.Channel, r.Scheme, r.Description, int64(r.AmountLost), r.Currency, string(indDoc), transfers,
		micros(r.CreatedAt))
	if err != nil {
		return fmt.Errorf("sqlite: create victim report: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: create victim report: %w", err)
	} else if n == 0 {
		return kuzet.Errorf(kuzet.ECONFLICT, "report %q exists", r.ID)
	}
	r.CreatedAt = stored(r.CreatedAt)
	return nil
}

// FindVictimReport returns ENOTFOUND if there is no such report.
func (tx *tx) FindVictimReport(ctx context.Context, id string) (*kuzet.VictimReport, error) {
	var (
		r                     kuzet.VictimReport
		amount, created       int64
		indicators, transfers string
	)
	err := tx.stmt(ctx, findVictimReportQuery).QueryRowContext(ctx, id).Scan(&r.ID, &r.CaseID, &r.OrgID, &r.Victim.Name,
		&r.Victim.Phone, &r.Victim.Region, &r.Channel, &r.Scheme, &r.Description, &amount, &r.Currency, &indicators,
		&transfers, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no report %q", id)
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: find victim report: %w", err)
	}
	r.AmountLost, r.CreatedAt = kuzet.Amount(amount), fromMicros(created)
	if err := errors.Join(json.Unmarshal([]byte(indicators), &r.Indicators), json.Unmarshal([]byte(transfers), &r.Transfers)); err != nil {
		return nil, fmt.Errorf("sqlite: find victim report %s: %w", id, err)
	}
	return &r, nil
}

// CreateFreezeRequests inserts requests. Returns ECONFLICT if an ID is
// taken; the requests before it are inserted, so the caller rolls back.
// Sets the requests' times to the stored ones.
func (tx *tx) CreateFreezeRequests(ctx context.Context, reqs []*kuzet.FreezeRequest) error {
	s := tx.stmt(ctx, createFreezeRequestQuery)
	for _, r := range reqs {
		storedFreeze(r)
		onward, err := transfersDoc(r.Onward)
		if err != nil {
			return fmt.Errorf("sqlite: create freeze requests: %w", err)
		}
		res, err := s.ExecContext(ctx, r.ID, r.ReportID, r.CaseID, r.ParentID, r.Hop, r.OrgID, r.BankBIC, r.IBAN,
			r.FromBankBIC, int64(r.Amount), r.Currency, nullMicros(r.TransferAt), string(r.Status), nullMicros(r.DueAt),
			int64(r.FrozenAmount), nullMicros(r.FrozenUntil), onward, r.Note, nullMicros(r.RespondedAt),
			nullMicros(r.EscalatedAt), micros(r.CreatedAt))
		if err != nil {
			return fmt.Errorf("sqlite: create freeze requests: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("sqlite: create freeze requests: %w", err)
		} else if n == 0 {
			return kuzet.Errorf(kuzet.ECONFLICT, "freeze request %q exists", r.ID)
		}
	}
	return nil
}

// storedFreeze sets r's times to what the store keeps.
func storedFreeze(r *kuzet.FreezeRequest) {
	r.TransferAt, r.DueAt, r.FrozenUntil = payTime(r.TransferAt), payTime(r.DueAt), payTime(r.FrozenUntil)
	r.RespondedAt, r.EscalatedAt, r.CreatedAt = payTime(r.RespondedAt), payTime(r.EscalatedAt), stored(r.CreatedAt)
}

func scanFreeze(s payScanner) (*kuzet.FreezeRequest, error) {
	var (
		r                              kuzet.FreezeRequest
		amount, frozen, created        int64
		transferAt, dueAt, frozenUntil sql.NullInt64
		respondedAt, escalatedAt       sql.NullInt64
		status, onward                 string
	)
	if err := s.Scan(&r.ID, &r.ReportID, &r.CaseID, &r.ParentID, &r.Hop, &r.OrgID, &r.BankBIC, &r.IBAN, &r.FromBankBIC,
		&amount, &r.Currency, &transferAt, &status, &dueAt, &frozen, &frozenUntil, &onward, &r.Note, &respondedAt,
		&escalatedAt, &created); err != nil {
		return nil, err
	}
	r.Amount, r.FrozenAmount, r.Status = kuzet.Amount(amount), kuzet.Amount(frozen), kuzet.FreezeStatus(status)
	r.TransferAt, r.DueAt, r.FrozenUntil = fromNullMicros(transferAt), fromNullMicros(dueAt), fromNullMicros(frozenUntil)
	r.RespondedAt, r.EscalatedAt, r.CreatedAt = fromNullMicros(respondedAt), fromNullMicros(escalatedAt), fromMicros(created)
	if err := json.Unmarshal([]byte(onward), &r.Onward); err != nil {
		return nil, fmt.Errorf("freeze request %s: %w", r.ID, err)
	}
	if len(r.Onward) == 0 {
		r.Onward = nil // as the request was made: omitted when empty
	}
	return &r, nil
}

// FindFreezeRequest returns ENOTFOUND if there is no such request or it is
// addressed to another organisation than orgID.
func (tx *tx) FindFreezeRequest(ctx context.Context, orgID int64, id string) (*kuzet.FreezeRequest, error) {
	r, err := scanFreeze(tx.stmt(ctx, findFreezeRequestQuery).QueryRowContext(ctx, id, orgID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no freeze request %q", id)
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: find freeze request: %w", err)
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
	q := `SELECT ` + freezeColumns + ` FROM freeze_requests`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	rows, err := tx.tx.QueryContext(ctx, q+` ORDER BY seq LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find freeze requests: %w", err)
	}
	defer rows.Close()
	var out []*kuzet.FreezeRequest
	for rows.Next() {
		r, err := scanFreeze(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: find freeze requests: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: find freeze requests: %w", err)
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
		return fmt.Errorf("sqlite: update freeze request: %w", err)
	}
	res, err := tx.stmt(ctx, updateFreezeRequestQuery).ExecContext(ctx, string(r.Status), int64(r.FrozenAmount),
		nullMicros(r.FrozenUntil), onward, r.Note, nullMicros(r.RespondedAt), nullMicros(r.EscalatedAt), r.ID)
	if err != nil {
		return fmt.Errorf("sqlite: update freeze request: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: update freeze request: %w", err)
	} else if n == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "no freeze request %q", r.ID)
	}
	return nil
}

// PutWebhook inserts or replaces the organisation's webhook.
func (tx *tx) PutWebhook(ctx context.Context, w *kuzet.Webhook) error {
	if _, err := tx.stmt(ctx, putWebhookQuery).ExecContext(ctx, w.OrgID, w.URL, blob(w.Secret), micros(w.CreatedAt)); err != nil {
		return fmt.Errorf("sqlite: put webhook: %w", err)
	}
	w.CreatedAt = stored(w.CreatedAt)
	return nil
}

// FindWebhook returns ENOTFOUND if the organisation has none.
func (tx *tx) FindWebhook(ctx context.Context, orgID int64) (*kuzet.Webhook, error) {
	var (
		w       kuzet.Webhook
		created int64
	)
	err := tx.stmt(ctx, findWebhookQuery).QueryRowContext(ctx, orgID).Scan(&w.OrgID, &w.URL, &w.Secret, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "organisation %d has no webhook", orgID)
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: find webhook: %w", err)
	}
	w.CreatedAt = fromMicros(created)
	return &w, nil
}

// deliveryLogDoc sets the times of a delivery log to what the store keeps and
// returns its JSON document.
func deliveryLogDoc(log []kuzet.DeliveryAttempt) (string, error) {
	for i := range log {
		log[i].At = stored(log[i].At)
	}
	if log == nil {
		log = []kuzet.DeliveryAttempt{}
	}
	b, err := json.Marshal(log)
	return string(b), err
}

// CreateDeliveries inserts deliveries. Returns ECONFLICT if an ID is
// taken; the deliveries before it are inserted, so the caller rolls back.
func (tx *tx) CreateDeliveries(ctx context.Context, ds []*kuzet.WebhookDelivery) error {
	s := tx.stmt(ctx, createDeliveryQuery)
	for _, d := range ds {
		d.NextAt, d.CreatedAt, d.DeliveredAt = stored(d.NextAt), stored(d.CreatedAt), payTime(d.DeliveredAt)
		log, err := deliveryLogDoc(d.Log)
		if err != nil {
			return fmt.Errorf("sqlite: create deliveries: %w", err)
		}
		res, err := s.ExecContext(ctx, d.ID, d.OrgID, d.Event, d.Object, blob(d.Body), string(d.Status), d.Attempts,
			micros(d.NextAt), log, micros(d.CreatedAt), nullMicros(d.DeliveredAt))
		if err != nil {
			return fmt.Errorf("sqlite: create deliveries: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("sqlite: create deliveries: %w", err)
		} else if n == 0 {
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
		return fmt.Errorf("sqlite: update delivery: %w", err)
	}
	res, err := tx.stmt(ctx, updateDeliveryQuery).ExecContext(ctx, string(d.Status), d.Attempts, micros(d.NextAt), log,
		nullMicros(d.DeliveredAt), d.ID)
	if err != nil {
		return fmt.Errorf("sqlite: update delivery: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: update delivery: %w", err)
	} else if n == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "no delivery %q", d.ID)
	}
	return nil
}

// FindDueDeliveries returns at most limit pending deliveries whose NextAt
// is not after now, earliest NextAt first.
func (tx *tx) FindDueDeliveries(ctx context.Context, now time.Time, limit int) ([]*kuzet.WebhookDelivery, error) {
	rows, err := tx.stmt(ctx, findDueDeliveriesQuery).QueryContext(ctx, micros(now), limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find due deliveries: %w", err)
	}
	out, err := scanDeliveries(rows)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find due deliveries: %w", err)
	}
	return out, nil
}

// FindDeliveries returns the deliveries of one organisation, newest first.
func (tx *tx) FindDeliveries(ctx context.Context, f kuzet.DeliveryFilter) ([]*kuzet.WebhookDelivery, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = defaultDeliveryLimit
	}
	rows, err := tx.stmt(ctx, findDeliveriesQuery).QueryContext(ctx, f.OrgID, f.Object, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find deliveries: %w", err)
	}
	out, err := scanDeliveries(rows)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find deliveries: %w", err)
	}
	return out, nil
}

func scanDeliveries(rows *sql.Rows) ([]*kuzet.WebhookDelivery, error) {
	defer rows.Close()
	var out []*kuzet.WebhookDelivery
	for rows.Next() {
		var (
			d             kuzet.WebhookDelivery
			next, created int64
			delivered     sql.NullInt64
			status, log   string
		)
		if err := rows.Scan(&d.ID, &d.OrgID, &d.Event, &d.Object, &d.Body, &status, &d.Attempts, &next, &log, &created,
			&delivered); err != nil {
			return nil, err
		}
		d.Status, d.NextAt, d.CreatedAt, d.DeliveredAt = kuzet.DeliveryStatus(status), fromMicros(next), fromMicros(created),
			fromNullMicros(delivered)
		if err := json.Unmarshal([]byte(log), &d.Log); err != nil {
			return nil, fmt.Errorf("delivery %s: %w", d.ID, err)
		}
		out = append(out, &d)
	}
	return out, rows.Err()
}
