package httpapi_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
)

// TestTAXIIVersions: an indicator reported again has two versions; the
// versions endpoint lists both, oldest first, and match[version] serves
// either.
func TestTAXIIVersions(t *testing.T) {
	ts := newTestServer(t)
	ts.seedExchange(t)
	police, partner := ts.keys[kuzet.OrgPolice], ts.keys[kuzet.OrgPartner]
	if r := ts.json(t, "POST", "/v1/indicators", police,
		`{"indicators":[{"kind":"domain","value":"kaspi-bonus.kz","category":"phishing_site","confidence":0.5}]}`); r.status != 200 {
		t.Fatalf("report again: %d %s", r.status, r.body)
	}
	base := "/taxii2/api/collections/" + ts.taxiiCollection(t, partner) + "/objects/"
	var id string
	for _, o := range ts.taxiiGet(t, base+"?match[type]=indicator", partner).envelope(t).Objects {
		if o["pattern"] == "[domain-name:value = 'kaspi-bonus.kz']" {
			id = o["id"].(string)
		}
	}
	r := ts.taxiiGet(t, base+id+"/versions/", partner)
	var v struct{ Versions []string }
	json.Unmarshal(r.body, &v)
	if r.status != 200 || len(v.Versions) != 2 || v.Versions[0] >= v.Versions[1] {
		t.Fatalf("versions: %d %s", r.status, r.body)
	}
	if f, l := r.header.Get("X-TAXII-Date-Added-First"), r.header.Get("X-TAXII-Date-Added-Last"); f != v.Versions[0] || l != v.Versions[1] {
		t.Errorf("versions' dates added %s..%s, want %v", f, l, v.Versions)
	}
	for sel, want := range map[string]float64{"": 50, "last": 50, "first": 90, v.Versions[0]: 90, v.Versions[1]: 50} {
		q := ""
		if sel != "" {
			q = "?match[version]=" + url.QueryEscape(sel)
		}
		e := ts.taxiiGet(t, base+id+"/"+q, partner).envelope(t)
		if len(e.Objects) != 1 || e.Objects[0]["confidence"] != want {
			t.Errorf("match[version]=%s: %v, want confidence %v", sel, e.Objects, want)
		}
	}
	if e := ts.taxiiGet(t, base+id+"/?match[version]=all", partner).envelope(t); len(e.Objects) != 2 {
		t.Errorf("match[version]=all: %d objects", len(e.Objects))
	}
	// The list endpoint: all versions of every indicator.
	e := ts.taxiiGet(t, base+"?match[type]=indicator&match[version]=all", partner).envelope(t)
	if n := len(ts.taxiiGet(t, base+"?match[type]=indicator", partner).envelope(t).Objects); len(e.Objects) != n+1 {
		t.Errorf("all versions: %d objects, last versions: %d", len(e.Objects), n)
	}
	if e := ts.taxiiGet(t, base+"?match[type]=sighting", partner).envelope(t); len(e.Objects) != 1 || e.Objects[0]["sighting_of_ref"] != id {
		t.Errorf("sighting of the repeated report: %v", e.Objects)
	}
	if r := ts.taxiiGet(t, base+id+"/versions/?match[version]=all", partner); r.status != 400 {
		t.Errorf("versions with match[version]: %d, want 400 (not a parameter of the endpoint)", r.status)
	}
}

