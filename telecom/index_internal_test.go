package telecom

// This one test is internal: the window's index is an unexported table whose
// probe invariants a wrong deletion or rehash breaks silently, long before
// the public API shows it.

import (
	"math/rand/v2"
	"testing"
)

// TestIndexAgainstMap plays the window's use of the index: seqs only grow,
// the head follows them at a random distance, and keys are drawn from a set
// small enough to collide and die often. Every key is checked against a Go
// map as it goes, through growth from the initial 16 slots and many rehashes.
func TestIndexAgainstMap(t *testing.T) {
	var x index
	x.init()
	newest := make(map[uint64]uint64) // key → newest seq, live or not
	live := func(k, head uint64) uint64 {
		if s := newest[k]; s >= head {
			return s
		}
		return 0
	}
	rng := rand.New(rand.NewPCG(1, 1))
	keys := make([]uint64, 600)
	for i := range keys {
		keys[i] = mix64(uint64(i + 1))
	}
	head := uint64(1)
	for seq := uint64(1); seq < 300_000; seq++ {
		// The window holds between 0 and 800 entries, drifting.
		if span := 1 + (seq/5000)%800; seq-head > span {
			head = seq - span
		}
		k := keys[rng.IntN(len(keys))]
		if got, want := x.put(k, seq, head), live(k, head); got != want {
			t.Fatalf("seq %d: put returned %d, want %d", seq, got, want)
		}
		newest[k] = seq
		if seq%997 == 0 {
			for _, k := range keys {
				if got, want := x.get(k, head), live(k, head); got != want {
					t.Fatalf("seq %d: get(%x) = %d, want %d", seq, k, got, want)
				}
			}
			if x.used*4 > len(x.slots)*3 {
				t.Fatalf("seq %d: %d of %d slots used, want at most 3/4", seq, x.used, len(x.slots))
			}
		}
	}
}
