package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/keys"
	"github.com/kuzet/kuzet/sqlite"
)

// testPAN is the card the tests report; it passes the Luhn check.
const testPAN = "4400430012345671"

// crack tries every PAN that a stored token's BIN and last 4 allow, with
// the candidate key, and returns the one whose token it is: what a holder
// of a database copy would do with a key found in it.
func crack(token string, key []byte) (string, bool) {
	bin, last4, sum := token[:6], token[7:11], token[12:]
	want, err := hex.DecodeString(sum)
	if err != nil {
		return "", false
	}
	for mid := 0; mid < 1_000_000; mid++ {
		pan := fmt.Sprintf("%s%06d%s", bin, mid, last4)
		if !luhn(pan) {
			continue
		}
		m := hmac.New(sha256.New, key)
		m.Write([]byte(pan))
		if bytes.Equal(m.Sum(nil)[:16], want) {
			return pan, true
		}
	}
	return "", false
}

func luhn(pan string) bool {
	sum := 0
	for i := len(pan) - 1; i >= 0; i-- {
		d := int(pan[i] - '0')
		if (len(pan)-i)%2 == 0 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// storedCardTokens reads a copy of the SQLite file as whoever holds it
// would: every card token and every setting.
func storedCardTokens(t *testing.T, path string) (tokens []string, settings [][]byte) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT value FROM reports WHERE kind = 'card'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var v string
		rows.Scan(&v)
		tokens = append(tokens, v)
	}
	rows.Close()
	rows, err = db.Query(`SELECT value FROM settings`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var v []byte
		rows.Scan(&v)
		settings = append(settings, v)
	}
	rows.Close()
	return tokens, settings
}

