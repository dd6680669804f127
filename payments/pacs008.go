package payments

import (
	"context"
	"fmt"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/iso20022"
)

// MessageDecision is the answer to an ISO 20022 pacs.008: one entry per
// transaction, in the message's order, each a decision or the reason it
// was not checked; and, in the fields of a one-payment answer, the
// decision of the most severe transaction checked, so that a client
// reading only those never misses a stopped one.
type MessageDecision struct {
	Decision
	Message      MessageInfo           `json:"message"`
	Transactions []TransactionDecision `json:"transactions"`

	msg *iso20022.Message
	at  time.Time // when the engine decided
}

// MessageInfo identifies the message decided on, as its sender wrote it.
type MessageInfo struct {
	Definition string      `json:"definition"` // "pacs.008.001.08"; "pacs.008" when unnamed
	MsgID      string      `json:"msg_id"`     // GrpHdr/MsgId
	CreatedAt  string      `json:"created_at,omitempty"`
	Header     *HeaderInfo `json:"header,omitempty"` // the business application header's
}

// HeaderInfo is what the business application header says: who sent the
// message (a BIC, else an LEI, member or other ID, else a name), to whom,
// its business message ID, definition and creation date.
type HeaderInfo struct {
	From       string `json:"from,omitempty"`
	To         string `json:"to,omitempty"`
	BizMsgID   string `json:"biz_msg_id,omitempty"`
	Definition string `json:"definition,omitempty"`
	CreatedAt  string `json:"created_at,omitempty"`
}

// TransactionDecision is what became of one CdtTrfTxInf, with where it is
// and its references: the decision, or the error that kept it from being
// checked.
type TransactionDecision struct {
	Path       string `json:"path"`
	PaymentID  string `json:"payment_id"`
	EndToEndID string `json:"end_to_end_id,omitempty"`
	TxID       string `json:"tx_id,omitempty"`
	UETR       string `json:"uetr,omitempty"`
	*Decision
	Error *TransactionError `json:"error,omitempty"`
}

// TransactionError is why a transaction was not checked, in the shape of
// every per-item error of the API: the code, a message, and each failing
// element by its XML path.
type TransactionError struct {
	Code    string             `json:"code"`
	Message string             `json:"message"`
	Errors  []kuzet.FieldError `json:"errors"`
}

// CheckPacs008 decides on the transactions of an ISO 20022 pacs.008, bare
// or in any envelope (package iso20022 reads it): one check per
// CdtTrfTxInf, each exactly as a JSON check would be.
//
// A transaction that fails validation is answered in its place with its
// error and is neither decided nor recorded; the others are decided, so a
// bank learns of every transaction at once, as from an ISO 20022 status
// report. Returns EINVALID naming each failing element by its XML path
// ("Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/CdtrAcct/Id/IBAN") when the
// message cannot be read or none of its transactions can be checked.
func (e *Engine) CheckPacs008(ctx context.Context, orgID int64, doc []byte) (*MessageDecision, error) {
	m, err := iso20022.Read(doc)
	if err != nil {
		return nil, err
	}
	checks := m.Checks()
	now := e.clock()
	var fields []kuzet.FieldError
	keys := make([]uint64, len(checks))
	valid := 0
	for i := range checks {
		c := &checks[i]
		if c.Err == nil {
			pc := c.PaymentCheck // validated on a copy: Check normalizes what it is given
			if err := e.normalize(&pc, now); err != nil {
				if kuzet.ErrorCode(err) != kuzet.EINVALID {
					return nil, err
				}
				c.Err = iso20022.Invalid(c.Fields(err))
			}
		}
		if c.Err == nil {
			var first string
			keys[i], first = e.claim(orgID, m, i, &c.PaymentCheck, now)
			if keys[i] == 0 {
				c.Err = iso20022.Invalid([]kuzet.FieldError{{Field: m.Transactions[i].Path + "/PmtId",
					Message: duplicate(m.MsgID, first)}})
			}
		}
		if c.Err != nil {
			fields = append(fields, kuzet.ErrorFields(c.Err)...)
		} else {
			valid++
		}
	}
	if valid == 0 {
		return nil, iso20022.Invalid(fields)
	}

	md := &MessageDecision{msg: m, at: now, Message: messageInfo(m),
		Transactions: make([]TransactionDecision, len(checks))}
	worst := -1
	for i := range checks {
		c, t := &checks[i], &m.Transactions[i]
		td := &md.Transactions[i]
		*td = TransactionDecision{Path: t.Path, PaymentID: c.PaymentID, EndToEndID: t.EndToEndID, TxID: t.TxID,
			UETR: t.UETR}
		if c.Err == nil {
			d, err := e.Check(ctx, orgID, c.PaymentCheck)
			switch {
			case err == nil:
				e.checkedAs(keys[i], d.CheckID)
				td.Decision = &d
				if worst < 0 || d.Decision.Rank() > md.Transactions[worst].Decision.Decision.Rank() {
					worst = i
				}
				continue
			case kuzet.ErrorCode(err) == kuzet.EINVALID: // the clock passed a created_at since validation
				c.Err = iso20022.Invalid(c.Fields(err))
			default:
				return nil, err
			}
		}
		td.Error = &TransactionError{Code: kuzet.ErrorCode(c.Err), Message: kuzet.ErrorMessage(c.Err),
			Errors: kuzet.ErrorFields(c.Err)}
	}
	if worst < 0 {
		return nil, iso20022.Invalid(fields)
	}
	md.Decision = *md.Transactions[worst].Decision
	return md, nil
}

