package kuzet

import (
	"context"
	"time"
)

// Kind is the kind of an identifier used in fraud.
type Kind string

// The indicator kinds of API.md.
const (
	KindPhone   Kind = "phone"
	KindIBAN    Kind = "iban"
	KindAccount Kind = "account"
	KindCard    Kind = "card"
	KindIMEI    Kind = "imei"
	KindDomain  Kind = "domain"
	KindURL     Kind = "url"
	KindIP      Kind = "ip"
	KindWallet  Kind = "wallet"
	KindEmail   Kind = "email"
)

// Kinds lists every kind, in the order of API.md.
var Kinds = []Kind{KindPhone, KindIBAN, KindAccount, KindCard, KindIMEI, KindDomain, KindURL, KindIP, KindWallet, KindEmail}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool {
	for _, v := range Kinds {
		if k == v {
			return true
		}
	}
	return false
}

// Category says what an indicator was used for.
type Category string

// The categories a report may carry.
const (
	CategoryScamCall       Category = "scam_call"
	CategorySpoofedCLI     Category = "spoofed_cli"
	CategorySimboxSIM      Category = "simbox_sim"
	CategoryMuleAccount    Category = "mule_account"
	CategoryPhishingSite   Category = "phishing_site"
	CategoryFakeShop       Category = "fake_shop"
	CategoryInvestmentScam Category = "investment_scam"
	CategoryMalware        Category = "malware"
	// CategoryVictimReport marks an identifier named in a victim's report
	// before anyone has confirmed it.
	CategoryVictimReport Category = "victim_report"
	CategoryOther        Category = "other"
)

// Categories lists every category.
var Categories = []Category{
	CategoryScamCall, CategorySpoofedCLI, CategorySimboxSIM, CategoryMuleAccount, CategoryPhishingSite,
	CategoryFakeShop, CategoryInvestmentScam, CategoryMalware, CategoryVictimReport, CategoryOther,
}

// Valid reports whether c is one of Categories.
func (c Category) Valid() bool {
	for _, v := range Categories {
		if c == v {
			return true
		}
	}
	return false
}

// Indicator is a normalized identifier: Kind and Value together are its key
// everywhere (store, index, audit). The other fields are facts the parser
// derived from the raw input; they are empty where they do not apply.
type Indicator struct {
	Kind  Kind   `json:"kind"`
	Value string `json:"value"`

	Region      string `json:"region,omitempty"`      // phone, iban: ISO 3166-1 alpha-2 country
	Registrable string `json:"registrable,omitempty"` // domain, url, email: the registrable domain (eTLD+1)
	TAC         string `json:"tac,omitempty"`         // imei: type allocation code, the first 8 digits
	BIN         string `json:"bin,omitempty"`         // card: the first 6 digits
	Last4       string `json:"last4,omitempty"`       // card: the last 4 digits
	BankCode    string `json:"bank_code,omitempty"`   // KZ iban: the 3-digit bank code at positions 5–7
}

// Key returns "kind:value", the form used in audit entries and graph seeds.
func (i Indicator) Key() string { return string(i.Kind) + ":" + i.Value }

// Report is one organisation's statement about an indicator. An organisation
// holds at most one live report per indicator and category: reporting again
// updates it.
type Report struct {
	ID         int64
	OrgID      int64
	Kind       Kind
	Value      string
	Category   Category
	Confidence float64 // in (0, 1]
	Evidence   string
	ValidUntil time.Time // zero: valid until withdrawn
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Live reports whether r still counts at time now.
func (r *Report) Live(now time.Time) bool {
	return r.ValidUntil.IsZero() || now.Before(r.ValidUntil)
}

// Risk is the aggregated risk level of an indicator.
type Risk string

// Risk levels, in increasing order.
const (
	RiskNone     Risk = "none"
	RiskLow      Risk = "low"
	RiskMedium   Risk = "medium"
	RiskHigh     Risk = "high"
	RiskCritical Risk = "critical"
)

// Rank orders risk levels: none is 0, critical is 4.
func (r Risk) Rank() int {
	switch r {
	case RiskLow:
		return 1
	case RiskMedium:
		return 2
	case RiskHigh:
		return 3
	case RiskCritical:
		return 4
	}
	return 0
}

// Assessment is what the registry knows of an indicator at one moment.
type Assessment struct {
	Kind        Kind       `json:"kind"`
	Value       string     `json:"value"`
	Risk        Risk       `json:"risk"`
	Score       float64    `json:"score"`
	Categories  []Category `json:"categories"`
	Reporters   int        `json:"reporters"`
	FirstSeen   *time.Time `json:"first_seen"`
	LastSeen    *time.Time `json:"last_seen"`
	Allowlisted bool       `json:"allowlisted"`
}

// AllowEntry marks an indicator as official (a bank's hotline, a bank's own
// domain): an allowlisted indicator never scores above RiskNone. A domain
// entry covers its subdomains.
type AllowEntry struct {
	Kind      Kind
	Value     string
	OrgID     int64
	Reason    string
	CreatedAt time.Time
}

// ReportStore keeps reports. Reports are shared: every organisation may read
// every report; only the reporting organisation may change its own.
type ReportStore interface {
	// UpsertReport inserts r, or updates the live report of the same org,
	// indicator and category, keeping its ID and CreatedAt. Sets r.ID and
	// r.CreatedAt to the stored ones.
	UpsertReport(ctx context.Context, r *Report) error

	// DeleteReport removes the org's report on an indicator in one category,
	// or in every category when category is "". Returns the removed reports.
	// Returns ENOTFOUND if the org has no such report.
	DeleteReport(ctx context.Context, orgID int64, kind Kind, value string, category Category) ([]*Report, error)

	// FindReports returns every report on one indicator, oldest first.
	FindReports(ctx context.Context, kind Kind, value string) ([]*Report, error)

	// ScanReports calls fn for every report, in ID order, to rebuild the
	// in-memory index. Stops at and returns fn's first error.
	ScanReports(ctx context.Context, fn func(*Report) error) error
}

// AllowlistStore keeps allowlist entries.
type AllowlistStore interface {
	// PutAllowEntry inserts or replaces the entry for e's indicator.
	PutAllowEntry(ctx context.Context, e *AllowEntry) error

	// DeleteAllowEntry removes the entry. Returns ENOTFOUND if there is none.
	DeleteAllowEntry(ctx context.Context, kind Kind, value string) error

	// ScanAllowEntries calls fn for every entry.
	ScanAllowEntries(ctx context.Context, fn func(*AllowEntry) error) error
}
