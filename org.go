package kuzet

import (
	"context"
	"time"
)

// OrgType is the kind of organisation taking part in the exchange.
type OrgType string

// Organisation types.
const (
	OrgBank      OrgType = "bank"
	OrgTelco     OrgType = "telco"
	OrgPolice    OrgType = "police"
	OrgRegulator OrgType = "regulator"
	OrgPartner   OrgType = "partner"
	OrgPublic    OrgType = "public"
)

// OrgTypes lists every organisation type.
var OrgTypes = []OrgType{OrgBank, OrgTelco, OrgPolice, OrgRegulator, OrgPartner, OrgPublic}

// Valid reports whether t is one of OrgTypes.
func (t OrgType) Valid() bool {
	for _, v := range OrgTypes {
		if t == v {
			return true
		}
	}
	return false
}

// Org is an organisation: a bank, an operator, a police unit, the regulator,
// a foreign partner, or the public portal.
type Org struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Type      OrgType   `json:"type"`
	BIC       string    `json:"bic,omitempty"`       // banks: SWIFT BIC
	BankCode  string    `json:"bank_code,omitempty"` // banks: the 3-digit code their KZ IBANs carry
	Prefixes  []string  `json:"prefixes,omitempty"`  // telcos: numbering ranges held, E.164 digits without '+'
	CreatedAt time.Time `json:"created_at"`
}

// Validate checks the fields an organisation must have for its type.
func (o *Org) Validate() error {
	if o.Name == "" {
		return Invalid("name", "name is required")
	}
	if !o.Type.Valid() {
		return Invalid("type", "type must be one of bank, telco, police, regulator, partner, public")
	}
	if o.BankCode != "" && !allDigits(o.BankCode, 3) {
		return Invalid("bank_code", "bank code must be 3 digits")
	}
	if o.BIC != "" && (len(o.BIC) != 8 && len(o.BIC) != 11) {
		return Invalid("bic", "BIC must be 8 or 11 characters")
	}
	for _, p := range o.Prefixes {
		if p == "" || !allDigits(p, len(p)) || len(p) > 15 {
			return Invalid("prefixes", "prefix %q is not a run of E.164 digits", p)
		}
	}
	return nil
}

func allDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Role decides what an API key may do. A key's role is its organisation's
// type unless set otherwise.
type Role string

// Permission is one right checked at an endpoint.
type Permission string

// Permissions. Each endpoint requires exactly one.
const (
	PermIndicatorRead   Permission = "indicator.read"   // risk level of an indicator
	PermIndicatorDetail Permission = "indicator.detail" // categories, reporters, first and last seen
	PermIndicatorWrite  Permission = "indicator.write"  // report and withdraw
	PermAllowlistWrite  Permission = "allowlist.write"
	PermCallOriginate   Permission = "call.originate"
	PermCallVerify      Permission = "call.verify"
	PermRoamingWrite    Permission = "roaming.write"
	PermDNOWrite        Permission = "dno.write"
	PermActiveCall      Permission = "signal.active_call"
	PermPaymentCheck    Permission = "payment.check"
	PermReportCreate    Permission = "report.create"
	PermFreezeInbox     Permission = "freeze.inbox"
	PermPaymentRules    Permission = "payment.rules" // load and compare the payment rules: the anti-fraud centre's operator
	PermCDRUpload       Permission = "cdr.upload"
	PermSimboxRead      Permission = "simbox.read"
	PermSimboxTriage    Permission = "simbox.triage" // confirm and dismiss suspects, record seizures
	PermCDRRead         Permission = "cdr.read"      // CDR batches: an operator its own, the police all
	PermWebSubmit       Permission = "web.submit"
	PermWebTriage       Permission = "web.triage"
	PermBlockingCreate  Permission = "blocking.create"
	PermBlockingStatus  Permission = "blocking.status"
	PermCaseRead        Permission = "case.read"
	PermStatsRead       Permission = "stats.read"
	PermExchange        Permission = "exchange"
	PermAuditRead       Permission = "audit.read" // query the audit log: who read or changed what
)

