package main

import (
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// TestCluster is the cluster harness (KUZET_TEST_CLUSTER=1; it needs
// KUZET_TEST_POSTGRES, /usr/sbin/nats-server and psql): a three-server
// JetStream cluster on loopback ports, three kuzet nodes on a fresh
// PostgreSQL database, mixed traffic at a fixed rate through all of them,
// one node killed with SIGKILL mid-run and restarted. It checks that no
// acknowledged write is lost, that every node answers the same after
// convergence (registry, active-call signal, payer memory), that
// verification kept answering (fail-open counted, not errors) and that
// every webhook was delivered, once per delivery id. It prints the figures
// docs/benchmarks.md records; KUZET_CLUSTER_SECONDS sets the traffic's
// length [24] and KUZET_CLUSTER_RATE its rate in operations a second [60].
func TestCluster(t *testing.T) {
	if os.Getenv("KUZET_TEST_CLUSTER") == "" {
		t.Skip("KUZET_TEST_CLUSTER not set")
	}
	pgURL := os.Getenv("KUZET_TEST_POSTGRES")
	if pgURL == "" {
		t.Skip("KUZET_TEST_POSTGRES not set")
	}
	seconds := envInt("KUZET_CLUSTER_SECONDS", 24)
	rate := envInt("KUZET_CLUSTER_RATE", 60)
	h := newHarness(t, pgURL)
	h.startNATS()
	h.setupStore()
	if n := envInt("KUZET_CLUSTER_INDICATORS", 0); n > 0 {
		start := time.Now()
		h.psql(h.dbURL, fmt.Sprintf(`INSERT INTO reports (org_id, kind, value, category, confidence, created_at, updated_at)
			SELECT 1, 'phone', '+770' || lpad(g::text, 8, '0'), 'scam_call', 0.5, now(), now() FROM generate_series(1, %d) g`, n))
		h.psql(h.dbURL, "DELETE FROM cluster_changes") // as if the log had been pruned: a start loads them from the store
		t.Logf("preloaded %d indicators in %s", n, time.Since(start).Round(time.Millisecond))
	}
	for i := range h.nodes {
		h.startNode(i)
	}
	for i := range h.nodes {
		h.waitReady(i, 120*time.Second)
	}
	h.api(0, "PUT", "/v1/webhooks", h.keys["bank2"], map[string]any{"url": h.hook.URL + "/hook", "secret": "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t"}, nil)

	// Traffic at a fixed rate, round robin over the nodes; one node is
	// killed a third of the way in and restarted a sixth later.
	dur := time.Duration(seconds) * time.Second
	killAt, restartAt := dur/3, dur/3+dur/6
	var wg sync.WaitGroup
	stop := make(chan struct{})
	tick := time.NewTicker(time.Second / time.Duration(rate))
	begin := time.Now()
	var rolled, ddl time.Duration
	schedule := make(chan struct{})
	go func() {
		defer close(schedule)
		time.Sleep(killAt)
		h.kill(1)
		time.Sleep(restartAt - killAt)
		start := time.Now()
		h.startNode(1)
		h.waitReady(1, 120*time.Second)
		h.recovery = time.Since(start)
		// Then an upgrade's two steps while traffic flows: a migration of
		// the kind docs/deployment.md allows on hot tables, and a rolling
		// restart (SIGTERM, start, ready) of another node.
		if wait := 2*dur/3 - time.Since(begin); wait > 0 {
			time.Sleep(wait)
		}
		start = time.Now()
		h.psql(h.dbURL, "ALTER TABLE payment_checks ADD COLUMN harness_note TEXT NOT NULL DEFAULT ''")
		h.psql(h.dbURL, "CREATE INDEX CONCURRENTLY payment_checks_harness ON payment_checks (payment_id)")
		ddl = time.Since(start)
		start = time.Now()
		h.nodes[2].dead.Store(true)
		h.stopNode(h.nodes[2])
		h.startNode(2)
		h.waitReady(2, 120*time.Second)
		rolled = time.Since(start)
	}()
	n := 0
	for time.Since(begin) < dur {
		<-tick.C
		n++
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			h.operation(n)
		}(n)
	}
	tick.Stop()
	close(stop)
	wg.Wait()
	<-schedule
	t.Logf("traffic: %d operations in %s; node 1 killed at %s, restarted at %s, ready %s after restart",
		n, dur, killAt, restartAt, h.recovery.Round(time.Millisecond))
	t.Logf("upgrade steps under traffic: ADD COLUMN and CREATE INDEX CONCURRENTLY on payment_checks in %s; node 2 stopped (SIGTERM), restarted and ready in %s",
		ddl.Round(time.Millisecond), rolled.Round(time.Millisecond))

	h.converge()
	h.check()
	h.smallState()
	h.fraudDevice()
	h.backupRestore()
	if os.Getenv("KUZET_CLUSTER_THROUGHPUT") != "" {
		for nodes := 1; nodes <= 3; nodes++ {
			t.Logf("lookups with %d node(s): %.0f/s", nodes, h.throughput(nodes, 3*time.Second))
		}
	}
	h.jetStreamBackupRestore()
}

