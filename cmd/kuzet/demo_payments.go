package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/freeze"
	"github.com/kuzet/kuzet/ident"
	"github.com/kuzet/kuzet/synth"
)

// paymentTally counts the decisions on one kind of simulated payment.
type paymentTally struct{ n, stopped, reviewed int }

func (t *paymentTally) add(d kuzet.Decision) {
	t.n++
	switch {
	case d.Stops():
		t.stopped++
	case d == kuzet.DecisionReview:
		t.reviewed++
	}
}

func (t paymentTally) share() string {
	return fmt.Sprintf("%d of %d (%.1f%%)", t.stopped, t.n, 100*float64(t.stopped)/float64(max(1, t.n)))
}

// paymentDemo plays the synthetic country's payments through the API as
// its banks, operators and police would.
type paymentDemo struct {
	api    synth.Transport
	police string
	banks  map[string]string // key by BIC
	names  map[string]string // bank name by BIC
	telcos []synth.Telco
	keys   map[string]string // key by organisation name

	tallies              map[string]*paymentTally
	calls, checks, repts int
	scamChecks           map[int][]demoCheck
	frozen               kuzet.Amount
	raised               int
	trail                string // the report with the longest trail
	trailHops            int
	open                 map[string]int // unanswered requests by bank BIC
}

type demoCheck struct{ key, id string }

// post sends body as JSON and decodes a 2xx answer into out, if not nil.
func (d *paymentDemo) post(ctx context.Context, path, key string, body, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	status, resp, err := d.api(ctx, http.MethodPost, path, key, b)
	if err != nil {
		return fmt.Errorf("POST %s: %w", path, err)
	}
	if status/100 != 2 {
		return fmt.Errorf("POST %s: status %d: %.300s", path, status, resp)
	}
	if out != nil {
		return json.Unmarshal(resp, out)
	}
	return nil
}

// telco returns the key of the operator holding number's range, or "".
func (d *paymentDemo) telco(number string) string {
	for _, t := range d.telcos {
		for _, p := range t.Prefixes {
			if strings.HasPrefix(number, "+"+p) {
				return d.keys[t.Name]
			}
		}
	}
	return ""
}

// playDemoPayments plays days of the country's payments through the API:
// the calls reach the operators, every payment is checked by the payer's
// bank, and each victim's report is filed by the police; the victim's bank
// confirms the fraud, and the banks on the trail answer the freeze
// requests as the simulation says the money went. The last report's
// requests are left open, for the inbox. Time is the wall clock's: the
// engine's memory starts empty and a simulated day passes in a moment, so
// the figures are the demo's, not the quality measured on the simulation
// (docs/payments.md).
func playDemoPayments(ctx context.Context, env *Env, m *Main, keys []demoKey, seed uint64, days int) error {
	country := synth.New(seed)
	w := country.Payments(synth.PaymentConfig{Seed: seed, Days: days, Customers: 500, Merchants: 500, Mules: 12, ScamsPerDay: 15})
	d := &paymentDemo{api: apiTransport(m.URL()), banks: map[string]string{}, names: map[string]string{},
		telcos: country.Telcos, keys: map[string]string{}, tallies: map[string]*paymentTally{},
		scamChecks: map[int][]demoCheck{}, open: map[string]int{}}
	for _, k := range keys {
		d.keys[k.org.Name] = k.secret
		if k.org.BIC != "" {
			d.banks[k.org.BIC], d.names[k.org.BIC] = k.secret, k.org.Name
		}
		if k.org.Type == kuzet.OrgPolice {
			d.police = k.secret
		}
	}
	start := time.Now()
	// The mules the banks already know, reported in their names.
	for _, l := range w.Listed {
		err := d.post(ctx, "/v1/indicators", d.keys[l.Reporter], map[string]any{"indicators": []map[string]any{{
			"kind": l.Kind, "value": l.Value, "category": l.Category, "confidence": l.Confidence, "evidence": l.Evidence}}}, nil)
		if err != nil {
			return err
		}
	}
	var last int
	for i, e := range w.Events {
		if e.Report != nil {
			last = i
		}
	}
	for i, e := range w.Events {
		var err error
		switch {
		case e.Call != nil:
			err = d.call(ctx, e.Call)
		case e.Payment != nil:
			err = d.payment(ctx, e.Payment)
		case e.Report != nil:
			err = d.report(ctx, e.Report, i != last)
		}
		if err != nil {
			return err
		}
	}
	elapsed := time.Since(start)
	return d.print(ctx, env, w, days, elapsed)
}

