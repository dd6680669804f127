package payments

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
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

// Field limits, in bytes.
const (
	maxIDLen      = 128 // payment_id, payer.account, customer_id, device_id
	maxNameLen140 = 140 // payee.name, as ISO 20022's Max140Text
	maxRegionLen  = 64
	maxChannelLen = 32
	maxTextLen    = 4096 // a report's description
)

// problems gathers the field errors of one input, so that a client learns
// of every mistake at once.
type problems struct{ fields []kuzet.FieldError }

func (p *problems) add(field, format string, args ...any) {
	p.fields = append(p.fields, kuzet.FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// parsed records the error of an ident parser under field.
func (p *problems) parsed(field string, err error) {
	p.add(field, "%s", kuzet.ErrorMessage(err))
}

func (p *problems) err() error {
	switch len(p.fields) {
	case 0:
		return nil
	case 1:
		return &kuzet.Error{Code: kuzet.EINVALID, Message: p.fields[0].Message, Fields: p.fields}
	}
	return &kuzet.Error{Code: kuzet.EINVALID,
		Message: fmt.Sprintf("%s (and %d more problems)", p.fields[0].Message, len(p.fields)-1), Fields: p.fields}
}

// text checks an optional free-text field: trimmed, valid UTF-8, without
// control characters, at most limit bytes.
func (p *problems) text(field string, s *string, limit int) {
	*s = strings.TrimSpace(*s)
	switch {
	case len(*s) > limit:
		p.add(field, "%s exceeds %d bytes", field, limit)
	case !utf8.ValidString(*s):
		p.add(field, "%s is not valid UTF-8", field)
	case strings.ContainsFunc(*s, func(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }):
		p.add(field, "%s contains control characters", field)
	}
}

// currency checks and upper-cases a required currency code.
func (p *problems) currency(field string, s *string) {
	*s = strings.ToUpper(strings.TrimSpace(*s))
	switch {
	case *s == "":
		p.add(field, "currency is required")
	case !ValidCurrency(*s):
		p.add(field, "currency must be an ISO 4217 code such as KZT, USD or EUR, not %q", clip(*s))
	}
}

// amount checks a required positive amount.
func (p *problems) amount(field string, a kuzet.Amount) {
	switch {
	case a == 0:
		p.add(field, "amount is required and must be positive")
	case a < 0:
		p.add(field, "amount must be positive, not %s", a)
	case a > kuzet.MaxAmount:
		p.add(field, "amount exceeds %s", kuzet.MaxAmount)
	}
}

// bic checks and upper-cases an optional BIC.
func (p *problems) bic(field string, s *string) {
	*s = strings.ToUpper(strings.TrimSpace(*s))
	if *s == "" {
		return
	}
	if len(*s) != 8 && len(*s) != 11 {
		p.add(field, "a BIC has 8 or 11 characters")
		return
	}
	for i := 0; i < len(*s); i++ {
		if c := (*s)[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			p.add(field, "a BIC holds only letters and digits")
			return
		}
	}
}

// token checks an optional short code such as a channel: a-z, 0-9, '_'.
func (p *problems) token(field string, s *string, limit int) {
	*s = strings.ToLower(strings.TrimSpace(*s))
	if len(*s) > limit {
		p.add(field, "%s exceeds %d bytes", field, limit)
		return
	}
	for i := 0; i < len(*s); i++ {
		if c := (*s)[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			p.add(field, "%s holds only a-z, 0-9, '_' and '-'", field)
			return
		}
	}
}

// normalize validates a check in place: it trims and normalizes every
// field, the payee's identifiers to their registry keys (a card to its
// token: the number never goes further). It returns EINVALID listing every
// failing field by its JSON path.
func (e *Engine) normalize(pc *kuzet.PaymentCheck, now time.Time) error {
	var p problems
	p.text("payment_id", &pc.PaymentID, maxIDLen)
	if pc.PaymentID == "" {
		p.add("payment_id", "payment_id is required")
	}
	p.amount("amount", pc.Amount)
	p.currency("currency", &pc.Currency)
	if !pc.CreatedAt.IsZero() && pc.CreatedAt.After(now.Add(time.Hour)) {
		p.add("created_at", "created_at is more than an hour in the future")
	}
	p.token("channel", &pc.Channel, maxChannelLen)

	py := &pc.Payer
	p.text("payer.account", &py.Account, maxIDLen)
	p.text("payer.customer_id", &py.CustomerID, maxIDLen)
	p.text("payer.device_id", &py.DeviceID, maxIDLen)
	p.text("payer.region", &py.Region, maxRegionLen)
	if ind, err := ident.ParseIBAN(py.Account); err == nil {
		py.Account = ind.Value // one account, one key, however it was written
	}
	if py.Phone = strings.TrimSpace(py.Phone); py.Phone != "" {
		if ind, err := ident.ParsePhone(py.Phone, ""); err != nil {
			p.parsed("payer.phone", err)
		} else {
			py.Phone = ind.Value
		}
	}
	if py.IP = strings.TrimSpace(py.IP); py.IP != "" {
		if ind, err := ident.ParseIP(py.IP); err != nil {
			p.parsed("payer.ip", err)
		} else {
			py.IP = ind.Value
		}
	}
	if py.Account == "" && py.CustomerID == "" && py.Phone == "" {
		p.add("payer", "payer needs an account, a customer_id or a phone")
	}

	if err := e.normalizePayee(&pc.Payee, "payee", &p); err != nil {
		return err
	}
	return p.err()
}

// normalizePayee validates a payee in place. It returns an error only for a
// fault of kuzet's own (no card key); input faults go to p.
func (e *Engine) normalizePayee(pe *kuzet.Payee, path string, p *problems) error {
	p.text(path+".name", &pe.Name, maxNameLen140)
	p.bic(path+".bank_bic", &pe.BankBIC)
	given := strings.TrimSpace(pe.IBAN+pe.Account+pe.Card+pe.Phone+pe.Wallet) != ""
	if pe.IBAN = strings.TrimSpace(pe.IBAN); pe.IBAN != "" {
		if ind, err := ident.ParseIBAN(pe.IBAN); err != nil {
			p.parsed(path+".iban", err)
		} else {
			pe.IBAN = ind.Value
		}
	}
	if pe.Account = strings.TrimSpace(pe.Account); pe.Account != "" {
		// An IBAN written as an account takes the IBAN's key, so that the
		// registry and the payee's memory see one account.
		if ind, err := ident.ParseIBAN(pe.Account); err == nil && (pe.IBAN == "" || pe.IBAN == ind.Value) {
			pe.IBAN, pe.Account = ind.Value, ""
		} else if ind, err := ident.ParseAccount(pe.Account); err != nil {
			p.parsed(path+".account", err)
		} else {
			pe.Account = ind.Value
		}
	}
	if pe.Card = strings.TrimSpace(pe.Card); pe.Card != "" {
		ind, err := ident.ParseCard(pe.Card, e.cardKey)
		switch {
		case kuzet.ErrorCode(err) == kuzet.EINTERNAL:
			return fmt.Errorf("payments: payee card: %w", err)
		case err != nil:
			p.parsed(path+".card", err)
			pe.Card = ""
		default:
			pe.Card = ind.Value
		}
	}
	if pe.Phone = strings.TrimSpace(pe.Phone); pe.Phone != "" {
		if ind, err := ident.ParsePhone(pe.Phone, ""); err != nil {
			p.parsed(path+".phone", err)
		} else {
			pe.Phone = ind.Value
		}
	}
	if pe.Wallet = strings.TrimSpace(pe.Wallet); pe.Wallet != "" {
		if ind, err := ident.ParseWallet(pe.Wallet); err != nil {
			p.parsed(path+".wallet", err)
		} else {
			pe.Wallet = ind.Value
		}
	}
	if !given {
		p.add(path, "payee needs one of iban, account, card, phone or wallet")
	}
	return nil
}
