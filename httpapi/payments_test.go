package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/freeze"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/payments"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/synth"
	"github.com/kuzet/kuzet/telecom"
	"github.com/kuzet/kuzet/webhook"
)

// paymentsFixture is the payments side of a test server: its services,
// the writer of its checks, a switch that takes its store down and one
// that slows its writes.
type paymentsFixture struct {
	svc    *payments.Service
	freeze *freeze.Service
	writer *payments.Writer
	down   atomic.Bool
	slow   atomic.Int64 // a writable transaction begins this many nanoseconds late
}

// errStoreDown is what the payments' transactions fail with while the
// fixture's store is down.
var errStoreDown = errors.New("store unreachable")

// switchedStore is a store that fails every transaction while down, and
// makes writers wait while slow.
type switchedStore struct {
	kuzet.Store
	down *atomic.Bool
	slow *atomic.Int64
}

func (s switchedStore) Begin(ctx context.Context, writable bool) (kuzet.Tx, error) {
	if s.down.Load() {
		return nil, errStoreDown
	}
	if d := time.Duration(s.slow.Load()); writable && d > 0 {
		time.Sleep(d)
	}
	return s.Store.Begin(ctx, writable)
}

// MustPayments builds the payments engine, writer and service, and the
// freeze service, over store, with the registry's index and the telecom
// service's active-call signal as a server would. The writer retries fast,
// so that tests of a store outage see it recover soon. Every service reads
// clock. The caller closes it before the store.
func MustPayments(tb testing.TB, store kuzet.Store, reg *registry.Service, tel *telecom.Service, audit kuzet.Auditor, clock kuzet.Clock, filer ...freeze.CaseFiler) *paymentsFixture {
	tb.Helper()
	f := &paymentsFixture{}
	sw := switchedStore{Store: store, down: &f.down, slow: &f.slow}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	key := bytes.Repeat([]byte("k"), 32)
	f.writer = payments.NewWriter(payments.WriterConfig{Store: sw, Retry: 5 * time.Millisecond,
		MaxRetry: 20 * time.Millisecond, Logger: logger})
	var calls payments.CallSignals
	if tel != nil {
		calls = tel
	}
	engine := payments.NewEngine(payments.EngineConfig{Indicators: reg.Index(), Calls: calls, Sink: f.writer, CardKey: key,
		Clock: clock})
	f.svc = payments.NewService(payments.Config{Engine: engine, Store: sw, Writer: f.writer, Audit: audit,
		Logger: logger, Registry: reg, Clock: clock})
	f.freeze = freeze.NewService(freeze.Config{Store: sw, Registry: reg, Parser: &ident.Parser{CardKey: key},
		Audit: audit, Logger: logger, Webhooks: testHooks(tb), Clock: clock})
	if len(filer) > 0 {
		f.freeze = freeze.NewService(freeze.Config{Store: sw, Registry: reg, Parser: &ident.Parser{CardKey: key},
			Audit: audit, Logger: logger, Webhooks: testHooks(tb), Clock: clock, Cases: filer[0]})
	}
	return f
}

// testHooks is the webhook policy of the tests: their receivers listen on
// 127.0.0.1 over plain http, which a deployment must list to allow.
func testHooks(tb testing.TB) *freeze.WebhookPolicy {
	p, err := freeze.NewWebhookPolicy([]string{"127.0.0.1"}, []string{"127.0.0.1"})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// close stores the checks queued and stops the writer: before the store
// closes.
func (f *paymentsFixture) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	f.writer.Close(ctx)
}

