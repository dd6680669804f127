package freeze_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/freeze"
)

// victimReport is the acceptance check's report: 400,000 KZT from Bank One
// to a mule at Bank Two, the bank left out for the IBAN's code to name.
func victimReport(mule string) freeze.ReportInput {
	return freeze.ReportInput{
		Victim:  kuzet.Victim{Name: "Test Victim", Phone: "+77011000009", Region: "Almaty"},
		Channel: "phone_call", Scheme: "fake_bank_security", Description: "test",
		AmountLost: 40000000, Currency: "KZT",
		Indicators: []freeze.IndicatorRef{{Kind: kuzet.KindPhone, Value: "8 777 555 00 11"}},
		Transfers:  []kuzet.Transfer{{FromBankBIC: "BANKKZKA", ToIBAN: mule, Amount: 40000000, At: base.Add(-time.Hour)}},
	}
}

// TestFreezeTrail follows the money over two hops across three banks:
// Bank One's customer pays a mule at Bank Two, who forwards part to Bank
// Three, which sends some on abroad.
func TestFreezeTrail(t *testing.T) {
	f := newFixture(t, freeze.Config{})
	ctx := context.Background()
	mule, next := iban("826", 4242), iban("914", 9999)
	abroad := "GE29NB0000000101904917"

	res, err := f.service.NewReport(ctx, police, victimReport(mule))
	must(t, "report", err)
	r := res.Report
	if !strings.HasPrefix(r.ID, "rep_") || !strings.HasPrefix(r.CaseID, "case_") || r.OrgID != police ||
		r.Transfers[0].ToBankBIC != "BANKKZKB" {
		t.Errorf("report: got %+v", r)
	}
	wantInds := []kuzet.Indicator{{Kind: kuzet.KindPhone, Value: "+77775550011"}, {Kind: kuzet.KindIBAN, Value: mule}}
	if !slices.Equal(res.Indicators, wantInds) {
		t.Errorf("indicators: got %v, want %v", res.Indicators, wantInds)
	}
	if subs := res.Submissions(); len(subs) != 2 || subs[1].Category != kuzet.CategoryVictimReport || subs[1].Confidence != freeze.ReportConfidence {
		t.Errorf("submissions: got %+v", subs)
	}
	if len(res.FreezeRequests) != 1 {
		t.Fatalf("freeze requests: got %d, want 1", len(res.FreezeRequests))
	}
	first := res.FreezeRequests[0]
	if first.OrgID != bankTwo || first.Status != kuzet.FreezeOpen || first.Hop != 1 || first.Amount != 40000000 ||
		!first.DueAt.Equal(base.Add(30*time.Minute)) || first.FromBankBIC != "BANKKZKA" {
		t.Errorf("first request: got %+v", first)
	}

	inbox := func(org int64) []freeze.Item {
		t.Helper()
		reqs, err := f.service.Inbox(ctx, org, kuzet.FreezeOpen)
		must(t, "inbox", err)
		return reqs
	}
	if got := inbox(bankTwo); len(got) != 1 || got[0].ID != first.ID {
		t.Errorf("bank two's inbox: got %v, want the request", got)
	}
	if got := inbox(bankThree); len(got) != 0 {
		t.Errorf("bank three's inbox: got %v, want nothing yet", got)
	}

	f.clock.Add(10 * time.Minute)
	ans, err := f.service.Respond(ctx, bankTwo, first.ID, freeze.FreezeResponse{
		Status: kuzet.FreezeFrozen, FrozenAmount: 15000000,
		Onward: []kuzet.Transfer{{ToIBAN: next, ToBankBIC: "BANKKZKC", Amount: 25000000, At: base}},
	})
	must(t, "respond", err)
	if ans.Request.Status != kuzet.FreezeFrozen || ans.Request.FrozenUntil.IsZero() || len(ans.Next) != 1 {
		t.Fatalf("answer: got %+v", ans)
	}
	// Wednesday 12:10 plus five business days is the next Wednesday.
	if want := base.Add(10*time.Minute).AddDate(0, 0, 7); !ans.Request.FrozenUntil.Equal(want) {
		t.Errorf("frozen until: got %v, want %v", ans.Request.FrozenUntil, want)
	}
	second := ans.Next[0]
	if second.OrgID != bankThree || second.Hop != 2 || second.ParentID != first.ID || second.FromBankBIC != "BANKKZKB" ||
		second.Amount != 25000000 || second.CaseID != r.CaseID {
		t.Errorf("second request: got %+v", second)
	}
	if got := inbox(bankThree); len(got) != 1 || got[0].ID != second.ID {
		t.Errorf("bank three's inbox: got %v, want the next hop", got)
	}
	if got := inbox(bankTwo); len(got) != 0 {
		t.Errorf("bank two's open inbox: got %v, want it answered", got)
	}

	// Bank Three froze part; the rest left for Georgia.
	ans, err = f.service.Respond(ctx, bankThree, second.ID, freeze.FreezeResponse{
		Status: kuzet.FreezeInsufficientFunds, FrozenAmount: 5000000,
		Onward: []kuzet.Transfer{{ToIBAN: abroad, Amount: 20000000}},
	})
	must(t, "respond", err)
	if len(ans.Next) != 1 || ans.Next[0].Status != kuzet.FreezeLeftSystem || ans.Next[0].OrgID != 0 {
		t.Errorf("abroad: got %+v, want a left_system leaf", ans.Next)
	}

	trail, err := f.service.Trail(ctx, freeze.Viewer{OrgID: police}, r.ID)
	must(t, "trail", err)
	if len(trail.Requests) != 1 || trail.Requests[0].ID != first.ID || len(trail.Requests[0].Children) != 1 ||
		trail.Requests[0].Children[0].ID != second.ID || len(trail.Requests[0].Children[0].Children) != 1 {
		t.Fatalf("trail: got %+v", trail.Requests)
	}
	want := freeze.TrailTotals{Frozen: 20000000, LeftSystem: 20000000, Requests: 3, Hops: 3}
	if trail.Totals != want {
		t.Errorf("totals: got %+v, want %+v", trail.Totals, want)
	}
	actions := f.auditActions(t)
	// Every read of an inbox is audited, as every answer and the trail.
	wantActions := []string{kuzet.AuditReportCreate, kuzet.AuditFreezeRead, kuzet.AuditFreezeRead, kuzet.AuditFreezeRespond,
		kuzet.AuditFreezeRead, kuzet.AuditFreezeRead, kuzet.AuditFreezeRespond, kuzet.AuditReportRead}
	if !slices.Equal(actions, wantActions) {
		t.Errorf("audit: got %v, want %v", actions, wantActions)
	}
}

