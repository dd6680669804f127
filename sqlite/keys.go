package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

// The key migration runs once, on a store of modest size, outside the
// request path: its statements are not prepared.

// DeleteSetting removes the setting name; nothing if it is not set.
func (tx *tx) DeleteSetting(ctx context.Context, name string) error {
	if _, err := tx.tx.ExecContext(ctx, `DELETE FROM settings WHERE name = ?`, name); err != nil {
		return fmt.Errorf("sqlite: delete setting: %w", err)
	}
	return nil
}

// RekeyCardTokens replaces every stored card token by rekey's.
func (tx *tx) RekeyCardTokens(ctx context.Context, rekey func(string) (string, bool)) (int64, error) {
	var n int64
	for _, table := range []string{"reports", "allowlist"} {
		m, err := tx.rekeyColumn(ctx, `SELECT value, value FROM `+table+` WHERE kind = 'card'`,
			`UPDATE `+table+` SET value = ? WHERE kind = 'card' AND value = ?`, rekey)
		if err != nil {
			return n, fmt.Errorf("sqlite: rekey cards in %s: %w", table, err)
		}
		n += m
	}
	m, err := tx.rekeyChecks(ctx, rekey)
	if err != nil {
		return n, fmt.Errorf("sqlite: rekey cards in payment checks: %w", err)
	}
	n += m
	m, err = tx.rekeyColumn(ctx, `SELECT id, indicators FROM victim_reports WHERE indicators LIKE '%"card"%'`,
		`UPDATE victim_reports SET indicators = ? WHERE id = ?`, func(doc string) (string, bool) {
			return kuzet.RekeyIndicatorCards(doc, rekey)
		})
	if err != nil {
		return n, fmt.Errorf("sqlite: rekey cards in victim reports: %w", err)
	}
	return n + m, nil
}

// rekeyChecks rewrites the batches of checks whose payee's card rekey
// changes, and returns how many checks changed.
func (tx *tx) rekeyChecks(ctx context.Context, rekey func(string) (string, bool)) (int64, error) {
	type change struct {
		seq     int64
		records []byte
	}
	var (
		changes []change
		n       int64
		e       checkEncoder
	)
	rows, err := tx.tx.QueryContext(ctx, `SELECT seq, org_id, records FROM check_batches`)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var (
			seq, org int64
			data     sql.RawBytes
		)
		err := rows.Scan(&seq, &org, &data)
		var cb *checkBatch
		if err == nil {
			cb, err = parseBatch(data)
		}
		var recs []*kuzet.CheckRecord
		if err == nil {
			recs, err = cb.checks(org)
		}
		if err != nil {
			rows.Close()
			return 0, err
		}
		m := int64(0)
		for _, c := range recs {
			if c.Check.Payee.Card == "" {
				continue
			}
			if card, ok := rekey(c.Check.Payee.Card); ok && card != c.Check.Payee.Card {
				c.Check.Payee.Card = card
				m++
			}
		}
		if m > 0 {
			changes, n = append(changes, change{seq, slices.Clone(e.encode(recs))}), n+m
		}
	}
	if err := errorsOf(rows); err != nil {
		return 0, err
	}
	for _, c := range changes {
		if _, err := tx.tx.ExecContext(ctx, `UPDATE check_batches SET records = ? WHERE seq = ?`, c.records, c.seq); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// rekeyColumn reads every (key, value) that sel selects, and writes back
// with upd (value, key) those that fn changes.
func (tx *tx) rekeyColumn(ctx context.Context, sel, upd string, fn func(string) (string, bool)) (int64, error) {
	type change struct{ id, value string }
	var changes []change
	rows, err := tx.tx.QueryContext(ctx, sel)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var c change
		if err := rows.Scan(&c.id, &c.value); err != nil {
			rows.Close()
			return 0, err
		}
		if v, ok := fn(c.value); ok && v != c.value {
			changes = append(changes, change{c.id, v})
		}
	}
	if err := errorsOf(rows); err != nil {
		return 0, err
	}
	for _, c := range changes {
		if _, err := tx.tx.ExecContext(ctx, upd, c.value, c.id); err != nil {
			return 0, err
		}
	}
	return int64(len(changes)), nil
}

func errorsOf(rows *sql.Rows) error {
	err := rows.Err()
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	return err
}

// RelinkAudit recomputes every entry's links under chain and moves the head.
func (tx *tx) RelinkAudit(ctx context.Context, chain kuzet.AuditChain) (int64, error) {
	entries, err := collect(ctx, tx, scanAuditQuery, "sqlite: relink audit", sqlstore.AuditEntry, 1)
	if err != nil {
		return 0, err
	}
	head, err := sqlstore.Relink(entries, chain, func(e *kuzet.AuditEntry) error {
		_, err := tx.tx.ExecContext(ctx, `UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?`,
			blob(e.PrevHash), e.Hash, e.Seq)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("sqlite: relink audit: %w", err)
	}
	if _, err := tx.stmt(ctx, moveAuditHeadQuery).ExecContext(ctx, head.Seq, blob(head.Hash)); err != nil {
		return 0, fmt.Errorf("sqlite: relink audit: %w", err)
	}
	return int64(len(entries)), nil
}
