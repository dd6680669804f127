package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/synth"
)

func init() {
	register("bench", "measure the server over HTTP (bench lookup, bench verify, bench payments)", runBench)
}

func runBench(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "lookup":
			return runBenchLookup(ctx, env, args[1:])
		case "verify":
			return runBenchVerify(ctx, env, args[1:])
		case "payments":
			return runBenchPayments(ctx, env, args[1:])
		case "-h", "--help":
			fmt.Fprintln(env.Stdout, "Usage: kuzet bench lookup|verify|payments [flags]\n\nRun 'kuzet bench lookup --help', 'kuzet bench verify --help' or 'kuzet bench payments --help' for their flags.")
			return nil
		}
	}
	return usagef("usage: kuzet bench lookup|verify|payments [flags]")
}

// runBenchLookup drives GET /v1/indicators/{kind}/{value} at a constant
// rate and reports latency percentiles.
func runBenchLookup(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "bench lookup", "bench lookup [--url URL --key KEY] [--indicators N] [--rate R] [--duration D]",
		"Sends GET /v1/indicators/phone/{value} at a constant rate (open loop: latency is counted from\n"+
			"each request's scheduled time, so a slow server cannot hide its queue) and prints percentiles.\n"+
			"Without --url it starts a server in this process on a temporary SQLite directory and seeds it\n"+
			"with --indicators reports first; the load generator then shares the machine with the server.")
	url := fs.String("url", "", "base `URL` of a running server; an in-process server when empty")
	key := fs.String("key", "", "API `key` for --url (a bank's, so that reads are audited as in production)")
	n := fs.Int("indicators", 100_000, "indicators to seed the in-process server with")
	rate := fs.Int("rate", 2000, "requests per `second`")
	dur := fs.Duration("duration", 30*time.Second, "how long to send")
	conns := fs.Int("conns", 64, "most requests in flight")
	role := fs.String("role", "bank", "role of the in-process key: bank (reads audited) or public (risk only, not audited)")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if *rate <= 0 || *dur <= 0 || *conns <= 0 {
		return usagef("--rate, --duration and --conns must be positive")
	}
	values := make([]string, 0, 10_000)
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
		secret, vs, err := seedBench(ctx, env, m, *n, kuzet.OrgType(*role))
		if err != nil {
			return err
		}
		*url, *key, values = m.URL(), secret, vs
	} else {
		if *key == "" {
			return usagef("--key is required with --url")
		}
		country := synth.New(7)
		for range cap(values) {
			values = append(values, country.Mobile())
		}
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *conns, MaxConnsPerHost: *conns}}
	res := constantRate(ctx, *rate, *dur, *conns, func(i int) (int, error) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, *url+"/v1/indicators/phone/"+values[i%len(values)], nil)
		req.Header.Set("Authorization", "Bearer "+*key)
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode, nil
	})
	fmt.Fprintf(env.Stdout, "GET /v1/indicators/phone/{value}: %s\n", res)
	fmt.Fprintf(env.Stdout, "machine: %s, %d cores, %s\n", cpuModel(), runtime.NumCPU(), runtime.Version())
	return nil
}

// seedBench creates an organisation of type reader and reports n phone
// numbers as the police; it returns the reader's key and a sample of the
// numbers, half of them known.
func seedBench(ctx context.Context, env *Env, m *Main, n int, reader kuzet.OrgType) (string, []string, error) {
	police := &kuzet.Org{Name: "Bench Police", Type: kuzet.OrgPolice}
	bank := &kuzet.Org{Name: "Bench Reader", Type: reader}
	if _, _, err := m.Access.CreateOrg(ctx, police); err != nil {
		return "", nil, err
	}
	secret, _, err := m.Access.CreateOrg(ctx, bank)
	if err != nil {
		return "", nil, err
	}
	country := synth.New(7)
	var values []string
	start := time.Now()
	for done := 0; done < n; {
		batch := make([]registry.Submission, 0, min(10_000, n-done))
		for range cap(batch) {
			v := country.Mobile()
			batch = append(batch, registry.Submission{Kind: kuzet.KindPhone, Value: v, Category: kuzet.CategoryScamCall, Confidence: 0.8})
			if len(values) < 5000 {
				values = append(values, v, country.Mobile())
			}
		}
		if _, err := m.Registry.Submit(ctx, police.ID, batch); err != nil {
			return "", nil, err
		}
		done += len(batch)
	}
	fmt.Fprintf(env.Stderr, "seeded %d indicators in %s\n", n, time.Since(start).Round(time.Millisecond))
	return secret, values, nil
}

