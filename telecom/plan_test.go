package telecom_test

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/telecom"
)

func TestDefaultPlanClassify(t *testing.T) {
	plan := telecom.DefaultPlan()
	tests := []struct {
		number string
		want   telecom.Class
	}{
		{"+77011234567", telecom.Mobile},
		{"+77001234567", telecom.Mobile},
		{"+77091234567", telecom.Mobile},
		{"+77471234567", telecom.Mobile},
		{"+77711234567", telecom.Mobile},
		{"+77751234567", telecom.Mobile},
		{"+77761234567", telecom.Mobile},
		{"+77771234567", telecom.Mobile},
		{"+77781234567", telecom.Mobile},
		{"+77172123456", telecom.Geographic}, // Astana
		{"+77272590000", telecom.Geographic}, // Almaty
		{"+77990000000", telecom.Invalid},    // +7 799: in Kazakhstan's zone, not allocated
		{"+77721234567", telecom.Invalid},    // +7 772: not a mobile range
		{"+76123456789", telecom.Invalid},    // zone 6: Kazakhstan's, unused
		{"+79900000000", telecom.Invalid},    // +7 990: unallocated
		{"+79161234567", telecom.Foreign},    // Moscow mobile: +7 but Russian
		{"+74951234567", telecom.Foreign},    // Moscow fixed line
		{"+72123456789", telecom.Invalid},    // zone 2: used by neither plan
		{"+7916123456", telecom.Invalid},     // Russian, one digit short
		{"+7701123456", telecom.Invalid},     // Kazakh mobile, one digit short
		{"+770112345678", telecom.Invalid},   // one digit long
		{"+442071234567", telecom.Foreign},
		{"+447700900123", telecom.Foreign},
		{"+6831234", telecom.Foreign},          // Niue: 7 digits
		{"+441234", telecom.Invalid},           // too short for any plan
		{"+4412345678901234", telecom.Invalid}, // 16 digits
		{"+07011234567", telecom.Invalid},      // leading 0
		{"77011234567", telecom.Invalid},       // no "+"
		{"+7701-123-4567", telecom.Invalid},    // not E.164
		{"", telecom.Invalid},
	}
	for _, tc := range tests {
		t.Run(tc.number, func(t *testing.T) {
			if got := plan.Classify(tc.number); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	if got, want := plan.Holder("+77011234567"), "Kcell"; got != want {
		t.Errorf("Holder: got %q, want %q", got, want)
	}
}

func TestParsePlan(t *testing.T) {
	const text = `# a small country: +99 is ours, +9 elsewhere is 9 digits
99,national,8
9912,mobile,,Mobi One
"9913",mobile,8,"Two, Inc."
993,geographic,7-8
9,foreign,9
999,unallocated
`
	plan, err := telecom.ParsePlan(strings.NewReader(text))
	if err != nil {
		t.Fatalf("ParsePlan: %v", err)
	}
	tests := []struct {
		number string
		want   telecom.Class
	}{
		{"+99121234", telecom.Mobile},
		{"+99131234", telecom.Mobile},
		{"+9931234", telecom.Geographic},
		{"+99312345", telecom.Geographic},
		{"+99141234", telecom.Invalid},   // national, unallocated
		{"+9912123", telecom.Invalid},    // short
		{"+912345678", telecom.Foreign},  // under the foreign rule
		{"+91234567", telecom.Invalid},   // foreign, wrong length
		{"+999123456", telecom.Invalid},  // unallocated
		{"+4420712345", telecom.Foreign}, // no rule: 7-15 digits
	}
	for _, tc := range tests {
		t.Run(tc.number, func(t *testing.T) {
			if got := plan.Classify(tc.number); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	if got, want := plan.Holder("+99131234"), "Two, Inc."; got != want {
		t.Errorf("Holder: got %q, want %q", got, want)
	}
}

func TestParsePlanErrors(t *testing.T) {
	tests := []struct {
		name, text, msg string
	}{
		{"unknown type", "7,mobil,11\n", "line 1: unknown type"},
		{"bad prefix", "77,national,11\n7x,mobile\n", "line 2: prefix"},
		{"leading zero", "07,national,11\n", "prefix"},
		{"duplicate", "77,national,11\n# c\n77,national,11\n", "line 3: prefix 77 is already on line 1"},
		{"national without digits", "77,national\n", "needs its digits"},
		{"foreign without digits", "7,foreign,\n", "needs its digits"},
		{"digits too long", "77,national,16\n", "digits"},
		{"digits reversed", "77,national,11-9\n", "digits"},
		{"digits not a number", "77,national,eleven\n", "digits"},
		{"prefix as long as number", "7712,national,4\n", "as long as its numbers"},
		{"unallocated with digits", "77,national,11\n7799,unallocated,11\n", "no digits"},
		{"mobile outside national", "7,foreign,11\n7990,mobile\n", "lies in no national range"},
		{"too many fields", "77,national,11,x,y\n", "fields"},
		{"one field", "77\n", "fields"},
		{"bad quote", "77,\"national,11\n", "line 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := telecom.ParsePlan(strings.NewReader(tc.text))
			if err == nil {
				t.Fatalf("got no error, want one containing %q", tc.msg)
			}
			if code := kuzet.ErrorCode(err); code != kuzet.EINVALID {
				t.Errorf("got code %s, want %s", code, kuzet.EINVALID)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("got %q, want it to contain %q", err, tc.msg)
			}
		})
	}
}

// TestPlanFileIsDefault checks that kz.plan, the file operators copy, is
// what DefaultPlan holds, and that writing a plan reads back the same.
func TestPlanFileIsDefault(t *testing.T) {
	f, err := os.Open("kz.plan")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	plan, err := telecom.ParsePlan(f)
	if err != nil {
		t.Fatalf("ParsePlan(kz.plan): %v", err)
	}
	if got, want := plan.Ranges(), telecom.DefaultPlan().Ranges(); !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	var buf bytes.Buffer
	if _, err := plan.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	again, err := telecom.ParsePlan(&buf)
	if err != nil {
		t.Fatalf("ParsePlan(WriteTo): %v", err)
	}
	if got, want := again.Ranges(), plan.Ranges(); !reflect.DeepEqual(got, want) {
		t.Errorf("round trip: got %v, want %v", got, want)
	}
}

// FuzzParsePlan feeds arbitrary files to the parser: it must answer with a
// plan or an EINVALID error, never panic, and a plan it accepts must survive
// a write and a read unchanged.
func FuzzParsePlan(f *testing.F) {
	seed, err := os.ReadFile("kz.plan")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(seed))
	f.Add("99,national,8\n9912,mobile,,Mobi\n993,geographic,7-8\n9,foreign,9\n999,unallocated\n")
	f.Add("\"77\",national,11,\"a\"\"b\"\n")
	f.Add("77,national,11\n7701,mobile,, x \n")
	f.Fuzz(func(t *testing.T, text string) {
		plan, err := telecom.ParsePlan(strings.NewReader(text))
		if err != nil {
			if code := kuzet.ErrorCode(err); code != kuzet.EINVALID {
				t.Fatalf("got code %s (%v), want %s", code, err, kuzet.EINVALID)
			}
			return
		}
		var buf bytes.Buffer
		if _, err := plan.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		again, err := telecom.ParsePlan(&buf)
		if err != nil {
			t.Fatalf("re-reading %q: %v", buf.String(), err)
		}
		if got, want := again.Ranges(), plan.Ranges(); !reflect.DeepEqual(got, want) {
			t.Fatalf("round trip: got %v, want %v", got, want)
		}
		for _, r := range plan.Ranges() {
			plan.Classify("+" + r.Prefix + "0000000")
		}
	})
}
