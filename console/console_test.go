package console

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func FuzzSafeNext(f *testing.F) {
	for _, s := range []string{"/", "/web?status=new", "//evil.example", "/\\evil", "https://evil.example/", "", "/%2F%2Fevil", "javascript:alert(1)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, next string) {
		got := safeNext(next)
		if !strings.HasPrefix(got, "/") || strings.HasPrefix(got, "//") || strings.HasPrefix(got, "/\\") {
			t.Fatalf("safeNext(%q) = %q: not a path of this site", next, got)
		}
		u, err := url.Parse(got)
		if err != nil || u.Host != "" || u.Scheme != "" {
			t.Fatalf("safeNext(%q) = %q: names a host", next, got)
		}
	})
}

func FuzzChooseLang(f *testing.F) {
	for _, s := range []string{"", "kk", "ru-RU,ru;q=0.9,en;q=0.8", "en-GB", "*", "zz;q=abc", strings.Repeat("a-", 200)} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, query, accept string) {
		r := httptest.NewRequest("GET", "/?lang="+url.QueryEscape(query), nil)
		r.Header.Set("Accept-Language", accept)
		if got := chooseLang(httptest.NewRecorder(), r, false); !known(got) {
			t.Fatalf("chooseLang(%q, %q) = %q", query, accept, got)
		}
	})
}

func FuzzFields(f *testing.F) {
	f.Add("+77011112233, +77019998877\nkaspi.kz;x")
	f.Fuzz(func(t *testing.T, s string) {
		for _, x := range fields(s) {
			if x == "" || strings.ContainsAny(x, "\n\r,;") {
				t.Fatalf("fields(%q) gave %q", s, x)
			}
		}
	})
}

// TestSignedOutPostRefused: a form posted without a session is refused,
// and a page without its permission is not served.
func TestSignedOutPostRefused(t *testing.T) {
	s, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/web/1/confirm", "/freeze/x", "/blocking", "/seizures"} {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest("POST", path, strings.NewReader("csrf=x")))
		if w.Code != http.StatusUnauthorized && w.Code != http.StatusNotFound && w.Code != http.StatusMethodNotAllowed {
			t.Errorf("POST %s signed out: %d, want 401 (or no such page)", path, w.Code)
		}
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if w.Code != http.StatusSeeOther {
		t.Errorf("GET / signed out: %d, want 303 to sign in", w.Code)
	}
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
}
