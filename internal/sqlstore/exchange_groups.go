package sqlstore

import (
	"cmp"
	"slices"

	"github.com/kuzet/kuzet"
)

// SharingGroupColumns are the columns SharingGroup reads, in order.
const SharingGroupColumns = `id, name, description, created_at, updated_at`

// SharingGroup reads one row of SharingGroupColumns.
func (r Reader) SharingGroup(s Scanner) (*kuzet.SharingGroup, error) {
	g := new(kuzet.SharingGroup)
	return g, s.Scan(&g.ID, &g.Name, &g.Description, r.d.Time(&g.CreatedAt), r.d.Time(&g.UpdatedAt))
}

// GroupMemberColumns are the columns GroupMember reads, in order.
const GroupMemberColumns = `group_id, org_id, can_read, can_write`

// GroupMemberRow is one row of exchange_group_members.
type GroupMemberRow struct {
	GroupID int64
	kuzet.GroupMember
}

// GroupMember reads one row of GroupMemberColumns.
func (r Reader) GroupMember(s Scanner) (*GroupMemberRow, error) {
	m := new(GroupMemberRow)
	return m, s.Scan(&m.GroupID, &m.OrgID, &m.CanRead, &m.CanWrite)
}

// JoinMembers gives each group its members, by OrgID.
func JoinMembers(groups []*kuzet.SharingGroup, members []*GroupMemberRow) {
	byID := make(map[int64]*kuzet.SharingGroup, len(groups))
	for _, g := range groups {
		byID[g.ID] = g
	}
	for _, m := range members {
		if g := byID[m.GroupID]; g != nil {
			g.Members = append(g.Members, m.GroupMember)
		}
	}
	for _, g := range groups {
		slices.SortFunc(g.Members, func(a, b kuzet.GroupMember) int { return cmp.Compare(a.OrgID, b.OrgID) })
	}
}

// ReportVersionColumns are the columns ReportVersion reads, in order, of
// exchange_report_versions.
const ReportVersionColumns = `report_id, org_id, kind, value, category, confidence, valid_until, created_at, updated_at`

// ReportVersion reads one row of ReportVersionColumns.
func (r Reader) ReportVersion(s Scanner) (*kuzet.Report, error) {
	v := new(kuzet.Report)
	var kind, category string
	err := s.Scan(&v.ID, &v.OrgID, &kind, &v.Value, &category, &v.Confidence, r.d.Time(&v.ValidUntil),
		r.d.Time(&v.CreatedAt), r.d.Time(&v.UpdatedAt))
	v.Kind, v.Category = kuzet.Kind(kind), kuzet.Category(category)
	return v, err
}

// SharedCaseColumns are the columns SharedCase reads, in order.
const SharedCaseColumns = `case_id, audience, org_id, shared_at`

// SharedCase reads one row of SharedCaseColumns.
func (r Reader) SharedCase(s Scanner) (*kuzet.SharedCase, error) {
	c := new(kuzet.SharedCase)
	return c, s.Scan(&c.CaseID, &c.Audience, &c.OrgID, r.d.Time(&c.SharedAt))
}
