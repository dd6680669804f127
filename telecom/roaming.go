package telecom

import (
	"context"
	"strconv"
	"time"

	"github.com/kuzet/kuzet"
)

// roaming is the in-memory state of one subscriber.
type roaming struct {
	at      int64 // Unix ns of the report
	abroad  bool
	country [2]byte
}

func roamingOf(r *kuzet.Roaming) roaming {
	v := roaming{at: r.At.UnixNano(), abroad: r.State == kuzet.RoamingAbroad}
	if len(r.Country) == 2 {
		v.country = [2]byte{r.Country[0], r.Country[1]}
	}
	return v
}

// Roaming returns the roaming state held for msisdn, or false if its
// operator never reported one.
func (e *Service) Roaming(msisdn string) (kuzet.Roaming, bool) {
	n, err := ParseNumber(msisdn)
	if err != nil {
		return kuzet.Roaming{}, false
	}
	v, ok := e.roam.get(n)
	if !ok {
		return kuzet.Roaming{}, false
	}
	r := kuzet.Roaming{MSISDN: msisdn, State: kuzet.RoamingHome, At: time.Unix(0, v.at).UTC()}
	if v.abroad {
		r.State = kuzet.RoamingAbroad
		if v.country != [2]byte{} {
			r.Country = string(v.country[:])
		}
	}
	return r, true
}

// UpdateRoaming applies an operator's roaming reports. Each report must name
// a domestic mobile number that orgID serves; a report older than the state
// held is accepted and ignored, so reports may arrive out of order. At
// defaults to now. Each change is audited with it, in one transaction: a
// subscriber's being abroad is personal data. Returns one error per report
// (nil where accepted): EINVALID for malformed reports, EFORBIDDEN for
// another operator's subscriber. The second result is EFORBIDDEN if orgID
// holds no numbering range, or the store's error; nothing was applied then.
func (e *Service) UpdateRoaming(ctx context.Context, orgID int64, reports []kuzet.Roaming) ([]error, error) {
	if err := e.checkOperator(ctx, orgID); err != nil {
		return nil, err
	}
	now := e.now()
	errs := make([]error, len(reports))
	fresh := make(map[Number]int) // number → index of the newest valid report in this batch
	for i := range reports {
		r := &reports[i]
		n, err := e.parseRoaming(orgID, r, now)
		if err != nil {
			errs[i] = err
			continue
		}
		if j, ok := fresh[n]; !ok || !r.At.Before(reports[j].At) {
			fresh[n] = i
		}
	}
	e.writeMu.Lock()
	defer e.writeMu.Unlock()
	var apply []int
	for n, i := range fresh {
		if v, ok := e.roam.get(n); ok && reports[i].At.UnixNano() < v.at {
			continue // an older report than the one held
		}
		apply = append(apply, i)
	}
	if len(apply) == 0 {
		return errs, nil
	}
	if e.cfg.Store != nil {
		at := time.Unix(0, now).UTC()
		err := kuzet.Transact(ctx, e.cfg.Store, true, func(s kuzet.Tx) error {
			entries := make([]*kuzet.AuditEntry, len(apply))
			for k, i := range apply {
				r := &reports[i]
				if err := s.PutRoaming(ctx, r); err != nil {
					return err
				}
				entries[k] = &kuzet.AuditEntry{At: at, OrgID: orgID, Action: kuzet.AuditRoamingUpdate,
					Object: phoneObject(r.MSISDN), Detail: "state=" + string(r.State) + " country=" + r.Country}
			}
			return s.AppendAudit(ctx, entries...)
		})
		if err != nil {
			return nil, err
		}
	}
	for _, i := range apply {
		n, _ := ParseNumber(reports[i].MSISDN)
		e.roam.set(n, roamingOf(&reports[i]))
	}
	return errs, nil
}

