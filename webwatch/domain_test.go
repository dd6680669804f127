package webwatch_test

import (
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/webwatch"
)

func TestParseName(t *testing.T) {
	tests := []struct {
		in                                  string
		ascii, unicode, suffix, registrable string
	}{
		{"kaspi.kz", "kaspi.kz", "kaspi.kz", "kz", "kaspi.kz"},
		{"  KASPI.KZ.\r", "kaspi.kz", "kaspi.kz", "kz", "kaspi.kz"},
		{"*.online.kaspi.kz", "online.kaspi.kz", "online.kaspi.kz", "kz", "kaspi.kz"},
		{"https://user@Kaspi-Bonus.top:8443/login?x=1#y", "kaspi-bonus.top", "kaspi-bonus.top", "top", "kaspi-bonus.top"},
		{"kаspi.kz", "xn--kspi-53d.kz", "kаspi.kz", "kz", "xn--kspi-53d.kz"},
		{"XN--KSPI-53D.KZ", "xn--kspi-53d.kz", "kаspi.kz", "kz", "xn--kspi-53d.kz"},
		{"ｋａｓｐｉ.kz", "kaspi.kz", "kaspi.kz", "kz", "kaspi.kz"},
		{"cabinet.kgd.gov.kz", "cabinet.kgd.gov.kz", "cabinet.kgd.gov.kz", "gov.kz", "kgd.gov.kz"},
		{"kaspi.github.io", "kaspi.github.io", "kaspi.github.io", "github.io", "kaspi.github.io"},
		{"com.kz", "com.kz", "com.kz", "com.kz", ""},
		{"r3---sn-abc.googlevideo.com", "r3---sn-abc.googlevideo.com", "r3---sn-abc.googlevideo.com", "com", "googlevideo.com"},
		{"каспи.рф", "xn--80aqevj.xn--p1ai", "каспи.рф", "xn--p1ai", "xn--80aqevj.xn--p1ai"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			n, err := webwatch.ParseName(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			want := webwatch.Name{ASCII: tc.ascii, Unicode: tc.unicode, Suffix: tc.suffix, Registrable: tc.registrable}
			if n != want {
				t.Errorf("got %#v %q %q, want %#v %q %q", n, n.Suffix, n.Registrable, want, want.Suffix, want.Registrable)
			}
		})
	}
}

func TestParseNameInvalid(t *testing.T) {
	tests := []struct{ name, in, reason string }{
		{"empty", "", "empty"},
		{"blank", " \t ", "empty"},
		{"single label", "kaspi", "single label"},
		{"empty label", "kaspi..kz", "empty label"},
		{"leading hyphen", "-kaspi.kz", "hyphen"},
		{"trailing hyphen", "kaspi-.kz", "hyphen"},
		{"label over 63 bytes", strings.Repeat("a", 64) + ".kz", "label longer than 63"},
		{"international label over 63 bytes", strings.Repeat("а", 60) + ".kz", "label longer than 63"},
		{"name over 253 bytes", strings.Repeat(strings.Repeat("a", 60)+".", 5) + "kz", "name longer than 253"},
		{"space", "ka spi.kz", "not a letter"},
		{"underscore", "ka_spi.kz", "not a letter"},
		{"bad punycode", "xn--zzzz.kz", "punycode"},
		{"punycode of ASCII", "xn--kaspi-.kz", "hyphen"},
		{"punycode of nothing", "xn--abc.kz", "punycode"},
		{"invalid UTF-8", "ka\xffspi.kz", "UTF-8"},
		{"symbol", "☃.com", "not a letter"},
		{"emoji", "kaspi😀.kz", "not a letter"},
		{"IPv4", "192.168.0.1", "IP address"},
		{"IPv6", "[::1]", "not a letter"},
		{"zero-width joiner", "ka\u200dspi.kz", "international name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n, err := webwatch.ParseName(tc.in)
			if err == nil {
				t.Fatalf("got %#v, want an error", n)
			}
			if code := kuzet.ErrorCode(err); code != kuzet.EINVALID {
				t.Errorf("code: got %q, want %q", code, kuzet.EINVALID)
			}
			if msg := kuzet.ErrorMessage(err); !strings.Contains(msg, tc.reason) {
				t.Errorf("message: got %q, want it to mention %q", msg, tc.reason)
			}
		})
	}
}

// FuzzParseName drives the IDNA path with anything: a name parses or
// fails with EINVALID; a parsed name is valid DNS, and parsing either of
// its forms again gives the same ASCII form.
func FuzzParseName(f *testing.F) {
	for _, s := range []string{"kaspi.kz", "kаspi.kz", "xn--kspi-53d.kz", "xn--zzzz.kz", "KASPI.KZ.",
		"*.a.b.c", "http://x.y/z", "ｋａｓｐｉ.kz", "a\u0301.kz", "☃.com", "\xff", "..", "-.-", "xn--.kz", "1.2.3.4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		n, err := webwatch.ParseName(in)
		if err != nil {
			if code := kuzet.ErrorCode(err); code != kuzet.EINVALID {
				t.Fatalf("code: got %q (%v), want %q", code, err, kuzet.EINVALID)
			}
			return
		}
		if len(n.ASCII) > 253 {
			t.Fatalf("%q: ASCII form of %d bytes", in, len(n.ASCII))
		}
		for _, l := range strings.Split(n.ASCII, ".") {
			if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
				t.Fatalf("%q: bad label %q in %q", in, l, n.ASCII)
			}
			for i := 0; i < len(l); i++ {
				if c := l[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
					t.Fatalf("%q: byte %q in %q", in, c, n.ASCII)
				}
			}
		}
		for _, form := range []string{n.ASCII, n.Unicode} {
			again, err := webwatch.ParseName(form)
			if err != nil {
				t.Fatalf("%q: re-parse of %q: %v", in, form, err)
			}
			if again.ASCII != n.ASCII {
				t.Fatalf("%q: re-parse of %q: got %q, want %q", in, form, again.ASCII, n.ASCII)
			}
		}
	})
}
