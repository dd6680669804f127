// Package httpapi is kuzet's REST API: routing on the standard library's
// mux, API-key authentication, the role matrix enforced per route, rate
// limits, a deadline on every request, RFC 9457 problem details for every
// error, body and query limits, Idempotency-Key replay, Prometheus metrics
// and the OpenAPI document.
package httpapi

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/access"
	"github.com/kuzet/kuzet/audit"
	"github.com/kuzet/kuzet/cases"
	"github.com/kuzet/kuzet/exchange"
	"github.com/kuzet/kuzet/freeze"
	"github.com/kuzet/kuzet/idempotency"
	"github.com/kuzet/kuzet/payments"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/simbox"
	"github.com/kuzet/kuzet/stats"
	"github.com/kuzet/kuzet/telecom"
	"github.com/kuzet/kuzet/webwatch"
)

//go:embed openapi.json
var openAPIDocument []byte

// OpenAPIDocument returns the served OpenAPI 3.1 document.
func OpenAPIDocument() []byte { return openAPIDocument }

// DefaultMaxBody is the default limit on a request body: room for a full
// batch of 10,000 items.
const DefaultMaxBody = 8 << 20

// DefaultDeadline is how long a request may run unless Config.Deadline says
// otherwise; past it the request's context ends and the client is answered
// 503. Every use case answers in milliseconds: this only cuts off one
// stuck on a hung store.
const DefaultDeadline = 30 * time.Second

// DefaultUploadDeadline is the deadline of a streamed upload (a CDR
// extract of up to 20 GB) unless Config.UploadDeadline says otherwise. An
// upload that stalls is cut off much sooner, by its idle timeout.
const DefaultUploadDeadline = 6 * time.Hour

// Config is what the server is made of: the services it translates HTTP
// for. A capability left nil is not served.
type Config struct {
	Store    kuzet.Store // for the Idempotency service, unless Idempotency is set
	Access   *access.Service
	Registry *registry.Service
	Telecom  *telecom.Service
	Payments *payments.Service
	Freeze   *freeze.Service
	Web      *webwatch.Service
	Simbox   *simbox.Service
	Stats    *stats.Service
	Audit    *audit.Service
	Exchange *exchange.Service
	Cases    *cases.Service
	Clock    kuzet.Clock
	Logger   *slog.Logger
	MaxBody  int64 // bytes; DefaultMaxBody when 0

	// Idempotency reserves Idempotency-Keys; one over Store when nil,
	// holding a reservation a minute longer than the Deadline.
	Idempotency *idempotency.Service

	// Health lists what must hold for /readyz to say ready, besides the
	// store answering (Access.Ping): a telecom table in conflict, say.
	Health []func(context.Context) error

	Limits         Limits        // request rates; DefaultLimits() when Roles is nil
	Deadline       time.Duration // how long a request may run; DefaultDeadline when 0
	UploadDeadline time.Duration // how long a streamed upload may run; DefaultUploadDeadline when 0
}

// Server is the API's http.Handler. Every handler is a method of it that
// decodes the request, calls one service method and encodes the answer.
type Server struct {
	store    kuzet.Store
	access   *access.Service
	registry *registry.Service
	telecom  *telecom.Service
	payments *payments.Service
	freeze   *freeze.Service
	web      *webwatch.Service
	simbox   *simbox.Service
	stats    *stats.Service
	audit    *audit.Service
	exchange *exchange.Service
	cases    *cases.Service
	clock    kuzet.Clock
	logger   *slog.Logger
	maxBody  int64
	tel      *telecomAPI // nil without Config.Telecom
	idem     *idempotency.Service
	health   []func(context.Context) error

	limits         Limits
	keyLimiters    *limiterSet[int64] // by API key ID
	addrLimiters   *limiterSet[addrKey]
	deadline       time.Duration
	uploadDeadline time.Duration

	mux     *http.ServeMux
	routes  []Route
	metrics *metrics
	ready   atomic.Bool
}

