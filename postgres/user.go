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
	// DO NOTHING rather than a unique violation, which would abort the
	// transaction. The organisation is checked first for the same reason.
	createUserSQL = `INSERT INTO users (org_id, name, role, password_hash, totp_secret, created_at, disabled_at)
		SELECT $1::bigint, $2::text, $3::text, $4::bytea, $5::bytea, $6::timestamptz, $7::timestamptz WHERE EXISTS (SELECT 1 FROM orgs WHERE id = $1)
		ON CONFLICT DO NOTHING RETURNING id`
	findUserByNameSQL = `SELECT ` + sqlstore.UserColumns + ` FROM users WHERE name = $1`
	findUserByIDSQL   = `SELECT ` + sqlstore.UserColumns + ` FROM users WHERE id = $1`
	findUsersSQL      = `SELECT ` + sqlstore.UserColumns + ` FROM users WHERE org_id = $1 ORDER BY id`
	orgExistsSQL      = `SELECT count(*) FROM orgs WHERE id = $1`

	createSessionSQL = `INSERT INTO user_sessions (hash, user_id, created_at, seen_at, expires_at)
		VALUES ($1, $2, $3, $4, $5)`
	findSessionSQL    = `SELECT ` + sqlstore.SessionColumns + ` FROM user_sessions WHERE hash = $1`
	touchSessionSQL   = `UPDATE user_sessions SET seen_at = $1 WHERE hash = $2`
	deleteSessionSQL  = `DELETE FROM user_sessions WHERE hash = $1`
	deleteSessionsSQL = `DELETE FROM user_sessions WHERE expires_at < $1 OR seen_at < $2`
)

// CreateUser inserts u and sets u.ID. Returns ECONFLICT if the name is
// taken and ENOTFOUND if the organisation does not exist.
func (tx *tx) CreateUser(ctx context.Context, u *kuzet.User) error {
	var id int64
	err := tx.tx.QueryRow(ctx, createUserSQL, u.OrgID, u.Name, string(u.Role), blob(u.PasswordHash),
		blob(u.TOTPSecret), sqlstore.Stored(u.CreatedAt), nullTime(u.DisabledAt)).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		var n int
		if err := tx.tx.QueryRow(ctx, orgExistsSQL, u.OrgID).Scan(&n); err != nil {
			return fmt.Errorf("postgres: create user: %w", err)
		} else if n == 0 {
			return kuzet.Errorf(kuzet.ENOTFOUND, "organisation %d not found", u.OrgID)
		}
		return kuzet.Errorf(kuzet.ECONFLICT, "the user name %q is taken", u.Name)
	} else if err != nil {
		return fmt.Errorf("postgres: create user: %w", err)
	}
	u.ID, u.CreatedAt, u.DisabledAt = id, sqlstore.Stored(u.CreatedAt), sqlstore.Stored(u.DisabledAt)
	return nil
}

// FindUserByName returns ENOTFOUND if no user has the name.
func (tx *tx) FindUserByName(ctx context.Context, name string) (*kuzet.User, error) {
	return sqlstore.One(tx.tx.QueryRow(ctx, findUserByNameSQL, name), "postgres: find user", read.User,
		"user %q not found", name)
}

// FindUserByID returns ENOTFOUND if there is no such user.
func (tx *tx) FindUserByID(ctx context.Context, id int64) (*kuzet.User, error) {
	return sqlstore.One(tx.tx.QueryRow(ctx, findUserByIDSQL, id), "postgres: find user", read.User,
		"user %d not found", id)
}

// FindUsers returns an organisation's users, by ID.
func (tx *tx) FindUsers(ctx context.Context, orgID int64) ([]*kuzet.User, error) {
	return collect(ctx, tx, findUsersSQL, "postgres: find users", read.User, orgID)
}

// CreateSession stores s.
func (tx *tx) CreateSession(ctx context.Context, s *kuzet.Session) error {
	if _, err := tx.tx.Exec(ctx, createSessionSQL, blob(s.Hash), s.UserID, sqlstore.Stored(s.CreatedAt),
		sqlstore.Stored(s.SeenAt), sqlstore.Stored(s.ExpiresAt)); err != nil {
		return fmt.Errorf("postgres: create session: %w", err)
	}
	return nil
}

// FindSession returns ENOTFOUND if no session has the hash.
func (tx *tx) FindSession(ctx context.Context, hash []byte) (*kuzet.Session, error) {
	return sqlstore.One(tx.tx.QueryRow(ctx, findSessionSQL, blob(hash)), "postgres: find session", read.Session,
		"session not found")
}

// TouchSession sets a session's SeenAt. Returns ENOTFOUND if it is gone.
func (tx *tx) TouchSession(ctx context.Context, hash []byte, seen time.Time) error {
	tag, err := tx.tx.Exec(ctx, touchSessionSQL, sqlstore.Stored(seen), blob(hash))
	if err != nil {
		return fmt.Errorf("postgres: touch session: %w", err)
	} else if tag.RowsAffected() == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "session not found")
	}
	return nil
}

// DeleteSession removes a session; nothing if it is gone.
func (tx *tx) DeleteSession(ctx context.Context, hash []byte) error {
	if _, err := tx.tx.Exec(ctx, deleteSessionSQL, blob(hash)); err != nil {
		return fmt.Errorf("postgres: delete session: %w", err)
	}
	return nil
}

// DeleteSessions removes the sessions expired before t or idle since
// before idle.
func (tx *tx) DeleteSessions(ctx context.Context, t, idle time.Time) (int64, error) {
	tag, err := tx.tx.Exec(ctx, deleteSessionsSQL, sqlstore.Stored(t), sqlstore.Stored(idle))
	if err != nil {
		return 0, fmt.Errorf("postgres: delete sessions: %w", err)
	}
	return tag.RowsAffected(), nil
}