func TestFreezeTenancy(t *testing.T) {
	f := newFixture(t, freeze.Config{})
	ctx := context.Background()
	res, err := f.service.NewReport(ctx, bankOne, victimReport(iban("826", 1)))
	must(t, "report", err)
	id := res.FreezeRequests[0].ID

	if _, err := f.service.FreezeRequest(ctx, bankThree, id); kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
		t.Errorf("another bank reads: got %v, want %s", err, kuzet.ENOTFOUND)
	}
	if r, err := f.service.FreezeRequest(ctx, bankTwo, id); err != nil || r.ID != id {
		t.Errorf("its bank reads: got %v, %v", r, err)
	}
	answer := freeze.FreezeResponse{Status: kuzet.FreezeFrozen, FrozenAmount: 100}
	if _, err := f.service.Respond(ctx, bankThree, id, answer); kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
		t.Errorf("another bank answers: got %v, want %s", err, kuzet.ENOTFOUND)
	}
	if got, _ := f.service.Inbox(ctx, bankThree, ""); len(got) != 0 {
		t.Errorf("another bank's inbox: got %v, want nothing", got)
	}
	if _, err := f.service.Inbox(ctx, 0, ""); kuzet.ErrorCode(err) != kuzet.EFORBIDDEN {
		t.Errorf("inbox of no bank: got %v, want %s", err, kuzet.EFORBIDDEN)
	}
	// The trail is the filer's, and everyone's who sees all cases.
	if _, err := f.service.Trail(ctx, freeze.Viewer{OrgID: bankTwo}, res.Report.ID); kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
		t.Errorf("another bank's trail: got %v, want %s", err, kuzet.ENOTFOUND)
	}
	for _, v := range []freeze.Viewer{{OrgID: bankOne}, {OrgID: police, SeeAll: true}} {
		if _, err := f.service.Trail(ctx, v, res.Report.ID); err != nil {
			t.Errorf("trail for %+v: %v", v, err)
		}
	}
	_, err = f.service.Respond(ctx, bankTwo, id, answer)
	must(t, "answer", err)
	if _, err := f.service.Respond(ctx, bankTwo, id, answer); kuzet.ErrorCode(err) != kuzet.ECONFLICT {
		t.Errorf("second answer: got %v, want %s", err, kuzet.ECONFLICT)
	}
}

