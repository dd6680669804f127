package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"text/tabwriter"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/access"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/synth"
)

func init() {
	register("demo", "run a server filled with a synthetic country, to try the API at once", runDemo)
}

func runDemo(ctx context.Context, env *Env, args []string) error {
	m := NewMain(env)
	fs := newFlagSet(env, "demo", "demo [--addr HOST:PORT] [--data DIR] [--key-file FILE] [--indicators N] [--calls N]\n"+
		"       [--payment-days N] [--watch=false] [--seed N] [--log-level LEVEL]",
		"Starts a server on a fresh data directory filled by the synthetic country: banks, operators,\n"+
			"police, the regulator and the public portal, each with an API key printed below, and\n"+
			"thousands of indicators reported by them. Stop it with Ctrl-C; the data directory is\n"+
			"removed unless --data was given.")
	fs.StringVar(&m.Config.Addr, "addr", m.Config.Addr, "`host:port` to listen on")
	data := fs.String("data", "", "data `directory` to fill (must be new or empty); a temporary one by default")
	n := fs.Int("indicators", 5000, "how many indicator reports to seed")
	calls := fs.Int("calls", 20_000, "how many simulated calls to play through the API after seeding (0: none)")
	payDays := fs.Int("payment-days", 1, "days of simulated payments, scams and freeze trails to play through the API (0: none)")
	seed := fs.Uint64("seed", 1, "seed of the synthetic country")
	watch := fs.Bool("watch", true, "feed internet monitoring and SIM-box detection a feed's domains and a week of call records")
	fs.StringVar(&m.Config.LogLevel, "log-level", "warn", "log `level` of the server")
	keyFileFlag(fs, &m.Config.KeyFile)
	fs.Var(&m.Config.Limits, "rate-limit", "request rates as `role=rate[:burst],…` (see kuzet serve --help)")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if *data == "" {
		// The demo makes its own keys, in a directory of their own beside
		// the data, and removes both at the end.
		dir, err := os.MkdirTemp("", "kuzet-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		*data = filepath.Join(dir, "data")
		if m.Config.KeyFile == "" {
			m.Config.KeyFile = filepath.Join(dir, "keys", "kuzet.key")
		}
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

	if *calls > 0 {
		if err := playDemoCalls(ctx, env, m, keys, *seed, *calls); err != nil {
			return fmt.Errorf("simulated calls: %w", err)
		}
	}
	if *payDays > 0 {
		if err := playDemoPayments(ctx, env, m, keys, *seed, *payDays); err != nil {
			return fmt.Errorf("simulated payments: %w", err)
		}
	}
	if err := playDemoGroups(ctx, env, m, keys, *seed); err != nil {
		return fmt.Errorf("organised groups: %w", err)
	}
	if *watch {
		c := newDemoClient(m, keys)
		if err := playDemoWeb(ctx, env, c); err != nil {
			return fmt.Errorf("internet monitoring: %w", err)
		}
		if err := playDemoSimbox(ctx, env, c, *seed); err != nil {
			return fmt.Errorf("SIM-box detection: %w", err)
		}
	}
	users, err := demoUsers(ctx, m, keys)
	if err != nil {
		return fmt.Errorf("console users: %w", err)
	}
	printDemo(env, m, *data, keys)
	printDemoConsole(env, m, users)
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
	country := synth.New(seed)
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
	var police, bank, public, telco, regulator string
	for _, k := range keys {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", k.org.Type, k.org.Name, k.secret)
		switch {
		case k.org.Type == kuzet.OrgPolice:
			police = k.secret
		case k.org.Type == kuzet.OrgBank && bank == "":
			bank = k.secret
		case k.org.Type == kuzet.OrgPublic:
			public = k.secret
		case k.org.Type == kuzet.OrgTelco && telco == "":
			telco = k.secret
		case k.org.Type == kuzet.OrgRegulator:
			regulator = k.secret
		}
	}
	tw.Flush()
	fmt.Fprintf(w, `
Try it:

  export KUZET=%s POLICE=%s BANK=%s PUBLIC=%s TELCO=%s REGULATOR=%s
  curl -s -H "Authorization: Bearer $POLICE" -H 'Content-Type: application/json' \
    -d '{"indicators":[{"kind":"phone","value":"8 (701) 123-45-67","category":"scam_call","confidence":0.9}]}' \
    $KUZET/v1/indicators
  curl -s -H "Authorization: Bearer $BANK" $KUZET/v1/indicators/phone/+77011234567
  curl -s -H "Authorization: Bearer $PUBLIC" $KUZET/v1/indicators/phone/+77011234567
  curl -s -H "Authorization: Bearer $TELCO" -H 'Content-Type: application/json' \
    -d '{"calls":[{"a":"+77272585965","b":"+77011234567","at":"'$(date -u +%%FT%%TZ)'","ingress":"international"}]}' \
    $KUZET/v1/calls/verify
  curl -s -H "Authorization: Bearer $POLICE" $KUZET/v1/calls/stats

Stop with Ctrl-C.
`, m.URL(), police, bank, public, telco, regulator)
}

// playDemoCalls plays a burst of the country's call traffic through the
// API, as its operators would, and prints the verdicts from the call
// statistics.
func playDemoCalls(ctx context.Context, env *Env, m *Main, keys []demoKey, seed uint64, n int) error {
	byName := map[string]string{}
	var police string
	for _, k := range keys {
		byName[k.org.Name] = k.secret
		if k.org.Type == kuzet.OrgPolice {
			police = k.secret
		}
	}
	api := apiTransport(m.URL())
	d := &synth.CallDriver{API: api, Keys: byName, Police: "Cybercrime Department"}
	traffic := synth.New(seed).CallTraffic(seed, nil)
	if err := d.Prepare(ctx, traffic); err != nil {
		return err
	}
	rep, err := d.Run(ctx, traffic, n)
	if err != nil {
		return err
	}
	status, body, err := api(ctx, http.MethodGet, "/v1/calls/stats", police, nil)
	if err != nil {
		return err
	}
	var st struct {
		Verified, Passed, Blocked int64
		ByReason                  map[kuzet.CallReason]int64 `json:"by_reason"`
	}
	if status != http.StatusOK || json.Unmarshal(body, &st) != nil {
		return fmt.Errorf("GET /v1/calls/stats: %d %.200s", status, body)
	}
	w := env.Stdout
	fmt.Fprintf(w, "Simulated call traffic through the API (%d calls in %s): GET /v1/calls/stats says\n\n",
		rep.Calls, rep.Elapsed.Round(time.Millisecond))
	fmt.Fprintf(w, "  verified %d, passed %d, blocked %d (calls from spoofed numbers blocked)\n", st.Verified, st.Passed, st.Blocked)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, r := range kuzet.CallReasons {
		if n := st.ByReason[r]; n > 0 {
			fmt.Fprintf(tw, "  %s\t%s\t%d\t\n", r.Verdict(), r, n)
		}
	}
	tw.Flush()
	if rep.Unexpected > 0 || rep.Errors > 0 {
		fmt.Fprintf(w, "  (%d verdicts differed from what the simulation planted, %d items were rejected: a call that cannot\n"+
			"  be decided within the deadline passes as timeout, fail-open, which a burst on a busy machine causes)\n",
			rep.Unexpected, rep.Errors)
	}
	fmt.Fprintln(w)
	return nil
}

// apiTransport sends API requests to base over HTTP, for the simulation.
func apiTransport(base string) synth.Transport {
	client := &http.Client{Timeout: time.Minute}
	return func(ctx context.Context, method, path, key string, body []byte) (int, []byte, error) {
		req, err := http.NewRequestWithContext(ctx, method, base+path, bytes.NewReader(body))
		if err != nil {
			return 0, nil, err
		}
		req.Header.Set("Authorization", "Bearer "+key)
		if body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := client.Do(req)
		if err != nil {
			return 0, nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp.StatusCode, b, err
	}
}

// demoUser is a console user the demo made, with the password to sign in.
type demoUser struct {
	org            kuzet.Org
	name, password string
}

// demoUsers makes one console user for the first organisation of each
// type, named for the type, with a fresh password; the bank user's is the
// bank with the most freeze requests to answer, so that its inbox is not
// empty.
func demoUsers(ctx context.Context, m *Main, keys []demoKey) ([]demoUser, error) {
	var out []demoUser
	seen := map[kuzet.OrgType]bool{}
	bank, most := int64(0), -1
	if m.Payments != nil && m.Payments.Freeze != nil {
		for _, k := range keys {
			if k.org.Type != kuzet.OrgBank {
				continue
			}
			items, err := m.Payments.Freeze.Inbox(ctx, k.org.ID, kuzet.FreezeOpen)
			if err != nil {
				return nil, err
			}
			if len(items) > most {
				bank, most = k.org.ID, len(items)
			}
		}
	}
	for _, k := range keys {
		if seen[k.org.Type] || k.org.Type == kuzet.OrgBank && bank != 0 && k.org.ID != bank {
			continue
		}
		seen[k.org.Type] = true
		u := demoUser{org: k.org, name: string(k.org.Type), password: newPassword()}
		if _, _, err := m.Access.CreateUser(ctx, access.UserInput{OrgID: k.org.ID, Name: u.name, Password: u.password}); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}

func printDemoConsole(env *Env, m *Main, users []demoUser) {
	w := env.Stdout
	fmt.Fprintf(w, "\nConsole:  %s/   (sign in as one of these)\nPortal:   %s/portal/   (public, no sign-in)\n\n", m.URL(), m.URL())
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  ROLE\tORGANISATION\tUSER\tPASSWORD")
	for _, u := range users {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", u.org.Type, u.org.Name, u.name, u.password)
	}
	tw.Flush()
	fmt.Fprintln(w)
}
