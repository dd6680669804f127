package sqlite

import (
	"context"
	"database/sql"
	"errors"
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

var (
	// A reservation takes the key unless an answer or a live reservation
	// holds it; an abandoned one (made before the stale bound) is replaced
	// in the same statement. RETURNING yields a row only when r took it.
	reserveIdempotentQuery = prepare(`INSERT INTO idempotency
			(org_id, key, request_hash, status, content_type, body, created_at)
		VALUES (?, ?, ?, 0, '', x'', ?)
		ON CONFLICT (org_id, key) DO UPDATE SET request_hash = excluded.request_hash, status = 0,
			content_type = '', body = x'', created_at = excluded.created_at
		WHERE idempotency.status = 0 AND idempotency.created_at < ?
		RETURNING created_at`)
	completeIdempotentQuery = prepare(`UPDATE idempotency SET status = ?, content_type = ?, body = ?
		WHERE org_id = ? AND key = ? AND status = 0 AND created_at = ?`)
	releaseIdempotentQuery = prepare(`DELETE FROM idempotency
		WHERE org_id = ? AND key = ? AND status = 0 AND created_at = ?`)
)

// ReserveIdempotencyKey makes r the org's reservation of r.Key unless an
// answer or a live reservation holds it, and then returns that. The single
// writer serializes concurrent reservations.
func (tx *tx) ReserveIdempotencyKey(ctx context.Context, r *kuzet.IdempotentResponse, staleBefore time.Time) (*kuzet.IdempotentResponse, error) {
	if r.Status != 0 {
		return nil, fmt.Errorf("sqlite: reserve idempotency key: status %d, want 0", r.Status)
	}
	var created int64
	err := tx.stmt(ctx, reserveIdempotentQuery).QueryRowContext(ctx,
		r.OrgID, r.Key, blob(r.RequestHash), micros(r.CreatedAt), micros(staleBefore)).Scan(&created)
	switch {
	case err == nil:
		r.CreatedAt = fromMicros(created)
		return nil, nil
	case errors.Is(err, sql.ErrNoRows):
		return tx.FindIdempotentResponse(ctx, r.OrgID, r.Key)
	}
	return nil, fmt.Errorf("sqlite: reserve idempotency key: %w", err)
}

// CompleteIdempotencyKey stores the answer in place of the reservation made
// at r.CreatedAt. Returns ENOTFOUND if that reservation no longer holds the
// key.
func (tx *tx) CompleteIdempotencyKey(ctx context.Context, r *kuzet.IdempotentResponse) error {
	res, err := tx.stmt(ctx, completeIdempotentQuery).ExecContext(ctx,
		r.Status, r.ContentType, blob(r.Body), r.OrgID, r.Key, micros(r.CreatedAt))
	return idempotentRowChanged(res, err, "complete", r.Key)
}

// ReleaseIdempotencyKey removes the org's reservation of key made at
// reservedAt. Returns ENOTFOUND if it no longer holds the key.
func (tx *tx) ReleaseIdempotencyKey(ctx context.Context, orgID int64, key string, reservedAt time.Time) error {
	res, err := tx.stmt(ctx, releaseIdempotentQuery).ExecContext(ctx, orgID, key, micros(reservedAt))
	return idempotentRowChanged(res, err, "release", key)
}

// idempotentRowChanged turns the result of a statement on one reservation
// into an error: ENOTFOUND when no row matched.
func idempotentRowChanged(res sql.Result, err error, what, key string) error {
	if err != nil {
		return fmt.Errorf("sqlite: %s idempotency key: %w", what, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("sqlite: %s idempotency key: %w", what, err)
	}
	if n == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "idempotency key %q is not reserved by this request any more", key)
	}
	return nil
}
