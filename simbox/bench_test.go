package simbox_test

import (
	"bufio"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet/internal/proccpu"
	"github.com/kuzet/kuzet/simbox"
	"github.com/kuzet/kuzet/synth"
)

// writeExtract writes a synthetic extract to a file in dir.
func writeExtract(tb testing.TB, dir string, cfg synth.CDRConfig) string {
	tb.Helper()
	path := filepath.Join(dir, "cdr.csv")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	if _, err := synth.WriteCDR(bw, cfg); err != nil {
		tb.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkDetect measures parse + aggregate + scoring from a file of
// KUZET_SIMBOX_BENCH_SUBS subscribers (default 20,000) over 7 days (about
// 2.8 million rows), plain and gzip-compressed, generated once outside the
// timer; and, as adversary, the adversarial world of as many subscribers.
// It reports rows/s, CPU ns per row (on a shared machine the honest
// figure: 2 cores at full use give 2e9 / that rows a second), split into
// reading (parse + aggregate, per row) and scoring (per subscriber), the
// file's MB/s and the peak resident memory of the process.
func BenchmarkDetect(b *testing.B) {
	subs := envInt("KUZET_SIMBOX_BENCH_SUBS", 20000)
	dir := b.TempDir()
	plain := writeExtract(b, dir, synth.CDRConfig{Subscribers: subs, Days: 7, Seed: 1})
	zipped := filepath.Join(dir, "cdr.csv.gz")
	if err := gzipFile(plain, zipped); err != nil {
		b.Fatal(err)
	}
	adv := filepath.Join(dir, "adversary.csv")
	if err := writeFile(adv, func(w io.Writer) error {
		_, err := synth.WriteAdversaryCDR(w, synth.AdversaryConfig{Subscribers: subs, Days: 7, Seed: 1})
		return err
	}); err != nil {
		b.Fatal(err)
	}
	for _, path := range []string{plain, zipped, adv} {
		name := "plain"
		switch {
		case strings.HasSuffix(path, ".gz"):
			name = "gzip"
		case path == adv:
			name = "adversary"
		}
		b.Run(name, func(b *testing.B) {
			st, err := os.Stat(path)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(st.Size())
			runtime.GC()
			b.ResetTimer()
			var rows, subs int64
			var reading, scoring time.Duration
			start, cpu0 := time.Now(), proccpu.Used()
			for i := 0; i < b.N; i++ {
				f, err := os.Open(path)
				if err != nil {
					b.Fatal(err)
				}
				// The phases' CPU: reading ends when scoring starts.
				begin, mark := proccpu.Used(), time.Duration(0)
				progress := func(p simbox.Progress) {
					if p.Phase == "scoring" {
						mark = proccpu.Used()
					}
				}
				res, err := simbox.Detect(context.Background(), f, simbox.Options{Size: st.Size(), Progress: progress})
				f.Close()
				if err != nil {
					b.Fatal(err)
				}
				reading += mark - begin
				scoring += proccpu.Used() - mark
				rows += res.Stats.Lines
				subs += int64(res.Stats.Subscribers)
			}
			b.ReportMetric(float64(rows)/time.Since(start).Seconds(), "rows/s")
			b.ReportMetric(float64(proccpu.Used()-cpu0)/float64(rows), "cpu-ns/row")
			b.ReportMetric(float64(reading)/float64(rows), "read-cpu-ns/row")
			b.ReportMetric(float64(scoring)/float64(subs)/1e3, "score-cpu-us/sub")
			if mb := peakRSSMB(); mb > 0 {
				b.ReportMetric(mb, "peak-RSS-MB")
			}
		})
	}
}

// writeFile writes a file through a buffer.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func gzipFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	zw := gzip.NewWriter(out)
	if _, err := io.Copy(zw, in); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return out.Close()
}

// peakRSSMB reads the process's peak resident set size (Linux), 0 elsewhere.
func peakRSSMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}
