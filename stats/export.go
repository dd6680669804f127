package stats

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/xuri/excelize/v2"
)

// Row is one figure of the briefing's table.
type Row struct {
	Figure string // what is counted, in the briefing's words
	Value  int64
	Unit   string // "", or a currency
	Money  bool   // Value is an amount in hundredths of Unit (kuzet.Amount)
}

// Text is the row's value as the table prints it: a count, or an amount in
// units of its currency ("1500.50").
func (r Row) Text() string {
	if r.Money {
		return kuzet.Amount(r.Value).String()
	}
	return strconv.FormatInt(r.Value, 10)
}

// number is the row's value as a spreadsheet's number.
func (r Row) number() any {
	if r.Money {
		return kuzet.Amount(r.Value).Units()
	}
	return r.Value
}

// Rows flattens the briefing into the table the ministry's briefing
// reads as: the police's figures first, then each capability's. A section
// the deployment does not run is left out.
func (b *Briefing) Rows() []Row {
	var rows []Row
	add := func(figure string, v int64) { rows = append(rows, Row{Figure: figure, Value: v}) }
	if c := b.Cases; c != nil {
		add("Victims' reports filed", c.Reports)
		for _, cur := range slices.Sorted(maps.Keys(c.Lost)) {
			rows = append(rows, Row{Figure: "Money lost by victims", Value: int64(c.Lost[cur]), Unit: cur, Money: true})
		}
		add("Internet-fraud cases registered", c.CasesRegistered)
		add("Suspects identified", c.SuspectsIdentified)
		add("Suspects identified, foreigners", c.ForeignIdentified)
		add("Suspects detained", c.SuspectsDetained)
		add("Suspects detained, foreigners", c.ForeignDetained)
		add("People sent to court", c.SentToCourt)
		add("Cases sent to court", c.CasesSentToCourt)
		add("Call centres shut down at home", c.CallCentresHome)
		add("Call centres shut down abroad", c.CallCentresAbroad)
		add("SIM boxes seized in call centres", c.SIMBoxesSeized)
		add("SIM cards seized in call centres", c.SIMsSeized)
	}
	if s := b.Simbox; s != nil {
		add("SIM boxes seized", s.DevicesSeized)
		add("SIM cards seized", s.SIMsSeized)
		add("SIM-box suspects found", s.Suspects)
	}
	if w := b.Web; w != nil {
		add("Internet resources found", w.Found)
		add("Internet resources sent for blocking", w.Sent)
		add("Internet resources blocked", w.Blocked)
	}
	if b.PreventedLoss != nil {
		for _, t := range *b.PreventedLoss {
			rows = append(rows, Row{Figure: "Theft prevented", Value: int64(t.Amount), Unit: t.Currency, Money: true})
		}
	}
	if c := b.Calls; c != nil {
		add("Calls verified", c.Verified)
		add("Calls from spoofed numbers blocked", c.Blocked)
	}
	return rows
}

// header is the table's first line; the period and region repeat on every
// row so that tables of several periods can be stacked.
var header = []string{"from", "to", "region", "figure", "value", "unit"}

func (b *Briefing) record(r Row) []string {
	region := b.Region
	if region == "" {
		region = "all"
	}
	return []string{b.From.Format(time.RFC3339), b.To.Format(time.RFC3339), region, r.Figure,
		r.Text(), r.Unit}
}

// WriteCSV writes the briefing's table as CSV (RFC 4180).
func (b *Briefing) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(header)
	for _, r := range b.Rows() {
		cw.Write(b.record(r))
	}
	cw.Flush()
	return cw.Error()
}

// XLSXType is the media type of an Excel workbook.
const XLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// WriteXLSX writes the briefing's table as an Excel workbook of one sheet,
// the values as numbers.
func (b *Briefing) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Briefing"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("stats: xlsx: %w", err)
	}
	set := func(row int, vals ...any) error {
		cell, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		return f.SetSheetRow(sheet, cell, &vals)
	}
	if err := set(1, "from", "to", "region", "figure", "value", "unit"); err != nil {
		return fmt.Errorf("stats: xlsx: %w", err)
	}
	for i, r := range b.Rows() {
		rec := b.record(r)
		if err := set(i+2, rec[0], rec[1], rec[2], r.Figure, r.number(), r.Unit); err != nil {
			return fmt.Errorf("stats: xlsx: %w", err)
		}
	}
	f.SetColWidth(sheet, "D", "D", 40)
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return fmt.Errorf("stats: xlsx: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}
