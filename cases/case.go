package cases

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime"
	"slices"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
)

// View is a case as an officer reads it: with its reports (naming the
// victims) and its evidence files.
type View struct {
	*kuzet.Case
	Reports  []ReportView            `json:"reports"`
	Evidence []*kuzet.Evidence       `json:"evidence"`
	Victims  int                     `json:"victims"`
	Lost     map[string]kuzet.Amount `json:"amount_lost"` // by currency, duplicates left out
}

// ReportView is one report of a case.
type ReportView struct {
	*kuzet.VictimReport
	DuplicateOf string   `json:"duplicate_of,omitempty"`
	Flags       []string `json:"flags,omitempty"`
}

// Case returns the case id with its reports, and records the read: the
// reports name victims. Returns ENOTFOUND if there is no such case.
func (s *Service) Case(ctx context.Context, orgID int64, id string) (*View, error) {
	if !kuzet.ValidID(id, "case_") {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no case %q", kuzet.Clip(id, 80))
	}
	v := &View{Lost: map[string]kuzet.Amount{}}
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) error {
		c, err := tx.FindCase(ctx, id)
		if err != nil {
			return err
		}
		v.Case = c
		links, err := tx.FindCaseReports(ctx, id)
		if err != nil {
			return err
		}
		victims := map[string]bool{}
		for _, l := range links {
			r, err := tx.FindVictimReport(ctx, l.ReportID)
			if err != nil {
				return err
			}
			v.Reports = append(v.Reports, ReportView{VictimReport: r, DuplicateOf: l.DuplicateOf, Flags: l.Flags})
			if l.DuplicateOf == "" {
				v.Lost[r.Currency] += r.AmountLost
				key := r.Victim.Phone
				if key == "" {
					key = lower(r.Victim.Name)
				}
				victims[key] = true
			}
		}
		v.Victims = len(victims)
		v.Evidence, err = tx.FindCaseEvidence(ctx, id)
		return err
	})
	if err != nil {
		return nil, wrap("read case", err)
	}
	if v.Reports == nil {
		v.Reports = []ReportView{}
	}
	if v.Evidence == nil {
		v.Evidence = []*kuzet.Evidence{}
	}
	if err := s.audit.Record(ctx, &kuzet.AuditEntry{At: s.clock(), OrgID: orgID, Action: kuzet.AuditCaseRead,
		Object: "case:" + id, Detail: fmt.Sprintf("%d reports", len(v.Reports))}); err != nil {
		return nil, wrap("audit case read", err)
	}
	return v, nil
}

// Cases lists the cases f selects, newest first, without their reports.
func (s *Service) Cases(ctx context.Context, f kuzet.CaseFilter) ([]*kuzet.Case, error) {
	if f.Status != "" && !f.Status.Valid() {
		return nil, kuzet.Invalid("status", "status must be one of %s", statusList())
	}
	var out []*kuzet.Case
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) (err error) {
		out, err = tx.FindCases(ctx, f)
		return err
	})
	if out == nil {
		out = []*kuzet.Case{}
	}
	return out, wrap("list cases", err)
}

func statusList() string {
	var l []string
	for _, st := range kuzet.CaseWorkflow {
		l = append(l, string(st))
	}
	return strings.Join(l, ", ")
}

// NewCase is an officer's new case.
type NewCase struct {
	Title     string    `json:"title"`
	TLP       kuzet.TLP `json:"tlp"`
	Region    string    `json:"region"`
	Scheme    string    `json:"scheme"`
	Assignee  string    `json:"assignee"`
	FromGroup string    `json:"from_group"` // a community of GET /v1/graph/groups: its reports are attached
	Reports   []string  `json:"reports"`    // reports to attach
}

