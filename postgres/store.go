package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
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

const (
	// A reservation takes the key unless an answer or a live reservation
	// holds it; an abandoned one (made before the stale bound) is replaced
	// in the same statement. A concurrent reservation of the same key waits
	// for the first one's transaction and then finds the key held.
	// RETURNING yields a row only when this one took the key.
	reserveIdempotentSQL = `INSERT INTO idempotency (org_id, key, request_hash, status, content_type, body, created_at)
		VALUES ($1, $2, $3, 0, '', '', $4)
		ON CONFLICT (org_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = 0,
			content_type = '', body = '', created_at = EXCLUDED.created_at
		WHERE idempotency.status = 0 AND idempotency.created_at < $5
		RETURNING created_at`
	completeIdempotentSQL = `UPDATE idempotency SET status = $1, content_type = $2, body = $3
		WHERE org_id = $4 AND key = $5 AND status = 0 AND created_at = $6`
	releaseIdempotentSQL = `DELETE FROM idempotency WHERE org_id = $1 AND key = $2 AND status = 0 AND created_at = $3`
)

// ReserveIdempotencyKey makes r the org's reservation of r.Key unless an
// answer or a live reservation holds it, and then returns that.
func (tx *tx) ReserveIdempotencyKey(ctx context.Context, r *kuzet.IdempotentResponse, staleBefore time.Time) (*kuzet.IdempotentResponse, error) {
	if r.Status != 0 {
		return nil, fmt.Errorf("postgres: reserve idempotency key: status %d, want 0", r.Status)
	}
	// The holder found by the insert may be released before the select
	// reads it: then the key is free again, and the insert is retried.
	for range 3 {
		var created time.Time
		err := tx.tx.QueryRow(ctx, reserveIdempotentSQL,
			r.OrgID, r.Key, blob(r.RequestHash), sqlstore.Stored(r.CreatedAt), sqlstore.Stored(staleBefore)).Scan(&created)
		if err == nil {
			r.CreatedAt = created.UTC()
			return nil, nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return nil, fmt.Errorf("postgres: reserve idempotency key: %w", err)
		}
		held, err := tx.FindIdempotentResponse(ctx, r.OrgID, r.Key)
		if kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
			return held, err
		}
	}
	return nil, fmt.Errorf("postgres: reserve idempotency key %q: its holder keeps changing", r.Key)
}

// CompleteIdempotencyKey stores the answer in place of the reservation made
// at r.CreatedAt. Returns ENOTFOUND if that reservation no longer holds the
// key.
func (tx *tx) CompleteIdempotencyKey(ctx context.Context, r *kuzet.IdempotentResponse) error {
	tag, err := tx.tx.Exec(ctx, completeIdempotentSQL,
		r.Status, r.ContentType, blob(r.Body), r.OrgID, r.Key, sqlstore.Stored(r.CreatedAt))
	if err != nil {
		return fmt.Errorf("postgres: complete idempotency key: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "idempotency key %q is not reserved by this request any more", r.Key)
	}
	return nil
}

// ReleaseIdempotencyKey removes the org's reservation of key made at
// reservedAt. Returns ENOTFOUND if it no longer holds the key.
func (tx *tx) ReleaseIdempotencyKey(ctx context.Context, orgID int64, key string, reservedAt time.Time) error {
	tag, err := tx.tx.Exec(ctx, releaseIdempotentSQL, orgID, key, sqlstore.Stored(reservedAt))
	if err != nil {
		return fmt.Errorf("postgres: release idempotency key: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "idempotency key %q is not reserved by this request any more", key)
	}
	return nil
}
