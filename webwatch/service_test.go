package webwatch_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/webwatch"
)

// Organisations of the tests.
const (
	police    int64 = 3
	regulator int64 = 4
	portal    int64 = 5
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// testService is a service over a memStore with a clock the test moves.
type testService struct {
	*webwatch.Service
	store *memStore
	now   time.Time
	seq   int // numbers the domains findingIn makes
}

func newTestService(t *testing.T) *testService {
	t.Helper()
	tw := &testService{store: newMemStore(), now: t0}
	tw.Service = webwatch.NewService(webwatch.Config{Store: tw.store, Scorer: mustScorer(t), Clock: func() time.Time { return tw.now }})
	return tw
}

// submit submits values from source and fails the test on error.
func (tw *testService) submit(t *testing.T, source kuzet.WebSource, values ...string) *webwatch.SubmitResult {
	t.Helper()
	items := make([]webwatch.SubmitItem, len(values))
	for i, v := range values {
		items[i] = webwatch.SubmitItem{Value: v}
	}
	res, err := tw.Submit(context.Background(), webwatch.Submission{Source: source, OrgID: police, Items: items})
	if err != nil {
		t.Fatalf("submit %v: %v", values, err)
	}
	return res
}

// finding submits one look-alike domain and returns its finding's ID.
func (tw *testService) finding(t *testing.T, domain string) int64 {
	t.Helper()
	res := tw.submit(t, kuzet.WebSourceFeed, domain)
	if len(res.Findings) != 1 {
		t.Fatalf("submit %s: got %d findings, want 1", domain, len(res.Findings))
	}
	return res.Findings[0].Finding.ID
}

// findingIn makes a finding and drives it to status through the workflow.
func (tw *testService) findingIn(t *testing.T, status kuzet.WebFindingStatus) int64 {
	t.Helper()
	ctx := context.Background()
	tw.seq++
	id := tw.finding(t, fmt.Sprintf("kaspi-bonus-%d.top", tw.seq))
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("drive finding %d to %s: %v", id, status, err)
		}
	}
	if status == kuzet.WebFindingNew {
		return id
	}
	if status == kuzet.WebFindingDismissed {
		_, err := tw.Dismiss(ctx, id, webwatch.Triage{OrgID: police})
		must(err)
		return id
	}
	_, err := tw.Confirm(ctx, id, webwatch.Triage{OrgID: police})
	must(err)
	if status == kuzet.WebFindingConfirmed {
		return id
	}
	res, err := tw.CreateBlockingRequest(ctx, police, []int64{id}, "")
	must(err)
	if status == kuzet.WebFindingSent {
		return id
	}
	answer := map[kuzet.WebFindingStatus]kuzet.BlockingStatus{
		kuzet.WebFindingBlocked: kuzet.BlockingBlocked, kuzet.WebFindingRejected: kuzet.BlockingRejected, kuzet.WebFindingGone: kuzet.BlockingGone,
	}[status]
	results, err := tw.ReportBlockingStatus(ctx, regulator, res.Request.ID, []webwatch.StatusUpdate{{FindingID: id, Status: answer}})
	must(err)
	must(results[0].Err)
	return id
}

func (tw *testService) get(t *testing.T, id int64) *kuzet.WebFinding {
	t.Helper()
	f, err := tw.Finding(context.Background(), id)
	if err != nil {
		t.Fatalf("finding %d: %v", id, err)
	}
	return f
}

// countAudit counts the committed audit entries of action.
func (tw *testService) countAudit(action string) int {
	n := 0
	for _, e := range tw.store.auditLog() {
		if e.Action == action {
			n++
		}
	}
	return n
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := kuzet.ErrorCode(err); got != code {
		t.Fatalf("got error %v (code %q), want code %q", err, got, code)
	}
}

func wantField(t *testing.T, err error, field string) {
	t.Helper()
	fields := kuzet.ErrorFields(err)
	for _, f := range fields {
		if f.Field == field {
			return
		}
	}
	t.Fatalf("got fields %v of %v, want %q", fields, err, field)
}

