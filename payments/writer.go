package payments

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kuzet/kuzet"
)

// WriterConfig sets up a Writer. Zero fields take the defaults in brackets.
type WriterConfig struct {
	Store    kuzet.Store   // required
	Queue    int           // records waiting at most; beyond, Enqueue drops [65,536]
	Batch    int           // records a transaction at most [512]
	Retry    time.Duration // first wait after a failed write, doubling [100 ms]
	MaxRetry time.Duration // longest wait between tries [5 s]
	Logger   *slog.Logger  // [slog.Default()]
	// Linger is how long a batch that is not full waits for more records
	// [0: it is written at once]. A replay, which decides one check at a
	// time faster than a transaction commits, fills its batches with it.
	Linger time.Duration
}

// Writer stores check records off the hot path: Enqueue puts a record in a
// bounded queue without waiting, and one goroutine writes what has queued
// up in batches, so that at high rates many checks share one transaction.
// A failing store is retried with back-off while the queue absorbs the
// checks; once it is full, records are dropped and counted. Either way
// Enqueue says false, and the engine marks its decision "degraded".
type Writer struct {
	store         kuzet.Store
	batch         int
	retry, maxTry time.Duration
	linger        time.Duration
	log           *slog.Logger

	q      chan *kuzet.CheckRecord
	full   chan struct{} // wakes a lingering writer: the queue holds the rest of its batch
	want   atomic.Int64  // records a lingering writer waits for; 0 when it does not linger
	syncs  chan chan struct{}
	quit   chan struct{}
	done   chan struct{}
	ctx    context.Context // cancelled when Close stops waiting
	cancel context.CancelFunc
	once   sync.Once

	closed, failing            atomic.Bool
	written, dropped, failures atomic.Uint64
}

