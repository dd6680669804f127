package kuzet

import (
	"context"
	"time"
)

// WebSource says where a domain under watch came from.
type WebSource string

// Web sources.
const (
	WebSourceCT      WebSource = "ct"      // a certificate-transparency log
	WebSourceFeed    WebSource = "feed"    // a domain list: a registry's new registrations, a partner's feed
	WebSourceCitizen WebSource = "citizen" // a URL a citizen reported through the portal
	WebSourceAnalyst WebSource = "analyst" // typed in by an analyst
)

// WebSources lists every source.
var WebSources = []WebSource{WebSourceCT, WebSourceFeed, WebSourceCitizen, WebSourceAnalyst}

// Valid reports whether s is one of WebSources.
func (s WebSource) Valid() bool {
	for _, v := range WebSources {
		if s == v {
			return true
		}
	}
	return false
}

// WebFindingStatus is where a finding stands in the analysts' workflow:
// new → confirmed → sent → blocked | rejected | gone, or new | confirmed →
// dismissed. Package webwatch decides which change is allowed; the store
// only records it.
type WebFindingStatus string

// Finding statuses.
const (
	WebFindingNew       WebFindingStatus = "new"       // flagged by the scorer, not yet looked at
	WebFindingConfirmed WebFindingStatus = "confirmed" // an analyst confirmed the imitation
	WebFindingSent      WebFindingStatus = "sent"      // in a blocking request to the regulator
	WebFindingBlocked   WebFindingStatus = "blocked"   // the regulator blocked it
	WebFindingRejected  WebFindingStatus = "rejected"  // the regulator declined to block it
	WebFindingGone      WebFindingStatus = "gone"      // the site was gone before it could be blocked
	WebFindingDismissed WebFindingStatus = "dismissed" // an analyst found nothing wrong
)

// WebFindingStatuses lists every status, in workflow order.
var WebFindingStatuses = []WebFindingStatus{WebFindingNew, WebFindingConfirmed, WebFindingSent,
	WebFindingBlocked, WebFindingRejected, WebFindingGone, WebFindingDismissed}

// Valid reports whether s is one of WebFindingStatuses.
func (s WebFindingStatus) Valid() bool {
	for _, v := range WebFindingStatuses {
		if s == v {
			return true
		}
	}
	return false
}

// WebCertificate is what a certificate-transparency log showed of the
// certificate that named a domain.
type WebCertificate struct {
	Issuer    string    `json:"issuer"`            // the issuer's distinguished name
	Subject   string    `json:"subject,omitempty"` // the subject's common name
	Serial    string    `json:"serial,omitempty"`  // hexadecimal
	NotBefore time.Time `json:"not_before"`        // the validity the certificate states
	NotAfter  time.Time `json:"not_after"`
	SANs      []string  `json:"sans"`               // the DNS names, at most MaxCertificateSANs
	SANCount  int       `json:"san_count"`          // how many DNS names the certificate had
	Precert   bool      `json:"precert"`            // logged as a pre-certificate
	SHA256    string    `json:"sha256,omitempty"`   // hex fingerprint of the logged (pre-)certificate
	Log       string    `json:"log"`                // the log's base URL
	LogIndex  int64     `json:"log_index"`          // the entry's index in the log
	LoggedAt  time.Time `json:"logged_at,omitzero"` // the entry's timestamp
}

// MaxCertificateSANs bounds the names a WebCertificate keeps: some
// certificates list hundreds, and evidence must stay small.
const MaxCertificateSANs = 100

// WebEvidence is what supports a finding: how it was found, why it is a
// look-alike and who decided what. A blocking request carries a copy of
// it, as it stood when the request was made.
type WebEvidence struct {
	Brand   string   `json:"brand"`   // the imitated brand's id
	Verdict string   `json:"verdict"` // the scorer's: lookalike or suspicious
	Score   float64  `json:"score"`   // 0..1
	Methods []string `json:"methods"` // how it imitates the brand, strongest first

	Source       WebSource       `json:"source"`                  // the source that found it first
	SourceDetail string          `json:"source_detail,omitempty"` // a feed's name, a citizen report's ID
	SubmittedBy  int64           `json:"submitted_by,omitempty"`  // the submitting org; 0 for kuzet's own CT follower
	URL          string          `json:"url,omitempty"`           // the normalized URL, when a report named one
	Certificate  *WebCertificate `json:"certificate,omitempty"`   // where a CT log showed one
	FirstSeen    time.Time       `json:"first_seen"`
	LastSeen     time.Time       `json:"last_seen"`

	Notes     string    `json:"notes,omitempty"`      // the analyst's
	DecidedBy int64     `json:"decided_by,omitempty"` // the org whose analyst confirmed or dismissed it
	DecidedAt time.Time `json:"decided_at,omitzero"`
}

