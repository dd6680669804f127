package console

import (
	"context"
	"net"
	"net/http"
	"strings"

	"golang.org/x/time/rate"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/freeze"
	"github.com/kuzet/kuzet/stats"
)

// The portal is public: no sign-in, every submission limited per address.
// It acts as the deployment's public organisation (the first of type
// public), which is made on the first report if there is none.

// portalOrgName names the public organisation the portal makes when the
// deployment has none.
const portalOrgName = "Citizens' portal"

// checkKinds are what a citizen may check, in the form's order.
var checkKinds = []kuzet.Kind{kuzet.KindPhone, kuzet.KindDomain, kuzet.KindCard, kuzet.KindAccount}

func (s *Server) portalRoutes() {
	s.mux.HandleFunc("GET /portal", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/portal/", http.StatusSeeOther)
	})
	s.mux.HandleFunc("GET /portal/{$}", s.handlePortal)
	s.mux.HandleFunc("GET /portal/check", s.handlePortalCheck)
	s.mux.HandleFunc("GET /portal/report", s.handlePortalReportForm)
	s.mux.HandleFunc("POST /portal/report", s.handlePortalReport)
	s.mux.HandleFunc("GET /portal/prevention", s.handlePrevention)
}

// allowPortal reports whether the request's address may make another
// portal submission now.
func (s *Server) allowPortal(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	s.portalMu.Lock()
	defer s.portalMu.Unlock()
	lim, ok := s.portalLimits[host]
	if !ok {
		if len(s.portalLimits) >= 100_000 { // bounded memory under a flood from many addresses
			clear(s.portalLimits)
		}
		lim = rate.NewLimiter(rate.Limit(s.cfg.PortalRate), s.cfg.PortalBurst)
		s.portalLimits[host] = lim
	}
	return lim.Allow()
}

type checkData struct {
	Kinds  []kuzet.Kind
	Kind   kuzet.Kind
	Value  string
	Result *kuzet.Assessment
}

func (s *Server) handlePortal(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "portal", &page{Title: "portal.title", Portal: true,
		Data: checkData{Kinds: checkKinds, Kind: kuzet.KindPhone}})
}

// handlePortalCheck answers a citizen's check in plain words: the risk and
// what to do. The check is the public API's (no details, unaudited).
func (s *Server) handlePortalCheck(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := checkData{Kinds: checkKinds, Kind: kuzet.Kind(q.Get("kind")), Value: strings.TrimSpace(q.Get("value"))}
	p := &page{Title: "portal.check.title", Portal: true, Data: &d}
	p.L = newL(chooseLang(w, r, s.cfg.Secure))
	if !validKind(d.Kind) {
		d.Kind = kuzet.KindPhone
	}
	if d.Value == "" {
		p.Error = p.L.T("portal.check.empty")
		s.render(w, r, http.StatusBadRequest, "portal", p)
		return
	}
	if len(d.Value) > 512 {
		p.Error = p.L.T("portal.check.long")
		d.Value = d.Value[:0]
		s.render(w, r, http.StatusBadRequest, "portal", p)
		return
	}
	if !s.allowPortal(r) {
		p.Error = p.L.T("error.ratelimited")
		w.Header().Set("Retry-After", "10")
		s.render(w, r, http.StatusTooManyRequests, "portal", p)
		return
	}
	if s.cfg.Registry == nil {
		p.Error = p.L.T("error.internal")
		s.render(w, r, http.StatusServiceUnavailable, "portal", p)
		return
	}
	a, err := s.cfg.Registry.Lookup(r.Context(), 0, siteKind(d.Kind, d.Value), d.Value, false)
	if err != nil {
		status := http.StatusInternalServerError
		if kuzet.ErrorCode(err) == kuzet.EINVALID {
			status = http.StatusBadRequest
			p.Error = p.L.T("portal.check.invalid." + string(d.Kind))
		} else {
			p.Error = s.message(p.L, err)
		}
		s.render(w, r, status, "portal", p)
		return
	}
	d.Result = &a
	s.render(w, r, http.StatusOK, "portal", p)
}

// siteKind reads a "site" a citizen pasted with a path or a scheme as the
// link it is, and a bare name as a domain.
func siteKind(k kuzet.Kind, v string) kuzet.Kind {
	if k == kuzet.KindDomain && strings.ContainsAny(v, "/:") {
		return kuzet.KindURL
	}
	return k
}

func validKind(k kuzet.Kind) bool {
	for _, x := range checkKinds {
		if k == x {
			return true
		}
	}
	return false
}

// reportForm is the guided report as the citizen filled it, kept to show
// again with the problems.
type reportForm struct {
	What, Channel, Description, Name, Phone, Region string
	Numbers, Sites                                  string
	IBANs, Amounts                                  []string
	Channels, Schemes                               []string
	Scheme                                          string
	Reference                                       string
	Freezes                                         int
}

var (
	reportChannels = []string{"phone_call", "sms", "messenger", "website", "marketplace", "social"}
	reportSchemes  = []string{"bank_security", "fake_police", "investment", "marketplace", "relative", "other"}
)

func (s *Server) handlePortalReportForm(w http.ResponseWriter, r *http.Request) {
	f := &reportForm{Channels: reportChannels, Schemes: reportSchemes, IBANs: make([]string, 3), Amounts: make([]string, 3)}
	s.render(w, r, http.StatusOK, "report", &page{Title: "report.title", Portal: true, Data: f})
}

