package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"math/rand/v2"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/freeze"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/payments"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/synth"
	"github.com/kuzet/kuzet/webhook"
)

// PaymentsConfig configures the anti-fraud centre (package payments).
type PaymentsConfig struct {
	Memory         time.Duration // stored checks replayed into memory at start
	FreezeDeadline time.Duration // a bank's time to answer a freeze request
	Rules          string        // a rules file to make live at start; the stored live rules when empty
	DispatchEvery  time.Duration // how often due webhook deliveries are sent
	EscalateEvery  time.Duration // how often overdue freeze requests are looked for

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

	dispatcher *freeze.Dispatcher
	stop       context.CancelFunc
	jobs       sync.WaitGroup
}

// newPayments builds the payments engine, fed by the registry's index and
// the telecom service's active-call signal, and its service, and the
// freeze service. Returns an error for a webhook allow-list entry that is
// not a host, address or prefix.
func (m *Main) newPayments(parser *ident.Parser) (*paymentsPart, error) {
	hooks, err := freeze.NewWebhookPolicy(m.Config.Payments.WebhookAllowHTTP, m.Config.Payments.WebhookAllowHosts)
	if err != nil {
		return nil, usagef("--webhook-allow-http, --webhook-allow-hosts: %s", kuzet.ErrorMessage(err))
	}
	store := m.Store
	p := &paymentsPart{Writer: payments.NewWriter(payments.WriterConfig{Store: store, Logger: m.Logger})}
	var calls payments.CallSignals // nil, not a nil *telecom.Service, without one
	if m.Telecom != nil {
		calls = m.Telecom
	}
	engine := payments.NewEngine(payments.EngineConfig{Indicators: m.Registry.Index(), Calls: calls, Sink: p.Writer,
		CardKey: parser.CardKey, CardLegacyKey: parser.CardLegacyKey, Clock: m.Clock})
	p.Service = payments.NewService(payments.Config{Engine: engine, Store: store, Writer: p.Writer,
		Clock: m.Clock, Audit: m.Audit, Logger: m.Logger, Registry: m.Registry})
	p.Freeze = freeze.NewService(freeze.Config{Store: store, Registry: m.Registry, Parser: parser,
		Clock: m.Clock, Audit: m.Audit, Logger: m.Logger, Deadline: m.Config.Payments.FreezeDeadline, Webhooks: hooks})
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

// runBenchPayments measures payment checks over HTTP: at a constant rate,
// for the latency a bank sees, then with a fixed number of connections
// sending as fast as they can, for the most the server does.
func runBenchPayments(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "bench payments", "bench payments [--url URL --key KEY[,KEY…]] [--rate R] [--duration D] [--saturate D] [--saturate-conns N]",
		"Sends POST /v1/payments/check at --rate a second for --duration (open loop: latency counted from\n"+
			"each request's scheduled time, so a slow server cannot hide its queue), then for --saturate\n"+
			"with --saturate-conns connections each sending its next check as soon as the last is answered,\n"+
			"and prints checks/s and latency percentiles, the client's and the server's own. The request\n"+
			"bodies are made before the clock starts: payers with habits, payees, a share of them mules.\n"+
			"Without --url it starts a server in this process on a temporary SQLite directory with three\n"+
			"banks and --indicators mule accounts in the registry; the load generator then shares the\n"+
			"machine with the server.")
	url := fs.String("url", "", "base `URL` of a running server; an in-process server when empty")
	keys := fs.String("key", "", "API `keys` of banks for --url, comma-separated")
	n := fs.Int("indicators", 100_000, "mule accounts to seed the in-process server's registry with")
	payers := fs.Int("payers", 100_000, "distinct payers in the bodies")
	rate := fs.Int("rate", 2000, "checks per `second` in the constant-rate phase")
	dur := fs.Duration("duration", 60*time.Second, "how long the constant-rate phase sends")
	conns := fs.Int("conns", 64, "most checks in flight in the constant-rate phase")
	sat := fs.Duration("saturate", 15*time.Second, "how long the saturation phase sends (0: skip it)")
	satConns := fs.Int("saturate-conns", 16, "connections of the saturation phase")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if *rate <= 0 || *dur <= 0 || *conns <= 0 || *satConns <= 0 || *payers <= 0 || *sat < 0 || *n < 0 {
		return usagef("--rate, --duration, --conns, --saturate-conns and --payers must be positive")
	}
	var bankKeys []string
	mules := make([]string, 0, 1000)
	if *url == "" {
		dir, err := os.MkdirTemp("", "kuzet-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		m := NewMain(env)
		m.Config.Data, m.Config.Addr, m.Config.LogLevel = dir, "127.0.0.1:0", "error"
		if err := m.Run(ctx); err != nil {
			m.Close()
			return err
		}
		defer m.Close()
		if bankKeys, mules, err = seedPaymentBench(ctx, env, m, *n); err != nil {
			return err
		}
		*url = m.URL()
	} else {
		if *keys == "" {
			return usagef("--key is required with --url")
		}
		bankKeys = strings.Split(*keys, ",")
	}
	reqs := paymentBodies(*payers, bankKeys, mules)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: max(*conns, *satConns), MaxConnsPerHost: max(*conns, *satConns)}}
	check := func(i int) (int, error) {
		r := &reqs[i%len(reqs)]
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, *url+"/v1/payments/check", bytes.NewReader(r.body))
		req.Header.Set("Authorization", "Bearer "+r.key)
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	// A second of warm-up: connections open, memory and caches filled.
	saturate(ctx, time.Second, *conns, func(i int) (int, error) { return check(len(reqs) - 1 - i%len(reqs)) })

	before, err := routeLatencies(ctx, client, *url, "POST /v1/payments/check")
	if err != nil {
		return err
	}
	res := constantRate(ctx, *rate, *dur, *conns, check)
	after, err := routeLatencies(ctx, client, *url, "POST /v1/payments/check")
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "POST /v1/payments/check at %d/s for %s: %s\n", *rate, *dur, res)
	fmt.Fprintf(env.Stdout, "  as the server measured them: %s\n", after.since(before))
	if *sat > 0 {
		before = after
		res = saturate(ctx, *sat, *satConns, check)
		after, err = routeLatencies(ctx, client, *url, "POST /v1/payments/check")
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "POST /v1/payments/check, saturated with %d connections: %s\n", *satConns, res)
		fmt.Fprintf(env.Stdout, "  as the server measured them: %s\n", after.since(before))
	}
	fmt.Fprintf(env.Stdout, "machine: %s, %d cores, %s\n", cpuModel(), runtime.NumCPU(), runtime.Version())
	return nil
}

