package main

import (
	"bytes"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kuzet/kuzet/internal/shakentest"
)

// The SIP switch in the loop: Debian's Kamailio runs deploy/kamailio/kamailio.cfg
// as operators' edges in front of an in-process kuzet, and SIPp plays callers
// and callees. It needs the packages .ci/run installs (kamailio,
// kamailio-utils-modules, kamailio-extra-modules, kamailio-secsipid-modules,
// sip-tester) and runs when KUZET_TEST_KAMAILIO=1.
//
//	SIPp caller ──► edge A (originating) ──► edge B (terminating) ──► SIPp callee
//	     │  └─► edge S (A's, signing) ──┐  ▲  │ verifies (domestic or
//	     │              │ registers     └──┘  │ international port)
//	     └──────────────┼────── directly ────►│
//	                    ▼                     ▼
//	                  kuzet ◄─────────────────┘

// kamailioLab is one run's processes and ports.
type kamailioLab struct {
	t       *testing.T
	dir     string // the test's temporary folder: configs, logs, sockets
	scen    string // deploy/kamailio/sipp
	origA   string // edge A's originating socket
	origS   string // edge S's: A's calls signed, not registered
	domB    string // edge B's domestic socket
	intlB   string // edge B's international socket
	callee  string // SIPp's callee
	ctlA    string
	ctlB    string
	ctlS    string
	callSeq int
	rate    int  // SIPp's calls a second
	rtt     bool // SIPp writes each call's response time (-trace_rtt)
}

