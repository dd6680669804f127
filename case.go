package kuzet

import (
	"context"
	"strings"
	"time"
)

// CaseStatus is where a case stands in its workflow. A case moves only
// forward along CaseWorkflow, one step at a time, and may be closed (with
// a reason) from any open status.
type CaseStatus string

// Case statuses, in workflow order.
const (
	CaseRegistered         CaseStatus = "registered"
	CaseUnderInvestigation CaseStatus = "under_investigation"
	CaseSuspectsIdentified CaseStatus = "suspects_identified"
	CaseSentToCourt        CaseStatus = "sent_to_court"
	CaseClosed             CaseStatus = "closed"
)

// CaseWorkflow lists the statuses in the order a case passes them.
var CaseWorkflow = []CaseStatus{CaseRegistered, CaseUnderInvestigation, CaseSuspectsIdentified, CaseSentToCourt, CaseClosed}

// Valid reports whether s is one of CaseWorkflow.
func (s CaseStatus) Valid() bool {
	for _, w := range CaseWorkflow {
		if s == w {
			return true
		}
	}
	return false
}

// Next reports whether a case may move from s to to: to the next step of
// the workflow, or to closed from any open status.
func (s CaseStatus) Next(to CaseStatus) bool {
	if s == CaseClosed || !to.Valid() {
		return false
	}
	if to == CaseClosed {
		return true
	}
	for i, w := range CaseWorkflow[:len(CaseWorkflow)-1] {
		if w == s {
			return CaseWorkflow[i+1] == to
		}
	}
	return false
}

// Case is a police investigation: the reports that make it, the people and
// operations behind it, and the work done on it. Only the police see cases.
type Case struct {
	ID           string     `json:"id"`
	Title        string     `json:"title"`
	Status       CaseStatus `json:"status"`
	ClosedReason string     `json:"closed_reason,omitempty"`
	TLP          TLP        `json:"tlp"`
	Region       string     `json:"region,omitempty"` // of the first report, unless an officer sets it
	Scheme       string     `json:"scheme,omitempty"`
	Assignee     string     `json:"assignee,omitempty"` // the officer in charge
	GroupID      string     `json:"group_id,omitempty"` // the graph community it was opened from

	Notes       []CaseNote   `json:"notes"`
	Tasks       []CaseTask   `json:"tasks"`
	Suspects    []Suspect    `json:"suspects"`
	CallCentres []CallCentre `json:"call_centres"`
	History     []CaseChange `json:"history"` // status changes and assignments, oldest first

	Version   int64     `json:"version"` // bumped by each update; an update of a stale version is a conflict
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// CaseNote is an officer's note on a case.
type CaseNote struct {
	ID     string    `json:"id"`
	Author string    `json:"author"` // the writing organisation's name or an officer's
	Text   string    `json:"text"`
	At     time.Time `json:"at"`
}

// CaseTask is a piece of work on a case with a due date.
type CaseTask struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Assignee string    `json:"assignee,omitempty"`
	DueAt    time.Time `json:"due_at,omitzero"`
	Done     bool      `json:"done"`
	DoneAt   time.Time `json:"done_at,omitzero"`
}

// Suspect is a person a case names, and what became of them.
type Suspect struct {
	ID           string      `json:"id"`
	Name         string      `json:"name"`
	Citizenship  string      `json:"citizenship"` // ISO 3166-1 alpha-2; anything but KZ is a foreigner
	IdentifiedAt time.Time   `json:"identified_at"`
	DetainedAt   time.Time   `json:"detained_at,omitzero"`
	Charge       string      `json:"charge,omitempty"`      // e.g. "Criminal Code art. 190 part 4"
	CourtAt      time.Time   `json:"court_at,omitzero"`     // sent to court
	Identifiers  []Indicator `json:"identifiers,omitempty"` // numbers, accounts, devices they used
}

// Foreign reports whether the suspect is not a citizen of Kazakhstan.
func (s *Suspect) Foreign() bool {
	return s.Citizenship != "" && !strings.EqualFold(s.Citizenship, "KZ")
}

// CallCentreStatus is the state of a call centre.
type CallCentreStatus string

// Call-centre statuses: ShutDown is an event, dated ShutDownAt.
const (
	CallCentreActive   CallCentreStatus = "active"
	CallCentreShutDown CallCentreStatus = "shut_down"
)

