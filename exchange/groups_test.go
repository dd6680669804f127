package exchange_test

import (
	"slices"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/exchange"
	"github.com/kuzet/kuzet/registry"
)

// groupCollection returns the id of the collection of the group named name
// as org sees it, with what org may do.
func (f *fixture) groupCollection(t *testing.T, org *kuzet.Org, name string) (exchange.Collection, bool) {
	t.Helper()
	cs, err := f.ex.Collections(f.ctx, principal(org))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Group != nil && c.Group.Name == name {
			return c, true
		}
	}
	return exchange.Collection{}, false
}

// TestSharingGroups: one collection per group, read and written per
// member; it holds what every reading member may receive, and writing
// imports as the writer.
func TestSharingGroups(t *testing.T) {
	f := newFixture(t)
	police := principal(f.police)
	armenia, georgia, outsider := f.partner, f.org(t, "Georgia Police", kuzet.OrgPartner), f.org(t, "Outsider", kuzet.OrgPartner)
	bank := f.org(t, "Bank", kuzet.OrgBank)
	members := []kuzet.GroupMember{{OrgID: armenia.ID, CanRead: true, CanWrite: true}, {OrgID: georgia.ID, CanRead: true}}

	// Only the police set groups, of partners only, each member doing something.
	if _, _, err := f.ex.PutGroup(f.ctx, principal(armenia), exchange.GroupInput{Name: "Caucasus", Members: members}); kuzet.ErrorCode(err) != kuzet.EFORBIDDEN {
		t.Errorf("a partner set a group: %v", err)
	}
	for name, in := range map[string]exchange.GroupInput{
		"no name":     {Name: " ", Members: members},
		"a bank":      {Name: "x", Members: []kuzet.GroupMember{{OrgID: bank.ID, CanRead: true}}},
		"unknown org": {Name: "x", Members: []kuzet.GroupMember{{OrgID: 9999, CanRead: true}}},
		"twice":       {Name: "x", Members: []kuzet.GroupMember{{OrgID: armenia.ID, CanRead: true}, {OrgID: armenia.ID, CanWrite: true}}},
		"no right":    {Name: "x", Members: []kuzet.GroupMember{{OrgID: armenia.ID}}},
	} {
		if _, _, err := f.ex.PutGroup(f.ctx, police, in); kuzet.ErrorCode(err) != kuzet.EINVALID {
			t.Errorf("%s: %v, want EINVALID", name, err)
		}
	}
	g, c, err := f.ex.PutGroup(f.ctx, police, exchange.GroupInput{Name: "Caucasus", Members: members})
	if err != nil {
		t.Fatal(err)
	}
	// Setting it again replaces it: same group, same collection.
	g2, c2, err := f.ex.PutGroup(f.ctx, police, exchange.GroupInput{Name: "Caucasus", Description: "joint operation", Members: members})
	if err != nil || g2.ID != g.ID || c2.ID != c.ID {
		t.Fatalf("replacing: %v %v %v", g2, c2.ID, err)
	}

	ac, ok := f.groupCollection(t, armenia, "Caucasus")
	if !ok || !ac.CanRead || !ac.CanWrite || ac.ID != c.ID {
		t.Fatalf("Armenia's view: %+v %v", ac, ok)
	}
	gc, ok := f.groupCollection(t, georgia, "Caucasus")
	if !ok || !gc.CanRead || gc.CanWrite {
		t.Fatalf("Georgia's view: %+v %v", gc, ok)
	}
	if _, ok := f.groupCollection(t, outsider, "Caucasus"); ok {
		t.Errorf("a partner outside the group sees its collection")
	}
	if _, err := f.ex.Objects(f.ctx, principal(outsider), c.ID, exchange.Query{}); kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
		t.Errorf("outsider reads the group: %v", err)
	}
	pc, ok := f.groupCollection(t, f.police, "Caucasus")
	if !ok || !pc.CanRead || pc.CanWrite {
		t.Errorf("police's view: %+v %v", pc, ok)
	}

	// The police report GREEN and AMBER; only Armenia may receive AMBER, so
	// the group (read by Georgia too) holds the GREEN one only.
	if _, err := f.ex.SetPartner(f.ctx, police, armenia.ID, exchange.PartnerSettings{Confidence: 0.7, AllowAmber: true}); err != nil {
		t.Fatal(err)
	}
	f.submit(t, f.police,
		registry.Submission{Kind: kuzet.KindDomain, Value: "green.kz", Category: kuzet.CategoryPhishingSite},
		registry.Submission{Kind: kuzet.KindDomain, Value: "amber.kz", Category: kuzet.CategoryPhishingSite})
	if _, err := f.ex.SetMarking(f.ctx, f.police.ID, kuzet.KindDomain, "amber.kz", kuzet.TLPAmber); err != nil {
		t.Fatal(err)
	}
	read := func(org *kuzet.Org, id string) []string {
		t.Helper()
		p, err := f.ex.Objects(f.ctx, principal(org), id, exchange.Query{Types: []string{"indicator"}})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, it := range p.Items {
			out = append(out, it.Object.Pattern)
		}
		slices.Sort(out)
		return out
	}
	if got := read(georgia, c.ID); !slices.Equal(got, []string{"[domain-name:value = 'green.kz']"}) {
		t.Errorf("group collection holds %v", got)
	}
	if got := read(armenia, f.collection(t, armenia)); len(got) != 2 {
		t.Errorf("Armenia's own collection holds %v, want both", got)
	}
	// Once every reader may receive AMBER, the group holds it.
	if _, err := f.ex.SetPartner(f.ctx, police, georgia.ID, exchange.PartnerSettings{Confidence: 0.7, AllowAmber: true}); err != nil {
		t.Fatal(err)
	}
	if got := read(georgia, c.ID); len(got) != 2 {
		t.Errorf("group collection holds %v once all may receive AMBER", got)
	}

	// Armenia writes to the group; Georgia may not.
	green := `,"object_marking_refs":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]`
	body := []byte(`{"objects":[` + indicatorJSON("11111111-1111-4111-8111-111111111111", "[domain-name:value = 'shared.am']", green) + `,` +
		indicatorJSON("22222222-2222-4222-8222-222222222222", "[domain-name:value = 'amber-from-armenia.am']", "") + `]}`)
	if _, err := f.ex.Add(f.ctx, principal(georgia), c.ID, body); kuzet.ErrorCode(err) != kuzet.EFORBIDDEN {
		t.Errorf("a read-only member wrote: %v", err)
	}
	st, err := f.ex.Add(f.ctx, principal(armenia), c.ID, body)
	if err != nil || st.SuccessCount != 2 {
		t.Fatalf("Armenia's write: %+v %v", st, err)
	}
	a, _ := f.reg.Lookup(f.ctx, f.police.ID, kuzet.KindDomain, "shared.am", false)
	if a.Reporters != 1 {
		t.Errorf("shared.am: %d reporters", a.Reporters)
	}
	// Georgia receives Armenia's GREEN report through the group; Armenia's
	// unmarked report (taken as AMBER) is never passed on to another partner.
	got := read(georgia, c.ID)
	if !slices.Contains(got, "[domain-name:value = 'shared.am']") || slices.Contains(got, "[domain-name:value = 'amber-from-armenia.am']") {
		t.Errorf("group collection after Armenia's write: %v", got)
	}
	if got := read(georgia, f.collection(t, georgia)); slices.Contains(got, "[domain-name:value = 'amber-from-armenia.am']") {
		t.Errorf("a partner's AMBER report passed on to another partner: %v", got)
	}

	// A member that may only write does not read.
	if _, _, err := f.ex.PutGroup(f.ctx, police, exchange.GroupInput{Name: "Drop box",
		Members: []kuzet.GroupMember{{OrgID: outsider.ID, CanWrite: true}}}); err != nil {
		t.Fatal(err)
	}
	oc, ok := f.groupCollection(t, outsider, "Drop box")
	if !ok || oc.CanRead || !oc.CanWrite {
		t.Fatalf("write-only view: %+v %v", oc, ok)
	}
	if _, err := f.ex.Objects(f.ctx, principal(outsider), oc.ID, exchange.Query{}); kuzet.ErrorCode(err) != kuzet.EFORBIDDEN {
		t.Errorf("a write-only member read: %v", err)
	}
	gs, ids, err := f.ex.Groups(f.ctx, police)
	if err != nil || len(gs) != 2 || ids[0] != c.ID {
		t.Errorf("groups: %v %v %v", gs, ids, err)
	}
	if _, _, err := f.ex.Groups(f.ctx, principal(armenia)); kuzet.ErrorCode(err) != kuzet.EFORBIDDEN {
		t.Errorf("a partner listed groups: %v", err)
	}
}

