package sqlstore

import "github.com/kuzet/kuzet"

// IdempotentColumns are the columns IdempotentResponse reads, in order.
const IdempotentColumns = `org_id, key, request_hash, status, content_type, body, created_at`

// IdempotentResponse reads one row of IdempotentColumns.
func (r Reader) IdempotentResponse(s Scanner) (*kuzet.IdempotentResponse, error) {
	var v kuzet.IdempotentResponse
	if err := s.Scan(&v.OrgID, &v.Key, &v.RequestHash, &v.Status, &v.ContentType, &v.Body,
		r.d.Time(&v.CreatedAt)); err != nil {
		return nil, err
	}
	return &v, nil
}