// CallCentre is a located fraud operation: where it works from, the SIM
// boxes, numbers and suspects found in it.
type CallCentre struct {
	ID             string           `json:"id"`
	Country        string           `json:"country"` // ISO 3166-1 alpha-2; abroad when not KZ
	City           string           `json:"city,omitempty"`
	Status         CallCentreStatus `json:"status"`
	FoundAt        time.Time        `json:"found_at,omitzero"`
	ShutDownAt     time.Time        `json:"shut_down_at,omitzero"`
	Partner        string           `json:"partner,omitempty"` // foreign police of a joint operation
	SimboxIMEIs    []string         `json:"simbox_imeis,omitempty"`
	Numbers        []string         `json:"numbers,omitempty"`
	SuspectIDs     []string         `json:"suspect_ids,omitempty"`
	SIMBoxesSeized int64            `json:"simboxes_seized,omitempty"`
	SIMsSeized     int64            `json:"sims_seized,omitempty"`
}

// Abroad reports whether the call centre works from outside Kazakhstan.
func (c *CallCentre) Abroad() bool { return c.Country != "" && !strings.EqualFold(c.Country, "KZ") }

// CaseChange is one entry of a case's history.
type CaseChange struct {
	At     time.Time `json:"at"`
	By     int64     `json:"by"`   // organisation
	What   string    `json:"what"` // "status", "assignee", "tlp", …
	From   string    `json:"from,omitempty"`
	To     string    `json:"to,omitempty"`
	Reason string    `json:"reason,omitempty"`
}

// CaseReport links a victim's report to a case.
type CaseReport struct {
	CaseID      string    `json:"case_id"`
	ReportID    string    `json:"report_id"`
	OrgID       int64     `json:"org_id"` // the filer
	Region      string    `json:"region,omitempty"`
	AmountLost  Amount    `json:"amount_lost"`
	Currency    string    `json:"currency"`
	DuplicateOf string    `json:"duplicate_of,omitempty"` // an earlier report of the same loss
	Flags       []string  `json:"flags,omitempty"`        // e.g. "no_identifier"
	CreatedAt   time.Time `json:"created_at"`
	Scheme      string    `json:"scheme,omitempty"`  // the report's, for the briefing's breakdown
	Channel     string    `json:"channel,omitempty"` // the report's
}

// CaseFiling is what filing a report into a case made.
type CaseFiling struct {
	CaseID      string   `json:"case_id"`
	NewCase     bool     `json:"new_case"`
	Linked      []string `json:"linked_reports"` // earlier reports sharing an identifier
	DuplicateOf string   `json:"duplicate_of,omitempty"`
	Flags       []string `json:"flags,omitempty"`
}

// CaseEvent is a dated fact the briefing counts: a case registered, a
// suspect identified, detained or sent to court, a call centre shut down.
type CaseEvent struct {
	CaseID  string    `json:"case_id"`
	Kind    string    `json:"kind"` // one of the CaseEvent* constants
	Region  string    `json:"region,omitempty"`
	Foreign bool      `json:"foreign"` // a foreign suspect, a call centre abroad
	N       int64     `json:"n"`       // how many: SIM cards seized, say; 1 otherwise
	At      time.Time `json:"at"`
}

// Kinds of case events.
const (
	CaseEventRegistered     = "case.registered"
	CaseEventSentToCourt    = "case.sent_to_court"
	CaseEventClosed         = "case.closed"
	CaseEventSuspect        = "suspect.identified"
	CaseEventDetained       = "suspect.detained"
	CaseEventCourt          = "suspect.sent_to_court"
	CaseEventCallCentreShut = "call_centre.shut_down"
	CaseEventSIMBoxesSeized = "call_centre.simboxes_seized"
	CaseEventSIMsSeized     = "call_centre.sims_seized"
)

// CaseEventFilter selects events of [From, To), of one region where set.
type CaseEventFilter struct {
	From, To time.Time
	Region   string
}

// CaseEventCount is the sum of the events of one kind and foreignness.
type CaseEventCount struct {
	Kind    string
	Foreign bool
	N       int64
}

// CaseFilter selects cases, newest first.
type CaseFilter struct {
	Status   CaseStatus
	Assignee string
	Region   string
	Limit    int // 0: the store's default
}

// Evidence is a file attached to a case, kept in the store with its
// SHA-256 so that what is shown in court is what was uploaded.
type Evidence struct {
	ID          string    `json:"id"`
	CaseID      string    `json:"case_id"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"` // hex
	OrgID       int64     `json:"org_id"`
	Data        []byte    `json:"-"`
	CreatedAt   time.Time `json:"created_at"`
}

