package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
)

const orgColumns = `id, name, type, bic, bank_code, prefixes, created_at`

const apiKeyColumns = `id, org_id, role, prefix, hash, created_at, revoked_at`

var (
	// DO NOTHING rather than a constraint error: the transaction stays
	// usable after a taken name, bank code or BIC, as it does in PostgreSQL.
	createOrgQuery = prepare(`INSERT INTO orgs (name, type, bic, bank_code, prefixes, created_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
	findOrgByIDQuery = prepare(`SELECT ` + orgColumns + ` FROM orgs WHERE id = ?`)
	findOrgsQuery    = prepare(`SELECT ` + orgColumns + ` FROM orgs ORDER BY id`)

	createAPIKeyQuery = prepare(`INSERT INTO api_keys (org_id, role, prefix, hash, created_at, revoked_at)
		VALUES (?, ?, ?, ?, ?, ?)`)
	findAPIKeyByHashQuery = prepare(`SELECT ` + apiKeyColumns + ` FROM api_keys WHERE hash = ?`)
	findAPIKeysQuery      = prepare(`SELECT ` + apiKeyColumns + ` FROM api_keys WHERE org_id = ? ORDER BY id`)
	// A key revoked twice keeps the first time: that is when it stopped working.
	revokeAPIKeyQuery = prepare(`UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?)
		WHERE id = ? AND org_id = ?`)
)

// CreateOrg inserts o and sets o.ID. Returns ECONFLICT if the name, the
// bank code or the BIC's bank part is taken.
func (tx *tx) CreateOrg(ctx context.Context, o *kuzet.Org) error {
	res, err := tx.stmt(ctx, createOrgQuery).ExecContext(ctx,
		o.Name, string(o.Type), o.BIC, o.BankCode, strings.Join(o.Prefixes, ","), micros(o.CreatedAt))
	if err != nil {
		return fmt.Errorf("sqlite: create org: %w", err)
	}
	id, err := insertedID(res)
	if err != nil {
		return fmt.Errorf("sqlite: create org: %w", err)
	} else if id == 0 {
		return kuzet.Errorf(kuzet.ECONFLICT, "organisation %q: its name, bank code or BIC is another organisation's", o.Name)
	}
	o.ID, o.CreatedAt = id, stored(o.CreatedAt)
	return nil
}

// FindOrgByID returns ENOTFOUND if there is no such organisation.
func (tx *tx) FindOrgByID(ctx context.Context, id int64) (*kuzet.Org, error) {
	o, err := scanOrg(tx.stmt(ctx, findOrgByIDQuery).QueryRowContext(ctx, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "organisation %d not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: find org: %w", err)
	}
	return o, nil
}

// FindOrgs returns every organisation, by ID.
func (tx *tx) FindOrgs(ctx context.Context) ([]*kuzet.Org, error) {
	rows, err := tx.stmt(ctx, findOrgsQuery).QueryContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find orgs: %w", err)
	}
	defer rows.Close()
	var orgs []*kuzet.Org
	for rows.Next() {
		o, err := scanOrg(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: find orgs: %w", err)
		}
		orgs = append(orgs, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: find orgs: %w", err)
	}
	return orgs, nil
}

// scanner is a row of either QueryRow or Query.
type scanner interface{ Scan(dest ...any) error }

func scanOrg(row scanner) (*kuzet.Org, error) {
	var (
		o        kuzet.Org
		prefixes string
		created  int64
	)
	if err := row.Scan(&o.ID, &o.Name, &o.Type, &o.BIC, &o.BankCode, &prefixes, &created); err != nil {
		return nil, err
	}
	if prefixes != "" {
		o.Prefixes = strings.Split(prefixes, ",")
	}
	o.CreatedAt = fromMicros(created)
	return &o, nil
}

// CreateAPIKey inserts k and sets k.ID. Returns ENOTFOUND if the
// organisation does not exist and ECONFLICT if another key has the same
// hash.
func (tx *tx) CreateAPIKey(ctx context.Context, k *kuzet.APIKey) error {
	res, err := tx.stmt(ctx, createAPIKeyQuery).ExecContext(ctx,
		k.OrgID, string(k.Role), k.Prefix, blob(k.Hash), micros(k.CreatedAt), nullMicros(k.RevokedAt))
	switch {
	case isForeignKey(err):
		return kuzet.Errorf(kuzet.ENOTFOUND, "organisation %d not found", k.OrgID)
	case isUnique(err):
		return kuzet.Errorf(kuzet.ECONFLICT, "an API key with this hash exists")
	case err != nil:
		return fmt.Errorf("sqlite: create API key: %w", err)
	}
	if k.ID, err = insertedID(res); err != nil {
		return fmt.Errorf("sqlite: create API key: %w", err)
	}
	k.CreatedAt, k.RevokedAt = stored(k.CreatedAt), stored(k.RevokedAt)
	return nil
}

// FindAPIKeyByHash returns ENOTFOUND if no key has that hash.
func (tx *tx) FindAPIKeyByHash(ctx context.Context, hash []byte) (*kuzet.APIKey, error) {
	k, err := scanAPIKey(tx.stmt(ctx, findAPIKeyByHashQuery).QueryRowContext(ctx, blob(hash)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "API key not found")
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: find API key: %w", err)
	}
	return k, nil
}

// FindAPIKeys returns the keys of one organisation, by ID.
func (tx *tx) FindAPIKeys(ctx context.Context, orgID int64) ([]*kuzet.APIKey, error) {
	rows, err := tx.stmt(ctx, findAPIKeysQuery).QueryContext(ctx, orgID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find API keys: %w", err)
	}
	defer rows.Close()
	var keys []*kuzet.APIKey
	for rows.Next() {
		k, err := scanAPIKey(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: find API keys: %w", err)
		}
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: find API keys: %w", err)
	}
	return keys, nil
}

func scanAPIKey(row scanner) (*kuzet.APIKey, error) {
	var (
		k       kuzet.APIKey
		created int64
		revoked sql.NullInt64
	)
	if err := row.Scan(&k.ID, &k.OrgID, &k.Role, &k.Prefix, &k.Hash, &created, &revoked); err != nil {
		return nil, err
	}
	k.CreatedAt, k.RevokedAt = fromMicros(created), fromNullMicros(revoked)
	return &k, nil
}

// RevokeAPIKey marks the key revoked at time at; a key already revoked keeps
// its first time. Returns ENOTFOUND if the key does not exist or belongs to
// another organisation.
func (tx *tx) RevokeAPIKey(ctx context.Context, orgID, keyID int64, at time.Time) error {
	res, err := tx.stmt(ctx, revokeAPIKeyQuery).ExecContext(ctx, micros(at), keyID, orgID)
	if err != nil {
		return fmt.Errorf("sqlite: revoke API key: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: revoke API key: %w", err)
	} else if n == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "API key %d not found", keyID)
	}
	return nil
}
