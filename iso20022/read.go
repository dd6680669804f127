package iso20022

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
)

// Limits on a message. A pacs.008 of one transaction is a few kilobytes in
// its envelope; the limits leave room for a hundred and bound what a
// hostile document can cost.
const (
	MaxSize         = 512 << 10 // bytes
	MaxTransactions = 100       // CdtTrfTxInf in one message
	maxDepth        = 32        // nested elements; real messages reach about 14
	maxTokens       = 200_000   // XML tokens, whitespace included
	maxAttrs        = 32        // attributes of one element; ISO's carry one (Ccy)
)

// isoNS begins the namespace of every ISO 20022 message definition,
// "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08".
const isoNS = "urn:iso:std:iso:20022:tech:xsd:"

// Versions of pacs.008 that Read accepts: every one from the 2009 release
// (SEPA's) to the 2025 one. Their fields that a check reads are where they
// were; a later version is refused until someone has read it.
const (
	MinVersion = 2
	MaxVersion = 13
)

// Message is a pacs.008 as kuzet reads it: what identifies it and, per
// transaction, what a payment check needs. Everything else is ignored.
type Message struct {
	// Header is the business application header; nil when the message
	// came without one.
	Header *Header
	// Version is NN of pacs.008.001.NN, from the namespaces (or, failing
	// them, the header's MsgDefIdr); 0 when nothing names it.
	Version int
	// Root is the path of FIToFICstmrCdtTrf, "Document/FIToFICstmrCdtTrf",
	// or "FIToFICstmrCdtTrf" when no Document holds it.
	Root string
	// MsgID and CreDtTm are GrpHdr/MsgId and GrpHdr/CreDtTm as written.
	MsgID   string
	CreDtTm string
	// Transactions are the CdtTrfTxInf, in order.
	Transactions []Transaction

	created time.Time // CreDtTm; zero when absent
}

// Definition names the message as ISO does: "pacs.008.001.08", or
// "pacs.008" when no version is named.
func (m *Message) Definition() string {
	if m.Version == 0 {
		return "pacs.008"
	}
	return fmt.Sprintf("pacs.008.001.%02d", m.Version)
}

// CreatedAt is GrpHdr/CreDtTm; zero when the message has none.
func (m *Message) CreatedAt() time.Time { return m.created }

// Transaction is one CdtTrfTxInf.
type Transaction struct {
	// Path is where it is: "Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]".
	Path string
	// The references of PmtId, which a status report quotes back.
	InstrID, EndToEndID, TxID, UETR string

	raw txXML
}

// fiToFIXML maps what kuzet reads of FIToFICstmrCdtTrf. Tags carry no
// namespace, so they match whichever version (or none) the sender used.
type fiToFIXML struct {
	XMLName xml.Name
	GrpHdr  struct {
		XMLName xml.Name
		MsgID   string `xml:"MsgId"`
		CreDtTm string `xml:"CreDtTm"`
		NbOfTxs string `xml:"NbOfTxs"`
	} `xml:"GrpHdr"`
	Txs []txXML `xml:"CdtTrfTxInf"`
}

type amountXML struct {
	Ccy   string `xml:"Ccy,attr"`
	Value string `xml:",chardata"`
}

type partyXML struct {
	Nm      string `xml:"Nm"`
	MobNb   string `xml:"CtctDtls>MobNb"`
	Prvt    string `xml:"Id>PrvtId>Othr>Id"`
	Org     string `xml:"Id>OrgId>Othr>Id"`
	PstlAdr struct {
		Parts []struct {
			XMLName xml.Name
		} `xml:",any"`
	} `xml:"PstlAdr"`
}

// addressOrder finds the first element of a postal address that follows
// an AdrLine and is not one: every version's schema puts the unstructured
// lines last (PostalAddress6 to PostalAddress27), so such a message is not
// valid pacs.008. It returns "" when the order is right.
func (p *partyXML) addressOrder() string {
	line := false
	for _, e := range p.PstlAdr.Parts {
		switch {
		case e.XMLName.Local == "AdrLine":
			line = true
		case line:
			return e.XMLName.Local
		}
	}
	return ""
}

