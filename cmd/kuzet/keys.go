package main

import (
	"context"
	"fmt"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/keys"
)

func init() {
	register("keys", "create the deployment's key file (keys init)", runKeys)
}

func runKeys(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("a subcommand is required (init)")
	}
	switch args[0] {
	case "init":
		return runKeysInit(env, args[1:])
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(env.Stdout, "Usage: kuzet keys init --key-file FILE\n\ninit  creates the deployment's key file, if absent")
		return nil
	}
	return usagef("unknown subcommand %q (init)", args[0])
}

func runKeysInit(env *Env, args []string) error {
	fs := newFlagSet(env, "keys init", "keys init --key-file FILE",
		"Creates the deployment's key file with mode 0600: the card-token key, the audit chain's key and\n"+
			"the key that signs audit checkpoints. Keep it outside the store and its backups (a copy of the\n"+
			"database without it reveals no card number and cannot rewrite the audit log unnoticed), and\n"+
			"back it up on its own: without it the store's card tokens and audit entries cannot be checked.\n"+
			"An existing key file is left as it is. Every command takes --key-file or KUZET_KEY_FILE.")
	var path string
	keyFileFlag(fs, &path)
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if path == "" {
		path = env.Getenv(keys.EnvVar)
	}
	if path == "" {
		return usagef("--key-file is required")
	}
	k, err := keys.Create(path)
	if kuzet.ErrorCode(err) == kuzet.ECONFLICT {
		if _, err := keys.Load(path); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "key file %s exists already; left as it is\n", path)
		return nil
	} else if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "key file %s created (mode 0600); audit checkpoints verify with public key %x\n", path, k.AuditPublicKey())
	return nil
}
