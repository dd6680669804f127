package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
)

const insertAuditSQL = `INSERT INTO audit_log (seq, at, org_id, action, object, detail, prev_hash, hash)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

// auditChunk is how many entries one statement inserts: 8 parameters each,
// well below SQLite's limit of 32,766.
const auditChunk = 64

var (
	auditHeadQuery     = prepare(`SELECT seq, hash FROM audit_head WHERE id = 1`)
	moveAuditHeadQuery = prepare(`UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`)
	insertAuditQuery   = prepare(insertAuditSQL)
	// Large appends go auditChunk entries to a statement: one execution
	// per entry would cost more than the entry's insert itself.
	insertAuditChunkQuery = prepare(insertAuditSQL + strings.Repeat(", (?, ?, ?, ?, ?, ?, ?, ?)", auditChunk-1))
	scanAuditQuery        = prepare(`SELECT seq, at, org_id, action, object, detail, prev_hash, hash
		FROM audit_log ORDER BY seq`)
)

// AppendAudit links entries after the current head, in order: it sets Seq,
// PrevHash and Hash on each, stores them and moves the head. The chain
// cannot fork: a writable transaction is the only writer of the database
// from its BEGIN IMMEDIATE to its end, and a read-only one cannot append.
func (tx *tx) AppendAudit(ctx context.Context, entries ...*kuzet.AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	head, err := tx.AuditHead(ctx)
	if err != nil {
		return err
	}
	head.Hash = blob(head.Hash)
	head = head.Link(entries)
	args := make([]any, 0, 8*min(len(entries), auditChunk))
	for rest := entries; len(rest) > 0; {
		q, n := insertAuditQuery, 1
		if len(rest) >= auditChunk {
			q, n = insertAuditChunkQuery, auditChunk
		}
		args = args[:0]
		for _, e := range rest[:n] {
			args = append(args, e.Seq, e.At.UnixNano(), e.OrgID, e.Action, e.Object, e.Detail, e.PrevHash, e.Hash)
		}
		if _, err := tx.stmt(ctx, q).ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("sqlite: append audit: %w", err)
		}
		rest = rest[n:]
	}
	if _, err := tx.stmt(ctx, moveAuditHeadQuery).ExecContext(ctx, head.Seq, head.Hash); err != nil {
		return fmt.Errorf("sqlite: append audit: %w", err)
	}
	return nil
}

// AuditHead returns the head; Seq 0 and an empty hash when the chain is
// empty.
func (tx *tx) AuditHead(ctx context.Context) (kuzet.AuditHead, error) {
	var h kuzet.AuditHead
	if err := tx.stmt(ctx, auditHeadQuery).QueryRowContext(ctx).Scan(&h.Seq, &h.Hash); err != nil {
		return kuzet.AuditHead{}, fmt.Errorf("sqlite: audit head: %w", err)
	}
	return h, nil
}

// ScanAudit calls fn for every entry in Seq order. Stops at and returns fn's
// first error. fn must not use the transaction.
func (tx *tx) ScanAudit(ctx context.Context, fn func(*kuzet.AuditEntry) error) error {
	rows, err := tx.stmt(ctx, scanAuditQuery).QueryContext(ctx)
	if err != nil {
		return fmt.Errorf("sqlite: scan audit: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			e  kuzet.AuditEntry
			at int64
		)
		if err := rows.Scan(&e.Seq, &at, &e.OrgID, &e.Action, &e.Object, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
			return fmt.Errorf("sqlite: scan audit: %w", err)
		}
		e.At = time.Unix(0, at).UTC()
		if err := fn(&e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: scan audit: %w", err)
	}
	return nil
}
