package ident

import "github.com/kuzet/kuzet"

// ParseIMEI returns a handset's IMEI as 15 digits: the 14-digit body and
// its Luhn check digit, so that one handset has one value whether it was
// written with the check digit (15 digits, which must then hold), without
// it (14), or as an IMEISV (16: body and a software version, which is
// dropped). TAC is the type allocation code, the first 8 digits. Returns
// EINVALID for other lengths, a wrong check digit, or an all-zero body,
// which equipment reports when it has no IMEI.
func ParseIMEI(raw string) (kuzet.Indicator, error) {
	s, err := prepare(raw, "IMEI", maxLen)
	if err != nil {
		return kuzet.Indicator{}, err
	}
	var buf [16]byte
	d := buf[:0]
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			if len(d) == len(buf) {
				return kuzet.Indicator{}, invalid("IMEI must have 14 to 16 digits")
			}
			d = append(d, byte(r))
		case isSeparator(r), r == '/', r == '.':
		default:
			return kuzet.Indicator{}, invalid("IMEI may hold only digits and separators")
		}
	}
	if len(d) < 14 {
		return kuzet.Indicator{}, invalid("IMEI must have 14 to 16 digits")
	}
	body := string(d[:14])
	if len(d) == 15 && !luhnValid(d) {
		return kuzet.Indicator{}, invalid("IMEI check digit does not match")
	}
	if allZero(body) {
		return kuzet.Indicator{}, invalid("IMEI is all zeros")
	}
	v := body + string(luhnDigit(body))
	return kuzet.Indicator{Kind: kuzet.KindIMEI, Value: v, TAC: v[:8]}, nil
}

func allZero(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '0' {
			return false
		}
	}
	return true
}
