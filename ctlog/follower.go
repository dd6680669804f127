package ctlog

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
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
	"sync"
	"time"

	ct "github.com/google/certificate-transparency-go"
	"github.com/google/certificate-transparency-go/client"
	"github.com/google/certificate-transparency-go/jsonclient"
	"github.com/kuzet/kuzet"
	"github.com/transparency-dev/merkle/compact"
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
	// set, every tree head's signature is checked; without it Run warns at
	// start, for then anyone answering at URL can play the log.
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
	// StaleAfter is how old the newest tree head accepted may grow before
	// the log counts as stale (Status, the kuzet_ct_sth_stale metric, a
	// warning from Run): a log that is down, frozen, or shows this follower
	// an old view of its tree. Default 24 hours, RFC 6962's longest
	// merge delay, within which a log must issue a new tree head.
	StaleAfter time.Duration

	Clock  kuzet.Clock  // for checkpoints' UpdatedAt; default kuzet.SystemClock
	Logger *slog.Logger // default slog.Default()
}

// Stats counts what one Sync did.
type Stats struct {
	TreeSize int64 // of the tree head followed
	Entries  int64 // entries read, verified and checkpointed
	Names    int   // names handed on
	Unparsed int   // entries whose certificate could not be decoded, skipped
	Batches  int   // batches handed on
	Retries  int   // failed requests tried again
	Refused  int   // entries refused: they do not belong to the tree head
}

// Follower reads a certificate-transparency log (RFC 6962 get-sth,
// get-entries, get-sth-consistency) from its checkpoint on and hands the
// DNS names of its certificates to a Handler, in log order, checkpointing
// after each batch. It never skips an entry: a short page is followed by a
// request for the rest, a failed request is tried again with back-off, and
// a restart resumes at the checkpoint. It stops with ErrInconsistent when
// the log's new tree does not extend the checkpoint's.
//
// Every entry is verified before it is handed on: the follower rebuilds the
// Merkle tree of the entries it reads (a compact range, from the first
// entry of the log on) and proves, with a consistency proof from the log,
// that the tree they make is a prefix of the one the signed tree head
// commits to. An entry that is not in that tree is refused with
// ErrUnverified, and so is everything after it until the log serves the
// right one.
//
// Run one follower per log in the whole deployment: two would hand each
// batch twice. A Follower's Sync and Run must not be called concurrently;
// Status may be, from anywhere.
type Follower struct {
	cfg    Config
	logID  string
	client *client.LogClient
	cps    Checkpoints
	handle Handler
	log    *slog.Logger

	// tree is the compact range of the entries verified so far, from
	// index 0, kept between Syncs, and the tree head it was verified
	// against; nil until the first page is verified.
	tree     *compact.Range
	treeSize int64
	treeRoot []byte

	mu      sync.Mutex // guards what Status reads
	started time.Time
	head    time.Time // the newest accepted tree head's timestamp
	size    int64     // and its size
	entries int64
	refused int64
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
		log: cfg.Logger.With("log", logID), started: cfg.Clock()}, nil
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
	if c.StaleAfter <= 0 {
		c.StaleAfter = 24 * time.Hour
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
// PollInterval; Run returns only ctx's error or ErrInconsistent. It warns
// at start when the log has no public key, and whenever the log turns
// stale.
func (f *Follower) Run(ctx context.Context) error {
	if len(f.cfg.PublicKeyDER) == 0 {
		f.log.Warn("ctlog: NO PUBLIC KEY FOR THIS LOG: its tree heads' signatures are not checked, so whoever answers at its URL "+
			"can pass for the log and choose what it shows; give the log's key (--ct-log-key)", "url", f.cfg.URL)
	}
	stale := false
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
		if s := f.Status(); s.Stale != stale {
			stale = s.Stale
			if stale {
				f.log.Warn("ctlog: the log's tree head is stale: no new one accepted for longer than allowed",
					"age", s.Age.String(), "stale_after", f.cfg.StaleAfter.String(), "tree_size", s.TreeSize)
			} else {
				f.log.Info("ctlog: the log's tree head is fresh again", "age", s.Age.String(), "tree_size", s.TreeSize)
			}
		}
		if err := sleep(ctx, f.cfg.PollInterval); err != nil {
			return err
		}
	}
}

// Status is what a follower knows of its log's health.
type Status struct {
	LogID string
	// KeyChecked is whether tree heads' signatures are checked.
	KeyChecked bool
	// TreeSize and HeadTime are those of the newest tree head accepted
	// (its signature checked, if there is a key, and proved consistent
	// with the checkpoint's); HeadTime is the log's own timestamp. Zero
	// before one is.
	TreeSize int64
	HeadTime time.Time
	// Age is how long ago HeadTime was, or how long the follower has run
	// without accepting a head; Stale is whether it is over StaleAfter.
	Age   time.Duration
	Stale bool
	// Entries counts the entries verified and handed on, Refused those
	// refused for not belonging to the tree head, since the follower was
	// made.
	Entries, Refused int64
}

