// Package sqlite is the embedded store: one SQLite database file in a data
// directory, opened with the pure-Go driver modernc.org/sqlite in WAL mode,
// its schema applied from migrations embedded in the binary.
//
// Writers are serialized in the process by a pool of one connection whose
// transactions begin IMMEDIATE, so they queue for each other instead of
// failing with SQLITE_BUSY; readers use a separate pool of query-only
// connections and, thanks to WAL, never wait for the writer.
//
// Times are stored in UTC as INTEGER microseconds, the resolution of the
// PostgreSQL store, so that both stores give back the same values; the
// methods that insert a struct set its time fields to what was stored. Audit
// entries keep nanoseconds, which their hashes cover.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

// FileName is the name of the database file inside the data directory.
const FileName = "kuzet.db"

// busyTimeout bounds how long a connection waits for a lock that another
// process (a second kuzet command on the same directory) holds.
const busyTimeout = 10 * time.Second

// mmapSize lets SQLite read the file through a memory map, up to the 2 GiB
// it allows by default, instead of copying each page into its cache: a
// full scan of the reports takes about a tenth less CPU.
const mmapSize = "mmap_size(2147418112)"

//go:embed migrations/*.sql
var migrations embed.FS

// DB is the SQLite store. It implements kuzet.Store.
type DB struct {
	path  string
	opts  sqlstore.Options
	write *sql.DB // one connection: the only writer
	read  *sql.DB // query_only connections for read-only transactions

	// Every query of the package, prepared once on each pool and bound to a
	// transaction on first use there.
	writeStmts []*sql.Stmt
	readStmts  []*sql.Stmt

	// The writer does not checkpoint the WAL itself (a checkpoint inside
	// a commit would stall the request waiting on it); this connection does,
	// in the background.
	ckpt     *sql.DB
	stopCkpt chan struct{}
	ckptDone chan struct{}
}

// checkpointEvery is how often the background checkpointer copies the WAL
// into the database file.
const checkpointEvery = 250 * time.Millisecond

// walRestartFrames bounds the WAL: about 16 MiB of 4 KiB pages.
const walRestartFrames = 4096

var _ kuzet.Store = (*DB)(nil)

// Open opens the database FileName in dir, creating both if needed, brings
// its schema up to date and returns the store. With ReadOnly it opens an
// existing database as it is, and returns ENOTFOUND if there is none.
func Open(ctx context.Context, dir string, opts ...Option) (*DB, error) {
	o := sqlstore.Apply(opts)
	path, err := filepath.Abs(filepath.Join(dir, FileName))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open: %w", err)
	}
	if o.ReadOnly {
		return openReadOnly(ctx, path, o)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("sqlite: open: %w", err)
	}
	db := &DB{path: path, opts: o}

	// The pragmas go in the DSN so that the driver applies them to every
	// connection it opens, including ones database/sql reopens later.
	db.write, err = sql.Open("sqlite", dsn(path, url.Values{
		"_pragma": {
			fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()),
			"journal_mode(WAL)",
			// FULL: a commit returns once the WAL is on disk, so that an
			// acknowledged write survives power loss, not only a killed
			// process (with NORMAL the last commits may be lost). Writers
			// commit in groups (the audit recorder, the check writer), so
			// the fsync is paid per group, not per request.
			synchronous(o),
			"foreign_keys(1)",
			"cache_size(-65536)", // 64 MiB: bulk loads touch index pages all over the file
			mmapSize,
			"wal_autocheckpoint(0)",
		},
		"_txlock": {"immediate"},
	}))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open: %w", err)
	}
	db.write.SetMaxOpenConns(1)
	db.write.SetMaxIdleConns(1)
	db.write.SetConnMaxLifetime(0)

	if err := migrate(ctx, db.write); err != nil {
		db.write.Close()
		return nil, err
	}

	// The journal mode is persistent, set by the writer above; readers only
	// need to be unable to write.
	db.read, err = sql.Open("sqlite", dsn(path, url.Values{
		"_pragma": {
			fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()),
			"query_only(1)",
			"cache_size(-16384)", // 16 MiB per reader
			mmapSize,
		},
	}))
	if err != nil {
		db.write.Close()
		return nil, fmt.Errorf("sqlite: open: %w", err)
	}
	readers := max(4, runtime.GOMAXPROCS(0))
	db.read.SetMaxOpenConns(readers)
	db.read.SetMaxIdleConns(readers)

	if db.writeStmts, err = prepareAll(ctx, db.write); err == nil {
		db.readStmts, err = prepareAll(ctx, db.read)
	}
	if err != nil {
		db.Close()
		return nil, err
	}

	db.ckpt, err = sql.Open("sqlite", dsn(path, url.Values{
		"_pragma": {fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds())},
	}))
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open: %w", err)
	}
	db.ckpt.SetMaxOpenConns(1)
	db.stopCkpt, db.ckptDone = make(chan struct{}), make(chan struct{})
	go db.checkpoint()
	return db, nil
}

