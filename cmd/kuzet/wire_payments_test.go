package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/payments"
	"github.com/kuzet/kuzet/synth"
)

// checkPayment sends a payment of amount KZT from the payer with phone to
// iban, and returns the decision and its reason codes.
func checkPayment(t *testing.T, m *Main, key, id, phone, iban string, amount int) (string, []string) {
	t.Helper()
	status, body := call(t, "POST", m.URL()+"/v1/payments/check", key, fmt.Sprintf(
		`{"payment_id":%q,"amount":%d,"currency":"KZT","payer":{"customer_id":"c-%s","phone":%q},"payee":{"iban":%q}}`,
		id, amount, phone, phone, iban))
	if status != 200 {
		t.Fatalf("check %s: got %d %v, want 200", id, status, body)
	}
	var codes []string
	rs, _ := body["reasons"].([]any)
	for _, r := range rs {
		codes = append(codes, fmt.Sprint(r.(map[string]any)["code"]))
	}
	return fmt.Sprint(body["decision"]), codes
}

// TestPaymentsAcrossRestart checks what a restart keeps: the stored checks,
// the payers' memory rebuilt from them, the freeze requests, and the
// rules file given by flag.
func TestPaymentsAcrossRestart(t *testing.T) {
	data := t.TempDir()
	one := orgAdd(t, data, "--name", "Bank One", "--type", "bank", "--bic", "BANKKZKA", "--bank-code", "722")
	two := orgAdd(t, data, "--name", "Bank Two", "--type", "bank", "--bic", "BANKKZKB", "--bank-code", "826")
	telco := orgAdd(t, data, "--name", "Operator A", "--type", "telco", "--prefixes", "7701")
	police := orgAdd(t, data, "--name", "Police", "--type", "police")
	known, mule := synth.KZIBAN("826", "0000000000010"), synth.KZIBAN("826", "0000000004242")

	// The rules look at the hour in Almaty (a new payee at night is held):
	// the servers' clock runs from noon there, whatever the hour of the run.
	clock := noonClock()
	m := mustRunMainAt(t, data, clock)
	if d, _ := checkPayment(t, m, one, "p1", "+77011000001", known, 20000); d != "allow" {
		t.Fatalf("first payment: got %s, want allow", d)
	}
	status, body := call(t, "POST", m.URL()+"/v1/reports", police, `{"victim":{"name":"V"},"currency":"KZT","amount_lost":5000,
		"transfers":[{"to_iban":"`+mule+`","amount":5000}]}`)
	if status != 201 {
		t.Fatalf("report: got %d %v", status, body)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}

	rules := filepath.Join(t.TempDir(), "strict.rules")
	os.WriteFile(rules, []byte(strings.Replace(defaultRulesForTest(t), "version "+payments.DefaultRules().Version, "version strict-1", 1)), 0o600)
	env, _, _ := testEnv()
	m = NewMain(env)
	m.Clock, m.CallClock = clock, clock
	if err := m.ParseFlags([]string{"--data", data, "--addr", "127.0.0.1:0", "--log-level", "error", "--payment-rules", rules}); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(context.Background()); err != nil {
		m.Close()
		t.Fatal(err)
	}
	defer m.Close()

	// The payer is on a call from abroad, and pays the payee it paid before
	// the restart: the call counts, but the payee is not new to it.
	at := clock().UTC().Format(time.RFC3339Nano)
	if status, body := call(t, "POST", m.URL()+"/v1/calls/verify", telco,
		`{"calls":[{"a":"+447700900555","b":"+77011000001","at":"`+at+`","ingress":"international"}]}`); status != 200 {
		t.Fatalf("verify: got %d %v", status, body)
	}
	d, codes := checkPayment(t, m, one, "p2", "+77011000001", known, 20000)
	if !slices.Contains(codes, "active_call_foreign") || slices.Contains(codes, "new_payee_during_call") {
		t.Errorf("payment to a payee known before the restart, during a call: got %s %v, want the call without a new payee", d, codes)
	}
	// A payee it never paid is new: a warning (a call from abroad and a new
	// payee; the default rules hold it only when the amount is also far above the
	// payer's usual).
	if d, codes := checkPayment(t, m, one, "p3", "+77011000001", synth.KZIBAN("826", "0000000000011"), 20000); d != "review" ||
		!slices.Contains(codes, "new_payee_during_call") {
		t.Errorf("a new payee during the call: got %s %v, want review with new_payee_during_call", d, codes)
	}
	// Checks are stored off the request path, in batches: wait for them.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		status, body := call(t, "GET", m.URL()+"/v1/payments/checks", one, "")
		checks, _ := body["checks"].([]any)
		if status == 200 && len(checks) == 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("Bank One's checks after the restart: got %d %v, want all three", status, body)
			break
		}
	}
	if status, body := call(t, "GET", m.URL()+"/v1/freeze-requests?status=open", two, ""); status != 200 ||
		len(body["freeze_requests"].([]any)) != 1 {
		t.Errorf("Bank Two's inbox after the restart: got %d %v, want the request", status, body)
	}
	status, body = call(t, "GET", m.URL()+"/v1/payments/rules", police, "")
	live, _ := body["live"].(map[string]any)
	if status != 200 || live["version"] != "strict-1" {
		t.Errorf("rules after --payment-rules: got %d %v, want strict-1 live", status, body)
	}
}

