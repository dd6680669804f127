package webhook_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/kuzet/kuzet/freeze"
	"github.com/kuzet/kuzet/webhook"
)

func TestDoer(t *testing.T) {
	secret := []byte("0123456789abcdef")
	var gotSig, gotBody string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/moved":
			http.Redirect(w, r, "/hook", http.StatusFound)
		case "/hook":
			b, _ := io.ReadAll(r.Body)
			gotSig, gotBody = r.Header.Get(freeze.SignatureHeader), string(b)
			w.WriteHeader(http.StatusAccepted)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	d := webhook.New(5 * time.Second)
	body := []byte(`{"event":"freeze_request.created"}`)
	now := time.Now()
	tests := []struct {
		path   string
		status int
	}{
		{"/hook", http.StatusAccepted},
		{"/moved", http.StatusFound}, // redirects are not followed
		{"/gone", http.StatusNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			resp, err := d.Do(context.Background(), &freeze.WebhookRequest{URL: srv.URL + tc.path, Body: body,
				Header: map[string]string{freeze.SignatureHeader: freeze.Sign(secret, now, body)}})
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tc.status {
				t.Errorf("status: got %d, want %d", resp.StatusCode, tc.status)
			}
		})
	}
	if gotBody != string(body) {
		t.Errorf("body: got %q, want %q", gotBody, body)
	}
	if err := freeze.VerifySignature(secret, gotSig, []byte(gotBody), now, time.Minute); err != nil {
		t.Errorf("signature: %v", err)
	}
	srv.Close()
	if _, err := d.Do(context.Background(), &freeze.WebhookRequest{URL: srv.URL + "/hook", Body: body}); err == nil {
		t.Error("a closed server: got an answer, want an error")
	}
}
