package access

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"github.com/kuzet/kuzet"
)

// Session lifetimes: a session ends after SessionIdle without a request and
// SessionMax after sign-in, whichever comes first.
const (
	SessionIdle = 30 * time.Minute
	SessionMax  = 12 * time.Hour
)

// MinPassword is the shortest password a user may have.
const MinPassword = 12

// BcryptCost is the work factor of stored passwords; tests lower it.
var BcryptCost = 12

// touchEvery is how stale a session's SeenAt may be before a request
// writes it again: not every page view is a write.
const touchEvery = time.Minute

// UserInput is a new console user.
type UserInput struct {
	OrgID    int64
	Name     string
	Role     kuzet.Role // the organisation's type when empty
	Password string
	TOTP     bool // give the user a second factor
}

// CreateUser adds a console user to an organisation and audits it. The role
// is the organisation's type, as a key's is. With in.TOTP it returns the
// otpauth:// URI to load into an authenticator app, shown only now.
// Returns EINVALID for a bad name, role or password, ENOTFOUND for an
// unknown organisation and ECONFLICT for a taken name.
func (s *Service) CreateUser(ctx context.Context, in UserInput) (*kuzet.User, string, error) {
	var p kuzet.Problems
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" || len(in.Name) > 64 || strings.ContainsAny(in.Name, " \t\r\n") {
		p.Add("name", "a user name is 1 to 64 characters without spaces")
	}
	if utf8.RuneCountInString(in.Password) < MinPassword || len(in.Password) > 72 {
		p.Add("password", "a password is %d to 72 bytes long", MinPassword)
	}
	if err := p.Err(); err != nil {
		return nil, "", err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(in.Password), BcryptCost)
	if err != nil {
		return nil, "", fmt.Errorf("hash password: %w", err)
	}
	u := &kuzet.User{OrgID: in.OrgID, Name: in.Name, Role: in.Role, PasswordHash: hash, CreatedAt: s.clock()}
	var uri string
	if in.TOTP {
		u.TOTPSecret = make([]byte, 20)
		if _, err := rand.Read(u.TOTPSecret); err != nil {
			return nil, "", err
		}
		uri = fmt.Sprintf("otpauth://totp/kuzet:%s?secret=%s&issuer=kuzet", url.PathEscape(u.Name),
			base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(u.TOTPSecret))
	}
	err = kuzet.Transact(ctx, s.store, true, func(tx kuzet.Tx) error {
		org, err := tx.FindOrgByID(ctx, in.OrgID)
		if err != nil {
			return err
		}
		if u.Role == "" {
			u.Role = kuzet.Role(org.Type)
		}
		if u.Role != kuzet.Role(org.Type) {
			return kuzet.Errorf(kuzet.EINVALID, "role %q is not the organisation's: %s's users have the role %s",
				u.Role, org.Name, org.Type)
		}
		if err := tx.CreateUser(ctx, u); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: u.CreatedAt, OrgID: org.ID, Action: kuzet.AuditUserCreate,
			Object: fmt.Sprintf("user:%d", u.ID), Detail: fmt.Sprintf("%s role %s", u.Name, u.Role)})
	})
	if err != nil {
		return nil, "", err
	}
	return u, uri, nil
}

// Users returns an organisation's console users.
func (s *Service) Users(ctx context.Context, orgID int64) (users []*kuzet.User, err error) {
	err = kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) error {
		users, err = tx.FindUsers(ctx, orgID)
		return err
	})
	return users, err
}

// Signed is a signed-in user: who, in which organisation, and the
// principal to call services as.
type Signed struct {
	User      *kuzet.User
	Principal *kuzet.Principal
	Expires   time.Time
}

// badSignIn is the one answer to a wrong name, password or code, so that a
// guesser learns nothing of which was wrong.
var badSignIn = kuzet.Errorf(kuzet.EUNAUTHORIZED, "the user name, password or code is wrong")

// SignIn checks a user's password (and TOTP code, if the user has a second
// factor), starts a session and audits the sign-in. It returns the
// session's secret for the cookie. Returns EUNAUTHORIZED for a wrong name,
// password or code, or a disabled user.
func (s *Service) SignIn(ctx context.Context, name, password, code string) (string, *Signed, error) {
	var u *kuzet.User
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) (err error) {
		u, err = tx.FindUserByName(ctx, strings.TrimSpace(name))
		return err
	})
	if kuzet.ErrorCode(err) == kuzet.ENOTFOUND {
		// Spend the time a real check takes, so that timing tells no names.
		bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
		return "", nil, badSignIn
	} else if err != nil {
		return "", nil, err
	}
	if bcrypt.CompareHashAndPassword(u.PasswordHash, []byte(password)) != nil || u.Disabled() {
		return "", nil, badSignIn
	}
	now := s.clock()
	if len(u.TOTPSecret) > 0 && !ValidTOTP(u.TOTPSecret, code, now) {
		return "", nil, badSignIn
	}
	secret, err := newSecret()
	if err != nil {
		return "", nil, err
	}
	sess := &kuzet.Session{Hash: HashKey(secret), UserID: u.ID, CreatedAt: now, SeenAt: now, ExpiresAt: now.Add(SessionMax)}
	var signed *Signed
	err = kuzet.Transact(ctx, s.store, true, func(tx kuzet.Tx) error {
		if err := tx.CreateSession(ctx, sess); err != nil {
			return err
		}
		org, err := tx.FindOrgByID(ctx, u.OrgID)
		if err != nil {
			return err
		}
		signed = newSigned(u, org, sess)
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: u.OrgID, Action: kuzet.AuditUserSignIn,
			Object: fmt.Sprintf("user:%d", u.ID), Detail: u.Name})
	})
	if err != nil {
		return "", nil, err
	}
	return secret, signed, nil
}

