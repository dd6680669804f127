package registry_test

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/registry"
)

// report returns a report updated at now.
func report(org int64, kind kuzet.Kind, value string, cat kuzet.Category, conf float64) *kuzet.Report {
	return &kuzet.Report{OrgID: org, Kind: kind, Value: value, Category: cat, Confidence: conf, CreatedAt: now, UpdatedAt: now}
}

func TestIndexAssess(t *testing.T) {
	const phone = "+77011234567"
	earlier := now.Add(-days(10))
	tests := []struct {
		name    string
		reports []*kuzet.Report
		allow   []string // phone values allowlisted
		want    kuzet.Assessment
	}{
		{
			name: "unknown",
			want: kuzet.Assessment{Risk: kuzet.RiskNone, Categories: []kuzet.Category{}},
		},
		{
			name:    "one report",
			reports: []*kuzet.Report{report(1, kuzet.KindPhone, phone, kuzet.CategoryScamCall, 0.9)},
			want: kuzet.Assessment{Risk: kuzet.RiskHigh, Score: 0.9, Categories: []kuzet.Category{kuzet.CategoryScamCall},
				Reporters: 1, FirstSeen: &now, LastSeen: &now},
		},
		{
			name: "two orgs, categories sorted, seen range",
			reports: []*kuzet.Report{
				report(1, kuzet.KindPhone, phone, kuzet.CategorySpoofedCLI, 0.6),
				{OrgID: 2, Kind: kuzet.KindPhone, Value: phone, Category: kuzet.CategoryScamCall, Confidence: 0.6,
					CreatedAt: earlier, UpdatedAt: now},
			},
			want: kuzet.Assessment{Risk: kuzet.RiskHigh, Score: 0.84,
				Categories: []kuzet.Category{kuzet.CategoryScamCall, kuzet.CategorySpoofedCLI},
				Reporters:  2, FirstSeen: &earlier, LastSeen: &now},
		},
		{
			name: "same org and category again replaces",
			reports: []*kuzet.Report{
				report(1, kuzet.KindPhone, phone, kuzet.CategoryScamCall, 0.9),
				report(1, kuzet.KindPhone, phone, kuzet.CategoryScamCall, 0.4),
			},
			want: kuzet.Assessment{Risk: kuzet.RiskMedium, Score: 0.4, Categories: []kuzet.Category{kuzet.CategoryScamCall},
				Reporters: 1, FirstSeen: &now, LastSeen: &now},
		},
		{
			name: "a later contribution is replaced in place",
			reports: []*kuzet.Report{
				report(1, kuzet.KindPhone, phone, kuzet.CategoryScamCall, 0.9),
				report(2, kuzet.KindPhone, phone, kuzet.CategoryScamCall, 0.6),
				report(3, kuzet.KindPhone, phone, kuzet.CategoryScamCall, 0.5),
				report(2, kuzet.KindPhone, phone, kuzet.CategoryScamCall, 0.3),
			},
			// 1 − 0.1 × 0.7 × 0.5
			want: kuzet.Assessment{Risk: kuzet.RiskCritical, Score: 0.965, Categories: []kuzet.Category{kuzet.CategoryScamCall},
				Reporters: 3, FirstSeen: &now, LastSeen: &now},
		},
		{
			name: "expired report is left out",
			reports: []*kuzet.Report{
				{OrgID: 1, Kind: kuzet.KindPhone, Value: phone, Category: kuzet.CategoryScamCall, Confidence: 0.9,
					CreatedAt: earlier, UpdatedAt: earlier, ValidUntil: now},
				report(2, kuzet.KindPhone, phone, kuzet.CategoryVictimReport, 0.5),
			},
			want: kuzet.Assessment{Risk: kuzet.RiskLow, Score: 0.2, Categories: []kuzet.Category{kuzet.CategoryVictimReport},
				Reporters: 1, FirstSeen: &now, LastSeen: &now},
		},
		{
			name: "only expired reports",
			reports: []*kuzet.Report{
				{OrgID: 1, Kind: kuzet.KindPhone, Value: phone, Category: kuzet.CategoryScamCall, Confidence: 0.9,
					CreatedAt: earlier, UpdatedAt: earlier, ValidUntil: now.Add(-time.Hour)},
			},
			want: kuzet.Assessment{Risk: kuzet.RiskNone, Categories: []kuzet.Category{}},
		},
		{
			name: "allowlisted overrides",
			reports: []*kuzet.Report{
				report(1, kuzet.KindPhone, phone, kuzet.CategoryScamCall, 1),
				report(2, kuzet.KindPhone, phone, kuzet.CategoryScamCall, 1),
			},
			allow: []string{phone},
			want: kuzet.Assessment{Risk: kuzet.RiskNone, Score: 0, Categories: []kuzet.Category{kuzet.CategoryScamCall},
				Reporters: 2, FirstSeen: &now, LastSeen: &now, Allowlisted: true},
		},
		{
			name:  "allowlisted without reports",
			allow: []string{phone},
			want:  kuzet.Assessment{Risk: kuzet.RiskNone, Categories: []kuzet.Category{}, Allowlisted: true},
		},
		{
			name:    "other value does not match",
			reports: []*kuzet.Report{report(1, kuzet.KindPhone, phone+"8", kuzet.CategoryScamCall, 0.9)},
			allow:   []string{phone[:len(phone)-1]},
			want:    kuzet.Assessment{Risk: kuzet.RiskNone, Categories: []kuzet.Category{}},
		},
		{
			name:    "same value of another kind does not match",
			reports: []*kuzet.Report{report(1, kuzet.KindAccount, phone, kuzet.CategoryScamCall, 0.9)},
			want:    kuzet.Assessment{Risk: kuzet.RiskNone, Categories: []kuzet.Category{}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := registry.NewIndex()
			for _, r := range tc.reports {
				x.Add(r)
			}
			for _, v := range tc.allow {
				x.Allow(kuzet.KindPhone, v, true)
			}
			got := x.Assess(kuzet.KindPhone, phone, now)
			want := tc.want
			want.Kind, want.Value = kuzet.KindPhone, phone
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %s, want %s", show(got), show(want))
			}
		})
	}
}

