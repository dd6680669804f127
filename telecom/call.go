package telecom

import (
	"context"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kuzet/kuzet"
)

// Call is one call set-up as an operator reports it: registered by the
// operator that originated it, verified by the one that terminates it.
type Call struct {
	A       string        // calling number (CLI), E.164 with "+"
	B       string        // called number, E.164 with "+"
	At      time.Time     // when the call was set up
	CallID  string        // the reporting operator's own ID; repeats of one ID are idempotent
	Ingress kuzet.Ingress // verification only: the trunk the call came in by
	// RedirectedFrom, verification only, is the number the caller
	// originally called, as the terminating switch reads it from the SIP
	// Diversion or History-Info headers of a forwarded call: the caller's
	// operator registered A→RedirectedFrom, not A→B. "" for a direct call.
	RedirectedFrom string
	// Identity, verification only, is the SIP Identity header: a
	// STIR/SHAKEN PASSporT and its parameters (stir.go). "" for none.
	Identity string
	OrgID    int64 // the reporting operator: originating for Register, terminating for Verify
}

// Verdict is the answer to a verification.
type Verdict struct {
	Verdict kuzet.CallVerdict `json:"verdict"`
	Reason  kuzet.CallReason  `json:"reason"`
}

// Result is one item of a verification batch: a verdict, or the error that
// kept the item from getting one.
type Result struct {
	Verdict Verdict
	Err     error
}

const maxCallID = 256

// Originated is the event of registrations accepted on this node.
type Originated struct {
	OrgID int64
	Calls []Call
}

// Originate registers calls that orgID originated, each judged alone: a
// call from another operator's number is that item's EFORBIDDEN, a
// malformed one its EINVALID; the accepted ones are emitted on
// Originations. Returns EFORBIDDEN for the whole batch if orgID holds no
// numbering range at all.
func (e *Service) Originate(ctx context.Context, orgID int64, calls []Call) ([]error, error) {
	if err := e.checkOperator(ctx, orgID); err != nil {
		return nil, err
	}
	var fresh int64 // the batch's newest call, its clock's sample
	for i := range calls {
		calls[i].OrgID = orgID
		fresh = max(fresh, atNanos(calls[i].At))
	}
	e.observeSkew(orgID, fresh, e.now())
	errs := e.RegisterBatch(calls)
	if e.Originations.Subscribed() {
		accepted := make([]Call, 0, len(calls))
		for i := range calls {
			if errs[i] == nil {
				accepted = append(accepted, calls[i])
			}
		}
		if len(accepted) > 0 {
			e.Originations.Emit(Originated{OrgID: orgID, Calls: accepted})
		}
	}
	return errs, nil
}

// Register adds a call originated by c.OrgID to the window, where a
// verification can match it. Repeating a call (same A, B and CallID, or the
// same A, B and At without a CallID) is accepted and changes nothing.
// Returns EINVALID for malformed fields or an At outside the window, and
// EFORBIDDEN if A is not a number c.OrgID serves.
func (e *Service) Register(c Call) error {
	return e.register(&c, e.now())
}

// RegisterBatch registers calls, reading the clock once. Returns one error
// per call, nil where accepted.
func (e *Service) RegisterBatch(calls []Call) []error {
	now := e.now()
	errs := make([]error, len(calls))
	for i := range calls {
		errs[i] = e.register(&calls[i], now)
	}
	return errs
}

func (e *Service) register(c *Call, now int64) error {
	a, b, class, err := e.parseNumbers(c)
	if err == nil {
		err = e.checkAt(c.At, now)
	}
	if err == nil && len(c.CallID) > maxCallID {
		err = kuzet.Invalid("call_id", "call_id is longer than %d bytes", maxCallID)
	}
	if err == nil && class == Invalid {
		err = kuzet.Invalid("a", "%s is not an allocated number", c.A)
	}
	if err == nil && !e.mayOriginate(c.OrgID, a, c.A[1:]) {
		// An operator vouches only for its own subscribers: a registration
		// from anyone else would let it unblock spoofed calls.
		err = &kuzet.Error{Code: kuzet.EFORBIDDEN, Message: "a " + c.A + " is not a number of this operator",
			Fields: []kuzet.FieldError{{Field: "a", Message: "not a number of this operator"}}}
	}
	if err != nil {
		e.m.rejected.Add(1)
		return err
	}
	at := c.At.UnixNano()
	// Without a call ID, the same A, B and at make the same call.
	id := mix64(uint64(at)^uint64(c.OrgID)) | 2
	if c.CallID != "" {
		id = fingerprint(c.OrgID, c.CallID)
	}
	o := origin{a: a, b: b, at: at, arrived: now, id: id}
	e.win.add(pairHash(a, b), o, now-int64(e.cfg.Window))
	return nil
}

