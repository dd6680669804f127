package payments

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
)

// Limits on an ISO 20022 document. A pacs.008 of one transaction is a few
// kilobytes; the limits bound what a hostile document can cost.
const (
	MaxXMLSize  = 64 << 10
	maxXMLDepth = 32
	maxXMLToks  = 20_000
)

// pacs008NS is the namespace prefix of every version of the message.
const pacs008NS = "urn:iso:std:iso:20022:tech:xsd:pacs.008."

// pacs008 maps the parts of a FIToFICustomerCreditTransfer that a check
// uses; everything else is ignored.
type pacs008 struct {
	XMLName xml.Name `xml:"Document"`
	Msg     struct {
		GrpHdr struct {
			MsgID   string `xml:"MsgId"`
			CreDtTm string `xml:"CreDtTm"`
		} `xml:"GrpHdr"`
		Txs []pacsTx `xml:"CdtTrfTxInf"`
	} `xml:"FIToFICstmrCdtTrf"`
}

type pacsAmount struct {
	Ccy   string `xml:"Ccy,attr"`
	Value string `xml:",chardata"`
}

type pacsAgent struct {
	BICFI string `xml:"FinInstnId>BICFI"`
	BIC   string `xml:"FinInstnId>BIC"` // before version 08
}

func (a pacsAgent) bic() string {
	if a.BICFI != "" {
		return a.BICFI
	}
	return a.BIC
}

type pacsParty struct {
	Nm    string `xml:"Nm"`
	MobNb string `xml:"CtctDtls>MobNb"`
	Prvt  string `xml:"Id>PrvtId>Othr>Id"`
}

type pacsAccount struct {
	IBAN  string `xml:"Id>IBAN"`
	Othr  string `xml:"Id>Othr>Id"`
	Proxy struct {
		Type string `xml:"Tp>Cd"`
		ID   string `xml:"Id"`
	} `xml:"Prxy"`
}

type pacsTx struct {
	EndToEndID  string      `xml:"PmtId>EndToEndId"`
	TxID        string      `xml:"PmtId>TxId"`
	Settled     pacsAmount  `xml:"IntrBkSttlmAmt"`
	Instructed  pacsAmount  `xml:"InstdAmt"`
	AccptncDtTm string      `xml:"AccptncDtTm"`
	Dbtr        pacsParty   `xml:"Dbtr"`
	DbtrAcct    pacsAccount `xml:"DbtrAcct"`
	Cdtr        pacsParty   `xml:"Cdtr"`
	CdtrAcct    pacsAccount `xml:"CdtrAcct"`
	CdtrAgt     pacsAgent   `xml:"CdtrAgt"`
}

