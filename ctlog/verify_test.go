package ctlog_test

import (
	"bytes"
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

	ct "github.com/google/certificate-transparency-go"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ctlog"
	"github.com/kuzet/kuzet/ctlog/ctlogtest"
)

// logBuffer keeps what a follower logs, for tests that look at it while
// the follower runs.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (b *logBuffer) logger() *slog.Logger { return slog.New(slog.NewTextHandler(b, nil)) }

// clock is a clock the test moves.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// TestRefusesEntriesNotInTheTree has the log serve, in place of one of
// its entries, one its tree head does not commit to. The entries before
// it are handed on, it and those after it are not, the checkpoint stops
// before it, and once the log serves its true entries the follower goes
// on from there.
func TestRefusesEntriesNotInTheTree(t *testing.T) {
	tests := []struct {
		name  string
		index int
		forge func(l *testLog, i int)
	}{
		{"in the middle of a page", 6, func(l *testLog, i int) { l.forge(i, "kaspi-forged.example") }},
		{"first of a page", 4, func(l *testLog, i int) { l.forge(i, "kaspi-forged.example") }},
		{"first of the log", 0, func(l *testLog, i int) { l.forge(i, "kaspi-forged.example") }},
		{"in the last page, which completes the tree", 9, func(l *testLog, i int) { l.forge(i, "kaspi-forged.example") }},
		{"another entry of the log replayed", 5, func(l *testLog, i int) { l.set(func(l *testLog) { l.forged[i] = l.entries[2] }) }},
		{"junk", 3, func(l *testLog, i int) {
			l.set(func(l *testLog) { l.forged[i] = ct.LeafEntry{LeafInput: []byte("junk"), ExtraData: []byte{1}} })
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := newTestLog(t)
			want := l.addSites(10)
			tc.forge(l, tc.index)
			var logs logBuffer
			cps, rec := newMemCheckpoints(), &recorder{}
			f := newFollower(t, l, cps, rec.handle, func(c *ctlog.Config) { c.Logger = logs.logger() })

			for range 2 { // refused again while the log still serves it
				st, err := f.Sync(context.Background())
				if !errors.Is(err, ctlog.ErrUnverified) || !strings.Contains(err.Error(), fmt.Sprintf("entry %d:", tc.index)) {
					t.Fatalf("got %v, want ErrUnverified naming entry %d", err, tc.index)
				}
				if st.Refused != 1 {
					t.Errorf("got %d refused, want 1", st.Refused)
				}
				wantNames(t, rec.got(), want[:2*tc.index])
				if cp, ok := cps.get(l.URL()); tc.index == 0 && ok || tc.index > 0 && (!ok || cp.NextIndex != int64(tc.index)) {
					t.Errorf("got checkpoint %+v, want it before entry %d", cp, tc.index)
				}
			}
			if s := f.Status(); s.Refused != 2 || s.Entries != int64(tc.index) {
				t.Errorf("got status %+v, want 2 refusals and %d entries", s, tc.index)
			}
			if out := logs.String(); !strings.Contains(out, "level=ERROR") || !strings.Contains(out, "REFUSED") ||
				!strings.Contains(out, fmt.Sprintf("index=%d ", tc.index)) {
				t.Errorf("got log %q, want the refusal logged with the entry's index", out)
			}

			l.set(func(l *testLog) { clear(l.forged) })
			if _, err := f.Sync(context.Background()); err != nil {
				t.Fatal(err)
			}
			wantNames(t, rec.got(), want)
			rec.checkContiguous(t, 0)
			wantCheckpoint(t, cps, l, 10, 10)
		})
	}
}

