package kuzet

import (
	"context"
	"time"
)

// CallVerdict is the answer to a terminating operator's verification: let
// the call through or drop it.
type CallVerdict string

// Call verdicts.
const (
	VerdictPass  CallVerdict = "pass"
	VerdictBlock CallVerdict = "block"
)

// CallReason says why a call got its verdict. Every reason belongs to
// exactly one verdict (see Verdict).
type CallReason string

// Call reasons. The block reasons are the ones API.md lists; ReasonTimeout
// is the fail-open pass given when kuzet could not decide in time, and
// ReasonUnverifiable the pass of a domestic number no member organisation
// serves: nobody can vouch for it, and blocking it would block every call of
// an operator not (yet) connected to the exchange.
const (
	ReasonOK                    CallReason = "ok"
	ReasonTimeout               CallReason = "timeout"
	ReasonUnverifiable          CallReason = "unverifiable"
	ReasonInvalidCLI            CallReason = "invalid_cli"
	ReasonDNO                   CallReason = "dno"
	ReasonDomesticCLIFromAbroad CallReason = "domestic_cli_from_abroad"
	ReasonNotOriginated         CallReason = "not_originated"
	ReasonFlaggedNumber         CallReason = "flagged_number"
	// ReasonInvalidIdentity blocks a call whose STIR/SHAKEN PASSporT names
	// a certificate registered with kuzet but whose signature that
	// certificate did not make: a forgery.
	ReasonInvalidIdentity CallReason = "invalid_identity"
)

// CallReasons lists every reason: the pass reasons first, then the block
// reasons in the order the verifier applies them.
var CallReasons = []CallReason{
	ReasonOK, ReasonTimeout, ReasonUnverifiable,
	ReasonInvalidCLI, ReasonDNO, ReasonInvalidIdentity, ReasonDomesticCLIFromAbroad, ReasonNotOriginated,
	ReasonFlaggedNumber,
}

// Valid reports whether r is one of CallReasons.
func (r CallReason) Valid() bool {
	for _, v := range CallReasons {
		if r == v {
			return true
		}
	}
	return false
}

// Verdict returns the verdict r belongs to: pass for ok, timeout and
// unverifiable, block for every other reason.
func (r CallReason) Verdict() CallVerdict {
	if r == ReasonOK || r == ReasonTimeout || r == ReasonUnverifiable {
		return VerdictPass
	}
	return VerdictBlock
}

// Ingress is the kind of trunk a call entered the terminating network by.
type Ingress string

// Ingress kinds.
const (
	IngressDomestic      Ingress = "domestic"
	IngressInternational Ingress = "international"
)

// Valid reports whether i is domestic or international.
func (i Ingress) Valid() bool { return i == IngressDomestic || i == IngressInternational }

// RoamingState says where a subscriber is, as its operator reports it.
type RoamingState string

// Roaming states.
const (
	RoamingAbroad RoamingState = "abroad"
	RoamingHome   RoamingState = "home"
)

// Valid reports whether s is abroad or home.
func (s RoamingState) Valid() bool { return s == RoamingAbroad || s == RoamingHome }

// Roaming is an operator's latest report on where one of its subscribers is.
// A domestic mobile number arriving from abroad passes only while its owner
// is reported abroad.
type Roaming struct {
	MSISDN  string       // E.164 with '+'
	State   RoamingState // abroad or home
	Country string       // ISO 3166-1 alpha-2 of the visited country; empty when home
	At      time.Time    // when the operator saw the change; older reports never replace newer ones
	OrgID   int64        // the reporting operator
}

// DNOEntry puts a number on the Do-Not-Originate list: a number that only
// receives calls (a bank's or a ministry's inbound line), so any call
// presenting it is spoofed.
type DNOEntry struct {
	Number    string // E.164 with '+'
	OrgID     int64  // the police unit or regulator that listed it
	CreatedAt time.Time
}

// Porting records that a number moved to another operator than the holder
// of its range (mobile number portability).
type Porting struct {
	MSISDN string // E.164 with '+'
	// OrgID is the operator that serves the number now; 0 for an operator
	// that is not a member of the exchange, whose calls nobody can vouch
	// for (they pass as unverifiable).
	OrgID int64
	At    time.Time
}

