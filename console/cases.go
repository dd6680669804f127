package console

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/cases"
)

// caseRoutes registers the pages of cases and the link graph: police only,
// behind the permissions of GET/POST /v1/cases… and GET /v1/graph….
func (s *Server) caseRoutes() {
	if s.cfg.Cases == nil {
		return
	}
	s.page("GET /cases", kuzet.PermCaseRead, s.handleCases)
	s.page("GET /cases/{id}", kuzet.PermCaseRead, s.handleCase)
	s.page("GET /cases/{id}/evidence/{evidence_id}", kuzet.PermCaseRead, s.handleCaseEvidence)
	s.page("POST /cases/{id}/status", kuzet.PermCaseWrite, s.handleCaseStatus)
	s.page("POST /cases/{id}/edit", kuzet.PermCaseWrite, s.handleCaseEdit)
	s.page("POST /cases/{id}/notes", kuzet.PermCaseWrite, s.handleCaseNote)
	s.page("POST /cases/{id}/tasks", kuzet.PermCaseWrite, s.handleCaseTask)
	s.page("POST /cases/{id}/suspects", kuzet.PermCaseWrite, s.handleCaseSuspect)
	s.page("POST /cases/{id}/call-centres", kuzet.PermCaseWrite, s.handleCaseCallCentre)
	s.page("GET /graph", kuzet.PermCaseRead, s.handleGraph)
	s.page("GET /graph/data", kuzet.PermCaseRead, s.handleGraphData)
	s.page("POST /graph/groups/{id}/case", kuzet.PermCaseWrite, s.handleGroupCase)
}

type casesData struct {
	Statuses []kuzet.CaseStatus
	Regions  []string
	Status   kuzet.CaseStatus
	Region   string
	Assignee string
	Cases    []*kuzet.Case
	Limit    int
	Reports  *reportsOf // the cases of the dashboard's reports of one scheme or channel
}

// casesLimit bounds the list page; the API's limit is 1000.
const casesLimit = 200

// handleCases lists cases by status, region and officer: cases.Service.Cases,
// as GET /v1/cases.
func (s *Server) handleCases(w http.ResponseWriter, r *http.Request, p *page) error {
	q := r.URL.Query()
	d := &casesData{Statuses: kuzet.CaseWorkflow, Regions: cases.Regions, Status: kuzet.CaseStatus(q.Get("status")),
		Region: q.Get("region"), Assignee: q.Get("assignee"), Limit: casesLimit}
	var list []*kuzet.Case
	var err error
	if d.Reports = reportsQuery(q); d.Reports != nil {
		list, err = s.casesOfReports(r.Context(), d.Reports, d.Region)
	} else {
		list, err = s.cfg.Cases.Cases(r.Context(), kuzet.CaseFilter{Status: d.Status, Region: d.Region,
			Assignee: d.Assignee, Limit: casesLimit})
	}
	if err != nil {
		return err
	}
	d.Cases = list
	p.Title, p.Data = "cases.title", d
	s.render(w, r, http.StatusOK, "cases", p)
	return nil
}

type caseData struct {
	*cases.View
	Next    []kuzet.CaseStatus // the statuses the workflow allows from here, closed aside
	CanEdit bool
	TLPs    []kuzet.TLP
	Done    string
	Today   string
}

// handleCase shows a case with its reports, evidence, notes, tasks and
// suspects: cases.Service.Case, as GET /v1/cases/{id} (the read is audited).
func (s *Server) handleCase(w http.ResponseWriter, r *http.Request, p *page) error {
	v, err := s.cfg.Cases.Case(r.Context(), principal(r).Org.ID, r.PathValue("id"))
	if err != nil {
		return err
	}
	d := &caseData{View: v, CanEdit: principal(r).Can(kuzet.PermCaseWrite), TLPs: kuzet.TLPs,
		Done: caseDone(r.URL.Query().Get("done")), Today: s.clock().In(kuzet.Almaty).Format(time.DateOnly)}
	for _, st := range kuzet.CaseWorkflow {
		if st != kuzet.CaseClosed && v.Status.Next(st) {
			d.Next = append(d.Next, st)
		}
	}
	p.Title, p.Data = "case.title", d
	s.render(w, r, http.StatusOK, "case", p)
	return nil
}

