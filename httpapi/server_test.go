package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/access"
	"github.com/kuzet/kuzet/audit"
	"github.com/kuzet/kuzet/cases"
	"github.com/kuzet/kuzet/exchange"
	"github.com/kuzet/kuzet/httpapi"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/sqlite"
	"github.com/kuzet/kuzet/telecom"
)

// testServer is an API server on a fresh SQLite store with one
// organisation, and key, of every type.
type testServer struct {
	*httptest.Server
	api    *httpapi.Server
	store  kuzet.Store
	access *access.Service
	// telecom serves the call routes. The telco of keys holds no
	// numbering range: call tests make operators of their own.
	telecom *telecom.Service
	// payments serves the anti-fraud centre's routes; its store can be
	// taken down.
	payments *paymentsFixture
	keys     map[kuzet.OrgType]string
	orgs     map[kuzet.OrgType]*kuzet.Org
	router   routers.Router
}

// noon is a Wednesday noon in Almaty: the test servers' day starts there.
var noon = time.Date(2026, 3, 11, 12, 0, 0, 0, kuzet.Almaty)

// started is when the tests started, on the monotonic clock.
var started = time.Now()

// testNow is the test servers' clock. It runs at the wall clock's pace from
// noon, so that timers and windows behave as in production while no answer
// depends on the hour or the day the tests run at: a payment check scores
// the night, freeze deadlines count business days, statistics count days.
func testNow() time.Time { return noon.Add(time.Since(started)).UTC() }

// serverOption changes how newTestServer builds its server.
type serverOption func(*httpapi.Config)

// withClock sets the clock of every service of the server.
func withClock(c kuzet.Clock) serverOption { return func(cfg *httpapi.Config) { cfg.Clock = c } }

// withLimits sets the server's rate limits; the test server has the
// defaults otherwise.
func withLimits(l httpapi.Limits) serverOption { return func(cfg *httpapi.Config) { cfg.Limits = l } }

// unlimited lets a test send hundreds of requests a second as one client,
// anonymous or with a public key.
var unlimited = withLimits(httpapi.Limits{Roles: map[kuzet.Role]httpapi.Rate{}})

func newTestServer(t *testing.T, opts ...serverOption) *testServer {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := httpapi.Config{Store: store, Logger: logger, MaxBody: 4 << 20, Clock: testNow}
	for _, o := range opts {
		o(&cfg)
	}
	clock := cfg.Clock
	rec := audit.NewRecorder(store, logger)
	acc := access.NewService(store, clock)
	reg := registry.NewService(store, &ident.Parser{CardKey: bytes.Repeat([]byte("k"), 32)}, clock, rec)
	if err := reg.Load(ctx); err != nil {
		t.Fatal(err)
	}
	tel := MustTelecom(t, store, reg, clock)
	cs := cases.NewService(cases.Config{Store: store, Clock: clock, Audit: rec, Logger: logger, Registry: reg})
	pay := MustPayments(t, store, reg, tel, rec, clock, cs)
	cfg.Access, cfg.Registry, cfg.Telecom, cfg.Payments, cfg.Freeze = acc, reg, tel, pay.svc, pay.freeze
	cfg.Web, cfg.Simbox = MustWeb(t, store, reg, clock), MustSimbox(t, store, reg, rec, clock)
	cfg.Exchange = exchange.NewService(exchange.Config{Store: store, Registry: reg, Clock: clock, Auditor: rec})
	cfg.Cases = cs
	api := httpapi.New(cfg)
	api.SetReady(true)
	ts := &testServer{Server: httptest.NewServer(api), api: api, store: store, access: acc, telecom: tel, payments: pay,
		keys: map[kuzet.OrgType]string{}, orgs: map[kuzet.OrgType]*kuzet.Org{}}
	t.Cleanup(func() { ts.Close(); pay.close(); tel.Close(); rec.Close(); store.Close() })
	for _, typ := range kuzet.OrgTypes {
		o := &kuzet.Org{Name: "Org " + string(typ), Type: typ}
		secret, _, err := acc.CreateOrg(ctx, o)
		if err != nil {
			t.Fatal(err)
		}
		ts.keys[typ], ts.orgs[typ] = secret, o
	}
	loaded, err := apiDocument()
	if err != nil {
		t.Fatal(err)
	}
	doc := *loaded // the routes are shared, read only; the server is this test's
	doc.Servers = openapi3.Servers{{URL: ts.URL}}
	if ts.router, err = legacy.NewRouter(&doc); err != nil {
		t.Fatal(err)
	}
	return ts
}

