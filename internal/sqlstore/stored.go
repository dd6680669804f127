package sqlstore

import (
	"encoding/json"
	"time"
)

// Stored returns t as both stores keep it: UTC, truncated to the
// microsecond, the resolution of PostgreSQL's timestamptz, to which SQLite's
// INTEGER microseconds are matched. The methods that write a struct set its
// times to Stored ones, so that what a caller holds is what a later read
// returns.
func Stored(t time.Time) time.Time { return time.UnixMicro(t.UnixMicro()).UTC() }

// StoredOrZero is Stored, keeping the zero time zero: an optional time that
// is not known, stored as NULL.
func StoredOrZero(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return Stored(t)
}

// UTCDay returns the UTC midnight starting the day t falls on, the stored
// form of a day (counters, prevented loss, seizure dates). It works from
// Unix seconds so that days before 1970 round down too.
func UTCDay(t time.Time) time.Time {
	s := t.Unix()
	d := s / 86400
	if s < 0 && s%86400 != 0 {
		d--
	}
	return time.Unix(d*86400, 0).UTC()
}

// Days turns a period's bounds into whole UTC days: the day from falls on
// is the first included, the day to falls on the first excluded. A zero
// time stays zero: that side is open.
func Days(from, to time.Time) (time.Time, time.Time) {
	if !from.IsZero() {
		from = UTCDay(from)
	}
	if !to.IsZero() {
		to = UTCDay(to)
	}
	return from, to
}

// ListJSON is the stored form of a list that is only ever read back whole:
// a JSON array, "[]" rather than null for none, so that a read gives back
// an empty list.
func ListJSON[T any](list []T) (string, error) {
	if list == nil {
		return "[]", nil
	}
	b, err := json.Marshal(list)
	return string(b), err
}
