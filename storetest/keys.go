package storetest

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
)

// testKeys is the contract of the one-time move of a store's keys to the
// key file: card tokens keyed again wherever they are stored, the audit
// chain linked again under a key, a setting removed.
func testKeys(t *testing.T, open func(t *testing.T) kuzet.Store) {
	s := open(t)
	const card = "440043-5671-00112233445566778899aabbccddeeff"
	rekey := func(v string) (string, bool) {
		if !strings.HasPrefix(v, "440043-") {
			return "", false
		}
		return strings.Replace(v, "00112233", "ffeeddcc", 1), true
	}
	moved, _ := rekey(card)
	check := payCheck("chk_card_1", 1, base, kuzet.DecisionHold)
	check.Check.Payee.Card = card
	update(t, s, func(ctx context.Context, tx kuzet.Tx) {
		_, err := tx.PutSettingIfAbsent(ctx, "card_token_key", []byte("legacy"))
		must(t, "put setting", err)
		must(t, "report", tx.UpsertReport(ctx, &kuzet.Report{OrgID: 1, Kind: kuzet.KindCard, Value: card,
			Category: kuzet.CategoryMuleAccount, Confidence: 0.9, CreatedAt: base, UpdatedAt: base}))
		must(t, "report a phone", tx.UpsertReport(ctx, &kuzet.Report{OrgID: 1, Kind: kuzet.KindPhone, Value: "+77011234567",
			Category: kuzet.CategoryScamCall, Confidence: 0.9, CreatedAt: base, UpdatedAt: base}))
		must(t, "allow", tx.PutAllowEntry(ctx, &kuzet.AllowEntry{Kind: kuzet.KindCard, Value: card, OrgID: 1, CreatedAt: base}))
		must(t, "check", tx.PutChecks(ctx, []*kuzet.CheckRecord{check}))
		must(t, "victim report", tx.CreateVictimReport(ctx, &kuzet.VictimReport{ID: "rep_card", CaseID: "case_card", OrgID: 1,
			Currency: "KZT", Indicators: []kuzet.Indicator{{Kind: kuzet.KindCard, Value: card}, {Kind: kuzet.KindPhone, Value: "+77011234567"}},
			CreatedAt: base}))
		must(t, "audit", tx.AppendAudit(ctx, &kuzet.AuditEntry{At: base, OrgID: 1, Action: kuzet.AuditIndicatorReport, Object: "card:" + card},
			&kuzet.AuditEntry{At: base, OrgID: 1, Action: kuzet.AuditIndicatorRead, Object: "phone:+77011234567"}))
	})
	chain := kuzet.AuditChain{Key: []byte("the key file's audit key")}
	update(t, s, func(ctx context.Context, tx kuzet.Tx) {
		n, err := tx.RekeyCardTokens(ctx, rekey)
		must(t, "rekey", err)
		if n != 4 {
			t.Errorf("rekeyed values: got %d, want 4 (report, allowlist, check, victim report)", n)
		}
		n, err = tx.RelinkAudit(ctx, chain)
		must(t, "relink", err)
		if n != 2 {
			t.Errorf("relinked entries: got %d, want 2", n)
		}
		must(t, "delete setting", tx.DeleteSetting(ctx, "card_token_key"))
		must(t, "delete a setting not set", tx.DeleteSetting(ctx, "nothing"))
	})
	view(t, s, func(ctx context.Context, tx kuzet.Tx) {
		var values []string
		must(t, "scan reports", tx.ScanReports(ctx, func(r *kuzet.Report) error {
			values = append(values, r.Value)
			return nil
		}))
		if !strings.Contains(strings.Join(values, " "), moved) || strings.Contains(strings.Join(values, " "), card) {
			t.Errorf("reports: got %v, want the card rekeyed", values)
		}
		var allowed []string
		must(t, "scan allowlist", tx.ScanAllowEntries(ctx, func(e *kuzet.AllowEntry) error {
			allowed = append(allowed, e.Value)
			return nil
		}))
		if len(allowed) != 1 || allowed[0] != moved {
			t.Errorf("allowlist: got %v, want [%s]", allowed, moved)
		}
		c, err := tx.FindCheck(ctx, 1, "chk_card_1")
		must(t, "find check", err)
		if c.Check.Payee.Card != moved || c.Check.Payee.IBAN != check.Check.Payee.IBAN {
			t.Errorf("check's payee: got %+v, want the card rekeyed and the rest kept", c.Check.Payee)
		}
		r, err := tx.FindVictimReport(ctx, "rep_card")
		must(t, "find victim report", err)
		if len(r.Indicators) != 2 || r.Indicators[0].Value != moved || r.Indicators[1].Value != "+77011234567" {
			t.Errorf("victim report's indicators: got %+v", r.Indicators)
		}
		_, err = tx.Setting(ctx, "card_token_key")
		wantCode(t, "setting after delete", err, kuzet.ENOTFOUND)
		var prev []byte
		n := 0
		must(t, "scan audit", tx.ScanAudit(ctx, 1, func(e *kuzet.AuditEntry) error {
			if h := chain.Hash(prev, e); !bytes.Equal(h, e.Hash) || !bytes.Equal(e.PrevHash, prev) {
				t.Errorf("entry %d is not linked under the new key", e.Seq)
			}
			prev = e.Hash
			n++
			return nil
		}))
		head, err := tx.AuditHead(ctx)
		must(t, "head", err)
		if n != 2 || head.Seq != 2 || !bytes.Equal(head.Hash, prev) {
			t.Errorf("head: got %d %x after %d entries, want the last entry's", head.Seq, head.Hash, n)
		}
	})
}
