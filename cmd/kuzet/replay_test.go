package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/synth"
)

// replaySession writes a session: a mule reported, a payer paying the same
// payees every half hour for two days (which played on the wall clock would
// trip velocity), a payment to the mule, its outcome by reference, a
// victim's report and its freeze request answered by reference, and lines
// that cannot be played.
func replaySession(t *testing.T) []byte {
	t.Helper()
	mule := synth.KZIBAN("826", "0000000004242")
	start := time.Date(2025, 3, 5, 10, 0, 0, 0, kuzet.Almaty)
	var b bytes.Buffer
	add := func(at time.Time, org, method, path string, body any) {
		line := map[string]any{"at": at.Format(time.RFC3339), "org": org, "method": method, "path": path}
		if body != nil {
			line["body"] = body
		}
		j, err := json.Marshal(line)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(append(j, '\n'))
	}
	add(start, "Police", "POST", "/v1/indicators", map[string]any{"indicators": []any{
		map[string]any{"kind": "iban", "value": mule, "category": "mule_account", "confidence": 0.95}}})
	at := start
	for i := range 96 {
		at = start.Add(time.Duration(i) * 30 * time.Minute)
		add(at, "Bank One", "POST", "/v1/payments/check", map[string]any{
			"payment_id": fmt.Sprintf("p%d", i), "amount": 5000, "currency": "KZT",
			"payer": map[string]any{"customer_id": "c1"},
			"payee": map[string]any{"iban": synth.KZIBAN("722", fmt.Sprintf("%013d", i%3))}})
	}
	add(at, "Bank One", "POST", "/v1/payments/check", map[string]any{ // line 98
		"payment_id": "scam", "amount": 400000, "currency": "KZT", "payer": map[string]any{"customer_id": "c2"},
		"payee": map[string]any{"iban": mule}})
	add(at.Add(time.Hour), "Bank One", "POST", "/v1/payments/$98.check_id/outcome", map[string]any{"outcome": "fraud_confirmed"})
	add(at.Add(time.Hour), "Bank One", "POST", "/v1/payments/chk_r2/outcome", map[string]any{"outcome": "legitimate"})
	add(at.Add(2*time.Hour), "Police", "POST", "/v1/reports", map[string]any{ // line 101
		"victim": map[string]any{"name": "V"}, "amount_lost": 1000, "currency": "KZT",
		"transfers": []any{map[string]any{"to_iban": mule, "amount": 1000, "at": at.Format(time.RFC3339)}}})
	add(at.Add(3*time.Hour), "Bank Two", "POST", "/v1/freeze-requests/$101.freeze_requests.0.id/response",
		map[string]any{"status": "frozen", "frozen_amount": 1000})
	add(at.Add(3*time.Hour), "Nobody", "GET", "/v1/payments/checks", nil)
	b.WriteString("{not json\n")
	add(at.Add(3*time.Hour), "Bank One", "GET", "/v1/payments/$7.nothing", nil)
	return b.Bytes()
}

