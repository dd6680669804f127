package simbox

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"github.com/kuzet/kuzet"
)

// BadRow is a row that could not be read. Bad rows are counted and skipped,
// never fatal; the first few are kept as examples.
type BadRow struct {
	Line   int64  // 1-based line number in the (decompressed) file; the header is line 1
	Reason string // what is wrong, naming the column
	Text   string // the row, cut to maxBadText bytes
}

const (
	chunkSize  = 1 << 20 // bytes of whole lines handed to a parser at once
	maxBadText = 160
)

// chunk is a run of whole lines on its way through the pipeline: read,
// parsed by one worker, then aggregated by every shard for its own SIMs.
type chunk struct {
	seq   int64
	buf   []byte
	line0 int64 // the line number of buf's first line
	src   int64 // source bytes consumed when the chunk was cut

	recs     [][]rec // parsed rows, by shard
	bad      []BadRow
	stats    Stats
	done     chan struct{}
	pending  atomic.Int32 // shards yet to aggregate the chunk
	tooLong  int64        // a line this long (bytes) was dropped before this chunk
	tooLongN int64        // its line number
}

// countingReader counts the bytes read through it, for progress on the
// source (compressed) size.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

// Read implements io.Reader.
func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// openSource wraps src in gzip decompression when it starts with the gzip
// magic bytes, whatever the file is called.
func openSource(src io.Reader) (io.Reader, bool, error) {
	br := bufio.NewReaderSize(src, 256<<10)
	magic, err := br.Peek(2)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, false, fmt.Errorf("read CDR extract: %w", err)
	}
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, true, kuzet.Errorf(kuzet.EINVALID, "CDR extract looks gzip-compressed but its gzip header is broken: %v", err)
		}
		return zr, true, nil
	}
	return br, false, nil
}

// readHeader reads the first line of r and returns it with the reader
// positioned after it.
func readHeader(r *bufio.Reader) ([]byte, error) {
	line, err := r.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		return nil, kuzet.Invalid("header", "CDR extract's first line is longer than %d bytes: not a CDR header", r.Size())
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, readFault(err)
	}
	return append([]byte(nil), line...), nil
}

// readFault turns an error from the (decompressed) source into what the
// caller should see: a truncated or corrupt gzip stream is the client's
// EINVALID, anything else an I/O failure.
func readFault(err error) error {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return kuzet.Errorf(kuzet.EINVALID, "CDR extract is truncated: the gzip stream ends before its end (%v)", err)
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, gzip.ErrHeader), errors.As(err, new(flate.CorruptInputError)):
		return kuzet.Errorf(kuzet.EINVALID, "CDR extract's gzip stream is corrupt: %v", err)
	}
	return fmt.Errorf("read CDR extract: %w", err)
}

var chunkPool = sync.Pool{New: func() any { return &chunk{buf: make([]byte, 0, chunkSize)} }}

// cutChunks reads r into chunks of whole lines and sends each to work (to be
// parsed) and, in order, to ordered (to be aggregated in file order). It
// returns the error that stopped the reading, nil at the end of input.
func cutChunks(ctx context.Context, r io.Reader, src *countingReader, firstLine int64,
	shards int, work, ordered chan<- *chunk) error {
	defer close(work)
	defer close(ordered)
	var carry []byte
	line := firstLine
	var seq int64
	var dropping bool // inside a line too long to keep, until its newline
	var dropLen, dropLine int64
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		c := chunkPool.Get().(*chunk)
		c.reset(shards)
		c.buf = append(c.buf[:0], carry...)
		n, err := fill(r, c.buf[len(c.buf):cap(c.buf)])
		c.buf = c.buf[:len(c.buf)+n]
		end := err != nil
		if errors.Is(err, io.EOF) {
			err = nil
		}
		if dropping {
			i := bytes.IndexByte(c.buf, '\n')
			if i < 0 {
				dropLen += int64(len(c.buf))
				c.buf = c.buf[:0]
			} else {
				dropLen += int64(i)
				c.buf = c.buf[:copy(c.buf, c.buf[i+1:])]
				c.tooLong, c.tooLongN = dropLen, dropLine
				dropping = false
				line++
			}
		}
		cut := len(c.buf)
		if !end {
			cut = bytes.LastIndexByte(c.buf, '\n') + 1
			if cut == 0 && len(c.buf) > 0 {
				// One line fills the whole buffer: report and skip it.
				dropping, dropLen, dropLine = true, int64(len(c.buf)), line
				c.buf = c.buf[:0]
			}
		} else if err != nil {
			// The stream broke mid-way: its last line is cut off and would
			// count as a row with wrong values. Drop it.
			cut = bytes.LastIndexByte(c.buf, '\n') + 1
		}
		carry = append(carry[:0], c.buf[cut:]...)
		c.buf = c.buf[:cut]
		c.seq, c.line0, c.src = seq, line, src.n.Load()
		seq++
		line += int64(bytes.Count(c.buf, []byte{'\n'}))
		work <- c
		ordered <- c
		if end {
			if dropping {
				// The input ended inside the overlong line.
				last := chunkPool.Get().(*chunk)
				last.reset(shards)
				last.seq, last.line0, last.src = seq, line, src.n.Load()
				last.tooLong, last.tooLongN = dropLen, dropLine
				work <- last
				ordered <- last
			}
			if err != nil {
				return readFault(err)
			}
			return nil
		}
	}
}

