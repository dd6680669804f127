package exchange_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/exchange"
)

func indicatorJSON(id, pattern string, extra string) string {
	return fmt.Sprintf(`{"type":"indicator","spec_version":"2.1","id":"indicator--%s","created":"2026-03-01T00:00:00Z",
		"modified":"2026-03-01T00:00:00Z","pattern":%q,"pattern_type":"stix","valid_from":"2026-03-01T00:00:00Z"%s}`, id, pattern, extra)
}

func (f *fixture) importAs(t *testing.T, org *kuzet.Org, objs ...string) *exchange.Status {
	t.Helper()
	st, err := f.ex.Import(f.ctx, org.ID, []byte(`{"objects":[`+strings.Join(objs, ",")+`]}`))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func outcome(st *exchange.Status) []string {
	var out []string
	for _, o := range st.Objects {
		out = append(out, o.Status)
	}
	return out
}

// TestImportJudgesEachObject: what enters the registry, what is kept, what
// is quarantined, and why.
func TestImportJudgesEachObject(t *testing.T) {
	f := newFixture(t)
	police := principal(f.police)
	if _, err := f.ex.SetPartner(f.ctx, police, f.partner.ID, exchange.PartnerSettings{Confidence: 0.4}); err != nil {
		t.Fatal(err)
	}
	ownIdentity, _ := f.ex.OrgIdentity(f.ctx, f.police.ID)
	st := f.importAs(t, f.partner,
		indicatorJSON("11111111-1111-4111-8111-111111111111", "[domain-name:value = 'armenia-scam.am'] OR [phone-number:value = '+37491234567']", `,"labels":["investment_scam"]`),
		indicatorJSON("22222222-2222-4222-8222-222222222222", "[file:hashes.'SHA-256' = 'abc']", ""),
		indicatorJSON("33333333-3333-4333-8333-333333333333", "[domain-name:value = 'a.am'] AND [url:value = 'http://b.am/']", ""),
		indicatorJSON("44444444-4444-4444-8444-444444444444", "[domain-name:value = 'x.am\\' OR domain-name:value = \\'y.am']", ""),
		indicatorJSON("55555555-5555-4555-8555-555555555555", "[domain-name:value = 'spoof.am']", `,"created_by_ref":"`+ownIdentity+`"`),
		`{"type":"indicator","spec_version":"2.0","id":"indicator--66666666-6666-4666-8666-666666666666","pattern":"[domain-name:value = 'old.am']","pattern_type":"stix"}`,
		`{"type":"indicator","id":"indicator--77777777-7777-4777-8777-777777777777","pattern":"[domain-name:value = 'nover.am']","pattern_type":"stix"}`,
		`{"type":"indicator","spec_version":"2.1","id":"malware--88888888-8888-4888-8888-888888888888"}`,
		`{"type":"x-partner-thing","spec_version":"2.1","id":"x-partner-thing--99999999-9999-4999-8999-999999999999"}`,
		`{"type":"domain-name","id":"domain-name--aaaaaaaa-aaaa-5aaa-8aaa-aaaaaaaaaaaa","value":"observed.am"}`,
		`[1,2,3]`,
		indicatorJSON("bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "[domain-name:value = 'expired.am']", `,"valid_until":"2026-03-02T00:00:00Z"`),
	)
	want := []string{kuzet.ExchangeApplied, kuzet.ExchangeKept, kuzet.ExchangeKept, kuzet.ExchangeQuarantined, kuzet.ExchangeQuarantined,
		kuzet.ExchangeQuarantined, kuzet.ExchangeQuarantined, kuzet.ExchangeQuarantined, kuzet.ExchangeKept, kuzet.ExchangeKept,
		kuzet.ExchangeQuarantined, kuzet.ExchangeKept}
	if got := outcome(st); !slices.Equal(got, want) {
		for i, o := range st.Objects {
			t.Logf("%d %s %s: %s", i, o.ID, o.Status, o.Reason)
		}
		t.Fatalf("outcomes %v\nwant %v", got, want)
	}
	if !strings.Contains(st.Objects[4].Reason, "Cyber Police") {
		t.Errorf("spoofing reason %q does not name the organisation claimed", st.Objects[4].Reason)
	}
	for _, v := range []struct {
		kind  kuzet.Kind
		value string
	}{{kuzet.KindDomain, "armenia-scam.am"}, {kuzet.KindPhone, "+37491234567"}} {
		a, err := f.reg.Lookup(f.ctx, f.police.ID, v.kind, v.value, false)
		if err != nil || a.Reporters != 1 || !slices.Contains(a.Categories, kuzet.CategoryInvestmentScam) {
			t.Errorf("%s %s: %+v %v", v.kind, v.value, a, err)
		}
	}
	for _, v := range []string{"spoof.am", "old.am", "nover.am", "x.am", "observed.am", "expired.am"} {
		if a, _ := f.reg.Lookup(f.ctx, f.police.ID, kuzet.KindDomain, v, false); a.Reporters != 0 {
			t.Errorf("%s entered the registry", v)
		}
	}
	// The same envelope again adds nothing.
	again := f.importAs(t, f.partner,
		indicatorJSON("11111111-1111-4111-8111-111111111111", "[domain-name:value = 'armenia-scam.am'] OR [phone-number:value = '+37491234567']", ""))
	if got := outcome(again); !slices.Equal(got, []string{"duplicate"}) {
		t.Errorf("second import: %v", got)
	}
	// Quarantine and audit are kept.
	err := kuzet.Transact(f.ctx, f.store, false, func(tx kuzet.Tx) error {
		q, err := tx.FindExchangeObjects(f.ctx, f.partner.ID, kuzet.ExchangeQuarantined, 100)
		if len(q) != 6 {
			t.Errorf("%d quarantined objects stored, want 6", len(q))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestImportTLPAndTenancy: a partner's RED report never leaves again; a
// partner cannot touch another partner's or the police's reports.
func TestImportTLPAndTenancy(t *testing.T) {
	f := newFixture(t)
	other := f.org(t, "Other Partner", kuzet.OrgPartner)
	red := `,"object_marking_refs":["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"]`
	f.importAs(t, f.partner, indicatorJSON("11111111-1111-4111-8111-111111111111", "[domain-name:value = 'red.am']", red),
		indicatorJSON("22222222-2222-4222-8222-222222222222", "[domain-name:value = 'green.am']",
			`,"object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"]`))
	objs := f.objects(t, other, exchange.Query{Types: []string{"indicator"}})
	var got []string
	for _, o := range objs {
		got = append(got, o.Pattern)
	}
	if !slices.Equal(got, []string{"[domain-name:value = 'green.am']"}) {
		t.Errorf("the other partner receives %v", got)
	}
	// The partner's own reports are not echoed back to it.
	if objs := f.objects(t, f.partner, exchange.Query{Types: []string{"indicator"}}); len(objs) != 0 {
		t.Errorf("partner receives its own reports back: %d", len(objs))
	}
	// Another partner's import of the same indicator is its own report.
	f.importAs(t, other, indicatorJSON("11111111-1111-4111-8111-111111111111", "[domain-name:value = 'red.am']", ""))
	a, _ := f.reg.Lookup(f.ctx, f.police.ID, kuzet.KindDomain, "red.am", false)
	if a.Reporters != 2 {
		t.Errorf("reporters %d, want 2 (one per partner)", a.Reporters)
	}
	// A partner may not write to another's collection.
	cs, _ := f.ex.Collections(f.ctx, principal(f.police))
	for _, c := range cs {
		if c.Partner.ID == f.partner.ID {
			if _, err := f.ex.Add(f.ctx, principal(other), c.ID, []byte(`{"objects":[]}`)); kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
				t.Errorf("writing another partner's collection: %v", err)
			}
		}
	}
}

// TestImportRefusesWholeEnvelopes: what is not an envelope, too large, or
// of too many objects is refused outright.
func TestImportRefusesWholeEnvelopes(t *testing.T) {
	f := newFixture(t)
	many := `{"objects":[` + strings.Repeat(`{},`, exchange.MaxObjects) + `{}]}`
	for name, body := range map[string]string{
		"not JSON":      `{"objects":`,
		"not objects":   `{"objects":"x"}`,
		"wrong type":    `{"type":"indicator","objects":[]}`,
		"too many":      many,
		"100 MB bundle": `{"type":"bundle","objects":["` + strings.Repeat("a", 100<<20) + `"]}`,
	} {
		_, err := f.ex.Import(f.ctx, f.partner.ID, []byte(body))
		if kuzet.ErrorCode(err) != kuzet.EINVALID {
			t.Errorf("%s: got %v, want EINVALID", name, err)
		}
	}
}

func FuzzParsePattern(f *testing.F) {
	for _, s := range []string{"[domain-name:value = 'a.kz']", "[a:b = 'x' OR c:d = 'y\\'z'] OR [e:f='g']", "[", "['", "[a:b = '\\x']", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		cmps, ok := exchange.ParsePattern(p)
		if !ok {
			return
		}
		// What parses re-reads the same from its own rendering.
		var parts []string
		for _, c := range cmps {
			parts = append(parts, "["+c.Type+":"+c.Property+" = "+quoteForTest(c.Value)+"]")
		}
		again, ok := exchange.ParsePattern(strings.Join(parts, " OR "))
		if !ok || !slices.Equal(again, cmps) {
			t.Fatalf("%q parsed to %v, its rendering to %v", p, cmps, again)
		}
	})
}

func quoteForTest(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// FuzzImport throws arbitrary envelopes at the import: it refuses or
// judges them, never panics, and what it applies is always the partner's.
func FuzzImport(f *testing.F) {
	f.Add([]byte(`{"objects":[` + indicatorJSON("11111111-1111-4111-8111-111111111111", "[domain-name:value = 'a.am']", "") + `]}`))
	f.Add([]byte(`{"type":"bundle","id":"bundle--1","objects":[{"type":"indicator","id":"indicator--x"},null,1,"s"]}`))
	f.Add([]byte(`{"objects":[{"type":"indicator","spec_version":"2.1","id":"indicator--11111111-1111-4111-8111-111111111111","pattern":"[phone-number:value = '+7701\u0000']","pattern_type":"stix"}]}`))
	fx := newFixture(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		st, err := fx.ex.Import(fx.ctx, fx.partner.ID, body)
		if err != nil {
			if kuzet.ErrorCode(err) != kuzet.EINVALID {
				t.Fatalf("import failed with %v", err)
			}
			return
		}
		if _, err := json.Marshal(st); err != nil {
			t.Fatal(err)
		}
	})
}

// TestImportRefusesAnotherPartnersIdentity: once a partner has sent its
// identity, another partner sending that identity, or objects created by
// it, is quarantined, and the first partner's reports stay its own.
func TestImportRefusesAnotherPartnersIdentity(t *testing.T) {
	f := newFixture(t)
	other := f.org(t, "Other Partner", kuzet.OrgPartner)
	const armenia = "identity--0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"
	ident := `{"type":"identity","spec_version":"2.1","id":"` + armenia + `","created":"2026-03-01T00:00:00Z","modified":"2026-03-01T00:00:00Z","name":"Armenia Police","identity_class":"organization"}`
	st := f.importAs(t, f.partner, ident,
		indicatorJSON("11111111-1111-4111-8111-111111111111", "[domain-name:value = 'real.am']", `,"created_by_ref":"`+armenia+`"`))
	if got := outcome(st); !slices.Equal(got, []string{kuzet.ExchangeKept, kuzet.ExchangeApplied}) {
		t.Fatalf("the identity's owner: %v", st.Objects)
	}
	st = f.importAs(t, other, ident,
		indicatorJSON("22222222-2222-4222-8222-222222222222", "[domain-name:value = 'fake.am']", `,"created_by_ref":"`+armenia+`"`),
		indicatorJSON("11111111-1111-4111-8111-111111111111", "[domain-name:value = 'real.am']", `,"created_by_ref":"`+armenia+`","labels":["other"]`))
	for _, o := range st.Objects {
		if o.Status != kuzet.ExchangeQuarantined || !strings.Contains(o.Reason, "Partner Police") {
			t.Errorf("%s from another partner: %s %q", o.ID, o.Status, o.Reason)
		}
	}
	if a, _ := f.reg.Lookup(f.ctx, f.police.ID, kuzet.KindDomain, "fake.am", false); a.Reporters != 0 {
		t.Errorf("fake.am entered the registry")
	}
	if a, _ := f.reg.Lookup(f.ctx, f.police.ID, kuzet.KindDomain, "real.am", false); a.Reporters != 1 || slices.Contains(a.Categories, kuzet.CategoryOther) {
		t.Errorf("real.am: %+v", a)
	}
}
