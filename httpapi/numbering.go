package httpapi

import (
	"net/http"
	"strconv"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/telecom"
)

// Who serves which numbers: the national porting database's changes, the
// range holders' delegations, the list of members that lets operators name
// each other in them, and the SIM-box block list each operator reads for
// its own numbers.

func (s *Server) numberingRoutes() {
	s.route("POST /v1/portings", kuzet.PermPortingWrite, s.handlePortings)
	s.route("POST /v1/delegations", kuzet.PermDelegationWrite, s.handleDelegations)
	s.route("GET /v1/orgs", kuzet.PermOrgRead, s.handleOrgs)
	s.route("GET /v1/blocklists/simbox", kuzet.PermBlocklistRead, s.handleSimboxBlocklist, "since", "cursor", "limit")
}

type portingInput struct {
	MSISDN string `json:"msisdn"`
	// OrgID is a pointer so that a missing one is told from 0, which
	// names an operator not connected to the exchange.
	OrgID *int64 `json:"org_id"`
	At    string `json:"at"`
}

type portingsRequest struct {
	Portings []portingInput `json:"portings"`
}

// handlePortings records the national porting database's changes.
func (s *Server) handlePortings(w http.ResponseWriter, r *http.Request) error {
	var req portingsRequest
	if err := s.decodeJSON(r, &req); err != nil {
		return err
	}
	if err := checkBatch("portings", len(req.Portings)); err != nil {
		return err
	}
	resp := countsResponse{Errors: []batchItemError{}}
	ps := make([]kuzet.Porting, 0, len(req.Portings))
	var at []int
	for i, in := range req.Portings {
		p := kuzet.Porting{MSISDN: in.MSISDN}
		switch {
		case in.OrgID == nil:
			resp.Errors = append(resp.Errors, rejected("portings", i,
				kuzet.Invalid("org_id", "org_id is required: the operator serving the number, or 0 for one not connected")))
			continue
		case in.At != "":
			t, err := parseTime(in.At)
			if err != nil {
				resp.Errors = append(resp.Errors, rejected("portings", i, kuzet.Invalid("at", "at must be an RFC 3339 time")))
				continue
			}
			p.At = t
		}
		p.OrgID = *in.OrgID
		ps = append(ps, p)
		at = append(at, i)
	}
	errs, err := s.telecom.SetPortings(r.Context(), kuzet.OrgIDFromContext(r.Context()), ps)
	if err != nil {
		return err
	}
	for k, e := range errs {
		if e != nil {
			resp.Errors = append(resp.Errors, rejected("portings", at[k], e))
		}
	}
	sortItemErrors(resp.Errors)
	resp.Rejected = len(resp.Errors)
	resp.Accepted = len(req.Portings) - resp.Rejected
	return writeJSON(w, http.StatusOK, resp)
}

type delegationInput struct {
	MSISDN string `json:"msisdn"`
	Prefix string `json:"prefix"`
	OrgID  int64  `json:"org_id"`
	Revoke bool   `json:"revoke"`
}

type delegationsRequest struct {
	Delegations []delegationInput `json:"delegations"`
}

// handleDelegations makes or revokes the caller's delegations of numbers
// of its ranges to other operators.
func (s *Server) handleDelegations(w http.ResponseWriter, r *http.Request) error {
	var req delegationsRequest
	if err := s.decodeJSON(r, &req); err != nil {
		return err
	}
	if err := checkBatch("delegations", len(req.Delegations)); err != nil {
		return err
	}
	changes := make([]telecom.DelegationChange, len(req.Delegations))
	for i, in := range req.Delegations {
		changes[i] = telecom.DelegationChange{Delegation: kuzet.Delegation{MSISDN: in.MSISDN, Prefix: in.Prefix,
			OrgID: in.OrgID}, Revoke: in.Revoke}
	}
	errs, err := s.telecom.Delegate(r.Context(), kuzet.OrgIDFromContext(r.Context()), changes)
	if err != nil {
		return err
	}
	resp := countsResponse{Errors: []batchItemError{}}
	for i, e := range errs {
		if e != nil {
			resp.Errors = append(resp.Errors, rejected("delegations", i, e))
		}
	}
	resp.Rejected = len(resp.Errors)
	resp.Accepted = len(req.Delegations) - resp.Rejected
	return writeJSON(w, http.StatusOK, resp)
}

// memberView is how one member organisation is shown to another: who it
// is, and for an operator the ranges it holds.
type memberView struct {
	ID       int64         `json:"id"`
	Name     string        `json:"name"`
	Type     kuzet.OrgType `json:"type"`
	Prefixes []string      `json:"prefixes,omitempty"`
}

type orgsResponse struct {
	Orgs []memberView `json:"orgs"`
}

// handleOrgs lists the member organisations, so that operators can name
// each other in delegations and the regulator in portings.
func (s *Server) handleOrgs(w http.ResponseWriter, r *http.Request) error {
	orgs, err := s.access.Orgs(r.Context())
	if err != nil {
		return err
	}
	resp := orgsResponse{Orgs: make([]memberView, 0, len(orgs))}
	for _, o := range orgs {
		v := memberView{ID: o.ID, Name: o.Name, Type: o.Type}
		if o.Type == kuzet.OrgTelco {
			v.Prefixes = o.Prefixes
		}
		resp.Orgs = append(resp.Orgs, v)
	}
	return writeJSON(w, http.StatusOK, resp)
}

// blockedSIMView is one entry of the SIM-box block list.
type blockedSIMView struct {
	ID          int64     `json:"id"`
	MSISDN      string    `json:"msisdn,omitempty"`
	IMSI        string    `json:"imsi,omitempty"`
	IMEIs       []string  `json:"imeis"`
	ConfirmedAt time.Time `json:"confirmed_at"`
	BatchID     int64     `json:"batch_id,omitempty"`
	Reference   string    `json:"reference"`
}

type blocklistResponse struct {
	Entries []blockedSIMView `json:"entries"`
	Next    string           `json:"next,omitempty"`
	More    bool             `json:"more"`
}

// handleSimboxBlocklist answers a page of the caller's SIM-box block list.
func (s *Server) handleSimboxBlocklist(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var since time.Time
	if v := q.Get("since"); v != "" {
		t, err := parseTime(v)
		if err != nil {
			return kuzet.Invalid("since", "since must be an RFC 3339 time")
		}
		since = t
	}
	limit := 0
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > kuzet.WebPageMax {
			return kuzet.Invalid("limit", "limit must be 1 to %d", kuzet.WebPageMax)
		}
		limit = n
	}
	p, err := s.telecom.SimboxBlocklist(r.Context(), kuzet.OrgIDFromContext(r.Context()), since, q.Get("cursor"), limit)
	if err != nil {
		return err
	}
	resp := blocklistResponse{Entries: make([]blockedSIMView, len(p.Entries)), Next: p.Next, More: p.More}
	for i, e := range p.Entries {
		resp.Entries[i] = blockedSIMView{ID: e.ID, MSISDN: e.MSISDN, IMSI: e.IMSI, IMEIs: e.IMEIs, ConfirmedAt: e.ConfirmedAt,
			BatchID: e.BatchID, Reference: e.Reference}
	}
	return writeJSON(w, http.StatusOK, resp)
}
