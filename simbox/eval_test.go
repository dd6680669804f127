package simbox_test

import "testing"

// evaluation skips an evaluation of detection quality under the race
// detector: it is a deterministic computation that the detector slows
// sevenfold and checks nothing in, as the pipeline's concurrency is raced by
// the tests of Detect itself. make test runs the evaluations a second time
// without -race (the Makefile's EVAL list), at full size.
func evaluation(t *testing.T) {
	t.Helper()
	if raceEnabled {
		t.Skip("an evaluation: make test runs it without -race")
	}
}
