package sqlite

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/kuzet/kuzet/internal/sqlstore"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// read reads the rows whose columns this schema shares with PostgreSQL's.
var read = sqlstore.NewReader(dialect{})

// insert runs q, an INSERT, and returns the rowid of the row it inserted,
// or 0 if it inserted none (ON CONFLICT DO NOTHING). The writer is alone on
// its connection, so the connection's last rowid is this insert's.
func (tx *tx) insert(ctx context.Context, q query, args ...any) (int64, error) {
	res, err := tx.stmt(ctx, q).ExecContext(ctx, args...)
	if err != nil {
		return 0, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return 0, err
	}
	return res.LastInsertId()
}

// exec runs q and returns how many rows it changed.
func (tx *tx) exec(ctx context.Context, q query, args ...any) (int64, error) {
	res, err := tx.stmt(ctx, q).ExecContext(ctx, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// collect runs q and returns every row of its result as read returns it;
// errors are wrapped with op.
func collect[T any](ctx context.Context, tx *tx, q query, op string, read func(sqlstore.Scanner) (T, error), args ...any) ([]T, error) {
	rows, err := tx.stmt(ctx, q).QueryContext(ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	defer rows.Close()
	return sqlstore.Collect(rows, op, read)
}

// each runs q and calls fn for every row of its result, as read returns it,
// reading them as it goes. It stops at and returns fn's first error; other
// errors are wrapped with op.
func each[T any](ctx context.Context, tx *tx, q query, op string, read func(sqlstore.Scanner) (T, error), fn func(T) error, args ...any) error {
	rows, err := tx.stmt(ctx, q).QueryContext(ctx, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	defer rows.Close()
	return sqlstore.Each(rows, op, read, fn)
}

// dialect reads SQLite's forms of the columns whose types differ from
// PostgreSQL's: times as INTEGER microseconds, lists as JSON text.
type dialect struct{}

// Time reads INTEGER microseconds into *t.
func (dialect) Time(t *time.Time) any { return (*microTime)(t) }

// Strings reads a JSON array into *l.
func (dialect) Strings(l *[]string) any { return (*jsonStrings)(l) }

// microTime reads a time stored as INTEGER microseconds; NULL reads as the
// zero time. As a sql.Scanner it spares database/sql the conversion
// through reflection that an *int64 destination costs.
type microTime time.Time

// Scan implements sql.Scanner.
func (t *microTime) Scan(src any) error {
	switch v := src.(type) {
	case int64:
		*t = microTime(fromMicros(v))
	case nil:
		*t = microTime{}
	default:
		return fmt.Errorf("got %T from the database, want INTEGER microseconds", src)
	}
	return nil
}

// jsonStrings reads a list of strings stored as a JSON array.
type jsonStrings []string

// Scan implements sql.Scanner.
func (l *jsonStrings) Scan(src any) error {
	switch v := src.(type) {
	case string:
		return json.Unmarshal([]byte(v), (*[]string)(l))
	case []byte:
		return json.Unmarshal(v, (*[]string)(l))
	}
	return fmt.Errorf("got %T from the database, want a JSON array", src)
}

// busy reports whether err is SQLite's SQLITE_BUSY, in any of its extended
// forms.
func busy(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_BUSY
}

// constraint returns the constraint err violated, by the extended result
// code of the driver's error.
func constraint(err error) sqlstore.Constraint {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return sqlstore.NoConstraint
	}
	switch e.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return sqlstore.Unique
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return sqlstore.ForeignKey
	}
	return sqlstore.NoConstraint
}