func TestSubmit(t *testing.T) {
	tw := newTestService(t)
	cert := &kuzet.WebCertificate{Issuer: "CN=Test CA", NotBefore: t0.Add(-time.Hour), NotAfter: t0.Add(90 * 24 * time.Hour),
		SANs: []string{"halyk-bonus.com", "www.halyk-bonus.com"}, Log: "https://ct.example/log", LogIndex: 42}
	items := []webwatch.SubmitItem{
		{Value: "kаspi.kz"}, // Cyrillic а
		{Value: "kaspiy-neft.kz"},
		{Value: "not a domain"},
		{Value: "halyk-bonus.com", Certificate: cert},
		{Value: "shop.kaspi.kz"},
		{Value: "https://kaspi-bonus.top/login?step=1#x"},
		{Value: "kolesaa.kz"},
		{Value: "javascript:alert(1)"},
		{Value: "http://1.2.3.4/login"},
	}
	res, err := tw.Submit(context.Background(), webwatch.Submission{Source: kuzet.WebSourceCitizen, OrgID: portal, Detail: "report 77", Items: items})
	if err != nil {
		t.Fatal(err)
	}
	if res.Clean != 2 {
		t.Errorf("got %d clean, want 2", res.Clean)
	}
	var invalid []int
	for _, ie := range res.Invalid {
		invalid = append(invalid, ie.Index)
		wantCode(t, ie.Err, kuzet.EINVALID)
		wantField(t, ie.Err, fmt.Sprintf("domains[%d]", ie.Index))
	}
	if want := []int{2, 7, 8}; !slices.Equal(invalid, want) {
		t.Errorf("got invalid items %v, want %v", invalid, want)
	}

	want := []struct {
		index   int
		domain  string
		unicode string
		brand   string
		verdict string
		url     string
		cert    bool
	}{
		{0, "xn--kspi-53d.kz", "kаspi.kz", "kaspi", "lookalike", "", false},
		{3, "halyk-bonus.com", "halyk-bonus.com", "halyk", "lookalike", "", true},
		{5, "kaspi-bonus.top", "kaspi-bonus.top", "kaspi", "lookalike", "https://kaspi-bonus.top/login?step=1", false},
		{6, "kolesaa.kz", "kolesaa.kz", "kolesa", "suspicious", "", false},
	}
	if len(res.Findings) != len(want) {
		t.Fatalf("got %d findings, want %d", len(res.Findings), len(want))
	}
	for i, w := range want {
		sf := res.Findings[i]
		f := sf.Finding
		t.Run(w.domain, func(t *testing.T) {
			if sf.Index != w.index || !sf.New {
				t.Errorf("got index %d new %v, want %d true", sf.Index, sf.New, w.index)
			}
			if f.ID == 0 || f.Domain != w.domain || f.Unicode != w.unicode {
				t.Errorf("got %d %q %q, want an ID, %q %q", f.ID, f.Domain, f.Unicode, w.domain, w.unicode)
			}
			if f.Brand != w.brand || f.Verdict != w.verdict || f.Score <= 0 || len(f.Methods) == 0 {
				t.Errorf("got brand %q verdict %q score %v methods %v, want %q %q", f.Brand, f.Verdict, f.Score, f.Methods, w.brand, w.verdict)
			}
			if f.Status != kuzet.WebFindingNew || !f.StatusAt.Equal(t0) || !f.FirstSeen.Equal(t0) || !f.LastSeen.Equal(t0) {
				t.Errorf("got status %s at %v, seen %v..%v, want new at %v", f.Status, f.StatusAt, f.FirstSeen, f.LastSeen, t0)
			}
			if f.Source != kuzet.WebSourceCitizen || f.SourceDetail != "report 77" || f.SubmittedBy != portal {
				t.Errorf("got source %q %q by %d, want citizen, report 77, %d", f.Source, f.SourceDetail, f.SubmittedBy, portal)
			}
			if f.URL != w.url {
				t.Errorf("got url %q, want %q", f.URL, w.url)
			}
			if (f.Certificate != nil) != w.cert || w.cert && f.Certificate.LogIndex != 42 {
				t.Errorf("got certificate %+v, want one: %v", f.Certificate, w.cert)
			}
			stored := tw.get(t, f.ID)
			if stored.Domain != f.Domain || stored.Brand != f.Brand || stored.URL != f.URL {
				t.Errorf("got stored %+v, want %+v", stored, f)
			}
		})
	}
	if got := tw.countAudit(kuzet.AuditWebFinding); got != len(want) {
		t.Errorf("got %d audit entries of new findings, want %d", got, len(want))
	}
	for _, e := range tw.store.auditLog() {
		if e.OrgID != portal || !strings.HasPrefix(e.Object, "web_finding:") || !strings.Contains(e.Detail, "source=citizen") {
			t.Errorf("got audit entry %+v, want one by org %d on a web finding", e, portal)
		}
	}
}

