package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

const (
	putPartnerSQL = `INSERT INTO exchange_partners (` + sqlstore.PartnerColumns + `) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (org_id) DO UPDATE SET confidence = excluded.confidence, allow_amber = excluded.allow_amber,
			allow_amber_strict = excluded.allow_amber_strict, updated_at = excluded.updated_at`
	findPartnerSQL = `SELECT ` + sqlstore.PartnerColumns + ` FROM exchange_partners WHERE org_id = $1`
	putMarkingSQL  = `INSERT INTO exchange_markings (org_id, kind, value, tlp) VALUES ($1, $2, $3, $4)
		ON CONFLICT (org_id, kind, value) DO UPDATE SET tlp = excluded.tlp`
	scanMarkingsSQL      = `SELECT org_id, kind, value, tlp FROM exchange_markings`
	findMarkedReportsSQL = `SELECT ` + sqlstore.MarkedReportColumns + `
		FROM reports r LEFT JOIN exchange_markings m ON m.org_id = r.org_id AND m.kind = r.kind AND m.value = r.value
		WHERE (r.updated_at, r.id) > ($1, $2) ORDER BY r.updated_at, r.id LIMIT $3`
	putExchangeObjectSQL = `INSERT INTO exchange_objects (` + sqlstore.ExchangeObjectColumns + `)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (org_id, id, modified) DO NOTHING`
	findExchangeObjectsSQL = `SELECT ` + sqlstore.ExchangeObjectColumns + ` FROM exchange_objects
		WHERE org_id = $1 AND ($2 = '' OR status = $2) ORDER BY created_at DESC, id LIMIT $3`
	putExchangeStatusSQL = `INSERT INTO exchange_statuses (` + sqlstore.ExchangeStatusColumns + `)
		VALUES ($1, $2, $3, $4)`
	findExchangeStatusSQL = `SELECT ` + sqlstore.ExchangeStatusColumns + ` FROM exchange_statuses
		WHERE org_id = $1 AND id = $2`
	putPullCheckpointSQL = `INSERT INTO pull_checkpoints (` + sqlstore.PullCheckpointColumns + `)
		VALUES ($1, $2, $3, $4) ON CONFLICT (source) DO UPDATE SET added_after = excluded.added_after,
			objects = excluded.objects, updated_at = excluded.updated_at`
	findPullCheckpointSQL = `SELECT ` + sqlstore.PullCheckpointColumns + ` FROM pull_checkpoints WHERE source = $1`
)

var _ kuzet.ExchangeStore = (*tx)(nil)

// PutPartner inserts or replaces the settings of p.OrgID.
func (tx *tx) PutPartner(ctx context.Context, p *kuzet.Partner) error {
	p.UpdatedAt = sqlstore.Stored(p.UpdatedAt)
	if _, err := tx.tx.Exec(ctx, putPartnerSQL, p.OrgID, p.Confidence, p.AllowAmber, p.AllowAmberStrict, p.UpdatedAt); err != nil {
		return fmt.Errorf("postgres: put partner: %w", err)
	}
	return nil
}

// FindPartner returns ENOTFOUND if nothing is set for orgID.
func (tx *tx) FindPartner(ctx context.Context, orgID int64) (*kuzet.Partner, error) {
	return sqlstore.One(tx.tx.QueryRow(ctx, findPartnerSQL, orgID), "postgres: find partner",
		read.Partner, "no exchange settings for organisation %d", orgID)
}

// PutMarking inserts or replaces the marking of m's org and indicator.
func (tx *tx) PutMarking(ctx context.Context, m *kuzet.Marking) error {
	if _, err := tx.tx.Exec(ctx, putMarkingSQL, m.OrgID, string(m.Kind), m.Value, string(m.TLP)); err != nil {
		return fmt.Errorf("postgres: put marking: %w", err)
	}
	return nil
}

// ScanMarkings calls fn for every marking.
func (tx *tx) ScanMarkings(ctx context.Context, fn func(*kuzet.Marking) error) error {
	return each(ctx, tx, scanMarkingsSQL, "postgres: scan markings", read.Marking, fn)
}

// FindMarkedReports returns at most limit reports updated after (after,
// afterID), in (UpdatedAt, ID) order, with their markings.
func (tx *tx) FindMarkedReports(ctx context.Context, after time.Time, afterID int64, limit int) ([]*kuzet.MarkedReport, error) {
	return collect(ctx, tx, findMarkedReportsSQL, "postgres: find marked reports", read.MarkedReport,
		sqlstore.Stored(after), afterID, limit)
}

// PutExchangeObject stores o unless the org holds its ID and Modified.
func (tx *tx) PutExchangeObject(ctx context.Context, o *kuzet.ExchangeObject) (bool, error) {
	tag, err := tx.tx.Exec(ctx, putExchangeObjectSQL, o.OrgID, o.ID, sqlstore.StoredModified(o.Modified), o.Type,
		o.Status, o.Reason, blob(o.Body), sqlstore.Stored(o.CreatedAt))
	if err != nil {
		return false, fmt.Errorf("postgres: put exchange object: %w", err)
	}
	o.Modified, o.CreatedAt = sqlstore.StoredOrZero(o.Modified), sqlstore.Stored(o.CreatedAt)
	return tag.RowsAffected() > 0, nil
}

// FindExchangeObjects returns the objects orgID sent, newest first.
func (tx *tx) FindExchangeObjects(ctx context.Context, orgID int64, status string, limit int) ([]*kuzet.ExchangeObject, error) {
	return collect(ctx, tx, findExchangeObjectsSQL, "postgres: find exchange objects", read.ExchangeObject,
		orgID, status, limit)
}

// PutExchangeStatus stores s.
func (tx *tx) PutExchangeStatus(ctx context.Context, s *kuzet.ExchangeStatus) error {
	s.CreatedAt = sqlstore.Stored(s.CreatedAt)
	if _, err := tx.tx.Exec(ctx, putExchangeStatusSQL, s.ID, s.OrgID, blob(s.Body), s.CreatedAt); err != nil {
		return fmt.Errorf("postgres: put exchange status: %w", err)
	}
	return nil
}

// FindExchangeStatus returns ENOTFOUND unless orgID made the status id.
func (tx *tx) FindExchangeStatus(ctx context.Context, orgID int64, id string) (*kuzet.ExchangeStatus, error) {
	return sqlstore.One(tx.tx.QueryRow(ctx, findExchangeStatusSQL, orgID, id),
		"postgres: find exchange status", read.ExchangeStatus, "status %s not found", id)
}

// PutPullCheckpoint inserts or replaces the checkpoint of c.Source.
func (tx *tx) PutPullCheckpoint(ctx context.Context, c *kuzet.PullCheckpoint) error {
	c.UpdatedAt = sqlstore.Stored(c.UpdatedAt)
	if _, err := tx.tx.Exec(ctx, putPullCheckpointSQL, c.Source, c.AddedAfter, c.Objects, c.UpdatedAt); err != nil {
		return fmt.Errorf("postgres: put pull checkpoint: %w", err)
	}
	return nil
}

// FindPullCheckpoint returns ENOTFOUND if source was never pulled.
func (tx *tx) FindPullCheckpoint(ctx context.Context, source string) (*kuzet.PullCheckpoint, error) {
	return sqlstore.One(tx.tx.QueryRow(ctx, findPullCheckpointSQL, source),
		"postgres: find pull checkpoint", read.PullCheckpoint, "no checkpoint for %s", source)
}
