package httpapi_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/synth"
)

// victimReport is a report of one transfer to iban at the bank bic.
func victimReport(iban, bic string) string {
	return fmt.Sprintf(`{"victim":{"name":"Test Victim","phone":"87011000009","region":"Almaty"},"channel":"phone_call",
		"scheme":"fake_bank_security","description":"a caller posing as the bank","amount_lost":50000,"currency":"KZT",
		"transfers":[{"from_bank_bic":"BANKKZKA","to_iban":%q,"to_bank_bic":%q,"amount":50000,"at":%q}]}`, iban, bic, now())
}

// post sends a JSON POST from any goroutine: it returns errors instead of
// failing the test.
func (ts *testServer) post(path, key, body string, header ...string) (response, error) {
	req, err := http.NewRequest("POST", ts.URL+path, strings.NewReader(body))
	if err != nil {
		return response{}, err
	}
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header, b}, err
}

// TestConcurrentRetriesRaiseFreezeRequestsOnce: a victim's report sent many
// times at once under one Idempotency-Key is filed once. One request runs;
// the others are told it is in flight or get its answer; the receiving bank
// gets one freeze request.
func TestConcurrentRetriesRaiseFreezeRequestsOnce(t *testing.T) {
	ts := newTestServer(t)
	police := ts.keys[kuzet.OrgPolice]
	two, _ := ts.newBank(t, "Bank Two", "BANKKZKB", "826")
	body := victimReport(synth.KZIBAN("826", "0000000004242"), "BANKKZKB")
	// Filing takes a while, as on a busy store: the retries arrive while
	// the first is being filed, whatever the machine's speed.
	ts.payments.slow.Store(int64(50 * time.Millisecond))

	const n = 12
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		answers []response
		errs    []error
	)
	start := make(chan struct{})
	for range n {
		wg.Go(func() {
			<-start
			r, err := ts.post("/v1/reports", police, body, "Idempotency-Key", "victim-0001")
			mu.Lock()
			defer mu.Unlock()
			answers, errs = append(answers, r), append(errs, err)
		})
	}
	close(start)
	wg.Wait()

	var first []byte
	fresh, replayed, inFlight := 0, 0, 0
	for i, r := range answers {
		switch {
		case errs[i] != nil:
			t.Fatal(errs[i])
		case r.status == 201 && r.header.Get("Idempotent-Replayed") == "":
			fresh++
			first = r.body
		case r.status == 201:
			replayed++
		case r.status == 409 && strings.Contains(string(r.body), "still being answered"):
			inFlight++
		default:
			t.Errorf("got %d %s, want 201 or 409 in flight", r.status, r.body)
		}
	}
	if fresh != 1 || fresh+replayed+inFlight != n {
		t.Fatalf("of %d concurrent retries: %d ran, %d replayed, %d in flight; want exactly one run", n, fresh, replayed, inFlight)
	}
	again, err := ts.post("/v1/reports", police, body, "Idempotency-Key", "victim-0001")
	if err != nil || again.status != 201 || again.header.Get("Idempotent-Replayed") != "true" || !bytes.Equal(again.body, first) {
		t.Errorf("a retry after the answer: got %d %s %v, want the first answer replayed", again.status, again.body, err)
	}
	if got := ts.inbox(t, two, "open"); len(got) != 1 {
		t.Errorf("freeze requests at the receiving bank: got %d, want 1", len(got))
	}
}

// TestRefusedRequestGivesItsKeyBack: a request refused as invalid does not
// use up its Idempotency-Key; the corrected request runs under it.
func TestRefusedRequestGivesItsKeyBack(t *testing.T) {
	ts := newTestServer(t)
	police := ts.keys[kuzet.OrgPolice]
	ts.newBank(t, "Bank Two", "BANKKZKB", "826")
	good := victimReport(synth.KZIBAN("826", "0000000004242"), "BANKKZKB")
	for _, bad := range []struct {
		name, contentType, body string
		status                  int
	}{
		{"undecodable", "application/json", `{"victim":`, 400},
		{"invalid", "application/json", `{"victim":{"name":"","phone":"x"}}`, 400},
		{"wrong content type", "text/plain", good, 415},
	} {
		key := "k-" + strings.ReplaceAll(bad.name, " ", "-")
		problem(t, ts.do(t, "POST", "/v1/reports", police, bad.contentType, []byte(bad.body), "Idempotency-Key", key), bad.status)
		r := ts.do(t, "POST", "/v1/reports", police, "application/json", []byte(good), "Idempotency-Key", key)
		if r.status != 201 || r.header.Get("Idempotent-Replayed") != "" {
			t.Errorf("%s, then corrected under the same key: got %d %s, want it filed", bad.name, r.status, r.body)
		}
	}
	for name, key := range map[string]string{"empty": "", "control characters": "a\tb", "too long": strings.Repeat("x", 300)} {
		p := problem(t, ts.do(t, "POST", "/v1/reports", police, "application/json", []byte(good), "Idempotency-Key", key), 400)
		if errs, _ := p["errors"].([]any); len(errs) != 1 || errs[0].(map[string]any)["field"] != "Idempotency-Key" {
			t.Errorf("%s key: got %v, want field Idempotency-Key", name, p["errors"])
		}
	}
}

// TestNoTestingCodeInProduction keeps net/http/httptest and testing out of
// the server's own dependencies.
func TestNoTestingCodeInProduction(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/kuzet/kuzet/httpapi").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if dep == "net/http/httptest" || dep == "testing" {
			t.Errorf("httpapi depends on %s", dep)
		}
	}
}
