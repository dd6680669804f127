package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/access"
	"github.com/kuzet/kuzet/httpapi"
	"github.com/kuzet/kuzet/internal/sqlstore"
	"github.com/kuzet/kuzet/keys"
)

func init() {
	register("replay", "play a recorded API session in event time against a private instance", runReplay)
}

// replayOptions are the replay's flags.
type replayOptions struct {
	store    storeOptions
	in, out  string
	rules    string
	registry bool
	quiet    bool
	profile  string
	checks   string
}

func runReplay(ctx context.Context, env *Env, args []string) error {
	var o replayOptions
	fs := newFlagSet(env, "replay", "replay --data DIR --in session.jsonl[.gz] --out answers.jsonl [--rules FILE] [--registry]",
		"Plays a recorded API session against a private in-memory instance initialised from the\n"+
			"organisations in DIR (and, with --registry, its registry), with the clock following the events.\n"+
			"DIR is only read. Input: JSON Lines, one request a line, in time order:\n"+
			`  {"at":"2025-03-05T10:00:00+05:00","org":"Bank One","method":"POST","path":"/v1/payments/check","body":{…}}`+"\n"+
			"Output: one line per input line, in order: {\"line\":n,\"status\":200,\"body\":{…}}.\n"+
			"IDs kuzet makes are answered as chk_r1, rep_r1, … in the order they first appear, so the same\n"+
			"input and rules give the same bytes; a request may name them so, or as $N.field: the field of\n"+
			"line N's answer ($12.check_id, $3.freeze_requests.0.id).\n"+
			"Webhooks are not sent and overdue freeze requests are not escalated during a replay.")
	o.store.flags(fs)
	fs.StringVar(&o.in, "in", "", "the session `file` (JSON Lines, .gz read as gzip; - for standard input)")
	fs.StringVar(&o.out, "out", "", "the answers `file` (- for standard output)")
	fs.StringVar(&o.rules, "rules", "", "payment rules `file` to decide with instead of DIR's live ones")
	fs.BoolVar(&o.registry, "registry", false, "copy DIR's registry (indicator reports) into the private instance")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress on standard error")
	fs.StringVar(&o.checks, "checks", "", "also write every payment check the private instance stored, with the signals it was\n"+
		"decided on and its outcome, to `file` (JSON Lines, by time; check IDs as in the answers):\n"+
		"material for studying signals and rules on a bank's own history")
	fs.StringVar(&o.profile, "cpuprofile", "", "write a CPU profile of the replay to `file`")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if o.in == "" || o.out == "" {
		return usagef("--in and --out are required")
	}
	if o.store.data == "" && o.store.db == "" {
		return usagef("--data DIR (or --db) names the deployment whose organisations the replay starts from")
	}
	if o.profile != "" {
		f, err := os.Create(o.profile)
		if err != nil {
			return fmt.Errorf("%w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("%w", err)
		}
		defer pprof.StopCPUProfile()
	}
	// A replay is one long batch: memory is cheaper than collecting it.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	return replay(ctx, env, &o)
}

// replayLine is one request of a session.
type replayLine struct {
	At          time.Time       `json:"at"`
	Org         string          `json:"org"`
	Method      string          `json:"method"`
	Path        string          `json:"path"`
	Body        json.RawMessage `json:"body"`
	ContentType string          `json:"content_type"` // a JSON string body is sent raw with it (pacs.008 XML)
	Accept      string          `json:"accept"`
}

// replayer plays a session against one private instance.
type replayer struct {
	m      *Main
	now    atomic.Int64 // the event clock, Unix nanoseconds
	secret map[string]string
	ids    *idAliases
	// answers keeps what later lines may refer to as $N.field: a check's ID,
	// or the whole answer of a line that is not a payment check.
	answers   map[int]json.RawMessage
	checks    map[int]string
	sinceSync int

	// Reused from line to line: the request's header and parsed paths, the
	// answer and the answer line.
	header http.Header
	urls   map[string]*url.URL
	values map[string][]string
	w      replayWriter
	line   bytes.Buffer
}

// request makes the request of one line, reusing what the last one had:
// no handler keeps a request past its answer.
func (r *replayer) request(ctx context.Context, method, path string, body []byte) (*http.Request, error) {
	if !validMethod(method) {
		return nil, fmt.Errorf("request: net/http: invalid method %q", method) // http.NewRequest's words
	}
	u, ok := r.urls[path]
	if !ok {
		var err error
		if u, err = url.Parse(path); err != nil { // as http.NewRequest does
			return nil, fmt.Errorf("request: %v", err)
		}
		if len(r.urls) < 1024 { // the routes that repeat: checks, not IDs
			r.urls[path] = u
		}
	}
	if r.header == nil {
		r.header = http.Header{}
	}
	clear(r.header)
	req := &http.Request{Method: method, URL: u, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: r.header,
		Body: http.NoBody, Host: u.Host, RemoteAddr: "127.0.0.1:1"}
	if body != nil {
		req.Body, req.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	}
	return req.WithContext(ctx), nil
}

// headerValue is a header's value as a one-element list, made once.
func (r *replayer) headerValue(v string) []string {
	if r.values == nil {
		r.values = map[string][]string{}
	}
	l, ok := r.values[v]
	if !ok {
		l = []string{v}
		if len(r.values) < 1024 {
			r.values[v] = l
		}
	}
	return l
}

// validMethod is http.NewRequest's check of a method: a token.
func validMethod(m string) bool {
	if m == "" {
		return false
	}
	for i := 0; i < len(m); i++ {
		c := m[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("()<>@,;:\\\"/[]?={}", c) >= 0 {
			return false
		}
	}
	return true
}

func (r *replayer) clock() time.Time { return time.Unix(0, r.now.Load()).UTC() }

func replay(ctx context.Context, env *Env, o *replayOptions) error {
	in, closeIn, err := openSession(o.in)
	if err != nil {
		return err
	}
	defer closeIn()
	orgs, reports, keyFile, err := readDeployment(ctx, env, o)
	if err != nil {
		return err
	}

	parent, err := os.MkdirTemp(privateTemp(), "kuzet-replay-")
	if err != nil {
		return fmt.Errorf("private instance: %w", err)
	}
	defer os.RemoveAll(parent)
	data := filepath.Join(parent, "data")
	if keyFile != nil {
		if err := os.WriteFile(keys.DefaultPath(data), keyFile, 0o600); err != nil {
			return fmt.Errorf("private instance: %w", err)
		}
	}

	r := &replayer{secret: map[string]string{}, ids: newIDAliases(), answers: map[int]json.RawMessage{}, checks: map[int]string{},
		urls: map[string]*url.URL{}, w: replayWriter{header: http.Header{}}}
	r.now.Store(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano())

	outW, closeOut, err := createAnswers(o.out, env)
	if err != nil {
		return err
	}
	out := bufio.NewWriterSize(outW, 1<<20)

	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64<<10), replayMaxLine)
	started := false
	n, bad := 0, 0
	progress := newReplayProgress(env.Stderr, o.quiet)
	for sc.Scan() {
		n++
		var ln replayLine
		lineErr := decodeReplayLine(sc.Bytes(), &ln)
		if lineErr == nil {
			if t := ln.At.UnixNano(); t > r.now.Load() || !started {
				r.now.Store(t) // the clock never goes back: a late line is played at the time reached
			}
			if !started {
				started = true
				if err := r.start(ctx, env, o, data, orgs, reports); err != nil {
					closeOut()
					return err
				}
				defer r.m.Close()
			}
		}
		var ans []byte
		if lineErr != nil {
			bad++
			ans = replayError(n, lineErr)
		} else {
			ans, lineErr = r.play(ctx, n, &ln)
			if lineErr != nil {
				bad++
				ans = replayError(n, lineErr)
			}
		}
		out.Write(ans)
		out.WriteByte('\n')
		progress.tick(n, r.clock())
		if n%4096 == 0 && ctx.Err() != nil {
			break
		}
	}
	if err := sc.Err(); err != nil {
		closeOut()
		return fmt.Errorf("read %s at line %d: %w", o.in, n+1, err)
	}
	if err := out.Flush(); err != nil {
		closeOut()
		return fmt.Errorf("write %s: %w", o.out, err)
	}
	if o.checks != "" && started && ctx.Err() == nil {
		if err := r.writeChecks(ctx, env, o.checks); err != nil {
			closeOut()
			return err
		}
	}
	if err := closeOut(); err != nil {
		return fmt.Errorf("write %s: %w", o.out, err)
	}
	progress.done(n, bad)
	return ctx.Err()
}

