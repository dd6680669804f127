// Package console is kuzet's web console for the members' analysts and its
// public portal for citizens: server-rendered html/template pages in
// Russian, Kazakh and English, with htmx, Apache ECharts and Cytoscape.js
// installed from npm at build time and embedded in the binary.
//
// Like httpapi it only translates: a page decodes its form, calls the same
// service method the API calls, and renders the answer. It holds no rule,
// opens no transaction and imports no store.
package console

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/access"
	"github.com/kuzet/kuzet/audit"
	"github.com/kuzet/kuzet/cases"
	"github.com/kuzet/kuzet/freeze"
	"github.com/kuzet/kuzet/payments"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/simbox"
	"github.com/kuzet/kuzet/stats"
	"github.com/kuzet/kuzet/telecom"
	"github.com/kuzet/kuzet/webwatch"
)

//go:embed templates/*.html
var templateFS embed.FS

// staticFS holds the console's own stylesheet and script, and in vendor/
// the npm packages' built files that `make assets` copies there.
//
//go:embed static
var staticFS embed.FS

// Config is what the console is made of: the services the API also serves.
// A capability left nil has no pages.
type Config struct {
	Access   *access.Service
	Registry *registry.Service
	Telecom  *telecom.Service
	Payments *payments.Service
	Freeze   *freeze.Service
	Web      *webwatch.Service
	Simbox   *simbox.Service
	Stats    *stats.Service
	Audit    *audit.Service
	Cases    *cases.Service
	Clock    kuzet.Clock
	Logger   *slog.Logger

	// Secure marks cookies Secure: set when the server is reached over
	// TLS, directly or through a proxy.
	Secure bool

	// PortalRate is how many portal submissions (checks and reports) one
	// address may make a second, with PortalBurst at once; 1 and 10 when 0.
	PortalRate  float64
	PortalBurst int
}

// Server is the console's and the portal's http.Handler.
type Server struct {
	cfg    Config
	clock  kuzet.Clock
	logger *slog.Logger
	mux    *http.ServeMux
	pages  map[string]*template.Template
	static http.Handler

	portalMu      sync.Mutex
	portalLimits  map[string]*rate.Limiter
	portalOrg     int64
	portalOrgOnce sync.Mutex
}

// New returns the console with every page registered.
func New(cfg Config) (*Server, error) {
	s := &Server{cfg: cfg, clock: cfg.Clock, logger: cfg.Logger, mux: http.NewServeMux(),
		portalLimits: map[string]*rate.Limiter{}}
	if s.clock == nil {
		s.clock = kuzet.SystemClock
	}
	if s.logger == nil {
		s.logger = slog.Default()
	}
	if s.cfg.PortalRate <= 0 {
		s.cfg.PortalRate = 1
	}
	if s.cfg.PortalBurst <= 0 {
		s.cfg.PortalBurst = 10
	}
	if err := s.parseTemplates(); err != nil {
		return nil, err
	}
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	s.static = http.StripPrefix("/static/", http.FileServerFS(sub))
	s.routes()
	return s, nil
}

// Paths reports whether the console serves path: everything but the API's
// own paths (the JSON API, TAXII and the MISP feed).
func Paths(path string) bool {
	switch {
	case strings.HasPrefix(path, "/v1/"), path == "/v1", path == "/healthz", path == "/readyz",
		path == "/metrics", path == "/openapi.json",
		strings.HasPrefix(path, "/taxii2/"), path == "/taxii2", strings.HasPrefix(path, "/misp-feed/"):
		return false
	}
	return true
}

func (s *Server) routes() {
	s.mux.HandleFunc("GET /static/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		s.static.ServeHTTP(w, r)
	})
	s.portalRoutes()
	s.sessionRoutes()
	s.pageRoutes()
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.notFound(w, r)
	})
}

// ServeHTTP implements http.Handler: every answer carries headers that keep
// the page from being framed, sniffed or made to load anything from
// elsewhere.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; "+
		"script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	defer func() {
		if v := recover(); v != nil {
			s.logger.Error("panic serving page", "path", r.URL.Path, "panic", fmt.Sprint(v))
			http.Error(w, "internal error", http.StatusInternalServerError)
		}
	}()
	s.mux.ServeHTTP(w, r)
}

// page is what every template gets.
type page struct {
	L       *L
	Title   string // catalogue key
	User    *kuzet.User
	Org     *kuzet.Org
	CSRF    string
	Path    string
	Nav     []navItem
	Flash   string // catalogue key
	Error   string // a sentence, already in the page's language where the rule gave one
	Portal  bool
	Data    any
	Elapsed time.Duration
}

