package httpapi_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/access"
	"github.com/kuzet/kuzet/audit"
	"github.com/kuzet/kuzet/httpapi"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/sqlite"
	"github.com/kuzet/kuzet/webwatch"
)

// MustWeb returns the internet-monitoring workflow over store, scoring
// against the built-in watchlist, reading clock.
func MustWeb(tb testing.TB, store kuzet.Store, reg *registry.Service, clock kuzet.Clock) *webwatch.Service {
	tb.Helper()
	return webwatch.NewService(webwatch.Config{Store: store, Registry: reg, Scorer: webwatch.DefaultScorer(), Clock: clock})
}

type domainsAnswer struct {
	Accepted, Rejected int
	Flagged            *int
	Results            []struct {
		Index     int
		Status    string
		FindingID int64 `json:"finding_id"`
		New       bool
		Brand     string
		Verdict   string
		Error     *struct {
			Code   string
			Errors []kuzet.FieldError
		}
	}
}

// decode unmarshals a successful answer of status into v.
func decode(t *testing.T, r response, status int, v any) {
	t.Helper()
	if r.status != status {
		t.Fatalf("got %d %s, want %d", r.status, r.body, status)
	}
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("answer %s: %v", r.body, err)
	}
}

// submitDomains posts domains as source with key and returns the answer.
func (ts *testServer) submitDomains(t *testing.T, key, source string, domains ...string) domainsAnswer {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"source": source, "domains": domains})
	var a domainsAnswer
	decode(t, ts.do(t, "POST", "/v1/web/domains", key, "application/json", body), 200, &a)
	return a
}

type findingsPage struct {
	Findings []kuzet.WebFinding
	Next     int64
}

func findingIDs(fs []kuzet.WebFinding) []int64 {
	ids := make([]int64, len(fs))
	for i, f := range fs {
		ids[i] = f.ID
	}
	return ids
}

