package iso20022_test

import (
	"encoding/xml"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/iso20022"
)

// FuzzRead: any document is read or refused with EINVALID; a message read
// maps every transaction (or says which value is wrong, EINVALID), and
// its status report is well-formed XML.
func FuzzRead(f *testing.F) {
	f.Add([]byte(document(ns08, txn("E2E-1", "1500.00", ibanA), txOtherWays, txNoRefs)))
	f.Add([]byte(`<Envelope xmlns="urn:swift:xsd:envelope">` + appHdr(2) + document(ns08, txn("E", "1", ibanB)) + `</Envelope>`))
	f.Add([]byte(`<M xmlns:h="urn:iso:std:iso:20022:tech:xsd:head.001.001.01" xmlns:c="` + ns08 + `"><AppHdr>` +
		prefixed(hdrBody, "h") + `</AppHdr>` + prefixed(fiToFI("", txn("E", "1", ibanB)), "c") + `</M>`))
	f.Add([]byte(fiToFI("", txn("E", "1e3", ibanBad))))
	f.Add([]byte(`<!DOCTYPE x [<!ENTITY a "b">]><Document>&a;</Document>`))
	f.Add([]byte(`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.99"/>`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		m, err := iso20022.Read(doc)
		if err != nil {
			if kuzet.ErrorCode(err) != kuzet.EINVALID || len(kuzet.ErrorFields(err)) == 0 {
				t.Fatalf("read: got %v, want EINVALID naming a path", err)
			}
			return
		}
		if len(m.Transactions) == 0 || len(m.Transactions) > iso20022.MaxTransactions || m.MsgID == "" {
			t.Fatalf("read a message of %d transactions, MsgId %q", len(m.Transactions), m.MsgID)
		}
		checks := m.Checks()
		st := make([]iso20022.TxStatus, len(checks))
		for i, c := range checks {
			if c.Err != nil && kuzet.ErrorCode(c.Err) != kuzet.EINVALID {
				t.Fatalf("transaction %d: got %v, want EINVALID", i, c.Err)
			}
			st[i] = iso20022.TxStatus{StatusID: "chk", Status: iso20022.Pending,
				Reasons: []iso20022.Reason{{Proprietary: c.PaymentID, Info: c.Payee.Name}}}
		}
		b, err := iso20022.WriteStatusReport(m, &iso20022.StatusReport{MsgID: "rpt", CreatedAt: reportAt, Statuses: st})
		if err != nil {
			t.Fatalf("status report: %v", err)
		}
		var v struct{ XMLName xml.Name }
		if err := xml.Unmarshal(b, &v); err != nil {
			t.Fatalf("status report is not XML: %v\n%s", err, b)
		}
	})
}
