package ident

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kuzet/kuzet"
)

// Input length limits, in bytes after trimming. Nothing legitimate comes
// near them; they bound the work an attacker can cause per value.
const (
	maxLen    = 320
	maxURLLen = 2048
)

// Parser normalizes identifiers. The zero value parses every kind but
// cards; a deployment sets CardKey (and CardLegacyKey, if it has one) from
// its key file.
type Parser struct {
	// CardKey is the deployment's HMAC key for card tokens. It must hold at
	// least 16 bytes for cards to parse; otherwise cards are rejected with an
	// EINTERNAL configuration error.
	CardKey []byte

	// CardLegacyKey, when set, is the key a deployment's store held before
	// kuzet kept its keys outside the store: tokens are then the legacy
	// token keyed again with CardKey (see RewrapCardToken), so that the
	// tokens stored before still match and the legacy key alone, which a
	// copy of the old store holds, reverses none of them.
	CardLegacyKey []byte

	// DefaultRegion is the ISO 3166-1 country whose national phone format
	// is assumed for numbers without a country code. Empty means "KZ".
	DefaultRegion string
}

// Parse returns the normalized indicator for raw input of the given kind.
// Returns EINVALID with field "value" if raw is not a valid identifier of
// that kind, and EINVALID with field "kind" if kind is unknown.
func (p *Parser) Parse(kind kuzet.Kind, raw string) (kuzet.Indicator, error) {
	switch kind {
	case kuzet.KindPhone:
		return ParsePhone(raw, p.DefaultRegion)
	case kuzet.KindIBAN:
		return ParseIBAN(raw)
	case kuzet.KindAccount:
		return ParseAccount(raw)
	case kuzet.KindCard:
		return ParseCardKeys(raw, p.CardKey, p.CardLegacyKey)
	case kuzet.KindIMEI:
		return ParseIMEI(raw)
	case kuzet.KindDomain:
		return ParseDomain(raw)
	case kuzet.KindURL:
		return ParseURL(raw)
	case kuzet.KindIP:
		return ParseIP(raw)
	case kuzet.KindEmail:
		return ParseEmail(raw)
	case kuzet.KindWallet:
		return ParseWallet(raw)
	}
	// The kind is not echoed: it is client input of any length.
	return kuzet.Indicator{}, kuzet.Invalid("kind",
		"unknown kind; want one of phone, iban, account, card, imei, domain, url, ip, wallet, email")
}

// invalid is the one way a parser rejects its input.
func invalid(format string, args ...any) error {
	return kuzet.Invalid("value", format, args...)
}

// prepare trims raw and checks that something of sane length is left.
// what names the kind in messages ("phone number", "URL").
func prepare(raw, what string, limit int) (string, error) {
	s := trim(raw)
	if s == "" {
		return "", invalid("%s is empty", what)
	}
	if len(s) > limit {
		return "", invalid("%s is longer than %d bytes", what, limit)
	}
	if !utf8.ValidString(s) {
		// Libraries map stray bytes to U+FFFD, which would make a value
		// that does not parse again.
		return "", invalid("%s is not valid UTF-8", what)
	}
	return s, nil
}

// trim removes surrounding white space, including the invisible marks that
// copying from chat apps and web pages leaves behind. ASCII input, the common
// case, is trimmed without decoding runes.
func trim(s string) string {
	for len(s) > 0 {
		c := s[0]
		if c < utf8.RuneSelf {
			if !asciiSpace(c) {
				break
			}
			s = s[1:]
			continue
		}
		r, n := utf8.DecodeRuneInString(s)
		if !isBlank(r) {
			break
		}
		s = s[n:]
	}
	for len(s) > 0 {
		c := s[len(s)-1]
		if c < utf8.RuneSelf {
			if !asciiSpace(c) {
				break
			}
			s = s[:len(s)-1]
			continue
		}
		r, n := utf8.DecodeLastRuneInString(s)
		if !isBlank(r) {
			break
		}
		s = s[:len(s)-n]
	}
	return s
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// isBlank reports white space and the zero-width and direction marks that
// are invisible to whoever typed the value.
func isBlank(r rune) bool {
	switch r {
	case '\u200b', '\u200e', '\u200f', '\u2060', '\ufeff':
		return true
	}
	return unicode.IsSpace(r)
}

// isSeparator reports the characters people put between groups of digits:
// white space and every kind of dash.
func isSeparator(r rune) bool {
	return r == '-' || isBlank(r) || unicode.Is(unicode.Pd, r) || r == '\u2212'
}

// compact removes separators and upper-cases ASCII letters. It reports
// false if anything but ASCII letters, digits and separators remains; the
// result is then meaningless.
func compact(s string) (string, bool) {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isDigit(c) || (c >= 'A' && c <= 'Z') {
			continue
		}
		clean = false
		break
	}
	if clean {
		return s, true
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r >= 'A' && r <= 'Z':
			b.WriteRune(r)
		case r >= 'a' && r <= 'z':
			b.WriteByte(byte(r) - 'a' + 'A')
		case isSeparator(r):
		default:
			return "", false
		}
	}
	return b.String(), true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// luhnValid reports whether the digit string s passes the Luhn check.
func luhnValid[T string | []byte](s T) bool {
	return luhnSum(s)%10 == 0
}

// luhnSum is the Luhn sum of s with s's last digit in the undoubled place.
func luhnSum[T string | []byte](s T) int {
	sum := 0
	double := false
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum
}

// luhnDigit returns the check digit that makes body+digit pass the Luhn check.
func luhnDigit(body string) byte {
	// Computed as if a 0 check digit were appended, which doubles body's last
	// digit as the real check digit will.
	sum := 0
	double := true
	for i := len(body) - 1; i >= 0; i-- {
		d := int(body[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return byte('0' + (10-sum%10)%10)
}
