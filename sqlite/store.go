package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

var (
	findIdempotentQuery = prepare(`SELECT ` + sqlstore.IdempotentColumns + ` FROM idempotency
		WHERE org_id = ? AND key = ?`)
	// DO NOTHING rather than a constraint error: the transaction stays
	// usable after a used key, as it does in PostgreSQL.
	putIdempotentQuery = prepare(`INSERT INTO idempotency
			(org_id, key, request_hash, status, content_type, body, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, key) DO NOTHING`)
	deleteIdempotentQuery = prepare(`DELETE FROM idempotency WHERE created_at < ?`)

	settingQuery    = prepare(`SELECT value FROM settings WHERE name = ?`)
	putSettingQuery = prepare(`INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`)
)

// FindIdempotentResponse returns ENOTFOUND if the org has not used key.
func (tx *tx) FindIdempotentResponse(ctx context.Context, orgID int64, key string) (*kuzet.IdempotentResponse, error) {
	return sqlstore.One(tx.stmt(ctx, findIdempotentQuery).QueryRowContext(ctx, orgID, key),
		"sqlite: find idempotent response", read.IdempotentResponse, "idempotency key %q not used", key)
}

// PutIdempotentResponse stores r. Returns ECONFLICT if the org already used
// r.Key.
func (tx *tx) PutIdempotentResponse(ctx context.Context, r *kuzet.IdempotentResponse) error {
	n, err := tx.exec(ctx, putIdempotentQuery,
		r.OrgID, r.Key, blob(r.RequestHash), r.Status, r.ContentType, blob(r.Body), micros(r.CreatedAt))
	if err != nil {
		return fmt.Errorf("sqlite: put idempotent response: %w", err)
	}
	if n == 0 {
		return kuzet.Errorf(kuzet.ECONFLICT, "idempotency key %q already used", r.Key)
	}
	r.CreatedAt = sqlstore.Stored(r.CreatedAt)
	return nil
}

// DeleteIdempotentResponses removes responses created before t and returns
// how many.
func (tx *tx) DeleteIdempotentResponses(ctx context.Context, before time.Time) (int64, error) {
	n, err := tx.exec(ctx, deleteIdempotentQuery, micros(before))
	if err != nil {
		return 0, fmt.Errorf("sqlite: delete idempotent responses: %w", err)
	}
	return n, nil
}

// Setting returns ENOTFOUND if name is not set.
func (tx *tx) Setting(ctx context.Context, name string) ([]byte, error) {
	var value []byte
	if err := tx.stmt(ctx, settingQuery).QueryRowContext(ctx, name).Scan(&value); err != nil {
		return nil, sqlstore.NotFound(err, "sqlite: setting", "setting %q not set", name)
	}
	return value, nil
}

// PutSettingIfAbsent stores value under name unless name is set, and returns
// the value that is stored afterwards.
func (tx *tx) PutSettingIfAbsent(ctx context.Context, name string, value []byte) ([]byte, error) {
	if _, err := tx.stmt(ctx, putSettingQuery).ExecContext(ctx, name, blob(value)); err != nil {
		return nil, fmt.Errorf("sqlite: put setting: %w", err)
	}
	return tx.Setting(ctx, name)
}
