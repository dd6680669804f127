package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/webwatch"
)

func init() {
	register("webwatch", "find look-alike domains of protected brands (webwatch scan, permute)", runWebwatch)
}

const webwatchUsage = `Usage: kuzet webwatch SUBCOMMAND [flags]

Subcommands:
  scan     score a list of domains against a brand watchlist, write findings.jsonl
  permute  print candidate look-alike domains of a domain, one a line

The watchlist format is docs/webwatch.md: one brand a line, its id and its
official domains, optionally '|' and keywords.
`

func runWebwatch(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(env.Stdout, webwatchUsage)
		if len(args) == 0 {
			return usagef("a subcommand is required")
		}
		return nil
	}
	switch args[0] {
	case "scan":
		return runWebwatchScan(ctx, env, args[1:])
	case "permute":
		return runWebwatchPermute(env, args[1:])
	}
	return usagef("unknown subcommand %q (scan, permute)", args[0])
}

func runWebwatchScan(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "webwatch scan", "webwatch scan --brands brands.txt --in domains.txt --out findings.jsonl [flags]",
		`Scores every line of the input, one domain a line (Unicode or punycode; a URL's
host or a certificate's *. name are taken too), against every brand of the
watchlist, and writes one JSON object a line in input order:

  {"domain":"kаspi.kz","ascii":"xn--kspi-53d.kz","verdict":"lookalike","brand":"kaspi",
   "score":0.95,"methods":["homoglyph","mixed-script"],"token":"kаspi","imitates":"kaspi",
   "explanation":"\"kаspi\" imitates the official label \"kaspi\" of brand kaspi, with
   letters of another script that look alike"}

verdict is lookalike (score ≥ 0.7), suspicious (≥ 0.4), clean, or invalid with
an "error". A flagged line says which part of the name imitates (token), which
name of the brand (imitates), and how, with the words beside it and what each
is evidence of (explanation). A brand's own domains are clean with "official",
its partners' and known-benign domains clean with "known". The input is
streamed and scored on every CPU; progress and a summary go to standard error.`)
	brandsPath := fs.String("brands", "", "brand watchlist `file` (docs/webwatch.md)")
	in := fs.String("in", "-", "domain list `file`, one a line (- for standard input)")
	out := fs.String("out", "-", "findings `file` to write, JSON lines (- for standard output)")
	workers := fs.Int("workers", 0, "scoring goroutines (default: one per CPU)")
	quiet := fs.Bool("quiet", false, "no progress or summary on standard error")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if *brandsPath == "" {
		return usagef("--brands is required")
	}
	if *in == "" || *out == "" {
		return usagef("--in and --out must name a file or -")
	}
	if *workers < 0 {
		return usagef("--workers must not be negative")
	}
	scorer, err := loadScorer(*brandsPath)
	if err != nil {
		return err
	}

	var src io.Reader = os.Stdin
	if *in != "-" {
		f, err := os.Open(*in)
		if err != nil {
			return err
		}
		defer f.Close()
		src = f
	}
	var dst io.Writer = env.Stdout
	var file *os.File
	if *out != "-" {
		if file, err = os.Create(*out); err != nil {
			return err
		}
		defer file.Close()
		dst = file
	}
	bw := bufio.NewWriterSize(dst, 1<<20)

	start := time.Now()
	opts := webwatch.ScanOptions{Workers: *workers}
	if !*quiet {
		terminal := isTerminal(env.Stderr)
		opts.ProgressEvery = 5 * time.Second
		if terminal {
			opts.ProgressEvery = time.Second
		}
		opts.Progress = func(st webwatch.ScanStats) {
			line := fmt.Sprintf("webwatch scan: %d domains, %d lookalike, %d suspicious, %.0f domains/s",
				st.Lines, st.Lookalike, st.Suspicious, float64(st.Lines)/time.Since(start).Seconds())
			if terminal {
				fmt.Fprintf(env.Stderr, "\r\033[K%s", line)
			} else {
				fmt.Fprintln(env.Stderr, line)
			}
		}
	}
	stats, scanErr := scorer.Scan(ctx, src, bw, opts)
	flushErr := bw.Flush()
	if file != nil {
		flushErr = errors.Join(flushErr, file.Close())
	}
	if !*quiet {
		if isTerminal(env.Stderr) {
			fmt.Fprint(env.Stderr, "\r\033[K")
		}
		took := time.Since(start)
		fmt.Fprintf(env.Stderr, "scanned %d domains against %d brands in %s (%.0f domains/s): %d lookalike, %d suspicious, %d clean, %d invalid\n",
			stats.Lines, len(scorer.Brands()), took.Round(time.Millisecond), float64(stats.Lines)/max(took.Seconds(), 1e-9),
			stats.Lookalike, stats.Suspicious, stats.Clean, stats.Invalid)
	}
	if scanErr != nil {
		return scanErr
	}
	if flushErr != nil {
		return fmt.Errorf("write %s: %w", *out, flushErr)
	}
	return nil
}

// loadScorer reads a watchlist file and builds its scorer; a malformed
// file is reported with its line.
func loadScorer(path string) (*webwatch.Scorer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	brands, err := webwatch.ParseBrands(f)
	if err != nil {
		return nil, watchlistError(path, err)
	}
	if len(brands) == 0 {
		return nil, fmt.Errorf("%s: no brand in the watchlist", path)
	}
	scorer, err := webwatch.NewScorer(brands)
	if err != nil {
		return nil, watchlistError(path, err)
	}
	return scorer, nil
}

// watchlistError names the file and the failing line of a watchlist.
func watchlistError(path string, err error) error {
	if fields := kuzet.ErrorFields(err); len(fields) > 0 {
		return fmt.Errorf("%s: %s: %s", path, fields[0].Field, kuzet.ErrorMessage(err))
	}
	return fmt.Errorf("%s: %w", path, err)
}

func runWebwatchPermute(env *Env, args []string) error {
	fs := newFlagSet(env, "webwatch permute", "webwatch permute [--unicode] [--fuzzers] DOMAIN",
		`Prints candidate look-alike domains of DOMAIN, one a line, in punycode: every dnstwist
fuzzer (addition, bitsquatting, cyrillic, dictionary, homoglyph, hyphenation,
insertion, omission, plural, repetition, replacement, subdomain, transposition,
vowel-swap, tld-swap, various), mixed-script Cyrillic and Kazakh homoglyphs,
the combosquatting dictionaries (Latin, Russian and Kazakh lure words) and
the brand's suffix written into a label. Only valid names; each once.`)
	unicode := fs.Bool("unicode", false, "print the Unicode form instead of punycode")
	fuzzers := fs.Bool("fuzzers", false, "print each name after its fuzzer and a tab")
	// The domain may stand before or after the flags, which are all
	// booleans: every argument that is not a flag is the domain.
	var flags, domains []string
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			flags = append(flags, a)
		} else {
			domains = append(domains, a)
		}
	}
	if err := parseFlags(env, fs, flags); err != nil {
		return err
	}
	if len(domains) != 1 {
		return usagef("give exactly one DOMAIN")
	}
	perms, err := webwatch.Permutations(domains[0])
	if err != nil {
		return usagef("DOMAIN %q: %s", domains[0], kuzet.ErrorMessage(err))
	}
	bw := bufio.NewWriter(env.Stdout)
	for _, p := range perms {
		name := p.Domain
		if *unicode {
			name = p.Unicode
		}
		if *fuzzers {
			fmt.Fprintf(bw, "%s\t%s\n", p.Fuzzer, name)
		} else {
			fmt.Fprintln(bw, name)
		}
	}
	return bw.Flush()
}
