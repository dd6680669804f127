package httpapi

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/iso20022"
	"github.com/kuzet/kuzet/payments"
	"github.com/kuzet/kuzet/registry"
)

// Audit actions of the payment routes' reads. (Candidates for the root
// package's Audit* constants.)
const (
	auditCheckRead  = "payment.read"
	auditFreezeRead = "freeze.read"
)

// maxCheckBody bounds a JSON payment check: one payment is a few hundred
// bytes. An ISO 20022 message may carry many: iso20022.MaxSize bounds it.
const maxCheckBody = 64 << 10

// paymentsAPI is the state of the payment routes: the anti-fraud centre's
// check, outcomes, victim reports and the freeze trail, webhooks and rules.
type paymentsAPI struct {
	*Server
	svc    *payments.Service
	engine *payments.Engine
	audit  Auditor // records the reads of personal data; nil records none
}

func (s *Server) paymentRoutes(cfg Config) {
	p := &paymentsAPI{Server: s, svc: cfg.Payments, engine: cfg.Payments.Engine(), audit: cfg.Audit}
	s.route("POST /v1/payments/check", kuzet.PermPaymentCheck, p.handleCheck)
	s.route("POST /v1/payments/{check_id}/outcome", kuzet.PermPaymentCheck, p.handleOutcome)
	s.route("GET /v1/payments/checks", kuzet.PermPaymentCheck, p.handleChecks)
	s.route("GET /v1/payments/checks/{check_id}", kuzet.PermPaymentCheck, p.handleCheckGet)
	s.route("GET /v1/payments/rules", kuzet.PermPaymentRules, p.handleRulesGet)
	s.route("POST /v1/payments/rules", kuzet.PermPaymentRules, p.handleRulesPost)
	s.route("GET /v1/payments/shadow", kuzet.PermPaymentRules, p.handleShadowGet)
	s.route("DELETE /v1/payments/shadow", kuzet.PermPaymentRules, p.handleShadowDelete)
	s.route("GET /v1/payments/prevented-loss", kuzet.PermStatsRead, p.handlePreventedLoss)
	s.route("POST /v1/reports", kuzet.PermReportCreate, p.handleReportCreate)
	s.route("GET /v1/reports/{report_id}/trail", kuzet.PermReportCreate, p.handleTrail)
	s.route("GET /v1/freeze-requests", kuzet.PermFreezeInbox, p.handleInbox)
	s.route("GET /v1/freeze-requests/overdue", kuzet.PermCaseRead, p.handleOverdue)
	s.route("GET /v1/freeze-requests/{id}", kuzet.PermFreezeInbox, p.handleFreezeGet)
	s.route("POST /v1/freeze-requests/{id}/response", kuzet.PermFreezeInbox, p.handleFreezeRespond)
	s.route("PUT /v1/webhooks", kuzet.PermFreezeInbox, p.handleWebhookPut)
	s.route("GET /v1/webhooks", kuzet.PermFreezeInbox, p.handleWebhookGet)
	s.route("GET /v1/webhooks/deliveries", kuzet.PermFreezeInbox, p.handleDeliveries)
}

// record audits a read of personal data.
func (p *paymentsAPI) record(r *http.Request, action, object, detail string) error {
	if p.audit == nil {
		return nil
	}
	return p.audit.Record(r.Context(), &kuzet.AuditEntry{At: p.clock(), OrgID: kuzet.OrgIDFromContext(r.Context()),
		Action: action, Object: object, Detail: detail})
}

// submit reports identifiers to the registry on behalf of the caller.
// Items the registry refuses are logged, not answered: the use case that
// produced them has already succeeded.
func (p *paymentsAPI) submit(r *http.Request, subs []registry.Submission) error {
	if len(subs) == 0 {
		return nil
	}
	results, err := p.registry.Submit(r.Context(), kuzet.OrgIDFromContext(r.Context()), subs)
	if err != nil {
		return err
	}
	for i, res := range results {
		if res.Err != nil {
			p.logger.Warn("payments: identifier not reported to the registry", "kind", subs[i].Kind,
				"category", subs[i].Category, "err", res.Err)
		}
	}
	return nil
}

