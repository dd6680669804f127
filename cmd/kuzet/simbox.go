package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/kuzet/kuzet/simbox"
	"github.com/kuzet/kuzet/synth"
)

func init() {
	register("simbox", "find SIM boxes in a CDR extract (simbox detect, generate, eval)", runSimbox)
}

const simboxUsage = `Usage: kuzet simbox SUBCOMMAND [flags]

Subcommands:
  detect    judge every SIM of a CDR extract and write suspects.csv
  generate  write a labelled synthetic CDR extract, for tests and figures
  eval      compare suspects.csv with the labels of a synthetic extract

The CDR format is docs/simbox.md: CSV (or gzip-compressed CSV) with the
columns record_type,start_time,msisdn,imsi,imei,other_party,duration_s,cell_id.
`

func runSimbox(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(env.Stdout, simboxUsage)
		if len(args) == 0 {
			return usagef("a subcommand is required")
		}
		return nil
	}
	switch args[0] {
	case "detect":
		return runSimboxDetect(ctx, env, args[1:])
	case "generate":
		return runSimboxGenerate(ctx, env, args[1:])
	case "eval":
		return runSimboxEval(env, args[1:])
	}
	return usagef("unknown subcommand %q (detect, generate, eval)", args[0])
}

func runSimboxDetect(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "simbox detect", "simbox detect --in CDR.csv[.gz] --out suspects.csv [flags]",
		`Reads a CDR extract as a stream (plain or gzip, detected by content), measures every
SIM's behaviour, groups SIMs into probable boxes and writes one row per SIM:
msisdn,score,verdict,reasons,device_id,imeis,cells,first_seen,last_seen and
the main features. verdict is simbox, suspect or clean; reasons are ';'-separated
codes. The evidence column explains each flagged SIM: every term of its score as
code:weight (log-odds, positive for a box, largest first; with the prior -4 they
sum to the score's logit). A summary and the first bad rows go to standard error.
Bad rows are counted and skipped; a truncated input still writes what was read,
and exits 1.

Other column names: --map start_time=CALL_START,msisdn=A_NUMBER,...

Reasons for: fan_out, many_calls_out, no_callbacks, arranged_callers, few_calls_in,
rejects_calls, no_sms, no_data, one_cell, many_imeis, shared_imei, night_calls,
round_the_clock, cold_calls, quick_redial, group_tac, nationwide_callees, new_sim, gone_sim,
device_group, group_shared_imei, calls_in_group, appeared_together, number_batch,
suspect_contacts. Against (on clean rows): low_volume, callbacks, called_by_many,
own_place, private_contacts, repeat_contacts, few_calls_out, and the cheap signs
of a person, which together weigh at most 1.2: calls_in, sms_use, data_use,
office_hours, weekends_off, workday_pattern. A suspect short of device evidence
says no_device_evidence.`)
	in := fs.String("in", "", "CDR extract `file` (.csv or .csv.gz; - for standard input)")
	out := fs.String("out", "", "suspects `file` to write (- for standard output)")
	mapping := fs.String("map", "", "column mapping `canonical=name,...` for other column names")
	devices := fs.String("devices", "", "also write the probable devices as JSON to `file`")
	minVerdict := fs.String("min-verdict", "clean", "write only SIMs judged at least `verdict` (clean writes every SIM)")
	badRows := fs.Int("bad-rows", 10, "bad rows to show as examples")
	workers := fs.Int("workers", 0, "parsing and aggregating goroutines (default: one per CPU)")
	quiet := fs.Bool("quiet", false, "no progress line on a terminal")
	memLimit := fs.String("memory-limit", "", "soft memory `limit` for the Go runtime, e.g. 3GiB (as GOMEMLIMIT; default none)")
	explainAll := fs.Bool("explain-all", false, "write the evidence of clean SIMs too (costs memory: some 300 bytes a SIM)")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if *in == "" || *out == "" {
		return usagef("--in and --out are required")
	}
	if env.Getenv("GOGC") == "" {
		// The aggregates are long-lived and grow with subscribers: a
		// collector that lets the heap double would double the peak. At 50
		// a million subscribers fit in 3.4 GB for little more CPU.
		debug.SetGCPercent(50)
	}
	if *memLimit != "" {
		n, err := parseBytes(*memLimit)
		if err != nil {
			return usagef("--memory-limit: %v", err)
		}
		// Memory grows with subscribers: a limit makes the collector work
		// harder near it rather than let the heap double past it.
		debug.SetMemoryLimit(n)
	}
	m, err := simbox.ParseMap(*mapping)
	if err != nil {
		return usagef("--map: %s", err.Error())
	}
	least := simbox.Verdict(*minVerdict)
	switch least {
	case simbox.VerdictClean, simbox.VerdictSuspect, simbox.VerdictSimbox:
	default:
		return usagef("--min-verdict must be clean, suspect or simbox")
	}

	var src io.Reader = os.Stdin
	var size int64
	if *in != "-" {
		f, err := os.Open(*in)
		if err != nil {
			return err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil {
			size = st.Size()
		}
		src = f
	}
	opts := simbox.Options{Map: m, Size: size, MaxBadExamples: *badRows, Workers: *workers, AllEvidence: *explainAll}
	if *badRows <= 0 {
		opts.MaxBadExamples = -1 // 0 would mean the default
	}
	start := time.Now()
	if !*quiet && isTerminal(env.Stderr) {
		opts.Progress = progressLine(env.Stderr, start)
	}
	res, detectErr := simbox.Detect(ctx, src, opts)
	if res == nil {
		return detectErr
	}
	if err := writeFileOrStdout(env, *out, func(w io.Writer) error { return simbox.WriteSuspects(w, res.Subscribers, least) }); err != nil {
		return fmt.Errorf("write %s: %w", *out, err)
	}
	if *devices != "" {
		err := writeFileOrStdout(env, *devices, func(w io.Writer) error {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(res.Devices)
		})
		if err != nil {
			return fmt.Errorf("write %s: %w", *devices, err)
		}
	}
	writeDetectSummary(env.Stderr, res, time.Since(start), *out)
	if detectErr != nil {
		return fmt.Errorf("results are partial: %w", detectErr)
	}
	return nil
}