func TestSubmitSeenAgain(t *testing.T) {
	tw := newTestService(t)
	ctx := context.Background()
	id := tw.finding(t, "kаspi.kz")
	if _, err := tw.Confirm(ctx, id, webwatch.Triage{OrgID: police, Notes: "login form"}); err != nil {
		t.Fatal(err)
	}

	tw.now = t0.Add(48 * time.Hour)
	cert := &kuzet.WebCertificate{Issuer: "CN=Test CA", SANs: []string{"xn--kspi-53d.kz"}, Log: "https://ct.example/log", LogIndex: 7}
	res, err := tw.Submit(ctx, webwatch.Submission{Source: kuzet.WebSourceCT, Items: []webwatch.SubmitItem{
		{Value: "*.xn--kspi-53d.kz", Certificate: cert},
		{Value: "https://kаspi.kz/pay"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, sf := range res.Findings {
		if sf.New || sf.Finding.ID != id {
			t.Errorf("got finding %d new %v, want the known finding %d", sf.Finding.ID, sf.New, id)
		}
	}
	f := tw.get(t, id)
	if f.Status != kuzet.WebFindingConfirmed || f.Notes != "login form" || f.Source != kuzet.WebSourceFeed {
		t.Errorf("got status %s notes %q source %s, want the analyst's decision kept", f.Status, f.Notes, f.Source)
	}
	if !f.FirstSeen.Equal(t0) || !f.LastSeen.Equal(tw.now) {
		t.Errorf("got seen %v..%v, want %v..%v", f.FirstSeen, f.LastSeen, t0, tw.now)
	}
	if f.Certificate == nil || f.Certificate.LogIndex != 7 {
		t.Errorf("got certificate %+v, want the CT log's filled in", f.Certificate)
	}
	if f.URL != "https://xn--kspi-53d.kz/pay" {
		t.Errorf("got url %q, want the reported one filled in", f.URL)
	}

	// A late sighting does not move LastSeen back.
	tw.now = t0.Add(time.Hour)
	tw.submit(t, kuzet.WebSourceFeed, "KАSPI.KZ.")
	if f := tw.get(t, id); !f.LastSeen.Equal(t0.Add(48 * time.Hour)) {
		t.Errorf("got last seen %v, want %v", f.LastSeen, t0.Add(48*time.Hour))
	}
	if got := tw.countAudit(kuzet.AuditWebFinding); got != 1 {
		t.Errorf("got %d audit entries of new findings, want 1", got)
	}
}

func TestSubmitRejects(t *testing.T) {
	tw := newTestService(t)
	one := []webwatch.SubmitItem{{Value: "kaspi-bonus.top"}}
	tests := []struct {
		name  string
		s     webwatch.Submission
		field string
	}{
		{"unknown source", webwatch.Submission{Source: "twitter", Items: one}, "source"},
		{"no source", webwatch.Submission{Items: one}, "source"},
		{"no item", webwatch.Submission{Source: kuzet.WebSourceFeed}, "domains"},
		{"too many", webwatch.Submission{Source: kuzet.WebSourceFeed, Items: make([]webwatch.SubmitItem, webwatch.MaxBatch+1)}, "domains"},
		{"long detail", webwatch.Submission{Source: kuzet.WebSourceFeed, Detail: strings.Repeat("x", webwatch.MaxDetail+1), Items: one}, "detail"},
		{"NUL in detail", webwatch.Submission{Source: kuzet.WebSourceFeed, Detail: "a\x00b", Items: one}, "detail"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tw.Submit(context.Background(), tc.s)
			wantCode(t, err, kuzet.EINVALID)
			wantField(t, err, tc.field)
		})
	}
	if page, _ := tw.Findings(context.Background(), kuzet.WebFindingFilter{}); len(page.Findings) != 0 {
		t.Errorf("got %d findings stored, want none", len(page.Findings))
	}
}

func TestSubmitCheckpoint(t *testing.T) {
	tw := newTestService(t)
	ctx := context.Background()
	const log = "https://ct.example/log"
	cp := &kuzet.CTCheckpoint{LogID: log, NextIndex: 10, TreeSize: 20, RootHash: []byte{1, 2, 3}, UpdatedAt: t0}
	items := []webwatch.SubmitItem{{Value: "kaspi-bonus.top"}, {Value: "example.com"}}

	// A failed write stores neither the findings nor the checkpoint, so
	// the follower hands the same batch again.
	tw.store.auditErr = errors.New("disk full")
	if _, err := tw.Submit(ctx, webwatch.Submission{Source: kuzet.WebSourceCT, Items: items, Checkpoint: cp}); err == nil {
		t.Fatal("got no error, want the audit's")
	}
	if _, err := tw.FindCTCheckpoint(ctx, log); kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
		t.Errorf("got checkpoint error %v, want not found", err)
	}
	if page, _ := tw.Findings(ctx, kuzet.WebFindingFilter{}); len(page.Findings) != 0 {
		t.Errorf("got %d findings, want none", len(page.Findings))
	}

	tw.store.auditErr = nil
	if _, err := tw.Submit(ctx, webwatch.Submission{Source: kuzet.WebSourceCT, Items: items, Checkpoint: cp}); err != nil {
		t.Fatal(err)
	}
	got, err := tw.FindCTCheckpoint(ctx, log)
	if err != nil || got.NextIndex != 10 || got.TreeSize != 20 {
		t.Errorf("got checkpoint %+v, %v, want next index 10 of 20", got, err)
	}
	if page, _ := tw.Findings(ctx, kuzet.WebFindingFilter{}); len(page.Findings) != 1 {
		t.Errorf("got %d findings, want 1", len(page.Findings))
	}

	// A batch without names still moves the checkpoint.
	cp2 := &kuzet.CTCheckpoint{LogID: log, NextIndex: 20, TreeSize: 20}
	if _, err := tw.Submit(ctx, webwatch.Submission{Source: kuzet.WebSourceCT, Checkpoint: cp2}); err != nil {
		t.Fatal(err)
	}
	if got, _ := tw.FindCTCheckpoint(ctx, log); got.NextIndex != 20 {
		t.Errorf("got next index %d, want 20", got.NextIndex)
	}
}

// errNotInRequest says a finding is in no blocking request, so the
// regulator has nothing to answer on.
var errNotInRequest = errors.New("finding is in no request")

func TestTransitions(t *testing.T) {
	type action struct {
		name string
		to   kuzet.WebFindingStatus
		do   func(tw *testService, id int64) error
	}
	ctx := context.Background()
	report := func(s kuzet.BlockingStatus) func(*testService, int64) error {
		return func(tw *testService, id int64) error {
			// The regulator answers on the request the finding is in.
			rs, err := tw.BlockingRequests(ctx, kuzet.BlockingRequestFilter{})
			if err != nil {
				return err
			}
			for _, r := range rs {
				for _, it := range r.Items {
					if it.FindingID == id {
						res, err := tw.ReportBlockingStatus(ctx, regulator, r.ID, []webwatch.StatusUpdate{{FindingID: id, Status: s}})
						if err != nil {
							return err
						}
						return res[0].Err
					}
				}
			}
			return errNotInRequest
		}
	}
	actions := []action{
		{"confirm", kuzet.WebFindingConfirmed, func(tw *testService, id int64) error {
			_, err := tw.Confirm(ctx, id, webwatch.Triage{OrgID: police})
			return err
		}},
		{"dismiss", kuzet.WebFindingDismissed, func(tw *testService, id int64) error {
			_, err := tw.Dismiss(ctx, id, webwatch.Triage{OrgID: police})
			return err
		}},
		{"send", kuzet.WebFindingSent, func(tw *testService, id int64) error {
			res, err := tw.CreateBlockingRequest(ctx, police, []int64{id}, "")
			if err == nil && len(res.Errors) > 0 {
				err = res.Errors[0].Err
			}
			return err
		}},
		{"blocked", kuzet.WebFindingBlocked, report(kuzet.BlockingBlocked)},
		{"rejected", kuzet.WebFindingRejected, report(kuzet.BlockingRejected)},
		{"gone", kuzet.WebFindingGone, report(kuzet.BlockingGone)},
	}
	allowed := map[kuzet.WebFindingStatus][]string{
		kuzet.WebFindingNew:       {"confirm", "dismiss"},
		kuzet.WebFindingConfirmed: {"send", "dismiss"},
		kuzet.WebFindingSent:      {"blocked", "rejected", "gone"},
	}
	tw := newTestService(t)
	for _, from := range kuzet.WebFindingStatuses {
		for _, a := range actions {
			t.Run(string(from)+"/"+a.name, func(t *testing.T) {
				id := tw.findingIn(t, from)
				err := a.do(tw, id)
				ok := slices.Contains(allowed[from], a.name)
				if ok != webwatch.CanMove(from, a.to) {
					t.Errorf("got CanMove(%s, %s) %v, want %v", from, a.to, !ok, ok)
				}
				if !ok {
					// Only a sent finding has an item to answer on.
					if errors.Is(err, errNotInRequest) && a.to != kuzet.WebFindingSent && from != kuzet.WebFindingSent {
						return
					}
					wantCode(t, err, kuzet.ECONFLICT)
					if f := tw.get(t, id); f.Status != from {
						t.Errorf("got status %s after a refused %s, want %s", f.Status, a.name, from)
					}
					return
				}
				if err != nil {
					t.Fatalf("got %v, want %s to succeed from %s", err, a.name, from)
				}
				if f := tw.get(t, id); f.Status != a.to || !f.StatusAt.Equal(tw.now) {
					t.Errorf("got status %s at %v, want %s at %v", f.Status, f.StatusAt, a.to, tw.now)
				}
			})
		}
	}
}

func TestConfirm(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		value    string
		category kuzet.Category
		want     kuzet.Category
		kinds    []kuzet.Kind
	}{
		{"default category", "kaspi-bonus.top", "", kuzet.CategoryPhishingSite, []kuzet.Kind{kuzet.KindDomain}},
		{"fake shop with url", "https://kaspi-market.shop/cart", kuzet.CategoryFakeShop, kuzet.CategoryFakeShop, []kuzet.Kind{kuzet.KindDomain, kuzet.KindURL}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tw := newTestService(t)
			id := tw.finding(t, tc.value)
			tw.now = t0.Add(time.Hour)
			c, err := tw.Confirm(ctx, id, webwatch.Triage{OrgID: police, Category: tc.category, Notes: "  fake login form "})
			if err != nil {
				t.Fatal(err)
			}
			f := c.Finding
			if f.Status != kuzet.WebFindingConfirmed || f.Category != tc.want || f.Notes != "fake login form" ||
				f.DecidedBy != police || !f.DecidedAt.Equal(tw.now) {
				t.Errorf("got %+v, want confirmed %s by %d at %v with the notes", f, tc.want, police, tw.now)
			}
			if stored := tw.get(t, id); stored.Status != f.Status || stored.Category != f.Category || stored.Notes != f.Notes {
				t.Errorf("got stored %+v, want %+v", stored, f)
			}
			var kinds []kuzet.Kind
			for _, s := range c.Indicators {
				kinds = append(kinds, s.Kind)
				if s.Category != tc.want || s.Confidence != webwatch.ConfirmedConfidence || !strings.Contains(s.Evidence, "imitates kaspi") {
					t.Errorf("got indicator %+v, want category %s, confidence %v and evidence", s, tc.want, webwatch.ConfirmedConfidence)
				}
				if s.Kind == kuzet.KindDomain && s.Value != f.Domain || s.Kind == kuzet.KindURL && s.Value != f.URL {
					t.Errorf("got indicator %s:%s, want the finding's %s / %s", s.Kind, s.Value, f.Domain, f.URL)
				}
			}
			if !slices.Equal(kinds, tc.kinds) {
				t.Errorf("got indicator kinds %v, want %v", kinds, tc.kinds)
			}
			// The registry's parser takes the values as they are.
			for _, s := range c.Indicators {
				ind, err := (&ident.Parser{}).Parse(s.Kind, s.Value)
				if err != nil || ind.Value != s.Value {
					t.Errorf("got %s:%s parsed as %q, %v, want it unchanged", s.Kind, s.Value, ind.Value, err)
				}
			}
			if got := tw.countAudit(kuzet.AuditWebConfirm); got != 1 {
				t.Errorf("got %d confirm audit entries, want 1", got)
			}
		})
	}

	t.Run("errors", func(t *testing.T) {
		tw := newTestService(t)
		id := tw.finding(t, "kaspi-bonus.top")
		_, err := tw.Confirm(ctx, id, webwatch.Triage{OrgID: police, Category: kuzet.CategoryScamCall})
		wantCode(t, err, kuzet.EINVALID)
		wantField(t, err, "category")
		_, err = tw.Confirm(ctx, id, webwatch.Triage{OrgID: police, Notes: strings.Repeat("n", webwatch.MaxNotes+1)})
		wantCode(t, err, kuzet.EINVALID)
		wantField(t, err, "notes")
		_, err = tw.Confirm(ctx, id+100, webwatch.Triage{OrgID: police})
		wantCode(t, err, kuzet.ENOTFOUND)
		if f := tw.get(t, id); f.Status != kuzet.WebFindingNew {
			t.Errorf("got status %s, want new", f.Status)
		}
	})
}

