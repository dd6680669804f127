package storetest

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
)

// BenchCheck returns the i-th synthetic check record, shaped as the
// engine's: a payer of five identifiers, an IBAN payee, two reasons, five
// signals.
func BenchCheck(i int) *kuzet.CheckRecord {
	at := base.Add(time.Duration(i) * time.Millisecond)
	return &kuzet.CheckRecord{
		ID: fmt.Sprintf("chk_benchabc_%09s", strconv.FormatInt(int64(i), 36)), OrgID: int64(1 + i%3), // the engine's form
		Check: kuzet.PaymentCheck{PaymentID: fmt.Sprintf("p%d", i), Amount: kuzet.Amount(100000 + i%90000), Currency: "KZT",
			Channel: "mobile_app",
			Payer: kuzet.Payer{Account: fmt.Sprintf("KZ%018d", i%100000), Phone: fmt.Sprintf("+7701%07d", i%100000),
				CustomerID: fmt.Sprintf("c%d", i%100000), DeviceID: fmt.Sprintf("d%d", i%100000), IP: "95.56.12.13"},
			Payee: kuzet.Payee{IBAN: fmt.Sprintf("KZ86914%013d", i%400000)}},
		Decision: kuzet.DecisionHold, Score: 0.35,
		Reasons: []kuzet.PaymentReason{{Code: "new_payee", Detail: "The payer has never paid this payee."},
			{Code: "amount_unusual", Detail: "The amount is far above the payer's habit."}},
		RulesVersion: "default-3@0123456789abcdef", CheckedAt: at,
		Signals: map[string]float64{"new_payee": 1, "amount_ratio": 6.2, "payee_age_days": 0.5, "velocity": 2, "night": 1},
	}
}

// BenchPutChecks measures storing check records as the payments writer
// does: transactions of 512. cpu, if not nil, returns the process's CPU
// time so far: the figure reported a check (µs), which includes the store's
// background work (SQLite's checkpoints) and moves less than the wall time
// on a shared machine.
func BenchPutChecks(b *testing.B, s kuzet.Store, cpu func() time.Duration) {
	ctx := b.Context()
	const batch = 512
	recs := make([]*kuzet.CheckRecord, 0, batch)
	flush := func() {
		if err := kuzet.Transact(ctx, s, true, func(tx kuzet.Tx) error { return tx.PutChecks(ctx, recs) }); err != nil {
			b.Fatal(err)
		}
		recs = recs[:0]
	}
	all := make([]*kuzet.CheckRecord, b.N) // the records are the engine's work, not the store's
	for i := range all {
		all[i] = BenchCheck(i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var cpu0 time.Duration
	if cpu != nil {
		cpu0 = cpu()
	}
	for _, r := range all {
		recs = append(recs, r)
		if len(recs) == batch {
			flush()
		}
	}
	if len(recs) > 0 {
		flush()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "checks/s")
	if cpu != nil {
		b.ReportMetric(float64((cpu()-cpu0).Microseconds())/float64(b.N), "cpu-µs/check")
	}
}
