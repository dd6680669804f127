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

	// FindReportCaseIDs returns the IDs of the cases holding the reports
	// f selects (counted as CountReportsBy counts them), the case of the
	// newest report first.
	FindReportCaseIDs(ctx context.Context, f ReportCaseFilter) ([]string, error)
}

// ReportCaseFilter selects the cases of the victims' reports of one scheme
// or channel in a period: the records behind a bar of the briefing's
// charts. A nil Scheme or Channel selects any.
type ReportCaseFilter struct {
	CaseEventFilter
	Scheme, Channel *string
	Limit           int // 0: the store's default
}
