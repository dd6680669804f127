package simbox_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/simbox"
)

const header = "record_type,start_time,msisdn,imsi,imei,other_party,duration_s,cell_id\n"

func detect(t *testing.T, input string, opts simbox.Options) (*simbox.Result, error) {
	t.Helper()
	return simbox.Detect(context.Background(), strings.NewReader(input), opts)
}

func mustDetect(t *testing.T, input string, opts simbox.Options) *simbox.Result {
	t.Helper()
	res, err := detect(t, input, opts)
	if err != nil {
		t.Fatalf("Detect: %v", err)
	}
	return res
}

func TestNormalizeNumber(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"77011234567", "+77011234567"},
		{"+77011234567", "+77011234567"},
		{"87011234567", "+77011234567"},
		{"7011234567", "+77011234567"},
		{"+7 (701) 123-45-67", "+77011234567"},
		{"8 701 123 45 67", "+77011234567"},
		{"79161234567", "+79161234567"},
		{"89161234567", "+79161234567"},
		{"0044207946000", "+44207946000"},
		{"81044207946000", "+44207946000"},
		{"998901234567", "+998901234567"},
		{"+998901234567", "+998901234567"},
		{"102", "other"},
		{"Kaspi.kz", "other"},
		{"", ""},
		{"abc!", ""},
		{"+0123456789", ""},
		{"+12", ""},
		{"7701123456789012", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := simbox.NormalizeNumber(tc.in); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestNormalizeNumberAgreesWithIdent keeps the fast path to the exchange's
// one definition of a phone number.
func TestNormalizeNumberAgreesWithIdent(t *testing.T) {
	for _, in := range []string{
		"77011234567", "+77011234567", "87011234567", "7011234567", "77771234567", "87272585965",
		"79161234567", "89161234567", "+79161234567", "00442079460123", "+442079460123", "998901234567",
		"+998901234567", "0079161234567", "8 (701) 123 45 67",
	} {
		ind, err := ident.ParsePhone(in, "KZ")
		if err != nil {
			t.Fatalf("ident.ParsePhone(%q): %v", in, err)
		}
		if got := simbox.NormalizeNumber(in); got != ind.Value {
			t.Errorf("%q: got %q, want %q (ident)", in, got, ind.Value)
		}
	}
}

func TestParseTime(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // RFC 3339 of the instant; "" if invalid
		off  int16
	}{
		{"2026-10-05T08:12:44Z", "2026-10-05T08:12:44Z", 0},
		{"2026-10-05T08:12:44+05:00", "2026-10-05T03:12:44Z", 300},
		{"2026-10-05T08:12:44.250+05:00", "2026-10-05T03:12:44Z", 300},
		{"2026-10-05T08:12:44-03:30", "2026-10-05T11:42:44Z", -210},
		{"2026-10-05 08:12:44+0500", "2026-10-05T03:12:44Z", 300},
		{"2026-10-05T08:12:44", "2026-10-05T08:12:44Z", 0},
		{"2024-02-29T23:59:60Z", "2024-02-29T23:59:59Z", 0},
		{"1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z", 0},
		{"2025-02-29T00:00:00Z", "", 0},
		{"2026-13-05T08:12:44Z", "", 0},
		{"2026-10-05T24:00:00Z", "", 0},
		{"2026-10-05T08:12:44+5:00", "", 0},
		{"2026-10-05T08:12:44.Z", "", 0},
		{"2026-10-05", "", 0},
		{"yesterday", "", 0},
		{"1969-12-31T23:59:59Z", "", 0},
	} {
		t.Run(tc.in, func(t *testing.T) {
			unix, off, ok := simbox.ParseTime([]byte(tc.in))
			if tc.want == "" {
				if ok {
					t.Errorf("got ok for %q, want invalid", tc.in)
				}
				return
			}
			if !ok {
				t.Fatalf("got invalid, want %s", tc.want)
			}
			if got := time.Unix(unix, 0).UTC().Format(time.RFC3339); got != tc.want || off != tc.off {
				t.Errorf("got %s offset %d, want %s offset %d", got, off, tc.want, tc.off)
			}
		})
	}
}