func (d *paymentDemo) call(ctx context.Context, c *synth.EventCall) error {
	term := d.telco(c.B)
	if term == "" {
		return nil
	}
	d.calls++
	at := time.Now().UTC().Format(time.RFC3339Nano)
	id := "pay-" + c.CallID
	if origin := d.telco(c.A); c.Registered && origin != "" {
		err := d.post(ctx, "/v1/calls/originated", origin, map[string]any{"calls": []map[string]string{{
			"a": c.A, "b": c.B, "at": at, "call_id": id}}}, nil)
		if err != nil {
			return err
		}
	}
	return d.post(ctx, "/v1/calls/verify", term, map[string]any{"calls": []map[string]string{{
		"a": c.A, "b": c.B, "at": at, "call_id": id, "ingress": string(c.Ingress)}}}, nil)
}

func (d *paymentDemo) payment(ctx context.Context, p *synth.Payment) error {
	key := d.banks[p.BankBIC]
	pc := p.Check
	pc.CreatedAt = time.Now().UTC()
	var dec struct {
		CheckID  string         `json:"check_id"`
		Decision kuzet.Decision `json:"decision"`
	}
	if err := d.post(ctx, "/v1/payments/check", key, pc, &dec); err != nil {
		return err
	}
	d.checks++
	kind := "legitimate"
	switch p.Kind {
	case synth.PayScam:
		kind = "scam"
		d.scamChecks[p.ScamID] = append(d.scamChecks[p.ScamID], demoCheck{key, dec.CheckID})
	case synth.PayMuleForward:
		kind = "mule"
	}
	t := d.tallies[kind]
	if t == nil {
		t = &paymentTally{}
		d.tallies[kind] = t
	}
	t.add(dec.Decision)
	return nil
}

// report files a victim's report; the victim's bank confirms the fraud,
// and, if answer, the banks on the trail answer as the money truly went.
func (d *paymentDemo) report(ctx context.Context, r *synth.Report, answer bool) error {
	now := time.Now().UTC()
	transfers := make([]kuzet.Transfer, len(r.Transfers))
	for i, t := range r.Transfers {
		t.At = now
		transfers[i] = t
	}
	inds := []map[string]any{}
	for _, ind := range r.Indicators {
		// A victim may remember a number wrong; the API would refuse the
		// whole report for it, so the police leave it out.
		if _, err := (&ident.Parser{}).Parse(ind.Kind, ind.Value); err == nil {
			inds = append(inds, map[string]any{"kind": ind.Kind, "value": ind.Value})
		}
	}
	var rep struct {
		ReportID       string                 `json:"report_id"`
		FreezeRequests []*kuzet.FreezeRequest `json:"freeze_requests"`
	}
	err := d.post(ctx, "/v1/reports", d.police, map[string]any{"victim": r.Victim, "channel": r.Channel, "scheme": r.Scheme,
		"description": r.Description, "amount_lost": r.AmountLost, "currency": r.Currency, "indicators": inds,
		"transfers": transfers}, &rep)
	if err != nil {
		return err
	}
	d.repts++
	for _, c := range d.scamChecks[r.ScamID] {
		if err := d.post(ctx, "/v1/payments/"+c.id+"/outcome", c.key, map[string]string{"outcome": "fraud_confirmed"}, nil); err != nil {
			return err
		}
	}
	queue, hops := rep.FreezeRequests, 0
	for len(queue) > 0 {
		fr := queue[0]
		queue = queue[1:]
		d.raised++
		hops = max(hops, fr.Hop)
		if fr.Status != kuzet.FreezeOpen {
			continue
		}
		if !answer {
			d.open[fr.BankBIC]++
			continue
		}
		truth := r.Hops[fr.IBAN]
		ans := map[string]any{"status": kuzet.FreezeInsufficientFunds}
		if frozen := min(truth.Frozen, fr.Amount); frozen > 0 {
			ans = map[string]any{"status": kuzet.FreezeFrozen, "frozen_amount": frozen}
			d.frozen += frozen
		}
		var onward []kuzet.Transfer
		for _, t := range truth.Onward {
			t.At = now
			onward = append(onward, t)
		}
		ans["onward_transfers"] = onward
		var res struct{ Next []*kuzet.FreezeRequest }
		if err := d.post(ctx, "/v1/freeze-requests/"+fr.ID+"/response", d.banks[fr.BankBIC], ans, &res); err != nil {
			return err
		}
		queue = append(queue, res.Next...)
	}
	if hops > d.trailHops {
		d.trail, d.trailHops = rep.ReportID, hops
	}
	return nil
}

