package webwatch

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"
)

// ScanOptions tunes Scan.
type ScanOptions struct {
	// Workers score in parallel; 0 means one per CPU.
	Workers int
	// Progress, if set, is called from Scan's goroutine about every
	// ProgressEvery (default one second) with the counts so far.
	Progress      func(ScanStats)
	ProgressEvery time.Duration
}

// ScanStats counts the lines of a scan by verdict.
type ScanStats struct {
	Lines      int64 `json:"lines"`
	Lookalike  int64 `json:"lookalike"`
	Suspicious int64 `json:"suspicious"`
	Clean      int64 `json:"clean"`
	Invalid    int64 `json:"invalid"`
}

func (st *ScanStats) add(v Verdict) {
	st.Lines++
	switch v {
	case VerdictLookalike:
		st.Lookalike++
	case VerdictSuspicious:
		st.Suspicious++
	case VerdictClean:
		st.Clean++
	default:
		st.Invalid++
	}
}

func (st *ScanStats) merge(o ScanStats) {
	st.Lines += o.Lines
	st.Lookalike += o.Lookalike
	st.Suspicious += o.Suspicious
	st.Clean += o.Clean
	st.Invalid += o.Invalid
}

// Lines longer than this are not read whole: no domain or URL worth
// scoring is that long, and a file without newlines must not fill memory.
const (
	maxScanLine = 64 << 10
	batchLines  = 1024
	echoLen     = 256 // how much of an over-long line a finding echoes
)

// scanLine is one input line; long marks one cut at maxScanLine.
type scanLine struct {
	text string
	long bool
}

// batch is a run of lines scored together and written in input order.
type batch struct {
	lines []scanLine
	out   []byte
	stats ScanStats
	done  chan struct{}
}

// Scan scores every line of r, one domain a line, and writes one JSON
// object a line to w in input order (findings.jsonl, docs/webwatch.md).
// Every line gets an answer: an empty line, a comment or a line over 64 KiB
// is invalid, with the reason. Lines are scored in parallel and streamed;
// memory does not grow with the input. It returns the counts and the first
// read or write error, or ctx's error if ctx ends first.
func (s *Scorer) Scan(ctx context.Context, r io.Reader, w io.Writer, opt ScanOptions) (ScanStats, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	every := opt.ProgressEvery
	if every <= 0 {
		every = time.Second
	}
	work := make(chan *batch, workers)
	order := make(chan *batch, 2*workers)
	var readErr error
	go func() {
		defer close(order)
		defer close(work)
		readErr = readBatches(ctx, r, work, order)
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				for _, l := range b.lines {
					var f Finding
					if l.long {
						f = Finding{Domain: l.text + "…", Verdict: VerdictInvalid,
							Error: fmt.Sprintf("line longer than %d bytes", maxScanLine)}
					} else {
						f = s.Score(l.text)
					}
					b.stats.add(f.Verdict)
					b.out = appendFinding(b.out, &f)
					b.out = append(b.out, '\n')
				}
				close(b.done)
			}
		}()
	}
	var stats ScanStats
	var writeErr error
	last := time.Now()
	for b := range order {
		<-b.done
		if writeErr == nil {
			if _, err := w.Write(b.out); err != nil {
				writeErr = fmt.Errorf("write findings: %w", err)
				cancel()
			}
			stats.merge(b.stats)
		}
		if opt.Progress != nil && time.Since(last) >= every {
			last = time.Now()
			opt.Progress(stats)
		}
	}
	wg.Wait()
	switch {
	case writeErr != nil:
		return stats, writeErr
	case readErr != nil:
		return stats, readErr
	}
	return stats, ctx.Err()
}

// readBatches reads r into batches, handing each to the workers and then
// to the writer, in order.
func readBatches(ctx context.Context, r io.Reader, work, order chan<- *batch) error {
	br := bufio.NewReaderSize(r, 64<<10)
	first := true
	for {
		b := &batch{lines: make([]scanLine, 0, batchLines), done: make(chan struct{})}
		var err error
		for len(b.lines) < batchLines {
			var l scanLine
			var ok bool
			l, ok, err = readLine(br)
			if !ok {
				break
			}
			if first {
				l.text, first = trimBOM(l.text), false
			}
			b.lines = append(b.lines, l)
		}
		if len(b.lines) > 0 {
			select {
			case work <- b:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case order <- b:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read domains: %w", err)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

func trimBOM(s string) string {
	if len(s) >= 3 && s[:3] == "\ufeff" {
		return s[3:]
	}
	return s
}

// readLine returns the next line without its line ending. ok is false when
// there is no line; err is io.EOF once the input is done (with ok true for
// a last line without a newline).
func readLine(br *bufio.Reader) (l scanLine, ok bool, err error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) <= maxScanLine {
			buf = append(buf, chunk...)
		} else if !l.long {
			buf = append(buf, chunk[:maxScanLine-len(buf)]...)
			l.long = true
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF && len(buf) == 0 && !l.long:
			return l, false, io.EOF
		case err != nil && err != io.EOF:
			return l, false, err
		}
		n := len(buf)
		if n > 0 && buf[n-1] == '\n' {
			n--
			if n > 0 && buf[n-1] == '\r' {
				n--
			}
		}
		if l.long {
			l.text = validPrefix(buf, echoLen)
		} else {
			l.text = string(buf[:n])
		}
		return l, true, err
	}
}

// validPrefix returns at most n bytes of b, cut at a rune boundary.
func validPrefix(b []byte, n int) string {
	if len(b) <= n {
		return string(b)
	}
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return string(b[:n])
}

// MarshalJSON writes f as one object of findings.jsonl: methods is [] when
// there are none, brand and score are always present.
func (f Finding) MarshalJSON() ([]byte, error) {
	return appendFinding(nil, &f), nil
}

// appendFinding appends f as JSON without reflection: the scan writes
// millions of them.
func appendFinding(b []byte, f *Finding) []byte {
	b = append(b, `{"domain":`...)
	b = appendJSONString(b, f.Domain)
	if f.ASCII != "" {
		b = append(b, `,"ascii":`...)
		b = appendJSONString(b, f.ASCII)
	}
	b = append(b, `,"verdict":`...)
	b = appendJSONString(b, string(f.Verdict))
	b = append(b, `,"brand":`...)
	b = appendJSONString(b, f.Brand)
	b = append(b, `,"score":`...)
	b = strconv.AppendFloat(b, f.Score, 'f', -1, 64)
	b = append(b, `,"methods":[`...)
	for i, m := range f.Methods {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, m)
	}
	b = append(b, ']')
	if f.Official != "" {
		b = append(b, `,"official":`...)
		b = appendJSONString(b, f.Official)
	}
	for _, kv := range [...]struct{ key, value string }{
		{`,"known":`, f.Known}, {`,"token":`, f.Token}, {`,"imitates":`, f.Imitates}, {`,"explanation":`, f.Explanation},
	} {
		if kv.value != "" {
			b = append(b, kv.key...)
			b = appendJSONString(b, kv.value)
		}
	}
	if f.Error != "" {
		b = append(b, `,"error":`...)
		b = appendJSONString(b, f.Error)
	}
	return append(b, '}')
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string. Invalid UTF-8 becomes
// U+FFFD, as encoding/json does, so that any input line yields valid JSON.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20 || c == 0x7f:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			// Valid JSON, but not valid JavaScript: escape as
			// encoding/json does.
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
