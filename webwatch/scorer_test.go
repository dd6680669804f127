package webwatch_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/webwatch"
)

func TestScore(t *testing.T) {
	s := mustScorer(t)
	tests := []struct {
		domain  string
		verdict webwatch.Verdict
		brand   string
		method  string // one of the methods, "" for none
	}{
		// The examples.
		{"kаspi.kz", webwatch.VerdictLookalike, "kaspi", webwatch.MethodHomoglyph},
		{"halyk-bonus.com", webwatch.VerdictLookalike, "halyk", webwatch.MethodCombosquatting},
		{"egov.kz.verify-id.top", webwatch.VerdictLookalike, "egov", webwatch.MethodBrandSubdomain},
		{"kolesaa.kz", webwatch.VerdictSuspicious, "kolesa", webwatch.MethodRepetition},
		{"kaspi.com", webwatch.VerdictLookalike, "kaspi", webwatch.MethodTLDSwap},
		{"kaspi.top", webwatch.VerdictLookalike, "kaspi", webwatch.MethodSuspiciousTLD},
		{"kaspi-kz.com", webwatch.VerdictLookalike, "kaspi", webwatch.MethodTLDInLabel},
		{"kaspi.kz.com", webwatch.VerdictLookalike, "kaspi", webwatch.MethodTLDInLabel},
		{"kaspi.login-secure.com", webwatch.VerdictLookalike, "kaspi", webwatch.MethodBrandSubdomain},
		{"brand-bonus.site", webwatch.VerdictClean, "", ""},
		// Words that contain or resemble a brand.
		{"kaspiy-neft.kz", webwatch.VerdictClean, "", ""},
		{"fortepiano-school.kz", webwatch.VerdictClean, "", ""},
		{"forte-music.kz", webwatch.VerdictClean, "", ""},
		{"halal-food.kz", webwatch.VerdictClean, "", ""},
		{"kaspiysk.ru", webwatch.VerdictClean, "", ""},
		{"ozone-clinic.kz", webwatch.VerdictClean, "", ""},
		{"post-office.kz", webwatch.VerdictClean, "", ""},
		{"bereke-market.kz", webwatch.VerdictClean, "", ""},
		{"rbk.ru", webwatch.VerdictClean, "", ""},
		// Every kind of imitation.
		{"ka5pi.kz", webwatch.VerdictLookalike, "kaspi", webwatch.MethodHomoglyph},
		{"hornebank.kz", webwatch.VerdictLookalike, "halyk", webwatch.MethodHomoglyph},
		{"vvildberries.kz", webwatch.VerdictLookalike, "wildberries", webwatch.MethodHomoglyph},
		{"һalykbank.kz", webwatch.VerdictLookalike, "halyk", webwatch.MethodMixedScript},
		{"egөv.kz", webwatch.VerdictLookalike, "egov", webwatch.MethodHomoglyph},
		{"каспи.kz", webwatch.VerdictLookalike, "kaspi", webwatch.MethodTransliteration},
		{"kapsi.kz", webwatch.VerdictLookalike, "kaspi", webwatch.MethodTransposition},
		{"kaspo.kz", webwatch.VerdictLookalike, "kaspi", webwatch.MethodReplacement},
		{"kasi.kz", webwatch.VerdictLookalike, "kaspi", webwatch.MethodOmission},
		{"kaspia.kz", webwatch.VerdictLookalike, "kaspi", webwatch.MethodAddition},
		{"halykbamk.kz", webwatch.VerdictLookalike, "halyk", webwatch.MethodReplacement},
		{"elicence.kz", webwatch.VerdictLookalike, "elicense", webwatch.MethodBitsquatting},
		{"kaspe-bonus.kz", webwatch.VerdictLookalike, "kaspi", webwatch.MethodVowelSwap},
		{"kolesa-dostavka.kz", webwatch.VerdictLookalike, "kolesa", webwatch.MethodCombosquatting},
		{"olx-oplata.kz", webwatch.VerdictLookalike, "olx", webwatch.MethodCombosquatting},
		{"kas-pi.kz", webwatch.VerdictLookalike, "kaspi", webwatch.MethodHyphenation},
		{"ka.spi.kz", webwatch.VerdictLookalike, "kaspi", webwatch.MethodDotInsertion},
		{"mykaspi24.kz", webwatch.VerdictLookalike, "kaspi", webwatch.MethodCombosquatting},
		{"wildberis.kz", webwatch.VerdictSuspicious, "wildberries", webwatch.MethodEditDistance},
		{"kaspi-shop.kz", webwatch.VerdictSuspicious, "kaspi", webwatch.MethodCombosquatting},
		{"kaspi.github.io", webwatch.VerdictLookalike, "kaspi", webwatch.MethodTLDSwap},
		{"bcc.com", webwatch.VerdictClean, "", ""},
		{"bcc-online.kz", webwatch.VerdictLookalike, "bcc", webwatch.MethodCombosquatting},
		// Issue 12: the imitation decides, not the vocabulary.
		// Beside a word no list knows (bazhyrau, kyrvetu, zhylmaq are
		// made up), suspicious; beside a lure of the lists, a lookalike.
		{"halyk-bazhyrau.kz", webwatch.VerdictSuspicious, "halyk", webwatch.MethodCombosquatting},
		{"halykbazhyrau.kz", webwatch.VerdictSuspicious, "halyk", webwatch.MethodCombosquatting},
		{"forte-bazhyrau.kz", webwatch.VerdictSuspicious, "forte", webwatch.MethodCombosquatting},
		{"halyk-vozmeshchenie.kz", webwatch.VerdictLookalike, "halyk", webwatch.MethodCombosquatting},
		{"halykvozmeshchenie.kz", webwatch.VerdictLookalike, "halyk", webwatch.MethodCombosquatting},
		{"forte-vozmeshchenie.kz", webwatch.VerdictLookalike, "forte", webwatch.MethodCombosquatting},
		{"halykk.kz", webwatch.VerdictLookalike, "halyk", webwatch.MethodRepetition},
		{"otbsy.kz", webwatch.VerdictLookalike, "otbasy", webwatch.MethodOmission},
		{"otbqsy.kz", webwatch.VerdictLookalike, "otbasy", webwatch.MethodReplacement},
		{"olx.com.kz", webwatch.VerdictLookalike, "olx", webwatch.MethodTLDSwap},
		{"kaspi.com.ru", webwatch.VerdictLookalike, "kaspi", webwatch.MethodTLDSwap},
		{"otbasyhelpdesk.kz", webwatch.VerdictLookalike, "otbasy", webwatch.MethodCombosquatting},
		{"bcc1.kz", webwatch.VerdictSuspicious, "bcc", webwatch.MethodCombosquatting},
		{"forte2026.kz", webwatch.VerdictSuspicious, "forte", webwatch.MethodCombosquatting},
		{"jusan365.kz", webwatch.VerdictSuspicious, "jusan", webwatch.MethodCombosquatting},
		// A strict name glued to a word no list knows: under a throw-away
		// TLD suspicious, under the country's the word's part.
		{"kolesaberuu.xyz", webwatch.VerdictSuspicious, "kolesa", webwatch.MethodCombosquatting},
		{"kolesaberuu.kz", webwatch.VerdictClean, "", ""},
		// A number in a strict name's phrase with an ordinary word is the
		// phrase's (a house, a year), unless under a throw-away TLD.
		{"kolesa-remont-24.kz", webwatch.VerdictClean, "", ""},
		{"forte-kafe-2026.kz", webwatch.VerdictClean, "", ""},
		{"kolesa-remont-24.top", webwatch.VerdictSuspicious, "kolesa", webwatch.MethodCombosquatting},
		{"kaspi-kepildik.kz", webwatch.VerdictSuspicious, "kaspi", webwatch.MethodCombosquatting},
		{"halyk-kyrvetu.com", webwatch.VerdictSuspicious, "halyk", webwatch.MethodCombosquatting},
		{"halyk-syiaqy.com", webwatch.VerdictLookalike, "halyk", webwatch.MethodCombosquatting},
		// A case ending on a brand's name; a strict name's other forms.
		{"kaspiden-zhylmaq.kz", webwatch.VerdictSuspicious, "kaspi", webwatch.MethodCombosquatting},
		{"egovqa-kiru.kz", webwatch.VerdictLookalike, "egov", webwatch.MethodCombosquatting},
		{"homebankte-bonus.kz", webwatch.VerdictLookalike, "halyk", webwatch.MethodCombosquatting},
		{"fortenin-zhylmaq.kz", webwatch.VerdictClean, "", ""}, // a strict name inflected is the word
		{"kolesy-i-shiny.kz", webwatch.VerdictClean, "", ""},
		{"jusan-esep.top", webwatch.VerdictLookalike, "jusan", webwatch.MethodSuspiciousTLD},
		{"жусан-бонус.kz", webwatch.VerdictLookalike, "jusan", webwatch.MethodTransliteration},
		{"halyk-media.kz", webwatch.VerdictSuspicious, "halyk", webwatch.MethodCombosquatting},
		// Strict names, partners, benign words.
		{"fort.kz", webwatch.VerdictClean, "", ""},
		{"post-office.kz", webwatch.VerdictClean, "", ""},
		{"bcc-group.kz", webwatch.VerdictClean, "", ""},
		{"freedom-fitness.kz", webwatch.VerdictClean, "", ""},
		{"kaspiyneft.kz", webwatch.VerdictClean, "", ""},
		{"halyqaralyq-bilim.kz", webwatch.VerdictClean, "", ""},
		{"halyklife.kz", webwatch.VerdictClean, "", ""},
		{"kolesa-xyzqwerty.kz", webwatch.VerdictSuspicious, "kolesa", webwatch.MethodCombosquatting},
	}
	for _, tc := range tests {
		t.Run(tc.domain, func(t *testing.T) {
			f := s.Score(tc.domain)
			if f.Verdict != tc.verdict || f.Brand != tc.brand {
				t.Fatalf("got %s %q (%.2f %v), want %s %q", f.Verdict, f.Brand, f.Score, f.Methods, tc.verdict, tc.brand)
			}
			if tc.method != "" && !slices.Contains(f.Methods, tc.method) {
				t.Errorf("methods: got %v, want %s among them", f.Methods, tc.method)
			}
			if f.Flagged() && (f.Token == "" || f.Imitates == "" || !strings.Contains(f.Explanation, f.Imitates)) {
				t.Errorf("explanation: got token %q, imitates %q, %q", f.Token, f.Imitates, f.Explanation)
			}
			if f.Domain != tc.domain {
				t.Errorf("domain: got %q, want the input %q", f.Domain, tc.domain)
			}
		})
	}
}