// handleCaseEvidence gives an evidence file back as it was uploaded:
// cases.Service.Evidence, as GET /v1/cases/{id}/evidence/{evidence_id}.
func (s *Server) handleCaseEvidence(w http.ResponseWriter, r *http.Request, p *page) error {
	e, err := s.cfg.Cases.Evidence(r.Context(), principal(r).Org.ID, r.PathValue("id"), r.PathValue("evidence_id"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", e.ContentType)
	w.Header().Set("Content-Length", strconv.FormatInt(e.Size, 10))
	w.Header().Set("X-Content-SHA256", e.SHA256)
	w.Header().Set("Content-Disposition", "attachment")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(e.Data)
	return err
}

// caseDone is the ?done= a case page's flash says, when it is one the
// pages send.
func caseDone(v string) string {
	switch v {
	case "status", "saved", "note", "task", "suspect", "created", "callcentre":
		return v
	}
	return ""
}

func caseBack(id, done string) string {
	return "/cases/" + url.PathEscape(id) + "?done=" + url.QueryEscape(done)
}

func formVersion(r *http.Request) (int64, error) {
	v := r.PostFormValue("version")
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, kuzet.Invalid("version", "version must be a whole number")
	}
	return n, nil
}

// handleCaseStatus moves a case one step along its workflow, or closes it
// with a reason: cases.Service.Update, as PATCH /v1/cases/{id}.
func (s *Server) handleCaseStatus(w http.ResponseWriter, r *http.Request, p *page) error {
	version, err := formVersion(r)
	if err != nil {
		return err
	}
	st := kuzet.CaseStatus(r.PostFormValue("status"))
	c, err := s.cfg.Cases.Update(r.Context(), principal(r).Org.ID, r.PathValue("id"),
		cases.Patch{Version: version, Status: &st, ClosedReason: r.PostFormValue("reason")})
	if err != nil {
		return err
	}
	http.Redirect(w, r, caseBack(c.ID, "status"), http.StatusSeeOther)
	return nil
}

// handleCaseEdit assigns a case and sets its TLP: cases.Service.Update.
func (s *Server) handleCaseEdit(w http.ResponseWriter, r *http.Request, p *page) error {
	version, err := formVersion(r)
	if err != nil {
		return err
	}
	patch := cases.Patch{Version: version}
	if _, ok := r.PostForm["assignee"]; ok {
		a := strings.TrimSpace(r.PostFormValue("assignee"))
		patch.Assignee = &a
	}
	if v := r.PostFormValue("tlp"); v != "" {
		t := kuzet.TLP(v)
		patch.TLP = &t
	}
	c, err := s.cfg.Cases.Update(r.Context(), principal(r).Org.ID, r.PathValue("id"), patch)
	if err != nil {
		return err
	}
	http.Redirect(w, r, caseBack(c.ID, "saved"), http.StatusSeeOther)
	return nil
}

// handleCaseNote adds a note in the user's name: cases.Service.AddNote, as
// POST /v1/cases/{id}/notes.
func (s *Server) handleCaseNote(w http.ResponseWriter, r *http.Request, p *page) error {
	c, err := s.cfg.Cases.AddNote(r.Context(), principal(r).Org.ID, r.PathValue("id"), p.User.Name, r.PostFormValue("text"))
	if err != nil {
		return err
	}
	http.Redirect(w, r, caseBack(c.ID, "note")+"#notes", http.StatusSeeOther)
	return nil
}

// formDate reads a yyyy-mm-dd field as the start of that day in Almaty;
// empty is the zero time.
func formDate(r *http.Request, field string) (time.Time, error) {
	v := strings.TrimSpace(r.PostFormValue(field))
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(time.DateOnly, v, kuzet.Almaty)
	if err != nil {
		return time.Time{}, kuzet.Invalid(field, "%s is a date, yyyy-mm-dd", field)
	}
	return t, nil
}

// handleCaseTask adds a task or marks one done: cases.Service.PutTask, as
// POST /v1/cases/{id}/tasks.
func (s *Server) handleCaseTask(w http.ResponseWriter, r *http.Request, p *page) error {
	due, err := formDate(r, "due")
	if err != nil {
		return err
	}
	in := cases.TaskInput{ID: r.PostFormValue("task"), Title: r.PostFormValue("title"),
		Assignee: r.PostFormValue("assignee"), DueAt: due, Done: r.PostFormValue("done") == "1"}
	c, err := s.cfg.Cases.PutTask(r.Context(), principal(r).Org.ID, r.PathValue("id"), in)
	if err != nil {
		return err
	}
	http.Redirect(w, r, caseBack(c.ID, "task")+"#tasks", http.StatusSeeOther)
	return nil
}

// handleCaseSuspect adds a suspect, or records a detention:
// cases.Service.PutSuspect, as POST /v1/cases/{id}/suspects.
func (s *Server) handleCaseSuspect(w http.ResponseWriter, r *http.Request, p *page) error {
	detained, err := formDate(r, "detained")
	if err != nil {
		return err
	}
	in := cases.SuspectInput{ID: r.PostFormValue("suspect"), Name: r.PostFormValue("name"),
		Citizenship: r.PostFormValue("citizenship"), Charge: r.PostFormValue("charge"), DetainedAt: detained}
	if v := strings.TrimSpace(r.PostFormValue("phone")); v != "" {
		in.Identifiers = append(in.Identifiers, kuzet.Indicator{Kind: kuzet.KindPhone, Value: v})
	}
	c, err := s.cfg.Cases.PutSuspect(r.Context(), principal(r).Org.ID, r.PathValue("id"), in)
	if err != nil {
		return err
	}
	http.Redirect(w, r, caseBack(c.ID, "suspect")+"#suspects", http.StatusSeeOther)
	return nil
}

// handleCaseCallCentre records a call centre found, or its shutting down
// with what was seized: cases.Service.PutCallCentre, as
// POST /v1/cases/{id}/call-centres.
func (s *Server) handleCaseCallCentre(w http.ResponseWriter, r *http.Request, p *page) error {
	shut, err := formDate(r, "shut")
	if err != nil {
		return err
	}
	in := cases.CallCentreInput{ID: r.PostFormValue("centre"), Country: r.PostFormValue("country"),
		City: r.PostFormValue("city"), Partner: r.PostFormValue("partner"), ShutDownAt: shut}
	for field, n := range map[string]*int64{"simboxes": &in.SIMBoxesSeized, "sims": &in.SIMsSeized} {
		if v := strings.TrimSpace(r.PostFormValue(field)); v != "" {
			if *n, err = strconv.ParseInt(v, 10, 64); err != nil {
				return kuzet.Invalid(field, "%s is a count", field)
			}
		}
	}
	if in.ID != "" && shut.IsZero() {
		return kuzet.Invalid("shut", "give the day the call centre was shut down")
	}
	c, err := s.cfg.Cases.PutCallCentre(r.Context(), principal(r).Org.ID, r.PathValue("id"), in)
	if err != nil {
		return err
	}
	http.Redirect(w, r, caseBack(c.ID, "callcentre")+"#callcentres", http.StatusSeeOther)
	return nil
}

// graphTypes are the node types the graph page filters by.
var graphTypes = []string{"report", "case", "phone", "iban", "card", "domain", "url", "imei", "suspect", "callcentre"}

// groupsShown bounds the groups ranking on the graph page.
const groupsShown = 50

type graphData struct {
	Seed   string
	Groups []*cases.Group
	Types  []string
	Total  int
}

// handleGraph is the link graph: the groups ranking (cases.Service.Groups,
// as GET /v1/graph/groups) and a neighbourhood the page's script draws from
// /graph/data. Without a seed the first group's first report is the seed.
func (s *Server) handleGraph(w http.ResponseWriter, r *http.Request, p *page) error {
	gs, err := s.cfg.Cases.Groups(r.Context())
	if err != nil {
		return err
	}
	d := &graphData{Seed: strings.TrimSpace(r.URL.Query().Get("seed")), Types: graphTypes, Total: len(gs)}
	if len(gs) > groupsShown {
		gs = gs[:groupsShown]
	}
	d.Groups = gs
	if d.Seed == "" && len(gs) > 0 && len(gs[0].Reports) > 0 {
		d.Seed = "report:" + gs[0].Reports[0]
	}
	p.Title, p.Data = "graph.title", d
	s.render(w, r, http.StatusOK, "graph", p)
	return nil
}

// handleGraphData answers a neighbourhood as Cytoscape.js elements:
// cases.Service.Neighbourhood, as GET /v1/graph (?seed=, ?depth=, ?types=).
// Errors are JSON too, for the page's script.
func (s *Server) handleGraphData(w http.ResponseWriter, r *http.Request, p *page) error {
	q := r.URL.Query()
	depth := 1
	if v := q.Get("depth"); v != "" {
		d, err := strconv.Atoi(v)
		if err != nil {
			return writeJSONError(w, s.message(p.L, kuzet.Invalid("depth", "depth must be a whole number")), http.StatusBadRequest)
		}
		depth = d
	}
	var types []string
	if v := q.Get("types"); v != "" {
		types = strings.Split(v, ",")
	}
	g, err := s.cfg.Cases.Neighbourhood(r.Context(), principal(r).Org.ID, q.Get("seed"), depth, types)
	if err != nil {
		status := http.StatusInternalServerError
		switch kuzet.ErrorCode(err) {
		case kuzet.EINVALID:
			status = http.StatusBadRequest
		case kuzet.ENOTFOUND:
			status = http.StatusNotFound
		}
		return writeJSONError(w, s.message(p.L, err), status)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	return json.NewEncoder(w).Encode(g)
}

func writeJSONError(w http.ResponseWriter, msg string, status int) error {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	return json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

// handleGroupCase opens a case from a group of the link graph:
// cases.Service.Create with FromGroup, as POST /v1/cases {"from_group": …}.
func (s *Server) handleGroupCase(w http.ResponseWriter, r *http.Request, p *page) error {
	c, err := s.cfg.Cases.Create(r.Context(), principal(r).Org.ID, cases.NewCase{FromGroup: r.PathValue("id"),
		Assignee: p.User.Name})
	if err != nil {
		return err
	}
	http.Redirect(w, r, caseBack(c.ID, "created"), http.StatusSeeOther)
	return nil
}