// handleCheck decides on one payment, described in JSON, or on each of an
// ISO 20022 pacs.008's. It answers from memory: a store that is down makes
// the decision carry the reason "degraded", never an error.
func (p *paymentsAPI) handleCheck(w http.ResponseWriter, r *http.Request) error {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	limit := int64(maxCheckBody)
	if mt != "application/json" {
		limit = iso20022.MaxSize
	}
	body, err := readBody(r, limit, "application/json", "application/xml", "text/xml")
	if err != nil {
		return err
	}
	if mt != "application/json" {
		return p.checkPacs008(w, r, body)
	}
	var pc kuzet.PaymentCheck
	if err := unmarshalStrict(body, &pc); err != nil {
		return err
	}
	d, err := p.engine.Check(r.Context(), kuzet.OrgIDFromContext(r.Context()), pc)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, d)
}

// checkPacs008 decides on every transaction of a pacs.008 and answers in
// JSON, or in kind — a pacs.002 — to a client that asks for XML.
func (p *paymentsAPI) checkPacs008(w http.ResponseWriter, r *http.Request, body []byte) error {
	md, err := p.engine.CheckPacs008(r.Context(), kuzet.OrgIDFromContext(r.Context()), body)
	if err != nil {
		return err
	}
	w.Header().Add("Vary", "Accept")
	if !iso20022.PrefersXML(r.Header.Get("Accept")) {
		return writeJSON(w, http.StatusOK, md)
	}
	doc, err := md.Pacs002()
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(doc)
	return err
}

type outcomeRequest struct {
	Outcome kuzet.Outcome `json:"outcome"`
}

// outcomeResponse says what an outcome led to: the mule identifiers
// reported, and the loss counted as prevented.
type outcomeResponse struct {
	CheckID       string               `json:"check_id"`
	Outcome       kuzet.Outcome        `json:"outcome"`
	Decision      kuzet.Decision       `json:"decision"`
	Reported      []kuzet.Indicator    `json:"reported"`
	PreventedLoss *kuzet.PreventedLoss `json:"prevented_loss"`
}

// handleOutcome records what the bank learned of a checked payment. A
// confirmed fraud reports the payee's identifiers to the registry as a
// mule's, in the bank's name; repeating the outcome repeats that report,
// so a bank may retry after a failure.
func (p *paymentsAPI) handleOutcome(w http.ResponseWriter, r *http.Request) error {
	var req outcomeRequest
	if err := p.decodeJSON(r, &req); err != nil {
		return err
	}
	res, err := p.svc.RecordOutcome(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.PathValue("check_id"), req.Outcome)
	if err != nil {
		return err
	}
	if err := p.submit(r, res.MuleSubmissions()); err != nil {
		return err
	}
	resp := outcomeResponse{CheckID: res.Check.ID, Outcome: req.Outcome, Decision: res.Check.Decision,
		Reported: res.Mules, PreventedLoss: res.Prevented}
	if resp.Reported == nil {
		resp.Reported = []kuzet.Indicator{}
	}
	return writeJSON(w, http.StatusOK, resp)
}

// handleChecks lists the caller's own checks, newest first.
func (p *paymentsAPI) handleChecks(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var f kuzet.CheckFilter
	var err error
	if f.From, err = queryTime(q.Get("from"), "from"); err != nil {
		return err
	}
	if f.To, err = queryTime(q.Get("to"), "to"); err != nil {
		return err
	}
	f.Decision = kuzet.Decision(q.Get("decision"))
	if f.Limit, err = queryLimit(q.Get("limit"), 1000); err != nil {
		return err
	}
	checks, err := p.svc.Checks(r.Context(), kuzet.OrgIDFromContext(r.Context()), f)
	if err != nil {
		return err
	}
	if checks == nil {
		checks = []*kuzet.CheckRecord{}
	}
	if err := p.record(r, auditCheckRead, "payment_checks", strconv.Itoa(len(checks))+" checks listed"); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"checks": checks})
}

