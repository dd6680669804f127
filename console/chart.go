package console

import (
	"encoding/json"
	"slices"
	"strconv"

	"github.com/kuzet/kuzet/stats"
)

func itoa(n int) string { return strconv.Itoa(n) }

// chartJSON is a briefing's breakdowns as the dashboard's script draws
// them: labels and values per chart.
func chartJSON(b *stats.Briefing) string {
	type series struct {
		Labels []string `json:"labels"`
		Values []int64  `json:"values"`
	}
	out := map[string]series{}
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
	j, _ := json.Marshal(out)
	return string(j)
}