// print shows what the simulation did, from the API's own answers.
func (d *paymentDemo) print(ctx context.Context, env *Env, w *synth.PaymentWorld, days int, elapsed time.Duration) error {
	out := env.Stdout
	fmt.Fprintf(out, "Simulated payments through the API (%d day(s) of %d customers: %d checks, %d calls, %d victims' reports in %s):\n\n",
		days, w.Config.Customers, d.checks, d.calls, d.repts, elapsed.Round(time.Millisecond))
	tally := func(k string) paymentTally {
		if t := d.tallies[k]; t != nil {
			return *t
		}
		return paymentTally{}
	}
	scam, legit, mule := tally("scam"), tally("legitimate"), tally("mule")
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "  scam payments held or blocked\t%s\n", scam.share())
	fmt.Fprintf(tw, "  legitimate payments held or blocked\t%s, %d reviewed\n", legit.share(), legit.reviewed)
	fmt.Fprintf(tw, "  mules' onward transfers stopped\t%s\n", mule.share())
	tw.Flush()
	fmt.Fprintf(out, "  (a simulated day passes here in a moment, on an engine whose memory starts empty: a customer\n"+
		"  called from abroad stays \"on the call\" for the rest of the demo, and every payee is new, so more\n"+
		"  legitimate payments are held than on the simulation's own timeline; docs/payments.md has those figures)\n")

	status, body, err := d.api(ctx, http.MethodGet, "/v1/payments/prevented-loss", d.police, nil)
	if err != nil {
		return err
	}
	var loss struct {
		Totals []struct {
			Currency string
			Amount   kuzet.Amount
			Count    int64
		}
	}
	if status != http.StatusOK || json.Unmarshal(body, &loss) != nil {
		return fmt.Errorf("GET /v1/payments/prevented-loss: %d %.200s", status, body)
	}
	for _, t := range loss.Totals {
		fmt.Fprintf(out, "  prevented loss (GET /v1/payments/prevented-loss): %s %s in %d payments\n", t.Amount, t.Currency, t.Count)
	}
	fmt.Fprintf(out, "  freeze requests raised %d; frozen %s KZT\n", d.raised, d.frozen)
	if d.trail != "" {
		if err := d.printTrail(ctx, out); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "\n  Try it, with the variables exported below:\n")
	if d.trail != "" {
		fmt.Fprintf(out, "    curl -s -H \"Authorization: Bearer $POLICE\" $KUZET/v1/reports/%s/trail\n", d.trail)
	}
	for _, bic := range slices.Sorted(maps.Keys(d.open)) {
		fmt.Fprintf(out, "    curl -s -H \"Authorization: Bearer %s\" $KUZET/v1/freeze-requests?status=open   # %s: %d to answer\n",
			d.banks[bic], d.names[bic], d.open[bic])
	}
	if len(w.Listed) > 0 {
		fmt.Fprintf(out, "    # a payment to a known mule account, checked by a bank:\n"+
			"    curl -s -H \"Authorization: Bearer $BANK\" -H 'Content-Type: application/json' \\\n"+
			"      -d '{\"payment_id\":\"try-1\",\"amount\":150000,\"currency\":\"KZT\",\"payer\":{\"phone\":\"+77011234567\"},\"payee\":{\"iban\":\"%s\"}}' \\\n"+
			"      $KUZET/v1/payments/check\n", w.Listed[0].Value)
	}
	fmt.Fprintln(out)
	return nil
}

// printTrail prints the longest trail as the API answers it.
func (d *paymentDemo) printTrail(ctx context.Context, out io.Writer) error {
	status, body, err := d.api(ctx, http.MethodGet, "/v1/reports/"+d.trail+"/trail", d.police, nil)
	if err != nil {
		return err
	}
	var t freeze.Trail
	if status != http.StatusOK || json.Unmarshal(body, &t) != nil {
		return fmt.Errorf("GET /v1/reports/%s/trail: %d %.200s", d.trail, status, body)
	}
	fmt.Fprintf(out, "\n  The trail of one victim's money (GET /v1/reports/%s/trail, as the police):\n", d.trail)
	var walk func(ns []*freeze.TrailNode, depth int)
	walk = func(ns []*freeze.TrailNode, depth int) {
		for _, n := range ns {
			ind := strings.Repeat("  ", depth+2)
			switch n.Status {
			case kuzet.FreezeLeftSystem:
				fmt.Fprintf(out, "%shop %d  %s  left the system with %s %s\n", ind, n.Hop, n.IBAN, n.Amount, n.Currency)
			case kuzet.FreezeOpen:
				fmt.Fprintf(out, "%shop %d  %s  at %s: %s %s, awaiting the bank's answer\n", ind, n.Hop, n.IBAN, d.names[n.BankBIC], n.Amount, n.Currency)
			case kuzet.FreezeFrozen:
				fmt.Fprintf(out, "%shop %d  %s  at %s: frozen %s of %s %s\n", ind, n.Hop, n.IBAN, d.names[n.BankBIC],
					n.FrozenAmount, n.Amount, n.Currency)
			default:
				fmt.Fprintf(out, "%shop %d  %s  at %s: %s %s, %s\n", ind, n.Hop, n.IBAN, d.names[n.BankBIC], n.Amount, n.Currency, n.Status)
			}
			walk(n.Children, depth+1)
		}
	}
	walk(t.Requests, 0)
	fmt.Fprintf(out, "    in all: %d requests, %s frozen, %s gone abroad\n", t.Totals.Requests, t.Totals.Frozen, t.Totals.LeftSystem)
	return nil
}
