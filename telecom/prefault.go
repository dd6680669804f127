//go:build !race

package telecom

// prefaultTables says whether the signal table is written once at start
// (see signals.prefault).
const prefaultTables = true
