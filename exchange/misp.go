package exchange

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
)

// A MISP feed is a directory of files a MISP instance fetches: a manifest
// of events, hashes.csv (the MD5 of every attribute value and its event)
// and one JSON file per event. kuzet's events are one per reporting
// organisation and TLP level, their attributes the organisation's
// indicators that the caller may receive.

// MISPTag is a MISP tag.
type MISPTag struct {
	Name   string `json:"name"`
	Colour string `json:"colour,omitempty"`
}

// MISPOrg names an event's creator.
type MISPOrg struct {
	Name string `json:"name"`
	UUID string `json:"uuid"`
}

// MISPAttribute is one indicator of an event.
type MISPAttribute struct {
	UUID      string    `json:"uuid"`
	Type      string    `json:"type"`
	Category  string    `json:"category"`
	Value     string    `json:"value"`
	ToIDS     bool      `json:"to_ids"`
	Timestamp string    `json:"timestamp"`
	Comment   string    `json:"comment,omitempty"`
	Tag       []MISPTag `json:"Tag,omitempty"`
}

// MISPEvent is one event of the feed.
type MISPEvent struct {
	UUID             string          `json:"uuid"`
	Info             string          `json:"info"`
	Date             string          `json:"date"`
	Timestamp        string          `json:"timestamp"`
	PublishTimestamp string          `json:"publish_timestamp"`
	Published        bool            `json:"published"`
	Analysis         string          `json:"analysis"`
	ThreatLevelID    string          `json:"threat_level_id"`
	Orgc             MISPOrg         `json:"Orgc"`
	Tag              []MISPTag       `json:"Tag"`
	Attribute        []MISPAttribute `json:"Attribute"`
}

// MISPManifestEntry is an event's line in manifest.json.
type MISPManifestEntry struct {
	Info             string    `json:"info"`
	Date             string    `json:"date"`
	Timestamp        string    `json:"timestamp"`
	PublishTimestamp string    `json:"publish_timestamp"`
	Analysis         string    `json:"analysis"`
	ThreatLevelID    string    `json:"threat_level_id"`
	Orgc             MISPOrg   `json:"Orgc"`
	Tag              []MISPTag `json:"Tag"`
}

// MISPFeed is the whole feed as one caller may see it.
type MISPFeed struct {
	Events []*MISPEvent // by UUID
}

// Manifest returns manifest.json's contents.
func (f *MISPFeed) Manifest() map[string]MISPManifestEntry {
	m := make(map[string]MISPManifestEntry, len(f.Events))
	for _, e := range f.Events {
		m[e.UUID] = MISPManifestEntry{Info: e.Info, Date: e.Date, Timestamp: e.Timestamp, PublishTimestamp: e.PublishTimestamp,
			Analysis: e.Analysis, ThreatLevelID: e.ThreatLevelID, Orgc: e.Orgc, Tag: e.Tag}
	}
	return m
}