// apiDocument is the OpenAPI document, loaded and validated once for the
// package's tests (loading it is most of a test server's start under -race).
var apiDocument = sync.OnceValues(func() (*openapi3.T, error) {
	doc, err := openapi3.NewLoader().LoadFromData(httpapi.OpenAPIDocument())
	if err != nil {
		return nil, fmt.Errorf("load OpenAPI document: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("OpenAPI document is invalid: %w", err)
	}
	return doc, nil
})

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t *testing.T) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("response %d is not a JSON object: %v: %s", r.status, err, r.body)
	}
	return v
}

// do sends a request and checks the answer against the OpenAPI document.
func (ts *testServer) do(t *testing.T, method, path, key, contentType string, body []byte, header ...string) response {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	ts.validate(t, req, resp, b)
	return response{resp.StatusCode, resp.Header, b}
}

func (ts *testServer) json(t *testing.T, method, path, key, body string) response {
	t.Helper()
	return ts.do(t, method, path, key, "application/json", []byte(body))
}

// validate checks a real response against the OpenAPI document.
func (ts *testServer) validate(t *testing.T, req *http.Request, resp *http.Response, body []byte) {
	t.Helper()
	route, params, err := ts.router.FindRoute(req)
	if err != nil {
		if resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusMethodNotAllowed {
			return // an undocumented path
		}
		t.Errorf("%s %s is not in the OpenAPI document: %v", req.Method, req.URL.Path, err)
		return
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}},
		Status: resp.StatusCode, Header: resp.Header, Body: io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		t.Errorf("%s %s answered %d, which the OpenAPI document does not allow: %v\n%s", req.Method, req.URL.Path,
			resp.StatusCode, err, body)
	}
}

func TestSubmitAndLookup(t *testing.T) {
	ts := newTestServer(t)
	police, bank, public := ts.keys[kuzet.OrgPolice], ts.keys[kuzet.OrgBank], ts.keys[kuzet.OrgPublic]

	r := ts.json(t, "POST", "/v1/indicators", police, `{"indicators":[
		{"kind":"phone","value":"8 (701) 123-45-67","category":"scam_call","confidence":0.9},
		{"kind":"domain","value":"KАSPI-bonus.KZ.","category":"phishing_site","confidence":0.8},
		{"kind":"phone","value":"hello","category":"scam_call"},
		{"kind":"iban","value":"KZ00 0000","category":"mule_account"},
		{"kind":"phone","value":"+77011234568","category":"no_such_category"},
		{"kind":"phone","value":"+77011234569","category":"scam_call","valid_until":"tomorrow"}]}`)
	if r.status != 200 {
		t.Fatalf("submit: got %d %s, want 200", r.status, r.body)
	}
	var got struct {
		Accepted, Rejected int
		Results            []struct {
			Index       int
			Kind, Value string
			Status      string
			Error       *struct {
				Code   string
				Errors []kuzet.FieldError
			}
		}
	}
	json.Unmarshal(r.body, &got)
	if got.Accepted != 2 || got.Rejected != 4 {
		t.Errorf("got accepted %d rejected %d, want 2 and 4", got.Accepted, got.Rejected)
	}
	if v := got.Results[0].Value; v != "+77011234567" {
		t.Errorf("phone normalized to %q, want +77011234567", v)
	}
	if v := got.Results[1].Value; !strings.HasPrefix(v, "xn--") || !strings.HasSuffix(v, ".kz") {
		t.Errorf("domain normalized to %q, want punycode", v)
	}
	wantFields := map[int]string{2: "indicators[2].value", 3: "indicators[3].value", 4: "indicators[4].category", 5: "indicators[5].valid_until"}
	for i, field := range wantFields {
		e := got.Results[i].Error
		if e == nil || e.Code != "invalid" || len(e.Errors) == 0 || e.Errors[0].Field != field {
			t.Errorf("item %d: got error %+v, want invalid naming %s", i, e, field)
		}
	}

	r = ts.do(t, "GET", "/v1/indicators/phone/+77011234567", bank, "", nil)
	a := r.json(t)
	if r.status != 200 || a["risk"] == "none" || a["reporters"] != 1.0 || a["categories"] == nil {
		t.Errorf("bank lookup: got %d %v, want a risk with details", r.status, a)
	}
	// Any spelling of the number finds it.
	for _, v := range []string{"87011234567", "77011234567", "%2B7%20701%20123%2045%2067"} {
		if r := ts.do(t, "GET", "/v1/indicators/phone/"+v, bank, "", nil); r.json(t)["value"] != "+77011234567" {
			t.Errorf("lookup of %s: got %s, want +77011234567", v, r.body)
		}
	}
	r = ts.do(t, "GET", "/v1/indicators/phone/+77011234567", public, "", nil)
	pa := r.json(t)
	if r.status != 200 || len(pa) != 3 || pa["risk"] != a["risk"] {
		t.Errorf("public lookup: got %d %v, want kind, value and risk only", r.status, pa)
	}
	r = ts.do(t, "GET", "/v1/indicators/phone/+77019999999", bank, "", nil)
	if r.json(t)["risk"] != "none" {
		t.Errorf("unknown number: got %s, want risk none", r.body)
	}

	r = ts.json(t, "POST", "/v1/indicators/check", bank,
		`{"items":[{"kind":"phone","value":"87011234567"},{"kind":"phone","value":"nope"},{"kind":"domain","value":"example.kz"}]}`)
	var chk struct {
		Results []map[string]any
	}
	json.Unmarshal(r.body, &chk)
	if r.status != 200 || len(chk.Results) != 3 || chk.Results[0]["risk"] != a["risk"] || chk.Results[1]["error"] == nil ||
		chk.Results[2]["risk"] != "none" {
		t.Errorf("check: got %d %s", r.status, r.body)
	}

	// Withdrawal: only the reporter's own report, then it is gone.
	if r := ts.do(t, "DELETE", "/v1/indicators/phone/+77011234567", bank, "", nil); r.status != 404 {
		t.Errorf("bank withdrawing the police's report: got %d, want 404", r.status)
	}
	if r := ts.do(t, "DELETE", "/v1/indicators/phone/+77011234567?category=scam_call", police, "", nil); r.status != 204 {
		t.Errorf("withdraw: got %d %s, want 204", r.status, r.body)
	}
	if r := ts.do(t, "GET", "/v1/indicators/phone/+77011234567", bank, "", nil); r.json(t)["risk"] != "none" {
		t.Errorf("after withdrawal: got %s, want risk none", r.body)
	}
}

