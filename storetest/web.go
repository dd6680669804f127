package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
)

// newFinding returns a new finding of domain first seen at seen.
func newFinding(domain, brand string, source kuzet.WebSource, seen time.Time) *kuzet.WebFinding {
	return &kuzet.WebFinding{
		Domain: domain, Unicode: domain, Status: kuzet.WebFindingNew, StatusAt: seen,
		WebEvidence: kuzet.WebEvidence{
			Brand: brand, Verdict: "lookalike", Score: 0.93, Methods: []string{"combosquatting", "suspicious-tld"},
			Source: source, SourceDetail: "feed 7", SubmittedBy: 3, FirstSeen: seen, LastSeen: seen,
		},
	}
}

// testCertificate is what a CT log showed, with times below the
// microsecond that the stores drop.
func testCertificate(index int64) *kuzet.WebCertificate {
	return &kuzet.WebCertificate{
		Issuer: "CN=R11,O=Let's Encrypt,C=US", Subject: "kaspi-bonus.top", Serial: "3a0f",
		NotBefore: base, NotAfter: base.Add(90 * 24 * time.Hour), SANs: []string{"kaspi-bonus.top", "www.kaspi-bonus.top"},
		SANCount: 2, Precert: true, SHA256: "ab12", Log: "https://ct.example/2026", LogIndex: index, LoggedAt: base.Add(time.Second),
	}
}

// storedFinding is f as the stores give it back.
func storedFinding(f kuzet.WebFinding) kuzet.WebFinding {
	f.StatusAt, f.FirstSeen, f.LastSeen = us(f.StatusAt), us(f.FirstSeen), us(f.LastSeen)
	if !f.DecidedAt.IsZero() {
		f.DecidedAt = us(f.DecidedAt)
	}
	if c := f.Certificate; c != nil {
		cp := *c
		cp.NotBefore, cp.NotAfter, cp.LoggedAt = us(c.NotBefore), us(c.NotAfter), us(c.LoggedAt)
		f.Certificate = &cp
	}
	return f
}

// sameJSON fails the test unless got and want encode alike in JSON, which
// follows the pointers to certificates that %+v would print as addresses.
// The encoding shows a time's zone, and tells nil slices from empty ones.
func sameJSON[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	g, err := json.Marshal(got)
	must(t, what, err)
	w, err := json.Marshal(want)
	must(t, what, err)
	if string(g) != string(w) {
		t.Errorf("%s:\ngot  %s\nwant %s", what, g, w)
	}
}

// upsertFindings stores fs in one transaction, failing unless each is new.
func upsertFindings(t *testing.T, s kuzet.Store, fs ...*kuzet.WebFinding) {
	t.Helper()
	update(t, s, func(ctx context.Context, tx kuzet.Tx) { upsertNew(t, ctx, tx, fs...) })
}

// upsertNew stores fs in tx, failing unless each is new.
func upsertNew(t *testing.T, ctx context.Context, tx kuzet.Tx, fs ...*kuzet.WebFinding) {
	t.Helper()
	for _, f := range fs {
		created, err := tx.UpsertWebFinding(ctx, f)
		must(t, "upsert finding", err)
		if !created {
			t.Fatalf("upsert %s: got created false, want a new finding", f.Domain)
		}
	}
}

func findFinding(t *testing.T, s kuzet.Store, id int64) kuzet.WebFinding {
	t.Helper()
	return *find(t, s, "find finding", kuzet.Tx.FindWebFinding, id)
}

func findFindings(t *testing.T, s kuzet.Store, f kuzet.WebFindingFilter) []string {
	t.Helper()
	var got []string
	fs := find(t, s, "find findings", kuzet.Tx.FindWebFindings, f)
	for i, w := range fs {
		if i > 0 && w.ID <= fs[i-1].ID {
			t.Errorf("find findings: got ID %d after %d, want ascending IDs", w.ID, fs[i-1].ID)
		}
		got = append(got, w.Domain)
	}
	return got
}

