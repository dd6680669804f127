package webwatch

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kuzet/kuzet"
	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// DNS limits, in bytes of the ASCII form.
const (
	maxNameLen  = 253
	maxLabelLen = 63
)

// idnaProfile maps a name the way a browser looks it up (UTS #46, non-
// transitional), as ident does for the registry, so that a finding and the
// indicator it becomes have the same ASCII value. It has no mixed-script
// rule: "kаspi.kz" with a Cyrillic а is valid IDNA and exactly what the
// scorer must see. Hyphen positions are checked by validASCII instead,
// because labels like "r3---sn-abc" are in common use.
var idnaProfile = idna.New(idna.MapForLookup(), idna.Transitional(false), idna.CheckHyphens(false))

// Name is a domain name parsed for scoring.
type Name struct {
	// ASCII is the lower-case ASCII form, international labels as punycode,
	// without a trailing dot.
	ASCII string
	// Unicode is the form a reader sees; it equals ASCII when no label is
	// international.
	Unicode string
	// Suffix is the public suffix ("kz", "gov.kz", "github.io") by the
	// Public Suffix List, private domains included.
	Suffix string
	// Registrable is the registrable domain (eTLD+1); empty when the name
	// is itself a public suffix.
	Registrable string
}

// ParseName parses a domain name from a feed, a list or a citizen's
// report. It accepts Unicode or punycode, any case, a trailing dot, a
// leading "*." (certificate wildcards) and a URL, with or without its
// scheme, whose host it takes.
// Returns EINVALID, with the reason as message, for an empty input,
// invalid UTF-8, a character outside letters, digits and hyphens, an empty
// label, a label over 63 bytes or a name over 253, a label starting or
// ending with a hyphen, punycode that does not decode, a single label, or
// an IP address.
func ParseName(raw string) (Name, error) {
	ascii, uni, err := parseName(raw)
	if err != nil {
		return Name{}, err
	}
	n := Name{ASCII: ascii, Unicode: uni}
	n.Suffix, _ = publicsuffix.PublicSuffix(ascii)
	if len(n.Suffix) < len(ascii) {
		rest := ascii[:len(ascii)-len(n.Suffix)-1]
		n.Registrable = rest[strings.LastIndexByte(rest, '.')+1:] + "." + n.Suffix
	}
	return n, nil
}

// invalidName is the error of every rejected name.
func invalidName(format string, args ...any) error {
	return kuzet.Invalid("domain", format, args...)
}

// parseName returns the ASCII and Unicode forms of raw. All-ASCII input
// without punycode, the bulk of any feed, is checked byte by byte and
// returned without allocating when it is already lower case; everything
// else goes through IDNA.
func parseName(raw string) (ascii, uni string, err error) {
	s := hostOf(raw)
	if s == "" {
		return "", "", invalidName("empty")
	}
	if len(s) > 4*maxNameLen {
		return "", "", invalidName("name longer than %d bytes", maxNameLen)
	}
	ascii, needIDNA, err := validASCII(s)
	if err != nil {
		return "", "", err
	}
	if !needIDNA {
		return ascii, ascii, nil
	}
	if !utf8.ValidString(s) {
		return "", "", invalidName("not valid UTF-8")
	}
	a, err := idnaProfile.ToASCII(s)
	if err != nil {
		if hasPunycode(s) {
			return "", "", invalidName("punycode that does not decode to a valid label: %s", idnaReason(err))
		}
		return "", "", invalidName("not a valid international name: %s", idnaReason(err))
	}
	if ascii, _, err = validASCII(a); err != nil {
		return "", "", err
	}
	if uni, err = idnaProfile.ToUnicode(ascii); err != nil {
		return "", "", invalidName("not a valid international name: %s", idnaReason(err))
	}
	for _, r := range uni {
		if r != '.' && r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
			return "", "", invalidName("character %q is not a letter, digit or hyphen", r)
		}
	}
	return ascii, uni, nil
}

// hasPunycode reports whether a label of s starts with the ACE prefix.
func hasPunycode(s string) bool {
	for _, l := range strings.Split(s, ".") {
		if len(l) >= 4 && strings.EqualFold(l[:4], "xn--") {
			return true
		}
	}
	return false
}

// idnaReason strips the package prefix from an idna error.
func idnaReason(err error) string {
	return strings.TrimPrefix(err.Error(), "idna: ")
}

// hostOf trims what surrounds a name in real lists: white space, a URL's
// scheme, user, port and path, a certificate wildcard, the root dot.
func hostOf(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(s, "\ufeff"))
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
		if j := strings.IndexAny(s, "/?#"); j >= 0 {
			s = s[:j]
		}
		if j := strings.LastIndexByte(s, '@'); j >= 0 {
			s = s[j+1:]
		}
		if j := strings.LastIndexByte(s, ':'); j >= 0 && allDigits(s[j+1:]) {
			s = s[:j]
		}
	}
	if j := strings.IndexByte(s, '/'); j >= 0 {
		s = s[:j] // a URL without its scheme: kaspi-bonus.top/login
	}
	s = strings.TrimPrefix(s, "*.")
	if strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "..") {
		s = s[:len(s)-1]
	}
	return s
}

// validASCII checks s as an ASCII host name and lower-cases it. needIDNA
// is true, with no error, when s has non-ASCII bytes or a punycode label;
// validASCII then only reports the errors it can see in the ASCII parts,
// and the caller checks IDNA's output again.
func validASCII(s string) (lower string, needIDNA bool, err error) {
	nonASCII, upper := false, false
	labels, start, labelNonASCII := 0, 0, false
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != '.' {
			c := s[i]
			switch {
			case c >= 0x80:
				nonASCII, labelNonASCII = true, true
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-':
			case 'A' <= c && c <= 'Z':
				upper = true
			default:
				return "", false, invalidName("character %q is not a letter, digit or hyphen", c)
			}
			continue
		}
		label := s[start:i]
		labels++
		start = i + 1
		switch {
		case label == "":
			return "", false, invalidName("empty label")
		case len(label) > maxLabelLen && !labelNonASCII:
			return "", false, invalidName("label longer than %d bytes", maxLabelLen)
		case label[0] == '-' || label[len(label)-1] == '-':
			return "", false, invalidName("label %q starts or ends with a hyphen", clip(label))
		case len(label) >= 4 && strings.EqualFold(label[:4], "xn--"):
			needIDNA = true
		}
		labelNonASCII = false
	}
	if nonASCII {
		return "", true, nil
	}
	if len(s) > maxNameLen {
		return "", false, invalidName("name longer than %d bytes", maxNameLen)
	}
	if labels < 2 {
		return "", false, invalidName("a single label is not a domain name")
	}
	if allDigits(s[strings.LastIndexByte(s, '.')+1:]) {
		return "", false, invalidName("an IP address is not a domain name")
	}
	if upper {
		s = strings.ToLower(s)
	}
	return s, needIDNA, nil
}

// clip shortens a label for an error message.
func clip(s string) string {
	if len(s) > 70 {
		return s[:70] + "…"
	}
	return s
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// String returns the ASCII form.
func (n Name) String() string { return n.ASCII }

// GoString shows both forms, for test failures.
func (n Name) GoString() string { return fmt.Sprintf("Name{%q, %q}", n.ASCII, n.Unicode) }