// roleMatrix is the one place where rights are granted. Anything not listed
// is forbidden.
var roleMatrix = map[Role][]Permission{
	Role(OrgBank): {PermIndicatorRead, PermIndicatorDetail, PermIndicatorWrite, PermActiveCall,
		PermPaymentCheck, PermReportCreate, PermFreezeInbox},
	Role(OrgTelco): {PermIndicatorRead, PermIndicatorDetail, PermIndicatorWrite, PermCallOriginate,
		PermCallVerify, PermRoamingWrite, PermCDRUpload, PermCDRRead},
	Role(OrgPolice): {PermIndicatorRead, PermIndicatorDetail, PermIndicatorWrite, PermAllowlistWrite,
		PermDNOWrite, PermReportCreate, PermSimboxRead, PermSimboxTriage, PermCDRRead, PermWebSubmit,
		PermWebTriage, PermBlockingCreate, PermCaseRead, PermStatsRead, PermExchange, PermAuditRead},
	Role(OrgRegulator): {PermIndicatorRead, PermIndicatorDetail, PermIndicatorWrite, PermAllowlistWrite,
		PermDNOWrite, PermWebSubmit, PermBlockingStatus, PermStatsRead, PermPaymentRules, PermAuditRead},
	Role(OrgPartner): {PermIndicatorRead, PermIndicatorDetail, PermIndicatorWrite, PermExchange},
	Role(OrgPublic):  {PermIndicatorRead, PermReportCreate, PermWebSubmit},
}

// Can reports whether role r holds permission p.
func (r Role) Can(p Permission) bool {
	for _, q := range roleMatrix[r] {
		if q == p {
			return true
		}
	}
	return false
}

// Roles lists the roles of the matrix.
func Roles() []Role {
	out := make([]Role, 0, len(OrgTypes))
	for _, t := range OrgTypes {
		out = append(out, Role(t))
	}
	return out
}

// APIKey is an organisation's credential. Only a hash of the secret is kept;
// the secret is shown once, when the key is made.
type APIKey struct {
	ID        int64     `json:"id"`
	OrgID     int64     `json:"org_id"`
	Role      Role      `json:"role"`
	Prefix    string    `json:"prefix"` // the first characters of the secret, to tell keys apart
	Hash      []byte    `json:"-"`
	CreatedAt time.Time `json:"created_at"`
	RevokedAt time.Time `json:"revoked_at,omitzero"`
}

// Revoked reports whether the key has been revoked.
func (k *APIKey) Revoked() bool { return !k.RevokedAt.IsZero() }

// OrgStore keeps organisations and their keys.
type OrgStore interface {
	// CreateOrg inserts o and sets o.ID. Returns ECONFLICT if the name is taken.
	CreateOrg(ctx context.Context, o *Org) error

	// FindOrgByID returns ENOTFOUND if there is no such organisation.
	FindOrgByID(ctx context.Context, id int64) (*Org, error)

	// FindOrgs returns every organisation, by ID.
	FindOrgs(ctx context.Context) ([]*Org, error)

	// CreateAPIKey inserts k and sets k.ID.
	CreateAPIKey(ctx context.Context, k *APIKey) error

	// FindAPIKeyByHash returns ENOTFOUND if no key has that hash.
	FindAPIKeyByHash(ctx context.Context, hash []byte) (*APIKey, error)

	// FindAPIKeys returns the keys of one organisation.
	FindAPIKeys(ctx context.Context, orgID int64) ([]*APIKey, error)

	// RevokeAPIKey marks the key revoked at time at. Returns ENOTFOUND if the
	// key does not exist or belongs to another organisation.
	RevokeAPIKey(ctx context.Context, orgID, keyID int64, at time.Time) error
}

// Principal is the authenticated caller of a request.
type Principal struct {
	Org *Org
	Key *APIKey
}

// Can reports whether the principal's key holds p.
func (p *Principal) Can(perm Permission) bool { return p != nil && p.Key.Role.Can(perm) }

type principalKey struct{}

// NewContextWithPrincipal returns a context that carries p.
func NewContextWithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFromContext returns the caller, or nil.
func PrincipalFromContext(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}

// OrgIDFromContext returns the caller's organisation ID, or 0.
func OrgIDFromContext(ctx context.Context) int64 {
	if p := PrincipalFromContext(ctx); p != nil && p.Org != nil {
		return p.Org.ID
	}
	return 0
}
