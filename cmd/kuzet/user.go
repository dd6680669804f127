package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/access"
)

func init() {
	register("user", "manage console users (add, list)", runUser)
}

const userUsage = `Usage: kuzet user SUBCOMMAND [flags]

Subcommands:
  add   add a console user to an organisation; prints the password unless given on standard input
  list  list an organisation's console users

Every subcommand takes --data DIR (SQLite) or --db postgres://… to choose the store.
`

func runUser(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(env.Stdout, userUsage)
		if len(args) == 0 {
			return usagef("a subcommand is required")
		}
		return nil
	}
	switch args[0] {
	case "add":
		return runUserAdd(ctx, env, args[1:])
	case "list":
		return runUserList(ctx, env, args[1:])
	}
	return usagef("unknown subcommand %q (add, list)", args[0])
}

func runUserAdd(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "user add", "user add --org ID|NAME --name NAME [--role ROLE] [--password-stdin] [--totp]",
		"Adds a console user to an organisation. The role is the organisation's type (the default),\n"+
			"as an API key's is. Without --password-stdin a password is made and printed once;\n"+
			"with --totp the user also needs a one-time code, and the otpauth:// URI to load into an\n"+
			"authenticator app is printed once.")
	var so storeOptions
	so.flags(fs)
	var org, name, role string
	var stdin, totp bool
	fs.StringVar(&org, "org", "", "the organisation's `id or name` (see org list)")
	fs.StringVar(&name, "name", "", "the user's sign-in `name`, unique across organisations")
	fs.StringVar(&role, "role", "", "the user's `role`: the organisation's type, which is the default")
	fs.BoolVar(&stdin, "password-stdin", false, "read the password from the first line of standard input")
	fs.BoolVar(&totp, "totp", false, "require a one-time code (RFC 6238) at sign-in")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if org == "" || name == "" {
		return usagef("--org and --name are required")
	}
	password := ""
	if stdin {
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return usagef("--password-stdin: no password on standard input")
		}
		password = strings.TrimRight(line, "\r\n")
	} else {
		password = newPassword()
	}
	store, err := so.open(ctx, env)
	if err != nil {
		return err
	}
	defer store.Close()
	svc := access.NewService(store, kuzet.SystemClock)
	orgID, err := findOrg(ctx, svc, org)
	if err != nil {
		return err
	}
	u, uri, err := svc.CreateUser(ctx, access.UserInput{OrgID: orgID, Name: name, Role: kuzet.Role(role),
		Password: password, TOTP: totp})
	if err != nil {
		return refused(fmt.Sprintf("cannot add user %q", name), err)
	}
	fmt.Fprintf(env.Stdout, "user %d %q in organisation %d (role %s)\n", u.ID, u.Name, u.OrgID, u.Role)
	if uri != "" {
		fmt.Fprintf(env.Stdout, "one-time codes, shown only now: %s\n", uri)
	}
	if !stdin {
		fmt.Fprintf(env.Stdout, "password, shown only now:\n%s\n", password)
	}
	return nil
}

// findOrg resolves an organisation given by ID or by name.
func findOrg(ctx context.Context, svc *access.Service, org string) (int64, error) {
	orgs, err := svc.Orgs(ctx)
	if err != nil {
		return 0, err
	}
	id, _ := strconv.ParseInt(org, 10, 64)
	for _, o := range orgs {
		if o.ID == id || strings.EqualFold(o.Name, org) {
			return o.ID, nil
		}
	}
	return 0, usagef("--org %q: no organisation has that ID or name (see kuzet org list)", org)
}

// newPassword makes a password of 20 characters from an alphabet without
// look-alikes.
func newPassword() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 20)
	rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

func runUserList(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "user list", "user list --org ID|NAME", "Lists an organisation's console users.")
	var so storeOptions
	so.flags(fs)
	var org string
	fs.StringVar(&org, "org", "", "the organisation's `id or name`")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if org == "" {
		return usagef("--org is required")
	}
	store, err := so.openReadOnly(ctx, env)
	if err != nil {
		return err
	}
	defer store.Close()
	svc := access.NewService(store, kuzet.SystemClock)
	orgID, err := findOrg(ctx, svc, org)
	if err != nil {
		return err
	}
	users, err := svc.Users(ctx, orgID)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "USER\tNAME\tROLE\tTOTP\tCREATED")
	for _, u := range users {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%v\t%s\n", u.ID, u.Name, u.Role, len(u.TOTPSecret) > 0, u.CreatedAt.Format("2006-01-02"))
	}
	return tw.Flush()
}
