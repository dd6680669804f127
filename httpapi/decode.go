package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/kuzet/kuzet"
)

// MaxBatch is the most items a batch endpoint takes in one request.
const MaxBatch = 10_000

// readBody reads the whole body, at most limit bytes. It answers 415 for a
// content type other than want and 413 for a body over the limit.
func readBody(r *http.Request, limit int64, want ...string) ([]byte, error) {
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || !contains(want, mt) {
		return nil, &statusError{http.StatusUnsupportedMediaType,
			kuzet.Invalid("Content-Type", "Content-Type must be %s, not %q", strings.Join(want, " or "), ct)}
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return nil, kuzet.Errorf(kuzet.EINVALID, "reading request body: %v", err)
	}
	if int64(len(body)) > limit {
		return nil, &statusError{http.StatusRequestEntityTooLarge,
			kuzet.Errorf(kuzet.EINVALID, "request body exceeds %d bytes", limit)}
	}
	return body, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// decodeJSON reads a JSON body into v, rejecting unknown fields (a typo
// must not silently drop data) and anything after the document.
func (s *Server) decodeJSON(r *http.Request, v any) error {
	body, err := readBody(r, s.maxBody, "application/json")
	if err != nil {
		return err
	}
	return unmarshalStrict(body, v)
}

func unmarshalStrict(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return kuzet.Errorf(kuzet.EINVALID, "unexpected data after the JSON document")
	}
	return nil
}

// jsonError turns a decoding error into an EINVALID naming the field where
// the decoder can tell it.
func jsonError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return kuzet.Errorf(kuzet.EINVALID, "malformed JSON at byte %d: %v", syn.Offset, err)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "(root)"
		}
		return kuzet.Invalid(field, "must be %s, not %s", typ.Type.String(), typ.Value)
	case errors.Is(err, io.EOF):
		return kuzet.Errorf(kuzet.EINVALID, "empty request body")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return kuzet.Errorf(kuzet.EINVALID, "malformed JSON: unexpected end of input")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return kuzet.Invalid(name, "unknown field %q", name)
	}
	return kuzet.Errorf(kuzet.EINVALID, "malformed JSON: %v", err)
}

// checkBatch rejects an empty batch or one over MaxBatch.
func checkBatch(field string, n int) error {
	switch {
	case n == 0:
		return kuzet.Invalid(field, "at least one item is required")
	case n > MaxBatch:
		return kuzet.Invalid(field, "%d items is over the limit of %d a request", n, MaxBatch)
	}
	return nil
}

func itemPath(field string, i int) string { return fmt.Sprintf("%s[%d]", field, i) }
