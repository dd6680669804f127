package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
)

func testUser(t *testing.T, open func(t *testing.T) kuzet.Store) {
	s := open(t)
	org := &kuzet.Org{Name: "Cyber police", Type: kuzet.OrgPolice, CreatedAt: base}
	u := &kuzet.User{Name: "aigerim", Role: kuzet.Role(kuzet.OrgPolice), PasswordHash: []byte("hash"),
		TOTPSecret: []byte("secret"), CreatedAt: base}
	update(t, s, func(ctx context.Context, tx kuzet.Tx) {
		must(t, "create org", tx.CreateOrg(ctx, org))
		u.OrgID = org.ID
		must(t, "create user", tx.CreateUser(ctx, u))
		// The name is taken in any organisation; the transaction stays usable.
		again := *u
		if err := tx.CreateUser(ctx, &again); kuzet.ErrorCode(err) != kuzet.ECONFLICT {
			t.Errorf("a taken name: got %v, want ECONFLICT", err)
		}
		nobody := kuzet.User{OrgID: org.ID + 100, Name: "nobody", Role: u.Role, PasswordHash: []byte("x"), CreatedAt: base}
		if err := tx.CreateUser(ctx, &nobody); kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
			t.Errorf("an unknown organisation: got %v, want ENOTFOUND", err)
		}
	})
	view(t, s, func(ctx context.Context, tx kuzet.Tx) {
		got, err := tx.FindUserByName(ctx, "aigerim")
		must(t, "find user by name", err)
		same(t, "user", *got, *u)
		got, err = tx.FindUserByID(ctx, u.ID)
		must(t, "find user by ID", err)
		same(t, "user", *got, *u)
		users, err := tx.FindUsers(ctx, org.ID)
		must(t, "find users", err)
		if len(users) != 1 {
			t.Errorf("users of the org: got %d, want 1", len(users))
		}
		if _, err := tx.FindUserByName(ctx, "AIGERIM "); kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
			t.Errorf("another name: got %v, want ENOTFOUND", err)
		}
	})

	b0 := us(base) // sessions keep microseconds
	old := &kuzet.Session{Hash: []byte("old"), UserID: u.ID, CreatedAt: b0, SeenAt: b0, ExpiresAt: b0.Add(time.Hour)}
	live := &kuzet.Session{Hash: []byte("live"), UserID: u.ID, CreatedAt: b0, SeenAt: b0.Add(50 * time.Minute),
		ExpiresAt: b0.Add(12 * time.Hour)}
	update(t, s, func(ctx context.Context, tx kuzet.Tx) {
		must(t, "create session", tx.CreateSession(ctx, old))
		must(t, "create session", tx.CreateSession(ctx, live))
		must(t, "touch session", tx.TouchSession(ctx, live.Hash, b0.Add(55*time.Minute)))
		if err := tx.TouchSession(ctx, []byte("gone"), b0); kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
			t.Errorf("touch a missing session: got %v, want ENOTFOUND", err)
		}
		// At b0+70m: old expired; live was seen 15 minutes ago.
		n, err := tx.DeleteSessions(ctx, b0.Add(70*time.Minute), b0.Add(40*time.Minute))
		must(t, "delete sessions", err)
		if n != 1 {
			t.Errorf("deleted %d sessions, want 1", n)
		}
	})
	view(t, s, func(ctx context.Context, tx kuzet.Tx) {
		got, err := tx.FindSession(ctx, live.Hash)
		must(t, "find session", err)
		live.SeenAt = b0.Add(55 * time.Minute)
		same(t, "session", *got, *live)
		if _, err := tx.FindSession(ctx, old.Hash); kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
			t.Errorf("expired session: got %v, want ENOTFOUND", err)
		}
	})
	update(t, s, func(ctx context.Context, tx kuzet.Tx) {
		must(t, "delete session", tx.DeleteSession(ctx, live.Hash))
		must(t, "delete a missing session", tx.DeleteSession(ctx, live.Hash))
	})
}