func TestDismiss(t *testing.T) {
	tw := newTestService(t)
	ctx := context.Background()
	id := tw.findingIn(t, kuzet.WebFindingConfirmed)
	tw.now = t0.Add(2 * time.Hour)
	f, err := tw.Dismiss(ctx, id, webwatch.Triage{OrgID: regulator, Notes: "the bank's own promotion"})
	if err != nil {
		t.Fatal(err)
	}
	if f.Status != kuzet.WebFindingDismissed || f.Category != "" || f.DecidedBy != regulator || !f.DecidedAt.Equal(tw.now) ||
		f.Notes != "the bank's own promotion" {
		t.Errorf("got %+v, want dismissed by %d at %v with no category", f, regulator, tw.now)
	}
	if got := tw.countAudit(kuzet.AuditWebDismiss); got != 1 {
		t.Errorf("got %d dismiss audit entries, want 1", got)
	}
	_, err = tw.Dismiss(ctx, id, webwatch.Triage{OrgID: police})
	wantCode(t, err, kuzet.ECONFLICT)
	if !strings.Contains(kuzet.ErrorMessage(err), "dismissed already") {
		t.Errorf("got message %q, want it to say the finding is dismissed already", kuzet.ErrorMessage(err))
	}
}

func TestNotesAccumulate(t *testing.T) {
	tw := newTestService(t)
	ctx := context.Background()
	id := tw.finding(t, "kaspi-bonus.top")
	if _, err := tw.Confirm(ctx, id, webwatch.Triage{OrgID: police, Notes: "first"}); err != nil {
		t.Fatal(err)
	}
	f, err := tw.Dismiss(ctx, id, webwatch.Triage{OrgID: police, Notes: "second"})
	if err != nil {
		t.Fatal(err)
	}
	if f.Notes != "first\nsecond" {
		t.Errorf("got notes %q, want both lines", f.Notes)
	}
	id2 := tw.findingIn(t, kuzet.WebFindingNew)
	if _, err := tw.Confirm(ctx, id2, webwatch.Triage{Notes: strings.Repeat("a", webwatch.MaxNotes)}); err != nil {
		t.Fatal(err)
	}
	_, err = tw.Dismiss(ctx, id2, webwatch.Triage{Notes: "more"})
	wantCode(t, err, kuzet.EINVALID)
}

