package postgres

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

const (
	putRoamingSQL = `INSERT INTO roaming (msisdn, state, country, at, org_id) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (msisdn) DO UPDATE SET
			state = excluded.state, country = excluded.country, at = excluded.at, org_id = excluded.org_id`
	scanRoamingSQL = `SELECT ` + sqlstore.RoamingColumns + ` FROM roaming ORDER BY msisdn COLLATE "C"`

	putDNOSQL = `INSERT INTO dno (number, org_id, created_at) VALUES ($1, $2, $3)
		ON CONFLICT (number) DO UPDATE SET org_id = excluded.org_id, created_at = excluded.created_at`
	deleteDNOSQL = `DELETE FROM dno WHERE number = $1`
	scanDNOSQL   = `SELECT ` + sqlstore.DNOColumns + ` FROM dno ORDER BY number COLLATE "C"`

	putPortingSQL = `INSERT INTO portings (msisdn, org_id, at) VALUES ($1, $2, $3)
		ON CONFLICT (msisdn) DO UPDATE SET org_id = excluded.org_id, at = excluded.at`
	scanPortingsSQL = `SELECT ` + sqlstore.PortingColumns + ` FROM portings ORDER BY msisdn COLLATE "C"`

	putDelegationSQL = `INSERT INTO delegations (msisdn, prefix, org_id, holder_id, created_at) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (msisdn, prefix, org_id) DO UPDATE SET holder_id = excluded.holder_id, created_at = excluded.created_at`
	deleteDelegationSQL = `DELETE FROM delegations WHERE msisdn = $1 AND prefix = $2 AND org_id = $3`
	scanDelegationsSQL  = `SELECT ` + sqlstore.DelegationColumns + ` FROM delegations
		ORDER BY msisdn COLLATE "C", prefix COLLATE "C", org_id`

	putSTIAnchorSQL = `INSERT INTO sti_anchors (fingerprint, subject, pem, not_after, org_id, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (fingerprint) DO UPDATE SET subject = excluded.subject, pem = excluded.pem,
			not_after = excluded.not_after, org_id = excluded.org_id, created_at = excluded.created_at`
	deleteSTIAnchorSQL = `DELETE FROM sti_anchors WHERE fingerprint = $1`
	scanSTIAnchorsSQL  = `SELECT ` + sqlstore.STIAnchorColumns + ` FROM sti_anchors ORDER BY fingerprint COLLATE "C"`
	putSTICertSQL      = `INSERT INTO sti_certificates
		(x5u, org_id, fingerprint, subject, pem, not_before, not_after, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (x5u) DO UPDATE SET org_id = excluded.org_id, fingerprint = excluded.fingerprint,
			subject = excluded.subject, pem = excluded.pem, not_before = excluded.not_before,
			not_after = excluded.not_after, created_at = excluded.created_at`
	scanSTICertsSQL = `SELECT ` + sqlstore.STICertificateColumns + ` FROM sti_certificates ORDER BY x5u COLLATE "C"`

	findConfirmedSimboxSQL = `SELECT ` + sqlstore.SuspectColumns + ` FROM simbox_suspects
		WHERE status = 'confirmed' AND ($1::timestamptz IS NULL OR status_at >= $1)
			AND ($2::timestamptz IS NULL OR status_at <= $2)
			AND ($3::timestamptz IS NULL OR status_at > $3 OR status_at = $3 AND id > $4)
		ORDER BY status_at, id LIMIT $5`

	// One statement for the whole flush. The rows arrive merged and sorted,
	// so that no row is hit twice (which ON CONFLICT DO UPDATE forbids) and
	// nodes flushing at once take the row locks in one order, never
	// deadlocking.
	addCallCountersSQL = `INSERT INTO call_counters (day, org_id, reason, range_prefix, count)
		SELECT * FROM unnest($1::date[], $2::bigint[], $3::text[], $4::text[], $5::bigint[])
		ON CONFLICT (day, org_id, reason, range_prefix) DO UPDATE SET count = call_counters.count + excluded.count`
	// "C" ordering: reasons sort by bytes, as in SQLite, whatever the
	// database's collation.
	findCallCountersSQL = `SELECT ` + sqlstore.CallCounterColumns + ` FROM call_counters
		WHERE ($1::date IS NULL OR day >= $1) AND ($2::date IS NULL OR day < $2) AND ($3::bigint = 0 OR org_id = $3)
		ORDER BY day, org_id, reason COLLATE "C", range_prefix COLLATE "C"`
)

var _ kuzet.TelecomStore = (*tx)(nil)

