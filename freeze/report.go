package freeze

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/registry"
)

// Limits of a victim report and a freeze answer.
const (
	MaxReportIndicators = 100
	MaxTransfers        = 100 // in a report, and onward in one answer
	maxVictimName       = 200
	maxNote             = 1000
	maxRegionLen        = 64
	maxChannelLen       = 32
	maxTextLen          = 4096 // a report's description
)

// ReportConfidence is the confidence of the registry reports a victim's
// report yields: a victim names what they were shown, unchecked.
const ReportConfidence = 0.3

// IndicatorRef names an identifier as the client wrote it.
type IndicatorRef struct {
	Kind  kuzet.Kind `json:"kind"`
	Value string     `json:"value"`
}

// ReportInput is a victim's report as filed (POST /v1/reports).
type ReportInput struct {
	Victim      kuzet.Victim     `json:"victim"`
	Channel     string           `json:"channel"`
	Scheme      string           `json:"scheme"`
	Description string           `json:"description"`
	AmountLost  kuzet.Amount     `json:"amount_lost"`
	Currency    string           `json:"currency"`
	Indicators  []IndicatorRef   `json:"indicators"`
	Transfers   []kuzet.Transfer `json:"transfers"`
}

// ReportResult is what filing a report made.
type ReportResult struct {
	Report *kuzet.VictimReport
	// FreezeRequests are the first hop: one per receiving account, open at
	// the member bank that holds it, or left_system.
	FreezeRequests []*kuzet.FreezeRequest
	// Indicators are the report's identifiers and receiving accounts, for
	// the registry as victim_report (see Submissions).
	Indicators []kuzet.Indicator
	// Filing is the case the report joined or opened, when a CaseFiler
	// files reports.
	Filing *kuzet.CaseFiling
}

// Submissions returns the registry reports of a report's identifiers.
func (r *ReportResult) Submissions() []registry.Submission {
	return victimSubmissions(r.Indicators, "victim report "+r.Report.ID)
}

func victimSubmissions(inds []kuzet.Indicator, evidence string) []registry.Submission {
	out := make([]registry.Submission, 0, len(inds))
	for _, ind := range inds {
		out = append(out, registry.Submission{Kind: ind.Kind, Value: ind.Value, Category: kuzet.CategoryVictimReport,
			Confidence: ReportConfidence, Evidence: evidence})
	}
	return out
}

// NewReport records a victim's report filed by orgID and raises a freeze
// request for each account that received the victim's money, addressed to
// the member bank holding it (by to_bank_bic, else by the KZ IBAN's bank
// code); an account at no member bank becomes a left_system leaf. Banks
// with a webhook get each request pushed. The report's identifiers and the
// receiving accounts go to the registry as victim_report, with low
// confidence, in the filer's name.
//
// Returns EINVALID naming every failing field by its JSON path.
func (s *Service) NewReport(ctx context.Context, orgID int64, in ReportInput) (*ReportResult, error) {
	now := s.clock()
	r, inds, err := s.validateReport(&in, now)
	if err != nil {
		return nil, err
	}
	r.ID, r.CaseID, r.OrgID, r.CreatedAt = kuzet.NewID("rep_"), kuzet.NewID("case_"), orgID, now
	res := &ReportResult{Report: r, Indicators: inds}
	err = kuzet.Transact(ctx, s.store, true, func(tx kuzet.Tx) error {
		orgs, err := tx.FindOrgs(ctx)
		if err != nil {
			return err
		}
		dir := newBanks(orgs)
		for i := range r.Transfers {
			t := &r.Transfers[i]
			if t.ToBankBIC == "" {
				if o := dir.route("", t.ToIBAN); o != nil {
					t.ToBankBIC = o.BIC
				}
			}
		}
		if s.cases != nil {
			if res.Filing, err = s.cases.FileReport(ctx, tx, r); err != nil {
				return err
			}
		}
		if err := tx.CreateVictimReport(ctx, r); err != nil {
			return err
		}
		root := &kuzet.FreezeRequest{ReportID: r.ID, CaseID: r.CaseID, Currency: r.Currency}
		res.FreezeRequests = s.requests(dir, root, 1, "", r.Transfers, now)
		if err := s.raise(ctx, tx, res.FreezeRequests, now); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditReportCreate,
			Object: "report:" + r.ID, Detail: fmt.Sprintf("case %s, %d freeze requests", r.CaseID, len(res.FreezeRequests))})
	})
	if err != nil {
		return nil, wrap("new report", err)
	}
	if err := s.submit(ctx, orgID, res.Submissions()); err != nil {
		return nil, err
	}
	return res, nil
}

