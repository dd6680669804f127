package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ctlog"
	"github.com/kuzet/kuzet/natsbus"
	"github.com/kuzet/kuzet/postgres"
	"github.com/kuzet/kuzet/registry"
)

// A cluster is several nodes on one PostgreSQL store and one NATS
// JetStream (docs/deployment.md). What each node keeps in memory is, piece
// by piece:
//   - replicated from the store's change log (postgres migration 0050,
//     relayed over JetStream by natsbus.ChangeFeed): the registry's index,
//     roaming, Do-Not-Originate, portings, operators, payment rules;
//   - replicated over JetStream streams: the payers' and payees' memory
//     (every node observes every check) and the active-call signal (every
//     node notes every risky call), clusterstreams.go;
//   - led by one node at a time under a PostgreSQL advisory lock: the relay
//     of the change log and the CT log followers.

// Lease keys of the cluster's single-leader jobs ("kzrl", "kzct").
const (
	relayLease = 0x6b7a726c
	ctLease    = 0x6b7a6374
)

// clusterPart is a node's share of the cluster's work.
type clusterPart struct {
	db      *postgres.DB
	changes *natsbus.ChangeFeed
	streams *clusterStreams

	stop context.CancelFunc
	wg   sync.WaitGroup
}

// clustered reports whether the node is one of a cluster: PostgreSQL and
// NATS both configured.
func (m *Main) clustered() bool {
	_, ok := m.Store.(*postgres.DB)
	return ok && m.Config.NATS != ""
}

// changeLogEnd returns where the change log ends, read before the state is
// loaded from the store: the node applies every change after it.
func (m *Main) changeLogEnd(ctx context.Context) (int64, error) {
	if !m.clustered() {
		return 0, nil
	}
	return m.Store.(*postgres.DB).LastClusterChange(ctx)
}

// changeLog adapts the store to natsbus.ChangeLog.
type changeLog struct{ db *postgres.DB }

func (l changeLog) ChangesAfter(ctx context.Context, seq int64, limit int) ([]natsbus.LoggedChange, error) {
	rows, err := l.db.ClusterChangesAfter(ctx, seq, limit)
	if err != nil {
		return nil, err
	}
	out := make([]natsbus.LoggedChange, len(rows))
	for i, r := range rows {
		out[i] = natsbus.LoggedChange{Seq: r.Seq, Topic: r.Topic, Change: r.Change}
	}
	return out, nil
}

func (l changeLog) LastChange(ctx context.Context) (int64, error) { return l.db.LastClusterChange(ctx) }

// startCluster catches the node up with the change log from from, follows
// it, and starts the leader jobs and the replicated streams. It returns
// once the node holds every change committed before it was called: the
// server says ready only then.
func (m *Main) startCluster(ctx context.Context, from int64) error {
	if !m.clustered() {
		return nil
	}
	c := &clusterPart{db: m.Store.(*postgres.DB)}
	m.cluster = c
	var err error
	if c.changes, err = m.Bus.ChangeFeed(ctx, changeLog{c.db}, m.applyChange, natsbus.ChangeOptions{}); err != nil {
		return err
	}
	start := time.Now()
	if err := c.changes.Start(ctx, from); err != nil {
		return err
	}
	st := c.changes.Stats()
	m.Logger.Info("following the cluster's change log", "from", from, "applied", st.Applied,
		"caught_up_from_log", st.FromLog, "took", time.Since(start).String(), "node", m.Bus.Node())
	if c.streams, err = m.startClusterStreams(ctx); err != nil {
		return err
	}
	jctx, stop := context.WithCancel(context.Background())
	c.stop = stop
	c.wg.Go(func() { m.lead(jctx, relayLease, "change relay", c.changes.Relay) })
	m.registerCluster(m.API.Registerer())
	return nil
}

// stopCluster stops the leader jobs and the feeds.
func (m *Main) stopCluster() {
	c := m.cluster
	if c == nil {
		return
	}
	if c.stop != nil {
		c.stop()
		c.wg.Wait()
	}
	if c.changes != nil {
		c.changes.Stop()
	}
	c.streams.close()
	m.cluster = nil
}

// clusterHealth fails /readyz while the node is far behind the change log:
// it then answers from state other nodes no longer hold.
func (m *Main) clusterHealth(context.Context) error {
	c := m.cluster
	if c == nil || c.changes == nil {
		return nil
	}
	if lag := c.changes.Lag(); lag > 1000 {
		return fmt.Errorf("%d changes behind the cluster's change log", lag)
	}
	return nil
}

