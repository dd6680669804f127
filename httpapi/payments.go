package httpapi

import (
	"mime"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/iso20022"
	"github.com/kuzet/kuzet/payments"
)

// maxCheckBody bounds a JSON payment check: one payment is a few hundred
// bytes. An ISO 20022 message may carry many: iso20022.MaxSize bounds it.
const maxCheckBody = 64 << 10

// paymentRoutes registers the anti-fraud centre's check, outcomes, the
// bank's checks, rules and prevented loss.
func (s *Server) paymentRoutes() {
	s.route("POST /v1/payments/check", kuzet.PermPaymentCheck, s.handleCheck)
	s.route("POST /v1/payments/{check_id}/outcome", kuzet.PermPaymentCheck, s.handleOutcome)
	s.route("GET /v1/payments/checks", kuzet.PermPaymentCheck, s.handleChecks, "from", "to", "decision", "limit")
	s.route("GET /v1/payments/checks/{check_id}", kuzet.PermPaymentCheck, s.handleCheckGet)
	s.route("GET /v1/payments/rules", kuzet.PermPaymentRules, s.handleRulesGet)
	s.route("POST /v1/payments/rules", kuzet.PermPaymentRules, s.handleRulesPost, "mode")
	s.route("GET /v1/payments/shadow", kuzet.PermPaymentRules, s.handleShadowGet)
	s.route("DELETE /v1/payments/shadow", kuzet.PermPaymentRules, s.handleShadowDelete)
	s.route("GET /v1/payments/prevented-loss", kuzet.PermStatsRead, s.handlePreventedLoss, "from", "to", "bank", "region")
	s.route("POST /v1/payments/backtests", kuzet.PermPaymentCheck, s.handleBacktest)
}

type backtestRequest struct {
	Rules string    `json:"rules"`
	From  time.Time `json:"from"`
	To    time.Time `json:"to"`
}

// handleBacktest runs candidate rules over the caller's stored checks.
func (s *Server) handleBacktest(w http.ResponseWriter, r *http.Request) error {
	var req backtestRequest
	if err := s.decodeJSON(r, &req); err != nil {
		return err
	}
	rep, err := s.payments.Backtest(r.Context(), kuzet.OrgIDFromContext(r.Context()),
		payments.BacktestInput{Rules: req.Rules, From: req.From, To: req.To})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rep)
}

// handleCheck decides on one payment, described in JSON, or on each of an
// ISO 20022 pacs.008's.
func (s *Server) handleCheck(w http.ResponseWriter, r *http.Request) error {
	if mt, _ := mediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		body, err := readBody(r, iso20022.MaxSize, "application/json", "application/xml", "text/xml")
		if err != nil {
			return err
		}
		return s.checkPacs008(w, r, body)
	}
	body, err := callBody(r, maxCheckBody)
	if err != nil {
		return err
	}
	var pc kuzet.PaymentCheck // on the stack: the general decoding below has its own
	if !decodeCheck(body, &pc) {
		// Not the plain shape: encoding/json decides, and names the field.
		if pc, err = unmarshalCheck(body); err != nil {
			return err
		}
	}
	d, err := s.payments.Check(r.Context(), kuzet.OrgIDFromContext(r.Context()), pc)
	if err != nil {
		return err
	}
	buf := answerBufs.Get().(*[]byte)
	defer answerBufs.Put(buf)
	*buf = appendDecision((*buf)[:0], &d)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(*buf)
	return err
}

// unmarshalCheck decodes a check with encoding/json, unknown fields
// refused.
func unmarshalCheck(body string) (kuzet.PaymentCheck, error) {
	var pc kuzet.PaymentCheck
	err := unmarshalStrict([]byte(body), &pc)
	return pc, err
}

// answerBufs hold encoded check answers: a few hundred bytes each.
var answerBufs = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// checkPacs008 decides on every transaction of a pacs.008 and answers in
// JSON, or in kind — a pacs.002 — to a client that asks for XML.
func (s *Server) checkPacs008(w http.ResponseWriter, r *http.Request, body []byte) error {
	md, err := s.payments.CheckPacs008(r.Context(), kuzet.OrgIDFromContext(r.Context()), body)
	if err != nil {
		return err
	}
	w.Header().Add("Vary", "Accept")
	if !iso20022.PrefersXML(r.Header.Get("Accept")) {
		return writeJSON(w, http.StatusOK, md)
	}
	doc, err := md.Pacs002()
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(doc)
	return err
}

type outcomeRequest struct {
	Outcome       kuzet.Outcome `json:"outcome"`
	FraudDeviceID string        `json:"fraud_device_id"`
}

// outcomeResponse says what an outcome led to: the mule identifiers
// reported, and the loss counted as prevented.
type outcomeResponse struct {
	CheckID       string               `json:"check_id"`
	Outcome       kuzet.Outcome        `json:"outcome"`
	Decision      kuzet.Decision       `json:"decision"`
	Reported      []kuzet.Indicator    `json:"reported"`
	PreventedLoss *kuzet.PreventedLoss `json:"prevented_loss"`
}

