package sqlite

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
)

// TestCheckBatchRoundTrip encodes checks with the edges of each field and
// reads them back alike.
func TestCheckBatchRoundTrip(t *testing.T) {
	at := time.Date(2025, 3, 14, 9, 26, 53, 589793000, time.UTC)
	recs := []*kuzet.CheckRecord{
		{ID: "chk_a", OrgID: 7, CheckedAt: at, Reasons: []kuzet.PaymentReason{}}, // every optional field empty
		{ID: "chk_b", OrgID: 7, CheckedAt: at.Add(-time.Hour), Decision: kuzet.DecisionHold, Score: math.Copysign(0, -1),
			HoldUntil: at.Add(time.Hour), Outcome: kuzet.OutcomeFraud, OutcomeAt: time.Unix(0, 0).UTC(),
			RulesVersion: "default-3@0123", Check: kuzet.PaymentCheck{PaymentID: "p-1", Amount: -5, Currency: "KZT",
				CreatedAt: time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC), Channel: "branch",
				Payer: kuzet.Payer{Account: "KZ86125KZT5004100100", Phone: "+77011234567", CustomerID: "c", DeviceID: "d",
					IP: "::1", Region: "Алматы"},
				Payee: kuzet.Payee{IBAN: "KZ75722C000000000042", Account: "1", Card: "tok:5f", Phone: "+7702", Wallet: "w",
					BankBIC: "CASPKZKA", Name: "Асель Н."}},
			Reasons: []kuzet.PaymentReason{{Code: "a", Detail: "x"}, {Code: "b", Detail: "x"}},
			Signals: map[string]float64{"whole": 3, "half": 0.5, "big": 1 << 60, "neg": -2, "max": math.MaxFloat64}},
	}
	for i := range 20 { // more reasons than the encoder's slots
		recs[1].Reasons = append(recs[1].Reasons, kuzet.PaymentReason{Code: fmt.Sprint("r", i), Detail: "d"})
	}
	var e checkEncoder
	cb, err := parseBatch(e.encode(recs))
	if err != nil {
		t.Fatal(err)
	}
	got, err := cb.checks(7)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range recs {
		if g, w := fmt.Sprintf("%+v", *got[i]), fmt.Sprintf("%+v", *c); g != w {
			t.Errorf("check %d:\ngot  %s\nwant %s", i, g, w)
		}
		if j := cb.find(c.ID); j != i {
			t.Errorf("find %s: got %d, want %d", c.ID, j, i)
		}
	}
	if j := cb.find("chk_ab"); j != -1 {
		t.Errorf("find of an ID not there: got %d, want -1", j)
	}
}

// FuzzParseBatch: no bytes make the decoder panic or loop.
func FuzzParseBatch(f *testing.F) {
	var e checkEncoder
	f.Add(append([]byte(nil), e.encode([]*kuzet.CheckRecord{{ID: "chk_a", CheckedAt: time.Unix(1, 0),
		Signals: map[string]float64{"s": 0.5}, Reasons: []kuzet.PaymentReason{{Code: "c"}}}})...))
	f.Fuzz(func(t *testing.T, b []byte) {
		cb, err := parseBatch(b)
		if err != nil {
			return
		}
		cb.checks(1)
		cb.find("chk_a")
	})
}
