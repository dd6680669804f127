package kuzet

import (
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
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
	AuditLogRead         = "audit.read" // the police or the regulator queried the audit log
)

// AuditEntry is one link of the append-only audit chain: who did what to
// which object, when. Hash covers every other field and the previous entry's
// hash, so altering or removing any entry breaks the chain from there on.
type AuditEntry struct {
	Seq      int64     `json:"seq"`    // 1, 2, 3, … without gaps
	At       time.Time `json:"at"`     // UTC, stored with nanoseconds
	OrgID    int64     `json:"org_id"` // 0 for the operator's own command-line actions
	Action   string    `json:"action"` // one of the Audit* constants
	Object   string    `json:"object"` // e.g. "phone:+77011234567", "org:3"
	Detail   string    `json:"detail"` // short free text; never a secret, never a card number
	PrevHash []byte    `json:"prev_hash"`
	Hash     []byte    `json:"hash"`
}

// AuditChain computes the links of the audit chain under the deployment's
// audit key (from the key file, never from the store): each entry's hash is
// HMAC-SHA256 of its contents and the previous entry's hash. Whoever can
// write the store but does not hold the key cannot alter an entry and
// recompute the hashes after it; removing the newest entries, and
// rewriting everything, are caught by signed checkpoints kept elsewhere
// (AuditCheckpoint).
//
// The zero AuditChain keys with an empty key: the chain still links, but
// anyone can recompute it. Tests use it; the server always has a key.
type AuditChain struct {
	Key []byte
}

// Hash computes the hash of e chained to prev. The encoding is
// length-prefixed so that no two different entries hash alike.
func (c AuditChain) Hash(prev []byte, e *AuditEntry) []byte {
	h := hmac.New(sha256.New, c.Key)
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

// Link chains entries after h, in order: it sets each entry's Seq,
// PrevHash and Hash, and returns the new head. Stores call it inside the
// transaction that holds the head, so that the rule lives once.
func (c AuditChain) Link(h AuditHead, entries []*AuditEntry) AuditHead {
	for _, e := range entries {
		h.Seq++
		e.Seq, e.PrevHash = h.Seq, h.Hash
		e.Hash = c.Hash(h.Hash, e)
		h.Hash = e.Hash
	}
	return h
}

// AuditHead is the last link of the chain, kept apart from the entries so
// that removing the newest entries without moving it is detected too.
type AuditHead struct {
	Seq  int64
	Hash []byte
}

// AuditCheckpoint is a signed statement that the chain had Hash at entry
// Seq at time At: printed, mailed or sent to a partner, it proves later
// that the chain still holds that prefix unchanged, even against whoever
// administers the store. Signature is Ed25519 over SignedBytes, by the key
// of the deployment's key file.
type AuditCheckpoint struct {
	Seq       int64     `json:"seq"`
	Hash      []byte    `json:"hash"`
	At        time.Time `json:"at"`
	Signature []byte    `json:"signature"`
}

// SignedBytes is what a checkpoint's signature covers.
func (c *AuditCheckpoint) SignedBytes() []byte {
	return fmt.Appendf(nil, "kuzet audit checkpoint v1\nseq %d\nhash %x\nat %s\n", c.Seq, c.Hash, c.At.UTC().Format(time.RFC3339Nano))
}

// Sign signs c with key.
func (c *AuditCheckpoint) Sign(key ed25519.PrivateKey) {
	c.Signature = ed25519.Sign(key, c.SignedBytes())
}

// Verify reports whether c carries a valid signature by pub.
func (c *AuditCheckpoint) Verify(pub ed25519.PublicKey) bool {
	return len(pub) == ed25519.PublicKeySize && ed25519.Verify(pub, c.SignedBytes(), c.Signature)
}

// AuditFilter selects audit entries: those of [From, To) where set, of one
// acting organisation where OrgID is set, of one action where Action is
// set, after the entry AfterSeq (a cursor), at most Limit, in sequence
// order.
type AuditFilter struct {
	From, To time.Time
	OrgID    int64
	Action   string
	AfterSeq int64
	Limit    int
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
	AttributeAudit(ctx, entries...)
	return Transact(ctx, a.store, true, func(tx Tx) error { return tx.AppendAudit(ctx, entries...) })
}

// AuditStore keeps the audit chain.
type AuditStore interface {
	// AppendAudit links entries after the current head, in order: it sets
	// Seq, PrevHash and Hash (with the store's AuditChain) on each, stores
	// them and moves the head. Appends are serialized by the store so that the chain never
	// forks.
	AppendAudit(ctx context.Context, entries ...*AuditEntry) error

	// AuditHead returns the head; Seq 0 when the chain is empty.
	AuditHead(ctx context.Context) (AuditHead, error)

	// ScanAudit calls fn for every entry in Seq order, from entry from
	// (1 for the whole chain).
	ScanAudit(ctx context.Context, from int64, fn func(*AuditEntry) error) error

	// FindAudit returns the entries f selects, in Seq order.
	FindAudit(ctx context.Context, f AuditFilter) ([]*AuditEntry, error)
}
