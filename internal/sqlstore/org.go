package sqlstore

import (
	"fmt"

	"github.com/kuzet/kuzet"
)

// OrgColumns are the columns of an organisation, in the order the stores
// read them. Each store reads organisations itself: the prefixes are a
// comma-separated TEXT in SQLite and a text[] in PostgreSQL.
const OrgColumns = `id, name, type, bic, bank_code, prefixes, created_at`

// APIKeyColumns are the columns APIKey reads, in order.
const APIKeyColumns = `id, org_id, role, prefix, hash, created_at, revoked_at`

// APIKey reads one row of APIKeyColumns.
func (r Reader) APIKey(s Scanner) (*kuzet.APIKey, error) {
	var k kuzet.APIKey
	if err := s.Scan(&k.ID, &k.OrgID, &k.Role, &k.Prefix, &k.Hash, r.d.Time(&k.CreatedAt), r.d.Time(&k.RevokedAt)); err != nil {
		return nil, err
	}
	return &k, nil
}

// APIKeyError is the error CreateAPIKey returns for err, the error of its
// insert, which violated c: ENOTFOUND if the organisation does not exist,
// ECONFLICT if another key has the hash, else err wrapped with op; nil for
// nil.
func APIKeyError(err error, c Constraint, op string, k *kuzet.APIKey) error {
	switch {
	case err == nil:
		return nil
	case c == ForeignKey:
		return kuzet.Errorf(kuzet.ENOTFOUND, "organisation %d not found", k.OrgID)
	case c == Unique:
		return kuzet.Errorf(kuzet.ECONFLICT, "an API key with this hash exists")
	}
	return fmt.Errorf("%s: %w", op, err)
}
