package console

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/audit"
	"github.com/kuzet/kuzet/freeze"
	"github.com/kuzet/kuzet/payments"
	"github.com/kuzet/kuzet/simbox"
	"github.com/kuzet/kuzet/telecom"
	"github.com/kuzet/kuzet/webwatch"
)

// extraRoutes registers the pages of web monitoring, SIM boxes, the freeze
// inbox and trail, payments, telecom and the audit log. Each calls the
// service method its API route calls, behind the same permission.
func (s *Server) extraRoutes() {
	if s.cfg.Web != nil {
		s.page("GET /web", kuzet.PermWebTriage, s.handleFindings)
		s.page("GET /web/{id}", kuzet.PermWebTriage, s.handleFinding)
		s.page("POST /web/{id}/confirm", kuzet.PermWebTriage, s.handleFindingDecide(true))
		s.page("POST /web/{id}/dismiss", kuzet.PermWebTriage, s.handleFindingDecide(false))
		s.page("POST /blocking", kuzet.PermBlockingCreate, s.handleBlockingCreate)
		s.page("GET /blocking", kuzet.PermIndicatorRead, s.handleBlockingList)
		s.page("GET /blocking/{id}", kuzet.PermIndicatorRead, s.handleBlocking)
		s.page("POST /blocking/{id}/status", kuzet.PermBlockingStatus, s.handleBlockingStatus)
	}
	if s.cfg.Simbox != nil {
		s.page("GET /simbox", kuzet.PermSimboxRead, s.handleSuspects)
		s.page("GET /simbox/{id}", kuzet.PermSimboxRead, s.handleSuspect)
		s.page("POST /simbox/{id}/confirm", kuzet.PermSimboxTriage, s.handleSuspectDecide(true))
		s.page("POST /simbox/{id}/dismiss", kuzet.PermSimboxTriage, s.handleSuspectDecide(false))
		s.page("POST /seizures", kuzet.PermSimboxTriage, s.handleSeizure)
	}
	if s.cfg.Freeze != nil {
		s.page("GET /freeze", kuzet.PermFreezeInbox, s.handleInbox)
		s.page("GET /freeze/{id}", kuzet.PermFreezeInbox, s.handleFreezeRequest)
		s.page("POST /freeze/{id}", kuzet.PermFreezeInbox, s.handleFreezeRespond)
		s.page("GET /trail/{report}", kuzet.PermReportCreate, s.handleTrail)
		s.page("GET /trail", kuzet.PermReportCreate, func(w http.ResponseWriter, r *http.Request, p *page) error {
			http.Redirect(w, r, "/trail/"+url.PathEscape(strings.TrimSpace(r.URL.Query().Get("report"))), http.StatusSeeOther)
			return nil
		})
	}
	if s.cfg.Payments != nil {
		s.page("GET /payments", kuzet.PermPaymentCheck, s.handlePayments)
		s.page("GET /rules", kuzet.PermPaymentRules, s.handleRules)
		s.page("GET /loss", kuzet.PermStatsRead, s.handleLoss)
	}
	if s.cfg.Telecom != nil {
		s.page("GET /telecom", kuzet.PermStatsRead, s.handleTelecom)
	}
	if s.cfg.Audit != nil {
		s.page("GET /audit", kuzet.PermAuditRead, s.handleAudit)
	}
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, kuzet.Errorf(kuzet.ENOTFOUND, "no such record")
	}
	return id, nil
}

