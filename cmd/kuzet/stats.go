package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/cases"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/payments"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/simbox"
	"github.com/kuzet/kuzet/stats"
	"github.com/kuzet/kuzet/telecom"
	"github.com/kuzet/kuzet/webwatch"
)

func init() {
	register("stats", "print the briefing table for a period and a region", runStats)
}

func runStats(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "stats", "stats --data DIR [--from DATE] [--to DATE] [--region NAME] [--format table|csv|xlsx] [--out FILE]",
		`Prints the briefing: internet-fraud cases registered, suspects identified and
detained (foreigners among them), people sent to court, call centres shut down
at home and abroad, SIM boxes and SIM cards seized, internet resources sent for
blocking, theft prevented and calls from spoofed numbers blocked, for the period
[from, to) — the last half-year by default — and one region or all. It reads
the store only; the same table is GET /v1/stats with Accept: text/csv.

Dates are 2026-01-01 (midnight in Almaty) or RFC 3339 times.`)
	data := fs.String("data", "data", "data `directory` of the SQLite store")
	db := fs.String("db", "", "PostgreSQL `URL` instead of the SQLite store")
	keyFile := fs.String("key-file", "", "the deployment's key `file`")
	from := fs.String("from", "", "first day of the period")
	to := fs.String("to", "", "day after the period (today by default)")
	region := fs.String("region", "", "one region's figures, where they carry one")
	format := fs.String("format", "table", "table, csv or xlsx")
	out := fs.String("out", "", "write to `file` instead of standard output (xlsx needs one)")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	var q stats.Query
	var err error
	if q.From, err = statsDate(*from); err != nil {
		return usagef("stats: --from: %v", err)
	}
	if q.To, err = statsDate(*to); err != nil {
		return usagef("stats: --to: %v", err)
	}
	q.Region = *region
	if *format != "table" && *format != "csv" && *format != "xlsx" {
		return usagef("stats: --format is table, csv or xlsx, not %q", *format)
	}
	if *format == "xlsx" && *out == "" {
		return usagef("stats: --format xlsx needs --out FILE")
	}
	store, k, err := openKeyed(ctx, *data, *db, *keyFile, false, nil)
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	defer store.Close()
	svc, closeAll, err := statsService(store, k.CardToken)
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	defer closeAll()
	b, err := svc.Briefing(ctx, q)
	if err != nil {
		return fmt.Errorf("stats: %s", kuzet.ErrorMessage(err))
	}
	w := env.Stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return fmt.Errorf("stats: %w", err)
		}
		defer f.Close()
		w = f
	}
	switch *format {
	case "csv":
		return b.WriteCSV(w)
	case "xlsx":
		return b.WriteXLSX(w)
	}
	return writeTable(w, b)
}

// statsService builds the services the briefing asks, over store alone.
func statsService(store kuzet.Store, cardKey []byte) (*stats.Service, func(), error) {
	tel, err := telecom.NewService(telecom.Config{Store: store})
	if err != nil {
		return nil, nil, err
	}
	spool, err := os.MkdirTemp("", "kuzet-stats-")
	if err != nil {
		tel.Close()
		return nil, nil, err
	}
	reg := registry.NewService(store, &ident.Parser{CardKey: cardKey}, kuzet.SystemClock, kuzet.StoreAuditor(store))
	sb, err := simbox.NewService(simbox.Config{Store: store, Registry: reg, Spool: spool})
	if err != nil {
		tel.Close()
		os.RemoveAll(spool)
		return nil, nil, err
	}
	svc := stats.NewService(stats.Config{Telecom: tel, Simbox: sb,
		Payments: payments.NewService(payments.Config{Store: store}),
		Web:      webwatch.NewService(webwatch.Config{Store: store}),
		Cases:    cases.NewService(cases.Config{Store: store})})
	return svc, func() { tel.Close(); os.RemoveAll(spool) }, nil
}

// statsDate reads a day (midnight in Almaty) or an RFC 3339 time; "" is
// the zero time.
func statsDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.ParseInLocation(time.DateOnly, s, kuzet.Almaty); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is neither a date (2026-01-01) nor an RFC 3339 time", s)
	}
	return t, nil
}

// writeTable prints the briefing for a person.
func writeTable(w io.Writer, b *stats.Briefing) error {
	region := b.Region
	if region == "" {
		region = "all regions"
	}
	fmt.Fprintf(w, "Briefing %s – %s, %s\n\n", b.From.In(kuzet.Almaty).Format(time.DateOnly),
		b.To.In(kuzet.Almaty).Format(time.DateOnly), region)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, r := range b.Rows() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t\n", r.Figure, r.Text(), r.Unit)
	}
	return tw.Flush()
}
