package postgres_test

import (
	"strconv"
	"testing"

	"github.com/kuzet/kuzet/storetest"
)

// BenchmarkAppendAudit measures appending audit entries in batches.
func BenchmarkAppendAudit(b *testing.B) {
	for _, batch := range []int{1, 100, 10000} {
		b.Run("batch="+strconv.Itoa(batch), func(b *testing.B) {
			storetest.BenchAppendAudit(b, MustOpenDB(b), batch)
		})
	}
}