// TestVersions: a report reported again has an earlier version, which
// match[version] serves: first, last, all, or by its timestamp.
func TestVersions(t *testing.T) {
	f := newFixture(t)
	sub := registry.Submission{Kind: kuzet.KindDomain, Value: "v.kz", Category: kuzet.CategoryPhishingSite, Confidence: 0.5}
	f.submit(t, f.police, sub)
	f.now = f.now.Add(time.Hour)
	sub.Confidence = 0.9
	f.submit(t, f.police, sub)
	f.now = f.now.Add(time.Hour)

	confs := func(q exchange.Query) (out []int, versions []string) {
		t.Helper()
		q.Types = []string{"indicator"}
		for _, o := range f.objects(t, f.partner, q) {
			out = append(out, *o.Confidence)
			versions = append(versions, o.Modified)
		}
		return out, versions
	}
	first, last := "2026-03-11T12:00:00.000000Z", "2026-03-11T13:00:00.000000Z"
	for _, c := range []struct {
		versions []string
		want     []int
	}{
		{nil, []int{90}},
		{[]string{"last"}, []int{90}},
		{[]string{"first"}, []int{50}},
		{[]string{"all"}, []int{50, 90}},
		{[]string{"first", "last"}, []int{50, 90}},
		{[]string{first}, []int{50}},
		{[]string{last}, []int{90}},
		{[]string{"2026-01-01T00:00:00Z"}, nil},
	} {
		got, vs := confs(exchange.Query{Versions: c.versions})
		if !slices.Equal(got, c.want) {
			t.Errorf("match[version]=%v: confidences %v (versions %v), want %v", c.versions, got, vs, c.want)
		}
	}
	// added_after leaves out the versions added before it.
	if got, _ := confs(exchange.Query{Versions: []string{"all"}, AddedAfter: t0.Add(time.Minute)}); !slices.Equal(got, []int{90}) {
		t.Errorf("all versions added after the first: %v", got)
	}
	// The sighting exists from the second report on: one version.
	objs := f.objects(t, f.partner, exchange.Query{Types: []string{"sighting"}, Versions: []string{"all"}})
	if len(objs) != 1 || objs[0].Modified != last {
		t.Errorf("sighting versions: %v", objs)
	}
	// The observable has one version whatever is asked.
	objs = f.objects(t, f.partner, exchange.Query{Types: []string{"domain-name"}, Versions: []string{"all"}})
	if len(objs) != 1 {
		t.Errorf("%d versions of the observable", len(objs))
	}
	if _, err := f.ex.Objects(f.ctx, principal(f.partner), f.collection(t, f.partner), exchange.Query{Versions: []string{"yesterday"}}); kuzet.ErrorCode(err) != kuzet.EINVALID {
		t.Errorf("bad match[version]: %v", err)
	}
}
