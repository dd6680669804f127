package exchange

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/registry"
)

// Limits on what a partner may send at once.
const (
	MaxEnvelope = 16 << 20 // bytes of one POST or pulled page
	MaxObjects  = 10000    // objects of one envelope
)

// Status is the outcome of one import, as TAXII's status resource says it.
type Status struct {
	ID               string          `json:"id"`
	Status           string          `json:"status"`
	RequestTimestamp string          `json:"request_timestamp"`
	TotalCount       int             `json:"total_count"`
	SuccessCount     int             `json:"success_count"`
	FailureCount     int             `json:"failure_count"`
	PendingCount     int             `json:"pending_count"`
	Successes        []StatusDetail  `json:"successes,omitempty"`
	Failures         []StatusDetail  `json:"failures,omitempty"`
	Counts           map[string]int  `json:"x_kuzet_counts,omitempty"` // applied, kept, quarantined, duplicate
	Objects          []*ImportResult `json:"-"`
}

// StatusDetail is one object of a Status.
type StatusDetail struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Message string `json:"message,omitempty"`
}

// ImportResult is what an import did with one object.
type ImportResult struct {
	ID, Type, Version string
	Status            string // kuzet.ExchangeApplied, ExchangeKept, ExchangeQuarantined, or "duplicate"
	Reason            string
}

// envelope is a TAXII envelope or a STIX bundle: both carry "objects".
type envelope struct {
	Type        string            `json:"type"`
	SpecVersion string            `json:"spec_version"`
	Objects     []json.RawMessage `json:"objects"`
}

// inObject is the part of a received object the import reads.
type inObject struct {
	Type              string   `json:"type"`
	ID                string   `json:"id"`
	SpecVersion       *string  `json:"spec_version"`
	Created           string   `json:"created"`
	Modified          string   `json:"modified"`
	CreatedByRef      string   `json:"created_by_ref"`
	Pattern           string   `json:"pattern"`
	PatternType       string   `json:"pattern_type"`
	ValidUntil        string   `json:"valid_until"`
	Labels            []string `json:"labels"`
	ObjectMarkingRefs []string `json:"object_marking_refs"`
}

var (
	idPattern   = regexp.MustCompile(`^([a-z][a-z0-9-]{0,248}[a-z0-9])--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$`)
	scoVersions = map[string]bool{"domain-name": true, "url": true, "ipv4-addr": true, "ipv6-addr": true, "email-addr": true,
		"file": true, "artifact": true, "autonomous-system": true, "directory": true, "email-message": true, "mac-addr": true,
		"mutex": true, "network-traffic": true, "process": true, "software": true, "user-account": true,
		"windows-registry-key": true, "x509-certificate": true}
)

// kindOf maps the object paths of simple patterns to indicator kinds.
var kindOf = map[[2]string]kuzet.Kind{
	{"domain-name", "value"}:                kuzet.KindDomain,
	{"url", "value"}:                        kuzet.KindURL,
	{"ipv4-addr", "value"}:                  kuzet.KindIP,
	{"ipv6-addr", "value"}:                  kuzet.KindIP,
	{"email-addr", "value"}:                 kuzet.KindEmail,
	{"phone-number", "value"}:               kuzet.KindPhone,
	{"bank-account", "iban"}:                kuzet.KindIBAN,
	{"bank-account", "account_number"}:      kuzet.KindAccount,
	{"cryptocurrency-wallet", "value"}:      kuzet.KindWallet,
	{"mobile-device", "imei"}:               kuzet.KindIMEI,
	{"x-misp-object-phone-number", "value"}: kuzet.KindPhone,
}

// defaultCategory is the category of an imported indicator whose labels
// name none of kuzet's.
func defaultCategory(k kuzet.Kind) kuzet.Category {
	switch k {
	case kuzet.KindDomain, kuzet.KindURL:
		return kuzet.CategoryPhishingSite
	case kuzet.KindPhone:
		return kuzet.CategoryScamCall
	case kuzet.KindIBAN, kuzet.KindAccount, kuzet.KindWallet:
		return kuzet.CategoryMuleAccount
	}
	return kuzet.CategoryOther
}

