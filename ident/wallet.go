package ident

import (
	"crypto/sha256"
	"strings"

	"github.com/kuzet/kuzet"
	"golang.org/x/crypto/sha3"
)

// ParseWallet returns a crypto wallet address in canonical form. Accepted:
// Bitcoin base58check P2PKH and P2SH ("1…", "3…", kept as they are),
// Bitcoin bech32 and bech32m segwit ("bc1…", lower-cased), Ethereum and
// other EVM chains ("0x" and 40 hex digits, lower-cased; mixed case must
// carry a valid EIP-55 checksum) and TRON base58check ("T…", kept). A
// "bitcoin:" or "ethereum:" URI prefix and its parameters are dropped.
// Returns EINVALID for anything else, a wrong checksum, or a test-network
// address.
func ParseWallet(raw string) (kuzet.Indicator, error) {
	s, err := prepare(raw, "wallet address", maxLen)
	if err != nil {
		return kuzet.Indicator{}, err
	}
	s = stripWalletURI(s)
	var v string
	switch {
	case len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'):
		v, err = parseEthereum(s)
	case len(s) >= 3 && strings.EqualFold(s[:3], "bc1"):
		v, err = parseSegwit(s)
	case len(s) >= 3 && strings.EqualFold(s[:3], "tb1"), len(s) >= 5 && strings.EqualFold(s[:5], "bcrt1"):
		err = invalid("Bitcoin test-network addresses are not accepted")
	case len(s) > 0 && (s[0] == '1' || s[0] == '3'):
		v, err = parseBase58Address(s, "Bitcoin", 0x00, 0x05)
	case len(s) > 0 && s[0] == 'T':
		v, err = parseBase58Address(s, "TRON", 0x41)
	default:
		err = invalid("not a recognized wallet address (Bitcoin, Ethereum or TRON)")
	}
	if err != nil {
		return kuzet.Indicator{}, err
	}
	return kuzet.Indicator{Kind: kuzet.KindWallet, Value: v}, nil
}

// stripWalletURI drops a BIP-21 "bitcoin:" or EIP-681 "ethereum:" scheme
// and everything after the address.
func stripWalletURI(s string) string {
	for _, scheme := range []string{"bitcoin:", "ethereum:"} {
		if len(s) > len(scheme) && strings.EqualFold(s[:len(scheme)], scheme) {
			s = s[len(scheme):]
			if i := strings.IndexAny(s, "?@/"); i >= 0 {
				s = s[:i]
			}
			return s
		}
	}
	return s
}

// parseEthereum checks "0x" and 40 hex digits and the EIP-55 checksum of a
// mixed-case address, and returns it in lower case.
func parseEthereum(s string) (string, error) {
	if len(s) != 42 {
		return "", invalid("an Ethereum address is 0x and 40 hex digits")
	}
	var lower [42]byte
	lower[0], lower[1] = '0', 'x'
	hasLower, hasUpper := false, false
	for i := 2; i < 42; i++ {
		c := s[i]
		switch {
		case isDigit(c):
		case c >= 'a' && c <= 'f':
			hasLower = true
		case c >= 'A' && c <= 'F':
			hasUpper = true
			c += 'a' - 'A'
		default:
			return "", invalid("an Ethereum address is 0x and 40 hex digits")
		}
		lower[i] = c
	}
	if hasLower && hasUpper {
		// EIP-55: a letter is upper case iff the matching nibble of
		// Keccak-256 over the lower-case hex is 8 or more.
		h := sha3.NewLegacyKeccak256()
		h.Write(lower[2:])
		var sum [32]byte
		h.Sum(sum[:0])
		for i := 2; i < 42; i++ {
			c := s[i]
			if isDigit(c) {
				continue
			}
			nibble := sum[(i-2)/2]
			if i%2 == 0 {
				nibble >>= 4
			}
			if (nibble&15 >= 8) != (c >= 'A' && c <= 'F') {
				return "", invalid("Ethereum address fails its EIP-55 checksum (mixed case)")
			}
		}
	}
	return string(lower[:]), nil
}

// base58Alphabet is Bitcoin's: no 0, O, I or l.
const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

var base58Index = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(base58Alphabet); i++ {
		t[base58Alphabet[i]] = int8(i)
	}
	return t
}()

// parseBase58Address decodes a 25-byte base58check address: a version
// byte, a 20-byte hash and a 4-byte checksum, the first four bytes of
// double SHA-256 over the rest. The string is already canonical: base58
// has one spelling per byte string.
func parseBase58Address(s, chain string, versions ...byte) (string, error) {
	if len(s) < 26 || len(s) > 35 {
		return "", invalid("a %s address has 26 to 35 base58 characters", chain)
	}
	var b [25]byte
	if !base58Decode(s, b[:]) {
		return "", invalid("not a valid %s address: bad base58 or length", chain)
	}
	ok := false
	for _, v := range versions {
		ok = ok || b[0] == v
	}
	if !ok {
		return "", invalid("not a %s mainnet address (version byte)", chain)
	}
	first := sha256.Sum256(b[:21])
	second := sha256.Sum256(first[:])
	if [4]byte(second[:4]) != [4]byte(b[21:]) {
		return "", invalid("%s address checksum does not match", chain)
	}
	return s, nil
}

