package ctlog_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ctlog"
	"github.com/kuzet/kuzet/ctlog/ctlogtest"
	"github.com/kuzet/kuzet/webwatch"
)

// The web service keeps the followers' checkpoints in the web store.
var _ ctlog.Checkpoints = (*webwatch.Service)(nil)

var quiet = slog.New(slog.DiscardHandler)

// recorder is a Handler that keeps what it was given.
type recorder struct {
	mu      sync.Mutex
	batches []ctlog.Batch
	names   []string
	// failAt, if positive, makes the failAt-th call (counting from 1)
	// fail, as a store that went down would.
	failAt int
	calls  int
	// notify, if set, gets the number of names after each batch.
	notify chan int
}

func (r *recorder) handle(_ context.Context, b *ctlog.Batch) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	if r.calls == r.failAt {
		return errors.New("store down")
	}
	r.batches = append(r.batches, *b)
	for _, n := range b.Names {
		r.names = append(r.names, n.Domain)
	}
	if r.notify != nil {
		select {
		case r.notify <- len(r.names):
		default:
		}
	}
	return nil
}

func (r *recorder) got() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.names)
}

// checkContiguous fails unless the batches handed on cover the log from
// index from on, each starting where the previous ended.
func (r *recorder) checkContiguous(t *testing.T, from int64) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	next := from
	for _, b := range r.batches {
		if b.Start < next {
			t.Errorf("got batch [%d, %d) after entries up to %d: a duplicate", b.Start, b.End, next)
		}
		// A batch may start later only past entries without names.
		if b.End <= b.Start || b.Checkpoint.NextIndex != b.End {
			t.Errorf("got batch [%d, %d) with checkpoint %d, want a non-empty batch checkpointed at its end", b.Start, b.End, b.Checkpoint.NextIndex)
		}
		next = b.End
	}
}

func newFollower(t *testing.T, l *testLog, cps ctlog.Checkpoints, h ctlog.Handler, edit func(*ctlog.Config)) *ctlog.Follower {
	t.Helper()
	cfg := ctlog.Config{URL: l.URL(), PublicKeyDER: l.publicKey(), PageSize: 4, MinBackoff: time.Millisecond,
		MaxBackoff: 4 * time.Millisecond, PollInterval: time.Millisecond, Logger: quiet,
		Clock: kuzet.FixedClock(logTime.Add(2 * time.Hour))}
	if edit != nil {
		edit(&cfg)
	}
	f, err := ctlog.New(cfg, cps, h)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func wantNames(t *testing.T, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Fatalf("got %d names %v, want %d %v", len(got), got, len(want), want)
	}
}

// wantCheckpoint fails unless the log's checkpoint is at next of a tree of
// size with the log's root.
func wantCheckpoint(t *testing.T, cps *memCheckpoints, l *testLog, next, size int64) {
	t.Helper()
	cp, ok := cps.get(l.URL())
	if !ok {
		t.Fatal("got no checkpoint")
	}
	if cp.NextIndex != next || cp.TreeSize != size || !slices.Equal(cp.RootHash, l.root(int(size))) {
		t.Fatalf("got checkpoint next %d of %d, want %d of %d with the log's root", cp.NextIndex, cp.TreeSize, next, size)
	}
}