// writeChecks writes the private instance's stored checks to path, oldest
// first, their IDs as the answers gave them.
func (r *replayer) writeChecks(ctx context.Context, env *Env, path string) error {
	p := r.m.Payments
	if p == nil || p.Writer == nil {
		return errors.New("--checks: the private instance stores no checks")
	}
	if err := p.Writer.Sync(ctx); err != nil {
		return fmt.Errorf("--checks: %w", err)
	}
	w, closeW, err := createAnswers(path, env)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	err = kuzet.Transact(ctx, r.m.Store, false, func(tx kuzet.Tx) error {
		return tx.ScanChecks(ctx, time.Time{}, func(c *kuzet.CheckRecord) error {
			b, err := json.Marshal(c)
			if err != nil {
				return err
			}
			bw.Write(r.ids.rewrite(b))
			return bw.WriteByte('\n')
		})
	})
	if err == nil {
		err = bw.Flush()
	}
	if cerr := closeW(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("--checks %s: %w", path, err)
	}
	return nil
}

// replayMaxLine bounds one line of a session: a pacs.008 of many
// transactions fits.
const replayMaxLine = 16 << 20

func decodeReplayLine(b []byte, ln *replayLine) error {
	if !scanReplayLine(b, ln) {
		*ln = replayLine{}
		if err := json.Unmarshal(b, ln); err != nil {
			return fmt.Errorf("not a session line: %v", err)
		}
	}
	switch {
	case ln.At.IsZero():
		return errors.New(`"at" (RFC 3339) is required`)
	case ln.Method == "":
		return errors.New(`"method" is required`)
	case !strings.HasPrefix(ln.Path, "/"):
		return errors.New(`"path" must start with /`)
	}
	return nil
}

