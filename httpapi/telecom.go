package httpapi

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/telecom"
)

// Audit actions of the telecom routes. (Candidates for the root package's
// Audit* constants.)
const (
	auditDNOPut     = "dno.put"
	auditDNODelete  = "dno.delete"
	auditActiveCall = "signal.active_call"
)

// Auditor records audit entries and returns once they are committed
// (audit.Recorder).
type Auditor interface {
	Record(ctx context.Context, entries ...*kuzet.AuditEntry) error
}

// CallPublisher hands registrations accepted on this node to the other
// nodes (natsbus.OriginationFeed), whose verifications may need them. It
// must not block: it runs on the request's path.
type CallPublisher interface {
	PublishOriginated(orgID int64, calls []telecom.Call)
}

// FlaggedByRegistry is the telecom engine's registry lookup over idx: a
// number is flagged while its risk is high or critical and it is reported
// as a spoofer's (spoofed_cli) or a scammer's (scam_call). An allowlisted
// number is never flagged, as its risk is none. A number nobody reported,
// the common case, costs one index probe and no allocation.
func FlaggedByRegistry(idx *registry.Index, clock kuzet.Clock) telecom.FlagLookup {
	return func(e164 string) bool {
		a := idx.Assess(kuzet.KindPhone, e164, clock())
		if a.Risk != kuzet.RiskHigh && a.Risk != kuzet.RiskCritical {
			return false
		}
		return slices.Contains(a.Categories, kuzet.CategorySpoofedCLI) || slices.Contains(a.Categories, kuzet.CategoryScamCall)
	}
}

// telecomAPI is the state of the telecom routes.
type telecomAPI struct {
	engine  *telecom.Engine
	publish CallPublisher
	audit   Auditor

	// refreshMu serializes reloads of the operators' prefixes; known holds
	// the organisations that existed at the last reload and ops those of
	// them holding numbering ranges.
	refreshMu sync.Mutex
	known     atomic.Pointer[map[int64]bool]
	ops       atomic.Pointer[map[int64]bool]

	calls sync.Pool // *[]telecom.Call, batch decoding memory
	bufs  sync.Pool // *[]byte, answer encoding memory
}

func (s *Server) telecomRoutes(cfg Config) {
	s.tel = &telecomAPI{engine: cfg.Telecom, publish: cfg.CallPublisher, audit: cfg.Audit}
	s.route("POST /v1/calls/originated", kuzet.PermCallOriginate, s.handleCallsOriginated)
	s.route("POST /v1/calls/verify", kuzet.PermCallVerify, s.handleCallsVerify)
	s.route("POST /v1/roaming", kuzet.PermRoamingWrite, s.handleRoaming)
	s.route("POST /v1/dno", kuzet.PermDNOWrite, s.handleDNOAdd)
	s.route("DELETE /v1/dno/{number}", kuzet.PermDNOWrite, s.handleDNORemove)
	s.route("GET /v1/signals/active-call", kuzet.PermActiveCall, s.handleActiveCall)
	s.route("GET /v1/calls/stats", kuzet.PermStatsRead, s.handleCallStats)
	s.metrics.registry.MustRegister(&telecomCollector{engine: cfg.Telecom})
}

// RefreshOperators loads the organisations and gives the telecom engine the
// telcos' numbering ranges. The server calls it at start; the telecom
// routes call it again when an organisation created since authenticates,
// so that a new operator can register calls at once. Two organisations
// claiming one prefix is logged and keeps the previous table. Does nothing
// without a telecom engine.
func (s *Server) RefreshOperators(ctx context.Context) error {
	if s.tel == nil {
		return nil
	}
	return s.refreshOperators(ctx, 0)
}

// refreshOperators reloads the operators' ranges, unless organisation
// unless is known by then: the first of several requests of a new
// organisation reloads, the others find it done.
func (s *Server) refreshOperators(ctx context.Context, unless int64) error {
	t := s.tel
	t.refreshMu.Lock()
	defer t.refreshMu.Unlock()
	if k := t.known.Load(); unless != 0 && k != nil && (*k)[unless] {
		return nil
	}
	orgs, err := s.access.Orgs(ctx)
	if err != nil {
		return err
	}
	if err := t.engine.SetOperators(orgs); err != nil {
		s.logger.Error("telecom: numbering ranges not updated", "err", err)
	}
	known := make(map[int64]bool, len(orgs))
	for _, o := range orgs {
		known[o.ID] = true
	}
	ops := make(map[int64]bool)
	for _, id := range t.engine.Operators() {
		ops[id] = true
	}
	t.known.Store(&known)
	t.ops.Store(&ops)
	return nil
}

