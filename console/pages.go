package console

import (
	"net/http"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/stats"
)

// pageRoutes registers the console's pages, each behind the permission its
// API route needs.
func (s *Server) pageRoutes() {
	s.page("GET /{$}", kuzet.PermIndicatorRead, s.handleDashboard)
	s.page("GET /indicators", kuzet.PermIndicatorRead, s.handleIndicator)
	s.extraRoutes()
	s.caseRoutes()
}

// navEntry is one item of the console's menu, shown to roles holding perm.
type navEntry struct {
	href, key string
	perms     []kuzet.Permission // any of them
	on        func(*Server) bool
}

var navEntries = []navEntry{
	{"/", "nav.dashboard", []kuzet.Permission{kuzet.PermIndicatorRead}, nil},
	{"/indicators", "nav.indicators", []kuzet.Permission{kuzet.PermIndicatorRead}, nil},
	{"/web", "nav.web", []kuzet.Permission{kuzet.PermWebTriage}, func(s *Server) bool { return s.cfg.Web != nil }},
	{"/blocking", "nav.blocking", []kuzet.Permission{kuzet.PermBlockingStatus, kuzet.PermBlockingCreate}, func(s *Server) bool { return s.cfg.Web != nil }},
	{"/simbox", "nav.simbox", []kuzet.Permission{kuzet.PermSimboxRead}, func(s *Server) bool { return s.cfg.Simbox != nil }},
	{"/freeze", "nav.freeze", []kuzet.Permission{kuzet.PermFreezeInbox}, func(s *Server) bool { return s.cfg.Freeze != nil }},
	{"/payments", "nav.payments", []kuzet.Permission{kuzet.PermPaymentCheck}, func(s *Server) bool { return s.cfg.Payments != nil }},
	{"/rules", "nav.rules", []kuzet.Permission{kuzet.PermPaymentRules}, func(s *Server) bool { return s.cfg.Payments != nil }},
	{"/telecom", "nav.telecom", []kuzet.Permission{kuzet.PermStatsRead}, func(s *Server) bool { return s.cfg.Telecom != nil }},
	{"/audit", "nav.audit", []kuzet.Permission{kuzet.PermAuditRead}, func(s *Server) bool { return s.cfg.Audit != nil }},
	{"/cases", "nav.cases", []kuzet.Permission{kuzet.PermCaseRead}, func(s *Server) bool { return s.cfg.Cases != nil }},
	{"/graph", "nav.graph", []kuzet.Permission{kuzet.PermCaseRead}, func(s *Server) bool { return s.cfg.Cases != nil }},
}

func (s *Server) nav(p *page) []navItem {
	role := kuzet.Role("")
	if p.User != nil {
		role = p.User.Role
	}
	var out []navItem
	for _, e := range navEntries {
		can := false
		for _, perm := range e.perms {
			can = can || role.Can(perm)
		}
		if !can || e.on != nil && !e.on(s) {
			continue
		}
		cur := p.Path == e.href || e.href != "/" && len(p.Path) > len(e.href) && p.Path[:len(e.href)+1] == e.href+"/"
		out = append(out, navItem{Href: e.href, Key: e.key, Current: cur})
	}
	return out
}

// periods are the dashboard's choices of period, in days.
var periods = []int{7, 30, 182, 365}

type dashboardData struct {
	B       *stats.Briefing
	Days    int
	Periods []int
	Region  string
	Chart   string // the figures for the charts, as JSON for the script
	Trail   bool   // the user may open a report's freeze trail

	CallCentres int64       // shut down at home and abroad
	Loss        *lossCharts // the tenge prevented by day and by region
}

// handleDashboard shows the briefing figures for a period and a region:
// the same stats.Service call as GET /v1/stats. Roles without the
// statistics see the way to their own work instead.
func (s *Server) handleDashboard(w http.ResponseWriter, r *http.Request, p *page) error {
	p.Title = "dashboard.title"
	d := &dashboardData{Days: 30, Periods: periods, Region: r.URL.Query().Get("region"),
		Trail: s.cfg.Freeze != nil && principal(r).Can(kuzet.PermReportCreate)}
	for _, n := range periods {
		if r.URL.Query().Get("days") == itoa(n) {
			d.Days = n
		}
	}
	if principal(r).Can(kuzet.PermStatsRead) && s.cfg.Stats != nil {
		to := s.clock()
		b, err := s.cfg.Stats.Briefing(r.Context(), stats.Query{From: to.Add(-time.Duration(d.Days) * 24 * time.Hour),
			To: to, Region: d.Region})
		if err != nil {
			return err
		}
		d.B = b
		if b.Cases != nil {
			d.CallCentres = b.Cases.CallCentresHome + b.Cases.CallCentresAbroad
		}
		if s.cfg.Payments != nil {
			rep, err := s.cfg.Payments.PreventedLoss(r.Context(), kuzet.PreventedLossFilter{From: b.From, To: to.Add(24 * time.Hour),
				Region: d.Region})
			if err != nil {
				return err
			}
			d.Loss = newLossCharts(rep, b.From, to)
		}
		d.Chart = chartJSON(b, d.Loss)
	}
	p.Data = d
	s.render(w, r, http.StatusOK, "dashboard", p)
	return nil
}

type indicatorData struct {
	Kinds  []kuzet.Kind
	Kind   kuzet.Kind
	Value  string
	Result *kuzet.Assessment
	Detail bool
}

// handleIndicator looks an indicator up: the registry's Lookup, as
// GET /v1/indicators/{kind}; details are shown (and the read audited) for
// roles that may see them.
func (s *Server) handleIndicator(w http.ResponseWriter, r *http.Request, p *page) error {
	p.Title = "indicators.title"
	q := r.URL.Query()
	d := &indicatorData{Kinds: kuzet.Kinds, Kind: kuzet.Kind(q.Get("kind")), Value: q.Get("value")}
	if d.Kind == "" {
		d.Kind = kuzet.KindPhone
	}
	p.Data = d
	if d.Value != "" && s.cfg.Registry != nil {
		pr := principal(r)
		d.Detail = pr.Can(kuzet.PermIndicatorDetail)
		a, err := s.cfg.Registry.Lookup(r.Context(), pr.Org.ID, d.Kind, d.Value, d.Detail)
		if err != nil && kuzet.ErrorCode(err) != kuzet.EINVALID {
			return err
		} else if err != nil {
			p.Error = s.message(p.L, err)
		} else {
			d.Result = &a
		}
	}
	s.render(w, r, http.StatusOK, "indicators", p)
	return nil
}
