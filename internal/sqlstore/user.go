package sqlstore

import "github.com/kuzet/kuzet"

// UserColumns are the columns User reads, in order.
const UserColumns = `id, org_id, name, role, password_hash, totp_secret, created_at, disabled_at`

// User reads one row of UserColumns.
func (r Reader) User(s Scanner) (*kuzet.User, error) {
	var u kuzet.User
	if err := s.Scan(&u.ID, &u.OrgID, &u.Name, &u.Role, &u.PasswordHash, &u.TOTPSecret,
		r.d.Time(&u.CreatedAt), r.d.Time(&u.DisabledAt)); err != nil {
		return nil, err
	}
	return &u, nil
}

// SessionColumns are the columns Session reads, in order.
const SessionColumns = `hash, user_id, created_at, seen_at, expires_at`

// Session reads one row of SessionColumns.
func (r Reader) Session(s Scanner) (*kuzet.Session, error) {
	var x kuzet.Session
	if err := s.Scan(&x.Hash, &x.UserID, r.d.Time(&x.CreatedAt), r.d.Time(&x.SeenAt), r.d.Time(&x.ExpiresAt)); err != nil {
		return nil, err
	}
	return &x, nil
}
