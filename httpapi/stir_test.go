package httpapi_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/shakentest"
)

// TestSignedCalls: the regulator sets a trust anchor, an operator registers
// its certificate, and its signed calls pass without a registration; a
// forged PASSporT is blocked as invalid_identity.
func TestSignedCalls(t *testing.T) {
	ts := newTestServer(t)
	opA, idA := ts.newOperator(t, "Operator A", "7701")
	opB, _ := ts.newOperator(t, "Operator B", "7702")
	regulator := ts.keys[kuzet.OrgRegulator]
	start := testNow()
	ca, err := shakentest.NewCA("Test STI-CA", start.AddDate(0, 0, -1), start.AddDate(5, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	signer, err := ca.Issue("Operator A SHAKEN", "https://sti.a.example/2025.pem", start.AddDate(0, 0, -1), start.AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	rogue, _ := shakentest.NewCA("Rogue", start.AddDate(0, 0, -1), start.AddDate(5, 0, 0))
	forger, _ := rogue.Issue("Forger", signer.X5U, start.AddDate(0, 0, -1), start.AddDate(1, 0, 0))

	body := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	// The certificate needs its anchor first.
	if r := ts.json(t, "POST", "/v1/sti-certificates", opA, body(map[string]string{"x5u": signer.X5U, "pem": signer.PEM})); r.status != 400 {
		t.Errorf("a certificate before its anchor: got %d %s, want 400", r.status, r.body)
	}
	r := ts.json(t, "POST", "/v1/sti-anchors", regulator, body(map[string]string{"pem": ca.PEM}))
	if r.status != 201 {
		t.Fatalf("anchor: got %d %s, want 201", r.status, r.body)
	}
	r = ts.json(t, "POST", "/v1/sti-certificates", opA, body(map[string]string{"x5u": signer.X5U, "pem": signer.PEM}))
	if r.status != 201 || r.json(t)["org_id"] != float64(idA) {
		t.Fatalf("certificate: got %d %s, want 201 for A", r.status, r.body)
	}
	if r := ts.json(t, "POST", "/v1/sti-certificates", opB, body(map[string]string{"x5u": signer.X5U, "pem": signer.PEM})); r.status != 409 {
		t.Errorf("another operator's x5u: got %d %s, want 409", r.status, r.body)
	}
	if r := ts.do(t, "GET", "/v1/sti-certificates", opA, "", nil); r.status != 200 || !strings.Contains(string(r.body), signer.X5U) {
		t.Errorf("A's certificates: got %d %s", r.status, r.body)
	}
	if r := ts.do(t, "GET", "/v1/sti-certificates", opB, "", nil); r.status != 200 || strings.Contains(string(r.body), signer.X5U) {
		t.Errorf("B's certificates: got %d %s, want none of A's", r.status, r.body)
	}

	const a, b = "+77011234567", "+77021234567"
	identity := func(s *shakentest.Signer, attest string) string {
		h, err := s.Sign(shakentest.Claims{Attest: attest, Orig: a, Dest: []string{b}, IAT: testNow(), OrigID: "o1"})
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	v := ts.verify(t, opB,
		call{A: a, B: b, At: now(), Ingress: "domestic", CallID: "s1", Identity: identity(signer, "A")},
		call{A: a, B: b, At: now(), Ingress: "domestic", CallID: "s2", Identity: identity(signer, "C")},
		call{A: a, B: b, At: now(), Ingress: "domestic", CallID: "s3", Identity: identity(forger, "A")},
		call{A: a, B: b, At: now(), Ingress: "domestic", CallID: "s4", Identity: strings.Repeat("x", 5000)},
	)
	want := []string{"pass ok", "block not_originated", "block invalid_identity", "error invalid calls[3].identity"}
	for i, w := range want {
		got := v[i].String()
		if v[i].Error != nil {
			got = "error " + v[i].Error.Code + " " + v[i].Error.field()
		}
		if got != w {
			t.Errorf("call %d: got %s, want %s", i, got, w)
		}
	}
	if got := intMap(t, ts.callStats(t, "")["by_reason"])["invalid_identity"]; got != 1 {
		t.Errorf("stats: got %d invalid_identity, want 1", got)
	}
	m := string(ts.do(t, "GET", "/metrics", "", "", nil).body)
	for _, line := range []string{`kuzet_telecom_identities_total{outcome="attested"} 1`, `kuzet_telecom_identities_total{outcome="forged"} 1`} {
		if !strings.Contains(m, line) {
			t.Errorf("/metrics lacks %s", line)
		}
	}

	// The anchor withdrawn, the certificate is trusted no more.
	r = ts.do(t, "GET", "/v1/sti-anchors", opA, "", nil)
	var anchors struct {
		Anchors []struct{ Fingerprint string }
	}
	if err := json.Unmarshal(r.body, &anchors); err != nil || len(anchors.Anchors) != 1 {
		t.Fatalf("anchors: got %d %s", r.status, r.body)
	}
	if r := ts.do(t, "DELETE", "/v1/sti-anchors/"+anchors.Anchors[0].Fingerprint, regulator, "", nil); r.status != 204 {
		t.Fatalf("remove the anchor: got %d %s", r.status, r.body)
	}
	if r := ts.do(t, "DELETE", "/v1/sti-anchors/"+anchors.Anchors[0].Fingerprint, regulator, "", nil); r.status != 404 {
		t.Errorf("remove it again: got %d %s, want 404", r.status, r.body)
	}
	v = ts.verify(t, opB, call{A: a, B: b, At: now(), Ingress: "domestic", CallID: "s5", Identity: identity(signer, "A")})
	if got := v[0].String(); got != "block not_originated" {
		t.Errorf("without its anchor: got %s, want block not_originated", got)
	}
	if n := ts.auditCount(t, kuzet.AuditSTICertificatePut, "sti_certificate:"+signer.X5U); n != 1 {
		t.Errorf("audit: got %d certificate entries, want 1", n)
	}
}
