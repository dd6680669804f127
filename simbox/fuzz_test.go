package simbox_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/simbox"
)

// checkResult holds what must be true of any result, whatever the input.
func checkResult(t *testing.T, res *simbox.Result) {
	t.Helper()
	st := res.Stats
	if st.Lines != st.Rows+st.BadRows+st.Duplicates {
		t.Fatalf("got %d lines, want rows %d + bad %d + duplicates %d", st.Lines, st.Rows, st.BadRows, st.Duplicates)
	}
	if len(res.Subscribers) != st.Subscribers {
		t.Fatalf("got %d subscribers, want %d", len(res.Subscribers), st.Subscribers)
	}
	for _, s := range res.Subscribers {
		if s.Score < 0 || s.Score > 1 || (s.Verdict != simbox.VerdictSimbox && s.Verdict != simbox.VerdictSuspect && s.Verdict != simbox.VerdictClean) {
			t.Fatalf("got score %v verdict %q", s.Score, s.Verdict)
		}
		if !strings.HasPrefix(s.MSISDN, "+") {
			t.Fatalf("got msisdn %q, want E.164", s.MSISDN)
		}
	}
}

var fuzzRows = []string{
	"MOC,2026-10-05T08:12:44+05:00,77011234567,401011234567890,356741086959128,77021234567,63,1201-34567\n",
	"MTC,2026-10-05T08:12:44Z,+77011234567,,,87021234567,0,\"12,01\"\n",
	"SMS_MT,2026-10-05 08:12:44,87011234567,,,Kaspi.kz,0,1\r\n",
	"DATA,2026-10-05T08:12:44.5-03:00,7011234567,,3567410869591201,,600,x\n",
	"\"MOC\",\"2026-10-05T08:12:44Z\",\"7701 123 45 67\",,,\"+44 20 7946 0123\",\"5\",\"a\"\"b\"\n",
	"FAX,never,hello,,,,-1\n",
}

// boxRows is a small box for the fuzzers to start from: four SIMs at one
// cell calling strangers and a shared list, called by one arranged caller,
// so that grouping and the caller measures run.
func boxRows() string {
	var b strings.Builder
	for s := 0; s < 4; s++ {
		for c := 0; c < 12; c++ {
			callee := fmt.Sprintf("7747%07d", s*100+c)
			if c%3 == 0 {
				callee = fmt.Sprintf("7747999%04d", c)
			}
			fmt.Fprintf(&b, "MOC,2026-10-05T%02d:%02d:00Z,7702000000%d,,35674108%06d1,%s,%d,9-%d\n", 9+c%8, s*10+c, s, s, callee, 30*(c%2), c%2)
		}
		fmt.Fprintf(&b, "MTC,2026-10-05T15:00:00Z,7702000000%d,,,77059990001,60,9-0\n", s)
	}
	return b.String()
}

// FuzzDetectRows feeds arbitrary rows after a valid header.
func FuzzDetectRows(f *testing.F) {
	for _, r := range fuzzRows {
		f.Add([]byte(r))
	}
	f.Add([]byte(strings.Join(fuzzRows, "")))
	f.Add([]byte(boxRows()))
	f.Fuzz(func(t *testing.T, rows []byte) {
		res, err := simbox.Detect(context.Background(), bytes.NewReader(append([]byte(header), rows...)), simbox.Options{Workers: 2})
		if err != nil {
			t.Fatalf("Detect: %v", err)
		}
		checkResult(t, res)
	})
}

// FuzzDetect feeds arbitrary input, header included, plain or gzip.
func FuzzDetect(f *testing.F) {
	f.Add([]byte(header+fuzzRows[0]), false)
	f.Add([]byte("msisdn;record_type;start_time;other_party;duration_s\n77011234567;MOC;2026-10-05T08:12:44Z;77021234567;5\n"), false)
	f.Add([]byte(header+strings.Join(fuzzRows, "")), true)
	f.Add([]byte(""), false)
	f.Fuzz(func(t *testing.T, data []byte, compress bool) {
		if compress {
			var b bytes.Buffer
			w := gzip.NewWriter(&b)
			w.Write(data)
			w.Close()
			data = b.Bytes()[:len(b.Bytes())-len(data)%7] // sometimes cut short
		}
		res, err := simbox.Detect(context.Background(), bytes.NewReader(data), simbox.Options{})
		if res == nil {
			if err == nil {
				t.Fatal("got no result and no error")
			}
			return
		}
		if err != nil && !res.Partial {
			t.Fatalf("got error %v with a result not marked partial", err)
		}
		checkResult(t, res)
	})
}

// FuzzParseTime checks the hand-written parser against time.Parse.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2026-10-05T08:12:44Z", "2026-10-05T08:12:44.123456789+05:00", "2024-02-29T00:00:00-12:00", "2026-10-05 08:12:44", "9999-12-31T23:59:59Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		unix, off, ok := simbox.ParseTime([]byte(s))
		// time.Parse also takes one-digit hours and a few other liberties
		// RFC 3339 does not: compare on the strict layout only.
		strict := len(s) >= 20 && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[17:19] != "60"
		if n := len(s); strict && n >= 25 && (s[n-6] == '+' || s[n-6] == '-') {
			strict = s[n-5:n-3] < "24" && s[n-2:] < "60"
		}
		if want, err := time.Parse(time.RFC3339Nano, s); err == nil && strict && want.Year() >= 1970 {
			if !ok || unix != want.Unix() {
				t.Fatalf("%q: got %d ok=%v, want %d", s, unix, ok, want.Unix())
			}
			if _, wantOff := want.Zone(); int(off)*60 != wantOff {
				t.Fatalf("%q: got offset %d min, want %d s", s, off, wantOff)
			}
		}
		if ok {
			tm := time.Unix(unix+int64(off)*60, 0).UTC()
			if got := tm.Format("2006-01-02"); got != s[:10] {
				t.Fatalf("%q: got local date %s, want %s", s, got, s[:10])
			}
		}
	})
}

// FuzzNormalizeNumber checks that any input is safe and that the Kazakh
// forms agree with ident.FastE164.
func FuzzNormalizeNumber(f *testing.F) {
	for _, s := range []string{"77011234567", "+77011234567", "87011234567", "8 (701) 123-45-67", "0044 20 7946 0123", "810998901234567", "102", "Kaspi.kz", "+"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := simbox.NormalizeNumber(s)
		if want, ok := ident.FastE164(s); ok && got != want {
			t.Fatalf("%q: got %q, want %q", s, got, want)
		}
		if got == "" || got == "other" {
			return
		}
		if len(got) < 8 || len(got) > 16 || got[0] != '+' || got[1] == '0' {
			t.Fatalf("%q: got %q, want + and 7 to 15 digits", s, got)
		}
		for _, c := range got[1:] {
			if c < '0' || c > '9' {
				t.Fatalf("%q: got %q, want digits", s, got)
			}
		}
	})
}

// FuzzSplitFields checks the CSV splitter on any line.
func FuzzSplitFields(f *testing.F) {
	f.Add([]byte(`a,"b,""c""",d`), 3)
	f.Fuzz(func(t *testing.T, line []byte, max int) {
		max = max%20 + 1
		if max < 1 {
			max = 1
		}
		n := len(line)
		fields := simbox.SplitFields(line, ',', nil, max)
		total := 0
		for _, f := range fields {
			total += len(f)
		}
		if len(fields) == 0 || len(fields) > max || total > n {
			t.Fatalf("got %d fields of %d bytes from %d bytes (max %d)", len(fields), total, n, max)
		}
	})
}
