// Package httpapi is kuzet's REST API: routing on the standard library's
// mux, API-key authentication, the role matrix enforced per route, RFC 9457
// problem details, body limits, Idempotency-Key replay, Prometheus metrics
// and the OpenAPI document.
package httpapi

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/access"
	"github.com/kuzet/kuzet/audit"
	"github.com/kuzet/kuzet/freeze"
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

// Config is what the server is made of: the services it translates HTTP
// for. A capability left nil is not served.
type Config struct {
	Store    kuzet.Store // Idempotency-Key answers and /readyz
	Access   *access.Service
	Registry *registry.Service
	Telecom  *telecom.Service
	Payments *payments.Service
	Freeze   *freeze.Service
	Web      *webwatch.Service
	Simbox   *simbox.Service
	Stats    *stats.Service
	Audit    *audit.Service
	Clock    kuzet.Clock
	Logger   *slog.Logger
	MaxBody  int64 // bytes; DefaultMaxBody when 0
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
	clock    kuzet.Clock
	logger   *slog.Logger
	maxBody  int64
	tel      *telecomAPI // nil without Config.Telecom

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
		freeze: cfg.Freeze, web: cfg.Web, simbox: cfg.Simbox, stats: cfg.Stats, audit: cfg.Audit,
		clock: cfg.Clock, logger: cfg.Logger, maxBody: cfg.MaxBody, mux: http.NewServeMux(),
	}
	if s.maxBody == 0 {
		s.maxBody = DefaultMaxBody
	}
	if s.clock == nil {
		s.clock = kuzet.SystemClock
	}
	if s.logger == nil {
		s.logger = slog.Default()
	}
	if s.stats == nil {
		s.stats = stats.NewService(stats.Config{Telecom: cfg.Telecom, Payments: cfg.Payments, Web: cfg.Web,
			Simbox: cfg.Simbox, Clock: s.clock})
	}
	s.metrics = newMetrics(s)

	s.mux.HandleFunc("GET /healthz", s.handleHealth)
	s.mux.HandleFunc("GET /readyz", s.handleReady)
	s.mux.Handle("GET /metrics", promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{}))
	s.mux.HandleFunc("GET /openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openAPIDocument)
	})
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, kuzet.Errorf(kuzet.ENOTFOUND, "no route %s %s", r.Method, r.URL.Path))
	})

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
	s.statsRoutes()
	if s.audit != nil {
		s.auditRoutes()
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
	s.mux.ServeHTTP(sw, r)
}

// handlerFunc is an API handler: it writes a success answer or returns the
// error to answer with.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// Route is an authenticated endpoint and the right it requires.
type Route struct {
	Pattern    string // as registered: "GET /v1/indicators/{kind}/{value...}"
	Permission kuzet.Permission
}

// Routes lists the authenticated endpoints, for tests and documentation.
func (s *Server) Routes() []Route { return s.routes }

// route registers an authenticated endpoint that requires perm.
func (s *Server) route(pattern string, perm kuzet.Permission, h handlerFunc) {
	s.routes = append(s.routes, Route{pattern, perm})
	post := strings.HasPrefix(pattern, "POST ")
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		if !s.ready.Load() {
			s.writeError(w, r, kuzet.Errorf(kuzet.EUNAVAILABLE, "starting: the registry is still loading"))
			return
		}
		p, err := s.authenticate(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if !p.Can(perm) {
			s.writeError(w, r, kuzet.Errorf(kuzet.EFORBIDDEN, "role %s may not %s", p.Key.Role, perm))
			return
		}
		r = r.WithContext(kuzet.NewContextWithPrincipal(r.Context(), p))
		if key := r.Header.Get("Idempotency-Key"); post && key != "" {
			err = s.idempotent(w, r, p, key, h)
		} else {
			err = h(w, r)
		}
		if err != nil {
			s.writeError(w, r, err)
		}
	})
}

func (s *Server) authenticate(r *http.Request) (*kuzet.Principal, error) {
	h := r.Header.Get("Authorization")
	secret, ok := strings.CutPrefix(h, "Bearer ")
	if !ok && h != "" {
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
	tx, err := s.store.Begin(ctx, false)
	if err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "store unavailable"})
		return
	}
	tx.Rollback()
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
	m.registry.MustRegister(m.requests, m.latency,
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
	m.requests.WithLabelValues(route, fmt.Sprint(status)).Inc()
	m.latency.WithLabelValues(route).Observe(d.Seconds())
}

// Registerer lets other parts of the program add their own metrics.
func (s *Server) Registerer() prometheus.Registerer { return s.metrics.registry }
