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

	addCallCounterQuery = prepare(`INSERT INTO call_counters (day, org_id, reason, count) VALUES (?, ?, ?, ?)
		ON CONFLICT (day, org_id, reason) DO UPDATE SET count = count + excluded.count`)
	// The bounds are optional: NULL leaves a side open, 0 selects every
	// organisation. The primary key, led by day, serves the range.
	findCallCountersQuery = prepare(`SELECT ` + sqlstore.CallCounterColumns + ` FROM call_counters
		WHERE (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day < ?2) AND (?3 = 0 OR org_id = ?3)
		ORDER BY day, org_id, reason`)
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

// AddCallCounters adds each counter's Count to the stored row of the same
// UTC day, OrgID and Reason, creating the row if there is none. A Day that
// is not a UTC midnight counts on the day it falls on.
func (tx *tx) AddCallCounters(ctx context.Context, counters []kuzet.CallCounter) error {
	s := tx.stmt(ctx, addCallCounterQuery)
	for _, c := range counters {
		if _, err := s.ExecContext(ctx, micros(sqlstore.UTCDay(c.Day)), c.OrgID, string(c.Reason), c.Count); err != nil {
			return fmt.Errorf("sqlite: add call counters: %w", err)
		}
	}
	return nil
}

// FindCallCounters returns the rows f selects, ordered by Day, OrgID and
// Reason.
func (tx *tx) FindCallCounters(ctx context.Context, f kuzet.CallCounterFilter) ([]*kuzet.CallCounter, error) {
	from, to := sqlstore.Days(f.From, f.To)
	return collect(ctx, tx, findCallCountersQuery, "sqlite: find call counters", read.CallCounter,
		nullMicros(from), nullMicros(to), f.OrgID)
}