// operator returns EFORBIDDEN unless the caller's organisation holds a
// numbering range, reloading the ranges first if the organisation is newer
// than the last load.
func (s *Server) operator(ctx context.Context) error {
	p := kuzet.PrincipalFromContext(ctx)
	if k := s.tel.known.Load(); k == nil || !(*k)[p.Org.ID] {
		if err := s.refreshOperators(ctx, p.Org.ID); err != nil {
			return err
		}
	}
	if ops := s.tel.ops.Load(); ops == nil || !(*ops)[p.Org.ID] {
		return kuzet.Errorf(kuzet.EFORBIDDEN, "organisation %d holds no numbering range: it cannot vouch for any number", p.Org.ID)
	}
	return nil
}

// decodeCallBatch reads a call batch into pooled memory; release gives the
// memory back once nothing refers to the calls.
func (s *Server) decodeCallBatch(r *http.Request, verify bool) (calls []telecom.Call, errs []error, release func(), err error) {
	body, err := callBody(r, s.maxBody)
	if err != nil {
		return nil, nil, nil, err
	}
	mem, _ := s.tel.calls.Get().(*[]telecom.Call)
	if mem == nil {
		mem = new([]telecom.Call)
	}
	release = func() {
		clear(*mem) // no strings of this body kept alive in the pool
		s.tel.calls.Put(mem)
	}
	calls, errs, err = decodeCalls(body, verify, kuzet.OrgIDFromContext(r.Context()), *mem)
	*mem = calls
	if err == nil {
		err = checkBatch("calls", len(calls))
	}
	if err != nil {
		release()
		return nil, nil, nil, err
	}
	return calls, errs, release, nil
}

// wellFormed returns the calls the decoder could read and, unless that is
// all of them (returned without copying), the index of each in the batch.
func wellFormed(calls []telecom.Call, errs []error) (ok []telecom.Call, at []int) {
	if errs == nil {
		return calls, nil
	}
	at = make([]int, 0, len(calls))
	for i := range calls {
		if errs[i] == nil {
			ok = append(ok, calls[i])
			at = append(at, i)
		}
	}
	return ok, at
}

// countsResponse answers a batch of writes: how many were taken, and the
// errors of the others.
type countsResponse struct {
	Accepted int              `json:"accepted"`
	Rejected int              `json:"rejected"`
	Errors   []batchItemError `json:"errors"`
}

// batchItemError is one rejected item of a batch that answers with counts.
type batchItemError struct {
	Index int        `json:"index"`
	Error *itemError `json:"error"`
}

func rejected(field string, i int, err error) batchItemError {
	return batchItemError{Index: i, Error: newItemError(kuzet.WithField(err, itemPath(field, i)))}
}

// handleCallsOriginated registers calls the caller originated. Each call
// is judged alone: a call from another operator's number is that item's
// forbidden error; only an organisation holding no range at all is refused
// outright.
func (s *Server) handleCallsOriginated(w http.ResponseWriter, r *http.Request) error {
	calls, errs, release, err := s.decodeCallBatch(r, false)
	if err != nil {
		return err
	}
	defer release()
	if err := s.operator(r.Context()); err != nil {
		return err
	}
	ok, at := wellFormed(calls, errs)
	regErrs := s.tel.engine.RegisterBatch(ok)
	resp := countsResponse{Errors: []batchItemError{}}
	for i, e := range errs {
		if e != nil {
			resp.Errors = append(resp.Errors, rejected("calls", i, e))
		}
	}
	var accepted []telecom.Call // for the other nodes
	for k, e := range regErrs {
		i := k
		if at != nil {
			i = at[k]
		}
		if e != nil {
			s.logItemError(e)
			resp.Errors = append(resp.Errors, rejected("calls", i, e))
			continue
		}
		if s.tel.publish != nil {
			accepted = append(accepted, ok[k])
		}
	}
	resp.Rejected = len(resp.Errors)
	resp.Accepted = len(calls) - resp.Rejected
	if len(accepted) > 0 {
		s.tel.publish.PublishOriginated(kuzet.OrgIDFromContext(r.Context()), accepted)
	}
	if errs != nil { // errors of both kinds: answer them in item order
		sortItemErrors(resp.Errors)
	}
	return writeJSON(w, http.StatusAccepted, resp)
}