func TestWebAnalystWorkflow(t *testing.T) {
	ts := newTestServer(t)
	police, public, bank := ts.keys[kuzet.OrgPolice], ts.keys[kuzet.OrgPublic], ts.keys[kuzet.OrgBank]

	// A feed: look-alikes become findings, the rest is counted.
	a := ts.submitDomains(t, police, "feed", "kaspi-bonus.top", "example.kz", "not a domain!", "https://halyk-bonus.com/login?id=7",
		"egov.kz.verify-id.top", "kaspi.kz")
	if a.Accepted != 5 || a.Rejected != 1 || a.Flagged == nil || *a.Flagged != 3 {
		t.Fatalf("feed: got accepted %d rejected %d flagged %v, want 5, 1 and 3", a.Accepted, a.Rejected, a.Flagged)
	}
	wantStatus := []string{"flagged", "clean", "rejected", "flagged", "flagged", "clean"}
	for i, res := range a.Results {
		if res.Index != i || res.Status != wantStatus[i] {
			t.Errorf("result %d: got index %d status %s, want %s", i, res.Index, res.Status, wantStatus[i])
		}
	}
	if e := a.Results[2].Error; e == nil || e.Code != "invalid" || e.Errors[0].Field != "domains[2]" {
		t.Errorf("invalid item: got error %+v, want invalid naming domains[2]", e)
	}
	if r := a.Results[0]; r.Brand != "kaspi" || !r.New || r.FindingID == 0 || r.Verdict == "" {
		t.Errorf("kaspi-bonus.top: got %+v, want a new finding imitating kaspi", r)
	}
	kaspiID, halykID, egovID := a.Results[0].FindingID, a.Results[3].FindingID, a.Results[4].FindingID

	// The portal submits what citizens report and is told no verdict; a
	// domain seen before is the same finding.
	p := ts.submitDomains(t, public, "citizen", "kaspi-bonus.top", "example.kz")
	if p.Flagged != nil || p.Accepted != 2 || p.Results[0].Status != "accepted" || p.Results[0].FindingID != 0 || p.Results[0].Brand != "" {
		t.Errorf("citizen report: got %+v, want both accepted with no verdict", p)
	}
	if r := ts.json(t, "POST", "/v1/web/domains", public, `{"source":"feed","domains":["kaspi-bonus.top"]}`); r.status != 403 {
		t.Errorf("public key submitting as feed: got %d %s, want 403", r.status, r.body)
	}
	again := ts.submitDomains(t, police, "analyst", "KASPI-BONUS.top")
	if r := again.Results[0]; r.FindingID != kaspiID || r.New {
		t.Errorf("known domain: got %+v, want finding %d, not new", r, kaspiID)
	}

	// The queue.
	var page findingsPage
	decode(t, ts.do(t, "GET", "/v1/web/findings?status=new", police, "", nil), 200, &page)
	if got, want := findingIDs(page.Findings), []int64{kaspiID, halykID, egovID}; !slices.Equal(got, want) {
		t.Fatalf("queue: got %v, want %v", got, want)
	}
	if f := page.Findings[1]; f.URL == "" || f.Source != kuzet.WebSourceFeed || f.Unicode != "halyk-bonus.com" || len(f.Methods) == 0 {
		t.Errorf("halyk finding: got %+v, want its URL, source and methods", f)
	}
	page = findingsPage{}
	decode(t, ts.do(t, "GET", "/v1/web/findings?status=new&limit=2", police, "", nil), 200, &page)
	if len(page.Findings) != 2 || page.Next != halykID {
		t.Errorf("first page: got %d findings, next %d, want 2 and %d", len(page.Findings), page.Next, halykID)
	}
	next := page.Next
	page = findingsPage{}
	decode(t, ts.do(t, "GET", fmt.Sprintf("/v1/web/findings?status=new&limit=2&after=%d", next), police, "", nil), 200, &page)
	if got := findingIDs(page.Findings); !slices.Equal(got, []int64{egovID}) || page.Next != 0 {
		t.Errorf("second page: got %v next %d, want [%d] and no next", got, page.Next, egovID)
	}
	page = findingsPage{}
	decode(t, ts.do(t, "GET", "/v1/web/findings?brand=egov&source=feed&from=2000-01-01", police, "", nil), 200, &page)
	if got := findingIDs(page.Findings); !slices.Equal(got, []int64{egovID}) {
		t.Errorf("by brand: got %v, want [%d]", got, egovID)
	}
	page = findingsPage{}
	decode(t, ts.do(t, "GET", "/v1/web/findings?source=citizen", police, "", nil), 200, &page)
	if len(page.Findings) != 0 {
		t.Errorf("by source: got %v, want none: the citizen's domain was found by the feed first", findingIDs(page.Findings))
	}

	// Confirmation reports the site to the registry as the analyst's
	// organisation: every bank sees it at once.
	var conf struct {
		Finding    kuzet.WebFinding
		Indicators []struct{ Kind, Value, Status string }
	}
	decode(t, ts.json(t, "POST", fmt.Sprintf("/v1/web/findings/%d/confirm", halykID), police,
		`{"category":"fake_shop","notes":"asks for card details"}`), 200, &conf)
	if f := conf.Finding; f.Status != kuzet.WebFindingConfirmed || f.Category != kuzet.CategoryFakeShop ||
		f.Notes != "asks for card details" || f.DecidedBy != ts.orgs[kuzet.OrgPolice].ID {
		t.Errorf("confirmed finding: got %+v", f)
	}
	if len(conf.Indicators) != 2 || conf.Indicators[0].Kind != "domain" || conf.Indicators[1].Kind != "url" ||
		conf.Indicators[0].Status != "accepted" || conf.Indicators[1].Status != "accepted" {
		t.Errorf("registry answers: got %+v, want the domain and the URL accepted", conf.Indicators)
	}
	look := ts.do(t, "GET", "/v1/indicators/domain/halyk-bonus.com", bank, "", nil).json(t)
	if look["risk"] == "none" || !slices.Contains(look["categories"].([]any), any("fake_shop")) {
		t.Errorf("bank lookup of the confirmed site: got %v, want a risk as fake_shop", look)
	}
	if r := ts.do(t, "POST", fmt.Sprintf("/v1/web/findings/%d/confirm", halykID), police, "", nil); r.status != 409 {
		t.Errorf("confirm twice: got %d %s, want 409", r.status, r.body)
	}
	// No body: a phishing site by default.
	decode(t, ts.do(t, "POST", fmt.Sprintf("/v1/web/findings/%d/confirm", kaspiID), police, "", nil), 200, &conf)
	if conf.Finding.Category != kuzet.CategoryPhishingSite {
		t.Errorf("confirm with no body: got category %q, want phishing_site", conf.Finding.Category)
	}

	var dismissed kuzet.WebFinding
	decode(t, ts.json(t, "POST", fmt.Sprintf("/v1/web/findings/%d/dismiss", egovID), police, `{"notes":"a test page of the ministry"}`), 200, &dismissed)
	if dismissed.Status != kuzet.WebFindingDismissed || dismissed.Notes == "" {
		t.Errorf("dismissed: got %+v", dismissed)
	}
	var one kuzet.WebFinding
	decode(t, ts.do(t, "GET", fmt.Sprintf("/v1/web/findings/%d", egovID), police, "", nil), 200, &one)
	if one.Status != kuzet.WebFindingDismissed || one.Domain != "egov.kz.verify-id.top" {
		t.Errorf("finding: got %+v, want the dismissed egov look-alike", one)
	}
	for _, path := range []string{"/v1/web/findings/999", "/v1/web/findings/999/dismiss"} {
		method := "GET"
		if strings.HasSuffix(path, "dismiss") {
			method = "POST"
		}
		if r := ts.do(t, method, path, police, "", nil); r.status != 404 {
			t.Errorf("%s %s: got %d, want 404", method, path, r.status)
		}
	}
}

