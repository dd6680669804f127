package kuzet_test

import (
	"context"
	"testing"

	"github.com/kuzet/kuzet"
)

func TestAttributeAudit(t *testing.T) {
	ctx := kuzet.NewContextWithActor(context.Background(), "user:5 aigerim")
	e := &kuzet.AuditEntry{Detail: "phone:+77011234567"}
	empty := &kuzet.AuditEntry{}
	kuzet.AttributeAudit(ctx, e, empty)
	kuzet.AttributeAudit(ctx, e) // once only
	if e.Detail != "phone:+77011234567 [by user:5 aigerim]" {
		t.Errorf("got %q", e.Detail)
	}
	if empty.Detail != "[by user:5 aigerim]" {
		t.Errorf("got %q", empty.Detail)
	}
	other := &kuzet.AuditEntry{Detail: "x"}
	kuzet.AttributeAudit(context.Background(), other)
	if other.Detail != "x" {
		t.Errorf("no actor: got %q, want it unchanged", other.Detail)
	}
}
