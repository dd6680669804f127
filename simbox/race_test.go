//go:build race

package simbox_test

// raceEnabled: under the race detector the evaluations skip (see
// evaluation); make test runs them again without it.
const raceEnabled = true
