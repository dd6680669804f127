package iso20022_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/iso20022"
)

// TestReadEnvelopes finds the message in every way a transport wraps it.
func TestReadEnvelopes(t *testing.T) {
	one := txn("E2E-1", "1500.00", ibanA)
	two := []string{txn("E2E-1", "1500.00", ibanA), txn("E2E-2", "20", ibanB)}
	tests := []struct {
		name, doc   string
		root        string
		version     int
		txs         int
		header      string // the header's namespace version, "" for none
		wantSender  string
		definition  string
		wantHdrDate bool
	}{
		{"bare Document", document(ns08, one), "Document/FIToFICstmrCdtTrf", 8, 1, "", "", "pacs.008.001.08", false},
		{"with an XML declaration, a comment and a byte order mark",
			"\ufeff<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- sent by a test -->\n" + document(ns08, one),
			"Document/FIToFICstmrCdtTrf", 8, 1, "", "", "pacs.008.001.08", false},
		{"SWIFT Envelope, prefixed header",
			`<Envelope xmlns="urn:swift:xsd:envelope" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
				`<head:AppHdr xmlns:head="urn:iso:std:iso:20022:tech:xsd:head.001.001.02">` + prefixed(hdrBody, "head") +
				`</head:AppHdr>` + document(ns08, one) + `</Envelope>`,
			"Document/FIToFICstmrCdtTrf", 8, 1, "02", "BANKKZKA", "pacs.008.001.08", true},
		{"SWIFTNet Request", `<Request xmlns="SWIFTNetBusinessEnvelope">` + appHdr(2) +
			document("urn:iso:std:iso:20022:tech:xsd:pacs.008.001.12", one) + `</Request>`,
			"Document/FIToFICstmrCdtTrf", 12, 1, "02", "BANKKZKA", "pacs.008.001.12", true},
		{"nested market-infrastructure wrapper",
			`<Incoming xmlns="urn:example:incoming"><Msg><CreditTransfer>` + appHdr(2) + document(ns08, two...) +
				`</CreditTransfer></Msg></Incoming>`,
			"Document/FIToFICstmrCdtTrf", 8, 2, "02", "BANKKZKA", "pacs.008.001.08", true},
		{"header in the wrapper's namespace, message without Document",
			`<Message xmlns="urn:example:rtp" xmlns:head="urn:iso:std:iso:20022:tech:xsd:head.001.001.01" xmlns:ct="` + ns08 + `">` +
				`<AppHdr>` + prefixed(hdrBody, "head") + `</AppHdr><CreditTransfer>` + prefixed(fiToFI("", one), "ct") +
				`</CreditTransfer></Message>`,
			"FIToFICstmrCdtTrf", 8, 1, "01", "BANKKZKA", "pacs.008.001.08", true},
		{"prefixed header and Document in a payment-request envelope",
			`<FPEnvelope xmlns:header="urn:iso:std:iso:20022:tech:xsd:head.001.001.03" ` +
				`xmlns:document="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.10" ` +
				`xmlns="urn:iso:std:iso:20022:tech:xsd:payment_request">` +
				`<header:AppHdr>` + prefixed(hdrBody, "header") + `</header:AppHdr>` +
				prefixed(`<Document>`+fiToFI("", one)+`</Document>`, "document") + `</FPEnvelope>`,
			"Document/FIToFICstmrCdtTrf", 10, 1, "03", "BANKKZKA", "pacs.008.001.10", true},
		{"bare FIToFICstmrCdtTrf without namespace", fiToFI("", two...), "FIToFICstmrCdtTrf", 0, 2, "", "", "pacs.008", false},
		{"wrapper owning FIToFICstmrCdtTrf, children in pacs.008's namespace",
			`<Message xmlns="urn:example:settlement" xmlns:p="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.09">` +
				`<FIToFICstmrCdtTrf>` + prefixed(grpHdr(1)+one, "p") + `</FIToFICstmrCdtTrf></Message>`,
			"FIToFICstmrCdtTrf", 9, 1, "", "", "pacs.008.001.09", false},
		{"Envelope without namespace", `<Envelope>` + document("urn:iso:std:iso:20022:tech:xsd:pacs.008.001.02", two...) +
			`</Envelope>`, "Document/FIToFICstmrCdtTrf", 2, 2, "", "", "pacs.008.001.02", false},
		{"Document without namespace, version from the header", `<Msg>` + appHdr(4) + `<Document>` + fiToFI("", one) +
			`</Document></Msg>`, "Document/FIToFICstmrCdtTrf", 8, 1, "04", "BANKKZKA", "pacs.008.001.08", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := iso20022.Read([]byte(tc.doc))
			if err != nil {
				t.Fatalf("got %v, want the message", err)
			}
			if m.Root != tc.root || m.Version != tc.version || len(m.Transactions) != tc.txs || m.Definition() != tc.definition {
				t.Errorf("got root %q version %d with %d transactions (%s), want %q %d %d (%s)", m.Root, m.Version,
					len(m.Transactions), m.Definition(), tc.root, tc.version, tc.txs, tc.definition)
			}
			if m.MsgID != "MSG-7" || !m.CreatedAt().Equal(time.Date(2025, 3, 5, 7, 0, 0, 0, time.UTC)) {
				t.Errorf("group header: got %q %v, want MSG-7 at 07:00Z", m.MsgID, m.CreatedAt())
			}
			for i, tx := range m.Transactions {
				if want := fmt.Sprintf("%s/CdtTrfTxInf[%d]", tc.root, i+1); tx.Path != want {
					t.Errorf("transaction %d: got path %q, want %q", i, tx.Path, want)
				}
				if want := fmt.Sprintf("E2E-%d", i+1); tx.EndToEndID != want || tx.TxID != "T-"+want || tx.InstrID != "I-"+want {
					t.Errorf("transaction %d: got references %q %q %q, want %s", i, tx.InstrID, tx.EndToEndID, tx.TxID, want)
				}
			}
			h := m.Header
			switch {
			case tc.header == "" && h != nil:
				t.Errorf("got a header %+v, want none", h)
			case tc.header != "" && h == nil:
				t.Fatalf("got no header, want head.001.001.%s", tc.header)
			case h != nil:
				if h.Namespace != "urn:iso:std:iso:20022:tech:xsd:head.001.001."+tc.header || h.Sender() != tc.wantSender ||
					h.Receiver() != "BANKKZKB" || h.BizMsgID != "BIZ-7" || h.MsgDefID != "pacs.008.001.08" ||
					!h.Created.Equal(time.Date(2025, 3, 5, 7, 0, 0, 0, time.UTC)) {
					t.Errorf("got header %s from %q to %q id %q def %q at %v", h.Namespace, h.Sender(), h.Receiver(),
						h.BizMsgID, h.MsgDefID, h.Created)
				}
			}
		})
	}
}

func attrs(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, ` a%d="1"`, i)
	}
	return b.String()
}

// TestReadRefuses names what is wrong by its path.
func TestReadRefuses(t *testing.T) {
	good := document(ns08, txn("E2E-1", "1500.00", ibanA))
	many := make([]string, iso20022.MaxTransactions+1)
	for i := range many {
		many[i] = `<CdtTrfTxInf/>`
	}
	tests := []struct {
		name, doc, field, msg string
	}{
		{"not XML", `{"amount": 1}`, "document", "malformed XML"},
		{"truncated", good[:len(good)/2], "document", "malformed XML"},
		{"mismatched tags", `<Document><FIToFICstmrCdtTrf></Document></FIToFICstmrCdtTrf>`, "document", "malformed XML"},
		{"billion laughs", `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>` +
			`<Document>&lol2;</Document>`, "document", "DTD"},
		{"external entity", `<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Document>&xxe;</Document>`, "document", "DTD"},
		{"undeclared entity", strings.Replace(good, "Aigerim", "&xxe;", 1), "document", "malformed XML"},
		{"deep", strings.Repeat("<a>", 40) + strings.Repeat("</a>", 40), "document", "nest deeper than 32"},
		{"oversized", "<Document>" + strings.Repeat(" ", iso20022.MaxSize) + "</Document>", "document", "bytes at most"},
		{"token flood", "<a>" + strings.Repeat("<b/>", 100_001) + "</a>", "document", "more than 200000 XML tokens"},
		{"attribute flood", `<Document` + attrs(33) + `/>`, "document", "more than 32 attributes"},
		{"another encoding", `<?xml version="1.0" encoding="ISO-8859-1"?>` + good, "document", "UTF-8, not ISO-8859-1"},
		{"another message", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><CstmrCdtTrfInitn/></Document>`,
			"Document", "not pain.001.001.09"},
		{"no message", `<Envelope><Hello/></Envelope>`, "Document", "no pacs.008 found"},
		{"two messages", `<Batch>` + good + good + `</Batch>`, "FIToFICstmrCdtTrf", "not two"},
		{"two headers", `<Envelope>` + appHdr(2) + appHdr(2) + good + `</Envelope>`, "AppHdr", "not two"},
		{"version 14", strings.Replace(good, ".001.08", ".001.14", 1), "Document", "versions 02 to 13, not pacs.008.001.14"},
		{"version 01", strings.Replace(good, ".001.08", ".001.01", 1), "Document", "not pacs.008.001.01"},
		{"version 00", strings.Replace(good, ".001.08", ".001.00", 1), "Document", "not pacs.008.001.00"},
		{"version 14 in the header", `<Envelope>` + strings.Replace(appHdr(2), "pacs.008.001.08", "pacs.008.001.14", 1) +
			`<Document>` + fiToFI("", txn("E", "1", ibanA)) + `</Document></Envelope>`, "AppHdr/MsgDefIdr", "not pacs.008.001.14"},
		{"no MsgId", strings.Replace(good, "<MsgId>MSG-7</MsgId>", "", 1), "Document/FIToFICstmrCdtTrf/GrpHdr/MsgId", "MsgId"},
		{"NbOfTxs disagrees", strings.Replace(good, "<NbOfTxs>1<", "<NbOfTxs>2<", 1),
			"Document/FIToFICstmrCdtTrf/GrpHdr/NbOfTxs", "NbOfTxs says 2 transactions, the message carries 1"},
		{"no transaction", document(ns08), "Document/FIToFICstmrCdtTrf/CdtTrfTxInf", "at least one"},
		{"too many transactions", document(ns08, many...), "Document/FIToFICstmrCdtTrf/CdtTrfTxInf", "100 CdtTrfTxInf at most, not 101"},
		{"bad creation date", strings.Replace(good, "2025-03-05T12:00:00+05:00", "yesterday", 1),
			"Document/FIToFICstmrCdtTrf/GrpHdr/CreDtTm", "not an ISO date-time"},
		{"bad header date", `<Envelope>` + strings.Replace(appHdr(2), "2025-03-05T07:00:00Z", "soon", 1) + good + `</Envelope>`,
			"AppHdr/CreDt", "not an ISO date-time"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := iso20022.Read([]byte(tc.doc))
			if kuzet.ErrorCode(err) != kuzet.EINVALID {
				t.Fatalf("got %v, want %s", err, kuzet.EINVALID)
			}
			fields := kuzet.ErrorFields(err)
			if len(fields) == 0 || fields[0].Field != tc.field {
				t.Errorf("fields: got %+v, want %s first", fields, tc.field)
			}
			if !strings.Contains(kuzet.ErrorMessage(err), tc.msg) {
				t.Errorf("message: got %q, want it to contain %q", kuzet.ErrorMessage(err), tc.msg)
			}
		})
	}
}
