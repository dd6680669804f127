package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/kuzet/kuzet"
)

const reportColumns = `id, org_id, kind, value, category, confidence, evidence, valid_until, created_at, updated_at`

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
		WHERE org_id = ? AND kind = ? AND value = ? AND category = ? RETURNING ` + reportColumns)
	deleteReportsQuery = prepare(`DELETE FROM reports
		WHERE org_id = ? AND kind = ? AND value = ? RETURNING ` + reportColumns)
	findReportsQuery = prepare(`SELECT ` + reportColumns + ` FROM reports
		WHERE kind = ? AND value = ? ORDER BY created_at, id`)
	scanReportsQuery = prepare(`SELECT ` + reportColumns + ` FROM reports ORDER BY id`)

	putAllowEntryQuery = prepare(`INSERT INTO allowlist (kind, value, org_id, reason, created_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (kind, value) DO UPDATE SET
			org_id = excluded.org_id, reason = excluded.reason, created_at = excluded.created_at`)
	deleteAllowEntryQuery = prepare(`DELETE FROM allowlist WHERE kind = ? AND value = ?`)
	scanAllowEntriesQuery = prepare(`SELECT kind, value, org_id, reason, created_at FROM allowlist
		ORDER BY kind, value`)
)

// UpsertReport inserts r, or updates the report of the same org, indicator
// and category, keeping its ID and CreatedAt. Sets r.ID and r.CreatedAt to
// the stored ones.
func (tx *tx) UpsertReport(ctx context.Context, r *kuzet.Report) error {
	validUntil := nullMicros(r.ValidUntil)
	res, err := tx.stmt(ctx, insertReportQuery).ExecContext(ctx,
		r.OrgID, string(r.Kind), r.Value, string(r.Category), r.Confidence, r.Evidence,
		validUntil, micros(r.CreatedAt), micros(r.UpdatedAt))
	if err != nil {
		return fmt.Errorf("sqlite: upsert report: %w", err)
	}
	id, err := insertedID(res)
	if err != nil {
		return fmt.Errorf("sqlite: upsert report: %w", err)
	}
	if id != 0 {
		r.ID, r.CreatedAt = id, stored(r.CreatedAt)
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
	r.ValidUntil, r.UpdatedAt = stored(r.ValidUntil), stored(r.UpdatedAt)
	return nil
}

// DeleteReport removes the org's report on an indicator in one category, or
// in every category when category is "", and returns the removed reports by
// ID. Returns ENOTFOUND if the org has no such report.
func (tx *tx) DeleteReport(ctx context.Context, orgID int64, kind kuzet.Kind, value string, category kuzet.Category) ([]*kuzet.Report, error) {
	var (
		rows *sql.Rows
		err  error
	)
	if category == "" {
		rows, err = tx.stmt(ctx, deleteReportsQuery).QueryContext(ctx, orgID, string(kind), value)
	} else {
		rows, err = tx.stmt(ctx, deleteReportQuery).QueryContext(ctx, orgID, string(kind), value, string(category))
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: delete report: %w", err)
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
	rows, err := tx.stmt(ctx, findReportsQuery).QueryContext(ctx, string(kind), value)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find reports: %w", err)
	}
	var reports []*kuzet.Report
	if err := scanReports(rows, "find reports", func(r *kuzet.Report) error {
		reports = append(reports, r)
		return nil
	}); err != nil {
		return nil, err
	}
	return reports, nil
}

// ScanReports calls fn for every report, in ID order, reading them as it
// goes. Stops at and returns fn's first error. fn must not use the
// transaction.
func (tx *tx) ScanReports(ctx context.Context, fn func(*kuzet.Report) error) error {
	rows, err := tx.stmt(ctx, scanReportsQuery).QueryContext(ctx)
	if err != nil {
		return fmt.Errorf("sqlite: scan reports: %w", err)
	}
	return scanReports(rows, "scan reports", fn)
}

// reportSlab is how many reports scanReports allocates at once: one
// allocation per row would dominate a scan of millions. A caller keeping one
// report keeps its slab, a few tens of kilobytes.
const reportSlab = 256

// scanReports calls fn for each row of rows, which it closes. Errors of fn
// are returned as they are; the database's are wrapped with op.
func scanReports(rows *sql.Rows, op string, fn func(*kuzet.Report) error) error {
	defer rows.Close()
	var (
		slab []kuzet.Report
		row  reportRow
	)
	dest := row.dest()
	for rows.Next() {
		if len(slab) == 0 {
			slab = make([]kuzet.Report, reportSlab)
		}
		r := &slab[0]
		slab = slab[1:]
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("sqlite: %s: %w", op, err)
		}
		if err := row.decode(r); err != nil {
			return fmt.Errorf("sqlite: %s: %w", op, err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: %s: %w", op, err)
	}
	return nil
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
	e.CreatedAt = stored(e.CreatedAt)
	return nil
}

// DeleteAllowEntry removes the entry. Returns ENOTFOUND if there is none.
func (tx *tx) DeleteAllowEntry(ctx context.Context, kind kuzet.Kind, value string) error {
	res, err := tx.stmt(ctx, deleteAllowEntryQuery).ExecContext(ctx, string(kind), value)
	if err != nil {
		return fmt.Errorf("sqlite: delete allowlist entry: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: delete allowlist entry: %w", err)
	} else if n == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "%s:%s is not on the allowlist", kind, value)
	}
	return nil
}

// ScanAllowEntries calls fn for every entry, by kind and value. Stops at and
// returns fn's first error. fn must not use the transaction.
func (tx *tx) ScanAllowEntries(ctx context.Context, fn func(*kuzet.AllowEntry) error) error {
	rows, err := tx.stmt(ctx, scanAllowEntriesQuery).QueryContext(ctx)
	if err != nil {
		return fmt.Errorf("sqlite: scan allowlist: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			e       kuzet.AllowEntry
			created int64
		)
		if err := rows.Scan(&e.Kind, &e.Value, &e.OrgID, &e.Reason, &created); err != nil {
			return fmt.Errorf("sqlite: scan allowlist: %w", err)
		}
		e.CreatedAt = fromMicros(created)
		if err := fn(&e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: scan allowlist: %w", err)
	}
	return nil
}
