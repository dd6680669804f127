package telecom_test

import (
	"context"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/shakentest"
	"github.com/kuzet/kuzet/telecom"
)

const regulator int64 = 9

// pki is a trust anchor and the signers of operators A and B, and a signer
// whose certificate chains to no anchor.
type pki struct {
	ca         *shakentest.CA
	a, b, lone *shakentest.Signer
}

func newPKI(tb testing.TB) *pki {
	tb.Helper()
	ca, err := shakentest.NewCA("Test STI-CA", t0.AddDate(-1, 0, 0), t0.AddDate(5, 0, 0))
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	must(err)
	other, err := shakentest.NewCA("Rogue CA", t0.AddDate(-1, 0, 0), t0.AddDate(5, 0, 0))
	must(err)
	p := &pki{ca: ca}
	p.a, err = ca.Issue("Operator A SHAKEN", "https://sti.a.example/2025.pem", t0.AddDate(0, -1, 0), t0.AddDate(1, 0, 0))
	must(err)
	p.b, err = ca.Issue("Operator B SHAKEN", "https://sti.b.example/2025.pem", t0.AddDate(0, -1, 0), t0.AddDate(1, 0, 0))
	must(err)
	p.lone, err = other.Issue("Operator A, by a rogue CA", "https://sti.a.example/rogue.pem", t0.AddDate(0, -1, 0), t0.AddDate(1, 0, 0))
	must(err)
	return p
}

// trust sets p's anchor in e and registers A's and B's certificates.
func (p *pki) trust(tb testing.TB, e *telecom.Service) {
	tb.Helper()
	ctx := context.Background()
	if _, err := e.AddSTIAnchors(ctx, regulator, p.ca.PEM); err != nil {
		tb.Fatalf("AddSTIAnchors: %v", err)
	}
	for org, s := range map[int64]*shakentest.Signer{opA: p.a, opB: p.b} {
		if _, err := e.RegisterSTICertificate(ctx, org, s.X5U, s.PEM); err != nil {
			tb.Fatalf("RegisterSTICertificate(%d): %v", org, err)
		}
	}
}

