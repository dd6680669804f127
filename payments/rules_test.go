package payments_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/payments"
)

func TestDefaultRules(t *testing.T) {
	rs := payments.DefaultRules()
	if rs.Version != "default-9" || len(rs.Rules) < 15 || rs.HoldFor != 2*time.Hour {
		t.Errorf("default rules: got version %q, %d rules, hold %v", rs.Version, len(rs.Rules), rs.HoldFor)
	}
	if rs.Source != payments.DefaultRulesText() {
		t.Errorf("source: got %d bytes, want the embedded text", len(rs.Source))
	}
	for _, r := range rs.Rules {
		if r.Say == "" || strings.HasPrefix(r.Say, "Rule ") {
			t.Errorf("rule %s has no detail for the customer", r.Name)
		}
	}
	if id := rs.ID(); !strings.HasPrefix(id, "default-9@") || len(id) != len("default-9@")+12 {
		t.Errorf("ID: got %q", id)
	}
}

func TestParseRules(t *testing.T) {
	rs, err := payments.ParseRules(`# a comment
version v1.2_x   # trailing comment
threshold review 0.2
threshold hold 0.5
threshold block 0.9
hold_for 90m
rule a when amount > 10 and not new_payee weight 0.25 say "A \"quoted\" #text"
rule b when payee_mule >= high decide block
rule c when local_hour < 6 weight -0.1
`)
	if err != nil {
		t.Fatal(err)
	}
	if rs.Version != "v1.2_x" || rs.Review != 0.2 || rs.Hold != 0.5 || rs.Block != 0.9 || rs.HoldFor != 90*time.Minute {
		t.Errorf("header: got %+v", rs)
	}
	a := rs.Rules[0]
	if a.Name != "a" || a.Weight != 0.25 || a.Say != `A "quoted" #text` || len(a.Conds) != 2 ||
		a.Conds[0] != (payments.Cond{Signal: payments.SignalAmount, Op: payments.OpGT, Value: 10}) ||
		a.Conds[1] != (payments.Cond{Signal: payments.SignalNewPayee, Op: payments.OpEQ, Value: 0}) {
		t.Errorf("rule a: got %+v", a)
	}
	if b := rs.Rules[1]; b.Decide != kuzet.DecisionBlock || b.Conds[0].Value != 0.75 || b.Say != "Rule b applies." {
		t.Errorf("rule b: got %+v", b)
	}
	again, err := payments.ParseRules(rs.Source)
	if err != nil || again.Hash != rs.Hash {
		t.Errorf("hash: got %v %v, want the same", again, err)
	}
}

func TestParseRulesErrors(t *testing.T) {
	tests := []struct {
		name, src, msg string
	}{
		{"no version", "rule a when amount > 1 weight 1", "version line is required"},
		{"two versions", "version a\nversion b", "line 2: version is given twice"},
		{"bad version", "version a/b", "line 1: want: version ID"},
		{"unknown statement", "version a\nfoo bar", `line 2: unknown statement "foo"`},
		{"unknown signal", "version a\nrule x when nope > 1 weight 1", `line 2: unknown signal "nope"`},
		{"bad op", "version a\nrule x when amount >> 1 weight 1", `line 2: unexpected ">>"`},
		{"missing value", "version a\nrule x when amount >=", "line 2: amount >= needs a value"},
		{"bad value", "version a\nrule x when amount > lots weight 1", `line 2: want a number`},
		{"weight too big", "version a\nrule x when amount > 1 weight 2", "line 2: want a number from -1 to 1"},
		{"NaN weight", "version a\nrule x when amount > 1 weight NaN", "line 2: want a number"},
		{"no weight or decision", "version a\nrule x when amount > 1", "needs a weight or a decision"},
		{"decide allow", "version a\nrule x when amount > 1 decide allow", "decide takes review, hold or block"},
		{"duplicate rule", "version a\nrule x when amount > 1 weight 1\nrule x when amount > 2 weight 1", "line 3: rule x is defined twice"},
		{"bad name", "version a\nrule X-1 when amount > 1 weight 1", "line 2: a rule name"},
		{"no when", "version a\nrule x amount > 1 weight 1", "line 2: want: rule NAME when"},
		{"unterminated say", "version a\nrule x when amount > 1 weight 1 say \"oops", "unterminated quoted text"},
		{"say unquoted", "version a\nrule x when amount > 1 weight 1 say hi", "say takes one quoted text"},
		{"not with comparison", "version a\nrule x when not amount > 1 weight 1", "not takes a bare signal"},
		{"thresholds out of order", "version a\nthreshold review 0.7\nthreshold hold 0.5", "0 < review <= hold <= block <= 1"},
		{"threshold name", "version a\nthreshold maybe 0.5", `threshold names review, hold or block, not "maybe"`},
		{"hold too long", "version a\nhold_for 200h", "hold_for must be a positive duration"},
		{"too many conditions", "version a\nrule x when amount > 1 and amount > 1 and amount > 1 and amount > 1 and amount > 1 and amount > 1 and amount > 1 and amount > 1 and amount > 1 weight 1", "more than 8 conditions"},
		{"too long", "version a\n" + strings.Repeat("#", payments.MaxRulesSize), "exceeds"},
		{"not UTF-8", "version a\n# \xff", "not valid UTF-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := payments.ParseRules(tc.src)
			if kuzet.ErrorCode(err) != kuzet.EINVALID {
				t.Fatalf("got %v, want %s", err, kuzet.EINVALID)
			}
			if msg := kuzet.ErrorMessage(err); !strings.Contains(msg, tc.msg) {
				t.Errorf("message: got %q, want it to contain %q", msg, tc.msg)
			}
			if f := fields(err); len(f) != 1 || f[0] != "rules" {
				t.Errorf("fields: got %v, want [rules]", f)
			}
		})
	}
}

