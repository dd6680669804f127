package httpapi

import (
	"bufio"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/simbox"
)

// simboxRoutes registers SIM-box detection: operators' CDR uploads, the
// police's suspects, confirmations and seizures, and their figures.
func (s *Server) simboxRoutes() {
	s.streamRoute("POST /v1/cdr-batches", kuzet.PermCDRUpload, s.handleCDRUpload, "map")
	s.route("GET /v1/cdr-batches", kuzet.PermCDRRead, s.handleCDRBatches, "status", "after", "limit")
	s.route("GET /v1/cdr-batches/{id}", kuzet.PermCDRRead, s.handleCDRBatch)
	s.route("GET /v1/simbox/suspects", kuzet.PermSimboxRead, s.handleSimboxSuspects,
		"verdict", "status", "device", "batch", "msisdn", "after", "limit")
	s.route("GET /v1/simbox/suspects/{id}", kuzet.PermSimboxRead, s.handleSimboxSuspect)
	s.route("POST /v1/simbox/suspects/{id}/confirm", kuzet.PermSimboxTriage, s.handleSimboxConfirm)
	s.route("POST /v1/simbox/suspects/{id}/dismiss", kuzet.PermSimboxTriage, s.handleSimboxDismiss)
	s.route("POST /v1/simbox/seizures", kuzet.PermSimboxTriage, s.handleSimboxSeizure)
	s.route("GET /v1/simbox/seizures", kuzet.PermSimboxRead, s.handleSimboxSeizures, "from", "to", "after", "limit")
	s.route("GET /v1/simbox/stats", kuzet.PermStatsRead, s.handleSimboxStats, "from", "to")
}

// streamRoute registers an authenticated endpoint whose handler reads the
// body as a stream, as route does but for three things: no size limit is
// set here (the handler sets its own), its deadline is the upload's, and
// the body is never buffered for Idempotency-Key replay, which would hold
// an upload in memory. Uploads are idempotent by their content instead: see
// simbox.Service.Upload.
func (s *Server) streamRoute(pattern string, perm kuzet.Permission, h handlerFunc, query ...string) {
	s.handle(Route{pattern, perm, query}, h, s.uploadDeadline, false)
}

// uploadIdle is how long an upload may stall before it is cut off; the
// server's ReadTimeout, meant for small requests, is lifted for it.
const uploadIdle = 2 * time.Minute

type cdrUploadResponse struct {
	BatchID int64                `json:"batch_id"`
	Status  kuzet.CDRBatchStatus `json:"status"`
	Bytes   int64                `json:"bytes"`
	Lines   int64                `json:"lines"`
	Gzip    bool                 `json:"gzip"`
	SHA256  string               `json:"sha256"`
	// Duplicate says the same bytes were uploaded before: BatchID is that
	// batch, which counts them.
	Duplicate bool `json:"duplicate"`
}

// handleCDRUpload streams a CDR extract to the spool and answers 202 once it
// is whole and queued for analysis.
func (s *Server) handleCDRUpload(w http.ResponseWriter, r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "text/csv" {
		return &statusError{http.StatusUnsupportedMediaType,
			kuzet.Invalid("Content-Type", "Content-Type must be text/csv, not %q", ct)}
	}
	gz := false
	switch ce := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding"))); ce {
	case "", "identity":
	case "gzip", "x-gzip":
		gz = true
	default:
		return &statusError{http.StatusUnsupportedMediaType,
			kuzet.Invalid("Content-Encoding", "Content-Encoding must be gzip or none, not %q", ce)}
	}
	head := bufio.NewReaderSize(r.Body, 64<<10)
	// An upload announced over the limit is refused by the service
	// before a byte is read: sniffing would wait for bytes not coming.
	if r.ContentLength <= s.simbox.MaxUpload() {
		if err := sniffCSV(head, gz); err != nil {
			return err
		}
	}
	body := &stallGuard{r: head, rc: http.NewResponseController(w)}
	b, again, err := s.simbox.Upload(r.Context(), body, simbox.Upload{
		OrgID: kuzet.OrgIDFromContext(r.Context()), Size: r.ContentLength, Map: r.URL.Query().Get("map"), Gzip: gz,
	})
	if errors.Is(err, simbox.ErrTooLarge) {
		var ke *kuzet.Error
		errors.As(err, &ke)
		return &statusError{http.StatusRequestEntityTooLarge, ke}
	}
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/v1/cdr-batches/"+strconv.FormatInt(b.ID, 10))
	return writeJSON(w, http.StatusAccepted, cdrUploadResponse{BatchID: b.ID, Status: b.Status, Bytes: b.Bytes,
		Lines: b.Lines, Gzip: b.Gzip, SHA256: b.SHA256, Duplicate: again})
}

