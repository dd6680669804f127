package ident_test

import (
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
)

func domain(v, reg string) kuzet.Indicator {
	return kuzet.Indicator{Kind: kuzet.KindDomain, Value: v, Registrable: reg}
}

func TestParseDomain(t *testing.T) {
	runAccept(t, ident.ParseDomain, []acceptCase{
		{"mixed case", "Example.COM", domain("example.com", "example.com")},
		{"trailing dot", "kaspi.kz.", domain("kaspi.kz", "kaspi.kz")},
		{"padded", "  www.kaspi.kz\t", domain("www.kaspi.kz", "kaspi.kz")},
		// A Cyrillic "а" among Latin letters: the look-alike must be kept.
		{"mixed-script look-alike", "kаspi.kz", domain("xn--kspi-53d.kz", "xn--kspi-53d.kz")},
		{"look-alike, upper case, trailing dot", "KАSPI-bonus.KZ.", domain("xn--kspi-bonus-zqi.kz", "xn--kspi-bonus-zqi.kz")},
		{"subdomain of a look-alike", "login.kаspi.kz", domain("login.xn--kspi-53d.kz", "xn--kspi-53d.kz")},
		{"umlaut", "bücher.de", domain("xn--bcher-kva.de", "xn--bcher-kva.de")},
		{"punycode upper case", "XN--BCHER-KVA.DE", domain("xn--bcher-kva.de", "xn--bcher-kva.de")},
		{"Cyrillic TLD", "пример.рф", domain("xn--e1afmkfd.xn--p1ai", "xn--e1afmkfd.xn--p1ai")},
		{"Japanese", "例え.テスト", domain("xn--r8jz45g.xn--zckzah", "xn--r8jz45g.xn--zckzah")},
		{"ideographic full stop", "abc。com", domain("abc.com", "abc.com")},
		{"two-level public suffix", "login.secure.bank.co.uk", domain("login.secure.bank.co.uk", "bank.co.uk")},
		{"double hyphens inside a label", "r3---sn-abc.googlevideo.com", domain("r3---sn-abc.googlevideo.com", "googlevideo.com")},
		{"site under a private suffix", "evil.github.io", domain("evil.github.io", "evil.github.io")},
		{"a private suffix itself", "github.io", domain("github.io", "")},
		// UTS #46 allows symbols that IDNA2008 does not; browsers resolve them.
		{"symbol", "kaspi\u2665.kz", domain("xn--kaspi-gs1c.kz", "xn--kaspi-gs1c.kz")},
		{"unknown TLD", "fraud.notatld", domain("fraud.notatld", "fraud.notatld")},
		{"digits in labels", "1xbet-kz.com", domain("1xbet-kz.com", "1xbet-kz.com")},
		{"63-byte label", strings.Repeat("a", 63) + ".com", domain(strings.Repeat("a", 63)+".com", strings.Repeat("a", 63)+".com")},
	})
	long := strings.Repeat(strings.Repeat("a", 49)+".", 5) + "com" // 253 bytes
	if got, err := ident.ParseDomain(long); err != nil || got.Value != long {
		t.Errorf("253-byte domain: got %q, %v, want it accepted", got.Value, err)
	}
	runReject(t, ident.ParseDomain, []rejectCase{
		{"URL", "http://kaspi.kz"},
		{"path", "kaspi.kz/login"},
		{"backslash path", "kaspi.kz\\login"},
		{"e-mail", "user@kaspi.kz"},
		{"IPv4", "1.2.3.4"},
		{"IPv6", "[2001:db8::1]"},
		{"port", "kaspi.kz:443"},
		{"one label", "localhost"},
		{"ICANN public suffix", "com.kz"},
		{"TLD", "kz."},
		{"leading hyphen", "-abc.com"},
		{"trailing hyphen", "abc-.com"},
		{"underscore", "a_b.com"},
		{"empty label", "a..b.com"},
		{"leading dot", ".kaspi.kz"},
		{"two trailing dots", "kaspi.kz.."},
		{"64-byte label", strings.Repeat("a", 64) + ".com"},
		{"254 bytes", "a" + long},
		{"bad punycode", "xn--a.com"},
		{"space", "exa mple.com"},
		{"numeric TLD", "1.2.3.999"},
		{"disallowed symbol", "kas<pi>.kz"},
		{"control character", "kaspi\u0007.kz"},
	})
}
