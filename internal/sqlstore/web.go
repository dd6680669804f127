package sqlstore

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/kuzet/kuzet"
)

// A finding's certificate and a blocking item's copy of the evidence are
// TEXT in SQLite and jsonb in PostgreSQL, read back whole; a finding's
// methods are a JSON array in SQLite and text[] in PostgreSQL, which the
// Dialect reads.

// FindingColumns are the columns Finding reads, in order.
const FindingColumns = `id, domain, unicode, status, status_at, category, brand, verdict, score, methods, source,
	source_detail, submitted_by, url, certificate, first_seen, last_seen, notes, decided_by, decided_at`

// Finding reads one row of FindingColumns.
func (r Reader) Finding(s Scanner) (*kuzet.WebFinding, error) { return r.FindingWith(s) }

// FindingWith reads one row of FindingColumns followed by columns read into
// extra, as an upsert's RETURNING may add.
func (r Reader) FindingWith(s Scanner, extra ...any) (*kuzet.WebFinding, error) {
	var (
		f    kuzet.WebFinding
		cert sql.NullString
	)
	dest := append([]any{&f.ID, &f.Domain, &f.Unicode, &f.Status, r.d.Time(&f.StatusAt), &f.Category, &f.Brand,
		&f.Verdict, &f.Score, r.d.Strings(&f.Methods), &f.Source, &f.SourceDetail, &f.SubmittedBy, &f.URL, &cert,
		r.d.Time(&f.FirstSeen), r.d.Time(&f.LastSeen), &f.Notes, &f.DecidedBy, r.d.Time(&f.DecidedAt)}, extra...)
	if err := s.Scan(dest...); err != nil {
		return nil, err
	}
	if f.Methods == nil {
		f.Methods = []string{}
	}
	if cert.Valid {
		f.Certificate = new(kuzet.WebCertificate)
		if err := json.Unmarshal([]byte(cert.String), f.Certificate); err != nil {
			return nil, fmt.Errorf("certificate of web finding %d: %w", f.ID, err)
		}
	}
	return &f, nil
}

// CertificateJSON is the stored form of a finding's certificate: NULL for
// none.
func CertificateJSON(c *kuzet.WebCertificate) (sql.NullString, error) {
	if c == nil {
		return sql.NullString{}, nil
	}
	b, err := json.Marshal(storedCertificate(c))
	if err != nil {
		return sql.NullString{}, err
	}
	return sql.NullString{String: string(b), Valid: true}, nil
}

// StoredFinding sets f's times and evidence to what the store gives back.
func StoredFinding(f *kuzet.WebFinding) {
	f.StatusAt, f.DecidedAt = Stored(f.StatusAt), StoredOrZero(f.DecidedAt)
	f.WebEvidence = StoredEvidence(f.WebEvidence)
}

// StoredEvidence returns a copy of e as the store gives it back: times in
// UTC to the microsecond, slices not nil, a certificate of its own.
func StoredEvidence(e kuzet.WebEvidence) kuzet.WebEvidence {
	e.FirstSeen, e.LastSeen, e.DecidedAt = Stored(e.FirstSeen), Stored(e.LastSeen), StoredOrZero(e.DecidedAt)
	e.Methods = append([]string{}, e.Methods...)
	if e.Certificate != nil {
		e.Certificate = storedCertificate(e.Certificate)
	}
	return e
}

// storedCertificate returns a copy of c as the store gives it back.
func storedCertificate(c *kuzet.WebCertificate) *kuzet.WebCertificate {
	cp := *c
	cp.NotBefore, cp.NotAfter, cp.LoggedAt = StoredOrZero(c.NotBefore), StoredOrZero(c.NotAfter), StoredOrZero(c.LoggedAt)
	cp.SANs = append([]string{}, c.SANs...)
	return &cp
}

