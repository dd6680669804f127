package payments_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/payments"
)

// pacsTx is one CdtTrfTxInf of a made-up payment from a Bank One customer
// to iban.
func pacsTx(e2e, amount, iban string) string {
	return `<CdtTrfTxInf><PmtId><InstrId>I-` + e2e + `</InstrId><EndToEndId>` + e2e + `</EndToEndId>` +
		`<UETR>5b0e6a39-1c7f-4b8e-8a0e-6f5c2d1e9a77</UETR></PmtId>` +
		`<IntrBkSttlmAmt Ccy="KZT">` + amount + `</IntrBkSttlmAmt>` +
		`<Dbtr><Nm>Aigerim</Nm><Id><PrvtId><Othr><Id>cust-7</Id></Othr></PrvtId></Id>` +
		`<CtctDtls><MobNb>+7-7011000001</MobNb></CtctDtls></Dbtr>` +
		`<DbtrAcct><Id><IBAN>KZ86125KZT5004100100</IBAN></Id></DbtrAcct>` +
		`<CdtrAgt><FinInstnId><BICFI>BANKKZKB</BICFI></FinInstnId></CdtrAgt>` +
		`<Cdtr><Nm>Safe Account LLP</Nm></Cdtr><CdtrAcct><Id><IBAN>` + iban + `</IBAN></Id></CdtrAcct></CdtTrfTxInf>`
}

// pacsDoc is a pacs.008.001.08 Document of the transactions.
func pacsDoc(txs ...string) string {
	return fmt.Sprintf(`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf>`+
		`<GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2025-03-05T12:00:00</CreDtTm><NbOfTxs>%d</NbOfTxs></GrpHdr>`,
		len(txs)) + strings.Join(txs, "") + `</FIToFICstmrCdtTrf></Document>`
}

// pacsEnvelope wraps a Document with a business application header from
// Bank One, as CBPR+ sends it.
func pacsEnvelope(doc string) string {
	return `<Envelope xmlns="urn:swift:xsd:envelope"><AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02">` +
		`<Fr><FIId><FinInstnId><BICFI>BANKKZKA</BICFI></FinInstnId></FIId></Fr>` +
		`<To><FIId><FinInstnId><BICFI>BANKKZKB</BICFI></FinInstnId></FIId></To>` +
		`<BizMsgIdr>BIZ-1</BizMsgIdr><MsgDefIdr>pacs.008.001.08</MsgDefIdr><CreDt>2025-03-05T07:00:00Z</CreDt>` +
		`</AppHdr>` + doc + `</Envelope>`
}

