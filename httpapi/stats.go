package httpapi

import (
	"net/http"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/stats"
)

func (s *Server) statsRoutes() {
	s.route("GET /v1/stats", kuzet.PermStatsRead, s.handleStats, "from", "to", "region")
}

// handleStats answers the briefing figures for ?from=&to= (RFC 3339; the
// last half-year by default) and ?region= (which narrows the figures that
// carry a region: prevented loss; the others are national).
func (s *Server) handleStats(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	from, err := queryTime(q.Get("from"), "from")
	if err != nil {
		return err
	}
	to, err := queryTime(q.Get("to"), "to")
	if err != nil {
		return err
	}
	b, err := s.stats.Briefing(r.Context(), stats.Query{From: from, To: to, Region: q.Get("region")})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, b)
}