// NewWriter returns a writer and starts its goroutine; Close stops it.
func NewWriter(cfg WriterConfig) *Writer {
	if cfg.Queue <= 0 {
		cfg.Queue = 1 << 16
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 512
	}
	if cfg.Retry <= 0 {
		cfg.Retry = 100 * time.Millisecond
	}
	if cfg.MaxRetry <= 0 {
		cfg.MaxRetry = 5 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	w := &Writer{
		store: cfg.Store, batch: cfg.Batch, retry: cfg.Retry, maxTry: max(cfg.Retry, cfg.MaxRetry), linger: cfg.Linger,
		log: cfg.Logger,
		q:   make(chan *kuzet.CheckRecord, cfg.Queue), full: make(chan struct{}, 1), syncs: make(chan chan struct{}),
		quit: make(chan struct{}), done: make(chan struct{}),
	}
	w.ctx, w.cancel = context.WithCancel(context.Background())
	go w.run()
	return w
}

// Enqueue queues rec for storing. It reports false if rec was dropped (the
// queue is full or the writer closed) or the store is failing right now.
func (w *Writer) Enqueue(rec *kuzet.CheckRecord) bool {
	if w.closed.Load() {
		w.dropped.Add(1)
		return false
	}
	select {
	case w.q <- rec:
		if n := w.want.Load(); n > 0 && int64(len(w.q)) >= n {
			select {
			case w.full <- struct{}{}:
			default:
			}
		}
		return !w.failing.Load()
	default:
		w.dropped.Add(1)
		return false
	}
}

// Impaired reports whether the last write failed.
func (w *Writer) Impaired() bool { return w.failing.Load() }

// Sync returns once every record queued before the call is stored, or ctx
// ends.
func (w *Writer) Sync(ctx context.Context) error {
	ack := make(chan struct{})
	select {
	case w.syncs <- ack:
	case <-w.done:
		return kuzet.Errorf(kuzet.EUNAVAILABLE, "payments: the check writer is closed")
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-ack:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close stores what is queued and stops the writer. If ctx ends first, it
// gives up: the records still queued are dropped and ctx's error returned.
func (w *Writer) Close(ctx context.Context) error {
	w.once.Do(func() {
		w.closed.Store(true)
		close(w.quit)
	})
	select {
	case <-w.done:
		return nil
	case <-ctx.Done():
		w.cancel()
		<-w.done
		return ctx.Err()
	}
}

// WriterStats are the writer's counters, for monitoring.
type WriterStats struct {
	Queued   int    // waiting now
	Written  uint64 // stored
	Dropped  uint64 // lost: queue full, writer closed, or given up at Close
	Failures uint64 // failed write attempts
	Impaired bool
}

// Stats returns the counters.
func (w *Writer) Stats() WriterStats {
	return WriterStats{Queued: len(w.q), Written: w.written.Load(), Dropped: w.dropped.Load(),
		Failures: w.failures.Load(), Impaired: w.failing.Load()}
}

func (w *Writer) run() {
	defer close(w.done)
	defer w.cancel()
	buf := make([]*kuzet.CheckRecord, 0, w.batch)
	for {
		select {
		case rec := <-w.q:
			buf = w.fill(append(buf[:0], rec))
			if w.linger > 0 && len(buf) < w.batch {
				buf = w.gather(buf)
			}
			if len(buf) > 0 {
				w.write(buf)
			}
		case ack := <-w.syncs:
			w.drain(buf)
			close(ack)
		case <-w.quit:
			w.drain(buf)
			return
		}
	}
}

// fill adds queued records to buf, up to a batch, without waiting.
func (w *Writer) fill(buf []*kuzet.CheckRecord) []*kuzet.CheckRecord {
	for len(buf) < w.batch {
		select {
		case rec := <-w.q:
			buf = append(buf, rec)
		default:
			return buf
		}
	}
	return buf
}

// gather adds records to buf until it holds a batch or Linger has passed.
// It sleeps meanwhile: Enqueue wakes it once the queue holds the rest of a
// batch, not for every record, which at thousands of checks a second cost
// a goroutine switch a check. A Sync meanwhile is answered at once: buf is
// written with everything queued and comes back empty.
func (w *Writer) gather(buf []*kuzet.CheckRecord) []*kuzet.CheckRecord {
	t := time.NewTimer(w.linger)
	defer t.Stop()
	defer w.want.Store(0)
	for len(buf) < w.batch {
		select {
		case <-w.full: // left from an earlier wait
		default:
		}
		need := w.batch - len(buf)
		w.want.Store(int64(need))
		// Records queued before want was set woke no one. (Should this read
		// of the length pass an Enqueue on a weakly ordered machine, the
		// batch waits for the linger: later, never lost.)
		if len(w.q) >= need {
			return w.fill(buf)
		}
		select {
		case <-w.full:
			buf = w.fill(buf)
		case ack := <-w.syncs:
			w.write(buf)
			w.drain(buf)
			close(ack)
			return buf[:0]
		case <-t.C:
			return w.fill(buf)
		case <-w.quit:
			return buf
		}
	}
	return buf
}

// drain writes everything queued.
func (w *Writer) drain(buf []*kuzet.CheckRecord) {
	for {
		buf = w.fill(buf[:0])
		if len(buf) == 0 {
			return
		}
		w.write(buf)
	}
}

// write stores a batch, retrying with back-off until it succeeds or the
// writer gives up at Close.
func (w *Writer) write(batch []*kuzet.CheckRecord) {
	defer clear(batch) // the buffer is reused; let the records go
	delay := w.retry
	for {
		err := kuzet.Transact(w.ctx, w.store, true, func(tx kuzet.Tx) error { return tx.PutChecks(w.ctx, batch) })
		if err == nil {
			w.written.Add(uint64(len(batch)))
			w.failing.Store(false)
			return
		}
		w.failures.Add(1)
		if !w.failing.Swap(true) {
			w.log.Error("payments: storing checks failed; deciding from memory", "err", err, "batch", len(batch))
		}
		t := time.NewTimer(delay)
		select {
		case <-w.ctx.Done():
			t.Stop()
			w.dropped.Add(uint64(len(batch)))
			return
		case <-t.C:
		}
		delay = min(2*delay, w.maxTry)
	}
}
