package payments

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kuzet/kuzet"
)

// Limits of a rules text. They bound the work of parsing outside input and
// of evaluating it on every check.
const (
	MaxRulesSize  = 64 << 10 // bytes
	MaxRules      = 256
	MaxConditions = 8 // per rule
	MaxHoldFor    = 5 * 24 * time.Hour
	maxLineLen    = 1024
	maxSayLen     = 300
	maxNameLen    = 64
)

//go:embed default.rules
var defaultRulesText string

// defaultRules is parsed once; a RuleSet is never changed after parsing.
var defaultRules = mustParse(defaultRulesText)

func mustParse(src string) *RuleSet {
	rs, err := ParseRules(src)
	if err != nil {
		panic(fmt.Sprintf("payments: default rules: %v", err))
	}
	return rs
}

// DefaultRules returns the built-in rules (the file default.rules).
func DefaultRules() *RuleSet { return defaultRules }

// DefaultRulesText returns the source of DefaultRules.
func DefaultRulesText() string { return defaultRulesText }

// Op compares a signal with a value.
type Op uint8

// Comparison operators.
const (
	OpGT Op = iota // >
	OpGE           // >=
	OpLT           // <
	OpLE           // <=
	OpEQ           // ==
	OpNE           // !=
)

var opNames = [...]string{OpGT: ">", OpGE: ">=", OpLT: "<", OpLE: "<=", OpEQ: "==", OpNE: "!="}

// String returns the operator as written.
func (o Op) String() string { return opNames[o] }

// Cond is one condition of a rule: Signal Op Value. A bare signal in the
// text is "signal > 0", and "not signal" is "signal == 0".
type Cond struct {
	Signal Signal
	Op     Op
	Value  float64
}

func (c Cond) holds(s *Signals) bool {
	v := s[c.Signal]
	switch c.Op {
	case OpGT:
		return v > c.Value
	case OpGE:
		return v >= c.Value
	case OpLT:
		return v < c.Value
	case OpLE:
		return v <= c.Value
	case OpEQ:
		return v == c.Value
	}
	return v != c.Value
}

// Rule adds Weight to the score, and raises the decision to at least Decide
// (if set), when all of its conditions hold.
type Rule struct {
	Name   string // the reason code
	Conds  []Cond
	Weight float64
	Decide kuzet.Decision // "" for none
	Say    string         // the reason's detail
}

// RuleSet is one parsed version of the rules; ParseRules makes it. It is
// immutable: loading another version makes another RuleSet.
type RuleSet struct {
	Version string
	Hash    string // hex SHA-256 of Source
	Source  string

	Review, Hold, Block float64       // score thresholds
	HoldFor             time.Duration // how long a hold lasts
	Rules               []Rule

	id string
}

// ID returns "version@hash", the first 12 hex digits of the hash: what a
// check record keeps to say which rules decided it.
func (rs *RuleSet) ID() string { return rs.id }

// Verdict is what a rule set makes of a payment's signals.
type Verdict struct {
	Decision kuzet.Decision
	Score    float64 // in [0, 1], rounded to three decimals
	Fired    RuleBits
}

// RuleBits marks rules by their index in RuleSet.Rules.
type RuleBits [MaxRules / 64]uint64

// Has reports whether rule i is marked.
func (b *RuleBits) Has(i int) bool { return b[i>>6]&(1<<(i&63)) != 0 }

func (b *RuleBits) set(i int) { b[i>>6] |= 1 << (i & 63) }

// Evaluate runs every rule on s.
func (rs *RuleSet) Evaluate(s *Signals) Verdict {
	var v Verdict
	sum, floor := 0.0, 0
	for i := range rs.Rules {
		r := &rs.Rules[i]
		fired := true
		for _, c := range r.Conds {
			if !c.holds(s) {
				fired = false
				break
			}
		}
		if !fired {
			continue
		}
		v.Fired.set(i)
		sum += r.Weight
		if r.Decide != "" {
			floor = max(floor, r.Decide.Rank())
		}
	}
	sum = min(max(sum, 0), 1)
	v.Score = math.Round(sum*1000) / 1000
	rank := 0
	switch {
	case v.Score >= rs.Block:
		rank = 3
	case v.Score >= rs.Hold:
		rank = 2
	case v.Score >= rs.Review:
		rank = 1
	}
	v.Decision = kuzet.Decisions[max(rank, floor)]
	return v
}