func (s *Service) validateReport(in *ReportInput, now time.Time) (*kuzet.VictimReport, []kuzet.Indicator, error) {
	var p kuzet.Problems
	v := &in.Victim
	p.Text("victim.name", &v.Name, maxVictimName)
	if v.Name == "" {
		p.Add("victim.name", "the victim's name is required")
	}
	p.Text("victim.region", &v.Region, maxRegionLen)
	if v.Phone = strings.TrimSpace(v.Phone); v.Phone != "" {
		if ind, err := ident.ParsePhone(v.Phone, ""); err != nil {
			p.Parsed("victim.phone", err)
		} else {
			v.Phone = ind.Value
		}
	}
	p.Token("channel", &in.Channel, maxChannelLen)
	p.Token("scheme", &in.Scheme, maxChannelLen)
	p.Text("description", &in.Description, maxTextLen)
	if in.AmountLost < 0 || in.AmountLost > kuzet.MaxAmount {
		p.Add("amount_lost", "amount_lost must be from 0 to %s", kuzet.MaxAmount)
	}
	p.Currency("currency", &in.Currency)

	var inds []kuzet.Indicator
	seen := map[string]bool{}
	add := func(ind kuzet.Indicator) {
		if !seen[ind.Key()] {
			seen[ind.Key()] = true
			inds = append(inds, kuzet.Indicator{Kind: ind.Kind, Value: ind.Value})
		}
	}
	if len(in.Indicators) > MaxReportIndicators {
		p.Add("indicators", "at most %d indicators", MaxReportIndicators)
	} else {
		for i, ref := range in.Indicators {
			ind, err := s.parser.Parse(ref.Kind, ref.Value)
			if err != nil {
				for _, f := range kuzet.ErrorFields(kuzet.WithField(err, "indicators["+strconv.Itoa(i)+"]")) {
					p.Add(f.Field, "%s", f.Message)
				}
				continue
			}
			add(ind)
		}
	}
	if len(in.Transfers) > MaxTransfers {
		p.Add("transfers", "at most %d transfers", MaxTransfers)
	} else {
		for i := range in.Transfers {
			if ind, ok := checkTransfer(&p, "transfers["+strconv.Itoa(i)+"]", &in.Transfers[i], now); ok {
				add(ind)
			}
		}
	}
	if err := p.Err(); err != nil {
		return nil, nil, err
	}
	return &kuzet.VictimReport{Victim: *v, Channel: in.Channel, Scheme: in.Scheme, Description: in.Description,
		AmountLost: in.AmountLost, Currency: in.Currency, Indicators: inds, Transfers: in.Transfers}, inds, nil
}

// checkTransfer validates and normalizes a transfer in place and returns
// its receiving account.
func checkTransfer(p *kuzet.Problems, path string, t *kuzet.Transfer, now time.Time) (kuzet.Indicator, bool) {
	n := p.Len()
	p.BIC(path+".from_bank_bic", &t.FromBankBIC)
	p.BIC(path+".to_bank_bic", &t.ToBankBIC)
	p.Amount(path+".amount", t.Amount)
	if !t.At.IsZero() && t.At.After(now.Add(time.Hour)) {
		p.Add(path+".at", "at is more than an hour in the future")
	}
	var ind kuzet.Indicator
	if strings.TrimSpace(t.ToIBAN) == "" {
		p.Add(path+".to_iban", "to_iban is required")
	} else if v, err := ident.ParseIBAN(t.ToIBAN); err != nil {
		p.Parsed(path+".to_iban", err)
	} else {
		ind, t.ToIBAN = v, v.Value
	}
	return ind, p.Len() == n
}

