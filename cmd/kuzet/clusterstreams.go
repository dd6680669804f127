package main

import (
	"bytes"
	"context"
	"encoding/json"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/natsbus"
	"github.com/kuzet/kuzet/payments"
	"github.com/kuzet/kuzet/telecom"
)

// clusterStreams replicate the memory every node decides from: the payment
// checks and the outcomes reported on them (the payers' habits, velocity,
// new payees, fan-in, fraudsters' devices) and the risky calls behind the
// active-call signal. Each node publishes what it decided and observes
// what the others did.
type clusterStreams struct {
	checks, notes *natsbus.ReplicaStream
}

// outcomeMessage is an outcome on the stream of checks: in one stream with
// the checks, an outcome never overtakes its check on another node. Its
// JSON begins with outcomePrefix; a check record's never does.
type outcomeMessage struct {
	Note *payments.OutcomeNote `json:"outcome_note"`
}

var outcomePrefix = []byte(`{"outcome_note":`)

// checkTee hands each check record to the writer and to the cluster.
type checkTee struct {
	payments.Sink
	publish func(*kuzet.CheckRecord)
}

func (t checkTee) Enqueue(rec *kuzet.CheckRecord) bool {
	ok := t.Sink.Enqueue(rec)
	t.publish(rec)
	return ok
}

// clusterSink returns the sink of the payment engine: the writer, teed to
// the cluster's stream of checks once that is set up.
func (m *Main) clusterSink(w payments.Sink) payments.Sink {
	if !m.clustered() {
		return w
	}
	return checkTee{Sink: w, publish: func(rec *kuzet.CheckRecord) {
		stream := m.checkStream.Load()
		if stream == nil {
			return // not started yet: the store has the check for Rebuild
		}
		data, err := json.Marshal(rec)
		if err == nil {
			stream.Publish(rec.ID, data)
		}
	}}
}

// clusterOutcomes returns what the payments service tells of each outcome
// it applied to its memory: published to the other nodes once the stream
// is set up; nil for a node on its own.
func (m *Main) clusterOutcomes() func(payments.OutcomeNote) {
	if !m.clustered() {
		return nil
	}
	return func(n payments.OutcomeNote) {
		stream := m.checkStream.Load()
		if stream == nil || n.Check == nil {
			return // not started yet: the store has the outcome for Rebuild
		}
		data, err := json.Marshal(outcomeMessage{Note: &n})
		if err == nil {
			stream.Publish(n.Check.ID+"/"+string(n.Check.Outcome), data)
		}
	}
}

// startClusterStreams starts replicating checks and risky calls: first
// replaying what the other nodes published while this one was loading its
// memory from the store, so that nothing between the two is missed.
func (m *Main) startClusterStreams(ctx context.Context) (*clusterStreams, error) {
	s := &clusterStreams{}
	var err error
	// Checks: the stored ones were replayed by Rebuild; those still in a
	// writer's queue, a second or two, come from the stream.
	if s.checks, err = m.Bus.ReplicaStream(ctx, "checks", natsbus.ReplicaOptions{Keep: time.Hour}); err != nil {
		return nil, err
	}
	if m.Payments != nil && m.Payments.Engine != nil {
		engine, svc := m.Payments.Engine, m.Payments.Service
		since := m.Payments.rebuiltAt.Add(-2 * time.Second)
		err := s.checks.Follow(ctx, since, func(data []byte) {
			if bytes.HasPrefix(data, outcomePrefix) {
				// Outcomes, and the fraudsters' devices they name: the
				// stored ones were applied by Rebuild.
				var o outcomeMessage
				if json.Unmarshal(data, &o) == nil && o.Note != nil {
					svc.ApplyOutcome(*o.Note)
				}
				return
			}
			var rec kuzet.CheckRecord
			if json.Unmarshal(data, &rec) == nil {
				engine.Observe(&rec)
			}
		})
		if err != nil {
			return nil, err
		}
		m.checkStream.Store(s.checks)
	}
	// Risky calls: nothing of them is stored; the stream keeps as long as
	// a signal stays up.
	if s.notes, err = m.Bus.ReplicaStream(ctx, "signals", natsbus.ReplicaOptions{Keep: time.Hour}); err != nil {
		return nil, err
	}
	err = s.notes.Follow(ctx, time.Now().Add(-time.Hour), func(data []byte) {
		var n telecom.SignalNote
		if json.Unmarshal(data, &n) == nil {
			_ = m.Telecom.ApplyNote(n)
		}
	})
	if err != nil {
		return nil, err
	}
	notes := s.notes
	m.Telecom.Notes.Subscribe(func(n telecom.SignalNote) {
		data, err := json.Marshal(n)
		if err == nil {
			notes.Publish("", data)
		}
	})
	m.registerStreams(m.API.Registerer(), s)
	return s, nil
}

func (s *clusterStreams) close() {
	if s == nil {
		return
	}
	if s.checks != nil {
		s.checks.Close()
	}
	if s.notes != nil {
		s.notes.Close()
	}
}

func (m *Main) registerStreams(r prometheus.Registerer, s *clusterStreams) {
	for name, rs := range map[string]*natsbus.ReplicaStream{"checks": s.checks, "signals": s.notes} {
		for _, c := range []struct {
			what, help string
			fn         func() uint64
		}{
			{"published", "published to the other nodes", func() uint64 { return rs.Stats().Published }},
			{"dropped", "not published: the queue was full", func() uint64 { return rs.Stats().Dropped }},
			{"failed", "whose publication failed", func() uint64 { return rs.Stats().Failed }},
			{"applied", "applied from the other nodes", func() uint64 { return rs.Stats().Applied }},
		} {
			r.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
				Name: "kuzet_cluster_" + name + "_" + c.what + "_total",
				Help: "Replicated " + name + " " + c.help + ".",
			}, func() float64 { return float64(c.fn()) }))
		}
	}
}
