package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet/synth"
)

// uploadCDR posts an extract, gzip-compressed, and returns the batch ID.
func uploadCDR(t *testing.T, m *Main, key string, data []byte) int64 {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(data)
	zw.Close()
	req, _ := http.NewRequest("POST", m.URL()+"/v1/cdr-batches", &buf)
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "text/csv")
	req.Header.Set("Content-Encoding", "gzip")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v struct {
		BatchID int64 `json:"batch_id"`
	}
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &v); err != nil || resp.StatusCode != 202 {
		t.Fatalf("upload: got %d %s, want 202", resp.StatusCode, b)
	}
	return v.BatchID
}

// analysed polls a batch until it is no longer queued or analysing.
func analysed(t *testing.T, m *Main, key string, id int64) map[string]any {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		status, b := call(t, "GET", fmt.Sprintf("%s/v1/cdr-batches/%d", m.URL(), id), key, "")
		if status != 200 {
			t.Fatalf("batch %d: got %d %v", id, status, b)
		}
		if b["status"] != "queued" && b["status"] != "analysing" {
			return b
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("batch %d not analysed in two minutes", id)
	return nil
}

func simboxExtract(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := synth.WriteCDR(&buf, synth.CDRConfig{Subscribers: 300, Days: 4, Seed: 11, BoxShare: 0.05}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// simboxPath uploads, waits, confirms the first simbox suspect and checks
// the registry, on a running server; it returns the batch and the number.
func simboxPath(t *testing.T, m *Main, telco, police, bank string, data []byte) (int64, string) {
	t.Helper()
	id := uploadCDR(t, m, telco, data)
	if b := analysed(t, m, telco, id); b["status"] != "done" || b["suspects"] == 0.0 {
		t.Fatalf("batch: got %v, want done with suspects", b)
	}
	status, list := call(t, "GET", fmt.Sprintf("%s/v1/simbox/suspects?batch=%d&verdict=simbox&limit=1", m.URL(), id), police, "")
	suspects, _ := list["suspects"].([]any)
	if status != 200 || len(suspects) != 1 {
		t.Fatalf("suspects: got %d %v", status, list)
	}
	s := suspects[0].(map[string]any)
	msisdn := s["msisdn"].(string)
	if status, body := call(t, "POST", fmt.Sprintf("%s/v1/simbox/suspects/%v/confirm", m.URL(), s["id"]), police, `{}`); status != 200 {
		t.Fatalf("confirm: got %d %v", status, body)
	}
	if status, a := call(t, "GET", m.URL()+"/v1/indicators/phone/"+msisdn, bank, ""); status != 200 || a["risk"] == "none" {
		t.Fatalf("registry after the confirmation: got %d %v, want a risk", status, a)
	}
	return id, msisdn
}

func TestSimboxAcrossRestart(t *testing.T) {
	data := t.TempDir()
	telco := orgAdd(t, data, "--name", "Kcell", "--type", "telco")
	police := orgAdd(t, data, "--name", "Police", "--type", "police")
	bank := orgAdd(t, data, "--name", "Bank", "--type", "bank")
	extract := simboxExtract(t)

	m := MustRunMain(t, data)
	id, msisdn := simboxPath(t, m, telco, police, bank, extract)
	// An upload the server stops during, whether queued, being analysed or
	// done by then, is done after the restart: nothing is lost.
	var other bytes.Buffer
	if _, err := synth.WriteCDR(&other, synth.CDRConfig{Subscribers: 300, Days: 4, Seed: 12, BoxShare: 0.05}); err != nil {
		t.Fatal(err)
	}
	second := uploadCDR(t, m, telco, other.Bytes())
	if err := m.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}

	m2 := MustRunMain(t, data)
	if b := analysed(t, m2, telco, second); b["status"] != "done" {
		t.Errorf("the batch of the stop after the restart: got %v, want done", b)
	}
	if b := analysed(t, m2, police, id); b["status"] != "done" {
		t.Errorf("the first batch after the restart: got %v", b)
	}
	if status, a := call(t, "GET", m2.URL()+"/v1/indicators/phone/"+msisdn, bank, ""); status != 200 || a["risk"] == "none" {
		t.Errorf("registry after the restart: got %d %v", status, a)
	}
	status, st := call(t, "GET", m2.URL()+"/v1/simbox/stats", police, "")
	if status != 200 || st["batches"] != 2.0 || st["confirmed"] != 1.0 {
		t.Errorf("stats: got %d %v, want 2 batches, 1 confirmed", status, st)
	}
	uploads, err := filepath.Glob(filepath.Join(data, "cdr-spool", "cdr-*"))
	if err != nil || len(uploads) != 0 {
		t.Errorf("spool after the analyses: got %v, %v, want no uploads left", uploads, err)
	}
	m2.Close()
	env, out, _ := testEnv()
	if code := run(context.Background(), env, []string{"audit", "verify", "--data", data}); code != 0 {
		t.Fatalf("audit verify: exit %d: %s", code, out)
	}
}

// TestSimboxOnPostgres runs the API path on PostgreSQL, through --db and
// --spool.
func TestSimboxOnPostgres(t *testing.T) {
	base := os.Getenv("KUZET_TEST_POSTGRES")
	if base == "" {
		t.Skip("KUZET_TEST_POSTGRES is not set")
	}
	ctx := context.Background()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	schema := fmt.Sprintf("kuzet_simbox_%d", time.Now().UnixNano())
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	defer admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE")
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	db := u.String()
	keyFile := filepath.Join(t.TempDir(), "kuzet.key")
	key := func(args ...string) string {
		env, out, errb := testEnv()
		if code := run(ctx, env, append([]string{"org", "add", "--db", db, "--key-file", keyFile}, args...)); code != 0 {
			t.Fatalf("org add: exit %d: %s", code, errb)
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		return lines[len(lines)-1]
	}
	telco, police, bank := key("--name", "Kcell", "--type", "telco"), key("--name", "Police", "--type", "police"),
		key("--name", "Bank", "--type", "bank")

	env, _, _ := testEnv()
	m := NewMain(env)
	spool := t.TempDir()
	if err := m.ParseFlags([]string{"--db", db, "--key-file", keyFile, "--addr", "127.0.0.1:0", "--log-level", "error", "--spool", spool}); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(ctx); err != nil {
		m.Close()
		t.Fatal(err)
	}
	defer m.Close()
	simboxPath(t, m, telco, police, bank, simboxExtract(t))
	// The spool carries its node's name, wherever it is mounted next.
	id, err := os.ReadFile(filepath.Join(spool, "node"))
	if err != nil || m.Simbox.Node() == "" || strings.TrimSpace(string(id)) != m.Simbox.Node() {
		t.Errorf("node %q, spool's node file %q (%v): want them the same", m.Simbox.Node(), id, err)
	}
}

func TestSimboxFlags(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"SQLite", []string{"--data", "/srv/kuzet"}, "/srv/kuzet/cdr-spool"},
		{"given", []string{"--data", "/srv/kuzet", "--spool", "/big/disk"}, "/big/disk"},
		{"PostgreSQL", []string{"--db", "postgres://db/kuzet"}, filepath.Join(os.TempDir(), "kuzet-cdr-")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env, _, _ := testEnv()
			m := NewMain(env)
			if err := m.ParseFlags(tc.args); err != nil {
				t.Fatal(err)
			}
			if got := m.Config.spool(); !strings.HasPrefix(got, tc.want) {
				t.Errorf("spool: got %s, want %s…", got, tc.want)
			}
			if m.Config.CDR.MaxUpload != 20<<30 {
				t.Errorf("max upload: got %d, want 20 GiB", m.Config.CDR.MaxUpload)
			}
		})
	}
	env, _, _ := testEnv()
	m := NewMain(env)
	if err := m.ParseFlags([]string{"--max-upload", "1048576", "--cdr-workers", "1"}); err != nil {
		t.Fatal(err)
	}
	if m.Config.CDR.MaxUpload != 1<<20 || m.Config.CDR.Workers != 1 {
		t.Errorf("flags: got %+v", m.Config.CDR)
	}
}
