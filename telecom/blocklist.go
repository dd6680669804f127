package telecom

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
)

// The SIM-box block list. The police confirm SIM-box suspects (package
// simbox), which reports their numbers and handsets to the registry; the
// operators were promised the list of those SIMs, to cut them off. Each
// operator sees, in the order they were confirmed, the SIMs of numbers it
// serves (number, handsets, batch) and the handsets of every other
// confirmed SIM: a box moves its SIMs between networks, its handsets (IMEIs)
// stay the same.
//
// A page reads the confirmations up to Config.BlocklistSettle ago, not up
// to now: two confirmations committing out of the order of their times
// would otherwise let a page's cursor pass one that commits a moment later.

// BlockedSIM is one entry of an operator's block list.
type BlockedSIM struct {
	ID          int64     // the suspect's: the entry's identity in the list
	MSISDN      string    // E.164; only for a number the operator serves
	IMSI        string    // where known: the suspects do not record it yet
	IMEIs       []string  // the handsets the SIM was seen in
	ConfirmedAt time.Time // when the police confirmed it
	BatchID     int64     // the CDR batch it was found in; only for the operator's own numbers
	Reference   string    // "simbox_suspect:<id>", to name it to the police
}

// BlocklistPage is a page of the block list.
type BlocklistPage struct {
	Entries []BlockedSIM
	// Next is the cursor to ask for the page after this one; "" when the
	// page is the first and holds nothing (ask again with the same since).
	Next string
	// More is set when the page is full and more may follow at once;
	// otherwise the list is read up to its settled edge, and Next brings
	// later confirmations when they come.
	More bool
}

// blocklistCursor is "<confirmed at, Unix µs>-<suspect ID>".
func blocklistCursor(at time.Time, id int64) string {
	return strconv.FormatInt(at.UnixMicro(), 10) + "-" + strconv.FormatInt(id, 10)
}

func parseBlocklistCursor(c string) (time.Time, int64, error) {
	a, b, ok := strings.Cut(c, "-")
	us, err1 := strconv.ParseInt(a, 10, 64)
	id, err2 := strconv.ParseInt(b, 10, 64)
	if !ok || err1 != nil || err2 != nil || us <= 0 || id < 0 {
		return time.Time{}, 0, kuzet.Invalid("cursor", "cursor %q is not one a page of the block list gave", clip(c, 40))
	}
	return time.UnixMicro(us).UTC(), id, nil
}

// SimboxBlocklist returns a page of orgID's block list: the SIM-box SIMs
// confirmed at or after since (zero: from the start), after cursor (a
// page's Next; it supersedes since), at most limit entries (see
// kuzet.WebPageLimit). An operator serving no numbers (yet) sees every
// handset all the same. A page with entries is an audited read. Returns
// EINVALID naming "cursor" for a cursor no page gave.
func (e *Service) SimboxBlocklist(ctx context.Context, orgID int64, since time.Time, cursor string, limit int) (*BlocklistPage, error) {
	f := kuzet.ConfirmedSimboxFilter{Since: since, Limit: limit}
	if cursor != "" {
		at, id, err := parseBlocklistCursor(cursor)
		if err != nil {
			return nil, err
		}
		f.Since, f.AfterAt, f.AfterID = time.Time{}, at, id
	}
	if e.cfg.Store == nil {
		return &BlocklistPage{Entries: []BlockedSIM{}, Next: cursor}, nil
	}
	now := time.Unix(0, e.now()).UTC()
	f.Until = now.Add(-e.cfg.BlocklistSettle)
	var rows []*kuzet.SimboxSuspect
	err := kuzet.Transact(ctx, e.cfg.Store, false, func(tx kuzet.Tx) (err error) {
		rows, err = tx.FindConfirmedSimbox(ctx, f)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("telecom: block list: %w", err)
	}
	page := &BlocklistPage{Entries: []BlockedSIM{}, Next: cursor, More: len(rows) == kuzet.WebPageLimit(limit)}
	numbers := 0
	for _, s := range rows {
		page.Next = blocklistCursor(s.StatusAt, s.ID)
		b := BlockedSIM{ID: s.ID, IMEIs: s.IMEIs, ConfirmedAt: s.StatusAt, Reference: "simbox_suspect:" + strconv.FormatInt(s.ID, 10)}
		if n, err := ParseNumber(s.MSISDN); err == nil && e.owner(n, s.MSISDN[1:]) == orgID {
			b.MSISDN, b.BatchID = s.MSISDN, s.BatchID
			numbers++
		} else if len(s.IMEIs) == 0 {
			continue // nothing of it is this operator's to block
		}
		if b.IMEIs == nil {
			b.IMEIs = []string{}
		}
		page.Entries = append(page.Entries, b)
	}
	if len(page.Entries) > 0 && e.cfg.Audit != nil {
		err := e.cfg.Audit.Record(ctx, &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditBlocklistRead,
			Object: "blocklist:simbox", Detail: fmt.Sprintf("entries=%d numbers=%d", len(page.Entries), numbers)})
		if err != nil {
			return nil, fmt.Errorf("telecom: audit the block list read: %w", err)
		}
	}
	return page, nil
}
