// Package access manages organisations and their API keys, and
// authenticates requests.
//
// A key is 32 random bytes shown once as "kz_" + base64url. Only its
// SHA-256 is stored: with 256 bits of entropy a fast hash is enough, and it
// lets the server find a key by its hash in one indexed lookup.
package access

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/kuzet/kuzet"
)

// keyPrefix marks kuzet keys so that leaked ones are easy to find in code
// and logs.
const keyPrefix = "kz_"

// cacheTTL bounds how long a revoked key made by another process (the
// `kuzet org revoke-key` command) may still be accepted by a running server.
// Keys revoked through the server itself stop at once.
const cacheTTL = 5 * time.Second

const maxCached = 100_000

// HashKey returns the stored form of a key secret.
func HashKey(secret string) []byte {
	sum := sha256.Sum256([]byte(secret))
	return sum[:]
}

func newSecret() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("read random: %w", err)
	}
	return keyPrefix + base64.RawURLEncoding.EncodeToString(b[:]), nil
}

type cached struct {
	principal *kuzet.Principal
	expires   time.Time
}

// Service is the organisations' use cases.
type Service struct {
	store kuzet.Store
	clock kuzet.Clock

	mu    sync.Mutex
	cache map[[sha256.Size]byte]cached
}

// NewService returns a service over store.
func NewService(store kuzet.Store, clock kuzet.Clock) *Service {
	return &Service{store: store, clock: clock, cache: make(map[[sha256.Size]byte]cached)}
}

// CreateOrg validates o (kuzet.Org.Validate), refuses it where it would
// clash with an organisation that exists (kuzet.CheckNewOrg: a taken name,
// a bank code or BIC another bank has, a numbering range overlapping
// another telco's), stores it with a first key whose role is the
// organisation's type, audits both, and returns the key's secret — the only
// time it is ever available. Returns EINVALID for a bad organisation and
// ECONFLICT, naming the other organisation, for a clash.
//
// The check and the insert are one transaction, so two `kuzet org add`s
// running at once cannot both pass it. SQLite serialises writers from the
// start of the transaction. PostgreSQL (read committed) does not: both
// could read the organisations before either inserts. There, appending the
// audit entry takes the chain's head row lock, held to the end of the
// transaction, which orders the two; the check is repeated after it, when
// every statement sees what the other committed, and the later one fails.
func (s *Service) CreateOrg(ctx context.Context, o *kuzet.Org) (string, *kuzet.APIKey, error) {
	if err := o.Validate(); err != nil {
		return "", nil, err
	}
	var secret string
	var key *kuzet.APIKey
	err := kuzet.Transact(ctx, s.store, true, func(tx kuzet.Tx) error {
		if err := checkNewOrg(ctx, tx, o); err != nil {
			return err
		}
		o.CreatedAt = s.clock()
		if err := tx.CreateOrg(ctx, o); kuzet.ErrorCode(err) == kuzet.ECONFLICT {
			// The store's unique keys caught a clash committed since the
			// check (PostgreSQL): say which, if the rule can.
			if cerr := checkNewOrg(ctx, tx, o); kuzet.ErrorCode(cerr) == kuzet.ECONFLICT {
				return cerr
			}
			return err
		} else if err != nil {
			return err
		}
		var err error
		if secret, key, err = s.createKey(ctx, tx, o.ID, kuzet.Role(o.Type)); err != nil {
			return err
		}
		err = tx.AppendAudit(ctx,
			&kuzet.AuditEntry{At: o.CreatedAt, Action: kuzet.AuditOrgCreate, Object: fmt.Sprintf("org:%d", o.ID),
				Detail: fmt.Sprintf("%s %s", o.Type, o.Name)},
			&kuzet.AuditEntry{At: o.CreatedAt, Action: kuzet.AuditKeyCreate, Object: fmt.Sprintf("key:%d", key.ID),
				Detail: fmt.Sprintf("org %d role %s", o.ID, key.Role)})
		if err != nil {
			return err
		}
		return checkNewOrg(ctx, tx, o) // after the audit lock: see above
	})
	if err != nil {
		o.ID = 0
		return "", nil, err
	}
	return secret, key, nil
}

// checkNewOrg applies kuzet.CheckNewOrg to o and the organisations tx sees.
func checkNewOrg(ctx context.Context, tx kuzet.Tx, o *kuzet.Org) error {
	orgs, err := tx.FindOrgs(ctx)
	if err != nil {
		return err
	}
	return kuzet.CheckNewOrg(orgs, o)
}

