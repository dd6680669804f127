package postgres

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

const (
	createCaseSQL = `INSERT INTO cases (id, status, region, assignee, doc, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`
	findCaseSQL   = `SELECT doc::text, version FROM cases WHERE id = $1`
	updateCaseSQL = `UPDATE cases SET status = $1, region = $2, assignee = $3, doc = $4, version = version + 1,
		updated_at = $5 WHERE id = $6 AND version = $7`
	caseVersionSQL = `SELECT version FROM cases WHERE id = $1`
	findCasesSQL   = `SELECT doc::text, version FROM cases
		WHERE ($1 = '' OR status = $1) AND ($2 = '' OR assignee = $2) AND ($3 = '' OR region = $3)
		ORDER BY created_at DESC, id LIMIT $4`

	linkCaseReportSQL = `INSERT INTO case_reports (` + sqlstore.CaseReportColumns + `)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`
	findCaseReportsSQL = `SELECT ` + sqlstore.CaseReportColumns + ` FROM case_reports
		WHERE case_id = $1 ORDER BY created_at, report_id`
	findReportCasesSQL = `SELECT ` + sqlstore.CaseReportColumns + ` FROM case_reports WHERE report_id = ANY($1)`
	scanCaseReportsSQL = `SELECT ` + sqlstore.CaseReportColumns + ` FROM case_reports`
	// A report counts on its first link only (from_group links it again);
	// the whole days of a period come from the daily sums.
	countCaseReportsSQL = `SELECT currency, COUNT(*), SUM(amount_lost)::bigint FROM case_reports r
		WHERE ($1::timestamptz IS NULL OR created_at >= $1) AND ($2::timestamptz IS NULL OR created_at < $2)
			AND ($3 = '' OR region = $3) AND duplicate_of = ''
			AND NOT EXISTS (SELECT 1 FROM case_reports o WHERE o.report_id = r.report_id
				AND (o.created_at < r.created_at OR o.created_at = r.created_at AND o.case_id < r.case_id))
		GROUP BY currency`
	reportLinkedSQL = `SELECT EXISTS (SELECT 1 FROM case_reports WHERE report_id = $1)`
	addReportDaySQL = `INSERT INTO case_report_days (day, region, currency, n, lost)
		VALUES (date_bin('1 day', $1::timestamptz, TIMESTAMPTZ '2000-01-01 00:00:00+00'), $2, $3, 1, $4)
		ON CONFLICT (day, region, currency) DO UPDATE
		SET n = case_report_days.n + 1, lost = case_report_days.lost + excluded.lost`
	countReportDaysSQL = `SELECT currency, SUM(n)::bigint, SUM(lost)::bigint FROM case_report_days
		WHERE ($1::timestamptz IS NULL OR day >= $1) AND ($2::timestamptz IS NULL OR day < $2)
			AND ($3 = '' OR region = $3) GROUP BY currency`
	addEventDaySQL = `INSERT INTO case_event_days (day, region, kind, foreign_, n)
		VALUES (date_bin('1 day', $1::timestamptz, TIMESTAMPTZ '2000-01-01 00:00:00+00'), $2, $3, $4, $5)
		ON CONFLICT (day, region, kind, foreign_) DO UPDATE SET n = case_event_days.n + excluded.n`
	countEventDaysSQL = `SELECT kind, foreign_, SUM(n)::bigint FROM case_event_days
		WHERE ($1::timestamptz IS NULL OR day >= $1) AND ($2::timestamptz IS NULL OR day < $2)
			AND ($3 = '' OR region = $3) GROUP BY kind, foreign_`

	addCaseEventSQL    = `INSERT INTO case_events (case_id, kind, region, foreign_, n, at) VALUES ($1, $2, $3, $4, $5, $6)`
	countCaseEventsSQL = `SELECT kind, foreign_, SUM(n)::bigint FROM case_events
		WHERE ($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2)
			AND ($3 = '' OR region = $3) GROUP BY kind, foreign_`

	createEvidenceSQL = `INSERT INTO case_evidence (` + sqlstore.EvidenceColumns + `, data)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`
	findEvidenceSQL     = `SELECT ` + sqlstore.EvidenceColumns + `, data FROM case_evidence WHERE case_id = $1 AND id = $2`
	findCaseEvidenceSQL = `SELECT ` + sqlstore.EvidenceColumns + ` FROM case_evidence
		WHERE case_id = $1 ORDER BY created_at, id`

	addEdgesSQL = `INSERT INTO graph_edges (a, b, kind, at)
		SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) ON CONFLICT (a, b) DO NOTHING`
	// One round trip for a whole frontier, each node's edges bounded.
	neighboursSQL = `SELECT e.a, e.b, e.kind, e.at FROM unnest($1::text[]) AS n(id)
		CROSS JOIN LATERAL (SELECT a, b, kind, at FROM graph_edges WHERE a = n.id LIMIT $2) e`
	degreesSQL   = `SELECT a, COUNT(*) FROM graph_edges WHERE a = ANY($1) GROUP BY a`
	scanEdgesSQL = `SELECT ` + sqlstore.EdgeColumns + ` FROM graph_edges WHERE a < b`
)

