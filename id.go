package kuzet

import (
	"crypto/rand"
	"encoding/base32"
	"strings"
)

// IDEncoding writes the random part of kuzet's IDs: lower-case base32,
// unpadded, so that an ID is safe in a URL path and easy to read aloud.
var IDEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// NewID returns kind (a prefix such as "rep_") followed by 80 random bits.
func NewID(kind string) string {
	var b [10]byte
	rand.Read(b[:])
	return kind + IDEncoding.EncodeToString(b[:])
}

// ValidID reports whether s could be an ID of kind made by kuzet, so that
// lookups of anything else fail fast with ENOTFOUND.
func ValidID(s, kind string) bool {
	if !strings.HasPrefix(s, kind) || len(s) > 64 {
		return false
	}
	for i := len(kind); i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// Clip shortens s to at most n bytes and an ellipsis, at a rune boundary,
// to quote a client's input in a message without echoing all of it.
func Clip(s string, n int) string { return clipText(s, n) }
