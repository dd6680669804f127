//go:build race

package registry_test

// raceEnabled: under the race detector, memory figures measure the
// detector's shadow memory, not the index; those tests skip and make test
// runs them again without it.
const raceEnabled = true
