package ident

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/kuzet/kuzet"
)

// MinCardKeyLen is the shortest card token key a deployment may use.
const MinCardKeyLen = 16

// ParseCard returns a payment card as "<BIN6>-<last4>-<token>", where token
// is the first 16 bytes of HMAC-SHA256(key, PAN) in lower-case hex, and
// fills BIN and Last4. The PAN itself is never kept, returned or put in an
// error message. A value already in token form is accepted as it is, so
// that a stored value can be looked up and withdrawn. Returns EINVALID if
// the number is not 12 to 19 digits or fails the Luhn check, and EINTERNAL
// if key is shorter than MinCardKeyLen bytes.
func ParseCard(raw string, key []byte) (kuzet.Indicator, error) {
	return ParseCardKeys(raw, key, nil)
}

// ParseCardKeys is ParseCard for a deployment that migrated its tokens
// from a legacy key (see Parser.CardLegacyKey): the token is
// HMAC(key, HMAC(legacy, PAN)), both cut to 16 bytes. A nil legacy key is
// ParseCard.
func ParseCardKeys(raw string, key, legacy []byte) (kuzet.Indicator, error) {
	if len(key) < MinCardKeyLen {
		return kuzet.Indicator{}, kuzet.Errorf(kuzet.EINTERNAL,
			"ident: card token key is not configured (need at least %d bytes)", MinCardKeyLen)
	}
	s, err := prepare(raw, "card number", maxLen)
	if err != nil {
		return kuzet.Indicator{}, err
	}
	if ind, ok := cardToken(s); ok {
		return ind, nil
	}
	var buf [19]byte
	pan := buf[:0]
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			if len(pan) == len(buf) {
				return kuzet.Indicator{}, invalid("card number must have 12 to 19 digits")
			}
			pan = append(pan, byte(r))
		case isSeparator(r):
		default:
			return kuzet.Indicator{}, invalid("card number may hold only digits, spaces and dashes")
		}
	}
	if len(pan) < 12 {
		return kuzet.Indicator{}, invalid("card number must have 12 to 19 digits")
	}
	if !luhnValid(pan) {
		return kuzet.Indicator{}, invalid("card number fails the Luhn check")
	}
	token := panToken(key, pan)
	if legacy != nil {
		inner := panToken(legacy, pan)
		token = panToken(key, inner[:])
	}

	// BIN6 + "-" + last4 + "-" + 32 hex digits.
	var out [6 + 1 + 4 + 1 + 32]byte
	copy(out[:6], pan[:6])
	out[6] = '-'
	copy(out[7:11], pan[len(pan)-4:])
	out[11] = '-'
	hex.Encode(out[12:], token[:])
	v := string(out[:])
	return kuzet.Indicator{Kind: kuzet.KindCard, Value: v, BIN: v[:6], Last4: v[7:11]}, nil
}

// panToken returns the first 16 bytes of HMAC-SHA256(key, pan) (RFC 2104).
// It is computed on the stack: hmac.New allocates two hash states per
// call, and payment checks tokenize cards thousands of times a second.
func panToken(key, pan []byte) [16]byte {
	const blockSize = 64 // SHA-256's
	var k [blockSize]byte
	if len(key) > blockSize {
		sum := sha256.Sum256(key)
		copy(k[:], sum[:])
	} else {
		copy(k[:], key)
	}
	var inner [blockSize + 19]byte // 19: the longest PAN
	for i, b := range k {
		inner[i] = b ^ 0x36
	}
	n := copy(inner[blockSize:], pan)
	innerSum := sha256.Sum256(inner[:blockSize+n])
	var outer [blockSize + sha256.Size]byte
	for i, b := range k {
		outer[i] = b ^ 0x5c
	}
	copy(outer[blockSize:], innerSum[:])
	sum := sha256.Sum256(outer[:])
	return [16]byte(sum[:16])
}

// RewrapCardToken keys a stored token again with key: the BIN and last 4
// stay, the token becomes HMAC(key, old token), as ParseCardKeys makes it
// from the PAN with the old token's key as the legacy key. Returns false
// if s is not a card token.
func RewrapCardToken(s string, key []byte) (string, bool) {
	ind, ok := cardToken(s)
	if !ok {
		return "", false
	}
	var old [16]byte
	if _, err := hex.Decode(old[:], []byte(ind.Value[12:])); err != nil {
		return "", false
	}
	token := panToken(key, old[:])
	out := []byte(ind.Value)
	hex.Encode(out[12:], token[:])
	return string(out), true
}

// cardToken accepts a value in the token form ParseCard returns.
func cardToken(s string) (kuzet.Indicator, bool) {
	if len(s) != 44 || s[6] != '-' || s[11] != '-' || !allDigits(s[:6]) || !allDigits(s[7:11]) {
		return kuzet.Indicator{}, false
	}
	var out [44]byte
	copy(out[:], s)
	for i := 12; i < 44; i++ {
		c := out[i]
		switch {
		case isDigit(c), c >= 'a' && c <= 'f':
		case c >= 'A' && c <= 'F':
			out[i] = c - 'A' + 'a'
		default:
			return kuzet.Indicator{}, false
		}
	}
	v := string(out[:])
	return kuzet.Indicator{Kind: kuzet.KindCard, Value: v, BIN: v[:6], Last4: v[7:11]}, true
}
