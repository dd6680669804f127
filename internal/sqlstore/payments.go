package sqlstore

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/kuzet/kuzet"
)

// The JSON documents of the payment tables (a check's parties and reasons,
// a report's indicators and transfers, a freeze answer's onward transfers,
// a delivery's log) are TEXT in SQLite and jsonb in PostgreSQL. Both
// drivers write them from a string and read them into one, so one encoding
// and one decoding serve both.

// CheckColumns are the columns Check reads, in order.
const CheckColumns = `id, org_id, payment_id, amount, currency, created_at, channel, payer, payee, decision, score,
	reasons, hold_until, rules_version, checked_at, outcome, outcome_at, signals`

// FraudDevice is a row of fraud_devices as the rebuild reads it.
type FraudDevice struct {
	ID string
	At time.Time
}

// FraudDeviceColumns are the columns FraudDevice reads, in order.
const FraudDeviceColumns = `device_id, marked_at`

// FraudDevice reads one row of FraudDeviceColumns.
func (r Reader) FraudDevice(s Scanner) (FraudDevice, error) {
	var d FraudDevice
	err := s.Scan(&d.ID, r.d.Time(&d.At))
	return d, err
}

// Check reads one row of CheckColumns.
func (r Reader) Check(s Scanner) (*kuzet.CheckRecord, error) {
	var (
		c                     kuzet.CheckRecord
		amount                int64
		payer, payee, reasons string
		signals               string
	)
	if err := s.Scan(&c.ID, &c.OrgID, &c.Check.PaymentID, &amount, &c.Check.Currency, r.d.Time(&c.Check.CreatedAt),
		&c.Check.Channel, &payer, &payee, &c.Decision, &c.Score, &reasons, r.d.Time(&c.HoldUntil), &c.RulesVersion,
		r.d.Time(&c.CheckedAt), &c.Outcome, r.d.Time(&c.OutcomeAt), &signals); err != nil {
		return nil, err
	}
	if signals != "" && signals != "{}" {
		if err := json.Unmarshal([]byte(signals), &c.Signals); err != nil {
			return nil, fmt.Errorf("check %s: %w", c.ID, err)
		}
	}
	c.Check.Amount = kuzet.Amount(amount)
	if err := errors.Join(json.Unmarshal([]byte(payer), &c.Check.Payer), json.Unmarshal([]byte(payee), &c.Check.Payee),
		json.Unmarshal([]byte(reasons), &c.Reasons)); err != nil {
		return nil, fmt.Errorf("check %s: %w", c.ID, err)
	}
	return &c, nil
}

// CheckDocs sets c's times to the stored ones and returns the JSON
// documents of its parties, reasons and signals: what encoding/json would
// write, written by hand (the writer stores thousands a second).
func CheckDocs(c *kuzet.CheckRecord) (payer, payee, reasons, signals string, err error) {
	c.Check.CreatedAt, c.HoldUntil = StoredOrZero(c.Check.CreatedAt), StoredOrZero(c.HoldUntil)
	c.OutcomeAt, c.CheckedAt = StoredOrZero(c.OutcomeAt), Stored(c.CheckedAt)
	b := make([]byte, 0, 512)
	py, pe := &c.Check.Payer, &c.Check.Payee
	b = appendMembers(b, "account", py.Account, "phone", py.Phone, "customer_id", py.CustomerID,
		"device_id", py.DeviceID, "ip", py.IP, "region", py.Region)
	b = appendTrue(b, "on_call", py.OnCall, "remote_access", py.RemoteAccess, "new_device", py.NewDevice)
	n1 := len(b)
	b = appendMembers(b, "iban", pe.IBAN, "account", pe.Account, "card", pe.Card, "phone", pe.Phone,
		"wallet", pe.Wallet, "bank_bic", pe.BankBIC, "name", pe.Name)
	n2 := len(b)
	if c.Reasons == nil {
		b = append(b, "[]"...)
	} else {
		b = kuzet.AppendPaymentReasons(b, c.Reasons)
	}
	n3 := len(b)
	b = append(b, '{')
	var names [32]string // more than there are signals: sorted on the stack
	sorted := names[:0]
	for name := range c.Signals {
		sorted = append(sorted, name)
	}
	slices.Sort(sorted) // encoding/json's order
	for i, name := range sorted {
		if i > 0 {
			b = append(b, ',')
		}
		b = kuzet.AppendJSONString(b, name)
		b = append(b, ':')
		b = kuzet.AppendJSONFloat(b, c.Signals[name])
	}
	b = append(b, '}')
	all := string(b) // one allocation for the four documents
	return all[:n1], all[n1:n2], all[n2:n3], all[n3:], nil
}