// parseNumbers checks A and B and classifies A. A malformed A (not "+" and
// digits) is an error; a well-formed but undialable one comes back as
// Invalid for the caller to judge. A zero Number stands for an A whose
// digits do not fit E.164.
func (e *Service) parseNumbers(c *Call) (a, b Number, class Class, err error) {
	a, aWF, aOK := scan(c.A)
	b, bWF, bOK := scan(c.B)
	switch {
	case c.A == "":
		return 0, 0, Invalid, kuzet.Invalid("a", "a is required")
	case !aWF:
		return 0, 0, Invalid, kuzet.Invalid("a", "a %q is not an E.164 number (\"+\" and digits)", c.A)
	case c.B == "":
		return 0, 0, Invalid, kuzet.Invalid("b", "b is required")
	case !bWF:
		return 0, 0, Invalid, kuzet.Invalid("b", "b %q is not an E.164 number (\"+\" and digits)", c.B)
	case !bOK || e.plan.classify(c.B[1:]) == Invalid:
		return 0, 0, Invalid, kuzet.Invalid("b", "b %s is not an allocated number", c.B)
	case !aOK:
		return 0, b, Invalid, nil
	}
	return a, b, e.plan.classify(c.A[1:]), nil
}

// checkAt rejects call times the window cannot hold: older than the window,
// or further in the future than the clock skew allowed.
func (e *Service) checkAt(at time.Time, now int64) error {
	if at.IsZero() {
		return kuzet.Invalid("at", "at is required")
	}
	t, ok := unixNano(at)
	switch {
	case ok && t < now-int64(e.cfg.Window), !ok && at.Unix() < 0:
		return kuzet.Invalid("at", "at is more than %v in the past, outside the window", e.cfg.Window)
	case ok && t > now+int64(e.cfg.Tolerance), !ok:
		return kuzet.Invalid("at", "at is more than %v in the future", e.cfg.Tolerance)
	}
	return nil
}

// unixNano is t.UnixNano, and false where that is undefined (before 1678 or
// after 2262): a client's timestamp must not wrap around into the window.
func unixNano(t time.Time) (int64, bool) {
	const limit = math.MaxInt64 / int64(time.Second)
	if s := t.Unix(); s <= -limit || s >= limit {
		return 0, false
	}
	return t.UnixNano(), true
}

// query is a verification being decided.
type query struct {
	a, b Number // calling and called number
	// m is the number a registration must name as called: b, or for a
	// forwarded call the number the caller dialled; h is the pair hash of a
	// and m. For a forwarded call hb is the pair hash of a and b, as the
	// caller's operator may have registered the forwarded leg itself; 0
	// otherwise.
	m       Number
	h, hb   uint64
	at      int64
	vid     uint64 // fingerprint of the verification's call ID, or anonymous
	key     uint64 // callKey: the verification's identity for retries
	class   Class
	matched bool  // a registration matched: nothing to remember for a retry
	replay  bool  // the same verification asked again: answer, but count once
	rng     int32 // unverifiable: the counterKey rng of A's plan range
	ident   uint8 // the PASSporT's check (stir.go's ident…); 0 not checked yet
}

