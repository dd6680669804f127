package sqlstore

import "github.com/kuzet/kuzet"

// RoamingColumns are the columns Roaming reads, in order.
const RoamingColumns = `msisdn, state, country, at, org_id`

// Roaming reads one row of RoamingColumns.
func (r Reader) Roaming(s Scanner) (*kuzet.Roaming, error) {
	var v kuzet.Roaming
	if err := s.Scan(&v.MSISDN, &v.State, &v.Country, r.d.Time(&v.At), &v.OrgID); err != nil {
		return nil, err
	}
	return &v, nil
}

// DNOColumns are the columns DNO reads, in order.
const DNOColumns = `number, org_id, created_at`

// DNO reads one row of DNOColumns.
func (r Reader) DNO(s Scanner) (*kuzet.DNOEntry, error) {
	var e kuzet.DNOEntry
	if err := s.Scan(&e.Number, &e.OrgID, r.d.Time(&e.CreatedAt)); err != nil {
		return nil, err
	}
	return &e, nil
}

// PortingColumns are the columns Porting reads, in order.
const PortingColumns = `msisdn, org_id, at`

// Porting reads one row of PortingColumns.
func (r Reader) Porting(s Scanner) (*kuzet.Porting, error) {
	var p kuzet.Porting
	if err := s.Scan(&p.MSISDN, &p.OrgID, r.d.Time(&p.At)); err != nil {
		return nil, err
	}
	return &p, nil
}

// CallCounterColumns are the columns CallCounter reads, in order.
const CallCounterColumns = `day, org_id, reason, count`

// CallCounter reads one row of CallCounterColumns.
func (r Reader) CallCounter(s Scanner) (*kuzet.CallCounter, error) {
	var c kuzet.CallCounter
	if err := s.Scan(r.d.Time(&c.Day), &c.OrgID, &c.Reason, &c.Count); err != nil {
		return nil, err
	}
	return &c, nil
}
