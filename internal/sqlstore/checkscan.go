package sqlstore

import (
	"container/heap"
	"fmt"

	"github.com/kuzet/kuzet"
)

// The rebuild's scan of every check by time has no index of its own: one
// by (checked_at, id) was a fourth B-tree written for every check and read
// by the scan alone. The stores read each organisation's checks by time
// down payment_checks_org (org_id, checked_at, id) and merge them.

// CheckOrgsSQL lists the organisations that have checks, in order: a
// seek down payment_checks_org for each (a loose index scan), not a read
// of the whole index. The same text serves both stores.
const CheckOrgsSQL = `WITH RECURSIVE o (id) AS (
		SELECT (SELECT min(org_id) FROM payment_checks)
		UNION ALL
		SELECT (SELECT min(org_id) FROM payment_checks WHERE org_id > o.id) FROM o WHERE o.id IS NOT NULL)
	SELECT id FROM o WHERE id IS NOT NULL`

// CheckMerge merges cursors of check records, each in the order of
// CheckedAt then ID, into one in that order, as ScanChecks promises.
// IDs compare by bytes, as both schemas order them.
type CheckMerge struct {
	heads checkHeads // the cursors not at their end, the one with the earliest record first
}

// Add adds a cursor of records that read reads from rows, and reads its
// first. The caller closes rows once done.
func (m *CheckMerge) Add(rows Rows, read func(Scanner) (*kuzet.CheckRecord, error)) error {
	c := &checkCursor{rows: rows, read: read}
	ok, err := c.next()
	if ok {
		heap.Push(&m.heads, c)
	}
	return err
}

// Each calls fn for every record of the cursors added, by CheckedAt then
// ID. It stops at and returns fn's first error; other errors are wrapped
// with op.
func (m *CheckMerge) Each(op string, fn func(*kuzet.CheckRecord) error) error {
	for len(m.heads) > 0 {
		c := m.heads[0]
		if err := fn(c.head); err != nil {
			return err
		}
		ok, err := c.next()
		if err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		if ok {
			heap.Fix(&m.heads, 0)
		} else {
			heap.Pop(&m.heads)
		}
	}
	return nil
}

// checkCursor is a cursor and its record not yet passed on.
type checkCursor struct {
	rows Rows
	read func(Scanner) (*kuzet.CheckRecord, error)
	head *kuzet.CheckRecord
}

// next reads the cursor's next record into head; false at its end.
func (c *checkCursor) next() (bool, error) {
	if !c.rows.Next() {
		return false, c.rows.Err()
	}
	var err error
	c.head, err = c.read(c.rows)
	return err == nil, err
}

// checkHeads is a heap (container/heap) of cursors by their records.
type checkHeads []*checkCursor

func (h checkHeads) Len() int { return len(h) }

func (h checkHeads) Less(i, j int) bool {
	a, b := h[i].head, h[j].head
	if c := a.CheckedAt.Compare(b.CheckedAt); c != 0 {
		return c < 0
	}
	return a.ID < b.ID
}

func (h checkHeads) Swap(i, j int) { h[i], h[j] = h[j], h[i] }

func (h *checkHeads) Push(x any) { *h = append(*h, x.(*checkCursor)) }

func (h *checkHeads) Pop() any {
	old := *h
	c := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return c
}
