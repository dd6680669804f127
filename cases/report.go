package cases

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/registry"
)

// Flags a filed report may carry.
const (
	FlagNoIdentifier   = "no_identifier"   // no contact and no identifier: kept for the record
	FlagUnknownRegion  = "unknown_region"  // a region not on the deployment's list
	FlagUnknownChannel = "unknown_channel" // a channel not on Channels
	FlagUnknownScheme  = "unknown_scheme"  // a scheme not on Schemes
	FlagDuplicate      = "duplicate"       // the same loss reported before
)

func lower(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// FileReport files the report r, inside the transaction tx that stores it,
// into a case: the open case holding most of the earlier reports that share
// one of its identifiers (hubs aside), or a new one. It sets r.CaseID,
// links r in the graph to its identifiers and its case, recognises a
// report of the same loss filed before, and flags what a person should
// look at. The freeze service calls it for every report.
func (s *Service) FileReport(ctx context.Context, tx kuzet.Tx, r *kuzet.VictimReport) (*kuzet.CaseFiling, error) {
	now := s.clock()
	f := &kuzet.CaseFiling{}
	if name, ok := s.regions[lower(r.Victim.Region)]; ok {
		r.Victim.Region = name
	} else if r.Victim.Region != "" {
		f.Flags = append(f.Flags, FlagUnknownRegion)
	}
	if r.Channel != "" && !slices.Contains(Channels, r.Channel) {
		f.Flags = append(f.Flags, FlagUnknownChannel)
	}
	if r.Scheme != "" && !slices.Contains(Schemes, r.Scheme) {
		f.Flags = append(f.Flags, FlagUnknownScheme)
	}
	if len(r.Indicators) == 0 && r.Victim.Phone == "" {
		f.Flags = append(f.Flags, FlagNoIdentifier)
	}

	node := "report:" + r.ID
	idents := make([]string, 0, len(r.Indicators))
	for _, ind := range r.Indicators {
		idents = append(idents, ind.Key())
	}
	// Earlier reports through each identifier that is not a hub.
	degrees, err := tx.GraphDegrees(ctx, idents)
	if err != nil {
		return nil, err
	}
	var joins []string
	for _, n := range idents {
		if degrees[n] < int64(s.hubDegree) {
			joins = append(joins, n)
		}
	}
	edges, err := tx.GraphNeighbours(ctx, joins, s.hubDegree)
	if err != nil {
		return nil, err
	}
	linked := map[string]bool{}
	for _, e := range edges {
		if kuzet.NodeType(e.B) == "report" {
			linked[strings.TrimPrefix(e.B, "report:")] = true
		}
	}
	for id := range linked {
		f.Linked = append(f.Linked, id)
	}
	slices.Sort(f.Linked)

	// The case holding most linked reports, the oldest on a tie; closed
	// cases take no new reports.
	links, err := tx.FindReportCases(ctx, f.Linked)
	if err != nil {
		return nil, err
	}
	votes := map[string]int{}
	for _, l := range links {
		votes[l.CaseID]++
	}
	var candidates []*kuzet.Case
	for id := range votes {
		c, err := tx.FindCase(ctx, id)
		if err != nil {
			return nil, err
		}
		if c.Status != kuzet.CaseClosed {
			candidates = append(candidates, c)
		}
	}
	slices.SortFunc(candidates, func(a, b *kuzet.Case) int {
		if d := cmp.Compare(votes[b.ID], votes[a.ID]); d != 0 {
			return d
		}
		return a.CreatedAt.Compare(b.CreatedAt)
	})
	if len(candidates) > 0 {
		r.CaseID = candidates[0].ID
	} else {
		f.NewCase = true
		if r.CaseID == "" {
			r.CaseID = kuzet.NewID("case_")
		}
		c := &kuzet.Case{ID: r.CaseID, Title: caseTitle(r), Status: kuzet.CaseRegistered, TLP: kuzet.TLPAmber,
			Region: r.Victim.Region, Scheme: r.Scheme, CreatedAt: now, UpdatedAt: now}
		c.History = []kuzet.CaseChange{{At: now, By: r.OrgID, What: "status", To: string(kuzet.CaseRegistered),
			Reason: "report " + r.ID}}
		if err := tx.CreateCase(ctx, c); err != nil {
			return nil, err
		}
		if err := tx.AddCaseEvents(ctx, &kuzet.CaseEvent{CaseID: c.ID, Kind: kuzet.CaseEventRegistered,
			Region: c.Region, N: 1, At: now}); err != nil {
			return nil, err
		}
	}
	f.CaseID = r.CaseID

	// The same victim and amount among the linked reports: a duplicate.
	for _, id := range f.Linked {
		prev, err := tx.FindVictimReport(ctx, id)
		if err != nil {
			if kuzet.ErrorCode(err) == kuzet.ENOTFOUND {
				continue
			}
			return nil, err
		}
		if sameLoss(prev, r) {
			f.DuplicateOf = prev.ID
			f.Flags = append(f.Flags, FlagDuplicate)
			break
		}
	}

	if err := tx.LinkCaseReport(ctx, &kuzet.CaseReport{CaseID: r.CaseID, ReportID: r.ID, OrgID: r.OrgID,
		Region: r.Victim.Region, AmountLost: r.AmountLost, Currency: r.Currency, DuplicateOf: f.DuplicateOf,
		Flags: f.Flags, CreatedAt: now, Scheme: r.Scheme, Channel: r.Channel}); err != nil {
		return nil, err
	}
	add := []kuzet.GraphEdge{{A: node, B: "case:" + r.CaseID, Kind: "in_case", At: now}}
	transfer := map[string]bool{}
	for _, t := range r.Transfers {
		transfer["iban:"+t.ToIBAN] = true
	}
	for _, n := range idents {
		kind := "named"
		if transfer[n] {
			kind = "paid_to"
		}
		add = append(add, kuzet.GraphEdge{A: node, B: n, Kind: kind, At: now})
	}
	if err := tx.AddGraphEdges(ctx, add); err != nil {
		return nil, err
	}
	s.addPending(s.gen.Add(1), r, idents, f.DuplicateOf != "")
	return f, tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: r.OrgID, Action: kuzet.AuditCaseFile,
		Object: "case:" + r.CaseID, Detail: fmt.Sprintf("report %s, %d linked, new case %t", r.ID, len(f.Linked), f.NewCase)})
}

