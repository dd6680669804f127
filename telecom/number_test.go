package telecom_test

import (
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/telecom"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want telecom.Number
		ok   bool
	}{
		{"+77011234567", 77011234567, true},
		{"+442071234567", 442071234567, true},
		{"+1", 1, true},
		{"+123456789012345", 123456789012345, true},
		{"+1234567890123456", 0, false}, // 16 digits
		{"+07011234567", 0, false},      // leading 0
		{"77011234567", 0, false},       // no "+"
		{"+7 701 123 45 67", 0, false},  // spaces are ident's business
		{"+", 0, false},
		{"", 0, false},
		{"+7701a", 0, false},
		{"not-a-number", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			n, err := telecom.ParseNumber(tc.in)
			if (err == nil) != tc.ok {
				t.Fatalf("got error %v, want ok=%v", err, tc.ok)
			}
			if err != nil {
				if code := kuzet.ErrorCode(err); code != kuzet.EINVALID {
					t.Errorf("got code %s, want %s", code, kuzet.EINVALID)
				}
				return
			}
			if n != tc.want {
				t.Errorf("got %d, want %d", n, tc.want)
			}
			if got := n.String(); got != tc.in {
				t.Errorf("String: got %q, want %q", got, tc.in)
			}
			if got, want := n.Digits(), len(tc.in)-1; got != want {
				t.Errorf("Digits: got %d, want %d", got, want)
			}
		})
	}
}

// FuzzParseNumber checks that every accepted number prints back to its
// input, and that the plan's classifier never panics on what the parser sees.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"+77011234567", "+1", "+07", "+", "", "+123456789012345678901", "+7\x00"} {
		f.Add(s)
	}
	plan := telecom.DefaultPlan()
	f.Fuzz(func(t *testing.T, s string) {
		n, err := telecom.ParseNumber(s)
		class := plan.Classify(s)
		if err != nil {
			if class != telecom.Invalid {
				t.Fatalf("Classify(%q) = %v for a number ParseNumber rejects", s, class)
			}
			return
		}
		if got := n.String(); got != s {
			t.Fatalf("String: got %q, want %q", got, s)
		}
		if n.Digits() != len(s)-1 {
			t.Fatalf("Digits: got %d, want %d", n.Digits(), len(s)-1)
		}
	})
}
