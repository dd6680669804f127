package freeze_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/freeze"
)

// endpoint is a bank's webhook receiver: it answers with the next of its
// scripted statuses (0: the connection fails) and keeps what it got.
type endpoint struct {
	mu       sync.Mutex
	script   []int
	received []*freeze.WebhookRequest
}

func (e *endpoint) Do(ctx context.Context, req *freeze.WebhookRequest) (*freeze.WebhookResponse, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	status := 200
	if len(e.script) > 0 {
		status, e.script = e.script[0], e.script[1:]
	}
	if status == 0 {
		return nil, errors.New("connect: connection refused")
	}
	e.received = append(e.received, req)
	return &freeze.WebhookResponse{StatusCode: status}, nil
}

func TestWebhookDelivery(t *testing.T) {
	f := newFixture(t, freeze.Config{})
	ctx := context.Background()
	secret := []byte("bank-two-webhook-secret")
	hook, err := f.service.PutWebhook(ctx, bankTwo, "https://hooks.bank-two.kz/kuzet", secret)
	must(t, "put webhook", err)
	if hook.URL != "https://hooks.bank-two.kz/kuzet" {
		t.Errorf("url: got %q", hook.URL)
	}
	ep := &endpoint{script: []int{0, 503, 200}} // down, then failing, then back
	d := freeze.NewDispatcher(freeze.DispatcherConfig{Store: f.store, Doer: ep, Clock: f.clock.Now})

	res, err := f.service.NewReport(ctx, police, victimReport(iban("826", 1)))
	must(t, "report", err)
	reqID := res.FreezeRequests[0].ID

	round := func(want freeze.DispatchStats) {
		t.Helper()
		st, err := d.RunOnce(ctx)
		must(t, "dispatch", err)
		if st != want {
			t.Errorf("round at %v: got %+v, want %+v", f.clock.Now().Sub(base), st, want)
		}
	}
	round(freeze.DispatchStats{Failed: 1}) // refused
	round(freeze.DispatchStats{})          // not due before its back-off
	f.clock.Add(30 * time.Second)
	round(freeze.DispatchStats{Failed: 1}) // 503
	f.clock.Add(59 * time.Second)
	round(freeze.DispatchStats{}) // the second back-off is a minute
	f.clock.Add(time.Second)
	round(freeze.DispatchStats{Delivered: 1})
	round(freeze.DispatchStats{})

	if len(ep.received) != 2 {
		t.Fatalf("received: got %d, want 2", len(ep.received))
	}
	got := ep.received[1]
	if err := freeze.VerifySignature(secret, got.Header[freeze.SignatureHeader], got.Body, f.clock.Now(), 5*time.Minute); err != nil {
		t.Errorf("signature: %v", err)
	}
	if err := freeze.VerifySignature([]byte("another secret..."), got.Header[freeze.SignatureHeader], got.Body, f.clock.Now(), 5*time.Minute); kuzet.ErrorCode(err) != kuzet.EUNAUTHORIZED {
		t.Errorf("signature under another secret: got %v, want %s", err, kuzet.EUNAUTHORIZED)
	}
	if got.URL != hook.URL || got.Header[freeze.EventHeader] != "freeze_request.created" || got.Header["Content-Type"] != "application/json" {
		t.Errorf("request: got %s %v", got.URL, got.Header)
	}
	var ev struct {
		ID    string              `json:"id"`
		Event string              `json:"event"`
		Data  kuzet.FreezeRequest `json:"data"`
	}
	must(t, "decode event", json.Unmarshal(got.Body, &ev))
	if ev.Data.ID != reqID || ev.ID != got.Header[freeze.DeliveryHeader] || ev.Data.OrgID != bankTwo {
		t.Errorf("event: got %+v", ev)
	}

	log, err := f.service.Deliveries(ctx, bankTwo, "")
	must(t, "deliveries", err)
	if len(log) != 1 || log[0].Status != kuzet.DeliveryDelivered || log[0].Attempts != 3 || len(log[0].Log) != 3 ||
		log[0].Log[0].Error != freeze.FailConnection || log[0].Log[1].StatusCode != 503 ||
		log[0].Log[1].Error != freeze.FailHTTP5xx || log[0].Log[2].StatusCode != 200 || log[0].Log[2].Error != "" {
		t.Errorf("log: got %+v, want connection, http_5xx, delivered", log)
	}
	// Bank Three has no webhook: nothing is queued for it.
	if log, _ := f.service.Deliveries(ctx, bankThree, ""); len(log) != 0 {
		t.Errorf("bank three: got %d deliveries, want none", len(log))
	}
}

