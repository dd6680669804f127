package payments_test

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kuzet/kuzet"
)

// memStore is an in-memory system of record for the tests: transactions are
// serialized and a failed writable one is rolled back. It hands out copies,
// as a database would, so that the code under test cannot change stored
// state without writing it.
type memStore struct {
	mu   sync.Mutex
	down error // set: every transaction fails with it
	data memData
	// noRollback skips the snapshot of each transaction, which costs as
	// much as the data: for long simulations whose transactions never fail.
	noRollback bool
}

type memData struct {
	orgs      []*kuzet.Org
	audit     []*kuzet.AuditEntry
	checks    map[string]*kuzet.CheckRecord
	prevented map[string]*kuzet.PreventedLoss
	rules     []*kuzet.RuleVersion
	devices   []sqlDevice // fraudsters' devices, as named
}

// sqlDevice is a row of fraud_devices.
type sqlDevice struct {
	id string
	at time.Time
}

func newMemStore(orgs ...*kuzet.Org) *memStore {
	m := &memStore{data: memData{
		checks: map[string]*kuzet.CheckRecord{}, prevented: map[string]*kuzet.PreventedLoss{},
	}}
	for i, o := range orgs {
		o.ID = int64(i + 1)
		m.data.orgs = append(m.data.orgs, o)
	}
	return m
}

// clone copies the containers; the values in them are never changed in
// place (updates replace them), so a shallow copy restores a snapshot.
func (d memData) clone() memData {
	d.orgs, d.audit, d.rules = slices.Clone(d.orgs), slices.Clone(d.audit), slices.Clone(d.rules)
	d.devices = slices.Clone(d.devices)
	d.checks, d.prevented = maps.Clone(d.checks), maps.Clone(d.prevented)
	return d
}

func (m *memStore) setDown(err error) {
	m.mu.Lock()
	m.down = err
	m.mu.Unlock()
}

// Begin implements kuzet.Store: one transaction at a time, holding the
// lock until Commit or Rollback; a writable one rolled back restores the
// data it found.
func (m *memStore) Begin(ctx context.Context, writable bool) (kuzet.Tx, error) {
	m.mu.Lock()
	if m.down != nil {
		err := m.down
		m.mu.Unlock()
		return nil, err
	}
	t := &memTx{m: m, writable: writable}
	if writable && !m.noRollback {
		snap := m.data.clone()
		t.snap = &snap
	}
	return t, nil
}

func (m *memStore) Close() error { return nil }

// beginFunc makes a kuzet.Store of a function, for tests that wrap one.
type beginFunc func(ctx context.Context, writable bool) (kuzet.Tx, error)

func (f beginFunc) Begin(ctx context.Context, writable bool) (kuzet.Tx, error) {
	return f(ctx, writable)
}
func (f beginFunc) Close() error { return nil }

// view reads the data under the lock.
func (m *memStore) view(fn func(d *memData)) {
	m.mu.Lock()
	defer m.mu.Unlock()
	fn(&m.data)
}

// memTx is a transaction of memStore. The methods of kuzet.Tx that
// payments does not use are left to the nil embedded interface: calling
// one panics.
type memTx struct {
	kuzet.Tx
	m        *memStore
	writable bool
	snap     *memData // the data to restore on rollback
	done     bool
}

var _ kuzet.Store = (*memStore)(nil)

func (t *memTx) Commit() error {
	if !t.done {
		t.done = true
		t.m.mu.Unlock()
	}
	return nil
}

func (t *memTx) Rollback() error {
	if !t.done {
		t.done = true
		if t.snap != nil {
			t.m.data = *t.snap
		}
		t.m.mu.Unlock()
	}
	return nil
}

var errReadOnly = errors.New("memstore: write in a read-only transaction")

func (t *memTx) w() error {
	if !t.writable {
		return errReadOnly
	}
	return nil
}

func (t *memTx) CreateOrg(ctx context.Context, o *kuzet.Org) error {
	if err := t.w(); err != nil {
		return err
	}
	c := *o
	c.ID = int64(len(t.m.data.orgs) + 1)
	o.ID = c.ID
	t.m.data.orgs = append(t.m.data.orgs, &c)
	return nil
}

func (t *memTx) FindOrgByID(ctx context.Context, id int64) (*kuzet.Org, error) {
	for _, o := range t.m.data.orgs {
		if o.ID == id {
			c := *o
			return &c, nil
		}
	}
	return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no org %d", id)
}

func (t *memTx) FindOrgs(ctx context.Context) ([]*kuzet.Org, error) {
	var out []*kuzet.Org
	for _, o := range t.m.data.orgs {
		c := *o
		out = append(out, &c)
	}
	return out, nil
}

func (t *memTx) CreateAPIKey(ctx context.Context, k *kuzet.APIKey) error {
	return errors.New("not kept")
}
func (t *memTx) FindAPIKeyByHash(ctx context.Context, hash []byte) (*kuzet.APIKey, error) {
	return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no keys")
}
func (t *memTx) FindAPIKeys(ctx context.Context, orgID int64) ([]*kuzet.APIKey, error) {
	return nil, nil
}
func (t *memTx) RevokeAPIKey(ctx context.Context, orgID, keyID int64, at time.Time) error {
	return kuzet.Errorf(kuzet.ENOTFOUND, "no keys")
}

func (t *memTx) AppendAudit(ctx context.Context, entries ...*kuzet.AuditEntry) error {
	if err := t.w(); err != nil {
		return err
	}
	for _, e := range entries {
		c := *e
		c.Seq = int64(len(t.m.data.audit) + 1)
		t.m.data.audit = append(t.m.data.audit, &c)
	}
	return nil
}

