// Package ctlogtest helps tests play a certificate-transparency log: the
// RFC 6962 Merkle tree hashes and consistency proofs a log serves. The
// follower in package ctlog verifies them; tests need to produce them.
package ctlogtest

import (
	"crypto/sha256"
	"slices"

	ct "github.com/google/certificate-transparency-go"
)

// LeafHashes returns the Merkle leaf hashes of entries (RFC 6962 section
// 2.1: SHA-256 of 0x00 and the leaf).
func LeafHashes(entries []ct.LeafEntry) [][]byte {
	out := make([][]byte, len(entries))
	for i, e := range entries {
		h := sha256.Sum256(append([]byte{0}, e.LeafInput...))
		out[i] = h[:]
	}
	return out
}

// RootHash is the Merkle tree hash of leaf hashes (RFC 6962 section 2.1).
func RootHash(leaves [][]byte) []byte {
	switch len(leaves) {
	case 0:
		h := sha256.Sum256(nil)
		return h[:]
	case 1:
		return leaves[0]
	}
	k := split(len(leaves))
	h := sha256.Sum256(slices.Concat([]byte{1}, RootHash(leaves[:k]), RootHash(leaves[k:])))
	return h[:]
}

// split returns the largest power of two below n.
func split(n int) int {
	k := 1
	for k*2 < n {
		k *= 2
	}
	return k
}

// ConsistencyProof is PROOF(m, D[n]) of RFC 6962 section 2.1.2, for the
// tree of the first m leaves within the tree of all of them.
func ConsistencyProof(m int, leaves [][]byte) [][]byte {
	if m == 0 || m == len(leaves) {
		return [][]byte{}
	}
	return subproof(m, leaves, true)
}

func subproof(m int, leaves [][]byte, complete bool) [][]byte {
	n := len(leaves)
	if m == n {
		if complete {
			return nil
		}
		return [][]byte{RootHash(leaves)}
	}
	k := split(n)
	if m <= k {
		return append(subproof(m, leaves[:k], complete), RootHash(leaves[k:]))
	}
	return append(subproof(m-k, leaves[k:], false), RootHash(leaves[:k]))
}