// TestCheckPacs008: one check per transaction, in order; the message's
// decision is its most severe one's; a transaction that fails validation
// is answered in its place by path, and neither decided nor recorded.
func TestCheckPacs008(t *testing.T) {
	f := newFixture(t, nil)
	clean, mule := iban("826", 1001), iban("826", 4242)
	f.report(police, kuzet.KindIBAN, mule, kuzet.CategoryMuleAccount, 0.9)
	broken := "KZ00" + mule[4:]
	doc := pacsEnvelope(pacsDoc(pacsTx("E2E-1", "5000.00", clean), pacsTx("E2E-2", "150000.00", mule),
		pacsTx("E2E-3", "10", broken)))

	md, err := f.engine.CheckPacs008(context.Background(), bankOne, []byte(doc))
	must(t, "check", err)
	if len(md.Transactions) != 3 {
		t.Fatalf("got %d transactions, want 3", len(md.Transactions))
	}
	t1, t2, t3 := md.Transactions[0], md.Transactions[1], md.Transactions[2]
	if t1.Decision == nil || t1.Decision.Decision != kuzet.DecisionAllow || t1.PaymentID != "E2E-1" ||
		t1.Path != "Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]" {
		t.Errorf("first: got %+v %+v", t1, t1.Decision)
	}
	if t2.Decision == nil || !t2.Decision.Decision.Stops() || !slices.Contains(codes(*t2.Decision), "payee_mule_account") {
		t.Errorf("second: got %+v, want the mule stopped", t2.Decision)
	}
	if t3.Decision != nil || t3.Error == nil || t3.Error.Code != kuzet.EINVALID || len(t3.Error.Errors) != 1 ||
		t3.Error.Errors[0].Field != "Document/FIToFICstmrCdtTrf/CdtTrfTxInf[3]/CdtrAcct/Id/IBAN" {
		t.Errorf("third: got %+v %+v, want its IBAN refused by path", t3.Decision, t3.Error)
	}
	if md.CheckID != t2.CheckID || md.Decision.Decision != t2.Decision.Decision {
		t.Errorf("message: got %s %s, want the second's %s %s", md.CheckID, md.Decision.Decision, t2.CheckID, t2.Decision.Decision)
	}
	if got := len(f.sink.records()); got != 2 {
		t.Errorf("records: got %d, want the 2 checked", got)
	}
	if i := md.Message; i.Definition != "pacs.008.001.08" || i.MsgID != "MSG-1" || i.Header == nil ||
		i.Header.From != "BANKKZKA" || i.Header.BizMsgID != "BIZ-1" || i.Header.CreatedAt != "2025-03-05T07:00:00Z" {
		t.Errorf("message info: got %+v %+v", i, i.Header)
	}

	// In kind: a pacs.002 per transaction, addressed to the sender.
	b, err := md.Pacs002()
	must(t, "pacs.002", err)
	var r struct {
		To  string `xml:"AppHdr>To>FIId>FinInstnId>BICFI"`
		Txs []struct {
			StsID string   `xml:"StsId"`
			E2E   string   `xml:"OrgnlEndToEndId"`
			Sts   string   `xml:"TxSts"`
			Cds   []string `xml:"StsRsnInf>Rsn>Cd"`
			Prtry []string `xml:"StsRsnInf>Rsn>Prtry"`
		} `xml:"Document>FIToFIPmtStsRpt>TxInfAndSts"`
	}
	must(t, "read the pacs.002 back", xml.Unmarshal(b, &r))
	if r.To != "BANKKZKA" || len(r.Txs) != 3 {
		t.Fatalf("pacs.002: got %+v\n%s", r, b)
	}
	if x := r.Txs[0]; x.StsID != t1.CheckID || x.E2E != "E2E-1" || x.Sts != "ACCP" {
		t.Errorf("pacs.002 first: got %+v", x)
	}
	want2 := map[kuzet.Decision]string{kuzet.DecisionHold: "PDNG", kuzet.DecisionBlock: "RJCT"}[t2.Decision.Decision]
	if x := r.Txs[1]; x.StsID != t2.CheckID || x.Sts != want2 || !slices.Contains(x.Prtry, "payee_mule_account") {
		t.Errorf("pacs.002 second: got %+v, want %s with the rule", x, want2)
	}
	if x := r.Txs[2]; x.StsID != "" || x.Sts != "RJCT" || !slices.Equal(x.Cds, []string{"AC03"}) {
		t.Errorf("pacs.002 third: got %+v, want RJCT AC03", x)
	}
}

