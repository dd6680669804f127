package natsbus

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// ReplicaStream replicates a node's observations (payment checks, risky
// calls) to every other node over a JetStream stream: each node publishes
// what it observed, off the request's path, and applies what the others
// published. Every node thus holds the whole cluster's memory, as a single
// node would: simple and exact, at the cost that each node applies every
// observation (microseconds each; docs/deployment.md has the figures).
//
// Publishing never blocks: observations queue in memory and a full queue
// drops (counted), as the bus being down must not stop verification.
type ReplicaStream struct {
	bus     *Bus
	js      jetstream.JetStream
	subject string
	stream  jetstream.Stream
	queue   chan *nats.Msg

	published, dropped, failed, applied atomic.Uint64

	cc   jetstream.ConsumeContext
	stop chan struct{}
	once sync.Once
	wg   sync.WaitGroup
}

// ReplicaOptions configure a ReplicaStream; zero fields take the defaults
// in brackets.
type ReplicaOptions struct {
	Keep  time.Duration // how long the stream keeps observations [1 h]
	Queue int           // observations waiting to be published [65,536]
}

// ReplicaStream sets up the stream name and starts publishing.
func (b *Bus) ReplicaStream(ctx context.Context, name string, opts ReplicaOptions) (*ReplicaStream, error) {
	if opts.Keep <= 0 {
		opts.Keep = time.Hour
	}
	if opts.Queue <= 0 {
		opts.Queue = 65536
	}
	r := &ReplicaStream{bus: b, subject: b.subject("replica." + name), queue: make(chan *nats.Msg, opts.Queue),
		stop: make(chan struct{})}
	var err error
	r.js, err = jetstream.New(b.nc, jetstream.WithPublishAsyncMaxPending(4096),
		jetstream.WithPublishAsyncErrHandler(func(jetstream.JetStream, *nats.Msg, error) { r.failed.Add(1) }))
	if err != nil {
		return nil, err
	}
	r.stream, err = r.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:       b.streamName("replica_" + name),
		Subjects:   []string{r.subject},
		MaxAge:     opts.Keep,
		Storage:    jetstream.FileStorage,
		Discard:    jetstream.DiscardOld,
		Duplicates: time.Minute,
		Replicas:   b.replicas(ctx),
	})
	if err != nil {
		return nil, fmt.Errorf("stream %s: %w", b.streamName("replica_"+name), err)
	}
	r.wg.Go(r.publish)
	return r, nil
}

// Publish queues data for the other nodes; id, when not empty, is its
// de-duplication id. It never blocks.
func (r *ReplicaStream) Publish(id string, data []byte) {
	m := &nats.Msg{Subject: r.subject, Data: data, Header: nats.Header{nodeHeader: []string{r.bus.node}}}
	if id != "" {
		m.Header.Set(nats.MsgIdHdr, id)
	}
	select {
	case r.queue <- m:
	default:
		r.dropped.Add(1)
	}
}

func (r *ReplicaStream) publish() {
	for {
		select {
		case <-r.stop:
			return
		case m := <-r.queue:
			if _, err := r.js.PublishMsgAsync(m); err != nil {
				r.failed.Add(1)
				continue
			}
			r.published.Add(1)
		}
	}
}

// Follow applies, in stream order, every observation other nodes
// published since since, and every later one, until Close. It returns
// once the observations published before it was called are applied.
func (r *ReplicaStream) Follow(ctx context.Context, since time.Time, apply func([]byte)) error {
	info, err := r.stream.Info(ctx)
	if err != nil {
		return fmt.Errorf("replica stream: %w", err)
	}
	end := info.State.LastSeq
	cons, err := r.stream.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{
		DeliverPolicy: jetstream.DeliverByStartTimePolicy, OptStartTime: &since,
	})
	if err != nil {
		return fmt.Errorf("replica consumer: %w", err)
	}
	caught := make(chan struct{})
	var once sync.Once
	if end == 0 || info.State.LastTime.Before(since) {
		once.Do(func() { close(caught) })
	}
	r.cc, err = cons.Consume(func(m jetstream.Msg) {
		if m.Headers().Get(nodeHeader) != r.bus.node {
			apply(m.Data())
			r.applied.Add(1)
		}
		if md, err := m.Metadata(); err == nil && md.Sequence.Stream >= end {
			once.Do(func() { close(caught) })
		}
	}, jetstream.ConsumeErrHandler(func(_ jetstream.ConsumeContext, err error) {
		r.bus.logger.Debug("consume replica", "subject", r.subject, "err", err)
	}))
	if err != nil {
		return fmt.Errorf("consume replica: %w", err)
	}
	// The stream may hold nothing after since: then no message comes to
	// say so, and the wait ends at its bound.
	t := time.NewTimer(10 * time.Second)
	defer t.Stop()
	select {
	case <-caught:
	case <-t.C:
		r.bus.logger.Warn("replica replay did not reach the stream's end in time", "subject", r.subject)
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}

// ReplicaStats counts a stream's traffic on this node.
type ReplicaStats struct{ Published, Dropped, Failed, Applied uint64 }

// Stats returns the counters.
func (r *ReplicaStream) Stats() ReplicaStats {
	return ReplicaStats{Published: r.published.Load(), Dropped: r.dropped.Load(), Failed: r.failed.Load(), Applied: r.applied.Load()}
}

// Close stops following and publishing; observations still queued are
// published first, for a second at most.
func (r *ReplicaStream) Close() {
	r.once.Do(func() {
		if r.cc != nil {
			r.cc.Stop()
		}
		deadline := time.After(time.Second)
	drain:
		for {
			select {
			case m := <-r.queue:
				if _, err := r.js.PublishMsgAsync(m); err != nil {
					r.failed.Add(1)
				}
			case <-deadline:
				break drain
			default:
				break drain
			}
		}
		close(r.stop)
		r.wg.Wait()
		select {
		case <-r.js.PublishAsyncComplete():
		case <-time.After(time.Second):
		}
	})
}
