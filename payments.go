package kuzet

import (
	"context"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// Decision is kuzet's answer to a payment check, in increasing severity.
type Decision string

// Decisions.
const (
	DecisionAllow  Decision = "allow"  // execute the payment
	DecisionReview Decision = "review" // execute, but warn the customer or look at it
	DecisionHold   Decision = "hold"   // keep the money until HoldUntil unless the customer confirms out of band
	DecisionBlock  Decision = "block"  // do not execute
)

// Decisions lists every decision, mildest first.
var Decisions = []Decision{DecisionAllow, DecisionReview, DecisionHold, DecisionBlock}

// Valid reports whether d is one of Decisions.
func (d Decision) Valid() bool { return d.Rank() >= 0 }

// Rank orders decisions: allow is 0, block is 3, anything else -1.
func (d Decision) Rank() int {
	for i, v := range Decisions {
		if d == v {
			return i
		}
	}
	return -1
}

// Stops reports whether d keeps the money from leaving: hold or block. A
// stopped payment later confirmed as fraud counts as prevented loss, unless
// it was released first.
func (d Decision) Stops() bool { return d == DecisionHold || d == DecisionBlock }

// PaymentReason is one reason for a decision: a stable code that a bank maps
// to its own message to the customer, and an English detail.
type PaymentReason struct {
	Code   string `json:"code"`
	Detail string `json:"detail"`
}

// Outcome is what a bank later learned about a checked payment.
type Outcome string

// Outcomes.
const (
	OutcomeFraud      Outcome = "fraud_confirmed"
	OutcomeLegitimate Outcome = "legitimate"
	OutcomeCancelled  Outcome = "cancelled_by_customer"
	// OutcomeReleased is a hold or block overridden by the customer or the
	// bank: the money went. It is never prevented loss, and may be followed
	// by what the payment later turned out to be (fraud_confirmed or
	// legitimate).
	OutcomeReleased Outcome = "released"
)

// Outcomes lists every outcome.
var Outcomes = []Outcome{OutcomeFraud, OutcomeLegitimate, OutcomeCancelled, OutcomeReleased}

// Valid reports whether o is one of the outcomes.
func (o Outcome) Valid() bool {
	return o == OutcomeFraud || o == OutcomeLegitimate || o == OutcomeCancelled || o == OutcomeReleased
}

// Amount is a sum of money in hundredths of its currency's unit (tiyn for
// KZT, cents for USD), so that sums of many payments stay exact. In JSON it
// is a plain decimal number of units: 150000 or 1500.50.
type Amount int64

// MaxAmount bounds any single amount: 10^15 units, far above any real
// payment and far below overflow when many are added up.
const MaxAmount Amount = 1e17

// ParseAmount reads a decimal number of units, with at most two decimal
// places and an optional exponent ("150000", "1500.5", "-5", "1.5e3").
// Returns EINVALID for anything else or a magnitude above MaxAmount.
func ParseAmount(s string) (Amount, error) {
	bad := func(why string) (Amount, error) { return 0, Errorf(EINVALID, "amount %s", why) }
	if len(s) == 0 || len(s) > 64 {
		return bad("must be a decimal number")
	}
	neg := false
	switch s[0] {
	case '-':
		neg, s = true, s[1:]
	case '+':
		s = s[1:]
	}
	mant, exp, ok := strings.Cut(s, "e")
	if !ok {
		mant, exp, ok = strings.Cut(s, "E")
	}
	shift := 2 // hundredths
	if ok {
		e, err := strconv.Atoi(exp)
		if err != nil || e < -30 || e > 30 {
			return bad("has a malformed exponent")
		}
		shift += e
	}
	whole, frac, _ := strings.Cut(mant, ".")
	if whole == "" && frac == "" {
		return bad("must be a decimal number")
	}
	digits := whole + frac
	shift -= len(frac)
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return bad("must be a decimal number")
		}
	}
	digits = strings.TrimLeft(digits, "0")
	// Drop trailing zeros while the value stays scaled below hundredths.
	for shift < 0 && len(digits) > 0 && digits[len(digits)-1] == '0' {
		digits, shift = digits[:len(digits)-1], shift+1
	}
	if digits == "" {
		return 0, nil
	}
	if shift < 0 {
		return bad("has more than two decimal places")
	}
	if len(digits)+shift > 18 {
		return bad("is too large")
	}
	var v int64
	for i := 0; i < len(digits); i++ {
		v = v*10 + int64(digits[i]-'0')
	}
	for range shift {
		v *= 10
	}
	if Amount(v) > MaxAmount {
		return bad("is too large")
	}
	if neg {
		v = -v
	}
	return Amount(v), nil
}