// newBank creates a bank while the server runs, as `kuzet org add` would,
// and returns its key and ID.
func (ts *testServer) newBank(t *testing.T, name, bic, code string) (string, int64) {
	t.Helper()
	o := &kuzet.Org{Name: name, Type: kuzet.OrgBank, BIC: bic, BankCode: code}
	secret, _, err := ts.access.CreateOrg(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	return secret, o.ID
}

// payDecision is the answer to a check.
type payDecision struct {
	CheckID   string `json:"check_id"`
	Decision  kuzet.Decision
	Score     float64
	Reasons   []kuzet.PaymentReason
	HoldUntil time.Time `json:"hold_until"`
}

func (d payDecision) codes() []string {
	var out []string
	for _, r := range d.Reasons {
		out = append(out, r.Code)
	}
	return out
}

// payBody is a check of amount KZT from the payer with phone to iban.
func payBody(id, phone, iban string, amount int) string {
	return fmt.Sprintf(`{"payment_id":%q,"amount":%d,"currency":"KZT","channel":"mobile_app",
		"payer":{"account":"acct-%s","phone":%q,"customer_id":"cust-%s"},"payee":{"iban":%q}}`, id, amount, phone, phone, phone, iban)
}

// check sends a check and decodes its decision, failing unless it is 200.
func (ts *testServer) check(t *testing.T, key, body string) payDecision {
	t.Helper()
	r := ts.json(t, "POST", "/v1/payments/check", key, body)
	if r.status != 200 {
		t.Fatalf("check: got %d %s, want 200", r.status, r.body)
	}
	var d payDecision
	if err := json.Unmarshal(r.body, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

// payDecode unmarshals a response that must have status want.
func payDecode[T any](t *testing.T, r response, want int) T {
	t.Helper()
	if r.status != want {
		t.Fatalf("got %d %s, want %d", r.status, r.body, want)
	}
	var v T
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
	return v
}

func TestPaymentCheckDecides(t *testing.T) {
	ts := newTestServer(t)
	bank, _ := ts.newBank(t, "Bank One", "BANKKZKA", "722")
	police := ts.keys[kuzet.OrgPolice]
	telco, _ := ts.newOperator(t, "Operator A", "7701", "7702")
	mule, clean := synth.KZIBAN("826", "0000000004242"), synth.KZIBAN("914", "0000000000777")
	ts.json(t, "POST", "/v1/indicators", police,
		`{"indicators":[{"kind":"iban","value":"`+mule+`","category":"mule_account","confidence":0.95}]}`)

	// A caller from abroad is on the line with the payer, who then sends a
	// large sum to someone new: reviewed, the telecom signal among the reasons.
	v := ts.verify(t, telco, call{A: "+447700900555", B: "+77011000003", At: now(), Ingress: "international", CallID: "scam1"})
	if v[0].Error != nil {
		t.Fatalf("verify: %v", v[0])
	}
	for _, tc := range []struct {
		name      string
		body      string
		stops     bool
		wantCodes []string
	}{
		{"payee reported as a mule", payBody("p1", "+77011000001", mule, 250000), true, []string{"payee_mule_account"}},
		{"an ordinary payment", payBody("p2", "+77011000002", clean, 5000), false, nil},
		// Warned, not held: a call from abroad and a new payee, but nothing
		// is known of this payer's usual amounts (the default rules hold it when
		// the amount is far above them).
		{"scam during a call from abroad", payBody("p3", "+77011000003", synth.KZIBAN("914", "0000000005555"), 900000), false,
			[]string{"active_call_foreign", "new_payee_during_call"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := ts.check(t, bank, tc.body)
			if d.Decision.Stops() != tc.stops {
				t.Errorf("got %s %v, want stopped %v", d.Decision, d.codes(), tc.stops)
			}
			if !strings.HasPrefix(d.CheckID, "chk_") {
				t.Errorf("check ID %q, want chk_…", d.CheckID)
			}
			for _, c := range tc.wantCodes {
				if !slices.Contains(d.codes(), c) {
					t.Errorf("got reasons %v, want %s among them", d.codes(), c)
				}
			}
			if !tc.stops && len(tc.wantCodes) == 0 && len(d.Reasons) != 0 {
				t.Errorf("got reasons %v, want none", d.codes())
			}
			if (d.Decision == kuzet.DecisionHold) != !d.HoldUntil.IsZero() {
				t.Errorf("decision %s with hold_until %v: want hold_until exactly on holds", d.Decision, d.HoldUntil)
			}
		})
	}

	// The same mule payment as an ISO 20022 pacs.008 document.
	doc := pacs008("E2E-9", "150000.00", "KZT", mule)
	r := ts.do(t, "POST", "/v1/payments/check", bank, "application/xml", []byte(doc))
	d := payDecode[payDecision](t, r, 200)
	if !d.Decision.Stops() || !slices.Contains(d.codes(), "payee_mule_account") {
		t.Errorf("pacs.008 check: got %s %v, want the mule held", d.Decision, d.codes())
	}
}

// The OpenAPI validator reads an XML answer as the string its schema says,
// once it is well-formed.
func init() {
	openapi3filter.RegisterBodyDecoder("application/xml",
		func(r io.Reader, _ http.Header, _ *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
			b, err := io.ReadAll(r)
			if err != nil {
				return nil, err
			}
			dec := xml.NewDecoder(bytes.NewReader(b))
			for {
				if _, err := dec.Token(); err == io.EOF {
					return string(b), nil
				} else if err != nil {
					return nil, err
				}
			}
		})
}

// TestPaymentCheckISO20022: a pacs.008 of several transactions, in an
// envelope with a business application header, is decided on per
// transaction, and answered in kind to a client asking for XML.
func TestPaymentCheckISO20022(t *testing.T) {
	clock := &manualClock{now: noon.UTC()}
	ts := newTestServer(t, withClock(clock.Now))
	bank, police := ts.keys[kuzet.OrgBank], ts.keys[kuzet.OrgPolice]
	mule, clean := synth.KZIBAN("826", "0000000004343"), synth.KZIBAN("826", "0000000000778")
	ts.json(t, "POST", "/v1/indicators", police,
		`{"indicators":[{"kind":"iban","value":"`+mule+`","category":"mule_account","confidence":0.95}]}`)
	doc := strings.TrimPrefix(pacs008Doc(pacs008Tx("E2E-1", "5000", "KZT", clean), pacs008Tx("E2E-2", "150000", "KZT", mule)),
		`<?xml version="1.0" encoding="UTF-8"?>`)
	doc = `<Envelope xmlns="urn:swift:xsd:envelope"><AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02">` +
		`<Fr><FIId><FinInstnId><BICFI>BANKKZKA</BICFI></FinInstnId></FIId></Fr>` +
		`<To><FIId><FinInstnId><BICFI>BANKKZKB</BICFI></FinInstnId></FIId></To><BizMsgIdr>B-1</BizMsgIdr>` +
		`<MsgDefIdr>pacs.008.001.08</MsgDefIdr><CreDt>2025-03-05T07:00:00Z</CreDt></AppHdr>` + doc + `</Envelope>`

	r := ts.do(t, "POST", "/v1/payments/check", bank, "application/xml", []byte(doc))
	var got struct {
		payDecision
		Message struct {
			MsgID  string `json:"msg_id"`
			Header struct {
				From string `json:"from"`
			} `json:"header"`
		} `json:"message"`
		Transactions []struct {
			Path string `json:"path"`
			payDecision
		} `json:"transactions"`
	}
	if r.status != 200 {
		t.Fatalf("got %d %s", r.status, r.body)
	}
	if err := json.Unmarshal(r.body, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Transactions) != 2 || got.Transactions[0].Decision.Stops() || !got.Transactions[1].Decision.Stops() ||
		got.Transactions[1].Path != "Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]" {
		t.Fatalf("transactions: got %s", r.body)
	}
	if got.CheckID != got.Transactions[1].CheckID || got.Message.MsgID != "M-1" || got.Message.Header.From != "BANKKZKA" {
		t.Errorf("message: got %s", r.body)
	}

	// The same message again is a duplicate of each transaction: refused.
	if r := ts.do(t, "POST", "/v1/payments/check", bank, "application/xml", []byte(doc)); r.status != 400 ||
		!strings.Contains(string(r.body), "a duplicate: this transaction of message M-1 was checked as "+got.Transactions[0].CheckID) {
		t.Errorf("sent again: got %d %s", r.status, r.body)
	}
	doc = strings.ReplaceAll(doc, "<MsgId>M-1</MsgId>", "<MsgId>M-2</MsgId>")
	clock.Add(2 * time.Hour) // paying the same payee again at once is a scam's second part to a fresh account
	r = ts.do(t, "POST", "/v1/payments/check", bank, "application/xml", []byte(doc), "Accept", "application/xml")
	if r.status != 200 || r.header.Get("Content-Type") != "application/xml; charset=utf-8" ||
		!strings.Contains(r.header.Get("Vary"), "Accept") {
		t.Fatalf("in kind: got %d %v %s", r.status, r.header, r.body)
	}
	var rpt struct {
		XMLName xml.Name
		To      string   `xml:"AppHdr>To>FIId>FinInstnId>BICFI"`
		Sts     []string `xml:"Document>FIToFIPmtStsRpt>TxInfAndSts>TxSts"`
	}
	if err := xml.Unmarshal(r.body, &rpt); err != nil {
		t.Fatalf("pacs.002: %v\n%s", err, r.body)
	}
	if rpt.XMLName.Local != "Envelope" || rpt.To != "BANKKZKA" || len(rpt.Sts) != 2 || rpt.Sts[0] != "ACCP" || rpt.Sts[1] == "ACCP" {
		t.Errorf("pacs.002: got %+v\n%s", rpt, r.body)
	}

	// Refused, the answer is a problem whatever was asked for.
	r = ts.do(t, "POST", "/v1/payments/check", bank, "application/xml", []byte(pacs008("E", "0", "KZT", clean)), "Accept", "application/xml")
	if r.status != 400 || r.header.Get("Content-Type") != "application/problem+json" ||
		!strings.Contains(string(r.body), `"Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt"`) {
		t.Errorf("refused: got %d %s %s", r.status, r.header.Get("Content-Type"), r.body)
	}
}

// TestPaymentCheckReadsTheServersClock: the hour a check is scored at is
// the server's clock's, never the wall clock's, so the tests above hold at
// any hour and this one sees the night whenever it runs.
func TestPaymentCheckReadsTheServersClock(t *testing.T) {
	for _, tc := range []struct {
		name  string
		at    time.Time
		night bool
	}{
		{"half past two in Almaty", time.Date(2026, 3, 11, 2, 30, 0, 0, kuzet.Almaty), true},
		{"noon in Almaty", noon, false},
		{"eight in the evening in Almaty", time.Date(2026, 3, 11, 20, 0, 0, 0, kuzet.Almaty), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, withClock(kuzet.FixedClock(tc.at.UTC())))
			bank, _ := ts.newBank(t, "Bank One", "BANKKZKA", "722")
			d := ts.check(t, bank, payBody("n1", "+77011000002", synth.KZIBAN("914", "0000000000777"), 5000))
			if got := slices.Contains(d.codes(), "night_new_payee"); got != tc.night {
				t.Errorf("got reasons %v, want night_new_payee %v", d.codes(), tc.night)
			}
		})
	}
}

// pacs008 is a one-transaction ISO 20022 credit transfer to iban.
func pacs008(id, amount, currency, iban string) string {
	return pacs008Doc(pacs008Tx(id, amount, currency, iban))
}

// pacs008Doc is a pacs.008 Document of the transactions.
func pacs008Doc(txs ...string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf>
<GrpHdr><MsgId>M-1</MsgId><CreDtTm>2025-03-05T12:00:00</CreDtTm><NbOfTxs>` + fmt.Sprint(len(txs)) + `</NbOfTxs></GrpHdr>
` + strings.Join(txs, "\n") + `</FIToFICstmrCdtTrf></Document>`
}

// pacs008Tx is one CdtTrfTxInf to iban.
func pacs008Tx(id, amount, currency, iban string) string {
	return `<CdtTrfTxInf><PmtId><EndToEndId>` + id + `</EndToEndId></PmtId>
<IntrBkSttlmAmt Ccy="` + currency + `">` + amount + `</IntrBkSttlmAmt>
<Dbtr><Nm>Aigerim</Nm><CtctDtls><MobNb>+7-7011000009</MobNb></CtctDtls></Dbtr>
<DbtrAcct><Id><IBAN>KZ86125KZT5004100100</IBAN></Id></DbtrAcct>
<CdtrAgt><FinInstnId><BICFI>BANKKZKB</BICFI></FinInstnId></CdtrAgt>
<Cdtr><Nm>Safe Account LLP</Nm></Cdtr><CdtrAcct><Id><IBAN>` + iban + `</IBAN></Id></CdtrAcct>
</CdtTrfTxInf>`
}

func TestPaymentCheckBadInput(t *testing.T) {
	ts := newTestServer(t)
	bank := ts.keys[kuzet.OrgBank]
	good := synth.KZIBAN("914", "0000000000777")
	payer := `"payer":{"account":"acct-1","phone":"+77011000001"}`
	bomb := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
		`<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><Document>&lol3;</Document>`
	for _, tc := range []struct {
		name, ctype, body string
		status            int
		field             string
	}{
		{"missing amount", "application/json", `{"payment_id":"x","currency":"KZT",` + payer + `,"payee":{"iban":"` + good + `"}}`, 400, "amount"},
		{"negative amount", "application/json", `{"payment_id":"x","amount":-5,"currency":"KZT",` + payer + `,"payee":{"iban":"` + good + `"}}`, 400, "amount"},
		{"amount in thousandths", "application/json", `{"payment_id":"x","amount":1.005,"currency":"KZT",` + payer + `,"payee":{"iban":"` + good + `"}}`, 400, "amount"},
		{"unknown currency", "application/json", `{"payment_id":"x","amount":5,"currency":"KZX",` + payer + `,"payee":{"iban":"` + good + `"}}`, 400, "currency"},
		{"malformed IBAN", "application/json", `{"payment_id":"x","amount":5,"currency":"KZT",` + payer + `,"payee":{"iban":"KZ00BROKEN"}}`, 400, "payee.iban"},
		{"no payee", "application/json", `{"payment_id":"x","amount":5,"currency":"KZT",` + payer + `,"payee":{}}`, 400, "payee"},
		{"unknown field", "application/json", `{"payment_id":"x","amount":5,"currency":"KZT",` + payer + `,"payee":{"iban":"` + good + `"},"amout":1}`, 400, "amout"},
		{"broken JSON", "application/json", `{"payment_id":`, 400, ""},
		{"XML bomb", "application/xml", bomb, 400, "document"},
		{"not pacs.008", "application/xml", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"/>`, 400, "Document"},
		{"pacs.008 with a bad amount", "application/xml", pacs008("E", "1.2.3", "KZT", good), 400,
			"Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt"},
		{"pacs.008 with an unknown currency", "application/xml", pacs008("E", "10", "XXY", good), 400,
			"Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt/@Ccy"},
		{"pacs.008 with a bad IBAN", "text/xml", pacs008("E", "10", "KZT", "KZ00"+good[4:]), 400,
			"Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAcct/Id/IBAN"},
		{"oversized JSON", "application/json", `{"payment_id":"` + strings.Repeat("x", 70_000) + `"}`, 413, ""},
		{"oversized XML", "application/xml", `<Document>` + strings.Repeat("<a/>", 140_000) + `</Document>`, 413, ""},
		{"wrong content type", "text/csv", `a,b`, 415, "Content-Type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ts.do(t, "POST", "/v1/payments/check", bank, tc.ctype, []byte(tc.body))
			if r.status != tc.status {
				t.Fatalf("got %d %s, want %d", r.status, r.body, tc.status)
			}
			p := r.json(t)
			if p["code"] != "invalid" {
				t.Errorf("got code %v, want invalid", p["code"])
			}
			if tc.field != "" {
				errs, _ := p["errors"].([]any)
				var fields []string
				for _, e := range errs {
					fields = append(fields, fmt.Sprint(e.(map[string]any)["field"]))
				}
				if !slices.Contains(fields, tc.field) {
					t.Errorf("got fields %v, want %s among them: %s", fields, tc.field, r.body)
				}
			}
		})
	}
}