func TestFreezeRouting(t *testing.T) {
	f := newFixture(t, freeze.Config{})
	in := victimReport(iban("826", 1))
	in.Transfers = []kuzet.Transfer{
		{ToIBAN: iban("826", 1), Amount: 100},                          // bank code 826: Bank Two
		{ToIBAN: iban("826", 1), Amount: 50},                           // the same account: one request
		{ToIBAN: iban("123", 5), ToBankBIC: "BANKKZKCXXX", Amount: 70}, // a branch BIC of Bank Three
		{ToIBAN: iban("555", 6), Amount: 30},                           // no member bank has code 555
	}
	res, err := f.service.NewReport(context.Background(), police, in)
	must(t, "report", err)
	type got struct {
		org    int64
		status kuzet.FreezeStatus
		amount kuzet.Amount
	}
	var gs []got
	for _, r := range res.FreezeRequests {
		gs = append(gs, got{r.OrgID, r.Status, r.Amount})
	}
	want := []got{{bankTwo, kuzet.FreezeOpen, 150}, {bankThree, kuzet.FreezeOpen, 70}, {0, kuzet.FreezeLeftSystem, 30}}
	if !slices.Equal(gs, want) {
		t.Errorf("requests: got %v, want %v", gs, want)
	}
}

func TestFreezeValidation(t *testing.T) {
	f := newFixture(t, freeze.Config{})
	ctx := context.Background()
	reports := []struct {
		name   string
		edit   func(in *freeze.ReportInput)
		fields []string
	}{
		{"no victim name", func(in *freeze.ReportInput) { in.Victim.Name = "" }, []string{"victim.name"}},
		{"bad victim phone", func(in *freeze.ReportInput) { in.Victim.Phone = "x" }, []string{"victim.phone"}},
		{"bad currency", func(in *freeze.ReportInput) { in.Currency = "KZX" }, []string{"currency"}},
		{"negative loss", func(in *freeze.ReportInput) { in.AmountLost = -1 }, []string{"amount_lost"}},
		{"bad indicator kind", func(in *freeze.ReportInput) { in.Indicators[0].Kind = "shoe" }, []string{"indicators[0].kind"}},
		{"bad indicator value", func(in *freeze.ReportInput) { in.Indicators[0].Value = "1" }, []string{"indicators[0].value"}},
		{"bad to_iban", func(in *freeze.ReportInput) { in.Transfers[0].ToIBAN = "KZ00BROKEN" }, []string{"transfers[0].to_iban"}},
		{"missing to_iban", func(in *freeze.ReportInput) { in.Transfers[0].ToIBAN = "" }, []string{"transfers[0].to_iban"}},
		{"transfer amount", func(in *freeze.ReportInput) { in.Transfers[0].Amount = 0 }, []string{"transfers[0].amount"}},
		{"transfer BIC", func(in *freeze.ReportInput) { in.Transfers[0].ToBankBIC = "B" }, []string{"transfers[0].to_bank_bic"}},
	}
	for _, tc := range reports {
		t.Run(tc.name, func(t *testing.T) {
			in := victimReport(iban("826", 1))
			tc.edit(&in)
			_, err := f.service.NewReport(ctx, police, in)
			if kuzet.ErrorCode(err) != kuzet.EINVALID || !slices.Equal(fields(err), tc.fields) {
				t.Errorf("got %v %v, want %s on %v", err, fields(err), kuzet.EINVALID, tc.fields)
			}
		})
	}

	res, err := f.service.NewReport(ctx, police, victimReport(iban("826", 1)))
	must(t, "report", err)
	id := res.FreezeRequests[0].ID
	answers := []struct {
		name   string
		in     freeze.FreezeResponse
		fields []string
	}{
		{"unknown status", freeze.FreezeResponse{Status: "maybe"}, []string{"status"}},
		{"open is no answer", freeze.FreezeResponse{Status: kuzet.FreezeOpen}, []string{"status"}},
		{"frozen nothing", freeze.FreezeResponse{Status: kuzet.FreezeFrozen}, []string{"frozen_amount"}},
		{"rejected with money", freeze.FreezeResponse{Status: kuzet.FreezeRejected, FrozenAmount: 5}, []string{"frozen_amount"}},
		{"not found but onward", freeze.FreezeResponse{Status: kuzet.FreezeAccountNotFound,
			Onward: []kuzet.Transfer{{ToIBAN: iban("914", 1), Amount: 1}}}, []string{"onward_transfers"}},
		{"more than reached it", freeze.FreezeResponse{Status: kuzet.FreezeFrozen, FrozenAmount: 40000001}, []string{"frozen_amount"}},
		{"bad onward", freeze.FreezeResponse{Status: kuzet.FreezeInsufficientFunds,
			Onward: []kuzet.Transfer{{ToIBAN: "nope", Amount: 1}}}, []string{"onward_transfers[0].to_iban"}},
	}
	for _, tc := range answers {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.service.Respond(ctx, bankTwo, id, tc.in)
			if kuzet.ErrorCode(err) != kuzet.EINVALID || !slices.Equal(fields(err), tc.fields) {
				t.Errorf("got %v %v, want %s on %v", err, fields(err), kuzet.EINVALID, tc.fields)
			}
		})
	}
	if r, _ := f.service.FreezeRequest(ctx, bankTwo, id); r.Status != kuzet.FreezeOpen {
		t.Errorf("after rejected answers: got %s, want still open", r.Status)
	}
}

