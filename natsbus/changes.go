package natsbus

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// The cluster's change log travels on the JetStream subject
//
//	<prefix>.changes.<topic>
//
// one message per logged change, its Nats-Msg-Id "c<seq>" and its header
// Kuzet-Seq the log's sequence number. The log itself (a table of the
// shared PostgreSQL store, written by the committing transaction) is the
// truth: one node at a time, holding a lease, relays it to the stream, and
// every node applies the stream in sequence order, filling any gap, and
// catching up at start, from the log. A stream that loses messages, or a
// relay that dies, delays a change on the other nodes by at most
// ChangeOptions.Poll; it never loses it.

// seqHeader carries a change's sequence number in the log.
const seqHeader = "Kuzet-Seq"

// LoggedChange is one entry of the change log.
type LoggedChange struct {
	Seq    int64
	Topic  string
	Change []byte
}

// ChangeLog reads the change log (postgres.DB adapted by the server).
type ChangeLog interface {
	// ChangesAfter returns at most limit changes after seq, in order.
	ChangesAfter(ctx context.Context, seq int64, limit int) ([]LoggedChange, error)
	// LastChange returns the highest sequence number committed.
	LastChange(ctx context.Context) (int64, error)
}

// ChangeOptions configure a ChangeFeed; zero fields take the defaults in
// brackets.
type ChangeOptions struct {
	// Relay is how often the relay looks for new changes in the log [10 ms].
	Relay time.Duration
	// Poll is how often a follower compares its position with the log's
	// end, and catches up from the log when the stream has not brought it
	// there [1 s].
	Poll time.Duration
	// Keep is how long the stream keeps changes [24 h].
	Keep time.Duration
}

// ChangeFeed relays the change log to JetStream and applies it.
type ChangeFeed struct {
	bus    *Bus
	log    ChangeLog
	apply  func(LoggedChange) error
	opts   ChangeOptions
	base   string
	stream jetstream.Stream

	mu      sync.Mutex // serializes applying
	applied atomic.Int64
	behind  atomic.Int64 // the log's end as last seen, when above applied
	fromLog atomic.Uint64
	fromJS  atomic.Uint64
	fails   atomic.Uint64
	relayed atomic.Uint64

	cc   jetstream.ConsumeContext
	stop chan struct{}
	once sync.Once
	wg   sync.WaitGroup
}

// ChangeFeed sets up the change stream. apply is called for every change,
// in sequence order, once; it must be idempotent across restarts (a node
// replays from the sequence it loaded at).
func (b *Bus) ChangeFeed(ctx context.Context, log ChangeLog, apply func(LoggedChange) error, opts ChangeOptions) (*ChangeFeed, error) {
	if opts.Relay <= 0 {
		opts.Relay = 10 * time.Millisecond
	}
	if opts.Poll <= 0 {
		opts.Poll = time.Second
	}
	if opts.Keep <= 0 {
		opts.Keep = 24 * time.Hour
	}
	f := &ChangeFeed{bus: b, log: log, apply: apply, opts: opts, base: b.subject("changes"), stop: make(chan struct{})}
	s, err := b.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:       b.streamName("changes"),
		Subjects:   []string{f.base + ".>"},
		MaxAge:     opts.Keep,
		Storage:    jetstream.FileStorage,
		Duplicates: 2 * time.Minute,
		Replicas:   b.replicas(ctx),
	})
	if err != nil {
		return nil, fmt.Errorf("stream %s: %w", b.streamName("changes"), err)
	}
	f.stream = s
	return f, nil
}

// Applied returns the sequence number of the last change applied.
func (f *ChangeFeed) Applied() int64 { return f.applied.Load() }

// Lag returns how many sequence numbers the node was behind the log's end
// when it last looked (0 when caught up).
func (f *ChangeFeed) Lag() int64 { return max(0, f.behind.Load()-f.applied.Load()) }

// ChangeStats counts what the feed did.
type ChangeStats struct {
	Applied        int64  // the last sequence number applied
	FromStream     uint64 // changes applied as the stream brought them
	FromLog        uint64 // changes applied from the log: catch-up and gaps
	Relayed        uint64 // changes this node published as the relay
	ApplyFailures  uint64 // changes apply refused (logged and skipped)
	LastSeenInLog  int64
	BehindTheLogBy int64
}

// Stats returns the feed's counters.
func (f *ChangeFeed) Stats() ChangeStats {
	return ChangeStats{Applied: f.applied.Load(), FromStream: f.fromJS.Load(), FromLog: f.fromLog.Load(),
		Relayed: f.relayed.Load(), ApplyFailures: f.fails.Load(), LastSeenInLog: f.behind.Load(), BehindTheLogBy: f.Lag()}
}

// Start marks the changes up to from as applied (the state was loaded from
// the store after from was read), catches up from the log to its end, and
// then follows the stream until Stop. When it returns, the node has every
// change committed before it was called.
func (f *ChangeFeed) Start(ctx context.Context, from int64) error {
	f.applied.Store(from)
	if err := f.catchUp(ctx, -1); err != nil {
		return err
	}
	// The stream's messages up to the log's end are skipped by sequence;
	// a start a minute back covers what was published while catching up.
	start := time.Now().Add(-time.Minute)
	cons, err := f.stream.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{
		FilterSubjects: []string{f.base + ".>"},
		DeliverPolicy:  jetstream.DeliverByStartTimePolicy, OptStartTime: &start,
	})
	if err != nil {
		return fmt.Errorf("change consumer: %w", err)
	}
	f.cc, err = cons.Consume(f.consume, jetstream.ConsumeErrHandler(func(_ jetstream.ConsumeContext, err error) {
		f.bus.logger.Debug("consume changes", "err", err)
	}))
	if err != nil {
		return fmt.Errorf("consume changes: %w", err)
	}
	f.wg.Go(f.poll)
	return nil
}

