package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

const (
	// One statement: two nodes seeing a new domain at once both end up
	// with the one finding, and xmax = 0 tells the one that inserted it.
	// A known domain keeps everything but the latest sighting and the
	// details it lacked.
	upsertFindingSQL = `INSERT INTO web_findings
			(domain, unicode, status, status_at, category, brand, verdict, score, methods, source,
			 source_detail, submitted_by, url, certificate, first_seen, last_seen, notes, decided_by, decided_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
		ON CONFLICT (domain) DO UPDATE SET
			last_seen = GREATEST(web_findings.last_seen, excluded.last_seen),
			certificate = COALESCE(web_findings.certificate, excluded.certificate),
			url = CASE WHEN web_findings.url = '' THEN excluded.url ELSE web_findings.url END
		RETURNING ` + sqlstore.FindingColumns + `, xmax = 0`
	findFindingSQL         = `SELECT ` + sqlstore.FindingColumns + ` FROM web_findings WHERE id = $1`
	findFindingByDomainSQL = `SELECT ` + sqlstore.FindingColumns + ` FROM web_findings WHERE domain = $1`
	updateFindingSQL       = `UPDATE web_findings
		SET status = $1, status_at = $2, category = $3, notes = $4, decided_by = $5, decided_at = $6
		WHERE id = $7 AND status = $8`
	findingStatusSQL = `SELECT status FROM web_findings WHERE id = $1`

	insertRequestSQL = `INSERT INTO blocking_requests (org_id, created_at, note) VALUES ($1, $2, $3) RETURNING id`
	insertItemSQL    = `INSERT INTO blocking_items
			(request_id, position, finding_id, domain, unicode, category, evidence, status, note, status_at, status_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`
	findRequestSQL = `SELECT ` + sqlstore.RequestItemColumns + `
		FROM blocking_requests r LEFT JOIN blocking_items i ON i.request_id = r.id
		WHERE r.id = $1 ORDER BY i.position`
	// One statement, so that the requests and their items are of one
	// snapshot even under READ COMMITTED.
	findRequestsSQL = `SELECT ` + sqlstore.RequestItemColumns + `
		FROM (SELECT id, org_id, created_at, note FROM blocking_requests
			WHERE id > $1 AND (NOT $2 OR id IN (SELECT request_id FROM blocking_items WHERE status = 'pending'))
			ORDER BY id LIMIT $3) r
		LEFT JOIN blocking_items i ON i.request_id = r.id
		ORDER BY r.id, i.position`
	updateItemSQL = `UPDATE blocking_items SET status = $1, note = $2, status_at = $3, status_by = $4
		WHERE request_id = $5 AND finding_id = $6 AND status = $7`
	itemStatusSQL = `SELECT status FROM blocking_items WHERE request_id = $1 AND finding_id = $2`

	findCheckpointSQL = `SELECT ` + sqlstore.CheckpointColumns + ` FROM ct_checkpoints WHERE log_id = $1`
	putCheckpointSQL  = `INSERT INTO ct_checkpoints (log_id, next_index, tree_size, root_hash, updated_at)
		VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (log_id) DO UPDATE SET next_index = excluded.next_index, tree_size = excluded.tree_size,
			root_hash = excluded.root_hash, updated_at = excluded.updated_at`

	countWebSQL = `SELECT
		(SELECT count(*) FROM web_findings
			WHERE ($1::timestamptz IS NULL OR first_seen >= $1) AND ($2::timestamptz IS NULL OR first_seen < $2)),
		(SELECT count(*) FROM blocking_items i JOIN blocking_requests r ON r.id = i.request_id
			WHERE ($1::timestamptz IS NULL OR r.created_at >= $1) AND ($2::timestamptz IS NULL OR r.created_at < $2)),
		(SELECT count(*) FROM blocking_items WHERE status = 'blocked'
			AND ($1::timestamptz IS NULL OR status_at >= $1) AND ($2::timestamptz IS NULL OR status_at < $2)),
		(SELECT count(*) FROM blocking_items WHERE status = 'rejected'
			AND ($1::timestamptz IS NULL OR status_at >= $1) AND ($2::timestamptz IS NULL OR status_at < $2)),
		(SELECT count(*) FROM blocking_items WHERE status = 'gone'
			AND ($1::timestamptz IS NULL OR status_at >= $1) AND ($2::timestamptz IS NULL OR status_at < $2))`
)

var _ kuzet.WebStore = (*tx)(nil)

