package main

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/access"
	"github.com/kuzet/kuzet/synth"
)

// consoleWorld is a server with a police unit, a bank and a console user in
// each, on a clock the test moves.
type consoleWorld struct {
	m    *Main
	now  atomic.Int64 // unix nanoseconds
	bank kuzet.Org
}

func newConsoleWorld(t testing.TB) *consoleWorld {
	t.Helper()
	access.BcryptCost = bcrypt.MinCost
	w := &consoleWorld{}
	w.now.Store(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC).UnixNano())
	env, _, _ := testEnv()
	m := NewMain(env)
	m.Clock = func() time.Time { return time.Unix(0, w.now.Load()).UTC() }
	m.Config.Data, m.Config.Addr, m.Config.LogLevel = t.TempDir(), "127.0.0.1:0", "error"
	m.Config.CallCapacity = testCallCapacity
	if err := m.Run(context.Background()); err != nil {
		m.Close()
		t.Fatalf("run: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	w.m = m
	ctx := context.Background()
	police := kuzet.Org{Name: "Cyber Police", Type: kuzet.OrgPolice}
	w.bank = kuzet.Org{Name: "Test Bank", Type: kuzet.OrgBank, BIC: "TESTKZKA", BankCode: "555"}
	for _, o := range []*kuzet.Org{&police, &w.bank} {
		if _, _, err := m.Access.CreateOrg(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	for name, org := range map[string]int64{"analyst": police.ID, "officer": w.bank.ID} {
		if _, _, err := m.Access.CreateUser(ctx, access.UserInput{OrgID: org, Name: name, Password: "correct horse battery"}); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

// browser is a client with cookies that does not follow redirects.
type browser struct {
	t    testing.TB
	c    *http.Client
	base string
}

func (w *consoleWorld) browser(t testing.TB) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, base: w.m.URL(), c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (b *browser) do(req *http.Request) (int, http.Header, string) {
	b.t.Helper()
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(body)
}

func (b *browser) get(path string) (int, http.Header, string) {
	b.t.Helper()
	req, _ := http.NewRequest("GET", b.base+path, nil)
	return b.do(req)
}

// csrf returns the token the browser's cookie holds, fetching a page first.
func (b *browser) csrf() string {
	b.t.Helper()
	u, _ := url.Parse(b.base)
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == "kuzet_csrf" {
			return c.Value
		}
	}
	b.get("/signin")
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == "kuzet_csrf" {
			return c.Value
		}
	}
	b.t.Fatal("no CSRF cookie")
	return ""
}

func (b *browser) post(path string, form url.Values, header ...string) (int, http.Header, string) {
	b.t.Helper()
	req, _ := http.NewRequest("POST", b.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return b.do(req)
}

func (b *browser) signIn(name string) {
	b.t.Helper()
	status, h, body := b.post("/signin", url.Values{"csrf": {b.csrf()}, "name": {name}, "password": {"correct horse battery"}})
	if status != http.StatusSeeOther || h.Get("Location") != "/" {
		b.t.Fatalf("sign in %s: %d %s %.300s", name, status, h.Get("Location"), body)
	}
}

func TestConsoleSignInSessionsAndCSRF(t *testing.T) {
	w := newConsoleWorld(t)
	b := w.browser(t)

	if status, h, _ := b.get("/"); status != http.StatusSeeOther || h.Get("Location") != "/signin?next=%2F" {
		t.Fatalf("GET / signed out: %d %q, want 303 to /signin", status, h.Get("Location"))
	}
	// No CSRF token: refused before the password is looked at.
	if status, _, _ := b.post("/signin", url.Values{"name": {"analyst"}, "password": {"correct horse battery"}}); status != http.StatusForbidden {
		t.Errorf("sign-in without a CSRF token: %d, want 403", status)
	}
	tok := b.csrf()
	if status, _, body := b.post("/signin?lang=en", url.Values{"csrf": {tok}, "name": {"analyst"}, "password": {"wrong password!"}}); status != http.StatusUnauthorized ||
		!strings.Contains(body, "The user name, password or code is wrong.") {
		t.Errorf("wrong password: %d, want 401 with the sentence", status)
	}
	if status, _, _ := b.post("/signin", url.Values{"csrf": {tok}, "name": {"analyst"}, "password": {"correct horse battery"}},
		"Sec-Fetch-Site", "cross-site"); status != http.StatusForbidden {
		t.Errorf("cross-site sign-in: %d, want 403", status)
	}
	status, h, _ := b.post("/signin", url.Values{"csrf": {tok}, "name": {"analyst"}, "password": {"correct horse battery"}})
	if status != http.StatusSeeOther {
		t.Fatalf("sign-in: %d, want 303", status)
	}
	var session *http.Cookie
	for _, c := range (&http.Response{Header: h}).Cookies() {
		if c.Name == "kuzet_session" {
			session = c
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie %+v, want HttpOnly and SameSite=Lax", session)
	}
	if status, _, body := b.get("/?lang=en"); status != http.StatusOK || !strings.Contains(body, "analyst · Cyber Police") {
		t.Fatalf("dashboard: %d, want 200 naming the user", status)
	}
	// The CSRF token was renewed at sign-in: the one from before is refused.
	if status, _, _ := b.post("/signout", url.Values{"csrf": {tok}}); status != http.StatusForbidden {
		t.Errorf("sign-out with the pre-sign-in token: %d, want 403", status)
	}

	// Idle past the limit: signed out.
	w.now.Add(int64(access.SessionIdle + time.Minute))
	if status, _, _ := b.get("/"); status != http.StatusSeeOther {
		t.Errorf("after %s idle: %d, want 303 to sign in", access.SessionIdle, status)
	}
}

func TestConsoleRoles(t *testing.T) {
	w := newConsoleWorld(t)
	b := w.browser(t)
	if status, _, _ := b.post("/web/1/confirm", url.Values{"csrf": {b.csrf()}}); status != http.StatusUnauthorized {
		t.Errorf("signed-out confirm: %d, want 401", status)
	}
	b.signIn("officer")
	for _, p := range []string{"/web", "/simbox", "/audit", "/blocking", "/telecom"} {
		if status, _, _ := b.get(p); status != http.StatusForbidden {
			t.Errorf("bank officer GET %s: %d, want 403", p, status)
		}
	}
	if status, _, _ := b.post("/web/1/confirm", url.Values{"csrf": {b.csrf()}}); status != http.StatusForbidden {
		t.Errorf("bank officer confirms a finding: %d, want 403", status)
	}
	for _, p := range []string{"/", "/freeze", "/payments", "/indicators?kind=phone&value=%2B77011112233"} {
		if status, _, body := b.get(p); status != http.StatusOK {
			t.Errorf("bank officer GET %s: %d, want 200: %.300s", p, status, body)
		}
	}
}

// TestPortalReportReachesTheConsole files a citizen's report with script in
// every free-text field, sees the freeze request in the bank's inbox, and
// the police's trail show it escaped.
func TestPortalReportReachesTheConsole(t *testing.T) {
	w := newConsoleWorld(t)
	citizen := w.browser(t)
	const xss = `<script>alert(1)</script>`
	iban := synth.KZIBAN(w.bank.BankCode, "1234567890123")
	status, _, body := citizen.post("/portal/report?lang=en", url.Values{"csrf": {citizen.csrf()},
		"channel": {"phone_call"}, "scheme": {"bank_security"}, "description": {"They said " + xss},
		"name": {"Aigerim " + xss}, "phone": {"+77011112233"}, "region": {"Almaty"}, "numbers": {"+77019998877"},
		"sites": {"kaspi-secure-login.kz"}, "iban": {iban, "", ""}, "amount": {"150 000", "", ""}})
	if status != http.StatusCreated {
		t.Fatalf("portal report: %d: %.2000s", status, body)
	}
	ref := regexp.MustCompile(`id="reference">([^<]+)<`).FindStringSubmatch(body)
	if ref == nil || !strings.Contains(body, "Freeze requests sent to banks: 1.") {
		t.Fatalf("no reference or freeze request in the answer: %.2000s", body)
	}

	officer := w.browser(t)
	officer.signIn("officer")
	_, _, inbox := officer.get("/freeze?lang=en")
	if !strings.Contains(inbox, iban) {
		t.Errorf("the bank's inbox does not show the account %s", iban)
	}
	police := w.browser(t)
	police.signIn("analyst")
	status, _, trail := police.get("/trail/" + ref[1])
	if status != http.StatusOK || !strings.Contains(trail, iban) {
		t.Fatalf("trail: %d, want 200 with the account", status)
	}
	if strings.Contains(trail, xss) || !strings.Contains(trail, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the trail does not show the description escaped")
	}

	// The analyst's reads are in the audit log under the user's name as
	// well as the organisation's.
	police.get("/indicators?kind=phone&value=%2B77019998877")
	pg, err := w.m.AuditLog.Query(context.Background(), 0, kuzet.AuditFilter{Limit: 1000}, "")
	if err != nil {
		t.Fatal(err)
	}
	byUser := 0
	for _, e := range pg.Entries {
		if strings.Contains(e.Detail, "[by user:") && strings.Contains(e.Detail, " analyst]") && e.OrgID != 0 {
			byUser++
		}
	}
	if byUser == 0 {
		t.Errorf("no audit entry names the analyst: %d entries", len(pg.Entries))
	}
}

func TestPortalBadInput(t *testing.T) {
	w := newConsoleWorld(t)
	b := w.browser(t)
	if status, _, body := b.get("/portal/check?kind=phone&value=not-a-number&lang=en"); status != http.StatusBadRequest ||
		!strings.Contains(body, "does not look like a phone number") {
		t.Errorf("bad number: %d, want 400 with the sentence", status)
	}
	if status, _, body := b.get("/portal/check?kind=phone&value=%2B77011112233&lang=kk"); status != http.StatusOK ||
		!strings.Contains(body, "Шағым жоқ") {
		t.Errorf("check in Kazakh: %d, want 200 in Kazakh", status)
	}
	big := url.Values{"csrf": {b.csrf()}, "description": {strings.Repeat("x", 70<<10)}}
	if status, _, _ := b.post("/portal/report", big); status != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized report: %d, want 413", status)
	}
	limited := 0
	for range 30 {
		if status, _, _ := b.get("/portal/check?kind=phone&value=%2B77011112233"); status == http.StatusTooManyRequests {
			limited++
		}
	}
	if limited == 0 {
		t.Errorf("30 checks at once from one address: none limited")
	}
}

func TestConsoleLanguageRemembered(t *testing.T) {
	w := newConsoleWorld(t)
	b := w.browser(t)
	if _, h, _ := b.get("/portal/?lang=kk"); h.Get("Content-Language") != "kk" {
		t.Fatalf("?lang=kk: Content-Language %q", h.Get("Content-Language"))
	}
	if _, h, body := b.get("/portal/prevention"); h.Get("Content-Language") != "kk" || !strings.Contains(body, "алданбау") {
		t.Errorf("the next page: Content-Language %q, want kk remembered", h.Get("Content-Language"))
	}
}

func TestPortalCheckTakesALink(t *testing.T) {
	w := newConsoleWorld(t)
	b := w.browser(t)
	if status, _, body := b.get("/portal/check?kind=domain&value=" + url.QueryEscape("https://kaspi-secure.kz/login?x=1")); status != http.StatusOK {
		t.Errorf("a pasted link: %d, want 200: %.300s", status, body)
	}
}

func TestConsoleSeizure(t *testing.T) {
	w := newConsoleWorld(t)
	b := w.browser(t)
	b.signIn("analyst")
	form := url.Values{"csrf": {b.csrf()}, "date": {"2026-03-01"}, "devices": {"2"}, "sims": {"64"}, "region": {"Almaty"}}
	if status, h, body := b.post("/seizures", form); status != http.StatusSeeOther || h.Get("Location") != "/simbox?done=seized" {
		t.Fatalf("record a seizure: %d %q %.300s", status, h.Get("Location"), body)
	}
	form.Set("date", "yesterday")
	if status, _, body := b.post("/seizures?lang=en", form); status != http.StatusBadRequest || !strings.Contains(body, "2026-03-14") {
		t.Errorf("a bad date: %d, want 400 saying the form of a date", status)
	}
}
