package webwatch

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
)

// BlockingCSVHeader is the first row of WriteBlockingCSV: one column per
// fact the regulator needs to act on an item, evidence included.
var BlockingCSVHeader = []string{
	"request_id", "request_created_at", "finding_id", "domain", "unicode", "url", "category",
	"brand", "verdict", "score", "methods", "source", "source_detail", "first_seen", "last_seen",
	"cert_issuer", "cert_subject", "cert_serial", "cert_not_before", "cert_not_after", "cert_sans",
	"cert_sha256", "ct_log", "ct_index", "analyst_notes", "decided_by", "decided_at",
	"status", "status_at", "regulator_note",
}

// WriteBlockingCSV writes r as CSV: BlockingCSVHeader, then one row per
// item in the request's order. Times are RFC 3339 in UTC, empty when
// unknown; methods and certificate names are separated by spaces. A cell
// that a spreadsheet would run as a formula (starting with =, +, -, @) is
// prefixed with an apostrophe: notes are free text from outside.
func WriteBlockingCSV(w io.Writer, r *kuzet.BlockingRequest) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(BlockingCSVHeader); err != nil {
		return fmt.Errorf("write blocking request csv: %w", err)
	}
	row := make([]string, len(BlockingCSVHeader))
	for i := range r.Items {
		it := &r.Items[i]
		e := &it.Evidence
		row = row[:0]
		row = append(row, strconv.FormatInt(r.ID, 10), csvTime(r.CreatedAt), strconv.FormatInt(it.FindingID, 10),
			it.Domain, it.Unicode, e.URL, string(it.Category),
			e.Brand, e.Verdict, strconv.FormatFloat(e.Score, 'f', -1, 64), strings.Join(e.Methods, " "),
			string(e.Source), e.SourceDetail, csvTime(e.FirstSeen), csvTime(e.LastSeen))
		if c := e.Certificate; c != nil {
			row = append(row, c.Issuer, c.Subject, c.Serial, csvTime(c.NotBefore), csvTime(c.NotAfter),
				strings.Join(c.SANs, " "), c.SHA256, c.Log, strconv.FormatInt(c.LogIndex, 10))
		} else {
			row = append(row, "", "", "", "", "", "", "", "", "")
		}
		row = append(row, e.Notes, csvID(e.DecidedBy), csvTime(e.DecidedAt),
			string(it.Status), csvTime(it.StatusAt), it.Note)
		for j := range row {
			row[j] = defuse(row[j])
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write blocking request csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write blocking request csv: %w", err)
	}
	return nil
}

// WriteBlockingJSON writes r as one indented JSON document, in the shape
// the API returns it.
func WriteBlockingJSON(w io.Writer, r *kuzet.BlockingRequest) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("write blocking request json: %w", err)
	}
	return nil
}

func csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func csvID(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// defuse keeps a spreadsheet from reading s as a formula.
func defuse(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}
