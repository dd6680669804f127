package exchange_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/kuzet/kuzet/exchange"
)

// TestAppendJSONMatchesEncodingJSON: the hand-written encoder writes what
// encoding/json would (without HTML escaping).
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	conf := 90
	for _, o := range []exchange.Object{
		{Type: "indicator", ID: "indicator--x", Pattern: "[url:value = 'http://a/\"<&>\\'\x01\u2028']", Labels: []string{"a", "b"},
			Confidence: &conf, ObjectMarkingRefs: []string{"m"}, Name: "\xff\xfeкүзет"},
		{Type: "marking-definition", ID: "m", Extensions: map[string]exchange.Extension{"e": {ExtensionType: "property-extension", TLP: "red"}}},
		{Type: "report", ID: "report--x", ReportTypes: []string{"campaign"}, Published: "2026-01-01T00:00:00Z", ObjectRefs: []string{"a", "b"},
			SightingOfRef: "s", WhereSightedRefs: []string{"w"}, Count: 2},
		{Type: "phone-number", Value: "+77011112233", Extensions: map[string]exchange.Extension{"b": {ExtensionType: "new-sco"}, "a": {ExtensionType: "x"}}},
	} {
		got := o.AppendJSON(nil)
		type plain exchange.Object // no MarshalJSON
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.Encode(plain(o))
		if string(got)+"\n" != want.String() {
			t.Errorf("got  %s\nwant %s", got, want.String())
		}
	}
}

func FuzzAppendString(f *testing.F) {
	f.Add("a\"b\\c\x00\u2028\xff")
	f.Fuzz(func(t *testing.T, s string) {
		o := exchange.Object{Type: s}
		var v map[string]any
		if err := json.Unmarshal(o.AppendJSON(nil), &v); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
	})
}

func TestFormatTime(t *testing.T) {
	for _, tm := range []time.Time{time.Date(2026, 3, 11, 7, 5, 9, 123456789, time.UTC), time.Date(1999, 12, 31, 23, 59, 59, 0, time.FixedZone("x", 5*3600))} {
		if got, want := exchange.FormatTime(tm), tm.UTC().Format("2006-01-02T15:04:05.000000Z"); got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	}
}