// throughput drives registry lookups (bank key: audited) from 32 workers
// over the first nodes for d and returns the rate answered.
func (h *harness) throughput(nodes int, d time.Duration) float64 {
	var done atomic.Int64
	var wg sync.WaitGroup
	end := time.Now().Add(d)
	h.mu.Lock()
	phones := slices.Clone(h.indicators)
	h.mu.Unlock()
	for w := range 32 {
		wg.Go(func() {
			for i := w; time.Now().Before(end); i++ {
				if _, err := h.call(i%nodes, "GET", "/v1/indicators/phone/"+phones[i%len(phones)], h.keys["bank1"], nil, nil); err == nil {
					done.Add(1)
				}
			}
		})
	}
	wg.Wait()
	return float64(done.Load()) / d.Seconds()
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

type harness struct {
	t        *testing.T
	dir, bin string
	adminURL string // the machine's database
	dbURL    string // this run's
	keyFile  string
	natsURLs []string
	natsCmds []*exec.Cmd
	nodes    []*clusterNode
	keys     map[string]string // org name → API key
	hook     *httptest.Server
	client   *http.Client

	mu         sync.Mutex
	indicators []string          // acknowledged reports' phone numbers
	callees    []string          // acknowledged foreign calls' callees
	payments   map[string]string // payer phone → payee IBAN, acknowledged
	checkIDs   map[string]int    // acknowledged check → node
	freezes    int               // freeze requests acknowledged for bank2
	deliveries map[string]int    // webhook delivery id → times received
	verifies   atomic.Int64      // verifications answered
	failOpen   atomic.Int64      // of which passed on timeout
	verifyErr  atomic.Int64      // verifications no node answered
	failover   atomic.Int64      // requests retried on another node
	errs       atomic.Int64      // other operations no node answered
	visible    []time.Duration   // registry change visible on every node
	signalLag  []time.Duration   // active-call signal consistent on every node
	recovery   time.Duration
	firstErrs  []string
	fraudDev   string // a fraudster's device named in an outcome (fraudDevice)
}

// note keeps the first few errors for the report.
func (h *harness) note(err error) {
	h.mu.Lock()
	if len(h.firstErrs) < 5 {
		h.firstErrs = append(h.firstErrs, err.Error())
	}
	h.mu.Unlock()
}

type clusterNode struct {
	addr string
	cmd  *exec.Cmd
	log  *os.File
	dead atomic.Bool
}

func newHarness(t *testing.T, pgURL string) *harness {
	h := &harness{t: t, dir: t.TempDir(), adminURL: pgURL, keys: map[string]string{},
		payments: map[string]string{}, checkIDs: map[string]int{}, deliveries: map[string]int{},
		client: &http.Client{Timeout: 20 * time.Second}}
	h.bin = filepath.Join(h.dir, "kuzet")
	build := exec.Command("go", "build", "-o", h.bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	h.hook = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		h.mu.Lock()
		h.deliveries[r.Header.Get("Kuzet-Delivery")]++
		h.mu.Unlock()
	}))
	t.Cleanup(h.hook.Close)
	return h
}

// startNATS writes the configurations of three nats-server processes
// clustered on loopback and starts them.
func (h *harness) startNATS() {
	t := h.t
	var client, route [3]string
	for i := range 3 {
		client[i], route[i] = freePort(t), freePort(t)
	}
	for i := range 3 {
		var routes []string
		for j := range 3 {
			if j != i {
				routes = append(routes, "nats-route://"+route[j])
			}
		}
		conf := fmt.Sprintf(`server_name: n%d
listen: %s
jetstream { store_dir: %q }
cluster { name: kuzet, listen: %s, routes: [%s] }
`, i, client[i], filepath.Join(h.dir, fmt.Sprintf("js%d", i)), route[i], strings.Join(routes, ", "))
		path := filepath.Join(h.dir, fmt.Sprintf("nats%d.conf", i))
		if err := os.WriteFile(path, []byte(conf), 0o600); err != nil {
			t.Fatal(err)
		}
		h.natsURLs = append(h.natsURLs, "nats://"+client[i])
	}
	h.runNATS()
}

// runNATS starts the three servers of startNATS's configurations and waits
// until they have elected a JetStream metadata leader and take clients.
func (h *harness) runNATS() {
	t := h.t
	h.natsCmds = h.natsCmds[:0]
	for i := range 3 {
		log, _ := os.Create(filepath.Join(h.dir, fmt.Sprintf("nats%d.log", i)))
		cmd := exec.Command("/usr/sbin/nats-server", "-c", filepath.Join(h.dir, fmt.Sprintf("nats%d.conf", i)))
		cmd.Stdout, cmd.Stderr = log, log
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		h.natsCmds = append(h.natsCmds, cmd)
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	}
	// JetStream takes streams once the servers have elected a metadata
	// leader.
	for deadline := time.Now().Add(90 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		ready, led := 0, 0
		var logs []string
		for i := range 3 {
			log, _ := os.ReadFile(filepath.Join(h.dir, fmt.Sprintf("nats%d.log", i)))
			if bytes.Contains(log, []byte("Server is ready")) {
				ready++
			}
			if bytes.Contains(log, []byte("new JetStream cluster metadata leader")) || bytes.Contains(log, []byte("cluster new metadata leader")) {
				led++
			}
			logs = append(logs, lastBytes(string(log), 1500))
		}
		if ready == 3 && led > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the JetStream cluster elected no metadata leader:\n%s", strings.Join(logs, "\n----\n"))
		}
	}
	for _, u := range h.natsURLs {
		addr := strings.TrimPrefix(u, "nats://")
		for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			if c, err := net.Dial("tcp", addr); err == nil {
				c.Close()
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("nats %s did not start", u)
			}
		}
	}
}

