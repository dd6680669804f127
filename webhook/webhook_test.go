package webhook_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kuzet/kuzet/freeze"
	"github.com/kuzet/kuzet/webhook"
)

// certTime is when the test certificates are valid; the clients' TLS
// configurations (clientTLS) check them at that time, not the wall clock's.
var certTime = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// clientTLS trusts roots at certTime.
func clientTLS(roots *x509.CertPool) *tls.Config {
	return &tls.Config{RootCAs: roots, Time: func() time.Time { return certTime }}
}

// endpoint is a bank's webhook receiver over TLS, with a certificate for
// hooks.bank.test and 127.0.0.1 from a CA of its own, counting the
// connections it is offered: a refused delivery must make none.
type endpoint struct {
	*httptest.Server
	roots *x509.CertPool
	conns atomic.Int64

	mu      sync.Mutex
	sig     string
	body    []byte
	release chan struct{}
}

func newEndpoint(t *testing.T) *endpoint {
	t.Helper()
	e := &endpoint{release: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("/hook", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		e.mu.Lock()
		e.sig, e.body = r.Header.Get(freeze.SignatureHeader), b
		e.mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/hook", http.StatusFound) })
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusInternalServerError) })
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-e.release:
		case <-r.Context().Done():
		}
	})
	e.Server = httptest.NewUnstartedServer(mux)
	e.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshakes failed on purpose
	e.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			e.conns.Add(1)
		}
	}
	cert, roots := selfSigned(t, []string{"hooks.bank.test"}, []net.IP{net.IPv4(127, 0, 0, 1)})
	e.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	e.roots = roots
	e.StartTLS()
	t.Cleanup(func() {
		close(e.release)
		e.Close()
	})
	return e
}

// port returns the endpoint's port.
func (e *endpoint) port() string {
	_, port, _ := net.SplitHostPort(e.Listener.Addr().String())
	return port
}

func selfSigned(t *testing.T, names []string, ips []net.IP) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "test endpoint"},
		NotBefore:             certTime.Add(-time.Hour),
		NotAfter:              certTime.Add(24 * time.Hour),
		DNSNames:              names,
		IPAddresses:           ips,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA:                  true,
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

// resolver answers from a table, as a DNS server the test controls.
type resolver struct {
	mu      sync.Mutex
	answers map[string][]netip.Addr
	err     error
	calls   int
}