// TestResumesAnywhere starts a follower at every checkpoint a log of 20
// entries can have: caught up with an older tree head, or stopped in the
// middle of the current one. It rebuilds the tree of the entries before
// the checkpoint from the log's proofs, and verifies and hands on the
// rest, each once.
func TestResumesAnywhere(t *testing.T) {
	l := newTestLog(t)
	all := l.addSites(20)
	for next := 1; next < 20; next++ {
		for _, size := range []int{next, 20} {
			t.Run(fmt.Sprintf("at %d of %d", next, size), func(t *testing.T) {
				cps, rec := newMemCheckpoints(), &recorder{}
				cps.cps[l.URL()] = kuzet.CTCheckpoint{LogID: l.URL(), NextIndex: int64(next), TreeSize: int64(size), RootHash: l.root(size)}
				st, err := newFollower(t, l, cps, rec.handle, nil).Sync(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				wantNames(t, rec.got(), all[2*next:])
				rec.checkContiguous(t, int64(next))
				wantCheckpoint(t, cps, l, 20, 20)
				if st.Entries != int64(20-next) {
					t.Errorf("got %d entries, want %d", st.Entries, 20-next)
				}
			})
		}
	}
}

// TestResumeRefusesAForgedEntryBeforeTheCheckpoint: a follower that
// resumes at a power of two reads the entry before it again to rebuild the
// tree; a forged one there is refused, and the checkpoint does not move
// back.
func TestResumeRefusesAForgedEntryBeforeTheCheckpoint(t *testing.T) {
	l := newTestLog(t)
	l.addSites(20)
	l.forge(3, "kaspi-forged.example")
	cps, rec := newMemCheckpoints(), &recorder{}
	cps.cps[l.URL()] = kuzet.CTCheckpoint{LogID: l.URL(), NextIndex: 4, TreeSize: 20, RootHash: l.root(20)}
	_, err := newFollower(t, l, cps, rec.handle, nil).Sync(context.Background())
	if !errors.Is(err, ctlog.ErrUnverified) {
		t.Fatalf("got %v, want ErrUnverified", err)
	}
	wantNames(t, rec.got(), nil)
	if cp, _ := cps.get(l.URL()); cp.NextIndex != 4 {
		t.Errorf("got checkpoint at %d, want it kept at 4", cp.NextIndex)
	}
}

func TestPrefixRoot(t *testing.T) {
	leaves := make([][]byte, 40)
	for i := range leaves {
		h := sha256.Sum256([]byte{0, byte(i)})
		leaves[i] = h[:]
	}
	for m := 3; m < len(leaves); m++ {
		if m&(m-1) == 0 {
			continue // a proof from a power of two leaves its subtree out
		}
		for n := m + 1; n <= len(leaves); n++ {
			proof := ctlogtest.ConsistencyProof(m, leaves[:n])
			got, err := ctlog.PrefixRoot(uint64(m), uint64(n), proof)
			if err != nil || !bytes.Equal(got, ctlogtest.RootHash(leaves[:m])) {
				t.Fatalf("%d of %d: got %x, %v, want the root of the first %d leaves", m, n, got, err, m)
			}
			if _, err := ctlog.PrefixRoot(uint64(m), uint64(n), proof[1:]); err == nil {
				t.Fatalf("%d of %d: got no error for a short proof", m, n)
			}
			bad := slices.Clone(proof)
			bad[0] = bad[0][:31]
			if _, err := ctlog.PrefixRoot(uint64(m), uint64(n), bad); err == nil {
				t.Fatalf("%d of %d: got no error for a short hash", m, n)
			}
		}
	}
}

// FuzzPrefixRoot feeds the tree rebuilding arbitrary proofs, as a broken
// or hostile log might serve: an error or a root, never a panic.
func FuzzPrefixRoot(f *testing.F) {
	f.Add(uint16(5), uint16(9), make([]byte, 4*32))
	f.Add(uint16(3), uint16(4), make([]byte, 2*32+5))
	f.Fuzz(func(t *testing.T, m, n uint16, data []byte) {
		if m == 0 || m >= n || m&(m-1) == 0 {
			return
		}
		var proof [][]byte
		for len(data) > 0 {
			k := min(len(data), 32)
			proof, data = append(proof, data[:k]), data[k:]
		}
		root, err := ctlog.PrefixRoot(uint64(m), uint64(n), proof)
		if err == nil && len(root) != 32 {
			t.Fatalf("got a root of %d bytes", len(root))
		}
	})
}

func TestWarnsWithoutKey(t *testing.T) {
	l := newTestLog(t)
	for _, withKey := range []bool{true, false} {
		var logs logBuffer
		f := newFollower(t, l, newMemCheckpoints(), (&recorder{}).handle, func(c *ctlog.Config) {
			c.Logger = logs.logger()
			if !withKey {
				c.PublicKeyDER = nil
			}
		})
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := f.Run(ctx); !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v, want context.Canceled", err)
		}
		warned := strings.Contains(logs.String(), "level=WARN") && strings.Contains(logs.String(), "NO PUBLIC KEY")
		if warned == withKey {
			t.Errorf("with key %v: got warned %v, want %v: %s", withKey, warned, !withKey, logs.String())
		}
		if f.Status().KeyChecked != withKey {
			t.Errorf("with key %v: got KeyChecked %v", withKey, !withKey)
		}
	}
}

