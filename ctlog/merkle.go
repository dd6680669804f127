package ctlog

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
)

// ErrInconsistent is returned when a log's new tree head is not an
// extension of the one the checkpoint holds: the log rewrote its history,
// or it is not the log the checkpoint was made with. Following stops, for
// an operator to look at.
var ErrInconsistent = errors.New("ctlog: the log's tree is not consistent with the checkpoint")

// verifyConsistency checks a consistency proof between a tree of size
// first with root firstHash and one of size second with root secondHash,
// as RFC 9162 section 2.1.4.2 describes for the proofs of RFC 6962
// section 2.1.2.
func verifyConsistency(first, second uint64, firstHash, secondHash []byte, proof [][]byte) error {
	switch {
	case first > second:
		return fmt.Errorf("%w: tree of %d entries after one of %d", ErrInconsistent, second, first)
	case first == second:
		if len(proof) != 0 || !bytes.Equal(firstHash, secondHash) {
			return fmt.Errorf("%w: two roots for a tree of %d entries", ErrInconsistent, first)
		}
		return nil
	case first == 0:
		return nil // the empty tree is a prefix of every tree
	case len(proof) == 0:
		return fmt.Errorf("%w: empty proof from %d to %d", ErrInconsistent, first, second)
	}
	for _, p := range proof {
		if len(p) != sha256.Size {
			return fmt.Errorf("%w: proof hash of %d bytes", ErrInconsistent, len(p))
		}
	}
	if first&(first-1) == 0 {
		// The first tree is a complete subtree: its root is the proof's
		// implied first node.
		proof = append([][]byte{firstHash}, proof...)
	}
	fn, sn := first-1, second-1
	for fn&1 == 1 {
		fn, sn = fn>>1, sn>>1
	}
	fr, sr := proof[0], proof[0]
	for _, c := range proof[1:] {
		if sn == 0 {
			return fmt.Errorf("%w: proof from %d to %d is too long", ErrInconsistent, first, second)
		}
		if fn&1 == 1 || fn == sn {
			fr, sr = nodeHash(c, fr), nodeHash(c, sr)
			for fn&1 == 0 && fn != 0 {
				fn, sn = fn>>1, sn>>1
			}
		} else {
			sr = nodeHash(sr, c)
		}
		fn, sn = fn>>1, sn>>1
	}
	if sn != 0 || !bytes.Equal(fr, firstHash) || !bytes.Equal(sr, secondHash) {
		return fmt.Errorf("%w: proof from %d to %d does not match the roots", ErrInconsistent, first, second)
	}
	return nil
}

// nodeHash is the hash of an interior node of the Merkle tree (RFC 6962
// section 2.1).
func nodeHash(left, right []byte) []byte {
	h := sha256.New()
	h.Write([]byte{1})
	h.Write(left)
	h.Write(right)
	return h.Sum(nil)
}