func sign(tb testing.TB, s *shakentest.Signer, c shakentest.Claims) string {
	tb.Helper()
	h, err := s.Sign(c)
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

// TestSTIRShaken: a PASSporT attested A by the number's operator passes a
// call without a registration; anything less leaves it to the registration
// rules; a forged signature blocks it.
func TestSTIRShaken(t *testing.T) {
	p := newPKI(t)
	const (
		a = "+77011234567" // operator A's subscriber
		b = "+77021234567"
	)
	honest := func(clock *testClock) shakentest.Claims {
		return shakentest.Claims{Attest: "A", Orig: a, Dest: []string{b}, IAT: clock.Now(), OrigID: "o1"}
	}
	with := func(f func(*shakentest.Claims)) func(*testClock) shakentest.Claims {
		return func(clock *testClock) shakentest.Claims { c := honest(clock); f(&c); return c }
	}
	tests := []struct {
		name    string
		signer  func(*pki) *shakentest.Signer
		claims  func(*testClock) shakentest.Claims
		mangle  func(string) string // the header on the way
		setup   func(t *testing.T, e *telecom.Service, clock *testClock)
		ingress kuzet.Ingress
		rf      string
		want    kuzet.CallReason
	}{
		{name: "attestation A by the number's operator", claims: honest, want: kuzet.ReasonOK},
		{name: "attestation B", claims: with(func(c *shakentest.Claims) { c.Attest = "B" }), want: kuzet.ReasonNotOriginated},
		{name: "attestation C", claims: with(func(c *shakentest.Claims) { c.Attest = "C" }), want: kuzet.ReasonNotOriginated},
		{name: "stale", claims: with(func(c *shakentest.Claims) { c.IAT = c.IAT.Add(-61 * time.Second) }), want: kuzet.ReasonNotOriginated},
		{name: "from the future", claims: with(func(c *shakentest.Claims) { c.IAT = c.IAT.Add(61 * time.Second) }), want: kuzet.ReasonNotOriginated},
		{name: "a minute old is fresh", claims: with(func(c *shakentest.Claims) { c.IAT = c.IAT.Add(-59 * time.Second) }), want: kuzet.ReasonOK},
		{name: "for another caller", claims: with(func(c *shakentest.Claims) { c.Orig = "+77011234560" }), want: kuzet.ReasonNotOriginated},
		{name: "for another callee", claims: with(func(c *shakentest.Claims) { c.Dest = []string{"+77021234560"} }), want: kuzet.ReasonNotOriginated},
		{name: "a forwarded call, for the number dialled", claims: with(func(c *shakentest.Claims) { c.Dest = []string{"+77011112222"} }),
			rf: "+77011112222", want: kuzet.ReasonOK},
		{name: "signed by another operator's certificate", signer: func(p *pki) *shakentest.Signer { return p.b }, claims: honest,
			want: kuzet.ReasonNotOriginated},
		{name: "signed by a delegate", signer: func(p *pki) *shakentest.Signer { return p.b }, claims: honest,
			setup: func(t *testing.T, e *telecom.Service, _ *testClock) {
				mustDelegate(t, e, opA, telecom.DelegationChange{Delegation: kuzet.Delegation{MSISDN: a, OrgID: opB}})
			}, want: kuzet.ReasonOK},
		{name: "a certificate no anchor vouches for", signer: func(p *pki) *shakentest.Signer { return p.lone }, claims: honest,
			want: kuzet.ReasonNotOriginated},
		{name: "forged: another key under A's x5u", claims: honest, signer: func(p *pki) *shakentest.Signer {
			f := *p.lone
			f.X5U = p.a.X5U
			return &f
		}, want: kuzet.ReasonInvalidIdentity},
		{name: "forged: the claims altered on the way", claims: honest, mangle: func(h string) string {
			parts := strings.SplitN(h, ".", 3)
			other := sign(t, p.a, shakentest.Claims{Attest: "A", Orig: a, Dest: []string{"+77029999999"}, IAT: t0})
			parts[1] = strings.SplitN(other, ".", 3)[1]
			return strings.Join(parts, ".")
		}, want: kuzet.ReasonInvalidIdentity},
		{name: "forged, from abroad", claims: honest, ingress: intl, signer: func(p *pki) *shakentest.Signer {
			f := *p.lone
			f.X5U = p.a.X5U
			return &f
		}, want: kuzet.ReasonInvalidIdentity},
		{name: "a genuine signature does not bring a domestic number in from abroad", claims: honest, ingress: intl,
			want: kuzet.ReasonDomesticCLIFromAbroad},
		{name: "an unknown x5u", claims: honest, signer: func(p *pki) *shakentest.Signer {
			f := *p.a
			f.X5U = "https://sti.unknown.example/x.pem"
			return &f
		}, want: kuzet.ReasonNotOriginated},
		{name: "not a PASSporT", claims: honest, mangle: func(string) string { return "nonsense;info=<x>" }, want: kuzet.ReasonNotOriginated},
		{name: "the certificate expired since", claims: honest, setup: func(t *testing.T, e *telecom.Service, clock *testClock) {
			clock.Add(366 * 24 * time.Hour)
		}, want: kuzet.ReasonNotOriginated},
		{name: "registered as well", claims: honest, setup: func(t *testing.T, e *telecom.Service, clock *testClock) {
			mustRegister(t, e, call(clock, a, b, opA, "c1"))
		}, want: kuzet.ReasonOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				e, clock := MustEngine(t, telecom.Config{})
				p.trust(t, e)
				if tc.setup != nil {
					tc.setup(t, e, clock)
				}
				s := p.a
				if tc.signer != nil {
					s = tc.signer(p)
				}
				h := sign(t, s, tc.claims(clock))
				if tc.mangle != nil {
					h = tc.mangle(h)
				}
				v := verifyCall(clock, a, b, dom)
				if tc.ingress != "" {
					v.Ingress = tc.ingress
				}
				v.Identity, v.RedirectedFrom = h, tc.rf
				if got := mustVerify(t, e, v); got != tc.want {
					t.Errorf("got %s, want %s", got, tc.want)
				}
			})
		})
	}
}