// ParseRules parses a rules text. The grammar, one statement a line, "#"
// starting a comment outside quotes:
//
//	version ID                                  exactly once; ID of [A-Za-z0-9._-]
//	threshold review|hold|block SCORE           0 < review <= hold <= block <= 1
//	hold_for DURATION                           Go duration ("2h"), at most 120h
//	rule NAME when COND {and COND} [weight W] [decide DECISION] [say "TEXT"]
//
// where COND is SIGNAL, "not" SIGNAL, or SIGNAL OP VALUE with OP one of
// > >= < <= == != and VALUE a number, true, false, or a risk level (none,
// low, medium, high, critical) standing for its lowest registry score. NAME
// is [a-z0-9_], unique; W is in [-1, 1]; DECISION is review, hold or block;
// a rule needs a weight or a decision. Thresholds default to 0.25, 0.60 and
// 0.95, hold_for to 2h.
//
// Returns EINVALID with field "rules" and a message naming the line.
func ParseRules(src string) (*RuleSet, error) {
	if len(src) > MaxRulesSize {
		return nil, kuzet.Invalid("rules", "rules text exceeds %d bytes", MaxRulesSize)
	}
	if !utf8.ValidString(src) {
		return nil, kuzet.Invalid("rules", "rules text is not valid UTF-8")
	}
	sum := sha256.Sum256([]byte(src))
	rs := &RuleSet{
		Hash: hex.EncodeToString(sum[:]), Source: src,
		Review: 0.25, Hold: 0.60, Block: 0.95, HoldFor: 2 * time.Hour,
	}
	p := &ruleParser{rs: rs, names: map[string]bool{}, seen: map[string]bool{}}
	for n, line := range strings.Split(src, "\n") {
		p.line = n + 1
		if len(line) > maxLineLen {
			return nil, p.fail("line exceeds %d bytes", maxLineLen)
		}
		toks, err := tokenize(line)
		if err != nil {
			return nil, p.fail("%v", err)
		}
		if len(toks) == 0 {
			continue
		}
		if err := p.statement(toks); err != nil {
			return nil, err
		}
	}
	if rs.Version == "" {
		return nil, kuzet.Invalid("rules", "a version line is required")
	}
	if !(0 < rs.Review && rs.Review <= rs.Hold && rs.Hold <= rs.Block && rs.Block <= 1) {
		return nil, kuzet.Invalid("rules", "thresholds must satisfy 0 < review <= hold <= block <= 1, not %g, %g, %g",
			rs.Review, rs.Hold, rs.Block)
	}
	rs.id = rs.Version + "@" + rs.Hash[:12]
	return rs, nil
}

type ruleParser struct {
	rs    *RuleSet
	line  int
	names map[string]bool // rule names
	seen  map[string]bool // once-only statements
}

func (p *ruleParser) fail(format string, args ...any) error {
	return kuzet.Invalid("rules", "line %d: %s", p.line, fmt.Sprintf(format, args...))
}

func (p *ruleParser) once(what string) error {
	if p.seen[what] {
		return p.fail("%s is given twice", what)
	}
	p.seen[what] = true
	return nil
}