// stopNATS stops the three servers as an operator would (SIGTERM: each
// flushes its streams and leaves the cluster).
func (h *harness) stopNATS() {
	for _, cmd := range h.natsCmds {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}
}

// psql runs sql on url and returns its unaligned output.
func (h *harness) psql(url, sql string) string {
	out, err := exec.Command("psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", url, "-c", sql).CombinedOutput()
	if err != nil {
		h.t.Fatalf("psql %q: %v\n%s", sql, err, out)
	}
	return strings.TrimSpace(string(out))
}

// setupStore creates this run's database, the key file and the
// organisations.
func (h *harness) setupStore() {
	t := h.t
	name := "kuzet_cluster_" + strings.ToLower(rand.Text()[:10])
	h.psql(h.adminURL, "CREATE DATABASE "+name)
	t.Cleanup(func() {
		for _, n := range h.nodes {
			h.stopNode(n)
		}
		exec.Command("psql", "-X", "-q", h.adminURL, "-c", "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)").Run()
	})
	u := strings.Replace(h.adminURL, "/test?", "/"+name+"?", 1)
	if u == h.adminURL {
		t.Fatalf("KUZET_TEST_POSTGRES %q does not name the database test", h.adminURL)
	}
	h.dbURL = u
	h.keyFile = filepath.Join(h.dir, "kuzet.key")
	h.run("keys", "init", "--key-file", h.keyFile)
	add := func(key string, args ...string) {
		out := h.run(append([]string{"org", "add", "--db", h.dbURL, "--key-file", h.keyFile}, args...)...)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		h.keys[key] = strings.TrimSpace(lines[len(lines)-1])
	}
	add("bank1", "--name", "Bank One", "--type", "bank", "--bic", "BANKKZKA", "--bank-code", "722")
	add("bank2", "--name", "Bank Two", "--type", "bank", "--bic", "BANKKZKB", "--bank-code", "826")
	add("telco", "--name", "Operator A", "--type", "telco", "--prefixes", "7701,7702,7775")
	add("police", "--name", "Cyber Police", "--type", "police")
	h.nodes = make([]*clusterNode, 3)
	for i := range h.nodes {
		h.nodes[i] = &clusterNode{addr: freePort(t)}
	}
}

func (h *harness) run(args ...string) string {
	cmd := exec.Command(h.bin, args...)
	out, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		h.t.Fatalf("kuzet %v: %v\n%s", args, err, stderr)
	}
	return string(out)
}

func (h *harness) startNode(i int) {
	n := h.nodes[i]
	log, err := os.OpenFile(filepath.Join(h.dir, fmt.Sprintf("node%d.log", i)), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		h.t.Fatal(err)
	}
	n.cmd = exec.Command(h.bin, "serve", "--db", h.dbURL, "--key-file", h.keyFile, "--addr", n.addr,
		"--nats", strings.Join(h.natsURLs, ","), "--nats-replicas", "3",
		"--rate-limit", "bank=off,telco=off,police=off",
		"--webhook-allow-http", "127.0.0.1", "--webhook-allow-hosts", "127.0.0.1", "--webhook-every", "200ms",
		"--audit-checkpoint-every", "0")
	n.cmd.Stdout, n.cmd.Stderr, n.log = log, log, log
	if err := n.cmd.Start(); err != nil {
		h.t.Fatal(err)
	}
	n.dead.Store(false)
}

func (h *harness) kill(i int) {
	n := h.nodes[i]
	n.dead.Store(true)
	n.cmd.Process.Signal(syscall.SIGKILL)
	n.cmd.Wait()
}

func (h *harness) stopNode(n *clusterNode) {
	if n == nil || n.cmd == nil || n.cmd.ProcessState != nil {
		return
	}
	n.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { n.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		n.cmd.Process.Kill()
		<-done
	}
	n.log.Close()
}

func (h *harness) waitReady(i int, limit time.Duration) {
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		resp, err := h.client.Get("http://" + h.nodes[i].addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
	}
	log, _ := os.ReadFile(filepath.Join(h.dir, fmt.Sprintf("node%d.log", i)))
	nats, _ := os.ReadFile(filepath.Join(h.dir, "nats0.log"))
	h.t.Fatalf("node %d not ready after %s:\n%s\nnats0:\n%s", i, limit, lastBytes(string(log), 3000), lastBytes(string(nats), 3000))
}

func lastBytes(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// call sends a request to node i; status 0 means no answer.
func (h *harness) call(i int, method, path, key string, body, out any) (int, error) {
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, "http://"+h.nodes[i].addr+path, r)
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := h.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		return resp.StatusCode, fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return resp.StatusCode, err
		}
	}
	return resp.StatusCode, nil
}

// api sends to node i and fails the test unless it answers 2xx.
func (h *harness) api(i int, method, path, key string, body, out any) {
	if _, err := h.call(i, method, path, key, body, out); err != nil {
		h.t.Fatal(err)
	}
}

