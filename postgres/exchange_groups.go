package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

const (
	createSharingGroupSQL = `INSERT INTO exchange_groups (name, description, created_at, updated_at)
		VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id`
	updateSharingGroupSQL = `UPDATE exchange_groups SET name = $1, description = $2, updated_at = $3 WHERE id = $4
		AND NOT EXISTS (SELECT 1 FROM exchange_groups WHERE name = $1 AND id <> $4)`
	groupExistsSQL        = `SELECT count(*) FROM exchange_groups WHERE id = $1`
	deleteGroupMembersSQL = `DELETE FROM exchange_group_members WHERE group_id = $1`
	putGroupMemberSQL     = `INSERT INTO exchange_group_members (` + sqlstore.GroupMemberColumns + `) VALUES ($1, $2, $3, $4)
		ON CONFLICT (group_id, org_id) DO UPDATE SET can_read = excluded.can_read, can_write = excluded.can_write`
	findSharingGroupsSQL   = `SELECT ` + sqlstore.SharingGroupColumns + ` FROM exchange_groups ORDER BY id`
	findGroupMembersSQL    = `SELECT ` + sqlstore.GroupMemberColumns + ` FROM exchange_group_members`
	findExchangeSendersSQL = `SELECT DISTINCT org_id FROM exchange_objects WHERE id = $1 AND status <> 'quarantined'
		ORDER BY org_id`
	putSharedCaseSQL = `INSERT INTO exchange_shared_cases (` + sqlstore.SharedCaseColumns + `) VALUES ($1, $2, $3, $4)
		ON CONFLICT (audience, case_id) DO UPDATE SET org_id = excluded.org_id, shared_at = excluded.shared_at`
	findSharedCasesSQL = `SELECT ` + sqlstore.SharedCaseColumns + ` FROM exchange_shared_cases
		WHERE audience = $1 ORDER BY case_id`
	findReportVersionsSQL = `SELECT ` + sqlstore.ReportVersionColumns + ` FROM exchange_report_versions
		WHERE report_id = $1 ORDER BY updated_at`
)

var _ kuzet.ExchangeGroupStore = (*tx)(nil)

// PutSharingGroup creates g or replaces group g.ID and its members.
func (tx *tx) PutSharingGroup(ctx context.Context, g *kuzet.SharingGroup) error {
	g.UpdatedAt = sqlstore.Stored(g.UpdatedAt)
	if g.ID == 0 {
		g.CreatedAt = sqlstore.Stored(g.CreatedAt)
		err := tx.tx.QueryRow(ctx, createSharingGroupSQL, g.Name, g.Description, g.CreatedAt, g.UpdatedAt).Scan(&g.ID)
		if errors.Is(err, pgx.ErrNoRows) {
			return kuzet.Errorf(kuzet.ECONFLICT, "a sharing group is named %q", g.Name)
		} else if err != nil {
			return fmt.Errorf("postgres: put sharing group: %w", err)
		}
	} else {
		tag, err := tx.tx.Exec(ctx, updateSharingGroupSQL, g.Name, g.Description, g.UpdatedAt, g.ID)
		if err != nil {
			return fmt.Errorf("postgres: put sharing group: %w", err)
		}
		if tag.RowsAffected() == 0 {
			var found int
			if err := tx.tx.QueryRow(ctx, groupExistsSQL, g.ID).Scan(&found); err != nil {
				return fmt.Errorf("postgres: put sharing group: %w", err)
			}
			if found == 0 {
				return kuzet.Errorf(kuzet.ENOTFOUND, "sharing group %d not found", g.ID)
			}
			return kuzet.Errorf(kuzet.ECONFLICT, "a sharing group is named %q", g.Name)
		}
		if _, err := tx.tx.Exec(ctx, deleteGroupMembersSQL, g.ID); err != nil {
			return fmt.Errorf("postgres: put sharing group: %w", err)
		}
	}
	for _, m := range g.Members {
		if _, err := tx.tx.Exec(ctx, putGroupMemberSQL, g.ID, m.OrgID, m.CanRead, m.CanWrite); err != nil {
			return fmt.Errorf("postgres: put sharing group member: %w", err)
		}
	}
	return nil
}

// FindSharingGroups returns every group, by ID, with its members.
func (tx *tx) FindSharingGroups(ctx context.Context) ([]*kuzet.SharingGroup, error) {
	gs, err := collect(ctx, tx, findSharingGroupsSQL, "postgres: find sharing groups", read.SharingGroup)
	if err != nil || len(gs) == 0 {
		return gs, err
	}
	ms, err := collect(ctx, tx, findGroupMembersSQL, "postgres: find sharing groups", read.GroupMember)
	if err != nil {
		return nil, err
	}
	sqlstore.JoinMembers(gs, ms)
	return gs, nil
}

// FindReportVersions returns the earlier versions of report id, oldest
// first.
func (tx *tx) FindReportVersions(ctx context.Context, id int64) ([]*kuzet.Report, error) {
	return collect(ctx, tx, findReportVersionsSQL, "postgres: find report versions", read.ReportVersion, id)
}

// FindExchangeSenders returns the organisations that sent object id, not
// quarantined, by ID.
func (tx *tx) FindExchangeSenders(ctx context.Context, id string) ([]int64, error) {
	return collect(ctx, tx, findExchangeSendersSQL, "postgres: find exchange senders", sqlstore.Value[int64], id)
}

// PutSharedCase inserts or replaces the sharing of c.CaseID with c.Audience.
func (tx *tx) PutSharedCase(ctx context.Context, c *kuzet.SharedCase) error {
	c.SharedAt = sqlstore.Stored(c.SharedAt)
	if _, err := tx.tx.Exec(ctx, putSharedCaseSQL, c.CaseID, c.Audience, c.OrgID, c.SharedAt); err != nil {
		return fmt.Errorf("postgres: put shared case: %w", err)
	}
	return nil
}

// FindSharedCases returns the cases shared with audience, by CaseID.
func (tx *tx) FindSharedCases(ctx context.Context, audience string) ([]*kuzet.SharedCase, error) {
	return collect(ctx, tx, findSharedCasesSQL, "postgres: find shared cases", read.SharedCase, audience)
}