// loadResult summarises a constant-rate run.
type loadResult struct {
	sent, failed int
	statuses     map[int]int
	elapsed      time.Duration
	lat          []time.Duration // sorted
}

func (r loadResult) percentile(p float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[min(len(r.lat)-1, int(float64(len(r.lat))*p))]
}

func (r loadResult) String() string {
	var st []string
	for code, n := range r.statuses {
		st = append(st, fmt.Sprintf("%d×%d", n, code))
	}
	slices.Sort(st)
	return fmt.Sprintf("%d requests in %s (%.0f/s), %d failed, statuses %s; latency p50 %s p90 %s p99 %s p99.9 %s max %s",
		r.sent, r.elapsed.Round(time.Millisecond), float64(r.sent)/r.elapsed.Seconds(), r.failed, strings.Join(st, " "),
		r.percentile(.50), r.percentile(.90), r.percentile(.99), r.percentile(.999), r.percentile(1))
}

// constantRate calls do at rate per second for dur with at most conns in
// flight, and measures each call's latency.
//
// A request is due at a fixed time. Its latency counts from then when it is
// late because every connection was busy (the server's slowness must not
// hide in the generator's queue), but from the dispatcher's wake-up when it
// is late only because the dispatcher overslept: timers on a VM can fire a
// millisecond late, which is the generator's delay, not the server's.
func constantRate(ctx context.Context, rate int, dur time.Duration, conns int, do func(i int) (int, error)) loadResult {
	total := int(float64(rate) * dur.Seconds())
	interval := time.Second / time.Duration(rate)
	type job struct {
		i     int
		begin time.Time
	}
	type sample struct {
		lat    time.Duration
		status int
		err    error
	}
	jobs := make(chan job)
	samples := make([]sample, total)
	var wg sync.WaitGroup
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				status, err := do(j.i)
				samples[j.i] = sample{time.Since(j.begin), status, err}
			}
		}()
	}
	start := time.Now()
	sent, free := 0, start // free: when the previous job found a worker
	for i := 0; i < total && ctx.Err() == nil; i++ {
		due := start.Add(time.Duration(i) * interval)
		begin := due
		if free.Before(due) {
			if d := time.Until(due); d > 0 {
				time.Sleep(d)
			}
			if woke := time.Now(); woke.After(due) {
				begin = woke
			}
		}
		jobs <- job{i, begin}
		free = time.Now()
		sent++
	}
	close(jobs)
	wg.Wait()
	res := loadResult{sent: sent, statuses: map[int]int{}, elapsed: time.Since(start)}
	for _, s := range samples[:sent] {
		if s.err != nil || s.status >= 500 {
			res.failed++
		}
		if s.err == nil {
			res.statuses[s.status]++
		}
		res.lat = append(res.lat, s.lat)
	}
	slices.Sort(res.lat)
	return res
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, line := range strings.Split(string(b), "\n") {
		if name, ok := strings.CutPrefix(line, "model name"); ok {
			return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
		}
	}
	return runtime.GOARCH
}

