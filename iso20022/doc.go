// Package iso20022 reads ISO 20022 credit transfers as banks send them and
// writes kuzet's answers in kind.
//
// A pacs.008 (FIToFICustomerCreditTransfer) seldom travels alone. CBPR+ and
// HVPS+ put it beside a business application header (AppHdr) in a SWIFT
// Envelope or a SWIFTNet Request; FedNow, RTP and SIPS each have envelopes
// of their own; ISO's own examples show a bare FIToFICstmrCdtTrf with no
// namespace at all. Read finds the message by namespaces and element names
// — the Document of a pacs.008 namespace, an AppHdr beside it, or the
// FIToFICstmrCdtTrf itself — so a wrapper it has never seen costs nothing.
//
// Every path it names in an error starts at the Document (or at
// FIToFICstmrCdtTrf when the message has none), whatever wraps it:
// "Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/CdtrAcct/Id/IBAN", the form a
// bank's ISO 20022 team reads in its own tools. WriteStatusReport answers
// with a pacs.002 (FIToFIPmtStsRpt) a bank's middleware consumes unchanged.
//
// The package holds none of kuzet's rules: it maps each transaction to a
// kuzet.PaymentCheck, and statuses back to XML; package payments decides.
package iso20022
