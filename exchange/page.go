package exchange

import (
	"bufio"
	"cmp"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
)

// Query selects objects of a collection, as TAXII's objects, manifest and
// versions endpoints take it.
type Query struct {
	AddedAfter   time.Time // only objects added after it
	Limit        int       // DefaultPageLimit when 0; at most MaxPageLimit
	Next         string    // the token of the page before
	IDs          []string  // match[id]
	Types        []string  // match[type]
	Versions     []string  // match[version]: last, first, all, or timestamps
	SpecVersions []string  // match[spec_version]
}

// Item is one object of a page, with when it entered the collection and
// its version.
type Item struct {
	Object    Object
	DateAdded time.Time
	Version   string
}

// Page is one page of a collection.
type Page struct {
	Items []Item
	More  bool
	Next  string // token of the next page when More
}

// position is a place in a collection's order: by date added, then
// static objects (class 0, by id) before reports (class 1, by report id and
// which of its two objects). Class 9 is past everything added at T.
type position struct {
	T     int64 // microseconds
	Class int
	Key   string // class 0: the object's id
	ID    int64  // class 1: the report id
	Sub   int
}

func (a position) compare(b position) int {
	if c := cmp.Compare(a.T, b.T); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Class, b.Class); c != 0 {
		return c
	}
	if c := strings.Compare(a.Key, b.Key); c != 0 {
		return c
	}
	if c := cmp.Compare(a.ID, b.ID); c != 0 {
		return c
	}
	return cmp.Compare(a.Sub, b.Sub)
}

func (p position) token() string {
	s := fmt.Sprintf("%d.%d.%s.%d.%d", p.T, p.Class, p.Key, p.ID, p.Sub)
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

func parseToken(tok string) (position, bool) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return position{}, false
	}
	f := strings.Split(string(b), ".")
	if len(f) != 5 {
		return position{}, false
	}
	var p position
	var e1, e2, e3, e4 error
	p.T, e1 = strconv.ParseInt(f[0], 10, 64)
	p.Class, e2 = strconv.Atoi(f[1])
	p.Key = f[2]
	p.ID, e3 = strconv.ParseInt(f[3], 10, 64)
	p.Sub, e4 = strconv.Atoi(f[4])
	if e1 != nil || e2 != nil || e3 != nil || e4 != nil || (p.Class != 0 && p.Class != 1 && p.Class != 9) {
		return position{}, false
	}
	return p, true
}

type staticItem struct {
	pos  position
	item Item
}

// static returns a collection's static objects in order: kuzet's identity
// and extension definitions, the TLP markings, every member organisation's
// identity (a public portal's excepted).
func (s *Service) static(ns UUID, orgs []*kuzet.Org) []staticItem {
	var out []staticItem
	for _, o := range staticObjects() {
		out = append(out, staticItem{position{T: extensionsCreated.UnixMicro(), Key: o.ID},
			Item{Object: o, DateAdded: extensionsCreated, Version: versionOf(o, extensionsCreated)}})
	}
	for _, o := range orgs {
		if o.Type == kuzet.OrgPublic {
			continue
		}
		obj := orgObject(ns, o)
		at := o.CreatedAt.UTC().Truncate(time.Microsecond)
		out = append(out, staticItem{position{T: at.UnixMicro(), Key: obj.ID}, Item{Object: obj, DateAdded: at, Version: obj.Modified}})
	}
	slices.SortFunc(out, func(a, b staticItem) int { return a.pos.compare(b.pos) })
	return out
}

func versionOf(o Object, added time.Time) string {
	if o.Modified != "" {
		return o.Modified
	}
	if o.Created != "" {
		return o.Created
	}
	return stixTime(added)
}