func TestEvaluate(t *testing.T) {
	rs := mustRules(`version e
threshold review 0.3
threshold hold 0.6
threshold block 0.9
rule a when new_payee weight 0.3
rule b when amount >= 100 weight 0.35
rule c when velocity > 3 weight 0.5
rule d when payee_mule >= medium decide block
rule e when local_hour <= 5 weight -0.2
`)
	sig := func(kv ...any) *payments.Signals {
		var s payments.Signals
		for i := 0; i < len(kv); i += 2 {
			sg, ok := payments.SignalByName(kv[i].(string))
			if !ok {
				t.Fatalf("no signal %v", kv[i])
			}
			s.Set(sg, kv[i+1].(float64))
		}
		return &s
	}
	tests := []struct {
		name  string
		s     *payments.Signals
		want  kuzet.Decision
		score float64
		fired []int
	}{
		{"nothing", sig(), kuzet.DecisionAllow, 0, nil},
		{"review at the threshold", sig("new_payee", 1.0), kuzet.DecisionReview, 0.3, []int{0}},
		{"hold", sig("new_payee", 1.0, "amount", 100.0), kuzet.DecisionHold, 0.65, []int{0, 1}},
		{"capped at 1, block", sig("new_payee", 1.0, "amount", 100.0, "velocity", 4.0), kuzet.DecisionBlock, 1, []int{0, 1, 2}},
		{"negative weight", sig("new_payee", 1.0, "amount", 100.0, "local_hour", 3.0), kuzet.DecisionReview, 0.45, []int{0, 1, 4}},
		{"never below 0", sig("local_hour", 0.0), kuzet.DecisionAllow, 0, []int{4}},
		{"decide raises the decision", sig("payee_mule", 0.3), kuzet.DecisionBlock, 0, []int{3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name != "never below 0" && tc.name != "negative weight" {
				tc.s.Set(payments.SignalLocalHour, 12)
			}
			v := rs.Evaluate(tc.s)
			if v.Decision != tc.want || v.Score != tc.score {
				t.Errorf("got %s %v, want %s %v", v.Decision, v.Score, tc.want, tc.score)
			}
			for i := range rs.Rules {
				want := false
				for _, j := range tc.fired {
					want = want || i == j
				}
				if v.Fired.Has(i) != want {
					t.Errorf("rule %s fired: got %v, want %v", rs.Rules[i].Name, v.Fired.Has(i), want)
				}
			}
		})
	}
}

func TestSignalNames(t *testing.T) {
	names := payments.SignalNames()
	for i, n := range names {
		s, ok := payments.SignalByName(n)
		if !ok || int(s) != i || s.String() != n {
			t.Errorf("signal %q: got %v %v", n, s, ok)
		}
		if !strings.Contains(docText(t), "\t"+n+" ") {
			t.Errorf("signal %s is not documented in the package doc", n)
		}
	}
}

// FuzzParseRules: any text either fails with EINVALID or parses into rules
// that parse again alike and evaluate to a valid decision.
func FuzzParseRules(f *testing.F) {
	f.Add(payments.DefaultRulesText())
	f.Add("version a\nrule x when amount > 1 and not new_payee weight 0.5 decide hold say \"hi\"\n")
	f.Add("version a\nthreshold review 0.1\nhold_for 1h\nrule y when payee_mule >= critical decide block")
	f.Add("rule \"x\" when \"amount\" > \"1\"")
	f.Add("version a\nrule x when amount > 1e308 weight -1 # c")
	f.Fuzz(func(t *testing.T, src string) {
		rs, err := payments.ParseRules(src)
		if err != nil {
			if kuzet.ErrorCode(err) != kuzet.EINVALID {
				t.Fatalf("got %v, want EINVALID", err)
			}
			return
		}
		again, err := payments.ParseRules(rs.Source)
		if err != nil || again.Hash != rs.Hash || len(again.Rules) != len(rs.Rules) {
			t.Fatalf("parse again: got %v, %v", again, err)
		}
		var s payments.Signals
		for i := range s {
			s[i] = float64(len(src)%7) - 2
		}
		v := rs.Evaluate(&s)
		if !v.Decision.Valid() || v.Score < 0 || v.Score > 1 {
			t.Fatalf("evaluate: got %v %v", v.Decision, v.Score)
		}
	})
}
