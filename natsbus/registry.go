package natsbus

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/kuzet/kuzet/registry"
)

// RegistryFeed publishes a node's registry changes and applies the others'.
type RegistryFeed struct {
	bus     *Bus
	subject string
	stream  jetstream.Stream
	cc      jetstream.ConsumeContext
}

// RegistryFeed sets up the registry's stream.
func (b *Bus) RegistryFeed(ctx context.Context) (*RegistryFeed, error) {
	subject := b.subject("registry.changes")
	s, err := b.ensureStream(ctx, "registry", subject)
	if err != nil {
		return nil, err
	}
	return &RegistryFeed{bus: b, subject: subject, stream: s}, nil
}

// Publish sends c to the other nodes. It does not wait for the server: a
// change the bus loses is still in the store, and reaches a node's index
// at its next start.
func (f *RegistryFeed) Publish(c registry.Change) {
	data, err := json.Marshal(c)
	if err != nil {
		f.bus.logger.Error("encode registry change", "err", err)
		return
	}
	msg := &nats.Msg{Subject: f.subject, Data: data, Header: nats.Header{nodeHeader: []string{f.bus.node}}}
	if err := f.bus.nc.PublishMsg(msg); err != nil {
		f.bus.logger.Error("publish registry change", "err", err)
	}
}

// Follow applies, in order, every change other nodes published since
// `since`, and every later one, until Stop. Call it with the time taken just
// before the index was loaded from the store.
func (f *RegistryFeed) Follow(ctx context.Context, since time.Time, apply func(registry.Change) error) error {
	start := since.Add(-time.Second) // room for clock skew between the nodes
	cons, err := f.stream.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{
		DeliverPolicy: jetstream.DeliverByStartTimePolicy, OptStartTime: &start,
	})
	if err != nil {
		return fmt.Errorf("registry consumer: %w", err)
	}
	f.cc, err = cons.Consume(func(m jetstream.Msg) {
		if m.Headers().Get(nodeHeader) == f.bus.node {
			return
		}
		var c registry.Change
		if err := json.Unmarshal(m.Data(), &c); err != nil {
			f.bus.logger.Error("decode registry change", "err", err)
			return
		}
		if err := apply(c); err != nil {
			f.bus.logger.Error("apply registry change", "op", c.Op, "err", err)
		}
	})
	if err != nil {
		return fmt.Errorf("consume registry changes: %w", err)
	}
	return nil
}

// Stop stops following.
func (f *RegistryFeed) Stop() {
	if f.cc != nil {
		f.cc.Stop()
	}
}