// TestDatabaseCopyRevealsNoPAN reports a card through the API, copies the
// database file without the key file, and tries every key the copy holds
// (and none) against the stored token: no PAN comes out. With the key file
// the same search finds the card, so the search itself works.
func TestDatabaseCopyRevealsNoPAN(t *testing.T) {
	root := t.TempDir()
	data, keyFile := filepath.Join(root, "data"), filepath.Join(root, "secrets", "kuzet.key")
	env, _, errb := testEnv()
	args := []string{"org", "add", "--data", data, "--key-file", keyFile, "--name", "Bank One", "--type", "bank"}
	if code := run(context.Background(), env, args); code != 0 {
		t.Fatalf("org add: %s", errb)
	}
	bank := strings.TrimSpace(strings.Split(strings.TrimSpace(env.Stdout.(*bytes.Buffer).String()), "\n")[1])
	m := NewMain(env)
	m.Config.Data, m.Config.KeyFile, m.Config.Addr, m.Config.LogLevel = data, keyFile, "127.0.0.1:0", "error"
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	status, _ := call(t, "POST", m.URL()+"/v1/indicators", bank,
		`{"indicators":[{"kind":"card","value":"`+testPAN+`","category":"mule_account"}]}`)
	if status != 200 {
		t.Fatalf("report a card: status %d", status)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}

	raw, err := os.ReadFile(filepath.Join(data, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(testPAN)) {
		t.Fatal("the database file holds the PAN in clear")
	}
	copyPath := filepath.Join(t.TempDir(), "stolen.db")
	if err := os.WriteFile(copyPath, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	tokens, settings := storedCardTokens(t, copyPath)
	if len(tokens) != 1 {
		t.Fatalf("stored card tokens: got %d, want 1", len(tokens))
	}
	for _, key := range append(settings, nil) {
		if pan, ok := crack(tokens[0], key); ok {
			t.Fatalf("the copy gave up the PAN %s with a key it holds", pan)
		}
	}
	k, err := keys.Load(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	if pan, ok := crack(tokens[0], k.CardToken); !ok || pan != testPAN {
		t.Fatalf("with the key file: got %q %v, want the PAN found (the search is broken)", pan, ok)
	}
}

// TestLegacyStoreMigrates opens a store made before key files (its card
// key in its settings, its audit chain unkeyed): the key moves out, the
// stored token is keyed again and still matches the card, the chain
// verifies under the key, and the store no longer holds the key.
func TestLegacyStoreMigrates(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	data, keyFile := filepath.Join(root, "data"), filepath.Join(root, "kuzet.key")
	legacyKey := bytes.Repeat([]byte{7}, 32)
	old, err := sqlite.Open(ctx, data) // unkeyed, as kuzet wrote before key files
	if err != nil {
		t.Fatal(err)
	}
	card, err := ident.ParseCard(testPAN, legacyKey)
	if err != nil {
		t.Fatal(err)
	}
	err = kuzet.Transact(ctx, old, true, func(tx kuzet.Tx) error {
		if _, err := tx.PutSettingIfAbsent(ctx, "card_token_key", legacyKey); err != nil {
			return err
		}
		o := &kuzet.Org{Name: "Bank One", Type: kuzet.OrgBank}
		if err := tx.CreateOrg(ctx, o); err != nil {
			return err
		}
		r := &kuzet.Report{OrgID: o.ID, Kind: kuzet.KindCard, Value: card.Value, Category: kuzet.CategoryMuleAccount, Confidence: 0.9}
		if err := tx.UpsertReport(ctx, r); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{OrgID: o.ID, Action: kuzet.AuditIndicatorReport, Object: card.Key()})
	})
	if err != nil {
		t.Fatal(err)
	}
	old.Close()

	store, k, err := openKeyed(ctx, data, "", keyFile, true, nil)
	if err != nil {
		t.Fatalf("open the legacy store: %v", err)
	}
	defer store.Close()
	if !bytes.Equal(k.CardLegacy, legacyKey) {
		t.Errorf("the key file's legacy key: got %x, want the store's", k.CardLegacy)
	}
	now, err := ident.ParseCardKeys(testPAN, k.CardToken, k.CardLegacy)
	if err != nil {
		t.Fatal(err)
	}
	err = kuzet.Transact(ctx, store, false, func(tx kuzet.Tx) error {
		if _, err := tx.Setting(ctx, "card_token_key"); kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
			t.Errorf("the legacy key in the store after the migration: got %v, want it gone", err)
		}
		var found bool
		err := tx.ScanReports(ctx, func(r *kuzet.Report) error {
			found = found || r.Value == now.Value
			return nil
		})
		if !found {
			t.Errorf("the stored token does not match the card under the migrated keys")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	env, out, errb := testEnv()
	if code := run(ctx, env, []string{"audit", "verify", "--data", data, "--key-file", keyFile}); code != 0 {
		t.Fatalf("audit verify after the migration: exit %d: %s %s", code, out, errb)
	}
	// Opening again migrates nothing twice.
	store.Close()
	again, _, err := openKeyed(ctx, data, "", keyFile, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	again.Close()
}

// TestKeyFileTraps checks the mistakes an administrator can make with the
// key file: a store with data but its key file lost, a key file readable
// by others, a store opened for verification that does not exist.
func TestKeyFileTraps(t *testing.T) {
	root := t.TempDir()
	data := filepath.Join(root, "data")
	orgAdd(t, data, "--name", "Police", "--type", "police")
	keyFile := keys.DefaultPath(data)
	if err := os.Rename(keyFile, keyFile+".lost"); err != nil {
		t.Fatal(err)
	}
	env, _, errb := testEnv()
	if code := run(context.Background(), env, []string{"org", "add", "--data", data, "--name", "Bank", "--type", "bank"}); code == 0 ||
		!strings.Contains(errb.String(), "key file") {
		t.Errorf("org add with the key file lost: exit %d, %q; want a refusal naming the key file", code, errb)
	}
	if _, err := os.Stat(keyFile); err == nil {
		t.Error("a new key file was made for a store that holds data")
	}
	if err := os.Rename(keyFile+".lost", keyFile); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(keyFile, 0o644); err != nil {
		t.Fatal(err)
	}
	env, _, errb = testEnv()
	if code := run(context.Background(), env, []string{"audit", "verify", "--data", data}); code == 0 ||
		!strings.Contains(errb.String(), "readable by others") {
		t.Errorf("a key file readable by others: exit %d, %q; want a refusal", code, errb)
	}
	missing := filepath.Join(root, "nowhere")
	env, _, _ = testEnv()
	if code := run(context.Background(), env, []string{"audit", "verify", "--data", missing}); code == 0 {
		t.Error("audit verify of a directory that does not exist: exit 0")
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("audit verify created the directory it was given")
	}
}
