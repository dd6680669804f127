package kuzet

import (
	"context"
	"time"
)

// Store is the system of record: SQLite (package sqlite) or PostgreSQL
// (package postgres). Both pass the same contract tests (package storetest).
type Store interface {
	// Begin starts a transaction. A writable transaction is serialized
	// against other writers where the database needs it.
	Begin(ctx context.Context, writable bool) (Tx, error)

	// Close releases the store's connections.
	Close() error
}

// Tx is one transaction over every part of the store. Nothing is visible to
// others before Commit; Rollback after Commit is a no-op, so callers may
// always defer it.
type Tx interface {
	OrgStore
	ReportStore
	AllowlistStore
	AuditStore
	IdempotencyStore
	SettingStore
	TelecomStore  // roaming, Do-Not-Originate, portings and call counters
	WebStore      // web findings, blocking requests and CT checkpoints
	PaymentStore  // payment checks, prevented loss, rule versions
	FreezeStore   // victim reports and freeze requests
	WebhookStore  // webhooks and their delivery outbox
	SimboxStore   // CDR batches, SIM-box suspects and seizures
	KeyStore      // the one-time move of a store's own keys to the key file
	ExchangeStore // partners, TLP markings, received objects, pull checkpoints
	CaseStore     // cases, their reports, evidence and events
	GraphStore    // the link graph of reports, cases and identifiers
	UserStore     // console users and their sessions
	ReportBreakdownStore

	Commit() error
	Rollback() error
}

// Transact runs fn in one transaction of s and commits it when fn returns
// nil and the transaction is writable; otherwise it rolls back. It is the
// one way a service begins a transaction: the use case validates, calls
// Transact with its change and the change's audit entry, and emits its
// events once Transact has returned nil.
func Transact(ctx context.Context, s Store, writable bool, fn func(Tx) error) error {
	tx, err := s.Begin(ctx, writable)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if ActorFromContext(ctx) != "" {
		tx = actorTx{Tx: tx, ctx: ctx} // its audit entries name the person as well as the organisation
	}
	if err := fn(tx); err != nil {
		return err
	}
	if !writable {
		return nil
	}
	return tx.Commit()
}

// IdempotentResponse is a stored answer to a POST carrying an
// Idempotency-Key, replayed when the same organisation sends the same key.
// Status 0 is a reservation: the request holding the key is still being
// answered, since CreatedAt.
type IdempotentResponse struct {
	OrgID       int64
	Key         string
	RequestHash []byte // method, path and body: a different request under the same key is a conflict
	Status      int    // 0 while the key is reserved and not answered yet
	ContentType string
	Body        []byte
	CreatedAt   time.Time
}

// Pending reports whether r is a reservation without an answer yet.
func (r *IdempotentResponse) Pending() bool { return r.Status == 0 }

// IdempotencyStore keeps idempotent responses, scoped to the organisation.
type IdempotencyStore interface {
	// FindIdempotentResponse returns ENOTFOUND if the org has not used key.
	FindIdempotentResponse(ctx context.Context, orgID int64, key string) (*IdempotentResponse, error)

	// PutIdempotentResponse stores r. Returns ECONFLICT if the org already
	// used r.Key.
	PutIdempotentResponse(ctx context.Context, r *IdempotentResponse) error

	// DeleteIdempotentResponses removes responses created before t.
	DeleteIdempotentResponses(ctx context.Context, before time.Time) (int64, error)

	// ReserveIdempotencyKey makes r, whose Status must be 0, the org's
	// reservation of r.Key and returns nil, unless the key is held: by an
	// answer, or by a reservation made at or after staleBefore. It then
	// returns what holds the key. A reservation made before staleBefore was
	// abandoned (its server stopped mid-request) and is replaced. Concurrent
	// calls with one key reserve it once. Sets r.CreatedAt to the stored
	// value, which Complete and Release name the reservation by.
	ReserveIdempotencyKey(ctx context.Context, r *IdempotentResponse, staleBefore time.Time) (*IdempotentResponse, error)

	// CompleteIdempotencyKey stores the answer r (Status, ContentType, Body)
	// in place of the reservation of r.OrgID and r.Key made at r.CreatedAt.
	// Returns ENOTFOUND if that reservation no longer holds the key.
	CompleteIdempotencyKey(ctx context.Context, r *IdempotentResponse) error

	// ReleaseIdempotencyKey removes the org's reservation of key made at
	// reservedAt, so that the key can be used again. Returns ENOTFOUND if
	// that reservation no longer holds the key.
	ReleaseIdempotencyKey(ctx context.Context, orgID int64, key string, reservedAt time.Time) error
}

// SettingStore keeps deployment-wide settings such as the card token key.
type SettingStore interface {
	// Setting returns ENOTFOUND if name is not set.
	Setting(ctx context.Context, name string) ([]byte, error)

	// PutSettingIfAbsent stores value under name unless name is set, and
	// returns the value that is stored afterwards.
	PutSettingIfAbsent(ctx context.Context, name string, value []byte) ([]byte, error)
}

// KeyStore is what moving a store's keys out to the deployment's key file
// needs (package keys): before the key file, the store kept its card-token
// key in its settings and chained its audit entries without a key.
type KeyStore interface {
	// DeleteSetting removes the setting name; nothing if it is not set.
	DeleteSetting(ctx context.Context, name string) error

	// RekeyCardTokens replaces every stored card token t by rekey(t) where
	// rekey says ok: in reports, the allowlist, payment checks' payees and
	// victim reports' indicators. Returns how many stored values changed.
	RekeyCardTokens(ctx context.Context, rekey func(token string) (string, bool)) (int64, error)

	// RelinkAudit recomputes every entry's PrevHash and Hash under chain,
	// in order, and moves the head; returns how many entries it relinked.
	// The caller verifies the chain as it was first.
	RelinkAudit(ctx context.Context, chain AuditChain) (int64, error)
}
