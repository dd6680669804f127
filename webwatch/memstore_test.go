package webwatch_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/kuzet/kuzet"
)

// memStore is a test double of the web store and the audit chain, with the
// semantics kuzet.WebStore documents: the SQLite and PostgreSQL stores run
// the same workflow against the real thing. Writers are serialized from
// Begin to Commit, as SQLite does; every transaction works on its own copy
// of the data, which Commit publishes and Rollback drops.
type memStore struct {
	writer sync.Mutex // held by the writable transaction
	mu     sync.RWMutex
	data   *memData

	// auditErr, if set, fails every AppendAudit, to prove that a failed
	// write leaves nothing behind.
	auditErr error
}

type memData struct {
	findings    map[int64]*kuzet.WebFinding
	byDomain    map[string]int64
	requests    map[int64]*kuzet.BlockingRequest
	sentIn      map[int64]int64 // finding ID → request ID
	checkpoints map[string]*kuzet.CTCheckpoint
	audit       []*kuzet.AuditEntry
	lastFinding int64
	lastRequest int64
}

func newMemStore() *memStore {
	return &memStore{data: &memData{
		findings:    map[int64]*kuzet.WebFinding{},
		byDomain:    map[string]int64{},
		requests:    map[int64]*kuzet.BlockingRequest{},
		sentIn:      map[int64]int64{},
		checkpoints: map[string]*kuzet.CTCheckpoint{},
	}}
}

func (d *memData) clone() *memData {
	c := &memData{
		findings:    make(map[int64]*kuzet.WebFinding, len(d.findings)),
		byDomain:    make(map[string]int64, len(d.byDomain)),
		requests:    make(map[int64]*kuzet.BlockingRequest, len(d.requests)),
		sentIn:      make(map[int64]int64, len(d.sentIn)),
		checkpoints: make(map[string]*kuzet.CTCheckpoint, len(d.checkpoints)),
		audit:       slices.Clone(d.audit),
		lastFinding: d.lastFinding,
		lastRequest: d.lastRequest,
	}
	for k, v := range d.findings {
		c.findings[k] = copyFinding(v)
	}
	for k, v := range d.byDomain {
		c.byDomain[k] = v
	}
	for k, v := range d.requests {
		c.requests[k] = copyRequest(v)
	}
	for k, v := range d.sentIn {
		c.sentIn[k] = v
	}
	for k, v := range d.checkpoints {
		cp := *v
		cp.RootHash = slices.Clone(v.RootHash)
		c.checkpoints[k] = &cp
	}
	return c
}

// Begin implements kuzet.Store.
func (s *memStore) Begin(_ context.Context, writable bool) (kuzet.Tx, error) {
	if writable {
		s.writer.Lock()
	}
	s.mu.RLock()
	d := s.data.clone()
	s.mu.RUnlock()
	return &memTx{s: s, d: d, writable: writable}, nil
}

// auditLog returns the committed audit entries.
func (s *memStore) auditLog() []*kuzet.AuditEntry {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.data.audit)
}

// memTx is a transaction of memStore: the web store and the audit chain;
// the other methods of kuzet.Tx are left to the nil embedded interface.
type memTx struct {
	kuzet.Tx
	s        *memStore
	d        *memData
	writable bool
	done     bool
}

var _ kuzet.Store = (*memStore)(nil)

func (s *memStore) Close() error { return nil }

var errReadOnly = errors.New("memstore: write in a read-only transaction")

func (tx *memTx) Commit() error {
	if tx.done {
		return errors.New("memstore: transaction is over")
	}
	tx.done = true
	if tx.writable {
		tx.s.mu.Lock()
		tx.s.data = tx.d
		tx.s.mu.Unlock()
		tx.s.writer.Unlock()
	}
	return nil
}

func (tx *memTx) Rollback() error {
	if tx.done {
		return nil
	}
	tx.done = true
	if tx.writable {
		tx.s.writer.Unlock()
	}
	return nil
}

func (tx *memTx) write() error {
	if !tx.writable {
		return errReadOnly
	}
	return nil
}

func copyFinding(f *kuzet.WebFinding) *kuzet.WebFinding {
	c := *f
	c.WebEvidence = copyEvidence(f.WebEvidence)
	return &c
}