// seedPaymentBench makes three banks and reports n mule accounts as the
// police; it returns the banks' keys and a sample of the mules.
func seedPaymentBench(ctx context.Context, env *Env, m *Main, n int) ([]string, []string, error) {
	var keys []string
	for i, code := range []string{"722", "826", "914"} {
		secret, _, err := m.Access.CreateOrg(ctx, &kuzet.Org{Name: fmt.Sprintf("Bench Bank %d", i+1), Type: kuzet.OrgBank,
			BIC: fmt.Sprintf("BNCH%dKZK", i+1), BankCode: code})
		if err != nil {
			return nil, nil, err
		}
		keys = append(keys, secret)
	}
	police := &kuzet.Org{Name: "Bench Police", Type: kuzet.OrgPolice}
	if _, _, err := m.Access.CreateOrg(ctx, police); err != nil {
		return nil, nil, err
	}
	start := time.Now()
	var sample []string
	for done := 0; done < n; {
		batch := make([]registry.Submission, 0, min(10_000, n-done))
		for k := range cap(batch) {
			iban := synth.KZIBAN("826", fmt.Sprintf("9%012d", done+k))
			batch = append(batch, registry.Submission{Kind: kuzet.KindIBAN, Value: iban, Category: kuzet.CategoryMuleAccount,
				Confidence: 0.9, Evidence: "bench"})
			if len(sample) < 1000 {
				sample = append(sample, iban)
			}
		}
		if _, err := m.Registry.Submit(ctx, police.ID, batch); err != nil {
			return nil, nil, err
		}
		done += len(batch)
	}
	fmt.Fprintf(env.Stderr, "seeded %d mule accounts in %s\n", n, time.Since(start).Round(time.Millisecond))
	return keys, sample, nil
}

// benchRequest is one prepared check.
type benchRequest struct {
	key  string
	body []byte
}

