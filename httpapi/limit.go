package httpapi

import (
	"cmp"
	"fmt"
	"math"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/kuzet/kuzet"
)

// Rate is a sustained request rate and the burst let through above it. The
// zero Rate, like a Limit of rate.Inf, sets no limit.
type Rate struct {
	Limit rate.Limit // requests a second
	Burst int        // requests at once, at least 1
}

func (r Rate) unlimited() bool { return r.Limit <= 0 || r.Limit == rate.Inf }

func (r Rate) String() string {
	if r.unlimited() {
		return "off"
	}
	return strconv.FormatFloat(float64(r.Limit), 'g', -1, 64) + ":" + strconv.Itoa(r.Burst)
}

// anonymous names the requests that carry no valid key, in Limits and in
// the rate-limit metric.
const anonymous = "anonymous"

// Limits are the request rates the server lets through; a request over its
// rate is answered 429 with Retry-After.
//
// Each API key has the rate of its role, except that a public key is
// limited per key and client address: one public key serves a portal or
// an app that many citizens use, and one of them must not use up the
// others' allowance. Requests without a valid key (unknown routes, the
// operations endpoints, failed authentication) are limited per client
// address at the Anonymous rate. An IPv6 client is its /64 network, which
// one host can fill with addresses. The client address is the
// connection's: behind a proxy every client is the proxy.
//
// Limits is a flag.Value: "bank=10000:20000,public=5,anonymous=off".
type Limits struct {
	Roles     map[kuzet.Role]Rate // a role not listed is not limited
	Anonymous Rate
	// MaxTracked bounds the limiters kept in memory, for keys and for
	// addresses each; limiters idle long enough to be full again go first.
	// [DefaultMaxTracked]
	MaxTracked int
}

// DefaultMaxTracked is the default of Limits.MaxTracked: about 200 bytes
// each, 20 MB for each kind at most.
const DefaultMaxTracked = 100_000

// DefaultLimits are generous for the members, whose systems drive the API
// hard (a bank checks every payment, an operator verifies every call:
// thousands of requests a second from one key), and tight for the public.
func DefaultLimits() Limits {
	return Limits{
		Roles: map[kuzet.Role]Rate{
			kuzet.Role(kuzet.OrgBank):      {20_000, 40_000},
			kuzet.Role(kuzet.OrgTelco):     {50_000, 100_000},
			kuzet.Role(kuzet.OrgPolice):    {1_000, 2_000},
			kuzet.Role(kuzet.OrgRegulator): {1_000, 2_000},
			kuzet.Role(kuzet.OrgPartner):   {200, 400},
			kuzet.Role(kuzet.OrgPublic):    {5, 20},
		},
		Anonymous:  Rate{20, 40},
		MaxTracked: DefaultMaxTracked,
	}
}

// String lists the rates, as Set reads them.
func (l *Limits) String() string {
	if l == nil {
		return ""
	}
	var parts []string
	for _, typ := range kuzet.OrgTypes {
		if r, ok := l.Roles[kuzet.Role(typ)]; ok {
			parts = append(parts, string(typ)+"="+r.String())
		}
	}
	return strings.Join(append(parts, anonymous+"="+l.Anonymous.String()), ",")
}

// Set changes the rates named in a comma-separated list of
// role=rate[:burst], where role is an organisation type or anonymous, rate
// is requests a second (or off: no limit) and the burst defaults to the
// rate, at least 1. Rates not named keep their value.
func (l *Limits) Set(spec string) error {
	for item := range strings.SplitSeq(spec, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, value, ok := strings.Cut(item, "=")
		if !ok {
			return fmt.Errorf("rate limit %q: want role=rate[:burst]", item)
		}
		r, err := parseRate(value)
		if err != nil {
			return fmt.Errorf("rate limit %q: %v", item, err)
		}
		switch {
		case name == anonymous:
			l.Anonymous = r
		case slices.Contains(kuzet.OrgTypes, kuzet.OrgType(name)):
			if l.Roles == nil {
				l.Roles = map[kuzet.Role]Rate{}
			}
			l.Roles[kuzet.Role(name)] = r
		default:
			return fmt.Errorf("rate limit %q: %q is neither a role (%s) nor %s", item, name, roleList(), anonymous)
		}
	}
	return nil
}