// writeDetectSummary tells the operator what was read and found.
func writeDetectSummary(w io.Writer, res *simbox.Result, took time.Duration, out string) {
	st := res.Stats
	var b strings.Builder
	kind := "CSV"
	if st.Gzip {
		kind = "gzip CSV"
	}
	fmt.Fprintf(&b, "read %d rows of %d subscribers (%s, %.1f MB) in %s", st.Rows, st.Subscribers, kind, float64(st.Bytes)/1e6, took.Round(time.Millisecond))
	if secs := took.Seconds(); secs > 0 {
		fmt.Fprintf(&b, ", %.0f rows/s", float64(st.Lines)/secs)
	}
	if !st.From.IsZero() {
		fmt.Fprintf(&b, "; traffic from %s to %s", st.From.Format(time.RFC3339), st.To.Format(time.RFC3339))
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "rows by type: MOC %d, MTC %d, SMS_MO %d, SMS_MT %d, DATA %d\n", st.ByType[0], st.ByType[1], st.ByType[2], st.ByType[3], st.ByType[4])
	fmt.Fprintf(&b, "bad rows: %d; duplicate rows skipped: %d; rows out of time order: %d; unusable IMEIs: %d\n",
		st.BadRows, st.Duplicates, st.OutOfOrder, st.InvalidIMEI)
	for _, r := range res.BadRows {
		fmt.Fprintf(&b, "  line %d: %s: %q\n", r.Line, r.Reason, r.Text)
	}
	if n := st.BadRows - int64(len(res.BadRows)); n > 0 && len(res.BadRows) > 0 {
		fmt.Fprintf(&b, "  … and %d more bad rows\n", n)
	}
	counts := map[simbox.Verdict]int{}
	for _, s := range res.Subscribers {
		counts[s.Verdict]++
	}
	fmt.Fprintf(&b, "verdicts: %d simbox, %d suspect, %d clean; %d probable devices\n",
		counts[simbox.VerdictSimbox], counts[simbox.VerdictSuspect], counts[simbox.VerdictClean], len(res.Devices))
	for i, d := range res.Devices {
		if i == 5 {
			fmt.Fprintf(&b, "  … and %d more devices\n", len(res.Devices)-5)
			break
		}
		fmt.Fprintf(&b, "  %s: %d SIMs (%d simbox, %d suspect), %d IMEIs, cells %s, evidence %s\n",
			d.ID, len(d.MSISDNs), d.Simbox, d.Suspect, len(d.IMEIs), strings.Join(d.Cells, ";"), strings.Join(d.Evidence, ";"))
	}
	if from, to, ok := quietWindow(res.NightHours); ok {
		fmt.Fprintf(&b, "the population's quiet hours (as the extract writes time): %02d:00–%02d:00; median outgoing calls per active day: %.1f\n",
			from, to, res.MedianCallsOutPerDay)
	}
	if res.Partial {
		fmt.Fprintf(&b, "WARNING: the input ended early (%s): the results are PARTIAL, covering the rows read before it\n", res.Fault)
	}
	fmt.Fprintf(&b, "wrote %s\n", out)
	io.WriteString(w, b.String())
}