// String returns the amount in units: "150000", "1500.50", "-0.05".
func (a Amount) String() string {
	sign := ""
	v := int64(a)
	if v < 0 {
		sign, v = "-", -v
	}
	if v%100 == 0 {
		return sign + strconv.FormatInt(v/100, 10)
	}
	frac := strconv.FormatInt(v%100, 10)
	if len(frac) == 1 {
		frac = "0" + frac
	}
	return sign + strconv.FormatInt(v/100, 10) + "." + frac
}

// Units returns the amount in units, for arithmetic where a float does:
// ratios and thresholds, never sums.
func (a Amount) Units() float64 { return float64(a) / 100 }

// MarshalJSON writes the amount as a JSON number of units.
func (a Amount) MarshalJSON() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalJSON reads a JSON number of units. It fails with a
// *json.UnmarshalTypeError, which the decoder completes with the field's
// path.
func (a *Amount) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		return nil
	}
	v, err := ParseAmount(s)
	if err != nil {
		return &json.UnmarshalTypeError{Value: "number " + amountHint(s), Type: reflect.TypeFor[Amount]()}
	}
	*a = v
	return nil
}

// amountHint describes a rejected amount without echoing long input.
func amountHint(s string) string {
	if len(s) > 24 {
		s = s[:24] + "…"
	}
	return strconv.Quote(s) + " (want a number of units with at most two decimal places)"
}

// Payer is the sender of a payment, as the checking bank knows them. Account
// is the bank's own opaque account reference; Region names the customer's
// region for the prevented-loss statistics.
type Payer struct {
	Account    string `json:"account,omitempty"`
	Phone      string `json:"phone,omitempty"`
	CustomerID string `json:"customer_id,omitempty"`
	DeviceID   string `json:"device_id,omitempty"`
	IP         string `json:"ip,omitempty"`
	Region     string `json:"region,omitempty"`
	// What the bank's own app saw in the session that made the payment,
	// where it can tell; false is "not seen" as much as "not said".
	OnCall       bool `json:"on_call,omitempty"`       // the device was on a voice call (mobile network or a messenger's) while the payment was made
	RemoteAccess bool `json:"remote_access,omitempty"` // a remote-control or screen-sharing app was active during the session
	NewDevice    bool `json:"new_device,omitempty"`    // the device was first used by this customer less than 72 hours before
}

// Payee is the recipient of a payment: at least one identifier of the money's
// destination (IBAN, domestic account, card, phone for phone transfers, or
// crypto wallet), with the receiving bank's BIC and the name as entered.
type Payee struct {
	IBAN    string `json:"iban,omitempty"`
	Account string `json:"account,omitempty"`
	Card    string `json:"card,omitempty"`
	Phone   string `json:"phone,omitempty"`
	Wallet  string `json:"wallet,omitempty"`
	BankBIC string `json:"bank_bic,omitempty"`
	Name    string `json:"name,omitempty"`
}

// PaymentCheck is a bank's question before it executes a transfer.
type PaymentCheck struct {
	PaymentID string    `json:"payment_id"` // the bank's own ID
	Amount    Amount    `json:"amount"`
	Currency  string    `json:"currency"` // ISO 4217
	CreatedAt time.Time `json:"created_at,omitzero"`
	Channel   string    `json:"channel,omitempty"` // mobile_app, internet_banking, branch, …
	Payer     Payer     `json:"payer"`
	Payee     Payee     `json:"payee"`
}

