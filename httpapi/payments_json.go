package httpapi

import (
	"encoding/json"
	"math"
	"strconv"
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
			ok = d.strings(func(k string) *string {
				switch k {
				case "account":
					return &p.Account
				case "phone":
					return &p.Phone
				case "customer_id":
					return &p.CustomerID
				case "device_id":
					return &p.DeviceID
				case "ip":
					return &p.IP
				case "region":
					return &p.Region
				}
				return nil
			})
		case "payee":
			p := &pc.Payee
			ok = d.strings(func(k string) *string {
				switch k {
				case "iban":
					return &p.IBAN
				case "account":
					return &p.Account
				case "card":
					return &p.Card
				case "phone":
					return &p.Phone
				case "wallet":
					return &p.Wallet
				case "bank_bic":
					return &p.BankBIC
				case "name":
					return &p.Name
				}
				return nil
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

// strings reads an object of string members into the fields field names;
// an unknown member or one that is not a string makes it report false.
func (d *callDecoder) strings(field func(string) *string) bool {
	if d.peek() != '{' {
		return false
	}
	ok := true
	err := d.object(func(key string) error {
		if ok {
			if dst := field(key); dst != nil && d.plainString(dst) {
				return nil
			}
			ok = false
		}
		return d.skip(0)
	})
	return err == nil && ok
}

// appendDecision appends d as writeJSON would encode it (encoding/json,
// HTML characters escaped, a newline after), without reflection.
func appendDecision(b []byte, d *payments.Decision) []byte {
	b = append(b, `{"check_id":`...)
	b = appendJSONString(b, d.CheckID)
	b = append(b, `,"decision":`...)
	b = appendJSONString(b, string(d.Decision))
	b = append(b, `,"score":`...)
	b = appendJSONFloat(b, d.Score)
	b = append(b, `,"reasons":`...)
	if d.Reasons == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, r := range d.Reasons {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"code":`...)
			b = appendJSONString(b, r.Code)
			b = append(b, `,"detail":`...)
			b = appendJSONString(b, r.Detail)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if !d.HoldUntil.IsZero() {
		b = append(b, `,"hold_until":`...)
		b = appendJSONTime(b, d.HoldUntil)
	}
	return append(b, "}\n"...)
}

// appendJSONString appends s quoted: printable ASCII other than the
// characters encoding/json escapes is copied, anything else encoded by it.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			j, _ := json.Marshal(s) // a string always encodes
			return append(b, j...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendJSONFloat appends f as encoding/json does: plain decimals between
// 1e-6 and 1e21, its own exponent form outside.
func appendJSONFloat(b []byte, f float64) []byte {
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) || math.IsNaN(f) || math.IsInf(f, 0) {
		j, err := json.Marshal(f)
		if err != nil {
			return append(b, "null"...) // NaN and infinities: no score is either
		}
		return append(b, j...)
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
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
