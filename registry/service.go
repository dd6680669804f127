package registry

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
)

// Limits on what a client may send.
const (
	MaxBatch    = 10000 // items in one Submit or Check
	MaxEvidence = 4096  // bytes of evidence on one report
	MaxReason   = 1024  // bytes of reason on one allowlist entry
)

// StatusAccepted is the status of a submitted indicator that was stored.
const StatusAccepted = "accepted"

// Service is the registry's use cases. Writes go through the store, with
// their audit entries in the same transaction, and reach the index only
// after commit; reads are answered by the index alone. The caller checks
// permissions.
//
// Set the exported fields before the Service is used.
type Service struct {
	// Changes emits each committed change, in commit order, so that a bus
	// adapter can publish it to the other nodes. Emits are serialized; a
	// subscriber may call Apply, but not the Service's writes, which would
	// wait for it.
	Changes kuzet.Hook[Change]

	// OnLoadProgress, if set, is called by Load every LoadProgressEvery
	// reports and once at the end, so that start-up can log progress.
	OnLoadProgress func(LoadStats)

	store  kuzet.Store
	parser *ident.Parser
	clock  kuzet.Clock
	audit  kuzet.Auditor
	index  *Index

	// mu serializes writes from their transaction to their index update,
	// so that the index sees changes in the order the store committed them.
	// Writes are few (reports are counted in tens of thousands a year) and
	// the store serializes its writers anyway. pub, taken before mu is
	// released, keeps Changes' emits in the same order without holding mu.
	mu  sync.Mutex
	pub sync.Mutex
}

// LoadProgressEvery is how many reports Load reads between calls of
// OnLoadProgress.
const LoadProgressEvery = 1_000_000

// LoadStats counts what Load has read.
type LoadStats struct {
	Reports int  // live reports put into the index
	Expired int  // reports skipped as no longer live
	Allowed int  // allowlist entries
	Done    bool // the last call
}

// NewService returns a registry service with an empty index; call Load to
// fill it from the store. A nil parser parses every kind but cards, a nil
// clock is kuzet.SystemClock, and a nil audit records each read in a store
// transaction of its own.
func NewService(store kuzet.Store, parser *ident.Parser, clock kuzet.Clock, audit kuzet.Auditor) *Service {
	if parser == nil {
		parser = &ident.Parser{}
	}
	if clock == nil {
		clock = kuzet.SystemClock
	}
	if audit == nil {
		audit = kuzet.StoreAuditor(store)
	}
	return &Service{store: store, parser: parser, clock: clock, audit: audit, index: NewIndex()}
}

// Index returns the service's index. It is the same index for the life of
// the service: Load refills it in place.
func (s *Service) Index() *Index { return s.index }

