package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

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
		WHERE org_id = $1 AND kind = $2 AND value = $3 AND category = $4 RETURNING ` + sqlstore.ReportColumns
	deleteReportsSQL = `DELETE FROM reports
		WHERE org_id = $1 AND kind = $2 AND value = $3 RETURNING ` + sqlstore.ReportColumns
	findReportsSQL = `SELECT ` + sqlstore.ReportColumns + ` FROM reports
		WHERE kind = $1 AND value = $2 ORDER BY created_at, id`
	scanReportsSQL = `SELECT ` + sqlstore.ReportColumns + ` FROM reports ORDER BY id`

	putAllowEntrySQL = `INSERT INTO allowlist (kind, value, org_id, reason, created_at)
		VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (kind, value) DO UPDATE SET
			org_id = excluded.org_id, reason = excluded.reason, created_at = excluded.created_at`
	deleteAllowEntrySQL = `DELETE FROM allowlist WHERE kind = $1 AND value = $2`
	scanAllowEntriesSQL = `SELECT ` + sqlstore.AllowColumns + ` FROM allowlist ORDER BY kind, value`
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
		nullTime(r.ValidUntil), sqlstore.Stored(r.CreatedAt), sqlstore.Stored(r.UpdatedAt),
	).Scan(&id, &created)
	if err != nil {
		return fmt.Errorf("postgres: upsert report: %w", err)
	}
	r.ID, r.CreatedAt = id, created.UTC()
	r.ValidUntil, r.UpdatedAt = sqlstore.Stored(r.ValidUntil), sqlstore.Stored(r.UpdatedAt)
	return nil
}

// DeleteReport removes the org's report on an indicator in one category, or
// in every category when category is "", and returns the removed reports by
// ID. Returns ENOTFOUND if the org has no such report.
func (tx *tx) DeleteReport(ctx context.Context, orgID int64, kind kuzet.Kind, value string, category kuzet.Category) ([]*kuzet.Report, error) {
	q, args := deleteReportSQL, []any{orgID, string(kind), value, string(category)}
	if category == "" {
		q, args = deleteReportsSQL, args[:3]
	}
	removed, err := collect(ctx, tx, q, "postgres: delete report", readReports(), args...)
	if err != nil {
		return nil, err
	}
	return sqlstore.Removed(removed, kind, value)
}

// FindReports returns every report on one indicator, oldest first.
func (tx *tx) FindReports(ctx context.Context, kind kuzet.Kind, value string) ([]*kuzet.Report, error) {
	return collect(ctx, tx, findReportsSQL, "postgres: find reports", readReports(), string(kind), value)
}

// ScanReports calls fn for every report, in ID order, reading them from the
// server as it goes. Stops at and returns fn's first error. fn must not use
// the transaction: its connection is busy with the scan.
func (tx *tx) ScanReports(ctx context.Context, fn func(*kuzet.Report) error) error {
	return each(ctx, tx, scanReportsSQL, "postgres: scan reports", readReports(), fn)
}

// readReports returns a reader of rows of sqlstore.ReportColumns, which
// takes the reports from a slab.
func readReports() func(sqlstore.Scanner) (*kuzet.Report, error) {
	var slab sqlstore.Slab[kuzet.Report]
	return func(s sqlstore.Scanner) (*kuzet.Report, error) {
		r := slab.New()
		return r, s.Scan(&r.ID, &r.OrgID, &r.Kind, &r.Value, &r.Category, &r.Confidence, &r.Evidence,
			dialect{}.Time(&r.ValidUntil), dialect{}.Time(&r.CreatedAt), dialect{}.Time(&r.UpdatedAt))
	}
}

// PutAllowEntry inserts or replaces the entry for e's indicator.
func (tx *tx) PutAllowEntry(ctx context.Context, e *kuzet.AllowEntry) error {
	if _, err := tx.tx.Exec(ctx, putAllowEntrySQL,
		string(e.Kind), e.Value, e.OrgID, e.Reason, sqlstore.Stored(e.CreatedAt)); err != nil {
		return fmt.Errorf("postgres: put allowlist entry: %w", err)
	}
	e.CreatedAt = sqlstore.Stored(e.CreatedAt)
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
	return each(ctx, tx, scanAllowEntriesSQL, "postgres: scan allowlist", read.AllowEntry, fn)
}
