package kuzet

import (
	"context"
	"time"
)

// Partner is what the police have set for a foreign partner organisation:
// how far its reports are trusted, and which restricted levels it may
// receive. TLP:RED is never shared with anyone.
type Partner struct {
	OrgID            int64
	Confidence       float64 // in (0, 1]: the confidence its imported reports get
	AllowAmber       bool    // may receive TLP:AMBER
	AllowAmberStrict bool    // may receive TLP:AMBER+STRICT
	UpdatedAt        time.Time
}

// Marking is the TLP level of one organisation's report on an indicator
// (all its categories): set by the reporter, or carried in by an import. A
// report without a marking is shared at the deployment's default level.
type Marking struct {
	OrgID int64
	Kind  Kind
	Value string
	TLP   TLP
}

// MarkedReport is a report with its TLP level ("" when unmarked), as the
// exchange reads them for export.
type MarkedReport struct {
	Report
	TLP TLP
}

// Exchange object states: what an import did with an object a partner sent.
const (
	ExchangeApplied     = "applied"     // entered the registry as the partner's report
	ExchangeKept        = "kept"        // stored, not acted on (a type kuzet does not act on)
	ExchangeQuarantined = "quarantined" // refused, stored with the reason for an analyst
)

// ExchangeObject is one STIX object a partner sent, as received.
type ExchangeObject struct {
	OrgID     int64  // the partner that sent it
	ID        string // its STIX id
	Type      string
	Modified  time.Time // its STIX version; zero for objects without one
	Status    string    // ExchangeApplied, ExchangeKept or ExchangeQuarantined
	Reason    string    // why it was kept or quarantined
	Body      []byte    // the object's JSON as received
	CreatedAt time.Time
}

// ExchangeStatus is the outcome of one TAXII POST, for its status resource.
type ExchangeStatus struct {
	ID        string
	OrgID     int64
	Body      []byte // the TAXII status resource's JSON
	CreatedAt time.Time
}

// PullCheckpoint is how far a pull of a partner's TAXII collection got, so
// that an interrupted pull resumes where it stopped.
type PullCheckpoint struct {
	Source     string // the collection's objects URL
	AddedAfter string // the X-TAXII-Date-Added-Last of the last page imported
	Objects    int64  // objects imported so far
	UpdatedAt  time.Time
}

// ExchangeStore keeps what international exchange needs besides the
// registry: partners' settings, TLP markings, the objects partners sent,
// TAXII statuses and pull checkpoints.
type ExchangeStore interface {
	ExchangeGroupStore

	// PutPartner inserts or replaces the settings of p.OrgID.
	PutPartner(ctx context.Context, p *Partner) error

	// FindPartner returns ENOTFOUND if the police have set nothing for orgID.
	FindPartner(ctx context.Context, orgID int64) (*Partner, error)

	// PutMarking inserts or replaces the marking of m's org and indicator.
	PutMarking(ctx context.Context, m *Marking) error

	// ScanMarkings calls fn for every marking. Stops at and returns fn's
	// first error.
	ScanMarkings(ctx context.Context, fn func(*Marking) error) error

	// FindMarkedReports returns at most limit reports updated after
	// (after, afterID), ordered by (UpdatedAt, ID), each with its marking.
	FindMarkedReports(ctx context.Context, after time.Time, afterID int64, limit int) ([]*MarkedReport, error)

	// PutExchangeObject stores o unless the org already holds the same ID
	// and Modified, and reports whether it did.
	PutExchangeObject(ctx context.Context, o *ExchangeObject) (bool, error)

	// FindExchangeObjects returns the objects orgID sent, with status ""
	// for every status, newest first, at most limit.
	FindExchangeObjects(ctx context.Context, orgID int64, status string, limit int) ([]*ExchangeObject, error)

	// PutExchangeStatus stores s.
	PutExchangeStatus(ctx context.Context, s *ExchangeStatus) error

	// FindExchangeStatus returns ENOTFOUND unless orgID made the status id.
	FindExchangeStatus(ctx context.Context, orgID int64, id string) (*ExchangeStatus, error)

	// PutPullCheckpoint inserts or replaces the checkpoint of c.Source.
	PutPullCheckpoint(ctx context.Context, c *PullCheckpoint) error

	// FindPullCheckpoint returns ENOTFOUND if source was never pulled.
	FindPullCheckpoint(ctx context.Context, source string) (*PullCheckpoint, error)
}

// Audit actions of the exchange.
const (
	AuditExchangeExport  = "exchange.export"  // objects served to a partner (TAXII page, MISP feed)
	AuditExchangeImport  = "exchange.import"  // objects received from a partner
	AuditExchangePartner = "exchange.partner" // a partner's settings changed
	AuditExchangeMarking = "exchange.marking" // a report's TLP level set
)

// SharingGroup is a set of partners the police share with together: one
// TAXII collection, which each member may read, write, or both.
type SharingGroup struct {
	ID          int64
	Name        string
	Description string
	Members     []GroupMember // by OrgID
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// GroupMember is one partner of a sharing group and what its keys may do
// with the group's collection.
type GroupMember struct {
	OrgID    int64
	CanRead  bool
	CanWrite bool
}

// ExchangeGroupStore keeps sharing groups, answers who sent an object, and
// keeps the earlier versions of reports (the store itself, whenever a
// report's UpdatedAt changes).
type ExchangeGroupStore interface {
	// PutSharingGroup creates g (ID 0, setting its ID) or replaces the
	// group g.ID with its members. Returns ECONFLICT if another group has
	// the name, ENOTFOUND if g.ID does not exist.
	PutSharingGroup(ctx context.Context, g *SharingGroup) error

	// FindSharingGroups returns every group, by ID, with its members.
	FindSharingGroups(ctx context.Context) ([]*SharingGroup, error)

	// PutSharedCase inserts or replaces the sharing of c.CaseID with
	// c.Audience.
	PutSharedCase(ctx context.Context, c *SharedCase) error

	// FindSharedCases returns the cases shared with audience, by CaseID.
	FindSharedCases(ctx context.Context, audience string) ([]*SharedCase, error)

	// FindExchangeSenders returns the organisations that sent an object
	// with STIX id id that was not quarantined, by ID.
	FindExchangeSenders(ctx context.Context, id string) ([]int64, error)

	// FindReportVersions returns the earlier versions of report id, oldest
	// first: each as the report was before its UpdatedAt changed (without
	// its evidence).
	FindReportVersions(ctx context.Context, id int64) ([]*Report, error)
}

// AuditExchangeGroup is the audit action of a sharing group's change.
const AuditExchangeGroup = "exchange.group"

// SharedCase is a case whose summary the police chose to share with a
// partner ("partner:<org id>") or a sharing group ("group:<group id>").
type SharedCase struct {
	CaseID   string
	Audience string
	OrgID    int64 // who shared it
	SharedAt time.Time
}

// AuditExchangeShareCase is the audit action of a case summary shared.
const AuditExchangeShareCase = "exchange.share_case"
