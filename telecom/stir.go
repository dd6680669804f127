package telecom

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/kuzet/kuzet"
)

// STIR/SHAKEN. An operator that signs its calls (RFC 8224, 8225, 8588)
// need not register them: the terminating switch hands kuzet the SIP
// Identity header, a PASSporT, and kuzet checks it against the certificate
// the originating operator registered under the PASSporT's x5u (there is no
// internet to fetch it from). The certificates must chain to a trust anchor
// the regulator set. A PASSporT
//
//   - whose signature the certificate its x5u names did not make (a forgery,
//     or a token altered on the way) blocks the call: invalid_identity;
//   - signed by that certificate, fresh (iat within IdentityFreshness), for
//     this A and this B (or the number dialled, for a forwarded call), with
//     attestation A, from an operator that may originate A (it serves A, or
//     A was delegated to it), passes the call as ok without a registration;
//   - otherwise (no certificate under its x5u, attestation B or C, stale,
//     for another call, unreadable) changes nothing: the registration rules
//     decide, as for a call without one.
//
// Certificates are parsed once, when registered or loaded; a verification
// costs one P-256 signature check, the bound of this path.

// IdentityFreshness is how far a PASSporT's iat may be from kuzet's clock.
const IdentityFreshness = 60 * time.Second

// maxIdentity bounds an Identity header: a PASSporT with its parameters is
// well under a kilobyte.
const maxIdentity = 4096

// maxSTIPEM bounds an uploaded certificate or anchor file.
const maxSTIPEM = 64 << 10

// Results of an identity check, kept in query.ident; 0 is "not checked".
const (
	identNone     = 1 + iota // absent, or nothing the rules can use
	identForged              // a registered certificate's signature that does not verify
	identAttested            // attestation A by an operator that may originate A
)

// stiCert is a registered certificate, parsed.
type stiCert struct {
	rec       kuzet.STICertificate
	key       *ecdsa.PublicKey
	notBefore int64 // Unix ns
	notAfter  int64
	trusted   bool // chains to an anchor in force
}

// stiTrust is the trust in force: immutable, swapped whole on a change.
type stiTrust struct {
	anchors []kuzet.STIAnchor
	roots   *x509.CertPool
	certs   map[string]*stiCert // by x5u
}

func (t *stiTrust) cert(x5u string) *stiCert {
	if t == nil {
		return nil
	}
	return t.certs[x5u]
}

// identityStats counts identity checks by outcome.
type identityStats struct{ attested, forged, unusable atomic.Uint64 }

// parsePEMCerts reads every CERTIFICATE block of text. Returns EINVALID
// naming field for text that holds none, or anything else.
func parsePEMCerts(field, text string) ([]*x509.Certificate, error) {
	if len(text) > maxSTIPEM {
		return nil, kuzet.Invalid(field, "more than %d bytes of PEM", maxSTIPEM)
	}
	var certs []*x509.Certificate
	rest := []byte(text)
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" {
			return nil, kuzet.Invalid(field, "a PEM block of type %q: only CERTIFICATE blocks belong here (never a private key)",
				clip(b.Type, 40))
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, kuzet.Invalid(field, "certificate %d does not parse: %v", len(certs)+1, err)
		}
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		return nil, kuzet.Invalid(field, "no PEM CERTIFICATE block")
	}
	if strings.TrimSpace(string(rest)) != "" {
		return nil, kuzet.Invalid(field, "text after the last PEM block")
	}
	return certs, nil
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

func fingerprintOf(c *x509.Certificate) string {
	sum := sha256.Sum256(c.Raw)
	return hex.EncodeToString(sum[:])
}

func pemOf(certs ...*x509.Certificate) string {
	var b strings.Builder
	for _, c := range certs {
		b.Write(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw}))
	}
	return b.String()
}

// buildTrust parses anchors and certificates as stored and checks every
// certificate's chain at now. Entries that no longer parse are skipped with
// a warning: the store may hold what an older build accepted.
func (e *Service) buildTrust(anchors []kuzet.STIAnchor, certs []kuzet.STICertificate, now time.Time) *stiTrust {
	t := &stiTrust{roots: x509.NewCertPool(), certs: make(map[string]*stiCert, len(certs))}
	for _, a := range anchors {
		cs, err := parsePEMCerts("pem", a.PEM)
		if err != nil {
			e.cfg.Logger.Warn("telecom: skipping a stored STIR/SHAKEN anchor that does not parse", "fingerprint", a.Fingerprint, "err", err)
			continue
		}
		t.roots.AddCert(cs[0])
		t.anchors = append(t.anchors, a)
	}
	for _, rec := range certs {
		c, err := e.parseSTICert(t.roots, rec, now)
		if err != nil && c == nil {
			e.cfg.Logger.Warn("telecom: skipping a stored STIR/SHAKEN certificate that does not parse", "x5u", rec.X5U, "err", err)
			continue
		}
		if err != nil {
			e.cfg.Logger.Warn("telecom: a registered STIR/SHAKEN certificate is no longer trusted", "x5u", rec.X5U,
				"org", rec.OrgID, "err", kuzet.ErrorMessage(err))
		}
		t.certs[rec.X5U] = c
	}
	return t
}

