package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
)

// registerOne registers one call from a to b as the operator with key and
// returns the item's error code, "" when accepted.
func (ts *testServer) registerOne(t *testing.T, key, a, b, id string) string {
	t.Helper()
	r := ts.json(t, "POST", "/v1/calls/originated", key, callBody(t, call{A: a, B: b, At: now(), CallID: id}))
	if r.status == 403 {
		return kuzet.EFORBIDDEN
	}
	c := counts(t, r, 202)
	if len(c.Errors) > 0 {
		return c.Errors[0].Error.Code
	}
	return ""
}

// auditCount counts the audit entries of action on object.
func (ts *testServer) auditCount(t *testing.T, action, object string) int {
	t.Helper()
	n := 0
	scanAudit(t, ts, func(e *kuzet.AuditEntry) error {
		if e.Action == action && e.Object == object {
			n++
		}
		return nil
	})
	return n
}

// TestPortings: the regulator records the porting database's changes; the
// operator a number was ported to, and only it, vouches for it.
func TestPortings(t *testing.T) {
	ts := newTestServer(t)
	opA, _ := ts.newOperator(t, "Operator A", "7701")
	opB, idB := ts.newOperator(t, "Operator B", "7702")
	regulator := ts.keys[kuzet.OrgRegulator]
	body := fmt.Sprintf(`{"portings":[
		{"msisdn":"+77011234567","org_id":%d},
		{"msisdn":"+77031234567","org_id":%d,"at":"%s"},
		{"msisdn":"+77011234568","org_id":0},
		{"msisdn":"+77011234569"},
		{"msisdn":"+77011234569","org_id":%d},
		{"msisdn":"+442071234567","org_id":%d},
		{"msisdn":"+77011234569","org_id":%d,"at":"yesterday"}]}`,
		idB, idB, now(), ts.orgs[kuzet.OrgBank].ID, idB, idB)
	c := counts(t, ts.json(t, "POST", "/v1/portings", regulator, body), 200)
	if c.Accepted != 3 || c.Rejected != 4 {
		t.Errorf("got %+v, want 3 accepted, 4 rejected", c)
	}
	want := map[int]string{3: "portings[3].org_id", 4: "portings[4].org_id", 5: "portings[5].msisdn", 6: "portings[6].at"}
	for i, f := range c.errorFields() {
		if want[i] != f {
			t.Errorf("item %d: got field %q, want %q", i, f, want[i])
		}
	}
	for _, tc := range []struct {
		who, key, a, want string
	}{
		{"the old range holder", opA, "+77011234567", kuzet.EFORBIDDEN},
		{"the operator it was ported to", opB, "+77011234567", ""},
		{"the operator a number of an unheld range was ported to", opB, "+77031234567", ""},
		{"anyone, for a number ported to a non-member", opA, "+77011234568", kuzet.EFORBIDDEN},
	} {
		if got := ts.registerOne(t, tc.key, tc.a, "+77021234567", "p-"+tc.a); got != tc.want {
			t.Errorf("%s registering %s: got %q, want %q", tc.who, tc.a, got, tc.want)
		}
	}
	for _, tc := range []struct{ a, want string }{
		{"+77011234567", "pass ok"},           // registered by B
		{"+77031234567", "pass ok"},           // likewise
		{"+77011234568", "pass unverifiable"}, // ported to a non-member
	} {
		if v := ts.verify(t, opB, call{A: tc.a, B: "+77021234567", At: now(), Ingress: "domestic"}); v[0].String() != tc.want {
			t.Errorf("%s: got %s, want %s", tc.a, v[0], tc.want)
		}
	}
	if n := ts.auditCount(t, kuzet.AuditPortingPut, "phone:+77011234567"); n != 1 {
		t.Errorf("audit: got %d porting entries, want 1", n)
	}
}