func TestAllowlistOverrides(t *testing.T) {
	ts := newTestServer(t)
	police, bank := ts.keys[kuzet.OrgPolice], ts.keys[kuzet.OrgBank]
	ts.json(t, "POST", "/v1/indicators", bank, `{"indicators":[{"kind":"phone","value":"+77272585965","category":"spoofed_cli","confidence":1}]}`)
	if r := ts.json(t, "POST", "/v1/allowlist", bank, `{"entries":[{"kind":"phone","value":"+77272585965"}]}`); r.status != 403 {
		t.Errorf("bank allowlisting: got %d, want 403", r.status)
	}
	r := ts.json(t, "POST", "/v1/allowlist", police, `{"entries":[{"kind":"phone","value":"+77272585965","reason":"hotline"},{"kind":"domain","value":"kaspi.kz"}]}`)
	if r.status != 200 {
		t.Fatalf("allowlist: got %d %s", r.status, r.body)
	}
	a := ts.do(t, "GET", "/v1/indicators/phone/+77272585965", bank, "", nil).json(t)
	if a["risk"] != "none" || a["allowlisted"] != true {
		t.Errorf("allowlisted number: got %v, want risk none, allowlisted", a)
	}
	ts.json(t, "POST", "/v1/indicators", bank, `{"indicators":[{"kind":"domain","value":"pay.kaspi.kz","category":"phishing_site","confidence":1}]}`)
	if a := ts.do(t, "GET", "/v1/indicators/domain/pay.kaspi.kz", bank, "", nil).json(t); a["risk"] != "none" {
		t.Errorf("subdomain of an allowlisted domain: got %v, want none", a)
	}
	if r := ts.do(t, "DELETE", "/v1/allowlist/phone/+77272585965", police, "", nil); r.status != 204 {
		t.Errorf("remove allowlist entry: got %d %s", r.status, r.body)
	}
	if a := ts.do(t, "GET", "/v1/indicators/phone/+77272585965", bank, "", nil).json(t); a["risk"] == "none" {
		t.Errorf("after removing the entry: got %v, want the report to count again", a)
	}
}

