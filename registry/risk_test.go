package registry_test

import (
	"math"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/registry"
)

var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func days(n float64) time.Duration { return time.Duration(n * 24 * float64(time.Hour)) }

// fresh returns a contribution updated at now.
func fresh(org int64, cat kuzet.Category, conf float64) registry.Contribution {
	return registry.Contribution{OrgID: org, Category: cat, Confidence: conf, CreatedAt: now, UpdatedAt: now}
}

func aged(c registry.Contribution, age time.Duration) registry.Contribution {
	c.CreatedAt = now.Add(-age)
	c.UpdatedAt = now.Add(-age)
	return c
}

func until(c registry.Contribution, t time.Time) registry.Contribution {
	c.ValidUntil = t
	return c
}

func TestScore(t *testing.T) {
	tests := []struct {
		name  string
		cs    []registry.Contribution
		score float64
		risk  kuzet.Risk
	}{
		{"nothing", nil, 0, kuzet.RiskNone},
		{"police scam call 0.9 is high", []registry.Contribution{fresh(1, kuzet.CategoryScamCall, 0.9)}, 0.9, kuzet.RiskHigh},
		{"one org at 0.6 is medium", []registry.Contribution{fresh(1, kuzet.CategoryMuleAccount, 0.6)}, 0.6, kuzet.RiskMedium},
		{"two independent orgs at 0.6 are high", []registry.Contribution{
			fresh(1, kuzet.CategoryMuleAccount, 0.6), fresh(2, kuzet.CategoryMuleAccount, 0.6)}, 0.84, kuzet.RiskHigh},
		{"same org twice counts once", []registry.Contribution{
			fresh(1, kuzet.CategoryScamCall, 0.6), fresh(1, kuzet.CategorySpoofedCLI, 0.6)}, 0.6, kuzet.RiskMedium},
		{"same org keeps its strongest category", []registry.Contribution{
			fresh(1, kuzet.CategoryVictimReport, 1), fresh(1, kuzet.CategoryScamCall, 0.7)}, 0.7, kuzet.RiskMedium},
		{"corroborated 0.8 is critical", []registry.Contribution{
			fresh(1, kuzet.CategoryPhishingSite, 0.8), fresh(2, kuzet.CategoryPhishingSite, 0.8)}, 0.96, kuzet.RiskCritical},
		{"confirmed fresh report is critical", []registry.Contribution{fresh(1, kuzet.CategoryMalware, 1)}, 1, kuzet.RiskCritical},
		{"victim report weighs 0.4", []registry.Contribution{fresh(1, kuzet.CategoryVictimReport, 0.5)}, 0.2, kuzet.RiskLow},
		{"other weighs 0.5", []registry.Contribution{fresh(1, kuzet.CategoryOther, 0.8)}, 0.4, kuzet.RiskMedium},
		{"below 0.05 is none", []registry.Contribution{fresh(1, kuzet.CategoryVictimReport, 0.1)}, 0.04, kuzet.RiskNone},
		{"half-life halves", []registry.Contribution{aged(fresh(1, kuzet.CategoryScamCall, 0.9), registry.HalfLife)}, 0.45, kuzet.RiskMedium},
		{"two half-lives quarter", []registry.Contribution{aged(fresh(1, kuzet.CategoryScamCall, 0.8), 2*registry.HalfLife)}, 0.2, kuzet.RiskLow},
		{"a year old is nearly gone", []registry.Contribution{aged(fresh(1, kuzet.CategoryScamCall, 0.9), days(400))}, 0.0413, kuzet.RiskNone},
		{"future update does not boost", []registry.Contribution{aged(fresh(1, kuzet.CategoryScamCall, 0.9), -days(10))}, 0.9, kuzet.RiskHigh},
		{"expired does not count", []registry.Contribution{until(fresh(1, kuzet.CategoryScamCall, 0.9), now)}, 0, kuzet.RiskNone},
		{"expired one second ago does not count", []registry.Contribution{until(fresh(1, kuzet.CategoryScamCall, 0.9), now.Add(-time.Second))}, 0, kuzet.RiskNone},
		{"valid until later counts", []registry.Contribution{until(fresh(1, kuzet.CategoryScamCall, 0.9), now.Add(time.Second))}, 0.9, kuzet.RiskHigh},
		{"expired org leaves the other", []registry.Contribution{
			until(fresh(1, kuzet.CategoryScamCall, 0.9), now.Add(-time.Hour)), fresh(2, kuzet.CategoryScamCall, 0.6)}, 0.6, kuzet.RiskMedium},
		{"unknown category is ignored", []registry.Contribution{fresh(1, "bogus", 1)}, 0, kuzet.RiskNone},
		{"three weak reporters add up", []registry.Contribution{
			fresh(1, kuzet.CategoryVictimReport, 0.5), fresh(2, kuzet.CategoryVictimReport, 0.5), fresh(3, kuzet.CategoryVictimReport, 0.5)},
			0.488, kuzet.RiskMedium},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			score, risk := registry.Score(now, tc.cs...)
			if math.Abs(score-tc.score) > 1e-9 {
				t.Errorf("score: got %v, want %v", score, tc.score)
			}
			if risk != tc.risk {
				t.Errorf("risk: got %v, want %v", risk, tc.risk)
			}
		})
	}
}

