package ident_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
)

func parsePhoneKZ(s string) (kuzet.Indicator, error) { return ident.ParsePhone(s, "") }

func phone(v, region string) kuzet.Indicator {
	return kuzet.Indicator{Kind: kuzet.KindPhone, Value: v, Region: region}
}

func TestParsePhone(t *testing.T) {
	kz := phone("+77011234567", "KZ")
	runAccept(t, parsePhoneKZ, []acceptCase{
		{"national with spaces", "8 701 123 45 67", kz},
		{"international with brackets", "+7(701)1234567", kz},
		{"E.164 without plus", "77011234567", kz},
		{"national with brackets and dashes", "8 (701) 123-45-67", kz},
		{"E.164", "+77011234567", kz},
		{"international with spaces", "+7 701 123 45 67", kz},
		{"country code without plus, spaced", "7 701 123 45 67", kz},
		{"national without trunk prefix", "701 123 45 67", kz},
		{"surrounding white space", "  +77011234567\r\n", kz},
		{"tel URI", "tel:+7-701-123-45-67", kz},
		{"dots", "8.701.123.45.67", kz},
		{"no-break spaces", "+7\u00a0701\u00a0123\u00a045\u00a067", kz},
		{"en dashes", "8–701–123–45–67", kz},
		{"00 prefix", "007 701 123 45 67", kz},
		{"8 10 prefix to KZ", "8 10 7 701 123 45 67", kz},
		{"Astana landline", "8 (7172) 55-12-34", phone("+77172551234", "KZ")},
		// The metadata does not list every KZ range; +7 7xx is KZ anyway.
		{"Almaty landline outside the metadata", "+7 727 123 4567", phone("+77271234567", "KZ")},
		{"Russian mobile", "+7 916 123-45-67", phone("+79161234567", "RU")},
		{"Russian mobile, national", "8 916 123 45 67", phone("+79161234567", "RU")},
		{"Moscow landline", "+7 (495) 123-45-67", phone("+74951234567", "RU")},
		{"UK via 8 10", "8 10 44 20 7946 0958", phone("+442079460958", "GB")},
		{"UK via 00", "0044 20 7946 0958", phone("+442079460958", "GB")},
		{"UK with (0)", "+44 (0)20 7946 0958", phone("+442079460958", "GB")},
		{"UK mobile without plus", "447400123456", phone("+447400123456", "GB")},
		{"US", "+1 (650) 253-0000", phone("+16502530000", "US")},
		{"non-geographic", "+800 1234 5678", phone("+80012345678", "")},
	})
	runReject(t, parsePhoneKZ, []rejectCase{
		{"word", "hello"},
		{"plus only", "+"},
		{"too short", "12345"},
		{"KZ number missing digits", "8 701 123 45"},
		{"KZ number with extra digits", "+7 701 123 45 678"},
		{"unknown country code", "+999 1234567"},
		{"unassigned +7 range", "+7 600 123 4567"},
		{"extension", "8 701 123 45 67 ext. 5"},
		{"vanity letters", "1-800-FLOWERS"},
		{"second plus", "+7 701 +123 45 67"},
		{"hash", "+7 701 123 45 67#"},
		{"too many digits", "+7 701 123 45 67 89 01 23 45"},
		{"zeros", "00000000000"},
		// Valid as +81 (Japan) without the "+", but "8" is the KZ trunk prefix.
		{"mistyped national number", "8 123 456 78 90"},
		{"fullwidth digits", "８７０１１２３４５６７"},
	})
}

func TestFastE164(t *testing.T) {
	cases := []struct {
		in   string
		want string
		ok   bool
	}{
		{"+77011234567", "+77011234567", true},
		{"77011234567", "+77011234567", true},
		{"87011234567", "+77011234567", true},
		{"+77271234567", "+77271234567", true},
		{"+79161234567", "", false},
		{"89161234567", "", false},
		{"+7701123456", "", false},
		{"+770112345678", "", false},
		{"8 701 123 45 67", "", false},
		{"+77011234567 ", "", false},
		{"+7701123456a", "", false},
		{"+442079460958", "", false},
		{"", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := ident.FastE164(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Fatalf("FastE164(%q): got %q, %v, want %q, %v", tc.in, got, ok, tc.want, tc.ok)
			}
			if !ok {
				return
			}
			// The fast path must never disagree with the full parser.
			ind, err := ident.ParsePhone(tc.in, "KZ")
			if err != nil || ind.Value != got {
				t.Fatalf("ParsePhone(%q): got %q, %v, want %q as FastE164", tc.in, ind.Value, err, got)
			}
		})
	}
}

// TestParsePhoneConcurrent parses the same foreign numbers from several
// goroutines, as the API does, so that -race sees the verdict cache shared.
func TestParsePhoneConcurrent(t *testing.T) {
	cases := map[string]string{
		"+44 20 7946 0958":   "+442079460958",
		"+1 (650) 253-0000":  "+16502530000",
		"8 916 123 45 67":    "+79161234567",
		"+7 (495) 123-45-67": "+74951234567",
		"+7 600 123 4567":    "",
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(cases)*20)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				for in, want := range cases {
					got, err := ident.ParsePhone(in, "KZ")
					if got.Value != want || (want == "") != (err != nil) {
						errs <- fmt.Sprintf("ParsePhone(%q): got %q, %v, want %q", in, got.Value, err, want)
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