// TestCheckPacs008Statuses: each decision has its status in a pacs.002.
func TestCheckPacs008Statuses(t *testing.T) {
	for _, tc := range []struct {
		decision kuzet.Decision
		status   string
		first    string // the first reason, Cd or Prtry
	}{
		{kuzet.DecisionAllow, "ACCP", ""},
		{kuzet.DecisionReview, "PDNG", "REVIEW"},
		{kuzet.DecisionHold, "PDNG", "HOLD"},
		{kuzet.DecisionBlock, "RJCT", "FR01"},
	} {
		t.Run(string(tc.decision), func(t *testing.T) {
			decide := ""
			if tc.decision != kuzet.DecisionAllow {
				decide = " decide " + string(tc.decision)
			}
			rules, err := payments.ParseRules("version t\nrule everything when amount > 0 weight 0.1" + decide + ` say "Always."` + "\n")
			must(t, "rules", err)
			f := newFixture(t, rules)
			md, err := f.engine.CheckPacs008(context.Background(), bankOne, []byte(pacsDoc(pacsTx("E", "1", iban("826", 1)))))
			must(t, "check", err)
			b, err := md.Pacs002()
			must(t, "pacs.002", err)
			var r struct {
				Sts  string `xml:"FIToFIPmtStsRpt>TxInfAndSts>TxSts"`
				Rsns []struct {
					Cd    string `xml:"Rsn>Cd"`
					Prtry string `xml:"Rsn>Prtry"`
					Info  string `xml:"AddtlInf"`
				} `xml:"FIToFIPmtStsRpt>TxInfAndSts>StsRsnInf"`
			}
			must(t, "read back", xml.Unmarshal(b, &r))
			if md.Decision.Decision != tc.decision || r.Sts != tc.status {
				t.Fatalf("got %s answered %s, want %s answered %s\n%s", md.Decision.Decision, r.Sts, tc.decision, tc.status, b)
			}
			if tc.first != "" && (len(r.Rsns) != 2 || r.Rsns[0].Cd+r.Rsns[0].Prtry != tc.first) {
				t.Errorf("reasons: got %+v, want %s first", r.Rsns, tc.first)
			}
			if last := r.Rsns[len(r.Rsns)-1]; last.Prtry != "everything" || last.Info != "Always." {
				t.Errorf("reasons: got %+v, want the rule last", r.Rsns)
			}
		})
	}
}

// TestCheckPacs008Refused: a message of which no transaction can be
// checked is refused whole, every problem by its path, nothing recorded.
func TestCheckPacs008Refused(t *testing.T) {
	good := iban("826", 1)
	noPayee := strings.Replace(pacsTx("E2E-2", "10", good), "<Cdtr><Nm>Safe Account LLP</Nm></Cdtr><CdtrAcct><Id><IBAN>"+good+"</IBAN></Id></CdtrAcct>", "", 1)
	tests := []struct {
		name, doc string
		fields    []string
	}{
		{"bad check digits", pacsDoc(pacsTx("E2E-1", "10", "KZ00"+good[4:])),
			[]string{"Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAcct/Id/IBAN"}},
		{"every transaction bad", pacsDoc(pacsTx("E2E-1", "0", good), noPayee), []string{
			"Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt", "Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/CdtrAcct"}},
		{"an amount that is not one", pacsDoc(pacsTx("E2E-1", "1.2.3", good)),
			[]string{"Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt"}},
		{"an unknown currency", strings.Replace(pacsDoc(pacsTx("E2E-1", "10", good)), `Ccy="KZT"`, `Ccy="XXY"`, 1),
			[]string{"Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt/@Ccy"}},
		{"from the future", strings.Replace(pacsDoc(pacsTx("E2E-1", "10", good)), "2025-03-05T12:00:00", "2025-03-05T14:00:00", 1),
			[]string{"Document/FIToFICstmrCdtTrf/GrpHdr/CreDtTm"}},
		{"not a pacs.008", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"/>`, []string{"Document"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, nil)
			_, err := f.engine.CheckPacs008(context.Background(), bankOne, []byte(tc.doc))
			if kuzet.ErrorCode(err) != kuzet.EINVALID || !slices.Equal(fields(err), tc.fields) {
				t.Errorf("got %v naming %v, want EINVALID naming %v", err, fields(err), tc.fields)
			}
			if n := len(f.sink.records()); n != 0 {
				t.Errorf("records: got %d, want none", n)
			}
		})
	}
}

