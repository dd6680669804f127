package exchange

import (
	"context"
	"crypto/rand"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/registry"
)

// Defaults of Config.
const (
	DefaultTLP        = kuzet.TLPGreen
	DefaultConfidence = 0.5
	DefaultPageLimit  = 1000
	MaxPageLimit      = 10000
	// MaxScan bounds the reports one page reads when filters drop most of
	// them: the page then ends early with more and a next token.
	MaxScan = 100_000
)

// Config is what a Service is made of.
type Config struct {
	Store    kuzet.Store
	Registry *registry.Service // where imported indicators go
	Parser   *ident.Parser     // normalizes imported identifiers; cards are never imported
	Clock    kuzet.Clock
	Auditor  kuzet.Auditor // records exports; kuzet.StoreAuditor(Store) when nil

	// DefaultTLP is the level of a report nobody marked; DefaultTLP when
	// empty. CLEAR and GREEN reports go to every partner; set AMBER to
	// share nothing unmarked.
	DefaultTLP kuzet.TLP
	// DefaultConfidence is the confidence of a partner's reports until the
	// police set one; DefaultConfidence when 0.
	DefaultConfidence float64
}

// Service is the exchange's use cases. The caller checks the exchange
// permission; the service checks which collections a caller may use.
type Service struct {
	cfg Config

	mu     sync.Mutex
	loaded bool
	ns     UUID // this deployment's namespace for the ids it makes
}

// NewService returns a service over cfg.
func NewService(cfg Config) *Service {
	if cfg.Clock == nil {
		cfg.Clock = kuzet.SystemClock
	}
	if cfg.Parser == nil {
		cfg.Parser = &ident.Parser{}
	}
	if cfg.Auditor == nil {
		cfg.Auditor = kuzet.StoreAuditor(cfg.Store)
	}
	if cfg.DefaultTLP == "" {
		cfg.DefaultTLP = DefaultTLP
	}
	if cfg.DefaultConfidence == 0 {
		cfg.DefaultConfidence = DefaultConfidence
	}
	return &Service{cfg: cfg}
}

// instanceSetting names the setting holding this deployment's random id,
// from which every id it makes is derived: two deployments never make the
// same id, one deployment always makes the same.
const instanceSetting = "exchange.instance"

func (s *Service) namespace(ctx context.Context) (UUID, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.loaded {
		return s.ns, nil
	}
	// A failed read is retried by the next call.
	var id [16]byte
	rand.Read(id[:])
	var got []byte
	err := kuzet.Transact(ctx, s.cfg.Store, true, func(tx kuzet.Tx) error {
		var err error
		got, err = tx.PutSettingIfAbsent(ctx, instanceSetting, []byte(UUID(id).String()))
		return err
	})
	if err != nil {
		return UUID{}, fmt.Errorf("exchange: instance id: %w", err)
	}
	u, ok := ParseUUID(string(got))
	if !ok {
		return UUID{}, fmt.Errorf("exchange: setting %s holds %q, not a UUID", instanceSetting, got)
	}
	s.ns, s.loaded = kuzetNamespace.V5("instance/"+u.String()), true
	return s.ns, nil
}

// OrgIdentity returns the STIX identity id of an organisation of this
// deployment.
func (s *Service) OrgIdentity(ctx context.Context, orgID int64) (string, error) {
	ns, err := s.namespace(ctx)
	if err != nil {
		return "", err
	}
	return orgIdentity(ns, orgID), nil
}

func orgIdentity(ns UUID, orgID int64) string {
	return "identity--" + ns.V5("org/"+strconv.FormatInt(orgID, 10)).String()
}

// Collection is a TAXII collection: what kuzet shares with one partner,
// which the partner reads and writes its own reports to; or what it shares
// with a sharing group of partners, which each member reads or writes as
// the police set.
type Collection struct {
	ID          string
	Title       string
	Description string
	CanRead     bool
	CanWrite    bool
	Partner     *kuzet.Org          // a partner's collection; nil for a group's
	Group       *kuzet.SharingGroup // a sharing group's collection; nil for a partner's
}

