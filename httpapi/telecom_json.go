package httpapi

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/telecom"
)

// The call batches are the API's hottest path: a node is to verify 200,000
// calls a second through it, where encoding/json spends about 4 µs on each
// item. callDecoder reads exactly the documented shape, in one pass over the
// body with no allocation per item in the common case, and falls back to
// encoding/json for the rare string with escapes or non-ASCII text, so that
// it means what encoding/json would mean. It is also stricter in the way a
// batch needs: a malformed item is that item's error, not the request's.

// maxJSONDepth bounds the nesting of values skipped in a call batch, as
// encoding/json bounds its own.
const maxJSONDepth = 10_000

// callBody reads a call batch body of at most limit bytes into a string: one
// allocation of the body's size when the client sends Content-Length, and
// substrings of it cost nothing. It answers 415 and 413 as readBody does.
func callBody(r *http.Request, limit int64) (string, error) {
	ct := r.Header.Get("Content-Type")
	if mt, err := mediaType(ct); err != nil || mt != "application/json" {
		return "", &statusError{http.StatusUnsupportedMediaType,
			kuzet.Invalid("Content-Type", "Content-Type must be application/json, not %q", ct)}
	}
	if ce := r.Header.Get("Content-Encoding"); ce != "" && !strings.EqualFold(ce, "identity") {
		// Compressed: the general path, whose limit counts decompressed bytes.
		body, err := bodyReader(r, limit)
		if err != nil {
			return "", err
		}
		defer body.Close()
		b, err := io.ReadAll(io.LimitReader(body, limit+1))
		if err != nil {
			return "", readError(err)
		}
		if int64(len(b)) > limit {
			return "", tooLarge(limit)
		}
		return string(b), nil
	}
	if r.ContentLength > limit {
		return "", tooLarge(limit)
	}
	var b strings.Builder
	if r.ContentLength > 0 {
		b.Grow(int(r.ContentLength))
	}
	// io.Copy would allocate 32 KiB a request for its copying: a good part
	// of the cost of a single-call request.
	buf := copyBufs.Get().(*[]byte)
	defer copyBufs.Put(buf)
	if r.ContentLength >= 0 {
		// net/http ends the body at its Content-Length, checked above: no
		// io.LimitReader to allocate (the length is checked again for a
		// request made in-process).
		for {
			n, err := r.Body.Read(*buf)
			if b.Write((*buf)[:n]); int64(b.Len()) > limit {
				return "", tooLarge(limit)
			}
			if err == io.EOF {
				return b.String(), nil
			} else if err != nil {
				return "", readError(err)
			}
		}
	}
	n, err := io.CopyBuffer(&b, io.LimitReader(r.Body, limit+1), *buf)
	if err != nil {
		return "", readError(err)
	}
	if n > limit {
		return "", tooLarge(limit)
	}
	return b.String(), nil
}

var copyBufs = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// callDecoder reads one call batch, {"calls": [{...}, ...]}.
type callDecoder struct {
	s      string
	i      int
	verify bool // items may carry "ingress"
}

// decodeCalls parses body into calls (reusing its memory), setting OrgID
// on each. errs is nil when every item was read well, else errs[i] is the
// error of item i, naming its fields as "a", or nil. The error
// returned fails the whole request: malformed JSON, a field other than
// "calls", or more than MaxBatch items.
func decodeCalls(body string, verify bool, orgID int64, calls []telecom.Call) ([]telecom.Call, []error, error) {
	d := callDecoder{s: body, verify: verify}
	var errs []error
	seen := false
	err := d.object(func(key string) error {
		if key != "calls" {
			key = truncateText(key, 40)
			return kuzet.Invalid(key, "unknown field %q", key)
		}
		seen = true // a repeated "calls" replaces the first, as in encoding/json
		calls, errs = calls[:0], nil
		if d.null() {
			return nil
		}
		if d.peek() != '[' {
			return typeError("calls", "an array")
		}
		return d.array(func(i int) error {
			if i == MaxBatch {
				return kuzet.Invalid("calls", "more than %d items is over the limit of a request", MaxBatch)
			}
			calls = append(calls, telecom.Call{OrgID: orgID})
			itemErr, err := d.call(&calls[i])
			if err != nil {
				return err
			}
			// errs stays nil until an item fails, and then has one entry
			// per item read.
			if itemErr != nil && errs == nil {
				errs = make([]error, i, cap(calls))
			}
			if errs != nil {
				errs = append(errs, itemErr)
			}
			return nil
		})
	})
	if err == nil {
		d.ws()
		if d.i < len(d.s) {
			err = kuzet.Errorf(kuzet.EINVALID, "unexpected data after the JSON document")
		}
	}
	if err != nil {
		return nil, nil, err
	}
	if !seen {
		calls = calls[:0]
	}
	return calls, errs, nil
}