// requests makes the freeze requests of transfers that reached accounts
// from parent's account (none on the first hop): one per account, the
// amounts of several transfers to it added up.
func (s *Service) requests(dir *banks, parent *kuzet.FreezeRequest, hop int, fromBIC string, ts []kuzet.Transfer, now time.Time) []*kuzet.FreezeRequest {
	var out []*kuzet.FreezeRequest
	byIBAN := map[string]*kuzet.FreezeRequest{}
	for _, t := range ts {
		if r := byIBAN[t.ToIBAN]; r != nil {
			r.Amount += t.Amount
			if !t.At.IsZero() && (r.TransferAt.IsZero() || t.At.Before(r.TransferAt)) {
				r.TransferAt = t.At
			}
			continue
		}
		r := &kuzet.FreezeRequest{
			ID: kuzet.NewID("frz_"), ReportID: parent.ReportID, CaseID: parent.CaseID, ParentID: parent.ID, Hop: hop,
			IBAN: t.ToIBAN, FromBankBIC: t.FromBankBIC, Amount: t.Amount, Currency: parent.Currency,
			TransferAt: t.At, CreatedAt: now,
		}
		if r.FromBankBIC == "" {
			r.FromBankBIC = fromBIC
		}
		if o := dir.route(t.ToBankBIC, t.ToIBAN); o != nil {
			r.OrgID, r.BankBIC, r.Status, r.DueAt = o.ID, o.BIC, kuzet.FreezeOpen, now.Add(s.deadline)
		} else {
			// No member bank to ask: the trail ends here, marked.
			r.BankBIC, r.Status = t.ToBankBIC, kuzet.FreezeLeftSystem
		}
		byIBAN[t.ToIBAN] = r
		out = append(out, r)
	}
	return out
}

// raise stores new requests and queues a webhook delivery for each open one
// whose bank has a webhook.
func (s *Service) raise(ctx context.Context, tx kuzet.Tx, reqs []*kuzet.FreezeRequest, now time.Time) error {
	if len(reqs) == 0 {
		return nil
	}
	if err := tx.CreateFreezeRequests(ctx, reqs); err != nil {
		return err
	}
	return s.notify(ctx, tx, "freeze_request.created", reqs, now)
}

// Event is the body of a webhook delivery.
type Event struct {
	ID        string    `json:"id"` // the delivery's: repeated on a retry, so a receiver can drop duplicates
	Event     string    `json:"event"`
	CreatedAt time.Time `json:"created_at"`
	Data      any       `json:"data"`
}

// notify queues an event about each open request to its bank, if the bank
// has a webhook. The delivery is stored in the same transaction as the
// change, so that it cannot be lost.
func (s *Service) notify(ctx context.Context, tx kuzet.Tx, event string, reqs []*kuzet.FreezeRequest, now time.Time) error {
	hooks := map[int64]bool{}
	var ds []*kuzet.WebhookDelivery
	for _, r := range reqs {
		if r.OrgID == 0 || r.Status != kuzet.FreezeOpen {
			continue
		}
		has, ok := hooks[r.OrgID]
		if !ok {
			_, err := tx.FindWebhook(ctx, r.OrgID)
			switch kuzet.ErrorCode(err) {
			case "":
				has = true
			case kuzet.ENOTFOUND:
			default:
				return err
			}
			hooks[r.OrgID] = has
		}
		if !has {
			continue
		}
		id := kuzet.NewID("dlv_")
		body, err := json.Marshal(Event{ID: id, Event: event, CreatedAt: now, Data: r})
		if err != nil {
			return err
		}
		ds = append(ds, &kuzet.WebhookDelivery{ID: id, OrgID: r.OrgID, Event: event, Object: "freeze_request:" + r.ID,
			Body: body, Status: kuzet.DeliveryPending, NextAt: now, CreatedAt: now})
	}
	if len(ds) == 0 {
		return nil
	}
	return tx.CreateDeliveries(ctx, ds)
}

// Item is a freeze request as its reader sees it: with whether it is past
// its deadline.
type Item struct {
	*kuzet.FreezeRequest
	Overdue bool `json:"overdue"`
}

func (s *Service) items(reqs []*kuzet.FreezeRequest) []Item {
	now := s.clock()
	out := make([]Item, len(reqs))
	for i, r := range reqs {
		out[i] = Item{r, r.Overdue(now)}
	}
	return out
}

