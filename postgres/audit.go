package postgres

import (
	"context"
	"fmt"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

const (
	auditHeadSQL = `SELECT seq, hash FROM audit_head WHERE id = 1`
	// The row lock is what serializes appends: a second transaction waits
	// here until the first ends, then reads the head the first left.
	lockAuditHeadSQL = `SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE`
	moveAuditHeadSQL = `UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1`
	// One statement for a whole batch: the entries travel as eight arrays.
	insertAuditSQL = `INSERT INTO audit_log (seq, at, org_id, action, object, detail, prev_hash, hash)
		SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[],
			$7::bytea[], $8::bytea[])`
	scanAuditSQL = `SELECT ` + sqlstore.AuditColumns + ` FROM audit_log
		WHERE seq >= $1 ORDER BY seq`
	findAuditSQL = `SELECT ` + sqlstore.AuditColumns + ` FROM audit_log
		WHERE seq > $1
		  AND ($2::bigint = 0 OR at >= $2) AND ($3::bigint = 0 OR at < $3)
		  AND ($4::boolean = false OR org_id = $5) AND ($6::text = '' OR action = $6)
		ORDER BY seq LIMIT $7`
)

// AppendAudit links entries after the current head, in order: it sets Seq,
// PrevHash and Hash on each, stores them and moves the head. It locks the
// head row for the rest of the transaction, so concurrent appends take
// turns and the chain cannot fork.
func (tx *tx) AppendAudit(ctx context.Context, entries ...*kuzet.AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	var head kuzet.AuditHead
	if err := tx.tx.QueryRow(ctx, lockAuditHeadSQL).Scan(&head.Seq, &head.Hash); err != nil {
		return fmt.Errorf("postgres: append audit: %w", err)
	}
	n := len(entries)
	var (
		seqs    = make([]int64, n)
		ats     = make([]int64, n)
		orgs    = make([]int64, n)
		actions = make([]string, n)
		objects = make([]string, n)
		details = make([]string, n)
		prevs   = make([][]byte, n)
		hashes  = make([][]byte, n)
	)
	head.Hash = blob(head.Hash)
	head = tx.chain.Link(head, entries)
	for i, e := range entries {
		seqs[i], ats[i], orgs[i] = e.Seq, e.At.UnixNano(), e.OrgID
		actions[i], objects[i], details[i] = e.Action, e.Object, e.Detail
		prevs[i], hashes[i] = e.PrevHash, e.Hash
	}
	if _, err := tx.tx.Exec(ctx, insertAuditSQL, seqs, ats, orgs, actions, objects, details, prevs, hashes); err != nil {
		return fmt.Errorf("postgres: append audit: %w", err)
	}
	if _, err := tx.tx.Exec(ctx, moveAuditHeadSQL, head.Seq, head.Hash); err != nil {
		return fmt.Errorf("postgres: append audit: %w", err)
	}
	return nil
}

// AuditHead returns the head; Seq 0 and an empty hash when the chain is
// empty.
func (tx *tx) AuditHead(ctx context.Context) (kuzet.AuditHead, error) {
	var h kuzet.AuditHead
	if err := tx.tx.QueryRow(ctx, auditHeadSQL).Scan(&h.Seq, &h.Hash); err != nil {
		return kuzet.AuditHead{}, fmt.Errorf("postgres: audit head: %w", err)
	}
	return h, nil
}

// ScanAudit calls fn for every entry from seq from on, in Seq order,
// reading them from the server as it goes. Stops at and returns fn's first
// error. fn must not use the transaction.
func (tx *tx) ScanAudit(ctx context.Context, from int64, fn func(*kuzet.AuditEntry) error) error {
	return each(ctx, tx, scanAuditSQL, "postgres: scan audit", sqlstore.AuditEntry, fn, from)
}

// FindAudit returns the entries f selects, in Seq order.
func (tx *tx) FindAudit(ctx context.Context, f kuzet.AuditFilter) ([]*kuzet.AuditEntry, error) {
	from, to := sqlstore.AuditBounds(f)
	var limit *int
	if f.Limit > 0 {
		limit = &f.Limit
	}
	return collect(ctx, tx, findAuditSQL, "postgres: find audit", sqlstore.AuditEntry,
		f.AfterSeq, from, to, f.OrgID != 0, f.OrgID, f.Action, limit)
}