// WebFinding is a domain that imitates a brand, flagged by the scorer and
// kept for the analysts. A domain has at most one finding: seeing it again
// moves LastSeen and leaves the rest as it is.
type WebFinding struct {
	ID       int64            `json:"id"`
	Domain   string           `json:"domain"`  // lower-case ASCII, international labels as punycode: the key
	Unicode  string           `json:"unicode"` // as a reader sees it
	Status   WebFindingStatus `json:"status"`
	StatusAt time.Time        `json:"status_at"`          // when Status last changed
	Category Category         `json:"category,omitempty"` // set on confirmation: phishing_site or fake_shop
	WebEvidence
}

// BlockingStatus is the regulator's answer on one item of a blocking
// request.
type BlockingStatus string

// Blocking statuses. An item is pending until the regulator reports one of
// the other three.
const (
	BlockingPending  BlockingStatus = "pending"
	BlockingBlocked  BlockingStatus = "blocked"
	BlockingRejected BlockingStatus = "rejected"
	BlockingGone     BlockingStatus = "gone"
)

// Valid reports whether s is one of the blocking statuses.
func (s BlockingStatus) Valid() bool {
	return s == BlockingPending || s == BlockingBlocked || s == BlockingRejected || s == BlockingGone
}

// BlockingItem is one domain in a blocking request.
type BlockingItem struct {
	FindingID int64       `json:"finding_id"`
	Domain    string      `json:"domain"`
	Unicode   string      `json:"unicode,omitempty"`
	Category  Category    `json:"category"`
	Evidence  WebEvidence `json:"evidence"` // as it stood when the request was made

	Status   BlockingStatus `json:"status"`
	Note     string         `json:"note,omitempty"`      // the regulator's
	StatusAt time.Time      `json:"status_at,omitzero"`  // when the regulator reported
	StatusBy int64          `json:"status_by,omitempty"` // the regulator's org
}

// BlockingRequest is a batch of confirmed findings sent to the regulator
// for blocking. Items keep the order they were sent in.
type BlockingRequest struct {
	ID        int64          `json:"id"`
	OrgID     int64          `json:"created_by"` // the police unit that sent it
	CreatedAt time.Time      `json:"created_at"`
	Note      string         `json:"note,omitempty"`
	Items     []BlockingItem `json:"items"`
}

// Pending reports whether the regulator has yet to answer on some item.
func (r *BlockingRequest) Pending() bool {
	for i := range r.Items {
		if r.Items[i].Status == BlockingPending {
			return true
		}
	}
	return false
}

// Page sizes of the web lists: a Limit of 0 or less selects
// WebPageDefault, one above WebPageMax selects WebPageMax.
const (
	WebPageDefault = 100
	WebPageMax     = 1000
)

// WebPageLimit returns the number of rows a list with limit returns.
func WebPageLimit(limit int) int {
	switch {
	case limit <= 0:
		return WebPageDefault
	case limit > WebPageMax:
		return WebPageMax
	}
	return limit
}

// WebFindingFilter selects findings. Zero fields select everything; the
// store returns them by ascending ID, so that AfterID pages through a list
// that grows at its end.
type WebFindingFilter struct {
	Status  WebFindingStatus
	Brand   string
	Source  WebSource
	From    time.Time // FirstSeen at or after
	To      time.Time // FirstSeen before
	AfterID int64     // only IDs above this one: the last ID of the previous page
	Limit   int       // see WebPageLimit
}

// BlockingRequestFilter selects blocking requests, by ascending ID.
type BlockingRequestFilter struct {
	Pending bool  // only requests with an item still pending
	AfterID int64 // only IDs above this one
	Limit   int   // see WebPageLimit
}

// CTCheckpoint is how far kuzet has read one certificate-transparency log:
// every entry before NextIndex has been handed on, none after. TreeSize
// and RootHash are the last signed tree head followed, against which the
// next one is checked for consistency.
type CTCheckpoint struct {
	LogID     string // the log's base URL
	NextIndex int64
	TreeSize  int64
	RootHash  []byte
	UpdatedAt time.Time
}