// Status returns the follower's view of its log now, by its clock.
func (f *Follower) Status() Status {
	f.mu.Lock()
	defer f.mu.Unlock()
	since := f.head
	if since.IsZero() {
		since = f.started
	}
	age := max(f.cfg.Clock().Sub(since), 0)
	return Status{LogID: f.logID, KeyChecked: len(f.cfg.PublicKeyDER) > 0, TreeSize: f.size, HeadTime: f.head,
		Age: age, Stale: age > f.cfg.StaleAfter, Entries: f.entries, Refused: f.refused}
}

// accepted records a tree head that passed its checks.
func (f *Follower) accepted(sth *ct.SignedTreeHead) {
	t := ct.TimestampToTime(sth.Timestamp).UTC()
	f.mu.Lock()
	defer f.mu.Unlock()
	if !t.Before(f.head) {
		f.head, f.size = t, int64(sth.TreeSize)
	}
}

// Sync reads the log from the checkpoint up to its current tree head and
// returns what it did. Each page of entries is verified against the tree
// head, then handed on in batches, each checkpointed, so an error leaves
// the checkpoint after the last batch handled, and the next Sync resumes
// there. A tree head older than the checkpoint's, as a log's lagging
// frontend may serve, is not followed. Entries that do not belong to the
// tree head end the Sync with ErrUnverified after those before them are
// handed on.
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
			f.accepted(sth)
			return st, nil
		}
	}
	if size < cp.TreeSize {
		f.log.Debug("ctlog: stale tree head", "size", size, "checkpoint_size", cp.TreeSize)
		return st, nil
	}
	proof, err := f.checkConsistency(ctx, &st, cp, size, root)
	if err != nil {
		return st, err
	}
	f.accepted(sth)
	if cp.NextIndex >= size {
		return st, nil
	}

	tree, err := f.prefix(ctx, &st, cp, size, proof)
	if err != nil {
		return st, err
	}
	for pos := int64(tree.End()); pos < size; {
		end := min(pos+int64(f.cfg.PageSize), size) // exclusive
		var entries []ct.LeafEntry
		err := f.retry(ctx, &st, "get-entries", func() error {
			resp, err := f.client.GetRawEntries(ctx, pos, end-1)
			if err != nil {
				return err
			}
			if len(resp.Entries) == 0 {
				return fmt.Errorf("no entries for [%d, %d]", pos, end-1)
			}
			entries = resp.Entries
			return nil
		})
		if err != nil {
			return st, err
		}
		// More than asked is cut; fewer is normal, and the rest is asked
		// for next.
		entries = entries[:min(len(entries), int(end-pos))]
		good, verr := f.verify(ctx, &st, tree, pos, entries, size, root)
		// Entries before the checkpoint were read again only to rebuild
		// the tree (see prefix): they were handed on before.
		if skip := min(max(cp.NextIndex-pos, 0), int64(good)); skip < int64(good) {
			if err := f.deliver(ctx, &st, pos+skip, entries[skip:good], size, root); err != nil {
				return st, err
			}
		}
		if verr != nil {
			return st, verr
		}
		pos += int64(good)
	}
	return st, nil
}

