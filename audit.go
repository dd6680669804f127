package kuzet

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"time"
)

// Audit actions.
const (
	AuditOrgCreate       = "org.create"
	AuditKeyCreate       = "key.create"
	AuditKeyRevoke       = "key.revoke"
	AuditIndicatorReport = "indicator.report"
	AuditIndicatorDelete = "indicator.withdraw"
	AuditIndicatorRead   = "indicator.read"
	AuditAllowPut        = "allowlist.put"
	AuditAllowDelete     = "allowlist.delete"
)

// AuditEntry is one link of the append-only audit chain: who did what to
// which object, when. Hash covers every other field and the previous entry's
// hash, so altering or removing any entry breaks the chain from there on.
type AuditEntry struct {
	Seq      int64     // 1, 2, 3, … without gaps
	At       time.Time // UTC, stored with nanoseconds
	OrgID    int64     // 0 for the operator's own command-line actions
	Action   string    // one of the Audit* constants
	Object   string    // e.g. "phone:+77011234567", "org:3"
	Detail   string    // short free text; never a secret, never a card number
	PrevHash []byte
	Hash     []byte
}

// AuditHash computes the hash of e chained to prev. The encoding is
// length-prefixed so that no two different entries hash alike.
func AuditHash(prev []byte, e *AuditEntry) []byte {
	h := sha256.New()
	var buf [8]byte
	field := func(b []byte) {
		binary.BigEndian.PutUint64(buf[:], uint64(len(b)))
		h.Write(buf[:])
		h.Write(b)
	}
	field(prev)
	binary.BigEndian.PutUint64(buf[:], uint64(e.Seq))
	h.Write(buf[:])
	binary.BigEndian.PutUint64(buf[:], uint64(e.At.UnixNano()))
	h.Write(buf[:])
	binary.BigEndian.PutUint64(buf[:], uint64(e.OrgID))
	h.Write(buf[:])
	field([]byte(e.Action))
	field([]byte(e.Object))
	field([]byte(e.Detail))
	return h.Sum(nil)
}

// AuditHead is the last link of the chain, kept apart from the entries so
// that removing the newest entries is detected too.
type AuditHead struct {
	Seq  int64
	Hash []byte
}

// Link chains entries after h, in order: it sets each entry's Seq,
// PrevHash and Hash, and returns the new head. Stores call it inside the
// transaction that holds the head, so that the rule lives once.
func (h AuditHead) Link(entries []*AuditEntry) AuditHead {
	for _, e := range entries {
		h.Seq++
		e.Seq, e.PrevHash = h.Seq, h.Hash
		e.Hash = AuditHash(h.Hash, e)
		h.Hash = e.Hash
	}
	return h
}

// Auditor records audit entries outside a change's own transaction: the
// reads of personal data, which are many, so that the server can commit
// those of concurrent requests together (audit.Recorder). A write puts its
// entry in its own transaction instead (Tx.AppendAudit).
type Auditor interface {
	// Record returns once every entry is committed, or the error that kept
	// them from the log; a read whose entry failed must not be answered.
	Record(ctx context.Context, entries ...*AuditEntry) error
}

// StoreAuditor is an Auditor that commits each call's entries in a
// transaction of its own: correct, but one transaction a read. Tools and
// tests use it; the server groups reads with audit.Recorder.
func StoreAuditor(s Store) Auditor { return storeAuditor{s} }

type storeAuditor struct{ store Store }

func (a storeAuditor) Record(ctx context.Context, entries ...*AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	return Transact(ctx, a.store, true, func(tx Tx) error { return tx.AppendAudit(ctx, entries...) })
}

// AuditStore keeps the audit chain.
type AuditStore interface {
	// AppendAudit links entries after the current head, in order: it sets
	// Seq, PrevHash and Hash (with AuditHash) on each, stores them and moves
	// the head. Appends are serialized by the store so that the chain never
	// forks.
	AppendAudit(ctx context.Context, entries ...*AuditEntry) error

	// AuditHead returns the head; Seq 0 when the chain is empty.
	AuditHead(ctx context.Context) (AuditHead, error)

	// ScanAudit calls fn for every entry in Seq order.
	ScanAudit(ctx context.Context, fn func(*AuditEntry) error) error
}
