package synth_test

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet/synth"
)

func writeAdversary(t *testing.T, cfg synth.AdversaryConfig) ([]byte, []synth.CDRLabel) {
	t.Helper()
	var b bytes.Buffer
	labels, err := synth.WriteAdversaryCDR(&b, cfg)
	if err != nil {
		t.Fatalf("WriteAdversaryCDR: %v", err)
	}
	return b.Bytes(), labels
}

func TestWriteAdversaryDeterministic(t *testing.T) {
	skipUnderRace(t)
	cfg := synth.AdversaryConfig{Subscribers: 1500, Days: 3, Seed: 5}
	a, la := writeAdversary(t, cfg)
	b, lb := writeAdversary(t, cfg)
	if !bytes.Equal(a, b) || !reflect.DeepEqual(la, lb) {
		t.Error("got different extracts for the same seed, want the same")
	}
	cfg.Seed = 6
	if c, _ := writeAdversary(t, cfg); bytes.Equal(a, c) {
		t.Error("got the same extract for another seed, want a different one")
	}
}

// TestWriteAdversaryWorld checks the world the generator promises: every
// box style and look-alike, box SIMs a share of all, batches of
// consecutive numbers, rows in time order within a day, arranged
// call-backs in proportion to the boxes' calls.
func TestWriteAdversaryWorld(t *testing.T) {
	skipUnderRace(t)
	start := time.Date(2026, 11, 2, 0, 0, 0, 0, time.FixedZone("+05", 5*3600))
	data, labels := writeAdversary(t, synth.AdversaryConfig{Subscribers: 5000, Days: 4, Seed: 1})
	styles := map[string]int{}
	boxes := 0
	truth := map[string]synth.CDRLabel{}
	for _, l := range labels {
		styles[l.Style]++
		truth[strings.TrimPrefix(l.MSISDN, "+")] = l
		if l.Label == "simbox" {
			boxes++
			if l.Device == "" {
				t.Errorf("got box SIM %s without a device", l.MSISDN)
			}
		}
	}
	if len(truth) != 5000 {
		t.Fatalf("got %d distinct numbers, want 5000", len(truth))
	}
	if boxes < 90 || boxes > 100 {
		t.Errorf("got %d box SIMs, want about 2%% of 5000", boxes)
	}
	for _, s := range append(slices.Clone(synth.AdversaryBoxStyles), synth.AdvPerson, synth.AdvHeavy, synth.AdvLight,
		synth.AdvHomebound, synth.AdvNewSub, synth.AdvFamilyPhone, synth.AdvSales, synth.AdvAgent, synth.AdvCollector,
		synth.AdvDispatcher, synth.AdvDriver, synth.AdvM2M, synth.AdvConfederate) {
		if styles[s] == 0 {
			t.Errorf("got no SIMs of style %s, want some", s)
		}
	}
	// M2M SIMs come in runs of consecutive numbers.
	var m2m []uint64
	for n, l := range truth {
		if l.Style == synth.AdvM2M {
			v, _ := strconv.ParseUint(n, 10, 64)
			m2m = append(m2m, v)
		}
	}
	slices.Sort(m2m)
	runs := 0
	for i := 1; i < len(m2m); i++ {
		if m2m[i] == m2m[i-1]+1 {
			runs++
		}
	}
	if runs*10 < len(m2m)*8 {
		t.Errorf("got %d of %d M2M numbers following another, want most", runs, len(m2m))
	}

	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(rows[0], ","), "start_time,record_type,msisdn,other_party,duration_s,imei,cell_id,imsi,call_ref,charge"; got != want {
		t.Fatalf("got header %q, want %q", got, want)
	}
	var last time.Time
	out, in := map[string]int{}, map[string]int{}
	for _, row := range rows[1:] {
		ts, err := time.Parse(time.RFC3339, row[0])
		if err != nil || !strings.HasSuffix(row[0], "Z") {
			t.Fatalf("got time %q (%v), want RFC 3339 in UTC", row[0], err)
		}
		if ts.Before(start) || !ts.Before(start.Add(4*24*time.Hour+12*time.Hour)) {
			t.Errorf("got time %s outside the extract", ts)
		}
		if ts.Before(last) && ts.Sub(start)/(24*time.Hour) == last.Sub(start)/(24*time.Hour) {
			t.Fatalf("got %s after %s, want a day's rows in time order", ts, last)
		}
		last = ts
		m := row[2]
		if strings.HasPrefix(m, "8") {
			m = "7" + m[1:]
		}
		l, ok := truth[m]
		if !ok {
			t.Fatalf("got msisdn %q, want a served subscriber", row[2])
		}
		if strings.Count(row[6], "-") != 3 {
			t.Errorf("got cell %q, want MCC-MNC-LAC-CI", row[6])
		}
		if l.Label == "simbox" {
			switch row[1] {
			case "MOC":
				out[l.Style]++
			case "MTC":
				in[l.Style]++
			}
		}
	}
	// Scam boxes receive arranged call-backs, 15 to 40% of their calls.
	for _, s := range []string{synth.AdvMimic, synth.AdvSIMServer, synth.AdvTrickle} {
		if r := float64(in[s]) / float64(max(1, out[s])); r < 0.12 || r > 0.6 {
			t.Errorf("got %s boxes receiving %.2f calls per call made, want 0.15 to 0.40 and a few more", s, r)
		}
	}
}

func TestWriteAdversaryErrors(t *testing.T) {
	for _, cfg := range []synth.AdversaryConfig{
		{BoxStyles: []string{"teleport"}},
		{Callbacks: [2]float64{0.5, 0.2}},
		{Callbacks: [2]float64{-1, 0.2}},
	} {
		if _, err := synth.WriteAdversaryCDR(&bytes.Buffer{}, cfg); err == nil {
			t.Errorf("got no error for %+v", cfg)
		}
	}
}
