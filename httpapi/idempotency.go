package httpapi

import (
	"bytes"
	"crypto/sha256"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"

	"github.com/kuzet/kuzet"
)

// maxIdempotencyKey bounds the Idempotency-Key header.
const maxIdempotencyKey = 255

// idempotent runs h at most once per (organisation, Idempotency-Key): a
// retry of the same request gets the stored answer, replayed byte for byte;
// the same key on a different request is a conflict. Answers with a 5xx
// status are not stored, so a retry after a failure runs again.
func (s *Server) idempotent(w http.ResponseWriter, r *http.Request, p *kuzet.Principal, key string, h handlerFunc) error {
	if len(key) > maxIdempotencyKey {
		return kuzet.Invalid("Idempotency-Key", "Idempotency-Key is longer than %d characters", maxIdempotencyKey)
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, s.maxBody+1))
	if err != nil {
		return kuzet.Errorf(kuzet.EINVALID, "reading request body: %v", err)
	}
	sum := sha256.New()
	sum.Write([]byte(r.Method + " " + r.URL.RequestURI() + "\n"))
	sum.Write(body)
	hash := sum.Sum(nil)

	ctx := r.Context()
	tx, err := s.store.Begin(ctx, false)
	if err != nil {
		return err
	}
	prev, err := tx.FindIdempotentResponse(ctx, p.Org.ID, key)
	tx.Rollback()
	switch {
	case err == nil && !bytes.Equal(prev.RequestHash, hash):
		return kuzet.Errorf(kuzet.ECONFLICT, "Idempotency-Key %q was used for a different request", key)
	case err == nil:
		w.Header().Set("Content-Type", prev.ContentType)
		w.Header().Set("Idempotent-Replayed", "true")
		w.WriteHeader(prev.Status)
		w.Write(prev.Body)
		return nil
	case kuzet.ErrorCode(err) != kuzet.ENOTFOUND:
		return err
	}

	r.Body = io.NopCloser(bytes.NewReader(body))
	rec := httptest.NewRecorder()
	if err := h(rec, r); err != nil {
		s.writeError(rec, r, err)
	}
	res := rec.Result()
	for k, v := range res.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(res.StatusCode)
	w.Write(rec.Body.Bytes())

	if res.StatusCode >= 500 {
		return nil
	}
	wtx, err := s.store.Begin(ctx, true)
	if err != nil {
		s.logger.Error("store idempotent response", "err", err)
		return nil
	}
	defer wtx.Rollback()
	err = wtx.PutIdempotentResponse(ctx, &kuzet.IdempotentResponse{
		OrgID: p.Org.ID, Key: key, RequestHash: hash, Status: res.StatusCode,
		ContentType: res.Header.Get("Content-Type"), Body: rec.Body.Bytes(), CreatedAt: s.clock(),
	})
	if err == nil {
		err = wtx.Commit()
	}
	// A concurrent twin may have stored first: its answer stands.
	if err != nil && kuzet.ErrorCode(err) != kuzet.ECONFLICT {
		s.logger.Error("store idempotent response", "status", strconv.Itoa(res.StatusCode), "err", err)
	}
	return nil
}
