// Package webhook sends kuzet's webhook deliveries over HTTP: the net/http
// side of freeze.Doer, kept out of the domain package.
//
// A bank's key holder chooses where its webhooks go, and the server sends
// them from inside the deployment's network, so the Doer will not be
// pointed at that network: it resolves the URL's host itself, refuses
// every address freeze.WebhookPolicy does not allow (loopback, private,
// link-local, multicast, unspecified, ...) before connecting, and connects
// to the address it checked, so a name that resolves elsewhere a moment
// later (DNS rebinding) gains nothing. It follows no redirects, uses no
// proxy from the environment (one would be dialled instead of the
// endpoint), and reports each failure as a class, never with the network's
// own words.
package webhook

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"

	"github.com/kuzet/kuzet/freeze"
)

// maxResponse is how much of an endpoint's answer is read: only its status
// matters, and draining a little lets the connection be reused.
const maxResponse = 4 << 10

// Resolver resolves host names; *net.Resolver is one. Tests give their
// own, to make a name resolve to a loopback address.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// Config sets up a Doer. Zero fields take the defaults in brackets.
type Config struct {
	Timeout  time.Duration         // one attempt at most, connecting included [10 s]
	Policy   *freeze.WebhookPolicy // where deliveries may go [https to public addresses only]
	Resolver Resolver              // [net.DefaultResolver]
	// TLS is the client's TLS configuration, for a deployment whose banks'
	// endpoints use a private CA [the system's roots]. Its ServerName is
	// set per connection.
	TLS *tls.Config
}

// Doer posts deliveries. It follows no redirects: a delivery goes where
// the organisation registered it, or fails with http_3xx.
type Doer struct {
	client   *http.Client
	policy   *freeze.WebhookPolicy
	resolver Resolver
	tls      *tls.Config
}

var _ freeze.Doer = (*Doer)(nil)

// New returns a Doer over cfg.
func New(cfg Config) *Doer {
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	d := &Doer{policy: cfg.Policy, resolver: cfg.Resolver, tls: cfg.TLS}
	if d.resolver == nil {
		d.resolver = net.DefaultResolver
	}
	if d.tls == nil {
		d.tls = &tls.Config{}
	}
	d.client = &http.Client{
		Timeout: cfg.Timeout,
		Transport: &http.Transport{
			Proxy:                  nil,
			DialContext:            d.dial,
			DialTLSContext:         d.dialTLS,
			MaxIdleConns:           100,
			IdleConnTimeout:        90 * time.Second,
			MaxResponseHeaderBytes: 64 << 10,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
	return d
}

// Do posts req and returns the status the endpoint answered with. An error
// is a *freeze.DeliveryError whose class says what went wrong.
func (d *Doer) Do(ctx context.Context, req *freeze.WebhookRequest) (*freeze.WebhookResponse, error) {
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, req.URL, bytes.NewReader(req.Body))
	if err != nil {
		return nil, &freeze.DeliveryError{Class: freeze.FailRefusedAddress, Err: err}
	}
	// The URL was checked when it was registered; it is checked again in
	// case the deployment's policy has tightened since.
	if !d.policy.SchemeAllowed(r.URL) {
		return nil, &freeze.DeliveryError{Class: freeze.FailRefusedScheme, Err: fmt.Errorf("%s to %s", r.URL.Scheme, r.URL.Host)}
	}
	if reason := d.policy.HostRefused(r.URL.Hostname()); reason != "" {
		return nil, &freeze.DeliveryError{Class: freeze.FailRefusedAddress, Err: fmt.Errorf("%s %s", r.URL.Hostname(), reason)}
	}
	for k, v := range req.Header {
		r.Header.Set(k, v)
	}
	resp, err := d.client.Do(r)
	if err != nil {
		return nil, classify(ctx, err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, maxResponse))
	return &freeze.WebhookResponse{StatusCode: resp.StatusCode}, nil
}

// CloseIdleConnections closes the connections kept for reuse.
func (d *Doer) CloseIdleConnections() { d.client.CloseIdleConnections() }

// dial connects to addr's host at an address the policy allows, checking
// every address the host resolves to now, not when it was registered.
func (d *Doer) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, &freeze.DeliveryError{Class: freeze.FailRefusedAddress, Err: err}
	}
	var addrs []netip.Addr
	if a, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{a}
	} else if addrs, err = d.resolver.LookupNetIP(ctx, "ip", host); err != nil {
		class := freeze.FailDNS
		if isTimeout(ctx, err) {
			class = freeze.FailTimeout
		}
		return nil, &freeze.DeliveryError{Class: class, Err: err}
	}
	var allowed []netip.Addr
	for _, a := range addrs {
		if d.policy.AddrAllowed(host, a) {
			allowed = append(allowed, a)
		}
	}
	if len(allowed) == 0 {
		return nil, &freeze.DeliveryError{Class: freeze.FailRefusedAddress, Err: fmt.Errorf("%s resolves to no allowed address: %v", host, addrs)}
	}
	dialer := net.Dialer{
		// The last word: whatever the transport dials must be allowed, in
		// case a later change makes it dial something other than the
		// address checked above.
		Control: func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil || !d.policy.AddrAllowed(host, ap.Addr()) {
				return &freeze.DeliveryError{Class: freeze.FailRefusedAddress, Err: fmt.Errorf("dial %s refused", address)}
			}
			return nil
		},
	}
	var first error
	for _, a := range allowed {
		conn, err := dialer.DialContext(ctx, network, net.JoinHostPort(a.String(), port))
		if err == nil {
			return conn, nil
		}
		if first == nil {
			first = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	return nil, classify(ctx, first)
}

// dialTLS connects as dial does and makes the TLS handshake, so that its
// failures are told apart from the connection's.
func (d *Doer) dialTLS(ctx context.Context, network, addr string) (net.Conn, error) {
	conn, err := d.dial(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	host, _, _ := net.SplitHostPort(addr)
	cfg := d.tls.Clone()
	cfg.ServerName = host
	tc := tls.Client(conn, cfg)
	if err := tc.HandshakeContext(ctx); err != nil {
		conn.Close()
		class := freeze.FailTLS
		switch {
		case isTimeout(ctx, err):
			class = freeze.FailTimeout
		case errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET):
			class = freeze.FailConnection // hung up, not a TLS fault
		}
		return nil, &freeze.DeliveryError{Class: class, Err: err}
	}
	return tc, nil
}

// classify wraps a failed request's error in a DeliveryError, keeping the
// class given where it arose (refused, DNS, TLS).
func classify(ctx context.Context, err error) error {
	var de *freeze.DeliveryError
	switch {
	case errors.As(err, &de):
		return &freeze.DeliveryError{Class: de.Class, Err: err}
	case isTimeout(ctx, err):
		return &freeze.DeliveryError{Class: freeze.FailTimeout, Err: err}
	}
	return &freeze.DeliveryError{Class: freeze.FailConnection, Err: err}
}

// isTimeout reports whether err is a timeout: a deadline passed, or ctx's.
func isTimeout(ctx context.Context, err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) ||
		errors.As(err, &ne) && ne.Timeout()
}
