package sqlstore

import "github.com/kuzet/kuzet"

// Options are what both stores' Open take.
type Options struct {
	ReadOnly  bool             // open an existing database as it is; no migration, no writable transaction
	Chain     kuzet.AuditChain // the audit chain's key
	Ephemeral bool             // a throwaway store: commits need not survive a crash
}

// Option configures a store's Open.
type Option func(*Options)

// ReadOnly opens an existing database for reading only: Open creates no
// directory or file, applies no migration, and every writable transaction
// fails. Commands that only read (audit verify) use it, so that a mistyped
// --data is an error rather than a fresh empty store.
func ReadOnly() Option { return func(o *Options) { o.ReadOnly = true } }

// AuditKey keys the audit chain's hashes (kuzet.AuditChain) with key, from
// the deployment's key file.
func AuditKey(key []byte) Option { return func(o *Options) { o.Chain = kuzet.AuditChain{Key: key} } }

// Ephemeral opens a store that nobody keeps: a replay's private instance,
// removed when the replay ends. SQLite commits without waiting for the
// disk (synchronous OFF); PostgreSQL, whose durability is the server's,
// is unchanged.
func Ephemeral() Option { return func(o *Options) { o.Ephemeral = true } }

// Apply returns the Options that opts set.
func Apply(opts []Option) Options {
	var o Options
	for _, opt := range opts {
		opt(&o)
	}
	return o
}
