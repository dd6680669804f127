//go:build race

package simbox_test

// raceEnabled shrinks the slow tests under the race detector.
const raceEnabled = true