// Delegation lets an operator originate calls from numbers of another
// operator's range, on the range holder's word: a bank's contact-centre
// numbers on another carrier's trunk, say. It covers one number (MSISDN)
// or a block of them (Prefix), and only while the holder still serves the
// numbers: one ported away leaves it.
type Delegation struct {
	MSISDN    string // one number, E.164 with '+'; or
	Prefix    string // every number under a prefix, E.164 digits without '+'
	OrgID     int64  // the operator that may originate them
	HolderID  int64  // the operator that serves them and delegated
	CreatedAt time.Time
}

// Target names what d covers: its MSISDN, or its Prefix.
func (d *Delegation) Target() string {
	if d.MSISDN != "" {
		return d.MSISDN
	}
	return d.Prefix
}

// STIAnchor is a certificate authority the regulator trusts to issue the
// operators' STIR/SHAKEN certificates (an STI-CA the policy administrator
// approved). A certificate an operator registers must chain to one.
type STIAnchor struct {
	Fingerprint string // hex SHA-256 of the certificate's DER: its identity
	Subject     string
	PEM         string
	NotAfter    time.Time
	OrgID       int64 // the regulator that set it
	CreatedAt   time.Time
}

// STICertificate is an operator's STIR/SHAKEN signing certificate. There is
// no internet to fetch a PASSporT's x5u from, so operators register their
// certificates under the x5u their PASSporTs name, and a PASSporT's
// signature is checked against the certificate registered under its x5u.
type STICertificate struct {
	X5U         string // the URL its PASSporTs name in x5u: unique, its identity here
	OrgID       int64  // the operator that registered it, and signs with it
	Fingerprint string // hex SHA-256 of the leaf certificate's DER
	Subject     string
	PEM         string // the leaf certificate, then the intermediates up to an anchor
	NotBefore   time.Time
	NotAfter    time.Time
	CreatedAt   time.Time
}

// ConfirmedSimboxFilter selects the SIM-box suspects the police confirmed,
// in the order they were confirmed (StatusAt, then ID), for the operators'
// block list. Zero bounds do not limit.
type ConfirmedSimboxFilter struct {
	Since time.Time // confirmed at or after
	Until time.Time // confirmed at or before
	// After is the cursor: only suspects confirmed after AfterAt, or at
	// AfterAt with an ID above AfterID. Zero AfterAt: from the start.
	AfterAt time.Time
	AfterID int64
	Limit   int // see WebPageLimit
}

// CallCounter is one row of the call-verification statistics: how many
// verifications one terminating operator made on one day that ended with
// one reason. The verdict follows from the reason.
type CallCounter struct {
	Day    time.Time // UTC midnight of the call's day
	OrgID  int64     // the terminating (verifying) operator
	Reason CallReason
	// Range is, for reason unverifiable, the number-plan range of the
	// calling numbers (its prefix, E.164 digits without '+'): the regulator
	// sees which unconnected operators' ranges the passes came from. Empty
	// for every other reason.
	Range string
	Count int64
}

// CallCounterFilter selects counter rows. Zero fields select everything.
// From and To count in whole UTC days: the day From falls on is the first
// included, the day To falls on the first excluded.
type CallCounterFilter struct {
	From  time.Time
	To    time.Time
	OrgID int64 // one terminating operator, or 0 for all
}

