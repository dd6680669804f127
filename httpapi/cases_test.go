package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/kuzet/kuzet"
)

// The answers that are files are checked for their status and headers only.
func init() {
	for _, ct := range []string{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "image/png"} {
		openapi3filter.RegisterBodyDecoder(ct, openapi3filter.FileBodyDecoder)
	}
}

// policeReport is a police report of a fake-bank-security call whose money
// went to iban.
func policeReport(name, phone, iban, caller string, amount int) string {
	return fmt.Sprintf(`{"victim":{"name":%q,"phone":%q,"region":"almaty"},"channel":"call",
		"scheme":"fake_bank_security","description":"called by the bank's security service","amount_lost":%d,
		"currency":"KZT","indicators":[{"kind":"iban","value":%q},{"kind":"phone","value":%q}],"transfers":[]}`,
		name, phone, amount, iban, caller)
}

type filed struct {
	ReportID string `json:"report_id"`
	CaseID   string `json:"case_id"`
	Case     struct {
		CaseID      string   `json:"case_id"`
		NewCase     bool     `json:"new_case"`
		Linked      []string `json:"linked_reports"`
		DuplicateOf string   `json:"duplicate_of"`
		Flags       []string `json:"flags"`
	} `json:"case"`
}

func (ts *testServer) file(t *testing.T, key, body string) filed {
	t.Helper()
	r := ts.json(t, "POST", "/v1/reports", key, body)
	if r.status != http.StatusCreated {
		t.Fatalf("report: got %d %s", r.status, r.body)
	}
	var f filed
	if err := json.Unmarshal(r.body, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

// TestCaseFromReports: reports sharing a mule account join one case, which
// only the police read; a duplicate is recognised; the graph holds them;
// the statistics count them and export as CSV and XLSX.
func TestCaseFromReports(t *testing.T) {
	ts := newTestServer(t)
	police, bank := ts.keys[kuzet.OrgPolice], ts.keys[kuzet.OrgBank]
	const mule = "KZ077220000000900000"
	a := ts.file(t, police, policeReport("Aigul S", "+77011230001", mule, "+447911123456", 250000))
	b := ts.file(t, bank, policeReport("Bolat K", "+77011230002", mule, "+447911123457", 480000))
	if !a.Case.NewCase || b.Case.NewCase || a.CaseID != b.CaseID || b.Case.CaseID != b.CaseID {
		t.Fatalf("got cases %+v and %+v, want the second to join the first", a, b)
	}
	if len(b.Case.Linked) != 1 || b.Case.Linked[0] != a.ReportID {
		t.Errorf("got linked %v, want [%s]", b.Case.Linked, a.ReportID)
	}
	dup := ts.file(t, police, policeReport("Bolat K", "+77011230002", mule, "+447911123457", 480000))
	if dup.Case.DuplicateOf != b.ReportID {
		t.Errorf("got duplicate_of %q, want %q", dup.Case.DuplicateOf, b.ReportID)
	}
	none := ts.file(t, police, `{"victim":{"name":"Anon"},"amount_lost":1,"currency":"KZT"}`)
	if !none.Case.NewCase || !strings.Contains(strings.Join(none.Case.Flags, ","), "no_identifier") {
		t.Errorf("a report with nothing to link: got %+v, want a new flagged case", none.Case)
	}

	r := ts.json(t, "GET", "/v1/cases/"+a.CaseID, police, "")
	if r.status != http.StatusOK || !bytes.Contains(r.body, []byte("Bolat K")) || !bytes.Contains(r.body, []byte(`"victims":2`)) {
		t.Fatalf("police read case: got %d %s", r.status, r.body)
	}
	if n := ts.auditCount(t, kuzet.AuditCaseRead, "case:"+a.CaseID); n != 1 {
		t.Errorf("got %d case.read audit entries, want 1", n)
	}
	problem(t, ts.json(t, "GET", "/v1/cases/"+a.CaseID, bank, ""), http.StatusForbidden)
	problem(t, ts.json(t, "GET", "/v1/cases/case_nosuch", police, ""), http.StatusNotFound)
	problem(t, ts.json(t, "GET", "/v1/graph?seed=iban:"+mule, bank, ""), http.StatusForbidden)
	problem(t, ts.json(t, "GET", "/v1/cases", "", ""), http.StatusUnauthorized)

	g := ts.json(t, "GET", "/v1/graph?seed=iban:"+mule+"&depth=2", police, "")
	var graph struct {
		Elements struct {
			Nodes []struct{ Data struct{ ID, Type string } }
			Edges []struct {
				Data struct{ Source, Target string }
			}
		}
	}
	if err := json.Unmarshal(g.body, &graph); err != nil || g.status != 200 {
		t.Fatalf("graph: %d %s", g.status, g.body)
	}
	// The account, three reports, their case and two callers' numbers.
	if got := len(graph.Elements.Nodes); got != 7 {
		t.Errorf("got %d nodes, want 7: %s", got, g.body)
	}
	problem(t, ts.json(t, "GET", "/v1/graph?seed=iban&depth=2", police, ""), http.StatusBadRequest)
	problem(t, ts.json(t, "GET", "/v1/graph?seed=iban:"+mule+"&depth=9", police, ""), http.StatusBadRequest)
	problem(t, ts.json(t, "GET", "/v1/graph?seed=iban:"+mule+"&bogus=1", police, ""), http.StatusBadRequest)

	gr := ts.json(t, "GET", "/v1/graph/groups", police, "")
	if gr.status != 200 || !bytes.Contains(gr.body, []byte(b.ReportID)) {
		t.Errorf("groups: got %d %s", gr.status, gr.body)
	}

	st := ts.json(t, "GET", "/v1/stats", police, "")
	var brief struct {
		Cases struct {
			Reports         int64 `json:"reports"`
			CasesRegistered int64 `json:"cases_registered"`
		} `json:"cases"`
	}
	json.Unmarshal(st.body, &brief)
	if brief.Cases.Reports != 3 || brief.Cases.CasesRegistered != 2 {
		t.Errorf("stats: got %+v, want 3 reports (a duplicate left out) and 2 cases", brief.Cases)
	}
	csv := ts.do(t, "GET", "/v1/stats", police, "", nil, "Accept", "text/csv")
	if !strings.HasPrefix(csv.header.Get("Content-Type"), "text/csv") ||
		!bytes.Contains(csv.body, []byte("Internet-fraud cases registered,2")) {
		t.Errorf("csv: got %q %s", csv.header.Get("Content-Type"), csv.body)
	}
	xlsx := ts.do(t, "GET", "/v1/stats", police, "", nil, "Accept", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	if xlsx.status != 200 || !bytes.HasPrefix(xlsx.body, []byte("PK")) {
		t.Errorf("xlsx: got %d, %d bytes", xlsx.status, len(xlsx.body))
	}
}

// TestCaseWorkflow: a case moves one step at a time, closes only with a
// reason, and its suspects and call centres count in the statistics.
func TestCaseWorkflow(t *testing.T) {
	ts := newTestServer(t)
	police := ts.keys[kuzet.OrgPolice]
	r := ts.json(t, "POST", "/v1/cases", police, `{"title":"Call centre in Almaty","region":"Almaty","tlp":"red"}`)
	if r.status != http.StatusCreated {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	id := r.json(t)["id"].(string)
	path := "/v1/cases/" + id
	problem(t, ts.json(t, "PATCH", path, police, `{"status":"sent_to_court"}`), http.StatusConflict)
	problem(t, ts.json(t, "PATCH", path, police, `{"status":"closed"}`), http.StatusBadRequest)
	problem(t, ts.json(t, "PATCH", path, police, `{"status":"nonsense"}`), http.StatusBadRequest)
	problem(t, ts.json(t, "PATCH", path, police, `{"status":"under_investigation","extra":1}`), http.StatusBadRequest)
	if r := ts.json(t, "PATCH", path, police, `{"status":"under_investigation","assignee":"Lt. Nurlan"}`); r.status != 200 {
		t.Fatalf("move: %d %s", r.status, r.body)
	}
	r = ts.json(t, "POST", path+"/suspects", police, `{"name":"A. Petrov","citizenship":"ru","identifiers":[{"kind":"phone","value":"+447911123456"}]}`)
	if r.status != 200 || !bytes.Contains(r.body, []byte(`"status":"suspects_identified"`)) {
		t.Fatalf("suspect: %d %s", r.status, r.body)
	}
	var c kuzet.Case
	json.Unmarshal(r.body, &c)
	sus := c.Suspects[0].ID
	ts.json(t, "POST", path+"/suspects", police, fmt.Sprintf(`{"id":%q,"detained_at":%q,"court_at":%q,"charge":"art. 190"}`,
		sus, testNow().Format("2006-01-02T15:04:05Z"), testNow().Format("2006-01-02T15:04:05Z")))
	r = ts.json(t, "POST", path+"/call-centres", police, `{"country":"KZ","city":"Almaty","simbox_imeis":["490154203237518"]}`)
	json.Unmarshal(r.body, &c)
	ts.json(t, "POST", path+"/call-centres", police, fmt.Sprintf(`{"id":%q,"shut_down_at":%q,"simboxes_seized":3,"sims_seized":180}`,
		c.CallCentres[0].ID, testNow().Format("2006-01-02T15:04:05Z")))
	problem(t, ts.json(t, "POST", path+"/call-centres", police, fmt.Sprintf(`{"id":%q,"shut_down_at":%q}`,
		c.CallCentres[0].ID, testNow().Format("2006-01-02T15:04:05Z"))), http.StatusConflict)
	ts.json(t, "POST", path+"/notes", police, `{"text":"the box sat in a rented flat"}`)
	ts.json(t, "POST", path+"/tasks", police, `{"title":"ask the operator for the IMEI history","due_at":"2030-01-01T00:00:00Z"}`)
	for _, st := range []string{"sent_to_court"} {
		if r := ts.json(t, "PATCH", path, police, `{"status":"`+st+`"}`); r.status != 200 {
			t.Fatalf("move to %s: %d %s", st, r.status, r.body)
		}
	}
	if r := ts.json(t, "PATCH", path, police, `{"status":"closed","closed_reason":"verdict"}`); r.status != 200 {
		t.Fatalf("close: %d %s", r.status, r.body)
	}
	problem(t, ts.json(t, "PATCH", path, police, `{"status":"registered"}`), http.StatusConflict)

	st := ts.json(t, "GET", "/v1/stats", police, "").json(t)["cases"].(map[string]any)
	for k, want := range map[string]float64{"suspects_identified": 1, "suspects_identified_foreign": 1,
		"suspects_detained": 1, "suspects_detained_foreign": 1, "people_sent_to_court": 1,
		"call_centres_shut_down_home": 1, "call_centres_shut_down_abroad": 0, "call_centre_sims_seized": 180} {
		if st[k] != want {
			t.Errorf("stats %s: got %v, want %v", k, st[k], want)
		}
	}

	// Evidence: stored with its hash; a forbidden type or an oversized file
	// leaves nothing behind.
	r = ts.do(t, "POST", path+"/evidence?name=screenshot.png", police, "image/png", []byte("\x89PNG fake"))
	if r.status != http.StatusCreated {
		t.Fatalf("evidence: %d %s", r.status, r.body)
	}
	ev := r.json(t)
	got := ts.do(t, "GET", path+"/evidence/"+ev["id"].(string), police, "", nil)
	if string(got.body) != "\x89PNG fake" || got.header.Get("X-Content-SHA256") != ev["sha256"] {
		t.Errorf("evidence read: got %q %q", got.body, got.header.Get("X-Content-SHA256"))
	}
	problem(t, ts.do(t, "POST", path+"/evidence", police, "application/x-msdownload", []byte("MZ")), http.StatusUnsupportedMediaType)
	problem(t, ts.do(t, "POST", path+"/evidence", police, "image/png", bytes.Repeat([]byte("x"), 21<<20)), http.StatusRequestEntityTooLarge)
	view := ts.json(t, "GET", path, police, "").json(t)
	if n := len(view["evidence"].([]any)); n != 1 {
		t.Errorf("got %d evidence files, want 1", n)
	}
}

// TestReportRead: the police read any report with its cases, a bank the
// reports it filed and no other's; each read is audited; a malformed or
// unknown ID is 404, no key 401.
func TestReportRead(t *testing.T) {
	ts := newTestServer(t)
	police, bank := ts.keys[kuzet.OrgPolice], ts.keys[kuzet.OrgBank]
	const mule = "KZ077220000000900000"
	own := ts.file(t, bank, policeReport("Bolat K", "+77011230002", mule, "+447911123457", 480000))
	other := ts.file(t, police, policeReport("Aigul S", "+77011230001", mule, "+447911123456", 250000))

	r := ts.json(t, "GET", "/v1/reports/"+own.ReportID, bank, "")
	if r.status != http.StatusOK || !bytes.Contains(r.body, []byte("Bolat K")) || bytes.Contains(r.body, []byte(`"cases"`)) {
		t.Fatalf("bank reads its own report: got %d %s", r.status, r.body)
	}
	problem(t, ts.json(t, "GET", "/v1/reports/"+other.ReportID, bank, ""), http.StatusNotFound)
	r = ts.json(t, "GET", "/v1/reports/"+own.ReportID, police, "")
	if r.status != http.StatusOK || !bytes.Contains(r.body, []byte(`"cases"`)) || !bytes.Contains(r.body, []byte(own.CaseID)) {
		t.Fatalf("police read a bank's report: got %d %s", r.status, r.body)
	}
	if n := ts.auditCount(t, kuzet.AuditReportRead, "report:"+own.ReportID); n != 2 {
		t.Errorf("got %d report.read audit entries, want 2", n)
	}
	problem(t, ts.json(t, "GET", "/v1/reports/rep_"+strings.Repeat("x", 300), police, ""), http.StatusNotFound)
	problem(t, ts.json(t, "GET", "/v1/reports/nonsense", police, ""), http.StatusNotFound)
	problem(t, ts.json(t, "GET", "/v1/reports/"+own.ReportID, "", ""), http.StatusUnauthorized)
}

// TestReportConfirm: the police confirm a report's identifiers (audited);
// a bank may not; an unknown report is 404.
func TestReportConfirm(t *testing.T) {
	ts := newTestServer(t)
	police, bank := ts.keys[kuzet.OrgPolice], ts.keys[kuzet.OrgBank]
	f := ts.file(t, bank, policeReport("Bolat K", "+77011230002", "KZ077220000000900000", "+447911123457", 480000))
	r := ts.json(t, "POST", "/v1/reports/"+f.ReportID+"/confirm", police, "")
	var c struct {
		Confirmed []kuzet.Indicator `json:"confirmed"`
	}
	if err := json.Unmarshal(r.body, &c); err != nil || r.status != http.StatusOK || len(c.Confirmed) != 2 {
		t.Fatalf("confirm: got %d %s, want both identifiers confirmed", r.status, r.body)
	}
	if n := ts.auditCount(t, "report.confirm", "report:"+f.ReportID); n != 1 {
		t.Errorf("got %d report.confirm audit entries, want 1", n)
	}
	problem(t, ts.json(t, "POST", "/v1/reports/"+f.ReportID+"/confirm", bank, ""), http.StatusForbidden)
	problem(t, ts.json(t, "POST", "/v1/reports/rep_nosuch/confirm", police, ""), http.StatusNotFound)
}
