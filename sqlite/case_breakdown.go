package sqlite

import (
	"context"
	"fmt"
	"math"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

var _ kuzet.ReportBreakdownStore = (*tx)(nil)

// countReportsByQuery joins each report's first link that is not a
// duplicate (as countCaseReportsQuery counts them) to the report's scheme
// and channel.
var countReportsByQuery = prepare(`SELECT v.scheme, v.channel, r.currency, COUNT(*), SUM(r.amount_lost)
	FROM case_reports r JOIN victim_reports v ON v.id = r.report_id
	WHERE r.created_at >= ?1 AND r.created_at < ?2 AND (?3 = '' OR r.region = ?3) AND r.duplicate_of = ''
		AND NOT EXISTS (SELECT 1 FROM case_reports o WHERE o.report_id = r.report_id
			AND (o.created_at < r.created_at OR o.created_at = r.created_at AND o.case_id < r.case_id))
	GROUP BY v.scheme, v.channel, r.currency ORDER BY v.scheme, v.channel, r.currency`)

// CountReportsBy counts the reports linked in f's period by scheme,
// channel and currency.
func (tx *tx) CountReportsBy(ctx context.Context, f kuzet.CaseEventFilter) ([]kuzet.ReportCount, error) {
	rows, err := tx.stmt(ctx, countReportsByQuery).QueryContext(ctx,
		bound(f.From, math.MinInt64), bound(f.To, math.MaxInt64), f.Region)
	if err != nil {
		return nil, fmt.Errorf("sqlite: count reports by scheme: %w", err)
	}
	defer rows.Close()
	var out []kuzet.ReportCount
	for rows.Next() {
		var c kuzet.ReportCount
		if err := rows.Scan(&c.Scheme, &c.Channel, &c.Currency, &c.N, &c.Lost); err != nil {
			return nil, fmt.Errorf("sqlite: count reports by scheme: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: count reports by scheme: %w", err)
	}
	return out, nil
}

var findReportCaseIDsQuery = prepare(`SELECT r.case_id FROM case_reports r JOIN victim_reports v ON v.id = r.report_id
	WHERE r.created_at >= ?1 AND r.created_at < ?2 AND (?3 = '' OR r.region = ?3) AND r.duplicate_of = ''
		AND (NOT ?4 OR v.scheme = ?5) AND (NOT ?6 OR v.channel = ?7)
		AND NOT EXISTS (SELECT 1 FROM case_reports o WHERE o.report_id = r.report_id
			AND (o.created_at < r.created_at OR o.created_at = r.created_at AND o.case_id < r.case_id))
	GROUP BY r.case_id ORDER BY MAX(r.created_at) DESC, r.case_id LIMIT ?8`)

// FindReportCaseIDs returns the cases of the reports f selects, the case
// of the newest report first.
func (tx *tx) FindReportCaseIDs(ctx context.Context, f kuzet.ReportCaseFilter) ([]string, error) {
	scheme, channel := deref(f.Scheme), deref(f.Channel)
	rows, err := tx.stmt(ctx, findReportCaseIDsQuery).QueryContext(ctx,
		bound(f.From, math.MinInt64), bound(f.To, math.MaxInt64), f.Region,
		f.Scheme != nil, scheme, f.Channel != nil, channel, sqlstore.CaseLimit(f.Limit))
	if err != nil {
		return nil, fmt.Errorf("sqlite: find report cases: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlite: find report cases: %w", err)
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: find report cases: %w", err)
	}
	return out, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
