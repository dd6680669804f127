package kuzet

import "context"

// ReportCount is the victims' reports of one scheme, channel and currency
// in a period: how many, and what they lost. Duplicates are left out and
// a report linked to two cases counts once, as in CountCaseReports.
type ReportCount struct {
	Scheme   string
	Channel  string
	Currency string
	N        int64
	Lost     Amount
}

// ReportBreakdownStore breaks the victims' reports down for the briefing's
// charts.
type ReportBreakdownStore interface {
	// CountReportsBy counts the reports linked in [From, To) of one
	// region where set, by scheme, channel and currency.
	CountReportsBy(ctx context.Context, f CaseEventFilter) ([]ReportCount, error)
}
