package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/synth"
	"github.com/kuzet/kuzet/webwatch"
)

// demoClient speaks to the demo's API as its organisations' own systems
// would.
type demoClient struct {
	base string
	api  synth.Transport
	keys map[kuzet.OrgType]string // the first key of each type
}

func newDemoClient(m *Main, keys []demoKey) *demoClient {
	c := &demoClient{base: m.URL(), api: apiTransport(m.URL()), keys: map[kuzet.OrgType]string{}}
	for _, k := range keys {
		if c.keys[k.org.Type] == "" {
			c.keys[k.org.Type] = k.secret
		}
	}
	return c
}

// do sends body (JSON unless it is []byte, sent as text/csv) as typ's key
// and decodes the answer into out.
func (c *demoClient) do(ctx context.Context, typ kuzet.OrgType, method, path string, body, out any) error {
	var b []byte
	if body != nil {
		var err error
		if b, err = json.Marshal(body); err != nil {
			return err
		}
	}
	status, resp, err := c.api(ctx, method, path, c.keys[typ], b)
	if err != nil {
		return err
	}
	if status >= 300 {
		return fmt.Errorf("%s %s: %d %.300s", method, path, status, resp)
	}
	if out != nil {
		return json.Unmarshal(resp, out)
	}
	return nil
}

// playDemoWeb feeds the demo's internet monitoring as a feed would: look-
// alikes of the watched brands among honest names. The police confirm a
// few findings and send them for blocking; the regulator blocks them.
func playDemoWeb(ctx context.Context, env *Env, c *demoClient) error {
	var domains []string
	for _, official := range []string{"kaspi.kz", "halykbank.kz", "egov.kz", "homebank.kz", "jusan.kz", "kazpost.kz"} {
		p := webwatch.Permute(official)
		domains = append(domains, p[:min(len(p), 6)]...)
	}
	domains = append(domains, "kaspi-bonus.kz", "halyk-vozmeshchenie.kz", "egov-kompensaciya.com",
		"almaty-bakery.kz", "astana-hub.kz", "kolesa.kz", "tengrinews.kz")
	var sub struct{ Flagged *int }
	if err := c.do(ctx, kuzet.OrgPolice, http.MethodPost, "/v1/web/domains",
		map[string]any{"source": "feed", "detail": "demo feed", "domains": domains}, &sub); err != nil {
		return err
	}
	var list struct {
		Findings []kuzet.WebFinding `json:"findings"`
	}
	if err := c.do(ctx, kuzet.OrgPolice, http.MethodGet, "/v1/web/findings?status=new", nil, &list); err != nil {
		return err
	}
	var confirmed []int64
	for _, f := range list.Findings {
		if f.Verdict != "lookalike" || len(confirmed) == 4 {
			continue
		}
		path := "/v1/web/findings/" + strconv.FormatInt(f.ID, 10) + "/confirm"
		if err := c.do(ctx, kuzet.OrgPolice, http.MethodPost, path, map[string]any{"notes": "demo: login form imitating the brand"}, nil); err != nil {
			return err
		}
		confirmed = append(confirmed, f.ID)
	}
	blocked := 0
	if len(confirmed) > 0 {
		var br struct {
			Request kuzet.BlockingRequest `json:"request"`
		}
		if err := c.do(ctx, kuzet.OrgPolice, http.MethodPost, "/v1/blocking-requests",
			map[string]any{"finding_ids": confirmed, "note": "demo"}, &br); err != nil {
			return err
		}
		type item struct {
			FindingID int64  `json:"finding_id"`
			Status    string `json:"status"`
		}
		var items []item
		for _, id := range confirmed[:len(confirmed)-1] { // the last is left for the regulator to answer
			items = append(items, item{id, string(kuzet.BlockingBlocked)})
		}
		path := "/v1/blocking-requests/" + strconv.FormatInt(br.Request.ID, 10) + "/status"
		if err := c.do(ctx, kuzet.OrgRegulator, http.MethodPost, path, map[string]any{"items": items}, nil); err != nil {
			return err
		}
		blocked = len(items)
	}
	fmt.Fprintf(env.Stdout, "Internet monitoring (POST /v1/web/domains, %d names from a feed): %d findings new, %d confirmed\n"+
		"  and sent for blocking, %d blocked by the regulator; the rest wait in GET /v1/web/findings?status=new\n\n",
		len(domains), len(list.Findings), len(confirmed), blocked)
	return nil
}

// playDemoSimbox uploads a week of one operator's call records, as the
// operator would, waits for the analysis, and has the police confirm the
// strongest suspect and record a seizure.
func playDemoSimbox(ctx context.Context, env *Env, c *demoClient, seed uint64) error {
	var csv bytes.Buffer
	if _, err := synth.WriteCDR(&csv, synth.CDRConfig{Subscribers: 3000, Days: 7, Seed: seed}); err != nil {
		return err
	}
	start := time.Now()
	status, resp, err := c.apiCSV(ctx, csv.Bytes())
	if err != nil {
		return err
	}
	if status != http.StatusAccepted {
		return fmt.Errorf("POST /v1/cdr-batches: %d %.300s", status, resp)
	}
	var b kuzet.CDRBatch
	if err := json.Unmarshal(resp, &b); err != nil {
		return err
	}
	for b.Status != kuzet.CDRBatchDone {
		if b.Status == kuzet.CDRBatchFailed || b.Status == kuzet.CDRBatchRejected {
			return fmt.Errorf("CDR batch %d: %s", b.ID, b.Status)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if err := c.do(ctx, kuzet.OrgTelco, http.MethodGet, "/v1/cdr-batches/"+strconv.FormatInt(b.ID, 10), nil, &b); err != nil {
			return err
		}
	}
	var sus struct {
		Suspects []kuzet.SimboxSuspect `json:"suspects"`
	}
	if err := c.do(ctx, kuzet.OrgPolice, http.MethodGet, "/v1/simbox/suspects?limit=5", nil, &sus); err != nil {
		return err
	}
	if len(sus.Suspects) > 0 {
		path := "/v1/simbox/suspects/" + strconv.FormatInt(sus.Suspects[0].ID, 10) + "/confirm"
		if err := c.do(ctx, kuzet.OrgPolice, http.MethodPost, path, map[string]any{"notes": "demo: found in the field"}, nil); err != nil {
			return err
		}
		seizure := map[string]any{"date": time.Now().UTC().Format(time.DateOnly), "region": "Almaty",
			"devices": 1, "sims": 32, "notes": "demo: a box of 32 SIMs"}
		if err := c.do(ctx, kuzet.OrgPolice, http.MethodPost, "/v1/simbox/seizures", seizure, nil); err != nil {
			return err
		}
	}
	fmt.Fprintf(env.Stdout, "SIM boxes (POST /v1/cdr-batches, a week of %d subscribers' calls, %d rows, analysed in %s):\n"+
		"  %d suspect SIMs in %d probable boxes; the police confirmed one and recorded a seizure (GET /v1/simbox/suspects)\n\n",
		b.Subscribers, b.Rows, time.Since(start).Round(time.Millisecond), b.Suspects, b.Devices)
	return nil
}

// apiCSV uploads a CDR extract as the first operator.
func (c *demoClient) apiCSV(ctx context.Context, body []byte) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/v1/cdr-batches", bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.keys[kuzet.OrgTelco])
	req.Header.Set("Content-Type", "text/csv")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}
