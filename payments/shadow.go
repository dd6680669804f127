package payments

import (
	"sync/atomic"
	"time"

	"github.com/kuzet/kuzet"
)

// shadow evaluates a candidate rule set beside the live one on every check
// and counts, for each pair of decisions, how often the live rules decided
// the one and the candidate would have decided the other.
type shadow struct {
	rules  *RuleSet
	since  time.Time
	counts [4][4]atomic.Uint64 // [live][shadow], by Decision.Rank
	fired  []atomic.Uint64     // per candidate rule
}

func newShadow(rs *RuleSet, now time.Time) *shadow {
	return &shadow{rules: rs, since: now, fired: make([]atomic.Uint64, len(rs.Rules))}
}

// observe evaluates the candidate on s, where the live rules decided d.
func (sh *shadow) observe(d kuzet.Decision, s *Signals) {
	v := sh.rules.Evaluate(s)
	sh.counts[d.Rank()][v.Decision.Rank()].Add(1)
	for i := range sh.rules.Rules {
		if v.Fired.Has(i) {
			sh.fired[i].Add(1)
		}
	}
}

// SetShadow starts evaluating rs beside the live rules on every check, with
// fresh counts; nil stops it.
func (e *Engine) SetShadow(rs *RuleSet) {
	if rs == nil {
		e.shadow.Store(nil)
		return
	}
	e.shadow.Store(newShadow(rs, e.clock()))
}

// Shadow returns the shadow rules, or nil.
func (e *Engine) Shadow() *RuleSet {
	if sh := e.shadow.Load(); sh != nil {
		return sh.rules
	}
	return nil
}

// ShadowReport says how decisions would change if the shadow rules went
// live, over the checks since the comparison started.
type ShadowReport struct {
	Live    string    `json:"live"`   // RuleSet.ID of the live rules
	Shadow  string    `json:"shadow"` // and of the candidate
	Since   time.Time `json:"since"`
	Checks  uint64    `json:"checks"`
	Changed uint64    `json:"changed"` // checks the candidate decides otherwise

	// Transitions counts checks by live and candidate decision, every pair
	// that occurred, the unchanged ones included: the confusion matrix.
	Transitions []Transition `json:"transitions"`
	// Fired counts how often each candidate rule fired.
	Fired []RuleCount `json:"fired"`
}

// Transition is one cell of the confusion matrix.
type Transition struct {
	Live   kuzet.Decision `json:"live"`
	Shadow kuzet.Decision `json:"shadow"`
	Count  uint64         `json:"count"`
}

// RuleCount is how often a rule fired.
type RuleCount struct {
	Rule  string `json:"rule"`
	Count uint64 `json:"count"`
}

// ShadowReport returns the comparison so far, or ok false when no shadow
// rules are set.
func (e *Engine) ShadowReport() (r ShadowReport, ok bool) {
	sh := e.shadow.Load()
	if sh == nil {
		return ShadowReport{}, false
	}
	r = ShadowReport{Live: e.rules.Load().ID(), Shadow: sh.rules.ID(), Since: sh.since,
		Transitions: []Transition{}, Fired: make([]RuleCount, len(sh.rules.Rules))}
	for i, live := range kuzet.Decisions {
		for j, cand := range kuzet.Decisions {
			n := sh.counts[i][j].Load()
			if n == 0 {
				continue
			}
			r.Checks += n
			if i != j {
				r.Changed += n
			}
			r.Transitions = append(r.Transitions, Transition{Live: live, Shadow: cand, Count: n})
		}
	}
	for i := range sh.rules.Rules {
		r.Fired[i] = RuleCount{Rule: sh.rules.Rules[i].Name, Count: sh.fired[i].Load()}
	}
	return r, true
}