// back redirects to the page the form came from, if it is this site's,
// saying what was done (?done=).
//
// An htmx request (a triage row's button) is answered 200 with no body:
// the page removes the row and stays where the analyst is.
func back(w http.ResponseWriter, r *http.Request, fallback, done string) {
	if r.Header.Get("HX-Request") == "true" {
		w.WriteHeader(http.StatusOK)
		return
	}
	next := safeNext(r.PostFormValue("back"))
	if next == "/" {
		next = fallback
	}
	if u, err := url.Parse(next); err == nil && done != "" {
		q := u.Query()
		q.Set("done", done)
		u.RawQuery = q.Encode()
		next = u.String()
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

var findingStatuses = []kuzet.WebFindingStatus{kuzet.WebFindingNew, kuzet.WebFindingConfirmed, kuzet.WebFindingSent,
	kuzet.WebFindingBlocked, kuzet.WebFindingRejected, kuzet.WebFindingGone, kuzet.WebFindingDismissed}

type findingsData struct {
	Status   kuzet.WebFindingStatus
	Statuses []kuzet.WebFindingStatus
	Findings []*kuzet.WebFinding
	Next     int64
	Back     string
	Flash    string
}

// handleFindings is the triage queue: webwatch.Service.Findings, as
// GET /v1/web/findings.
func (s *Server) handleFindings(w http.ResponseWriter, r *http.Request, p *page) error {
	p.Title = "web.title"
	q := r.URL.Query()
	d := &findingsData{Status: kuzet.WebFindingStatus(q.Get("status")), Statuses: findingStatuses,
		Back: r.URL.RequestURI(), Flash: q.Get("done")}
	if d.Status == "" {
		d.Status = kuzet.WebFindingNew
	}
	after, _ := strconv.ParseInt(q.Get("after"), 10, 64)
	pg, err := s.cfg.Web.Findings(r.Context(), kuzet.WebFindingFilter{Status: d.Status, AfterID: after, Limit: 50})
	if err != nil {
		return err
	}
	d.Findings, d.Next = pg.Findings, pg.Next
	p.Data = d
	s.render(w, r, http.StatusOK, "web", p)
	return nil
}

func (s *Server) handleFinding(w http.ResponseWriter, r *http.Request, p *page) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, err := s.cfg.Web.Finding(r.Context(), id)
	if err != nil {
		return err
	}
	p.Title, p.Data = "finding.title", f
	s.render(w, r, http.StatusOK, "finding", p)
	return nil
}

// handleFindingDecide confirms or dismisses a finding, as
// POST /v1/web/findings/{id}/confirm and …/dismiss.
func (s *Server) handleFindingDecide(confirm bool) handler {
	return func(w http.ResponseWriter, r *http.Request, p *page) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		t := webwatch.Triage{OrgID: principal(r).Org.ID, Category: kuzet.Category(r.PostFormValue("category")),
			Notes: r.PostFormValue("notes")}
		done := "dismissed"
		if confirm {
			_, err = s.cfg.Web.Confirm(r.Context(), id, t)
			done = "confirmed"
		} else {
			_, err = s.cfg.Web.Dismiss(r.Context(), id, t)
		}
		if err != nil {
			return err
		}
		back(w, r, "/web", done)
		return nil
	}
}

// handleBlockingCreate sends the chosen confirmed findings to the
// regulator, as POST /v1/blocking-requests.
func (s *Server) handleBlockingCreate(w http.ResponseWriter, r *http.Request, p *page) error {
	var ids []int64
	for _, v := range r.PostForm["finding"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return kuzet.Invalid("finding_ids", "%q is not a finding's ID", v)
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return kuzet.Invalid("finding_ids", "choose at least one confirmed finding")
	}
	res, err := s.cfg.Web.CreateBlockingRequest(r.Context(), principal(r).Org.ID, ids, r.PostFormValue("note"))
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/blocking/%d", res.Request.ID), http.StatusSeeOther)
	return nil
}

type blockingListData struct {
	Requests []*kuzet.BlockingRequest
	Pending  bool
}

// handleBlockingList lists blocking requests: the regulator's inbox and the
// police's sent ones (webwatch.Service.BlockingRequests).
func (s *Server) handleBlockingList(w http.ResponseWriter, r *http.Request, p *page) error {
	pr := principal(r)
	if !pr.Can(kuzet.PermBlockingStatus) && !pr.Can(kuzet.PermBlockingCreate) {
		return kuzet.Errorf(kuzet.EFORBIDDEN, "blocking requests are the police's and the regulator's")
	}
	d := &blockingListData{Pending: r.URL.Query().Get("pending") == "1"}
	reqs, err := s.cfg.Web.BlockingRequests(r.Context(), kuzet.BlockingRequestFilter{Pending: d.Pending, Limit: 200})
	if err != nil {
		return err
	}
	slices.Reverse(reqs) // newest first
	d.Requests = reqs
	p.Title, p.Data = "blocking.title", d
	s.render(w, r, http.StatusOK, "blocking", p)
	return nil
}

