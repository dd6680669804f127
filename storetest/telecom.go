package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
)

func scanRoaming(t *testing.T, s kuzet.Store) []kuzet.Roaming {
	t.Helper()
	return scanAll(t, s, "scan roaming", kuzet.Tx.ScanRoaming)
}

func scanDNO(t *testing.T, s kuzet.Store) []kuzet.DNOEntry {
	t.Helper()
	return scanAll(t, s, "scan dno", kuzet.Tx.ScanDNO)
}

func scanPortings(t *testing.T, s kuzet.Store) []kuzet.Porting {
	t.Helper()
	return scanAll(t, s, "scan portings", kuzet.Tx.ScanPortings)
}

func findCounters(t *testing.T, s kuzet.Store, f kuzet.CallCounterFilter) []kuzet.CallCounter {
	t.Helper()
	return values(find(t, s, "find call counters", kuzet.Tx.FindCallCounters, f))
}

func testTelecom(t *testing.T, open func(t *testing.T) kuzet.Store) {
	t.Run("Roaming", func(t *testing.T) {
		s := open(t)
		abroad := &kuzet.Roaming{MSISDN: "+77011234567", State: kuzet.RoamingAbroad, Country: "TR", At: base, OrgID: 1}
		other := &kuzet.Roaming{MSISDN: "+77021234567", State: kuzet.RoamingAbroad, Country: "AE", At: base, OrgID: 2}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			// Put out of order: scans come back by MSISDN.
			must(t, "put roaming", tx.PutRoaming(ctx, other))
			must(t, "put roaming", tx.PutRoaming(ctx, abroad))
		})
		if want := us(base); !abroad.At.Equal(want) || abroad.At.Location() != time.UTC {
			t.Errorf("put roaming: At set to %v, want %v", abroad.At, want)
		}
		same(t, "roaming", scanRoaming(t, s), []kuzet.Roaming{*abroad, *other})

		// A report for the same subscriber replaces the state, whatever it was.
		home := &kuzet.Roaming{MSISDN: "+77011234567", State: kuzet.RoamingHome, At: base.Add(time.Hour), OrgID: 1}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "put roaming again", tx.PutRoaming(ctx, home))
		})
		same(t, "roaming after return home", scanRoaming(t, s), []kuzet.Roaming{
			{MSISDN: "+77011234567", State: kuzet.RoamingHome, At: us(base.Add(time.Hour)), OrgID: 1}, *other})
	})

	t.Run("DNO", func(t *testing.T) {
		s := open(t)
		a := &kuzet.DNOEntry{Number: "+77272590000", OrgID: 3, CreatedAt: base}
		b := &kuzet.DNOEntry{Number: "+77172587700", OrgID: 3, CreatedAt: base}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "put dno", tx.PutDNO(ctx, a))
			must(t, "put dno", tx.PutDNO(ctx, b))
		})
		if !a.CreatedAt.Equal(us(base)) {
			t.Errorf("put dno: CreatedAt set to %v, want %v", a.CreatedAt, us(base))
		}
		same(t, "dno", scanDNO(t, s), []kuzet.DNOEntry{*b, *a})

		again := &kuzet.DNOEntry{Number: "+77272590000", OrgID: 4, CreatedAt: base.Add(time.Minute)}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "put dno again", tx.PutDNO(ctx, again))
			must(t, "delete dno", tx.DeleteDNO(ctx, "+77172587700"))
			wantCode(t, "delete unlisted number", tx.DeleteDNO(ctx, "+77172587700"), kuzet.ENOTFOUND)
			wantCode(t, "delete never listed number", tx.DeleteDNO(ctx, "+77010000000"), kuzet.ENOTFOUND)
		})
		same(t, "dno after replace and delete", scanDNO(t, s), []kuzet.DNOEntry{*again})
	})

	t.Run("Portings", func(t *testing.T) {
		s := open(t)
		p := &kuzet.Porting{MSISDN: "+77051234567", OrgID: 1, At: base}
		q := &kuzet.Porting{MSISDN: "+77011234567", OrgID: 2, At: base}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "put porting", tx.PutPorting(ctx, p))
			must(t, "put porting", tx.PutPorting(ctx, q))
		})
		if !p.At.Equal(us(base)) {
			t.Errorf("put porting: At set to %v, want %v", p.At, us(base))
		}
		same(t, "portings", scanPortings(t, s), []kuzet.Porting{*q, *p})
		back := &kuzet.Porting{MSISDN: "+77051234567", OrgID: 3, At: base.Add(time.Hour)}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "port again", tx.PutPorting(ctx, back))
		})
		same(t, "portings after a second porting", scanPortings(t, s), []kuzet.Porting{*q, *back})
	})

	t.Run("ScansStopAtError", func(t *testing.T) {
		s := open(t)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			for _, n := range []string{"+77011111111", "+77012222222"} {
				must(t, "put roaming", tx.PutRoaming(ctx, &kuzet.Roaming{MSISDN: n, State: kuzet.RoamingAbroad, At: base, OrgID: 1}))
				must(t, "put dno", tx.PutDNO(ctx, &kuzet.DNOEntry{Number: n, OrgID: 1, CreatedAt: base}))
				must(t, "put porting", tx.PutPorting(ctx, &kuzet.Porting{MSISDN: n, OrgID: 1, At: base}))
			}
		})
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			calls := map[string]int{}
			stop := func(name string) error { calls[name]++; return errStop }
			errs := map[string]error{
				"roaming":  tx.ScanRoaming(ctx, func(*kuzet.Roaming) error { return stop("roaming") }),
				"dno":      tx.ScanDNO(ctx, func(*kuzet.DNOEntry) error { return stop("dno") }),
				"portings": tx.ScanPortings(ctx, func(*kuzet.Porting) error { return stop("portings") }),
			}
			for name, err := range errs {
				if err != errStop || calls[name] != 1 {
					t.Errorf("scan %s: got %v after %d calls, want errStop after 1", name, err, calls[name])
				}
			}
		})
	})

	t.Run("CallCounters", func(t *testing.T) {
		s := open(t)
		day := time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)
		next := day.AddDate(0, 0, 1)
		row := func(d time.Time, org int64, r kuzet.CallReason, n int64) kuzet.CallCounter {
			return kuzet.CallCounter{Day: d, OrgID: org, Reason: r, Count: n}
		}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "add counters", tx.AddCallCounters(ctx, []kuzet.CallCounter{
				row(next, 1, kuzet.ReasonOK, 5),
				row(day, 2, kuzet.ReasonNotOriginated, 3),
				row(day, 1, kuzet.ReasonOK, 10),
				// The same row twice in one call, and a Day that is not a
				// midnight: both count on the row of their day.
				row(day, 1, kuzet.ReasonDNO, 1),
				row(day.Add(23*time.Hour+59*time.Minute), 1, kuzet.ReasonDNO, 2),
			}))
			must(t, "add nothing", tx.AddCallCounters(ctx, nil))
		})
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "add counters again", tx.AddCallCounters(ctx, []kuzet.CallCounter{
				row(day, 1, kuzet.ReasonOK, 7), row(day, 1, kuzet.ReasonTimeout, 1),
			}))
		})
		all := []kuzet.CallCounter{
			row(day, 1, kuzet.ReasonDNO, 3),
			row(day, 1, kuzet.ReasonOK, 17),
			row(day, 1, kuzet.ReasonTimeout, 1),
			row(day, 2, kuzet.ReasonNotOriginated, 3),
			row(next, 1, kuzet.ReasonOK, 5),
		}
		for _, tc := range []struct {
			name string
			f    kuzet.CallCounterFilter
			want []kuzet.CallCounter
		}{
			{"All", kuzet.CallCounterFilter{}, all},
			{"OneOrg", kuzet.CallCounterFilter{OrgID: 2}, all[3:4]},
			{"FromIncludesItsDay", kuzet.CallCounterFilter{From: next.Add(12 * time.Hour)}, all[4:]},
			{"ToExcludesItsDay", kuzet.CallCounterFilter{To: next.Add(12 * time.Hour)}, all[:4]},
			{"OneDayOneOrg", kuzet.CallCounterFilter{From: day, To: next, OrgID: 1}, all[:3]},
			{"EmptyPeriod", kuzet.CallCounterFilter{From: next, To: next}, nil},
			{"NoSuchOrg", kuzet.CallCounterFilter{OrgID: 99}, nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				same(t, "counters", findCounters(t, s, tc.f), tc.want)
			})
		}
	})

	t.Run("ConcurrentCounterFlushes", func(t *testing.T) {
		// Nodes flush counters of the same rows at once: no flush may be
		// lost, and none may fail on the other's row lock.
		s := open(t)
		day := time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)
		rows := []kuzet.CallCounter{
			{Day: day, OrgID: 1, Reason: kuzet.ReasonOK, Count: 1},
			{Day: day, OrgID: 1, Reason: kuzet.ReasonNotOriginated, Count: 1},
			{Day: day, OrgID: 2, Reason: kuzet.ReasonOK, Count: 1},
		}
		const flushes = 8
		err := parallel(flushes, func(i int) error {
			return within(t.Context(), s, true, func(tx kuzet.Tx) error {
				mine := rows
				if i%2 == 1 { // the other order too
					mine = []kuzet.CallCounter{rows[2], rows[1], rows[0]}
				}
				return tx.AddCallCounters(t.Context(), mine)
			})
		})
		must(t, "concurrent flushes", err)
		got := findCounters(t, s, kuzet.CallCounterFilter{})
		for _, c := range got {
			if c.Count != flushes {
				t.Errorf("row %v %d %s: got count %d, want %d", c.Day, c.OrgID, c.Reason, c.Count, flushes)
			}
		}
		if len(got) != len(rows) {
			t.Errorf("got %d rows, want %d", len(got), len(rows))
		}
	})

	t.Run("RolledBackWritesVanish", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		tx, err := s.Begin(ctx, true)
		must(t, "begin", err)
		must(t, "put roaming", tx.PutRoaming(ctx, &kuzet.Roaming{MSISDN: "+77011234567", State: kuzet.RoamingAbroad, At: base, OrgID: 1}))
		must(t, "put dno", tx.PutDNO(ctx, &kuzet.DNOEntry{Number: "+77272590000", OrgID: 3, CreatedAt: base}))
		must(t, "add counters", tx.AddCallCounters(ctx, []kuzet.CallCounter{{Day: base, OrgID: 1, Reason: kuzet.ReasonOK, Count: 1}}))
		must(t, "rollback", tx.Rollback())
		if got := scanRoaming(t, s); len(got) != 0 {
			t.Errorf("roaming after rollback: got %v, want none", got)
		}
		if got := scanDNO(t, s); len(got) != 0 {
			t.Errorf("dno after rollback: got %v, want none", got)
		}
		if got := findCounters(t, s, kuzet.CallCounterFilter{}); len(got) != 0 {
			t.Errorf("counters after rollback: got %v, want none", got)
		}
	})
}
