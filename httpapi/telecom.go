package httpapi

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/telecom"
)

// telecomAPI is the memory the telecom routes reuse between requests.
type telecomAPI struct {
	calls sync.Pool // *[]telecom.Call, batch decoding memory
	bufs  sync.Pool // *[]byte, answer encoding memory
}

func (s *Server) telecomRoutes() {
	s.tel = &telecomAPI{}
	s.route("POST /v1/calls/originated", kuzet.PermCallOriginate, s.handleCallsOriginated)
	s.route("POST /v1/calls/verify", kuzet.PermCallVerify, s.handleCallsVerify)
	s.route("POST /v1/roaming", kuzet.PermRoamingWrite, s.handleRoaming)
	s.route("POST /v1/dno", kuzet.PermDNOWrite, s.handleDNOAdd)
	s.route("DELETE /v1/dno/{number}", kuzet.PermDNOWrite, s.handleDNORemove)
	s.route("GET /v1/signals/active-call", kuzet.PermActiveCall, s.handleActiveCall, "msisdn")
	s.route("GET /v1/calls/stats", kuzet.PermStatsRead, s.handleCallStats, "from", "to", "org_id")
	s.numberingRoutes()
	s.stirRoutes()
	s.metrics.registry.MustRegister(&telecomCollector{svc: s.telecom})
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
	ok, at := wellFormed(calls, errs)
	regErrs, err := s.telecom.Originate(r.Context(), kuzet.OrgIDFromContext(r.Context()), ok)
	if err != nil {
		return err
	}
	resp := countsResponse{Errors: []batchItemError{}}
	for i, e := range errs {
		if e != nil {
			resp.Errors = append(resp.Errors, rejected("calls", i, e))
		}
	}
	for k, e := range regErrs {
		if e == nil {
			continue
		}
		i := k
		if at != nil {
			i = at[k]
		}
		s.logItemError(e)
		resp.Errors = append(resp.Errors, rejected("calls", i, e))
	}
	resp.Rejected = len(resp.Errors)
	resp.Accepted = len(calls) - resp.Rejected
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
	results := s.telecom.VerifyBatch(r.Context(), ok)
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
	errs, err := s.telecom.UpdateRoaming(r.Context(), kuzet.OrgIDFromContext(r.Context()), reports)
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
	errs, err := s.telecom.AddDNO(r.Context(), kuzet.OrgIDFromContext(r.Context()), req.Numbers)
	if err != nil {
		return err
	}
	resp := countsResponse{Errors: []batchItemError{}}
	for i, e := range errs {
		if e != nil {
			resp.Errors = append(resp.Errors, rejected("numbers", i, e))
		}
	}
	resp.Rejected = len(resp.Errors)
	resp.Accepted = len(req.Numbers) - resp.Rejected
	return writeJSON(w, http.StatusOK, resp)
}