func (r *resolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	if r.err != nil {
		return nil, r.err
	}
	if a, ok := r.answers[host]; ok {
		return a, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

func resolving(host string, addrs ...string) *resolver {
	r := &resolver{answers: map[string][]netip.Addr{}}
	for _, a := range addrs {
		r.answers[host] = append(r.answers[host], netip.MustParseAddr(a))
	}
	return r
}

func policy(t *testing.T, allowHTTP, allowHosts []string) *freeze.WebhookPolicy {
	t.Helper()
	p, err := freeze.NewWebhookPolicy(allowHTTP, allowHosts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func post(d *webhook.Doer, url string) (*freeze.WebhookResponse, error) {
	body := []byte(`{"event":"freeze_request.created"}`)
	return d.Do(context.Background(), &freeze.WebhookRequest{URL: url, Body: body,
		Header: map[string]string{freeze.SignatureHeader: freeze.Sign([]byte("0123456789abcdef"), certTime, body)}})
}

func TestDoerDelivers(t *testing.T) {
	e := newEndpoint(t)
	tests := []struct {
		name   string
		url    string
		cfg    webhook.Config
		status int
	}{
		{"loopback listed by address", e.URL + "/hook",
			webhook.Config{Policy: policy(t, nil, []string{"127.0.0.1"})}, http.StatusAccepted},
		{"loopback listed by prefix", e.URL + "/hook",
			webhook.Config{Policy: policy(t, nil, []string{"127.0.0.0/8"})}, http.StatusAccepted},
		{"a name listed, resolving to loopback", "https://hooks.bank.test:" + e.port() + "/hook",
			webhook.Config{Policy: policy(t, nil, []string{"hooks.bank.test"}), Resolver: resolving("hooks.bank.test", "127.0.0.1")},
			http.StatusAccepted},
		{"a redirect, not followed", e.URL + "/moved",
			webhook.Config{Policy: policy(t, nil, []string{"127.0.0.1"})}, http.StatusFound},
		{"an error", e.URL + "/broken",
			webhook.Config{Policy: policy(t, nil, []string{"127.0.0.1"})}, http.StatusInternalServerError},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.cfg.TLS = clientTLS(e.roots)
			tc.cfg.Timeout = 5 * time.Second
			resp, err := post(webhook.New(tc.cfg), tc.url)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tc.status {
				t.Errorf("got status %d, want %d", resp.StatusCode, tc.status)
			}
		})
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := freeze.VerifySignature([]byte("0123456789abcdef"), e.sig, e.body, certTime, time.Minute); err != nil {
		t.Errorf("signature: %v", err)
	}
	if freeze.StatusClass(http.StatusFound) != freeze.FailHTTP3xx || freeze.StatusClass(http.StatusInternalServerError) != freeze.FailHTTP5xx ||
		freeze.StatusClass(http.StatusNotFound) != freeze.FailHTTP4xx || freeze.StatusClass(http.StatusAccepted) != "" {
		t.Error("status classes: got a status in the wrong class")
	}
}

// TestDoerRefusesTheLocalNetwork points deliveries at the endpoint on
// loopback in every way a key holder might: each is refused before a
// connection is made.
func TestDoerRefusesTheLocalNetwork(t *testing.T) {
	e := newEndpoint(t)
	name := "https://hooks.bank.test:" + e.port() + "/hook"
	tests := []struct {
		name     string
		url      string
		policy   *freeze.WebhookPolicy
		resolver *resolver
		class    string
	}{
		{"loopback, nothing listed", e.URL + "/hook", nil, nil, freeze.FailRefusedAddress},
		{"a name resolving to loopback", name, nil, resolving("hooks.bank.test", "127.0.0.1"), freeze.FailRefusedAddress},
		{"a name resolving to IPv4-mapped loopback", name, nil, resolving("hooks.bank.test", "::ffff:127.0.0.1"), freeze.FailRefusedAddress},
		{"a name resolving to IPv6 loopback", name, nil, resolving("hooks.bank.test", "::1"), freeze.FailRefusedAddress},
		{"a name resolving to private and loopback", name, nil, resolving("hooks.bank.test", "10.0.0.5", "127.0.0.1"), freeze.FailRefusedAddress},
		{"a name resolving to the metadata service", name, nil, resolving("hooks.bank.test", "169.254.169.254"), freeze.FailRefusedAddress},
		{"a name resolving to unspecified", name, nil, resolving("hooks.bank.test", "0.0.0.0"), freeze.FailRefusedAddress},
		{"another loopback address listed", name, policy(t, nil, []string{"127.0.0.2"}), resolving("hooks.bank.test", "127.0.0.1"),
			freeze.FailRefusedAddress},
		{"another name listed", name, policy(t, nil, []string{"hooks.other.test"}), resolving("hooks.bank.test", "127.0.0.1"),
			freeze.FailRefusedAddress},
		{"localhost", "https://localhost:" + e.port() + "/hook", nil, nil, freeze.FailRefusedAddress},
		{"plain http, not listed for it", "http://127.0.0.1:" + e.port() + "/hook", policy(t, nil, []string{"127.0.0.1"}), nil,
			freeze.FailRefusedScheme},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := webhook.Config{Policy: tc.policy, TLS: clientTLS(e.roots), Timeout: 5 * time.Second}
			if tc.resolver != nil {
				cfg.Resolver = tc.resolver
			}
			before := e.conns.Load()
			_, err := post(webhook.New(cfg), tc.url)
			var de *freeze.DeliveryError
			if !errors.As(err, &de) || freeze.FailureClass(err) != tc.class {
				t.Fatalf("got %v, want a %s delivery error", err, tc.class)
			}
			if n := e.conns.Load() - before; n != 0 {
				t.Errorf("got %d connections to the endpoint, want none", n)
			}
			if tc.resolver != nil && tc.resolver.calls != 1 {
				t.Errorf("got %d lookups, want the name resolved once, when dialled", tc.resolver.calls)
			}
		})
	}
}

// TestDoerResolvesAtEachAttempt shows DNS rebinding gains nothing: the
// name is looked up and checked on every attempt, and the connection goes
// to the address checked.
func TestDoerResolvesAtEachAttempt(t *testing.T) {
	e := newEndpoint(t)
	r := resolving("hooks.bank.test", "127.0.0.1")
	allowLoopback := policy(t, nil, []string{"127.0.0.1"})
	d := webhook.New(webhook.Config{Policy: allowLoopback, Resolver: r, TLS: clientTLS(e.roots), Timeout: 5 * time.Second})
	url := "https://hooks.bank.test:" + e.port() + "/hook"
	if resp, err := post(d, url); err != nil || resp.StatusCode != http.StatusAccepted {
		t.Fatalf("got %v, %v, want delivered while the name resolves to an allowed address", resp, err)
	}
	// The name now points elsewhere inside the network.
	r.mu.Lock()
	r.answers["hooks.bank.test"] = []netip.Addr{netip.MustParseAddr("10.0.0.7")}
	r.mu.Unlock()
	d.CloseIdleConnections()
	if _, err := post(d, url); freeze.FailureClass(err) != freeze.FailRefusedAddress {
		t.Errorf("after the name moved: got %v, want %s", err, freeze.FailRefusedAddress)
	}
	if r.calls != 2 {
		t.Errorf("got %d lookups, want one per attempt", r.calls)
	}
}

// TestDoerFailureClasses provokes each kind of failure.
func TestDoerFailureClasses(t *testing.T) {
	e := newEndpoint(t)
	plain := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(plain.Close)

	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedAddr := closed.Addr().String()
	closed.Close()

	// silent accepts connections and never says a word; hangup closes
	// each at once.
	silent := listen(t, func(c net.Conn) { <-t.Context().Done(); c.Close() })
	hangup := listen(t, func(c net.Conn) { c.Close() })

	loopback := policy(t, []string{"127.0.0.1"}, []string{"127.0.0.1", "hooks.other.test"})
	tests := []struct {
		name     string
		url      string
		resolver *resolver
		roots    bool
		timeout  time.Duration
		class    string
	}{
		{"dns", "https://hooks.nowhere.test/hook", &resolver{}, true, 0, freeze.FailDNS},
		{"dns timing out", "https://hooks.nowhere.test/hook", &resolver{err: &net.DNSError{Err: "i/o timeout", IsTimeout: true}}, true, 0,
			freeze.FailTimeout},
		{"unknown certificate authority", e.URL + "/hook", nil, false, 0, freeze.FailTLS},
		{"certificate for another name", "https://hooks.other.test:" + e.port() + "/hook", resolving("hooks.other.test", "127.0.0.1"),
			true, 0, freeze.FailTLS},
		{"https to a plain http server", strings.Replace(plain.URL, "http:", "https:", 1) + "/hook", nil, true, 0, freeze.FailTLS},
		{"connection refused", "http://" + closedAddr + "/hook", nil, true, 0, freeze.FailConnection},
		{"hung up at once", "http://" + hangup + "/hook", nil, true, 0, freeze.FailConnection},
		{"hung up in the handshake", "https://" + hangup + "/hook", nil, true, 0, freeze.FailConnection},
		{"no handshake", "https://" + silent + "/hook", nil, true, 100 * time.Millisecond, freeze.FailTimeout},
		{"no answer", "http://" + silent + "/hook", nil, true, 100 * time.Millisecond, freeze.FailTimeout},
		{"no answer over TLS", e.URL + "/hang", nil, true, 100 * time.Millisecond, freeze.FailTimeout},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := webhook.Config{Policy: loopback, Timeout: 5 * time.Second}
			if tc.timeout > 0 {
				cfg.Timeout = tc.timeout // the endpoint never answers: any timeout ends the wait
			}
			if tc.resolver != nil {
				cfg.Resolver = tc.resolver
			}
			if tc.roots {
				cfg.TLS = clientTLS(e.roots)
			} else {
				cfg.TLS = clientTLS(nil) // the system's roots
			}
			_, err := post(webhook.New(cfg), tc.url)
			var de *freeze.DeliveryError
			if !errors.As(err, &de) {
				t.Fatalf("got %v, want a delivery error", err)
			}
			if got := freeze.FailureClass(err); got != tc.class {
				t.Errorf("got class %s (%v), want %s", got, err, tc.class)
			}
		})
	}
}

// listen serves each connection to 127.0.0.1 with serve and returns the
// address.
func listen(t *testing.T, serve func(net.Conn)) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() {
		l.Close()
		wg.Wait()
	})
	wg.Go(func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			wg.Go(func() { serve(c) })
		}
	})
	return l.Addr().String()
}
