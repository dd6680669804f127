package exchange_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/exchange"
)

func (f *fixture) createCase(t *testing.T, c *kuzet.Case) {
	t.Helper()
	c.Status, c.CreatedAt, c.UpdatedAt, c.Version = kuzet.CaseSuspectsIdentified, f.now, f.now, 1
	if err := kuzet.Transact(f.ctx, f.store, true, func(tx kuzet.Tx) error { return tx.CreateCase(f.ctx, c) }); err != nil {
		t.Fatal(err)
	}
}

// TestShareCase: the police choose which case summaries a partner
// receives; the summary is a STIX report over the case's identifiers that
// validates, names no person, and keeps to TLP.
func TestShareCase(t *testing.T) {
	schemas := loadSchemas(t)
	f := newFixture(t)
	police := principal(f.police)
	other := f.org(t, "Other Partner", kuzet.OrgPartner)
	f.createCase(t, &kuzet.Case{ID: "C-1", Title: "Call centre in Yerevan", TLP: kuzet.TLPGreen, Scheme: "bank_security", Region: "Almaty",
		Suspects: []kuzet.Suspect{{ID: "S1", Name: "Ivan Petrov", Citizenship: "AM", IdentifiedAt: f.now,
			Identifiers: []kuzet.Indicator{{Kind: kuzet.KindPhone, Value: "+37491234567"}, {Kind: kuzet.KindIBAN, Value: "KZ077220000000900000"}}}},
		CallCentres: []kuzet.CallCentre{{ID: "CC1", Country: "am", Status: kuzet.CallCentreActive, Numbers: []string{"+37491234567", "+37491234568"},
			SimboxIMEIs: []string{"490154203237518"}}}})
	f.createCase(t, &kuzet.Case{ID: "C-RED", Title: "secret", TLP: kuzet.TLPRed})
	f.createCase(t, &kuzet.Case{ID: "C-AMBER", Title: "restricted", TLP: kuzet.TLPAmber})
	col := f.collection(t, f.partner)

	if err := f.ex.ShareCase(f.ctx, principal(f.partner), col, "C-1"); kuzet.ErrorCode(err) != kuzet.EFORBIDDEN {
		t.Errorf("a partner shared a case: %v", err)
	}
	for id, code := range map[string]string{"C-RED": kuzet.EINVALID, "C-AMBER": kuzet.EINVALID, "C-none": kuzet.ENOTFOUND} {
		if err := f.ex.ShareCase(f.ctx, police, col, id); kuzet.ErrorCode(err) != code {
			t.Errorf("share %s: %v, want %s", id, err, code)
		}
	}
	if err := f.ex.ShareCase(f.ctx, police, "no-such-collection", "C-1"); kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
		t.Errorf("unknown collection: %v", err)
	}
	// Nothing is shared until the police choose.
	if objs := f.objects(t, f.partner, exchange.Query{Types: []string{"report"}}); len(objs) != 0 {
		t.Fatalf("a case shared unasked: %v", objs)
	}
	f.now = f.now.Add(1e9)
	if err := f.ex.ShareCase(f.ctx, police, col, "C-1"); err != nil {
		t.Fatal(err)
	}
	objs := f.objects(t, f.partner, exchange.Query{})
	ids := map[string]string{}
	var rep *exchange.Object
	for i, o := range objs {
		ids[o.ID] = o.Type
		if o.Type == "report" {
			rep = &objs[i]
		}
	}
	if rep == nil {
		t.Fatal("no report of the shared case")
	}
	if len(rep.ObjectRefs) != 4 { // two numbers, the IBAN, the SIM box: the number both name once
		t.Errorf("report refs %v, want 4 observables", rep.ObjectRefs)
	}
	for _, ref := range rep.ObjectRefs {
		if ids[ref] == "" {
			t.Errorf("report refers to %s, not in the collection", ref)
		}
	}
	for _, o := range objs {
		b, _ := json.Marshal(o)
		if err := schemas.validate(b); err != nil {
			t.Errorf("%s does not validate: %v\n%s", o.ID, err, b)
		}
		if strings.Contains(string(b), "Petrov") {
			t.Errorf("%s names a suspect: %s", o.ID, b)
		}
	}
	if !strings.Contains(rep.Description, "Suspects: 1 (1 foreign). Call centres: 1 (AM)") {
		t.Errorf("description %q", rep.Description)
	}
	// Another partner does not receive it.
	for _, o := range f.objects(t, other, exchange.Query{}) {
		if o.Type == "report" {
			t.Errorf("another partner receives the case")
		}
	}
	// Marked RED later, it is no longer served.
	err := kuzet.Transact(f.ctx, f.store, true, func(tx kuzet.Tx) error {
		c, err := tx.FindCase(f.ctx, "C-1")
		if err != nil {
			return err
		}
		c.TLP = kuzet.TLPRed
		return tx.UpdateCase(f.ctx, c)
	})
	if err != nil {
		t.Fatal(err)
	}
	if objs := f.objects(t, f.partner, exchange.Query{Types: []string{"report"}}); len(objs) != 0 {
		t.Errorf("a case marked RED after sharing is still served")
	}
}
