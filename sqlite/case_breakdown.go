package sqlite

import (
	"context"
	"math"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

var _ kuzet.ReportBreakdownStore = (*tx)(nil)

var (
	addReportKindDayQuery = prepare(`INSERT INTO case_report_kind_days (day, region, scheme, channel, currency, n, lost)
		VALUES (?, ?, ?, ?, ?, 1, ?) ON CONFLICT (day, region, scheme, channel, currency)
		DO UPDATE SET n = n + 1, lost = lost + excluded.lost`)
	countReportKindDaysQuery = prepare(`SELECT scheme, channel, currency, SUM(n), SUM(lost) FROM case_report_kind_days
		WHERE day >= ?1 AND day < ?2 AND (?3 = '' OR region = ?3) GROUP BY scheme, channel, currency`)
	// countReportsByQuery counts each report's first link that is not a
	// duplicate, as countCaseReportsQuery does.
	countReportsByQuery = prepare(`SELECT scheme, channel, currency, COUNT(*), SUM(amount_lost) FROM case_reports r
		WHERE created_at >= ?1 AND created_at < ?2 AND (?3 = '' OR region = ?3) AND duplicate_of = ''
			AND NOT EXISTS (SELECT 1 FROM case_reports o WHERE o.report_id = r.report_id
				AND (o.created_at < r.created_at OR o.created_at = r.created_at AND o.case_id < r.case_id))
		GROUP BY scheme, channel, currency`)
	findReportCaseIDsQuery = prepare(`SELECT case_id FROM case_reports r
		WHERE created_at >= ?1 AND created_at < ?2 AND (?3 = '' OR region = ?3) AND duplicate_of = ''
			AND (NOT ?4 OR scheme = ?5) AND (NOT ?6 OR channel = ?7)
			AND NOT EXISTS (SELECT 1 FROM case_reports o WHERE o.report_id = r.report_id
				AND (o.created_at < r.created_at OR o.created_at = r.created_at AND o.case_id < r.case_id))
		GROUP BY case_id ORDER BY MAX(created_at) DESC, case_id LIMIT ?8`)
)

// CountReportsBy counts the reports linked in f's period by scheme,
// channel and currency: the whole days from the daily sums, the part-days
// from the links.
func (tx *tx) CountReportsBy(ctx context.Context, f kuzet.CaseEventFilter) ([]kuzet.ReportCount, error) {
	lo, hi := bound(f.From, math.MinInt64), bound(f.To, math.MaxInt64)
	var all []kuzet.ReportCount
	count := func(q query, from, to int64) error {
		if from >= to {
			return nil
		}
		cs, err := collect(ctx, tx, q, "sqlite: count reports by scheme", read.ReportCount, from, to, f.Region)
		all = append(all, cs...)
		return err
	}
	var err error
	if dlo, dhi, ok := days(lo, hi); !ok {
		err = count(countReportsByQuery, lo, hi)
	} else if err = count(countReportKindDaysQuery, dlo, dhi); err == nil {
		if err = count(countReportsByQuery, lo, dlo); err == nil {
			err = count(countReportsByQuery, dhi, hi)
		}
	}
	if err != nil {
		return nil, err
	}
	return sqlstore.SumReportCounts(all), nil
}

// FindReportCaseIDs returns the cases of the reports f selects, the case
// of the newest report first.
func (tx *tx) FindReportCaseIDs(ctx context.Context, f kuzet.ReportCaseFilter) ([]string, error) {
	scheme, channel := deref(f.Scheme), deref(f.Channel)
	return collect(ctx, tx, findReportCaseIDsQuery, "sqlite: find report cases", sqlstore.Value[string],
		bound(f.From, math.MinInt64), bound(f.To, math.MaxInt64), f.Region,
		f.Scheme != nil, scheme, f.Channel != nil, channel, sqlstore.CaseLimit(f.Limit))
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