func TestKamailioEdge(t *testing.T) {
	if os.Getenv("KUZET_TEST_KAMAILIO") != "1" {
		t.Skip("set KUZET_TEST_KAMAILIO=1 to run Kamailio and SIPp (packages installed by .ci/run)")
	}
	for _, bin := range []string{"kamailio", "kamcmd", "sipp"} {
		if _, err := exec.LookPath(bin); err != nil {
			t.Fatalf("%s is not installed: .ci/run installs kamailio, kamailio-utils-modules, kamailio-extra-modules, kamailio-secsipid-modules and sip-tester", bin)
		}
	}
	data := t.TempDir()
	keyA := orgAdd(t, data, "--name", "Operator A", "--type", "telco", "--prefixes", "7701,7775")
	keyB := orgAdd(t, data, "--name", "Operator B", "--type", "telco", "--prefixes", "7702,7747")
	police := orgAdd(t, data, "--name", "Police", "--type", "police")
	m := MustRunMain(t, data)
	kuzetAddr := strings.TrimPrefix(m.URL(), "http://")

	signer, forger := stiSigners(t, m, keyA, data)
	lab := startKamailioLab(t, m.URL(), keyA, keyB, "", signer)

	// Cases while kuzet runs: each is a few calls, with its expected outcome.
	const n = 4
	lab.sipp("honest, registered by A's edge", lab.origA, "uac-answered.xml", "X-Case: honest",
		numbers(n, "+7701100%04d", "+7702100%04d"))
	lab.sipp("unregistered, on a domestic trunk", lab.domB, "uac-declined.xml", "X-Case: unregistered",
		numbers(n, "+7701200%04d", "+7702200%04d"))
	lab.sipp("domestic number from abroad", lab.intlB, "uac-declined.xml", "X-Case: from-abroad",
		numbers(n, "+7775300%04d", "+7747300%04d"))
	lab.sipp("foreign number from abroad", lab.intlB, "uac-answered.xml", "X-Case: foreign",
		numbers(n, "+4420730%05d", "+7702400%04d"))

	// A→B registered by A's operator, forwarded by B to C: C's edge reads B
	// from the Diversion header.
	const forwardedFrom = "+77025000000"
	for i := range n {
		originate(t, m, keyA, fmt.Sprintf("+7701500%04d", i), forwardedFrom, fmt.Sprintf("fw-%d", i))
	}
	lab.sipp("forwarded (Diversion)", lab.domB, "uac-answered.xml", "Diversion: <sip:"+forwardedFrom+"@127.0.0.1>",
		numbers(n, "+7701500%04d", "+7747500%04d"))

	// Beeline's range: no member holds it, nobody could register its calls.
	lab.sipp("operator not connected", lab.domB, "uac-answered.xml", "X-Case: unverifiable",
		numbers(n, "+7705600%04d", "+7702600%04d"))

	// No number shown: nothing to verify, nothing spoofed.
	lab.sipp("anonymous", lab.domB, "uac-answered.xml", "X-Case: anonymous", []string{"anonymous;+77027000000"})

	// Signed calls (STIR/SHAKEN) need no registration: edge S of operator A
	// signs (secsipid) and does not register.
	lab.sipp("signed by A's edge, not registered", lab.origS, "uac-answered.xml", "X-Case: signed",
		numbers(n, "+7701700%04d", "+7702700%04d"))
	// A forged signature is declined; the test signs as an SBC would.
	const signedA, signedB = "+77017100001", "+77027100001"
	for _, tc := range []struct {
		name, scenario string
		signer         *shakentest.Signer
	}{{"signed by A", "uac-answered.xml", signer}, {"forged signature", "uac-declined.xml", forger}} {
		identity, err := tc.signer.Sign(shakentest.Claims{Attest: "A", Orig: signedA, Dest: []string{signedB},
			IAT: time.Now(), OrigID: "kamailio-test"})
		if err != nil {
			t.Fatal(err)
		}
		lab.sipp(tc.name, lab.domB, tc.scenario, "Identity: "+identity, []string{signedA + ";" + signedB})
	}

	// An INVITE and its retransmission, 0 ms apart, while the first is with
	// kuzet (an unregistered call waits out the grace period): one question.
	lab.retransmitted(lab.domB, "+77018000001", "+77028000001")

	status, stats := call(t, "GET", m.URL()+"/v1/calls/stats", police, "")
	if status != 200 {
		t.Fatalf("stats: got %d %v", status, stats)
	}
	byReason, _ := stats["by_reason"].(map[string]any)
	want := map[string]float64{"ok": 4*n + 1, "not_originated": n + 1, "domestic_cli_from_abroad": n, "unverifiable": n,
		"invalid_identity": 1}
	for reason, count := range want {
		if byReason[reason] != count {
			t.Errorf("kuzet's stats, %s: got %v, want %v (%v)", reason, byReason[reason], count, byReason)
		}
	}
	if stats["verified"] != 7.0*n+3 || stats["blocked"] != 2.0*n+2 {
		t.Errorf("kuzet's stats: got verified %v blocked %v, want %d and %d", stats["verified"], stats["blocked"], 7*n+3, 2*n+2)
	}
	lab.wantStats(lab.ctlA, map[string]int{"kuzet_registered": n, "kuzet_failopen": 0})
	lab.wantStats(lab.ctlS, map[string]int{"kuzet_registered": 0, "kuzet_failopen": 0})
	lab.wantStats(lab.ctlB, map[string]int{"kuzet_verified": 7*n + 3, "kuzet_blocked": 2*n + 2, "kuzet_failopen": 0})

	// kuzet down: calls pass, counted.
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	lab.sipp("kuzet down", lab.domB, "uac-answered.xml", "X-Case: kuzet-down", numbers(n, "+7701800%04d", "+7702800%04d"))
	lab.wantStats(lab.ctlB, map[string]int{"kuzet_failopen": n})

	// kuzet hung (accepts, never answers): the first call waits out the
	// timeout, the edge stops asking for a while, and the next pass at once.
	hung, err := net.Listen("tcp", kuzetAddr)
	if err != nil {
		t.Fatalf("listen where kuzet was: %v", err)
	}
	defer hung.Close()
	go func() {
		var held []net.Conn
		defer func() {
			for _, c := range held {
				c.Close()
			}
		}()
		for {
			c, err := hung.Accept()
			if err != nil {
				return
			}
			held = append(held, c)
		}
	}()
	lab.sipp("kuzet hung", lab.domB, "uac-answered.xml", "X-Case: kuzet-hung", numbers(n, "+7701900%04d", "+7702900%04d"))
	lab.wantStats(lab.ctlB, map[string]int{"kuzet_failopen": 2 * n})
}

