package httpapi

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/kuzet/kuzet"
)

// MaxBatch is the most items a batch endpoint takes in one request.
const MaxBatch = 10_000

// mediaType returns the media type of a Content-Type header as
// mime.ParseMediaType does, without its parameters. The plain JSON of
// every check and call is answered without parsing: ParseMediaType
// allocates a map of parameters each time.
func mediaType(ct string) (string, error) {
	if ct == "application/json" {
		return ct, nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	return mt, err
}

// readBody reads the whole body, at most limit bytes once decompressed. It
// answers 415 for a content type other than want or a content encoding
// other than gzip, and 413 for a body over the limit.
func readBody(r *http.Request, limit int64, want ...string) ([]byte, error) {
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || !contains(want, mt) {
		return nil, &statusError{http.StatusUnsupportedMediaType,
			kuzet.Invalid("Content-Type", "Content-Type must be %s, not %q", strings.Join(want, " or "), ct)}
	}
	body, err := bodyReader(r, limit)
	if err != nil {
		return nil, err
	}
	defer body.Close()
	b, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		return nil, readError(err)
	}
	if int64(len(b)) > limit {
		return nil, tooLarge(limit)
	}
	return b, nil
}

// bodyReader returns the body of r, decompressed when its
// Content-Encoding is gzip; the compressed bytes are limited too.
func bodyReader(r *http.Request, limit int64) (io.ReadCloser, error) {
	switch ce := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding"))); ce {
	case "", "identity":
		return io.NopCloser(r.Body), nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(io.LimitReader(r.Body, limit+1))
		if err != nil {
			return nil, kuzet.Invalid("Content-Encoding", "the body was declared gzip but is not gzip-compressed")
		}
		return zr, nil
	default:
		return nil, &statusError{http.StatusUnsupportedMediaType,
			kuzet.Invalid("Content-Encoding", "Content-Encoding must be gzip or none, not %q", ce)}
	}
}

// readError describes a body that could not be read: a broken gzip stream
// is the client's, anything else is the connection's.
func readError(err error) error {
	if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.ErrUnexpectedEOF) {
		return kuzet.Invalid("Content-Encoding", "the gzip-compressed body is broken or cut short")
	}
	return kuzet.Errorf(kuzet.EINVALID, "reading the request body failed: it was cut short")
}

// tooLarge is the 413 of a body over limit bytes.
func tooLarge(limit int64) error {
	return &statusError{http.StatusRequestEntityTooLarge,
		kuzet.Errorf(kuzet.EINVALID, "request body exceeds %d bytes", limit)}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// checkQuery refuses query parameters other than allowed, and any given
// twice, as decodeJSON refuses unknown fields: a misspelt filter must not
// silently widen a list.
func checkQuery(r *http.Request, allowed []string) error {
	if r.URL.RawQuery == "" {
		return nil
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return kuzet.Errorf(kuzet.EINVALID, "malformed query string: %v", err)
	}
	e := &kuzet.Error{Code: kuzet.EINVALID}
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range q {
			if !yield(k) {
				return
			}
		}
	}) {
		switch {
		case !slices.Contains(allowed, name):
			e.Fields = append(e.Fields, kuzet.FieldError{Field: name, Message: "unknown query parameter"})
		case len(q[name]) > 1:
			e.Fields = append(e.Fields, kuzet.FieldError{Field: name, Message: fmt.Sprintf("given %d times", len(q[name]))})
		}
	}
	if len(e.Fields) == 0 {
		return nil
	}
	names := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		names[i] = f.Field
	}
	e.Message = "query parameters not taken here: " + strings.Join(names, ", ")
	if len(allowed) > 0 {
		e.Message += " (this endpoint takes " + strings.Join(allowed, ", ") + ", each once)"
	} else {
		e.Message += " (this endpoint takes none)"
	}
	return e
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
		return jsonError(body, v, err)
	}
	if dec.More() {
		return kuzet.Errorf(kuzet.EINVALID, "unexpected data after the JSON document")
	}
	return nil
}

// jsonError turns a decoding error into an EINVALID naming the field, with
// the index of every array on its way ("indicators[3].value"), and saying
// what it must be in JSON's terms, never Go's.
func jsonError(body []byte, v any, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return kuzet.Errorf(kuzet.EINVALID, "malformed JSON at byte %d: %s", syn.Offset,
			strings.TrimPrefix(err.Error(), "json: "))
	case errors.Is(err, io.EOF):
		return kuzet.Errorf(kuzet.EINVALID, "empty request body")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return kuzet.Errorf(kuzet.EINVALID, "malformed JSON: unexpected end of input")
	case errors.As(err, &typ):
		// The decoder's path has no indices: "indicators.value".
		return misfitError(locate(body, v, func(m misfit) bool {
			return m.unknown == "" && withoutIndices(m.path) == typ.Field
		}), "a value of the wrong type")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return misfitError(locate(body, v, func(m misfit) bool { return m.unknown == name }),
			fmt.Sprintf("unknown field %q", name))
	}
	// A type's own decoding failed (a time that is not RFC 3339): the
	// decoder does not say where.
	return misfitError(locate(body, v, func(misfit) bool { return true }), "a value that is not valid")
}

// misfitError is the error of m, or of what the decoder said when the walk
// found nothing.
func misfitError(m *misfit, fallback string) error {
	if m == nil {
		return kuzet.Errorf(kuzet.EINVALID, "the JSON document has %s", fallback)
	}
	if m.path == "" {
		return kuzet.Errorf(kuzet.EINVALID, "the body %s", m.msg)
	}
	return kuzet.Invalid(m.path, "%s %s", m.path, m.msg)
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
