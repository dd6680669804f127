package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

var (
	putPartnerQuery = prepare(`INSERT INTO exchange_partners (` + sqlstore.PartnerColumns + `) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (org_id) DO UPDATE SET confidence = excluded.confidence, allow_amber = excluded.allow_amber,
			allow_amber_strict = excluded.allow_amber_strict, updated_at = excluded.updated_at`)
	findPartnerQuery = prepare(`SELECT ` + sqlstore.PartnerColumns + ` FROM exchange_partners WHERE org_id = ?`)
	putMarkingQuery  = prepare(`INSERT INTO exchange_markings (org_id, kind, value, tlp) VALUES (?, ?, ?, ?)
		ON CONFLICT (org_id, kind, value) DO UPDATE SET tlp = excluded.tlp`)
	scanMarkingsQuery      = prepare(`SELECT org_id, kind, value, tlp FROM exchange_markings`)
	findMarkedReportsQuery = prepare(`SELECT ` + sqlstore.MarkedReportColumns + `
		FROM reports r LEFT JOIN exchange_markings m ON m.org_id = r.org_id AND m.kind = r.kind AND m.value = r.value
		WHERE (r.updated_at, r.id) > (?, ?) ORDER BY r.updated_at, r.id LIMIT ?`)
	putExchangeObjectQuery = prepare(`INSERT INTO exchange_objects (` + sqlstore.ExchangeObjectColumns + `)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, id, modified) DO NOTHING`)
	findExchangeObjectsQuery = prepare(`SELECT ` + sqlstore.ExchangeObjectColumns + ` FROM exchange_objects
		WHERE org_id = ?1 AND (?2 = '' OR status = ?2) ORDER BY created_at DESC, id LIMIT ?3`)
	putExchangeStatusQuery = prepare(`INSERT INTO exchange_statuses (` + sqlstore.ExchangeStatusColumns + `)
		VALUES (?, ?, ?, ?)`)
	findExchangeStatusQuery = prepare(`SELECT ` + sqlstore.ExchangeStatusColumns + ` FROM exchange_statuses
		WHERE org_id = ? AND id = ?`)
	putPullCheckpointQuery = prepare(`INSERT INTO pull_checkpoints (` + sqlstore.PullCheckpointColumns + `)
		VALUES (?, ?, ?, ?) ON CONFLICT (source) DO UPDATE SET added_after = excluded.added_after,
			objects = excluded.objects, updated_at = excluded.updated_at`)
	findPullCheckpointQuery = prepare(`SELECT ` + sqlstore.PullCheckpointColumns + ` FROM pull_checkpoints WHERE source = ?`)
)

var _ kuzet.ExchangeStore = (*tx)(nil)

// PutPartner inserts or replaces the settings of p.OrgID.
func (tx *tx) PutPartner(ctx context.Context, p *kuzet.Partner) error {
	if _, err := tx.exec(ctx, putPartnerQuery, p.OrgID, p.Confidence, p.AllowAmber, p.AllowAmberStrict, micros(p.UpdatedAt)); err != nil {
		return fmt.Errorf("sqlite: put partner: %w", err)
	}
	p.UpdatedAt = sqlstore.Stored(p.UpdatedAt)
	return nil
}

// FindPartner returns ENOTFOUND if nothing is set for orgID.
func (tx *tx) FindPartner(ctx context.Context, orgID int64) (*kuzet.Partner, error) {
	return sqlstore.One(tx.stmt(ctx, findPartnerQuery).QueryRowContext(ctx, orgID), "sqlite: find partner",
		read.Partner, "no exchange settings for organisation %d", orgID)
}

// PutMarking inserts or replaces the marking of m's org and indicator.
func (tx *tx) PutMarking(ctx context.Context, m *kuzet.Marking) error {
	if _, err := tx.exec(ctx, putMarkingQuery, m.OrgID, string(m.Kind), m.Value, string(m.TLP)); err != nil {
		return fmt.Errorf("sqlite: put marking: %w", err)
	}
	return nil
}

// ScanMarkings calls fn for every marking.
func (tx *tx) ScanMarkings(ctx context.Context, fn func(*kuzet.Marking) error) error {
	return each(ctx, tx, scanMarkingsQuery, "sqlite: scan markings", read.Marking, fn)
}

// FindMarkedReports returns at most limit reports updated after (after,
// afterID), in (UpdatedAt, ID) order, with their markings.
func (tx *tx) FindMarkedReports(ctx context.Context, after time.Time, afterID int64, limit int) ([]*kuzet.MarkedReport, error) {
	return collect(ctx, tx, findMarkedReportsQuery, "sqlite: find marked reports", read.MarkedReport,
		micros(after), afterID, limit)
}

// PutExchangeObject stores o unless the org holds its ID and Modified.
func (tx *tx) PutExchangeObject(ctx context.Context, o *kuzet.ExchangeObject) (bool, error) {
	n, err := tx.exec(ctx, putExchangeObjectQuery, o.OrgID, o.ID, micros(sqlstore.StoredModified(o.Modified)), o.Type,
		o.Status, o.Reason, blob(o.Body), micros(o.CreatedAt))
	if err != nil {
		return false, fmt.Errorf("sqlite: put exchange object: %w", err)
	}
	o.Modified, o.CreatedAt = sqlstore.StoredOrZero(o.Modified), sqlstore.Stored(o.CreatedAt)
	return n > 0, nil
}

// FindExchangeObjects returns the objects orgID sent, newest first.
func (tx *tx) FindExchangeObjects(ctx context.Context, orgID int64, status string, limit int) ([]*kuzet.ExchangeObject, error) {
	return collect(ctx, tx, findExchangeObjectsQuery, "sqlite: find exchange objects", read.ExchangeObject,
		orgID, status, limit)
}

// PutExchangeStatus stores s.
func (tx *tx) PutExchangeStatus(ctx context.Context, s *kuzet.ExchangeStatus) error {
	if _, err := tx.exec(ctx, putExchangeStatusQuery, s.ID, s.OrgID, blob(s.Body), micros(s.CreatedAt)); err != nil {
		return fmt.Errorf("sqlite: put exchange status: %w", err)
	}
	s.CreatedAt = sqlstore.Stored(s.CreatedAt)
	return nil
}

// FindExchangeStatus returns ENOTFOUND unless orgID made the status id.
func (tx *tx) FindExchangeStatus(ctx context.Context, orgID int64, id string) (*kuzet.ExchangeStatus, error) {
	return sqlstore.One(tx.stmt(ctx, findExchangeStatusQuery).QueryRowContext(ctx, orgID, id),
		"sqlite: find exchange status", read.ExchangeStatus, "status %s not found", id)
}

// PutPullCheckpoint inserts or replaces the checkpoint of c.Source.
func (tx *tx) PutPullCheckpoint(ctx context.Context, c *kuzet.PullCheckpoint) error {
	if _, err := tx.exec(ctx, putPullCheckpointQuery, c.Source, c.AddedAfter, c.Objects, micros(c.UpdatedAt)); err != nil {
		return fmt.Errorf("sqlite: put pull checkpoint: %w", err)
	}
	c.UpdatedAt = sqlstore.Stored(c.UpdatedAt)
	return nil
}

// FindPullCheckpoint returns ENOTFOUND if source was never pulled.
func (tx *tx) FindPullCheckpoint(ctx context.Context, source string) (*kuzet.PullCheckpoint, error) {
	return sqlstore.One(tx.stmt(ctx, findPullCheckpointQuery).QueryRowContext(ctx, source),
		"sqlite: find pull checkpoint", read.PullCheckpoint, "no checkpoint for %s", source)
}
