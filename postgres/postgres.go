// Package postgres is the store for a scaled-out deployment: PostgreSQL,
// reached with pgx v5 through a connection pool, its schema applied from
// migrations embedded in the binary. Several API nodes share one database.
//
// pgx prepares each statement once per connection and reuses it, so the
// queries of this package are plain constants.
//
// Times are timestamptz, which keeps microseconds: the store truncates
// every time to the microsecond, as the SQLite store does, and the methods
// that insert a struct set its time fields to the stored values. Audit
// entries keep nanoseconds, which their hashes cover.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock is the advisory lock key under which nodes apply
// migrations one at a time ("kuzet" in ASCII).
const migrationLock = 0x6b757a6574

// rollbackTimeout bounds a rollback, which runs even when the context of the
// transaction has ended.
const rollbackTimeout = 10 * time.Second

// DB is the PostgreSQL store. It implements kuzet.Store.
type DB struct {
	pool *pgxpool.Pool
	opts sqlstore.Options
}

// Timeouts of the connections, unless the URL sets its own: a server that
// does not answer must not hold a request, or shutdown, for ever.
const (
	connectTimeout   = 10 * time.Second
	statementTimeout = 60 * time.Second
)

var _ kuzet.Store = (*DB)(nil)

// Open connects to the database at url (a postgres:// URL or key=value
// string, as pgx accepts; parameters it does not know, such as
// search_path, are set on every connection), brings the schema up to date
// and returns the store.
//
// Connections time out after connectTimeout and statements after
// statementTimeout unless the URL says otherwise (connect_timeout,
// statement_timeout). With ReadOnly it applies no migration and every
// writable transaction fails.
func Open(ctx context.Context, url string, opts ...Option) (*DB, error) {
	o := sqlstore.Apply(opts)
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = connectTimeout
	}
	if _, ok := cfg.ConnConfig.RuntimeParams["statement_timeout"]; !ok {
		cfg.ConnConfig.RuntimeParams["statement_timeout"] = fmt.Sprint(statementTimeout.Milliseconds())
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	if !o.ReadOnly {
		if err := migrate(ctx, pool); err != nil {
			pool.Close()
			return nil, err
		}
	}
	return &DB{pool: pool, opts: o}, nil
}

// Close closes the pool, waiting for connections in use to be returned.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// Begin starts a transaction, read-only unless writable. PostgreSQL does not
// serialize writers; AppendAudit takes its turn on the audit head itself.
//
// A read-only transaction is REPEATABLE READ: every statement in it sees
// the one snapshot taken at its first, so that a reader of several tables
// (the audit verifier reading entries, then the head) never sees a write
// committed between two of its reads.
func (db *DB) Begin(ctx context.Context, writable bool) (kuzet.Tx, error) {
	opts := pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead}
	if writable {
		if db.opts.ReadOnly {
			return nil, kuzet.Errorf(kuzet.EINTERNAL, "postgres: the store was opened read-only")
		}
		opts = pgx.TxOptions{AccessMode: pgx.ReadWrite}
	}
	t, err := db.pool.BeginTx(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("postgres: begin: %w", err)
	}
	return &tx{tx: t, ctx: ctx, chain: db.opts.Chain}, nil
}

// tx implements kuzet.Tx over one pgx transaction.
type tx struct {
	chain kuzet.AuditChain
	tx    pgx.Tx
	ctx   context.Context // Begin's, for Commit and Rollback, which take none
}

var _ kuzet.Tx = (*tx)(nil)

// Commit makes the transaction's writes visible.
func (tx *tx) Commit() error {
	if err := tx.tx.Commit(tx.ctx); err != nil {
		return fmt.Errorf("postgres: commit: %w", err)
	}
	return nil
}

// Rollback discards the transaction's writes. It is a no-op once the
// transaction has ended.
func (tx *tx) Rollback() error {
	// Rolled back even when the request's context has ended, so that the
	// connection goes back to the pool clean.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(tx.ctx), rollbackTimeout)
	defer cancel()
	if err := tx.tx.Rollback(ctx); err != nil && !errors.Is(err, pgx.ErrTxClosed) {
		return fmt.Errorf("postgres: rollback: %w", err)
	}
	return nil
}

// migrate applies, in name order, every embedded migration that the database
// has not recorded in schema_migrations, each in its own transaction. Each
// transaction first takes an advisory lock, so nodes starting together
// apply each migration once; the lock ends with the transaction, so a node
// that dies cannot leave it held.
func migrate(ctx context.Context, pool *pgxpool.Pool) error {
	err := pgx.BeginFunc(ctx, pool, func(t pgx.Tx) error {
		if _, err := t.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock)); err != nil {
			return err
		}
		_, err := t.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			name       TEXT PRIMARY KEY,
			applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
		)`)
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql") // sorted
	if err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	for _, name := range names {
		text, err := migrations.ReadFile(name)
		if err != nil {
			return fmt.Errorf("postgres: migrate %s: %w", name, err)
		}
		base := path.Base(name)
		err = pgx.BeginFunc(ctx, pool, func(t pgx.Tx) error {
			if _, err := t.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock)); err != nil {
				return err
			}
			var done bool
			if err := t.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE name = $1)`, base).Scan(&done); err != nil || done {
				return err
			}
			// Without arguments pgx uses the simple protocol, which runs
			// a file of several statements.
			if _, err := t.Exec(ctx, string(text)); err != nil {
				return err
			}
			_, err := t.Exec(ctx, `INSERT INTO schema_migrations (name) VALUES ($1)`, base)
			return err
		})
		if err != nil {
			return fmt.Errorf("postgres: migrate %s: %w", name, err)
		}
	}
	return nil
}

// nullTime is the stored form of an optional time: NULL for the zero time.
func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = sqlstore.Stored(t)
	return &t
}

// blob returns b, or an empty slice for nil: pgx would send nil as NULL,
// which NOT NULL bytea columns reject.
func blob(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}
