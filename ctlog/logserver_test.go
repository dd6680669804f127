package ctlog_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	ct "github.com/google/certificate-transparency-go"
	cttls "github.com/google/certificate-transparency-go/tls"
	ctx509 "github.com/google/certificate-transparency-go/x509"
	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ctlog/ctlogtest"
)

// logTime is when the test log's certificates were issued and logged.
var logTime = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// testLog is a small RFC 6962 log served by httptest: get-sth (signed),
// get-entries and get-sth-consistency over entries the test adds, with
// faults the test switches on.
type testLog struct {
	t      testing.TB
	server *httptest.Server
	key    *ecdsa.PrivateKey
	caKey  *ecdsa.PrivateKey
	ca     *x509.Certificate

	mu      sync.Mutex
	entries []ct.LeafEntry
	serial  int64
	// pageMax caps the entries of one get-entries answer; 0 does not.
	pageMax int
	// extra entries are added to each get-entries answer beyond those
	// asked for, as far as the log has them.
	extra int
	// fail holds, per path, how many of the next requests get a 500.
	fail map[string]int
	// sthSize, if not negative, is the tree size get-sth reports: a
	// lagging frontend.
	sthSize int
	// grow is appended to the log right after the next get-sth has
	// computed its answer: the tree grows while the follower follows.
	grow []ct.LeafEntry
	// calls and failed count requests and 500s by path.
	calls, failed map[string]int
	// forged holds, by index, entries get-entries serves instead of the
	// logged ones, which the tree head and proofs still commit to: a log
	// serving entries not in its tree.
	forged map[int]ct.LeafEntry
	// sthTime is the timestamp of the tree heads get-sth signs.
	sthTime time.Time
}

func newTestLog(t testing.TB) *testLog {
	t.Helper()
	l := &testLog{t: t, fail: map[string]int{}, calls: map[string]int{}, failed: map[string]int{}, sthSize: -1,
		forged: map[int]ct.LeafEntry{}, sthTime: logTime.Add(time.Hour)}
	l.key = mustKey(t)
	l.caKey = mustKey(t)
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "Test Issuing CA", Organization: []string{"Test"}},
		NotBefore:             logTime.Add(-24 * time.Hour),
		NotAfter:              logTime.Add(365 * 24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign,
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

func mustKey(t testing.TB) *ecdsa.PrivateKey {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// URL returns the log's base URL.
func (l *testLog) URL() string { return l.server.URL + "/log" }

// publicKey returns the DER public key that signs the log's tree heads.
func (l *testLog) publicKey() []byte {
	der, err := x509.MarshalPKIXPublicKey(&l.key.PublicKey)
	if err != nil {
		l.t.Fatal(err)
	}
	return der
}

// poisonOID marks a pre-certificate (RFC 6962 section 3.1).
var poisonOID = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 3}

// issue makes a certificate for names, the first as its common name; a
// pre-certificate carries the poison extension.
func (l *testLog) issue(precert bool, names []string) []byte {
	l.serial++
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1000 + l.serial),
		Subject:      pkix.Name{CommonName: names[0]},
		NotBefore:    logTime,
		NotAfter:     logTime.Add(90 * 24 * time.Hour),
		DNSNames:     names,
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	if precert {
		tmpl.ExtraExtensions = []pkix.Extension{{Id: poisonOID, Critical: true, Value: []byte{0x05, 0x00}}}
	}
	key := mustKey(l.t)
	der, err := x509.CreateCertificate(rand.Reader, tmpl, l.ca, &key.PublicKey, l.caKey)
	if err != nil {
		l.t.Fatal(err)
	}
	return der
}

// entry encodes a certificate as a log entry: the MerkleTreeLeaf and, as
// extra data, the chain (RFC 6962 sections 3.4 and 4.6).
func (l *testLog) entry(precert bool, der []byte, index int) ct.LeafEntry {
	ts := uint64(logTime.Add(time.Duration(index) * time.Second).UnixMilli())
	var leaf *ct.MerkleTreeLeaf
	var extra any
	if precert {
		pre, err := ctx509.ParseCertificate(der)
		if err != nil {
			l.t.Fatal(err)
		}
		issuer, err := ctx509.ParseCertificate(l.ca.Raw)
		if err != nil {
			l.t.Fatal(err)
		}
		if leaf, err = ct.MerkleTreeLeafFromChain([]*ctx509.Certificate{pre, issuer}, ct.PrecertLogEntryType, ts); err != nil {
			l.t.Fatal(err)
		}
		extra = ct.PrecertChainEntry{PreCertificate: ct.ASN1Cert{Data: der}, CertificateChain: []ct.ASN1Cert{{Data: l.ca.Raw}}}
	} else {
		leaf = ct.CreateX509MerkleTreeLeaf(ct.ASN1Cert{Data: der}, ts)
		extra = ct.CertificateChain{Entries: []ct.ASN1Cert{{Data: l.ca.Raw}}}
	}
	li, err := cttls.Marshal(*leaf)
	if err != nil {
		l.t.Fatal(err)
	}
	ed, err := cttls.Marshal(extra)
	if err != nil {
		l.t.Fatal(err)
	}
	return ct.LeafEntry{LeafInput: li, ExtraData: ed}
}

// add logs a certificate (or a pre-certificate) for names.
func (l *testLog) add(precert bool, names ...string) {
	der := l.issue(precert, names)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, l.entry(precert, der, len(l.entries)))
}

// addJunk logs an entry that is no certificate.
func (l *testLog) addJunk() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, ct.LeafEntry{LeafInput: []byte("not a leaf"), ExtraData: []byte{1, 2, 3}})
}