// send sends to node i, and to the next node when i gives no answer (a
// client of a cluster fails over); it returns the node that answered.
func (h *harness) send(i int, method, path, key string, body, out any) (int, error) {
	for try := range len(h.nodes) {
		j := (i + try) % len(h.nodes)
		status, err := h.call(j, method, path, key, body, out)
		if answered(status) {
			if err != nil {
				h.note(err)
			}
			return j, err
		}
		h.failover.Add(1) // no answer, or not ready: the balancer tries the next
	}
	err := fmt.Errorf("no node answered %s %s", method, path)
	h.note(err)
	return -1, err
}

func randDigits(n int) string {
	var b strings.Builder
	for range n {
		d, _ := rand.Int(rand.Reader, big.NewInt(10))
		b.WriteByte(byte('0' + d.Int64()))
	}
	return b.String()
}

// kzIBAN makes a valid Kazakh IBAN of bank code and account.
func kzIBAN(bank, account string) string {
	bban := bank + account
	var num strings.Builder
	for _, c := range bban + "KZ00" {
		v, _ := strconv.ParseInt(string(c), 36, 64)
		num.WriteString(strconv.FormatInt(v, 10))
	}
	n, _ := new(big.Int).SetString(num.String(), 10)
	check := 98 - new(big.Int).Mod(n, big.NewInt(97)).Int64()
	return fmt.Sprintf("KZ%02d%s", check, bban)
}

func stamp() string { return time.Now().UTC().Format("2006-01-02T15:04:05.000Z07:00") }

// operation runs the nth operation of the mix on node n mod 3: reports,
// lookups, calls, payments and, now and then, a victim's report.
func (h *harness) operation(n int) {
	node := n % len(h.nodes)
	switch {
	case n%40 == 0:
		h.victimReport(node)
	case n%4 == 0:
		h.report(node, n%20 == 4)
	case n%4 == 1:
		h.lookup(node)
	case n%4 == 2:
		h.verify(node, n%20 == 2)
	default:
		h.payment(node)
	}
}

func (h *harness) report(node int, measure bool) {
	phone := "+7701" + randDigits(7)
	body := map[string]any{"indicators": []map[string]any{{"kind": "phone", "value": phone, "category": "scam_call", "confidence": 0.9}}}
	at, err := h.send(node, "POST", "/v1/indicators", h.keys["police"], body, nil)
	if err != nil {
		h.errs.Add(1)
		return
	}
	h.mu.Lock()
	h.indicators = append(h.indicators, phone)
	h.mu.Unlock()
	if measure {
		if d, ok := h.visibleOnAll(at, func(i int) (bool, bool) {
			var a struct{ Risk string }
			status, err := h.call(i, "GET", "/v1/indicators/phone/"+phone, h.keys["bank1"], nil, &a)
			return err == nil && a.Risk != "none", answered(status)
		}); ok {
			h.mu.Lock()
			h.visible = append(h.visible, d)
			h.mu.Unlock()
		}
	}
}

// visibleOnAll polls every node but from until cond holds on all, and
// returns how long that took from the acknowledgement. A sample during
// which a node does not answer (killed, or restarting and not ready) is
// not taken: it would time the restart, which recovery measures.
func (h *harness) visibleOnAll(from int, cond func(int) (ok, up bool)) (time.Duration, bool) {
	start := time.Now()
	for i := range h.nodes {
		if i == from {
			continue
		}
		for {
			ok, up := cond(i)
			if ok {
				break
			}
			if !up || h.nodes[i].dead.Load() || time.Since(start) > 5*time.Second {
				return 0, false
			}
			time.Sleep(2 * time.Millisecond)
		}
	}
	return time.Since(start), true
}

func answered(status int) bool { return status != 0 && status != http.StatusServiceUnavailable }

func (h *harness) lookup(node int) {
	h.mu.Lock()
	var phone string
	if len(h.indicators) > 0 {
		phone = h.indicators[len(h.indicators)/2]
	}
	h.mu.Unlock()
	if phone == "" {
		return
	}
	if _, err := h.send(node, "GET", "/v1/indicators/phone/"+phone, h.keys["bank1"], nil, nil); err != nil {
		h.errs.Add(1)
	}
}

func (h *harness) verify(node int, measure bool) {
	callee := "+7702" + randDigits(7)
	body := map[string]any{"calls": []map[string]any{{"a": "+4477009" + randDigits(5), "b": callee, "at": stamp(),
		"ingress": "international", "call_id": "c" + randDigits(12)}}}
	var v struct {
		Verdicts []struct{ Verdict, Reason string }
	}
	at, err := h.send(node, "POST", "/v1/calls/verify", h.keys["telco"], body, &v)
	if err != nil || len(v.Verdicts) != 1 {
		h.verifyErr.Add(1)
		return
	}
	h.verifies.Add(1)
	if v.Verdicts[0].Reason == "timeout" {
		h.failOpen.Add(1)
	}
	if v.Verdicts[0].Verdict != "pass" {
		return
	}
	h.mu.Lock()
	h.callees = append(h.callees, callee)
	h.mu.Unlock()
	if measure {
		if d, ok := h.visibleOnAll(at, func(i int) (bool, bool) {
			var a struct{ Active, Foreign bool }
			status, err := h.call(i, "GET", "/v1/signals/active-call?msisdn="+callee, h.keys["bank1"], nil, &a)
			return err == nil && a.Foreign, answered(status)
		}); ok {
			h.mu.Lock()
			h.signalLag = append(h.signalLag, d)
			h.mu.Unlock()
		}
	}
}