// Load rebuilds the index from the store: every live report and the
// allowlist. It builds a new index beside the old one and then swaps it in
// shard by shard, so readers never see it empty. Writes wait while it runs;
// it is meant for start-up.
func (s *Service) Load(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	fresh := s.index.sibling()
	now := s.clock()
	var st LoadStats
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) error {
		n := 0
		err := tx.ScanReports(ctx, func(r *kuzet.Report) error {
			if n++; n%65536 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if !r.Live(now) {
				st.Expired++
				return nil
			}
			fresh.Add(r)
			st.Reports++
			if st.Reports%LoadProgressEvery == 0 && s.OnLoadProgress != nil {
				s.OnLoadProgress(st)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("scan reports: %w", err)
		}
		err = tx.ScanAllowEntries(ctx, func(e *kuzet.AllowEntry) error {
			fresh.Allow(e.Kind, e.Value, true)
			st.Allowed++
			return nil
		})
		if err != nil {
			return fmt.Errorf("scan allowlist: %w", err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("registry: load: %w", err)
	}
	s.index.replace(fresh)
	if s.OnLoadProgress != nil {
		st.Done = true
		s.OnLoadProgress(st)
	}
	return nil
}

// Prune removes expired contributions from the index (see Index.Prune) and
// returns the number of indicators that left it. The server calls it now
// and then, say hourly; the store keeps the reports.
func (s *Service) Prune() int { return s.index.Prune(s.clock()) }

// Submission is one indicator an organisation reports.
type Submission struct {
	Kind       kuzet.Kind
	Value      string
	Category   kuzet.Category
	Confidence float64   // 0: DefaultConfidence
	Evidence   string    // at most MaxEvidence bytes
	ValidUntil time.Time // zero: until withdrawn

	// Err is a fault the caller found while decoding the item (say, an
	// unparseable valid_until): the item is rejected with it, beside any
	// fault found here. Its field paths are relative to the item.
	Err error
}

// SubmitResult is the outcome of one Submission, at its index in the batch:
// either the normalized indicator with Status StatusAccepted, or Err.
type SubmitResult struct {
	Index     int
	Indicator kuzet.Indicator
	Status    string
	Err       error
}

// Submit stores the organisation's reports. Each item is validated on its
// own: an invalid one gets an EINVALID error naming its fields by path
// ("indicators[2].value") and the others are still stored. The valid ones
// are written in one transaction with one audit entry each, and enter the
// index once it commits. An item reported again (same organisation,
// indicator and category) updates the stored report.
//
// Returns EINVALID for an empty batch or one of more than MaxBatch items;
// any other error means nothing was stored.
func (s *Service) Submit(ctx context.Context, orgID int64, items []Submission) ([]SubmitResult, error) {
	if len(items) == 0 {
		return nil, kuzet.Invalid("indicators", "at least one indicator is required")
	}
	if len(items) > MaxBatch {
		return nil, kuzet.Invalid("indicators", "at most %d indicators per request", MaxBatch)
	}
	if err := checkOrg(orgID); err != nil {
		return nil, err
	}
	now := s.clock()
	results := make([]SubmitResult, len(items))
	reports := make([]*kuzet.Report, 0, len(items))
	for i := range items {
		results[i].Index = i
		r, ind, err := s.validate(&items[i], now)
		if err != nil {
			results[i].Err = kuzet.WithField(err, "indicators["+strconv.Itoa(i)+"]")
			continue
		}
		r.OrgID = orgID
		reports = append(reports, r)
		results[i].Indicator, results[i].Status = ind, StatusAccepted
	}
	if len(reports) == 0 {
		return results, nil
	}

	err := s.write(ctx, func(tx kuzet.Tx) ([]Change, error) {
		entries := make([]*kuzet.AuditEntry, 0, len(reports))
		changes := make([]Change, 0, len(reports))
		for _, r := range reports {
			if err := tx.UpsertReport(ctx, r); err != nil {
				return nil, err
			}
			entries = append(entries, &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditIndicatorReport,
				Object: string(r.Kind) + ":" + r.Value, Detail: reportDetail(r)})
			changes = append(changes, reportChange(r)) // after the upsert: it sets CreatedAt
		}
		return changes, tx.AppendAudit(ctx, entries...)
	})
	if err != nil {
		return nil, fmt.Errorf("registry: submit: %w", err)
	}
	return results, nil
}

// validate checks one submission and returns the report it makes, without
// its org. Errors name fields relative to the item.
func (s *Service) validate(it *Submission, now time.Time) (*kuzet.Report, kuzet.Indicator, error) {
	var fields []kuzet.FieldError
	if it.Err != nil {
		fields = append(fields, kuzet.ErrorFields(it.Err)...)
	}
	ind, err := s.parser.Parse(it.Kind, it.Value)
	if err != nil {
		if kuzet.ErrorCode(err) != kuzet.EINVALID {
			return nil, ind, err // a fault of ours, such as a missing card key
		}
		fields = append(fields, kuzet.ErrorFields(err)...)
	}
	if !it.Category.Valid() {
		fields = append(fields, kuzet.FieldError{Field: "category", Message: "category must be one of " + categoryList()})
	}
	conf := it.Confidence
	if conf == 0 {
		conf = DefaultConfidence
	}
	if !(conf > 0 && conf <= 1) { // NaN fails too
		fields = append(fields, kuzet.FieldError{Field: "confidence", Message: "confidence must be in (0, 1]"})
	}
	if !it.ValidUntil.IsZero() && !it.ValidUntil.After(now) {
		fields = append(fields, kuzet.FieldError{Field: "valid_until", Message: "valid_until must be in the future"})
	}
	if err := kuzet.CheckText("evidence", it.Evidence, MaxEvidence); err != nil {
		fields = append(fields, kuzet.ErrorFields(err)...)
	}
	if len(fields) > 0 {
		return nil, ind, &kuzet.Error{Code: kuzet.EINVALID, Message: fields[0].Message, Fields: fields}
	}
	r := &kuzet.Report{Kind: ind.Kind, Value: ind.Value, Category: it.Category, Confidence: conf,
		Evidence: it.Evidence, CreatedAt: now, UpdatedAt: now}
	if !it.ValidUntil.IsZero() {
		r.ValidUntil = it.ValidUntil.UTC()
	}
	return r, ind, nil
}

func categoryList() string {
	names := make([]string, len(kuzet.Categories))
	for i, c := range kuzet.Categories {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}

func reportDetail(r *kuzet.Report) string {
	d := "category=" + string(r.Category) + " confidence=" + strconv.FormatFloat(r.Confidence, 'g', -1, 64)
	if !r.ValidUntil.IsZero() {
		d += " valid_until=" + r.ValidUntil.UTC().Format(time.RFC3339)
	}
	return d
}

// checkOrg rejects an org ID the index cannot hold. Org IDs come from the
// store's sequence, so this is a caller's bug, not a client's.
func checkOrg(orgID int64) error {
	if orgID <= 0 || orgID > math.MaxUint32 {
		return fmt.Errorf("registry: org ID %d out of range", orgID)
	}
	return nil
}

// Lookup parses raw as an indicator of kind and assesses it. When detail
// is true (the caller may see who reported what), the read is audited
// before the answer is returned; if the audit fails, so does the lookup.
// Returns EINVALID with field "kind" or "value" for bad input.
func (s *Service) Lookup(ctx context.Context, orgID int64, kind kuzet.Kind, raw string, detail bool) (kuzet.Assessment, error) {
	ind, err := s.parser.Parse(kind, raw)
	if err != nil {
		return kuzet.Assessment{}, err
	}
	a := s.index.Assess(ind.Kind, ind.Value, s.clock())
	if detail {
		if err := s.recordRead(ctx, orgID, ind, "lookup"); err != nil {
			return kuzet.Assessment{}, err
		}
	}
	return a, nil
}

// CheckItem is one indicator to check.
type CheckItem struct {
	Kind  kuzet.Kind
	Value string
}

// CheckResult is the outcome of one CheckItem, at its index in the batch:
// the assessment, or Err naming the item's fields ("items[3].value").
type CheckResult struct {
	Index      int
	Assessment kuzet.Assessment
	Err        error
}

// MaxPublicCheck bounds a batch checked without the right to details (the
// public portal's): enough for a citizen's handful, too few to sweep the
// registry.
const MaxPublicCheck = 100

// Check assesses a batch of indicators, each on its own. With detail (the
// caller may see who reported what) it audits one read per valid item;
// without, it answers only risk levels, which tell nothing of reporters, so
// nothing is audited, and takes at most MaxPublicCheck items. Returns
// EINVALID for an empty batch or one over its limit, and the audit's error
// if a read cannot be recorded.
func (s *Service) Check(ctx context.Context, orgID int64, items []CheckItem, detail bool) ([]CheckResult, error) {
	most := MaxBatch
	if !detail {
		most = MaxPublicCheck
	}
	if len(items) == 0 {
		return nil, kuzet.Invalid("items", "at least one item is required")
	}
	if len(items) > most {
		return nil, kuzet.Invalid("items", "%d items is over the limit of %d a request", len(items), most)
	}
	now := s.clock()
	results := make([]CheckResult, len(items))
	reads := make([]*kuzet.AuditEntry, 0, len(items))
	for i, it := range items {
		results[i].Index = i
		ind, err := s.parser.Parse(it.Kind, it.Value)
		if err != nil {
			results[i].Err = kuzet.WithField(err, "items["+strconv.Itoa(i)+"]")
			continue
		}
		results[i].Assessment = s.index.Assess(ind.Kind, ind.Value, now)
		if detail {
			reads = append(reads, &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditIndicatorRead, Object: ind.Key(), Detail: "check"})
		}
	}
	// One wait for the whole batch's entries, not one commit per item.
	if err := s.audit.Record(ctx, reads...); err != nil {
		return nil, fmt.Errorf("registry: audit reads of a check: %w", err)
	}
	return results, nil
}

func (s *Service) recordRead(ctx context.Context, orgID int64, ind kuzet.Indicator, detail string) error {
	e := &kuzet.AuditEntry{At: s.clock(), OrgID: orgID, Action: kuzet.AuditIndicatorRead, Object: ind.Key(), Detail: detail}
	if err := s.audit.Record(ctx, e); err != nil {
		return fmt.Errorf("registry: audit read of %s: %w", ind.Key(), err)
	}
	return nil
}

// Withdraw removes the organisation's report on an indicator in category,
// or in every category when category is "". Returns ENOTFOUND if the
// organisation has no such report, EINVALID for bad input.
func (s *Service) Withdraw(ctx context.Context, orgID int64, kind kuzet.Kind, raw string, category kuzet.Category) error {
	if err := checkOrg(orgID); err != nil {
		return err
	}
	ind, err := s.parser.Parse(kind, raw)
	if err != nil {
		return err
	}
	if category != "" && !category.Valid() {
		return kuzet.Invalid("category", "category must be empty or one of %s", categoryList())
	}
	now := s.clock()
	err = s.write(ctx, func(tx kuzet.Tx) ([]Change, error) {
		removed, err := tx.DeleteReport(ctx, orgID, ind.Kind, ind.Value, category)
		if err != nil {
			return nil, err
		}
		entries := make([]*kuzet.AuditEntry, len(removed))
		for i, r := range removed {
			entries[i] = &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditIndicatorDelete,
				Object: ind.Key(), Detail: "category=" + string(r.Category)}
		}
		c := Change{Op: ChangeWithdraw, OrgID: orgID, Kind: ind.Kind, Value: ind.Value, Category: category}
		return []Change{c}, tx.AppendAudit(ctx, entries...)
	})
	if err != nil {
		return fmt.Errorf("registry: withdraw: %w", err)
	}
	return nil
}

// PutAllow allowlists an indicator on behalf of the organisation, or
// replaces its entry. Returns EINVALID for bad input or a reason longer
// than MaxReason bytes.
func (s *Service) PutAllow(ctx context.Context, orgID int64, kind kuzet.Kind, raw, reason string) (kuzet.Indicator, error) {
	ind, err := s.parser.Parse(kind, raw)
	if err != nil {
		return kuzet.Indicator{}, err
	}
	if err := kuzet.CheckText("reason", reason, MaxReason); err != nil {
		return kuzet.Indicator{}, err
	}
	now := s.clock()
	err = s.write(ctx, func(tx kuzet.Tx) ([]Change, error) {
		e := &kuzet.AllowEntry{Kind: ind.Kind, Value: ind.Value, OrgID: orgID, Reason: reason, CreatedAt: now}
		if err := tx.PutAllowEntry(ctx, e); err != nil {
			return nil, err
		}
		c := Change{Op: ChangeAllow, OrgID: orgID, Kind: ind.Kind, Value: ind.Value}
		return []Change{c}, tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditAllowPut,
			Object: ind.Key(), Detail: truncate(reason, 200)})
	})
	if err != nil {
		return kuzet.Indicator{}, fmt.Errorf("registry: allowlist: %w", err)
	}
	return ind, nil
}