// CheckRecord is a payment check as kept in the store: the input with its
// identifiers normalized (a card only as its token), the decision, and the
// outcome once the bank reports it. Checks are a bank's own: no other
// organisation sees them.
type CheckRecord struct {
	ID           string          `json:"check_id"`
	OrgID        int64           `json:"org_id"` // the checking bank
	Check        PaymentCheck    `json:"check"`
	Decision     Decision        `json:"decision"`
	Score        float64         `json:"score"`
	Reasons      []PaymentReason `json:"reasons"`
	HoldUntil    time.Time       `json:"hold_until,omitzero"` // zero unless the decision is hold
	RulesVersion string          `json:"rules_version"`       // the rules that decided: "version@hash"
	CheckedAt    time.Time       `json:"checked_at"`
	Outcome      Outcome         `json:"outcome,omitempty"` // "" until reported
	OutcomeAt    time.Time       `json:"outcome_at,omitzero"`
	// Signals are the signals the check was decided on that were not zero,
	// by name (package payments), for backtests of other rules.
	Signals map[string]float64 `json:"signals,omitempty"`
}

// CheckFilter selects a bank's checks. OrgID is required: checks are never
// listed across banks. Zero times select without bound; From is included,
// To excluded.
type CheckFilter struct {
	OrgID    int64
	From, To time.Time
	Decision Decision // "" for any
	Limit    int      // 0: the store's default
}

// PreventedLoss is one row of the prevented-loss statistics: money that
// kuzet held or blocked and the bank later confirmed as fraud, by checking
// bank, payer's region, currency and UTC day of the check.
type PreventedLoss struct {
	Day      time.Time `json:"day"` // UTC midnight
	OrgID    int64     `json:"org_id"`
	Region   string    `json:"region"` // "" when the bank did not say
	Currency string    `json:"currency"`
	Amount   Amount    `json:"amount"`
	Count    int64     `json:"count"`
}

// PreventedLossFilter selects prevented-loss rows; zero fields select
// everything. From and To count in whole UTC days, From included.
type PreventedLossFilter struct {
	From, To time.Time
	OrgID    int64
	Region   string
}

// RuleMode says what a stored version of the payment rules is used for.
type RuleMode string

// Rule modes. At most one version is live and one shadow at a time.
const (
	RulesLive    RuleMode = "live"
	RulesShadow  RuleMode = "shadow"
	RulesRetired RuleMode = "retired"
)

