package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/synth"
)

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
		m := benchMain(env, dir)
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