// DeleteAllow removes an indicator from the allowlist. Returns ENOTFOUND if
// it is not on it, EINVALID for bad input.
func (s *Service) DeleteAllow(ctx context.Context, orgID int64, kind kuzet.Kind, raw string) error {
	ind, err := s.parser.Parse(kind, raw)
	if err != nil {
		return err
	}
	now := s.clock()
	err = s.write(ctx, func(tx kuzet.Tx) ([]Change, error) {
		if err := tx.DeleteAllowEntry(ctx, ind.Kind, ind.Value); err != nil {
			return nil, err
		}
		c := Change{Op: ChangeDisallow, OrgID: orgID, Kind: ind.Kind, Value: ind.Value}
		return []Change{c}, tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditAllowDelete, Object: ind.Key()})
	})
	if err != nil {
		return fmt.Errorf("registry: allowlist delete: %w", err)
	}
	return nil
}

// Apply makes a change committed by another node to this node's index
// only. Changes are applied in the order given; the bus adapter must not
// hand a node back its own changes, which it applied when it made them.
// Returns EINVALID for an unknown operation.
func (s *Service) Apply(c Change) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return c.apply(s.index)
}

// write runs fn in a writable transaction. Once it commits, the changes fn
// returns go into the index and then to Changes, in commit order.
func (s *Service) write(ctx context.Context, fn func(kuzet.Tx) ([]Change, error)) error {
	s.mu.Lock()
	var changes []Change
	err := kuzet.Transact(ctx, s.store, true, func(tx kuzet.Tx) error {
		var err error
		changes, err = fn(tx)
		return err
	})
	if err != nil {
		s.mu.Unlock()
		return err
	}
	for i := range changes {
		_ = changes[i].apply(s.index) // the ops made here are all known
	}
	s.pub.Lock()
	s.mu.Unlock()
	defer s.pub.Unlock()
	for _, c := range changes {
		s.Changes.Emit(c)
	}
	return nil
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// FlaggedCaller is the registry's rule for call verification: a caller
// number (E.164 with "+") is flagged while its risk is high or critical
// and it is reported as a spoofer's (spoofed_cli) or a scammer's
// (scam_call). An allowlisted number is never flagged, as its risk is none.
// A number nobody reported, the common case, costs one index probe and no
// allocation, so telecom may ask on every call.
func (s *Service) FlaggedCaller(e164 string) bool {
	a := s.index.Assess(kuzet.KindPhone, e164, s.clock())
	if a.Risk != kuzet.RiskHigh && a.Risk != kuzet.RiskCritical {
		return false
	}
	return slices.Contains(a.Categories, kuzet.CategorySpoofedCLI) || slices.Contains(a.Categories, kuzet.CategoryScamCall)
}
