package httpapi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"net/http"
	"time"

	"github.com/kuzet/kuzet"
)

// settleTimeout bounds storing or releasing a key after the request ran,
// which happens even when the request's own context has ended.
const settleTimeout = 5 * time.Second

// idempotent runs a POST carrying an Idempotency-Key at most once per
// organisation and key: the key is reserved before run runs, so that a
// concurrent retry is told the first is in flight (409) instead of running
// it again, and a later retry gets the stored answer, replayed byte for
// byte. What the answer means for the key (kept, or given back after a
// refusal as invalid or a failure) is the idempotency service's rule.
func (s *Server) idempotent(w http.ResponseWriter, r *http.Request, key string, run http.HandlerFunc) error {
	if n := len(r.Header.Values("Idempotency-Key")); n > 1 {
		return kuzet.Invalid("Idempotency-Key", "one Idempotency-Key a request, not %d", n)
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, s.maxBody+1))
	if err != nil {
		return kuzet.Errorf(kuzet.EINVALID, "reading request body: %v", err)
	}
	if int64(len(body)) > s.maxBody {
		return tooLarge(s.maxBody)
	}
	res, answer, err := s.idem.Reserve(r.Context(), kuzet.OrgIDFromContext(r.Context()), key, requestHash(r, body))
	if err != nil {
		return err
	}
	if answer != nil {
		w.Header().Set("Content-Type", answer.ContentType)
		w.Header().Set("Idempotent-Replayed", "true")
		w.WriteHeader(answer.Status)
		w.Write(answer.Body)
		return nil
	}

	r.Body = io.NopCloser(bytes.NewReader(body))
	c := &capture{header: http.Header{}}
	// The key is settled even when the request's context has ended.
	settle := func(f func(context.Context) error) error {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), settleTimeout)
		defer cancel()
		return f(ctx)
	}
	defer func() {
		// A handler that panicked gives the key back; ServeHTTP answers 500.
		if v := recover(); v != nil {
			settle(res.Release)
			panic(v)
		}
	}()
	run(c, r)
	// The key is settled before the client sees the answer: a retry sent
	// after it finds the answer stored, never the key still reserved.
	err = settle(func(ctx context.Context) error {
		return res.Finish(ctx, c.statusCode(), c.header.Get("Content-Type"), c.body.Bytes())
	})
	if err != nil {
		s.logger.Error("settle an Idempotency-Key", "key", key, "status", c.statusCode(), "err", err)
	}
	c.copyTo(w)
	return nil
}

// requestHash identifies a request under its key: the same key on another
// method, target, body or body encoding is another request.
func requestHash(r *http.Request, body []byte) []byte {
	h := sha256.New()
	for _, part := range []string{r.Method, r.URL.RequestURI(), r.Header.Get("Content-Type"), r.Header.Get("Content-Encoding")} {
		io.WriteString(h, part)
		h.Write([]byte{0})
	}
	h.Write(body)
	return h.Sum(nil)
}

// capture is a ResponseWriter that keeps the answer in memory, so that it
// can be stored for replay before it goes to the client.
type capture struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (c *capture) Header() http.Header { return c.header }

func (c *capture) WriteHeader(code int) {
	if c.status == 0 && code >= 200 {
		c.status = code
	}
}

func (c *capture) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	return c.body.Write(b)
}

func (c *capture) statusCode() int {
	if c.status == 0 {
		return http.StatusOK
	}
	return c.status
}

// copyTo writes the captured answer to w.
func (c *capture) copyTo(w http.ResponseWriter) {
	for k, v := range c.header {
		w.Header()[k] = v
	}
	w.WriteHeader(c.statusCode())
	w.Write(c.body.Bytes())
}
