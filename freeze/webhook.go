package freeze

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kuzet/kuzet"
)

// Webhook headers. The signature is "t=<Unix seconds>,v1=<hex>", the hex
// being HMAC-SHA256 under the organisation's secret of the timestamp, a
// dot and the body, as Stripe signs: the timestamp inside the MAC stops a
// captured delivery from being replayed later.
const (
	SignatureHeader = "Kuzet-Signature"
	DeliveryHeader  = "Kuzet-Delivery" // the delivery ID, repeated on retries
	EventHeader     = "Kuzet-Event"
)

// MinSecretLen is the shortest webhook secret accepted.
const MinSecretLen = 16

// Sign returns the signature header value of body sent at t.
func Sign(secret []byte, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + hex.EncodeToString(mac(secret, ts, body))
}

func mac(secret []byte, ts string, body []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

// VerifySignature checks a signature header against body: what a receiving
// bank does. Returns EUNAUTHORIZED if the header is malformed, no v1
// signature matches, or its timestamp is further than tolerance from now.
func VerifySignature(secret []byte, header string, body []byte, now time.Time, tolerance time.Duration) error {
	var ts string
	var sigs [][]byte
	for _, part := range strings.Split(header, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			continue
		}
		switch k {
		case "t":
			ts = v
		case "v1":
			if b, err := hex.DecodeString(v); err == nil {
				sigs = append(sigs, b)
			}
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || len(sigs) == 0 {
		return kuzet.Errorf(kuzet.EUNAUTHORIZED, "malformed %s header", SignatureHeader)
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return kuzet.Errorf(kuzet.EUNAUTHORIZED, "signature timestamp outside the tolerance")
	}
	want := mac(secret, ts, body)
	for _, s := range sigs {
		if hmac.Equal(s, want) {
			return nil
		}
	}
	return kuzet.Errorf(kuzet.EUNAUTHORIZED, "signature does not match")
}

// WebhookRequest is one delivery attempt as the Doer sends it: a POST of
// Body to URL with Header.
type WebhookRequest struct {
	URL    string
	Header map[string]string
	Body   []byte
}

// WebhookResponse is what the endpoint answered.
type WebhookResponse struct {
	StatusCode int
}

// Doer sends webhook requests. The domain does not speak HTTP itself:
// package webhook has the net/http Doer, and tests pass their own.
// Do returns an error when no answer came (refused, timed out); a
// *DeliveryError says which kind of failure it was.
type Doer interface {
	Do(ctx context.Context, req *WebhookRequest) (*WebhookResponse, error)
}

// Failure classes: the only words the delivery log uses for an attempt
// that failed. The log is read by the bank's key holders, and the raw error
// of a connection ("dial tcp 10.1.2.3:5432: connect: connection refused")
// would tell them what answers where inside the deployment's network; the
// class tells them what they need to mend their endpoint. The server's own
// log keeps the details for its operators.
const (
	FailRefusedScheme  = "refused_scheme"  // plain http to a host not allowed it
	FailRefusedAddress = "refused_address" // the host is, or resolves to, an internal address
	FailDNS            = "dns"             // the host name did not resolve
	FailTimeout        = "timeout"         // no answer within the attempt's time
	FailTLS            = "tls"             // the TLS handshake failed: certificate, name or protocol
	FailConnection     = "connection"      // any other network failure: refused, reset, unreachable
	FailHTTP3xx        = "http_3xx"        // a redirect, which is not followed
	FailHTTP4xx        = "http_4xx"
	FailHTTP5xx        = "http_5xx"
	FailHTTPStatus     = "http_status" // any other status outside 2xx
	FailNoWebhook      = "no_webhook"  // the organisation removed its webhook
)

// DeliveryError is a failed attempt with its class (one of the Fail
// constants); Err holds the details, for the server's log only.
type DeliveryError struct {
	Class string
	Err   error
}

func (e *DeliveryError) Error() string {
	if e.Err == nil {
		return e.Class
	}
	return e.Class + ": " + e.Err.Error()
}

func (e *DeliveryError) Unwrap() error { return e.Err }

// FailureClass returns the class of a Doer's error: a *DeliveryError's
// own, timeout for a context that ran out, connection for anything else.
func FailureClass(err error) string {
	var de *DeliveryError
	switch {
	case errors.As(err, &de) && de.Class != "":
		return de.Class
	case errors.Is(err, context.DeadlineExceeded):
		return FailTimeout
	}
	return FailConnection
}

// StatusClass returns the class of an answer outside 2xx, or "" for 2xx.
func StatusClass(status int) string {
	switch {
	case status >= 200 && status <= 299:
		return ""
	case status >= 300 && status <= 399:
		return FailHTTP3xx
	case status >= 400 && status <= 499:
		return FailHTTP4xx
	case status >= 500 && status <= 599:
		return FailHTTP5xx
	}
	return FailHTTPStatus
}

// PutWebhook sets the organisation's webhook. An empty secret gets a random
// one of 32 bytes; the stored webhook, with its secret, is returned, to be
// shown once. Returns EINVALID for a URL the service's WebhookPolicy
// refuses (not https, or an internal host), or a secret shorter than
// MinSecretLen.
func (s *Service) PutWebhook(ctx context.Context, orgID int64, rawURL string, secret []byte) (*kuzet.Webhook, error) {
	u, err := s.webhooks.CheckURL(rawURL)
	if err != nil {
		return nil, err
	}
	if len(secret) == 0 {
		b := make([]byte, 32)
		rand.Read(b)
		secret = []byte("whsec_" + base64.RawURLEncoding.EncodeToString(b))
	} else if len(secret) < MinSecretLen {
		return nil, kuzet.Invalid("secret", "secret must have at least %d bytes", MinSecretLen)
	}
	now := s.clock()
	w := &kuzet.Webhook{OrgID: orgID, URL: u.String(), Secret: secret, CreatedAt: now}
	err = kuzet.Transact(ctx, s.store, true, func(tx kuzet.Tx) error {
		if err := tx.PutWebhook(ctx, w); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &kuzet.AuditEntry{At: now, OrgID: orgID, Action: kuzet.AuditWebhookPut,
			Object: "org:" + strconv.FormatInt(orgID, 10), Detail: "webhook " + u.Host})
	})
	if err != nil {
		return nil, wrap("put webhook", err)
	}
	return w, nil
}

// Webhook returns the organisation's webhook. Returns ENOTFOUND if it has
// none.
func (s *Service) Webhook(ctx context.Context, orgID int64) (*kuzet.Webhook, error) {
	var w *kuzet.Webhook
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) (err error) {
		w, err = tx.FindWebhook(ctx, orgID)
		return err
	})
	return w, wrap("find webhook", err)
}

