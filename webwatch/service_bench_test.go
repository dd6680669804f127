package webwatch_test

import (
	"context"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/webwatch"
)

// BenchmarkSubmitCT measures Submit on batches shaped like a CT feed (2 %
// flagged, the rest clean) over the in-memory store; ns/op is per name.
// The flagged names are the same every batch, so after the first the
// store only moves their LastSeen.
func BenchmarkSubmitCT(b *testing.B) {
	store := newMemStore()
	wf := webwatch.NewService(webwatch.Config{Store: store, Scorer: mustScorer(b), Clock: kuzet.FixedClock(t0)})
	corpus := feedCorpus(1000)
	items := make([]webwatch.SubmitItem, len(corpus))
	for i, d := range corpus {
		items[i] = webwatch.SubmitItem{Value: d}
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for done := 0; done < b.N; done += len(items) {
		n := min(len(items), b.N-done)
		if _, err := wf.Submit(ctx, webwatch.Submission{Source: kuzet.WebSourceCT, Items: items[:n]}); err != nil {
			b.Fatal(err)
		}
	}
}
