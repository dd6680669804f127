package webwatch_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/webwatch"
)

func TestPermutations(t *testing.T) {
	perms, err := webwatch.Permutations("kaspi.kz")
	if err != nil {
		t.Fatal(err)
	}
	byFuzzer := map[string][]string{}
	seen := map[string]bool{}
	for _, p := range perms {
		if seen[p.Domain] {
			t.Errorf("%s: reported twice", p.Domain)
		}
		seen[p.Domain] = true
		byFuzzer[p.Fuzzer] = append(byFuzzer[p.Fuzzer], p.Domain)
		n, err := webwatch.ParseName(p.Domain)
		if err != nil || n.ASCII != p.Domain {
			t.Errorf("%s: not a valid ASCII name (%v, %q)", p.Domain, err, n.ASCII)
		}
		if u, err := webwatch.ParseName(p.Unicode); err != nil || u.ASCII != p.Domain {
			t.Errorf("%s: Unicode form %q parses to %q, %v", p.Domain, p.Unicode, u.ASCII, err)
		}
	}
	if seen["kaspi.kz"] {
		t.Error("the domain itself is among its permutations")
	}
	for _, f := range webwatch.Fuzzers {
		if len(byFuzzer[f]) == 0 {
			t.Errorf("fuzzer %s: got no names", f)
		}
		if !slices.IsSorted(byFuzzer[f]) {
			t.Errorf("fuzzer %s: names not sorted", f)
		}
	}
	for _, want := range []string{
		"kaspii.kz", "kapsi.kz", "kasi.kz", "kas-pi.kz", "ka.spi.kz", "kaspo.kz", "kaspe.kz", "kaspis.kz",
		"kaspi.com", "kaspi.top", "kaspi-kz.com", "kaspikz.com", "kaspi.kz.com", "kaspi-bonus.kz",
		"kaspioplata.kz", "vyplata-kaspi.kz", "ka5pi.kz", "kasp1.kz",
		"xn--kspi-53d.kz", // kаspi, Cyrillic а
		mustASCII(t, "kәspi.kz"),
		mustASCII(t, "каѕрі.kz"),
	} {
		if !seen[want] {
			t.Errorf("%s: missing", want)
		}
	}
}

func mustASCII(t *testing.T, d string) string {
	t.Helper()
	n, err := webwatch.ParseName(d)
	if err != nil {
		t.Fatal(err)
	}
	return n.ASCII
}

func TestPermutationsKeepSubdomain(t *testing.T) {
	perms, err := webwatch.Permutations("online.halykbank.kz")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range perms {
		if !strings.HasPrefix(p.Domain, "online.") && p.Fuzzer != "various" {
			t.Errorf("%s (%s): subdomain lost", p.Domain, p.Fuzzer)
		}
	}
	if !slices.Contains(webwatch.Permute("online.halykbank.kz"), "online.halykbnak.kz") {
		t.Error("online.halykbnak.kz: missing")
	}
}

func TestPermutationsInvalid(t *testing.T) {
	for _, d := range []string{"", "kaspi", "com.kz", "xn--zzzz.kz"} {
		if _, err := webwatch.Permutations(d); kuzet.ErrorCode(err) != kuzet.EINVALID {
			t.Errorf("%q: got %v, want EINVALID", d, err)
		}
		if got := webwatch.Permute(d); got != nil {
			t.Errorf("%q: got %d names, want nil", d, len(got))
		}
	}
}

// TestScorerFindsPermutations: the names Permute proposes for watching are
// the names the scorer flags when they appear in a feed.
func TestScorerFindsPermutations(t *testing.T) {
	s := mustScorer(t)
	for _, d := range []string{"kaspi.kz", "halykbank.kz", "egov.kz", "wildberries.kz", "airastana.com"} {
		names := webwatch.Permute(d)
		flagged := 0
		for _, n := range names {
			if s.Score(n).Flagged() {
				flagged++
			}
		}
		if got := float64(flagged) / float64(len(names)); got < 0.9 {
			t.Errorf("%s: %d of %d permutations flagged (%.2f), want ≥ 0.9", d, flagged, len(names), got)
		}
	}
}

// FuzzPermutations: any valid name permutes without a panic into valid,
// distinct names.
func FuzzPermutations(f *testing.F) {
	for _, d := range []string{"kaspi.kz", "kаspi.kz", "a.b.c.kz", "x-y.com.kz", "1.kz", "каспи.рф"} {
		f.Add(d)
	}
	f.Fuzz(func(t *testing.T, d string) {
		perms, err := webwatch.Permutations(d)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, p := range perms {
			if seen[p.Domain] {
				t.Fatalf("%q: %s twice", d, p.Domain)
			}
			seen[p.Domain] = true
			if n, err := webwatch.ParseName(p.Domain); err != nil || n.ASCII != p.Domain {
				t.Fatalf("%q: invalid permutation %q: %v", d, p.Domain, err)
			}
		}
	})
}