func sortItemErrors(es []batchItemError) {
	slices.SortFunc(es, func(a, b batchItemError) int { return cmp.Compare(a.Index, b.Index) })
}

// handleCallsVerify gives a verdict on each call, in order. The answer is
// encoded by hand: at a thousand verdicts a request the encoding is a good
// part of the request's cost.
func (s *Server) handleCallsVerify(w http.ResponseWriter, r *http.Request) error {
	calls, errs, release, err := s.decodeCallBatch(r, true)
	if err != nil {
		return err
	}
	defer release()
	ok, at := wellFormed(calls, errs)
	results := s.tel.engine.VerifyBatch(r.Context(), ok)
	if at != nil {
		all := make([]telecom.Result, len(calls))
		for k, res := range results {
			all[at[k]] = res
		}
		results = all
	}
	for i := range results {
		if e := results[i].Err; e != nil {
			s.logItemError(e)
			results[i].Err = kuzet.WithField(e, itemPath("calls", i))
		} else if errs != nil && errs[i] != nil {
			errs[i] = kuzet.WithField(errs[i], itemPath("calls", i))
		}
	}
	buf, _ := s.tel.bufs.Get().(*[]byte)
	if buf == nil {
		buf = new([]byte)
	}
	defer s.tel.bufs.Put(buf)
	*buf = appendVerdicts((*buf)[:0], results, errs)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(*buf)))
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(*buf)
	return err
}

type roamingInput struct {
	MSISDN  string `json:"msisdn"`
	State   string `json:"state"`
	Country string `json:"country"`
	At      string `json:"at"`
}

type roamingRequest struct {
	Subscribers []roamingInput `json:"subscribers"`
}

// handleRoaming applies an operator's reports of subscribers abroad and
// back home. Reports older than the state held are accepted and ignored.
func (s *Server) handleRoaming(w http.ResponseWriter, r *http.Request) error {
	var req roamingRequest
	if err := s.decodeJSON(r, &req); err != nil {
		return err
	}
	if err := checkBatch("subscribers", len(req.Subscribers)); err != nil {
		return err
	}
	if err := s.operator(r.Context()); err != nil {
		return err
	}
	resp := countsResponse{Errors: []batchItemError{}}
	reports := make([]kuzet.Roaming, 0, len(req.Subscribers))
	var at []int
	for i, in := range req.Subscribers {
		rep := kuzet.Roaming{MSISDN: in.MSISDN, State: kuzet.RoamingState(in.State), Country: in.Country}
		if in.At != "" {
			t, err := parseTime(in.At)
			if err != nil {
				resp.Errors = append(resp.Errors, rejected("subscribers", i, kuzet.Invalid("at", "at must be an RFC 3339 time")))
				continue
			}
			rep.At = t
		}
		reports = append(reports, rep)
		at = append(at, i)
	}
	errs, err := s.tel.engine.UpdateRoaming(r.Context(), kuzet.OrgIDFromContext(r.Context()), reports)
	if err != nil {
		return err
	}
	for k, e := range errs {
		if e != nil {
			resp.Errors = append(resp.Errors, rejected("subscribers", at[k], e))
		}
	}
	sortItemErrors(resp.Errors)
	resp.Rejected = len(resp.Errors)
	resp.Accepted = len(req.Subscribers) - resp.Rejected
	return writeJSON(w, http.StatusOK, resp)
}

type dnoRequest struct {
	Numbers []string `json:"numbers"`
}

// handleDNOAdd puts numbers on the Do-Not-Originate list.
func (s *Server) handleDNOAdd(w http.ResponseWriter, r *http.Request) error {
	var req dnoRequest
	if err := s.decodeJSON(r, &req); err != nil {
		return err
	}
	if err := checkBatch("numbers", len(req.Numbers)); err != nil {
		return err
	}
	orgID := kuzet.OrgIDFromContext(r.Context())
	errs, err := s.tel.engine.AddDNO(r.Context(), orgID, req.Numbers)
	if err != nil {
		return err
	}
	resp := countsResponse{Errors: []batchItemError{}}
	var entries []*kuzet.AuditEntry
	now := s.clock()
	for i, e := range errs {
		if e != nil {
			resp.Errors = append(resp.Errors, rejected("numbers", i, e))
			continue
		}
		entries = append(entries, &kuzet.AuditEntry{At: now, OrgID: orgID, Action: auditDNOPut,
			Object: phoneObject(req.Numbers[i])})
	}
	if err := s.record(r.Context(), entries...); err != nil {
		return err
	}
	resp.Rejected = len(resp.Errors)
	resp.Accepted = len(req.Numbers) - resp.Rejected
	return writeJSON(w, http.StatusOK, resp)
}

