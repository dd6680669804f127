package exchange

import (
	"context"
	"strconv"
	"time"

	"github.com/kuzet/kuzet"
)

// audience is who reads what is served: a partner, a sharing group, or the
// police reading what a partner receives. Every export (TAXII page, bulk
// bundle, MISP feed) asks it which reports go out.
type audience struct {
	rights   kuzet.Partner  // the TLP levels it may receive
	exclude  int64          // an organisation whose reports are not served back to it
	partners map[int64]bool // partners: their restricted reports are never passed on
}

// sends reports whether r goes to the audience: shareable at all, not the
// reader's own, at a level the audience may receive, and, if a partner
// reported it, at a level that may be passed on (TLP:AMBER and above a
// partner gave kuzet stay with kuzet's own organisations).
func (a *audience) sends(s *Service, r *kuzet.MarkedReport, now time.Time) bool {
	if !s.shareable(r, now) || r.OrgID == a.exclude {
		return false
	}
	lvl := s.level(r)
	if a.partners[r.OrgID] && rank(lvl) >= rank(kuzet.TLPAmber) {
		return false
	}
	return allows(&a.rights, lvl)
}

// partnerIDs returns the ids of the partner organisations among orgs.
func partnerIDs(orgs []*kuzet.Org) map[int64]bool {
	m := map[int64]bool{}
	for _, o := range orgs {
		if o.Type == kuzet.OrgPartner {
			m[o.ID] = true
		}
	}
	return m
}

// audienceOf returns the audience of collection c: its partner's rights,
// or for a sharing group the rights every reading member has (what one
// member may not receive, the group's collection does not hold).
func (s *Service) audienceOf(ctx context.Context, tx kuzet.Tx, c Collection, orgs []*kuzet.Org) (*audience, error) {
	a := &audience{partners: partnerIDs(orgs)}
	if c.Group == nil {
		p, err := s.partner(ctx, tx, c.Partner.ID)
		if err != nil {
			return nil, err
		}
		a.rights, a.exclude = *p, c.Partner.ID
		return a, nil
	}
	a.rights = kuzet.Partner{AllowAmber: true, AllowAmberStrict: true}
	readers := 0
	for _, m := range c.Group.Members {
		if !m.CanRead {
			continue
		}
		readers++
		p, err := s.partner(ctx, tx, m.OrgID)
		if err != nil {
			return nil, err
		}
		a.rights.AllowAmber = a.rights.AllowAmber && p.AllowAmber
		a.rights.AllowAmberStrict = a.rights.AllowAmberStrict && p.AllowAmberStrict
	}
	if readers == 0 {
		a.rights.AllowAmber, a.rights.AllowAmberStrict = false, false
	}
	return a, nil
}

// audienceName names a collection's audience in audit entries.
func (c *Collection) audienceName() string {
	if c.Group != nil {
		return "group=" + strconv.FormatInt(c.Group.ID, 10)
	}
	return "partner=" + strconv.FormatInt(c.Partner.ID, 10)
}

// versions returns every version of a report's objects that q selects,
// oldest first: the store keeps the report as it was before each change,
// from which the indicator and sighting of that time are made again (the
// observable, which has no versions of its own, once). items are the
// report's current objects.
func (s *Service) versions(ctx context.Context, tx kuzet.Tx, mk *maker, r *kuzet.MarkedReport, q *Query, items []Item) ([]Item, error) {
	var olds []*kuzet.Report
	if r.UpdatedAt.After(r.CreatedAt) && q.wantsAny(items) {
		var err error
		if olds, err = tx.FindReportVersions(ctx, r.ID); err != nil {
			return nil, err
		}
	}
	byID := map[string][]Item{}
	var order []string
	add := func(it Item) {
		if _, ok := byID[it.Object.ID]; !ok {
			order = append(order, it.Object.ID)
		}
		byID[it.Object.ID] = append(byID[it.Object.ID], it)
	}
	for _, old := range olds {
		mr := &kuzet.MarkedReport{Report: *old, TLP: r.TLP}
		objs, _ := mk.reportObjects(mr, s.level(r))
		for k, o := range objs {
			if k == 0 {
				continue // the observable: its current form only
			}
			add(Item{Object: o, DateAdded: old.UpdatedAt, Version: versionOf(o, old.UpdatedAt)})
		}
	}
	for _, it := range items {
		add(it)
	}
	var out []Item
	for _, id := range order {
		out = append(out, q.pickVersions(byID[id])...)
	}
	return out, nil
}

// wantsAny reports whether any of a report's objects passes q's id and
// type filters: a report none of whose objects do needs no history read.
func (q *Query) wantsAny(items []Item) bool {
	for i := range items {
		if q.matches(&items[i], false) {
			return true
		}
	}
	return false
}
