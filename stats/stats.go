// Package stats is the briefing: the figures of every capability for a
// period and a region, as the ministry's half-year briefing reports them
// (spoofed calls blocked, theft prevented, sites sent for blocking, SIM
// boxes seized). Each figure is the capability's own count, asked of its
// service; nothing is counted here, so that the API, the console's
// dashboard and the command line show the same numbers.
package stats

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/cases"
	"github.com/kuzet/kuzet/payments"
	"github.com/kuzet/kuzet/simbox"
	"github.com/kuzet/kuzet/telecom"
	"github.com/kuzet/kuzet/webwatch"
)

// DefaultPeriod is the period of a briefing asked for without a start: the
// half-year the ministry reports on.
const DefaultPeriod = 182 * 24 * time.Hour

// MaxRegion bounds a region's name.
const MaxRegion = 100

// Config sets up a Service. A capability left nil is absent from the
// briefing: the deployment does not run it.
type Config struct {
	Telecom  *telecom.Service
	Payments *payments.Service
	Web      *webwatch.Service
	Simbox   *simbox.Service
	Cases    *cases.Service
	Clock    kuzet.Clock // [kuzet.SystemClock]
}

// Service assembles briefings.
type Service struct{ cfg Config }

// NewService returns a service over cfg.
func NewService(cfg Config) *Service {
	if cfg.Clock == nil {
		cfg.Clock = kuzet.SystemClock
	}
	return &Service{cfg: cfg}
}

// Query selects a briefing: the period [From, To) and a region. A zero To
// is now; a zero From is DefaultPeriod before To. Region narrows the
// figures that carry one (prevented loss); the others are national.
type Query struct {
	From, To time.Time
	Region   string
}

// CallFigures are the spoofed-call figures of a briefing.
type CallFigures struct {
	Verified int64                      `json:"verified"`
	Blocked  int64                      `json:"blocked"` // the briefing's "calls from spoofed numbers blocked"
	ByReason map[kuzet.CallReason]int64 `json:"blocked_by_reason"`
}

// Briefing is the figures of a period. A section is nil when the
// deployment does not run that capability.
type Briefing struct {
	From          time.Time             `json:"from"`
	To            time.Time             `json:"to"`
	Region        string                `json:"region,omitempty"`
	Calls         *CallFigures          `json:"spoofed_calls,omitempty"`
	PreventedLoss *[]payments.LossTotal `json:"prevented_loss,omitempty"`
	Web           *kuzet.WebCounts      `json:"internet_resources,omitempty"`
	Simbox        *kuzet.SimboxCounts   `json:"simbox,omitempty"`
	Cases         *cases.Figures        `json:"cases,omitempty"` // the police's figures
	// The victims' reports by scheme and by channel.
	ReportsBy *cases.Breakdown `json:"reports_by,omitempty"`
}

// Briefing returns the figures q selects. Returns EINVALID naming "from"
// for an empty or reversed period and "region" for a region too long.
func (s *Service) Briefing(ctx context.Context, q Query) (*Briefing, error) {
	if q.To.IsZero() {
		q.To = s.cfg.Clock()
	}
	if q.From.IsZero() {
		q.From = q.To.Add(-DefaultPeriod)
	}
	if !q.From.Before(q.To) {
		return nil, kuzet.Invalid("from", "from must be before to")
	}
	if len(q.Region) > MaxRegion {
		return nil, kuzet.Invalid("region", "region is longer than %d bytes", MaxRegion)
	}
	b := &Briefing{From: q.From.UTC(), To: q.To.UTC(), Region: q.Region}
	// Figures kept by day count the day in which the period ends.
	days := wholeDays(q.To)
	if s.cfg.Telecom != nil {
		st, err := s.cfg.Telecom.Stats(ctx, kuzet.CallCounterFilter{From: q.From, To: days})
		if err != nil {
			return nil, err
		}
		b.Calls = &CallFigures{Verified: st.Verified, Blocked: st.Blocked, ByReason: map[kuzet.CallReason]int64{}}
		for reason, n := range st.ByReason {
			if reason.Verdict() == kuzet.VerdictBlock {
				b.Calls.ByReason[reason] = n
			}
		}
	}
	if s.cfg.Payments != nil {
		rep, err := s.cfg.Payments.PreventedLoss(ctx, kuzet.PreventedLossFilter{From: q.From, To: days, Region: q.Region})
		if err != nil {
			return nil, err
		}
		loss := slices.Clone(rep.Totals)
		slices.SortFunc(loss, func(x, y payments.LossTotal) int { return cmp.Compare(x.Currency, y.Currency) })
		b.PreventedLoss = &loss
	}
	if s.cfg.Web != nil {
		c, err := s.cfg.Web.Counts(ctx, q.From, q.To)
		if err != nil {
			return nil, err
		}
		b.Web = &c
	}
	if s.cfg.Simbox != nil {
		c, err := s.cfg.Simbox.Stats(ctx, q.From, days)
		if err != nil {
			return nil, err
		}
		b.Simbox = &c
	}
	if s.cfg.Cases != nil {
		f, err := s.cfg.Cases.Figures(ctx, q.From, q.To, q.Region)
		if err != nil {
			return nil, err
		}
		b.Cases = f
		if b.ReportsBy, err = s.cfg.Cases.Breakdown(ctx, q.From, q.To, q.Region); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// wholeDays rounds t up to a UTC midnight.
func wholeDays(t time.Time) time.Time {
	d := t.UTC().Truncate(24 * time.Hour)
	if d.Before(t) {
		d = d.Add(24 * time.Hour)
	}
	return d
}
