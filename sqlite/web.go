package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

// findingFilter is the part of a findings query after the status: NULL
// bounds and empty strings select everything.
const findingFilter = `(?2 = '' OR brand = ?2) AND (?3 = '' OR source = ?3)
		AND (?4 IS NULL OR first_seen >= ?4) AND (?5 IS NULL OR first_seen < ?5) AND id > ?6
		ORDER BY id LIMIT ?7`

var (
	insertFindingQuery = prepare(`INSERT INTO web_findings
			(domain, unicode, status, status_at, category, brand, verdict, score, methods, source,
			 source_detail, submitted_by, url, certificate, first_seen, last_seen, notes, decided_by, decided_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (domain) DO NOTHING`)
	// A known domain keeps everything but the latest sighting and the
	// details it lacked.
	touchFindingQuery = prepare(`UPDATE web_findings SET
			last_seen = max(last_seen, ?1),
			certificate = coalesce(certificate, ?2),
			url = CASE WHEN url = '' THEN ?3 ELSE url END
		WHERE domain = ?4 RETURNING ` + sqlstore.FindingColumns)
	findFindingQuery         = prepare(`SELECT ` + sqlstore.FindingColumns + ` FROM web_findings WHERE id = ?`)
	findFindingByDomainQuery = prepare(`SELECT ` + sqlstore.FindingColumns + ` FROM web_findings WHERE domain = ?`)
	// Two statements, so that the analysts' queue (one status) is read
	// from the status index rather than by scanning every finding.
	findFindingsQuery = prepare(`SELECT ` + sqlstore.FindingColumns + ` FROM web_findings
		WHERE ?1 = '' AND ` + findingFilter)
	findFindingsByStatusQuery = prepare(`SELECT ` + sqlstore.FindingColumns + ` FROM web_findings
		WHERE status = ?1 AND ` + findingFilter)
	updateFindingQuery = prepare(`UPDATE web_findings
		SET status = ?, status_at = ?, category = ?, notes = ?, decided_by = ?, decided_at = ?
		WHERE id = ? AND status = ?`)
	findingStatusQuery = prepare(`SELECT status FROM web_findings WHERE id = ?`)

	insertRequestQuery = prepare(`INSERT INTO blocking_requests (org_id, created_at, note) VALUES (?, ?, ?)`)
	insertItemQuery    = prepare(`INSERT INTO blocking_items
			(request_id, position, finding_id, domain, unicode, category, evidence, status, note, status_at, status_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	findRequestQuery = prepare(`SELECT ` + sqlstore.RequestItemColumns + `
		FROM blocking_requests r LEFT JOIN blocking_items i ON i.request_id = r.id
		WHERE r.id = ? ORDER BY i.position`)
	// One statement, so that the requests and their items are of one
	// snapshot.
	findRequestsQuery = prepare(`SELECT ` + sqlstore.RequestItemColumns + `
		FROM (SELECT id, org_id, created_at, note FROM blocking_requests
			WHERE id > ?1 AND (?2 = 0 OR id IN (SELECT request_id FROM blocking_items WHERE status = 'pending'))
			ORDER BY id LIMIT ?3) r
		LEFT JOIN blocking_items i ON i.request_id = r.id
		ORDER BY r.id, i.position`)
	updateItemQuery = prepare(`UPDATE blocking_items SET status = ?, note = ?, status_at = ?, status_by = ?
		WHERE request_id = ? AND finding_id = ? AND status = ?`)
	itemStatusQuery = prepare(`SELECT status FROM blocking_items WHERE request_id = ? AND finding_id = ?`)

	findCheckpointQuery = prepare(`SELECT ` + sqlstore.CheckpointColumns + ` FROM ct_checkpoints WHERE log_id = ?`)
	putCheckpointQuery  = prepare(`INSERT INTO ct_checkpoints (log_id, next_index, tree_size, root_hash, updated_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (log_id) DO UPDATE SET next_index = excluded.next_index, tree_size = excluded.tree_size,
			root_hash = excluded.root_hash, updated_at = excluded.updated_at`)

	countWebQuery = prepare(`SELECT
		(SELECT count(*) FROM web_findings
			WHERE (?1 IS NULL OR first_seen >= ?1) AND (?2 IS NULL OR first_seen < ?2)),
		(SELECT count(*) FROM blocking_items i JOIN blocking_requests r ON r.id = i.request_id
			WHERE (?1 IS NULL OR r.created_at >= ?1) AND (?2 IS NULL OR r.created_at < ?2)),
		(SELECT count(*) FROM blocking_items
			WHERE status = 'blocked' AND (?1 IS NULL OR status_at >= ?1) AND (?2 IS NULL OR status_at < ?2)),
		(SELECT count(*) FROM blocking_items
			WHERE status = 'rejected' AND (?1 IS NULL OR status_at >= ?1) AND (?2 IS NULL OR status_at < ?2)),
		(SELECT count(*) FROM blocking_items
			WHERE status = 'gone' AND (?1 IS NULL OR status_at >= ?1) AND (?2 IS NULL OR status_at < ?2))`)
)

var _ kuzet.WebStore = (*tx)(nil)

// UpsertWebFinding inserts f unless a finding for f.Domain exists, and
// reports whether it did. For a known domain it only moves LastSeen to the
// later of the two and fills in Certificate and URL where the stored
// finding has none. Either way it sets *f to the finding as stored.
func (tx *tx) UpsertWebFinding(ctx context.Context, f *kuzet.WebFinding) (bool, error) {
	cert, err := sqlstore.CertificateJSON(f.Certificate)
	if err != nil {
		return false, fmt.Errorf("sqlite: upsert web finding: %w", err)
	}
	methods, err := sqlstore.ListJSON(f.Methods)
	if err != nil {
		return false, fmt.Errorf("sqlite: upsert web finding: %w", err)
	}
	id, err := tx.insert(ctx, insertFindingQuery,
		f.Domain, f.Unicode, string(f.Status), micros(f.StatusAt), string(f.Category), f.Brand, f.Verdict, f.Score,
		methods, string(f.Source), f.SourceDetail, f.SubmittedBy, f.URL, cert, micros(f.FirstSeen), micros(f.LastSeen),
		f.Notes, f.DecidedBy, nullMicros(f.DecidedAt))
	if err != nil {
		return false, fmt.Errorf("sqlite: upsert web finding: %w", err)
	}
	if id != 0 {
		f.ID = id
		sqlstore.StoredFinding(f)
		return true, nil
	}
	got, err := read.Finding(tx.stmt(ctx, touchFindingQuery).QueryRowContext(ctx, micros(f.LastSeen), cert, f.URL, f.Domain))
	if err != nil {
		return false, fmt.Errorf("sqlite: upsert web finding: %w", err)
	}
	*f = *got
	return false, nil
}

// FindWebFinding returns ENOTFOUND if there is no finding with id.
func (tx *tx) FindWebFinding(ctx context.Context, id int64) (*kuzet.WebFinding, error) {
	return sqlstore.One(tx.stmt(ctx, findFindingQuery).QueryRowContext(ctx, id), "sqlite: find web finding",
		read.Finding, "web finding %d not found", id)
}

// FindWebFindingByDomain returns the finding for an ASCII domain. Returns
// ENOTFOUND if there is none.
func (tx *tx) FindWebFindingByDomain(ctx context.Context, domain string) (*kuzet.WebFinding, error) {
	return sqlstore.One(tx.stmt(ctx, findFindingByDomainQuery).QueryRowContext(ctx, domain), "sqlite: find web finding",
		read.Finding, "no web finding for %s", domain)
}

// FindWebFindings returns the findings f selects, by ascending ID, at most
// kuzet.WebPageLimit(f.Limit).
func (tx *tx) FindWebFindings(ctx context.Context, f kuzet.WebFindingFilter) ([]*kuzet.WebFinding, error) {
	q := findFindingsQuery
	if f.Status != "" {
		q = findFindingsByStatusQuery
	}
	return collect(ctx, tx, q, "sqlite: find web findings", read.Finding, string(f.Status), f.Brand, string(f.Source),
		nullMicros(f.From), nullMicros(f.To), f.AfterID, kuzet.WebPageLimit(f.Limit))
}

// UpdateWebFinding stores f's Status, StatusAt, Category, Notes, DecidedBy
// and DecidedAt, provided the stored status is still from. Returns
// ENOTFOUND if f.ID is not stored, ECONFLICT if its status is not from.
func (tx *tx) UpdateWebFinding(ctx context.Context, f *kuzet.WebFinding, from kuzet.WebFindingStatus) error {
	n, err := tx.exec(ctx, updateFindingQuery, string(f.Status), micros(f.StatusAt),
		string(f.Category), f.Notes, f.DecidedBy, nullMicros(f.DecidedAt), f.ID, string(from))
	if err != nil {
		return fmt.Errorf("sqlite: update web finding: %w", err)
	}
	if n == 0 {
		return sqlstore.NotUpdated(tx.stmt(ctx, findingStatusQuery).QueryRowContext(ctx, f.ID), "sqlite: update web finding",
			from, fmt.Sprintf("web finding %d", f.ID), fmt.Sprintf("web finding %d not found", f.ID))
	}
	f.StatusAt, f.DecidedAt = sqlstore.Stored(f.StatusAt), sqlstore.StoredOrZero(f.DecidedAt)
	return nil
}

// CreateBlockingRequest inserts r with its items and sets r.ID. The
// findings must exist. Returns ECONFLICT if a finding is already an item of
// a request; the transaction is then as it was before the call.
func (tx *tx) CreateBlockingRequest(ctx context.Context, r *kuzet.BlockingRequest) (err error) {
	// A savepoint undoes the request and the items already inserted when
	// one fails, so that the transaction stays usable after the conflict.
	if _, err := tx.tx.ExecContext(ctx, `SAVEPOINT blocking_request`); err != nil {
		return fmt.Errorf("sqlite: create blocking request: %w", err)
	}
	defer func() {
		if err != nil {
			// An error here would be the connection's, which the caller's
			// rollback deals with.
			tx.tx.ExecContext(ctx, `ROLLBACK TO blocking_request`)
		}
		tx.tx.ExecContext(ctx, `RELEASE blocking_request`)
	}()
	id, err := tx.insert(ctx, insertRequestQuery, r.OrgID, micros(r.CreatedAt), r.Note)
	if err != nil {
		return fmt.Errorf("sqlite: create blocking request: %w", err)
	}
	items := make([]kuzet.BlockingItem, len(r.Items))
	for i, it := range r.Items {
		it.Evidence = sqlstore.StoredEvidence(it.Evidence)
		evidence, err := json.Marshal(it.Evidence)
		if err != nil {
			return fmt.Errorf("sqlite: create blocking request: %w", err)
		}
		_, err = tx.stmt(ctx, insertItemQuery).ExecContext(ctx, id, i, it.FindingID, it.Domain, it.Unicode,
			string(it.Category), string(evidence), string(it.Status), it.Note, nullMicros(it.StatusAt), it.StatusBy)
		if err = sqlstore.ItemError(err, constraint(err), "sqlite: create blocking request", &it); err != nil {
			return err
		}
		it.StatusAt = sqlstore.StoredOrZero(it.StatusAt)
		items[i] = it
	}
	r.ID, r.CreatedAt, r.Items = id, sqlstore.Stored(r.CreatedAt), items
	return nil
}

// FindBlockingRequest returns the request with its items. Returns
// ENOTFOUND if there is no request with id.
func (tx *tx) FindBlockingRequest(ctx context.Context, id int64) (*kuzet.BlockingRequest, error) {
	rs, err := requests(ctx, tx, findRequestQuery, "sqlite: find blocking request", id)
	return sqlstore.First(rs, err, "blocking request %d not found", id)
}

// FindBlockingRequests returns the requests f selects with their items, by
// ascending ID, at most kuzet.WebPageLimit(f.Limit).
func (tx *tx) FindBlockingRequests(ctx context.Context, f kuzet.BlockingRequestFilter) ([]*kuzet.BlockingRequest, error) {
	return requests(ctx, tx, findRequestsQuery, "sqlite: find blocking requests", f.AfterID, f.Pending,
		kuzet.WebPageLimit(f.Limit))
}

// requests runs q, a query of sqlstore.RequestItemColumns, and returns the
// requests it selects with their items.
func requests(ctx context.Context, tx *tx, q query, op string, args ...any) ([]*kuzet.BlockingRequest, error) {
	rows, err := tx.stmt(ctx, q).QueryContext(ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	defer rows.Close()
	return read.Requests(rows, op)
}

// UpdateBlockingItem stores it's Status, Note, StatusAt and StatusBy on the
// item of request requestID for it.FindingID, provided its stored status is
// still from. Returns ENOTFOUND if the request has no such item, ECONFLICT
// if its status is not from.
func (tx *tx) UpdateBlockingItem(ctx context.Context, requestID int64, it *kuzet.BlockingItem, from kuzet.BlockingStatus) error {
	n, err := tx.exec(ctx, updateItemQuery, string(it.Status), it.Note, nullMicros(it.StatusAt),
		it.StatusBy, requestID, it.FindingID, string(from))
	if err != nil {
		return fmt.Errorf("sqlite: update blocking item: %w", err)
	}
	if n == 0 {
		return sqlstore.NotUpdated(tx.stmt(ctx, itemStatusQuery).QueryRowContext(ctx, requestID, it.FindingID),
			"sqlite: update blocking item", from, fmt.Sprintf("item %d of blocking request %d", it.FindingID, requestID),
			fmt.Sprintf("blocking request %d has no item for web finding %d", requestID, it.FindingID))
	}
	it.StatusAt = sqlstore.StoredOrZero(it.StatusAt)
	return nil
}

// FindCTCheckpoint returns ENOTFOUND if logID has no checkpoint.
func (tx *tx) FindCTCheckpoint(ctx context.Context, logID string) (*kuzet.CTCheckpoint, error) {
	return sqlstore.One(tx.stmt(ctx, findCheckpointQuery).QueryRowContext(ctx, logID), "sqlite: find CT checkpoint",
		read.Checkpoint, "no checkpoint for CT log %s", logID)
}

// PutCTCheckpoint inserts or replaces the checkpoint of c.LogID.
func (tx *tx) PutCTCheckpoint(ctx context.Context, c *kuzet.CTCheckpoint) error {
	if _, err := tx.stmt(ctx, putCheckpointQuery).ExecContext(ctx,
		c.LogID, c.NextIndex, c.TreeSize, blob(c.RootHash), micros(c.UpdatedAt)); err != nil {
		return fmt.Errorf("sqlite: put CT checkpoint: %w", err)
	}
	c.UpdatedAt = sqlstore.Stored(c.UpdatedAt)
	return nil
}

// CountWeb returns the figures for the period from (included) to
// (excluded); a zero bound does not limit.
func (tx *tx) CountWeb(ctx context.Context, from, to time.Time) (kuzet.WebCounts, error) {
	c, err := sqlstore.WebCounts(tx.stmt(ctx, countWebQuery).QueryRowContext(ctx, nullMicros(from), nullMicros(to)))
	if err != nil {
		return kuzet.WebCounts{}, fmt.Errorf("sqlite: count web: %w", err)
	}
	return c, nil
}
