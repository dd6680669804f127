package httpapi

import (
	"bytes"
	"net/http"
	"strconv"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/webwatch"
)

// webRoutes registers internet monitoring: domains submitted from every
// source, the analysts' findings queue, blocking requests to the regulator
// and their figures.
//
// One permission guards each route, and none is held by both the police,
// who send blocking requests, and the regulator, who answers them. The
// police read a request at /v1/blocking-requests/{id}; the regulator
// receives the same document from its queue and at .../export.
func (s *Server) webRoutes() {
	s.route("POST /v1/web/domains", kuzet.PermWebSubmit, s.handleWebDomains)
	s.route("GET /v1/web/findings", kuzet.PermWebTriage, s.handleWebFindings,
		"status", "brand", "source", "from", "to", "after", "limit")
	s.route("GET /v1/web/findings/{id}", kuzet.PermWebTriage, s.handleWebFinding)
	s.route("POST /v1/web/findings/{id}/confirm", kuzet.PermWebTriage, s.handleWebConfirm)
	s.route("POST /v1/web/findings/{id}/dismiss", kuzet.PermWebTriage, s.handleWebDismiss)
	s.route("GET /v1/web/stats", kuzet.PermStatsRead, s.handleWebStats, "from", "to")
	s.route("POST /v1/blocking-requests", kuzet.PermBlockingCreate, s.handleBlockingCreate)
	s.route("GET /v1/blocking-requests", kuzet.PermBlockingStatus, s.handleBlockingList, "pending", "after", "limit")
	s.route("GET /v1/blocking-requests/{id}", kuzet.PermBlockingCreate, s.handleBlockingGet, "format")
	s.route("GET /v1/blocking-requests/{id}/export", kuzet.PermBlockingStatus, s.handleBlockingGet, "format")
	s.route("POST /v1/blocking-requests/{id}/status", kuzet.PermBlockingStatus, s.handleBlockingStatus)
}

type webDomainsRequest struct {
	Source  kuzet.WebSource `json:"source"`
	Detail  string          `json:"detail"`
	Domains []string        `json:"domains"`
}

// Statuses of a submitted domain.
const (
	domainFlagged  = "flagged"  // a finding now
	domainClean    = "clean"    // nothing to see
	domainAccepted = "accepted" // scored; the verdict is not told to the public
	domainRejected = "rejected" // not a domain or an http(s) URL
)

type webDomainResult struct {
	Index     int        `json:"index"`
	Status    string     `json:"status"`
	FindingID int64      `json:"finding_id,omitempty"`
	New       bool       `json:"new,omitempty"` // the finding was made by this submission
	Brand     string     `json:"brand,omitempty"`
	Verdict   string     `json:"verdict,omitempty"`
	Score     float64    `json:"score,omitempty"`
	Error     *itemError `json:"error,omitempty"`
}

type webDomainsResponse struct {
	Accepted int               `json:"accepted"`
	Rejected int               `json:"rejected"`
	Flagged  *int              `json:"flagged,omitempty"` // not for the public
	Results  []webDomainResult `json:"results"`
}