// New returns a server with every route registered. It answers /readyz
// with 503 until SetReady(true).
func New(cfg Config) *Server {
	s := &Server{
		store: cfg.Store, access: cfg.Access, registry: cfg.Registry, telecom: cfg.Telecom, payments: cfg.Payments,
		freeze: cfg.Freeze, web: cfg.Web, simbox: cfg.Simbox, stats: cfg.Stats, audit: cfg.Audit, exchange: cfg.Exchange,
		cases: cfg.Cases,
		clock: cfg.Clock, logger: cfg.Logger, maxBody: cfg.MaxBody, mux: http.NewServeMux(),
		idem: cfg.Idempotency, health: cfg.Health, limits: cfg.Limits, deadline: cfg.Deadline, uploadDeadline: cfg.UploadDeadline,
	}
	if s.maxBody == 0 {
		s.maxBody = DefaultMaxBody
	}
	if s.clock == nil {
		s.clock = kuzet.SystemClock
	}
	if s.deadline <= 0 {
		s.deadline = DefaultDeadline
	}
	if s.uploadDeadline <= 0 {
		s.uploadDeadline = DefaultUploadDeadline
	}
	if s.idem == nil {
		s.idem = idempotency.NewService(idempotency.Config{Store: s.store, Clock: s.clock, Pending: s.deadline + time.Minute})
	}
	if s.limits.Roles == nil {
		s.limits = DefaultLimits()
	}
	if s.limits.MaxTracked <= 0 {
		s.limits.MaxTracked = DefaultMaxTracked
	}
	s.keyLimiters = newLimiterSet[int64](s.limits.MaxTracked)
	s.addrLimiters = newLimiterSet[addrKey](s.limits.MaxTracked)
	if s.logger == nil {
		s.logger = slog.Default()
	}
	if s.stats == nil {
		s.stats = stats.NewService(stats.Config{Telecom: cfg.Telecom, Payments: cfg.Payments, Web: cfg.Web,
			Simbox: cfg.Simbox, Cases: cfg.Cases, Clock: s.clock})
	}
	s.metrics = newMetrics(s)

	s.open("GET /healthz", s.handleHealth)
	s.open("GET /readyz", s.handleReady)
	s.open("GET /metrics", promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{}).ServeHTTP)
	s.open("GET /openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openAPIDocument)
	})
	// Every request no route takes: 404, or 405 when another method would
	// do. The mux's own answers are plain text.
	s.open("/", s.handleUnrouted)

	s.route("GET /v1/whoami", kuzet.PermIndicatorRead, s.handleWhoami)
	// Each capability registers its routes from its own file.
	s.indicatorRoutes()
	if s.telecom != nil {
		s.telecomRoutes()
	}
	if s.web != nil {
		s.webRoutes()
	}
	if s.payments != nil {
		s.paymentRoutes()
	}
	if s.freeze != nil {
		s.freezeRoutes()
	}
	if s.simbox != nil {
		s.simboxRoutes()
	}
	if s.cases != nil {
		s.caseRoutes()
		s.graphRoutes()
	}
	s.statsRoutes()
	if s.audit != nil {
		s.auditRoutes()
	}
	if s.exchange != nil {
		s.exchangeRoutes()
		s.taxiiRoutes()
		s.mispRoutes()
	}
	return s
}

// SetReady marks the server ready (or not) to take traffic.
func (s *Server) SetReady(v bool) { s.ready.Store(v) }

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	start := time.Now()
	defer func() {
		if v := recover(); v != nil {
			s.logger.Error("panic serving request", "route", r.Pattern, "panic", fmt.Sprint(v))
			if !sw.wrote {
				s.writeError(sw, r, fmt.Errorf("panic: %v", v))
			}
		}
		route := r.Pattern
		if route == "" || route == "/" {
			route = "unmatched"
		}
		s.metrics.observe(route, sw.status, time.Since(start))
	}()
	if err := checkPath(r); err != nil {
		s.writeError(sw, r, err)
		return
	}
	s.mux.ServeHTTP(sw, r)
}

// checkPath refuses a path the mux would clean: it would redirect the client
// to another path (a URL indicator written into the path loses its "//" and
// is looked up as something else), and a redirect is not an answer. It also
// refuses a path that is not UTF-8 once decoded.
func checkPath(r *http.Request) error {
	p := r.URL.EscapedPath()
	if p == "" || p[0] != '/' {
		return kuzet.Errorf(kuzet.EINVALID, "the request path must start with /")
	}
	for i := 1; i < len(p); i++ {
		if p[i-1] != '/' {
			continue
		}
		seg := p[i:]
		if j := strings.IndexByte(seg, '/'); j >= 0 {
			seg = seg[:j+1]
		}
		if seg == "/" || seg == "." || seg == "./" || seg == ".." || seg == "../" {
			return kuzet.Errorf(kuzet.EINVALID, "the request path has an empty, . or .. segment, which would be "+
				"read as another path; percent-encode values in a path (%%2F for /), or look an indicator up "+
				"with GET /v1/indicators/{kind}?value=…")
		}
	}
	if !utf8.ValidString(r.URL.Path) {
		return kuzet.Errorf(kuzet.EINVALID, "the request path is not UTF-8 once percent-decoded")
	}
	return nil
}

// handleUnrouted answers a request that no route takes: 405 with Allow if
// the path has routes for other methods, else 404.
func (s *Server) handleUnrouted(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if m == r.Method {
			continue
		}
		other := *r
		other.Method = m
		if _, pattern := s.mux.Handler(&other); pattern != "" && pattern != "/" {
			allow = append(allow, m)
		}
	}
	if len(allow) == 0 {
		s.writeError(w, r, kuzet.Errorf(kuzet.ENOTFOUND, "no route %s %s", r.Method, r.URL.Path))
		return
	}
	w.Header().Set("Allow", strings.Join(allow, ", "))
	s.writeError(w, r, &statusError{http.StatusMethodNotAllowed,
		kuzet.Errorf(kuzet.EINVALID, "%s does not take %s: use %s", r.URL.Path, r.Method, strings.Join(allow, ", "))})
}