type accountXML struct {
	IBAN  string `xml:"Id>IBAN"`
	Othr  string `xml:"Id>Othr>Id"`
	Proxy struct {
		Type string `xml:"Tp>Cd"`
		ID   string `xml:"Id"`
	} `xml:"Prxy"`
}

type agentXML struct {
	BICFI string `xml:"FinInstnId>BICFI"`
	BIC   string `xml:"FinInstnId>BIC"` // the oldest versions
}

// bic returns the agent's BIC and the element it came from.
func (a *agentXML) bic() (value, el string) {
	if strings.TrimSpace(a.BICFI) != "" {
		return a.BICFI, "BICFI"
	}
	return a.BIC, "BIC"
}

type txXML struct {
	XMLName xml.Name
	PmtID   struct {
		InstrID    string `xml:"InstrId"`
		EndToEndID string `xml:"EndToEndId"`
		TxID       string `xml:"TxId"`
		UETR       string `xml:"UETR"`
	} `xml:"PmtId"`
	Settled     amountXML  `xml:"IntrBkSttlmAmt"`
	Instructed  amountXML  `xml:"InstdAmt"`
	AccptncDtTm string     `xml:"AccptncDtTm"`
	Dbtr        partyXML   `xml:"Dbtr"`
	DbtrAcct    accountXML `xml:"DbtrAcct"`
	DbtrAgt     agentXML   `xml:"DbtrAgt"`
	CdtrAgt     agentXML   `xml:"CdtrAgt"`
	Cdtr        partyXML   `xml:"Cdtr"`
	CdtrAcct    accountXML `xml:"CdtrAcct"`
}

// Read finds the pacs.008 in doc, bare or in any envelope, and reads it.
//
// Returns EINVALID naming the path of what is wrong: a document over
// MaxSize, with a DTD (entity tricks such as "billion laughs" and external
// entities need one), nested deeper than 32 elements, malformed, not UTF-8;
// one holding another message, no pacs.008, two of them, a version outside
// MinVersion–MaxVersion; a group header without MsgId or whose NbOfTxs
// disagrees; no transaction or more than MaxTransactions; a date-time
// that is not one.
func Read(doc []byte) (*Message, error) {
	if len(doc) > MaxSize {
		return nil, kuzet.Invalid("document", "an ISO 20022 message may have %d bytes at most", MaxSize)
	}
	if err := screen(doc); err != nil {
		return nil, err
	}
	var (
		m       Message
		fi      *fiToFIXML
		docNS   string     // namespace of the Document holding FIToFICstmrCdtTrf
		open    []xml.Name // elements entered, outside decoded subtrees
		foreign string     // the first ISO message of another kind met
	)
	dec := newDecoder(doc)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, malformed(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			kind, _ := definition(t.Name.Space)
			switch t.Name.Local {
			case "AppHdr":
				if m.Header != nil {
					return nil, kuzet.Invalid("AppHdr", "a message has one business application header (AppHdr), not two")
				}
				h, err := readHeader(dec, &t)
				if err != nil {
					return nil, err
				}
				m.Header = h
				continue
			case "FIToFICstmrCdtTrf":
				if kind != "" && kind != "pacs.008" {
					foreign = first(foreign, kind)
					break
				}
				if fi != nil {
					return nil, kuzet.Invalid("FIToFICstmrCdtTrf", "one request carries one pacs.008 message, not two")
				}
				fi = new(fiToFIXML)
				if err := dec.DecodeElement(fi, &t); err != nil {
					return nil, malformed(err)
				}
				m.Root = "FIToFICstmrCdtTrf"
				if n := len(open); n > 0 && open[n-1].Local == "Document" {
					m.Root, docNS = "Document/FIToFICstmrCdtTrf", open[n-1].Space
				}
				continue
			case "Document":
				if kind != "" && kind != "pacs.008" {
					foreign = first(foreign, strings.TrimPrefix(t.Name.Space, isoNS))
				}
			}
			open = append(open, t.Name)
		case xml.EndElement:
			open = open[:len(open)-1]
		}
	}
	if fi == nil {
		if foreign != "" {
			return nil, kuzet.Invalid("Document", "kuzet checks pacs.008 credit transfers, not %s", clip(foreign))
		}
		return nil, kuzet.Invalid("Document", "no pacs.008 found: want a Document in namespace %spacs.008.001.NN "+
			"or a FIToFICstmrCdtTrf element, bare or in an envelope", isoNS)
	}
	if err := m.version(fi, docNS); err != nil {
		return nil, err
	}
	if err := m.group(fi); err != nil {
		return nil, err
	}
	return &m, nil
}

