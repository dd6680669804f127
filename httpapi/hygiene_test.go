package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
)

// noRedirects is a client that shows a redirect instead of following it.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// raw sends a request with target written as is on the request line, with
// the key in the Authorization header as given, and never follows a
// redirect.
func (ts *testServer) raw(t *testing.T, method, target, authorization string) response {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.URL.Opaque = target // sent verbatim: no client-side cleaning or escaping
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header, b}
}

// problem fails the test unless r is a problem document of status.
func problem(t *testing.T, r response, status int) map[string]any {
	t.Helper()
	if r.status != status {
		t.Fatalf("got %d %s, want %d", r.status, r.body, status)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("got content type %q, want application/problem+json: %s", ct, r.body)
	}
	p := r.json(t)
	if p["status"] != float64(status) || p["code"] == nil || p["detail"] == "" {
		t.Fatalf("problem %v lacks status, code or detail", p)
	}
	return p
}

// TestEveryErrorIsAProblem: what no route takes, and a path the router
// would rewrite, are answered with problem documents, never with the
// router's plain text or a redirect.
func TestEveryErrorIsAProblem(t *testing.T) {
	ts := newTestServer(t)
	bank := "Bearer " + ts.keys[kuzet.OrgBank]
	for _, tc := range []struct {
		name, method, target string
		status               int
		allow                string
	}{
		{"unknown route", "GET", "/v1/nothing-here", 404, ""},
		{"unknown route without a key", "POST", "/nowhere", 404, ""},
		{"wrong method", "DELETE", "/v1/payments/check", 405, "POST"},
		{"wrong method on a lookup", "POST", "/v1/indicators/phone/+77011234567", 405, "GET, HEAD, DELETE"},
		{"double slash", "GET", "/v1/indicators/url/https://evil.example/login", 400, ""},
		{"dot segment", "GET", "/v1/indicators/phone/../../whoami", 400, ""},
		{"dot at the end", "GET", "/v1/whoami/.", 400, ""},
		{"not UTF-8", "GET", "/v1/indicators/domain/%ff%fe", 400, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ts.raw(t, tc.method, tc.target, bank)
			problem(t, r, tc.status)
			if got := r.header.Get("Allow"); got != tc.allow {
				t.Errorf("Allow: got %q, want %q", got, tc.allow)
			}
		})
	}
}

// TestURLIndicatorLookup: a URL reported high is found high when looked up
// by query parameter or percent-encoded in the path; written raw into the
// path, where the router would fold its "//" and drop its query, it is
// refused, never answered for something else.
func TestURLIndicatorLookup(t *testing.T) {
	ts := newTestServer(t)
	police, bank := ts.keys[kuzet.OrgPolice], ts.keys[kuzet.OrgBank]
	const u = "https://evil.example/login?id=42"
	r := ts.json(t, "POST", "/v1/indicators", police, `{"indicators":[
		{"kind":"url","value":"`+u+`","category":"phishing_site","confidence":1}]}`)
	if r.status != 200 || r.json(t)["accepted"] != float64(1) {
		t.Fatalf("report: got %d %s", r.status, r.body)
	}
	high := ts.do(t, "GET", "/v1/indicators/url?value="+url.QueryEscape(u), bank, "", nil)
	if high.status != 200 || high.json(t)["risk"] == "none" {
		t.Fatalf("lookup by query: got %d %s, want the URL's risk", high.status, high.body)
	}
	risk := high.json(t)["risk"]
	if r := ts.do(t, "GET", "/v1/indicators/url/"+url.PathEscape(u), bank, "", nil); r.status != 200 || r.json(t)["risk"] != risk {
		t.Errorf("lookup percent-encoded in the path: got %d %s, want risk %v", r.status, r.body, risk)
	}
	problem(t, ts.raw(t, "GET", "/v1/indicators/url/"+u, "Bearer "+bank), 400)
	problem(t, ts.do(t, "GET", "/v1/indicators/url", bank, "", nil), 400)

	// The query form withdraws and un-allowlists too.
	if r := ts.do(t, "DELETE", "/v1/indicators/url?value="+url.QueryEscape(u), police, "", nil); r.status != 204 {
		t.Errorf("withdraw by query: got %d %s, want 204", r.status, r.body)
	}
	if r := ts.do(t, "GET", "/v1/indicators/url?value="+url.QueryEscape(u), bank, "", nil); r.json(t)["risk"] != "none" {
		t.Errorf("after the withdrawal: got %s, want risk none", r.body)
	}
	r = ts.json(t, "POST", "/v1/allowlist", police, `{"entries":[{"kind":"url","value":"`+u+`","reason":"test"}]}`)
	if r.status != 200 {
		t.Fatalf("allowlist: got %d %s", r.status, r.body)
	}
	if r := ts.do(t, "DELETE", "/v1/allowlist/url?value="+url.QueryEscape(u), police, "", nil); r.status != 204 {
		t.Errorf("remove the allowlist entry by query: got %d %s, want 204", r.status, r.body)
	}
}