func TestReplay(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	orgAdd(t, data, "--name", "Bank One", "--type", "bank", "--bic", "BANKKZKA", "--bank-code", "722")
	orgAdd(t, data, "--name", "Bank Two", "--type", "bank", "--bic", "BANKKZKB", "--bank-code", "826")
	orgAdd(t, data, "--name", "Police", "--type", "police")
	session := replaySession(t)
	plain := filepath.Join(dir, "session.jsonl")
	must(t, os.WriteFile(plain, session, 0o600))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(session)
	zw.Close()
	zipped := filepath.Join(dir, "session.jsonl.gz")
	must(t, os.WriteFile(zipped, gz.Bytes(), 0o600))

	replayOnce := func(in, out string, more ...string) []byte {
		t.Helper()
		env, _, errb := testEnv()
		if code := run(context.Background(), env, append([]string{"replay", "--data", data, "--in", in, "--out", out}, more...)); code != 0 {
			t.Fatalf("replay: exit %d: %s", code, errb)
		}
		if !strings.Contains(errb.String(), "105 lines") || !strings.Contains(errb.String(), "3 not played") {
			t.Errorf("progress: got %q, want the lines counted", errb)
		}
		b, err := os.ReadFile(out)
		must(t, err)
		return b
	}
	first := replayOnce(plain, filepath.Join(dir, "a1.jsonl"))
	checksFile := filepath.Join(dir, "checks.jsonl")
	second := replayOnce(zipped, filepath.Join(dir, "a2.jsonl"), "--checks", checksFile)
	if !bytes.Equal(first, second) {
		t.Errorf("two replays of one session differ")
	}
	// --checks: the stored checks, by the answers' IDs, with their signals.
	stored := map[string]bool{}
	cb, err := os.ReadFile(checksFile)
	must(t, err)
	for l := range strings.SplitSeq(strings.TrimSpace(string(cb)), "\n") {
		var rec kuzet.CheckRecord
		if err := json.Unmarshal([]byte(l), &rec); err != nil || !strings.HasPrefix(rec.ID, "chk_r") || rec.Signals["amount"] <= 0 {
			t.Fatalf("--checks line %q: %v", l, err)
		}
		stored[rec.ID] = true
	}
	for _, m := range regexp.MustCompile(`"check_id":"(chk_r[0-9]+)"`).FindAllSubmatch(first, -1) {
		if !stored[string(m[1])] {
			t.Errorf("--checks: no %s, which an answer names", m[1])
		}
	}
	if len(stored) < 10 {
		t.Errorf("--checks: %d checks", len(stored))
	}

	type answer struct {
		Line   int
		Status int
		Body   map[string]any
		Error  string
	}
	var answers []answer
	for l := range strings.SplitSeq(strings.TrimSpace(string(first)), "\n") {
		var a answer
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatalf("answer line %q: %v", l, err)
		}
		answers = append(answers, a)
	}
	if len(answers) != 105 {
		t.Fatalf("answers: got %d, want 105", len(answers))
	}
	for i, a := range answers {
		if a.Line != i+1 {
			t.Fatalf("answer %d: got line %d", i, a.Line)
		}
	}
	// In event time, a payment every half hour is no burst.
	for _, a := range answers[1:97] {
		if a.Status != 200 || a.Body["decision"] == "hold" || a.Body["decision"] == "block" ||
			strings.Contains(fmt.Sprint(a.Body["reasons"]), "velocity") {
			t.Fatalf("line %d: got %d %v, want an allowed payment without velocity", a.Line, a.Status, a.Body)
		}
	}
	if a := answers[1]; a.Body["check_id"] != "chk_r1" {
		t.Errorf("first check: got ID %v, want chk_r1", a.Body["check_id"])
	}
	if a := answers[97]; a.Body["decision"] != "block" && a.Body["decision"] != "hold" {
		t.Errorf("payment to the mule: got %v", a.Body)
	}
	if a := answers[98]; a.Status != 200 || a.Body["check_id"] != "chk_r97" || a.Body["prevented_loss"] == nil {
		t.Errorf("outcome by reference: got %d %v", a.Status, a.Body)
	}
	if a := answers[99]; a.Status != 200 || a.Body["check_id"] != "chk_r2" {
		t.Errorf("outcome by alias: got %d %v", a.Status, a.Body)
	}
	if a := answers[101]; a.Status != 200 || !strings.Contains(fmt.Sprint(a.Body["freeze_request"]), "status:frozen") {
		t.Errorf("freeze answer by reference: got %d %v", a.Status, a.Body)
	}
	for _, i := range []int{102, 103, 104} {
		if a := answers[i]; a.Status != 0 || a.Error == "" {
			t.Errorf("line %d: got %d %v, want not played", a.Line, a.Status, a.Body)
		}
	}
	if a := answers[102]; !strings.Contains(a.Error, "Nobody") {
		t.Errorf("unknown organisation: got %q", a.Error)
	}

	// DIR was only read.
	store, err := openStore(context.Background(), data, "")
	must(t, err)
	defer store.Close()
	err = kuzet.Transact(context.Background(), store, false, func(tx kuzet.Tx) error {
		checks, err := tx.FindChecks(context.Background(), kuzet.CheckFilter{OrgID: 1})
		if len(checks) != 0 {
			t.Errorf("checks in DIR after the replay: got %d, want none", len(checks))
		}
		return err
	})
	must(t, err)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// BenchmarkReplay plays b.N payment checks of 20,000 payers to 50,000
// payees, one every 50 ms of event time, through a whole replay (start,
// decide, store, answer) and reports checks a second:
//
//	go test -run - -bench Replay -benchtime 200000x ./cmd/kuzet
func BenchmarkReplay(b *testing.B) {
	dir := b.TempDir()
	data := filepath.Join(dir, "data")
	env, _, errb := testEnv()
	if code := run(context.Background(), env, []string{"org", "add", "--data", data, "--name", "Bank One", "--type", "bank",
		"--bic", "BANKKZKA", "--bank-code", "722"}); code != 0 {
		b.Fatalf("org add: %s", errb)
	}
	payees := make([]string, 50_000)
	for i := range payees {
		payees[i] = synth.KZIBAN("914", fmt.Sprintf("%013d", i))
	}
	in := filepath.Join(dir, "session.jsonl")
	f, err := os.Create(in)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	w := bufio.NewWriter(f)
	for i := range b.N {
		at := start.Add(time.Duration(i) * 50 * time.Millisecond)
		fmt.Fprintf(w, `{"at":%q,"org":"Bank One","method":"POST","path":"/v1/payments/check","body":{"payment_id":"p%d",`+
			`"amount":%d,"currency":"KZT","payer":{"customer_id":"c%d","device_id":"d%d"},"payee":{"iban":%q}}}`+"\n",
			at.Format(time.RFC3339Nano), i, 1000+i%9000, i%20_000, i%20_000, payees[(i*7919)%len(payees)])
	}
	if err := errors.Join(w.Flush(), f.Close()); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	env, _, errb = testEnv()
	if code := run(context.Background(), env, []string{"replay", "--data", data, "--in", in, "--out",
		filepath.Join(dir, "answers.jsonl"), "--quiet"}); code != 0 {
		b.Fatalf("replay: %s", errb)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "checks/s")
}

