package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/synth"
)

// TestConsoleCasesAndGraph works a case through the console as the police
// do: the list, the case, one step along the workflow (and not two), a note
// with script in it shown escaped, the link graph's data, and a group of it
// opened as a case. A bank sees none of it, and malformed, oversized and
// forged requests are refused.
func TestConsoleCasesAndGraph(t *testing.T) {
	w := newConsoleWorld(t)
	citizen := w.browser(t)
	iban := synth.KZIBAN(w.bank.BankCode, "1234567890123")
	for i, name := range []string{"Aigerim", "Dauren"} {
		status, _, body := citizen.post("/portal/report?lang=en", url.Values{"csrf": {citizen.csrf()},
			"channel": {"phone_call"}, "scheme": {"bank_security"}, "description": {"a call from the bank"},
			"name": {name}, "phone": {"+7701111223" + string(rune('3'+i))}, "region": {"Almaty"}, "numbers": {"+77019998877"},
			"iban": {iban, "", ""}, "amount": {"150 000", "", ""}})
		if status != http.StatusCreated {
			t.Fatalf("portal report %d: %d: %.1000s", i, status, body)
		}
	}
	ctx := context.Background()
	list, err := w.m.Cases.Cases(ctx, kuzet.CaseFilter{})
	if err != nil || len(list) == 0 {
		t.Fatalf("cases after two reports: %v %v", list, err)
	}
	c := list[0]

	officer := w.browser(t)
	officer.signIn("officer")
	for _, p := range []string{"/cases", "/cases/" + c.ID, "/graph", "/graph/data?seed=iban%3A" + iban} {
		if status, _, body := officer.get(p); status != http.StatusForbidden {
			t.Errorf("bank officer GET %s: %d, want 403: %.200s", p, status, body)
		}
	}
	if status, _, _ := officer.post("/cases/"+c.ID+"/notes", url.Values{"csrf": {officer.csrf()}, "text": {"x"}}); status != http.StatusForbidden {
		t.Errorf("bank officer adds a note: %d, want 403", status)
	}
	if _, _, body := officer.get("/?lang=en"); strings.Contains(body, `href="/cases"`) {
		t.Errorf("the bank's menu links to cases")
	}

	police := w.browser(t)
	police.signIn("analyst")
	status, _, body := police.get("/cases?lang=en&region=Almaty")
	if status != http.StatusOK || !strings.Contains(body, c.ID) {
		t.Fatalf("case list: %d, want 200 with %s: %.500s", status, c.ID, body)
	}
	if status, _, _ := police.get("/cases?status=bogus"); status != http.StatusBadRequest {
		t.Errorf("case list of an unknown status: %d, want 400", status)
	}
	status, _, body = police.get("/cases/" + c.ID + "?lang=en")
	if status != http.StatusOK || !strings.Contains(body, "Move to: Under investigation") || strings.Contains(body, "Move to: Sent to court") {
		t.Fatalf("case page: %d, want 200 offering the next step only: %.500s", status, body)
	}
	// The title the cases service wrote (scheme, region) reads in the
	// page's language, in the list and on the case's page.
	for _, p := range []string{"/cases?lang=kk", "/cases/" + c.ID + "?lang=kk"} {
		if _, _, body := police.get(p); strings.Contains(body, ">"+c.Title+"<") || !strings.Contains(body, ", Алматы<") {
			t.Errorf("GET %s: the case's title %q shows as written, want it in Kazakh: %.300s", p, c.Title, body)
		}
	}
	if status, _, _ := police.get("/cases/case_nosuchcase0000000000"); status != http.StatusNotFound {
		t.Errorf("no such case: %d, want 404", status)
	}
	tok := police.csrf()
	if status, _, _ := police.post("/cases/"+c.ID+"/status", url.Values{"csrf": {tok}, "status": {"sent_to_court"}}); status != http.StatusConflict {
		t.Errorf("skipping two steps: %d, want 409", status)
	}
	if status, _, _ := police.post("/cases/"+c.ID+"/status", url.Values{"status": {"under_investigation"}}); status != http.StatusForbidden {
		t.Errorf("a move without the CSRF token: %d, want 403", status)
	}
	if status, _, _ := police.post("/cases/"+c.ID+"/status", url.Values{"csrf": {tok}, "status": {"under_investigation"},
		"version": {"999"}}); status != http.StatusConflict {
		t.Errorf("a move from a stale page: %d, want 409", status)
	}
	status, h, _ := police.post("/cases/"+c.ID+"/status", url.Values{"csrf": {tok}, "status": {"under_investigation"}})
	if status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/cases/"+c.ID) {
		t.Fatalf("one step: %d %q, want 303 back to the case", status, h.Get("Location"))
	}
	const xss = `<script>alert("note")</script>`
	if status, _, _ := police.post("/cases/"+c.ID+"/notes", url.Values{"csrf": {tok}, "text": {"called the bank " + xss}}); status != http.StatusSeeOther {
		t.Errorf("note: %d, want 303", status)
	}
	if status, _, _ := police.post("/cases/"+c.ID+"/tasks", url.Values{"csrf": {tok}, "title": {"ask the bank"}, "due": {"2026-03-09"}}); status != http.StatusSeeOther {
		t.Errorf("task: %d, want 303", status)
	}
	if status, _, _ := police.post("/cases/"+c.ID+"/tasks", url.Values{"csrf": {tok}, "title": {"x"}, "due": {"next week"}}); status != http.StatusBadRequest {
		t.Errorf("task with a malformed date: %d, want 400", status)
	}
	if status, _, _ := police.post("/cases/"+c.ID+"/suspects", url.Values{"csrf": {tok}, "name": {"Suspect " + xss},
		"citizenship": {"UZ"}, "phone": {"+77019998877"}}); status != http.StatusSeeOther {
		t.Errorf("suspect: %d, want 303", status)
	}
	if status, _, _ := police.post("/cases/"+c.ID+"/notes", url.Values{"csrf": {tok}, "text": {strings.Repeat("a", 70<<10)}}); status != http.StatusRequestEntityTooLarge {
		t.Errorf("an oversized note: %d, want 413", status)
	}
	status, _, body = police.get("/cases/" + c.ID + "?lang=en&done=<b>")
	if status != http.StatusOK || !strings.Contains(body, "Suspects identified") {
		t.Fatalf("case after the suspect: %d, want it moved on to suspects identified", status)
	}
	if strings.Contains(body, xss) || !strings.Contains(body, "called the bank &lt;script&gt;alert(&#34;note&#34;)&lt;/script&gt;") ||
		strings.Contains(body, "<b>") {
		t.Errorf("the note is not shown escaped")
	}

	// The graph's data: the service's neighbourhood as JSON.
	status, _, body = police.get("/graph/data?seed=report%3A" + url.QueryEscape(firstReport(t, w, c.ID)))
	var g struct {
		Elements struct {
			Nodes []struct{ Data struct{ ID, Type string } }
		}
	}
	if status != http.StatusOK || json.Unmarshal([]byte(body), &g) != nil || len(g.Elements.Nodes) < 2 {
		t.Fatalf("graph data: %d %.300s", status, body)
	}
	for _, bad := range []string{"seed=nonsense", "seed=phone%3Aabc", "seed=report%3Ax&depth=9", "seed=report%3Ax&depth=x"} {
		status, h, body := police.get("/graph/data?" + bad)
		if status != http.StatusBadRequest || h.Get("Content-Type") != "application/json" || !strings.Contains(body, `"error"`) {
			t.Errorf("graph data ?%s: %d %q %.200s, want 400 with a JSON error", bad, status, h.Get("Content-Type"), body)
		}
	}

	// A group of the graph, opened as a case.
	groups, err := w.m.Cases.Groups(ctx)
	if err != nil || len(groups) == 0 {
		t.Fatalf("groups: %v %v", groups, err)
	}
	status, _, body = police.get("/graph?lang=en")
	if status != http.StatusOK || !strings.Contains(body, groups[0].ID) || !strings.Contains(body, "Open as a case") {
		t.Fatalf("graph page: %d, want the groups with their button: %.500s", status, body)
	}
	if status, _, _ := police.post("/graph/groups/grp_nosuch/case", url.Values{"csrf": {tok}}); status != http.StatusNotFound {
		t.Errorf("no such group: %d, want 404", status)
	}
	status, h, _ = police.post("/graph/groups/"+groups[0].ID+"/case", url.Values{"csrf": {tok}})
	if status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/cases/case_") {
		t.Fatalf("open a group as a case: %d %q", status, h.Get("Location"))
	}
	id := strings.TrimPrefix(strings.SplitN(h.Get("Location"), "?", 2)[0], "/cases/")
	nc, err := w.m.Cases.Case(ctx, 0, id)
	if err != nil || nc.GroupID != groups[0].ID || len(nc.Reports) != len(groups[0].Reports) || nc.Assignee != "analyst" {
		t.Fatalf("the case from the group: %+v %v", nc, err)
	}

	// A call centre found, then shut down with what was seized: the
	// dashboard counts it.
	if status, _, body := police.post("/cases/"+c.ID+"/call-centres", url.Values{"csrf": {tok}, "country": {"KG"}, "city": {"Bishkek"}}); status != http.StatusSeeOther {
		t.Fatalf("call centre: %d %.300s", status, body)
	}
	cv, err := w.m.Cases.Case(ctx, 0, c.ID)
	if err != nil || len(cv.CallCentres) != 1 {
		t.Fatalf("call centres: %+v %v", cv, err)
	}
	cc := cv.CallCentres[0].ID
	if status, _, _ := police.post("/cases/"+c.ID+"/call-centres", url.Values{"csrf": {tok}, "centre": {cc}, "shut": {"2026-03-01"}, "simboxes": {"many"}}); status != http.StatusBadRequest {
		t.Errorf("a shutdown with a malformed count: %d, want 400", status)
	}
	if status, _, _ := police.post("/cases/"+c.ID+"/call-centres", url.Values{"csrf": {tok}, "centre": {cc}}); status != http.StatusBadRequest {
		t.Errorf("a shutdown without its day: %d, want 400", status)
	}
	if status, _, _ := police.post("/cases/"+c.ID+"/call-centres", url.Values{"csrf": {tok}, "centre": {cc}, "shut": {"2026-03-01"},
		"simboxes": {"3"}, "sims": {"240"}}); status != http.StatusSeeOther {
		t.Errorf("shutdown: %d, want 303", status)
	}
	_, _, body = police.get("/?lang=en")
	for _, want := range []string{`<span class="n">1</span><span class="k">call centres shut down</span><span class="s">1 of them abroad`,
		`<span class="n">3</span><span class="k">SIM boxes seized in call centres</span><span class="s">240 SIM cards`,
		`<span class="k">suspects identified</span>`, `href="/cases?region="`} {
		if !strings.Contains(body, want) {
			t.Errorf("the dashboard lacks %s", want)
		}
	}
}

func firstReport(t *testing.T, w *consoleWorld, caseID string) string {
	t.Helper()
	v, err := w.m.Cases.Case(context.Background(), 0, caseID)
	if err != nil || len(v.Reports) == 0 {
		t.Fatalf("case %s: %v", caseID, err)
	}
	return v.Reports[0].ID
}