func TestScoreKnown(t *testing.T) {
	s := mustScorer(t)
	// halyklife.kz is a partner of halyk in the watchlist: it would be
	// flagged (halyk beside life), and is clean with the brand named.
	for _, d := range []string{"halyklife.kz", "www.halyklife.kz"} {
		if f := s.Score(d); f.Verdict != webwatch.VerdictClean || f.Known != "halyk" || f.Brand != "" {
			t.Errorf("%s: got %+v, want clean and known to halyk", d, f)
		}
	}
	if f := s.Score("halyk-life.kz"); !f.Flagged() {
		t.Errorf("halyk-life.kz: got %s, want flagged: only the partner's own domain is known", f.Verdict)
	}
}

func TestScoreOfficial(t *testing.T) {
	s := mustScorer(t)
	for _, d := range []string{"kaspi.kz", "KASPI.KZ.", "online.kaspi.kz", "a.b.c.homebank.kz", "cabinet.kgd.gov.kz", "https://egov.kz/cms"} {
		t.Run(d, func(t *testing.T) {
			f := s.Score(d)
			if f.Verdict != webwatch.VerdictClean || f.Official == "" || f.Brand != "" {
				t.Errorf("got %+v, want clean and official", f)
			}
		})
	}
}

func TestScoreInvalid(t *testing.T) {
	s := mustScorer(t)
	for _, d := range []string{"", "kaspi", "kaspi..kz", strings.Repeat("k", 64) + ".kz", "xn--zzzz.kz", "\xff\xfe", "☃☃.com", "10.0.0.1"} {
		t.Run(d, func(t *testing.T) {
			f := s.Score(d)
			if f.Verdict != webwatch.VerdictInvalid || f.Error == "" || f.Brand != "" || f.ASCII != "" {
				t.Errorf("got %+v, want invalid with a reason", f)
			}
		})
	}
}

