package access_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/access"
	"github.com/kuzet/kuzet/postgres"
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
	svc, store := newService(t, kuzet.SystemClock)
	for _, o := range []kuzet.Org{
		{Name: "", Type: kuzet.OrgBank},
		{Name: "X", Type: "bakery"},
		{Name: "X", Type: kuzet.OrgBank, BankCode: "72"},
		{Name: "X", Type: kuzet.OrgBank, BIC: "ABC"},
		{Name: "X", Type: kuzet.OrgTelco, Prefixes: []string{"77a1"}},
		// Flags that do not belong to the type.
		{Name: "Police X", Type: kuzet.OrgPolice, Prefixes: []string{"7702"}},
		{Name: "X", Type: kuzet.OrgTelco, BIC: "BANKKZKA"},
		{Name: "X", Type: kuzet.OrgTelco, BankCode: "722"},
		{Name: "X", Type: kuzet.OrgRegulator, BankCode: "722"},
		{Name: "X", Type: kuzet.OrgBank, Prefixes: []string{"7702"}},
	} {
		if _, _, err := svc.CreateOrg(context.Background(), &o); kuzet.ErrorCode(err) != kuzet.EINVALID {
			t.Errorf("org %+v: got %v, want invalid", o, err)
		}
	}
	if n := countOrgs(t, store); n != 0 {
		t.Errorf("got %d organisations stored, want none", n)
	}
}