// fill reads into b until it is full or the reader fails. Unlike
// io.ReadFull it keeps io.EOF (a clean end) apart from io.ErrUnexpectedEOF,
// which is how a gzip stream that was cut off ends.
func fill(r io.Reader, b []byte) (int, error) {
	n, empty := 0, 0
	for n < len(b) {
		m, err := r.Read(b[n:])
		n += m
		if err != nil {
			return n, err
		}
		if m == 0 {
			if empty++; empty > 100 {
				return n, io.ErrNoProgress
			}
		}
	}
	return n, nil
}

func (c *chunk) reset(shards int) {
	if cap(c.recs) < shards {
		c.recs = make([][]rec, shards)
	}
	c.recs = c.recs[:shards]
	for i := range c.recs {
		c.recs[i] = c.recs[i][:0]
	}
	c.bad = c.bad[:0]
	c.stats = Stats{}
	c.done = make(chan struct{})
	c.tooLong, c.tooLongN = 0, 0
}

// parser turns the lines of a chunk into recs. Each worker has its own.
type parser struct {
	l      *layout
	col    [numColumns]int // file column of each canonical column, -1 if absent
	fields [][]byte
	shards int
	maxBad int
	slow   map[string]uint64 // numbers the slow path has read, by their spelling
}

func newParser(l *layout, shards, maxBad int) *parser {
	p := &parser{l: l, shards: shards, maxBad: maxBad, slow: map[string]uint64{}}
	for i := range p.col {
		p.col[i] = -1
	}
	for i, r := range l.role {
		if r >= 0 {
			p.col[r] = i
		}
	}
	return p
}

func (p *parser) parseChunk(c *chunk) {
	defer close(c.done)
	if c.tooLong > 0 {
		p.bad(c, c.tooLongN, fmt.Sprintf("line is longer than %d bytes (%d)", chunkSize, c.tooLong), nil)
	}
	buf := c.buf
	line := c.line0
	for len(buf) > 0 {
		i := bytes.IndexByte(buf, '\n')
		var l []byte
		if i < 0 {
			l, buf = buf, nil
		} else {
			l, buf = buf[:i], buf[i+1:]
		}
		if n := len(l); n > 0 && l[n-1] == '\r' {
			l = l[:n-1]
		}
		if len(l) > 0 && !blank(l) {
			p.parseLine(c, l, line)
		}
		line++
	}
}