func TestPaymentTenancy(t *testing.T) {
	ts := newTestServer(t)
	one, _ := ts.newBank(t, "Bank One", "BANKKZKA", "722")
	two, _ := ts.newBank(t, "Bank Two", "BANKKZKB", "826")
	police := ts.keys[kuzet.OrgPolice]
	payee := synth.KZIBAN("826", "0000000000001")
	d1 := ts.check(t, one, payBody("p1", "+77011000001", payee, 1000))
	d2 := ts.check(t, two, payBody("p2", "+77011000002", payee, 2000))

	// Checks are stored off the request path: let them land first.
	if err := ts.payments.writer.Sync(t.Context()); err != nil {
		t.Fatal(err)
	}
	// A bank reads and answers for its own checks only.
	type list struct{ Checks []kuzet.CheckRecord }
	for _, tc := range []struct {
		key, own, other string
	}{{one, d1.CheckID, d2.CheckID}, {two, d2.CheckID, d1.CheckID}} {
		l := payDecode[list](t, ts.do(t, "GET", "/v1/payments/checks", tc.key, "", nil), 200)
		if len(l.Checks) != 1 || l.Checks[0].ID != tc.own {
			t.Errorf("own checks: got %+v, want %s only", l.Checks, tc.own)
		}
		if r := ts.do(t, "GET", "/v1/payments/checks/"+tc.own, tc.key, "", nil); r.status != 200 {
			t.Errorf("own check: got %d %s, want 200", r.status, r.body)
		}
		if r := ts.do(t, "GET", "/v1/payments/checks/"+tc.other, tc.key, "", nil); r.status != 404 {
			t.Errorf("another bank's check: got %d %s, want 404", r.status, r.body)
		}
		if r := ts.json(t, "POST", "/v1/payments/"+tc.other+"/outcome", tc.key, `{"outcome":"fraud_confirmed"}`); r.status != 404 {
			t.Errorf("outcome of another bank's check: got %d %s, want 404", r.status, r.body)
		}
	}

	// A freeze request goes to the bank holding the account, and only there.
	rep := ts.report(t, police, payee, "", 100000)
	if len(rep.FreezeRequests) != 1 || rep.FreezeRequests[0].BankBIC != "BANKKZKB" {
		t.Fatalf("freeze requests: got %+v, want one at Bank Two", rep.FreezeRequests)
	}
	id := rep.FreezeRequests[0].ID
	if got := ts.inbox(t, one, "open"); len(got) != 0 {
		t.Errorf("Bank One's inbox: got %d requests, want none", len(got))
	}
	if got := ts.inbox(t, two, "open"); len(got) != 1 || got[0].ID != id {
		t.Errorf("Bank Two's inbox: got %+v, want %s", got, id)
	}
	if r := ts.do(t, "GET", "/v1/freeze-requests/"+id, one, "", nil); r.status != 404 {
		t.Errorf("another bank's request: got %d %s, want 404", r.status, r.body)
	}
	if r := ts.json(t, "POST", "/v1/freeze-requests/"+id+"/response", one, `{"status":"account_not_found"}`); r.status != 404 {
		t.Errorf("answering another bank's request: got %d %s, want 404", r.status, r.body)
	}
	if r := ts.do(t, "GET", "/v1/reports/"+rep.ReportID+"/trail", one, "", nil); r.status != 404 {
		t.Errorf("a bank reading a report it did not file: got %d %s, want 404", r.status, r.body)
	}
	if r := ts.do(t, "GET", "/v1/freeze-requests/"+id, two, "", nil); r.status != 200 {
		t.Errorf("own request: got %d %s, want 200", r.status, r.body)
	}
}

