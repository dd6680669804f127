package telecom

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/kuzet/kuzet"
)

// ApplyStored brings memory in line with a row another node wrote to the
// store, as the cluster's change log carries it: table is roaming, dno or
// portings, op INSERT, UPDATE or DELETE, and row the row as JSON (the
// store's column names). The store holds the report that won, so it is
// taken as it is. Returns EINVALID for a table it does not know or a row
// that does not parse.
func (e *Service) ApplyStored(table, op string, row []byte) error {
	var r struct {
		MSISDN  string    `json:"msisdn"`
		Number  string    `json:"number"`
		State   string    `json:"state"`
		Country string    `json:"country"`
		At      time.Time `json:"at"`
		OrgID   int64     `json:"org_id"`
	}
	if err := json.Unmarshal(row, &r); err != nil {
		return kuzet.Errorf(kuzet.EINVALID, "telecom: stored %s row: %v", table, err)
	}
	del := op == "DELETE"
	e.writeMu.Lock()
	defer e.writeMu.Unlock()
	switch table {
	case "roaming":
		n, err := ParseNumber(r.MSISDN)
		if err != nil {
			return kuzet.Errorf(kuzet.EINVALID, "telecom: stored roaming of %q: %v", r.MSISDN, err)
		}
		if del {
			e.roam.remove(n)
			return nil
		}
		e.roam.set(n, roamingOf(&kuzet.Roaming{MSISDN: r.MSISDN, State: kuzet.RoamingState(r.State), Country: r.Country, At: r.At}))
	case "dno":
		n, err := ParseNumber(r.Number)
		if err != nil {
			return kuzet.Errorf(kuzet.EINVALID, "telecom: stored DNO entry %q: %v", r.Number, err)
		}
		if del {
			e.dno.remove(n)
		} else {
			e.dno.set(n, struct{}{})
		}
	case "portings":
		n, err := ParseNumber(r.MSISDN)
		if err != nil {
			return kuzet.Errorf(kuzet.EINVALID, "telecom: stored porting of %q: %v", r.MSISDN, err)
		}
		if old, ok := e.ports.get(n); ok {
			e.portedTo[old]--
			e.ports.remove(n)
		}
		if !del {
			e.ports.set(n, r.OrgID)
			e.portedTo[r.OrgID]++
		}
	default:
		return kuzet.Errorf(kuzet.EINVALID, "telecom: no stored table %q", table)
	}
	return nil
}

// SignalNote is one risky call a node noted for the active-call signal
// (ActiveCall): what another node needs to note the same.
type SignalNote struct {
	Callee     Number `json:"b"`
	At         int64  `json:"at"` // Unix seconds
	Foreign    bool   `json:"foreign,omitempty"`
	Unverified bool   `json:"unverified,omitempty"`
	First      bool   `json:"first,omitempty"`
	Targeted   bool   `json:"targeted,omitempty"`
	// Pair is the caller and callee's pair hash when the call was the
	// pair's first: the other nodes remember the pair too, so that the
	// caller's next call is not first-time on them either.
	Pair uint64 `json:"pair,omitempty"`
}

func (e *Service) emitNote(n SignalNote) {
	if e.Notes.Subscribed() {
		e.Notes.Emit(n)
	}
}

// ApplyNote notes a risky call another node noted. Returns EINVALID for a
// note without a callee.
func (e *Service) ApplyNote(n SignalNote) error {
	if n.Callee == 0 {
		return kuzet.Errorf(kuzet.EINVALID, "telecom: signal note without a callee")
	}
	e.sig.note(n.Callee, n.At, n.Foreign, n.Unverified, n.First, n.Targeted)
	if n.Pair != 0 {
		e.pairs.seen(n.Pair)
	}
	return nil
}

// ReloadDelegations reloads the delegations and the STIR/SHAKEN trust list
// from the store, whole: another node changed one of them.
func (e *Service) ReloadDelegations(ctx context.Context) error {
	if e.cfg.Store == nil {
		return nil
	}
	e.writeMu.Lock()
	defer e.writeMu.Unlock()
	err := kuzet.Transact(ctx, e.cfg.Store, false, func(s kuzet.Tx) error {
		return e.loadDelegations(ctx, s)
	})
	if err != nil {
		return fmt.Errorf("telecom: reload delegations: %w", err)
	}
	return nil
}