// TestDelegations: a range holder lets another operator originate one of its
// numbers or a block of them, and takes it back.
func TestDelegations(t *testing.T) {
	ts := newTestServer(t)
	opA, _ := ts.newOperator(t, "Operator A", "7701")
	opB, idB := ts.newOperator(t, "Operator B", "7702")
	if got := ts.registerOne(t, opB, "+77015550000", "+77021234567", "d0"); got != kuzet.EFORBIDDEN {
		t.Fatalf("before any delegation: got %q, want forbidden", got)
	}
	c := counts(t, ts.json(t, "POST", "/v1/delegations", opA, fmt.Sprintf(`{"delegations":[
		{"msisdn":"+77015550000","org_id":%d},
		{"prefix":"7701666","org_id":%d},
		{"prefix":"7702","org_id":%d},
		{"msisdn":"+77015550000","prefix":"7701","org_id":%d},
		{"msisdn":"+77015550001","org_id":%d}]}`, idB, idB, idB, idB, ts.orgs[kuzet.OrgBank].ID)), 200)
	if c.Accepted != 2 || c.Rejected != 3 {
		t.Errorf("got %+v, want 2 accepted, 3 rejected", c)
	}
	for _, e := range c.Errors {
		if e.Index == 2 && e.Error.Code != kuzet.EFORBIDDEN {
			t.Errorf("another operator's range: got %s, want forbidden", e.Error.Code)
		}
	}
	for _, a := range []string{"+77015550000", "+77016660123"} {
		if got := ts.registerOne(t, opB, a, "+77021234567", "d-"+a); got != "" {
			t.Errorf("B registering delegated %s: got %q, want accepted", a, got)
		}
		if v := ts.verify(t, opB, call{A: a, B: "+77021234567", At: now(), Ingress: "domestic"}); v[0].String() != "pass ok" {
			t.Errorf("its call: got %s, want pass ok", v[0])
		}
	}
	counts(t, ts.json(t, "POST", "/v1/delegations", opA,
		fmt.Sprintf(`{"delegations":[{"msisdn":"+77015550000","org_id":%d,"revoke":true}]}`, idB)), 200)
	if got := ts.registerOne(t, opB, "+77015550000", "+77021234567", "d2"); got != kuzet.EFORBIDDEN {
		t.Errorf("after the revocation: got %q, want forbidden", got)
	}
	if r := ts.json(t, "POST", "/v1/delegations", ts.keys[kuzet.OrgTelco], fmt.Sprintf(`{"delegations":[{"msisdn":"+77015550000","org_id":%d}]}`, idB)); r.status != 403 {
		t.Errorf("an operator holding no range: got %d %s, want 403", r.status, r.body)
	}
	if n := ts.auditCount(t, kuzet.AuditDelegationPut, "prefix:7701666"); n != 1 {
		t.Errorf("audit: got %d entries of the block's delegation, want 1", n)
	}
	if n := ts.auditCount(t, kuzet.AuditDelegationDelete, "phone:+77015550000"); n != 1 {
		t.Errorf("audit: got %d entries of the revocation, want 1", n)
	}
}

// TestOrgs: the members, as operators see them: who, of which type, and an
// operator's ranges.
func TestOrgs(t *testing.T) {
	ts := newTestServer(t)
	_, idA := ts.newOperator(t, "Operator A", "7701", "7775")
	r := ts.do(t, "GET", "/v1/orgs", ts.keys[kuzet.OrgTelco], "", nil)
	if r.status != 200 {
		t.Fatalf("got %d %s, want 200", r.status, r.body)
	}
	var resp struct {
		Orgs []map[string]any `json:"orgs"`
	}
	if err := json.Unmarshal(r.body, &resp); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, o := range resp.Orgs {
		seen[fmt.Sprint(o["type"])] = true
		if o["id"] == float64(idA) && fmt.Sprint(o["prefixes"]) != "[7701 7775]" {
			t.Errorf("operator A: got %v, want its ranges", o)
		}
		if _, ok := o["bic"]; ok {
			t.Errorf("%v: a member's list shows no BIC", o)
		}
	}
	if len(resp.Orgs) != len(kuzet.OrgTypes)+1 || len(seen) != len(kuzet.OrgTypes) {
		t.Errorf("got %d organisations of types %v, want every member", len(resp.Orgs), seen)
	}
}

