package simbox

import (
	"strconv"

	"github.com/kuzet/kuzet/ident"
)

// A party key packs a normalized phone number into a uint64 so that the
// per-subscriber sets hold 8 bytes an entry and never a string. An E.164
// number is its digits read as an integer: E.164 never starts with 0 and
// has at most 15 digits, so the integer names the number uniquely. Anything
// else at the other end (a short code such as "102", an alphanumeric SMS
// sender such as "Kaspi.kz") is a 48-bit hash with the top bit set, which
// no E.164 value reaches. Bits 50 to 62 stay free for the sets' counts.
const otherKeyBit = 1 << 63

// numberKind says how normalizeNumber read its input.
type numberKind uint8

const (
	numberInvalid numberKind = iota
	numberE164               // a dialable number, key = E.164 digits
	numberOther              // a short code or a sender name, key = otherKeyBit | hash
)

// normalizeNumber returns the party key of raw. The spellings of nearly all
// CDR traffic ("77011234567", "+77011234567", "87011234567", "7011234567",
// "0044…", "810…") are read here byte by byte without allocating; anything
// else (separators, foreign national forms) goes to ident.ParsePhone, the
// exchange's one definition of a phone number. If that fails too, 8 to 15
// digits are still taken as a number, and short codes and alphanumeric
// names as numberOther: an SMS from "Kaspi.kz" is traffic, not a bad row.
func normalizeNumber(raw []byte) (uint64, numberKind) {
	if k, ok := fastNumber(raw); ok {
		return k, numberE164
	}
	if len(raw) == 0 || len(raw) > 64 {
		return 0, numberInvalid
	}
	if ind, err := ident.ParsePhone(string(raw), "KZ"); err == nil {
		if k, ok := digitsKey([]byte(ind.Value[1:])); ok {
			return k, numberE164
		}
	}
	s := trimSpace(raw)
	if len(s) > 0 && s[0] == '+' {
		// "+" then digits is meant as an international number even where
		// the phone metadata does not know the range: keep the digits.
		if k, ok := digitsKey(s[1:]); ok && len(s) >= 4 && s[1] != '0' {
			return k, numberE164
		}
		return 0, numberInvalid
	}
	if k, ok := digitsKey(s); ok && len(s) >= 8 && s[0] != '0' {
		// Digits the phone metadata does not know (a new range, a foreign
		// number written without its '+'): a number all the same.
		return k, numberE164
	}
	if isShortCode(s) || isSenderName(s) {
		return otherKeyBit | hashBytes(s)>>16, numberOther
	}
	return 0, numberInvalid
}

// fastNumber is the allocation-free path of normalizeNumber for numbers
// written as bare digits with an optional leading '+'.
func fastNumber(b []byte) (uint64, bool) {
	if len(b) > 0 && b[0] == '+' {
		if len(b) < 9 || len(b) > 16 || b[1] == '0' {
			return 0, false
		}
		return digitsKey(b[1:])
	}
	switch {
	case len(b) == 11 && b[0] == '7':
		// E.164 without the '+': no +7 national number has 11 digits.
		return digitsKey(b)
	case len(b) == 11 && b[0] == '8' && b[1] != '1':
		// The +7 trunk prefix: 8 701 … is +7 701 …
		k, ok := digitsKey(b[1:])
		return 7_000_000_000_0 + k, ok
	case len(b) == 10 && b[0] == '7':
		// A Kazakh national significant number without the trunk prefix.
		k, ok := digitsKey(b)
		return 7_000_000_000_0 + k, ok
	case len(b) >= 10 && len(b) <= 17 && b[0] == '0' && b[1] == '0' && b[2] != '0':
		// "00" is the international prefix of most of the world.
		return digitsKey(b[2:])
	case len(b) >= 11 && len(b) <= 18 && b[0] == '8' && b[1] == '1' && b[2] == '0' && b[3] != '0':
		// "8 10" is the international prefix of Kazakhstan and Russia.
		return digitsKey(b[3:])
	case len(b) >= 11 && b[0] != '0' && b[0] != '7' && b[0] != '8':
		// A foreign number without its '+': no national number of the +7
		// plan is this long.
		return digitsKey(b)
	}
	return 0, false
}

// digitsKey reads 7 to 15 ASCII digits as an integer.
func digitsKey(b []byte) (uint64, bool) {
	if len(b) < 7 || len(b) > 15 {
		return 0, false
	}
	var k uint64
	for _, c := range b {
		d := c - '0'
		if d > 9 {
			return 0, false
		}
		k = k*10 + uint64(d)
	}
	return k, true
}

// e164 formats a numberE164 key as "+77011234567".
func e164(k uint64) string {
	var buf [17]byte
	buf[0] = '+'
	return string(strconv.AppendUint(buf[:1], k, 10))
}

// isShortCode reports whether s is a service number: 2 to 7 digits.
func isShortCode(s []byte) bool {
	if len(s) < 2 || len(s) > 7 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// isSenderName reports whether s looks like an alphanumeric SMS sender ID:
// up to 11 printable ASCII characters with at least one letter (the GSM
// limit), as banks and shops send from.
func isSenderName(s []byte) bool {
	if len(s) == 0 || len(s) > 11 {
		return false
	}
	letter := false
	for _, c := range s {
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
			letter = true
		case c >= '0' && c <= '9', c == '.', c == '-', c == '_', c == ' ', c == '&':
		default:
			return false
		}
	}
	return letter
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// An IMEI key is the 14-digit body of an IMEI (type allocation code and
// serial), so that a handset written with its check digit, without it, or
// as a 16-digit IMEISV is one handset, as in ident.ParseIMEI. The check
// digit is not verified: a CDR's IMEI comes from the network, and a box
// that forges IMEIs is exactly what we are looking for.
const imeiBodyDigits = 14

// parseIMEI returns the IMEI key of raw, and false for anything but 14 to
// 16 digits or a body that equipment reports when it has none (all one
// digit, such as all zeros).
func parseIMEI(b []byte) (uint64, bool) {
	if len(b) < 14 || len(b) > 16 {
		return 0, false
	}
	var k uint64
	same := true
	for i, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		if i < imeiBodyDigits {
			k = k*10 + uint64(c-'0')
			same = same && c == b[0]
		}
	}
	if same {
		return 0, false
	}
	return k, true
}

// formatIMEI returns the 15-digit IMEI of a key: the body and its Luhn
// check digit, the form the indicator registry keeps.
func formatIMEI(k uint64) string {
	var b [15]byte
	for i := imeiBodyDigits - 1; i >= 0; i-- {
		b[i] = byte('0' + k%10)
		k /= 10
	}
	sum := 0
	for i := 0; i < imeiBodyDigits; i++ {
		d := int(b[i] - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	b[14] = byte('0' + (10-sum%10)%10)
	return string(b[:])
}

// tacOf returns the type allocation code (the first 8 digits) of an IMEI key.
func tacOf(k uint64) uint32 { return uint32(k / 1_000_000) }
