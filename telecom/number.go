package telecom

import (
	"strconv"

	"github.com/kuzet/kuzet"
)

// Number is an E.164 number held as the integer its digits spell. E.164
// numbers never start with 0 and have at most 15 digits, so the integer
// names the number uniquely and fits in 50 bits; comparing and hashing it
// costs one machine word, which the call window depends on.
type Number uint64

// maxDigits is the longest E.164 number (ITU-T E.164 §6.1).
const maxDigits = 15

// String returns the number as "+" and its digits, or "" for the zero Number.
func (n Number) String() string {
	if n == 0 {
		return ""
	}
	return "+" + strconv.FormatUint(uint64(n), 10)
}

// Digits returns how many digits the number has.
func (n Number) Digits() int {
	d := 0
	for ; n > 0; n /= 10 {
		d++
	}
	return d
}

// ParseNumber reads a number in strict E.164 form: "+", then 1 to 15
// digits, the first not 0. Spellings with spaces, dashes, brackets or a
// national prefix are for ident.ParsePhone; the call paths speak E.164 only,
// which is what keeps them fast. Returns EINVALID otherwise.
func ParseNumber(s string) (Number, error) {
	n, wf, ok := scan(s)
	if !wf {
		return 0, kuzet.Errorf(kuzet.EINVALID, "%q is not an E.164 number (\"+\" and digits)", s)
	}
	if !ok {
		return 0, kuzet.Errorf(kuzet.EINVALID, "%q is not an E.164 number: 1 to 15 digits, the first not 0", s)
	}
	return n, nil
}

// wellFormed reports whether s is "+" followed by at least one digit and
// nothing else. A well-formed number may still be undialable (too long, a
// leading 0): that is the plan's verdict, invalid_cli, not a syntax error.
func wellFormed(s string) bool {
	if len(s) < 2 || s[0] != '+' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// scan reads s in one pass: wf reports whether it is "+" and digits only,
// ok whether those digits are also a valid E.164 number (1 to 15, the first
// not 0), and n is then their value. It is wellFormed and digitsValue
// together, for the call paths that need both for every number.
func scan(s string) (n Number, wf, ok bool) {
	if len(s) < 2 || s[0] != '+' {
		return 0, false, false
	}
	var v uint64
	for i := 1; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			return 0, false, false
		}
		v = v*10 + uint64(c) // may overflow past 19 digits; then ok is false anyway
	}
	if len(s)-1 > maxDigits || s[1] == '0' {
		return 0, true, false
	}
	return Number(v), true, true
}

// digitsValue returns the value of a run of 1 to 15 ASCII digits not
// starting with 0, and false for anything else.
func digitsValue(d string) (Number, bool) {
	if len(d) == 0 || len(d) > maxDigits || d[0] == '0' {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(d); i++ {
		c := d[i] - '0'
		if c > 9 {
			return 0, false
		}
		n = n*10 + uint64(c)
	}
	return Number(n), true
}