// runBenchVerify measures call verification through the API: registrations
// and verifications in batches, then single-call verifications at a
// constant rate.
func runBenchVerify(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "bench verify", "bench verify [--url URL --key-a KEY --key-b KEY] [--calls N] [--batch N] [--rate R] [--duration D]",
		"Registers --calls calls through POST /v1/calls/originated in batches of --batch, as operator A,\n"+
			"then verifies them through POST /v1/calls/verify as operator B, --workers requests in flight,\n"+
			"and prints calls/s of each. Then verifies single calls (registered beforehand) at --rate a\n"+
			"second for --duration, open loop, and prints latency percentiles. The request bodies are made\n"+
			"before the clock starts. Without --url it starts a server in this process on a temporary\n"+
			"SQLite directory with two operators; the load generator then shares the machine with it.")
	url := fs.String("url", "", "base `URL` of a running server; an in-process server when empty")
	keyA := fs.String("key-a", "", "API `key` of an operator holding 7701 (registers), for --url")
	keyB := fs.String("key-b", "", "API `key` of an operator holding 7702 (verifies), for --url")
	calls := fs.Int("calls", 400_000, "calls to register and verify in batches")
	batch := fs.Int("batch", 1000, "calls a batch request")
	workers := fs.Int("workers", 4, "batch requests in flight")
	rate := fs.Int("rate", 5000, "single-call verifications per `second`")
	dur := fs.Duration("duration", 10*time.Second, "how long to send single calls")
	conns := fs.Int("conns", 64, "most single-call requests in flight")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	singles := int(float64(*rate) * dur.Seconds())
	if *calls <= 0 || *batch <= 0 || *batch > 10_000 || *workers <= 0 || *rate <= 0 || *dur <= 0 || *conns <= 0 {
		return usagef("--calls, --workers, --rate, --duration and --conns must be positive, --batch 1 to 10000")
	}
	if *calls+singles > 5_000_000 {
		return usagef("--calls plus --rate × --duration must stay within 5,000,000 calls")
	}
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
		for _, op := range []struct {
			name, prefix string
			key          *string
		}{{"Bench Operator A", "7701", keyA}, {"Bench Operator B", "7702", keyB}} {
			secret, _, err := m.Access.CreateOrg(ctx, &kuzet.Org{Name: op.name, Type: kuzet.OrgTelco, Prefixes: []string{op.prefix}})
			if err != nil {
				return err
			}
			*op.key = secret
		}
		*url = m.URL()
	} else if *keyA == "" || *keyB == "" {
		return usagef("--key-a and --key-b are required with --url")
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: max(*workers, *conns), MaxConnsPerHost: max(*workers, *conns)}}
	post := func(path, key string, body []byte) (int, []byte, error) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, *url+path, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+key)
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			return 0, nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp.StatusCode, b, err
	}
	// Distinct numbers on every run, so that runs against one server do
	// not meet each other's registrations.
	base := rand.IntN(10_000_000 - *calls - singles)
	now := time.Now()
	regs := callBatches(base, *calls, *batch, now, "")
	vers := callBatches(base, *calls, *batch, now, "domestic")

	ok := []byte(`"reason":"ok"`)
	n, elapsed, err := sendBatches(ctx, regs, *workers, func(body []byte) (int, error) {
		status, resp, err := post("/v1/calls/originated", *keyA, body)
		if err != nil || status != http.StatusAccepted {
			return 0, fmt.Errorf("register: %d %.200s %v", status, resp, err)
		}
		var c struct{ Accepted int }
		return c.Accepted, json.Unmarshal(resp, &c)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "POST /v1/calls/originated: %d calls accepted in %s, %.0f calls/s (batches of %d, %d in flight)\n",
		n, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(), *batch, *workers)
	var timeouts atomic.Int64
	n, elapsed, err = sendBatches(ctx, vers, *workers, func(body []byte) (int, error) {
		status, resp, err := post("/v1/calls/verify", *keyB, body)
		if err != nil || status != http.StatusOK {
			return 0, fmt.Errorf("verify: %d %.200s %v", status, resp, err)
		}
		timeouts.Add(int64(bytes.Count(resp, []byte(`"reason":"timeout"`))))
		return bytes.Count(resp, ok), nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "POST /v1/calls/verify:     %d verdicts in %s, %.0f verdicts/s (batches of %d, %d in flight): %d ok, %d timeout (fail-open), %d other\n",
		*calls, elapsed.Round(time.Millisecond), float64(*calls)/elapsed.Seconds(), *batch, *workers, n, timeouts.Load(), *calls-n-int(timeouts.Load()))

	// The single calls are registered beforehand, so that each verification
	// finds its registration and the latency is the server's, not the grace
	// period's.
	now = time.Now()
	if _, _, err := sendBatches(ctx, callBatches(base+*calls, singles, *batch, now, ""), *workers, func(body []byte) (int, error) {
		status, resp, err := post("/v1/calls/originated", *keyA, body)
		if err != nil || status != http.StatusAccepted {
			return 0, fmt.Errorf("register: %d %.200s %v", status, resp, err)
		}
		return 0, nil
	}); err != nil {
		return err
	}
	one := callBatches(base+*calls, singles, 1, now, "domestic")
	before, err := routeLatencies(ctx, client, *url, "POST /v1/calls/verify")
	if err != nil {
		return err
	}
	res := constantRate(ctx, *rate, *dur, *conns, func(i int) (int, error) {
		status, resp, err := post("/v1/calls/verify", *keyB, one[i])
		if err == nil && status == http.StatusOK && !bytes.Contains(resp, ok) {
			status = 299 // answered, but not the pass it should be: counted apart
		}
		return status, err
	})
	fmt.Fprintf(env.Stdout, "POST /v1/calls/verify, one call a request: %s\n", res)
	// The client's figures include its own waits for the CPU it shares;
	// the server's histogram shows the time spent serving.
	after, err := routeLatencies(ctx, client, *url, "POST /v1/calls/verify")
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "  as the server measured them: %s\n", after.since(before))
	fmt.Fprintf(env.Stdout, "machine: %s, %d cores, %s\n", cpuModel(), runtime.NumCPU(), runtime.Version())
	return nil
}