func TestIMEI(t *testing.T) {
	const imei = "356741086959128" // a valid 15-digit IMEI
	ind, err := ident.ParseIMEI(imei)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{imei, true},
		{imei[:14], true},
		{imei[:14] + "01", true}, // IMEISV
		{"000000000000000", false},
		{"35674108695912", true},
		{"3567410869591", false},
		{"35674108695912A", false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			k, ok := simbox.ParseIMEI([]byte(tc.in))
			if ok != tc.ok {
				t.Fatalf("got ok %v, want %v", ok, tc.ok)
			}
			if ok {
				if got := simbox.FormatIMEI(k); got != ind.Value {
					t.Errorf("got %s, want %s (ident)", got, ind.Value)
				}
			}
		})
	}
}

func TestSplitFields(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"a,b,c", []string{"a", "b", "c"}},
		{"a,,c,", []string{"a", "", "c", ""}},
		{`"a,b",c`, []string{"a,b", "c"}},
		{`"say ""hi""",x`, []string{`say "hi"`, "x"}},
		{`a"b,c`, []string{`a"b`, "c"}},
		{`"open,x`, []string{"open,x"}},
		{"", []string{""}},
	} {
		t.Run(tc.in, func(t *testing.T) {
			var got []string
			for _, f := range simbox.SplitFields([]byte(tc.in), ',', nil, 100) {
				got = append(got, string(f))
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseMap(t *testing.T) {
	m, err := simbox.ParseMap("start_time=CALL_START, msisdn = A_NUMBER")
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"start_time": "CALL_START", "msisdn": "A_NUMBER"}; !reflect.DeepEqual(m, want) {
		t.Errorf("got %v, want %v", m, want)
	}
	for _, bad := range []string{"start_time", "nope=X", "msisdn=A,msisdn=B", "=X"} {
		t.Run(bad, func(t *testing.T) {
			if _, err := simbox.ParseMap(bad); kuzet.ErrorCode(err) != kuzet.EINVALID {
				t.Errorf("got %v, want EINVALID", err)
			}
		})
	}
}

func TestDetectHeaderErrors(t *testing.T) {
	for _, tc := range []struct {
		name, input string
		opts        simbox.Options
		want        []string // in the message
	}{
		{"empty", "", simbox.Options{}, []string{"header row is required"}},
		{"no header", "MOC,2026-10-05T08:12:44Z,77011234567,,,77021234567,5,1-1\n", simbox.Options{}, []string{"no header row"}},
		{"missing columns", "record_type,when,msisdn,imei\n", simbox.Options{}, []string{"start_time", "other_party", "duration_s"}},
		{"duplicate column", "record_type,start_time,msisdn,msisdn,other_party,duration_s\n", simbox.Options{}, []string{"twice"}},
		{"mapped column missing", header, simbox.Options{Map: map[string]string{"msisdn": "A_NUMBER"}}, []string{"msisdn (mapped to A_NUMBER)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := detect(t, tc.input, tc.opts)
			if res != nil || kuzet.ErrorCode(err) != kuzet.EINVALID {
				t.Fatalf("got %v, %v; want no result and EINVALID", res, err)
			}
			for _, w := range tc.want {
				if !strings.Contains(kuzet.ErrorMessage(err), w) {
					t.Errorf("got message %q, want it to mention %q", kuzet.ErrorMessage(err), w)
				}
			}
		})
	}
}

func TestDetectColumnsAndForms(t *testing.T) {
	rows := []string{
		"MOC,2026-10-05T08:12:44+05:00,77011234567,401011234567890,356741086959128,77021234567,63,1201-34567",
		"MOC,2026-10-05T08:20:00+05:00,+77011234567,,,87021234567,10,1201-34567",
		"MTC,2026-10-05T09:00:00+05:00,87011234567,,,+77021234567,30,1201-34567",
		"SMS_MT,2026-10-05T09:00:00+05:00,77011234567,,,Kaspi.kz,0,1201-34567",
		"DATA,2026-10-05T09:30:00+05:00,77011234567,,,,600,1201-34568",
	}
	canonical := header + strings.Join(rows, "\n") + "\n"
	// The same rows with other column names, another order, an extra
	// column, quoted fields, CRLF line ends and a BOM.
	var other strings.Builder
	other.WriteString("\xef\xbb\xbfCELL;EXTRA;A_NUMBER;TYPE;CALL_START;B_NUMBER;DUR;IMEI\r\n")
	for _, r := range rows {
		f := strings.Split(r, ",")
		fmt.Fprintf(&other, "%s;\"x;y\";\"%s\";%s;%s;%s;%s;%s\r\n", f[7], f[2], f[0], f[1], f[5], f[6], f[4])
	}
	m, err := simbox.ParseMap("record_type=TYPE,start_time=CALL_START,msisdn=A_NUMBER,other_party=B_NUMBER,duration_s=DUR,cell_id=CELL,imei=IMEI")
	if err != nil {
		t.Fatal(err)
	}
	a := mustDetect(t, canonical, simbox.Options{})
	b := mustDetect(t, other.String(), simbox.Options{Map: m})
	for _, res := range []*simbox.Result{a, b} {
		if res.Stats.Rows != 5 || res.Stats.BadRows != 0 || res.Stats.Subscribers != 1 {
			t.Fatalf("got %+v, want 5 rows, no bad rows, 1 subscriber", res.Stats)
		}
		s := res.Subscribers[0]
		if s.MSISDN != "+77011234567" || s.Features.CallsOut != 2 || s.Features.CallsIn != 1 || s.Features.DistinctCallees != 1 ||
			s.Features.SMSIn != 1 || s.Features.DataSessions != 1 || s.Features.Cells != 2 || s.Features.CallbackShare != 1 {
			t.Errorf("got %s %+v", s.MSISDN, s.Features)
		}
		if want := []string{"356741086959128"}; !reflect.DeepEqual(s.IMEIs, want) {
			t.Errorf("got IMEIs %v, want %v", s.IMEIs, want)
		}
		if want := []string{"1201-34567", "1201-34568"}; !reflect.DeepEqual(s.Cells, want) {
			t.Errorf("got cells %v, want %v", s.Cells, want)
		}
	}
	if !reflect.DeepEqual(a.Subscribers, b.Subscribers) {
		t.Errorf("got %+v\nwant %+v", b.Subscribers, a.Subscribers)
	}
}

func TestDetectBadRows(t *testing.T) {
	input := header +
		"MOC,2026-10-05T08:12:44Z,77011234567,,,77021234567,5,1-1\n" + // line 2: good
		"FAX,2026-10-05T08:12:44Z,77011234567,,,77021234567,5,1-1\n" + // 3: record type
		"MOC,yesterday,77011234567,,,77021234567,5,1-1\n" + // 4: time
		"MOC,2026-10-05T08:12:44Z,hello,,,77021234567,5,1-1\n" + // 5: msisdn
		"MOC,2026-10-05T08:12:44Z,77011234567,,,,5,1-1\n" + // 6: other party
		"MOC,2026-10-05T08:12:44Z,77011234567,,,77021234567,-5,1-1\n" + // 7: duration
		"MOC,2026-10-05T08:12:44Z\n" + // 8: short row
		"\n" + // 9: blank, skipped
		"MTC,2026-10-05T08:13:44Z,77011234567,,12,,5,1-1\n" // 10: good: hidden caller, bad IMEI kept
	res := mustDetect(t, input, simbox.Options{MaxBadExamples: 3})
	if res.Stats.Lines != 8 || res.Stats.Rows != 2 || res.Stats.BadRows != 6 || res.Stats.InvalidIMEI != 1 {
		t.Errorf("got %+v, want 8 lines, 2 rows, 6 bad, 1 invalid IMEI", res.Stats)
	}
	var lines []int64
	for _, b := range res.BadRows {
		lines = append(lines, b.Line)
	}
	if want := []int64{3, 4, 5}; !reflect.DeepEqual(lines, want) {
		t.Errorf("got bad-row lines %v, want %v", lines, want)
	}
	if !strings.Contains(res.BadRows[1].Reason, "start_time") || !strings.HasPrefix(res.BadRows[1].Text, "MOC,yesterday") {
		t.Errorf("got %+v, want a start_time reason with the row", res.BadRows[1])
	}
	all := mustDetect(t, input, simbox.Options{MaxBadExamples: 100})
	reasons := ""
	for _, b := range all.BadRows {
		reasons += b.Reason + "\n"
	}
	for _, w := range []string{"record_type", "start_time", "msisdn", "other_party", "duration_s", "fields"} {
		if !strings.Contains(reasons, w) {
			t.Errorf("got reasons %q, want one naming %q", reasons, w)
		}
	}
}

func TestDetectLongLine(t *testing.T) {
	input := header + "MOC,2026-10-05T08:12:44Z,77011234567,,,77021234567,5," + strings.Repeat("x", 3<<20) + "\n" +
		"MOC,2026-10-05T08:12:45Z,77011234567,,,77021234567,5,1-1\n"
	res := mustDetect(t, input, simbox.Options{})
	if res.Stats.BadRows != 1 || res.Stats.Rows != 1 {
		t.Fatalf("got %+v, want 1 bad row and 1 row", res.Stats)
	}
	if res.BadRows[0].Line != 2 || !strings.Contains(res.BadRows[0].Reason, "longer") {
		t.Errorf("got %+v, want line 2 too long", res.BadRows[0])
	}
}

func TestDetectDuplicatesAndOrder(t *testing.T) {
	row1 := "MOC,2026-10-05T08:12:44Z,77011234567,,,77021234567,5,1-1\n"
	row2 := "MOC,2026-10-05T07:12:44Z,77011234567,,,77031234567,5,1-1\n"
	res := mustDetect(t, header+row1+row1+row2, simbox.Options{})
	if res.Stats.Duplicates != 1 || res.Stats.Rows != 2 || res.Stats.OutOfOrder != 1 {
		t.Errorf("got %+v, want 1 duplicate, 2 rows, 1 out of order", res.Stats)
	}
	s := res.Subscribers[0]
	if got, want := s.FirstSeen.Format(time.RFC3339), "2026-10-05T07:12:44Z"; got != want {
		t.Errorf("got first seen %s, want %s", got, want)
	}
}

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// manyRows is an extract big enough to span several chunks.
func manyRows(n int) string {
	var b strings.Builder
	b.WriteString(header)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "MOC,2026-10-05T%02d:%02d:%02dZ,7701%07d,,,7702%07d,%d,1-%d\n", i/3600%24, i/60%60, i%60, i%5000, i, i%300, i%97)
	}
	return b.String()
}

func TestDetectGzip(t *testing.T) {
	plain := manyRows(60000)
	a := mustDetect(t, plain, simbox.Options{})
	b, err := simbox.Detect(context.Background(), bytes.NewReader(gz(t, plain)), simbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !b.Stats.Gzip || b.Stats.Rows != a.Stats.Rows || b.Stats.Rows != 60000 {
		t.Errorf("got %+v, want gzip and %d rows", b.Stats, a.Stats.Rows)
	}

	data := gz(t, plain)
	cut := data[:len(data)/2]
	res, err := simbox.Detect(context.Background(), bytes.NewReader(cut), simbox.Options{})
	if kuzet.ErrorCode(err) != kuzet.EINVALID || !strings.Contains(kuzet.ErrorMessage(err), "truncated") {
		t.Fatalf("got %v, want EINVALID truncated", err)
	}
	if res == nil || !res.Partial || res.Fault == "" {
		t.Fatalf("got %+v, want a partial result", res)
	}
	if res.Stats.Rows == 0 || res.Stats.Rows >= 60000 || res.Stats.BadRows != 0 {
		t.Errorf("got %+v, want some rows and no bad row from the cut", res.Stats)
	}
}

// failingReader fails after n bytes.
type failingReader struct {
	data []byte
	n    int
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errors.New("disk on fire")
	}
	n := copy(p, f.data[:min(len(f.data), f.n, len(p))])
	f.data, f.n = f.data[n:], f.n-n
	return n, nil
}

func TestDetectReadFault(t *testing.T) {
	plain := manyRows(60000)
	res, err := simbox.Detect(context.Background(), &failingReader{data: []byte(plain), n: len(plain) / 2}, simbox.Options{})
	if err == nil || kuzet.ErrorCode(err) != kuzet.EINTERNAL || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("got %v, want the read error", err)
	}
	if res == nil || !res.Partial || res.Stats.Rows == 0 || res.Stats.BadRows != 0 {
		t.Fatalf("got %+v, want a partial result without a cut-off bad row", res)
	}
}

