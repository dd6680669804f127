package payments_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in   string
		want kuzet.Amount
		ok   bool
	}{
		{"150000", 15000000, true},
		{"1500.5", 150050, true},
		{"1500.50", 150050, true},
		{"0.01", 1, true},
		{"-5", -500, true},
		{"1.5e3", 150000, true},
		{"1E-2", 1, true},
		{"12.3400", 1234, true},
		{"0", 0, true},
		{".5", 50, true},
		{"1e15", 1e17, true},
		{"0.001", 0, false},
		{"1e16", 0, false},
		{"1,5", 0, false},
		{"", 0, false},
		{"-", 0, false},
		{"1e", 0, false},
		{"NaN", 0, false},
		{"0x10", 0, false},
		{strings.Repeat("9", 70), 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := kuzet.ParseAmount(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Errorf("got %v, %v; want %v, ok %v", got, err, tc.want, tc.ok)
			}
		})
	}
}

func TestAmountJSON(t *testing.T) {
	var v struct {
		A kuzet.Amount `json:"amount"`
	}
	if err := json.Unmarshal([]byte(`{"amount": 1500.5}`), &v); err != nil || v.A != 150050 {
		t.Errorf("decode: got %v, %v", v.A, err)
	}
	b, _ := json.Marshal(v)
	if string(b) != `{"amount":1500.50}` {
		t.Errorf("encode: got %s", b)
	}
	for _, bad := range []string{`{"amount": "5"}`, `{"amount": 1.005}`, `{"amount": true}`} {
		err := json.Unmarshal([]byte(bad), &v)
		var typ *json.UnmarshalTypeError
		if !errors.As(err, &typ) || typ.Field != "amount" {
			t.Errorf("%s: got %v, want a type error naming the field", bad, err)
		}
	}
}

// FuzzParseAmount: an amount that parses prints as a number that parses
// back to it.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"150000", "1500.5", "-0.05", "1e3", "9.99e14", "0.000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := kuzet.ParseAmount(s)
		if err != nil {
			if kuzet.ErrorCode(err) != kuzet.EINVALID {
				t.Fatalf("got %v, want EINVALID", err)
			}
			return
		}
		if a > kuzet.MaxAmount || a < -kuzet.MaxAmount {
			t.Fatalf("%q: got %d, beyond MaxAmount", s, a)
		}
		back, err := kuzet.ParseAmount(a.String())
		if err != nil || back != a {
			t.Fatalf("%q: %d prints as %q, which parses as %d, %v", s, a, a.String(), back, err)
		}
	})
}