// Collections returns the collections the caller may see: a partner its
// own and those of the groups it is a member of (as the group lets it
// read or write), the police every one (to read what each receives).
func (s *Service) Collections(ctx context.Context, p *kuzet.Principal) ([]Collection, error) {
	ns, err := s.namespace(ctx)
	if err != nil {
		return nil, err
	}
	var (
		orgs   []*kuzet.Org
		groups []*kuzet.SharingGroup
	)
	if err := kuzet.Transact(ctx, s.cfg.Store, false, func(tx kuzet.Tx) error {
		if orgs, err = tx.FindOrgs(ctx); err != nil {
			return err
		}
		groups, err = tx.FindSharingGroups(ctx)
		return err
	}); err != nil {
		return nil, fmt.Errorf("exchange: collections: %w", err)
	}
	police := p.Org.Type == kuzet.OrgPolice
	var out []Collection
	for _, o := range orgs {
		if o.Type != kuzet.OrgPartner {
			continue
		}
		own := p.Org.ID == o.ID
		if !own && !police {
			continue
		}
		out = append(out, Collection{
			ID: ns.V5("collection/" + strconv.FormatInt(o.ID, 10)).String(), Title: "kuzet: " + o.Name,
			Description: "Indicators shared with " + o.Name + ", and the reports it sends.",
			CanRead:     true, CanWrite: own, Partner: o,
		})
	}
	for _, g := range groups {
		c := Collection{ID: groupCollectionID(ns, g.ID), Title: "kuzet group: " + g.Name, Description: g.Description, Group: g}
		if c.Description == "" {
			c.Description = "Indicators shared with the sharing group " + g.Name + ", and the reports its members send."
		}
		switch {
		case police:
			c.CanRead = true
		case p.Org.Type == kuzet.OrgPartner:
			for _, m := range g.Members {
				if m.OrgID == p.Org.ID {
					c.CanRead, c.CanWrite = m.CanRead, m.CanWrite
				}
			}
			if !c.CanRead && !c.CanWrite {
				continue
			}
		default:
			continue
		}
		out = append(out, c)
	}
	return out, nil
}

func groupCollectionID(ns UUID, groupID int64) string {
	return ns.V5("group/" + strconv.FormatInt(groupID, 10)).String()
}

// Collection returns the caller's collection id. Returns ENOTFOUND if it
// does not exist or the caller may not see it.
func (s *Service) Collection(ctx context.Context, p *kuzet.Principal, id string) (Collection, error) {
	cs, err := s.Collections(ctx, p)
	if err != nil {
		return Collection{}, err
	}
	for _, c := range cs {
		if c.ID == id {
			return c, nil
		}
	}
	return Collection{}, kuzet.Errorf(kuzet.ENOTFOUND, "collection %s not found", kuzet.Clip(id, 64))
}

// partner returns the settings of orgID, or the defaults.
func (s *Service) partner(ctx context.Context, tx kuzet.Tx, orgID int64) (*kuzet.Partner, error) {
	p, err := tx.FindPartner(ctx, orgID)
	if kuzet.ErrorCode(err) == kuzet.ENOTFOUND {
		return &kuzet.Partner{OrgID: orgID, Confidence: s.cfg.DefaultConfidence}, nil
	}
	return p, err
}

// allows reports whether partner p may receive level t.
func allows(p *kuzet.Partner, t kuzet.TLP) bool {
	switch t {
	case kuzet.TLPClear, kuzet.TLPGreen:
		return true
	case kuzet.TLPAmber:
		return p.AllowAmber
	case kuzet.TLPAmberStrict:
		return p.AllowAmberStrict
	}
	return false // RED, and anything unknown
}