func TestCreateBlockingRequest(t *testing.T) {
	tw := newTestService(t)
	ctx := context.Background()
	a := tw.findingIn(t, kuzet.WebFindingConfirmed)
	b := tw.findingIn(t, kuzet.WebFindingConfirmed)
	fresh := tw.findingIn(t, kuzet.WebFindingNew)
	tw.now = t0.Add(24 * time.Hour)

	res, err := tw.CreateBlockingRequest(ctx, police, []int64{a, fresh, 999, a, b}, "urgent: payday wave")
	if err != nil {
		t.Fatal(err)
	}
	wantErrs := []struct {
		index int
		code  string
	}{{1, kuzet.ECONFLICT}, {2, kuzet.ENOTFOUND}, {3, kuzet.EINVALID}}
	if len(res.Errors) != len(wantErrs) {
		t.Fatalf("got errors %v, want %d", res.Errors, len(wantErrs))
	}
	for i, w := range wantErrs {
		if res.Errors[i].Index != w.index {
			t.Errorf("got error at %d, want %d", res.Errors[i].Index, w.index)
		}
		wantCode(t, res.Errors[i].Err, w.code)
		wantField(t, res.Errors[i].Err, fmt.Sprintf("finding_ids[%d]", w.index))
	}
	r := res.Request
	if r.ID == 0 || r.OrgID != police || !r.CreatedAt.Equal(tw.now) || r.Note != "urgent: payday wave" || !r.Pending() {
		t.Errorf("got request %+v, want a pending one by %d at %v", r, police, tw.now)
	}
	var ids []int64
	for _, it := range r.Items {
		ids = append(ids, it.FindingID)
		f := tw.get(t, it.FindingID)
		if f.Status != kuzet.WebFindingSent || !f.StatusAt.Equal(tw.now) {
			t.Errorf("got finding %d %s at %v, want sent at %v", f.ID, f.Status, f.StatusAt, tw.now)
		}
		if it.Status != kuzet.BlockingPending || it.Domain != f.Domain || it.Category != kuzet.CategoryPhishingSite ||
			it.Evidence.Brand != "kaspi" || it.Evidence.DecidedBy != police || len(it.Evidence.Methods) == 0 {
			t.Errorf("got item %+v, want pending with the finding's evidence", it)
		}
	}
	if !slices.Equal(ids, []int64{a, b}) {
		t.Errorf("got items %v, want %v in the order listed", ids, []int64{a, b})
	}
	got, err := tw.BlockingRequest(ctx, r.ID)
	if err != nil || len(got.Items) != 2 {
		t.Fatalf("got %+v, %v, want the stored request", got, err)
	}
	if n := tw.countAudit(kuzet.AuditBlockingCreate); n != 2 {
		t.Errorf("got %d blocking audit entries, want 2", n)
	}

	t.Run("every confirmed finding", func(t *testing.T) {
		c1 := tw.findingIn(t, kuzet.WebFindingConfirmed)
		c2 := tw.findingIn(t, kuzet.WebFindingConfirmed)
		res, err := tw.CreateBlockingRequest(ctx, police, nil, "")
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, it := range res.Request.Items {
			ids = append(ids, it.FindingID)
		}
		if !slices.Equal(ids, []int64{c1, c2}) {
			t.Errorf("got items %v, want %v", ids, []int64{c1, c2})
		}
		_, err = tw.CreateBlockingRequest(ctx, police, nil, "")
		wantCode(t, err, kuzet.ECONFLICT)
	})

	t.Run("nothing sendable", func(t *testing.T) {
		_, err := tw.CreateBlockingRequest(ctx, police, []int64{991, 992}, "")
		wantCode(t, err, kuzet.ENOTFOUND)
		wantField(t, err, "finding_ids[1]")
		_, err = tw.CreateBlockingRequest(ctx, police, []int64{991, a}, "")
		wantCode(t, err, kuzet.ECONFLICT)
		wantField(t, err, "finding_ids[0]")
		wantField(t, err, "finding_ids[1]")
	})

	t.Run("bad input", func(t *testing.T) {
		_, err := tw.CreateBlockingRequest(ctx, police, make([]int64, webwatch.MaxBatch+1), "")
		wantCode(t, err, kuzet.EINVALID)
		_, err = tw.CreateBlockingRequest(ctx, police, []int64{a}, strings.Repeat("x", webwatch.MaxNotes+1))
		wantCode(t, err, kuzet.EINVALID)
		wantField(t, err, "note")
	})
}

