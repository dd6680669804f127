package iso20022

import (
	"fmt"
	"strings"

	"github.com/kuzet/kuzet"
)

// Check is one transaction mapped to kuzet's payment check, with the XML
// path each field of the check came from, so that what the check's
// validation finds wrong names the element a bank must correct.
type Check struct {
	kuzet.PaymentCheck
	// Path is the transaction's: "Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]".
	Path string
	// Err is EINVALID naming each amount or date-time of the transaction
	// that is not one; nil when it mapped whole.
	Err error

	root string            // the message's Root
	from map[string]string // check field ("payee.iban") → XML path
}

// notProvided is the standard's placeholder for an end-to-end reference
// the debtor did not give.
const notProvided = "NOTPROVIDED"

// Checks maps every transaction of m to a check, in order. Paths are the
// transaction's unless they start with GrpHdr or AppHdr:
//
//	PmtId/EndToEndId (else TxId, UETR, InstrId,
//	  else GrpHdr/MsgId, numbered when several)       payment_id
//	InstdAmt (else IntrBkSttlmAmt) and its Ccy        amount, currency
//	AccptncDtTm (else GrpHdr/CreDtTm, AppHdr/CreDt)   created_at
//	DbtrAcct/Id/IBAN (else Othr/Id)                   payer.account
//	Dbtr/Id/PrvtId/Othr/Id (else OrgId/Othr/Id)       payer.customer_id
//	Dbtr/CtctDtls/MobNb                               payer.phone
//	Dbtr/Nm, with no account, identification or phone payer.customer_id
//	CdtrAcct/Id/IBAN, CdtrAcct/Id/Othr/Id             payee.iban, payee.account
//	CdtrAcct/Prxy/Id of type MBNO, TELE or CELL,
//	  else Cdtr/CtctDtls/MobNb                        payee.phone
//	CdtrAgt/FinInstnId/BICFI (BIC in old versions)    payee.bank_bic
//	Cdtr/Nm                                           payee.name
//
// A creditor with no account or phone is the one its agent's BIC and its
// name name (the engine takes that pair). A postal address of the debtor or
// the creditor with an element after an AdrLine is refused: no version's
// schema allows it.
//
// The channel is "iso20022". The checks are not yet validated: the engine
// does that, and Fields names its findings by path.
func (m *Message) Checks() []Check {
	out := make([]Check, len(m.Transactions))
	for i := range m.Transactions {
		var p problems
		out[i] = m.check(i, &p)
		out[i].Err = p.err()
	}
	return out
}

