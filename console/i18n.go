package console

import (
	"fmt"
	"net/http"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/kuzet/kuzet"
)

// Langs are the languages every page is written in, the first the default.
var Langs = []string{"ru", "kk", "en"}

var langTags = []language.Tag{language.Russian, language.Kazakh, language.English}

var matcher = language.NewMatcher(langTags)

// langCookie remembers the language a visitor chose.
const langCookie = "kuzet_lang"

// chooseLang picks the page's language: ?lang= (remembered in a cookie),
// else the cookie, else the browser's Accept-Language, else Russian.
func chooseLang(w http.ResponseWriter, r *http.Request, secure bool) string {
	if l := r.URL.Query().Get("lang"); known(l) {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: l, Path: "/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode})
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil && known(c.Value) {
		return c.Value
	}
	if al := r.Header.Get("Accept-Language"); al != "" {
		tags, _, err := language.ParseAcceptLanguage(al)
		if err == nil && len(tags) > 0 {
			_, i, conf := matcher.Match(tags...)
			if conf != language.No {
				return Langs[i]
			}
		}
	}
	return Langs[0]
}

func known(l string) bool {
	for _, x := range Langs {
		if l == x {
			return true
		}
	}
	return false
}

// L is a page's language: its messages and its formats of numbers, dates
// and amounts. Templates call its methods ({{.L.T "key"}}).
type L struct {
	Lang string
	p    *message.Printer
}

func newL(lang string) *L {
	tag := langTags[0]
	for i, l := range Langs {
		if l == lang {
			tag = langTags[i]
		}
	}
	return &L{Lang: lang, p: message.NewPrinter(tag)}
}

// T returns the message key in the page's language, formatted with args
// when the message has verbs. A key missing from the catalogue shows as
// itself, which the catalogue's test forbids.
func (l *L) T(key string, args ...any) string {
	m, ok := catalogue[l.Lang][key]
	if !ok {
		m, ok = catalogue["en"][key]
		if !ok {
			return key
		}
	}
	if len(args) > 0 {
		return l.p.Sprintf(m, args...)
	}
	return m
}

// N formats an integer with the locale's digit grouping.
func (l *L) N(n any) string { return l.p.Sprintf("%d", n) }

// Pct formats a share (0.25) as a percentage.
func (l *L) Pct(f float64) string { return l.p.Sprintf("%.1f%%", f*100) }

// F formats a float with two decimals.
func (l *L) F(f float64) string { return l.p.Sprintf("%.2f", f) }

// Money formats an amount of tiyn as tenge.
func (l *L) Money(a kuzet.Amount) string { return l.p.Sprintf("%.2f\u00a0₸", a.Units()) }

// Tenge formats an amount of tiyn as whole tenge, for a figure.
func (l *L) Tenge(a kuzet.Amount) string { return l.p.Sprintf("%.0f\u00a0₸", a.Units()) }

// Date formats t in Almaty time, day first in Russian and Kazakh.
func (l *L) Date(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	t = t.In(kuzet.Almaty)
	if l.Lang == "en" {
		return t.Format("2 Jan 2006 15:04")
	}
	return fmt.Sprintf("%s %s", t.Format("02.01.2006"), t.Format("15:04"))
}

// Day formats t's date alone.
func (l *L) Day(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	if l.Lang == "en" {
		return t.In(kuzet.Almaty).Format("2 Jan 2006")
	}
	return t.In(kuzet.Almaty).Format("02.01.2006")
}

// Opt returns the message prefix+v when the catalogue has it, else v as it
// is: for values from outside (a report's channel) that may be off the list.
func (l *L) Opt(prefix, v string) string {
	if _, ok := catalogue[l.Lang][prefix+v]; ok {
		return l.T(prefix + v)
	}
	return v
}