func (h *harness) payment(node int) {
	payer := "+7701" + randDigits(7)
	payee := kzIBAN("826", randDigits(13))
	var d struct {
		CheckID string `json:"check_id"`
	}
	at, err := h.send(node, "POST", "/v1/payments/check", h.keys["bank1"], h.paymentBody(payer, payee), &d)
	if err != nil {
		h.errs.Add(1)
		return
	}
	h.mu.Lock()
	h.payments[payer] = payee
	h.checkIDs[d.CheckID] = at
	h.mu.Unlock()
}

func (h *harness) paymentBody(payer, payee string) map[string]any {
	return map[string]any{"payment_id": "p" + randDigits(10), "amount": 5000, "currency": "KZT", "created_at": stamp(),
		"channel": "mobile_app", "payer": map[string]any{"account": kzIBAN("722", randDigits(13)), "phone": payer,
			"customer_id": "cust" + payer}, "payee": map[string]any{"iban": payee}}
}

func (h *harness) victimReport(node int) {
	body := map[string]any{"victim": map[string]any{"name": "Victim", "phone": "+7701" + randDigits(7), "region": "Almaty"},
		"channel": "phone_call", "scheme": "fake_bank_security", "description": "harness", "amount_lost": 400000,
		"currency": "KZT", "indicators": []map[string]any{{"kind": "phone", "value": "+7775" + randDigits(7)}},
		"transfers": []map[string]any{{"from_bank_bic": "BANKKZKA", "to_iban": kzIBAN("826", randDigits(13)),
			"to_bank_bic": "BANKKZKB", "amount": 400000, "at": stamp()}}}
	var r struct {
		FreezeRequests []json.RawMessage `json:"freeze_requests"`
	}
	if _, err := h.send(node, "POST", "/v1/reports", h.keys["police"], body, &r); err != nil {
		h.errs.Add(1)
		return
	}
	h.mu.Lock()
	h.freezes += len(r.FreezeRequests)
	h.mu.Unlock()
}

// converge waits until every node has applied the whole change log.
func (h *harness) converge() {
	last := h.psql(h.dbURL, "SELECT COALESCE(max(seq), 0) FROM cluster_changes")
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		done := 0
		for i := range h.nodes {
			if h.metric(i, "kuzet_cluster_change_applied") == last {
				done++
			}
		}
		if done == len(h.nodes) {
			return
		}
	}
	h.t.Errorf("the nodes did not reach change %s", last)
}

// metric reads one gauge from node i's /metrics.
func (h *harness) metric(i int, name string) string {
	resp, err := h.client.Get("http://" + h.nodes[i].addr + "/metrics")
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	for line := range strings.SplitSeq(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, name+" "); ok {
			f, _ := strconv.ParseFloat(v, 64)
			return strconv.FormatInt(int64(f), 10)
		}
	}
	return ""
}

