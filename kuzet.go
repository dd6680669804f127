// Package kuzet is the vocabulary of the national anti-fraud exchange: the
// domain types (indicators, reports, organisations, audit entries), the error
// codes every layer speaks, and the interfaces where the domain packages meet
// the adapters (stores, buses, HTTP).
//
// The package imports no adapter: databases, NATS and HTTP depend on it, never
// the other way round.
package kuzet

import "time"

// Clock returns the current time. Services take one so that time-window logic
// can be tested with a fixed clock.
type Clock func() time.Time

// SystemClock is the wall clock in UTC.
func SystemClock() time.Time { return time.Now().UTC() }

// FixedClock returns a Clock that always answers t; tests move it by
// re-assigning.
func FixedClock(t time.Time) Clock { return func() time.Time { return t } }

// Almaty is Kazakhstan's civil time (one zone, UTC+5, since March 2024), by
// which night-time, business days and the statistics' days are judged. A
// fixed zone keeps kuzet independent of the host's time-zone database.
var Almaty = time.FixedZone("Asia/Almaty", 5*60*60)
