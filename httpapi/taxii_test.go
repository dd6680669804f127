package httpapi_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
)

const taxii = "application/taxii+json;version=2.1"

// taxiiGet sends a TAXII GET with the TAXII Accept header.
func (ts *testServer) taxiiGet(t *testing.T, path, key string) response {
	t.Helper()
	return ts.do(t, "GET", path, key, "", nil, "Accept", taxii)
}

// taxiiCollection returns the id of the partner's collection.
func (ts *testServer) taxiiCollection(t *testing.T, key string) string {
	t.Helper()
	r := ts.taxiiGet(t, "/taxii2/api/collections/", key)
	if r.status != 200 {
		t.Fatalf("collections: %d %s", r.status, r.body)
	}
	var cs struct {
		Collections []struct {
			ID                string
			CanRead, CanWrite bool `json:"-"`
		}
	}
	json.Unmarshal(r.body, &cs)
	if len(cs.Collections) != 1 {
		t.Fatalf("got %d collections, want 1: %s", len(cs.Collections), r.body)
	}
	return cs.Collections[0].ID
}

type envelope struct {
	More    bool             `json:"more"`
	Next    string           `json:"next"`
	Objects []map[string]any `json:"objects"`
}

func (r response) envelope(t *testing.T) envelope {
	t.Helper()
	var e envelope
	if err := json.Unmarshal(r.body, &e); err != nil {
		t.Fatalf("not an envelope: %v: %s", err, r.body)
	}
	return e
}

// seed reports indicators as the police, some marked.
func (ts *testServer) seedExchange(t *testing.T) {
	t.Helper()
	police := ts.keys[kuzet.OrgPolice]
	r := ts.json(t, "POST", "/v1/indicators", police, `{"indicators":[
		{"kind":"domain","value":"kaspi-bonus.kz","category":"phishing_site","confidence":0.9},
		{"kind":"phone","value":"+77011112233","category":"scam_call","confidence":0.8},
		{"kind":"iban","value":"KZ077220000000900000","category":"mule_account","confidence":0.9},
		{"kind":"domain","value":"red-secret.kz","category":"phishing_site"},
		{"kind":"domain","value":"amber-only.kz","category":"phishing_site"}]}`)
	if r.status != 200 {
		t.Fatalf("submit: %d %s", r.status, r.body)
	}
	for _, m := range []string{`{"kind":"domain","value":"red-secret.kz","tlp":"red"}`, `{"kind":"domain","value":"amber-only.kz","tlp":"amber"}`} {
		if r := ts.json(t, "POST", "/v1/exchange/markings", police, m); r.status != 200 {
			t.Fatalf("marking: %d %s", r.status, r.body)
		}
	}
}

