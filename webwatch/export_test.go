package webwatch_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/webwatch"
)

// exportRequest makes a request of two findings, one with a certificate
// and notes that a spreadsheet would take for a formula, and answers one.
func exportRequest(t *testing.T) *kuzet.BlockingRequest {
	t.Helper()
	tw := newTestService(t)
	ctx := context.Background()
	cert := &kuzet.WebCertificate{Issuer: "CN=Test CA,O=Test", Subject: "halyk-bonus.com", Serial: "0a1b",
		NotBefore: t0.Add(-time.Hour), NotAfter: t0.Add(90 * 24 * time.Hour), SANs: []string{"halyk-bonus.com", "www.halyk-bonus.com"},
		SANCount: 2, SHA256: "ab12", Log: "https://ct.example/log", LogIndex: 42}
	res, err := tw.Submit(ctx, webwatch.Submission{Source: kuzet.WebSourceCT, Items: []webwatch.SubmitItem{
		{Value: "halyk-bonus.com", Certificate: cert},
		{Value: "https://kаspi.kz/login"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, sf := range res.Findings {
		ids = append(ids, sf.Finding.ID)
	}
	if _, err := tw.Confirm(ctx, ids[0], webwatch.Triage{OrgID: police, Notes: "=HYPERLINK(\"http://x\")"}); err != nil {
		t.Fatal(err)
	}
	if _, err := tw.Confirm(ctx, ids[1], webwatch.Triage{OrgID: police, Category: kuzet.CategoryFakeShop}); err != nil {
		t.Fatal(err)
	}
	tw.now = t0.Add(time.Hour)
	br, err := tw.CreateBlockingRequest(ctx, police, ids, "wave of 2 March")
	if err != nil {
		t.Fatal(err)
	}
	tw.now = t0.Add(2 * time.Hour)
	if _, err := tw.ReportBlockingStatus(ctx, regulator, br.Request.ID, []webwatch.StatusUpdate{
		{FindingID: ids[1], Status: kuzet.BlockingBlocked, Note: "-done"},
	}); err != nil {
		t.Fatal(err)
	}
	r, err := tw.BlockingRequest(ctx, br.Request.ID)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestWriteBlockingCSV(t *testing.T) {
	r := exportRequest(t)
	var buf bytes.Buffer
	if err := webwatch.WriteBlockingCSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("got %d rows, want a header and 2", len(rows))
	}
	if !reflect.DeepEqual(rows[0], webwatch.BlockingCSVHeader) {
		t.Errorf("got header %v, want %v", rows[0], webwatch.BlockingCSVHeader)
	}
	col := func(row int, name string) string {
		for i, h := range rows[0] {
			if h == name {
				return rows[row][i]
			}
		}
		t.Fatalf("no column %q", name)
		return ""
	}
	tests := []struct {
		row        int
		name, want string
	}{
		{1, "request_id", "1"},
		{1, "request_created_at", "2026-03-02T10:00:00Z"},
		{1, "domain", "halyk-bonus.com"},
		{1, "brand", "halyk"},
		{1, "verdict", "lookalike"},
		{1, "source", "ct"},
		{1, "category", "phishing_site"},
		{1, "cert_issuer", "CN=Test CA,O=Test"},
		{1, "cert_not_before", "2026-03-02T08:00:00Z"},
		{1, "cert_sans", "halyk-bonus.com www.halyk-bonus.com"},
		{1, "ct_log", "https://ct.example/log"},
		{1, "ct_index", "42"},
		{1, "analyst_notes", "'=HYPERLINK(\"http://x\")"},
		{1, "decided_by", "3"},
		{1, "status", "pending"},
		{1, "status_at", ""},
		{2, "domain", "xn--kspi-53d.kz"},
		{2, "unicode", "kаspi.kz"},
		{2, "url", "https://xn--kspi-53d.kz/login"},
		{2, "category", "fake_shop"},
		{2, "cert_issuer", ""},
		{2, "ct_index", ""},
		{2, "status", "blocked"},
		{2, "status_at", "2026-03-02T11:00:00Z"},
		{2, "regulator_note", "'-done"},
	}
	for _, tc := range tests {
		if got := col(tc.row, tc.name); got != tc.want {
			t.Errorf("row %d %s: got %q, want %q", tc.row, tc.name, got, tc.want)
		}
	}
	if got := col(1, "methods"); got == "" {
		t.Error("got no methods, want the scorer's")
	}
}

func TestWriteBlockingJSON(t *testing.T) {
	r := exportRequest(t)
	var buf bytes.Buffer
	if err := webwatch.WriteBlockingJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	var back kuzet.BlockingRequest
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, r) {
		t.Errorf("got %+v, want %+v", back, *r)
	}
	// The field names are the contract with the regulator.
	var raw map[string]any
	if err := json.Unmarshal(buf.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	item := raw["items"].([]any)[0].(map[string]any)
	ev := item["evidence"].(map[string]any)
	for _, key := range []string{"brand", "verdict", "score", "methods", "source", "first_seen", "last_seen", "certificate", "notes", "decided_by"} {
		if _, ok := ev[key]; !ok {
			t.Errorf("got evidence %v, want key %q", ev, key)
		}
	}
	for _, key := range []string{"finding_id", "domain", "category", "status"} {
		if _, ok := item[key]; !ok {
			t.Errorf("got item %v, want key %q", item, key)
		}
	}
	if raw["created_by"] != float64(police) {
		t.Errorf("got created_by %v, want %d", raw["created_by"], police)
	}
}
