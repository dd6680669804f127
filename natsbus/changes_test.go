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

// memLog is a change log in memory; seqs may skip (rolled back).
type memLog struct {
	mu      sync.Mutex
	changes []natsbus.LoggedChange
}

func (l *memLog) add(seq int64, topic, data string) {
	l.mu.Lock()
	l.changes = append(l.changes, natsbus.LoggedChange{Seq: seq, Topic: topic, Change: []byte(data)})
	l.mu.Unlock()
}

func (l *memLog) ChangesAfter(_ context.Context, seq int64, limit int) ([]natsbus.LoggedChange, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []natsbus.LoggedChange
	for _, c := range l.changes {
		if c.Seq > seq && len(out) < limit {
			out = append(out, c)
		}
	}
	return out, nil
}

func (l *memLog) LastChange(context.Context) (int64, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.changes) == 0 {
		return 0, nil
	}
	return l.changes[len(l.changes)-1].Seq, nil
}

// applied records what a node applied, in order.
type applied struct {
	mu   sync.Mutex
	seqs []int64
}

func (a *applied) apply(c natsbus.LoggedChange) error {
	a.mu.Lock()
	a.seqs = append(a.seqs, c.Seq)
	a.mu.Unlock()
	return nil
}

func (a *applied) get() []int64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]int64(nil), a.seqs...)
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// TestChangeFeed: a node starting at a position catches up from the log,
// the relay brings later changes over the stream in order and once each,
// and a node whose stream skips changes (the relay was down) gets them
// from the log.
func TestChangeFeed(t *testing.T) {
	for name, url := range natsURLs(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			prefix := "t" + strconv.FormatInt(time.Now().UnixNano(), 36)
			logger := slog.New(slog.NewTextHandler(io.Discard, nil))
			log := &memLog{}
			log.add(1, "registry", `{"n":1}`)
			log.add(2, "registry", `{"n":2}`)
			log.add(4, "telecom", `{"n":4}`) // 3 rolled back

			open := func() (*natsbus.ChangeFeed, *applied) {
				bus, err := natsbus.Open(ctx, url, natsbus.Options{Prefix: prefix, Logger: logger})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { bus.Close() })
				a := &applied{}
				f, err := bus.ChangeFeed(ctx, log, a.apply, natsbus.ChangeOptions{Relay: 5 * time.Millisecond, Poll: 50 * time.Millisecond})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(f.Stop)
				return f, a
			}
			f1, a1 := open()
			if err := f1.Start(ctx, 1); err != nil { // loaded with change 1
				t.Fatal(err)
			}
			if got := a1.get(); len(got) != 2 || got[0] != 2 || got[1] != 4 {
				t.Fatalf("catch-up applied %v, want [2 4]", got)
			}
			f2, a2 := open()
			if err := f2.Start(ctx, 4); err != nil {
				t.Fatal(err)
			}
			// No relay yet: the poll brings change 5 from the log.
			log.add(5, "rules", `{}`)
			waitFor(t, "change 5 from the log", func() bool { return f1.Applied() == 5 && f2.Applied() == 5 })

			rctx, stop := context.WithCancel(ctx)
			relayed := make(chan error, 2)
			go func() { relayed <- f1.Relay(rctx) }()
			go func() { relayed <- f2.Relay(rctx) }() // a second relay only duplicates
			for seq := int64(6); seq <= 40; seq++ {
				if seq%7 == 0 {
					continue // rolled back
				}
				log.add(seq, "registry", `{}`)
			}
			waitFor(t, "change 40 on both", func() bool { return f1.Applied() == 40 && f2.Applied() == 40 })
			stop()
			for range 2 {
				if err := <-relayed; err != context.Canceled {
					t.Errorf("relay: %v", err)
				}
			}
			for _, got := range [][]int64{a1.get(), a2.get()} {
				for i := 1; i < len(got); i++ {
					if got[i] <= got[i-1] {
						t.Fatalf("applied out of order or twice: %v", got)
					}
				}
				if got[len(got)-1] != 40 {
					t.Fatalf("applied %v", got)
				}
			}
			t.Logf("f1 %+v", f1.Stats())
			if st := f2.Stats(); st.FromStream == 0 {
				t.Errorf("nothing came over the stream: %+v", st)
			}
		})
	}
}
