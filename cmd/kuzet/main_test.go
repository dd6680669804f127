package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/kuzet/kuzet"
	_ "modernc.org/sqlite"
)

// testEnv returns an Env writing to buffers.
func testEnv() (*Env, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}, &out, &errb
}

// orgAdd runs `kuzet org add` in-process and returns the key (last line).
func orgAdd(t *testing.T, data string, args ...string) string {
	t.Helper()
	env, out, errb := testEnv()
	if code := run(context.Background(), env, append([]string{"org", "add", "--data", data}, args...)); code != 0 {
		t.Fatalf("org add %v: exit %d: %s", args, code, errb)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	return lines[len(lines)-1]
}

// MustRunMain starts the server in-process on a free port.
func MustRunMain(t *testing.T, data string) *Main {
	t.Helper()
	return mustRunMainAt(t, data, nil)
}

// testCallCapacity sizes the telecom engine of a test's server: its tables
// for a country's traffic are hundreds of megabytes, zeroed at each start and, under
// the race detector, shadowed.
const testCallCapacity = 1 << 14

// mustRunMainAt starts the server on clock (nil: the wall clock), for the
// telecom engine too.
func mustRunMainAt(t *testing.T, data string, clock kuzet.Clock) *Main {
	t.Helper()
	env, _, _ := testEnv()
	m := NewMain(env)
	if clock != nil {
		m.Clock, m.CallClock = clock, clock
	}
	m.Config.Data, m.Config.Addr, m.Config.LogLevel = data, "127.0.0.1:0", "error"
	m.Config.CallCapacity = testCallCapacity
	if err := m.Run(context.Background()); err != nil {
		m.Close()
		t.Fatalf("run: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

func call(t *testing.T, method, url, key, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+key)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	var v map[string]any
	b, _ := io.ReadAll(resp.Body)
	json.Unmarshal(b, &v)
	return resp.StatusCode, v
}

func TestServeReportLookupRestart(t *testing.T) {
	data := t.TempDir()
	police := orgAdd(t, data, "--name", "Police", "--type", "police")
	bank := orgAdd(t, data, "--name", "Bank", "--type", "bank", "--bic", "BANKKZKA", "--bank-code", "722")

	m := MustRunMain(t, data)
	status, body := call(t, "POST", m.URL()+"/v1/indicators", police,
		`{"indicators":[{"kind":"phone","value":"8 (701) 123-45-67","category":"scam_call","confidence":0.9}]}`)
	if status != 200 {
		t.Fatalf("submit: got %d %v, want 200", status, body)
	}
	status, body = call(t, "GET", m.URL()+"/v1/indicators/phone/+77011234567", bank, "")
	if status != 200 || body["risk"] == "none" {
		t.Fatalf("lookup: got %d %v, want 200 with a risk", status, body)
	}
	if err := m.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}

	m2 := MustRunMain(t, data)
	status, body2 := call(t, "GET", m2.URL()+"/v1/indicators/phone/87011234567", bank, "")
	if status != 200 || body2["risk"] != body["risk"] || body2["reporters"] != body["reporters"] {
		t.Fatalf("after restart: got %d %v, want %v", status, body2, body)
	}
	m2.Close()

	env, out, _ := testEnv()
	if code := run(context.Background(), env, []string{"audit", "verify", "--data", data}); code != 0 {
		t.Fatalf("audit verify: exit %d: %s", code, out)
	}
}

func TestAuditVerifyDetectsTampering(t *testing.T) {
	data := t.TempDir()
	orgAdd(t, data, "--name", "Police", "--type", "police")
	orgAdd(t, data, "--name", "Bank", "--type", "bank")

	db, err := sql.Open("sqlite", filepath.Join(data, "kuzet.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE audit_log SET detail = detail || 'x' WHERE seq = 2`); err != nil {
		t.Fatal(err)
	}
	env, out, _ := testEnv()
	if code := run(context.Background(), env, []string{"audit", "verify", "--data", data}); code == 0 {
		t.Fatalf("audit verify after tampering: got exit 0, want non-zero")
	}
	if !strings.Contains(out.String(), "entry 2") {
		t.Errorf("audit verify output %q does not name entry 2", out)
	}

	// Removing the newest entry is caught by the head.
	db.Exec(`UPDATE audit_log SET detail = substr(detail, 1, length(detail) - 1) WHERE seq = 2`)
	if _, err := db.Exec(`DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)`); err != nil {
		t.Fatal(err)
	}
	env, _, _ = testEnv()
	if code := run(context.Background(), env, []string{"audit", "verify", "--data", data}); code == 0 {
		t.Fatalf("audit verify after removing the last entry: got exit 0, want non-zero")
	}
}

func TestHelpEverywhere(t *testing.T) {
	for name := range commands {
		t.Run(name, func(t *testing.T) {
			env, out, errb := testEnv()
			if code := run(context.Background(), env, []string{name, "--help"}); code != 0 {
				t.Fatalf("kuzet %s --help: exit %d, stderr %s", name, code, errb)
			}
			if !strings.Contains(out.String(), "Usage") {
				t.Errorf("kuzet %s --help printed %q, want usage", name, out)
			}
		})
	}
}

func TestBadCommandLines(t *testing.T) {
	for _, args := range [][]string{
		{"nonsense"},
		{"org", "add", "--data", t.TempDir()},
		{"org", "add", "--data", t.TempDir(), "--name", "X", "--type", "bakery"},
		{"serve", "--no-such-flag"},
		{"audit"},
	} {
		env, _, errb := testEnv()
		if code := run(context.Background(), env, args); code == 0 {
			t.Errorf("kuzet %v: got exit 0, want failure", args)
		} else if errb.Len() == 0 {
			t.Errorf("kuzet %v: no message on stderr", args)
		}
	}
}

func TestEnvironmentFallback(t *testing.T) {
	env, _, _ := testEnv()
	env.Getenv = func(k string) string {
		return map[string]string{"KUZET_ADDR": "127.0.0.1:9999", "KUZET_DATA": "/from/env"}[k]
	}
	m := NewMain(env)
	if err := m.ParseFlags([]string{"--data", "/from/flag"}); err != nil {
		t.Fatal(err)
	}
	if m.Config.Addr != "127.0.0.1:9999" || m.Config.Data != "/from/flag" {
		t.Errorf("got addr %q data %q, want the env's addr and the flag's data", m.Config.Addr, m.Config.Data)
	}
}

// TestKillLosesNothingAcknowledged runs the real binary, streams writes at
// it from several clients, kills it with SIGKILL mid-stream and checks that
// every acknowledged report is there after a restart.
func TestKillLosesNothingAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "kuzet")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	data := filepath.Join(dir, "data")
	police := orgAdd(t, data, "--name", "Police", "--type", "police")

	start := func() (*exec.Cmd, string) {
		port := freePort(t)
		cmd := exec.Command(bin, "serve", "--data", data, "--addr", port, "--log-level", "error")
		cmd.Stderr = io.Discard
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		url := "http://" + port
		for i := 0; ; i++ {
			resp, err := http.Get(url + "/readyz")
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == 200 {
					break
				}
			}
			if i > 300 {
				cmd.Process.Kill()
				t.Fatal("server did not become ready")
			}
			time.Sleep(20 * time.Millisecond)
		}
		return cmd, url
	}

	cmd, url := start()
	var mu sync.Mutex
	var acked []string
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				phone := fmt.Sprintf("+7701%d%06d", w, i)
				body := fmt.Sprintf(`{"indicators":[{"kind":"phone","value":"%s","category":"scam_call","confidence":0.7}]}`, phone)
				req, _ := http.NewRequest("POST", url+"/v1/indicators", strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+police)
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					return // the server is gone
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == 200 {
					mu.Lock()
					acked = append(acked, phone)
					mu.Unlock()
				}
			}
		}()
	}
	for {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 200 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	close(stop)
	wg.Wait()

	cmd, url = start()
	defer func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() }()
	mu.Lock()
	defer mu.Unlock()
	for _, phone := range acked {
		status, body := call(t, "GET", url+"/v1/indicators/phone/"+phone, police, "")
		if status != 200 || body["risk"] == "none" {
			t.Fatalf("acknowledged %s lost after SIGKILL: got %d %v", phone, status, body)
		}
	}
	t.Logf("%d acknowledged writes all present after SIGKILL", len(acked))
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// TestServeOnPostgres runs the same path as TestServeReportLookupRestart on
// PostgreSQL, through --db, in a schema of its own.
func TestServeOnPostgres(t *testing.T) {
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
	schema := fmt.Sprintf("kuzet_cmd_%d", time.Now().UnixNano())
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
	police := key("--name", "Police", "--type", "police")
	bank := key("--name", "Bank", "--type", "bank")

	env, _, _ := testEnv()
	m := NewMain(env)
	m.Config.DB, m.Config.KeyFile, m.Config.Addr, m.Config.LogLevel = db, keyFile, "127.0.0.1:0", "error"
	if err := m.Run(ctx); err != nil {
		m.Close()
		t.Fatal(err)
	}
	defer m.Close()
	if status, body := call(t, "POST", m.URL()+"/v1/indicators", police,
		`{"indicators":[{"kind":"iban","value":"KZ86 125K ZT50 0410 0100","category":"mule_account","confidence":0.9}]}`); status != 200 {
		t.Fatalf("submit: got %d %v", status, body)
	}
	if status, body := call(t, "GET", m.URL()+"/v1/indicators/iban/KZ86125KZT5004100100", bank, ""); status != 200 || body["risk"] == "none" {
		t.Fatalf("lookup: got %d %v", status, body)
	}
	m.Close()
	env, out, _ := testEnv()
	if code := run(ctx, env, []string{"audit", "verify", "--db", db, "--key-file", keyFile}); code != 0 {
		t.Fatalf("audit verify: exit %d: %s", code, out)
	}
}