// Can reports whether the signed-in user's role holds the permission
// named, so that a page links only to what the user may open.
func (p *page) Can(perm string) bool {
	return p.User != nil && p.User.Role.Can(kuzet.Permission(perm))
}

type navItem struct {
	Href, Key string
	Current   bool
}

func (s *Server) parseTemplates() error {
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return err
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return err
	}
	s.pages = map[string]*template.Template{}
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFS, n)
		if err != nil {
			return err
		}
		s.pages[name] = t
	}
	return nil
}

var funcs = template.FuncMap{
	"risk": func(r kuzet.Risk) string { return "risk." + string(r) },
	"str":  func(v any) string { return fmt.Sprint(v) },
	"add":  func(a, b int) int { return a + b },
	"seq": func(n int) []int {
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out
	},
	"ruleset": func(l *L, rs *payments.RuleSet) ruleSet { return ruleSet{L: l, Set: rs} },
	// dict passes a language and trail nodes to the recursive template.
	"dict": func(l *L, nodes []*freeze.TrailNode) trailNodes { return trailNodes{L: l, Nodes: nodes} },
}

type ruleSet struct {
	L   *L
	Set *payments.RuleSet
}

type trailNodes struct {
	L     *L
	Nodes []*freeze.TrailNode
}

// render writes the page name with status.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p *page) {
	t, ok := s.pages[name]
	if !ok {
		s.logger.Error("no such page template", "page", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	p.Path = r.URL.Path
	if p.L == nil {
		p.L = newL(chooseLang(w, r, s.cfg.Secure))
	}
	if p.CSRF == "" {
		p.CSRF = s.csrfToken(w, r)
	}
	if _, ok := catalogue[p.L.Lang][p.Error]; ok { // a key rather than a sentence
		p.Error = p.L.T(p.Error)
	}
	if !p.Portal && p.User != nil {
		p.Nav = s.nav(p)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		s.logger.Error("render page", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Language", p.L.Lang)
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	p := &page{Title: "error.notfound.title", Error: "", Portal: strings.HasPrefix(r.URL.Path, "/portal")}
	if sess := s.session(r); sess != nil {
		p.User, p.Org = sess.User, sess.Org
	}
	s.render(w, r, http.StatusNotFound, "error", p)
}

// csrfCookie holds the double-submitted token every form sends back.
const csrfCookie = "kuzet_csrf"

// csrfToken returns the visitor's CSRF token, setting its cookie on first
// sight.
func (s *Server) csrfToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) == 43 {
		return c.Value
	}
	if v, ok := r.Context().Value(csrfKey{}).(string); ok {
		return v
	}
	tok := randomToken()
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: tok, Path: "/", HttpOnly: true, Secure: s.cfg.Secure,
		SameSite: http.SameSiteStrictMode})
	*r = *r.WithContext(context.WithValue(r.Context(), csrfKey{}, tok))
	return tok
}

type csrfKey struct{}

// checkCSRF refuses a form post that is not from the console's own pages:
// its csrf field (or X-CSRF-Token header, for htmx) must equal the cookie,
// and a browser that says the request is cross-site is refused outright.
func checkCSRF(r *http.Request) bool {
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return false
	}
	c, err := r.Cookie(csrfCookie)
	if err != nil || c.Value == "" {
		return false
	}
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		got = r.PostFormValue("csrf")
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(c.Value)) == 1
}

func randomToken() string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// maxForm bounds a form body: a report with its transfers fits many times.
const maxForm = 64 << 10

// parseForm reads a posted form within maxForm and checks its CSRF token.
// It answers the error itself and returns false when the post is refused.
func (s *Server) parseForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		status := http.StatusBadRequest
		if errors.As(err, &mbe) {
			status = http.StatusRequestEntityTooLarge
		}
		s.render(w, r, status, "error", &page{Title: "error.badform.title", Error: "error.badform"})
		return false
	}
	if !checkCSRF(r) {
		s.render(w, r, http.StatusForbidden, "error", &page{Title: "error.csrf.title", Error: "error.csrf"})
		return false
	}
	return true
}

// message is the sentence to show for err in the page's language: the
// rule's own sentence for a user's mistake, a general one for the rest.
func (s *Server) message(l *L, err error) string {
	switch kuzet.ErrorCode(err) {
	case kuzet.EINVALID, kuzet.ECONFLICT, kuzet.ENOTFOUND:
		return l.T("error.invalid") + " " + kuzet.ErrorMessage(err)
	case kuzet.EFORBIDDEN, kuzet.EUNAUTHORIZED:
		return l.T("error.forbidden")
	}
	s.logger.Error("console", "err", err)
	return l.T("error.internal")
}