func TestDetectProgressAndCancel(t *testing.T) {
	plain := manyRows(60000)
	var phases []string
	var last int64
	res := mustDetect(t, plain, simbox.Options{Size: int64(len(plain)), Progress: func(p simbox.Progress) {
		if p.Bytes < last {
			t.Errorf("got bytes %d after %d, want them growing", p.Bytes, last)
		}
		last = p.Bytes
		if len(phases) == 0 || phases[len(phases)-1] != p.Phase {
			phases = append(phases, p.Phase)
		}
	}})
	if want := []string{"reading", "scoring", "done"}; !reflect.DeepEqual(phases, want) || last != int64(len(plain)) || res.Stats.Bytes != last {
		t.Errorf("got phases %v and %d bytes, want %v and %d", phases, last, want, len(plain))
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if res, err := simbox.Detect(ctx, strings.NewReader(plain), simbox.Options{}); res != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, %v; want no result and context.Canceled", res, err)
	}
}

// TestDetectDeterministic runs the same extract with different numbers of
// workers: each SIM's rows reach its shard in file order, so the results
// must not differ.
func TestDetectDeterministic(t *testing.T) {
	_, res1 := runSimOpts(t, 1500, 1)
	_, res3 := runSimOpts(t, 1500, 3)
	if !reflect.DeepEqual(res1.Subscribers, res3.Subscribers) || !reflect.DeepEqual(res1.Devices, res3.Devices) {
		t.Error("got different results with 1 and 3 workers, want the same")
	}
}

