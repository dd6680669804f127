package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/kuzet/kuzet"
)

// instance is one kuzet deployment of the round trip: its data, its
// police key and the key of its partner organisation standing for the
// other deployment.
type instance struct {
	data, police, partner string
	other                 string // the name of its partner organisation standing for the other deployment
	m                     *Main
}

func newInstance(t *testing.T, partnerName string) *instance {
	t.Helper()
	in := &instance{data: t.TempDir()}
	in.police = orgAdd(t, in.data, "--name", "Police", "--type", "police")
	in.partner = orgAdd(t, in.data, "--name", partnerName, "--type", "partner")
	in.m = MustRunMain(t, in.data)
	return in
}

func (in *instance) restart(t *testing.T) {
	t.Helper()
	in.m.Close()
	in.m = MustRunMain(t, in.data)
}

func (in *instance) report(t *testing.T, kind, value, category, tlp string) {
	t.Helper()
	body := fmt.Sprintf(`{"indicators":[{"kind":%q,"value":%q,"category":%q,"confidence":0.9}]}`, kind, value, category)
	if st, v := call(t, "POST", in.m.URL()+"/v1/indicators", in.police, body); st != 200 {
		t.Fatalf("report %s: %d %v", value, st, v)
	}
	if tlp != "" {
		body := fmt.Sprintf(`{"kind":%q,"value":%q,"tlp":%q}`, kind, value, tlp)
		if st, v := call(t, "POST", in.m.URL()+"/v1/exchange/markings", in.police, body); st != 200 {
			t.Fatalf("mark %s: %d %v", value, st, v)
		}
	}
}

// collection returns the id of the collection the partner key reads.
func (in *instance) collection(t *testing.T) string {
	t.Helper()
	req, _ := http.NewRequest("GET", in.m.URL()+"/taxii2/api/collections/", nil)
	req.Header.Set("Accept", taxiiMediaType)
	req.Header.Set("Authorization", "Bearer "+in.partner)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	i := strings.Index(string(b), `"id":"`)
	if resp.StatusCode != 200 || i < 0 {
		t.Fatalf("collections: %d %s", resp.StatusCode, b)
	}
	return string(b[i+6 : i+6+36])
}

// has reports whether the instance's registry holds kind:value.
func (in *instance) has(t *testing.T, kind, value string) bool {
	t.Helper()
	st, v := call(t, "GET", in.m.URL()+"/v1/indicators/"+kind+"/"+value, in.police, "")
	if st != 200 {
		t.Fatalf("lookup %s: %d %v", value, st, v)
	}
	return v["reporters"].(float64) > 0
}

// pull runs `kuzet exchange pull` into to's store from from's TAXII server.
func pull(t *testing.T, to, from *instance, extra ...string) (string, error) {
	t.Helper()
	env, out, errb := testEnv()
	args := append([]string{"pull", "--data", to.data, "--from", from.m.URL() + "/taxii2/", "--collection", from.collection(t),
		"--key", from.partner, "--partner", to.other}, extra...)
	err := runExchange(context.Background(), env, args)
	return out.String() + errb.String(), err
}

// failingTransport fails every request after the first n.
type failingTransport struct {
	n    atomic.Int32
	base http.RoundTripper
}

func (f *failingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if f.n.Add(-1) < 0 {
		return nil, errors.New("connection cut")
	}
	return f.base.RoundTrip(r)
}