// Verify decides one call: block with a reason, or pass. Returns EINVALID
// for malformed fields or an At outside the window (a well-formed A that is
// not a dialable, allocated number is a verdict, invalid_cli, not an error).
// A domestic A on domestic ingress without a matching registration waits up
// to Config.Grace for one to arrive.
func (e *Service) Verify(ctx context.Context, c Call) (Verdict, error) {
	now := e.now()
	e.observeSkew(c.OrgID, atNanos(c.At), now)
	var q query
	if err := e.parseVerify(&c, now, &q); err != nil {
		return Verdict{}, err
	}
	r, ok := e.judge(&c, &q, now)
	if !ok {
		qs := []query{q}
		reasons := []kuzet.CallReason{""}
		e.await(ctx, time.Now(), qs, []int{0}, reasons)
		q, r = qs[0], reasons[0]
	}
	return e.finish(&c, &q, r, now, true), nil
}

// VerifyBatch decides calls, waiting for late registrations of all of them
// at once, so that a batch takes at most one grace period longer than its
// work. Items still undecided when the deadline has passed (an overloaded
// engine) pass with reason timeout.
func (e *Service) VerifyBatch(ctx context.Context, calls []Call) []Result {
	start := time.Now()
	now := e.now()
	out := make([]Result, len(calls))
	qs := make([]query, len(calls))
	var wait []int
	late := false
	var fresh int64 // the batch's newest call, its clock's sample
	var signed []int
	for i := range calls {
		c := &calls[i]
		if c.OrgID == calls[0].OrgID {
			fresh = max(fresh, atNanos(c.At))
		}
		if err := e.parseVerify(c, now, &qs[i]); err != nil {
			out[i].Err = err
		} else if c.Identity != "" && qs[i].class != Invalid {
			signed = append(signed, i)
		}
	}
	if len(signed) >= parallelIdentities {
		e.checkIdentities(start, calls, qs, signed, now)
	}
	for i := range calls {
		c := &calls[i]
		if out[i].Err != nil {
			continue
		}
		if !late && i&63 == 63 && time.Since(start) > e.cfg.Deadline {
			late = true
		}
		if late {
			out[i].Verdict = e.finish(c, &qs[i], kuzet.ReasonTimeout, now, false)
			continue
		}
		r, ok := e.judge(c, &qs[i], now)
		if !ok {
			wait = append(wait, i)
			continue
		}
		out[i].Verdict = e.finish(c, &qs[i], r, now, true)
	}
	if len(calls) > 0 {
		e.observeSkew(calls[0].OrgID, fresh, now)
	}
	if len(wait) > 0 {
		reasons := make([]kuzet.CallReason, len(calls))
		e.await(ctx, start, qs, wait, reasons)
		for _, i := range wait {
			out[i].Verdict = e.finish(&calls[i], &qs[i], reasons[i], now, true)
		}
	}
	return out
}

// parallelIdentities is the number of signed calls from which a batch
// checks their PASSporTs on every core before judging: a signature check
// costs about a hundred microseconds, a thousand of them more than the
// deadline on one core.
const parallelIdentities = 16

// checkIdentities checks the PASSporTs of calls[i], i in idx, on as many
// goroutines as there are cores, until the deadline of a batch that started
// at start; the judge checks any left.
func (e *Service) checkIdentities(start time.Time, calls []Call, qs []query, idx []int, now int64) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(idx)/4) {
		wg.Go(func() {
			for {
				k := int(next.Add(1)) - 1
				if k >= len(idx) || time.Since(start) > e.cfg.Deadline {
					return
				}
				i := idx[k]
				qs[i].ident = e.checkIdentity(&calls[i], &qs[i], now)
			}
		})
	}
	wg.Wait()
}