type blockingData struct {
	Req       *kuzet.BlockingRequest
	Regulator bool
	Statuses  []kuzet.BlockingStatus
}

func (s *Server) handleBlocking(w http.ResponseWriter, r *http.Request, p *page) error {
	pr := principal(r)
	if !pr.Can(kuzet.PermBlockingStatus) && !pr.Can(kuzet.PermBlockingCreate) {
		return kuzet.Errorf(kuzet.EFORBIDDEN, "blocking requests are the police's and the regulator's")
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	req, err := s.cfg.Web.BlockingRequest(r.Context(), id)
	if err != nil {
		return err
	}
	p.Title = "blocking.request"
	p.Data = &blockingData{Req: req, Regulator: pr.Can(kuzet.PermBlockingStatus),
		Statuses: []kuzet.BlockingStatus{kuzet.BlockingBlocked, kuzet.BlockingRejected, kuzet.BlockingGone}}
	s.render(w, r, http.StatusOK, "blockingreq", p)
	return nil
}

// handleBlockingStatus records the regulator's answer on one item, as
// POST /v1/blocking-requests/{id}/status.
func (s *Server) handleBlockingStatus(w http.ResponseWriter, r *http.Request, p *page) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	fid, _ := strconv.ParseInt(r.PostFormValue("finding"), 10, 64)
	res, err := s.cfg.Web.ReportBlockingStatus(r.Context(), principal(r).Org.ID, id, []webwatch.StatusUpdate{{
		FindingID: fid, Status: kuzet.BlockingStatus(r.PostFormValue("status")), Note: r.PostFormValue("note")}})
	if err != nil {
		return err
	}
	for _, x := range res {
		if x.Err != nil {
			return x.Err
		}
	}
	http.Redirect(w, r, fmt.Sprintf("/blocking/%d", id), http.StatusSeeOther)
	return nil
}

type suspectsData struct {
	Status   kuzet.SimboxSuspectStatus
	Statuses []kuzet.SimboxSuspectStatus
	Suspects []*kuzet.SimboxSuspect
	Triage   bool
	Back     string
	Done     string // what the last action did
}

func simboxViewer(pr *kuzet.Principal) simbox.Viewer {
	return simbox.Viewer{OrgID: pr.Org.ID, All: pr.Can(kuzet.PermSimboxTriage)}
}

// handleSuspects lists SIM-box suspects, as GET /v1/simbox/suspects.
func (s *Server) handleSuspects(w http.ResponseWriter, r *http.Request, p *page) error {
	pr := principal(r)
	d := &suspectsData{Status: kuzet.SimboxSuspectStatus(r.URL.Query().Get("status")), Triage: pr.Can(kuzet.PermSimboxTriage),
		Statuses: []kuzet.SimboxSuspectStatus{kuzet.SimboxSuspectOpen, kuzet.SimboxSuspectConfirmed, kuzet.SimboxSuspectDismissed},
		Back:     r.URL.RequestURI(), Done: r.URL.Query().Get("done")}
	if d.Status == "" {
		d.Status = kuzet.SimboxSuspectOpen
	}
	ss, err := s.cfg.Simbox.Suspects(r.Context(), simboxViewer(pr), kuzet.SimboxSuspectFilter{Status: d.Status, Limit: 100})
	if err != nil {
		return err
	}
	d.Suspects = ss
	p.Title, p.Data = "simbox.title", d
	s.render(w, r, http.StatusOK, "simbox", p)
	return nil
}

func (s *Server) handleSuspect(w http.ResponseWriter, r *http.Request, p *page) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	pr := principal(r)
	sus, err := s.cfg.Simbox.Suspect(r.Context(), simboxViewer(pr), id)
	if err != nil {
		return err
	}
	p.Title = "suspect.title"
	p.Data = &suspectsData{Suspects: []*kuzet.SimboxSuspect{sus}, Triage: pr.Can(kuzet.PermSimboxTriage),
		Back: r.URL.RequestURI(), Done: r.URL.Query().Get("done")}
	s.render(w, r, http.StatusOK, "suspect", p)
	return nil
}

