package iso20022_test

import (
	"fmt"
	"strings"
)

// Small messages of kuzet's own, shaped as each transport delivers a
// pacs.008. Names, accounts and identifiers are made up.

const ns08 = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"

// txn is one CdtTrfTxInf, without namespace prefixes: e2e, amount in KZT
// and the creditor's IBAN.
func txn(e2e, amount, iban string) string {
	return `<CdtTrfTxInf><PmtId><InstrId>I-` + e2e + `</InstrId><EndToEndId>` + e2e + `</EndToEndId>` +
		`<TxId>T-` + e2e + `</TxId><UETR>0f6d3c3e-8e49-4f3a-9d3a-3b1f6f0e2a10</UETR></PmtId>` +
		`<IntrBkSttlmAmt Ccy="KZT">` + amount + `</IntrBkSttlmAmt>` +
		`<Dbtr><Nm>Aigerim</Nm><CtctDtls><MobNb>+7-7011000001</MobNb></CtctDtls></Dbtr>` +
		`<DbtrAcct><Id><IBAN>KZ86125KZT5004100100</IBAN></Id></DbtrAcct>` +
		`<CdtrAgt><FinInstnId><BICFI>BANKKZKB</BICFI></FinInstnId></CdtrAgt>` +
		`<Cdtr><Nm>Safe Account LLP</Nm></Cdtr><CdtrAcct><Id><IBAN>` + iban + `</IBAN></Id></CdtrAcct></CdtTrfTxInf>`
}

// grpHdr is a group header for n transactions.
func grpHdr(n int) string {
	return fmt.Sprintf(`<GrpHdr><MsgId>MSG-7</MsgId><CreDtTm>2025-03-05T12:00:00+05:00</CreDtTm><NbOfTxs>%d</NbOfTxs>`+
		`<SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>`, n)
}

// fiToFI is a FIToFICstmrCdtTrf of the given transactions, with attrs on
// its start tag.
func fiToFI(attrs string, txs ...string) string {
	return `<FIToFICstmrCdtTrf` + attrs + `>` + grpHdr(len(txs)) + strings.Join(txs, "") + `</FIToFICstmrCdtTrf>`
}

// document is a pacs.008 Document in namespace ns.
func document(ns string, txs ...string) string {
	return `<Document xmlns="` + ns + `">` + fiToFI("", txs...) + `</Document>`
}

// prefixed writes every element of x with the namespace prefix p.
func prefixed(x, p string) string {
	return strings.NewReplacer("</", "</"+p+":", "<", "<"+p+":").Replace(x)
}

// hdrBody is the content of a business application header.
const hdrBody = `<Fr><FIId><FinInstnId><BICFI>BANKKZKA</BICFI></FinInstnId></FIId></Fr>` +
	`<To><FIId><FinInstnId><BICFI>BANKKZKB</BICFI></FinInstnId></FIId></To>` +
	`<BizMsgIdr>BIZ-7</BizMsgIdr><MsgDefIdr>pacs.008.001.08</MsgDefIdr><CreDt>2025-03-05T07:00:00Z</CreDt>`

// appHdr is a business application header of version head.001.001.0v in
// the default namespace.
func appHdr(v int) string {
	return fmt.Sprintf(`<AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.%02d">`, v) + hdrBody + `</AppHdr>`
}

// Two creditor IBANs with valid check digits, and one without.
const (
	ibanA   = "KZ538260000000004242"
	ibanB   = "KZ068260000000001111"
	ibanBad = "KZ008260000000004242"
)