// quietWindow returns the first and the end hour of the consecutive hours
// in hours (ascending, possibly passing midnight: 0,19,20,21,22,23 is
// 19:00–01:00).
func quietWindow(hours []int) (from, to int, ok bool) {
	if len(hours) == 0 || len(hours) >= 24 {
		return 0, 0, false
	}
	in := [24]bool{}
	for _, h := range hours {
		in[h] = true
	}
	for _, h := range hours {
		if !in[(h+23)%24] {
			return h, (h + len(hours)) % 24, true
		}
	}
	return 0, 0, false
}

// progressLine returns a Progress callback that redraws one line.
func progressLine(w io.Writer, start time.Time) func(simbox.Progress) {
	return func(p simbox.Progress) {
		secs := time.Since(start).Seconds()
		rate := 0.0
		if secs > 0 {
			rate = float64(p.Rows) / secs
		}
		switch {
		case p.Phase == "done":
			fmt.Fprint(w, "\r\033[K")
		case p.Total > 0:
			fmt.Fprintf(w, "\r\033[K%s %3.0f%%  %.1f / %.1f MB  %d rows  %.2f M rows/s", p.Phase,
				100*float64(p.Bytes)/float64(p.Total), float64(p.Bytes)/1e6, float64(p.Total)/1e6, p.Rows, rate/1e6)
		default:
			fmt.Fprintf(w, "\r\033[K%s  %.1f MB  %d rows  %.2f M rows/s", p.Phase, float64(p.Bytes)/1e6, p.Rows, rate/1e6)
		}
	}
}

// parseBytes reads a size such as 4GiB, 3500MB or 1073741824.
func parseBytes(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if rest, ok := strings.CutSuffix(s, u.suffix); ok {
			s, mult = rest, u.mult
			break
		}
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("want a size such as 3GiB or 3500MB")
	}
	return int64(v * float64(mult)), nil
}