func countOrgs(t *testing.T, store kuzet.Store) int {
	t.Helper()
	var n int
	err := kuzet.Transact(context.Background(), store, false, func(tx kuzet.Tx) error {
		orgs, err := tx.FindOrgs(context.Background())
		n = len(orgs)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCreateOrgRefusesClashes checks that an organisation that would share
// a numbering range, a bank code or a bank's BIC with another is refused
// with a sentence naming the other, and leaves nothing behind.
func TestCreateOrgRefusesClashes(t *testing.T) {
	ctx := context.Background()
	svc, store := newService(t, kuzet.SystemClock)
	for _, o := range []*kuzet.Org{
		{Name: "Bank One", Type: kuzet.OrgBank, BIC: "BANKKZKA", BankCode: "722"},
		{Name: "Operator A", Type: kuzet.OrgTelco, Prefixes: []string{"7701", "7775"}},
	} {
		if _, _, err := svc.CreateOrg(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	head := func() int64 {
		var h kuzet.AuditHead
		kuzet.Transact(ctx, store, false, func(tx kuzet.Tx) (err error) { h, err = tx.AuditHead(ctx); return err })
		return h.Seq
	}
	before := head()
	tests := []struct {
		name string
		org  kuzet.Org
		want string
	}{
		{"same prefix", kuzet.Org{Name: "Operator C", Type: kuzet.OrgTelco, Prefixes: []string{"7701"}},
			"prefix 7701 of Operator C is already Operator A's"},
		{"prefix inside another's", kuzet.Org{Name: "Operator C", Type: kuzet.OrgTelco, Prefixes: []string{"7702", "77012"}},
			"prefix 77012 of Operator C lies within 7701, which is Operator A's"},
		{"prefix around another's", kuzet.Org{Name: "Operator C", Type: kuzet.OrgTelco, Prefixes: []string{"770"}},
			"prefix 770 of Operator C covers 7701, which is Operator A's"},
		{"same prefix with a plus", kuzet.Org{Name: "Operator C", Type: kuzet.OrgTelco, Prefixes: []string{"+7775"}},
			"prefix 7775 of Operator C is already Operator A's"},
		{"same bank code", kuzet.Org{Name: "Bank Dup", Type: kuzet.OrgBank, BIC: "BANKKZKX", BankCode: "722"},
			"bank code 722 is already Bank One's"},
		{"same BIC", kuzet.Org{Name: "Bank Dup", Type: kuzet.OrgBank, BIC: "bankkzka", BankCode: "826"},
			"BIC BANKKZKA is already Bank One's"},
		{"same bank, branch BIC", kuzet.Org{Name: "Bank Dup", Type: kuzet.OrgBank, BIC: "BANKKZKAXXX"},
			"BIC BANKKZKAXXX names the same bank as Bank One's BIC BANKKZKA"},
		{"same name", kuzet.Org{Name: "Bank One", Type: kuzet.OrgBank},
			`the name "Bank One" is already taken (organisation 1)`},
		{"same name in capitals", kuzet.Org{Name: "BANK ONE", Type: kuzet.OrgPartner},
			`the name "BANK ONE" is already taken, as "Bank One" (organisation 1)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := tc.org
			_, _, err := svc.CreateOrg(ctx, &o)
			if kuzet.ErrorCode(err) != kuzet.ECONFLICT || kuzet.ErrorMessage(err) != tc.want {
				t.Errorf("got %v, want %s %q", err, kuzet.ECONFLICT, tc.want)
			}
			if o.ID != 0 {
				t.Errorf("refused organisation: got ID %d, want 0", o.ID)
			}
		})
	}
	if n := countOrgs(t, store); n != 2 {
		t.Errorf("got %d organisations stored, want 2", n)
	}
	if got := head(); got != before {
		t.Errorf("audit head: got %d, want %d (nothing written for refusals)", got, before)
	}
	// Neighbouring ranges and other banks are welcome.
	for _, o := range []*kuzet.Org{
		{Name: "Operator B", Type: kuzet.OrgTelco, Prefixes: []string{"7702", "7700", "7776"}},
		{Name: "Bank Two", Type: kuzet.OrgBank, BIC: "BANKKZKB", BankCode: "826"},
	} {
		if _, _, err := svc.CreateOrg(ctx, o); err != nil {
			t.Errorf("%s: got %v, want it created", o.Name, err)
		}
	}
}

// TestCreateOrgConcurrently starts organisations whose ranges all overlap
// at once, through services of their own as separate `kuzet org add`
// processes would be: exactly one may pass. Nested ranges are no unique
// key a store could refuse, so this is the service's check and insert
// being one serialised transaction. On PostgreSQL too when
// KUZET_TEST_POSTGRES is set.
func TestCreateOrgConcurrently(t *testing.T) {
	stores := map[string]func(t *testing.T) func() kuzet.Store{
		"sqlite": func(t *testing.T) func() kuzet.Store {
			dir := t.TempDir()
			return func() kuzet.Store {
				s, err := sqlite.Open(context.Background(), dir)
				return mustOpen(t, s, err)
			}
		},
		"postgres": func(t *testing.T) func() kuzet.Store {
			url := postgresSchema(t)
			return func() kuzet.Store {
				s, err := postgres.Open(context.Background(), url)
				return mustOpen(t, s, err)
			}
		},
	}
	for name, newStore := range stores {
		t.Run(name, func(t *testing.T) {
			open := newStore(t)
			open().Close() // migrate once, before the race
			const n = 6
			errs := make(chan error, n)
			start := make(chan struct{})
			for i := range n {
				svc := access.NewService(open(), kuzet.SystemClock)
				go func() {
					<-start
					// 7701, 77015, 770155, …: each overlaps every other.
					_, _, err := svc.CreateOrg(context.Background(), &kuzet.Org{Name: fmt.Sprintf("Operator %d", i),
						Type: kuzet.OrgTelco, Prefixes: []string{"7701" + strings.Repeat("5", i)}})
					errs <- err
				}()
			}
			close(start)
			ok := 0
			for range n {
				switch err := <-errs; kuzet.ErrorCode(err) {
				case "":
					ok++
				case kuzet.ECONFLICT:
				default:
					t.Errorf("got %v, want success or %s", err, kuzet.ECONFLICT)
				}
			}
			if ok != 1 {
				t.Errorf("got %d organisations created, want exactly 1", ok)
			}
			if got := countOrgs(t, open()); got != ok {
				t.Errorf("got %d organisations stored, want %d", got, ok)
			}
		})
	}
}

func mustOpen(t *testing.T, s kuzet.Store, err error) kuzet.Store {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// postgresSchema returns a URL of the server named by KUZET_TEST_POSTGRES
// whose connections use a fresh schema, dropped at cleanup; it skips the
// test when the variable is not set.
func postgresSchema(t *testing.T) string {
	base := os.Getenv("KUZET_TEST_POSTGRES")
	if base == "" {
		t.Skip("KUZET_TEST_POSTGRES is not set")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to %s: %v", base, err)
	}
	schema := "kuzet_test_" + strings.ToLower(rand.Text())
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema: %v", err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("KUZET_TEST_POSTGRES must be a postgres:// URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
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

// TestCreateKeyRoleIsTheOrgType checks that no key is minted with rights
// its organisation does not have: a bank's key with the police's role would
// read every case.
func TestCreateKeyRoleIsTheOrgType(t *testing.T) {
	ctx := context.Background()
	svc, _ := newService(t, kuzet.SystemClock)
	bank := &kuzet.Org{Name: "Bank One", Type: kuzet.OrgBank}
	if _, _, err := svc.CreateOrg(ctx, bank); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		role kuzet.Role
		code string
	}{
		{"", ""},
		{kuzet.Role(kuzet.OrgBank), ""},
		{kuzet.Role(kuzet.OrgPolice), kuzet.EINVALID},
		{kuzet.Role(kuzet.OrgRegulator), kuzet.EINVALID},
		{"admin", kuzet.EINVALID},
	}
	for _, tc := range tests {
		t.Run(string(tc.role), func(t *testing.T) {
			secret, key, err := svc.CreateKey(ctx, bank.ID, tc.role)
			if got := kuzet.ErrorCode(err); got != tc.code {
				t.Fatalf("got %v, want code %q", err, tc.code)
			}
			if tc.code != "" {
				return
			}
			if key.Role != kuzet.Role(kuzet.OrgBank) {
				t.Errorf("role: got %s, want bank", key.Role)
			}
			if p, err := svc.Authenticate(ctx, secret); err != nil || p.Key.Role != kuzet.Role(kuzet.OrgBank) {
				t.Errorf("authenticate: got %v %v, want a bank key", p, err)
			}
		})
	}
	_, _, err := svc.CreateKey(ctx, bank.ID, kuzet.Role(kuzet.OrgPolice))
	if want := `Bank One is a bank organisation, so its keys have the role bank, not "police"`; kuzet.ErrorMessage(err) != want {
		t.Errorf("message: got %q, want %q", kuzet.ErrorMessage(err), want)
	}
	if _, _, err := svc.CreateKey(ctx, bank.ID+100, ""); kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
		t.Errorf("unknown organisation: got %v, want %s", err, kuzet.ENOTFOUND)
	}
}
