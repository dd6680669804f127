package natsbus

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/telecom"
)

// Call registrations travel on JetStream subjects
//
//	<prefix>.calls.originated.<org ID>.<partition>
//
// each message a JSON document of the HTTP API's shape, {"calls": [{"a",
// "b", "at", "call_id"}, ...]}, one call or many. The organisation is the
// subject's, never the message's: the NATS server's permissions must allow
// each operator's user to publish only under its own ID, as an API key
// allows it to register only its own numbers. The partition is
// telecom.Partition of the called number, so that a cluster can split the
// window by called number, each node consuming its share.
//
// The stream keeps registrations a few windows long, which lets a node
// that starts rebuild its window from the stream instead of blocking the
// honest calls of its first two minutes.

// OriginationOptions configure an OriginationFeed. Zero fields take the
// defaults in brackets.
type OriginationOptions struct {
	// Partitions is how many partitions the called numbers are split into
	// [1]; Serve the partitions this node consumes [all].
	Partitions int
	Serve      []int
	// Window is how far back a starting node replays registrations: the
	// engine's window [120 s].
	Window time.Duration
	// Keep is how long the stream keeps registrations [10 min].
	Keep time.Duration
	// LagLimit is how many registrations the node may be behind the stream
	// before its verifications fail open [10,000].
	LagLimit uint64
	// Check is how often the feed checks the connection and its lag [250 ms].
	Check time.Duration
}

// OriginationFeed feeds a telecom engine with the registrations published
// on JetStream, by operators and by the other nodes, and publishes the
// registrations this node takes over HTTP for the other nodes. While the
// stream cannot be read, or the node lags far behind it, the engine is
// impaired (telecom.Service.SetImpaired): a registration may be sitting
// unread, so verifications that find none fail open instead of blocking.
type OriginationFeed struct {
	bus    *Bus
	engine *telecom.Service
	opts   OriginationOptions
	base   string // subject prefix, up to the organisation
	stream jetstream.Stream

	cons jetstream.Consumer
	cc   jetstream.ConsumeContext

	pending  atomic.Uint64 // registrations left to read, as of the last message
	consumed atomic.Uint64 // messages applied
	invalid  atomic.Uint64 // messages that could not be read

	stop chan struct{}
	once sync.Once
	wg   sync.WaitGroup
}

// OriginationFeed sets up the registrations' stream for engine. Start
// begins consuming.
func (b *Bus) OriginationFeed(ctx context.Context, engine *telecom.Service, opts OriginationOptions) (*OriginationFeed, error) {
	if opts.Partitions <= 0 {
		opts.Partitions = 1
	}
	if len(opts.Serve) == 0 {
		for p := range opts.Partitions {
			opts.Serve = append(opts.Serve, p)
		}
	}
	for _, p := range opts.Serve {
		if p < 0 || p >= opts.Partitions {
			return nil, kuzet.Errorf(kuzet.EINVALID, "partition %d is not one of 0..%d", p, opts.Partitions-1)
		}
	}
	if opts.Window <= 0 {
		opts.Window = 120 * time.Second
	}
	if opts.Keep <= 0 {
		opts.Keep = 10 * time.Minute
	}
	if opts.LagLimit == 0 {
		opts.LagLimit = 10_000
	}
	if opts.Check <= 0 {
		opts.Check = 250 * time.Millisecond
	}
	f := &OriginationFeed{bus: b, engine: engine, opts: opts, base: b.subject("calls.originated"), stop: make(chan struct{})}
	// Not ensureStream: a day of registrations at the national peak would
	// be most of a billion messages, and none is of use after its window.
	s, err := b.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:     b.streamName("calls"),
		Subjects: []string{f.base + ".>"},
		MaxAge:   opts.Keep,
		Storage:  jetstream.FileStorage,
		Discard:  jetstream.DiscardOld,
	})
	if err != nil {
		return nil, fmt.Errorf("stream %s: %w", b.streamName("calls"), err)
	}
	f.stream = s
	return f, nil
}

// Subject returns the subject an operator publishes its registrations of
// calls to called numbers of partition on.
func (f *OriginationFeed) Subject(orgID int64, partition int) string {
	return f.base + "." + strconv.FormatInt(orgID, 10) + "." + strconv.Itoa(partition)
}