// PutRoaming inserts or replaces the roaming state of r.MSISDN.
func (tx *tx) PutRoaming(ctx context.Context, r *kuzet.Roaming) error {
	if _, err := tx.tx.Exec(ctx, putRoamingSQL, r.MSISDN, string(r.State), r.Country, sqlstore.Stored(r.At),
		r.OrgID); err != nil {
		return fmt.Errorf("postgres: put roaming: %w", err)
	}
	r.At = sqlstore.Stored(r.At)
	return nil
}

// ScanRoaming calls fn for every stored roaming state, by MSISDN. Stops at
// and returns fn's first error. fn must not use the transaction.
func (tx *tx) ScanRoaming(ctx context.Context, fn func(*kuzet.Roaming) error) error {
	return each(ctx, tx, scanRoamingSQL, "postgres: scan roaming", read.Roaming, fn)
}

// PutDNO inserts or replaces the entry for e.Number.
func (tx *tx) PutDNO(ctx context.Context, e *kuzet.DNOEntry) error {
	if _, err := tx.tx.Exec(ctx, putDNOSQL, e.Number, e.OrgID, sqlstore.Stored(e.CreatedAt)); err != nil {
		return fmt.Errorf("postgres: put dno: %w", err)
	}
	e.CreatedAt = sqlstore.Stored(e.CreatedAt)
	return nil
}