// checkConsistency proves that the tree of size and root extends the
// checkpoint's, and returns the proof.
func (f *Follower) checkConsistency(ctx context.Context, st *Stats, cp *kuzet.CTCheckpoint, size int64, root []byte) ([][]byte, error) {
	if cp.TreeSize == 0 || len(cp.RootHash) == 0 {
		return nil, nil
	}
	var proof [][]byte
	if size > cp.TreeSize {
		err := f.retry(ctx, st, "get-sth-consistency", func() error {
			var err error
			proof, err = f.client.GetSTHConsistency(ctx, uint64(cp.TreeSize), uint64(size))
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	if err := verifyConsistency(uint64(cp.TreeSize), uint64(size), cp.RootHash, root, proof); err != nil {
		return nil, fmt.Errorf("%s: %w", f.logID, err)
	}
	return proof, nil
}

// prefix returns the compact range of the entries before the checkpoint's
// next index in the tree of size — or before an index at most two lower,
// for Sync to read those entries again — so that the tree can be rebuilt
// from there on without reading the log from its start. cpProof is the
// consistency proof from the checkpoint's tree to this one, if one was
// asked for.
func (f *Follower) prefix(ctx context.Context, st *Stats, cp *kuzet.CTCheckpoint, size int64, cpProof [][]byte) (*compact.Range, error) {
	next := uint64(cp.NextIndex)
	if f.tree != nil && f.tree.End() == next && f.treeSize == cp.TreeSize && bytes.Equal(f.treeRoot, cp.RootHash) {
		return f.tree, nil // this process verified it, against the checkpoint's tree
	}
	f.tree = nil
	pow2 := func(n uint64) bool { return n&(n-1) == 0 }
	if next == 0 {
		return ranges.NewEmptyRange(0), nil
	}
	if cp.TreeSize == int64(next) && len(cp.RootHash) == sha256.Size {
		// The checkpoint's tree is the prefix, and checkConsistency proved
		// its root: a perfect tree is that root alone, and any other is
		// covered by the hashes of the proof just checked.
		if pow2(next) {
			return ranges.NewRange(0, next, [][]byte{slices.Clone(cp.RootHash)})
		}
		if len(cpProof) > 0 {
			if r, err := rangeFromConsistency(next, uint64(size), cpProof); err == nil {
				return r, nil
			}
		}
	}
	// A proof from a size that is a power of two leaves out the subtree
	// of that size (its root is the verifier's to know): start one or two
	// entries earlier, where a proof holds every subtree needed.
	m := next
	if pow2(m) {
		m--
	}
	if pow2(m) {
		m = 0
	}
	if m == 0 {
		return ranges.NewEmptyRange(0), nil
	}
	var proof [][]byte
	err := f.retry(ctx, st, "get-sth-consistency", func() error {
		var err error
		proof, err = f.client.GetSTHConsistency(ctx, m, uint64(size))
		return err
	})
	if err != nil {
		return nil, err
	}
	r, err := rangeFromConsistency(m, uint64(size), proof)
	if err != nil {
		return nil, fmt.Errorf("ctlog: %s: %w: %v", f.logID, ErrUnverified, err)
	}
	return r, nil
}

// verify adds entries, which start at index pos, to tree and proves that
// the tree they complete is a prefix of the tree head's (of size and
// root). If it is not, it finds the first entry that does not belong, by
// bisection, adds only those before it, and returns their number with
// ErrUnverified. Otherwise it returns len(entries).
func (f *Follower) verify(ctx context.Context, st *Stats, tree *compact.Range, pos int64, entries []ct.LeafEntry, size int64, root []byte) (int, error) {
	hashes := make([][]byte, len(entries))
	for i, e := range entries {
		hashes[i] = leafHash(e.LeafInput)
	}
	// proves reports whether tree with the first k entries added is a
	// prefix of the tree head's.
	proves := func(k int) (bool, error) {
		r := ranges.NewEmptyRange(0)
		if err := r.AppendRange(tree, nil); err != nil {
			return false, err
		}
		for _, h := range hashes[:k] {
			if err := r.Append(h, nil); err != nil {
				return false, err
			}
		}
		n := int64(r.End())
		if n == 0 {
			return true, nil
		}
		got, err := r.GetRootHash(nil)
		if err != nil {
			return false, err
		}
		if n == size {
			return bytes.Equal(got, root), nil
		}
		var proof [][]byte
		err = f.retry(ctx, st, "get-sth-consistency", func() error {
			var err error
			proof, err = f.client.GetSTHConsistency(ctx, uint64(n), uint64(size))
			return err
		})
		if err != nil {
			return false, err
		}
		return verifyConsistency(uint64(n), uint64(size), got, root, proof) == nil, nil
	}
	ok, err := proves(len(entries))
	if err != nil {
		return 0, err
	}
	good := len(entries)
	if !ok {
		// Prefixes up to the first foreign entry verify, longer ones do
		// not: the longest that does is found in log2(len) proofs.
		lo, hi := 0, len(entries)
		if ok, err := proves(0); err != nil {
			return 0, err
		} else if !ok {
			f.tree = nil
			return 0, fmt.Errorf("ctlog: %s: %w: the log's proofs do not match its tree head of %d entries", f.logID, ErrUnverified, size)
		}
		for hi-lo > 1 {
			mid := (lo + hi) / 2
			ok, err := proves(mid)
			if err != nil {
				return 0, err
			}
			if ok {
				lo = mid
			} else {
				hi = mid
			}
		}
		good = lo
	}
	for _, h := range hashes[:good] {
		if err := tree.Append(h, nil); err != nil {
			return 0, err
		}
	}
	f.tree, f.treeSize, f.treeRoot = tree, size, slices.Clone(root)
	if good == len(entries) {
		return good, nil
	}
	bad := pos + int64(good)
	st.Refused++
	f.mu.Lock()
	f.refused++
	f.mu.Unlock()
	f.log.Error("ctlog: REFUSED an entry that is not in the log's signed tree: the log, or something between it and kuzet, "+
		"serves entries it did not log", "index", bad, "tree_size", size, "leaf_hash", hex.EncodeToString(hashes[good]))
	return good, fmt.Errorf("ctlog: %s: entry %d: %w of %d entries", f.logID, bad, ErrUnverified, size)
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
	f.mu.Lock()
	f.entries += b.End - b.Start
	f.mu.Unlock()
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