// handleDNORemove takes a number off the Do-Not-Originate list.
func (s *Server) handleDNORemove(w http.ResponseWriter, r *http.Request) error {
	number := r.PathValue("number")
	if err := s.tel.engine.RemoveDNO(r.Context(), number); err != nil {
		return err
	}
	err := s.record(r.Context(), &kuzet.AuditEntry{At: s.clock(), OrgID: kuzet.OrgIDFromContext(r.Context()),
		Action: auditDNODelete, Object: phoneObject(number)})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// handleActiveCall answers a bank whether its customer is, or lately was,
// on a risky call. The read is about a person, so it is audited before the
// answer leaves.
func (s *Server) handleActiveCall(w http.ResponseWriter, r *http.Request) error {
	raw := r.URL.Query().Get("msisdn")
	if raw == "" {
		return kuzet.Invalid("msisdn", "msisdn is required")
	}
	ind, err := ident.ParsePhone(raw, "KZ")
	if err != nil {
		return kuzet.Invalid("msisdn", "%s", kuzet.ErrorMessage(err))
	}
	signal, err := s.tel.engine.ActiveCall(ind.Value, time.Time{})
	if err != nil {
		return kuzet.WithField(err, "msisdn")
	}
	err = s.record(r.Context(), &kuzet.AuditEntry{At: s.clock(), OrgID: kuzet.OrgIDFromContext(r.Context()),
		Action: auditActiveCall, Object: ind.Key()})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, signal)
}

func (s *Server) record(ctx context.Context, entries ...*kuzet.AuditEntry) error {
	if s.tel.audit == nil || len(entries) == 0 {
		return nil
	}
	return s.tel.audit.Record(ctx, entries...)
}

// phoneObject names a number in the audit log as the registry names
// indicators.
func phoneObject(e164 string) string {
	return kuzet.Indicator{Kind: kuzet.KindPhone, Value: e164}.Key()
}

type callStatsRow struct {
	Day     string            `json:"day"` // YYYY-MM-DD, UTC
	OrgID   int64             `json:"org_id"`
	Verdict kuzet.CallVerdict `json:"verdict"`
	Reason  kuzet.CallReason  `json:"reason"`
	Count   int64             `json:"count"`
}

type callTotals struct {
	Verified int64                      `json:"verified"`
	Passed   int64                      `json:"passed"`
	Blocked  int64                      `json:"blocked"`
	ByReason map[kuzet.CallReason]int64 `json:"by_reason"`
}

func (t *callTotals) add(r kuzet.CallCounter) {
	t.Verified += r.Count
	if r.Reason.Verdict() == kuzet.VerdictPass {
		t.Passed += r.Count
	} else {
		t.Blocked += r.Count
	}
	t.ByReason[r.Reason] += r.Count
}

type operatorStats struct {
	OrgID int64 `json:"org_id"`
	callTotals
}

type callStatsResponse struct {
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	callTotals
	ByOperator []*operatorStats `json:"by_operator"`
	Rows       []callStatsRow   `json:"rows"`
}