func copyEvidence(e kuzet.WebEvidence) kuzet.WebEvidence {
	e.Methods = slices.Clone(e.Methods)
	if e.Certificate != nil {
		c := *e.Certificate
		c.SANs = slices.Clone(c.SANs)
		e.Certificate = &c
	}
	return e
}

func copyRequest(r *kuzet.BlockingRequest) *kuzet.BlockingRequest {
	c := *r
	c.Items = make([]kuzet.BlockingItem, len(r.Items))
	for i, it := range r.Items {
		it.Evidence = copyEvidence(it.Evidence)
		c.Items[i] = it
	}
	return &c
}

func notFound(what string) error { return kuzet.Errorf(kuzet.ENOTFOUND, "%s not found", what) }

// inPeriod is the period rule of the web filters: from included, to
// excluded, a zero bound unlimited.
func inPeriod(t, from, to time.Time) bool {
	return (from.IsZero() || !t.Before(from)) && (to.IsZero() || t.Before(to))
}

func (tx *memTx) UpsertWebFinding(_ context.Context, f *kuzet.WebFinding) (bool, error) {
	if err := tx.write(); err != nil {
		return false, err
	}
	if id, ok := tx.d.byDomain[f.Domain]; ok {
		st := tx.d.findings[id]
		if f.LastSeen.After(st.LastSeen) {
			st.LastSeen = f.LastSeen
		}
		if st.Certificate == nil && f.Certificate != nil {
			st.Certificate = copyEvidence(f.WebEvidence).Certificate
		}
		if st.URL == "" {
			st.URL = f.URL
		}
		*f = *copyFinding(st)
		return false, nil
	}
	tx.d.lastFinding++
	f.ID = tx.d.lastFinding
	tx.d.findings[f.ID] = copyFinding(f)
	tx.d.byDomain[f.Domain] = f.ID
	return true, nil
}

func (tx *memTx) FindWebFinding(_ context.Context, id int64) (*kuzet.WebFinding, error) {
	f, ok := tx.d.findings[id]
	if !ok {
		return nil, notFound("finding")
	}
	return copyFinding(f), nil
}

func (tx *memTx) FindWebFindingByDomain(_ context.Context, domain string) (*kuzet.WebFinding, error) {
	id, ok := tx.d.byDomain[domain]
	if !ok {
		return nil, notFound("finding")
	}
	return copyFinding(tx.d.findings[id]), nil
}

