package httpapi_test

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/kuzet/kuzet"
)

func TestStats(t *testing.T) {
	ts := newTestServer(t)
	police, tel := ts.keys[kuzet.OrgPolice], ts.keys[kuzet.OrgTelco]

	// Something to count: a call from abroad showing a domestic mobile
	// number, blocked; a look-alike domain found.
	r := ts.json(t, "POST", "/v1/calls/verify", tel, fmt.Sprintf(
		`{"calls":[{"a":"+77017770000","b":"+77021234567","at":%q,"ingress":"international","call_id":"s1"}]}`, now()))
	if r.status != 200 {
		t.Fatalf("verify: got %d %s", r.status, r.body)
	}
	r = ts.json(t, "POST", "/v1/web/domains", police, `{"source":"analyst","domains":["kaspi-bonus.top"]}`)
	if r.status/100 != 2 {
		t.Fatalf("submit domain: got %d %s", r.status, r.body)
	}

	r = ts.do(t, "GET", "/v1/stats", police, "", nil)
	var got struct {
		SpoofedCalls struct {
			Blocked  int64
			ByReason map[string]int64 `json:"blocked_by_reason"`
		} `json:"spoofed_calls"`
		InternetResources struct{ Found int64 } `json:"internet_resources"`
		PreventedLoss     []any                 `json:"prevented_loss"`
		Simbox            *struct{ Suspects int64 }
	}
	decode(t, r, 200, &got)
	if got.SpoofedCalls.Blocked != 1 || got.SpoofedCalls.ByReason["domestic_cli_from_abroad"] != 1 {
		t.Errorf("spoofed calls: got %+v, want 1 blocked domestic_cli_from_abroad", got.SpoofedCalls)
	}
	if got.InternetResources.Found != 1 {
		t.Errorf("internet resources found: got %d, want 1", got.InternetResources.Found)
	}
	if got.PreventedLoss == nil || got.Simbox == nil {
		t.Errorf("sections missing: %s", r.body)
	}

	// A period before anything happened counts nothing.
	q := url.Values{"from": {"2020-01-01T00:00:00Z"}, "to": {"2020-07-01T00:00:00Z"}}
	r = ts.do(t, "GET", "/v1/stats?"+q.Encode(), police, "", nil)
	got.SpoofedCalls.Blocked, got.InternetResources.Found = -1, -1
	decode(t, r, 200, &got)
	if got.SpoofedCalls.Blocked != 0 || got.InternetResources.Found != 0 {
		t.Errorf("empty period: got %d %s", r.status, r.body)
	}

	for _, bad := range []string{"from=yesterday", "to=2020-01-01", "from=2021-01-01T00:00:00Z&to=2020-01-01T00:00:00Z"} {
		if r := ts.do(t, "GET", "/v1/stats?"+bad, police, "", nil); r.status != 400 {
			t.Errorf("%s: got %d, want 400", bad, r.status)
		}
	}
	if r := ts.do(t, "GET", "/v1/stats", ts.keys[kuzet.OrgBank], "", nil); r.status != 403 {
		t.Errorf("bank reading stats: got %d, want 403", r.status)
	}
}
