package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/freeze"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/payments"
	"github.com/kuzet/kuzet/webhook"
)

// PaymentsConfig configures the anti-fraud centre (package payments).
type PaymentsConfig struct {
	Memory         time.Duration // stored checks replayed into memory at start
	FreezeDeadline time.Duration // a bank's time to answer a freeze request
	Rules          string        // a rules file to make live at start; the stored live rules when empty
	DispatchEvery  time.Duration // how often due webhook deliveries are sent
	EscalateEvery  time.Duration // how often overdue freeze requests are looked for
	// WriterLinger and WriterBatch tune the check writer
	// (payments.WriterConfig); a replay sets them, the server keeps the
	// defaults (a linger of serverWriterLinger).
	WriterLinger time.Duration
	WriterBatch  int

	// WebhookAllowHTTP are the hosts webhooks may reach over plain http;
	// WebhookAllowHosts the hosts, addresses and prefixes they may reach
	// inside the deployment's network (freeze.WebhookPolicy).
	WebhookAllowHTTP  []string
	WebhookAllowHosts []string
}

// withDefaults returns c with its zero durations set to the defaults, for
// programs that build a Main without its flags.
func (c PaymentsConfig) withDefaults() PaymentsConfig {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.Memory, 7*24*time.Hour)
	def(&c.FreezeDeadline, 30*time.Minute)
	def(&c.DispatchEvery, time.Second)
	def(&c.EscalateEvery, time.Minute)
	return c
}

func (m *Main) paymentFlags(fs *flag.FlagSet) {
	c := &m.Config.Payments
	d := c.withDefaults()
	fs.DurationVar(&c.Memory, "payments-memory", d.Memory,
		"stored payment checks replayed into memory at start: the payers' habits and the payees' fan-in")
	fs.DurationVar(&c.FreezeDeadline, "freeze-deadline", d.FreezeDeadline, "how long a bank has to answer a freeze request")
	fs.StringVar(&c.Rules, "payment-rules", c.Rules, "payment rules `file` (docs/payments.md) to make live at start;\n"+
		"the rules loaded through the API, or the built-in ones, when empty")
	fs.DurationVar(&c.DispatchEvery, "webhook-every", d.DispatchEvery, "how often due webhook deliveries are sent")
	fs.DurationVar(&c.EscalateEvery, "escalate-every", d.EscalateEvery, "how often overdue freeze requests are escalated")
	fs.Var(listFlag{&c.WebhookAllowHTTP}, "webhook-allow-http", "`hosts` webhooks may reach over plain http (comma-separated or repeated);\n"+
		"every other webhook URL must be https")
	fs.Var(listFlag{&c.WebhookAllowHosts}, "webhook-allow-hosts", "`hosts`, addresses or prefixes (10.20.0.0/16) inside the deployment's network that\n"+
		"webhooks may reach; loopback, private, link-local and other internal addresses are refused otherwise")
}

// paymentsPart is the anti-fraud centre of a running server: the service
// the API serves, the writer that stores checks off the request's path,
// and the jobs that push webhooks and escalate overdue freeze requests.
type paymentsPart struct {
	Service *payments.Service
	Freeze  *freeze.Service
	Writer  *payments.Writer
	Engine  *payments.Engine

	rebuiltAt time.Time // when Rebuild began reading the stored checks

	dispatcher *freeze.Dispatcher
	stop       context.CancelFunc
	jobs       sync.WaitGroup
}

// newPayments builds the payments engine, fed by the registry's index and
// the telecom service's active-call signal, and its service, and the
// freeze service. Returns an error for a webhook allow-list entry that is
// not a host, address or prefix.
// serverWriterLinger is how long the server's check writer waits to fill a
// batch: at a few thousand checks a second it then stores dozens a
// transaction instead of a few, which took a tenth more checks a second at
// saturation (docs/benchmarks.md). Checks are off the decision's path, and
// a read of checks (their list, one check, an outcome) first has the
// writer store what it holds, so no one waits the linger out.
const serverWriterLinger = 5 * time.Millisecond

