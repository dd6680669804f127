package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/access"
	"github.com/kuzet/kuzet/audit"
	"github.com/kuzet/kuzet/cases"
	"github.com/kuzet/kuzet/console"
	"github.com/kuzet/kuzet/exchange"
	"github.com/kuzet/kuzet/httpapi"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/keys"
	"github.com/kuzet/kuzet/natsbus"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/simbox"
	"github.com/kuzet/kuzet/stats"
	"github.com/kuzet/kuzet/telecom"
	"github.com/kuzet/kuzet/webwatch"
)

func init() {
	register("serve", "run the API server", func(ctx context.Context, env *Env, args []string) error {
		m := NewMain(env)
		if err := m.ParseFlags(args); err != nil {
			return err
		}
		if err := m.Run(ctx); err != nil {
			m.Close()
			return err
		}
		fmt.Fprintf(env.Stderr, "kuzet serving on %s\n", m.URL())
		<-ctx.Done()
		fmt.Fprintln(env.Stderr, "kuzet: shutting down")
		return m.Close()
	})
}

// Config is the server's configuration, from flags and KUZET_* variables.
type Config struct {
	Data     string // SQLite data directory
	DB       string // PostgreSQL URL; overrides Data
	KeyFile  string // the deployment's key file; DIR.key beside Data by default
	NATS     string // NATS URL for multi-node event streams
	Addr     string
	LogLevel string
	MaxBody  int64
	Shutdown time.Duration

	// NATSReplicas is how many JetStream servers keep each of the
	// cluster's streams (cluster.go).
	NATSReplicas int

	// Transport: TLS on every non-loopback listener, unless a proxy in
	// front terminates it (InsecureHTTP).
	TLSCert, TLSKey string
	InsecureHTTP    bool

	// CheckpointEvery is how often the server signs an audit checkpoint,
	// writes it to its log and serves it at GET /v1/audit/checkpoint.
	CheckpointEvery time.Duration

	Limits         httpapi.Limits // request rates by role (--rate-limit)
	Deadline       time.Duration  // how long a request may run
	UploadDeadline time.Duration  // how long a CDR upload may run

	// Call verification (package telecom); zero durations take its defaults.
	Plan          string // number plan file; the built-in Kazakh plan when empty
	CallWindow    time.Duration
	CallTolerance time.Duration
	CallGrace     time.Duration
	CallDeadline  time.Duration
	CallCapacity  int // calls held for matching and subscribers with a signal; 0: telecom's defaults

	Web      WebConfig      // internet monitoring (web.go)
	Payments PaymentsConfig // the anti-fraud centre (payments.go)
	CDR      CDRConfig      // CDR uploads and SIM-box analysis (simboxapi.go)
	Exchange ExchangeConfig // STIX/TAXII and the MISP feed (wire_exchange.go)
}

// Main is the program: ParseFlags, Run, Close. End-to-end tests start the
// real server in-process through it.
type Main struct {
	Config Config
	Env    *Env
	Clock  kuzet.Clock
	// AuthClock times the cache of authenticated keys [Clock]: a replay,
	// whose Clock follows the events, keeps it on the wall clock.
	AuthClock kuzet.Clock
	// CallClock is the telecom engine's [nil: the wall clock, read
	// coarsely]: a replay sets it to the events' clock, or every call of
	// a recorded session would be refused as outside the window.
	CallClock kuzet.Clock
	Logger    *slog.Logger

	Store    kuzet.Store
	Keys     *keys.Keys
	Access   *access.Service
	Audit    *audit.Recorder
	AuditLog *audit.Service
	Registry *registry.Service
	API      *httpapi.Server
	Console  *console.Server // the analysts' console and the citizens' portal
	Bus      *natsbus.Bus
	Telecom  *telecom.Service
	Web      *webwatch.Service
	Payments *paymentsPart // the anti-fraud centre (payments.go)

	Simbox *simbox.Service // CDR uploads and SIM-box suspects (simboxapi.go)
	Cases  *cases.Service  // cases, the link graph and the police figures (wire_cases.go)

	Exchange *exchange.Service // STIX/TAXII and the MISP feed (wire_exchange.go)

	feed  *natsbus.RegistryFeed
	calls *natsbus.OriginationFeed
	// blocklist publishes the SIM-box block lists (wire_telecom.go).
	blocklist *natsbus.BlocklistFeed
	ct        *ctFollowers
	// cluster is the node's share of a cluster's work (cluster.go);
	// checkStream replicates its payment checks and the outcomes reported
	// on them (clusterstreams.go).
	cluster     *clusterPart
	checkStream atomic.Pointer[natsbus.ReplicaStream]

	ln     net.Listener
	certs  *certReloader // nil without TLS
	http   *http.Server
	served chan error
	stop   context.CancelFunc // stops the maintenance loop and the jobs
	done   chan struct{}
	jobs   sync.WaitGroup
}

