package main

import (
	"context"

	"github.com/kuzet/kuzet/natsbus"
)

// startBlocklist publishes the operators' SIM-box block lists on the bus,
// for operators that subscribe rather than poll GET /v1/blocklists/simbox.
// Without NATS there is nothing to do.
func (m *Main) startBlocklist(ctx context.Context) error {
	if m.Bus == nil {
		return nil
	}
	f, err := m.Bus.BlocklistFeed(ctx, m.Telecom, natsbus.BlocklistOptions{})
	if err != nil {
		return err
	}
	f.Start(context.Background())
	m.blocklist = f
	return nil
}

// stopBlocklist stops publishing.
func (m *Main) stopBlocklist() {
	if m.blocklist != nil {
		m.blocklist.Stop()
		m.blocklist = nil
	}
}
