package freeze

import (
	"net/netip"
	"net/url"
	"strings"

	"github.com/kuzet/kuzet"
)

// WebhookPolicy says where webhooks may go. A bank's key holder chooses
// the URL and the server POSTs to it from inside the deployment's network,
// so without a policy a key would let its holder reach what only the
// server can: the database's port on loopback, a cloud metadata service, an
// administration console on a private address. The policy is applied twice:
// when a URL is registered (PutWebhook), to what the URL itself says, and
// when a delivery is sent (package payments/webhook), to every address the
// host name resolves to at that moment, so a name that resolved to a public
// address at registration and to an internal one later (DNS rebinding) is
// still refused.
//
// The zero policy, like a nil one, allows https to public addresses only.
type WebhookPolicy struct {
	allowHTTP  hostSet // hosts that may be sent plain http
	allowHosts hostSet // hosts, addresses and prefixes that may be internal
}

// NewWebhookPolicy returns a policy allowing plain http to the hosts of
// allowHTTP, and internal addresses to the hosts of allowHosts. An entry is
// a host name (matched exactly, without its subdomains), an IP address, or
// an address prefix such as 10.20.0.0/16; empty entries are skipped.
// Returns EINVALID naming "webhook_allow_http" or "webhook_allow_hosts" for
// an entry that is none of those.
func NewWebhookPolicy(allowHTTP, allowHosts []string) (*WebhookPolicy, error) {
	h, err := parseHostSet("webhook_allow_http", allowHTTP)
	if err != nil {
		return nil, err
	}
	a, err := parseHostSet("webhook_allow_hosts", allowHosts)
	if err != nil {
		return nil, err
	}
	return &WebhookPolicy{allowHTTP: h, allowHosts: a}, nil
}

// CheckURL returns raw parsed if a webhook may be registered there: an
// absolute https URL without credentials (http only to a host listed in
// allowHTTP) whose host is not an internal address or a name reserved for
// internal networks, unless the host is listed in allowHosts. Host names
// are not resolved here: the sender checks the addresses when it connects.
// Returns EINVALID naming "url" otherwise.
func (p *WebhookPolicy) CheckURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || u.User != nil || len(raw) > 2048 || u.Opaque != "" {
		return nil, kuzet.Invalid("url", "url must be an absolute https URL without credentials")
	}
	if !p.SchemeAllowed(u) {
		return nil, kuzet.Invalid("url", "url must be https; plain http is allowed only to the hosts the deployment lists (--webhook-allow-http)")
	}
	if reason := p.HostRefused(u.Hostname()); reason != "" {
		return nil, kuzet.Invalid("url", "url host %q %s; the deployment must list such a host to allow it (--webhook-allow-hosts)", u.Hostname(), reason)
	}
	return u, nil
}

// SchemeAllowed reports whether u may be sent to with its scheme: https
// always, http only to a host listed in allowHTTP.
func (p *WebhookPolicy) SchemeAllowed(u *url.URL) bool {
	switch strings.ToLower(u.Scheme) {
	case "https":
		return true
	case "http":
		return p != nil && p.allowHTTP.hasHost(u.Hostname())
	}
	return false
}

// HostRefused says why a URL's host may not be sent to before any name is
// resolved, or "" if it may: a literal address that is not public, or a
// name that is not a public DNS name (localhost, a single label, a name
// under .local, .internal, .localhost, .home.arpa or .localdomain, or
// digits standing for an address as some resolvers read them, such as
// "127.1" or "2130706433"). Hosts listed in allowHosts are never refused.
func (p *WebhookPolicy) HostRefused(host string) string {
	if p != nil && p.allowHosts.hasHost(host) {
		return ""
	}
	if a, err := netip.ParseAddr(host); err == nil {
		if PublicAddr(a) {
			return ""
		}
		return "is an internal address"
	}
	name := canonicalName(host)
	if !validHostName(name) {
		return "is not a host name"
	}
	labels := strings.Split(name, ".")
	last := labels[len(labels)-1]
	if len(labels) == 1 {
		return "is a name of the local network"
	}
	if numericLabel(last) {
		return "is not a host name" // "127.1", "0x7f.1": an address in disguise
	}
	for _, suffix := range internalSuffixes {
		if name == suffix || strings.HasSuffix(name, "."+suffix) {
			return "is a name of the local network"
		}
	}
	return ""
}

// AddrAllowed reports whether a connection to a, which host resolved to,
// may be made: a is a public address, or host or a is listed in
// allowHosts.
func (p *WebhookPolicy) AddrAllowed(host string, a netip.Addr) bool {
	if PublicAddr(a) {
		return true
	}
	return p != nil && (p.allowHosts.hasHost(host) || p.allowHosts.hasAddr(a))
}

