//go:build unix

// Package proccpu reports the CPU time the process has used: on a machine
// shared with other work, CPU time per operation says more about the code
// than wall time does, so the benchmarks report both.
package proccpu

import (
	"syscall"
	"time"
)

// Used returns the user and system CPU time the process has used.
func Used() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