// Hashes returns hashes.csv's contents: "md5 of the value,event uuid" a line.
func (f *MISPFeed) Hashes() string {
	var b strings.Builder
	for _, e := range f.Events {
		for _, a := range e.Attribute {
			h := md5.Sum([]byte(a.Value))
			b.WriteString(hex.EncodeToString(h[:]))
			b.WriteByte(',')
			b.WriteString(e.UUID)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// Event returns the event uuid, or nil.
func (f *MISPFeed) Event(uuid string) *MISPEvent {
	i, ok := slices.BinarySearchFunc(f.Events, uuid, func(e *MISPEvent, u string) int { return strings.Compare(e.UUID, u) })
	if !ok {
		return nil
	}
	return f.Events[i]
}

var tlpColour = map[kuzet.TLP]string{kuzet.TLPClear: "#ffffff", kuzet.TLPGreen: "#33ff00", kuzet.TLPAmber: "#ffc000",
	kuzet.TLPAmberStrict: "#ffc000"}

// mispAttribute maps an indicator to MISP's type and category; ok is false
// for a kind MISP has no safe type for (a card token is not a card number,
// which MISP's cc-number would claim it is).
func mispAttribute(kind kuzet.Kind, value string) (typ, category string, ok bool) {
	switch kind {
	case kuzet.KindDomain:
		return "domain", "Network activity", true
	case kuzet.KindURL:
		return "url", "Network activity", true
	case kuzet.KindIP:
		return "ip-dst", "Network activity", true
	case kuzet.KindEmail:
		return "email-src", "Payload delivery", true
	case kuzet.KindPhone:
		return "phone-number", "Financial fraud", true
	case kuzet.KindIBAN:
		return "iban", "Financial fraud", true
	case kuzet.KindAccount:
		return "bank-account-nr", "Financial fraud", true
	case kuzet.KindWallet:
		if strings.HasPrefix(value, "bc1") || strings.HasPrefix(value, "1") || strings.HasPrefix(value, "3") {
			return "btc", "Financial fraud", true
		}
		return "text", "Financial fraud", true
	case kuzet.KindIMEI:
		return "text", "Other", true
	}
	return "", "", false
}

// MISPFeed returns the feed the caller may see: a partner what its TLP
// rights allow (never its own reports), anyone else (the police) what a
// partner without AMBER rights would. The read is audited.
func (s *Service) MISPFeed(ctx context.Context, p *kuzet.Principal, what string) (*MISPFeed, error) {
	ns, err := s.namespace(ctx)
	if err != nil {
		return nil, err
	}
	now := s.cfg.Clock()
	viewer := int64(0)
	if p.Org.Type == kuzet.OrgPartner {
		viewer = p.Org.ID
	}
	events := map[string]*MISPEvent{}
	latest := map[string]time.Time{}
	err = kuzet.Transact(ctx, s.cfg.Store, false, func(tx kuzet.Tx) error {
		orgs, err := tx.FindOrgs(ctx)
		if err != nil {
			return err
		}
		aud := &audience{partners: partnerIDs(orgs), exclude: viewer}
		if viewer != 0 {
			partner, err := s.partner(ctx, tx, viewer)
			if err != nil {
				return err
			}
			aud.rights = *partner
		}
		names := map[int64]string{}
		for _, o := range orgs {
			names[o.ID] = o.Name
		}
		after, afterID := time.Time{}, int64(0)
		const batch = 10000
		for {
			rs, err := tx.FindMarkedReports(ctx, after, afterID, batch)
			if err != nil {
				return err
			}
			for _, r := range rs {
				after, afterID = r.UpdatedAt, r.ID
				tlp := s.level(r)
				if !aud.sends(s, r, now) {
					continue
				}
				typ, cat, ok := mispAttribute(r.Kind, r.Value)
				if !ok {
					continue
				}
				key := "misp/event/" + strconv.FormatInt(r.OrgID, 10) + "/" + string(tlp)
				e := events[key]
				if e == nil {
					tag := []MISPTag{{Name: "tlp:" + string(tlp), Colour: tlpColour[tlp]}}
					e = &MISPEvent{UUID: ns.V5(key).String(), Info: fmt.Sprintf("kuzet: indicators reported by %s (TLP:%s)", names[r.OrgID], strings.ToUpper(string(tlp))),
						Published: true, Analysis: "2", ThreatLevelID: "2", Tag: tag,
						Orgc: MISPOrg{Name: names[r.OrgID], UUID: ns.V5("org/" + strconv.FormatInt(r.OrgID, 10)).String()}}
					events[key] = e
				}
				ts := strconv.FormatInt(r.UpdatedAt.Unix(), 10)
				if r.UpdatedAt.After(latest[key]) { // the event changes when any of its attributes does
					latest[key] = r.UpdatedAt
					e.Timestamp, e.PublishTimestamp, e.Date = ts, ts, r.UpdatedAt.UTC().Format("2006-01-02")
				}
				e.Attribute = append(e.Attribute, MISPAttribute{
					UUID: ns.V5("misp/attribute/" + strconv.FormatInt(r.OrgID, 10) + "/" + string(r.Kind) + "/" + r.Value + "/" + string(r.Category)).String(),
					Type: typ, Category: cat, Value: r.Value, ToIDS: true, Timestamp: ts,
					Comment: fmt.Sprintf("%s %s, confidence %.2f", r.Category, r.Kind, r.Confidence)})
			}
			if len(rs) < batch {
				return nil
			}
		}
	})
	if err != nil {
		return nil, fmt.Errorf("exchange: MISP feed: %w", err)
	}
	f := &MISPFeed{}
	n := 0
	for _, e := range events {
		f.Events = append(f.Events, e)
		n += len(e.Attribute)
	}
	slices.SortFunc(f.Events, func(a, b *MISPEvent) int { return strings.Compare(a.UUID, b.UUID) })
	entry := &kuzet.AuditEntry{At: now, OrgID: p.Org.ID, Action: kuzet.AuditExchangeExport, Object: "misp-feed",
		Detail: fmt.Sprintf("misp %s events=%d attributes=%d", kuzet.Clip(what, 60), len(f.Events), n)}
	if err := s.cfg.Auditor.Record(ctx, entry); err != nil {
		return nil, fmt.Errorf("exchange: audit export: %w", err)
	}
	return f, nil
}
