package ident_test

import (
	"fmt"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
)

// BenchmarkParse measures each kind on typical messy input; phone has its
// three paths: already E.164, formatted KZ, and foreign (full metadata).
func BenchmarkParse(b *testing.B) {
	p := &ident.Parser{CardKey: testCardKey}
	cases := []struct {
		name string
		kind kuzet.Kind
		in   string
	}{
		{"phone/e164", kuzet.KindPhone, "+77011234567"},
		{"phone/kz-formatted", kuzet.KindPhone, "8 (701) 123-45-67"},
		{"phone/foreign", kuzet.KindPhone, "+44 20 7946 0958"},
		{"iban", kuzet.KindIBAN, "KZ86 125K ZT50 0410 0100"},
		{"account", kuzet.KindAccount, "40817 810 0 9999 1234567"},
		{"card", kuzet.KindCard, "4111 1111 1111 1111"},
		{"imei", kuzet.KindIMEI, "49-015420-323751-8"},
		{"domain/ascii", kuzet.KindDomain, "Login.Kaspi-Bonus.KZ"},
		{"domain/idn", kuzet.KindDomain, "KАSPI-bonus.KZ."},
		{"url", kuzet.KindURL, "https://Kaspi-Bonus.kz:443/login/../verify?id=%7e42#x"},
		{"ip/v4", kuzet.KindIP, "192.168.0.1"},
		{"ip/v6", kuzet.KindIP, "2001:DB8:0:0:0:0:0:1"},
		{"email", kuzet.KindEmail, "John.Doe@Example.COM"},
		{"wallet/btc", kuzet.KindWallet, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"},
		{"wallet/bech32", kuzet.KindWallet, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"},
		{"wallet/eth", kuzet.KindWallet, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"},
		{"wallet/tron", kuzet.KindWallet, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"},
	}
	for _, bc := range cases {
		if _, err := p.Parse(bc.kind, bc.in); err != nil {
			b.Fatalf("%s: %v", bc.name, err)
		}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.Parse(bc.kind, bc.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParsePhoneCold measures foreign numbers that miss the verdict
// cache: 100,000 distinct numbers, more than the cache holds.
func BenchmarkParsePhoneCold(b *testing.B) {
	numbers := make([]string, 100_000)
	for i := range numbers {
		numbers[i] = fmt.Sprintf("+44 20 79%06d", i)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := ident.ParsePhone(numbers[i%len(numbers)], "KZ"); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkFastE164 measures the telecom fast path on the two spellings that
// switches send.
func BenchmarkFastE164(b *testing.B) {
	for _, in := range []string{"+77011234567", "87011234567"} {
		b.Run(in, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, ok := ident.FastE164(in); !ok {
					b.Fatal("not fast")
				}
			}
		})
	}
}