// appendMembers appends an object of the string members name, value, …
// that are not empty, as encoding/json writes a struct of omitempty
// strings.
func appendMembers(b []byte, kv ...string) []byte {
	b = append(b, '{')
	first := true
	for i := 0; i < len(kv); i += 2 {
		if kv[i+1] == "" {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '"')
		b = append(b, kv[i]...)
		b = append(b, `":`...)
		b = kuzet.AppendJSONString(b, kv[i+1])
	}
	return append(b, '}')
}

// appendTrue adds to the object that ends b the members of names whose
// value is true, as encoding/json writes omitempty bools after the strings
// before them.
func appendTrue(b []byte, name1 string, v1 bool, name2 string, v2 bool, name3 string, v3 bool) []byte {
	for _, m := range [...]struct {
		name string
		v    bool
	}{{name1, v1}, {name2, v2}, {name3, v3}} {
		if !m.v {
			continue
		}
		b = b[:len(b)-1] // the closing brace
		if b[len(b)-1] != '{' {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, m.name...)
		b = append(b, `":true}`...)
	}
	return b
}

// PreventedLossColumns are the columns PreventedLoss reads, in order.
const PreventedLossColumns = `day, org_id, region, currency, amount, count`

// PreventedLoss reads one row of PreventedLossColumns.
func (r Reader) PreventedLoss(s Scanner) (*kuzet.PreventedLoss, error) {
	var (
		p      kuzet.PreventedLoss
		amount int64
	)
	if err := s.Scan(r.d.Time(&p.Day), &p.OrgID, &p.Region, &p.Currency, &amount, &p.Count); err != nil {
		return nil, err
	}
	p.Amount = kuzet.Amount(amount)
	return &p, nil
}

// PreventedLossDays turns a filter's From and To into the days it selects:
// the midnights d with from <= d < to. From's day is included; To's only if
// To is past its midnight. A zero time stays zero: that side is open.
func PreventedLossDays(from, to time.Time) (time.Time, time.Time) {
	if !from.IsZero() {
		from = UTCDay(from)
	}
	if !to.IsZero() {
		d := UTCDay(to)
		if d.Before(to) {
			d = d.AddDate(0, 0, 1)
		}
		to = d
	}
	return from, to
}

// RuleVersionColumns are the columns RuleVersion reads, in order.
const RuleVersionColumns = `hash, version, source, mode, org_id, created_at, updated_at`

// RuleVersion reads one row of RuleVersionColumns.
func (r Reader) RuleVersion(s Scanner) (*kuzet.RuleVersion, error) {
	var v kuzet.RuleVersion
	if err := s.Scan(&v.Hash, &v.Version, &v.Source, &v.Mode, &v.OrgID, r.d.Time(&v.CreatedAt),
		r.d.Time(&v.UpdatedAt)); err != nil {
		return nil, err
	}
	return &v, nil
}

// VictimReportColumns are the columns VictimReport reads, in order, and
// those a report is inserted with.
const VictimReportColumns = `id, case_id, org_id, victim_name, victim_phone, victim_region, channel, scheme,
	description, amount_lost, currency, indicators, transfers, created_at`

// VictimReport reads one row of VictimReportColumns.
func (r Reader) VictimReport(s Scanner) (*kuzet.VictimReport, error) {
	var (
		v                     kuzet.VictimReport
		amount                int64
		indicators, transfers string
	)
	if err := s.Scan(&v.ID, &v.CaseID, &v.OrgID, &v.Victim.Name, &v.Victim.Phone, &v.Victim.Region, &v.Channel,
		&v.Scheme, &v.Description, &amount, &v.Currency, &indicators, &transfers, r.d.Time(&v.CreatedAt)); err != nil {
		return nil, err
	}
	v.AmountLost = kuzet.Amount(amount)
	if err := errors.Join(json.Unmarshal([]byte(indicators), &v.Indicators),
		json.Unmarshal([]byte(transfers), &v.Transfers)); err != nil {
		return nil, fmt.Errorf("victim report %s: %w", v.ID, err)
	}
	return &v, nil
}

// VictimReportDocs sets r's times to the stored ones and returns the JSON
// documents of its indicators and transfers.
func VictimReportDocs(r *kuzet.VictimReport) (indicators, transfers string, err error) {
	r.CreatedAt = Stored(r.CreatedAt)
	indicators, err1 := ListJSON(r.Indicators)
	transfers, err2 := TransfersJSON(r.Transfers)
	return indicators, transfers, errors.Join(err1, err2)
}