// TestCheckPacs008JSON: the answer to a message of one transaction reads
// as the answer to a JSON check, with the message and its transaction
// added.
func TestCheckPacs008JSON(t *testing.T) {
	f := newFixture(t, nil)
	md, err := f.engine.CheckPacs008(context.Background(), bankOne, []byte(pacsDoc(pacsTx("E2E-1", "10", iban("826", 1)))))
	must(t, "check", err)
	b, err := json.Marshal(md)
	must(t, "marshal", err)
	var one payments.Decision
	must(t, "unmarshal", json.Unmarshal(b, &one))
	if one.CheckID == "" || one.CheckID != md.Transactions[0].CheckID || one.Decision != kuzet.DecisionAllow || one.Reasons == nil {
		t.Errorf("as a one-payment answer: got %+v from %s", one, b)
	}
	var all struct {
		Message      map[string]any   `json:"message"`
		Transactions []map[string]any `json:"transactions"`
	}
	must(t, "unmarshal", json.Unmarshal(b, &all))
	if len(all.Transactions) != 1 || all.Transactions[0]["check_id"] != one.CheckID ||
		all.Transactions[0]["path"] != "Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]" || all.Message["msg_id"] != "MSG-1" {
		t.Errorf("got %s", b)
	}
	if _, ok := all.Transactions[0]["error"]; ok {
		t.Errorf("a decided transaction carries an error: %s", b)
	}
}

// TestCheckPacs008Envelopes: the same Document is answered alike, bare or
// in any wrapper.
func TestCheckPacs008Envelopes(t *testing.T) {
	doc := pacsDoc(pacsTx("E2E-1", "10", iban("826", 1)), pacsTx("E2E-2", "20", "KZ00"+iban("826", 2)[4:]))
	for _, wrapped := range []string{doc, pacsEnvelope(doc), `<Request xmlns="SWIFTNetBusinessEnvelope">` + doc + `</Request>`,
		`<A xmlns="urn:example"><B><C>` + doc + `</C></B></A>`} {
		f := newFixture(t, nil)
		md, err := f.engine.CheckPacs008(context.Background(), bankOne, []byte(wrapped))
		must(t, "check", err)
		if len(md.Transactions) != 2 || md.Transactions[0].Decision == nil || md.Transactions[1].Error == nil ||
			md.Transactions[1].Error.Errors[0].Field != "Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/CdtrAcct/Id/IBAN" {
			t.Errorf("%.40s…: got %+v", wrapped, md.Transactions)
		}
	}
}

// TestPublishedSamples posts the published pacs.008 messages (read by
// path, never copied here; see SOURCES.txt beside them) to one engine, in
// order, as a bank's middleware would. Four do not carry a valid payment
// and must be refused for what is wrong with them, by path: S06 is S05's
// message again (the same payment, without its FedNow envelope), S10's
// IBAN has wrong check digits, S11 dates itself in 9999, S18's debtor
// address puts a TwnNm after its AdrLine, which no version's schema
// allows. Every other refusal must name XML paths too, and is logged.
func TestPublishedSamples(t *testing.T) {
	files, _ := filepath.Glob("../../shared/data/pacs008-samples/S*.xml")
	if len(files) == 0 {
		t.Skip("no published pacs.008 samples")
	}
	const tx1 = "Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/"
	invalid := map[string][]kuzet.FieldError{
		"S06": {{Field: tx1 + "PmtId", Message: "a duplicate: this transaction of message 20230604111111111Sc01Step1MsgId was checked as chk_"}},
		"S10": {{Field: tx1 + "CdtrAcct/Id/IBAN", Message: "IBAN check digits do not match"}},
		"S11": {{Field: "Document/FIToFICstmrCdtTrf/GrpHdr/CreDtTm", Message: "GrpHdr/CreDtTm is more than an hour in the future"}},
		"S18": {{Field: tx1 + "Dbtr/PstlAdr/TwnNm", Message: "TwnNm follows an AdrLine"}},
	}
	f := newFixture(t, nil)
	f.clock.Set(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)) // after every sample's creation
	decided, refused := 0, 0
	for _, file := range files {
		name := filepath.Base(file)[:3]
		doc, err := os.ReadFile(file)
		must(t, name, err)
		md, err := f.engine.CheckPacs008(context.Background(), bankOne, doc)
		if want, ok := invalid[name]; ok {
			got := kuzet.ErrorFields(err)
			if len(got) != len(want) {
				t.Errorf("%s: got %v, want refused for %v", name, err, want)
				continue
			}
			for i := range want {
				if got[i].Field != want[i].Field || !strings.HasPrefix(got[i].Message, want[i].Message) {
					t.Errorf("%s: got %+v, want %+v", name, got[i], want[i])
				}
			}
			refused++
			continue
		}
		if err != nil {
			t.Errorf("%s refused: %v", name, kuzet.ErrorFields(err))
			continue
		}
		decided++
		if _, err := md.Pacs002(); err != nil {
			t.Errorf("%s: pacs.002: %v", name, err)
		}
		for _, td := range md.Transactions {
			if td.Error != nil {
				t.Logf("%s: %s refused: %v", name, td.Path, td.Error.Errors)
			}
		}
	}
	if decided != 14 || refused != 4 {
		t.Errorf("%d samples: %d decided, %d refused; want 14 and the 4 that carry no valid payment", len(files), decided, refused)
	}
}

