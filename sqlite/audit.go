package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
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
	scanAuditQuery        = prepare(`SELECT ` + sqlstore.AuditColumns + `
		FROM audit_log WHERE seq >= ? ORDER BY seq`)
	// The filter's parts are switched on and off by their first
	// parameter, so that one prepared statement serves every filter.
	findAuditQuery = prepare(`SELECT ` + sqlstore.AuditColumns + `
		FROM audit_log
		WHERE seq > ?1
		  AND (?2 = 0 OR at >= ?2) AND (?3 = 0 OR at < ?3)
		  AND (?4 = 0 OR org_id = ?5) AND (?6 = '' OR action = ?6)
		ORDER BY seq LIMIT ?7`)
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
	head = tx.chain.Link(head, entries)
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

// ScanAudit calls fn for every entry from seq from on, in Seq order. Stops
// at and returns fn's first error. fn must not use the transaction.
func (tx *tx) ScanAudit(ctx context.Context, from int64, fn func(*kuzet.AuditEntry) error) error {
	return each(ctx, tx, scanAuditQuery, "sqlite: scan audit", sqlstore.AuditEntry, fn, from)
}

// FindAudit returns the entries f selects, in Seq order.
func (tx *tx) FindAudit(ctx context.Context, f kuzet.AuditFilter) ([]*kuzet.AuditEntry, error) {
	from, to := sqlstore.AuditBounds(f)
	byOrg := 0
	if f.OrgID != 0 {
		byOrg = 1
	}
	limit := f.Limit
	if limit <= 0 {
		limit = -1 // no limit
	}
	return collect(ctx, tx, findAuditQuery, "sqlite: find audit", sqlstore.AuditEntry,
		f.AfterSeq, from, to, byOrg, f.OrgID, f.Action, limit)
}