// parseSTICert parses a certificate record and checks its chain against
// roots at now. It returns the parsed certificate with an error when only
// the chain fails (it is kept, untrusted), and no certificate when the
// record itself is unusable.
func (e *Service) parseSTICert(roots *x509.CertPool, rec kuzet.STICertificate, now time.Time) (*stiCert, error) {
	certs, err := parsePEMCerts("pem", rec.PEM)
	if err != nil {
		return nil, err
	}
	leaf := certs[0]
	key, ok := leaf.PublicKey.(*ecdsa.PublicKey)
	if !ok || key.Curve != elliptic.P256() {
		return nil, kuzet.Invalid("pem", "the certificate's key is not an ECDSA P-256 key: PASSporTs are signed ES256")
	}
	c := &stiCert{rec: rec, key: key, notBefore: leaf.NotBefore.UnixNano(), notAfter: leaf.NotAfter.UnixNano()}
	inter := x509.NewCertPool()
	for _, x := range certs[1:] {
		inter.AddCert(x)
	}
	_, err = leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: now,
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	if err != nil {
		return c, kuzet.Invalid("pem", "the certificate does not chain to a trust anchor the regulator set: %v", err)
	}
	c.trusted = true
	return c, nil
}

// loadTrust reads the anchors and certificates in tx.
func (e *Service) loadTrust(ctx context.Context, tx kuzet.Tx) error {
	var anchors []kuzet.STIAnchor
	var certs []kuzet.STICertificate
	if err := tx.ScanSTIAnchors(ctx, func(a *kuzet.STIAnchor) error { anchors = append(anchors, *a); return nil }); err != nil {
		return fmt.Errorf("scan sti anchors: %w", err)
	}
	if err := tx.ScanSTICertificates(ctx, func(c *kuzet.STICertificate) error { certs = append(certs, *c); return nil }); err != nil {
		return fmt.Errorf("scan sti certificates: %w", err)
	}
	e.sti.Store(e.buildTrust(anchors, certs, time.Unix(0, e.now())))
	return nil
}

// trustList returns the anchors and certificate records in force, copied.
func (e *Service) trustList() ([]kuzet.STIAnchor, []kuzet.STICertificate) {
	t := e.sti.Load()
	if t == nil {
		return nil, nil
	}
	certs := make([]kuzet.STICertificate, 0, len(t.certs))
	for _, c := range t.certs {
		certs = append(certs, c.rec)
	}
	slices.SortFunc(certs, func(a, b kuzet.STICertificate) int { return strings.Compare(a.X5U, b.X5U) })
	return slices.Clone(t.anchors), certs
}

// AddSTIAnchors makes the certificate authorities in pemText (one or more
// PEM CERTIFICATE blocks) trust anchors, on behalf of orgID (the regulator).
// Each must be a CA certificate valid now. Audited in one transaction.
// Returns the anchors added; EINVALID naming "pem" for anything else.
func (e *Service) AddSTIAnchors(ctx context.Context, orgID int64, pemText string) ([]kuzet.STIAnchor, error) {
	certs, err := parsePEMCerts("pem", pemText)
	if err != nil {
		return nil, err
	}
	now := time.Unix(0, e.now()).UTC()
	added := make([]kuzet.STIAnchor, len(certs))
	for i, c := range certs {
		if !c.BasicConstraintsValid || !c.IsCA {
			return nil, kuzet.Invalid("pem", "certificate %d (%s) is not a certificate authority's", i+1, clip(c.Subject.String(), 100))
		}
		if now.Before(c.NotBefore) || now.After(c.NotAfter) {
			return nil, kuzet.Invalid("pem", "certificate %d (%s) is not valid now: %s to %s", i+1, clip(c.Subject.String(), 100),
				c.NotBefore.Format(time.DateOnly), c.NotAfter.Format(time.DateOnly))
		}
		added[i] = kuzet.STIAnchor{Fingerprint: fingerprintOf(c), Subject: c.Subject.String(), PEM: pemOf(c),
			NotAfter: c.NotAfter.UTC(), OrgID: orgID, CreatedAt: now}
	}
	e.writeMu.Lock()
	defer e.writeMu.Unlock()
	anchors, recs := e.trustList()
	for _, a := range added {
		anchors = slices.DeleteFunc(anchors, func(x kuzet.STIAnchor) bool { return x.Fingerprint == a.Fingerprint })
		anchors = append(anchors, a)
	}
	err = e.transact(ctx, func(tx kuzet.Tx) error {
		entries := make([]*kuzet.AuditEntry, len(added))
		for i := range added {
			if err := tx.PutSTIAnchor(ctx, &added[i]); err != nil {
				return err
			}
			entries[i] = &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditSTIAnchorPut,
				Object: "sti_anchor:" + added[i].Fingerprint, Detail: "subject=" + clip(added[i].Subject, 200)}
		}
		return tx.AppendAudit(ctx, entries...)
	})
	if err != nil {
		return nil, err
	}
	e.sti.Store(e.buildTrust(anchors, recs, now))
	return added, nil
}