// handleOutcome records what the bank learned of a checked payment.
func (s *Server) handleOutcome(w http.ResponseWriter, r *http.Request) error {
	var req outcomeRequest
	if err := s.decodeJSON(r, &req); err != nil {
		return err
	}
	res, err := s.payments.RecordOutcomeInput(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.PathValue("check_id"),
		payments.OutcomeInput{Outcome: req.Outcome, FraudDeviceID: req.FraudDeviceID})
	if err != nil {
		return err
	}
	resp := outcomeResponse{CheckID: res.Check.ID, Outcome: req.Outcome, Decision: res.Check.Decision,
		Reported: res.Mules, PreventedLoss: res.Prevented}
	if resp.Reported == nil {
		resp.Reported = []kuzet.Indicator{}
	}
	return writeJSON(w, http.StatusOK, resp)
}

// handleChecks lists the caller's own checks, newest first.
func (s *Server) handleChecks(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var f kuzet.CheckFilter
	var err error
	if f.From, err = queryTime(q.Get("from"), "from"); err != nil {
		return err
	}
	if f.To, err = queryTime(q.Get("to"), "to"); err != nil {
		return err
	}
	f.Decision = kuzet.Decision(q.Get("decision"))
	if f.Limit, err = queryLimit(q.Get("limit"), 1000); err != nil {
		return err
	}
	checks, err := s.payments.Checks(r.Context(), kuzet.OrgIDFromContext(r.Context()), f)
	if err != nil {
		return err
	}
	if checks == nil {
		checks = []*kuzet.CheckRecord{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"checks": checks})
}

func (s *Server) handleCheckGet(w http.ResponseWriter, r *http.Request) error {
	rec, err := s.payments.FindCheck(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.PathValue("check_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rec)
}

// queryTime reads an optional RFC 3339 query parameter.
func queryTime(v, name string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, kuzet.Invalid(name, "%s must be an RFC 3339 time", name)
	}
	return t, nil
}

// queryLimit reads an optional limit from 1 to most.
func queryLimit(v string, most int) (int, error) {
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > most {
		return 0, kuzet.Invalid("limit", "limit must be from 1 to %d", most)
	}
	return n, nil
}

// rulesView describes a rule set without its parse.
type rulesView struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Hash    string `json:"hash"`
	Source  string `json:"source"`
}

func viewRules(rs *payments.RuleSet) *rulesView {
	if rs == nil {
		return nil
	}
	return &rulesView{ID: rs.ID(), Version: rs.Version, Hash: rs.Hash, Source: rs.Source}
}

// handleRulesGet shows the live and shadow rules and every stored version.
func (s *Server) handleRulesGet(w http.ResponseWriter, r *http.Request) error {
	versions, err := s.payments.RuleVersions(r.Context())
	if err != nil {
		return err
	}
	if versions == nil {
		versions = []*kuzet.RuleVersion{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{
		"live": viewRules(s.payments.Rules()), "shadow": viewRules(s.payments.Shadow()), "versions": versions})
}

type rulesRequest struct {
	Mode   kuzet.RuleMode `json:"mode"`
	Source string         `json:"source"`
}

// handleRulesPost loads a rules text, as the live rules or as the shadow
// ones compared beside them: JSON {"mode", "source"}, or the text itself
// (text/plain) with ?mode=. Without a mode the text goes to the shadow,
// where a mistake costs nothing.
func (s *Server) handleRulesPost(w http.ResponseWriter, r *http.Request) error {
	body, err := readBody(r, payments.MaxRulesSize, "application/json", "text/plain")
	if err != nil {
		return err
	}
	var req rulesRequest
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/json" {
		if err := unmarshalStrict(body, &req); err != nil {
			return err
		}
	} else {
		req = rulesRequest{Mode: kuzet.RuleMode(r.URL.Query().Get("mode")), Source: string(body)}
	}
	if req.Mode == "" {
		req.Mode = kuzet.RulesShadow
	}
	rs, err := s.payments.SetRules(r.Context(), kuzet.OrgIDFromContext(r.Context()), req.Source, req.Mode)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, map[string]any{"mode": req.Mode, "rules": viewRules(rs)})
}

// handleShadowGet reports how decisions would change under the shadow
// rules.
func (s *Server) handleShadowGet(w http.ResponseWriter, r *http.Request) error {
	rep, err := s.payments.ShadowReport()
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rep)
}

func (s *Server) handleShadowDelete(w http.ResponseWriter, r *http.Request) error {
	if err := s.payments.StopShadow(r.Context(), kuzet.OrgIDFromContext(r.Context())); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// handlePreventedLoss answers the prevented-loss statistics: money held
// or blocked that the banks confirmed as fraud, by day, bank and region.
func (s *Server) handlePreventedLoss(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var f kuzet.PreventedLossFilter
	var err error
	if f.From, err = queryTime(q.Get("from"), "from"); err != nil {
		return err
	}
	if f.To, err = queryTime(q.Get("to"), "to"); err != nil {
		return err
	}
	if v := q.Get("bank"); v != "" {
		if f.OrgID, err = strconv.ParseInt(v, 10, 64); err != nil || f.OrgID <= 0 {
			return kuzet.Invalid("bank", "bank must be an organisation ID")
		}
	}
	f.Region = q.Get("region")
	rep, err := s.payments.PreventedLoss(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rep)
}
