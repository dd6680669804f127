package httpapi

// The call decoder is tested from inside the package: its contract is to
// mean what encoding/json means, which is checked by comparing the two on
// arbitrary input.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/telecom"
)

func TestDecodeCalls(t *testing.T) {
	at := "2025-03-14T09:26:53.589Z"
	for _, tc := range []struct {
		name    string
		body    string
		want    []telecom.Call
		itemErr map[int]string // item → field of its error
		err     string         // field of the request's error, "-" for one without a field
	}{
		{"one call", `{"calls":[{"a":"+77011234567","b":"+77021234567","at":"` + at + `","call_id":"c1","ingress":"domestic"}]}`,
			[]telecom.Call{{A: "+77011234567", B: "+77021234567", At: time.Date(2025, 3, 14, 9, 26, 53, 589e6, time.UTC),
				CallID: "c1", Ingress: kuzet.IngressDomestic, OrgID: 7}}, nil, ""},
		{"a forwarded call", `{"calls":[{"a":"+77011234567","b":"+77021234567","redirected_from":"+77011112222"}]}`,
			[]telecom.Call{{A: "+77011234567", B: "+77021234567", RedirectedFrom: "+77011112222", OrgID: 7}}, nil, ""},
		{"redirected_from of the wrong type", `{"calls":[{"redirected_from":7}]}`,
			[]telecom.Call{{OrgID: 7}}, map[int]string{0: "redirected_from"}, ""},
		{"white space and escapes", " {\n \"calls\" : [ { \"a\" : \"+7701\\u00312\" , \"b\":null } ] } \n",
			[]telecom.Call{{A: "+770112", OrgID: 7}}, nil, ""},
		{"non-ASCII text", `{"calls":[{"call_id":"қоңырау"}]}`, []telecom.Call{{CallID: "қоңырау", OrgID: 7}}, nil, ""},
		{"time with an offset", `{"calls":[{"at":"2025-03-14T14:26:53+05:00"}]}`,
			[]telecom.Call{{At: time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC), OrgID: 7}}, nil, ""},
		{"bad items answer alone", `{"calls":[{"a":1},{"at":"x"},{"z":{"deep":[1,{"e":-0.5e-3}]}},"x",null,{"a":"+7"}]}`,
			[]telecom.Call{{OrgID: 7}, {OrgID: 7}, {OrgID: 7}, {OrgID: 7}, {OrgID: 7}, {A: "+7", OrgID: 7}},
			map[int]string{0: "a", 1: "at", 2: "z", 3: "", 4: ""}, ""},
		{"empty", `{"calls":[]}`, nil, nil, ""},
		{"null calls", `{"calls":null}`, nil, nil, ""},
		{"no body", ``, nil, nil, "-"},
		{"top level array", `[]`, nil, nil, "-"},
		{"unknown top field", `{"calls":[],"more":1}`, nil, nil, "more"},
		{"field names are exact", `{"Calls":[]}`, nil, nil, "Calls"},
		{"calls of the wrong type", `{"calls":{}}`, nil, nil, "calls"},
		{"trailing comma", `{"calls":[{"a":"+7"},]}`, nil, nil, "-"},
		{"unterminated string", `{"calls":[{"a":"+7`, nil, nil, "-"},
		{"bad escape", `{"calls":[{"a":"\q"}]}`, nil, nil, "-"},
		{"control character", "{\"calls\":[{\"a\":\"\x01\"}]}", nil, nil, "-"},
		{"bad number", `{"calls":[{"a":01}]}`, nil, nil, "-"},
		{"trailing data", `{"calls":[]}x`, nil, nil, "-"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls, errs, err := decodeCalls(tc.body, true, 7, nil)
			if tc.err != "" {
				if err == nil || kuzet.ErrorCode(err) != kuzet.EINVALID {
					t.Fatalf("got %v, want an invalid request", err)
				}
				if f := kuzet.ErrorFields(err); tc.err != "-" && (len(f) == 0 || f[0].Field != tc.err) {
					t.Errorf("got fields %v, want %s", f, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("got %v, want no error", err)
			}
			for i := range calls {
				calls[i].At = calls[i].At.UTC() // compared by the instant
			}
			if fmt.Sprint(calls) != fmt.Sprint(tc.want) {
				t.Errorf("got calls %+v, want %+v", calls, tc.want)
			}
			for i := range calls {
				var e error
				if errs != nil {
					e = errs[i]
				}
				want, bad := tc.itemErr[i]
				switch {
				case bad && e == nil:
					t.Errorf("item %d: got no error, want one naming %q", i, want)
				case !bad && e != nil:
					t.Errorf("item %d: got %v, want none", i, e)
				case bad && want != "" && (len(kuzet.ErrorFields(e)) == 0 || kuzet.ErrorFields(e)[0].Field != want):
					t.Errorf("item %d: got %v, want field %s", i, kuzet.ErrorFields(e), want)
				}
			}
		})
	}
}

