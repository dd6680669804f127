package exchange

import (
	"strings"
)

// MaxPattern bounds a pattern kuzet parses: partners' simple patterns are
// far shorter, and anything longer is stored verbatim.
const MaxPattern = 64 << 10

// Comparison is one equality test of a simple STIX pattern:
// [type:property = 'value'].
type Comparison struct {
	Type, Property, Value string
}

// ParsePattern reads the simple forms of STIX patterns that partners use:
// equality comparisons of an object path with a string literal, joined by
// OR, inside one pair of brackets or in brackets of their own
// ("[domain-name:value = 'a.kz'] OR [url:value = 'http://b.kz/']"). Any
// other pattern (AND, other operators, qualifiers, nested paths) gives
// ok false: the caller stores it verbatim without acting on it.
func ParsePattern(p string) (cmps []Comparison, ok bool) {
	if len(p) > MaxPattern {
		return nil, false
	}
	s := scanner{s: p}
	for {
		s.space()
		if !s.take('[') {
			return nil, false
		}
		for {
			c, ok := s.comparison()
			if !ok {
				return nil, false
			}
			cmps = append(cmps, c)
			s.space()
			if !s.word("OR") {
				break
			}
		}
		s.space()
		if !s.take(']') {
			return nil, false
		}
		s.space()
		if s.done() {
			return cmps, true
		}
		if !s.word("OR") {
			return nil, false
		}
	}
}

type scanner struct {
	s string
	i int
}

func (s *scanner) done() bool { return s.i >= len(s.s) }

func (s *scanner) space() {
	for s.i < len(s.s) && (s.s[s.i] == ' ' || s.s[s.i] == '\t' || s.s[s.i] == '\n' || s.s[s.i] == '\r') {
		s.i++
	}
}

func (s *scanner) take(c byte) bool {
	if s.i < len(s.s) && s.s[s.i] == c {
		s.i++
		return true
	}
	return false
}

// word takes w followed by a space or a bracket.
func (s *scanner) word(w string) bool {
	if !strings.HasPrefix(s.s[s.i:], w) {
		return false
	}
	j := s.i + len(w)
	if j < len(s.s) && s.s[j] != ' ' && s.s[j] != '[' && s.s[j] != '\t' && s.s[j] != '\n' {
		return false
	}
	s.i = j
	return true
}

// name takes a run of [a-z0-9_-].
func (s *scanner) name() string {
	j := s.i
	for j < len(s.s) {
		c := s.s[j]
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' {
			j++
			continue
		}
		break
	}
	n := s.s[s.i:j]
	s.i = j
	return n
}

func (s *scanner) comparison() (Comparison, bool) {
	var c Comparison
	s.space()
	if c.Type = s.name(); c.Type == "" || !s.take(':') {
		return c, false
	}
	if c.Property = s.name(); c.Property == "" {
		return c, false
	}
	s.space()
	if !s.take('=') {
		return c, false
	}
	s.space()
	v, ok := s.literal()
	c.Value = v
	return c, ok
}

// literal takes a quoted string, undoing the escapes of quote and
// backslash; any other escape makes the pattern not simple.
func (s *scanner) literal() (string, bool) {
	if !s.take('\'') {
		return "", false
	}
	var b strings.Builder
	for s.i < len(s.s) {
		c := s.s[s.i]
		s.i++
		switch c {
		case '\'':
			return b.String(), true
		case '\\':
			if s.i >= len(s.s) || s.s[s.i] != '\'' && s.s[s.i] != '\\' {
				return "", false
			}
			b.WriteByte(s.s[s.i])
			s.i++
		default:
			b.WriteByte(c)
		}
	}
	return "", false
}
