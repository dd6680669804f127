package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/exchange"
	"github.com/kuzet/kuzet/ident"
)

// ExchangeConfig is the international exchange's part of the server's
// configuration.
type ExchangeConfig struct {
	DefaultTLP kuzet.TLP // the level of reports nobody marked
}

// tlpFlag is a TLP level given on the command line.
type tlpFlag struct{ t *kuzet.TLP }

func (f tlpFlag) String() string {
	if f.t == nil {
		return ""
	}
	return string(*f.t)
}

func (f tlpFlag) Set(v string) error {
	t := kuzet.TLP(strings.ToLower(strings.TrimPrefix(strings.ToUpper(v), "TLP:")))
	if !t.Valid() {
		return fmt.Errorf("%q is not a TLP level: clear, green, amber, amber+strict or red", v)
	}
	*f.t = t
	return nil
}

func (m *Main) exchangeFlags(fs *flag.FlagSet) {
	if m.Config.Exchange.DefaultTLP == "" {
		m.Config.Exchange.DefaultTLP = exchange.DefaultTLP
	}
	fs.Var(tlpFlag{&m.Config.Exchange.DefaultTLP}, "exchange-tlp",
		"TLP `level` of reports nobody marked: clear or green go to every partner, amber only to those allowed it, red to none")
}

// newExchange builds the exchange service the TAXII server and the MISP
// feed translate for.
func (m *Main) newExchange(parser *ident.Parser) *exchange.Service {
	m.Exchange = exchange.NewService(exchange.Config{Store: m.Store, Registry: m.Registry, Parser: parser, Clock: m.Clock,
		Auditor: m.Audit, DefaultTLP: m.Config.Exchange.DefaultTLP})
	return m.Exchange
}
