package kuzet

import (
	"context"
	"encoding/json"
	"time"
)

// CDRBatchStatus is where an uploaded CDR extract stands:
//
//	uploading → queued → analysing → done | failed
//	uploading → rejected
//
// A batch is rejected whole when its upload is incomplete or unreadable (an
// interrupted connection, a body shorter than announced, a truncated gzip
// stream, no header, over the size limit): nothing of it is ever counted.
type CDRBatchStatus string

// CDR batch statuses.
const (
	CDRBatchUploading CDRBatchStatus = "uploading" // the body is arriving
	CDRBatchQueued    CDRBatchStatus = "queued"    // received whole, waiting for the analyser
	CDRBatchAnalysing CDRBatchStatus = "analysing"
	CDRBatchDone      CDRBatchStatus = "done"     // suspects stored; Partial if the file broke off while read
	CDRBatchFailed    CDRBatchStatus = "failed"   // received whole but could not be analysed
	CDRBatchRejected  CDRBatchStatus = "rejected" // the upload was incomplete or invalid
)

// CDRBatchStatuses lists every status, in workflow order.
var CDRBatchStatuses = []CDRBatchStatus{CDRBatchUploading, CDRBatchQueued, CDRBatchAnalysing, CDRBatchDone,
	CDRBatchFailed, CDRBatchRejected}

// Valid reports whether s is one of CDRBatchStatuses.
func (s CDRBatchStatus) Valid() bool {
	for _, v := range CDRBatchStatuses {
		if s == v {
			return true
		}
	}
	return false
}

// Counted reports whether a batch of status s counts: it was received
// whole, so a second upload of the same bytes is the same batch.
func (s CDRBatchStatus) Counted() bool {
	return s == CDRBatchQueued || s == CDRBatchAnalysing || s == CDRBatchDone
}

// CDRBadRow is a row of an extract that could not be read, kept as an
// example for the operator.
type CDRBadRow struct {
	Line   int64  `json:"line"`   // 1-based, in the decompressed file; the header is line 1
	Reason string `json:"reason"` // what is wrong, naming the column
	Text   string `json:"text"`   // the row, cut short
}

// CDRBatch is one operator's upload of a CDR extract (docs/simbox.md) for
// SIM-box detection, and what the analysis made of it.
type CDRBatch struct {
	ID     int64          `json:"batch_id"`
	OrgID  int64          `json:"org_id"` // the uploading operator
	Status CDRBatchStatus `json:"status"`
	Map    string         `json:"map,omitempty"` // the column mapping given with the upload
	Gzip   bool           `json:"gzip"`
	SHA256 string         `json:"sha256,omitempty"` // hex, of the bytes as uploaded: the same upload twice is one batch

	Bytes int64 `json:"bytes"` // received
	Lines int64 `json:"lines"` // lines after the header, counted as the file arrived

	// What the analysis counted.
	Rows           int64       `json:"rows"` // rows read so far, then rows aggregated
	BadRows        int64       `json:"bad_rows"`
	Duplicates     int64       `json:"duplicates"`
	BadRowExamples []CDRBadRow `json:"bad_row_examples,omitempty"`
	Subscribers    int64       `json:"subscribers"`
	Suspects       int64       `json:"suspects"`      // SIMs judged simbox or suspect, stored as SimboxSuspects
	Simbox         int64       `json:"simbox"`        // of which judged simbox
	Devices        int64       `json:"devices"`       // probable boxes
	From           time.Time   `json:"from,omitzero"` // the extract's first and last row
	To             time.Time   `json:"to,omitzero"`

	Progress float64 `json:"progress"` // 0 to 1, of the analysis
	// Partial marks results over part of the file only: the file broke off
	// while it was analysed. The suspects found are kept.
	Partial bool   `json:"partial"`
	Error   string `json:"error,omitempty"` // why it was rejected or failed, or where it broke off

	// Node names the spool directory that holds the file: only the
	// analyser of the server using that spool takes the batch.
	Node string `json:"-"`

	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
	StartedAt  time.Time `json:"started_at,omitzero"` // of the analysis
	FinishedAt time.Time `json:"finished_at,omitzero"`
}

// CDRBatchFilter selects batches, by ascending ID. Zero fields select
// everything.
type CDRBatchFilter struct {
	OrgID   int64 // the uploading operator; 0 for every operator's, which only the police see
	Status  CDRBatchStatus
	Node    string
	SHA256  string
	AfterID int64 // only IDs above this one: the last ID of the previous page
	Limit   int   // pages as the web lists: see WebPageLimit
}

