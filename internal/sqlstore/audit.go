package sqlstore

import (
	"fmt"
	"time"

	"github.com/kuzet/kuzet"
)

// AuditColumns are the columns AuditEntry reads, in order.
const AuditColumns = `seq, at, org_id, action, object, detail, prev_hash, hash`

// AuditEntry reads one row of AuditColumns. Both schemas keep an entry's
// time as INTEGER nanoseconds, the precision its hash covers.
func AuditEntry(s Scanner) (*kuzet.AuditEntry, error) {
	var (
		e  kuzet.AuditEntry
		at int64
	)
	if err := s.Scan(&e.Seq, &at, &e.OrgID, &e.Action, &e.Object, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
		return nil, err
	}
	e.At = time.Unix(0, at).UTC()
	return &e, nil
}

// AuditBounds returns f's time bounds as stored, in nanoseconds; 0 where f
// leaves a bound open.
func AuditBounds(f kuzet.AuditFilter) (from, to int64) {
	if !f.From.IsZero() {
		from = f.From.UnixNano()
	}
	if !f.To.IsZero() {
		to = f.To.UnixNano()
	}
	return from, to
}

// Relink recomputes the links of entries, the whole log in Seq order, under
// chain, in place, calls write with each relinked entry (a store writes its
// new links there), and returns the new head. Fails if an entry's Seq does
// not follow the one before it: a log with a gap cannot be relinked.
func Relink(entries []*kuzet.AuditEntry, chain kuzet.AuditChain, write func(*kuzet.AuditEntry) error) (kuzet.AuditHead, error) {
	head := kuzet.AuditHead{Hash: []byte{}}
	for _, e := range entries {
		seq := e.Seq
		head = chain.Link(head, []*kuzet.AuditEntry{e})
		if e.Seq != seq {
			return kuzet.AuditHead{}, fmt.Errorf("entry %d follows entry %d", seq, e.Seq-1)
		}
		if err := write(e); err != nil {
			return kuzet.AuditHead{}, err
		}
	}
	return head, nil
}