// UpsertWebFinding inserts f unless a finding for f.Domain exists, and
// reports whether it did. For a known domain it only moves LastSeen to the
// later of the two and fills in Certificate and URL where the stored
// finding has none. Either way it sets *f to the finding as stored.
func (tx *tx) UpsertWebFinding(ctx context.Context, f *kuzet.WebFinding) (bool, error) {
	cert, err := sqlstore.CertificateJSON(f.Certificate)
	if err != nil {
		return false, fmt.Errorf("postgres: upsert web finding: %w", err)
	}
	methods := f.Methods
	if methods == nil {
		methods = []string{}
	}
	var created bool
	got, err := read.FindingWith(tx.tx.QueryRow(ctx, upsertFindingSQL,
		f.Domain, f.Unicode, string(f.Status), sqlstore.Stored(f.StatusAt), string(f.Category), f.Brand, f.Verdict, f.Score,
		methods, string(f.Source), f.SourceDetail, f.SubmittedBy, f.URL, cert, sqlstore.Stored(f.FirstSeen),
		sqlstore.Stored(f.LastSeen), f.Notes, f.DecidedBy, nullTime(f.DecidedAt)), &created)
	if err != nil {
		return false, fmt.Errorf("postgres: upsert web finding: %w", err)
	}
	*f = *got
	return created, nil
}

// FindWebFinding returns ENOTFOUND if there is no finding with id.
func (tx *tx) FindWebFinding(ctx context.Context, id int64) (*kuzet.WebFinding, error) {
	return sqlstore.One(tx.tx.QueryRow(ctx, findFindingSQL, id), "postgres: find web finding", read.Finding,
		"web finding %d not found", id)
}

// FindWebFindingByDomain returns the finding for an ASCII domain. Returns
// ENOTFOUND if there is none.
func (tx *tx) FindWebFindingByDomain(ctx context.Context, domain string) (*kuzet.WebFinding, error) {
	return sqlstore.One(tx.tx.QueryRow(ctx, findFindingByDomainSQL, domain), "postgres: find web finding", read.Finding,
		"no web finding for %s", domain)
}

// FindWebFindings returns the findings f selects, by ascending ID, at most
// kuzet.WebPageLimit(f.Limit).
func (tx *tx) FindWebFindings(ctx context.Context, f kuzet.WebFindingFilter) ([]*kuzet.WebFinding, error) {
	w := newWhere(f.AfterID)
	w.add(f.Status != "", "status =", string(f.Status))
	w.add(f.Brand != "", "brand =", f.Brand)
	w.add(f.Source != "", "source =", string(f.Source))
	w.add(!f.From.IsZero(), "first_seen >=", sqlstore.Stored(f.From))
	w.add(!f.To.IsZero(), "first_seen <", sqlstore.Stored(f.To))
	return collect(ctx, tx, w.query(sqlstore.FindingColumns, "web_findings", f.Limit), "postgres: find web findings",
		read.Finding, w.args...)
}

// UpdateWebFinding stores f's Status, StatusAt, Category, Notes, DecidedBy
// and DecidedAt, provided the stored status is still from. Returns
// ENOTFOUND if f.ID is not stored, ECONFLICT if its status is not from.
func (tx *tx) UpdateWebFinding(ctx context.Context, f *kuzet.WebFinding, from kuzet.WebFindingStatus) error {
	tag, err := tx.tx.Exec(ctx, updateFindingSQL, string(f.Status), sqlstore.Stored(f.StatusAt), string(f.Category),
		f.Notes, f.DecidedBy, nullTime(f.DecidedAt), f.ID, string(from))
	if err != nil {
		return fmt.Errorf("postgres: update web finding: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return sqlstore.NotUpdated(tx.tx.QueryRow(ctx, findingStatusSQL, f.ID), "postgres: update web finding", from,
			fmt.Sprintf("web finding %d", f.ID), fmt.Sprintf("web finding %d not found", f.ID))
	}
	f.StatusAt, f.DecidedAt = sqlstore.Stored(f.StatusAt), sqlstore.StoredOrZero(f.DecidedAt)
	return nil
}

// CreateBlockingRequest inserts r with its items and sets r.ID. The
// findings must exist. Returns ECONFLICT if a finding is already an item of
// a request; the transaction is then as it was before the call.
func (tx *tx) CreateBlockingRequest(ctx context.Context, r *kuzet.BlockingRequest) error {
	// A savepoint undoes the request when an item fails, so that the
	// transaction stays usable after the conflict, which in PostgreSQL
	// would otherwise abort it.
	sp, err := tx.tx.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: create blocking request: %w", err)
	}
	defer sp.Rollback(ctx)
	var id int64
	if err := sp.QueryRow(ctx, insertRequestSQL, r.OrgID, sqlstore.Stored(r.CreatedAt), r.Note).Scan(&id); err != nil {
		return fmt.Errorf("postgres: create blocking request: %w", err)
	}
	// The items go in one round trip: a request holds up to 10,000.
	items := make([]kuzet.BlockingItem, len(r.Items))
	b := &pgx.Batch{}
	for i, it := range r.Items {
		it.Evidence = sqlstore.StoredEvidence(it.Evidence)
		evidence, err := json.Marshal(it.Evidence)
		if err != nil {
			return fmt.Errorf("postgres: create blocking request: %w", err)
		}
		b.Queue(insertItemSQL, id, i, it.FindingID, it.Domain, it.Unicode, string(it.Category), evidence,
			string(it.Status), it.Note, nullTime(it.StatusAt), it.StatusBy)
		it.StatusAt = sqlstore.StoredOrZero(it.StatusAt)
		items[i] = it
	}
	br := sp.SendBatch(ctx, b)
	for i := range items {
		_, err := br.Exec()
		if err == nil {
			continue
		}
		br.Close()
		return sqlstore.ItemError(err, constraint(err), "postgres: create blocking request", &items[i])
	}
	if err := br.Close(); err != nil {
		return fmt.Errorf("postgres: create blocking request: %w", err)
	}
	if err := sp.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: create blocking request: %w", err)
	}
	r.ID, r.CreatedAt, r.Items = id, sqlstore.Stored(r.CreatedAt), items
	return nil
}