func findRequest(t *testing.T, s kuzet.Store, id int64) kuzet.BlockingRequest {
	t.Helper()
	return *find(t, s, "find blocking request", kuzet.Tx.FindBlockingRequest, id)
}

func findRequests(t *testing.T, s kuzet.Store, f kuzet.BlockingRequestFilter) []int64 {
	t.Helper()
	var ids []int64
	for _, r := range find(t, s, "find blocking requests", kuzet.Tx.FindBlockingRequests, f) {
		if len(r.Items) == 0 {
			t.Errorf("request %d: got no items, want them with the request", r.ID)
		}
		ids = append(ids, r.ID)
	}
	return ids
}

// newRequest makes a pending request of fs by org at time at.
func newRequest(orgID int64, at time.Time, fs ...*kuzet.WebFinding) *kuzet.BlockingRequest {
	r := &kuzet.BlockingRequest{OrgID: orgID, CreatedAt: at, Note: "batch of " + fmt.Sprint(len(fs))}
	for _, f := range fs {
		r.Items = append(r.Items, kuzet.BlockingItem{FindingID: f.ID, Domain: f.Domain, Unicode: f.Unicode,
			Category: kuzet.CategoryPhishingSite, Evidence: f.WebEvidence, Status: kuzet.BlockingPending})
	}
	return r
}

