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
	"sync"
	"sync/atomic"
	"time"

	"github.com/kuzet/kuzet"
)

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
		m := benchMain(env, dir)
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
