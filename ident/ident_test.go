package ident_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
)

// testCardKey is the card token key of every test; the expected tokens in
// card_test.go were computed from it independently of this package.
var testCardKey = []byte("kuzet-test-card-key-0123456789")

type acceptCase struct {
	name string
	in   string
	want kuzet.Indicator
}

type rejectCase struct {
	name string
	in   string
}

// runAccept checks that parse normalizes every case to exactly want.
func runAccept(t *testing.T, parse func(string) (kuzet.Indicator, error), cases []acceptCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parse(tc.in)
			if err != nil {
				t.Fatalf("parse(%q): got error %v, want %+v", tc.in, err, tc.want)
			}
			if got != tc.want {
				t.Fatalf("parse(%q): got %+v, want %+v", tc.in, got, tc.want)
			}
		})
	}
}

// runReject checks that parse rejects every case as the API promises.
func runReject(t *testing.T, parse func(string) (kuzet.Indicator, error), cases []rejectCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parse(tc.in)
			if err == nil {
				t.Fatalf("parse(%q): got %+v, want an error", tc.in, got)
			}
			checkInvalid(t, err)
		})
	}
}

// checkInvalid checks the shape every client-caused rejection has: an
// *kuzet.Error with code invalid and one field error on "value".
func checkInvalid(t *testing.T, err error) {
	t.Helper()
	var e *kuzet.Error
	if !errors.As(err, &e) {
		t.Fatalf("got error %T %v, want *kuzet.Error", err, err)
	}
	if e.Code != kuzet.EINVALID {
		t.Fatalf("got code %q, want %q (%v)", e.Code, kuzet.EINVALID, err)
	}
	if len(e.Fields) != 1 || e.Fields[0].Field != "value" || e.Fields[0].Message == "" {
		t.Fatalf("got fields %+v, want one field error on \"value\" with a message", e.Fields)
	}
}

func TestParserDispatch(t *testing.T) {
	p := &ident.Parser{CardKey: testCardKey}
	cases := []struct {
		kind kuzet.Kind
		in   string
		want string
	}{
		{kuzet.KindPhone, "8 (701) 123-45-67", "+77011234567"},
		{kuzet.KindIBAN, "kz86 125k zt50 0410 0100", "KZ86125KZT5004100100"},
		{kuzet.KindAccount, "4081-7810-0999-9123", "4081781009999123"},
		{kuzet.KindCard, "4111 1111 1111 1111", "411111-1111-d66108ceed06926a8551cd1b282cbf7d"},
		{kuzet.KindIMEI, "49-015420-323751-8", "490154203237518"},
		{kuzet.KindDomain, "KАSPI-bonus.KZ.", "xn--kspi-bonus-zqi.kz"},
		{kuzet.KindURL, "Kaspi-Bonus.kz/login", "http://kaspi-bonus.kz/login"},
		{kuzet.KindIP, "::ffff:192.0.2.1", "192.0.2.1"},
		{kuzet.KindWallet, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"},
		{kuzet.KindEmail, "Support <Help@Kaspi.KZ>", "help@kaspi.kz"},
	}
	seen := map[kuzet.Kind]bool{}
	for _, tc := range cases {
		seen[tc.kind] = true
		t.Run(string(tc.kind), func(t *testing.T) {
			got, err := p.Parse(tc.kind, tc.in)
			if err != nil {
				t.Fatalf("Parse(%s, %q): got error %v, want %q", tc.kind, tc.in, err, tc.want)
			}
			if got.Kind != tc.kind || got.Value != tc.want {
				t.Fatalf("Parse(%s, %q): got %s:%s, want %s:%s", tc.kind, tc.in, got.Kind, got.Value, tc.kind, tc.want)
			}
		})
	}
	for _, k := range kuzet.Kinds {
		if !seen[k] {
			t.Errorf("kind %s: got no dispatch case, want one per kind", k)
		}
	}
}

func TestParserUnknownKind(t *testing.T) {
	p := &ident.Parser{}
	for _, kind := range []kuzet.Kind{"", "PHONE", "msisdn", kuzet.Kind(strings.Repeat("x", 1000))} {
		_, err := p.Parse(kind, "+77011234567")
		var e *kuzet.Error
		if !errors.As(err, &e) || e.Code != kuzet.EINVALID || len(e.Fields) != 1 || e.Fields[0].Field != "kind" {
			t.Fatalf("Parse(%.20q): got %v, want EINVALID on field kind", kind, err)
		}
		if strings.Contains(e.Message, "xxxx") {
			t.Errorf("got message %q, want the kind not echoed", e.Message)
		}
	}
}

func TestParserDefaultRegion(t *testing.T) {
	cases := []struct {
		region string
		in     string
		want   string
		cc     string
	}{
		{"", "8 701 123 45 67", "+77011234567", "KZ"},
		{"KZ", "8 (7172) 55-12-34", "+77172551234", "KZ"},
		{"RU", "8 916 123-45-67", "+79161234567", "RU"},
		{"gb", "020 7946 0958", "+442079460958", "GB"},
	}
	for _, tc := range cases {
		t.Run(tc.region+"/"+tc.in, func(t *testing.T) {
			p := &ident.Parser{DefaultRegion: tc.region}
			got, err := p.Parse(kuzet.KindPhone, tc.in)
			if err != nil {
				t.Fatalf("got error %v, want %s", err, tc.want)
			}
			if got.Value != tc.want || got.Region != tc.cc {
				t.Fatalf("got %s (%s), want %s (%s)", got.Value, got.Region, tc.want, tc.cc)
			}
		})
	}
	_, err := (&ident.Parser{DefaultRegion: "XX"}).Parse(kuzet.KindPhone, "8 701 123 45 67")
	if got := kuzet.ErrorCode(err); got != kuzet.EINTERNAL {
		t.Fatalf("unknown default region: got code %q (%v), want %q", got, err, kuzet.EINTERNAL)
	}
}

func TestParserCardKey(t *testing.T) {
	for _, key := range [][]byte{nil, []byte("short-key-15byte")[:15]} {
		_, err := (&ident.Parser{CardKey: key}).Parse(kuzet.KindCard, "4111 1111 1111 1111")
		if got := kuzet.ErrorCode(err); got != kuzet.EINTERNAL {
			t.Fatalf("key of %d bytes: got code %q (%v), want %q", len(key), got, err, kuzet.EINTERNAL)
		}
		if strings.Contains(err.Error(), "4111") {
			t.Fatalf("got error %q, want no card digits in it", err)
		}
	}
}

// TestEmptyAndOversized checks the limits that every parser shares.
func TestEmptyAndOversized(t *testing.T) {
	p := &ident.Parser{CardKey: testCardKey}
	for _, kind := range kuzet.Kinds {
		limit := 320
		if kind == kuzet.KindURL {
			limit = 2048
		}
		for name, in := range map[string]string{
			"empty":     "",
			"blank":     " \t\r\n\u00a0\u200b\ufeff",
			"oversized": strings.Repeat("1", limit+1),
		} {
			t.Run(string(kind)+"/"+name, func(t *testing.T) {
				got, err := p.Parse(kind, in)
				if err == nil {
					t.Fatalf("got %+v, want an error", got)
				}
				checkInvalid(t, err)
			})
		}
	}
}