func TestReportBlockingStatus(t *testing.T) {
	tw := newTestService(t)
	ctx := context.Background()
	ids := []int64{tw.findingIn(t, kuzet.WebFindingConfirmed), tw.findingIn(t, kuzet.WebFindingConfirmed),
		tw.findingIn(t, kuzet.WebFindingConfirmed), tw.findingIn(t, kuzet.WebFindingConfirmed)}
	res, err := tw.CreateBlockingRequest(ctx, police, ids, "")
	if err != nil {
		t.Fatal(err)
	}
	req := res.Request.ID
	tw.now = t0.Add(72 * time.Hour)

	results, err := tw.ReportBlockingStatus(ctx, regulator, req, []webwatch.StatusUpdate{
		{FindingID: ids[0], Status: kuzet.BlockingBlocked, Note: "blocked by order 12"},
		{FindingID: ids[1], Status: kuzet.BlockingRejected, Note: "hosting abroad, no grounds"},
		{FindingID: 999, Status: kuzet.BlockingBlocked},
		{FindingID: ids[2], Status: kuzet.BlockingPending},
		{FindingID: ids[0], Status: kuzet.BlockingGone},
	})
	if err != nil {
		t.Fatal(err)
	}
	wantResults := []struct{ code, field string }{
		{"", ""},
		{"", ""},
		{kuzet.ENOTFOUND, "items[2].finding_id"},
		{kuzet.EINVALID, "items[3].status"},
		{kuzet.EINVALID, "items[4].finding_id"},
	}
	for i, w := range wantResults {
		r := results[i]
		if r.Index != i {
			t.Errorf("got index %d, want %d", r.Index, i)
		}
		if w.code == "" {
			if r.Err != nil || r.Item == nil || r.Item.StatusBy != regulator || !r.Item.StatusAt.Equal(tw.now) {
				t.Errorf("result %d: got %+v, want the stored item", i, r)
			}
		} else {
			wantCode(t, r.Err, w.code)
			wantField(t, r.Err, w.field)
		}
	}
	for i, want := range []kuzet.WebFindingStatus{kuzet.WebFindingBlocked, kuzet.WebFindingRejected, kuzet.WebFindingSent, kuzet.WebFindingSent} {
		if f := tw.get(t, ids[i]); f.Status != want {
			t.Errorf("finding %d: got %s, want %s", f.ID, f.Status, want)
		}
	}
	r, _ := tw.BlockingRequest(ctx, req)
	if it := r.Items[0]; it.Status != kuzet.BlockingBlocked || it.Note != "blocked by order 12" {
		t.Errorf("got item %+v, want blocked with the regulator's note", it)
	}
	if !r.Pending() {
		t.Error("got a request with no pending item, want two pending")
	}

	// Answering again is a conflict; the other items still go through.
	results, err = tw.ReportBlockingStatus(ctx, regulator, req, []webwatch.StatusUpdate{
		{FindingID: ids[0], Status: kuzet.BlockingGone},
		{FindingID: ids[2], Status: kuzet.BlockingGone},
		{FindingID: ids[3], Status: kuzet.BlockingBlocked},
	})
	if err != nil {
		t.Fatal(err)
	}
	wantCode(t, results[0].Err, kuzet.ECONFLICT)
	if results[1].Err != nil || results[2].Err != nil {
		t.Errorf("got %v, %v, want both stored", results[1].Err, results[2].Err)
	}
	if f := tw.get(t, ids[0]); f.Status != kuzet.WebFindingBlocked {
		t.Errorf("got %s, want blocked kept", f.Status)
	}
	if r, _ := tw.BlockingRequest(ctx, req); r.Pending() {
		t.Error("got a pending request, want every item answered")
	}
	if pending, _ := tw.BlockingRequests(ctx, kuzet.BlockingRequestFilter{Pending: true}); len(pending) != 0 {
		t.Errorf("got %d pending requests, want none", len(pending))
	}
	if n := tw.countAudit(kuzet.AuditBlockingStatus); n != 4 {
		t.Errorf("got %d status audit entries, want 4", n)
	}

	t.Run("bad request", func(t *testing.T) {
		_, err := tw.ReportBlockingStatus(ctx, regulator, req+100, []webwatch.StatusUpdate{{FindingID: ids[0], Status: kuzet.BlockingBlocked}})
		wantCode(t, err, kuzet.ENOTFOUND)
		_, err = tw.ReportBlockingStatus(ctx, regulator, req, nil)
		wantCode(t, err, kuzet.EINVALID)
		_, err = tw.ReportBlockingStatus(ctx, regulator, req, make([]webwatch.StatusUpdate, webwatch.MaxBatch+1))
		wantCode(t, err, kuzet.EINVALID)
	})
}

