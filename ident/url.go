package ident

import (
	"net/netip"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kuzet/kuzet"
)

// ParseURL returns the canonical form of an http, https or ftp URL: scheme
// and host in lower case (the host through the domain rules, or a canonical
// IP address), the default port dropped, the fragment and an empty query
// dropped, percent-encoding normalized (unreserved characters decoded,
// upper-case hex elsewhere, stray characters encoded), dot segments removed
// and an empty path made "/". A URL without a scheme, such as the
// "example.com/login" of a text message, gets "http://". Registrable is the
// host's registrable domain, empty for an IP host. Returns EINVALID for
// other schemes, control characters, a bad host or port, and a result over
// 2048 bytes.
func ParseURL(raw string) (kuzet.Indicator, error) {
	s, err := prepare(raw, "URL", maxURLLen)
	if err != nil {
		return kuzet.Indicator{}, err
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return kuzet.Indicator{}, invalid("URL contains control characters")
		}
	}
	scheme, rest, err := splitScheme(s)
	if err != nil {
		return kuzet.Indicator{}, err
	}
	end := strings.IndexAny(rest, "/\\?#")
	if end < 0 {
		end = len(rest)
	}
	authority, tail := rest[:end], rest[end:]
	if i := strings.IndexByte(tail, '#'); i >= 0 {
		tail = tail[:i]
	}
	path, query := tail, ""
	if i := strings.IndexByte(tail, '?'); i >= 0 {
		path, query = tail[:i], tail[i+1:]
	}
	// The last "@" ends the user information, as browsers read it: in
	// "http://kaspi.kz@evil.example/" the host is evil.example.
	userinfo := ""
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		userinfo, authority = authority[:i], authority[i+1:]
	}
	host, port, err := splitHostPort(authority, scheme)
	if err != nil {
		return kuzet.Indicator{}, err
	}
	host, reg, err := urlHost(host)
	if err != nil {
		return kuzet.Indicator{}, err
	}

	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(scheme)
	b.WriteString("://")
	if userinfo != "" {
		writeEscaped(&b, userinfo, &userinfoChars)
		b.WriteByte('@')
	}
	b.WriteString(host)
	if port != "" {
		b.WriteByte(':')
		b.WriteString(port)
	}
	b.WriteString(normalizePath(path))
	if query != "" {
		b.WriteByte('?')
		writeEscaped(&b, query, &queryChars)
	}
	if b.Len() > maxURLLen {
		return kuzet.Indicator{}, invalid("URL is longer than %d bytes once normalized", maxURLLen)
	}
	return kuzet.Indicator{Kind: kuzet.KindURL, Value: b.String(), Registrable: reg}, nil
}

// splitScheme returns the lower-case scheme of s and what follows it past
// the slashes. Input without a scheme is taken as http.
func splitScheme(s string) (scheme, rest string, err error) {
	i := schemeEnd(s)
	if i < 0 {
		return "http", strings.TrimPrefix(s, "//"), nil
	}
	after := s[i+1:]
	if !strings.HasPrefix(after, "//") {
		// "example.com:8080/login" has a port, not a scheme.
		j := strings.IndexAny(after, "/\\?#")
		if j < 0 {
			j = len(after)
		}
		if j > 0 && allDigits(after[:j]) {
			return "http", s, nil
		}
	}
	scheme = strings.ToLower(s[:i])
	switch scheme {
	case "http", "https", "ftp":
	default:
		return "", "", invalid("only http, https and ftp URLs are supported")
	}
	// Browsers take any run of slashes and backslashes after the scheme
	// of a web URL as "//"; phishing links use that.
	return scheme, strings.TrimLeft(after, "/\\"), nil
}

// schemeEnd returns the index of the ":" ending a syntactically valid
// scheme at the start of s, or -1.
func schemeEnd(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (isDigit(c) || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return i
		default:
			return -1
		}
	}
	return -1
}