// TransfersJSON sets the times of ts to the stored ones and returns their
// JSON document.
func TransfersJSON(ts []kuzet.Transfer) (string, error) {
	for i := range ts {
		ts[i].At = StoredOrZero(ts[i].At)
	}
	return ListJSON(ts)
}

// FreezeColumns are the columns Freeze reads, in order, and those a request
// is inserted with.
const FreezeColumns = `id, report_id, case_id, parent_id, hop, org_id, bank_bic, iban, from_bank_bic, amount, currency,
	transfer_at, status, due_at, frozen_amount, frozen_until, onward, note, responded_at, escalated_at, created_at`

// Freeze reads one row of FreezeColumns.
func (r Reader) Freeze(s Scanner) (*kuzet.FreezeRequest, error) {
	var (
		f              kuzet.FreezeRequest
		amount, frozen int64
		onward         string
	)
	if err := s.Scan(&f.ID, &f.ReportID, &f.CaseID, &f.ParentID, &f.Hop, &f.OrgID, &f.BankBIC, &f.IBAN, &f.FromBankBIC,
		&amount, &f.Currency, r.d.Time(&f.TransferAt), &f.Status, r.d.Time(&f.DueAt), &frozen, r.d.Time(&f.FrozenUntil),
		&onward, &f.Note, r.d.Time(&f.RespondedAt), r.d.Time(&f.EscalatedAt), r.d.Time(&f.CreatedAt)); err != nil {
		return nil, err
	}
	f.Amount, f.FrozenAmount = kuzet.Amount(amount), kuzet.Amount(frozen)
	if err := json.Unmarshal([]byte(onward), &f.Onward); err != nil {
		return nil, fmt.Errorf("freeze request %s: %w", f.ID, err)
	}
	if len(f.Onward) == 0 {
		f.Onward = nil // as the request was made: omitted when empty
	}
	return &f, nil
}

// StoredFreeze sets r's times to the stored ones.
func StoredFreeze(r *kuzet.FreezeRequest) {
	r.TransferAt, r.DueAt, r.FrozenUntil = StoredOrZero(r.TransferAt), StoredOrZero(r.DueAt), StoredOrZero(r.FrozenUntil)
	r.RespondedAt, r.EscalatedAt, r.CreatedAt = StoredOrZero(r.RespondedAt), StoredOrZero(r.EscalatedAt), Stored(r.CreatedAt)
}

// FreezeAnswerDoc sets the times of the answer and escalation fields of r,
// those UpdateFreezeRequest stores, to the stored ones and returns the JSON
// document of its onward transfers.
func FreezeAnswerDoc(r *kuzet.FreezeRequest) (string, error) {
	r.FrozenUntil = StoredOrZero(r.FrozenUntil)
	r.RespondedAt, r.EscalatedAt = StoredOrZero(r.RespondedAt), StoredOrZero(r.EscalatedAt)
	return TransfersJSON(r.Onward)
}

// WebhookColumns are the columns Webhook reads, in order.
const WebhookColumns = `org_id, url, secret, created_at`

// Webhook reads one row of WebhookColumns.
func (r Reader) Webhook(s Scanner) (*kuzet.Webhook, error) {
	var w kuzet.Webhook
	if err := s.Scan(&w.OrgID, &w.URL, &w.Secret, r.d.Time(&w.CreatedAt)); err != nil {
		return nil, err
	}
	return &w, nil
}

// DeliveryColumns are the columns Delivery reads, in order, and those a
// delivery is inserted with.
const DeliveryColumns = `id, org_id, event, object, body, status, attempts, next_at, log, created_at, delivered_at`

// Delivery reads one row of DeliveryColumns.
func (r Reader) Delivery(s Scanner) (*kuzet.WebhookDelivery, error) {
	var (
		d   kuzet.WebhookDelivery
		log string
	)
	if err := s.Scan(&d.ID, &d.OrgID, &d.Event, &d.Object, &d.Body, &d.Status, &d.Attempts, r.d.Time(&d.NextAt), &log,
		r.d.Time(&d.CreatedAt), r.d.Time(&d.DeliveredAt)); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(log), &d.Log); err != nil {
		return nil, fmt.Errorf("delivery %s: %w", d.ID, err)
	}
	return &d, nil
}

// DeliveryLogDoc sets the times an update of d stores (NextAt, DeliveredAt
// and its log's) to the stored ones and returns the JSON document of its
// log.
func DeliveryLogDoc(d *kuzet.WebhookDelivery) (string, error) {
	d.NextAt, d.DeliveredAt = Stored(d.NextAt), StoredOrZero(d.DeliveredAt)
	for i := range d.Log {
		d.Log[i].At = Stored(d.Log[i].At)
	}
	return ListJSON(d.Log)
}