// SimboxVerdict is the detector's judgement of a suspect SIM.
type SimboxVerdict string

// Verdicts of stored suspects. Clean SIMs are not stored.
const (
	SimboxVerdictSimbox  SimboxVerdict = "simbox"  // a SIM of a SIM box: ready for field units
	SimboxVerdictSuspect SimboxVerdict = "suspect" // box-like, short of the evidence to say so
)

// Valid reports whether v is simbox or suspect.
func (v SimboxVerdict) Valid() bool { return v == SimboxVerdictSimbox || v == SimboxVerdictSuspect }

// SimboxSuspectStatus is where a suspect stands with the police:
// suspect → confirmed | dismissed.
type SimboxSuspectStatus string

// Suspect statuses.
const (
	SimboxSuspectOpen      SimboxSuspectStatus = "suspect"   // found by the detector, not yet checked
	SimboxSuspectConfirmed SimboxSuspectStatus = "confirmed" // checked: its MSISDN and IMEIs went to the registry
	SimboxSuspectDismissed SimboxSuspectStatus = "dismissed" // checked: nothing wrong
)

// Valid reports whether s is one of the suspect statuses.
func (s SimboxSuspectStatus) Valid() bool {
	return s == SimboxSuspectOpen || s == SimboxSuspectConfirmed || s == SimboxSuspectDismissed
}

// SimboxSuspect is a SIM of an operator's extract that the detector judged
// simbox or suspect, kept for the police.
type SimboxSuspect struct {
	ID        int64         `json:"id"`
	BatchID   int64         `json:"batch_id"`
	OrgID     int64         `json:"org_id"` // the operator whose extract it came from
	MSISDN    string        `json:"msisdn"` // E.164 with '+'
	IMEIs     []string      `json:"imeis"`
	Cells     []string      `json:"cells"` // most used first
	Score     float64       `json:"score"` // 0 to 1
	Verdict   SimboxVerdict `json:"verdict"`
	Reasons   []string      `json:"reasons"`
	DeviceID  string        `json:"device_id,omitempty"` // the probable box, within its batch
	FirstSeen time.Time     `json:"first_seen"`
	LastSeen  time.Time     `json:"last_seen"`
	// Features are the detector's measurements of the SIM (package simbox's
	// Features), as JSON.
	Features json.RawMessage `json:"features,omitempty"`

	Status    SimboxSuspectStatus `json:"status"`
	StatusAt  time.Time           `json:"status_at"`
	DecidedBy int64               `json:"decided_by,omitempty"` // the police unit that confirmed or dismissed it
	Notes     string              `json:"notes,omitempty"`
	CreatedAt time.Time           `json:"created_at"`
}

// SimboxSuspectFilter selects suspects, by ascending ID: within a batch,
// highest score first. Zero fields select everything.
type SimboxSuspectFilter struct {
	OrgID    int64 // the operator whose extract; 0 for every operator's
	BatchID  int64
	Verdict  SimboxVerdict
	Status   SimboxSuspectStatus
	MSISDN   string
	DeviceID string
	AfterID  int64 // only IDs above this one
	Limit    int   // see WebPageLimit
}