// splitHostPort splits authority and returns the port in canonical decimal,
// empty when absent or the scheme's default.
func splitHostPort(authority, scheme string) (host, port string, err error) {
	host = authority
	if strings.HasPrefix(authority, "[") {
		j := strings.IndexByte(authority, ']')
		if j < 0 {
			return "", "", invalid("URL host has an unclosed '['")
		}
		host = authority[:j+1]
		switch after := authority[j+1:]; {
		case after == "":
		case after[0] == ':':
			port = after[1:]
		default:
			return "", "", invalid("URL host has characters after ']'")
		}
	} else if i := strings.LastIndexByte(authority, ':'); i >= 0 {
		host, port = authority[:i], authority[i+1:]
	}
	if host == "" {
		return "", "", invalid("URL has no host")
	}
	if port == "" {
		return host, "", nil
	}
	if !allDigits(port) {
		return "", "", invalid("URL port is not a number")
	}
	port = strings.TrimLeft(port, "0")
	n, err := strconv.Atoi(port)
	if err != nil || len(port) > 5 || n < 1 || n > 65535 {
		return "", "", invalid("URL port is out of range")
	}
	switch {
	case scheme == "http" && n == 80, scheme == "https" && n == 443, scheme == "ftp" && n == 21:
		return host, "", nil
	}
	return host, port, nil
}

// urlHost normalizes a URL host and returns its registrable domain.
func urlHost(host string) (string, string, error) {
	if strings.HasPrefix(host, "[") {
		a, err := netip.ParseAddr(host[1 : len(host)-1])
		if err != nil || !a.Is6() || a.Zone() != "" {
			return "", "", invalid("URL host is not a valid IPv6 address")
		}
		if a.Is4In6() {
			return a.Unmap().String(), "", nil
		}
		return "[" + a.String() + "]", "", nil
	}
	if strings.IndexByte(host, '%') >= 0 {
		// Browsers decode the host; a phishing link may encode it to dodge
		// naive filters.
		var err error
		if host, err = percentDecode(host); err != nil {
			return "", "", err
		}
	}
	if a, ok, err := whatwgIPv4(host); err != nil {
		return "", "", err
	} else if ok {
		return a.String(), "", nil
	}
	d, err := normalizeDomain(host)
	if err != nil {
		return "", "", err
	}
	reg, err := registrable(d)
	if err != nil {
		return "", "", err
	}
	return d, reg, nil
}

// whatwgIPv4 reads a host whose last label is a number as an IPv4 address
// the way browsers do, so that "http://0x7f.1/" and "http://2130706433/"
// are recorded as 127.0.0.1. It reports ok=false for a host that is not
// numeric, and an error for one that is numeric but not an address.
func whatwgIPv4(host string) (netip.Addr, bool, error) {
	parts := strings.Split(strings.TrimSuffix(host, "."), ".")
	if !numericPart(parts[len(parts)-1]) {
		return netip.Addr{}, false, nil
	}
	bad := invalid("URL host is not a valid IPv4 address")
	if len(parts) > 4 {
		return netip.Addr{}, false, bad
	}
	var addr uint64
	for i, p := range parts {
		n, ok := ipv4Number(p)
		if !ok {
			return netip.Addr{}, false, bad
		}
		if i < len(parts)-1 {
			if n > 255 {
				return netip.Addr{}, false, bad
			}
			addr |= n << (8 * (3 - i))
			continue
		}
		if n >= 1<<(8*(5-len(parts))) {
			return netip.Addr{}, false, bad
		}
		addr |= n
	}
	return netip.AddrFrom4([4]byte{byte(addr >> 24), byte(addr >> 16), byte(addr >> 8), byte(addr)}), true, nil
}

// numericPart reports whether p is a decimal or 0x-hex number, the test
// that makes browsers read a host as IPv4.
func numericPart(p string) bool {
	if p == "" {
		return false
	}
	if allDigits(p) {
		return true
	}
	if len(p) >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') {
		for i := 2; i < len(p); i++ {
			if unhex(p[i]) < 0 {
				return false
			}
		}
		return true
	}
	return false
}

