package telecom

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/kuzet/kuzet"
)

// Class is what the number plan says of a number.
type Class uint8

// Number classes. Invalid covers both the undialable (wrong length, a
// leading 0) and the unallocated (a national prefix no range covers).
const (
	Invalid Class = iota
	Mobile
	Geographic
	Foreign
)

// Domestic reports whether c is a number of the national plan.
func (c Class) Domestic() bool { return c == Mobile || c == Geographic }

// String returns the class's name.
func (c Class) String() string {
	switch c {
	case Mobile:
		return "mobile"
	case Geographic:
		return "geographic"
	case Foreign:
		return "foreign"
	}
	return "invalid"
}

// RangeType is the type column of a plan file.
type RangeType string

// Range types; the plan file format in the package documentation says what
// each means.
const (
	RangeNational    RangeType = "national"
	RangeMobile      RangeType = "mobile"
	RangeGeographic  RangeType = "geographic"
	RangeForeign     RangeType = "foreign"
	RangeUnallocated RangeType = "unallocated"
)

// Range is one line of a plan.
type Range struct {
	Prefix    string // E.164 digits without "+"
	Type      RangeType
	MinDigits int // length of a whole number; 0 for unallocated
	MaxDigits int
	Holder    string // informational
}

// Numbers no range covers are foreign when their length is in this span:
// the shortest E.164 numbers in service have 7 digits (+683 and 4 digits).
const (
	foreignMinDigits = 7
	foreignMaxDigits = maxDigits
)

// Limits on a plan file, so that a wrong file fails instead of eating memory.
const (
	maxPlanBytes  = 1 << 20
	maxPlanRanges = 100_000
	maxHolderLen  = 200
)

// Plan is a parsed number plan. It is immutable and safe for concurrent use.
type Plan struct {
	ranges []Range    // in file order
	nodes  []planNode // a digit trie over the prefixes; nodes[0] is the root
}

// planNode is a trie node: next holds child node indices (0: none, as the
// root is never a child), rng the index of the range ending here, or -1.
type planNode struct {
	next [10]int32
	rng  int32
}

//go:embed kz.plan
var defaultPlanText []byte

var defaultPlan = sync.OnceValue(func() *Plan {
	p, err := ParsePlan(bytes.NewReader(defaultPlanText))
	if err != nil {
		panic("telecom: the built-in number plan does not parse: " + err.Error())
	}
	return p
})

// DefaultPlan returns the built-in plan of Kazakhstan (the file kz.plan).
func DefaultPlan() *Plan { return defaultPlan() }

// ParsePlan reads a plan file (see the package documentation for the
// format). Returns EINVALID naming the first wrong line.
func ParsePlan(r io.Reader) (*Plan, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxPlanBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read number plan: %w", err)
	}
	if len(data) > maxPlanBytes {
		return nil, kuzet.Errorf(kuzet.EINVALID, "number plan: larger than %d bytes", maxPlanBytes)
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true

	p := &Plan{nodes: []planNode{{rng: -1}}}
	seen := make(map[string]int) // prefix → line, for duplicate errors
	var lines []int
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, kuzet.Errorf(kuzet.EINVALID, "number plan line %d: %v", pe.Line, pe.Err)
			}
			return nil, fmt.Errorf("read number plan: %w", err)
		}
		line, _ := cr.FieldPos(0)
		rg, err := parseRange(rec)
		if err != nil {
			return nil, kuzet.Errorf(kuzet.EINVALID, "number plan line %d: %s", line, kuzet.ErrorMessage(err))
		}
		if prev, ok := seen[rg.Prefix]; ok {
			return nil, kuzet.Errorf(kuzet.EINVALID, "number plan line %d: prefix %s is already on line %d", line, rg.Prefix, prev)
		}
		if len(p.ranges) == maxPlanRanges {
			return nil, kuzet.Errorf(kuzet.EINVALID, "number plan line %d: more than %d ranges", line, maxPlanRanges)
		}
		seen[rg.Prefix] = line
		p.ranges = append(p.ranges, rg)
		lines = append(lines, line)
		p.insert(rg.Prefix, int32(len(p.ranges)-1))
	}

	// Allocated ranges take their length from, and must lie inside, a
	// national range: only the national ranges say what is domestic. This is
	// checked after reading because lines may come in any order.
	for i := range p.ranges {
		rg := &p.ranges[i]
		if rg.Type != RangeMobile && rg.Type != RangeGeographic {
			continue
		}
		nat := p.enclosingNational(rg.Prefix)
		if nat == nil {
			return nil, kuzet.Errorf(kuzet.EINVALID, "number plan line %d: %s range %s lies in no national range", lines[i], rg.Type, rg.Prefix)
		}
		if rg.MinDigits == 0 {
			rg.MinDigits, rg.MaxDigits = nat.MinDigits, nat.MaxDigits
			if rg.MinDigits <= len(rg.Prefix) {
				return nil, kuzet.Errorf(kuzet.EINVALID, "number plan line %d: prefix %s is as long as its numbers", lines[i], rg.Prefix)
			}
		}
	}
	return p, nil
}

