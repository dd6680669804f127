// Package shakentest makes a STIR/SHAKEN public key infrastructure of its
// own — a certificate authority, operators' signing certificates — and
// signs PASSporTs with it, for the tests and benchmarks of call
// verification and for demonstrations. The signatures are real ES256
// (P-256) signatures made with golang-jwt, as an operator's signing service
// would make them; nothing here is trusted unless a regulator makes its
// authority a trust anchor.
package shakentest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// CA is a certificate authority: an STI-CA.
type CA struct {
	Cert *x509.Certificate
	Key  *ecdsa.PrivateKey
	PEM  string // the certificate, for the regulator to make it an anchor
}

// NewCA returns a new authority named name, valid from notBefore to
// notAfter.
func NewCA(name string, notBefore, notAfter time.Time) (*CA, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("shakentest: CA key: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial(), Subject: pkix.Name{CommonName: name}, NotBefore: notBefore, NotAfter: notAfter,
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("shakentest: CA certificate: %w", err)
	}
	cert, _ := x509.ParseCertificate(der)
	return &CA{Cert: cert, Key: key, PEM: encode(der)}, nil
}

// Signer is an operator's signing service: its key, and its certificate as
// registered under X5U.
type Signer struct {
	Key  *ecdsa.PrivateKey
	Cert *x509.Certificate
	PEM  string // the certificate, for the operator to register
	X5U  string
}

// Issue returns a signer whose certificate, named name and valid from
// notBefore to notAfter, ca issued, for PASSporTs naming x5u.
func (ca *CA) Issue(name, x5u string, notBefore, notAfter time.Time) (*Signer, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("shakentest: signer key: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial(), Subject: pkix.Name{CommonName: name}, NotBefore: notBefore, NotAfter: notAfter,
		KeyUsage: x509.KeyUsageDigitalSignature, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Cert, &key.PublicKey, ca.Key)
	if err != nil {
		return nil, fmt.Errorf("shakentest: signer certificate: %w", err)
	}
	cert, _ := x509.ParseCertificate(der)
	return &Signer{Key: key, Cert: cert, PEM: encode(der), X5U: x5u}, nil
}

// Claims are what a PASSporT says (RFC 8225, 8588).
type Claims struct {
	Attest string   // A, B or C
	Orig   string   // the calling number, E.164 (with or without '+')
	Dest   []string // the called numbers
	IAT    time.Time
	OrigID string // a UUID in real networks; any string here
}

// Sign returns the SIP Identity header of a PASSporT with c, signed ES256
// by s's key, naming s.X5U: "<jws>;info=<x5u>;alg=ES256;ppt=shaken".
func (s *Signer) Sign(c Claims) (string, error) {
	dest := make([]any, len(c.Dest))
	for i, d := range c.Dest {
		dest[i] = strings.TrimPrefix(d, "+")
	}
	t := jwt.NewWithClaims(jwt.SigningMethodES256, jwt.MapClaims{
		"attest": c.Attest, "dest": map[string]any{"tn": dest}, "iat": c.IAT.Unix(),
		"orig": map[string]any{"tn": strings.TrimPrefix(c.Orig, "+")}, "origid": c.OrigID,
	})
	t.Header["ppt"] = "shaken"
	t.Header["typ"] = "passport"
	t.Header["x5u"] = s.X5U
	jws, err := t.SignedString(s.Key)
	if err != nil {
		return "", fmt.Errorf("shakentest: sign: %w", err)
	}
	return jws + ";info=<" + s.X5U + ">;alg=ES256;ppt=shaken", nil
}

func encode(der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

func serial() *big.Int {
	n, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	return n.Add(n, big.NewInt(1))
}