// TestScoreMonotone checks the properties the rules promise: another
// independent reporter never lowers the score, and the score never exceeds 1.
func TestScoreMonotone(t *testing.T) {
	var cs []registry.Contribution
	prev := 0.0
	for org := int64(1); org <= 40; org++ {
		cs = append(cs, fresh(org, kuzet.Categories[int(org)%len(kuzet.Categories)], float64(org%10+1)/10))
		score, _ := registry.Score(now, cs...)
		if score < prev {
			t.Fatalf("org %d: score fell: got %v, want >= %v", org, score, prev)
		}
		if score > 1 {
			t.Fatalf("org %d: got %v, want <= 1", org, score)
		}
		prev = score
	}
}

func TestLevel(t *testing.T) {
	tests := []struct {
		score float64
		want  kuzet.Risk
	}{
		{0, kuzet.RiskNone},
		{0.0499, kuzet.RiskNone},
		{registry.LowThreshold, kuzet.RiskLow},
		{0.2999, kuzet.RiskLow},
		{registry.MediumThreshold, kuzet.RiskMedium},
		{0.7499, kuzet.RiskMedium},
		{registry.HighThreshold, kuzet.RiskHigh},
		{0.9499, kuzet.RiskHigh},
		{registry.CriticalThreshold, kuzet.RiskCritical},
		{1, kuzet.RiskCritical},
	}
	for _, tc := range tests {
		if got := registry.Level(tc.score); got != tc.want {
			t.Errorf("Level(%v): got %v, want %v", tc.score, got, tc.want)
		}
	}
}

func TestCategoryWeight(t *testing.T) {
	tests := []struct {
		cat  kuzet.Category
		want float64
	}{
		{kuzet.CategoryScamCall, 1},
		{kuzet.CategorySpoofedCLI, 1},
		{kuzet.CategorySimboxSIM, 1},
		{kuzet.CategoryMuleAccount, 1},
		{kuzet.CategoryPhishingSite, 1},
		{kuzet.CategoryFakeShop, 1},
		{kuzet.CategoryInvestmentScam, 1},
		{kuzet.CategoryMalware, 1},
		{kuzet.CategoryVictimReport, 0.4},
		{kuzet.CategoryOther, 0.5},
		{"bogus", 0},
	}
	for _, tc := range tests {
		if got := registry.CategoryWeight(tc.cat); got != tc.want {
			t.Errorf("CategoryWeight(%s): got %v, want %v", tc.cat, got, tc.want)
		}
	}
}

// TestDecayLevels checks the ages the package documentation gives for an
// unrenewed report at confidence 0.9.
func TestDecayLevels(t *testing.T) {
	tests := []struct {
		age  float64 // days
		want kuzet.Risk
	}{
		{0, kuzet.RiskHigh},
		{23, kuzet.RiskHigh},
		{25, kuzet.RiskMedium},
		{140, kuzet.RiskMedium},
		{150, kuzet.RiskLow},
		{370, kuzet.RiskLow},
		{380, kuzet.RiskNone},
	}
	for _, tc := range tests {
		_, got := registry.Score(now, aged(fresh(1, kuzet.CategoryScamCall, 0.9), days(tc.age)))
		if got != tc.want {
			t.Errorf("%v days: got %v, want %v", tc.age, got, tc.want)
		}
	}
}