// noonClock is a clock that runs at the wall clock's pace from noon today
// in Almaty: for end-to-end tests whose outcome depends on the hour there.
func noonClock() kuzet.Clock {
	now := time.Now()
	y, mo, d := now.In(kuzet.Almaty).Date()
	shift := time.Date(y, mo, d, 12, 0, 0, 0, kuzet.Almaty).Sub(now)
	return func() time.Time { return time.Now().Add(shift).UTC() }
}

// defaultRulesForTest returns the built-in rules text, as a rules file a
// test can change.
func defaultRulesForTest(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "payments", "default.rules"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPaymentRulesFlagRefusesBadRules(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.rules")
	os.WriteFile(bad, []byte("version x\nrule broken when nothing\n"), 0o600)
	env, _, _ := testEnv()
	m := NewMain(env)
	if err := m.ParseFlags([]string{"--data", filepath.Join(dir, "data"), "--addr", "127.0.0.1:0", "--payment-rules", bad}); err != nil {
		t.Fatal(err)
	}
	err := m.Run(context.Background())
	m.Close()
	if err == nil || !strings.Contains(err.Error(), "bad.rules") {
		t.Errorf("a rules file that does not parse: got %v, want an error naming it", err)
	}
}

func TestBenchPayments(t *testing.T) {
	env, out, errb := testEnv()
	args := []string{"bench", "payments", "--indicators", "2000", "--payers", "500", "--rate", "200", "--duration", "500ms",
		"--saturate", "300ms", "--saturate-conns", "4"}
	if code := run(context.Background(), env, args); code != 0 {
		t.Fatalf("bench payments: exit %d: %s", code, errb)
	}
	for _, want := range []string{"at 200/s", "saturated with 4 connections", "as the server measured them", "p99"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out.String(), " failed") && !strings.Contains(out.String(), " 0 failed") {
		t.Errorf("failed checks:\n%s", out)
	}
}

// TestDemoPayments plays a day of the synthetic country's payments through
// the API and reads the demo's figures back.
func TestDemoPayments(t *testing.T) {
	env, out, _ := testEnv()
	m := MustRunMain(t, t.TempDir())
	ctx := context.Background()
	keys, err := seedDemo(ctx, env, m, 100, 3)
	if err != nil {
		t.Fatal(err)
	}
	if err := playDemoPayments(ctx, env, m, keys, 3, 1); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	scams := regexp.MustCompile(`scam payments held or blocked\s+(\d+) of (\d+)`).FindStringSubmatch(text)
	if scams == nil {
		t.Fatalf("no scam figure in:\n%s", text)
	}
	stopped, total := atoi(t, scams[1]), atoi(t, scams[2])
	if total == 0 || stopped < total/2 {
		t.Errorf("scams stopped: got %d of %d, want most:\n%s", stopped, total, text)
	}
	for _, want := range []string{"prevented loss (GET /v1/payments/prevented-loss): ", "The trail of one victim's money",
		"hop 2", "/v1/freeze-requests?status=open"} {
		if !strings.Contains(text, want) {
			t.Errorf("demo output lacks %q:\n%s", want, text)
		}
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestWebhookAllowFlags shows the allow-lists reach the registration of
// webhooks: plain http and internal hosts only where listed.
func TestWebhookAllowFlags(t *testing.T) {
	data := t.TempDir()
	bank := orgAdd(t, data, "--name", "Bank One", "--type", "bank", "--bic", "BANKKZKA", "--bank-code", "722")
	env, _, _ := testEnv()
	env.Getenv = func(k string) string {
		if k == "KUZET_WEBHOOK_ALLOW_HOSTS" {
			return "127.0.0.1,hooks.bank.test"
		}
		return ""
	}
	m := NewMain(env)
	if err := m.ParseFlags([]string{"--data", data, "--addr", "127.0.0.1:0", "--log-level", "error",
		"--webhook-allow-http", "hooks.bank.test"}); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(context.Background()); err != nil {
		m.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	secret := `,"secret":"0123456789abcdef0123456789abcdef"}`
	for _, tc := range []struct {
		url    string
		status int
	}{
		{"http://hooks.bank.test/kuzet", 200},
		{"https://127.0.0.1:8443/kuzet", 200},
		{"http://127.0.0.1:5432/x", 400}, // listed as internal, not for plain http
		{"https://10.0.0.1/kuzet", 400},
		{"http://hooks.bank.kz/kuzet", 400},
		{"https://hooks.bank.kz/kuzet", 200},
	} {
		if status, body := call(t, "PUT", m.URL()+"/v1/webhooks", bank, `{"url":"`+tc.url+`"`+secret); status != tc.status {
			t.Errorf("%s: got %d %v, want %d", tc.url, status, body, tc.status)
		}
	}

	env, _, _ = testEnv()
	bad := NewMain(env)
	if err := bad.ParseFlags([]string{"--data", t.TempDir(), "--addr", "127.0.0.1:0", "--webhook-allow-hosts", "10.0.0.0/33"}); err != nil {
		t.Fatal(err)
	}
	err := bad.Run(context.Background())
	bad.Close()
	if err == nil || !strings.Contains(err.Error(), "--webhook-allow-hosts") || !strings.Contains(err.Error(), "10.0.0.0/33") {
		t.Errorf("a bad entry: got %v, want an error naming the flag and the entry", err)
	}
}
