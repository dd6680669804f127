package httpapi_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/simbox"
	"github.com/kuzet/kuzet/synth"
)

// MustSimbox returns a started SIM-box service over store, spooling to a
// temporary directory, reading clock.
func MustSimbox(tb testing.TB, store kuzet.Store, reg *registry.Service, audit kuzet.Auditor, clock kuzet.Clock) *simbox.Service {
	tb.Helper()
	svc, err := simbox.NewService(simbox.Config{
		Clock: clock, Store: store, Registry: reg, Audit: audit, Spool: tb.TempDir(), Workers: 2,
		Poll: 50 * time.Millisecond, ProgressEvery: 10 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		tb.Fatal(err)
	}
	if err := svc.Start(context.Background()); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { svc.Close() })
	return svc
}

// cdrExtract is a small simulated extract with SIM boxes in it.
func cdrExtract(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := synth.WriteCDR(&buf, synth.CDRConfig{Subscribers: 300, Days: 4, Seed: 3, BoxShare: 0.05}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type cdrUpload struct {
	BatchID   int64  `json:"batch_id"`
	Status    string `json:"status"`
	Bytes     int64  `json:"bytes"`
	Gzip      bool   `json:"gzip"`
	Duplicate bool   `json:"duplicate"`
}

func (ts *testServer) uploadCDR(t *testing.T, key string, body []byte, header ...string) (response, cdrUpload) {
	t.Helper()
	r := ts.do(t, "POST", "/v1/cdr-batches", key, "text/csv", body, header...)
	var u cdrUpload
	if r.status == http.StatusAccepted {
		if err := json.Unmarshal(r.body, &u); err != nil {
			t.Fatal(err)
		}
	}
	return r, u
}

// waitBatch polls a batch until it is analysed.
func (ts *testServer) waitBatch(t *testing.T, key string, id int64) kuzet.CDRBatch {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		r := ts.do(t, "GET", fmt.Sprintf("/v1/cdr-batches/%d", id), key, "", nil)
		var b kuzet.CDRBatch
		if err := json.Unmarshal(r.body, &b); err != nil || r.status != 200 {
			t.Fatalf("batch %d: got %d %s", id, r.status, r.body)
		}
		if b.Status != kuzet.CDRBatchQueued && b.Status != kuzet.CDRBatchAnalysing {
			return b
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("batch %d not analysed after a minute", id)
	return kuzet.CDRBatch{}
}

// newTelco makes another operator and returns its key.
func (ts *testServer) newTelco(t *testing.T, name string) string {
	t.Helper()
	secret, _, err := ts.access.CreateOrg(context.Background(), &kuzet.Org{Name: name, Type: kuzet.OrgTelco})
	if err != nil {
		t.Fatal(err)
	}
	return secret
}

func gzipBytes(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSimboxUploadToRegistry follows an extract from the operator's upload
// to the suspects, a confirmation, and the registry that the operators'
// block lists come from.
func TestSimboxUploadToRegistry(t *testing.T) {
	ts := newTestServer(t)
	telco, police, bank := ts.keys[kuzet.OrgTelco], ts.keys[kuzet.OrgPolice], ts.keys[kuzet.OrgBank]
	data := cdrExtract(t)

	r, up := ts.uploadCDR(t, telco, gzipBytes(t, data), "Content-Encoding", "gzip")
	if r.status != http.StatusAccepted || up.BatchID == 0 || up.Status != "queued" || !up.Gzip || up.Duplicate {
		t.Fatalf("upload: got %d %s, want 202 queued", r.status, r.body)
	}
	if loc := r.header.Get("Location"); loc != fmt.Sprintf("/v1/cdr-batches/%d", up.BatchID) {
		t.Errorf("Location: got %q", loc)
	}
	b := ts.waitBatch(t, telco, up.BatchID)
	if b.Status != kuzet.CDRBatchDone || b.Progress != 1 || b.Partial || b.Rows == 0 || b.Suspects == 0 || b.Simbox == 0 {
		t.Fatalf("batch: got %+v, want done with suspects", b)
	}
	// Another operator does not see it; the police do.
	other := ts.newTelco(t, "Other Telco")
	if r := ts.do(t, "GET", fmt.Sprintf("/v1/cdr-batches/%d", up.BatchID), other, "", nil); r.status != 404 {
		t.Errorf("another operator reading the batch: got %d, want 404", r.status)
	}
	if r := ts.do(t, "GET", "/v1/cdr-batches", other, "", nil); r.status != 200 || !bytes.Contains(r.body, []byte(`"batches":[]`)) {
		t.Errorf("another operator's list: got %d %s, want empty", r.status, r.body)
	}
	if r := ts.do(t, "GET", "/v1/cdr-batches?status=done", police, "", nil); r.status != 200 ||
		!bytes.Contains(r.body, []byte(fmt.Sprintf(`"batch_id":%d`, up.BatchID))) {
		t.Errorf("the police's list: got %d %s, want the batch", r.status, r.body)
	}

	// The same bytes again are the same batch.
	r, again := ts.uploadCDR(t, telco, gzipBytes(t, data))
	if r.status != http.StatusAccepted || again.BatchID != up.BatchID || !again.Duplicate {
		t.Errorf("the same upload again: got %d %s, want batch %d as a duplicate", r.status, r.body, up.BatchID)
	}

	r = ts.do(t, "GET", fmt.Sprintf("/v1/simbox/suspects?batch=%d&verdict=simbox&limit=5", up.BatchID), police, "", nil)
	var list struct{ Suspects []kuzet.SimboxSuspect }
	if err := json.Unmarshal(r.body, &list); err != nil || r.status != 200 || len(list.Suspects) == 0 {
		t.Fatalf("suspects: got %d %s", r.status, r.body)
	}
	s := list.Suspects[0]
	if s.Verdict != kuzet.SimboxVerdictSimbox || s.Status != kuzet.SimboxSuspectOpen || s.BatchID != up.BatchID || len(s.Reasons) == 0 {
		t.Errorf("suspect: got %+v", s)
	}
	// Any spelling of the number finds it.
	national := "8" + strings.TrimPrefix(s.MSISDN, "+7")
	if r := ts.do(t, "GET", "/v1/simbox/suspects?msisdn="+national, police, "", nil); !bytes.Contains(r.body, []byte(s.MSISDN)) {
		t.Errorf("suspects of %s: got %d %s", national, r.status, r.body)
	}
	if a := ts.do(t, "GET", "/v1/indicators/phone/"+s.MSISDN, bank, "", nil).json(t); a["risk"] != "none" {
		t.Fatalf("before the confirmation: got %v, want no risk", a)
	}

	r = ts.json(t, "POST", fmt.Sprintf("/v1/simbox/suspects/%d/confirm", s.ID), police, `{"notes":"box found at the cell"}`)
	var conf struct {
		Suspect  kuzet.SimboxSuspect
		Reported []kuzet.Indicator
	}
	if err := json.Unmarshal(r.body, &conf); err != nil || r.status != 200 || conf.Suspect.Status != kuzet.SimboxSuspectConfirmed ||
		len(conf.Reported) == 0 || conf.Reported[0].Value != s.MSISDN {
		t.Fatalf("confirm: got %d %s", r.status, r.body)
	}
	a := ts.do(t, "GET", "/v1/indicators/phone/"+s.MSISDN, bank, "", nil).json(t)
	if a["risk"] == "none" || !slices.Contains(a["categories"].([]any), any("simbox_sim")) {
		t.Errorf("after the confirmation: got %v, want a simbox_sim risk", a)
	}
	for _, imei := range s.IMEIs {
		if a := ts.do(t, "GET", "/v1/indicators/imei/"+imei, bank, "", nil).json(t); a["risk"] == "none" {
			t.Errorf("IMEI %s after the confirmation: got %v, want a risk", imei, a)
		}
	}
	if r := ts.json(t, "POST", fmt.Sprintf("/v1/simbox/suspects/%d/confirm", s.ID), police, `{}`); r.status != 409 {
		t.Errorf("confirm again: got %d, want 409", r.status)
	}
	if len(list.Suspects) > 1 {
		// A dismissal takes no body.
		if r := ts.do(t, "POST", fmt.Sprintf("/v1/simbox/suspects/%d/dismiss", list.Suspects[1].ID), police, "", nil); r.status != 200 {
			t.Errorf("dismiss: got %d %s", r.status, r.body)
		}
	}
	if r := ts.do(t, "GET", fmt.Sprintf("/v1/simbox/suspects/%d", s.ID), police, "", nil); r.status != 200 ||
		!bytes.Contains(r.body, []byte(`"status":"confirmed"`)) {
		t.Errorf("suspect after the confirmation: got %d %s", r.status, r.body)
	}

	today := testNow().Format(time.DateOnly)
	r = ts.json(t, "POST", "/v1/simbox/seizures", police,
		`{"date":"`+today+`","region":"Almaty","devices":2,"sims":96,"device_ids":["`+s.DeviceID+`"]}`)
	if r.status != 201 {
		t.Fatalf("seizure: got %d %s", r.status, r.body)
	}
	if r := ts.do(t, "GET", "/v1/simbox/seizures?from="+today, police, "", nil); !bytes.Contains(r.body, []byte(`"sims":96`)) {
		t.Errorf("seizures: got %d %s", r.status, r.body)
	}
	var st kuzet.SimboxCounts
	r = ts.do(t, "GET", "/v1/simbox/stats?from="+today, ts.keys[kuzet.OrgRegulator], "", nil)
	if err := json.Unmarshal(r.body, &st); err != nil || r.status != 200 {
		t.Fatalf("stats: got %d %s", r.status, r.body)
	}
	if st.Batches != 1 || st.Suspects != b.Suspects || st.Confirmed != 1 || st.DevicesSeized != 2 || st.SIMsSeized != 96 {
		t.Errorf("stats: got %+v, want 1 batch, %d suspects, 1 confirmed, 2 devices and 96 SIMs seized", st, b.Suspects)
	}
}

func TestSimboxUploadRejected(t *testing.T) {
	ts := newTestServer(t)
	telco := ts.keys[kuzet.OrgTelco]
	data := cdrExtract(t)
	gz := gzipBytes(t, data)
	for _, tc := range []struct {
		name   string
		ctype  string
		body   []byte
		header []string
		query  string
		status int
		field  string
	}{
		{"no header", "text/csv", data[bytes.IndexByte(data, '\n')+1:], nil, "", 400, "header"},
		{"missing columns", "text/csv", []byte("record_type,start_time,msisdn\nMOC,2026-10-05T08:00:00Z,77011234567\n"), nil, "", 400, "header"},
		{"empty", "text/csv", nil, nil, "", 400, "header"},
		{"truncated gzip", "text/csv", gz[:len(gz)/2], nil, "", 400, ""},
		{"declared gzip, is not", "text/csv", data, []string{"Content-Encoding", "gzip"}, "", 400, "Content-Encoding"},
		{"unknown encoding", "text/csv", data, []string{"Content-Encoding", "br"}, "", 415, "Content-Encoding"},
		{"JSON", "application/json", []byte(`{}`), nil, "", 415, "Content-Type"},
		{"no content type", "", data, nil, "", 415, "Content-Type"},
		{"bad mapping", "text/csv", data, nil, "?map=when=CALL_START", 400, "map"},
		{"mapped away", "text/csv", data, nil, "?map=start_time=CALL_START", 400, "header"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ts.do(t, "POST", "/v1/cdr-batches"+tc.query, telco, tc.ctype, tc.body, tc.header...)
			if r.status != tc.status {
				t.Fatalf("got %d %s, want %d", r.status, r.body, tc.status)
			}
			p := r.json(t)
			if tc.field != "" {
				errs, _ := p["errors"].([]any)
				if len(errs) == 0 || errs[0].(map[string]any)["field"] != tc.field {
					t.Errorf("got errors %v, want field %s", p["errors"], tc.field)
				}
			}
		})
	}
	// A body that is not CSV text is refused before any batch is made,
	// saying what it looks like, never echoing it.
	for name, body := range map[string]string{
		"an image": "\x89PNG\r\n\x1a\nSECRET-1234\x00\x01",
		"a PDF":    "%PDF-1.4\nSECRET-1234\n",
		"HTML":     "<!DOCTYPE html><html><body>SECRET-1234</body></html>\n",
		"binary":   "SECRET-1234\x00\x01\x02\x03,a,b\n",
	} {
		r := ts.do(t, "POST", "/v1/cdr-batches", telco, "text/csv", []byte(body))
		if r.status != 415 || bytes.Contains(r.body, []byte("SECRET")) {
			t.Errorf("%s: got %d %s, want 415 without its bytes", name, r.status, r.body)
		}
	}
	// Nothing was queued, nothing counted: the batches that were started
	// are all rejected, with their reasons.
	r := ts.do(t, "GET", "/v1/cdr-batches", telco, "", nil)
	var list struct{ Batches []kuzet.CDRBatch }
	if err := json.Unmarshal(r.body, &list); err != nil || len(list.Batches) == 0 {
		t.Fatalf("batches: got %d %s", r.status, r.body)
	}
	for _, b := range list.Batches {
		if b.Status != kuzet.CDRBatchRejected || b.Error == "" || b.Suspects != 0 {
			t.Errorf("batch %d: got %s %q, want rejected with a reason", b.ID, b.Status, b.Error)
		}
	}
}

// rawUpload sends an upload by hand: headers announcing length bytes, then
// body, then it closes the connection (or, if answer is set, reads the
// answer first).
func (ts *testServer) rawUpload(t *testing.T, key string, length int64, body []byte, answer bool) *http.Response {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(ts.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /v1/cdr-batches HTTP/1.1\r\nHost: kuzet\r\nAuthorization: Bearer %s\r\n"+
		"Content-Type: text/csv\r\nContent-Length: %d\r\n\r\n", key, length)
	conn.Write(body)
	if !answer {
		return nil
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func TestSimboxUploadInterrupted(t *testing.T) {
	ts := newTestServer(t)
	telco := ts.keys[kuzet.OrgTelco]
	data := cdrExtract(t)
	// Half the file, then the connection drops.
	ts.rawUpload(t, telco, int64(len(data)), data[:len(data)/2], false)
	deadline := time.Now().Add(time.Minute)
	var list struct{ Batches []kuzet.CDRBatch }
	for time.Now().Before(deadline) {
		r := ts.do(t, "GET", "/v1/cdr-batches", telco, "", nil)
		if err := json.Unmarshal(r.body, &list); err != nil {
			t.Fatal(err)
		}
		if len(list.Batches) == 1 && list.Batches[0].Status != kuzet.CDRBatchUploading {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if len(list.Batches) != 1 {
		t.Fatalf("batches: got %+v, want the one upload", list.Batches)
	}
	b := list.Batches[0]
	if b.Status != kuzet.CDRBatchRejected || !strings.Contains(b.Error, "rejected whole") || b.Rows != 0 || b.Suspects != 0 {
		t.Errorf("interrupted upload: got %s %q rows %d suspects %d, want rejected whole, nothing counted", b.Status, b.Error,
			b.Rows, b.Suspects)
	}
	if r := ts.do(t, "GET", "/v1/simbox/suspects", ts.keys[kuzet.OrgPolice], "", nil); !bytes.Contains(r.body, []byte(`"suspects":[]`)) {
		t.Errorf("suspects after an interrupted upload: got %s, want none", r.body)
	}
	// The whole file afterwards is a batch of its own, and counts.
	r, up := ts.uploadCDR(t, telco, data)
	if r.status != 202 || up.BatchID == b.ID || up.Duplicate {
		t.Fatalf("upload after the interruption: got %d %s", r.status, r.body)
	}
	if got := ts.waitBatch(t, telco, up.BatchID); got.Status != kuzet.CDRBatchDone {
		t.Errorf("upload after the interruption: got %s, want done", got.Status)
	}
}

func TestSimboxUploadOversized(t *testing.T) {
	ts := newTestServer(t)
	// Announced over the limit: refused before a byte of the body is read.
	resp := ts.rawUpload(t, ts.keys[kuzet.OrgTelco], simbox.DefaultMaxUpload+1, nil, true)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	req, _ := http.NewRequest("POST", ts.URL+"/v1/cdr-batches", nil)
	req.Header.Set("Content-Type", "text/csv")
	ts.validate(t, req, resp, body)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !bytes.Contains(body, []byte("over the limit")) {
		t.Errorf("got %d %s, want 413", resp.StatusCode, body)
	}
}

func TestSimboxMalformedRequests(t *testing.T) {
	ts := newTestServer(t)
	police, telco := ts.keys[kuzet.OrgPolice], ts.keys[kuzet.OrgTelco]
	for _, tc := range []struct {
		name, method, path, key, body string
		status                        int
		field                         string
	}{
		{"batch ID not a number", "GET", "/v1/cdr-batches/abc", telco, "", 400, "id"},
		{"unknown batch", "GET", "/v1/cdr-batches/999999", telco, "", 404, ""},
		{"bad batch status", "GET", "/v1/cdr-batches?status=lost", telco, "", 400, "status"},
		{"bad page size", "GET", "/v1/cdr-batches?limit=0", telco, "", 400, "limit"},
		{"bad after", "GET", "/v1/simbox/suspects?after=x", police, "", 400, "after"},
		{"bad verdict", "GET", "/v1/simbox/suspects?verdict=maybe", police, "", 400, "verdict"},
		{"bad suspect status", "GET", "/v1/simbox/suspects?status=open", police, "", 400, "status"},
		{"bad number", "GET", "/v1/simbox/suspects?msisdn=hello", police, "", 400, "msisdn"},
		{"bad batch filter", "GET", "/v1/simbox/suspects?batch=-1", police, "", 400, "batch"},
		{"unknown suspect", "GET", "/v1/simbox/suspects/999999", police, "", 404, ""},
		{"confirm unknown suspect", "POST", "/v1/simbox/suspects/999999/confirm", police, `{}`, 404, ""},
		{"confirm with unknown field", "POST", "/v1/simbox/suspects/1/confirm", police, `{"note":"x"}`, 400, "note"},
		{"dismiss with broken JSON", "POST", "/v1/simbox/suspects/1/dismiss", police, `{"notes":`, 400, ""},
		{"seizure without date", "POST", "/v1/simbox/seizures", police, `{"devices":1}`, 400, "date"},
		{"seizure with a bad date", "POST", "/v1/simbox/seizures", police, `{"date":"yesterday","devices":1}`, 400, "date"},
		{"seizure of nothing", "POST", "/v1/simbox/seizures", police, `{"date":"2026-01-05"}`, 400, "devices"},
		{"seizure with negative SIMs", "POST", "/v1/simbox/seizures", police, `{"date":"2026-01-05","sims":-3}`, 400, "sims"},
		{"seizure oversized", "POST", "/v1/simbox/seizures", police, `{"date":"2026-01-05","devices":1,"notes":"` +
			strings.Repeat("x", 5<<20) + `"}`, 413, ""},
		{"seizures with a bad bound", "GET", "/v1/simbox/seizures?to=soon", police, "", 400, "to"},
		{"stats with a bad bound", "GET", "/v1/simbox/stats?from=last+week", police, "", 400, "from"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctype := ""
			if tc.body != "" {
				ctype = "application/json"
			}
			r := ts.do(t, tc.method, tc.path, tc.key, ctype, []byte(tc.body))
			if r.status != tc.status {
				t.Fatalf("got %d %s, want %d", r.status, r.body, tc.status)
			}
			if tc.field != "" {
				errs, _ := r.json(t)["errors"].([]any)
				if len(errs) == 0 || errs[0].(map[string]any)["field"] != tc.field {
					t.Errorf("got %s, want field %s", r.body, tc.field)
				}
			}
		})
	}
}