// checked is a pacs.008 transaction the engine has checked: the check's
// ID, empty while it is being decided.
type checked struct {
	id [32]byte
	n  uint8
}

// claim reserves transaction i of m, sent by the bank orgID, against a
// second check: the same message's same transaction (its references, amount
// and currency) sent again. It returns the key to record the check under,
// or 0 and the first check's ID ("" while that is being decided) for a
// duplicate. ISO 20022 systems reject a duplicate (AM05) rather than pay it
// twice; a sender unsure whether a message arrived resends it, and its
// middleware then learns which check answered the first. The memory is
// the node's own and bounded (EngineConfig.MaxTransfers).
func (e *Engine) claim(orgID int64, m *iso20022.Message, i int, pc *kuzet.PaymentCheck, now time.Time) (key uint64, first string) {
	t := &m.Transactions[i]
	ref := m.MsgID + "\x00" + t.InstrID + "\x00" + t.EndToEndID + "\x00" + t.TxID + "\x00" + t.UETR + "\x00" +
		pc.Amount.String() + pc.Currency
	key = e.hash(uint64(orgID)<<8|tagTransfer, ref)
	sh := e.seen.lock(key)
	defer sh.mu.Unlock()
	if c := sh.get(key); c != nil {
		return 0, string(c.id[:c.n])
	}
	sh.touch(key, uint32(now.Unix()), e.seen.perShard)
	return key, ""
}

// checkedAs records the check that answered a claimed transaction.
func (e *Engine) checkedAs(key uint64, checkID string) {
	sh := e.seen.lock(key)
	if c := sh.get(key); c != nil {
		c.n = uint8(copy(c.id[:], checkID))
	}
	sh.mu.Unlock()
}

func duplicate(msgID, first string) string {
	if first == "" {
		return fmt.Sprintf("a duplicate: this transaction of message %s is being checked", kuzet.Clip(msgID, 40))
	}
	return fmt.Sprintf("a duplicate: this transaction of message %s was checked as %s", kuzet.Clip(msgID, 40), first)
}

func messageInfo(m *iso20022.Message) MessageInfo {
	info := MessageInfo{Definition: m.Definition(), MsgID: m.MsgID, CreatedAt: m.CreDtTm}
	if h := m.Header; h != nil {
		info.Header = &HeaderInfo{From: h.Sender(), To: h.Receiver(), BizMsgID: h.BizMsgID, Definition: h.MsgDefID,
			CreatedAt: h.CreDt}
	}
	return info
}

// Pacs002 writes the answer as an ISO 20022 status report (pacs.002), one
// TxInfAndSts per transaction: ACCP for allow, PDNG for review and hold,
// RJCT for block with the reason FR01; then the reasons kuzet gave, each
// its code as a proprietary reason and its detail as additional
// information. StsId is the check's ID, for the outcome. A transaction
// that was not checked is RJCT with an ISO reason per failing element
// (iso20022.ReasonFor) and no StsId.
func (md *MessageDecision) Pacs002() ([]byte, error) {
	r := &iso20022.StatusReport{MsgID: "rpt-" + md.CheckID, CreatedAt: md.at,
		Statuses: make([]iso20022.TxStatus, len(md.Transactions))}
	for i := range md.Transactions {
		if td := &md.Transactions[i]; td.Decision != nil {
			r.Statuses[i] = txStatus(td.Decision)
		} else {
			r.Statuses[i] = iso20022.Refused(td.Error.Errors)
		}
	}
	return iso20022.WriteStatusReport(md.msg, r)
}

// txStatus says a decision in ISO 20022's words. A review and a hold are
// both pending; the first reason tells them apart by its proprietary code.
func txStatus(d *Decision) iso20022.TxStatus {
	st := iso20022.TxStatus{StatusID: d.CheckID, Status: iso20022.Accepted}
	switch d.Decision {
	case kuzet.DecisionBlock:
		st.Status = iso20022.Rejected
		st.Reasons = append(st.Reasons, iso20022.Reason{Code: iso20022.ReasonFraud,
			Info: "kuzet blocks this payment as fraud: do not execute it."})
	case kuzet.DecisionHold:
		st.Status = iso20022.Pending
		st.Reasons = append(st.Reasons, iso20022.Reason{Proprietary: "HOLD",
			Info: "Hold until " + d.HoldUntil.UTC().Format(time.RFC3339) + " unless the customer confirms out of band."})
	case kuzet.DecisionReview:
		st.Status = iso20022.Pending
		st.Reasons = append(st.Reasons, iso20022.Reason{Proprietary: "REVIEW",
			Info: "Warn the customer or look at the payment before executing it."})
	}
	for _, r := range d.Reasons {
		st.Reasons = append(st.Reasons, iso20022.Reason{Proprietary: r.Code, Info: r.Detail})
	}
	return st
}
