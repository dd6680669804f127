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
	Batch      int           // deliveries a round at most [100]
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
type Dispatcher struct {
	cfg DispatcherConfig
}

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
	if cfg.MaxLog <= 0 {
		cfg.MaxLog = 20
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return &Dispatcher{cfg: cfg}
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

// RunOnce sends the deliveries due now, at most Batch, and stores how each
// went. A store fault ends the round with an error; an endpoint's fault is
// the delivery's, retried later.
func (d *Dispatcher) RunOnce(ctx context.Context) (DispatchStats, error) {
	var st DispatchStats
	now := d.cfg.Clock()
	var due []*kuzet.WebhookDelivery
	hooks := map[int64]*kuzet.Webhook{}
	err := kuzet.Transact(ctx, d.cfg.Store, false, func(tx kuzet.Tx) error {
		var err error
		if due, err = tx.FindDueDeliveries(ctx, now, d.cfg.Batch); err != nil {
			return err
		}
		for _, dl := range due {
			if _, ok := hooks[dl.OrgID]; ok {
				continue
			}
			w, err := tx.FindWebhook(ctx, dl.OrgID)
			if err != nil && kuzet.ErrorCode(err) != kuzet.ENOTFOUND {
				return err
			}
			hooks[dl.OrgID] = w
		}
		return nil
	})
	if err != nil || len(due) == 0 {
		return st, wrap("find due deliveries", err)
	}
	for _, dl := range due {
		a := d.attempt(ctx, hooks[dl.OrgID], dl)
		dl.Attempts++
		dl.Log = append(dl.Log, a)
		if n := len(dl.Log) - d.cfg.MaxLog; n > 0 {
			dl.Log = dl.Log[n:]
		}
		switch {
		case a.Error == "" && a.StatusCode >= 200 && a.StatusCode < 300:
			dl.Status, dl.DeliveredAt = kuzet.DeliveryDelivered, a.At
			st.Delivered++
		case a.At.Sub(dl.CreatedAt) >= d.cfg.MaxAge:
			dl.Status = kuzet.DeliveryExpired
			st.Expired++
			d.cfg.Logger.Warn("freeze: webhook delivery expired", "delivery", dl.ID, "org", dl.OrgID)
		default:
			dl.NextAt = a.At.Add(d.Backoff(dl.Attempts))
			st.Failed++
		}
	}
	err = kuzet.Transact(ctx, d.cfg.Store, true, func(tx kuzet.Tx) error {
		for _, dl := range due {
			if err := tx.UpdateDelivery(ctx, dl); err != nil {
				return err
			}
		}
		return nil
	})
	return st, wrap("update deliveries", err)
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

// Run calls RunOnce every interval until ctx ends, and returns ctx's error.
// A round that fills a batch is followed at once by another.
func (d *Dispatcher) Run(ctx context.Context, every time.Duration) error {
	t := time.NewTicker(every)
	defer t.Stop()
	for ctx.Err() == nil {
		st, err := d.RunOnce(ctx)
		if err != nil {
			d.cfg.Logger.Error("freeze: webhook dispatch", "err", err)
		}
		if err == nil && st.Delivered+st.Failed+st.Expired >= d.cfg.Batch {
			continue
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	return ctx.Err()
}