// FuzzCheckPacs008: any document is decided on or refused with EINVALID,
// and a decision encodes as JSON and as a pacs.002.
func FuzzCheckPacs008(f *testing.F) {
	good := iban("826", 1)
	f.Add([]byte(pacsEnvelope(pacsDoc(pacsTx("E2E-1", "10", good), pacsTx("E2E-2", "20", "KZ00"+good[4:])))))
	f.Add([]byte(pacsDoc(pacsTx("NOTPROVIDED", "1e3", good))))
	f.Add([]byte(`<FIToFICstmrCdtTrf><GrpHdr><MsgId>M</MsgId><CreDtTm>0001-01-01T00:00:00</CreDtTm></GrpHdr>` +
		`<CdtTrfTxInf><InstdAmt Ccy="KZT">1</InstdAmt><CdtrAcct><Prxy><Tp><Cd>MBNO</Cd></Tp><Id>+77011</Id></Prxy></CdtrAcct>` +
		`</CdtTrfTxInf></FIToFICstmrCdtTrf>`))
	e := payments.NewEngine(payments.EngineConfig{CardKey: cardKey, Clock: func() time.Time { return base }})
	f.Fuzz(func(t *testing.T, doc []byte) {
		md, err := e.CheckPacs008(context.Background(), bankOne, doc)
		if err != nil {
			if kuzet.ErrorCode(err) != kuzet.EINVALID {
				t.Fatalf("got %v, want a decision or EINVALID", err)
			}
			return
		}
		if _, err := json.Marshal(md); err != nil {
			t.Fatalf("json: %v", err)
		}
		if _, err := md.Pacs002(); err != nil {
			t.Fatalf("pacs.002: %v", err)
		}
	})
}