// reportResp is the answer to a victim's report.
type reportResp struct {
	ReportID       string                `json:"report_id"`
	CaseID         string                `json:"case_id"`
	FreezeRequests []kuzet.FreezeRequest `json:"freeze_requests"`
	Reported       []kuzet.Indicator
}

// report files a victim's report of one transfer to iban, and fails
// unless it is created.
func (ts *testServer) report(t *testing.T, key, iban, bic string, amount int) reportResp {
	t.Helper()
	body := fmt.Sprintf(`{"victim":{"name":"Test Victim","phone":"87011000009","region":"Almaty"},"channel":"phone_call",
		"scheme":"fake_bank_security","description":"a caller posing as the bank","amount_lost":%d,"currency":"KZT",
		"indicators":[{"kind":"phone","value":"+77775550011"}],
		"transfers":[{"from_bank_bic":"BANKKZKA","to_iban":%q,"to_bank_bic":%q,"amount":%d,"at":%q}]}`,
		amount, iban, bic, amount, now())
	return payDecode[reportResp](t, ts.json(t, "POST", "/v1/reports", key, body), 201)
}

type inboxItem struct {
	kuzet.FreezeRequest
	Overdue bool
}

// inbox lists the bank's freeze requests of a status.
func (ts *testServer) inbox(t *testing.T, key, status string) []inboxItem {
	t.Helper()
	l := payDecode[struct {
		FreezeRequests []inboxItem `json:"freeze_requests"`
	}](t, ts.do(t, "GET", "/v1/freeze-requests?status="+status, key, "", nil), 200)
	return l.FreezeRequests
}

type trailNode struct {
	kuzet.FreezeRequest
	Overdue  bool
	Children []trailNode
}

type trailResp struct {
	Report   kuzet.VictimReport
	Requests []trailNode
	Totals   freeze.TrailTotals
}

// TestFreezeTrailAcrossBanks follows stolen money through two mules at
// two banks and out of the system, with the victim's bank as the third.
func TestFreezeTrailAcrossBanks(t *testing.T) {
	ts := newTestServer(t)
	victimBank, _ := ts.newBank(t, "Bank One", "BANKKZKA", "722")
	two, _ := ts.newBank(t, "Bank Two", "BANKKZKB", "826")
	three, _ := ts.newBank(t, "Bank Three", "BANKKZKC", "914")
	police := ts.keys[kuzet.OrgPolice]
	mule1, mule2 := synth.KZIBAN("826", "0000000004242"), synth.KZIBAN("914", "0000000009999")
	abroad := "GE29NB0000000101904917"

	// The bank is found by the IBAN's bank code when no BIC is given.
	rep := ts.report(t, police, mule1, "", 400000)
	if len(rep.FreezeRequests) != 1 || rep.FreezeRequests[0].BankBIC != "BANKKZKB" || rep.CaseID == "" {
		t.Fatalf("report: got %+v, want a case and one request at Bank Two", rep)
	}
	if !slices.ContainsFunc(rep.Reported, func(i kuzet.Indicator) bool { return i.Value == mule1 }) {
		t.Errorf("reported identifiers: got %v, want the receiving account among them", rep.Reported)
	}
	if got := ts.inbox(t, three, "open"); len(got) != 0 {
		t.Fatalf("Bank Three's inbox before the first answer: got %d, want none", len(got))
	}
	first := ts.inbox(t, two, "open")
	if len(first) != 1 || first[0].Hop != 1 || first[0].Amount != 400000_00 || first[0].Overdue {
		t.Fatalf("Bank Two's inbox: got %+v", first)
	}

	// Bank Two froze part; the rest went on to Bank Three.
	r := ts.json(t, "POST", "/v1/freeze-requests/"+first[0].ID+"/response", two, fmt.Sprintf(
		`{"status":"frozen","frozen_amount":150000,"onward_transfers":[{"to_iban":%q,"to_bank_bic":"BANKKZKC","amount":250000,"at":%q}]}`,
		mule2, now()))
	answered := payDecode[struct {
		FreezeRequest inboxItem `json:"freeze_request"`
		Next          []kuzet.FreezeRequest
	}](t, r, 200)
	if answered.FreezeRequest.Status != kuzet.FreezeFrozen || answered.FreezeRequest.FrozenUntil.IsZero() || len(answered.Next) != 1 {
		t.Fatalf("answer: got %s", r.body)
	}
	if r := ts.json(t, "POST", "/v1/freeze-requests/"+first[0].ID+"/response", two, `{"status":"rejected"}`); r.status != 409 {
		t.Errorf("a second answer: got %d %s, want 409", r.status, r.body)
	}
	second := ts.inbox(t, three, "open")
	if len(second) != 1 || second[0].Hop != 2 || second[0].ParentID != first[0].ID || second[0].Amount != 250000_00 ||
		second[0].FromBankBIC != "BANKKZKB" {
		t.Fatalf("Bank Three's inbox: got %+v, want the second hop", second)
	}
	// Bank Three found a little; the rest left the country.
	r = ts.json(t, "POST", "/v1/freeze-requests/"+second[0].ID+"/response", three, fmt.Sprintf(
		`{"status":"frozen","frozen_amount":50000,"onward_transfers":[{"to_iban":%q,"amount":200000}]}`, abroad))
	payDecode[map[string]any](t, r, 200)
	if got := ts.inbox(t, three, "open"); len(got) != 0 {
		t.Errorf("Bank Three's open requests after answering: got %d, want none", len(got))
	}

	// The link graph follows the trail: the onward accounts hang off the
	// first mule and the report.
	g := ts.json(t, "GET", "/v1/graph?seed=iban:"+mule1+"&depth=1", police, "")
	if g.status != 200 || !strings.Contains(string(g.body), "iban:"+mule2) {
		t.Errorf("graph of the first mule: got %d %s, want %s in it", g.status, g.body, mule2)
	}
	g = ts.json(t, "GET", "/v1/graph?seed=report:"+rep.ReportID+"&depth=1", police, "")
	if !strings.Contains(string(g.body), "iban:"+abroad) {
		t.Errorf("graph of the report: got %s, want the account abroad in it", g.body)
	}

	tr := payDecode[trailResp](t, ts.do(t, "GET", "/v1/reports/"+rep.ReportID+"/trail", police, "", nil), 200)
	if tr.Report.ID != rep.ReportID || tr.Report.Victim.Phone != "+77011000009" {
		t.Errorf("trail report: got %+v", tr.Report)
	}
	want := freeze.TrailTotals{Frozen: 200000_00, LeftSystem: 200000_00, Requests: 3, Hops: 3}
	if tr.Totals != want {
		t.Errorf("totals: got %+v, want %+v", tr.Totals, want)
	}
	if len(tr.Requests) != 1 || len(tr.Requests[0].Children) != 1 || len(tr.Requests[0].Children[0].Children) != 1 {
		t.Fatalf("trail tree: got %+v, want a chain of three", tr.Requests)
	}
	leaf := tr.Requests[0].Children[0].Children[0]
	if leaf.Status != kuzet.FreezeLeftSystem || leaf.IBAN != abroad || leaf.OrgID != 0 {
		t.Errorf("last hop: got %+v, want the money gone abroad", leaf.FreezeRequest)
	}
	if r := ts.do(t, "GET", "/v1/reports/"+rep.ReportID+"/trail", victimBank, "", nil); r.status != 404 {
		t.Errorf("a bank reading the police's report: got %d, want 404", r.status)
	}

	// The accounts on the trail are in the registry now: a payment to the
	// second mule shows it.
	d := ts.check(t, victimBank, payBody("p9", "+77011000042", mule2, 3000))
	if !slices.Contains(d.codes(), "payee_reported") {
		t.Errorf("payment to an account on a trail: got %s %v, want payee_reported", d.Decision, d.codes())
	}
}

