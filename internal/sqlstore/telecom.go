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

// DelegationColumns are the columns Delegation reads, in order.
const DelegationColumns = `msisdn, prefix, org_id, holder_id, created_at`

// Delegation reads one row of DelegationColumns.
func (r Reader) Delegation(s Scanner) (*kuzet.Delegation, error) {
	var d kuzet.Delegation
	if err := s.Scan(&d.MSISDN, &d.Prefix, &d.OrgID, &d.HolderID, r.d.Time(&d.CreatedAt)); err != nil {
		return nil, err
	}
	return &d, nil
}

// STIAnchorColumns are the columns STIAnchor reads, in order.
const STIAnchorColumns = `fingerprint, subject, pem, not_after, org_id, created_at`

// STIAnchor reads one row of STIAnchorColumns.
func (r Reader) STIAnchor(s Scanner) (*kuzet.STIAnchor, error) {
	var a kuzet.STIAnchor
	if err := s.Scan(&a.Fingerprint, &a.Subject, &a.PEM, r.d.Time(&a.NotAfter), &a.OrgID, r.d.Time(&a.CreatedAt)); err != nil {
		return nil, err
	}
	return &a, nil
}

// STICertificateColumns are the columns STICertificate reads, in order.
const STICertificateColumns = `x5u, org_id, fingerprint, subject, pem, not_before, not_after, created_at`

// STICertificate reads one row of STICertificateColumns.
func (r Reader) STICertificate(s Scanner) (*kuzet.STICertificate, error) {
	var c kuzet.STICertificate
	if err := s.Scan(&c.X5U, &c.OrgID, &c.Fingerprint, &c.Subject, &c.PEM, r.d.Time(&c.NotBefore), r.d.Time(&c.NotAfter),
		r.d.Time(&c.CreatedAt)); err != nil {
		return nil, err
	}
	return &c, nil
}

// CallCounterColumns are the columns CallCounter reads, in order.
const CallCounterColumns = `day, org_id, reason, range_prefix, count`

// CallCounter reads one row of CallCounterColumns.
func (r Reader) CallCounter(s Scanner) (*kuzet.CallCounter, error) {
	var c kuzet.CallCounter
	if err := s.Scan(r.d.Time(&c.Day), &c.OrgID, &c.Reason, &c.Range, &c.Count); err != nil {
		return nil, err
	}
	return &c, nil
}