// callBatches returns request bodies of calls from +7701… to +7702…,
// numbered from first, size calls a body; ingress "" makes registrations.
func callBatches(first, n, size int, at time.Time, ingress string) [][]byte {
	ts := at.UTC().Format(time.RFC3339Nano)
	var out [][]byte
	for i := 0; i < n; i += size {
		b := append(make([]byte, 0, 160*size), `{"calls":[`...)
		for k := i; k < min(n, i+size); k++ {
			if k > i {
				b = append(b, ',')
			}
			b = fmt.Appendf(b, `{"a":"+7701%07d","b":"+7702%07d","at":"%s","call_id":"bench-%d"`, first+k, first+k, ts, first+k)
			if ingress != "" {
				b = append(b, `,"ingress":"`+ingress+`"`...)
			}
			b = append(b, '}')
		}
		out = append(out, append(b, "]}"...))
	}
	return out
}

// sendBatches sends every body with workers in flight and sums what send
// counts.
func sendBatches(ctx context.Context, bodies [][]byte, workers int, send func([]byte) (int, error)) (int, time.Duration, error) {
	jobs := make(chan []byte)
	var (
		mu    sync.Mutex
		total int
		first error
		wg    sync.WaitGroup
	)
	start := time.Now()
	for range workers {
		wg.Go(func() {
			for body := range jobs {
				n, err := send(body)
				mu.Lock()
				total += n
				if err != nil && first == nil {
					first = err
				}
				mu.Unlock()
			}
		})
	}
	for _, b := range bodies {
		if ctx.Err() != nil {
			break
		}
		jobs <- b
	}
	close(jobs)
	wg.Wait()
	if first == nil {
		first = ctx.Err()
	}
	return total, time.Since(start), first
}

// latencyBuckets is the server's histogram of one route's latencies:
// cumulative counts by upper bound in seconds.
type latencyBuckets map[float64]float64

// routeLatencies reads the server's latency histogram of one route from
// its /metrics.
func routeLatencies(ctx context.Context, client *http.Client, base, route string) (latencyBuckets, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/metrics", nil)
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	prefix := `kuzet_http_request_duration_seconds_bucket{route="` + route + `",le="`
	b := latencyBuckets{}
	for _, line := range strings.Split(string(body), "\n") {
		rest, ok := strings.CutPrefix(line, prefix)
		if !ok {
			continue
		}
		le, count, ok := strings.Cut(rest, `"} `)
		if !ok {
			continue
		}
		bound, err1 := strconv.ParseFloat(le, 64)
		n, err2 := strconv.ParseFloat(count, 64)
		if err1 == nil && err2 == nil {
			b[bound] = n
		}
	}
	return b, nil
}

// since describes the requests counted after earlier: the share served
// within a millisecond and the bucket holding the 99th percentile.
func (b latencyBuckets) since(earlier latencyBuckets) string {
	bounds := make([]float64, 0, len(b))
	for le := range b {
		bounds = append(bounds, le)
	}
	slices.Sort(bounds)
	if len(bounds) == 0 {
		return "no histogram at /metrics"
	}
	total := b[bounds[len(bounds)-1]] - earlier[bounds[len(bounds)-1]]
	if total <= 0 {
		return "no requests"
	}
	var within1ms float64
	p99 := "over the largest bucket"
	found := false
	for _, le := range bounds {
		n := b[le] - earlier[le]
		if le == 0.001 {
			within1ms = n / total
		}
		if !found && n >= 0.99*total {
			p99, found = "≤ "+time.Duration(le*float64(time.Second)).String(), true
		}
	}
	return fmt.Sprintf("%.0f requests, %.2f%% within 1ms, p99 %s", total, 100*within1ms, p99)
}