func (p *ruleParser) statement(toks []token) error {
	switch kw := toks[0].text; {
	case toks[0].quoted:
		return p.fail("a statement starts with a keyword, not a quoted text")
	case kw == "version":
		if len(toks) != 2 || toks[1].quoted || !validVersion(toks[1].text) {
			return p.fail("want: version ID, the ID of 1 to 64 letters, digits, '.', '_' or '-'")
		}
		if err := p.once("version"); err != nil {
			return err
		}
		p.rs.Version = toks[1].text
	case kw == "threshold":
		if len(toks) != 3 {
			return p.fail("want: threshold review|hold|block SCORE")
		}
		v, err := p.number(toks[2], 0, 1)
		if err != nil {
			return err
		}
		var dst *float64
		switch toks[1].text {
		case "review":
			dst = &p.rs.Review
		case "hold":
			dst = &p.rs.Hold
		case "block":
			dst = &p.rs.Block
		default:
			return p.fail("threshold names review, hold or block, not %q", clip(toks[1].text))
		}
		if err := p.once("threshold " + toks[1].text); err != nil {
			return err
		}
		*dst = v
	case kw == "hold_for":
		if len(toks) != 2 {
			return p.fail("want: hold_for DURATION")
		}
		d, err := time.ParseDuration(toks[1].text)
		if err != nil || d <= 0 || d > MaxHoldFor {
			return p.fail("hold_for must be a positive duration of at most %v, such as 2h", MaxHoldFor)
		}
		if err := p.once("hold_for"); err != nil {
			return err
		}
		p.rs.HoldFor = d
	case kw == "rule":
		return p.rule(toks[1:])
	default:
		return p.fail("unknown statement %q; want version, threshold, hold_for or rule", clip(kw))
	}
	return nil
}

func (p *ruleParser) rule(toks []token) error {
	if len(p.rs.Rules) == MaxRules {
		return p.fail("more than %d rules", MaxRules)
	}
	if len(toks) < 3 || toks[1].text != "when" || toks[1].quoted {
		return p.fail("want: rule NAME when CONDITION [and CONDITION]… [weight W] [decide DECISION] [say \"TEXT\"]")
	}
	r := Rule{Name: toks[0].text}
	if toks[0].quoted || !validName(r.Name) {
		return p.fail("a rule name has 1 to %d characters of a-z, 0-9 and '_'", maxNameLen)
	}
	if p.names[r.Name] {
		return p.fail("rule %s is defined twice", r.Name)
	}
	rest := toks[2:]
	for {
		c, n, err := p.cond(rest)
		if err != nil {
			return err
		}
		if len(r.Conds) == MaxConditions {
			return p.fail("rule %s has more than %d conditions", r.Name, MaxConditions)
		}
		r.Conds = append(r.Conds, c)
		rest = rest[n:]
		if len(rest) == 0 || rest[0].quoted || rest[0].text != "and" {
			break
		}
		rest = rest[1:]
	}
	hasWeight := false
	for len(rest) > 0 {
		if rest[0].quoted || len(rest) < 2 {
			return p.fail("want weight W, decide DECISION or say \"TEXT\" after the conditions")
		}
		switch rest[0].text {
		case "weight":
			if hasWeight {
				return p.fail("rule %s has two weights", r.Name)
			}
			w, err := p.number(rest[1], -1, 1)
			if err != nil {
				return err
			}
			r.Weight, hasWeight = w, true
		case "decide":
			if r.Decide != "" {
				return p.fail("rule %s has two decisions", r.Name)
			}
			d := kuzet.Decision(rest[1].text)
			if rest[1].quoted || d.Rank() < 1 {
				return p.fail("decide takes review, hold or block")
			}
			r.Decide = d
		case "say":
			if r.Say != "" || !rest[1].quoted {
				return p.fail("say takes one quoted text")
			}
			if len(rest[1].text) > maxSayLen {
				return p.fail("say text exceeds %d bytes", maxSayLen)
			}
			r.Say = rest[1].text
		default:
			return p.fail("unexpected %q; want and, weight, decide or say", clip(rest[0].text))
		}
		rest = rest[2:]
	}
	if !hasWeight && r.Decide == "" {
		return p.fail("rule %s needs a weight or a decision", r.Name)
	}
	if r.Say == "" {
		r.Say = "Rule " + r.Name + " applies."
	}
	p.names[r.Name] = true
	p.rs.Rules = append(p.rs.Rules, r)
	return nil
}

