package httpapi

import (
	"encoding/base64"
	"encoding/json"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/exchange"
)

// TAXII 2.1 media types.
const (
	taxiiType = "application/taxii+json;version=2.1"
	stixType  = "application/stix+json;version=2.1"
	taxiiRoot = "/taxii2/api/"
)

// taxiiRoutes registers the TAXII 2.1 server: discovery, one API root, the
// caller's collections with their objects, manifest and versions, and the
// status of what the caller posted. Every endpoint needs the exchange
// right; which collections a caller sees is the exchange service's rule.
func (s *Server) taxiiRoutes() {
	page := []string{"added_after", "limit", "next", "match[id]", "match[type]", "match[version]", "match[spec_version]"}
	s.route("GET /taxii2/{$}", kuzet.PermExchange, s.handleTAXIIDiscovery)
	s.route("GET /taxii2/api/{$}", kuzet.PermExchange, s.handleTAXIIRoot)
	s.route("GET /taxii2/api/collections/{$}", kuzet.PermExchange, s.handleTAXIICollections)
	s.route("GET /taxii2/api/collections/{id}/{$}", kuzet.PermExchange, s.handleTAXIICollection)
	s.route("GET /taxii2/api/collections/{id}/objects/{$}", kuzet.PermExchange, s.handleTAXIIObjects, page...)
	s.route("POST /taxii2/api/collections/{id}/objects/{$}", kuzet.PermExchange, s.handleTAXIIAdd)
	s.route("GET /taxii2/api/collections/{id}/objects/{object_id}/{$}", kuzet.PermExchange, s.handleTAXIIObject,
		"added_after", "limit", "next", "match[version]", "match[spec_version]")
	s.route("GET /taxii2/api/collections/{id}/objects/{object_id}/versions/{$}", kuzet.PermExchange, s.handleTAXIIVersions,
		"added_after", "limit", "next", "match[spec_version]")
	s.route("GET /taxii2/api/collections/{id}/manifest/{$}", kuzet.PermExchange, s.handleTAXIIManifest, page...)
	s.route("GET /taxii2/api/status/{status_id}/{$}", kuzet.PermExchange, s.handleTAXIIStatus)
}

// acceptsTAXII answers 406 unless the client accepts TAXII 2.1's media
// type (or says nothing, or anything).
func acceptsTAXII(r *http.Request) error {
	h := r.Header.Values("Accept")
	if len(h) == 0 {
		return nil
	}
	for _, part := range strings.Split(strings.Join(h, ","), ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		if mt == "*/*" || mt == "application/*" ||
			mt == "application/taxii+json" && (params["version"] == "" || params["version"] == "2.1") {
			return nil
		}
	}
	return &statusError{http.StatusNotAcceptable, kuzet.Invalid("Accept",
		"the TAXII server answers only %s: set Accept to it", taxiiType)}
}

// writeTAXII answers with v in TAXII's media type.
func writeTAXII(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", taxiiType)
	w.WriteHeader(status)
	return json.NewEncoder(w).Encode(v)
}

// taxiiBase is the absolute URL of the API root as the client reached us.
func taxiiBase(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + taxiiRoot
}

type taxiiDiscovery struct {
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Default     string   `json:"default"`
	APIRoots    []string `json:"api_roots"`
}

func (s *Server) handleTAXIIDiscovery(w http.ResponseWriter, r *http.Request) error {
	if err := acceptsTAXII(r); err != nil {
		return err
	}
	root := taxiiBase(r)
	return writeTAXII(w, http.StatusOK, taxiiDiscovery{Title: "kuzet", Default: root, APIRoots: []string{root},
		Description: "Indicators of telephone and internet fraud shared with partner police, as STIX 2.1."})
}

type taxiiAPIRoot struct {
	Title            string   `json:"title"`
	Description      string   `json:"description"`
	Versions         []string `json:"versions"`
	MaxContentLength int      `json:"max_content_length"`
}

func (s *Server) handleTAXIIRoot(w http.ResponseWriter, r *http.Request) error {
	if err := acceptsTAXII(r); err != nil {
		return err
	}
	return writeTAXII(w, http.StatusOK, taxiiAPIRoot{Title: "kuzet exchange", Versions: []string{taxiiType},
		Description:      "One collection per partner: what kuzet shares with it, and what it sends.",
		MaxContentLength: exchange.MaxEnvelope})
}

type taxiiCollection struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	CanRead     bool     `json:"can_read"`
	CanWrite    bool     `json:"can_write"`
	MediaTypes  []string `json:"media_types"`
}

func collectionOf(c exchange.Collection) taxiiCollection {
	return taxiiCollection{ID: c.ID, Title: c.Title, Description: c.Description, CanRead: c.CanRead, CanWrite: c.CanWrite,
		MediaTypes: []string{stixType}}
}