// parseRoaming checks r, normalizes its country and time, and sets OrgID.
func (e *Service) parseRoaming(orgID int64, r *kuzet.Roaming, now int64) (Number, error) {
	if r.MSISDN == "" {
		return 0, kuzet.Invalid("msisdn", "msisdn is required")
	}
	n, err := ParseNumber(r.MSISDN)
	if err != nil {
		return 0, kuzet.Invalid("msisdn", "%s", kuzet.ErrorMessage(err))
	}
	if e.plan.classify(r.MSISDN[1:]) != Mobile {
		return 0, kuzet.Invalid("msisdn", "%s is not a domestic mobile number", r.MSISDN)
	}
	if !r.State.Valid() {
		return 0, kuzet.Invalid("state", "state must be abroad or home")
	}
	if r.State == kuzet.RoamingHome {
		r.Country = ""
	} else if r.Country != "" {
		c := []byte(r.Country)
		for i := range c {
			if 'a' <= c[i] && c[i] <= 'z' {
				c[i] -= 'a' - 'A'
			}
		}
		if len(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' {
			return 0, kuzet.Invalid("country", "country must be an ISO 3166-1 alpha-2 code")
		}
		r.Country = string(c)
	}
	if r.At.IsZero() {
		r.At = time.Unix(0, now).UTC()
	} else if t, ok := unixNano(r.At); !ok || t > now+int64(e.cfg.Tolerance) {
		return 0, kuzet.Invalid("at", "at is more than %v in the future, or out of range", e.cfg.Tolerance)
	}
	if owner := e.owner(n, r.MSISDN[1:]); owner != orgID {
		return 0, &kuzet.Error{Code: kuzet.EFORBIDDEN, Message: "msisdn " + r.MSISDN + " is not a subscriber of this operator",
			Fields: []kuzet.FieldError{{Field: "msisdn", Message: "not a subscriber of this operator"}}}
	}
	r.OrgID = orgID
	return n, nil
}

// AddDNO puts numbers on the Do-Not-Originate list for orgID (a police unit
// or the regulator; the caller checks the permission). Any allocated or
// foreign number may be listed. Returns one error per number (nil where
// accepted; EINVALID for numbers the plan rejects) and the store's error,
// when nothing was applied.
func (e *Service) AddDNO(ctx context.Context, orgID int64, numbers []string) ([]error, error) {
	now := time.Unix(0, e.now()).UTC()
	errs := make([]error, len(numbers))
	var entries []kuzet.DNOEntry
	var ns []Number
	for i, s := range numbers {
		n, err := ParseNumber(s)
		if err != nil {
			errs[i] = kuzet.Invalid("", "%s", kuzet.ErrorMessage(err))
			continue
		}
		if e.plan.classify(s[1:]) == Invalid {
			errs[i] = kuzet.Invalid("", "%s is not an allocated number", s)
			continue
		}
		entries = append(entries, kuzet.DNOEntry{Number: s, OrgID: orgID, CreatedAt: now})
		ns = append(ns, n)
	}
	if len(entries) == 0 {
		return errs, nil
	}
	e.writeMu.Lock()
	defer e.writeMu.Unlock()
	if e.cfg.Store != nil {
		err := kuzet.Transact(ctx, e.cfg.Store, true, func(s kuzet.Tx) error {
			audit := make([]*kuzet.AuditEntry, len(entries))
			for i := range entries {
				if err := s.PutDNO(ctx, &entries[i]); err != nil {
					return err
				}
				audit[i] = &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditDNOPut, Object: phoneObject(entries[i].Number)}
			}
			return s.AppendAudit(ctx, audit...)
		})
		if err != nil {
			return nil, err
		}
	}
	for _, n := range ns {
		e.dno.set(n, struct{}{})
	}
	return errs, nil
}