// show prints an assessment with its times, which %v would print as pointers.
func show(a kuzet.Assessment) string {
	at := func(t *time.Time) string {
		if t == nil {
			return "nil"
		}
		return t.Format(time.RFC3339)
	}
	return fmt.Sprintf("{%s %s risk=%s score=%v cats=%v reporters=%d first=%s last=%s allow=%v}",
		a.Kind, a.Value, a.Risk, a.Score, a.Categories, a.Reporters, at(a.FirstSeen), at(a.LastSeen), a.Allowlisted)
}

func TestIndexRemove(t *testing.T) {
	const v = "KZ86125KZT5004100100"
	tests := []struct {
		name      string
		org       int64
		category  kuzet.Category
		reporters int
		cats      []kuzet.Category
		len       int
	}{
		{"one category of one org", 1, kuzet.CategoryMuleAccount, 2, []kuzet.Category{kuzet.CategoryMuleAccount, kuzet.CategoryScamCall}, 1},
		{"all of one org", 1, "", 1, []kuzet.Category{kuzet.CategoryMuleAccount}, 1},
		{"org without reports", 9, "", 2, []kuzet.Category{kuzet.CategoryMuleAccount, kuzet.CategoryScamCall}, 1},
		{"category the org did not report", 2, kuzet.CategoryScamCall, 2, []kuzet.Category{kuzet.CategoryMuleAccount, kuzet.CategoryScamCall}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := registry.NewIndex()
			x.Add(report(1, kuzet.KindIBAN, v, kuzet.CategoryMuleAccount, 0.9))
			x.Add(report(1, kuzet.KindIBAN, v, kuzet.CategoryScamCall, 0.9))
			x.Add(report(2, kuzet.KindIBAN, v, kuzet.CategoryMuleAccount, 0.5))
			x.Remove(tc.org, kuzet.KindIBAN, v, tc.category)
			a := x.Assess(kuzet.KindIBAN, v, now)
			if a.Reporters != tc.reporters {
				t.Errorf("reporters: got %d, want %d", a.Reporters, tc.reporters)
			}
			if !reflect.DeepEqual(a.Categories, tc.cats) {
				t.Errorf("categories: got %v, want %v", a.Categories, tc.cats)
			}
			if x.Len() != tc.len {
				t.Errorf("len: got %d, want %d", x.Len(), tc.len)
			}
		})
	}

	t.Run("removed contributions are reused", func(t *testing.T) {
		x := registry.NewIndex()
		for org := int64(1); org <= 5; org++ {
			x.Add(report(org, kuzet.KindIBAN, v, kuzet.CategoryMuleAccount, 0.5))
		}
		x.Remove(2, kuzet.KindIBAN, v, "")
		x.Remove(4, kuzet.KindIBAN, v, "")
		x.Remove(1, kuzet.KindIBAN, v, "") // the inline one: the next moves up
		for org := int64(6); org <= 7; org++ {
			x.Add(report(org, kuzet.KindIBAN, v, kuzet.CategoryMuleAccount, 0.5))
		}
		if got := x.Assess(kuzet.KindIBAN, v, now).Reporters; got != 4 {
			t.Errorf("reporters: got %d, want 4", got)
		}
		for _, org := range []int64{3, 5, 6, 7} {
			x.Remove(org, kuzet.KindIBAN, v, kuzet.CategoryMuleAccount)
		}
		if x.Len() != 0 {
			t.Errorf("len: got %d, want 0", x.Len())
		}
	})

	t.Run("last contribution removes the indicator", func(t *testing.T) {
		x := registry.NewIndex()
		x.Add(report(1, kuzet.KindIBAN, v, kuzet.CategoryMuleAccount, 0.9))
		x.Add(report(2, kuzet.KindIBAN, v, kuzet.CategoryMuleAccount, 0.9))
		x.Remove(1, kuzet.KindIBAN, v, "")
		x.Remove(2, kuzet.KindIBAN, v, kuzet.CategoryMuleAccount)
		if x.Len() != 0 {
			t.Errorf("len: got %d, want 0", x.Len())
		}
		if a := x.Assess(kuzet.KindIBAN, v, now); a.Risk != kuzet.RiskNone || a.Reporters != 0 {
			t.Errorf("got %s, want unknown", show(a))
		}
	})
}