var (
	_ kuzet.CaseStore  = (*tx)(nil)
	_ kuzet.GraphStore = (*tx)(nil)
)

// CreateCase inserts c. Returns ECONFLICT if c.ID is taken.
func (tx *tx) CreateCase(ctx context.Context, c *kuzet.Case) error {
	if c.Version == 0 {
		c.Version = 1
	}
	doc, err := sqlstore.CaseDoc(c)
	if err != nil {
		return fmt.Errorf("postgres: create case: %w", err)
	}
	tag, err := tx.tx.Exec(ctx, createCaseSQL, c.ID, string(c.Status), c.Region, c.Assignee, doc, c.Version,
		c.CreatedAt, c.UpdatedAt)
	if err != nil {
		return fmt.Errorf("postgres: create case: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return kuzet.Errorf(kuzet.ECONFLICT, "case %q exists", c.ID)
	}
	return nil
}

// FindCase returns ENOTFOUND if there is no such case.
func (tx *tx) FindCase(ctx context.Context, id string) (*kuzet.Case, error) {
	return sqlstore.One(tx.tx.QueryRow(ctx, findCaseSQL, id), "postgres: find case", read.Case, "no case %q", id)
}

// UpdateCase stores c if its version is the stored one.
func (tx *tx) UpdateCase(ctx context.Context, c *kuzet.Case) error {
	doc, err := sqlstore.CaseDoc(c)
	if err != nil {
		return fmt.Errorf("postgres: update case: %w", err)
	}
	tag, err := tx.tx.Exec(ctx, updateCaseSQL, string(c.Status), c.Region, c.Assignee, doc, c.UpdatedAt, c.ID, c.Version)
	if err != nil {
		return fmt.Errorf("postgres: update case: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return sqlstore.CaseConflict("postgres: update case", c, func() (v int64, err error) {
			err = tx.tx.QueryRow(ctx, caseVersionSQL, c.ID).Scan(&v)
			return v, err
		})
	}
	c.Version++
	return nil
}

// FindCases returns the cases f selects, newest first.
func (tx *tx) FindCases(ctx context.Context, f kuzet.CaseFilter) ([]*kuzet.Case, error) {
	return collect(ctx, tx, findCasesSQL, "postgres: find cases", read.Case, string(f.Status), f.Assignee, f.Region,
		sqlstore.CaseLimit(f.Limit))
}

// LinkCaseReport adds r to its case; nothing if it is there already.
func (tx *tx) LinkCaseReport(ctx context.Context, r *kuzet.CaseReport) error {
	r.CreatedAt = sqlstore.Stored(r.CreatedAt)
	flags := r.Flags
	if flags == nil {
		flags = []string{}
	}
	var linked bool
	if err := tx.tx.QueryRow(ctx, reportLinkedSQL, r.ReportID).Scan(&linked); err != nil {
		return fmt.Errorf("postgres: link case report: %w", err)
	}
	tag, err := tx.tx.Exec(ctx, linkCaseReportSQL, r.CaseID, r.ReportID, r.OrgID, r.Region, int64(r.AmountLost),
		r.Currency, r.DuplicateOf, flags, r.CreatedAt, r.Scheme, r.Channel)
	if err != nil {
		return fmt.Errorf("postgres: link case report: %w", err)
	}
	if tag.RowsAffected() > 0 && !linked && r.DuplicateOf == "" {
		if _, err := tx.tx.Exec(ctx, addReportDaySQL, r.CreatedAt, r.Region, r.Currency, int64(r.AmountLost)); err != nil {
			return fmt.Errorf("postgres: link case report: %w", err)
		}
		if _, err := tx.tx.Exec(ctx, addReportKindDaySQL, r.CreatedAt, r.Region, r.Scheme, r.Channel, r.Currency,
			int64(r.AmountLost)); err != nil {
			return fmt.Errorf("postgres: link case report: %w", err)
		}
	}
	return nil
}

