package sqlite

import (
	"encoding/binary"
	"errors"
	"math"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
)

// Payment checks are stored many to a row (check_batches, migration 0063):
// the checks of one organisation that one transaction stores become one
// BLOB, with the columns that find it. A row a check cost SQLite's VDBE,
// three B-trees and 18 bound values for every check, three quarters of the
// writer's CPU; a row of hundreds costs one insert and the bytes.
//
// The form of a batch (version 1), every integer a varint unless said:
//
//	version byte, count, base (the earliest CheckedAt, µs), the first
//	record's ID (a string), words, each a string; the offsets of the
//	records (count × uint32, little-endian, from the first record); the
//	records, sorted by ID.
//
// A string is its length and its bytes. A word is a string that repeats
// from check to check (currency, decision, rules version, reasons, signal
// names, …), written once in the words and named by its index in a record.
// A record is: its ID as the length of the prefix it shares with the first
// record's and the rest (a string: IDs of one process differ in their last
// few digits), payment ID, amount (zigzag), currency (word), flags (a
// byte: created_at, hold_until, outcome_at present; the payer's on_call,
// remote_access, new_device), CheckedAt − base, then
// each present time as zigzag µs from CheckedAt, channel (word), the
// payer's account, phone, customer ID, device ID, IP and region (word), the
// payee's IBAN, account, card, phone, wallet, bank BIC (word) and name,
// decision (word), score (float), rules version (word), outcome (word),
// count of reasons and each one's code and detail (words), count of
// signals and each one's name (word) and value (float). A float is 2n for
// a whole number n in [0, 2⁵²), else 1 and its 8 bytes, little-endian.
//
// Records are sorted by ID, so that one is found by a binary search over
// the offsets without decoding the others.

const checkBatchVersion = 1

// batchChecks bounds the checks of one row; a larger put is stored in
// several.
const batchChecks = 1024

// Flags of a record: which optional times it has.
const (
	hasCreatedAt = 1 << iota
	hasHoldUntil
	hasOutcomeAt
	payerOnCall       // the payer's session: kuzet.Payer's OnCall, RemoteAccess and NewDevice
	payerRemoteAccess // (records written before them have the bits clear)
	payerNewDevice
)

// Slots of the encoder's cache of the last word of a field.
const (
	slotCurrency = iota
	slotChannel
	slotRegion
	slotBankBIC
	slotDecision
	slotRules
	slotOutcome
	slotReasons // a code and a detail for each of the first reasons
	nSlots      = slotReasons + 16
)

// checkEncoder writes batches. It is reused from batch to batch (one
// writer at a time holds it), so that its buffers and word index are not
// allocated again.
type checkEncoder struct {
	recs  []byte
	offs  []uint32
	words []string
	index map[string]uint32
	last  [nSlots]struct {
		s  string
		i  uint32
		ok bool
	}
	out []byte
}

// encode returns the stored form of recs, one organisation's checks sorted
// by ID without repeats, their times already the stored ones. The result
// is valid until the next call.
func (e *checkEncoder) encode(recs []*kuzet.CheckRecord) []byte {
	if e.index == nil {
		e.index = make(map[string]uint32)
	}
	clear(e.index)
	e.last = [nSlots]struct {
		s  string
		i  uint32
		ok bool
	}{}
	e.recs, e.offs, e.words = e.recs[:0], e.offs[:0], e.words[:0]
	base := recs[0].CheckedAt.UnixMicro()
	for _, c := range recs {
		base = min(base, c.CheckedAt.UnixMicro())
	}
	for _, c := range recs {
		e.offs = append(e.offs, uint32(len(e.recs)))
		e.record(c, base, recs[0].ID)
	}
	b := append(e.out[:0], checkBatchVersion)
	b = binary.AppendUvarint(b, uint64(len(recs)))
	b = binary.AppendVarint(b, base)
	b = appendString(b, recs[0].ID)
	b = binary.AppendUvarint(b, uint64(len(e.words)))
	for _, w := range e.words {
		b = appendString(b, w)
	}
	for _, o := range e.offs {
		b = binary.LittleEndian.AppendUint32(b, o)
	}
	b = append(b, e.recs...)
	e.out = b
	return b
}