func (t *memTx) PutChecks(ctx context.Context, checks []*kuzet.CheckRecord) error {
	if err := t.w(); err != nil {
		return err
	}
	for _, c := range checks {
		if _, ok := t.m.data.checks[c.ID]; !ok {
			cp := *c
			t.m.data.checks[c.ID] = &cp
		}
	}
	return nil
}

func (t *memTx) FindCheck(ctx context.Context, orgID int64, id string) (*kuzet.CheckRecord, error) {
	c, ok := t.m.data.checks[id]
	if !ok || c.OrgID != orgID {
		return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no check %s", id)
	}
	cp := *c
	return &cp, nil
}

func (t *memTx) FindChecks(ctx context.Context, f kuzet.CheckFilter) ([]*kuzet.CheckRecord, error) {
	var out []*kuzet.CheckRecord
	for _, c := range t.m.data.checks {
		if c.OrgID != f.OrgID || (!f.From.IsZero() && c.CheckedAt.Before(f.From)) ||
			(!f.To.IsZero() && !c.CheckedAt.Before(f.To)) || (f.Decision != "" && c.Decision != f.Decision) {
			continue
		}
		cp := *c
		out = append(out, &cp)
	}
	slices.SortFunc(out, func(a, b *kuzet.CheckRecord) int {
		if c := b.CheckedAt.Compare(a.CheckedAt); c != 0 {
			return c
		}
		return strings.Compare(b.ID, a.ID)
	})
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

func (t *memTx) PutFraudDevice(ctx context.Context, orgID int64, deviceID, checkID string, at time.Time) error {
	if err := t.w(); err != nil {
		return err
	}
	if !slices.ContainsFunc(t.m.data.devices, func(d sqlDevice) bool { return d.id == deviceID }) {
		t.m.data.devices = append(t.m.data.devices, sqlDevice{deviceID, at})
	}
	return nil
}

func (t *memTx) ScanFraudDevices(ctx context.Context, fn func(string, time.Time) error) error {
	for _, d := range t.m.data.devices {
		if err := fn(d.id, d.at); err != nil {
			return err
		}
	}
	return nil
}

func (t *memTx) SetCheckOutcome(ctx context.Context, orgID int64, id string, o kuzet.Outcome, at time.Time) error {
	if err := t.w(); err != nil {
		return err
	}
	c, ok := t.m.data.checks[id]
	if !ok || c.OrgID != orgID {
		return kuzet.Errorf(kuzet.ENOTFOUND, "no check %s", id)
	}
	cp := *c
	cp.Outcome, cp.OutcomeAt = o, at
	t.m.data.checks[id] = &cp
	return nil
}

func (t *memTx) ScanChecks(ctx context.Context, since time.Time, fn func(*kuzet.CheckRecord) error) error {
	var all []*kuzet.CheckRecord
	for _, c := range t.m.data.checks {
		if !c.CheckedAt.Before(since) {
			cp := *c
			all = append(all, &cp)
		}
	}
	slices.SortFunc(all, func(a, b *kuzet.CheckRecord) int {
		if c := a.CheckedAt.Compare(b.CheckedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	for _, c := range all {
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

func lossKey(p *kuzet.PreventedLoss) string {
	return p.Day.Format(time.DateOnly) + "|" + strconv.FormatInt(p.OrgID, 10) + "|" + p.Region + "|" + p.Currency
}

func (t *memTx) AddPreventedLoss(ctx context.Context, rows []kuzet.PreventedLoss) error {
	if err := t.w(); err != nil {
		return err
	}
	for _, r := range rows {
		k := lossKey(&r)
		cp := r
		if old := t.m.data.prevented[k]; old != nil {
			cp.Amount += old.Amount
			cp.Count += old.Count
		}
		t.m.data.prevented[k] = &cp
	}
	return nil
}

func (t *memTx) FindPreventedLoss(ctx context.Context, f kuzet.PreventedLossFilter) ([]*kuzet.PreventedLoss, error) {
	var out []*kuzet.PreventedLoss
	for _, p := range t.m.data.prevented {
		if (f.OrgID != 0 && p.OrgID != f.OrgID) || (f.Region != "" && p.Region != f.Region) ||
			(!f.From.IsZero() && p.Day.Before(f.From)) || (!f.To.IsZero() && !p.Day.Before(f.To)) {
			continue
		}
		cp := *p
		out = append(out, &cp)
	}
	slices.SortFunc(out, func(a, b *kuzet.PreventedLoss) int { return strings.Compare(lossKey(a), lossKey(b)) })
	return out, nil
}

func (t *memTx) PutRuleVersion(ctx context.Context, v *kuzet.RuleVersion) error {
	if err := t.w(); err != nil {
		return err
	}
	cp := *v
	for i, old := range t.m.data.rules {
		if old.Hash == v.Hash {
			up := *old
			up.Mode, up.UpdatedAt = v.Mode, v.UpdatedAt
			t.m.data.rules[i] = &up
			return nil
		}
	}
	t.m.data.rules = append(t.m.data.rules, &cp)
	return nil
}

func (t *memTx) FindRuleVersions(ctx context.Context) ([]*kuzet.RuleVersion, error) {
	var out []*kuzet.RuleVersion
	for _, v := range t.m.data.rules {
		cp := *v
		out = append(out, &cp)
	}
	return out, nil
}
