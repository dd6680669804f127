package httpapi_test

import (
	"fmt"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/httpapi"
)

// manualClock is a clock the test moves by hand.
type manualClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *manualClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// from sends a request to the server's handler as if from addr.
func (ts *testServer) from(addr, method, target, key string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	req.RemoteAddr = addr
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	rec := httptest.NewRecorder()
	ts.api.ServeHTTP(rec, req)
	return rec
}

// wantLimited fails the test unless rec is a 429 problem with Retry-After.
func wantLimited(t *testing.T, what string, rec *httptest.ResponseRecorder, retryAfter string) {
	t.Helper()
	if rec.Code != 429 || rec.Header().Get("Content-Type") != "application/problem+json" ||
		!strings.Contains(rec.Body.String(), `"code":"rate_limited"`) || rec.Header().Get("Retry-After") != retryAfter {
		t.Errorf("%s: got %d Retry-After %q %s, want a 429 problem with Retry-After %s", what, rec.Code,
			rec.Header().Get("Retry-After"), rec.Body, retryAfter)
	}
}

func wantOK(t *testing.T, what string, rec *httptest.ResponseRecorder) {
	t.Helper()
	if rec.Code != 200 {
		t.Errorf("%s: got %d %s, want 200", what, rec.Code, rec.Body)
	}
}

// TestRateLimits: each key has its role's rate, a public key its rate per
// client address, requests without a valid key the anonymous rate per
// address; over it, 429 with Retry-After, counted in /metrics. The clock
// is the test's: no request waits.
func TestRateLimits(t *testing.T) {
	clock := &manualClock{now: noon.UTC()}
	ts := newTestServer(t, withClock(clock.Now), withLimits(httpapi.Limits{
		Roles: map[kuzet.Role]httpapi.Rate{
			kuzet.Role(kuzet.OrgBank):   {Limit: 1, Burst: 2},
			kuzet.Role(kuzet.OrgPublic): {Limit: 0.5, Burst: 1},
		},
		Anonymous: httpapi.Rate{Limit: 1, Burst: 3},
	}))
	bank, public := ts.keys[kuzet.OrgBank], ts.keys[kuzet.OrgPublic]
	other, _ := ts.newBank(t, "Bank Two", "BANKKZKB", "826")
	const a, b = "192.0.2.1:40000", "192.0.2.2:40000"

	t.Run("per key", func(t *testing.T) {
		wantOK(t, "first", ts.from(a, "GET", "/v1/whoami", bank))
		wantOK(t, "second, the burst", ts.from(b, "GET", "/v1/whoami", bank))
		wantLimited(t, "third", ts.from(a, "GET", "/v1/whoami", bank), "1")
		wantOK(t, "another bank's key", ts.from(a, "GET", "/v1/whoami", other))
		clock.Add(time.Second)
		wantOK(t, "a second later", ts.from(a, "GET", "/v1/whoami", bank))
		wantLimited(t, "and again", ts.from(a, "GET", "/v1/whoami", bank), "1")
		// Other roles are not limited here.
		for range 10 {
			wantOK(t, "police", ts.from(a, "GET", "/v1/whoami", ts.keys[kuzet.OrgPolice]))
		}
	})
	t.Run("public per address", func(t *testing.T) {
		wantOK(t, "from a", ts.from(a, "GET", "/v1/whoami", public))
		wantLimited(t, "from a again", ts.from(a, "GET", "/v1/whoami", public), "2")
		wantOK(t, "from b", ts.from(b, "GET", "/v1/whoami", public))
		wantOK(t, "an IPv6 host", ts.from("[2001:db8::1]:1", "GET", "/v1/whoami", public))
		wantLimited(t, "its /64 neighbour", ts.from("[2001:db8::2]:1", "GET", "/v1/whoami", public), "2")
		wantOK(t, "another /64", ts.from("[2001:db8:0:1::1]:1", "GET", "/v1/whoami", public))
		clock.Add(2 * time.Second)
		wantOK(t, "from a, two seconds later", ts.from(a, "GET", "/v1/whoami", public))
	})
	t.Run("anonymous per address", func(t *testing.T) {
		const c = "198.51.100.7:5000"
		wantOK(t, "healthz", ts.from(c, "GET", "/healthz", ""))
		if rec := ts.from(c, "GET", "/v1/whoami", "kz_guessed"); rec.Code != 401 {
			t.Errorf("a guessed key: got %d, want 401", rec.Code)
		}
		if rec := ts.from(c, "GET", "/v1/nothing-here", ""); rec.Code != 404 {
			t.Errorf("an unknown route: got %d, want 404", rec.Code)
		}
		wantLimited(t, "a guessed key over the rate", ts.from(c, "GET", "/v1/whoami", "kz_guessed"), "1")
		wantLimited(t, "healthz over the rate", ts.from(c, "GET", "/healthz", ""), "1")
		wantOK(t, "a valid key from the same address", ts.from(c, "GET", "/v1/whoami", ts.keys[kuzet.OrgPolice]))
	})
	t.Run("metrics", func(t *testing.T) {
		rec := ts.from("203.0.113.9:1", "GET", "/metrics", "")
		for _, want := range []string{
			`kuzet_http_rate_limited_total{role="bank"} 2`,
			`kuzet_http_rate_limited_total{role="public"} 2`,
			`kuzet_http_rate_limited_total{role="anonymous"} 2`,
		} {
			if !strings.Contains(rec.Body.String(), want) {
				t.Errorf("/metrics lacks %s", want)
			}
		}
	})
	// Through a real connection the answer fits the OpenAPI document.
	clock.Add(time.Minute)
	ts.do(t, "GET", "/v1/whoami", bank, "", nil)
	ts.do(t, "GET", "/v1/whoami", bank, "", nil)
	if r := ts.do(t, "GET", "/v1/whoami", bank, "", nil); r.status != 429 {
		t.Errorf("over the rate through HTTP: got %d, want 429", r.status)
	}
}

