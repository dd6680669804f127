// Package simbox finds SIM boxes in operators' call detail records.
//
// A SIM box is a rack of SIM cards behind GSM modules that turns
// international calls into local ones. Its SIMs call many numbers that never
// call back, receive almost nothing, barely move, share few handsets and
// appear together at one cell; the better boxes imitate people. Detect
// reads a CDR extract (docs/simbox.md) as a stream, keeps a compact
// aggregate per SIM, measures each SIM's behaviour, groups SIMs into
// probable devices, and scores every SIM with reasons.
//
// The work is a pipeline: one goroutine cuts the input into chunks of
// whole lines, workers parse them, and shards (one goroutine each, owning
// the SIMs whose number hashes to them) aggregate the rows in file order,
// so a run is deterministic. Memory grows with subscribers, not rows.
package simbox

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"io"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Options tune Detect. The zero value reads the canonical format.
type Options struct {
	// Map names the file's columns: canonical name → name in the file
	// (see ParseMap). Unmapped columns keep their canonical names.
	Map map[string]string
	// Size is the input's size in bytes, for progress; 0 if unknown.
	Size int64
	// Progress, if set, is called from time to time while reading, and once
	// at the end of each phase. It must be quick.
	Progress func(Progress)
	// MaxBadExamples is how many bad rows to keep as examples (default 20;
	// negative keeps none). All of them are counted.
	MaxBadExamples int
	// Workers is the number of parsing and aggregating goroutines each;
	// default GOMAXPROCS.
	Workers int
	// AllEvidence keeps the weighed evidence (Subscriber.Evidence) of every
	// SIM, clean ones too; by default only flagged SIMs keep it, as a
	// million clean SIMs' terms would cost hundreds of megabytes.
	AllEvidence bool
}

// Progress reports how far Detect has got.
type Progress struct {
	Phase string // "reading", "scoring" or "done"
	Bytes int64  // source bytes read (compressed bytes for gzip)
	Total int64  // Options.Size
	Rows  int64  // data lines read
}

// Stats count what the reader saw.
type Stats struct {
	Bytes       int64                 `json:"bytes"`        // source bytes read (compressed, for gzip)
	Gzip        bool                  `json:"gzip"`         // the input was gzip-compressed
	Lines       int64                 `json:"lines"`        // data lines, without the header and blank lines
	Rows        int64                 `json:"rows"`         // rows aggregated
	BadRows     int64                 `json:"bad_rows"`     // rows that could not be read, skipped
	Duplicates  int64                 `json:"duplicates"`   // rows repeating one of the SIM's last four, skipped
	OutOfOrder  int64                 `json:"out_of_order"` // rows earlier than the SIM's latest (handled; counted for the record)
	InvalidIMEI int64                 `json:"invalid_imei"` // rows whose IMEI was unusable (the row is kept)
	ByType      [numRecordTypes]int64 `json:"by_type"`      // rows by record type, in RecordType order
	Subscribers int                   `json:"subscribers"`  // distinct served SIMs
	From        time.Time             `json:"from"`         // the first row's time
	To          time.Time             `json:"to"`           // the last row's time
}

func (s *Stats) merge(o *Stats) {
	s.Lines += o.Lines
	s.BadRows += o.BadRows
	s.InvalidIMEI += o.InvalidIMEI
	for i := range s.ByType {
		s.ByType[i] += o.ByType[i]
	}
}

// Result is what Detect found.
type Result struct {
	Stats   Stats
	BadRows []BadRow // the first Options.MaxBadExamples bad rows, in file order
	// Partial is set when the input ended early (a truncated gzip stream, a
	// failed read): the figures cover the rows before the fault only.
	Partial bool
	Fault   string
	// Subscribers are every served SIM of the extract, highest score first.
	Subscribers []Subscriber
	// Devices are the probable boxes: groups with a simbox or suspect member.
	Devices []Device
	// NightHours are the six local hours the population is quietest in.
	NightHours []int
	// MedianCallsOutPerDay is the population's median of outgoing calls per
	// active day, among SIMs that call.
	MedianCallsOutPerDay float64
}

