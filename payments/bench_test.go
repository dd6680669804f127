package payments_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/payments"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/synth"
	"github.com/kuzet/kuzet/telecom"
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
	calls  int // payers on a call from abroad when the checks run
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

// benchPhone is the n-th reported phone number of the registry.
func benchPhone(n int) string { return fmt.Sprintf("+7700%07d", n) }

// payerPhone is payer p's phone: at Operator A, whose calls the telecom
// engine verifies.
func payerPhone(p int) string { return fmt.Sprintf("+7701%07d", p) }

func buildBench(tb testing.TB) *benchWorld {
	nInd, nPayers := benchSize()
	start := time.Now()
	// The telecom signal: the real engine, every payer's phone at Operator
	// A, one payer in fifty called from abroad two minutes before the
	// checks, so that the signal is up for them; every check asks it. (Made
	// first: its fixed memory is not the payers'.)
	clock := &testClock{t: base.UTC().Add(-2 * time.Minute)}
	tel, err := telecom.NewService(telecom.Config{Clock: clock.Now})
	if err == nil {
		err = tel.SetOperators([]*kuzet.Org{{ID: telco, Name: "Operator A", Type: kuzet.OrgTelco, Prefixes: []string{"7701"}}})
	}
	if err != nil {
		tb.Fatal(err)
	}
	called := 0
	for p := 0; p < nPayers; p += 50 {
		if _, err := tel.Verify(context.Background(), telecom.Call{A: fmt.Sprintf("+4477009%05d", p%100_000), B: payerPhone(p),
			At: clock.Now(), Ingress: kuzet.IngressInternational, OrgID: telco, CallID: fmt.Sprintf("c%d", p)}); err != nil {
			tb.Fatal(err)
		}
		called++
	}
	clock.Add(2 * time.Minute)
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
			r.Kind, r.Value, r.Category = kuzet.KindPhone, benchPhone(i/2), kuzet.CategoryScamCall
		} else {
			r.Kind, r.Value, r.Category = kuzet.KindIBAN, muleIBAN(i/2), kuzet.CategoryMuleAccount
		}
		index.Add(r)
	}
	runtime.GC()
	runtime.ReadMemStats(&m1)

	w := payments.NewWriter(payments.WriterConfig{Store: discard})
	e := payments.NewEngine(payments.EngineConfig{Indicators: index, Calls: tel, Sink: w, Clock: clock.Now, CardKey: cardKey,
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
		return kuzet.Payer{CustomerID: fmt.Sprintf("c%07d", p), Phone: payerPhone(p), Account: fmt.Sprintf("acct-%d", p)}
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

	// The checks: every payer once, in a random order, so that the whole
	// memory of payers is the working set (not a cache-sized sample); most
	// to known payees, some to new ones, and registry hits drawn from all
	// of its reported phones and accounts.
	bw := &benchWorld{engine: e, writer: w, calls: called}
	n := max(1<<16, nPayers)
	for i, p := range rng.Perm(n) {
		p %= nPayers
		pc := kuzet.PaymentCheck{PaymentID: fmt.Sprintf("b%d", i), Amount: kuzet.Amount(500000 + rng.IntN(5000000)),
			Currency: "KZT", Channel: "mobile_app", Payer: payerOf(p)}
		switch x := rng.IntN(100); {
		case x < 50:
			pc.Payee.IBAN = shops[rng.IntN(len(shops))]
		case x < 75:
			pc.Payee.IBAN = family(p, 1)
		case x < 90:
			pc.Payee.IBAN = synth.KZIBAN("914", fmt.Sprintf("%013d", rng.Int64N(1e13)))
		case x < 95:
			pc.Payee.IBAN = muleIBAN(rng.IntN(nInd / 2))
		default:
			pc.Payee.Phone = benchPhone(rng.IntN(nInd / 2)) // a phone transfer to a reported number
		}
		bw.checks = append(bw.checks, pc)
		bw.orgs = append(bw.orgs, int64(p%8+1))
	}
	if tb != nil {
		tb.Logf("loaded %d indicators (%.0f B each) and %d payers (%.0f B each, %+v), %d of them on a call from abroad, "+
			"%d distinct checks, in %v", index.Len(), float64(m1.HeapAlloc-m0.HeapAlloc)/float64(nInd), nPayers,
			float64(int64(m2.HeapAlloc)-int64(m1.HeapAlloc))/float64(nPayers), e.Memory(), called, len(bw.checks),
			time.Since(start).Round(time.Millisecond))
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
	n := len(bw.checks)
	b.ReportAllocs()
	i, signalled := 0, 0
	for b.Loop() {
		d, err := bw.engine.Check(ctx, bw.orgs[i], bw.checks[i])
		if err != nil {
			b.Fatal(err)
		}
		if hasCallReason(d) {
			signalled++
		}
		if i++; i == n {
			i = 0
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "checks/s")
	if b.N >= 10*len(bw.checks)/bw.calls && signalled == 0 {
		b.Fatalf("no check of %d carried the telecom signal: it is not on", b.N)
	}
}

// hasCallReason reports whether a decision names the telecom signal.
func hasCallReason(d payments.Decision) bool {
	for _, r := range d.Reasons {
		if strings.Contains(r.Code, "call") {
			return true
		}
	}
	return false
}

// BenchmarkCheckParallel measures checks on every core at once.
func BenchmarkCheckParallel(b *testing.B) {
	bw := loadBench(b)
	ctx := context.Background()
	n := len(bw.checks)
	var seq sync.Mutex
	next := 0
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		seq.Lock()
		i := next * 7919
		next++
		seq.Unlock()
		for pb.Next() {
			if _, err := bw.engine.Check(ctx, bw.orgs[i%n], bw.checks[i%n]); err != nil {
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