// maintenanceEvery is how often expired reports leave memory and old
// idempotent answers leave the store.
const maintenanceEvery = time.Hour

// idempotencyKeep is how long an Idempotency-Key's answer is replayed.
const idempotencyKeep = 24 * time.Hour

func (m *Main) maintain(ctx context.Context) {
	defer close(m.done)
	t := time.NewTicker(maintenanceEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		pruned := m.Registry.Prune()
		n, err := m.deleteOldIdempotency(ctx)
		if err != nil {
			m.Logger.Error("delete old idempotent answers", "err", err)
		}
		sessions, err := m.Access.DeleteExpiredSessions(ctx)
		if err != nil {
			m.Logger.Error("delete expired console sessions", "err", err)
		}
		m.Logger.Info("maintenance", "expired_reports_pruned", pruned, "idempotent_answers_deleted", n,
			"console_sessions_deleted", sessions)
	}
}

func (m *Main) deleteOldIdempotency(ctx context.Context) (int64, error) {
	tx, err := m.Store.Begin(ctx, true)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	n, err := tx.DeleteIdempotentResponses(ctx, m.Clock().Add(-idempotencyKeep))
	if err != nil {
		return 0, err
	}
	return n, tx.Commit()
}

// NewMain returns a program with default configuration.
func NewMain(env *Env) *Main {
	return &Main{
		Env:   env,
		Clock: kuzet.SystemClock,
		Config: Config{
			Data: "kuzet-data", Addr: "127.0.0.1:8080", LogLevel: "info",
			MaxBody: httpapi.DefaultMaxBody, Shutdown: 15 * time.Second, CheckpointEvery: 10 * time.Minute,
			Limits: httpapi.DefaultLimits(), Deadline: httpapi.DefaultDeadline, UploadDeadline: httpapi.DefaultUploadDeadline,
		},
	}
}