// version learns the message's version from the first namespace that
// names one: the Document's, FIToFICstmrCdtTrf's, its children's (an RTP
// or settlement wrapper may own FIToFICstmrCdtTrf itself), or the header's
// MsgDefIdr.
func (m *Message) version(fi *fiToFIXML, docNS string) error {
	names := []string{docNS, fi.XMLName.Space, fi.GrpHdr.XMLName.Space}
	if len(fi.Txs) > 0 {
		names = append(names, fi.Txs[0].XMLName.Space)
	}
	path, named := m.Root, false
	for i, ns := range names {
		if kind, v := definition(ns); kind == "pacs.008" {
			if i == 0 {
				path = "Document"
			}
			m.Version, named = v, true
			break
		}
	}
	if !named && m.Header != nil {
		if kind, v := definition(isoNS + m.Header.MsgDefID); kind == "pacs.008" {
			m.Version, path, named = v, "AppHdr/MsgDefIdr", true
		}
	}
	if named && (m.Version < MinVersion || m.Version > MaxVersion) {
		return kuzet.Invalid(path, "kuzet reads pacs.008 versions %02d to %02d, not pacs.008.001.%02d", MinVersion, MaxVersion, m.Version)
	}
	return nil
}

// group checks the group header against the transactions and takes them.
func (m *Message) group(fi *fiToFIXML) error {
	var p problems
	g := &fi.GrpHdr
	if m.MsgID = strings.TrimSpace(g.MsgID); m.MsgID == "" {
		p.add(m.Root+"/GrpHdr/MsgId", "the group header needs its MsgId: a status report quotes it")
	}
	if m.CreDtTm = strings.TrimSpace(g.CreDtTm); m.CreDtTm != "" {
		t, err := dateTime(m.CreDtTm)
		if err != nil {
			p.add(m.Root+"/GrpHdr/CreDtTm", "not an ISO date-time: %q", clip(m.CreDtTm))
		}
		m.created = t
	}
	switch n := len(fi.Txs); {
	case n == 0:
		p.add(m.Root+"/CdtTrfTxInf", "a pacs.008 carries at least one CdtTrfTxInf")
	case n > MaxTransactions:
		p.add(m.Root+"/CdtTrfTxInf", "one request may carry %d CdtTrfTxInf at most, not %d", MaxTransactions, n)
	}
	if s := strings.TrimSpace(g.NbOfTxs); s != "" {
		if n, err := strconv.Atoi(s); err != nil || n != len(fi.Txs) {
			p.add(m.Root+"/GrpHdr/NbOfTxs", "NbOfTxs says %s transactions, the message carries %d", clip(s), len(fi.Txs))
		}
	}
	if h := m.Header; h != nil && h.CreDt != "" {
		t, err := dateTime(h.CreDt)
		if err != nil {
			p.add("AppHdr/CreDt", "not an ISO date-time: %q", clip(h.CreDt))
		}
		h.Created = t
	}
	if err := p.err(); err != nil {
		return err
	}
	m.Transactions = make([]Transaction, len(fi.Txs))
	for i := range fi.Txs {
		raw := &fi.Txs[i]
		m.Transactions[i] = Transaction{
			Path:    fmt.Sprintf("%s/CdtTrfTxInf[%d]", m.Root, i+1),
			InstrID: strings.TrimSpace(raw.PmtID.InstrID), EndToEndID: strings.TrimSpace(raw.PmtID.EndToEndID),
			TxID: strings.TrimSpace(raw.PmtID.TxID), UETR: strings.TrimSpace(raw.PmtID.UETR),
			raw: *raw,
		}
	}
	return nil
}

