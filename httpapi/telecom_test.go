package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/httpapi"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/telecom"
)

// MustTelecom returns a call-verification engine over store that flags the
// numbers reg does and reads clock. The caller closes it.
func MustTelecom(tb testing.TB, store kuzet.Store, reg *registry.Service, clock kuzet.Clock) *telecom.Service {
	tb.Helper()
	e, err := telecom.NewService(telecom.Config{
		Clock:   clock,
		Store:   store,
		Flagged: reg.FlaggedCaller,
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
		// The block list's tests read a confirmation the moment it is made.
		BlocklistSettle: time.Nanosecond,
		// Tables for a test's handful of calls, not a country's (hundreds
		// of megabytes, zeroed and, under the race detector, shadowed per server).
		MaxEntries: 1 << 14, MaxSignals: 1 << 14, PairMemory: 1 << 16,
	})
	if err != nil {
		tb.Fatal(err)
	}
	if err := e.Open(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return e
}

// newOperator creates a telco holding prefixes while the server runs, as
// `kuzet org add` would, and returns its key and ID. The prefix table is
// reloaded at once, as the service's background loop would within seconds.
func (ts *testServer) newOperator(t *testing.T, name string, prefixes ...string) (string, int64) {
	t.Helper()
	o := &kuzet.Org{Name: name, Type: kuzet.OrgTelco, Prefixes: prefixes}
	secret, _, err := ts.access.CreateOrg(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if err := ts.telecom.RefreshOperators(context.Background()); err != nil {
		t.Fatal(err)
	}
	return secret, o.ID
}

// now is the test servers' time, as a call's at.
func now() string { return testNow().Format(time.RFC3339Nano) }

// call is one item of a call batch.
type call struct {
	A              string `json:"a,omitempty"`
	B              string `json:"b,omitempty"`
	At             string `json:"at,omitempty"`
	CallID         string `json:"call_id,omitempty"`
	Ingress        string `json:"ingress,omitempty"`
	RedirectedFrom string `json:"redirected_from,omitempty"`
	Identity       string `json:"identity,omitempty"`
}

func callBody(t *testing.T, calls ...call) string {
	t.Helper()
	b, err := json.Marshal(map[string][]call{"calls": calls})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

type itemErr struct {
	Code    string             `json:"code"`
	Message string             `json:"message"`
	Errors  []kuzet.FieldError `json:"errors"`
}

// field is the first field path of e, or "".
func (e *itemErr) field() string {
	if e == nil || len(e.Errors) == 0 {
		return ""
	}
	return e.Errors[0].Field
}

type verdictItem struct {
	Verdict string   `json:"verdict"`
	Reason  string   `json:"reason"`
	Index   *int     `json:"index"`
	Error   *itemErr `json:"error"`
}

func (v verdictItem) String() string {
	if v.Error != nil {
		return fmt.Sprintf("error %s %s (%s)", v.Error.Code, v.Error.field(), v.Error.Message)
	}
	return v.Verdict + " " + v.Reason
}

// verify sends calls for verification as the operator with key.
func (ts *testServer) verify(t *testing.T, key string, calls ...call) []verdictItem {
	t.Helper()
	r := ts.json(t, "POST", "/v1/calls/verify", key, callBody(t, calls...))
	if r.status != 200 {
		t.Fatalf("verify: got %d %s, want 200", r.status, r.body)
	}
	var resp struct{ Verdicts []verdictItem }
	if err := json.Unmarshal(r.body, &resp); err != nil {
		t.Fatal(err)
	}
	if len(resp.Verdicts) != len(calls) {
		t.Fatalf("verify: got %d verdicts for %d calls: %s", len(resp.Verdicts), len(calls), r.body)
	}
	return resp.Verdicts
}

type batchCounts struct {
	Accepted, Rejected int
	Errors             []struct {
		Index int
		Error *itemErr
	}
}

// counts decodes a batch answer of counts, failing unless status is want.
func counts(t *testing.T, r response, want int) batchCounts {
	t.Helper()
	if r.status != want {
		t.Fatalf("got %d %s, want %d", r.status, r.body, want)
	}
	var c batchCounts
	if err := json.Unmarshal(r.body, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// errorFields maps the index of each rejected item to its first field.
func (c batchCounts) errorFields() map[int]string {
	m := map[int]string{}
	for _, e := range c.Errors {
		m[e.Index] = e.Error.field()
	}
	return m
}

func TestCallVerdicts(t *testing.T) {
	ts := newTestServer(t)
	opA, _ := ts.newOperator(t, "Operator A", "7701", "7775")
	opB, _ := ts.newOperator(t, "Operator B", "7702", "7747")
	police := ts.keys[kuzet.OrgPolice]

	at := now()
	c := counts(t, ts.json(t, "POST", "/v1/calls/originated", opA, callBody(t,
		call{A: "+77011234567", B: "+77021234567", At: at, CallID: "c1"},
		call{A: "+77015550001", B: "+77021234567", At: at, CallID: "c2"},
	)), 202)
	if c.Accepted != 2 || c.Rejected != 0 {
		t.Fatalf("originated: got %+v, want 2 accepted", c)
	}
	r := ts.json(t, "POST", "/v1/indicators", police,
		`{"indicators":[{"kind":"phone","value":"+77015550001","category":"scam_call","confidence":0.95}]}`)
	if r.status != 200 {
		t.Fatalf("report: got %d %s", r.status, r.body)
	}
	counts(t, ts.json(t, "POST", "/v1/dno", police, `{"numbers":["+77272590000"]}`), 200)
	counts(t, ts.json(t, "POST", "/v1/roaming", opA,
		`{"subscribers":[{"msisdn":"+77017770001","state":"abroad","country":"tr","at":"`+now()+`"}]}`), 200)

	for _, tc := range []struct {
		name, a, b, ingress string
		want                string
	}{
		{"registered call passes", "+77011234567", "+77021234567", "domestic", "pass ok"},
		{"unregistered domestic number", "+77015550000", "+77021234567", "domestic", "block not_originated"},
		{"domestic mobile from abroad", "+77017770000", "+77021234567", "international", "block domestic_cli_from_abroad"},
		{"domestic fixed line from abroad", "+77172000000", "+77021234567", "international", "block domestic_cli_from_abroad"},
		{"roamer calling home", "+77017770001", "+77021234567", "international", "pass ok"},
		{"Do-Not-Originate number", "+77272590000", "+77021234567", "international", "block dno"},
		{"unallocated number", "+77990000000", "+77021234567", "domestic", "block invalid_cli"},
		{"undialable number", "+0123", "+77021234567", "domestic", "block invalid_cli"},
		{"flagged number", "+77015550001", "+77021234567", "domestic", "block flagged_number"},
		{"foreign number from abroad", "+442071234567", "+77021234567", "international", "pass ok"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := ts.verify(t, opB, call{A: tc.a, B: tc.b, At: now(), Ingress: tc.ingress})
			if got := v[0].String(); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestVerifyFailsOpenWhenImpaired(t *testing.T) {
	ts := newTestServer(t)
	ts.newOperator(t, "Operator A", "7701") // the calling number's range holder
	opB, _ := ts.newOperator(t, "Operator B", "7702")
	ts.telecom.SetImpaired(errors.New("origination stream down"))
	v := ts.verify(t, opB, call{A: "+77015550000", B: "+77021234567", At: now(), Ingress: "domestic"})
	if got := v[0].String(); got != "pass timeout" {
		t.Errorf("impaired: got %s, want pass timeout", got)
	}
	ts.telecom.SetImpaired(nil)
	v = ts.verify(t, opB, call{A: "+77015550000", B: "+77021234567", At: now(), Ingress: "domestic"})
	if got := v[0].String(); got != "block not_originated" {
		t.Errorf("recovered: got %s, want block not_originated", got)
	}
}

func TestOriginatePerItemErrors(t *testing.T) {
	ts := newTestServer(t)
	opA, _ := ts.newOperator(t, "Operator A", "7701")
	opB, _ := ts.newOperator(t, "Operator B", "7702")
	at := now()
	body := `{"calls":[
		{"a":"+77011234567","b":"+77021234567","at":"` + at + `","call_id":"c1"},
		{"a":"+77021111111","b":"+77011234567","at":"` + at + `","call_id":"c2"},
		{"a":"not-a-number","b":"+77021234567","at":"` + at + `"},
		{"a":"+77011234568","b":"+77021234567","at":"yesterday"},
		{"a":"+77011234569","b":"+77021234567","at":"` + at + `","x":1},
		{"a":77011234567,"b":"+77021234567","at":"` + at + `"},
		null,
		42,
		{"a":"+77011234567","b":"+77021234567","at":"` + at + `","call_id":"c1"},
		{"a":"+77011234560","b":"+77021234567","at":"2020-01-01T00:00:00Z"}]}`
	c := counts(t, ts.json(t, "POST", "/v1/calls/originated", opA, body), 202)
	if c.Accepted != 2 || c.Rejected != 8 {
		t.Errorf("got %d accepted, %d rejected, want 2 and 8", c.Accepted, c.Rejected)
	}
	want := map[int]string{1: "calls[1].a", 2: "calls[2].a", 3: "calls[3].at", 4: "calls[4].x", 5: "calls[5].a",
		6: "calls[6]", 7: "calls[7]", 9: "calls[9].at"}
	got := c.errorFields()
	for i, f := range want {
		if got[i] != f {
			t.Errorf("item %d: got field %q, want %q", i, got[i], f)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got errors %v, want %v", got, want)
	}
	for _, e := range c.Errors {
		if e.Index == 1 && e.Error.Code != kuzet.EFORBIDDEN {
			t.Errorf("another operator's number: got code %s, want forbidden", e.Error.Code)
		}
	}
	for i := 1; i < len(c.Errors); i++ {
		if c.Errors[i].Index <= c.Errors[i-1].Index {
			t.Errorf("errors not in item order: %+v", c.Errors)
		}
	}

	// The repeated registration was idempotent: one origination, matched
	// by one verification only.
	first := ts.verify(t, opB, call{A: "+77011234567", B: "+77021234567", At: at, Ingress: "domestic", CallID: "v1"})
	second := ts.verify(t, opB, call{A: "+77011234567", B: "+77021234567", At: at, Ingress: "domestic", CallID: "v2"})
	if first[0].String() != "pass ok" || second[0].String() != "block not_originated" {
		t.Errorf("two verifications of one registration: got %s then %s, want pass ok then block not_originated", first[0], second[0])
	}
	// Another operator's registration made no number of B's verifiable.
	if v := ts.verify(t, opB, call{A: "+77021111111", B: "+77011234567", At: at, Ingress: "domestic"}); v[0].String() != "block not_originated" {
		t.Errorf("call registered by the wrong operator: got %s, want block not_originated", v[0])
	}
}

func TestOriginateNeedsARange(t *testing.T) {
	ts := newTestServer(t)
	r := ts.json(t, "POST", "/v1/calls/originated", ts.keys[kuzet.OrgTelco],
		callBody(t, call{A: "+77011234567", B: "+77021234567", At: now()}))
	if r.status != 403 || r.json(t)["code"] != kuzet.EFORBIDDEN {
		t.Errorf("telco without a range: got %d %s, want 403 forbidden", r.status, r.body)
	}
}

func TestNewOperatorOriginatesAtOnce(t *testing.T) {
	ts := newTestServer(t)
	opA, _ := ts.newOperator(t, "Operator A", "7701")
	counts(t, ts.json(t, "POST", "/v1/calls/originated", opA, callBody(t, call{A: "+77011234567", B: "+77021234567", At: now()})), 202)
	// A second operator, created after the server loaded the first.
	opC, _ := ts.newOperator(t, "Operator C", "7705")
	c := counts(t, ts.json(t, "POST", "/v1/calls/originated", opC, callBody(t, call{A: "+77051234567", B: "+77021234567", At: now()})), 202)
	if c.Accepted != 1 {
		t.Errorf("new operator: got %+v, want its call accepted", c)
	}
	if got := ts.telecom.Owner("+77051234567"); got == 0 {
		t.Errorf("owner of the new operator's number: got %d, want its ID", got)
	}
}

func TestVerifyPerItemErrors(t *testing.T) {
	ts := newTestServer(t)
	opA, _ := ts.newOperator(t, "Operator A", "7701")
	opB, _ := ts.newOperator(t, "Operator B", "7702")
	at := now()
	counts(t, ts.json(t, "POST", "/v1/calls/originated", opA, callBody(t, call{A: "+77011234567", B: "+77021234567", At: at})), 202)
	v := ts.verify(t, opB,
		call{A: "not-a-number", B: "+77021234567", At: at, Ingress: "domestic"},
		call{A: "+77011234567", B: "+77021234567", Ingress: "domestic"},
		call{A: "+77011234567", B: "+77021234567", At: at, Ingress: "satellite"},
		call{A: "+77011234567", B: "+77021234567", At: "2020-01-01T00:00:00Z", Ingress: "domestic"},
		call{A: "+77011234567", B: "+7702", At: at, Ingress: "domestic"},
		call{A: "+77011234567", B: "+77021234567", At: at, Ingress: "domestic"},
	)
	want := []string{"calls[0].a", "calls[1].at", "calls[2].ingress", "calls[3].at", "calls[4].b"}
	for i, f := range want {
		if v[i].Error == nil || v[i].Error.Code != kuzet.EINVALID || v[i].Error.field() != f || v[i].Index == nil || *v[i].Index != i {
			t.Errorf("item %d: got %s, want an invalid error naming %s", i, v[i], f)
		}
	}
	if got := v[5].String(); got != "pass ok" {
		t.Errorf("the good item among bad ones: got %s, want pass ok", got)
	}

	// Items the decoder itself rejects answer in place, too.
	r := ts.json(t, "POST", "/v1/calls/verify", opB, `{"calls":[7,{"a":"+77011234567","b":"+77021234567","at":"`+at+
		`","ingress":"domestic","via":"x"},{"a":"+77015550000","b":"+77021234567","at":"`+at+`","ingress":"domestic"}]}`)
	var resp struct{ Verdicts []verdictItem }
	json.Unmarshal(r.body, &resp)
	if r.status != 200 || len(resp.Verdicts) != 3 || resp.Verdicts[0].Error.field() != "calls[0]" ||
		resp.Verdicts[1].Error.field() != "calls[1].via" || resp.Verdicts[2].String() != "block not_originated" {
		t.Errorf("got %d %s, want errors for items 0 and 1 and a verdict for item 2", r.status, r.body)
	}
}

func TestCallBatchMalformed(t *testing.T) {
	ts := newTestServer(t)
	opA, _ := ts.newOperator(t, "Operator A", "7701")
	item := `{"a":"+77011234567","b":"+77021234567","at":"` + now() + `","ingress":"domestic"}`
	big := `{"calls":[` + strings.Repeat(item+",", httpapi.MaxBatch) + item + `]}`
	huge := `{"calls":[{"a":"` + strings.Repeat("1", 5<<20) + `"}]}`
	for _, path := range []string{"/v1/calls/originated", "/v1/calls/verify"} {
		for _, tc := range []struct {
			name, ctype, body string
			status            int
			field             string
		}{
			{"broken JSON", "application/json", `{"calls": [`, 400, ""},
			{"broken item", "application/json", `{"calls": [{"a": "+7701}]}`, 400, ""},
			{"not an object", "application/json", `[1,2]`, 400, ""},
			{"empty body", "application/json", ``, 400, ""},
			{"trailing data", "application/json", `{"calls":[` + item + `]} {}`, 400, ""},
			{"calls not an array", "application/json", `{"calls":"x"}`, 400, "calls"},
			{"unknown field", "application/json", `{"cals":[]}`, 400, "cals"},
			{"empty batch", "application/json", `{"calls":[]}`, 400, "calls"},
			{"no calls", "application/json", `{}`, 400, "calls"},
			{"batch over the limit", "application/json", big, 400, "calls"},
			{"oversized body", "application/json", huge, 413, ""},
			{"wrong content type", "text/plain", `{"calls":[]}`, 415, "Content-Type"},
		} {
			t.Run(path+"/"+tc.name, func(t *testing.T) {
				r := ts.do(t, "POST", path, opA, tc.ctype, []byte(tc.body))
				if r.status != tc.status {
					t.Fatalf("got %d %s, want %d", r.status, r.body, tc.status)
				}
				p := r.json(t)
				if p["code"] != kuzet.EINVALID || p["status"] != float64(tc.status) {
					t.Errorf("got problem %v, want code invalid and status %d", p, tc.status)
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
}

func TestActiveCallSignal(t *testing.T) {
	ts := newTestServer(t)
	opB, _ := ts.newOperator(t, "Operator B", "7702")
	bank := ts.keys[kuzet.OrgBank]
	ts.verify(t, opB, call{A: "+447700900123", B: "+77021230000", At: now(), Ingress: "international"})

	type signal struct {
		Active, Foreign, Unverified bool
		FirstTime                   bool `json:"first_time"`
		Flagged                     bool
	}
	get := func(msisdn string) (int, signal) {
		r := ts.do(t, "GET", "/v1/signals/active-call?msisdn="+msisdn, bank, "", nil)
		var s signal
		json.Unmarshal(r.body, &s)
		return r.status, s
	}
	for _, tc := range []struct {
		name, msisdn string
		status       int
		want         signal
	}{
		{"foreign caller", "%2B77021230000", 200, signal{Active: true, Foreign: true, FirstTime: true}},
		{"written the national way", "8%20702%20123%2000%2000", 200, signal{Active: true, Foreign: true, FirstTime: true}},
		{"quiet number", "%2B77021239999", 200, signal{}},
		{"not a number", "hello", 400, signal{}},
		{"missing", "", 400, signal{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, s := get(tc.msisdn)
			if status != tc.status || s != tc.want {
				t.Errorf("got %d %+v, want %d %+v", status, s, tc.status, tc.want)
			}
		})
	}
	// Each answered read is in the audit log.
	reads := 0
	view := func(e *kuzet.AuditEntry) error {
		if e.Action == "signal.active_call" && e.Object == "phone:+77021230000" && e.OrgID == ts.orgs[kuzet.OrgBank].ID {
			reads++
		}
		return nil
	}
	scanAudit(t, ts, view)
	if reads != 2 {
		t.Errorf("got %d audited reads of the signal, want 2", reads)
	}
}

func scanAudit(t *testing.T, ts *testServer, fn func(*kuzet.AuditEntry) error) {
	t.Helper()
	tx, err := ts.store.Begin(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := tx.ScanAudit(context.Background(), 1, fn); err != nil {
		t.Fatal(err)
	}
}

func TestDNO(t *testing.T) {
	ts := newTestServer(t)
	police := ts.keys[kuzet.OrgPolice]
	c := counts(t, ts.json(t, "POST", "/v1/dno", police, `{"numbers":["+77272590000","8 727 259 0001","+77990000000"]}`), 200)
	if c.Accepted != 1 || c.Rejected != 2 {
		t.Errorf("got %+v, want 1 accepted and 2 rejected", c)
	}
	if f := c.errorFields(); f[1] != "numbers[1]" || f[2] != "numbers[2]" {
		t.Errorf("got error fields %v, want numbers[1] and numbers[2]", f)
	}
	if !ts.telecom.DNO("+77272590000") {
		t.Errorf("number not on the list after a 200")
	}
	if r := ts.do(t, "DELETE", "/v1/dno/+77272590000", police, "", nil); r.status != 204 {
		t.Errorf("delete: got %d %s, want 204", r.status, r.body)
	}
	if r := ts.do(t, "DELETE", "/v1/dno/+77272590000", police, "", nil); r.status != 404 {
		t.Errorf("delete again: got %d %s, want 404", r.status, r.body)
	}
	if r := ts.do(t, "DELETE", "/v1/dno/nonsense", police, "", nil); r.status != 400 {
		t.Errorf("delete a malformed number: got %d %s, want 400", r.status, r.body)
	}
	actions := map[string]int{}
	scanAudit(t, ts, func(e *kuzet.AuditEntry) error {
		if e.Object == "phone:+77272590000" {
			actions[e.Action]++
		}
		return nil
	})
	if actions["dno.put"] != 1 || actions["dno.delete"] != 1 {
		t.Errorf("audit of the list: got %v, want one put and one delete", actions)
	}
}

func TestRoaming(t *testing.T) {
	ts := newTestServer(t)
	opA, _ := ts.newOperator(t, "Operator A", "7701")
	ts.newOperator(t, "Operator B", "7702")
	c := counts(t, ts.json(t, "POST", "/v1/roaming", opA, `{"subscribers":[
		{"msisdn":"+77011234567","state":"abroad","country":"TR"},
		{"msisdn":"+77021234567","state":"abroad","country":"TR"},
		{"msisdn":"+77011234568","state":"lost"},
		{"msisdn":"+77011234569","state":"home","at":"soon"},
		{"msisdn":"+77272590000","state":"abroad"}]}`), 200)
	if c.Accepted != 1 || c.Rejected != 4 {
		t.Errorf("got %+v, want 1 accepted, 4 rejected", c)
	}
	want := map[int]string{1: "subscribers[1].msisdn", 2: "subscribers[2].state", 3: "subscribers[3].at", 4: "subscribers[4].msisdn"}
	if got := c.errorFields(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got error fields %v, want %v", got, want)
	}
	if r, ok := ts.telecom.Roaming("+77011234567"); !ok || r.State != kuzet.RoamingAbroad || r.Country != "TR" {
		t.Errorf("roaming state: got %+v %v, want abroad in TR", r, ok)
	}
}

func TestCallStats(t *testing.T) {
	ts := newTestServer(t)
	opA, _ := ts.newOperator(t, "Operator A", "7701")
	opB, idB := ts.newOperator(t, "Operator B", "7702")
	police := ts.keys[kuzet.OrgPolice]
	at := now()
	counts(t, ts.json(t, "POST", "/v1/calls/originated", opA, callBody(t,
		call{A: "+77011234567", B: "+77021234567", At: at}, call{A: "+77011234568", B: "+77021234567", At: at})), 202)
	ts.verify(t, opB,
		call{A: "+77011234567", B: "+77021234567", At: at, Ingress: "domestic"},
		call{A: "+77011234568", B: "+77021234567", At: at, Ingress: "domestic"},
		call{A: "+77015550000", B: "+77021234567", At: at, Ingress: "domestic"},
		call{A: "+77015550000", B: "+77021234567", At: at, Ingress: "international"})
	ts.verify(t, opA, call{A: "+77990000000", B: "+77011234567", At: at, Ingress: "domestic"})

	type totals struct {
		Verified, Passed, Blocked int64
		ByReason                  map[string]int64 `json:"by_reason"`
	}
	type stats struct {
		totals
		ByOperator []struct {
			OrgID int64 `json:"org_id"`
			totals
		} `json:"by_operator"`
		Rows []struct {
			Day, Verdict, Reason string
			Count                int64
		}
	}
	get := func(t *testing.T, query string) stats {
		t.Helper()
		r := ts.do(t, "GET", "/v1/calls/stats"+query, police, "", nil)
		if r.status != 200 {
			t.Fatalf("stats%s: got %d %s, want 200", query, r.status, r.body)
		}
		var s stats
		if err := json.Unmarshal(r.body, &s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	check := func(t *testing.T, s stats) {
		t.Helper()
		if s.Verified != 5 || s.Passed != 2 || s.Blocked != 3 || s.ByReason["ok"] != 2 || s.ByReason["not_originated"] != 1 ||
			s.ByReason["domestic_cli_from_abroad"] != 1 || s.ByReason["invalid_cli"] != 1 || len(s.ByOperator) != 2 {
			t.Errorf("got %+v, want 5 verified: 2 ok, 1 not_originated, 1 domestic_cli_from_abroad, 1 invalid_cli over 2 operators", s)
		}
	}
	check(t, get(t, ""))
	// Flushed to the store, the counts stay the same.
	if err := ts.telecom.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	today := testNow().Format(time.DateOnly)
	check(t, get(t, "?from="+today))

	if s := get(t, fmt.Sprintf("?org_id=%d", idB)); s.Verified != 4 || len(s.ByOperator) != 1 || s.ByOperator[0].OrgID != idB {
		t.Errorf("one operator: got %+v, want B's 4 verdicts", s)
	}
	if s := get(t, "?from="+testNow().AddDate(0, 0, 1).Format(time.DateOnly)); s.Verified != 0 || len(s.Rows) != 0 {
		t.Errorf("tomorrow: got %+v, want nothing", s)
	}
	if s := get(t, "?to="+today); s.Verified != 0 {
		t.Errorf("before today: got %+v, want nothing", s)
	}
	for _, q := range []string{"?from=yesterday", "?to=2025-13-01", "?org_id=x", "?org_id=-1"} {
		if r := ts.do(t, "GET", "/v1/calls/stats"+q, police, "", nil); r.status != 400 {
			t.Errorf("stats%s: got %d, want 400", q, r.status)
		}
	}
}

// FuzzCallBatch throws arbitrary bodies at the call endpoints: every one
// gets a 2xx or 4xx answer, never a 5xx or a panic, and a 200 answer to a
// verification has one entry per item.
func FuzzCallBatch(f *testing.F) {
	at := now()
	f.Add([]byte(`{"calls":[{"a":"+77011234567","b":"+77021234567","at":"` + at + `","call_id":"c1","ingress":"domestic"}]}`))
	f.Add([]byte(`{"calls":[{"a":"+7701\u0031234567","b":"+77021234567","at":"2025-01-01T00:00:00+05:00"},null,[],{"x":{"y":[1,2.5e3,true]}}]}`))
	f.Add([]byte(`{"calls":[{"a":"\ud800","b":"é","at":"","ingress":1}]}`))
	ts := newTestServer(&testing.T{})
	defer ts.Close()
	op, _ := ts.newOperator(&testing.T{}, "Fuzz Operator", "7701")
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, path := range []string{"/v1/calls/originated", "/v1/calls/verify"} {
			req, _ := http.NewRequest("POST", ts.URL+path, bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+op)
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode >= 500 {
				t.Fatalf("%s answered %d to %q", path, resp.StatusCode, body)
			}
			if path == "/v1/calls/verify" && resp.StatusCode == 200 {
				var v struct{ Verdicts []json.RawMessage }
				var in struct{ Calls []json.RawMessage }
				if err := json.Unmarshal(b, &v); err != nil {
					t.Fatalf("answer is not JSON: %v: %s", err, b)
				}
				if json.Unmarshal(body, &in) == nil && len(in.Calls) != len(v.Verdicts) {
					t.Fatalf("got %d verdicts for %d calls", len(v.Verdicts), len(in.Calls))
				}
			}
		}
	})
}

// BenchmarkCallsHTTP measures the batch API on loopback, client in the same
// process: each op registers 1,000 calls as one operator and verifies them
// as another. verdicts/s counts the verifications.
func BenchmarkCallsHTTP(b *testing.B) {
	ts := newTestServer(&testing.T{})
	defer ts.Close()
	opA, _ := ts.newOperator(&testing.T{}, "Operator A", "7701")
	opB, _ := ts.newOperator(&testing.T{}, "Operator B", "7702")
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
	post := func(path, key string, body []byte) []byte {
		req, _ := http.NewRequest("POST", ts.URL+path, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+key)
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		if resp.StatusCode/100 != 2 {
			b.Fatalf("%s: %d %s", path, resp.StatusCode, out)
		}
		return out
	}
	// Templates of 1,000 calls whose numbers and call IDs carry the op's
	// number, so that every op registers and verifies calls of its own.
	template := func(ingress string) []byte {
		buf := []byte(`{"calls":[`)
		at := now()
		for k := range 1000 {
			if k > 0 {
				buf = append(buf, ',')
			}
			buf = fmt.Appendf(buf, `{"a":"+7701QQQQ%03d","b":"+7702QQQQ%03d","at":"%s","call_id":"QQQQ-%d"`, k, k, at, k)
			if ingress != "" {
				buf = append(buf, `,"ingress":"`+ingress+`"`...)
			}
			buf = append(buf, '}')
		}
		return append(buf, "]}"...)
	}
	reg, ver := template(""), template("domestic")
	mark := []byte("QQQQ")
	ok := []byte(`"reason":"ok"`)
	timeout := []byte(`"reason":"timeout"`)
	var next, late atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			op := []byte(fmt.Sprintf("%04d", next.Add(1)%10_000))
			post("/v1/calls/originated", opA, bytes.ReplaceAll(reg, mark, op))
			resp := post("/v1/calls/verify", opB, bytes.ReplaceAll(ver, mark, op))
			// A batch the machine could not finish within the deadline
			// passes its rest on timeout, by design: counted, not failed.
			n, t := bytes.Count(resp, ok), bytes.Count(resp, timeout)
			late.Add(int64(t))
			if n+t != 1000 {
				b.Errorf("%d of 1000 passed, %d on timeout", n, t)
			}
		}
	})
	b.ReportMetric(float64(b.N)*1000/b.Elapsed().Seconds(), "verdicts/s")
	b.ReportMetric(float64(late.Load())/float64(b.N*1000), "timeout-share")
}

// BenchmarkVerifyOneHTTP measures single-call verifications on loopback,
// each of a call registered beforehand, client in the same process.
func BenchmarkVerifyOneHTTP(b *testing.B) {
	ts := newTestServer(&testing.T{})
	defer ts.Close()
	opA, _ := ts.newOperator(&testing.T{}, "Operator A", "7701")
	opB, _ := ts.newOperator(&testing.T{}, "Operator B", "7702")
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	post := func(path, key string, body []byte) []byte {
		req, _ := http.NewRequest("POST", ts.URL+path, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+key)
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		if resp.StatusCode/100 != 2 {
			b.Fatalf("%s: %d %s", path, resp.StatusCode, out)
		}
		return out
	}
	at := now()
	const n = 200_000
	for first := 0; first < n; first += 10_000 {
		buf := []byte(`{"calls":[`)
		for k := first; k < first+10_000; k++ {
			if k > first {
				buf = append(buf, ',')
			}
			buf = fmt.Appendf(buf, `{"a":"+7701%07d","b":"+7702%07d","at":"%s"}`, k, k, at)
		}
		post("/v1/calls/originated", opA, append(buf, "]}"...))
	}
	ok := []byte(`"reason":"ok"`)
	var next atomic.Int64
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			k := next.Add(1) % n
			body := fmt.Appendf(nil, `{"calls":[{"a":"+7701%07d","b":"+7702%07d","at":"%s","ingress":"domestic"}]}`, k, k, at)
			if !bytes.Contains(post("/v1/calls/verify", opB, body), ok) && next.Load() < n {
				b.Errorf("call %d did not pass", k)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "requests/s")
}