// Add imports what the caller posts to collection id: the caller must be
// the collection's partner. See Import.
func (s *Service) Add(ctx context.Context, p *kuzet.Principal, id string, body []byte) (*Status, error) {
	c, err := s.Collection(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if !c.CanWrite {
		if c.Partner != nil {
			return nil, kuzet.Errorf(kuzet.EFORBIDDEN, "collection %s is %s's: only that partner writes to it", c.ID, c.Partner.Name)
		}
		return nil, kuzet.Errorf(kuzet.EFORBIDDEN, "collection %s is one the caller may read, not write to", c.ID)
	}
	return s.Import(ctx, p.Org.ID, body)
}

// Import takes a TAXII envelope or STIX bundle sent by partner orgID.
// Indicators with simple patterns over identifiers kuzet knows enter the
// registry as the partner's reports, with the partner's confidence and the
// TLP level they came with; other well-formed objects are kept without
// being acted on; objects that are malformed, of another STIX version,
// that claim to come from this deployment's own organisations or whose
// identifiers do not parse are quarantined with the reason. An object
// received before (same id and version) is skipped, so a resumed pull
// adds nothing twice. The import and its outcome are audited.
//
// Returns EINVALID if body is not an envelope or bundle, or holds more than
// MaxObjects objects.
func (s *Service) Import(ctx context.Context, orgID int64, body []byte) (*Status, error) {
	st, err := s.importEnvelope(ctx, orgID, body)
	if kuzet.ErrorCode(err) == kuzet.EINVALID {
		// Refused whole: audited too, with the reason, in a transaction of
		// its own (the import's rolled back).
		e := &kuzet.AuditEntry{At: s.cfg.Clock(), OrgID: orgID, Action: kuzet.AuditExchangeImport, Object: "envelope",
			Detail: kuzet.Clip(fmt.Sprintf("refused bytes=%d: %s", len(body), kuzet.ErrorMessage(err)), 300)}
		if aerr := kuzet.Transact(ctx, s.cfg.Store, true, func(tx kuzet.Tx) error { return tx.AppendAudit(ctx, e) }); aerr != nil {
			return nil, fmt.Errorf("exchange: audit refused import: %w", aerr)
		}
	}
	return st, err
}

func (s *Service) importEnvelope(ctx context.Context, orgID int64, body []byte) (*Status, error) {
	if len(body) > MaxEnvelope {
		return nil, kuzet.Invalid("objects", "%d bytes is over the limit of %d for one envelope", len(body), MaxEnvelope)
	}
	var env envelope
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&env); err != nil {
		return nil, kuzet.Invalid("objects", "the body is not a TAXII envelope or STIX bundle: %s", kuzet.Clip(err.Error(), 200))
	}
	if env.Type != "" && env.Type != "bundle" {
		return nil, kuzet.Invalid("type", "a bundle's type is \"bundle\", not %q", kuzet.Clip(env.Type, 40))
	}
	if len(env.Objects) > MaxObjects {
		return nil, kuzet.Invalid("objects", "%d objects is over the limit of %d for one envelope", len(env.Objects), MaxObjects)
	}
	ns, err := s.namespace(ctx)
	if err != nil {
		return nil, err
	}
	now := s.cfg.Clock()
	var rnd [16]byte
	rand.Read(rnd[:])
	rnd[6], rnd[8] = rnd[6]&0x0f|0x40, rnd[8]&0x3f|0x80 // a version 4 UUID
	st := &Status{ID: UUID(rnd).String(),
		Status: "complete", RequestTimestamp: stixTime(now), TotalCount: len(env.Objects), Counts: map[string]int{}}

	var (
		partner *kuzet.Partner
		own     = map[string]string{KuzetIdentity: "kuzet"}
		subs    []registry.Submission
		stored  []*kuzet.ExchangeObject
		applied []int // index in st.Objects of each submission
	)
	err = kuzet.Transact(ctx, s.cfg.Store, true, func(tx kuzet.Tx) error {
		var err error
		if partner, err = s.partner(ctx, tx, orgID); err != nil {
			return err
		}
		orgs, err := tx.FindOrgs(ctx)
		if err != nil {
			return err
		}
		var partnerName string
		names := map[int64]string{}
		for _, o := range orgs {
			names[o.ID] = o.Name
			own[orgIdentity(ns, o.ID)] = o.Name
			if o.ID == orgID {
				partnerName = o.Name
			}
		}
		for i, raw := range env.Objects {
			res, obj, isubs, imarks := s.judge(raw, i, own, partner, partnerName, now)
			if res.Status != kuzet.ExchangeQuarantined && obj != nil {
				reason, err := claimsAnother(ctx, tx, orgID, obj, names)
				if err != nil {
					return err
				}
				if reason != "" {
					res.Status, res.Reason, isubs, imarks = kuzet.ExchangeQuarantined, reason, nil, nil
				}
			}
			st.Objects = append(st.Objects, res)
			eo := &kuzet.ExchangeObject{OrgID: orgID, ID: res.ID, Type: res.Type, Status: res.Status, Reason: res.Reason,
				Body: raw, CreatedAt: now}
			if obj != nil {
				eo.Modified, _ = parseTime(obj.Modified)
			}
			if eo.ID == "" || !idPattern.MatchString(eo.ID) {
				eo.ID = "invalid--" + kuzetNamespace.V5(string(raw)).String() // quarantined under a name of its own
			}
			if len(eo.Body) > 64<<10 {
				eo.Body = eo.Body[:64<<10]
			}
			fresh, err := tx.PutExchangeObject(ctx, eo)
			if err != nil {
				return err
			}
			if !fresh {
				res.Status, res.Reason = "duplicate", "received before"
				continue
			}
			stored = append(stored, eo)
			for k := range isubs {
				subs = append(subs, isubs[k])
				applied = append(applied, i)
				if err := tx.PutMarking(ctx, imarks[k]); err != nil { // before the report exists: never shared unmarked
					return err
				}
			}
		}
		st.finish()
		data, _ := json.Marshal(st)
		if err := tx.PutExchangeStatus(ctx, &kuzet.ExchangeStatus{ID: st.ID, OrgID: orgID, Body: data, CreatedAt: now}); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditExchangeImport,
			Object: "status:" + st.ID, Detail: fmt.Sprintf("objects=%d applied=%d kept=%d quarantined=%d duplicate=%d",
				len(env.Objects), st.Counts[kuzet.ExchangeApplied], st.Counts[kuzet.ExchangeKept], st.Counts[kuzet.ExchangeQuarantined], st.Counts["duplicate"])})
	})
	if err != nil {
		return nil, fmt.Errorf("exchange: import: %w", err)
	}
	if len(subs) > 0 && s.cfg.Registry != nil {
		results, err := s.cfg.Registry.Submit(ctx, orgID, subs)
		if err != nil {
			return nil, fmt.Errorf("exchange: import into the registry: %w", err)
		}
		for i, r := range results {
			if r.Err != nil {
				res := st.Objects[applied[i]]
				res.Status, res.Reason = kuzet.ExchangeQuarantined, kuzet.ErrorMessage(r.Err)
			}
		}
	}
	st.finish()
	return st, nil
}

