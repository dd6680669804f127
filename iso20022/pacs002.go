package iso20022

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kuzet/kuzet"
)

// Transaction statuses of a pacs.002 (ExternalPaymentTransactionStatus1Code)
// that kuzet answers with.
const (
	Accepted = "ACCP" // AcceptedCustomerProfile: the checks found nothing against it
	Pending  = "PDNG" // Pending: execute only after the customer or the bank has looked again
	Rejected = "RJCT" // Rejected: do not execute
)

// ReasonFraud is the ISO status reason (ExternalStatusReason1Code) of a
// transaction rejected as fraud: FR01, "returned as a result of fraud".
const ReasonFraud = "FR01"

// Originator is the name a status report gives as the originator of its
// reasons (StsRsnInf/Orgtr/Nm) and as its own sender (AppHdr/Fr).
const Originator = "kuzet"

// envelopeNS is the namespace of the SWIFT Envelope that carries an
// AppHdr and a Document together in one XML document.
const envelopeNS = "urn:swift:xsd:envelope"

// TxStatus is the status of one transaction.
type TxStatus struct {
	StatusID string // StsId: kuzet's ID of the check
	Status   string // Accepted, Pending or Rejected
	Reasons  []Reason
}

// Reason is one StsRsnInf: an ISO code, else a proprietary one (35
// characters kept), and a text of which the first 105 characters are kept.
type Reason struct {
	Code, Proprietary, Info string
}

// StatusReport is a pacs.002 answering a message Read returned.
type StatusReport struct {
	MsgID     string     // the report's own GrpHdr/MsgId, and its header's BizMsgIdr
	CreatedAt time.Time  // when it was made
	Statuses  []TxStatus // one per transaction of the message, in its order
}

// Refused is the status of a transaction kuzet did not check because of
// what fields name: rejected, each finding a reason with the ISO code
// ReasonFor its path and its message as additional information.
func Refused(fields []kuzet.FieldError) TxStatus {
	st := TxStatus{Status: Rejected}
	for _, f := range fields {
		st.Reasons = append(st.Reasons, Reason{Code: ReasonFor(f.Field), Info: f.Message})
	}
	return st
}

// ReasonFor is the ISO status reason (ExternalStatusReason1Code) of a
// transaction refused for the element at path: AC02 and AC03 for the
// debtor's and the creditor's account, RC01 for the creditor agent's
// identifier, AM03 for a currency, AM12 for an amount, DT01 for a date,
// AM05 for a duplicate (named by the transaction's PmtId), else NARR (the
// additional information says it).
func ReasonFor(path string) string {
	switch {
	case strings.HasSuffix(path, "/PmtId"):
		return "AM05" // Duplication
	case strings.Contains(path, "/DbtrAcct"):
		return "AC02" // InvalidDebtorAccountNumber
	case strings.Contains(path, "/CdtrAcct"):
		return "AC03" // InvalidCreditorAccountNumber
	case strings.Contains(path, "/CdtrAgt/"):
		return "RC01" // BankIdentifierIncorrect
	case strings.HasSuffix(path, "/@Ccy"):
		return "AM03" // NotAllowedCurrency
	case strings.HasSuffix(path, "Amt"):
		return "AM12" // InvalidAmount
	case strings.HasSuffix(path, "DtTm"), strings.HasSuffix(path, "/CreDt"):
		return "DT01" // InvalidDate
	}
	return "NARR" // Narrative
}

// ReportVersion is the pacs.002 version that answers pacs.008 version v:
// the one of the same ISO release where that is known — 03 for 02 (the
// 2009 release, SEPA's), v+2 from 08 (2019, CBPR+, HVPS+ and FedNow's) on —
// else 10.
func ReportVersion(v int) int {
	switch {
	case v == 2:
		return 3
	case v >= 8 && v <= MaxVersion:
		return v + 2
	}
	return 10
}

