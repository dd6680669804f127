package payments_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/payments"
)

const pacs008Doc = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
  <FIToFICstmrCdtTrf>
    <GrpHdr>
      <MsgId>MSG-1</MsgId>
      <CreDtTm>2025-03-05T12:00:00</CreDtTm>
      <NbOfTxs>1</NbOfTxs>
    </GrpHdr>
    <CdtTrfTxInf>
      <PmtId><InstrId>I-1</InstrId><EndToEndId>E2E-42</EndToEndId><TxId>TX-1</TxId></PmtId>
      <IntrBkSttlmAmt Ccy="KZT">150000.00</IntrBkSttlmAmt>
      <Dbtr><Nm>Aigerim</Nm><Id><PrvtId><Othr><Id>cust-7</Id></Othr></PrvtId></Id><CtctDtls><MobNb>+7-7011000001</MobNb></CtctDtls></Dbtr>
      <DbtrAcct><Id><IBAN>KZ86125KZT5004100100</IBAN></Id></DbtrAcct>
      <DbtrAgt><FinInstnId><BICFI>BANKKZKA</BICFI></FinInstnId></DbtrAgt>
      <CdtrAgt><FinInstnId><BICFI>BANKKZKB</BICFI></FinInstnId></CdtrAgt>
      <Cdtr><Nm>Safe Account LLP</Nm></Cdtr>
      <CdtrAcct><Id><IBAN>MULE_IBAN</IBAN></Id></CdtrAcct>
    </CdtTrfTxInf>
  </FIToFICstmrCdtTrf>
</Document>`

func TestParsePacs008(t *testing.T) {
	mule := iban("826", 4242)
	pc, err := payments.ParsePacs008([]byte(strings.Replace(pacs008Doc, "MULE_IBAN", mule, 1)))
	must(t, "parse", err)
	want := kuzet.PaymentCheck{
		PaymentID: "E2E-42", Amount: 15000000, Currency: "KZT",
		CreatedAt: time.Date(2025, 3, 5, 7, 0, 0, 0, time.UTC), Channel: "iso20022",
		Payer: kuzet.Payer{Account: "KZ86125KZT5004100100", Phone: "+7-7011000001", CustomerID: "cust-7"},
		Payee: kuzet.Payee{IBAN: mule, BankBIC: "BANKKZKB", Name: "Safe Account LLP"},
	}
	if pc != want {
		t.Errorf("got %+v, want %+v", pc, want)
	}
	// The mapped check goes through the engine like a JSON one.
	f := newFixture(t, nil)
	f.report(police, kuzet.KindIBAN, mule, kuzet.CategoryMuleAccount, 0.9)
	d := f.check(t, bankOne, pc)
	if !d.Decision.Stops() {
		t.Errorf("decision: got %s, want the mule held", d.Decision)
	}

	proxy := strings.Replace(pacs008Doc, "<Id><IBAN>MULE_IBAN</IBAN></Id>", "<Prxy><Tp><Cd>MBNO</Cd></Tp><Id>+77775550011</Id></Prxy>", 1)
	proxy = strings.Replace(proxy, "<EndToEndId>E2E-42</EndToEndId>", "<EndToEndId>NOTPROVIDED</EndToEndId>", 1)
	proxy = strings.Replace(proxy, "<IntrBkSttlmAmt", "<InstdAmt Ccy=\"USD\">12.5</InstdAmt><IntrBkSttlmAmt", 1)
	pc, err = payments.ParsePacs008([]byte(proxy))
	must(t, "parse proxy", err)
	if pc.Payee.Phone != "+77775550011" || pc.Payee.IBAN != "" || pc.PaymentID != "TX-1" || pc.Amount != 1250 || pc.Currency != "USD" {
		t.Errorf("proxy: got %+v", pc)
	}
}

func TestParsePacs008Rejects(t *testing.T) {
	doc := strings.Replace(pacs008Doc, "MULE_IBAN", iban("826", 1), 1)
	tests := []struct {
		name, doc, msg string
	}{
		{"not XML", "{\"amount\": 1}", "malformed XML"},
		{"truncated", doc[:len(doc)/2], "malformed XML"},
		{"another message", strings.Replace(doc, "pacs.008.001.08", "pain.001.001.09", 1), "not a pacs.008 document"},
		{"no namespace", strings.Replace(doc, ` xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"`, "", 1), "not a pacs.008 document"},
		{"two transactions", strings.Replace(doc, "</CdtTrfTxInf>", "</CdtTrfTxInf><CdtTrfTxInf></CdtTrfTxInf>", 1), "exactly one CdtTrfTxInf, not 2"},
		{"no transaction", strings.Replace(strings.Replace(doc, "<CdtTrfTxInf>", "<X>", 1), "</CdtTrfTxInf>", "</X>", 1), "exactly one CdtTrfTxInf, not 0"},
		{"bad amount", strings.Replace(doc, "150000.00", "150,000", 1), "amount must be a decimal number"},
		{"bad date", strings.Replace(doc, "2025-03-05T12:00:00", "yesterday", 1), "not an ISO date-time"},
		{"billion laughs", `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Document>&lol2;</Document>`, "DTD"},
		{"undefined entity", strings.Replace(doc, "Aigerim", "&xxe;", 1), "malformed XML"},
		{"deep", strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100), "nest deeper than 32"},
		{"oversized", "<Document>" + strings.Repeat(" ", payments.MaxXMLSize) + "</Document>", "at most"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := payments.ParsePacs008([]byte(tc.doc))
			if kuzet.ErrorCode(err) != kuzet.EINVALID {
				t.Fatalf("got %v, want %s", err, kuzet.EINVALID)
			}
			if !strings.Contains(kuzet.ErrorMessage(err), tc.msg) {
				t.Errorf("message: got %q, want it to contain %q", kuzet.ErrorMessage(err), tc.msg)
			}
		})
	}
}

// FuzzPacs008: any document is mapped or rejected with EINVALID, and a
// mapped one is checked or rejected with EINVALID too.
func FuzzPacs008(f *testing.F) {
	f.Add([]byte(strings.Replace(pacs008Doc, "MULE_IBAN", iban("826", 1), 1)))
	f.Add([]byte(`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.02"><FIToFICstmrCdtTrf><CdtTrfTxInf><InstdAmt Ccy="KZT">1e3</InstdAmt></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>`))
	f.Add([]byte(`<!DOCTYPE x><Document/>`))
	e := payments.NewEngine(payments.EngineConfig{CardKey: cardKey, Clock: kuzet.FixedClock(base)})
	f.Fuzz(func(t *testing.T, doc []byte) {
		pc, err := payments.ParsePacs008(doc)
		if err != nil {
			if kuzet.ErrorCode(err) != kuzet.EINVALID {
				t.Fatalf("parse: got %v, want EINVALID", err)
			}
			return
		}
		if _, err := e.Check(context.Background(), bankOne, pc); err != nil && kuzet.ErrorCode(err) != kuzet.EINVALID {
			t.Fatalf("check: got %v, want a decision or EINVALID", err)
		}
	})
}
