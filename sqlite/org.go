package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

var (
	// DO NOTHING rather than a constraint error: the transaction stays
	// usable after a taken name, bank code or BIC, as it does in PostgreSQL.
	createOrgQuery = prepare(`INSERT INTO orgs (name, type, bic, bank_code, prefixes, created_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
	findOrgByIDQuery = prepare(`SELECT ` + sqlstore.OrgColumns + ` FROM orgs WHERE id = ?`)
	findOrgsQuery    = prepare(`SELECT ` + sqlstore.OrgColumns + ` FROM orgs ORDER BY id`)

	createAPIKeyQuery = prepare(`INSERT INTO api_keys (org_id, role, prefix, hash, created_at, revoked_at)
		VALUES (?, ?, ?, ?, ?, ?)`)
	findAPIKeyByHashQuery = prepare(`SELECT ` + sqlstore.APIKeyColumns + ` FROM api_keys WHERE hash = ?`)
	findAPIKeysQuery      = prepare(`SELECT ` + sqlstore.APIKeyColumns + ` FROM api_keys WHERE org_id = ? ORDER BY id`)
	// A key revoked twice keeps the first time: that is when it stopped working.
	revokeAPIKeyQuery = prepare(`UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?)
		WHERE id = ? AND org_id = ?`)
)

// CreateOrg inserts o and sets o.ID. Returns ECONFLICT if the name, the
// bank code or the BIC's bank part is taken.
func (tx *tx) CreateOrg(ctx context.Context, o *kuzet.Org) error {
	id, err := tx.insert(ctx, createOrgQuery,
		o.Name, string(o.Type), o.BIC, o.BankCode, strings.Join(o.Prefixes, ","), micros(o.CreatedAt))
	if err != nil {
		return fmt.Errorf("sqlite: create org: %w", err)
	} else if id == 0 {
		return kuzet.Errorf(kuzet.ECONFLICT, "organisation %q: its name, bank code or BIC is another organisation's", o.Name)
	}
	o.ID, o.CreatedAt = id, sqlstore.Stored(o.CreatedAt)
	return nil
}

// FindOrgByID returns ENOTFOUND if there is no such organisation.
func (tx *tx) FindOrgByID(ctx context.Context, id int64) (*kuzet.Org, error) {
	return sqlstore.One(tx.stmt(ctx, findOrgByIDQuery).QueryRowContext(ctx, id), "sqlite: find org", readOrg,
		"organisation %d not found", id)
}

// FindOrgs returns every organisation, by ID.
func (tx *tx) FindOrgs(ctx context.Context) ([]*kuzet.Org, error) {
	return collect(ctx, tx, findOrgsQuery, "sqlite: find orgs", readOrg)
}

// readOrg reads one row of sqlstore.OrgColumns, whose prefixes are joined
// by commas.
func readOrg(row sqlstore.Scanner) (*kuzet.Org, error) {
	var (
		o        kuzet.Org
		prefixes string
	)
	if err := row.Scan(&o.ID, &o.Name, &o.Type, &o.BIC, &o.BankCode, &prefixes, dialect{}.Time(&o.CreatedAt)); err != nil {
		return nil, err
	}
	if prefixes != "" {
		o.Prefixes = strings.Split(prefixes, ",")
	}
	return &o, nil
}

// CreateAPIKey inserts k and sets k.ID. Returns ENOTFOUND if the
// organisation does not exist and ECONFLICT if another key has the same
// hash.
func (tx *tx) CreateAPIKey(ctx context.Context, k *kuzet.APIKey) error {
	id, err := tx.insert(ctx, createAPIKeyQuery,
		k.OrgID, string(k.Role), k.Prefix, blob(k.Hash), micros(k.CreatedAt), nullMicros(k.RevokedAt))
	if err = sqlstore.APIKeyError(err, constraint(err), "sqlite: create API key", k); err != nil {
		return err
	}
	k.ID, k.CreatedAt, k.RevokedAt = id, sqlstore.Stored(k.CreatedAt), sqlstore.Stored(k.RevokedAt)
	return nil
}

// FindAPIKeyByHash returns ENOTFOUND if no key has that hash.
func (tx *tx) FindAPIKeyByHash(ctx context.Context, hash []byte) (*kuzet.APIKey, error) {
	return sqlstore.One(tx.stmt(ctx, findAPIKeyByHashQuery).QueryRowContext(ctx, blob(hash)), "sqlite: find API key",
		read.APIKey, "API key not found")
}

// FindAPIKeys returns the keys of one organisation, by ID.
func (tx *tx) FindAPIKeys(ctx context.Context, orgID int64) ([]*kuzet.APIKey, error) {
	return collect(ctx, tx, findAPIKeysQuery, "sqlite: find API keys", read.APIKey, orgID)
}

// RevokeAPIKey marks the key revoked at time at; a key already revoked keeps
// its first time. Returns ENOTFOUND if the key does not exist or belongs to
// another organisation.
func (tx *tx) RevokeAPIKey(ctx context.Context, orgID, keyID int64, at time.Time) error {
	n, err := tx.exec(ctx, revokeAPIKeyQuery, micros(at), keyID, orgID)
	if err != nil {
		return fmt.Errorf("sqlite: revoke API key: %w", err)
	}
	if n == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "API key %d not found", keyID)
	}
	return nil
}