// numbers makes n injection lines "a;b" from two patterns.
func numbers(n int, a, b string) []string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf(a+";"+b, i, i)
	}
	return lines
}

// stiSigners makes a trust anchor (set by a regulator added for it), A's
// registered signing certificate, and a forger's certificate under the same
// x5u chained to a CA nobody trusts.
func stiSigners(t *testing.T, m *Main, keyA, data string) (signer, forger *shakentest.Signer) {
	t.Helper()
	regulator := orgAdd(t, data, "--name", "Regulator", "--type", "regulator")
	now := time.Now()
	ca, err := shakentest.NewCA("Test STI-CA", now.AddDate(0, 0, -1), now.AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	signer, err = ca.Issue("Operator A SHAKEN", "https://sti.a.example/kamailio.pem", now.AddDate(0, 0, -1), now.AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	rogue, err := shakentest.NewCA("Rogue", now.AddDate(0, 0, -1), now.AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	forger, err = rogue.Issue("Forger", signer.X5U, now.AddDate(0, 0, -1), now.AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	body := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	if status, r := call(t, "POST", m.URL()+"/v1/sti-anchors", regulator, body(map[string]string{"pem": ca.PEM})); status != 201 {
		t.Fatalf("anchor: got %d %v, want 201", status, r)
	}
	if status, r := call(t, "POST", m.URL()+"/v1/sti-certificates", keyA, body(map[string]string{"x5u": signer.X5U, "pem": signer.PEM})); status != 201 {
		t.Fatalf("certificate: got %d %v, want 201", status, r)
	}
	return signer, forger
}

// startKamailioLab starts edge A (originating), edge B (terminating),
// with a signer edge S (A's calls signed with it, not registered), and
// SIPp's callee; defines are more lines for the edges' kuzet-local.cfg.
func startKamailioLab(t *testing.T, kuzetURL, keyA, keyB, defines string, signer *shakentest.Signer) *kamailioLab {
	t.Helper()
	cfg, err := os.ReadFile("../../deploy/kamailio/kamailio.cfg")
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "kuzet-kamailio-") // short: unix socket paths are limited
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	scen, err := filepath.Abs("../../deploy/kamailio/sipp")
	if err != nil {
		t.Fatal(err)
	}
	l := &kamailioLab{t: t, dir: dir, scen: scen, rate: 20,
		origA: freeUDP(t), domB: freeUDP(t), intlB: freeUDP(t), callee: freeUDP(t), origS: freeUDP(t),
		ctlA: "unix:" + filepath.Join(dir, "a", "ctl"), ctlB: "unix:" + filepath.Join(dir, "b", "ctl"),
		ctlS: "unix:" + filepath.Join(dir, "s", "ctl")}
	port := func(addr string) string { _, p, _ := net.SplitHostPort(addr); return p }
	edges := []struct{ name, local string }{
		{"a", fmt.Sprintf(`#!define ORIGINATING
#!define KUZET_URL %q
#!define KUZET_KEY %q
#!substdef "!ORIG_PORT!%s!g"
#!define ORIG_NEXT_HOP "sip:%s"
`, kuzetURL, keyA, port(l.origA), l.domB)},
		{"b", fmt.Sprintf(`#!define TERMINATING
#!define KUZET_URL %q
#!define KUZET_KEY %q
#!substdef "!DOMESTIC_PORT!%s!g"
#!substdef "!INTL_PORT!%s!g"
#!define TERM_NEXT_HOP "sip:%s"
`, kuzetURL, keyB, port(l.domB), port(l.intlB), l.callee)},
	}
	if signer != nil {
		der, err := x509.MarshalECPrivateKey(signer.Key)
		if err != nil {
			t.Fatal(err)
		}
		keyFile := filepath.Join(dir, "sti-key.pem")
		if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}), 0o600); err != nil {
			t.Fatal(err)
		}
		edges = append(edges, struct{ name, local string }{"s", fmt.Sprintf(`#!define ORIGINATING
#!define KUZET_URL %q
#!define KUZET_KEY %q
#!define STI_KEY %q
#!define STI_X5U %q
#!define KUZET_NO_REGISTRATION
#!substdef "!ORIG_PORT!%s!g"
#!define ORIG_NEXT_HOP "sip:%s"
`, kuzetURL, keyA, keyFile, signer.X5U, port(l.origS), l.domB)})
	}
	for _, e := range edges {
		edir := filepath.Join(dir, e.name)
		local := e.local + defines + fmt.Sprintf("#!trydef SIP_CHILDREN 4\n#!define CTL_SOCKET \"unix:%s\"\n", filepath.Join(edir, "ctl"))
		if err := os.MkdirAll(edir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(edir, "kamailio.cfg"), cfg, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(edir, "kuzet-local.cfg"), []byte(local), 0o644); err != nil {
			t.Fatal(err)
		}
		l.start("kamailio "+e.name, filepath.Join(edir, "log"), "kamailio", "-f", filepath.Join(edir, "kamailio.cfg"),
			"-DD", "-E", "-Y", edir, "-w", edir)
		ctl := "unix:" + filepath.Join(edir, "ctl")
		for i := 0; ; i++ {
			if exec.Command("kamcmd", "-s", ctl, "core.uptime").Run() == nil {
				break
			}
			if i == 100 {
				log, _ := os.ReadFile(filepath.Join(edir, "log"))
				t.Fatalf("kamailio %s did not start: %s", e.name, tail(log, 1500))
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	h, p, _ := net.SplitHostPort(l.callee)
	l.start("sipp callee", filepath.Join(dir, "callee.log"), "sipp", "-sf", filepath.Join(scen, "uas.xml"),
		"-i", h, "-p", p, "-nostdin")
	return l
}

// start runs a process for the rest of the test, its output into logFile.
func (l *kamailioLab) start(name, logFile string, args ...string) {
	l.t.Helper()
	out, err := os.Create(logFile)
	if err != nil {
		l.t.Fatal(err)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr, cmd.Dir = out, out, l.dir
	if err := cmd.Start(); err != nil {
		l.t.Fatalf("start %s: %v", name, err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	l.t.Cleanup(func() {
		// SIGTERM: Kamailio's main process then stops its children.
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		out.Close()
	})
}

var sippCount = regexp.MustCompile(`(?m)^\s*(Successful|Failed) call\s*\|.*\|\s*(\d+)\s*$`)

// sipp places one call per injection line to target, with one more header
// line in its INVITE, and fails the test
// unless every one ends as the scenario expects.
func (l *kamailioLab) sipp(name, target, scenario, header string, lines []string) {
	l.t.Helper()
	l.callSeq++
	inf := filepath.Join(l.dir, fmt.Sprintf("calls-%d.csv", l.callSeq))
	if err := os.WriteFile(inf, []byte("SEQUENTIAL\n"+strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		l.t.Fatal(err)
	}
	h, p, _ := net.SplitHostPort(freeUDP(l.t))
	args := []string{target, "-sf", filepath.Join(l.scen, scenario), "-inf", inf,
		"-key", "hdr", header, "-i", h, "-p", p, "-m", strconv.Itoa(len(lines)), "-r", strconv.Itoa(l.rate), "-nostdin",
		"-timeout", "60s", "-timeout_error", "-recv_timeout", "5000", "-trace_err", "-error_file", inf + ".errors"}
	if l.rtt {
		args = append(args, "-trace_rtt", "-rtt_freq", "1")
	}
	cmd := exec.Command("sipp", args...)
	cmd.Dir = l.dir
	out, _ := cmd.CombinedOutput() // the exit status is 1 when a call failed: counted below
	got := map[string]int{}
	for _, m := range sippCount.FindAllSubmatch(out, -1) {
		got[string(m[1])], _ = strconv.Atoi(string(m[2]))
	}
	if got["Successful"] != len(lines) || got["Failed"] != 0 {
		errs, _ := os.ReadFile(inf + ".errors")
		l.t.Errorf("%s: SIPp counted %d successful and %d failed calls of %d, want all successful (%s):\n%s\n%s",
			name, got["Successful"], got["Failed"], len(lines), scenario, tail(out, 1500), tail(errs, 3000))
	}
}

// retransmitted sends an INVITE from a to b twice at once to target, as a
// caller retransmitting over UDP would, and checks that one 603 comes back;
// it ACKs the 603.
func (l *kamailioLab) retransmitted(target, a, b string) {
	l.t.Helper()
	conn, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		l.t.Fatal(err)
	}
	defer conn.Close()
	dst, err := net.ResolveUDPAddr("udp", target)
	if err != nil {
		l.t.Fatal(err)
	}
	local := conn.LocalAddr().String()
	head := func(method string) string {
		return fmt.Sprintf("%s sip:%s@%s SIP/2.0\r\nVia: SIP/2.0/UDP %s;branch=z9hG4bK-kuzet-retrans\r\n"+
			"From: <sip:%s@127.0.0.1>;tag=retrans\r\n", method, b, target, local, a)
	}
	invite := head("INVITE") + fmt.Sprintf("To: <sip:%s@127.0.0.1>\r\nCall-ID: retrans@kuzet.test\r\n"+
		"CSeq: 1 INVITE\r\nContact: <sip:%s@%s>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n", b, a, local)
	for range 2 {
		if _, err := conn.WriteTo([]byte(invite), dst); err != nil {
			l.t.Fatal(err)
		}
	}
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 65535)
	for {
		k, _, err := conn.ReadFrom(buf)
		if err != nil {
			l.t.Errorf("retransmitted INVITE: no final answer: %v", err)
			return
		}
		msg := string(buf[:k])
		if strings.HasPrefix(msg, "SIP/2.0 1") {
			continue
		}
		if !strings.HasPrefix(msg, "SIP/2.0 603") || !strings.Contains(msg, "cause=603") {
			l.t.Errorf("retransmitted INVITE: got %q, want 603 with a Reason", tail([]byte(msg), 300))
			return
		}
		to := regexp.MustCompile(`(?mi)^To:.*$`).FindString(msg)
		ack := head("ACK") + strings.TrimSpace(to) + "\r\nCall-ID: retrans@kuzet.test\r\nCSeq: 1 ACK\r\n" +
			"Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n"
		conn.WriteTo([]byte(ack), dst)
		return
	}
}

// wantStats checks an edge's counters (kamcmd stats.get_statistics).
func (l *kamailioLab) wantStats(ctl string, want map[string]int) {
	l.t.Helper()
	out, err := exec.Command("kamcmd", "-s", ctl, "stats.get_statistics", "all").CombinedOutput()
	if err != nil {
		l.t.Fatalf("kamcmd: %v: %s", err, out)
	}
	for name, n := range want {
		re := regexp.MustCompile(`(?m)^script:` + name + ` = (\d+)$`)
		got := "none"
		if m := re.FindSubmatch(out); m != nil {
			got = string(m[1])
		}
		if got != strconv.Itoa(n) {
			l.t.Errorf("edge counter %s: got %s, want %d", name, got, n)
		}
	}
}

// freeUDP returns a loopback address whose UDP port is free now.
func freeUDP(t *testing.T) string {
	t.Helper()
	c, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	return c.LocalAddr().String()
}

func tail(b []byte, n int) string {
	b = bytes.TrimSpace(b)
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}