func patterns(e envelope) []string {
	var out []string
	for _, o := range e.Objects {
		if p, ok := o["pattern"].(string); ok {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

func TestTAXIIDiscoveryAndMediaTypes(t *testing.T) {
	ts := newTestServer(t)
	partner := ts.keys[kuzet.OrgPartner]
	r := ts.taxiiGet(t, "/taxii2/", partner)
	if r.status != 200 || r.header.Get("Content-Type") != taxii {
		t.Fatalf("discovery: %d %q %s", r.status, r.header.Get("Content-Type"), r.body)
	}
	if roots := r.json(t)["api_roots"].([]any); len(roots) != 1 || roots[0] != ts.URL+"/taxii2/api/" {
		t.Errorf("api_roots %v", roots)
	}
	if r := ts.taxiiGet(t, "/taxii2/api/", partner); r.status != 200 || !strings.Contains(string(r.body), taxii) {
		t.Errorf("api root: %d %s", r.status, r.body)
	}
	for _, accept := range []string{"application/json", "application/taxii+json;version=2.0", "text/html"} {
		r := ts.do(t, "GET", "/taxii2/", partner, "", nil, "Accept", accept)
		if r.status != 406 || r.header.Get("Content-Type") != taxii || r.json(t)["http_status"] != "406" {
			t.Errorf("Accept %s: got %d %s, want a TAXII 406", accept, r.status, r.body)
		}
	}
	if r := ts.do(t, "GET", "/taxii2/", "", "", nil, "Accept", taxii); r.status != 401 || r.header.Get("Content-Type") != taxii {
		t.Errorf("no key: got %d %q", r.status, r.header.Get("Content-Type"))
	}
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte("partner:"+partner))
	if r := ts.raw(t, "GET", "/taxii2/", basic); r.status != 200 {
		t.Errorf("Basic with the key as password: %d %s", r.status, r.body)
	}
	if r := ts.raw(t, "GET", "/v1/whoami", basic); r.status != 401 {
		t.Errorf("Basic outside the exchange: %d", r.status)
	}
	if r := ts.taxiiGet(t, "/taxii2/", ts.keys[kuzet.OrgBank]); r.status != 403 {
		t.Errorf("bank: got %d, want 403", r.status)
	}
	col := ts.taxiiCollection(t, partner)
	path := "/taxii2/api/collections/" + col + "/objects/"
	for _, ct := range []string{"application/json", "application/taxii+json;version=2.0", ""} {
		r := ts.do(t, "POST", path, partner, ct, []byte(`{"objects":[]}`), "Accept", taxii)
		if r.status != 415 {
			t.Errorf("POST Content-Type %q: got %d, want 415", ct, r.status)
		}
	}
	if r := ts.taxiiGet(t, "/taxii2/api/collections/"+col+"/", partner); r.status != 200 || r.json(t)["can_write"] != true {
		t.Errorf("collection: %d %s", r.status, r.body)
	}
	if r := ts.taxiiGet(t, "/taxii2/api/collections/00000000-0000-4000-8000-000000000000/", partner); r.status != 404 {
		t.Errorf("unknown collection: %d", r.status)
	}
	if r := ts.taxiiGet(t, path+"?limit=0", partner); r.status != 400 {
		t.Errorf("limit=0: %d", r.status)
	}
	if r := ts.taxiiGet(t, path+"?added_after=yesterday", partner); r.status != 400 {
		t.Errorf("bad added_after: %d", r.status)
	}
	if r := ts.taxiiGet(t, path+"?next=garbage", partner); r.status != 400 {
		t.Errorf("bad next: %d", r.status)
	}
	if r := ts.taxiiGet(t, path+"?color=red", partner); r.status != 400 {
		t.Errorf("unknown parameter: %d", r.status)
	}
}

// TestTAXIIObjectsTLP: RED never leaves; AMBER only once the police allow
// it the partner; the police see each partner's collection read-only.
func TestTAXIIObjectsTLP(t *testing.T) {
	ts := newTestServer(t)
	ts.seedExchange(t)
	partner, police := ts.keys[kuzet.OrgPartner], ts.keys[kuzet.OrgPolice]
	col := ts.taxiiCollection(t, partner)
	path := "/taxii2/api/collections/" + col + "/objects/"
	r := ts.taxiiGet(t, path, partner)
	if r.status != 200 {
		t.Fatalf("objects: %d %s", r.status, r.body)
	}
	got := patterns(r.envelope(t))
	want := []string{"[bank-account:iban = 'KZ077220000000900000']", "[domain-name:value = 'kaspi-bonus.kz']", "[phone-number:value = '+77011112233']"}
	if !slices.Equal(got, want) {
		t.Errorf("patterns %v, want %v", got, want)
	}
	if strings.Contains(string(r.body), "red-secret") || strings.Contains(string(r.body), "amber-only") {
		t.Errorf("RED or AMBER served to a partner not allowed AMBER")
	}
	if r.header.Get("X-TAXII-Date-Added-First") == "" || r.header.Get("X-TAXII-Date-Added-Last") == "" {
		t.Errorf("no X-TAXII-Date-Added headers: %v", r.header)
	}
	// A partner may not set its own settings; the police may.
	body := `{"confidence":0.7,"allow_amber":true}`
	if r := ts.do(t, "PUT", fmt.Sprintf("/v1/exchange/partners/%d", ts.orgs[kuzet.OrgPartner].ID), partner, "application/json", []byte(body)); r.status != 403 {
		t.Errorf("partner sets itself: %d %s", r.status, r.body)
	}
	if r := ts.do(t, "PUT", fmt.Sprintf("/v1/exchange/partners/%d", ts.orgs[kuzet.OrgBank].ID), police, "application/json", []byte(body)); r.status != 400 {
		t.Errorf("a bank as partner: %d %s", r.status, r.body)
	}
	if r := ts.do(t, "PUT", fmt.Sprintf("/v1/exchange/partners/%d", ts.orgs[kuzet.OrgPartner].ID), police, "application/json", []byte(body)); r.status != 200 {
		t.Fatalf("police set partner: %d %s", r.status, r.body)
	}
	r = ts.taxiiGet(t, path, partner)
	if got := patterns(r.envelope(t)); !slices.Contains(got, "[domain-name:value = 'amber-only.kz']") || len(got) != 4 {
		t.Errorf("after allowing AMBER: %v", got)
	}
	if strings.Contains(string(r.body), "red-secret") {
		t.Errorf("RED served")
	}
	// The police read the same collection, and may not write to it.
	if got := patterns(ts.taxiiGet(t, path, police).envelope(t)); len(got) != 4 {
		t.Errorf("police read %v", got)
	}
	if r := ts.do(t, "POST", path, police, taxii, []byte(`{"objects":[]}`), "Accept", taxii); r.status != 403 {
		t.Errorf("police POST: %d %s", r.status, r.body)
	}
}

// TestTAXIIPaging walks a collection a page at a time and by added_after,
// and checks manifest, versions and match[].
func TestTAXIIPaging(t *testing.T) {
	ts := newTestServer(t)
	ts.seedExchange(t)
	partner := ts.keys[kuzet.OrgPartner]
	col := ts.taxiiCollection(t, partner)
	base := "/taxii2/api/collections/" + col
	all := ts.taxiiGet(t, base+"/objects/", partner).envelope(t)
	if all.More || len(all.Objects) < 10 {
		t.Fatalf("one page of %d objects, more %v", len(all.Objects), all.More)
	}
	var walked []string
	next := ""
	for i := 0; ; i++ {
		q := "?limit=3"
		if next != "" {
			q += "&next=" + url.QueryEscape(next)
		}
		e := ts.taxiiGet(t, base+"/objects/"+q, partner).envelope(t)
		if len(e.Objects) > 3 {
			t.Fatalf("page of %d over limit 3", len(e.Objects))
		}
		for _, o := range e.Objects {
			walked = append(walked, o["id"].(string))
		}
		if !e.More {
			break
		}
		next = e.Next
		if i > 100 {
			t.Fatal("paging does not end")
		}
	}
	var ids []string
	for _, o := range all.Objects {
		ids = append(ids, o["id"].(string))
	}
	if !slices.Equal(walked, ids) {
		t.Errorf("paged walk %v\nwant %v", walked, ids)
	}
	// added_after the last object's date: nothing new.
	r := ts.taxiiGet(t, base+"/objects/", partner)
	last := r.header.Get("X-TAXII-Date-Added-Last")
	if e := ts.taxiiGet(t, base+"/objects/?added_after="+url.QueryEscape(last), partner).envelope(t); len(e.Objects) != 0 {
		t.Errorf("added_after the last: %d objects", len(e.Objects))
	}
	// match[type]
	e := ts.taxiiGet(t, base+"/objects/?match[type]=indicator", partner).envelope(t)
	if len(e.Objects) != 3 {
		t.Errorf("match[type]=indicator: %d objects", len(e.Objects))
	}
	ind := e.Objects[0]
	id, modified := ind["id"].(string), ind["modified"].(string)
	if e := ts.taxiiGet(t, base+"/objects/?match[id]="+id, partner).envelope(t); len(e.Objects) != 1 {
		t.Errorf("match[id]: %d", len(e.Objects))
	}
	if e := ts.taxiiGet(t, base+"/objects/?match[spec_version]=2.0", partner).envelope(t); len(e.Objects) != 0 {
		t.Errorf("match[spec_version]=2.0: %d", len(e.Objects))
	}
	if e := ts.taxiiGet(t, base+"/objects/?match[version]="+modified+"&match[id]="+id, partner).envelope(t); len(e.Objects) != 1 {
		t.Errorf("match[version]=modified: %d", len(e.Objects))
	}
	if e := ts.taxiiGet(t, base+"/objects/?match[version]=2001-01-01T00:00:00Z&match[id]="+id, partner).envelope(t); len(e.Objects) != 0 {
		t.Errorf("match[version]=other: %d", len(e.Objects))
	}
	if e := ts.taxiiGet(t, base+"/objects/"+id+"/", partner).envelope(t); len(e.Objects) != 1 || e.Objects[0]["id"] != id {
		t.Errorf("object by id: %v", e.Objects)
	}
	if r := ts.taxiiGet(t, base+"/objects/indicator--00000000-0000-4000-8000-000000000000/", partner); r.status != 404 {
		t.Errorf("unknown object: %d", r.status)
	}
	v := ts.taxiiGet(t, base+"/objects/"+id+"/versions/", partner).json(t)
	if vs := v["versions"].([]any); len(vs) != 1 || vs[0] != modified {
		t.Errorf("versions %v, want [%s]", vs, modified)
	}
	m := ts.taxiiGet(t, base+"/manifest/?limit=2", partner)
	var man struct {
		More    bool
		Objects []struct{ ID, DateAdded, Version, MediaType string }
	}
	json.Unmarshal(m.body, &man)
	if !man.More || len(man.Objects) != 2 || m.header.Get("X-TAXII-Date-Added-First") == "" {
		t.Errorf("manifest: %s", m.body)
	}
}

// TestTAXIIAdd: a partner posts objects; good ones enter the registry as its
// reports, bad ones are quarantined with reasons; status is kept.
func TestTAXIIAdd(t *testing.T) {
	ts := newTestServer(t)
	partner := ts.keys[kuzet.OrgPartner]
	col := ts.taxiiCollection(t, partner)
	path := "/taxii2/api/collections/" + col + "/objects/"
	body := `{"objects":[
	 {"type":"indicator","spec_version":"2.1","id":"indicator--11111111-1111-4111-8111-111111111111","created":"2026-03-01T00:00:00Z","modified":"2026-03-01T00:00:00Z",
	  "pattern":"[domain-name:value = 'armenia-scam.am']","pattern_type":"stix","valid_from":"2026-03-01T00:00:00Z","labels":["fake_shop"]},
	 {"type":"indicator","spec_version":"2.0","id":"indicator--22222222-2222-4222-8222-222222222222","pattern":"[domain-name:value = 'x.am']","pattern_type":"stix"},
	 {"type":"indicator","spec_version":"2.1","id":"indicator--33333333-3333-4333-8333-333333333333","modified":"2026-03-01T00:00:00Z",
	  "pattern":"[domain-name:value = 'a.am\\' OR 1=1 --']","pattern_type":"stix"},
	 {"type":"malware","spec_version":"2.1","id":"malware--44444444-4444-4444-8444-444444444444","name":"x","is_family":false},
	 "not an object"]}`
	r := ts.do(t, "POST", path, partner, taxii, []byte(body), "Accept", taxii)
	if r.status != 202 {
		t.Fatalf("POST: %d %s", r.status, r.body)
	}
	st := r.json(t)
	if st["success_count"] != 2.0 || st["failure_count"] != 3.0 || st["status"] != "complete" {
		t.Errorf("status %s", r.body)
	}
	again := ts.taxiiGet(t, "/taxii2/api/status/"+st["id"].(string)+"/", partner)
	if again.status != 200 || again.json(t)["id"] != st["id"] {
		t.Errorf("status resource: %d %s", again.status, again.body)
	}
	if r := ts.taxiiGet(t, "/taxii2/api/status/"+st["id"].(string)+"/", ts.keys[kuzet.OrgPolice]); r.status != 404 {
		t.Errorf("another org's status: %d", r.status)
	}
	look := ts.json(t, "GET", "/v1/indicators/domain/armenia-scam.am", ts.keys[kuzet.OrgPolice], "")
	if look.status != 200 || look.json(t)["reporters"] != 1.0 {
		t.Errorf("imported indicator: %d %s", look.status, look.body)
	}
	q := ts.json(t, "GET", fmt.Sprintf("/v1/exchange/partners/%d/received?status=quarantined", ts.orgs[kuzet.OrgPartner].ID), ts.keys[kuzet.OrgPolice], "")
	if q.status != 200 || !strings.Contains(string(q.body), `spec_version \"2.0\" is not 2.1`) || !strings.Contains(string(q.body), `"object":"not an object"`) {
		t.Errorf("quarantine: %d %s", q.status, q.body)
	}
	if r := ts.json(t, "GET", fmt.Sprintf("/v1/exchange/partners/%d/received", ts.orgs[kuzet.OrgPartner].ID), ts.keys[kuzet.OrgPartner], ""); r.status != 200 {
		t.Errorf("a partner's own: %d", r.status)
	}
	if r := ts.do(t, "POST", path, partner, taxii, []byte(`{"objects":`), "Accept", taxii); r.status != 400 {
		t.Errorf("malformed envelope: %d", r.status)
	}
	big := make([]byte, 17<<20)
	if r := ts.do(t, "POST", path, partner, taxii, big, "Accept", taxii); r.status != 413 {
		t.Errorf("17 MiB: %d", r.status)
	}
	_ = http.StatusOK
}

// TestMISPFeed: the feed's manifest, hashes and events agree, and hold no
// RED.
func TestMISPFeed(t *testing.T) {
	ts := newTestServer(t)
	ts.seedExchange(t)
	partner := ts.keys[kuzet.OrgPartner]
	r := ts.do(t, "GET", "/misp-feed/manifest.json", partner, "", nil)
	if r.status != 200 {
		t.Fatalf("manifest: %d %s", r.status, r.body)
	}
	man := r.json(t)
	if len(man) != 1 {
		t.Fatalf("manifest of %d events, want 1 (the police's GREEN): %s", len(man), r.body)
	}
	var uuid string
	for u := range man {
		uuid = u
	}
	h := ts.do(t, "GET", "/misp-feed/hashes.csv", partner, "", nil)
	if lines := strings.Split(strings.TrimSpace(string(h.body)), "\n"); h.status != 200 || len(lines) != 3 || !strings.HasSuffix(lines[0], ","+uuid) {
		t.Errorf("hashes.csv: %d %s", h.status, h.body)
	}
	e := ts.do(t, "GET", "/misp-feed/"+uuid+".json", partner, "", nil)
	if e.status != 200 || strings.Contains(string(e.body), "red-secret") || !strings.Contains(string(e.body), `"type":"iban"`) {
		t.Errorf("event: %d %s", e.status, e.body)
	}
	if r := ts.do(t, "GET", "/misp-feed/00000000-0000-4000-8000-000000000000.json", partner, "", nil); r.status != 404 {
		t.Errorf("unknown event: %d", r.status)
	}
	if r := ts.do(t, "GET", "/misp-feed/manifest.json", ts.keys[kuzet.OrgBank], "", nil); r.status != 403 {
		t.Errorf("bank: %d", r.status)
	}
}
