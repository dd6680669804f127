package simbox

import "encoding/binary"

// The hashes here are fixed, not seeded per process (as hash/maphash is):
// the sketches and the device grouping must come out the same on every run
// over the same extract.

// mix64 is the finaliser of SplitMix64: a cheap bijection that spreads every
// input bit over the output.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// hashBytes hashes a short byte string (a cell id, a sender name) eight
// bytes at a time.
func hashBytes(b []byte) uint64 {
	h := uint64(len(b)) * 0x9e3779b97f4a7c15
	for len(b) >= 8 {
		h = mix64(h ^ binary.LittleEndian.Uint64(b))
		b = b[8:]
	}
	if len(b) > 0 {
		var tail [8]byte
		copy(tail[:], b)
		h = mix64(h ^ binary.LittleEndian.Uint64(tail[:]) ^ 0xff51afd7ed558ccd)
	}
	if h == 0 {
		h = 1 // 0 means "no cell"
	}
	return h
}

// cellID is the 48-bit id of a cell's text, never 0: short enough to share
// a word with a count, long enough that a national network's 10^5 to 10^6
// cells almost never collide.
func cellID(b []byte) uint64 { return hashBytes(b)>>16 | 1 }
