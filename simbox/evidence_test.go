package simbox_test

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet/simbox"
	"github.com/kuzet/kuzet/synth"
)

// town writes a small handmade extract: people who call, text and answer
// their friends from home and work, and whatever the test adds.
type town struct {
	b     strings.Builder
	r     *rand.Rand
	start time.Time
}

func newTown(people int) *town {
	w := &town{r: rand.New(rand.NewPCG(1, 2)), start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)}
	w.b.WriteString("record_type,start_time,msisdn,imei,other_party,duration_s,cell_id\n")
	for i := 0; i < people; i++ {
		me := personNumber(i)
		for d := 0; d < 7; d++ {
			for c := 0; c < 3; c++ {
				friend := personNumber((i + 1 + w.r.IntN(4)) % people)
				t := w.at(d, 8+w.r.IntN(14))
				dur := 20 + w.r.IntN(200)
				w.row("MOC", t, me, friend, dur, homeCell(i))
				w.row("MTC", t, friend, me, dur, homeCell(i+1))
			}
			w.row("SMS_MO", w.at(d, 12), me, personNumber((i+2)%people), 0, homeCell(i))
			for c := 0; c < 4; c++ {
				w.row("DATA", w.at(d, 7+w.r.IntN(16)), me, "", 300, homeCell(i))
			}
		}
	}
	return w
}

func personNumber(i int) string { return fmt.Sprintf("7701%07d", i) }
func homeCell(i int) string     { return fmt.Sprintf("10-%d", i%97) }

func (w *town) at(d, h int) time.Time {
	return w.start.Add(time.Duration(d)*24*time.Hour + time.Duration(h)*time.Hour + time.Duration(w.r.IntN(3600))*time.Second)
}

func (w *town) row(typ string, t time.Time, msisdn, other string, dur int, cell string) {
	fmt.Fprintf(&w.b, "%s,%s,%s,%s,%s,%d,%s\n", typ, t.Format(time.RFC3339), msisdn, "", other, dur, cell)
}

// box adds n SIMs at one cell that call strangers on weekdays in office
// hours; confederates, if any, call each SIM every day and are answered.
func (w *town) box(n int, confederates []string) []string {
	var sims []string
	for s := 0; s < n; s++ {
		me := fmt.Sprintf("7702%07d", s)
		sims = append(sims, me)
		for d := 0; d < 5; d++ {
			for c := 0; c < 30; c++ {
				dur := 0
				if w.r.IntN(2) == 0 {
					dur = 10 + w.r.IntN(90)
				}
				w.row("MOC", w.at(d, 9+w.r.IntN(9)), me, fmt.Sprintf("7747%07d", w.r.IntN(10_000_000)), dur, "99-1")
			}
			for _, c := range confederates {
				w.row("MTC", w.at(d, 9+w.r.IntN(9)), me, c, 60+w.r.IntN(120), "99-1")
			}
			w.row("DATA", w.at(d, 10), me, "", 100, "99-1")
		}
	}
	return sims
}