// PartnerSettings are the settings the police give a partner.
type PartnerSettings struct {
	Confidence       float64
	AllowAmber       bool
	AllowAmberStrict bool
}

// SetPartner sets how far a partner's reports are trusted and which
// restricted levels it receives. Only the police set them: returns
// EFORBIDDEN for anyone else, EINVALID if orgID is not a partner or the
// confidence is not in (0, 1].
func (s *Service) SetPartner(ctx context.Context, p *kuzet.Principal, orgID int64, ps PartnerSettings) (*kuzet.Partner, error) {
	if !p.Can(kuzet.PermPartnerWrite) {
		return nil, kuzet.Errorf(kuzet.EFORBIDDEN, "only the police set a partner's confidence and TLP levels")
	}
	actorOrg := p.Org.ID
	if !(ps.Confidence > 0 && ps.Confidence <= 1) {
		return nil, kuzet.Invalid("confidence", "confidence must be in (0, 1]")
	}
	now := s.cfg.Clock()
	pt := &kuzet.Partner{OrgID: orgID, Confidence: ps.Confidence, AllowAmber: ps.AllowAmber,
		AllowAmberStrict: ps.AllowAmberStrict, UpdatedAt: now}
	err := kuzet.Transact(ctx, s.cfg.Store, true, func(tx kuzet.Tx) error {
		o, err := tx.FindOrgByID(ctx, orgID)
		if err != nil {
			return err
		}
		if o.Type != kuzet.OrgPartner {
			return kuzet.Invalid("org_id", "organisation %d is a %s organisation, not a partner", orgID, o.Type)
		}
		if err := tx.PutPartner(ctx, pt); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: actorOrg, Action: kuzet.AuditExchangePartner,
			Object: "org:" + strconv.FormatInt(orgID, 10),
			Detail: fmt.Sprintf("confidence=%g amber=%t amber+strict=%t", pt.Confidence, pt.AllowAmber, pt.AllowAmberStrict)})
	})
	if err != nil {
		return nil, fmt.Errorf("exchange: set partner: %w", err)
	}
	return pt, nil
}

// SetMarking sets the TLP level at which orgID's reports on an indicator
// are shared. Returns EINVALID for an unknown level or a bad indicator.
func (s *Service) SetMarking(ctx context.Context, orgID int64, kind kuzet.Kind, raw string, tlp kuzet.TLP) (kuzet.Indicator, error) {
	tlp = kuzet.TLP(strings.ToLower(string(tlp)))
	if !tlp.Valid() {
		return kuzet.Indicator{}, kuzet.Invalid("tlp", "tlp must be one of clear, green, amber, amber+strict, red")
	}
	ind, err := s.cfg.Parser.Parse(kind, raw)
	if err != nil {
		return ind, err
	}
	now := s.cfg.Clock()
	err = kuzet.Transact(ctx, s.cfg.Store, true, func(tx kuzet.Tx) error {
		if err := tx.PutMarking(ctx, &kuzet.Marking{OrgID: orgID, Kind: ind.Kind, Value: ind.Value, TLP: tlp}); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditExchangeMarking,
			Object: ind.Key(), Detail: "tlp=" + string(tlp)})
	})
	if err != nil {
		return ind, fmt.Errorf("exchange: set marking: %w", err)
	}
	return ind, nil
}

// shared reports whether report r goes out at all, to anyone: live,
// confirmed (a victim's unconfirmed naming stays home), marked below RED.
func (s *Service) level(r *kuzet.MarkedReport) kuzet.TLP {
	if r.TLP != "" {
		return r.TLP
	}
	return s.cfg.DefaultTLP
}

func (s *Service) shareable(r *kuzet.MarkedReport, now time.Time) bool {
	return r.Live(now) && r.Category != kuzet.CategoryVictimReport && s.level(r) != kuzet.TLPRed
}

// maker builds reports' objects, keeping the ids of the organisations it
// has named: an export names the same few thousand times.
type maker struct {
	ns  UUID
	ids map[int64]string
}

