package webwatch

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/registry"
)

// Limits on what a client may send to the service.
const (
	MaxBatch  = 10000 // items in one submission, blocking request or status report
	MaxNotes  = 4096  // bytes of an analyst's or the regulator's notes on one finding
	MaxDetail = 256   // bytes of a submission's source detail
)

// ConfirmedConfidence is the confidence of the registry reports a
// confirmation makes: an analyst has looked at the site.
const ConfirmedConfidence = 0.9

// Service is the analysts' work on web findings: domains from every
// source are scored, the flagged ones queued as findings, confirmed or
// dismissed by analysts, sent to the regulator in blocking requests, and
// closed by the regulator's answer. Each change is written with its audit
// entry in one transaction. The caller checks permissions.
//
// A finding moves only along
//
//	new → confirmed → sent → blocked | rejected | gone
//	new | confirmed → dismissed
//
// and any other change is refused with ECONFLICT.
type Service struct {
	store    kuzet.Store
	registry *registry.Service
	clock    kuzet.Clock
	scorer   atomic.Pointer[Scorer]
}

// Config sets up a Service.
type Config struct {
	Store kuzet.Store // required
	// Registry takes a confirmed finding's domain and URL as reports in
	// the analyst's organisation's name; nil reports none.
	Registry *registry.Service
	Scorer   *Scorer     // nil flags nothing until SetScorer is called
	Clock    kuzet.Clock // nil: kuzet.SystemClock
}

// NewService returns a service over cfg.
func NewService(cfg Config) *Service {
	if cfg.Clock == nil {
		cfg.Clock = kuzet.SystemClock
	}
	w := &Service{store: cfg.Store, registry: cfg.Registry, clock: cfg.Clock}
	w.SetScorer(cfg.Scorer)
	return w
}

// SetScorer replaces the scorer, say after the watchlist changed. Findings
// already made keep their scores.
func (w *Service) SetScorer(s *Scorer) {
	if s == nil {
		s, _ = NewScorer(nil) // an empty watchlist cannot be invalid
	}
	w.scorer.Store(s)
}

// Scorer returns the scorer in use.
func (w *Service) Scorer() *Scorer { return w.scorer.Load() }

// transitions is the state machine of findings: the statuses each status
// may change to.
var transitions = map[kuzet.WebFindingStatus][]kuzet.WebFindingStatus{
	kuzet.WebFindingNew:       {kuzet.WebFindingConfirmed, kuzet.WebFindingDismissed},
	kuzet.WebFindingConfirmed: {kuzet.WebFindingSent, kuzet.WebFindingDismissed},
	kuzet.WebFindingSent:      {kuzet.WebFindingBlocked, kuzet.WebFindingRejected, kuzet.WebFindingGone},
}

// CanMove reports whether a finding in status from may move to status to,
// so that the console offers only the actions that will succeed.
func CanMove(from, to kuzet.WebFindingStatus) bool {
	return slices.Contains(transitions[from], to)
}

// moveError explains why finding id, in status from, cannot move to to.
func moveError(id int64, from, to kuzet.WebFindingStatus) error {
	if from == to {
		return kuzet.Errorf(kuzet.ECONFLICT, "finding %d is %s already", id, from)
	}
	if len(transitions[from]) == 0 {
		return kuzet.Errorf(kuzet.ECONFLICT, "finding %d is %s: its workflow is over", id, from)
	}
	return kuzet.Errorf(kuzet.ECONFLICT, "finding %d is %s: it can become %s, not %s", id, from, statusList(transitions[from]), to)
}

func statusList(ss []kuzet.WebFindingStatus) string {
	names := make([]string, len(ss))
	for i, s := range ss {
		names[i] = string(s)
	}
	return strings.Join(names, " or ")
}

// SubmitItem is one domain or URL to watch.
type SubmitItem struct {
	// Value is a domain (Unicode or punycode, a certificate wildcard) or
	// a URL, whose host is scored and which is kept as evidence.
	Value string
	// Certificate is the certificate that named the domain, where a CT
	// log showed one.
	Certificate *kuzet.WebCertificate
}

