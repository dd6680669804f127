package httpapi

import (
	"net/http"
	"strconv"

	"github.com/kuzet/kuzet"
)

// auditRoutes registers the police's and the regulator's view of the audit
// log, and its latest signed checkpoint.
func (s *Server) auditRoutes() {
	s.route("GET /v1/audit", kuzet.PermAuditRead, s.handleAudit)
	s.route("GET /v1/audit/checkpoint", kuzet.PermAuditRead, s.handleAuditCheckpoint)
}

// handleAudit answers who read or changed what: ?from=&to= (RFC 3339),
// &actor_org= (an organisation ID), &action=, &limit=, &cursor=.
func (s *Server) handleAudit(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var f kuzet.AuditFilter
	var err error
	if f.From, err = queryTime(q.Get("from"), "from"); err != nil {
		return err
	}
	if f.To, err = queryTime(q.Get("to"), "to"); err != nil {
		return err
	}
	if v := q.Get("actor_org"); v != "" {
		if f.OrgID, err = strconv.ParseInt(v, 10, 64); err != nil || f.OrgID <= 0 {
			return kuzet.Invalid("actor_org", "actor_org must be an organisation ID")
		}
	}
	f.Action = q.Get("action")
	if v := q.Get("limit"); v != "" {
		if f.Limit, err = strconv.Atoi(v); err != nil || f.Limit <= 0 {
			return kuzet.Invalid("limit", "limit must be a positive integer")
		}
	}
	page, err := s.audit.Query(r.Context(), kuzet.OrgIDFromContext(r.Context()), f, q.Get("cursor"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, page)
}

// handleAuditCheckpoint answers the latest signed checkpoint of the chain.
func (s *Server) handleAuditCheckpoint(w http.ResponseWriter, r *http.Request) error {
	c, err := s.audit.LastCheckpoint(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}