// Create opens a case, attaching the reports named and, with FromGroup,
// every report of that community of the link graph. Returns EINVALID for
// bad input or an unknown group or report.
func (s *Service) Create(ctx context.Context, orgID int64, in NewCase) (*kuzet.Case, error) {
	var p kuzet.Problems
	p.Text("title", &in.Title, maxTitle)
	p.Text("region", &in.Region, 100)
	p.Token("scheme", &in.Scheme, 64)
	p.Text("assignee", &in.Assignee, maxName)
	if in.TLP == "" {
		in.TLP = kuzet.TLPAmber
	} else if !in.TLP.Valid() {
		p.Add("tlp", "tlp must be clear, green, amber, amber+strict or red")
	}
	if len(in.Reports) > 10_000 {
		p.Add("reports", "at most 10000 reports")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	reports := slices.Clone(in.Reports)
	if in.FromGroup != "" {
		g, err := s.Group(ctx, in.FromGroup)
		if err != nil {
			return nil, kuzet.WithField(err, "from_group")
		}
		reports = append(reports, g.Reports...)
		if in.Title == "" {
			in.Title = groupTitle(g.ID, g.Victims)
		}
	}
	slices.Sort(reports)
	reports = slices.Compact(reports)
	if in.Title == "" {
		in.Title = untitled
	}
	if name, ok := s.regions[lower(in.Region)]; ok {
		in.Region = name
	}
	now := s.clock()
	c := &kuzet.Case{ID: kuzet.NewID("case_"), Title: in.Title, Status: kuzet.CaseRegistered, TLP: in.TLP,
		Region: in.Region, Scheme: in.Scheme, Assignee: in.Assignee, GroupID: in.FromGroup, CreatedAt: now, UpdatedAt: now,
		History: []kuzet.CaseChange{{At: now, By: orgID, What: "status", To: string(kuzet.CaseRegistered)}},
		Notes:   []kuzet.CaseNote{}, Tasks: []kuzet.CaseTask{}, Suspects: []kuzet.Suspect{}, CallCentres: []kuzet.CallCentre{}}
	err := kuzet.Transact(ctx, s.store, true, func(tx kuzet.Tx) error {
		var edges []kuzet.GraphEdge
		for i, id := range reports {
			r, err := tx.FindVictimReport(ctx, id)
			if err != nil {
				if kuzet.ErrorCode(err) == kuzet.ENOTFOUND {
					return kuzet.Invalid(fmt.Sprintf("reports[%d]", i), "there is no report %q", kuzet.Clip(id, 80))
				}
				return err
			}
			if c.Region == "" {
				c.Region = r.Victim.Region
			}
			if err := tx.LinkCaseReport(ctx, &kuzet.CaseReport{CaseID: c.ID, ReportID: r.ID, OrgID: r.OrgID,
				Region: r.Victim.Region, AmountLost: r.AmountLost, Currency: r.Currency, CreatedAt: now,
				Scheme: r.Scheme, Channel: r.Channel}); err != nil {
				return err
			}
			edges = append(edges, kuzet.GraphEdge{A: "report:" + r.ID, B: "case:" + c.ID, Kind: "in_case", At: now})
		}
		if err := tx.CreateCase(ctx, c); err != nil {
			return err
		}
		if err := tx.AddGraphEdges(ctx, edges); err != nil {
			return err
		}
		if err := tx.AddCaseEvents(ctx, &kuzet.CaseEvent{CaseID: c.ID, Kind: kuzet.CaseEventRegistered,
			Region: c.Region, N: 1, At: now}); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditCaseCreate,
			Object: "case:" + c.ID, Detail: fmt.Sprintf("%d reports, group %q", len(reports), in.FromGroup)})
	})
	if err != nil {
		return nil, wrap("create case", err)
	}
	s.gen.Add(1)
	return c, nil
}

// change is one edit of a case: it applies fn to the stored case and stores
// the result, its events, its graph edges and its audit entry in one
// transaction. fn returns a short description for the audit log.
type edit struct {
	events []*kuzet.CaseEvent
	edges  []kuzet.GraphEdge
}

