package stats_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/cases"
	"github.com/kuzet/kuzet/payments"
	"github.com/kuzet/kuzet/stats"
	"github.com/xuri/excelize/v2"
)

// Amounts are kept in hundredths of their currency; the table shows them
// in units, counts as they are.
func TestTableAmountsInUnits(t *testing.T) {
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b := &stats.Briefing{From: from, To: from.AddDate(0, 6, 0),
		Cases:         &cases.Figures{Reports: 3, Lost: map[string]kuzet.Amount{"KZT": 150050}},
		PreventedLoss: &[]payments.LossTotal{{Currency: "KZT", Amount: 2_600_000_000_00}},
	}
	var buf bytes.Buffer
	if err := b.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		",all,Victims' reports filed,3,\n",
		",all,Money lost by victims,1500.50,KZT\n",
		",all,Theft prevented,2600000000,KZT\n",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("CSV lacks %q:\n%s", want, buf.String())
		}
	}

	buf.Reset()
	if err := b.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Briefing")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rows[1:] {
		got[r[3]] = r[4]
	}
	if got["Money lost by victims"] != "1500.5" || got["Victims' reports filed"] != "3" {
		t.Errorf("workbook values: %v", got)
	}
}