// TestTAXIISharingGroups: the police set a group; its members see its
// collection, read or write as set; the routes refuse bad input and
// anyone but the police.
func TestTAXIISharingGroups(t *testing.T) {
	ts := newTestServer(t)
	ts.seedExchange(t)
	police, partner := ts.keys[kuzet.OrgPolice], ts.keys[kuzet.OrgPartner]
	pid := ts.orgs[kuzet.OrgPartner].ID
	body := fmt.Sprintf(`{"description":"joint operation","members":[{"org_id":%d,"can_read":true}]}`, pid)
	for _, c := range []struct {
		name, key, body string
		status          int
	}{
		{"no key", "", body, 401},
		{"partner", partner, body, 403},
		{"bank", ts.keys[kuzet.OrgBank], body, 403},
		{"malformed", police, `{"members":`, 400},
		{"unknown field", police, `{"owner":1}`, 400},
		{"a bank as member", police, fmt.Sprintf(`{"members":[{"org_id":%d,"can_read":true}]}`, ts.orgs[kuzet.OrgBank].ID), 400},
		{"no rights", police, fmt.Sprintf(`{"members":[{"org_id":%d}]}`, pid), 400},
		{"oversized", police, `{"description":"` + strings.Repeat("x", 5<<20) + `"}`, 413},
		{"name too long", police, body, 400},
	} {
		name := "Caucasus"
		if c.name == "name too long" {
			name = strings.Repeat("n", 101)
		}
		r := ts.do(t, "PUT", "/v1/exchange/groups/"+name, c.key, "application/json", []byte(c.body))
		if r.status != c.status {
			t.Errorf("%s: %d %s, want %d", c.name, r.status, r.body, c.status)
		}
	}
	r := ts.do(t, "PUT", "/v1/exchange/groups/Caucasus", police, "application/json", []byte(body))
	if r.status != 200 {
		t.Fatalf("put group: %d %s", r.status, r.body)
	}
	col := r.json(t)["collection_id"].(string)
	if r := ts.json(t, "GET", "/v1/exchange/groups", police, ""); r.status != 200 || !strings.Contains(string(r.body), col) {
		t.Errorf("groups: %d %s", r.status, r.body)
	}
	if r := ts.json(t, "GET", "/v1/exchange/groups", partner, ""); r.status != 403 {
		t.Errorf("groups for a partner: %d", r.status)
	}
	cr := ts.taxiiGet(t, "/taxii2/api/collections/"+col+"/", partner)
	if cr.status != 200 || cr.json(t)["can_read"] != true || cr.json(t)["can_write"] != false {
		t.Fatalf("group collection for a member: %d %s", cr.status, cr.body)
	}
	if e := ts.taxiiGet(t, "/taxii2/api/collections/"+col+"/objects/?match[type]=indicator", partner).envelope(t); len(e.Objects) != 3 {
		t.Errorf("group collection: %d indicators, want the 3 below AMBER", len(e.Objects))
	}
	if r := ts.do(t, "POST", "/taxii2/api/collections/"+col+"/objects/", partner, taxii, []byte(`{"objects":[]}`), "Accept", taxii); r.status != 403 {
		t.Errorf("a read-only member posts: %d %s", r.status, r.body)
	}
	// Write-only: listed, not readable.
	wo := fmt.Sprintf(`{"members":[{"org_id":%d,"can_write":true}]}`, pid)
	if r := ts.do(t, "PUT", "/v1/exchange/groups/Caucasus", police, "application/json", []byte(wo)); r.status != 200 {
		t.Fatalf("replace group: %d %s", r.status, r.body)
	}
	if r := ts.taxiiGet(t, "/taxii2/api/collections/"+col+"/objects/", partner); r.status != 403 {
		t.Errorf("a write-only member reads: %d %s", r.status, r.body)
	}
	if r := ts.do(t, "POST", "/taxii2/api/collections/"+col+"/objects/", partner, taxii, []byte(`{"objects":[]}`), "Accept", taxii); r.status != 202 {
		t.Errorf("a write-only member posts: %d %s", r.status, r.body)
	}
}

// TestShareCaseRoute: only the police share, and only cases and
// collections that exist (the sharing itself is tested in exchange).
func TestShareCaseRoute(t *testing.T) {
	ts := newTestServer(t)
	police, partner := ts.keys[kuzet.OrgPolice], ts.keys[kuzet.OrgPartner]
	col := ts.taxiiCollection(t, partner)
	for _, c := range []struct {
		name, key, path string
		status          int
	}{
		{"no key", "", "/v1/exchange/collections/" + col + "/cases/C-1", 401},
		{"partner", partner, "/v1/exchange/collections/" + col + "/cases/C-1", 403},
		{"unknown case", police, "/v1/exchange/collections/" + col + "/cases/C-1", 404},
		{"unknown collection", police, "/v1/exchange/collections/x/cases/C-1", 404},
	} {
		if r := ts.do(t, "PUT", c.path, c.key, "", nil); r.status != c.status {
			t.Errorf("%s: %d %s, want %d", c.name, r.status, r.body, c.status)
		}
	}
}
