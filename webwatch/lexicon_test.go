package webwatch_test

import (
	"strings"
	"testing"

	"github.com/kuzet/kuzet/webwatch"
)

// TestScoreGrammar checks the rules of the general lexicon (lexicon.go,
// inflect.go): words beside a strict name are read with their grammar and
// spellings; what none of them explains stays a finding.
func TestScoreGrammar(t *testing.T) {
	brands, err := webwatch.ParseBrands(strings.NewReader(`
telegram    telegram.org t.me       | telegram
binance     binance.com             | binance
freedom     ffin.kz freedombank.kz  | freedom | strict: freedom
freedompay  freedompay.kz
otbasy      otbasybank.kz           | otbasy | strict: otbasy
bereke      berekebank.kz           | bereke | strict: bereke
`))
	if err != nil {
		t.Fatal(err)
	}
	s, err := webwatch.NewScorer(brands)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		domain  string
		verdict webwatch.Verdict
		brand   string
	}{
		// Kazakh and Russian endings on ordinary words.
		{"otbasy-akademiyasy.kz", webwatch.VerdictClean, ""},
		{"bereke-kitaby.kz", webwatch.VerdictClean, ""},   // kitap, its p voiced
		{"otbasy-shkoly.kz", webwatch.VerdictClean, ""},   // shkola
		{"bereke-tauy.kz", webwatch.VerdictClean, ""},     // tau, a short stem
		{"otbasy-medicina.kz", webwatch.VerdictClean, ""}, // meditsina spelt otherwise
		// What grammar does not explain.
		{"otbasy-zhylmaq.kz", webwatch.VerdictSuspicious, "otbasy"},
		{"otbasyy.kz", webwatch.VerdictSuspicious, "otbasy"}, // a letter repeated is a typo
		{"bereke-oplata.kz", webwatch.VerdictLookalike, "bereke"},
		{"freedom-vyplaty.kz", webwatch.VerdictLookalike, "freedom"}, // a lure inflected
		// A strict name, an ordinary word and a word no list knows: a
		// phrase; with a city or an office instead, a branch's disguise.
		{"otbasy-teatry-zhumbaqtary.kz", webwatch.VerdictClean, ""},
		{"otbasy-almaty-zhylmaq.kz", webwatch.VerdictSuspicious, "otbasy"},
		{"otbasy-ofis-zhylmaq.kz", webwatch.VerdictSuspicious, "otbasy"},
		{"otbasy-teatry-zhylmaq.top", webwatch.VerdictSuspicious, "otbasy"},
		// A long name's typo beside an ordinary word; a Latin name written
		// in Cyrillic without its silent e.
		{"telegramm-web.com", webwatch.VerdictSuspicious, "telegram"},
		{"бинанс-кз.com", webwatch.VerdictLookalike, "binance"},
		// One letter is no name; a longer name over the same letters is
		// the one imitated.
		{"t-bonus.kz", webwatch.VerdictClean, ""},
		{"freedompay-checkout.top", webwatch.VerdictLookalike, "freedompay"},
	} {
		f := s.Score(tc.domain)
		if f.Verdict != tc.verdict || f.Brand != tc.brand {
			t.Errorf("%s: got %s %q (%.2f %v), want %s %q", tc.domain, f.Verdict, f.Brand, f.Score, f.Methods, tc.verdict, tc.brand)
		}
	}
}