// allowed is the role matrix as the API promises it, written out by hand so
// that a change to kuzet's matrix that breaks a promise fails here.
var allowed = map[string][]kuzet.OrgType{
	"GET /v1/whoami":                                                    {kuzet.OrgBank, kuzet.OrgTelco, kuzet.OrgPolice, kuzet.OrgRegulator, kuzet.OrgPartner, kuzet.OrgPublic},
	"POST /v1/indicators":                                               {kuzet.OrgBank, kuzet.OrgTelco, kuzet.OrgPolice, kuzet.OrgRegulator, kuzet.OrgPartner},
	"POST /v1/indicators/check":                                         {kuzet.OrgBank, kuzet.OrgTelco, kuzet.OrgPolice, kuzet.OrgRegulator, kuzet.OrgPartner, kuzet.OrgPublic},
	"GET /v1/indicators/{kind}/{value...}":                              {kuzet.OrgBank, kuzet.OrgTelco, kuzet.OrgPolice, kuzet.OrgRegulator, kuzet.OrgPartner, kuzet.OrgPublic},
	"DELETE /v1/indicators/{kind}/{value...}":                           {kuzet.OrgBank, kuzet.OrgTelco, kuzet.OrgPolice, kuzet.OrgRegulator, kuzet.OrgPartner},
	"POST /v1/allowlist":                                                {kuzet.OrgPolice, kuzet.OrgRegulator},
	"GET /v1/stats":                                                     {kuzet.OrgPolice, kuzet.OrgRegulator},
	"DELETE /v1/allowlist/{kind}/{value...}":                            {kuzet.OrgPolice, kuzet.OrgRegulator},
	"GET /v1/indicators/{kind}":                                         {kuzet.OrgBank, kuzet.OrgTelco, kuzet.OrgPolice, kuzet.OrgRegulator, kuzet.OrgPartner, kuzet.OrgPublic},
	"DELETE /v1/indicators/{kind}":                                      {kuzet.OrgBank, kuzet.OrgTelco, kuzet.OrgPolice, kuzet.OrgRegulator, kuzet.OrgPartner},
	"DELETE /v1/allowlist/{kind}":                                       {kuzet.OrgPolice, kuzet.OrgRegulator},
	"POST /v1/calls/originated":                                         {kuzet.OrgTelco},
	"POST /v1/calls/verify":                                             {kuzet.OrgTelco},
	"POST /v1/roaming":                                                  {kuzet.OrgTelco},
	"POST /v1/dno":                                                      {kuzet.OrgPolice, kuzet.OrgRegulator},
	"DELETE /v1/dno/{number}":                                           {kuzet.OrgPolice, kuzet.OrgRegulator},
	"GET /v1/signals/active-call":                                       {kuzet.OrgBank},
	"GET /v1/calls/stats":                                               {kuzet.OrgPolice, kuzet.OrgRegulator},
	"POST /v1/portings":                                                 {kuzet.OrgRegulator},
	"POST /v1/delegations":                                              {kuzet.OrgTelco},
	"GET /v1/orgs":                                                      {kuzet.OrgTelco, kuzet.OrgPolice, kuzet.OrgRegulator},
	"POST /v1/sti-anchors":                                              {kuzet.OrgRegulator},
	"GET /v1/sti-anchors":                                               {kuzet.OrgTelco, kuzet.OrgPolice, kuzet.OrgRegulator},
	"DELETE /v1/sti-anchors/{fingerprint}":                              {kuzet.OrgRegulator},
	"POST /v1/sti-certificates":                                         {kuzet.OrgTelco},
	"GET /v1/sti-certificates":                                          {kuzet.OrgTelco},
	"GET /v1/blocklists/simbox":                                         {kuzet.OrgTelco},
	"POST /v1/web/domains":                                              {kuzet.OrgPolice, kuzet.OrgRegulator, kuzet.OrgPublic},
	"GET /v1/web/findings":                                              {kuzet.OrgPolice},
	"GET /v1/web/findings/{id}":                                         {kuzet.OrgPolice},
	"POST /v1/web/findings/{id}/confirm":                                {kuzet.OrgPolice},
	"POST /v1/web/findings/{id}/dismiss":                                {kuzet.OrgPolice},
	"GET /v1/web/stats":                                                 {kuzet.OrgPolice, kuzet.OrgRegulator},
	"POST /v1/blocking-requests":                                        {kuzet.OrgPolice},
	"GET /v1/blocking-requests":                                         {kuzet.OrgRegulator},
	"GET /v1/blocking-requests/{id}":                                    {kuzet.OrgPolice},
	"GET /v1/blocking-requests/{id}/export":                             {kuzet.OrgRegulator},
	"POST /v1/blocking-requests/{id}/status":                            {kuzet.OrgRegulator},
	"POST /v1/payments/check":                                           {kuzet.OrgBank},
	"POST /v1/payments/backtests":                                       {kuzet.OrgBank},
	"PUT /v1/exchange/partners/{org_id}":                                {kuzet.OrgPolice},
	"GET /v1/exchange/partners/{org_id}/received":                       {kuzet.OrgPolice, kuzet.OrgPartner},
	"PUT /v1/exchange/groups/{name}":                                    {kuzet.OrgPolice},
	"GET /v1/exchange/groups":                                           {kuzet.OrgPolice},
	"PUT /v1/exchange/collections/{collection_id}/cases/{case_id}":      {kuzet.OrgPolice},
	"POST /v1/exchange/markings":                                        {kuzet.OrgBank, kuzet.OrgTelco, kuzet.OrgPolice, kuzet.OrgRegulator, kuzet.OrgPartner},
	"GET /misp-feed/{file}":                                             {kuzet.OrgPolice, kuzet.OrgPartner},
	"GET /taxii2/{$}":                                                   {kuzet.OrgPolice, kuzet.OrgPartner},
	"GET /taxii2/api/{$}":                                               {kuzet.OrgPolice, kuzet.OrgPartner},
	"GET /taxii2/api/collections/{$}":                                   {kuzet.OrgPolice, kuzet.OrgPartner},
	"GET /taxii2/api/collections/{id}/{$}":                              {kuzet.OrgPolice, kuzet.OrgPartner},
	"GET /taxii2/api/collections/{id}/objects/{$}":                      {kuzet.OrgPolice, kuzet.OrgPartner},
	"POST /taxii2/api/collections/{id}/objects/{$}":                     {kuzet.OrgPolice, kuzet.OrgPartner},
	"GET /taxii2/api/collections/{id}/objects/{object_id}/{$}":          {kuzet.OrgPolice, kuzet.OrgPartner},
	"GET /taxii2/api/collections/{id}/objects/{object_id}/versions/{$}": {kuzet.OrgPolice, kuzet.OrgPartner},
	"GET /taxii2/api/collections/{id}/manifest/{$}":                     {kuzet.OrgPolice, kuzet.OrgPartner},
	"GET /taxii2/api/status/{status_id}/{$}":                            {kuzet.OrgPolice, kuzet.OrgPartner},
	"POST /v1/payments/{check_id}/outcome":                              {kuzet.OrgBank},
	"GET /v1/payments/checks":                                           {kuzet.OrgBank},
	"GET /v1/payments/checks/{check_id}":                                {kuzet.OrgBank},
	"GET /v1/payments/rules":                                            {kuzet.OrgPolice},
	"POST /v1/payments/rules":                                           {kuzet.OrgPolice},
	"GET /v1/payments/shadow":                                           {kuzet.OrgPolice},
	"DELETE /v1/payments/shadow":                                        {kuzet.OrgPolice},
	"GET /v1/payments/prevented-loss":                                   {kuzet.OrgPolice, kuzet.OrgRegulator},
	"POST /v1/reports":                                                  {kuzet.OrgBank, kuzet.OrgPolice, kuzet.OrgPublic},
	"GET /v1/reports/{report_id}/trail":                                 {kuzet.OrgBank, kuzet.OrgPolice, kuzet.OrgPublic},
	"GET /v1/freeze-requests":                                           {kuzet.OrgBank},
	"GET /v1/freeze-requests/overdue":                                   {kuzet.OrgPolice},
	"GET /v1/freeze-requests/{id}":                                      {kuzet.OrgBank},
	"POST /v1/freeze-requests/{id}/response":                            {kuzet.OrgBank},
	"PUT /v1/webhooks":                                                  {kuzet.OrgBank},
	"GET /v1/webhooks":                                                  {kuzet.OrgBank},
	"GET /v1/webhooks/deliveries":                                       {kuzet.OrgBank},
	"POST /v1/cdr-batches":                                              {kuzet.OrgTelco},
	"GET /v1/cdr-batches":                                               {kuzet.OrgTelco, kuzet.OrgPolice},
	"GET /v1/cdr-batches/{id}":                                          {kuzet.OrgTelco, kuzet.OrgPolice},
	"GET /v1/simbox/suspects":                                           {kuzet.OrgPolice},
	"GET /v1/simbox/suspects/{id}":                                      {kuzet.OrgPolice},
	"POST /v1/simbox/suspects/{id}/confirm":                             {kuzet.OrgPolice},
	"POST /v1/simbox/suspects/{id}/dismiss":                             {kuzet.OrgPolice},
	"POST /v1/simbox/seizures":                                          {kuzet.OrgPolice},
	"GET /v1/simbox/seizures":                                           {kuzet.OrgPolice},
	"GET /v1/simbox/stats":                                              {kuzet.OrgPolice, kuzet.OrgRegulator},
	"GET /v1/reports/{report_id}":                                       {kuzet.OrgBank, kuzet.OrgPolice, kuzet.OrgPublic},
	"POST /v1/reports/{report_id}/confirm":                              {kuzet.OrgPolice},
	// Cases and the link graph: the police alone.
	"GET /v1/cases":                             {kuzet.OrgPolice},
	"POST /v1/cases":                            {kuzet.OrgPolice},
	"GET /v1/cases/{id}":                        {kuzet.OrgPolice},
	"PATCH /v1/cases/{id}":                      {kuzet.OrgPolice},
	"POST /v1/cases/{id}/notes":                 {kuzet.OrgPolice},
	"POST /v1/cases/{id}/tasks":                 {kuzet.OrgPolice},
	"POST /v1/cases/{id}/suspects":              {kuzet.OrgPolice},
	"POST /v1/cases/{id}/call-centres":          {kuzet.OrgPolice},
	"POST /v1/cases/{id}/evidence":              {kuzet.OrgPolice},
	"GET /v1/cases/{id}/evidence/{evidence_id}": {kuzet.OrgPolice},
	"GET /v1/graph":                             {kuzet.OrgPolice},
	"GET /v1/graph/groups":                      {kuzet.OrgPolice},
}

