package kuzet

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// currencies are the active ISO 4217 codes.
var currencies = func() map[string]bool {
	const list = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP " +
		"BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS " +
		"GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD " +
		"KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO " +
		"NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS " +
		"SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF " +
		"XCD XCG XOF XPF YER ZAR ZMW ZWG"
	m := map[string]bool{}
	for _, c := range strings.Fields(list) {
		m[c] = true
	}
	return m
}()

// ValidCurrency reports whether code is an active ISO 4217 currency code.
func ValidCurrency(code string) bool { return currencies[code] }

// Problems gathers the field errors of one input, so that a client learns
// of every mistake at once.
type Problems struct{ fields []FieldError }

// Add records a failing field.
func (p *Problems) Add(field, format string, args ...any) {
	p.fields = append(p.fields, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// parsed records the error of an ident parser under field.
func (p *Problems) Parsed(field string, err error) {
	p.Add(field, "%s", ErrorMessage(err))
}

// Err returns EINVALID listing every failing field, or nil if none.
func (p *Problems) Err() error {
	switch len(p.fields) {
	case 0:
		return nil
	case 1:
		return &Error{Code: EINVALID, Message: p.fields[0].Message, Fields: p.fields}
	}
	return &Error{Code: EINVALID,
		Message: fmt.Sprintf("%s (and %d more problems)", p.fields[0].Message, len(p.fields)-1), Fields: p.fields}
}

// text checks an optional free-text field: trimmed, valid UTF-8, without
// control characters, at most limit bytes.
func (p *Problems) Text(field string, s *string, limit int) {
	*s = strings.TrimSpace(*s)
	switch {
	case len(*s) > limit:
		p.Add(field, "%s exceeds %d bytes", field, limit)
	case !utf8.ValidString(*s):
		p.Add(field, "%s is not valid UTF-8", field)
	case strings.ContainsFunc(*s, func(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }):
		p.Add(field, "%s contains control characters", field)
	}
}

// currency checks and upper-cases a required currency code.
func (p *Problems) Currency(field string, s *string) {
	*s = strings.ToUpper(strings.TrimSpace(*s))
	switch {
	case *s == "":
		p.Add(field, "currency is required")
	case !ValidCurrency(*s):
		p.Add(field, "currency must be an ISO 4217 code such as KZT, USD or EUR, not %q", clipText(*s, 32))
	}
}

// amount checks a required positive amount.
func (p *Problems) Amount(field string, a Amount) {
	switch {
	case a == 0:
		p.Add(field, "amount is required and must be positive")
	case a < 0:
		p.Add(field, "amount must be positive, not %s", a)
	case a > MaxAmount:
		p.Add(field, "amount exceeds %s", MaxAmount)
	}
}

// bic checks and upper-cases an optional BIC.
func (p *Problems) BIC(field string, s *string) {
	*s = strings.ToUpper(strings.TrimSpace(*s))
	if *s == "" {
		return
	}
	if len(*s) != 8 && len(*s) != 11 {
		p.Add(field, "a BIC has 8 or 11 characters")
		return
	}
	for i := 0; i < len(*s); i++ {
		if c := (*s)[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			p.Add(field, "a BIC holds only letters and digits")
			return
		}
	}
}

// token checks an optional short code such as a channel: a-z, 0-9, '_'.
func (p *Problems) Token(field string, s *string, limit int) {
	*s = strings.ToLower(strings.TrimSpace(*s))
	if len(*s) > limit {
		p.Add(field, "%s exceeds %d bytes", field, limit)
		return
	}
	for i := 0; i < len(*s); i++ {
		if c := (*s)[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			p.Add(field, "%s holds only a-z, 0-9, '_' and '-'", field)
			return
		}
	}
}

// clipText shortens s to at most n bytes and an ellipsis, at a rune
// boundary, to quote a client's input in a message.
func clipText(s string, n int) string {
	if len(s) > n {
		for i := n; i > 0; i-- {
			if utf8.RuneStart(s[i]) {
				return s[:i] + "…"
			}
		}
	}
	return s
}

// Len returns how many problems were found so far, so that a caller can
// tell whether one part of an input added any.
func (p *Problems) Len() int { return len(p.fields) }
