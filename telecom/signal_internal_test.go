package telecom

// The signal table's benchmark is internal: it measures the table alone,
// without the service's parsing around it.

import (
	"testing"
	"time"
)

// BenchmarkSignalGet reads the active-call signal of 100,000 subscribers
// none of whom had a call, from a table of the default size: what a payment
// check costs the telecom side for most customers.
func BenchmarkSignalGet(b *testing.B) {
	ss := newSignals(2_000_000, 10*time.Minute, time.Hour)
	nums := make([]Number, 100_000)
	for i := range nums {
		nums[i] = Number(77010000000 + uint64(i)*7919)
	}
	for i := 0; b.Loop(); i++ {
		if ss.get(nums[i%len(nums)], 1_800_000_000).Active {
			b.Fatal("a subscriber without calls is on a call")
		}
	}
}