// concrete turns a route pattern into a request path.
func concrete(pattern string) (method, path string) {
	method, path, _ = strings.Cut(pattern, " ")
	path = strings.NewReplacer("{kind}", "phone", "{value...}", "+77011234567", "{number}", "+77272590000", "{$}", "").Replace(path)
	return method, path
}

func TestRoleMatrix(t *testing.T) {
	ts := newTestServer(t, unlimited)
	for _, route := range ts.api.Routes() {
		want, ok := allowed[route.Pattern]
		if !ok {
			t.Errorf("route %s has no expectation in the test's matrix", route.Pattern)
			continue
		}
		method, path := concrete(route.Pattern)
		for _, typ := range kuzet.OrgTypes {
			t.Run(route.Pattern+"/"+string(typ), func(t *testing.T) {
				r := ts.json(t, method, path, ts.keys[typ], `{}`)
				mayDo := false
				for _, a := range want {
					mayDo = mayDo || a == typ
				}
				if mayDo && r.status == 403 {
					t.Errorf("%s: got 403, want allowed", typ)
				}
				if !mayDo && r.status != 403 {
					t.Errorf("%s: got %d %s, want 403", typ, r.status, r.body)
				}
			})
		}
	}
}

func TestUnauthorized(t *testing.T) {
	ts := newTestServer(t, unlimited)
	ctx := context.Background()
	o := &kuzet.Org{Name: "Revoked Bank", Type: kuzet.OrgBank}
	revoked, key, err := ts.access.CreateOrg(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if err := ts.access.RevokeKey(ctx, o.ID, key.ID); err != nil {
		t.Fatal(err)
	}
	for _, route := range ts.api.Routes() {
		method, path := concrete(route.Pattern)
		for name, key := range map[string]string{"missing": "", "bogus": "kz_bogus", "not ours": "Basic abc", "revoked": revoked} {
			r := ts.json(t, method, path, key, `{}`)
			// TAXII and the MISP feed answer in TAXII's error shape.
			body := r.json(t)
			if r.status != 401 || (body["code"] != "unauthorized" && body["error_code"] != "unauthorized") {
				t.Errorf("%s with a %s key: got %d %s, want 401 unauthorized", route.Pattern, name, r.status, r.body)
			}
		}
	}
}

func TestMalformedRequests(t *testing.T) {
	ts := newTestServer(t)
	police := ts.keys[kuzet.OrgPolice]
	big := `{"indicators":[` + strings.Repeat(`{"kind":"phone","value":"+77011234567","category":"scam_call"},`, 10_000) +
		`{"kind":"phone","value":"+77011234567","category":"scam_call"}]}`
	huge := `{"indicators":[{"kind":"phone","value":"` + strings.Repeat("1", 5<<20) + `","category":"scam_call"}]}`
	for _, tc := range []struct {
		name, method, path, ctype, body string
		status                          int
		field                           string
	}{
		{"broken JSON", "POST", "/v1/indicators", "application/json", `{"indicators": [`, 400, ""},
		{"not an object", "POST", "/v1/indicators", "application/json", `[1,2]`, 400, ""},
		{"empty body", "POST", "/v1/indicators", "application/json", ``, 400, ""},
		{"trailing data", "POST", "/v1/indicators", "application/json", `{"indicators":[]} {}`, 400, ""},
		{"wrong type", "POST", "/v1/indicators", "application/json", `{"indicators":"x"}`, 400, "indicators"},
		{"unknown field", "POST", "/v1/indicators", "application/json", `{"indicatorz":[]}`, 400, "indicatorz"},
		{"empty batch", "POST", "/v1/indicators", "application/json", `{"indicators":[]}`, 400, "indicators"},
		{"batch over the limit", "POST", "/v1/indicators", "application/json", big, 400, "indicators"},
		{"oversized body", "POST", "/v1/indicators", "application/json", huge, 413, ""},
		{"wrong content type", "POST", "/v1/indicators", "text/plain", `{"indicators":[]}`, 415, "Content-Type"},
		{"no content type", "POST", "/v1/indicators/check", "", `{"items":[]}`, 415, "Content-Type"},
		{"unknown kind", "GET", "/v1/indicators/nonsense/123", "", ``, 400, "kind"},
		{"bad value", "GET", "/v1/indicators/iban/KZ00", "", ``, 400, "value"},
		{"bad category filter", "DELETE", "/v1/indicators/phone/+77011234567?category=zzz", "", ``, 400, "category"},
		{"no such route", "GET", "/v1/nothing-here", "", ``, 404, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ts.do(t, tc.method, tc.path, police, tc.ctype, []byte(tc.body))
			if r.status != tc.status {
				t.Fatalf("got %d %s, want %d", r.status, r.body, tc.status)
			}
			if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("content type %q, want application/problem+json", ct)
			}
			p := r.json(t)
			if p["code"] == nil || p["status"] != float64(tc.status) || p["detail"] == "" {
				t.Errorf("problem %v lacks code, status or detail", p)
			}
			if tc.field != "" {
				errs, _ := p["errors"].([]any)
				if len(errs) == 0 || errs[0].(map[string]any)["field"] != tc.field {
					t.Errorf("got errors %v, want field %s", p["errors"], tc.field)
				}
			}
		})
	}
}