func (h *harness) check() {
	t := h.t
	// No acknowledged write lost: every report is in the store and on
	// every node.
	stored, _ := strconv.Atoi(h.psql(h.dbURL, "SELECT count(*) FROM reports WHERE kind = 'phone' AND category = 'scam_call' AND org_id = (SELECT id FROM orgs WHERE name = 'Cyber Police')"))
	if stored < len(h.indicators) {
		t.Errorf("%d reports acknowledged, %d stored", len(h.indicators), stored)
	}
	differ := 0
	for _, phone := range h.indicators {
		var answers []string
		for i := range h.nodes {
			var a struct {
				Risk       string
				Categories []string
				Reporters  int
			}
			if _, err := h.call(i, "GET", "/v1/indicators/phone/"+phone, h.keys["bank1"], nil, &a); err != nil {
				t.Fatal(err)
			}
			answers = append(answers, fmt.Sprint(a))
		}
		if answers[0] == "{none [] 0}" || answers[0] != answers[1] || answers[1] != answers[2] {
			differ++
			if differ < 5 {
				t.Errorf("indicator %s: the nodes answer %v", phone, answers)
			}
		}
	}
	// The active-call signal.
	sigDiffer := 0
	for _, callee := range h.callees {
		var answers []string
		for i := range h.nodes {
			var a struct{ Active, Foreign, Unverified, FirstTime, Targeted bool }
			h.api(i, "GET", "/v1/signals/active-call?msisdn="+callee, h.keys["bank1"], nil, &a)
			answers = append(answers, fmt.Sprint(a))
		}
		if !strings.HasPrefix(answers[0], "{true true") || answers[0] != answers[1] || answers[1] != answers[2] {
			sigDiffer++
			if sigDiffer < 5 {
				t.Errorf("active call of %s: the nodes answer %v", callee, answers)
			}
		}
	}
	// Payer memory: a payer's second payment to the payee of its first,
	// on each node, is to a known payee whichever node took the first.
	payers := slices.Sorted(mapKeys(h.payments))
	if len(payers) > 30 {
		payers = payers[:30]
	}
	var probes []string
	for _, payer := range payers {
		for i := range h.nodes {
			var d struct {
				CheckID string `json:"check_id"`
			}
			h.api(i, "POST", "/v1/payments/check", h.keys["bank1"], h.paymentBody(payer, h.payments[payer]), &d)
			probes = append(probes, "'"+d.CheckID+"'")
		}
	}
	time.Sleep(time.Second) // the writers store the probes
	newPayee := h.psql(h.dbURL, "SELECT count(*) FROM payment_checks WHERE id IN ("+strings.Join(probes, ",")+") AND signals ? 'new_payee'")
	storedProbes := h.psql(h.dbURL, "SELECT count(*) FROM payment_checks WHERE id IN ("+strings.Join(probes, ",")+")")
	if newPayee != "0" || storedProbes != strconv.Itoa(len(probes)) {
		t.Errorf("payer memory: %s of %s probes (%d sent) saw a new payee on some node", newPayee, storedProbes, len(probes))
	}
	// Acknowledged checks in the store (the writer stores them off the
	// request's path: the killed node's queue at the kill is lost).
	var ids []string
	lostOnKilled, lostElsewhere := 0, 0
	for id := range h.checkIDs {
		ids = append(ids, "'"+id+"'")
	}
	present := map[string]bool{}
	if len(ids) > 0 {
		for id := range strings.SplitSeq(h.psql(h.dbURL, "SELECT id FROM payment_checks WHERE id IN ("+strings.Join(ids, ",")+")"), "\n") {
			present[id] = true
		}
	}
	for id, node := range h.checkIDs {
		if !present[id] {
			if node == 1 {
				lostOnKilled++
			} else {
				lostElsewhere++
			}
		}
	}
	if lostElsewhere > 0 {
		t.Errorf("%d acknowledged payment checks of the surviving nodes are not stored", lostElsewhere)
	}
	// Webhooks: every freeze request for bank2 delivered, once per id. The
	// store's count includes requests whose report committed but whose
	// answer the client gave up on.
	stored, _ = strconv.Atoi(h.psql(h.dbURL, "SELECT count(*) FROM freeze_requests WHERE org_id = (SELECT id FROM orgs WHERE name = 'Bank Two')"))
	if stored < h.freezes {
		t.Errorf("%d freeze requests acknowledged for bank2, %d stored", h.freezes, stored)
	}
	h.freezes = stored
	var dup, distinct int
	deadline := time.Now().Add(20 * time.Second)
	for {
		h.mu.Lock()
		distinct, dup = len(h.deliveries), 0
		for _, c := range h.deliveries {
			dup += c - 1
		}
		h.mu.Unlock()
		if distinct >= h.freezes || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if distinct != h.freezes {
		t.Errorf("%d freeze requests for bank2, %d distinct webhook deliveries", h.freezes, distinct)
	}
	if h.verifyErr.Load() > 0 || h.errs.Load() > 0 {
		t.Errorf("%d verifications and %d other operations failed: %q", h.verifyErr.Load(), h.errs.Load(), h.firstErrs)
	}
	if len(h.indicators) == 0 || len(h.callees) == 0 || len(h.checkIDs) == 0 || h.freezes == 0 {
		t.Errorf("too little traffic: %d reports, %d calls, %d checks, %d freeze requests", len(h.indicators), len(h.callees), len(h.checkIDs), h.freezes)
	}
	t.Logf("acknowledged: %d reports (nodes differ on %d), %d foreign calls (signal differs on %d), %d checks (%d of the killed node's not stored), %d freeze requests",
		len(h.indicators), differ, len(h.callees), sigDiffer, len(h.checkIDs), lostOnKilled, h.freezes)
	t.Logf("verification: %d answered, %d failed open (timeout), %d unanswered; %d requests failed over to another node",
		h.verifies.Load(), h.failOpen.Load(), h.verifyErr.Load(), h.failover.Load())
	t.Logf("webhooks: %d distinct deliveries for %d freeze requests, %d repeated deliveries (same id)", distinct, h.freezes, dup)
	t.Logf("registry change visible on every node: %s (%d samples)", quantiles(h.visible), len(h.visible))
	t.Logf("active-call signal on every node: %s (%d samples)", quantiles(h.signalLag), len(h.signalLag))
	t.Logf("recovery: node ready %s after restart", h.recovery.Round(time.Millisecond))
}

func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func quantiles(ds []time.Duration) string {
	if len(ds) == 0 {
		return "no samples"
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	q := func(p float64) time.Duration {
		return s[min(len(s)-1, int(p*float64(len(s))))].Round(100 * time.Microsecond)
	}
	return fmt.Sprintf("p50 %s, p99 %s, max %s", q(0.5), q(0.99), s[len(s)-1].Round(100*time.Microsecond))
}

// backupRestore dumps the cluster's database with pg_dump, restores it into
// a new one with pg_restore, and starts a node on the copy (alone, without
// NATS): it must hold every acknowledged report and answer for it as the
// cluster does (docs/deployment.md, Backup and restore).
func (h *harness) backupRestore() {
	t := h.t
	start := time.Now()
	dump := filepath.Join(h.dir, "kuzet.dump")
	if out, err := exec.Command("pg_dump", "-Fc", "-f", dump, h.dbURL).CombinedOutput(); err != nil {
		t.Fatalf("pg_dump: %v\n%s", err, out)
	}
	name := "kuzet_restore_" + strings.ToLower(rand.Text()[:10])
	h.psql(h.adminURL, "CREATE DATABASE "+name)
	t.Cleanup(func() {
		exec.Command("psql", "-X", "-q", h.adminURL, "-c", "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)").Run()
	})
	restored := strings.Replace(h.adminURL, "/test?", "/"+name+"?", 1)
	if out, err := exec.Command("pg_restore", "--no-owner", "-d", restored, dump).CombinedOutput(); err != nil {
		t.Fatalf("pg_restore: %v\n%s", err, out)
	}
	for _, table := range []string{"reports", "payment_checks", "freeze_requests", "cluster_changes", "audit_log"} {
		a, b := h.psql(h.dbURL, "SELECT count(*) FROM "+table), h.psql(restored, "SELECT count(*) FROM "+table)
		if a != b {
			t.Errorf("%s: %s rows, %s restored", table, a, b)
		}
	}
	addr := freePort(t)
	log, _ := os.Create(filepath.Join(h.dir, "restored.log"))
	cmd := exec.Command(h.bin, "serve", "--db", restored, "--key-file", h.keyFile, "--addr", addr,
		"--rate-limit", "bank=off", "--audit-checkpoint-every", "0")
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	n := &clusterNode{addr: addr, cmd: cmd, log: log}
	h.nodes = append(h.nodes, n)
	i := len(h.nodes) - 1
	h.waitReady(i, 120*time.Second)
	if differ := differing(h.riskAnswers(0), h.riskAnswers(i)); differ > 0 {
		t.Errorf("the restored node answers differently for %d of %d reports", differ, len(h.indicators))
	}
	h.stopNode(n)
	t.Logf("backup and restore: pg_dump, pg_restore and a node on the copy answering for %d reports, in %s",
		len(h.indicators), time.Since(start).Round(time.Millisecond))
}

// smallState changes a Do-Not-Originate entry and the shadow rules on node
// 0 and waits until nodes 1 and 2 decide by them: a call from the DNO
// number is blocked for dno there, and they name the same shadow rules.
func (h *harness) smallState() {
	t := h.t
	number := "+7701" + randDigits(7)
	start := time.Now()
	h.api(0, "POST", "/v1/dno", h.keys["police"], map[string]any{"numbers": []string{number}}, nil)
	var live struct {
		Live struct{ Source string } `json:"live"`
	}
	h.api(0, "GET", "/v1/payments/rules", h.keys["police"], nil, &live)
	var set struct {
		Rules struct{ Hash string } `json:"rules"`
	}
	h.api(0, "POST", "/v1/payments/rules", h.keys["police"], map[string]any{"mode": "shadow",
		"source": live.Live.Source + "\n# harness " + randDigits(6) + "\n"}, &set)
	for i := 1; i < 3; i++ {
		for {
			var v struct {
				Verdicts []struct{ Reason string }
			}
			h.api(i, "POST", "/v1/calls/verify", h.keys["telco"], map[string]any{"calls": []map[string]any{{"a": number,
				"b": "+7702" + randDigits(7), "at": stamp(), "ingress": "domestic", "call_id": "dno" + randDigits(8)}}}, &v)
			var rules struct {
				Shadow *struct{ Hash string } `json:"shadow"`
			}
			h.api(i, "GET", "/v1/payments/rules", h.keys["police"], nil, &rules)
			if len(v.Verdicts) == 1 && v.Verdicts[0].Reason == "dno" && rules.Shadow != nil && rules.Shadow.Hash == set.Rules.Hash {
				break
			}
			if time.Since(start) > 10*time.Second {
				t.Fatalf("node %d: DNO and shadow rules not there after 10 s (verdicts %+v)", i, v.Verdicts)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	t.Logf("DNO entry and shadow rules set on node 0 in force on nodes 1 and 2 after %s", time.Since(start).Round(time.Millisecond))
}

// riskAnswers asks node i about every acknowledged report's number and
// returns its answers (risk and reporters) by number.
func (h *harness) riskAnswers(i int) map[string]string {
	out := map[string]string{}
	for _, phone := range h.indicators {
		var a struct {
			Risk      string
			Reporters int
		}
		h.api(i, "GET", "/v1/indicators/phone/"+phone, h.keys["bank1"], nil, &a)
		out[phone] = fmt.Sprintf("%s/%d", a.Risk, a.Reporters)
	}
	return out
}

// differing counts the keys of a whose value b does not have.
func differing(a, b map[string]string) int {
	n := 0
	for k, v := range a {
		if b[k] != v {
			n++
		}
	}
	return n
}

// streamStates returns each JetStream stream's message count and last
// sequence, by name; it waits up to a minute for the cluster's streams to
// answer (after a restart each elects its leader).
func (h *harness) streamStates() map[string]string {
	t := h.t
	nc, err := nats.Connect(strings.Join(h.natsURLs, ","))
	if err != nil {
		t.Fatalf("nats: %v", err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	var last error
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		last = nil
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		out := map[string]string{}
		names := js.StreamNames(ctx)
		for name := range names.Name() {
			s, err := js.Stream(ctx, name)
			if err != nil {
				last = fmt.Errorf("stream %s: %w", name, err)
				continue
			}
			// An empty stream's first sequence reads 0 before a restart
			// and 1 after: the count and the last sequence say it all.
			st := s.CachedInfo().State
			out[name] = fmt.Sprintf("%d messages, last %d", st.Msgs, st.LastSeq)
		}
		cancel()
		if err := names.Err(); err != nil {
			last = err
			continue
		}
		if len(out) > 0 && last == nil {
			return out
		}
		last = cmp.Or(last, errors.New("no streams"))
	}
	t.Fatalf("JetStream streams not answering: %v", last)
	return nil
}

// jetStreamBackupRestore backs up the JetStream cluster the way
// docs/deployment.md says (nodes stopped, then the servers, each server's
// store directory archived), loses every server's storage, restores it
// from the archives and starts the servers and the nodes again: every
// stream holds what it held, and the nodes come back ready, answering as
// they did before.
func (h *harness) jetStreamBackupRestore() {
	t := h.t
	start := time.Now()
	answers := h.riskAnswers(0)
	for _, n := range h.nodes[:3] {
		n.dead.Store(true)
		h.stopNode(n)
	}
	before := h.streamStates()
	h.stopNATS()
	backup := filepath.Join(h.dir, "js-backup")
	if err := os.Mkdir(backup, 0o700); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		store := fmt.Sprintf("js%d", i)
		archive := filepath.Join(backup, store+".tar.gz")
		if out, err := exec.Command("tar", "-C", h.dir, "-czf", archive, store).CombinedOutput(); err != nil {
			t.Fatalf("tar: %v\n%s", err, out)
		}
		if err := os.RemoveAll(filepath.Join(h.dir, store)); err != nil { // the storage lost
			t.Fatal(err)
		}
		if out, err := exec.Command("tar", "-C", h.dir, "-xzf", archive).CombinedOutput(); err != nil {
			t.Fatalf("untar: %v\n%s", err, out)
		}
	}
	h.runNATS()
	var after map[string]string
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(200 * time.Millisecond) {
		if after = h.streamStates(); maps.Equal(before, after) || time.Now().After(deadline) {
			break
		}
		t.Logf("streams after the restore, not yet as before: %v", after)
	}
	if !maps.Equal(before, after) {
		t.Errorf("JetStream restored from its backup: streams %v, want %v", after, before)
	}
	for i := range 3 {
		h.startNode(i)
	}
	for i := range 3 {
		h.waitReady(i, 120*time.Second)
		if differ := differing(answers, h.riskAnswers(i)); differ > 0 {
			t.Errorf("node %d after JetStream's restore answers differently for %d of %d reports", i, differ, len(answers))
		}
		// The fraudster's device named in an outcome: a restarted node
		// has it from the store.
		if h.fraudDev != "" && !h.knowsFraudDevice(i, h.fraudDev) {
			t.Errorf("node %d after a restart: the fraudster's device named in an outcome is forgotten", i)
		}
	}
	// And the restored cluster goes on: a report on node 0 reaches the
	// others through the restored change stream.
	phone := "+7701" + randDigits(7)
	h.api(0, "POST", "/v1/indicators", h.keys["police"], map[string]any{"indicators": []map[string]any{{"kind": "phone",
		"value": phone, "category": "scam_call", "confidence": 0.9}}}, nil)
	for i := 1; i < 3; i++ {
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			var a struct{ Risk string }
			if _, err := h.call(i, "GET", "/v1/indicators/phone/"+phone, h.keys["bank1"], nil, &a); err == nil && a.Risk != "none" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("node %d: a report made on node 0 after JetStream's restore not there after 10 s", i)
			}
		}
	}
	t.Logf("JetStream backup and restore: %d streams (%v) archived with the servers stopped, storage lost, restored; "+
		"every stream as it was, 3 nodes ready answering alike for %d reports and a new report on every node, in %s",
		len(before), before, len(answers), time.Since(start).Round(time.Millisecond))
}

// fraudDevice reports on node 0 a confirmed fraud naming the fraudster's
// device, and waits until nodes 1 and 2 decide by it: a payment from that
// device carries device_seen_in_fraud there (the outcome reached them
// through the stream of outcomes).
func (h *harness) fraudDevice() {
	t := h.t
	device := "dev-harness-" + randDigits(8)
	h.fraudDev = device
	var d struct {
		CheckID string `json:"check_id"`
	}
	h.api(0, "POST", "/v1/payments/check", h.keys["bank1"], h.paymentBody("+7701"+randDigits(7), kzIBAN("826", randDigits(13))), &d)
	start := time.Now()
	h.api(0, "POST", "/v1/payments/"+d.CheckID+"/outcome", h.keys["bank1"],
		map[string]any{"outcome": "fraud_confirmed", "fraud_device_id": device}, nil)
	for i := 1; i < 3; i++ {
		for !h.knowsFraudDevice(i, device) {
			if time.Since(start) > 10*time.Second {
				t.Fatalf("node %d: the fraudster's device named on node 0 not known after 10 s", i)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	t.Logf("a fraudster's device named in an outcome on node 0 known to nodes 1 and 2 after %s", time.Since(start).Round(time.Millisecond))
}

// knowsFraudDevice reports whether node i marks a payment from device with
// device_seen_in_fraud.
func (h *harness) knowsFraudDevice(i int, device string) bool {
	body := h.paymentBody("+7701"+randDigits(7), kzIBAN("826", randDigits(13)))
	body["payer"].(map[string]any)["device_id"] = device
	var c struct {
		Reasons []struct{ Code string }
	}
	h.api(i, "POST", "/v1/payments/check", h.keys["bank1"], body, &c)
	return slices.ContainsFunc(c.Reasons, func(r struct{ Code string }) bool { return r.Code == "device_seen_in_fraud" })
}