// Submission is a batch of domains from one source.
type Submission struct {
	Source kuzet.WebSource
	OrgID  int64  // the submitting organisation; 0 for kuzet's own CT follower
	Detail string // a feed's name, a citizen report's ID; at most MaxDetail bytes
	Items  []SubmitItem

	// Checkpoint, if set, is stored in the same transaction as the
	// findings, so that a CT follower that crashes can neither lose nor
	// repeat a batch.
	Checkpoint *kuzet.CTCheckpoint
}

// ItemError is the failure of one item of a batch, at its index. Err is a
// *kuzet.Error naming the item's field by path ("domains[3]").
type ItemError struct {
	Index int
	Err   error
}

// SubmittedFinding is a flagged item of a submission and the finding it
// is now.
type SubmittedFinding struct {
	Index   int
	Finding *kuzet.WebFinding // as stored
	New     bool              // false when the domain was known: LastSeen moved, the rest stayed
}

// SubmitResult is the outcome of a submission: flagged items became
// findings, clean ones are only counted, invalid ones are reported.
type SubmitResult struct {
	Clean    int // scored clean, or a brand's own domain
	Findings []SubmittedFinding
	Invalid  []ItemError
}

// Submit scores each item and stores those flagged lookalike or suspicious
// as findings: new ones with status new, known ones with LastSeen moved.
// Items that are not a domain or an http(s) URL are reported in Invalid
// with EINVALID naming "domains[i]"; the others are still processed.
// Returns EINVALID for an unknown source, a detail over MaxDetail bytes, no
// item (unless a checkpoint comes with the batch) or more than MaxBatch;
// any other error means nothing was stored.
func (w *Service) Submit(ctx context.Context, s Submission) (*SubmitResult, error) {
	if !s.Source.Valid() {
		return nil, kuzet.Invalid("source", "source must be ct, feed, citizen or analyst")
	}
	if err := kuzet.CheckText("detail", s.Detail, MaxDetail); err != nil {
		return nil, err
	}
	if len(s.Items) == 0 && s.Checkpoint == nil {
		return nil, kuzet.Invalid("domains", "at least one domain is required")
	}
	if len(s.Items) > MaxBatch {
		return nil, kuzet.Invalid("domains", "at most %d domains per request", MaxBatch)
	}
	now := w.clock()
	scorer := w.Scorer()
	res := &SubmitResult{}
	var found []*kuzet.WebFinding
	var at []int
	for i, it := range s.Items {
		f, err := w.assess(scorer, &s, it, now)
		switch {
		case err != nil:
			// The parsers name their own fields ("value", "domain"); the
			// item is the field here.
			res.Invalid = append(res.Invalid, ItemError{i, kuzet.Invalid("domains["+strconv.Itoa(i)+"]", "%s", kuzet.ErrorMessage(err))})
		case f == nil:
			res.Clean++
		default:
			found, at = append(found, f), append(at, i)
		}
	}
	if len(found) == 0 && s.Checkpoint == nil {
		return res, nil
	}
	err := kuzet.Transact(ctx, w.store, true, func(tx kuzet.Tx) error {
		var entries []*kuzet.AuditEntry
		for j, f := range found {
			created, err := tx.UpsertWebFinding(ctx, f)
			if err != nil {
				return fmt.Errorf("upsert finding %s: %w", f.Domain, err)
			}
			res.Findings = append(res.Findings, SubmittedFinding{Index: at[j], Finding: f, New: created})
			if created {
				entries = append(entries, &kuzet.AuditEntry{At: now, OrgID: s.OrgID, Action: kuzet.AuditWebFinding,
					Object: findingObject(f.ID), Detail: findingDetail(f)})
			}
		}
		if s.Checkpoint != nil {
			if err := tx.PutCTCheckpoint(ctx, s.Checkpoint); err != nil {
				return fmt.Errorf("put checkpoint: %w", err)
			}
		}
		return tx.AppendAudit(ctx, entries...)
	})
	if err != nil {
		return nil, fmt.Errorf("webwatch: submit: %w", err)
	}
	return res, nil
}