// ParseFlags reads the command line, then KUZET_* environment variables for
// every flag not given (KUZET_DATA, KUZET_DB, KUZET_ADDR, …).
func (m *Main) ParseFlags(args []string) error {
	fs := newFlagSet(m.Env, "serve", "serve [--data DIR | --db postgres://…] [--addr HOST:PORT] [--nats nats://…]",
		"Runs the API server. Flags not given are read from KUZET_<FLAG> environment variables\n"+
			"(KUZET_DATA, KUZET_DB, KUZET_KEY_FILE, KUZET_ADDR, KUZET_NATS, KUZET_TLS_CERT, …).\n"+
			"The key file is created beside a new --data directory; an existing store needs its own.\n"+
			"A non-loopback --addr needs --tls-cert and --tls-key, or --insecure-http behind a TLS proxy.\n"+
			"SIGINT or SIGTERM stops it gracefully: requests in flight finish, nothing acknowledged is lost.")
	m.storeFlags(fs)
	fs.StringVar(&m.Config.Addr, "addr", m.Config.Addr, "`host:port` to listen on")
	fs.StringVar(&m.Config.NATS, "nats", m.Config.NATS, "NATS `URL` for event streams between nodes")
	fs.IntVar(&m.Config.NATSReplicas, "nats-replicas", 1, "JetStream servers that keep each of the cluster's streams (3 in a 3-server cluster)")
	m.exchangeFlags(fs)
	fs.StringVar(&m.Config.LogLevel, "log-level", m.Config.LogLevel, "log `level`: debug, info, warn, error")
	fs.Int64Var(&m.Config.MaxBody, "max-body", m.Config.MaxBody, "largest request body in `bytes`")
	fs.DurationVar(&m.Config.Shutdown, "shutdown", m.Config.Shutdown, "how long to wait for requests in flight at shutdown")
	fs.StringVar(&m.Config.TLSCert, "tls-cert", m.Config.TLSCert, "TLS certificate `file` (PEM, chain included); reloaded on SIGHUP")
	fs.StringVar(&m.Config.TLSKey, "tls-key", m.Config.TLSKey, "TLS private key `file` (PEM)")
	fs.BoolVar(&m.Config.InsecureHTTP, "insecure-http", m.Config.InsecureHTTP,
		"serve plain HTTP on a non-loopback address: only behind a proxy that terminates TLS")
	fs.DurationVar(&m.Config.CheckpointEvery, "audit-checkpoint-every", m.Config.CheckpointEvery,
		"how often a signed audit checkpoint is logged and served at GET /v1/audit/checkpoint")

	fs.Var(&m.Config.Limits, "rate-limit", "request rates as comma-separated `role=rate[:burst]`: role is bank, telco, police,\n"+
		"regulator, partner, public (per key and client address) or anonymous (per address, no valid key);\n"+
		"rate is requests a second, or off")
	fs.DurationVar(&m.Config.Deadline, "request-deadline", m.Config.Deadline, "how long a request may run before it is answered 503")
	fs.DurationVar(&m.Config.UploadDeadline, "upload-deadline", m.Config.UploadDeadline, "how long a CDR upload may run")
	fs.StringVar(&m.Config.Plan, "plan", m.Config.Plan, "number plan `file` (docs/telecom.md); the built-in Kazakh plan when empty")
	fs.DurationVar(&m.Config.CallWindow, "call-window", 120*time.Second, "how long a registered call can be matched")
	fs.DurationVar(&m.Config.CallTolerance, "call-tolerance", 10*time.Second, "clock skew allowed between operators")
	fs.DurationVar(&m.Config.CallGrace, "call-grace", 30*time.Millisecond, "how long a verification waits for a late registration")
	fs.DurationVar(&m.Config.CallDeadline, "call-deadline", 50*time.Millisecond, "after this an undecidable verification passes (fail-open)")
	fs.IntVar(&m.Config.CallCapacity, "call-capacity", m.Config.CallCapacity,
		"registered calls held for matching, and subscribers with an active-call signal, at most; the memory of\n"+
			"first-time callers holds 4× as many pairs; 0 is 2,000,000, for a country's traffic (docs/deployment.md)")
	m.webFlags(fs)
	m.paymentFlags(fs)
	m.simboxFlags(fs)
	if err := parseFlags(m.Env, fs, args); err != nil {
		return err
	}
	return envFallback(fs, m.Env.Getenv)
}

// storeFlags adds the flags that choose the store.
func (m *Main) storeFlags(fs *flag.FlagSet) {
	fs.StringVar(&m.Config.Data, "data", m.Config.Data, "data `directory` for the embedded SQLite store")
	fs.StringVar(&m.Config.DB, "db", m.Config.DB, "PostgreSQL `URL` (postgres://…); overrides --data")
	keyFileFlag(fs, &m.Config.KeyFile)
}

// envFallback sets every flag not given on the command line from
// KUZET_<NAME>, if that is set.
func envFallback(fs *flag.FlagSet, getenv func(string) string) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if given[f.Name] || err != nil {
			return
		}
		name := "KUZET_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v := getenv(name); v != "" {
			if e := f.Value.Set(v); e != nil {
				err = usagef("%s=%q: %v", name, v, e)
			}
		}
	})
	return err
}

func newLogger(w io.Writer, level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, usagef("log level %q: %v", level, err)
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l})), nil
}

