package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
)

// payCheck returns a check record of org made at at, with every field set.
func payCheck(id string, org int64, at time.Time, d kuzet.Decision) *kuzet.CheckRecord {
	c := &kuzet.CheckRecord{
		ID: id, OrgID: org, Decision: d, Score: 0.65, RulesVersion: "default-2@0123456789ab", CheckedAt: at,
		Reasons: []kuzet.PaymentReason{{Code: "active_call_foreign", Detail: "You are, or just were, on a call from abroad."},
			{Code: "new_payee_during_call", Detail: "A first payment to this recipient during a suspicious call."}},
		Check: kuzet.PaymentCheck{
			PaymentID: "pay-" + id, Amount: 15_000_050, Currency: "KZT", CreatedAt: at.Add(-time.Second), Channel: "mobile_app",
			Payer: kuzet.Payer{Account: "KZ86125KZT5004100100", Phone: "+77011234567", CustomerID: "cust-1",
				DeviceID: "dev-1", IP: "95.56.1.2", Region: "Almaty",
				OnCall: true, RemoteAccess: d == kuzet.DecisionHold, NewDevice: d != kuzet.DecisionAllow}, // the session's flags, mixed
			Payee: kuzet.Payee{IBAN: "KZ75722C000000000042", Card: "tok:5fa2c7", Phone: "+77021234567", BankBIC: "CASPKZKA",
				Name: "Асель Н."},
		},
		Signals: map[string]float64{"amount": 150000.5, "call_foreign": 1, "payee_age_hours": 0.25},
	}
	if d == kuzet.DecisionHold {
		c.HoldUntil = at.Add(2 * time.Hour)
	}
	return c
}

// storedCheckRecord is c as the stores give it back.
func storedCheckRecord(c kuzet.CheckRecord) kuzet.CheckRecord {
	c.CheckedAt, c.Check.CreatedAt = us(c.CheckedAt), us(c.Check.CreatedAt)
	if !c.HoldUntil.IsZero() {
		c.HoldUntil = us(c.HoldUntil)
	}
	if !c.OutcomeAt.IsZero() {
		c.OutcomeAt = us(c.OutcomeAt)
	}
	return c
}

func findChecks(t *testing.T, s kuzet.Store, f kuzet.CheckFilter) []string {
	t.Helper()
	var ids []string
	for _, c := range find(t, s, "find checks", kuzet.Tx.FindChecks, f) {
		ids = append(ids, c.ID)
	}
	return ids
}

