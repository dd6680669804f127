package main

import (
	"github.com/kuzet/kuzet/cases"
	"github.com/kuzet/kuzet/ident"
)

// newCases builds the cases service: the freeze service files every
// victim's report through it, and the API serves cases, the link graph and
// the police figures from it.
func (m *Main) newCases(parser *ident.Parser) *cases.Service {
	return cases.NewService(cases.Config{Store: m.Store, Clock: m.Clock, Audit: m.Audit, Parser: parser, Logger: m.Logger,
		Registry: m.Registry})
}
