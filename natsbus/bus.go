// Package natsbus carries kuzet's event streams over NATS JetStream: the
// registry's changes, fanned out so that every API node's in-memory index
// follows the writes made on the others.
//
// Messages carry the publishing node's id in a header so that a node skips
// its own. Streams keep a day of history: a node that starts consuming from
// just before it loaded its index from the store misses nothing, and
// applying a change it already loaded is harmless (every change is
// idempotent).
package natsbus

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// nodeHeader names the publishing node.
const nodeHeader = "Kuzet-Node"

// Options configure a Bus.
type Options struct {
	// Prefix starts every subject and stream name; "kuzet" by default.
	// Tests use their own to share a server.
	Prefix string
	// History is how long streams keep messages; a day by default.
	History time.Duration
	Logger  *slog.Logger
	// Replicas is how many servers of a JetStream cluster keep each of
	// the cluster's streams (the change log, payment checks, active-call
	// signals) [1; 3 in a three-server cluster].
	Replicas int
}

// replicas returns the replica count of the cluster's streams.
func (b *Bus) replicas(context.Context) int { return max(1, b.opts.Replicas) }

// Bus is a connection to NATS with JetStream.
type Bus struct {
	nc     *nats.Conn
	js     jetstream.JetStream
	node   string
	prefix string
	opts   Options
	logger *slog.Logger
}

// Open connects to url and makes sure JetStream answers.
func Open(ctx context.Context, url string, opts Options) (*Bus, error) {
	if opts.Prefix == "" {
		opts.Prefix = "kuzet"
	}
	if opts.History == 0 {
		opts.History = 24 * time.Hour
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	var id [6]byte
	rand.Read(id[:])
	b := &Bus{node: hex.EncodeToString(id[:]), prefix: opts.Prefix, opts: opts, logger: opts.Logger}
	nc, err := nats.Connect(url, nats.Name("kuzet-"+b.node), nats.MaxReconnects(-1),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				b.logger.Warn("nats disconnected", "err", err)
			}
		}),
		nats.ReconnectHandler(func(*nats.Conn) { b.logger.Info("nats reconnected") }))
	if err != nil {
		return nil, fmt.Errorf("connect to nats: %w", err)
	}
	b.nc = nc
	if b.js, err = jetstream.New(nc); err != nil {
		nc.Close()
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	if _, err := b.js.AccountInfo(ctx); err != nil {
		nc.Close()
		return nil, fmt.Errorf("jetstream not available at %s: %w", url, err)
	}
	return b, nil
}

// Node returns this process's id on the bus.
func (b *Bus) Node() string { return b.node }

// Close drains and closes the connection.
func (b *Bus) Close() error {
	if b.nc == nil {
		return nil
	}
	err := b.nc.Drain()
	b.nc = nil
	return err
}

func (b *Bus) subject(name string) string { return b.prefix + "." + name }

func (b *Bus) streamName(name string) string {
	return strings.ToUpper(strings.NewReplacer(".", "_", "-", "_").Replace(b.prefix + "_" + name))
}

// ensureStream creates or updates the stream that captures subject.
func (b *Bus) ensureStream(ctx context.Context, name, subject string) (jetstream.Stream, error) {
	s, err := b.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:     b.streamName(name),
		Subjects: []string{subject},
		MaxAge:   b.opts.History,
		Storage:  jetstream.FileStorage,
	})
	if err != nil {
		return nil, fmt.Errorf("stream %s: %w", b.streamName(name), err)
	}
	return s, nil
}
