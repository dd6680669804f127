package natsbus_test

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/kuzet/kuzet/natsbus"
)

// TestReplicaStream: what one node publishes reaches the other once (the
// de-duplication id drops a repeat), a node skips its own, and a node
// that starts later replays what was published since its start time.
func TestReplicaStream(t *testing.T) {
	for name, url := range natsURLs(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			prefix := "r" + strconv.FormatInt(time.Now().UnixNano(), 36)
			logger := slog.New(slog.NewTextHandler(io.Discard, nil))
			type node struct {
				rs  *natsbus.ReplicaStream
				mu  sync.Mutex
				got []string
			}
			start := func(since time.Time) *node {
				bus, err := natsbus.Open(ctx, url, natsbus.Options{Prefix: prefix, Logger: logger})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { bus.Close() })
				rs, err := bus.ReplicaStream(ctx, "checks", natsbus.ReplicaOptions{Keep: time.Minute})
				if err != nil {
					t.Fatal(err)
				}
				n := &node{rs: rs}
				t.Cleanup(rs.Close)
				if err := rs.Follow(ctx, since, func(b []byte) {
					n.mu.Lock()
					n.got = append(n.got, string(b))
					n.mu.Unlock()
				}); err != nil {
					t.Fatal(err)
				}
				return n
			}
			count := func(n *node) int {
				n.mu.Lock()
				defer n.mu.Unlock()
				return len(n.got)
			}
			t0 := time.Now().Add(-time.Second)
			a, b := start(t0), start(t0)
			for i := range 10 {
				a.rs.Publish("id"+strconv.Itoa(i), []byte(strconv.Itoa(i)))
			}
			a.rs.Publish("id3", []byte("3 again")) // a repeat: dropped by its id
			waitFor(t, "b to get a's ten", func() bool { return count(b) == 10 })
			c := start(t0) // a late starter replays
			waitFor(t, "c to replay a's ten", func() bool { return count(c) == 10 })
			time.Sleep(100 * time.Millisecond)
			if count(a) != 0 {
				t.Errorf("a applied %d of its own", count(a))
			}
			if count(b) != 10 {
				t.Errorf("b applied %d, want 10 (the repeat dropped)", count(b))
			}
			b.mu.Lock()
			for i, g := range b.got {
				if g != strconv.Itoa(i) {
					t.Errorf("b got %q at %d: out of order", g, i)
				}
			}
			b.mu.Unlock()
			if st := a.rs.Stats(); st.Published != 11 || st.Dropped != 0 {
				t.Errorf("a's stats %+v", st)
			}
		})
	}
}