// RemoveSTIAnchor stops trusting the anchor with fingerprint, on behalf of
// orgID (the regulator): the certificates that chain only to it are trusted
// no more. Returns ENOTFOUND if there is no such anchor.
func (e *Service) RemoveSTIAnchor(ctx context.Context, orgID int64, fingerprint string) error {
	fingerprint = strings.ToLower(strings.TrimSpace(fingerprint))
	now := time.Unix(0, e.now()).UTC()
	e.writeMu.Lock()
	defer e.writeMu.Unlock()
	anchors, recs := e.trustList()
	n := len(anchors)
	anchors = slices.DeleteFunc(anchors, func(a kuzet.STIAnchor) bool { return a.Fingerprint == fingerprint })
	if len(anchors) == n {
		return kuzet.Errorf(kuzet.ENOTFOUND, "no trust anchor %s", clip(fingerprint, 64))
	}
	err := e.transact(ctx, func(tx kuzet.Tx) error {
		if err := tx.DeleteSTIAnchor(ctx, fingerprint); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditSTIAnchorDelete,
			Object: "sti_anchor:" + fingerprint})
	})
	if err != nil {
		return err
	}
	e.sti.Store(e.buildTrust(anchors, recs, now))
	return nil
}

// STIAnchors returns the trust anchors in force.
func (e *Service) STIAnchors() []kuzet.STIAnchor {
	a, _ := e.trustList()
	return a
}

// RegisterSTICertificate registers orgID's signing certificate under x5u,
// the URL its PASSporTs name: pemText is the certificate (an ECDSA P-256
// key), then any intermediates, chained to a trust anchor the regulator
// set, valid now. Registering again under the same x5u replaces the
// certificate (a rotation). Audited. Returns EINVALID naming "x5u" or
// "pem", ECONFLICT if another operator registered x5u, EFORBIDDEN if orgID
// serves no numbers.
func (e *Service) RegisterSTICertificate(ctx context.Context, orgID int64, x5u, pemText string) (*kuzet.STICertificate, error) {
	x5u = strings.TrimSpace(x5u)
	if u, err := url.Parse(x5u); x5u == "" || len(x5u) > 512 || err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, kuzet.Invalid("x5u", "x5u must be the http(s) URL, of up to 512 bytes, that the operator's PASSporTs name")
	}
	certs, err := parsePEMCerts("pem", pemText)
	if err != nil {
		return nil, err
	}
	if err := e.checkOperator(ctx, orgID); err != nil {
		return nil, err
	}
	now := time.Unix(0, e.now()).UTC()
	leaf := certs[0]
	rec := kuzet.STICertificate{X5U: x5u, OrgID: orgID, Fingerprint: fingerprintOf(leaf), Subject: leaf.Subject.String(),
		PEM: pemOf(certs...), NotBefore: leaf.NotBefore.UTC(), NotAfter: leaf.NotAfter.UTC(), CreatedAt: now}
	e.writeMu.Lock()
	defer e.writeMu.Unlock()
	t := e.sti.Load()
	roots := x509.NewCertPool()
	if t != nil {
		roots = t.roots
	}
	if _, err := e.parseSTICert(roots, rec, now); err != nil {
		return nil, err
	}
	if old := t.cert(x5u); old != nil && old.rec.OrgID != orgID {
		return nil, kuzet.Errorf(kuzet.ECONFLICT, "x5u %s is another operator's certificate (organisation %d)", x5u, old.rec.OrgID)
	}
	err = e.transact(ctx, func(tx kuzet.Tx) error {
		if err := tx.PutSTICertificate(ctx, &rec); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditSTICertificatePut,
			Object: "sti_certificate:" + x5u, Detail: "sha256=" + rec.Fingerprint})
	})
	if err != nil {
		return nil, err
	}
	anchors, recs := e.trustList()
	recs = slices.DeleteFunc(recs, func(c kuzet.STICertificate) bool { return c.X5U == x5u })
	e.sti.Store(e.buildTrust(anchors, append(recs, rec), now))
	return &rec, nil
}

