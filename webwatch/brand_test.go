package webwatch_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/webwatch"
)

func TestParseBrands(t *testing.T) {
	in := "\ufeff# brand  official domains\n" +
		"kaspi   kaspi.kz\n" +
		"\n" +
		"halyk   HalykBank.kz homebank.kz. halykbank.kz | halyk Halyk-Bank   # comment\n" +
		"  egov    egov.kz\r\n" +
		"kazpost post.kz kаzpost.kz\n"
	got, err := webwatch.ParseBrands(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []webwatch.Brand{
		{ID: "kaspi", Domains: []string{"kaspi.kz"}, Keywords: []string{}},
		{ID: "halyk", Domains: []string{"halykbank.kz", "homebank.kz"}, Keywords: []string{"halyk", "halykbank"}},
		{ID: "egov", Domains: []string{"egov.kz"}, Keywords: []string{}},
		{ID: "kazpost", Domains: []string{"post.kz", "xn--kzpost-3nf.kz"}, Keywords: []string{}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
}

func TestParseBrandsDirectives(t *testing.T) {
	in := "halyk halykbank.kz | halyk | partners: HalykLife.kz halyklife.kz | benign: halyq-uni.kz Halyqaralyq\n" +
		"forte fortebank.com | strict: Forte | forte\n" +
		"kolesa kolesa.kz | strict: kolesa\n" +
		"flyarystan flyarystan.com | strict: arystan\n" // a part of a name beside a word: a keyword too
	got, err := webwatch.ParseBrands(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []webwatch.Brand{
		{ID: "halyk", Domains: []string{"halykbank.kz"}, Keywords: []string{"halyk"},
			Partners: []string{"halyklife.kz"}, Benign: []string{"halyq-uni.kz", "halyqaralyq"}},
		{ID: "forte", Domains: []string{"fortebank.com"}, Keywords: []string{"forte"}, Strict: []string{"forte"}},
		{ID: "kolesa", Domains: []string{"kolesa.kz"}, Keywords: []string{}, Strict: []string{"kolesa"}},
		{ID: "flyarystan", Domains: []string{"flyarystan.com"}, Keywords: []string{"arystan"}, Strict: []string{"arystan"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
}

func TestParseBrandsErrors(t *testing.T) {
	tests := []struct {
		name, in, field string
	}{
		{"no domain", "kaspi\n", "line 1.domains"},
		{"upper-case id", "Kaspi kaspi.kz\n", "line 1.id"},
		{"underscore in id", "kaspi_bank kaspi.kz\n", "line 1.id"},
		{"hyphen ends id", "kaspi- kaspi.kz\n", "line 1.id"},
		{"bad domain", "kaspi kaspi..kz\n", "line 1.domains[0]"},
		{"top-level domain", "kaspi kaspi.kz kz\n", "line 1.domains[1]"},
		{"duplicate id", "kaspi kaspi.kz\nkaspi kaspi.com\n", "line 2"},
		{"domain of two brands", "kaspi kaspi.kz\nother kaspi.kz\n", "line 2"},
		{"bar without keywords", "kaspi kaspi.kz |\n", "line 1"},
		{"keywords without brand", "| kaspi\n", "line 1"},
		{"short keyword", "kaspi kaspi.kz | k\n", "line 1.keywords[0]"},
		{"non-ASCII keyword", "kaspi kaspi.kz | каспи\n", "line 1.keywords[0]"},
		{"empty section", "kaspi kaspi.kz | kaspi |\n", "line 1"},
		{"two keyword lists", "kaspi kaspi.kz | kaspi | kaspikz\n", "line 1"},
		{"unknown directive", "kaspi kaspi.kz | blocked: kaspi\n", "line 1"},
		{"directive twice", "kaspi kaspi.kz | benign: kaspiy | benign: kaspian\n", "line 1"},
		{"empty directive", "kaspi kaspi.kz | partners:\n", "line 1"},
		{"bad partner", "kaspi kaspi.kz | partners: kaspi..kz\n", "line 1.partners[0]"},
		{"partner a top-level domain", "kaspi kaspi.kz | partners: com\n", "line 1.partners[0]"},
		{"bad benign word", "kaspi kaspi.kz | benign: ka\n", "line 1.benign[0]"},
		{"strict name not the brand's", "forte fortebank.com | strict: fort\n", "line 1.strict[0]"},
		{"strict part beside no word", "flyarystan flyarystan.com | strict: yarystan\n", "line 1.strict[0]"},
		{"line too long", "kaspi " + strings.Repeat("a", 70<<10) + ".kz\n", "brands"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := webwatch.ParseBrands(strings.NewReader(tc.in))
			if got := kuzet.ErrorCode(err); got != kuzet.EINVALID {
				t.Fatalf("code: got %q (%v), want %q", got, err, kuzet.EINVALID)
			}
			fields := kuzet.ErrorFields(err)
			if len(fields) == 0 || fields[0].Field != tc.field {
				t.Errorf("field: got %v, want %q", fields, tc.field)
			}
		})
	}
}

func TestWriteBrandsRoundTrip(t *testing.T) {
	brands := []webwatch.Brand{
		{ID: "halyk", Domains: []string{"halykbank.kz", "homebank.kz"}, Keywords: []string{"halyk"},
			Partners: []string{"halyklife.kz"}, Benign: []string{"halyqaralyq", "halyk-media.kz"}, Strict: []string{"halyk"}},
		{ID: "kaspi", Domains: []string{"kaspi.kz"}, Keywords: []string{}},
	}
	var buf bytes.Buffer
	if err := webwatch.WriteBrands(&buf, brands); err != nil {
		t.Fatal(err)
	}
	got, err := webwatch.ParseBrands(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, brands) {
		t.Errorf("got %#v, want %#v", got, brands)
	}
}

func TestTestdataBrands(t *testing.T) {
	s := mustScorer(t)
	if n := len(s.Brands()); n < 50 {
		t.Errorf("testdata/brands.txt: got %d brands, want at least 50", n)
	}
}

// FuzzParseBrands: any input parses or fails with EINVALID, never panics;
// what parses writes back to a file that parses to the same brands.
func FuzzParseBrands(f *testing.F) {
	f.Add("kaspi kaspi.kz\nhalyk halykbank.kz homebank.kz | halyk\n")
	f.Add("# c\n\negov egov.kz # e-gov\n")
	f.Add("a xn--80ak6aa92e.com | abc-def\n")
	f.Add("x ☃.com\n")
	f.Add("forte fortebank.com | forte | strict: forte | partners: fortemarket.kz | benign: fortepiano forte.kz\n")
	f.Add("a a.kz | benign: a.b.c | strict: a\n")
	f.Fuzz(func(t *testing.T, in string) {
		brands, err := webwatch.ParseBrands(strings.NewReader(in))
		if err != nil {
			if code := kuzet.ErrorCode(err); code != kuzet.EINVALID {
				t.Fatalf("code: got %q (%v), want %q", code, err, kuzet.EINVALID)
			}
			return
		}
		var buf bytes.Buffer
		if err := webwatch.WriteBrands(&buf, brands); err != nil {
			t.Fatal(err)
		}
		again, err := webwatch.ParseBrands(&buf)
		if err != nil {
			t.Fatalf("re-parse of %q: %v", buf.String(), err)
		}
		if !reflect.DeepEqual(again, brands) {
			t.Fatalf("round trip: got %#v, want %#v", again, brands)
		}
		if _, err := webwatch.NewScorer(brands); err != nil {
			t.Fatalf("NewScorer of parsed brands: %v", err)
		}
	})
}

// TestPublicSuffixDomains: a second-level public suffix a watchlist lists
// (gov.kz, the state portal's own name) is the brand's own, or known, as
// itself only: the names registered under it are judged like any other.
func TestPublicSuffixDomains(t *testing.T) {
	brands, err := webwatch.ParseBrands(strings.NewReader("gov gov.kz\nkgd kgd.gov.kz | salyk | partners: gov.kz\nkaspi kaspi.kz\n"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := webwatch.NewScorer(brands)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		domain, official string
		flagged          bool
	}{
		{"gov.kz", "gov", false},
		{"kgd.gov.kz", "kgd", false},
		{"kaspi-bonus.gov.kz", "", true},
	} {
		f := s.Score(tc.domain)
		if f.Official != tc.official || f.Flagged() != tc.flagged {
			t.Errorf("%s: got %+v, want official %q, flagged %v", tc.domain, f, tc.official, tc.flagged)
		}
	}
}
