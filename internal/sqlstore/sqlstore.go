// Package sqlstore holds what the two SQL stores, sqlite and postgres, have
// in common: reading rows into the root package's types, the stored form of
// times and of JSON documents, and the errors that a query's outcome turns
// into. The SQL itself stays in each store, where placeholders and types
// differ; so does running the statements, which each driver prepares and
// batches its own way.
//
// The code here meets the drivers through three small interfaces that
// database/sql and pgx both satisfy or that each store implements: Scanner
// (one row), Rows (a result) and Dialect (how a driver reads the few column
// types that differ). A row whose columns agree in both schemas is read by
// one function, so the two stores cannot drift apart in what they give
// back.
package sqlstore

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/kuzet/kuzet"
)

// Scanner is one row: a *sql.Row or *sql.Rows, a pgx.Row or pgx.Rows.
type Scanner interface {
	Scan(dest ...any) error
}

// Rows is the result of a query, as *sql.Rows and pgx.Rows both are. Their
// Close methods differ, so the caller closes it.
type Rows interface {
	Scanner
	Next() bool
	Err() error
}

// Dialect tells how a store's driver reads the columns whose types differ
// between the two schemas.
type Dialect interface {
	// Time returns a scan destination that reads a stored time into *t, in
	// UTC; NULL reads as the zero time. SQLite keeps INTEGER microseconds,
	// PostgreSQL timestamptz or date.
	Time(t *time.Time) any
	// Strings returns a scan destination that reads a list of strings into
	// *l: a JSON array in SQLite, text[] in PostgreSQL.
	Strings(l *[]string) any
}

// Reader reads the rows of both schemas into root types, through a store's
// Dialect. Its methods have the shape Each and Collect take.
type Reader struct {
	d Dialect
}

// NewReader returns the Reader of a store whose driver reads as d.
func NewReader(d Dialect) Reader { return Reader{d: d} }

// Each calls fn for every row of rows, as read returns it. It stops at fn's
// first error and returns it as it is, so that a caller's callback error
// reaches the caller unchanged; errors of the query or of read are wrapped
// with op.
func Each[T any](rows Rows, op string, read func(Scanner) (T, error), fn func(T) error) error {
	for rows.Next() {
		v, err := read(rows)
		if err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

// Collect returns every row of rows as read returns it; errors are wrapped
// with op.
func Collect[T any](rows Rows, op string, read func(Scanner) (T, error)) ([]T, error) {
	var out []T
	err := Each(rows, op, read, func(v T) error {
		out = append(out, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// One returns the row that read reads from row. Returns ENOTFOUND with the
// message notFound, formatted with args, if the query found no row; other
// errors are wrapped with op.
func One[T any](row Scanner, op string, read func(Scanner) (T, error), notFound string, args ...any) (T, error) {
	v, err := read(row)
	if err != nil {
		var zero T
		return zero, NotFound(err, op, notFound, args...)
	}
	return v, nil
}

// First returns the first of vs, the result of a lookup, or err. Returns
// ENOTFOUND with the message notFound, formatted with args, if vs is empty.
func First[T any](vs []T, err error, notFound string, args ...any) (T, error) {
	var zero T
	if err != nil {
		return zero, err
	}
	if len(vs) == 0 {
		return zero, kuzet.Errorf(kuzet.ENOTFOUND, notFound, args...)
	}
	return vs[0], nil
}

// NotFound is the error a lookup returns for err: ENOTFOUND with the
// message format, formatted with args, if the query found no row, else err
// wrapped with op. pgx's ErrNoRows matches database/sql's, so one test
// serves both drivers.
func NotFound(err error, op, format string, args ...any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return kuzet.Errorf(kuzet.ENOTFOUND, format, args...)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// NotUpdated explains why an update conditional on a stored status
// (… WHERE id = ? AND status = ?) changed no row. row reads the status the
// row has now. Returns ENOTFOUND with the message notFound if there is no
// such row, else ECONFLICT naming subject, its status and from.
func NotUpdated(row Scanner, op string, from any, subject, notFound string) error {
	var status string
	if err := row.Scan(&status); err != nil {
		return NotFound(err, op, "%s", notFound)
	}
	return kuzet.Errorf(kuzet.ECONFLICT, "%s is %s, not %s", subject, status, from)
}

// Constraint is the kind of constraint a write violated, as the driver's
// error code tells it (SQLite's extended result code, PostgreSQL's
// SQLSTATE): never the message, which changes with versions and locales.
type Constraint int

// The constraints that stores turn into kuzet error codes.
const (
	NoConstraint Constraint = iota // not a constraint violation, or one no caller maps
	Unique                         // a UNIQUE or PRIMARY KEY constraint
	ForeignKey                     // a FOREIGN KEY constraint
)

// Value reads a row of one column.
func Value[T any](s Scanner) (T, error) {
	var v T
	err := s.Scan(&v)
	return v, err
}
