package payments_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/payments"
)

func records(n int) []*kuzet.CheckRecord {
	out := make([]*kuzet.CheckRecord, n)
	for i := range out {
		out[i] = &kuzet.CheckRecord{ID: fmt.Sprintf("chk_t_%d", i), OrgID: bankOne, CheckedAt: base}
	}
	return out
}

func storedChecks(m *memStore) int {
	n := 0
	m.view(func(d *memData) { n = len(d.checks) })
	return n
}

func TestWriterBatches(t *testing.T) {
	store := newMemStore()
	var txs atomic.Int64
	counting := beginFunc(func(ctx context.Context, writable bool) (kuzet.Tx, error) {
		txs.Add(1)
		return store.Begin(ctx, writable)
	})
	w := payments.NewWriter(payments.WriterConfig{Store: counting, Batch: 100})
	for _, r := range records(1000) {
		if !w.Enqueue(r) {
			t.Fatal("enqueue refused with room in the queue")
		}
	}
	must(t, "sync", w.Sync(context.Background()))
	if n := storedChecks(store); n != 1000 {
		t.Errorf("stored: got %d, want 1000", n)
	}
	if n := txs.Load(); n < 10 || n > 1000 {
		t.Errorf("transactions: got %d, want batches of up to 100", n)
	}
	must(t, "close", w.Close(context.Background()))
	if st := w.Stats(); st.Written != 1000 || st.Dropped != 0 || st.Impaired {
		t.Errorf("stats: got %+v", st)
	}
	if w.Enqueue(records(1)[0]) {
		t.Error("enqueue after close: got true, want false")
	}
}

// TestWriterLinger: with a linger, records fed one at a time share
// transactions: a batch is written when full or when the linger has passed,
// and Sync writes what waits at once.
func TestWriterLinger(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemStore()
		var txs atomic.Int64
		counting := beginFunc(func(ctx context.Context, writable bool) (kuzet.Tx, error) {
			txs.Add(1)
			return store.Begin(ctx, writable)
		})
		w := payments.NewWriter(payments.WriterConfig{Store: counting, Batch: 10, Linger: time.Minute})
		for i, r := range records(25) {
			w.Enqueue(r)
			if i%5 == 4 {
				synctest.Wait() // the writer takes each as it comes
			}
		}
		synctest.Wait()
		if n := storedChecks(store); n != 20 {
			t.Errorf("before the linger: got %d stored, want the two full batches", n)
		}
		time.Sleep(time.Minute)
		synctest.Wait()
		if n := storedChecks(store); n != 25 {
			t.Errorf("after the linger: got %d stored, want 25", n)
		}
		w.Enqueue(records(26)[25])
		synctest.Wait()
		must(t, "sync", w.Sync(context.Background()))
		if n := storedChecks(store); n != 26 {
			t.Errorf("after a sync: got %d stored, want 26", n)
		}
		if n := txs.Load(); n != 4 {
			t.Errorf("transactions: got %d, want 4", n)
		}
		must(t, "close", w.Close(context.Background()))
	})
}

// TestWriterOutage: while the store fails, the writer says so, keeps what
// fits in its queue, drops the rest, and stores the kept ones once the
// store is back.
//
// Whether Enqueue of the very first record reports the failure depends on
// how far the writer's goroutine got with it (it runs in parallel even in
// the bubble), so the test counts what was kept and dropped instead: those
// follow from the queue's size alone.
func TestWriterOutage(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemStore()
		store.setDown(errors.New("connection refused"))
		w := payments.NewWriter(payments.WriterConfig{Store: store, Queue: 10, Batch: 5,
			Retry: time.Second, MaxRetry: 4 * time.Second, Logger: quiet})
		recs := records(30)
		var ok []bool
		for _, r := range recs {
			ok = append(ok, w.Enqueue(r))
			synctest.Wait()
		}
		// The first record is in the writer's hands, retrying; the next
		// ten fill the queue; the other nineteen are dropped.
		if st := w.Stats(); st.Queued != 10 || st.Dropped != 19 || st.Written != 0 || st.Failures == 0 {
			t.Errorf("during the outage: got %+v, want 10 queued, 19 dropped, none written, failures counted", st)
		}
		if ok[len(ok)-1] || !w.Impaired() {
			t.Errorf("during the outage: enqueue %v, impaired %v; want false, true", ok[len(ok)-1], w.Impaired())
		}
		time.Sleep(time.Minute)
		store.setDown(nil)
		time.Sleep(5 * time.Second)
		synctest.Wait()
		st := w.Stats()
		stored := storedChecks(store)
		if w.Impaired() || stored != 11 || st.Written != 11 || st.Dropped != 19 || st.Queued != 0 {
			t.Errorf("after the outage: stats %+v, stored %d; want the 11 kept stored and 19 dropped", st, stored)
		}
		must(t, "close", w.Close(context.Background()))
	})
}

// TestWriterCloseGivesUp: Close returns when its context ends even if the
// store never comes back, counting what it could not store.
func TestWriterCloseGivesUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemStore()
		store.setDown(errors.New("down"))
		w := payments.NewWriter(payments.WriterConfig{Store: store, Logger: quiet})
		for _, r := range records(3) {
			w.Enqueue(r)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := w.Close(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("close: got %v, want the deadline", err)
		}
		if st := w.Stats(); st.Dropped != 3 {
			t.Errorf("dropped: got %d, want 3", st.Dropped)
		}
	})
}

// TestWriterConcurrent enqueues from many goroutines under -race.
func TestWriterConcurrent(t *testing.T) {
	store := newMemStore()
	w := payments.NewWriter(payments.WriterConfig{Store: store})
	e := payments.NewEngine(payments.EngineConfig{Sink: w, Clock: kuzet.FixedClock(base)})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				_, err := e.Check(context.Background(), bankOne, payment(g*1000+i, iban("914", i%17), 1000))
				if err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	must(t, "close", w.Close(context.Background()))
	if n := storedChecks(store); n != 1600 {
		t.Errorf("stored: got %d, want 1600", n)
	}
}
