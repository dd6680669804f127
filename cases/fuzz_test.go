package cases_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/cases"
	"github.com/kuzet/kuzet/ident"
)

// FuzzNodeName: a graph seed from the query string never panics the
// parser; what it accepts is a node name "kind:value" of a known kind that
// names itself when parsed again.
func FuzzNodeName(f *testing.F) {
	for _, s := range []string{"phone:8 701 123 45 67", "iban:KZ86125KZT5004100100", "report:rep_1", "case:case_x",
		"domain:Example.KZ.", "imei:35-209900-176148-1", "card:4400 4300 0000 0001", "wallet:TXyz", "suspect:",
		":x", "x", "phone:", "callcentre:cc_1", "url:http://a/b", "phone:\x00", "iban:" + strings.Repeat("9", 300)} {
		f.Add(s)
	}
	svc := cases.NewService(cases.Config{Parser: &ident.Parser{CardKey: []byte("fuzz-card-key-0123456789")}})
	f.Fuzz(func(t *testing.T, seed string) {
		node, err := svc.NodeName(seed)
		if err != nil {
			if kuzet.ErrorCode(err) != kuzet.EINVALID {
				t.Fatalf("NodeName(%q): %v, want an invalid-input error", seed, err)
			}
			return
		}
		kind, value, ok := strings.Cut(node, ":")
		if !ok || value == "" || kind == "" {
			t.Fatalf("NodeName(%q) = %q: not kind:value", seed, node)
		}
		if utf8.ValidString(seed) && !utf8.ValidString(node) {
			t.Fatalf("NodeName(%q) = %q: invalid UTF-8 from valid", seed, node)
		}
		if kind == "card" {
			return // a card's node is its token, not a number to parse again
		}
		again, err := svc.NodeName(node)
		if err != nil || again != node {
			t.Fatalf("NodeName(%q) = %q, which parses to %q, %v", seed, node, again, err)
		}
	})
}
