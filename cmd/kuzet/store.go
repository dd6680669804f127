package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/sqlstore"
	"github.com/kuzet/kuzet/keys"
	"github.com/kuzet/kuzet/postgres"
	"github.com/kuzet/kuzet/sqlite"
)

// storeOptions are the flags that choose the store and its key file,
// shared by the command-line tools.
type storeOptions struct {
	data, db, keyFile string
	keys              *keys.Keys // set by open
}

func (o *storeOptions) flags(fs *flag.FlagSet) {
	o.data = "kuzet-data"
	fs.StringVar(&o.data, "data", o.data, "data `directory` of the embedded SQLite store")
	fs.StringVar(&o.db, "db", "", "PostgreSQL `URL` (postgres://…); overrides --data")
	keyFileFlag(fs, &o.keyFile)
}

// keyFileFlag adds --key-file.
func keyFileFlag(fs *flag.FlagSet, p *string) {
	fs.StringVar(p, "key-file", *p, "the deployment's key `file` (card-token and audit keys), kept outside the store;\n"+
		"default: KUZET_KEY_FILE, else DIR.key beside the --data directory (required with --db)")
}

// env fills what the flags left empty from KUZET_DB and KUZET_KEY_FILE.
func (o *storeOptions) env(env *Env) {
	if o.db == "" {
		o.db = env.Getenv("KUZET_DB")
	}
	if o.keyFile == "" {
		o.keyFile = env.Getenv(keys.EnvVar)
	}
}

// open opens an existing store for writing, with the keys of its key
// file, moved out of a store made before key files. A --data directory
// holding no store is an error: nothing is created.
func (o *storeOptions) open(ctx context.Context, env *Env) (kuzet.Store, error) {
	o.env(env)
	if o.db == "" {
		if _, err := os.Stat(filepath.Join(o.data, sqlite.FileName)); err != nil {
			return nil, kuzet.Errorf(kuzet.ENOTFOUND, "no kuzet store in %s", o.data)
		}
	}
	return o.openKeys(ctx, env, false)
}

// create opens the store for writing, creating it and its key file if they
// do not exist yet (org add).
func (o *storeOptions) create(ctx context.Context, env *Env) (kuzet.Store, error) {
	o.env(env)
	return o.openKeys(ctx, env, true)
}

func (o *storeOptions) openKeys(ctx context.Context, env *Env, create bool) (kuzet.Store, error) {
	log := slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	store, k, err := openKeyed(ctx, o.data, o.db, o.keyFile, create, log)
	if err != nil {
		return nil, err
	}
	o.keys = k
	return store, nil
}

// openReadOnly opens an existing store for reading only, and its keys:
// nothing is created, migrated or written.
func (o *storeOptions) openReadOnly(ctx context.Context, env *Env) (kuzet.Store, error) {
	o.env(env)
	path, err := keyFilePath(o.keyFile, o.data, o.db)
	if err != nil {
		return nil, err
	}
	var store kuzet.Store
	if o.db != "" {
		store, err = postgres.Open(ctx, o.db, postgres.ReadOnly())
	} else {
		store, err = sqlite.Open(ctx, o.data, sqlite.ReadOnly())
	}
	if err != nil {
		return nil, fmt.Errorf("open the store: %w", err)
	}
	if o.keys, err = keys.Load(path); err != nil {
		store.Close()
		return nil, err
	}
	return store, nil
}

// keyFilePath returns the key file's path: the one given, else the
// default beside a SQLite data directory.
func keyFilePath(keyFile, data, db string) (string, error) {
	switch {
	case keyFile != "":
		return keyFile, nil
	case db != "":
		return "", usagef("--key-file (or %s) is required with --db: the keys are kept outside the database", keys.EnvVar)
	}
	return keys.DefaultPath(data), nil
}

// openKeyed opens PostgreSQL when db is set, else SQLite in data, with the
// audit chain keyed by the deployment's key file (see keys.Open), and moves
// a legacy store's keys out to the key file.
func openKeyed(ctx context.Context, data, db, keyFile string, create bool, log *slog.Logger, opts ...sqlstore.Option) (kuzet.Store, *keys.Keys, error) {
	path, err := keyFilePath(keyFile, data, db)
	if err != nil {
		return nil, nil, err
	}
	probe, err := openStore(ctx, data, db)
	if err != nil {
		return nil, nil, err
	}
	k, legacy, err := keys.Open(ctx, probe, path, create, log)
	probe.Close()
	if err != nil {
		return nil, nil, err
	}
	store, err := openStore(ctx, data, db, append(opts, sqlstore.AuditKey(k.AuditMAC))...)
	if err != nil {
		return nil, nil, err
	}
	if legacy {
		if err := keys.Migrate(ctx, store, k, path, log); err != nil {
			store.Close()
			return nil, nil, err
		}
	}
	return store, k, nil
}

// openStore opens PostgreSQL when db is set, else SQLite in data, with
// opts (without sqlstore.AuditKey: reading only what needs no key).
func openStore(ctx context.Context, data, db string, opts ...sqlstore.Option) (kuzet.Store, error) {
	if db != "" {
		s, err := postgres.Open(ctx, db, opts...)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		return s, nil
	}
	s, err := sqlite.Open(ctx, data, opts...)
	if err != nil {
		return nil, fmt.Errorf("open sqlite in %s: %w", data, err)
	}
	return s, nil
}