// days splits [from, to) into the whole UTC days inside it, [dlo, dhi),
// and the part-days on either side; ok is false when no whole day fits. An
// open (zero) bound stays open.
func days(from, to time.Time) (dlo, dhi time.Time, ok bool) {
	dlo, dhi = from, to
	if !from.IsZero() {
		if dlo = from.UTC().Truncate(24 * time.Hour); dlo.Before(from) {
			dlo = dlo.Add(24 * time.Hour)
		}
	}
	if !to.IsZero() {
		dhi = to.UTC().Truncate(24 * time.Hour)
	}
	return dlo, dhi, dlo.IsZero() || dhi.IsZero() || dlo.Before(dhi)
}

// parts lists the windows of a period: the whole days from the daily sums
// (true), the part-days from the rows (false). A zero bound is open.
func parts(from, to time.Time) []struct {
	days     bool
	from, to time.Time
} {
	type part = struct {
		days     bool
		from, to time.Time
	}
	dlo, dhi, ok := days(from, to)
	if !ok {
		return []part{{false, from, to}}
	}
	out := []part{{true, dlo, dhi}}
	if !from.IsZero() && from.Before(dlo) {
		out = append(out, part{false, from, dlo})
	}
	if !to.IsZero() && dhi.Before(to) {
		out = append(out, part{false, dhi, to})
	}
	return out
}

// FindCaseReports returns the reports of a case, oldest first.
func (tx *tx) FindCaseReports(ctx context.Context, caseID string) ([]*kuzet.CaseReport, error) {
	return collect(ctx, tx, findCaseReportsSQL, "postgres: find case reports", read.CaseReport, caseID)
}

// FindReportCases returns the links of the reports named.
func (tx *tx) FindReportCases(ctx context.Context, reportIDs []string) ([]*kuzet.CaseReport, error) {
	return collect(ctx, tx, findReportCasesSQL, "postgres: find report cases", read.CaseReport, reportIDs)
}

// ScanCaseReports calls fn for every link.
func (tx *tx) ScanCaseReports(ctx context.Context, fn func(*kuzet.CaseReport) error) error {
	return each(ctx, tx, scanCaseReportsSQL, "postgres: scan case reports", read.CaseReport, fn)
}

// AddCaseEvents stores events.
func (tx *tx) AddCaseEvents(ctx context.Context, evs ...*kuzet.CaseEvent) error {
	for _, e := range evs {
		e.At = sqlstore.Stored(e.At)
		if _, err := tx.tx.Exec(ctx, addCaseEventSQL, e.CaseID, e.Kind, e.Region, e.Foreign, e.N, e.At); err != nil {
			return fmt.Errorf("postgres: add case events: %w", err)
		}
		if _, err := tx.tx.Exec(ctx, addEventDaySQL, e.At, e.Region, e.Kind, e.Foreign, e.N); err != nil {
			return fmt.Errorf("postgres: add case events: %w", err)
		}
	}
	return nil
}

// CountCaseEvents sums the events f selects by kind and foreignness: the
// whole days from the daily sums, the part-days from the events.
func (tx *tx) CountCaseEvents(ctx context.Context, f kuzet.CaseEventFilter) ([]kuzet.CaseEventCount, error) {
	type key struct {
		kind    string
		foreign bool
	}
	sum := map[key]int64{}
	for _, p := range parts(f.From, f.To) {
		q := countCaseEventsSQL
		if p.days {
			q = countEventDaysSQL
		}
		cs, err := collect(ctx, tx, q, "postgres: count case events", read.CaseEventCount,
			nullTime(p.from), nullTime(p.to), f.Region)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			sum[key{c.Kind, c.Foreign}] += c.N
		}
	}
	out := make([]kuzet.CaseEventCount, 0, len(sum))
	for k, n := range sum {
		out = append(out, kuzet.CaseEventCount{Kind: k.kind, Foreign: k.foreign, N: n})
	}
	return out, nil
}

