package postgres

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/kuzet/kuzet"
)

const reportColumns = `id, org_id, kind, value, category, confidence, evidence, valid_until, created_at, updated_at`

const (
	upsertReportSQL = `INSERT INTO reports
			(org_id, kind, value, category, confidence, evidence, valid_until, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (org_id, kind, value, category) DO UPDATE SET
			confidence = excluded.confidence,
			evidence = excluded.evidence,
			valid_until = excluded.valid_until,
			updated_at = excluded.updated_at
		RETURNING id, created_at`
	deleteReportSQL = `DELETE FROM reports
		WHERE org_id = $1 AND kind = $2 AND value = $3 AND category = $4 RETURNING ` + reportColumns
	deleteReportsSQL = `DELETE FROM reports
		WHERE org_id = $1 AND kind = $2 AND value = $3 RETURNING ` + reportColumns
	findReportsSQL = `SELECT ` + reportColumns + ` FROM reports
		WHERE kind = $1 AND value = $2 ORDER BY created_at, id`
	scanReportsSQL = `SELECT ` + reportColumns + ` FROM reports ORDER BY id`

	putAllowEntrySQL = `INSERT INTO allowlist (kind, value, org_id, reason, created_at)
		VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (kind, value) DO UPDATE SET
			org_id = excluded.org_id, reason = excluded.reason, created_at = excluded.created_at`
	deleteAllowEntrySQL = `DELETE FROM allowlist WHERE kind = $1 AND value = $2`
	scanAllowEntriesSQL = `SELECT kind, value, org_id, reason, created_at FROM allowlist ORDER BY kind, value`
)

// UpsertReport inserts r, or updates the report of the same org, indicator
// and category, keeping its ID and CreatedAt. Sets r.ID and r.CreatedAt to
// the stored ones.
func (tx *tx) UpsertReport(ctx context.Context, r *kuzet.Report) error {
	var (
		id      int64
		created time.Time
	)
	err := tx.tx.QueryRow(ctx, upsertReportSQL,
		r.OrgID, string(r.Kind), r.Value, string(r.Category), r.Confidence, r.Evidence,
		nullTime(r.ValidUntil), stored(r.CreatedAt), stored(r.UpdatedAt),
	).Scan(&id, &created)
	if err != nil {
		return fmt.Errorf("postgres: upsert report: %w", err)
	}
	r.ID, r.CreatedAt = id, created.UTC()
	r.ValidUntil, r.UpdatedAt = stored(r.ValidUntil), stored(r.UpdatedAt)
	return nil
}

// DeleteReport removes the org's report on an indicator in one category, or
// in every category when category is "", and returns the removed reports by
// ID. Returns ENOTFOUND if the org has no such report.
func (tx *tx) DeleteReport(ctx context.Context, orgID int64, kind kuzet.Kind, value string, category kuzet.Category) ([]*kuzet.Report, error) {
	var rows pgx.Rows
	if category == "" {
		rows, _ = tx.tx.Query(ctx, deleteReportsSQL, orgID, string(kind), value)
	} else {
		rows, _ = tx.tx.Query(ctx, deleteReportSQL, orgID, string(kind), value, string(category))
	}
	var removed []*kuzet.Report
	if err := scanReports(rows, "delete report", func(r *kuzet.Report) error {
		removed = append(removed, r)
		return nil
	}); err != nil {
		return nil, err
	}
	if len(removed) == 0 {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no report on %s:%s", kind, value)
	}
	// RETURNING promises no order.
	slices.SortFunc(removed, func(a, b *kuzet.Report) int { return cmp.Compare(a.ID, b.ID) })
	return removed, nil
}

// FindReports returns every report on one indicator, oldest first.
func (tx *tx) FindReports(ctx context.Context, kind kuzet.Kind, value string) ([]*kuzet.Report, error) {
	rows, _ := tx.tx.Query(ctx, findReportsSQL, string(kind), value)
	var reports []*kuzet.Report
	if err := scanReports(rows, "find reports", func(r *kuzet.Report) error {
		reports = append(reports, r)
		return nil
	}); err != nil {
		return nil, err
	}
	return reports, nil
}

// ScanReports calls fn for every report, in ID order, reading them from the
// server as it goes. Stops at and returns fn's first error. fn must not use
// the transaction: its connection is busy with the scan.
func (tx *tx) ScanReports(ctx context.Context, fn func(*kuzet.Report) error) error {
	rows, _ := tx.tx.Query(ctx, scanReportsSQL)
	return scanReports(rows, "scan reports", fn)
}

// reportSlab is how many reports scanReports allocates at once: one
// allocation per row would dominate a scan of millions. A caller keeping one
// report keeps its slab, a few tens of kilobytes.
const reportSlab = 256

// scanReports calls fn for each row of rows, which it closes. Errors of fn
// are returned as they are; the database's are wrapped with op. pgx reports
// a failed query on the rows, so callers need not check Query's error.
func scanReports(rows pgx.Rows, op string, fn func(*kuzet.Report) error) error {
	defer rows.Close()
	var (
		slab  []kuzet.Report
		valid *time.Time
	)
	for rows.Next() {
		if len(slab) == 0 {
			slab = make([]kuzet.Report, reportSlab)
		}
		r := &slab[0]
		slab = slab[1:]
		if err := rows.Scan(&r.ID, &r.OrgID, &r.Kind, &r.Value, &r.Category, &r.Confidence, &r.Evidence,
			&valid, &r.CreatedAt, &r.UpdatedAt); err != nil {
			return fmt.Errorf("postgres: %s: %w", op, err)
		}
		r.ValidUntil, r.CreatedAt, r.UpdatedAt = fromNullTime(valid), r.CreatedAt.UTC(), r.UpdatedAt.UTC()
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("postgres: %s: %w", op, err)
	}
	return nil
}

// PutAllowEntry inserts or replaces the entry for e's indicator.
func (tx *tx) PutAllowEntry(ctx context.Context, e *kuzet.AllowEntry) error {
	if _, err := tx.tx.Exec(ctx, putAllowEntrySQL,
		string(e.Kind), e.Value, e.OrgID, e.Reason, stored(e.CreatedAt)); err != nil {
		return fmt.Errorf("postgres: put allowlist entry: %w", err)
	}
	e.CreatedAt = stored(e.CreatedAt)
	return nil
}

// DeleteAllowEntry removes the entry. Returns ENOTFOUND if there is none.
func (tx *tx) DeleteAllowEntry(ctx context.Context, kind kuzet.Kind, value string) error {
	tag, err := tx.tx.Exec(ctx, deleteAllowEntrySQL, string(kind), value)
	if err != nil {
		return fmt.Errorf("postgres: delete allowlist entry: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "%s:%s is not on the allowlist", kind, value)
	}
	return nil
}

// ScanAllowEntries calls fn for every entry, by kind and value. Stops at and
// returns fn's first error. fn must not use the transaction.
func (tx *tx) ScanAllowEntries(ctx context.Context, fn func(*kuzet.AllowEntry) error) error {
	rows, _ := tx.tx.Query(ctx, scanAllowEntriesSQL)
	defer rows.Close()
	for rows.Next() {
		var e kuzet.AllowEntry
		if err := rows.Scan(&e.Kind, &e.Value, &e.OrgID, &e.Reason, &e.CreatedAt); err != nil {
			return fmt.Errorf("postgres: scan allowlist: %w", err)
		}
		e.CreatedAt = e.CreatedAt.UTC()
		if err := fn(&e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("postgres: scan allowlist: %w", err)
	}
	return nil
}
