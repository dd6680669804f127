package httpapi

import (
	"net/http"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/registry"
)

// indicatorRoutes registers the registry's routes. An indicator is named in
// the path (percent-encoded where it holds a / or ?) or, for values such as
// URLs, in the value query parameter of the path without it.
func (s *Server) indicatorRoutes() {
	s.route("POST /v1/indicators", kuzet.PermIndicatorWrite, s.handleIndicatorsSubmit)
	s.route("POST /v1/indicators/check", kuzet.PermIndicatorRead, s.handleIndicatorsCheck)
	s.route("GET /v1/indicators/{kind}/{value...}", kuzet.PermIndicatorRead, s.handleIndicatorGet)
	s.route("GET /v1/indicators/{kind}", kuzet.PermIndicatorRead, s.handleIndicatorGet, "value")
	s.route("DELETE /v1/indicators/{kind}/{value...}", kuzet.PermIndicatorWrite, s.handleIndicatorWithdraw, "category")
	s.route("DELETE /v1/indicators/{kind}", kuzet.PermIndicatorWrite, s.handleIndicatorWithdraw, "value", "category")
	s.route("POST /v1/allowlist", kuzet.PermAllowlistWrite, s.handleAllowlistPut)
	s.route("DELETE /v1/allowlist/{kind}/{value...}", kuzet.PermAllowlistWrite, s.handleAllowlistDelete)
	s.route("DELETE /v1/allowlist/{kind}", kuzet.PermAllowlistWrite, s.handleAllowlistDelete, "value")
}

// indicatorParams reads the kind and value an indicator route names: the
// value from the path, or from the value query parameter on the route
// without it.
func indicatorParams(r *http.Request) (kuzet.Kind, string, error) {
	kind := kuzet.Kind(r.PathValue("kind"))
	if !kind.Valid() {
		return "", "", kuzet.Invalid("kind", "unknown indicator kind %q", kind)
	}
	if strings.HasSuffix(r.Pattern, "{value...}") {
		return kind, r.PathValue("value"), nil
	}
	v := r.URL.Query().Get("value")
	if v == "" {
		return "", "", kuzet.Invalid("value", "value is required: /v1/indicators/%s?value=…", kind)
	}
	return kind, v, nil
}

type indicatorInput struct {
	Kind       string   `json:"kind"`
	Value      string   `json:"value"`
	Category   string   `json:"category"`
	Confidence *float64 `json:"confidence"`
	Evidence   string   `json:"evidence"`
	ValidUntil string   `json:"valid_until"`
}

type indicatorsRequest struct {
	Indicators []indicatorInput `json:"indicators"`
}

type indicatorResult struct {
	Index  int        `json:"index"`
	Kind   kuzet.Kind `json:"kind,omitempty"`
	Value  string     `json:"value,omitempty"`
	Status string     `json:"status"`
	Error  *itemError `json:"error,omitempty"`
}

type indicatorsResponse struct {
	Accepted int               `json:"accepted"`
	Rejected int               `json:"rejected"`
	Results  []indicatorResult `json:"results"`
}

// handleIndicatorsSubmit records the caller's reports. Items are judged one
// by one: a bad item is answered with its error and the others still count.
func (s *Server) handleIndicatorsSubmit(w http.ResponseWriter, r *http.Request) error {
	var req indicatorsRequest
	if err := s.decodeJSON(r, &req); err != nil {
		return err
	}
	if err := checkBatch("indicators", len(req.Indicators)); err != nil {
		return err
	}
	subs := make([]registry.Submission, len(req.Indicators))
	for i, in := range req.Indicators {
		sub := registry.Submission{Kind: kuzet.Kind(in.Kind), Value: in.Value, Category: kuzet.Category(in.Category),
			Evidence: in.Evidence}
		if in.Confidence != nil {
			sub.Confidence = *in.Confidence
			if sub.Confidence == 0 { // given as 0, not left out
				sub.Err = kuzet.Invalid("confidence", "confidence must be in (0, 1]")
			}
		}
		if in.ValidUntil != "" {
			t, err := time.Parse(time.RFC3339Nano, in.ValidUntil)
			if err != nil {
				sub.Err = kuzet.Invalid("valid_until", "valid_until must be an RFC 3339 time")
			}
			sub.ValidUntil = t
		}
		subs[i] = sub
	}
	results, err := s.registry.Submit(r.Context(), kuzet.OrgIDFromContext(r.Context()), subs)
	if err != nil {
		return err
	}
	resp := indicatorsResponse{Results: make([]indicatorResult, len(results))}
	for i, res := range results {
		out := indicatorResult{Index: i, Kind: res.Indicator.Kind, Value: res.Indicator.Value, Status: "accepted"}
		if res.Err != nil {
			s.logItemError(res.Err)
			out = indicatorResult{Index: i, Status: "rejected", Error: newItemError(res.Err)}
			resp.Rejected++
		} else {
			resp.Accepted++
		}
		resp.Results[i] = out
	}
	return writeJSON(w, http.StatusOK, resp)
}

