package cases

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/kuzet/kuzet"
)

// Breakdown is the victims' reports of a period by scheme and by channel,
// most first: the briefing's charts.
type Breakdown struct {
	ByScheme  []Count `json:"by_scheme"`
	ByChannel []Count `json:"by_channel"`
}

// Count is the reports of one scheme or channel ("" where the report did
// not say) and what they lost, by currency.
type Count struct {
	Key     string                  `json:"key"`
	Reports int64                   `json:"reports"`
	Lost    map[string]kuzet.Amount `json:"amount_lost"`
}

// Breakdown counts the reports filed in [from, to), of region where set,
// by scheme and by channel, as Figures counts them: duplicates left out.
func (s *Service) Breakdown(ctx context.Context, from, to time.Time, region string) (*Breakdown, error) {
	f := kuzet.CaseEventFilter{From: from, To: to, Region: region}
	if name, ok := s.regions[lower(region)]; ok {
		f.Region = name
	}
	var counts []kuzet.ReportCount
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) (err error) {
		counts, err = tx.CountReportsBy(ctx, f)
		return err
	})
	if err != nil {
		return nil, wrap("breakdown", err)
	}
	scheme, channel := map[string]*Count{}, map[string]*Count{}
	add := func(m map[string]*Count, key string, c kuzet.ReportCount) {
		n := m[key]
		if n == nil {
			n = &Count{Key: key, Lost: map[string]kuzet.Amount{}}
			m[key] = n
		}
		n.Reports += c.N
		n.Lost[c.Currency] += c.Lost
	}
	for _, c := range counts {
		add(scheme, c.Scheme, c)
		add(channel, c.Channel, c)
	}
	return &Breakdown{ByScheme: ranked(scheme), ByChannel: ranked(channel)}, nil
}

// ranked lists the counts, most reports first, then by key.
func ranked(m map[string]*Count) []Count {
	out := make([]Count, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b Count) int {
		if d := cmp.Compare(b.Reports, a.Reports); d != 0 {
			return d
		}
		return cmp.Compare(a.Key, b.Key)
	})
	return out
}

// BreakdownCases lists the cases holding the reports f selects — the
// records behind a bar of Breakdown's charts — the case of the newest
// report first.
func (s *Service) BreakdownCases(ctx context.Context, f kuzet.ReportCaseFilter) ([]*kuzet.Case, error) {
	if name, ok := s.regions[lower(f.Region)]; ok {
		f.Region = name
	}
	out := []*kuzet.Case{}
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) error {
		ids, err := tx.FindReportCaseIDs(ctx, f)
		if err != nil {
			return err
		}
		for _, id := range ids {
			c, err := tx.FindCase(ctx, id)
			if err != nil {
				if kuzet.ErrorCode(err) == kuzet.ENOTFOUND {
					continue
				}
				return err
			}
			out = append(out, c)
		}
		return nil
	})
	return out, wrap("list cases by reports", err)
}