// replayError is the answer line of a session line that could not be
// played: status 0 and why.
func replayError(n int, err error) []byte {
	b, _ := json.Marshal(struct {
		Line   int    `json:"line"`
		Status int    `json:"status"`
		Error  string `json:"error"`
	}{n, 0, err.Error()})
	return b
}

// start builds the private instance at the first event's time: the
// organisations, each with a key, the registry if asked, then the server.
func (r *replayer) start(ctx context.Context, env *Env, o *replayOptions, data string, orgs []*kuzet.Org, reports []*kuzet.Report) error {
	quiet := slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	// A throwaway store: no fsync (it is removed when the replay ends).
	store, _, err := openKeyed(ctx, data, "", "", true, quiet, sqlstore.Ephemeral())
	if err != nil {
		return fmt.Errorf("private instance: %w", err)
	}
	acc := access.NewService(store, r.clock)
	ids := map[int64]int64{}
	for _, org := range orgs {
		c := &kuzet.Org{Name: org.Name, Type: org.Type, BIC: org.BIC, BankCode: org.BankCode, Prefixes: org.Prefixes}
		secret, _, err := acc.CreateOrg(ctx, c)
		if err != nil {
			store.Close()
			return fmt.Errorf("organisation %q: %w", org.Name, err)
		}
		r.secret[org.Name] = secret
		ids[org.ID] = c.ID
	}
	for _, rep := range reports {
		if ids[rep.OrgID] == 0 {
			continue
		}
		c := *rep
		c.ID, c.OrgID = 0, ids[rep.OrgID]
		err := kuzet.Transact(ctx, store, true, func(tx kuzet.Tx) error { return tx.UpsertReport(ctx, &c) })
		if err != nil {
			store.Close()
			return fmt.Errorf("copy the registry: %w", err)
		}
	}
	if err := store.Close(); err != nil {
		return err
	}

	m := NewMain(&Env{Stdout: io.Discard, Stderr: env.Stderr, Getenv: func(string) string { return "" }})
	m.Logger = quiet
	m.Clock, m.AuthClock, m.CallClock = r.clock, kuzet.SystemClock, r.clock
	m.Config.Data, m.Config.Addr = data, "127.0.0.1:0"
	m.Config.CheckpointEvery = 0
	m.Config.Limits = httpapi.Limits{}
	for _, typ := range kuzet.OrgTypes {
		m.Config.Limits.Set(string(typ) + "=off")
	}
	m.Config.Limits.Set("anonymous=off")
	m.Config.Deadline = time.Hour
	// A verification decides at once: nothing registers a call while the
	// replay waits, and waiting would only slow it down.
	m.Config.CallGrace, m.Config.CallDeadline = time.Nanosecond, time.Second
	m.Config.CallWindow, m.Config.CallTolerance = 120*time.Second, 10*time.Second
	m.Config.Payments = PaymentsConfig{Rules: o.rules, DispatchEvery: replayNever, EscalateEvery: replayNever,
		WriterLinger: 20 * time.Millisecond, WriterBatch: 4096}
	if err := m.Run(ctx); err != nil {
		m.Close()
		return fmt.Errorf("start the private instance: %w", err)
	}
	r.m = m
	return nil
}

