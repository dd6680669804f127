package ctlog

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	ct "github.com/google/certificate-transparency-go"
	"github.com/google/certificate-transparency-go/client"
	"github.com/google/certificate-transparency-go/jsonclient"
	"github.com/kuzet/kuzet"
)

// Checkpoints keeps the followers' checkpoints. Its methods are those of
// kuzet.WebStore, each committed on its own; webwatch.Service has them.
type Checkpoints interface {
	// FindCTCheckpoint returns ENOTFOUND if logID has no checkpoint.
	FindCTCheckpoint(ctx context.Context, logID string) (*kuzet.CTCheckpoint, error)
	// PutCTCheckpoint inserts or replaces the checkpoint of c.LogID.
	PutCTCheckpoint(ctx context.Context, c *kuzet.CTCheckpoint) error
}

// Batch is the names of a run of consecutive log entries, [Start, End).
type Batch struct {
	LogID      string
	Start, End int64
	Names      []Name
	// Checkpoint is the checkpoint once the batch is handled. A handler
	// that stores it in the same transaction as its own effects makes
	// delivery exactly-once: the follower stores it again afterwards, which
	// changes nothing, and if it crashes in between, it resumes after the
	// batch. A handler that does not is given a batch again after such a
	// crash (at-least-once).
	Checkpoint kuzet.CTCheckpoint
}

// Handler takes a batch of names. An error stops the follower before the
// batch's checkpoint, so the batch comes again on the next Sync.
type Handler func(ctx context.Context, b *Batch) error

// Config configures a Follower. Zero fields take the defaults given.
type Config struct {
	// URL is the log's base URL, such as "https://ct.example/2026h1"; with
	// its trailing slashes removed it is the log's ID in checkpoints.
	URL string
	// HTTPClient makes the requests; default one with a 60 s timeout.
	HTTPClient *http.Client
	// PublicKeyDER is the log's public key (DER SubjectPublicKeyInfo). If
	// set, every tree head's signature is checked.
	PublicKeyDER []byte
	// FromEnd starts a log that has no checkpoint at its current size
	// instead of its first entry: real logs hold billions of entries.
	FromEnd bool

	PageSize     int           // entries asked for in one get-entries; default 256
	MaxNames     int           // names in one batch, at least MaxEntryNames; default 10,000
	PollInterval time.Duration // how long Run waits once caught up; default 1 minute
	Attempts     int           // tries of one request before Sync gives up; default 8
	MinBackoff   time.Duration // first wait after a failed request; default 1 s
	MaxBackoff   time.Duration // longest wait between tries; default 5 minutes
	MaxBody      int64         // bytes of one response; default 64 MiB

	Clock  kuzet.Clock  // for checkpoints' UpdatedAt; default kuzet.SystemClock
	Logger *slog.Logger // default slog.Default()
}

// Stats counts what one Sync did.
type Stats struct {
	TreeSize int64 // of the tree head followed
	Entries  int64 // entries read and checkpointed
	Names    int   // names handed on
	Unparsed int   // entries whose certificate could not be decoded, skipped
	Batches  int   // batches handed on
	Retries  int   // failed requests tried again
}

// Follower reads a certificate-transparency log (RFC 6962 get-sth,
// get-entries, get-sth-consistency) from its checkpoint on and hands the
// DNS names of its certificates to a Handler, in log order, checkpointing
// after each batch. It never skips an entry: a short page is followed by a
// request for the rest, a failed request is tried again with back-off, and
// a restart resumes at the checkpoint. It stops with ErrInconsistent when
// the log's new tree does not extend the checkpoint's.
//
// Run one follower per log in the whole deployment: two would hand each
// batch twice.
type Follower struct {
	cfg    Config
	logID  string
	client *client.LogClient
	cps    Checkpoints
	handle Handler
	log    *slog.Logger
}

// New returns a follower of the log at cfg.URL. Returns EINVALID for a URL
// that is not http or https, or a public key that does not parse.
func New(cfg Config, cps Checkpoints, handle Handler) (*Follower, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, kuzet.Invalid("url", "log URL %q is not an http or https URL", cfg.URL)
	}
	if cps == nil || handle == nil {
		return nil, errors.New("ctlog: a follower needs checkpoints and a handler")
	}
	setDefaults(&cfg)
	hc := *cfg.HTTPClient
	base := hc.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	hc.Transport = limitTransport{base: base, max: cfg.MaxBody}
	logID := strings.TrimRight(cfg.URL, "/")
	lc, err := client.New(logID, &hc, jsonclient.Options{PublicKeyDER: cfg.PublicKeyDER, UserAgent: "kuzet-ctlog"})
	if err != nil {
		return nil, kuzet.Invalid("public_key", "log public key: %v", err)
	}
	return &Follower{cfg: cfg, logID: logID, client: lc, cps: cps, handle: handle,
		log: cfg.Logger.With("log", logID)}, nil
}

