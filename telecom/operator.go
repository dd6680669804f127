package telecom

import (
	"slices"

	"github.com/kuzet/kuzet"
)

// operators maps numbering prefixes to the organisations holding them. It
// is immutable once built; the engine swaps in a new one when organisations
// change.
type operators struct {
	nodes []opNode
	orgs  map[int64]bool // every org holding a prefix
}

type opNode struct {
	next [10]int32
	org  int64 // 0: no prefix ends here
}

// newOperators builds the table from the telcos among orgs. Returns
// ECONFLICT if two organisations claim the same prefix: a range has one
// holder, and guessing which would let the wrong one register calls.
func newOperators(orgs []*kuzet.Org) (*operators, error) {
	t := &operators{nodes: []opNode{{}}, orgs: make(map[int64]bool)}
	for _, o := range orgs {
		if o == nil || o.Type != kuzet.OrgTelco {
			continue
		}
		for _, p := range o.Prefixes {
			if _, ok := digitsValue(p); !ok {
				return nil, kuzet.Invalid("prefixes", "organisation %d: prefix %q is not a run of E.164 digits", o.ID, p)
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
			if prev := t.nodes[n].org; prev != 0 && prev != o.ID {
				return nil, kuzet.Errorf(kuzet.ECONFLICT, "prefix %s is held by organisations %d and %d", p, prev, o.ID)
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
func (e *Engine) Owner(e164 string) int64 {
	if !wellFormed(e164) {
		return 0
	}
	n, ok := digitsValue(e164[1:])
	if !ok {
		return 0
	}
	return e.owner(n, e164[1:])
}

func (e *Engine) owner(n Number, digits string) int64 {
	if org, ok := e.ports.get(n); ok {
		return org
	}
	return e.ops.Load().holder(digits)
}

// SetOperators replaces the prefix table with the prefixes of the telcos
// among orgs; other organisations are ignored. The server calls it at start
// and whenever an organisation is created or changed. Returns ECONFLICT if
// two organisations claim one prefix, and keeps the old table then.
func (e *Engine) SetOperators(orgs []*kuzet.Org) error {
	t, err := newOperators(orgs)
	if err != nil {
		return err
	}
	e.ops.Store(t)
	return nil
}

// Operators returns the IDs of the organisations in the prefix table.
func (e *Engine) Operators() []int64 {
	t := e.ops.Load()
	ids := make([]int64, 0, len(t.orgs))
	for id := range t.orgs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