// TelecomStore keeps what call verification must not lose on a restart:
// roaming reports, the Do-Not-Originate list, portings, delegations and the
// counters. The
// window of registered calls is deliberately not stored: it lives two minutes
// and is rebuilt by the traffic itself.
//
// The store keeps no rules: the telecom engine decides which report is newer
// and which number is valid before it writes.
type TelecomStore interface {
	// PutRoaming inserts or replaces the roaming state of r.MSISDN.
	PutRoaming(ctx context.Context, r *Roaming) error

	// ScanRoaming calls fn for every stored roaming state. Stops at and
	// returns fn's first error.
	ScanRoaming(ctx context.Context, fn func(*Roaming) error) error

	// PutDNO inserts or replaces the entry for e.Number.
	PutDNO(ctx context.Context, e *DNOEntry) error

	// DeleteDNO removes number from the list. Returns ENOTFOUND if it is not
	// listed.
	DeleteDNO(ctx context.Context, number string) error

	// ScanDNO calls fn for every listed number. Stops at and returns fn's
	// first error.
	ScanDNO(ctx context.Context, fn func(*DNOEntry) error) error

	// PutPorting inserts or replaces the porting of p.MSISDN.
	PutPorting(ctx context.Context, p *Porting) error

	// ScanPortings calls fn for every porting. Stops at and returns fn's
	// first error.
	ScanPortings(ctx context.Context, fn func(*Porting) error) error

	// PutDelegation inserts or replaces the delegation of d's MSISDN or
	// Prefix to d.OrgID.
	PutDelegation(ctx context.Context, d *Delegation) error

	// DeleteDelegation removes the delegation of d's MSISDN or Prefix to
	// d.OrgID. Returns ENOTFOUND if there is none.
	DeleteDelegation(ctx context.Context, d *Delegation) error

	// ScanDelegations calls fn for every delegation. Stops at and returns
	// fn's first error.
	ScanDelegations(ctx context.Context, fn func(*Delegation) error) error

	// PutSTIAnchor inserts or replaces the anchor with a.Fingerprint.
	PutSTIAnchor(ctx context.Context, a *STIAnchor) error

	// DeleteSTIAnchor removes the anchor with fingerprint. Returns ENOTFOUND
	// if there is none.
	DeleteSTIAnchor(ctx context.Context, fingerprint string) error

	// ScanSTIAnchors calls fn for every anchor. Stops at and returns fn's
	// first error.
	ScanSTIAnchors(ctx context.Context, fn func(*STIAnchor) error) error

	// PutSTICertificate inserts or replaces the certificate with c.X5U.
	PutSTICertificate(ctx context.Context, c *STICertificate) error

	// ScanSTICertificates calls fn for every certificate. Stops at and
	// returns fn's first error.
	ScanSTICertificates(ctx context.Context, fn func(*STICertificate) error) error

	// FindConfirmedSimbox returns the confirmed SIM-box suspects f selects,
	// by StatusAt and ID, at most WebPageLimit(f.Limit). Every operator's:
	// the block list shows each operator its own SIMs and every handset,
	// which the telecom engine decides by the numbers' operators.
	FindConfirmedSimbox(ctx context.Context, f ConfirmedSimboxFilter) ([]*SimboxSuspect, error)

	// AddCallCounters adds each counter's Count to the stored row of the same
	// Day, OrgID, Reason and Range, creating the row if there is none.
	AddCallCounters(ctx context.Context, counters []CallCounter) error

	// FindCallCounters returns the rows f selects, ordered by Day, OrgID,
	// Reason and Range.
	FindCallCounters(ctx context.Context, f CallCounterFilter) ([]*CallCounter, error)
}

// Audit actions of call verification's writes and of the reads of
// subscribers' data.
const (
	AuditDNOPut           = "dno.put"            // a number put on the Do-Not-Originate list
	AuditDNODelete        = "dno.delete"         // a number taken off it
	AuditRoamingUpdate    = "roaming.update"     // an operator's report of a subscriber abroad or home, detail "state=… country=…"
	AuditPortingPut       = "porting.put"        // a number ported to another operator, detail "org=<id>" (0: not a member)
	AuditDelegationPut    = "delegation.put"     // numbers delegated, object "phone:<msisdn>" or "prefix:<digits>", detail "org=<id>"
	AuditDelegationDelete = "delegation.delete"  // a delegation revoked, as AuditDelegationPut
	AuditActiveCallRead   = "signal.active_call" // a bank read a customer's active-call signal
	// STIR/SHAKEN trust: anchors are "sti_anchor:<fingerprint>",
	// certificates "sti_certificate:<x5u>".
	AuditSTIAnchorPut      = "sti.anchor.put"      // the regulator trusts a certificate authority
	AuditSTIAnchorDelete   = "sti.anchor.delete"   // and stops trusting it
	AuditSTICertificatePut = "sti.certificate.put" // an operator registered its signing certificate, detail "sha256=…"
	AuditBlocklistRead     = "blocklist.simbox"    // an operator received a page of the SIM-box block list, object "blocklist:simbox", detail "entries=… numbers=…"
)
