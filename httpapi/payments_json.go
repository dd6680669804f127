package httpapi

import (
	"strings"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/payments"
)

// The payment check is the API's other hot path: encoding/json costs about
// as much as the decision itself. decodeCheck reads the documented shape of
// a check with the call batches' decoder (callDecoder) and without
// reflection; it reports false for anything but the plain shape — a field
// it does not know, a null, a value of another type, a string that is not a
// valid time, a syntax error — and the caller then decodes with
// unmarshalStrict, whose answer (the value or the error naming the field)
// is the API's. So the fast path means exactly what encoding/json means,
// and every error is still encoding/json's.

// decodeCheck reads body into pc, reporting whether it could.
func decodeCheck(body string, pc *kuzet.PaymentCheck) bool {
	d := callDecoder{s: body}
	ok := true
	err := d.object(func(key string) error {
		if !ok {
			return d.skip(0)
		}
		switch key {
		case "payment_id":
			ok = d.plainString(&pc.PaymentID)
		case "currency":
			ok = d.plainString(&pc.Currency)
		case "channel":
			ok = d.plainString(&pc.Channel)
		case "amount":
			ok = d.amount(&pc.Amount)
		case "created_at":
			var s string
			if ok = d.plainString(&s); ok {
				ok = pc.CreatedAt.UnmarshalText([]byte(s)) == nil
			}
		case "payer":
			p := &pc.Payer
			ok = d.members(func(k string) bool {
				switch k {
				case "account":
					return d.plainString(&p.Account)
				case "phone":
					return d.plainString(&p.Phone)
				case "customer_id":
					return d.plainString(&p.CustomerID)
				case "device_id":
					return d.plainString(&p.DeviceID)
				case "ip":
					return d.plainString(&p.IP)
				case "region":
					return d.plainString(&p.Region)
				case "on_call":
					return d.plainBool(&p.OnCall)
				case "remote_access":
					return d.plainBool(&p.RemoteAccess)
				case "new_device":
					return d.plainBool(&p.NewDevice)
				}
				return false
			})
		case "payee":
			p := &pc.Payee
			ok = d.members(func(k string) bool {
				switch k {
				case "iban":
					return d.plainString(&p.IBAN)
				case "account":
					return d.plainString(&p.Account)
				case "card":
					return d.plainString(&p.Card)
				case "phone":
					return d.plainString(&p.Phone)
				case "wallet":
					return d.plainString(&p.Wallet)
				case "bank_bic":
					return d.plainString(&p.BankBIC)
				case "name":
					return d.plainString(&p.Name)
				}
				return false
			})
		default:
			ok = false
		}
		if !ok {
			return d.skip(0)
		}
		return nil
	})
	if err != nil || !ok {
		return false
	}
	d.ws()
	return d.i == len(d.s)
}

// plainString reads a string into dst; anything else it leaves unread and
// reports false.
func (d *callDecoder) plainString(dst *string) bool {
	if d.peek() != '"' {
		return false
	}
	s, err := d.str()
	if err != nil {
		return false
	}
	*dst = s
	return true
}

// plainBool reads true or false into dst; anything else it leaves unread
// and reports false.
func (d *callDecoder) plainBool(dst *bool) bool {
	c := d.peek()
	switch rest := d.s[d.i:]; {
	case c == 't' && strings.HasPrefix(rest, "true"):
		*dst, d.i = true, d.i+4
	case c == 'f' && strings.HasPrefix(rest, "false"):
		*dst, d.i = false, d.i+5
	default:
		return false
	}
	return true
}

// members reads an object, giving each key to read, which reads the
// member's value and reports true, or reports false for a key or a value
// it does not take; such a member makes members report false.
func (d *callDecoder) members(read func(key string) bool) bool {
	if d.peek() != '{' {
		return false
	}
	ok := true
	err := d.object(func(key string) error {
		if ok && read(key) {
			return nil
		}
		ok = false
		return d.skip(0)
	})
	return err == nil && ok
}

// amount reads a JSON number into a, as Amount.UnmarshalJSON would.
func (d *callDecoder) amount(a *kuzet.Amount) bool {
	if c := d.peek(); c != '-' && (c < '0' || c > '9') {
		return false
	}
	start := d.i
	if d.number() != nil {
		return false
	}
	v, err := kuzet.ParseAmount(d.s[start:d.i])
	if err != nil {
		return false
	}
	*a = v
	return true
}

// appendDecision appends d as writeJSON would encode it (encoding/json,
// HTML characters escaped, a newline after), without reflection.
func appendDecision(b []byte, d *payments.Decision) []byte {
	b = append(b, `{"check_id":`...)
	b = kuzet.AppendJSONString(b, d.CheckID)
	b = append(b, `,"decision":`...)
	b = kuzet.AppendJSONString(b, string(d.Decision))
	b = append(b, `,"score":`...)
	b = kuzet.AppendJSONFloat(b, d.Score)
	b = append(b, `,"reasons":`...)
	b = kuzet.AppendPaymentReasons(b, d.Reasons)
	if !d.HoldUntil.IsZero() {
		b = append(b, `,"hold_until":`...)
		b = appendJSONTime(b, d.HoldUntil)
	}
	return append(b, "}\n"...)
}

// appendJSONTime appends t as time.Time's MarshalJSON does.
func appendJSONTime(b []byte, t time.Time) []byte {
	if y := t.Year(); y >= 0 && y <= 9999 {
		b = append(b, '"')
		b = t.AppendFormat(b, time.RFC3339Nano)
		return append(b, '"')
	}
	j, err := t.MarshalJSON()
	if err != nil {
		return append(b, "null"...)
	}
	return append(b, j...)
}