// Run opens the store, starts listening (answering /healthz at once and the
// API once the registry is loaded), loads the registry and returns.
func (m *Main) Run(ctx context.Context) (err error) {
	if m.Logger == nil {
		if m.Logger, err = newLogger(m.Env.Stderr, m.Config.LogLevel); err != nil {
			return err
		}
	}
	if (m.Config.TLSCert == "") != (m.Config.TLSKey == "") {
		return usagef("--tls-cert and --tls-key go together")
	}
	if m.Config.TLSCert == "" {
		if err := checkPlainHTTP(m.Config.Addr, m.Config.InsecureHTTP); err != nil {
			return err
		}
	} else if m.certs, err = newCertReloader(m.Config.TLSCert, m.Config.TLSKey, m.Logger); err != nil {
		return err
	}
	if m.Store, m.Keys, err = openKeyed(ctx, m.Config.Data, m.Config.DB, m.Config.KeyFile, true, m.Logger); err != nil {
		return err
	}
	if m.Config.KeyFile == "" && m.Config.DB == "" {
		m.Logger.Warn("the key file is kept beside the data directory by default: for production keep it apart from "+
			"the store and its backups (--key-file)", "key_file", keys.DefaultPath(m.Config.Data))
	}
	parser := &ident.Parser{CardKey: m.Keys.CardToken, CardLegacyKey: m.Keys.CardLegacy}
	authClock := m.Clock
	if m.AuthClock != nil {
		authClock = m.AuthClock
	}
	m.Access = access.NewService(m.Store, authClock)
	m.Audit = audit.NewRecorder(m.Store, m.Logger)
	m.AuditLog = audit.NewService(audit.Config{Store: m.Store, Audit: m.Audit, Signer: m.Keys.AuditSigner,
		Clock: m.Clock, Logger: m.Logger})
	m.Registry = registry.NewService(m.Store, parser, m.Clock, m.Audit)
	if m.Telecom, err = m.newTelecom(); err != nil {
		return err
	}
	// The streams are set up before the API, which publishes registrations
	// to the other nodes; they are followed once the state is loaded.
	if m.Config.NATS != "" {
		if m.Bus, err = natsbus.Open(ctx, m.Config.NATS, natsbus.Options{Logger: m.Logger, Replicas: m.Config.NATSReplicas}); err != nil {
			return err
		}
		if !m.clustered() { // a cluster follows the store's change log (cluster.go)
			if m.feed, err = m.Bus.RegistryFeed(ctx); err != nil {
				return err
			}
		}
		if m.calls, err = m.Bus.OriginationFeed(ctx, m.Telecom, natsbus.OriginationOptions{Window: m.Config.CallWindow}); err != nil {
			return err
		}
	}
	if m.calls != nil {
		m.Telecom.Originations.Subscribe(m.calls.PublishOriginated)
	}
	m.Cases = m.newCases(parser)
	if m.Payments, err = m.newPayments(parser); err != nil {
		return err
	}
	followers, err := m.openWeb()
	if err != nil {
		return err
	}
	if m.Simbox, err = m.startSimbox(ctx); err != nil {
		return err
	}
	briefing := stats.NewService(stats.Config{Telecom: m.Telecom, Payments: m.Payments.Service, Web: m.Web,
		Simbox: m.Simbox, Cases: m.Cases, Clock: m.Clock})
	m.API = httpapi.New(httpapi.Config{
		Stats: briefing, Store: m.Store, Access: m.Access, Registry: m.Registry, Clock: m.Clock, Logger: m.Logger, MaxBody: m.Config.MaxBody,
		Telecom: m.Telecom, Web: m.Web, Payments: m.Payments.Service, Freeze: m.Payments.Freeze,
		Simbox: m.Simbox, Audit: m.AuditLog, Health: []func(context.Context) error{func(context.Context) error { return m.Telecom.Health() }, m.clusterHealth}, Limits: m.Config.Limits, Deadline: m.Config.Deadline,
		UploadDeadline: m.Config.UploadDeadline, Exchange: m.newExchange(parser), Cases: m.Cases,
	})

	if m.Console, err = m.newConsole(briefing); err != nil {
		return fmt.Errorf("console: %w", err)
	}

	if m.ln, err = net.Listen("tcp", m.Config.Addr); err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	m.http = &http.Server{
		Handler:           routeConsole(m.API, m.Console),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(m.Logger.Handler(), slog.LevelWarn),
	}
	if m.certs != nil {
		m.http.TLSConfig = m.certs.tlsConfig()
		m.ln = tls.NewListener(m.ln, m.http.TLSConfig)
	}
	m.served = make(chan error, 1)
	go func() { m.served <- m.http.Serve(m.ln) }()

	start := time.Now()
	changesFrom, err := m.changeLogEnd(ctx)
	if err != nil {
		return err
	}
	if err := m.Registry.Load(ctx); err != nil {
		return fmt.Errorf("load registry: %w", err)
	}
	m.Logger.Info("registry loaded", "indicators", m.Registry.Index().Len(), "took", time.Since(start).String())
	if m.feed != nil {
		// Changes other nodes made while this one loaded are replayed from
		// the stream; replaying one already loaded is harmless.
		m.Registry.Changes.Subscribe(m.feed.Publish)
		if err := m.feed.Follow(ctx, start, m.Registry.Apply); err != nil {
			return err
		}
		m.Logger.Info("following registry changes", "nats", m.Config.NATS, "node", m.Bus.Node())
	}
	if err := m.Telecom.Open(ctx); err != nil {
		return err
	}
	if err := m.Telecom.RefreshOperators(ctx); err != nil {
		return fmt.Errorf("load operators' numbering ranges: %w", err)
	}
	if m.calls != nil {
		if err := m.calls.Start(ctx); err != nil {
			return err
		}
	}
	if err := m.startBlocklist(ctx); err != nil {
		return err
	}
	if err := m.Payments.start(ctx, m); err != nil {
		return err
	}
	var mctx context.Context
	mctx, m.stop = context.WithCancel(context.Background())
	m.done = make(chan struct{})
	go m.maintain(mctx)
	if m.Config.CheckpointEvery > 0 {
		m.jobs.Go(func() { m.AuditLog.CheckpointEvery(mctx, m.Config.CheckpointEvery) })
	}
	if err := m.startCluster(ctx, changesFrom); err != nil {
		return err
	}
	m.API.SetReady(true)
	if !m.startLeadCT(followers) {
		m.startCTFollowers(followers)
	}
	m.Logger.Info("serving", "addr", m.ln.Addr().String())
	return nil
}