func TestIndexDomainAllowlist(t *testing.T) {
	tests := []struct {
		entry string
		value string
		want  bool
	}{
		{"kaspi.kz", "kaspi.kz", true},
		{"kaspi.kz", "pay.kaspi.kz", true},
		{"kaspi.kz", "a.b.pay.kaspi.kz", true},
		{"kaspi.kz", "kaspi.kz.evil.com", false},
		{"kaspi.kz", "evilkaspi.kz", false},
		{"kaspi.kz", "kz", false},
		{"pay.kaspi.kz", "kaspi.kz", false},
		{"kz", "kaspi.kz", false}, // a single label covers only itself
		{"kz", "kz", true},
	}
	for _, tc := range tests {
		t.Run(tc.entry+" "+tc.value, func(t *testing.T) {
			x := registry.NewIndex()
			x.Add(report(1, kuzet.KindDomain, tc.value, kuzet.CategoryPhishingSite, 1))
			x.Allow(kuzet.KindDomain, tc.entry, true)
			a := x.Assess(kuzet.KindDomain, tc.value, now)
			if a.Allowlisted != tc.want {
				t.Errorf("allowlisted: got %v, want %v", a.Allowlisted, tc.want)
			}
			wantRisk := kuzet.RiskCritical
			if tc.want {
				wantRisk = kuzet.RiskNone
			}
			if a.Risk != wantRisk {
				t.Errorf("risk: got %v, want %v", a.Risk, wantRisk)
			}
		})
	}

	t.Run("subdomains only for domains", func(t *testing.T) {
		x := registry.NewIndex()
		x.Allow(kuzet.KindEmail, "kaspi.kz", true)
		if x.Allowlisted(kuzet.KindEmail, "info.kaspi.kz") {
			t.Errorf("got allowlisted, want not")
		}
	})

	t.Run("removal", func(t *testing.T) {
		x := registry.NewIndex()
		x.Allow(kuzet.KindDomain, "kaspi.kz", true)
		x.Allow(kuzet.KindDomain, "kaspi.kz", false)
		if x.Allowlisted(kuzet.KindDomain, "pay.kaspi.kz") {
			t.Errorf("got allowlisted, want not")
		}
	})
}

func TestIndexPrune(t *testing.T) {
	x := registry.NewIndex()
	const n = 5000
	for i := range n {
		r := report(1, kuzet.KindPhone, phoneOf(i), kuzet.CategoryScamCall, 0.9)
		if i%2 == 0 {
			r.ValidUntil = now.Add(time.Hour)
		}
		x.Add(r)
		if i%3 == 0 {
			x.Add(report(2, kuzet.KindPhone, phoneOf(i), kuzet.CategoryScamCall, 0.5))
		}
	}
	later := now.Add(2 * time.Hour)
	before := make([]kuzet.Assessment, n)
	for i := range n {
		before[i] = x.Assess(kuzet.KindPhone, phoneOf(i), later)
	}
	// Indicators left only with org 1's expired report go: i even and not a
	// multiple of 3.
	want := 0
	for i := range n {
		if i%2 == 0 && i%3 != 0 {
			want++
		}
	}
	if got := x.Prune(later); got != want {
		t.Errorf("pruned: got %d, want %d", got, want)
	}
	if got := x.Len(); got != n-want {
		t.Errorf("len: got %d, want %d", got, n-want)
	}
	for i := range n {
		if got := x.Assess(kuzet.KindPhone, phoneOf(i), later); !reflect.DeepEqual(got, before[i]) {
			t.Fatalf("%d: got %s, want %s", i, show(got), show(before[i]))
		}
	}
}