func (s *Service) change(ctx context.Context, orgID int64, id string, version int64,
	fn func(c *kuzet.Case, now time.Time, e *edit) (string, error)) (*kuzet.Case, error) {
	if !kuzet.ValidID(id, "case_") {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no case %q", kuzet.Clip(id, 80))
	}
	now := s.clock()
	var out *kuzet.Case
	err := kuzet.Transact(ctx, s.store, true, func(tx kuzet.Tx) error {
		c, err := tx.FindCase(ctx, id)
		if err != nil {
			return err
		}
		if version != 0 && version != c.Version {
			return kuzet.Errorf(kuzet.ECONFLICT, "case %s is at version %d, not %d: read it again", id, c.Version, version)
		}
		var e edit
		detail, err := fn(c, now, &e)
		if err != nil {
			return err
		}
		c.UpdatedAt = now
		if err := tx.UpdateCase(ctx, c); err != nil {
			return err
		}
		for _, ev := range e.events {
			ev.CaseID = id
			if ev.Region == "" {
				ev.Region = c.Region
			}
			if ev.N == 0 {
				ev.N = 1
			}
		}
		if err := tx.AddCaseEvents(ctx, e.events...); err != nil {
			return err
		}
		if err := tx.AddGraphEdges(ctx, e.edges); err != nil {
			return err
		}
		out = c
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditCaseUpdate,
			Object: "case:" + id, Detail: kuzet.Clip(detail, 200)})
	})
	if err != nil {
		return nil, wrap("change case", err)
	}
	if out != nil {
		s.gen.Add(1)
	}
	return out, nil
}

// Patch is an officer's change of a case's own fields; nil fields stay.
type Patch struct {
	Version      int64             `json:"version"` // the version read; 0 skips the check
	Status       *kuzet.CaseStatus `json:"status"`
	ClosedReason string            `json:"closed_reason"`
	Assignee     *string           `json:"assignee"`
	TLP          *kuzet.TLP        `json:"tlp"`
	Title        *string           `json:"title"`
	Region       *string           `json:"region"`
}

// Update applies p. A status moves only one step along the workflow, or to
// closed with a reason: anything else is ECONFLICT.
func (s *Service) Update(ctx context.Context, orgID int64, id string, p Patch) (*kuzet.Case, error) {
	var pr kuzet.Problems
	if p.Status != nil && !p.Status.Valid() {
		pr.Add("status", "status must be one of %s", statusList())
	}
	if p.TLP != nil && !p.TLP.Valid() {
		pr.Add("tlp", "tlp must be clear, green, amber, amber+strict or red")
	}
	pr.Text("closed_reason", &p.ClosedReason, maxReason)
	if p.Status != nil && *p.Status == kuzet.CaseClosed && p.ClosedReason == "" {
		pr.Add("closed_reason", "closing a case needs a reason")
	}
	if p.Assignee != nil {
		pr.Text("assignee", p.Assignee, maxName)
	}
	if p.Title != nil {
		pr.Text("title", p.Title, maxTitle)
	}
	if p.Region != nil {
		pr.Text("region", p.Region, 100)
	}
	if err := pr.Err(); err != nil {
		return nil, err
	}
	return s.change(ctx, orgID, id, p.Version, func(c *kuzet.Case, now time.Time, e *edit) (string, error) {
		var what []string
		hist := func(field, from, to, reason string) {
			c.History = append(c.History, kuzet.CaseChange{At: now, By: orgID, What: field, From: from, To: to, Reason: reason})
			what = append(what, field+" "+to)
		}
		if p.Status != nil && *p.Status != c.Status {
			if !c.Status.Next(*p.Status) {
				return "", kuzet.Errorf(kuzet.ECONFLICT, "case %s is %s: it can move only to %s", c.ID, c.Status, nextOf(c.Status))
			}
			hist("status", string(c.Status), string(*p.Status), p.ClosedReason)
			c.Status = *p.Status
			switch c.Status {
			case kuzet.CaseClosed:
				c.ClosedReason = p.ClosedReason
				e.events = append(e.events, &kuzet.CaseEvent{Kind: kuzet.CaseEventClosed, At: now})
			case kuzet.CaseSentToCourt:
				e.events = append(e.events, &kuzet.CaseEvent{Kind: kuzet.CaseEventSentToCourt, At: now})
			}
		} else if c.Status == kuzet.CaseClosed && (p.Assignee != nil || p.Title != nil || p.Region != nil) {
			return "", kuzet.Errorf(kuzet.ECONFLICT, "case %s is closed", c.ID)
		}
		if p.Assignee != nil && *p.Assignee != c.Assignee {
			hist("assignee", c.Assignee, *p.Assignee, "")
			c.Assignee = *p.Assignee
		}
		if p.TLP != nil && *p.TLP != c.TLP {
			hist("tlp", string(c.TLP), string(*p.TLP), "")
			c.TLP = *p.TLP
		}
		if p.Title != nil && *p.Title != "" {
			c.Title = *p.Title
		}
		if p.Region != nil {
			if name, ok := s.regions[lower(*p.Region)]; ok {
				*p.Region = name
			}
			c.Region = *p.Region
		}
		return strings.Join(what, ", "), nil
	})
}

