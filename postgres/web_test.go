package postgres_test

import (
	"testing"

	"github.com/kuzet/kuzet/storetest"
)

// BenchmarkWebSubmit measures CT-shaped batches through the web workflow
// into PostgreSQL; ns/op is per name.
func BenchmarkWebSubmit(b *testing.B) {
	storetest.BenchWebSubmit(b, MustOpenDB(b))
}
