package synth_test

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet/synth"
)

func writeCDR(t *testing.T, cfg synth.CDRConfig) ([]byte, []synth.CDRLabel) {
	t.Helper()
	var b bytes.Buffer
	labels, err := synth.WriteCDR(&b, cfg)
	if err != nil {
		t.Fatalf("WriteCDR: %v", err)
	}
	return b.Bytes(), labels
}

func TestWriteCDRDeterministic(t *testing.T) {
	cfg := synth.CDRConfig{Subscribers: 600, Days: 3, Seed: 5}
	a, la := writeCDR(t, cfg)
	b, lb := writeCDR(t, cfg)
	if !bytes.Equal(a, b) || !reflect.DeepEqual(la, lb) {
		t.Error("got different extracts for the same seed, want the same")
	}
	cfg.Seed = 6
	if c, _ := writeCDR(t, cfg); bytes.Equal(a, c) {
		t.Error("got the same extract for another seed, want a different one")
	}
}

func TestWriteCDRLabels(t *testing.T) {
	skipUnderRace(t)
	_, labels := writeCDR(t, synth.CDRConfig{Subscribers: 5000, Days: 2, Seed: 1})
	if len(labels) != 5000 {
		t.Fatalf("got %d labels, want 5000", len(labels))
	}
	styles := map[string]int{}
	boxes := 0
	seen := map[string]bool{}
	for _, l := range labels {
		styles[l.Style]++
		if seen[l.MSISDN] || !strings.HasPrefix(l.MSISDN, "+77") || len(l.MSISDN) != 12 {
			t.Fatalf("got msisdn %q (duplicate: %v), want unique +77… numbers", l.MSISDN, seen[l.MSISDN])
		}
		seen[l.MSISDN] = true
		if l.Label == "simbox" {
			boxes++
			if l.Device == "" {
				t.Errorf("got box SIM %s without a device", l.MSISDN)
			}
		} else if l.Label != "clean" {
			t.Errorf("got label %q, want simbox or clean", l.Label)
		}
	}
	if boxes < 90 || boxes > 100 {
		t.Errorf("got %d box SIMs, want about 2%% of 5000", boxes)
	}
	for _, s := range append(synth.CDRBoxStyles, synth.CDRAgent, synth.CDRTaxi, synth.CDRCourier, synth.CDRDataOnly, synth.CDRLight, synth.CDRNew, synth.CDRHeavy, synth.CDROrdinary) {
		if styles[s] == 0 {
			t.Errorf("got no SIMs of style %s, want some", s)
		}
	}
	var b bytes.Buffer
	if err := synth.WriteCDRLabels(&b, labels); err != nil {
		t.Fatal(err)
	}
	back, err := synth.ReadCDRLabels(&b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, labels) {
		t.Error("got other labels back, want the same")
	}
	if _, err := synth.ReadCDRLabels(strings.NewReader("a,b\n1,2\n")); err == nil {
		t.Error("got no error for a file without the labels header")
	}
}

func TestWriteCDRRows(t *testing.T) {
	start := time.Date(2026, 10, 5, 0, 0, 0, 0, time.FixedZone("+05", 5*3600))
	for _, tc := range []struct {
		name   string
		cfg    synth.CDRConfig
		header string
	}{
		{"local", synth.CDRConfig{}, "record_type,start_time,msisdn,imsi,imei,other_party,duration_s,cell_id"},
		{"utc sorted", synth.CDRConfig{UTC: true, SortByTime: true}, "record_type,start_time,msisdn,imsi,imei,other_party,duration_s,cell_id"},
		{"omitted", synth.CDRConfig{OmitColumns: []string{"imsi", "cell_id"}}, "record_type,start_time,msisdn,imei,other_party,duration_s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tc.cfg
			cfg.Subscribers, cfg.Days, cfg.Seed = 800, 2, 3
			data, labels := writeCDR(t, cfg)
			served := map[string]bool{}
			for _, l := range labels {
				served[strings.TrimPrefix(l.MSISDN, "+")] = true
			}
			r := csv.NewReader(bytes.NewReader(data))
			rows, err := r.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(rows[0], ","); got != tc.header {
				t.Fatalf("got header %q, want %q", got, tc.header)
			}
			types := map[string]int{}
			var last time.Time
			for _, row := range rows[1:] {
				types[row[0]]++
				ts, err := time.Parse(time.RFC3339, row[1])
				if err != nil {
					t.Fatalf("got time %q: %v", row[1], err)
				}
				if ts.Before(start) || !ts.Before(start.Add(3*24*time.Hour)) {
					t.Errorf("got time %s outside the extract", ts)
				}
				if cfg.UTC != strings.HasSuffix(row[1], "Z") {
					t.Errorf("got time %q, want UTC %v", row[1], cfg.UTC)
				}
				if cfg.SortByTime && ts.Before(last) && ts.YearDay() == last.YearDay() {
					t.Errorf("got %s after %s, want time order", ts, last)
				}
				last = ts
				m := row[2]
				switch {
				case strings.HasPrefix(m, "+"):
					m = m[1:]
				case strings.HasPrefix(m, "8"):
					m = "7" + m[1:]
				}
				if !served[m] {
					t.Fatalf("got msisdn %q, want a served subscriber", row[2])
				}
			}
			for _, typ := range []string{"MOC", "MTC", "SMS_MO", "SMS_MT", "DATA"} {
				if types[typ] == 0 {
					t.Errorf("got no %s rows, want some", typ)
				}
			}
		})
	}
}

func TestWriteCDRErrors(t *testing.T) {
	for _, cfg := range []synth.CDRConfig{
		{BoxStyles: []string{"teleport"}},
		{OmitColumns: []string{"msisdn"}},
	} {
		if _, err := synth.WriteCDR(&bytes.Buffer{}, cfg); err == nil {
			t.Errorf("got no error for %+v", cfg)
		}
	}
}