// CaseStore keeps cases, the reports they hold, their evidence and the
// events the statistics count. Only the police see cases, so no query is
// scoped to an organisation; reports are, where a bank asks for its own.
type CaseStore interface {
	// CreateCase inserts c. Returns ECONFLICT if c.ID is taken.
	CreateCase(ctx context.Context, c *Case) error

	// FindCase returns ENOTFOUND if there is no such case.
	FindCase(ctx context.Context, id string) (*Case, error)

	// UpdateCase stores c whole if the stored version is c.Version, and
	// increments c.Version. Returns ENOTFOUND if there is no such case and
	// ECONFLICT if it was changed since c was read.
	UpdateCase(ctx context.Context, c *Case) error

	// FindCases returns the cases f selects, newest first.
	FindCases(ctx context.Context, f CaseFilter) ([]*Case, error)

	// LinkCaseReport adds r to its case; nothing if it is there already.
	LinkCaseReport(ctx context.Context, r *CaseReport) error

	// FindCaseReports returns the reports of a case, oldest first.
	FindCaseReports(ctx context.Context, caseID string) ([]*CaseReport, error)

	// FindReportCases returns the links of the reports named, in any order.
	FindReportCases(ctx context.Context, reportIDs []string) ([]*CaseReport, error)

	// FindAllCaseReports calls fn for every link: the groups' weights.
	ScanCaseReports(ctx context.Context, fn func(*CaseReport) error) error

	// AddCaseEvents stores events.
	AddCaseEvents(ctx context.Context, evs ...*CaseEvent) error

	// CountCaseEvents sums the events f selects by kind and foreignness.
	CountCaseEvents(ctx context.Context, f CaseEventFilter) ([]CaseEventCount, error)

	// CountCaseReports counts the reports linked in [From, To) of one
	// region where set, and sums their losses by currency.
	CountCaseReports(ctx context.Context, f CaseEventFilter) (n int64, lost map[string]Amount, err error)

	// CreateEvidence inserts e with its data. Returns ECONFLICT if e.ID is
	// taken.
	CreateEvidence(ctx context.Context, e *Evidence) error

	// FindEvidence returns one file with its data. Returns ENOTFOUND if the
	// case has no such file.
	FindEvidence(ctx context.Context, caseID, id string) (*Evidence, error)

	// FindCaseEvidence lists a case's files without their data, oldest first.
	FindCaseEvidence(ctx context.Context, caseID string) ([]*Evidence, error)
}

// GraphEdge joins two nodes of the link graph. A node is named
// "type:value": "report:rep_…", "case:case_…", "iban:KZ…", "phone:+7…",
// "imei:…", "suspect:sus_…", "callcentre:cc_…".
type GraphEdge struct {
	A, B string
	Kind string    // what joins them: "reported", "in_case", "transfer", "used", …
	At   time.Time // when the link was first seen
}

// NodeType is the type part of a graph node's name.
func NodeType(node string) string {
	if i := strings.IndexByte(node, ':'); i > 0 {
		return node[:i]
	}
	return ""
}

// GraphStore keeps the link graph: each edge stored once each way, so that
// a node's neighbours are one index range.
type GraphStore interface {
	// AddGraphEdges stores edges both ways; an edge already there is kept
	// as it was.
	AddGraphEdges(ctx context.Context, edges []GraphEdge) error

	// GraphNeighbours returns the edges leaving each of nodes, at most
	// limit of each node's (0: all), A being the node asked about.
	GraphNeighbours(ctx context.Context, nodes []string, limit int) ([]GraphEdge, error)

	// GraphDegrees returns how many edges leave each of nodes.
	GraphDegrees(ctx context.Context, nodes []string) (map[string]int64, error)

	// ScanGraphEdges calls fn for every edge once (A < B).
	ScanGraphEdges(ctx context.Context, fn func(GraphEdge) error) error

	// ScanGraphLinks calls fn with the two ends of every edge once
	// (a < b), and nothing else of it: what the communities of the whole
	// graph read. a and b are valid only until fn returns.
	ScanGraphLinks(ctx context.Context, fn func(a, b []byte) error) error
}

// Audit actions of cases.
const (
	AuditCaseCreate   = "case.create"
	AuditCaseUpdate   = "case.update"
	AuditCaseRead     = "case.read" // a case read, with its victims' personal data
	AuditCaseFile     = "case.file" // a report filed into a case
	AuditEvidenceAdd  = "evidence.add"
	AuditEvidenceRead = "evidence.read"
	AuditGraphRead    = "graph.read"
)
