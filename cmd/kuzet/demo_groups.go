package main

import (
	"context"
	"fmt"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/freeze"
	"github.com/kuzet/kuzet/synth"
)

// Size of the demo's organised groups: small enough to keep the demo's
// start quick (a few hundred reports), big enough to rank.
const (
	demoGroups     = 12
	demoLoneReport = 40
)

// playDemoGroups files the victims' reports of the synthetic organised
// groups — call centres with their rotated numbers, mule accounts, SIM-box
// handsets and phishing domains — through the service POST /v1/reports
// uses, half from banks on their customers' behalf and half from the
// citizens' portal, and prints the group most worth opening.
func playDemoGroups(ctx context.Context, env *Env, m *Main, keys []demoKey, seed uint64) error {
	if m.Payments == nil || m.Payments.Freeze == nil || m.Cases == nil {
		return nil
	}
	var filers []int64
	var police string
	var policeID int64
	for _, k := range keys {
		switch k.org.Type {
		case kuzet.OrgBank, kuzet.OrgPublic:
			filers = append(filers, k.org.ID)
		case kuzet.OrgPolice:
			police, policeID = k.secret, k.org.ID
		}
	}
	if len(filers) == 0 {
		return nil
	}
	start := time.Now()
	reports := synth.Groups(synth.GroupsConfig{Seed: seed, Groups: demoGroups, Lone: demoLoneReport})
	channels := []string{"call", "messenger", "sms", "website"}
	schemes := []string{"fake_bank_security", "investment", "marketplace_prepayment", "relative_in_trouble"}
	valid := demoValues{}
	for i, r := range reports {
		in := freeze.ReportInput{
			Victim: kuzet.Victim{Name: fmt.Sprintf("Victim %d", i+1), Phone: fmt.Sprintf("+7701%07d", 5000000+i),
				Region: r.Region},
			Channel: channels[i%len(channels)], Scheme: schemes[max(r.Group, 0)%len(schemes)],
			Description: "synthetic report of an organised group", AmountLost: r.AmountLost, Currency: "KZT",
		}
		for _, ind := range r.Indicators {
			in.Indicators = append(in.Indicators, freeze.IndicatorRef{Kind: ind.Kind, Value: valid.of(ind)})
		}
		if _, err := m.Payments.Freeze.NewReport(ctx, filers[i%len(filers)], in); err != nil {
			return fmt.Errorf("report %d of the organised groups: %w", i+1, err)
		}
	}
	groups, err := m.Cases.Groups(ctx)
	if err != nil {
		return err
	}
	w := env.Stdout
	if policeID != 0 {
		if err := playDemoInvestigations(ctx, w, m.Cases, policeID, groups, seed); err != nil {
			return fmt.Errorf("investigations: %w", err)
		}
	}
	fmt.Fprintf(w, "Organised groups: %d victims' reports filed through the API's service in %s; the link graph shows %d groups.\n",
		len(reports), time.Since(start).Round(time.Millisecond), len(groups))
	if len(groups) > 0 {
		g := groups[0]
		fmt.Fprintf(w, "One worth opening: %s — %d victims, %s lost, %d shared identifiers (%d reports).\n",
			g.ID, g.Victims, demoMoney(g.Lost), len(g.Identifiers), len(g.Reports))
		fmt.Fprintf(w, "  curl -s -H \"Authorization: Bearer %s\" %s/v1/graph/groups\n", police, m.URL())
		fmt.Fprintf(w, "  curl -s -H \"Authorization: Bearer %s\" -H 'Content-Type: application/json' -d '{\"from_group\":%q}' %s/v1/cases\n\n",
			police, g.ID, m.URL())
	}
	return nil
}

// demoValues gives the generator's placeholder account numbers and
// handsets valid forms (IBAN check digits, an IMEI's Luhn digit), the same
// for the same placeholder.
type demoValues map[string]string

func (d demoValues) of(ind kuzet.Indicator) string {
	if v, ok := d[ind.Value]; ok {
		return v
	}
	v := ind.Value
	switch ind.Kind {
	case kuzet.KindIBAN:
		v = synth.KZIBAN("722", fmt.Sprintf("%013d", len(d)))
	case kuzet.KindIMEI:
		body := fmt.Sprintf("%014d", 35_000_000_000_000+len(d))
		v = body + string(demoLuhn(body))
	}
	d[ind.Value] = v
	return v
}

// demoLuhn returns the digit that makes body pass the Luhn check.
func demoLuhn(body string) byte {
	sum := 0
	for i := len(body) - 1; i >= 0; i-- {
		n := int(body[i] - '0')
		if (len(body)-1-i)%2 == 0 {
			if n *= 2; n > 9 {
				n -= 9
			}
		}
		sum += n
	}
	return byte('0' + (10-sum%10)%10)
}

// demoMoney writes sums by currency in whole units.
func demoMoney(lost map[string]kuzet.Amount) string {
	s := ""
	for cur, a := range lost {
		if s != "" {
			s += ", "
		}
		s += fmt.Sprintf("%d %s", int64(a)/100, cur)
	}
	if s == "" {
		return "nothing"
	}
	return s
}