// RemoveDNO takes number off the Do-Not-Originate list on behalf of orgID.
// Returns EINVALID for a malformed number and ENOTFOUND if it is not listed.
func (e *Service) RemoveDNO(ctx context.Context, orgID int64, number string) error {
	n, err := ParseNumber(number)
	if err != nil {
		return kuzet.Invalid("number", "%s", kuzet.ErrorMessage(err))
	}
	e.writeMu.Lock()
	defer e.writeMu.Unlock()
	if _, ok := e.dno.get(n); !ok {
		return kuzet.Errorf(kuzet.ENOTFOUND, "%s is not on the Do-Not-Originate list", number)
	}
	if e.cfg.Store != nil {
		err := kuzet.Transact(ctx, e.cfg.Store, true, func(s kuzet.Tx) error {
			if err := s.DeleteDNO(ctx, number); err != nil && kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
				return err
			}
			return s.AppendAudit(ctx, &kuzet.AuditEntry{At: time.Unix(0, e.now()).UTC(), OrgID: orgID,
				Action: kuzet.AuditDNODelete, Object: phoneObject(number)})
		})
		if err != nil {
			return err
		}
	}
	e.dno.remove(n)
	return nil
}

// DNO reports whether number is on the Do-Not-Originate list.
func (e *Service) DNO(number string) bool {
	n, err := ParseNumber(number)
	if err != nil {
		return false
	}
	_, ok := e.dno.get(n)
	return ok
}

// SetPortings records numbers ported to another operator, on behalf of
// orgID (the regulator keeping the national porting database): from then on
// only that operator may register calls from them or report their roaming.
// Each porting must name a domestic number and a member operator, or 0 for
// an operator not connected to the exchange (the number's calls then pass as
// unverifiable, as nobody can vouch for them). Porting a number back to its
// range holder is a porting to that holder. At defaults to now. Returns one
// error per porting (nil where accepted) and the store's error, when
// nothing was applied.
func (e *Service) SetPortings(ctx context.Context, orgID int64, ps []kuzet.Porting) ([]error, error) {
	now := time.Unix(0, e.now()).UTC()
	ops := e.ops.Load()
	errs := make([]error, len(ps))
	var apply []int
	for i := range ps {
		p := &ps[i]
		if _, err := ParseNumber(p.MSISDN); err != nil {
			errs[i] = kuzet.Invalid("msisdn", "%s", kuzet.ErrorMessage(err))
			continue
		}
		if !e.plan.classify(p.MSISDN[1:]).Domestic() {
			errs[i] = kuzet.Invalid("msisdn", "%s is not a domestic number", p.MSISDN)
			continue
		}
		if p.OrgID != 0 && !ops.telcos[p.OrgID] {
			errs[i] = kuzet.Invalid("org_id", "organisation %d is not a member operator (0: one not connected)", p.OrgID)
			continue
		}
		if p.At.IsZero() {
			p.At = now
		}
		apply = append(apply, i)
	}
	if len(apply) == 0 {
		return errs, nil
	}
	e.writeMu.Lock()
	defer e.writeMu.Unlock()
	if e.cfg.Store != nil {
		err := kuzet.Transact(ctx, e.cfg.Store, true, func(s kuzet.Tx) error {
			entries := make([]*kuzet.AuditEntry, len(apply))
			for k, i := range apply {
				if err := s.PutPorting(ctx, &ps[i]); err != nil {
					return err
				}
				entries[k] = &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditPortingPut,
					Object: phoneObject(ps[i].MSISDN), Detail: "org=" + strconv.FormatInt(ps[i].OrgID, 10)}
			}
			return s.AppendAudit(ctx, entries...)
		})
		if err != nil {
			return nil, err
		}
	}
	for _, i := range apply {
		n, _ := ParseNumber(ps[i].MSISDN)
		if old, ok := e.ports.get(n); ok {
			e.portedTo[old]--
		}
		e.ports.set(n, ps[i].OrgID)
		e.portedTo[ps[i].OrgID]++
	}
	return errs, nil
}

// phoneObject names a number in the audit log as the registry names
// indicators.
func phoneObject(e164 string) string {
	return kuzet.Indicator{Kind: kuzet.KindPhone, Value: e164}.Key()
}