func TestSyncReadsEveryEntry(t *testing.T) {
	l := newTestLog(t)
	want := l.addSites(5)
	l.addJunk()
	l.add(false, "Acme Ltd", "*.Kaspi-Bonus.top.", "mail.kaspi-bonus.top", "kaspi-bonus.top", "KASPI-BONUS.TOP")
	want = append(want, "kaspi-bonus.top", "mail.kaspi-bonus.top")
	want = append(want, l.addSites(2)...)

	cps, rec := newMemCheckpoints(), &recorder{}
	st, err := newFollower(t, l, cps, rec.handle, nil).Sync(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	wantNames(t, rec.got(), want)
	if st.TreeSize != 9 || st.Entries != 9 || st.Unparsed != 1 || st.Names != len(want) || st.Retries != 0 {
		t.Errorf("got stats %+v, want 9 entries, 1 unparsed, %d names", st, len(want))
	}
	wantCheckpoint(t, cps, l, 9, 9)
	rec.checkContiguous(t, 0)

	// What the certificates said comes with each name.
	byName := map[string]ctlog.Name{}
	for _, b := range rec.batches {
		if b.LogID != l.URL() {
			t.Errorf("got log ID %q, want %q", b.LogID, l.URL())
		}
		for _, n := range b.Names {
			byName[n.Domain] = n
		}
	}
	tests := []struct {
		name    string
		index   int64
		precert bool
		sans    int
	}{
		{"site-0.example", 0, false, 2},
		{"www.site-1.example", 1, true, 2},
		{"kaspi-bonus.top", 6, false, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := byName[tc.name].Certificate
			if c == nil {
				t.Fatal("got no certificate")
			}
			if c.LogIndex != tc.index || c.Precert != tc.precert || c.SANCount != tc.sans || c.Log != l.URL() {
				t.Errorf("got index %d precert %v SANs %d log %q, want %d %v %d %q", c.LogIndex, c.Precert, c.SANCount, c.Log, tc.index, tc.precert, tc.sans, l.URL())
			}
			if !strings.Contains(c.Issuer, "CN=Test Issuing CA") || !c.NotBefore.Equal(logTime) || !c.NotAfter.Equal(logTime.Add(90*24*time.Hour)) {
				t.Errorf("got issuer %q validity %v..%v, want the test CA's and %v", c.Issuer, c.NotBefore, c.NotAfter, logTime)
			}
			if !c.LoggedAt.Equal(logTime.Add(time.Duration(tc.index)*time.Second)) || len(c.SHA256) != 64 || c.Serial == "" {
				t.Errorf("got logged at %v, sha256 %q, serial %q", c.LoggedAt, c.SHA256, c.Serial)
			}
		})
	}

	// Caught up, a second Sync reads nothing.
	st, err = newFollower(t, l, cps, rec.handle, nil).Sync(context.Background())
	if err != nil || st.Entries != 0 || len(rec.got()) != len(want) {
		t.Errorf("got %+v, %v and %d names, want nothing new", st, err, len(rec.got()))
	}
}

func TestSyncPages(t *testing.T) {
	tests := []struct {
		name     string
		pageMax  int // the most the log answers
		extra    int // entries the log adds beyond those asked
		pageSize int // the most the follower asks
		minCalls int
	}{
		{"short pages", 3, 0, 10, 7},
		{"one entry a page", 1, 0, 10, 20},
		{"more than asked", 0, 3, 4, 5},
		{"whole pages", 0, 0, 8, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := newTestLog(t)
			want := l.addSites(20)
			l.set(func(l *testLog) { l.pageMax, l.extra = tc.pageMax, tc.extra })
			cps, rec := newMemCheckpoints(), &recorder{}
			f := newFollower(t, l, cps, rec.handle, func(c *ctlog.Config) { c.PageSize = tc.pageSize })
			if _, err := f.Sync(context.Background()); err != nil {
				t.Fatal(err)
			}
			wantNames(t, rec.got(), want)
			rec.checkContiguous(t, 0)
			wantCheckpoint(t, cps, l, 20, 20)
			if calls, _ := l.count("get-entries"); calls < tc.minCalls {
				t.Errorf("got %d get-entries calls, want at least %d", calls, tc.minCalls)
			}
		})
	}
}

