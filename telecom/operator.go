package telecom

import (
	"context"
	"fmt"
	"slices"

	"github.com/kuzet/kuzet"
)

// operators maps numbering prefixes to the organisations holding them. It
// is immutable once built; the engine swaps in a new one when organisations
// change.
type operators struct {
	nodes  []opNode
	orgs   map[int64]bool // every org holding a prefix
	known  map[int64]bool // every org that existed when the table was built
	telcos map[int64]bool // every telco among them, with ranges or without
}

type opNode struct {
	next [10]int32
	org  int64 // 0: no prefix ends here
}

// newOperators builds the table from the telcos among orgs. Returns
// ECONFLICT, naming both organisations and the prefix, if two of them hold
// overlapping ranges (kuzet.CheckNumbering): a range has one holder, and
// guessing which would let the wrong one register calls.
func newOperators(orgs []*kuzet.Org) (*operators, error) {
	if err := kuzet.CheckNumbering(orgs); err != nil {
		return nil, err
	}
	t := &operators{nodes: []opNode{{}}, orgs: make(map[int64]bool), known: make(map[int64]bool),
		telcos: make(map[int64]bool)}
	for _, o := range orgs {
		if o != nil {
			t.known[o.ID] = true
		}
		if o == nil || o.Type != kuzet.OrgTelco {
			continue
		}
		t.telcos[o.ID] = true
		for _, p := range o.Prefixes {
			if _, ok := digitsValue(p); !ok {
				return nil, kuzet.Invalid("prefixes", "prefix %q of %s is not a run of E.164 digits", p, o.Name)
			}
			n := int32(0)
			for i := 0; i < len(p); i++ {
				c := p[i] - '0'
				if t.nodes[n].next[c] == 0 {
					t.nodes = append(t.nodes, opNode{})
					t.nodes[n].next[c] = int32(len(t.nodes) - 1)
				}
				n = t.nodes[n].next[c]
			}
			t.nodes[n].org = o.ID
			t.orgs[o.ID] = true
		}
	}
	return t, nil
}

// holder returns the organisation holding the longest prefix of the digit
// string d, or 0.
func (t *operators) holder(d string) int64 {
	var org int64
	n := int32(0)
	for i := 0; i < len(d); i++ {
		c := d[i] - '0'
		if c > 9 {
			break
		}
		if n = t.nodes[n].next[c]; n == 0 {
			break
		}
		if o := t.nodes[n].org; o != 0 {
			org = o
		}
	}
	return org
}

// Owner returns the organisation that serves e164: the operator it was
// ported to, else the organisation holding the longest prefix of it. Returns
// 0 if no organisation does.
func (e *Service) Owner(e164 string) int64 {
	if !wellFormed(e164) {
		return 0
	}
	n, ok := digitsValue(e164[1:])
	if !ok {
		return 0
	}
	return e.owner(n, e164[1:])
}

func (e *Service) owner(n Number, digits string) int64 {
	if org, ok := e.ports.get(n); ok {
		return org
	}
	return e.ops.Load().holder(digits)
}

// SetOperators replaces the prefix table with the prefixes of the telcos
// among orgs; other organisations are ignored. The server calls it at start
// and whenever an organisation is created or changed. Returns ECONFLICT if
// two organisations claim one prefix, and keeps the old table then.
func (e *Service) SetOperators(orgs []*kuzet.Org) error {
	t, err := newOperators(orgs)
	if err != nil {
		return err
	}
	e.ops.Store(t)
	return nil
}

// Operators returns the IDs of the organisations in the prefix table.
func (e *Service) Operators() []int64 {
	t := e.ops.Load()
	ids := make([]int64, 0, len(t.orgs))
	for id := range t.orgs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Telcos returns the IDs of the telcos the prefix table knows, with numbering
// ranges or without: the operators a block list is for.
func (e *Service) Telcos() []int64 {
	t := e.ops.Load()
	ids := make([]int64, 0, len(t.telcos))
	for id := range t.telcos {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// RefreshOperators rebuilds the prefix table from the organisations in the
// store. The server calls it at start, where an error (two organisations
// claiming one range) must stop it: a broken table would block every
// domestic call. Returns ECONFLICT then, naming both organisations and the
// prefix, and keeps the old table; Health reports the conflict until a
// reload succeeds.
func (e *Service) RefreshOperators(ctx context.Context) error {
	e.refreshMu.Lock()
	defer e.refreshMu.Unlock()
	return e.refreshOperators(ctx)
}

func (e *Service) refreshOperators(ctx context.Context) error {
	if e.cfg.Store == nil {
		return nil
	}
	var orgs []*kuzet.Org
	err := kuzet.Transact(ctx, e.cfg.Store, false, func(tx kuzet.Tx) (err error) {
		orgs, err = tx.FindOrgs(ctx)
		return err
	})
	if err != nil {
		return fmt.Errorf("telecom: load operators: %w", err)
	}
	err = e.SetOperators(orgs)
	if kuzet.ErrorCode(err) == kuzet.ECONFLICT {
		e.opsConflict.Store(&err)
	} else if err == nil {
		e.opsConflict.Store(nil)
	}
	return err
}

// Health returns an error while the prefix table in use does not match the
// organisations in the store because their ranges conflict: found at start
// (where RefreshOperators already failed) or by a later reload, which keeps
// the old table. The server's readiness check reports it, so that an
// operator added with an overlapping range (by a tool that bypassed the
// checks of `kuzet org add`) is seen at once rather than as calls refused.
// Returns nil once a reload succeeds.
func (e *Service) Health() error {
	if p := e.opsConflict.Load(); p != nil {
		return kuzet.Errorf(kuzet.EUNAVAILABLE, "the operators' numbering ranges in the store conflict, so the prefix table in use is out of date: %s",
			kuzet.ErrorMessage(*p))
	}
	return nil
}

// checkOperator returns EFORBIDDEN unless orgID holds a numbering range, or
// serves numbers ported or delegated to it. An organisation created since
// the table was built (by `kuzet org add`, in another process) makes the
// first of its requests reload the table, so that a new operator can
// register calls at once; a reload that finds the ranges in conflict is
// logged, reported by Health and keeps the table in use.
func (e *Service) checkOperator(ctx context.Context, orgID int64) error {
	if t := e.ops.Load(); !t.known[orgID] {
		e.refreshMu.Lock()
		if t := e.ops.Load(); !t.known[orgID] { // not done meanwhile by another request
			if err := e.refreshOperators(ctx); kuzet.ErrorCode(err) == kuzet.ECONFLICT {
				e.cfg.Logger.Error("telecom: numbering ranges not updated", "err", err)
			} else if err != nil {
				e.refreshMu.Unlock()
				return err
			}
		}
		e.refreshMu.Unlock()
	}
	if !e.ops.Load().orgs[orgID] && !e.servesOthers(orgID) {
		return kuzet.Errorf(kuzet.EFORBIDDEN, "organisation %d holds no numbering range: it cannot vouch for any number", orgID)
	}
	return nil
}

// servesOthers reports whether numbers of other operators' ranges were
// ported or delegated to orgID.
func (e *Service) servesOthers(orgID int64) bool {
	if d := e.delegs.Load(); d != nil && d.orgs[orgID] {
		return true
	}
	e.writeMu.Lock()
	defer e.writeMu.Unlock()
	return e.portedTo[orgID] > 0
}