func (s *Server) handleSuspectDecide(confirm bool) handler {
	return func(w http.ResponseWriter, r *http.Request, p *page) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		d := simbox.Decision{OrgID: principal(r).Org.ID, Notes: r.PostFormValue("notes")}
		if confirm {
			_, err = s.cfg.Simbox.Confirm(r.Context(), id, d)
		} else {
			_, err = s.cfg.Simbox.Dismiss(r.Context(), id, d)
		}
		if err != nil {
			return err
		}
		back(w, r, "/simbox", "")
		return nil
	}
}

type inboxData struct {
	Status kuzet.FreezeStatus
	Items  []freeze.Item
}

// handleInbox is a bank's freeze inbox, as GET /v1/freeze-requests.
func (s *Server) handleInbox(w http.ResponseWriter, r *http.Request, p *page) error {
	d := &inboxData{Status: kuzet.FreezeStatus(r.URL.Query().Get("status"))}
	if r.URL.Query().Get("status") == "" {
		d.Status = kuzet.FreezeOpen
	} else if d.Status == "all" {
		d.Status = ""
	}
	items, err := s.cfg.Freeze.Inbox(r.Context(), principal(r).Org.ID, d.Status)
	if err != nil {
		return err
	}
	d.Items = items
	p.Title, p.Data = "freeze.title", d
	s.render(w, r, http.StatusOK, "freeze", p)
	return nil
}

type freezeData struct {
	Item     freeze.Item
	Statuses []kuzet.FreezeStatus
	Form     url.Values
}

var answerStatuses = []kuzet.FreezeStatus{kuzet.FreezeFrozen, kuzet.FreezeInsufficientFunds, kuzet.FreezeAccountNotFound,
	kuzet.FreezeRejected}

func (s *Server) handleFreezeRequest(w http.ResponseWriter, r *http.Request, p *page) error {
	it, err := s.cfg.Freeze.FreezeRequest(r.Context(), principal(r).Org.ID, r.PathValue("id"))
	if err != nil {
		return err
	}
	p.Title, p.Data = "freeze.request", &freezeData{Item: it, Statuses: answerStatuses, Form: url.Values{}}
	s.render(w, r, http.StatusOK, "freezereq", p)
	return nil
}

// handleFreezeRespond is the bank's answer: the frozen amount and the
// onward transfers, as POST /v1/freeze-requests/{id}/response.
func (s *Server) handleFreezeRespond(w http.ResponseWriter, r *http.Request, p *page) error {
	orgID := principal(r).Org.ID
	id := r.PathValue("id")
	in := freeze.FreezeResponse{Status: kuzet.FreezeStatus(r.PostFormValue("status")), Note: r.PostFormValue("note")}
	problem := func(field, msg string, args ...any) error {
		it, err := s.cfg.Freeze.FreezeRequest(r.Context(), orgID, id)
		if err != nil {
			return err
		}
		p.Error = p.L.T("error.invalid") + " " + fmt.Sprintf(msg, args...)
		p.Title, p.Data = "freeze.request", &freezeData{Item: it, Statuses: answerStatuses, Form: r.PostForm}
		s.render(w, r, http.StatusBadRequest, "freezereq", p)
		return nil
	}
	if v := strings.TrimSpace(r.PostFormValue("frozen")); v != "" {
		a, err := kuzet.ParseAmount(strings.ReplaceAll(strings.ReplaceAll(v, " ", ""), ",", "."))
		if err != nil {
			return problem("frozen", "%s", p.L.T("freeze.bad_amount"))
		}
		in.FrozenAmount = a
	}
	ibans, amounts := r.PostForm["onward_iban"], r.PostForm["onward_amount"]
	for i, iban := range ibans {
		iban = strings.ReplaceAll(strings.TrimSpace(iban), " ", "")
		if iban == "" {
			continue
		}
		v := ""
		if i < len(amounts) {
			v = strings.ReplaceAll(strings.ReplaceAll(strings.TrimSpace(amounts[i]), " ", ""), ",", ".")
		}
		a, err := kuzet.ParseAmount(v)
		if err != nil || a <= 0 {
			return problem("onward", "%s", p.L.T("freeze.bad_onward", i+1))
		}
		in.Onward = append(in.Onward, kuzet.Transfer{ToIBAN: iban, Amount: a})
	}
	if _, err := s.cfg.Freeze.Respond(r.Context(), orgID, id, in); err != nil {
		if kuzet.ErrorCode(err) == kuzet.EINVALID {
			return problem("", "%s", kuzet.ErrorMessage(err))
		}
		return err
	}
	http.Redirect(w, r, "/freeze/"+url.PathEscape(id), http.StatusSeeOther)
	return nil
}

