package postgres

import "github.com/kuzet/kuzet"

// Option configures Open.
type Option func(*options)

type options struct {
	readOnly bool
	chain    kuzet.AuditChain
}

// ReadOnly opens an existing database for reading only: Open creates no
// directory or file, applies no migration, and every writable transaction
// fails. Commands that only read (audit verify) use it, so that a mistyped
// --data is an error rather than a fresh empty store.
func ReadOnly() Option { return func(o *options) { o.readOnly = true } }

// AuditKey keys the audit chain's hashes (kuzet.AuditChain) with key, from
// the deployment's key file.
func AuditKey(key []byte) Option { return func(o *options) { o.chain = kuzet.AuditChain{Key: key} } }
