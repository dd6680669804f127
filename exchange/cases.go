package exchange

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kuzet/kuzet"
)

// audienceKey names a collection's audience as the store keeps shared
// cases: "partner:<org id>" or "group:<group id>".
func (c *Collection) audienceKey() string {
	if c.Group != nil {
		return "group:" + strconv.FormatInt(c.Group.ID, 10)
	}
	return "partner:" + strconv.FormatInt(c.Partner.ID, 10)
}

// ShareCase puts the summary of case caseID into collection collectionID
// (a partner's or a sharing group's), from now on, as a STIX report with
// the case's identifiers as observables, at the case's TLP level. Only
// the police share cases: EFORBIDDEN for anyone else, ENOTFOUND for an
// unknown case or collection, EINVALID for a RED case or one at a level
// the collection's readers may not receive. The sharing is audited.
func (s *Service) ShareCase(ctx context.Context, p *kuzet.Principal, collectionID, caseID string) error {
	if !p.Can(kuzet.PermPartnerWrite) {
		return kuzet.Errorf(kuzet.EFORBIDDEN, "only the police share cases")
	}
	c, err := s.Collection(ctx, p, collectionID)
	if err != nil {
		return err
	}
	now := s.cfg.Clock()
	err = kuzet.Transact(ctx, s.cfg.Store, true, func(tx kuzet.Tx) error {
		cs, err := tx.FindCase(ctx, caseID)
		if err != nil {
			return err
		}
		orgs, err := tx.FindOrgs(ctx)
		if err != nil {
			return err
		}
		aud, err := s.audienceOf(ctx, tx, c, orgs)
		if err != nil {
			return err
		}
		switch lvl := s.caseLevel(cs); {
		case lvl == kuzet.TLPRed:
			return kuzet.Invalid("case_id", "case %s is TLP:RED: it never leaves", cs.ID)
		case !allows(&aud.rights, lvl):
			return kuzet.Invalid("case_id", "case %s is TLP:%s, which the collection's readers may not receive", cs.ID, strings.ToUpper(string(lvl)))
		}
		if err := tx.PutSharedCase(ctx, &kuzet.SharedCase{CaseID: cs.ID, Audience: c.audienceKey(), OrgID: p.Org.ID, SharedAt: now}); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: p.Org.ID, Action: kuzet.AuditExchangeShareCase,
			Object: "case:" + cs.ID, Detail: "collection=" + c.ID + " " + c.audienceName()})
	})
	if err != nil {
		return fmt.Errorf("exchange: share case: %w", err)
	}
	return nil
}

func (s *Service) caseLevel(c *kuzet.Case) kuzet.TLP {
	if c.TLP != "" {
		return c.TLP
	}
	return s.cfg.DefaultTLP
}

// caseItems returns the objects of the cases shared with collection c
// that its audience may still receive: each case's report and the
// observables of its identifiers, added when shared or last changed.
func (s *Service) caseItems(ctx context.Context, tx kuzet.Tx, ns UUID, c Collection, aud *audience) ([]staticItem, error) {
	if c.Partner == nil && c.Group == nil {
		return nil, nil
	}
	shared, err := tx.FindSharedCases(ctx, c.audienceKey())
	if err != nil {
		return nil, err
	}
	var out []staticItem
	seen := map[string]bool{} // an identifier two cases name is served once
	for _, sc := range shared {
		cs, err := tx.FindCase(ctx, sc.CaseID)
		if kuzet.ErrorCode(err) == kuzet.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, err
		}
		lvl := s.caseLevel(cs)
		if lvl == kuzet.TLPRed || !allows(&aud.rights, lvl) {
			continue // marked up since it was shared
		}
		added := sc.SharedAt
		if cs.UpdatedAt.After(added) {
			added = cs.UpdatedAt
		}
		for _, o := range caseObjects(ns, cs, sc, lvl, seen) {
			out = append(out, staticItem{position{T: added.UnixMicro(), Key: o.ID},
				Item{Object: o, DateAdded: added, Version: versionOf(o, added)}})
		}
	}
	return out, nil
}

// caseObjects returns a case's summary as STIX: a report whose refs are
// the observables of the identifiers the case names (its suspects',
// its call centres' numbers and SIM boxes). Names of people, victims'
// reports, notes and evidence stay home.
func caseObjects(ns UUID, cs *kuzet.Case, sc *kuzet.SharedCase, lvl kuzet.TLP, seen map[string]bool) []Object {
	marks := markRefs[lvl]
	var objs []Object
	var refs []string
	add := func(kind kuzet.Kind, value string) {
		o, _, ok := observable(kind, value)
		if !ok || slices.Contains(refs, o.ID) {
			return
		}
		refs = append(refs, o.ID)
		if !seen[o.ID] {
			seen[o.ID] = true
			o.ObjectMarkingRefs = marks
			objs = append(objs, o)
		}
	}
	foreign := 0
	for _, sp := range cs.Suspects {
		if sp.Foreign() {
			foreign++
		}
		for _, ind := range sp.Identifiers {
			add(ind.Kind, ind.Value)
		}
	}
	var countries []string
	for _, cc := range cs.CallCentres {
		for _, n := range cc.Numbers {
			add(kuzet.KindPhone, n)
		}
		for _, imei := range cc.SimboxIMEIs {
			add(kuzet.KindIMEI, imei)
		}
		if cc.Country != "" && !slices.Contains(countries, strings.ToUpper(cc.Country)) {
			countries = append(countries, strings.ToUpper(cc.Country))
		}
	}
	author := orgIdentity(ns, sc.OrgID)
	if len(refs) == 0 {
		refs = append(refs, author) // a report names at least one object
	}
	var d strings.Builder
	fmt.Fprintf(&d, "A kuzet case, status %s.", cs.Status)
	if cs.Scheme != "" {
		fmt.Fprintf(&d, " Scheme: %s.", cs.Scheme)
	}
	if cs.Region != "" {
		fmt.Fprintf(&d, " Region: %s.", cs.Region)
	}
	fmt.Fprintf(&d, " Suspects: %d (%d foreign). Call centres: %d", len(cs.Suspects), foreign, len(cs.CallCentres))
	if len(countries) > 0 {
		fmt.Fprintf(&d, " (%s)", strings.Join(countries, ", "))
	}
	d.WriteString(".")
	created, modified := stixTime(cs.CreatedAt), stixTime(cs.UpdatedAt)
	if modified < created {
		modified = created
	}
	rep := Object{Type: "report", SpecVersion: SpecVersion, ID: "report--" + ns.V5("case/"+cs.ID).String(),
		CreatedByRef: author, Created: created, Modified: modified, Name: kuzet.Clip("kuzet case "+cs.ID+": "+cs.Title, 300),
		Description: d.String(), ReportTypes: []string{"campaign"}, Published: stixTime(sc.SharedAt), ObjectRefs: refs,
		ObjectMarkingRefs: marks}
	return append(objs, rep)
}