// TestFreezeTrailAddsUp: an answer whose onward transfers do not add up with
// the money that arrived is refused, so no amount is counted twice down the
// trail.
func TestFreezeTrailAddsUp(t *testing.T) {
	f := newFixture(t, freeze.Config{})
	ctx := context.Background()
	mule, other, next := iban("826", 1), iban("914", 2), iban("914", 3)
	in := victimReport(mule)
	in.Transfers = append(in.Transfers, kuzet.Transfer{ToIBAN: other, Amount: 1000, At: base.Add(-time.Hour)})
	res, err := f.service.NewReport(ctx, police, in)
	must(t, "report", err)
	id := res.FreezeRequests[0].ID // 400,000 KZT at mule since base-1h
	onward := func(to string, amount kuzet.Amount, at time.Time) []kuzet.Transfer {
		return []kuzet.Transfer{{ToIBAN: to, Amount: amount, At: at}}
	}
	answers := []struct {
		name   string
		in     freeze.FreezeResponse
		fields []string
	}{
		{"sent on more than arrived", freeze.FreezeResponse{Status: kuzet.FreezeInsufficientFunds,
			Onward: onward(next, 40000001, base)}, []string{"onward_transfers"}},
		{"frozen and sent on more than arrived", freeze.FreezeResponse{Status: kuzet.FreezeFrozen, FrozenAmount: 30000000,
			Onward: []kuzet.Transfer{{ToIBAN: next, Amount: 6000000}, {ToIBAN: iban("722", 9), Amount: 6000000}}},
			[]string{"onward_transfers"}},
		{"back to itself", freeze.FreezeResponse{Status: kuzet.FreezeInsufficientFunds,
			Onward: onward(mule, 100, base)}, []string{"onward_transfers[0].to_iban"}},
		{"to an account of the trail", freeze.FreezeResponse{Status: kuzet.FreezeInsufficientFunds,
			Onward: onward(other, 100, base)}, []string{"onward_transfers[0].to_iban"}},
		{"before the money arrived", freeze.FreezeResponse{Status: kuzet.FreezeInsufficientFunds,
			Onward: onward(next, 100, base.Add(-2*time.Hour))}, []string{"onward_transfers[0].at"}},
	}
	for _, tc := range answers {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.service.Respond(ctx, bankTwo, id, tc.in)
			if kuzet.ErrorCode(err) != kuzet.EINVALID || !slices.Equal(fields(err), tc.fields) {
				t.Errorf("got %v %v, want %s on %v", err, fields(err), kuzet.EINVALID, tc.fields)
			}
		})
	}

	// What adds up goes through; the next hop cannot send it back up the
	// path.
	ans, err := f.service.Respond(ctx, bankTwo, id, freeze.FreezeResponse{Status: kuzet.FreezeFrozen, FrozenAmount: 10000000,
		Onward: onward(next, 30000000, base)})
	must(t, "respond", err)
	_, err = f.service.Respond(ctx, bankThree, ans.Next[0].ID, freeze.FreezeResponse{Status: kuzet.FreezeInsufficientFunds,
		Onward: onward(mule, 100, base.Add(time.Minute))})
	if kuzet.ErrorCode(err) != kuzet.EINVALID || !slices.Equal(fields(err), []string{"onward_transfers[0].to_iban"}) {
		t.Errorf("a cycle: got %v %v, want %s on onward_transfers[0].to_iban", err, fields(err), kuzet.EINVALID)
	}
	trail, err := f.service.Trail(ctx, freeze.Viewer{OrgID: police}, res.Report.ID)
	must(t, "trail", err)
	if trail.Totals.Frozen != 10000000 {
		t.Errorf("frozen: got %s, want 100000", trail.Totals.Frozen)
	}
}

