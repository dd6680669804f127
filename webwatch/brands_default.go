package webwatch

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// defaultWatchlist is the built-in watchlist: the Kazakh banks, e-government
// services, marketplaces, post and delivery, operators and carriers that
// fraud imitates most.
//
//go:embed brands_default.txt
var defaultWatchlist string

// DefaultWatchlist returns the text of the built-in watchlist, in the
// format ParseBrands reads, so that it can be printed and edited.
func DefaultWatchlist() string { return defaultWatchlist }

// DefaultBrands returns the brands of the built-in watchlist: what a server
// watches when no watchlist is given. The caller may modify the slice.
func DefaultBrands() []Brand {
	brands := defaultBrands()
	out := make([]Brand, len(brands))
	for i, b := range brands {
		out[i] = Brand{ID: b.ID, Domains: slices.Clone(b.Domains), Keywords: slices.Clone(b.Keywords),
			Partners: slices.Clone(b.Partners), Benign: slices.Clone(b.Benign), Strict: slices.Clone(b.Strict)}
	}
	return out
}

// DefaultScorer returns the scorer of the built-in watchlist, built once
// per process (about 40 ms, more under the race detector) and shared: a
// Scorer is immutable and safe for concurrent use.
func DefaultScorer() *Scorer { return defaultScorer() }

var defaultScorer = sync.OnceValue(func() *Scorer {
	s, err := NewScorer(DefaultBrands())
	if err != nil {
		panic(fmt.Sprintf("webwatch: built-in watchlist: %v", err))
	}
	return s
})

// defaultBrands parses the embedded list once. It is part of the binary,
// and a test parses it: failing here is a broken build, not a runtime
// condition.
var defaultBrands = sync.OnceValue(func() []Brand {
	brands, err := ParseBrands(strings.NewReader(defaultWatchlist))
	if err != nil {
		panic(fmt.Sprintf("webwatch: built-in watchlist: %v", err))
	}
	return brands
})