func (e *checkEncoder) record(c *kuzet.CheckRecord, base int64, ref string) {
	b := e.recs
	pc, py, pe := &c.Check, &c.Check.Payer, &c.Check.Payee
	at := c.CheckedAt.UnixMicro()
	k := 0
	for k < len(ref) && k < len(c.ID) && ref[k] == c.ID[k] {
		k++
	}
	b = binary.AppendUvarint(b, uint64(k))
	b = appendString(b, c.ID[k:])
	b = appendString(b, pc.PaymentID)
	b = binary.AppendVarint(b, int64(pc.Amount))
	b = binary.AppendUvarint(b, uint64(e.word(slotCurrency, pc.Currency)))
	var flags byte
	if !pc.CreatedAt.IsZero() {
		flags |= hasCreatedAt
	}
	if !c.HoldUntil.IsZero() {
		flags |= hasHoldUntil
	}
	if !c.OutcomeAt.IsZero() {
		flags |= hasOutcomeAt
	}
	if py.OnCall {
		flags |= payerOnCall
	}
	if py.RemoteAccess {
		flags |= payerRemoteAccess
	}
	if py.NewDevice {
		flags |= payerNewDevice
	}
	b = append(b, flags)
	b = binary.AppendUvarint(b, uint64(at-base))
	if flags&hasCreatedAt != 0 {
		b = binary.AppendVarint(b, pc.CreatedAt.UnixMicro()-at)
	}
	if flags&hasHoldUntil != 0 {
		b = binary.AppendVarint(b, c.HoldUntil.UnixMicro()-at)
	}
	if flags&hasOutcomeAt != 0 {
		b = binary.AppendVarint(b, c.OutcomeAt.UnixMicro()-at)
	}
	b = binary.AppendUvarint(b, uint64(e.word(slotChannel, pc.Channel)))
	b = appendString(b, py.Account)
	b = appendString(b, py.Phone)
	b = appendString(b, py.CustomerID)
	b = appendString(b, py.DeviceID)
	b = appendString(b, py.IP)
	b = binary.AppendUvarint(b, uint64(e.word(slotRegion, py.Region)))
	b = appendString(b, pe.IBAN)
	b = appendString(b, pe.Account)
	b = appendString(b, pe.Card)
	b = appendString(b, pe.Phone)
	b = appendString(b, pe.Wallet)
	b = binary.AppendUvarint(b, uint64(e.word(slotBankBIC, pe.BankBIC)))
	b = appendString(b, pe.Name)
	b = binary.AppendUvarint(b, uint64(e.word(slotDecision, string(c.Decision))))
	b = appendFloat(b, c.Score)
	b = binary.AppendUvarint(b, uint64(e.word(slotRules, c.RulesVersion)))
	b = binary.AppendUvarint(b, uint64(e.word(slotOutcome, string(c.Outcome))))
	b = binary.AppendUvarint(b, uint64(len(c.Reasons)))
	for i, r := range c.Reasons {
		slot := -1
		if 2*i+1 < nSlots-slotReasons {
			slot = slotReasons + 2*i
		}
		b = binary.AppendUvarint(b, uint64(e.word(slot, r.Code)))
		if slot >= 0 {
			slot++
		}
		b = binary.AppendUvarint(b, uint64(e.word(slot, r.Detail)))
	}
	b = binary.AppendUvarint(b, uint64(len(c.Signals)))
	for name, v := range c.Signals {
		b = binary.AppendUvarint(b, uint64(e.word(-1, name)))
		b = appendFloat(b, v)
	}
	e.recs = b
}

// word returns the index of s in the batch's words, adding it if it is
// new. A slot (≥ 0) remembers the field's last word: most checks of a
// batch repeat their neighbour's, and a comparison is cheaper than the
// map.
func (e *checkEncoder) word(slot int, s string) uint32 {
	if slot >= 0 {
		if l := &e.last[slot]; l.ok && l.s == s {
			return l.i
		}
	}
	i, ok := e.index[s]
	if !ok {
		i = uint32(len(e.words))
		e.words = append(e.words, s)
		e.index[s] = i
	}
	if slot >= 0 {
		e.last[slot].s, e.last[slot].i, e.last[slot].ok = s, i, true
	}
	return i
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendFloat(b []byte, f float64) []byte {
	if f >= 0 && f < 1<<52 && f == math.Trunc(f) && !math.Signbit(f) {
		return binary.AppendUvarint(b, uint64(f)<<1)
	}
	b = append(b, 1)
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(f))
}

