package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

var (
	createUserQuery = prepare(`INSERT INTO users (org_id, name, role, password_hash, totp_secret, created_at, disabled_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
	findUserByNameQuery = prepare(`SELECT ` + sqlstore.UserColumns + ` FROM users WHERE name = ?`)
	findUserByIDQuery   = prepare(`SELECT ` + sqlstore.UserColumns + ` FROM users WHERE id = ?`)
	findUsersQuery      = prepare(`SELECT ` + sqlstore.UserColumns + ` FROM users WHERE org_id = ? ORDER BY id`)

	createSessionQuery = prepare(`INSERT INTO user_sessions (hash, user_id, created_at, seen_at, expires_at)
		VALUES (?, ?, ?, ?, ?)`)
	findSessionQuery    = prepare(`SELECT ` + sqlstore.SessionColumns + ` FROM user_sessions WHERE hash = ?`)
	touchSessionQuery   = prepare(`UPDATE user_sessions SET seen_at = ? WHERE hash = ?`)
	deleteSessionQuery  = prepare(`DELETE FROM user_sessions WHERE hash = ?`)
	deleteSessionsQuery = prepare(`DELETE FROM user_sessions WHERE expires_at < ? OR seen_at < ?`)
)

// CreateUser inserts u and sets u.ID. Returns ECONFLICT if the name is
// taken and ENOTFOUND if the organisation does not exist.
func (tx *tx) CreateUser(ctx context.Context, u *kuzet.User) error {
	id, err := tx.insert(ctx, createUserQuery, u.OrgID, u.Name, string(u.Role), blob(u.PasswordHash),
		blob(u.TOTPSecret), micros(u.CreatedAt), nullMicros(u.DisabledAt))
	switch {
	case constraint(err) == sqlstore.ForeignKey:
		return kuzet.Errorf(kuzet.ENOTFOUND, "organisation %d not found", u.OrgID)
	case err != nil:
		return fmt.Errorf("sqlite: create user: %w", err)
	case id == 0:
		return kuzet.Errorf(kuzet.ECONFLICT, "the user name %q is taken", u.Name)
	}
	u.ID, u.CreatedAt, u.DisabledAt = id, sqlstore.Stored(u.CreatedAt), sqlstore.Stored(u.DisabledAt)
	return nil
}

// FindUserByName returns ENOTFOUND if no user has the name.
func (tx *tx) FindUserByName(ctx context.Context, name string) (*kuzet.User, error) {
	return sqlstore.One(tx.stmt(ctx, findUserByNameQuery).QueryRowContext(ctx, name), "sqlite: find user", read.User,
		"user %q not found", name)
}

// FindUserByID returns ENOTFOUND if there is no such user.
func (tx *tx) FindUserByID(ctx context.Context, id int64) (*kuzet.User, error) {
	return sqlstore.One(tx.stmt(ctx, findUserByIDQuery).QueryRowContext(ctx, id), "sqlite: find user", read.User,
		"user %d not found", id)
}

// FindUsers returns an organisation's users, by ID.
func (tx *tx) FindUsers(ctx context.Context, orgID int64) ([]*kuzet.User, error) {
	return collect(ctx, tx, findUsersQuery, "sqlite: find users", read.User, orgID)
}

// CreateSession stores s.
func (tx *tx) CreateSession(ctx context.Context, s *kuzet.Session) error {
	if _, err := tx.exec(ctx, createSessionQuery, blob(s.Hash), s.UserID, micros(s.CreatedAt), micros(s.SeenAt),
		micros(s.ExpiresAt)); err != nil {
		return fmt.Errorf("sqlite: create session: %w", err)
	}
	return nil
}

// FindSession returns ENOTFOUND if no session has the hash.
func (tx *tx) FindSession(ctx context.Context, hash []byte) (*kuzet.Session, error) {
	return sqlstore.One(tx.stmt(ctx, findSessionQuery).QueryRowContext(ctx, blob(hash)), "sqlite: find session",
		read.Session, "session not found")
}

// TouchSession sets a session's SeenAt. Returns ENOTFOUND if it is gone.
func (tx *tx) TouchSession(ctx context.Context, hash []byte, seen time.Time) error {
	n, err := tx.exec(ctx, touchSessionQuery, micros(seen), blob(hash))
	if err != nil {
		return fmt.Errorf("sqlite: touch session: %w", err)
	} else if n == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "session not found")
	}
	return nil
}

// DeleteSession removes a session; nothing if it is gone.
func (tx *tx) DeleteSession(ctx context.Context, hash []byte) error {
	if _, err := tx.exec(ctx, deleteSessionQuery, blob(hash)); err != nil {
		return fmt.Errorf("sqlite: delete session: %w", err)
	}
	return nil
}

// DeleteSessions removes the sessions expired before t or idle since
// before idle.
func (tx *tx) DeleteSessions(ctx context.Context, t, idle time.Time) (int64, error) {
	n, err := tx.exec(ctx, deleteSessionsQuery, micros(t), micros(idle))
	if err != nil {
		return 0, fmt.Errorf("sqlite: delete sessions: %w", err)
	}
	return n, nil
}
