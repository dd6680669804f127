package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"text/tabwriter"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/sim"
)

func init() {
	register("demo", "run a server filled with a synthetic country, to try the API at once", runDemo)
}

func runDemo(ctx context.Context, env *Env, args []string) error {
	m := NewMain(env)
	fs := newFlagSet(env, "demo", "demo [--addr HOST:PORT] [--data DIR] [--indicators N] [--seed N]",
		"Starts a server on a fresh data directory filled by the synthetic country: banks, operators,\n"+
			"police, the regulator and the public portal, each with an API key printed below, and\n"+
			"thousands of indicators reported by them. Stop it with Ctrl-C; the data directory is\n"+
			"removed unless --data was given.")
	fs.StringVar(&m.Config.Addr, "addr", m.Config.Addr, "`host:port` to listen on")
	data := fs.String("data", "", "data `directory` to fill (must be new or empty); a temporary one by default")
	n := fs.Int("indicators", 5000, "how many indicator reports to seed")
	seed := fs.Uint64("seed", 1, "seed of the synthetic country")
	fs.StringVar(&m.Config.LogLevel, "log-level", "warn", "log `level` of the server")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if *data == "" {
		dir, err := os.MkdirTemp("", "kuzet-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		*data = dir
	} else if entries, err := os.ReadDir(*data); err == nil && len(entries) > 0 {
		return usagef("--data %s is not empty: the demo needs a fresh directory", *data)
	}
	m.Config.Data = *data

	if err := m.Run(ctx); err != nil {
		m.Close()
		return err
	}
	defer m.Close()
	keys, err := seedDemo(ctx, env, m, *n, *seed)
	if err != nil {
		return fmt.Errorf("seed the demo: %w", err)
	}
	printDemo(env, m, *data, keys)
	<-ctx.Done()
	fmt.Fprintln(env.Stderr, "kuzet demo: shutting down")
	return nil
}

type demoKey struct {
	org    kuzet.Org
	secret string
}

// seedDemo creates the country's organisations and reports its indicators
// through the same services the API uses.
func seedDemo(ctx context.Context, env *Env, m *Main, n int, seed uint64) ([]demoKey, error) {
	country := sim.New(seed)
	var keys []demoKey
	ids := map[string]int64{}
	for _, o := range country.Orgs() {
		secret, _, err := m.Access.CreateOrg(ctx, &o)
		if err != nil {
			return nil, err
		}
		keys = append(keys, demoKey{org: o, secret: secret})
		ids[o.Name] = o.ID
	}
	police := ids["Cybercrime Department"]
	for _, a := range country.Allowlist() {
		if _, err := m.Registry.PutAllow(ctx, police, a.Kind, a.Value, a.Evidence); err != nil {
			return nil, fmt.Errorf("allowlist %s: %w", a.Value, err)
		}
	}
	byOrg := map[int64][]registry.Submission{}
	for _, s := range country.Indicators(n) {
		id := ids[s.Reporter]
		byOrg[id] = append(byOrg[id], registry.Submission{Kind: s.Kind, Value: s.Value, Category: s.Category,
			Confidence: s.Confidence, Evidence: s.Evidence})
	}
	start, accepted := time.Now(), 0
	for org, subs := range byOrg {
		for len(subs) > 0 {
			batch := subs[:min(len(subs), 1000)]
			subs = subs[len(batch):]
			results, err := m.Registry.Submit(ctx, org, batch)
			if err != nil {
				return nil, err
			}
			for _, r := range results {
				if r.Err == nil {
					accepted++
				}
			}
		}
	}
	fmt.Fprintf(env.Stderr, "seeded %d organisations and %d indicator reports in %s\n", len(keys), accepted,
		time.Since(start).Round(time.Millisecond))
	return keys, nil
}

func printDemo(env *Env, m *Main, data string, keys []demoKey) {
	sort.SliceStable(keys, func(i, j int) bool { return keys[i].org.Type < keys[j].org.Type })
	w := env.Stdout
	fmt.Fprintf(w, "kuzet demo is running.\n\n  API:     %s   (reference: %s/openapi.json)\n  Data:    %s\n\nAPI keys (Authorization: Bearer <key>):\n\n", m.URL(), m.URL(), data)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	var police, bank, public string
	for _, k := range keys {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", k.org.Type, k.org.Name, k.secret)
		switch {
		case k.org.Type == kuzet.OrgPolice:
			police = k.secret
		case k.org.Type == kuzet.OrgBank && bank == "":
			bank = k.secret
		case k.org.Type == kuzet.OrgPublic:
			public = k.secret
		}
	}
	tw.Flush()
	fmt.Fprintf(w, `
Try it:

  export KUZET=%s POLICE=%s BANK=%s PUBLIC=%s
  curl -s -H "Authorization: Bearer $POLICE" -H 'Content-Type: application/json' \
    -d '{"indicators":[{"kind":"phone","value":"8 (701) 123-45-67","category":"scam_call","confidence":0.9}]}' \
    $KUZET/v1/indicators
  curl -s -H "Authorization: Bearer $BANK" $KUZET/v1/indicators/phone/+77011234567
  curl -s -H "Authorization: Bearer $PUBLIC" $KUZET/v1/indicators/phone/+77011234567

Stop with Ctrl-C.
`, m.URL(), police, bank, public)
}
