package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
)

func testOrg(t *testing.T, open func(t *testing.T) kuzet.Store) {
	t.Run("CreateAndFind", func(t *testing.T) {
		s := open(t)
		orgs := []*kuzet.Org{
			{Name: "Halyk Bank", Type: kuzet.OrgBank, BIC: "HSBKKZKX", BankCode: "601", CreatedAt: base},
			{Name: "Beeline KZ", Type: kuzet.OrgTelco, Prefixes: []string{"7705", "7777"}, CreatedAt: base.Add(time.Second)},
			{Name: "Cyber police", Type: kuzet.OrgPolice, CreatedAt: base.Add(2 * time.Second)},
		}
		want := make([]kuzet.Org, len(orgs))
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			for i, o := range orgs {
				want[i] = *o
				must(t, "create org", tx.CreateOrg(ctx, o))
				if i > 0 && o.ID <= orgs[i-1].ID {
					t.Errorf("org %d: got ID %d after %d, want increasing IDs", i, o.ID, orgs[i-1].ID)
				}
				want[i].ID, want[i].CreatedAt = o.ID, us(want[i].CreatedAt)
				same(t, "created org", *o, want[i])
			}
		})
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			for _, w := range want {
				got, err := tx.FindOrgByID(ctx, w.ID)
				must(t, "find org", err)
				same(t, "found org", *got, w)
			}
			all, err := tx.FindOrgs(ctx)
			must(t, "find orgs", err)
			if len(all) != len(want) {
				t.Fatalf("find orgs: got %d orgs, want %d", len(all), len(want))
			}
			for i := range all {
				same(t, "orgs by ID", *all[i], want[i])
			}
		})
	})

	t.Run("NameTaken", func(t *testing.T) {
		s := open(t)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "create org", tx.CreateOrg(ctx, &kuzet.Org{Name: "Kaspi", Type: kuzet.OrgBank, CreatedAt: base}))
			err := tx.CreateOrg(ctx, &kuzet.Org{Name: "Kaspi", Type: kuzet.OrgPartner, CreatedAt: base})
			wantCode(t, "same name in the same transaction", err, kuzet.ECONFLICT)
			// The transaction is still usable.
			must(t, "create after conflict", tx.CreateOrg(ctx, &kuzet.Org{Name: "Jusan", Type: kuzet.OrgBank, CreatedAt: base}))
		})
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			err := tx.CreateOrg(ctx, &kuzet.Org{Name: "Kaspi", Type: kuzet.OrgBank, CreatedAt: base})
			wantCode(t, "same name in a later transaction", err, kuzet.ECONFLICT)
		})
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			all, err := tx.FindOrgs(ctx)
			must(t, "find orgs", err)
			var names []string
			for _, o := range all {
				names = append(names, o.Name)
			}
			same(t, "org names", names, []string{"Kaspi", "Jusan"})
			if len(all) > 0 && all[0].Type != kuzet.OrgBank {
				t.Errorf("first Kaspi: got type %v, want %v", all[0].Type, kuzet.OrgBank)
			}
		})
	})

	t.Run("BankKeysTaken", func(t *testing.T) {
		// A bank code and a BIC's first eight characters each name one
		// bank: freeze requests are routed by them.
		s := open(t)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "create bank", tx.CreateOrg(ctx, &kuzet.Org{Name: "Bank One", Type: kuzet.OrgBank,
				BIC: "BANKKZKA", BankCode: "722", CreatedAt: base}))
			for _, o := range []*kuzet.Org{
				{Name: "Same code", Type: kuzet.OrgBank, BIC: "OTHRKZKA", BankCode: "722", CreatedAt: base},
				{Name: "Same BIC", Type: kuzet.OrgBank, BIC: "BANKKZKA", BankCode: "826", CreatedAt: base},
				{Name: "Same bank, a branch", Type: kuzet.OrgBank, BIC: "BANKKZKAXXX", CreatedAt: base},
			} {
				wantCode(t, o.Name, tx.CreateOrg(ctx, o), kuzet.ECONFLICT)
			}
			// The transaction is still usable, and organisations without
			// a code or BIC do not clash over the empty ones.
			must(t, "create bank after conflicts", tx.CreateOrg(ctx, &kuzet.Org{Name: "Bank Two", Type: kuzet.OrgBank,
				BIC: "BANKKZKB", BankCode: "826", CreatedAt: base}))
			must(t, "create police", tx.CreateOrg(ctx, &kuzet.Org{Name: "Police", Type: kuzet.OrgPolice, CreatedAt: base}))
			must(t, "create partner", tx.CreateOrg(ctx, &kuzet.Org{Name: "Partner", Type: kuzet.OrgPartner, CreatedAt: base}))
		})
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			err := tx.CreateOrg(ctx, &kuzet.Org{Name: "Bank Dup", Type: kuzet.OrgBank, BankCode: "722", CreatedAt: base})
			wantCode(t, "same code in a later transaction", err, kuzet.ECONFLICT)
		})
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			all, err := tx.FindOrgs(ctx)
			must(t, "find orgs", err)
			if len(all) != 4 {
				t.Errorf("got %d organisations, want 4", len(all))
			}
		})
	})

	t.Run("NotFound", func(t *testing.T) {
		s := open(t)
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			all, err := tx.FindOrgs(ctx)
			must(t, "find orgs", err)
			if len(all) != 0 {
				t.Errorf("find orgs in an empty store: got %d, want 0", len(all))
			}
			_, err = tx.FindOrgByID(ctx, 4242)
			wantCode(t, "find missing org", err, kuzet.ENOTFOUND)
		})
	})
}

