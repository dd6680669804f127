package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/access"
	"github.com/kuzet/kuzet/exchange"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/natsbus"
	"github.com/kuzet/kuzet/registry"
)

func init() {
	register("exchange", "exchange with partners over TAXII 2.1 (exchange pull)", runExchange)
}

const exchangeUsage = `Usage: kuzet exchange SUBCOMMAND [flags]

Subcommands:
  pull   pull a partner's TAXII 2.1 collection into the registry, resuming where the last pull stopped
`

func runExchange(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(env.Stdout, exchangeUsage)
		if len(args) == 0 {
			return usagef("a subcommand is required")
		}
		return nil
	}
	switch args[0] {
	case "pull":
		return runExchangePull(ctx, env, args[1:])
	}
	return usagef("unknown subcommand %q (pull)", args[0])
}

// pullOptions is the command line of exchange pull.
type pullOptions struct {
	from, collection, key, partner, nats string
	limit                                int
	timeout                              time.Duration
	restart                              bool
}

func runExchangePull(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "exchange pull", "exchange pull --from URL --collection ID [--key KEY] [--partner NAME] [--data DIR | --db URL]",
		"Pulls a partner's TAXII 2.1 collection into the registry: its indicators become the reports of the\n"+
			"partner organisation (--partner, created as a partner if it does not exist; the URL's host by default),\n"+
			"with the confidence the police set for it. A checkpoint in the store records how far each pull got:\n"+
			"an interrupted pull resumes from it, and objects received before are skipped. --from is the\n"+
			"partner's TAXII API root (https://…/taxii2/api/) or discovery URL (https://…/taxii2/).\n"+
			"A running server sees pulled reports at once when both use --nats; otherwise at its next start.")
	var so storeOptions
	so.flags(fs)
	var o pullOptions
	fs.StringVar(&o.from, "from", "", "the partner's TAXII `URL`: API root or discovery")
	fs.StringVar(&o.collection, "collection", "", "the collection `id` to pull")
	fs.StringVar(&o.key, "key", "", "the API `key` the partner gave (sent as Bearer); KUZET_EXCHANGE_KEY by default")
	fs.StringVar(&o.partner, "partner", "", "the local partner organisation's `name` the reports are filed under")
	fs.StringVar(&o.nats, "nats", "", "NATS `URL` of the servers, so that they see the pulled reports at once")
	fs.IntVar(&o.limit, "limit", 1000, "objects asked for per page")
	fs.DurationVar(&o.timeout, "timeout", time.Minute, "how long one page may take")
	fs.BoolVar(&o.restart, "restart", false, "pull from the start, not from the checkpoint (after the partner was allowed more)")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if o.key == "" {
		o.key = env.Getenv("KUZET_EXCHANGE_KEY")
	}
	if o.from == "" || o.collection == "" {
		return usagef("--from and --collection are required")
	}
	u, err := url.Parse(o.from)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usagef("--from %q is not an http(s) URL", o.from)
	}
	if o.partner == "" {
		o.partner = u.Hostname()
	}
	if o.limit <= 0 || o.limit > exchange.MaxPageLimit {
		return usagef("--limit must be 1 to %d", exchange.MaxPageLimit)
	}
	return pullWith(ctx, env, &so, o, &http.Client{Timeout: o.timeout})
}

// pullWith runs a pull into the store of so with client.
func pullWith(ctx context.Context, env *Env, so *storeOptions, o pullOptions, client *http.Client) error {
	store, err := so.open(ctx, env)
	if err != nil {
		return err
	}
	defer store.Close()
	org, err := partnerOrg(ctx, env, store, o.partner)
	if err != nil {
		return err
	}
	parser := &ident.Parser{CardKey: so.keys.CardToken, CardLegacyKey: so.keys.CardLegacy}
	reg := registry.NewService(store, parser, kuzet.SystemClock, nil)
	if o.nats != "" {
		log := slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
		bus, err := natsbus.Open(ctx, o.nats, natsbus.Options{Logger: log})
		if err != nil {
			return err
		}
		defer bus.Close()
		feed, err := bus.RegistryFeed(ctx)
		if err != nil {
			return err
		}
		reg.Changes.Subscribe(feed.Publish)
	}
	ex := exchange.NewService(exchange.Config{Store: store, Registry: reg, Parser: parser})
	p := &puller{env: env, ex: ex, store: store, org: org, opts: o, client: client}
	return p.run(ctx)
}

// partnerOrg finds the partner organisation named name, making it if there
// is none; another organisation of that name is an error.
func partnerOrg(ctx context.Context, env *Env, store kuzet.Store, name string) (*kuzet.Org, error) {
	acc := access.NewService(store, kuzet.SystemClock)
	orgs, err := acc.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		if strings.EqualFold(o.Name, name) {
			if o.Type != kuzet.OrgPartner {
				return nil, kuzet.Errorf(kuzet.EINVALID, "organisation %q is a %s organisation, not a partner: name another with --partner", o.Name, o.Type)
			}
			return o, nil
		}
	}
	o := &kuzet.Org{Name: name, Type: kuzet.OrgPartner}
	if _, _, err := acc.CreateOrg(ctx, o); err != nil {
		return nil, err
	}
	fmt.Fprintf(env.Stderr, "made partner organisation %d %q for the pulled reports\n", o.ID, o.Name)
	return o, nil
}

type puller struct {
	env    *Env
	ex     *exchange.Service
	store  kuzet.Store
	org    *kuzet.Org
	opts   pullOptions
	client *http.Client
}

const taxiiMediaType = "application/taxii+json;version=2.1"