var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("not a password of anyone"), bcrypt.MinCost)

func newSigned(u *kuzet.User, org *kuzet.Org, sess *kuzet.Session) *Signed {
	// The principal carries a key-shaped credential with the user's role, so
	// that services see a console user as they see an API key of the
	// organisation. ID 0: no API key.
	key := &kuzet.APIKey{OrgID: org.ID, Role: u.Role, Prefix: "user:" + u.Name, CreatedAt: u.CreatedAt}
	exp := sess.ExpiresAt
	if idle := sess.SeenAt.Add(SessionIdle); idle.Before(exp) {
		exp = idle
	}
	return &Signed{User: u, Principal: &kuzet.Principal{Org: org, Key: key}, Expires: exp}
}

// Session returns the signed-in user of a session secret, and keeps the
// session alive. Returns EUNAUTHORIZED for an unknown, expired or idle
// session, or a user disabled since.
func (s *Service) Session(ctx context.Context, secret string) (*Signed, error) {
	if secret == "" || len(secret) > 100 {
		return nil, kuzet.Errorf(kuzet.EUNAUTHORIZED, "not signed in")
	}
	hash, now := HashKey(secret), s.clock()
	var (
		sess *kuzet.Session
		u    *kuzet.User
		org  *kuzet.Org
	)
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) (err error) {
		if sess, err = tx.FindSession(ctx, hash); err != nil {
			return err
		}
		if u, err = tx.FindUserByID(ctx, sess.UserID); err != nil {
			return err
		}
		org, err = tx.FindOrgByID(ctx, u.OrgID)
		return err
	})
	if kuzet.ErrorCode(err) == kuzet.ENOTFOUND {
		return nil, kuzet.Errorf(kuzet.EUNAUTHORIZED, "not signed in")
	} else if err != nil {
		return nil, err
	}
	if !now.Before(sess.ExpiresAt) || !now.Before(sess.SeenAt.Add(SessionIdle)) || u.Disabled() {
		return nil, kuzet.Errorf(kuzet.EUNAUTHORIZED, "the session has expired: sign in again")
	}
	if now.Sub(sess.SeenAt) >= touchEvery {
		if err := kuzet.Transact(ctx, s.store, true, func(tx kuzet.Tx) error {
			return tx.TouchSession(ctx, hash, now)
		}); err != nil {
			return nil, err
		}
		sess.SeenAt = now
	}
	return newSigned(u, org, sess), nil
}

// SignOut ends a session and audits it; an unknown secret is no error.
func (s *Service) SignOut(ctx context.Context, secret string) error {
	hash := HashKey(secret)
	return kuzet.Transact(ctx, s.store, true, func(tx kuzet.Tx) error {
		sess, err := tx.FindSession(ctx, hash)
		if kuzet.ErrorCode(err) == kuzet.ENOTFOUND {
			return nil
		} else if err != nil {
			return err
		}
		if err := tx.DeleteSession(ctx, hash); err != nil {
			return err
		}
		u, err := tx.FindUserByID(ctx, sess.UserID)
		if err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: s.clock(), OrgID: u.OrgID, Action: kuzet.AuditUserSignOut,
			Object: fmt.Sprintf("user:%d", u.ID), Detail: u.Name})
	})
}

// DeleteExpiredSessions removes the sessions that can no longer be used.
func (s *Service) DeleteExpiredSessions(ctx context.Context) (n int64, err error) {
	now := s.clock()
	err = kuzet.Transact(ctx, s.store, true, func(tx kuzet.Tx) error {
		n, err = tx.DeleteSessions(ctx, now, now.Add(-SessionIdle))
		return err
	})
	return n, err
}

// TOTP returns the RFC 6238 code (SHA-1, 30-second steps, 6 digits) of
// secret at t.
func TOTP(secret []byte, t time.Time) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(t.Unix()/30))
	m := hmac.New(sha1.New, secret)
	m.Write(msg[:])
	sum := m.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%06d", v%1_000_000)
}

// ValidTOTP reports whether code is secret's code at t or one step either
// side, for clocks a little apart.
func ValidTOTP(secret []byte, code string, t time.Time) bool {
	code = strings.TrimSpace(code)
	ok := 0
	for _, d := range []time.Duration{-30 * time.Second, 0, 30 * time.Second} {
		ok |= subtle.ConstantTimeCompare([]byte(TOTP(secret, t.Add(d))), []byte(code))
	}
	return ok == 1 && len(code) == 6
}
