package synth_test

import "testing"

// smallWorlds reports whether a holdout's tests build its small world
// instead of the default one: under -short, and under the race detector,
// which slows the generators sevenfold without finding anything in them
// (they run on one goroutine); the default worlds are checked without it.
func smallWorlds() bool { return testing.Short() || raceEnabled }

// skipUnderRace skips a test of a generator's output under the race
// detector: the generators run on one goroutine, so it can find nothing in
// them, and slowed sevenfold they were a tenth of make test's time. The
// second line of make test runs them without it.
func skipUnderRace(t *testing.T) {
	t.Helper()
	if raceEnabled {
		t.Skip("a generator's output, checked without -race")
	}
}
