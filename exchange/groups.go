package exchange

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kuzet/kuzet"
)

// Limits of a sharing group.
const (
	MaxGroupName    = 100
	MaxGroupMembers = 200
)

// GroupInput is a sharing group as the police set it.
type GroupInput struct {
	Name        string
	Description string
	Members     []kuzet.GroupMember
}

// PutGroup creates the sharing group named in.Name or replaces it: its
// description and members, each a partner organisation that may read the
// group's collection, write to it, or both. Only the police set groups:
// returns EFORBIDDEN for anyone else, EINVALID for a bad name or a member
// // that is not a partner. The change is audited.
func (s *Service) PutGroup(ctx context.Context, p *kuzet.Principal, in GroupInput) (*kuzet.SharingGroup, Collection, error) {
	if !p.Can(kuzet.PermPartnerWrite) {
		return nil, Collection{}, kuzet.Errorf(kuzet.EFORBIDDEN, "only the police set sharing groups")
	}
	var probs kuzet.Problems
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" || utf8.RuneCountInString(in.Name) > MaxGroupName || !utf8.ValidString(in.Name) {
		probs.Add("name", "name must be 1 to %d characters", MaxGroupName)
	}
	if len(in.Description) > 2000 || !utf8.ValidString(in.Description) {
		probs.Add("description", "description must be at most 2,000 bytes of UTF-8")
	}
	if len(in.Members) > MaxGroupMembers {
		probs.Add("members", "a group has at most %d members", MaxGroupMembers)
	}
	seen := map[int64]bool{}
	for i, m := range in.Members {
		if seen[m.OrgID] {
			probs.Add("members["+strconv.Itoa(i)+"].org_id", "organisation %d is named twice", m.OrgID)
		}
		seen[m.OrgID] = true
		if !m.CanRead && !m.CanWrite {
			probs.Add("members["+strconv.Itoa(i)+"]", "a member may read, write, or both")
		}
	}
	if err := probs.Err(); err != nil {
		return nil, Collection{}, err
	}
	ns, err := s.namespace(ctx)
	if err != nil {
		return nil, Collection{}, err
	}
	now := s.cfg.Clock()
	g := &kuzet.SharingGroup{Name: in.Name, Description: in.Description, CreatedAt: now, UpdatedAt: now,
		Members: slices.Clone(in.Members)}
	err = kuzet.Transact(ctx, s.cfg.Store, true, func(tx kuzet.Tx) error {
		for i, m := range g.Members {
			o, err := tx.FindOrgByID(ctx, m.OrgID)
			if kuzet.ErrorCode(err) == kuzet.ENOTFOUND {
				return kuzet.Invalid("members["+strconv.Itoa(i)+"].org_id", "organisation %d does not exist", m.OrgID)
			} else if err != nil {
				return err
			}
			if o.Type != kuzet.OrgPartner {
				return kuzet.Invalid("members["+strconv.Itoa(i)+"].org_id", "organisation %d is a %s organisation, not a partner", m.OrgID, o.Type)
			}
		}
		gs, err := tx.FindSharingGroups(ctx)
		if err != nil {
			return err
		}
		for _, old := range gs {
			if old.Name == g.Name {
				g.ID, g.CreatedAt = old.ID, old.CreatedAt
			}
		}
		if err := tx.PutSharingGroup(ctx, g); err != nil {
			return err
		}
		var members []string
		for _, m := range g.Members {
			rw := ""
			if m.CanRead {
				rw += "r"
			}
			if m.CanWrite {
				rw += "w"
			}
			members = append(members, strconv.FormatInt(m.OrgID, 10)+":"+rw)
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: p.Org.ID, Action: kuzet.AuditExchangeGroup,
			Object: "group:" + strconv.FormatInt(g.ID, 10), Detail: kuzet.Clip("name="+g.Name+" members="+strings.Join(members, ","), 500)})
	})
	if err != nil {
		return nil, Collection{}, fmt.Errorf("exchange: put group: %w", err)
	}
	slices.SortFunc(g.Members, func(a, b kuzet.GroupMember) int { return int(a.OrgID - b.OrgID) })
	return g, Collection{ID: groupCollectionID(ns, g.ID), Group: g}, nil
}

// Groups returns every sharing group with its collection's id. Only the
// police see them: EFORBIDDEN for anyone else.
func (s *Service) Groups(ctx context.Context, p *kuzet.Principal) ([]*kuzet.SharingGroup, []string, error) {
	if !p.Can(kuzet.PermPartnerWrite) {
		return nil, nil, kuzet.Errorf(kuzet.EFORBIDDEN, "only the police see sharing groups")
	}
	ns, err := s.namespace(ctx)
	if err != nil {
		return nil, nil, err
	}
	var gs []*kuzet.SharingGroup
	if err := kuzet.Transact(ctx, s.cfg.Store, false, func(tx kuzet.Tx) error {
		gs, err = tx.FindSharingGroups(ctx)
		return err
	}); err != nil {
		return nil, nil, fmt.Errorf("exchange: groups: %w", err)
	}
	ids := make([]string, len(gs))
	for i, g := range gs {
		ids[i] = groupCollectionID(ns, g.ID)
	}
	return gs, ids, nil
}