func TestPaymentOutcomeCountsPreventedLoss(t *testing.T) {
	ts := newTestServer(t)
	bank, bankID := ts.newBank(t, "Bank One", "BANKKZKA", "722")
	police, regulator := ts.keys[kuzet.OrgPolice], ts.keys[kuzet.OrgRegulator]
	mule := synth.KZIBAN("826", "0000000004242")
	ts.json(t, "POST", "/v1/indicators", police,
		`{"indicators":[{"kind":"iban","value":"`+mule+`","category":"mule_account","confidence":0.95}]}`)
	held := ts.check(t, bank, `{"payment_id":"p1","amount":250000.50,"currency":"KZT","payer":{"customer_id":"c1","region":"Almaty"},
		"payee":{"iban":"`+mule+`","phone":"+77775550011"}}`)
	if !held.Decision.Stops() {
		t.Fatalf("got %s, want a hold", held.Decision)
	}
	type outcome struct {
		Reported      []kuzet.Indicator
		PreventedLoss *kuzet.PreventedLoss `json:"prevented_loss"`
	}
	o := payDecode[outcome](t, ts.json(t, "POST", "/v1/payments/"+held.CheckID+"/outcome", bank, `{"outcome":"fraud_confirmed"}`), 200)
	if o.PreventedLoss == nil || o.PreventedLoss.Amount != 250000_50 || len(o.Reported) != 2 {
		t.Fatalf("outcome: got %+v, want the amount prevented and the payee's two identifiers reported", o)
	}
	// Again: counted once.
	o = payDecode[outcome](t, ts.json(t, "POST", "/v1/payments/"+held.CheckID+"/outcome", bank, `{"outcome":"fraud_confirmed"}`), 200)
	if o.PreventedLoss != nil {
		t.Errorf("the same outcome again: got %+v, want nothing counted", o.PreventedLoss)
	}
	if r := ts.json(t, "POST", "/v1/payments/"+held.CheckID+"/outcome", bank, `{"outcome":"legitimate"}`); r.status != 409 {
		t.Errorf("another outcome: got %d, want 409", r.status)
	}
	if r := ts.json(t, "POST", "/v1/payments/"+held.CheckID+"/outcome", bank, `{"outcome":"maybe"}`); r.status != 400 {
		t.Errorf("unknown outcome: got %d, want 400", r.status)
	}
	if r := ts.json(t, "POST", "/v1/payments/chk_nope/outcome", bank, `{"outcome":"legitimate"}`); r.status != 404 {
		t.Errorf("unknown check: got %d, want 404", r.status)
	}
	// The mule's phone went to the registry in the bank's name.
	a := ts.do(t, "GET", "/v1/indicators/phone/+77775550011", police, "", nil).json(t)
	if cats, _ := a["categories"].([]any); !slices.Contains(cats, any("mule_account")) {
		t.Errorf("payee phone after the outcome: got %v, want mule_account", a)
	}

	type stats struct {
		Rows   []kuzet.PreventedLoss
		Totals []struct {
			Currency string
			Amount   kuzet.Amount
			Count    int64
		}
	}
	for _, key := range []string{police, regulator} {
		st := payDecode[stats](t, ts.do(t, "GET", "/v1/payments/prevented-loss?region=Almaty", key, "", nil), 200)
		if len(st.Rows) != 1 || st.Rows[0].OrgID != bankID || st.Rows[0].Amount != 250000_50 ||
			len(st.Totals) != 1 || st.Totals[0].Count != 1 {
			t.Errorf("prevented loss: got %+v", st)
		}
	}
	st := payDecode[stats](t, ts.do(t, "GET", "/v1/payments/prevented-loss?region=Astana", police, "", nil), 200)
	if len(st.Rows) != 0 {
		t.Errorf("prevented loss of another region: got %+v, want none", st.Rows)
	}
	if r := ts.do(t, "GET", "/v1/payments/prevented-loss?from=yesterday", police, "", nil); r.status != 400 {
		t.Errorf("malformed from: got %d, want 400", r.status)
	}
}

// TestPaymentOutcomeReleased: a released hold is never prevented loss,
// even once confirmed as fraud.
func TestPaymentOutcomeReleased(t *testing.T) {
	ts := newTestServer(t)
	bank, _ := ts.newBank(t, "Bank One", "BANKKZKA", "722")
	police := ts.keys[kuzet.OrgPolice]
	mule := synth.KZIBAN("826", "0000000004243")
	ts.json(t, "POST", "/v1/indicators", police,
		`{"indicators":[{"kind":"iban","value":"`+mule+`","category":"mule_account","confidence":0.95}]}`)
	held := ts.check(t, bank, `{"payment_id":"p1","amount":1000,"currency":"KZT","payer":{"customer_id":"c1","device_id":"d-victim"},
		"payee":{"iban":"`+mule+`"}}`)
	if !held.Decision.Stops() {
		t.Fatalf("got %s, want a hold", held.Decision)
	}
	type outcome struct {
		Outcome       kuzet.Outcome
		PreventedLoss *kuzet.PreventedLoss `json:"prevented_loss"`
	}
	path := "/v1/payments/" + held.CheckID + "/outcome"
	if o := payDecode[outcome](t, ts.json(t, "POST", path, bank, `{"outcome":"released"}`), 200); o.PreventedLoss != nil {
		t.Errorf("released: got prevented %+v", o.PreventedLoss)
	}
	if r := ts.json(t, "POST", path, bank, `{"outcome":"fraud_confirmed","fraud_device_id":"`+strings.Repeat("d", 129)+`"}`); r.status != 400 {
		t.Errorf("a device ID too long: got %d, want 400", r.status)
	}
	o := payDecode[outcome](t, ts.json(t, "POST", path, bank, `{"outcome":"fraud_confirmed","fraud_device_id":"d-evil"}`), 200)
	if o.PreventedLoss != nil || o.Outcome != kuzet.OutcomeFraud {
		t.Errorf("fraud after release: got %+v, want fraud_confirmed and nothing prevented", o)
	}
	if r := ts.json(t, "POST", path, bank, `{"outcome":"released"}`); r.status != 409 {
		t.Errorf("released after fraud: got %d, want 409", r.status)
	}
	// The fraudster's device is marked, the victim's is not.
	evil := ts.check(t, bank, `{"payment_id":"p2","amount":10,"currency":"KZT","payer":{"customer_id":"c2","device_id":"d-evil"},
		"payee":{"iban":"`+synth.KZIBAN("914", "0000000000001")+`"}}`)
	victim := ts.check(t, bank, `{"payment_id":"p3","amount":10,"currency":"KZT","payer":{"customer_id":"c1","device_id":"d-victim"},
		"payee":{"iban":"`+synth.KZIBAN("914", "0000000000001")+`"}}`)
	if !slices.Contains(evil.codes(), "device_seen_in_fraud") || slices.Contains(victim.codes(), "device_seen_in_fraud") {
		t.Errorf("device signal: fraudster's %v, victim's %v; want it on the fraudster's only", evil.codes(), victim.codes())
	}
}

