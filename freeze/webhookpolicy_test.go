package freeze_test

import (
	"context"
	"errors"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/freeze"
)

func TestPublicAddr(t *testing.T) {
	tests := []struct {
		addr   string
		public bool
	}{
		{"95.56.1.2", true},
		{"8.8.8.8", true},
		{"2a00:1450:4001:80b::200e", true},
		{"::ffff:95.56.1.2", true}, // IPv4-mapped: judged as the IPv4 address
		{"0.0.0.0", false},
		{"0.1.2.3", false},
		{"127.0.0.1", false},
		{"127.255.255.254", false},
		{"10.0.0.1", false},
		{"172.16.0.1", false},
		{"172.31.255.255", false},
		{"192.168.1.1", false},
		{"100.64.0.1", false},
		{"169.254.169.254", false},
		{"224.0.0.1", false},
		{"239.255.255.250", false},
		{"255.255.255.255", false},
		{"240.0.0.1", false},
		{"192.0.2.1", false},
		{"198.18.0.1", false},
		{"::", false},
		{"::1", false},
		{"::ffff:127.0.0.1", false},
		{"::ffff:10.0.0.1", false},
		{"::ffff:169.254.169.254", false},
		{"::127.0.0.1", false},         // IPv4-compatible, deprecated
		{"64:ff9b::7f00:1", false},     // NAT64 of 127.0.0.1
		{"2002:7f00:1::1", false},      // 6to4 of 127.0.0.1
		{"2001:0:4136:e378::1", false}, // Teredo
		{"2001:db8::1", false},
		{"fc00::1", false},
		{"fd12:3456::1", false},
		{"fe80::1", false},
		{"fe80::1%eth0", false},
		{"ff02::1", false},
		{"ff05::1:3", false},
	}
	for _, tc := range tests {
		t.Run(tc.addr, func(t *testing.T) {
			if got := freeze.PublicAddr(netip.MustParseAddr(tc.addr)); got != tc.public {
				t.Errorf("got %v, want %v", got, tc.public)
			}
		})
	}
	if freeze.PublicAddr(netip.Addr{}) {
		t.Error("the zero address: got public, want not")
	}
}