// sniffCSV refuses an upload whose first bytes show it is not text (an
// image, a PDF, an executable, HTML): the Content-Type said text/csv, and
// the answer names what it looks like instead of echoing its bytes. A
// gzip stream, declared or not, is judged by the analysis once
// decompressed.
func sniffCSV(head *bufio.Reader, gz bool) error {
	if gz {
		return nil
	}
	b, _ := head.Peek(512) // a shorter body is all there is; a read error shows in the upload
	switch ct := http.DetectContentType(b); {
	case strings.HasPrefix(ct, "text/plain"), ct == "application/x-gzip":
		return nil
	default:
		mt, _, _ := mime.ParseMediaType(ct)
		return &statusError{http.StatusUnsupportedMediaType, kuzet.Invalid("Content-Type",
			"the body is not CSV text: it looks like %s; upload the CDR extract as text/csv, optionally gzip-compressed", mt)}
	}
}

// stallGuard reads an upload, moving the connection's read deadline ahead
// while bytes keep coming: a 20 GB file takes longer than any fixed
// timeout, a stalled client must not hold the upload open for ever.
type stallGuard struct {
	r    io.Reader
	rc   *http.ResponseController
	next time.Time // when to move the deadline again
}

func (g *stallGuard) Read(p []byte) (int, error) {
	if now := time.Now(); now.After(g.next) {
		// Not every connection can (an in-process test's may not): then
		// the server's own timeouts stand.
		if g.rc.SetReadDeadline(now.Add(uploadIdle)) == nil {
			g.next = now.Add(uploadIdle / 4)
		}
	}
	return g.r.Read(p)
}

// simboxViewer is what the caller sees of batches and suspects: the police
// everything, an operator its own.
func simboxViewer(r *http.Request) simbox.Viewer {
	p := kuzet.PrincipalFromContext(r.Context())
	return simbox.Viewer{OrgID: p.Org.ID, All: p.Can(kuzet.PermSimboxRead)}
}

// simboxID reads the {id} of a path.
func simboxID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, kuzet.Invalid("id", "id must be a positive integer")
	}
	return id, nil
}

// simboxPage reads the paging parameters: after (an ID) and limit.
func simboxPage(r *http.Request) (after int64, limit int, err error) {
	q := r.URL.Query()
	if v := q.Get("after"); v != "" {
		if after, err = strconv.ParseInt(v, 10, 64); err != nil || after < 0 {
			return 0, 0, kuzet.Invalid("after", "after must be the last ID of the previous page")
		}
	}
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > kuzet.WebPageMax {
			return 0, 0, kuzet.Invalid("limit", "limit must be from 1 to %d", kuzet.WebPageMax)
		}
	}
	return after, limit, nil
}

// simboxTime reads an optional bound: a date (2006-01-02, its midnight
// UTC) or an RFC 3339 time.
func simboxTime(r *http.Request, name string) (time.Time, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, kuzet.Invalid(name, "%s must be a date (2006-01-02) or an RFC 3339 time", name)
	}
	return t, nil
}

type cdrBatchesResponse struct {
	Batches []*kuzet.CDRBatch `json:"batches"`
}

func (s *Server) handleCDRBatches(w http.ResponseWriter, r *http.Request) error {
	after, limit, err := simboxPage(r)
	if err != nil {
		return err
	}
	bs, err := s.simbox.Batches(r.Context(), simboxViewer(r), kuzet.CDRBatchFilter{
		Status: kuzet.CDRBatchStatus(r.URL.Query().Get("status")), AfterID: after, Limit: limit})
	if err != nil {
		return err
	}
	if bs == nil {
		bs = []*kuzet.CDRBatch{}
	}
	return writeJSON(w, http.StatusOK, cdrBatchesResponse{Batches: bs})
}

func (s *Server) handleCDRBatch(w http.ResponseWriter, r *http.Request) error {
	id, err := simboxID(r)
	if err != nil {
		return err
	}
	b, err := s.simbox.Batch(r.Context(), simboxViewer(r), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, b)
}

type simboxSuspectsResponse struct {
	Suspects []*kuzet.SimboxSuspect `json:"suspects"`
}

func (s *Server) handleSimboxSuspects(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	after, limit, err := simboxPage(r)
	if err != nil {
		return err
	}
	f := kuzet.SimboxSuspectFilter{Verdict: kuzet.SimboxVerdict(q.Get("verdict")),
		Status: kuzet.SimboxSuspectStatus(q.Get("status")), DeviceID: q.Get("device"), AfterID: after, Limit: limit}
	if v := q.Get("batch"); v != "" {
		if f.BatchID, err = strconv.ParseInt(v, 10, 64); err != nil || f.BatchID <= 0 {
			return kuzet.Invalid("batch", "batch must be a batch ID")
		}
	}
	if v := q.Get("msisdn"); v != "" {
		ind, err := ident.ParsePhone(v, "KZ")
		if err != nil {
			return kuzet.Invalid("msisdn", "%s", kuzet.ErrorMessage(err))
		}
		f.MSISDN = ind.Value
	}
	ss, err := s.simbox.Suspects(r.Context(), simboxViewer(r), f)
	if err != nil {
		return err
	}
	if ss == nil {
		ss = []*kuzet.SimboxSuspect{}
	}
	return writeJSON(w, http.StatusOK, simboxSuspectsResponse{Suspects: ss})
}

