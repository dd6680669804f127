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
	// transaction: the caller may go on after a taken name, bank code or
	// BIC.
	createOrgSQL = `INSERT INTO orgs (name, type, bic, bank_code, prefixes, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`
	findOrgByIDSQL = `SELECT ` + sqlstore.OrgColumns + ` FROM orgs WHERE id = $1`
	findOrgsSQL    = `SELECT ` + sqlstore.OrgColumns + ` FROM orgs ORDER BY id`

	createAPIKeySQL = `INSERT INTO api_keys (org_id, role, prefix, hash, created_at, revoked_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`
	findAPIKeyByHashSQL = `SELECT ` + sqlstore.APIKeyColumns + ` FROM api_keys WHERE hash = $1`
	findAPIKeysSQL      = `SELECT ` + sqlstore.APIKeyColumns + ` FROM api_keys WHERE org_id = $1 ORDER BY id`
	// A key revoked twice keeps the first time: that is when it stopped working.
	revokeAPIKeySQL = `UPDATE api_keys SET revoked_at = coalesce(revoked_at, $1) WHERE id = $2 AND org_id = $3`
)

// CreateOrg inserts o and sets o.ID. Returns ECONFLICT if the name, the
// bank code or the BIC's bank part is taken.
func (tx *tx) CreateOrg(ctx context.Context, o *kuzet.Org) error {
	prefixes := o.Prefixes
	if prefixes == nil {
		prefixes = []string{} // nil would be NULL
	}
	var id int64
	err := tx.tx.QueryRow(ctx, createOrgSQL,
		o.Name, string(o.Type), o.BIC, o.BankCode, prefixes, sqlstore.Stored(o.CreatedAt),
	).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return kuzet.Errorf(kuzet.ECONFLICT, "organisation %q: its name, bank code or BIC is another organisation's", o.Name)
	} else if err != nil {
		return fmt.Errorf("postgres: create org: %w", err)
	}
	o.ID, o.CreatedAt = id, sqlstore.Stored(o.CreatedAt)
	return nil
}

// FindOrgByID returns ENOTFOUND if there is no such organisation.
func (tx *tx) FindOrgByID(ctx context.Context, id int64) (*kuzet.Org, error) {
	return sqlstore.One(tx.tx.QueryRow(ctx, findOrgByIDSQL, id), "postgres: find org", readOrg,
		"organisation %d not found", id)
}

// FindOrgs returns every organisation, by ID.
func (tx *tx) FindOrgs(ctx context.Context) ([]*kuzet.Org, error) {
	return collect(ctx, tx, findOrgsSQL, "postgres: find orgs", readOrg)
}

// readOrg reads one row of sqlstore.OrgColumns, whose prefixes are a
// text[].
func readOrg(row sqlstore.Scanner) (*kuzet.Org, error) {
	var o kuzet.Org
	if err := row.Scan(&o.ID, &o.Name, &o.Type, &o.BIC, &o.BankCode, &o.Prefixes, dialect{}.Time(&o.CreatedAt)); err != nil {
		return nil, err
	}
	if len(o.Prefixes) == 0 {
		o.Prefixes = nil // as the caller gave them
	}
	return &o, nil
}

// CreateAPIKey inserts k and sets k.ID. Returns ENOTFOUND if the
// organisation does not exist and ECONFLICT if another key has the same
// hash.
func (tx *tx) CreateAPIKey(ctx context.Context, k *kuzet.APIKey) error {
	var id int64
	err := tx.tx.QueryRow(ctx, createAPIKeySQL,
		k.OrgID, string(k.Role), k.Prefix, blob(k.Hash), sqlstore.Stored(k.CreatedAt), nullTime(k.RevokedAt),
	).Scan(&id)
	if err = sqlstore.APIKeyError(err, constraint(err), "postgres: create API key", k); err != nil {
		return err
	}
	k.ID, k.CreatedAt, k.RevokedAt = id, sqlstore.Stored(k.CreatedAt), sqlstore.Stored(k.RevokedAt)
	return nil
}

// FindAPIKeyByHash returns ENOTFOUND if no key has that hash.
func (tx *tx) FindAPIKeyByHash(ctx context.Context, hash []byte) (*kuzet.APIKey, error) {
	return sqlstore.One(tx.tx.QueryRow(ctx, findAPIKeyByHashSQL, blob(hash)), "postgres: find API key", read.APIKey,
		"API key not found")
}

// FindAPIKeys returns the keys of one organisation, by ID.
func (tx *tx) FindAPIKeys(ctx context.Context, orgID int64) ([]*kuzet.APIKey, error) {
	return collect(ctx, tx, findAPIKeysSQL, "postgres: find API keys", read.APIKey, orgID)
}

// RevokeAPIKey marks the key revoked at time at; a key already revoked keeps
// its first time. Returns ENOTFOUND if the key does not exist or belongs to
// another organisation.
func (tx *tx) RevokeAPIKey(ctx context.Context, orgID, keyID int64, at time.Time) error {
	tag, err := tx.tx.Exec(ctx, revokeAPIKeySQL, sqlstore.Stored(at), keyID, orgID)
	if err != nil {
		return fmt.Errorf("postgres: revoke API key: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "API key %d not found", keyID)
	}
	return nil
}
