package audit

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/kuzet/kuzet"
)

// Page sizes of a query.
const (
	DefaultPage = 100
	MaxPage     = 1000
)

// Config sets up a Service.
type Config struct {
	Store  kuzet.Store        // required
	Audit  kuzet.Auditor      // records the queries themselves [kuzet.StoreAuditor(Store)]
	Signer ed25519.PrivateKey // signs checkpoints; nil: the service makes none
	Clock  kuzet.Clock        // [kuzet.SystemClock]
	Logger *slog.Logger       // [slog.Default()]
}

// Service is the audit log as its readers use it: the police's and the
// regulator's queries (who read or changed what), and the signed
// checkpoints that anchor the chain outside the store.
type Service struct {
	cfg  Config
	last atomic.Pointer[kuzet.AuditCheckpoint]
}

// NewService returns a service over cfg.
func NewService(cfg Config) *Service {
	if cfg.Audit == nil {
		cfg.Audit = kuzet.StoreAuditor(cfg.Store)
	}
	if cfg.Clock == nil {
		cfg.Clock = kuzet.SystemClock
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return &Service{cfg: cfg}
}

// Page is one page of a query: the entries, and the cursor of the next
// page when there may be one.
type Page struct {
	Entries []*kuzet.AuditEntry `json:"entries"`
	Next    string              `json:"next_cursor,omitempty"`
}

// Query returns the entries f selects, a page at a time (f.Limit entries,
// DefaultPage when 0, at most MaxPage), on behalf of orgID. The query is
// itself audited: who looked at the log is in the log. cursor is the Next
// of the previous page, or "". Returns EINVALID for a bad limit, cursor or
// period.
func (s *Service) Query(ctx context.Context, orgID int64, f kuzet.AuditFilter, cursor string) (*Page, error) {
	switch {
	case f.Limit == 0:
		f.Limit = DefaultPage
	case f.Limit < 0 || f.Limit > MaxPage:
		return nil, kuzet.Invalid("limit", "limit must be from 1 to %d", MaxPage)
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return nil, kuzet.Invalid("from", "from must be before to")
	}
	if len(f.Action) > 64 {
		return nil, kuzet.Invalid("action", "action is longer than 64 bytes")
	}
	if cursor != "" {
		seq, err := decodeCursor(cursor)
		if err != nil {
			return nil, kuzet.Invalid("cursor", "cursor is not one this server gave")
		}
		f.AfterSeq = seq
	}
	var entries []*kuzet.AuditEntry
	err := kuzet.Transact(ctx, s.cfg.Store, false, func(tx kuzet.Tx) (err error) {
		entries, err = tx.FindAudit(ctx, f)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("audit: query: %w", err)
	}
	page := &Page{Entries: entries}
	if page.Entries == nil {
		page.Entries = []*kuzet.AuditEntry{}
	}
	if len(entries) == f.Limit {
		page.Next = encodeCursor(entries[len(entries)-1].Seq)
	}
	detail := fmt.Sprintf("%d entries org=%d action=%s", len(entries), f.OrgID, f.Action)
	err = s.cfg.Audit.Record(ctx, &kuzet.AuditEntry{At: s.cfg.Clock(), OrgID: orgID, Action: kuzet.AuditLogRead,
		Object: "audit_log", Detail: kuzet.Clip(detail, 200)})
	if err != nil {
		return nil, fmt.Errorf("audit: record the query: %w", err)
	}
	return page, nil
}

// The cursor is the last sequence number of a page, opaque to clients.
func encodeCursor(seq int64) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(seq))
	return base64.RawURLEncoding.EncodeToString(b[:])
}

func decodeCursor(s string) (int64, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) != 8 {
		return 0, fmt.Errorf("bad cursor")
	}
	seq := int64(binary.BigEndian.Uint64(b))
	if seq < 0 {
		return 0, fmt.Errorf("bad cursor")
	}
	return seq, nil
}

// Checkpoint signs the chain's head as of now, keeps it as the latest, and
// writes it to the log, where it leaves the store's reach.
func (s *Service) Checkpoint(ctx context.Context) (*kuzet.AuditCheckpoint, error) {
	if s.cfg.Signer == nil {
		return nil, kuzet.Errorf(kuzet.EUNAVAILABLE, "audit: no checkpoint key is configured")
	}
	c, err := Checkpoint(ctx, s.cfg.Store, s.cfg.Signer, s.cfg.Clock())
	if err != nil {
		return nil, err
	}
	s.last.Store(c)
	s.cfg.Logger.Info("audit checkpoint", "seq", c.Seq, "hash", fmt.Sprintf("%x", c.Hash),
		"at", c.At.Format(time.RFC3339Nano), "signature", base64.StdEncoding.EncodeToString(c.Signature))
	return c, nil
}

// LastCheckpoint returns the latest checkpoint the service signed, making
// one if it has none yet.
func (s *Service) LastCheckpoint(ctx context.Context) (*kuzet.AuditCheckpoint, error) {
	if c := s.last.Load(); c != nil {
		return c, nil
	}
	return s.Checkpoint(ctx)
}

// CheckpointEvery signs a checkpoint every interval until ctx ends, logging
// failures: the server's anchoring job.
func (s *Service) CheckpointEvery(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := s.Checkpoint(ctx); err != nil && ctx.Err() == nil {
			s.cfg.Logger.Error("audit checkpoint failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
