package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestKamailioLoad measures the edge under SIPp at a fixed rate: how many
// calls a second pass through, and how long each INVITE waited for kuzet
// (Kamailio's own clock around the HTTP query, KUZET_TIMING). It only
// reports; the figures are in docs/benchmarks.md. Run with
//
//	KUZET_TEST_KAMAILIO=1 KUZET_KAMAILIO_LOAD=200 go test -run TestKamailioLoad -v ./cmd/kuzet
//
// where 200 is SIPp's calls a second; each phase lasts 10 seconds. Each edge
// runs 16 SIP workers (KUZET_KAMAILIO_CHILDREN).
func TestKamailioLoad(t *testing.T) {
	rate, _ := strconv.Atoi(os.Getenv("KUZET_KAMAILIO_LOAD"))
	if rate <= 0 || os.Getenv("KUZET_TEST_KAMAILIO") != "1" {
		t.Skip("set KUZET_TEST_KAMAILIO=1 and KUZET_KAMAILIO_LOAD=<calls a second> to measure the Kamailio edge")
	}
	data := t.TempDir()
	keyA := orgAdd(t, data, "--name", "Operator A", "--type", "telco", "--prefixes", "7701,7775")
	keyB := orgAdd(t, data, "--name", "Operator B", "--type", "telco", "--prefixes", "7702,7747")
	m := MustRunMain(t, data)
	children := 16
	if c, err := strconv.Atoi(os.Getenv("KUZET_KAMAILIO_CHILDREN")); err == nil && c > 0 {
		children = c
	}
	lab := startKamailioLab(t, m.URL(), keyA, keyB, fmt.Sprintf("#!define KUZET_TIMING\n#!define SIP_CHILDREN %d\n", children), nil)
	lab.rate, lab.rtt = rate, true
	n := rate * 10

	phases := []struct {
		name, target, scenario, first, second string
		stop                                  bool // kuzet down from this phase on
	}{
		{"pass: foreign number, international trunk", lab.intlB, "uac-answered.xml", "+4420%07d", "+7702%07d", false},
		{"pass: registered by A's edge, verified by B's", lab.origA, "uac-answered.xml", "+7701%07d", "+7702%07d", false},
		{"block: unregistered, domestic trunk", lab.domB, "uac-declined.xml", "+7775%07d", "+7747%07d", false},
		{"fail-open: kuzet down", lab.domB, "uac-answered.xml", "+7701%07d", "+7747%07d", true},
	}
	// Warm up (kuzet's and Kamailio's first calls are slow), unreported.
	lab.sipp("warm-up", lab.intlB, "uac-answered.xml", "X-Case: warm-up", numbers(rate*2, "+4420%07d", "+7702%07d"))
	logs := map[string]int64{}
	for _, ph := range phases {
		if ph.stop {
			m.Close()
		}
		for _, e := range []string{"a", "b"} {
			fi, err := os.Stat(filepath.Join(lab.dir, e, "log"))
			if err != nil {
				t.Fatal(err)
			}
			logs[e] = fi.Size()
		}
		before, _ := filepath.Glob(filepath.Join(lab.dir, "*_rtt.csv"))
		start := time.Now()
		lab.sipp(ph.name, ph.target, ph.scenario, "X-Case: load", numbers(n, ph.first, ph.second))
		elapsed := time.Since(start)

		after, _ := filepath.Glob(filepath.Join(lab.dir, "*_rtt.csv"))
		rtts := sippRTT(t, newFiles(before, after))
		waits := map[string][]float64{}
		for _, e := range []string{"a", "b"} {
			kuzetWaits(t, filepath.Join(lab.dir, e, "log"), logs[e], waits)
		}
		line := fmt.Sprintf("%-48s %d calls at %d/s: %.0f calls/s through; SIPp response p50 %s p99 %s ms",
			ph.name, n, rate, float64(n)/elapsed.Seconds(), pct(rtts, 0.5), pct(rtts, 0.99))
		for _, k := range []string{"originated", "verify"} {
			if w := waits[k]; len(w) > 0 {
				line += fmt.Sprintf("; waited for %s (%d): p50 %s p99 %s µs", k, len(w), pct(w, 0.5), pct(w, 0.99))
			}
		}
		t.Log(line)
	}
}

func newFiles(before, after []string) []string {
	seen := map[string]bool{}
	for _, f := range before {
		seen[f] = true
	}
	var out []string
	for _, f := range after {
		if !seen[f] {
			out = append(out, f)
		}
	}
	return out
}

// sippRTT reads SIPp's response times (-trace_rtt: Date_ms;response_time_ms;rtd_no).
func sippRTT(t *testing.T, files []string) []float64 {
	var out []float64
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(strings.NewReader(string(b)))
		r.Comma = ';'
		rows, _ := r.ReadAll()
		for _, row := range rows {
			if len(row) < 2 {
				continue
			}
			if v, err := strconv.ParseFloat(row[1], 64); err == nil {
				out = append(out, v)
			}
		}
	}
	return out
}

var timingLine = regexp.MustCompile(`kuzet-timing \S+/v1/calls/(\w+) (\d+) (\d+)`)

// kuzetWaits adds the microseconds of the edge's kuzet-timing lines logged
// after offset, by route (originated, verify).
func kuzetWaits(t *testing.T, file string, offset int64, into map[string][]float64) {
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Seek(offset, 0); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := timingLine.FindStringSubmatch(sc.Text()); m != nil {
			us, _ := strconv.ParseFloat(m[3], 64)
			into[m[1]] = append(into[m[1]], us)
		}
	}
}

func pct(v []float64, p float64) string {
	if len(v) == 0 {
		return "-"
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return strconv.FormatFloat(s[int(p*float64(len(s)-1))], 'f', 0, 64)
}