// TestPaymentBacktest: a bank runs candidate rules over its own checks and
// outcomes and reads what each rule would have done beside the live rules.
func TestPaymentBacktest(t *testing.T) {
	ts := newTestServer(t)
	bank, _ := ts.newBank(t, "Bank One", "BANKKZKA", "722")
	other, _ := ts.newBank(t, "Bank Two", "BANKKZKB", "826")
	police := ts.keys[kuzet.OrgPolice]
	mule := synth.KZIBAN("826", "0000000004244")
	ts.json(t, "POST", "/v1/indicators", police,
		`{"indicators":[{"kind":"iban","value":"`+mule+`","category":"mule_account","confidence":0.95}]}`)
	held := ts.check(t, bank, `{"payment_id":"p1","amount":90000,"currency":"KZT","payer":{"customer_id":"c1"},"payee":{"iban":"`+mule+`"}}`)
	payDecode[map[string]any](t, ts.json(t, "POST", "/v1/payments/"+held.CheckID+"/outcome", bank, `{"outcome":"fraud_confirmed"}`), 200)
	honest := ts.check(t, bank, `{"payment_id":"p2","amount":900000,"currency":"KZT","payer":{"customer_id":"c2"},
		"payee":{"iban":"`+synth.KZIBAN("914", "0000000000001")+`"}}`)
	payDecode[map[string]any](t, ts.json(t, "POST", "/v1/payments/"+honest.CheckID+"/outcome", bank, `{"outcome":"legitimate"}`), 200)
	ts.check(t, other, `{"payment_id":"p3","amount":90000,"currency":"KZT","payer":{"customer_id":"c3"},"payee":{"iban":"`+mule+`"}}`)

	type report struct {
		Checks, Fraud, Legitimate, Changed int
		Candidate                          payments.BacktestSide
	}
	rules := `version big\nrule big when amount >= 50000 decide hold\n`
	rep := payDecode[report](t, ts.json(t, "POST", "/v1/payments/backtests", bank, `{"rules":"`+rules+`"}`), 200)
	// Both decisions change: the mule's payment is held instead of blocked.
	if rep.Checks != 2 || rep.Fraud != 1 || rep.Legitimate != 1 || rep.Changed != 2 {
		t.Errorf("report: got %+v, want the bank's two checks, one fraud, one legitimate, two changed", rep)
	}
	want := payments.RuleStats{Rule: "big", Hits: 2, Holds: 2, CaughtFraud: 1, FalseHolds: 1}
	if len(rep.Candidate.PerRule) != 1 || rep.Candidate.PerRule[0] != want {
		t.Errorf("per rule: got %+v, want [%+v]", rep.Candidate.PerRule, want)
	}
	// The other bank sees only its own check.
	rep = payDecode[report](t, ts.json(t, "POST", "/v1/payments/backtests", other, `{"rules":"`+rules+`"}`), 200)
	if rep.Checks != 1 || rep.Fraud != 0 {
		t.Errorf("another bank's backtest: got %+v, want its one check", rep)
	}
}

// TestPaymentCheckDegraded takes the store down: checks go on being
// decided from memory, marked degraded, never failed; once the store is
// back, they are recorded again.
func TestPaymentCheckDegraded(t *testing.T) {
	ts := newTestServer(t)
	bank := ts.keys[kuzet.OrgBank]
	payee := synth.KZIBAN("826", "0000000000001")
	ts.check(t, bank, payBody("warm", "+77011000001", payee, 1000)) // the key is known before the outage
	ts.payments.down.Store(true)
	degraded := func(d payDecision) bool { return slices.Contains(d.codes(), payments.ReasonDegraded) }
	for i := 0; ; i++ {
		// Another payee each time: parts to one fresh account warn.
		d := ts.check(t, bank, payBody(fmt.Sprint("down-", i), "+77011000001", synth.KZIBAN("826", fmt.Sprintf("%013d", 2+i)), 1000))
		if degraded(d) {
			if d.Decision != kuzet.DecisionAllow {
				t.Errorf("decision while degraded: got %s, want the ordinary payment allowed", d.Decision)
			}
			break
		}
		if i == 1000 {
			t.Fatalf("no check marked degraded after %d with the store down", i)
		}
		waitFor(t, func() bool { return ts.payments.writer.Stats().Failures > 0 })
	}
	ts.payments.down.Store(false)
	waitFor(t, func() bool { return !ts.payments.writer.Impaired() })
	if d := ts.check(t, bank, payBody("up", "+77011000001", payee, 1000)); degraded(d) {
		t.Errorf("after the store came back: got %v, want no degraded reason", d.codes())
	}
	if err := ts.payments.writer.Sync(t.Context()); err != nil {
		t.Fatal(err)
	}
	type list struct{ Checks []kuzet.CheckRecord }
	l := payDecode[list](t, ts.do(t, "GET", "/v1/payments/checks", bank, "", nil), 200)
	if len(l.Checks) < 3 {
		t.Errorf("checks stored after the outage: got %d, want the queued ones written", len(l.Checks))
	}
}

// waitFor polls cond until it holds; the writer's state changes on its
// own goroutine.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached")
		}
		time.Sleep(time.Millisecond)
	}
}

const stricterRules = `version stricter-1
threshold review 0.20
threshold hold   0.40
threshold block  0.95
hold_for 1h
rule payee_mule_account when payee_mule >= medium weight 0.70 decide hold say "The recipient account is reported as a money-mule account."
rule big_amount when amount >= 100000 weight 0.45 say "A large amount."
`

