package registry_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/sqlite"
)

// MustOpenDB opens a SQLite store in a temporary directory.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// auditLog is an Auditor that keeps what it is given.
type auditLog struct {
	mu      sync.Mutex
	entries []*kuzet.AuditEntry
	err     error
}

func (l *auditLog) Record(ctx context.Context, entries ...*kuzet.AuditEntry) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.err != nil {
		return l.err
	}
	l.entries = append(l.entries, entries...)
	return nil
}

func (l *auditLog) objects() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, e := range l.entries {
		out = append(out, e.Action+" "+e.Object)
	}
	return out
}

// testClock is a clock tests move.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type fixture struct {
	db    *sqlite.DB
	svc   *registry.Service
	audit *auditLog
	clock *testClock
}

var cardKey = []byte("0123456789abcdef0123456789abcdef")

func newFixture(tb testing.TB) *fixture {
	tb.Helper()
	f := &fixture{db: MustOpenDB(tb), audit: &auditLog{}, clock: &testClock{t: now}}
	f.svc = registry.NewService(f.db, &ident.Parser{CardKey: cardKey}, f.clock.now, f.audit)
	return f
}

// storedAudit returns "action object" of every entry in the store's chain.
func storedAudit(tb testing.TB, db kuzet.Store) []string {
	tb.Helper()
	ctx := context.Background()
	tx, err := db.Begin(ctx, false)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	var out []string
	err = tx.ScanAudit(ctx, 1, func(e *kuzet.AuditEntry) error {
		out = append(out, e.Action+" "+e.Object)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

func storedReports(tb testing.TB, db kuzet.Store, kind kuzet.Kind, value string) []*kuzet.Report {
	tb.Helper()
	ctx := context.Background()
	tx, err := db.Begin(ctx, false)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	rs, err := tx.FindReports(ctx, kind, value)
	if err != nil {
		tb.Fatal(err)
	}
	return rs
}

// fieldsOf returns the field paths of an error.
func fieldsOf(err error) []string {
	var out []string
	for _, f := range kuzet.ErrorFields(err) {
		out = append(out, f.Field)
	}
	return out
}

func TestServiceSubmit(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	items := []registry.Submission{
		{Kind: kuzet.KindPhone, Value: "8 (701) 123-45-67", Category: kuzet.CategoryScamCall, Confidence: 0.9},
		{Kind: kuzet.KindPhone, Value: "hello", Category: kuzet.CategoryScamCall},
		{Kind: kuzet.KindDomain, Value: "kaspi-bonus.kz", Category: "nonsense"},
		{Kind: kuzet.KindIBAN, Value: "KZ86125KZT5004100100", Category: kuzet.CategoryMuleAccount, Confidence: 1.5},
		{Kind: kuzet.KindIBAN, Value: "KZ86125KZT5004100100", Category: kuzet.CategoryMuleAccount, ValidUntil: now.Add(-time.Second)},
		{Kind: kuzet.KindEmail, Value: "a@b.kz", Category: kuzet.CategoryOther, Evidence: strings.Repeat("x", registry.MaxEvidence+1)},
		{Kind: "nonsense", Value: "1", Category: kuzet.CategoryScamCall},
		{Kind: kuzet.KindPhone, Value: "junk", Category: "junk", Confidence: -1},
		{Kind: kuzet.KindIBAN, Value: "kz86 125k zt50 0410 0100", Category: kuzet.CategoryMuleAccount, ValidUntil: now.Add(time.Hour)},
		{Kind: kuzet.KindCard, Value: "4111 1111 1111 1111", Category: kuzet.CategoryMuleAccount, Confidence: 0.7},
	}
	results, err := f.svc.Submit(ctx, 7, items)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != len(items) {
		t.Fatalf("results: got %d, want %d", len(results), len(items))
	}
	wantFields := map[int][]string{
		1: {"indicators[1].value"},
		2: {"indicators[2].category"},
		3: {"indicators[3].confidence"},
		4: {"indicators[4].valid_until"},
		5: {"indicators[5].evidence"},
		6: {"indicators[6].kind"},
		7: {"indicators[7].value", "indicators[7].category", "indicators[7].confidence"},
	}
	for i, r := range results {
		if r.Index != i {
			t.Errorf("%d: index: got %d, want %d", i, r.Index, i)
		}
		want, bad := wantFields[i]
		if !bad {
			if r.Err != nil || r.Status != registry.StatusAccepted {
				t.Errorf("%d: got status %q error %v, want accepted", i, r.Status, r.Err)
			}
			continue
		}
		if kuzet.ErrorCode(r.Err) != kuzet.EINVALID {
			t.Errorf("%d: code: got %q, want %q", i, kuzet.ErrorCode(r.Err), kuzet.EINVALID)
		}
		if got := fieldsOf(r.Err); !reflect.DeepEqual(got, want) {
			t.Errorf("%d: fields: got %v, want %v", i, got, want)
		}
		if r.Status != "" {
			t.Errorf("%d: status: got %q, want none", i, r.Status)
		}
	}
	if got, want := results[0].Indicator.Value, "+77011234567"; got != want {
		t.Errorf("normalized: got %q, want %q", got, want)
	}
	if got := results[9].Indicator.Value; strings.Contains(got, "4111111111111111") || len(got) <= 22 {
		t.Errorf("card value: got %q, want a token longer than a slot holds", got)
	}

	// The accepted items are in the store, with their audit entries, and in
	// the index.
	iban := results[8].Indicator.Value
	wantAudit := []string{
		"indicator.report phone:+77011234567",
		"indicator.report iban:" + iban,
		"indicator.report card:" + results[9].Indicator.Value,
	}
	if got := storedAudit(t, f.db); !reflect.DeepEqual(got, wantAudit) {
		t.Errorf("audit: got %v, want %v", got, wantAudit)
	}
	rs := storedReports(t, f.db, kuzet.KindIBAN, iban)
	if len(rs) != 1 || rs[0].OrgID != 7 || rs[0].Confidence != registry.DefaultConfidence || !rs[0].ValidUntil.Equal(now.Add(time.Hour)) {
		t.Errorf("stored: got %+v, want one report of org 7 at confidence 0.5 until an hour on", rs)
	}
	a, err := f.svc.Lookup(ctx, 3, kuzet.KindPhone, "+7 701 123 45 67", false)
	if err != nil {
		t.Fatal(err)
	}
	if a.Risk != kuzet.RiskHigh || a.Score != 0.9 || a.Reporters != 1 {
		t.Errorf("lookup: got %s, want high 0.9 by one reporter", show(a))
	}
	a, err = f.svc.Lookup(ctx, 3, kuzet.KindCard, "4111-1111-1111-1111", false)
	if err != nil {
		t.Fatal(err)
	}
	if a.Risk != kuzet.RiskMedium || a.Reporters != 1 {
		t.Errorf("card lookup: got %s, want medium by one reporter", show(a))
	}
	if f.svc.Index().Len() != 3 {
		t.Errorf("index len: got %d, want 3", f.svc.Index().Len())
	}
}

func TestServiceSubmitBatchLimits(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	item := registry.Submission{Kind: kuzet.KindPhone, Value: "+77011234567", Category: kuzet.CategoryScamCall}
	tests := []struct {
		name  string
		items []registry.Submission
	}{
		{"empty", nil},
		{"too many", slices.Repeat([]registry.Submission{item}, registry.MaxBatch+1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.svc.Submit(ctx, 1, tc.items)
			if got := fieldsOf(err); kuzet.ErrorCode(err) != kuzet.EINVALID || !reflect.DeepEqual(got, []string{"indicators"}) {
				t.Errorf("got %v (fields %v), want EINVALID on indicators", err, got)
			}
		})
	}
	if got := storedAudit(t, f.db); len(got) != 0 {
		t.Errorf("audit: got %v, want nothing", got)
	}
}

func TestServiceSubmitAgainUpdates(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	sub := func(conf float64) {
		t.Helper()
		rs, err := f.svc.Submit(ctx, 1, []registry.Submission{{Kind: kuzet.KindPhone, Value: "+77011234567", Category: kuzet.CategoryScamCall, Confidence: conf}})
		if err != nil || rs[0].Err != nil {
			t.Fatalf("submit: got %v %v, want success", err, rs[0].Err)
		}
	}
	sub(0.9)
	f.clock.add(time.Hour)
	sub(0.4)
	rs := storedReports(t, f.db, kuzet.KindPhone, "+77011234567")
	if len(rs) != 1 || rs[0].Confidence != 0.4 || !rs[0].CreatedAt.Equal(now) || !rs[0].UpdatedAt.Equal(now.Add(time.Hour)) {
		t.Fatalf("stored: got %+v, want one report at 0.4 created at %v", rs, now)
	}
	a := f.svc.Index().Assess(kuzet.KindPhone, "+77011234567", f.clock.now())
	if a.Score != 0.4 || a.Reporters != 1 || !a.FirstSeen.Equal(now) || !a.LastSeen.Equal(now.Add(time.Hour)) {
		t.Errorf("got %s, want score 0.4, one reporter, seen from %v", show(a), now)
	}
}

func TestServiceWithdraw(t *testing.T) {
	ctx := context.Background()
	const phone = "+77011234567"
	tests := []struct {
		name      string
		org       int64
		category  kuzet.Category
		code      string
		reporters int
		removed   int // audit entries of the withdrawal
	}{
		{"one category", 1, kuzet.CategoryScamCall, "", 2, 1},
		{"all categories", 1, "", "", 1, 2},
		{"not reported by org", 3, "", kuzet.ENOTFOUND, 2, 0},
		{"category not reported", 2, kuzet.CategorySpoofedCLI, kuzet.ENOTFOUND, 2, 0},
		{"bad category", 1, "nonsense", kuzet.EINVALID, 2, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			for _, s := range []struct {
				org int64
				cat kuzet.Category
			}{{1, kuzet.CategoryScamCall}, {1, kuzet.CategorySpoofedCLI}, {2, kuzet.CategoryScamCall}} {
				if _, err := f.svc.Submit(ctx, s.org, []registry.Submission{{Kind: kuzet.KindPhone, Value: phone, Category: s.cat, Confidence: 0.8}}); err != nil {
					t.Fatal(err)
				}
			}
			err := f.svc.Withdraw(ctx, tc.org, kuzet.KindPhone, "8 701 123 45 67", tc.category)
			if got := kuzet.ErrorCode(err); got != tc.code {
				t.Fatalf("code: got %q (%v), want %q", got, err, tc.code)
			}
			a := f.svc.Index().Assess(kuzet.KindPhone, phone, now)
			if a.Reporters != tc.reporters {
				t.Errorf("reporters: got %d, want %d", a.Reporters, tc.reporters)
			}
			withdrawn := 0
			for _, e := range storedAudit(t, f.db) {
				if e == "indicator.withdraw phone:"+phone {
					withdrawn++
				}
			}
			if withdrawn != tc.removed {
				t.Errorf("withdraw audit entries: got %d, want %d", withdrawn, tc.removed)
			}
			// The store agrees with the index.
			orgs := map[int64]bool{}
			for _, r := range storedReports(t, f.db, kuzet.KindPhone, phone) {
				orgs[r.OrgID] = true
			}
			if len(orgs) != tc.reporters {
				t.Errorf("stored reporters: got %d, want %d", len(orgs), tc.reporters)
			}
		})
	}
}

func TestServiceAllowlist(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, err := f.svc.Submit(ctx, 1, []registry.Submission{
		{Kind: kuzet.KindDomain, Value: "pay.kaspi.kz", Category: kuzet.CategoryPhishingSite, Confidence: 1},
		{Kind: kuzet.KindDomain, Value: "kaspi.kz.evil.com", Category: kuzet.CategoryPhishingSite, Confidence: 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	reason := strings.Repeat("ә", 150) // 300 bytes: the audit detail keeps 200, whole runes
	ind, err := f.svc.PutAllow(ctx, 2, kuzet.KindDomain, "KASPI.KZ.", reason)
	if err != nil {
		t.Fatal(err)
	}
	if ind.Value != "kaspi.kz" {
		t.Errorf("value: got %q, want %q", ind.Value, "kaspi.kz")
	}
	lookup := func(v string) kuzet.Assessment {
		t.Helper()
		a, err := f.svc.Lookup(ctx, 1, kuzet.KindDomain, v, false)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	if a := lookup("pay.kaspi.kz"); !a.Allowlisted || a.Risk != kuzet.RiskNone || a.Score != 0 || a.Reporters != 1 {
		t.Errorf("subdomain: got %s, want allowlisted, none, still one reporter", show(a))
	}
	if a := lookup("kaspi.kz.evil.com"); a.Allowlisted || a.Risk != kuzet.RiskCritical {
		t.Errorf("look-alike: got %s, want critical", show(a))
	}

	_, err = f.svc.PutAllow(ctx, 2, kuzet.KindPhone, "+77011234567", strings.Repeat("r", registry.MaxReason+1))
	if got := fieldsOf(err); !reflect.DeepEqual(got, []string{"reason"}) {
		t.Errorf("long reason: got %v (fields %v), want EINVALID on reason", err, got)
	}
	_, err = f.svc.PutAllow(ctx, 2, kuzet.KindPhone, "not a phone", "")
	if got := fieldsOf(err); !reflect.DeepEqual(got, []string{"value"}) {
		t.Errorf("bad value: got %v (fields %v), want EINVALID on value", err, got)
	}

	if err := f.svc.DeleteAllow(ctx, 2, kuzet.KindDomain, "kaspi.kz"); err != nil {
		t.Fatal(err)
	}
	if a := lookup("pay.kaspi.kz"); a.Allowlisted || a.Risk != kuzet.RiskCritical {
		t.Errorf("after delete: got %s, want critical", show(a))
	}
	if err := f.svc.DeleteAllow(ctx, 2, kuzet.KindDomain, "kaspi.kz"); kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
		t.Errorf("delete again: got %v, want %s", err, kuzet.ENOTFOUND)
	}
	want := []string{
		"indicator.report domain:pay.kaspi.kz",
		"indicator.report domain:kaspi.kz.evil.com",
		"allowlist.put domain:kaspi.kz",
		"allowlist.delete domain:kaspi.kz",
	}
	if got := storedAudit(t, f.db); !reflect.DeepEqual(got, want) {
		t.Errorf("audit: got %v, want %v", got, want)
	}
	if got, want := auditDetail(t, f.db, 3), strings.Repeat("ә", 100); got != want {
		t.Errorf("detail: got %q, want %q", got, want)
	}
}

// auditDetail returns the detail of the audit entry with sequence number seq.
func auditDetail(tb testing.TB, db kuzet.Store, seq int64) string {
	tb.Helper()
	ctx := context.Background()
	tx, err := db.Begin(ctx, false)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	var detail string
	err = tx.ScanAudit(ctx, 1, func(e *kuzet.AuditEntry) error {
		if e.Seq == seq {
			detail = e.Detail
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return detail
}

func TestServiceLookupAudit(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.svc.Lookup(ctx, 5, kuzet.KindPhone, "+77011234567", false); err != nil {
		t.Fatal(err)
	}
	if got := f.audit.objects(); len(got) != 0 {
		t.Errorf("without detail: got %v, want no audit", got)
	}
	if _, err := f.svc.Lookup(ctx, 5, kuzet.KindPhone, "+77011234567", true); err != nil {
		t.Fatal(err)
	}
	if got, want := f.audit.objects(), []string{"indicator.read phone:+77011234567"}; !reflect.DeepEqual(got, want) {
		t.Errorf("with detail: got %v, want %v", got, want)
	}
	if e := f.audit.entries[0]; e.OrgID != 5 || !e.At.Equal(now) {
		t.Errorf("entry: got org %d at %v, want org 5 at %v", e.OrgID, e.At, now)
	}

	f.audit.err = errors.New("disk full")
	if _, err := f.svc.Lookup(ctx, 5, kuzet.KindPhone, "+77011234567", true); err == nil {
		t.Errorf("failing audit: got no error, want one")
	}
	if _, err := f.svc.Lookup(ctx, 5, "nonsense", "1", true); !reflect.DeepEqual(fieldsOf(err), []string{"kind"}) {
		t.Errorf("bad kind: got %v, want EINVALID on kind", err)
	}
}

func TestServiceCheck(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.svc.Submit(ctx, 1, []registry.Submission{{Kind: kuzet.KindPhone, Value: "+77011234567", Category: kuzet.CategoryScamCall, Confidence: 0.9}}); err != nil {
		t.Fatal(err)
	}
	results, err := f.svc.Check(ctx, 2, []registry.CheckItem{
		{Kind: kuzet.KindPhone, Value: "87011234567"},
		{Kind: kuzet.KindPhone, Value: "garbage"},
		{Kind: kuzet.KindPhone, Value: "+77019999999"},
	}, true)
	if err != nil {
		t.Fatal(err)
	}
	if results[0].Err != nil || results[0].Assessment.Risk != kuzet.RiskHigh {
		t.Errorf("0: got %s %v, want high", show(results[0].Assessment), results[0].Err)
	}
	if got := fieldsOf(results[1].Err); !reflect.DeepEqual(got, []string{"items[1].value"}) {
		t.Errorf("1: fields: got %v, want [items[1].value]", got)
	}
	if results[2].Err != nil || results[2].Assessment.Risk != kuzet.RiskNone || results[2].Index != 2 {
		t.Errorf("2: got %s %v, want none", show(results[2].Assessment), results[2].Err)
	}
	want := []string{"indicator.read phone:+77011234567", "indicator.read phone:+77019999999"}
	if got := f.audit.objects(); !reflect.DeepEqual(got, want) {
		t.Errorf("audit: got %v, want %v", got, want)
	}
	if _, err := f.svc.Check(ctx, 2, nil, true); !reflect.DeepEqual(fieldsOf(err), []string{"items"}) {
		t.Errorf("empty: got %v, want EINVALID on items", err)
	}
	// Without details (the public portal): risk only, nothing audited,
	// and a small batch at most.
	before := len(f.audit.objects())
	public, err := f.svc.Check(ctx, 3, []registry.CheckItem{{Kind: kuzet.KindPhone, Value: "87011234567"}}, false)
	if err != nil || public[0].Assessment.Risk != kuzet.RiskHigh {
		t.Fatalf("public check: got %v %v, want high", public, err)
	}
	if got := len(f.audit.objects()); got != before {
		t.Errorf("public check audited %d reads, want none", got-before)
	}
	many := make([]registry.CheckItem, registry.MaxPublicCheck+1)
	for i := range many {
		many[i] = registry.CheckItem{Kind: kuzet.KindPhone, Value: "87011234567"}
	}
	if _, err := f.svc.Check(ctx, 3, many, false); kuzet.ErrorCode(err) != kuzet.EINVALID {
		t.Errorf("public batch over the limit: got %v, want %s", err, kuzet.EINVALID)
	}
}

// TestServiceLoad checks that a service started on an existing store
// assesses every indicator as the one that wrote it, and leaves out what
// has expired since.
func TestServiceLoad(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var items []registry.Submission
	var keys []registry.CheckItem
	add := func(kind kuzet.Kind, value string, cat kuzet.Category, conf float64, until time.Time) {
		items = append(items, registry.Submission{Kind: kind, Value: value, Category: cat, Confidence: conf, ValidUntil: until})
	}
	for i := range 50 {
		add(kuzet.KindPhone, phoneOf(i), kuzet.Categories[i%len(kuzet.Categories)], float64(i%10+1)/10, time.Time{})
	}
	add(kuzet.KindIBAN, "KZ86125KZT5004100100", kuzet.CategoryMuleAccount, 0.9, now.Add(48*time.Hour))
	add(kuzet.KindURL, "https://kaspi-bonus.kz/"+strings.Repeat("a", 40), kuzet.CategoryPhishingSite, 0.8, now.Add(2*time.Hour))
	add(kuzet.KindCard, "4111111111111111", kuzet.CategoryMuleAccount, 0.6, time.Time{})
	for org := int64(1); org <= 3; org++ {
		rs, err := f.svc.Submit(ctx, org, items[org-1:])
		if err != nil {
			t.Fatal(err)
		}
		if org == 1 {
			for _, r := range rs {
				if r.Err != nil {
					t.Fatal(r.Err)
				}
				keys = append(keys, registry.CheckItem{Kind: r.Indicator.Kind, Value: r.Indicator.Value})
			}
		}
		f.clock.add(time.Hour)
	}
	if err := f.svc.Withdraw(ctx, 2, kuzet.KindPhone, phoneOf(7), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.PutAllow(ctx, 1, kuzet.KindPhone, phoneOf(3), "bank hotline"); err != nil {
		t.Fatal(err)
	}
	f.clock.add(3 * time.Hour) // the URL's reports expire

	at := f.clock.now()
	other := registry.NewService(f.db, &ident.Parser{CardKey: cardKey}, f.clock.now, nil)
	var progress []registry.LoadStats
	other.OnLoadProgress = func(st registry.LoadStats) { progress = append(progress, st) }
	if err := other.Load(ctx); err != nil {
		t.Fatal(err)
	}
	// Org 3 reported when the URL's validity had ended, so only two URL
	// reports were stored to expire.
	if len(progress) != 1 || !progress[0].Done || progress[0].Allowed != 1 || progress[0].Expired != 2 {
		t.Errorf("progress: got %+v, want one final call with 1 allowed and 2 expired", progress)
	}
	if got, want := other.Index().Len(), f.svc.Index().Len()-1; got != want {
		t.Errorf("len: got %d, want %d (the expired URL left out)", got, want)
	}
	for _, k := range keys {
		want := f.svc.Index().Assess(k.Kind, k.Value, at)
		got := other.Index().Assess(k.Kind, k.Value, at)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:%s: got %s, want %s", k.Kind, k.Value, show(got), show(want))
		}
	}
	if a := other.Index().Assess(kuzet.KindPhone, phoneOf(3), at); !a.Allowlisted {
		t.Errorf("allowlist not loaded: got %s", show(a))
	}

	// Loading again, over a full index, gives the same answers.
	if err := other.Load(ctx); err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if got, want := other.Index().Assess(k.Kind, k.Value, at), f.svc.Index().Assess(k.Kind, k.Value, at); !reflect.DeepEqual(got, want) {
			t.Errorf("reload %s:%s: got %s, want %s", k.Kind, k.Value, show(got), show(want))
		}
	}

	// Pruning takes the expired URL out of the writer's memory too.
	if got := f.svc.Prune(); got != 1 {
		t.Errorf("pruned: got %d, want 1", got)
	}
	if got, want := f.svc.Index().Len(), other.Index().Len(); got != want {
		t.Errorf("len after prune: got %d, want %d", got, want)
	}
}

// TestServiceChanges checks that a second node applying the first one's
// changes ends with the same index.
func TestServiceChanges(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	follower := registry.NewService(f.db, nil, f.clock.now, f.audit)
	var changes []registry.Change
	f.svc.Changes.Subscribe(func(c registry.Change) {
		changes = append(changes, c)
		if err := follower.Apply(c); err != nil {
			t.Error(err)
		}
	})
	if _, err := f.svc.Submit(ctx, 1, []registry.Submission{
		{Kind: kuzet.KindPhone, Value: "+77011234567", Category: kuzet.CategoryScamCall, Confidence: 0.9},
		{Kind: kuzet.KindPhone, Value: "+77011234567", Category: kuzet.CategorySpoofedCLI, Confidence: 0.9},
		{Kind: kuzet.KindPhone, Value: "+77017654321", Category: kuzet.CategoryScamCall, Confidence: 0.5},
		{Kind: kuzet.KindDomain, Value: "kaspi.kz", Category: kuzet.CategoryPhishingSite, Confidence: 0.5},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Submit(ctx, 2, []registry.Submission{{Kind: kuzet.KindPhone, Value: "+77011234567", Category: kuzet.CategoryScamCall}}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Withdraw(ctx, 1, kuzet.KindPhone, "+77011234567", kuzet.CategorySpoofedCLI); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Withdraw(ctx, 1, kuzet.KindPhone, "+77017654321", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.PutAllow(ctx, 1, kuzet.KindDomain, "kaspi.kz", ""); err != nil {
		t.Fatal(err)
	}
	wantOps := []registry.ChangeOp{registry.ChangeReport, registry.ChangeReport, registry.ChangeReport, registry.ChangeReport,
		registry.ChangeReport, registry.ChangeWithdraw, registry.ChangeWithdraw, registry.ChangeAllow}
	var ops []registry.ChangeOp
	for _, c := range changes {
		ops = append(ops, c.Op)
	}
	if !reflect.DeepEqual(ops, wantOps) {
		t.Errorf("ops: got %v, want %v", ops, wantOps)
	}
	if follower.Index().Len() != f.svc.Index().Len() {
		t.Errorf("len: got %d, want %d", follower.Index().Len(), f.svc.Index().Len())
	}
	for _, k := range []registry.CheckItem{{kuzet.KindPhone, "+77011234567"}, {kuzet.KindPhone, "+77017654321"}, {kuzet.KindDomain, "kaspi.kz"}} {
		if got, want := follower.Index().Assess(k.Kind, k.Value, now), f.svc.Index().Assess(k.Kind, k.Value, now); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %s, want %s", k.Value, show(got), show(want))
		}
	}
	if err := follower.Apply(registry.Change{Op: "explode"}); kuzet.ErrorCode(err) != kuzet.EINVALID {
		t.Errorf("unknown op: got %v, want %s", err, kuzet.EINVALID)
	}
}

// TestServiceChangesMayApply checks that a subscriber may hand a change
// straight back to Apply, as a bus delivering to itself would, without a
// deadlock.
func TestServiceChangesMayApply(t *testing.T) {
	f := newFixture(t)
	n := 0
	f.svc.Changes.Subscribe(func(c registry.Change) {
		n++
		if err := f.svc.Apply(c); err != nil {
			t.Error(err)
		}
	})
	if _, err := f.svc.PutAllow(context.Background(), 1, kuzet.KindPhone, "+77011234567", "hotline"); err != nil {
		t.Fatal(err)
	}
	if n != 1 || !f.svc.Index().Allowlisted(kuzet.KindPhone, "+77011234567") {
		t.Errorf("got %d changes, allowlisted %v; want 1, true", n, f.svc.Index().Allowlisted(kuzet.KindPhone, "+77011234567"))
	}
}

// TestServiceStoreAuditor checks that reads are audited in the store when
// no Auditor is given.
func TestServiceStoreAuditor(t *testing.T) {
	db := MustOpenDB(t)
	svc := registry.NewService(db, nil, kuzet.FixedClock(now), nil)
	if _, err := svc.Lookup(context.Background(), 4, kuzet.KindIP, "203.0.113.7", true); err != nil {
		t.Fatal(err)
	}
	if got, want := storedAudit(t, db), []string{"indicator.read ip:203.0.113.7"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// FuzzSubmit feeds arbitrary client input to Submit: every item must come
// back either accepted, and then findable, or rejected with EINVALID on
// fields of that item only.
func FuzzSubmit(f *testing.F) {
	f.Add("phone", "8 (701) 123-45-67", "scam_call", 0.9, "", int64(0))
	f.Add("iban", "KZ86125KZT5004100100", "mule_account", 0.0, "seen in three cases", int64(3600))
	f.Add("domain", "KАSPI-bonus.KZ.", "phishing_site", 1.5, "", int64(-5))
	f.Add("card", "4111 1111 1111 1111", "other", -1.0, "\xff", int64(0))
	f.Add("nonsense", "", "", 0.0, "", int64(0))
	fx := newFixture(f)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, kind, value, category string, conf float64, evidence string, until int64) {
		it := registry.Submission{Kind: kuzet.Kind(kind), Value: value, Category: kuzet.Category(category),
			Confidence: conf, Evidence: evidence}
		if until != 0 {
			it.ValidUntil = now.Add(time.Duration(until) * time.Second)
		}
		results, err := fx.svc.Submit(ctx, 1, []registry.Submission{it})
		if err != nil {
			t.Fatalf("got %v, want per-item results", err)
		}
		r := results[0]
		if r.Err == nil {
			if r.Status != registry.StatusAccepted {
				t.Fatalf("status: got %q, want %q", r.Status, registry.StatusAccepted)
			}
			a := fx.svc.Index().Assess(r.Indicator.Kind, r.Indicator.Value, now)
			if a.Reporters != 1 {
				t.Fatalf("%s: reporters: got %d, want 1", r.Indicator.Key(), a.Reporters)
			}
			return
		}
		if kuzet.ErrorCode(r.Err) != kuzet.EINVALID {
			t.Fatalf("code: got %q (%v), want %q", kuzet.ErrorCode(r.Err), r.Err, kuzet.EINVALID)
		}
		fields := fieldsOf(r.Err)
		if len(fields) == 0 {
			t.Fatalf("got no fields, want some")
		}
		for _, f := range fields {
			if !strings.HasPrefix(f, "indicators[0].") {
				t.Fatalf("field: got %q, want one of indicators[0]", f)
			}
		}
	})
}
