package sqlite

import (
	"context"
	"fmt"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

var (
	createSharingGroupQuery = prepare(`INSERT INTO exchange_groups (name, description, created_at, updated_at)
		VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`)
	updateSharingGroupQuery = prepare(`UPDATE exchange_groups SET name = ?, description = ?, updated_at = ? WHERE id = ?
		AND NOT EXISTS (SELECT 1 FROM exchange_groups WHERE name = ?1 AND id <> ?4)`)
	groupExistsQuery        = prepare(`SELECT count(*) FROM exchange_groups WHERE id = ?`)
	deleteGroupMembersQuery = prepare(`DELETE FROM exchange_group_members WHERE group_id = ?`)
	putGroupMemberQuery     = prepare(`INSERT INTO exchange_group_members (` + sqlstore.GroupMemberColumns + `) VALUES (?, ?, ?, ?)
		ON CONFLICT (group_id, org_id) DO UPDATE SET can_read = excluded.can_read, can_write = excluded.can_write`)
	findSharingGroupsQuery   = prepare(`SELECT ` + sqlstore.SharingGroupColumns + ` FROM exchange_groups ORDER BY id`)
	findGroupMembersQuery    = prepare(`SELECT ` + sqlstore.GroupMemberColumns + ` FROM exchange_group_members`)
	findExchangeSendersQuery = prepare(`SELECT DISTINCT org_id FROM exchange_objects WHERE id = ? AND status <> 'quarantined'
		ORDER BY org_id`)
	putSharedCaseQuery = prepare(`INSERT INTO exchange_shared_cases (` + sqlstore.SharedCaseColumns + `) VALUES (?, ?, ?, ?)
		ON CONFLICT (audience, case_id) DO UPDATE SET org_id = excluded.org_id, shared_at = excluded.shared_at`)
	findSharedCasesQuery = prepare(`SELECT ` + sqlstore.SharedCaseColumns + ` FROM exchange_shared_cases
		WHERE audience = ? ORDER BY case_id`)
	findReportVersionsQuery = prepare(`SELECT ` + sqlstore.ReportVersionColumns + ` FROM exchange_report_versions
		WHERE report_id = ? ORDER BY updated_at`)
)

var _ kuzet.ExchangeGroupStore = (*tx)(nil)

// PutSharingGroup creates g or replaces group g.ID and its members.
func (tx *tx) PutSharingGroup(ctx context.Context, g *kuzet.SharingGroup) error {
	g.UpdatedAt = sqlstore.Stored(g.UpdatedAt)
	if g.ID == 0 {
		g.CreatedAt = sqlstore.Stored(g.CreatedAt)
		id, err := tx.insert(ctx, createSharingGroupQuery, g.Name, g.Description, micros(g.CreatedAt), micros(g.UpdatedAt))
		if err != nil {
			return fmt.Errorf("sqlite: put sharing group: %w", err)
		} else if id == 0 {
			return kuzet.Errorf(kuzet.ECONFLICT, "a sharing group is named %q", g.Name)
		}
		g.ID = id
	} else {
		n, err := tx.exec(ctx, updateSharingGroupQuery, g.Name, g.Description, micros(g.UpdatedAt), g.ID)
		if err != nil {
			return fmt.Errorf("sqlite: put sharing group: %w", err)
		}
		if n == 0 {
			var found int
			if err := tx.stmt(ctx, groupExistsQuery).QueryRowContext(ctx, g.ID).Scan(&found); err != nil {
				return fmt.Errorf("sqlite: put sharing group: %w", err)
			}
			if found == 0 {
				return kuzet.Errorf(kuzet.ENOTFOUND, "sharing group %d not found", g.ID)
			}
			return kuzet.Errorf(kuzet.ECONFLICT, "a sharing group is named %q", g.Name)
		}
		if _, err := tx.exec(ctx, deleteGroupMembersQuery, g.ID); err != nil {
			return fmt.Errorf("sqlite: put sharing group: %w", err)
		}
	}
	for _, m := range g.Members {
		if _, err := tx.exec(ctx, putGroupMemberQuery, g.ID, m.OrgID, m.CanRead, m.CanWrite); err != nil {
			return fmt.Errorf("sqlite: put sharing group member: %w", err)
		}
	}
	return nil
}

// FindSharingGroups returns every group, by ID, with its members.
func (tx *tx) FindSharingGroups(ctx context.Context) ([]*kuzet.SharingGroup, error) {
	gs, err := collect(ctx, tx, findSharingGroupsQuery, "sqlite: find sharing groups", read.SharingGroup)
	if err != nil || len(gs) == 0 {
		return gs, err
	}
	ms, err := collect(ctx, tx, findGroupMembersQuery, "sqlite: find sharing groups", read.GroupMember)
	if err != nil {
		return nil, err
	}
	sqlstore.JoinMembers(gs, ms)
	return gs, nil
}

// FindReportVersions returns the earlier versions of report id, oldest
// first.
func (tx *tx) FindReportVersions(ctx context.Context, id int64) ([]*kuzet.Report, error) {
	return collect(ctx, tx, findReportVersionsQuery, "sqlite: find report versions", read.ReportVersion, id)
}

// FindExchangeSenders returns the organisations that sent object id, not
// quarantined, by ID.
func (tx *tx) FindExchangeSenders(ctx context.Context, id string) ([]int64, error) {
	return collect(ctx, tx, findExchangeSendersQuery, "sqlite: find exchange senders", sqlstore.Value[int64], id)
}

// PutSharedCase inserts or replaces the sharing of c.CaseID with c.Audience.
func (tx *tx) PutSharedCase(ctx context.Context, c *kuzet.SharedCase) error {
	c.SharedAt = sqlstore.Stored(c.SharedAt)
	if _, err := tx.exec(ctx, putSharedCaseQuery, c.CaseID, c.Audience, c.OrgID, micros(c.SharedAt)); err != nil {
		return fmt.Errorf("sqlite: put shared case: %w", err)
	}
	return nil
}

// FindSharedCases returns the cases shared with audience, by CaseID.
func (tx *tx) FindSharedCases(ctx context.Context, audience string) ([]*kuzet.SharedCase, error) {
	return collect(ctx, tx, findSharedCasesQuery, "sqlite: find shared cases", read.SharedCase, audience)
}
