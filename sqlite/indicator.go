package sqlite

import (
	"context"
	"fmt"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

var (
	// UpsertReport is an insert that does nothing on a conflict, followed
	// for an existing report by an update. An upsert with RETURNING would
	// do in one statement, but through the driver a query costs about
	// three times the CPU of an exec, and bulk loads are of new reports.
	insertReportQuery = prepare(`INSERT INTO reports
			(org_id, kind, value, category, confidence, evidence, valid_until, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (org_id, kind, value, category) DO NOTHING`)
	updateReportQuery = prepare(`UPDATE reports
		SET confidence = ?, evidence = ?, valid_until = ?, updated_at = ?
		WHERE org_id = ? AND kind = ? AND value = ? AND category = ?
		RETURNING id, created_at`)
	deleteReportQuery = prepare(`DELETE FROM reports
		WHERE org_id = ? AND kind = ? AND value = ? AND category = ? RETURNING ` + sqlstore.ReportColumns)
	deleteReportsQuery = prepare(`DELETE FROM reports
		WHERE org_id = ? AND kind = ? AND value = ? RETURNING ` + sqlstore.ReportColumns)
	findReportsQuery = prepare(`SELECT ` + sqlstore.ReportColumns + ` FROM reports
		WHERE kind = ? AND value = ? ORDER BY created_at, id`)
	scanReportsQuery = prepare(`SELECT ` + sqlstore.ReportColumns + ` FROM reports ORDER BY id`)

	putAllowEntryQuery = prepare(`INSERT INTO allowlist (kind, value, org_id, reason, created_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (kind, value) DO UPDATE SET
			org_id = excluded.org_id, reason = excluded.reason, created_at = excluded.created_at`)
	deleteAllowEntryQuery = prepare(`DELETE FROM allowlist WHERE kind = ? AND value = ?`)
	scanAllowEntriesQuery = prepare(`SELECT ` + sqlstore.AllowColumns + ` FROM allowlist ORDER BY kind, value`)
)

// UpsertReport inserts r, or updates the report of the same org, indicator
// and category, keeping its ID and CreatedAt. Sets r.ID and r.CreatedAt to
// the stored ones.
func (tx *tx) UpsertReport(ctx context.Context, r *kuzet.Report) error {
	validUntil := nullMicros(r.ValidUntil)
	id, err := tx.insert(ctx, insertReportQuery,
		r.OrgID, string(r.Kind), r.Value, string(r.Category), r.Confidence, r.Evidence,
		validUntil, micros(r.CreatedAt), micros(r.UpdatedAt))
	if err != nil {
		return fmt.Errorf("sqlite: upsert report: %w", err)
	}
	if id != 0 {
		r.ID, r.CreatedAt = id, sqlstore.Stored(r.CreatedAt)
	} else {
		var created int64
		if err := tx.stmt(ctx, updateReportQuery).QueryRowContext(ctx,
			r.Confidence, r.Evidence, validUntil, micros(r.UpdatedAt),
			r.OrgID, string(r.Kind), r.Value, string(r.Category),
		).Scan(&r.ID, &created); err != nil {
			return fmt.Errorf("sqlite: upsert report: %w", err)
		}
		r.CreatedAt = fromMicros(created)
	}
	r.ValidUntil, r.UpdatedAt = sqlstore.Stored(r.ValidUntil), sqlstore.Stored(r.UpdatedAt)
	return nil
}

// DeleteReport removes the org's report on an indicator in one category, or
// in every category when category is "", and returns the removed reports by
// ID. Returns ENOTFOUND if the org has no such report.
func (tx *tx) DeleteReport(ctx context.Context, orgID int64, kind kuzet.Kind, value string, category kuzet.Category) ([]*kuzet.Report, error) {
	q, args := deleteReportQuery, []any{orgID, string(kind), value, string(category)}
	if category == "" {
		q, args = deleteReportsQuery, args[:3]
	}
	removed, err := collect(ctx, tx, q, "sqlite: delete report", readReports(), args...)
	if err != nil {
		return nil, err
	}
	return sqlstore.Removed(removed, kind, value)
}

// FindReports returns every report on one indicator, oldest first.
func (tx *tx) FindReports(ctx context.Context, kind kuzet.Kind, value string) ([]*kuzet.Report, error) {
	return collect(ctx, tx, findReportsQuery, "sqlite: find reports", readReports(), string(kind), value)
}

// ScanReports calls fn for every report, in ID order, reading them as it
// goes. Stops at and returns fn's first error. fn must not use the
// transaction.
func (tx *tx) ScanReports(ctx context.Context, fn func(*kuzet.Report) error) error {
	return each(ctx, tx, scanReportsQuery, "sqlite: scan reports", readReports(), fn)
}

// readReports returns a reader of rows of sqlstore.ReportColumns, which
// takes the reports from a slab.
func readReports() func(sqlstore.Scanner) (*kuzet.Report, error) {
	var (
		slab sqlstore.Slab[kuzet.Report]
		row  reportRow
	)
	dest := row.dest()
	return func(s sqlstore.Scanner) (*kuzet.Report, error) {
		if err := s.Scan(dest...); err != nil {
			return nil, err
		}
		r := slab.New()
		return r, row.decode(r)
	}
}

// reportRow receives one row of reportColumns as the driver's values.
// database/sql stores those in an any as they are, where any other
// destination type costs a conversion through reflection per column: a good
// part of a scan of millions of rows. STRICT tables guarantee the types.
type reportRow [10]any

func (row *reportRow) dest() []any {
	dest := make([]any, len(row))
	for i := range row {
		dest[i] = &row[i]
	}
	return dest
}

func (row *reportRow) decode(r *kuzet.Report) error {
	var d decoder
	r.ID, r.OrgID = d.int(row[0]), d.int(row[1])
	r.Kind, r.Value, r.Category = kuzet.Kind(d.text(row[2])), d.text(row[3]), kuzet.Category(d.text(row[4]))
	r.Confidence, r.Evidence = d.real(row[5]), d.text(row[6])
	if row[7] != nil { // NULL: valid until withdrawn
		r.ValidUntil = fromMicros(d.int(row[7]))
	}
	r.CreatedAt, r.UpdatedAt = fromMicros(d.int(row[8])), fromMicros(d.int(row[9]))
	return d.err
}

// decoder asserts the types of driver values, keeping the first mismatch.
type decoder struct{ err error }

func (d *decoder) int(v any) int64 {
	i, ok := v.(int64)
	d.check(ok, v, "INTEGER")
	return i
}

func (d *decoder) real(v any) float64 {
	f, ok := v.(float64)
	d.check(ok, v, "REAL")
	return f
}

func (d *decoder) text(v any) string {
	s, ok := v.(string)
	d.check(ok, v, "TEXT")
	return s
}

func (d *decoder) check(ok bool, v any, want string) {
	if !ok && d.err == nil {
		d.err = fmt.Errorf("got %T from the database, want %s", v, want)
	}
}

// PutAllowEntry inserts or replaces the entry for e's indicator.
func (tx *tx) PutAllowEntry(ctx context.Context, e *kuzet.AllowEntry) error {
	if _, err := tx.stmt(ctx, putAllowEntryQuery).ExecContext(ctx,
		string(e.Kind), e.Value, e.OrgID, e.Reason, micros(e.CreatedAt)); err != nil {
		return fmt.Errorf("sqlite: put allowlist entry: %w", err)
	}
	e.CreatedAt = sqlstore.Stored(e.CreatedAt)
	return nil
}

// DeleteAllowEntry removes the entry. Returns ENOTFOUND if there is none.
func (tx *tx) DeleteAllowEntry(ctx context.Context, kind kuzet.Kind, value string) error {
	n, err := tx.exec(ctx, deleteAllowEntryQuery, string(kind), value)
	if err != nil {
		return fmt.Errorf("sqlite: delete allowlist entry: %w", err)
	}
	if n == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "%s:%s is not on the allowlist", kind, value)
	}
	return nil
}

// ScanAllowEntries calls fn for every entry, by kind and value. Stops at and
// returns fn's first error. fn must not use the transaction.
func (tx *tx) ScanAllowEntries(ctx context.Context, fn func(*kuzet.AllowEntry) error) error {
	return each(ctx, tx, scanAllowEntriesQuery, "sqlite: scan allowlist", read.AllowEntry, fn)
}