func (m *Main) newPayments(parser *ident.Parser) (*paymentsPart, error) {
	hooks, err := freeze.NewWebhookPolicy(m.Config.Payments.WebhookAllowHTTP, m.Config.Payments.WebhookAllowHosts)
	if err != nil {
		return nil, usagef("--webhook-allow-http, --webhook-allow-hosts: %s", kuzet.ErrorMessage(err))
	}
	store := m.Store
	p := &paymentsPart{Writer: payments.NewWriter(payments.WriterConfig{Store: store, Logger: m.Logger,
		Linger: cmp.Or(m.Config.Payments.WriterLinger, serverWriterLinger), Batch: m.Config.Payments.WriterBatch})}
	var calls payments.CallSignals // nil, not a nil *telecom.Service, without one
	if m.Telecom != nil {
		calls = m.Telecom
	}
	engine := payments.NewEngine(payments.EngineConfig{Indicators: m.Registry.Index(), Calls: calls, Sink: m.clusterSink(p.Writer),
		CardKey: parser.CardKey, CardLegacyKey: parser.CardLegacyKey, Clock: m.Clock})
	p.Engine = engine
	p.Service = payments.NewService(payments.Config{Engine: engine, Store: store, Writer: p.Writer,
		Clock: m.Clock, Audit: m.Audit, Logger: m.Logger, Registry: m.Registry, Outcomes: m.clusterOutcomes()})
	p.Freeze = freeze.NewService(freeze.Config{Store: store, Registry: m.Registry, Parser: parser,
		Clock: m.Clock, Audit: m.Audit, Logger: m.Logger, Deadline: m.Config.Payments.FreezeDeadline, Webhooks: hooks,
		Cases: m.Cases})
	p.dispatcher = freeze.NewDispatcher(freeze.DispatcherConfig{Store: store,
		Doer: webhook.New(webhook.Config{Timeout: 10 * time.Second, Policy: hooks}), Clock: m.Clock, Logger: m.Logger})
	return p, nil
}

// start loads the rules, replays the stored checks into memory, and
// starts the jobs. It runs once the registry is loaded, before the API
// takes traffic: the memory it fills is what the first checks are
// measured against.
func (p *paymentsPart) start(ctx context.Context, m *Main) error {
	c := m.Config.Payments.withDefaults()
	if err := p.Service.LoadRules(ctx); err != nil {
		return err
	}
	if c.Rules != "" {
		src, err := os.ReadFile(c.Rules)
		if err != nil {
			return fmt.Errorf("payment rules: %w", err)
		}
		if p.Service.Rules().Source != string(src) {
			if _, err := p.Service.SetRules(ctx, 0, string(src), kuzet.RulesLive); err != nil {
				return fmt.Errorf("payment rules %s: %w", c.Rules, err)
			}
		}
	}
	start := time.Now()
	p.rebuiltAt = start
	n, err := p.Service.Rebuild(ctx, m.Clock().Add(-c.Memory))
	if err != nil {
		return err
	}
	mem := p.Service.Memory()
	m.Logger.Info("payment memory rebuilt", "checks", n, "payers", mem.Payers, "payees", mem.Payees,
		"rules", p.Service.Rules().ID(), "took", time.Since(start).String())

	p.register(m.API.Registerer())
	jctx, stop := context.WithCancel(context.Background())
	p.stop = stop
	p.jobs.Go(func() { p.Freeze.EscalateEvery(jctx, c.EscalateEvery) })
	p.jobs.Go(func() { p.dispatcher.Run(jctx, c.DispatchEvery) })
	return nil
}

// register exports the writer's and the engine's state as metrics.
func (p *paymentsPart) register(r prometheus.Registerer) {
	w, e := p.Writer, p.Service
	gauge := func(name, help string, fn func() float64) prometheus.Collector {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, fn)
	}
	counter := func(name, help string, fn func() float64) prometheus.Collector {
		return prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help}, fn)
	}
	impaired := func() float64 {
		if w.Impaired() {
			return 1
		}
		return 0
	}
	for _, c := range []prometheus.Collector{
		counter("kuzet_payment_checks_stored_total", "Payment checks written to the store.", func() float64 { return float64(w.Stats().Written) }),
		counter("kuzet_payment_checks_dropped_total", "Payment checks decided but never stored (queue full or store down too long).",
			func() float64 { return float64(w.Stats().Dropped) }),
		counter("kuzet_payment_store_failures_total", "Failed attempts to store payment checks.", func() float64 { return float64(w.Stats().Failures) }),
		gauge("kuzet_payment_checks_queued", "Payment checks waiting to be stored.", func() float64 { return float64(w.Stats().Queued) }),
		gauge("kuzet_payment_store_impaired", "1 while storing checks fails: decisions carry the reason degraded.", impaired),
		gauge("kuzet_payment_payers", "Payers in the payment engine's memory.", func() float64 { return float64(e.Memory().Payers) }),
		gauge("kuzet_payment_payees", "Payees in the payment engine's memory.", func() float64 { return float64(e.Memory().Payees) }),
	} {
		r.MustRegister(c)
	}
}

// close stops the jobs and stores the checks still queued, giving up
// after wait. The API must have stopped taking checks.
func (p *paymentsPart) close(wait time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	if p.stop != nil {
		p.stop()
		p.jobs.Wait()
	}
	if err := p.Writer.Close(ctx); err != nil {
		st := p.Writer.Stats()
		return fmt.Errorf("payments: %d checks not stored at shutdown: %w", st.Dropped, err)
	}
	return nil
}
