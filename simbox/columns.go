package simbox

import (
	"bytes"
	"sort"
	"strings"

	"github.com/kuzet/kuzet"
)

// The columns of the canonical CDR format (docs/simbox.md).
const (
	colRecordType = iota
	colStartTime
	colMSISDN
	colIMSI
	colIMEI
	colOtherParty
	colDuration
	colCell
	numColumns
)

// Columns lists the canonical column names, in the order of the format page.
var Columns = [numColumns]string{
	"record_type", "start_time", "msisdn", "imsi", "imei", "other_party", "duration_s", "cell_id",
}

// required says which columns a header must have. other_party is required
// although DATA rows leave it empty: without it nothing can be said about
// who a SIM calls.
var required = [numColumns]bool{
	colRecordType: true, colStartTime: true, colMSISDN: true, colOtherParty: true, colDuration: true,
}

// ParseMap reads a column mapping "start_time=CALL_START,msisdn=A_NUMBER":
// each canonical column name, '=', the name that column has in the file.
// Returns EINVALID naming the mistake: an unknown canonical name, a column
// mapped twice, or a malformed pair.
func ParseMap(s string) (map[string]string, error) {
	m := map[string]string{}
	if strings.TrimSpace(s) == "" {
		return m, nil
	}
	for _, pair := range strings.Split(s, ",") {
		canon, name, ok := strings.Cut(pair, "=")
		canon, name = strings.TrimSpace(canon), strings.TrimSpace(name)
		if !ok || canon == "" || name == "" {
			return nil, kuzet.Invalid("map", "column mapping %q is not canonical=name", pair)
		}
		if columnIndex(canon) < 0 {
			return nil, kuzet.Invalid("map", "column mapping names unknown column %q (known: %s)", canon, strings.Join(Columns[:], ", "))
		}
		if _, dup := m[canon]; dup {
			return nil, kuzet.Invalid("map", "column mapping maps %q twice", canon)
		}
		m[canon] = name
	}
	return m, nil
}

func columnIndex(name string) int {
	for i, c := range Columns {
		if strings.EqualFold(c, name) {
			return i
		}
	}
	return -1
}

// layout is where each canonical column sits in the rows of one file.
type layout struct {
	delim  byte
	role   []int8 // file column → canonical column, -1 to ignore
	last   int    // the highest file column that is used: the rest is never split
	fields int    // columns in the header
	has    [numColumns]bool
}

// parseHeader reads the header line. The delimiter is a comma unless the
// header has none and has semicolons or tabs, as spreadsheet exports in
// locales with a decimal comma write. Returns EINVALID if the line is data
// rather than a header, or if required columns are missing; the message
// names them and what the header did have.
func parseHeader(line []byte, m map[string]string) (*layout, error) {
	line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf")) // a BOM from spreadsheet tools
	line = bytes.TrimRight(line, "\r\n")
	if len(bytes.TrimSpace(line)) == 0 {
		return nil, kuzet.Invalid("header", "CDR extract is empty or starts with a blank line: a header row is required")
	}
	delim := byte(',')
	if bytes.IndexByte(line, ',') < 0 {
		if bytes.IndexByte(line, ';') >= 0 {
			delim = ';'
		} else if bytes.IndexByte(line, '\t') >= 0 {
			delim = '\t'
		}
	}
	names := splitFields(append([]byte(nil), line...), delim, nil, 1<<16)
	if looksLikeData(names) {
		// The line is not quoted back: it holds subscribers' numbers.
		return nil, kuzet.Invalid("header", "CDR extract has no header row: line 1 is data; the first line must name the columns (%s)",
			strings.Join(Columns[:], ","))
	}
	for canon := range m {
		if columnIndex(canon) < 0 {
			return nil, kuzet.Invalid("map", "column mapping names unknown column %q (known: %s)", canon, strings.Join(Columns[:], ", "))
		}
	}
	// want[file name, lower-cased] = canonical column
	want := map[string]int{}
	for i, c := range Columns {
		name := c
		if n, ok := m[c]; ok {
			name = n
		}
		want[strings.ToLower(name)] = i
	}
	l := &layout{delim: delim, role: make([]int8, len(names)), fields: len(names), last: -1}
	seen := make([]string, 0, len(names))
	for i, raw := range names {
		name := strings.TrimSpace(string(raw))
		seen = append(seen, name)
		l.role[i] = -1
		c, ok := want[strings.ToLower(name)]
		if !ok {
			continue
		}
		if l.has[c] {
			return nil, kuzet.Invalid("header", "CDR header has column %q twice", name)
		}
		l.has[c] = true
		l.role[i] = int8(c)
		l.last = i
	}
	var missing []string
	for c, req := range required {
		if req && !l.has[c] {
			name := Columns[c]
			if n, ok := m[name]; ok {
				name += " (mapped to " + n + ")"
			}
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		if !columnNames(seen) {
			// Not a header at all (a document sent by mistake): its
			// first line is not quoted back.
			return nil, kuzet.Invalid("header", "the upload is not a CDR extract: its first line names none of the columns (%s)",
				strings.Join(Columns[:], ","))
		}
		return nil, kuzet.Invalid("header", "CDR header lacks required columns: %s; it has: %s; use --map canonical=name for other column names",
			strings.Join(missing, ", "), strings.Join(seen, ","))
	}
	return l, nil
}

// looksLikeData reports whether a would-be header is a data row: a field
// that is a record type, a timestamp, or a long run of digits.
func looksLikeData(fields [][]byte) bool {
	for _, f := range fields {
		f = trimSpace(f)
		if _, ok := parseRecordType(f); ok {
			return true
		}
		if _, _, ok := parseTime(f); ok {
			return true
		}
		if _, ok := digitsKey(bytes.TrimPrefix(f, []byte("+"))); ok && len(f) >= 10 {
			return true
		}
	}
	return false
}

// splitFields splits a line into at most max fields, unquoting RFC 4180
// quoted fields in place (the unquoted text is never longer, so it fits
// where it was). A quote inside an unquoted field is kept as text, as
// lenient CSV readers do.
func splitFields(line []byte, delim byte, out [][]byte, max int) [][]byte {
	out = out[:0]
	i := 0
	for len(out) < max {
		if i < len(line) && line[i] == '"' {
			// Quoted: copy the text down over the quotes.
			w := i
			start := i
			i++
			for i < len(line) {
				c := line[i]
				if c == '"' {
					if i+1 < len(line) && line[i+1] == '"' {
						line[w] = '"'
						w++
						i += 2
						continue
					}
					i++
					break
				}
				line[w] = c
				w++
				i++
			}
			// Anything between the closing quote and the delimiter is kept.
			for i < len(line) && line[i] != delim {
				line[w] = line[i]
				w++
				i++
			}
			out = append(out, line[start:w])
		} else {
			j := bytes.IndexByte(line[i:], delim)
			if j < 0 {
				out = append(out, line[i:])
				return out
			}
			out = append(out, line[i:i+j])
			i += j
		}
		if i >= len(line) {
			return out
		}
		i++ // the delimiter
		if i == len(line) {
			if len(out) < max {
				out = append(out, line[i:]) // a trailing empty field
			}
			return out
		}
	}
	return out
}

// columnNames reports whether names look like a header's column names:
// few, short, and made of letters, digits, '_', '-' and spaces.
func columnNames(names []string) bool {
	if len(names) > 64 {
		return false
	}
	for _, n := range names {
		if len(n) == 0 || len(n) > 40 {
			return false
		}
		for _, r := range n {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == ' ') {
				return false
			}
		}
	}
	return true
}
