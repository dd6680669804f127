package console

import (
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/cases"
)

// dynamicKeys are the keys templates build from values (printf "kind.%s").
func dynamicKeys() []string {
	var keys []string
	add := func(prefix string, vals ...string) {
		for _, v := range vals {
			keys = append(keys, prefix+v)
		}
	}
	for _, k := range kuzet.Kinds {
		add("kind.", string(k))
	}
	for _, k := range checkKinds {
		add("portal.check.invalid.", string(k))
	}
	for _, r := range []kuzet.Risk{kuzet.RiskNone, kuzet.RiskLow, kuzet.RiskMedium, kuzet.RiskHigh, kuzet.RiskCritical} {
		add("risk.", string(r))
		add("advice.", string(r))
	}
	for _, r := range kuzet.CallReasons {
		add("reason.", string(r))
	}
	add("channel.", reportChannels...)
	add("scheme.", reportSchemes...)
	add("prevention.", reportSchemes[:len(reportSchemes)-1]...)
	for _, s := range findingStatuses {
		add("wstatus.", string(s))
	}
	for _, s := range []kuzet.WebSource{kuzet.WebSourceCT, kuzet.WebSourceFeed, kuzet.WebSourceCitizen, kuzet.WebSourceAnalyst} {
		add("source.", string(s))
	}
	for _, s := range []kuzet.BlockingStatus{kuzet.BlockingPending, kuzet.BlockingBlocked, kuzet.BlockingRejected, kuzet.BlockingGone} {
		add("bstatus.", string(s))
	}
	for _, s := range []kuzet.SimboxSuspectStatus{kuzet.SimboxSuspectOpen, kuzet.SimboxSuspectConfirmed, kuzet.SimboxSuspectDismissed} {
		add("sstatus.", string(s))
	}
	add("verdict.", string(kuzet.SimboxVerdictSimbox), string(kuzet.SimboxVerdictSuspect))
	for _, s := range []kuzet.FreezeStatus{kuzet.FreezeOpen, kuzet.FreezeFrozen, kuzet.FreezeInsufficientFunds,
		kuzet.FreezeAccountNotFound, kuzet.FreezeRejected, kuzet.FreezeLeftSystem} {
		add("fstatus.", string(s))
	}
	for _, d := range []kuzet.Decision{kuzet.DecisionAllow, kuzet.DecisionReview, kuzet.DecisionHold, kuzet.DecisionBlock} {
		add("decision.", string(d))
	}
	add("cat.", string(kuzet.CategoryPhishingSite), string(kuzet.CategoryFakeShop))
	add("web.done.", "confirmed", "dismissed")
	for _, st := range kuzet.CaseWorkflow {
		add("cstatus.", string(st))
	}
	for _, t := range kuzet.TLPs {
		add("tlp.", string(t))
	}
	add("gtype.", graphTypes...)
	add("cscheme.", cases.Schemes...)
	add("cchannel.", cases.Channels...)
	add("region.", cases.Regions...)
	add("cchange.", "assignee", "tlp", "title", "region")
	add("ccstatus.", string(kuzet.CallCentreActive), string(kuzet.CallCentreShutDown))
	add("case.done.", "status", "saved", "note", "task", "suspect", "created", "callcentre")
	for _, e := range navEntries {
		keys = append(keys, e.key)
	}
	return keys
}

var (
	templateKey = regexp.MustCompile(`\.L\.T "([^"]+)"`)
	codeKey     = regexp.MustCompile(`(?:T\(|Title:\s*|Title, p\.Data = |Title = |Error:\s*|Error = )"([a-z_]+(?:\.[a-z_]+)+)"`)
	action      = regexp.MustCompile(`(?s)\{\{.*?\}\}`)
	tag         = regexp.MustCompile(`(?s)<[^>]*>`)
	textAttr    = regexp.MustCompile(`(?:placeholder|aria-label|title|alt)="([^"]*)"`)
)

// usedKeys are the keys the templates and the code name literally.
func usedKeys(t *testing.T) []string {
	var keys []string
	names, _ := fs.Glob(templateFS, "templates/*.html")
	for _, n := range names {
		b, _ := templateFS.ReadFile(n)
		for _, m := range templateKey.FindAllStringSubmatch(string(b), -1) {
			keys = append(keys, m[1])
		}
	}
	files, _ := fs.Glob(os.DirFS("."), "*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "messages.go" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range codeKey.FindAllStringSubmatch(string(b), -1) {
			keys = append(keys, m[1])
		}
	}
	if len(keys) < 100 {
		t.Fatalf("found %d keys in use: the test is not reading the templates", len(keys))
	}
	return keys
}