// handleTrail draws the report's money hop by hop, as
// GET /v1/reports/{id}/trail.
func (s *Server) handleTrail(w http.ResponseWriter, r *http.Request, p *page) error {
	pr := principal(r)
	t, err := s.cfg.Freeze.Trail(r.Context(), freeze.Viewer{OrgID: pr.Org.ID, SeeAll: pr.Can(kuzet.PermCaseRead)},
		r.PathValue("report"))
	if err != nil {
		return err
	}
	p.Title, p.Data = "trail.title", t
	s.render(w, r, http.StatusOK, "trail", p)
	return nil
}

type paymentsData struct {
	Decision  kuzet.Decision
	Decisions []kuzet.Decision
	Checks    []*kuzet.CheckRecord
}

// handlePayments lists the bank's own checks, as GET /v1/payments/checks.
func (s *Server) handlePayments(w http.ResponseWriter, r *http.Request, p *page) error {
	d := &paymentsData{Decision: kuzet.Decision(r.URL.Query().Get("decision")),
		Decisions: []kuzet.Decision{kuzet.DecisionHold, kuzet.DecisionBlock, kuzet.DecisionReview, kuzet.DecisionAllow}}
	checks, err := s.cfg.Payments.Checks(r.Context(), principal(r).Org.ID, kuzet.CheckFilter{Decision: d.Decision, Limit: 100})
	if err != nil {
		return err
	}
	d.Checks = checks
	p.Title, p.Data = "payments.title", d
	s.render(w, r, http.StatusOK, "payments", p)
	return nil
}

type telecomData struct {
	Stats   *telecom.CallStats
	Reasons []reasonRow
	Orgs    map[int64]string
	Days    int
}

type reasonRow struct {
	Reason kuzet.CallReason
	N      int64
	Block  bool
}

// handleTelecom shows calls blocked by reason and operator and the
// operators' clock offsets, as GET /v1/calls/stats.
func (s *Server) handleTelecom(w http.ResponseWriter, r *http.Request, p *page) error {
	d := &telecomData{Days: 7}
	to := s.clock()
	st, err := s.cfg.Telecom.Stats(r.Context(), kuzet.CallCounterFilter{From: to.Add(-7 * 24 * time.Hour), To: to.Add(24 * time.Hour)})
	if err != nil {
		return err
	}
	d.Stats = st
	for _, reason := range kuzet.CallReasons {
		if n := st.ByReason[reason]; n > 0 {
			d.Reasons = append(d.Reasons, reasonRow{Reason: reason, N: n, Block: reason.Verdict() == kuzet.VerdictBlock})
		}
	}
	if d.Orgs, err = s.orgNames(r.Context()); err != nil {
		return err
	}
	p.Title, p.Data = "telecom.title", d
	s.render(w, r, http.StatusOK, "telecom", p)
	return nil
}

type auditData struct {
	Action  string
	Page    *audit.Page
	Actions []string
}