// internalSuffixes are the DNS names reserved for, or in common use only
// on, local networks (RFC 6761, 6762, 8375; ICANN's .internal).
var internalSuffixes = []string{"localhost", "local", "internal", "home.arpa", "localdomain"}

// PublicAddr reports whether a is an address on the public internet: not
// unspecified, loopback, private, shared (carrier-grade NAT), link-local,
// multicast, broadcast, reserved, or set aside for documentation and
// benchmarks. An IPv4-mapped IPv6 address is judged as the IPv4 address it
// maps; an IPv6 address must be global unicast (2000::/3) and not one of
// the ranges in it that embed or tunnel IPv4 (6to4, Teredo) or are set
// aside, so that NAT64 (64:ff9b::/96) and IPv4-compatible addresses are
// refused as well.
func PublicAddr(a netip.Addr) bool {
	a = a.WithZone("").Unmap()
	if !a.IsValid() {
		return false
	}
	special := special4
	if a.Is6() {
		if !global6.Contains(a) {
			return false
		}
		special = special6
	}
	for _, p := range special {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

var (
	global6  = netip.MustParsePrefix("2000::/3")
	special4 = prefixes(
		"0.0.0.0/8",       // "this network"; 0.0.0.0 reaches the local host on Linux
		"10.0.0.0/8",      // private
		"100.64.0.0/10",   // shared address space (carrier-grade NAT, overlay networks)
		"127.0.0.0/8",     // loopback
		"169.254.0.0/16",  // link-local, cloud metadata services
		"172.16.0.0/12",   // private
		"192.0.0.0/24",    // IETF protocol assignments
		"192.0.2.0/24",    // documentation
		"192.88.99.0/24",  // 6to4 relay anycast
		"192.168.0.0/16",  // private
		"198.18.0.0/15",   // benchmarking
		"198.51.100.0/24", // documentation
		"203.0.113.0/24",  // documentation
		"224.0.0.0/4",     // multicast
		"240.0.0.0/4",     // reserved, and the broadcast address
	)
	special6 = prefixes(
		"2001::/23",     // IETF protocol assignments, Teredo among them
		"2001:db8::/32", // documentation
		"2002::/16",     // 6to4: an IPv4 address inside
		"3fff::/20",     // documentation
	)
)

func prefixes(ss ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

// hostSet is a list of host names, addresses and prefixes.
type hostSet struct {
	names map[string]bool
	nets  []netip.Prefix
}

func parseHostSet(field string, entries []string) (hostSet, error) {
	s := hostSet{names: map[string]bool{}}
	for _, e := range entries {
		e = strings.TrimSpace(e)
		switch {
		case e == "":
			continue
		case strings.Contains(e, "/"):
			p, err := netip.ParsePrefix(e)
			if err != nil {
				return s, kuzet.Invalid(field, "%q is not an address prefix", e)
			}
			if p.Addr().Is4In6() {
				p = netip.PrefixFrom(p.Addr().Unmap(), max(p.Bits()-96, 0))
			}
			s.nets = append(s.nets, p.Masked())
			continue
		}
		if a, err := netip.ParseAddr(strings.Trim(e, "[]")); err == nil {
			a = a.WithZone("").Unmap()
			s.nets = append(s.nets, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		name := canonicalName(e)
		if !validHostName(name) {
			return s, kuzet.Invalid(field, "%q is not a host name, an IP address or an address prefix", e)
		}
		s.names[name] = true
	}
	return s, nil
}

// hasHost reports whether a URL's host, a name or a literal address, is
// in the set.
func (s hostSet) hasHost(host string) bool {
	if a, err := netip.ParseAddr(host); err == nil {
		return s.hasAddr(a)
	}
	return s.names[canonicalName(host)]
}

func (s hostSet) hasAddr(a netip.Addr) bool {
	a = a.WithZone("").Unmap()
	for _, p := range s.nets {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// canonicalName is a host name as it is compared: lower case, without a
// trailing dot.
func canonicalName(host string) string {
	return strings.TrimSuffix(strings.ToLower(host), ".")
}

// validHostName reports whether name is a DNS host name of letters, digits,
// hyphens and underscores (as some internal names have) in labels of 1 to
// 63 bytes. Internationalized names are given in their xn-- form.
func validHostName(name string) bool {
	if name == "" || len(name) > 253 {
		return false
	}
	for _, label := range strings.Split(name, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
				return false
			}
		}
	}
	return true
}

// numericLabel reports whether a top-level label is a number, decimal or
// hexadecimal: no top-level domain is, and resolvers that read "127.1" or
// "0x7f000001" as addresses would otherwise let one through unchecked here.
func numericLabel(label string) bool {
	digits := strings.TrimPrefix(label, "0x")
	if digits == "" {
		return false
	}
	hex := digits != label
	for _, r := range digits {
		if !(r >= '0' && r <= '9' || hex && (r >= 'a' && r <= 'f')) {
			return false
		}
	}
	return true
}