// CreateKey makes another key for an organisation. Its role is always the
// organisation's type: an empty role means that one, and any other is
// refused, since a key's rights must follow from who holds it (a bank's key
// with the police's role would read every case). Returns ENOTFOUND if the
// organisation does not exist and EINVALID for another role.
func (s *Service) CreateKey(ctx context.Context, orgID int64, role kuzet.Role) (string, *kuzet.APIKey, error) {
	var secret string
	var key *kuzet.APIKey
	err := kuzet.Transact(ctx, s.store, true, func(tx kuzet.Tx) error {
		o, err := tx.FindOrgByID(ctx, orgID)
		if kuzet.ErrorCode(err) == kuzet.ENOTFOUND {
			return kuzet.Errorf(kuzet.ENOTFOUND, "there is no organisation %d", orgID)
		} else if err != nil {
			return err
		}
		switch {
		case role == "":
			role = kuzet.Role(o.Type)
		case role != kuzet.Role(o.Type):
			return kuzet.Invalid("role", "%s is a %s organisation, so its keys have the role %s, not %q",
				o.Name, o.Type, o.Type, role)
		}
		if secret, key, err = s.createKey(ctx, tx, orgID, role); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: key.CreatedAt, OrgID: orgID, Action: kuzet.AuditKeyCreate,
			Object: fmt.Sprintf("key:%d", key.ID), Detail: "role " + string(role)})
	})
	if err != nil {
		return "", nil, err
	}
	return secret, key, nil
}

func (s *Service) createKey(ctx context.Context, tx kuzet.Tx, orgID int64, role kuzet.Role) (string, *kuzet.APIKey, error) {
	secret, err := newSecret()
	if err != nil {
		return "", nil, err
	}
	key := &kuzet.APIKey{OrgID: orgID, Role: role, Prefix: secret[:len(keyPrefix)+6], Hash: HashKey(secret), CreatedAt: s.clock()}
	if err := tx.CreateAPIKey(ctx, key); err != nil {
		return "", nil, fmt.Errorf("create key: %w", err)
	}
	return secret, key, nil
}

// RevokeKey revokes one of an organisation's keys; it stops working at
// once on this server. Returns ENOTFOUND if the organisation has no such key.
func (s *Service) RevokeKey(ctx context.Context, orgID, keyID int64) error {
	err := kuzet.Transact(ctx, s.store, true, func(tx kuzet.Tx) error {
		if _, err := tx.FindOrgByID(ctx, orgID); kuzet.ErrorCode(err) == kuzet.ENOTFOUND {
			return kuzet.Errorf(kuzet.ENOTFOUND, "there is no organisation %d", orgID)
		} else if err != nil {
			return err
		}
		now := s.clock()
		if err := tx.RevokeAPIKey(ctx, orgID, keyID, now); kuzet.ErrorCode(err) == kuzet.ENOTFOUND {
			return kuzet.Errorf(kuzet.ENOTFOUND, "organisation %d has no key %d", orgID, keyID)
		} else if err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditKeyRevoke,
			Object: fmt.Sprintf("key:%d", keyID)})
	})
	if err != nil {
		return err
	}
	s.mu.Lock()
	for h, c := range s.cache {
		if c.principal.Key.ID == keyID {
			delete(s.cache, h)
		}
	}
	s.mu.Unlock()
	return nil
}

// Orgs returns every organisation.
func (s *Service) Orgs(ctx context.Context) (orgs []*kuzet.Org, err error) {
	err = kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) error {
		orgs, err = tx.FindOrgs(ctx)
		return err
	})
	return orgs, err
}

// Keys returns an organisation's keys (hashes only).
func (s *Service) Keys(ctx context.Context, orgID int64) (keys []*kuzet.APIKey, err error) {
	err = kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) error {
		keys, err = tx.FindAPIKeys(ctx, orgID)
		return err
	})
	return keys, err
}

// Authenticate returns the principal of a key secret. Returns
// EUNAUTHORIZED for a missing, unknown or revoked key.
func (s *Service) Authenticate(ctx context.Context, secret string) (*kuzet.Principal, error) {
	if secret == "" {
		return nil, kuzet.Errorf(kuzet.EUNAUTHORIZED, "an API key is required: Authorization: Bearer <key>")
	}
	if !strings.HasPrefix(secret, keyPrefix) || len(secret) > 128 {
		return nil, kuzet.Errorf(kuzet.EUNAUTHORIZED, "invalid API key")
	}
	h := sha256.Sum256([]byte(secret)) // HashKey's, on the stack
	now := s.clock()
	s.mu.Lock()
	c, ok := s.cache[h]
	s.mu.Unlock()
	if ok && now.Before(c.expires) {
		return c.principal, nil
	}

	tx, err := s.store.Begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	key, err := tx.FindAPIKeyByHash(ctx, h[:])
	if kuzet.ErrorCode(err) == kuzet.ENOTFOUND {
		return nil, kuzet.Errorf(kuzet.EUNAUTHORIZED, "invalid API key")
	} else if err != nil {
		return nil, err
	}
	if key.Revoked() {
		return nil, kuzet.Errorf(kuzet.EUNAUTHORIZED, "API key revoked")
	}
	org, err := tx.FindOrgByID(ctx, key.OrgID)
	if err != nil {
		return nil, err
	}
	p := &kuzet.Principal{Org: org, Key: key}
	s.mu.Lock()
	if len(s.cache) >= maxCached {
		clear(s.cache)
	}
	s.cache[h] = cached{principal: p, expires: now.Add(cacheTTL)}
	s.mu.Unlock()
	return p, nil
}

// Ping reports whether the store answers: a server whose store is gone
// cannot authenticate anyone, so it is not ready.
func (s *Service) Ping(ctx context.Context) error {
	return kuzet.Transact(ctx, s.store, false, func(kuzet.Tx) error { return nil })
}