// Stop stops following and relaying.
func (f *ChangeFeed) Stop() {
	f.once.Do(func() {
		close(f.stop)
		if f.cc != nil {
			f.cc.Stop()
		}
		f.wg.Wait()
	})
}

// consume applies one message of the stream, after any change the log has
// between the last applied and it.
func (f *ChangeFeed) consume(m jetstream.Msg) {
	seq, err := strconv.ParseInt(m.Headers().Get(seqHeader), 10, 64)
	if err != nil || seq <= 0 {
		f.bus.logger.Warn("change without a sequence number", "subject", m.Subject())
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	last := f.applied.Load()
	if seq <= last {
		return
	}
	if seq > last+1 {
		// A gap: rolled-back transactions leave some; a lost message or a
		// change of relay others. The log knows which.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := f.catchUpLocked(ctx, seq-1)
		cancel()
		if err != nil {
			f.bus.logger.Warn("fill a gap in the change stream from the log", "err", err)
			return // the poll will
		}
	}
	topic := m.Subject()[min(len(m.Subject()), len(f.base)+1):]
	f.applyLocked(LoggedChange{Seq: seq, Topic: topic, Change: m.Data()})
	f.fromJS.Add(1)
}

func (f *ChangeFeed) applyLocked(c LoggedChange) {
	if err := f.apply(c); err != nil {
		f.fails.Add(1)
		f.bus.logger.Error("apply change", "seq", c.Seq, "topic", c.Topic, "err", err)
	}
	f.applied.Store(c.Seq)
}

// catchUp applies the log's changes after the last applied, up to through
// (all, when negative).
func (f *ChangeFeed) catchUp(ctx context.Context, through int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.catchUpLocked(ctx, through)
}

func (f *ChangeFeed) catchUpLocked(ctx context.Context, through int64) error {
	for {
		last := f.applied.Load()
		if through >= 0 && last >= through {
			return nil
		}
		batch, err := f.log.ChangesAfter(ctx, last, 1000)
		if err != nil {
			return err
		}
		for _, c := range batch {
			if through >= 0 && c.Seq > through {
				return nil
			}
			f.applyLocked(c)
			f.fromLog.Add(1)
		}
		if len(batch) < 1000 {
			if through >= 0 {
				// The rest of the range was rolled back: nothing to apply.
				f.applied.Store(max(f.applied.Load(), through))
			}
			return nil
		}
	}
}

// poll catches up from the log when the stream has left the node behind
// for longer than a poll period.
func (f *ChangeFeed) poll() {
	t := time.NewTicker(f.opts.Poll)
	defer t.Stop()
	var stuckAt int64 = -1
	for {
		select {
		case <-f.stop:
			return
		case <-t.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), f.opts.Poll*5)
		end, err := f.log.LastChange(ctx)
		if err == nil {
			f.behind.Store(end)
			applied := f.applied.Load()
			switch {
			case end <= applied:
				stuckAt = -1
			case stuckAt == applied: // no progress over a whole period
				err = f.catchUp(ctx, end)
				stuckAt = -1
			default:
				stuckAt = applied
			}
		}
		cancel()
		if err != nil {
			f.bus.logger.Warn("check the change log", "err", err)
		}
	}
}

// Relay publishes the log to the stream, from the stream's last change on,
// until ctx ends or publishing fails. Only one node should relay at a time
// (the server holds a PostgreSQL lease while it does); two would only
// publish duplicates, which the stream drops by their ids.
func (f *ChangeFeed) Relay(ctx context.Context) error {
	last, err := f.lastRelayed(ctx)
	if err != nil {
		return err
	}
	t := time.NewTicker(f.opts.Relay)
	defer t.Stop()
	for {
		batch, err := f.log.ChangesAfter(ctx, last, 500)
		if err != nil {
			return err
		}
		futures := make([]jetstream.PubAckFuture, 0, len(batch))
		for _, c := range batch {
			msg := &nats.Msg{Subject: f.base + "." + c.Topic, Data: c.Change, Header: nats.Header{
				seqHeader:     []string{strconv.FormatInt(c.Seq, 10)},
				nodeHeader:    []string{f.bus.node},
				nats.MsgIdHdr: []string{"c" + strconv.FormatInt(c.Seq, 10)},
			}}
			fut, err := f.bus.js.PublishMsgAsync(msg)
			if err != nil {
				return fmt.Errorf("relay change %d: %w", c.Seq, err)
			}
			futures = append(futures, fut)
		}
		for i, fut := range futures {
			select {
			case <-fut.Ok():
				f.relayed.Add(1)
				last = batch[i].Seq
			case err := <-fut.Err():
				return fmt.Errorf("relay change %d: %w", batch[i].Seq, err)
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		if len(batch) == 500 {
			continue
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// lastRelayed returns the sequence number of the stream's last change.
func (f *ChangeFeed) lastRelayed(ctx context.Context) (int64, error) {
	info, err := f.stream.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("change stream: %w", err)
	}
	if info.State.Msgs == 0 {
		// An empty stream (new, or everything aged out): relay what this
		// node has not applied yet; the followers took the rest from the
		// log.
		return f.applied.Load(), nil
	}
	m, err := f.stream.GetMsg(ctx, info.State.LastSeq)
	if err != nil {
		var apiErr *jetstream.APIError
		if errors.As(err, &apiErr) {
			return 0, fmt.Errorf("change stream's last message: %w", err)
		}
		return 0, err
	}
	seq, err := strconv.ParseInt(m.Header.Get(seqHeader), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("change stream's last message has no sequence number")
	}
	return seq, nil
}