// confirmedFindings submits domains as police and confirms them.
func (ts *testServer) confirmedFindings(t *testing.T, domains ...string) []int64 {
	t.Helper()
	police := ts.keys[kuzet.OrgPolice]
	a := ts.submitDomains(t, police, "feed", domains...)
	ids := make([]int64, len(domains))
	for i, res := range a.Results {
		if res.Status != "flagged" {
			t.Fatalf("%s: got %s, want flagged", domains[i], res.Status)
		}
		ids[i] = res.FindingID
		if r := ts.do(t, "POST", fmt.Sprintf("/v1/web/findings/%d/confirm", ids[i]), police, "", nil); r.status != 200 {
			t.Fatalf("confirm %s: got %d %s", domains[i], r.status, r.body)
		}
	}
	return ids
}

func TestWebBlockingRoundTrip(t *testing.T) {
	ts := newTestServer(t)
	police, regulator := ts.keys[kuzet.OrgPolice], ts.keys[kuzet.OrgRegulator]
	ids := ts.confirmedFindings(t, "kaspi-bonus.top", "halyk-bonus.com", "egov.kz.verify-id.top")
	newOnly := ts.submitDomains(t, police, "feed", "kolesa-dostavka.kz").Results[0].FindingID

	// The police send two confirmed findings; a finding that is not
	// confirmed and one that does not exist are left out, each named.
	var created struct {
		Request kuzet.BlockingRequest
		Errors  []struct {
			Index int
			Error struct {
				Code   string
				Errors []kuzet.FieldError
			}
		}
	}
	body := fmt.Sprintf(`{"finding_ids":[%d,%d,%d,999],"note":"=HYPERLINK(\"x\") batch 1"}`, ids[1], newOnly, ids[0])
	r := ts.json(t, "POST", "/v1/blocking-requests", police, body)
	decode(t, r, 201, &created)
	req := created.Request
	if got := []int64{req.Items[0].FindingID, req.Items[1].FindingID}; len(req.Items) != 2 || !slices.Equal(got, []int64{ids[1], ids[0]}) {
		t.Fatalf("request items: got %+v, want findings %d and %d in the order sent", req.Items, ids[1], ids[0])
	}
	if loc := r.header.Get("Location"); loc != fmt.Sprintf("/v1/blocking-requests/%d", req.ID) {
		t.Errorf("Location: got %q", loc)
	}
	if len(created.Errors) != 2 || created.Errors[0].Index != 1 || created.Errors[0].Error.Code != "conflict" ||
		created.Errors[1].Index != 3 || created.Errors[1].Error.Code != "not_found" || created.Errors[1].Error.Errors[0].Field != "finding_ids[3]" {
		t.Errorf("left out: got %+v, want finding_ids[1] in conflict and finding_ids[3] not found", created.Errors)
	}
	if it := req.Items[0]; it.Status != kuzet.BlockingPending || it.Evidence.Brand != "halyk" || it.Evidence.Source != kuzet.WebSourceFeed ||
		it.Category != kuzet.CategoryPhishingSite || it.Evidence.DecidedBy == 0 {
		t.Errorf("item with evidence: got %+v", it)
	}
	if r := ts.json(t, "POST", "/v1/blocking-requests", police, fmt.Sprintf(`{"finding_ids":[%d]}`, ids[0])); r.status != 409 {
		t.Errorf("send a finding twice: got %d %s, want 409", r.status, r.body)
	}
	// With no list, every confirmed finding left goes.
	var rest struct{ Request kuzet.BlockingRequest }
	decode(t, ts.json(t, "POST", "/v1/blocking-requests", police, `{}`), 201, &rest)
	if len(rest.Request.Items) != 1 || rest.Request.Items[0].FindingID != ids[2] {
		t.Errorf("send every confirmed finding: got %+v, want finding %d", rest.Request.Items, ids[2])
	}
	if r := ts.json(t, "POST", "/v1/blocking-requests", police, `{}`); r.status != 409 {
		t.Errorf("nothing left to send: got %d %s, want 409", r.status, r.body)
	}

	// The regulator's queue holds both, with their evidence.
	var queue struct {
		Requests []kuzet.BlockingRequest
		Next     int64
	}
	decode(t, ts.do(t, "GET", "/v1/blocking-requests?pending=true", regulator, "", nil), 200, &queue)
	if len(queue.Requests) != 2 || queue.Requests[0].ID != req.ID || len(queue.Requests[0].Items) != 2 {
		t.Fatalf("regulator's queue: got %+v, want both requests with their items", queue.Requests)
	}

	// Exports: a CSV row per item with the evidence, and the JSON document.
	r = ts.do(t, "GET", fmt.Sprintf("/v1/blocking-requests/%d/export?format=csv", req.ID), regulator, "", nil)
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") ||
		!strings.Contains(r.header.Get("Content-Disposition"), fmt.Sprintf(`filename="blocking-request-%d.csv"`, req.ID)) {
		t.Fatalf("CSV export: got %d %v", r.status, r.header)
	}
	rows, err := csv.NewReader(bytes.NewReader(r.body)).ReadAll()
	if err != nil {
		t.Fatalf("CSV export: %v", err)
	}
	if len(rows) != 3 || !slices.Equal(rows[0], webwatch.BlockingCSVHeader) || rows[1][3] != "halyk-bonus.com" || rows[2][3] != "kaspi-bonus.top" {
		t.Errorf("CSV export: got %q, want the header and one row per item", rows)
	}
	for _, format := range []string{"json", ""} {
		var doc kuzet.BlockingRequest
		decode(t, ts.do(t, "GET", fmt.Sprintf("/v1/blocking-requests/%d/export?format=%s", req.ID, format), regulator, "", nil), 200, &doc)
		if doc.ID != req.ID || len(doc.Items) != 2 || doc.Note != req.Note {
			t.Errorf("JSON export %q: got %+v", format, doc)
		}
	}

	// The regulator answers item by item.
	var answer struct {
		Accepted, Rejected int
		Results            []struct {
			Status string
			Item   *kuzet.BlockingItem
			Error  *struct{ Code string }
		}
	}
	decode(t, ts.json(t, "POST", fmt.Sprintf("/v1/blocking-requests/%d/status", req.ID), regulator, fmt.Sprintf(
		`{"items":[{"finding_id":%d,"status":"blocked","note":"order 12/7"},{"finding_id":%d,"status":"gone"},{"finding_id":%d,"status":"blocked"}]}`,
		ids[1], ids[2], ids[1])), 200, &answer)
	if answer.Accepted != 1 || answer.Rejected != 2 || answer.Results[0].Item.Status != kuzet.BlockingBlocked ||
		answer.Results[1].Error.Code != "not_found" || answer.Results[2].Error.Code != "invalid" {
		t.Fatalf("status report: got %+v, want one answer stored, one for a finding not in the request, one repeated", answer)
	}
	decode(t, ts.json(t, "POST", fmt.Sprintf("/v1/blocking-requests/%d/status", req.ID), regulator,
		fmt.Sprintf(`{"items":[{"finding_id":%d,"status":"rejected","note":"a legitimate shop"}]}`, ids[0])), 200, &answer)
	if answer.Accepted != 1 {
		t.Fatalf("second status report: got %+v", answer)
	}
	decode(t, ts.do(t, "GET", "/v1/blocking-requests?pending=true", regulator, "", nil), 200, &queue)
	if len(queue.Requests) != 1 || queue.Requests[0].ID != rest.Request.ID {
		t.Errorf("queue after the answers: got %+v, want only the second request", queue.Requests)
	}

	// The police see the answers, and the findings follow them.
	var got kuzet.BlockingRequest
	decode(t, ts.do(t, "GET", fmt.Sprintf("/v1/blocking-requests/%d", req.ID), police, "", nil), 200, &got)
	if got.Items[0].Status != kuzet.BlockingBlocked || got.Items[0].Note != "order 12/7" || got.Items[0].StatusBy != ts.orgs[kuzet.OrgRegulator].ID ||
		got.Items[1].Status != kuzet.BlockingRejected {
		t.Errorf("request after the answers: got %+v", got.Items)
	}
	for id, want := range map[int64]kuzet.WebFindingStatus{ids[1]: kuzet.WebFindingBlocked, ids[0]: kuzet.WebFindingRejected, ids[2]: kuzet.WebFindingSent} {
		var f kuzet.WebFinding
		decode(t, ts.do(t, "GET", fmt.Sprintf("/v1/web/findings/%d", id), police, "", nil), 200, &f)
		if f.Status != want {
			t.Errorf("finding %d: got %s, want %s", id, f.Status, want)
		}
	}

	// The briefing's figures.
	for _, key := range []string{police, regulator} {
		var c kuzet.WebCounts
		decode(t, ts.do(t, "GET", "/v1/web/stats?from=2000-01-01", key, "", nil), 200, &c)
		if want := (kuzet.WebCounts{Found: 4, Sent: 3, Blocked: 1, Rejected: 1}); c != want {
			t.Errorf("stats: got %+v, want %+v", c, want)
		}
	}
	var none kuzet.WebCounts
	decode(t, ts.do(t, "GET", "/v1/web/stats?to=2000-01-01T00:00:00Z", police, "", nil), 200, &none)
	if none != (kuzet.WebCounts{}) {
		t.Errorf("stats before anything happened: got %+v, want zeros", none)
	}
}

