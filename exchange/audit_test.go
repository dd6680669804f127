package exchange_test

import (
	"io"
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/exchange"
)

// TestEveryExportAndImportAudited: a TAXII page, a bulk bundle, the MISP
// feed, an import and an envelope refused whole each leave an entry naming
// who and how much; a group's change too.
func TestEveryExportAndImportAudited(t *testing.T) {
	f := newFixture(t)
	f.submit(t, f.police, everyKind[:3]...)
	entries := func(action string) []*kuzet.AuditEntry {
		t.Helper()
		var out []*kuzet.AuditEntry
		err := kuzet.Transact(f.ctx, f.store, false, func(tx kuzet.Tx) error {
			var err error
			out, err = tx.FindAudit(f.ctx, kuzet.AuditFilter{Action: action, Limit: 100})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	steps := []struct {
		name, action, detail string
		orgID                int64
		do                   func() error
	}{
		{"TAXII page", kuzet.AuditExchangeExport, "taxii partner=", f.partner.ID, func() error {
			_, err := f.ex.Objects(f.ctx, principal(f.partner), f.collection(t, f.partner), exchange.Query{})
			return err
		}},
		{"police reading a partner's collection", kuzet.AuditExchangeExport, "taxii partner=", f.police.ID, func() error {
			_, err := f.ex.Objects(f.ctx, principal(f.police), f.collection(t, f.partner), exchange.Query{})
			return err
		}},
		{"bundle", kuzet.AuditExchangeExport, "bundle objects=", f.police.ID, func() error {
			_, err := f.ex.Export(f.ctx, io.Discard, f.police.ID, f.partner.ID)
			return err
		}},
		{"MISP feed", kuzet.AuditExchangeExport, "misp manifest", f.partner.ID, func() error {
			_, err := f.ex.MISPFeed(f.ctx, principal(f.partner), "manifest")
			return err
		}},
		{"import", kuzet.AuditExchangeImport, "objects=1 applied=1", f.partner.ID, func() error {
			_, err := f.ex.Import(f.ctx, f.partner.ID, []byte(`{"objects":[`+
				indicatorJSON("11111111-1111-4111-8111-111111111111", "[domain-name:value = 'a.am']", "")+`]}`))
			return err
		}},
		{"refused envelope", kuzet.AuditExchangeImport, "refused", f.partner.ID, func() error {
			if _, err := f.ex.Import(f.ctx, f.partner.ID, []byte(`{"objects":`)); kuzet.ErrorCode(err) != kuzet.EINVALID {
				t.Errorf("malformed envelope: %v", err)
			}
			return nil
		}},
		{"group", kuzet.AuditExchangeGroup, "name=G members=", f.police.ID, func() error {
			_, _, err := f.ex.PutGroup(f.ctx, principal(f.police), exchange.GroupInput{Name: "G",
				Members: []kuzet.GroupMember{{OrgID: f.partner.ID, CanRead: true}}})
			return err
		}},
	}
	for _, s := range steps {
		before := len(entries(s.action))
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		es := entries(s.action)
		if len(es) != before+1 {
			t.Errorf("%s: %d entries of %s, want %d", s.name, len(es), s.action, before+1)
			continue
		}
		e := es[len(es)-1]
		if e.OrgID != s.orgID || !strings.Contains(e.Detail, s.detail) {
			t.Errorf("%s: entry by org %d %q, want org %d and %q", s.name, e.OrgID, e.Detail, s.orgID, s.detail)
		}
	}
}