// handleDNORemove takes a number off the Do-Not-Originate list.
func (s *Server) handleDNORemove(w http.ResponseWriter, r *http.Request) error {
	if err := s.telecom.RemoveDNO(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.PathValue("number")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// handleActiveCall answers a bank whether its customer is, or lately was,
// on a risky call.
func (s *Server) handleActiveCall(w http.ResponseWriter, r *http.Request) error {
	signal, err := s.telecom.ActiveCall(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.URL.Query().Get("msisdn"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, signal)
}

type callStatsRow struct {
	Day     string            `json:"day"` // YYYY-MM-DD, UTC
	OrgID   int64             `json:"org_id"`
	Verdict kuzet.CallVerdict `json:"verdict"`
	Reason  kuzet.CallReason  `json:"reason"`
	Range   string            `json:"range,omitempty"` // unverifiable: the calling numbers' plan range
	Count   int64             `json:"count"`
}

type callTotals struct {
	Verified            int64                      `json:"verified"`
	Passed              int64                      `json:"passed"`
	Blocked             int64                      `json:"blocked"`
	ByReason            map[kuzet.CallReason]int64 `json:"by_reason"`
	UnverifiableByRange map[string]int64           `json:"unverifiable_by_range"`
}

func callTotalsView(t telecom.CallTotals) callTotals {
	v := callTotals{Verified: t.Verified, Passed: t.Passed, Blocked: t.Blocked, ByReason: t.ByReason,
		UnverifiableByRange: t.UnverifiableByRange}
	if v.ByReason == nil {
		v.ByReason = map[kuzet.CallReason]int64{}
	}
	if v.UnverifiableByRange == nil {
		v.UnverifiableByRange = map[string]int64{}
	}
	return v
}

type operatorStats struct {
	OrgID int64 `json:"org_id"`
	callTotals
}

// clockOffset is an operator's clock against kuzet's.
type clockOffset struct {
	OrgID    int64     `json:"org_id"`
	OffsetMS float64   `json:"offset_ms"` // positive: the operator's clock is ahead
	Samples  uint64    `json:"samples"`
	At       time.Time `json:"at"` // the last report it was estimated from
	Warning  bool      `json:"warning"`
}

type callStatsResponse struct {
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	callTotals
	ByOperator   []operatorStats `json:"by_operator"`
	Rows         []callStatsRow  `json:"rows"`
	ClockOffsets []clockOffset   `json:"clock_offsets"`
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
	st, err := s.telecom.Stats(r.Context(), f)
	if err != nil {
		return err
	}
	resp := callStatsResponse{
		callTotals:   callTotalsView(st.CallTotals),
		ByOperator:   make([]operatorStats, len(st.ByOperator)),
		Rows:         make([]callStatsRow, len(st.Rows)),
		ClockOffsets: make([]clockOffset, len(st.ClockOffsets)),
	}
	for i, o := range st.ClockOffsets {
		resp.ClockOffsets[i] = clockOffset{OrgID: o.OrgID, OffsetMS: float64(o.Offset) / float64(time.Millisecond),
			Samples: o.Samples, At: o.At, Warning: o.Warning}
	}
	if !f.From.IsZero() {
		resp.From = f.From.UTC().Format(time.DateOnly)
	}
	if !f.To.IsZero() {
		resp.To = f.To.UTC().Format(time.DateOnly)
	}
	for i, o := range st.ByOperator {
		resp.ByOperator[i] = operatorStats{OrgID: o.OrgID, callTotals: callTotalsView(o.CallTotals)}
	}
	for i, row := range st.Rows {
		resp.Rows[i] = callStatsRow{Day: row.Day.Format(time.DateOnly), OrgID: row.OrgID,
			Verdict: row.Reason.Verdict(), Reason: row.Reason, Range: row.Range, Count: row.Count}
	}
	return writeJSON(w, http.StatusOK, resp)
}

// telecomCollector exports the call-verification metrics, read once a
// scrape.
type telecomCollector struct{ svc *telecom.Service }

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
		"remembered": prometheus.NewDesc("kuzet_telecom_remembered_total", "Verdicts given without a registration, kept for retries.", nil, nil),
	}
	telecomIdentities = prometheus.NewDesc("kuzet_telecom_identities_total",
		"STIR/SHAKEN PASSporTs checked, by outcome: attested (passed without a registration), forged (invalid_identity), unusable (left to the registration rules).",
		[]string{"outcome"}, nil)
	telecomUnverifiable = prometheus.NewDesc("kuzet_telecom_unverifiable_total",
		"Calls passed as unverifiable (a domestic number no member serves), by the calling numbers' plan range.",
		[]string{"range"}, nil)
	telecomClockOffset = prometheus.NewDesc("kuzet_telecom_clock_offset_seconds",
		"An operator's clock less kuzet's, estimated from the call times it reports; past half the call tolerance it warns.",
		[]string{"org_id"}, nil)
)

func (c *telecomCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range telecomGauges {
		ch <- d
	}
	for _, d := range telecomCounters {
		ch <- d
	}
	ch <- telecomUnverifiable
	ch <- telecomClockOffset
	ch <- telecomIdentities
}

func (c *telecomCollector) Collect(ch chan<- prometheus.Metric) {
	m := c.svc.Metrics()
	impaired := 0.0
	if m.Impaired {
		impaired = 1
	}
	for name, v := range map[string]float64{"entries": float64(m.Entries), "waiting": float64(m.Waiting),
		"signals": float64(m.Signals), "roaming": float64(m.Roaming), "dno": float64(m.DNO), "impaired": impaired} {
		ch <- prometheus.MustNewConstMetric(telecomGauges[name], prometheus.GaugeValue, v)
	}
	for name, v := range map[string]uint64{"registered": m.Registered, "duplicates": m.Duplicates, "rejected": m.Rejected,
		"evicted": m.Evicted, "verified": m.Verified, "timeouts": m.Timeouts, "overloaded": m.Overloaded,
		"remembered": m.Remembered} {
		ch <- prometheus.MustNewConstMetric(telecomCounters[name], prometheus.CounterValue, float64(v))
	}
	for rng, n := range m.Unverifiable {
		ch <- prometheus.MustNewConstMetric(telecomUnverifiable, prometheus.CounterValue, float64(n), rng)
	}
	for outcome, n := range map[string]uint64{"attested": m.IdentityAttested, "forged": m.IdentityForged,
		"unusable": m.IdentityUnusable} {
		ch <- prometheus.MustNewConstMetric(telecomIdentities, prometheus.CounterValue, float64(n), outcome)
	}
	for _, o := range m.ClockOffsets {
		ch <- prometheus.MustNewConstMetric(telecomClockOffset, prometheus.GaugeValue, o.Offset.Seconds(),
			strconv.FormatInt(o.OrgID, 10))
	}
}