// WebCounts are the internet-monitoring figures of the statistics for a
// period.
type WebCounts struct {
	Found    int64 `json:"found"`    // findings first seen in the period
	Sent     int64 `json:"sent"`     // findings put in a blocking request created in the period
	Blocked  int64 `json:"blocked"`  // items the regulator reported blocked in the period
	Rejected int64 `json:"rejected"` // items the regulator reported rejected in the period
	Gone     int64 `json:"gone"`     // items the regulator reported gone in the period
}

// WebStore keeps findings, blocking requests and CT checkpoints.
//
// Findings and blocking requests belong to no organisation: every police
// unit and the regulator work from the same queue, so no method filters by
// org. Who may do what is a permission checked at the boundary: web.submit
// to submit domains, web.triage to list, confirm and dismiss findings,
// blocking.create to send requests, blocking.status to report on them, and
// either of the last two to read requests.
//
// The store keeps no workflow rules: package webwatch decides which status
// may follow which, and the Update methods only refuse to overwrite a
// change they did not expect.
type WebStore interface {
	// UpsertWebFinding inserts f unless a finding for f.Domain exists, and
	// reports whether it did. For a known domain it only moves LastSeen to
	// the later of the two and fills in Certificate and URL where the
	// stored finding has none; status, decisions and scores stay. Either
	// way it sets *f to the finding as stored, ID included.
	UpsertWebFinding(ctx context.Context, f *WebFinding) (created bool, err error)

	// FindWebFinding returns ENOTFOUND if there is no finding with id.
	FindWebFinding(ctx context.Context, id int64) (*WebFinding, error)

	// FindWebFindingByDomain returns the finding for an ASCII domain.
	// Returns ENOTFOUND if there is none.
	FindWebFindingByDomain(ctx context.Context, domain string) (*WebFinding, error)

	// FindWebFindings returns the findings f selects, by ascending ID, at
	// most WebPageLimit(f.Limit).
	FindWebFindings(ctx context.Context, f WebFindingFilter) ([]*WebFinding, error)

	// UpdateWebFinding stores f's Status, StatusAt, Category, Notes,
	// DecidedBy and DecidedAt, provided the stored status is still from.
	// Returns ENOTFOUND if f.ID is not stored, ECONFLICT if its status is
	// not from.
	UpdateWebFinding(ctx context.Context, f *WebFinding, from WebFindingStatus) error

	// CreateBlockingRequest inserts r with its items and sets r.ID. The
	// findings must exist. Returns ECONFLICT if a finding is already an
	// item of a request: a finding is sent once.
	CreateBlockingRequest(ctx context.Context, r *BlockingRequest) error

	// FindBlockingRequest returns the request with its items. Returns
	// ENOTFOUND if there is no request with id.
	FindBlockingRequest(ctx context.Context, id int64) (*BlockingRequest, error)

	// FindBlockingRequests returns the requests f selects with their
	// items, by ascending ID, at most WebPageLimit(f.Limit).
	FindBlockingRequests(ctx context.Context, f BlockingRequestFilter) ([]*BlockingRequest, error)

	// UpdateBlockingItem stores it's Status, Note, StatusAt and StatusBy on
	// the item of request requestID for it.FindingID, provided its stored
	// status is still from. Returns ENOTFOUND if the request has no such
	// item, ECONFLICT if its status is not from.
	UpdateBlockingItem(ctx context.Context, requestID int64, it *BlockingItem, from BlockingStatus) error

	// FindCTCheckpoint returns ENOTFOUND if logID has no checkpoint.
	FindCTCheckpoint(ctx context.Context, logID string) (*CTCheckpoint, error)

	// PutCTCheckpoint inserts or replaces the checkpoint of c.LogID.
	PutCTCheckpoint(ctx context.Context, c *CTCheckpoint) error

	// CountWeb returns the figures for the period from (included) to
	// (excluded); a zero bound does not limit. Found counts findings by
	// FirstSeen, Sent items by their request's CreatedAt, Blocked,
	// Rejected and Gone items of that status by StatusAt.
	CountWeb(ctx context.Context, from, to time.Time) (WebCounts, error)
}

// Audit actions of internet monitoring. The object is
// "web_finding:<id>".
const (
	AuditWebFinding     = "web.finding"     // a new finding
	AuditWebConfirm     = "web.confirm"     // an analyst confirmed it
	AuditWebDismiss     = "web.dismiss"     // an analyst dismissed it
	AuditBlockingCreate = "blocking.create" // sent for blocking, detail "request=<id>"
	AuditBlockingStatus = "blocking.status" // the regulator's answer, detail "request=<id> status=<status>"
)