// applyChange makes one change of the log to this node's memory.
func (m *Main) applyChange(c natsbus.LoggedChange) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	switch c.Topic {
	case "registry":
		var ch registry.Change
		if err := json.Unmarshal(c.Change, &ch); err != nil {
			return kuzet.Errorf(kuzet.EINVALID, "registry change: %v", err)
		}
		return m.Registry.Apply(ch)
	case "telecom":
		var row struct {
			Table string          `json:"table"`
			Op    string          `json:"op"`
			Row   json.RawMessage `json:"row"`
		}
		if err := json.Unmarshal(c.Change, &row); err != nil {
			return kuzet.Errorf(kuzet.EINVALID, "telecom change: %v", err)
		}
		return m.Telecom.ApplyStored(row.Table, row.Op, row.Row)
	case "operators":
		return m.Telecom.RefreshOperators(ctx)
	case "rules":
		if m.Payments == nil {
			return nil
		}
		return m.Payments.Service.LoadRules(ctx)
	}
	return kuzet.Errorf(kuzet.EINVALID, "unknown change topic %q", c.Topic)
}

// lead runs job while this node holds the lease key, retrying to take it
// every second until ctx ends. The job's context ends when the lease is
// lost; a job that fails gives the lease up for another node to try.
func (m *Main) lead(ctx context.Context, key int64, name string, job func(context.Context) error) {
	db := m.cluster.db
	for {
		l, err := db.TryLease(ctx, key)
		if err != nil && ctx.Err() == nil {
			m.Logger.Warn("take lease", "job", name, "err", err)
		}
		if l != nil {
			m.Logger.Info("leading", "job", name, "node", m.Bus.Node())
			jctx, cancel := context.WithCancel(ctx)
			done := make(chan error, 1)
			go func() { done <- job(jctx) }()
			t := time.NewTicker(time.Second)
		held:
			for {
				select {
				case err := <-done:
					if err != nil && !errors.Is(err, context.Canceled) {
						m.Logger.Warn("leader job stopped", "job", name, "err", err)
					}
					done = nil
					break held
				case <-t.C:
					cctx, ccancel := context.WithTimeout(ctx, 5*time.Second)
					err := l.Check(cctx)
					ccancel()
					if err != nil {
						m.Logger.Warn("lease lost", "job", name, "err", err)
						break held
					}
				case <-ctx.Done():
					break held
				}
			}
			t.Stop()
			cancel()
			if done != nil {
				<-done
			}
			l.Release()
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}

// startLeadCT runs the CT followers on one node of a cluster at a time,
// under a lease; it reports false when the node is not one of a cluster.
func (m *Main) startLeadCT(fs []*ctlog.Follower) bool {
	if m.cluster == nil || m.cluster.stop == nil || len(fs) == 0 {
		return m.cluster != nil
	}
	m.API.Registerer().MustRegister(ctlog.NewCollector(fs...))
	ctx, stop := context.WithCancel(context.Background())
	m.ct = &ctFollowers{stop: stop}
	m.ct.wg.Go(func() {
		m.lead(ctx, ctLease, "CT followers", func(ctx context.Context) error {
			var wg sync.WaitGroup
			for _, f := range fs {
				wg.Go(func() {
					if err := f.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
						m.Logger.Error("CT follower stopped", "log", f.LogID(), "err", err)
					}
				})
			}
			wg.Wait()
			return ctx.Err()
		})
	})
	return true
}

// registerCluster exports the change feed's position as metrics.
func (m *Main) registerCluster(r prometheus.Registerer) {
	c := m.cluster.changes
	r.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "kuzet_cluster_change_applied",
			Help: "Sequence number of the last change of the cluster's change log applied on this node."},
			func() float64 { return float64(c.Applied()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "kuzet_cluster_change_lag",
			Help: "Changes of the cluster's change log this node had not applied when it last looked."},
			func() float64 { return float64(c.Lag()) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "kuzet_cluster_changes_from_log_total",
			Help: "Changes applied from the change log rather than the stream: catch-up and gaps."},
			func() float64 { return float64(c.Stats().FromLog) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "kuzet_cluster_changes_relayed_total",
			Help: "Changes this node relayed to the stream while it held the relay's lease."},
			func() float64 { return float64(c.Stats().Relayed) }),
	)
}
