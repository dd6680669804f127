package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/internal/proccpu"
)

// runBenchPaymentsRatio drives kuzet's payment check and a bare net/http
// server that only decodes the same JSON and answers a fixed decision,
// alike and alternately in one run, and reports the ratio of their
// saturated throughputs.
func runBenchPaymentsRatio(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "bench payments-ratio", "bench payments-ratio [--url URL --key KEY[,KEY…]] [--bare-url URL] [--rounds N] [--duration D] [--conns N]",
		"Saturates POST /v1/payments/check of kuzet and of a bare net/http server (encoding/json into\n"+
			"kuzet.PaymentCheck, then a fixed decision) with the same bodies from --conns keep-alive\n"+
			"connections each sending its next request as soon as the last is answered, alternating the\n"+
			"two servers for --rounds rounds of --duration each, and prints each round's checks/s and the\n"+
			"ratio kuzet/bare. The load generator writes prepared HTTP/1.1 requests on raw connections\n"+
			"and reads the answers' status and length only, so that it takes little of the machine.\n"+
			"Without --url kuzet runs in this process (SQLite in a temporary directory, three banks,\n"+
			"--indicators mule accounts); without --bare-url so does the bare server. 'kuzet bench bare\n"+
			"--addr A' serves the bare server alone, to run it as its own process beside 'kuzet serve'.")
	url := fs.String("url", "", "base `URL` of a running kuzet; an in-process server when empty")
	keys := fs.String("key", "", "API `keys` of banks for --url, comma-separated")
	bareURL := fs.String("bare-url", "", "base `URL` of a running bare server ('kuzet bench bare'); in-process when empty")
	n := fs.Int("indicators", 100_000, "mule accounts to seed the in-process server's registry with")
	payers := fs.Int("payers", 100_000, "distinct payers in the bodies")
	rounds := fs.Int("rounds", 3, "rounds, each of kuzet then the bare server")
	dur := fs.Duration("duration", 5*time.Second, "how long each server is saturated a round")
	conns := fs.Int("conns", 16, "connections, each with one request in flight")
	profile := fs.String("cpuprofile", "", "write a CPU profile of this process during kuzet's first round to `file`")
	bareProfile := fs.String("bare-cpuprofile", "", "write a CPU profile of this process during the bare server's first round to `file`")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if *rounds <= 0 || *dur <= 0 || *conns <= 0 || *payers <= 0 || *n < 0 {
		return usagef("--rounds, --duration, --conns and --payers must be positive")
	}
	bankKeys, mules, stop, err := paymentBenchServer(ctx, env, url, *keys, *n)
	if err != nil {
		return err
	}
	defer stop()
	if *bareURL == "" {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		srv := &http.Server{Handler: bareCheckHandler(), ReadHeaderTimeout: 10 * time.Second}
		go srv.Serve(ln)
		defer srv.Close()
		*bareURL = "http://" + ln.Addr().String()
	}
	reqs := paymentBodies(*payers, bankKeys, mules)
	targets := []struct {
		name, url string
	}{{"kuzet", *url}, {"bare", *bareURL}}
	// Warm-up: connections, caches and the payers' memory.
	for _, t := range targets {
		if _, err := rawSaturate(ctx, t.url, reqs, *conns, time.Second); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
	}
	sums := make([]int, len(targets))
	var ratios []float64
	for round := 1; round <= *rounds && ctx.Err() == nil; round++ {
		rates := make([]float64, len(targets))
		for i, t := range targets {
			stop := func() {}
			if path := []string{*profile, *bareProfile}[i]; path != "" && round == 1 {
				if stop, err = startProfile(path); err != nil {
					return err
				}
			}
			cpu0 := proccpu.Used()
			res, err := rawSaturate(ctx, t.url, reqs, *conns, *dur)
			res.cpu = proccpu.Used() - cpu0
			stop()
			if err != nil {
				return fmt.Errorf("%s: %w", t.name, err)
			}
			rates[i] = float64(res.ok) / res.elapsed.Seconds()
			sums[i] += res.ok
			fmt.Fprintf(env.Stdout, "round %d %-5s %s\n", round, t.name, res)
		}
		ratios = append(ratios, rates[0]/rates[1])
		fmt.Fprintf(env.Stdout, "round %d ratio kuzet/bare %.3f\n", round, rates[0]/rates[1])
	}
	slices.Sort(ratios)
	fmt.Fprintf(env.Stdout, "ratio kuzet/bare: %.3f overall (%d against %d checks answered 200), rounds %.3f–%.3f, median %.3f\n",
		float64(sums[0])/float64(max(sums[1], 1)), sums[0], sums[1], ratios[0], ratios[len(ratios)-1], ratios[len(ratios)/2])
	fmt.Fprintf(env.Stdout, "machine: %s, %d cores, %s, %d connections, %s a server a round\n", cpuModel(), runtime.NumCPU(),
		runtime.Version(), *conns, *dur)
	return nil
}

// startProfile starts a CPU profile to path and returns what stops it.
func startProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// runBenchBare serves the bare check server alone until interrupted.
func runBenchBare(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "bench bare", "bench bare [--addr ADDR]",
		"Serves POST /v1/payments/check as a bare net/http server that decodes the JSON body into\n"+
			"kuzet.PaymentCheck with encoding/json and answers a fixed decision: the baseline of\n"+
			"'kuzet bench payments-ratio --bare-url'.")
	addr := fs.String("addr", "127.0.0.1:8081", "`address` to listen on")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: bareCheckHandler(), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(env.Stdout, "bare check server on http://%s\n", ln.Addr())
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// bareDecision is the bare server's fixed answer, shaped as kuzet's.
const bareDecision = `{"check_id":"chk_bare0000_1","decision":"allow","score":0,"reasons":[]}` + "\n"

