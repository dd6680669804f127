package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/kuzet/kuzet"
)

const findingColumns = `id, domain, unicode, status, status_at, category, brand, verdict, score, methods, source,
	source_detail, submitted_by, url, certificate, first_seen, last_seen, notes, decided_by, decided_at`

// requestItemColumns are those of a request joined with its items; a
// request without items has NULLs for the item's.
const requestItemColumns = `r.id, r.org_id, r.created_at, r.note,
	i.finding_id, i.domain, i.unicode, i.category, i.evidence, i.status, i.note, i.status_at, i.status_by`

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
		RETURNING ` + findingColumns + `, xmax = 0`
	findFindingSQL         = `SELECT ` + findingColumns + ` FROM web_findings WHERE id = $1`
	findFindingByDomainSQL = `SELECT ` + findingColumns + ` FROM web_findings WHERE domain = $1`
	updateFindingSQL       = `UPDATE web_findings
		SET status = $1, status_at = $2, category = $3, notes = $4, decided_by = $5, decided_at = $6
		WHERE id = $7 AND status = $8`
	findingStatusSQL = `SELECT status FROM web_findings WHERE id = $1`

	insertRequestSQL = `INSERT INTO blocking_requests (org_id, created_at, note) VALUES ($1, $2, $3) RETURNING id`
	insertItemSQL    = `INSERT INTO blocking_items
			(request_id, position, finding_id, domain, unicode, category, evidence, status, note, status_at, status_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`
	findRequestSQL = `SELECT ` + requestItemColumns + `
		FROM blocking_requests r LEFT JOIN blocking_items i ON i.request_id = r.id
		WHERE r.id = $1 ORDER BY i.position`
	// One statement, so that the requests and their items are of one
	// snapshot even under READ COMMITTED.
	findRequestsSQL = `SELECT ` + requestItemColumns + `
		FROM (SELECT id, org_id, created_at, note FROM blocking_requests
			WHERE id > $1 AND (NOT $2 OR id IN (SELECT request_id FROM blocking_items WHERE status = 'pending'))
			ORDER BY id LIMIT $3) r
		LEFT JOIN blocking_items i ON i.request_id = r.id
		ORDER BY r.id, i.position`
	updateItemSQL = `UPDATE blocking_items SET status = $1, note = $2, status_at = $3, status_by = $4
		WHERE request_id = $5 AND finding_id = $6 AND status = $7`
	itemStatusSQL = `SELECT status FROM blocking_items WHERE request_id = $1 AND finding_id = $2`

	findCheckpointSQL = `SELECT log_id, next_index, tree_size, root_hash, updated_at FROM ct_checkpoints WHERE log_id = $1`
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
	cert, err := certificateJSON(f.Certificate)
	if err != nil {
		return false, fmt.Errorf("postgres: upsert web finding: %w", err)
	}
	methods := f.Methods
	if methods == nil {
		methods = []string{}
	}
	var created bool
	got, err := scanFinding(tx.tx.QueryRow(ctx, upsertFindingSQL,
		f.Domain, f.Unicode, string(f.Status), stored(f.StatusAt), string(f.Category), f.Brand, f.Verdict, f.Score,
		methods, string(f.Source), f.SourceDetail, f.SubmittedBy, f.URL, cert, stored(f.FirstSeen), stored(f.LastSeen),
		f.Notes, f.DecidedBy, nullTime(f.DecidedAt)), &created)
	if err != nil {
		return false, fmt.Errorf("postgres: upsert web finding: %w", err)
	}
	*f = *got
	return created, nil
}

// FindWebFinding returns ENOTFOUND if there is no finding with id.
func (tx *tx) FindWebFinding(ctx context.Context, id int64) (*kuzet.WebFinding, error) {
	f, err := scanFinding(tx.tx.QueryRow(ctx, findFindingSQL, id), nil)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "web finding %d not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("postgres: find web finding: %w", err)
	}
	return f, nil
}

// FindWebFindingByDomain returns the finding for an ASCII domain. Returns
// ENOTFOUND if there is none.
func (tx *tx) FindWebFindingByDomain(ctx context.Context, domain string) (*kuzet.WebFinding, error) {
	f, err := scanFinding(tx.tx.QueryRow(ctx, findFindingByDomainSQL, domain), nil)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no web finding for %s", domain)
	} else if err != nil {
		return nil, fmt.Errorf("postgres: find web finding: %w", err)
	}
	return f, nil
}

// FindWebFindings returns the findings f selects, by ascending ID, at most
// kuzet.WebPageLimit(f.Limit).
func (tx *tx) FindWebFindings(ctx context.Context, f kuzet.WebFindingFilter) ([]*kuzet.WebFinding, error) {
	// Only the conditions the filter sets are written, so that the
	// planner sees plain comparisons it can take to the indexes; pgx
	// prepares each of the few shapes once per connection.
	var (
		where strings.Builder
		args  = []any{f.AfterID}
	)
	where.WriteString("id > $1")
	add := func(cond string, v any) {
		args = append(args, v)
		where.WriteString(" AND " + cond + " $" + strconv.Itoa(len(args)))
	}
	if f.Status != "" {
		add("status =", string(f.Status))
	}
	if f.Brand != "" {
		add("brand =", f.Brand)
	}
	if f.Source != "" {
		add("source =", string(f.Source))
	}
	if !f.From.IsZero() {
		add("first_seen >=", stored(f.From))
	}
	if !f.To.IsZero() {
		add("first_seen <", stored(f.To))
	}
	args = append(args, kuzet.WebPageLimit(f.Limit))
	q := `SELECT ` + findingColumns + ` FROM web_findings WHERE ` + where.String() +
		` ORDER BY id LIMIT $` + strconv.Itoa(len(args))
	rows, _ := tx.tx.Query(ctx, q, args...)
	defer rows.Close()
	var out []*kuzet.WebFinding
	for rows.Next() {
		w, err := scanFinding(rows, nil)
		if err != nil {
			return nil, fmt.Errorf("postgres: find web findings: %w", err)
		}
		out = append(out, w)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: find web findings: %w", err)
	}
	return out, nil
}

// UpdateWebFinding stores f's Status, StatusAt, Category, Notes, DecidedBy
// and DecidedAt, provided the stored status is still from. Returns
// ENOTFOUND if f.ID is not stored, ECONFLICT if its status is not from.
func (tx *tx) UpdateWebFinding(ctx context.Context, f *kuzet.WebFinding, from kuzet.WebFindingStatus) error {
	tag, err := tx.tx.Exec(ctx, updateFindingSQL, string(f.Status), stored(f.StatusAt), string(f.Category), f.Notes,
		f.DecidedBy, nullTime(f.DecidedAt), f.ID, string(from))
	if err != nil {
		return fmt.Errorf("postgres: update web finding: %w", err)
	}
	if tag.RowsAffected() == 0 {
		var status string
		err := tx.tx.QueryRow(ctx, findingStatusSQL, f.ID).Scan(&status)
		if errors.Is(err, pgx.ErrNoRows) {
			return kuzet.Errorf(kuzet.ENOTFOUND, "web finding %d not found", f.ID)
		} else if err != nil {
			return fmt.Errorf("postgres: update web finding: %w", err)
		}
		return kuzet.Errorf(kuzet.ECONFLICT, "web finding %d is %s, not %s", f.ID, status, from)
	}
	f.StatusAt, f.DecidedAt = stored(f.StatusAt), storedOrZero(f.DecidedAt)
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
	if err := sp.QueryRow(ctx, insertRequestSQL, r.OrgID, stored(r.CreatedAt), r.Note).Scan(&id); err != nil {
		return fmt.Errorf("postgres: create blocking request: %w", err)
	}
	// The items go in one round trip: a request holds up to 10,000.
	items := make([]kuzet.BlockingItem, len(r.Items))
	b := &pgx.Batch{}
	for i, it := range r.Items {
		it.Evidence = normalizeEvidence(it.Evidence)
		evidence, err := json.Marshal(it.Evidence)
		if err != nil {
			return fmt.Errorf("postgres: create blocking request: %w", err)
		}
		b.Queue(insertItemSQL, id, i, it.FindingID, it.Domain, it.Unicode, string(it.Category), evidence,
			string(it.Status), it.Note, nullTime(it.StatusAt), it.StatusBy)
		it.StatusAt = storedOrZero(it.StatusAt)
		items[i] = it
	}
	br := sp.SendBatch(ctx, b)
	for i := range items {
		_, err := br.Exec()
		if err == nil {
			continue
		}
		br.Close()
		switch pgCode(err) {
		case uniqueViolation:
			return kuzet.Errorf(kuzet.ECONFLICT, "web finding %d is in a blocking request already", items[i].FindingID)
		case foreignKeyViolation:
			return fmt.Errorf("postgres: create blocking request: web finding %d does not exist", items[i].FindingID)
		}
		return fmt.Errorf("postgres: create blocking request: %w", err)
	}
	if err := br.Close(); err != nil {
		return fmt.Errorf("postgres: create blocking request: %w", err)
	}
	if err := sp.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: create blocking request: %w", err)
	}
	r.ID, r.CreatedAt, r.Items = id, stored(r.CreatedAt), items
	return nil
}

// FindBlockingRequest returns the request with its items. Returns
// ENOTFOUND if there is no request with id.
func (tx *tx) FindBlockingRequest(ctx context.Context, id int64) (*kuzet.BlockingRequest, error) {
	rows, _ := tx.tx.Query(ctx, findRequestSQL, id)
	rs, err := scanRequests(rows)
	if err != nil {
		return nil, fmt.Errorf("postgres: find blocking request: %w", err)
	}
	if len(rs) == 0 {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "blocking request %d not found", id)
	}
	return rs[0], nil
}

// FindBlockingRequests returns the requests f selects with their items, by
// ascending ID, at most kuzet.WebPageLimit(f.Limit).
func (tx *tx) FindBlockingRequests(ctx context.Context, f kuzet.BlockingRequestFilter) ([]*kuzet.BlockingRequest, error) {
	rows, _ := tx.tx.Query(ctx, findRequestsSQL, f.AfterID, f.Pending, kuzet.WebPageLimit(f.Limit))
	rs, err := scanRequests(rows)
	if err != nil {
		return nil, fmt.Errorf("postgres: find blocking requests: %w", err)
	}
	return rs, nil
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
		var status string
		err := tx.tx.QueryRow(ctx, itemStatusSQL, requestID, it.FindingID).Scan(&status)
		if errors.Is(err, pgx.ErrNoRows) {
			return kuzet.Errorf(kuzet.ENOTFOUND, "blocking request %d has no item for web finding %d", requestID, it.FindingID)
		} else if err != nil {
			return fmt.Errorf("postgres: update blocking item: %w", err)
		}
		return kuzet.Errorf(kuzet.ECONFLICT, "item %d of blocking request %d is %s, not %s", it.FindingID, requestID, status, from)
	}
	it.StatusAt = storedOrZero(it.StatusAt)
	return nil
}

// FindCTCheckpoint returns ENOTFOUND if logID has no checkpoint.
func (tx *tx) FindCTCheckpoint(ctx context.Context, logID string) (*kuzet.CTCheckpoint, error) {
	var c kuzet.CTCheckpoint
	err := tx.tx.QueryRow(ctx, findCheckpointSQL, logID).Scan(&c.LogID, &c.NextIndex, &c.TreeSize, &c.RootHash, &c.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no checkpoint for CT log %s", logID)
	} else if err != nil {
		return nil, fmt.Errorf("postgres: find CT checkpoint: %w", err)
	}
	c.UpdatedAt = c.UpdatedAt.UTC()
	return &c, nil
}

// PutCTCheckpoint inserts or replaces the checkpoint of c.LogID.
func (tx *tx) PutCTCheckpoint(ctx context.Context, c *kuzet.CTCheckpoint) error {
	if _, err := tx.tx.Exec(ctx, putCheckpointSQL, c.LogID, c.NextIndex, c.TreeSize, blob(c.RootHash), stored(c.UpdatedAt)); err != nil {
		return fmt.Errorf("postgres: put CT checkpoint: %w", err)
	}
	c.UpdatedAt = stored(c.UpdatedAt)
	return nil
}

// CountWeb returns the figures for the period from (included) to
// (excluded); a zero bound does not limit.
func (tx *tx) CountWeb(ctx context.Context, from, to time.Time) (kuzet.WebCounts, error) {
	var c kuzet.WebCounts
	if err := tx.tx.QueryRow(ctx, countWebSQL, nullTime(from), nullTime(to)).Scan(
		&c.Found, &c.Sent, &c.Blocked, &c.Rejected, &c.Gone); err != nil {
		return kuzet.WebCounts{}, fmt.Errorf("postgres: count web: %w", err)
	}
	return c, nil
}

// scanFinding reads one row of findingColumns and, if created is not nil,
// a boolean column after them.
func scanFinding(row pgx.Row, created *bool) (*kuzet.WebFinding, error) {
	var (
		f                        kuzet.WebFinding
		status, category, source string
		cert                     []byte
		decidedAt                *time.Time
	)
	dest := []any{&f.ID, &f.Domain, &f.Unicode, &status, &f.StatusAt, &category, &f.Brand, &f.Verdict, &f.Score,
		&f.Methods, &source, &f.SourceDetail, &f.SubmittedBy, &f.URL, &cert, &f.FirstSeen, &f.LastSeen, &f.Notes,
		&f.DecidedBy, &decidedAt}
	if created != nil {
		dest = append(dest, created)
	}
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	f.Status, f.Category, f.Source = kuzet.WebFindingStatus(status), kuzet.Category(category), kuzet.WebSource(source)
	f.StatusAt, f.FirstSeen, f.LastSeen = f.StatusAt.UTC(), f.FirstSeen.UTC(), f.LastSeen.UTC()
	f.DecidedAt = fromNullTime(decidedAt)
	if f.Methods == nil {
		f.Methods = []string{}
	}
	if cert != nil {
		f.Certificate = new(kuzet.WebCertificate)
		if err := json.Unmarshal(cert, f.Certificate); err != nil {
			return nil, fmt.Errorf("certificate of web finding %d: %w", f.ID, err)
		}
	}
	return &f, nil
}

// scanRequests reads the rows of requestItemColumns, a request's items
// following it in order, and closes rows.
func scanRequests(rows pgx.Rows) ([]*kuzet.BlockingRequest, error) {
	defer rows.Close()
	var out []*kuzet.BlockingRequest
	for rows.Next() {
		var (
			r                                       kuzet.BlockingRequest
			findingID, statusBy                     *int64
			domain, unicode, category, status, note *string
			evidence                                []byte
			statusAt                                *time.Time
		)
		if err := rows.Scan(&r.ID, &r.OrgID, &r.CreatedAt, &r.Note,
			&findingID, &domain, &unicode, &category, &evidence, &status, &note, &statusAt, &statusBy); err != nil {
			return nil, err
		}
		if n := len(out); n == 0 || out[n-1].ID != r.ID {
			r.CreatedAt = r.CreatedAt.UTC()
			r.Items = []kuzet.BlockingItem{}
			out = append(out, &r)
		}
		if findingID == nil {
			continue // a request without items
		}
		it := kuzet.BlockingItem{FindingID: *findingID, Domain: *domain, Unicode: *unicode,
			Category: kuzet.Category(*category), Status: kuzet.BlockingStatus(*status), Note: *note,
			StatusAt: fromNullTime(statusAt), StatusBy: *statusBy}
		if err := json.Unmarshal(evidence, &it.Evidence); err != nil {
			return nil, fmt.Errorf("evidence of web finding %d: %w", it.FindingID, err)
		}
		if it.Evidence.Methods == nil {
			it.Evidence.Methods = []string{}
		}
		last := out[len(out)-1]
		last.Items = append(last.Items, it)
	}
	return out, rows.Err()
}

// certificateJSON is the stored form of c: NULL for none.
func certificateJSON(c *kuzet.WebCertificate) ([]byte, error) {
	if c == nil {
		return nil, nil
	}
	return json.Marshal(normalizeCertificate(c))
}

// normalizeEvidence returns a copy of e as the store gives it back: times in
// UTC to the microsecond, slices not nil, a certificate of its own.
func normalizeEvidence(e kuzet.WebEvidence) kuzet.WebEvidence {
	e.FirstSeen, e.LastSeen, e.DecidedAt = stored(e.FirstSeen), stored(e.LastSeen), storedOrZero(e.DecidedAt)
	e.Methods = append([]string{}, e.Methods...)
	if e.Certificate != nil {
		e.Certificate = normalizeCertificate(e.Certificate)
	}
	return e
}

func normalizeCertificate(c *kuzet.WebCertificate) *kuzet.WebCertificate {
	cp := *c
	cp.NotBefore, cp.NotAfter, cp.LoggedAt = storedOrZero(c.NotBefore), storedOrZero(c.NotAfter), storedOrZero(c.LoggedAt)
	cp.SANs = append([]string{}, c.SANs...)
	return &cp
}

// storedOrZero is stored, keeping the zero time zero: it means "not known".
func storedOrZero(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return stored(t)
}
