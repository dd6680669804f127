//go:build race

package telecom

// prefaultTables is false under the race detector, whose shadow memory
// made writing a table's every page cost a quarter of a second: the
// pre-faulting is for speed, which a race build does not measure.
const prefaultTables = false
