package ident_test

import (
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
)

func url(v, reg string) kuzet.Indicator {
	return kuzet.Indicator{Kind: kuzet.KindURL, Value: v, Registrable: reg}
}

func TestParseURL(t *testing.T) {
	runAccept(t, ident.ParseURL, []acceptCase{
		{"upper-case scheme and host", "HTTP://Example.COM", url("http://example.com/", "example.com")},
		{"default port, fragment", "https://kaspi.kz:443/login?x=1#frag", url("https://kaspi.kz/login?x=1", "kaspi.kz")},
		{"default http port", "http://kaspi.kz:80", url("http://kaspi.kz/", "kaspi.kz")},
		{"padded default port", "http://kaspi.kz:0080/", url("http://kaspi.kz/", "kaspi.kz")},
		{"other port kept", "http://kaspi.kz:8080/", url("http://kaspi.kz:8080/", "kaspi.kz")},
		{"no scheme", "example.com/login", url("http://example.com/login", "example.com")},
		{"no scheme, with port", "example.com:8080/login", url("http://example.com:8080/login", "example.com")},
		{"bare host from an SMS", "www.Kaspi-Bonus.kz", url("http://www.kaspi-bonus.kz/", "kaspi-bonus.kz")},
		{"scheme-relative", "//cdn.example.com/x.js", url("http://cdn.example.com/x.js", "example.com")},
		{"look-alike host, Cyrillic path", "https://kаspi.kz/вход",
			url("https://xn--kspi-53d.kz/%D0%B2%D1%85%D0%BE%D0%B4", "xn--kspi-53d.kz")},
		{"unreserved escapes decoded", "http://example.com/%7euser/%41%2f%3a", url("http://example.com/~user/A%2F%3A", "example.com")},
		{"space encoded", "http://example.com/a b", url("http://example.com/a%20b", "example.com")},
		{"stray percent encoded", "http://example.com/100%", url("http://example.com/100%25", "example.com")},
		{"dot segments", "http://example.com/a/./b/../c", url("http://example.com/a/c", "example.com")},
		{"trailing dot segment", "http://example.com/a/b/..", url("http://example.com/a/", "example.com")},
		{"escaped dot segment", "http://example.com/a/%2E%2E/b", url("http://example.com/b", "example.com")},
		{"empty query", "http://example.com/?", url("http://example.com/", "example.com")},
		{"query escapes", "HTTPS://EXAMPLE.COM/Path?Q=A%2b&r=%7E", url("https://example.com/Path?Q=A%2B&r=~", "example.com")},
		{"query without path", "http://example.com?a=1", url("http://example.com/?a=1", "example.com")},
		{"user information", "http://user:pass@example.com/", url("http://user:pass@example.com/", "example.com")},
		{"brand as user information", "http://kaspi.kz@evil.example.com/login",
			url("http://kaspi.kz@evil.example.com/login", "example.com")},
		{"IPv4 host", "http://192.168.1.1/admin", url("http://192.168.1.1/admin", "")},
		{"hex and short IPv4", "http://0x7f.1/", url("http://127.0.0.1/", "")},
		{"decimal IPv4", "http://2130706433/", url("http://127.0.0.1/", "")},
		{"octal IPv4", "http://0300.0250.01.01/", url("http://192.168.1.1/", "")},
		{"mapped IPv6", "http://[::FFFF:127.0.0.1]/", url("http://127.0.0.1/", "")},
		{"IPv6 with port", "http://[2001:DB8::1]:8080/x", url("http://[2001:db8::1]:8080/x", "")},
		{"backslashes", "https:\\\\evil.com\\path", url("https://evil.com/path", "evil.com")},
		{"single slash", "https:/evil.com/x", url("https://evil.com/x", "evil.com")},
		{"ftp default port", "ftp://files.example.com:21/pub", url("ftp://files.example.com/pub", "example.com")},
		{"percent-encoded host", "http://%6Baspi.kz/", url("http://kaspi.kz/", "kaspi.kz")},
		{"trailing-dot host", "http://kaspi.kz./", url("http://kaspi.kz/", "kaspi.kz")},
		{"brackets in path", "http://example.com/a[1]{2}|", url("http://example.com/a%5B1%5D%7B2%7D%7C", "example.com")},
	})
	runReject(t, ident.ParseURL, []rejectCase{
		{"javascript", "javascript:alert(1)"},
		{"mailto", "mailto:a@b.com"},
		{"file", "file:///etc/passwd"},
		{"data", "data:text/html,hi"},
		{"no host", "http://"},
		{"only a port", "http://:8080/"},
		{"one-label host", "http://localhost/"},
		{"space in host", "http://exa mple.com/"},
		{"port out of range", "http://example.com:99999/"},
		{"port zero", "http://example.com:0/"},
		{"port not a number", "http://example.com:abc/"},
		{"IPv6 zone", "http://[fe80::1%25eth0]/"},
		{"unclosed bracket", "http://[2001:db8::1/"},
		{"IPv4 part too big", "http://256.1.1.1/"},
		{"five IPv4 parts", "http://1.2.3.4.5/"},
		{"public suffix host", "http://com.kz/"},
		{"control character", "http://example.com/\x00"},
		{"newline inside", "http://example.com/a\nb"},
		{"bad host escape", "http://%zzexample.com/"},
		{"underscore host", "http://a_b.example.com/"},
	})
	long := "http://example.com/" + strings.Repeat("a", 2048-len("http://example.com/"))
	if got, err := ident.ParseURL(long); err != nil || got.Value != long {
		t.Errorf("2048-byte URL: got %.40q…, %v, want it accepted", got.Value, err)
	}
	// 2000 bytes in, over 2048 once the spaces are encoded.
	grown := "http://example.com/" + strings.Repeat(" a", 990)
	if _, err := ident.ParseURL(grown); err == nil {
		t.Errorf("URL growing past 2048 bytes: got no error, want one")
	} else {
		checkInvalid(t, err)
	}
}
