package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestSimboxCommand(t *testing.T) {
	dir := t.TempDir()
	cdr, labels, suspects := filepath.Join(dir, "cdr.csv.gz"), filepath.Join(dir, "labels.csv"), filepath.Join(dir, "suspects.csv")
	env, _, errb := testEnv()
	if code := run(context.Background(), env, []string{"simbox", "generate", "--subscribers", "2000", "--days", "5", "--seed", "4",
		"--out", cdr, "--labels", labels, "--bad-rows", "0.001"}); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, errb)
	}
	env, _, errb = testEnv()
	if code := run(context.Background(), env, []string{"simbox", "detect", "--in", cdr, "--out", suspects, "--devices", filepath.Join(dir, "devices.json")}); code != 0 {
		t.Fatalf("detect: exit %d: %s", code, errb)
	}
	for _, want := range []string{"read ", "gzip CSV", "bad rows: ", "line ", "verdicts: ", "probable devices", "wrote " + suspects} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("got summary %q, want it to mention %q", errb, want)
		}
	}
	data, err := os.ReadFile(suspects)
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(string(data), "\n"); lines != 2001 || !strings.HasPrefix(string(data), "msisdn,score,verdict,reasons,device_id,imeis,cells,first_seen,last_seen") {
		t.Errorf("got %d lines starting %.80q, want a header and 2000 rows", lines, data)
	}
	env, out, errb := testEnv()
	if code := run(context.Background(), env, []string{"simbox", "eval", "--labels", labels, "--suspects", suspects}); code != 0 {
		t.Fatalf("eval: exit %d: %s", code, errb)
	}
	if !strings.HasPrefix(out.String(), "precision ") || !strings.Contains(out.String(), "naive") {
		t.Errorf("got %q, want precision and styles", out)
	}

	// A truncated extract still writes its suspects, says so, and fails.
	gz, err := os.ReadFile(cdr)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut.csv.gz")
	if err := os.WriteFile(cut, gz[:len(gz)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	env, _, errb = testEnv()
	if code := run(context.Background(), env, []string{"simbox", "detect", "--in", cut, "--out", filepath.Join(dir, "partial.csv")}); code != 1 ||
		!strings.Contains(errb.String(), "PARTIAL") || !strings.Contains(errb.String(), "truncated") {
		t.Errorf("got exit %d and %q, want 1 and a partial warning", code, errb)
	}
	if _, err := os.Stat(filepath.Join(dir, "partial.csv")); err != nil {
		t.Errorf("got %v, want the partial suspects written", err)
	}
}

func TestSimboxCommandErrors(t *testing.T) {
	dir := t.TempDir()
	noHeader := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(noHeader, []byte("CALL_START,A_NUMBER\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"help", []string{"simbox", "detect", "--help"}, 0, ""},
		{"no subcommand", []string{"simbox"}, 2, ""},
		{"no input", []string{"simbox", "detect", "--out", "x.csv"}, 2, "--in and --out are required"},
		{"bad map", []string{"simbox", "detect", "--in", noHeader, "--out", "-", "--map", "when=X"}, 2, "unknown column"},
		{"missing columns", []string{"simbox", "detect", "--in", noHeader, "--out", "-"}, 1, "lacks required columns"},
		{"mapped", []string{"simbox", "detect", "--in", noHeader, "--out", "-", "--map", "start_time=CALL_START,msisdn=A_NUMBER"}, 1, "record_type"},
		{"bad callbacks", []string{"simbox", "generate", "--adversary", "--out", "-", "--callbacks", "0.4"}, 2, "--callbacks"},
		{"adversary sorted", []string{"simbox", "generate", "--adversary", "--out", "-", "--sorted"}, 2, "do not apply"},
		{"adversary style", []string{"simbox", "generate", "--adversary", "--out", "-", "--styles", "naive"}, 1, "unknown adversary box style"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env, out, errb := testEnv()
			if code := run(context.Background(), env, tc.args); code != tc.code || !strings.Contains(errb.String(), tc.want) {
				t.Errorf("got exit %d, stderr %q; want %d and %q", code, errb, tc.code, tc.want)
			}
			if tc.name == "help" && !strings.Contains(out.String(), "--map") {
				t.Errorf("got help %q, want the flags", out)
			}
		})
	}
}

// TestSimboxAdversaryCommand runs the adversarial world through generate,
// detect and eval, and reads the explanation of each flagged SIM.
func TestSimboxAdversaryCommand(t *testing.T) {
	dir := t.TempDir()
	cdr, labels, suspects := filepath.Join(dir, "adv.csv"), filepath.Join(dir, "labels.csv"), filepath.Join(dir, "suspects.csv")
	env, _, errb := testEnv()
	if code := run(context.Background(), env, []string{"simbox", "generate", "--adversary", "--subscribers", "3000", "--days", "7",
		"--seed", "5", "--out", cdr, "--labels", labels}); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, errb)
	}
	env, _, errb = testEnv()
	if code := run(context.Background(), env, []string{"simbox", "detect", "--in", cdr, "--out", suspects, "--min-verdict", "suspect"}); code != 0 {
		t.Fatalf("detect: exit %d: %s", code, errb)
	}
	// Written in UTC, the extract's quiet hours (local night) pass midnight.
	var from, to int
	if _, after, ok := strings.Cut(errb.String(), "quiet hours (as the extract writes time): "); !ok {
		t.Errorf("got summary %q, want the quiet hours", errb)
	} else if n, err := fmt.Sscanf(after, "%d:00–%d:00", &from, &to); n != 2 || err != nil || from <= to {
		t.Errorf("got quiet hours %.13q (%v), want a window across midnight", after, err)
	}
	f, err := os.Open(suspects)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(rows[0], "evidence")
	if col < 0 || len(rows) < 10 {
		t.Fatalf("got header %v and %d rows, want an evidence column and the flagged SIMs", rows[0], len(rows)-1)
	}
	for _, row := range rows[1:] {
		terms := strings.Split(row[col], ";")
		code, weight, ok := strings.Cut(terms[0], ":")
		if _, err := strconv.ParseFloat(weight, 64); !ok || err != nil || !strings.Contains(row[3], code) && weight[0] == '+' {
			t.Errorf("got evidence %q with reasons %q, want code:weight terms led by a reason", row[col], row[3])
		}
	}
	env, out, errb := testEnv()
	if code := run(context.Background(), env, []string{"simbox", "eval", "--labels", labels, "--suspects", suspects}); code != 0 {
		t.Fatalf("eval: exit %d: %s", code, errb)
	}
	for _, want := range []string{"precision ", "mimic", "trickle", "simserver", "bypass", "agent"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("got %q, want it to mention %s", out, want)
		}
	}
}

func TestQuietWindow(t *testing.T) {
	for _, tc := range []struct {
		hours    []int
		from, to int
		ok       bool
	}{
		{[]int{0, 1, 2, 3, 4, 5}, 0, 6, true},
		{[]int{0, 19, 20, 21, 22, 23}, 19, 1, true},
		{[]int{18, 19, 20, 21, 22, 23}, 18, 0, true},
		{nil, 0, 0, false},
	} {
		from, to, ok := quietWindow(tc.hours)
		if from != tc.from || to != tc.to || ok != tc.ok {
			t.Errorf("quietWindow(%v): got %d, %d, %v; want %d, %d, %v", tc.hours, from, to, ok, tc.from, tc.to, tc.ok)
		}
	}
}
