package telecom_test

import (
	"context"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/proccpu"
	"github.com/kuzet/kuzet/internal/shakentest"
	"github.com/kuzet/kuzet/telecom"
)

// The load of the targets: 10,000 calls a second, a 120-second window.
const (
	benchRate   = 10_000
	benchWindow = 120 * time.Second
	benchFill   = benchRate * 120 // 1.2 M registrations
	benchStep   = int64(time.Second / benchRate)
)

// benchNumbers is a pool of distinct numbers made once, so that the
// benchmarks measure the engine, not strconv.
var benchNumbers = func() (as, bs []string) {
	as = make([]string, 1<<21)
	for i := range as {
		as[i] = "+7701" + pad7(i)
	}
	bs = make([]string, 1<<21)
	for i := range bs {
		bs[i] = "+7702" + pad7(i)
	}
	return as, bs
}

// simClock is time that moves by one call interval per call, so that the
// window holds exactly 120 s of 10,000 calls a second and expires as fast as
// it fills.
type simClock struct{ n atomic.Int64 }

func (c *simClock) Now() time.Time { return time.Unix(0, t0.UnixNano()+c.n.Load()*benchStep) }

// pair returns the i-th distinct call. Callees are distinct too, for the
// first 2 M calls, so that every call is a first-time call and the
// active-call signal is as full as traffic can make it.
func pair(as, bs []string, i int) (string, string) {
	return as[i&(len(as)-1)], bs[((i>>21)^i)&(len(bs)-1)]
}

func benchEngine(b *testing.B, clock *simClock, cfg telecom.Config) *telecom.Service {
	cfg.Clock = clock.Now
	e, err := telecom.NewService(cfg)
	if err != nil {
		b.Fatal(err)
	}
	if err := e.SetOperators(testOrgs); err != nil {
		b.Fatal(err)
	}
	return e
}

// fill registers and verifies n calls, one interval apart, starting at
// call number from.
func fill(b *testing.B, e *telecom.Service, clock *simClock, as, bs []string, from, n int) {
	ctx := context.Background()
	for i := from; i < from+n; i++ {
		clock.n.Add(1)
		a, bn := pair(as, bs, i)
		at := clock.Now()
		if err := e.Register(telecom.Call{A: a, B: bn, At: at, CallID: "c", OrgID: opA}); err != nil {
			b.Fatal(err)
		}
		v, err := e.Verify(ctx, telecom.Call{A: a, B: bn, At: at, Ingress: kuzet.IngressDomestic, OrgID: opB})
		if err != nil || v.Reason != kuzet.ReasonOK {
			b.Fatalf("call %d: got %v %v, want ok", i, v, err)
		}
	}
}

// BenchmarkRegisterVerify is the throughput target: register+verify pairs
// from all cores against a full window (1.2 M entries, expiring as fast as
// it fills). One op is one pair; verdicts/s is the figure to compare with
// 1,000,000.
func BenchmarkRegisterVerify(b *testing.B) {
	as, bs := benchNumbers()
	clock := &simClock{}
	e := benchEngine(b, clock, telecom.Config{})
	fill(b, e, clock, as, bs, 0, benchFill)
	if got := e.Metrics().Entries; got != benchFill {
		b.Fatalf("window holds %d, want %d", got, benchFill)
	}
	var next atomic.Int64
	next.Store(benchFill)
	var bad atomic.Int64
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	start, cpu := time.Now(), proccpu.Used()
	b.RunParallel(func(pb *testing.PB) {
		// Each goroutine takes call numbers and moves the clock in blocks
		// of 64, so that the benchmark's own shared counters do not bounce
		// between the cores on every call and get measured as the engine.
		var i, end int
		for pb.Next() {
			if i == end {
				end = int(next.Add(64))
				i = end - 64
				clock.n.Add(64)
			}
			i++
			a, bn := pair(as, bs, i)
			at := clock.Now()
			if err := e.Register(telecom.Call{A: a, B: bn, At: at, CallID: "c", OrgID: opA}); err != nil {
				bad.Add(1)
			}
			v, err := e.Verify(ctx, telecom.Call{A: a, B: bn, At: at, Ingress: kuzet.IngressDomestic, OrgID: opB})
			if err != nil || v.Reason != kuzet.ReasonOK {
				bad.Add(1)
			}
		}
	})
	reportRates(b, b.N, start, cpu)
	b.StopTimer()
	if n := bad.Load(); n > 0 {
		b.Fatalf("%d of %d calls did not pass", n, b.N)
	}
	if got := e.Metrics().Entries; got > benchFill+benchFill/100 {
		b.Fatalf("window grew to %d, want about %d", got, benchFill)
	}
}

// BenchmarkForwardRetry is RegisterVerify for the calls real networks add:
// each op registers A→B, verifies the call forwarded to C (redirected_from
// B), and verifies it again without its call ID, as a switch retrying
// would; allocations per op must stay 0. verdicts/s counts both
// verifications.
func BenchmarkForwardRetry(b *testing.B) {
	as, bs := benchNumbers()
	clock := &simClock{}
	e := benchEngine(b, clock, telecom.Config{})
	fill(b, e, clock, as, bs, 0, benchFill)
	var next atomic.Int64
	next.Store(benchFill)
	var bad atomic.Int64
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	start, cpu := time.Now(), proccpu.Used()
	b.RunParallel(func(pb *testing.PB) {
		var i, end int
		for pb.Next() {
			if i == end {
				end = int(next.Add(64))
				i = end - 64
				clock.n.Add(64)
			}
			i++
			a, dialled := pair(as, bs, i)
			c := bs[(i*7+3)&(len(bs)-1)]
			at := clock.Now()
			if err := e.Register(telecom.Call{A: a, B: dialled, At: at, CallID: "c", OrgID: opA}); err != nil {
				bad.Add(1)
			}
			v := telecom.Call{A: a, B: c, At: at, Ingress: kuzet.IngressDomestic, RedirectedFrom: dialled, CallID: "v", OrgID: opB}
			if r, err := e.Verify(ctx, v); err != nil || r.Reason != kuzet.ReasonOK {
				bad.Add(1)
			}
			v.CallID = ""
			if r, err := e.Verify(ctx, v); err != nil || r.Reason != kuzet.ReasonOK {
				bad.Add(1)
			}
		}
	})
	reportRates(b, 2*b.N, start, cpu)
	b.StopTimer()
	if n := bad.Load(); n > 0 {
		b.Fatalf("%d of %d calls did not pass", n, b.N)
	}
}

