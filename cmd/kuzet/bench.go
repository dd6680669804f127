package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func init() {
	register("bench", "measure the server over HTTP (bench lookup, verify, payments, payments-ratio, bare)", runBench)
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
		case "payments-ratio":
			return runBenchPaymentsRatio(ctx, env, args[1:])
		case "bare":
			return runBenchBare(ctx, env, args[1:])
		case "-h", "--help":
			fmt.Fprintln(env.Stdout, "Usage: kuzet bench lookup|verify|payments|payments-ratio|bare [flags]\n\nRun 'kuzet bench COMMAND --help' for a command's flags.")
			return nil
		}
	}
	return usagef("usage: kuzet bench lookup|verify|payments|payments-ratio|bare [flags]")
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

// sample is one call's outcome: its latency, the status answered, or the
// error that kept an answer from coming.
type sample struct {
	lat    time.Duration
	status int
	err    error
}

// summarize sums samples into a result: both load shapes below measure
// alike.
func summarize(samples []sample, elapsed time.Duration) loadResult {
	res := loadResult{sent: len(samples), statuses: map[int]int{}, elapsed: elapsed, lat: make([]time.Duration, 0, len(samples))}
	for _, s := range samples {
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

// constantRate calls do at rate per second for dur with at most conns in
// flight, and measures each call's latency: the latency a client sees at
// a given load.
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
	jobs := make(chan job)
	samples := make([]sample, total)
	var wg sync.WaitGroup
	for range conns {
		wg.Go(func() {
			for j := range jobs {
				status, err := do(j.i)
				samples[j.i] = sample{time.Since(j.begin), status, err}
			}
		})
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
	return summarize(samples[:sent], time.Since(start))
}

// saturate calls do from conns goroutines, each as soon as its last call
// returned, for dur: the most the server does. Each latency is a call's
// own.
func saturate(ctx context.Context, dur time.Duration, conns int, do func(i int) (int, error)) loadResult {
	var (
		next    atomic.Int64
		mu      sync.Mutex
		samples []sample
		wg      sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(dur)
	for range conns {
		wg.Go(func() {
			var mine []sample
			for ctx.Err() == nil && time.Now().Before(deadline) {
				t := time.Now()
				status, err := do(int(next.Add(1) - 1))
				mine = append(mine, sample{time.Since(t), status, err})
			}
			mu.Lock()
			samples = append(samples, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	return summarize(samples, time.Since(start))
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

// benchMain is the in-process server of a benchmark, on data directory
// dir: it measures what the server does, so no rate limit holds it back.
func benchMain(env *Env, dir string) *Main {
	m := NewMain(env)
	m.Config.Data, m.Config.Addr, m.Config.LogLevel = dir, "127.0.0.1:0", "error"
	if err := m.Config.Limits.Set("bank=off,telco=off,police=off,regulator=off,partner=off,public=off,anonymous=off"); err != nil {
		panic(err) // a constant spec
	}
	return m
}
