package sqlite

import (
	"context"
	"fmt"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

var (
	putRoamingQuery = prepare(`INSERT INTO roaming (msisdn, state, country, at, org_id) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (msisdn) DO UPDATE SET
			state = excluded.state, country = excluded.country, at = excluded.at, org_id = excluded.org_id`)
	scanRoamingQuery = prepare(`SELECT ` + sqlstore.RoamingColumns + ` FROM roaming ORDER BY msisdn`)

	putDNOQuery = prepare(`INSERT INTO dno (number, org_id, created_at) VALUES (?, ?, ?)
		ON CONFLICT (number) DO UPDATE SET org_id = excluded.org_id, created_at = excluded.created_at`)
	deleteDNOQuery = prepare(`DELETE FROM dno WHERE number = ?`)
	scanDNOQuery   = prepare(`SELECT ` + sqlstore.DNOColumns + ` FROM dno ORDER BY number`)

	putPortingQuery = prepare(`INSERT INTO portings (msisdn, org_id, at) VALUES (?, ?, ?)
		ON CONFLICT (msisdn) DO UPDATE SET org_id = excluded.org_id, at = excluded.at`)
	scanPortingsQuery = prepare(`SELECT ` + sqlstore.PortingColumns + ` FROM portings ORDER BY msisdn`)

	putDelegationQuery = prepare(`INSERT INTO delegations (msisdn, prefix, org_id, holder_id, created_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (msisdn, prefix, org_id) DO UPDATE SET holder_id = excluded.holder_id, created_at = excluded.created_at`)
	deleteDelegationQuery = prepare(`DELETE FROM delegations WHERE msisdn = ? AND prefix = ? AND org_id = ?`)
	scanDelegationsQuery  = prepare(`SELECT ` + sqlstore.DelegationColumns + ` FROM delegations
		ORDER BY msisdn, prefix, org_id`)

	putSTIAnchorQuery = prepare(`INSERT INTO sti_anchors (fingerprint, subject, pem, not_after, org_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (fingerprint) DO UPDATE SET subject = excluded.subject, pem = excluded.pem,
			not_after = excluded.not_after, org_id = excluded.org_id, created_at = excluded.created_at`)
	deleteSTIAnchorQuery = prepare(`DELETE FROM sti_anchors WHERE fingerprint = ?`)
	scanSTIAnchorsQuery  = prepare(`SELECT ` + sqlstore.STIAnchorColumns + ` FROM sti_anchors ORDER BY fingerprint`)
	putSTICertQuery      = prepare(`INSERT INTO sti_certificates
		(x5u, org_id, fingerprint, subject, pem, not_before, not_after, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (x5u) DO UPDATE SET org_id = excluded.org_id, fingerprint = excluded.fingerprint,
			subject = excluded.subject, pem = excluded.pem, not_before = excluded.not_before,
			not_after = excluded.not_after, created_at = excluded.created_at`)
	scanSTICertsQuery = prepare(`SELECT ` + sqlstore.STICertificateColumns + ` FROM sti_certificates ORDER BY x5u`)

	// The bounds are optional (NULL); the cursor's time is 0 from the start.
	findConfirmedSimboxQuery = prepare(`SELECT ` + sqlstore.SuspectColumns + ` FROM simbox_suspects
		WHERE status = 'confirmed' AND (?1 IS NULL OR status_at >= ?1) AND (?2 IS NULL OR status_at <= ?2)
			AND (status_at > ?3 OR status_at = ?3 AND id > ?4)
		ORDER BY status_at, id LIMIT ?5`)

	addCallCounterQuery = prepare(`INSERT INTO call_counters (day, org_id, reason, range_prefix, count)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (day, org_id, reason, range_prefix) DO UPDATE SET count = count + excluded.count`)
	// The bounds are optional: NULL leaves a side open, 0 selects every
	// organisation. The primary key, led by day, serves the range.
	findCallCountersQuery = prepare(`SELECT ` + sqlstore.CallCounterColumns + ` FROM call_counters
		WHERE (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day < ?2) AND (?3 = 0 OR org_id = ?3)
		ORDER BY day, org_id, reason, range_prefix`)
)

var _ kuzet.TelecomStore = (*tx)(nil)

// PutRoaming inserts or replaces the roaming state of r.MSISDN.
func (tx *tx) PutRoaming(ctx context.Context, r *kuzet.Roaming) error {
	if _, err := tx.stmt(ctx, putRoamingQuery).ExecContext(ctx,
		r.MSISDN, string(r.State), r.Country, micros(r.At), r.OrgID); err != nil {
		return fmt.Errorf("sqlite: put roaming: %w", err)
	}
	r.At = sqlstore.Stored(r.At)
	return nil
}

// ScanRoaming calls fn for every stored roaming state, by MSISDN. Stops at
// and returns fn's first error. fn must not use the transaction.
func (tx *tx) ScanRoaming(ctx context.Context, fn func(*kuzet.Roaming) error) error {
	return each(ctx, tx, scanRoamingQuery, "sqlite: scan roaming", read.Roaming, fn)
}

// PutDNO inserts or replaces the entry for e.Number.
func (tx *tx) PutDNO(ctx context.Context, e *kuzet.DNOEntry) error {
	if _, err := tx.stmt(ctx, putDNOQuery).ExecContext(ctx, e.Number, e.OrgID, micros(e.CreatedAt)); err != nil {
		return fmt.Errorf("sqlite: put dno: %w", err)
	}
	e.CreatedAt = sqlstore.Stored(e.CreatedAt)
	return nil
}

// DeleteDNO removes number from the list. Returns ENOTFOUND if it is not
// listed.
func (tx *tx) DeleteDNO(ctx context.Context, number string) error {
	n, err := tx.exec(ctx, deleteDNOQuery, number)
	if err != nil {
		return fmt.Errorf("sqlite: delete dno: %w", err)
	}
	if n == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "%s is not on the Do-Not-Originate list", number)
	}
	return nil
}