func testWeb(t *testing.T, open func(t *testing.T) kuzet.Store) {
	t.Run("UpsertFinding", func(t *testing.T) {
		s := open(t)
		f := newFinding("xn--kspi-53d.kz", "kaspi", kuzet.WebSourceFeed, base)
		f.Unicode = "kаspi.kz"
		want := storedFinding(*f)
		upsertFindings(t, s, f)
		if f.ID <= 0 {
			t.Fatalf("upsert: got ID %d, want it set", f.ID)
		}
		want.ID = f.ID
		sameJSON(t, "inserted finding", *f, want)
		sameJSON(t, "found finding", findFinding(t, s, f.ID), want)

		// Seen again, from a CT log, by another source, later: only the
		// sighting and the missing details change.
		again := newFinding(f.Domain, "other", kuzet.WebSourceCT, base.Add(time.Hour))
		again.Verdict, again.Score, again.Status = "suspicious", 0.5, kuzet.WebFindingConfirmed
		again.Certificate, again.URL = testCertificate(41), "https://xn--kspi-53d.kz/login"
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			created, err := tx.UpsertWebFinding(ctx, again)
			must(t, "upsert known domain", err)
			if created {
				t.Error("upsert known domain: got created true, want false")
			}
		})
		want.LastSeen = us(base.Add(time.Hour))
		want.Certificate, want.URL = storedFinding(*again).Certificate, again.URL
		sameJSON(t, "finding after a second sighting", *again, want)
		sameJSON(t, "found after a second sighting", findFinding(t, s, f.ID), want)

		// An older sighting moves nothing back; a certificate and a URL
		// already known stay.
		old := newFinding(f.Domain, "kaspi", kuzet.WebSourceCitizen, base.Add(-time.Hour))
		old.Certificate, old.URL = testCertificate(99), "https://xn--kspi-53d.kz/other"
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			_, err := tx.UpsertWebFinding(ctx, old)
			must(t, "upsert older sighting", err)
		})
		sameJSON(t, "found after an older sighting", findFinding(t, s, f.ID), want)

		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			got, err := tx.FindWebFindingByDomain(ctx, f.Domain)
			must(t, "find by domain", err)
			sameJSON(t, "found by domain", *got, want)
			_, err = tx.FindWebFindingByDomain(ctx, "kaspi.kz")
			wantCode(t, "find unknown domain", err, kuzet.ENOTFOUND)
			_, err = tx.FindWebFinding(ctx, f.ID+100)
			wantCode(t, "find unknown ID", err, kuzet.ENOTFOUND)
		})
	})

	t.Run("UpsertFindingConcurrently", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		const n = 8
		created := make([]bool, n)
		ids := make([]int64, n)
		err := parallel(n, func(i int) error {
			return within(ctx, s, true, func(tx kuzet.Tx) error {
				f := newFinding("halyk-bonus.site", "halyk", kuzet.WebSourceCT, base.Add(time.Duration(i)*time.Minute))
				var err error
				created[i], err = tx.UpsertWebFinding(ctx, f)
				ids[i] = f.ID
				return err
			})
		})
		must(t, "concurrent upserts", err)
		if c := len(slices.DeleteFunc(slices.Clone(created), func(b bool) bool { return !b })); c != 1 {
			t.Errorf("got %d upserts that created the finding, want 1", c)
		}
		for _, id := range ids {
			if id != ids[0] {
				t.Errorf("got finding IDs %v, want one finding", ids)
				break
			}
		}
		if got := findFinding(t, s, ids[0]).LastSeen; !got.Equal(us(base.Add((n - 1) * time.Minute))) {
			t.Errorf("got last seen %v, want the latest sighting", got)
		}
	})

	t.Run("FindFindings", func(t *testing.T) {
		s := open(t)
		fs := []*kuzet.WebFinding{
			newFinding("kaspi-bonus.top", "kaspi", kuzet.WebSourceCT, base),
			newFinding("halyk-bonus.site", "halyk", kuzet.WebSourceFeed, base.Add(time.Hour)),
			newFinding("egov.kz.verify-id.top", "egov", kuzet.WebSourceCitizen, base.Add(2*time.Hour)),
			newFinding("kaspi-kz.com", "kaspi", kuzet.WebSourceFeed, base.Add(3*time.Hour)),
			newFinding("kolesaa.kz", "kolesa", kuzet.WebSourceAnalyst, base.Add(4*time.Hour)),
		}
		upsertFindings(t, s, fs...)
		confirmed := *fs[3]
		confirmed.Status, confirmed.StatusAt = kuzet.WebFindingConfirmed, base.Add(5*time.Hour)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "confirm", tx.UpdateWebFinding(ctx, &confirmed, kuzet.WebFindingNew))
		})
		for _, tc := range []struct {
			name   string
			filter kuzet.WebFindingFilter
			want   []string
		}{
			{"all", kuzet.WebFindingFilter{}, []string{"kaspi-bonus.top", "halyk-bonus.site", "egov.kz.verify-id.top", "kaspi-kz.com", "kolesaa.kz"}},
			{"new", kuzet.WebFindingFilter{Status: kuzet.WebFindingNew}, []string{"kaspi-bonus.top", "halyk-bonus.site", "egov.kz.verify-id.top", "kolesaa.kz"}},
			{"confirmed", kuzet.WebFindingFilter{Status: kuzet.WebFindingConfirmed}, []string{"kaspi-kz.com"}},
			{"dismissed", kuzet.WebFindingFilter{Status: kuzet.WebFindingDismissed}, nil},
			{"brand", kuzet.WebFindingFilter{Brand: "kaspi"}, []string{"kaspi-bonus.top", "kaspi-kz.com"}},
			{"new of a brand", kuzet.WebFindingFilter{Status: kuzet.WebFindingNew, Brand: "kaspi"}, []string{"kaspi-bonus.top"}},
			{"source", kuzet.WebFindingFilter{Source: kuzet.WebSourceFeed}, []string{"halyk-bonus.site", "kaspi-kz.com"}},
			{"from", kuzet.WebFindingFilter{From: base.Add(3 * time.Hour)}, []string{"kaspi-kz.com", "kolesaa.kz"}},
			{"to excluded", kuzet.WebFindingFilter{To: base.Add(time.Hour)}, []string{"kaspi-bonus.top"}},
			{"period", kuzet.WebFindingFilter{From: base.Add(time.Hour), To: base.Add(3 * time.Hour)}, []string{"halyk-bonus.site", "egov.kz.verify-id.top"}},
			{"after", kuzet.WebFindingFilter{AfterID: fs[2].ID}, []string{"kaspi-kz.com", "kolesaa.kz"}},
			{"limit", kuzet.WebFindingFilter{Limit: 2}, []string{"kaspi-bonus.top", "halyk-bonus.site"}},
			{"page after", kuzet.WebFindingFilter{Status: kuzet.WebFindingNew, AfterID: fs[1].ID, Limit: 1}, []string{"egov.kz.verify-id.top"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				same(t, "findings", findFindings(t, s, tc.filter), tc.want)
			})
		}
	})

	t.Run("FindFindingsPageLimit", func(t *testing.T) {
		s := open(t)
		var fs []*kuzet.WebFinding
		for i := range kuzet.WebPageDefault + 1 {
			fs = append(fs, newFinding(fmt.Sprintf("kaspi-%d.top", i), "kaspi", kuzet.WebSourceCT, base))
		}
		upsertFindings(t, s, fs...)
		if got := len(findFindings(t, s, kuzet.WebFindingFilter{})); got != kuzet.WebPageDefault {
			t.Errorf("no limit: got %d findings, want %d", got, kuzet.WebPageDefault)
		}
		if got := len(findFindings(t, s, kuzet.WebFindingFilter{Limit: kuzet.WebPageMax + 1})); got != len(fs) {
			t.Errorf("limit over the max: got %d findings, want %d", got, len(fs))
		}
	})

	t.Run("UpdateFinding", func(t *testing.T) {
		s := open(t)
		f := newFinding("kaspi-bonus.top", "kaspi", kuzet.WebSourceCT, base)
		f.Certificate = testCertificate(7)
		upsertFindings(t, s, f)
		want := storedFinding(*f)

		decided := *f
		decided.Status, decided.StatusAt = kuzet.WebFindingConfirmed, base.Add(time.Minute)
		decided.Category, decided.Notes = kuzet.CategoryFakeShop, "a shop taking card numbers"
		decided.DecidedBy, decided.DecidedAt = 2, base.Add(time.Minute)
		// Fields the update does not store.
		decided.Brand, decided.LastSeen = "changed", base.Add(time.Hour)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "update", tx.UpdateWebFinding(ctx, &decided, kuzet.WebFindingNew))
			stale := decided
			stale.Status = kuzet.WebFindingDismissed
			wantCode(t, "update from a status it no longer has", tx.UpdateWebFinding(ctx, &stale, kuzet.WebFindingNew), kuzet.ECONFLICT)
			missing := decided
			missing.ID += 100
			wantCode(t, "update of an unknown finding", tx.UpdateWebFinding(ctx, &missing, kuzet.WebFindingNew), kuzet.ENOTFOUND)
			// The transaction is still usable.
			_, err := tx.FindWebFinding(ctx, f.ID)
			must(t, "find after conflict", err)
		})
		if !decided.DecidedAt.Equal(us(base.Add(time.Minute))) || decided.DecidedAt.Location() != time.UTC {
			t.Errorf("update: DecidedAt set to %v, want the stored time", decided.DecidedAt)
		}
		want.Status, want.StatusAt, want.Category, want.Notes = kuzet.WebFindingConfirmed, us(base.Add(time.Minute)), kuzet.CategoryFakeShop, decided.Notes
		want.DecidedBy, want.DecidedAt = 2, us(base.Add(time.Minute))
		sameJSON(t, "updated finding", findFinding(t, s, f.ID), want)
	})

	t.Run("BlockingRequest", func(t *testing.T) {
		s := open(t)
		a := newFinding("kaspi-bonus.top", "kaspi", kuzet.WebSourceCT, base)
		a.Certificate = testCertificate(7)
		b := newFinding("xn--kspi-53d.kz", "kaspi", kuzet.WebSourceFeed, base)
		b.Unicode = "kаspi.kz"
		c := newFinding("halyk-bonus.site", "halyk", kuzet.WebSourceCitizen, base)
		upsertFindings(t, s, a, b, c)

		// Items keep the order they were sent in, not their IDs'.
		r := newRequest(5, base.Add(time.Hour), c, a)
		want := kuzet.BlockingRequest{OrgID: 5, CreatedAt: us(base.Add(time.Hour)), Note: r.Note}
		for _, it := range r.Items {
			it.Evidence = storedFinding(kuzet.WebFinding{WebEvidence: it.Evidence}).WebEvidence
			want.Items = append(want.Items, it)
		}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "create request", tx.CreateBlockingRequest(ctx, r))
		})
		if r.ID <= 0 {
			t.Fatalf("create request: got ID %d, want it set", r.ID)
		}
		want.ID = r.ID
		sameJSON(t, "created request", *r, want)
		sameJSON(t, "found request", findRequest(t, s, r.ID), want)

		// A finding is sent once. The failed request leaves nothing behind
		// and the transaction goes on.
		second := newRequest(6, base.Add(2*time.Hour), b)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			err := tx.CreateBlockingRequest(ctx, newRequest(5, base.Add(2*time.Hour), b, a))
			wantCode(t, "request with a finding already sent", err, kuzet.ECONFLICT)
			err = tx.CreateBlockingRequest(ctx, newRequest(5, base.Add(2*time.Hour), b, b))
			wantCode(t, "request listing a finding twice", err, kuzet.ECONFLICT)
			rs, err := tx.FindBlockingRequests(ctx, kuzet.BlockingRequestFilter{})
			must(t, "find requests after conflict", err)
			if len(rs) != 1 {
				t.Errorf("after the conflicts: got %d requests, want 1", len(rs))
			}
			must(t, "create after conflict", tx.CreateBlockingRequest(ctx, second))
		})
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			_, err := tx.FindBlockingRequest(ctx, second.ID+100)
			wantCode(t, "find unknown request", err, kuzet.ENOTFOUND)
		})
		// IDs of failed inserts may be skipped, never reused.
		same(t, "requests", findRequests(t, s, kuzet.BlockingRequestFilter{}), []int64{r.ID, second.ID})
	})

	t.Run("BlockingItem", func(t *testing.T) {
		s := open(t)
		a := newFinding("kaspi-bonus.top", "kaspi", kuzet.WebSourceCT, base)
		b := newFinding("halyk-bonus.site", "halyk", kuzet.WebSourceFeed, base)
		c := newFinding("kolesaa.kz", "kolesa", kuzet.WebSourceFeed, base)
		upsertFindings(t, s, a, b, c)
		r1, r2 := newRequest(5, base, a, b), newRequest(5, base, c)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "create request", tx.CreateBlockingRequest(ctx, r1))
			must(t, "create request", tx.CreateBlockingRequest(ctx, r2))
		})
		same(t, "pending requests", findRequests(t, s, kuzet.BlockingRequestFilter{Pending: true}), []int64{r1.ID, r2.ID})

		answer := r1.Items[1]
		answer.Status, answer.Note, answer.StatusAt, answer.StatusBy = kuzet.BlockingBlocked, "blocked at the IX", base.Add(time.Hour), 9
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "answer item", tx.UpdateBlockingItem(ctx, r1.ID, &answer, kuzet.BlockingPending))
			again := answer
			again.Status = kuzet.BlockingGone
			wantCode(t, "answer an answered item", tx.UpdateBlockingItem(ctx, r1.ID, &again, kuzet.BlockingPending), kuzet.ECONFLICT)
			wantCode(t, "answer an item of another request", tx.UpdateBlockingItem(ctx, r2.ID, &again, kuzet.BlockingBlocked), kuzet.ENOTFOUND)
			wantCode(t, "answer in an unknown request", tx.UpdateBlockingItem(ctx, r2.ID+100, &again, kuzet.BlockingBlocked), kuzet.ENOTFOUND)
		})
		if !answer.StatusAt.Equal(us(base.Add(time.Hour))) || answer.StatusAt.Location() != time.UTC {
			t.Errorf("answer: StatusAt set to %v, want the stored time", answer.StatusAt)
		}
		got := findRequest(t, s, r1.ID)
		sameJSON(t, "answered item", got.Items[1], answer)
		if got.Items[0].Status != kuzet.BlockingPending {
			t.Errorf("other item: got status %s, want pending", got.Items[0].Status)
		}

		// Once every item is answered, the request leaves the queue.
		rest := r1.Items[0]
		rest.Status, rest.StatusAt, rest.StatusBy = kuzet.BlockingRejected, base.Add(2*time.Hour), 9
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "answer last item", tx.UpdateBlockingItem(ctx, r1.ID, &rest, kuzet.BlockingPending))
		})
		same(t, "pending requests", findRequests(t, s, kuzet.BlockingRequestFilter{Pending: true}), []int64{r2.ID})
		same(t, "all requests", findRequests(t, s, kuzet.BlockingRequestFilter{}), []int64{r1.ID, r2.ID})
		same(t, "requests after", findRequests(t, s, kuzet.BlockingRequestFilter{AfterID: r1.ID}), []int64{r2.ID})
		same(t, "one request", findRequests(t, s, kuzet.BlockingRequestFilter{Limit: 1}), []int64{r1.ID})
	})

	t.Run("CTCheckpoint", func(t *testing.T) {
		s := open(t)
		const log = "https://ct.example/2026h1"
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			_, err := tx.FindCTCheckpoint(ctx, log)
			wantCode(t, "find missing checkpoint", err, kuzet.ENOTFOUND)
		})
		for i, c := range []*kuzet.CTCheckpoint{
			{LogID: log, NextIndex: 256, TreeSize: 1000, RootHash: hash("root 1000"), UpdatedAt: base},
			{LogID: log, NextIndex: 1000, TreeSize: 1000, RootHash: hash("root 1000"), UpdatedAt: base.Add(time.Minute)},
			{LogID: log, NextIndex: 1000, TreeSize: 1200, RootHash: hash("root 1200"), UpdatedAt: base.Add(2 * time.Minute)},
		} {
			want := *c
			want.UpdatedAt = us(c.UpdatedAt)
			update(t, s, func(ctx context.Context, tx kuzet.Tx) {
				must(t, "put checkpoint", tx.PutCTCheckpoint(ctx, c))
			})
			same(t, fmt.Sprintf("put checkpoint %d", i), *c, want)
			view(t, s, func(ctx context.Context, tx kuzet.Tx) {
				got, err := tx.FindCTCheckpoint(ctx, log)
				must(t, "find checkpoint", err)
				same(t, fmt.Sprintf("checkpoint %d", i), *got, want)
				_, err = tx.FindCTCheckpoint(ctx, log+"/")
				wantCode(t, "find another log's checkpoint", err, kuzet.ENOTFOUND)
			})
		}
	})

	t.Run("CountWeb", func(t *testing.T) {
		s := open(t)
		day := func(n int) time.Time { return base.Add(time.Duration(n) * 24 * time.Hour) }
		a := newFinding("kaspi-bonus.top", "kaspi", kuzet.WebSourceCT, day(0))
		b := newFinding("halyk-bonus.site", "halyk", kuzet.WebSourceFeed, day(1))
		c := newFinding("kolesaa.kz", "kolesa", kuzet.WebSourceFeed, day(1))
		d := newFinding("egov.kz.verify-id.top", "egov", kuzet.WebSourceCitizen, day(2))
		upsertFindings(t, s, a, b, c, d)
		r1, r2 := newRequest(5, day(1), a, b), newRequest(5, day(2), c, d)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "create request", tx.CreateBlockingRequest(ctx, r1))
			must(t, "create request", tx.CreateBlockingRequest(ctx, r2))
			for _, u := range []struct {
				req    *kuzet.BlockingRequest
				i      int
				status kuzet.BlockingStatus
				at     time.Time
			}{
				{r1, 0, kuzet.BlockingBlocked, day(2)},
				{r1, 1, kuzet.BlockingRejected, day(3)},
				{r2, 0, kuzet.BlockingBlocked, day(3)},
			} {
				it := u.req.Items[u.i]
				it.Status, it.StatusAt, it.StatusBy = u.status, u.at, 9
				must(t, "answer item", tx.UpdateBlockingItem(ctx, u.req.ID, &it, kuzet.BlockingPending))
			}
		})
		for _, tc := range []struct {
			name     string
			from, to time.Time
			want     kuzet.WebCounts
		}{
			{"all time", time.Time{}, time.Time{}, kuzet.WebCounts{Found: 4, Sent: 4, Blocked: 2, Rejected: 1}},
			{"day 0", day(0), day(1), kuzet.WebCounts{Found: 1}},
			{"day 1", day(1), day(2), kuzet.WebCounts{Found: 2, Sent: 2}},
			{"day 2", day(2), day(3), kuzet.WebCounts{Found: 1, Sent: 2, Blocked: 1}},
			{"from day 3", day(3), time.Time{}, kuzet.WebCounts{Blocked: 1, Rejected: 1}},
			{"until day 2", time.Time{}, day(2), kuzet.WebCounts{Found: 3, Sent: 2}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				view(t, s, func(ctx context.Context, tx kuzet.Tx) {
					got, err := tx.CountWeb(ctx, tc.from, tc.to)
					must(t, "count", err)
					same(t, "counts", got, tc.want)
				})
			})
		}
	})

	t.Run("Rollback", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		tx, err := s.Begin(ctx, true)
		must(t, "begin", err)
		f := newFinding("kaspi-bonus.top", "kaspi", kuzet.WebSourceCT, base)
		_, err = tx.UpsertWebFinding(ctx, f)
		must(t, "upsert", err)
		must(t, "create request", tx.CreateBlockingRequest(ctx, newRequest(5, base, f)))
		must(t, "put checkpoint", tx.PutCTCheckpoint(ctx, &kuzet.CTCheckpoint{LogID: "https://ct.example", UpdatedAt: base}))
		must(t, "rollback", tx.Rollback())
		if got := findFindings(t, s, kuzet.WebFindingFilter{}); len(got) != 0 {
			t.Errorf("after rollback: got findings %v, want none", got)
		}
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			c, err := tx.CountWeb(ctx, time.Time{}, time.Time{})
			must(t, "count", err)
			same(t, "counts after rollback", c, kuzet.WebCounts{})
			_, err = tx.FindCTCheckpoint(ctx, "https://ct.example")
			wantCode(t, "checkpoint after rollback", err, kuzet.ENOTFOUND)
		})
	})

	// A use case writes its audit entries in the transaction of its
	// change: the web writes and the audit appends commit, or roll back,
	// together, on one chain.
	t.Run("WithAudit", func(t *testing.T) { testWebWithAudit(t, open(t)) })
}

