package ident_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
)

func parseCard(s string) (kuzet.Indicator, error) { return ident.ParseCard(s, testCardKey) }

func card(bin, last4, token string) kuzet.Indicator {
	return kuzet.Indicator{Kind: kuzet.KindCard, Value: bin + "-" + last4 + "-" + token, BIN: bin, Last4: last4}
}

func TestParseCard(t *testing.T) {
	// Tokens computed outside Go: HMAC-SHA256(testCardKey, PAN)[:16] in hex.
	visa := card("411111", "1111", "d66108ceed06926a8551cd1b282cbf7d")
	runAccept(t, parseCard, []acceptCase{
		{"grouped", "4111 1111 1111 1111", visa},
		{"dashes", "4111-1111-1111-1111", visa},
		{"plain, padded", "\t4111111111111111 ", visa},
		{"Mastercard", "5500 0055 5555 5559", card("550000", "5559", "2656632f4a369194fe7984d64ff2cbd8")},
		{"Amex, 15 digits", "3782 822463 10005", card("378282", "0005", "16606dc1eee04dadf2d305a1dc0ae2ee")},
		{"12 digits", "1234 5678 9015", card("123456", "9015", "314e61f1df8f30d02f971e18bb92d032")},
		{"19 digits", "6222 0212 3456 7890 128", card("622202", "0128", "cc6c19c7c0c6a2b510f4c03e39f741cb")},
		{"token form", "411111-1111-d66108ceed06926a8551cd1b282cbf7d", visa},
		{"token form, upper-case hex", "411111-1111-D66108CEED06926A8551CD1B282CBF7D", visa},
	})
	runReject(t, parseCard, []rejectCase{
		{"Luhn", "4111 1111 1111 1112"},
		{"11 digits", "4111 1111 111"},
		{"20 digits", "4111 1111 1111 1111 1111"},
		{"letter", "4111 1111 1111 111x"},
		{"masked", "4111 11** **** 1111"},
		{"token with a bad character", "411111-1111-g66108ceed06926a8551cd1b282cbf7d"},
		{"token too short", "411111-1111-d66108ceed06926a8551cd1b282cbf7"},
	})
}

// TestParseCardNeverEchoes checks that no message carries digits of the
// number, whatever the reason for the rejection.
func TestParseCardNeverEchoes(t *testing.T) {
	digitRun := regexp.MustCompile(`[0-9]{4}`)
	for _, in := range []string{
		"4111 1111 1111 1112", "4111 1111 111", "4111 1111 1111 1111 1111", "4111 1111 1111 111x",
		strings.Repeat("4111", 90),
	} {
		_, err := parseCard(in)
		if err == nil {
			t.Fatalf("parse(%q): got no error, want one", in)
		}
		for _, text := range []string{err.Error(), kuzet.ErrorMessage(err), kuzet.ErrorFields(err)[0].Message} {
			if digitRun.MatchString(text) {
				t.Errorf("got message %q, want no run of card digits", text)
			}
		}
	}
}

// TestParseCardTokenIsHMAC checks the token against crypto/hmac for keys
// on both sides of SHA-256's 64-byte block, where HMAC treats keys apart.
func TestParseCardTokenIsHMAC(t *testing.T) {
	for _, n := range []int{16, 63, 64, 65, 200} {
		key := bytes.Repeat([]byte{byte(n)}, n)
		for _, pan := range []string{"123456789015", "4111111111111111", "6222021234567890128"} {
			mac := hmac.New(sha256.New, key)
			mac.Write([]byte(pan))
			want := pan[:6] + "-" + pan[len(pan)-4:] + "-" + hex.EncodeToString(mac.Sum(nil)[:16])
			got, err := ident.ParseCard(pan, key)
			if err != nil || got.Value != want {
				t.Errorf("key of %d bytes, PAN %s: got %q, %v, want %q", n, pan[:6], got.Value, err, want)
			}
		}
	}
}

func TestParseCardKeyed(t *testing.T) {
	a, err := ident.ParseCard("4111 1111 1111 1111", testCardKey)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ident.ParseCard("4111 1111 1111 1111", []byte("another-deployment-key"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Value == b.Value {
		t.Fatalf("got the same token %s under two keys, want different ones", a.Value)
	}
	if strings.Contains(a.Value, "4111111111111111") {
		t.Fatalf("got value %s, want no PAN in it", a.Value)
	}
}

// TestRewrapCardToken checks that a token migrated from a legacy key is
// the token the same card gets from then on, and that neither key alone
// makes it.
func TestRewrapCardToken(t *testing.T) {
	legacy, key := []byte("legacy-key-kept-in-the-old-store"), []byte("new-key-from-the-key-file-0123456")
	const pan = "4111 1111 1111 1111"
	old, err := ident.ParseCard(pan, legacy)
	if err != nil {
		t.Fatal(err)
	}
	moved, ok := ident.RewrapCardToken(old.Value, key)
	if !ok {
		t.Fatalf("rewrap %q: not a token", old.Value)
	}
	now, err := ident.ParseCardKeys(pan, key, legacy)
	if err != nil {
		t.Fatal(err)
	}
	if moved != now.Value {
		t.Errorf("rewrapped %q, parsed after the migration %q: want the same", moved, now.Value)
	}
	if moved[:12] != old.Value[:12] {
		t.Errorf("BIN and last 4: got %q, want %q", moved[:12], old.Value[:12])
	}
	for _, k := range [][]byte{legacy, key} {
		if alone, _ := ident.ParseCard(pan, k); alone.Value == moved {
			t.Errorf("one key alone makes the migrated token")
		}
	}
	if _, ok := ident.RewrapCardToken("not a token", key); ok {
		t.Error("rewrap of a non-token: got ok")
	}
}
