package console

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
)

// FuzzFormDate: a case form's date is a day in Almaty or an error, never a
// panic or another hour.
func FuzzFormDate(f *testing.F) {
	for _, s := range []string{"", "2026-03-09", "2026-02-30", "next week", "2026-03-09T10:00:00Z", " 2026-12-31 ", "99999-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		r := httptest.NewRequest("POST", "/cases/x/tasks", strings.NewReader(url.Values{"due": {v}}.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		d, err := formDate(r, "due")
		if err != nil {
			if kuzet.ErrorCode(err) != kuzet.EINVALID {
				t.Fatalf("formDate(%q): %v, want EINVALID", v, err)
			}
			return
		}
		if strings.TrimSpace(v) == "" != d.IsZero() {
			t.Fatalf("formDate(%q) = %v", v, d)
		}
		if !d.IsZero() {
			if a := d.In(kuzet.Almaty); a.Hour() != 0 || a.Minute() != 0 || a.Format(time.DateOnly) != strings.TrimSpace(v) {
				t.Fatalf("formDate(%q) = %v, not that day's start in Almaty", v, a)
			}
		}
	})
}

// TestCaseDoneOnlyKnown: the case page's flash names only what its forms
// did, never what the address says.
func TestCaseDoneOnlyKnown(t *testing.T) {
	for v, want := range map[string]string{"status": "status", "created": "created", "<b>": "", "": "", "status ": ""} {
		if got := caseDone(v); got != want {
			t.Errorf("caseDone(%q) = %q, want %q", v, got, want)
		}
	}
}

// TestLanguageOfSchemes: a case's scheme and channel are named in the
// page's language whichever list they came from, and as filed otherwise.
func TestLanguageOfSchemes(t *testing.T) {
	l := newL("ru")
	if got := l.Scheme("fake_bank_security"); got != catalogue["ru"]["cscheme.fake_bank_security"] {
		t.Errorf("cases' scheme: %q", got)
	}
	if got := l.Scheme("bank_security"); got != catalogue["ru"]["scheme.bank_security"] {
		t.Errorf("portal's scheme: %q", got)
	}
	if got := l.Channel("carrier_pigeon"); got != "carrier_pigeon" {
		t.Errorf("unknown channel: %q", got)
	}
}