// RuleVersion is one version of the payment rules text.
type RuleVersion struct {
	Hash      string    `json:"hash"`    // hex SHA-256 of Source: the key
	Version   string    `json:"version"` // the version line of the text
	Source    string    `json:"source"`
	Mode      RuleMode  `json:"mode"`
	OrgID     int64     `json:"org_id"` // who loaded it; 0 for the operator
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// PaymentStore keeps payment checks, their outcomes, the prevented-loss
// statistics and the rule versions. It keeps no rules of its own: which
// outcome may follow which is decided by package payments.
type PaymentStore interface {
	// PutChecks inserts checks. A check whose ID is stored already is left
	// as it is, so that a writer may retry a batch.
	PutChecks(ctx context.Context, checks []*CheckRecord) error

	// FindCheck returns ENOTFOUND if there is no such check or it belongs
	// to another organisation.
	FindCheck(ctx context.Context, orgID int64, id string) (*CheckRecord, error)

	// FindChecks returns the checks f selects, newest first.
	FindChecks(ctx context.Context, f CheckFilter) ([]*CheckRecord, error)

	// SetCheckOutcome records the outcome of orgID's check. Returns
	// ENOTFOUND as FindCheck does.
	SetCheckOutcome(ctx context.Context, orgID int64, id string, outcome Outcome, at time.Time) error

	// ScanChecks calls fn for every check made at or after since, by
	// CheckedAt then ID, to rebuild the engine's memory. Stops at and
	// returns fn's first error.
	ScanChecks(ctx context.Context, since time.Time, fn func(*CheckRecord) error) error

	// PutFraudDevice records deviceID as a fraudster's, named by orgID in
	// the outcome of its check checkID at at. A device named before keeps
	// its first record.
	PutFraudDevice(ctx context.Context, orgID int64, deviceID, checkID string, at time.Time) error

	// ScanFraudDevices calls fn for every device named as a fraudster's,
	// oldest first, to rebuild the engine's memory. Stops at and returns
	// fn's first error.
	ScanFraudDevices(ctx context.Context, fn func(deviceID string, at time.Time) error) error

	// AddPreventedLoss adds each row's Amount and Count to the stored row of
	// the same Day, OrgID, Region and Currency, creating it if there is none.
	AddPreventedLoss(ctx context.Context, rows []PreventedLoss) error

	// FindPreventedLoss returns the rows f selects, by Day, OrgID, Region and
	// Currency.
	FindPreventedLoss(ctx context.Context, f PreventedLossFilter) ([]*PreventedLoss, error)

	// PutRuleVersion inserts v, or updates the Mode and UpdatedAt of the
	// stored version with the same Hash.
	PutRuleVersion(ctx context.Context, v *RuleVersion) error

	// FindRuleVersions returns every stored version, oldest first.
	FindRuleVersions(ctx context.Context) ([]*RuleVersion, error)
}

// Victim is the person who lost money.
type Victim struct {
	Name   string `json:"name"`
	Phone  string `json:"phone,omitempty"` // E.164
	Region string `json:"region,omitempty"`
}

// Transfer is one movement of stolen money to an account: the victim's own
// transfer or a mule's onward one.
type Transfer struct {
	FromBankBIC string    `json:"from_bank_bic,omitempty"`
	ToIBAN      string    `json:"to_iban"`
	ToBankBIC   string    `json:"to_bank_bic,omitempty"` // derived from a KZ IBAN's bank code when left out
	Amount      Amount    `json:"amount"`
	At          time.Time `json:"at,omitzero"`
}

// VictimReport is a victim's report of a fraud, filed by the police, a bank
// or the public portal: the seed of a case, and of the freeze requests that
// follow the money.
type VictimReport struct {
	ID          string      `json:"id"`
	CaseID      string      `json:"case_id"`
	OrgID       int64       `json:"org_id"` // the filing organisation
	Victim      Victim      `json:"victim"`
	Channel     string      `json:"channel,omitempty"` // how the fraudster reached the victim: phone_call, messenger, sms, web, …
	Scheme      string      `json:"scheme,omitempty"`  // fake_bank_security, investment, marketplace, …
	Description string      `json:"description,omitempty"`
	AmountLost  Amount      `json:"amount_lost"`
	Currency    string      `json:"currency"`
	Indicators  []Indicator `json:"indicators"` // normalized
	Transfers   []Transfer  `json:"transfers"`  // normalized, bank BICs filled in where known
	CreatedAt   time.Time   `json:"created_at"`
}

// FreezeStatus is the state of a freeze request: open until the bank
// answers, or left_system when the money went where no bank of the exchange
// can be asked.
type FreezeStatus string

// Freeze statuses. The answers a bank may give are FreezeFrozen,
// FreezeInsufficientFunds, FreezeAccountNotFound and FreezeRejected.
const (
	FreezeOpen              FreezeStatus = "open"
	FreezeFrozen            FreezeStatus = "frozen"
	FreezeInsufficientFunds FreezeStatus = "insufficient_funds"
	FreezeAccountNotFound   FreezeStatus = "account_not_found"
	FreezeRejected          FreezeStatus = "rejected"
	FreezeLeftSystem        FreezeStatus = "left_system"
)

// Answer reports whether s is a status a bank may answer with.
func (s FreezeStatus) Answer() bool {
	switch s {
	case FreezeFrozen, FreezeInsufficientFunds, FreezeAccountNotFound, FreezeRejected:
		return true
	}
	return false
}

// FreezeRequest asks the bank holding an account to freeze stolen money
// that reached it. Requests form a tree per report: the victim's transfers
// are the first hop, and each answer's onward transfers raise the next.
type FreezeRequest struct {
	ID          string       `json:"id"`
	ReportID    string       `json:"report_id"`
	CaseID      string       `json:"case_id"`
	ParentID    string       `json:"parent_id,omitempty"` // "" on the first hop
	Hop         int          `json:"hop"`                 // 1 for the victim's own transfers
	OrgID       int64        `json:"org_id,omitempty"`    // the bank asked; 0 when the money left the system
	BankBIC     string       `json:"bank_bic,omitempty"`
	IBAN        string       `json:"iban"`
	FromBankBIC string       `json:"from_bank_bic,omitempty"`
	Amount      Amount       `json:"amount"` // what reached the account
	Currency    string       `json:"currency"`
	TransferAt  time.Time    `json:"transfer_at,omitzero"`
	Status      FreezeStatus `json:"status"`
	DueAt       time.Time    `json:"due_at,omitzero"` // zero for a hop that left the system: nobody to answer

	// The bank's answer.
	FrozenAmount Amount     `json:"frozen_amount"`
	FrozenUntil  time.Time  `json:"frozen_until,omitzero"` // the legal limit of the freeze
	Onward       []Transfer `json:"onward_transfers,omitempty"`
	Note         string     `json:"note,omitempty"`
	RespondedAt  time.Time  `json:"responded_at,omitzero"`

	EscalatedAt time.Time `json:"escalated_at,omitzero"` // when it was escalated as overdue
	CreatedAt   time.Time `json:"created_at"`
}

// Overdue reports whether r is still open after its deadline.
func (r *FreezeRequest) Overdue(now time.Time) bool {
	return r.Status == FreezeOpen && now.After(r.DueAt)
}

// FreezeRequestFilter selects freeze requests. OrgID 0 selects every bank's
// and is for the police and the escalation job only; a bank's inbox always
// sets it. Zero fields select everything.
type FreezeRequestFilter struct {
	OrgID     int64
	ReportID  string
	Status    FreezeStatus
	DueBefore time.Time // open requests whose deadline is before this
	Escalated *bool     // whether EscalatedAt is set
	Limit     int       // 0: the store's default
}

// FreezeStore keeps victim reports and freeze requests.
type FreezeStore interface {
	// CreateVictimReport inserts r. Returns ECONFLICT if r.ID is taken.
	CreateVictimReport(ctx context.Context, r *VictimReport) error

	// FindVictimReport returns ENOTFOUND if there is no such report.
	FindVictimReport(ctx context.Context, id string) (*VictimReport, error)

	// CreateFreezeRequests inserts requests. Returns ECONFLICT if an ID is
	// taken.
	CreateFreezeRequests(ctx context.Context, reqs []*FreezeRequest) error

	// FindFreezeRequest returns ENOTFOUND if there is no such request or it
	// is addressed to another organisation than orgID.
	FindFreezeRequest(ctx context.Context, orgID int64, id string) (*FreezeRequest, error)

	// FindFreezeRequests returns the requests f selects, oldest first.
	FindFreezeRequests(ctx context.Context, f FreezeRequestFilter) ([]*FreezeRequest, error)

	// UpdateFreezeRequest stores the answer and escalation fields of r
	// (Status, FrozenAmount, FrozenUntil, Onward, Note, RespondedAt,
	// EscalatedAt). Returns ENOTFOUND if r.ID is not stored.
	UpdateFreezeRequest(ctx context.Context, r *FreezeRequest) error
}

// Webhook is where an organisation wants its events pushed, and the secret
// they are signed with.
type Webhook struct {
	OrgID     int64     `json:"org_id"`
	URL       string    `json:"url"`
	Secret    []byte    `json:"-"` // shown once, when set
	CreatedAt time.Time `json:"created_at"`
}

// DeliveryStatus is the state of a webhook delivery.
type DeliveryStatus string

// Delivery statuses.
const (
	DeliveryPending   DeliveryStatus = "pending"
	DeliveryDelivered DeliveryStatus = "delivered"
	DeliveryExpired   DeliveryStatus = "expired" // retried until its deadline without success
)

// DeliveryAttempt is one try of a delivery.
type DeliveryAttempt struct {
	At         time.Time `json:"at"`
	StatusCode int       `json:"status_code,omitempty"` // 0 when no answer came
	Error      string    `json:"error,omitempty"`
}

// WebhookDelivery is one event to push to an organisation, written in the
// same transaction as the change it announces so that none is lost.
type WebhookDelivery struct {
	ID          string            `json:"id"`
	OrgID       int64             `json:"org_id"`
	Event       string            `json:"event"`  // e.g. "freeze_request.created"
	Object      string            `json:"object"` // e.g. "freeze_request:frz_…"
	Body        []byte            `json:"-"`      // JSON, as sent
	Status      DeliveryStatus    `json:"status"`
	Attempts    int               `json:"attempts"`
	NextAt      time.Time         `json:"next_at"` // when to try next
	Log         []DeliveryAttempt `json:"log"`
	CreatedAt   time.Time         `json:"created_at"`
	DeliveredAt time.Time         `json:"delivered_at,omitzero"`
}

// DeliveryFilter selects deliveries of one organisation (required), newest
// first.
type DeliveryFilter struct {
	OrgID  int64
	Object string // "" for any
	Limit  int    // 0: the store's default
}

// WebhookStore keeps webhook endpoints and the delivery outbox and log.
type WebhookStore interface {
	// PutWebhook inserts or replaces the organisation's webhook.
	PutWebhook(ctx context.Context, w *Webhook) error

	// FindWebhook returns ENOTFOUND if the organisation has none.
	FindWebhook(ctx context.Context, orgID int64) (*Webhook, error)

	// CreateDeliveries inserts deliveries. Returns ECONFLICT if an ID is
	// taken.
	CreateDeliveries(ctx context.Context, ds []*WebhookDelivery) error

	// UpdateDelivery stores d's Status, Attempts, NextAt, Log and
	// DeliveredAt. Returns ENOTFOUND if d.ID is not stored.
	UpdateDelivery(ctx context.Context, d *WebhookDelivery) error

	// FindDueDeliveries returns at most limit pending deliveries whose
	// NextAt is not after now, earliest NextAt first.
	FindDueDeliveries(ctx context.Context, now time.Time, limit int) ([]*WebhookDelivery, error)

	// FindDeliveries returns the deliveries f selects: the delivery log.
	FindDeliveries(ctx context.Context, f DeliveryFilter) ([]*WebhookDelivery, error)

	// DueDeliveryOrgs returns the organisations, at most limit, that have
	// pending deliveries whose NextAt is not after now, by ID.
	DueDeliveryOrgs(ctx context.Context, now time.Time, limit int) ([]int64, error)

	// ClaimDueDeliveries takes at most limit pending deliveries of orgID
	// whose NextAt is not after now, earliest first, and moves their NextAt
	// to leaseUntil, so that no other node takes them before the claimer has
	// recorded its attempt (UpdateDelivery) or the lease has run out. Rows
	// another transaction holds are skipped (PostgreSQL's FOR UPDATE SKIP
	// LOCKED; SQLite has one writer). Returns them as claimed, in no order.
	ClaimDueDeliveries(ctx context.Context, orgID int64, now, leaseUntil time.Time, limit int) ([]*WebhookDelivery, error)
}

// Audit actions of payments.
const (
	AuditPaymentOutcome = "payment.outcome"
	AuditRulesLoad      = "payment.rules"
	AuditReportCreate   = "report.create"
	AuditReportRead     = "report.read"
	AuditFreezeRespond  = "freeze.respond"
	AuditFreezeEscalate = "freeze.escalate"
	AuditWebhookPut     = "webhook.put"
	AuditCheckRead      = "payment.read" // a bank read its customers' checks
	AuditFreezeRead     = "freeze.read"  // a bank or the police read freeze requests
)