// replayNever is the period of the jobs a replay does not run: webhooks
// and escalation follow the wall clock, which a replay does not.
const replayNever = 1 << 62

// play sends one line to the private instance and returns its answer line.
func (r *replayer) play(ctx context.Context, n int, ln *replayLine) ([]byte, error) {
	path, err := r.resolve(ln.Path)
	if err != nil {
		return nil, err
	}
	var body []byte
	ctype := "application/json"
	if len(ln.Body) > 0 && string(ln.Body) != "null" {
		if ln.Body[0] == '"' && ln.ContentType != "" {
			var s string
			if err := json.Unmarshal(ln.Body, &s); err != nil {
				return nil, fmt.Errorf("body: %v", err)
			}
			body, ctype = []byte(s), ln.ContentType
		} else {
			if body, err = r.resolveBody(ln.Body); err != nil {
				return nil, err
			}
		}
	}
	req, err := r.request(ctx, ln.Method, path, body)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header["Content-Type"] = r.headerValue(ctype)
	}
	if ln.Accept != "" {
		req.Header["Accept"] = []string{ln.Accept}
	}
	if ln.Org != "" {
		secret, ok := r.secret[ln.Org]
		if !ok {
			return nil, fmt.Errorf("no organisation %q in the data directory", kuzet.Clip(ln.Org, 64))
		}
		req.Header["Authorization"] = r.headerValue("Bearer " + secret)
	}
	// One writer serves every line: the answer is copied out below before
	// the next line is played.
	w := &r.w
	clear(w.header)
	w.status = 0
	w.body.Reset()
	r.m.API.ServeHTTP(w, req)
	if w.status == 0 {
		w.status = http.StatusOK
	}
	isCheck := ln.Method == http.MethodPost && path == "/v1/payments/check"
	if isCheck {
		// Checks are stored off the decision's path; a queue that never
		// fills keeps every decision whole and the answers the same.
		if r.sinceSync++; r.sinceSync >= replaySyncEvery {
			r.sinceSync = 0
			r.m.Payments.Writer.Sync(ctx)
		}
	}

	answer := r.ids.rewrite(bytes.TrimSpace(w.body.Bytes()))
	b := &r.line // the caller writes it out before the next line
	b.Reset()
	b.WriteString(`{"line":`)
	b.WriteString(strconv.Itoa(n))
	b.WriteString(`,"status":`)
	b.WriteString(strconv.Itoa(w.status))
	b.WriteString(`,"body":`)
	if ct := w.header.Get("Content-Type"); len(answer) > 0 && (strings.HasPrefix(ct, "application/json") ||
		strings.HasPrefix(ct, "application/problem+json")) && !bytes.ContainsAny(answer, "\n") {
		b.Write(answer) // the server's JSON is compact: one line
		if isCheck && w.status == http.StatusOK {
			if id := checkIDOf(answer); id != "" {
				r.checks[n] = id
			}
		} else if len(answer) <= replayKeepAnswer {
			r.answers[n] = json.RawMessage(bytes.Clone(answer))
		}
	} else {
		// Not JSON (a pacs.002): a string, its markup left readable.
		enc := json.NewEncoder(b)
		enc.SetEscapeHTML(false)
		enc.Encode(string(answer))
		b.Truncate(b.Len() - 1) // Encode's newline
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// replaySyncEvery is how many checks are decided between waits for the
// writer; below its queue, so that none is ever turned away.
const replaySyncEvery = 8192

// replayKeepAnswer bounds an answer kept for $N references.
const replayKeepAnswer = 64 << 10

// checkIDOf finds "check_id" in a check's answer without decoding it whole.
func checkIDOf(b []byte) string {
	const key = `"check_id":"`
	i := bytes.Index(b, []byte(key))
	if i < 0 {
		return ""
	}
	rest := b[i+len(key):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return ""
	}
	return string(rest[:j])
}

// refPattern is a reference to an earlier answer: $N.field.path.
var refPattern = regexp.MustCompile(`\$([0-9]+)\.([A-Za-z0-9_.]+)`)

// resolve replaces the references and the aliases in a path with the
// instance's IDs.
func (r *replayer) resolve(path string) (string, error) {
	var err error
	if strings.IndexByte(path, '$') >= 0 {
		path = refPattern.ReplaceAllStringFunc(path, func(ref string) string {
			v, e := r.lookup(ref)
			if e != nil && err == nil {
				err = e
			}
			return v
		})
	}
	if err != nil {
		return "", err
	}
	return string(r.ids.unalias([]byte(path))), nil
}

func (r *replayer) resolveBody(body []byte) ([]byte, error) {
	var err error
	if bytes.IndexByte(body, '$') >= 0 {
		body = refPattern.ReplaceAllFunc(body, func(ref []byte) []byte {
			v, e := r.lookup(string(ref))
			if e != nil && err == nil {
				err = e
			}
			return []byte(v)
		})
	}
	if err != nil {
		return nil, err
	}
	return r.ids.unalias(body), nil
}

// lookup answers a $N.field reference with the field of line N's answer.
func (r *replayer) lookup(ref string) (string, error) {
	m := refPattern.FindStringSubmatch(ref)
	n, _ := strconv.Atoi(m[1])
	if id, ok := r.checks[n]; ok && m[2] == "check_id" {
		return id, nil
	}
	raw, ok := r.answers[n]
	if !ok {
		return "", fmt.Errorf("%s: line %d has no answer to refer to", ref, n)
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return "", fmt.Errorf("%s: line %d's answer is not JSON", ref, n)
	}
	for _, part := range strings.Split(m[2], ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[part]
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(x) {
				return "", fmt.Errorf("%s: line %d's answer has no item %s", ref, n, part)
			}
			v = x[i]
		default:
			v = nil
		}
	}
	switch x := v.(type) {
	case string:
		return x, nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	}
	return "", fmt.Errorf("%s: line %d's answer has no such field", ref, n)
}

