package cases

import (
	"context"

	"github.com/kuzet/kuzet"
)

// linkBatch is a run of edges read from the store: their ends' bytes one
// after the other, and where each end stops.
type linkBatch struct {
	buf  []byte
	ends []int32
}

const linkBatchSize = 8192 // edges

// scanLinks reads the graph's edges into g, the store's scan and the
// naming of the nodes side by side: the scan fills batches, one goroutine
// adds them to g in the order they were read, so g is as a plain loop
// would make it.
func scanLinks(ctx context.Context, tx kuzet.Tx, g *linkGraph) error {
	full := make(chan *linkBatch, 4)
	free := make(chan *linkBatch, 6)
	for range cap(free) {
		free <- &linkBatch{buf: make([]byte, 0, 64*linkBatchSize), ends: make([]int32, 0, 2*linkBatchSize)}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for b := range full {
			start := int32(0)
			for i := 0; i < len(b.ends); i += 2 {
				mid, end := b.ends[i], b.ends[i+1]
				g.link(b.buf[start:mid], b.buf[mid:end])
				start = end
			}
			b.buf, b.ends = b.buf[:0], b.ends[:0]
			free <- b
		}
	}()
	b := <-free
	err := tx.ScanGraphLinks(ctx, func(x, y []byte) error {
		b.buf = append(b.buf, x...)
		b.ends = append(b.ends, int32(len(b.buf)))
		b.buf = append(b.buf, y...)
		b.ends = append(b.ends, int32(len(b.buf)))
		if len(b.ends) >= 2*linkBatchSize {
			full <- b
			b = <-free
		}
		return nil
	})
	if len(b.ends) > 0 {
		full <- b
	}
	close(full)
	<-done
	return err
}