func detectText(t *testing.T, text string) *simbox.Result {
	t.Helper()
	res, err := simbox.Detect(context.Background(), strings.NewReader(text), simbox.Options{AllEvidence: true})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func bySIM(res *simbox.Result) map[string]*simbox.Subscriber {
	m := map[string]*simbox.Subscriber{}
	for i := range res.Subscribers {
		m[res.Subscribers[i].MSISDN] = &res.Subscribers[i]
	}
	return m
}

func hasTerm(s *simbox.Subscriber, code string) (float64, bool) {
	for _, e := range s.Evidence {
		if e.Code == code {
			return e.Weight, true
		}
	}
	return 0, false
}

// TestArrangedCallers: three numbers that call every SIM of a box are
// arranged callers; their calls are neither call-backs nor a social life,
// and the box is judged a box although every SIM receives calls daily.
func TestArrangedCallers(t *testing.T) {
	w := newTown(200)
	confed := []string{"77059990001", "77059990002", "77059990003"}
	sims := w.box(10, confed)
	res := detectText(t, w.b.String())
	subs := bySIM(res)
	for _, m := range sims {
		s := subs["+"+m]
		if s == nil {
			t.Fatalf("got no judgement of %s", m)
		}
		f := s.Features
		if f.ArrangedCallers != 3 || f.ArrangedShare < 0.99 || f.Unsolicited != 0 {
			t.Errorf("%s: got arranged callers %d, share %.2f, unsolicited %d; want 3, 1, 0", m, f.ArrangedCallers, f.ArrangedShare, f.Unsolicited)
		}
		if w, ok := hasTerm(s, simbox.ReasonArranged); !ok || w < 1.5 {
			t.Errorf("%s: got arranged_callers weight %.2f (%v), want ≥ 1.5", m, w, ok)
		}
		if s.Verdict != simbox.VerdictSimbox {
			t.Errorf("%s: got %s %v, want simbox", m, s.Verdict, s.Evidence)
		}
	}
	// The people's friends call several people each: none is arranged.
	for i := 0; i < 200; i++ {
		if s := subs["+"+personNumber(i)]; s.Features.ArrangedCallers != 0 || s.Verdict != simbox.VerdictClean {
			t.Fatalf("person %d: got arranged callers %d, verdict %s, want 0 and clean", i, s.Features.ArrangedCallers, s.Verdict)
		}
	}
}

// TestOwnPlace: among SIMs that work at one cell, the one that goes home
// at night has a place of its own, which counts against a box; the group's
// cell is nobody's own.
func TestOwnPlace(t *testing.T) {
	w := newTown(200)
	sims := w.box(8, nil)
	goer := sims[0]
	for d := 0; d < 7; d++ {
		for c := 0; c < 5; c++ {
			w.row("DATA", w.at(d, 19+w.r.IntN(4)), goer, "", 600, "55-5")
		}
	}
	subs := bySIM(detectText(t, w.b.String()))
	for _, m := range sims {
		s := subs["+"+m]
		wgt, ok := hasTerm(s, simbox.ReasonOwnPlace)
		if m == goer {
			if s.Features.PrivatePlaces != 1 || !ok || wgt > -1.9 {
				t.Errorf("got private places %d, own_place %.2f (%v), want 1 and -2", s.Features.PrivatePlaces, wgt, ok)
			}
			continue
		}
		if s.Features.PrivatePlaces != 0 || ok {
			t.Errorf("%s: got private places %d, own_place %v, want none", m, s.Features.PrivatePlaces, ok)
		}
	}
}

// TestRejectedCallBacks: victims who call back a box that takes none of
// their calls are not a sign of a person.
func TestRejectedCallBacks(t *testing.T) {
	for _, tc := range []struct {
		name  string
		dur   int
		box   bool
		terms []string
	}{
		{"rejected", 0, true, []string{simbox.ReasonRejectsCalls}},
		{"taken", 90, false, []string{simbox.ReasonCallbacks}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newTown(200)
			var rows []string
			for s := 0; s < 6; s++ {
				me := fmt.Sprintf("7702%07d", s)
				for d := 0; d < 5; d++ {
					for c := 0; c < 30; c++ {
						callee := fmt.Sprintf("7747%07d", w.r.IntN(10_000_000))
						t0 := w.at(d, 9+w.r.IntN(9))
						w.row("MOC", t0, me, callee, 40, "99-1")
						if c%3 == 0 {
							rows = append(rows, fmt.Sprintf("MTC,%s,%s,,%s,%d,99-1", t0.Add(time.Hour).Format(time.RFC3339), me, callee, tc.dur))
						}
					}
				}
			}
			w.b.WriteString(strings.Join(rows, "\n") + "\n")
			subs := bySIM(detectText(t, w.b.String()))
			for s := 0; s < 6; s++ {
				sub := subs[fmt.Sprintf("+7702%07d", s)]
				if cb := sub.Features.CallbackShare; cb < 0.3 {
					t.Errorf("got call-back share %.2f, want the third of callees who called back", cb)
				}
				for _, code := range tc.terms {
					if _, ok := hasTerm(sub, code); !ok {
						t.Errorf("got %v, want %s", sub.Evidence, code)
					}
				}
				if got := sub.Verdict == simbox.VerdictSimbox; got != tc.box {
					t.Errorf("got %s %v, want simbox %v", sub.Verdict, sub.Evidence, tc.box)
				}
			}
		})
	}
}

// cheapCodes are the cheap signs of a person, capped together.
var cheapCodes = []string{simbox.ReasonCallsIn, simbox.ReasonSMSUse, simbox.ReasonDataUse,
	simbox.ReasonOfficeHours, simbox.ReasonWeekendsOff, simbox.ReasonWorkdays}

// TestEvidenceExplainsScore holds the explanation to the score on an
// adversarial extract: every SIM's terms and the prior give its score, and
// the cheap signs of a person — SMS, data, a working week, calls received
// — never take off more than their cap together, while the cap is reached.
func TestEvidenceExplainsScore(t *testing.T) {
	pr, pw := io.Pipe()
	go func() {
		_, err := synth.WriteAdversaryCDR(pw, synth.AdversaryConfig{Subscribers: 3000, Days: 7, Seed: 12})
		pw.CloseWithError(err)
	}()
	res, err := simbox.Detect(context.Background(), pr, simbox.Options{AllEvidence: true})
	if err != nil {
		t.Fatal(err)
	}
	capped := 0
	for i, s := range res.Subscribers {
		if i > 0 && s.Score > res.Subscribers[i-1].Score {
			t.Fatalf("got %s (%.3f) after %s (%.3f), want highest score first", s.MSISDN, s.Score, res.Subscribers[i-1].MSISDN, res.Subscribers[i-1].Score)
		}
		if len(s.Evidence) == 0 {
			t.Fatalf("%s: got no evidence, want it kept for every SIM", s.MSISDN)
		}
		l, cheap := -4.0, 0.0
		for _, e := range s.Evidence {
			l += e.Weight
			if slices.Contains(cheapCodes, e.Code) {
				cheap += e.Weight
			}
		}
		if got := 1 / (1 + math.Exp(-l)); math.Abs(got-s.Score) > 0.03 {
			t.Errorf("%s: got score %.3f from its evidence, want %.3f: %v", s.MSISDN, got, s.Score, s.Evidence)
		}
		if cheap < -1.2-0.02 {
			t.Errorf("%s: got cheap signs weighing %.2f, want at least -1.2: %v", s.MSISDN, cheap, s.Evidence)
		}
		if cheap < -1.15 {
			capped++
		}
	}
	if capped == 0 {
		t.Error("got no SIM at the cap, want some: the test would hold without one")
	}
}
