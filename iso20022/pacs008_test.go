package iso20022_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/iso20022"
)

// A transaction written the other ways the standard allows: no end-to-end
// reference, the instructed amount beside the settled one, an acceptance
// time without offset, a mobile-number proxy, an organisation's
// identification, an account that is not an IBAN, the agent's BIC as
// the oldest versions write it.
const txOtherWays = `<CdtTrfTxInf><PmtId><EndToEndId>NOTPROVIDED</EndToEndId>` +
	`<UETR>6c1f4f5e-2d6a-4c1b-9a8e-0c2f7b1d9e33</UETR></PmtId>` +
	`<IntrBkSttlmAmt Ccy="EUR">11.60</IntrBkSttlmAmt><AccptncDtTm>2025-03-05T10:00:00</AccptncDtTm>` +
	`<InstdAmt Ccy="USD">12.5</InstdAmt>` +
	`<Dbtr><Nm>Too LLP</Nm><Id><OrgId><Othr><Id>BIN-990140000123</Id></Othr></OrgId></Id></Dbtr>` +
	`<DbtrAcct><Id><Othr><Id>40817810099910004312</Id></Othr></Id></DbtrAcct>` +
	`<CdtrAgt><FinInstnId><BIC>BANKKZKC</BIC></FinInstnId></CdtrAgt>` +
	`<Cdtr><Nm>Nurlan</Nm></Cdtr><CdtrAcct><Prxy><Tp><Cd>MBNO</Cd></Tp><Id>+77775550011</Id></Prxy></CdtrAcct></CdtTrfTxInf>`

// A transaction with no reference at all.
const txNoRefs = `<CdtTrfTxInf><IntrBkSttlmAmt Ccy="KZT">1</IntrBkSttlmAmt>` +
	`<Dbtr><Id><PrvtId><Othr><Id>cust-7</Id></Othr></PrvtId></Id></Dbtr>` +
	`<CdtrAcct><Id><Othr><Id>12345678</Id></Othr></Id></CdtrAcct></CdtTrfTxInf>`

func readMessage(t *testing.T, doc string) *iso20022.Message {
	t.Helper()
	m, err := iso20022.Read([]byte(doc))
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return m
}

func TestChecks(t *testing.T) {
	m := readMessage(t, document(ns08, txn("E2E-1", "1500.00", ibanA), txOtherWays, txNoRefs))
	checks := m.Checks()
	want := []kuzet.PaymentCheck{
		{PaymentID: "E2E-1", Amount: 150000, Currency: "KZT", CreatedAt: time.Date(2025, 3, 5, 7, 0, 0, 0, time.UTC),
			Channel: "iso20022", Payer: kuzet.Payer{Account: "KZ86125KZT5004100100", Phone: "+7-7011000001"},
			Payee: kuzet.Payee{IBAN: ibanA, BankBIC: "BANKKZKB", Name: "Safe Account LLP"}},
		{PaymentID: "6c1f4f5e-2d6a-4c1b-9a8e-0c2f7b1d9e33", Amount: 1250, Currency: "USD",
			CreatedAt: time.Date(2025, 3, 5, 5, 0, 0, 0, time.UTC), Channel: "iso20022",
			Payer: kuzet.Payer{Account: "40817810099910004312", CustomerID: "BIN-990140000123"},
			Payee: kuzet.Payee{Phone: "+77775550011", BankBIC: "BANKKZKC", Name: "Nurlan"}},
		{PaymentID: "MSG-7/3", Amount: 100, Currency: "KZT", CreatedAt: time.Date(2025, 3, 5, 7, 0, 0, 0, time.UTC),
			Channel: "iso20022", Payer: kuzet.Payer{CustomerID: "cust-7"}, Payee: kuzet.Payee{Account: "12345678"}},
	}
	if len(checks) != len(want) {
		t.Fatalf("got %d checks, want %d", len(checks), len(want))
	}
	for i := range want {
		if checks[i].Err != nil {
			t.Errorf("check %d: got error %v", i, checks[i].Err)
		}
		if !reflect.DeepEqual(checks[i].PaymentCheck, want[i]) {
			t.Errorf("check %d:\n got %+v\nwant %+v", i, checks[i].PaymentCheck, want[i])
		}
	}
}