// URL returns the server's base URL.
func (m *Main) URL() string {
	if m.ln == nil {
		return ""
	}
	if m.Config.TLSCert != "" {
		return "https://" + m.ln.Addr().String()
	}
	return "http://" + m.ln.Addr().String()
}

// Close stops taking requests, waits for those in flight, flushes the audit
// log and closes the store.
func (m *Main) Close() error {
	var errs []error
	if m.stop != nil {
		m.stop()
		<-m.done
		m.jobs.Wait()
		m.stop = nil
	}
	if m.certs != nil {
		m.certs.stop()
		m.certs = nil
	}
	m.stopCTFollowers() // before the store closes under them
	if m.http != nil {
		m.API.SetReady(false)
		ctx, cancel := context.WithTimeout(context.Background(), m.Config.Shutdown)
		if err := m.http.Shutdown(ctx); err != nil {
			errs = append(errs, fmt.Errorf("shutdown http: %w", err))
		}
		cancel()
		if err := <-m.served; err != nil && !errors.Is(err, http.ErrServerClosed) {
			errs = append(errs, err)
		}
		m.http = nil
	}
	if m.Simbox != nil { // its analyser stops before the store closes under it
		errs = append(errs, m.Simbox.Close())
		m.Simbox = nil
	}
	if m.Payments != nil { // the checks taken go to the store before it closes
		errs = append(errs, m.Payments.close(m.Config.Shutdown))
		m.Payments = nil
	}
	if m.feed != nil {
		m.feed.Stop()
		m.feed = nil
	}
	m.stopCluster()
	if m.calls != nil {
		m.calls.Stop()
		m.calls = nil
	}
	m.stopBlocklist()
	if m.Telecom != nil {
		// Flushes the call counters: the window itself is let go.
		errs = append(errs, m.Telecom.Close())
		m.Telecom = nil
	}
	if m.Bus != nil {
		errs = append(errs, m.Bus.Close())
		m.Bus = nil
	}
	if m.Audit != nil {
		errs = append(errs, m.Audit.Close())
		m.Audit = nil
	}
	if m.Store != nil {
		errs = append(errs, m.Store.Close())
		m.Store = nil
	}
	return errors.Join(errs...)
}

// newTelecom builds the call-verification engine. A number is flagged
// while the registry holds it for a spoofer's or a scammer's.
func (m *Main) newTelecom() (*telecom.Service, error) {
	cfg := telecom.Config{
		Window: m.Config.CallWindow, Tolerance: m.Config.CallTolerance,
		Grace: m.Config.CallGrace, Deadline: m.Config.CallDeadline,
		Clock:   m.CallClock,
		Store:   m.Store,
		Audit:   m.Audit,
		Flagged: m.Registry.FlaggedCaller,
		Logger:  m.Logger,
	}
	if n := m.Config.CallCapacity; n > 0 {
		cfg.MaxEntries, cfg.MaxSignals = n, n
		cfg.PairMemory = 4 * n
	}
	if m.Config.Plan != "" {
		f, err := os.Open(m.Config.Plan)
		if err != nil {
			return nil, fmt.Errorf("number plan: %w", err)
		}
		defer f.Close()
		if cfg.Plan, err = telecom.ParsePlan(f); err != nil {
			return nil, fmt.Errorf("number plan %s: %w", m.Config.Plan, err)
		}
	}
	e, err := telecom.NewService(cfg)
	if err != nil {
		return nil, fmt.Errorf("call verification: %w", err)
	}
	return e, nil
}