// handleWebDomains scores the submitted domains and URLs and queues the
// flagged ones as findings. The public portal submits what citizens report,
// and only as such; it is not told the verdicts, so that the scorer cannot
// be used to find a name it lets through.
func (s *Server) handleWebDomains(w http.ResponseWriter, r *http.Request) error {
	var req webDomainsRequest
	if err := s.decodeJSON(r, &req); err != nil {
		return err
	}
	if err := checkBatch("domains", len(req.Domains)); err != nil {
		return err
	}
	p := kuzet.PrincipalFromContext(r.Context())
	public := p.Key.Role == kuzet.Role(kuzet.OrgPublic)
	if public && req.Source != kuzet.WebSourceCitizen {
		return &kuzet.Error{Code: kuzet.EFORBIDDEN, Message: "a public key may submit domains only as citizen",
			Fields: []kuzet.FieldError{{Field: "source", Message: "must be citizen"}}}
	}
	items := make([]webwatch.SubmitItem, len(req.Domains))
	for i, d := range req.Domains {
		items[i] = webwatch.SubmitItem{Value: d}
	}
	res, err := s.web.Submit(r.Context(), webwatch.Submission{Source: req.Source, OrgID: p.Org.ID, Detail: req.Detail, Items: items})
	if err != nil {
		return err
	}
	resp := webDomainsResponse{Results: make([]webDomainResult, len(items))}
	status := domainClean
	if public {
		status = domainAccepted
	}
	for i := range resp.Results {
		resp.Results[i] = webDomainResult{Index: i, Status: status}
	}
	for _, e := range res.Invalid {
		s.logItemError(e.Err)
		resp.Results[e.Index] = webDomainResult{Index: e.Index, Status: domainRejected, Error: newItemError(e.Err)}
	}
	if !public {
		for _, sf := range res.Findings {
			f := sf.Finding
			resp.Results[sf.Index] = webDomainResult{Index: sf.Index, Status: domainFlagged, FindingID: f.ID, New: sf.New,
				Brand: f.Brand, Verdict: f.Verdict, Score: f.Score}
		}
		flagged := len(res.Findings)
		resp.Flagged = &flagged
	}
	resp.Rejected = len(res.Invalid)
	resp.Accepted = len(items) - resp.Rejected
	return writeJSON(w, http.StatusOK, resp)
}

type findingsResponse struct {
	Findings []*kuzet.WebFinding `json:"findings"`
	// Next is the after of the next page; absent on the last page.
	Next int64 `json:"next,omitempty"`
}

// handleWebFindings lists findings, by ascending ID: with status=new it is
// the analysts' queue.
func (s *Server) handleWebFindings(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := kuzet.WebFindingFilter{Status: kuzet.WebFindingStatus(q.Get("status")), Brand: q.Get("brand"),
		Source: kuzet.WebSource(q.Get("source"))}
	var err error
	if f.From, err = timeParam(q.Get("from"), "from"); err != nil {
		return err
	}
	if f.To, err = timeParam(q.Get("to"), "to"); err != nil {
		return err
	}
	if f.AfterID, f.Limit, err = pageParams(q.Get("after"), q.Get("limit")); err != nil {
		return err
	}
	page, err := s.web.Findings(r.Context(), f)
	if err != nil {
		return err
	}
	if page.Findings == nil {
		page.Findings = []*kuzet.WebFinding{}
	}
	return writeJSON(w, http.StatusOK, findingsResponse{Findings: page.Findings, Next: page.Next})
}

func (s *Server) handleWebFinding(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r)
	if err != nil {
		return err
	}
	f, err := s.web.Finding(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, f)
}

type triageRequest struct {
	Category kuzet.Category `json:"category"`
	Notes    string         `json:"notes"`
}

type confirmResponse struct {
	Finding *kuzet.WebFinding `json:"finding"`
	// Indicators are the registry's answers on the reports the
	// confirmation made, on behalf of the analyst's organisation.
	Indicators []indicatorResult `json:"indicators"`
}

// handleWebConfirm confirms a new finding; the service reports its domain
// (and URL) to the registry as the analyst's organisation, so that every
// bank and operator sees the site at once.
func (s *Server) handleWebConfirm(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r)
	if err != nil {
		return err
	}
	var req triageRequest
	if err := s.decodeOptionalJSON(r, &req); err != nil {
		return err
	}
	orgID := kuzet.OrgIDFromContext(r.Context())
	conf, err := s.web.Confirm(r.Context(), id, webwatch.Triage{OrgID: orgID, Category: req.Category, Notes: req.Notes})
	if err != nil {
		return err
	}
	resp := confirmResponse{Finding: conf.Finding, Indicators: []indicatorResult{}}
	for i, res := range conf.Reported {
		if res.Err != nil {
			s.logItemError(res.Err)
			resp.Indicators = append(resp.Indicators, indicatorResult{Index: i, Status: "rejected", Error: newItemError(res.Err)})
			continue
		}
		resp.Indicators = append(resp.Indicators, indicatorResult{Index: i, Kind: res.Indicator.Kind, Value: res.Indicator.Value,
			Status: "accepted"})
	}
	return writeJSON(w, http.StatusOK, resp)
}