func TestWebhookPolicy(t *testing.T) {
	p, err := freeze.NewWebhookPolicy([]string{"hooks.bank-one.test", "10.20.0.0/16", ""},
		[]string{"Hooks.Bank-One.Test.", "10.20.0.0/16", "192.168.7.7", "intranet", "fd00::/8"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		url string
		ok  bool
	}{
		{"https://hooks.bank.kz/kuzet", true},
		{"http://hooks.bank.kz/kuzet", false},           // http is for listed hosts only
		{"http://hooks.bank-one.test:8080/kuzet", true}, // listed for http and as internal
		{"http://10.20.3.4/kuzet", true},
		{"http://10.21.3.4/kuzet", false},
		{"https://10.20.3.4/kuzet", true},
		{"https://10.21.3.4/kuzet", false},
		{"https://192.168.7.7/kuzet", true},
		{"https://[::ffff:192.168.7.7]/kuzet", true},
		{"https://192.168.7.8/kuzet", false},
		{"https://intranet/kuzet", true},
		{"https://intranet.corp/kuzet", true}, // not listed, but a public-looking name: checked when dialled
		{"https://[fd00::5]/kuzet", true},
		{"https://[fe80::5]/kuzet", false},
		{"https://127.0.0.1/kuzet", false},
		{"HTTPS://hooks.bank.kz/kuzet", true},
	}
	for _, tc := range tests {
		t.Run(tc.url, func(t *testing.T) {
			_, err := p.CheckURL(tc.url)
			if (err == nil) != tc.ok {
				t.Fatalf("got %v, want ok %v", err, tc.ok)
			}
			if err != nil && (kuzet.ErrorCode(err) != kuzet.EINVALID || kuzet.ErrorFields(err)[0].Field != "url") {
				t.Errorf("got %v, want %s on url", err, kuzet.EINVALID)
			}
		})
	}

	// At dial time: a name that resolved to an internal address passes
	// only if the name or the address is listed.
	dial := []struct {
		host, addr string
		ok         bool
	}{
		{"hooks.bank.kz", "95.56.1.2", true},
		{"hooks.bank.kz", "127.0.0.1", false},
		{"hooks.bank.kz", "::ffff:127.0.0.1", false},
		{"hooks.bank.kz", "10.20.1.1", true},
		{"hooks.bank-one.test", "127.0.0.1", true},
		{"intranet", "10.99.0.1", true},
		{"hooks.bank.kz", "fd00::1", true},
		{"hooks.bank.kz", "fe80::1", false},
	}
	for _, tc := range dial {
		if got := p.AddrAllowed(tc.host, netip.MustParseAddr(tc.addr)); got != tc.ok {
			t.Errorf("%s at %s: got allowed %v, want %v", tc.host, tc.addr, got, tc.ok)
		}
	}
	var none *freeze.WebhookPolicy // as a service without a policy has
	if _, err := none.CheckURL("https://hooks.bank.kz/"); err != nil {
		t.Errorf("nil policy, public https: got %v, want it allowed", err)
	}
	if _, err := none.CheckURL("http://hooks.bank.kz/"); err == nil {
		t.Error("nil policy, plain http: got it allowed, want it refused")
	}
	if none.AddrAllowed("hooks.bank.kz", netip.MustParseAddr("127.0.0.1")) {
		t.Error("nil policy, loopback: got it allowed, want it refused")
	}
}

func TestNewWebhookPolicyRefusesBadEntries(t *testing.T) {
	for _, tc := range []struct {
		http, hosts []string
		field       string
	}{
		{[]string{"https://bank.kz"}, nil, "webhook_allow_http"},
		{[]string{"bank.kz:8443"}, nil, "webhook_allow_http"},
		{nil, []string{"10.0.0.0/33"}, "webhook_allow_hosts"},
		{nil, []string{"bank kz"}, "webhook_allow_hosts"},
		{nil, []string{"-bank.kz"}, "webhook_allow_hosts"},
	} {
		_, err := freeze.NewWebhookPolicy(tc.http, tc.hosts)
		if kuzet.ErrorCode(err) != kuzet.EINVALID || kuzet.ErrorFields(err)[0].Field != tc.field {
			t.Errorf("%v %v: got %v, want %s on %s", tc.http, tc.hosts, err, kuzet.EINVALID, tc.field)
		}
	}
}

// scripted is a Doer that answers each attempt with the next of its
// results.
type scripted struct {
	mu      sync.Mutex
	results []result
}

type result struct {
	status int
	err    error
}

func (s *scripted) Do(ctx context.Context, req *freeze.WebhookRequest) (*freeze.WebhookResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.results[0]
	s.results = s.results[1:]
	if r.err != nil {
		return nil, r.err
	}
	return &freeze.WebhookResponse{StatusCode: r.status}, nil
}

// TestDeliveryLogClasses sends one delivery through every kind of failure:
// the log says which kind each was, and never what the network said.
func TestDeliveryLogClasses(t *testing.T) {
	raw := func(class, text string) error {
		return &freeze.DeliveryError{Class: class, Err: errors.New(text)}
	}
	tests := []struct {
		name   string
		res    result
		class  string
		status int
	}{
		{"refused address", result{err: raw(freeze.FailRefusedAddress, "dial tcp 10.1.2.3:5432: address refused")}, freeze.FailRefusedAddress, 0},
		{"refused scheme", result{err: raw(freeze.FailRefusedScheme, "http to hooks.bank.kz")}, freeze.FailRefusedScheme, 0},
		{"timeout", result{err: raw(freeze.FailTimeout, "dial tcp 10.9.9.9:443: i/o timeout")}, freeze.FailTimeout, 0},
		{"context ran out", result{err: context.DeadlineExceeded}, freeze.FailTimeout, 0},
		{"tls", result{err: raw(freeze.FailTLS, "x509: certificate signed by unknown authority")}, freeze.FailTLS, 0},
		{"dns", result{err: raw(freeze.FailDNS, "lookup db.corp: no such host")}, freeze.FailDNS, 0},
		{"unclassified", result{err: errors.New("dial tcp 10.1.2.3:5432: connect: connection refused")}, freeze.FailConnection, 0},
		{"redirect", result{status: 302}, freeze.FailHTTP3xx, 302},
		{"not found", result{status: 404}, freeze.FailHTTP4xx, 404},
		{"unavailable", result{status: 503}, freeze.FailHTTP5xx, 503},
		{"odd status", result{status: 600}, freeze.FailHTTPStatus, 600},
		{"delivered", result{status: 204}, "", 204},
	}
	f := newFixture(t, freeze.Config{})
	ctx := context.Background()
	_, err := f.service.PutWebhook(ctx, bankTwo, "https://hooks.bank-two.kz/kuzet", nil)
	must(t, "put webhook", err)
	doer := &scripted{}
	for _, tc := range tests {
		doer.results = append(doer.results, tc.res)
	}
	d := freeze.NewDispatcher(freeze.DispatcherConfig{Store: f.store, Doer: doer, Clock: f.clock.Now,
		MinBackoff: time.Minute, MaxBackoff: time.Minute, MaxLog: len(tests), Logger: quiet})
	_, err = f.service.NewReport(ctx, police, victimReport(iban("826", 1)))
	must(t, "report", err)
	for range tests {
		_, err := d.RunOnce(ctx)
		must(t, "dispatch", err)
		f.clock.Add(time.Minute)
	}
	log, err := f.service.Deliveries(ctx, bankTwo, "")
	must(t, "deliveries", err)
	if len(log) != 1 || len(log[0].Log) != len(tests) {
		t.Fatalf("got %+v, want one delivery with %d attempts", log, len(tests))
	}
	for i, tc := range tests {
		a := log[0].Log[i]
		if a.Error != tc.class || a.StatusCode != tc.status {
			t.Errorf("%s: got error %q status %d, want %q %d", tc.name, a.Error, a.StatusCode, tc.class, tc.status)
		}
		if strings.ContainsAny(a.Error, ":. ") {
			t.Errorf("%s: got %q in the log, want a class alone", tc.name, a.Error)
		}
	}
	if log[0].Status != kuzet.DeliveryDelivered {
		t.Errorf("got status %s, want delivered at the last attempt", log[0].Status)
	}
}

// FuzzWebhookURL feeds arbitrary URLs, as a key holder may register: an
// error or an https URL whose host is not an internal address, never a
// panic.
func FuzzWebhookURL(f *testing.F) {
	for _, s := range []string{"https://hooks.bank.kz/kuzet", "http://127.0.0.1:5432/x", "https://[::ffff:127.0.0.1]/",
		"https://[fe80::1%25eth0]/", "https://127.1/", "https://localhost./", "https://u:p@x.kz/", "//x.kz/", "https:x.kz"} {
		f.Add(s)
	}
	p, err := freeze.NewWebhookPolicy(nil, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := p.CheckURL(raw)
		if err != nil {
			if kuzet.ErrorCode(err) != kuzet.EINVALID {
				t.Fatalf("got %v, want EINVALID", err)
			}
			return
		}
		if !strings.EqualFold(u.Scheme, "https") || u.Host == "" || u.User != nil {
			t.Fatalf("accepted %q as %+v, want https with a host and no credentials", raw, u)
		}
		if a, err := netip.ParseAddr(u.Hostname()); err == nil && !freeze.PublicAddr(a) {
			t.Fatalf("accepted %q, an internal address", raw)
		}
	})
}