// TestCatalogueComplete fails on a key missing in any language, a key used
// that the catalogue lacks, or an empty message.
func TestCatalogueComplete(t *testing.T) {
	want := append(usedKeys(t), dynamicKeys()...)
	for lang, m := range catalogue {
		for _, k := range want {
			if _, ok := m[k]; !ok {
				t.Errorf("%s: key %q is used but missing", lang, k)
			}
		}
		for k, v := range m {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: key %q is empty", lang, k)
			}
			for other, om := range catalogue {
				if _, ok := om[k]; !ok {
					t.Errorf("%s: key %q (in %s) is missing", other, k, lang)
				}
			}
		}
	}
	if len(catalogue) != len(Langs) {
		t.Errorf("catalogue has %d languages, want %d", len(catalogue), len(Langs))
	}
}

// TestTemplatesHaveNoText fails on words written into a template rather
// than taken from the catalogue: between tags, or in an attribute a person
// reads.
func TestTemplatesHaveNoText(t *testing.T) {
	names, _ := fs.Glob(templateFS, "templates/*.html")
	for _, n := range names {
		b, _ := templateFS.ReadFile(n)
		src := action.ReplaceAllString(string(b), "")
		for _, m := range textAttr.FindAllStringSubmatch(src, -1) {
			if strings.IndexFunc(m[1], unicode.IsLetter) >= 0 {
				t.Errorf("%s: attribute text %q is not from the catalogue", n, m[1])
			}
		}
		text := tag.ReplaceAllString(src, " ")
		text = strings.ReplaceAll(text, "&amp;", "")
		for _, w := range strings.Fields(text) {
			if strings.IndexFunc(w, unicode.IsLetter) >= 0 && w != "doctype" {
				t.Errorf("%s: text %q is not from the catalogue", n, w)
			}
		}
	}
}

func TestLanguagesDiffer(t *testing.T) {
	// A message copied untranslated is allowed (names of languages, IBAN),
	// but most must differ, or a language was filled with another's text.
	same := 0
	for k, v := range catalogue["en"] {
		if catalogue["ru"][k] == v || catalogue["kk"][k] == v {
			same++
		}
	}
	if same > len(catalogue["en"])/10 {
		t.Errorf("%d of %d messages are the same in English and another language", same, len(catalogue["en"]))
	}
	_ = slices.Contains[[]string]
}

// TestCaseTitles: the titles the cases service writes read in the page's
// language; an officer's title reads as written.
func TestCaseTitles(t *testing.T) {
	for _, tc := range []struct {
		c    kuzet.Case
		lang string
		want string
	}{
		{kuzet.Case{Title: "fake bank security, Aktobe", Scheme: "fake_bank_security", Region: "Aktobe"}, "ru",
			"«Служба безопасности банка», Актюбинская область"},
		{kuzet.Case{Title: "fake bank security, Aktobe", Scheme: "fake_bank_security", Region: "Aktobe"}, "kk",
			"«Банктің қауіпсіздік қызметі», Ақтөбе облысы"},
		{kuzet.Case{Title: "fraud", Scheme: ""}, "ru", "Мошенничество"},
		{kuzet.Case{Title: "organised group grp_7: 12 victims", GroupID: "grp_7"}, "kk",
			"Ұйымдасқан топ grp_7: жәбірленушілер — 12"},
		{kuzet.Case{Title: "organised group grp_7: 12 victims", GroupID: "grp_8"}, "ru",
			"organised group grp_7: 12 victims"}, // not this case's group: someone's words
		{kuzet.Case{Title: "case"}, "en", "Case without a title"},
		{kuzet.Case{Title: "Операция «Звонок»", Scheme: "fake_police", Region: "Almaty"}, "en", "Операция «Звонок»"},
		// A region off the list shows as filed.
		{kuzet.Case{Title: "loan, Narnia", Scheme: "loan", Region: "Narnia"}, "ru", "Кредит, Narnia"},
	} {
		if got := newL(tc.lang).CaseTitle(&tc.c); got != tc.want {
			t.Errorf("%s %q: got %q, want %q", tc.lang, tc.c.Title, got, tc.want)
		}
	}
}
