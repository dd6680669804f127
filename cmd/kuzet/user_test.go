package main

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/kuzet/kuzet/access"
)

func TestUserAdd(t *testing.T) {
	access.BcryptCost = bcrypt.MinCost
	data := t.TempDir()
	orgAdd(t, data, "--name", "Cyber Police", "--type", "police")
	env, out, errb := testEnv()
	if code := run(context.Background(), env, []string{"user", "add", "--data", data, "--org", "Cyber Police", "--name", "aigerim", "--totp"}); code != 0 {
		t.Fatalf("user add: exit %d: %s", code, errb)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 4 || !strings.Contains(lines[1], "otpauth://totp/kuzet:aigerim?secret=") || len(lines[3]) != 20 {
		t.Fatalf("user add printed:\n%s\nwant the user, the otpauth URI and a 20-character password", out)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"taken name", []string{"--org", "1", "--name", "aigerim"}, "user add: cannot add user \"aigerim\""},
		{"another role", []string{"--org", "1", "--name", "erlan", "--role", "bank"}, "role \"bank\" is not the organisation's"},
		{"unknown organisation", []string{"--org", "Nobody", "--name", "erlan"}, "no organisation has that ID or name"},
		{"no name", []string{"--org", "1"}, "--org and --name are required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env, _, errb := testEnv()
			if code := run(context.Background(), env, append([]string{"user", "add", "--data", data}, tc.args...)); code == 0 {
				t.Fatalf("exit 0, want a refusal")
			}
			if !strings.Contains(errb.String(), tc.want) {
				t.Errorf("stderr %q, want %q", errb, tc.want)
			}
		})
	}
	env, out, _ = testEnv()
	if code := run(context.Background(), env, []string{"user", "list", "--data", data, "--org", "1"}); code != 0 || !strings.Contains(out.String(), "aigerim") {
		t.Errorf("user list: exit %d: %s", code, out)
	}
}