func TestWriteSuspects(t *testing.T) {
	subs := []simbox.Subscriber{
		{MSISDN: "+77011234567", Score: 0.98, Verdict: simbox.VerdictSimbox, Reasons: []string{"no_callbacks", "fan_out"}, DeviceID: "dev-1", IMEIs: []string{"356741086959128"},
			Evidence: []simbox.Term{{Code: "arranged_callers", Weight: 2}, {Code: "sms_use", Weight: -0.4}}},
		{MSISDN: "+77011234568", Score: 0.6, Verdict: simbox.VerdictSuspect},
		{MSISDN: "+77011234569", Score: 0.01, Verdict: simbox.VerdictClean},
	}
	for _, tc := range []struct {
		min  simbox.Verdict
		rows int
	}{{simbox.VerdictClean, 3}, {simbox.VerdictSuspect, 2}, {simbox.VerdictSimbox, 1}} {
		t.Run(string(tc.min), func(t *testing.T) {
			var b strings.Builder
			if err := simbox.WriteSuspects(&b, subs, tc.min); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(b.String()), "\n")
			if len(lines) != tc.rows+1 || !strings.HasPrefix(lines[0], "msisdn,score,verdict,reasons,device_id,imeis,cells,first_seen,last_seen") {
				t.Fatalf("got %q, want a header and %d rows", b.String(), tc.rows)
			}
			if !strings.HasPrefix(lines[1], "+77011234567,0.980,simbox,no_callbacks;fan_out,dev-1,356741086959128,") {
				t.Errorf("got row %q", lines[1])
			}
			rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			col := slices.Index(rows[0], "evidence")
			if len(rows[0]) != len(simbox.SuspectColumns) || col < 0 || rows[1][col] != "arranged_callers:+2.00;sms_use:-0.40" {
				t.Errorf("got header %v and evidence %q, want every column and arranged_callers:+2.00;sms_use:-0.40", rows[0], rows[1][col])
			}
		})
	}
}