// base58Decode decodes s into out, which must be exactly the decoded
// length: leading "1"s are leading zero bytes, and the number that follows
// must fill the rest of out without a leading zero byte of its own.
func base58Decode(s string, out []byte) bool {
	zeros := 0
	for zeros < len(s) && s[zeros] == '1' {
		zeros++
	}
	// Big-endian base-256 accumulator, multiplied by 58 per digit.
	var acc [40]byte
	n := 0 // bytes in use at the end of acc
	for i := zeros; i < len(s); i++ {
		d := base58Index[s[i]]
		if d < 0 {
			return false
		}
		carry := int(d)
		for j := len(acc) - 1; j >= len(acc)-n; j-- {
			carry += int(acc[j]) * 58
			acc[j] = byte(carry)
			carry >>= 8
		}
		for carry > 0 {
			if n == len(acc) {
				return false
			}
			n++
			acc[len(acc)-n] = byte(carry)
			carry >>= 8
		}
	}
	if zeros+n != len(out) {
		return false
	}
	clear(out[:zeros])
	copy(out[zeros:], acc[len(acc)-n:])
	return true
}

// bech32Charset maps 5-bit values to bech32 characters (BIP-173).
const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

// Checksum constants: bech32 for witness version 0, bech32m for later ones.
const (
	bech32Const  = 1
	bech32mConst = 0x2bc830a3
)

// parseSegwit checks a bech32 or bech32m mainnet segwit address by BIP-173
// and BIP-350 and returns it in lower case.
func parseSegwit(s string) (string, error) {
	if len(s) > 90 {
		return "", invalid("a bech32 address has at most 90 characters")
	}
	hasLower, hasUpper := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		hasLower = hasLower || c >= 'a' && c <= 'z'
		hasUpper = hasUpper || c >= 'A' && c <= 'Z'
	}
	if hasLower && hasUpper {
		return "", invalid("a bech32 address is all lower or all upper case")
	}
	s = strings.ToLower(s)
	// The hrp is "bc" (checked by the caller); the data starts after "bc1".
	var data [87]byte
	d := data[:0]
	for i := 3; i < len(s); i++ {
		v := strings.IndexByte(bech32Charset, s[i])
		if v < 0 {
			return "", invalid("bech32 address has a character outside its alphabet")
		}
		d = append(d, byte(v))
	}
	if len(d) < 7 { // witness version and the 6-character checksum
		return "", invalid("bech32 address is too short")
	}
	version := d[0]
	if version > 16 {
		return "", invalid("bech32 address has an unknown witness version")
	}
	want := uint32(bech32Const)
	if version > 0 {
		want = bech32mConst
	}
	if bech32Polymod("bc", d) != want {
		return "", invalid("bech32 address checksum does not match")
	}
	var prog [65]byte
	program, ok := convertBits5to8(d[1:len(d)-6], prog[:0])
	if !ok || len(program) < 2 || len(program) > 40 {
		return "", invalid("bech32 address has a malformed witness program")
	}
	if version == 0 && len(program) != 20 && len(program) != 32 {
		return "", invalid("a version 0 witness program is 20 or 32 bytes")
	}
	return s, nil
}

// bech32Polymod is the BCH checksum of BIP-173 over the expanded hrp and
// the data values, checksum included.
func bech32Polymod(hrp string, data []byte) uint32 {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := uint32(1)
	step := func(v byte) {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := 0; i < 5; i++ {
			if (top>>i)&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	for i := 0; i < len(hrp); i++ {
		step(hrp[i] >> 5)
	}
	step(0)
	for i := 0; i < len(hrp); i++ {
		step(hrp[i] & 31)
	}
	for _, v := range data {
		step(v)
	}
	return chk
}

// convertBits5to8 regroups 5-bit values into bytes. Padding must be under
// 5 bits and zero, as BIP-173 requires.
func convertBits5to8(in []byte, out []byte) ([]byte, bool) {
	acc, bits := uint32(0), uint(0)
	for _, v := range in {
		acc = (acc<<5 | uint32(v)) & 0xfff // only the bits not yet emitted matter
		bits += 5
		if bits >= 8 {
			bits -= 8
			out = append(out, byte(acc>>bits))
		}
	}
	if bits >= 5 || acc&(1<<bits-1) != 0 {
		return nil, false
	}
	return out, true
}