// call reads one item into c. A syntax error is returned as err; anything
// else wrong with the item (a field of the wrong type, an unknown field, a
// malformed time) as itemErr, after the item has been read through.
func (d *callDecoder) call(c *telecom.Call) (itemErr, err error) {
	if d.null() {
		return kuzet.Errorf(kuzet.EINVALID, "the call is null"), nil
	}
	if d.peek() != '{' {
		if err := d.skip(0); err != nil {
			return nil, err
		}
		return kuzet.Errorf(kuzet.EINVALID, "a call must be an object"), nil
	}
	note := func(e error) {
		if itemErr == nil {
			itemErr = e
		}
	}
	err = d.object(func(key string) error {
		var dst *string
		switch key {
		case "a":
			dst = &c.A
		case "b":
			dst = &c.B
		case "call_id":
			dst = &c.CallID
		case "redirected_from":
			if d.verify {
				dst = &c.RedirectedFrom
			}
		case "identity":
			if d.verify {
				dst = &c.Identity
			}
		case "at":
			at, ok, err := d.stringValue()
			if err != nil {
				return err
			}
			if !ok {
				note(typeError(key, "a string"))
				return nil
			}
			c.At = time.Time{}
			if at != "" {
				t, perr := parseTime(at)
				if perr != nil {
					note(kuzet.Invalid("at", "at %q is not an RFC 3339 time", truncateText(at, 40)))
				}
				c.At = t
			}
			return nil
		case "ingress":
			if d.verify {
				v, ok, err := d.stringValue()
				if err != nil {
					return err
				}
				if !ok {
					note(typeError(key, "a string"))
				}
				c.Ingress = kuzet.Ingress(v)
				return nil
			}
		}
		if dst == nil {
			key = truncateText(key, 40)
			note(kuzet.Invalid(key, "unknown field %q", key))
			return d.skip(0)
		}
		v, ok, err := d.stringValue()
		if err != nil {
			return err
		}
		if !ok {
			note(typeError(key, "a string"))
		}
		*dst = v
		return nil
	})
	return itemErr, err
}

// parseTime reads an RFC 3339 time, with or without a fraction. The common
// UTC spelling, "2006-01-02T15:04:05.000Z", is read by hand: time.Parse
// would be a tenth of the cost of a verification.
func parseTime(s string) (time.Time, error) {
	if len(s) >= 20 && s[len(s)-1] == 'Z' && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' {
		year, ok1 := digits(s[0:4])
		month, ok2 := digits(s[5:7])
		day, ok3 := digits(s[8:10])
		hour, ok4 := digits(s[11:13])
		minute, ok5 := digits(s[14:16])
		sec, ok6 := digits(s[17:19])
		nsec, ok7 := 0, true
		if frac := s[19 : len(s)-1]; frac != "" {
			if frac[0] != '.' || len(frac) < 2 || len(frac) > 10 {
				ok7 = false
			} else {
				nsec, ok7 = digits(frac[1:])
				for k := len(frac) - 1; k < 9; k++ {
					nsec *= 10
				}
			}
		}
		if ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7 && month >= 1 && month <= 12 && day >= 1 &&
			day <= daysIn(month, year) && hour < 24 && minute < 60 && sec < 60 {
			return time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC), nil
		}
	}
	return time.Parse(time.RFC3339Nano, s)
}

// digits is the value of a run of ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			return 0, false
		}
		n = n*10 + int(c)
	}
	return n, true
}