// sameLoss reports whether two reports tell of the same loss: the same
// victim (by phone, else by name) and the same amount.
func sameLoss(a, b *kuzet.VictimReport) bool {
	if a.AmountLost != b.AmountLost || a.Currency != b.Currency {
		return false
	}
	if a.Victim.Phone != "" && b.Victim.Phone != "" {
		return a.Victim.Phone == b.Victim.Phone
	}
	return a.Victim.Name != "" && strings.EqualFold(a.Victim.Name, b.Victim.Name)
}

// caseTitle names a new case after its first report.
func caseTitle(r *kuzet.VictimReport) string { return reportTitle(r.Scheme, r.Victim.Region) }

func reportTitle(scheme, region string) string {
	scheme = strings.ReplaceAll(scheme, "_", " ")
	if scheme == "" {
		scheme = "fraud"
	}
	if region != "" {
		return scheme + ", " + region
	}
	return scheme
}

// groupTitle names a case opened from a group of the link graph.
func groupTitle(g string, victims int) string {
	return fmt.Sprintf("organised group %s: %d victims", g, victims)
}

// untitled is the title of a case opened with neither a title nor a group.
const untitled = "case"

// TitleSource says what the service wrote a case's title from, when it
// wrote it rather than an officer: a console shows such a title in its
// reader's language, and an officer's title as written.
type TitleSource int

const (
	TitleByOfficer TitleSource = iota // the officer's words
	TitleOfReport                     // the first report's scheme and region: the case's Scheme and Region
	TitleOfGroup                      // the group it was opened from: the case's GroupID, and Victims
	TitleUntitled                     // no title was given
)

// TitleOf tells what c's title was written from, and for a group's case the
// number of victims it names.
func TitleOf(c *kuzet.Case) (src TitleSource, victims int) {
	switch {
	case c.Title == untitled:
		return TitleUntitled, 0
	case c.Title == reportTitle(c.Scheme, c.Region):
		return TitleOfReport, 0
	case c.GroupID != "":
		rest, ok := strings.CutPrefix(c.Title, "organised group "+c.GroupID+": ")
		if !ok {
			break
		}
		n, ok := strings.CutSuffix(rest, " victims")
		if v, err := strconv.Atoi(n); ok && err == nil && c.Title == groupTitle(c.GroupID, v) {
			return TitleOfGroup, v
		}
	}
	return TitleByOfficer, 0
}

// FiledReport is a victim's report as GET /v1/reports/{id} answers it:
// the report, and for the police the cases it is filed in.
type FiledReport struct {
	*kuzet.VictimReport
	Cases []*kuzet.CaseReport `json:"cases,omitempty"`
}

// Report returns one victim's report: any report to the police (seeAll),
// the reports it filed to any other organisation. Every read is audited: a
// report holds the victim's personal data. Returns ENOTFOUND if there is no
// such report or the caller may not see it.
func (s *Service) Report(ctx context.Context, orgID int64, seeAll bool, id string) (*FiledReport, error) {
	notFound := kuzet.Errorf(kuzet.ENOTFOUND, "no report %q", kuzet.Clip(id, 32))
	if !kuzet.ValidID(id, "rep_") {
		return nil, notFound
	}
	v := &FiledReport{}
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) error {
		r, err := tx.FindVictimReport(ctx, id)
		if err != nil {
			return err
		}
		if !seeAll && r.OrgID != orgID {
			return notFound
		}
		v.VictimReport = r
		if seeAll {
			v.Cases, err = tx.FindReportCases(ctx, []string{id})
		}
		return err
	})
	if err != nil {
		return nil, wrap("report", err)
	}
	if err := s.audit.Record(ctx, &kuzet.AuditEntry{At: s.clock(), OrgID: orgID, Action: kuzet.AuditReportRead,
		Object: "report:" + id, Detail: "report"}); err != nil {
		return nil, wrap("audit report read", err)
	}
	return v, nil
}

