package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kuzet/kuzet/simbox"
)

// CDRConfig configures the server's CDR uploads and their SIM-box
// analysis.
type CDRConfig struct {
	// Spool is where uploads are written and analysed from. By default the
	// data directory's cdr-spool with SQLite; with --db, a directory in the
	// system's temporary directory named for the database. Give each
	// server of a deployment its own, on a disk that survives restarts, so
	// that queued uploads do too.
	Spool     string
	MaxUpload int64 // bytes; simbox.DefaultMaxUpload when 0
	Workers   int   // cores one analysis uses; all when 0
}

// simboxFlags adds the flags of CDR uploads.
func (m *Main) simboxFlags(fs *flag.FlagSet) {
	c := &m.Config.CDR
	fs.StringVar(&c.Spool, "spool", c.Spool, "`directory` CDR uploads are written to and analysed from\n"+
		"(default: <data>/cdr-spool, or a directory in the system's temporary directory with --db)")
	fs.Int64Var(&c.MaxUpload, "max-upload", simbox.DefaultMaxUpload, "largest CDR upload in `bytes`")
	fs.IntVar(&c.Workers, "cdr-workers", c.Workers, "`cores` one CDR analysis uses; all when 0")
}

// spool returns the spool directory the configuration names.
func (c *Config) spool() string {
	switch {
	case c.CDR.Spool != "":
		return c.CDR.Spool
	case c.DB != "":
		// Named for the database, so that servers of other databases on
		// the machine (tests, say) keep apart.
		sum := sha256.Sum256([]byte(c.DB))
		return filepath.Join(os.TempDir(), "kuzet-cdr-"+hex.EncodeToString(sum[:6]))
	}
	return filepath.Join(c.Data, "cdr-spool")
}

// startSimbox builds the SIM-box service and starts its analyser, before
// the API takes requests: uploads a stop cut off are rejected, batches a
// stop interrupted are queued again.
func (m *Main) startSimbox(ctx context.Context) (*simbox.Service, error) {
	cfg := simbox.Config{
		Store: m.Store, Registry: m.Registry, Audit: m.Audit, Spool: m.Config.spool(),
		MaxUpload: m.Config.CDR.MaxUpload, Workers: m.Config.CDR.Workers, Clock: m.Clock, Logger: m.Logger,
	}
	if m.Cases != nil {
		cfg.Graph = m.Cases // confirmed SIM boxes join the link graph
	}
	svc, err := simbox.NewService(cfg)
	if err != nil {
		return nil, err
	}
	if err := svc.Start(ctx); err != nil {
		return nil, fmt.Errorf("start the CDR analyser: %w", err)
	}
	return svc, nil
}