func TestSyncRetries(t *testing.T) {
	l := newTestLog(t)
	want := l.addSites(10)
	l.set(func(l *testLog) { l.fail["get-sth"], l.fail["get-entries"] = 1, 2 })
	cps, rec := newMemCheckpoints(), &recorder{}
	st, err := newFollower(t, l, cps, rec.handle, nil).Sync(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	wantNames(t, rec.got(), want)
	rec.checkContiguous(t, 0)
	if st.Retries != 3 {
		t.Errorf("got %d retries, want 3", st.Retries)
	}
	if _, failed := l.count("get-entries"); failed != 2 {
		t.Errorf("got %d failed get-entries, want 2", failed)
	}
}

func TestSyncGivesUpAndResumes(t *testing.T) {
	l := newTestLog(t)
	want := l.addSites(10)
	cps, rec := newMemCheckpoints(), &recorder{}
	f := newFollower(t, l, cps, rec.handle, func(c *ctlog.Config) { c.Attempts = 3 })

	// The first page goes through, then the log fails for longer than the
	// follower tries.
	if _, err := f.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	more := l.addSites(10)
	want = append(want, more...)
	l.set(func(l *testLog) { l.pageMax = 4 })
	calls, _ := l.count("get-entries")
	l.set(func(l *testLog) { l.fail["get-entries"] = 3 })
	_, err := f.Sync(context.Background())
	if err == nil || !strings.Contains(err.Error(), "500") {
		t.Fatalf("got %v, want the log's 500 after 3 attempts", err)
	}
	if now, _ := l.count("get-entries"); now-calls != 3 {
		t.Errorf("got %d get-entries calls, want 3", now-calls)
	}
	wantCheckpoint(t, cps, l, 10, 10)

	if _, err := f.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	wantNames(t, rec.got(), want)
	rec.checkContiguous(t, 0)
	wantCheckpoint(t, cps, l, 20, 20)
}

// TestRestart stops the follower in the middle: the store fails on the
// third batch, and a new follower (a restarted process) resumes from the
// checkpoint with no gap and no duplicate.
func TestRestart(t *testing.T) {
	l := newTestLog(t)
	want := l.addSites(17)
	cps := newMemCheckpoints()
	rec := &recorder{failAt: 3}
	_, err := newFollower(t, l, cps, rec.handle, nil).Sync(context.Background())
	if err == nil || !strings.Contains(err.Error(), "store down") {
		t.Fatalf("got %v, want the handler's error", err)
	}
	wantCheckpoint(t, cps, l, 8, 17)
	if got := rec.got(); len(got) != 16 {
		t.Fatalf("got %d names before the failure, want 16", len(got))
	}

	if _, err := newFollower(t, l, cps, rec.handle, nil).Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	wantNames(t, rec.got(), want)
	rec.checkContiguous(t, 0)
	wantCheckpoint(t, cps, l, 17, 17)
}

// TestRestartAtomicHandler crashes between a handled batch and its
// checkpoint. A handler that stores the batch's checkpoint with its own
// effects, as webwatch.Service.Submit does, gets no batch twice.
func TestRestartAtomicHandler(t *testing.T) {
	l := newTestLog(t)
	want := l.addSites(12)
	cps := newMemCheckpoints()
	rec := &recorder{}
	var mu sync.Mutex
	atomic := func(ctx context.Context, b *ctlog.Batch) error {
		mu.Lock()
		defer mu.Unlock()
		if err := rec.handle(ctx, b); err != nil {
			return err
		}
		cps.mu.Lock()
		defer cps.mu.Unlock()
		cps.cps[b.LogID] = b.Checkpoint // one transaction with the names
		return nil
	}
	f := newFollower(t, l, cps, atomic, nil)
	cps.mu.Lock()
	cps.putErrs = 2 // the follower's own saves of the first two batches fail
	cps.mu.Unlock()
	if _, err := f.Sync(context.Background()); err == nil {
		t.Fatal("got no error, want the checkpoint store's")
	}
	if _, err := newFollower(t, l, cps, atomic, nil).Sync(context.Background()); err == nil {
		t.Fatal("got no error, want the checkpoint store's second failure")
	}
	if _, err := newFollower(t, l, cps, atomic, nil).Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	wantNames(t, rec.got(), want)
	rec.checkContiguous(t, 0)
}

func TestTreeGrowsDuringSync(t *testing.T) {
	l := newTestLog(t)
	want := l.addSites(6)
	grow, more := l.makeSites(6, 5)
	l.set(func(l *testLog) { l.grow = grow })
	cps, rec := newMemCheckpoints(), &recorder{}
	f := newFollower(t, l, cps, rec.handle, nil)
	st, err := f.Sync(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.TreeSize != 6 {
		t.Errorf("got tree size %d, want the 6 of the head it read", st.TreeSize)
	}
	wantNames(t, rec.got(), want)
	wantCheckpoint(t, cps, l, 6, 6)

	// The next head is larger; its consistency with the checkpoint's is
	// proved before the new entries are read, and the page [6, 10) is
	// proved a prefix of it; the last page [10, 11) completes the tree,
	// whose root is compared with the head's without a proof.
	before, _ := l.count("get-sth-consistency")
	if _, err := f.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	wantNames(t, rec.got(), append(want, more...))
	rec.checkContiguous(t, 0)
	wantCheckpoint(t, cps, l, 11, 11)
	if calls, _ := l.count("get-sth-consistency"); calls-before != 2 {
		t.Errorf("got %d consistency proofs asked, want 2", calls-before)
	}
}

// TestRunFollowsGrowth runs the follower while the log grows in several
// steps, and stops it once every name has come.
func TestRunFollowsGrowth(t *testing.T) {
	l := newTestLog(t)
	want := l.addSites(5)
	cps := newMemCheckpoints()
	rec := &recorder{notify: make(chan int, 1)}
	f := newFollower(t, l, cps, rec.handle, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	for step := range 4 {
		// A notification may stand for several batches: look at the
		// count itself.
		for len(rec.got()) < len(want) {
			select {
			case <-rec.notify:
			case err := <-done:
				t.Fatalf("Run stopped with %v, %d of %d names read", err, len(rec.got()), len(want))
			case <-time.After(time.Minute):
				// A guard against a hang, not a measure: a step takes
				// milliseconds.
				t.Fatalf("no progress: %d of %d names read", len(rec.got()), len(want))
			}
		}
		if step < 3 {
			want = append(want, l.addSites(3+step)...)
		}
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
	wantNames(t, rec.got(), want)
	rec.checkContiguous(t, 0)
}

func TestFromEnd(t *testing.T) {
	l := newTestLog(t)
	l.addSites(5)
	cps, rec := newMemCheckpoints(), &recorder{}
	fromEnd := func(c *ctlog.Config) { c.FromEnd = true }
	if _, err := newFollower(t, l, cps, rec.handle, fromEnd).Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	wantNames(t, rec.got(), nil)
	wantCheckpoint(t, cps, l, 5, 5)
	want := l.addSites(2)
	if _, err := newFollower(t, l, cps, rec.handle, fromEnd).Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	wantNames(t, rec.got(), want)
	rec.checkContiguous(t, 5)
}

func TestInconsistentLog(t *testing.T) {
	tests := []struct {
		name string
		fork func(l *testLog)
	}{
		{"history rewritten", func(l *testLog) { l.replace(2); l.addSites(3) }},
		{"same size, other root", func(l *testLog) { l.replace(5) }},
		{"last entry rewritten", func(l *testLog) { l.replace(5); l.addSites(1) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := newTestLog(t)
			want := l.addSites(6)
			cps, rec := newMemCheckpoints(), &recorder{}
			f := newFollower(t, l, cps, rec.handle, nil)
			if _, err := f.Sync(context.Background()); err != nil {
				t.Fatal(err)
			}
			before, _ := cps.get(l.URL())
			tc.fork(l)
			if _, err := f.Sync(context.Background()); !errors.Is(err, ctlog.ErrInconsistent) {
				t.Fatalf("got %v, want ErrInconsistent", err)
			}
			if err := f.Run(context.Background()); !errors.Is(err, ctlog.ErrInconsistent) {
				t.Fatalf("got Run %v, want it to stop with ErrInconsistent", err)
			}
			wantNames(t, rec.got(), want)
			if after, _ := cps.get(l.URL()); after.NextIndex != before.NextIndex || !slices.Equal(after.RootHash, before.RootHash) {
				t.Errorf("got checkpoint %+v, want %+v kept", after, before)
			}
		})
	}
}

func TestStaleTreeHead(t *testing.T) {
	l := newTestLog(t)
	want := l.addSites(8)
	cps, rec := newMemCheckpoints(), &recorder{}
	f := newFollower(t, l, cps, rec.handle, nil)
	if _, err := f.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	l.set(func(l *testLog) { l.sthSize = 5 })
	st, err := f.Sync(context.Background())
	if err != nil || st.Entries != 0 {
		t.Fatalf("got %+v, %v, want a lagging head skipped", st, err)
	}
	wantCheckpoint(t, cps, l, 8, 8)
	wantNames(t, rec.got(), want)
}

func TestSignatureChecked(t *testing.T) {
	l := newTestLog(t)
	l.addSites(2)
	other := newTestLog(t)
	cps, rec := newMemCheckpoints(), &recorder{}
	f := newFollower(t, l, cps, rec.handle, func(c *ctlog.Config) {
		c.PublicKeyDER, c.Attempts = other.publicKey(), 2
	})
	if _, err := f.Sync(context.Background()); err == nil || !strings.Contains(err.Error(), "get-sth") {
		t.Fatalf("got %v, want the tree head refused", err)
	}
	if len(rec.got()) != 0 {
		t.Errorf("got %d names from an unverified log, want none", len(rec.got()))
	}
	if _, ok := cps.get(l.URL()); ok {
		t.Error("got a checkpoint, want none")
	}
}

func TestMaxNames(t *testing.T) {
	l := newTestLog(t)
	var want []string
	for k := range 5 {
		names := make([]string, 400)
		for i := range names {
			names[i] = fmt.Sprintf("h%d.site-%d.example", i, k)
		}
		l.add(k%2 == 0, names...)
		want = append(want, names...)
	}
	cps, rec := newMemCheckpoints(), &recorder{}
	f := newFollower(t, l, cps, rec.handle, func(c *ctlog.Config) { c.PageSize, c.MaxNames = 10, 1 })
	if _, err := f.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	wantNames(t, rec.got(), want)
	rec.checkContiguous(t, 0)
	for _, b := range rec.batches {
		if len(b.Names) > ctlog.MaxEntryNames {
			t.Errorf("got a batch of %d names, want at most %d", len(b.Names), ctlog.MaxEntryNames)
		}
	}
	if len(rec.batches) != 3 {
		t.Errorf("got %d batches, want 3", len(rec.batches))
	}
	if c := rec.batches[0].Names[0].Certificate; c.SANCount != 400 || len(c.SANs) != kuzet.MaxCertificateSANs {
		t.Errorf("got %d SANs kept of %d, want %d of 400", len(c.SANs), c.SANCount, kuzet.MaxCertificateSANs)
	}
}

func TestBodyLimit(t *testing.T) {
	l := newTestLog(t)
	l.addSites(4)
	cps, rec := newMemCheckpoints(), &recorder{}
	f := newFollower(t, l, cps, rec.handle, func(c *ctlog.Config) { c.MaxBody, c.Attempts = 1024, 1 })
	if _, err := f.Sync(context.Background()); err == nil || !strings.Contains(err.Error(), "get-entries") {
		t.Fatalf("got %v, want get-entries refused over the limit", err)
	}
	if len(rec.got()) != 0 {
		t.Errorf("got %d names, want none", len(rec.got()))
	}
}

func TestNew(t *testing.T) {
	rec, cps := &recorder{}, newMemCheckpoints()
	for _, u := range []string{"", "ct.example/log", "ftp://ct.example/", "https://"} {
		_, err := ctlog.New(ctlog.Config{URL: u}, cps, rec.handle)
		if kuzet.ErrorCode(err) != kuzet.EINVALID {
			t.Errorf("url %q: got %v, want EINVALID", u, err)
		}
	}
	if _, err := ctlog.New(ctlog.Config{URL: "https://ct.example/log", PublicKeyDER: []byte("junk")}, cps, rec.handle); kuzet.ErrorCode(err) != kuzet.EINVALID {
		t.Errorf("got %v, want EINVALID for a bad key", err)
	}
	if _, err := ctlog.New(ctlog.Config{URL: "https://ct.example/log"}, cps, nil); err == nil {
		t.Error("got no error, want one for a missing handler")
	}
	f, err := ctlog.New(ctlog.Config{URL: "https://ct.example/log//"}, cps, rec.handle)
	if err != nil || f.LogID() != "https://ct.example/log" {
		t.Errorf("got %v, %v, want log ID without trailing slashes", f, err)
	}
}

func TestVerifyConsistency(t *testing.T) {
	leaves := make([][]byte, 40)
	for i := range leaves {
		h := sha256.Sum256([]byte{0, byte(i)})
		leaves[i] = h[:]
	}
	for n := 1; n <= len(leaves); n++ {
		for m := 1; m <= n; m++ {
			first, second := ctlogtest.RootHash(leaves[:m]), ctlogtest.RootHash(leaves[:n])
			proof := ctlogtest.ConsistencyProof(m, leaves[:n])
			if err := ctlog.VerifyConsistency(uint64(m), uint64(n), first, second, proof); err != nil {
				t.Fatalf("%d→%d: got %v, want a valid proof", m, n, err)
			}
			if m == n {
				continue
			}
			// Any change to the proof or the roots breaks it.
			for i := range proof {
				bad := slices.Clone(proof)
				bad[i] = slices.Clone(bad[i])
				bad[i][0] ^= 1
				if err := ctlog.VerifyConsistency(uint64(m), uint64(n), first, second, bad); !errors.Is(err, ctlog.ErrInconsistent) {
					t.Fatalf("%d→%d: got %v with proof hash %d altered, want ErrInconsistent", m, n, err, i)
				}
			}
			cases := map[string]error{
				"other first root":  ctlog.VerifyConsistency(uint64(m), uint64(n), second, second, proof),
				"other second root": ctlog.VerifyConsistency(uint64(m), uint64(n), first, first, proof),
				"short proof":       ctlog.VerifyConsistency(uint64(m), uint64(n), first, second, proof[:len(proof)-1]),
				"long proof":        ctlog.VerifyConsistency(uint64(m), uint64(n), first, second, append(slices.Clone(proof), first)),
			}
			for name, err := range cases {
				if !errors.Is(err, ctlog.ErrInconsistent) {
					t.Fatalf("%d→%d, %s: got %v, want ErrInconsistent", m, n, name, err)
				}
			}
		}
	}
	if err := ctlog.VerifyConsistency(5, 3, nil, nil, nil); !errors.Is(err, ctlog.ErrInconsistent) {
		t.Errorf("got %v for a shrinking tree, want ErrInconsistent", err)
	}
}

// FuzzParseEntry feeds arbitrary entries, as a broken or hostile log
// might serve: an error or names, never a panic.
func FuzzParseEntry(f *testing.F) {
	l := newTestLog(f)
	l.addSites(2)
	l.add(false, "Acme", "*.kaspi-bonus.top")
	for _, e := range l.entries {
		f.Add(e.LeafInput, e.ExtraData)
	}
	f.Add([]byte{}, []byte{})
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, []byte{0, 0, 0})
	f.Fuzz(func(t *testing.T, leaf, extra []byte) {
		names, err := ctlog.ParseEntry("https://ct.example/log", 7, leaf, extra)
		if err != nil {
			return
		}
		for _, n := range names {
			if n.Domain == "" || n.Domain != strings.ToLower(n.Domain) || !strings.Contains(n.Domain, ".") || n.Certificate == nil {
				t.Fatalf("got name %+v, want a lower-case dotted name with its certificate", n)
			}
			if n.Certificate.LogIndex != 7 || len(n.Certificate.SANs) > kuzet.MaxCertificateSANs {
				t.Fatalf("got certificate %+v, want index 7 and bounded names", n.Certificate)
			}
		}
	})
}