func TestNewScorerErrors(t *testing.T) {
	tests := []struct {
		name   string
		brands []webwatch.Brand
		field  string
	}{
		{"duplicate id", []webwatch.Brand{{ID: "a", Domains: []string{"a.kz"}}, {ID: "a", Domains: []string{"b.kz"}}}, "brands[1].id"},
		{"shared domain", []webwatch.Brand{{ID: "a", Domains: []string{"a.kz"}}, {ID: "b", Domains: []string{"A.KZ"}}}, "brands[1].domains[0]"},
		{"bad id", []webwatch.Brand{{ID: "A", Domains: []string{"a.kz"}}}, "brands[0].id"},
		{"no domain", []webwatch.Brand{{ID: "a"}}, "brands[0].domains"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := webwatch.NewScorer(tc.brands)
			if kuzet.ErrorCode(err) != kuzet.EINVALID {
				t.Fatalf("got %v, want EINVALID", err)
			}
			if f := kuzet.ErrorFields(err); len(f) == 0 || f[0].Field != tc.field {
				t.Errorf("field: got %v, want %q", f, tc.field)
			}
		})
	}
}

func TestScoreNoBrands(t *testing.T) {
	s, err := webwatch.NewScorer(nil)
	if err != nil {
		t.Fatal(err)
	}
	if f := s.Score("kaspi-bonus.top"); f.Verdict != webwatch.VerdictClean {
		t.Errorf("got %s, want clean with an empty watchlist", f.Verdict)
	}
}

