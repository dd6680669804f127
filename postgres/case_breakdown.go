package postgres

import (
	"context"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

var _ kuzet.ReportBreakdownStore = (*tx)(nil)

const (
	addReportKindDaySQL = `INSERT INTO case_report_kind_days (day, region, scheme, channel, currency, n, lost)
		VALUES (date_bin('1 day', $1::timestamptz, TIMESTAMPTZ '2000-01-01 00:00:00+00'), $2, $3, $4, $5, 1, $6)
		ON CONFLICT (day, region, scheme, channel, currency) DO UPDATE
		SET n = case_report_kind_days.n + 1, lost = case_report_kind_days.lost + excluded.lost`
	countReportKindDaysSQL = `SELECT scheme, channel, currency, SUM(n)::bigint, SUM(lost)::bigint FROM case_report_kind_days
		WHERE ($1::timestamptz IS NULL OR day >= $1) AND ($2::timestamptz IS NULL OR day < $2)
			AND ($3 = '' OR region = $3) GROUP BY scheme, channel, currency`
	// countReportsBySQL counts each report's first link that is not a
	// duplicate, as countCaseReportsSQL does.
	countReportsBySQL = `SELECT scheme, channel, currency, COUNT(*), SUM(amount_lost)::bigint FROM case_reports r
		WHERE ($1::timestamptz IS NULL OR created_at >= $1) AND ($2::timestamptz IS NULL OR created_at < $2)
			AND ($3 = '' OR region = $3) AND duplicate_of = ''
			AND NOT EXISTS (SELECT 1 FROM case_reports o WHERE o.report_id = r.report_id
				AND (o.created_at < r.created_at OR o.created_at = r.created_at AND o.case_id < r.case_id))
		GROUP BY scheme, channel, currency`
	findReportCaseIDsSQL = `SELECT case_id FROM case_reports r
		WHERE ($1::timestamptz IS NULL OR created_at >= $1) AND ($2::timestamptz IS NULL OR created_at < $2)
			AND ($3 = '' OR region = $3) AND duplicate_of = ''
			AND ($4::text IS NULL OR scheme = $4) AND ($5::text IS NULL OR channel = $5)
			AND NOT EXISTS (SELECT 1 FROM case_reports o WHERE o.report_id = r.report_id
				AND (o.created_at < r.created_at OR o.created_at = r.created_at AND o.case_id < r.case_id))
		GROUP BY case_id ORDER BY MAX(created_at) DESC, case_id LIMIT $6`
)

// CountReportsBy counts the reports linked in f's period by scheme,
// channel and currency: the whole days from the daily sums, the part-days
// from the links.
func (tx *tx) CountReportsBy(ctx context.Context, f kuzet.CaseEventFilter) ([]kuzet.ReportCount, error) {
	var all []kuzet.ReportCount
	for _, p := range parts(f.From, f.To) {
		q := countReportsBySQL
		if p.days {
			q = countReportKindDaysSQL
		}
		cs, err := collect(ctx, tx, q, "postgres: count reports by scheme", read.ReportCount,
			nullTime(p.from), nullTime(p.to), f.Region)
		if err != nil {
			return nil, err
		}
		all = append(all, cs...)
	}
	return sqlstore.SumReportCounts(all), nil
}

// FindReportCaseIDs returns the cases of the reports f selects, the case
// of the newest report first.
func (tx *tx) FindReportCaseIDs(ctx context.Context, f kuzet.ReportCaseFilter) ([]string, error) {
	return collect(ctx, tx, findReportCaseIDsSQL, "postgres: find report cases", sqlstore.Value[string],
		nullTime(f.From), nullTime(f.To), f.Region, f.Scheme, f.Channel, sqlstore.CaseLimit(f.Limit))
}