func (p *paymentsAPI) handleCheckGet(w http.ResponseWriter, r *http.Request) error {
	rec, err := p.svc.FindCheck(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.PathValue("check_id"))
	if err != nil {
		return err
	}
	if err := p.record(r, auditCheckRead, "payment_check:"+rec.ID, ""); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rec)
}

// queryTime reads an optional RFC 3339 query parameter.
func queryTime(v, name string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, kuzet.Invalid(name, "%s must be an RFC 3339 time", name)
	}
	return t, nil
}

// queryLimit reads an optional limit from 1 to most.
func queryLimit(v string, most int) (int, error) {
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > most {
		return 0, kuzet.Invalid("limit", "limit must be from 1 to %d", most)
	}
	return n, nil
}

// rulesView describes a rule set without its parse.
type rulesView struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Hash    string `json:"hash"`
	Source  string `json:"source"`
}

func viewRules(rs *payments.RuleSet) *rulesView {
	if rs == nil {
		return nil
	}
	return &rulesView{ID: rs.ID(), Version: rs.Version, Hash: rs.Hash, Source: rs.Source}
}

// handleRulesGet shows the live and shadow rules and every stored version.
func (p *paymentsAPI) handleRulesGet(w http.ResponseWriter, r *http.Request) error {
	versions, err := p.svc.RuleVersions(r.Context())
	if err != nil {
		return err
	}
	if versions == nil {
		versions = []*kuzet.RuleVersion{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{
		"live": viewRules(p.engine.Rules()), "shadow": viewRules(p.engine.Shadow()), "versions": versions})
}

type rulesRequest struct {
	Mode   kuzet.RuleMode `json:"mode"`
	Source string         `json:"source"`
}

// handleRulesPost loads a rules text, as the live rules or as the shadow
// ones compared beside them: JSON {"mode", "source"}, or the text itself
// (text/plain) with ?mode=. Without a mode the text goes to the shadow,
// where a mistake costs nothing.
func (p *paymentsAPI) handleRulesPost(w http.ResponseWriter, r *http.Request) error {
	body, err := readBody(r, payments.MaxRulesSize, "application/json", "text/plain")
	if err != nil {
		return err
	}
	var req rulesRequest
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/json" {
		if err := unmarshalStrict(body, &req); err != nil {
			return err
		}
	} else {
		req = rulesRequest{Mode: kuzet.RuleMode(r.URL.Query().Get("mode")), Source: string(body)}
	}
	if req.Mode == "" {
		req.Mode = kuzet.RulesShadow
	}
	rs, err := p.svc.SetRules(r.Context(), kuzet.OrgIDFromContext(r.Context()), req.Source, req.Mode)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, map[string]any{"mode": req.Mode, "rules": viewRules(rs)})
}

// handleShadowGet reports how decisions would change under the shadow
// rules.
func (p *paymentsAPI) handleShadowGet(w http.ResponseWriter, r *http.Request) error {
	rep, ok := p.engine.ShadowReport()
	if !ok {
		return kuzet.Errorf(kuzet.ENOTFOUND, "no shadow rules are loaded: POST /v1/payments/rules with mode shadow")
	}
	return writeJSON(w, http.StatusOK, rep)
}

