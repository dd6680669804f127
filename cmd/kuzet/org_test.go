package main

import (
	"context"
	"strings"
	"testing"
)

// TestOrgRefusals runs every way `kuzet org` refuses what it is asked and
// checks that the administrator reads a sentence saying what could not be
// done and why, never a dump of an error value.
func TestOrgRefusals(t *testing.T) {
	data := t.TempDir()
	orgAdd(t, data, "--name", "Bank One", "--type", "bank", "--bic", "BANKKZKA", "--bank-code", "722")
	orgAdd(t, data, "--name", "Operator A", "--type", "telco", "--prefixes", "7701,7775")

	tests := []struct {
		name string
		args []string
		code int
		want string // the first line of standard error
	}{
		{"prefix taken", []string{"add", "--name", "Operator C", "--type", "telco", "--prefixes", "7701"}, 1,
			`kuzet org add: cannot add "Operator C": prefix 7701 of Operator C is already Operator A's`},
		{"prefix inside another's", []string{"add", "--name", "Operator C", "--type", "telco", "--prefixes", "7702,77012"}, 1,
			`kuzet org add: cannot add "Operator C": prefix 77012 of Operator C lies within 7701, which is Operator A's`},
		{"prefix around another's", []string{"add", "--name", "Operator C", "--type", "telco", "--prefixes", "+770"}, 1,
			`kuzet org add: cannot add "Operator C": prefix 770 of Operator C covers 7701, which is Operator A's`},
		{"bank code taken", []string{"add", "--name", "Bank Dup", "--type", "bank", "--bic", "BANKKZKX", "--bank-code", "722"}, 1,
			`kuzet org add: cannot add "Bank Dup": bank code 722 is already Bank One's`},
		{"BIC of the same bank", []string{"add", "--name", "Bank Dup", "--type", "bank", "--bic", "BANKKZKAXXX"}, 1,
			`kuzet org add: cannot add "Bank Dup": BIC BANKKZKAXXX names the same bank as Bank One's BIC BANKKZKA`},
		{"name taken", []string{"add", "--name", "Bank One", "--type", "bank"}, 1,
			`kuzet org add: cannot add "Bank One": the name "Bank One" is already taken (organisation 1)`},
		{"prefixes on police", []string{"add", "--name", "Police X", "--type", "police", "--prefixes", "7702"}, 2,
			`kuzet org add: cannot add "Police X": --prefixes: only a telco holds numbering ranges, not a police organisation`},
		{"BIC on a telco", []string{"add", "--name", "Operator X", "--type", "telco", "--bic", "BANKKZKC"}, 2,
			`kuzet org add: cannot add "Operator X": --bic: only a bank has a BIC, not a telco organisation`},
		{"bad type", []string{"add", "--name", "X", "--type", "bakery"}, 2,
			`kuzet org add: cannot add "X": --type: type "bakery" is not one of bank, telco, police, regulator, partner, public`},
		{"bad BIC", []string{"add", "--name", "X", "--type", "bank", "--bic", "ABC"}, 2,
			`kuzet org add: cannot add "X": --bic: a BIC has 8 or 11 characters`},
		{"bad prefix", []string{"add", "--name", "X", "--type", "telco", "--prefixes", "7702,77a1"}, 2,
			`kuzet org add: cannot add "X": --prefixes: prefix "77a1" is not a run of up to 15 E.164 digits`},
		{"key for no organisation", []string{"add-key", "--org", "99"}, 1,
			`kuzet org add-key: cannot make a key for organisation 99: there is no organisation 99`},
		{"key with another role", []string{"add-key", "--org", "1", "--role", "police"}, 2,
			`kuzet org add-key: cannot make a key for organisation 1: --role: Bank One is a bank organisation, so its keys have the role bank, not "police"`},
		{"revoke for no organisation", []string{"revoke-key", "--org", "99", "--key", "1"}, 1,
			`kuzet org revoke-key: cannot revoke key 1: there is no organisation 99`},
		{"revoke no such key", []string{"revoke-key", "--org", "1", "--key", "99"}, 1,
			`kuzet org revoke-key: cannot revoke key 99: organisation 1 has no key 99`},
		{"revoke another's key", []string{"revoke-key", "--org", "1", "--key", "2"}, 1,
			`kuzet org revoke-key: cannot revoke key 2: organisation 1 has no key 2`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env, out, errb := testEnv()
			args := append([]string{"org", tc.args[0], "--data", data}, tc.args[1:]...)
			code := run(context.Background(), env, args)
			first, _, _ := strings.Cut(errb.String(), "\n")
			if code != tc.code || first != tc.want {
				t.Errorf("exit %d, stderr %q; want exit %d, %q", code, errb, tc.code, tc.want)
			}
			if strings.Contains(errb.String(), "code=") || strings.Contains(errb.String(), "kuzet error") {
				t.Errorf("stderr %q shows an error value, want a sentence", errb)
			}
			if out.Len() != 0 {
				t.Errorf("stdout %q, want nothing (no key)", out)
			}
		})
	}
	// add-key without --role makes a key of the organisation's type.
	env, out, errb := testEnv()
	if code := run(context.Background(), env, []string{"org", "add-key", "--data", data, "--org", "2"}); code != 0 ||
		!strings.Contains(out.String(), "(role telco)") {
		t.Errorf("add-key: exit %d, stdout %q, stderr %q; want a telco key", code, out, errb)
	}
}