// TestTreeHeadGoesStale moves the clock past the newest head's age limit,
// and the log issues a new head, fails, and serves an older one.
func TestTreeHeadGoesStale(t *testing.T) {
	l := newTestLog(t)
	l.addSites(3)
	clk := &clock{t: logTime.Add(30 * time.Minute)}
	f := newFollower(t, l, newMemCheckpoints(), (&recorder{}).handle, func(c *ctlog.Config) {
		c.Clock, c.StaleAfter, c.Attempts = clk.now, 2*time.Hour, 1
	})
	reg := prometheus.NewRegistry()
	reg.MustRegister(ctlog.NewCollector(f))
	sync := func() {
		t.Helper()
		if _, err := f.Sync(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	check := func(step string, age time.Duration, stale bool, size int64) {
		t.Helper()
		s := f.Status()
		if s.Age != age || s.Stale != stale || s.TreeSize != size {
			t.Errorf("%s: got age %v stale %v size %d, want %v %v %d", step, s.Age, s.Stale, s.TreeSize, age, stale, size)
		}
		if got := gauge(t, reg, "kuzet_ct_sth_stale", l.URL()); got != map[bool]float64{false: 0, true: 1}[stale] {
			t.Errorf("%s: got kuzet_ct_sth_stale %v, want %v", step, got, stale)
		}
		if got := gauge(t, reg, "kuzet_ct_sth_age_seconds", l.URL()); got != age.Seconds() {
			t.Errorf("%s: got kuzet_ct_sth_age_seconds %v, want %v", step, got, age.Seconds())
		}
	}
	check("before any head", 0, false, 0)
	clk.set(logTime.Add(3 * time.Hour))
	check("no head for longer than allowed", 150*time.Minute, true, 0)

	sync() // the head of logTime+1h
	check("a head an hour and a half old", 2*time.Hour, false, 3)
	clk.set(logTime.Add(3*time.Hour + time.Second))
	check("the head grown too old", 2*time.Hour+time.Second, true, 3)

	l.set(func(l *testLog) { l.fail["get-sth"] = 1 })
	if _, err := f.Sync(context.Background()); err == nil {
		t.Fatal("got no error from a failing log")
	}
	check("the log failing", 2*time.Hour+time.Second, true, 3)

	want := l.addSites(2)
	l.set(func(l *testLog) { l.sthTime = logTime.Add(150 * time.Minute) })
	sync()
	check("a new head", 30*time.Minute+time.Second, false, 5)

	// A frontend serving an older head does not make the log look fresh.
	l.set(func(l *testLog) { l.sthTime = logTime.Add(time.Hour) })
	clk.set(logTime.Add(5 * time.Hour))
	sync()
	check("an older head served", 150*time.Minute, true, 5)

	if got := gauge(t, reg, "kuzet_ct_tree_size", l.URL()); got != 5 {
		t.Errorf("got kuzet_ct_tree_size %v, want 5", got)
	}
	if got := gauge(t, reg, "kuzet_ct_entries_total", l.URL()); got != 5 || len(want) != 4 {
		t.Errorf("got kuzet_ct_entries_total %v, want 5", got)
	}
	if got := gauge(t, reg, "kuzet_ct_sth_signature_checked", l.URL()); got != 1 {
		t.Errorf("got kuzet_ct_sth_signature_checked %v, want 1", got)
	}
}

// TestRunWarnsWhenStale runs a follower whose log's head is older than
// allowed: it says so in its log.
func TestRunWarnsWhenStale(t *testing.T) {
	l := newTestLog(t)
	l.addSites(1)
	var logs logBuffer
	f := newFollower(t, l, newMemCheckpoints(), (&recorder{}).handle, func(c *ctlog.Config) {
		c.Logger, c.StaleAfter = logs.logger(), 30*time.Minute // the clock stands at the head's time + 1h
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()
	deadline := time.After(time.Minute) // a guard against a hang, not a measure
	for !strings.Contains(logs.String(), "stale") {
		select {
		case err := <-done:
			t.Fatalf("Run stopped with %v before warning", err)
		case <-deadline:
			t.Fatalf("no warning of a stale head: %s", logs.String())
		case <-time.After(time.Millisecond):
		}
	}
	cancel()
	<-done
	if out := logs.String(); !strings.Contains(out, "level=WARN") || strings.Count(out, "is stale") != 1 {
		t.Errorf("got %q, want one warning", out)
	}
}

// gauge returns the value of the metric name for log in what reg gathers.
func gauge(t *testing.T, reg *prometheus.Registry, name, log string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			if !slices.ContainsFunc(m.GetLabel(), func(p *dto.LabelPair) bool { return p.GetName() == "log" && p.GetValue() == log }) {
				continue
			}
			if g := m.GetGauge(); g != nil {
				return g.GetValue()
			}
			return m.GetCounter().GetValue()
		}
	}
	t.Fatalf("no metric %s for %s", name, log)
	return 0
}
