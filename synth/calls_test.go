package synth_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/access"
	"github.com/kuzet/kuzet/audit"
	"github.com/kuzet/kuzet/httpapi"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/registry"
	"github.com/kuzet/kuzet/sqlite"
	"github.com/kuzet/kuzet/synth"
	"github.com/kuzet/kuzet/telecom"
)

func TestCallTraffic(t *testing.T) {
	country := synth.New(1)
	traffic := country.CallTraffic(1, nil)
	plan := telecom.DefaultPlan()
	kinds := map[synth.CallKind]int{}
	at := time.Date(2025, 3, 14, 12, 0, 0, 0, time.UTC)
	for range 20_000 {
		c := traffic.Next(at)
		kinds[c.Kind]++
		if got := plan.Classify(c.B); got != telecom.Mobile || c.Terminating == "" {
			t.Fatalf("%s call: B %s is %v served by %q, want a mobile of a telco", c.Kind, c.B, got, c.Terminating)
		}
		class := plan.Classify(c.A)
		var ok bool
		if (c.RedirectedFrom != "") != (c.Kind == synth.CallForwarded) || c.RedirectedFrom == c.B {
			t.Fatalf("%s call %+v: redirected_from is for forwarded calls, and not B", c.Kind, c)
		}
		switch c.Kind {
		case synth.CallLegit, synth.CallFlagged, synth.CallForwarded:
			ok = class == telecom.Mobile && c.Origin != "" && c.Ingress == kuzet.IngressDomestic
		case synth.CallRoamer:
			ok = class == telecom.Mobile && c.Origin == "" && c.Ingress == kuzet.IngressInternational
		case synth.CallForeign:
			ok = class == telecom.Foreign && c.Origin == "" && c.Ingress == kuzet.IngressInternational
		case synth.CallSpoofAbroad:
			ok = class.Domestic() && c.Origin == "" && c.Ingress == kuzet.IngressInternational
		case synth.CallSpoofSIMBox:
			ok = class.Domestic() && c.Origin == "" && c.Ingress == kuzet.IngressDomestic
		case synth.CallUnconnected:
			ok = class == telecom.Mobile && c.Origin == "" && c.Ingress == kuzet.IngressDomestic
		case synth.CallSpoofDNO:
			ok = class == telecom.Geographic && c.Origin == ""
		case synth.CallInvalid:
			ok = class == telecom.Invalid && c.Origin == ""
		}
		if !ok {
			t.Fatalf("%s call %+v: A is %v", c.Kind, c, class)
		}
	}
	for _, k := range synth.CallKinds {
		if kinds[k] == 0 {
			t.Errorf("no %s call among 20,000", k)
		}
	}
	if share := float64(kinds[synth.CallLegit]) / 20_000; share < 0.71 || share > 0.81 {
		t.Errorf("legitimate share %.3f, want about 0.76 (DefaultCallMix)", share)
	}

	again := synth.New(1).CallTraffic(1, nil)
	first := synth.New(1).CallTraffic(1, nil)
	for i := range 100 {
		if a, b := first.Next(at), again.Next(at); a != b {
			t.Fatalf("call %d differs with the same seed: %+v and %+v", i, a, b)
		}
	}
}

// TestCallDriverThroughTheAPI plays the traffic through a real server: every
// call must get the verdict its kind deserves.
func TestCallDriverThroughTheAPI(t *testing.T) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	rec := audit.NewRecorder(store, logger)
	acc := access.NewService(store, kuzet.SystemClock)
	reg := registry.NewService(store, &ident.Parser{CardKey: bytes.Repeat([]byte("k"), 32)}, kuzet.SystemClock, rec)
	if err := reg.Load(ctx); err != nil {
		t.Fatal(err)
	}
	// The driver stamps its calls with the wall clock, which the engine
	// reads too. Its deadline is lifted: on a loaded machine a batch of 500
	// may take longer than the production deadline of 50 ms, and the
	// verdicts the test counts would turn into fail-open timeouts.
	engine, err := telecom.NewService(telecom.Config{Store: store, Audit: rec, Logger: logger, Flagged: reg.FlaggedCaller,
		Deadline: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if err := engine.Open(ctx); err != nil {
		t.Fatal(err)
	}
	api := httpapi.New(httpapi.Config{Store: store, Access: acc, Registry: reg, Logger: logger, Telecom: engine})
	api.SetReady(true)
	srv := httptest.NewServer(api)
	t.Cleanup(func() { srv.Close(); engine.Close(); rec.Close(); store.Close() })

	country := synth.New(3)
	keys := map[string]string{}
	for _, o := range country.Orgs() {
		secret, _, err := acc.CreateOrg(ctx, &o)
		if err != nil {
			t.Fatal(err)
		}
		keys[o.Name] = secret
	}
	d := &synth.CallDriver{API: httpTransport(srv.URL), Keys: keys, Police: "Cybercrime Department", Batch: 500, RetryEvery: 10}
	traffic := country.CallTraffic(3, nil)
	if err := d.Prepare(ctx, traffic); err != nil {
		t.Fatal(err)
	}
	rep, err := d.Run(ctx, traffic, 4000)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Calls != 4000 || rep.Unexpected != 0 || rep.Errors != 0 || rep.Retried < 300 {
		t.Errorf("got %s; by kind %v, want 4000 calls, each with the verdict of its kind, and its retries' too", rep, rep.ByKind)
	}
	for _, k := range synth.CallKinds {
		if rep.ByKind[k][k.Want()] == 0 {
			t.Errorf("no %s call verdict %s: %v", k, k.Want(), rep.ByKind)
		}
	}
	st, err := engine.Stats(ctx, kuzet.CallCounterFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Verified != 4000 || st.Blocked != int64(rep.ByReason[kuzet.ReasonNotOriginated]+rep.ByReason[kuzet.ReasonDomesticCLIFromAbroad]+
		rep.ByReason[kuzet.ReasonDNO]+rep.ByReason[kuzet.ReasonInvalidCLI]+rep.ByReason[kuzet.ReasonFlaggedNumber]) {
		t.Errorf("stats: got %d verified, %d blocked; the run saw %v", st.Verified, st.Blocked, rep.ByReason)
	}
	var unconnected int64
	for rng, n := range st.UnverifiableByRange {
		if rng != "7703" && rng != "7704" {
			t.Errorf("stats: %d unverifiable calls from range %s, want only the unconnected operator's 7703 and 7704", n, rng)
		}
		unconnected += n
	}
	if unconnected != int64(rep.ByKind[synth.CallUnconnected][kuzet.ReasonUnverifiable]) || unconnected == 0 {
		t.Errorf("stats: got %d unverifiable by range, the run saw %v", unconnected, rep.ByKind[synth.CallUnconnected])
	}
}

// httpTransport is a client of the API at base.
func httpTransport(base string) synth.Transport {
	return func(ctx context.Context, method, path, key string, body []byte) (int, []byte, error) {
		req, err := http.NewRequestWithContext(ctx, method, base+path, bytes.NewReader(body))
		if err != nil {
			return 0, nil, err
		}
		req.Header.Set("Authorization", "Bearer "+key)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			return 0, nil, fmt.Errorf("read answer: %w", err)
		}
		return resp.StatusCode, b, nil
	}
}