func TestIdempotencyKey(t *testing.T) {
	ts := newTestServer(t)
	police, bank := ts.keys[kuzet.OrgPolice], ts.keys[kuzet.OrgBank]
	body := []byte(`{"indicators":[{"kind":"phone","value":"+77015550001","category":"scam_call"}]}`)
	first := ts.do(t, "POST", "/v1/indicators", police, "application/json", body, "Idempotency-Key", "k-1")
	again := ts.do(t, "POST", "/v1/indicators", police, "application/json", body, "Idempotency-Key", "k-1")
	if first.status != 200 || again.status != 200 || !bytes.Equal(first.body, again.body) {
		t.Errorf("replay: got %d %s then %d %s, want the same answer", first.status, first.body, again.status, again.body)
	}
	if again.header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("replay not marked Idempotent-Replayed")
	}
	other := []byte(`{"indicators":[{"kind":"phone","value":"+77015550002","category":"scam_call"}]}`)
	if r := ts.do(t, "POST", "/v1/indicators", police, "application/json", other, "Idempotency-Key", "k-1"); r.status != 409 {
		t.Errorf("same key, other request: got %d %s, want 409", r.status, r.body)
	}
	// Keys are per organisation: another org's same key is a new request.
	if r := ts.do(t, "POST", "/v1/indicators", bank, "application/json", other, "Idempotency-Key", "k-1"); r.status != 200 ||
		r.header.Get("Idempotent-Replayed") != "" {
		t.Errorf("other org, same key: got %d replayed=%q, want a fresh 200", r.status, r.header.Get("Idempotent-Replayed"))
	}
	if r := ts.do(t, "POST", "/v1/indicators", police, "application/json", body, "Idempotency-Key", strings.Repeat("x", 300)); r.status != 400 {
		t.Errorf("overlong key: got %d, want 400", r.status)
	}
}

