package proccpu_test

import (
	"runtime"
	"testing"

	"github.com/kuzet/kuzet/internal/proccpu"
)

// TestUsed: burning CPU makes the figure grow, where it is measured.
func TestUsed(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("no CPU time here")
	}
	before := proccpu.Used()
	x := 0
	for i := 0; i < 50_000_000; i++ {
		x += i % 7
	}
	if after := proccpu.Used(); after <= before {
		t.Errorf("CPU time went from %v to %v after a busy loop (%d)", before, after, x)
	}
}