// CountCaseReports counts the reports linked in f's period and sums their
// losses by currency; duplicates are not counted, and a report linked to
// two cases counts once.
func (tx *tx) CountCaseReports(ctx context.Context, f kuzet.CaseEventFilter) (int64, map[string]kuzet.Amount, error) {
	var total int64
	lost := map[string]kuzet.Amount{}
	for _, p := range parts(f.From, f.To) {
		q := countCaseReportsSQL
		if p.days {
			q = countReportDaysSQL
		}
		rows, _ := tx.tx.Query(ctx, q, nullTime(p.from), nullTime(p.to), f.Region)
		for rows.Next() {
			var (
				cur    string
				n, sum int64
			)
			if err := rows.Scan(&cur, &n, &sum); err != nil {
				rows.Close()
				return 0, nil, fmt.Errorf("postgres: count case reports: %w", err)
			}
			total += n
			lost[cur] += kuzet.Amount(sum)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, nil, fmt.Errorf("postgres: count case reports: %w", err)
		}
	}
	return total, lost, nil
}

// CreateEvidence inserts e with its data.
func (tx *tx) CreateEvidence(ctx context.Context, e *kuzet.Evidence) error {
	e.CreatedAt = sqlstore.Stored(e.CreatedAt)
	tag, err := tx.tx.Exec(ctx, createEvidenceSQL, e.ID, e.CaseID, e.Name, e.ContentType, e.Size, e.SHA256, e.OrgID,
		e.CreatedAt, blob(e.Data))
	if err != nil {
		return fmt.Errorf("postgres: create evidence: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return kuzet.Errorf(kuzet.ECONFLICT, "evidence %q exists", e.ID)
	}
	return nil
}

// FindEvidence returns one file with its data.
func (tx *tx) FindEvidence(ctx context.Context, caseID, id string) (*kuzet.Evidence, error) {
	var e kuzet.Evidence
	err := tx.tx.QueryRow(ctx, findEvidenceSQL, caseID, id).Scan(&e.ID, &e.CaseID, &e.Name, &e.ContentType, &e.Size,
		&e.SHA256, &e.OrgID, (*pgTime)(&e.CreatedAt), &e.Data)
	if err != nil {
		return nil, sqlstore.NotFound(err, "postgres: find evidence", "case %s has no evidence %q", caseID, id)
	}
	return &e, nil
}

// FindCaseEvidence lists a case's files without their data.
func (tx *tx) FindCaseEvidence(ctx context.Context, caseID string) ([]*kuzet.Evidence, error) {
	return collect(ctx, tx, findCaseEvidenceSQL, "postgres: find case evidence", read.Evidence, caseID)
}

// AddGraphEdges stores edges both ways, in one statement.
func (tx *tx) AddGraphEdges(ctx context.Context, edges []kuzet.GraphEdge) error {
	if len(edges) == 0 {
		return nil
	}
	n := 2 * len(edges)
	as, bs, kinds, ats := make([]string, 0, n), make([]string, 0, n), make([]string, 0, n), make([]time.Time, 0, n)
	for _, e := range edges {
		at := sqlstore.Stored(e.At)
		as, bs, kinds, ats = append(as, e.A, e.B), append(bs, e.B, e.A), append(kinds, e.Kind, e.Kind), append(ats, at, at)
	}
	if _, err := tx.tx.Exec(ctx, addEdgesSQL, as, bs, kinds, ats); err != nil {
		return fmt.Errorf("postgres: add graph edges: %w", err)
	}
	return nil
}

// GraphNeighbours returns the edges leaving each of nodes.
func (tx *tx) GraphNeighbours(ctx context.Context, nodes []string, max int) ([]kuzet.GraphEdge, error) {
	if len(nodes) == 0 {
		return nil, nil
	}
	if max <= 0 {
		max = math.MaxInt32
	}
	return collect(ctx, tx, neighboursSQL, "postgres: graph neighbours", read.Edge, nodes, max)
}

// GraphDegrees returns how many edges leave each of nodes.
func (tx *tx) GraphDegrees(ctx context.Context, nodes []string) (map[string]int64, error) {
	out := make(map[string]int64, len(nodes))
	for _, n := range nodes {
		out[n] = 0
	}
	rows, _ := tx.tx.Query(ctx, degreesSQL, nodes)
	defer rows.Close()
	for rows.Next() {
		var (
			a string
			d int64
		)
		if err := rows.Scan(&a, &d); err != nil {
			return nil, fmt.Errorf("postgres: graph degrees: %w", err)
		}
		out[a] = d
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: graph degrees: %w", err)
	}
	return out, nil
}

// ScanGraphEdges calls fn for every edge once.
func (tx *tx) ScanGraphEdges(ctx context.Context, fn func(kuzet.GraphEdge) error) error {
	return each(ctx, tx, scanEdgesSQL, "postgres: scan graph edges", read.Edge, fn)
}