// handleCallStats answers the call-verification counters of a period:
// totals, by reason, by terminating operator and by day.
func (s *Server) handleCallStats(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var f kuzet.CallCounterFilter
	for _, p := range []struct {
		name string
		dst  *time.Time
	}{{"from", &f.From}, {"to", &f.To}} {
		v := q.Get(p.name)
		if v == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			if t, err = parseTime(v); err != nil {
				return kuzet.Invalid(p.name, "%s must be a date (2006-01-02) or an RFC 3339 time", p.name)
			}
		}
		*p.dst = t
	}
	if v := q.Get("org_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return kuzet.Invalid("org_id", "org_id must be a positive integer")
		}
		f.OrgID = id
	}
	st, err := s.tel.engine.Stats(r.Context(), f)
	if err != nil {
		return err
	}
	resp := callStatsResponse{
		callTotals: callTotals{ByReason: map[kuzet.CallReason]int64{}},
		ByOperator: []*operatorStats{},
		Rows:       make([]callStatsRow, 0, len(st.Rows)),
	}
	if !f.From.IsZero() {
		resp.From = f.From.UTC().Format(time.DateOnly)
	}
	if !f.To.IsZero() {
		resp.To = f.To.UTC().Format(time.DateOnly)
	}
	byOrg := map[int64]*operatorStats{}
	for _, row := range st.Rows {
		resp.add(row)
		o := byOrg[row.OrgID]
		if o == nil {
			o = &operatorStats{OrgID: row.OrgID, callTotals: callTotals{ByReason: map[kuzet.CallReason]int64{}}}
			byOrg[row.OrgID] = o
			resp.ByOperator = append(resp.ByOperator, o)
		}
		o.add(row)
		resp.Rows = append(resp.Rows, callStatsRow{Day: row.Day.Format(time.DateOnly), OrgID: row.OrgID,
			Verdict: row.Reason.Verdict(), Reason: row.Reason, Count: row.Count})
	}
	slices.SortFunc(resp.ByOperator, func(a, b *operatorStats) int { return cmp.Compare(a.OrgID, b.OrgID) })
	return writeJSON(w, http.StatusOK, resp)
}

// telecomCollector exports the engine's metrics, read once a scrape.
type telecomCollector struct{ engine *telecom.Engine }

var (
	telecomGauges = map[string]*prometheus.Desc{
		"entries":  prometheus.NewDesc("kuzet_telecom_window_entries", "Registered calls in the window.", nil, nil),
		"waiting":  prometheus.NewDesc("kuzet_telecom_waiting", "Verifications waiting for a registration.", nil, nil),
		"signals":  prometheus.NewDesc("kuzet_telecom_active_signals", "Subscribers with an active-call signal up.", nil, nil),
		"roaming":  prometheus.NewDesc("kuzet_telecom_roaming", "Subscribers with a roaming state held.", nil, nil),
		"dno":      prometheus.NewDesc("kuzet_telecom_dno", "Numbers on the Do-Not-Originate list.", nil, nil),
		"impaired": prometheus.NewDesc("kuzet_telecom_impaired", "1 while verification fails open because a dependency is down.", nil, nil),
	}
	telecomCounters = map[string]*prometheus.Desc{
		"registered": prometheus.NewDesc("kuzet_telecom_registered_total", "Registrations accepted.", nil, nil),
		"duplicates": prometheus.NewDesc("kuzet_telecom_duplicates_total", "Registrations repeating one held.", nil, nil),
		"rejected":   prometheus.NewDesc("kuzet_telecom_rejected_total", "Registrations refused.", nil, nil),
		"evicted":    prometheus.NewDesc("kuzet_telecom_evicted_total", "Registrations dropped early because the window was full.", nil, nil),
		"verified":   prometheus.NewDesc("kuzet_telecom_verified_total", "Verdicts given.", nil, nil),
		"timeouts":   prometheus.NewDesc("kuzet_telecom_timeouts_total", "Verdicts given fail-open (reason timeout).", nil, nil),
		"overloaded": prometheus.NewDesc("kuzet_telecom_overloaded_total", "Verifications that could not wait: too many waiting.", nil, nil),
	}
)

func (c *telecomCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range telecomGauges {
		ch <- d
	}
	for _, d := range telecomCounters {
		ch <- d
	}
}

func (c *telecomCollector) Collect(ch chan<- prometheus.Metric) {
	m := c.engine.Metrics()
	impaired := 0.0
	if m.Impaired {
		impaired = 1
	}
	for name, v := range map[string]float64{"entries": float64(m.Entries), "waiting": float64(m.Waiting),
		"signals": float64(m.Signals), "roaming": float64(m.Roaming), "dno": float64(m.DNO), "impaired": impaired} {
		ch <- prometheus.MustNewConstMetric(telecomGauges[name], prometheus.GaugeValue, v)
	}
	for name, v := range map[string]uint64{"registered": m.Registered, "duplicates": m.Duplicates, "rejected": m.Rejected,
		"evicted": m.Evicted, "verified": m.Verified, "timeouts": m.Timeouts, "overloaded": m.Overloaded} {
		ch <- prometheus.MustNewConstMetric(telecomCounters[name], prometheus.CounterValue, float64(v))
	}
}
