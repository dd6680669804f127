package synth_test

import (
	"bytes"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/synth"
)

// TestIndicatorsAreValid checks that everything the country reports is a
// valid identifier of its kind: the demo must not seed garbage.
func TestIndicatorsAreValid(t *testing.T) {
	c := synth.New(1)
	p := &ident.Parser{CardKey: bytes.Repeat([]byte("k"), 32)}
	kinds := map[kuzet.Kind]int{}
	for _, s := range c.Indicators(5000) {
		if _, err := p.Parse(s.Kind, s.Value); err != nil {
			t.Errorf("%s %q: %v", s.Kind, s.Value, err)
		}
		if !s.Category.Valid() || s.Confidence <= 0 || s.Confidence > 1 {
			t.Errorf("%s %q: category %q confidence %v", s.Kind, s.Value, s.Category, s.Confidence)
		}
		kinds[s.Kind]++
	}
	for _, k := range []kuzet.Kind{kuzet.KindPhone, kuzet.KindIBAN, kuzet.KindCard, kuzet.KindDomain, kuzet.KindURL,
		kuzet.KindIMEI, kuzet.KindIP, kuzet.KindWallet, kuzet.KindEmail} {
		if kinds[k] == 0 {
			t.Errorf("no %s among 5000 indicators", k)
		}
	}
	for _, a := range c.Allowlist() {
		if _, err := p.Parse(a.Kind, a.Value); err != nil {
			t.Errorf("allowlist %s %q: %v", a.Kind, a.Value, err)
		}
	}
	for _, o := range c.Orgs() {
		if err := o.Validate(); err != nil {
			t.Errorf("org %s: %v", o.Name, err)
		}
	}
}

func TestSeedRepeats(t *testing.T) {
	a, b := synth.New(42).Indicators(100), synth.New(42).Indicators(100)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("item %d differs between two runs of one seed: %v, %v", i, a[i], b[i])
		}
	}
}

func TestKZIBAN(t *testing.T) {
	// The check digits of the acceptance checks' helper for bank 722.
	got := synth.KZIBAN("722", "0000000000123")
	if _, err := ident.ParseIBAN(got); err != nil {
		t.Errorf("KZIBAN gave %s: %v", got, err)
	}
}
