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

func scanDelegations(t *testing.T, s kuzet.Store) []kuzet.Delegation {
	t.Helper()
	return scanAll(t, s, "scan delegations", kuzet.Tx.ScanDelegations)
}

func scanSTIAnchors(t *testing.T, s kuzet.Store) []kuzet.STIAnchor {
	t.Helper()
	return scanAll(t, s, "scan sti anchors", kuzet.Tx.ScanSTIAnchors)
}

func scanSTICertificates(t *testing.T, s kuzet.Store) []kuzet.STICertificate {
	t.Helper()
	return scanAll(t, s, "scan sti certificates", kuzet.Tx.ScanSTICertificates)
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

	t.Run("Delegations", func(t *testing.T) {
		s := open(t)
		one := &kuzet.Delegation{MSISDN: "+77011234567", OrgID: 2, HolderID: 1, CreatedAt: base}
		block := &kuzet.Delegation{Prefix: "7701555", OrgID: 2, HolderID: 1, CreatedAt: base}
		other := &kuzet.Delegation{Prefix: "7701555", OrgID: 3, HolderID: 1, CreatedAt: base}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "put delegation", tx.PutDelegation(ctx, other))
			must(t, "put delegation", tx.PutDelegation(ctx, block))
			must(t, "put delegation", tx.PutDelegation(ctx, one))
		})
		if !one.CreatedAt.Equal(us(base)) {
			t.Errorf("put delegation: CreatedAt set to %v, want %v", one.CreatedAt, us(base))
		}
		// By MSISDN (prefixes, whose MSISDN is empty, first), prefix, org.
		same(t, "delegations", scanDelegations(t, s), []kuzet.Delegation{*block, *other, *one})

		again := &kuzet.Delegation{MSISDN: "+77011234567", OrgID: 2, HolderID: 4, CreatedAt: base.Add(time.Hour)}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "put delegation again", tx.PutDelegation(ctx, again))
			must(t, "delete delegation", tx.DeleteDelegation(ctx, &kuzet.Delegation{Prefix: "7701555", OrgID: 3}))
			wantCode(t, "delete it again", tx.DeleteDelegation(ctx, &kuzet.Delegation{Prefix: "7701555", OrgID: 3}),
				kuzet.ENOTFOUND)
			wantCode(t, "delete another operator's", tx.DeleteDelegation(ctx, &kuzet.Delegation{MSISDN: "+77011234567", OrgID: 9}),
				kuzet.ENOTFOUND)
		})
		same(t, "delegations after replace and delete", scanDelegations(t, s), []kuzet.Delegation{*block, *again})
	})

	t.Run("STITrust", func(t *testing.T) {
		s := open(t)
		ca := &kuzet.STIAnchor{Fingerprint: "bb01", Subject: "CN=STI-CA", PEM: "-----BEGIN CERTIFICATE-----\n…", NotAfter: base.AddDate(5, 0, 0),
			OrgID: 5, CreatedAt: base}
		ca2 := &kuzet.STIAnchor{Fingerprint: "aa02", Subject: "CN=Other CA", PEM: "…", NotAfter: base.AddDate(1, 0, 0), OrgID: 5, CreatedAt: base}
		cert := &kuzet.STICertificate{X5U: "https://sti.kcell.kz/2025.pem", OrgID: 1, Fingerprint: "cc03", Subject: "CN=Kcell SHAKEN",
			PEM: "…", NotBefore: base, NotAfter: base.AddDate(1, 0, 0), CreatedAt: base}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "put anchor", tx.PutSTIAnchor(ctx, ca))
			must(t, "put anchor", tx.PutSTIAnchor(ctx, ca2))
			must(t, "put certificate", tx.PutSTICertificate(ctx, cert))
		})
		if !cert.NotAfter.Equal(us(base.AddDate(1, 0, 0))) || !ca.CreatedAt.Equal(us(base)) {
			t.Errorf("put: times set to %v, %v", cert.NotAfter, ca.CreatedAt)
		}
		same(t, "anchors", scanSTIAnchors(t, s), []kuzet.STIAnchor{*ca2, *ca})
		same(t, "certificates", scanSTICertificates(t, s), []kuzet.STICertificate{*cert})

		// A certificate registered again under its x5u replaces the old one
		// (a rotation); an anchor deleted is gone.
		rotated := &kuzet.STICertificate{X5U: cert.X5U, OrgID: 1, Fingerprint: "cc04", Subject: "CN=Kcell SHAKEN 2",
			PEM: "…", NotBefore: base.AddDate(1, 0, 0), NotAfter: base.AddDate(2, 0, 0), CreatedAt: base.Add(time.Hour)}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "rotate certificate", tx.PutSTICertificate(ctx, rotated))
			must(t, "delete anchor", tx.DeleteSTIAnchor(ctx, "aa02"))
			wantCode(t, "delete it again", tx.DeleteSTIAnchor(ctx, "aa02"), kuzet.ENOTFOUND)
		})
		same(t, "anchors after the delete", scanSTIAnchors(t, s), []kuzet.STIAnchor{*ca})
		same(t, "certificates after the rotation", scanSTICertificates(t, s), []kuzet.STICertificate{*rotated})
	})

	t.Run("ConfirmedSimbox", func(t *testing.T) {
		// The block list pages through confirmed suspects in the order of
		// their confirmation, whatever their IDs.
		s := open(t)
		op := createOrg(t, s, "Kcell", kuzet.OrgTelco)
		b := createCDRBatch(t, s, newCDRBatch(op.ID, "n"))
		ss := []*kuzet.SimboxSuspect{
			newSimboxSuspect(b, "+77011110001", kuzet.SimboxVerdictSimbox, "dev-1"),
			newSimboxSuspect(b, "+77011110002", kuzet.SimboxVerdictSimbox, "dev-1"),
			newSimboxSuspect(b, "+77011110003", kuzet.SimboxVerdictSimbox, "dev-1"),
			newSimboxSuspect(b, "+77011110004", kuzet.SimboxVerdictSimbox, "dev-1"),
			newSimboxSuspect(b, "+77011110005", kuzet.SimboxVerdictSuspect, ""),
		}
		confirmedAt := []time.Duration{3 * time.Hour, time.Hour, 2 * time.Hour, 2 * time.Hour}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "create suspects", tx.CreateSimboxSuspects(ctx, ss))
			for i, d := range confirmedAt {
				ss[i].Status, ss[i].StatusAt = kuzet.SimboxSuspectConfirmed, base.Add(d)
				must(t, "confirm", tx.UpdateSimboxSuspect(ctx, ss[i], kuzet.SimboxSuspectOpen))
			}
			ss[4].Status, ss[4].StatusAt = kuzet.SimboxSuspectDismissed, base.Add(time.Hour)
			must(t, "dismiss", tx.UpdateSimboxSuspect(ctx, ss[4], kuzet.SimboxSuspectOpen))
		})
		id := func(i int) int64 { return ss[i].ID }
		for _, tc := range []struct {
			name string
			f    kuzet.ConfirmedSimboxFilter
			want []int64
		}{
			{"All, in confirmation order", kuzet.ConfirmedSimboxFilter{}, []int64{id(1), id(2), id(3), id(0)}},
			{"Since", kuzet.ConfirmedSimboxFilter{Since: base.Add(2 * time.Hour)}, []int64{id(2), id(3), id(0)}},
			{"Until", kuzet.ConfirmedSimboxFilter{Until: base.Add(2 * time.Hour)}, []int64{id(1), id(2), id(3)}},
			{"A page", kuzet.ConfirmedSimboxFilter{Limit: 2}, []int64{id(1), id(2)}},
			{"After a cursor within a time", kuzet.ConfirmedSimboxFilter{AfterAt: base.Add(2 * time.Hour), AfterID: id(2)},
				[]int64{id(3), id(0)}},
			{"After the last", kuzet.ConfirmedSimboxFilter{AfterAt: base.Add(3 * time.Hour), AfterID: id(0)}, []int64{}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got := values(find(t, s, "find confirmed", kuzet.Tx.FindConfirmedSimbox, tc.f))
				same(t, "IDs", simboxIDs(got, simboxSuspectID), tc.want)
			})
		}
		got := values(find(t, s, "find confirmed", kuzet.Tx.FindConfirmedSimbox, kuzet.ConfirmedSimboxFilter{Limit: 1}))
		same(t, "a whole suspect", got, []kuzet.SimboxSuspect{*ss[1]})
	})

	t.Run("ScansStopAtError", func(t *testing.T) {
		s := open(t)
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			for _, n := range []string{"+77011111111", "+77012222222"} {
				must(t, "put roaming", tx.PutRoaming(ctx, &kuzet.Roaming{MSISDN: n, State: kuzet.RoamingAbroad, At: base, OrgID: 1}))
				must(t, "put dno", tx.PutDNO(ctx, &kuzet.DNOEntry{Number: n, OrgID: 1, CreatedAt: base}))
				must(t, "put porting", tx.PutPorting(ctx, &kuzet.Porting{MSISDN: n, OrgID: 1, At: base}))
				must(t, "put delegation", tx.PutDelegation(ctx, &kuzet.Delegation{MSISDN: n, OrgID: 2, HolderID: 1, CreatedAt: base}))
			}
		})
		view(t, s, func(ctx context.Context, tx kuzet.Tx) {
			calls := map[string]int{}
			stop := func(name string) error { calls[name]++; return errStop }
			errs := map[string]error{
				"roaming":     tx.ScanRoaming(ctx, func(*kuzet.Roaming) error { return stop("roaming") }),
				"dno":         tx.ScanDNO(ctx, func(*kuzet.DNOEntry) error { return stop("dno") }),
				"portings":    tx.ScanPortings(ctx, func(*kuzet.Porting) error { return stop("portings") }),
				"delegations": tx.ScanDelegations(ctx, func(*kuzet.Delegation) error { return stop("delegations") }),
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
		// Unverifiable passes count by the calling number's range: one row
		// a range, ordered after the reason.
		ranged := func(d time.Time, org int64, rng string, n int64) kuzet.CallCounter {
			return kuzet.CallCounter{Day: d, OrgID: org, Reason: kuzet.ReasonUnverifiable, Range: rng, Count: n}
		}
		update(t, s, func(ctx context.Context, tx kuzet.Tx) {
			must(t, "add counters again", tx.AddCallCounters(ctx, []kuzet.CallCounter{
				row(day, 1, kuzet.ReasonOK, 7), row(day, 1, kuzet.ReasonTimeout, 1),
				ranged(day, 1, "7704", 2), ranged(day, 1, "7703", 4), ranged(day, 1, "7704", 1),
			}))
		})
		all := []kuzet.CallCounter{
			row(day, 1, kuzet.ReasonDNO, 3),
			row(day, 1, kuzet.ReasonOK, 17),
			row(day, 1, kuzet.ReasonTimeout, 1),
			ranged(day, 1, "7703", 4),
			ranged(day, 1, "7704", 3),
			row(day, 2, kuzet.ReasonNotOriginated, 3),
			row(next, 1, kuzet.ReasonOK, 5),
		}
		for _, tc := range []struct {
			name string
			f    kuzet.CallCounterFilter
			want []kuzet.CallCounter
		}{
			{"All", kuzet.CallCounterFilter{}, all},
			{"OneOrg", kuzet.CallCounterFilter{OrgID: 2}, all[5:6]},
			{"FromIncludesItsDay", kuzet.CallCounterFilter{From: next.Add(12 * time.Hour)}, all[6:]},
			{"ToExcludesItsDay", kuzet.CallCounterFilter{To: next.Add(12 * time.Hour)}, all[:6]},
			{"OneDayOneOrg", kuzet.CallCounterFilter{From: day, To: next, OrgID: 1}, all[:5]},
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
