package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/cases"
	"github.com/kuzet/kuzet/synth"
)

// demoInvestigated is how many of the demo's top-ranked groups the police
// have worked through: suspects identified, the call centre found and shut
// down.
const demoInvestigated = 3

// playDemoInvestigations works the cases of the demo's top-ranked
// organised groups through the service the API's case endpoints call:
// the case goes under investigation, the people behind the group's SIM-box
// handsets and mule accounts become suspects (some foreigners, some
// detained, some brought to court), and the call centre its handsets and
// rotated numbers came from is found and shut down with its SIM boxes and
// SIM cards seized. What is recorded follows from what the victims named
// (synth.GroupOperation), so the briefing's police figures are the demo's
// own.
func playDemoInvestigations(ctx context.Context, w io.Writer, cs *cases.Service, police int64, groups []*cases.Group, seed uint64) error {
	now := time.Now().UTC()
	day := 24 * time.Hour
	done, worked := 0, map[string]bool{}
	for _, g := range groups {
		if done == demoInvestigated {
			break
		}
		if len(g.Cases) == 0 || worked[g.Cases[0]] {
			continue // two groups of one case: the case is worked once
		}
		var devices, numbers, mules []string
		for _, n := range g.Identifiers {
			kind, value, _ := strings.Cut(n, ":")
			switch kuzet.Kind(kind) {
			case kuzet.KindIMEI:
				devices = append(devices, value)
			case kuzet.KindPhone:
				numbers = append(numbers, value)
			case kuzet.KindIBAN:
				mules = append(mules, value)
			}
		}
		if len(devices) == 0 {
			continue // nothing leads to a call centre
		}
		v, err := cs.Case(ctx, police, g.Cases[0])
		if err != nil {
			return err
		}
		id := v.ID
		worked[id] = true
		op := synth.GroupOperation(seed, done, v.Region, devices, mules)
		if op.City == "" {
			op.City = "Almaty"
		}
		if v.Status == kuzet.CaseRegistered {
			st := kuzet.CaseUnderInvestigation
			if _, err := cs.Update(ctx, police, id, cases.Patch{Status: &st}); err != nil {
				return fmt.Errorf("case %s: %w", id, err)
			}
		}
		// The operators, one per handset, are found where the call centre
		// is: detained with it, and brought to court at home.
		var operators []string
		for i, p := range op.Operators {
			c, err := cs.PutSuspect(ctx, police, id, cases.SuspectInput{Name: p.Name, Citizenship: p.Citizenship,
				Identifiers: []kuzet.Indicator{{Kind: kuzet.KindIMEI, Value: devices[i]}}})
			if err != nil {
				return fmt.Errorf("case %s: suspect: %w", id, err)
			}
			operators = append(operators, c.Suspects[len(c.Suspects)-1].ID)
		}
		// The mules hold the accounts the victims paid; the first is
		// detained and charged, the second only identified.
		var detained []string
		for i, p := range op.Mules {
			c, err := cs.PutSuspect(ctx, police, id, cases.SuspectInput{Name: p.Name, Citizenship: p.Citizenship,
				Identifiers: []kuzet.Indicator{{Kind: kuzet.KindIBAN, Value: mules[i]}}})
			if err != nil {
				return fmt.Errorf("case %s: suspect: %w", id, err)
			}
			if i == 0 {
				detained = append(detained, c.Suspects[len(c.Suspects)-1].ID)
			}
		}
		c, err := cs.PutCallCentre(ctx, police, id, cases.CallCentreInput{Country: op.Country, City: op.City,
			FoundAt: now.Add(-20 * day), Partner: op.Partner, SimboxIMEIs: devices, Numbers: numbers, SuspectIDs: operators})
		if err != nil {
			return fmt.Errorf("case %s: call centre: %w", id, err)
		}
		cc := c.CallCentres[len(c.CallCentres)-1]
		sims := int64(0)
		for _, p := range op.Ports {
			sims += int64(p)
		}
		shut := now.Add(-10 * day)
		if _, err := cs.PutCallCentre(ctx, police, id, cases.CallCentreInput{ID: cc.ID, ShutDownAt: shut,
			SIMBoxesSeized: int64(len(devices)), SIMsSeized: sims}); err != nil {
			return fmt.Errorf("case %s: shut down: %w", id, err)
		}
		detained = append(detained, operators...)
		for i, sid := range detained {
			in := cases.SuspectInput{ID: sid, DetainedAt: shut.Add(time.Duration(i) * time.Hour),
				Charge: "fraud committed by an organised group (Criminal Code art. 190 part 4)"}
			if done == 0 && i < 2 {
				in.CourtAt = now.Add(-2 * day)
			}
			if _, err := cs.PutSuspect(ctx, police, id, in); err != nil {
				return fmt.Errorf("case %s: detention: %w", id, err)
			}
		}
		if done == 0 {
			st := kuzet.CaseSentToCourt
			if _, err := cs.Update(ctx, police, id, cases.Patch{Status: &st}); err != nil {
				return fmt.Errorf("case %s: %w", id, err)
			}
		}
		fmt.Fprintf(w, "Case %s: %s shut down, %d SIM boxes and %d SIM cards seized, %d suspects.\n",
			id, op, len(devices), sims, len(op.Operators)+len(op.Mules))
		done++
	}
	return nil
}