func TestWebhookExpires(t *testing.T) {
	f := newFixture(t, freeze.Config{})
	ctx := context.Background()
	_, err := f.service.PutWebhook(ctx, bankTwo, "https://hooks.bank-two.kz/down", nil)
	must(t, "put webhook", err)
	ep := &endpoint{script: make([]int, 100)} // always down
	d := freeze.NewDispatcher(freeze.DispatcherConfig{Store: f.store, Doer: ep, Clock: f.clock.Now,
		MinBackoff: time.Minute, MaxBackoff: time.Hour, MaxAge: 24 * time.Hour, MaxLog: 5, Logger: quiet})
	_, err = f.service.NewReport(ctx, police, victimReport(iban("826", 1)))
	must(t, "report", err)
	var total freeze.DispatchStats
	for range 200 {
		st, err := d.RunOnce(ctx)
		must(t, "dispatch", err)
		total.Failed += st.Failed
		total.Expired += st.Expired
		f.clock.Add(10 * time.Minute)
	}
	// 1, 2, 4, … 32 minutes, then hourly: 6 + 23 tries fail, the one at 24 h expires.
	if total.Expired != 1 || total.Failed < 20 || total.Failed > 40 {
		t.Errorf("got %+v, want one expiry after about 30 failures", total)
	}
	log, _ := f.service.Deliveries(ctx, bankTwo, "")
	if len(log) != 1 || log[0].Status != kuzet.DeliveryExpired || len(log[0].Log) != 5 {
		t.Errorf("log: got %+v, want expired with the last 5 attempts", log)
	}
}

func TestBackoff(t *testing.T) {
	d := freeze.NewDispatcher(freeze.DispatcherConfig{MinBackoff: 30 * time.Second, MaxBackoff: 10 * time.Minute})
	want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 10 * time.Minute, 10 * time.Minute}
	for i, w := range want {
		if got := d.Backoff(i + 1); got != w {
			t.Errorf("after attempt %d: got %v, want %v", i+1, got, w)
		}
	}
}

func TestPutWebhookValidation(t *testing.T) {
	f := newFixture(t, freeze.Config{})
	tests := []struct {
		name, url string
		secret    []byte
		field     string
	}{
		{"not a URL", "hooks", nil, "url"},
		{"ftp", "ftp://bank.kz/x", nil, "url"},
		{"credentials", "https://u:p@bank.kz/x", nil, "url"},
		{"short secret", "https://bank.kz/x", []byte("short"), "secret"},
		{"plain http", "http://bank.kz/x", nil, "url"},
		{"plain http to the database's port", "http://127.0.0.1:5432/x", nil, "url"},
		{"loopback over https", "https://127.0.0.1:8443/x", nil, "url"},
		{"private", "https://10.1.2.3/x", nil, "url"},
		{"metadata service", "https://169.254.169.254/latest", nil, "url"},
		{"IPv6 loopback", "https://[::1]/x", nil, "url"},
		{"IPv4-mapped loopback", "https://[::ffff:127.0.0.1]/x", nil, "url"},
		{"unspecified", "https://0.0.0.0/x", nil, "url"},
		{"localhost", "https://localhost/x", nil, "url"},
		{"localhost, upper case with a dot", "https://LOCALHOST./x", nil, "url"},
		{"under .localhost", "https://api.localhost/x", nil, "url"},
		{"single label", "https://intranet/x", nil, "url"},
		{"under .internal", "https://db.corp.internal/x", nil, "url"},
		{"an address in disguise", "https://127.1/x", nil, "url"},
		{"decimal address", "https://2130706433/x", nil, "url"},
		{"hex address", "https://0x7f.0x1/x", nil, "url"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.service.PutWebhook(context.Background(), bankOne, tc.url, tc.secret)
			if kuzet.ErrorCode(err) != kuzet.EINVALID || fields(err)[0] != tc.field {
				t.Errorf("got %v, want %s on %s", err, kuzet.EINVALID, tc.field)
			}
		})
	}
	w, err := f.service.PutWebhook(context.Background(), bankOne, "https://bank.kz/x", nil)
	must(t, "generated secret", err)
	if !strings.HasPrefix(string(w.Secret), "whsec_") || len(w.Secret) != len("whsec_")+43 {
		t.Errorf("generated secret: got %q, want whsec_ and 32 bytes in base64url", w.Secret)
	}
}

func TestVerifySignature(t *testing.T) {
	secret := []byte("0123456789abcdef")
	body := []byte(`{"a":1}`)
	at := time.Unix(1_700_000_000, 0)
	sig := freeze.Sign(secret, at, body)
	tests := []struct {
		name   string
		header string
		body   []byte
		now    time.Time
		ok     bool
	}{
		{"good", sig, body, at.Add(time.Minute), true},
		{"another signature beside it", sig + ",v1=00", body, at, true},
		{"tampered body", sig, []byte(`{"a":2}`), at, false},
		{"too old", sig, body, at.Add(10 * time.Minute), false},
		{"from the future", sig, body, at.Add(-10 * time.Minute), false},
		{"malformed", "v1=abc", body, at, false},
		{"empty", "", body, at, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := freeze.VerifySignature(secret, tc.header, tc.body, tc.now, 5*time.Minute)
			if (err == nil) != tc.ok {
				t.Errorf("got %v, want ok %v", err, tc.ok)
			}
		})
	}
}