func daysIn(month, year int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// truncateText keeps error messages of hostile input short.
func truncateText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func typeError(field, want string) error {
	return kuzet.Invalid(field, "%s must be %s", field, want)
}

func (d *callDecoder) syntax(what string) error {
	if d.i >= len(d.s) {
		return kuzet.Errorf(kuzet.EINVALID, "malformed JSON: unexpected end of input")
	}
	return kuzet.Errorf(kuzet.EINVALID, "malformed JSON at byte %d: %s", d.i, what)
}

func (d *callDecoder) ws() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// peek returns the next byte after white space, or 0 at the end.
func (d *callDecoder) peek() byte {
	d.ws()
	if d.i < len(d.s) {
		return d.s[d.i]
	}
	return 0
}

// null consumes a null if one comes next.
func (d *callDecoder) null() bool {
	if d.peek() == 'n' && strings.HasPrefix(d.s[d.i:], "null") {
		d.i += 4
		return true
	}
	return false
}

// object reads an object, calling member for each key with the decoder at
// the member's value, which member must consume.
func (d *callDecoder) object(member func(key string) error) error {
	if d.peek() != '{' {
		if d.i >= len(d.s) {
			return kuzet.Errorf(kuzet.EINVALID, "empty request body")
		}
		return kuzet.Errorf(kuzet.EINVALID, "malformed request: a JSON object is expected")
	}
	d.i++
	if d.peek() == '}' {
		d.i++
		return nil
	}
	for {
		if d.peek() != '"' {
			return d.syntax("a member name is expected")
		}
		key, err := d.str()
		if err != nil {
			return err
		}
		if d.peek() != ':' {
			return d.syntax("':' is expected")
		}
		d.i++
		if err := member(key); err != nil {
			return err
		}
		switch d.peek() {
		case ',':
			d.i++
		case '}':
			d.i++
			return nil
		default:
			return d.syntax("',' or '}' is expected")
		}
	}
}

// array reads an array at '[', calling elem for each element with the
// decoder at the element, which elem must consume.
func (d *callDecoder) array(elem func(i int) error) error {
	d.peek()
	d.i++ // '['
	if d.peek() == ']' {
		d.i++
		return nil
	}
	for n := 0; ; n++ {
		if err := elem(n); err != nil {
			return err
		}
		switch d.peek() {
		case ',':
			d.i++
		case ']':
			d.i++
			return nil
		default:
			return d.syntax("',' or ']' is expected")
		}
	}
}

// stringValue reads a string or null ("" then) and reports true; any other
// value it skips and reports false.
func (d *callDecoder) stringValue() (string, bool, error) {
	switch d.peek() {
	case '"':
		s, err := d.str()
		return s, true, err
	case 'n':
		if d.null() {
			return "", true, nil
		}
	}
	return "", false, d.skip(0)
}

// str reads a string at '"'. Valid UTF-8 without escapes is a substring of
// the body; anything else goes through encoding/json, which replaces
// invalid UTF-8 and lone surrogates as it always does.
func (d *callDecoder) str() (string, error) {
	start := d.i + 1
	plain, ascii := true, true
	for j := start; j < len(d.s); j++ {
		c := d.s[j]
		switch {
		case c == '"':
			d.i = j + 1
			if plain && (ascii || utf8.ValidString(d.s[start:j])) {
				return d.s[start:j], nil
			}
			var v string
			if err := json.Unmarshal([]byte(d.s[start-1:j+1]), &v); err != nil {
				d.i = start - 1
				return "", d.syntax("invalid string")
			}
			return v, nil
		case c == '\\':
			plain = false
			if j+1 >= len(d.s) {
				d.i = len(d.s)
				return "", d.syntax("unterminated string")
			}
			j++ // the escaped character, '"' included; encoding/json checks the escape
		case c < 0x20:
			d.i = j
			return "", d.syntax("control character in a string")
		case c >= 0x80:
			ascii = false
		}
	}
	d.i = len(d.s)
	return "", d.syntax("unterminated string")
}

// skip consumes any one JSON value, checking its syntax.
func (d *callDecoder) skip(depth int) error {
	if depth > maxJSONDepth {
		return d.syntax("too deeply nested")
	}
	switch c := d.peek(); {
	case c == '"':
		_, err := d.str()
		return err
	case c == '{':
		return d.object(func(string) error { return d.skip(depth + 1) })
	case c == '[':
		return d.array(func(int) error { return d.skip(depth + 1) })
	case c == 't' && strings.HasPrefix(d.s[d.i:], "true"):
		d.i += 4
	case c == 'f' && strings.HasPrefix(d.s[d.i:], "false"):
		d.i += 5
	case c == 'n' && strings.HasPrefix(d.s[d.i:], "null"):
		d.i += 4
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	default:
		return d.syntax("a value is expected")
	}
	return nil
}

// number consumes a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (d *callDecoder) number() error {
	s, i := d.s, d.i
	run := func() int {
		k := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - k
	}
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case run() == 0:
		d.i = i
		return d.syntax("malformed number")
	}
	if i < len(s) && s[i] == '.' {
		i++
		if run() == 0 {
			d.i = i
			return d.syntax("malformed number")
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if run() == 0 {
			d.i = i
			return d.syntax("malformed number")
		}
	}
	d.i = i
	return nil
}

// verdictJSON is the encoded answer of each reason, made once.
var verdictJSON = func() map[kuzet.CallReason]string {
	m := make(map[kuzet.CallReason]string, len(kuzet.CallReasons))
	for _, r := range kuzet.CallReasons {
		m[r] = `{"verdict":"` + string(r.Verdict()) + `","reason":"` + string(r) + `"}`
	}
	return m
}()

// appendVerdicts appends {"verdicts":[...]} for results to b.
func appendVerdicts(b []byte, results []telecom.Result, errs []error) []byte {
	b = append(b, `{"verdicts":[`...)
	for i, res := range results {
		if i > 0 {
			b = append(b, ',')
		}
		err := res.Err
		if err == nil && errs != nil {
			err = errs[i]
		}
		if err != nil {
			b = appendItemError(b, i, err)
			continue
		}
		if v, ok := verdictJSON[res.Verdict.Reason]; ok {
			b = append(b, v...)
			continue
		}
		// A reason this build does not know: still an answer, never a gap.
		v, _ := json.Marshal(res.Verdict)
		b = append(b, v...)
	}
	return append(b, "]}\n"...)
}

// appendItemError appends {"index":i,"error":{...}}.
func appendItemError(b []byte, i int, err error) []byte {
	b = append(b, `{"index":`...)
	b = strconv.AppendInt(b, int64(i), 10)
	b = append(b, `,"error":`...)
	e, merr := json.Marshal(newItemError(err))
	if merr != nil {
		panic(fmt.Sprintf("encode item error: %v", merr)) // a struct of strings always encodes
	}
	b = append(b, e...)
	return append(b, '}')
}