// replayWriter is the http.ResponseWriter the instance answers into.
type replayWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (w *replayWriter) Header() http.Header { return w.header }
func (w *replayWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.body.Write(b)
}
func (w *replayWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

// idAliases answers the IDs kuzet makes at random (kuzet.NewID, the
// engine's check IDs) as kind_rN, numbered in the order they first appear,
// so that a replay's bytes do not depend on chance.
type idAliases struct {
	alias map[string]string // real ID → alias
	real  map[string]string // alias → real ID
	next  map[string]int    // kind → last number given
}

func newIDAliases() *idAliases {
	return &idAliases{alias: map[string]string{}, real: map[string]string{}, next: map[string]int{}}
}

// aliasID matches an alias in a request.
var aliasID = regexp.MustCompile(`\b([a-z]{2,8})_r([0-9]{1,12})\b`)

// rewrite answers every ID kuzet made at random in b by its alias: a kind
// of two to eight letters, '_', then 16 base-32 letters (kuzet.NewID) or 8
// and '_' and a counter (the engine's check IDs), standing alone.
func (a *idAliases) rewrite(b []byte) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(b); i++ {
		if b[i] != '_' {
			continue
		}
		start := i
		for start > 0 && b[start-1] >= 'a' && b[start-1] <= 'z' {
			start--
		}
		if i-start < 2 || i-start > 8 || (start > 0 && isIDByte(b[start-1])) {
			continue
		}
		if !randomKinds[string(b[start:i])] {
			continue
		}
		end := idEnd(b, i+1)
		if end < 0 {
			continue
		}
		id := b[start:end]
		s, ok := a.alias[string(id)]
		if !ok {
			kind := string(b[start:i])
			a.next[kind]++
			s = kind + "_r" + strconv.Itoa(a.next[kind])
			a.alias[string(id)], a.real[s] = s, string(id)
		}
		out = append(append(out, b[last:start]...), s...)
		last, i = end, end-1
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

// randomKinds are the kinds of the IDs kuzet makes at random: a bank's own
// text that merely looks like one (a payment ID "ref_…") is left alone.
var randomKinds = map[string]bool{"chk": true, "rep": true, "case": true, "frz": true, "dlv": true}

func isIDByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' }

func isBase32(c byte) bool { return c >= 'a' && c <= 'z' || c >= '2' && c <= '7' }

// idEnd returns where the random part of an ID starting at i ends, or -1.
func idEnd(b []byte, i int) int {
	j := i
	for j < len(b) && isBase32(b[j]) && j-i < 17 {
		j++
	}
	switch {
	case j-i == 16 && (j == len(b) || !isIDByte(b[j])):
		return j
	case j-i >= 8 && j < len(b)+0 && i+8 < len(b) && b[i+8] == '_':
		k := i + 9
		for k < len(b) && (b[k] >= 'a' && b[k] <= 'z' || b[k] >= '0' && b[k] <= '9') && k-i-9 < 14 {
			k++
		}
		for m := i; m < i+8; m++ {
			if !isBase32(b[m]) {
				return -1
			}
		}
		if k > i+9 && (k == len(b) || !isIDByte(b[k])) {
			return k
		}
	}
	return -1
}

func (a *idAliases) unalias(b []byte) []byte {
	if len(a.real) == 0 || !bytes.Contains(b, []byte("_r")) {
		return b
	}
	return aliasID.ReplaceAllFunc(b, func(s []byte) []byte {
		if id, ok := a.real[string(s)]; ok {
			return []byte(id)
		}
		return s
	})
}

// readDeployment reads DIR's organisations, its registry if asked, and its
// key file (so that card tokens come out as DIR's would), opening the
// store read-only.
func readDeployment(ctx context.Context, env *Env, o *replayOptions) ([]*kuzet.Org, []*kuzet.Report, []byte, error) {
	store, err := o.store.openReadOnly(ctx, env)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%w", err)
	}
	defer store.Close()
	var orgs []*kuzet.Org
	var reports []*kuzet.Report
	err = kuzet.Transact(ctx, store, false, func(tx kuzet.Tx) (err error) {
		if orgs, err = tx.FindOrgs(ctx); err != nil {
			return err
		}
		if !o.registry {
			return nil
		}
		return tx.ScanReports(ctx, func(r *kuzet.Report) error {
			c := *r
			reports = append(reports, &c)
			return nil
		})
	})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("read %s: %w", o.store.data, err)
	}
	path, err := keyFilePath(o.store.keyFile, o.store.data, o.store.db)
	if err != nil {
		return nil, nil, nil, err
	}
	key, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("read the key file: %w", err)
	}
	return orgs, reports, key, nil
}