// webAudit is the audit entry of a step on f, as webwatch writes them.
func webAudit(action string, f *kuzet.WebFinding) *kuzet.AuditEntry {
	return &kuzet.AuditEntry{At: base, OrgID: 3, Action: action, Object: fmt.Sprintf("web_finding:%d", f.ID),
		Detail: fmt.Sprintf("domain=%s brand=%s verdict=%s score=%.2f source=%s", f.Domain, f.Brand, f.Verdict, f.Score, f.Source)}
}

func testWebWithAudit(t *testing.T, s kuzet.Store) {
	ctx := t.Context()
	a := newFinding("kaspi-bonus.top", "kaspi", kuzet.WebSourceCT, base)
	b := newFinding("halyk-bonus.site", "halyk", kuzet.WebSourceCT, base)
	update(t, s, func(ctx context.Context, tx kuzet.Tx) {
		upsertNew(t, ctx, tx, a, b)
		must(t, "put checkpoint", tx.PutCTCheckpoint(ctx, &kuzet.CTCheckpoint{LogID: "https://ct.example", NextIndex: 4,
			TreeSize: 4, UpdatedAt: base}))
		must(t, "append audit", tx.AppendAudit(ctx, webAudit(kuzet.AuditWebFinding, a), webAudit(kuzet.AuditWebFinding, b)))
	})

	// A step that fails after its audit entry leaves neither behind.
	confirmed := *a
	confirmed.Status, confirmed.StatusAt = kuzet.WebFindingConfirmed, base.Add(time.Hour)
	tx, err := s.Begin(ctx, true)
	must(t, "begin", err)
	must(t, "confirm", tx.UpdateWebFinding(ctx, &confirmed, kuzet.WebFindingNew))
	must(t, "append audit", tx.AppendAudit(ctx, webAudit(kuzet.AuditWebConfirm, a)))
	must(t, "rollback", tx.Rollback())
	if got := findFinding(t, s, a.ID).Status; got != kuzet.WebFindingNew {
		t.Errorf("after a rolled-back confirmation: got status %s, want %s", got, kuzet.WebFindingNew)
	}

	update(t, s, func(ctx context.Context, tx kuzet.Tx) {
		must(t, "confirm", tx.UpdateWebFinding(ctx, &confirmed, kuzet.WebFindingNew))
		must(t, "create request", tx.CreateBlockingRequest(ctx, newRequest(5, base.Add(2*time.Hour), &confirmed)))
		must(t, "append audit", tx.AppendAudit(ctx, webAudit(kuzet.AuditWebConfirm, a),
			webAudit(kuzet.AuditBlockingCreate, a)))
	})
	chain, head := scanAudit(t, s)
	must(t, "audit chain", verifyChain(chain, head))
	var actions []string
	for _, e := range chain {
		actions = append(actions, e.Action)
	}
	same(t, "audit actions", actions, []string{kuzet.AuditWebFinding, kuzet.AuditWebFinding, kuzet.AuditWebConfirm,
		kuzet.AuditBlockingCreate})
	view(t, s, func(ctx context.Context, tx kuzet.Tx) {
		c, err := tx.CountWeb(ctx, time.Time{}, time.Time{})
		must(t, "count", err)
		same(t, "counts", c, kuzet.WebCounts{Found: 2, Sent: 1})
		cp, err := tx.FindCTCheckpoint(ctx, "https://ct.example")
		must(t, "find checkpoint", err)
		if cp.NextIndex != 4 {
			t.Errorf("checkpoint: got next index %d, want 4", cp.NextIndex)
		}
	})
}

