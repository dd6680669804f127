package kuzet

import (
	"encoding/json"
	"math"
	"strconv"
)

// The hot paths (a payment check's answer, the check records stored by the
// thousand) write their JSON by hand. These append values exactly as
// encoding/json encodes them, without reflection.

// AppendJSONString appends s quoted as encoding/json quotes it: printable
// ASCII other than the characters it escapes is copied, anything else is
// encoded by encoding/json itself.
func AppendJSONString(b []byte, s string) []byte {
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

// AppendJSONFloat appends f as encoding/json does: plain decimals from 1e-6
// to 1e21, its own exponent form outside; null for NaN and infinities,
// which encoding/json refuses and no score or signal is.
func AppendJSONFloat(b []byte, f float64) []byte {
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) || math.IsNaN(f) || math.IsInf(f, 0) {
		j, err := json.Marshal(f)
		if err != nil {
			return append(b, "null"...)
		}
		return append(b, j...)
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}

// AppendPaymentReasons appends reasons as encoding/json encodes the list:
// [] when empty, null when nil.
func AppendPaymentReasons(b []byte, reasons []PaymentReason) []byte {
	if reasons == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, r := range reasons {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"code":`...)
		b = AppendJSONString(b, r.Code)
		b = append(b, `,"detail":`...)
		b = AppendJSONString(b, r.Detail)
		b = append(b, '}')
	}
	return append(b, ']')
}
