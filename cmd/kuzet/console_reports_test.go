package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/synth"
)

// TestConsoleReportsBy checks the dashboard's breakdown of victims'
// reports by scheme and by channel: two portal reports counted under their
// scheme and channel, each row (and bar) a link to the cases behind it,
// which lists their case and no other; a bank sees no cases.
func TestConsoleReportsBy(t *testing.T) {
	w := newConsoleWorld(t)
	citizen := w.browser(t)
	iban := synth.KZIBAN(w.bank.BankCode, "1234567890124")
	for i, name := range []string{"Aigerim", "Dauren"} {
		status, _, body := citizen.post("/portal/report?lang=en", url.Values{"csrf": {citizen.csrf()},
			"channel": {"phone_call"}, "scheme": {"bank_security"}, "description": {"a call from the bank"},
			"name": {name}, "phone": {"+7701111224" + string(rune('3'+i))}, "region": {"Almaty"}, "numbers": {"+77019998876"},
			"iban": {iban, "", ""}, "amount": {"150 000", "", ""}})
		if status != http.StatusCreated {
			t.Fatalf("portal report %d: %d: %.1000s", i, status, body)
		}
	}
	ctx := context.Background()
	w.now.Add(int64(time.Minute)) // the period ends before now
	now := time.Unix(0, w.now.Load()).UTC()
	br, err := w.m.Cases.Breakdown(ctx, now.Add(-30*24*time.Hour), now, "")
	if err != nil || len(br.ByScheme) != 1 || br.ByScheme[0].Reports != 2 || len(br.ByChannel) != 1 || br.ByChannel[0].Reports != 2 {
		t.Fatalf("breakdown: %+v %v, want 2 reports of one scheme and one channel", br, err)
	}
	scheme, channel := br.ByScheme[0].Key, br.ByChannel[0].Key

	police := w.browser(t)
	police.signIn("analyst")
	for _, lang := range []string{"en", "ru", "kk"} {
		status, _, body := police.get("/?lang=" + lang)
		if status != http.StatusOK || !strings.Contains(body, `data-series="schemes"`) || !strings.Contains(body, `data-series="channels"`) {
			t.Fatalf("dashboard (%s): %d, want the two charts: %.300s", lang, status, body)
		}
		for _, link := range []string{`href="/cases?scheme=` + scheme + `&amp;days=30&amp;region=#` + scheme + `"`,
			`href="/cases?channel=` + channel + `&amp;days=30&amp;region=#` + channel + `"`} {
			if !strings.Contains(body, link) {
				t.Errorf("dashboard (%s) lacks the link %s", lang, link)
			}
		}
	}
	_, _, body := police.get("/?lang=en")
	if !strings.Contains(body, "Victims&#39; reports by scheme") || !strings.Contains(body, `<td class="num">2</td>`) {
		t.Errorf("dashboard: want the scheme's table with 2 reports: %.2000s", body)
	}

	cs, err := w.m.Cases.BreakdownCases(ctx, kuzet.ReportCaseFilter{Scheme: &scheme})
	if err != nil || len(cs) == 0 {
		t.Fatalf("cases of the scheme: %v %v", cs, err)
	}
	status, _, body := police.get("/cases?lang=en&days=30&scheme=" + url.QueryEscape(scheme))
	if status != http.StatusOK || !strings.Contains(body, cs[0].ID) || !strings.Contains(body, "last 30 days") {
		t.Errorf("cases of the scheme: %d, want %s listed: %.1500s", status, cs[0].ID, body)
	}
	status, _, body = police.get("/cases?lang=en&days=30&channel=" + url.QueryEscape(channel))
	if status != http.StatusOK || !strings.Contains(body, cs[0].ID) {
		t.Errorf("cases of the channel: %d, want %s listed", status, cs[0].ID)
	}
	status, _, body = police.get("/cases?lang=en&scheme=loan")
	if status != http.StatusOK || strings.Contains(body, cs[0].ID) {
		t.Errorf("cases of another scheme: %d, want no %s", status, cs[0].ID)
	}
	status, _, body = police.get("/cases?lang=en&scheme=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
	if status != http.StatusOK || strings.Contains(body, "<script>alert(1)") {
		t.Errorf("a scheme of script: %d, want it shown escaped", status)
	}

	officer := w.browser(t)
	officer.signIn("officer")
	if status, _, _ := officer.get("/cases?scheme=" + url.QueryEscape(scheme)); status != http.StatusForbidden {
		t.Errorf("bank officer: %d, want 403", status)
	}
}