// TestScoreDoesNotAllocate: a clean lower-case ASCII name, the bulk of a
// feed, is scored without allocating.
func TestScoreDoesNotAllocate(t *testing.T) {
	s := mustScorer(t)
	for _, d := range []string{"almaty-stroy.kz", "mail.google.com", "best-coffee-shop24.com", "kaspiy-neft.kz"} {
		if n := testing.AllocsPerRun(100, func() { s.Score(d) }); n != 0 {
			t.Errorf("%s: got %v allocations, want 0", d, n)
		}
	}
}

// FuzzScore: any input gets a verdict, never a panic; the verdict agrees
// with the score, a flagged name names its brand and methods, an invalid
// one its reason, and scoring is deterministic.
func FuzzScore(f *testing.F) {
	s := mustScorer(f)
	for _, d := range []string{"kаspi.kz", "halyk-bonus.com", "egov.kz.verify-id.top", "kolesaa.kz", "каспи-бонус.kz",
		"xn--80aqevj.xn--p1ai", "ka.spi.kz", "mykaspi24.kz", "a-b-c-d-e.f.g", "\xff", "*.x", "kaspi", "xn--zzzz.kz"} {
		f.Add(d)
	}
	f.Add("halykvozmeshchenie.kz")
	f.Add("жусан-бонус.kz")
	f.Add("forte2026.com.kz")
	f.Fuzz(func(t *testing.T, d string) {
		got := s.Score(d)
		if got.Score < 0 || got.Score > 1 {
			t.Fatalf("%q: score %v out of [0, 1]", d, got.Score)
		}
		switch got.Verdict {
		case webwatch.VerdictLookalike, webwatch.VerdictSuspicious:
			if got.Brand == "" || len(got.Methods) == 0 || got.Score < 0.4 || got.Token == "" || got.Imitates == "" || got.Explanation == "" {
				t.Fatalf("%q: flagged without brand, methods or score: %+v", d, got)
			}
			if got.Verdict == webwatch.VerdictLookalike && got.Score < 0.7 {
				t.Fatalf("%q: lookalike at %v", d, got.Score)
			}
		case webwatch.VerdictClean:
			if got.Brand != "" || got.Score >= 0.4 {
				t.Fatalf("%q: clean with brand or score: %+v", d, got)
			}
		case webwatch.VerdictInvalid:
			if got.Error == "" {
				t.Fatalf("%q: invalid without a reason", d)
			}
		default:
			t.Fatalf("%q: verdict %q", d, got.Verdict)
		}
		if again := s.Score(d); again.Verdict != got.Verdict || again.Score != got.Score || again.Brand != got.Brand {
			t.Fatalf("%q: got %+v, then %+v", d, got, again)
		}
	})
}

// TestScorerWordIndexFull: a watchlist whose benign words would overflow
// the word index is refused, not read with some of its words missing.
func TestScorerWordIndexFull(t *testing.T) {
	var b strings.Builder
	for i := range 40 {
		fmt.Fprintf(&b, "brand%d brand%d.kz | benign:", i, i)
		for j := range 1000 {
			fmt.Fprintf(&b, " w%dx%dqzvbenignword", i, j)
		}
		b.WriteString("\n")
	}
	brands, err := webwatch.ParseBrands(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := webwatch.NewScorer(brands); kuzet.ErrorCode(err) != kuzet.EINVALID {
		t.Fatalf("NewScorer with 40,000 benign words: got %v, want EINVALID", err)
	}
}
