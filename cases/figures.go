package cases

import (
	"context"
	"time"

	"github.com/kuzet/kuzet"
)

// Figures are the police's figures of the briefing for a period.
type Figures struct {
	Reports            int64                   `json:"reports"` // victims' reports filed, duplicates left out
	Lost               map[string]kuzet.Amount `json:"amount_lost"`
	CasesRegistered    int64                   `json:"cases_registered"`
	SuspectsIdentified int64                   `json:"suspects_identified"`
	ForeignIdentified  int64                   `json:"suspects_identified_foreign"`
	SuspectsDetained   int64                   `json:"suspects_detained"`
	ForeignDetained    int64                   `json:"suspects_detained_foreign"`
	SentToCourt        int64                   `json:"people_sent_to_court"`
	CasesSentToCourt   int64                   `json:"cases_sent_to_court"`
	CasesClosed        int64                   `json:"cases_closed"`
	CallCentresHome    int64                   `json:"call_centres_shut_down_home"`
	CallCentresAbroad  int64                   `json:"call_centres_shut_down_abroad"`
	SIMBoxesSeized     int64                   `json:"call_centre_simboxes_seized"`
	SIMsSeized         int64                   `json:"call_centre_sims_seized"`
}

// Figures counts the events of [from, to), of region where set.
func (s *Service) Figures(ctx context.Context, from, to time.Time, region string) (*Figures, error) {
	f := kuzet.CaseEventFilter{From: from, To: to, Region: region}
	if name, ok := s.regions[lower(region)]; ok {
		f.Region = name
	}
	out := &Figures{}
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) error {
		counts, err := tx.CountCaseEvents(ctx, f)
		if err != nil {
			return err
		}
		for _, c := range counts {
			switch c.Kind {
			case kuzet.CaseEventRegistered:
				out.CasesRegistered += c.N
			case kuzet.CaseEventSuspect:
				out.SuspectsIdentified += c.N
				if c.Foreign {
					out.ForeignIdentified += c.N
				}
			case kuzet.CaseEventDetained:
				out.SuspectsDetained += c.N
				if c.Foreign {
					out.ForeignDetained += c.N
				}
			case kuzet.CaseEventCourt:
				out.SentToCourt += c.N
			case kuzet.CaseEventSentToCourt:
				out.CasesSentToCourt += c.N
			case kuzet.CaseEventClosed:
				out.CasesClosed += c.N
			case kuzet.CaseEventCallCentreShut:
				if c.Foreign {
					out.CallCentresAbroad += c.N
				} else {
					out.CallCentresHome += c.N
				}
			case kuzet.CaseEventSIMBoxesSeized:
				out.SIMBoxesSeized += c.N
			case kuzet.CaseEventSIMsSeized:
				out.SIMsSeized += c.N
			}
		}
		out.Reports, out.Lost, err = tx.CountCaseReports(ctx, f)
		return err
	})
	return out, wrap("figures", err)
}