// assess scores one item. It returns the finding to store for a flagged
// item, nil for a clean one, or EINVALID.
func (w *Service) assess(scorer *Scorer, s *Submission, it SubmitItem, now time.Time) (*kuzet.WebFinding, error) {
	value, url := it.Value, ""
	if looksLikeURL(value) {
		ind, err := ident.ParseURL(value)
		if err != nil {
			return nil, err
		}
		// The normalized URL has a scheme, from which the scorer takes the
		// host as a browser would ("http://kaspi.kz@evil.example/").
		value, url = ind.Value, ind.Value
	}
	sc := scorer.Score(value)
	switch {
	case sc.Verdict == VerdictInvalid:
		return nil, kuzet.Errorf(kuzet.EINVALID, "%s", sc.Error)
	case !sc.Flagged():
		return nil, nil
	}
	name, err := ParseName(sc.ASCII)
	if err != nil {
		return nil, err // the scorer accepted it; this does not happen
	}
	return &kuzet.WebFinding{
		Domain:   name.ASCII,
		Unicode:  name.Unicode,
		Status:   kuzet.WebFindingNew,
		StatusAt: now,
		WebEvidence: kuzet.WebEvidence{
			Brand:        sc.Brand,
			Verdict:      string(sc.Verdict),
			Score:        sc.Score,
			Methods:      slices.Clone(sc.Methods),
			Source:       s.Source,
			SourceDetail: s.Detail,
			SubmittedBy:  s.OrgID,
			URL:          url,
			Certificate:  boundCertificate(it.Certificate),
			FirstSeen:    now,
			LastSeen:     now,
		},
	}, nil
}

// looksLikeURL reports whether v names more than a host: a scheme, a path,
// a query or a user.
func looksLikeURL(v string) bool {
	return strings.Contains(v, "://") || strings.ContainsAny(v, "/?#@\\")
}

// boundCertificate copies c with at most kuzet.MaxCertificateSANs names.
func boundCertificate(c *kuzet.WebCertificate) *kuzet.WebCertificate {
	if c == nil {
		return nil
	}
	cp := *c
	if cp.SANCount < len(cp.SANs) {
		cp.SANCount = len(cp.SANs)
	}
	cp.SANs = slices.Clone(cp.SANs[:min(len(cp.SANs), kuzet.MaxCertificateSANs)])
	return &cp
}

// Finding returns one finding. Returns ENOTFOUND if there is none.
func (w *Service) Finding(ctx context.Context, id int64) (*kuzet.WebFinding, error) {
	var f *kuzet.WebFinding
	err := kuzet.Transact(ctx, w.store, false, func(tx kuzet.Tx) error {
		var err error
		f, err = tx.FindWebFinding(ctx, id)
		return err
	})
	return f, err
}

// FindingPage is one page of findings.
type FindingPage struct {
	Findings []*kuzet.WebFinding
	// Next is the AfterID of the next page; 0 when this page was not full
	// and so is the last.
	Next int64
}