func TestPaymentRules(t *testing.T) {
	ts := newTestServer(t)
	// The police run the anti-fraud centre's rules; the regulator, the
	// blocking authority, may not (kuzet's role matrix).
	police, bank := ts.keys[kuzet.OrgPolice], ts.keys[kuzet.OrgBank]
	if r := ts.do(t, "POST", "/v1/payments/rules?mode=live", ts.keys[kuzet.OrgRegulator], "text/plain", []byte(stricterRules)); r.status != 403 {
		t.Errorf("the regulator loads rules: got %d, want 403", r.status)
	}
	type rulesView struct{ ID, Version, Hash, Source string }
	type rules struct {
		Live, Shadow *rulesView
		Versions     []kuzet.RuleVersion
	}
	got := payDecode[rules](t, ts.do(t, "GET", "/v1/payments/rules", police, "", nil), 200)
	if got.Live == nil || got.Live.Version != payments.DefaultRules().Version || got.Shadow != nil || len(got.Versions) != 0 {
		t.Fatalf("rules at start: got %+v, want the default live and nothing stored", got)
	}
	if r := ts.do(t, "GET", "/v1/payments/shadow", police, "", nil); r.status != 404 {
		t.Errorf("shadow report without shadow rules: got %d, want 404", r.status)
	}
	r := ts.do(t, "POST", "/v1/payments/rules?mode=shadow", police, "text/plain", []byte(stricterRules))
	payDecode[map[string]any](t, r, 201)
	for i := range 3 {
		ts.check(t, bank, payBody(fmt.Sprint("p", i), "+77011000001", synth.KZIBAN("826", "0000000000001"), 150000))
	}
	type shadow struct {
		Live, Shadow    string
		Checks, Changed uint64
	}
	sh := payDecode[shadow](t, ts.do(t, "GET", "/v1/payments/shadow", police, "", nil), 200)
	if sh.Checks != 3 || sh.Changed != 3 || !strings.HasPrefix(sh.Shadow, "stricter-1@") {
		t.Errorf("shadow report: got %+v, want 3 checks, all decided otherwise by stricter-1", sh)
	}

	for _, tc := range []struct {
		name, ctype, body string
		status            int
	}{
		{"rules that do not parse", "text/plain", "version x\nrule broken when nothing\n", 400},
		{"unknown mode", "application/json", `{"mode":"retired","source":"version x\n"}`, 400},
		{"live, as JSON", "application/json", `{"mode":"live","source":` + jsonString(stricterRules) + `}`, 201},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if r := ts.do(t, "POST", "/v1/payments/rules", police, tc.ctype, []byte(tc.body)); r.status != tc.status {
				t.Errorf("got %d %s, want %d", r.status, r.body, tc.status)
			}
		})
	}
	got = payDecode[rules](t, ts.do(t, "GET", "/v1/payments/rules", police, "", nil), 200)
	if got.Live == nil || got.Live.Version != "stricter-1" || got.Shadow != nil || len(got.Versions) != 1 ||
		got.Versions[0].Mode != kuzet.RulesLive {
		t.Errorf("after the candidate went live: got %+v", got)
	}
	d := ts.check(t, bank, payBody("after", "+77011000002", synth.KZIBAN("826", "0000000000002"), 150000))
	if d.Decision != kuzet.DecisionHold || !slices.Contains(d.codes(), "big_amount") {
		t.Errorf("check under the new live rules: got %s %v, want hold for big_amount", d.Decision, d.codes())
	}
	if r := ts.do(t, "DELETE", "/v1/payments/shadow", police, "", nil); r.status != 204 {
		t.Errorf("stop shadow: got %d, want 204", r.status)
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// hookReceiver is a bank's webhook endpoint that records what it gets.
type hookReceiver struct {
	mu     sync.Mutex
	status int
	got    []*http.Request
	bodies [][]byte
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.got, h.bodies = append(h.got, r), append(h.bodies, b)
	w.WriteHeader(h.status)
}

func TestWebhooks(t *testing.T) {
	ts := newTestServer(t)
	two, _ := ts.newBank(t, "Bank Two", "BANKKZKB", "826")
	police := ts.keys[kuzet.OrgPolice]
	recv := &hookReceiver{status: http.StatusServiceUnavailable}
	hook := httptest.NewServer(recv)
	defer hook.Close()

	if r := ts.do(t, "GET", "/v1/webhooks", two, "", nil); r.status != 404 {
		t.Errorf("webhook before one is set: got %d, want 404", r.status)
	}
	for _, tc := range []struct{ name, body string }{
		{"not a URL", `{"url":"ftp://bank.example/hook"}`},
		{"a short secret", `{"url":"https://bank.example/hook","secret":"short"}`},
		{"loopback not listed", `{"url":"http://127.0.0.2:5432/x","secret":"0123456789abcdef0123456789abcdef"}`},
		{"plain http to a public host", `{"url":"http://bank.example/hook"}`},
	} {
		if r := ts.json(t, "PUT", "/v1/webhooks", two, tc.body); r.status != 400 {
			t.Errorf("%s: got %d, want 400", tc.name, r.status)
		}
	}
	set := payDecode[struct{ URL, Secret string }](t, ts.json(t, "PUT", "/v1/webhooks", two, `{"url":"`+hook.URL+`/hook"}`), 200)
	if len(set.Secret) < freeze.MinSecretLen {
		t.Fatalf("webhook: got secret %q, want one made and shown", set.Secret)
	}
	if got := ts.do(t, "GET", "/v1/webhooks", two, "", nil).json(t); got["url"] != hook.URL+"/hook" || got["secret"] != nil {
		t.Errorf("webhook read back: got %v, want the URL without the secret", got)
	}

	rep := ts.report(t, police, synth.KZIBAN("826", "0000000004242"), "BANKKZKB", 1000)
	frz := rep.FreezeRequests[0].ID
	clock := testNow()
	d := freeze.NewDispatcher(freeze.DispatcherConfig{Store: ts.store, Doer: webhook.New(webhook.Config{Timeout: 5 * time.Second, Policy: testHooks(t)}),
		Clock: func() time.Time { return clock }, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	type deliveries struct {
		Deliveries []struct {
			ID, Event, Object, Status string
			Attempts                  int
			Log                       []kuzet.DeliveryAttempt
			Body                      freeze.Event
		}
	}
	// The bank's endpoint is down: the delivery waits, logged.
	st, err := d.RunOnce(t.Context())
	if err != nil || st.Failed != 1 {
		t.Fatalf("first round: got %+v %v, want one failure", st, err)
	}
	l := payDecode[deliveries](t, ts.do(t, "GET", "/v1/webhooks/deliveries?object=freeze_request:"+frz, two, "", nil), 200)
	if len(l.Deliveries) != 1 || l.Deliveries[0].Status != "pending" || l.Deliveries[0].Attempts != 1 ||
		l.Deliveries[0].Log[0].StatusCode != 503 || l.Deliveries[0].Event != "freeze_request.created" {
		t.Fatalf("delivery log after a failure: got %+v", l)
	}
	// Up again, and the back-off over: delivered, signed.
	recv.mu.Lock()
	recv.status = http.StatusNoContent
	recv.mu.Unlock()
	clock = clock.Add(d.Backoff(1))
	if st, err := d.RunOnce(t.Context()); err != nil || st.Delivered != 1 {
		t.Fatalf("second round: got %+v %v, want one delivered", st, err)
	}
	recv.mu.Lock()
	last, body := recv.got[len(recv.got)-1], recv.bodies[len(recv.bodies)-1]
	recv.mu.Unlock()
	if err := freeze.VerifySignature([]byte(set.Secret), last.Header.Get(freeze.SignatureHeader), body, clock, time.Minute); err != nil {
		t.Errorf("signature: %v", err)
	}
	if !bytes.Contains(body, []byte(frz)) {
		t.Errorf("delivered body %s lacks the request %s", body, frz)
	}
	l = payDecode[deliveries](t, ts.do(t, "GET", "/v1/webhooks/deliveries", two, "", nil), 200)
	if len(l.Deliveries) != 1 || l.Deliveries[0].Status != "delivered" || len(l.Deliveries[0].Log) != 2 ||
		l.Deliveries[0].Body.Event != "freeze_request.created" {
		t.Errorf("delivery log: got %+v", l)
	}
	// Another bank sees none of it.
	if l := payDecode[deliveries](t, ts.do(t, "GET", "/v1/webhooks/deliveries", ts.keys[kuzet.OrgBank], "", nil), 200); len(l.Deliveries) != 0 {
		t.Errorf("another bank's delivery log: got %d, want none", len(l.Deliveries))
	}
}

func TestPaymentRoutesMalformed(t *testing.T) {
	ts := newTestServer(t)
	bank, police := ts.keys[kuzet.OrgBank], ts.keys[kuzet.OrgPolice]
	huge := `{"victim":{"name":"` + strings.Repeat("x", 5<<20) + `"}}`
	for _, tc := range []struct {
		name, method, path, key, ctype, body string
		status                               int
		field                                string
	}{
		{"report without a victim", "POST", "/v1/reports", police, "application/json", `{"currency":"KZT"}`, 400, "victim.name"},
		{"report with a bad IBAN", "POST", "/v1/reports", police, "application/json",
			`{"victim":{"name":"V"},"currency":"KZT","transfers":[{"to_iban":"KZ00","amount":5}]}`, 400, "transfers[0].to_iban"},
		{"report with a negative transfer", "POST", "/v1/reports", police, "application/json",
			`{"victim":{"name":"V"},"currency":"KZT","transfers":[{"to_iban":"` + synth.KZIBAN("826", "0000000000001") + `","amount":-5}]}`, 400, "transfers[0].amount"},
		{"report with an unknown field", "POST", "/v1/reports", police, "application/json", `{"victim":{"name":"V"},"currency":"KZT","x":1}`, 400, "x"},
		{"oversized report", "POST", "/v1/reports", police, "application/json", huge, 413, ""},
		{"report as text", "POST", "/v1/reports", police, "text/plain", `{}`, 415, "Content-Type"},
		{"outcome with an unknown field", "POST", "/v1/payments/chk_x/outcome", bank, "application/json", `{"result":"x"}`, 400, "result"},
		{"inbox of an unknown status", "GET", "/v1/freeze-requests?status=lost", bank, "", ``, 400, "status"},
		{"answer with a bad status", "POST", "/v1/freeze-requests/frz_x/response", bank, "application/json", `{"status":"open"}`, 400, "status"},
		{"unknown request", "GET", "/v1/freeze-requests/frz_nope", bank, "", ``, 404, ""},
		{"unknown report", "GET", "/v1/reports/rep_nope/trail", police, "", ``, 404, ""},
		{"checks with a bad limit", "GET", "/v1/payments/checks?limit=0", bank, "", ``, 400, "limit"},
		{"checks with a bad decision", "GET", "/v1/payments/checks?decision=maybe", bank, "", ``, 400, "decision"},
		{"backtest without rules", "POST", "/v1/payments/backtests", bank, "application/json", `{}`, 400, "rules"},
		{"backtest with an unknown field", "POST", "/v1/payments/backtests", bank, "application/json", `{"rules":"x","y":1}`, 400, "y"},
		{"backtest with rules that do not parse", "POST", "/v1/payments/backtests", bank, "application/json",
			`{"rules":"version x\nrule a when nonsense > 1 decide hold\n"}`, 400, ""},
		{"backtest with a bad period", "POST", "/v1/payments/backtests", bank, "application/json",
			`{"rules":"version x\nrule a when amount > 1 decide hold\n","from":"2025-03-05T00:00:00Z","to":"2025-03-04T00:00:00Z"}`, 400, "to"},
		{"oversized backtest", "POST", "/v1/payments/backtests", bank, "application/json", huge, 413, ""},
		{"backtest by the police", "POST", "/v1/payments/backtests", police, "application/json", `{"rules":"x"}`, 403, ""},
		{"backtest without a key", "POST", "/v1/payments/backtests", "", "application/json", `{"rules":"x"}`, 401, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ts.do(t, tc.method, tc.path, tc.key, tc.ctype, []byte(tc.body))
			if r.status != tc.status {
				t.Fatalf("got %d %s, want %d", r.status, r.body, tc.status)
			}
			if tc.field != "" {
				errs, _ := r.json(t)["errors"].([]any)
				if len(errs) == 0 || errs[0].(map[string]any)["field"] != tc.field {
					t.Errorf("got errors %v, want field %s", errs, tc.field)
				}
			}
		})
	}
}

// TestFreezeReadsAreAudited: a bank's reads of freeze requests, which hold
// account numbers, leave audit entries.
func TestFreezeReadsAreAudited(t *testing.T) {
	ts := newTestServer(t)
	two, twoID := ts.newBank(t, "Bank Two", "BANKKZKB", "826")
	rep := ts.report(t, ts.keys[kuzet.OrgPolice], synth.KZIBAN("826", "0000000004242"), "", 1000)
	ts.inbox(t, two, "open")
	ts.do(t, "GET", "/v1/freeze-requests/"+rep.FreezeRequests[0].ID, two, "", nil)
	var reads []string
	scanAudit(t, ts, func(e *kuzet.AuditEntry) error {
		if e.OrgID == twoID && e.Action == "freeze.read" {
			reads = append(reads, e.Object)
		}
		return nil
	})
	if want := []string{"freeze_inbox", "freeze_request:" + rep.FreezeRequests[0].ID}; !slices.Equal(reads, want) {
		t.Errorf("audited reads: got %v, want %v", reads, want)
	}
}

// FuzzPaymentCheck throws arbitrary bodies, JSON and XML, at the check:
// every one is answered with a decision or a 4xx, never a 5xx.
func FuzzPaymentCheck(f *testing.F) {
	f.Add([]byte(payBody("p", "+77011000001", synth.KZIBAN("826", "0000000000001"), 1000)), false)
	f.Add([]byte(`{"payment_id":"x","amount":1e400,"currency":"KZT","payer":{"ip":"::1"},"payee":{"card":"4400430000000004"}}`), false)
	f.Add([]byte(pacs008("E", "10.5", "KZT", synth.KZIBAN("826", "0000000000001"))), true)
	f.Add([]byte(`<!DOCTYPE x [<!ENTITY a "b">]><Document>&a;</Document>`), true)
	ts := newTestServer(&testing.T{})
	defer ts.Close()
	bank := ts.keys[kuzet.OrgBank]
	f.Fuzz(func(t *testing.T, body []byte, xml bool) {
		ctype := "application/json"
		if xml {
			ctype = "application/xml"
		}
		req, _ := http.NewRequest("POST", ts.URL+"/v1/payments/check", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+bank)
		req.Header.Set("Content-Type", ctype)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			t.Fatalf("answered %d to %q", resp.StatusCode, body)
		}
	})
}

// BenchmarkPaymentCheckHTTP measures one check a request through the whole
// server, on loopback.
func BenchmarkPaymentCheckHTTP(b *testing.B) {
	ts := newTestServer(&testing.T{})
	defer ts.Close()
	bank := ts.keys[kuzet.OrgBank]
	bodies := make([][]byte, 1000)
	for i := range bodies {
		bodies[i] = []byte(payBody(fmt.Sprint("p", i), fmt.Sprintf("+7701%07d", i), synth.KZIBAN("826", fmt.Sprintf("%013d", i%97)), 1000+i))
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			req, _ := http.NewRequest("POST", ts.URL+"/v1/payments/check", bytes.NewReader(bodies[i%len(bodies)]))
			req.Header.Set("Authorization", "Bearer "+bank)
			req.Header.Set("Content-Type", "application/json")
			resp, err := client.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Fatalf("status %d", resp.StatusCode)
			}
			i++
		}
	})
}