// addSites logs n certificates, alternately plain and pre-certificates,
// for site-<k>.example and www.site-<k>.example, k counting from the
// log's size, and returns their names in log order.
func (l *testLog) addSites(n int) []string {
	l.mu.Lock()
	from := len(l.entries)
	l.mu.Unlock()
	entries, names := l.makeSites(from, n)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, entries...)
	return names
}

// makeSites returns the entries addSites would log at index from on,
// without logging them, and their names.
func (l *testLog) makeSites(from, n int) ([]ct.LeafEntry, []string) {
	var entries []ct.LeafEntry
	var names []string
	for k := from; k < from+n; k++ {
		ns := []string{fmt.Sprintf("site-%d.example", k), fmt.Sprintf("www.site-%d.example", k)}
		precert := k%2 == 1
		entries = append(entries, l.entry(precert, l.issue(precert, ns), k))
		names = append(names, ns...)
	}
	return entries, names
}

// forge makes get-entries serve, at index i, a certificate for names
// that is not in the tree, and returns the names.
func (l *testLog) forge(i int, names ...string) {
	der := l.issue(false, names)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.forged[i] = l.entry(false, der, i)
}

// replace rewrites entry i: the log forks.
func (l *testLog) replace(i int) {
	der := l.issue(false, []string{"forged.example"})
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries[i] = l.entry(false, der, i)
}

func (l *testLog) set(fn func(l *testLog)) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fn(l)
}

func (l *testLog) count(path string) (calls, failed int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.calls[path], l.failed[path]
}

// root returns the root hash of the first n entries.
func (l *testLog) root(n int) []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	return ctlogtest.RootHash(ctlogtest.LeafHashes(l.entries[:n]))
}

// failing answers a request with a 500 if the test asked for it.
func (l *testLog) failing(w http.ResponseWriter, path string) bool {
	l.calls[path]++
	if l.fail[path] > 0 {
		l.fail[path]--
		l.failed[path]++
		http.Error(w, "log overloaded", http.StatusInternalServerError)
		return true
	}
	return false
}

func (l *testLog) handleSTH(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.failing(w, "get-sth") {
		return
	}
	size := len(l.entries)
	if l.sthSize >= 0 {
		size = l.sthSize
	}
	sth := ct.SignedTreeHead{Version: ct.V1, TreeSize: uint64(size), Timestamp: uint64(l.sthTime.UnixMilli())}
	copy(sth.SHA256RootHash[:], ctlogtest.RootHash(ctlogtest.LeafHashes(l.entries[:size])))
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
	writeJSON(w, ct.GetSTHResponse{TreeSize: sth.TreeSize, Timestamp: sth.Timestamp,
		SHA256RootHash: sth.SHA256RootHash[:], TreeHeadSignature: sigBytes})
	l.entries, l.grow = append(l.entries, l.grow...), nil
}

func (l *testLog) handleEntries(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.failing(w, "get-entries") {
		return
	}
	start, err1 := strconv.Atoi(r.URL.Query().Get("start"))
	end, err2 := strconv.Atoi(r.URL.Query().Get("end"))
	if err1 != nil || err2 != nil || start < 0 || end < start || start >= len(l.entries) {
		http.Error(w, "bad range", http.StatusBadRequest)
		return
	}
	end = min(end, len(l.entries)-1)
	n := end - start + 1
	if l.pageMax > 0 {
		n = min(n, l.pageMax)
	}
	n = min(n+l.extra, len(l.entries)-start)
	entries := slices.Clone(l.entries[start : start+n])
	for i := range entries {
		if e, ok := l.forged[start+i]; ok {
			entries[i] = e
		}
	}
	writeJSON(w, ct.GetEntriesResponse{Entries: entries})
}

func (l *testLog) handleConsistency(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.failing(w, "get-sth-consistency") {
		return
	}
	first, err1 := strconv.Atoi(r.URL.Query().Get("first"))
	second, err2 := strconv.Atoi(r.URL.Query().Get("second"))
	if err1 != nil || err2 != nil || first < 0 || second < first || second > len(l.entries) {
		http.Error(w, "bad sizes", http.StatusBadRequest)
		return
	}
	writeJSON(w, ct.GetSTHConsistencyResponse{Consistency: ctlogtest.ConsistencyProof(first, ctlogtest.LeafHashes(l.entries[:second]))})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// memCheckpoints keeps checkpoints in memory, with faults.
type memCheckpoints struct {
	mu      sync.Mutex
	cps     map[string]kuzet.CTCheckpoint
	putErrs int // fail this many of the next puts
	puts    int
}

func newMemCheckpoints() *memCheckpoints {
	return &memCheckpoints{cps: map[string]kuzet.CTCheckpoint{}}
}

func (m *memCheckpoints) FindCTCheckpoint(_ context.Context, logID string) (*kuzet.CTCheckpoint, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.cps[logID]
	if !ok {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no checkpoint for %s", logID)
	}
	c.RootHash = slices.Clone(c.RootHash)
	return &c, nil
}

func (m *memCheckpoints) PutCTCheckpoint(_ context.Context, c *kuzet.CTCheckpoint) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.putErrs > 0 {
		m.putErrs--
		return fmt.Errorf("checkpoint store down")
	}
	m.puts++
	cp := *c
	cp.RootHash = slices.Clone(c.RootHash)
	m.cps[c.LogID] = cp
	return nil
}

func (m *memCheckpoints) get(logID string) (kuzet.CTCheckpoint, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.cps[logID]
	return c, ok
}
