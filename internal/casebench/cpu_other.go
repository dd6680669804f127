//go:build !unix

package casebench

import "time"

// cpuTime is not measured here.
func cpuTime() time.Duration { return 0 }
