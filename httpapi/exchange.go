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
	s.exchangeGroupRoutes()
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

// exchangeGroupRoutes registers the police's sharing groups: partners who
// share one TAXII collection, each reading, writing or both.
func (s *Server) exchangeGroupRoutes() {
	s.route("PUT /v1/exchange/groups/{name}", kuzet.PermPartnerWrite, s.handlePutSharingGroup)
	s.route("GET /v1/exchange/groups", kuzet.PermPartnerWrite, s.handleSharingGroups)
	s.route("PUT /v1/exchange/collections/{collection_id}/cases/{case_id}", kuzet.PermPartnerWrite, s.handleShareCase)
}

// handleShareCase puts a case's summary into a partner's or group's
// collection: the police's choice, case by case.
func (s *Server) handleShareCase(w http.ResponseWriter, r *http.Request) error {
	col, id := r.PathValue("collection_id"), r.PathValue("case_id")
	if err := s.exchange.ShareCase(r.Context(), kuzet.PrincipalFromContext(r.Context()), col, id); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		CollectionID string `json:"collection_id"`
		CaseID       string `json:"case_id"`
	}{col, id})
}

type groupMember struct {
	OrgID    int64 `json:"org_id"`
	CanRead  bool  `json:"can_read"`
	CanWrite bool  `json:"can_write"`
}

type groupRequest struct {
	Description string        `json:"description"`
	Members     []groupMember `json:"members"`
}

type groupResponse struct {
	Name         string        `json:"name"`
	Description  string        `json:"description"`
	CollectionID string        `json:"collection_id"`
	Members      []groupMember `json:"members"`
	UpdatedAt    string        `json:"updated_at"`
}

func groupOf(g *kuzet.SharingGroup, collection string) groupResponse {
	out := groupResponse{Name: g.Name, Description: g.Description, CollectionID: collection, Members: []groupMember{},
		UpdatedAt: exchange.FormatTime(g.UpdatedAt)}
	for _, m := range g.Members {
		out.Members = append(out.Members, groupMember(m))
	}
	return out
}

func (s *Server) handlePutSharingGroup(w http.ResponseWriter, r *http.Request) error {
	var req groupRequest
	if err := s.decodeJSON(r, &req); err != nil {
		return err
	}
	in := exchange.GroupInput{Name: r.PathValue("name"), Description: req.Description}
	for _, m := range req.Members {
		in.Members = append(in.Members, kuzet.GroupMember(m))
	}
	g, c, err := s.exchange.PutGroup(r.Context(), kuzet.PrincipalFromContext(r.Context()), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, groupOf(g, c.ID))
}

func (s *Server) handleSharingGroups(w http.ResponseWriter, r *http.Request) error {
	gs, ids, err := s.exchange.Groups(r.Context(), kuzet.PrincipalFromContext(r.Context()))
	if err != nil {
		return err
	}
	out := struct {
		Groups []groupResponse `json:"groups"`
	}{Groups: make([]groupResponse, 0, len(gs))}
	for i, g := range gs {
		out.Groups = append(out.Groups, groupOf(g, ids[i]))
	}
	return writeJSON(w, http.StatusOK, out)
}