// TestSimboxBlocklist: suspects the police confirm reach the operators'
// block list: each its own SIMs whole, every SIM's handsets, page by page.
func TestSimboxBlocklist(t *testing.T) {
	ts := newTestServer(t)
	opA, idA := ts.newOperator(t, "Operator A", "7701")
	opB, _ := ts.newOperator(t, "Operator B", "7702")
	police := ts.keys[kuzet.OrgPolice]
	ctx := context.Background()
	// Suspects of A's CDR extract: one of A's numbers, one of B's (a box
	// holds SIMs of every network), one dismissed.
	b := &kuzet.CDRBatch{OrgID: idA, Status: kuzet.CDRBatchDone, CreatedAt: testNow(), UpdatedAt: testNow()}
	ss := []*kuzet.SimboxSuspect{
		{MSISDN: "+77011110001", IMEIs: []string{"356938035643809"}},
		{MSISDN: "+77021110002", IMEIs: []string{"490154203237518"}},
		{MSISDN: "+77011110003", IMEIs: []string{"353918057811110"}},
	}
	err := kuzet.Transact(ctx, ts.store, true, func(tx kuzet.Tx) error {
		if err := tx.CreateCDRBatch(ctx, b); err != nil {
			return err
		}
		for _, s := range ss {
			s.BatchID, s.OrgID, s.Verdict, s.Status = b.ID, idA, kuzet.SimboxVerdictSimbox, kuzet.SimboxSuspectOpen
			s.Score, s.FirstSeen, s.LastSeen, s.StatusAt, s.CreatedAt = 0.9, testNow(), testNow(), testNow(), testNow()
		}
		return tx.CreateSimboxSuspects(ctx, ss)
	})
	if err != nil {
		t.Fatal(err)
	}
	list := func(key, query string) (entries []map[string]any, next string, more bool) {
		t.Helper()
		r := ts.do(t, "GET", "/v1/blocklists/simbox"+query, key, "", nil)
		if r.status != 200 {
			t.Fatalf("block list%s: got %d %s", query, r.status, r.body)
		}
		var page struct {
			Entries []map[string]any
			Next    string
			More    bool
		}
		if err := json.Unmarshal(r.body, &page); err != nil {
			t.Fatal(err)
		}
		return page.Entries, page.Next, page.More
	}
	if e, _, _ := list(opA, ""); len(e) != 0 {
		t.Fatalf("before any confirmation: got %v", e)
	}
	for _, i := range []int{1, 0} { // B's number confirmed first
		r := ts.json(t, "POST", fmt.Sprintf("/v1/simbox/suspects/%d/confirm", ss[i].ID), police, `{"notes":"box seized"}`)
		if r.status != 200 {
			t.Fatalf("confirm: got %d %s", r.status, r.body)
		}
	}
	if r := ts.json(t, "POST", fmt.Sprintf("/v1/simbox/suspects/%d/dismiss", ss[2].ID), police, `{}`); r.status != 200 {
		t.Fatalf("dismiss: got %d %s", r.status, r.body)
	}
	time.Sleep(time.Millisecond) // the list shows confirmations once settled (a nanosecond here)
	show := func(e []map[string]any) string {
		var out []string
		for _, x := range e {
			out = append(out, fmt.Sprintf("%v %v %v", x["msisdn"], x["imeis"], x["batch_id"] != nil))
		}
		return strings.Join(out, "; ")
	}
	eA, _, _ := list(opA, "")
	if got, want := show(eA), "<nil> [490154203237518] false; +77011110001 [356938035643809] true"; got != want {
		t.Errorf("A's list: got %s, want %s", got, want)
	}
	eB, _, _ := list(opB, "")
	if got, want := show(eB), "+77021110002 [490154203237518] true; <nil> [356938035643809] false"; got != want {
		t.Errorf("B's list: got %s, want %s", got, want)
	}
	// Page by page with the cursor; then the cursor brings nothing new.
	p1, next, more := list(opB, "?limit=1")
	p2, next2, _ := list(opB, "?limit=1&cursor="+next)
	if len(p1) != 1 || len(p2) != 1 || !more || p1[0]["id"] == p2[0]["id"] {
		t.Errorf("pages: got %v then %v", p1, p2)
	}
	if e, again, _ := list(opB, "?cursor="+next2); len(e) != 0 || again != next2 {
		t.Errorf("polled again: got %v, cursor %q, want nothing and the same cursor", e, again)
	}
	if e, _, _ := list(opB, "?since="+url.QueryEscape(testNow().Add(time.Hour).UTC().Format(time.RFC3339))); len(e) != 0 {
		t.Errorf("since an hour ahead: got %v", e)
	}
	for _, q := range []string{"?cursor=nonsense", "?since=yesterday", "?limit=0"} {
		if r := ts.do(t, "GET", "/v1/blocklists/simbox"+q, opB, "", nil); r.status != 400 {
			t.Errorf("%s: got %d, want 400", q, r.status)
		}
	}
	if n := ts.auditCount(t, kuzet.AuditBlocklistRead, "blocklist:simbox"); n < 2 {
		t.Errorf("audit: got %d reads, want every page with entries", n)
	}
}
