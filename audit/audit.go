// Package audit writes, verifies, anchors and queries the keyed,
// hash-chained audit log.
//
// Writes to the store record their audit entries in their own transaction
// (see kuzet.AuditStore). Reads of personal data are recorded through a
// Recorder, which group-commits the entries of many concurrent requests in
// one transaction: each caller still waits until its entry is committed, so
// an answered read is always in the log, but a thousand reads cost one
// commit, not a thousand.
package audit

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/kuzet/kuzet"
)

// maxBatch bounds the entries committed in one transaction.
const maxBatch = 1024

type pending struct {
	entry *kuzet.AuditEntry
	done  chan error
}

// Recorder group-commits audit entries. Safe for concurrent use.
type Recorder struct {
	store  kuzet.Store
	logger *slog.Logger
	queue  chan pending

	mu     sync.RWMutex
	closed bool
	wg     sync.WaitGroup
}

// NewRecorder starts a recorder writing to store. Close stops it.
func NewRecorder(store kuzet.Store, logger *slog.Logger) *Recorder {
	r := &Recorder{store: store, logger: logger, queue: make(chan pending, 4*maxBatch)}
	r.wg.Add(1)
	go r.loop()
	return r
}

// Record appends entries to the chain, in order, and returns once they are
// committed. Returns EUNAVAILABLE after Close.
func (r *Recorder) Record(ctx context.Context, entries ...*kuzet.AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	kuzet.AttributeAudit(ctx, entries...)
	done := make(chan error, len(entries))
	r.mu.RLock()
	if r.closed {
		r.mu.RUnlock()
		return kuzet.Errorf(kuzet.EUNAVAILABLE, "audit log is closed")
	}
	queued := 0
	for _, e := range entries {
		select {
		case r.queue <- pending{entry: e, done: done}:
			queued++
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	r.mu.RUnlock()
	// Once queued an entry will be written even if the caller gives up: the
	// read it records has happened.
	var first error
	for range queued {
		select {
		case err := <-done:
			if first == nil {
				first = err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if first == nil && queued < len(entries) {
		first = ctx.Err()
	}
	return first
}

// Close writes what is queued and stops the recorder.
func (r *Recorder) Close() error {
	r.mu.Lock()
	if !r.closed {
		r.closed = true
		close(r.queue)
	}
	r.mu.Unlock()
	r.wg.Wait()
	return nil
}

func (r *Recorder) loop() {
	defer r.wg.Done()
	batch := make([]pending, 0, maxBatch)
	for p := range r.queue {
		batch = append(batch[:0], p)
	fill:
		for len(batch) < maxBatch {
			select {
			case q, ok := <-r.queue:
				if !ok {
					break fill
				}
				batch = append(batch, q)
			default:
				break fill
			}
		}
		err := r.commit(batch)
		if err != nil {
			r.logger.Error("audit commit failed", "entries", len(batch), "err", err)
		}
		for _, q := range batch {
			q.done <- err
		}
	}
}

// commitTimeout bounds one group commit, so that a database that hangs
// fails the reads waiting on it, and cannot hang shutdown.
const commitTimeout = 30 * time.Second

func (r *Recorder) commit(batch []pending) error {
	ctx, cancel := context.WithTimeout(context.Background(), commitTimeout)
	defer cancel()
	tx, err := r.store.Begin(ctx, true)
	if err != nil {
		return fmt.Errorf("begin audit tx: %w", err)
	}
	defer tx.Rollback()
	entries := make([]*kuzet.AuditEntry, len(batch))
	for i, p := range batch {
		entries[i] = p.entry
	}
	if err := tx.AppendAudit(ctx, entries...); err != nil {
		return fmt.Errorf("append audit: %w", err)
	}
	return tx.Commit()
}

// BrokenError says where the chain first fails to verify.
type BrokenError struct {
	Seq    int64 // the first entry that does not verify; head seq+1 for a missing tail
	Reason string
}

func (e *BrokenError) Error() string {
	return fmt.Sprintf("audit chain broken at entry %d: %s", e.Seq, e.Reason)
}

// Report summarises a verification.
type Report struct {
	Entries     int64
	Head        kuzet.AuditHead
	Checkpoints int // checkpoints found in the chain, unchanged
}

// Verify walks the whole chain in one read transaction (one snapshot):
// sequence numbers without gaps, each entry's link to the previous hash,
// each entry's own hash under chain's key, and the stored head. Each
// checkpoint, whose signature pub must verify, must name an entry of the
// chain with the same hash: so that a chain cut short, or rebuilt from
// nothing, by someone without the key fails against a checkpoint kept
// elsewhere. Returns a *BrokenError naming the first broken entry.
func Verify(ctx context.Context, store kuzet.Store, chain kuzet.AuditChain, pub ed25519.PublicKey, checkpoints ...*kuzet.AuditCheckpoint) (Report, error) {
	var rep Report
	want := make(map[int64][]byte, len(checkpoints))
	for _, c := range checkpoints {
		if !c.Verify(pub) {
			return rep, kuzet.Errorf(kuzet.EINVALID, "checkpoint at entry %d: the signature is not the key file's", c.Seq)
		}
		if prev, ok := want[c.Seq]; ok && !bytes.Equal(prev, c.Hash) {
			return rep, &BrokenError{Seq: c.Seq, Reason: "two signed checkpoints name different hashes"}
		}
		want[c.Seq] = c.Hash
	}
	tx, err := store.Begin(ctx, false)
	if err != nil {
		return rep, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()

	var prev []byte
	var last int64
	err = tx.ScanAudit(ctx, 1, func(e *kuzet.AuditEntry) error {
		switch {
		case e.Seq != last+1:
			return &BrokenError{Seq: last + 1, Reason: fmt.Sprintf("entry missing (next stored is %d)", e.Seq)}
		case !bytes.Equal(e.PrevHash, prev):
			return &BrokenError{Seq: e.Seq, Reason: "link to the previous entry does not match"}
		case !bytes.Equal(chain.Hash(prev, e), e.Hash):
			return &BrokenError{Seq: e.Seq, Reason: "contents do not match the entry's keyed hash"}
		}
		if h, ok := want[e.Seq]; ok {
			if !bytes.Equal(h, e.Hash) {
				return &BrokenError{Seq: e.Seq, Reason: "the entry differs from the signed checkpoint"}
			}
			rep.Checkpoints++
		}
		prev, last = e.Hash, e.Seq
		rep.Entries++
		return nil
	})
	if err != nil {
		var be *BrokenError
		if errors.As(err, &be) {
			return rep, be
		}
		return rep, fmt.Errorf("scan audit: %w", err)
	}
	head, err := tx.AuditHead(ctx)
	if err != nil {
		return rep, fmt.Errorf("read audit head: %w", err)
	}
	rep.Head = head
	switch {
	case head.Seq > last:
		return rep, &BrokenError{Seq: last + 1, Reason: fmt.Sprintf("entries %d to %d are missing", last+1, head.Seq)}
	case head.Seq < last:
		return rep, &BrokenError{Seq: head.Seq + 1, Reason: "entries after the recorded head"}
	case !bytes.Equal(head.Hash, prev):
		return rep, &BrokenError{Seq: last, Reason: "head hash does not match the last entry"}
	}
	for _, c := range checkpoints {
		if c.Seq > last {
			return rep, &BrokenError{Seq: last + 1, Reason: fmt.Sprintf(
				"the chain ends at entry %d, but a checkpoint signed %s names entry %d: entries were removed",
				last, c.At.UTC().Format(time.RFC3339), c.Seq)}
		}
		if c.Seq == 0 && len(c.Hash) != 0 {
			return rep, &BrokenError{Seq: 0, Reason: "a checkpoint of the empty chain names a hash"}
		}
	}
	return rep, nil
}

// Checkpoint returns the chain's head, as of now, signed with key.
func Checkpoint(ctx context.Context, store kuzet.Store, key ed25519.PrivateKey, now time.Time) (*kuzet.AuditCheckpoint, error) {
	var head kuzet.AuditHead
	err := kuzet.Transact(ctx, store, false, func(tx kuzet.Tx) (err error) {
		head, err = tx.AuditHead(ctx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("audit: checkpoint: %w", err)
	}
	c := &kuzet.AuditCheckpoint{Seq: head.Seq, Hash: head.Hash, At: now.UTC()}
	c.Sign(key)
	return c, nil
}