// handleAudit is the audit log for the police and the regulator, as
// GET /v1/audit (the query is itself audited).
func (s *Server) handleAudit(w http.ResponseWriter, r *http.Request, p *page) error {
	q := r.URL.Query()
	d := &auditData{Action: q.Get("action")}
	pg, err := s.cfg.Audit.Query(r.Context(), principal(r).Org.ID, kuzet.AuditFilter{Action: d.Action, Limit: 100},
		q.Get("cursor"))
	if err != nil {
		return err
	}
	d.Page = pg
	p.Title, p.Data = "audit.title", d
	s.render(w, r, http.StatusOK, "audit", p)
	return nil
}

type rulesData struct {
	Live, Shadow *payments.RuleSet
	Report       *payments.ShadowReport
	Versions     []*kuzet.RuleVersion
}

// handleRules shows the payment rules every bank's checks run, the shadow
// candidate and its comparison with the live rules, as
// GET /v1/payments/rules and GET /v1/payments/shadow.
func (s *Server) handleRules(w http.ResponseWriter, r *http.Request, p *page) error {
	d := &rulesData{Live: s.cfg.Payments.Rules(), Shadow: s.cfg.Payments.Shadow()}
	if rep, err := s.cfg.Payments.ShadowReport(); err == nil {
		d.Report = &rep
	} else if kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
		return err
	}
	versions, err := s.cfg.Payments.RuleVersions(r.Context())
	if err != nil {
		return err
	}
	d.Versions = versions
	p.Title, p.Data = "rules.title", d
	s.render(w, r, http.StatusOK, "rules", p)
	return nil
}

// handleSeizure records a field unit's haul, as POST /v1/simbox/seizures:
// the device a suspect belongs to, the boxes and SIM cards taken.
func (s *Server) handleSeizure(w http.ResponseWriter, r *http.Request, p *page) error {
	atoi := func(name string) int64 {
		n, _ := strconv.ParseInt(strings.TrimSpace(r.PostFormValue(name)), 10, 64)
		return n
	}
	z := &kuzet.SimboxSeizure{OrgID: principal(r).Org.ID, Region: r.PostFormValue("region"),
		Devices: atoi("devices"), SIMs: atoi("sims"), Notes: r.PostFormValue("notes")}
	day, err := time.ParseInLocation("2006-01-02", r.PostFormValue("date"), kuzet.Almaty)
	if err != nil {
		return kuzet.Invalid("date", "the date of the seizure is a day, as 2026-03-14")
	}
	z.Date = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	if d := strings.TrimSpace(r.PostFormValue("device")); d != "" {
		z.DeviceIDs = []string{d}
	}
	if err := s.cfg.Simbox.RecordSeizure(r.Context(), z); err != nil {
		return err
	}
	back(w, r, "/simbox", "seized")
	return nil
}

type lossData struct {
	Days   int
	Region string
	Rep    *payments.LossReport
	Orgs   map[int64]string
}

// handleLoss lists the prevented loss behind the dashboard's figure, by
// day, bank and region, as GET /v1/payments/prevented-loss.
func (s *Server) handleLoss(w http.ResponseWriter, r *http.Request, p *page) error {
	d := &lossData{Days: 30, Region: r.URL.Query().Get("region")}
	if n, err := strconv.Atoi(r.URL.Query().Get("days")); err == nil && slices.Contains(periods, n) {
		d.Days = n
	}
	to := s.clock()
	rep, err := s.cfg.Payments.PreventedLoss(r.Context(), kuzet.PreventedLossFilter{
		From: to.Add(-time.Duration(d.Days) * 24 * time.Hour), To: to.Add(24 * time.Hour), Region: d.Region})
	if err != nil {
		return err
	}
	d.Rep = rep
	if d.Orgs, err = s.orgNames(r.Context()); err != nil {
		return err
	}
	p.Title, p.Data = "loss.title", d
	s.render(w, r, http.StatusOK, "loss", p)
	return nil
}

// orgNames names the member organisations by ID, for the pages that show
// which operator or bank a figure belongs to; empty without access.
func (s *Server) orgNames(ctx context.Context) (map[int64]string, error) {
	names := map[int64]string{}
	if s.cfg.Access == nil {
		return names, nil
	}
	orgs, err := s.cfg.Access.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		names[o.ID] = o.Name
	}
	return names, nil
}
