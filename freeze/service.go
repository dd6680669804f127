package freeze

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/registry"
)

// Config sets up a Service. Zero fields take the defaults in brackets.
type Config struct {
	Store kuzet.Store // required
	// Registry takes the identifiers of reports and of onward transfers as
	// low-confidence reports in the filer's name; nil reports none.
	Registry *registry.Service
	Parser   *ident.Parser // parses report indicators; its CardKey tokenizes cards [zero Parser]
	Clock    kuzet.Clock   // [kuzet.SystemClock]
	Audit    kuzet.Auditor // records reads of reports [kuzet.StoreAuditor(Store)]
	Logger   *slog.Logger  // [slog.Default()]

	// Webhooks is where organisations may point their webhooks [https to
	// public addresses only]. The sender (package webhook) must be given
	// the same policy.
	Webhooks *WebhookPolicy

	// Cases files each report into a case inside the report's own
	// transaction (package cases); nil gives each report a case ID of its
	// own and nothing more.
	Cases CaseFiler

	Deadline   time.Duration // a bank's time to answer a freeze request [30 min]
	FreezeDays int           // business days a freeze holds at most [5]
	MaxHops    int           // depth of a freeze trail at most [10]
}

// Service is the victims' side of the anti-fraud centre: a victim's report
// raises a freeze request at each bank that received the money, a bank's
// answer with onward transfers raises the next hop's, banks are pushed
// their requests by webhook, and the police see the whole trail. Every
// change is written with its audit entry in one transaction. The caller
// checks permissions; the Service checks tenancy.
type Service struct {
	store    kuzet.Store
	registry *registry.Service
	parser   *ident.Parser
	clock    kuzet.Clock
	audit    kuzet.Auditor
	log      *slog.Logger
	webhooks *WebhookPolicy
	cases    CaseFiler

	deadline   time.Duration
	freezeDays int
	maxHops    int
}

// NewService returns a service over cfg.
func NewService(cfg Config) *Service {
	s := &Service{store: cfg.Store, registry: cfg.Registry, parser: cfg.Parser, clock: cfg.Clock, audit: cfg.Audit,
		log: cfg.Logger, webhooks: cfg.Webhooks, cases: cfg.Cases, deadline: cfg.Deadline, freezeDays: cfg.FreezeDays, maxHops: cfg.MaxHops}
	if s.parser == nil {
		s.parser = &ident.Parser{}
	}
	if s.clock == nil {
		s.clock = kuzet.SystemClock
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.audit == nil {
		s.audit = kuzet.StoreAuditor(s.store)
	}
	if s.deadline <= 0 {
		s.deadline = 30 * time.Minute
	}
	if s.freezeDays <= 0 {
		s.freezeDays = 5
	}
	if s.maxHops <= 0 {
		s.maxHops = 10
	}
	return s
}

// CaseFiler files a victim's report into a case, in the transaction that
// stores the report: it sets r.CaseID. The cases service is one.
type CaseFiler interface {
	FileReport(ctx context.Context, tx kuzet.Tx, r *kuzet.VictimReport) (*kuzet.CaseFiling, error)
}

// OnwardLinker is a CaseFiler that also follows the trail: told, inside the
// transaction that records a bank's answer, where the money went on from
// the account of request r. The cases service is one: the onward accounts
// join the link graph.
type OnwardLinker interface {
	LinkOnward(ctx context.Context, tx kuzet.Tx, r *kuzet.FreezeRequest, onward []kuzet.Transfer) error
}

// submit reports identifiers to the registry in orgID's name. Items the
// registry refuses are logged, not returned: the use case that produced
// them has already succeeded.
func (s *Service) submit(ctx context.Context, orgID int64, subs []registry.Submission) error {
	if s.registry == nil || len(subs) == 0 {
		return nil
	}
	results, err := s.registry.Submit(ctx, orgID, subs)
	if err != nil {
		return err
	}
	for i, res := range results {
		if res.Err != nil {
			s.log.Warn("freeze: identifier not reported to the registry", "kind", subs[i].Kind,
				"category", subs[i].Category, "err", res.Err)
		}
	}
	return nil
}

// wrap adds context to an error that is not the client's.
func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	if kuzet.ErrorCode(err) != kuzet.EINTERNAL {
		return err
	}
	return fmt.Errorf("freeze: %s: %w", what, err)
}