// openReadOnly opens the database at path for reading only, as it is.
func openReadOnly(ctx context.Context, path string, o sqlstore.Options) (*DB, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no kuzet database at %s", path)
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: open: %w", err)
	}
	db := &DB{path: path, opts: o}
	var err error
	db.read, err = sql.Open("sqlite", dsn(path, url.Values{
		"mode": {"ro"},
		"_pragma": {
			fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()),
			"query_only(1)",
			mmapSize,
		},
	}))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open: %w", err)
	}
	if err := checkSchema(ctx, db.read); err != nil {
		db.read.Close()
		return nil, err
	}
	if db.readStmts, err = prepareAll(ctx, db.read); err != nil {
		db.read.Close()
		return nil, err
	}
	return db, nil
}

// checkSchema returns an error unless every embedded migration has been
// applied: a read-only store cannot bring an older database up to date.
func checkSchema(ctx context.Context, pool *sql.DB) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("sqlite: schema: %w", err)
	}
	var n int
	if err := pool.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: not a kuzet database: %w", err)
	}
	if n < len(names) {
		return kuzet.Errorf(kuzet.ECONFLICT, "the database's schema is older than this kuzet's (%d of %d migrations): "+
			"start `kuzet serve` on it once to bring it up to date", n, len(names))
	}
	return nil
}

// checkpoint copies committed WAL frames into the database file, off the
// writer's path, until Close.
func (db *DB) checkpoint() {
	defer close(db.ckptDone)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-db.stopCkpt:
			// Leave a short WAL behind; an error here only means the next
			// open has more to replay.
			db.ckpt.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
			return
		case <-t.C:
			// A passive checkpoint never waits for the writer, but under
			// steady writes it may never catch the WAL's end, and the WAL
			// restarts from its beginning only then: past walRestartFrames a
			// restarting checkpoint briefly holds writers back.
			var busy, frames, done int
			err := db.ckpt.QueryRow("PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &frames, &done)
			if err == nil && frames > walRestartFrames {
				db.ckpt.Exec("PRAGMA wal_checkpoint(RESTART)")
			}
		}
	}
}

// dsn returns the driver's name for the database at path: a file: URI, so
// that a path containing '?' or '#' is escaped rather than cut.
func dsn(path string, params url.Values) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path), RawQuery: params.Encode()}
	return u.String()
}

// Path returns the path of the database file.
func (db *DB) Path() string { return db.path }

// Close closes both pools. Transactions still open are rolled back.
func (db *DB) Close() error {
	var errs []error
	if db.stopCkpt != nil {
		close(db.stopCkpt)
		<-db.ckptDone
		db.stopCkpt = nil
	}
	for _, p := range []*sql.DB{db.ckpt, db.read, db.write} {
		if p != nil {
			errs = append(errs, p.Close())
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("sqlite: close: %w", err)
	}
	return nil
}

// Begin starts a transaction. A writable one waits for the previous writer
// to finish; a read-only one sees the database as of its first read and
// cannot write.
func (db *DB) Begin(ctx context.Context, writable bool) (kuzet.Tx, error) {
	pool, stmts, opts := db.read, db.readStmts, &sql.TxOptions{ReadOnly: true}
	if writable && db.opts.ReadOnly {
		return nil, kuzet.Errorf(kuzet.EINTERNAL, "sqlite: the store was opened read-only")
	}
	if writable {
		// The DSN's _txlock makes this BEGIN IMMEDIATE: the write lock is
		// taken now rather than at the first write, where a deferred
		// transaction that has read could only fail with SQLITE_BUSY.
		pool, stmts, opts = db.write, db.writeStmts, nil
	}
	t, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin: %w", err)
	}
	return &tx{tx: t, chain: db.opts.Chain, prepared: stmts, stmts: make([]*sql.Stmt, len(stmts))}, nil
}

// tx implements kuzet.Tx over one database/sql transaction.
type tx struct {
	tx       *sql.Tx
	chain    kuzet.AuditChain
	prepared []*sql.Stmt // the pool's statements
	stmts    []*sql.Stmt // those bound to tx so far, by query
}

var _ kuzet.Tx = (*tx)(nil)

// Commit makes the transaction's writes visible.
func (tx *tx) Commit() error {
	if err := tx.tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}

// Rollback discards the transaction's writes. It is a no-op once the
// transaction has ended.
func (tx *tx) Rollback() error {
	if err := tx.tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return fmt.Errorf("sqlite: rollback: %w", err)
	}
	return nil
}

