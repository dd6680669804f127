package synth

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
)

// Transport sends one request to the kuzet API: method, path, the API key
// and a JSON body (nil for none); it returns the status and the body of the
// answer. The program using the simulation provides it (over HTTP, as a
// client would), so that this package stays free of network code.
type Transport func(ctx context.Context, method, path, key string, body []byte) (int, []byte, error)

// CallDriver plays call traffic through the API: the originating operators
// register their calls (POST /v1/calls/originated), the terminating ones
// verify them (POST /v1/calls/verify), as the real networks would.
type CallDriver struct {
	API Transport
	// Keys are the API keys of the country's organisations by name: its
	// telcos, and Police for the set-up.
	Keys   map[string]string
	Police string // name of the police organisation, which lists DNO numbers and reports fraudsters
	Batch  int    // calls a request [1,000]
	// RetryEvery makes the terminating operators ask about every n-th call
	// a second time, half of those without their call ID, as switches
	// retrying after a lost answer do; each retry must get the verdict the
	// call had. 0: no retries.
	RetryEvery int
}

// CallReport tallies a run.
type CallReport struct {
	Calls    int
	Elapsed  time.Duration
	ByReason map[kuzet.CallReason]int
	ByKind   map[CallKind]map[kuzet.CallReason]int
	// Unexpected counts calls whose verdict is not their kind's Want, and
	// retries whose verdict differs from the first; Errors the items the API
	// rejected.
	Unexpected int
	Errors     int
	// Retried counts the verifications asked again (CallDriver.RetryEvery),
	// which are not calls of their own: kuzet counts each call once.
	Retried int
}

// String prints the verdicts by reason and kind.
func (r *CallReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d calls in %s (%.0f/s): ", r.Calls, r.Elapsed.Round(time.Millisecond), float64(r.Calls)/r.Elapsed.Seconds())
	var rs []string
	for _, reason := range kuzet.CallReasons {
		if n := r.ByReason[reason]; n > 0 {
			rs = append(rs, fmt.Sprintf("%s %d", reason, n))
		}
	}
	b.WriteString(strings.Join(rs, ", "))
	fmt.Fprintf(&b, "; %d unexpected verdicts, %d errors", r.Unexpected, r.Errors)
	if r.Retried > 0 {
		fmt.Fprintf(&b, "; %d verifications retried", r.Retried)
	}
	return b.String()
}

// Prepare does what the traffic assumes has happened: the police put the
// banks' inbound-only numbers on the Do-Not-Originate list and report the
// fraudsters' SIMs, and the operators report their subscribers abroad.
func (d *CallDriver) Prepare(ctx context.Context, t *CallTraffic) error {
	police, err := d.key(d.Police)
	if err != nil {
		return err
	}
	if err := d.post(ctx, "/v1/dno", police, map[string]any{"numbers": t.InboundOnly()}, nil); err != nil {
		return err
	}
	var reports []map[string]any
	for _, n := range t.Scammers() {
		reports = append(reports, map[string]any{"kind": "phone", "value": n, "category": "scam_call",
			"confidence": 0.95, "evidence": "victims' statements"})
	}
	if err := d.post(ctx, "/v1/indicators", police, map[string]any{"indicators": reports}, nil); err != nil {
		return err
	}
	byTelco := map[string][]map[string]string{}
	for _, r := range t.Roamers() {
		byTelco[r.Telco] = append(byTelco[r.Telco], map[string]string{"msisdn": r.MSISDN, "state": "abroad", "country": r.Country})
	}
	for _, name := range sortedKeys(byTelco) {
		key, err := d.key(name)
		if err != nil {
			return err
		}
		if err := d.post(ctx, "/v1/roaming", key, map[string]any{"subscribers": byTelco[name]}, nil); err != nil {
			return err
		}
	}
	return nil
}

// Run sends n calls of t, set up now, in batches, and tallies the verdicts.
func (d *CallDriver) Run(ctx context.Context, t *CallTraffic, n int) (*CallReport, error) {
	batch := d.Batch
	if batch <= 0 {
		batch = 1000
	}
	rep := &CallReport{ByReason: map[kuzet.CallReason]int{}, ByKind: map[CallKind]map[kuzet.CallReason]int{}}
	start := time.Now()
	for done := 0; done < n; {
		calls := make([]Call, min(batch, n-done))
		now := time.Now()
		for i := range calls {
			calls[i] = t.Next(now)
		}
		if err := d.play(ctx, calls, rep); err != nil {
			return rep, err
		}
		done += len(calls)
	}
	rep.Elapsed = time.Since(start)
	return rep, nil
}

