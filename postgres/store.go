package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

const (
	findIdempotentSQL = `SELECT ` + sqlstore.IdempotentColumns + ` FROM idempotency WHERE org_id = $1 AND key = $2`
	// DO NOTHING rather than a unique violation, which would abort the
	// transaction: the caller may go on after a used key.
	putIdempotentSQL = `INSERT INTO idempotency (org_id, key, request_hash, status, content_type, body, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (org_id, key) DO NOTHING`
	deleteIdempotentSQL = `DELETE FROM idempotency WHERE created_at < $1`

	settingSQL = `SELECT value FROM settings WHERE name = $1`
	// A concurrent insert of the same name makes this wait for the other
	// transaction and then do nothing; the SELECT that follows, a new
	// statement under READ COMMITTED, sees the winner's value.
	putSettingSQL = `INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`
)

// FindIdempotentResponse returns ENOTFOUND if the org has not used key.
func (tx *tx) FindIdempotentResponse(ctx context.Context, orgID int64, key string) (*kuzet.IdempotentResponse, error) {
	return sqlstore.One(tx.tx.QueryRow(ctx, findIdempotentSQL, orgID, key), "postgres: find idempotent response",
		read.IdempotentResponse, "idempotency key %q not used", key)
}

// PutIdempotentResponse stores r. Returns ECONFLICT if the org already used
// r.Key.
func (tx *tx) PutIdempotentResponse(ctx context.Context, r *kuzet.IdempotentResponse) error {
	tag, err := tx.tx.Exec(ctx, putIdempotentSQL,
		r.OrgID, r.Key, blob(r.RequestHash), r.Status, r.ContentType, blob(r.Body), sqlstore.Stored(r.CreatedAt))
	if err != nil {
		return fmt.Errorf("postgres: put idempotent response: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return kuzet.Errorf(kuzet.ECONFLICT, "idempotency key %q already used", r.Key)
	}
	r.CreatedAt = sqlstore.Stored(r.CreatedAt)
	return nil
}

// DeleteIdempotentResponses removes responses created before t and returns
// how many.
func (tx *tx) DeleteIdempotentResponses(ctx context.Context, before time.Time) (int64, error) {
	tag, err := tx.tx.Exec(ctx, deleteIdempotentSQL, sqlstore.Stored(before))
	if err != nil {
		return 0, fmt.Errorf("postgres: delete idempotent responses: %w", err)
	}
	return tag.RowsAffected(), nil
}

// Setting returns ENOTFOUND if name is not set.
func (tx *tx) Setting(ctx context.Context, name string) ([]byte, error) {
	var value []byte
	if err := tx.tx.QueryRow(ctx, settingSQL, name).Scan(&value); err != nil {
		return nil, sqlstore.NotFound(err, "postgres: setting", "setting %q not set", name)
	}
	return value, nil
}

// PutSettingIfAbsent stores value under name unless name is set, and returns
// the value that is stored afterwards.
func (tx *tx) PutSettingIfAbsent(ctx context.Context, name string, value []byte) ([]byte, error) {
	if _, err := tx.tx.Exec(ctx, putSettingSQL, name, blob(value)); err != nil {
		return nil, fmt.Errorf("postgres: put setting: %w", err)
	}
	return tx.Setting(ctx, name)
}