// Start replays the registrations of the last window, then follows new
// ones until Stop.
func (f *OriginationFeed) Start(ctx context.Context) error {
	filters := make([]string, len(f.opts.Serve))
	for i, p := range f.opts.Serve {
		filters[i] = f.base + ".*." + strconv.Itoa(p)
	}
	start := time.Now().Add(-f.opts.Window)
	cons, err := f.stream.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{
		FilterSubjects: filters,
		DeliverPolicy:  jetstream.DeliverByStartTimePolicy,
		OptStartTime:   &start,
	})
	if err != nil {
		return fmt.Errorf("origination consumer: %w", err)
	}
	f.cons = cons
	// Until the replay has caught up, a registration may be sitting
	// unread: watch clears this once the node is near the stream's end.
	f.engine.SetImpaired(errors.New("origination stream: catching up"))
	f.cc, err = cons.Consume(f.apply, jetstream.ConsumeErrHandler(func(_ jetstream.ConsumeContext, err error) {
		// The ordered consumer recovers by itself; watch sees to the
		// engine meanwhile.
		f.bus.logger.Debug("consume originations", "err", err)
	}))
	if err != nil {
		return fmt.Errorf("consume originations: %w", err)
	}
	f.wg.Add(1)
	go f.watch()
	return nil
}

// Stop stops consuming and clears the impairment the feed set.
func (f *OriginationFeed) Stop() {
	f.once.Do(func() {
		close(f.stop)
		if f.cc != nil {
			f.cc.Stop()
		}
		f.wg.Wait()
		f.engine.SetImpaired(nil)
	})
}

// wireCall is a call as the stream carries it.
type wireCall struct {
	A      string `json:"a"`
	B      string `json:"b"`
	At     string `json:"at"`
	CallID string `json:"call_id,omitempty"`
}

type wireBatch struct {
	Calls []wireCall `json:"calls"`
}

// apply registers the calls of one message.
func (f *OriginationFeed) apply(m jetstream.Msg) {
	if md, err := m.Metadata(); err == nil {
		f.pending.Store(md.NumPending)
	}
	if m.Headers().Get(nodeHeader) == f.bus.node {
		return // registered here already, when the node took it over HTTP
	}
	org, err := subjectOrg(m.Subject(), f.base)
	if err != nil {
		f.invalid.Add(1)
		f.bus.logger.Warn("origination on a malformed subject", "subject", m.Subject())
		return
	}
	var batch wireBatch
	if err := json.Unmarshal(m.Data(), &batch); err != nil {
		f.invalid.Add(1)
		f.bus.logger.Warn("malformed origination message", "subject", m.Subject(), "err", err)
		return
	}
	calls := make([]telecom.Call, 0, len(batch.Calls))
	for _, c := range batch.Calls {
		at, err := time.Parse(time.RFC3339Nano, c.At)
		if err != nil {
			continue // Register would refuse it as well: a zero time is no time
		}
		calls = append(calls, telecom.Call{A: c.A, B: c.B, At: at, CallID: c.CallID, OrgID: org})
	}
	// Refusals (another operator's number, a call older than the window)
	// are counted by the engine; a stream has no one to answer them to.
	f.engine.RegisterBatch(calls)
	f.consumed.Add(1)
}

// subjectOrg reads the organisation of <base>.<org>.<partition>.
func subjectOrg(subject, base string) (int64, error) {
	rest, ok := strings.CutPrefix(subject, base+".")
	if !ok {
		return 0, errors.New("not an origination subject")
	}
	org, _, ok := strings.Cut(rest, ".")
	if !ok {
		return 0, errors.New("no partition")
	}
	id, err := strconv.ParseInt(org, 10, 64)
	if err != nil || id <= 0 {
		return 0, errors.New("no organisation")
	}
	return id, nil
}

// watch impairs the engine while the stream is out of reach or the node
// lags behind it, and clears the impairment when both are over.
func (f *OriginationFeed) watch() {
	defer f.wg.Done()
	t := time.NewTicker(f.opts.Check)
	defer t.Stop()
	for {
		select {
		case <-f.stop:
			return
		case <-t.C:
		}
		f.engine.SetImpaired(f.health())
	}
}

