package httpapi

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/freeze"
)

// freezeRoutes registers victims' reports, the freeze trail and webhooks.
func (s *Server) freezeRoutes() {
	s.route("POST /v1/reports", kuzet.PermReportCreate, s.handleReportCreate)
	s.route("GET /v1/reports/{report_id}/trail", kuzet.PermReportCreate, s.handleTrail)
	s.route("GET /v1/freeze-requests", kuzet.PermFreezeInbox, s.handleInbox, "status")
	s.route("GET /v1/freeze-requests/overdue", kuzet.PermCaseRead, s.handleOverdue)
	s.route("GET /v1/freeze-requests/{id}", kuzet.PermFreezeInbox, s.handleFreezeGet)
	s.route("POST /v1/freeze-requests/{id}/response", kuzet.PermFreezeInbox, s.handleFreezeRespond)
	s.route("PUT /v1/webhooks", kuzet.PermFreezeInbox, s.handleWebhookPut)
	s.route("GET /v1/webhooks", kuzet.PermFreezeInbox, s.handleWebhookGet)
	s.route("GET /v1/webhooks/deliveries", kuzet.PermFreezeInbox, s.handleDeliveries, "object")
}

// reportResponse is what filing a victim's report made.
type reportResponse struct {
	ReportID       string                 `json:"report_id"`
	CaseID         string                 `json:"case_id"`
	FreezeRequests []*kuzet.FreezeRequest `json:"freeze_requests"`
	Reported       []kuzet.Indicator      `json:"reported"`
	// Case is what filing the report into a case made: whether it opened
	// one, the earlier reports sharing its identifiers, a duplicate, flags.
	Case *kuzet.CaseFiling `json:"case,omitempty"`
}

// handleReportCreate records a victim's report.
func (s *Server) handleReportCreate(w http.ResponseWriter, r *http.Request) error {
	var in freeze.ReportInput
	if err := s.decodeJSON(r, &in); err != nil {
		return err
	}
	res, err := s.freeze.NewReport(r.Context(), kuzet.OrgIDFromContext(r.Context()), in)
	if err != nil {
		return err
	}
	resp := reportResponse{ReportID: res.Report.ID, CaseID: res.Report.CaseID, FreezeRequests: res.FreezeRequests,
		Reported: res.Indicators, Case: res.Filing}
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
func (s *Server) handleTrail(w http.ResponseWriter, r *http.Request) error {
	pr := kuzet.PrincipalFromContext(r.Context())
	t, err := s.freeze.Trail(r.Context(), freeze.Viewer{OrgID: pr.Org.ID, SeeAll: pr.Can(kuzet.PermCaseRead)},
		r.PathValue("report_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, t)
}

// handleInbox lists the freeze requests addressed to the caller's bank,
// oldest first: ?status=open for the ones to answer.
func (s *Server) handleInbox(w http.ResponseWriter, r *http.Request) error {
	reqs, err := s.freeze.Inbox(r.Context(), kuzet.OrgIDFromContext(r.Context()), kuzet.FreezeStatus(r.URL.Query().Get("status")))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"freeze_requests": reqs})
}

// handleOverdue lists every bank's requests past their deadline, for the
// police.
func (s *Server) handleOverdue(w http.ResponseWriter, r *http.Request) error {
	reqs, err := s.freeze.Overdue(r.Context(), kuzet.OrgIDFromContext(r.Context()))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"freeze_requests": reqs})
}

// handleFreezeGet answers one request of the caller's inbox; another
// bank's is not found.
func (s *Server) handleFreezeGet(w http.ResponseWriter, r *http.Request) error {
	req, err := s.freeze.FreezeRequest(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, req)
}

// respondResponse is what an answer made: the request as answered and the
// next hop's requests.
type respondResponse struct {
	FreezeRequest freeze.Item            `json:"freeze_request"`
	Next          []*kuzet.FreezeRequest `json:"next"`
}

// handleFreezeRespond records the bank's answer.
func (s *Server) handleFreezeRespond(w http.ResponseWriter, r *http.Request) error {
	var in freeze.FreezeResponse
	if err := s.decodeJSON(r, &in); err != nil {
		return err
	}
	res, err := s.freeze.Respond(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	resp := respondResponse{FreezeRequest: res.Request, Next: res.Next}
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
// secret left out is made by the service and shown once, in this answer.
func (s *Server) handleWebhookPut(w http.ResponseWriter, r *http.Request) error {
	var req webhookRequest
	if err := s.decodeJSON(r, &req); err != nil {
		return err
	}
	hook, err := s.freeze.PutWebhook(r.Context(), kuzet.OrgIDFromContext(r.Context()), req.URL, []byte(req.Secret))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, webhookResponse{URL: hook.URL, Secret: string(hook.Secret), CreatedAt: hook.CreatedAt})
}

// handleWebhookGet shows the bank's webhook, without its secret.
func (s *Server) handleWebhookGet(w http.ResponseWriter, r *http.Request) error {
	hook, err := s.freeze.Webhook(r.Context(), kuzet.OrgIDFromContext(r.Context()))
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
func (s *Server) handleDeliveries(w http.ResponseWriter, r *http.Request) error {
	ds, err := s.freeze.Deliveries(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.URL.Query().Get("object"))
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
