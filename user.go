package kuzet

import (
	"context"
	"time"
)

// User is a person who signs in to the console, inside one organisation.
// What a user may do follows from the role, which, as an API key's, is the
// organisation's type: a console user can do no more than the
// organisation's keys.
type User struct {
	ID           int64     `json:"id"`
	OrgID        int64     `json:"org_id"`
	Name         string    `json:"name"` // the sign-in name, unique across organisations
	Role         Role      `json:"role"`
	PasswordHash []byte    `json:"-"` // bcrypt
	TOTPSecret   []byte    `json:"-"` // RFC 6238 shared secret; none when empty
	CreatedAt    time.Time `json:"created_at"`
	DisabledAt   time.Time `json:"disabled_at,omitzero"`
}

// Disabled reports whether the user may no longer sign in.
func (u *User) Disabled() bool { return !u.DisabledAt.IsZero() }

// Session is a signed-in user's console session. Only a hash of its
// secret, which the browser holds in a cookie, is kept.
type Session struct {
	Hash      []byte
	UserID    int64
	CreatedAt time.Time
	SeenAt    time.Time // the last request, for the idle expiry
	ExpiresAt time.Time // the absolute expiry
}

// UserStore keeps console users and their sessions.
type UserStore interface {
	// CreateUser inserts u and sets u.ID. Returns ECONFLICT if the name is
	// taken and ENOTFOUND if the organisation does not exist.
	CreateUser(ctx context.Context, u *User) error

	// FindUserByName returns ENOTFOUND if no user has the name.
	FindUserByName(ctx context.Context, name string) (*User, error)

	// FindUserByID returns ENOTFOUND if there is no such user.
	FindUserByID(ctx context.Context, id int64) (*User, error)

	// FindUsers returns an organisation's users, by ID.
	FindUsers(ctx context.Context, orgID int64) ([]*User, error)

	// CreateSession stores s.
	CreateSession(ctx context.Context, s *Session) error

	// FindSession returns ENOTFOUND if no session has the hash.
	FindSession(ctx context.Context, hash []byte) (*Session, error)

	// TouchSession sets a session's SeenAt. Returns ENOTFOUND if it is gone.
	TouchSession(ctx context.Context, hash []byte, seen time.Time) error

	// DeleteSession removes a session; nothing if it is gone.
	DeleteSession(ctx context.Context, hash []byte) error

	// DeleteSessions removes the sessions that expired before t, or were
	// last seen before idle; returns how many.
	DeleteSessions(ctx context.Context, t, idle time.Time) (int64, error)
}

// Audit actions of console users.
const (
	AuditUserCreate  = "user.create"
	AuditUserSignIn  = "user.signin"
	AuditUserSignOut = "user.signout"
)