// Deliveries returns the organisation's webhook delivery log, newest first;
// object "" for every object.
func (s *Service) Deliveries(ctx context.Context, orgID int64, object string) ([]*kuzet.WebhookDelivery, error) {
	var out []*kuzet.WebhookDelivery
	err := kuzet.Transact(ctx, s.store, false, func(tx kuzet.Tx) (err error) {
		out, err = tx.FindDeliveries(ctx, kuzet.DeliveryFilter{OrgID: orgID, Object: object})
		return err
	})
	return out, wrap("find deliveries", err)
}

// DispatcherConfig sets up a Dispatcher. Zero fields take the defaults in
// brackets.
type DispatcherConfig struct {
	Store      kuzet.Store   // required
	Doer       Doer          // required
	Clock      kuzet.Clock   // [kuzet.SystemClock]
	Batch      int           // deliveries to one bank a round at most [100]
	PerBank    int           // attempts in flight to one bank at most [4]
	Timeout    time.Duration // one attempt at most [10 s]
	MinBackoff time.Duration // wait after the first failure, doubling [30 s]
	MaxBackoff time.Duration // longest wait [1 h]
	MaxAge     time.Duration // after this a delivery still failing expires [72 h]
	MaxLog     int           // attempts kept in a delivery's log [20]
	Logger     *slog.Logger  // [slog.Default()]
}

// Dispatcher pushes the webhook outbox: every due delivery is signed with
// its organisation's current secret and posted; a failure is retried with
// exponential back-off until MaxAge. Deliveries are at least once: a
// receiver drops repeats by the Kuzet-Delivery header.
//
// Each receiving bank has a lane of its own: at most PerBank attempts in
// flight to it, and a bank whose attempt fails is left alone until its
// deliveries' back-off. A slow or black-holed bank delays only itself. A
// lane claims its deliveries for the length of an attempt
// (ClaimDueDeliveries), so several nodes dispatching one store never send
// one delivery at once.
type Dispatcher struct {
	cfg DispatcherConfig

	mu    sync.Mutex
	lanes map[int64]bool // banks whose lane is running (Run)
}