func (tx *memTx) FindWebFindings(_ context.Context, f kuzet.WebFindingFilter) ([]*kuzet.WebFinding, error) {
	ids := make([]int64, 0, len(tx.d.findings))
	for id := range tx.d.findings {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	limit := kuzet.WebPageLimit(f.Limit)
	var out []*kuzet.WebFinding
	for _, id := range ids {
		w := tx.d.findings[id]
		switch {
		case id <= f.AfterID,
			f.Status != "" && w.Status != f.Status,
			f.Brand != "" && w.Brand != f.Brand,
			f.Source != "" && w.Source != f.Source,
			!inPeriod(w.FirstSeen, f.From, f.To):
			continue
		}
		out = append(out, copyFinding(w))
		if len(out) == limit {
			break
		}
	}
	return out, nil
}

func (tx *memTx) UpdateWebFinding(_ context.Context, f *kuzet.WebFinding, from kuzet.WebFindingStatus) error {
	if err := tx.write(); err != nil {
		return err
	}
	st, ok := tx.d.findings[f.ID]
	if !ok {
		return notFound("finding")
	}
	if st.Status != from {
		return kuzet.Errorf(kuzet.ECONFLICT, "finding %d is %s, not %s", f.ID, st.Status, from)
	}
	st.Status, st.StatusAt, st.Category, st.Notes = f.Status, f.StatusAt, f.Category, f.Notes
	st.DecidedBy, st.DecidedAt = f.DecidedBy, f.DecidedAt
	return nil
}

func (tx *memTx) CreateBlockingRequest(_ context.Context, r *kuzet.BlockingRequest) error {
	if err := tx.write(); err != nil {
		return err
	}
	seen := map[int64]bool{}
	for _, it := range r.Items {
		if _, ok := tx.d.findings[it.FindingID]; !ok {
			// A foreign-key violation in the real stores: a bug of the
			// caller, not a client's error.
			return errors.New("memstore: blocking item of a finding that does not exist")
		}
		if _, sent := tx.d.sentIn[it.FindingID]; sent || seen[it.FindingID] {
			return kuzet.Errorf(kuzet.ECONFLICT, "finding %d is in a request already", it.FindingID)
		}
		seen[it.FindingID] = true
	}
	tx.d.lastRequest++
	r.ID = tx.d.lastRequest
	tx.d.requests[r.ID] = copyRequest(r)
	for _, it := range r.Items {
		tx.d.sentIn[it.FindingID] = r.ID
	}
	return nil
}

func (tx *memTx) FindBlockingRequest(_ context.Context, id int64) (*kuzet.BlockingRequest, error) {
	r, ok := tx.d.requests[id]
	if !ok {
		return nil, notFound("blocking request")
	}
	return copyRequest(r), nil
}

func (tx *memTx) FindBlockingRequests(_ context.Context, f kuzet.BlockingRequestFilter) ([]*kuzet.BlockingRequest, error) {
	ids := make([]int64, 0, len(tx.d.requests))
	for id := range tx.d.requests {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	limit := kuzet.WebPageLimit(f.Limit)
	var out []*kuzet.BlockingRequest
	for _, id := range ids {
		r := tx.d.requests[id]
		if id <= f.AfterID || f.Pending && !r.Pending() {
			continue
		}
		out = append(out, copyRequest(r))
		if len(out) == limit {
			break
		}
	}
	return out, nil
}

func (tx *memTx) UpdateBlockingItem(_ context.Context, requestID int64, it *kuzet.BlockingItem, from kuzet.BlockingStatus) error {
	if err := tx.write(); err != nil {
		return err
	}
	r, ok := tx.d.requests[requestID]
	if !ok {
		return notFound("blocking item")
	}
	for i := range r.Items {
		st := &r.Items[i]
		if st.FindingID != it.FindingID {
			continue
		}
		if st.Status != from {
			return kuzet.Errorf(kuzet.ECONFLICT, "item %d is %s, not %s", it.FindingID, st.Status, from)
		}
		st.Status, st.Note, st.StatusAt, st.StatusBy = it.Status, it.Note, it.StatusAt, it.StatusBy
		return nil
	}
	return notFound("blocking item")
}

func (tx *memTx) FindCTCheckpoint(_ context.Context, logID string) (*kuzet.CTCheckpoint, error) {
	c, ok := tx.d.checkpoints[logID]
	if !ok {
		return nil, notFound("checkpoint")
	}
	cp := *c
	cp.RootHash = slices.Clone(c.RootHash)
	return &cp, nil
}

func (tx *memTx) PutCTCheckpoint(_ context.Context, c *kuzet.CTCheckpoint) error {
	if err := tx.write(); err != nil {
		return err
	}
	cp := *c
	cp.RootHash = slices.Clone(c.RootHash)
	tx.d.checkpoints[c.LogID] = &cp
	return nil
}

func (tx *memTx) CountWeb(_ context.Context, from, to time.Time) (kuzet.WebCounts, error) {
	var c kuzet.WebCounts
	for _, f := range tx.d.findings {
		if inPeriod(f.FirstSeen, from, to) {
			c.Found++
		}
	}
	for _, r := range tx.d.requests {
		if inPeriod(r.CreatedAt, from, to) {
			c.Sent += int64(len(r.Items))
		}
		for _, it := range r.Items {
			if !inPeriod(it.StatusAt, from, to) {
				continue
			}
			switch it.Status {
			case kuzet.BlockingBlocked:
				c.Blocked++
			case kuzet.BlockingRejected:
				c.Rejected++
			case kuzet.BlockingGone:
				c.Gone++
			}
		}
	}
	return c, nil
}

func (tx *memTx) AppendAudit(_ context.Context, entries ...*kuzet.AuditEntry) error {
	if err := tx.write(); err != nil {
		return err
	}
	if tx.s.auditErr != nil {
		return tx.s.auditErr
	}
	for _, e := range entries {
		var prev []byte
		if n := len(tx.d.audit); n > 0 {
			prev = tx.d.audit[n-1].Hash
		}
		e.Seq = int64(len(tx.d.audit) + 1)
		e.PrevHash = prev
		e.Hash = (kuzet.AuditChain{}).Hash(prev, e)
		cp := *e
		tx.d.audit = append(tx.d.audit, &cp)
	}
	return nil
}