type wireCall struct {
	A              string `json:"a"`
	B              string `json:"b"`
	At             string `json:"at"`
	CallID         string `json:"call_id,omitempty"`
	Ingress        string `json:"ingress,omitempty"`
	RedirectedFrom string `json:"redirected_from,omitempty"`
}

// play registers and then verifies one batch of calls.
func (d *CallDriver) play(ctx context.Context, calls []Call, rep *CallReport) error {
	wire := func(c Call, ingress kuzet.Ingress) wireCall {
		return wireCall{A: c.A, B: c.B, At: c.At.UTC().Format(time.RFC3339Nano), CallID: c.CallID, Ingress: string(ingress),
			RedirectedFrom: c.RedirectedFrom}
	}
	origins := map[string][]wireCall{}
	for _, c := range calls {
		if c.Origin != "" {
			// The caller's operator knows only the number dialled.
			w := wire(c, "")
			if c.RedirectedFrom != "" {
				w.B, w.RedirectedFrom = c.RedirectedFrom, ""
			}
			origins[c.Origin] = append(origins[c.Origin], w)
		}
	}
	for _, name := range sortedKeys(origins) {
		key, err := d.key(name)
		if err != nil {
			return err
		}
		var resp struct{ Rejected int }
		if err := d.post(ctx, "/v1/calls/originated", key, map[string]any{"calls": origins[name]}, &resp); err != nil {
			return err
		}
		rep.Errors += resp.Rejected
	}
	terms := map[string][]int{}
	for i, c := range calls {
		terms[c.Terminating] = append(terms[c.Terminating], i)
	}
	for _, name := range sortedKeys(terms) {
		key, err := d.key(name)
		if err != nil {
			return err
		}
		idx := terms[name]
		items := make([]wireCall, len(idx))
		for k, i := range idx {
			items[k] = wire(calls[i], calls[i].Ingress)
		}
		verdicts, err := d.verify(ctx, key, items)
		if err != nil {
			return err
		}
		if d.RetryEvery > 0 {
			var again []wireCall
			var first []verdict
			for k, i := range idx {
				if i%d.RetryEvery == 0 {
					w := items[k]
					if len(again)%2 == 1 {
						w.CallID = ""
					}
					again = append(again, w)
					first = append(first, verdicts[k])
				}
			}
			if len(again) > 0 {
				retried, err := d.verify(ctx, key, again)
				if err != nil {
					return err
				}
				for k, v := range retried {
					rep.Retried++
					if v.Error != nil || v.Reason != first[k].Reason {
						rep.Unexpected++
					}
				}
			}
		}
		for k, v := range verdicts {
			c := calls[idx[k]]
			rep.Calls++
			if v.Error != nil {
				rep.Errors++
				continue
			}
			rep.ByReason[v.Reason]++
			if rep.ByKind[c.Kind] == nil {
				rep.ByKind[c.Kind] = map[kuzet.CallReason]int{}
			}
			rep.ByKind[c.Kind][v.Reason]++
			if v.Reason != c.Kind.Want() {
				rep.Unexpected++
			}
		}
	}
	return nil
}

type verdict struct {
	Reason kuzet.CallReason `json:"reason"`
	Error  json.RawMessage  `json:"error"`
}

// verify asks for the verdicts on items as the operator with key.
func (d *CallDriver) verify(ctx context.Context, key string, items []wireCall) ([]verdict, error) {
	var resp struct{ Verdicts []verdict }
	if err := d.post(ctx, "/v1/calls/verify", key, map[string]any{"calls": items}, &resp); err != nil {
		return nil, err
	}
	if len(resp.Verdicts) != len(items) {
		return nil, fmt.Errorf("verify: got %d verdicts for %d calls", len(resp.Verdicts), len(items))
	}
	return resp.Verdicts, nil
}

func (d *CallDriver) key(name string) (string, error) {
	k, ok := d.Keys[name]
	if !ok {
		return "", fmt.Errorf("no API key for %q", name)
	}
	return k, nil
}

// post sends body as JSON and decodes a 2xx answer into out, if not nil.
func (d *CallDriver) post(ctx context.Context, path, key string, body, out any) error {
	data, err := json.Marshal(body)
	if err != nil {
		return err
	}
	status, resp, err := d.API(ctx, "POST", path, key, data)
	if err != nil {
		return fmt.Errorf("POST %s: %w", path, err)
	}
	if status/100 != 2 {
		return fmt.Errorf("POST %s: status %d: %.300s", path, status, resp)
	}
	if out != nil {
		if err := json.Unmarshal(resp, out); err != nil {
			return fmt.Errorf("POST %s: %w", path, err)
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