// definition splits a namespace such as isoNS+"pacs.008.001.08" into the
// message kind "pacs.008" and version 8; "" for any other namespace.
func definition(ns string) (kind string, version int) {
	id, ok := strings.CutPrefix(ns, isoNS)
	// business area (4 letters) . message (3 digits) . variant (3) . version (2)
	if !ok || len(id) != 15 {
		return "", 0
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case i == 4 || i == 8 || i == 12:
			if c != '.' {
				return "", 0
			}
		case i < 4:
			if c < 'a' || c > 'z' {
				return "", 0
			}
		case c < '0' || c > '9':
			return "", 0
		}
	}
	v, _ := strconv.Atoi(id[13:])
	return id[:8], v
}

// newDecoder reads UTF-8 only, as ISO 20022 requires; a declared
// encoding of another name is refused rather than guessed at.
func newDecoder(doc []byte) *xml.Decoder {
	dec := xml.NewDecoder(bytes.NewReader(doc))
	dec.CharsetReader = func(charset string, _ io.Reader) (io.Reader, error) {
		return nil, fmt.Errorf("ISO 20022 messages are UTF-8, not %s", clip(charset))
	}
	return dec
}

// screen refuses what the decoder would otherwise spend effort on — a
// DTD, deep nesting, floods of tokens or attributes — and what it lets pass but XML does
// not: no root element, or more than one, or text beside it.
func screen(doc []byte) error {
	dec := newDecoder(doc)
	depth, toks, roots := 0, 0, 0
	for {
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			switch {
			case depth != 0:
				return kuzet.Invalid("document", "malformed XML: the document ends inside an element")
			case roots == 0:
				return kuzet.Invalid("document", "malformed XML: the document holds no element")
			}
			return nil
		}
		if err != nil {
			return malformed(err)
		}
		if toks++; toks > maxTokens {
			return kuzet.Invalid("document", "the document has more than %d XML tokens", maxTokens)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return kuzet.Invalid("document", "a document type declaration (DTD) is not accepted")
		case xml.StartElement:
			if len(t.Attr) > maxAttrs {
				return kuzet.Invalid("document", "an element has more than %d attributes", maxAttrs)
			}
			if depth == 0 {
				if roots++; roots > 1 {
					return kuzet.Invalid("document", "malformed XML: more than one root element")
				}
			}
			if depth++; depth > maxDepth {
				return kuzet.Invalid("document", "elements nest deeper than %d", maxDepth)
			}
		case xml.EndElement:
			depth--
		case xml.CharData:
			// (a byte order mark may come before the root)
			if depth == 0 && len(bytes.TrimSpace(bytes.TrimPrefix(t, []byte("\ufeff")))) > 0 {
				return kuzet.Invalid("document", "malformed XML: text outside the root element")
			}
		}
	}
}

func malformed(err error) error {
	return kuzet.Invalid("document", "malformed XML: %s", clipN(err.Error(), 200))
}

// dateTime reads an ISODateTime, with or without fractions and offset;
// one without an offset is Almaty time.
func dateTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), nil
	}
	t, err := time.ParseInLocation("2006-01-02T15:04:05.999999999", s, kuzet.Almaty)
	return t.UTC(), err
}

// problems gathers the field errors of one message, so that a bank learns
// of every mistake at once.
type problems struct{ fields []kuzet.FieldError }

func (p *problems) add(path, format string, args ...any) {
	p.fields = append(p.fields, kuzet.FieldError{Field: path, Message: fmt.Sprintf(format, args...)})
}

func (p *problems) err() error { return Invalid(p.fields) }

// Invalid returns an EINVALID carrying fields, its message the first
// one's; nil when there are none.
func Invalid(fields []kuzet.FieldError) error {
	switch len(fields) {
	case 0:
		return nil
	case 1:
		return &kuzet.Error{Code: kuzet.EINVALID, Message: fields[0].Message, Fields: fields}
	}
	return &kuzet.Error{Code: kuzet.EINVALID,
		Message: fmt.Sprintf("%s (and %d more problems)", fields[0].Message, len(fields)-1), Fields: fields}
}

func first(vs ...string) string {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// clip shortens text quoted back in an error.
func clip(s string) string { return kuzet.Clip(s, 40) }

func clipN(s string, n int) string { return kuzet.Clip(s, n) }
