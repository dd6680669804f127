package kuzet

import (
	"context"
	"strings"
)

// The actor is the person behind a request, where there is one: a console
// user acts for an organisation, and the audit log names both. An API key
// is the organisation's, so an API request has no actor.

type actorKey struct{}

// NewContextWithActor returns a context whose audited writes and reads name
// actor ("user:5 aigerim") besides the organisation.
func NewContextWithActor(ctx context.Context, actor string) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

// ActorFromContext returns the context's actor, or "".
func ActorFromContext(ctx context.Context) string {
	a, _ := ctx.Value(actorKey{}).(string)
	return a
}

// AttributeAudit appends the context's actor, if any, to each entry's
// Detail: "… [by user:5 aigerim]". Transact does it for every entry a
// transaction appends; an Auditor does it for the reads it records.
func AttributeAudit(ctx context.Context, entries ...*AuditEntry) {
	actor := ActorFromContext(ctx)
	if actor == "" {
		return
	}
	for _, e := range entries {
		if e == nil || strings.HasSuffix(e.Detail, "[by "+actor+"]") {
			continue
		}
		if e.Detail == "" {
			e.Detail = "[by " + actor + "]"
		} else {
			e.Detail += " [by " + actor + "]"
		}
	}
}

// actorTx attributes the audit entries of a transaction begun for an actor.
type actorTx struct {
	Tx
	ctx context.Context
}

func (t actorTx) AppendAudit(ctx context.Context, entries ...*AuditEntry) error {
	AttributeAudit(t.ctx, entries...)
	return t.Tx.AppendAudit(ctx, entries...)
}
