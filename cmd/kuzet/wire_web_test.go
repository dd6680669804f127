package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	ct "github.com/google/certificate-transparency-go"
	cttls "github.com/google/certificate-transparency-go/tls"
	ctx509 "github.com/google/certificate-transparency-go/x509"
	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ctlog/ctlogtest"
)

// ctTestLog is a small RFC 6962 log served by httptest: get-sth (signed),
// get-entries and get-sth-consistency over the certificates a test logs.
// It answers at most pageMax entries a request, as real logs do, and
// remembers where each get-entries started.
type ctTestLog struct {
	t       testing.TB
	server  *httptest.Server
	key     *ecdsa.PrivateKey
	caKey   *ecdsa.PrivateKey
	ca      *x509.Certificate
	pageMax int

	mu      sync.Mutex
	entries []ct.LeafEntry
	starts  []int // of the get-entries asked for
}

// ctTime is when the test log's certificates were issued.
var ctTime = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func newCTTestLog(t testing.TB) *ctTestLog {
	t.Helper()
	l := &ctTestLog{t: t, key: mustECKey(t), caKey: mustECKey(t), pageMax: 2}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Test Issuing CA"},
		NotBefore: ctTime.Add(-24 * time.Hour), NotAfter: ctTime.Add(365 * 24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &l.caKey.PublicKey, l.caKey)
	if err != nil {
		t.Fatal(err)
	}
	if l.ca, err = x509.ParseCertificate(der); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /log/ct/v1/get-sth", l.handleSTH)
	mux.HandleFunc("GET /log/ct/v1/get-entries", l.handleEntries)
	mux.HandleFunc("GET /log/ct/v1/get-sth-consistency", l.handleConsistency)
	l.server = httptest.NewServer(mux)
	t.Cleanup(l.server.Close)
	return l
}

func mustECKey(t testing.TB) *ecdsa.PrivateKey {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// URL is the log's base URL.
func (l *ctTestLog) URL() string { return l.server.URL + "/log" }

// publicKey is the base64 DER key that signs the tree heads, as log lists
// publish it.
func (l *ctTestLog) publicKey() string {
	der, err := x509.MarshalPKIXPublicKey(&l.key.PublicKey)
	if err != nil {
		l.t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(der)
}

// add logs a certificate, or a pre-certificate, for names.
func (l *ctTestLog) add(precert bool, names ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(int64(1000 + len(l.entries))), Subject: pkix.Name{CommonName: names[0]},
		NotBefore: ctTime, NotAfter: ctTime.Add(90 * 24 * time.Hour), DNSNames: names,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	if precert {
		poison := asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 3} // RFC 6962 section 3.1
		tmpl.ExtraExtensions = []pkix.Extension{{Id: poison, Critical: true, Value: []byte{0x05, 0x00}}}
	}
	key := mustECKey(l.t)
	der, err := x509.CreateCertificate(rand.Reader, tmpl, l.ca, &key.PublicKey, l.caKey)
	if err != nil {
		l.t.Fatal(err)
	}
	ts := uint64(ctTime.Add(time.Duration(len(l.entries)) * time.Second).UnixMilli())
	var leaf *ct.MerkleTreeLeaf
	var extra any
	if precert {
		pre, err1 := ctx509.ParseCertificate(der)
		issuer, err2 := ctx509.ParseCertificate(l.ca.Raw)
		if err1 != nil || err2 != nil {
			l.t.Fatal(err1, err2)
		}
		if leaf, err = ct.MerkleTreeLeafFromChain([]*ctx509.Certificate{pre, issuer}, ct.PrecertLogEntryType, ts); err != nil {
			l.t.Fatal(err)
		}
		extra = ct.PrecertChainEntry{PreCertificate: ct.ASN1Cert{Data: der}, CertificateChain: []ct.ASN1Cert{{Data: l.ca.Raw}}}
	} else {
		leaf = ct.CreateX509MerkleTreeLeaf(ct.ASN1Cert{Data: der}, ts)
		extra = ct.CertificateChain{Entries: []ct.ASN1Cert{{Data: l.ca.Raw}}}
	}
	li, err1 := cttls.Marshal(*leaf)
	ed, err2 := cttls.Marshal(extra)
	if err1 != nil || err2 != nil {
		l.t.Fatal(err1, err2)
	}
	l.entries = append(l.entries, ct.LeafEntry{LeafInput: li, ExtraData: ed})
}

func (l *ctTestLog) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.entries)
}