// LinkOnward adds to the link graph, inside the transaction that records a
// bank's answer to freeze request r, where the money went on: an edge from
// r's account to each onward account, and from the report to it, so that
// the mules further down a trail join the group of the victims whose money
// reached them.
func (s *Service) LinkOnward(ctx context.Context, tx kuzet.Tx, r *kuzet.FreezeRequest, onward []kuzet.Transfer) error {
	now := s.clock()
	var add []kuzet.GraphEdge
	for _, t := range onward {
		if t.ToIBAN == "" || t.ToIBAN == r.IBAN {
			continue
		}
		to := "iban:" + t.ToIBAN
		if r.IBAN != "" {
			add = append(add, kuzet.GraphEdge{A: "iban:" + r.IBAN, B: to, Kind: "onward", At: now})
		}
		if r.ReportID != "" {
			add = append(add, kuzet.GraphEdge{A: "report:" + r.ReportID, B: to, Kind: "trail", At: now})
		}
	}
	if len(add) == 0 {
		return nil
	}
	if err := tx.AddGraphEdges(ctx, add); err != nil {
		return err
	}
	s.gen.Add(1)
	return nil
}

// LinkSimbox adds a SIM box the police confirmed to the link graph: its
// number linked to each of its handsets, so that the victims called from
// it join the reports naming the handsets, and the other way round.
func (s *Service) LinkSimbox(ctx context.Context, msisdn string, imeis []string) error {
	phone, err := s.parser.Parse(kuzet.KindPhone, msisdn)
	if err != nil {
		return kuzet.WithField(err, "msisdn")
	}
	now := s.clock()
	var add []kuzet.GraphEdge
	for _, v := range imeis {
		imei, err := s.parser.Parse(kuzet.KindIMEI, v)
		if err != nil {
			continue // a handset the operator's records garbled names nothing
		}
		add = append(add, kuzet.GraphEdge{A: phone.Key(), B: imei.Key(), Kind: "simbox", At: now})
	}
	if len(add) == 0 {
		return nil
	}
	err = kuzet.Transact(ctx, s.store, true, func(tx kuzet.Tx) error { return tx.AddGraphEdges(ctx, add) })
	if err != nil {
		return wrap("link SIM box", err)
	}
	s.gen.Add(1)
	return nil
}

// ConfirmedConfidence is the confidence of a report's identifiers once the
// police have confirmed them (a report alone gives them 0.3).
const ConfirmedConfidence = 0.9

// AuditReportConfirm is the audit action of a police confirmation.
const AuditReportConfirm = "report.confirm"

// Confirmation is what confirming a report's identifiers did.
type Confirmation struct {
	ReportID  string            `json:"report_id"`
	Confirmed []kuzet.Indicator `json:"confirmed"`
	Skipped   []string          `json:"skipped,omitempty"` // identifiers the registry refused, with why
}

// ConfirmReport raises the registry confidence of a report's identifiers
// to ConfirmedConfidence in the name of the confirming police unit, with
// the report as evidence, and audits it. Returns ENOTFOUND if there is no
// such report.
func (s *Service) ConfirmReport(ctx context.Context, orgID int64, id string) (*Confirmation, error) {
	if !kuzet.ValidID(id, "rep_") {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no report %q", kuzet.Clip(id, 32))
	}
	if s.registry == nil {
		return nil, kuzet.Errorf(kuzet.EUNAVAILABLE, "this server confirms no identifiers: it has no registry")
	}
	var r *kuzet.VictimReport
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) (err error) {
		r, err = tx.FindVictimReport(ctx, id)
		return err
	})
	if err != nil {
		return nil, wrap("confirm report", err)
	}
	subs := make([]registry.Submission, 0, len(r.Indicators))
	for _, ind := range r.Indicators {
		subs = append(subs, registry.Submission{Kind: ind.Kind, Value: ind.Value, Category: kuzet.CategoryVictimReport,
			Confidence: ConfirmedConfidence, Evidence: "confirmed by the police, victim's report " + r.ID})
	}
	c := &Confirmation{ReportID: r.ID, Confirmed: []kuzet.Indicator{}}
	if len(subs) > 0 {
		results, err := s.registry.Submit(ctx, orgID, subs)
		if err != nil {
			return nil, wrap("confirm report", err)
		}
		for i, res := range results {
			if res.Err != nil {
				c.Skipped = append(c.Skipped, subs[i].Value+": "+kuzet.ErrorMessage(res.Err))
				continue
			}
			c.Confirmed = append(c.Confirmed, res.Indicator)
		}
	}
	if err := s.audit.Record(ctx, &kuzet.AuditEntry{At: s.clock(), OrgID: orgID, Action: AuditReportConfirm,
		Object: "report:" + r.ID, Detail: fmt.Sprintf("%d identifiers confirmed, %d refused", len(c.Confirmed), len(c.Skipped))}); err != nil {
		return nil, wrap("audit report confirmation", err)
	}
	return c, nil
}
