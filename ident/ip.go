package ident

import (
	"net/netip"
	"strings"

	"github.com/kuzet/kuzet"
)

// ParseIP returns an IPv4 or IPv6 address in its canonical text form
// (RFC 5952 for IPv6); an IPv4-mapped IPv6 address becomes the IPv4 address
// it carries, so that one host has one value. Brackets around an IPv6
// address are accepted. Returns EINVALID for anything else, including
// zones ("fe80::1%eth0"), prefixes ("10.0.0.0/8") and IPv4 with leading
// zeros, whose meaning (octal or decimal) depends on the reader.
func ParseIP(raw string) (kuzet.Indicator, error) {
	s, err := prepare(raw, "IP address", maxLen)
	if err != nil {
		return kuzet.Indicator{}, err
	}
	if len(s) > 2 && s[0] == '[' && s[len(s)-1] == ']' {
		s = s[1 : len(s)-1]
	}
	if strings.IndexByte(s, '/') >= 0 {
		return kuzet.Indicator{}, invalid("an IP indicator is one address, not a prefix")
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return kuzet.Indicator{}, invalid("not an IPv4 or IPv6 address")
	}
	if a.Zone() != "" {
		return kuzet.Indicator{}, invalid("an IP address with a zone is local to one host")
	}
	return kuzet.Indicator{Kind: kuzet.KindIP, Value: a.Unmap().String()}, nil
}
