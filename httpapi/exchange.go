package httpapi

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/exchange"
)

// exchangeRoutes registers the exchange's settings: the police's per
// partner, and each reporter's TLP marking of its own reports.
func (s *Server) exchangeRoutes() {
	s.route("PUT /v1/exchange/partners/{org_id}", kuzet.PermPartnerWrite, s.handlePutPartner)
	s.route("POST /v1/exchange/markings", kuzet.PermIndicatorWrite, s.handlePostMarking)
	s.route("GET /v1/exchange/partners/{org_id}/received", kuzet.PermExchange, s.handleReceived, "status", "limit")
}

type receivedObject struct {
	ID         string          `json:"id"`
	Type       string          `json:"type"`
	Modified   string          `json:"modified,omitempty"`
	Status     string          `json:"status"`
	Reason     string          `json:"reason,omitempty"`
	ReceivedAt string          `json:"received_at"`
	Object     json.RawMessage `json:"object"`
}

// handleReceived lists what a partner sent and what became of it: the
// quarantine an analyst reviews.
func (s *Server) handleReceived(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("org_id"), 10, 64)
	if err != nil || id <= 0 {
		return kuzet.Invalid("org_id", "org_id must be an organisation's number")
	}
	limit := 0
	if l := r.URL.Query().Get("limit"); l != "" {
		if limit, err = strconv.Atoi(l); err != nil || limit <= 0 {
			return kuzet.Invalid("limit", "limit must be a positive whole number")
		}
	}
	objs, err := s.exchange.Received(r.Context(), kuzet.PrincipalFromContext(r.Context()), id, r.URL.Query().Get("status"), limit)
	if err != nil {
		return err
	}
	out := struct {
		Objects []receivedObject `json:"objects"`
	}{Objects: make([]receivedObject, 0, len(objs))}
	for _, o := range objs {
		ro := receivedObject{ID: o.ID, Type: o.Type, Status: o.Status, Reason: o.Reason, ReceivedAt: exchange.FormatTime(o.CreatedAt)}
		if !o.Modified.IsZero() {
			ro.Modified = exchange.FormatTime(o.Modified)
		}
		if json.Valid(o.Body) {
			ro.Object = o.Body
		} else {
			ro.Object, _ = json.Marshal(string(o.Body)) // a malformed object, quoted as received
		}
		out.Objects = append(out.Objects, ro)
	}
	return writeJSON(w, http.StatusOK, out)
}

type partnerRequest struct {
	Confidence       float64 `json:"confidence"`
	AllowAmber       bool    `json:"allow_amber"`
	AllowAmberStrict bool    `json:"allow_amber_strict"`
}

type partnerResponse struct {
	OrgID            int64   `json:"org_id"`
	Confidence       float64 `json:"confidence"`
	AllowAmber       bool    `json:"allow_amber"`
	AllowAmberStrict bool    `json:"allow_amber_strict"`
	UpdatedAt        string  `json:"updated_at"`
}

func (s *Server) handlePutPartner(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("org_id"), 10, 64)
	if err != nil || id <= 0 {
		return kuzet.Invalid("org_id", "org_id must be an organisation's number")
	}
	var req partnerRequest
	if err := s.decodeJSON(r, &req); err != nil {
		return err
	}
	p, err := s.exchange.SetPartner(r.Context(), kuzet.PrincipalFromContext(r.Context()), id,
		exchange.PartnerSettings{Confidence: req.Confidence, AllowAmber: req.AllowAmber, AllowAmberStrict: req.AllowAmberStrict})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, partnerResponse{OrgID: p.OrgID, Confidence: p.Confidence, AllowAmber: p.AllowAmber,
		AllowAmberStrict: p.AllowAmberStrict, UpdatedAt: exchange.FormatTime(p.UpdatedAt)})
}

type markingRequest struct {
	Kind  kuzet.Kind `json:"kind"`
	Value string     `json:"value"`
	TLP   kuzet.TLP  `json:"tlp"`
}

type markingResponse struct {
	Kind  kuzet.Kind `json:"kind"`
	Value string     `json:"value"`
	TLP   kuzet.TLP  `json:"tlp"`
}

func (s *Server) handlePostMarking(w http.ResponseWriter, r *http.Request) error {
	var req markingRequest
	if err := s.decodeJSON(r, &req); err != nil {
		return err
	}
	ind, err := s.exchange.SetMarking(r.Context(), kuzet.OrgIDFromContext(r.Context()), req.Kind, req.Value, req.TLP)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, markingResponse{Kind: ind.Kind, Value: ind.Value, TLP: kuzet.TLP(req.TLP)})
}