// Subscriber is one SIM's judgement.
type Subscriber struct {
	MSISDN    string    `json:"msisdn"` // E.164
	Score     float64   `json:"score"`  // in [0, 1]
	Verdict   Verdict   `json:"verdict"`
	Reasons   []string  `json:"reasons"`
	DeviceID  string    `json:"device_id,omitempty"`
	IMEIs     []string  `json:"imeis"`
	Cells     []string  `json:"cells"` // most used first, up to five
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
	Features  Features  `json:"features"`
	// Evidence is what decided the verdict: every term of the score with
	// its weight, largest first (flagged SIMs, or all with AllEvidence).
	Evidence []Term        `json:"evidence,omitempty"`
	Days     []DayFeatures `json:"days,omitempty"` // per local day, for simbox and suspect SIMs
}

// Detect reads a CDR extract from r (plain or gzip CSV, detected by its
// first bytes) and judges every SIM in it. It returns EINVALID for a
// missing or incomplete header or a malformed mapping. Bad rows are never
// fatal: they are counted in Stats and the first are kept in BadRows.
//
// If the input breaks off (a truncated or corrupt gzip stream, a failed
// read), Detect returns the result over the rows before the fault, marked
// Partial, together with the error: EINVALID for a truncated or corrupt
// stream, a wrapped I/O error otherwise. If ctx is cancelled it returns
// ctx's error and no result.
func Detect(ctx context.Context, r io.Reader, opts Options) (*Result, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, 32)
	maxBad := opts.MaxBadExamples
	if maxBad == 0 {
		maxBad = 20
	}
	maxBad = max(maxBad, 0)

	cr := &countingReader{r: r}
	src, gz, err := openSource(cr)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(src, 64<<10)
	header, err := readHeader(br)
	if err != nil {
		return nil, err
	}
	l, err := parseHeader(header, opts.Map)
	if err != nil {
		return nil, err
	}

	res := &Result{}
	res.Stats.Gzip = gz
	shards := make([]*shard, workers)
	shardCh := make([]chan *chunk, workers)
	var wg sync.WaitGroup
	for i := range shards {
		shards[i] = newShard()
		shardCh[i] = make(chan *chunk, 4)
		wg.Add(1)
		go func(s *shard, ch <-chan *chunk, i int) {
			defer wg.Done()
			for c := range ch {
				s.addChunk(c.recs[i], c.buf)
				if c.pending.Add(-1) == 0 {
					chunkPool.Put(c)
				}
			}
		}(shards[i], shardCh[i], i)
	}
	work := make(chan *chunk, 2*workers)
	ordered := make(chan *chunk, 4*workers)
	var readErr error
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		readErr = cutChunks(ctx, br, cr, 2, workers, work, ordered)
	}()
	for w := 0; w < workers; w++ {
		go func() {
			p := newParser(l, workers, maxBad)
			for c := range work {
				p.parseChunk(c)
			}
		}()
	}

	report := func(phase string) {
		if opts.Progress != nil {
			opts.Progress(Progress{Phase: phase, Bytes: cr.n.Load(), Total: opts.Size, Rows: res.Stats.Lines})
		}
	}
	last := time.Now()
	for c := range ordered {
		<-c.done
		res.Stats.merge(&c.stats)
		for _, b := range c.bad {
			if len(res.BadRows) < maxBad {
				res.BadRows = append(res.BadRows, b)
			}
		}
		c.pending.Store(int32(workers))
		for i := range shardCh {
			shardCh[i] <- c
		}
		if opts.Progress != nil && time.Since(last) > 200*time.Millisecond {
			last = time.Now()
			report("reading")
		}
	}
	for _, ch := range shardCh {
		close(ch)
	}
	wg.Wait()
	<-readDone
	res.Stats.Bytes = cr.n.Load()
	report("reading")
	if readErr != nil {
		if ctx.Err() != nil && errors.Is(readErr, ctx.Err()) {
			return nil, readErr
		}
		res.Partial, res.Fault = true, readErr.Error()
	}

	report("scoring")
	analyze(res, shards, workers, opts.AllEvidence)
	report("done")
	return res, readErr
}