// writeFileOrStdout writes a file through write, or standard output for
// "-"; a file ending in .gz is gzip-compressed.
func writeFileOrStdout(env *Env, path string, write func(io.Writer) error) error {
	if path == "-" {
		return write(env.Stdout)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	var w io.Writer = bw
	var zw *gzip.Writer
	if strings.HasSuffix(path, ".gz") {
		zw = gzip.NewWriter(bw)
		w = zw
	}
	err = write(w)
	if zw != nil {
		err = errors.Join(err, zw.Close())
	}
	err = errors.Join(err, bw.Flush(), f.Close())
	return err
}

func runSimboxGenerate(_ context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "simbox generate", "simbox generate --out cdr.csv[.gz] --labels labels.csv [flags]",
		`Writes a synthetic CDR extract of one operator (docs/simbox.md), the same for the
same seed: ordinary subscribers, the hard confusers of SIM-box detection
(call-centre agents, taxi drivers and couriers, data-only devices, light users,
new subscribers) and a share of SIMs in boxes of four styles (naive, throttled,
imitating, mobile). The labels (msisdn,label,style,device) go to their own file.

--adversary writes the second, adversarial world instead: boxes that imitate
handsets, arrange call-backs from confederates (--callbacks), text, use data,
keep office hours, rotate SIMs or spread them over gateway sites; and honest
look-alikes (bank call centres, debt collectors, taxi firms, dispatch centres,
M2M fleets, family phones). Rows come in time order, in UTC, with the columns
in another order and extra ones; --styles then takes mimic, bypass, simserver,
trickle.`)
	subs := fs.Int("subscribers", 20000, "served SIMs, box SIMs included")
	days := fs.Int("days", 7, "days of traffic")
	seed := fs.Uint64("seed", 1, "random seed")
	out := fs.String("out", "", "extract `file` to write (.gz to compress; - for standard output)")
	labels := fs.String("labels", "", "labels `file` to write")
	boxShare := fs.Float64("box-share", 0.02, "share of SIMs in boxes")
	styles := fs.String("styles", "", "box `styles` to use, comma-separated (default all: "+strings.Join(synth.CDRBoxStyles, ",")+")")
	startDay := fs.String("start", "2026-10-05", "first `day` (local, +05:00)")
	utc := fs.Bool("utc", false, "write timestamps in UTC instead of +05:00")
	sorted := fs.Bool("sorted", false, "write each day's rows in time order (buffers a day in memory)")
	dups := fs.Float64("duplicates", 0, "share of rows to repeat")
	bad := fs.Float64("bad-rows", 0, "share of malformed rows to add")
	adversary := fs.Bool("adversary", false, "write the adversarial world (see above)")
	callbacks := fs.String("callbacks", "0.15,0.40", "with --adversary: the `range` of arranged call-backs per box call")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out is required")
	}
	if *subs <= 0 || *days <= 0 {
		return usagef("--subscribers and --days must be positive")
	}
	day, err := time.Parse("2006-01-02", *startDay)
	if err != nil {
		return usagef("--start: want YYYY-MM-DD")
	}
	cfg := synth.CDRConfig{
		Subscribers: *subs, Days: *days, Seed: *seed, BoxShare: *boxShare, UTC: *utc, SortByTime: *sorted,
		Start:         time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.FixedZone("+05", 5*3600)),
		DuplicateRate: *dups, BadRowRate: *bad,
	}
	if *boxShare == 0 {
		cfg.BoxShare = -1
	}
	if *styles != "" {
		cfg.BoxStyles = strings.Split(*styles, ",")
	}
	write := func(w io.Writer) ([]synth.CDRLabel, error) { return synth.WriteCDR(w, cfg) }
	if *adversary {
		acfg := synth.AdversaryConfig{Subscribers: *subs, Days: *days, Seed: *seed, BoxShare: cfg.BoxShare,
			Start: cfg.Start, BoxStyles: cfg.BoxStyles}
		lo, hi, ok := strings.Cut(*callbacks, ",")
		a, err1 := strconv.ParseFloat(strings.TrimSpace(lo), 64)
		b, err2 := strconv.ParseFloat(strings.TrimSpace(hi), 64)
		if !ok || err1 != nil || err2 != nil || a < 0 || b < a {
			return usagef("--callbacks: want low,high such as 0.15,0.40")
		}
		acfg.Callbacks = [2]float64{a, b}
		if *utc || *sorted || *dups != 0 || *bad != 0 {
			return usagef("--adversary writes UTC rows in time order; --utc, --sorted, --duplicates and --bad-rows do not apply")
		}
		write = func(w io.Writer) ([]synth.CDRLabel, error) { return synth.WriteAdversaryCDR(w, acfg) }
	}
	var ls []synth.CDRLabel
	err = writeFileOrStdout(env, *out, func(w io.Writer) error {
		var err error
		ls, err = write(w)
		return err
	})
	if err != nil {
		return err
	}
	if *labels != "" {
		if err := writeFileOrStdout(env, *labels, func(w io.Writer) error { return synth.WriteCDRLabels(w, ls) }); err != nil {
			return err
		}
	}
	boxes := 0
	for _, l := range ls {
		if l.Label == "simbox" {
			boxes++
		}
	}
	fmt.Fprintf(env.Stderr, "wrote %s: %d subscribers (%d in boxes), %d days\n", *out, len(ls), boxes, *days)
	return nil
}