// paymentBodies prepares checks as banks would send them: each payer pays
// a few payees of its own, now and then someone new, and one payment in a
// hundred goes to a mule.
func paymentBodies(payers int, keys, mules []string) []benchRequest {
	r := rand.New(rand.NewPCG(7, 2025))
	out := make([]benchRequest, 50_000)
	for i := range out {
		p := r.IntN(payers)
		payee := synth.KZIBAN("914", fmt.Sprintf("%013d", p*4+r.IntN(4)))
		switch x := r.Float64(); {
		case x < 0.01 && len(mules) > 0:
			payee = mules[r.IntN(len(mules))]
		case x < 0.05:
			payee = synth.KZIBAN("722", fmt.Sprintf("%013d", r.Int64N(1e12)))
		}
		amount := math.Round(math.Exp(9+r.NormFloat64()*0.6)*100) / 100
		body := fmt.Appendf(nil, `{"payment_id":"b%d","amount":%.2f,"currency":"KZT","channel":"mobile_app",`+
			`"payer":{"account":"KZ%018d","phone":"+7701%07d","customer_id":"c%d","device_id":"d%d","ip":"95.56.%d.%d"},`+
			`"payee":{"iban":%q}}`, i, amount, p, p%10_000_000, p, p, p%256, 1+p%254, payee)
		out[i] = benchRequest{key: keys[p%len(keys)], body: body}
	}
	return out
}