// ScanDNO calls fn for every listed number, in order. Stops at and returns
// fn's first error. fn must not use the transaction.
func (tx *tx) ScanDNO(ctx context.Context, fn func(*kuzet.DNOEntry) error) error {
	return each(ctx, tx, scanDNOQuery, "sqlite: scan dno", read.DNO, fn)
}

// PutPorting inserts or replaces the porting of p.MSISDN.
func (tx *tx) PutPorting(ctx context.Context, p *kuzet.Porting) error {
	if _, err := tx.stmt(ctx, putPortingQuery).ExecContext(ctx, p.MSISDN, p.OrgID, micros(p.At)); err != nil {
		return fmt.Errorf("sqlite: put porting: %w", err)
	}
	p.At = sqlstore.Stored(p.At)
	return nil
}

// ScanPortings calls fn for every porting, by MSISDN. Stops at and returns
// fn's first error. fn must not use the transaction.
func (tx *tx) ScanPortings(ctx context.Context, fn func(*kuzet.Porting) error) error {
	return each(ctx, tx, scanPortingsQuery, "sqlite: scan portings", read.Porting, fn)
}

// PutDelegation inserts or replaces the delegation of d's MSISDN or Prefix
// to d.OrgID.
func (tx *tx) PutDelegation(ctx context.Context, d *kuzet.Delegation) error {
	if _, err := tx.stmt(ctx, putDelegationQuery).ExecContext(ctx, d.MSISDN, d.Prefix, d.OrgID, d.HolderID,
		micros(d.CreatedAt)); err != nil {
		return fmt.Errorf("sqlite: put delegation: %w", err)
	}
	d.CreatedAt = sqlstore.Stored(d.CreatedAt)
	return nil
}

// DeleteDelegation removes the delegation of d's MSISDN or Prefix to
// d.OrgID. Returns ENOTFOUND if there is none.
func (tx *tx) DeleteDelegation(ctx context.Context, d *kuzet.Delegation) error {
	n, err := tx.exec(ctx, deleteDelegationQuery, d.MSISDN, d.Prefix, d.OrgID)
	if err != nil {
		return fmt.Errorf("sqlite: delete delegation: %w", err)
	}
	if n == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "%s is not delegated to organisation %d", d.Target(), d.OrgID)
	}
	return nil
}

// ScanDelegations calls fn for every delegation, by MSISDN, prefix and
// organisation. Stops at and returns fn's first error. fn must not use the
// transaction.
func (tx *tx) ScanDelegations(ctx context.Context, fn func(*kuzet.Delegation) error) error {
	return each(ctx, tx, scanDelegationsQuery, "sqlite: scan delegations", read.Delegation, fn)
}

