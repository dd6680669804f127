package simbox_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/kuzet/kuzet/simbox"
)

// alienExtract writes an extract from a second, deliberately different
// generator: other column names and order, millisecond UTC timestamps, no
// IMSI, friends drawn uniformly rather than by rank, boxes with random
// TACs and daily SIM rotation, a call centre with little inbound traffic.
// hard makes it harder: slow boxes in daytime hours with a module per SIM
// over three cells, call-centre agents nobody calls, people who call
// strangers half the time. It guards against fitting sim/cdr.go. It returns
// the truth: msisdn → "simbox" or a confuser kind.
func alienExtract(w io.Writer, n, days int, seed uint64, hard bool) (map[string]string, error) {
	r := rand.New(rand.NewPCG(seed, 99))
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "CALL_ID,EVENT_TIME,EVENT_TYPE,A_NUMBER,B_NUMBER,DURATION,CHARGE,CELL,DEVICE_ID")
	start := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC) // a Monday
	num := func(i int) string { return fmt.Sprintf("7705%07d", i) }
	stranger := func() string { return fmt.Sprintf("7747%07d", r.IntN(10_000_000)) }
	imei := func(tac int) string { return fmt.Sprintf("%08d%06d0", tac, r.IntN(1_000_000)) }
	id := 0
	row := func(t time.Time, typ, a, b string, dur int, cell int, dev string) {
		id++
		fmt.Fprintf(bw, "%d,%s,%s,%s,%s,%d,%.2f,C%04d,%s\n", id, t.UTC().Format("2006-01-02T15:04:05.000Z"), typ, a, b, dur, float64(dur)*0.01, cell, dev)
	}
	at := func(d int, h0, h1 int) time.Time {
		return start.Add(time.Duration(d)*24*time.Hour + time.Duration(h0)*time.Hour + time.Duration(r.IntN((h1-h0)*3600))*time.Second)
	}
	truth := map[string]string{}
	kind := make([]string, n)
	for i := range kind {
		kind[i] = "person"
	}
	perm := r.Perm(n)
	next := 0
	take := func(k string) int { i := perm[next]; next++; kind[i] = k; return i }

	// Boxes: 2% of the SIMs.
	type box struct {
		sims    []int
		modules []string
		cell    int
		h0, h1  int
		rate    float64
	}
	var boxes []box
	for left := n / 50; left >= 8; {
		size := min(left, 8+r.IntN(30))
		b := box{cell: r.IntN(300), rate: 25 + r.Float64()*100}
		switch {
		case hard:
			b.rate, b.h0, b.h1 = 10+r.Float64()*15, 8, 20
		case r.IntN(2) == 0:
			b.h0, b.h1 = 0, 24
		default:
			b.h0, b.h1 = 6+r.IntN(3), 20+r.IntN(4)
		}
		tac := 10000000 + r.IntN(89999999)
		modules := max(2, size/3)
		if hard {
			modules = size
		}
		for m := 0; m < modules; m++ {
			b.modules = append(b.modules, imei(tac))
		}
		for s := 0; s < size; s++ {
			i := take("simbox")
			b.sims = append(b.sims, i)
		}
		boxes = append(boxes, b)
		left -= size
	}
	agents := make([]int, n/60)
	for k := range agents {
		agents[k] = take("agent")
	}
	taxis := make([]int, n/50)
	for k := range taxis {
		taxis[k] = take("taxi")
	}
	for k := 0; k < n/25; k++ {
		take("data_only")
	}
	for k := 0; k < n/10; k++ {
		take("light")
	}
	for i, k := range kind {
		truth["+"+num(i)] = k
	}

	// People: friends drawn uniformly, each friendship both ways.
	friends := make([][]int, n)
	for i := range friends {
		if kind[i] == "simbox" || kind[i] == "data_only" {
			continue
		}
		for f := 0; f < 3+r.IntN(8); f++ {
			j := r.IntN(n)
			if j != i && kind[j] != "simbox" && kind[j] != "data_only" {
				friends[i] = append(friends[i], j)
				friends[j] = append(friends[j], i)
			}
		}
	}
	phone := make([]string, n)
	home := make([]int, n)
	for i := range phone {
		phone[i] = imei(35000000 + r.IntN(999999))
		home[i] = r.IntN(300)
	}
	call := func(t time.Time, a, b int, bnum string, dur, cell int) {
		row(t, "MOC", num(a), bnum, dur, cell, phone[a])
		if b >= 0 {
			row(t, "MTC", num(b), num(a), dur, home[b]+r.IntN(3), phone[b])
		}
	}
	for d := 0; d < days; d++ {
		weekend := d%7 >= 5
		for i := 0; i < n; i++ {
			switch kind[i] {
			case "person", "light":
				rate := 3.0
				if kind[i] == "light" {
					rate = 0.3
				}
				for c := poisson(r, rate); c > 0; c-- {
					t := at(d, 8, 23)
					if len(friends[i]) > 0 && (r.IntN(10) < 7 && !hard || r.IntN(2) == 0) {
						j := friends[i][r.IntN(len(friends[i]))]
						call(t, i, j, num(j), 10+r.IntN(300), home[i]+r.IntN(3))
					} else {
						call(t, i, -1, stranger(), 10+r.IntN(200), home[i]+r.IntN(3))
					}
				}
				if r.IntN(3) == 0 {
					row(at(d, 8, 22), "SMS_MO", num(i), stranger(), 0, home[i], phone[i])
				}
				for c := poisson(r, 5); c > 0; c-- {
					row(at(d, 0, 24), "DATA", num(i), "", 60+r.IntN(2000), home[i], phone[i])
				}
			case "data_only":
				for c := poisson(r, 24); c > 0; c-- {
					row(at(d, 0, 24), "DATA", num(i), "", 300, home[i], phone[i])
				}
			}
		}
		if !weekend {
			for _, i := range agents {
				for c := poisson(r, 80); c > 0; c-- {
					t := at(d, 9, 18)
					b := stranger()
					row(t, "MOC", num(i), b, r.IntN(180), 7, phone[i])
					if r.IntN(20) == 0 && !hard {
						row(t.Add(time.Hour), "MTC", num(i), b, 60, 7, phone[i])
					}
				}
				for c := poisson(r, 4); c > 0 && !hard; c-- {
					row(at(d, 9, 18), "MTC", num(i), stranger(), 120, 7, phone[i])
				}
			}
		}
		for _, i := range taxis {
			for c := poisson(r, 20); c > 0; c-- {
				t := at(d, 7, 23)
				b := stranger()
				row(t, "MOC", num(i), b, 5+r.IntN(40), r.IntN(300), phone[i])
				if r.IntN(2) == 0 {
					row(t.Add(10*time.Minute), "MTC", num(i), b, 5+r.IntN(40), r.IntN(300), phone[i])
				}
			}
			for c := poisson(r, 12); c > 0; c-- {
				row(at(d, 7, 23), "MTC", num(i), stranger(), 5+r.IntN(40), r.IntN(300), phone[i])
			}
			for c := poisson(r, 15); c > 0; c-- {
				row(at(d, 7, 23), "DATA", num(i), "", 100, r.IntN(300), phone[i])
			}
		}
		for _, b := range boxes {
			for s, i := range b.sims {
				dev := b.modules[(s+d)%len(b.modules)] // the bank moves SIMs daily
				if hard {
					dev = b.modules[s]
				}
				for c := poisson(r, b.rate); c > 0; c-- {
					t := at(d, b.h0, b.h1)
					v := stranger()
					cell := b.cell
					if hard {
						cell += r.IntN(3)
					}
					row(t, "MOC", num(i), v, r.IntN(240), cell, dev)
					if r.IntN(33) == 0 {
						row(t.Add(30*time.Minute), "MTC", num(i), v, 0, b.cell, dev)
					}
				}
			}
		}
	}
	return truth, bw.Flush()
}

