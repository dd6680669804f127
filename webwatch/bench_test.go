package webwatch_test

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/kuzet/kuzet/webwatch"
)

// mustScorer builds a scorer from testdata/brands.txt.
func mustScorer(tb testing.TB) *webwatch.Scorer {
	tb.Helper()
	f, err := os.Open("testdata/brands.txt")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	brands, err := webwatch.ParseBrands(f)
	if err != nil {
		tb.Fatal(err)
	}
	s, err := webwatch.NewScorer(brands)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// feedCorpus makes n names shaped like a certificate-transparency feed:
// mostly unrelated names of one to three words, some with subdomains, a
// few per cent resembling a brand.
func feedCorpus(n int) []string {
	r := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields(`almaty astana stroy med clinic shop market auto travel tour food cafe coffee
		school dent beauty salon group consult service best city green logistics trade invest media news
		energy oil gas build home design studio kids sport fitness garden print web cloud data tech soft
		api cdn mail app dev test stage prod static img files secure login portal account billing`)
	tlds := []string{"kz", "com", "net", "org", "ru", "top", "xyz", "io", "com.kz", "online", "site", "info"}
	subs := []string{"www", "mail", "api", "cdn", "m", "app", "dev", "static", "autodiscover"}
	looks := []string{"kaspi-bonus.top", "kаspi.kz", "halyk-oplata.site", "egov.kz.verify-id.top", "kolesaa.kz", "olx-dostavka.com"}
	out := make([]string, n)
	for i := range out {
		if r.IntN(50) == 0 {
			out[i] = looks[r.IntN(len(looks))]
			continue
		}
		var b strings.Builder
		if r.IntN(3) == 0 {
			b.WriteString(subs[r.IntN(len(subs))] + ".")
		}
		for k := r.IntN(3); k >= 0; k-- {
			b.WriteString(words[r.IntN(len(words))])
			if k > 0 {
				b.WriteString([]string{"-", ""}[r.IntN(2)])
			}
		}
		if r.IntN(5) == 0 {
			fmt.Fprintf(&b, "%d", r.IntN(100))
		}
		b.WriteString("." + tlds[r.IntN(len(tlds))])
		out[i] = b.String()
	}
	return out
}

// BenchmarkScore measures scoring throughput against the 50-odd brands of
// testdata/brands.txt on all cores; ns/op is per domain.
func BenchmarkScore(b *testing.B) {
	s := mustScorer(b)
	corpus := feedCorpus(1 << 14)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := rand.IntN(len(corpus))
		for pb.Next() {
			s.Score(corpus[i&(len(corpus)-1)])
			i++
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "domains/s")
}

// BenchmarkScoreLabelled scores the hand-written labelled set, where every
// other name resembles a brand: the slow path's cost.
func BenchmarkScoreLabelled(b *testing.B) {
	s := mustScorer(b)
	var corpus []string
	for _, file := range []string{"testdata/lookalikes.txt", "testdata/benign.txt"} {
		data, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if f := strings.Fields(line); len(f) > 0 && !strings.HasPrefix(f[0], "#") {
				corpus = append(corpus, f[0])
			}
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := rand.IntN(len(corpus))
		for pb.Next() {
			s.Score(corpus[i%len(corpus)])
			i++
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "domains/s")
}

// BenchmarkPermute enumerates the look-alike candidates of one brand, to
// set beside dnstwist's time for the same domain.
func BenchmarkPermute(b *testing.B) {
	for _, d := range []string{"kaspi.kz", "halykbank.kz"} {
		b.Run(d, func(b *testing.B) {
			n := 0
			for b.Loop() {
				n = len(webwatch.Permute(d))
			}
			b.ReportMetric(float64(n), "names")
		})
	}
}

// BenchmarkScan measures the scan command's engine: read lines, score on
// every core, write JSON lines in order.
func BenchmarkScan(b *testing.B) {
	s := mustScorer(b)
	var in strings.Builder
	for _, d := range feedCorpus(1 << 16) {
		in.WriteString(d + "\n")
	}
	data := in.String()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := s.Scan(context.Background(), strings.NewReader(data), io.Discard, webwatch.ScanOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)*(1<<16)/b.Elapsed().Seconds(), "domains/s")
}