func nextOf(st kuzet.CaseStatus) string {
	var l []string
	for _, w := range kuzet.CaseWorkflow {
		if st.Next(w) {
			l = append(l, string(w))
		}
	}
	if len(l) == 0 {
		return "nothing (it is closed)"
	}
	return strings.Join(l, " or ")
}

// AddNote adds an officer's note.
func (s *Service) AddNote(ctx context.Context, orgID int64, id, author, text string) (*kuzet.Case, error) {
	var p kuzet.Problems
	p.Text("text", &text, maxText)
	p.Text("author", &author, maxName)
	if text == "" {
		p.Add("text", "a note needs text")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	return s.change(ctx, orgID, id, 0, func(c *kuzet.Case, now time.Time, _ *edit) (string, error) {
		c.Notes = append(c.Notes, kuzet.CaseNote{ID: kuzet.NewID("note_"), Author: author, Text: text, At: now})
		return "note", nil
	})
}

// TaskInput is a new task, or (by ID) a change of one.
type TaskInput struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Assignee string    `json:"assignee"`
	DueAt    time.Time `json:"due_at"`
	Done     bool      `json:"done"`
}

// PutTask adds a task, or updates the task in.ID.
func (s *Service) PutTask(ctx context.Context, orgID int64, id string, in TaskInput) (*kuzet.Case, error) {
	var p kuzet.Problems
	p.Text("title", &in.Title, maxTitle)
	p.Text("assignee", &in.Assignee, maxName)
	if in.ID == "" && in.Title == "" {
		p.Add("title", "a task needs a title")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	return s.change(ctx, orgID, id, 0, func(c *kuzet.Case, now time.Time, _ *edit) (string, error) {
		if in.ID == "" {
			c.Tasks = append(c.Tasks, kuzet.CaseTask{ID: kuzet.NewID("task_"), Title: in.Title, Assignee: in.Assignee,
				DueAt: in.DueAt.UTC()})
			return "task added", nil
		}
		i := slices.IndexFunc(c.Tasks, func(t kuzet.CaseTask) bool { return t.ID == in.ID })
		if i < 0 {
			return "", kuzet.Errorf(kuzet.ENOTFOUND, "case %s has no task %q", c.ID, kuzet.Clip(in.ID, 80))
		}
		t := &c.Tasks[i]
		if in.Title != "" {
			t.Title = in.Title
		}
		if in.Assignee != "" {
			t.Assignee = in.Assignee
		}
		if !in.DueAt.IsZero() {
			t.DueAt = in.DueAt.UTC()
		}
		if in.Done && !t.Done {
			t.Done, t.DoneAt = true, now
		}
		return "task " + t.ID, nil
	})
}

// SuspectInput is a new suspect, or (by ID) what became of one: dates set
// once stay.
type SuspectInput struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	Citizenship string            `json:"citizenship"`
	DetainedAt  time.Time         `json:"detained_at"`
	Charge      string            `json:"charge"`
	CourtAt     time.Time         `json:"court_at"`
	Identifiers []kuzet.Indicator `json:"identifiers"`
}