// TestDefaultLimits: the members' systems are not held back at the rates
// they drive the API at, a citizen is.
func TestDefaultLimits(t *testing.T) {
	clock := &manualClock{now: noon.UTC()}
	ts := newTestServer(t, withClock(clock.Now)) // DefaultLimits
	for _, typ := range []kuzet.OrgType{kuzet.OrgBank, kuzet.OrgTelco} {
		for i := range 5000 { // at one instant
			if rec := ts.from("192.0.2.1:1", "GET", "/v1/whoami", ts.keys[typ]); rec.Code != 200 {
				t.Fatalf("%s request %d at one instant: got %d %s, want 200", typ, i, rec.Code, rec.Body)
			}
		}
	}
	limited := 0
	for range 100 {
		if ts.from("192.0.2.1:1", "GET", "/v1/whoami", ts.keys[kuzet.OrgPublic]).Code == 429 {
			limited++
		}
	}
	if limited < 50 {
		t.Errorf("100 public requests from one address at one instant: %d refused, want most", limited)
	}
}

func TestLimitsFlag(t *testing.T) {
	l := httpapi.DefaultLimits()
	if err := l.Set("bank=100:200, public=off,anonymous=2.5"); err != nil {
		t.Fatal(err)
	}
	if got := l.Roles[kuzet.Role(kuzet.OrgBank)]; got != (httpapi.Rate{Limit: 100, Burst: 200}) {
		t.Errorf("bank: got %+v, want 100:200", got)
	}
	if got := l.Roles[kuzet.Role(kuzet.OrgPublic)]; got.Limit != rate.Inf {
		t.Errorf("public: got %+v, want off", got)
	}
	if got := l.Anonymous; got != (httpapi.Rate{Limit: 2.5, Burst: 3}) {
		t.Errorf("anonymous: got %+v, want 2.5 with a burst of 3", got)
	}
	if got := l.Roles[kuzet.Role(kuzet.OrgTelco)]; got != httpapi.DefaultLimits().Roles[kuzet.Role(kuzet.OrgTelco)] {
		t.Errorf("telco, not named: got %+v, want its default", got)
	}
	if s := l.String(); !strings.Contains(s, "bank=100:200") || !strings.Contains(s, "public=off") || !strings.Contains(s, "anonymous=2.5:3") {
		t.Errorf("String: got %q", s)
	}
	for _, bad := range []string{"bank", "nobody=5", "bank=0", "bank=-1", "bank=x", "bank=5:0", "bank=5:x", "bank=inf"} {
		if err := l.Set(bad); err == nil {
			t.Errorf("Set(%q): got no error", bad)
		}
	}
}

// TestClientAddressesBounded: a flood from many addresses keeps a bounded
// number of limiters, and an address that is over its rate stays so.
func TestClientAddressesBounded(t *testing.T) {
	clock := &manualClock{now: noon.UTC()}
	ts := newTestServer(t, withClock(clock.Now), withLimits(httpapi.Limits{Roles: map[kuzet.Role]httpapi.Rate{},
		Anonymous: httpapi.Rate{Limit: 1, Burst: 1}, MaxTracked: 100}))
	const busy = "10.9.9.9:1"
	wantOK(t, "the busy address", ts.from(busy, "GET", "/healthz", ""))
	for i := range 1000 {
		wantOK(t, "a new address", ts.from(fmt.Sprintf("10.0.%d.%d:1", i/250, i%250), "GET", "/healthz", ""))
		wantLimited(t, "the busy address", ts.from(busy, "GET", "/healthz", ""), "1")
	}
	if n := gauge(t, ts.from("10.9.9.10:1", "GET", "/metrics", "").Body.String(), `kuzet_http_rate_limiters{kind="address"}`); n > 100 {
		t.Errorf("limiters after 1,000 addresses: got %v, want at most 100", n)
	}
	clock.Add(time.Second)
	wantOK(t, "the busy address a second later", ts.from(busy, "GET", "/healthz", ""))
}

// gauge reads the value of the metric series name from a /metrics text.
func gauge(t *testing.T, text, name string) float64 {
	t.Helper()
	for line := range strings.SplitSeq(text, "\n") {
		if v, ok := strings.CutPrefix(line, name+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatalf("%s: %v", line, err)
			}
			return f
		}
	}
	t.Fatalf("no %s in /metrics", name)
	return 0
}