// TestSTIRShakenBatch: a batch of signed calls is checked on every core and
// judged each by its own PASSporT; the counts say how many of which.
func TestSTIRShakenBatch(t *testing.T) {
	p := newPKI(t)
	e, clock := MustEngine(t, telecom.Config{Deadline: time.Minute})
	p.trust(t, e)
	forger := *p.lone
	forger.X5U = p.a.X5U
	var calls []telecom.Call
	var want []kuzet.CallReason
	for i := range 60 {
		a := "+7701555" + pad4(i)
		s, r := p.a, kuzet.ReasonOK
		switch i % 3 {
		case 1:
			s, r = &forger, kuzet.ReasonInvalidIdentity
		case 2:
			s, r = p.b, kuzet.ReasonNotOriginated // B may not vouch for A's numbers
		}
		v := verifyCall(clock, a, "+77021234567", dom)
		v.Identity = sign(t, s, shakentest.Claims{Attest: "A", Orig: a, Dest: []string{v.B}, IAT: clock.Now()})
		calls, want = append(calls, v), append(want, r)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second) // the not_originated wait: one grace period
	defer cancel()
	for i, r := range e.VerifyBatch(ctx, calls) {
		if r.Err != nil || r.Verdict.Reason != want[i] {
			t.Errorf("call %d: got %v %v, want %s", i, r.Verdict.Reason, r.Err, want[i])
		}
	}
	if m := e.Metrics(); m.IdentityAttested != 20 || m.IdentityForged != 20 || m.IdentityUnusable != 20 {
		t.Errorf("got attested %d, forged %d, unusable %d, want 20 each", m.IdentityAttested, m.IdentityForged, m.IdentityUnusable)
	}
}

