package httpapi

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/kuzet/kuzet"
)

// graphRoutes registers the link graph: police only.
func (s *Server) graphRoutes() {
	s.route("GET /v1/graph", kuzet.PermCaseRead, s.handleGraph, "seed", "depth", "types")
	s.route("GET /v1/graph/groups", kuzet.PermCaseRead, s.handleGroups, "limit")
}

// handleGraph answers the neighbourhood of ?seed=kind:value to ?depth=
// hops (2 by default), of the ?types= listed (comma-separated), as
// Cytoscape.js elements.
func (s *Server) handleGraph(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	depth := 2
	if v := q.Get("depth"); v != "" {
		d, err := strconv.Atoi(v)
		if err != nil {
			return kuzet.Invalid("depth", "depth must be a whole number")
		}
		depth = d
	}
	var types []string
	if v := q.Get("types"); v != "" {
		types = strings.Split(v, ",")
	}
	g, err := s.cases.Neighbourhood(r.Context(), kuzet.OrgIDFromContext(r.Context()), q.Get("seed"), depth, types)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, g)
}

// handleGroups ranks the communities of the link graph by victims and
// money.
func (s *Server) handleGroups(w http.ResponseWriter, r *http.Request) error {
	limit, err := queryLimit(r.URL.Query().Get("limit"), 1000)
	if err != nil {
		return err
	}
	gs, err := s.cases.Groups(r.Context())
	if err != nil {
		return err
	}
	if limit == 0 {
		limit = 100
	}
	if len(gs) > limit {
		gs = gs[:limit]
	}
	return writeJSON(w, http.StatusOK, map[string]any{"groups": gs})
}