// publicAssessment is what a key without the detail right sees.
type publicAssessment struct {
	Kind  kuzet.Kind `json:"kind"`
	Value string     `json:"value"`
	Risk  kuzet.Risk `json:"risk"`
}

// assessmentView trims a for the caller's rights.
func assessmentView(p *kuzet.Principal, a kuzet.Assessment) any {
	if p.Can(kuzet.PermIndicatorDetail) {
		return a
	}
	return publicAssessment{Kind: a.Kind, Value: a.Value, Risk: a.Risk}
}

func (s *Server) handleIndicatorGet(w http.ResponseWriter, r *http.Request) error {
	p := kuzet.PrincipalFromContext(r.Context())
	kind, value, err := indicatorParams(r)
	if err != nil {
		return err
	}
	a, err := s.registry.Lookup(r.Context(), p.Org.ID, kind, value, p.Can(kuzet.PermIndicatorDetail))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, assessmentView(p, a))
}

type checkItem struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

type checkRequest struct {
	Items []checkItem `json:"items"`
}

type checkResult struct {
	Index int        `json:"index"`
	Error *itemError `json:"error,omitempty"`
	*kuzet.Assessment
}

type publicCheckResult struct {
	Index int        `json:"index"`
	Error *itemError `json:"error,omitempty"`
	*publicAssessment
}

// handleIndicatorsCheck assesses a batch of indicators. A key that may see
// the details gets them, each read audited; a public key gets the risk of
// at most registry.MaxPublicCheck items, unaudited (registry.Service.Check).
func (s *Server) handleIndicatorsCheck(w http.ResponseWriter, r *http.Request) error {
	p := kuzet.PrincipalFromContext(r.Context())
	var req checkRequest
	if err := s.decodeJSON(r, &req); err != nil {
		return err
	}
	detail := p.Can(kuzet.PermIndicatorDetail)
	items := make([]registry.CheckItem, len(req.Items))
	for i, it := range req.Items {
		items[i] = registry.CheckItem{Kind: kuzet.Kind(it.Kind), Value: it.Value}
	}
	results, err := s.registry.Check(r.Context(), p.Org.ID, items, detail)
	if err != nil {
		return err
	}
	out := make([]any, len(results))
	for i, res := range results {
		var ie *itemError
		if res.Err != nil {
			s.logItemError(res.Err)
			ie = newItemError(res.Err)
		}
		switch {
		case detail && ie != nil:
			out[i] = checkResult{Index: i, Error: ie}
		case detail:
			a := res.Assessment
			out[i] = checkResult{Index: i, Assessment: &a}
		case ie != nil:
			out[i] = publicCheckResult{Index: i, Error: ie}
		default:
			pa := publicAssessment{Kind: res.Assessment.Kind, Value: res.Assessment.Value, Risk: res.Assessment.Risk}
			out[i] = publicCheckResult{Index: i, publicAssessment: &pa}
		}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"results": out})
}

func (s *Server) handleIndicatorWithdraw(w http.ResponseWriter, r *http.Request) error {
	kind, value, err := indicatorParams(r)
	if err != nil {
		return err
	}
	category := kuzet.Category(r.URL.Query().Get("category"))
	if category != "" && !category.Valid() {
		return kuzet.Invalid("category", "unknown category %q", category)
	}
	err = s.registry.Withdraw(r.Context(), kuzet.OrgIDFromContext(r.Context()), kind, value, category)
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type allowInput struct {
	Kind   string `json:"kind"`
	Value  string `json:"value"`
	Reason string `json:"reason"`
}

type allowRequest struct {
	Entries []allowInput `json:"entries"`
}

func (s *Server) handleAllowlistPut(w http.ResponseWriter, r *http.Request) error {
	var req allowRequest
	if err := s.decodeJSON(r, &req); err != nil {
		return err
	}
	if err := checkBatch("entries", len(req.Entries)); err != nil {
		return err
	}
	orgID := kuzet.OrgIDFromContext(r.Context())
	resp := indicatorsResponse{Results: make([]indicatorResult, len(req.Entries))}
	for i, e := range req.Entries {
		ind, err := s.registry.PutAllow(r.Context(), orgID, kuzet.Kind(e.Kind), e.Value, e.Reason)
		if err != nil {
			if kuzet.ErrorCode(err) == kuzet.EINTERNAL {
				return err
			}
			resp.Results[i] = indicatorResult{Index: i, Status: "rejected", Error: newItemError(kuzet.WithField(err, itemPath("entries", i)))}
			resp.Rejected++
			continue
		}
		resp.Results[i] = indicatorResult{Index: i, Kind: ind.Kind, Value: ind.Value, Status: "accepted"}
		resp.Accepted++
	}
	return writeJSON(w, http.StatusOK, resp)
}

func (s *Server) handleAllowlistDelete(w http.ResponseWriter, r *http.Request) error {
	kind, value, err := indicatorParams(r)
	if err != nil {
		return err
	}
	if err := s.registry.DeleteAllow(r.Context(), kuzet.OrgIDFromContext(r.Context()), kind, value); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