// WriteStatusReport writes r, the pacs.002 answering m, as an XML
// document. A message that came with a business application header naming
// its sender gets a SWIFT Envelope holding an AppHdr — from kuzet, to that
// sender, related to the message's header — and the Document; any other
// gets the Document alone.
func WriteStatusReport(m *Message, r *StatusReport) ([]byte, error) {
	if len(r.Statuses) != len(m.Transactions) {
		return nil, fmt.Errorf("iso20022: %d statuses for %d transactions", len(r.Statuses), len(m.Transactions))
	}
	version := ReportVersion(m.Version)
	doc := &documentOut{XMLName: xml.Name{Space: fmt.Sprintf("%spacs.002.001.%02d", isoNS, version), Local: "Document"}}
	rpt := &doc.Report
	rpt.GrpHdr.MsgID = r.MsgID
	rpt.GrpHdr.CreDtTm = r.CreatedAt.UTC().Format("2006-01-02T15:04:05.000-07:00")
	rpt.Original = originalOut{MsgID: m.MsgID, MsgNmID: m.Definition(), CreDtTm: m.CreDtTm,
		NbOfTxs: strconv.Itoa(len(m.Transactions))}
	for i, st := range r.Statuses {
		t := &m.Transactions[i]
		tx := txStatusOut{StsID: st.StatusID, InstrID: t.InstrID, EndToEndID: t.EndToEndID, TxID: t.TxID,
			TxSts: st.Status}
		if version >= 9 { // OrgnlUETR came with the 2018 release
			tx.UETR = t.UETR
		}
		for _, rs := range st.Reasons {
			out := reasonOut{Cd: rs.Code} // Rsn is a choice: the ISO code, else the proprietary one
			if rs.Code == "" {
				out.Prtry = clipRunes(rs.Proprietary, 35)
			}
			out.Orgtr.Nm = Originator
			if rs.Info != "" {
				out.AddtlInf = clipRunes(rs.Info, 105)
			}
			tx.Reasons = append(tx.Reasons, out)
		}
		rpt.Txs = append(rpt.Txs, tx)
	}

	var v any = doc
	if h := m.Header; h != nil && h.From != nil {
		ns := h.Namespace
		if ns == "" {
			ns = headNS + "02"
		}
		hdr := &headerOut{XMLName: xml.Name{Space: ns, Local: "AppHdr"}, To: h.From, BizMsgIdr: r.MsgID,
			MsgDefIdr: fmt.Sprintf("pacs.002.001.%02d", version), CreDt: r.CreatedAt.UTC().Format("2006-01-02T15:04:05.000Z")}
		hdr.Fr.Nm = Originator
		if h.To != nil && h.BizMsgID != "" && h.MsgDefID != "" && h.CreDt != "" {
			hdr.Rltd = &relatedOut{Fr: h.From, To: h.To, BizMsgIdr: h.BizMsgID, MsgDefIdr: h.MsgDefID, CreDt: h.CreDt}
		}
		v = &envelopeOut{XMLName: xml.Name{Space: envelopeNS, Local: "Envelope"}, Header: hdr, Document: doc}
	}
	b, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("iso20022: write pacs.002: %w", err)
	}
	return append([]byte(xml.Header), append(b, '\n')...), nil
}

type envelopeOut struct {
	XMLName  xml.Name
	Header   *headerOut
	Document *documentOut
}

type headerOut struct {
	XMLName xml.Name
	Fr      struct {
		Nm string `xml:"OrgId>Nm"`
	} `xml:"Fr"`
	To        *Element    `xml:"To"`
	BizMsgIdr string      `xml:"BizMsgIdr"`
	MsgDefIdr string      `xml:"MsgDefIdr"`
	CreDt     string      `xml:"CreDt"`
	Rltd      *relatedOut `xml:"Rltd,omitempty"`
}

type relatedOut struct {
	Fr        *Element `xml:"Fr"`
	To        *Element `xml:"To"`
	BizMsgIdr string   `xml:"BizMsgIdr"`
	MsgDefIdr string   `xml:"MsgDefIdr"`
	CreDt     string   `xml:"CreDt"`
}

type documentOut struct {
	XMLName xml.Name
	Report  struct {
		GrpHdr struct {
			MsgID   string `xml:"MsgId"`
			CreDtTm string `xml:"CreDtTm"`
		} `xml:"GrpHdr"`
		Original originalOut   `xml:"OrgnlGrpInfAndSts"`
		Txs      []txStatusOut `xml:"TxInfAndSts"`
	} `xml:"FIToFIPmtStsRpt"`
}

type originalOut struct {
	MsgID   string `xml:"OrgnlMsgId"`
	MsgNmID string `xml:"OrgnlMsgNmId"`
	CreDtTm string `xml:"OrgnlCreDtTm,omitempty"`
	NbOfTxs string `xml:"OrgnlNbOfTxs"`
}

type txStatusOut struct {
	StsID      string      `xml:"StsId,omitempty"`
	InstrID    string      `xml:"OrgnlInstrId,omitempty"`
	EndToEndID string      `xml:"OrgnlEndToEndId,omitempty"`
	TxID       string      `xml:"OrgnlTxId,omitempty"`
	UETR       string      `xml:"OrgnlUETR,omitempty"`
	TxSts      string      `xml:"TxSts"`
	Reasons    []reasonOut `xml:"StsRsnInf"`
}

type reasonOut struct {
	Orgtr struct {
		Nm string `xml:"Nm"`
	} `xml:"Orgtr"`
	Cd       string `xml:"Rsn>Cd,omitempty"`
	Prtry    string `xml:"Rsn>Prtry,omitempty"`
	AddtlInf string `xml:"AddtlInf,omitempty"`
}

// clipRunes keeps the first n characters of s: ISO's MaxNText counts
// characters, not bytes.
func clipRunes(s string, n int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for k := range s {
		if i == n {
			return s[:k]
		}
		i++
	}
	return s
}