// TestIndexPruneAll empties an index by expiry, so that its tables shrink,
// and fills it again.
func TestIndexPruneAll(t *testing.T) {
	x := registry.NewIndex()
	const n = 20000
	for i := range n {
		r := report(1, kuzet.KindPhone, phoneOf(i), kuzet.CategoryScamCall, 0.9)
		r.ValidUntil = now.Add(time.Hour)
		x.Add(r)
	}
	if got := x.Prune(now.Add(time.Hour)); got != n {
		t.Errorf("pruned: got %d, want %d", got, n)
	}
	for i := range n / 2 {
		x.Add(report(2, kuzet.KindPhone, phoneOf(i), kuzet.CategoryScamCall, 0.9))
	}
	for i := range n {
		want := 0
		if i < n/2 {
			want = 1
		}
		if got := x.Assess(kuzet.KindPhone, phoneOf(i), now).Reporters; got != want {
			t.Fatalf("%d: reporters: got %d, want %d", i, got, want)
		}
	}
}

func phoneOf(i int) string { return fmt.Sprintf("+7701%07d", i) }

// TestIndexChurn adds and removes many indicators so that tables grow,
// deletions shift probe runs and arenas compact, and checks every
// indicator stays findable.
func TestIndexChurn(t *testing.T) {
	x := registry.NewIndex()
	const n = 60000
	for i := range n {
		x.Add(report(int64(i%5+1), kuzet.KindPhone, phoneOf(i), kuzet.CategoryScamCall, 0.9))
	}
	for i := 0; i < n; i += 4 {
		x.Remove(int64(i%5+1), kuzet.KindPhone, phoneOf(i), "")
	}
	for i := n; i < n+n/4; i++ {
		x.Add(report(1, kuzet.KindPhone, phoneOf(i), kuzet.CategoryScamCall, 0.9))
	}
	for i := range n + n/4 {
		a := x.Assess(kuzet.KindPhone, phoneOf(i), now)
		want := 1
		if i < n && i%4 == 0 {
			want = 0
		}
		if a.Reporters != want {
			t.Fatalf("%s: reporters: got %d, want %d", phoneOf(i), a.Reporters, want)
		}
	}
	if got, want := x.Len(), n; got != want {
		t.Errorf("len: got %d, want %d", got, want)
	}
}

// TestIndexConcurrent exercises readers and writers together; run it with
// -race.
func TestIndexConcurrent(t *testing.T) {
	x := registry.NewIndex()
	const n = 2000
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range n {
				v := phoneOf(i)
				x.Add(report(int64(w+1), kuzet.KindPhone, v, kuzet.CategoryScamCall, 0.6))
				if i%7 == 0 {
					x.Remove(int64(w+1), kuzet.KindPhone, v, "")
				}
				if i%100 == 0 {
					x.Allow(kuzet.KindPhone, v, w%2 == 0)
				}
			}
		}()
	}
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range n {
				a := x.Assess(kuzet.KindPhone, phoneOf(i), now)
				if a.Reporters > 4 {
					t.Errorf("reporters: got %d, want <= 4", a.Reporters)
				}
				_ = x.Len()
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range 5 {
			x.Prune(now)
		}
	}()
	wg.Wait()
	for i := range n {
		a := x.Assess(kuzet.KindPhone, phoneOf(i), now)
		want := 4
		if i%7 == 0 {
			want = 0
		}
		if a.Reporters != want {
			t.Fatalf("%d: reporters: got %d, want %d", i, a.Reporters, want)
		}
	}
}