func TestWebMalformedRequests(t *testing.T) {
	ts := newTestServer(t)
	police, regulator := ts.keys[kuzet.OrgPolice], ts.keys[kuzet.OrgRegulator]
	ids := ts.confirmedFindings(t, "kaspi-bonus.top")
	var created struct{ Request kuzet.BlockingRequest }
	decode(t, ts.json(t, "POST", "/v1/blocking-requests", police, `{}`), 201, &created)
	reqPath := fmt.Sprintf("/v1/blocking-requests/%d", created.Request.ID)

	tooMany := `{"source":"feed","domains":[` + strings.Repeat(`"kaspi-bonus.top",`, webwatch.MaxBatch) + `"kaspi-bonus.top"]}`
	huge := `{"source":"feed","domains":["` + strings.Repeat("a", 5<<20) + `"]}`
	for _, tc := range []struct {
		name, key, method, path, ctype, body string
		status                               int
		field                                string
	}{
		{"broken JSON", police, "POST", "/v1/web/domains", "application/json", `{"source":`, 400, ""},
		{"unknown field", police, "POST", "/v1/web/domains", "application/json", `{"source":"feed","domain":["x.kz"]}`, 400, "domain"},
		{"domains not a list", police, "POST", "/v1/web/domains", "application/json", `{"source":"feed","domains":"x.kz"}`, 400, "domains"},
		{"no domains", police, "POST", "/v1/web/domains", "application/json", `{"source":"feed","domains":[]}`, 400, "domains"},
		{"too many domains", police, "POST", "/v1/web/domains", "application/json", tooMany, 400, "domains"},
		{"oversized body", police, "POST", "/v1/web/domains", "application/json", huge, 413, ""},
		{"wrong content type", police, "POST", "/v1/web/domains", "text/plain", `{}`, 415, "Content-Type"},
		{"unknown source", police, "POST", "/v1/web/domains", "application/json", `{"source":"twitter","domains":["x.kz"]}`, 400, "source"},
		{"long detail", police, "POST", "/v1/web/domains", "application/json",
			`{"source":"feed","detail":"` + strings.Repeat("d", webwatch.MaxDetail+1) + `","domains":["x.kz"]}`, 400, "detail"},
		{"bad status filter", police, "GET", "/v1/web/findings?status=open", "", ``, 400, "status"},
		{"bad source filter", police, "GET", "/v1/web/findings?source=x", "", ``, 400, "source"},
		{"bad from", police, "GET", "/v1/web/findings?from=yesterday", "", ``, 400, "from"},
		{"from after to", police, "GET", "/v1/web/findings?from=2026-02-01&to=2026-01-01", "", ``, 400, "from"},
		{"bad limit", police, "GET", "/v1/web/findings?limit=1001", "", ``, 400, "limit"},
		{"bad after", police, "GET", "/v1/web/findings?after=-1", "", ``, 400, "after"},
		{"bad id", police, "GET", "/v1/web/findings/abc", "", ``, 400, "id"},
		{"zero id", police, "POST", "/v1/web/findings/0/confirm", "", ``, 400, "id"},
		{"notes not text", police, "POST", fmt.Sprintf("/v1/web/findings/%d/dismiss", ids[0]), "application/json", `{"notes":1}`, 400, "notes"},
		{"confirm as what", police, "POST", "/v1/web/findings/1/confirm", "application/json", `{"category":"scam_call"}`, 400, "category"},
		{"confirm unknown field", police, "POST", "/v1/web/findings/1/confirm", "application/json", `{"categroy":"fake_shop"}`, 400, "categroy"},
		{"long notes", police, "POST", "/v1/web/findings/1/dismiss", "application/json", `{"notes":"` + strings.Repeat("n", webwatch.MaxNotes+1) + `"}`, 400, "notes"},
		{"confirm an unknown finding", police, "POST", "/v1/web/findings/999/confirm", "", ``, 404, ""},
		{"request ids not numbers", police, "POST", "/v1/blocking-requests", "application/json", `{"finding_ids":["a"]}`, 400, "finding_ids[0]"},
		{"request of unknown findings", police, "POST", "/v1/blocking-requests", "application/json", `{"finding_ids":[998,999]}`, 404, "finding_ids[0]"},
		{"request with no body", police, "POST", "/v1/blocking-requests", "", ``, 415, "Content-Type"},
		{"bad format", police, "GET", reqPath + "?format=xml", "", ``, 400, "format"},
		{"unknown request", police, "GET", "/v1/blocking-requests/999", "", ``, 404, ""},
		{"bad pending", regulator, "GET", "/v1/blocking-requests?pending=maybe", "", ``, 400, "pending"},
		{"no answers", regulator, "POST", reqPath + "/status", "application/json", `{"items":[]}`, 400, "items"},
		{"answers unknown field", regulator, "POST", reqPath + "/status", "application/json", `{"items":[{"finding":1,"status":"blocked"}]}`, 400, "items[0].finding"},
		{"answers to an unknown request", regulator, "POST", "/v1/blocking-requests/999/status", "application/json",
			`{"items":[{"finding_id":1,"status":"blocked"}]}`, 404, ""},
		{"bad stats period", police, "GET", "/v1/web/stats?from=2026-13-01", "", ``, 400, "from"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ts.do(t, tc.method, tc.path, tc.key, tc.ctype, []byte(tc.body))
			if r.status != tc.status {
				t.Fatalf("got %d %s, want %d", r.status, r.body, tc.status)
			}
			if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("content type %q, want application/problem+json", ct)
			}
			if tc.field != "" {
				errs, _ := r.json(t)["errors"].([]any)
				if len(errs) == 0 || errs[0].(map[string]any)["field"] != tc.field {
					t.Errorf("got errors %v, want field %s", r.json(t)["errors"], tc.field)
				}
			}
		})
	}

	// An answer that is not blocked, rejected or gone is that item's
	// error; the request goes on.
	var answer struct {
		Rejected int
		Results  []struct {
			Error *struct{ Errors []kuzet.FieldError }
		}
	}
	decode(t, ts.json(t, "POST", reqPath+"/status", regulator, fmt.Sprintf(`{"items":[{"finding_id":%d,"status":"pending"}]}`, ids[0])), 200, &answer)
	if answer.Rejected != 1 || answer.Results[0].Error.Errors[0].Field != "items[0].status" {
		t.Errorf("a pending answer: got %+v, want items[0].status invalid", answer)
	}
}

