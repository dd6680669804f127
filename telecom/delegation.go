package telecom

import (
	"context"
	"strconv"
	"time"

	"github.com/kuzet/kuzet"
)

// Who may originate a number. The holder of its range, or the operator it
// was ported to (Service.Owner), vouches for it; a delegation lets one more
// operator vouch for some of the holder's numbers, as long as the holder
// still serves them. Registrations and signatures (STIR/SHAKEN attestation
// A) are judged by mayOriginate.

// delegate is one delegation as the lookup holds it.
type delegate struct{ org, holder int64 }

// delegations is the lookup of delegations: immutable, swapped whole on
// every change (they are few, and change rarely).
type delegations struct {
	byNumber map[Number][]delegate
	nodes    []delegNode // a digit trie over the delegated prefixes; nodes[0] is the root
	orgs     map[int64]bool
	list     []kuzet.Delegation // as stored, for the next rebuild
}

type delegNode struct {
	next [10]int32
	ds   []delegate
}

func newDelegations(list []kuzet.Delegation) *delegations {
	d := &delegations{byNumber: make(map[Number][]delegate), nodes: []delegNode{{}}, orgs: make(map[int64]bool), list: list}
	for _, x := range list {
		g := delegate{x.OrgID, x.HolderID}
		d.orgs[x.OrgID] = true
		if x.MSISDN != "" {
			if n, err := ParseNumber(x.MSISDN); err == nil {
				d.byNumber[n] = append(d.byNumber[n], g)
			}
			continue
		}
		n := int32(0)
		for i := 0; i < len(x.Prefix); i++ {
			c := x.Prefix[i] - '0'
			if c > 9 {
				break
			}
			if d.nodes[n].next[c] == 0 {
				d.nodes = append(d.nodes, delegNode{})
				d.nodes[n].next[c] = int32(len(d.nodes) - 1)
			}
			n = d.nodes[n].next[c]
		}
		d.nodes[n].ds = append(d.nodes[n].ds, g)
	}
	return d
}

// covers reports whether a delegation from holder lets org originate the
// number n (digits d).
func (d *delegations) covers(org, holder int64, n Number, digits string) bool {
	for _, g := range d.byNumber[n] {
		if g.org == org && g.holder == holder {
			return true
		}
	}
	node := int32(0)
	for i := 0; i < len(digits); i++ {
		c := digits[i] - '0'
		if c > 9 {
			return false
		}
		if node = d.nodes[node].next[c]; node == 0 {
			return false
		}
		for _, g := range d.nodes[node].ds {
			if g.org == org && g.holder == holder {
				return true
			}
		}
	}
	return false
}

// mayOriginate reports whether org may vouch for calls from n (digits
// d): it serves n, or the operator that serves n delegated n to it.
func (e *Service) mayOriginate(org int64, n Number, digits string) bool {
	owner := e.owner(n, digits)
	if owner == org {
		return org != 0
	}
	if owner == 0 {
		return false
	}
	d := e.delegs.Load()
	return d != nil && d.covers(org, owner, n, digits)
}

// DelegationChange is one item of Service.Delegate: a delegation to make,
// or with Revoke, to take back.
type DelegationChange struct {
	kuzet.Delegation
	Revoke bool
}

