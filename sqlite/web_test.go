package sqlite_test

import (
	"testing"

	"github.com/kuzet/kuzet/storetest"
)

// BenchmarkWebSubmit measures CT-shaped batches through the web workflow
// into SQLite; ns/op is per name.
func BenchmarkWebSubmit(b *testing.B) {
	storetest.BenchWebSubmit(b, MustOpenDB(b))
}