// saturate calls do from conns goroutines, each as soon as its last call
// returned, for dur. Each latency is a call's own.
func saturate(ctx context.Context, dur time.Duration, conns int, do func(i int) (int, error)) loadResult {
	var (
		next atomic.Int64
		mu   sync.Mutex
		res  = loadResult{statuses: map[int]int{}}
		wg   sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(dur)
	for range conns {
		wg.Go(func() {
			var lat []time.Duration
			statuses, failed := map[int]int{}, 0
			for ctx.Err() == nil && time.Now().Before(deadline) {
				t := time.Now()
				status, err := do(int(next.Add(1) - 1))
				lat = append(lat, time.Since(t))
				if err != nil || status >= 500 {
					failed++
				}
				if err == nil {
					statuses[status]++
				}
			}
			mu.Lock()
			defer mu.Unlock()
			res.lat, res.failed, res.sent = append(res.lat, lat...), res.failed+failed, res.sent+len(lat)
			for s, n := range statuses {
				res.statuses[s] += n
			}
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	slices.Sort(res.lat)
	return res
}

// paymentTally counts the decisions on one kind of simulated payment.
type paymentTally struct{ n, stopped, reviewed int }

func (t *paymentTally) add(d kuzet.Decision) {
	t.n++
	switch {
	case d.Stops():
		t.stopped++
	case d == kuzet.DecisionReview:
		t.reviewed++
	}
}

func (t paymentTally) share() string {
	return fmt.Sprintf("%d of %d (%.1f%%)", t.stopped, t.n, 100*float64(t.stopped)/float64(max(1, t.n)))
}

// paymentDemo plays the synthetic country's payments through the API as
// its banks, operators and police would.
type paymentDemo struct {
	api    synth.Transport
	police string
	banks  map[string]string // key by BIC
	names  map[string]string // bank name by BIC
	telcos []synth.Telco
	keys   map[string]string // key by organisation name

	tallies              map[string]*paymentTally
	calls, checks, repts int
	scamChecks           map[int][]demoCheck
	frozen               kuzet.Amount
	raised               int
	trail                string // the report with the longest trail
	trailHops            int
	open                 map[string]int // unanswered requests by bank BIC
}

type demoCheck struct{ key, id string }

// post sends body as JSON and decodes a 2xx answer into out, if not nil.
func (d *paymentDemo) post(ctx context.Context, path, key string, body, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	status, resp, err := d.api(ctx, http.MethodPost, path, key, b)
	if err != nil {
		return fmt.Errorf("POST %s: %w", path, err)
	}
	if status/100 != 2 {
		return fmt.Errorf("POST %s: status %d: %.300s", path, status, resp)
	}
	if out != nil {
		return json.Unmarshal(resp, out)
	}
	return nil
}

// telco returns the key of the operator holding number's range, or "".
func (d *paymentDemo) telco(number string) string {
	for _, t := range d.telcos {
		for _, p := range t.Prefixes {
			if strings.HasPrefix(number, "+"+p) {
				return d.keys[t.Name]
			}
		}
	}
	return ""
}

// playDemoPayments plays days of the country's payments through the API:
// the calls reach the operators, every payment is checked by the payer's
// bank, and each victim's report is filed by the police; the victim's bank
// confirms the fraud, and the banks on the trail answer the freeze
// requests as the simulation says the money went. The last report's
// requests are left open, for the inbox. Time is the wall clock's: the
// engine's memory starts empty and a simulated day passes in a moment, so
// the figures are the demo's, not the quality measured on the simulation
// (docs/payments.md).
func playDemoPayments(ctx context.Context, env *Env, m *Main, keys []demoKey, seed uint64, days int) error {
	country := synth.New(seed)
	w := country.Payments(synth.PaymentConfig{Seed: seed, Days: days, Customers: 500, Merchants: 500, Mules: 12, ScamsPerDay: 15})
	d := &paymentDemo{api: apiTransport(m.URL()), banks: map[string]string{}, names: map[string]string{},
		telcos: country.Telcos, keys: map[string]string{}, tallies: map[string]*paymentTally{},
		scamChecks: map[int][]demoCheck{}, open: map[string]int{}}
	for _, k := range keys {
		d.keys[k.org.Name] = k.secret
		if k.org.BIC != "" {
			d.banks[k.org.BIC], d.names[k.org.BIC] = k.secret, k.org.Name
		}
		if k.org.Type == kuzet.OrgPolice {
			d.police = k.secret
		}
	}
	start := time.Now()
	// The mules the banks already know, reported in their names.
	for _, l := range w.Listed {
		err := d.post(ctx, "/v1/indicators", d.keys[l.Reporter], map[string]any{"indicators": []map[string]any{{
			"kind": l.Kind, "value": l.Value, "category": l.Category, "confidence": l.Confidence, "evidence": l.Evidence}}}, nil)
		if err != nil {
			return err
		}
	}
	var last int
	for i, e := range w.Events {
		if e.Report != nil {
			last = i
		}
	}
	for i, e := range w.Events {
		var err error
		switch {
		case e.Call != nil:
			err = d.call(ctx, e.Call)
		case e.Payment != nil:
			err = d.payment(ctx, e.Payment)
		case e.Report != nil:
			err = d.report(ctx, e.Report, i != last)
		}
		if err != nil {
			return err
		}
	}
	elapsed := time.Since(start)
	return d.print(ctx, env, w, days, elapsed)
}

func (d *paymentDemo) call(ctx context.Context, c *synth.EventCall) error {
	term := d.telco(c.B)
	if term == "" {
		return nil
	}
	d.calls++
	at := time.Now().UTC().Format(time.RFC3339Nano)
	id := "pay-" + c.CallID
	if origin := d.telco(c.A); c.Registered && origin != "" {
		err := d.post(ctx, "/v1/calls/originated", origin, map[string]any{"calls": []map[string]string{{
			"a": c.A, "b": c.B, "at": at, "call_id": id}}}, nil)
		if err != nil {
			return err
		}
	}
	return d.post(ctx, "/v1/calls/verify", term, map[string]any{"calls": []map[string]string{{
		"a": c.A, "b": c.B, "at": at, "call_id": id, "ingress": string(c.Ingress)}}}, nil)
}

func (d *paymentDemo) payment(ctx context.Context, p *synth.Payment) error {
	key := d.banks[p.BankBIC]
	pc := p.Check
	pc.CreatedAt = time.Now().UTC()
	var dec struct {
		CheckID  string         `json:"check_id"`
		Decision kuzet.Decision `json:"decision"`
	}
	if err := d.post(ctx, "/v1/payments/check", key, pc, &dec); err != nil {
		return err
	}
	d.checks++
	kind := "legitimate"
	switch p.Kind {
	case synth.PayScam:
		kind = "scam"
		d.scamChecks[p.ScamID] = append(d.scamChecks[p.ScamID], demoCheck{key, dec.CheckID})
	case synth.PayMuleForward:
		kind = "mule"
	}
	t := d.tallies[kind]
	if t == nil {
		t = &paymentTally{}
		d.tallies[kind] = t
	}
	t.add(dec.Decision)
	return nil
}

// report files a victim's report; the victim's bank confirms the fraud,
// and, if answer, the banks on the trail answer as the money truly went.
func (d *paymentDemo) report(ctx context.Context, r *synth.Report, answer bool) error {
	now := time.Now().UTC()
	transfers := make([]kuzet.Transfer, len(r.Transfers))
	for i, t := range r.Transfers {
		t.At = now
		transfers[i] = t
	}
	inds := []map[string]any{}
	for _, ind := range r.Indicators {
		// A victim may remember a number wrong; the API would refuse the
		// whole report for it, so the police leave it out.
		if _, err := (&ident.Parser{}).Parse(ind.Kind, ind.Value); err == nil {
			inds = append(inds, map[string]any{"kind": ind.Kind, "value": ind.Value})
		}
	}
	var rep struct {
		ReportID       string                 `json:"report_id"`
		FreezeRequests []*kuzet.FreezeRequest `json:"freeze_requests"`
	}
	err := d.post(ctx, "/v1/reports", d.police, map[string]any{"victim": r.Victim, "channel": r.Channel, "scheme": r.Scheme,
		"description": r.Description, "amount_lost": r.AmountLost, "currency": r.Currency, "indicators": inds,
		"transfers": transfers}, &rep)
	if err != nil {
		return err
	}
	d.repts++
	for _, c := range d.scamChecks[r.ScamID] {
		if err := d.post(ctx, "/v1/payments/"+c.id+"/outcome", c.key, map[string]string{"outcome": "fraud_confirmed"}, nil); err != nil {
			return err
		}
	}
	queue, hops := rep.FreezeRequests, 0
	for len(queue) > 0 {
		fr := queue[0]
		queue = queue[1:]
		d.raised++
		hops = max(hops, fr.Hop)
		if fr.Status != kuzet.FreezeOpen {
			continue
		}
		if !answer {
			d.open[fr.BankBIC]++
			continue
		}
		truth := r.Hops[fr.IBAN]
		ans := map[string]any{"status": kuzet.FreezeInsufficientFunds}
		if frozen := min(truth.Frozen, fr.Amount); frozen > 0 {
			ans = map[string]any{"status": kuzet.FreezeFrozen, "frozen_amount": frozen}
			d.frozen += frozen
		}
		var onward []kuzet.Transfer
		for _, t := range truth.Onward {
			t.At = now
			onward = append(onward, t)
		}
		ans["onward_transfers"] = onward
		var res struct{ Next []*kuzet.FreezeRequest }
		if err := d.post(ctx, "/v1/freeze-requests/"+fr.ID+"/response", d.banks[fr.BankBIC], ans, &res); err != nil {
			return err
		}
		queue = append(queue, res.Next...)
	}
	if hops > d.trailHops {
		d.trail, d.trailHops = rep.ReportID, hops
	}
	return nil
}

// print shows what the simulation did, from the API's own answers.
func (d *paymentDemo) print(ctx context.Context, env *Env, w *synth.PaymentWorld, days int, elapsed time.Duration) error {
	out := env.Stdout
	fmt.Fprintf(out, "Simulated payments through the API (%d day(s) of %d customers: %d checks, %d calls, %d victims' reports in %s):\n\n",
		days, w.Config.Customers, d.checks, d.calls, d.repts, elapsed.Round(time.Millisecond))
	tally := func(k string) paymentTally {
		if t := d.tallies[k]; t != nil {
			return *t
		}
		return paymentTally{}
	}
	scam, legit, mule := tally("scam"), tally("legitimate"), tally("mule")
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "  scam payments held or blocked\t%s\n", scam.share())
	fmt.Fprintf(tw, "  legitimate payments held or blocked\t%s, %d reviewed\n", legit.share(), legit.reviewed)
	fmt.Fprintf(tw, "  mules' onward transfers stopped\t%s\n", mule.share())
	tw.Flush()
	fmt.Fprintf(out, "  (a simulated day passes here in a moment, on an engine whose memory starts empty: a customer\n"+
		"  called from abroad stays \"on the call\" for the rest of the demo, and every payee is new, so more\n"+
		"  legitimate payments are held than on the simulation's own timeline; docs/payments.md has those figures)\n")

	status, body, err := d.api(ctx, http.MethodGet, "/v1/payments/prevented-loss", d.police, nil)
	if err != nil {
		return err
	}
	var loss struct {
		Totals []struct {
			Currency string
			Amount   kuzet.Amount
			Count    int64
		}
	}
	if status != http.StatusOK || json.Unmarshal(body, &loss) != nil {
		return fmt.Errorf("GET /v1/payments/prevented-loss: %d %.200s", status, body)
	}
	for _, t := range loss.Totals {
		fmt.Fprintf(out, "  prevented loss (GET /v1/payments/prevented-loss): %s %s in %d payments\n", t.Amount, t.Currency, t.Count)
	}
	fmt.Fprintf(out, "  freeze requests raised %d; frozen %s KZT\n", d.raised, d.frozen)
	if d.trail != "" {
		if err := d.printTrail(ctx, out); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "\n  Try it, with the variables exported below:\n")
	if d.trail != "" {
		fmt.Fprintf(out, "    curl -s -H \"Authorization: Bearer $POLICE\" $KUZET/v1/reports/%s/trail\n", d.trail)
	}
	for _, bic := range slices.Sorted(maps.Keys(d.open)) {
		fmt.Fprintf(out, "    curl -s -H \"Authorization: Bearer %s\" $KUZET/v1/freeze-requests?status=open   # %s: %d to answer\n",
			d.banks[bic], d.names[bic], d.open[bic])
	}
	if len(w.Listed) > 0 {
		fmt.Fprintf(out, "    # a payment to a known mule account, checked by a bank:\n"+
			"    curl -s -H \"Authorization: Bearer $BANK\" -H 'Content-Type: application/json' \\\n"+
			"      -d '{\"payment_id\":\"try-1\",\"amount\":150000,\"currency\":\"KZT\",\"payer\":{\"phone\":\"+77011234567\"},\"payee\":{\"iban\":\"%s\"}}' \\\n"+
			"      $KUZET/v1/payments/check\n", w.Listed[0].Value)
	}
	fmt.Fprintln(out)
	return nil
}

// printTrail prints the longest trail as the API answers it.
func (d *paymentDemo) printTrail(ctx context.Context, out io.Writer) error {
	status, body, err := d.api(ctx, http.MethodGet, "/v1/reports/"+d.trail+"/trail", d.police, nil)
	if err != nil {
		return err
	}
	var t freeze.Trail
	if status != http.StatusOK || json.Unmarshal(body, &t) != nil {
		return fmt.Errorf("GET /v1/reports/%s/trail: %d %.200s", d.trail, status, body)
	}
	fmt.Fprintf(out, "\n  The trail of one victim's money (GET /v1/reports/%s/trail, as the police):\n", d.trail)
	var walk func(ns []*freeze.TrailNode, depth int)
	walk = func(ns []*freeze.TrailNode, depth int) {
		for _, n := range ns {
			ind := strings.Repeat("  ", depth+2)
			switch n.Status {
			case kuzet.FreezeLeftSystem:
				fmt.Fprintf(out, "%shop %d  %s  left the system with %s %s\n", ind, n.Hop, n.IBAN, n.Amount, n.Currency)
			case kuzet.FreezeOpen:
				fmt.Fprintf(out, "%shop %d  %s  at %s: %s %s, awaiting the bank's answer\n", ind, n.Hop, n.IBAN, d.names[n.BankBIC], n.Amount, n.Currency)
			case kuzet.FreezeFrozen:
				fmt.Fprintf(out, "%shop %d  %s  at %s: frozen %s of %s %s\n", ind, n.Hop, n.IBAN, d.names[n.BankBIC],
					n.FrozenAmount, n.Amount, n.Currency)
			default:
				fmt.Fprintf(out, "%shop %d  %s  at %s: %s %s, %s\n", ind, n.Hop, n.IBAN, d.names[n.BankBIC], n.Amount, n.Currency, n.Status)
			}
			walk(n.Children, depth+1)
		}
	}
	walk(t.Requests, 0)
	fmt.Fprintf(out, "    in all: %d requests, %s frozen, %s gone abroad\n", t.Totals.Requests, t.Totals.Frozen, t.Totals.LeftSystem)
	return nil
}
