package registry_test

import (
	"math/rand/v2"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/registry"
)

// synthetic returns the i-th synthetic indicator: phones and KZ IBANs in
// turn, distinct for every i.
func synthetic(buf []byte, i int) (kuzet.Kind, []byte) {
	n := uint64(i / 2)
	if i%2 == 0 {
		buf = append(buf[:0], "+7700"...)
		return kuzet.KindPhone, appendDigits(buf, n, 7)
	}
	buf = append(buf[:0], "KZ86722"...)
	return kuzet.KindIBAN, appendDigits(buf, n, 13)
}

// appendDigits appends n as exactly width decimal digits.
func appendDigits(buf []byte, n uint64, width int) []byte {
	start := len(buf)
	for range width {
		buf = append(buf, '0')
	}
	for i := len(buf) - 1; i >= start && n > 0; i-- {
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return buf
}

// loaded is an index of n synthetic indicators and what it cost.
type loaded struct {
	x        *registry.Index
	n        int
	perEntry float64 // heap bytes per indicator after GC
}

var (
	loadMu sync.Mutex
	loads  = map[int]*loaded{}
)

// load builds, once per size, an index of n synthetic indicators: every
// tenth has a second reporter, every fifth a validity limit.
func load(tb testing.TB, n int) *loaded {
	tb.Helper()
	loadMu.Lock()
	defer loadMu.Unlock()
	if l := loads[n]; l != nil {
		return l
	}
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	x := registry.NewIndex()
	var buf []byte
	r := &kuzet.Report{Category: kuzet.CategoryScamCall, CreatedAt: now, UpdatedAt: now}
	for i := range n {
		var v []byte
		r.Kind, v = synthetic(buf, i)
		buf = v
		r.Value = string(v)
		r.OrgID = int64(i%50 + 1)
		r.Confidence = float64(i%10+1) / 10
		r.ValidUntil = time.Time{}
		if i%5 == 0 {
			r.ValidUntil = now.AddDate(1, 0, 0)
		}
		x.Add(r)
		if i%10 == 0 {
			r.OrgID++
			x.Add(r)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&m1)
	if x.Len() != n {
		tb.Fatalf("len: got %d, want %d", x.Len(), n)
	}
	l := &loaded{x: x, n: n, perEntry: float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc)) / float64(n)}
	loads[n] = l
	return l
}

// lookupKeys returns a sample of keys to look up, one in ten unknown.
func lookupKeys(n int) (kinds []kuzet.Kind, values []string) {
	rng := rand.New(rand.NewPCG(1, 2))
	const size = 1 << 16
	var buf []byte
	for range size {
		i := rng.IntN(n)
		if rng.IntN(10) == 0 {
			i += n // beyond the loaded ones
		}
		k, v := synthetic(buf, i)
		buf = v
		kinds = append(kinds, k)
		values = append(values, string(v))
	}
	return kinds, values
}

func benchmarkAssess(b *testing.B, n int) {
	l := load(b, n)
	kinds, values := lookupKeys(n)
	mask := len(values) - 1
	at := now.AddDate(0, 1, 0)
	i := 0
	for b.Loop() {
		a := l.x.Assess(kinds[i&mask], values[i&mask], at)
		if a.Kind == "" {
			b.Fatal("empty assessment")
		}
		i++
	}
	b.ReportMetric(l.perEntry, "bytes/indicator")
}

// BenchmarkAssess measures a lookup in an index of a million indicators.
func BenchmarkAssess(b *testing.B) { benchmarkAssess(b, 1_000_000) }

// BenchmarkAssess10M measures a lookup at the size of the acceptance
// target. It needs about a gigabyte of memory and some seconds to load, so
// it runs only with KUZET_BENCH_FULL=1.
func BenchmarkAssess10M(b *testing.B) {
	if os.Getenv("KUZET_BENCH_FULL") != "1" {
		b.Skip("set KUZET_BENCH_FULL=1 to load 10M indicators")
	}
	benchmarkAssess(b, 10_000_000)
}

// BenchmarkAssessParallel measures lookups from every core at once, the
// shape of a busy API node.
func BenchmarkAssessParallel(b *testing.B) {
	const n = 1_000_000
	l := load(b, n)
	kinds, values := lookupKeys(n)
	mask := len(values) - 1
	at := now.AddDate(0, 1, 0)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := rand.IntN(len(values))
		for pb.Next() {
			l.x.Assess(kinds[i&mask], values[i&mask], at)
			i++
		}
	})
}

// BenchmarkAdd measures adding new indicators to a growing index.
func BenchmarkAdd(b *testing.B) {
	x := registry.NewIndex()
	r := &kuzet.Report{OrgID: 1, Category: kuzet.CategoryMuleAccount, Confidence: 0.9, CreatedAt: now, UpdatedAt: now}
	values := make([]string, 1<<20)
	var buf []byte
	for i := range values {
		_, v := synthetic(buf, 2*i+1)
		buf = v
		values[i] = string(v)
	}
	r.Kind = kuzet.KindIBAN
	i := 0
	for b.Loop() {
		r.Value = values[i&(len(values)-1)]
		r.OrgID = int64(i>>20 + 1) // a new contribution once the values repeat
		x.Add(r)
		i++
	}
}

// TestIndexMemory checks the memory target: under 100 bytes per indicator
// with a million loaded.
func TestIndexMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a million indicators")
	}
	if raceEnabled {
		t.Skip("a memory figure: make test measures it without -race")
	}
	l := load(t, 1_000_000)
	// The synthetic values are 12 (phone) and 20 (IBAN) bytes long.
	if l.perEntry >= 100 {
		t.Errorf("got %.1f bytes per indicator, want < 100", l.perEntry)
	}
	t.Logf("%.1f bytes per indicator", l.perEntry)
	// Spot-check the load.
	var buf []byte
	for _, i := range []int{0, 1, 10, 999_999} {
		k, v := synthetic(buf, i)
		a := l.x.Assess(k, string(v), now)
		if a.Reporters == 0 {
			t.Errorf("%s:%s: got no reporters, want some", k, v)
		}
		want := 1
		if i%10 == 0 {
			want = 2
		}
		if a.Reporters != want {
			t.Errorf("%s:%s: reporters: got %d, want %d", k, v, a.Reporters, want)
		}
	}
	if k, v := synthetic(buf, 1_000_000); l.x.Assess(k, string(v), now).Reporters != 0 {
		t.Errorf("%s: got reporters, want none", v)
	}
}
