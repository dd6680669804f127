package iso20022_test

import (
	"testing"

	"github.com/kuzet/kuzet/iso20022"
)

func TestPrefersXML(t *testing.T) {
	for _, tc := range []struct {
		accept string
		want   bool
	}{
		{"", false},
		{"*/*", false},
		{"application/json", false},
		{"application/xml", true},
		{"text/xml", true},
		{"application/xml; charset=utf-8", true},
		{"application/json, application/xml", false},
		{"application/xml, application/json", true},
		{"application/json;q=0.5, application/xml", true},
		{"application/xml;q=0.5, application/json", false},
		{"application/xml, */*;q=0.1", true},
		{"*/*, application/xml;q=0.8", false},
		{"application/xml;q=0", false},
		{"application/xml;q=abc", false},
		{"nonsense", false},
	} {
		if got := iso20022.PrefersXML(tc.accept); got != tc.want {
			t.Errorf("PrefersXML(%q): got %v, want %v", tc.accept, got, tc.want)
		}
	}
}
