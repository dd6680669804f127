package httpapi

import (
	"cmp"
	"net/http"
	"slices"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/payments"
	"github.com/kuzet/kuzet/simbox"
	"github.com/kuzet/kuzet/webwatch"
)

// defaultStatsPeriod is the period of a briefing when none is given: a
// half-year, as the ministry reports.
const defaultStatsPeriod = 183 * 24 * time.Hour

// statsAPI composes the briefing figures from every capability the server
// runs. Each figure is the capability's own count; nothing is counted here.
type statsAPI struct {
	*Server
	payments *payments.Service
	web      *webwatch.Workflow
	simbox   *simbox.Service
}

func (s *Server) statsRoutes(cfg Config) {
	a := &statsAPI{Server: s, payments: cfg.Payments, web: cfg.Web, simbox: cfg.Simbox}
	s.route("GET /v1/stats", kuzet.PermStatsRead, a.handleStats)
}

// callFigures are the spoofed-call figures of a briefing.
type callFigures struct {
	Verified int64                      `json:"verified"`
	Blocked  int64                      `json:"blocked"` // the briefing's "calls from spoofed numbers blocked"
	ByReason map[kuzet.CallReason]int64 `json:"blocked_by_reason"`
}

// moneyFigure is a prevented loss in one currency.
type moneyFigure struct {
	Currency string       `json:"currency"`
	Amount   kuzet.Amount `json:"amount"`
	Count    int64        `json:"count"` // payments held or blocked, later confirmed as fraud
}

// statsResponse is the briefing for a period. A section is absent when the
// server does not run that capability.
type statsResponse struct {
	From          time.Time           `json:"from"`
	To            time.Time           `json:"to"`
	Region        string              `json:"region,omitempty"`
	Calls         *callFigures        `json:"spoofed_calls,omitempty"`
	PreventedLoss *[]moneyFigure      `json:"prevented_loss,omitempty"`
	Web           *kuzet.WebCounts    `json:"internet_resources,omitempty"`
	Simbox        *kuzet.SimboxCounts `json:"simbox,omitempty"`
}

// handleStats answers the briefing figures for ?from=&to= (RFC 3339; the
// last half-year by default) and ?region= (which narrows the figures that
// carry a region: prevented loss; the others are national).
func (a *statsAPI) handleStats(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	from, err := queryTime(q.Get("from"), "from")
	if err != nil {
		return err
	}
	to, err := queryTime(q.Get("to"), "to")
	if err != nil {
		return err
	}
	if to.IsZero() {
		to = a.clock()
	}
	if from.IsZero() {
		from = to.Add(-defaultStatsPeriod)
	}
	if !from.Before(to) {
		return kuzet.Invalid("from", "from must be before to")
	}
	region := q.Get("region")
	if len(region) > 100 {
		return kuzet.Invalid("region", "region is longer than 100 bytes")
	}
	ctx := r.Context()
	resp := statsResponse{From: from.UTC(), To: to.UTC(), Region: region}

	if a.telecom != nil {
		st, err := a.telecom.Stats(ctx, kuzet.CallCounterFilter{From: from, To: wholeDays(to)})
		if err != nil {
			return err
		}
		resp.Calls = &callFigures{Verified: st.Verified, Blocked: st.Blocked, ByReason: map[kuzet.CallReason]int64{}}
		for reason, n := range st.ByReason {
			if reason.Verdict() == kuzet.VerdictBlock {
				resp.Calls.ByReason[reason] = n
			}
		}
	}
	if a.payments != nil {
		rows, err := a.payments.PreventedLoss(ctx, kuzet.PreventedLossFilter{From: from, To: wholeDays(to), Region: region})
		if err != nil {
			return err
		}
		sums := map[string]*moneyFigure{}
		for _, row := range rows {
			m := sums[row.Currency]
			if m == nil {
				m = &moneyFigure{Currency: row.Currency}
				sums[row.Currency] = m
			}
			m.Amount += row.Amount
			m.Count += row.Count
		}
		loss := []moneyFigure{}
		for _, m := range sums {
			loss = append(loss, *m)
		}
		slices.SortFunc(loss, func(x, y moneyFigure) int { return cmp.Compare(x.Currency, y.Currency) })
		resp.PreventedLoss = &loss
	}
	if a.web != nil {
		c, err := a.web.Counts(ctx, from, to)
		if err != nil {
			return err
		}
		resp.Web = &c
	}
	if a.simbox != nil {
		c, err := a.simbox.Stats(ctx, from, to)
		if err != nil {
			return err
		}
		resp.Simbox = &c
	}
	return writeJSON(w, http.StatusOK, resp)
}

// wholeDays rounds t up to a UTC midnight: figures kept by day count the
// day in which the period ends.
func wholeDays(t time.Time) time.Time {
	d := t.UTC().Truncate(24 * time.Hour)
	if d.Before(t) {
		d = d.Add(24 * time.Hour)
	}
	return d
}