// TestRoundTrip: two deployments exchange their collections over TAXII and
// end with the same shareable indicators; RED never crosses, AMBER only
// once the police allow the partner it; a pull cut halfway resumes without
// duplicates.
func TestRoundTrip(t *testing.T) {
	a := newInstance(t, "Police of B")
	b := newInstance(t, "Police of A")
	a.other, b.other = "Police of B", "Police of A"
	for i := range 5 {
		a.report(t, "domain", fmt.Sprintf("green-%d.kz", i), "phishing_site", "")
	}
	a.report(t, "phone", "+77011112233", "scam_call", "green")
	a.report(t, "domain", "amber.kz", "phishing_site", "amber")
	a.report(t, "domain", "red.kz", "phishing_site", "red")
	b.report(t, "phone", "+37491234567", "scam_call", "")
	b.report(t, "iban", "KZ456010000000000001", "mule_account", "clear")

	// B pulls from A, cut after two pages of three objects, then resumed.
	env, _, errb := testEnv()
	cut := &failingTransport{base: http.DefaultTransport}
	cut.n.Store(3) // discovery, two pages
	p := &puller{env: env, opts: pullOptions{from: a.m.URL() + "/taxii2/", collection: a.collection(t), key: a.partner, limit: 3},
		client: &http.Client{Transport: cut}}
	if err := runPull(context.Background(), b, p); err == nil || !strings.Contains(err.Error(), "connection cut") {
		t.Fatalf("cut pull: %v\n%s", err, errb)
	}
	out, err := pull(t, b, a, "--limit", "3")
	if err != nil {
		t.Fatalf("resumed pull: %v\n%s", err, out)
	}
	if !strings.Contains(out, "resuming") {
		t.Errorf("the second pull did not resume:\n%s", out)
	}
	// A pulls from B.
	if out, err := pull(t, a, b); err != nil {
		t.Fatalf("pull into A: %v\n%s", err, out)
	}
	a.restart(t)
	b.restart(t)
	shared := [][2]string{{"domain", "green-0.kz"}, {"domain", "green-4.kz"}, {"phone", "+77011112233"},
		{"phone", "+37491234567"}, {"iban", "KZ456010000000000001"}}
	for _, in := range []*instance{a, b} {
		for _, ind := range shared {
			if !in.has(t, ind[0], ind[1]) {
				t.Errorf("%s lacks %s", in.data, ind[1])
			}
		}
	}
	if b.has(t, "domain", "red.kz") || b.has(t, "domain", "amber.kz") {
		t.Errorf("RED or AMBER crossed to a partner not allowed it")
	}
	// No duplicates: one report per indicator of the partner in B.
	var n int
	err = kuzet.Transact(context.Background(), b.m.Store, false, func(tx kuzet.Tx) error {
		return tx.ScanReports(context.Background(), func(r *kuzet.Report) error {
			n++
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := 2 + 6; n != want {
		t.Errorf("B holds %d reports, want %d (its 2, A's 6 shareable)", n, want)
	}
	// Pulling again brings nothing new.
	out, err = pull(t, b, a)
	if err != nil || !strings.Contains(out, "0 applied") {
		t.Errorf("third pull: %v\n%s", err, out)
	}
	// The police of A allow B AMBER; B pulls from the start and gets it.
	orgs := map[string]int64{}
	st, v := call(t, "GET", a.m.URL()+"/v1/orgs", a.police, "")
	if st != 200 {
		t.Fatalf("orgs: %d %v", st, v)
	}
	for _, o := range v["orgs"].([]any) {
		m := o.(map[string]any)
		orgs[m["name"].(string)] = int64(m["id"].(float64))
	}
	if st, v := call(t, "PUT", fmt.Sprintf("%s/v1/exchange/partners/%d", a.m.URL(), orgs["Police of B"]), a.police,
		`{"confidence":0.8,"allow_amber":true}`); st != 200 {
		t.Fatalf("allow amber: %d %v", st, v)
	}
	if out, err := pull(t, b, a, "--restart"); err != nil || !strings.Contains(out, "1 applied") {
		t.Errorf("pull after AMBER allowed: %v\n%s", err, out)
	}
	b.restart(t)
	if !b.has(t, "domain", "amber.kz") || b.has(t, "domain", "red.kz") {
		t.Errorf("after allowing AMBER: amber %v, red %v", b.has(t, "domain", "amber.kz"), b.has(t, "domain", "red.kz"))
	}
}

// runPull runs p's options and client into in's store.
func runPull(ctx context.Context, in *instance, p *puller) error {
	p.opts.partner = in.other
	return pullWith(ctx, p.env, &storeOptions{data: in.data}, p.opts, p.client)
}