// STICertificates returns the certificates orgID registered, or every one
// (orgID 0).
func (e *Service) STICertificates(orgID int64) []kuzet.STICertificate {
	_, certs := e.trustList()
	return slices.DeleteFunc(certs, func(c kuzet.STICertificate) bool { return orgID != 0 && c.OrgID != orgID })
}

// transact runs fn in a writable transaction of the store, if there is one.
func (e *Service) transact(ctx context.Context, fn func(kuzet.Tx) error) error {
	if e.cfg.Store == nil {
		return nil
	}
	return kuzet.Transact(ctx, e.cfg.Store, true, fn)
}

// passport is the part of a PASSporT's claims kuzet reads (RFC 8225, and
// RFC 8588's attest and origid). It implements jwt.Claims with none of the
// registered claims: freshness is judged on iat below.
type passport struct {
	Attest string `json:"attest"`
	Dest   struct {
		TN []string `json:"tn"`
	} `json:"dest"`
	IAT  int64 `json:"iat"`
	Orig struct {
		TN string `json:"tn"`
	} `json:"orig"`
	OrigID string `json:"origid"`
}

func (*passport) GetExpirationTime() (*jwt.NumericDate, error) { return nil, nil }
func (*passport) GetIssuedAt() (*jwt.NumericDate, error)       { return nil, nil }
func (*passport) GetNotBefore() (*jwt.NumericDate, error)      { return nil, nil }
func (*passport) GetIssuer() (string, error)                   { return "", nil }
func (*passport) GetSubject() (string, error)                  { return "", nil }
func (*passport) GetAudience() (jwt.ClaimStrings, error)       { return nil, nil }

// passportParser accepts ES256 only, and leaves the claims to checkIdentity.
var passportParser = jwt.NewParser(jwt.WithValidMethods([]string{"ES256"}), jwt.WithoutClaimsValidation())

var errUntrusted = errors.New("no trusted certificate under this x5u")

// splitIdentity returns the PASSporT of a SIP Identity header value and its
// info parameter (the certificate's URL, RFC 8224 §4.1), unbracketed.
func splitIdentity(h string) (token, info string) {
	token, params, _ := strings.Cut(h, ";")
	for params != "" {
		var p string
		p, params, _ = strings.Cut(params, ";")
		if k, v, ok := strings.Cut(strings.TrimSpace(p), "="); ok && strings.EqualFold(strings.TrimSpace(k), "info") {
			info = strings.Trim(strings.TrimSpace(v), "<>")
		}
	}
	return strings.TrimSpace(token), info
}

// tn is a PASSporT telephone number as E.164 digits: RFC 8224 §8.3's
// canonical form has no '+', but some signers keep it.
func tn(s string) string { return strings.TrimPrefix(s, "+") }

// checkIdentity judges the PASSporT of c (see the top of this file) at now.
func (e *Service) checkIdentity(c *Call, q *query, now int64) uint8 {
	token, info := splitIdentity(c.Identity)
	var cert *stiCert
	var claims passport
	_, err := passportParser.ParseWithClaims(token, &claims, func(t *jwt.Token) (any, error) {
		x5u, _ := t.Header["x5u"].(string)
		if x5u == "" {
			x5u = info
		}
		cert = e.sti.Load().cert(x5u)
		if cert == nil || !cert.trusted {
			cert = nil
			return nil, errUntrusted
		}
		return cert.key, nil
	})
	switch {
	case err != nil && cert != nil && errors.Is(err, jwt.ErrTokenSignatureInvalid):
		// The key of a certificate kuzet trusts, named by the token, did
		// not make this signature.
		e.idStats.forged.Add(1)
		return identForged
	case err != nil:
		e.idStats.unusable.Add(1)
		return identNone
	}
	fresh := now - claims.IAT*int64(time.Second)
	ok := claims.Attest == "A" && max(fresh, -fresh) <= int64(IdentityFreshness) &&
		now >= cert.notBefore && now <= cert.notAfter && tn(claims.Orig.TN) == c.A[1:] &&
		(slices.ContainsFunc(claims.Dest.TN, func(d string) bool {
			d = tn(d)
			return d == c.B[1:] || c.RedirectedFrom != "" && d == tn(c.RedirectedFrom)
		})) && e.mayOriginate(cert.rec.OrgID, q.a, c.A[1:])
	if !ok {
		e.idStats.unusable.Add(1)
		return identNone
	}
	e.idStats.attested.Add(1)
	return identAttested
}