func blank(l []byte) bool {
	for _, c := range l {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// parseLine reads one data line into a rec of its SIM's shard.
func (p *parser) parseLine(c *chunk, line []byte, lineNo int64) {
	c.stats.Lines++
	var keep []byte // the row as it was, before unquoting rewrote it
	if bytes.IndexByte(line, '"') >= 0 {
		keep = append([]byte(nil), line[:min(len(line), maxBadText)]...)
	}
	p.fields = splitFields(line, p.l.delim, p.fields, p.l.last+1)
	if len(p.fields) <= p.l.last {
		p.badf(c, lineNo, keep, line, "row has %d fields, the header has %d", len(p.fields), p.l.fields)
		return
	}
	f := func(col int) []byte {
		if i := p.col[col]; i >= 0 {
			return p.fields[i]
		}
		return nil
	}
	var r rec
	typ, ok := parseRecordType(trimSpace(f(colRecordType)))
	if !ok {
		p.badf(c, lineNo, keep, line, "record_type: unknown %.20q (want MOC, MTC, SMS_MO, SMS_MT or DATA)", f(colRecordType))
		return
	}
	r.typ = typ
	if r.t, r.off, ok = parseTime(trimSpace(f(colStartTime))); !ok {
		p.badf(c, lineNo, keep, line, "start_time: %.40q is not an RFC 3339 timestamp", f(colStartTime))
		return
	}
	var kind numberKind
	if r.sim, kind = p.number(trimSpace(f(colMSISDN)), false); kind != numberE164 {
		p.badf(c, lineNo, keep, line, "msisdn: %.24q is not a phone number", f(colMSISDN))
		return
	}
	if typ != Data {
		other := trimSpace(f(colOtherParty))
		switch {
		case len(other) > 0:
			if r.party, kind = p.number(other, true); kind == numberInvalid ||
				(typ == MOC && kind == numberOther && !isShortCode(other)) {
				p.badf(c, lineNo, keep, line, "other_party: %.24q is not a phone number", other)
				return
			}
		case typ == MOC:
			p.badf(c, lineNo, keep, line, "other_party: empty for an outgoing call")
			return
		}
	}
	d, ok := parseDuration(trimSpace(f(colDuration)))
	if !ok {
		p.badf(c, lineNo, keep, line, "duration_s: %.20q is not a whole number of seconds", f(colDuration))
		return
	}
	r.dur = d
	if raw := trimSpace(f(colIMEI)); len(raw) > 0 {
		if r.imei, ok = parseIMEI(raw); !ok {
			c.stats.InvalidIMEI++
		}
	}
	if cell := trimSpace(f(colCell)); len(cell) > 0 {
		r.cell = cellID(cell)
		if len(cell) > 64 {
			cell = cell[:64]
		}
		r.cellOff = uint32(cap(c.buf) - cap(cell))
		r.cellLen = uint16(len(cell))
	}
	c.stats.ByType[typ]++
	s := 0
	if p.shards > 1 {
		s = int(mix64(r.sim) % uint64(p.shards))
	}
	c.recs[s] = append(c.recs[s], r)
}

// number normalizes a number, remembering what the slow path found.
func (p *parser) number(b []byte, allowOther bool) (uint64, numberKind) {
	if k, ok := fastNumber(b); ok {
		return k, numberE164
	}
	if k, ok := p.slow[string(b)]; ok {
		switch {
		case k == 0:
			return 0, numberInvalid
		case k&otherKeyBit != 0:
			if !allowOther {
				return 0, numberInvalid
			}
			return k, numberOther
		}
		return k, numberE164
	}
	k, kind := normalizeNumber(b)
	if len(p.slow) > 1<<16 {
		clear(p.slow) // a bounded cache: odd spellings are rare but unbounded
	}
	p.slow[string(b)] = k
	if kind == numberOther && !allowOther {
		return 0, numberInvalid
	}
	return k, kind
}

// parseDuration reads whole seconds; a decimal fraction is dropped and an
// empty field is 0 (SMS and data rows often leave it so).
func parseDuration(b []byte) (uint32, bool) {
	var v uint64
	for i, c := range b {
		if c == '.' && i > 0 {
			for _, f := range b[i+1:] {
				if f < '0' || f > '9' {
					return 0, false
				}
			}
			break
		}
		if c < '0' || c > '9' || i > 10 {
			return 0, false
		}
		v = v*10 + uint64(c-'0')
	}
	if v > 1<<31 {
		return 0, false
	}
	return uint32(v), true
}

func (p *parser) badf(c *chunk, lineNo int64, keep, line []byte, format string, args ...any) {
	c.stats.BadRows++
	if len(c.bad) >= p.maxBad {
		return
	}
	if keep == nil {
		keep = line
	}
	if len(keep) > maxBadText {
		keep = keep[:maxBadText]
	}
	c.bad = append(c.bad, BadRow{Line: lineNo, Reason: fmt.Sprintf(format, args...), Text: string(keep)})
}

func (p *parser) bad(c *chunk, lineNo int64, reason string, text []byte) {
	p.badf(c, lineNo, text, text, "%s", reason)
}
