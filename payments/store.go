package payments

import (
	"context"

	"github.com/kuzet/kuzet"
)

// Tx is the part of a store transaction that payments uses.
type Tx interface {
	kuzet.OrgStore
	kuzet.AuditStore
	kuzet.PaymentStore
	kuzet.FreezeStore
	kuzet.WebhookStore
}

// StoreFunc runs fn in one transaction of the system of record, committing
// if fn returns nil, reading only if writable is false. Writable
// transactions must be serialized against each other where the database
// needs it: freeze answers read a request's state and then change it.
// TxStore makes one of a kuzet.Store; tests pass an in-memory one.
type StoreFunc func(ctx context.Context, writable bool, fn func(Tx) error) error

// TxStore returns a StoreFunc over s, whose transactions must implement Tx
// (EINTERNAL otherwise).
func TxStore(s kuzet.Store) StoreFunc {
	return func(ctx context.Context, writable bool, fn func(Tx) error) error {
		tx, err := s.Begin(ctx, writable)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		ptx, ok := tx.(Tx)
		if !ok {
			return kuzet.Errorf(kuzet.EINTERNAL, "the store keeps no payments")
		}
		if err := fn(ptx); err != nil {
			return err
		}
		if !writable {
			return nil
		}
		return tx.Commit()
	}
}