func (p *paymentsAPI) handleShadowDelete(w http.ResponseWriter, r *http.Request) error {
	if err := p.svc.StopShadow(r.Context(), kuzet.OrgIDFromContext(r.Context())); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// lossTotal sums prevented loss in one currency.
type lossTotal struct {
	Currency string       `json:"currency"`
	Amount   kuzet.Amount `json:"amount"`
	Count    int64        `json:"count"`
}

// handlePreventedLoss answers the prevented-loss statistics: money held
// or blocked that the banks confirmed as fraud, by day, bank and region.
func (p *paymentsAPI) handlePreventedLoss(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var f kuzet.PreventedLossFilter
	var err error
	if f.From, err = queryTime(q.Get("from"), "from"); err != nil {
		return err
	}
	if f.To, err = queryTime(q.Get("to"), "to"); err != nil {
		return err
	}
	if v := q.Get("bank"); v != "" {
		if f.OrgID, err = strconv.ParseInt(v, 10, 64); err != nil || f.OrgID <= 0 {
			return kuzet.Invalid("bank", "bank must be an organisation ID")
		}
	}
	f.Region = q.Get("region")
	rows, err := p.svc.PreventedLoss(r.Context(), f)
	if err != nil {
		return err
	}
	if rows == nil {
		rows = []*kuzet.PreventedLoss{}
	}
	totals := []lossTotal{}
	for _, row := range rows {
		i := 0
		for i < len(totals) && totals[i].Currency != row.Currency {
			i++
		}
		if i == len(totals) {
			totals = append(totals, lossTotal{Currency: row.Currency})
		}
		totals[i].Amount += row.Amount
		totals[i].Count += row.Count
	}
	return writeJSON(w, http.StatusOK, map[string]any{"rows": rows, "totals": totals})
}

// reportResponse is what filing a victim's report made.
type reportResponse struct {
	ReportID       string                 `json:"report_id"`
	CaseID         string                 `json:"case_id"`
	FreezeRequests []*kuzet.FreezeRequest `json:"freeze_requests"`
	Reported       []kuzet.Indicator      `json:"reported"`
}

// handleReportCreate records a victim's report, raises a freeze request at
// the bank of each account that received the money, and reports the
// identifiers to the registry with low confidence, in the filer's name.
func (p *paymentsAPI) handleReportCreate(w http.ResponseWriter, r *http.Request) error {
	var in payments.ReportInput
	if err := p.decodeJSON(r, &in); err != nil {
		return err
	}
	res, err := p.svc.NewReport(r.Context(), kuzet.OrgIDFromContext(r.Context()), in)
	if err != nil {
		return err
	}
	if err := p.submit(r, res.Submissions()); err != nil {
		return err
	}
	resp := reportResponse{ReportID: res.Report.ID, CaseID: res.Report.CaseID, FreezeRequests: res.FreezeRequests,
		Reported: res.Indicators}
	if resp.FreezeRequests == nil {
		resp.FreezeRequests = []*kuzet.FreezeRequest{}
	}
	if resp.Reported == nil {
		resp.Reported = []kuzet.Indicator{}
	}
	w.Header().Set("Location", "/v1/reports/"+res.Report.ID+"/trail")
	return writeJSON(w, http.StatusCreated, resp)
}

// handleTrail answers the whole trail of a report's money. The police see
// every report's; others the reports they filed.
func (p *paymentsAPI) handleTrail(w http.ResponseWriter, r *http.Request) error {
	pr := kuzet.PrincipalFromContext(r.Context())
	t, err := p.svc.Trail(r.Context(), payments.Viewer{OrgID: pr.Org.ID, SeeAll: pr.Can(kuzet.PermCaseRead)},
		r.PathValue("report_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, t)
}

// freezeView is a freeze request as a bank sees it, with whether it is
// past its deadline.
type freezeView struct {
	*kuzet.FreezeRequest
	Overdue bool `json:"overdue"`
}

func (p *paymentsAPI) views(reqs []*kuzet.FreezeRequest) []freezeView {
	now := p.clock()
	out := make([]freezeView, len(reqs))
	for i, r := range reqs {
		out[i] = freezeView{r, r.Overdue(now)}
	}
	return out
}

// handleInbox lists the freeze requests addressed to the caller's bank,
// oldest first: ?status=open for the ones to answer.
func (p *paymentsAPI) handleInbox(w http.ResponseWriter, r *http.Request) error {
	reqs, err := p.svc.Inbox(r.Context(), kuzet.OrgIDFromContext(r.Context()), kuzet.FreezeStatus(r.URL.Query().Get("status")))
	if err != nil {
		return err
	}
	if err := p.record(r, auditFreezeRead, "freeze_inbox", strconv.Itoa(len(reqs))+" requests listed"); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"freeze_requests": p.views(reqs)})
}

// handleOverdue lists every bank's requests past their deadline, for the
// police.
func (p *paymentsAPI) handleOverdue(w http.ResponseWriter, r *http.Request) error {
	reqs, err := p.svc.Overdue(r.Context())
	if err != nil {
		return err
	}
	if err := p.record(r, auditFreezeRead, "freeze_overdue", strconv.Itoa(len(reqs))+" requests listed"); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"freeze_requests": p.views(reqs)})
}

