package synth_test

import "testing"

// smallWorlds reports whether a holdout's tests build its small world
// instead of the default one: under -short, and under the race detector,
// which slows the generators sevenfold without finding anything in them
// (they run on one goroutine); the default worlds are checked without it.
func smallWorlds() bool { return testing.Short() || raceEnabled }
