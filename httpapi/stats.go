package httpapi

import (
	"bytes"
	"mime"
	"net/http"
	"strings"

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
	switch exportType(r.Header.Get("Accept")) {
	case "text/csv":
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="kuzet-stats.csv"`)
		return b.WriteCSV(w)
	case stats.XLSXType:
		var buf bytes.Buffer
		if err := b.WriteXLSX(&buf); err != nil {
			return err
		}
		w.Header().Set("Content-Type", stats.XLSXType)
		w.Header().Set("Content-Disposition", `attachment; filename="kuzet-stats.xlsx"`)
		_, err := w.Write(buf.Bytes())
		return err
	}
	return writeJSON(w, http.StatusOK, b)
}

// exportType picks the table form an Accept header asks for, in its
// order: "text/csv", the XLSX type, or "" for JSON.
func exportType(accept string) string {
	for _, part := range strings.Split(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case "text/csv", stats.XLSXType:
			return mt
		case "application/json", "application/*", "*/*":
			return ""
		}
	}
	return ""
}
