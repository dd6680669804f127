package sqlite

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

var (
	createCaseQuery = prepare(`INSERT INTO cases (id, status, region, assignee, doc, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
	findCaseQuery   = prepare(`SELECT ` + sqlstore.CaseColumns + ` FROM cases WHERE id = ?`)
	updateCaseQuery = prepare(`UPDATE cases SET status = ?, region = ?, assignee = ?, doc = ?, version = version + 1,
		updated_at = ? WHERE id = ? AND version = ?`)
	caseVersionQuery = prepare(`SELECT version FROM cases WHERE id = ?`)
	findCasesQuery   = prepare(`SELECT ` + sqlstore.CaseColumns + ` FROM cases
		WHERE (?1 = '' OR status = ?1) AND (?2 = '' OR assignee = ?2) AND (?3 = '' OR region = ?3)
		ORDER BY created_at DESC, id LIMIT ?4`)

	linkCaseReportQuery = prepare(`INSERT INTO case_reports (` + sqlstore.CaseReportColumns + `)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
	findCaseReportsQuery = prepare(`SELECT ` + sqlstore.CaseReportColumns + ` FROM case_reports
		WHERE case_id = ? ORDER BY created_at, report_id`)
	findReportCaseQuery  = prepare(`SELECT ` + sqlstore.CaseReportColumns + ` FROM case_reports WHERE report_id = ?`)
	scanCaseReportsQuery = prepare(`SELECT ` + sqlstore.CaseReportColumns + ` FROM case_reports`)
	// A report counts on its first link only (from_group links it again).
	countCaseReportsQuery = prepare(`SELECT currency, COUNT(*), SUM(amount_lost) FROM case_reports r
		WHERE created_at >= ?1 AND created_at < ?2 AND (?3 = '' OR region = ?3) AND duplicate_of = ''
			AND NOT EXISTS (SELECT 1 FROM case_reports o WHERE o.report_id = r.report_id
				AND (o.created_at < r.created_at OR o.created_at = r.created_at AND o.case_id < r.case_id))
		GROUP BY currency`)
	reportLinkedQuery = prepare(`SELECT EXISTS (SELECT 1 FROM case_reports WHERE report_id = ?)`)
	addReportDayQuery = prepare(`INSERT INTO case_report_days (day, region, currency, n, lost) VALUES (?, ?, ?, 1, ?)
		ON CONFLICT (day, region, currency) DO UPDATE SET n = n + 1, lost = lost + excluded.lost`)
	countReportDaysQuery = prepare(`SELECT currency, SUM(n), SUM(lost) FROM case_report_days
		WHERE day >= ?1 AND day < ?2 AND (?3 = '' OR region = ?3) GROUP BY currency`)
	addEventDayQuery = prepare(`INSERT INTO case_event_days (day, region, kind, foreign_, n) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (day, region, kind, foreign_) DO UPDATE SET n = n + excluded.n`)
	countEventDaysQuery = prepare(`SELECT kind, foreign_, SUM(n) FROM case_event_days
		WHERE day >= ?1 AND day < ?2 AND (?3 = '' OR region = ?3) GROUP BY kind, foreign_`)

	addCaseEventQuery = prepare(`INSERT INTO case_events (case_id, kind, region, foreign_, n, at)
		VALUES (?, ?, ?, ?, ?, ?)`)
	countCaseEventsQuery = prepare(`SELECT kind, foreign_, SUM(n) FROM case_events
		WHERE at >= ?1 AND at < ?2 AND (?3 = '' OR region = ?3) GROUP BY kind, foreign_`)

	createEvidenceQuery = prepare(`INSERT INTO case_evidence (` + sqlstore.EvidenceColumns + `, data)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
	findEvidenceQuery = prepare(`SELECT ` + sqlstore.EvidenceColumns + `, data FROM case_evidence
		WHERE case_id = ? AND id = ?`)
	findCaseEvidenceQuery = prepare(`SELECT ` + sqlstore.EvidenceColumns + ` FROM case_evidence
		WHERE case_id = ? ORDER BY created_at, id`)

	addEdgeQuery = prepare(`INSERT INTO graph_edges (a, b, kind, at) VALUES (?, ?, ?, ?)
		ON CONFLICT (a, b) DO NOTHING`)
	neighboursQuery = prepare(`SELECT ` + sqlstore.EdgeColumns + ` FROM graph_edges WHERE a = ? LIMIT ?`)
	degreeQuery     = prepare(`SELECT COUNT(*) FROM graph_edges WHERE a = ?`)
	scanEdgesQuery  = prepare(`SELECT ` + sqlstore.EdgeColumns + ` FROM graph_edges WHERE a < b`)
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
		return fmt.Errorf("sqlite: create case: %w", err)
	}
	n, err := tx.exec(ctx, createCaseQuery, c.ID, string(c.Status), c.Region, c.Assignee, doc, c.Version,
		micros(c.CreatedAt), micros(c.UpdatedAt))
	if err != nil {
		return fmt.Errorf("sqlite: create case: %w", err)
	}
	if n == 0 {
		return kuzet.Errorf(kuzet.ECONFLICT, "case %q exists", c.ID)
	}
	return nil
}

// FindCase returns ENOTFOUND if there is no such case.
func (tx *tx) FindCase(ctx context.Context, id string) (*kuzet.Case, error) {
	return sqlstore.One(tx.stmt(ctx, findCaseQuery).QueryRowContext(ctx, id), "sqlite: find case", read.Case,
		"no case %q", id)
}

// UpdateCase stores c if its version is the stored one.
func (tx *tx) UpdateCase(ctx context.Context, c *kuzet.Case) error {
	doc, err := sqlstore.CaseDoc(c)
	if err != nil {
		return fmt.Errorf("sqlite: update case: %w", err)
	}
	n, err := tx.exec(ctx, updateCaseQuery, string(c.Status), c.Region, c.Assignee, doc, micros(c.UpdatedAt),
		c.ID, c.Version)
	if err != nil {
		return fmt.Errorf("sqlite: update case: %w", err)
	}
	if n == 0 {
		return sqlstore.CaseConflict("sqlite: update case", c, func() (v int64, err error) {
			err = tx.stmt(ctx, caseVersionQuery).QueryRowContext(ctx, c.ID).Scan(&v)
			return v, err
		})
	}
	c.Version++
	return nil
}

// FindCases returns the cases f selects, newest first.
func (tx *tx) FindCases(ctx context.Context, f kuzet.CaseFilter) ([]*kuzet.Case, error) {
	return collect(ctx, tx, findCasesQuery, "sqlite: find cases", read.Case, string(f.Status), f.Assignee, f.Region,
		sqlstore.CaseLimit(f.Limit))
}

// LinkCaseReport adds r to its case; nothing if it is there already.
func (tx *tx) LinkCaseReport(ctx context.Context, r *kuzet.CaseReport) error {
	r.CreatedAt = sqlstore.Stored(r.CreatedAt)
	flags, err := sqlstore.ListJSON(r.Flags)
	if err != nil {
		return fmt.Errorf("sqlite: link case report: %w", err)
	}
	var linked bool
	if err := tx.stmt(ctx, reportLinkedQuery).QueryRowContext(ctx, r.ReportID).Scan(&linked); err != nil {
		return fmt.Errorf("sqlite: link case report: %w", err)
	}
	n, err := tx.exec(ctx, linkCaseReportQuery, r.CaseID, r.ReportID, r.OrgID, r.Region, int64(r.AmountLost),
		r.Currency, r.DuplicateOf, flags, micros(r.CreatedAt), r.Scheme, r.Channel)
	if err != nil {
		return fmt.Errorf("sqlite: link case report: %w", err)
	}
	if n > 0 && !linked && r.DuplicateOf == "" {
		day := dayOf(micros(r.CreatedAt))
		if _, err := tx.exec(ctx, addReportDayQuery, day, r.Region, r.Currency, int64(r.AmountLost)); err != nil {
			return fmt.Errorf("sqlite: link case report: %w", err)
		}
		if _, err := tx.exec(ctx, addReportKindDayQuery, day, r.Region, r.Scheme, r.Channel, r.Currency,
			int64(r.AmountLost)); err != nil {
			return fmt.Errorf("sqlite: link case report: %w", err)
		}
	}
	return nil
}

// microsPerDay is a UTC day in microseconds.
const microsPerDay = int64(24 * time.Hour / time.Microsecond)

// dayOf returns the start of the UTC day holding t (microseconds).
func dayOf(t int64) int64 {
	d := t % microsPerDay
	if d < 0 {
		d += microsPerDay
	}
	return t - d
}

// days splits [lo, hi) into the whole UTC days inside it, [dlo, dhi), and
// the part-days [lo, dlo) and [dhi, hi) on either side; ok is false when
// no whole day fits. An open bound is a whole day.
func days(lo, hi int64) (dlo, dhi int64, ok bool) {
	dlo, dhi = lo, hi
	if lo != math.MinInt64 {
		if dlo = dayOf(lo); dlo < lo {
			dlo += microsPerDay
		}
	}
	if hi != math.MaxInt64 {
		dhi = dayOf(hi)
	}
	return dlo, dhi, dlo < dhi
}

// FindCaseReports returns the reports of a case, oldest first.
func (tx *tx) FindCaseReports(ctx context.Context, caseID string) ([]*kuzet.CaseReport, error) {
	return collect(ctx, tx, findCaseReportsQuery, "sqlite: find case reports", read.CaseReport, caseID)
}

// FindReportCases returns the links of the reports named.
func (tx *tx) FindReportCases(ctx context.Context, reportIDs []string) ([]*kuzet.CaseReport, error) {
	var out []*kuzet.CaseReport
	for _, id := range reportIDs {
		ls, err := collect(ctx, tx, findReportCaseQuery, "sqlite: find report cases", read.CaseReport, id)
		if err != nil {
			return nil, err
		}
		out = append(out, ls...)
	}
	return out, nil
}

// ScanCaseReports calls fn for every link.
func (tx *tx) ScanCaseReports(ctx context.Context, fn func(*kuzet.CaseReport) error) error {
	return each(ctx, tx, scanCaseReportsQuery, "sqlite: scan case reports", read.CaseReport, fn)
}

// AddCaseEvents stores events.
func (tx *tx) AddCaseEvents(ctx context.Context, evs ...*kuzet.CaseEvent) error {
	for _, e := range evs {
		e.At = sqlstore.Stored(e.At)
		if _, err := tx.exec(ctx, addCaseEventQuery, e.CaseID, e.Kind, e.Region, e.Foreign, e.N, micros(e.At)); err != nil {
			return fmt.Errorf("sqlite: add case events: %w", err)
		}
		if _, err := tx.exec(ctx, addEventDayQuery, dayOf(micros(e.At)), e.Region, e.Kind, e.Foreign, e.N); err != nil {
			return fmt.Errorf("sqlite: add case events: %w", err)
		}
	}
	return nil
}

// CountCaseEvents sums the events f selects by kind and foreignness: the
// whole days from the daily sums, the part-days from the events.
func (tx *tx) CountCaseEvents(ctx context.Context, f kuzet.CaseEventFilter) ([]kuzet.CaseEventCount, error) {
	lo, hi := bound(f.From, math.MinInt64), bound(f.To, math.MaxInt64)
	dlo, dhi, ok := days(lo, hi)
	if !ok {
		return collect(ctx, tx, countCaseEventsQuery, "sqlite: count case events", read.CaseEventCount, lo, hi, f.Region)
	}
	sum := map[[2]any]int64{}
	for _, q := range []struct {
		q        query
		from, to int64
	}{{countEventDaysQuery, dlo, dhi}, {countCaseEventsQuery, lo, dlo}, {countCaseEventsQuery, dhi, hi}} {
		if q.from >= q.to {
			continue
		}
		cs, err := collect(ctx, tx, q.q, "sqlite: count case events", read.CaseEventCount, q.from, q.to, f.Region)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			sum[[2]any{c.Kind, c.Foreign}] += c.N
		}
	}
	out := make([]kuzet.CaseEventCount, 0, len(sum))
	for k, n := range sum {
		out = append(out, kuzet.CaseEventCount{Kind: k[0].(string), Foreign: k[1].(bool), N: n})
	}
	return out, nil
}

// CountCaseReports counts the reports linked in f's period and sums their
// losses by currency; duplicates are not counted, and a report linked to
// two cases counts once. The whole days come from the daily sums.
func (tx *tx) CountCaseReports(ctx context.Context, f kuzet.CaseEventFilter) (int64, map[string]kuzet.Amount, error) {
	lo, hi := bound(f.From, math.MinInt64), bound(f.To, math.MaxInt64)
	var total int64
	lost := map[string]kuzet.Amount{}
	count := func(q query, from, to int64) error {
		if from >= to {
			return nil
		}
		rows, err := tx.stmt(ctx, q).QueryContext(ctx, from, to, f.Region)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				cur    string
				n, sum int64
			)
			if err := rows.Scan(&cur, &n, &sum); err != nil {
				return err
			}
			total += n
			lost[cur] += kuzet.Amount(sum)
		}
		return rows.Err()
	}
	var err error
	if dlo, dhi, ok := days(lo, hi); !ok {
		err = count(countCaseReportsQuery, lo, hi)
	} else if err = count(countReportDaysQuery, dlo, dhi); err == nil {
		if err = count(countCaseReportsQuery, lo, dlo); err == nil {
			err = count(countCaseReportsQuery, dhi, hi)
		}
	}
	if err != nil {
		return 0, nil, fmt.Errorf("sqlite: count case reports: %w", err)
	}
	return total, lost, nil
}

// CreateEvidence inserts e with its data.
func (tx *tx) CreateEvidence(ctx context.Context, e *kuzet.Evidence) error {
	e.CreatedAt = sqlstore.Stored(e.CreatedAt)
	n, err := tx.exec(ctx, createEvidenceQuery, e.ID, e.CaseID, e.Name, e.ContentType, e.Size, e.SHA256, e.OrgID,
		micros(e.CreatedAt), blob(e.Data))
	if err != nil {
		return fmt.Errorf("sqlite: create evidence: %w", err)
	}
	if n == 0 {
		return kuzet.Errorf(kuzet.ECONFLICT, "evidence %q exists", e.ID)
	}
	return nil
}

// FindEvidence returns one file with its data.
func (tx *tx) FindEvidence(ctx context.Context, caseID, id string) (*kuzet.Evidence, error) {
	var e kuzet.Evidence
	err := tx.stmt(ctx, findEvidenceQuery).QueryRowContext(ctx, caseID, id).Scan(&e.ID, &e.CaseID, &e.Name,
		&e.ContentType, &e.Size, &e.SHA256, &e.OrgID, (*microTime)(&e.CreatedAt), &e.Data)
	if err != nil {
		return nil, sqlstore.NotFound(err, "sqlite: find evidence", "case %s has no evidence %q", caseID, id)
	}
	return &e, nil
}

// FindCaseEvidence lists a case's files without their data.
func (tx *tx) FindCaseEvidence(ctx context.Context, caseID string) ([]*kuzet.Evidence, error) {
	return collect(ctx, tx, findCaseEvidenceQuery, "sqlite: find case evidence", read.Evidence, caseID)
}

// AddGraphEdges stores edges both ways.
func (tx *tx) AddGraphEdges(ctx context.Context, edges []kuzet.GraphEdge) error {
	for _, e := range edges {
		at := micros(e.At)
		if _, err := tx.exec(ctx, addEdgeQuery, e.A, e.B, e.Kind, at); err != nil {
			return fmt.Errorf("sqlite: add graph edges: %w", err)
		}
		if _, err := tx.exec(ctx, addEdgeQuery, e.B, e.A, e.Kind, at); err != nil {
			return fmt.Errorf("sqlite: add graph edges: %w", err)
		}
	}
	return nil
}

// GraphNeighbours returns the edges leaving each of nodes.
func (tx *tx) GraphNeighbours(ctx context.Context, nodes []string, max int) ([]kuzet.GraphEdge, error) {
	if max <= 0 {
		max = math.MaxInt32
	}
	var out []kuzet.GraphEdge
	for _, n := range nodes {
		err := each(ctx, tx, neighboursQuery, "sqlite: graph neighbours", read.Edge, func(e kuzet.GraphEdge) error {
			out = append(out, e)
			return nil
		}, n, max)
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// GraphDegrees returns how many edges leave each of nodes.
func (tx *tx) GraphDegrees(ctx context.Context, nodes []string) (map[string]int64, error) {
	out := make(map[string]int64, len(nodes))
	for _, n := range nodes {
		var d int64
		if err := tx.stmt(ctx, degreeQuery).QueryRowContext(ctx, n).Scan(&d); err != nil {
			return nil, fmt.Errorf("sqlite: graph degrees: %w", err)
		}
		out[n] = d
	}
	return out, nil
}

// ScanGraphEdges calls fn for every edge once.
func (tx *tx) ScanGraphEdges(ctx context.Context, fn func(kuzet.GraphEdge) error) error {
	return each(ctx, tx, scanEdgesQuery, "sqlite: scan graph edges", read.Edge, fn)
}