// DeleteDNO removes number from the list. Returns ENOTFOUND if it is not
// listed.
func (tx *tx) DeleteDNO(ctx context.Context, number string) error {
	tag, err := tx.tx.Exec(ctx, deleteDNOSQL, number)
	if err != nil {
		return fmt.Errorf("postgres: delete dno: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "%s is not on the Do-Not-Originate list", number)
	}
	return nil
}

// ScanDNO calls fn for every listed number, in order. Stops at and returns
// fn's first error. fn must not use the transaction.
func (tx *tx) ScanDNO(ctx context.Context, fn func(*kuzet.DNOEntry) error) error {
	return each(ctx, tx, scanDNOSQL, "postgres: scan dno", read.DNO, fn)
}

// PutPorting inserts or replaces the porting of p.MSISDN.
func (tx *tx) PutPorting(ctx context.Context, p *kuzet.Porting) error {
	if _, err := tx.tx.Exec(ctx, putPortingSQL, p.MSISDN, p.OrgID, sqlstore.Stored(p.At)); err != nil {
		return fmt.Errorf("postgres: put porting: %w", err)
	}
	p.At = sqlstore.Stored(p.At)
	return nil
}

// ScanPortings calls fn for every porting, by MSISDN. Stops at and returns
// fn's first error. fn must not use the transaction.
func (tx *tx) ScanPortings(ctx context.Context, fn func(*kuzet.Porting) error) error {
	return each(ctx, tx, scanPortingsSQL, "postgres: scan portings", read.Porting, fn)
}

// PutDelegation inserts or replaces the delegation of d's MSISDN or Prefix
// to d.OrgID.
func (tx *tx) PutDelegation(ctx context.Context, d *kuzet.Delegation) error {
	if _, err := tx.tx.Exec(ctx, putDelegationSQL, d.MSISDN, d.Prefix, d.OrgID, d.HolderID,
		sqlstore.Stored(d.CreatedAt)); err != nil {
		return fmt.Errorf("postgres: put delegation: %w", err)
	}
	d.CreatedAt = sqlstore.Stored(d.CreatedAt)
	return nil
}

// DeleteDelegation removes the delegation of d's MSISDN or Prefix to
// d.OrgID. Returns ENOTFOUND if there is none.
func (tx *tx) DeleteDelegation(ctx context.Context, d *kuzet.Delegation) error {
	tag, err := tx.tx.Exec(ctx, deleteDelegationSQL, d.MSISDN, d.Prefix, d.OrgID)
	if err != nil {
		return fmt.Errorf("postgres: delete delegation: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "%s is not delegated to organisation %d", d.Target(), d.OrgID)
	}
	return nil
}

// ScanDelegations calls fn for every delegation, by MSISDN, prefix and
// organisation. Stops at and returns fn's first error. fn must not use the
// transaction.
func (tx *tx) ScanDelegations(ctx context.Context, fn func(*kuzet.Delegation) error) error {
	return each(ctx, tx, scanDelegationsSQL, "postgres: scan delegations", read.Delegation, fn)
}

// PutSTIAnchor inserts or replaces the anchor with a.Fingerprint.
func (tx *tx) PutSTIAnchor(ctx context.Context, a *kuzet.STIAnchor) error {
	if _, err := tx.tx.Exec(ctx, putSTIAnchorSQL, a.Fingerprint, a.Subject, a.PEM, sqlstore.Stored(a.NotAfter), a.OrgID,
		sqlstore.Stored(a.CreatedAt)); err != nil {
		return fmt.Errorf("postgres: put sti anchor: %w", err)
	}
	a.NotAfter, a.CreatedAt = sqlstore.Stored(a.NotAfter), sqlstore.Stored(a.CreatedAt)
	return nil
}

// DeleteSTIAnchor removes the anchor with fingerprint. Returns ENOTFOUND if
// there is none.
func (tx *tx) DeleteSTIAnchor(ctx context.Context, fingerprint string) error {
	tag, err := tx.tx.Exec(ctx, deleteSTIAnchorSQL, fingerprint)
	if err != nil {
		return fmt.Errorf("postgres: delete sti anchor: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return kuzet.Errorf(kuzet.ENOTFOUND, "no trust anchor %s", fingerprint)
	}
	return nil
}

// ScanSTIAnchors calls fn for every anchor, by fingerprint. Stops at and
// returns fn's first error. fn must not use the transaction.
func (tx *tx) ScanSTIAnchors(ctx context.Context, fn func(*kuzet.STIAnchor) error) error {
	return each(ctx, tx, scanSTIAnchorsSQL, "postgres: scan sti anchors", read.STIAnchor, fn)
}

// PutSTICertificate inserts or replaces the certificate with c.X5U.
func (tx *tx) PutSTICertificate(ctx context.Context, c *kuzet.STICertificate) error {
	if _, err := tx.tx.Exec(ctx, putSTICertSQL, c.X5U, c.OrgID, c.Fingerprint, c.Subject, c.PEM, sqlstore.Stored(c.NotBefore),
		sqlstore.Stored(c.NotAfter), sqlstore.Stored(c.CreatedAt)); err != nil {
		return fmt.Errorf("postgres: put sti certificate: %w", err)
	}
	c.NotBefore, c.NotAfter, c.CreatedAt = sqlstore.Stored(c.NotBefore), sqlstore.Stored(c.NotAfter), sqlstore.Stored(c.CreatedAt)
	return nil
}

// ScanSTICertificates calls fn for every certificate, by x5u. Stops at and
// returns fn's first error. fn must not use the transaction.
func (tx *tx) ScanSTICertificates(ctx context.Context, fn func(*kuzet.STICertificate) error) error {
	return each(ctx, tx, scanSTICertsSQL, "postgres: scan sti certificates", read.STICertificate, fn)
}

// FindConfirmedSimbox returns the confirmed SIM-box suspects f selects, by
// StatusAt and ID, at most kuzet.WebPageLimit(f.Limit).
func (tx *tx) FindConfirmedSimbox(ctx context.Context, f kuzet.ConfirmedSimboxFilter) ([]*kuzet.SimboxSuspect, error) {
	return collect(ctx, tx, findConfirmedSimboxSQL, "postgres: find confirmed simbox suspects", read.Suspect,
		nullTime(f.Since), nullTime(f.Until), nullTime(f.AfterAt), f.AfterID, kuzet.WebPageLimit(f.Limit))
}

// counterKey is a counter row's identity.
type counterKey struct {
	day    time.Time
	org    int64
	reason string
	rng    string
}

// AddCallCounters adds each counter's Count to the stored row of the same
// UTC day, OrgID, Reason and Range, creating the row if there is none. A
// Day that is not a UTC midnight counts on the day it falls on.
func (tx *tx) AddCallCounters(ctx context.Context, counters []kuzet.CallCounter) error {
	if len(counters) == 0 {
		return nil
	}
	sums := make(map[counterKey]int64, len(counters))
	for _, c := range counters {
		sums[counterKey{sqlstore.UTCDay(c.Day), c.OrgID, string(c.Reason), c.Range}] += c.Count
	}
	keys := make([]counterKey, 0, len(sums))
	for k := range sums {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b counterKey) int {
		return cmp.Or(a.day.Compare(b.day), cmp.Compare(a.org, b.org), cmp.Compare(a.reason, b.reason),
			cmp.Compare(a.rng, b.rng))
	})
	n := len(keys)
	days, orgs, reasons, ranges, counts := make([]time.Time, n), make([]int64, n), make([]string, n), make([]string, n), make([]int64, n)
	for i, k := range keys {
		days[i], orgs[i], reasons[i], ranges[i], counts[i] = k.day, k.org, k.reason, k.rng, sums[k]
	}
	if _, err := tx.tx.Exec(ctx, addCallCountersSQL, days, orgs, reasons, ranges, counts); err != nil {
		return fmt.Errorf("postgres: add call counters: %w", err)
	}
	return nil
}

// FindCallCounters returns the rows f selects, ordered by Day, OrgID,
// Reason and Range.
func (tx *tx) FindCallCounters(ctx context.Context, f kuzet.CallCounterFilter) ([]*kuzet.CallCounter, error) {
	from, to := sqlstore.Days(f.From, f.To)
	return collect(ctx, tx, findCallCountersSQL, "postgres: find call counters", read.CallCounter, nullTime(from),
		nullTime(to), f.OrgID)
}
