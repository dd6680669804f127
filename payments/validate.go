package payments

import (
	"fmt"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
)

// Field limits, in bytes.
const (
	maxIDLen      = 128 // payment_id, payer.account, customer_id, device_id
	maxNameLen140 = 140 // payee.name, as ISO 20022's Max140Text
	maxRegionLen  = 64
	maxChannelLen = 32
)

// normalize validates a check in place: it trims and normalizes every
// field, the payee's identifiers to their registry keys (a card to its
// token: the number never goes further). It returns EINVALID listing every
// failing field by its JSON path.
func (e *Engine) normalize(pc *kuzet.PaymentCheck, now time.Time) error {
	var p kuzet.Problems
	p.Text("payment_id", &pc.PaymentID, maxIDLen)
	if pc.PaymentID == "" {
		p.Add("payment_id", "payment_id is required")
	}
	p.Amount("amount", pc.Amount)
	p.Currency("currency", &pc.Currency)
	if !pc.CreatedAt.IsZero() && pc.CreatedAt.After(now.Add(time.Hour)) {
		p.Add("created_at", "created_at is more than an hour in the future")
	}
	p.Token("channel", &pc.Channel, maxChannelLen)

	py := &pc.Payer
	p.Text("payer.account", &py.Account, maxIDLen)
	p.Text("payer.customer_id", &py.CustomerID, maxIDLen)
	p.Text("payer.device_id", &py.DeviceID, maxIDLen)
	p.Text("payer.region", &py.Region, maxRegionLen)
	// A local account number is no IBAN: ident.IBAN says so without
	// building the error nobody reads.
	if ind, ok := ident.IBAN(py.Account); ok {
		py.Account = ind.Value // one account, one key, however it was written
	}
	if py.Phone = strings.TrimSpace(py.Phone); py.Phone != "" {
		if ind, err := ident.ParsePhone(py.Phone, ""); err != nil {
			p.Parsed("payer.phone", err)
		} else {
			py.Phone = ind.Value
		}
	}
	if py.IP = strings.TrimSpace(py.IP); py.IP != "" {
		if ind, err := ident.ParseIP(py.IP); err != nil {
			p.Parsed("payer.ip", err)
		} else {
			py.IP = ind.Value
		}
	}
	if py.Account == "" && py.CustomerID == "" && py.Phone == "" {
		p.Add("payer", "payer needs an account, a customer_id or a phone")
	}

	if err := e.normalizePayee(&pc.Payee, "payee", &p); err != nil {
		return err
	}
	return p.Err()
}

// normalizePayee validates a payee in place. It returns an error only for a
// fault of kuzet's own (no card key); input faults go to p.
func (e *Engine) normalizePayee(pe *kuzet.Payee, path string, p *kuzet.Problems) error {
	// A check's own payee is named without building its paths: every check
	// would allocate them for nothing.
	nameField, bicField := "payee.name", "payee.bank_bic"
	if path != "payee" {
		nameField, bicField = path+".name", path+".bank_bic"
	}
	p.Text(nameField, &pe.Name, maxNameLen140)
	p.BIC(bicField, &pe.BankBIC)
	given := strings.TrimSpace(pe.IBAN+pe.Account+pe.Card+pe.Phone+pe.Wallet) != ""
	if pe.IBAN = strings.TrimSpace(pe.IBAN); pe.IBAN != "" {
		if ind, err := ident.ParseIBAN(pe.IBAN); err != nil {
			p.Parsed(path+".iban", err)
		} else {
			pe.IBAN = ind.Value
		}
	}
	if pe.Account = strings.TrimSpace(pe.Account); pe.Account != "" {
		// An IBAN written as an account takes the IBAN's key, so that the
		// registry and the payee's memory see one account.
		if ind, ok := ident.IBAN(pe.Account); ok && (pe.IBAN == "" || pe.IBAN == ind.Value) {
			pe.IBAN, pe.Account = ind.Value, ""
		} else if ind, err := ident.ParseAccountNumber(pe.Account); err != nil {
			p.Parsed(path+".account", err)
		} else {
			pe.Account = ind.Value
		}
	}
	if pe.Card = strings.TrimSpace(pe.Card); pe.Card != "" {
		ind, err := ident.ParseCardKeys(pe.Card, e.cardKey, e.cardLegacy)
		switch {
		case kuzet.ErrorCode(err) == kuzet.EINTERNAL:
			return fmt.Errorf("payments: payee card: %w", err)
		case err != nil:
			p.Parsed(path+".card", err)
			pe.Card = ""
		default:
			pe.Card = ind.Value
		}
	}
	if pe.Phone = strings.TrimSpace(pe.Phone); pe.Phone != "" {
		if ind, err := ident.ParsePhone(pe.Phone, ""); err != nil {
			p.Parsed(path+".phone", err)
		} else {
			pe.Phone = ind.Value
		}
	}
	if pe.Wallet = strings.TrimSpace(pe.Wallet); pe.Wallet != "" {
		if ind, err := ident.ParseWallet(pe.Wallet); err != nil {
			p.Parsed(path+".wallet", err)
		} else {
			pe.Wallet = ind.Value
		}
	}
	if !given && (pe.BankBIC == "" || pe.Name == "") {
		p.Add(path, "payee needs one of iban, account, card, phone or wallet, or a bank_bic and a name")
	}
	return nil
}