func testAPIKey(t *testing.T, open func(t *testing.T) kuzet.Store) {
	newKey := func(org *kuzet.Org, secret string) *kuzet.APIKey {
		return &kuzet.APIKey{OrgID: org.ID, Role: kuzet.Role(org.Type), Prefix: secret[:4], Hash: hash(secret), CreatedAt: base}
	}

	t.Run("CreateAndFindByHash", func(t *testing.T) {
		s := open(t)
		a := createOrg(t, s, "Halyk Bank", kuzet.OrgBank)
		k := newKey(a, "kz_live_secret_1")
		want := *k
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "create key", tx.CreateAPIKey(ctx, k))
		})
		if k.ID == 0 {
			t.Fatalf("create key: got ID 0, want it set")
		}
		want.ID, want.CreatedAt = k.ID, us(want.CreatedAt)
		same(t, "created key", *k, want)
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			got, err := tx.FindAPIKeyByHash(ctx, hash("kz_live_secret_1"))
			must(t, "find key", err)
			same(t, "found key", *got, want)
			if got.Revoked() {
				t.Errorf("new key: got revoked, want not revoked")
			}
			_, err = tx.FindAPIKeyByHash(ctx, hash("another secret"))
			wantCode(t, "find unknown hash", err, kuzet.ENOTFOUND)
		})
	})

	t.Run("FindIsTenantScoped", func(t *testing.T) {
		s := open(t)
		a := createOrg(t, s, "Halyk Bank", kuzet.OrgBank)
		b := createOrg(t, s, "Kcell", kuzet.OrgTelco)
		keys := []*kuzet.APIKey{newKey(a, "a-secret-1"), newKey(b, "b-secret-1"), newKey(a, "a-secret-2")}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			for _, k := range keys {
				must(t, "create key", tx.CreateAPIKey(ctx, k))
			}
		})
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			for _, tc := range []struct {
				org  int64
				want []*kuzet.APIKey
			}{
				{a.ID, []*kuzet.APIKey{keys[0], keys[2]}},
				{b.ID, []*kuzet.APIKey{keys[1]}},
				{b.ID + 100, nil},
			} {
				got, err := tx.FindAPIKeys(ctx, tc.org)
				must(t, "find keys", err)
				same(t, "keys of the org", values(got), values(tc.want))
			}
		})
	})

	t.Run("Revoke", func(t *testing.T) {
		s := open(t)
		a := createOrg(t, s, "Halyk Bank", kuzet.OrgBank)
		b := createOrg(t, s, "Kcell", kuzet.OrgTelco)
		k1, k2 := newKey(a, "a-secret-1"), newKey(a, "a-secret-2")
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "create key", tx.CreateAPIKey(ctx, k1))
			must(t, "create key", tx.CreateAPIKey(ctx, k2))
		})
		at := base.Add(time.Hour)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "revoke own key", tx.RevokeAPIKey(ctx, a.ID, k1.ID, at))
			wantCode(t, "revoke another org's key", tx.RevokeAPIKey(ctx, b.ID, k2.ID, at), kuzet.ENOTFOUND)
			wantCode(t, "revoke missing key", tx.RevokeAPIKey(ctx, a.ID, k2.ID+100, at), kuzet.ENOTFOUND)
		})
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "revoke again", tx.RevokeAPIKey(ctx, a.ID, k1.ID, at.Add(time.Hour)))
		})
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			got1, err := tx.FindAPIKeyByHash(ctx, k1.Hash)
			must(t, "find key", err)
			if !got1.Revoked() || !got1.RevokedAt.Equal(us(at)) {
				t.Errorf("revoked key: got RevokedAt %v, want %v (the first revocation)", got1.RevokedAt, us(at))
			}
			got2, err := tx.FindAPIKeyByHash(ctx, k2.Hash)
			must(t, "find key", err)
			if got2.Revoked() {
				t.Errorf("key another org tried to revoke: got RevokedAt %v, want not revoked", got2.RevokedAt)
			}
		})
	})

	t.Run("Conflicts", func(t *testing.T) {
		s := open(t)
		a := createOrg(t, s, "Halyk Bank", kuzet.OrgBank)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "create key", tx.CreateAPIKey(ctx, newKey(a, "a-secret-1")))
		})
		for _, tc := range []struct {
			name string
			key  *kuzet.APIKey
			code string
		}{
			{"HashTaken", newKey(a, "a-secret-1"), kuzet.ECONFLICT},
			{"UnknownOrg", &kuzet.APIKey{OrgID: a.ID + 100, Role: "bank", Prefix: "x", Hash: hash("x"), CreatedAt: base}, kuzet.ENOTFOUND},
		} {
			t.Run(tc.name, func(t *testing.T) {
				tx, err := s.Begin(t.Context(), true)
				must(t, "begin", err)
				defer tx.Rollback()
				wantCode(t, "create key", tx.CreateAPIKey(t.Context(), tc.key), tc.code)
			})
		}
	})
}