func newMaker(ns UUID) *maker { return &maker{ns: ns, ids: map[int64]string{}} }

func (m *maker) identity(orgID int64) string {
	id, ok := m.ids[orgID]
	if !ok {
		id = orgIdentity(m.ns, orgID)
		m.ids[orgID] = id
	}
	return id
}

// markRefs and categoryLabels are shared, read-only slices: one
// allocation less per object.
var (
	markRefs       = map[kuzet.TLP][]string{}
	categoryLabels = map[kuzet.Category][]string{}
	maliciousTypes = []string{"malicious-activity"}
	unknownTypes   = []string{"unknown"}
)

func init() {
	for t, id := range tlpMarkingIDs {
		markRefs[t] = []string{id}
	}
	for _, c := range kuzet.Categories {
		categoryLabels[c] = []string{string(c)}
	}
}

// reportObjects returns the STIX objects of one report: its observable, its
// indicator and, when the reporter has reported it again since, a sighting.
func (m *maker) reportObjects(r *kuzet.MarkedReport, tlp kuzet.TLP) ([]Object, bool) {
	sco, pattern, ok := observable(r.Kind, r.Value)
	if !ok {
		return nil, false
	}
	marks := markRefs[tlp]
	sco.ObjectMarkingRefs = marks
	conf := int(r.Confidence*100 + 0.5)
	created, modified := stixTime(r.CreatedAt), stixTime(r.UpdatedAt)
	types := maliciousTypes
	if r.Category == kuzet.CategoryOther {
		types = unknownTypes
	}
	labels := categoryLabels[r.Category]
	if labels == nil {
		labels = []string{string(r.Category)}
	}
	ind := Object{Type: "indicator", SpecVersion: SpecVersion,
		ID:           "indicator--" + m.ns.V5("indicator/"+strconv.FormatInt(r.OrgID, 10)+"/"+string(r.Kind)+"/"+r.Value+"/"+string(r.Category)).String(),
		CreatedByRef: m.identity(r.OrgID), Created: created, Modified: modified,
		Name: string(r.Kind) + " " + r.Value, IndicatorTypes: types, Pattern: pattern,
		PatternType: "stix", ValidFrom: created, Labels: labels, Confidence: &conf, ObjectMarkingRefs: marks}
	if !r.ValidUntil.IsZero() && r.ValidUntil.After(r.CreatedAt) {
		ind.ValidUntil = stixTime(r.ValidUntil)
	}
	if !r.UpdatedAt.After(r.CreatedAt) {
		return []Object{sco, ind}, true
	}
	// Reported again since: a sighting of the indicator by its reporter,
	// from the first report to the last. The store keeps no count of the
	// reports between, so the sighting says none.
	who := []string{ind.CreatedByRef}
	sig := Object{Type: "sighting", SpecVersion: SpecVersion,
		ID:           "sighting--" + m.ns.V5("sighting/"+strconv.FormatInt(r.OrgID, 10)+"/"+string(r.Kind)+"/"+r.Value+"/"+string(r.Category)).String(),
		CreatedByRef: ind.CreatedByRef, Created: created, Modified: modified, SightingOfRef: ind.ID,
		FirstSeen: created, LastSeen: modified, WhereSightedRefs: who, Confidence: &conf, ObjectMarkingRefs: marks}
	return []Object{sco, ind, sig}, true
}

// orgObject is an organisation's identity.
func orgObject(ns UUID, o *kuzet.Org) Object {
	return Object{Type: "identity", SpecVersion: SpecVersion, ID: orgIdentity(ns, o.ID), Created: stixTime(o.CreatedAt),
		Modified: stixTime(o.CreatedAt), Name: o.Name, IdentityClass: "organization",
		Description:       "A " + string(o.Type) + " organisation of a kuzet deployment.",
		ObjectMarkingRefs: []string{tlpMarkingIDs[kuzet.TLPClear]}}
}
