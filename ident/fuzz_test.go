package ident_test

import (
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
)

// seeds are messy real-world inputs per kind, accepted and rejected, that
// start every fuzzer.
var seeds = map[kuzet.Kind][]string{
	kuzet.KindPhone: {"8 (701) 123-45-67", "+7(701)1234567", "77011234567", "tel:+44 (0)20 7946 0958",
		"8 10 1 650 253 0000", "0044 20 7946 0958", "447400123456", "+800 1234 5678", "hello", "+7 600 123 4567"},
	kuzet.KindIBAN: {"kz86 125k zt50 0410 0100", "IBAN: GB29 NWBK 6016 1331 9268 19", "KZ00BROKEN",
		"LC55 HEMM 0001 0001 0012 0012 0002 3015", "KZ30ABCKZT5004100100"},
	kuzet.KindAccount: {"40817 810 0 9999 1234567", "ab-123456", "000000", "acct-5"},
	kuzet.KindCard: {"4111 1111 1111 1111", "3782 822463 10005", "411111-1111-d66108ceed06926a8551cd1b282cbf7d",
		"4111 1111 1111 1112"},
	kuzet.KindIMEI: {"49-015420-323751-8", "49015420323751", "4901542032375101", "49015420323751/01", "490154203237517"},
	kuzet.KindDomain: {"KАSPI-bonus.KZ.", "bücher.de", "xn--bcher-kva.de", "r3---sn-abc.googlevideo.com",
		"github.io", "com.kz", "http://kaspi.kz", "abc。com", "xn--a.com"},
	kuzet.KindURL: {"HTTP://Example.COM", "https://kаspi.kz:443/вход?x=1#f", "example.com/login",
		"http://0x7f.1/", "http://[::ffff:127.0.0.1]:80/a/../b", "https:\\\\evil.com\\p", "http://%6Baspi.kz/%7e",
		"http://kaspi.kz@evil.example.com/", "javascript:alert(1)"},
	kuzet.KindIP: {"192.168.0.1", "[2001:DB8::1]", "::ffff:192.0.2.1", "fe80::1%eth0", "010.1.1.1"},
	kuzet.KindEmail: {"Kaspi Support <support@kаspi.kz>", "mailto:John.Doe@Example.COM", "a..b@example.com",
		"a@[1.2.3.4]"},
	kuzet.KindWallet: {"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
		"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
		"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
		"bitcoin:3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy?amount=1"},
}

var fuzzParser = &ident.Parser{CardKey: testCardKey}

// checkParse asserts the properties every parser has on any input: it
// does not panic, rejects only with EINVALID on "value", and accepts its own
// output unchanged.
func checkParse(t *testing.T, kind kuzet.Kind, raw string) {
	got, err := fuzzParser.Parse(kind, raw)
	if err != nil {
		checkInvalid(t, err)
		return
	}
	if got.Kind != kind || got.Value == "" {
		t.Fatalf("Parse(%s, %q): got %+v, want kind %s and a value", kind, raw, got, kind)
	}
	again, err := fuzzParser.Parse(kind, got.Value)
	if err != nil {
		t.Fatalf("Parse(%s, %q) = %q, which is rejected again: %v", kind, raw, got.Value, err)
	}
	if again != got {
		t.Fatalf("Parse(%s, %q): got %+v, then %+v from its value, want the same", kind, raw, got, again)
	}
	if kind == kuzet.KindPhone {
		if v, ok := ident.FastE164(raw); ok && v != got.Value {
			t.Fatalf("FastE164(%q) = %q, ParsePhone = %q, want the same", raw, v, got.Value)
		}
	}
}

func FuzzParse(f *testing.F) {
	for i, kind := range kuzet.Kinds {
		for _, s := range seeds[kind] {
			f.Add(uint8(i), s)
		}
	}
	f.Fuzz(func(t *testing.T, k uint8, raw string) {
		checkParse(t, kuzet.Kinds[int(k)%len(kuzet.Kinds)], raw)
	})
}

func fuzzKind(f *testing.F, kind kuzet.Kind) {
	for _, s := range seeds[kind] {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) { checkParse(t, kind, raw) })
}

func FuzzParsePhone(f *testing.F)   { fuzzKind(f, kuzet.KindPhone) }
func FuzzParseIBAN(f *testing.F)    { fuzzKind(f, kuzet.KindIBAN) }
func FuzzParseAccount(f *testing.F) { fuzzKind(f, kuzet.KindAccount) }
func FuzzParseCard(f *testing.F)    { fuzzKind(f, kuzet.KindCard) }
func FuzzParseIMEI(f *testing.F)    { fuzzKind(f, kuzet.KindIMEI) }
func FuzzParseDomain(f *testing.F)  { fuzzKind(f, kuzet.KindDomain) }
func FuzzParseURL(f *testing.F)     { fuzzKind(f, kuzet.KindURL) }
func FuzzParseIP(f *testing.F)      { fuzzKind(f, kuzet.KindIP) }
func FuzzParseEmail(f *testing.F)   { fuzzKind(f, kuzet.KindEmail) }
func FuzzParseWallet(f *testing.F)  { fuzzKind(f, kuzet.KindWallet) }

// FuzzFastE164 checks that the telecom fast path never accepts what the full
// parser rejects, nor normalizes differently.
func FuzzFastE164(f *testing.F) {
	for _, s := range []string{"+77011234567", "77011234567", "87011234567", "+79161234567", "8 701 123 45 67"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, ok := ident.FastE164(raw)
		if !ok {
			return
		}
		got, err := ident.ParsePhone(raw, "KZ")
		if err != nil || got.Value != v || got.Region != "KZ" {
			t.Fatalf("FastE164(%q) = %q; ParsePhone: got %+v, %v, want the same value in KZ", raw, v, got, err)
		}
	})
}
