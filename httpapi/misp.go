package httpapi

import (
	"net/http"
	"strings"

	"github.com/kuzet/kuzet"
)

// mispRoutes registers the MISP feed: manifest.json, hashes.csv and one
// JSON file per event, which a partner's MISP fetches as a feed with its
// key in an Authorization header.
func (s *Server) mispRoutes() {
	s.route("GET /misp-feed/{file}", kuzet.PermExchange, s.handleMISPFeed)
}

func (s *Server) handleMISPFeed(w http.ResponseWriter, r *http.Request) error {
	file := r.PathValue("file")
	p := kuzet.PrincipalFromContext(r.Context())
	switch {
	case file == "manifest.json":
		f, err := s.exchange.MISPFeed(r.Context(), p, file)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, f.Manifest())
	case file == "hashes.csv":
		f, err := s.exchange.MISPFeed(r.Context(), p, file)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		_, err = w.Write([]byte(f.Hashes()))
		return err
	case strings.HasSuffix(file, ".json"):
		f, err := s.exchange.MISPFeed(r.Context(), p, file)
		if err != nil {
			return err
		}
		e := f.Event(strings.TrimSuffix(file, ".json"))
		if e == nil {
			return kuzet.Errorf(kuzet.ENOTFOUND, "no event %s in the feed", kuzet.Clip(file, 60))
		}
		return writeJSON(w, http.StatusOK, map[string]any{"Event": e})
	}
	return kuzet.Errorf(kuzet.ENOTFOUND, "the feed holds manifest.json, hashes.csv and <event uuid>.json, not %s", kuzet.Clip(file, 60))
}
