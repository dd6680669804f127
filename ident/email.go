package ident

import (
	"strings"

	"github.com/kuzet/kuzet"
)

// ParseEmail returns an e-mail address as lower-case local part "@" the
// normalized domain (the domain rules apply, so an international domain
// becomes punycode), and the domain's registrable domain. A "mailto:"
// prefix and a display name around "<addr>" are dropped. Returns EINVALID
// unless the local part is an unquoted ASCII dot-atom of at most 64 bytes
// and the whole address fits in 254 bytes. Mailbox-specific aliasing
// ("+tag", dots at one provider) is kept: it is the provider's rule, not
// the address syntax.
func ParseEmail(raw string) (kuzet.Indicator, error) {
	s, err := prepare(raw, "e-mail address", maxLen)
	if err != nil {
		return kuzet.Indicator{}, err
	}
	if len(s) >= 7 && strings.EqualFold(s[:7], "mailto:") {
		s = trim(s[7:])
	}
	if strings.HasSuffix(s, ">") {
		if i := strings.LastIndexByte(s, '<'); i >= 0 {
			s = trim(s[i+1 : len(s)-1])
		}
	}
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return kuzet.Indicator{}, invalid("an e-mail address needs an '@'")
	}
	local, domain := s[:at], s[at+1:]
	if err := checkLocalPart(local); err != nil {
		return kuzet.Indicator{}, err
	}
	if strings.HasPrefix(domain, "[") {
		return kuzet.Indicator{}, invalid("e-mail addresses at an IP literal are not supported")
	}
	if domain == "" || strings.ContainsAny(domain, "@/:?#\\") {
		return kuzet.Indicator{}, invalid("e-mail address has no valid domain after '@'")
	}
	d, err := normalizeDomain(domain)
	if err != nil {
		return kuzet.Indicator{}, err
	}
	reg, err := registrable(d)
	if err != nil {
		return kuzet.Indicator{}, err
	}
	if len(local)+1+len(d) > 254 {
		return kuzet.Indicator{}, invalid("e-mail address is longer than 254 bytes")
	}
	return kuzet.Indicator{Kind: kuzet.KindEmail, Value: lowerASCII(local) + "@" + d, Registrable: reg}, nil
}

// checkLocalPart accepts an RFC 5322 dot-atom.
func checkLocalPart(local string) error {
	switch {
	case local == "":
		return invalid("e-mail address has nothing before '@'")
	case len(local) > 64:
		return invalid("e-mail local part is longer than 64 bytes")
	case local[0] == '"':
		return invalid("quoted e-mail local parts are not supported")
	case local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, ".."):
		return invalid("e-mail local part has a misplaced dot")
	}
	for i := 0; i < len(local); i++ {
		c := local[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || strings.IndexByte(".!#$%&'*+/=?^_`{|}~-", c) >= 0 {
			continue
		}
		return invalid("e-mail local part may hold only ASCII letters, digits and !#$%%&'*+/=?^_`{|}~.-")
	}
	return nil
}

// lowerASCII lower-cases ASCII letters, allocating only if there are any.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}