// analyze turns the shards' aggregates into judged subscribers and devices.
func analyze(res *Result, shards []*shard, workers int, allEvidence bool) {
	var sims []*simAgg
	cellNames := map[uint64]string{}
	minT, maxT := int64(math.MaxInt64), int64(math.MinInt64)
	for _, s := range shards {
		for i := 0; i < s.n; i++ {
			sims = append(sims, s.at(i))
		}
		for k, v := range s.cellNames {
			cellNames[k] = v
		}
		res.Stats.Rows += s.rows
		res.Stats.Duplicates += s.dups
		res.Stats.OutOfOrder += s.outOfOrder
		minT, maxT = min(minT, s.minT), max(maxT, s.maxT)
	}
	res.Stats.Subscribers = len(sims)
	if len(sims) == 0 {
		return
	}
	sort.Slice(sims, func(i, j int) bool { return sims[i].msisdn < sims[j].msisdn })
	res.Stats.From, res.Stats.To = time.Unix(minT, 0).UTC(), time.Unix(maxT, 0).UTC()

	p := newPopulation(sims, minT, maxT)
	res.MedianCallsOutPerDay = p.medianOutDay
	for h, n := range p.night {
		if n {
			res.NightHours = append(res.NightHours, h)
		}
	}
	byKey := make(map[uint64]int32, len(sims))
	for i, a := range sims {
		byKey[a.msisdn] = int32(i)
	}
	hs := handsets(sims)
	p.tacPairs, p.byKey, p.sims = len(hs), byKey, sims
	setAreas(sims, cellNames)

	// Round 1: each SIM on its own picks the candidates for grouping.
	cand := make([]bool, len(sims))
	parallel(len(sims), workers, func(i int) {
		a := sims[i]
		if a.n[MOC] < minCallsOut {
			return
		}
		f := p.features(a, nil, false)
		l := p.logit(&f, false)
		// Box-like on the whole, or at least calling many strangers, or
		// simply many numbers: a box that imitates people looks social
		// until its own SIMs' traffic and shared list are set apart, which
		// needs the grouping first.
		cand[i] = l >= candLogit || f.DistinctCallees >= 15 && f.CallsPerCallee <= 1.6 || f.DistinctCallees >= 40
	})
	p.arranged = arrangedCallers(sims, cand)
	p.geoLocal = geoLocal(sims, byKey, cand)
	lk := linkSIMs(sims, cand, hs, byKey)
	// What the groups' views read, worked out once for every linked SIM.
	plist := make([][]uint64, len(sims))
	parallel(len(sims), workers, func(i int) {
		if len(lk.nbr[i]) > 0 {
			plist[i] = places(sims[i])
		}
	})
	parties := newPartyIndex(sims, lk, cand)

	// Round 2: each SIM again, with the traffic among the SIMs it is linked
	// to set apart; then those SIMs, if box-like themselves, as evidence.
	// The features go straight into the subscribers, and only the score of
	// the evidence is kept: its terms are worked out again when judging,
	// rather than held for a million SIMs at once.
	res.Subscribers = make([]Subscriber, len(sims))
	ind := make([]float64, len(sims))
	relaxed := make([]bool, len(sims))
	core := make([]bool, len(sims))
	parallel(len(sims), workers, func(i int) {
		a := sims[i]
		var v *groupView
		if len(lk.nbr[i]) > 0 {
			v = newGroupView(int32(i), sims, lk, plist, parties)
		}
		f := &res.Subscribers[i].Features
		*f = p.features(a, v, cand[i])
		ind[i] = p.logit(f, false)
		// A SIM that goes home is a person, however busy: it lends its
		// group no evidence of a device.
		core[i] = ind[i] >= coreLogit && (f.PrivatePlaces == 0 || !p.hasCell)
	})
	// The views' indexes have been read: let them go before judging.
	parties, plist = nil, nil
	p.arranged = map[uint64]bool{}
	// A SIM whose handset served a box-like SIM is judged on fewer calls.
	for i := range sims {
		if c := res.Subscribers[i].Features.CallsOutExt; c >= minCallsOut || c < minCallsRelaxed {
			continue
		}
		for _, j := range lk.nbr[i] {
			if core[j] && lk.kindOf(int32(i), j)&linkIMEI != 0 {
				relaxed[i] = true
				ind[i] = p.logit(&res.Subscribers[i].Features, true)
				break
			}
		}
	}

	parallel(len(sims), workers, func(i int) {
		a := sims[i]
		sub := &res.Subscribers[i]
		f := &sub.Features
		ge := groupEvidence{linked: len(lk.nbr[i])}
		for _, m := range lk.nbr[i] {
			b := sims[m]
			if core[m] {
				ge.core++
				ge.sharedIMEI = ge.sharedIMEI || lk.kindOf(int32(i), m)&linkIMEI != 0
				if newSince(a.first, p.start) && newSince(b.first, p.start) && abs64(a.first-b.first) <= 12*3600 {
					ge.appeared++
				}
			}
			if abs64(int64(a.msisdn)-int64(b.msisdn)) <= 50 {
				ge.batch++
			}
		}
		f.NumberBatch, f.AppearedWith = ge.batch, ge.appeared
		if len(a.imeis) > 0 && a.tacUsers >= 3 {
			same := 1
			for _, m := range lk.nbr[i] {
				if b := sims[m]; len(b.imeis) > 0 && tacOf(b.imeis[0]) == tacOf(a.imeis[0]) {
					same++
				}
			}
			if 2*same >= int(a.tacUsers) {
				f.GroupTAC = same
			}
		}
		ge.intraCalls = f.CallsOutExt < f.CallsOut || f.CallsInExt < f.CallsIn || f.SMSExt < f.SMSOut+f.SMSIn
		ge.suspectPeer = suspectPeers(a, lk, i, byKey, core)
		f.LinkedBoxLike = ge.core
		f.SuspectContacts = ge.suspectPeer
		l, ev := p.individual(f, relaxed[i])
		score, verdict, why, ev := p.judge(l, ev, ge, f)
		if verdict != VerdictClean || allEvidence {
			sub.Evidence = terms(ev)
		}
		sub.MSISDN, sub.Score, sub.Verdict, sub.Reasons = e164(a.msisdn), math.Round(score*1000)/1000, verdict, why
		sub.FirstSeen, sub.LastSeen = time.Unix(a.first, 0).UTC(), time.Unix(a.last, 0).UTC()
		for _, k := range a.imeis {
			sub.IMEIs = append(sub.IMEIs, formatIMEI(k))
		}
		sub.Cells = topCells(a, cellNames, 5)
		if verdict != VerdictClean {
			sub.Days = dayFeatures(a)
		}
		// Nothing reads this SIM's sets any more: let them go while the
		// other subscribers are built.
		a.out, a.in, a.sms, a.cells, a.days, a.imeis = partySet{}, partySet{}, partySet{}, cellSet{}, nil, nil
	})
	res.Devices = devices(res.Subscribers, sims, lk)
	order := make([]int32, len(sims))
	for i := range order {
		order[i] = int32(i)
	}
	sort.SliceStable(order, func(i, j int) bool {
		return res.Subscribers[order[i]].Score > res.Subscribers[order[j]].Score
	})
	permute(res.Subscribers, order)
}