// handlerFunc is an API handler: it writes a success answer or returns the
// error to answer with.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// Route is an authenticated endpoint, the right it requires and the query
// parameters it takes.
type Route struct {
	Pattern    string // as registered: "GET /v1/indicators/{kind}/{value...}"
	Permission kuzet.Permission
	Query      []string // the query parameters taken; any other is refused
}

// Routes lists the authenticated endpoints, for tests and documentation.
func (s *Server) Routes() []Route { return s.routes }

// route registers an authenticated endpoint that requires perm and takes
// the query parameters named in query. A POST to it may carry an
// Idempotency-Key.
func (s *Server) route(pattern string, perm kuzet.Permission, h handlerFunc, query ...string) {
	s.handle(Route{pattern, perm, query}, h, s.deadline, strings.HasPrefix(pattern, "POST "))
}

// handle registers rt: not ready, unauthenticated, over its rate, not
// allowed or given unknown query parameters, a request is refused before h
// runs; h runs with the principal and a deadline in its context.
func (s *Server) handle(rt Route, h handlerFunc, deadline time.Duration, idempotent bool) {
	s.routes = append(s.routes, rt)
	run := func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.writeError(w, r, s.cutOff(r, err, deadline))
		}
	}
	s.mux.HandleFunc(rt.Pattern, func(w http.ResponseWriter, r *http.Request) {
		if !s.ready.Load() {
			s.writeError(w, r, kuzet.Errorf(kuzet.EUNAVAILABLE, "starting: the registry is still loading"))
			return
		}
		p, err := s.authenticate(r)
		if err != nil {
			// Guessing keys costs the address its allowance.
			if lerr := s.limitAnonymous(r); lerr != nil {
				err = lerr
			}
			s.writeError(w, r, err)
			return
		}
		if err := s.limitCaller(r, p); err != nil {
			s.writeError(w, r, err)
			return
		}
		if !p.Can(rt.Permission) {
			s.writeError(w, r, kuzet.Errorf(kuzet.EFORBIDDEN, "role %s may not %s", p.Key.Role, rt.Permission))
			return
		}
		if err := checkQuery(r, rt.Query); err != nil {
			s.writeError(w, r, err)
			return
		}
		ctx, cancel := withTimeout(kuzet.NewContextWithPrincipal(r.Context(), p), deadline)
		defer cancel()
		r = r.WithContext(ctx)
		if key, ok := r.Header["Idempotency-Key"]; idempotent && ok {
			if err := s.idempotent(w, r, key[0], run); err != nil {
				s.writeError(w, r, s.cutOff(r, err, deadline))
			}
			return
		}
		run(w, r)
	})
}

// cutOff turns the failure of a request whose context ended (its deadline
// passed, or its client left) into a 503 for the client instead of an
// internal error: the store did not fail, the request ran out of time.
func (s *Server) cutOff(r *http.Request, err error, deadline time.Duration) error {
	cause := r.Context().Err()
	if cause == nil || kuzet.ErrorCode(err) != kuzet.EINTERNAL {
		return err
	}
	if errors.Is(cause, context.DeadlineExceeded) {
		s.logger.Warn("request cut off at its deadline", "method", r.Method, "route", r.Pattern,
			"deadline", deadline.String(), "err", err)
		return kuzet.Errorf(kuzet.EUNAVAILABLE, "the request was not answered within %v: retry later", deadline)
	}
	return kuzet.Errorf(kuzet.EUNAVAILABLE, "the request was cancelled")
}

// open registers an endpoint that needs no key: limited per client address
// and taking no query parameters.
func (s *Server) open(pattern string, h http.HandlerFunc) {
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		if err := s.limitAnonymous(r); err != nil {
			s.writeError(w, r, err)
			return
		}
		if err := checkQuery(r, nil); err != nil && r.Pattern != "/" {
			s.writeError(w, r, err)
			return
		}
		h(w, r)
	})
}