// FindBlockingRequest returns the request with its items. Returns
// ENOTFOUND if there is no request with id.
func (tx *tx) FindBlockingRequest(ctx context.Context, id int64) (*kuzet.BlockingRequest, error) {
	rs, err := requests(ctx, tx, findRequestSQL, "postgres: find blocking request", id)
	return sqlstore.First(rs, err, "blocking request %d not found", id)
}

// FindBlockingRequests returns the requests f selects with their items, by
// ascending ID, at most kuzet.WebPageLimit(f.Limit).
func (tx *tx) FindBlockingRequests(ctx context.Context, f kuzet.BlockingRequestFilter) ([]*kuzet.BlockingRequest, error) {
	return requests(ctx, tx, findRequestsSQL, "postgres: find blocking requests", f.AfterID, f.Pending,
		kuzet.WebPageLimit(f.Limit))
}

// requests runs sql, a query of sqlstore.RequestItemColumns, and returns the
// requests it selects with their items.
func requests(ctx context.Context, tx *tx, sql, op string, args ...any) ([]*kuzet.BlockingRequest, error) {
	rows, _ := tx.tx.Query(ctx, sql, args...)
	defer rows.Close()
	return read.Requests(rows, op)
}

// UpdateBlockingItem stores it's Status, Note, StatusAt and StatusBy on the
// item of request requestID for it.FindingID, provided its stored status is
// still from. Returns ENOTFOUND if the request has no such item, ECONFLICT
// if its status is not from.
func (tx *tx) UpdateBlockingItem(ctx context.Context, requestID int64, it *kuzet.BlockingItem, from kuzet.BlockingStatus) error {
	tag, err := tx.tx.Exec(ctx, updateItemSQL, string(it.Status), it.Note, nullTime(it.StatusAt), it.StatusBy,
		requestID, it.FindingID, string(from))
	if err != nil {
		return fmt.Errorf("postgres: update blocking item: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return sqlstore.NotUpdated(tx.tx.QueryRow(ctx, itemStatusSQL, requestID, it.FindingID),
			"postgres: update blocking item", from, fmt.Sprintf("item %d of blocking request %d", it.FindingID, requestID),
			fmt.Sprintf("blocking request %d has no item for web finding %d", requestID, it.FindingID))
	}
	it.StatusAt = sqlstore.StoredOrZero(it.StatusAt)
	return nil
}

// FindCTCheckpoint returns ENOTFOUND if logID has no checkpoint.
func (tx *tx) FindCTCheckpoint(ctx context.Context, logID string) (*kuzet.CTCheckpoint, error) {
	return sqlstore.One(tx.tx.QueryRow(ctx, findCheckpointSQL, logID), "postgres: find CT checkpoint", read.Checkpoint,
		"no checkpoint for CT log %s", logID)
}

// PutCTCheckpoint inserts or replaces the checkpoint of c.LogID.
func (tx *tx) PutCTCheckpoint(ctx context.Context, c *kuzet.CTCheckpoint) error {
	if _, err := tx.tx.Exec(ctx, putCheckpointSQL, c.LogID, c.NextIndex, c.TreeSize, blob(c.RootHash), sqlstore.Stored(c.UpdatedAt)); err != nil {
		return fmt.Errorf("postgres: put CT checkpoint: %w", err)
	}
	c.UpdatedAt = sqlstore.Stored(c.UpdatedAt)
	return nil
}

// CountWeb returns the figures for the period from (included) to
// (excluded); a zero bound does not limit.
func (tx *tx) CountWeb(ctx context.Context, from, to time.Time) (kuzet.WebCounts, error) {
	c, err := sqlstore.WebCounts(tx.tx.QueryRow(ctx, countWebSQL, nullTime(from), nullTime(to)))
	if err != nil {
		return kuzet.WebCounts{}, fmt.Errorf("postgres: count web: %w", err)
	}
	return c, nil
}