func (s *Server) handleTAXIICollections(w http.ResponseWriter, r *http.Request) error {
	if err := acceptsTAXII(r); err != nil {
		return err
	}
	cs, err := s.exchange.Collections(r.Context(), kuzet.PrincipalFromContext(r.Context()))
	if err != nil {
		return err
	}
	out := struct {
		Collections []taxiiCollection `json:"collections,omitempty"`
	}{}
	for _, c := range cs {
		out.Collections = append(out.Collections, collectionOf(c))
	}
	return writeTAXII(w, http.StatusOK, out)
}

func (s *Server) handleTAXIICollection(w http.ResponseWriter, r *http.Request) error {
	if err := acceptsTAXII(r); err != nil {
		return err
	}
	c, err := s.exchange.Collection(r.Context(), kuzet.PrincipalFromContext(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeTAXII(w, http.StatusOK, collectionOf(c))
}

// taxiiQuery reads the paging and match[] parameters.
func taxiiQuery(r *http.Request) (exchange.Query, error) {
	v := r.URL.Query()
	var q exchange.Query
	if a := v.Get("added_after"); a != "" {
		t, ok := exchange.ParseTime(a)
		if !ok {
			return q, kuzet.Invalid("added_after", "added_after must be a timestamp such as 2026-01-02T03:04:05.000Z, not %q", kuzet.Clip(a, 40))
		}
		q.AddedAfter = t
	}
	if l := v.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n <= 0 {
			return q, kuzet.Invalid("limit", "limit must be a positive whole number, not %q", kuzet.Clip(l, 20))
		}
		q.Limit = n
	}
	q.Next = v.Get("next")
	list := func(name string) []string {
		var out []string
		for _, x := range v[name] {
			for _, y := range strings.Split(x, ",") {
				if y = strings.TrimSpace(y); y != "" {
					out = append(out, y)
				}
			}
		}
		return out
	}
	q.IDs, q.Types, q.Versions, q.SpecVersions = list("match[id]"), list("match[type]"), list("match[version]"), list("match[spec_version]")
	return q, nil
}

// datesAdded sets the X-TAXII-Date-Added-First and -Last headers of a page.
func datesAdded(w http.ResponseWriter, p *exchange.Page) {
	if len(p.Items) == 0 {
		return
	}
	first, last := p.Items[0].DateAdded, p.Items[0].DateAdded
	for _, it := range p.Items[1:] { // earlier versions of an object come with its last
		if it.DateAdded.Before(first) {
			first = it.DateAdded
		}
		if it.DateAdded.After(last) {
			last = it.DateAdded
		}
	}
	w.Header().Set("X-TAXII-Date-Added-First", exchange.FormatTime(first))
	w.Header().Set("X-TAXII-Date-Added-Last", exchange.FormatTime(last))
}

type taxiiEnvelope struct {
	More    bool              `json:"more"`
	Next    string            `json:"next,omitempty"`
	Objects []exchange.Object `json:"objects,omitempty"`
}

func (s *Server) taxiiPage(w http.ResponseWriter, r *http.Request, q exchange.Query) (*exchange.Page, error) {
	if err := acceptsTAXII(r); err != nil {
		return nil, err
	}
	p, err := s.exchange.Objects(r.Context(), kuzet.PrincipalFromContext(r.Context()), r.PathValue("id"), q)
	if err != nil {
		return nil, err
	}
	datesAdded(w, p)
	return p, nil
}

func envelopeOf(p *exchange.Page) taxiiEnvelope {
	env := taxiiEnvelope{More: p.More, Next: p.Next, Objects: make([]exchange.Object, len(p.Items))}
	for i := range p.Items {
		env.Objects[i] = p.Items[i].Object
	}
	return env
}

func (s *Server) handleTAXIIObjects(w http.ResponseWriter, r *http.Request) error {
	q, err := taxiiQuery(r)
	if err != nil {
		return err
	}
	p, err := s.taxiiPage(w, r, q)
	if err != nil {
		return err
	}
	return writeTAXII(w, http.StatusOK, envelopeOf(p))
}

func (s *Server) handleTAXIIObject(w http.ResponseWriter, r *http.Request) error {
	q, err := taxiiQuery(r)
	if err != nil {
		return err
	}
	q.IDs = []string{r.PathValue("object_id")}
	p, err := s.taxiiPage(w, r, q)
	if err != nil {
		return err
	}
	if len(p.Items) == 0 && q.Next == "" {
		return kuzet.Errorf(kuzet.ENOTFOUND, "object %s is not in the collection", kuzet.Clip(r.PathValue("object_id"), 80))
	}
	return writeTAXII(w, http.StatusOK, envelopeOf(p))
}

func (s *Server) handleTAXIIVersions(w http.ResponseWriter, r *http.Request) error {
	q, err := taxiiQuery(r)
	if err != nil {
		return err
	}
	q.IDs = []string{r.PathValue("object_id")}
	q.Versions = []string{"all"} // every version, oldest first
	p, err := s.taxiiPage(w, r, q)
	if err != nil {
		return err
	}
	if len(p.Items) == 0 && q.Next == "" {
		return kuzet.Errorf(kuzet.ENOTFOUND, "object %s is not in the collection", kuzet.Clip(r.PathValue("object_id"), 80))
	}
	out := struct {
		More     bool     `json:"more"`
		Next     string   `json:"next,omitempty"`
		Versions []string `json:"versions,omitempty"`
	}{More: p.More, Next: p.Next}
	for _, it := range p.Items {
		out.Versions = append(out.Versions, it.Version)
	}
	return writeTAXII(w, http.StatusOK, out)
}

type manifestRecord struct {
	ID        string `json:"id"`
	DateAdded string `json:"date_added"`
	Version   string `json:"version"`
	MediaType string `json:"media_type"`
}

func (s *Server) handleTAXIIManifest(w http.ResponseWriter, r *http.Request) error {
	q, err := taxiiQuery(r)
	if err != nil {
		return err
	}
	p, err := s.taxiiPage(w, r, q)
	if err != nil {
		return err
	}
	out := struct {
		More    bool             `json:"more"`
		Next    string           `json:"next,omitempty"`
		Objects []manifestRecord `json:"objects,omitempty"`
	}{More: p.More, Next: p.Next}
	for _, it := range p.Items {
		out.Objects = append(out.Objects, manifestRecord{ID: it.Object.ID, DateAdded: exchange.FormatTime(it.DateAdded),
			Version: it.Version, MediaType: stixType})
	}
	return writeTAXII(w, http.StatusOK, out)
}

// handleTAXIIAdd imports what a partner posts to its collection and
// answers the status resource (202), kept for GET status/{id}.
func (s *Server) handleTAXIIAdd(w http.ResponseWriter, r *http.Request) error {
	if err := acceptsTAXII(r); err != nil {
		return err
	}
	if _, params, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err == nil && params["version"] != "" && params["version"] != "2.1" {
		return &statusError{http.StatusUnsupportedMediaType, kuzet.Invalid("Content-Type",
			"Content-Type must be %s, not version %q", taxiiType, params["version"])}
	}
	body, err := readBody(r, exchange.MaxEnvelope, "application/taxii+json")
	if err != nil {
		return err
	}
	st, err := s.exchange.Add(r.Context(), kuzet.PrincipalFromContext(r.Context()), r.PathValue("id"), body)
	if err != nil {
		return err
	}
	return writeTAXII(w, http.StatusAccepted, st)
}

func (s *Server) handleTAXIIStatus(w http.ResponseWriter, r *http.Request) error {
	if err := acceptsTAXII(r); err != nil {
		return err
	}
	body, err := s.exchange.FindStatus(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.PathValue("status_id"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", taxiiType)
	_, err = w.Write(body)
	return err
}

// taxiiError is TAXII 2.1's error message, which a TAXII client expects
// instead of a problem document.
type taxiiError struct {
	Title       string             `json:"title"`
	Description string             `json:"description,omitempty"`
	ErrorCode   string             `json:"error_code,omitempty"`
	HTTPStatus  string             `json:"http_status"`
	Details     map[string]any     `json:"details,omitempty"`
	Errors      []kuzet.FieldError `json:"-"`
}

// writeTAXIIError answers a request under /taxii2/ with p as a TAXII error.
func writeTAXIIError(w http.ResponseWriter, p Problem) {
	e := taxiiError{Title: p.Title, Description: p.Detail, ErrorCode: p.Code, HTTPStatus: strconv.Itoa(p.Status)}
	if len(p.Errors) > 0 {
		e.Details = map[string]any{"errors": p.Errors}
	}
	w.Header().Set("Content-Type", taxiiType)
	w.WriteHeader(p.Status)
	json.NewEncoder(w).Encode(e)
}

// exchangePath reports whether path is the TAXII server's or the MISP
// feed's, which also take HTTP Basic authentication.
func exchangePath(path string) bool {
	return strings.HasPrefix(path, "/taxii2/") || strings.HasPrefix(path, "/misp-feed/")
}

// basicPassword returns the password of a Basic credential.
func basicPassword(cred string) (string, bool) {
	b, err := base64.StdEncoding.DecodeString(cred)
	if err != nil {
		return "", false
	}
	_, pw, ok := strings.Cut(string(b), ":")
	return pw, ok && pw != ""
}