func (s *Server) handleWebDismiss(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r)
	if err != nil {
		return err
	}
	var req struct {
		Notes string `json:"notes"`
	}
	if err := s.decodeOptionalJSON(r, &req); err != nil {
		return err
	}
	f, err := s.web.Dismiss(r.Context(), id, webwatch.Triage{OrgID: kuzet.OrgIDFromContext(r.Context()), Notes: req.Notes})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, f)
}

type webStatsResponse struct {
	From *time.Time `json:"from,omitempty"`
	To   *time.Time `json:"to,omitempty"`
	kuzet.WebCounts
}

// handleWebStats answers the briefing's figures of internet monitoring for a
// period: resources found, sent for blocking and blocked.
func (s *Server) handleWebStats(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	from, err := timeParam(q.Get("from"), "from")
	if err != nil {
		return err
	}
	to, err := timeParam(q.Get("to"), "to")
	if err != nil {
		return err
	}
	c, err := s.web.Counts(r.Context(), from, to)
	if err != nil {
		return err
	}
	resp := webStatsResponse{WebCounts: c}
	if !from.IsZero() {
		resp.From = &from
	}
	if !to.IsZero() {
		resp.To = &to
	}
	return writeJSON(w, http.StatusOK, resp)
}

type blockingCreateRequest struct {
	// FindingIDs are the confirmed findings to send; none sends every
	// confirmed finding.
	FindingIDs []int64 `json:"finding_ids"`
	Note       string  `json:"note"`
}

type blockingCreateResponse struct {
	Request *kuzet.BlockingRequest `json:"request"`
	// Errors are the listed findings left out of the request.
	Errors []batchItemError `json:"errors"`
}

// handleBlockingCreate sends confirmed findings to the regulator in one
// request with their evidence.
func (s *Server) handleBlockingCreate(w http.ResponseWriter, r *http.Request) error {
	var req blockingCreateRequest
	if err := s.decodeJSON(r, &req); err != nil {
		return err
	}
	res, err := s.web.CreateBlockingRequest(r.Context(), kuzet.OrgIDFromContext(r.Context()), req.FindingIDs, req.Note)
	if err != nil {
		return err
	}
	resp := blockingCreateResponse{Request: res.Request, Errors: make([]batchItemError, len(res.Errors))}
	for i, e := range res.Errors {
		resp.Errors[i] = batchItemError{Index: e.Index, Error: newItemError(e.Err)}
	}
	w.Header().Set("Location", "/v1/blocking-requests/"+strconv.FormatInt(res.Request.ID, 10))
	return writeJSON(w, http.StatusCreated, resp)
}

type blockingListResponse struct {
	Requests []*kuzet.BlockingRequest `json:"requests"`
	Next     int64                    `json:"next,omitempty"`
}

// handleBlockingList is the regulator's queue: with pending=true the
// requests it has yet to answer on, each with its items and evidence.
func (s *Server) handleBlockingList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var f kuzet.BlockingRequestFilter
	if v := q.Get("pending"); v != "" {
		pending, err := strconv.ParseBool(v)
		if err != nil {
			return kuzet.Invalid("pending", "pending must be true or false")
		}
		f.Pending = pending
	}
	var err error
	if f.AfterID, f.Limit, err = pageParams(q.Get("after"), q.Get("limit")); err != nil {
		return err
	}
	rs, err := s.web.BlockingRequests(r.Context(), f)
	if err != nil {
		return err
	}
	resp := blockingListResponse{Requests: rs}
	if resp.Requests == nil {
		resp.Requests = []*kuzet.BlockingRequest{}
	}
	if n := len(rs); n > 0 && n == kuzet.WebPageLimit(f.Limit) {
		resp.Next = rs[n-1].ID
	}
	return writeJSON(w, http.StatusOK, resp)
}