// ParsePacs008 maps an ISO 20022 pacs.008 (FIToFICustomerCreditTransfer)
// document of one transaction to a check:
//
//	PmtId/EndToEndId (else TxId, else GrpHdr/MsgId)  payment_id
//	InstdAmt (else IntrBkSttlmAmt) and its Ccy        amount, currency
//	AccptncDtTm (else GrpHdr/CreDtTm)                 created_at
//	DbtrAcct/Id/IBAN (else Othr/Id)                   payer.account
//	Dbtr/Id/PrvtId/Othr/Id                            payer.customer_id
//	Dbtr/CtctDtls/MobNb                               payer.phone
//	CdtrAcct/Id/IBAN, CdtrAcct/Id/Othr/Id             payee.iban, payee.account
//	CdtrAcct/Prxy/Id of type MBNO, TELE or CELL,
//	  else Cdtr/CtctDtls/MobNb                        payee.phone
//	CdtrAgt/FinInstnId/BICFI (BIC before v08)         payee.bank_bic
//	Cdtr/Nm                                           payee.name
//
// The check is not yet validated: Engine.Check does that. Returns EINVALID
// for a document over MaxXMLSize, one with a DTD (entity tricks such as
// "billion laughs" need one), nested deeper than 32 elements, malformed,
// not pacs.008, or holding other than one transaction.
func ParsePacs008(doc []byte) (kuzet.PaymentCheck, error) {
	var pc kuzet.PaymentCheck
	if len(doc) > MaxXMLSize {
		return pc, kuzet.Invalid("document", "an ISO 20022 document may have %d bytes at most", MaxXMLSize)
	}
	if err := screenXML(doc); err != nil {
		return pc, err
	}
	var m pacs008
	dec := xml.NewDecoder(bytes.NewReader(doc))
	if err := dec.Decode(&m); err != nil {
		return pc, kuzet.Invalid("document", "malformed XML: %s", clipN(err.Error(), 200))
	}
	if !strings.HasPrefix(m.XMLName.Space, pacs008NS) {
		return pc, kuzet.Invalid("document",
			"not a pacs.008 document: want namespace %s…, not %q", pacs008NS, clip(m.XMLName.Space))
	}
	if len(m.Msg.Txs) != 1 {
		return pc, kuzet.Invalid("FIToFICstmrCdtTrf.CdtTrfTxInf",
			"a check takes exactly one CdtTrfTxInf, not %d", len(m.Msg.Txs))
	}
	tx := &m.Msg.Txs[0]
	pc.PaymentID = first(tx.EndToEndID, tx.TxID, m.Msg.GrpHdr.MsgID)
	if pc.PaymentID == "NOTPROVIDED" { // the standard's placeholder
		pc.PaymentID = first(tx.TxID, m.Msg.GrpHdr.MsgID)
	}
	amt := tx.Instructed
	if strings.TrimSpace(amt.Value) == "" {
		amt = tx.Settled
	}
	if v := strings.TrimSpace(amt.Value); v != "" {
		a, err := kuzet.ParseAmount(v)
		if err != nil {
			return pc, kuzet.Invalid("CdtTrfTxInf.InstdAmt", "%s", kuzet.ErrorMessage(err))
		}
		pc.Amount = a
	}
	pc.Currency = strings.TrimSpace(amt.Ccy)
	if ts := first(tx.AccptncDtTm, m.Msg.GrpHdr.CreDtTm); ts != "" {
		t, err := isoDateTime(ts)
		if err != nil {
			return pc, kuzet.Invalid("CdtTrfTxInf.AccptncDtTm", "not an ISO date-time: %q", clip(ts))
		}
		pc.CreatedAt = t
	}
	pc.Channel = "iso20022"
	pc.Payer = kuzet.Payer{
		Account: first(tx.DbtrAcct.IBAN, tx.DbtrAcct.Othr), CustomerID: strings.TrimSpace(tx.Dbtr.Prvt),
		Phone: strings.TrimSpace(tx.Dbtr.MobNb),
	}
	pc.Payee = kuzet.Payee{
		IBAN: strings.TrimSpace(tx.CdtrAcct.IBAN), Account: strings.TrimSpace(tx.CdtrAcct.Othr),
		BankBIC: strings.TrimSpace(tx.CdtrAgt.bic()), Name: strings.TrimSpace(tx.Cdtr.Nm),
	}
	switch strings.TrimSpace(tx.CdtrAcct.Proxy.Type) {
	case "MBNO", "TELE", "CELL":
		pc.Payee.Phone = strings.TrimSpace(tx.CdtrAcct.Proxy.ID)
	}
	if pc.Payee.Phone == "" {
		pc.Payee.Phone = strings.TrimSpace(tx.Cdtr.MobNb)
	}
	return pc, nil
}

// screenXML rejects what the decoder would otherwise spend effort on: a
// DTD, deep nesting, floods of tokens.
func screenXML(doc []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(doc))
	depth, toks := 0, 0
	for {
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return kuzet.Invalid("document", "malformed XML: %s", clipN(err.Error(), 200))
		}
		if toks++; toks > maxXMLToks {
			return kuzet.Invalid("document", "the document has more than %d XML tokens", maxXMLToks)
		}
		switch tok.(type) {
		case xml.Directive:
			return kuzet.Invalid("document", "a document type declaration (DTD) is not accepted")
		case xml.StartElement:
			if depth++; depth > maxXMLDepth {
				return kuzet.Invalid("document", "elements nest deeper than %d", maxXMLDepth)
			}
		case xml.EndElement:
			depth--
		}
	}
}

// isoDateTime reads an ISODateTime; one without an offset is Kazakhstan's
// local time, as the sending bank's.
func isoDateTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), nil
	}
	t, err := time.ParseInLocation("2006-01-02T15:04:05.999999999", s, kuzet.Almaty)
	return t.UTC(), err
}

func first(vs ...string) string {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
