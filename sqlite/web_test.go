package sqlite_test

import (
	"testing"

	"github.com/kuzet/kuzet/storetest"
)

// BenchmarkWebSubmit measures what CT-shaped batches of names cost
// SQLite: the new look-alikes' findings, their audit entries and the
// checkpoint, one transaction a batch; ns/op is per name.
func BenchmarkWebSubmit(b *testing.B) {
	storetest.BenchWebSubmit(b, MustOpenDB(b))
}