// checkQuery validates q and returns the position to start after.
func checkQuery(q *Query) (position, error) {
	if q.Limit == 0 {
		q.Limit = DefaultPageLimit
	}
	if q.Limit < 0 {
		return position{}, kuzet.Invalid("limit", "limit must be a positive number")
	}
	q.Limit = min(q.Limit, MaxPageLimit)
	for _, v := range q.Versions {
		if v == "last" || v == "first" || v == "all" {
			continue
		}
		if _, ok := parseTime(v); !ok {
			return position{}, kuzet.Invalid("match[version]", "match[version] takes last, first, all or a timestamp, not %q", kuzet.Clip(v, 40))
		}
	}
	start := position{T: math.MinInt64}
	if !q.AddedAfter.IsZero() {
		start = position{T: q.AddedAfter.UnixMicro(), Class: 9}
	}
	if q.Next != "" {
		p, ok := parseToken(q.Next)
		if !ok {
			return position{}, kuzet.Invalid("next", "the next token is not one this server gave")
		}
		start = p
	}
	return start, nil
}

// history reports whether q asks for versions other than the last: the
// earlier versions of reports are then read as well.
func (q *Query) history() bool {
	for _, v := range q.Versions {
		if v != "last" {
			return true
		}
	}
	return false
}

// matches applies q's match filters to an item; versions only if
// checkVersion (a report's versions are chosen among all of them).
func (q *Query) matches(it *Item, checkVersion bool) bool {
	if len(q.IDs) > 0 && !slices.Contains(q.IDs, it.Object.ID) {
		return false
	}
	if len(q.Types) > 0 && !slices.Contains(q.Types, it.Object.Type) {
		return false
	}
	if len(q.SpecVersions) > 0 && !slices.Contains(q.SpecVersions, SpecVersion) {
		return false
	}
	if checkVersion && len(q.Versions) > 0 {
		ok := false
		for _, v := range q.Versions {
			if v == "last" || v == "first" || v == "all" {
				ok = true // an object with one version: it is first, last and all
				break
			}
			if t, _ := parseTime(v); t.Equal(mustTime(it.Version)) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// pickVersions keeps, of the versions of one object (oldest first), those
// q's match[version] selects.
func (q *Query) pickVersions(vs []Item) []Item {
	if len(q.Versions) == 0 {
		return vs[len(vs)-1:]
	}
	keep := make([]bool, len(vs))
	for _, v := range q.Versions {
		switch v {
		case "all":
			for i := range keep {
				keep[i] = true
			}
		case "first":
			keep[0] = true
		case "last":
			keep[len(vs)-1] = true
		default:
			t, _ := parseTime(v)
			for i := range vs {
				if t.Equal(mustTime(vs[i].Version)) {
					keep[i] = true
				}
			}
		}
	}
	var out []Item
	for i := range vs {
		if keep[i] {
			out = append(out, vs[i])
		}
	}
	return out
}

func mustTime(s string) time.Time {
	t, _ := parseTime(s)
	return t
}

// Objects returns a page of collection id for the caller: the collection's
// static objects and the objects of every report the collection's partner
// may receive, in the order they were added, filtered by q. Every page
// served is audited. Returns ENOTFOUND for a collection the caller may not
// read, EINVALID for a bad query.
func (s *Service) Objects(ctx context.Context, p *kuzet.Principal, id string, q Query) (*Page, error) {
	c, err := s.Collection(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if !c.CanRead {
		return nil, kuzet.Errorf(kuzet.EFORBIDDEN, "collection %s is one the caller may write to, not read", c.ID)
	}
	page, err := s.page(ctx, c, q)
	if err != nil {
		return nil, err
	}
	e := &kuzet.AuditEntry{At: s.cfg.Clock(), OrgID: p.Org.ID, Action: kuzet.AuditExchangeExport,
		Object: "collection:" + c.ID, Detail: fmt.Sprintf("taxii %s objects=%d", c.audienceName(), len(page.Items))}
	if err := s.cfg.Auditor.Record(ctx, e); err != nil {
		return nil, fmt.Errorf("exchange: audit export: %w", err)
	}
	return page, nil
}

func (s *Service) page(ctx context.Context, c Collection, q Query) (*Page, error) {
	start, err := checkQuery(&q)
	if err != nil {
		return nil, err
	}
	ns, err := s.namespace(ctx)
	if err != nil {
		return nil, err
	}
	now := s.cfg.Clock()
	page := &Page{}
	err = kuzet.Transact(ctx, s.cfg.Store, false, func(tx kuzet.Tx) error {
		orgs, err := tx.FindOrgs(ctx)
		if err != nil {
			return err
		}
		aud, err := s.audienceOf(ctx, tx, c, orgs)
		if err != nil {
			return err
		}
		statics := s.static(ns, orgs)
		cases, err := s.caseItems(ctx, tx, ns, c, aud)
		if err != nil {
			return err
		}
		if len(cases) > 0 {
			statics = append(statics, cases...)
			slices.SortFunc(statics, func(a, b staticItem) int { return a.pos.compare(b.pos) })
		}
		si, _ := slices.BinarySearchFunc(statics, start, func(a staticItem, p position) int {
			if a.pos.compare(p) <= 0 {
				return -1
			}
			return 1
		})
		// Reports from the one start may be in the middle of.
		after, afterID := time.UnixMicro(start.T).UTC(), int64(0)
		switch {
		case start.T == math.MinInt64:
			after = time.Time{}
		case start.Class == 1:
			afterID = start.ID - 1
		case start.Class == 9:
			afterID = math.MaxInt64
		}
		mk := newMaker(ns)
		hist := q.history()
		var (
			buf     []Item
			bufPos  []position
			done    bool
			scanned int
			last    = start
		)
		fill := func() error {
			batch := q.Limit/2 + 1
			rs, err := tx.FindMarkedReports(ctx, after, afterID, batch)
			if err != nil {
				return err
			}
			done = len(rs) < batch
			for _, r := range rs {
				after, afterID = r.UpdatedAt, r.ID
				scanned++
				if !aud.sends(s, r, now) {
					continue
				}
				objs, ok := mk.reportObjects(r, s.level(r))
				if !ok {
					continue
				}
				if !hist {
					for k, o := range objs {
						pos := position{T: r.UpdatedAt.UnixMicro(), Class: 1, ID: r.ID, Sub: k}
						if pos.compare(start) > 0 {
							buf = append(buf, Item{Object: o, DateAdded: r.UpdatedAt, Version: versionOf(o, r.UpdatedAt)})
							bufPos = append(bufPos, pos)
						}
					}
					continue
				}
				items := make([]Item, len(objs))
				for k, o := range objs {
					items[k] = Item{Object: o, DateAdded: r.UpdatedAt, Version: versionOf(o, r.UpdatedAt)}
				}
				if items, err = s.versions(ctx, tx, mk, r, &q, items); err != nil {
					return err
				}
				for k, it := range items {
					pos := position{T: r.UpdatedAt.UnixMicro(), Class: 1, ID: r.ID, Sub: k}
					if pos.compare(start) <= 0 {
						continue
					}
					if !q.AddedAfter.IsZero() && !it.DateAdded.After(q.AddedAfter) {
						continue // an earlier version, added before added_after
					}
					buf = append(buf, it)
					bufPos = append(bufPos, pos)
				}
			}
			return nil
		}
		for {
			if len(buf) == 0 && !done {
				if scanned >= MaxScan {
					page.More, page.Next = true, last.token()
					return nil
				}
				if err := fill(); err != nil {
					return err
				}
				continue
			}
			var (
				it  Item
				pos position
			)
			switch {
			case si < len(statics) && (len(buf) == 0 || statics[si].pos.compare(bufPos[0]) < 0):
				it, pos = statics[si].item, statics[si].pos
				si++
			case len(buf) > 0:
				it, pos = buf[0], bufPos[0]
				buf, bufPos = buf[1:], bufPos[1:]
			default:
				return nil // nothing left
			}
			if !q.matches(&it, pos.Class != 1 || !hist) {
				last = pos
				continue
			}
			if len(page.Items) == q.Limit {
				page.More, page.Next = true, last.token()
				return nil
			}
			page.Items = append(page.Items, it)
			last = pos
		}
	})
	if err != nil {
		return nil, fmt.Errorf("exchange: objects: %w", err)
	}
	return page, nil
}

// Export writes every object partner org would receive as one STIX bundle
// to w, streaming, and returns how many objects it wrote. It is the bulk
// form of a collection (a file to hand over, a benchmark of the encoder);
// TAXII serves the same objects page by page. The export is audited.
func (s *Service) Export(ctx context.Context, w io.Writer, actorOrg, partnerOrg int64) (int, error) {
	ns, err := s.namespace(ctx)
	if err != nil {
		return 0, err
	}
	now := s.cfg.Clock()
	bw := bufio.NewWriterSize(w, 1<<16)
	buf := make([]byte, 0, 4096)
	n := 0
	write := func(o *Object) error {
		buf = buf[:0]
		if n > 0 {
			buf = append(buf, ',', '\n')
		}
		n++
		buf = o.AppendJSON(buf)
		_, err := bw.Write(buf)
		return err
	}
	fmt.Fprintf(bw, `{"type":"bundle","id":"bundle--%s","objects":[`+"\n", ns.V5("bundle/"+strconv.FormatInt(now.UnixNano(), 10)))
	err = kuzet.Transact(ctx, s.cfg.Store, false, func(tx kuzet.Tx) error {
		orgs, err := tx.FindOrgs(ctx)
		if err != nil {
			return err
		}
		var partner *kuzet.Org
		for _, o := range orgs {
			if o.ID == partnerOrg {
				partner = o
			}
		}
		if partner == nil || partner.Type != kuzet.OrgPartner {
			return kuzet.Invalid("partner", "organisation %d is not a partner", partnerOrg)
		}
		aud, err := s.audienceOf(ctx, tx, Collection{Partner: partner}, orgs)
		if err != nil {
			return err
		}
		statics := s.static(ns, orgs)
		cases, err := s.caseItems(ctx, tx, ns, Collection{Partner: partner}, aud)
		if err != nil {
			return err
		}
		statics = append(statics, cases...)
		for i := range statics {
			if err := write(&statics[i].item.Object); err != nil {
				return err
			}
		}
		type key struct {
			org   int64
			kind  kuzet.Kind
			value string
		}
		marks := map[key]kuzet.TLP{}
		if err := tx.ScanMarkings(ctx, func(m *kuzet.Marking) error {
			marks[key{m.OrgID, m.Kind, m.Value}] = m.TLP
			return nil
		}); err != nil {
			return err
		}
		// The store's scan and the encoding run side by side, a batch of
		// reports at a time: on two cores the export takes the longer of
		// the two, not their sum.
		const batch = 1024
		batches := make(chan []*kuzet.Report, 4)
		done := make(chan error, 1)
		go func() {
			mk := newMaker(ns)
			var mr kuzet.MarkedReport
			var werr error
			for rs := range batches {
				for _, r := range rs {
					if werr != nil {
						break
					}
					mr.Report, mr.TLP = *r, ""
					if len(marks) > 0 {
						mr.TLP = marks[key{r.OrgID, r.Kind, r.Value}]
					}
					if !aud.sends(s, &mr, now) {
						continue
					}
					objs, _ := mk.reportObjects(&mr, s.level(&mr)) // nil for a kind without an observable
					for i := range objs {
						if werr = write(&objs[i]); werr != nil {
							break
						}
					}
				}
			}
			done <- werr
		}()
		cur := make([]*kuzet.Report, 0, batch)
		seen := 0
		serr := tx.ScanReports(ctx, func(r *kuzet.Report) error {
			if seen++; seen%65536 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if cur = append(cur, r); len(cur) == batch {
				select {
				case batches <- cur:
				case err := <-done: // the writer failed: stop scanning
					done <- err
					return err
				}
				cur = make([]*kuzet.Report, 0, batch)
			}
			return nil
		})
		if serr == nil && len(cur) > 0 {
			batches <- cur
		}
		close(batches)
		werr := <-done
		if serr != nil {
			return serr
		}
		return werr
	})
	if err != nil {
		return n, fmt.Errorf("exchange: export: %w", err)
	}
	bw.WriteString("]}\n")
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("exchange: export: %w", err)
	}
	e := &kuzet.AuditEntry{At: now, OrgID: actorOrg, Action: kuzet.AuditExchangeExport,
		Object: "org:" + strconv.FormatInt(partnerOrg, 10), Detail: fmt.Sprintf("bundle objects=%d", n)}
	if err := s.cfg.Auditor.Record(ctx, e); err != nil {
		return n, fmt.Errorf("exchange: audit export: %w", err)
	}
	return n, nil
}
