package httpapi

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/kuzet/kuzet"
)

// codeStatus is the one mapping from error codes to HTTP statuses.
var codeStatus = map[string]int{
	kuzet.EINVALID:      http.StatusBadRequest,
	kuzet.ENOTFOUND:     http.StatusNotFound,
	kuzet.ECONFLICT:     http.StatusConflict,
	kuzet.EUNAUTHORIZED: http.StatusUnauthorized,
	kuzet.EFORBIDDEN:    http.StatusForbidden,
	kuzet.ERATELIMITED:  http.StatusTooManyRequests,
	kuzet.EUNAVAILABLE:  http.StatusServiceUnavailable,
	kuzet.EINTERNAL:     http.StatusInternalServerError,
}

// statusError carries a more precise status than its code's, for the few
// transport-level cases (405, 413, 415) that are still "invalid" to a
// client.
type statusError struct {
	status int
	err    *kuzet.Error
}

func (e *statusError) Error() string { return e.err.Error() }
func (e *statusError) Unwrap() error { return e.err }

// Problem is an RFC 9457 problem details document.
type Problem struct {
	Type     string             `json:"type"`
	Title    string             `json:"title"`
	Status   int                `json:"status"`
	Detail   string             `json:"detail"`
	Instance string             `json:"instance,omitempty"`
	Code     string             `json:"code"`
	Errors   []kuzet.FieldError `json:"errors,omitempty"`
}

// problemOf builds the problem document of err.
func problemOf(err error) Problem {
	code := kuzet.ErrorCode(err)
	status := codeStatus[code]
	var se *statusError
	if errors.As(err, &se) {
		status = se.status
	}
	return Problem{
		Type:   "urn:kuzet:error:" + code,
		Title:  http.StatusText(status),
		Status: status,
		Detail: kuzet.ErrorMessage(err),
		Code:   code,
		Errors: kuzet.ErrorFields(err),
	}
}

// writeError answers with the problem document of err. Only internal
// errors are logged as failures: the others are the client's.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	p := problemOf(err)
	p.Instance = r.URL.Path
	if p.Code == kuzet.EINTERNAL {
		s.logger.Error("request failed", "method", r.Method, "route", r.Pattern, "err", err)
	}
	if p.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="kuzet"`)
	}
	var le *limitError
	if errors.As(err, &le) {
		w.Header().Set("Retry-After", le.retryAfter())
	}
	if strings.HasPrefix(r.URL.Path, "/taxii2/") {
		writeTAXIIError(w, p)
		return
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	json.NewEncoder(w).Encode(p)
}

// itemError is the per-item error of a batch answer.
type itemError struct {
	Code    string             `json:"code"`
	Message string             `json:"message"`
	Errors  []kuzet.FieldError `json:"errors,omitempty"`
}

func newItemError(err error) *itemError {
	return &itemError{Code: kuzet.ErrorCode(err), Message: kuzet.ErrorMessage(err), Errors: kuzet.ErrorFields(err)}
}

func (s *Server) logItemError(err error) {
	if kuzet.ErrorCode(err) == kuzet.EINTERNAL {
		s.logger.Error("batch item failed", slog.Any("err", err))
	}
}
