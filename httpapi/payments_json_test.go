package httpapi

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/payments"
)

const plainCheck = `{"payment_id":"b12","amount":15234.50,"currency":"KZT","channel":"mobile_app",` +
	`"payer":{"account":"KZ000000000000000012","phone":"+77010000012","customer_id":"c12","device_id":"d12","ip":"95.56.12.13"},` +
	`"payee":{"iban":"KZ86914000000000000049"}}`

// TestDecodeCheck: the plain shape is read as encoding/json reads it; every
// other shape is left to encoding/json.
func TestDecodeCheck(t *testing.T) {
	for _, c := range []struct {
		body string
		fast bool
	}{
		{plainCheck, true},
		{` {"amount": 1e3, "currency":"KZT", "created_at":"2025-03-05T10:00:00+05:00", "payer":{}, "payee":{"name":"Ақ\"с"}} `, true},
		{`{"payer":{"on_call":true,"remote_access": false ,"new_device":true,"phone":"+77010000012"}}`, true},
		{`{"payer":{"on_call":"true"}}`, false},
		{`{"payer":{"on_call":1}}`, false},
		{`{"payer":{"new_device":null}}`, false},
		{`{"payer":{"remote_access":tru}}`, false},
		{`{"amount":"100"}`, false},
		{`{"amount":null}`, false},
		{`{"payer":null}`, false},
		{`{"payment_id":1}`, false},
		{`{"paymentid":"x"}`, false},
		{`{"payer":{"iban":"x"}}`, false},
		{`{"created_at":"yesterday"}`, false},
		{`{"amount":1.234}`, false},
		{`{} {}`, false},
		{`{"amount":1`, false},
		{``, false},
	} {
		var fast, slow kuzet.PaymentCheck
		ok := decodeCheck(c.body, &fast)
		if ok != c.fast {
			t.Errorf("%s: fast path %v, want %v", c.body, ok, c.fast)
		}
		if err := unmarshalStrict([]byte(c.body), &slow); ok && (err != nil || !reflect.DeepEqual(fast, slow)) {
			t.Errorf("%s: fast %+v, encoding/json %+v (%v)", c.body, fast, slow, err)
		}
	}
}

// FuzzDecodeCheck: whatever the fast path reads, encoding/json reads the
// same, and it never reads what encoding/json refuses.
func FuzzDecodeCheck(f *testing.F) {
	f.Add(plainCheck)
	f.Add(`{"amount":-0.5,"payer":{"phone":"\u0041"},"payee":{"card":"4111"},"created_at":"2025-03-05T10:00:00.123Z"}`)
	f.Add(`{"amount":1,"amount":2,"payer":{"ip":"x","ip":"y"}}`)
	f.Add(`{"payer":{"on_call":true,"on_call":false,"remote_access":true,"new_device":false}}`)
	f.Fuzz(func(t *testing.T, body string) {
		var fast, slow kuzet.PaymentCheck
		ok := decodeCheck(body, &fast)
		err := unmarshalStrict([]byte(body), &slow)
		if ok && err != nil {
			t.Fatalf("%q: read by the fast path, refused by encoding/json: %v", body, err)
		}
		if ok && !reflect.DeepEqual(fast, slow) {
			t.Fatalf("%q: fast %+v, encoding/json %+v", body, fast, slow)
		}
	})
}

// TestAppendDecision: the answer is byte for byte what writeJSON wrote.
func TestAppendDecision(t *testing.T) {
	for _, d := range []payments.Decision{
		{CheckID: "chk_abcdefgh_1", Decision: kuzet.DecisionAllow, Reasons: []kuzet.PaymentReason{}},
		{CheckID: "chk_abcdefgh_2", Decision: kuzet.DecisionHold, Score: 0.7500000001,
			Reasons:   []kuzet.PaymentReason{{Code: "new_payee", Detail: "a <new> payee & \"more\" — ещё\n"}, {Code: "x", Detail: "y"}},
			HoldUntil: time.Date(2025, 3, 5, 10, 0, 0, 123, kuzet.Almaty)},
		{Decision: kuzet.DecisionBlock, Score: 1e-9},
		{Decision: kuzet.DecisionBlock, Score: 3e21},
		{Decision: kuzet.DecisionBlock, Score: -12.5},
	} {
		var want bytes.Buffer
		if err := json.NewEncoder(&want).Encode(d); err != nil {
			t.Fatal(err)
		}
		if got := appendDecision(nil, &d); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("got  %s\nwant %s", got, want.Bytes())
		}
	}
}

// BenchmarkDecodeCheck compares the fast path with encoding/json.
func BenchmarkDecodeCheck(b *testing.B) {
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var pc kuzet.PaymentCheck
			if !decodeCheck(plainCheck, &pc) {
				b.Fatal("not read")
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		body := []byte(plainCheck)
		for b.Loop() {
			var pc kuzet.PaymentCheck
			if err := unmarshalStrict(body, &pc); err != nil {
				b.Fatal(err)
			}
		}
	})
}
