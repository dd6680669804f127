package kuzet

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Error codes. They are stable: clients match on them, and httpapi maps each
// to one HTTP status.
const (
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	ERATELIMITED  = "rate_limited"
	EUNAVAILABLE  = "unavailable"
	EINTERNAL     = "internal"
)

// FieldError names one failing field of an input by its JSON path, e.g.
// "indicators[3].value".
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is the one error type of the domain. Any other error reaching a
// boundary is treated as EINTERNAL.
type Error struct {
	Code    string
	Message string
	Fields  []FieldError
}

// Error implements the error interface: the message, a sentence a person
// reads (the command line prints it as it is), naming the field where the
// message does not already. The code is for programs: ErrorCode.
func (e *Error) Error() string {
	if len(e.Fields) == 1 && e.Fields[0].Field != "" && !strings.Contains(e.Message, e.Fields[0].Field) {
		return e.Fields[0].Field + ": " + e.Message
	}
	return e.Message
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an EINVALID error naming the failing field.
func Invalid(field, format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	return &Error{Code: EINVALID, Message: msg, Fields: []FieldError{{Field: field, Message: msg}}}
}

// ErrorCode returns the code of err: "" for nil, EINTERNAL for errors that
// are not an *Error.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the human-readable message of err, hiding the text
// of internal errors, which may carry details that are not for clients.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// ErrorFields returns the field errors carried by err, if any.
func ErrorFields(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// WithField returns a copy of err whose field paths are prefixed by prefix,
// so that a parser's "value" becomes "indicators[3].value". Errors that are
// not an *Error are returned unchanged.
func WithField(err error, prefix string) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	out := &Error{Code: e.Code, Message: e.Message}
	if len(e.Fields) == 0 {
		out.Fields = []FieldError{{Field: prefix, Message: e.Message}}
		return out
	}
	for _, f := range e.Fields {
		path := prefix
		if f.Field != "" {
			path = prefix + "." + f.Field
		}
		out.Fields = append(out.Fields, FieldError{Field: path, Message: f.Message})
	}
	return out
}

// CheckText rejects free text (notes, evidence, reasons) over max bytes,
// not UTF-8, or holding NUL, which PostgreSQL cannot store: the same text
// must be storable in either store. Returns EINVALID naming field.
func CheckText(field, s string, max int) error {
	if len(s) > max {
		return Invalid(field, "%s is longer than %d bytes", field, max)
	}
	if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
		return Invalid(field, "%s must be UTF-8 text without NUL characters", field)
	}
	return nil
}
