package payments_test

import (
	"testing"

	"github.com/kuzet/kuzet"
)

// The stores' ID indexes take an engine's check IDs in order only if the
// IDs sort as they were made, past every count of the counter's digits.
func TestCheckIDsSortAsMade(t *testing.T) {
	f := newFixture(t, nil)
	prev := ""
	for i := range 36*36 + 2 {
		d := f.check(t, bankOne, payment(i, iban("826", i), 1000))
		if !kuzet.ValidID(d.CheckID, "chk_") {
			t.Fatalf("check %d: ID %q is not a valid check ID", i, d.CheckID)
		}
		if d.CheckID <= prev {
			t.Fatalf("check %d: ID %q, want it after %q", i, d.CheckID, prev)
		}
		prev = d.CheckID
	}
}
