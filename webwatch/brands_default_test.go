package webwatch_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/kuzet/kuzet/webwatch"
)

func TestDefaultBrands(t *testing.T) {
	brands := webwatch.DefaultBrands()
	parsed, err := webwatch.ParseBrands(strings.NewReader(webwatch.DefaultWatchlist()))
	if err != nil {
		t.Fatalf("built-in watchlist: %v", err)
	}
	if !slices.EqualFunc(brands, parsed, sameBrand) {
		t.Fatalf("got %d brands, want the %d of the built-in watchlist", len(brands), len(parsed))
	}

	// The quality figures of docs/webwatch.md were measured on the
	// labelled set's watchlist: the default must watch at least that.
	f, err := os.Open("testdata/brands.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	labelled, err := webwatch.ParseBrands(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range labelled {
		if !slices.ContainsFunc(brands, func(d webwatch.Brand) bool { return sameBrand(b, d) }) {
			t.Errorf("brand %s of testdata/brands.txt: not in the built-in watchlist as it is there", b.ID)
		}
	}

	// Callers get a copy.
	brands[0].Domains[0] = "changed.example"
	if got := webwatch.DefaultBrands()[0].Domains[0]; got == "changed.example" {
		t.Errorf("got %q after changing a returned brand, want the built-in domain", got)
	}

	scorer, err := webwatch.NewScorer(webwatch.DefaultBrands())
	if err != nil {
		t.Fatalf("scorer of the built-in watchlist: %v", err)
	}
	for _, tc := range []struct{ domain, verdict, brand string }{
		{"kаspi.kz", "lookalike", "kaspi"},
		{"halyk-bonus.com", "lookalike", "halyk"},
		{"kaspi.kz", "clean", ""},
		{"fortepiano-school.kz", "clean", ""},
	} {
		t.Run(tc.domain, func(t *testing.T) {
			f := scorer.Score(tc.domain)
			if string(f.Verdict) != tc.verdict || (tc.brand != "" && f.Brand != tc.brand) {
				t.Errorf("got %s of %q, want %s of %q", f.Verdict, f.Brand, tc.verdict, tc.brand)
			}
		})
	}
}

func sameBrand(a, b webwatch.Brand) bool {
	return a.ID == b.ID && slices.Equal(a.Domains, b.Domains) && slices.Equal(a.Keywords, b.Keywords) &&
		slices.Equal(a.Partners, b.Partners) && slices.Equal(a.Benign, b.Benign) && slices.Equal(a.Strict, b.Strict)
}

// TestDefaultScorer: the built-in watchlist's scorer is built once and
// scores as one built afresh.
func TestDefaultScorer(t *testing.T) {
	s := webwatch.DefaultScorer()
	if webwatch.DefaultScorer() != s {
		t.Error("DefaultScorer built twice")
	}
	fresh, err := webwatch.NewScorer(webwatch.DefaultBrands())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"kaspi-bonus.kz", "halykk.kz", "fortepiano-school.kz"} {
		if got, want := s.Score(d), fresh.Score(d); got.Verdict != want.Verdict || got.Score != want.Score {
			t.Errorf("%s: got %s %.2f, want %s %.2f", d, got.Verdict, got.Score, want.Verdict, want.Score)
		}
	}
}
