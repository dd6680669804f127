package sqlstore

import (
	"cmp"
	"slices"

	"github.com/kuzet/kuzet"
)

// ReportColumns are the columns of a report, in the order the stores read
// them. Each store reads reports itself: a start-up scan reads millions, and
// each driver has its own fastest way.
const ReportColumns = `id, org_id, kind, value, category, confidence, evidence, valid_until, created_at, updated_at`

// AllowColumns are the columns AllowEntry reads, in order.
const AllowColumns = `kind, value, org_id, reason, created_at`

// AllowEntry reads one row of AllowColumns.
func (r Reader) AllowEntry(s Scanner) (*kuzet.AllowEntry, error) {
	var e kuzet.AllowEntry
	if err := s.Scan(&e.Kind, &e.Value, &e.OrgID, &e.Reason, r.d.Time(&e.CreatedAt)); err != nil {
		return nil, err
	}
	return &e, nil
}

// Removed returns the reports a DELETE … RETURNING gave back, as
// DeleteReport does: by ID, since RETURNING promises no order. Returns
// ENOTFOUND if there are none.
func Removed(reports []*kuzet.Report, kind kuzet.Kind, value string) ([]*kuzet.Report, error) {
	if len(reports) == 0 {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no report on %s:%s", kind, value)
	}
	slices.SortFunc(reports, func(a, b *kuzet.Report) int { return cmp.Compare(a.ID, b.ID) })
	return reports, nil
}

// slabSize is how many values a Slab allocates at once.
const slabSize = 256

// Slab hands out values allocated slabSize at a time: in a scan of
// millions of reports, one allocation per row would dominate. A caller
// keeping one value keeps its slab, a few tens of kilobytes.
type Slab[T any] struct {
	free []T
}

// New returns a zero T of the slab.
func (s *Slab[T]) New() *T {
	if len(s.free) == 0 {
		s.free = make([]T, slabSize)
	}
	v := &s.free[0]
	s.free = s.free[1:]
	return v
}
