package main

import (
	"bufio"
	"context"
	"regexp"
	"strings"
	"testing"
)

// TestBenchPaymentsRatio: both servers answer every check 200 and the run
// reports a ratio.
func TestBenchPaymentsRatio(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server")
	}
	env, out, errb := testEnv()
	if code := run(context.Background(), env, []string{"bench", "payments-ratio", "--indicators", "100", "--payers", "50",
		"--rounds", "1", "--duration", "300ms", "--conns", "2"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	for _, want := range []string{`round 1 kuzet +[1-9][0-9]* answered 200 in [^,]*, 0 other`,
		`round 1 bare +[1-9][0-9]* answered 200 in [^,]*, 0 other`, `ratio kuzet/bare: [0-9.]+ overall`} {
		if !regexp.MustCompile(want).MatchString(out.String()) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestReadRawResponse(t *testing.T) {
	for _, c := range []struct {
		in     string
		status int
		keep   bool
		fail   bool
	}{
		{"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcHTTP", 200, true, false},
		{"HTTP/1.1 429 Too Many\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 429, false, false},
		{"HTTP/1.1 200 OK\r\n\r\n", 0, false, true},
		{"HTTP/1.1 2x0 OK\r\n\r\n", 0, false, true},
		{"junk\n", 0, false, true},
	} {
		status, keep, err := readRawResponse(bufio.NewReader(strings.NewReader(c.in)))
		if (err != nil) != c.fail || !c.fail && (status != c.status || keep != c.keep) {
			t.Errorf("%q: got %d %v %v", c.in, status, keep, err)
		}
	}
}
