package webwatch_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kuzet/kuzet/webwatch"
)

func TestScan(t *testing.T) {
	s := mustScorer(t)
	long := strings.Repeat("a", 70<<10)
	lines := []string{"\ufeffkaspi-bonus.top", "kaspi.kz", "", "kаspi.kz", "ka\xffspi.kz", "forte-music.kz\r", long, "# comment", "egov.kz.verify-id.top"}
	in := strings.Join(lines, "\n") // the last line has no newline
	var out bytes.Buffer
	stats, err := s.Scan(context.Background(), strings.NewReader(in), &out, webwatch.ScanOptions{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		domain  string
		verdict webwatch.Verdict
	}{
		{"kaspi-bonus.top", webwatch.VerdictLookalike},
		{"kaspi.kz", webwatch.VerdictClean},
		{"", webwatch.VerdictInvalid},
		{"kаspi.kz", webwatch.VerdictLookalike},
		{"ka\ufffdspi.kz", webwatch.VerdictInvalid},
		{"forte-music.kz", webwatch.VerdictClean},
		{strings.Repeat("a", 256) + "…", webwatch.VerdictInvalid},
		{"# comment", webwatch.VerdictInvalid},
		{"egov.kz.verify-id.top", webwatch.VerdictLookalike},
	}
	sc := bufio.NewScanner(&out)
	i := 0
	for ; sc.Scan(); i++ {
		if !json.Valid(sc.Bytes()) {
			t.Fatalf("line %d: not JSON: %s", i+1, sc.Text())
		}
		var f webwatch.Finding
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			t.Fatal(err)
		}
		if i >= len(want) {
			continue
		}
		if f.Domain != want[i].domain || f.Verdict != want[i].verdict {
			t.Errorf("line %d: got %q %s, want %q %s", i+1, clipped(f.Domain), f.Verdict, clipped(want[i].domain), want[i].verdict)
		}
		if f.Verdict == webwatch.VerdictInvalid && f.Error == "" {
			t.Errorf("line %d: invalid without error", i+1)
		}
	}
	if i != len(want) {
		t.Errorf("got %d lines, want %d", i, len(want))
	}
	wantStats := webwatch.ScanStats{Lines: 9, Lookalike: 3, Clean: 2, Invalid: 4}
	if stats != wantStats {
		t.Errorf("stats: got %+v, want %+v", stats, wantStats)
	}
}

func clipped(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// TestScanOrder: many batches on many workers come out in input order.
func TestScanOrder(t *testing.T) {
	s := mustScorer(t)
	var in strings.Builder
	const n = 25_000
	for i := range n {
		fmt.Fprintf(&in, "site%d.kz\n", i)
	}
	var out bytes.Buffer
	calls := 0
	stats, err := s.Scan(context.Background(), strings.NewReader(in.String()), &out,
		webwatch.ScanOptions{Workers: 4, Progress: func(webwatch.ScanStats) { calls++ }, ProgressEvery: 1})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Lines != n || stats.Clean != n {
		t.Fatalf("stats: got %+v, want %d clean lines", stats, n)
	}
	if calls == 0 {
		t.Error("progress: never called")
	}
	sc := bufio.NewScanner(&out)
	for i := 0; sc.Scan(); i++ {
		var f webwatch.Finding
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("site%d.kz", i); f.Domain != want {
			t.Fatalf("line %d: got %q, want %q", i+1, f.Domain, want)
		}
	}
}

type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n++; w.n > 2 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestScanWriteError(t *testing.T) {
	s := mustScorer(t)
	in := strings.Repeat("kaspi-bonus.top\n", 50_000)
	_, err := s.Scan(context.Background(), strings.NewReader(in), &failingWriter{}, webwatch.ScanOptions{})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("got %v, want the write error", err)
	}
}

type failingReader struct{ sent bool }

func (r *failingReader) Read(p []byte) (int, error) {
	if !r.sent {
		r.sent = true
		return copy(p, "kaspi.kz\nkaspi.com\n"), nil
	}
	return 0, errors.New("connection reset")
}

func TestScanReadError(t *testing.T) {
	s := mustScorer(t)
	var out bytes.Buffer
	stats, err := s.Scan(context.Background(), &failingReader{}, &out, webwatch.ScanOptions{})
	if err == nil || !strings.Contains(err.Error(), "connection reset") {
		t.Errorf("got %v, want the read error", err)
	}
	if stats.Lines != 2 {
		t.Errorf("got %d lines written before the error, want 2", stats.Lines)
	}
}

func TestScanCancel(t *testing.T) {
	s := mustScorer(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	in := strings.Repeat("kaspi.kz\n", 100_000)
	_, err := s.Scan(ctx, strings.NewReader(in), &bytes.Buffer{}, webwatch.ScanOptions{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

// FuzzFindingJSON: whatever a line holds, its finding is one line of valid
// JSON that reads back to the same finding.
func FuzzFindingJSON(f *testing.F) {
	s := mustScorer(f)
	for _, d := range []string{"kаspi.kz", "\"\\\x00\x1f\u2028", "\xff\xfe", "<script>&", "halyk-bonus.com"} {
		f.Add(d)
	}
	f.Fuzz(func(t *testing.T, d string) {
		got := s.Score(d)
		b, err := json.Marshal(got)
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(b) || bytes.ContainsAny(b, "\n\r") {
			t.Fatalf("%q: not one line of JSON: %s", d, b)
		}
		var back webwatch.Finding
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if utf8.ValidString(d) && back.Domain != d {
			t.Fatalf("domain: got %q, want %q", back.Domain, d)
		}
		if back.Verdict != got.Verdict || back.Score != got.Score || back.Brand != got.Brand || back.Error != got.Error {
			t.Fatalf("round trip: got %+v, want %+v", back, got)
		}
	})
}

// FuzzScan: any input yields one line of valid JSON per input line, in
// order, whatever the bytes and line endings.
func FuzzScan(f *testing.F) {
	s := mustScorer(f)
	f.Add([]byte("kaspi.kz\nkаspi.kz\r\n\n\xff\n"))
	f.Add([]byte("no newline at the end"))
	f.Add([]byte("\ufeff\r\n\r\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		var out bytes.Buffer
		st, err := s.Scan(context.Background(), bytes.NewReader(in), &out, webwatch.ScanOptions{Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		lines := bytes.Split(in, []byte("\n"))
		if len(lines[len(lines)-1]) == 0 {
			lines = lines[:len(lines)-1]
		}
		got := bytes.Split(bytes.TrimSuffix(out.Bytes(), []byte("\n")), []byte("\n"))
		if len(lines) == 0 {
			got = nil
		}
		if len(got) != len(lines) || st.Lines != int64(len(lines)) {
			t.Fatalf("got %d lines (stats %d), want %d", len(got), st.Lines, len(lines))
		}
		for i, l := range got {
			var f webwatch.Finding
			if err := json.Unmarshal(l, &f); err != nil {
				t.Fatalf("line %d: %v: %s", i+1, err, l)
			}
		}
	})
}