func TestAuthorizationSchemeAnyCase(t *testing.T) {
	ts := newTestServer(t)
	key := ts.keys[kuzet.OrgBank]
	for _, h := range []string{"Bearer " + key, "bearer " + key, "BEARER " + key, "  bEaReR   " + key + " "} {
		if r := ts.raw(t, "GET", "/v1/whoami", h); r.status != 200 {
			t.Errorf("Authorization %q: got %d %s, want 200", h, r.status, r.body)
		}
	}
	for _, h := range []string{"Basic " + key, "Bearer", "Bearerkz_x " + key} {
		if r := ts.raw(t, "GET", "/v1/whoami", h); r.status != 401 {
			t.Errorf("Authorization %q: got %d %s, want 401", h, r.status, r.body)
		}
	}
}

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	io.WriteString(zw, s)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestCompressedBodies: a gzip-compressed JSON body is read, within the
// limit once decompressed; another encoding is 415.
func TestCompressedBodies(t *testing.T) {
	ts := newTestServer(t)
	police, telco := ts.keys[kuzet.OrgPolice], ts.keys[kuzet.OrgTelco]
	report := `{"indicators":[{"kind":"phone","value":"+77015550101","category":"scam_call"}]}`
	if r := ts.do(t, "POST", "/v1/indicators", police, "application/json", gzipped(t, report), "Content-Encoding", "gzip"); r.status != 200 ||
		r.json(t)["accepted"] != float64(1) {
		t.Errorf("gzip body: got %d %s, want it read", r.status, r.body)
	}
	calls := `{"calls":[{"a":"+77015550101","b":"+77021234567","at":"` + now() + `","ingress":"domestic","call_id":"z1"}]}`
	if r := ts.do(t, "POST", "/v1/calls/verify", telco, "application/json", gzipped(t, calls), "Content-Encoding", "gzip"); r.status != 200 {
		t.Errorf("gzip call batch: got %d %s, want it read", r.status, r.body)
	}
	// 4 MiB of zeros compress to a few kilobytes: the limit counts what
	// they decompress to.
	bomb := gzipped(t, `{"indicators":[{"kind":"phone","value":"`+strings.Repeat("0", 5<<20)+`"}]}`)
	problem(t, ts.do(t, "POST", "/v1/indicators", police, "application/json", bomb, "Content-Encoding", "gzip"), 413)
	problem(t, ts.do(t, "POST", "/v1/calls/verify", telco, "application/json", bomb, "Content-Encoding", "gzip"), 413)
	p := problem(t, ts.do(t, "POST", "/v1/indicators", police, "application/json", []byte(report), "Content-Encoding", "br"), 415)
	if errs, _ := p["errors"].([]any); len(errs) != 1 || errs[0].(map[string]any)["field"] != "Content-Encoding" {
		t.Errorf("unknown encoding: got %v, want field Content-Encoding", p["errors"])
	}
	problem(t, ts.do(t, "POST", "/v1/indicators", police, "application/json", []byte(report), "Content-Encoding", "gzip"), 400)
	cut := gzipped(t, report)
	problem(t, ts.do(t, "POST", "/v1/indicators", police, "application/json", cut[:len(cut)-6], "Content-Encoding", "gzip"), 400)
}