// handleBlockingGet answers one request: as the API's JSON, or with
// format=csv or format=json as a file to download, one row per item with
// its evidence.
func (s *Server) handleBlockingGet(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r)
	if err != nil {
		return err
	}
	format := r.URL.Query().Get("format")
	if format != "" && format != "csv" && format != "json" {
		return kuzet.Invalid("format", "format must be csv or json")
	}
	req, err := s.web.BlockingRequest(r.Context(), id)
	if err != nil {
		return err
	}
	if format == "" {
		return writeJSON(w, http.StatusOK, req)
	}
	// Written whole before the answer starts, so that a failure is still
	// answered with a problem document.
	var buf bytes.Buffer
	contentType := "application/json"
	if format == "csv" {
		contentType = "text/csv; charset=utf-8"
		err = webwatch.WriteBlockingCSV(&buf, req)
	} else {
		err = webwatch.WriteBlockingJSON(&buf, req)
	}
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="blocking-request-`+strconv.FormatInt(id, 10)+"."+format+`"`)
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(buf.Bytes())
	return err
}

type blockingStatusRequest struct {
	Items []struct {
		FindingID int64                `json:"finding_id"`
		Status    kuzet.BlockingStatus `json:"status"`
		Note      string               `json:"note"`
	} `json:"items"`
}

type blockingStatusResult struct {
	Index  int                 `json:"index"`
	Status string              `json:"status"` // accepted or rejected
	Item   *kuzet.BlockingItem `json:"item,omitempty"`
	Error  *itemError          `json:"error,omitempty"`
}

type blockingStatusResponse struct {
	Accepted int                    `json:"accepted"`
	Rejected int                    `json:"rejected"`
	Results  []blockingStatusResult `json:"results"`
}

// handleBlockingStatus records the regulator's answers on the items of a
// request: each answer stands alone.
func (s *Server) handleBlockingStatus(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r)
	if err != nil {
		return err
	}
	var req blockingStatusRequest
	if err := s.decodeJSON(r, &req); err != nil {
		return err
	}
	if err := checkBatch("items", len(req.Items)); err != nil {
		return err
	}
	updates := make([]webwatch.StatusUpdate, len(req.Items))
	for i, it := range req.Items {
		updates[i] = webwatch.StatusUpdate{FindingID: it.FindingID, Status: it.Status, Note: it.Note}
	}
	results, err := s.web.ReportBlockingStatus(r.Context(), kuzet.OrgIDFromContext(r.Context()), id, updates)
	if err != nil {
		return err
	}
	resp := blockingStatusResponse{Results: make([]blockingStatusResult, len(results))}
	for i, res := range results {
		if res.Err != nil {
			s.logItemError(res.Err)
			resp.Results[i] = blockingStatusResult{Index: res.Index, Status: "rejected", Error: newItemError(res.Err)}
			resp.Rejected++
			continue
		}
		resp.Results[i] = blockingStatusResult{Index: res.Index, Status: "accepted", Item: res.Item}
		resp.Accepted++
	}
	return writeJSON(w, http.StatusOK, resp)
}

// decodeOptionalJSON is decodeJSON for a body that may be left out: a
// request with no body at all keeps v as it is.
func (s *Server) decodeOptionalJSON(r *http.Request, v any) error {
	if r.ContentLength == 0 && r.Header.Get("Content-Type") == "" {
		return nil
	}
	return s.decodeJSON(r, v)
}

// idParam returns the positive integer {id} of the path.
func idParam(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, kuzet.Invalid("id", "id must be a positive integer")
	}
	return id, nil
}

// pageParams reads the after and limit of a list: after an ID (0 for the
// first page), limit 1 to kuzet.WebPageMax (kuzet.WebPageDefault if left
// out).
func pageParams(after, limit string) (int64, int, error) {
	var (
		a int64
		l int
	)
	if after != "" {
		v, err := strconv.ParseInt(after, 10, 64)
		if err != nil || v < 0 {
			return 0, 0, kuzet.Invalid("after", "after must be an ID, a non-negative integer")
		}
		a = v
	}
	if limit != "" {
		v, err := strconv.Atoi(limit)
		if err != nil || v < 1 || v > kuzet.WebPageMax {
			return 0, 0, kuzet.Invalid("limit", "limit must be an integer from 1 to %d", kuzet.WebPageMax)
		}
		l = v
	}
	return a, l, nil
}

// timeParam reads a time of a query: an RFC 3339 time, or a date, which
// is its midnight UTC. Empty is the zero time: no bound.
func timeParam(v, name string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	return time.Time{}, kuzet.Invalid(name, "%s must be a date (2006-01-02) or an RFC 3339 time", name)
}