func TestFindings(t *testing.T) {
	tw := newTestService(t)
	ctx := context.Background()
	var ids []int64
	for i := range 5 {
		tw.now = t0.Add(time.Duration(i) * time.Hour)
		ids = append(ids, tw.findingIn(t, kuzet.WebFindingNew))
	}
	tw.now = t0.Add(6 * time.Hour)
	halyk := tw.finding(t, "halyk-bonus.com")
	if _, err := tw.Confirm(ctx, ids[1], webwatch.Triage{OrgID: police}); err != nil {
		t.Fatal(err)
	}

	var paged []int64
	f := kuzet.WebFindingFilter{Status: kuzet.WebFindingNew, Limit: 2}
	for pages := 0; ; pages++ {
		page, err := tw.Findings(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range page.Findings {
			paged = append(paged, x.ID)
		}
		if page.Next == 0 || pages > 10 {
			break
		}
		f.AfterID = page.Next
	}
	if want := []int64{ids[0], ids[2], ids[3], ids[4], halyk}; !slices.Equal(paged, want) {
		t.Errorf("got new findings %v, want %v", paged, want)
	}

	tests := []struct {
		name string
		f    kuzet.WebFindingFilter
		want []int64
	}{
		{"brand", kuzet.WebFindingFilter{Brand: "halyk"}, []int64{halyk}},
		{"confirmed", kuzet.WebFindingFilter{Status: kuzet.WebFindingConfirmed}, []int64{ids[1]}},
		{"period", kuzet.WebFindingFilter{From: t0.Add(time.Hour), To: t0.Add(3 * time.Hour)}, []int64{ids[1], ids[2]}},
		{"source", kuzet.WebFindingFilter{Source: kuzet.WebSourceCT}, nil},
		{"after", kuzet.WebFindingFilter{AfterID: ids[3]}, []int64{ids[4], halyk}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page, err := tw.Findings(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, x := range page.Findings {
				got = append(got, x.ID)
			}
			if !slices.Equal(got, tc.want) || page.Next != 0 {
				t.Errorf("got %v next %d, want %v next 0", got, page.Next, tc.want)
			}
		})
	}

	for _, bad := range []struct {
		f     kuzet.WebFindingFilter
		field string
	}{
		{kuzet.WebFindingFilter{Status: "open"}, "status"},
		{kuzet.WebFindingFilter{Source: "rss"}, "source"},
		{kuzet.WebFindingFilter{From: t0.Add(time.Hour), To: t0}, "from"},
	} {
		_, err := tw.Findings(ctx, bad.f)
		wantCode(t, err, kuzet.EINVALID)
		wantField(t, err, bad.field)
	}
	_, err := tw.Finding(ctx, 12345)
	wantCode(t, err, kuzet.ENOTFOUND)
}

func TestCounts(t *testing.T) {
	tw := newTestService(t)
	ctx := context.Background()
	day := func(n int) time.Time { return t0.AddDate(0, 0, n) }

	// Day 0: three found, two confirmed. Day 1: both sent, one more found.
	// Day 2: one blocked, one gone.
	a, b := tw.findingIn(t, kuzet.WebFindingConfirmed), tw.findingIn(t, kuzet.WebFindingConfirmed)
	tw.findingIn(t, kuzet.WebFindingNew)
	tw.now = day(1)
	tw.findingIn(t, kuzet.WebFindingNew)
	res, err := tw.CreateBlockingRequest(ctx, police, []int64{a, b}, "")
	if err != nil {
		t.Fatal(err)
	}
	tw.now = day(2)
	if _, err := tw.ReportBlockingStatus(ctx, regulator, res.Request.ID, []webwatch.StatusUpdate{
		{FindingID: a, Status: kuzet.BlockingBlocked}, {FindingID: b, Status: kuzet.BlockingGone},
	}); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name     string
		from, to time.Time
		want     kuzet.WebCounts
	}{
		{"all time", time.Time{}, time.Time{}, kuzet.WebCounts{Found: 4, Sent: 2, Blocked: 1, Gone: 1}},
		{"day 0", day(0), day(1), kuzet.WebCounts{Found: 3}},
		{"day 1", day(1), day(2), kuzet.WebCounts{Found: 1, Sent: 2}},
		{"from day 2", day(2), time.Time{}, kuzet.WebCounts{Blocked: 1, Gone: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tw.Counts(ctx, tc.from, tc.to)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
	_, err = tw.Counts(ctx, day(2), day(1))
	wantCode(t, err, kuzet.EINVALID)
}

// TestConcurrentSubmit submits the same domains from many goroutines: each
// domain becomes one finding, announced once in the audit log.
func TestConcurrentSubmit(t *testing.T) {
	tw := newTestService(t)
	domains := []string{"kaspi-bonus.top", "halyk-bonus.com", "egov.kz.verify-id.top", "kаspi.kz", "kolesaa.kz"}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			items := make([]webwatch.SubmitItem, len(domains))
			for i := range domains {
				items[i] = webwatch.SubmitItem{Value: domains[(i+g)%len(domains)]}
			}
			if _, err := tw.Submit(context.Background(), webwatch.Submission{Source: kuzet.WebSourceFeed, Items: items}); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	page, err := tw.Findings(context.Background(), kuzet.WebFindingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Findings) != len(domains) {
		t.Errorf("got %d findings, want %d", len(page.Findings), len(domains))
	}
	if n := tw.countAudit(kuzet.AuditWebFinding); n != len(domains) {
		t.Errorf("got %d new-finding audit entries, want %d", n, len(domains))
	}
}

func TestSetScorer(t *testing.T) {
	tw := newTestService(t)
	brands, err := webwatch.ParseBrands(strings.NewReader("acme acme-bank.kz\n"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := webwatch.NewScorer(brands)
	if err != nil {
		t.Fatal(err)
	}
	tw.SetScorer(s)
	res := tw.submit(t, kuzet.WebSourceAnalyst, "acme-bank-bonus.top", "kaspi-bonus.top")
	if len(res.Findings) != 1 || res.Findings[0].Finding.Brand != "acme" || res.Clean != 1 {
		t.Errorf("got %d findings, %d clean, want the new watchlist's brand only", len(res.Findings), res.Clean)
	}
	tw.SetScorer(nil)
	if res := tw.submit(t, kuzet.WebSourceAnalyst, "acme-bank-bonus.top"); len(res.Findings) != 0 || res.Clean != 1 {
		t.Errorf("got %d findings, want none with an empty watchlist", len(res.Findings))
	}
}

// FuzzSubmit feeds any text as a submitted domain: it is a finding, clean,
// or invalid with a reason, and never an error of the whole batch.
func FuzzSubmit(f *testing.F) {
	for _, s := range []string{"kаspi.kz", "https://kaspi-bonus.top/login", "xn--80a.kz", "a..b", "", "http://[::1]/",
		"kaspi.kz@evil.example/x", strings.Repeat("a.", 130) + "kz", "*.halyk-bonus.com", "ftp://egov.kz.verify-id.top:21/"} {
		f.Add(s)
	}
	store := newMemStore()
	scorer := mustScorer(f)
	wf := webwatch.NewService(webwatch.Config{Store: store, Scorer: scorer, Clock: kuzet.FixedClock(t0)})
	f.Fuzz(func(t *testing.T, value string) {
		res, err := wf.Submit(context.Background(), webwatch.Submission{Source: kuzet.WebSourceFeed, Items: []webwatch.SubmitItem{{Value: value}}})
		if err != nil {
			t.Fatalf("submit %q: %v", value, err)
		}
		switch n := res.Clean + len(res.Findings) + len(res.Invalid); {
		case n != 1:
			t.Fatalf("submit %q: got %d outcomes, want 1", value, n)
		case len(res.Invalid) == 1:
			wantCode(t, res.Invalid[0].Err, kuzet.EINVALID)
			if kuzet.ErrorMessage(res.Invalid[0].Err) == "" {
				t.Fatalf("submit %q: got an invalid item without a reason", value)
			}
		case len(res.Findings) == 1:
			fd := res.Findings[0].Finding
			if n, err := webwatch.ParseName(fd.Domain); err != nil || n.ASCII != fd.Domain {
				t.Fatalf("submit %q: got finding domain %q, which does not parse to itself: %v", value, fd.Domain, err)
			}
		}
	})
}