// TestUnknownQueryParameters: a misspelt or repeated query parameter is
// refused, naming it, as an unknown body field is.
func TestUnknownQueryParameters(t *testing.T) {
	ts := newTestServer(t)
	bank, police := ts.keys[kuzet.OrgBank], ts.keys[kuzet.OrgPolice]
	for _, tc := range []struct {
		name, key, target string
		fields            []string
	}{
		{"misspelt filter", bank, "/v1/payments/checks?limt=5", []string{"limt"}},
		{"one good, two bad", police, "/v1/web/findings?status=new&stauts=x&brnad=y", []string{"brnad", "stauts"}},
		{"repeated", bank, "/v1/payments/checks?limit=5&limit=6", []string{"limit"}},
		{"none taken", bank, "/v1/whoami?verbose=1", []string{"verbose"}},
		{"value on the path form", bank, "/v1/indicators/phone/+77011234567?value=x", []string{"value"}},
		{"operations", "", "/healthz?x=1", []string{"x"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := problem(t, ts.do(t, "GET", tc.target, tc.key, "", nil), 400)
			var got []string
			errs, _ := p["errors"].([]any)
			for _, e := range errs {
				got = append(got, e.(map[string]any)["field"].(string))
			}
			if strings.Join(got, ",") != strings.Join(tc.fields, ",") {
				t.Errorf("got fields %v, want %v", got, tc.fields)
			}
		})
	}
	if r := ts.do(t, "GET", "/v1/payments/checks?limit=5&decision=hold", bank, "", nil); r.status != 200 {
		t.Errorf("known parameters: got %d %s, want 200", r.status, r.body)
	}
}

// TestJSONErrorsNameFieldsNotTypes: a body that does not fit is refused
// naming the field by its JSON path with indices, in JSON's terms; no
// message shows a Go type.
func TestJSONErrorsNameFieldsNotTypes(t *testing.T) {
	ts := newTestServer(t)
	police, bank := ts.keys[kuzet.OrgPolice], ts.keys[kuzet.OrgBank]
	ok := `{"kind":"phone","value":"+77015550101","category":"scam_call"}`
	for _, tc := range []struct {
		name, path, key, body, field, says string
	}{
		{"string for a number", "/v1/indicators", police,
			`{"indicators":[` + ok + `,` + ok + `,` + ok + `,{"kind":"phone","value":"+77015550101","confidence":"high"}]}`,
			"indicators[3].confidence", "must be a number, not a string"},
		{"number for a string", "/v1/indicators", police, `{"indicators":[` + ok + `,{"kind":"phone","value":77015550101}]}`,
			"indicators[1].value", "must be a string, not a number"},
		{"unknown nested field", "/v1/indicators", police, `{"indicators":[` + ok + `,` + ok + `,{"kind":"phone","valeu":"x"}]}`,
			"indicators[2].valeu", "is not a known field"},
		{"array for an object", "/v1/indicators", police, `{"indicators":[[1]]}`, "indicators[0]", "must be an object, not an array"},
		{"the body itself", "/v1/indicators/check", police, `[1,2]`, "", "must be an object, not an array"},
		{"nested in a report", "/v1/reports", police,
			`{"victim":{"name":"A","phone":"+77015550101"},"transfers":[{"to_iban":"KZ1","amount":"lots"}]}`,
			"transfers[0].amount", "must be a number, not a string"},
		{"an amount's own rule", "/v1/reports", police, `{"victim":{"name":"A","phone":"+77015550101"},"amount_lost":1.234}`,
			"amount_lost", "at most two decimal places"},
		{"a time", "/v1/payments/check", bank,
			`{"payment_id":"p","amount":1,"currency":"KZT","created_at":"yesterday","payer":{},"payee":{"iban":"KZ1"}}`,
			"created_at", "must be an RFC 3339 time"},
		{"a number out of range", "/v1/indicators", police, `{"indicators":[{"kind":"phone","value":"x","confidence":1e400}]}`,
			"indicators[0].confidence", "must be a number in range"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := problem(t, ts.json(t, "POST", tc.path, tc.key, tc.body), 400)
			detail, _ := p["detail"].(string)
			if !strings.Contains(detail, tc.says) {
				t.Errorf("detail %q does not say %q", detail, tc.says)
			}
			if strings.Contains(string(mustJSON(t, p)), "httpapi.") || strings.Contains(detail, "kuzet.") ||
				strings.Contains(detail, "int64") || strings.Contains(detail, "float64") || strings.Contains(detail, "Go ") {
				t.Errorf("problem shows a Go type: %v", p)
			}
			if tc.field == "" {
				return
			}
			errs, _ := p["errors"].([]any)
			if len(errs) != 1 || errs[0].(map[string]any)["field"] != tc.field {
				t.Errorf("got errors %v, want field %s", p["errors"], tc.field)
			}
		})
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPublicBatchCheck: a public key checks at most 100 items a request,
// sees risks only, and its checks are not audited.
func TestPublicBatchCheck(t *testing.T) {
	ts := newTestServer(t)
	public, bank := ts.keys[kuzet.OrgPublic], ts.keys[kuzet.OrgBank]
	items := func(n int, last string) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = fmt.Sprintf(`{"kind":"phone","value":"+7701555%04d"}`, i)
		}
		if last != "" {
			parts[n-1] = last
		}
		return `{"items":[` + strings.Join(parts, ",") + `]}`
	}
	p := problem(t, ts.json(t, "POST", "/v1/indicators/check", public, items(101, "")), 400)
	if errs, _ := p["errors"].([]any); len(errs) != 1 || errs[0].(map[string]any)["field"] != "items" {
		t.Errorf("101 items: got %v, want field items", p["errors"])
	}
	r := ts.json(t, "POST", "/v1/indicators/check", public, items(100, `{"kind":"phone","value":"nope"}`))
	var got struct {
		Results []map[string]any
	}
	if r.status != 200 || json.Unmarshal(r.body, &got) != nil || len(got.Results) != 100 {
		t.Fatalf("100 items: got %d %s", r.status, r.body)
	}
	if _, ok := got.Results[0]["reporters"]; ok || got.Results[0]["risk"] != "none" {
		t.Errorf("public result: got %v, want the risk alone", got.Results[0])
	}
	if e, _ := got.Results[99]["error"].(map[string]any); e == nil || !strings.Contains(string(mustJSON(t, e)), "items[99].value") {
		t.Errorf("bad item: got %v, want its error at items[99].value", got.Results[99])
	}
	if r := ts.json(t, "POST", "/v1/indicators/check", bank, items(101, "")); r.status != 200 {
		t.Errorf("a bank's 101 items: got %d, want 200", r.status)
	}
	reads := map[int64]int{}
	scanAudit(t, ts, func(e *kuzet.AuditEntry) error {
		if e.Action == kuzet.AuditIndicatorRead {
			reads[e.OrgID]++
		}
		return nil
	})
	if reads[ts.orgs[kuzet.OrgPublic].ID] != 0 || reads[ts.orgs[kuzet.OrgBank].ID] != 101 {
		t.Errorf("audited reads: got %v, want none of the public's and the bank's 101", reads)
	}
}