func TestOperations(t *testing.T) {
	ts := newTestServer(t)
	for _, path := range []string{"/healthz", "/readyz", "/openapi.json"} {
		if r := ts.do(t, "GET", path, "", "", nil); r.status != 200 {
			t.Errorf("%s: got %d, want 200", path, r.status)
		}
	}
	ts.do(t, "GET", "/v1/indicators/phone/+77011234567", ts.keys[kuzet.OrgBank], "", nil)
	r := ts.do(t, "GET", "/metrics", "", "", nil)
	for _, want := range []string{
		`kuzet_http_requests_total{route="GET /v1/indicators/{kind}/{value...}",status="200"} 1`,
		`kuzet_http_request_duration_seconds_bucket{route="GET /v1/indicators/{kind}/{value...}"`,
		"kuzet_registry_indicators",
	} {
		if !strings.Contains(string(r.body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	ts.api.SetReady(false)
	if r := ts.do(t, "GET", "/readyz", "", "", nil); r.status != 503 {
		t.Errorf("/readyz while not ready: got %d, want 503", r.status)
	}
	if r := ts.do(t, "GET", "/v1/indicators/phone/+77011234567", ts.keys[kuzet.OrgBank], "", nil); r.status != 503 {
		t.Errorf("API while not ready: got %d, want 503", r.status)
	}
}

// TestEveryRouteDocumented keeps the OpenAPI document complete: every
// route, with exactly the query parameters it takes, and the answers every
// route may give (429 with Retry-After, the deadline's 503, 400 for an
// unknown query parameter, 409 for an Idempotency-Key in use).
func TestEveryRouteDocumented(t *testing.T) {
	ts := newTestServer(t)
	doc, _ := openapi3.NewLoader().LoadFromData(httpapi.OpenAPIDocument())
	for _, route := range ts.api.Routes() {
		method, path, _ := strings.Cut(route.Pattern, " ")
		path = strings.ReplaceAll(path, "...}", "}")
		path = strings.ReplaceAll(path, "{$}", "")
		item := doc.Paths.Find(path)
		if item == nil || item.GetOperation(method) == nil {
			t.Errorf("%s is not in the OpenAPI document", route.Pattern)
			continue
		}
		op := item.GetOperation(method)
		var query []string
		idempotent := false
		for _, p := range op.Parameters {
			switch {
			case p.Value.In == "query":
				query = append(query, p.Value.Name)
			case p.Value.In == "header" && p.Value.Name == "Idempotency-Key":
				idempotent = true
			}
		}
		if got, want := strings.Join(slices.Sorted(slices.Values(query)), ","),
			strings.Join(slices.Sorted(slices.Values(route.Query)), ","); got != want {
			t.Errorf("%s: the document's query parameters are %q, the route takes %q", route.Pattern, got, want)
		}
		if idempotent != (method == "POST" && route.Pattern != "POST /v1/cdr-batches") {
			t.Errorf("%s: Idempotency-Key documented %v", route.Pattern, idempotent)
		}
		for _, status := range []int{400, 429, 500, 503} {
			if op.Responses.Status(status) == nil {
				t.Errorf("%s: answer %d not documented", route.Pattern, status)
			}
		}
		if idempotent && op.Responses.Status(409) == nil {
			t.Errorf("%s: 409 (Idempotency-Key in use) not documented", route.Pattern)
		}
		if rl := op.Responses.Status(429); rl != nil && rl.Value.Headers["Retry-After"] == nil {
			t.Errorf("%s: 429 without Retry-After", route.Pattern)
		}
	}
}

// FuzzSubmit throws arbitrary bodies at the batch endpoints: the server
// must answer every one with a 2xx or 4xx, never a 5xx or a panic.
func FuzzSubmit(f *testing.F) {
	f.Add([]byte(`{"indicators":[{"kind":"phone","value":"8 701 123 45 67","category":"scam_call","confidence":0.9}]}`))
	f.Add([]byte(`{"indicators":[{"kind":"card","value":"4400 4300 0000 0004","category":"mule_account","valid_until":"2030-01-01T00:00:00Z"}]}`))
	f.Add([]byte(`{"items":[{"kind":"url","value":"HTTP://Example.KZ:80/a%7eb#x"}]}`))
	f.Add([]byte(`{"indicators":[{"kind":"domain","value":"\u0000\uffff","confidence":1e309}]}`))
	ts := newTestServer(&testing.T{})
	defer ts.Close()
	police := ts.keys[kuzet.OrgPolice]
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, path := range []string{"/v1/indicators", "/v1/indicators/check", "/v1/allowlist"} {
			req, _ := http.NewRequest("POST", ts.URL+path, bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+police)
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode >= 500 {
				t.Fatalf("%s answered %d to %q", path, resp.StatusCode, body)
			}
		}
	})
}

func TestConcurrentReadsAreAudited(t *testing.T) {
	ts := newTestServer(t)
	bank := ts.keys[kuzet.OrgBank]
	done := make(chan error)
	for w := range 8 {
		go func() {
			for i := range 25 {
				req, _ := http.NewRequest("GET", fmt.Sprintf("%s/v1/indicators/phone/+7701%07d", ts.URL, w*100+i), nil)
				req.Header.Set("Authorization", "Bearer "+bank)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					done <- err
					return
				}
				resp.Body.Close()
				if resp.StatusCode != 200 {
					done <- fmt.Errorf("status %d", resp.StatusCode)
					return
				}
			}
			done <- nil
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	tx, err := ts.store.Begin(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	reads := 0
	tx.ScanAudit(context.Background(), 1, func(e *kuzet.AuditEntry) error {
		if e.Action == kuzet.AuditIndicatorRead && e.OrgID == ts.orgs[kuzet.OrgBank].ID {
			reads++
		}
		return nil
	})
	if reads != 200 {
		t.Errorf("got %d audited reads, want 200", reads)
	}
}

// TestReadyzChecksHealth checks that /readyz fails while a capability
// reports itself unhealthy (a telecom table in conflict), and holds once it
// recovers.
func TestReadyzChecksHealth(t *testing.T) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var broken atomic.Bool
	broken.Store(true)
	api := httpapi.New(httpapi.Config{Store: store, Access: access.NewService(store, kuzet.SystemClock),
		Registry: registry.NewService(store, nil, nil, nil), Logger: slog.New(slog.DiscardHandler),
		Health: []func(context.Context) error{func(context.Context) error {
			if broken.Load() {
				return kuzet.Errorf(kuzet.EUNAVAILABLE, "numbering ranges in conflict")
			}
			return nil
		}}})
	api.SetReady(true)
	ready := func() int {
		rec := httptest.NewRecorder()
		api.ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
		return rec.Code
	}
	if got := ready(); got != http.StatusServiceUnavailable {
		t.Errorf("unhealthy: got %d, want 503", got)
	}
	broken.Store(false)
	if got := ready(); got != http.StatusOK {
		t.Errorf("healthy: got %d, want 200", got)
	}
}