func TestDecodeCallsBatchLimit(t *testing.T) {
	body := `{"calls":[` + strings.Repeat(`{},`, MaxBatch) + `{}]}`
	if _, _, err := decodeCalls(body, false, 1, nil); err == nil || kuzet.ErrorFields(err)[0].Field != "calls" {
		t.Errorf("over the limit: got %v, want an error naming calls", err)
	}
	body = `{"calls":[` + strings.Repeat(`{},`, MaxBatch-1) + `{}]}`
	if calls, _, err := decodeCalls(body, false, 1, nil); err != nil || len(calls) != MaxBatch {
		t.Errorf("at the limit: got %d calls, %v, want %d", len(calls), err, MaxBatch)
	}
}

// FuzzDecodeCalls checks the decoder against encoding/json: it accepts the
// requests encoding/json reads as a batch, rejects the others, and reads
// every item it does not reject as encoding/json does.
func FuzzDecodeCalls(f *testing.F) {
	f.Add(`{"calls":[{"a":"+77011234567","b":"+77021234567","at":"2025-03-14T09:26:53.589Z","call_id":"c1","ingress":"domestic"}]}`)
	f.Add(`{"calls":[{"a":"\u0041\ud83d\ude00\ud800","b":"\u00e9é\xff","at":null},null,1,{"q":[]}]}`)
	f.Add(`{"calls":[{"at":"2025-03-14T09:26:53,5+05:30"},{"at":"2025-02-29T00:00:00Z"}]}`)
	f.Add(` {"calls":null,"calls":[{}]} `)
	f.Add(`{"calls":[{"a":"+77011234567","b":"+77021234567","redirected_from":"+77011112222","ingress":"domestic"}]}`)
	f.Add(`{"calls":[{"a":"+77011234567","b":"+77021234567","identity":"eyJhbGciOiJFUzI1NiJ9.e30.c2ln;info=<https://x>"}]}`)
	f.Fuzz(func(t *testing.T, body string) {
		calls, errs, err := decodeCalls(body, true, 1, nil)
		var top map[string]json.RawMessage
		batch := json.Valid([]byte(body)) && json.Unmarshal([]byte(body), &top) == nil && top != nil
		var items []json.RawMessage
		if batch {
			for k, v := range top {
				if k != "calls" || json.Unmarshal(v, &items) != nil {
					batch = false
				}
			}
			batch = batch && len(items) <= MaxBatch && !deeper([]byte(body), 1000)
		}
		if batch != (err == nil) {
			t.Fatalf("decoder error %v, but encoding/json reads a batch: %v", err, batch)
		}
		if err != nil {
			return
		}
		if len(calls) != len(items) {
			t.Fatalf("got %d calls, encoding/json %d", len(calls), len(items))
		}
		for i, raw := range items {
			if errs != nil && errs[i] != nil {
				continue
			}
			var want struct {
				A, B, At, Ingress string
				CallID            string `json:"call_id"`
				RedirectedFrom    string `json:"redirected_from"`
				Identity          string `json:"identity"`
			}
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&want); err != nil || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
				t.Fatalf("item %d: decoder took %s, encoding/json refuses it: %v", i, raw, err)
			}
			c := calls[i]
			if c.A != want.A || c.B != want.B || c.CallID != want.CallID || string(c.Ingress) != want.Ingress ||
				c.RedirectedFrom != want.RedirectedFrom || c.Identity != want.Identity {
				t.Fatalf("item %d: got %+v, encoding/json %+v", i, c, want)
			}
			if want.At != "" {
				at, perr := time.Parse(time.RFC3339Nano, want.At)
				if perr != nil || !at.Equal(c.At) {
					t.Fatalf("item %d: got at %v, time.Parse %v %v", i, c.At, at, perr)
				}
			}
		}
	})
}

// deeper reports whether JSON text nests beyond n; the fuzz test leaves
// such input to the depth limits, which differ.
func deeper(b []byte, n int) bool {
	depth := 0
	for _, c := range b {
		switch c {
		case '[', '{':
			if depth++; depth > n {
				return true
			}
		case ']', '}':
			depth--
		}
	}
	return false
}

// FuzzParseTime checks the hand-written fast path against time.Parse.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2025-03-14T09:26:53.589Z", "2025-03-14T09:26:53Z", "2024-02-29T23:59:59.999999999Z",
		"2025-02-29T00:00:00Z", "2025-03-14T24:00:00Z", "2025-03-14T09:26:53.Z", "2025-03-14T09:26:53.1234567890Z",
		"2025-03-14T09:26:53+05:00", "0000-01-01T00:00:00Z", "2025-3-14T09:26:53Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, gotErr := parseTime(s)
		want, wantErr := time.Parse(time.RFC3339Nano, s)
		if (gotErr == nil) != (wantErr == nil) || !got.Equal(want) || got.Location().String() != want.Location().String() {
			t.Fatalf("parseTime(%q) = %v, %v; time.Parse: %v, %v", s, got, gotErr, want, wantErr)
		}
	})
}

// BenchmarkDecodeCalls measures the decoding of a batch of 1,000 calls.
func BenchmarkDecodeCalls(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"calls":[`)
	for i := range 1000 {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `{"a":"+7701%07d","b":"+7702%07d","at":"2025-03-14T09:26:53.589Z","call_id":"t1-%d","ingress":"domestic"}`, i, i, i)
	}
	sb.WriteString("]}")
	body := sb.String()
	var mem []telecom.Call
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		calls, _, err := decodeCalls(body, true, 1, mem)
		if err != nil {
			b.Fatal(err)
		}
		mem = calls
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*1000), "ns/call")
}
