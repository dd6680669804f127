package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/audit"
)

func init() {
	register("audit", "verify and anchor the keyed audit chain (audit verify, audit checkpoint)", runAudit)
}

const auditUsage = `Usage: kuzet audit verify     [--data DIR | --db URL] [--key-file FILE] [--checkpoint FILE]
       kuzet audit checkpoint [--data DIR | --db URL] [--key-file FILE]

verify      checks the audit chain; exits 0 only if it is intact
checkpoint  prints a signed checkpoint of the chain, to be kept elsewhere`

func runAudit(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("a subcommand is required (verify, checkpoint)")
	}
	switch args[0] {
	case "verify":
		return runAuditVerify(ctx, env, args[1:])
	case "checkpoint":
		return runAuditCheckpoint(ctx, env, args[1:])
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(env.Stdout, auditUsage)
		return nil
	}
	return usagef("unknown subcommand %q (verify, checkpoint)", args[0])
}

func runAuditVerify(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "audit verify", "audit verify [--data DIR | --db URL] [--key-file FILE] [--checkpoint FILE]",
		"Walks the whole audit chain in one snapshot: every entry's hash under the key file's audit key,\n"+
			"its link to the one before, no gaps, and the recorded head. With --checkpoint (a file written by\n"+
			"`kuzet audit checkpoint` or taken from the server's log or GET /v1/audit/checkpoint; several\n"+
			"JSON checkpoints, one a line, are allowed) it also proves that the chain still holds each\n"+
			"checkpoint's prefix unchanged: a chain cut short or rebuilt by someone without the key file fails.\n"+
			"The store is opened read-only: nothing is created, migrated or written. Exits 0 only if intact;\n"+
			"otherwise names the first broken entry and exits 1.")
	var so storeOptions
	so.flags(fs)
	var cpFile string
	fs.StringVar(&cpFile, "checkpoint", "", "signed checkpoint `file` to check the chain against")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	var cps []*kuzet.AuditCheckpoint
	if cpFile != "" {
		var err error
		if cps, err = readCheckpoints(cpFile); err != nil {
			return err
		}
	}
	store, err := so.openReadOnly(ctx, env)
	if err != nil {
		return err
	}
	defer store.Close()
	rep, err := audit.Verify(ctx, store, so.keys.AuditChain(), so.keys.AuditPublicKey(), cps...)
	var be *audit.BrokenError
	if errors.As(err, &be) {
		fmt.Fprintf(env.Stdout, "audit chain BROKEN at entry %d: %s (%d entries verified before it)\n", be.Seq, be.Reason, rep.Entries)
		return fmt.Errorf("audit chain broken at entry %d", be.Seq)
	} else if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "audit chain intact: %d entries, head %d %x", rep.Entries, rep.Head.Seq, rep.Head.Hash)
	if len(cps) > 0 {
		fmt.Fprintf(env.Stdout, "; %d signed checkpoint(s) found unchanged", len(cps))
	}
	fmt.Fprintln(env.Stdout)
	return nil
}

// readCheckpoints reads one or more JSON checkpoints, one a line (or one
// document).
func readCheckpoints(path string) ([]*kuzet.AuditCheckpoint, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("checkpoint: %w", err)
	}
	defer f.Close()
	var out []*kuzet.AuditCheckpoint
	dec := json.NewDecoder(f)
	for dec.More() {
		var c kuzet.AuditCheckpoint
		if err := dec.Decode(&c); err != nil {
			return nil, fmt.Errorf("checkpoint %s: not a kuzet audit checkpoint: %w", path, err)
		}
		if len(c.Signature) == 0 {
			return nil, fmt.Errorf("checkpoint %s: the checkpoint carries no signature", path)
		}
		out = append(out, &c)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("checkpoint %s: no checkpoint in the file", path)
	}
	return out, nil
}

func runAuditCheckpoint(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "audit checkpoint", "audit checkpoint [--data DIR | --db URL] [--key-file FILE]",
		"Prints a checkpoint of the audit chain as one JSON line: the head's sequence number and hash and\n"+
			"the time, signed with the key file's Ed25519 key. Keep it elsewhere (print it, mail it, hand it\n"+
			"to a partner): `kuzet audit verify --checkpoint FILE` later proves the chain still holds it.\n"+
			"The chain is verified first; a broken chain gets no checkpoint. Nothing is written to the store.")
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
	if _, err := audit.Verify(ctx, store, so.keys.AuditChain(), so.keys.AuditPublicKey()); err != nil {
		return fmt.Errorf("no checkpoint of a chain that does not verify: %w", err)
	}
	c, err := audit.Checkpoint(ctx, store, so.keys.AuditSigner, kuzet.SystemClock())
	if err != nil {
		return err
	}
	b, err := json.Marshal(c)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s\n", b)
	return nil
}