// permute puts subs in the order given (position i takes subs[order[i]])
// in place, following each cycle once: a second slice of a million
// subscribers would be the run's largest allocation. order is used up.
func permute(subs []Subscriber, order []int32) {
	for i := range order {
		if order[i] < 0 || int(order[i]) == i {
			continue
		}
		tmp := subs[i]
		j := i
		for {
			k := int(order[j])
			order[j] = -1
			if k == i {
				subs[j] = tmp
				break
			}
			subs[j] = subs[k]
			j = k
		}
	}
}

// parallel calls fn for every i in [0, n), on up to workers goroutines
// over contiguous ranges. fn must touch only what belongs to i.
func parallel(n, workers int, fn func(i int)) {
	if workers <= 1 || n < 4096 {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	var wg sync.WaitGroup
	per := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += per {
		hi := min(n, lo+per)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// newSince reports whether a SIM first seen at first joined at least a
// day after the extract's start.
func newSince(first, start int64) bool { return first-start >= 86400 }

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// Arranged callers: an external number is one when it calls at least
// minArranged SIMs that fan out, and they are most of the SIMs it calls —
// at least half, and at least three times their share of all SIMs.
// People's friends call one of them, now and then two, among many others;
// a bulk caller (a bank's outgoing line, a telemarketer) calls thousands,
// few of whom fan out; a box's confederates call its SIMs in turn, and
// little else. Where many people fan out, calling some is no sign.
const minArranged = 3

// arrangedCallers finds the arranged callers: numbers in the incoming calls
// of at least minArranged candidates, which are most of the SIMs they call
// (see minArranged). A SIM's own group mates among them are set apart as
// group traffic before this counts. The map is never nil: nil means not
// yet known.
func arrangedCallers(sims []*simAgg, cand []bool) map[uint64]bool {
	count := map[uint64]int32{}
	for i, a := range sims {
		if !cand[i] {
			continue
		}
		for x := range a.in.keys {
			count[a.in.key(x)]++
		}
	}
	for k, n := range count {
		if n < minArranged {
			delete(count, k)
		}
	}
	out := map[uint64]bool{}
	if len(count) == 0 {
		return out
	}
	// Whom else they call: every SIM's callers, looked up in the few left.
	all := make(map[uint64]int32, len(count))
	for _, a := range sims {
		for x := range a.in.keys {
			if k := a.in.key(x); count[k] > 0 {
				all[k]++
			}
		}
	}
	n := 0
	for _, c := range cand {
		if c {
			n++
		}
	}
	least := max(0.5, 3*float64(n)/float64(len(sims)))
	for k, c := range count {
		if float64(c) >= least*float64(all[k]) {
			out[k] = true
		}
	}
	return out
}

// setAreas gives each SIM the location area of its main cell: the cell id
// without its last part (LAC of LAC-CI, MCC-MNC-LAC of a CGI). A cell id
// without parts has no area.
func setAreas(sims []*simAgg, names map[uint64]string) {
	areas := map[uint64]uint64{}
	for _, a := range sims {
		t := a.cells.top()
		if t < 0 {
			continue
		}
		id := a.cells.id(t)
		ar, ok := areas[id]
		if !ok {
			name := names[id]
			if i := strings.LastIndexAny(name, "-:/._ "); i > 0 {
				ar = hashBytes([]byte(name[:i]))
			}
			areas[id] = ar
		}
		a.area = ar
	}
}

// geoLocal decides whether the extract shows geography: whether people's
// callees on the network are in their own area much more often than chance
// would put them there. It returns the median share of such callees over
// a sample of SIMs that do not fan out, or 0 when there is no such habit
// to compare a SIM with.
func geoLocal(sims []*simAgg, byKey map[uint64]int32, cand []bool) float64 {
	byArea := map[uint64]int{}
	located := 0
	for _, a := range sims {
		if a.area != 0 {
			byArea[a.area]++
			located++
		}
	}
	if len(byArea) < 4 || located == 0 {
		return 0
	}
	chance := 0.0
	for _, n := range byArea {
		q := float64(n) / float64(located)
		chance += q * q
	}
	var shares []float64
	for i, a := range sims {
		if cand[i] || i%4 != 0 || a.area == 0 {
			continue
		}
		known, local := 0, 0
		for x := range a.out.keys {
			if j, ok := byKey[a.out.key(x)]; ok && sims[j].area != 0 {
				known++
				if sims[j].area == a.area {
					local++
				}
			}
		}
		if known >= 3 {
			shares = append(shares, float64(local)/float64(known))
		}
	}
	if len(shares) < 20 {
		return 0
	}
	sort.Float64s(shares)
	med := shares[len(shares)/2]
	if med < 0.1 || med < 2*chance {
		return 0
	}
	return med
}

// suspectPeers counts the box-like SIMs not linked to i that i talked to.
func suspectPeers(a *simAgg, lk *links, i int, byKey map[uint64]int32, core []bool) int {
	n := 0
	for _, set := range []*partySet{&a.out, &a.in, &a.sms} {
		for x := range set.keys {
			j, ok := byKey[set.key(x)]
			if ok && core[j] && int(j) != i {
				if !lk.linked(int32(i), j) {
					n++
				}
			}
		}
	}
	return n
}

// topCells names a SIM's most used cells.
func topCells(a *simAgg, names map[uint64]string, n int) []string {
	idx := make([]int, len(a.cells.keys))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(x, y int) bool {
		cx, cy := a.cells.count(idx[x]), a.cells.count(idx[y])
		return cx > cy || cx == cy && a.cells.id(idx[x]) < a.cells.id(idx[y])
	})
	var out []string
	for _, i := range idx[:min(n, len(idx))] {
		out = append(out, names[a.cells.id(i)])
	}
	return out
}

// devices groups the flagged SIMs into probable boxes: the connected
// components of the links among simbox and suspect SIMs. Each member gets
// the device's ID; devices are listed largest first.
func devices(subs []Subscriber, sims []*simAgg, lk *links) []Device {
	flagged := func(i int32) bool { return subs[i].Verdict != VerdictClean }
	u := newUnionFind(len(subs))
	for i := range lk.nbr {
		if !flagged(int32(i)) {
			continue
		}
		for _, j := range lk.nbr[i] {
			if flagged(j) {
				u.union(int32(i), j)
			}
		}
	}
	comp := map[int32][]int32{}
	var roots []int32
	for i := range subs {
		r := u.find(int32(i))
		if u.size[r] < 2 {
			continue
		}
		if _, ok := comp[r]; !ok {
			roots = append(roots, r)
		}
		comp[r] = append(comp[r], int32(i))
	}
	var out []Device
	for _, r := range roots {
		m := comp[r]
		d := Device{ID: deviceID(sims[m[0]].msisdn)}
		imeis, cells := map[string]bool{}, map[string]int{}
		var first, last time.Time
		var kinds uint8
		for _, i := range m {
			s := &subs[i]
			s.DeviceID = d.ID
			switch s.Verdict {
			case VerdictSimbox:
				d.Simbox++
			case VerdictSuspect:
				d.Suspect++
			}
			d.MSISDNs = append(d.MSISDNs, s.MSISDN)
			for _, k := range s.IMEIs {
				imeis[k] = true
			}
			for rank, c := range s.Cells {
				cells[c] += 5 - rank
			}
			if first.IsZero() || s.FirstSeen.Before(first) {
				first = s.FirstSeen
			}
			if s.LastSeen.After(last) {
				last = s.LastSeen
			}
			for _, j := range lk.nbr[i] {
				if flagged(j) {
					kinds |= lk.kindOf(i, j)
				}
			}
		}
		d.FirstSeen, d.LastSeen = first, last
		for k := range imeis {
			d.IMEIs = append(d.IMEIs, k)
		}
		sort.Strings(d.IMEIs)
		for c := range cells {
			d.Cells = append(d.Cells, c)
		}
		sort.Slice(d.Cells, func(i, j int) bool {
			a, b := d.Cells[i], d.Cells[j]
			return cells[a] > cells[b] || cells[a] == cells[b] && a < b
		})
		d.Cells = d.Cells[:min(len(d.Cells), 5)]
		for _, lc := range linkCodes {
			if kinds&lc.bit != 0 {
				d.Evidence = append(d.Evidence, lc.code)
			}
		}
		out = append(out, d)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if len(out[i].MSISDNs) != len(out[j].MSISDNs) {
			return len(out[i].MSISDNs) > len(out[j].MSISDNs)
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// handset is one (IMEI, SIM) pair of the extract.
type handset struct {
	imei uint64
	sim  int32
}

// handsets lists every (IMEI, SIM) pair in IMEI order, so that the SIMs of
// one handset, and of one TAC, are runs; and notes on each SIM how many
// SIMs its busiest handset and its TAC served. A flat sorted slice, not a
// map of slices: a million subscribers' handsets cost 16 bytes each.
func handsets(sims []*simAgg) []handset {
	var hs []handset
	for i, a := range sims {
		for _, k := range a.imeis {
			hs = append(hs, handset{k, int32(i)})
		}
	}
	slices.SortFunc(hs, func(a, b handset) int {
		if a.imei != b.imei {
			return cmp.Compare(a.imei, b.imei)
		}
		return cmp.Compare(a.sim, b.sim)
	})
	for lo := 0; lo < len(hs); {
		hi := lo + 1
		for hi < len(hs) && hs[hi].imei == hs[lo].imei {
			hi++
		}
		for _, h := range hs[lo:hi] {
			sims[h.sim].imeiSIMs = max(sims[h.sim].imeiSIMs, int32(hi-lo))
		}
		lo = hi
	}
	users := map[uint32]int32{}
	for _, a := range sims {
		if len(a.imeis) > 0 {
			users[tacOf(a.imeis[0])]++
		}
	}
	for lo := 0; lo < len(hs); {
		tac := tacOf(hs[lo].imei)
		hi := lo + 1
		for hi < len(hs) && tacOf(hs[hi].imei) == tac {
			hi++
		}
		for _, h := range hs[lo:hi] {
			if a := sims[h.sim]; tacOf(a.imeis[0]) == tac {
				a.tacSIMs, a.tacUsers = int32(hi-lo), users[tac]
			}
		}
		lo = hi
	}
	return hs
}

// newPopulation measures the extract as a whole.
func newPopulation(sims []*simAgg, start, end int64) *population {
	p := &population{start: start, end: end, spanDays: float64(end-start) / 86400}
	// Median outgoing calls per active day, among SIMs that call.
	var perDay []float64
	var hours [24]float64
	for _, a := range sims {
		if a.n[MOC] > 0 && len(a.days) > 0 {
			perDay = append(perDay, float64(a.n[MOC])/float64(len(a.days)))
		}
		// Each SIM's calling and texting hours, day by day, weigh the same.
		var act [24]int
		tot := 0
		for _, d := range a.days {
			for h := range act {
				if d.hours&(1<<h) != 0 {
					act[h]++
					tot++
				}
			}
		}
		if tot >= 3 {
			for h, n := range act {
				hours[h] += float64(n) / float64(tot)
			}
		}
	}
	var mtc, moc, sms, data, withCell int
	for _, a := range sims {
		moc += int(a.n[MOC])
		mtc += int(a.n[MTC])
		sms += int(a.n[SMSMO] + a.n[SMSMT])
		data += int(a.n[Data])
		if len(a.cells.keys) > 0 {
			withCell++
		}
	}
	p.hasMTC = mtc*20 >= moc
	p.hasSMS, p.hasData = sms > 0, data > 0
	p.hasCell = withCell*10 >= len(sims)
	sort.Float64s(perDay)
	p.medianOutDay = 3
	if len(perDay) > 0 {
		p.medianOutDay = perDay[len(perDay)/2]
	}
	p.medianOutDay = min(10, max(1, p.medianOutDay))
	// Night: the six consecutive hours with the least calling and texting,
	// each SIM weighing the same, so a few busy boxes cannot move it and an
	// extract written in UTC finds its night as well as one in local time.
	best, bestSum := 0, math.Inf(1)
	for s := 0; s < 24; s++ {
		sum := 0.0
		for h := s; h < s+6; h++ {
			sum += hours[h%24]
		}
		if sum < bestSum {
			best, bestSum = s, sum
		}
	}
	for h := best; h < best+6; h++ {
		p.night[h%24] = true
	}
	// Does the extract cover a Saturday or Sunday? In local days, and
	// fully: an extract from Monday 00:00 local starts on a Sunday in UTC,
	// and a few rows past midnight are not a weekend.
	active := map[int32]int{}
	for _, a := range sims {
		for _, d := range a.days {
			active[d.day]++
		}
	}
	busiest := 0
	for _, n := range active {
		busiest = max(busiest, n)
	}
	for d, n := range active {
		if weekday(d) >= 5 && n*10 >= busiest*3 {
			p.weekendInSpan = true
		}
	}
	return p
}
