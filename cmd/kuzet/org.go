package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/access"
)

func init() {
	register("org", "manage organisations and their API keys (add, list, add-key, revoke-key)", runOrg)
}

const orgUsage = `Usage: kuzet org SUBCOMMAND [flags]

Subcommands:
  add         create an organisation; prints its new API key as the last line
  list        list organisations and their keys
  add-key     make another API key for an organisation (its role is the organisation's type)
  revoke-key  revoke an API key

Every subcommand takes --data DIR (SQLite) or --db postgres://… to choose the store.
A key is shown once: keep it. A running server sees new keys at once, and keys
revoked here within 5 seconds.
`

func runOrg(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(env.Stdout, orgUsage)
		if len(args) == 0 {
			return usagef("a subcommand is required")
		}
		return nil
	}
	switch args[0] {
	case "add":
		return runOrgAdd(ctx, env, args[1:])
	case "list":
		return runOrgList(ctx, env, args[1:])
	case "add-key":
		return runOrgAddKey(ctx, env, args[1:])
	case "revoke-key":
		return runOrgRevokeKey(ctx, env, args[1:])
	}
	return usagef("unknown subcommand %q (add, list, add-key, revoke-key)", args[0])
}

func runOrgAdd(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "org add", "org add --data DIR --name NAME --type TYPE [--bic BIC] [--bank-code NNN] [--prefixes 7701,7702]",
		"Creates an organisation and prints its first API key as the last line of standard output.\n"+
			"TYPE is bank, telco, police, regulator, partner or public; the key's role is the type.\n"+
			"--bic and --bank-code are a bank's only, --prefixes a telco's only. An organisation whose\n"+
			"name, bank code, BIC bank part (first 8 characters) or numbering range (the same, inside\n"+
			"or around another's) is another's is refused, naming the other.")
	var so storeOptions
	so.flags(fs)
	var o kuzet.Org
	var typ, prefixes string
	fs.StringVar(&o.Name, "name", "", "organisation `name` (unique)")
	fs.StringVar(&typ, "type", "", "organisation `type`: bank, telco, police, regulator, partner, public")
	fs.StringVar(&o.BIC, "bic", "", "banks: SWIFT `BIC`")
	fs.StringVar(&o.BankCode, "bank-code", "", "banks: the 3-digit `code` their KZ IBANs carry at positions 5–7")
	fs.StringVar(&prefixes, "prefixes", "", "telcos: numbering `ranges` held, E.164 digits without '+', comma separated")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if o.Name == "" || typ == "" {
		return usagef("--name and --type are required")
	}
	o.Type = kuzet.OrgType(typ)
	for _, p := range strings.Split(prefixes, ",") {
		if p = strings.TrimSpace(p); p != "" { // "7701, 7702," is two ranges
			o.Prefixes = append(o.Prefixes, p)
		}
	}
	store, err := so.create(ctx, env)
	if err != nil {
		return err
	}
	defer store.Close()
	secret, key, err := access.NewService(store, kuzet.SystemClock).CreateOrg(ctx, &o)
	if err != nil {
		return refused(fmt.Sprintf("cannot add %q", o.Name), err)
	}
	fmt.Fprintf(env.Stdout, "organisation %d %q (%s), key %d (role %s); the key, shown only now:\n%s\n",
		o.ID, o.Name, o.Type, key.ID, key.Role, secret)
	return nil
}

func runOrgList(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "org list", "org list [--data DIR | --db URL]", "Lists organisations and their keys (prefixes only).")
	var so storeOptions
	so.flags(fs)
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	store, err := so.openReadOnly(ctx, env)
	if err != nil {
		return err
	}
	defer store.Close()
	svc := access.NewService(store, kuzet.SystemClock)
	orgs, err := svc.Orgs(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ORG\tNAME\tTYPE\tBIC\tBANK CODE\tPREFIXES\tKEYS")
	for _, o := range orgs {
		keys, err := svc.Keys(ctx, o.ID)
		if err != nil {
			return err
		}
		var ks []string
		for _, k := range keys {
			state := "active"
			if k.Revoked() {
				state = "revoked"
			}
			ks = append(ks, fmt.Sprintf("%d:%s…(%s,%s)", k.ID, k.Prefix, k.Role, state))
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", o.ID, o.Name, o.Type, o.BIC, o.BankCode,
			strings.Join(o.Prefixes, ","), strings.Join(ks, " "))
	}
	return tw.Flush()
}

func runOrgAddKey(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "org add-key", "org add-key --org ID [--role ROLE]",
		"Makes another API key for an organisation and prints it as the last line.")
	var so storeOptions
	so.flags(fs)
	var orgID int64
	var role string
	fs.Int64Var(&orgID, "org", 0, "organisation `id` (see org list)")
	fs.StringVar(&role, "role", "", "the key's `role`: always the organisation's type, which is the default")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if orgID == 0 {
		return usagef("--org is required")
	}
	store, err := so.open(ctx, env)
	if err != nil {
		return err
	}
	defer store.Close()
	secret, key, err := access.NewService(store, kuzet.SystemClock).CreateKey(ctx, orgID, kuzet.Role(role))
	if err != nil {
		return refused(fmt.Sprintf("cannot make a key for organisation %d", orgID), err)
	}
	fmt.Fprintf(env.Stdout, "key %d (role %s) for organisation %d, shown only now:\n%s\n", key.ID, key.Role, orgID, secret)
	return nil
}

func runOrgRevokeKey(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "org revoke-key", "org revoke-key --org ID --key ID", "Revokes an API key.")
	var so storeOptions
	so.flags(fs)
	var orgID, keyID int64
	fs.Int64Var(&orgID, "org", 0, "organisation `id`")
	fs.Int64Var(&keyID, "key", 0, "key `id` (see org list)")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if orgID == 0 || keyID == 0 {
		return usagef("--org and --key are required")
	}
	store, err := so.open(ctx, env)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := access.NewService(store, kuzet.SystemClock).RevokeKey(ctx, orgID, keyID); err != nil {
		return refused(fmt.Sprintf("cannot revoke key %d", keyID), err)
	}
	fmt.Fprintf(env.Stdout, "key %d of organisation %d revoked\n", keyID, orgID)
	return nil
}

// flagNames maps the fields of kuzet.Org and of a key to the flags that set
// them, so that a refusal names what the administrator typed.
var flagNames = map[string]string{"name": "--name", "type": "--type", "bic": "--bic", "bank_code": "--bank-code",
	"prefixes": "--prefixes", "role": "--role"}

// refused turns the access service's refusal into a sentence: what could
// not be done, then why, as the service said it. Bad input is a usage
// error naming the flags at fault; a clash or an unknown organisation is a
// plain failure. Other errors (the store) pass through as they are.
func refused(what string, err error) error {
	switch kuzet.ErrorCode(err) {
	case kuzet.EINVALID:
		fields := kuzet.ErrorFields(err)
		if len(fields) == 0 {
			return usagef("%s: %s", what, kuzet.ErrorMessage(err))
		}
		var why []string
		for _, f := range fields {
			name, _, _ := strings.Cut(f.Field, "[") // prefixes[2]: --prefixes
			if flag, ok := flagNames[name]; ok {
				why = append(why, flag+": "+f.Message)
			} else {
				why = append(why, f.Message)
			}
		}
		return usagef("%s: %s", what, strings.Join(why, "; "))
	case kuzet.ECONFLICT, kuzet.ENOTFOUND, kuzet.EFORBIDDEN:
		return fmt.Errorf("%s: %s", what, kuzet.ErrorMessage(err))
	}
	return err
}
