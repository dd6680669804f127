package sqlstore

import "github.com/kuzet/kuzet"

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