// cond parses one condition at the start of toks and returns how many
// tokens it took.
func (p *ruleParser) cond(toks []token) (Cond, int, error) {
	if len(toks) == 0 {
		return Cond{}, 0, p.fail("a condition is missing")
	}
	neg := false
	if !toks[0].quoted && toks[0].text == "not" {
		neg, toks = true, toks[1:]
		if len(toks) == 0 {
			return Cond{}, 0, p.fail("not needs a signal")
		}
	}
	sig, ok := SignalByName(toks[0].text)
	if toks[0].quoted || !ok {
		return Cond{}, 0, p.fail("unknown signal %q; the signals are %s", clip(toks[0].text), signalList())
	}
	skip := 1
	if neg {
		skip = 2
	}
	if len(toks) >= 2 && !toks[1].quoted {
		if op, ok := parseOp(toks[1].text); ok {
			if neg {
				return Cond{}, 0, p.fail("not takes a bare signal, not a comparison")
			}
			if len(toks) < 3 {
				return Cond{}, 0, p.fail("%s %s needs a value", sig, op)
			}
			v, err := p.value(toks[2])
			if err != nil {
				return Cond{}, 0, err
			}
			return Cond{Signal: sig, Op: op, Value: v}, 3, nil
		}
	}
	if neg {
		return Cond{Signal: sig, Op: OpEQ, Value: 0}, skip, nil
	}
	return Cond{Signal: sig, Op: OpGT, Value: 0}, skip, nil
}

func parseOp(s string) (Op, bool) {
	for i, n := range opNames {
		if s == n {
			return Op(i), true
		}
	}
	return 0, false
}

// value reads a condition's value: a number, true or false, or a risk level.
func (p *ruleParser) value(t token) (float64, error) {
	if !t.quoted {
		switch t.text {
		case "true":
			return 1, nil
		case "false":
			return 0, nil
		}
		if v, ok := riskLevels[t.text]; ok {
			return v, nil
		}
	}
	return p.number(t, -1e15, 1e15)
}

func (p *ruleParser) number(t token, lo, hi float64) (float64, error) {
	v, err := strconv.ParseFloat(t.text, 64)
	if t.quoted || err != nil || math.IsNaN(v) || v < lo || v > hi {
		return 0, p.fail("want a number from %g to %g, not %q", lo, hi, clip(t.text))
	}
	return v, nil
}

type token struct {
	text   string
	quoted bool
}

// tokenize splits a line at white space, keeping a double-quoted text (Go
// escapes allowed) as one token and dropping a "#" comment.
func tokenize(line string) ([]token, error) {
	var toks []token
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '#':
			return toks, nil
		case c == '"':
			j := i + 1
			for ; j < len(line) && line[j] != '"'; j++ {
				if line[j] == '\\' {
					j++
				}
			}
			if j >= len(line) {
				return nil, fmt.Errorf("unterminated quoted text")
			}
			s, err := strconv.Unquote(line[i : j+1])
			if err != nil {
				return nil, fmt.Errorf("malformed quoted text")
			}
			if !utf8.ValidString(s) || strings.ContainsAny(s, "\x00\n") {
				return nil, fmt.Errorf("quoted text must be one line of valid UTF-8")
			}
			toks = append(toks, token{s, true})
			i = j + 1
		default:
			j := i
			for j < len(line) && line[j] != ' ' && line[j] != '\t' && line[j] != '\r' && line[j] != '#' && line[j] != '"' {
				j++
			}
			toks = append(toks, token{line[i:j], false})
			i = j
		}
	}
	return toks, nil
}

func validName(s string) bool {
	if s == "" || len(s) > maxNameLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

func validVersion(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// clip shortens outside input quoted in an error message.
func clip(s string) string { return clipN(s, 32) }

// clipN shortens s to at most n bytes and an ellipsis, at a rune boundary.
func clipN(s string, n int) string {
	if len(s) > n {
		for i := n; i > 0; i-- {
			if utf8.RuneStart(s[i]) {
				return s[:i] + "…"
			}
		}
	}
	return s
}