func (s *Server) handleSimboxSuspect(w http.ResponseWriter, r *http.Request) error {
	id, err := simboxID(r)
	if err != nil {
		return err
	}
	sus, err := s.simbox.Suspect(r.Context(), simboxViewer(r), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, sus)
}

type simboxDecisionRequest struct {
	Notes string `json:"notes"`
}

// decision reads the optional body of a confirmation or dismissal.
func (s *Server) simboxDecision(r *http.Request) (simbox.Decision, error) {
	d := simbox.Decision{OrgID: kuzet.OrgIDFromContext(r.Context())}
	if r.ContentLength == 0 {
		return d, nil // no body: no notes
	}
	var req simboxDecisionRequest
	if err := s.decodeJSON(r, &req); err != nil {
		return d, err
	}
	d.Notes = req.Notes
	return d, nil
}

type simboxConfirmResponse struct {
	Suspect  *kuzet.SimboxSuspect      `json:"suspect"`
	Reported []kuzet.Indicator         `json:"reported"`
	Skipped  []simbox.SkippedIndicator `json:"skipped"`
}

func (s *Server) handleSimboxConfirm(w http.ResponseWriter, r *http.Request) error {
	id, err := simboxID(r)
	if err != nil {
		return err
	}
	d, err := s.simboxDecision(r)
	if err != nil {
		return err
	}
	c, err := s.simbox.Confirm(r.Context(), id, d)
	if err != nil {
		return err
	}
	resp := simboxConfirmResponse{Suspect: c.Suspect, Reported: c.Reported, Skipped: c.Skipped}
	if resp.Skipped == nil {
		resp.Skipped = []simbox.SkippedIndicator{}
	}
	return writeJSON(w, http.StatusOK, resp)
}

func (s *Server) handleSimboxDismiss(w http.ResponseWriter, r *http.Request) error {
	id, err := simboxID(r)
	if err != nil {
		return err
	}
	d, err := s.simboxDecision(r)
	if err != nil {
		return err
	}
	sus, err := s.simbox.Dismiss(r.Context(), id, d)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, sus)
}

type simboxSeizureRequest struct {
	Date      string   `json:"date"` // 2006-01-02 or RFC 3339
	Region    string   `json:"region"`
	Devices   int64    `json:"devices"`
	SIMs      int64    `json:"sims"`
	DeviceIDs []string `json:"device_ids"`
	Notes     string   `json:"notes"`
}

func (s *Server) handleSimboxSeizure(w http.ResponseWriter, r *http.Request) error {
	var req simboxSeizureRequest
	if err := s.decodeJSON(r, &req); err != nil {
		return err
	}
	z := &kuzet.SimboxSeizure{OrgID: kuzet.OrgIDFromContext(r.Context()), Region: req.Region, Devices: req.Devices,
		SIMs: req.SIMs, DeviceIDs: req.DeviceIDs, Notes: req.Notes}
	if req.Date != "" {
		t, err := time.Parse(time.DateOnly, req.Date)
		if err != nil {
			if t, err = time.Parse(time.RFC3339Nano, req.Date); err != nil {
				return kuzet.Invalid("date", "date must be a date (2006-01-02) or an RFC 3339 time")
			}
		}
		z.Date = t
	}
	if err := s.simbox.RecordSeizure(r.Context(), z); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, z)
}

type simboxSeizuresResponse struct {
	Seizures []*kuzet.SimboxSeizure `json:"seizures"`
}

func (s *Server) handleSimboxSeizures(w http.ResponseWriter, r *http.Request) error {
	after, limit, err := simboxPage(r)
	if err != nil {
		return err
	}
	f := kuzet.SimboxSeizureFilter{AfterID: after, Limit: limit}
	if f.From, err = simboxTime(r, "from"); err != nil {
		return err
	}
	if f.To, err = simboxTime(r, "to"); err != nil {
		return err
	}
	zs, err := s.simbox.Seizures(r.Context(), f)
	if err != nil {
		return err
	}
	if zs == nil {
		zs = []*kuzet.SimboxSeizure{}
	}
	return writeJSON(w, http.StatusOK, simboxSeizuresResponse{Seizures: zs})
}

type simboxStatsResponse struct {
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	kuzet.SimboxCounts
}

func (s *Server) handleSimboxStats(w http.ResponseWriter, r *http.Request) error {
	from, err := simboxTime(r, "from")
	if err != nil {
		return err
	}
	to, err := simboxTime(r, "to")
	if err != nil {
		return err
	}
	c, err := s.simbox.Stats(r.Context(), from, to)
	if err != nil {
		return err
	}
	resp := simboxStatsResponse{SimboxCounts: c}
	if !from.IsZero() {
		resp.From = from.UTC().Format(time.RFC3339)
	}
	if !to.IsZero() {
		resp.To = to.UTC().Format(time.RFC3339)
	}
	return writeJSON(w, http.StatusOK, resp)
}
