package payments_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/payments"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/synth"
)

// benchSize is the load of the check benchmarks: by default small enough
// for `go test -bench . -benchtime 1x` to finish in seconds; with
// KUZET_BENCH_FULL=1 the target's 10 million indicators and a million
// payers' histories.
func benchSize() (indicators, payers int) {
	if os.Getenv("KUZET_BENCH_FULL") == "1" {
		return 10_000_000, 1_000_000
	}
	return 200_000, 20_000
}

// benchWorld is a loaded engine and the checks to run through it.
type benchWorld struct {
	engine *payments.Engine
	writer *payments.Writer
	checks []kuzet.PaymentCheck
	orgs   []int64
}

var (
	benchOnce sync.Once
	benchW    *benchWorld
)

// discard is a store that takes check records and keeps nothing: the
// benchmark measures the engine, not a database.
var discard = beginFunc(func(ctx context.Context, writable bool) (kuzet.Tx, error) { return discardTx{}, nil })

type discardTx struct{ kuzet.Tx }

func (discardTx) PutChecks(context.Context, []*kuzet.CheckRecord) error { return nil }
func (discardTx) Commit() error                                         { return nil }
func (discardTx) Rollback() error                                       { return nil }

func loadBench(tb testing.TB) *benchWorld {
	benchOnce.Do(func() { benchW = buildBench(tb) })
	return benchW
}

func buildBench(tb testing.TB) *benchWorld {
	nInd, nPayers := benchSize()
	start := time.Now()
	var m0, m1, m2 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)

	// The registry: phones and IBANs reported by 50 organisations, a tenth
	// of them mule accounts at the banks below.
	index := registry.NewIndex()
	now := base.UTC()
	r := &kuzet.Report{CreatedAt: now, UpdatedAt: now}
	for i := range nInd {
		r.OrgID = int64(i%50 + 1)
		r.Confidence = float64(i%10+1) / 10
		if i%2 == 0 {
			r.Kind, r.Value, r.Category = kuzet.KindPhone, fmt.Sprintf("+7700%07d", i/2), kuzet.CategoryScamCall
		} else {
			r.Kind, r.Value, r.Category = kuzet.KindIBAN, muleIBAN(i/2), kuzet.CategoryMuleAccount
		}
		index.Add(r)
	}
	runtime.GC()
	runtime.ReadMemStats(&m1)

	clock := &testClock{t: now}
	w := payments.NewWriter(payments.WriterConfig{Store: discard})
	e := payments.NewEngine(payments.EngineConfig{Indicators: index, Sink: w, Clock: clock.Now, CardKey: cardKey,
		MaxPayers: 2 * nPayers, MaxPayees: 2 * nPayers})

	// A million payers' histories: four past payments each, to a shop and
	// to family, replayed as a restart would.
	rng := rand.New(rand.NewPCG(1, 2))
	shops := make([]string, 5000)
	for i := range shops {
		shops[i] = synth.KZIBAN("722", fmt.Sprintf("9%012d", i))
	}
	family := func(p, j int) string { return synth.KZIBAN("601", fmt.Sprintf("%07d%06d", p, j)) }
	payerOf := func(p int) kuzet.Payer {
		return kuzet.Payer{CustomerID: fmt.Sprintf("c%07d", p), Phone: fmt.Sprintf("+7701%07d", p), Account: fmt.Sprintf("acct-%d", p)}
	}
	rec := &kuzet.CheckRecord{Decision: kuzet.DecisionAllow}
	for p := range nPayers {
		rec.OrgID = int64(p%8 + 1)
		rec.Check = kuzet.PaymentCheck{Amount: kuzet.Amount(1000000 + rng.IntN(2000000)), Currency: "KZT", Payer: payerOf(p)}
		for j := range 4 {
			rec.CheckedAt = now.Add(-time.Duration(4-j) * 24 * time.Hour)
			if j%2 == 0 {
				rec.Check.Payee = kuzet.Payee{IBAN: shops[rng.IntN(len(shops))]}
			} else {
				rec.Check.Payee = kuzet.Payee{IBAN: family(p, j)}
			}
			e.Observe(rec)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&m2)

	// The checks: mostly known payees, some new ones, a few registry hits.
	bw := &benchWorld{engine: e, writer: w}
	for i := range 1 << 16 {
		p := rng.IntN(nPayers)
		pc := kuzet.PaymentCheck{PaymentID: fmt.Sprintf("b%d", i), Amount: kuzet.Amount(500000 + rng.IntN(5000000)),
			Currency: "KZT", Channel: "mobile_app", Payer: payerOf(p)}
		switch x := rng.IntN(100); {
		case x < 50:
			pc.Payee.IBAN = shops[rng.IntN(len(shops))]
		case x < 80:
			pc.Payee.IBAN = family(p, 1)
		case x < 95:
			pc.Payee.IBAN = synth.KZIBAN("914", fmt.Sprintf("%013d", rng.Int64N(1e13)))
		default:
			pc.Payee.IBAN = muleIBAN(rng.IntN(nInd / 2))
		}
		bw.checks = append(bw.checks, pc)
		bw.orgs = append(bw.orgs, int64(p%8+1))
	}
	if tb != nil {
		tb.Logf("loaded %d indicators (%.0f B each) and %d payers (%.0f B each, %+v) in %v",
			index.Len(), float64(m1.HeapAlloc-m0.HeapAlloc)/float64(nInd), nPayers,
			float64(int64(m2.HeapAlloc)-int64(m1.HeapAlloc))/float64(nPayers), e.Memory(), time.Since(start).Round(time.Millisecond))
	}
	return bw
}

// muleIBAN returns the n-th synthetic mule account, at Bank Two.
func muleIBAN(n int) string { return synth.KZIBAN("826", fmt.Sprintf("%013d", n)) }

// BenchmarkCheck measures one check on one core, from validation to the
// queued record, against the loaded registry and memory.
func BenchmarkCheck(b *testing.B) {
	bw := loadBench(b)
	ctx := context.Background()
	mask := len(bw.checks) - 1
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := bw.engine.Check(ctx, bw.orgs[i&mask], bw.checks[i&mask]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "checks/s")
}

// BenchmarkCheckParallel measures checks on every core at once.
func BenchmarkCheckParallel(b *testing.B) {
	bw := loadBench(b)
	ctx := context.Background()
	mask := len(bw.checks) - 1
	var seq sync.Mutex
	next := 0
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		seq.Lock()
		i := next * 7919
		next++
		seq.Unlock()
		for pb.Next() {
			if _, err := bw.engine.Check(ctx, bw.orgs[i&mask], bw.checks[i&mask]); err != nil {
				b.Error(err)
				return
			}
			i++
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "checks/s")
}

// BenchmarkParseRules measures loading the default rules.
func BenchmarkParseRules(b *testing.B) {
	src := payments.DefaultRulesText()
	for b.Loop() {
		if _, err := payments.ParseRules(src); err != nil {
			b.Fatal(err)
		}
	}
}