// FuzzIndex applies a sequence of operations decoded from the input to the
// index and to a plain map model, and compares every indicator afterwards.
func FuzzIndex(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{0, 0, 0, 1, 0, 0, 2, 0, 0, 0, 0, 1})
	f.Add([]byte("a fairly long seed of operations to mix adds, removes and prunes"))
	f.Fuzz(func(t *testing.T, ops []byte) {
		type key struct {
			org int64
			cat kuzet.Category
		}
		x := registry.NewIndex()
		model := map[string]map[key]*kuzet.Report{}
		allowed := map[string]bool{}
		cats := []kuzet.Category{kuzet.CategoryScamCall, kuzet.CategoryVictimReport, kuzet.CategoryOther}
		values := 40
		clock := now
		for i := 0; i+2 < len(ops); i += 3 {
			op, a, b := ops[i]%8, int(ops[i+1]), int(ops[i+2])
			v := fuzzValue(a % values)
			org := int64(b%4 + 1)
			cat := cats[(b/4)%len(cats)]
			switch op {
			case 0, 1, 2, 3:
				r := report(org, kuzet.KindURL, v, cat, float64(b%10+1)/10)
				r.UpdatedAt = clock
				if op == 3 {
					r.ValidUntil = clock.Add(time.Duration(b) * time.Minute)
				}
				x.Add(r)
				if model[v] == nil {
					model[v] = map[key]*kuzet.Report{}
				}
				model[v][key{org, cat}] = r
			case 4:
				x.Remove(org, kuzet.KindURL, v, cat)
				delete(model[v], key{org, cat})
			case 5:
				x.Remove(org, kuzet.KindURL, v, "")
				for k := range model[v] {
					if k.org == org {
						delete(model[v], k)
					}
				}
			case 6:
				clock = clock.Add(time.Duration(a) * time.Minute)
				x.Prune(clock)
				for v, rs := range model {
					for k, r := range rs {
						if !r.Live(clock) {
							delete(rs, k)
						}
					}
					if len(rs) == 0 {
						delete(model, v)
					}
				}
			case 7:
				x.Allow(kuzet.KindURL, v, b%2 == 0)
				allowed[v] = b%2 == 0
			}
			for v, rs := range model {
				if len(rs) == 0 {
					delete(model, v)
				}
			}
		}
		if got, want := x.Len(), len(model); got != want {
			t.Errorf("len: got %d, want %d", got, want)
		}
		for i := range values {
			v := fuzzValue(i)
			var cs []registry.Contribution
			orgs := map[int64]bool{}
			for _, r := range model[v] {
				cs = append(cs, registry.Contribution{OrgID: r.OrgID, Category: r.Category, Confidence: r.Confidence,
					CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, ValidUntil: r.ValidUntil})
				if r.Live(clock) {
					orgs[r.OrgID] = true
				}
			}
			score, risk := registry.Score(clock, cs...)
			a := x.Assess(kuzet.KindURL, v, clock)
			if a.Allowlisted != allowed[v] {
				t.Errorf("%s: allowlisted: got %v, want %v", v, a.Allowlisted, allowed[v])
			}
			if allowed[v] {
				score, risk = 0, kuzet.RiskNone
			}
			if a.Score != score || a.Risk != risk || a.Reporters != len(orgs) {
				t.Errorf("%s: got score %v risk %v reporters %d, want %v %v %d", v, a.Score, a.Risk, a.Reporters, score, risk, len(orgs))
			}
		}
	})
}

// fuzzValue returns short values for even i and values too long for a slot
// for odd i.
func fuzzValue(i int) string {
	if i%2 == 0 {
		return "https://x.kz/" + strconv.Itoa(i)
	}
	return "https://example.kz/a/rather/long/path/" + strconv.Itoa(i)
}

// TestIndexLongValues removes most of many long values, so that a shard's
// arena is compacted, and checks what is left.
func TestIndexLongValues(t *testing.T) {
	x := registry.NewIndex()
	const n = 20000
	long := func(i int) string { return "https://example.kz/" + strings.Repeat("p", 300) + "/" + strconv.Itoa(i) }
	for i := range n {
		x.Add(report(1, kuzet.KindURL, long(i), kuzet.CategoryPhishingSite, 0.9))
	}
	for i := range n {
		if i%4 != 0 {
			x.Remove(1, kuzet.KindURL, long(i), kuzet.CategoryPhishingSite)
		}
	}
	for i := range n {
		if i%8 == 1 {
			x.Add(report(2, kuzet.KindURL, long(i), kuzet.CategoryPhishingSite, 0.9))
		}
	}
	for i := range n {
		want := 0
		if i%4 == 0 || i%8 == 1 {
			want = 1
		}
		if got := x.Assess(kuzet.KindURL, long(i), now).Reporters; got != want {
			t.Fatalf("%d: reporters: got %d, want %d", i, got, want)
		}
	}
	if got, want := x.Len(), n/4+n/8; got != want {
		t.Errorf("len: got %d, want %d", got, want)
	}
}
