package main

import (
	"cmp"
	"context"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ctlog"
	"github.com/kuzet/kuzet/webwatch"
)

// WebConfig configures internet monitoring in the server.
type WebConfig struct {
	Brands string // watchlist file (docs/webwatch.md); the built-in Kazakh watchlist when empty

	// CTLogs are the certificate-transparency logs to follow, by base URL;
	// CTLogKeys their public keys, by position ("" for none).
	CTLogs    []string
	CTLogKeys []string
	// CTFromStart reads a log without a checkpoint from its first entry
	// rather than from its current end: real logs hold billions.
	CTFromStart bool
	CTPoll      time.Duration // how long a follower waits once caught up; ctlog's default when 0
	// CTStaleAfter is how old a log's newest tree head may grow before
	// the log counts as stale; ctlog's default when 0.
	CTStaleAfter time.Duration
}

// listFlag is a flag given once per value, or once with values separated
// by commas, as a KUZET_* variable gives them.
type listFlag struct{ list *[]string }

func (f listFlag) String() string {
	if f.list == nil {
		return ""
	}
	return strings.Join(*f.list, ",")
}

func (f listFlag) Set(v string) error {
	*f.list = append(*f.list, strings.Split(v, ",")...)
	return nil
}

// webFlags adds the flags of internet monitoring.
func (m *Main) webFlags(fs *flag.FlagSet) {
	c := &m.Config.Web
	fs.StringVar(&c.Brands, "brands", c.Brands, "brand watchlist `file` (docs/webwatch.md); the built-in Kazakh watchlist when empty")
	fs.Var(listFlag{&c.CTLogs}, "ct-log", "certificate-transparency log `URL` to follow for look-alike domains (repeatable);\n"+
		"follow each log from one node only")
	fs.Var(listFlag{&c.CTLogKeys}, "ct-log-key", "the public `key` of the --ct-log in the same position: base64 DER as in the log\n"+
		"lists, or a PEM or DER file; its tree heads' signatures are then checked")
	fs.BoolVar(&c.CTFromStart, "ct-from-start", c.CTFromStart, "read a CT log not followed before from its first entry, not its current end")
	fs.DurationVar(&c.CTPoll, "ct-poll", time.Minute, "how often a caught-up CT follower asks its log for new entries")
	fs.DurationVar(&c.CTStaleAfter, "ct-stale-after", 24*time.Hour, "how old a CT log's newest tree head may grow before the log counts as stale\n"+
		"(a warning and kuzet_ct_sth_stale 1)")
}

// openWeb builds the internet-monitoring workflow in m.Web and the
// followers of the configured CT logs, which startCTFollowers runs once
// the server is ready.
func (m *Main) openWeb() ([]*ctlog.Follower, error) {
	var err error
	if m.Web, err = m.newWeb(); err != nil {
		return nil, err
	}
	return m.newCTFollowers(m.Web)
}

// newWeb builds the internet-monitoring service over the store, scoring
// with the --brands watchlist or the built-in one.
func (m *Main) newWeb() (*webwatch.Service, error) {
	var (
		scorer = webwatch.DefaultScorer()
		err    error
	)
	if m.Config.Web.Brands != "" {
		scorer, err = loadScorer(m.Config.Web.Brands)
	}
	if err != nil {
		return nil, fmt.Errorf("brand watchlist: %w", err)
	}
	m.Logger.Info("watching brands", "brands", len(scorer.Brands()), "watchlist", cmp.Or(m.Config.Web.Brands, "built-in"))
	return webwatch.NewService(webwatch.Config{Store: m.Store, Registry: m.Registry, Scorer: scorer, Clock: m.Clock}), nil
}

// ctFollowers runs one follower per configured CT log.
type ctFollowers struct {
	stop context.CancelFunc
	wg   sync.WaitGroup
}

// newCTFollowers makes the followers of the configured logs, each handing
// the names it reads to the workflow as source "ct", with its checkpoint
// in the same transaction: a restart neither loses nor repeats a batch.
// Returns an error for a log URL or key that is not usable.
func (m *Main) newCTFollowers(wf *webwatch.Service) ([]*ctlog.Follower, error) {
	c := m.Config.Web
	if len(c.CTLogKeys) > len(c.CTLogs) {
		return nil, usagef("%d --ct-log-key for %d --ct-log: give the keys in the order of the logs", len(c.CTLogKeys), len(c.CTLogs))
	}
	var out []*ctlog.Follower
	for i, u := range c.CTLogs {
		var key []byte
		if i < len(c.CTLogKeys) && c.CTLogKeys[i] != "" {
			var err error
			if key, err = logKey(c.CTLogKeys[i]); err != nil {
				return nil, fmt.Errorf("--ct-log-key of %s: %w", u, err)
			}
		}
		f, err := ctlog.New(ctlog.Config{URL: u, PublicKeyDER: key, FromEnd: !c.CTFromStart, PollInterval: c.CTPoll,
			StaleAfter: c.CTStaleAfter, MaxNames: webwatch.MaxBatch, Clock: m.Clock, Logger: m.Logger.With("component", "ctlog")},
			wf, submitCT(wf))
		if err != nil {
			return nil, fmt.Errorf("--ct-log %s: %w", u, err)
		}
		out = append(out, f)
	}
	return out, nil
}

// submitCT hands a follower's batches to the workflow.
func submitCT(wf *webwatch.Service) ctlog.Handler {
	return func(ctx context.Context, b *ctlog.Batch) error {
		items := make([]webwatch.SubmitItem, len(b.Names))
		for i, n := range b.Names {
			items[i] = webwatch.SubmitItem{Value: n.Domain, Certificate: n.Certificate}
		}
		cp := b.Checkpoint
		_, err := wf.Submit(ctx, webwatch.Submission{Source: kuzet.WebSourceCT, Detail: kuzet.Clip(b.LogID, webwatch.MaxDetail-len("…")),
			Items: items, Checkpoint: &cp})
		return err
	}
}

// startCTFollowers runs the followers until Close, their state in the
// API's metrics.
func (m *Main) startCTFollowers(fs []*ctlog.Follower) {
	if len(fs) == 0 {
		return
	}
	m.API.Registerer().MustRegister(ctlog.NewCollector(fs...))
	ctx, stop := context.WithCancel(context.Background())
	m.ct = &ctFollowers{stop: stop}
	for _, f := range fs {
		m.ct.wg.Go(func() {
			m.Logger.Info("following CT log", "log", f.LogID())
			// Run returns only when stopped, or when the log forked: that
			// one is left alone until an operator looks at it.
			if err := f.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
				m.Logger.Error("CT follower stopped", "log", f.LogID(), "err", err)
			}
		})
	}
}

// stopCTFollowers stops the followers and waits for them: a batch in
// hand is either committed with its checkpoint or not at all.
func (m *Main) stopCTFollowers() {
	if m.ct == nil {
		return
	}
	m.ct.stop()
	m.ct.wg.Wait()
	m.ct = nil
}

// logKey reads a log's public key: a file holding it in PEM or DER, or
// the base64 DER the log lists publish.
func logKey(v string) ([]byte, error) {
	if b, err := os.ReadFile(v); err == nil {
		if block, _ := pem.Decode(b); block != nil {
			return block.Bytes, nil
		}
		return b, nil
	}
	der, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		return nil, usagef("%q is neither a key file nor base64", v)
	}
	return der, nil
}