// errBatch is the error of a batch that is not of the form above.
var errBatch = errors.New("malformed check batch")

// checkBatch is a stored batch whose header is read: its records are
// decoded one at a time.
type checkBatch struct {
	n     int
	base  int64
	ref   string // the first record's ID
	words []string
	offs  []byte // n × uint32
	recs  []byte
}

// parseBatch reads the header of the stored batch b; the batch keeps b.
func parseBatch(b []byte) (*checkBatch, error) {
	d := batchDecoder{b: b}
	if d.byte() != checkBatchVersion {
		return nil, errBatch
	}
	n := d.uvarint()
	base := d.varint()
	ref := string(d.bytes())
	nw := d.uvarint()
	if d.err != nil || n > uint64(len(b)) || nw > uint64(len(b)) {
		return nil, errBatch
	}
	cb := &checkBatch{n: int(n), base: base, ref: ref, words: make([]string, nw)}
	for i := range cb.words {
		cb.words[i] = string(d.bytes())
	}
	if d.err != nil || uint64(len(d.b)-d.i) < 4*n {
		return nil, errBatch
	}
	cb.offs = d.b[d.i : d.i+4*int(n)]
	cb.recs = d.b[d.i+4*int(n):]
	return cb, nil
}

// record returns the bytes of record i.
func (cb *checkBatch) record(i int) ([]byte, error) {
	off := binary.LittleEndian.Uint32(cb.offs[4*i:])
	end := uint32(len(cb.recs))
	if i+1 < cb.n {
		end = binary.LittleEndian.Uint32(cb.offs[4*i+4:])
	}
	if off > end || end > uint32(len(cb.recs)) {
		return nil, errBatch
	}
	return cb.recs[off:end], nil
}

// find returns the index of the record of id, or -1.
func (cb *checkBatch) find(id string) int {
	lo, hi := 0, cb.n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if cb.compareID(m, id) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < cb.n && cb.compareID(lo, id) == 0 {
		return lo
	}
	return -1
}

// compareID compares the ID of record i with id, as strings.Compare does,
// without building it. A malformed record compares as the least.
func (cb *checkBatch) compareID(i int, id string) int {
	r, err := cb.record(i)
	if err != nil {
		return -1
	}
	d := batchDecoder{b: r}
	k := d.uvarint()
	rest := d.bytes()
	if d.err != nil || k > uint64(len(cb.ref)) {
		return -1
	}
	prefix := cb.ref[:k]
	if c := strings.Compare(prefix, id[:min(len(id), len(prefix))]); c != 0 {
		return c
	}
	if len(id) < len(prefix) {
		return 1
	}
	return strings.Compare(string(rest), id[len(prefix):])
}

// check decodes record i as a check of org.
func (cb *checkBatch) check(i int, org int64) (*kuzet.CheckRecord, error) {
	r, err := cb.record(i)
	if err != nil {
		return nil, err
	}
	// One allocation holds every string of the record that is not a word:
	// the ID's prefix shared with the first record's, then the record from
	// the rest of the ID on.
	d := batchDecoder{b: r, words: cb.words}
	k, n := d.uvarint(), d.uvarint()
	if d.err != nil || k > uint64(len(cb.ref)) || n > uint64(len(r)-d.i) {
		return nil, errBatch
	}
	var sb strings.Builder
	sb.Grow(int(k) + len(r) - d.i)
	sb.WriteString(cb.ref[:k])
	sb.Write(r[d.i:])
	d.s, d.delta = sb.String(), int(k)-d.i
	d.i += int(n)
	c := &kuzet.CheckRecord{OrgID: org}
	pc, py, pe := &c.Check, &c.Check.Payer, &c.Check.Payee
	c.ID = d.s[:k+n]
	pc.PaymentID = d.string()
	pc.Amount = kuzet.Amount(d.varint())
	pc.Currency = d.word()
	flags := d.byte()
	at := cb.base + int64(d.uvarint())
	c.CheckedAt = fromMicros(at)
	if flags&hasCreatedAt != 0 {
		pc.CreatedAt = fromMicros(at + d.varint())
	}
	if flags&hasHoldUntil != 0 {
		c.HoldUntil = fromMicros(at + d.varint())
	}
	if flags&hasOutcomeAt != 0 {
		c.OutcomeAt = fromMicros(at + d.varint())
	}
	pc.Channel = d.word()
	py.Account, py.Phone, py.CustomerID, py.DeviceID, py.IP = d.string(), d.string(), d.string(), d.string(), d.string()
	py.Region = d.word()
	py.OnCall, py.RemoteAccess, py.NewDevice = flags&payerOnCall != 0, flags&payerRemoteAccess != 0, flags&payerNewDevice != 0
	pe.IBAN, pe.Account, pe.Card, pe.Phone, pe.Wallet = d.string(), d.string(), d.string(), d.string(), d.string()
	pe.BankBIC = d.word()
	pe.Name = d.string()
	c.Decision = kuzet.Decision(d.word())
	c.Score = d.float()
	c.RulesVersion = d.word()
	c.Outcome = kuzet.Outcome(d.word())
	if n = d.uvarint(); n > uint64(len(r)) {
		return nil, errBatch
	}
	c.Reasons = make([]kuzet.PaymentReason, n) // never nil, as the JSON "[]" read
	for j := range c.Reasons {
		c.Reasons[j].Code, c.Reasons[j].Detail = d.word(), d.word()
	}
	if n = d.uvarint(); n > uint64(len(r)) {
		return nil, errBatch
	} else if n > 0 {
		c.Signals = make(map[string]float64, n)
		for range n {
			name := d.word()
			c.Signals[name] = d.float()
		}
	}
	if d.err != nil || d.i != len(r) {
		return nil, errBatch
	}
	return c, nil
}