func TestFreezeMaxHops(t *testing.T) {
	f := newFixture(t, freeze.Config{MaxHops: 2})
	ctx := context.Background()
	res, err := f.service.NewReport(ctx, police, victimReport(iban("826", 1)))
	must(t, "report", err)
	onward := func(code string) freeze.FreezeResponse {
		return freeze.FreezeResponse{Status: kuzet.FreezeInsufficientFunds, Onward: []kuzet.Transfer{{ToIBAN: iban(code, 2), Amount: 10}}}
	}
	ans, err := f.service.Respond(ctx, bankTwo, res.FreezeRequests[0].ID, onward("914"))
	must(t, "hop 1", err)
	_, err = f.service.Respond(ctx, bankThree, ans.Next[0].ID, onward("722"))
	if kuzet.ErrorCode(err) != kuzet.EINVALID || !slices.Equal(fields(err), []string{"onward_transfers"}) {
		t.Errorf("beyond the last hop: got %v, want %s on onward_transfers", err, kuzet.EINVALID)
	}
}

func TestFreezeEscalation(t *testing.T) {
	f := newFixture(t, freeze.Config{})
	ctx := context.Background()
	res, err := f.service.NewReport(ctx, police, victimReport(iban("826", 1)))
	must(t, "report", err)
	id := res.FreezeRequests[0].ID

	f.clock.Add(29 * time.Minute)
	esc, err := f.service.Escalate(ctx)
	must(t, "escalate", err)
	if len(esc) != 0 {
		t.Errorf("before the deadline: got %d escalated, want none", len(esc))
	}
	f.clock.Add(2 * time.Minute)
	esc, err = f.service.Escalate(ctx)
	must(t, "escalate", err)
	if len(esc) != 1 || esc[0].ID != id || !esc[0].EscalatedAt.Equal(f.clock.Now()) {
		t.Errorf("after the deadline: got %+v, want the request escalated now", esc)
	}
	esc, err = f.service.Escalate(ctx)
	must(t, "escalate", err)
	if len(esc) != 0 {
		t.Errorf("again: got %d, want each escalated once", len(esc))
	}
	over, err := f.service.Overdue(ctx, police)
	must(t, "overdue", err)
	if len(over) != 1 || !over[0].Overdue {
		t.Errorf("overdue: got %v", over)
	}
	trail, err := f.service.Trail(ctx, freeze.Viewer{OrgID: police}, res.Report.ID)
	must(t, "trail", err)
	if !trail.Requests[0].Overdue || trail.Totals.Overdue != 1 || trail.Totals.Open != 1 {
		t.Errorf("trail: got %+v, want the request shown overdue", trail.Totals)
	}
	// A late answer is still taken, and the request is no longer overdue.
	_, err = f.service.Respond(ctx, bankTwo, id, freeze.FreezeResponse{Status: kuzet.FreezeAccountNotFound})
	must(t, "late answer", err)
	if over, _ := f.service.Overdue(ctx, police); len(over) != 0 {
		t.Errorf("overdue after the answer: got %v", over)
	}
}