// TestChecksBadValues: a transaction whose amount or time is not one
// carries its error, by path; its neighbours are untouched.
func TestChecksBadValues(t *testing.T) {
	bad := strings.Replace(txOtherWays, "12.5", "12,5", 1)
	bad = strings.Replace(bad, "2025-03-05T10:00:00", "noon", 1)
	m := readMessage(t, document(ns08, txn("E2E-1", "1500.00", ibanA), bad))
	checks := m.Checks()
	if checks[0].Err != nil {
		t.Errorf("first: got %v, want no error", checks[0].Err)
	}
	var got []string
	for _, f := range kuzet.ErrorFields(checks[1].Err) {
		got = append(got, f.Field)
	}
	want := []string{"Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/InstdAmt", "Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/AccptncDtTm"}
	if kuzet.ErrorCode(checks[1].Err) != kuzet.EINVALID || !reflect.DeepEqual(got, want) {
		t.Errorf("second: got %v naming %v, want EINVALID naming %v", checks[1].Err, got, want)
	}
}

// TestFields: what the engine's validation says of a check's fields is
// said of the elements they came from.
func TestFields(t *testing.T) {
	m := readMessage(t, document(ns08, txn("E2E-1", "1500.00", ibanA), txOtherWays, txNoRefs))
	checks := m.Checks()
	const tx2 = "Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/"
	tests := []struct {
		check        int
		field, msg   string
		path, wanted string
	}{
		{0, "payee.iban", "IBAN check digits do not match",
			"Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAcct/Id/IBAN", "IBAN check digits do not match"},
		{0, "created_at", "created_at is more than an hour in the future",
			"Document/FIToFICstmrCdtTrf/GrpHdr/CreDtTm", "GrpHdr/CreDtTm is more than an hour in the future"},
		{1, "payment_id", "payment_id exceeds 128 bytes", tx2 + "PmtId/UETR", "PmtId/UETR exceeds 128 bytes"},
		{1, "amount", "amount exceeds 1e12", tx2 + "InstdAmt", "InstdAmt exceeds 1e12"},
		{1, "currency", "currency must be an ISO 4217 code", tx2 + "InstdAmt/@Ccy", "InstdAmt/@Ccy must be an ISO 4217 code"},
		{1, "created_at", "created_at is more than an hour in the future", tx2 + "AccptncDtTm", "AccptncDtTm is more than an hour in the future"},
		{1, "payer.account", "payer.account contains control characters", tx2 + "DbtrAcct/Id/Othr/Id", "DbtrAcct/Id/Othr/Id contains control characters"},
		{1, "payer.customer_id", "payer.customer_id exceeds 128 bytes", tx2 + "Dbtr/Id/OrgId/Othr/Id", "Dbtr/Id/OrgId/Othr/Id exceeds 128 bytes"},
		{1, "payee.phone", "not a phone number", tx2 + "CdtrAcct/Prxy/Id", "not a phone number"},
		{1, "payee.bank_bic", "a BIC has 8 or 11 characters", tx2 + "CdtrAgt/FinInstnId/BIC", "a BIC has 8 or 11 characters"},
		{1, "payer", "payer needs an account, a customer_id or a phone", tx2 + "DbtrAcct", "the debtor needs an account"},
		{1, "payee", "payee needs one of iban, account, card, phone or wallet", tx2 + "CdtrAcct", "the creditor needs an account"},
		{1, "payer.device_id", "payer.device_id exceeds 128 bytes", "Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]",
			"payer.device_id exceeds 128 bytes"},
		{2, "payment_id", "payment_id exceeds 128 bytes", "Document/FIToFICstmrCdtTrf/GrpHdr/MsgId", "GrpHdr/MsgId exceeds 128 bytes"},
		{2, "payee.account", "account number is one repeated character",
			"Document/FIToFICstmrCdtTrf/CdtTrfTxInf[3]/CdtrAcct/Id/Othr/Id", "account number is one repeated character"},
	}
	for _, tc := range tests {
		t.Run(tc.field, func(t *testing.T) {
			got := checks[tc.check].Fields(kuzet.Invalid(tc.field, "%s", tc.msg))
			if len(got) != 1 || got[0].Field != tc.path || !strings.HasPrefix(got[0].Message, tc.wanted) {
				t.Errorf("got %+v, want %s: %s…", got, tc.path, tc.wanted)
			}
		})
	}
	// An error naming no field is the transaction's.
	got := checks[0].Fields(kuzet.Errorf(kuzet.EINVALID, "no"))
	if len(got) != 1 || got[0].Field != "Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]" {
		t.Errorf("fieldless: got %+v, want the transaction's path", got)
	}
}