// recordRead audits a read of freeze requests, which name victims'
// accounts and amounts.
func (s *Service) recordRead(ctx context.Context, orgID int64, object, detail string) error {
	err := s.audit.Record(ctx, &kuzet.AuditEntry{At: s.clock(), OrgID: orgID, Action: kuzet.AuditFreezeRead,
		Object: object, Detail: detail})
	if err != nil {
		return fmt.Errorf("freeze: audit read of %s: %w", object, err)
	}
	return nil
}

// Inbox returns the freeze requests addressed to the bank orgID, oldest
// first; status "" for every status. The read is audited. Returns EINVALID
// for an unknown status.
func (s *Service) Inbox(ctx context.Context, orgID int64, status kuzet.FreezeStatus) ([]Item, error) {
	if status != "" && status != kuzet.FreezeOpen && !status.Answer() {
		return nil, kuzet.Invalid("status", "status must be one of open, frozen, insufficient_funds, account_not_found, rejected")
	}
	if orgID <= 0 {
		return nil, kuzet.Errorf(kuzet.EFORBIDDEN, "an inbox belongs to a bank")
	}
	var out []*kuzet.FreezeRequest
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) (err error) {
		out, err = tx.FindFreezeRequests(ctx, kuzet.FreezeRequestFilter{OrgID: orgID, Status: status})
		return err
	})
	if err != nil {
		return nil, wrap("freeze inbox", err)
	}
	if err := s.recordRead(ctx, orgID, "freeze_inbox", strconv.Itoa(len(out))+" requests listed"); err != nil {
		return nil, err
	}
	return s.items(out), nil
}

// FreezeRequest returns one request of the bank orgID's inbox. The read is
// audited. Returns ENOTFOUND if there is none such, or it is addressed to
// another bank.
func (s *Service) FreezeRequest(ctx context.Context, orgID int64, id string) (Item, error) {
	if !kuzet.ValidID(id, "frz_") || orgID <= 0 {
		return Item{}, kuzet.Errorf(kuzet.ENOTFOUND, "no freeze request %q", kuzet.Clip(id, 32))
	}
	var r *kuzet.FreezeRequest
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) (err error) {
		r, err = tx.FindFreezeRequest(ctx, orgID, id)
		return err
	})
	if err != nil {
		return Item{}, wrap("find freeze request", err)
	}
	if err := s.recordRead(ctx, orgID, "freeze_request:"+r.ID, ""); err != nil {
		return Item{}, err
	}
	return s.items([]*kuzet.FreezeRequest{r})[0], nil
}

// FreezeResponse is a bank's answer to a freeze request.
type FreezeResponse struct {
	Status       kuzet.FreezeStatus `json:"status"`
	FrozenAmount kuzet.Amount       `json:"frozen_amount"`
	Onward       []kuzet.Transfer   `json:"onward_transfers"`
	Note         string             `json:"note"`
}

// RespondResult is what an answer made.
type RespondResult struct {
	Request Item // as answered
	// Next are the next hop's requests raised by the onward transfers.
	Next []*kuzet.FreezeRequest
	// Indicators are the onward accounts, for the registry as victim_report
	// (see Submissions).
	Indicators []kuzet.Indicator
}

// Submissions returns the registry reports of the onward accounts.
func (r *RespondResult) Submissions() []registry.Submission {
	return victimSubmissions(r.Indicators, "onward transfer in freeze request "+r.Request.ID)
}