// handleFreezeGet answers one request of the caller's inbox; another
// bank's is not found.
func (p *paymentsAPI) handleFreezeGet(w http.ResponseWriter, r *http.Request) error {
	req, err := p.svc.FreezeRequest(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	if err := p.record(r, auditFreezeRead, "freeze_request:"+req.ID, ""); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, p.views([]*kuzet.FreezeRequest{req})[0])
}

// respondResponse is what an answer made: the request as answered and the
// next hop's requests.
type respondResponse struct {
	FreezeRequest freezeView             `json:"freeze_request"`
	Next          []*kuzet.FreezeRequest `json:"next"`
}

// handleFreezeRespond records the bank's answer. Onward transfers raise the
// next hop's requests at once, and their accounts go to the registry in
// the answering bank's name.
func (p *paymentsAPI) handleFreezeRespond(w http.ResponseWriter, r *http.Request) error {
	var in payments.FreezeResponse
	if err := p.decodeJSON(r, &in); err != nil {
		return err
	}
	res, err := p.svc.Respond(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	if err := p.submit(r, res.Submissions()); err != nil {
		return err
	}
	resp := respondResponse{FreezeRequest: p.views([]*kuzet.FreezeRequest{res.Request})[0], Next: res.Next}
	if resp.Next == nil {
		resp.Next = []*kuzet.FreezeRequest{}
	}
	return writeJSON(w, http.StatusOK, resp)
}

type webhookRequest struct {
	URL    string `json:"url"`
	Secret string `json:"secret"`
}

// webhookResponse shows a webhook; the secret only when it is set.
type webhookResponse struct {
	URL       string    `json:"url"`
	Secret    string    `json:"secret,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// handleWebhookPut sets where the bank's freeze requests are pushed. A
// secret left out is made here and shown once, in this answer.
func (p *paymentsAPI) handleWebhookPut(w http.ResponseWriter, r *http.Request) error {
	var req webhookRequest
	if err := p.decodeJSON(r, &req); err != nil {
		return err
	}
	if req.Secret == "" {
		// Text, so that the bytes the receiver keys its HMAC with are
		// exactly the characters it was shown.
		b := make([]byte, 32)
		rand.Read(b)
		req.Secret = "whsec_" + base64.RawURLEncoding.EncodeToString(b)
	}
	hook, err := p.svc.PutWebhook(r.Context(), kuzet.OrgIDFromContext(r.Context()), req.URL, []byte(req.Secret))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, webhookResponse{URL: hook.URL, Secret: string(hook.Secret), CreatedAt: hook.CreatedAt})
}

// handleWebhookGet shows the bank's webhook, without its secret.
func (p *paymentsAPI) handleWebhookGet(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	tx, err := p.store.Begin(ctx, false)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	hook, err := tx.FindWebhook(ctx, kuzet.OrgIDFromContext(ctx))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, webhookResponse{URL: hook.URL, CreatedAt: hook.CreatedAt})
}

// deliveryView is a delivery in the log, with the event it carried.
type deliveryView struct {
	*kuzet.WebhookDelivery
	Body json.RawMessage `json:"body"`
}

// handleDeliveries answers the bank's delivery log, newest first:
// ?object=freeze_request:frz_… for one request's.
func (p *paymentsAPI) handleDeliveries(w http.ResponseWriter, r *http.Request) error {
	ds, err := p.svc.Deliveries(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.URL.Query().Get("object"))
	if err != nil {
		return err
	}
	out := make([]deliveryView, len(ds))
	for i, d := range ds {
		out[i] = deliveryView{WebhookDelivery: d, Body: d.Body}
		if d.Log == nil {
			d.Log = []kuzet.DeliveryAttempt{}
		}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"deliveries": out})
}
