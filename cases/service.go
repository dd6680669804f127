// Package cases is the police's side of kuzet: every victim's report is
// filed into a case (joining the case of earlier reports that share its
// identifiers, or opening one), cases move along their workflow, and the
// link graph of reports, identifiers, devices, suspects and call centres is
// kept as the data arrives, so that organised groups show up as
// communities an analyst can turn into a case in one step. It also counts
// the briefing's police figures.
//
// Only the police see cases; the caller checks the permission, the
// service audits every change in its transaction and every read of
// victims' personal data through the Auditor.
package cases

import (
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/registry"
)

// Limits of case input and evidence.
const (
	MaxEvidenceBytes = 20 << 20 // one evidence file
	maxTitle         = 200
	maxText          = 4000
	maxName          = 200
	maxReason        = 500
	maxIdentifiers   = 100
)

// DefaultHubDegree is how many reports an identifier may be named in before
// it counts as a hub (a bank's hotline, a marketplace's domain): a hub does
// not join reports into one case, and weighs little in the groups.
const DefaultHubDegree = 50

// EvidenceTypes are the content types evidence may have: documents,
// pictures, recordings, exports. Anything else (executables, archives that
// could hold them) is refused.
var EvidenceTypes = []string{"application/pdf", "image/png", "image/jpeg", "image/webp", "audio/mpeg",
	"audio/ogg", "audio/wav", "video/mp4", "text/plain", "text/csv", "application/json", "message/rfc822"}

// Regions are Kazakhstan's 17 regions and the 3 cities of republican
// significance, as reports name them; Config.Regions replaces the list.
var Regions = []string{"Astana", "Almaty", "Shymkent", "Abai", "Akmola", "Aktobe", "Almaty Region", "Atyrau",
	"East Kazakhstan", "Jambyl", "Jetisu", "Karaganda", "Kostanay", "Kyzylorda", "Mangystau", "North Kazakhstan",
	"Pavlodar", "Turkistan", "Ulytau", "West Kazakhstan"}

// regionSpellings are other Latin spellings of the listed regions that
// reports give (the older transliteration, a word for "region" added):
// a report is filed under the listed name.
var regionSpellings = map[string]string{
	"zhambyl": "Jambyl", "zhetysu": "Jetisu", "jetysu": "Jetisu", "turkestan": "Turkistan",
	"nur-sultan": "Astana", "almaty oblast": "Almaty Region", "akmola region": "Akmola", "aktobe region": "Aktobe",
	"aqtobe": "Aktobe", "karagandy": "Karaganda", "qaraghandy": "Karaganda", "kostanai": "Kostanay",
	"qostanay": "Kostanay", "kyzylorda region": "Kyzylorda", "mangystau region": "Mangystau", "mangistau": "Mangystau",
	"pavlodar region": "Pavlodar", "atyrau region": "Atyrau", "abai region": "Abai", "abay": "Abai",
	"ulytau region": "Ulytau", "east kazakhstan region": "East Kazakhstan", "west kazakhstan region": "West Kazakhstan",
	"north kazakhstan region": "North Kazakhstan", "jambyl region": "Jambyl", "jetisu region": "Jetisu",
	"turkistan region": "Turkistan", "karaganda region": "Karaganda", "kostanay region": "Kostanay",
}

// Channels and Schemes are the values a report's channel and scheme are
// counted by; others are kept as filed and flagged.
var (
	Channels = []string{"call", "sms", "messenger", "website", "marketplace", "social_network"}
	Schemes  = []string{"fake_bank_security", "fake_police", "investment", "marketplace_prepayment", "loan",
		"relative_in_trouble", "job_offer", "other"}
)

// Config sets up a Service. Zero fields take the defaults in brackets.
type Config struct {
	Store     kuzet.Store       // required
	Clock     kuzet.Clock       // [kuzet.SystemClock]
	Audit     kuzet.Auditor     // records reads of cases [kuzet.StoreAuditor(Store)]
	Parser    *ident.Parser     // parses graph seeds and suspects' identifiers [zero Parser]
	Registry  *registry.Service // takes identifiers the police confirm [none: confirming is refused]
	Logger    *slog.Logger      // [slog.Default()]
	Regions   []string          // [Regions]
	HubDegree int               // [DefaultHubDegree]

	// GroupsEvery bounds how often the communities are recomputed while
	// reports arrive [1s]: a new report is in its group within it.
	GroupsEvery time.Duration
}

// Service owns cases, the link graph and the police figures.
type Service struct {
	store     kuzet.Store
	clock     kuzet.Clock
	audit     kuzet.Auditor
	parser    *ident.Parser
	registry  *registry.Service
	log       *slog.Logger
	regions   map[string]string // lower-case name → name as listed
	hubDegree int
	every     time.Duration

	// The communities, recomputed when the graph has changed since.
	gen        atomic.Int64 // bumped by every graph change
	groupsMu   sync.Mutex
	groups     *groupCache
	refreshing atomic.Bool // a recomputation runs in the background
	big        atomic.Bool // the communities took SyncGroupsLimit or more
	pendMu     sync.Mutex
	pending    []pendingReport // filed since the communities were computed
}

// NewService returns a service over cfg.
func NewService(cfg Config) *Service {
	s := &Service{store: cfg.Store, clock: cfg.Clock, audit: cfg.Audit, parser: cfg.Parser, registry: cfg.Registry, log: cfg.Logger,
		hubDegree: cfg.HubDegree, every: cfg.GroupsEvery}
	if s.clock == nil {
		s.clock = kuzet.SystemClock
	}
	if s.audit == nil {
		s.audit = kuzet.StoreAuditor(s.store)
	}
	if s.parser == nil {
		s.parser = &ident.Parser{}
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.hubDegree <= 0 {
		s.hubDegree = DefaultHubDegree
	}
	if s.every <= 0 {
		s.every = time.Second
	}
	regions := cfg.Regions
	if regions == nil {
		regions = Regions
	}
	s.regions = map[string]string{}
	for _, r := range regions {
		s.regions[lower(r)] = r
	}
	if cfg.Regions == nil {
		for other, r := range regionSpellings {
			s.regions[other] = r
		}
	}
	return s
}
