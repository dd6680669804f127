package console

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/payments"
	"github.com/kuzet/kuzet/stats"
)

func itoa(n int) string { return strconv.Itoa(n) }

// chartJSON is a briefing's breakdowns as the dashboard's script draws
// them: labels and values per chart.
// With loss (payments.Service.PreventedLoss's rows, as the /loss page
// lists them), it adds the tenge prevented by day and by region.
func chartJSON(b *stats.Briefing, loss *lossCharts) string {
	out := map[string]series{}
	if loss != nil {
		out["trend"], out["regions"] = loss.Trend, loss.Regions
	}
	if b.Calls != nil {
		var s series
		keys := make([]string, 0, len(b.Calls.ByReason))
		for r := range b.Calls.ByReason {
			keys = append(keys, string(r))
		}
		slices.Sort(keys)
		for _, k := range keys {
			for r, n := range b.Calls.ByReason {
				if string(r) == k {
					s.Labels, s.Values = append(s.Labels, k), append(s.Values, n)
				}
			}
		}
		out["calls"] = s
	}
	reportCharts(b, out)
	j, _ := json.Marshal(out)
	return string(j)
}

type series struct {
	Labels []string `json:"labels"`
	Values []int64  `json:"values"`
}

// lossCharts are the prevented-loss rows in tenge, by day (every day of
// the period, empty days 0) and by region (most first; "" is a bank that
// did not say).
type lossCharts struct {
	Trend, Regions series
	rows           []regionRow
}

func newLossCharts(rep *payments.LossReport, from, to time.Time) *lossCharts {
	byDay, byRegion := map[string]kuzet.Amount{}, map[string]kuzet.Amount{}
	for _, r := range rep.Rows {
		if r.Currency != "KZT" {
			continue
		}
		byDay[r.Day.UTC().Format(time.DateOnly)] += r.Amount
		byRegion[r.Region] += r.Amount
	}
	c := &lossCharts{}
	for d := from.UTC().Truncate(24 * time.Hour); d.Before(to); d = d.Add(24 * time.Hour) {
		k := d.Format(time.DateOnly)
		c.Trend.Labels, c.Trend.Values = append(c.Trend.Labels, k), append(c.Trend.Values, int64(byDay[k])/100)
	}
	regions := make([]string, 0, len(byRegion))
	for r := range byRegion {
		regions = append(regions, r)
	}
	slices.SortFunc(regions, func(a, b string) int {
		if byRegion[a] != byRegion[b] {
			if byRegion[a] > byRegion[b] {
				return -1
			}
			return 1
		}
		if a < b {
			return -1
		}
		return 1
	})
	for _, r := range regions {
		c.Regions.Labels, c.Regions.Values = append(c.Regions.Labels, r), append(c.Regions.Values, int64(byRegion[r])/100)
		c.rows = append(c.rows, regionRow{Region: r, Amount: byRegion[r]})
	}
	return c
}

// regionRow is a row of the dashboard's table under the regions chart.
type regionRow struct {
	Region string
	Amount kuzet.Amount
}

// Rows are the regions chart's figures, for the table under it.
func (c *lossCharts) Rows() []regionRow { return c.rows }
