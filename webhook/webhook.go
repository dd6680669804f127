// Package webhook sends kuzet's webhook deliveries over HTTP: the net/http
// side of freeze.Doer, kept out of the domain package.
package webhook

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/kuzet/kuzet/freeze"
)

// maxResponse is how much of an endpoint's answer is read: only its status
// matters, and draining a little lets the connection be reused.
const maxResponse = 4 << 10

// Doer posts deliveries with an http.Client. It follows no redirects: a
// delivery goes where the organisation registered it, or fails.
type Doer struct {
	Client *http.Client
}

var _ freeze.Doer = (*Doer)(nil)

// New returns a Doer whose client gives up on an attempt after timeout.
func New(timeout time.Duration) *Doer {
	return &Doer{Client: &http.Client{
		Timeout: timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}}
}

// Do posts req and returns the status the endpoint answered with.
func (d *Doer) Do(ctx context.Context, req *freeze.WebhookRequest) (*freeze.WebhookResponse, error) {
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, req.URL, bytes.NewReader(req.Body))
	if err != nil {
		return nil, err
	}
	for k, v := range req.Header {
		r.Header.Set(k, v)
	}
	client := d.Client
	if client == nil {
		return nil, errors.New("webhook: no HTTP client")
	}
	resp, err := client.Do(r)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, maxResponse))
	return &freeze.WebhookResponse{StatusCode: resp.StatusCode}, nil
}