// startsSince returns where the get-entries requests from the n-th on
// started.
func (l *ctTestLog) startsSince(n int) []int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.starts[min(n, len(l.starts)):])
}

func (l *ctTestLog) requests() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.starts)
}

func (l *ctTestLog) handleSTH(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	sth := ct.SignedTreeHead{Version: ct.V1, TreeSize: uint64(len(l.entries)), Timestamp: uint64(ctTime.Add(time.Hour).UnixMilli())}
	copy(sth.SHA256RootHash[:], ctlogtest.RootHash(ctlogtest.LeafHashes(l.entries)))
	input, err := ct.SerializeSTHSignatureInput(sth)
	if err != nil {
		l.t.Error(err)
	}
	sig, err := cttls.CreateSignature(*l.key, cttls.SHA256, input)
	if err != nil {
		l.t.Error(err)
	}
	sigBytes, err := cttls.Marshal(sig)
	if err != nil {
		l.t.Error(err)
	}
	writeCTJSON(w, ct.GetSTHResponse{TreeSize: sth.TreeSize, Timestamp: sth.Timestamp,
		SHA256RootHash: sth.SHA256RootHash[:], TreeHeadSignature: sigBytes})
}

func (l *ctTestLog) handleEntries(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	start, err1 := strconv.Atoi(r.URL.Query().Get("start"))
	end, err2 := strconv.Atoi(r.URL.Query().Get("end"))
	if err1 != nil || err2 != nil || start < 0 || end < start || start >= len(l.entries) {
		http.Error(w, "bad range", http.StatusBadRequest)
		return
	}
	l.starts = append(l.starts, start)
	end = min(end, len(l.entries)-1, start+l.pageMax-1)
	writeCTJSON(w, ct.GetEntriesResponse{Entries: l.entries[start : end+1]})
}

func (l *ctTestLog) handleConsistency(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	first, err1 := strconv.Atoi(r.URL.Query().Get("first"))
	second, err2 := strconv.Atoi(r.URL.Query().Get("second"))
	if err1 != nil || err2 != nil || first < 0 || second < first || second > len(l.entries) {
		http.Error(w, "bad sizes", http.StatusBadRequest)
		return
	}
	writeCTJSON(w, ct.GetSTHConsistencyResponse{Consistency: ctlogtest.ConsistencyProof(first, ctlogtest.LeafHashes(l.entries[:second]))})
}

func writeCTJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// runWebMain starts the server on data following log, from its first
// entry and checking its signatures.
func runWebMain(t *testing.T, data string, log *ctTestLog) *Main {
	t.Helper()
	env, _, _ := testEnv()
	m := NewMain(env)
	m.Config.Data, m.Config.Addr, m.Config.LogLevel = data, "127.0.0.1:0", "error"
	m.Config.Web = WebConfig{CTLogs: []string{log.URL()}, CTLogKeys: []string{log.publicKey()}, CTFromStart: true,
		CTPoll: 5 * time.Millisecond}
	if err := m.Run(context.Background()); err != nil {
		m.Close()
		t.Fatalf("run: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

// ctFindings returns the findings the CT follower made, by ID.
func ctFindings(t *testing.T, m *Main, key string) []kuzet.WebFinding {
	t.Helper()
	req, err := http.NewRequest("GET", m.URL()+"/v1/web/findings?source=ct", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var page struct{ Findings []kuzet.WebFinding }
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil || resp.StatusCode != 200 {
		t.Fatalf("list findings: got %d, %v", resp.StatusCode, err)
	}
	return page.Findings
}

// waitForFindings polls the API until the CT follower has made n
// findings, and returns them. The deadline only bounds a broken follower.
func waitForFindings(t *testing.T, m *Main, key string, n int) []kuzet.WebFinding {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		fs := ctFindings(t, m, key)
		if len(fs) >= n || time.Now().After(deadline) {
			if len(fs) != n {
				t.Fatalf("got %d findings from the CT log, want %d: %+v", len(fs), n, fs)
			}
			return fs
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitForCheckpoint waits until the follower has checkpointed the log's
// every entry.
func waitForCheckpoint(t *testing.T, m *Main, log *ctTestLog) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		cp, err := m.Web.FindCTCheckpoint(context.Background(), log.URL())
		if err == nil && cp.NextIndex == int64(log.size()) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("checkpoint: got %+v, %v, want every one of %d entries", cp, err, log.size())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestCTFollowerFindings(t *testing.T) {
	log := newCTTestLog(t)
	log.add(false, "kaspi-bonus.top", "www.kaspi-bonus.top")
	log.add(false, "example.org")
	log.add(true, "halyk-bonus.com")
	data := t.TempDir()
	police := orgAdd(t, data, "--name", "Police", "--type", "police")

	m := runWebMain(t, data, log)
	fs := waitForFindings(t, m, police, 3)
	domains := []string{fs[0].Domain, fs[1].Domain, fs[2].Domain}
	if want := []string{"kaspi-bonus.top", "www.kaspi-bonus.top", "halyk-bonus.com"}; !slices.Equal(domains, want) {
		t.Errorf("got findings %v, want %v", domains, want)
	}
	c := fs[2].Certificate
	if c == nil || !c.Precert || c.Log != log.URL() || c.LogIndex != 2 || c.Issuer == "" || !c.NotBefore.Equal(ctTime) ||
		fs[2].Brand != "halyk" || fs[2].SourceDetail != log.URL() || fs[2].SubmittedBy != 0 {
		t.Errorf("halyk finding: got %+v with certificate %+v, want the pre-certificate's details from the log", fs[2], c)
	}

	// The tree grows: the follower checks the new head extends the old
	// one and reads only the new entry.
	waitForCheckpoint(t, m, log)
	resp, err := http.Get(m.URL() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`kuzet_ct_sth_signature_checked{log="` + log.URL() + `"} 1`, `kuzet_ct_tree_size{log="` + log.URL() + `"} 3`,
		`kuzet_ct_entries_refused_total{log="` + log.URL() + `"} 0`} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	seen := log.requests()
	log.add(false, "egov.kz.verify-id.top")
	fs = waitForFindings(t, m, police, 4)
	if fs[3].Domain != "egov.kz.verify-id.top" || fs[3].Brand != "egov" {
		t.Errorf("new entry: got %+v, want the egov look-alike", fs[3])
	}
	if starts := log.startsSince(seen); len(starts) == 0 || slices.Min(starts) != 3 {
		t.Errorf("after growth: got reads from %v, want only from entry 3 on", starts)
	}
	waitForCheckpoint(t, m, log)
	if err := m.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}

	// A restart resumes at the checkpoint: nothing is read twice.
	seen = log.requests()
	log.add(false, "kolesa-dostavka.kz")
	m = runWebMain(t, data, log)
	fs = waitForFindings(t, m, police, 5)
	if fs[4].Domain != "kolesa-dostavka.kz" {
		t.Errorf("after restart: got %+v, want the kolesa look-alike", fs[4])
	}
	if starts := log.startsSince(seen); slices.Min(starts) != 4 {
		t.Errorf("after restart: got reads from %v, want only from entry 4 on", starts)
	}
	m.Close()
	env, out, _ := testEnv()
	if code := run(context.Background(), env, []string{"audit", "verify", "--data", data}); code != 0 {
		t.Fatalf("audit verify: exit %d: %s", code, out)
	}
}

func TestWebConfig(t *testing.T) {
	dir := t.TempDir()
	brands := filepath.Join(dir, "brands.txt")
	if err := os.WriteFile(brands, []byte("acme acme.kz | acme\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	key := mustECKey(t)
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	pemFile := filepath.Join(dir, "log.pem")
	if err := os.WriteFile(pemFile, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}

	t.Run("flags", func(t *testing.T) {
		env, _, _ := testEnv()
		m := NewMain(env)
		err := m.ParseFlags([]string{"--brands", brands, "--ct-log", "https://ct.example/a", "--ct-log", "https://ct.example/b",
			"--ct-log-key", pemFile, "--ct-from-start", "--ct-poll", "30s", "--ct-stale-after", "2h"})
		if err != nil {
			t.Fatal(err)
		}
		want := WebConfig{Brands: brands, CTLogs: []string{"https://ct.example/a", "https://ct.example/b"}, CTLogKeys: []string{pemFile},
			CTFromStart: true, CTPoll: 30 * time.Second, CTStaleAfter: 2 * time.Hour}
		if got := m.Config.Web; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("got %+v, want %+v", got, want)
		}
		got, err := logKey(pemFile)
		if err != nil || !slices.Equal(got, der) {
			t.Errorf("PEM key file: got %x, %v, want the DER key", got, err)
		}
		if got, err := logKey(base64.StdEncoding.EncodeToString(der)); err != nil || !slices.Equal(got, der) {
			t.Errorf("base64 key: got %x, %v, want the DER key", got, err)
		}
	})

	t.Run("environment", func(t *testing.T) {
		env, _, _ := testEnv()
		env.Getenv = func(name string) string {
			return map[string]string{"KUZET_CT_LOG": "https://ct.example/a,https://ct.example/b", "KUZET_BRANDS": brands}[name]
		}
		m := NewMain(env)
		if err := m.ParseFlags(nil); err != nil {
			t.Fatal(err)
		}
		if got := m.Config.Web; len(got.CTLogs) != 2 || got.Brands != brands {
			t.Errorf("got %+v, want two logs and the brands file from the environment", got)
		}
	})

	// The --brands watchlist is the one the server scores with.
	t.Run("brands", func(t *testing.T) {
		data := t.TempDir()
		police := orgAdd(t, data, "--name", "Police", "--type", "police")
		env, _, _ := testEnv()
		m := NewMain(env)
		m.Config.Data, m.Config.Addr, m.Config.LogLevel, m.Config.Web.Brands = data, "127.0.0.1:0", "error", brands
		if err := m.Run(context.Background()); err != nil {
			m.Close()
			t.Fatal(err)
		}
		defer m.Close()
		status, body := call(t, "POST", m.URL()+"/v1/web/domains", police,
			`{"source":"analyst","domains":["acme-login.top","kaspi-bonus.top"]}`)
		results, _ := body["results"].([]any)
		if status != 200 || len(results) != 2 || results[0].(map[string]any)["brand"] != "acme" ||
			results[1].(map[string]any)["status"] != "clean" {
			t.Errorf("got %d %v, want acme's look-alike flagged and kaspi's not watched", status, body)
		}
	})

	for _, tc := range []struct {
		name string
		web  WebConfig
	}{
		{"missing watchlist", WebConfig{Brands: filepath.Join(dir, "nope.txt")}},
		{"malformed watchlist", WebConfig{Brands: pemFile}},
		{"more keys than logs", WebConfig{CTLogs: []string{"https://ct.example/a"}, CTLogKeys: []string{pemFile, pemFile}}},
		{"bad key", WebConfig{CTLogs: []string{"https://ct.example/a"}, CTLogKeys: []string{"not base64!"}}},
		{"bad log URL", WebConfig{CTLogs: []string{"ftp://ct.example/a"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env, _, _ := testEnv()
			m := NewMain(env)
			m.Config.Data, m.Config.Addr, m.Config.LogLevel, m.Config.Web = t.TempDir(), "127.0.0.1:0", "error", tc.web
			err := m.Run(context.Background())
			m.Close()
			if err == nil {
				t.Fatal("got no error, want Run to refuse the configuration")
			}
		})
	}
}
