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
// is the fail-open pass given when kuzet could not decide in time.
const (
	ReasonOK                    CallReason = "ok"
	ReasonTimeout               CallReason = "timeout"
	ReasonInvalidCLI            CallReason = "invalid_cli"
	ReasonDNO                   CallReason = "dno"
	ReasonDomesticCLIFromAbroad CallReason = "domestic_cli_from_abroad"
	ReasonNotOriginated         CallReason = "not_originated"
	ReasonFlaggedNumber         CallReason = "flagged_number"
)

// CallReasons lists every reason: the two pass reasons first, then the block
// reasons in the order the verifier applies them.
var CallReasons = []CallReason{
	ReasonOK, ReasonTimeout,
	ReasonInvalidCLI, ReasonDNO, ReasonDomesticCLIFromAbroad, ReasonNotOriginated, ReasonFlaggedNumber,
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

// Verdict returns the verdict r belongs to: pass for ok and timeout, block
// for every other reason.
func (r CallReason) Verdict() CallVerdict {
	if r == ReasonOK || r == ReasonTimeout {
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
	OrgID  int64  // the operator that serves the number now
	At     time.Time
}

// CallCounter is one row of the call-verification statistics: how many
// verifications one terminating operator made on one day that ended with
// one reason. The verdict follows from the reason.
type CallCounter struct {
	Day    time.Time // UTC midnight of the call's day
	OrgID  int64     // the terminating (verifying) operator
	Reason CallReason
	Count  int64
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
// roaming reports, the Do-Not-Originate list, portings and the counters. The
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

	// AddCallCounters adds each counter's Count to the stored row of the same
	// Day, OrgID and Reason, creating the row if there is none.
	AddCallCounters(ctx context.Context, counters []CallCounter) error

	// FindCallCounters returns the rows f selects, ordered by Day, OrgID and
	// Reason.
	FindCallCounters(ctx context.Context, f CallCounterFilter) ([]*CallCounter, error)
}

// Audit actions of call verification's writes and of the reads of
// subscribers' data.
const (
	AuditDNOPut         = "dno.put"            // a number put on the Do-Not-Originate list
	AuditDNODelete      = "dno.delete"         // a number taken off it
	AuditRoamingUpdate  = "roaming.update"     // an operator's report of a subscriber abroad or home, detail "state=… country=…"
	AuditPortingPut     = "porting.put"        // a number ported to another operator, detail "org=<id>"
	AuditActiveCallRead = "signal.active_call" // a bank read a customer's active-call signal
)