func poisson(r *rand.Rand, lambda float64) int {
	if lambda > 30 {
		return max(0, int(lambda+r.NormFloat64()*sqrt(lambda)))
	}
	l, k, p := exp(-lambda), 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// TestAlienGenerator runs the detector on this older second generator's
// extracts: other column names, order and timestamps than synth/cdr.go.
// Its world is close to the first one's (issue 12), so it tests the
// reader and recall more than the scoring; synth/cdr_adversary.go is the
// independent one.
//
// In hard mode its call centre cannot be told from a box: a hundred agents
// at one cell call strangers once each, nobody ever calls them, and they
// text, browse and go nowhere — all that is left is a working week, which
// a box keeps for nothing and which therefore no longer clears anyone.
// There the agents are flagged, by design; the test holds recall and
// fails on any other false positive.
func TestAlienGenerator(t *testing.T) {
	evaluation(t)
	n := 6000
	if testing.Short() {
		n = 3000
	}
	if os.Getenv("KUZET_SIMBOX_FULL") != "" {
		n = 20000
	}
	m, err := simbox.ParseMap("record_type=EVENT_TYPE,start_time=EVENT_TIME,msisdn=A_NUMBER,other_party=B_NUMBER,duration_s=DURATION,cell_id=CELL,imei=DEVICE_ID")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		seed uint64
		hard bool
	}{{1, false}, {2, false}, {3, true}, {4, true}} {
		seed := tc.seed
		t.Run(fmt.Sprintf("seed%d-hard=%v", seed, tc.hard), func(t *testing.T) {
			pr, pw := io.Pipe()
			done := make(chan map[string]string, 1)
			go func() {
				truth, err := alienExtract(pw, n, 7, seed, tc.hard)
				pw.CloseWithError(err)
				done <- truth
			}()
			res, err := simbox.Detect(context.Background(), pr, simbox.Options{Map: m})
			if err != nil {
				t.Fatal(err)
			}
			truth := <-done
			if res.Stats.BadRows != 0 {
				t.Fatalf("got %d bad rows (%+v), want none", res.Stats.BadRows, res.BadRows)
			}
			tp, fp, fn, groupTAC := 0, 0, 0, 0
			flagged := map[string]int{}
			for _, s := range res.Subscribers {
				k := truth[s.MSISDN]
				for _, e := range s.Evidence {
					if e.Code == simbox.ReasonGroupTAC && k == "simbox" {
						groupTAC++
					}
				}
				if s.Verdict == simbox.VerdictSimbox {
					flagged[k]++
				}
				if os.Getenv("KUZET_SIMBOX_VERBOSE") != "" && (k == "simbox") != (s.Verdict == simbox.VerdictSimbox) {
					t.Logf("%s %s %s %.3f %v %+v", s.MSISDN, k, s.Verdict, s.Score, s.Reasons, s.Features)
				}
				switch {
				case k == "simbox" && s.Verdict == simbox.VerdictSimbox:
					tp++
				case s.Verdict == simbox.VerdictSimbox:
					fp++
				case k == "simbox":
					fn++
				}
			}
			var kinds []string
			for k, c := range flagged {
				kinds = append(kinds, fmt.Sprintf("%s:%d", k, c))
			}
			sort.Strings(kinds)
			p, rc := ratio(tp, tp+fp), ratio(tp, tp+fn)
			t.Logf("%d rows: precision %.3f recall %.3f (tp %d fp %d fn %d) flagged %v", res.Stats.Rows, p, rc, tp, fp, fn, kinds)
			if tc.hard {
				// The agents nobody calls are flagged (see above); nobody else.
				p = ratio(tp, tp+fp-flagged["agent"])
			}
			if p < 0.97 || rc < 0.95 {
				t.Errorf("got precision %.3f recall %.3f (agents left out in hard mode), want ≥ 0.97 and ≥ 0.95", p, rc)
			}
			// Each box's modules share one TAC nobody else has; a SIM sees
			// it when its links reach half the box.
			if groupTAC < tp/4 {
				t.Errorf("got %d of %d box SIMs with group_tac, want a quarter at least", groupTAC, tp)
			}
		})
	}
}

func sqrt(x float64) float64 { return math.Sqrt(x) }
func exp(x float64) float64  { return math.Exp(x) }
