package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/kuzet/kuzet/internal/sqlstore"
)

// read reads the rows whose columns this schema shares with SQLite's.
var read = sqlstore.NewReader(dialect{})

// collect runs sql and returns every row of its result as read returns it;
// errors are wrapped with op. pgx reports a failed query on its rows, so
// Query's own error needs no check.
func collect[T any](ctx context.Context, tx *tx, sql, op string, read func(sqlstore.Scanner) (T, error), args ...any) ([]T, error) {
	rows, _ := tx.tx.Query(ctx, sql, args...)
	defer rows.Close()
	return sqlstore.Collect(rows, op, read)
}

// each runs sql and calls fn for every row of its result, as read returns
// it, reading them from the server as it goes. It stops at and returns
// fn's first error; other errors are wrapped with op.
func each[T any](ctx context.Context, tx *tx, sql, op string, read func(sqlstore.Scanner) (T, error), fn func(T) error, args ...any) error {
	rows, _ := tx.tx.Query(ctx, sql, args...)
	defer rows.Close()
	return sqlstore.Each(rows, op, read, fn)
}

// dialect reads PostgreSQL's forms of the columns whose types differ from
// SQLite's: timestamptz and date, text[].
type dialect struct{}

// Time reads a timestamptz or a date into *t.
func (dialect) Time(t *time.Time) any { return (*pgTime)(t) }

// Strings reads a text[] into *l, as pgx does by itself.
func (dialect) Strings(l *[]string) any { return l }

// pgTime reads a timestamptz or a date into a time in UTC (pgx gives
// timestamptz in the local zone); NULL reads as the zero time. Through
// pgx's scanner interfaces it is read without the allocation of a
// sql.Scanner.
type pgTime time.Time

// ScanTimestamptz implements pgtype.TimestamptzScanner.
func (t *pgTime) ScanTimestamptz(v pgtype.Timestamptz) error {
	return t.set(v.Time, v.Valid, v.InfinityModifier)
}

// ScanDate implements pgtype.DateScanner.
func (t *pgTime) ScanDate(v pgtype.Date) error {
	return t.set(v.Time, v.Valid, v.InfinityModifier)
}

func (t *pgTime) set(v time.Time, valid bool, inf pgtype.InfinityModifier) error {
	switch {
	case !valid:
		*t = pgTime{}
	case inf != pgtype.Finite:
		return fmt.Errorf("got an infinite time from the database")
	default:
		*t = pgTime(v.UTC())
	}
	return nil
}

// SQLSTATEs of the constraint violations the store turns into kuzet codes.
const (
	uniqueViolation     = "23505"
	foreignKeyViolation = "23503"
)

// constraint returns the constraint err violated, by the SQLSTATE of the
// server's error.
func constraint(err error) sqlstore.Constraint {
	var e *pgconn.PgError
	if !errors.As(err, &e) {
		return sqlstore.NoConstraint
	}
	switch e.Code {
	case uniqueViolation:
		return sqlstore.Unique
	case foreignKeyViolation:
		return sqlstore.ForeignKey
	}
	return sqlstore.NoConstraint
}