func testPayments(t *testing.T, open func(t *testing.T) kuzet.Store) {
	t.Run("Checks", func(t *testing.T) {
		s := open(t)
		checks := []*kuzet.CheckRecord{
			payCheck("chk_a_1", 1, base, kuzet.DecisionAllow),
			payCheck("chk_a_2", 1, base.Add(time.Minute), kuzet.DecisionHold),
			payCheck("chk_b_1", 2, base.Add(time.Minute), kuzet.DecisionAllow),
			payCheck("chk_a_3", 1, base.Add(time.Minute), kuzet.DecisionBlock), // same time as chk_a_2: ID breaks the tie
			payCheck("chk_a_4", 1, base.Add(time.Hour), kuzet.DecisionAllow),
		}
		want := map[string]kuzet.CheckRecord{}
		for _, c := range checks {
			want[c.ID] = storedCheckRecord(*c)
		}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "put checks", tx.PutChecks(ctx, checks[:3]))
			must(t, "put checks", tx.PutChecks(ctx, checks[3:]))
		})
		same(t, "put checks sets stored times", *checks[1], want["chk_a_2"])
		// A writer retrying a batch: the stored check is left as it is.
		again := payCheck("chk_a_1", 1, base.Add(24*time.Hour), kuzet.DecisionBlock)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "put checks again", tx.PutChecks(ctx, []*kuzet.CheckRecord{again}))
		})
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			for _, id := range []string{"chk_a_1", "chk_a_2", "chk_a_4"} {
				got, err := tx.FindCheck(ctx, 1, id)
				must(t, "find check", err)
				same(t, "found check", *got, want[id])
			}
			// Tenancy: another bank's check is not found, whoever asks.
			_, err := tx.FindCheck(ctx, 1, "chk_b_1")
			wantCode(t, "another bank's check", err, kuzet.ENOTFOUND)
			_, err = tx.FindCheck(ctx, 2, "chk_a_1")
			wantCode(t, "another bank's check", err, kuzet.ENOTFOUND)
			_, err = tx.FindCheck(ctx, 1, "chk_none")
			wantCode(t, "no such check", err, kuzet.ENOTFOUND)
		})

		for _, tc := range []struct {
			name string
			f    kuzet.CheckFilter
			want []string
		}{
			{"a bank's own, newest first", kuzet.CheckFilter{OrgID: 1}, []string{"chk_a_4", "chk_a_3", "chk_a_2", "chk_a_1"}},
			{"the other bank's", kuzet.CheckFilter{OrgID: 2}, []string{"chk_b_1"}},
			{"a bank with none", kuzet.CheckFilter{OrgID: 3}, nil},
			{"from included", kuzet.CheckFilter{OrgID: 1, From: base.Add(time.Minute)}, []string{"chk_a_4", "chk_a_3", "chk_a_2"}},
			{"to excluded", kuzet.CheckFilter{OrgID: 1, To: base.Add(time.Hour)}, []string{"chk_a_3", "chk_a_2", "chk_a_1"}},
			{"by decision", kuzet.CheckFilter{OrgID: 1, Decision: kuzet.DecisionHold}, []string{"chk_a_2"}},
			{"limited", kuzet.CheckFilter{OrgID: 1, Limit: 2}, []string{"chk_a_4", "chk_a_3"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				same(t, "checks", findChecks(t, s, tc.f), tc.want)
			})
		}

		outcomeAt := base.Add(2 * time.Hour)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "set outcome", tx.SetCheckOutcome(ctx, 1, "chk_a_2", kuzet.OutcomeFraud, outcomeAt))
			err := tx.SetCheckOutcome(ctx, 2, "chk_a_3", kuzet.OutcomeFraud, outcomeAt)
			wantCode(t, "outcome of another bank's check", err, kuzet.ENOTFOUND)
			err = tx.SetCheckOutcome(ctx, 1, "chk_none", kuzet.OutcomeFraud, outcomeAt)
			wantCode(t, "outcome of no check", err, kuzet.ENOTFOUND)
		})
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			got, err := tx.FindCheck(ctx, 1, "chk_a_2")
			must(t, "find check", err)
			w := want["chk_a_2"]
			w.Outcome, w.OutcomeAt = kuzet.OutcomeFraud, us(outcomeAt)
			same(t, "check with outcome", *got, w)
			got, err = tx.FindCheck(ctx, 1, "chk_a_3")
			must(t, "find check", err)
			if got.Outcome != "" {
				t.Errorf("check of the failed outcome: got outcome %q, want none", got.Outcome)
			}
		})

		// The scan for the rebuild: every bank's, by time then ID.
		var scanned []string
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "scan checks", tx.ScanChecks(ctx, base.Add(time.Minute), func(c *kuzet.CheckRecord) error {
				scanned = append(scanned, c.ID)
				return nil
			}))
			n := 0
			err := tx.ScanChecks(ctx, time.Time{}, func(*kuzet.CheckRecord) error {
				n++
				return errStop
			})
			if !errors.Is(err, errStop) || n != 1 {
				t.Errorf("scan stopped by its callback: got %v after %d, want errStop after 1", err, n)
			}
		})
		same(t, "scanned checks", scanned, []string{"chk_a_2", "chk_a_3", "chk_b_1", "chk_a_4"})
	})

	// The stores merge each bank's checks for the scan: the order must be
	// one across banks, by time, then by ID whichever bank's it is.
	t.Run("ScanChecksAcrossBanks", func(t *testing.T) {
		s := open(t)
		at := func(min int) time.Time { return base.Add(time.Duration(min) * time.Minute) }
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "put checks", tx.PutChecks(ctx, []*kuzet.CheckRecord{
				payCheck("chk_z_1", 1, at(0), kuzet.DecisionAllow), // before since
				payCheck("chk_y_1", 3, at(1), kuzet.DecisionAllow),
				payCheck("chk_m_1", 1, at(2), kuzet.DecisionAllow),
				payCheck("chk_a_1", 3, at(2), kuzet.DecisionHold), // a tie: the later bank's ID first
				payCheck("chk_q_1", 7, at(2), kuzet.DecisionAllow),
				payCheck("chk_b_1", 7, at(3), kuzet.DecisionAllow),
				payCheck("chk_z_2", 1, at(4), kuzet.DecisionAllow),
				payCheck("chk_c_1", 3, at(4), kuzet.DecisionAllow),
				payCheck("chk_x_1", 7, at(9), kuzet.DecisionAllow),
			}))
		})
		var scanned []string
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "scan checks", tx.ScanChecks(ctx, at(1), func(c *kuzet.CheckRecord) error {
				scanned = append(scanned, c.ID)
				return nil
			}))
		})
		same(t, "scanned checks", scanned, []string{"chk_y_1", "chk_a_1", "chk_m_1", "chk_q_1", "chk_b_1", "chk_c_1",
			"chk_z_2", "chk_x_1"})
		// No checks at all, and none since: nothing to merge.
		empty := open(t)
		for _, st := range []struct {
			s     kuzet.Store
			since time.Time
		}{{empty, time.Time{}}, {s, at(10)}} {
			view(t, st.s, func(ctx context.Context, tx kuzet.Tx) {
				must(t, "scan checks", tx.ScanChecks(ctx, st.since, func(c *kuzet.CheckRecord) error {
					t.Errorf("scan of no checks: got %s", c.ID)
					return nil
				}))
			})
		}
	})

	// A writer retries a batch, whole or in part, and other puts group
	// checks otherwise: whatever the grouping, a check stored already is
	// left as it is and every new one is stored, IDs in any order.
	t.Run("ChecksRegrouped", func(t *testing.T) {
		s := open(t)
		at := func(sec int) time.Time { return base.Add(time.Duration(sec) * time.Second) }
		id := func(n int) string { return fmt.Sprintf("chk_r_%02d", n) }
		want := map[string]kuzet.CheckRecord{}
		put := func(cs ...*kuzet.CheckRecord) {
			t.Helper()
			update(t, s, func(ctx context.Context, tx kuzet.Tx) { must(t, "put checks", tx.PutChecks(ctx, cs)) })
		}
		check := func(n int, org int64, sec int, d kuzet.Decision) *kuzet.CheckRecord {
			c := payCheck(id(n), org, at(sec), d)
			if _, ok := want[c.ID]; !ok {
				want[c.ID] = storedCheckRecord(*c)
			}
			return c
		}
		// Odd IDs first, two banks in one batch; a repeated ID in a batch
		// keeps its first record.
		put(check(1, 1, 1, kuzet.DecisionAllow), check(5, 1, 5, kuzet.DecisionHold), check(3, 2, 3, kuzet.DecisionAllow),
			check(7, 1, 7, kuzet.DecisionBlock), check(9, 1, 9, kuzet.DecisionAllow),
			check(5, 1, 50, kuzet.DecisionBlock))
		// The even IDs between them, with the odd ones again (changed: the
		// stored ones stay), in batches cut elsewhere.
		put(check(4, 1, 4, kuzet.DecisionAllow), check(7, 1, 70, kuzet.DecisionAllow), check(2, 1, 2, kuzet.DecisionBlock))
		put(check(9, 1, 90, kuzet.DecisionHold), check(8, 1, 8, kuzet.DecisionAllow), check(1, 1, 10, kuzet.DecisionBlock),
			check(6, 1, 6, kuzet.DecisionHold), check(10, 1, 10, kuzet.DecisionAllow))
		// The whole first batch again, and one that is all stored.
		put(check(1, 1, 1, kuzet.DecisionAllow), check(5, 1, 5, kuzet.DecisionHold), check(3, 2, 3, kuzet.DecisionAllow),
			check(7, 1, 7, kuzet.DecisionBlock), check(9, 1, 9, kuzet.DecisionAllow))
		put(check(2, 1, 20, kuzet.DecisionAllow), check(4, 1, 40, kuzet.DecisionAllow))
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			for n := 1; n <= 10; n++ {
				org := int64(1)
				if n == 3 {
					org = 2
				}
				got, err := tx.FindCheck(ctx, org, id(n))
				must(t, "find check", err)
				same(t, "found check", *got, want[id(n)])
				_, err = tx.FindCheck(ctx, 3-org, id(n))
				wantCode(t, "another bank's check", err, kuzet.ENOTFOUND)
			}
			_, err := tx.FindCheck(ctx, 1, "chk_r_055")
			wantCode(t, "an ID between two stored", err, kuzet.ENOTFOUND)
		})
		same(t, "a bank's checks", findChecks(t, s, kuzet.CheckFilter{OrgID: 1}),
			[]string{id(10), id(9), id(8), id(7), id(6), id(5), id(4), id(2), id(1)})
		var scanned []string
		for _, c := range scanAll(t, s, "scan checks", func(tx kuzet.Tx, ctx context.Context, fn func(*kuzet.CheckRecord) error) error {
			return tx.ScanChecks(ctx, time.Time{}, fn)
		}) {
			scanned = append(scanned, c.ID)
		}
		same(t, "scanned checks", scanned, []string{id(1), id(2), id(3), id(4), id(5), id(6), id(7), id(8), id(9), id(10)})
	})

	// Checks of one time in different batches: the tie is broken by ID,
	// greatest first, whichever batch was stored first.
	t.Run("ChecksTiedAcrossBatches", func(t *testing.T) {
		s := open(t)
		for _, id := range []string{"chk_t_9", "chk_t_1", "chk_t_5"} {
			update(t, s, func(ctx context.Context, tx kuzet.Tx) {
				must(t, "put checks", tx.PutChecks(ctx, []*kuzet.CheckRecord{payCheck(id, 1, base, kuzet.DecisionAllow)}))
			})
		}
		same(t, "the newest", findChecks(t, s, kuzet.CheckFilter{OrgID: 1, Limit: 1}), []string{"chk_t_9"})
		same(t, "the two newest", findChecks(t, s, kuzet.CheckFilter{OrgID: 1, Limit: 2}), []string{"chk_t_9", "chk_t_5"})
	})

	// An outcome reported after the check is read by every read: the
	// check, the listing and the scan. A put of the check again does not
	// undo it.
	t.Run("CheckOutcomeRead", func(t *testing.T) {
		s := open(t)
		a := payCheck("chk_o_1", 1, base, kuzet.DecisionHold)
		b := payCheck("chk_o_2", 1, base.Add(time.Second), kuzet.DecisionHold)
		// Put with their outcomes: one kept, one replaced.
		c := payCheck("chk_o_3", 1, base.Add(2*time.Second), kuzet.DecisionAllow)
		c.Outcome, c.OutcomeAt = kuzet.OutcomeLegitimate, base.Add(time.Hour)
		e := payCheck("chk_o_5", 1, base.Add(4*time.Second), kuzet.DecisionAllow)
		e.Outcome, e.OutcomeAt = kuzet.OutcomeLegitimate, base.Add(time.Hour)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "put checks", tx.PutChecks(ctx, []*kuzet.CheckRecord{a, b, c, e}))
		})
		outcomeAt := base.Add(3 * time.Hour)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "set outcome", tx.SetCheckOutcome(ctx, 1, "chk_o_2", kuzet.OutcomeFraud, outcomeAt))
			must(t, "set outcome", tx.SetCheckOutcome(ctx, 1, "chk_o_3", kuzet.OutcomeCancelled, outcomeAt))
			must(t, "put checks again", tx.PutChecks(ctx, []*kuzet.CheckRecord{payCheck("chk_o_2", 1, base, kuzet.DecisionAllow),
				payCheck("chk_o_4", 1, base.Add(3*time.Second), kuzet.DecisionAllow)}))
		})
		outcomes := func(cs []*kuzet.CheckRecord) map[string]string {
			m := map[string]string{}
			for _, c := range cs {
				m[c.ID] = fmt.Sprintf("%s %v", c.Outcome, c.OutcomeAt)
			}
			return m
		}
		at := us(outcomeAt)
		none := " " + time.Time{}.String()
		want := map[string]string{"chk_o_1": none, "chk_o_2": "fraud_confirmed " + at.String(),
			"chk_o_3": "cancelled_by_customer " + at.String(), "chk_o_4": none,
			"chk_o_5": "legitimate " + us(base.Add(time.Hour)).String()}
		same(t, "listed outcomes", outcomes(find(t, s, "find checks", kuzet.Tx.FindChecks, kuzet.CheckFilter{OrgID: 1})), want)
		same(t, "scanned outcomes", outcomes(func() []*kuzet.CheckRecord {
			var out []*kuzet.CheckRecord
			for _, c := range scanAll(t, s, "scan checks", func(tx kuzet.Tx, ctx context.Context, fn func(*kuzet.CheckRecord) error) error {
				return tx.ScanChecks(ctx, time.Time{}, fn)
			}) {
				out = append(out, &c)
			}
			return out
		}()), want)
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			got, err := tx.FindCheck(ctx, 1, "chk_o_2")
			must(t, "find check", err)
			w := storedCheckRecord(*b)
			w.Outcome, w.OutcomeAt = kuzet.OutcomeFraud, at
			same(t, "check with outcome", *got, w)
		})
	})

	// Many checks of one bank, put in batches whose times overlap (a
	// batch holds its checks in the order they were queued, which is not
	// quite that of their times): the listing's order, filters and limit
	// hold across every batch, and the scan's order too.
	t.Run("ChecksMany", func(t *testing.T) {
		s := open(t)
		const n = 3000
		var all []*kuzet.CheckRecord
		decisions := []kuzet.Decision{kuzet.DecisionAllow, kuzet.DecisionAllow, kuzet.DecisionHold, kuzet.DecisionAllow,
			kuzet.DecisionBlock}
		for i := range n {
			// Every tenth check is a second late, so that it sorts after
			// checks put in the next batch; every seventh shares its time
			// with the one before.
			sec := i
			if i%10 == 0 {
				sec += 7
			}
			if i%7 == 0 && i > 0 {
				sec = i - 1
			}
			all = append(all, payCheck(fmt.Sprintf("chk_m_%05d", i), 1, base.Add(time.Duration(sec)*time.Second),
				decisions[i%len(decisions)]))
		}
		for i, k := 0, 0; i < n; k++ {
			end := min(n, i+[]int{1, 700, 1500, 13, 786}[k%5])
			update(t, s, func(ctx context.Context, tx kuzet.Tx) { must(t, "put checks", tx.PutChecks(ctx, all[i:end])) })
			i = end
		}
		newest := slices.Clone(all)
		slices.SortFunc(newest, func(a, b *kuzet.CheckRecord) int {
			if c := b.CheckedAt.Compare(a.CheckedAt); c != 0 {
				return c
			}
			return strings.Compare(b.ID, a.ID)
		})
		ids := func(cs []*kuzet.CheckRecord, keep func(*kuzet.CheckRecord) bool, limit int) []string {
			var out []string
			for _, c := range cs {
				if keep(c) && len(out) < limit {
					out = append(out, c.ID)
				}
			}
			return out
		}
		every := func(*kuzet.CheckRecord) bool { return true }
		// The stores compare times as kept, to the microsecond.
		from, to := base.Add(1000*time.Second), base.Add(2000*time.Second)
		in := func(c *kuzet.CheckRecord) bool { return !c.CheckedAt.Before(us(from)) && c.CheckedAt.Before(us(to)) }
		for _, tc := range []struct {
			name string
			f    kuzet.CheckFilter
			want []string
		}{
			{"the newest", kuzet.CheckFilter{OrgID: 1, Limit: 25}, ids(newest, every, 25)},
			{"the default limit", kuzet.CheckFilter{OrgID: 1}, ids(newest, every, 1000)},
			{"blocks, limited", kuzet.CheckFilter{OrgID: 1, Decision: kuzet.DecisionBlock, Limit: 30},
				ids(newest, func(c *kuzet.CheckRecord) bool { return c.Decision == kuzet.DecisionBlock }, 30)},
			{"holds in a window, limited", kuzet.CheckFilter{OrgID: 1, From: from, To: to, Decision: kuzet.DecisionHold, Limit: 50},
				ids(newest, func(c *kuzet.CheckRecord) bool {
					return c.Decision == kuzet.DecisionHold && in(c)
				}, 50)},
			{"a window, all of it", kuzet.CheckFilter{OrgID: 1, From: from, To: to, Limit: n},
				ids(newest, in, n)},
		} {
			t.Run(tc.name, func(t *testing.T) {
				same(t, "checks", findChecks(t, s, tc.f), tc.want)
			})
		}
		since := base.Add(2500 * time.Second)
		var scanned []string
		for _, c := range scanAll(t, s, "scan checks", func(tx kuzet.Tx, ctx context.Context, fn func(*kuzet.CheckRecord) error) error {
			return tx.ScanChecks(ctx, since, fn)
		}) {
			scanned = append(scanned, c.ID)
		}
		oldest := slices.Clone(newest)
		slices.Reverse(oldest)
		same(t, "scanned checks", scanned, ids(oldest, func(c *kuzet.CheckRecord) bool { return !c.CheckedAt.Before(us(since)) }, n))
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			for _, i := range []int{0, 1, 699, 700, 2200, n - 1} {
				got, err := tx.FindCheck(ctx, 1, all[i].ID)
				must(t, "find check", err)
				same(t, "found check", *got, storedCheckRecord(*all[i]))
			}
		})
	})

	t.Run("FraudDevices", func(t *testing.T) {
		s := open(t)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "put fraud device", tx.PutFraudDevice(ctx, 1, "dev-late", "chk_a_2", base.Add(time.Hour)))
			must(t, "put fraud device", tx.PutFraudDevice(ctx, 2, "dev-early", "chk_b_1", base))
			// Named again, by another bank, later: the first record stays.
			must(t, "put fraud device again", tx.PutFraudDevice(ctx, 2, "dev-late", "chk_b_1", base.Add(2*time.Hour)))
		})
		type row struct {
			ID string
			At time.Time
		}
		var got []row
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "scan fraud devices", tx.ScanFraudDevices(ctx, func(id string, at time.Time) error {
				got = append(got, row{id, at})
				return nil
			}))
			n := 0
			err := tx.ScanFraudDevices(ctx, func(string, time.Time) error {
				n++
				return errStop
			})
			if !errors.Is(err, errStop) || n != 1 {
				t.Errorf("scan stopped by its callback: got %v after %d, want errStop after 1", err, n)
			}
		})
		same(t, "fraud devices, oldest first", got, []row{{"dev-early", us(base)}, {"dev-late", us(base.Add(time.Hour))}})
	})

	t.Run("PreventedLoss", func(t *testing.T) {
		s := open(t)
		day := time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "add prevented loss", tx.AddPreventedLoss(ctx, []kuzet.PreventedLoss{
				{Day: day, OrgID: 1, Region: "Almaty", Currency: "KZT", Amount: 100_000_00, Count: 1},
				{Day: day.Add(13 * time.Hour), OrgID: 1, Region: "Almaty", Currency: "KZT", Amount: 50_000_00, Count: 1}, // the same day
				{Day: day, OrgID: 1, Region: "", Currency: "KZT", Amount: 7_00, Count: 1},
				{Day: day.AddDate(0, 0, 1), OrgID: 2, Region: "Astana", Currency: "USD", Amount: 300_00, Count: 2},
			}))
		})
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "add prevented loss again", tx.AddPreventedLoss(ctx, []kuzet.PreventedLoss{
				{Day: day, OrgID: 1, Region: "Almaty", Currency: "KZT", Amount: 1_00, Count: 1},
			}))
		})
		all := []kuzet.PreventedLoss{
			{Day: day, OrgID: 1, Region: "", Currency: "KZT", Amount: 7_00, Count: 1},
			{Day: day, OrgID: 1, Region: "Almaty", Currency: "KZT", Amount: 150_001_00, Count: 3},
			{Day: day.AddDate(0, 0, 1), OrgID: 2, Region: "Astana", Currency: "USD", Amount: 300_00, Count: 2},
		}
		for _, tc := range []struct {
			name string
			f    kuzet.PreventedLossFilter
			want []kuzet.PreventedLoss
		}{
			{"everything", kuzet.PreventedLossFilter{}, all},
			{"by bank", kuzet.PreventedLossFilter{OrgID: 2}, all[2:]},
			{"by region", kuzet.PreventedLossFilter{Region: "Almaty"}, all[1:2]},
			{"from a day, mid-day included", kuzet.PreventedLossFilter{From: day.Add(20 * time.Hour)}, all},
			{"from the next day", kuzet.PreventedLossFilter{From: day.AddDate(0, 0, 1)}, all[2:]},
			{"to a midnight, excluded", kuzet.PreventedLossFilter{To: day.AddDate(0, 0, 1)}, all[:2]},
			{"to mid-day, its day included", kuzet.PreventedLossFilter{To: day.Add(time.Hour)}, all[:2]},
			{"none", kuzet.PreventedLossFilter{To: day}, nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				view(t, s, func(ctx context.Context, tx kuzet.Tx) {
					got, err := tx.FindPreventedLoss(ctx, tc.f)
					must(t, "find prevented loss", err)
					same(t, "prevented loss", values(got), tc.want)
				})
			})
		}
	})

	t.Run("RuleVersions", func(t *testing.T) {
		s := open(t)
		v1 := &kuzet.RuleVersion{Hash: "ff01", Version: "default-2", Source: "version default-2\n", Mode: kuzet.RulesLive,
			CreatedAt: base, UpdatedAt: base}
		v2 := &kuzet.RuleVersion{Hash: "0a02", Version: "stricter-1", Source: "version stricter-1\n", Mode: kuzet.RulesShadow,
			OrgID: 7, CreatedAt: base.Add(time.Minute), UpdatedAt: base.Add(time.Minute)}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "put rule version", tx.PutRuleVersion(ctx, v1))
			must(t, "put rule version", tx.PutRuleVersion(ctx, v2))
		})
		// The candidate goes live: the first version is retired, its text
		// and creation kept.
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "retire", tx.PutRuleVersion(ctx, &kuzet.RuleVersion{Hash: "ff01", Version: "ignored", Source: "ignored",
				Mode: kuzet.RulesRetired, CreatedAt: base.Add(time.Hour), UpdatedAt: base.Add(time.Hour)}))
			must(t, "promote", tx.PutRuleVersion(ctx, &kuzet.RuleVersion{Hash: "0a02", Version: "stricter-1",
				Source: "version stricter-1\n", Mode: kuzet.RulesLive, CreatedAt: base.Add(time.Hour), UpdatedAt: base.Add(time.Hour)}))
		})
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			got, err := tx.FindRuleVersions(ctx)
			must(t, "find rule versions", err)
			same(t, "rule versions, oldest first", values(got), []kuzet.RuleVersion{
				{Hash: "ff01", Version: "default-2", Source: "version default-2\n", Mode: kuzet.RulesRetired,
					CreatedAt: us(base), UpdatedAt: us(base.Add(time.Hour))},
				{Hash: "0a02", Version: "stricter-1", Source: "version stricter-1\n", Mode: kuzet.RulesLive, OrgID: 7,
					CreatedAt: us(base.Add(time.Minute)), UpdatedAt: us(base.Add(time.Hour))},
			})
		})
	})

	t.Run("VictimReports", func(t *testing.T) {
		s := open(t)
		r := &kuzet.VictimReport{
			ID: "rep_1", CaseID: "case_1", OrgID: 5,
			Victim:  kuzet.Victim{Name: "Айгерим С.", Phone: "+77011234567", Region: "Almaty"},
			Channel: "phone_call", Scheme: "fake_bank_security", Description: "A caller posing as the bank's security.",
			AmountLost: 400_000_00, Currency: "KZT",
			Indicators: []kuzet.Indicator{{Kind: kuzet.KindPhone, Value: "+77775550011", Region: "KZ"},
				{Kind: kuzet.KindIBAN, Value: "KZ75722C000000000042", Region: "KZ", BankCode: "722"}},
			Transfers: []kuzet.Transfer{{FromBankBIC: "HSBKKZKX", ToIBAN: "KZ75722C000000000042", ToBankBIC: "CASPKZKA",
				Amount: 400_000_00, At: base.Add(-time.Hour)}, {ToIBAN: "KZ75722C000000000042", Amount: 1_00}},
			CreatedAt: base,
		}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "create report", tx.CreateVictimReport(ctx, r))
			err := tx.CreateVictimReport(ctx, &kuzet.VictimReport{ID: "rep_1", CaseID: "case_2", CreatedAt: base})
			wantCode(t, "report ID taken", err, kuzet.ECONFLICT)
			// The transaction is still usable.
			must(t, "create after conflict", tx.CreateVictimReport(ctx, &kuzet.VictimReport{ID: "rep_2", CaseID: "case_2",
				Victim: kuzet.Victim{Name: "V"}, Currency: "KZT", CreatedAt: base}))
		})
		want := *r
		if !r.CreatedAt.Equal(us(base)) || !r.Transfers[0].At.Equal(us(base.Add(-time.Hour))) {
			t.Errorf("create report: times set to %v and %v, want them as stored", r.CreatedAt, r.Transfers[0].At)
		}
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			got, err := tx.FindVictimReport(ctx, "rep_1")
			must(t, "find report", err)
			same(t, "report", *got, want)
			got, err = tx.FindVictimReport(ctx, "rep_2")
			must(t, "find report", err)
			if len(got.Indicators) != 0 || len(got.Transfers) != 0 || got.CaseID != "case_2" {
				t.Errorf("report without identifiers: got %+v", got)
			}
			_, err = tx.FindVictimReport(ctx, "rep_none")
			wantCode(t, "no such report", err, kuzet.ENOTFOUND)
		})
	})

	t.Run("FreezeRequests", func(t *testing.T) {
		s := open(t)
		due := base.Add(30 * time.Minute)
		req := func(id string, org int64, status kuzet.FreezeStatus, report string) *kuzet.FreezeRequest {
			r := &kuzet.FreezeRequest{ID: id, ReportID: report, CaseID: "case_" + report, Hop: 1, OrgID: org,
				BankBIC: "CASPKZKA", IBAN: "KZ75722C000000000042", FromBankBIC: "HSBKKZKX", Amount: 400_000_00,
				Currency: "KZT", TransferAt: base.Add(-time.Hour), Status: status, CreatedAt: base}
			if status == kuzet.FreezeOpen {
				r.DueAt = due
			}
			return r
		}
		reqs := []*kuzet.FreezeRequest{
			req("frz_1", 1, kuzet.FreezeOpen, "rep_1"),
			req("frz_2", 2, kuzet.FreezeOpen, "rep_1"),
			req("frz_3", 0, kuzet.FreezeLeftSystem, "rep_1"),
			req("frz_4", 1, kuzet.FreezeOpen, "rep_2"),
		}
		reqs[1].ParentID, reqs[1].Hop = "frz_1", 2
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "create freeze requests", tx.CreateFreezeRequests(ctx, reqs[:3]))
			must(t, "create freeze requests", tx.CreateFreezeRequests(ctx, reqs[3:]))
		})
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			err := tx.CreateFreezeRequests(ctx, []*kuzet.FreezeRequest{req("frz_2", 1, kuzet.FreezeOpen, "rep_3")})
			wantCode(t, "request ID taken", err, kuzet.ECONFLICT)
		})
		want := map[string]kuzet.FreezeRequest{}
		for _, r := range reqs {
			if !r.CreatedAt.Equal(us(base)) || !r.TransferAt.Equal(us(base.Add(-time.Hour))) {
				t.Errorf("create freeze request %s: times set to %v, %v, want them as stored", r.ID, r.CreatedAt, r.TransferAt)
			}
			want[r.ID] = *r
		}
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			got, err := tx.FindFreezeRequest(ctx, 2, "frz_2")
			must(t, "find freeze request", err)
			same(t, "freeze request", *got, want["frz_2"])
			// Tenancy: a bank never reads another bank's request.
			_, err = tx.FindFreezeRequest(ctx, 1, "frz_2")
			wantCode(t, "another bank's request", err, kuzet.ENOTFOUND)
			_, err = tx.FindFreezeRequest(ctx, 1, "frz_none")
			wantCode(t, "no such request", err, kuzet.ENOTFOUND)
		})

		// The first bank answers: frozen, with an onward transfer.
		answer := want["frz_1"]
		answer.Status, answer.FrozenAmount, answer.FrozenUntil = kuzet.FreezeFrozen, 150_000_00, base.Add(5*24*time.Hour)
		answer.Onward = []kuzet.Transfer{{ToIBAN: "KZ48914C000000009999", ToBankBIC: "BANKKZKC", Amount: 250_000_00, At: base}}
		answer.Note, answer.RespondedAt = "frozen on the account", base.Add(10*time.Minute)
		answer.Hop, answer.IBAN = 9, "ignored: only the answer is stored"
		no, yes := false, true
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "answer", tx.UpdateFreezeRequest(ctx, &answer))
			esc := want["frz_4"]
			esc.EscalatedAt = base.Add(time.Hour)
			must(t, "escalate", tx.UpdateFreezeRequest(ctx, &esc))
			err := tx.UpdateFreezeRequest(ctx, &kuzet.FreezeRequest{ID: "frz_none", Status: kuzet.FreezeFrozen})
			wantCode(t, "update of no request", err, kuzet.ENOTFOUND)
		})
		answered := want["frz_1"]
		answered.Status, answered.FrozenAmount, answered.FrozenUntil = kuzet.FreezeFrozen, 150_000_00, us(base.Add(5*24*time.Hour))
		answered.Onward = []kuzet.Transfer{{ToIBAN: "KZ48914C000000009999", ToBankBIC: "BANKKZKC", Amount: 250_000_00, At: us(base)}}
		answered.Note, answered.RespondedAt = "frozen on the account", us(base.Add(10*time.Minute))
		escalated := want["frz_4"]
		escalated.EscalatedAt = us(base.Add(time.Hour))
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			got, err := tx.FindFreezeRequest(ctx, 1, "frz_1")
			must(t, "find answered request", err)
			same(t, "answered request", *got, answered)
		})

		ids := func(rs []*kuzet.FreezeRequest) []string {
			var out []string
			for _, r := range rs {
				out = append(out, r.ID)
			}
			return out
		}
		for _, tc := range []struct {
			name string
			f    kuzet.FreezeRequestFilter
			want []string
		}{
			{"everything, oldest first", kuzet.FreezeRequestFilter{}, []string{"frz_1", "frz_2", "frz_3", "frz_4"}},
			{"a bank's inbox", kuzet.FreezeRequestFilter{OrgID: 1}, []string{"frz_1", "frz_4"}},
			{"a bank's open requests", kuzet.FreezeRequestFilter{OrgID: 1, Status: kuzet.FreezeOpen}, []string{"frz_4"}},
			{"the other bank's", kuzet.FreezeRequestFilter{OrgID: 2, Status: kuzet.FreezeOpen}, []string{"frz_2"}},
			{"a report's trail", kuzet.FreezeRequestFilter{ReportID: "rep_1"}, []string{"frz_1", "frz_2", "frz_3"}},
			{"overdue", kuzet.FreezeRequestFilter{DueBefore: due.Add(time.Second)}, []string{"frz_2", "frz_4"}},
			{"overdue, not yet escalated", kuzet.FreezeRequestFilter{DueBefore: due.Add(time.Second), Escalated: &no}, []string{"frz_2"}},
			{"escalated", kuzet.FreezeRequestFilter{Escalated: &yes}, []string{"frz_4"}},
			{"not overdue at the deadline", kuzet.FreezeRequestFilter{DueBefore: due}, nil},
			{"limited", kuzet.FreezeRequestFilter{Limit: 2}, []string{"frz_1", "frz_2"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				view(t, s, func(ctx context.Context, tx kuzet.Tx) {
					got, err := tx.FindFreezeRequests(ctx, tc.f)
					must(t, "find freeze requests", err)
					same(t, "freeze requests", ids(got), tc.want)
					for _, r := range got {
						switch r.ID {
						case "frz_1":
							same(t, "listed request", *r, answered)
						case "frz_4":
							same(t, "listed request", *r, escalated)
						default:
							same(t, "listed request", *r, want[r.ID])
						}
					}
				})
			})
		}
	})

	t.Run("Webhooks", func(t *testing.T) {
		s := open(t)
		w := &kuzet.Webhook{OrgID: 3, URL: "https://bank.example/hook", Secret: []byte("0123456789abcdef"), CreatedAt: base}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "put webhook", tx.PutWebhook(ctx, w))
		})
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			got, err := tx.FindWebhook(ctx, 3)
			must(t, "find webhook", err)
			same(t, "webhook", *got, kuzet.Webhook{OrgID: 3, URL: w.URL, Secret: w.Secret, CreatedAt: us(base)})
			_, err = tx.FindWebhook(ctx, 4)
			wantCode(t, "no webhook", err, kuzet.ENOTFOUND)
		})
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "replace webhook", tx.PutWebhook(ctx, &kuzet.Webhook{OrgID: 3, URL: "https://bank.example/v2",
				Secret: []byte("fedcba9876543210"), CreatedAt: base.Add(time.Hour)}))
		})
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			got, err := tx.FindWebhook(ctx, 3)
			must(t, "find webhook", err)
			same(t, "replaced webhook", *got, kuzet.Webhook{OrgID: 3, URL: "https://bank.example/v2",
				Secret: []byte("fedcba9876543210"), CreatedAt: us(base.Add(time.Hour))})
		})

		dl := func(id string, org int64, object string, next time.Time) *kuzet.WebhookDelivery {
			return &kuzet.WebhookDelivery{ID: id, OrgID: org, Event: "freeze_request.created", Object: object,
				Body: []byte(`{"id":"` + id + `"}`), Status: kuzet.DeliveryPending, NextAt: next, CreatedAt: base}
		}
		ds := []*kuzet.WebhookDelivery{
			dl("dlv_1", 3, "freeze_request:frz_1", base.Add(2*time.Minute)),
			dl("dlv_2", 3, "freeze_request:frz_2", base),
			dl("dlv_3", 4, "freeze_request:frz_3", base.Add(time.Minute)),
			dl("dlv_4", 3, "freeze_request:frz_1", base.Add(time.Hour)),
		}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "create deliveries", tx.CreateDeliveries(ctx, ds))
		})
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			err := tx.CreateDeliveries(ctx, []*kuzet.WebhookDelivery{dl("dlv_2", 3, "x", base)})
			wantCode(t, "delivery ID taken", err, kuzet.ECONFLICT)
		})
		due := func(now time.Time, limit int) []string {
			var out []string
			view(t, s, func(ctx context.Context, tx kuzet.Tx) {
				got, err := tx.FindDueDeliveries(ctx, now, limit)
				must(t, "find due deliveries", err)
				for _, d := range got {
					out = append(out, d.ID)
				}
			})
			return out
		}
		same(t, "due deliveries, earliest first", due(base.Add(2*time.Minute), 10), []string{"dlv_2", "dlv_3", "dlv_1"})
		same(t, "due deliveries, limited", due(base.Add(2*time.Minute), 1), []string{"dlv_2"})

		// The first try fails; the delivery is due again later.
		tried := *ds[1]
		tried.Attempts, tried.NextAt = 1, base.Add(3*time.Hour)
		tried.Log = []kuzet.DeliveryAttempt{{At: base.Add(time.Second), StatusCode: 503, Error: "status 503"}}
		delivered := *ds[2]
		delivered.Attempts, delivered.Status, delivered.DeliveredAt = 1, kuzet.DeliveryDelivered, base.Add(time.Second)
		delivered.Log = []kuzet.DeliveryAttempt{{At: base.Add(time.Second), StatusCode: 204}}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "update delivery", tx.UpdateDelivery(ctx, &tried))
			must(t, "update delivery", tx.UpdateDelivery(ctx, &delivered))
			err := tx.UpdateDelivery(ctx, &kuzet.WebhookDelivery{ID: "dlv_none", NextAt: base})
			wantCode(t, "update of no delivery", err, kuzet.ENOTFOUND)
		})
		same(t, "due after the tries", due(base.Add(2*time.Hour), 10), []string{"dlv_1", "dlv_4"})

		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			got, err := tx.FindDeliveries(ctx, kuzet.DeliveryFilter{OrgID: 3})
			must(t, "find deliveries", err)
			var ids []string
			for _, d := range got {
				ids = append(ids, d.ID)
				if d.ID == "dlv_2" {
					w := tried
					w.NextAt, w.CreatedAt = us(w.NextAt), us(w.CreatedAt)
					w.Log = []kuzet.DeliveryAttempt{{At: us(base.Add(time.Second)), StatusCode: 503, Error: "status 503"}}
					same(t, "tried delivery", *d, w)
				}
			}
			same(t, "an organisation's deliveries, newest first", ids, []string{"dlv_4", "dlv_2", "dlv_1"})
			got, err = tx.FindDeliveries(ctx, kuzet.DeliveryFilter{OrgID: 3, Object: "freeze_request:frz_1", Limit: 1})
			must(t, "find deliveries", err)
			if len(got) != 1 || got[0].ID != "dlv_4" {
				t.Errorf("deliveries of one object, limited: got %d, want dlv_4 only", len(got))
			}
			got, err = tx.FindDeliveries(ctx, kuzet.DeliveryFilter{OrgID: 4})
			must(t, "find deliveries", err)
			if len(got) != 1 || got[0].Status != kuzet.DeliveryDelivered || !got[0].DeliveredAt.Equal(us(base.Add(time.Second))) {
				t.Errorf("the other organisation's deliveries: got %d, want dlv_3, delivered", len(got))
			}
		})

		// Claims: a bank's due deliveries are taken for a lease; a second
		// claim meanwhile gets the others, or nothing; once the lease has run
		// out they are due again.
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "create deliveries", tx.CreateDeliveries(ctx, []*kuzet.WebhookDelivery{
				dl("dlv_9a", 9, "freeze_request:frz_9", base), dl("dlv_9b", 9, "freeze_request:frz_9", base.Add(time.Minute)),
				dl("dlv_9c", 9, "freeze_request:frz_9", base.Add(5*time.Hour))}))
		})
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			orgs, err := tx.DueDeliveryOrgs(ctx, base.Add(4*time.Hour), 10)
			must(t, "due delivery organisations", err)
			same(t, "due delivery organisations", orgs, []int64{3, 9})
			orgs, err = tx.DueDeliveryOrgs(ctx, base.Add(4*time.Hour), 1)
			must(t, "due delivery organisations", err)
			same(t, "due delivery organisations, limited", orgs, []int64{3})
		})
		claim := func(now, lease time.Time, limit int) []string {
			var out []string
			update(t, s, func(ctx context.Context, tx kuzet.Tx) {
				got, err := tx.ClaimDueDeliveries(ctx, 9, now, lease, limit)
				must(t, "claim deliveries", err)
				for _, d := range got {
					if !d.NextAt.Equal(us(lease)) {
						t.Errorf("claimed %s: next at %v, want the lease's end %v", d.ID, d.NextAt, lease)
					}
					out = append(out, d.ID)
				}
			})
			slices.Sort(out)
			return out
		}
		now, lease := base.Add(2*time.Minute), base.Add(12*time.Minute)
		same(t, "first claim", claim(now, lease, 1), []string{"dlv_9a"})
		same(t, "second claim", claim(now, lease, 10), []string{"dlv_9b"})
		same(t, "claim while leased", claim(now, lease, 10), []string(nil))
		same(t, "claim after the lease", claim(lease, lease.Add(time.Minute), 10), []string{"dlv_9a", "dlv_9b"})
	})
}
