package ident

import (
	"net/netip"
	"strings"

	"github.com/kuzet/kuzet"
	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// idnaProfile maps a domain to ASCII the way a browser looks it up:
// UTS #46 mapping (case, width, compatibility forms), non-transitional.
// It deliberately leaves out the Bidi rule and has no mixed-script check:
// look-alikes such as "kаspi.kz" with a Cyrillic "а" are exactly the
// domains fraud uses and must be recorded, as punycode. Hyphen checks are
// off because labels like "r3---sn-abc" are in common use; LDH is checked
// after conversion instead.
var idnaProfile = idna.New(idna.MapForLookup(), idna.Transitional(false), idna.CheckHyphens(false))

// ParseDomain returns a domain name in lower-case ASCII, international
// labels as punycode ("xn--…"), without the trailing dot, and its
// registrable domain (eTLD+1 by the Public Suffix List). Returns EINVALID
// for a URL, e-mail address or IP address (naming the kind to use), a name
// that IDNA cannot map, a label over 63 bytes or a name over 253, fewer
// than two labels, a label outside letters, digits and inner hyphens, and
// a name that is itself a public suffix such as "com.kz".
func ParseDomain(raw string) (kuzet.Indicator, error) {
	s, err := prepare(raw, "domain", maxLen)
	if err != nil {
		return kuzet.Indicator{}, err
	}
	if err := notADomain(s); err != nil {
		return kuzet.Indicator{}, err
	}
	d, err := normalizeDomain(s)
	if err != nil {
		return kuzet.Indicator{}, err
	}
	reg, err := registrable(d)
	if err != nil {
		return kuzet.Indicator{}, err
	}
	return kuzet.Indicator{Kind: kuzet.KindDomain, Value: d, Registrable: reg}, nil
}

// notADomain rejects the other kinds people put in a domain field, with a
// message that names the right kind.
func notADomain(s string) error {
	if strings.Contains(s, "://") || strings.ContainsAny(s, "/?#\\") {
		return invalid("a domain has no scheme or path; use kind url")
	}
	if strings.Contains(s, "@") {
		return invalid("looks like an e-mail address; use kind email")
	}
	if _, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")); err == nil {
		return invalid("an IP address is not a domain; use kind ip")
	}
	if strings.Contains(s, ":") {
		return invalid("a domain has no port; use kind url")
	}
	return nil
}

// normalizeDomain maps s to its lower-case ASCII form and checks it; domain,
// URL host and e-mail parsing share it.
func normalizeDomain(s string) (string, error) {
	d, ok := asciiDomain(s)
	if !ok {
		var err error
		d, err = idnaProfile.ToASCII(s)
		if err != nil {
			// idna's message quotes the label; the input is not echoed.
			return "", invalid("not a valid domain name: IDNA cannot map it to ASCII")
		}
	}
	d = strings.TrimSuffix(d, ".")
	if err := checkLDH(d); err != nil {
		return "", err
	}
	return d, nil
}

// asciiDomain lower-cases s when it is plain LDH ASCII without punycode
// labels, which need no IDNA processing; it reports false otherwise.
func asciiDomain(s string) (string, bool) {
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', isDigit(c), c == '.':
		case c == '-':
			// A "--" may belong to an "xn--" label, which IDNA must
			// decode to validate.
			if i >= 2 && s[i-1] == '-' {
				return "", false
			}
		case c >= 'A' && c <= 'Z':
			upper = true
		default:
			return "", false
		}
	}
	if upper {
		return strings.ToLower(s), true
	}
	return s, true
}

// checkLDH checks the DNS shape of an ASCII domain d.
func checkLDH(d string) error {
	if d == "" {
		return invalid("domain is empty")
	}
	if len(d) > 253 {
		return invalid("domain is longer than 253 bytes")
	}
	labels, start := 0, 0
	for i := 0; i <= len(d); i++ {
		if i < len(d) && d[i] != '.' {
			c := d[i]
			if !(c >= 'a' && c <= 'z') && !isDigit(c) && c != '-' {
				return invalid("a domain may hold only letters, digits, hyphens and dots")
			}
			continue
		}
		label := d[start:i]
		switch {
		case label == "":
			return invalid("domain has an empty label")
		case len(label) > 63:
			return invalid("a domain label is longer than 63 bytes")
		case label[0] == '-' || label[len(label)-1] == '-':
			return invalid("a domain label may not start or end with a hyphen")
		}
		labels++
		if i == len(d) && allDigits(label) {
			return invalid("the top-level label of a domain is not numeric")
		}
		start = i + 1
	}
	if labels < 2 {
		return invalid("a domain needs at least two labels")
	}
	return nil
}

// registrable returns the registrable domain of d: its public suffix and
// one more label ("kaspi.kz" for "a.b.kaspi.kz"). A name that is itself an
// ICANN public suffix ("com.kz") is rejected: it is nobody's domain, and
// covering its subdomains would cover a whole zone. A privately run suffix
// ("github.io") is a real name, recorded with no registrable domain.
func registrable(d string) (string, error) {
	suffix, icann := publicsuffix.PublicSuffix(d)
	if len(suffix) >= len(d) {
		if icann {
			return "", invalid("domain is a public suffix, not a registrable domain")
		}
		return "", nil
	}
	rest := d[:len(d)-len(suffix)]
	if !strings.HasSuffix(rest, ".") {
		return "", nil
	}
	rest = rest[:len(rest)-1]
	return d[strings.LastIndexByte(rest, '.')+1:], nil
}
