// Package natsbus carries kuzet's event streams over NATS JetStream: the
// cluster's change log (changes.go: the registry, roaming, DNO, portings,
// operators and rules, relayed from PostgreSQL with de-duplication ids and
// applied in commit order), the replicated memories (replica.go: payment
// checks, active-call notes), call registrations (telecom.go), the SIM-box
// block lists, and, for a node on SQLite, the registry's changes alone
// (registry.go). docs/deployment.md says which state goes where.
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

// createStream creates or updates a stream, retrying for a minute: a
// JetStream cluster elects each replicated stream's leader when it is
// created, and when several nodes ask at once a request may go
// unanswered while the stream is made all the same.
func (b *Bus) createStream(ctx context.Context, cfg jetstream.StreamConfig) (jetstream.Stream, error) {
	var err error
	for range 12 {
		cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		var s jetstream.Stream
		s, err = b.js.CreateOrUpdateStream(cctx, cfg)
		cancel()
		if err == nil {
			return s, nil
		}
		if ctx.Err() != nil {
			break
		}
		b.logger.Warn("create stream, retrying", "stream", cfg.Name, "err", err)
	}
	return nil, fmt.Errorf("stream %s: %w", cfg.Name, err)
}