// Respond records the bank orgID's answer to an open freeze request: the
// money frozen (held for FreezeDays business days at most), and where the
// rest went. Each onward account raises a request at the next hop's bank,
// or a left_system leaf. Frozen, insufficient_funds and rejected answers
// may name onward transfers; account_not_found may not.
//
// Returns EINVALID for a malformed answer, ENOTFOUND if the request does
// not exist or is another bank's, and ECONFLICT if it was answered already.
func (s *Service) Respond(ctx context.Context, orgID int64, id string, in FreezeResponse) (*RespondResult, error) {
	if !kuzet.ValidID(id, "frz_") || orgID <= 0 {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no freeze request %q", kuzet.Clip(id, 32))
	}
	now := s.clock()
	var p kuzet.Problems
	switch {
	case !in.Status.Answer():
		p.Add("status", "status must be one of frozen, insufficient_funds, account_not_found, rejected")
	case in.Status == kuzet.FreezeFrozen && in.FrozenAmount <= 0:
		p.Add("frozen_amount", "a frozen answer needs a positive frozen_amount")
	case (in.Status == kuzet.FreezeAccountNotFound || in.Status == kuzet.FreezeRejected) && in.FrozenAmount != 0:
		p.Add("frozen_amount", "a %s answer freezes nothing", in.Status)
	case in.Status == kuzet.FreezeAccountNotFound && len(in.Onward) > 0:
		p.Add("onward_transfers", "an account that is not found has no onward transfers")
	}
	if in.FrozenAmount < 0 {
		p.Add("frozen_amount", "frozen_amount must not be negative")
	}
	p.Text("note", &in.Note, maxNote)
	var inds []kuzet.Indicator
	if len(in.Onward) > MaxTransfers {
		p.Add("onward_transfers", "at most %d onward transfers", MaxTransfers)
	} else {
		for i := range in.Onward {
			if ind, ok := checkTransfer(&p, "onward_transfers["+strconv.Itoa(i)+"]", &in.Onward[i], now); ok {
				ind = kuzet.Indicator{Kind: ind.Kind, Value: ind.Value}
				if !slices.Contains(inds, ind) {
					inds = append(inds, ind)
				}
			}
		}
	}
	if err := p.Err(); err != nil {
		return nil, err
	}

	res := &RespondResult{Indicators: inds}
	err := kuzet.Transact(ctx, s.store, true, func(tx kuzet.Tx) error {
		r, err := tx.FindFreezeRequest(ctx, orgID, id)
		if err != nil {
			return err
		}
		if r.Status != kuzet.FreezeOpen {
			return kuzet.Errorf(kuzet.ECONFLICT, "freeze request %s was answered already: %s", r.ID, r.Status)
		}
		if in.FrozenAmount > r.Amount {
			return kuzet.Invalid("frozen_amount", "frozen_amount %s exceeds the %s the request is about", in.FrozenAmount, r.Amount)
		}
		if len(in.Onward) > 0 && r.Hop >= s.maxHops {
			return kuzet.Invalid("onward_transfers", "the trail is %d hops deep already, the most it follows", r.Hop)
		}
		if len(in.Onward) > 0 {
			trail, err := tx.FindFreezeRequests(ctx, kuzet.FreezeRequestFilter{ReportID: r.ReportID, Limit: maxTrailRequests})
			if err != nil {
				return err
			}
			if err := checkOnward(r, trail, in); err != nil {
				return err
			}
		}
		r.Status, r.FrozenAmount, r.Onward, r.Note, r.RespondedAt = in.Status, in.FrozenAmount, in.Onward, in.Note, now
		if r.FrozenAmount > 0 {
			r.FrozenUntil = addBusinessDays(now, s.freezeDays)
		}
		if err := tx.UpdateFreezeRequest(ctx, r); err != nil {
			return err
		}
		res.Request = Item{FreezeRequest: r, Overdue: r.Overdue(now)}
		if len(in.Onward) > 0 {
			orgs, err := tx.FindOrgs(ctx)
			if err != nil {
				return err
			}
			res.Next = s.requests(newBanks(orgs), r, r.Hop+1, r.BankBIC, in.Onward, now)
			if err := s.raise(ctx, tx, res.Next, now); err != nil {
				return err
			}
			if l, ok := s.cases.(OnwardLinker); ok {
				if err := l.LinkOnward(ctx, tx, r, in.Onward); err != nil {
					return err
				}
			}
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditFreezeRespond,
			Object: "freeze_request:" + r.ID,
			Detail: fmt.Sprintf("%s, frozen %s %s, %d onward", r.Status, r.FrozenAmount, r.Currency, len(res.Next))})
	})
	if err != nil {
		return nil, wrap("answer freeze request", err)
	}
	if err := s.submit(ctx, orgID, res.Submissions()); err != nil {
		return nil, err
	}
	return res, nil
}

// maxTrailRequests bounds the requests of one trail read to check an
// answer against: MaxTransfers onward per answer over a few hops.
const maxTrailRequests = 100_000

