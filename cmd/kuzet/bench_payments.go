package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/synth"
)

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
	bankKeys, mules, stop, err := paymentBenchServer(ctx, env, url, *keys, *n)
	if err != nil {
		return err
	}
	defer stop()
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

// paymentBenchServer readies the server a payments benchmark sends to: the
// one at *url, with keys, or one started in this process on a temporary
// SQLite directory with three banks and n mule accounts, whose URL it sets
// in *url. It returns the banks' keys, a sample of the mules and what stops
// the server.
func paymentBenchServer(ctx context.Context, env *Env, url *string, keys string, n int) ([]string, []string, func(), error) {
	if *url != "" {
		if keys == "" {
			return nil, nil, nil, usagef("--key is required with --url")
		}
		return strings.Split(keys, ","), nil, func() {}, nil
	}
	dir, err := os.MkdirTemp("", "kuzet-bench-")
	if err != nil {
		return nil, nil, nil, err
	}
	m := benchMain(env, dir)
	stop := func() { m.Close(); os.RemoveAll(dir) }
	if err := m.Run(ctx); err != nil {
		stop()
		return nil, nil, nil, err
	}
	bankKeys, mules, err := seedPaymentBench(ctx, env, m, n)
	if err != nil {
		stop()
		return nil, nil, nil, err
	}
	*url = m.URL()
	return bankKeys, mules, stop, nil
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
