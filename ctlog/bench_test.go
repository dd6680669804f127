package ctlog_test

import (
	"testing"

	"github.com/kuzet/kuzet/ctlog"
)

// BenchmarkParseEntry measures decoding one log entry (certificate or
// pre-certificate with two names) into names; ns/op is per entry.
func BenchmarkParseEntry(b *testing.B) {
	l := newTestLog(b)
	l.addSites(2)
	entries := l.entries
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		e := entries[i%len(entries)]
		if _, err := ctlog.ParseEntry("https://ct.example/log", int64(i), e.LeafInput, e.ExtraData); err != nil {
			b.Fatal(err)
		}
	}
}
