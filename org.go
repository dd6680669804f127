package kuzet

import (
	"context"
	"fmt"
	"slices"
	"strings"
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

// Validate normalises o (trims its name, BIC, bank code and prefixes,
// upper-cases the BIC, drops a '+' before a prefix) and checks the fields an
// organisation of its type may have: a BIC and a bank code only for a bank,
// numbering ranges only for a telco, so that a mistyped command line does not
// quietly make an organisation that matches nothing. Returns EINVALID
// naming every failing field.
func (o *Org) Validate() error {
	var p Problems
	o.Name = strings.TrimSpace(o.Name)
	o.BankCode = strings.TrimSpace(o.BankCode)
	for i := range o.Prefixes {
		o.Prefixes[i] = strings.TrimPrefix(strings.TrimSpace(o.Prefixes[i]), "+")
	}
	if o.Name == "" {
		p.Add("name", "a name is required")
	} else {
		p.Text("name", &o.Name, 200)
	}
	if !o.Type.Valid() {
		p.Add("type", "type %q is not one of bank, telco, police, regulator, partner, public", clipText(string(o.Type), 32))
	}
	p.BIC("bic", &o.BIC)
	if o.BankCode != "" && !allDigits(o.BankCode, 3) {
		p.Add("bank_code", "bank code %q is not 3 digits", clipText(o.BankCode, 32))
	}
	if o.Type != OrgBank && o.Type.Valid() {
		if o.BIC != "" {
			p.Add("bic", "only a bank has a BIC, not a %s organisation", o.Type)
		}
		if o.BankCode != "" {
			p.Add("bank_code", "only a bank has a bank code, not a %s organisation", o.Type)
		}
	}
	if o.Type != OrgTelco && o.Type.Valid() && len(o.Prefixes) > 0 {
		p.Add("prefixes", "only a telco holds numbering ranges, not a %s organisation", o.Type)
	}
	for i, pr := range o.Prefixes {
		if pr == "" || len(pr) > 15 || !allDigits(pr, len(pr)) {
			p.Add(fmt.Sprintf("prefixes[%d]", i), "prefix %q is not a run of up to 15 E.164 digits", clipText(pr, 32))
		}
	}
	return p.Err()
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

// label names an organisation in a message: by its name, or by its ID when
// it has none.
func (o *Org) label() string {
	if o.Name != "" {
		return o.Name
	}
	return fmt.Sprintf("organisation %d", o.ID)
}

// bankPart is the part of a BIC that names the institution: its first eight
// characters (bank, country, location). BANKKZKA and BANKKZKAXXX are one
// bank; the optional last three only name a branch.
func bankPart(bic string) string {
	if len(bic) > 8 {
		return bic[:8]
	}
	return bic
}

// CheckNewOrg returns ECONFLICT if o cannot join orgs, the organisations
// that exist: its name (in any letter case) is taken, its BIC names the same
// bank as another's (bankPart) or its bank code is another's — freeze
// requests are routed by them, so a second holder would receive the first
// one's — or one of its numbering ranges overlaps another telco's
// (CheckNumbering). The message names the other organisation. An entry of
// orgs with o's ID (o itself, read back after its insert) is skipped.
func CheckNewOrg(orgs []*Org, o *Org) error {
	others := make([]*Org, 0, len(orgs))
	for _, x := range orgs {
		if x == nil || o.ID != 0 && x.ID == o.ID {
			continue
		}
		others = append(others, x)
		switch {
		case x.Name == o.Name:
			return conflict("the name %q is already taken (organisation %d)", o.Name, x.ID)
		case strings.EqualFold(x.Name, o.Name):
			return conflict("the name %q is already taken, as %q (organisation %d)", o.Name, x.Name, x.ID)
		case o.BIC != "" && strings.EqualFold(x.BIC, o.BIC):
			return conflict("BIC %s is already %s's", o.BIC, x.label())
		case o.BIC != "" && x.BIC != "" && strings.EqualFold(bankPart(x.BIC), bankPart(o.BIC)):
			return conflict("BIC %s names the same bank as %s's BIC %s", o.BIC, x.label(), x.BIC)
		case o.BankCode != "" && x.BankCode == o.BankCode:
			return conflict("bank code %s is already %s's", o.BankCode, x.label())
		}
	}
	if o.Type != OrgTelco || len(o.Prefixes) == 0 {
		return nil
	}
	ov, ok := firstOverlap(append(others, o), func(ov rangeOverlap) bool { return ov.later == o || ov.earlier == o })
	if ok {
		return ov.err()
	}
	return nil
}

// CheckNumbering returns ECONFLICT if two telcos among orgs hold numbering
// ranges that overlap: the same prefix, or one inside the other (7701 and
// 77012). Every number must have one range holder: with two, the wrong one
// could vouch for calls from the other's subscribers, and the prefix table
// that decides who may register a call would depend on which range is
// longer. The message names both organisations and both prefixes; an
// organisation's own ranges may nest. Organisations that are not telcos are
// ignored: only telcos hold ranges.
//
// This is the one statement of the rule: access refuses a new organisation
// with it, and telecom will not build its prefix table past it.
func CheckNumbering(orgs []*Org) error {
	if ov, ok := firstOverlap(orgs, func(rangeOverlap) bool { return true }); ok {
		return ov.err()
	}
	return nil
}

// rangeOverlap is two telcos' overlapping ranges; later is the organisation
// that comes later in the list checked (the newer one, in ID order).
type rangeOverlap struct {
	earlier, later             *Org
	earlierPrefix, laterPrefix string
}

func (ov rangeOverlap) err() error {
	a, b := ov.laterPrefix, ov.earlierPrefix
	switch {
	case a == b:
		return conflict("prefix %s of %s is already %s's", a, ov.later.label(), ov.earlier.label())
	case strings.HasPrefix(a, b):
		return conflict("prefix %s of %s lies within %s, which is %s's", a, ov.later.label(), b, ov.earlier.label())
	default:
		return conflict("prefix %s of %s covers %s, which is %s's", a, ov.later.label(), b, ov.earlier.label())
	}
}

// firstOverlap returns the first pair, in prefix order, of overlapping
// ranges of different telcos among orgs for which want is true. Sorted, a
// prefix comes before every range inside it, and the ranges inside it
// follow it without a gap, so a stack of the current chain of nested
// prefixes — at most 15 deep, equal prefixes sharing a level — finds every
// pair in one pass.
func firstOverlap(orgs []*Org, want func(rangeOverlap) bool) (rangeOverlap, bool) {
	type held struct {
		org   *Org
		index int
	}
	type level struct {
		prefix  string
		holders []held
	}
	type entry struct {
		prefix string
		held
	}
	var all []entry
	for i, o := range orgs {
		if o == nil || o.Type != OrgTelco {
			continue
		}
		for _, p := range o.Prefixes {
			all = append(all, entry{p, held{o, i}})
		}
	}
	slices.SortFunc(all, func(a, b entry) int {
		if c := strings.Compare(a.prefix, b.prefix); c != 0 {
			return c
		}
		return a.index - b.index
	})
	var chain []level
	for _, e := range all {
		for len(chain) > 0 && !strings.HasPrefix(e.prefix, chain[len(chain)-1].prefix) {
			chain = chain[:len(chain)-1]
		}
		for _, l := range chain {
			for _, h := range l.holders {
				if h.org == e.org || h.org.ID != 0 && h.org.ID == e.org.ID {
					continue
				}
				ov := rangeOverlap{earlier: h.org, earlierPrefix: l.prefix, later: e.org, laterPrefix: e.prefix}
				if h.index > e.index {
					ov = rangeOverlap{earlier: e.org, earlierPrefix: e.prefix, later: h.org, laterPrefix: l.prefix}
				}
				if want(ov) {
					return ov, true
				}
			}
		}
		if n := len(chain); n > 0 && chain[n-1].prefix == e.prefix {
			chain[n-1].holders = append(chain[n-1].holders, e.held)
		} else {
			chain = append(chain, level{e.prefix, []held{e.held}})
		}
	}
	return rangeOverlap{}, false
}

// conflict is ECONFLICT with a sentence naming the other organisation.
func conflict(format string, args ...any) error { return Errorf(ECONFLICT, format, args...) }

// Role decides what an API key may do. A key's role is always its
// organisation's type (access refuses any other), so that what a key may do
// follows from who holds it.
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
	PermPaymentRules    Permission = "payment.rules" // load and compare the payment rules every bank's checks run: the anti-fraud centre's operator
	PermCDRUpload       Permission = "cdr.upload"
	PermSimboxRead      Permission = "simbox.read"
	PermSimboxTriage    Permission = "simbox.triage" // confirm and dismiss suspects, record seizures
	PermCDRRead         Permission = "cdr.read"      // CDR batches: an operator its own, the police all
	PermWebSubmit       Permission = "web.submit"
	PermWebTriage       Permission = "web.triage"
	PermBlockingCreate  Permission = "blocking.create"
	PermBlockingStatus  Permission = "blocking.status"
	PermCaseRead        Permission = "case.read"
	PermCaseWrite       Permission = "case.write" // open, move, assign and annotate cases; the link graph
	PermStatsRead       Permission = "stats.read"
	PermExchange        Permission = "exchange"
	PermPartnerWrite    Permission = "exchange.partner" // set a partner's confidence and the TLP levels it may receive
	PermAuditRead       Permission = "audit.read"       // query the audit log: who read or changed what
	PermPortingWrite    Permission = "porting.write"    // record the national porting database's changes
	PermDelegationWrite Permission = "delegation.write" // let another operator originate some of one's own numbers
	PermOrgRead         Permission = "org.read"         // list the member organisations, so that operators can name each other
	PermSTIAnchor       Permission = "sti.anchor"       // set the STIR/SHAKEN trust anchors: the certificate authorities operators' certificates must chain to
	PermSTICertificate  Permission = "sti.certificate"  // register one's own STIR/SHAKEN signing certificates
	PermBlocklistRead   Permission = "blocklist.read"   // the SIM-box block list: one's own SIMs, every handset
)

// Permissions lists every permission, so that a test can state for each
// role what it may not do as well as what it may.
var Permissions = []Permission{PermIndicatorRead, PermIndicatorDetail, PermIndicatorWrite, PermAllowlistWrite,
	PermCallOriginate, PermCallVerify, PermRoamingWrite, PermDNOWrite, PermActiveCall, PermPaymentCheck,
	PermReportCreate, PermFreezeInbox, PermPaymentRules, PermCDRUpload, PermSimboxRead, PermSimboxTriage,
	PermCDRRead, PermWebSubmit, PermWebTriage, PermBlockingCreate, PermBlockingStatus, PermCaseRead, PermCaseWrite,
	PermStatsRead, PermExchange, PermPartnerWrite, PermAuditRead, PermPortingWrite, PermDelegationWrite, PermOrgRead,
	PermSTIAnchor, PermSTICertificate, PermBlocklistRead}

// roleMatrix is the one place where rights are granted. Anything not listed
// is forbidden. It follows who uses kuzet for what (DESIGN.md): banks check
// payments and answer freeze requests; operators register and verify calls,
// delegate numbers of their ranges and send CDRs; the police investigate,
// triage and run the anti-fraud centre's rules; the regulator, the blocking
// authority, answers blocking requests and keeps the national lists
// (allowlist, Do-Not-Originate, ported numbers) and the STIR/SHAKEN trust
// anchors, but does not decide banks' payments; partners exchange; the
// public asks and reports.
var roleMatrix = map[Role][]Permission{
	Role(OrgBank): {PermIndicatorRead, PermIndicatorDetail, PermIndicatorWrite, PermActiveCall,
		PermPaymentCheck, PermReportCreate, PermFreezeInbox},
	Role(OrgTelco): {PermIndicatorRead, PermIndicatorDetail, PermIndicatorWrite, PermCallOriginate,
		PermCallVerify, PermRoamingWrite, PermCDRUpload, PermCDRRead, PermDelegationWrite, PermOrgRead,
		PermSTICertificate, PermBlocklistRead},
	Role(OrgPolice): {PermIndicatorRead, PermIndicatorDetail, PermIndicatorWrite, PermAllowlistWrite,
		PermDNOWrite, PermReportCreate, PermPaymentRules, PermSimboxRead, PermSimboxTriage, PermCDRRead,
		PermWebSubmit, PermWebTriage, PermBlockingCreate, PermCaseRead, PermCaseWrite, PermStatsRead, PermExchange, PermPartnerWrite, PermAuditRead,
		PermOrgRead},
	Role(OrgRegulator): {PermIndicatorRead, PermIndicatorDetail, PermIndicatorWrite, PermAllowlistWrite,
		PermDNOWrite, PermWebSubmit, PermBlockingStatus, PermStatsRead, PermAuditRead, PermPortingWrite, PermOrgRead,
		PermSTIAnchor},
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
	// CreateOrg inserts o and sets o.ID. Returns ECONFLICT if the name is
	// taken, or if o is a bank whose bank code or BIC bank part (the first
	// eight characters) another organisation has: the store keeps them
	// unique, as freeze requests are routed by them. The transaction stays
	// usable after a conflict.
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