// privateTemp is where the private instance lives: memory when the
// machine has a tmpfs for it.
func privateTemp() string {
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		return "/dev/shm"
	}
	return ""
}

// openSession opens a session file, gzip if it says so.
func openSession(path string) (*bufio.Reader, func() error, error) {
	var f io.ReadCloser = os.Stdin
	if path != "-" {
		var err error
		if f, err = os.Open(path); err != nil {
			return nil, nil, fmt.Errorf("%w", err)
		}
	}
	br := bufio.NewReaderSize(f, 1<<20)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		return bufio.NewReaderSize(zr, 1<<20), func() error { zr.Close(); return f.Close() }, nil
	}
	return br, f.Close, nil
}

// createAnswers creates the answers file.
func createAnswers(path string, env *Env) (io.Writer, func() error, error) {
	if path == "-" {
		return env.Stdout, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, fmt.Errorf("%w", err)
	}
	return f, f.Close, nil
}

// replayProgress says on standard error how far a long replay is, once a
// second.
type replayProgress struct {
	w     io.Writer
	quiet bool
	start time.Time
	last  time.Time
}

func newReplayProgress(w io.Writer, quiet bool) *replayProgress {
	now := time.Now()
	return &replayProgress{w: w, quiet: quiet, start: now, last: now}
}

func (p *replayProgress) tick(n int, at time.Time) {
	if p.quiet || n%1024 != 0 {
		return
	}
	if now := time.Now(); now.Sub(p.last) >= time.Second {
		p.last = now
		fmt.Fprintf(p.w, "replay: %d lines, %.0f a second, event time %s\n", n,
			float64(n)/now.Sub(p.start).Seconds(), at.Format(time.RFC3339))
	}
}

func (p *replayProgress) done(n, bad int) {
	if p.quiet {
		return
	}
	took := time.Since(p.start)
	fmt.Fprintf(p.w, "replay: %d lines in %s (%.0f a second), %d not played\n", n, took.Round(time.Millisecond),
		float64(n)/max(took.Seconds(), 1e-9), bad)
}
