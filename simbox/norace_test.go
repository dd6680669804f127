//go:build !race

package simbox_test

const raceEnabled = false