func (e *Service) parseVerify(c *Call, now int64, q *query) error {
	a, b, class, err := e.parseNumbers(c)
	if err == nil && !c.Ingress.Valid() {
		err = kuzet.Invalid("ingress", "ingress must be domestic or international")
	}
	if err == nil {
		err = e.checkAt(c.At, now)
	}
	if err == nil && len(c.CallID) > maxCallID {
		err = kuzet.Invalid("call_id", "call_id is longer than %d bytes", maxCallID)
	}
	if err == nil && len(c.Identity) > maxIdentity {
		err = kuzet.Invalid("identity", "identity is longer than %d bytes", maxIdentity)
	}
	if err != nil {
		return err
	}
	*q = query{a: a, b: b, m: b, h: pairHash(a, b), at: c.At.UnixNano(), class: class, vid: anonymous}
	q.key = callKey(c.OrgID, b, q.at, c.Ingress == kuzet.IngressInternational)
	if c.CallID != "" {
		q.vid = fingerprint(c.OrgID, c.CallID)
	}
	if c.RedirectedFrom != "" {
		rf, wf, ok := scan(c.RedirectedFrom)
		if !wf {
			return kuzet.Invalid("redirected_from", "redirected_from %q is not an E.164 number (\"+\" and digits)", c.RedirectedFrom)
		}
		// A number no one could have dialled supports nothing: the call is
		// judged as the direct call it then is.
		if ok && rf != b && e.plan.classify(c.RedirectedFrom[1:]) != Invalid {
			q.m, q.h, q.hb = rf, pairHash(a, rf), q.h
		}
	}
	return nil
}

// judge applies the rules that need no waiting, in the order of the block
// reasons: invalid_cli, dno, invalid_identity, domestic_cli_from_abroad,
// then the search for a registration, which a PASSporT attested A stands in
// for. It reports false when a domestic call found none yet.
func (e *Service) judge(c *Call, q *query, now int64) (kuzet.CallReason, bool) {
	if q.class == Invalid {
		return kuzet.ReasonInvalidCLI, true
	}
	if _, ok := e.dno.get(q.a); ok {
		return kuzet.ReasonDNO, true
	}
	if c.Identity != "" && q.ident == 0 {
		q.ident = e.checkIdentity(c, q, now)
	}
	if q.ident == identForged {
		return kuzet.ReasonInvalidIdentity, true
	}
	if c.Ingress == kuzet.IngressInternational {
		switch q.class {
		case Geographic:
			// A fixed line cannot roam: its number never comes from abroad.
			return kuzet.ReasonDomesticCLIFromAbroad, true
		case Mobile:
			if v, ok := e.roam.get(q.a); !ok || !v.abroad {
				return kuzet.ReasonDomesticCLIFromAbroad, true
			}
		}
		// A roamer calling home, or a foreign number from abroad: no
		// domestic operator originated it, so there is nothing to match.
		return kuzet.ReasonOK, true
	}
	if !q.class.Domestic() {
		// A foreign number on a domestic trunk: an inbound roamer on a
		// domestic network. No foreign operator registers its calls here.
		return kuzet.ReasonOK, true
	}
	tol, cutoff := int64(e.cfg.Tolerance), now-int64(e.cfg.Window)
	r, why := e.win.matchOrWait(q.h, q.a, q.m, q.at, tol, cutoff, q.vid, q.key, nil)
	if r == noMatch && q.hb != 0 {
		// A forwarded call whose caller's operator registered the leg to B.
		r, why = e.win.matchOrWait(q.hb, q.a, q.b, q.at, tol, cutoff, q.vid, q.key, nil)
	}
	switch r {
	case matched:
		q.matched = true
		return kuzet.ReasonOK, true
	case replayed:
		q.replay = true
		return kuzet.CallReasons[why], true
	}
	if q.ident == identAttested {
		// Signed by an operator that may originate A: as good as its
		// registration.
		return kuzet.ReasonOK, true
	}
	// Asked only once no registration was found, so that registered calls,
	// nearly all of them, never pay for it: a registration proves an owner.
	if e.owner(q.a, c.A[1:]) == 0 {
		// No member serves A: no registration can come, and blocking would
		// block every honest call of an operator not connected yet.
		q.rng = e.rangeOf(c.A[1:])
		return kuzet.ReasonUnverifiable, true
	}
	return "", false
}