// lanes is an endpoint per bank: Bank Two's hangs until released, counting
// the attempts in flight; every other answers 200 and says so.
type lanes struct {
	mu                 sync.Mutex
	inFlight, maxIn    int
	release, delivered chan string
	entered            chan string    // Bank Two's attempts as they start
	received           map[string]int // by delivery ID
}

func (l *lanes) Do(ctx context.Context, req *freeze.WebhookRequest) (*freeze.WebhookResponse, error) {
	l.mu.Lock()
	l.received[req.Header[freeze.DeliveryHeader]]++
	l.mu.Unlock()
	if strings.Contains(req.URL, "bank-two") {
		l.mu.Lock()
		l.inFlight++
		l.maxIn = max(l.maxIn, l.inFlight)
		l.mu.Unlock()
		l.entered <- req.Header[freeze.DeliveryHeader]
		defer func() { l.mu.Lock(); l.inFlight--; l.mu.Unlock() }()
		select {
		case <-l.release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		return &freeze.WebhookResponse{StatusCode: 200}, nil
	}
	l.delivered <- req.Header[freeze.DeliveryHeader]
	return &freeze.WebhookResponse{StatusCode: 200}, nil
}

// TestWebhookLanes: a bank whose endpoint hangs holds up only its own
// deliveries, with at most PerBank of them in flight; the other bank's go
// out meanwhile.
func TestWebhookLanes(t *testing.T) {
	f := newFixture(t, freeze.Config{})
	ctx := context.Background()
	_, err := f.service.PutWebhook(ctx, bankTwo, "https://hooks.bank-two.kz/hangs", nil)
	must(t, "put webhook", err)
	_, err = f.service.PutWebhook(ctx, bankThree, "https://hooks.bank-three.kz/kuzet", nil)
	must(t, "put webhook", err)
	in := victimReport(iban("826", 1))
	in.Transfers = nil
	for i := range 5 {
		in.Transfers = append(in.Transfers, kuzet.Transfer{ToIBAN: iban("826", 10+i), Amount: 100})
	}
	in.Transfers = append(in.Transfers, kuzet.Transfer{ToIBAN: iban("914", 1), Amount: 100})
	_, err = f.service.NewReport(ctx, police, in)
	must(t, "report", err)

	ep := &lanes{release: make(chan string), delivered: make(chan string, 10), entered: make(chan string, 10),
		received: map[string]int{}}
	d := freeze.NewDispatcher(freeze.DispatcherConfig{Store: f.store, Doer: ep, Clock: f.clock.Now, PerBank: 2,
		Timeout: time.Hour, Logger: quiet})
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error)
	go func() { done <- d.Run(runCtx, time.Millisecond) }()
	for _, want := range []chan string{ep.entered, ep.entered, ep.delivered} {
		select {
		case <-want: // two of Bank Two's attempts hang; Bank Three's goes out meanwhile
		case <-time.After(time.Minute):
			t.Fatal("bank three's delivery never went out while bank two's endpoint hung")
		}
	}
	stop()
	<-done
	if ep.maxIn != 2 {
		t.Errorf("bank two: got %d attempts in flight at most, want PerBank, 2", ep.maxIn)
	}
}

// TestWebhookTwoNodes: two dispatchers over one store send every delivery
// once.
func TestWebhookTwoNodes(t *testing.T) {
	f := newFixture(t, freeze.Config{})
	ctx := context.Background()
	_, err := f.service.PutWebhook(ctx, bankTwo, "https://hooks.bank-2.kz/kuzet", nil)
	must(t, "put webhook", err)
	in := victimReport(iban("826", 1))
	in.Transfers = nil
	for i := range 40 {
		in.Transfers = append(in.Transfers, kuzet.Transfer{ToIBAN: iban("826", 10+i), Amount: 100})
	}
	_, err = f.service.NewReport(ctx, police, in)
	must(t, "report", err)
	ep := &lanes{delivered: make(chan string, 100), received: map[string]int{}}
	var total [2]freeze.DispatchStats
	var wg sync.WaitGroup
	for i := range 2 {
		d := freeze.NewDispatcher(freeze.DispatcherConfig{Store: f.store, Doer: ep, Clock: f.clock.Now, PerBank: 3})
		wg.Go(func() {
			for range 20 {
				st, err := d.RunOnce(ctx)
				if err != nil {
					t.Errorf("dispatch: %v", err)
				}
				total[i].Delivered += st.Delivered
			}
		})
	}
	wg.Wait()
	if len(ep.received) != 40 || total[0].Delivered+total[1].Delivered != 40 {
		t.Errorf("got %d deliveries received, %d+%d delivered; want 40", len(ep.received), total[0].Delivered, total[1].Delivered)
	}
	for id, n := range ep.received {
		if n != 1 {
			t.Errorf("delivery %s sent %d times", id, n)
		}
	}
}
