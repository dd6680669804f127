package sqlstore_test

import (
	"encoding/json"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

// TestCheckDocs: the documents written by hand are encoding/json's.
func TestCheckDocs(t *testing.T) {
	for _, c := range []*kuzet.CheckRecord{
		{},
		{Check: kuzet.PaymentCheck{Payer: kuzet.Payer{Account: "a", Phone: "+7701", CustomerID: "c<1>", DeviceID: "d\"", IP: "1.2.3.4", Region: "Алматы"},
			Payee: kuzet.Payee{IBAN: "KZ", Account: "x", Card: "tok_1", Phone: "p", Wallet: "w", BankBIC: "B&B", Name: "Ақ\n\u2028"}},
			Reasons: []kuzet.PaymentReason{{Code: "a", Detail: "b & c"}, {Code: "d"}},
			Signals: map[string]float64{"z": 1, "a": 0.1 + 0.2, "m": -3e-9, "big": 2e21, "n": 1500}},
		{Check: kuzet.PaymentCheck{Payee: kuzet.Payee{Name: "only"}}, Reasons: []kuzet.PaymentReason{}},
	} {
		payer, payee, reasons, signals, err := sqlstore.CheckDocs(c)
		if err != nil {
			t.Fatal(err)
		}
		want := func(v any) string {
			b, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
		wantReasons, wantSignals := want(c.Reasons), want(c.Signals)
		if c.Reasons == nil {
			wantReasons = "[]"
		}
		if len(c.Signals) == 0 {
			wantSignals = "{}"
		}
		for _, p := range [][2]string{{payer, want(c.Check.Payer)}, {payee, want(c.Check.Payee)}, {reasons, wantReasons},
			{signals, wantSignals}} {
			if p[0] != p[1] {
				t.Errorf("got %s, want %s", p[0], p[1])
			}
		}
	}
}