// BenchmarkVerifyBatch measures the batch path the HTTP API uses: batches of
// 1,000 registrations and 1,000 verifications against a full window.
func BenchmarkVerifyBatch(b *testing.B) {
	as, bs := benchNumbers()
	clock := &simClock{}
	// No fail-open deadline: on a loaded machine a batch may take longer
	// than 50 ms, and its late items would pass on timeout without the
	// work being measured.
	e := benchEngine(b, clock, telecom.Config{Deadline: time.Hour})
	fill(b, e, clock, as, bs, 0, benchFill)
	regs := make([]telecom.Call, 1000)
	vers := make([]telecom.Call, 1000)
	ctx := context.Background()
	next := benchFill
	b.ReportAllocs()
	b.ResetTimer()
	start, cpu := time.Now(), proccpu.Used()
	for b.Loop() {
		for j := range regs {
			clock.n.Add(1)
			a, bn := pair(as, bs, next)
			next++
			at := clock.Now()
			regs[j] = telecom.Call{A: a, B: bn, At: at, CallID: "c", OrgID: opA}
			vers[j] = telecom.Call{A: a, B: bn, At: at, Ingress: kuzet.IngressDomestic, OrgID: opB}
		}
		for _, err := range e.RegisterBatch(regs) {
			if err != nil {
				b.Fatal(err)
			}
		}
		for _, r := range e.VerifyBatch(ctx, vers) {
			if r.Err != nil || r.Verdict.Reason != kuzet.ReasonOK {
				b.Fatalf("got %v %v, want ok", r.Verdict, r.Err)
			}
		}
	}
	reportRates(b, b.N*len(vers), start, cpu)
}

// reportRates reports verdicts per second of wall time, and per second of
// CPU time (the rate one fully available core would reach; "on 2 cores" is
// twice it where the work scales, as the sharded window lets it).
func reportRates(b *testing.B, verdicts int, start time.Time, cpu time.Duration) {
	b.ReportMetric(float64(verdicts)/time.Since(start).Seconds(), "verdicts/s")
	if used := proccpu.Used() - cpu; used > 0 {
		b.ReportMetric(float64(verdicts)/used.Seconds(), "verdicts/cpu-s")
	}
}

// BenchmarkWindowMemory is the memory target: the heap an engine holds
// after a full window of registered and verified calls (window, index,
// active-call signals at their cap, pair memory, counters), in MB.
func BenchmarkWindowMemory(b *testing.B) {
	as, bs := benchNumbers()
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		clock := &simClock{}
		e := benchEngine(b, clock, telecom.Config{})
		fill(b, e, clock, as, bs, 0, benchFill)
		runtime.GC()
		runtime.ReadMemStats(&after)
		entries := e.Metrics().Entries
		runtime.KeepAlive(e)
		held := float64(after.HeapInuse) - float64(before.HeapInuse)
		b.ReportMetric(held/1e6, "MB")
		b.ReportMetric(held/float64(entries), "B/entry")
	}
}

// BenchmarkClassify measures the number plan on the hot path.
func BenchmarkClassify(b *testing.B) {
	plan := telecom.DefaultPlan()
	numbers := []string{"+77011234567", "+77272590000", "+79161234567", "+442071234567", "+77990000000"}
	for i := 0; b.Loop(); i++ {
		plan.Classify(numbers[i%len(numbers)])
	}
}

// BenchmarkPASSporT is the STIR/SHAKEN target: verifications of signed
// calls (attestation A, no registration) through the engine, on all cores.
// Each op is one call with a PASSporT of its own: parsing the token, one
// ES256 (P-256) signature check against the cached certificate, the claims,
// the verdict. verdicts/cpu-s is the figure to compare with 9,000 per core.
func BenchmarkPASSporT(b *testing.B) {
	p := newPKI(b)
	clock := &simClock{}
	e := benchEngine(b, clock, telecom.Config{})
	p.trust(b, e)
	const n = 4096
	calls := make([]telecom.Call, n)
	for i := range calls {
		a := "+7701" + pad7(i)
		calls[i] = telecom.Call{A: a, B: "+77021234567", At: clock.Now(), Ingress: kuzet.IngressDomestic, OrgID: opB,
			CallID: "v" + pad7(i)}
		calls[i].Identity = sign(b, p.a, shakentest.Claims{Attest: "A", Orig: a, Dest: []string{calls[i].B}, IAT: clock.Now()})
	}
	var next atomic.Int64
	var bad atomic.Int64
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	start, cpu := time.Now(), proccpu.Used()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := next.Add(1)
			c := calls[i%n]
			c.CallID += pad7(int(i / n)) // a new call each time, not a retry
			if v, err := e.Verify(ctx, c); err != nil || v.Reason != kuzet.ReasonOK {
				bad.Add(1)
			}
		}
	})
	reportRates(b, b.N, start, cpu)
	b.StopTimer()
	if k := bad.Load(); k > 0 {
		b.Fatalf("%d of %d signed calls did not pass", k, b.N)
	}
}