// TestCheckPacs008Duplicate: a transaction sent again in the same message
// (its references, amount and currency) is refused as a duplicate naming
// the first check, with ISO's AM05 in a status report; another
// transaction of the message is checked, and so is the same message's
// transaction with another amount.
func TestCheckPacs008Duplicate(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	good := iban("826", 1)
	first, err := f.engine.CheckPacs008(ctx, bankOne, []byte(pacsDoc(pacsTx("E2E-1", "10", good))))
	must(t, "first", err)
	_, err = f.engine.CheckPacs008(ctx, bankOne, []byte(pacsDoc(pacsTx("E2E-1", "10", good))))
	want := "Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/PmtId"
	if got := kuzet.ErrorFields(err); kuzet.ErrorCode(err) != kuzet.EINVALID || len(got) != 1 || got[0].Field != want ||
		!strings.HasSuffix(got[0].Message, "was checked as "+first.CheckID) {
		t.Errorf("sent again: got %v, want EINVALID at %s naming %s", err, want, first.CheckID)
	}
	md, err := f.engine.CheckPacs008(ctx, bankOne, []byte(pacsDoc(pacsTx("E2E-1", "10", good), pacsTx("E2E-2", "10", good))))
	must(t, "with a new transaction", err)
	if md.Transactions[0].Error == nil || md.Transactions[1].Decision == nil {
		t.Errorf("with a new transaction: got %+v", md.Transactions)
	}
	b, err := md.Pacs002()
	must(t, "pacs.002", err)
	if !strings.Contains(string(b), "<Cd>AM05</Cd>") {
		t.Errorf("status report: want AM05 for the duplicate\n%s", b)
	}
	if _, err := f.engine.CheckPacs008(ctx, bankOne, []byte(pacsDoc(pacsTx("E2E-1", "11", good)))); err != nil {
		t.Errorf("another amount: %v", err)
	}
	if _, err := f.engine.CheckPacs008(ctx, bankTwo, []byte(pacsDoc(pacsTx("E2E-1", "10", good)))); err != nil {
		t.Errorf("another bank's: %v", err)
	}
}

// TestCheckPacs008NoAccounts: ISO 20022 makes the accounts optional. A
// debtor without account, identification or phone is known by name; a
// creditor without account or phone by its agent's BIC and its name, one
// payee across payments. A postal address with an element after its
// AdrLine is refused by path.
func TestCheckPacs008NoAccounts(t *testing.T) {
	ctx := context.Background()
	tx := func(e2e string) string {
		return `<CdtTrfTxInf><PmtId><EndToEndId>` + e2e + `</EndToEndId></PmtId>` +
			`<IntrBkSttlmAmt Ccy="KZT">5000</IntrBkSttlmAmt><Dbtr><Nm>Aigerim</Nm></Dbtr>` +
			`<CdtrAgt><FinInstnId><BICFI>BANKKZKB</BICFI></FinInstnId></CdtrAgt><Cdtr><Nm>Arman S.</Nm></Cdtr></CdtTrfTxInf>`
	}
	rules := mustRules("version t\nrule new when new_payee weight 0.001\n")
	f := newFixture(t, rules)
	for i, want := range [][]string{{"new"}, nil} {
		md, err := f.engine.CheckPacs008(ctx, bankOne, []byte(pacsDoc(tx(fmt.Sprintf("E-%d", i)))))
		must(t, "check", err)
		if got := codes(md.Decision); !slices.Equal(got, want) {
			t.Errorf("payment %d to the creditor by name: got %v, want %v", i+1, got, want)
		}
	}
	bad := strings.Replace(tx("E-9"), "<Dbtr><Nm>Aigerim</Nm></Dbtr>",
		"<Dbtr><Nm>Aigerim</Nm><PstlAdr><StrtNm>Abai 1</StrtNm><AdrLine>flat 2</AdrLine><TwnNm>Almaty</TwnNm></PstlAdr></Dbtr>", 1)
	_, err := f.engine.CheckPacs008(ctx, bankOne, []byte(pacsDoc(bad)))
	if got := fields(err); !slices.Equal(got, []string{"Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/TwnNm"}) {
		t.Errorf("address out of order: got %v", err)
	}
	noName := strings.Replace(tx("E-10"), "<Cdtr><Nm>Arman S.</Nm></Cdtr>", "", 1)
	_, err = f.engine.CheckPacs008(ctx, bankOne, []byte(pacsDoc(noName)))
	if got := fields(err); !slices.Equal(got, []string{"Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAcct"}) {
		t.Errorf("a creditor without a name: got %v", err)
	}
}
