package main

import (
	"context"
	"os"
	"path/filepath"
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
