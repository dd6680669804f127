package postgres

import (
	"context"
	"fmt"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

var _ kuzet.ReportBreakdownStore = (*tx)(nil)

// countReportsBySQL joins each report's first link that is not a
// duplicate (as countCaseReportsSQL counts them) to the report's scheme
// and channel.
const countReportsBySQL = `SELECT v.scheme, v.channel, r.currency, COUNT(*), SUM(r.amount_lost)::bigint
	FROM case_reports r JOIN victim_reports v ON v.id = r.report_id
	WHERE ($1::timestamptz IS NULL OR r.created_at >= $1) AND ($2::timestamptz IS NULL OR r.created_at < $2)
		AND ($3 = '' OR r.region = $3) AND r.duplicate_of = ''
		AND NOT EXISTS (SELECT 1 FROM case_reports o WHERE o.report_id = r.report_id
			AND (o.created_at < r.created_at OR o.created_at = r.created_at AND o.case_id < r.case_id))
	GROUP BY v.scheme, v.channel, r.currency ORDER BY v.scheme, v.channel, r.currency`

// CountReportsBy counts the reports linked in f's period by scheme,
// channel and currency.
func (tx *tx) CountReportsBy(ctx context.Context, f kuzet.CaseEventFilter) ([]kuzet.ReportCount, error) {
	rows, _ := tx.tx.Query(ctx, countReportsBySQL, nullTime(f.From), nullTime(f.To), f.Region)
	defer rows.Close()
	var out []kuzet.ReportCount
	for rows.Next() {
		var (
			c    kuzet.ReportCount
			lost int64
		)
		if err := rows.Scan(&c.Scheme, &c.Channel, &c.Currency, &c.N, &lost); err != nil {
			return nil, fmt.Errorf("postgres: count reports by scheme: %w", err)
		}
		c.Lost = kuzet.Amount(lost)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: count reports by scheme: %w", err)
	}
	return out, nil
}

const findReportCaseIDsSQL = `SELECT r.case_id FROM case_reports r JOIN victim_reports v ON v.id = r.report_id
	WHERE ($1::timestamptz IS NULL OR r.created_at >= $1) AND ($2::timestamptz IS NULL OR r.created_at < $2)
		AND ($3 = '' OR r.region = $3) AND r.duplicate_of = ''
		AND ($4::text IS NULL OR v.scheme = $4) AND ($5::text IS NULL OR v.channel = $5)
		AND NOT EXISTS (SELECT 1 FROM case_reports o WHERE o.report_id = r.report_id
			AND (o.created_at < r.created_at OR o.created_at = r.created_at AND o.case_id < r.case_id))
	GROUP BY r.case_id ORDER BY MAX(r.created_at) DESC, r.case_id LIMIT $6`

// FindReportCaseIDs returns the cases of the reports f selects, the case
// of the newest report first.
func (tx *tx) FindReportCaseIDs(ctx context.Context, f kuzet.ReportCaseFilter) ([]string, error) {
	rows, _ := tx.tx.Query(ctx, findReportCaseIDsSQL, nullTime(f.From), nullTime(f.To), f.Region,
		f.Scheme, f.Channel, sqlstore.CaseLimit(f.Limit))
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("postgres: find report cases: %w", err)
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: find report cases: %w", err)
	}
	return out, nil
}