// PutSuspect adds a suspect (counted as identified), or records their
// detention, charge and court date. A case with a new suspect that is
// still under investigation moves to suspects_identified.
func (s *Service) PutSuspect(ctx context.Context, orgID int64, id string, in SuspectInput) (*kuzet.Case, error) {
	var p kuzet.Problems
	p.Text("name", &in.Name, maxName)
	p.Text("charge", &in.Charge, maxReason)
	in.Citizenship = strings.ToUpper(strings.TrimSpace(in.Citizenship))
	if in.Citizenship != "" && (len(in.Citizenship) != 2 || strings.Trim(in.Citizenship, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "") {
		p.Add("citizenship", "citizenship is a two-letter ISO 3166 country code, such as KZ")
	}
	if in.ID == "" && in.Name == "" {
		p.Add("name", "a suspect needs a name")
	}
	if len(in.Identifiers) > maxIdentifiers {
		p.Add("identifiers", "at most %d identifiers", maxIdentifiers)
	}
	var idents []kuzet.Indicator
	for i, ref := range in.Identifiers {
		ind, err := s.parser.Parse(ref.Kind, ref.Value)
		if err != nil {
			p.Parsed(fmt.Sprintf("identifiers[%d]", i), err)
			continue
		}
		idents = append(idents, ind)
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	return s.change(ctx, orgID, id, 0, func(c *kuzet.Case, now time.Time, e *edit) (string, error) {
		var sp *kuzet.Suspect
		if in.ID == "" {
			c.Suspects = append(c.Suspects, kuzet.Suspect{ID: kuzet.NewID("sus_"), Name: in.Name,
				Citizenship: in.Citizenship, IdentifiedAt: now})
			sp = &c.Suspects[len(c.Suspects)-1]
			e.events = append(e.events, &kuzet.CaseEvent{Kind: kuzet.CaseEventSuspect, Foreign: sp.Foreign(), At: now})
			e.edges = append(e.edges, kuzet.GraphEdge{A: "suspect:" + sp.ID, B: "case:" + c.ID, Kind: "suspect_in", At: now})
			if c.Status == kuzet.CaseUnderInvestigation {
				c.History = append(c.History, kuzet.CaseChange{At: now, By: orgID, What: "status",
					From: string(c.Status), To: string(kuzet.CaseSuspectsIdentified), Reason: "suspect " + sp.ID})
				c.Status = kuzet.CaseSuspectsIdentified
			}
		} else {
			i := slices.IndexFunc(c.Suspects, func(x kuzet.Suspect) bool { return x.ID == in.ID })
			if i < 0 {
				return "", kuzet.Errorf(kuzet.ENOTFOUND, "case %s has no suspect %q", c.ID, kuzet.Clip(in.ID, 80))
			}
			sp = &c.Suspects[i]
			if in.Name != "" {
				sp.Name = in.Name
			}
			if in.Citizenship != "" {
				sp.Citizenship = in.Citizenship
			}
		}
		if !in.DetainedAt.IsZero() && sp.DetainedAt.IsZero() {
			sp.DetainedAt = in.DetainedAt.UTC()
			e.events = append(e.events, &kuzet.CaseEvent{Kind: kuzet.CaseEventDetained, Foreign: sp.Foreign(), At: sp.DetainedAt})
		}
		if in.Charge != "" {
			sp.Charge = in.Charge
		}
		if !in.CourtAt.IsZero() && sp.CourtAt.IsZero() {
			sp.CourtAt = in.CourtAt.UTC()
			e.events = append(e.events, &kuzet.CaseEvent{Kind: kuzet.CaseEventCourt, Foreign: sp.Foreign(), At: sp.CourtAt})
		}
		for _, ind := range idents {
			if !slices.Contains(sp.Identifiers, ind) {
				sp.Identifiers = append(sp.Identifiers, ind)
				e.edges = append(e.edges, kuzet.GraphEdge{A: "suspect:" + sp.ID, B: ind.Key(), Kind: "used", At: now})
			}
		}
		return "suspect " + sp.ID, nil
	})
}

// CallCentreInput is a call centre found, or (by ID) shut down.
type CallCentreInput struct {
	ID             string    `json:"id"`
	Country        string    `json:"country"`
	City           string    `json:"city"`
	FoundAt        time.Time `json:"found_at"`
	Partner        string    `json:"partner"`
	SimboxIMEIs    []string  `json:"simbox_imeis"`
	Numbers        []string  `json:"numbers"`
	SuspectIDs     []string  `json:"suspect_ids"`
	ShutDownAt     time.Time `json:"shut_down_at"` // shuts it down: an event the briefing counts
	SIMBoxesSeized int64     `json:"simboxes_seized"`
	SIMsSeized     int64     `json:"sims_seized"`
}

// PutCallCentre records a call centre, or its shutting down.
func (s *Service) PutCallCentre(ctx context.Context, orgID int64, id string, in CallCentreInput) (*kuzet.Case, error) {
	var p kuzet.Problems
	in.Country = strings.ToUpper(strings.TrimSpace(in.Country))
	if in.ID == "" && (len(in.Country) != 2 || strings.Trim(in.Country, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "") {
		p.Add("country", "country is a two-letter ISO 3166 code, such as KZ")
	}
	p.Text("city", &in.City, maxName)
	p.Text("partner", &in.Partner, maxName)
	if in.SIMBoxesSeized < 0 || in.SIMsSeized < 0 || in.SIMsSeized > 1e7 || in.SIMBoxesSeized > 1e5 {
		p.Add("sims_seized", "seizures are counts from 0")
	}
	if len(in.SimboxIMEIs)+len(in.Numbers)+len(in.SuspectIDs) > 3*maxIdentifiers {
		p.Add("numbers", "at most %d identifiers", 3*maxIdentifiers)
	}
	var idents []kuzet.Indicator
	for i, v := range in.SimboxIMEIs {
		ind, err := s.parser.Parse(kuzet.KindIMEI, v)
		if err != nil {
			p.Parsed(fmt.Sprintf("simbox_imeis[%d]", i), err)
			continue
		}
		in.SimboxIMEIs[i] = ind.Value
		idents = append(idents, ind)
	}
	for i, v := range in.Numbers {
		ind, err := s.parser.Parse(kuzet.KindPhone, v)
		if err != nil {
			p.Parsed(fmt.Sprintf("numbers[%d]", i), err)
			continue
		}
		in.Numbers[i] = ind.Value
		idents = append(idents, ind)
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	return s.change(ctx, orgID, id, 0, func(c *kuzet.Case, now time.Time, e *edit) (string, error) {
		var cc *kuzet.CallCentre
		if in.ID == "" {
			found := in.FoundAt
			if found.IsZero() {
				found = now
			}
			c.CallCentres = append(c.CallCentres, kuzet.CallCentre{ID: kuzet.NewID("cc_"), Country: in.Country,
				City: in.City, Status: kuzet.CallCentreActive, FoundAt: found.UTC(), Partner: in.Partner})
			cc = &c.CallCentres[len(c.CallCentres)-1]
			e.edges = append(e.edges, kuzet.GraphEdge{A: "callcentre:" + cc.ID, B: "case:" + c.ID, Kind: "found_in", At: now})
		} else {
			i := slices.IndexFunc(c.CallCentres, func(x kuzet.CallCentre) bool { return x.ID == in.ID })
			if i < 0 {
				return "", kuzet.Errorf(kuzet.ENOTFOUND, "case %s has no call centre %q", c.ID, kuzet.Clip(in.ID, 80))
			}
			cc = &c.CallCentres[i]
		}
		node := "callcentre:" + cc.ID
		for _, ind := range idents {
			e.edges = append(e.edges, kuzet.GraphEdge{A: node, B: ind.Key(), Kind: "used", At: now})
		}
		cc.SimboxIMEIs = appendNew(cc.SimboxIMEIs, in.SimboxIMEIs...)
		cc.Numbers = appendNew(cc.Numbers, in.Numbers...)
		for _, sid := range in.SuspectIDs {
			if !slices.ContainsFunc(c.Suspects, func(x kuzet.Suspect) bool { return x.ID == sid }) {
				return "", kuzet.Invalid("suspect_ids", "case %s has no suspect %q", c.ID, kuzet.Clip(sid, 80))
			}
			if !slices.Contains(cc.SuspectIDs, sid) {
				cc.SuspectIDs = append(cc.SuspectIDs, sid)
				e.edges = append(e.edges, kuzet.GraphEdge{A: node, B: "suspect:" + sid, Kind: "works_in", At: now})
			}
		}
		if !in.ShutDownAt.IsZero() {
			if cc.Status == kuzet.CallCentreShutDown {
				return "", kuzet.Errorf(kuzet.ECONFLICT, "call centre %s was shut down on %s", cc.ID, cc.ShutDownAt.Format(time.DateOnly))
			}
			cc.Status, cc.ShutDownAt = kuzet.CallCentreShutDown, in.ShutDownAt.UTC()
			cc.SIMBoxesSeized, cc.SIMsSeized = in.SIMBoxesSeized, in.SIMsSeized
			e.events = append(e.events, &kuzet.CaseEvent{Kind: kuzet.CaseEventCallCentreShut, Foreign: cc.Abroad(), At: cc.ShutDownAt})
			if in.SIMBoxesSeized > 0 {
				e.events = append(e.events, &kuzet.CaseEvent{Kind: kuzet.CaseEventSIMBoxesSeized, Foreign: cc.Abroad(),
					N: in.SIMBoxesSeized, At: cc.ShutDownAt})
			}
			if in.SIMsSeized > 0 {
				e.events = append(e.events, &kuzet.CaseEvent{Kind: kuzet.CaseEventSIMsSeized, Foreign: cc.Abroad(),
					N: in.SIMsSeized, At: cc.ShutDownAt})
			}
		}
		return "call centre " + cc.ID + " " + string(cc.Status), nil
	})
}

func appendNew(l []string, vs ...string) []string {
	for _, v := range vs {
		if !slices.Contains(l, v) {
			l = append(l, v)
		}
	}
	return l
}

// AddEvidence stores a file on a case with its SHA-256. Returns EINVALID
// for an empty or forbidden content type, and ETOOLARGE-like EINVALID for a
// file over MaxEvidenceBytes; nothing is stored then.
func (s *Service) AddEvidence(ctx context.Context, orgID int64, caseID, name, contentType string, data []byte) (*kuzet.Evidence, error) {
	var p kuzet.Problems
	p.Text("name", &name, maxName)
	if name == "" {
		name = "evidence"
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil || !slices.Contains(EvidenceTypes, mt) {
		p.Add("content_type", "evidence may be one of %s, not %q", strings.Join(EvidenceTypes, ", "), kuzet.Clip(contentType, 60))
	}
	if len(data) == 0 {
		p.Add("body", "the evidence file is empty")
	}
	if len(data) > MaxEvidenceBytes {
		p.Add("body", "an evidence file holds at most %d bytes", MaxEvidenceBytes)
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	if !kuzet.ValidID(caseID, "case_") {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no case %q", kuzet.Clip(caseID, 80))
	}
	sum := sha256.Sum256(data)
	now := s.clock()
	e := &kuzet.Evidence{ID: kuzet.NewID("ev_"), CaseID: caseID, Name: name, ContentType: mt, Size: int64(len(data)),
		SHA256: hex.EncodeToString(sum[:]), OrgID: orgID, Data: data, CreatedAt: now}
	err = kuzet.Transact(ctx, s.store, true, func(tx kuzet.Tx) error {
		if _, err := tx.FindCase(ctx, caseID); err != nil {
			return err
		}
		if err := tx.CreateEvidence(ctx, e); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditEvidenceAdd,
			Object: "case:" + caseID, Detail: fmt.Sprintf("%s %s %d bytes sha256 %s", e.ID, mt, e.Size, e.SHA256)})
	})
	if err != nil {
		return nil, wrap("add evidence", err)
	}
	e.Data = nil
	return e, nil
}

// Evidence returns one file with its data; the read is audited.
func (s *Service) Evidence(ctx context.Context, orgID int64, caseID, id string) (*kuzet.Evidence, error) {
	var e *kuzet.Evidence
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) (err error) {
		e, err = tx.FindEvidence(ctx, caseID, id)
		return err
	})
	if err != nil {
		return nil, wrap("read evidence", err)
	}
	if err := s.audit.Record(ctx, &kuzet.AuditEntry{At: s.clock(), OrgID: orgID, Action: kuzet.AuditEvidenceRead,
		Object: "case:" + caseID, Detail: id}); err != nil {
		return nil, wrap("audit evidence read", err)
	}
	return e, nil
}

// wrap adds context to an error that is not the client's.
func wrap(what string, err error) error {
	if err == nil || kuzet.ErrorCode(err) != kuzet.EINTERNAL {
		return err
	}
	return fmt.Errorf("cases: %s: %w", what, err)
}
