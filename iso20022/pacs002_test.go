package iso20022_test

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/iso20022"
)

var reportAt = time.Date(2025, 3, 5, 7, 0, 1, 250_000_000, time.UTC)

// TestWriteStatusReportBare: a message without a header is answered with
// the Document alone, in the pacs.002 of its release (03 for 02, which
// has no OrgnlUETR), element for element in the schema's order.
func TestWriteStatusReportBare(t *testing.T) {
	m := readMessage(t, document("urn:iso:std:iso:20022:tech:xsd:pacs.008.001.02", txn("E2E-1", "1500.00", ibanA)))
	b, err := iso20022.WriteStatusReport(m, &iso20022.StatusReport{MsgID: "rpt-1", CreatedAt: reportAt,
		Statuses: []iso20022.TxStatus{{StatusID: "chk_1", Status: iso20022.Rejected, Reasons: []iso20022.Reason{
			{Code: iso20022.ReasonFraud, Proprietary: "ignored beside a code", Info: "Do not execute."},
			{Proprietary: "payee_mule_account", Info: "The recipient account is reported as a money-mule account."},
		}}}})
	if err != nil {
		t.Fatal(err)
	}
	want := `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.002.001.03">
  <FIToFIPmtStsRpt>
    <GrpHdr>
      <MsgId>rpt-1</MsgId>
      <CreDtTm>2025-03-05T07:00:01.250+00:00</CreDtTm>
    </GrpHdr>
    <OrgnlGrpInfAndSts>
      <OrgnlMsgId>MSG-7</OrgnlMsgId>
      <OrgnlMsgNmId>pacs.008.001.02</OrgnlMsgNmId>
      <OrgnlCreDtTm>2025-03-05T12:00:00+05:00</OrgnlCreDtTm>
      <OrgnlNbOfTxs>1</OrgnlNbOfTxs>
    </OrgnlGrpInfAndSts>
    <TxInfAndSts>
      <StsId>chk_1</StsId>
      <OrgnlInstrId>I-E2E-1</OrgnlInstrId>
      <OrgnlEndToEndId>E2E-1</OrgnlEndToEndId>
      <OrgnlTxId>T-E2E-1</OrgnlTxId>
      <TxSts>RJCT</TxSts>
      <StsRsnInf>
        <Orgtr>
          <Nm>kuzet</Nm>
        </Orgtr>
        <Rsn>
          <Cd>FR01</Cd>
        </Rsn>
        <AddtlInf>Do not execute.</AddtlInf>
      </StsRsnInf>
      <StsRsnInf>
        <Orgtr>
          <Nm>kuzet</Nm>
        </Orgtr>
        <Rsn>
          <Prtry>payee_mule_account</Prtry>
        </Rsn>
        <AddtlInf>The recipient account is reported as a money-mule account.</AddtlInf>
      </StsRsnInf>
    </TxInfAndSts>
  </FIToFIPmtStsRpt>
</Document>
`
	if string(b) != want {
		t.Errorf("got\n%s\nwant\n%s", b, want)
	}
}

// report is what a test reads back of a status report.
type report struct {
	XMLName xml.Name
	Header  struct {
		XMLName   xml.Name
		From      string `xml:"Fr>OrgId>Nm"`
		To        string `xml:"To>FIId>FinInstnId>BICFI"`
		BizMsgIdr string `xml:"BizMsgIdr"`
		MsgDefIdr string `xml:"MsgDefIdr"`
		CreDt     string `xml:"CreDt"`
		Related   struct {
			From      string `xml:"Fr>FIId>FinInstnId>BICFI"`
			To        string `xml:"To>FIId>FinInstnId>BICFI"`
			BizMsgIdr string `xml:"BizMsgIdr"`
			CreDt     string `xml:"CreDt"`
		} `xml:"Rltd"`
	} `xml:"AppHdr"`
	Document struct {
		XMLName xml.Name
		MsgID   string `xml:"FIToFIPmtStsRpt>GrpHdr>MsgId"`
		OrgnlID string `xml:"FIToFIPmtStsRpt>OrgnlGrpInfAndSts>OrgnlMsgId"`
		NmID    string `xml:"FIToFIPmtStsRpt>OrgnlGrpInfAndSts>OrgnlMsgNmId"`
		Txs     []struct {
			StsID string `xml:"StsId"`
			E2E   string `xml:"OrgnlEndToEndId"`
			UETR  string `xml:"OrgnlUETR"`
			TxSts string `xml:"TxSts"`
			Rsns  []struct {
				Orgtr string `xml:"Orgtr>Nm"`
				Cd    string `xml:"Rsn>Cd"`
				Prtry string `xml:"Rsn>Prtry"`
				Info  string `xml:"AddtlInf"`
			} `xml:"StsRsnInf"`
		} `xml:"FIToFIPmtStsRpt>TxInfAndSts"`
	} `xml:"Document"`
}

