package sqlstore

import (
	"time"

	"github.com/kuzet/kuzet"
)

// PartnerColumns are the columns Partner reads, in order.
const PartnerColumns = `org_id, confidence, allow_amber, allow_amber_strict, updated_at`

// Partner reads one row of PartnerColumns.
func (r Reader) Partner(s Scanner) (*kuzet.Partner, error) {
	p := new(kuzet.Partner)
	return p, s.Scan(&p.OrgID, &p.Confidence, &p.AllowAmber, &p.AllowAmberStrict, r.d.Time(&p.UpdatedAt))
}

// Marking reads org_id, kind, value, tlp.
func (r Reader) Marking(s Scanner) (*kuzet.Marking, error) {
	m := new(kuzet.Marking)
	var kind, tlp string
	err := s.Scan(&m.OrgID, &kind, &m.Value, &tlp)
	m.Kind, m.TLP = kuzet.Kind(kind), kuzet.TLP(tlp)
	return m, err
}

// MarkedReportColumns are the columns MarkedReport reads, in order, of
// reports r joined to exchange_markings m.
const MarkedReportColumns = `r.id, r.org_id, r.kind, r.value, r.category, r.confidence, r.evidence, r.valid_until,
	r.created_at, r.updated_at, coalesce(m.tlp, '')`

// MarkedReport reads one row of MarkedReportColumns.
func (r Reader) MarkedReport(s Scanner) (*kuzet.MarkedReport, error) {
	m := new(kuzet.MarkedReport)
	var kind, category, tlp string
	err := s.Scan(&m.ID, &m.OrgID, &kind, &m.Value, &category, &m.Confidence, &m.Evidence, r.d.Time(&m.ValidUntil),
		r.d.Time(&m.CreatedAt), r.d.Time(&m.UpdatedAt), &tlp)
	m.Kind, m.Category, m.TLP = kuzet.Kind(kind), kuzet.Category(category), kuzet.TLP(tlp)
	return m, err
}

// ExchangeObjectColumns are the columns ExchangeObject reads, in order.
const ExchangeObjectColumns = `org_id, id, modified, type, status, reason, body, created_at`

// Unversioned is the stored Modified of an object without a version: the
// key needs a value, and the epoch is no real STIX version.
var Unversioned = time.Unix(0, 0).UTC()

// ExchangeObject reads one row of ExchangeObjectColumns.
func (r Reader) ExchangeObject(s Scanner) (*kuzet.ExchangeObject, error) {
	o := new(kuzet.ExchangeObject)
	err := s.Scan(&o.OrgID, &o.ID, r.d.Time(&o.Modified), &o.Type, &o.Status, &o.Reason, &o.Body, r.d.Time(&o.CreatedAt))
	if o.Modified.Equal(Unversioned) {
		o.Modified = time.Time{}
	}
	return o, err
}

// ExchangeStatusColumns are the columns ExchangeStatus reads, in order.
const ExchangeStatusColumns = `id, org_id, body, created_at`

// ExchangeStatus reads one row of ExchangeStatusColumns.
func (r Reader) ExchangeStatus(s Scanner) (*kuzet.ExchangeStatus, error) {
	st := new(kuzet.ExchangeStatus)
	return st, s.Scan(&st.ID, &st.OrgID, &st.Body, r.d.Time(&st.CreatedAt))
}

// PullCheckpointColumns are the columns PullCheckpoint reads, in order.
const PullCheckpointColumns = `source, added_after, objects, updated_at`

// PullCheckpoint reads one row of PullCheckpointColumns.
func (r Reader) PullCheckpoint(s Scanner) (*kuzet.PullCheckpoint, error) {
	c := new(kuzet.PullCheckpoint)
	return c, s.Scan(&c.Source, &c.AddedAfter, &c.Objects, r.d.Time(&c.UpdatedAt))
}

// StoredModified is the stored form of an exchange object's version.
func StoredModified(t time.Time) time.Time {
	if t.IsZero() {
		return Unversioned
	}
	return Stored(t)
}