// handlePortalReport files a citizen's report: the same use case as
// POST /v1/reports, which reports the numbers and sites to the registry
// and raises a freeze request for each account the money went to.
func (s *Server) handlePortalReport(w http.ResponseWriter, r *http.Request) {
	if !s.parseForm(w, r) {
		return
	}
	l := newL(chooseLang(w, r, s.cfg.Secure))
	f := &reportForm{Channels: reportChannels, Schemes: reportSchemes,
		Channel: r.PostFormValue("channel"), Scheme: r.PostFormValue("scheme"),
		Description: r.PostFormValue("description"), Name: r.PostFormValue("name"), Phone: r.PostFormValue("phone"),
		Region: r.PostFormValue("region"), Numbers: r.PostFormValue("numbers"), Sites: r.PostFormValue("sites"),
		IBANs: r.PostForm["iban"], Amounts: r.PostForm["amount"]}
	for len(f.IBANs) < 3 {
		f.IBANs = append(f.IBANs, "")
	}
	for len(f.Amounts) < len(f.IBANs) {
		f.Amounts = append(f.Amounts, "")
	}
	p := &page{L: l, Title: "report.title", Portal: true, Data: f}
	if !s.allowPortal(r) {
		p.Error = l.T("error.ratelimited")
		w.Header().Set("Retry-After", "10")
		s.render(w, r, http.StatusTooManyRequests, "report", p)
		return
	}
	in := freeze.ReportInput{Victim: kuzet.Victim{Name: f.Name, Phone: strings.TrimSpace(f.Phone), Region: f.Region},
		Channel: f.Channel, Scheme: f.Scheme, Description: f.Description, Currency: "KZT"}
	var problems []string
	for _, n := range fields(f.Numbers) {
		in.Indicators = append(in.Indicators, freeze.IndicatorRef{Kind: kuzet.KindPhone, Value: n})
	}
	for _, d := range fields(f.Sites) {
		in.Indicators = append(in.Indicators, freeze.IndicatorRef{Kind: siteKind(kuzet.KindDomain, d), Value: strings.TrimSpace(d)})
	}
	for i, iban := range f.IBANs {
		iban = strings.ReplaceAll(strings.TrimSpace(iban), " ", "")
		amt := strings.ReplaceAll(strings.TrimSpace(f.Amounts[i]), " ", "")
		if iban == "" && amt == "" {
			continue
		}
		a, err := kuzet.ParseAmount(strings.ReplaceAll(amt, ",", "."))
		if err != nil || a <= 0 {
			problems = append(problems, l.T("report.bad_amount", i+1))
			continue
		}
		in.Transfers = append(in.Transfers, kuzet.Transfer{ToIBAN: iban, Amount: a})
		in.AmountLost += a
	}
	if len(problems) > 0 {
		p.Error = strings.Join(problems, " ")
		s.render(w, r, http.StatusBadRequest, "report", p)
		return
	}
	if s.cfg.Freeze == nil {
		p.Error = l.T("error.internal")
		s.render(w, r, http.StatusServiceUnavailable, "report", p)
		return
	}
	org, err := s.portalOrgID(r.Context())
	if err != nil {
		p.Error = s.message(l, err)
		s.render(w, r, http.StatusInternalServerError, "report", p)
		return
	}
	res, err := s.cfg.Freeze.NewReport(r.Context(), org, in)
	if err != nil {
		status := http.StatusInternalServerError
		if kuzet.ErrorCode(err) == kuzet.EINVALID {
			status = http.StatusBadRequest
		}
		p.Error = s.message(l, err)
		s.render(w, r, status, "report", p)
		return
	}
	f.Reference, f.Freezes = res.Report.ID, len(res.FreezeRequests)
	s.render(w, r, http.StatusCreated, "reported", p)
}

// fields splits a list a citizen typed, one a line or separated by commas.
func fields(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == ',' || r == ';' })
}

// portalOrgID returns the public organisation the portal reports as,
// making it on first use.
func (s *Server) portalOrgID(ctx context.Context) (int64, error) {
	s.portalOrgOnce.Lock()
	defer s.portalOrgOnce.Unlock()
	if s.portalOrg != 0 {
		return s.portalOrg, nil
	}
	orgs, err := s.cfg.Access.Orgs(ctx)
	if err != nil {
		return 0, err
	}
	for _, o := range orgs {
		if o.Type == kuzet.OrgPublic {
			s.portalOrg = o.ID
			return o.ID, nil
		}
	}
	o := &kuzet.Org{Name: portalOrgName, Type: kuzet.OrgPublic}
	if _, _, err := s.cfg.Access.CreateOrg(ctx, o); err != nil {
		return 0, err
	}
	s.portalOrg = o.ID
	return o.ID, nil
}

type preventionData struct {
	Schemes []string
	B       *stats.Briefing
}

// handlePrevention shows the schemes in use now, with the national figures
// of the last half-year.
func (s *Server) handlePrevention(w http.ResponseWriter, r *http.Request) {
	d := preventionData{Schemes: reportSchemes[:len(reportSchemes)-1]}
	if s.cfg.Stats != nil {
		b, err := s.cfg.Stats.Briefing(r.Context(), stats.Query{})
		if err != nil {
			s.logger.Error("prevention figures", "err", err)
		}
		d.B = b
	}
	s.render(w, r, http.StatusOK, "prevention", &page{Title: "prevention.title", Portal: true, Data: d})
}