// bareCheckHandler is the baseline: read the body, decode it as kuzet's
// check with encoding/json (unknown fields refused, as kuzet does), answer
// a fixed decision.
func bareCheckHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/payments/check", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 64<<10))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var pc kuzet.PaymentCheck
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&pc); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, bareDecision)
	})
	return mux
}

// rawResult sums one saturation of a server by rawSaturate.
type rawResult struct {
	ok, other int
	elapsed   time.Duration
	lat       []time.Duration // sorted
	cpu       time.Duration   // this process's CPU (user and system) meanwhile
}

func (r rawResult) String() string {
	p := func(q float64) time.Duration {
		if len(r.lat) == 0 {
			return 0
		}
		return r.lat[min(len(r.lat)-1, int(float64(len(r.lat))*q))]
	}
	s := fmt.Sprintf("%d answered 200 in %s (%.0f/s), %d other; latency p50 %s p99 %s",
		r.ok, r.elapsed.Round(time.Millisecond), float64(r.ok)/r.elapsed.Seconds(), r.other, p(.5), p(.99))
	if r.cpu > 0 && r.ok > 0 {
		// With both servers in this process, the CPU a check costs here
		// (server and load generator) is what the throughputs' ratio
		// follows when the cores are full, and is less moved by other jobs.
		s += fmt.Sprintf("; %.2f cores, %.1f CPU-µs a check", r.cpu.Seconds()/r.elapsed.Seconds(),
			float64(r.cpu.Microseconds())/float64(r.ok))
	}
	return s
}

// rawSaturate sends reqs round-robin to base's check route from conns
// keep-alive connections for dur, each sending its next request once the
// last is answered. Requests are prepared bytes; answers are read for
// their status and length alone. A connection the server closes is
// reopened.
func rawSaturate(ctx context.Context, base string, reqs []benchRequest, conns int, dur time.Duration) (rawResult, error) {
	host, ok := strings.CutPrefix(base, "http://")
	if !ok {
		return rawResult{}, fmt.Errorf("%s: only http:// is measured", base)
	}
	host = strings.TrimSuffix(host, "/")
	wire := make([][]byte, len(reqs))
	for i, r := range reqs {
		wire[i] = fmt.Appendf(nil, "POST /v1/payments/check HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n"+
			"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", host, r.key, len(r.body), r.body)
	}
	var (
		next     atomic.Int64
		mu       sync.Mutex
		res      rawResult
		firstErr error
		wg       sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(dur)
	for range conns {
		wg.Go(func() {
			var lat []time.Duration
			good, other := 0, 0
			var err error
			var c net.Conn
			var br *bufio.Reader
			for ctx.Err() == nil && time.Now().Before(deadline) {
				if c == nil {
					if c, err = net.Dial("tcp", host); err != nil {
						break
					}
					br = bufio.NewReaderSize(c, 16<<10)
				}
				t := time.Now()
				var status int
				var keep bool
				if _, err = c.Write(wire[int(next.Add(1)-1)%len(wire)]); err == nil {
					status, keep, err = readRawResponse(br)
				}
				if err != nil {
					break
				}
				lat = append(lat, time.Since(t))
				if status == http.StatusOK {
					good++
				} else {
					other++
				}
				if !keep {
					c.Close()
					c = nil
				}
			}
			if c != nil {
				c.Close()
			}
			mu.Lock()
			res.ok += good
			res.other += other
			res.lat = append(res.lat, lat...)
			if err != nil && firstErr == nil {
				firstErr = err
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	slices.Sort(res.lat)
	return res, firstErr
}

// readRawResponse reads one HTTP/1.1 response, discarding its body (by
// Content-Length or chunked), and reports its status and whether the
// connection stays open.
func readRawResponse(br *bufio.Reader) (status int, keep bool, err error) {
	line, err := br.ReadSlice('\n')
	if err != nil {
		return 0, false, err
	}
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) {
		return 0, false, fmt.Errorf("malformed status line %q", line)
	}
	if status, err = strconv.Atoi(string(line[9:12])); err != nil {
		return 0, false, fmt.Errorf("malformed status line %q", line)
	}
	length, chunked := -1, false
	keep = true
	for {
		line, err = br.ReadSlice('\n')
		if err != nil {
			return 0, false, err
		}
		h := bytes.TrimRight(line, "\r\n")
		if len(h) == 0 {
			break
		}
		name, value, _ := bytes.Cut(h, []byte(":"))
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			if length, err = strconv.Atoi(string(value)); err != nil {
				return 0, false, fmt.Errorf("malformed Content-Length %q", value)
			}
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			chunked = bytes.EqualFold(value, []byte("chunked"))
		case bytes.EqualFold(name, []byte("Connection")):
			keep = !bytes.EqualFold(value, []byte("close"))
		}
	}
	switch {
	case chunked:
		for {
			line, err = br.ReadSlice('\n')
			if err != nil {
				return 0, false, err
			}
			size, perr := strconv.ParseInt(string(bytes.TrimRight(line, "\r\n")), 16, 64)
			if perr != nil {
				return 0, false, fmt.Errorf("malformed chunk size %q", line)
			}
			if _, err = br.Discard(int(size) + 2); err != nil {
				return 0, false, err
			}
			if size == 0 {
				return status, keep, nil
			}
		}
	case length >= 0:
		_, err = br.Discard(length)
		return status, keep, err
	}
	return status, false, fmt.Errorf("an answer without a length")
}
