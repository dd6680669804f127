package shakentest_test

import (
	"crypto/x509"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/kuzet/kuzet/internal/shakentest"
)

func TestSignedPASSporTVerifies(t *testing.T) {
	t0 := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	ca, err := shakentest.NewCA("Test STI-CA", t0.AddDate(-1, 0, 0), t0.AddDate(5, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	s, err := ca.Issue("Operator A", "https://sti.example/a.pem", t0.AddDate(0, -1, 0), t0.AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(ca.Cert)
	if _, err := s.Cert.Verify(x509.VerifyOptions{Roots: roots, CurrentTime: t0}); err != nil {
		t.Errorf("the signer's certificate does not chain to its CA: %v", err)
	}
	h, err := s.Sign(shakentest.Claims{Attest: "A", Orig: "+77011234567", Dest: []string{"+77021234567"}, IAT: t0})
	if err != nil {
		t.Fatal(err)
	}
	jws, params, _ := strings.Cut(h, ";")
	if params != "info=<https://sti.example/a.pem>;alg=ES256;ppt=shaken" {
		t.Errorf("got parameters %q", params)
	}
	claims := jwt.MapClaims{}
	tok, err := jwt.ParseWithClaims(jws, claims, func(*jwt.Token) (any, error) { return &s.Key.PublicKey, nil },
		jwt.WithValidMethods([]string{"ES256"}), jwt.WithoutClaimsValidation())
	if err != nil {
		t.Fatalf("the PASSporT does not verify: %v", err)
	}
	if tok.Header["x5u"] != s.X5U || tok.Header["ppt"] != "shaken" || claims["attest"] != "A" ||
		claims["orig"].(map[string]any)["tn"] != "77011234567" {
		t.Errorf("got header %v, claims %v", tok.Header, claims)
	}
}