// await waits for registrations matching the queries qs[i], i in idx, and
// sets reasons[i]: ok for those matched, else not_originated after the
// grace period, or timeout when the wait could not be a fair one (the engine
// impaired, the caller's context ending first, too many waiting).
func (e *Service) await(ctx context.Context, start time.Time, qs []query, idx []int, reasons []kuzet.CallReason) {
	n := int64(len(idx))
	if e.waiting.Add(n) > int64(e.cfg.MaxWaiting) {
		e.waiting.Add(-n)
		e.m.overloaded.Add(uint64(n))
		for _, i := range idx {
			reasons[i] = kuzet.ReasonTimeout
		}
		return
	}
	defer e.waiting.Add(-n)

	end := start.Add(e.cfg.Grace)
	if e.Impaired() != nil {
		end = start.Add(e.cfg.Deadline)
	}
	cut := false
	if dl, ok := ctx.Deadline(); ok && dl.Before(end) {
		end, cut = dl, true
	}
	wt := newWaiter()
	timer := time.NewTimer(time.Until(end))
	defer timer.Stop()
	left := append([]int(nil), idx...)
	tol := int64(e.cfg.Tolerance)
	for waiting := true; ; {
		cutoff := e.now() - int64(e.cfg.Window)
		k := 0
		for _, i := range left {
			q := &qs[i]
			var w *waiter
			if waiting {
				w = wt
			}
			switch r, why := e.win.matchOrWait(q.h, q.a, q.m, q.at, tol, cutoff, q.vid, q.key, w); r {
			case matched:
				reasons[i], q.matched = kuzet.ReasonOK, true
			case replayed:
				reasons[i], q.replay = kuzet.CallReasons[why], true
			default:
				left[k] = i
				k++
			}
		}
		left = left[:k]
		if len(left) == 0 || !waiting {
			break
		}
		select {
		case <-wt.ch:
			continue
		case <-timer.C:
		case <-ctx.Done():
			cut = true
		}
		waiting = false // one last look, for a registration that came with the timer
	}
	for _, i := range idx {
		e.win.unwait(qs[i].h, wt)
	}
	r := kuzet.ReasonNotOriginated
	if cut || e.Impaired() != nil {
		r = kuzet.ReasonTimeout
	}
	for _, i := range left {
		reasons[i] = r
	}
}

// finish applies the last rule, flagged_number, to calls that would pass,
// unless lookup is false (a batch already late), remembers a verdict that
// consumed no registration for the verification's retries (answering a
// retry the verdict it had), and records a new verdict in the counters and
// the active-call signal.
func (e *Service) finish(c *Call, q *query, r kuzet.CallReason, now int64, lookup bool) Verdict {
	if lookup && r.Verdict() == kuzet.VerdictPass && e.cfg.Flagged != nil && e.cfg.Flagged(c.A) {
		r = kuzet.ReasonFlaggedNumber
	}
	if !q.replay && !q.matched {
		// A call matched to a registration is remembered by the
		// registration itself (window.match).
		if prior, again := e.win.remember(q.h, q.a, q.m, q.at, now, now-int64(e.cfg.Window), q.vid, q.key,
			reasonIndex(r)); again {
			r, q.replay = kuzet.CallReasons[prior], true
		}
	}
	if !q.replay {
		if r == kuzet.ReasonTimeout {
			e.m.timeouts.Add(1)
		}
		k := counterKey{day: dayOf(q.at), reason: reasonIndex(r), org: c.OrgID}
		if r == kuzet.ReasonUnverifiable {
			k.rng = q.rng
		}
		e.counts.add(q.h, k, 1)
		sec := now / int64(time.Second)
		if r.Verdict() == kuzet.VerdictBlock {
			// Never connected: the callee is not on a call, but someone is
			// after them.
			e.sig.note(q.b, sec, false, false, false, true)
			e.emitNote(SignalNote{Callee: q.b, At: sec, Targeted: true})
		} else {
			foreign := c.Ingress == kuzet.IngressInternational
			unverified := r == kuzet.ReasonTimeout || r == kuzet.ReasonUnverifiable
			h := q.h
			if q.hb != 0 {
				h = q.hb // the caller and the callee, not the number forwarding
			}
			first := !e.pairs.seen(h)
			if foreign || unverified || first {
				e.sig.note(q.b, sec, foreign, unverified, first, false)
				n := SignalNote{Callee: q.b, At: sec, Foreign: foreign, Unverified: unverified, First: first}
				if first {
					n.Pair = h
				}
				e.emitNote(n)
			}
		}
	}
	return Verdict{Verdict: r.Verdict(), Reason: r}
}