// parseRange checks one record: prefix,type,digits[,holder].
func parseRange(rec []string) (Range, error) {
	if len(rec) < 2 || len(rec) > 4 {
		return Range{}, kuzet.Errorf(kuzet.EINVALID, "want prefix,type,digits[,holder], got %d fields", len(rec))
	}
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	rg := Range{Prefix: rec[0], Type: RangeType(rec[1])}
	if _, ok := digitsValue(rg.Prefix); !ok {
		return Range{}, kuzet.Errorf(kuzet.EINVALID, "prefix %q is not 1 to 15 digits starting with 1-9", rg.Prefix)
	}
	var digits string
	if len(rec) > 2 {
		digits = rec[2]
	}
	if len(rec) > 3 {
		rg.Holder = rec[3]
		if len(rg.Holder) > maxHolderLen {
			return Range{}, kuzet.Errorf(kuzet.EINVALID, "holder longer than %d bytes", maxHolderLen)
		}
	}
	switch rg.Type {
	case RangeNational, RangeForeign, RangeMobile, RangeGeographic:
		if digits == "" {
			if rg.Type == RangeNational || rg.Type == RangeForeign {
				return Range{}, kuzet.Errorf(kuzet.EINVALID, "%s range %s needs its digits", rg.Type, rg.Prefix)
			}
			return rg, nil
		}
		lo, hi, err := parseDigits(digits)
		if err != nil {
			return Range{}, err
		}
		if lo <= len(rg.Prefix) {
			return Range{}, kuzet.Errorf(kuzet.EINVALID, "prefix %s is as long as its numbers", rg.Prefix)
		}
		rg.MinDigits, rg.MaxDigits = lo, hi
	case RangeUnallocated:
		if digits != "" {
			return Range{}, kuzet.Errorf(kuzet.EINVALID, "an unallocated range has no digits")
		}
	default:
		return Range{}, kuzet.Errorf(kuzet.EINVALID, "unknown type %q (national, mobile, geographic, foreign, unallocated)", rec[1])
	}
	return rg, nil
}

// parseDigits reads "11" or "8-15".
func parseDigits(s string) (lo, hi int, err error) {
	a, b, isSpan := strings.Cut(s, "-")
	lo, err1 := strconv.Atoi(a)
	hi = lo
	var err2 error
	if isSpan {
		hi, err2 = strconv.Atoi(b)
	}
	if err1 != nil || err2 != nil || lo < 1 || hi > maxDigits || lo > hi {
		return 0, 0, kuzet.Errorf(kuzet.EINVALID, "digits %q is not a length or span within 1-%d", s, maxDigits)
	}
	return lo, hi, nil
}

func (p *Plan) insert(prefix string, rng int32) {
	n := int32(0)
	for i := 0; i < len(prefix); i++ {
		c := prefix[i] - '0'
		if p.nodes[n].next[c] == 0 {
			p.nodes = append(p.nodes, planNode{rng: -1})
			p.nodes[n].next[c] = int32(len(p.nodes) - 1)
		}
		n = p.nodes[n].next[c]
	}
	p.nodes[n].rng = rng
}

// longest returns the index of the longest range whose prefix starts the
// digit string d, or -1.
func (p *Plan) longest(d string) int32 {
	best, n := p.nodes[0].rng, int32(0)
	for i := 0; i < len(d); i++ {
		c := d[i] - '0'
		if c > 9 {
			break
		}
		if n = p.nodes[n].next[c]; n == 0 {
			break
		}
		if r := p.nodes[n].rng; r >= 0 {
			best = r
		}
	}
	return best
}

// enclosingNational returns the longest national range strictly containing
// prefix, or nil.
func (p *Plan) enclosingNational(prefix string) *Range {
	for l := len(prefix) - 1; l > 0; l-- {
		if r := p.longest(prefix[:l]); r >= 0 && len(p.ranges[r].Prefix) == l && p.ranges[r].Type == RangeNational {
			return &p.ranges[r]
		}
	}
	return nil
}

// Classify says what the plan makes of an E.164 number ("+" and digits);
// anything else is Invalid.
func (p *Plan) Classify(e164 string) Class {
	if !wellFormed(e164) {
		return Invalid
	}
	return p.classify(e164[1:])
}

// classify is Classify for the digits after "+". It walks the trie over the
// digits once and allocates nothing: it runs for every call.
func (p *Plan) classify(d string) Class {
	if len(d) == 0 || len(d) > maxDigits || d[0] == '0' {
		return Invalid
	}
	r := p.longest(d)
	if r < 0 {
		if len(d) >= foreignMinDigits && len(d) <= foreignMaxDigits {
			return Foreign
		}
		return Invalid
	}
	rg := &p.ranges[r]
	if len(d) < rg.MinDigits || len(d) > rg.MaxDigits {
		return Invalid
	}
	switch rg.Type {
	case RangeMobile:
		return Mobile
	case RangeGeographic:
		return Geographic
	case RangeForeign:
		return Foreign
	}
	return Invalid // national without an allocation, or unallocated
}

// Holder returns the holder the plan names for the range of e164, or "".
func (p *Plan) Holder(e164 string) string {
	if !wellFormed(e164) {
		return ""
	}
	if r := p.longest(e164[1:]); r >= 0 {
		return p.ranges[r].Holder
	}
	return ""
}

// Ranges returns the plan's ranges in file order, with inherited lengths
// filled in.
func (p *Plan) Ranges() []Range { return slices.Clone(p.ranges) }

// WriteTo writes the plan in the file format, one range a line, so that an
// operator can start a new plan from the built-in one. ParsePlan reads back
// the same ranges.
func (p *Plan) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	for _, rg := range p.ranges {
		digits := ""
		switch {
		case rg.MinDigits == 0:
		case rg.MinDigits == rg.MaxDigits:
			digits = strconv.Itoa(rg.MinDigits)
		default:
			digits = strconv.Itoa(rg.MinDigits) + "-" + strconv.Itoa(rg.MaxDigits)
		}
		rec := []string{rg.Prefix, string(rg.Type), digits}
		if rg.Holder != "" {
			rec = append(rec, rg.Holder)
		} else if digits == "" {
			rec = rec[:2]
		}
		if err := cw.Write(rec); err != nil {
			return 0, fmt.Errorf("write number plan: %w", err)
		}
	}
	cw.Flush()
	n, err := w.Write(buf.Bytes())
	return int64(n), err
}