// checks decodes every record of the batch, in ID order.
func (cb *checkBatch) checks(org int64) ([]*kuzet.CheckRecord, error) {
	out := make([]*kuzet.CheckRecord, cb.n)
	for i := range out {
		c, err := cb.check(i, org)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

// batchDecoder reads a batch's bytes; its first error sticks, and reads after
// it return zero values.
type batchDecoder struct {
	b     []byte
	i     int
	s     string // b from delta on, as a string, if strings are taken from it
	delta int    // the index in s of b's byte i is i+delta
	words []string
	err   error
}

func (d *batchDecoder) fail() { d.err, d.i = errBatch, len(d.b) }

func (d *batchDecoder) byte() byte {
	if d.i >= len(d.b) {
		d.fail()
		return 0
	}
	d.i++
	return d.b[d.i-1]
}

func (d *batchDecoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b[d.i:])
	if n <= 0 {
		d.fail()
		return 0
	}
	d.i += n
	return v
}

func (d *batchDecoder) varint() int64 {
	v, n := binary.Varint(d.b[d.i:])
	if n <= 0 {
		d.fail()
		return 0
	}
	d.i += n
	return v
}

// bytes reads a string's bytes, sharing b.
func (d *batchDecoder) bytes() []byte {
	n := d.uvarint()
	if n > uint64(len(d.b)-d.i) {
		d.fail()
		return nil
	}
	d.i += int(n)
	return d.b[d.i-int(n) : d.i]
}

// string reads a string as a part of s.
func (d *batchDecoder) string() string {
	n := d.uvarint()
	if n > uint64(len(d.b)-d.i) {
		d.fail()
		return ""
	}
	d.i += int(n)
	return d.s[d.i-int(n)+d.delta : d.i+d.delta]
}

func (d *batchDecoder) word() string {
	i := d.uvarint()
	if i >= uint64(len(d.words)) {
		d.fail()
		return ""
	}
	return d.words[i]
}

func (d *batchDecoder) float() float64 {
	v := d.uvarint()
	if v&1 == 0 {
		return float64(v >> 1)
	}
	if v != 1 || len(d.b)-d.i < 8 {
		d.fail()
		return 0
	}
	d.i += 8
	return math.Float64frombits(binary.LittleEndian.Uint64(d.b[d.i-8:]))
}

// storedCheckTimes sets c's times to the stored ones.
func storedCheckTimes(c *kuzet.CheckRecord) {
	c.Check.CreatedAt, c.HoldUntil = storedOrZero(c.Check.CreatedAt), storedOrZero(c.HoldUntil)
	c.OutcomeAt, c.CheckedAt = storedOrZero(c.OutcomeAt), fromMicros(c.CheckedAt.UnixMicro())
}

func storedOrZero(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return fromMicros(t.UnixMicro())
}