func setDefaults(c *Config) {
	if c.HTTPClient == nil {
		c.HTTPClient = &http.Client{Timeout: 60 * time.Second}
	}
	if c.PageSize <= 0 {
		c.PageSize = 256
	}
	if c.MaxNames <= 0 {
		c.MaxNames = 10_000
	}
	c.MaxNames = max(c.MaxNames, MaxEntryNames)
	if c.PollInterval <= 0 {
		c.PollInterval = time.Minute
	}
	if c.Attempts <= 0 {
		c.Attempts = 8
	}
	if c.MinBackoff <= 0 {
		c.MinBackoff = time.Second
	}
	if c.MaxBackoff < c.MinBackoff {
		c.MaxBackoff = max(5*time.Minute, c.MinBackoff)
	}
	if c.MaxBody <= 0 {
		c.MaxBody = 64 << 20
	}
	if c.Clock == nil {
		c.Clock = kuzet.SystemClock
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
}

// LogID returns the log's ID in checkpoints: its URL without trailing
// slashes.
func (f *Follower) LogID() string { return f.logID }

// Run follows the log until ctx ends: it catches up with Sync, waits
// PollInterval, and again. A failed Sync is logged and tried again after
// PollInterval; Run returns only ctx's error or ErrInconsistent.
func (f *Follower) Run(ctx context.Context) error {
	for {
		st, err := f.Sync(ctx)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		switch {
		case errors.Is(err, ErrInconsistent):
			return err
		case err != nil:
			f.log.Error("ctlog: follow", "err", err)
		case st.Entries > 0:
			f.log.Info("ctlog: followed", "entries", st.Entries, "names", st.Names, "unparsed", st.Unparsed, "tree_size", st.TreeSize)
		}
		if err := sleep(ctx, f.cfg.PollInterval); err != nil {
			return err
		}
	}
}

// Sync reads the log from the checkpoint up to its current tree head and
// returns what it did. Each batch is handed on and then checkpointed, so an
// error leaves the checkpoint after the last batch handled, and the next
// Sync resumes there. A tree head older than the checkpoint's, as a log's
// lagging frontend may serve, is not followed.
func (f *Follower) Sync(ctx context.Context) (Stats, error) {
	var st Stats
	cp, err := f.cps.FindCTCheckpoint(ctx, f.logID)
	switch {
	case kuzet.ErrorCode(err) == kuzet.ENOTFOUND:
		cp = nil
	case err != nil:
		return st, fmt.Errorf("ctlog: %s: load checkpoint: %w", f.logID, err)
	}

	var sth *ct.SignedTreeHead
	err = f.retry(ctx, &st, "get-sth", func() error {
		var err error
		sth, err = f.client.GetSTH(ctx)
		return err
	})
	if err != nil {
		return st, err
	}
	if sth.TreeSize > math.MaxInt64 {
		return st, fmt.Errorf("ctlog: %s: tree size %d out of range", f.logID, sth.TreeSize)
	}
	size, root := int64(sth.TreeSize), sth.SHA256RootHash[:]
	st.TreeSize = size

	if cp == nil {
		cp = &kuzet.CTCheckpoint{LogID: f.logID}
		if f.cfg.FromEnd {
			// Remember where following began, so that a restart does not
			// move it to the end again.
			cp.NextIndex, cp.TreeSize, cp.RootHash, cp.UpdatedAt = size, size, slices.Clone(root), f.cfg.Clock()
			if err := f.cps.PutCTCheckpoint(ctx, cp); err != nil {
				return st, fmt.Errorf("ctlog: %s: save checkpoint: %w", f.logID, err)
			}
			return st, nil
		}
	}
	if size < cp.TreeSize {
		f.log.Debug("ctlog: stale tree head", "size", size, "checkpoint_size", cp.TreeSize)
		return st, nil
	}
	if err := f.checkConsistency(ctx, &st, cp, size, root); err != nil {
		return st, err
	}

	for next := cp.NextIndex; next < size; {
		end := min(next+int64(f.cfg.PageSize), size) // exclusive
		var entries []ct.LeafEntry
		err := f.retry(ctx, &st, "get-entries", func() error {
			resp, err := f.client.GetRawEntries(ctx, next, end-1)
			if err != nil {
				return err
			}
			if len(resp.Entries) == 0 {
				return fmt.Errorf("no entries for [%d, %d]", next, end-1)
			}
			entries = resp.Entries
			return nil
		})
		if err != nil {
			return st, err
		}
		// More than asked is cut; fewer is normal, and the rest is asked
		// for next.
		entries = entries[:min(len(entries), int(end-next))]
		if err := f.deliver(ctx, &st, next, entries, size, root); err != nil {
			return st, err
		}
		next += int64(len(entries))
	}
	return st, nil
}

// checkConsistency proves that the tree of size and root extends the
// checkpoint's.
func (f *Follower) checkConsistency(ctx context.Context, st *Stats, cp *kuzet.CTCheckpoint, size int64, root []byte) error {
	if cp.TreeSize == 0 || len(cp.RootHash) == 0 {
		return nil
	}
	var proof [][]byte
	if size > cp.TreeSize {
		err := f.retry(ctx, st, "get-sth-consistency", func() error {
			var err error
			proof, err = f.client.GetSTHConsistency(ctx, uint64(cp.TreeSize), uint64(size))
			return err
		})
		if err != nil {
			return err
		}
	}
	if err := verifyConsistency(uint64(cp.TreeSize), uint64(size), cp.RootHash, root, proof); err != nil {
		return fmt.Errorf("%s: %w", f.logID, err)
	}
	return nil
}

// deliver hands on the names of entries, which start at index start, in
// batches of at most MaxNames names, and checkpoints after each.
func (f *Follower) deliver(ctx context.Context, st *Stats, start int64, entries []ct.LeafEntry, size int64, root []byte) error {
	b := &Batch{LogID: f.logID, Start: start, End: start}
	for i := range entries {
		idx := start + int64(i)
		names, err := ParseEntry(f.logID, idx, entries[i].LeafInput, entries[i].ExtraData)
		if err != nil {
			// The entry is the log's and will never change: skip it.
			st.Unparsed++
			f.log.Debug("ctlog: unparsed entry", "index", idx, "err", err)
		}
		if len(b.Names)+len(names) > f.cfg.MaxNames {
			if err := f.handOn(ctx, st, b, size, root); err != nil {
				return err
			}
			b = &Batch{LogID: f.logID, Start: idx, End: idx}
		}
		b.Names = append(b.Names, names...)
		b.End = idx + 1
	}
	return f.handOn(ctx, st, b, size, root)
}

// handOn gives b to the handler, unless it has no names, and stores its
// checkpoint.
func (f *Follower) handOn(ctx context.Context, st *Stats, b *Batch, size int64, root []byte) error {
	b.Checkpoint = kuzet.CTCheckpoint{LogID: f.logID, NextIndex: b.End, TreeSize: size, RootHash: slices.Clone(root),
		UpdatedAt: f.cfg.Clock()}
	if len(b.Names) > 0 {
		if err := f.handle(ctx, b); err != nil {
			return fmt.Errorf("ctlog: %s: handle entries [%d, %d): %w", f.logID, b.Start, b.End, err)
		}
		st.Batches++
		st.Names += len(b.Names)
	}
	if err := f.cps.PutCTCheckpoint(ctx, &b.Checkpoint); err != nil {
		return fmt.Errorf("ctlog: %s: save checkpoint at %d: %w", f.logID, b.End, err)
	}
	st.Entries += b.End - b.Start
	return nil
}

// retry calls fn until it succeeds, ctx ends or Attempts tries failed,
// waiting between tries with exponential back-off and jitter.
func (f *Follower) retry(ctx context.Context, st *Stats, what string, fn func() error) error {
	wait := f.cfg.MinBackoff
	for attempt := 1; ; attempt++ {
		err := fn()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if attempt >= f.cfg.Attempts {
			return fmt.Errorf("ctlog: %s: %s: %w (%d attempts)", f.logID, what, err, attempt)
		}
		st.Retries++
		f.log.Warn("ctlog: request failed, retrying", "request", what, "attempt", attempt, "err", err)
		// Half the wait plus a random half, so that followers of one log
		// do not retry in step.
		if err := sleep(ctx, wait/2+rand.N(wait/2+1)); err != nil {
			return err
		}
		wait = min(2*wait, f.cfg.MaxBackoff)
	}
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// limitTransport fails a response body longer than max bytes, so that a
// broken or hostile log cannot make the follower read without end.
type limitTransport struct {
	base http.RoundTripper
	max  int64
}

func (t limitTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	resp.Body = &limitedBody{rc: resp.Body, left: t.max}
	return resp, nil
}

type limitedBody struct {
	rc   io.ReadCloser
	left int64
}

// errBodyTooLarge is the read error of a response over the limit.
var errBodyTooLarge = errors.New("ctlog: response body over the limit")

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, errBodyTooLarge
	}
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	if b.left < 0 {
		return n, errBodyTooLarge
	}
	return n, err
}

func (b *limitedBody) Close() error { return b.rc.Close() }