// BenchWebSubmit measures what a batch of names from a
// certificate-transparency feed costs the store: of 1,000 names 2% are new
// look-alikes, inserted as findings with their audit entries and the feed's
// checkpoint in one transaction, as webwatch's Submit does. Scoring the
// names and the rest of the workflow are webwatch's BenchmarkSubmitCT, over
// its in-memory store. ns/op is per name.
func BenchWebSubmit(b *testing.B, s kuzet.Store) {
	const batch = 1000
	lures := []struct{ format, brand string }{
		{"kaspi-bonus-%d.top", "kaspi"}, {"halyk-vyplata-%d.site", "halyk"}, {"egov-kz-%d.online", "egov"},
	}
	ctx := b.Context()
	next := 0
	b.ReportAllocs()
	b.ResetTimer()
	for done := 0; done < b.N; done += batch {
		var found []*kuzet.WebFinding
		for range min(batch, b.N-done) {
			if next++; next%50 == 0 {
				l := lures[next/50%len(lures)]
				found = append(found, newFinding(fmt.Sprintf(l.format, next), l.brand, kuzet.WebSourceCT, base))
			}
		}
		cp := &kuzet.CTCheckpoint{LogID: "https://ct.example/bench", NextIndex: int64(next), TreeSize: int64(next), UpdatedAt: base}
		if err := within(ctx, s, true, func(tx kuzet.Tx) error {
			entries := make([]*kuzet.AuditEntry, 0, len(found))
			for _, f := range found {
				created, err := tx.UpsertWebFinding(ctx, f)
				if err != nil {
					return err
				} else if !created {
					return fmt.Errorf("upsert %s: got a known domain, want a new finding", f.Domain)
				}
				entries = append(entries, webAudit(kuzet.AuditWebFinding, f))
			}
			if err := tx.PutCTCheckpoint(ctx, cp); err != nil {
				return err
			}
			return tx.AppendAudit(ctx, entries...)
		}); err != nil {
			b.Fatal(err)
		}
	}
}
