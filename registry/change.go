package registry

import (
	"time"

	"github.com/kuzet/kuzet"
)

// ChangeOp names what a Change does to the index.
type ChangeOp string

// Change operations.
const (
	ChangeReport   ChangeOp = "report"   // an organisation's report was added or updated
	ChangeWithdraw ChangeOp = "withdraw" // an organisation withdrew its report in Category, or all when ""
	ChangeAllow    ChangeOp = "allow"    // the indicator was allowlisted
	ChangeDisallow ChangeOp = "disallow" // the indicator left the allowlist
)

// Change is one committed change to the registry, as far as an index needs
// to know it: what a node publishes after a write so that every other
// node's index follows (see Service.Changes and Service.Apply). It carries
// no evidence, which the index never needs and the bus need not spread.
type Change struct {
	Op         ChangeOp       `json:"op"`
	OrgID      int64          `json:"org_id,omitempty"`
	Kind       kuzet.Kind     `json:"kind"`
	Value      string         `json:"value"`
	Category   kuzet.Category `json:"category,omitempty"`
	Confidence float64        `json:"confidence,omitempty"`
	ValidUntil time.Time      `json:"valid_until,omitzero"`
	CreatedAt  time.Time      `json:"created_at,omitzero"`
	UpdatedAt  time.Time      `json:"updated_at,omitzero"`
}

func reportChange(r *kuzet.Report) Change {
	return Change{Op: ChangeReport, OrgID: r.OrgID, Kind: r.Kind, Value: r.Value, Category: r.Category,
		Confidence: r.Confidence, ValidUntil: r.ValidUntil, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// apply makes the change to x. Returns EINVALID for an unknown operation.
func (c *Change) apply(x *Index) error {
	switch c.Op {
	case ChangeReport:
		x.Add(&kuzet.Report{OrgID: c.OrgID, Kind: c.Kind, Value: c.Value, Category: c.Category,
			Confidence: c.Confidence, ValidUntil: c.ValidUntil, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt})
	case ChangeWithdraw:
		x.Remove(c.OrgID, c.Kind, c.Value, c.Category)
	case ChangeAllow, ChangeDisallow:
		x.Allow(c.Kind, c.Value, c.Op == ChangeAllow)
	default:
		return kuzet.Errorf(kuzet.EINVALID, "unknown registry change %q", c.Op)
	}
	return nil
}