// FuzzRequestTargets sends arbitrary request targets and methods: the
// server never redirects, never fails, and answers every error with a
// problem document.
func FuzzRequestTargets(f *testing.F) {
	for _, seed := range []string{
		"/v1/indicators/url/https://evil.example/login?id=42", "/v1/indicators/phone/..%2f..%2fwhoami",
		"/v1/payments/checks?limit=5&limit=6", "/v1/web/findings?status=new&x=%zz", "/./v1//whoami/", "/v1/indicators/url?value=a%00b",
		"/healthz?", "/v1/cdr-batches/1?after=-1", "/v1/indicators/domain/%ff",
	} {
		f.Add("GET", seed)
	}
	f.Add("DELETE", "/v1/payments/check")
	f.Add("PATCH", "/v1/indicators")
	ts := newTestServer(&testing.T{}, unlimited)
	defer ts.Close()
	bank := ts.keys[kuzet.OrgBank]
	f.Fuzz(func(t *testing.T, method, target string) {
		u, err := url.ParseRequestURI(target)
		if err != nil || u.Host != "" || !validMethod(method) {
			return // the HTTP server itself refuses these before any handler
		}
		req := &http.Request{Method: method, URL: u, RequestURI: target, Header: http.Header{}, Host: "kuzet",
			Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Body: http.NoBody, RemoteAddr: "192.0.2.1:1"}
		req.Header.Set("Authorization", "Bearer "+bank)
		rec := newRecorder()
		ts.api.ServeHTTP(rec, req)
		switch {
		case rec.status >= 300 && rec.status < 400:
			t.Fatalf("%s %q: redirected (%d) to %q", method, target, rec.status, rec.header.Get("Location"))
		case rec.status >= 500:
			t.Fatalf("%s %q: got %d %s", method, target, rec.status, rec.body.String())
		case rec.status >= 400 && rec.header.Get("Content-Type") != "application/problem+json":
			t.Fatalf("%s %q: got %d as %q, want a problem document", method, target, rec.status, rec.header.Get("Content-Type"))
		}
	})
}

func validMethod(m string) bool {
	if m == "" || m == "CONNECT" {
		return false
	}
	for _, c := range m {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// recorder is a minimal ResponseWriter for the fuzz test.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newRecorder() *recorder { return &recorder{header: http.Header{}} }

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}
func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = 200
	}
	return r.body.Write(b)
}
