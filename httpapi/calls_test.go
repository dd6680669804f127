package httpapi_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/synth"
)

// The calls that must pass on real networks, through the API: numbers of
// operators not connected yet, forwarded calls, retried verifications.

// callStats reads GET /v1/calls/stats as the police.
func (ts *testServer) callStats(t *testing.T, query string) map[string]any {
	t.Helper()
	r := ts.do(t, "GET", "/v1/calls/stats"+query, ts.keys[kuzet.OrgPolice], "", nil)
	if r.status != 200 {
		t.Fatalf("stats: got %d %s, want 200", r.status, r.body)
	}
	return r.json(t)
}

// intMap reads a JSON object of integers.
func intMap(t *testing.T, v any) map[string]int64 {
	t.Helper()
	b, _ := json.Marshal(v)
	var m map[string]int64
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s is not an object of integers: %v", b, err)
	}
	return m
}

// TestUnverifiableRanges: a domestic number in a range no member holds
// passes as unverifiable, counted by its range, unless another rule blocks
// it.
func TestUnverifiableRanges(t *testing.T) {
	ts := newTestServer(t)
	ts.newOperator(t, "Operator A", "7701")
	opB, _ := ts.newOperator(t, "Operator B", "7702")
	police := ts.keys[kuzet.OrgPolice]
	counts(t, ts.json(t, "POST", "/v1/dno", police, `{"numbers":["+77045550000"]}`), 200)
	if r := ts.json(t, "POST", "/v1/indicators", police,
		`{"indicators":[{"kind":"phone","value":"+77039999999","category":"scam_call","confidence":0.95}]}`); r.status != 200 {
		t.Fatalf("report: got %d %s", r.status, r.body)
	}
	for _, tc := range []struct {
		name, a, ingress, want string
	}{
		{"a range no member holds", "+77031234567", "domestic", "pass unverifiable"},
		{"another one", "+77041234567", "domestic", "pass unverifiable"},
		{"the same range again", "+77031234568", "domestic", "pass unverifiable"},
		{"an unheld fixed-line range", "+77152123456", "domestic", "pass unverifiable"},
		{"from abroad", "+77031234567", "international", "block domestic_cli_from_abroad"},
		{"on the Do-Not-Originate list", "+77045550000", "domestic", "block dno"},
		{"flagged", "+77039999999", "domestic", "block flagged_number"},
		{"a held range still needs its registration", "+77015550000", "domestic", "block not_originated"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := ts.verify(t, opB, call{A: tc.a, B: "+77021234567", At: now(), Ingress: tc.ingress})
			if got := v[0].String(); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
	st := ts.callStats(t, "")
	want := map[string]int64{"7703": 2, "7704": 1, "771": 1}
	if got := intMap(t, st["unverifiable_by_range"]); !maps.Equal(got, want) {
		t.Errorf("stats by range: got %v, want %v", got, want)
	}
	if got := intMap(t, st["by_reason"])["unverifiable"]; got != 4 {
		t.Errorf("stats unverifiable: got %d, want 4", got)
	}
	if got := st["passed"]; got != 4.0 {
		t.Errorf("stats passed: got %v, want 4 (unverifiable passes)", got)
	}
	m := ts.do(t, "GET", "/metrics", "", "", nil)
	for _, line := range []string{`kuzet_telecom_unverifiable_total{range="7703"} 2`, `kuzet_telecom_unverifiable_total{range="771"} 1`} {
		if !strings.Contains(string(m.body), line) {
			t.Errorf("/metrics lacks %s", line)
		}
	}
}

// TestForwardedCalls: a registration A→B supports the verification of A→C
// that names B in redirected_from, once; nothing else does.
func TestForwardedCalls(t *testing.T) {
	ts := newTestServer(t)
	opA, _ := ts.newOperator(t, "Operator A", "7701")
	opC, _ := ts.newOperator(t, "Operator C", "7705")
	const a, b, c = "+77011234567", "+77011112222", "+77051234567"
	at := now()
	counts(t, ts.json(t, "POST", "/v1/calls/originated", opA, callBody(t, call{A: a, B: b, At: at, CallID: "o1"})), 202)
	forwarded := func(from, id string) call {
		return call{A: a, B: c, At: at, Ingress: "domestic", CallID: id, RedirectedFrom: from}
	}
	v := ts.verify(t, opC,
		call{A: a, B: c, At: at, Ingress: "domestic", CallID: "v0"}, // the forwarding not said
		forwarded(b, "v1"),
		forwarded(b, "v2"),              // a second call on the same registration
		forwarded("+77011113333", "v3"), // a number A never called
		forwarded("8 701 111 22 22", "v4"),
	)
	want := []string{"block not_originated", "pass ok", "block not_originated", "block not_originated", "error invalid calls[4].redirected_from"}
	for i, w := range want {
		got := v[i].String()
		if v[i].Error != nil {
			got = "error " + v[i].Error.Code + " " + v[i].Error.field()
		}
		if got != w {
			t.Errorf("call %d: got %s, want %s", i, got, w)
		}
	}
}

// TestRetriedVerifications: the same call asked about again, with its call
// ID or without, gets the verdict it had and is counted once.
func TestRetriedVerifications(t *testing.T) {
	ts := newTestServer(t)
	opA, _ := ts.newOperator(t, "Operator A", "7701")
	opB, _ := ts.newOperator(t, "Operator B", "7702")
	at := now()
	counts(t, ts.json(t, "POST", "/v1/calls/originated", opA, callBody(t,
		call{A: "+77011234567", B: "+77021234567", At: at, CallID: "o1"})), 202)
	calls := []call{
		{A: "+77011234567", B: "+77021234567", At: at, Ingress: "domestic", CallID: "v1"}, // registered
		{A: "+77015550000", B: "+77021234567", At: at, Ingress: "domestic", CallID: "v2"}, // spoofed
		{A: "+77031234567", B: "+77021234567", At: at, Ingress: "domestic"},               // unverifiable
		{A: "+77015550000", B: "+77021234567", At: at, Ingress: "international"},          // from abroad
	}
	want := []string{"pass ok", "block not_originated", "pass unverifiable", "block domestic_cli_from_abroad"}
	check := func(when string, v []verdictItem) {
		t.Helper()
		for i, w := range want {
			if got := v[i].String(); got != w {
				t.Errorf("%s, call %d: got %s, want %s", when, i, got, w)
			}
		}
	}
	check("first", ts.verify(t, opB, calls...))
	// The spoofed number's operator registers a real call to B meanwhile:
	// the retry neither passes on it nor takes it.
	counts(t, ts.json(t, "POST", "/v1/calls/originated", opA, callBody(t,
		call{A: "+77015550000", B: "+77021234567", At: at, CallID: "o2"})), 202)
	check("retried", ts.verify(t, opB, calls...))
	bare := make([]call, len(calls))
	for i, c := range calls {
		c.CallID = ""
		bare[i] = c
	}
	check("retried without call IDs", ts.verify(t, opB, bare...))
	if got := intMap(t, ts.callStats(t, "")["by_reason"]); !maps.Equal(got, map[string]int64{"ok": 1, "not_originated": 1,
		"unverifiable": 1, "domestic_cli_from_abroad": 1}) {
		t.Errorf("stats: got %v, want each call once", got)
	}
	// The real call finds its registration.
	v := ts.verify(t, opB, call{A: "+77015550000", B: "+77021234567", At: at, Ingress: "domestic", CallID: "v9"})
	if got := v[0].String(); got != "pass ok" {
		t.Errorf("the real call: got %s, want pass ok", got)
	}
}

// TestClockOffsets: an operator whose clock runs 6 s ahead still gets its
// calls matched, and GET /v1/calls/stats and /metrics show the drift with a
// warning, before it passes the 10 s tolerance.
func TestClockOffsets(t *testing.T) {
	ts := newTestServer(t)
	opA, idA := ts.newOperator(t, "Operator A", "7701")
	opB, idB := ts.newOperator(t, "Operator B", "7702")
	ahead := testNow().Add(6 * time.Second).UTC().Format(time.RFC3339Nano)
	counts(t, ts.json(t, "POST", "/v1/calls/originated", opA, callBody(t,
		call{A: "+77011234567", B: "+77021234567", At: ahead, CallID: "o1"})), 202)
	if v := ts.verify(t, opB, call{A: "+77011234567", B: "+77021234567", At: now(), Ingress: "domestic"}); v[0].String() != "pass ok" {
		t.Fatalf("got %s, want pass ok: 6 s is within the tolerance", v[0])
	}
	var st struct {
		ClockOffsets []struct {
			OrgID    int64   `json:"org_id"`
			OffsetMS float64 `json:"offset_ms"`
			Warning  bool
		} `json:"clock_offsets"`
	}
	b, _ := json.Marshal(ts.callStats(t, ""))
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	if len(st.ClockOffsets) != 2 {
		t.Fatalf("got offsets %+v, want A's and B's", st.ClockOffsets)
	}
	for _, o := range st.ClockOffsets {
		switch o.OrgID {
		case idA:
			if !o.Warning || o.OffsetMS < 5000 || o.OffsetMS > 6100 {
				t.Errorf("operator A: got %+v, want about +6000 ms and a warning", o)
			}
		case idB:
			if o.Warning || o.OffsetMS > 500 || o.OffsetMS < -500 {
				t.Errorf("operator B: got %+v, want about 0 and no warning", o)
			}
		default:
			t.Errorf("an offset of organisation %d", o.OrgID)
		}
	}
	m := ts.do(t, "GET", "/metrics", "", "", nil)
	gauge := fmt.Sprintf(`kuzet_telecom_clock_offset_seconds{org_id="%d"} `, idA)
	_, rest, found := strings.Cut(string(m.body), gauge)
	value, _, _ := strings.Cut(rest, "\n")
	if v, err := strconv.ParseFloat(value, 64); !found || err != nil || v < 5 || v > 6.1 {
		t.Errorf("/metrics: got %s%q, want about 6", gauge, value)
	}
}

// TestTargetedSignal: a blocked call never connected, so it puts the
// callee on no call; it says someone is after them (targeted), which a
// payment check weighs on its own. A call that passed unverified keeps
// unverified.
func TestTargetedSignal(t *testing.T) {
	ts := newTestServer(t)
	ts.newOperator(t, "Operator A", "7701")
	opB, _ := ts.newOperator(t, "Operator B", "7702")
	bank := ts.keys[kuzet.OrgBank]
	const victim, other = "+77021230001", "+77021230002"
	v := ts.verify(t, opB,
		call{A: "+77015550000", B: victim, At: now(), Ingress: "domestic"}, // spoofed: blocked
		call{A: "+77031234567", B: other, At: now(), Ingress: "domestic"})  // unconnected: passes
	if v[0].String() != "block not_originated" || v[1].String() != "pass unverifiable" {
		t.Fatalf("got %v, want a block and an unverifiable pass", v)
	}
	signal := func(msisdn string) map[string]any {
		r := ts.do(t, "GET", "/v1/signals/active-call?msisdn=%2B"+msisdn[1:], bank, "", nil)
		if r.status != 200 {
			t.Fatalf("signal: got %d %s", r.status, r.body)
		}
		return r.json(t)
	}
	for _, tc := range []struct {
		msisdn string
		want   map[string]any
	}{
		{victim, map[string]any{"active": false, "foreign": false, "unverified": false, "first_time": false, "flagged": false, "targeted": true}},
		{other, map[string]any{"active": true, "foreign": false, "unverified": true, "first_time": true, "flagged": false, "targeted": false}},
	} {
		if got := signal(tc.msisdn); !maps.Equal(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.msisdn, got, tc.want)
		}
	}
	// The victim's first payment to someone new carries the attempt.
	d := ts.check(t, bank, payBody("t1", victim, synth.KZIBAN("914", "0000000006666"), 50000))
	if !slices.Contains(d.codes(), "targeted_new_payee") || d.Decision == "allow" {
		t.Errorf("payment of the targeted customer: got %s %v, want targeted_new_payee weighed", d.Decision, d.codes())
	}
}