// checkOnward refuses an answer to r whose onward transfers do not add up
// with the money that reached r's account, so that no amount is counted
// twice down the trail: more sent on (and frozen) than arrived, a transfer
// dated before the money arrived, or money sent back to an account on its
// own path (a cycle) or to one that has a request of this trail already.
func checkOnward(r *kuzet.FreezeRequest, trail []*kuzet.FreezeRequest, in FreezeResponse) error {
	var p kuzet.Problems
	byID := make(map[string]*kuzet.FreezeRequest, len(trail))
	byIBAN := make(map[string]*kuzet.FreezeRequest, len(trail))
	for _, t := range trail {
		byID[t.ID] = t
		if _, ok := byIBAN[t.IBAN]; !ok {
			byIBAN[t.IBAN] = t
		}
	}
	// The path from the victim to r: the money came through these.
	path := map[string]int{r.IBAN: r.Hop}
	for a := byID[r.ParentID]; a != nil && len(path) <= len(trail); a = byID[a.ParentID] {
		path[a.IBAN] = a.Hop
	}
	sent := in.FrozenAmount
	for i, t := range in.Onward {
		at := "onward_transfers[" + strconv.Itoa(i) + "]"
		sent += t.Amount
		if hop, ok := path[t.ToIBAN]; ok {
			p.Add(at+".to_iban", "%s is on the money's own path (hop %d): a transfer back to it is a cycle, not onward money", t.ToIBAN, hop)
		} else if o := byIBAN[t.ToIBAN]; o != nil {
			p.Add(at+".to_iban", "%s has a freeze request of this trail already (%s, hop %d): its bank answers for the money there", t.ToIBAN, o.ID, o.Hop)
		}
		if !t.At.IsZero() && !r.TransferAt.IsZero() && t.At.Before(r.TransferAt) {
			p.Add(at+".at", "the transfer is dated %s, before the money reached %s at %s",
				t.At.UTC().Format(time.RFC3339), r.IBAN, r.TransferAt.UTC().Format(time.RFC3339))
		}
	}
	if sent > r.Amount {
		p.Add("onward_transfers", "%s frozen and sent on exceeds the %s %s that reached %s from this transfer",
			sent, r.Amount, r.Currency, r.IBAN)
	}
	return p.Err()
}

// Viewer is who asks for a trail: the organisation, and whether its role
// sees every report (the police's case.read) rather than only its own.
type Viewer struct {
	OrgID  int64
	SeeAll bool
}

// Trail is the whole path of a report's money: the report, its freeze
// requests as a tree, and the sums.
type Trail struct {
	Report   *kuzet.VictimReport `json:"report"`
	Requests []*TrailNode        `json:"requests"` // the first hop
	Totals   TrailTotals         `json:"totals"`
}

// TrailNode is one freeze request in the tree.
type TrailNode struct {
	*kuzet.FreezeRequest
	Overdue  bool         `json:"overdue"`
	Children []*TrailNode `json:"children"`
}

// TrailTotals sum up a trail.
type TrailTotals struct {
	Frozen     kuzet.Amount `json:"frozen"`      // frozen at any hop
	LeftSystem kuzet.Amount `json:"left_system"` // reached accounts at no member bank
	Requests   int          `json:"requests"`
	Open       int          `json:"open"`
	Overdue    int          `json:"overdue"`
	Hops       int          `json:"hops"` // depth
}

// Trail returns the trail of a report. A viewer sees the reports its
// organisation filed, or every report with SeeAll. Returns ENOTFOUND if the
// report does not exist or the viewer may not see it.
func (s *Service) Trail(ctx context.Context, v Viewer, reportID string) (*Trail, error) {
	notFound := kuzet.Errorf(kuzet.ENOTFOUND, "no report %q", kuzet.Clip(reportID, 32))
	if !kuzet.ValidID(reportID, "rep_") {
		return nil, notFound
	}
	now := s.clock()
	var t Trail
	var reqs []*kuzet.FreezeRequest
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) error {
		r, err := tx.FindVictimReport(ctx, reportID)
		if err != nil {
			return err
		}
		if !v.SeeAll && r.OrgID != v.OrgID {
			return notFound
		}
		t.Report = r
		reqs, err = tx.FindFreezeRequests(ctx, kuzet.FreezeRequestFilter{ReportID: reportID})
		return err
	})
	if err != nil {
		return nil, wrap("trail", err)
	}
	err = s.audit.Record(ctx, &kuzet.AuditEntry{At: now, OrgID: v.OrgID, Action: kuzet.AuditReportRead,
		Object: "report:" + reportID, Detail: "trail"})
	if err != nil {
		return nil, fmt.Errorf("freeze: audit trail read: %w", err)
	}
	t.Requests = buildTrail(reqs, now, &t.Totals)
	return &t, nil
}