func (m *Message) check(i int, p *problems) Check {
	t := &m.Transactions[i]
	x := &t.raw
	c := Check{Path: t.Path, root: m.Root, from: make(map[string]string, 16)}
	at := func(rel string) string { return t.Path + "/" + rel }
	take := func(field, path, v string) string {
		c.from[field] = path
		return strings.TrimSpace(v)
	}

	switch {
	case t.EndToEndID != "" && t.EndToEndID != notProvided:
		c.PaymentID = take("payment_id", at("PmtId/EndToEndId"), t.EndToEndID)
	case t.TxID != "":
		c.PaymentID = take("payment_id", at("PmtId/TxId"), t.TxID)
	case t.UETR != "":
		c.PaymentID = take("payment_id", at("PmtId/UETR"), t.UETR)
	case t.InstrID != "":
		c.PaymentID = take("payment_id", at("PmtId/InstrId"), t.InstrID)
	default:
		c.PaymentID = take("payment_id", m.Root+"/GrpHdr/MsgId", m.MsgID)
		if len(m.Transactions) > 1 {
			c.PaymentID += fmt.Sprintf("/%d", i+1)
		}
	}

	amt, el := x.Instructed, "InstdAmt"
	if strings.TrimSpace(amt.Value) == "" {
		amt, el = x.Settled, "IntrBkSttlmAmt"
	}
	c.Currency = take("currency", at(el+"/@Ccy"), amt.Ccy)
	if v := take("amount", at(el), amt.Value); v != "" {
		a, err := kuzet.ParseAmount(v)
		if err != nil {
			p.add(at(el), "%s", kuzet.ErrorMessage(err))
		}
		c.Amount = a
	}

	switch {
	case strings.TrimSpace(x.AccptncDtTm) != "":
		ts, err := dateTime(take("created_at", at("AccptncDtTm"), x.AccptncDtTm))
		if err != nil {
			p.add(at("AccptncDtTm"), "not an ISO date-time: %q", clip(x.AccptncDtTm))
		}
		c.CreatedAt = ts
	case !m.created.IsZero():
		c.from["created_at"] = m.Root + "/GrpHdr/CreDtTm"
		c.CreatedAt = m.created
	case m.Header != nil && !m.Header.Created.IsZero():
		c.from["created_at"] = "AppHdr/CreDt"
		c.CreatedAt = m.Header.Created
	}
	c.Channel = "iso20022"

	c.from["payer"] = at("DbtrAcct")
	if x.DbtrAcct.IBAN != "" {
		c.Payer.Account = take("payer.account", at("DbtrAcct/Id/IBAN"), x.DbtrAcct.IBAN)
	} else {
		c.Payer.Account = take("payer.account", at("DbtrAcct/Id/Othr/Id"), x.DbtrAcct.Othr)
	}
	if x.Dbtr.Prvt != "" {
		c.Payer.CustomerID = take("payer.customer_id", at("Dbtr/Id/PrvtId/Othr/Id"), x.Dbtr.Prvt)
	} else {
		c.Payer.CustomerID = take("payer.customer_id", at("Dbtr/Id/OrgId/Othr/Id"), x.Dbtr.Org)
	}
	c.Payer.Phone = take("payer.phone", at("Dbtr/CtctDtls/MobNb"), x.Dbtr.MobNb)
	if c.Payer.Account == "" && c.Payer.CustomerID == "" && c.Payer.Phone == "" {
		// No account or identification: ISO 20022 makes both optional, and
		// the debtor is then the one its agent (the sender) knows by name.
		c.Payer.CustomerID = take("payer.customer_id", at("Dbtr/Nm"), x.Dbtr.Nm)
	}
	for _, party := range []struct {
		el string
		x  *partyXML
	}{{"Dbtr", &x.Dbtr}, {"Cdtr", &x.Cdtr}} {
		if el := party.x.addressOrder(); el != "" {
			p.add(at(party.el+"/PstlAdr/"+el), "%s follows an AdrLine: every version of pacs.008 puts the address lines last", el)
		}
	}

	c.from["payee"] = at("CdtrAcct")
	c.Payee.IBAN = take("payee.iban", at("CdtrAcct/Id/IBAN"), x.CdtrAcct.IBAN)
	c.Payee.Account = take("payee.account", at("CdtrAcct/Id/Othr/Id"), x.CdtrAcct.Othr)
	switch strings.TrimSpace(x.CdtrAcct.Proxy.Type) {
	case "MBNO", "TELE", "CELL":
		c.Payee.Phone = take("payee.phone", at("CdtrAcct/Prxy/Id"), x.CdtrAcct.Proxy.ID)
	}
	if c.Payee.Phone == "" {
		c.Payee.Phone = take("payee.phone", at("Cdtr/CtctDtls/MobNb"), x.Cdtr.MobNb)
	}
	bic, el := x.CdtrAgt.bic()
	c.Payee.BankBIC = take("payee.bank_bic", at("CdtrAgt/FinInstnId/"+el), bic)
	c.Payee.Name = take("payee.name", at("Cdtr/Nm"), x.Cdtr.Nm)
	return c
}

// isoWords say in ISO 20022's terms what the check's validation says of a
// whole party in its own.
var isoWords = map[string]string{
	"payer": "the debtor needs an account (DbtrAcct/Id/IBAN or Othr/Id), an identification " +
		"(Dbtr/Id/PrvtId or OrgId/Othr/Id), a mobile number (Dbtr/CtctDtls/MobNb) or a name (Dbtr/Nm)",
	"payee": "the creditor needs an account (CdtrAcct/Id/IBAN or Othr/Id), a mobile number " +
		"(CdtrAcct/Prxy/Id of type MBNO, or Cdtr/CtctDtls/MobNb), or a name (Cdtr/Nm) at an agent " +
		"with a BIC (CdtrAgt/FinInstnId/BICFI)",
}

// Fields returns the field errors of err, found validating c's check,
// each naming the XML path its field came from instead of the field (the
// transaction's, for a field no element fills). A message that began with
// the field's name begins with the element's.
func (c *Check) Fields(err error) []kuzet.FieldError {
	fs := kuzet.ErrorFields(err)
	if len(fs) == 0 {
		return []kuzet.FieldError{{Field: c.Path, Message: kuzet.ErrorMessage(err)}}
	}
	out := make([]kuzet.FieldError, 0, len(fs))
	for _, f := range fs {
		path, mapped := c.from[f.Field]
		if !mapped {
			path = c.Path
		}
		msg := f.Message
		if w, ok := isoWords[f.Field]; ok {
			msg = w
		} else if rest, ok := strings.CutPrefix(msg, f.Field+" "); ok && mapped {
			msg = c.relative(path) + " " + rest
		}
		out = append(out, kuzet.FieldError{Field: path, Message: msg})
	}
	return out
}

// relative shortens path to what follows the transaction's, or the
// message's, own path: "CdtrAcct/Id/IBAN", "GrpHdr/CreDtTm".
func (c *Check) relative(path string) string {
	if r, ok := strings.CutPrefix(path, c.Path+"/"); ok {
		return r
	}
	if r, ok := strings.CutPrefix(path, c.root+"/"); ok {
		return r
	}
	return path
}