func TestDetectCorruptGzip(t *testing.T) {
	data := gz(t, manyRows(30000))
	bad := append([]byte(nil), data...)
	for i := len(bad) / 2; i < len(bad)/2+64; i++ {
		bad[i] ^= 0x5a
	}
	res, err := simbox.Detect(context.Background(), bytes.NewReader(bad), simbox.Options{})
	if kuzet.ErrorCode(err) != kuzet.EINVALID || res == nil || !res.Partial {
		t.Fatalf("got %v (result %v), want EINVALID and a partial result", err, res != nil)
	}
}

// TestHeaderErrorsQuoteNothing checks that a file that is not a CDR
// extract is refused without its first line, which may be anything (a
// document sent by mistake, subscribers' numbers), being quoted back.
func TestHeaderErrorsQuoteNothing(t *testing.T) {
	for _, text := range []string{
		"login=admin;password=hunter2\nmore\n",
		"+77011234567,+77021234567,2026-10-05T10:00:00+05:00,60\n",
	} {
		_, err := simbox.Detect(context.Background(), strings.NewReader(text), simbox.Options{})
		if err == nil {
			t.Fatalf("%q: got no error", text)
		}
		for _, secret := range []string{"hunter2", "+77011234567", "admin"} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error %q quotes the upload", err)
			}
		}
	}
}