// buildTrail arranges requests into trees by ParentID and sums them up.
func buildTrail(reqs []*kuzet.FreezeRequest, now time.Time, tot *TrailTotals) []*TrailNode {
	nodes := make(map[string]*TrailNode, len(reqs))
	for _, r := range reqs {
		nodes[r.ID] = &TrailNode{FreezeRequest: r, Overdue: r.Overdue(now), Children: []*TrailNode{}}
	}
	roots := []*TrailNode{}
	for _, r := range reqs { // oldest first, so children keep their order
		n := nodes[r.ID]
		if p := nodes[r.ParentID]; p != nil && r.ParentID != "" {
			p.Children = append(p.Children, n)
		} else {
			roots = append(roots, n)
		}
		tot.Requests++
		tot.Frozen += r.FrozenAmount
		tot.Hops = max(tot.Hops, r.Hop)
		switch {
		case r.Status == kuzet.FreezeLeftSystem:
			tot.LeftSystem += r.Amount
		case r.Status == kuzet.FreezeOpen:
			tot.Open++
		}
		if n.Overdue {
			tot.Overdue++
		}
	}
	return roots
}

// Escalate marks every open request past its deadline as escalated, once,
// pushes an overdue event to its bank, and returns the requests escalated
// now. Run it every minute or so.
func (s *Service) Escalate(ctx context.Context) ([]*kuzet.FreezeRequest, error) {
	now := s.clock()
	no := false
	var out []*kuzet.FreezeRequest
	err := kuzet.Transact(ctx, s.store, true, func(tx kuzet.Tx) error {
		due, err := tx.FindFreezeRequests(ctx, kuzet.FreezeRequestFilter{Status: kuzet.FreezeOpen, DueBefore: now, Escalated: &no})
		if err != nil {
			return err
		}
		var entries []*kuzet.AuditEntry
		for _, r := range due {
			r.EscalatedAt = now
			if err := tx.UpdateFreezeRequest(ctx, r); err != nil {
				return err
			}
			entries = append(entries, &kuzet.AuditEntry{At: now, Action: kuzet.AuditFreezeEscalate,
				Object: "freeze_request:" + r.ID, Detail: fmt.Sprintf("overdue since %s", r.DueAt.UTC().Format(time.RFC3339))})
		}
		if len(due) == 0 {
			return nil
		}
		if err := s.notify(ctx, tx, "freeze_request.overdue", due, now); err != nil {
			return err
		}
		out = due
		return tx.AppendAudit(ctx, entries...)
	})
	if err != nil {
		return nil, wrap("escalate freeze requests", err)
	}
	return out, nil
}

// Overdue returns every open request past its deadline, across banks, for
// the police (orgID) and the dashboard. The read is audited.
func (s *Service) Overdue(ctx context.Context, orgID int64) ([]Item, error) {
	now := s.clock()
	var out []*kuzet.FreezeRequest
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) (err error) {
		out, err = tx.FindFreezeRequests(ctx, kuzet.FreezeRequestFilter{Status: kuzet.FreezeOpen, DueBefore: now})
		return err
	})
	if err != nil {
		return nil, wrap("overdue freeze requests", err)
	}
	if err := s.recordRead(ctx, orgID, "freeze_overdue", strconv.Itoa(len(out))+" requests listed"); err != nil {
		return nil, err
	}
	return s.items(out), nil
}

// EscalateEvery runs Escalate every interval until ctx ends, logging
// faults, and returns ctx's error: the server's escalation job.
func (s *Service) EscalateEvery(ctx context.Context, every time.Duration) error {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
		reqs, err := s.Escalate(ctx)
		if err != nil {
			s.log.Error("freeze: escalating overdue freeze requests", "err", err)
			continue
		}
		for _, r := range reqs {
			s.log.Warn("freeze: freeze request overdue", "request", r.ID, "bank", r.BankBIC, "due", r.DueAt)
		}
	}
}