// TestWriteStatusReportEnvelope: a message that came with a header gets an
// Envelope with a header from kuzet to the sender, related to the
// message's, and one status per transaction in order.
func TestWriteStatusReportEnvelope(t *testing.T) {
	doc := `<Envelope xmlns="urn:swift:xsd:envelope">` + appHdr(2) + document(ns08, txn("E2E-1", "1", ibanA), txn("E2E-2", "2", ibanB)) + `</Envelope>`
	m := readMessage(t, doc)
	long := strings.Repeat("é", 200)
	b, err := iso20022.WriteStatusReport(m, &iso20022.StatusReport{MsgID: "rpt-2", CreatedAt: reportAt,
		Statuses: []iso20022.TxStatus{
			{StatusID: "chk_1", Status: iso20022.Accepted},
			{StatusID: "chk_2", Status: iso20022.Pending, Reasons: []iso20022.Reason{
				{Proprietary: strings.Repeat("x", 50), Info: long}}},
		}})
	if err != nil {
		t.Fatal(err)
	}
	var r report
	if err := xml.Unmarshal(b, &r); err != nil {
		t.Fatalf("the report does not read back: %v\n%s", err, b)
	}
	if r.XMLName.Space != "urn:swift:xsd:envelope" || r.Header.XMLName.Space != "urn:iso:std:iso:20022:tech:xsd:head.001.001.02" ||
		r.Document.XMLName.Space != "urn:iso:std:iso:20022:tech:xsd:pacs.002.001.10" {
		t.Errorf("namespaces: got %q, %q, %q", r.XMLName.Space, r.Header.XMLName.Space, r.Document.XMLName.Space)
	}
	h := r.Header
	if h.From != "kuzet" || h.To != "BANKKZKA" || h.BizMsgIdr != "rpt-2" || h.MsgDefIdr != "pacs.002.001.10" ||
		h.CreDt != "2025-03-05T07:00:01.250Z" {
		t.Errorf("header: got %+v", h)
	}
	if rl := h.Related; rl.From != "BANKKZKA" || rl.To != "BANKKZKB" || rl.BizMsgIdr != "BIZ-7" || rl.CreDt != "2025-03-05T07:00:00Z" {
		t.Errorf("related: got %+v", rl)
	}
	d := r.Document
	if d.MsgID != "rpt-2" || d.OrgnlID != "MSG-7" || d.NmID != "pacs.008.001.08" || len(d.Txs) != 2 {
		t.Fatalf("document: got %+v", d)
	}
	if tx := d.Txs[0]; tx.StsID != "chk_1" || tx.E2E != "E2E-1" || tx.TxSts != "ACCP" || len(tx.Rsns) != 0 ||
		tx.UETR != "0f6d3c3e-8e49-4f3a-9d3a-3b1f6f0e2a10" {
		t.Errorf("first: got %+v", tx)
	}
	tx := d.Txs[1]
	if tx.StsID != "chk_2" || tx.E2E != "E2E-2" || tx.TxSts != "PDNG" || len(tx.Rsns) != 1 {
		t.Fatalf("second: got %+v", tx)
	}
	if rs := tx.Rsns[0]; rs.Orgtr != "kuzet" || rs.Prtry != strings.Repeat("x", 35) || utf8.RuneCountInString(rs.Info) != 105 {
		t.Errorf("reason: got %q %q with %d characters, want 35 x and 105 characters", rs.Orgtr, rs.Prtry, utf8.RuneCountInString(rs.Info))
	}

	// A header that names no sender cannot be answered to it: the
	// Document comes alone.
	m = readMessage(t, strings.Replace(doc, "<Fr><FIId><FinInstnId><BICFI>BANKKZKA</BICFI></FinInstnId></FIId></Fr>", "<Fr/>", 1))
	b, err = iso20022.WriteStatusReport(m, &iso20022.StatusReport{MsgID: "rpt-3", CreatedAt: reportAt,
		Statuses: []iso20022.TxStatus{{Status: iso20022.Accepted}, {Status: iso20022.Accepted}}})
	if err != nil || !strings.HasPrefix(string(b), xml.Header+`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.002.001.10">`) {
		t.Errorf("no sender: got %v\n%s", err, b)
	}
	if _, err := iso20022.WriteStatusReport(m, &iso20022.StatusReport{MsgID: "x"}); err == nil {
		t.Error("statuses for 0 of 2 transactions: got no error")
	}
}

func TestReportVersion(t *testing.T) {
	for _, tc := range []struct{ pacs008, want int }{{0, 10}, {2, 3}, {5, 10}, {7, 10}, {8, 10}, {9, 11}, {12, 14}, {13, 15}} {
		if got := iso20022.ReportVersion(tc.pacs008); got != tc.want {
			t.Errorf("ReportVersion(%d): got %d, want %d", tc.pacs008, got, tc.want)
		}
	}
}

func TestRefused(t *testing.T) {
	const tx = "Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/"
	st := iso20022.Refused([]kuzet.FieldError{
		{Field: tx + "DbtrAcct", Message: "a"}, {Field: tx + "CdtrAcct/Id/IBAN", Message: "b"},
		{Field: tx + "CdtrAcct/Prxy/Id", Message: "c"}, {Field: tx + "CdtrAgt/FinInstnId/BICFI", Message: "d"},
		{Field: tx + "InstdAmt/@Ccy", Message: "e"}, {Field: tx + "IntrBkSttlmAmt", Message: "f"},
		{Field: "Document/FIToFICstmrCdtTrf/GrpHdr/CreDtTm", Message: "g"}, {Field: tx + "AccptncDtTm", Message: "h"},
		{Field: tx + "Cdtr/Nm", Message: "i"},
	})
	want := []string{"AC02", "AC03", "AC03", "RC01", "AM03", "AM12", "DT01", "DT01", "NARR"}
	if st.Status != iso20022.Rejected || len(st.Reasons) != len(want) {
		t.Fatalf("got %+v", st)
	}
	for i, w := range want {
		if r := st.Reasons[i]; r.Code != w || r.Info != string(rune('a'+i)) {
			t.Errorf("reason %d: got %+v, want %s", i, r, w)
		}
	}
}
