package ident

import (
	"strings"
	"unicode/utf8"

	"github.com/kuzet/kuzet"
)

// ibanLengths is the IBAN length of every country in the SWIFT IBAN
// registry (ISO 13616), indexed by the two letters of the country code.
// Dependent territories that issue IBANs under their parent's code (Åland
// under FI, the French overseas departments under FR, …) need no entry.
var ibanLengths = func() (t [26][26]uint8) {
	for cc, n := range map[string]uint8{
		"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27,
		"BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28,
		"EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
		"GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
		"IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21,
		"LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28,
		"NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22,
		"RU": 33, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25,
		"SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
	} {
		t[cc[0]-'A'][cc[1]-'A'] = n
	}
	return t
}()

// ParseIBAN returns an IBAN in its electronic form: upper case, without
// spaces or dashes ("KZ86125KZT5004100100"). Region is the country; for KZ,
// BankCode is the 3-digit bank code at positions 5–7. Returns EINVALID if
// the country does not issue IBANs, the length is not the country's, or the
// check digits do not match (ISO 7064 mod 97-10).
func ParseIBAN(raw string) (kuzet.Indicator, error) {
	ind, iban, f := parseIBAN(raw)
	if f != ibanOK {
		return kuzet.Indicator{}, f.err(iban)
	}
	return ind, nil
}

// IBAN is ParseIBAN for a value that may as well be no IBAN (a local
// account number): it reports false instead of building an error, which
// such a value would pay for with every payment.
func IBAN(raw string) (kuzet.Indicator, bool) {
	ind, _, f := parseIBAN(raw)
	return ind, f == ibanOK
}

// ibanFault is why a value is not an IBAN; its message is built by err only
// when someone reads it.
type ibanFault uint8

const (
	ibanOK ibanFault = iota
	ibanEmpty
	ibanLong
	ibanNotUTF8
	ibanChars
	ibanShort
	ibanNoCountry
	ibanCheckNotDigits
	ibanNoIssuer
	ibanLength
	ibanCheck
	ibanKZBank
)

// err returns the fault as ParseIBAN's error; iban is the value compacted
// as far as parseIBAN got.
func (f ibanFault) err(iban string) error {
	switch f {
	case ibanEmpty, ibanLong, ibanNotUTF8:
		_, err := prepare(iban, "IBAN", maxLen)
		return err
	case ibanChars:
		return invalid("IBAN may hold only letters, digits, spaces and dashes")
	case ibanShort:
		return invalid("IBAN is too short")
	case ibanNoCountry:
		return invalid("IBAN must start with a two-letter country code")
	case ibanCheckNotDigits:
		return invalid("IBAN check digits (positions 3–4) must be digits")
	case ibanNoIssuer:
		return invalid("country %s does not issue IBANs", iban[:2])
	case ibanLength:
		return invalid("an IBAN of %s has %d characters, not %d", iban[:2], ibanLengths[iban[0]-'A'][iban[1]-'A'], len(iban))
	case ibanCheck:
		return invalid("IBAN check digits do not match")
	case ibanKZBank:
		return invalid("a KZ IBAN has a 3-digit bank code at positions 5–7")
	}
	return nil
}

// parseIBAN is ParseIBAN without its error: the indicator, or the fault
// and the value as far as it was compacted (raw itself for the faults of
// prepare).
func parseIBAN(raw string) (kuzet.Indicator, string, ibanFault) {
	s := trim(raw)
	switch {
	case s == "":
		return kuzet.Indicator{}, raw, ibanEmpty
	case len(s) > maxLen:
		return kuzet.Indicator{}, raw, ibanLong
	case !utf8.ValidString(s):
		return kuzet.Indicator{}, raw, ibanNotUTF8
	}
	iban, ok := compact(s)
	if !ok {
		iban, ok = compact(stripIBANLabel(s))
		if !ok {
			return kuzet.Indicator{}, s, ibanChars
		}
	}
	iban = strings.TrimPrefix(iban, "IBAN")
	if len(iban) < 5 {
		return kuzet.Indicator{}, iban, ibanShort
	}
	if !isUpper(iban[0]) || !isUpper(iban[1]) {
		return kuzet.Indicator{}, iban, ibanNoCountry
	}
	if !isDigit(iban[2]) || !isDigit(iban[3]) {
		return kuzet.Indicator{}, iban, ibanCheckNotDigits
	}
	country := iban[:2]
	want := int(ibanLengths[iban[0]-'A'][iban[1]-'A'])
	if want == 0 {
		return kuzet.Indicator{}, iban, ibanNoIssuer
	}
	if len(iban) != want {
		return kuzet.Indicator{}, iban, ibanLength
	}
	if ibanMod97(iban) != 1 {
		return kuzet.Indicator{}, iban, ibanCheck
	}
	ind := kuzet.Indicator{Kind: kuzet.KindIBAN, Value: iban, Region: country}
	if country == "KZ" {
		// The KZ BBAN is a 3-digit bank code and a 13-character account.
		if !allDigits(iban[4:7]) {
			return kuzet.Indicator{}, iban, ibanKZBank
		}
		ind.BankCode = iban[4:7]
	}
	return ind, "", ibanOK
}

// stripIBANLabel drops an "IBAN:" label that people paste along with the
// number.
func stripIBANLabel(s string) string {
	if len(s) > 5 && strings.EqualFold(s[:4], "IBAN") {
		return strings.TrimPrefix(s[4:], ":")
	}
	return s
}

// ibanMod97 computes the ISO 7064 mod 97-10 remainder of iban with its first
// four characters moved to the end and letters read as 10…35. iban holds
// only digits and upper-case letters.
func ibanMod97(iban string) int {
	r := 0
	add := func(c byte) {
		if isDigit(c) {
			r = (r*10 + int(c-'0')) % 97
		} else {
			r = (r*100 + int(c-'A'+10)) % 97
		}
	}
	for i := 4; i < len(iban); i++ {
		add(iban[i])
	}
	for i := 0; i < 4; i++ {
		add(iban[i])
	}
	return r
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