// FuzzWebBatches sends arbitrary bodies to the two JSON batch endpoints of
// internet monitoring, the domains to watch and the regulator's answers:
// the answer is a problem document or one result per item, never a
// failure of the server.
func FuzzWebBatches(f *testing.F) {
	for _, seed := range []struct {
		answers bool
		body    string
	}{
		{false, `{"source":"feed","domains":["kaspi-bonus.top","example.kz","xn--80a.kz","https://halyk-bonus.com/a?b=c"]}`},
		{false, `{"source":"citizen","detail":"report 7","domains":["кaspi.kz","*.egov.kz.verify-id.top",""]}`},
		{false, `{"source":"feed","domains":["xn--zz-.kz","a..b","` + strings.Repeat("a", 70) + `.kz"]}`},
		{false, `{"source":"ct","domains":[1]}`},
		{true, `{"items":[{"finding_id":1,"status":"blocked","note":"ok"},{"finding_id":1,"status":"gone"}]}`},
		{true, `{"items":[{"finding_id":-5,"status":"pending"},{"finding_id":99,"status":"rejected"}]}`},
		{true, `{"items":[]}`},
	} {
		f.Add(seed.answers, []byte(seed.body))
	}
	ctx := context.Background()
	store, err := sqlite.Open(ctx, f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	logger := slog.New(slog.DiscardHandler)
	rec := audit.NewRecorder(store, logger)
	f.Cleanup(func() { rec.Close(); store.Close() })
	acc := access.NewService(store, testNow)
	reg := registry.NewService(store, &ident.Parser{CardKey: bytes.Repeat([]byte("k"), 32)}, testNow, rec)
	wf := MustWeb(f, store, reg, testNow)
	api := httpapi.New(httpapi.Config{Store: store, Access: acc, Registry: reg, Logger: logger, Web: wf, Clock: testNow})
	api.SetReady(true)
	keys := map[kuzet.OrgType]string{}
	var police int64
	for _, typ := range []kuzet.OrgType{kuzet.OrgPolice, kuzet.OrgRegulator} {
		o := &kuzet.Org{Name: string(typ), Type: typ}
		if keys[typ], _, err = acc.CreateOrg(ctx, o); err != nil {
			f.Fatal(err)
		}
		if typ == kuzet.OrgPolice {
			police = o.ID
		}
	}
	// A request for the answers to answer on.
	res, err := wf.Submit(ctx, webwatch.Submission{Source: kuzet.WebSourceFeed, OrgID: police,
		Items: []webwatch.SubmitItem{{Value: "kaspi-bonus.top"}, {Value: "halyk-bonus.com"}}})
	if err != nil || len(res.Findings) != 2 {
		f.Fatalf("submit: got %+v, %v", res, err)
	}
	for _, sf := range res.Findings {
		if _, err := wf.Confirm(ctx, sf.Finding.ID, webwatch.Triage{OrgID: police}); err != nil {
			f.Fatal(err)
		}
	}
	br, err := wf.CreateBlockingRequest(ctx, police, nil, "")
	if err != nil {
		f.Fatal(err)
	}

	f.Fuzz(func(t *testing.T, answers bool, body []byte) {
		path, key := "/v1/web/domains", keys[kuzet.OrgPolice]
		if answers {
			path, key = fmt.Sprintf("/v1/blocking-requests/%d/status", br.Request.ID), keys[kuzet.OrgRegulator]
		}
		req := httptest.NewRequest("POST", path, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+key)
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		api.ServeHTTP(w, req)
		switch {
		case w.Code >= 500:
			t.Fatalf("got %d %s, want an answer to the client", w.Code, w.Body)
		case w.Code != 200:
			if ct := w.Header().Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("got %d with content type %q, want a problem document", w.Code, ct)
			}
			return
		}
		// One result per item, in order.
		// Read as the server reads it: encoding/json also takes "Domains"
		// for "domains".
		var in struct {
			Domains []json.RawMessage `json:"domains"`
			Items   []json.RawMessage `json:"items"`
		}
		if err := json.Unmarshal(body, &in); err != nil {
			t.Fatalf("got 200 for a body that is not a batch: %v", err)
		}
		items := in.Domains
		if answers {
			items = in.Items
		}
		var out struct {
			Results []struct{ Index int }
		}
		if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
			t.Fatalf("answer %s: %v", w.Body, err)
		}
		if len(out.Results) != len(items) {
			t.Fatalf("got %d results for %d items", len(out.Results), len(items))
		}
		for i, r := range out.Results {
			if r.Index != i {
				t.Fatalf("result %d: got index %d", i, r.Index)
			}
		}
	})
}
