package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const webwatchBrands = "../../webwatch/testdata/brands.txt"

func TestWebwatchScan(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "domains.txt")
	out := filepath.Join(dir, "findings.jsonl")
	domains := "kаspi.kz\nkaspiy-neft.kz\n\nhalyk-bonus.com\nkaspi.kz\nnot a domain\n"
	if err := os.WriteFile(in, []byte(domains), 0o644); err != nil {
		t.Fatal(err)
	}
	env, _, errb := testEnv()
	if code := run(context.Background(), env, []string{"webwatch", "scan", "--brands", webwatchBrands, "--in", in, "--out", out}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	want := []struct{ domain, verdict, brand string }{
		{"kаspi.kz", "lookalike", "kaspi"},
		{"kaspiy-neft.kz", "clean", ""},
		{"", "invalid", ""},
		{"halyk-bonus.com", "lookalike", "halyk"},
		{"kaspi.kz", "clean", ""},
		{"not a domain", "invalid", ""},
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), b)
	}
	for i, w := range want {
		var f struct {
			Domain, Verdict, Brand, Error string
			Token, Imitates, Explanation  string
			Score                         *float64
			Methods                       []string
		}
		if err := json.Unmarshal([]byte(lines[i]), &f); err != nil {
			t.Fatalf("line %d: %v: %s", i+1, err, lines[i])
		}
		if f.Domain != w.domain || f.Verdict != w.verdict || f.Brand != w.brand || f.Score == nil || f.Methods == nil {
			t.Errorf("line %d: got %s, want domain %q verdict %s brand %q with score and methods", i+1, lines[i], w.domain, w.verdict, w.brand)
		}
		flagged := f.Verdict == "lookalike" || f.Verdict == "suspicious"
		if flagged != (f.Token != "" && f.Imitates != "" && strings.Contains(f.Explanation, f.Imitates)) {
			t.Errorf("line %d: got token %q, imitates %q, explanation %q with verdict %s, want them on flagged lines only",
				i+1, f.Token, f.Imitates, f.Explanation, f.Verdict)
		}
		if (f.Verdict == "invalid") != (f.Error != "") {
			t.Errorf("line %d: error %q with verdict %s", i+1, f.Error, f.Verdict)
		}
	}
	if !strings.Contains(errb.String(), "scanned 6 domains") {
		t.Errorf("summary: got %q, want the count of domains", errb)
	}
}

// TestWebwatchScanStdio reads standard input and writes standard output.
func TestWebwatchScanStdio(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdin := os.Stdin
	os.Stdin = r
	t.Cleanup(func() { os.Stdin = stdin; r.Close() })
	go func() {
		w.WriteString("egov.kz.verify-id.top\nkolesaa.kz\n")
		w.Close()
	}()
	env, out, errb := testEnv()
	if code := run(context.Background(), env, []string{"webwatch", "scan", "--brands", webwatchBrands, "--in", "-", "--out", "-", "--quiet"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	got := out.String()
	if !strings.Contains(got, `"domain":"egov.kz.verify-id.top"`) || !strings.Contains(got, `"brand":"kolesa"`) || strings.Count(got, "\n") != 2 {
		t.Errorf("got %q, want two findings", got)
	}
	if errb.Len() != 0 {
		t.Errorf("--quiet: got %q on standard error", errb)
	}
}

func TestWebwatchScanErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte("kaspi kaspi.kz\nKaspi kaspi.com\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no brands", []string{"webwatch", "scan", "--in", "-"}, 2, "--brands is required"},
		{"bad flag", []string{"webwatch", "scan", "--nope"}, 2, "flag provided but not defined"},
		{"bad watchlist", []string{"webwatch", "scan", "--brands", bad}, 1, "line 2"},
		{"missing watchlist", []string{"webwatch", "scan", "--brands", filepath.Join(dir, "none.txt")}, 1, "no such file"},
		{"missing input", []string{"webwatch", "scan", "--brands", webwatchBrands, "--in", filepath.Join(dir, "none.txt")}, 1, "no such file"},
		{"no subcommand", []string{"webwatch"}, 2, "subcommand is required"},
		{"unknown subcommand", []string{"webwatch", "watch"}, 2, "unknown subcommand"},
		{"permute without domain", []string{"webwatch", "permute"}, 2, "exactly one DOMAIN"},
		{"permute bad domain", []string{"webwatch", "permute", "kaspi..kz"}, 2, "empty label"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env, _, errb := testEnv()
			if code := run(context.Background(), env, tc.args); code != tc.code {
				t.Errorf("exit: got %d, want %d (%s)", code, tc.code, errb)
			}
			if !strings.Contains(errb.String(), tc.stderr) {
				t.Errorf("stderr: got %q, want %q in it", errb, tc.stderr)
			}
		})
	}
}

func TestWebwatchHelp(t *testing.T) {
	for _, args := range [][]string{{"webwatch", "--help"}, {"webwatch", "scan", "--help"}, {"webwatch", "permute", "--help"}} {
		env, out, errb := testEnv()
		if code := run(context.Background(), env, args); code != 0 {
			t.Errorf("%v: exit %d: %s", args, code, errb)
		}
		if !strings.Contains(out.String(), "Usage: kuzet webwatch") {
			t.Errorf("%v: got %q, want usage on standard output", args, out)
		}
	}
}

func TestWebwatchPermute(t *testing.T) {
	env, out, errb := testEnv()
	if code := run(context.Background(), env, []string{"webwatch", "permute", "kaspi.kz"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	seen := map[string]bool{}
	for _, l := range lines {
		if seen[l] {
			t.Errorf("%s: printed twice", l)
		}
		seen[l] = true
	}
	for _, want := range []string{"kaspi.com", "kapsi.kz", "kaspi-bonus.kz", "xn--kspi-53d.kz"} {
		if !seen[want] {
			t.Errorf("%s: missing from %d lines", want, len(lines))
		}
	}

	env, out, _ = testEnv()
	if code := run(context.Background(), env, []string{"webwatch", "permute", "--fuzzers", "--unicode", "kaspi.kz"}); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out.String(), "mixed-script\tkаspi.kz\n") {
		t.Errorf("--fuzzers --unicode: no line \"mixed-script\\tkаspi.kz\" in the output")
	}
}
