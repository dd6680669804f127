package sqlstore

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/kuzet/kuzet"
)

// Column lists of the case tables, in the order their readers scan them.
const (
	CaseColumns       = `doc, version`
	CaseReportColumns = `case_id, report_id, org_id, region, amount_lost, currency, duplicate_of, flags, created_at, scheme, channel`
	EvidenceColumns   = `id, case_id, name, content_type, size, sha256, org_id, created_at`
	EdgeColumns       = `a, b, kind, at`
)

// CaseDoc sets c's times to the stored ones and returns the JSON document
// the case is kept as.
func CaseDoc(c *kuzet.Case) (string, error) {
	c.CreatedAt, c.UpdatedAt = Stored(c.CreatedAt), Stored(c.UpdatedAt)
	b, err := json.Marshal(c)
	if err != nil {
		return "", fmt.Errorf("case %s: %w", c.ID, err)
	}
	return string(b), nil
}

// Case reads one row of CaseColumns.
func (r Reader) Case(s Scanner) (*kuzet.Case, error) {
	var (
		doc     string
		version int64
	)
	if err := s.Scan(&doc, &version); err != nil {
		return nil, err
	}
	var c kuzet.Case
	if err := json.Unmarshal([]byte(doc), &c); err != nil {
		return nil, fmt.Errorf("case document: %w", err)
	}
	c.Version = version
	EmptyLists(&c)
	return &c, nil
}

// CaseReport reads one row of CaseReportColumns.
func (r Reader) CaseReport(s Scanner) (*kuzet.CaseReport, error) {
	var (
		l      kuzet.CaseReport
		amount int64
	)
	if err := s.Scan(&l.CaseID, &l.ReportID, &l.OrgID, &l.Region, &amount, &l.Currency, &l.DuplicateOf,
		r.d.Strings(&l.Flags), r.d.Time(&l.CreatedAt), &l.Scheme, &l.Channel); err != nil {
		return nil, err
	}
	l.AmountLost = kuzet.Amount(amount)
	if len(l.Flags) == 0 {
		l.Flags = nil
	}
	return &l, nil
}

// Evidence reads one row of EvidenceColumns, without the data.
func (r Reader) Evidence(s Scanner) (*kuzet.Evidence, error) {
	var e kuzet.Evidence
	if err := s.Scan(&e.ID, &e.CaseID, &e.Name, &e.ContentType, &e.Size, &e.SHA256, &e.OrgID,
		r.d.Time(&e.CreatedAt)); err != nil {
		return nil, err
	}
	return &e, nil
}

// Edge reads one row of EdgeColumns.
func (r Reader) Edge(s Scanner) (kuzet.GraphEdge, error) {
	var e kuzet.GraphEdge
	err := s.Scan(&e.A, &e.B, &e.Kind, r.d.Time(&e.At))
	return e, err
}

// CaseEventCount reads one row of (kind, foreign_, SUM(n)).
func (r Reader) CaseEventCount(s Scanner) (kuzet.CaseEventCount, error) {
	var c kuzet.CaseEventCount
	err := s.Scan(&c.Kind, &c.Foreign, &c.N)
	return c, err
}

// DefaultCaseLimit is how many cases a list returns unless asked for fewer.
const DefaultCaseLimit = 1000

// CaseLimit is the number of cases a list of limit returns.
func CaseLimit(limit int) int {
	if limit <= 0 || limit > DefaultCaseLimit {
		return DefaultCaseLimit
	}
	return limit
}

// EmptyLists gives c empty lists for none, so that it reads back as []
// rather than null.
func EmptyLists(c *kuzet.Case) {
	if c.Notes == nil {
		c.Notes = []kuzet.CaseNote{}
	}
	if c.Tasks == nil {
		c.Tasks = []kuzet.CaseTask{}
	}
	if c.Suspects == nil {
		c.Suspects = []kuzet.Suspect{}
	}
	if c.CallCentres == nil {
		c.CallCentres = []kuzet.CallCentre{}
	}
	if c.History == nil {
		c.History = []kuzet.CaseChange{}
	}
}

// CaseConflict is the error of an update of c that changed no row: the case
// is gone (version finds no row: ENOTFOUND) or someone else has moved it
// past c.Version (ECONFLICT). version reads the stored version.
func CaseConflict(op string, c *kuzet.Case, version func() (int64, error)) error {
	v, err := version()
	if err != nil {
		return NotFound(err, op, "no case %q", c.ID)
	}
	return kuzet.Errorf(kuzet.ECONFLICT, "case %s was changed by someone else (version %d, not %d): read it again", c.ID, v, c.Version)
}

// ReportCount reads one row of scheme, channel, currency, count, lost.
func (r Reader) ReportCount(s Scanner) (kuzet.ReportCount, error) {
	var (
		c    kuzet.ReportCount
		lost int64
	)
	err := s.Scan(&c.Scheme, &c.Channel, &c.Currency, &c.N, &lost)
	c.Lost = kuzet.Amount(lost)
	return c, err
}

// SumReportCounts adds up the counts of one scheme, channel and currency
// (from a period's whole days and its part-days) and orders them by
// scheme, channel and currency.
func SumReportCounts(cs []kuzet.ReportCount) []kuzet.ReportCount {
	type key struct{ scheme, channel, currency string }
	at := map[key]int{}
	var out []kuzet.ReportCount
	for _, c := range cs {
		k := key{c.Scheme, c.Channel, c.Currency}
		if i, ok := at[k]; ok {
			out[i].N += c.N
			out[i].Lost += c.Lost
			continue
		}
		at[k] = len(out)
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b kuzet.ReportCount) int {
		return cmp.Or(cmp.Compare(a.Scheme, b.Scheme), cmp.Compare(a.Channel, b.Channel), cmp.Compare(a.Currency, b.Currency))
	})
	return out
}