// ItemError is the error of the insert of a blocking request's item it
// that violated c: ECONFLICT if its finding is in a request already, else
// err wrapped with op, naming a finding that does not exist (the workflow
// checks that first); nil for nil.
func ItemError(err error, c Constraint, op string, it *kuzet.BlockingItem) error {
	switch {
	case err == nil:
		return nil
	case c == Unique:
		return kuzet.Errorf(kuzet.ECONFLICT, "web finding %d is in a blocking request already", it.FindingID)
	case c == ForeignKey:
		return fmt.Errorf("%s: web finding %d does not exist", op, it.FindingID)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// RequestItemColumns are the columns Requests reads, those of a request
// joined with its items; a request without items has NULLs for the item's.
const RequestItemColumns = `r.id, r.org_id, r.created_at, r.note,
	i.finding_id, i.domain, i.unicode, i.category, i.evidence, i.status, i.note, i.status_at, i.status_by`

// Requests reads the rows of RequestItemColumns, a request's items
// following it in order; errors are wrapped with op.
func (r Reader) Requests(rows Rows, op string) ([]*kuzet.BlockingRequest, error) {
	var out []*kuzet.BlockingRequest
	err := Each(rows, op, r.requestItem, func(ri requestItem) error {
		if n := len(out); n == 0 || out[n-1].ID != ri.request.ID {
			req := ri.request
			req.Items = []kuzet.BlockingItem{}
			out = append(out, &req)
		}
		if ri.item != nil {
			last := out[len(out)-1]
			last.Items = append(last.Items, *ri.item)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// requestItem is one row of RequestItemColumns: a request and one of its
// items, or no item.
type requestItem struct {
	request kuzet.BlockingRequest
	item    *kuzet.BlockingItem
}

func (r Reader) requestItem(s Scanner) (requestItem, error) {
	var (
		ri                                  requestItem
		findingID, statusBy                 sql.NullInt64
		domain, unicode, category, evidence sql.NullString
		status, note                        sql.NullString
		statusAt                            time.Time
	)
	if err := s.Scan(&ri.request.ID, &ri.request.OrgID, r.d.Time(&ri.request.CreatedAt), &ri.request.Note,
		&findingID, &domain, &unicode, &category, &evidence, &status, &note, r.d.Time(&statusAt), &statusBy); err != nil {
		return ri, err
	}
	if !findingID.Valid {
		return ri, nil // a request without items
	}
	it := &kuzet.BlockingItem{FindingID: findingID.Int64, Domain: domain.String, Unicode: unicode.String,
		Category: kuzet.Category(category.String), Status: kuzet.BlockingStatus(status.String), Note: note.String,
		StatusAt: statusAt, StatusBy: statusBy.Int64}
	if err := json.Unmarshal([]byte(evidence.String), &it.Evidence); err != nil {
		return ri, fmt.Errorf("evidence of web finding %d: %w", it.FindingID, err)
	}
	if it.Evidence.Methods == nil {
		it.Evidence.Methods = []string{}
	}
	ri.item = it
	return ri, nil
}

// CheckpointColumns are the columns Checkpoint reads, in order.
const CheckpointColumns = `log_id, next_index, tree_size, root_hash, updated_at`

// Checkpoint reads one row of CheckpointColumns.
func (r Reader) Checkpoint(s Scanner) (*kuzet.CTCheckpoint, error) {
	var c kuzet.CTCheckpoint
	if err := s.Scan(&c.LogID, &c.NextIndex, &c.TreeSize, &c.RootHash, r.d.Time(&c.UpdatedAt)); err != nil {
		return nil, err
	}
	return &c, nil
}

// WebCounts reads the row of a CountWeb query: its five counts in the
// order of kuzet.WebCounts.
func WebCounts(s Scanner) (kuzet.WebCounts, error) {
	var c kuzet.WebCounts
	err := s.Scan(&c.Found, &c.Sent, &c.Blocked, &c.Rejected, &c.Gone)
	return c, err
}
