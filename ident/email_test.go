package ident_test

import (
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
)

func TestParseEmail(t *testing.T) {
	email := func(v, reg string) kuzet.Indicator {
		return kuzet.Indicator{Kind: kuzet.KindEmail, Value: v, Registrable: reg}
	}
	runAccept(t, ident.ParseEmail, []acceptCase{
		{"mixed case", "John.Doe@Example.COM", email("john.doe@example.com", "example.com")},
		{"mailto", "mailto:info@kaspi.kz", email("info@kaspi.kz", "kaspi.kz")},
		{"display name with look-alike domain", "Kaspi Support <support@kаspi.kz>",
			email("support@xn--kspi-53d.kz", "xn--kspi-53d.kz")},
		{"plus tag kept", "user+tag@mail.ru", email("user+tag@mail.ru", "mail.ru")},
		{"subdomain", "a@mail.bank.co.uk", email("a@mail.bank.co.uk", "bank.co.uk")},
		{"IDN domain", "a@bücher.de", email("a@xn--bcher-kva.de", "xn--bcher-kva.de")},
		{"trailing dot", "a@kaspi.kz.", email("a@kaspi.kz", "kaspi.kz")},
		{"symbols", "o'brien!#$%&*/=?^_`{|}~-@example.com", email("o'brien!#$%&*/=?^_`{|}~-@example.com", "example.com")},
		{"64-byte local part", strings.Repeat("a", 64) + "@example.com", email(strings.Repeat("a", 64)+"@example.com", "example.com")},
	})
	runReject(t, ident.ParseEmail, []rejectCase{
		{"no at sign", "no-at-sign.example.com"},
		{"empty local part", "@example.com"},
		{"empty domain", "a@"},
		{"double dot", "a..b@example.com"},
		{"leading dot", ".a@example.com"},
		{"trailing dot", "a.@example.com"},
		{"quoted", "\"a b\"@example.com"},
		{"IP literal", "a@[1.2.3.4]"},
		{"one-label domain", "a@localhost"},
		{"public suffix", "a@com.kz"},
		{"65-byte local part", strings.Repeat("a", 65) + "@example.com"},
		{"non-ASCII local part", "пользователь@mail.ru"},
		{"space", "a b@example.com"},
		{"space in domain", "a@exa mple.com"},
		{"path after domain", "a@example.com/x"},
		{"over 254 bytes", strings.Repeat("a", 64) + "@" + strings.Repeat(strings.Repeat("b", 60)+".", 3) + "example.com"},
	})
}