// finish fills the counts and lists of st from its objects.
func (st *Status) finish() {
	st.Counts = map[string]int{}
	st.Successes, st.Failures = nil, nil
	for _, r := range st.Objects {
		st.Counts[r.Status]++
		d := StatusDetail{ID: r.ID, Version: r.Version, Message: r.Reason}
		if r.Status == kuzet.ExchangeQuarantined {
			st.Failures = append(st.Failures, d)
		} else {
			st.Successes = append(st.Successes, d)
		}
	}
	st.SuccessCount, st.FailureCount = len(st.Successes), len(st.Failures)
}

// judge decides what to do with one received object: the result, the
// object as read (nil if malformed) and, for an indicator to apply, its
// submission and marking.
func (s *Service) judge(raw json.RawMessage, i int, own map[string]string, partner *kuzet.Partner, partnerName string,
	now time.Time) (*ImportResult, *inObject, []registry.Submission, []*kuzet.Marking) {
	res := &ImportResult{Status: kuzet.ExchangeQuarantined}
	var o inObject
	if t := bytes.TrimLeft(raw, " \t\r\n"); len(t) == 0 || t[0] != '{' {
		res.Reason = "objects[" + strconv.Itoa(i) + "] is not a JSON object"
		return res, nil, nil, nil
	}
	if err := json.Unmarshal(raw, &o); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			res.Reason = fmt.Sprintf("objects[%d].%s is not of the type STIX gives it", i, te.Field)
		} else {
			res.Reason = "objects[" + strconv.Itoa(i) + "] is not a STIX object: " + kuzet.Clip(err.Error(), 200)
		}
		return res, nil, nil, nil
	}
	res.ID, res.Type, res.Version = o.ID, o.Type, o.Modified
	if res.Version == "" {
		res.Version = o.Created
	}
	m := idPattern.FindStringSubmatch(o.ID)
	switch {
	case m == nil:
		res.Reason = fmt.Sprintf("id %q is not of the form type--UUID", kuzet.Clip(o.ID, 80))
		return res, &o, nil, nil
	case m[1] != o.Type:
		res.Reason = fmt.Sprintf("id %s does not name type %q", o.ID, kuzet.Clip(o.Type, 40))
		return res, &o, nil, nil
	}
	sco := scoVersions[o.Type] || ExtensionTyped(o.Type)
	switch {
	case o.SpecVersion == nil && !sco:
		res.Reason = "spec_version is missing: kuzet takes STIX 2.1"
		return res, &o, nil, nil
	case o.SpecVersion != nil && *o.SpecVersion != SpecVersion:
		res.Reason = fmt.Sprintf("spec_version %q is not 2.1", kuzet.Clip(*o.SpecVersion, 20))
		return res, &o, nil, nil
	}
	if name, ok := own[o.CreatedByRef]; ok {
		res.Reason = fmt.Sprintf("created_by_ref names %s, an organisation of this deployment, not the partner who sent it", name)
		return res, &o, nil, nil
	}
	if name, ok := own[o.ID]; ok && o.Type == "identity" {
		res.Reason = fmt.Sprintf("the identity %s is %s's, of this deployment", o.ID, name)
		return res, &o, nil, nil
	}
	if o.Type != "indicator" {
		res.Status, res.Reason = kuzet.ExchangeKept, "kept, not acted on: kuzet acts on indicators only"
		return res, &o, nil, nil
	}
	if o.PatternType != "stix" {
		res.Status, res.Reason = kuzet.ExchangeKept, fmt.Sprintf("kept, not acted on: pattern_type %q", kuzet.Clip(o.PatternType, 20))
		return res, &o, nil, nil
	}
	cmps, ok := ParsePattern(o.Pattern)
	if !ok {
		res.Status, res.Reason = kuzet.ExchangeKept, "kept verbatim: the pattern is not of a simple form"
		return res, &o, nil, nil
	}
	var inds []kuzet.Indicator
	for _, c := range cmps {
		kind, known := kindOf[[2]string{c.Type, c.Property}]
		if !known {
			res.Status, res.Reason = kuzet.ExchangeKept, fmt.Sprintf("kept, not acted on: kuzet does not act on %s:%s", c.Type, c.Property)
			return res, &o, nil, nil
		}
		ind, err := s.cfg.Parser.Parse(kind, c.Value)
		if err != nil {
			// Not kept as data: a value that does not parse is a mistake or
			// an attempt to smuggle something past the parser.
			res.Reason = fmt.Sprintf("the pattern's %s:%s is not a valid %s: %s", c.Type, c.Property, kind, kuzet.ErrorMessage(err))
			return res, &o, nil, nil
		}
		inds = append(inds, ind)
	}
	category := kuzet.Category("")
	for _, l := range o.Labels {
		if cat := kuzet.Category(l); cat.Valid() && cat != kuzet.CategoryVictimReport {
			category = cat
			break
		}
	}
	var validUntil time.Time
	if o.ValidUntil != "" {
		vu, ok := parseTime(o.ValidUntil)
		if !ok {
			res.Reason = fmt.Sprintf("valid_until %q is not a STIX timestamp", kuzet.Clip(o.ValidUntil, 40))
			return res, &o, nil, nil
		}
		if !vu.After(now) {
			res.Status, res.Reason = kuzet.ExchangeKept, "kept, not acted on: valid_until has passed"
			return res, &o, nil, nil
		}
		validUntil = vu
	}
	tlp := kuzet.TLP("")
	for _, ref := range o.ObjectMarkingRefs {
		if t, ok := tlpOfMarking[ref]; ok && (tlp == "" || rank(t) > rank(tlp)) { // the most restrictive wins
			tlp = t
		}
	}
	if tlp == "" {
		tlp = kuzet.TLPAmber // unmarked: shared no further than partners allowed AMBER
	}
	var subs []registry.Submission
	var marks []*kuzet.Marking
	for _, ind := range inds {
		cat := category
		if cat == "" {
			cat = defaultCategory(ind.Kind)
		}
		subs = append(subs, registry.Submission{Kind: ind.Kind, Value: ind.Value, Category: cat, Confidence: partner.Confidence,
			Evidence: kuzet.Clip("STIX "+o.ID+" from "+partnerName, registry.MaxEvidence), ValidUntil: validUntil})
		marks = append(marks, &kuzet.Marking{OrgID: partner.OrgID, Kind: ind.Kind, Value: ind.Value, TLP: tlp})
	}
	res.Status = kuzet.ExchangeApplied
	return res, &o, subs, marks
}

