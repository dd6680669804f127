package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// verdict verifies one call as the operator with key and returns
// "verdict reason".
func verdict(t *testing.T, m *Main, key, a, b, ingress, callID string) string {
	t.Helper()
	at := time.Now().UTC().Format(time.RFC3339Nano)
	status, body := call(t, "POST", m.URL()+"/v1/calls/verify", key,
		fmt.Sprintf(`{"calls":[{"a":%q,"b":%q,"at":%q,"ingress":%q,"call_id":%q}]}`, a, b, at, ingress, callID))
	vs, _ := body["verdicts"].([]any)
	if status != 200 || len(vs) != 1 {
		t.Fatalf("verify: got %d %v", status, body)
	}
	v, _ := vs[0].(map[string]any)
	return fmt.Sprint(v["verdict"], " ", v["reason"])
}

func originate(t *testing.T, m *Main, key, a, b, callID string) map[string]any {
	t.Helper()
	at := time.Now().UTC().Format(time.RFC3339Nano)
	status, body := call(t, "POST", m.URL()+"/v1/calls/originated", key,
		fmt.Sprintf(`{"calls":[{"a":%q,"b":%q,"at":%q,"call_id":%q}]}`, a, b, at, callID))
	if status != 202 {
		t.Fatalf("originate: got %d %v, want 202", status, body)
	}
	return body
}

// TestTelecomAcrossRestart checks what a restart keeps: the Do-Not-Originate
// list, roaming and the counters, but not the window of registered calls.
func TestTelecomAcrossRestart(t *testing.T) {
	data := t.TempDir()
	opA := orgAdd(t, data, "--name", "Operator A", "--type", "telco", "--prefixes", "7701")
	opB := orgAdd(t, data, "--name", "Operator B", "--type", "telco", "--prefixes", "7702")
	police := orgAdd(t, data, "--name", "Police", "--type", "police")

	m := MustRunMain(t, data)
	// An operator added while the server runs registers calls at once.
	opC := orgAdd(t, data, "--name", "Operator C", "--type", "telco", "--prefixes", "7705")
	if body := originate(t, m, opC, "+77051234567", "+77021234567", "c0"); body["accepted"] != 1.0 {
		t.Errorf("new operator's registration: got %v, want accepted 1", body)
	}
	originate(t, m, opA, "+77011234567", "+77021234567", "c1")
	if got := verdict(t, m, opB, "+77011234567", "+77021234567", "domestic", "v1"); got != "pass ok" {
		t.Errorf("registered call: got %s, want pass ok", got)
	}
	if status, body := call(t, "POST", m.URL()+"/v1/dno", police, `{"numbers":["+77272590000"]}`); status != 200 {
		t.Fatalf("dno: got %d %v", status, body)
	}
	if status, body := call(t, "POST", m.URL()+"/v1/roaming", opA, `{"subscribers":[{"msisdn":"+77017770001","state":"abroad"}]}`); status != 200 {
		t.Fatalf("roaming: got %d %v", status, body)
	}
	originate(t, m, opA, "+77011234568", "+77021234567", "c2")
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}

	m = MustRunMain(t, data)
	for _, tc := range []struct{ name, a, ingress, want string }{
		{"registration lost by design", "+77011234568", "domestic", "block not_originated"},
		{"Do-Not-Originate list kept", "+77272590000", "domestic", "block dno"},
		{"roaming kept", "+77017770001", "international", "pass ok"},
	} {
		if got := verdict(t, m, opB, tc.a, "+77021234567", tc.ingress, "after-"+tc.name); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, got, tc.want)
		}
	}
	status, body := call(t, "GET", m.URL()+"/v1/calls/stats", police, "")
	byReason, _ := body["by_reason"].(map[string]any)
	if status != 200 || body["verified"] != 4.0 || byReason["ok"] != 2.0 || byReason["not_originated"] != 1.0 {
		t.Errorf("stats after the restart: got %d %v, want the verdict counted before it too", status, body)
	}
}

func TestPlanFlag(t *testing.T) {
	dir := t.TempDir()
	plan := filepath.Join(dir, "test.plan")
	// +7 799 as a mobile range, which the built-in plan holds unallocated.
	if err := os.WriteFile(plan, []byte("77,national,11\n7701,mobile\n7702,mobile\n7799,mobile\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	opB := orgAdd(t, data, "--name", "Operator B", "--type", "telco", "--prefixes", "7702")
	env, _, _ := testEnv()
	m := NewMain(env)
	if err := m.ParseFlags([]string{"--data", data, "--addr", "127.0.0.1:0", "--log-level", "error", "--plan", plan, "--call-grace", "5ms"}); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(context.Background()); err != nil {
		m.Close()
		t.Fatal(err)
	}
	defer m.Close()
	// Valid by the plan file (the built-in plan would say invalid_cli), in a
	// range no operator holds.
	if got := verdict(t, m, opB, "+77990000000", "+77021234567", "domestic", "v1"); got != "pass unverifiable" {
		t.Errorf("a number of the plan file's range: got %s, want pass unverifiable", got)
	}

	bad := filepath.Join(dir, "bad.plan")
	os.WriteFile(bad, []byte("77,national,eleven\n"), 0o600)
	m2 := NewMain(env)
	if err := m2.ParseFlags([]string{"--data", data, "--addr", "127.0.0.1:0", "--plan", bad}); err != nil {
		t.Fatal(err)
	}
	err := m2.Run(context.Background())
	m2.Close()
	if err == nil || !strings.Contains(err.Error(), "bad.plan") {
		t.Errorf("a malformed plan file: got %v, want an error naming it", err)
	}
}

func TestBenchVerify(t *testing.T) {
	env, out, errb := testEnv()
	args := []string{"bench", "verify", "--calls", "3000", "--rate", "200", "--duration", "250ms"}
	if code := run(context.Background(), env, args); code != 0 {
		t.Fatalf("bench verify: exit %d: %s", code, errb)
	}
	for _, want := range []string{"calls accepted", "verdicts/s", "one call a request", "p99"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
