package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// ClusterChange is one row of the cluster's change log (migration 0050):
// a committed change to state every node keeps in memory, numbered in
// commit order.
type ClusterChange struct {
	Seq    int64
	Topic  string // registry, telecom, operators or rules
	Change []byte // JSON
	At     time.Time
}

// ClusterChangesAfter returns at most limit changes with a sequence number
// above after, in order.
func (db *DB) ClusterChangesAfter(ctx context.Context, after int64, limit int) ([]ClusterChange, error) {
	rows, err := db.pool.Query(ctx, `SELECT seq, topic, change::text, at FROM cluster_changes
		WHERE seq > $1 ORDER BY seq LIMIT $2`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: cluster changes: %w", err)
	}
	defer rows.Close()
	var out []ClusterChange
	for rows.Next() {
		var c ClusterChange
		var text string
		if err := rows.Scan(&c.Seq, &c.Topic, &text, &c.At); err != nil {
			return nil, fmt.Errorf("postgres: cluster changes: %w", err)
		}
		c.Change = []byte(text)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: cluster changes: %w", err)
	}
	return out, nil
}

// LastClusterChange returns the highest committed sequence number of the
// change log, 0 when it is empty.
func (db *DB) LastClusterChange(ctx context.Context) (int64, error) {
	var seq int64
	if err := db.pool.QueryRow(ctx, `SELECT COALESCE(max(seq), 0) FROM cluster_changes`).Scan(&seq); err != nil {
		return 0, fmt.Errorf("postgres: last cluster change: %w", err)
	}
	return seq, nil
}

// PruneClusterChanges deletes the changes logged before before, keeping
// the newest whatever its age (it tells a relay where the log is), and
// returns how many went.
func (db *DB) PruneClusterChanges(ctx context.Context, before time.Time) (int64, error) {
	tag, err := db.pool.Exec(ctx, `DELETE FROM cluster_changes WHERE at < $1
		AND seq < (SELECT max(seq) FROM cluster_changes)`, before)
	if err != nil {
		return 0, fmt.Errorf("postgres: prune cluster changes: %w", err)
	}
	return tag.RowsAffected(), nil
}

// Lease is a session-level advisory lock held on a connection of its own:
// one holder in the whole cluster at a time. It ends when released, when
// the connection breaks, or when the holding process dies (the server
// drops the session and the lock with it): no fencing beyond that, so a
// leader's work must be safe to repeat (de-duplicated, or idempotent).
type Lease struct {
	conn *pgxpool.Conn
	key  int64
}

// TryLease takes the advisory lock key if no session holds it. Returns nil
// and no error when another one does.
func (db *DB) TryLease(ctx context.Context, key int64) (*Lease, error) {
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("postgres: lease %d: %w", key, err)
	}
	var ok bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&ok); err != nil {
		conn.Release()
		return nil, fmt.Errorf("postgres: lease %d: %w", key, err)
	}
	if !ok {
		conn.Release()
		return nil, nil
	}
	return &Lease{conn: conn, key: key}, nil
}

// Check returns an error unless the lease is still held: its connection
// answers and the lock is still its own.
func (l *Lease) Check(ctx context.Context) error {
	if l.conn == nil {
		return errors.New("postgres: lease released")
	}
	var held bool
	err := l.conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'
		AND pid = pg_backend_pid() AND granted AND ((classid::bigint << 32) | objid::bigint) = $1)`, l.key).Scan(&held)
	if err != nil {
		return fmt.Errorf("postgres: lease %d: %w", l.key, err)
	}
	if !held {
		return fmt.Errorf("postgres: lease %d lost", l.key)
	}
	return nil
}

// Release gives the lock up. A broken connection is closed rather than
// returned to the pool, which ends its session and the lock.
func (l *Lease) Release() {
	if l.conn == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := l.conn.Exec(ctx, `SELECT pg_advisory_unlock($1)`, l.key); err != nil {
		_ = l.conn.Conn().Close(ctx) // ends the session, and the lock with it
	}
	l.conn.Release()
	l.conn = nil
}