// FindStatus returns a status the caller's organisation made. Returns
// ENOTFOUND for any other.
func (s *Service) FindStatus(ctx context.Context, orgID int64, id string) ([]byte, error) {
	var body []byte
	err := kuzet.Transact(ctx, s.cfg.Store, false, func(tx kuzet.Tx) error {
		st, err := tx.FindExchangeStatus(ctx, orgID, id)
		if err != nil {
			return err
		}
		body = st.Body
		return nil
	})
	return body, err
}

// Received returns the objects a partner sent, newest first, with what the
// import did with each and why: for the police's analysts (any partner's)
// and for a partner (its own). status "" is every status; limit is at
// most 1,000. Returns EFORBIDDEN for anyone else, EINVALID for an unknown
// status.
func (s *Service) Received(ctx context.Context, p *kuzet.Principal, partnerID int64, status string, limit int) ([]*kuzet.ExchangeObject, error) {
	switch {
	case p.Org.Type == kuzet.OrgPolice:
	case p.Org.Type == kuzet.OrgPartner && p.Org.ID == partnerID:
	default:
		return nil, kuzet.Errorf(kuzet.EFORBIDDEN, "only the police, or the partner itself, see what a partner sent")
	}
	switch status {
	case "", kuzet.ExchangeApplied, kuzet.ExchangeKept, kuzet.ExchangeQuarantined:
	default:
		return nil, kuzet.Invalid("status", "status must be applied, kept or quarantined")
	}
	if limit <= 0 || limit > 1000 {
		limit = 1000
	}
	var out []*kuzet.ExchangeObject
	err := kuzet.Transact(ctx, s.cfg.Store, false, func(tx kuzet.Tx) error {
		var err error
		out, err = tx.FindExchangeObjects(ctx, partnerID, status, limit)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("exchange: received: %w", err)
	}
	return out, nil
}

// claimsAnother returns why o speaks for another partner, or "": an
// identity object is the partner's that first sent it, and no other
// partner may send it again or objects created by it.
func claimsAnother(ctx context.Context, tx kuzet.Tx, orgID int64, o *inObject, names map[int64]string) (string, error) {
	ref := o.CreatedByRef
	if o.Type == "identity" {
		ref = o.ID
	}
	if ref == "" {
		return "", nil
	}
	senders, err := tx.FindExchangeSenders(ctx, ref)
	if err != nil {
		return "", err
	}
	for _, id := range senders {
		if id != orgID {
			return fmt.Sprintf("identity %s is %s's, which sent it first: another partner may not speak for it", ref, names[id]), nil
		}
	}
	return "", nil
}
