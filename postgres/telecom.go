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

	// One statement for the whole flush. The rows arrive merged and sorted,
	// so that no row is hit twice (which ON CONFLICT DO UPDATE forbids) and
	// nodes flushing at once take the row locks in one order, never
	// deadlocking.
	addCallCountersSQL = `INSERT INTO call_counters (day, org_id, reason, count)
		SELECT * FROM unnest($1::date[], $2::bigint[], $3::text[], $4::bigint[])
		ON CONFLICT (day, org_id, reason) DO UPDATE SET count = call_counters.count + excluded.count`
	// "C" ordering: reasons sort by bytes, as in SQLite, whatever the
	// database's collation.
	findCallCountersSQL = `SELECT ` + sqlstore.CallCounterColumns + ` FROM call_counters
		WHERE ($1::date IS NULL OR day >= $1) AND ($2::date IS NULL OR day < $2) AND ($3::bigint = 0 OR org_id = $3)
		ORDER BY day, org_id, reason COLLATE "C"`
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

// counterKey is a counter row's identity.
type counterKey struct {
	day    time.Time
	org    int64
	reason string
}

// AddCallCounters adds each counter's Count to the stored row of the same
// UTC day, OrgID and Reason, creating the row if there is none. A Day that
// is not a UTC midnight counts on the day it falls on.
func (tx *tx) AddCallCounters(ctx context.Context, counters []kuzet.CallCounter) error {
	if len(counters) == 0 {
		return nil
	}
	sums := make(map[counterKey]int64, len(counters))
	for _, c := range counters {
		sums[counterKey{sqlstore.UTCDay(c.Day), c.OrgID, string(c.Reason)}] += c.Count
	}
	keys := make([]counterKey, 0, len(sums))
	for k := range sums {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b counterKey) int {
		return cmp.Or(a.day.Compare(b.day), cmp.Compare(a.org, b.org), cmp.Compare(a.reason, b.reason))
	})
	days, orgs, reasons, counts := make([]time.Time, len(keys)), make([]int64, len(keys)), make([]string, len(keys)), make([]int64, len(keys))
	for i, k := range keys {
		days[i], orgs[i], reasons[i], counts[i] = k.day, k.org, k.reason, sums[k]
	}
	if _, err := tx.tx.Exec(ctx, addCallCountersSQL, days, orgs, reasons, counts); err != nil {
		return fmt.Errorf("postgres: add call counters: %w", err)
	}
	return nil
}

// FindCallCounters returns the rows f selects, ordered by Day, OrgID and
// Reason.
func (tx *tx) FindCallCounters(ctx context.Context, f kuzet.CallCounterFilter) ([]*kuzet.CallCounter, error) {
	from, to := sqlstore.Days(f.From, f.To)
	return collect(ctx, tx, findCallCountersSQL, "postgres: find call counters", read.CallCounter, nullTime(from),
		nullTime(to), f.OrgID)
}