// query is a statement of the package, an index into queries.
type query int

// queries holds the text of every statement, registered by prepare from the
// package's variable declarations so that Open can prepare them all.
var queries []string

// prepare registers a statement and returns its handle.
func prepare(text string) query {
	queries = append(queries, text)
	return query(len(queries) - 1)
}

// prepareAll prepares every registered statement on pool. It runs after the
// migrations, so the statements may name any table they create.
func prepareAll(ctx context.Context, pool *sql.DB) ([]*sql.Stmt, error) {
	stmts := make([]*sql.Stmt, len(queries))
	for i, text := range queries {
		s, err := pool.PrepareContext(ctx, text)
		if err != nil {
			for _, s := range stmts[:i] {
				s.Close()
			}
			return nil, fmt.Errorf("sqlite: prepare %q: %w", text, err)
		}
		stmts[i] = s
	}
	return stmts, nil
}

// stmt returns q bound to the transaction. database/sql reuses the
// statement already prepared on the transaction's connection, so a
// transaction pays for no parsing.
func (tx *tx) stmt(ctx context.Context, q query) *sql.Stmt {
	s := tx.stmts[q]
	if s == nil {
		s = tx.tx.StmtContext(ctx, tx.prepared[q])
		tx.stmts[q] = s
	}
	return s
}

// migrate applies, in name order, every embedded migration that the database
// has not recorded in schema_migrations, each in its own transaction.
//
// Several processes may open one new directory at once. The busy timeout
// covers most of their contention, but SQLite reports some of it at once,
// without waiting: the first connection switching the file to WAL, or a
// connection whose snapshot went stale before it could write. migrate
// retries those, for at most the busy timeout.
func migrate(ctx context.Context, pool *sql.DB) error {
	deadline := time.Now().Add(busyTimeout)
	for wait := 5 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
		err := migrateAll(ctx, pool)
		if err == nil || !busy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("sqlite: migrate: %w", ctx.Err())
		case <-time.After(wait):
		}
	}
}

func migrateAll(ctx context.Context, pool *sql.DB) error {
	const create = `CREATE TABLE IF NOT EXISTS schema_migrations (
		name       TEXT PRIMARY KEY,
		applied_at INTEGER NOT NULL
	) STRICT`
	// In a transaction, which the DSN makes IMMEDIATE: an autocommit CREATE
	// would read the schema first and then fail to upgrade to a write if
	// another process created the table in between.
	t, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: migrate: %w", err)
	}
	if _, err := t.ExecContext(ctx, create); err != nil {
		t.Rollback()
		return fmt.Errorf("sqlite: migrate: %w", err)
	}
	if err := t.Commit(); err != nil {
		return fmt.Errorf("sqlite: migrate: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql") // sorted
	if err != nil {
		return fmt.Errorf("sqlite: migrate: %w", err)
	}
	for _, name := range names {
		if err := migrateOne(ctx, pool, name); err != nil {
			return fmt.Errorf("sqlite: migrate %s: %w", name, err)
		}
	}
	return nil
}

// migrationSteps are the moves of data that SQL cannot make, each run in
// its migration's transaction after its file.
var migrationSteps = map[string]func(context.Context, *sql.Tx) error{
	"0063_check_batches.sql": moveLegacyChecks,
}

func migrateOne(ctx context.Context, pool *sql.DB, name string) error {
	text, err := migrations.ReadFile(name)
	if err != nil {
		return err
	}
	// The transaction begins IMMEDIATE, so the check below cannot race with
	// another process migrating the same file.
	t, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer t.Rollback()

	var n int
	base := filepath.Base(name)
	if err := t.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE name = ?`, base).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := t.ExecContext(ctx, string(text)); err != nil {
		return err
	}
	if step := migrationSteps[base]; step != nil {
		if err := step(ctx, t); err != nil {
			return err
		}
	}
	if _, err := t.ExecContext(ctx, `INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)`,
		base, time.Now().UnixMicro()); err != nil {
		return err
	}
	return t.Commit()
}

// micros is the stored form of t.
func micros(t time.Time) int64 { return t.UnixMicro() }

// nullMicros is the stored form of an optional time: NULL for the zero time.
func nullMicros(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMicro(), Valid: true}
}

// fromMicros is the time stored as us.
func fromMicros(us int64) time.Time { return time.UnixMicro(us).UTC() }

// blob returns b, or an empty slice for nil: the driver would bind nil as
// NULL, which NOT NULL blob columns reject.
func blob(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

// synchronous is the writer's durability: FULL (see Open) unless the store
// is ephemeral.
func synchronous(o sqlstore.Options) string {
	if o.Ephemeral {
		return "synchronous(OFF)"
	}
	return "synchronous(FULL)"
}