// health returns why registrations may be sitting unread, or nil.
func (f *OriginationFeed) health() error {
	if !f.bus.nc.IsConnected() {
		return errors.New("origination stream: not connected to NATS")
	}
	ctx, cancel := context.WithTimeout(context.Background(), max(f.opts.Check, time.Second))
	defer cancel()
	info, err := f.cons.Info(ctx)
	if err != nil {
		return fmt.Errorf("origination stream: %w", err)
	}
	if info.NumPending > f.opts.LagLimit {
		return fmt.Errorf("origination stream: %d registrations behind", info.NumPending)
	}
	return nil
}

// OriginationStats are the feed's running totals.
type OriginationStats struct {
	Consumed uint64 // messages applied
	Invalid  uint64 // messages that could not be read
	Pending  uint64 // registrations left to read, as of the last message
}

// Stats returns the feed's running totals.
func (f *OriginationFeed) Stats() OriginationStats {
	return OriginationStats{Consumed: f.consumed.Load(), Invalid: f.invalid.Load(), Pending: f.pending.Load()}
}

// Publish sends registrations of orgID's calls to the stream, one message
// a partition, without waiting for the server: what an operator's feed
// does, and what a node does with the registrations it takes over HTTP.
// Calls must be well formed (the engine's checks come at the consumer).
func (f *OriginationFeed) Publish(orgID int64, calls []telecom.Call) error {
	parts := make(map[int][]wireCall)
	for _, c := range calls {
		p := telecom.Partition(c.B, f.opts.Partitions)
		parts[p] = append(parts[p], wireCall{A: c.A, B: c.B, At: c.At.UTC().Format(time.RFC3339Nano), CallID: c.CallID})
	}
	var errs []error
	for p, wc := range parts {
		data, err := json.Marshal(wireBatch{Calls: wc})
		if err != nil {
			return fmt.Errorf("encode originations: %w", err)
		}
		msg := &nats.Msg{Subject: f.Subject(orgID, p), Data: data, Header: nats.Header{nodeHeader: []string{f.bus.node}}}
		if err := f.bus.nc.PublishMsg(msg); err != nil {
			errs = append(errs, fmt.Errorf("publish originations: %w", err))
		}
	}
	return errors.Join(errs...)
}

// PublishOriginated publishes the registrations this node accepted for
// the other nodes: it subscribes to telecom.Service.Originations. A failure
// is logged: the registrations are in this node's window, and the stream's
// impairment shows elsewhere.
func (f *OriginationFeed) PublishOriginated(o telecom.Originated) {
	if err := f.Publish(o.OrgID, o.Calls); err != nil {
		f.bus.logger.Error("fan out originations", "org", o.OrgID, "calls", len(o.Calls), "err", err)
	}
}

// The SIM-box block list travels on JetStream subjects
//
//	<prefix>.blocklist.simbox.<org ID>
//
// one message an entry, each operator's subject carrying what
// GET /v1/blocklists/simbox shows it: the SIMs of its own numbers whole and
// every other SIM's handsets. As with the registrations, the NATS server's
// permissions must let each operator's user subscribe only under its own
// ID. Every node publishes (it polls the engine), each message with the
// JetStream message ID "simbox-<org>-<entry>", so that the stream keeps one
// copy however many nodes run and however often they restart within its
// duplicate window.

// BlocklistOptions configure a BlocklistFeed. Zero fields take the defaults
// in brackets.
type BlocklistOptions struct {
	Every  time.Duration // how often the engine is polled [5 s]
	Replay time.Duration // how far back a starting node publishes again; the stream's duplicate window [24 h]
	Keep   time.Duration // how long the stream keeps entries, for operators that subscribe late [7 days]
}

// BlocklistFeed publishes the operators' block lists.
type BlocklistFeed struct {
	bus    *Bus
	engine *telecom.Service
	opts   BlocklistOptions
	base   string

	mu      sync.Mutex       // one poll at a time
	cursors map[int64]string // per operator, the last entry published
	since   time.Time

	published atomic.Uint64

	stop chan struct{}
	once sync.Once
	wg   sync.WaitGroup
}

