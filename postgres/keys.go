package postgres

import (
	"context"
	"fmt"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

// The key migration runs once, on a store of modest size, outside the
// request path.

// DeleteSetting removes the setting name; nothing if it is not set.
func (tx *tx) DeleteSetting(ctx context.Context, name string) error {
	if _, err := tx.tx.Exec(ctx, `DELETE FROM settings WHERE name = $1`, name); err != nil {
		return fmt.Errorf("postgres: delete setting: %w", err)
	}
	return nil
}

// RekeyCardTokens replaces every stored card token by rekey's.
func (tx *tx) RekeyCardTokens(ctx context.Context, rekey func(string) (string, bool)) (int64, error) {
	var n int64
	steps := []struct {
		what, sel, upd string
		fn             func(string) (string, bool)
	}{
		{"reports", `SELECT value, value FROM reports WHERE kind = 'card'`,
			`UPDATE reports SET value = $1 WHERE kind = 'card' AND value = $2`, rekey},
		{"allowlist", `SELECT value, value FROM allowlist WHERE kind = 'card'`,
			`UPDATE allowlist SET value = $1 WHERE kind = 'card' AND value = $2`, rekey},
		{"payment checks", `SELECT id, payee::text FROM payment_checks WHERE payee ? 'card'`,
			`UPDATE payment_checks SET payee = $1::jsonb WHERE id = $2`,
			func(doc string) (string, bool) { return kuzet.RekeyPayeeCard(doc, rekey) }},
		{"victim reports", `SELECT id, indicators::text FROM victim_reports WHERE indicators @> '[{"kind": "card"}]'`,
			`UPDATE victim_reports SET indicators = $1::jsonb WHERE id = $2`,
			func(doc string) (string, bool) { return kuzet.RekeyIndicatorCards(doc, rekey) }},
	}
	for _, st := range steps {
		m, err := tx.rekeyColumn(ctx, st.sel, st.upd, st.fn)
		if err != nil {
			return n, fmt.Errorf("postgres: rekey cards in %s: %w", st.what, err)
		}
		n += m
	}
	return n, nil
}

// rekeyColumn reads every (key, value) that sel selects, and writes back
// with upd (value, key) those that fn changes.
func (tx *tx) rekeyColumn(ctx context.Context, sel, upd string, fn func(string) (string, bool)) (int64, error) {
	type change struct{ id, value string }
	var changes []change
	rows, _ := tx.tx.Query(ctx, sel)
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
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, c := range changes {
		if _, err := tx.tx.Exec(ctx, upd, c.value, c.id); err != nil {
			return 0, err
		}
	}
	return int64(len(changes)), nil
}

// RelinkAudit recomputes every entry's links under chain and moves the head.
func (tx *tx) RelinkAudit(ctx context.Context, chain kuzet.AuditChain) (int64, error) {
	if _, err := tx.tx.Exec(ctx, lockAuditHeadSQL); err != nil {
		return 0, fmt.Errorf("postgres: relink audit: %w", err)
	}
	entries, err := collect(ctx, tx, scanAuditSQL, "postgres: relink audit", sqlstore.AuditEntry, 1)
	if err != nil {
		return 0, err
	}
	head, err := sqlstore.Relink(entries, chain, func(e *kuzet.AuditEntry) error {
		_, err := tx.tx.Exec(ctx, `UPDATE audit_log SET prev_hash = $1, hash = $2 WHERE seq = $3`,
			blob(e.PrevHash), e.Hash, e.Seq)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("postgres: relink audit: %w", err)
	}
	if _, err := tx.tx.Exec(ctx, moveAuditHeadSQL, head.Seq, blob(head.Hash)); err != nil {
		return 0, fmt.Errorf("postgres: relink audit: %w", err)
	}
	return int64(len(entries)), nil
}