// TestSTITrust: what the regulator and the operators may register, and what
// a change of trust does.
func TestSTITrust(t *testing.T) {
	ctx := context.Background()
	p := newPKI(t)
	store := newMemStore()
	e, clock := MustEngine(t, telecom.Config{Store: store})
	if err := e.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if _, err := e.RegisterSTICertificate(ctx, opA, p.a.X5U, p.a.PEM); kuzet.ErrorCode(err) != kuzet.EINVALID {
		t.Errorf("a certificate before any anchor: got %v, want invalid", err)
	}
	if _, err := e.AddSTIAnchors(ctx, regulator, p.a.PEM); kuzet.ErrorCode(err) != kuzet.EINVALID {
		t.Errorf("an operator's certificate as an anchor: got %v, want invalid", err)
	}
	p.trust(t, e)
	expiredCA, _ := shakentest.NewCA("Old CA", t0.AddDate(-3, 0, 0), t0.AddDate(-1, 0, 0))
	for _, tc := range []struct {
		name     string
		org      int64
		x5u, pem string
		code     string
		field    string
	}{
		{"no x5u", opA, "", p.a.PEM, kuzet.EINVALID, "x5u"},
		{"an x5u that is no URL", opA, "sti.a.example", p.a.PEM, kuzet.EINVALID, "x5u"},
		{"no PEM", opA, p.a.X5U, "", kuzet.EINVALID, "pem"},
		{"a private key", opA, p.a.X5U, "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n", kuzet.EINVALID, "pem"},
		{"not chained to an anchor", opA, p.lone.X5U, p.lone.PEM, kuzet.EINVALID, "pem"},
		{"another operator's x5u", opB, p.a.X5U, p.b.PEM, kuzet.ECONFLICT, ""},
		{"an organisation serving no numbers", 4, "https://bank.example/x.pem", p.b.PEM, kuzet.EFORBIDDEN, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.RegisterSTICertificate(ctx, tc.org, tc.x5u, tc.pem)
			if got := kuzet.ErrorCode(err); got != tc.code {
				t.Fatalf("got %v, want %s", err, tc.code)
			}
			if f := kuzet.ErrorFields(err); tc.field != "" && (len(f) == 0 || f[0].Field != tc.field) {
				t.Errorf("got fields %v, want %s", f, tc.field)
			}
		})
	}
	if _, err := e.AddSTIAnchors(ctx, regulator, expiredCA.PEM); kuzet.ErrorCode(err) != kuzet.EINVALID {
		t.Errorf("an expired anchor: got %v, want invalid", err)
	}
	if got := len(e.STICertificates(opA)); got != 1 {
		t.Errorf("A's certificates: got %d, want 1", got)
	}

	attested := func(e *telecom.Service) kuzet.CallReason {
		v := verifyCall(clock, "+77011234567", "+77021234567", dom)
		v.Identity = sign(t, p.a, shakentest.Claims{Attest: "A", Orig: v.A, Dest: []string{v.B}, IAT: clock.Now()})
		v.CallID = "x" + v.CallID // no retry of an earlier test call
		r, err := e.Verify(ctx, v)
		if err != nil {
			t.Fatal(err)
		}
		return r.Reason
	}
	// Restarted from the store, the trust is the same.
	e2, _ := MustEngine(t, telecom.Config{Store: store, Clock: clock.Now})
	if err := e2.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer e2.Close()
	if got := attested(e2); got != kuzet.ReasonOK {
		t.Errorf("after a restart: got %s, want ok", got)
	}
	// The anchor withdrawn, A's certificate is trusted no more.
	anchors := e.STIAnchors()
	if len(anchors) != 1 {
		t.Fatalf("got anchors %+v, want one", anchors)
	}
	if err := e.RemoveSTIAnchor(ctx, regulator, anchors[0].Fingerprint); err != nil {
		t.Fatal(err)
	}
	if err := e.RemoveSTIAnchor(ctx, regulator, anchors[0].Fingerprint); kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
		t.Errorf("removed twice: got %v, want not found", err)
	}
	if got := attested(e); got != kuzet.ReasonNotOriginated {
		t.Errorf("without its anchor: got %s, want not_originated", got)
	}
	actions := strings.Join(store.auditActions(), " ")
	for _, a := range []string{kuzet.AuditSTIAnchorPut, kuzet.AuditSTICertificatePut, kuzet.AuditSTIAnchorDelete} {
		if !strings.Contains(actions, a) {
			t.Errorf("audit: got %s, want %s", actions, a)
		}
	}
}

// FuzzIdentity throws arbitrary Identity headers at a verification: each is
// judged, never an error, and only as ok (a signature that holds),
// invalid_identity or the registration rules' not_originated.
func FuzzIdentity(f *testing.F) {
	p := newPKI(f)
	e, clock := MustEngine(f, telecom.Config{Grace: time.Nanosecond})
	p.trust(f, e)
	const a, b = "+77011234567", "+77021234567"
	honest := sign(f, p.a, shakentest.Claims{Attest: "A", Orig: a, Dest: []string{b}, IAT: clock.Now()})
	f.Add(honest)
	f.Add(strings.Replace(honest, ";info=", ";INFO =", 1))
	f.Add(honest[:len(honest)/2])
	f.Add(sign(f, p.b, shakentest.Claims{Attest: "A", Orig: a, Dest: []string{b}, IAT: clock.Now()}))
	f.Add("eyJhbGciOiJub25lIn0.eyJhdHRlc3QiOiJBIn0.;info=<https://sti.a.example/2025.pem>")
	f.Add(";;;=;info=<>")
	f.Fuzz(func(t *testing.T, h string) {
		v := verifyCall(clock, a, b, dom)
		v.Identity = h
		r, err := e.Verify(context.Background(), v)
		if len(h) > 4096 {
			if kuzet.ErrorCode(err) != kuzet.EINVALID {
				t.Fatalf("an identity of %d bytes: got %v, want invalid", len(h), err)
			}
			return
		}
		if err != nil {
			t.Fatalf("got error %v", err)
		}
		switch r.Reason {
		case kuzet.ReasonOK, kuzet.ReasonInvalidIdentity, kuzet.ReasonNotOriginated:
		default:
			t.Fatalf("got %s", r.Reason)
		}
	})
}