func runSimboxEval(env *Env, args []string) error {
	fs := newFlagSet(env, "simbox eval", "simbox eval --labels labels.csv --suspects suspects.csv",
		`Compares the verdicts of suspects.csv with the labels of a synthetic extract and
prints precision and recall of verdict simbox, and the verdicts by style.`)
	labelsPath := fs.String("labels", "", "labels `file` from simbox generate")
	suspectsPath := fs.String("suspects", "", "suspects `file` from simbox detect")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if *labelsPath == "" || *suspectsPath == "" {
		return usagef("--labels and --suspects are required")
	}
	lf, err := os.Open(*labelsPath)
	if err != nil {
		return err
	}
	defer lf.Close()
	labels, err := synth.ReadCDRLabels(lf)
	if err != nil {
		return err
	}
	sf, err := os.Open(*suspectsPath)
	if err != nil {
		return err
	}
	defer sf.Close()
	verdicts, err := readVerdicts(sf)
	if err != nil {
		return fmt.Errorf("read %s: %w", *suspectsPath, err)
	}
	type count struct{ n, simbox, suspect int }
	by := map[string]*count{}
	tp, fp, fn := 0, 0, 0
	for _, l := range labels {
		c := by[l.Style]
		if c == nil {
			c = &count{}
			by[l.Style] = c
		}
		c.n++
		v := verdicts[l.MSISDN]
		switch v {
		case simbox.VerdictSimbox:
			c.simbox++
		case simbox.VerdictSuspect:
			c.suspect++
		}
		box := l.Label == "simbox"
		switch {
		case box && v == simbox.VerdictSimbox:
			tp++
		case v == simbox.VerdictSimbox:
			fp++
		case box:
			fn++
		}
	}
	styles := make([]string, 0, len(by))
	for s := range by {
		styles = append(styles, s)
	}
	sort.Strings(styles)
	div := func(a, b int) float64 {
		if b == 0 {
			return 1
		}
		return float64(a) / float64(b)
	}
	fmt.Fprintf(env.Stdout, "precision %.3f  recall %.3f  (true positives %d, false positives %d, false negatives %d)\n",
		div(tp, tp+fp), div(tp, tp+fn), tp, fp, fn)
	fmt.Fprintf(env.Stdout, "%-10s %8s %8s %8s\n", "style", "SIMs", "simbox", "suspect")
	for _, s := range styles {
		c := by[s]
		fmt.Fprintf(env.Stdout, "%-10s %8d %8d %8d\n", s, c.n, c.simbox, c.suspect)
	}
	return nil
}

// readVerdicts reads msisdn → verdict from a suspects file.
func readVerdicts(r io.Reader) (map[string]simbox.Verdict, error) {
	cr := csv.NewReader(bufio.NewReader(r))
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, err
	}
	mi, vi := -1, -1
	for i, h := range head {
		switch h {
		case "msisdn":
			mi = i
		case "verdict":
			vi = i
		}
	}
	if mi < 0 || vi < 0 {
		return nil, errors.New("want columns msisdn and verdict")
	}
	out := map[string]simbox.Verdict{}
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if len(row) > max(mi, vi) {
			out[row[mi]] = simbox.Verdict(row[vi])
		}
	}
}
