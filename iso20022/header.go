package iso20022

import (
	"encoding/xml"
	"strings"
	"time"
)

// headNS begins the namespace of the business application header,
// head.001.001.NN.
const headNS = isoNS + "head.001.001."

// Header is the business application header (head.001, AppHdr) that
// CBPR+, HVPS+, FedNow, RTP and SIPS send beside the Document: who sent the
// message to whom, its business identifier and when it was made.
type Header struct {
	// Namespace is the header's own, head.001.001.NN; "" when neither the
	// AppHdr nor its children name one.
	Namespace string
	// From and To are the Fr and To parties as written; nil when absent or
	// empty.
	From, To *Element
	// BizMsgID, MsgDefID and BizSvc are BizMsgIdr, MsgDefIdr and BizSvc.
	BizMsgID, MsgDefID, BizSvc string
	// CreDt is the creation date as written, Created as read.
	CreDt   string
	Created time.Time
}

// Sender identifies the party that sent the message: its BIC, else its
// LEI, clearing-system member ID, other ID or name; "" when unnamed.
func (h *Header) Sender() string { return h.From.ID() }

// Receiver identifies the party the message was sent to, as Sender does.
func (h *Header) Receiver() string { return h.To.ID() }

type headerXML struct {
	XMLName   xml.Name
	Fr        *Element `xml:"Fr"`
	To        *Element `xml:"To"`
	BizMsgIdr string   `xml:"BizMsgIdr"`
	MsgDefIdr string   `xml:"MsgDefIdr"`
	BizSvc    string   `xml:"BizSvc"`
	CreDt     string   `xml:"CreDt"`
}

// readHeader decodes the AppHdr that start opens. An RTP message puts the
// AppHdr element in its own namespace and its children in head.001's, so
// the header's namespace is taken from either.
func readHeader(dec *xml.Decoder, start *xml.StartElement) (*Header, error) {
	var x headerXML
	if err := dec.DecodeElement(&x, start); err != nil {
		return nil, malformed(err)
	}
	h := &Header{From: x.Fr, To: x.To, BizMsgID: strings.TrimSpace(x.BizMsgIdr),
		MsgDefID: strings.TrimSpace(x.MsgDefIdr), BizSvc: strings.TrimSpace(x.BizSvc), CreDt: strings.TrimSpace(x.CreDt)}
	for _, ns := range []string{x.XMLName.Space, nsOf(x.Fr), nsOf(x.To)} {
		if strings.HasPrefix(ns, headNS) {
			h.Namespace = ns
			break
		}
	}
	if h.From.empty() {
		h.From = nil
	}
	if h.To.empty() {
		h.To = nil
	}
	return h, nil
}

func nsOf(e *Element) string {
	if e == nil {
		return ""
	}
	return e.XMLName.Space
}

// Element is an XML element kept as it was written, less its namespaces,
// so that a party of the header can be quoted back in an answer element
// for element.
type Element struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Text     string     `xml:",chardata"`
	Children []Element  `xml:",any"`
}

// empty reports whether e holds no text in any element.
func (e *Element) empty() bool {
	if e == nil {
		return true
	}
	if strings.TrimSpace(e.Text) != "" {
		return false
	}
	for i := range e.Children {
		if !e.Children[i].empty() {
			return false
		}
	}
	return true
}

// ID names the party e describes by the first identifier it holds, in
// this order: BICFI (AnyBIC, BIC), LEI, a clearing-system member ID,
// another ID, the name. "" for nil.
func (e *Element) ID() string {
	if e == nil {
		return ""
	}
	for _, local := range []string{"BICFI", "AnyBIC", "BIC", "LEI", "MmbId"} {
		if f := e.find(local, true); f != nil {
			return strings.TrimSpace(f.Text)
		}
	}
	if o := e.find("Othr", false); o != nil {
		if id := o.find("Id", true); id != nil {
			return strings.TrimSpace(id.Text)
		}
	}
	if nm := e.find("Nm", true); nm != nil {
		return strings.TrimSpace(nm.Text)
	}
	return ""
}

// find returns the first element below e, depth first, of that local
// name, and with text if text is set.
func (e *Element) find(local string, text bool) *Element {
	for i := range e.Children {
		c := &e.Children[i]
		if c.XMLName.Local == local && (!text || strings.TrimSpace(c.Text) != "") {
			return c
		}
		if f := c.find(local, text); f != nil {
			return f
		}
	}
	return nil
}

// MarshalXML writes e under the name start gives, its children by their
// local names only: they take the namespace of the answer they are
// quoted in. Namespace declarations and namespaced attributes (xsi:…) are
// left behind.
func (e *Element) MarshalXML(enc *xml.Encoder, start xml.StartElement) error {
	start.Attr = nil
	for _, a := range e.Attrs {
		if a.Name.Space == "" && a.Name.Local != "xmlns" {
			start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: a.Name.Local}, Value: a.Value})
		}
	}
	if err := enc.EncodeToken(start); err != nil {
		return err
	}
	if t := strings.TrimSpace(e.Text); t != "" && len(e.Children) == 0 {
		if err := enc.EncodeToken(xml.CharData(t)); err != nil {
			return err
		}
	}
	for i := range e.Children {
		c := &e.Children[i]
		if err := enc.EncodeElement(c, xml.StartElement{Name: xml.Name{Local: c.XMLName.Local}}); err != nil {
			return err
		}
	}
	return enc.EncodeToken(start.End())
}