// authenticate finds the caller of r by its Authorization header, whose
// scheme is matched without regard to case (RFC 9110).
func (s *Server) authenticate(r *http.Request) (*kuzet.Principal, error) {
	h := strings.TrimSpace(r.Header.Get("Authorization"))
	scheme, secret, _ := strings.Cut(h, " ")
	if strings.EqualFold(scheme, "Basic") && exchangePath(r.URL.Path) {
		// TAXII clients and MISP often speak only Basic: the key is the
		// password, the user name is not read.
		if key, ok := basicPassword(strings.TrimSpace(secret)); ok {
			return s.access.Authenticate(r.Context(), key)
		}
	}
	if h != "" && !strings.EqualFold(scheme, "Bearer") {
		return nil, kuzet.Errorf(kuzet.EUNAUTHORIZED, "Authorization must be: Bearer <key>")
	}
	return s.access.Authenticate(r.Context(), strings.TrimSpace(secret))
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	return json.NewEncoder(w).Encode(v)
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) {
	if !s.ready.Load() {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "starting"})
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.access.Ping(ctx); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "store unavailable"})
		return
	}
	for _, check := range s.health {
		if err := check(ctx); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": kuzet.ErrorMessage(err)})
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

type whoamiResponse struct {
	Org  *kuzet.Org `json:"org"`
	Role kuzet.Role `json:"role"`
}

func (s *Server) handleWhoami(w http.ResponseWriter, r *http.Request) error {
	p := kuzet.PrincipalFromContext(r.Context())
	return writeJSON(w, http.StatusOK, whoamiResponse{Org: p.Org, Role: p.Key.Role})
}

// statusWriter remembers the status written, for metrics and for knowing
// whether a panic can still be answered.
type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	limited  *prometheus.CounterVec

	// routes holds each route's series once looked up, copied on write:
	// finding a series by its label values hashes and formats them, a
	// measurable part of a small request's cost.
	routes   atomic.Pointer[map[string]*routeMetrics]
	routesMu sync.Mutex
}

// routeMetrics are one route's series: its latency, and its count by
// status, copied on write (a route answers few statuses).
type routeMetrics struct {
	latency  prometheus.Observer
	statuses atomic.Pointer[[]statusCounter]
}

type statusCounter struct {
	status int
	count  prometheus.Counter
}

func newMetrics(s *Server) *metrics {
	m := &metrics{registry: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "kuzet_http_requests_total", Help: "HTTP requests by route and status.",
	}, []string{"route", "status"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "kuzet_http_request_duration_seconds",
		Help:    "HTTP request latency by route.",
		Buckets: []float64{.0001, .00025, .0005, .001, .002, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
	}, []string{"route"})
	m.limited = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "kuzet_http_rate_limited_total", Help: "Requests refused with 429 for their rate, by the caller's role (anonymous: no valid key).",
	}, []string{"role"})
	limiters := func(kind string, n func() int) prometheus.GaugeFunc {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "kuzet_http_rate_limiters", Help: "Rate limiters held in memory: per key, or per client address.",
			ConstLabels: prometheus.Labels{"kind": kind},
		}, func() float64 { return float64(n()) })
	}
	m.registry.MustRegister(m.requests, m.latency, m.limited,
		limiters("key", s.keyLimiters.len), limiters("address", s.addrLimiters.len),
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "kuzet_registry_indicators", Help: "Indicators in the in-memory index.",
		}, func() float64 {
			if s.registry == nil {
				return 0
			}
			return float64(s.registry.Index().Len())
		}))
	return m
}

func (m *metrics) observe(route string, status int, d time.Duration) {
	rm := m.route(route)
	rm.latency.Observe(d.Seconds())
	rm.count(m, route, status).Inc()
}

// route returns route's series, making them on first use.
func (m *metrics) route(route string) *routeMetrics {
	if routes := m.routes.Load(); routes != nil {
		if rm := (*routes)[route]; rm != nil {
			return rm
		}
	}
	m.routesMu.Lock()
	defer m.routesMu.Unlock()
	var old map[string]*routeMetrics
	if routes := m.routes.Load(); routes != nil {
		old = *routes
	}
	if rm := old[route]; rm != nil {
		return rm
	}
	next := make(map[string]*routeMetrics, len(old)+1)
	maps.Copy(next, old)
	rm := &routeMetrics{latency: m.latency.WithLabelValues(route)}
	next[route] = rm
	m.routes.Store(&next)
	return rm
}

// count returns the counter of route's answers with status, making it on
// first use.
func (rm *routeMetrics) count(m *metrics, route string, status int) prometheus.Counter {
	if sc := rm.statuses.Load(); sc != nil {
		for _, c := range *sc {
			if c.status == status {
				return c.count
			}
		}
	}
	m.routesMu.Lock()
	defer m.routesMu.Unlock()
	var old []statusCounter
	if sc := rm.statuses.Load(); sc != nil {
		old = *sc
	}
	for _, c := range old {
		if c.status == status {
			return c.count
		}
	}
	c := statusCounter{status, m.requests.WithLabelValues(route, strconv.Itoa(status))}
	next := append(slices.Clip(old), c)
	rm.statuses.Store(&next)
	return c.count
}

// Registerer lets other parts of the program add their own metrics.
func (s *Server) Registerer() prometheus.Registerer { return s.metrics.registry }
