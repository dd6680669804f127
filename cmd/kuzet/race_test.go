//go:build race

package main

// raceEnabled shrinks the slow tests under the race detector.
const raceEnabled = true