// get fetches a TAXII resource; it refuses anything but a TAXII answer.
func (p *puller) get(ctx context.Context, u string) ([]byte, http.Header, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Accept", taxiiMediaType)
	if p.opts.key != "" {
		req.Header.Set("Authorization", "Bearer "+p.opts.key)
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, exchange.MaxEnvelope+1))
	if err != nil {
		return nil, nil, fmt.Errorf("GET %s: %w", u, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, nil, fmt.Errorf("GET %s: %s: %s", u, resp.Status, kuzet.Clip(strings.TrimSpace(string(body)), 300))
	}
	if len(body) > exchange.MaxEnvelope {
		return nil, nil, fmt.Errorf("GET %s: the page is over %d bytes: pull with a smaller --limit", u, exchange.MaxEnvelope)
	}
	return body, resp.Header, nil
}

// root returns the API root: --from itself, or the default root its
// discovery names.
func (p *puller) root(ctx context.Context) (string, error) {
	from := strings.TrimSuffix(p.opts.from, "/") + "/"
	body, _, err := p.get(ctx, from)
	if err != nil {
		return "", err
	}
	var d struct {
		Default  string   `json:"default"`
		APIRoots []string `json:"api_roots"`
		Versions []string `json:"versions"`
	}
	if err := json.Unmarshal(body, &d); err != nil {
		return "", fmt.Errorf("%s is not a TAXII discovery or API root: %w", from, err)
	}
	switch {
	case len(d.Versions) > 0:
		return from, nil // an API root
	case d.Default != "":
		return d.Default, nil
	case len(d.APIRoots) > 0:
		return d.APIRoots[0], nil
	}
	return "", fmt.Errorf("%s names no API root", from)
}

func (p *puller) run(ctx context.Context) error {
	root, err := p.root(ctx)
	if err != nil {
		return err
	}
	ru, err := url.Parse(root)
	if err != nil {
		return fmt.Errorf("API root %q: %w", root, err)
	}
	objects := ru.JoinPath("collections", p.opts.collection, "objects").String() + "/"
	// The checkpoint is the collection's, whose id is unique to the
	// partner's deployment: it survives the partner's server moving.
	source := fmt.Sprintf("org:%d/collection:%s", p.org.ID, p.opts.collection)
	var cp *kuzet.PullCheckpoint
	err = kuzet.Transact(ctx, p.store, false, func(tx kuzet.Tx) error {
		cp, err = tx.FindPullCheckpoint(ctx, source)
		return err
	})
	switch {
	case kuzet.ErrorCode(err) == kuzet.ENOTFOUND || err == nil && p.opts.restart:
		cp = &kuzet.PullCheckpoint{Source: source}
		fmt.Fprintf(p.env.Stderr, "pulling %s for the first time, as %q\n", objects, p.org.Name)
	case err != nil:
		return err
	default:
		fmt.Fprintf(p.env.Stderr, "resuming %s after %s (%d objects so far)\n", objects, cp.AddedAfter, cp.Objects)
	}
	var total, applied, kept, quarantined, dup int
	next := ""
	for page := 1; ; page++ {
		q := url.Values{"limit": {fmt.Sprint(p.opts.limit)}}
		if next != "" {
			q.Set("next", next)
		} else if cp.AddedAfter != "" {
			q.Set("added_after", cp.AddedAfter)
		}
		body, h, err := p.get(ctx, objects+"?"+q.Encode())
		if err != nil {
			return err
		}
		var env struct {
			More bool   `json:"more"`
			Next string `json:"next"`
		}
		if err := json.Unmarshal(body, &env); err != nil {
			return fmt.Errorf("page %d is not a TAXII envelope: %w", page, err)
		}
		st, err := p.ex.Import(ctx, p.org.ID, body)
		if err != nil {
			return fmt.Errorf("page %d: %w", page, err)
		}
		total += st.TotalCount
		applied += st.Counts[kuzet.ExchangeApplied]
		kept += st.Counts[kuzet.ExchangeKept]
		quarantined += st.Counts[kuzet.ExchangeQuarantined]
		dup += st.Counts["duplicate"]
		// The checkpoint is the last date added, less a microsecond: a
		// resumed pull sees that instant's objects again (several share it
		// when a batch was reported at once), and skips the ones it has.
		if last, ok := exchange.ParseTime(h.Get("X-TAXII-Date-Added-Last")); ok {
			cp.AddedAfter = exchange.FormatTime(last.Add(-time.Microsecond))
		}
		cp.Objects += int64(st.TotalCount - st.Counts["duplicate"])
		cp.UpdatedAt = time.Now().UTC()
		if err := kuzet.Transact(ctx, p.store, true, func(tx kuzet.Tx) error { return tx.PutPullCheckpoint(ctx, cp) }); err != nil {
			return err
		}
		fmt.Fprintf(p.env.Stderr, "page %d: %d objects (%d applied, %d kept, %d quarantined, %d seen before); %d so far\n",
			page, st.TotalCount, st.Counts[kuzet.ExchangeApplied], st.Counts[kuzet.ExchangeKept],
			st.Counts[kuzet.ExchangeQuarantined], st.Counts["duplicate"], total)
		if !env.More || env.Next == "" {
			break
		}
		if env.Next == next {
			return errors.New("the partner's server gave the same next token twice")
		}
		next = env.Next
	}
	fmt.Fprintf(p.env.Stdout, "pulled %d objects: %d applied, %d kept, %d quarantined, %d seen before\n", total, applied, kept, quarantined, dup)
	return nil
}