// BlocklistFeed sets up the block list's stream for engine. Start begins
// publishing.
func (b *Bus) BlocklistFeed(ctx context.Context, engine *telecom.Service, opts BlocklistOptions) (*BlocklistFeed, error) {
	if opts.Every <= 0 {
		opts.Every = 5 * time.Second
	}
	if opts.Replay <= 0 {
		opts.Replay = 24 * time.Hour
	}
	if opts.Keep <= 0 {
		opts.Keep = 7 * 24 * time.Hour
	}
	f := &BlocklistFeed{bus: b, engine: engine, opts: opts, base: b.subject("blocklist.simbox"),
		cursors: map[int64]string{}, since: time.Now().Add(-opts.Replay), stop: make(chan struct{})}
	_, err := b.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:       b.streamName("blocklist"),
		Subjects:   []string{f.base + ".>"},
		MaxAge:     max(opts.Keep, opts.Replay),
		Duplicates: opts.Replay,
		Storage:    jetstream.FileStorage,
	})
	if err != nil {
		return nil, fmt.Errorf("stream %s: %w", b.streamName("blocklist"), err)
	}
	return f, nil
}

// Subject returns the subject of orgID's block list.
func (f *BlocklistFeed) Subject(orgID int64) string {
	return f.base + "." + strconv.FormatInt(orgID, 10)
}

// Start publishes the entries confirmed within the replay period, then
// every new one, until Stop.
func (f *BlocklistFeed) Start(ctx context.Context) {
	f.wg.Add(1)
	go func() {
		defer f.wg.Done()
		t := time.NewTicker(f.opts.Every)
		defer t.Stop()
		for {
			f.Poll(ctx)
			select {
			case <-f.stop:
				return
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}

// Stop stops publishing.
func (f *BlocklistFeed) Stop() {
	f.once.Do(func() { close(f.stop); f.wg.Wait() })
}

// Published returns how many entries this node published (the stream may
// have dropped some as duplicates of another node's).
func (f *BlocklistFeed) Published() uint64 { return f.published.Load() }

// wireBlockedSIM is an entry as the stream carries it: the API's shape.
type wireBlockedSIM struct {
	ID          int64     `json:"id"`
	MSISDN      string    `json:"msisdn,omitempty"`
	IMSI        string    `json:"imsi,omitempty"`
	IMEIs       []string  `json:"imeis"`
	ConfirmedAt time.Time `json:"confirmed_at"`
	BatchID     int64     `json:"batch_id,omitempty"`
	Reference   string    `json:"reference"`
}

// Poll publishes every operator's entries confirmed since the last poll.
// A failure is logged, and the next poll starts again from the last entry
// published.
func (f *BlocklistFeed) Poll(ctx context.Context) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, org := range f.engine.Telcos() {
		for {
			p, err := f.engine.SimboxBlocklist(ctx, org, f.since, f.cursors[org], 1000)
			if err != nil {
				f.bus.logger.Error("block list: read", "org", org, "err", err)
				break
			}
			if err := f.publish(ctx, org, p.Entries); err != nil {
				f.bus.logger.Error("block list: publish", "org", org, "err", err)
				break
			}
			if p.Next != "" {
				f.cursors[org] = p.Next
			}
			if !p.More {
				break
			}
		}
	}
}

func (f *BlocklistFeed) publish(ctx context.Context, org int64, entries []telecom.BlockedSIM) error {
	for _, e := range entries {
		data, err := json.Marshal(wireBlockedSIM{ID: e.ID, MSISDN: e.MSISDN, IMSI: e.IMSI, IMEIs: e.IMEIs,
			ConfirmedAt: e.ConfirmedAt, BatchID: e.BatchID, Reference: e.Reference})
		if err != nil {
			return fmt.Errorf("encode: %w", err)
		}
		id := "simbox-" + strconv.FormatInt(org, 10) + "-" + strconv.FormatInt(e.ID, 10)
		if _, err := f.bus.js.Publish(ctx, f.Subject(org), data, jetstream.WithMsgID(id)); err != nil {
			return err
		}
		f.published.Add(1)
	}
	return nil
}