func roleList() string {
	names := make([]string, len(kuzet.OrgTypes))
	for i, t := range kuzet.OrgTypes {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}

// parseRate reads rate[:burst] or off.
func parseRate(s string) (Rate, error) {
	if s == "off" {
		return Rate{Limit: rate.Inf}, nil
	}
	perSecond, burst, hasBurst := strings.Cut(s, ":")
	v, err := strconv.ParseFloat(perSecond, 64)
	if err != nil || v <= 0 || math.IsInf(v, 0) {
		return Rate{}, fmt.Errorf("the rate must be a positive number of requests a second, or off")
	}
	r := Rate{Limit: rate.Limit(v), Burst: max(1, int(math.Ceil(v)))}
	if hasBurst {
		if r.Burst, err = strconv.Atoi(burst); err != nil || r.Burst < 1 {
			return Rate{}, fmt.Errorf("the burst must be a whole number of requests, at least 1")
		}
	}
	return r, nil
}

// limiterSet holds one token bucket per caller, at most max of them.
type limiterSet[K comparable] struct {
	mu   sync.Mutex
	m    map[K]*limiter
	max  int
	uses uint64 // requests taken, to order limiters by last use
}

type limiter struct {
	*rate.Limiter
	used uint64 // the set's uses at the last request; guarded by the set's mu
}

func newLimiterSet[K comparable](max int) *limiterSet[K] {
	return &limiterSet[K]{m: make(map[K]*limiter), max: max}
}

// take spends one request of k's allowance at rate r, at time now. It
// returns 0 when the request may go, else how long until it may.
func (ls *limiterSet[K]) take(k K, r Rate, now time.Time) time.Duration {
	ls.mu.Lock()
	l := ls.m[k]
	if l == nil {
		if len(ls.m) >= ls.max {
			ls.evict(now)
		}
		l = &limiter{Limiter: rate.NewLimiter(r.Limit, max(1, r.Burst))}
		ls.m[k] = l
	}
	ls.uses++
	l.used = ls.uses
	ls.mu.Unlock()
	if l.AllowN(now, 1) {
		return 0
	}
	res := l.ReserveN(now, 1)
	defer res.CancelAt(now) // only asked how long: nothing is spent
	return max(res.DelayFrom(now), time.Nanosecond)
}

// evict makes room for new callers. A full bucket is forgotten first: a
// caller's new bucket starts full, so forgetting it changes nothing. If
// callers beyond max are all active (many addresses at once), the least
// recently used half is forgotten, which gives them a fresh burst: the
// price of bounded memory.
func (ls *limiterSet[K]) evict(now time.Time) {
	for k, l := range ls.m {
		if l.TokensAt(now) >= float64(l.Burst()) {
			delete(ls.m, k)
		}
	}
	if len(ls.m) < ls.max*3/4 {
		return
	}
	type use struct {
		k K
		n uint64
	}
	all := make([]use, 0, len(ls.m))
	for k, l := range ls.m {
		all = append(all, use{k, l.used})
	}
	slices.SortFunc(all, func(a, b use) int { return cmp.Compare(a.n, b.n) })
	for _, u := range all[:len(all)-ls.max/2] {
		delete(ls.m, u.k)
	}
}

func (ls *limiterSet[K]) len() int {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	return len(ls.m)
}

// addrKey names a caller limited per address: a public key from one
// address, or (key 0) an anonymous client.
type addrKey struct {
	key  int64
	addr netip.Addr
}

// clientAddr is the address a request is limited by: the connection's,
// an IPv6 one as its /64 network.
func clientAddr(r *http.Request) netip.Addr {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return netip.Addr{} // not a TCP peer (a test's request): one caller
	}
	a := ap.Addr().Unmap().WithZone("")
	if a.Is6() {
		a = netip.PrefixFrom(a, 64).Masked().Addr()
	}
	return a
}

// limitError is a refusal for a rate: a 429 with Retry-After.
type limitError struct {
	wait time.Duration
	err  *kuzet.Error
}

func (e *limitError) Error() string { return e.err.Error() }
func (e *limitError) Unwrap() error { return e.err }

// retryAfter is the Retry-After value of a wait: whole seconds, rounded up.
func (e *limitError) retryAfter() string {
	return strconv.FormatInt(int64(math.Ceil(e.wait.Seconds())), 10)
}

// refuse counts a refusal of a caller of role (or anonymous) and returns
// its error; who says whose allowance ran out.
func (s *Server) refuse(role, who string, r Rate, wait time.Duration) error {
	s.metrics.limited.WithLabelValues(role).Inc()
	e := &limitError{wait: wait}
	e.err = kuzet.Errorf(kuzet.ERATELIMITED, "too many requests from %s: at most %g a second, in bursts of %d; retry in %s s",
		who, float64(r.Limit), r.Burst, e.retryAfter())
	return e
}

// limitCaller spends one request of p's allowance.
func (s *Server) limitCaller(r *http.Request, p *kuzet.Principal) error {
	role := p.Key.Role
	rt := s.limits.Roles[role]
	if rt.unlimited() {
		return nil
	}
	if role == kuzet.Role(kuzet.OrgPublic) {
		if wait := s.addrLimiters.take(addrKey{key: p.Key.ID, addr: clientAddr(r)}, rt, s.clock()); wait != 0 {
			return s.refuse(string(role), "this public key at this address", rt, wait)
		}
		return nil
	}
	if wait := s.keyLimiters.take(p.Key.ID, rt, s.clock()); wait != 0 {
		return s.refuse(string(role), "this "+string(role)+" key", rt, wait)
	}
	return nil
}

// limitAnonymous spends one request of the client address's allowance for
// requests without a valid key.
func (s *Server) limitAnonymous(r *http.Request) error {
	rt := s.limits.Anonymous
	if rt.unlimited() {
		return nil
	}
	if wait := s.addrLimiters.take(addrKey{addr: clientAddr(r)}, rt, s.clock()); wait != 0 {
		return s.refuse(anonymous, "this address without a valid key", rt, wait)
	}
	return nil
}
