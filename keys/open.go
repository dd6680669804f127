package keys

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/audit"
	"github.com/kuzet/kuzet/ident"
)

// legacySetting is where kuzet kept the card-token key in the store before
// key files.
const legacySetting = "card_token_key"

// AuditMigrate is the audit action of the move of a store's keys to the key
// file.
const AuditMigrate = "keys.migrate"

// Open returns the keys of the deployment whose store is store, from the
// key file at path, and whether the store is a legacy one to Migrate. A
// missing file is created when create is set (serve, org add, demo) and
// the store holds nothing yet, or holds its own legacy key; for a store
// that holds data, a missing key file is an error, because new keys would
// leave every card token and audit entry of it unverifiable. Open only
// reads the store.
func Open(ctx context.Context, store kuzet.Store, path string, create bool, log *slog.Logger) (*Keys, bool, error) {
	if log == nil {
		log = slog.Default()
	}
	legacy, head, err := inspect(ctx, store)
	if err != nil {
		return nil, false, err
	}
	k, err := Load(path)
	switch {
	case kuzet.ErrorCode(err) == kuzet.ENOTFOUND && create && (head.Seq == 0 || legacy != nil):
		if k, err = Create(path); err != nil {
			return nil, false, err
		}
		log.Warn("a new key file was created: back it up apart from the store; without it no card token or audit entry can be checked", "path", path)
	case kuzet.ErrorCode(err) == kuzet.ENOTFOUND && head.Seq > 0 && legacy == nil:
		return nil, false, kuzet.Errorf(kuzet.ENOTFOUND, "the store holds data, but its key file %s is missing: restore "+
			"the key file from its backup (new keys would leave every card token and audit entry unverifiable)", path)
	case kuzet.ErrorCode(err) == kuzet.ENOTFOUND:
		return nil, false, kuzet.Errorf(kuzet.ENOTFOUND, "no key file at %s: create one with `kuzet keys init --key-file %s`", path, path)
	case err != nil:
		return nil, false, err
	}
	if legacy != nil && k.CardLegacy != nil && string(k.CardLegacy) != string(legacy) {
		return nil, false, kuzet.Errorf(kuzet.ECONFLICT, "the key file %s belongs to another store: its legacy card key "+
			"differs from the one this store holds", path)
	}
	return k, legacy != nil, nil
}

// inspect reads the legacy card key, if the store holds one, and the
// audit chain's head.
func inspect(ctx context.Context, store kuzet.Store) (legacy []byte, head kuzet.AuditHead, err error) {
	err = kuzet.Transact(ctx, store, false, func(tx kuzet.Tx) error {
		v, err := tx.Setting(ctx, legacySetting)
		if err == nil {
			legacy = v
		} else if kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
			return err
		}
		head, err = tx.AuditHead(ctx)
		return err
	})
	if err != nil {
		return nil, kuzet.AuditHead{}, fmt.Errorf("keys: read the store: %w", err)
	}
	return legacy, head, nil
}

// Migrate moves the keys of a store made by a kuzet before key files out
// to the key file at path, once, in one transaction: such a store keeps
// its card-token key in its settings and chains its audit entries without
// a key. The legacy key goes to the key file (CardLegacy), the stored card
// tokens are keyed again with the key file's card key (so that the legacy
// key, which any copy of the old store holds, reverses none of them), the
// audit chain, verified first, is linked again under the key file's audit
// key, and the legacy key leaves the store. store must be opened with k's
// audit key. A store with nothing to move is left as it is.
func Migrate(ctx context.Context, store kuzet.Store, k *Keys, path string, log *slog.Logger) error {
	if log == nil {
		log = slog.Default()
	}
	legacy, _, err := inspect(ctx, store)
	if err != nil || legacy == nil {
		return err
	}
	return migrate(ctx, store, k, path, legacy, log)
}

// migrate moves a legacy store's keys out (see Migrate).
func migrate(ctx context.Context, store kuzet.Store, k *Keys, path string, legacy []byte, log *slog.Logger) error {
	rep, err := audit.Verify(ctx, store, kuzet.AuditChain{}, nil)
	if err != nil {
		var be *audit.BrokenError
		if errors.As(err, &be) {
			return fmt.Errorf("keys: the store's audit chain is broken before its keys could move out "+
				"(entry %d: %s); nothing was changed", be.Seq, be.Reason)
		}
		return fmt.Errorf("keys: verify the legacy audit chain: %w", err)
	}
	if k.CardLegacy == nil {
		k.CardLegacy = legacy
		if err := k.Save(path); err != nil {
			return err
		}
	}
	var cards, entries int64
	err = kuzet.Transact(ctx, store, true, func(tx kuzet.Tx) (err error) {
		cards, err = tx.RekeyCardTokens(ctx, func(t string) (string, bool) { return ident.RewrapCardToken(t, k.CardToken) })
		if err != nil {
			return err
		}
		if entries, err = tx.RelinkAudit(ctx, k.AuditChain()); err != nil {
			return err
		}
		if err := tx.DeleteSetting(ctx, legacySetting); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: kuzet.SystemClock(), Action: AuditMigrate, Object: "keys",
			Detail: fmt.Sprintf("card tokens rekeyed=%d audit entries relinked=%d verified=%d", cards, entries, rep.Entries)})
	})
	if err != nil {
		return fmt.Errorf("keys: move the store's keys to %s: %w", path, err)
	}
	log.Warn("the store's keys moved to the key file: copies of the store made before today still hold the old card key "+
		"and can reverse the tokens they contain; destroy them", "key_file", path, "card_values_rekeyed", cards,
		"audit_entries_relinked", entries)
	return nil
}