// ipv4Number parses one part of a browser IPv4 address: 0x-hex, 0-octal or
// decimal. Values are capped well above 2^32 so that they cannot overflow.
func ipv4Number(p string) (uint64, bool) {
	base := uint64(10)
	switch {
	case p == "":
		return 0, false
	case len(p) >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'):
		base, p = 16, p[2:]
	case len(p) >= 2 && p[0] == '0':
		base, p = 8, p[1:]
	}
	var n uint64
	for i := 0; i < len(p); i++ {
		d := unhex(p[i])
		if d < 0 || uint64(d) >= base {
			return 0, false
		}
		n = n*base + uint64(d)
		if n > 1<<33 {
			return 0, false
		}
	}
	return n, true
}

// percentDecode decodes every %XX escape of s and requires valid UTF-8.
func percentDecode(s string) (string, error) {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b = append(b, s[i])
			continue
		}
		if i+2 >= len(s) || unhex(s[i+1]) < 0 || unhex(s[i+2]) < 0 {
			return "", invalid("URL host has a malformed percent escape")
		}
		b = append(b, byte(unhex(s[i+1])<<4|unhex(s[i+2])))
		i += 2
	}
	if !utf8.Valid(b) {
		return "", invalid("URL host is not valid UTF-8")
	}
	return string(b), nil
}

// Characters kept as they are in each URL component (RFC 3986); anything
// else is percent-encoded.
var userinfoChars, pathChars, queryChars [256]bool

func init() {
	const unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
	const subDelims = "!$&'()*+,;="
	for _, c := range []byte(unreserved + subDelims + ":") {
		userinfoChars[c], pathChars[c], queryChars[c] = true, true, true
	}
	for _, c := range []byte("@/") {
		pathChars[c], queryChars[c] = true, true
	}
	queryChars['?'] = true
}

// isUnreserved reports the characters that an escape never needs to hide.
func isUnreserved(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '-' || c == '.' || c == '_' || c == '~'
}

// normalizePath returns path with normalized escapes, backslashes read as
// slashes (as browsers do for web URLs) and dot segments removed; "" is "/".
func normalizePath(path string) string {
	if path == "" {
		return "/"
	}
	var b strings.Builder
	b.Grow(len(path))
	writeEscaped(&b, strings.ReplaceAll(path, "\\", "/"), &pathChars)
	return removeDotSegments(b.String())
}

// writeEscaped writes s to b with the percent-encoding normalized: escapes
// of unreserved characters decoded, other escapes in upper-case hex, a "%"
// that starts no escape and every character outside keep encoded.
func writeEscaped(b *strings.Builder, s string, keep *[256]bool) {
	const hexDigits = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) && unhex(s[i+1]) >= 0 && unhex(s[i+2]) >= 0 {
			v := byte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
			if isUnreserved(v) {
				b.WriteByte(v)
			} else {
				b.WriteByte('%')
				b.WriteByte(hexDigits[v>>4])
				b.WriteByte(hexDigits[v&15])
			}
			continue
		}
		if keep[c] {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
}

// removeDotSegments applies RFC 3986 section 5.2.4 to an absolute path.
func removeDotSegments(p string) string {
	if !strings.Contains(p, "/.") {
		return p
	}
	segs := strings.Split(p[1:], "/")
	out := make([]string, 0, len(segs))
	for i, seg := range segs {
		last := i == len(segs)-1
		switch seg {
		case ".":
		case "..":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		default:
			out = append(out, seg)
			continue
		}
		if last {
			// "/a/b/.." is the directory "/a/", not the file "/a".
			out = append(out, "")
		}
	}
	return "/" + strings.Join(out, "/")
}

func unhex(c byte) int {
	switch {
	case isDigit(c):
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
