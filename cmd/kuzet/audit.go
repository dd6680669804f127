package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/kuzet/kuzet/audit"
)

func init() {
	register("audit", "verify the hash-chained audit log (audit verify)", runAudit)
}

func runAudit(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] != "verify" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintln(env.Stdout, "Usage: kuzet audit verify [--data DIR | --db URL]\n\nChecks the audit chain; exits 0 only if it is intact.")
			return nil
		}
		return usagef("usage: kuzet audit verify [--data DIR | --db URL]")
	}
	fs := newFlagSet(env, "audit verify", "audit verify [--data DIR | --db URL]",
		"Walks the whole audit chain: every entry's hash, its link to the one before, no gaps,\n"+
			"and the recorded head. Exits 0 only if the chain is intact; otherwise names the first\n"+
			"broken entry and exits 1.")
	var so storeOptions
	so.flags(fs)
	if err := parseFlags(env, fs, args[1:]); err != nil {
		return err
	}
	store, err := so.open(ctx, env)
	if err != nil {
		return err
	}
	defer store.Close()
	rep, err := audit.Verify(ctx, store)
	var be *audit.BrokenError
	if errors.As(err, &be) {
		fmt.Fprintf(env.Stdout, "audit chain BROKEN at entry %d: %s (%d entries verified before it)\n", be.Seq, be.Reason, rep.Entries)
		return fmt.Errorf("audit chain broken at entry %d", be.Seq)
	} else if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "audit chain intact: %d entries, head %d %x\n", rep.Entries, rep.Head.Seq, rep.Head.Hash)
	return nil
}