// maxLanes bounds the banks one round looks at.
const maxLanes = 10_000

// leaseMargin is how much longer than an attempt's timeout a claim lasts:
// time to record how the attempt went.
const leaseMargin = 30 * time.Second

// NewDispatcher returns a dispatcher over cfg.
func NewDispatcher(cfg DispatcherConfig) *Dispatcher {
	if cfg.Clock == nil {
		cfg.Clock = kuzet.SystemClock
	}
	set := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	set(&cfg.Timeout, 10*time.Second)
	set(&cfg.MinBackoff, 30*time.Second)
	set(&cfg.MaxBackoff, time.Hour)
	set(&cfg.MaxAge, 72*time.Hour)
	if cfg.Batch <= 0 {
		cfg.Batch = 100
	}
	if cfg.PerBank <= 0 {
		cfg.PerBank = 4
	}
	if cfg.MaxLog <= 0 {
		cfg.MaxLog = 20
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return &Dispatcher{cfg: cfg, lanes: map[int64]bool{}}
}

// Backoff returns the wait after the n-th failed attempt (n ≥ 1):
// MinBackoff doubled n−1 times, at most MaxBackoff.
func (d *Dispatcher) Backoff(n int) time.Duration {
	b := d.cfg.MinBackoff
	for i := 1; i < n && b < d.cfg.MaxBackoff; i++ {
		b *= 2
	}
	return min(b, d.cfg.MaxBackoff)
}

// DispatchStats counts one round.
type DispatchStats struct {
	Delivered, Failed, Expired int
}

func (st *DispatchStats) add(o DispatchStats) {
	st.Delivered += o.Delivered
	st.Failed += o.Failed
	st.Expired += o.Expired
}

// RunOnce sends the deliveries due now, every bank in its own lane at once,
// and waits for every lane. A store fault ends a lane with an error; an
// endpoint's fault is the delivery's, retried later.
func (d *Dispatcher) RunOnce(ctx context.Context) (DispatchStats, error) {
	orgs, err := d.dueOrgs(ctx)
	if err != nil {
		return DispatchStats{}, err
	}
	var (
		mu   sync.Mutex
		st   DispatchStats
		errs []error
		wg   sync.WaitGroup
	)
	for _, org := range orgs {
		wg.Go(func() {
			s, err := d.lane(ctx, org)
			mu.Lock()
			st.add(s)
			errs = append(errs, err)
			mu.Unlock()
		})
	}
	wg.Wait()
	return st, errors.Join(errs...)
}

// dueOrgs returns the banks with deliveries due now.
func (d *Dispatcher) dueOrgs(ctx context.Context) ([]int64, error) {
	var orgs []int64
	err := kuzet.Transact(ctx, d.cfg.Store, false, func(tx kuzet.Tx) (err error) {
		orgs, err = tx.DueDeliveryOrgs(ctx, d.cfg.Clock(), maxLanes)
		return err
	})
	return orgs, wrap("find banks with due deliveries", err)
}

// lane sends one bank's due deliveries, PerBank at a time, until none is
// due, Batch were sent, or an attempt failed: a failing bank is not pressed
// further this round.
func (d *Dispatcher) lane(ctx context.Context, orgID int64) (DispatchStats, error) {
	var st DispatchStats
	var w *kuzet.Webhook
	err := kuzet.Transact(ctx, d.cfg.Store, false, func(tx kuzet.Tx) (err error) {
		w, err = tx.FindWebhook(ctx, orgID)
		if kuzet.ErrorCode(err) == kuzet.ENOTFOUND {
			w, err = nil, nil
		}
		return err
	})
	if err != nil {
		return st, wrap("find webhook", err)
	}
	for sent := 0; sent < d.cfg.Batch; {
		now := d.cfg.Clock()
		var claimed []*kuzet.WebhookDelivery
		err := kuzet.Transact(ctx, d.cfg.Store, true, func(tx kuzet.Tx) (err error) {
			claimed, err = tx.ClaimDueDeliveries(ctx, orgID, now, now.Add(d.cfg.Timeout+leaseMargin),
				min(d.cfg.PerBank, d.cfg.Batch-sent))
			return err
		})
		if err != nil || len(claimed) == 0 {
			return st, wrap("claim deliveries", err)
		}
		sent += len(claimed)
		var wg sync.WaitGroup
		attempts := make([]kuzet.DeliveryAttempt, len(claimed))
		for i, dl := range claimed {
			wg.Go(func() { attempts[i] = d.attempt(ctx, w, dl) })
		}
		wg.Wait()
		failed := false
		for i, dl := range claimed {
			switch d.settle(dl, attempts[i]) {
			case kuzet.DeliveryDelivered:
				st.Delivered++
			case kuzet.DeliveryExpired:
				st.Expired++
			default:
				st.Failed++
				failed = true
			}
		}
		err = kuzet.Transact(ctx, d.cfg.Store, true, func(tx kuzet.Tx) error {
			for _, dl := range claimed {
				if err := tx.UpdateDelivery(ctx, dl); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return st, wrap("update deliveries", err)
		}
		if failed || len(claimed) < d.cfg.PerBank {
			return st, nil
		}
	}
	return st, nil
}

// settle records an attempt in its delivery and returns the delivery's
// new status.
func (d *Dispatcher) settle(dl *kuzet.WebhookDelivery, a kuzet.DeliveryAttempt) kuzet.DeliveryStatus {
	dl.Attempts++
	dl.Log = append(dl.Log, a)
	if n := len(dl.Log) - d.cfg.MaxLog; n > 0 {
		dl.Log = dl.Log[n:]
	}
	switch {
	case a.Error == "" && a.StatusCode >= 200 && a.StatusCode < 300:
		dl.Status, dl.DeliveredAt = kuzet.DeliveryDelivered, a.At
	case a.At.Sub(dl.CreatedAt) >= d.cfg.MaxAge:
		dl.Status = kuzet.DeliveryExpired
		d.cfg.Logger.Warn("freeze: webhook delivery expired", "delivery", dl.ID, "org", dl.OrgID)
	default:
		dl.NextAt = a.At.Add(d.Backoff(dl.Attempts))
	}
	return dl.Status
}

// attempt sends one delivery and says how it went.
func (d *Dispatcher) attempt(ctx context.Context, w *kuzet.Webhook, dl *kuzet.WebhookDelivery) kuzet.DeliveryAttempt {
	now := d.cfg.Clock()
	if w == nil {
		return kuzet.DeliveryAttempt{At: now, Error: FailNoWebhook}
	}
	ctx, cancel := context.WithTimeout(ctx, d.cfg.Timeout)
	defer cancel()
	resp, err := d.cfg.Doer.Do(ctx, &WebhookRequest{URL: w.URL, Body: dl.Body, Header: map[string]string{
		"Content-Type":  "application/json",
		SignatureHeader: Sign(w.Secret, now, dl.Body),
		DeliveryHeader:  dl.ID,
		EventHeader:     dl.Event,
	}})
	a := kuzet.DeliveryAttempt{At: now}
	if err != nil {
		a.Error = FailureClass(err)
		d.cfg.Logger.Info("payments: webhook attempt failed", "delivery", dl.ID, "org", dl.OrgID, "class", a.Error, "err", err)
		return a
	}
	a.StatusCode, a.Error = resp.StatusCode, StatusClass(resp.StatusCode)
	return a
}

// Run looks for banks with due deliveries every interval until ctx ends,
// and returns ctx's error. Each such bank's lane runs on its own: a bank
// whose endpoint hangs holds up its own deliveries only. Run waits for the
// lanes before it returns.
func (d *Dispatcher) Run(ctx context.Context, every time.Duration) error {
	t := time.NewTicker(every)
	defer t.Stop()
	var wg sync.WaitGroup
	defer wg.Wait()
	for ctx.Err() == nil {
		orgs, err := d.dueOrgs(ctx)
		if err != nil && ctx.Err() == nil {
			d.cfg.Logger.Error("freeze: webhook dispatch", "err", err)
		}
		for _, org := range orgs {
			d.mu.Lock()
			busy := d.lanes[org]
			d.lanes[org] = true
			d.mu.Unlock()
			if busy {
				continue
			}
			wg.Go(func() {
				defer func() {
					d.mu.Lock()
					delete(d.lanes, org)
					d.mu.Unlock()
				}()
				if _, err := d.lane(ctx, org); err != nil && ctx.Err() == nil {
					d.cfg.Logger.Error("freeze: webhook dispatch", "org", org, "err", err)
				}
			})
		}
		select {
		case <-ctx.Done():
		case <-t.C:
		}
	}
	return ctx.Err()
}