// SimboxSeizure is a police operation's haul: SIM boxes and SIM cards
// taken, for the statistics.
type SimboxSeizure struct {
	ID        int64     `json:"id"`
	OrgID     int64     `json:"org_id"` // the police unit
	Date      time.Time `json:"date"`   // UTC midnight of the day of the seizure
	Region    string    `json:"region,omitempty"`
	Devices   int64     `json:"devices"`              // SIM boxes
	SIMs      int64     `json:"sims"`                 // SIM cards, in the boxes and loose
	DeviceIDs []string  `json:"device_ids,omitempty"` // the detector's device IDs it matches, if any
	Notes     string    `json:"notes,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// SimboxSeizureFilter selects seizures by ascending ID. Zero fields select
// everything; From and To bound Date (From included, To excluded).
type SimboxSeizureFilter struct {
	From    time.Time
	To      time.Time
	AfterID int64
	Limit   int // see WebPageLimit
}

// SimboxCounts are the SIM-box figures of the statistics for a period.
type SimboxCounts struct {
	Batches       int64 `json:"batches"`        // extracts analysed (finished in the period)
	Rows          int64 `json:"rows"`           // their CDR rows
	Suspects      int64 `json:"suspects"`       // suspects found in the period
	Simbox        int64 `json:"simbox"`         // of which judged simbox
	Devices       int64 `json:"devices"`        // probable boxes they form
	Confirmed     int64 `json:"confirmed"`      // suspects confirmed in the period
	Dismissed     int64 `json:"dismissed"`      // suspects dismissed in the period
	Seizures      int64 `json:"seizures"`       // seizures dated in the period
	DevicesSeized int64 `json:"devices_seized"` // SIM boxes they took
	SIMsSeized    int64 `json:"sims_seized"`    // SIM cards they took
}

// SimboxStore keeps CDR batches, the suspects their analysis found and the
// seizures the police record.
//
// Batches and suspects belong to the uploading operator: every method that
// reads them takes its organisation and filters by it in the query, 0
// meaning every operator's (for the police and the analyser only).
//
// The store keeps no workflow rules: package simbox decides which status
// may follow which, and the Update methods only refuse to overwrite a
// change they did not expect.
type SimboxStore interface {
	// CreateCDRBatch inserts b and sets b.ID. Returns ECONFLICT if b would
	// be a second counted batch of its organisation with the same SHA256.
	CreateCDRBatch(ctx context.Context, b *CDRBatch) error

	// FindCDRBatch returns ENOTFOUND if there is no batch with id or it
	// belongs to another organisation than orgID (0: any).
	FindCDRBatch(ctx context.Context, orgID, id int64) (*CDRBatch, error)

	// FindCDRBatches returns the batches f selects, by ascending ID, at
	// most WebPageLimit(f.Limit).
	FindCDRBatches(ctx context.Context, f CDRBatchFilter) ([]*CDRBatch, error)

	// UpdateCDRBatch stores every field of b but ID, OrgID and CreatedAt,
	// provided the stored status is still from. Returns ENOTFOUND if b.ID
	// is not stored, ECONFLICT if its status is not from or if b would be
	// a second counted batch (see CDRBatchStatus.Counted) of its
	// organisation with the same SHA256.
	UpdateCDRBatch(ctx context.Context, b *CDRBatch, from CDRBatchStatus) error

	// CreateSimboxSuspects inserts the suspects, in order, and sets their
	// IDs. Their batch must exist.
	CreateSimboxSuspects(ctx context.Context, ss []*SimboxSuspect) error

	// FindSimboxSuspect returns ENOTFOUND if there is no suspect with id or
	// it came from another organisation's extract than orgID (0: any).
	FindSimboxSuspect(ctx context.Context, orgID, id int64) (*SimboxSuspect, error)

	// FindSimboxSuspects returns the suspects f selects, by ascending ID,
	// at most WebPageLimit(f.Limit).
	FindSimboxSuspects(ctx context.Context, f SimboxSuspectFilter) ([]*SimboxSuspect, error)

	// UpdateSimboxSuspect stores s's Status, StatusAt, DecidedBy and Notes,
	// provided the stored status is still from. Returns ENOTFOUND if s.ID
	// is not stored, ECONFLICT if its status is not from.
	UpdateSimboxSuspect(ctx context.Context, s *SimboxSuspect, from SimboxSuspectStatus) error

	// CreateSimboxSeizure inserts z and sets z.ID.
	CreateSimboxSeizure(ctx context.Context, z *SimboxSeizure) error

	// FindSimboxSeizures returns the seizures f selects, by ascending ID,
	// at most WebPageLimit(f.Limit).
	FindSimboxSeizures(ctx context.Context, f SimboxSeizureFilter) ([]*SimboxSeizure, error)

	// CountSimbox returns the figures for the period from (included) to
	// (excluded); a zero bound does not limit. Batches and Rows count
	// batches done by FinishedAt; Suspects, Simbox and Devices count
	// suspects by CreatedAt (a device is one DeviceID within one batch);
	// Confirmed and Dismissed count suspects of that status by StatusAt;
	// the seizure figures count seizures by Date.
	CountSimbox(ctx context.Context, from, to time.Time) (SimboxCounts, error)
}

// Audit actions of SIM-box detection. Batches are "cdr_batch:<id>",
// suspects are named by their number, "phone:<msisdn>", with the suspect's
// ID in the detail.
const (
	AuditCDRUpload      = "cdr.upload"      // an extract received whole, detail "bytes=… sha256=…"
	AuditCDRRead        = "cdr.read"        // another organisation read a batch's bad-row examples
	AuditSimboxSuspects = "simbox.suspects" // a batch's suspects stored, detail "suspects=… simbox=…"
	AuditSimboxRead     = "simbox.read"     // a suspect read
	AuditSimboxConfirm  = "simbox.confirm"  // confirmed and sent to the registry
	AuditSimboxDismiss  = "simbox.dismiss"  // dismissed
	AuditSimboxSeizure  = "simbox.seizure"  // a seizure recorded, object "simbox_seizure:<id>"
)