// Findings lists the findings f selects, by ascending ID: the analysts'
// queue is Findings with Status new. Returns EINVALID for an unknown
// status or source, or From after To.
func (w *Service) Findings(ctx context.Context, f kuzet.WebFindingFilter) (FindingPage, error) {
	if f.Status != "" && !f.Status.Valid() {
		return FindingPage{}, kuzet.Invalid("status", "status must be one of %s", statusList(kuzet.WebFindingStatuses))
	}
	if f.Source != "" && !f.Source.Valid() {
		return FindingPage{}, kuzet.Invalid("source", "source must be ct, feed, citizen or analyst")
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.From.After(f.To) {
		return FindingPage{}, kuzet.Invalid("from", "from is after to")
	}
	var page FindingPage
	err := kuzet.Transact(ctx, w.store, false, func(tx kuzet.Tx) error {
		var err error
		page.Findings, err = tx.FindWebFindings(ctx, f)
		return err
	})
	if err != nil {
		return FindingPage{}, fmt.Errorf("webwatch: list findings: %w", err)
	}
	if n := len(page.Findings); n > 0 && n == kuzet.WebPageLimit(f.Limit) {
		page.Next = page.Findings[n-1].ID
	}
	return page, nil
}

// Triage is an analyst's decision on a finding.
type Triage struct {
	OrgID int64 // the analyst's organisation
	// Category is what the site is, on confirmation: phishing_site (the
	// default) or fake_shop.
	Category kuzet.Category
	// Notes are added to the finding's notes; at most MaxNotes bytes in
	// all.
	Notes string
}

// Confirmation is a confirmed finding and the indicators it put in the
// registry on behalf of the analyst's organisation: its domain and, where a
// report named one, its URL.
type Confirmation struct {
	Finding    *kuzet.WebFinding
	Indicators []registry.Submission
	// Reported is the registry's answer to each of Indicators, in order.
	// The confirmation is committed before the registry is asked: a
	// registry that fails is answered item by item, for the client to
	// report the indicators again, rather than as a failed confirmation
	// that a retry would find confirmed already.
	Reported []registry.SubmitResult
}

// Confirm marks a new finding confirmed, with the analyst's category and
// notes. Returns ENOTFOUND if there is no such finding, ECONFLICT if it is
// not new, EINVALID for a category other than phishing_site or fake_shop
// or notes too long.
func (w *Service) Confirm(ctx context.Context, id int64, t Triage) (*Confirmation, error) {
	switch t.Category {
	case "":
		t.Category = kuzet.CategoryPhishingSite
	case kuzet.CategoryPhishingSite, kuzet.CategoryFakeShop:
	default:
		return nil, kuzet.Invalid("category", "category must be phishing_site or fake_shop")
	}
	f, err := w.decide(ctx, id, kuzet.WebFindingConfirmed, kuzet.AuditWebConfirm, t)
	if err != nil {
		return nil, fmt.Errorf("webwatch: confirm: %w", err)
	}
	c := &Confirmation{Finding: f, Indicators: indicators(f)}
	c.Reported = w.report(ctx, t.OrgID, c.Indicators)
	return c, nil
}

// report submits a confirmation's indicators to the registry, and returns
// each one's result; a registry that fails as a whole fails every item.
func (w *Service) report(ctx context.Context, orgID int64, subs []registry.Submission) []registry.SubmitResult {
	if w.registry == nil || len(subs) == 0 {
		return nil
	}
	results, err := w.registry.Submit(ctx, orgID, subs)
	if err != nil {
		results = make([]registry.SubmitResult, len(subs))
		for i := range results {
			results[i] = registry.SubmitResult{Index: i, Err: err}
		}
	}
	return results
}

// Dismiss marks a new or confirmed finding dismissed: nothing wrong with
// it. Returns ENOTFOUND if there is no such finding, ECONFLICT if it has
// been sent or closed, EINVALID for notes too long.
func (w *Service) Dismiss(ctx context.Context, id int64, t Triage) (*kuzet.WebFinding, error) {
	t.Category = ""
	f, err := w.decide(ctx, id, kuzet.WebFindingDismissed, kuzet.AuditWebDismiss, t)
	if err != nil {
		return nil, fmt.Errorf("webwatch: dismiss: %w", err)
	}
	return f, nil
}

// decide moves finding id to status to on an analyst's decision.
func (w *Service) decide(ctx context.Context, id int64, to kuzet.WebFindingStatus, action string, t Triage) (*kuzet.WebFinding, error) {
	if err := kuzet.CheckText("notes", t.Notes, MaxNotes); err != nil {
		return nil, err
	}
	now := w.clock()
	var f *kuzet.WebFinding
	err := kuzet.Transact(ctx, w.store, true, func(tx kuzet.Tx) error {
		var err error
		if f, err = tx.FindWebFinding(ctx, id); err != nil {
			return err
		}
		from := f.Status
		if !CanMove(from, to) {
			return moveError(id, from, to)
		}
		notes, err := addNotes(f.Notes, t.Notes)
		if err != nil {
			return err
		}
		f.Status, f.StatusAt, f.Category, f.Notes = to, now, t.Category, notes
		f.DecidedBy, f.DecidedAt = t.OrgID, now
		if err := tx.UpdateWebFinding(ctx, f, from); err != nil {
			return err
		}
		detail := "from=" + string(from)
		if t.Category != "" {
			detail += " category=" + string(t.Category)
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: t.OrgID, Action: action, Object: findingObject(id), Detail: detail})
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// addNotes appends more to notes on a line of its own.
func addNotes(notes, more string) (string, error) {
	more = strings.TrimSpace(more)
	switch {
	case more == "":
		return notes, nil
	case notes != "":
		more = notes + "\n" + more
	}
	if len(more) > MaxNotes {
		return "", kuzet.Invalid("notes", "the finding's notes would exceed %d bytes", MaxNotes)
	}
	return more, nil
}

// indicators returns the registry reports a confirmed finding makes.
func indicators(f *kuzet.WebFinding) []registry.Submission {
	evidence := truncate(confirmEvidence(f), registry.MaxEvidence)
	var out []registry.Submission
	if ind, err := ident.ParseDomain(f.Domain); err == nil {
		out = append(out, registry.Submission{Kind: kuzet.KindDomain, Value: ind.Value, Category: f.Category,
			Confidence: ConfirmedConfidence, Evidence: evidence})
	}
	if f.URL != "" {
		if ind, err := ident.ParseURL(f.URL); err == nil {
			out = append(out, registry.Submission{Kind: kuzet.KindURL, Value: ind.Value, Category: f.Category,
				Confidence: ConfirmedConfidence, Evidence: evidence})
		}
	}
	return out
}

func confirmEvidence(f *kuzet.WebFinding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "web finding %d: imitates %s (%s, score %.2f", f.ID, f.Brand, f.Verdict, f.Score)
	if len(f.Methods) > 0 {
		b.WriteString(": " + strings.Join(f.Methods, ", "))
	}
	fmt.Fprintf(&b, "); source %s; first seen %s; confirmed", f.Source, f.FirstSeen.UTC().Format(time.RFC3339))
	if f.Certificate != nil {
		fmt.Fprintf(&b, "; certificate by %s in %s #%d", f.Certificate.Issuer, f.Certificate.Log, f.Certificate.LogIndex)
	}
	return b.String()
}

// BlockingResult is a new blocking request and the listed findings that
// could not be put in it.
type BlockingResult struct {
	Request *kuzet.BlockingRequest
	Errors  []ItemError // naming "finding_ids[i]"
}

// CreateBlockingRequest sends confirmed findings to the regulator in one
// request, on behalf of the police unit orgID; they become sent. With no
// IDs it sends every confirmed finding, up to MaxBatch. A listed finding
// that does not exist (ENOTFOUND), is not confirmed (ECONFLICT) or is
// listed twice (EINVALID) is reported in Errors, and the request is made of
// the others. Returns ECONFLICT when there is no finding to send, the
// listed findings' common error code when none of them can be sent, and
// EINVALID for more than MaxBatch IDs or a note over MaxNotes bytes.
func (w *Service) CreateBlockingRequest(ctx context.Context, orgID int64, findingIDs []int64, note string) (*BlockingResult, error) {
	if len(findingIDs) > MaxBatch {
		return nil, kuzet.Invalid("finding_ids", "at most %d findings per request", MaxBatch)
	}
	if err := kuzet.CheckText("note", note, MaxNotes); err != nil {
		return nil, err
	}
	now := w.clock()
	res := &BlockingResult{}
	err := kuzet.Transact(ctx, w.store, true, func(tx kuzet.Tx) error {
		findings, err := sendable(ctx, tx, findingIDs, res)
		if err != nil {
			return err
		}
		if len(findings) == 0 {
			return noneSendable(findingIDs, res.Errors)
		}
		r := &kuzet.BlockingRequest{OrgID: orgID, CreatedAt: now, Note: note, Items: make([]kuzet.BlockingItem, len(findings))}
		for i, f := range findings {
			r.Items[i] = kuzet.BlockingItem{FindingID: f.ID, Domain: f.Domain, Unicode: f.Unicode, Category: f.Category,
				Evidence: cloneEvidence(f.WebEvidence), Status: kuzet.BlockingPending}
		}
		if err := tx.CreateBlockingRequest(ctx, r); err != nil {
			return fmt.Errorf("create request: %w", err)
		}
		entries := make([]*kuzet.AuditEntry, len(findings))
		for i, f := range findings {
			f.Status, f.StatusAt = kuzet.WebFindingSent, now
			if err := tx.UpdateWebFinding(ctx, f, kuzet.WebFindingConfirmed); err != nil {
				return fmt.Errorf("mark finding %d sent: %w", f.ID, err)
			}
			entries[i] = &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditBlockingCreate,
				Object: findingObject(f.ID), Detail: "request=" + strconv.FormatInt(r.ID, 10)}
		}
		res.Request = r
		return tx.AppendAudit(ctx, entries...)
	})
	if err != nil {
		return nil, fmt.Errorf("webwatch: blocking request: %w", err)
	}
	return res, nil
}

// sendable returns the findings a request is made of: those listed that
// are confirmed, or every confirmed one when none is listed. Listed ones
// that cannot be sent go to res.Errors.
func sendable(ctx context.Context, tx kuzet.Tx, ids []int64, res *BlockingResult) ([]*kuzet.WebFinding, error) {
	if len(ids) == 0 {
		var all []*kuzet.WebFinding
		for after := int64(0); len(all) < MaxBatch; {
			page, err := tx.FindWebFindings(ctx, kuzet.WebFindingFilter{Status: kuzet.WebFindingConfirmed, AfterID: after,
				Limit: min(kuzet.WebPageMax, MaxBatch-len(all))})
			if err != nil {
				return nil, fmt.Errorf("list confirmed findings: %w", err)
			}
			if len(page) == 0 {
				break
			}
			all = append(all, page...)
			after = page[len(page)-1].ID
		}
		return all, nil
	}
	var out []*kuzet.WebFinding
	seen := make(map[int64]bool, len(ids))
	for i, id := range ids {
		field := "finding_ids[" + strconv.Itoa(i) + "]"
		if seen[id] {
			res.Errors = append(res.Errors, ItemError{i, fieldError(kuzet.EINVALID, field, "finding %d is listed twice", id)})
			continue
		}
		seen[id] = true
		f, err := tx.FindWebFinding(ctx, id)
		switch {
		case kuzet.ErrorCode(err) == kuzet.ENOTFOUND:
			res.Errors = append(res.Errors, ItemError{i, fieldError(kuzet.ENOTFOUND, field, "finding %d does not exist", id)})
			continue
		case err != nil:
			return nil, fmt.Errorf("find finding %d: %w", id, err)
		case f.Status != kuzet.WebFindingConfirmed:
			res.Errors = append(res.Errors, ItemError{i, fieldError(kuzet.ECONFLICT, field, "%s", kuzet.ErrorMessage(moveError(id, f.Status, kuzet.WebFindingSent)))})
			continue
		}
		out = append(out, f)
	}
	return out, nil
}

// noneSendable is the error of a request that no finding can go in.
func noneSendable(ids []int64, errs []ItemError) error {
	if len(ids) == 0 {
		return kuzet.Errorf(kuzet.ECONFLICT, "no confirmed finding to send")
	}
	e := &kuzet.Error{Code: kuzet.ErrorCode(errs[0].Err), Message: "no listed finding can be sent"}
	for _, ie := range errs {
		if kuzet.ErrorCode(ie.Err) != e.Code {
			e.Code = kuzet.ECONFLICT
		}
		e.Fields = append(e.Fields, kuzet.ErrorFields(ie.Err)...)
	}
	return e
}

// BlockingRequest returns one request with its items. Returns ENOTFOUND if
// there is none.
func (w *Service) BlockingRequest(ctx context.Context, id int64) (*kuzet.BlockingRequest, error) {
	var r *kuzet.BlockingRequest
	err := kuzet.Transact(ctx, w.store, false, func(tx kuzet.Tx) error {
		var err error
		r, err = tx.FindBlockingRequest(ctx, id)
		return err
	})
	return r, err
}

// BlockingRequests lists the requests f selects, by ascending ID: the
// regulator's inbox is BlockingRequests with Pending set.
func (w *Service) BlockingRequests(ctx context.Context, f kuzet.BlockingRequestFilter) ([]*kuzet.BlockingRequest, error) {
	var rs []*kuzet.BlockingRequest
	err := kuzet.Transact(ctx, w.store, false, func(tx kuzet.Tx) error {
		var err error
		rs, err = tx.FindBlockingRequests(ctx, f)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("webwatch: list blocking requests: %w", err)
	}
	return rs, nil
}

// StatusUpdate is the regulator's answer on one item of a request.
type StatusUpdate struct {
	FindingID int64
	Status    kuzet.BlockingStatus // blocked, rejected or gone
	Note      string               // at most MaxNotes bytes
}

// StatusResult is the outcome of one StatusUpdate, at its index: the item
// as stored, or Err naming the update's fields ("items[2].status").
type StatusResult struct {
	Index int
	Item  *kuzet.BlockingItem
	Err   error
}

// findingStatus is the finding status each answer moves a finding to.
var findingStatus = map[kuzet.BlockingStatus]kuzet.WebFindingStatus{
	kuzet.BlockingBlocked:  kuzet.WebFindingBlocked,
	kuzet.BlockingRejected: kuzet.WebFindingRejected,
	kuzet.BlockingGone:     kuzet.WebFindingGone,
}

// ReportBlockingStatus records the regulator's answers on the items of
// request requestID, on behalf of the regulator orgID, and moves each
// finding with its item. Each update stands alone: one for a finding not
// in the request (ENOTFOUND), already answered (ECONFLICT), listed twice or
// with a status other than blocked, rejected or gone (EINVALID) is
// reported at its index and the others are stored. Returns ENOTFOUND if
// there is no such request, EINVALID for no update or more than MaxBatch.
func (w *Service) ReportBlockingStatus(ctx context.Context, orgID, requestID int64, updates []StatusUpdate) ([]StatusResult, error) {
	if len(updates) == 0 {
		return nil, kuzet.Invalid("items", "at least one item is required")
	}
	if len(updates) > MaxBatch {
		return nil, kuzet.Invalid("items", "at most %d items per request", MaxBatch)
	}
	now := w.clock()
	results := make([]StatusResult, len(updates))
	err := kuzet.Transact(ctx, w.store, true, func(tx kuzet.Tx) error {
		r, err := tx.FindBlockingRequest(ctx, requestID)
		if err != nil {
			return err
		}
		items := make(map[int64]*kuzet.BlockingItem, len(r.Items))
		for i := range r.Items {
			items[r.Items[i].FindingID] = &r.Items[i]
		}
		var entries []*kuzet.AuditEntry
		seen := make(map[int64]bool, len(updates))
		for i, u := range updates {
			results[i] = StatusResult{Index: i}
			it, err := checkUpdate(u, items, seen, requestID)
			if err != nil {
				results[i].Err = kuzet.WithField(err, "items["+strconv.Itoa(i)+"]")
				continue
			}
			it.Status, it.Note, it.StatusAt, it.StatusBy = u.Status, strings.TrimSpace(u.Note), now, orgID
			if err := tx.UpdateBlockingItem(ctx, requestID, it, kuzet.BlockingPending); err != nil {
				if kuzet.ErrorCode(err) == kuzet.ECONFLICT {
					// Answered by another transaction since we read it.
					results[i].Err = kuzet.WithField(err, "items["+strconv.Itoa(i)+"]")
					continue
				}
				return fmt.Errorf("update item %d: %w", u.FindingID, err)
			}
			if err := closeFinding(ctx, tx, u.FindingID, findingStatus[u.Status], now); err != nil {
				return err
			}
			cp := *it
			results[i].Item = &cp
			entries = append(entries, &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditBlockingStatus,
				Object: findingObject(u.FindingID), Detail: "request=" + strconv.FormatInt(requestID, 10) + " status=" + string(u.Status)})
		}
		return tx.AppendAudit(ctx, entries...)
	})
	if err != nil {
		return nil, fmt.Errorf("webwatch: blocking status: %w", err)
	}
	return results, nil
}

// checkUpdate returns the item u answers, or why it cannot. Errors name
// fields relative to the update.
func checkUpdate(u StatusUpdate, items map[int64]*kuzet.BlockingItem, seen map[int64]bool, requestID int64) (*kuzet.BlockingItem, error) {
	if _, ok := findingStatus[u.Status]; !ok {
		return nil, kuzet.Invalid("status", "status must be blocked, rejected or gone")
	}
	if err := kuzet.CheckText("note", u.Note, MaxNotes); err != nil {
		return nil, err
	}
	if seen[u.FindingID] {
		return nil, kuzet.Invalid("finding_id", "finding %d is listed twice", u.FindingID)
	}
	seen[u.FindingID] = true
	it, ok := items[u.FindingID]
	if !ok {
		return nil, fieldError(kuzet.ENOTFOUND, "finding_id", "finding %d is not in request %d", u.FindingID, requestID)
	}
	if it.Status != kuzet.BlockingPending {
		return nil, fieldError(kuzet.ECONFLICT, "status", "finding %d was reported %s already", u.FindingID, it.Status)
	}
	return it, nil
}

// closeFinding moves a sent finding to the regulator's answer. A finding
// not in status sent means the store was changed behind the workflow's
// back; the whole report is refused rather than leave item and finding
// disagreeing.
func closeFinding(ctx context.Context, tx kuzet.Tx, id int64, to kuzet.WebFindingStatus, now time.Time) error {
	f, err := tx.FindWebFinding(ctx, id)
	if err != nil {
		return fmt.Errorf("find finding %d: %w", id, err)
	}
	if !CanMove(f.Status, to) {
		return moveError(id, f.Status, to)
	}
	from := f.Status
	f.Status, f.StatusAt = to, now
	if err := tx.UpdateWebFinding(ctx, f, from); err != nil {
		return fmt.Errorf("close finding %d: %w", id, err)
	}
	return nil
}

// Counts returns the internet-monitoring figures for the period from
// (included) to (excluded); zero bounds do not limit. Returns EINVALID if
// from is after to.
func (w *Service) Counts(ctx context.Context, from, to time.Time) (kuzet.WebCounts, error) {
	if !from.IsZero() && !to.IsZero() && from.After(to) {
		return kuzet.WebCounts{}, kuzet.Invalid("from", "from is after to")
	}
	var c kuzet.WebCounts
	err := kuzet.Transact(ctx, w.store, false, func(tx kuzet.Tx) error {
		var err error
		c, err = tx.CountWeb(ctx, from, to)
		return err
	})
	if err != nil {
		return kuzet.WebCounts{}, fmt.Errorf("webwatch: counts: %w", err)
	}
	return c, nil
}

// FindCTCheckpoint returns the checkpoint of a CT log, in a transaction of
// its own. Returns ENOTFOUND if the log has none. With PutCTCheckpoint it
// lets a Service keep a CT follower's checkpoints.
func (w *Service) FindCTCheckpoint(ctx context.Context, logID string) (*kuzet.CTCheckpoint, error) {
	var c *kuzet.CTCheckpoint
	err := kuzet.Transact(ctx, w.store, false, func(tx kuzet.Tx) error {
		var err error
		c, err = tx.FindCTCheckpoint(ctx, logID)
		return err
	})
	return c, err
}

// PutCTCheckpoint stores the checkpoint of a CT log in a transaction of
// its own.
func (w *Service) PutCTCheckpoint(ctx context.Context, c *kuzet.CTCheckpoint) error {
	return kuzet.Transact(ctx, w.store, true, func(tx kuzet.Tx) error { return tx.PutCTCheckpoint(ctx, c) })
}

func findingObject(id int64) string { return "web_finding:" + strconv.FormatInt(id, 10) }

func findingDetail(f *kuzet.WebFinding) string {
	return fmt.Sprintf("domain=%s brand=%s verdict=%s score=%.2f source=%s", f.Domain, f.Brand, f.Verdict, f.Score, f.Source)
}

// cloneEvidence copies e so that a request's snapshot shares no slice with
// the finding.
func cloneEvidence(e kuzet.WebEvidence) kuzet.WebEvidence {
	e.Methods = slices.Clone(e.Methods)
	if e.Certificate != nil {
		c := *e.Certificate
		c.SANs = slices.Clone(c.SANs)
		e.Certificate = &c
	}
	return e
}

// fieldError returns an error of code naming field.
func fieldError(code, field, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	return &kuzet.Error{Code: code, Message: msg, Fields: []kuzet.FieldError{{Field: field, Message: msg}}}
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
