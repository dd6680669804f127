package main

import "encoding/json"

// scanReplayLine reads the common shape of a session line — an object of
// the members "at", "org", "method", "path", "content_type" and "accept"
// as strings without escapes, and "body" as any valid JSON value — into ln
// without encoding/json's reflection, and reports whether it could. For
// anything else (another member, a name in other case, an escape, a null,
// a syntax error) it reports false and the caller decodes the line with
// encoding/json, whose reading, or error, stands: so the answers are the
// same bytes either way.
func scanReplayLine(b []byte, ln *replayLine) bool {
	i := skipWS(b, 0)
	if i >= len(b) || b[i] != '{' {
		return false
	}
	i = skipWS(b, i+1)
	if i < len(b) && b[i] == '}' {
		return false // an empty line object: encoding/json says why it is wrong
	}
	for {
		key, j, ok := plainJSONString(b, i)
		if !ok {
			return false
		}
		if i = skipWS(b, j); i >= len(b) || b[i] != ':' {
			return false
		}
		i = skipWS(b, i+1)
		if key == "body" {
			end, ok := valueEnd(b, i)
			if !ok || !json.Valid(b[i:end]) {
				return false
			}
			ln.Body, i = b[i:end:end], end
		} else {
			v, j, ok := plainJSONString(b, i)
			if !ok {
				return false
			}
			switch key {
			case "at":
				if ln.At.UnmarshalText([]byte(v)) != nil {
					return false
				}
			case "org":
				ln.Org = v
			case "method":
				ln.Method = v
			case "path":
				ln.Path = v
			case "content_type":
				ln.ContentType = v
			case "accept":
				ln.Accept = v
			default:
				return false
			}
			i = j
		}
		if i = skipWS(b, i); i >= len(b) {
			return false
		}
		switch b[i] {
		case ',':
			i = skipWS(b, i+1)
		case '}':
			return skipWS(b, i+1) == len(b)
		default:
			return false
		}
	}
}

func skipWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// plainJSONString reads a string of printable ASCII without escapes at
// b[i], returning it and the index after it.
func plainJSONString(b []byte, i int) (string, int, bool) {
	if i >= len(b) || b[i] != '"' {
		return "", i, false
	}
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case c == '"':
			return string(b[i+1 : j]), j + 1, true
		case c == '\\' || c < 0x20 || c >= 0x80:
			return "", i, false
		}
	}
	return "", i, false
}

// valueEnd finds where the object or array at b[i] ends, minding strings;
// its syntax is for json.Valid to check.
func valueEnd(b []byte, i int) (int, bool) {
	if i >= len(b) || b[i] != '{' && b[i] != '[' {
		return i, false
	}
	depth := 0
	for j := i; j < len(b); j++ {
		switch b[j] {
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				return j + 1, true
			}
		case '"':
			k := j + 1
			for k < len(b) && b[k] != '"' {
				if b[k] == '\\' {
					k++
				}
				k++
			}
			if k >= len(b) {
				return i, false
			}
			j = k
		}
	}
	return i, false
}
