package ident_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
)

func TestParseIBAN(t *testing.T) {
	kz := kuzet.Indicator{Kind: kuzet.KindIBAN, Value: "KZ86125KZT5004100100", Region: "KZ", BankCode: "125"}
	iban := func(v, region string) kuzet.Indicator {
		return kuzet.Indicator{Kind: kuzet.KindIBAN, Value: v, Region: region}
	}
	runAccept(t, ident.ParseIBAN, []acceptCase{
		{"electronic form", "KZ86125KZT5004100100", kz},
		{"paper form, lower case", "kz86 125k zt50 0410 0100", kz},
		{"dashes", "KZ86-125K-ZT50-0410-0100", kz},
		{"IBAN label", "IBAN KZ86 125K ZT50 0410 0100", kz},
		{"IBAN label with colon", "IBAN: KZ86125KZT5004100100", kz},
		{"no-break spaces", "KZ86\u00a0125K\u00a0ZT50\u00a00410\u00a00100", kz},
		{"KZ numeric account", "KZ29 7220 0000 0000 0123",
			kuzet.Indicator{Kind: kuzet.KindIBAN, Value: "KZ297220000000000123", Region: "KZ", BankCode: "722"}},
		{"GB", "GB29 NWBK 6016 1331 9268 19", iban("GB29NWBK60161331926819", "GB")},
		{"DE", "DE89 3704 0044 0532 0130 00", iban("DE89370400440532013000", "DE")},
		{"NO, the shortest", "NO93 8601 1117 947", iban("NO9386011117947", "NO")},
		{"LC, the longest", "LC55 HEMM 0001 0001 0012 0012 0002 3015", iban("LC55HEMM000100010012001200023015", "LC")},
		{"RU", "RU02 0445 2560 0407 0281 0412 3456 7890 1", iban("RU0204452560040702810412345678901", "RU")},
	})
	runReject(t, ident.ParseIBAN, []rejectCase{
		{"too short for KZ", "KZ00BROKEN"},
		{"check digits", "KZ87125KZT5004100100"},
		{"swapped characters", "KZ86125KZT5004101000"},
		{"unknown country", "XX86125KZT5004100100"},
		{"country without IBAN", "US64SVBKUS6S3300958879"},
		{"KZ bank code not digits", "KZ30ABCKZT5004100100"},
		{"one character short", "KZ86125KZT500410010"},
		{"one character long", "KZ86125KZT50041001000"},
		{"punctuation", "KZ86.125K.ZT50.0410.0100"},
		{"non-ASCII letter", "KZ86125КZT5004100100"},
		{"digits first", "8612 5KZT 5004 1001 00KZ"},
		{"letters as check digits", "KZAB125KZT5004100100"},
		{"only a label", "IBAN"},
	})
}

func TestParseAccount(t *testing.T) {
	acct := func(v string) kuzet.Indicator { return kuzet.Indicator{Kind: kuzet.KindAccount, Value: v} }
	runAccept(t, ident.ParseAccount, []acceptCase{
		{"grouped digits", "40817 810 0 9999 1234567", acct("40817810099991234567")},
		{"dashes", " 12-345-678 ", acct("12345678")},
		{"lower-case letters", "ab123456", acct("AB123456")},
		{"six characters", "123456", acct("123456")},
		{"thirty-four characters", strings.Repeat("1234567890", 3) + "1234", acct(strings.Repeat("1234567890", 3) + "1234")},
		{"an IBAN stays an account", "KZ86 125K ZT50 0410 0100", acct("KZ86125KZT5004100100")},
	})
	runReject(t, ident.ParseAccount, []rejectCase{
		{"five characters", "12345"},
		{"thirty-five characters", strings.Repeat("1234567", 5)},
		{"one repeated digit", "000000"},
		{"one repeated digit with separators", "1111-1111-1111"},
		{"no digits", "ABCDEFGH"},
		{"slash", "1234/5678"},
		{"punctuation", "12345678!"},
		{"Cyrillic", "счёт 123456"},
		{"short after stripping", "acct-5"},
	})
}

// TestParseAccountNumber: a payment's account may be one repeated
// character; everything else is refused as by ParseAccount.
func TestParseAccountNumber(t *testing.T) {
	acct := func(v string) kuzet.Indicator { return kuzet.Indicator{Kind: kuzet.KindAccount, Value: v} }
	runAccept(t, ident.ParseAccountNumber, []acceptCase{
		{"one repeated digit", "55555555555", acct("55555555555")},
		{"grouped digits", "40817 810 0 9999 1234567", acct("40817810099991234567")},
	})
	runReject(t, ident.ParseAccountNumber, []rejectCase{
		{"five characters", "12345"},
		{"no digits", "AAAAAAAA"},
		{"punctuation", "12345678!"},
	})
}

// TestParseIBANMessages pins each refusal's message, which clients read, and
// checks that IBAN agrees with ParseIBAN without building them.
func TestParseIBANMessages(t *testing.T) {
	for _, tc := range []struct{ name, raw, want string }{
		{"empty", " \t", "IBAN is empty"},
		{"too long", strings.Repeat("1", 321), "IBAN is longer than 320 bytes"},
		{"not UTF-8", "KZ86\xff", "IBAN is not valid UTF-8"},
		{"punctuation", "KZ86.125K", "IBAN may hold only letters, digits, spaces and dashes"},
		{"too short", "KZ86", "IBAN is too short"},
		{"only a label", "IBAN", "IBAN is too short"},
		{"digits first", "8612 5KZT 5004 1001 00KZ", "IBAN must start with a two-letter country code"},
		{"letters as check digits", "KZAB125KZT5004100100", "IBAN check digits (positions 3–4) must be digits"},
		{"country without IBAN", "US64SVBKUS6S3300958879", "country US does not issue IBANs"},
		{"one character short", "kz86 125KZT500410010", "an IBAN of KZ has 20 characters, not 19"},
		{"check digits", "KZ87125KZT5004100100", "IBAN check digits do not match"},
		{"local account number", "KZ000000000000123456", "IBAN check digits do not match"},
		{"KZ bank code not digits", "KZ30ABCKZT5004100100", "a KZ IBAN has a 3-digit bank code at positions 5–7"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ident.ParseIBAN(tc.raw)
			var e *kuzet.Error
			if !errors.As(err, &e) || e.Code != kuzet.EINVALID {
				t.Fatalf("got %v, want EINVALID", err)
			}
			if e.Message != tc.want || len(e.Fields) != 1 || e.Fields[0] != (kuzet.FieldError{Field: "value", Message: tc.want}) {
				t.Errorf("got %q %v, want %q", e.Message, e.Fields, tc.want)
			}
			if ind, ok := ident.IBAN(tc.raw); ok || ind != (kuzet.Indicator{}) {
				t.Errorf("IBAN: got %v, %v, want no IBAN", ind, ok)
			}
		})
	}
	for _, raw := range []string{"KZ86125KZT5004100100", "IBAN: GB29 NWBK 6016 1331 9268 19", "kz86 125k zt50 0410 0100"} {
		want, err := ident.ParseIBAN(raw)
		if got, ok := ident.IBAN(raw); err != nil || !ok || got != want {
			t.Errorf("IBAN(%q): got %v, %v, want %v (%v)", raw, got, ok, want, err)
		}
	}
}