// PutSTIAnchor inserts or replaces the anchor with a.Fingerprint.
func (tx *tx) PutSTIAnchor(ctx context.Context, a *kuzet.STIAnchor) error {
	if _, err := tx.stmt(ctx, putSTIAnchorQuery).ExecContext(ctx, a.Fingerprint, a.Subject, a.PEM, micros(a.NotAfter),
		a.OrgID, micros(a.CreatedAt)); err != nil {
		return fmt.Errorf("sqlite: put sti anchor: %w", err)
	}
	a.NotAfter, a.CreatedAt = sqlstore.Stored(a.NotAfter), sqlstore.Stored(a.CreatedAt)
	return nil
}

// DeleteSTIAnchor removes the anchor with fingerprint. Returns ENOTFOUND if
// there is none.
func (tx *tx) DeleteSTIAnchor(ctx context.Context, fingerprint string) error {
	n, err := tx.exec(ctx, deleteSTIAnchorQuery, fingerprint)
	if err != nil {
		return fmt.Errorf("sqlite: delete sti anchor: %w", err)
	}
	if n == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "no trust anchor %s", fingerprint)
	}
	return nil
}

// ScanSTIAnchors calls fn for every anchor, by fingerprint. Stops at and
// returns fn's first error. fn must not use the transaction.
func (tx *tx) ScanSTIAnchors(ctx context.Context, fn func(*kuzet.STIAnchor) error) error {
	return each(ctx, tx, scanSTIAnchorsQuery, "sqlite: scan sti anchors", read.STIAnchor, fn)
}

// PutSTICertificate inserts or replaces the certificate with c.X5U.
func (tx *tx) PutSTICertificate(ctx context.Context, c *kuzet.STICertificate) error {
	if _, err := tx.stmt(ctx, putSTICertQuery).ExecContext(ctx, c.X5U, c.OrgID, c.Fingerprint, c.Subject, c.PEM,
		micros(c.NotBefore), micros(c.NotAfter), micros(c.CreatedAt)); err != nil {
		return fmt.Errorf("sqlite: put sti certificate: %w", err)
	}
	c.NotBefore, c.NotAfter, c.CreatedAt = sqlstore.Stored(c.NotBefore), sqlstore.Stored(c.NotAfter), sqlstore.Stored(c.CreatedAt)
	return nil
}

// ScanSTICertificates calls fn for every certificate, by x5u. Stops at and
// returns fn's first error. fn must not use the transaction.
func (tx *tx) ScanSTICertificates(ctx context.Context, fn func(*kuzet.STICertificate) error) error {
	return each(ctx, tx, scanSTICertsQuery, "sqlite: scan sti certificates", read.STICertificate, fn)
}

// FindConfirmedSimbox returns the confirmed SIM-box suspects f selects, by
// StatusAt and ID, at most kuzet.WebPageLimit(f.Limit).
func (tx *tx) FindConfirmedSimbox(ctx context.Context, f kuzet.ConfirmedSimboxFilter) ([]*kuzet.SimboxSuspect, error) {
	var after int64
	if !f.AfterAt.IsZero() {
		after = micros(f.AfterAt)
	}
	return collect(ctx, tx, findConfirmedSimboxQuery, "sqlite: find confirmed simbox suspects", read.Suspect,
		nullMicros(f.Since), nullMicros(f.Until), after, f.AfterID, kuzet.WebPageLimit(f.Limit))
}

// AddCallCounters adds each counter's Count to the stored row of the same
// UTC day, OrgID, Reason and Range, creating the row if there is none. A
// Day that is not a UTC midnight counts on the day it falls on.
func (tx *tx) AddCallCounters(ctx context.Context, counters []kuzet.CallCounter) error {
	s := tx.stmt(ctx, addCallCounterQuery)
	for _, c := range counters {
		if _, err := s.ExecContext(ctx, micros(sqlstore.UTCDay(c.Day)), c.OrgID, string(c.Reason), c.Range,
			c.Count); err != nil {
			return fmt.Errorf("sqlite: add call counters: %w", err)
		}
	}
	return nil
}

// FindCallCounters returns the rows f selects, ordered by Day, OrgID,
// Reason and Range.
func (tx *tx) FindCallCounters(ctx context.Context, f kuzet.CallCounterFilter) ([]*kuzet.CallCounter, error) {
	from, to := sqlstore.Days(f.From, f.To)
	return collect(ctx, tx, findCallCountersQuery, "sqlite: find call counters", read.CallCounter,
		nullMicros(from), nullMicros(to), f.OrgID)
}