// FuzzReplayLine: no session line makes the reader or the ID rewriting
// panic, and rewriting an answer twice changes nothing more.
func FuzzReplayLine(f *testing.F) {
	f.Add([]byte(`{"at":"2025-03-05T10:00:00+05:00","org":"Bank One","method":"POST","path":"/v1/payments/$3.check_id/outcome","body":{"outcome":"legitimate"}}`))
	f.Add([]byte(`{"check_id":"chk_abcdefgh_1z","id":"rep_abcdefghijklmnop","x":"young_payee"}`))
	f.Add([]byte(`{"at":"x"}`))
	f.Add([]byte(` {"at":"2025-03-01T00:00:00.05Z","org":"Bank One","method":"POST","path":"/v1/payments/check","body":{"a":["}",{"b":"\"]"}]}} `))
	f.Add([]byte(`{"at":"2025-03-01T00:00:00Z","method":"POST","path":"/x","content_type":"application/xml","accept":"application/xml","body":"<a/>"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var ln, slow replayLine
		_ = decodeReplayLine(b, &ln)
		var fast replayLine
		if scanReplayLine(b, &fast) {
			// What the fast path reads, encoding/json reads the same.
			if err := json.Unmarshal(b, &slow); err != nil || !reflect.DeepEqual(fast, slow) {
				t.Fatalf("%q: scanned %+v, encoding/json %+v (%v)", b, fast, slow, err)
			}
		}
		a := newIDAliases()
		once := a.rewrite(b)
		if twice := a.rewrite(once); !bytes.Equal(once, twice) && !bytes.Contains(b, []byte("_r")) {
			t.Errorf("rewrite is not stable: %q, then %q", once, twice)
		}
		a.unalias(once)
		r := &replayer{ids: a, answers: map[int]json.RawMessage{1: b}, checks: map[int]string{}}
		r.resolve("/v1/x/$1.a.0.b")
	})
}

// TestReplayCallsInEventTime: a recorded call is verified at its own time,
// not the wall clock's, and puts the payer on the call for the check that
// follows it.
func TestReplayCallsInEventTime(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	orgAdd(t, data, "--name", "Bank One", "--type", "bank", "--bic", "BANKKZKA", "--bank-code", "722")
	orgAdd(t, data, "--name", "Operator A", "--type", "telco", "--prefixes", "7701,7702")
	at := time.Date(2025, 3, 5, 10, 0, 0, 0, kuzet.Almaty)
	lines := []map[string]any{
		{"at": at.Format(time.RFC3339), "org": "Operator A", "method": "POST", "path": "/v1/calls/verify",
			"body": map[string]any{"calls": []any{map[string]any{"a": "+447700900555", "b": "+77011000003",
				"at": at.Format(time.RFC3339), "call_id": "c1", "ingress": "international"}}}},
		{"at": at.Add(5 * time.Minute).Format(time.RFC3339), "org": "Bank One", "method": "POST", "path": "/v1/payments/check",
			"body": map[string]any{"payment_id": "p1", "amount": 900000, "currency": "KZT",
				"payer": map[string]any{"phone": "+77011000003"}, "payee": map[string]any{"iban": synth.KZIBAN("914", "0000000005555")}}},
	}
	var b bytes.Buffer
	for _, l := range lines {
		j, err := json.Marshal(l)
		must(t, err)
		b.Write(append(j, '\n'))
	}
	in, out := filepath.Join(dir, "s.jsonl"), filepath.Join(dir, "a.jsonl")
	must(t, os.WriteFile(in, b.Bytes(), 0o600))
	env, _, errb := testEnv()
	if code := run(context.Background(), env, []string{"replay", "--quiet", "--data", data, "--in", in, "--out", out}); code != 0 {
		t.Fatalf("replay: exit %d: %s", code, errb)
	}
	got, err := os.ReadFile(out)
	must(t, err)
	answers := strings.Split(strings.TrimSpace(string(got)), "\n")
	if len(answers) != 2 || strings.Contains(answers[0], `"error"`) || !strings.Contains(answers[0], `"verdict":"pass"`) {
		t.Fatalf("the call: got %s, want it verified in event time", got)
	}
	if !strings.Contains(answers[1], "active_call_foreign") {
		t.Errorf("the check after the call: got %s, want active_call_foreign among its reasons", answers[1])
	}
}
