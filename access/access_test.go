package access_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/access"
	"github.com/kuzet/kuzet/sqlite"
)

func newService(t *testing.T, clock kuzet.Clock) (*access.Service, kuzet.Store) {
	t.Helper()
	store, err := sqlite.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return access.NewService(store, clock), store
}

func TestCreateOrgAndAuthenticate(t *testing.T) {
	ctx := context.Background()
	svc, store := newService(t, kuzet.SystemClock)
	o := &kuzet.Org{Name: " Bank One ", Type: kuzet.OrgBank, BIC: "bankkzka", BankCode: "722"}
	secret, key, err := svc.CreateOrg(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if o.Name != "Bank One" || o.BIC != "BANKKZKA" {
		t.Errorf("got name %q bic %q, want them trimmed and upper-cased", o.Name, o.BIC)
	}
	if !strings.HasPrefix(secret, "kz_") || len(secret) < 40 || key.Role != kuzet.Role(kuzet.OrgBank) {
		t.Errorf("got secret %q role %s", secret, key.Role)
	}
	p, err := svc.Authenticate(ctx, secret)
	if err != nil || p.Org.ID != o.ID {
		t.Fatalf("authenticate: got %v %v", p, err)
	}
	// Only the hash is stored.
	tx, _ := store.Begin(ctx, false)
	defer tx.Rollback()
	keys, _ := tx.FindAPIKeys(ctx, o.ID)
	if len(keys) != 1 || strings.Contains(string(keys[0].Hash), secret) || string(keys[0].Hash) == secret {
		t.Errorf("stored key %+v reveals the secret", keys)
	}
	if _, _, err := svc.CreateOrg(ctx, &kuzet.Org{Name: "Bank One", Type: kuzet.OrgBank}); kuzet.ErrorCode(err) != kuzet.ECONFLICT {
		t.Errorf("duplicate name: got %v, want conflict", err)
	}
}

func TestCreateOrgRejectsBadInput(t *testing.T) {
	svc, _ := newService(t, kuzet.SystemClock)
	for _, o := range []kuzet.Org{
		{Name: "", Type: kuzet.OrgBank},
		{Name: "X", Type: "bakery"},
		{Name: "X", Type: kuzet.OrgBank, BankCode: "72"},
		{Name: "X", Type: kuzet.OrgBank, BIC: "ABC"},
		{Name: "X", Type: kuzet.OrgTelco, Prefixes: []string{"77a1"}},
	} {
		if _, _, err := svc.CreateOrg(context.Background(), &o); kuzet.ErrorCode(err) != kuzet.EINVALID {
			t.Errorf("org %+v: got %v, want invalid", o, err)
		}
	}
}

func TestAuthenticateRejects(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	svc, store := newService(t, func() time.Time { return now })
	o := &kuzet.Org{Name: "Police", Type: kuzet.OrgPolice}
	secret, key, err := svc.CreateOrg(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"", "kz_nope", "not-a-kuzet-key", "kz_" + strings.Repeat("a", 200)} {
		if _, err := svc.Authenticate(ctx, bad); kuzet.ErrorCode(err) != kuzet.EUNAUTHORIZED {
			t.Errorf("key %q: got %v, want unauthorized", bad, err)
		}
	}
	if _, err := svc.Authenticate(ctx, secret); err != nil {
		t.Fatal(err)
	}

	// Revoked by another process (the command line): the running service
	// notices once its cache entry expires.
	other := access.NewService(store, kuzet.SystemClock)
	if err := other.RevokeKey(ctx, o.ID, key.ID); err != nil {
		t.Fatal(err)
	}
	now = now.Add(10 * time.Second)
	if _, err := svc.Authenticate(ctx, secret); kuzet.ErrorCode(err) != kuzet.EUNAUTHORIZED {
		t.Errorf("revoked key: got %v, want unauthorized", err)
	}

	// Revoked through this service: at once.
	secret2, key2, err := svc.CreateKey(ctx, o.ID, kuzet.Role(kuzet.OrgPolice))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Authenticate(ctx, secret2); err != nil {
		t.Fatal(err)
	}
	if err := svc.RevokeKey(ctx, o.ID, key2.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Authenticate(ctx, secret2); kuzet.ErrorCode(err) != kuzet.EUNAUTHORIZED {
		t.Errorf("key revoked here: got %v, want unauthorized at once", err)
	}
	if err := svc.RevokeKey(ctx, o.ID+1, key2.ID); kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
		t.Errorf("revoking another org's key: got %v, want not found", err)
	}
	if _, _, err := svc.CreateKey(ctx, o.ID, "admin"); kuzet.ErrorCode(err) != kuzet.EINVALID {
		t.Errorf("unknown role: got %v, want invalid", err)
	}
}
