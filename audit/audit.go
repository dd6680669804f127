// Package audit writes and verifies the hash-chained audit log.
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
	"errors"
	"fmt"
	"log/slog"
	"sync"

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

func (r *Recorder) commit(batch []pending) error {
	ctx := context.Background()
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
	Entries int64
	Head    kuzet.AuditHead
}

// Verify walks the whole chain: sequence numbers without gaps, each entry's
// link to the previous hash, each entry's own hash, and the stored head.
// Returns a *BrokenError naming the first broken entry.
func Verify(ctx context.Context, store kuzet.Store) (Report, error) {
	var rep Report
	tx, err := store.Begin(ctx, false)
	if err != nil {
		return rep, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()

	var prev []byte
	var last int64
	err = tx.ScanAudit(ctx, func(e *kuzet.AuditEntry) error {
		switch {
		case e.Seq != last+1:
			return &BrokenError{Seq: last + 1, Reason: fmt.Sprintf("entry missing (next stored is %d)", e.Seq)}
		case !bytes.Equal(e.PrevHash, prev):
			return &BrokenError{Seq: e.Seq, Reason: "link to the previous entry does not match"}
		case !bytes.Equal(kuzet.AuditHash(prev, e), e.Hash):
			return &BrokenError{Seq: e.Seq, Reason: "contents do not match the entry's hash"}
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
	return rep, nil
}
