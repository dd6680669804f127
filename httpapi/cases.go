package httpapi

import (
	"net/http"
	"strconv"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/cases"
)

// caseRoutes registers cases: police only.
func (s *Server) caseRoutes() {
	s.route("GET /v1/cases", kuzet.PermCaseRead, s.handleCases, "status", "assignee", "region", "limit")
	s.route("POST /v1/cases", kuzet.PermCaseWrite, s.handleCaseCreate)
	s.route("GET /v1/cases/{id}", kuzet.PermCaseRead, s.handleCase)
	s.route("PATCH /v1/cases/{id}", kuzet.PermCaseWrite, s.handleCasePatch)
	s.route("POST /v1/cases/{id}/notes", kuzet.PermCaseWrite, s.handleCaseNote)
	s.route("POST /v1/cases/{id}/tasks", kuzet.PermCaseWrite, s.handleCaseTask)
	s.route("POST /v1/cases/{id}/suspects", kuzet.PermCaseWrite, s.handleCaseSuspect)
	s.route("POST /v1/cases/{id}/call-centres", kuzet.PermCaseWrite, s.handleCaseCallCentre)
	s.route("POST /v1/cases/{id}/evidence", kuzet.PermCaseWrite, s.handleEvidenceAdd, "name")
	s.route("GET /v1/cases/{id}/evidence/{evidence_id}", kuzet.PermCaseRead, s.handleEvidenceGet)
	s.route("GET /v1/reports/{report_id}", kuzet.PermReportCreate, s.handleReport)
	s.route("POST /v1/reports/{report_id}/confirm", kuzet.PermCaseWrite, s.handleReportConfirm)
}

// handleReportConfirm: the police confirm a report's identifiers, which
// raises their confidence in the registry.
func (s *Server) handleReportConfirm(w http.ResponseWriter, r *http.Request) error {
	c, err := s.cases.ConfirmReport(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.PathValue("report_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

// handleReport answers one victim's report: the police any, others the
// reports they filed.
func (s *Server) handleReport(w http.ResponseWriter, r *http.Request) error {
	pr := kuzet.PrincipalFromContext(r.Context())
	v, err := s.cases.Report(r.Context(), pr.Org.ID, pr.Can(kuzet.PermCaseRead), r.PathValue("report_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, v)
}

// handleCases lists cases, newest first.
func (s *Server) handleCases(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := queryLimit(q.Get("limit"), 1000)
	if err != nil {
		return err
	}
	cs, err := s.cases.Cases(r.Context(), kuzet.CaseFilter{Status: kuzet.CaseStatus(q.Get("status")),
		Assignee: q.Get("assignee"), Region: q.Get("region"), Limit: limit})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"cases": cs})
}

// handleCaseCreate opens a case, from a group of the link graph when the
// body names one.
func (s *Server) handleCaseCreate(w http.ResponseWriter, r *http.Request) error {
	var in cases.NewCase
	if err := s.decodeJSON(r, &in); err != nil {
		return err
	}
	c, err := s.cases.Create(r.Context(), kuzet.OrgIDFromContext(r.Context()), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/v1/cases/"+c.ID)
	return writeJSON(w, http.StatusCreated, c)
}

// handleCase answers a case with its reports; the read is audited.
func (s *Server) handleCase(w http.ResponseWriter, r *http.Request) error {
	v, err := s.cases.Case(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, v)
}

// handleCasePatch moves a case along its workflow, assigns it, marks it.
func (s *Server) handleCasePatch(w http.ResponseWriter, r *http.Request) error {
	var in cases.Patch
	if err := s.decodeJSON(r, &in); err != nil {
		return err
	}
	c, err := s.cases.Update(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

type noteRequest struct {
	Author string `json:"author"`
	Text   string `json:"text"`
}

// handleCaseNote adds a note.
func (s *Server) handleCaseNote(w http.ResponseWriter, r *http.Request) error {
	var in noteRequest
	if err := s.decodeJSON(r, &in); err != nil {
		return err
	}
	c, err := s.cases.AddNote(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.PathValue("id"), in.Author, in.Text)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

// handleCaseTask adds a task, or changes the one its id names.
func (s *Server) handleCaseTask(w http.ResponseWriter, r *http.Request) error {
	var in cases.TaskInput
	if err := s.decodeJSON(r, &in); err != nil {
		return err
	}
	c, err := s.cases.PutTask(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

// handleCaseSuspect adds a suspect, or records their detention, charge and
// court date.
func (s *Server) handleCaseSuspect(w http.ResponseWriter, r *http.Request) error {
	var in cases.SuspectInput
	if err := s.decodeJSON(r, &in); err != nil {
		return err
	}
	c, err := s.cases.PutSuspect(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

// handleCaseCallCentre records a call centre, or its shutting down.
func (s *Server) handleCaseCallCentre(w http.ResponseWriter, r *http.Request) error {
	var in cases.CallCentreInput
	if err := s.decodeJSON(r, &in); err != nil {
		return err
	}
	c, err := s.cases.PutCallCentre(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

// handleEvidenceAdd stores the body as an evidence file of the case: the
// service checks its type and size, and nothing is kept of a refused or
// interrupted upload.
func (s *Server) handleEvidenceAdd(w http.ResponseWriter, r *http.Request) error {
	body, err := readBody(r, cases.MaxEvidenceBytes, cases.EvidenceTypes...)
	if err != nil {
		return err
	}
	e, err := s.cases.AddEvidence(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.PathValue("id"),
		r.URL.Query().Get("name"), r.Header.Get("Content-Type"), body)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/v1/cases/"+e.CaseID+"/evidence/"+e.ID)
	return writeJSON(w, http.StatusCreated, e)
}

// handleEvidenceGet answers the file as it was uploaded, with its SHA-256
// in a header.
func (s *Server) handleEvidenceGet(w http.ResponseWriter, r *http.Request) error {
	e, err := s.cases.Evidence(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.PathValue("id"), r.PathValue("evidence_id"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", e.ContentType)
	w.Header().Set("Content-Length", strconv.FormatInt(e.Size, 10))
	w.Header().Set("X-Content-SHA256", e.SHA256)
	w.Header().Set("Content-Disposition", "attachment")
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(e.Data)
	return err
}
