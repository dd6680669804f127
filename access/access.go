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

// CreateOrg validates o, stores it with a first key whose role is the
// organisation's type, and returns the key's secret — the only time it is
// ever available. Returns EINVALID for a bad organisation and ECONFLICT if
// the name is taken.
func (s *Service) CreateOrg(ctx context.Context, o *kuzet.Org) (string, *kuzet.APIKey, error) {
	o.Name = strings.TrimSpace(o.Name)
	o.BIC = strings.ToUpper(strings.TrimSpace(o.BIC))
	if err := o.Validate(); err != nil {
		return "", nil, err
	}
	tx, err := s.store.Begin(ctx, true)
	if err != nil {
		return "", nil, err
	}
	defer tx.Rollback()
	o.CreatedAt = s.clock()
	if err := tx.CreateOrg(ctx, o); err != nil {
		return "", nil, err
	}
	secret, key, err := s.createKey(ctx, tx, o.ID, kuzet.Role(o.Type))
	if err != nil {
		return "", nil, err
	}
	err = tx.AppendAudit(ctx,
		&kuzet.AuditEntry{At: o.CreatedAt, Action: kuzet.AuditOrgCreate, Object: fmt.Sprintf("org:%d", o.ID),
			Detail: fmt.Sprintf("%s %s", o.Type, o.Name)},
		&kuzet.AuditEntry{At: o.CreatedAt, Action: kuzet.AuditKeyCreate, Object: fmt.Sprintf("key:%d", key.ID),
			Detail: fmt.Sprintf("org %d role %s", o.ID, key.Role)})
	if err != nil {
		return "", nil, err
	}
	return secret, key, tx.Commit()
}

// CreateKey makes another key for an organisation. Returns ENOTFOUND if
// the organisation does not exist and EINVALID for an unknown role.
func (s *Service) CreateKey(ctx context.Context, orgID int64, role kuzet.Role) (string, *kuzet.APIKey, error) {
	if !kuzet.OrgType(role).Valid() {
		return "", nil, kuzet.Invalid("role", "unknown role %q", role)
	}
	tx, err := s.store.Begin(ctx, true)
	if err != nil {
		return "", nil, err
	}
	defer tx.Rollback()
	if _, err := tx.FindOrgByID(ctx, orgID); err != nil {
		return "", nil, err
	}
	secret, key, err := s.createKey(ctx, tx, orgID, role)
	if err != nil {
		return "", nil, err
	}
	err = tx.AppendAudit(ctx, &kuzet.AuditEntry{At: key.CreatedAt, OrgID: orgID, Action: kuzet.AuditKeyCreate,
		Object: fmt.Sprintf("key:%d", key.ID), Detail: "role " + string(role)})
	if err != nil {
		return "", nil, err
	}
	return secret, key, tx.Commit()
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
	tx, err := s.store.Begin(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := s.clock()
	if err := tx.RevokeAPIKey(ctx, orgID, keyID, now); err != nil {
		return err
	}
	err = tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditKeyRevoke,
		Object: fmt.Sprintf("key:%d", keyID)})
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
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
func (s *Service) Orgs(ctx context.Context) ([]*kuzet.Org, error) {
	tx, err := s.store.Begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return tx.FindOrgs(ctx)
}

// Keys returns an organisation's keys (hashes only).
func (s *Service) Keys(ctx context.Context, orgID int64) ([]*kuzet.APIKey, error) {
	tx, err := s.store.Begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return tx.FindAPIKeys(ctx, orgID)
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
	var h [sha256.Size]byte
	copy(h[:], HashKey(secret))
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