// Delegate makes or revokes holderID's delegations. Each item names an
// MSISDN the holder serves or a Prefix within one of its ranges, and a
// member operator other than the holder. Every change is audited, in one
// transaction. Returns one error per item (nil where applied): EINVALID
// for a malformed item, EFORBIDDEN for numbers the holder does not serve,
// ENOTFOUND for revoking what is not delegated. The second result is
// EFORBIDDEN if holderID holds no numbering range, or the store's error;
// nothing was applied then.
func (e *Service) Delegate(ctx context.Context, holderID int64, changes []DelegationChange) ([]error, error) {
	if err := e.checkOperator(ctx, holderID); err != nil {
		return nil, err
	}
	now := time.Unix(0, e.now()).UTC()
	ops := e.ops.Load()
	errs := make([]error, len(changes))
	var apply []int
	for i := range changes {
		ch := &changes[i]
		ch.HolderID, ch.CreatedAt = holderID, now
		if errs[i] = e.checkDelegation(ops, ch); errs[i] == nil {
			apply = append(apply, i)
		}
	}
	if len(apply) == 0 {
		return errs, nil
	}
	e.writeMu.Lock()
	defer e.writeMu.Unlock()
	cur := e.delegs.Load()
	held := map[[2]string]int{} // target, org → index in the new list
	var list []kuzet.Delegation
	if cur != nil {
		list = append(list, cur.list...)
	}
	for k, d := range list {
		held[[2]string{d.Target(), strconv.FormatInt(d.OrgID, 10)}] = k
	}
	var done []int
	for _, i := range apply {
		ch := &changes[i]
		key := [2]string{ch.Target(), strconv.FormatInt(ch.OrgID, 10)}
		k, ok := held[key]
		switch {
		case ch.Revoke && (!ok || list[k].HolderID != holderID):
			errs[i] = kuzet.Errorf(kuzet.ENOTFOUND, "%s is not delegated to organisation %d", ch.Target(), ch.OrgID)
			continue
		case ch.Revoke:
			list[k].OrgID = 0 // dropped below
		case ok:
			list[k] = ch.Delegation
		default:
			held[key] = len(list)
			list = append(list, ch.Delegation)
		}
		done = append(done, i)
	}
	if len(done) == 0 {
		return errs, nil
	}
	if e.cfg.Store != nil {
		err := kuzet.Transact(ctx, e.cfg.Store, true, func(s kuzet.Tx) error {
			entries := make([]*kuzet.AuditEntry, len(done))
			for k, i := range done {
				ch := &changes[i]
				action := kuzet.AuditDelegationPut
				var err error
				if ch.Revoke {
					action, err = kuzet.AuditDelegationDelete, s.DeleteDelegation(ctx, &ch.Delegation)
				} else {
					err = s.PutDelegation(ctx, &ch.Delegation)
				}
				if err != nil {
					return err
				}
				entries[k] = &kuzet.AuditEntry{At: now, OrgID: holderID, Action: action, Object: delegationObject(&ch.Delegation),
					Detail: "org=" + strconv.FormatInt(ch.OrgID, 10)}
			}
			return s.AppendAudit(ctx, entries...)
		})
		if err != nil {
			return nil, err
		}
	}
	kept := list[:0]
	for _, d := range list {
		if d.OrgID != 0 {
			kept = append(kept, d)
		}
	}
	e.delegs.Store(newDelegations(kept))
	return errs, nil
}

// checkDelegation checks one change of holder ch.HolderID against the
// prefix table ops.
func (e *Service) checkDelegation(ops *operators, ch *DelegationChange) error {
	switch {
	case ch.MSISDN != "" && ch.Prefix != "":
		return kuzet.Invalid("prefix", "an msisdn or a prefix, not both")
	case ch.MSISDN == "" && ch.Prefix == "":
		return kuzet.Invalid("msisdn", "an msisdn or a prefix is required")
	case ch.OrgID == ch.HolderID:
		return kuzet.Invalid("org_id", "an operator need not delegate its own numbers to itself")
	case !ch.Revoke && !ops.telcos[ch.OrgID]:
		return kuzet.Invalid("org_id", "organisation %d is not a member operator", ch.OrgID)
	}
	forbidden := func(field, what string) error {
		return &kuzet.Error{Code: kuzet.EFORBIDDEN, Message: what + " is not this operator's to delegate",
			Fields: []kuzet.FieldError{{Field: field, Message: "not this operator's"}}}
	}
	if ch.MSISDN != "" {
		n, err := ParseNumber(ch.MSISDN)
		if err != nil {
			return kuzet.Invalid("msisdn", "%s", kuzet.ErrorMessage(err))
		}
		if !e.plan.classify(ch.MSISDN[1:]).Domestic() {
			return kuzet.Invalid("msisdn", "%s is not a domestic number", ch.MSISDN)
		}
		if e.owner(n, ch.MSISDN[1:]) != ch.HolderID {
			return forbidden("msisdn", ch.MSISDN)
		}
		return nil
	}
	if _, ok := digitsValue(ch.Prefix); !ok {
		return kuzet.Invalid("prefix", "prefix %q is not 1 to 15 digits, the first not 0", ch.Prefix)
	}
	// The prefix must lie within a range the holder holds: a shorter one
	// would reach into other operators' ranges.
	if ops.holder(ch.Prefix) != ch.HolderID {
		return forbidden("prefix", "prefix "+ch.Prefix)
	}
	return nil
}

// delegationObject names a delegation's numbers in the audit log.
func delegationObject(d *kuzet.Delegation) string {
	if d.MSISDN != "" {
		return phoneObject(d.MSISDN)
	}
	return "prefix:" + d.Prefix
}

// Delegations returns the delegations in force that holderID made, or
// every one (holderID 0).
func (e *Service) Delegations(holderID int64) []kuzet.Delegation {
	d := e.delegs.Load()
	if d == nil {
		return nil
	}
	var out []kuzet.Delegation
	for _, x := range d.list {
		if holderID == 0 || x.HolderID == holderID {
			out = append(out, x)
		}
	}
	return out
}
