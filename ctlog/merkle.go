package ctlog

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"

	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
)

// ErrInconsistent is returned when a log's new tree head is not an
// extension of the one the checkpoint holds: the log rewrote its history,
// or it is not the log the checkpoint was made with. Following stops, for
// an operator to look at.
var ErrInconsistent = errors.New("ctlog: the log's tree is not consistent with the checkpoint")

// ErrUnverified is returned when entries a log served do not belong to the
// tree its signed tree head commits to: the log, or whatever stands between
// it and the follower, serves entries it did not log. They are refused,
// never handed on; the entries before them that do verify are.
var ErrUnverified = errors.New("ctlog: entries do not verify against the signed tree head")

// ranges makes the compact ranges (RFC 9162 section 2.1; transparency-dev's
// compact package) in which the follower rebuilds the tree it reads: the
// hashes of the few perfect subtrees that cover a run of leaves, from
// which the root of the tree they start is computed as leaves are added.
var ranges = &compact.RangeFactory{Hash: rfc6962.DefaultHasher.HashChildren}

// leafHash is the Merkle leaf hash of an entry's MerkleTreeLeaf (RFC 6962
// section 2.1).
func leafHash(leafInput []byte) []byte { return rfc6962.DefaultHasher.HashLeaf(leafInput) }

// verifyConsistency checks a consistency proof between a tree of size
// first with root firstHash and one of size second with root secondHash
// (RFC 6962 section 2.1.2).
func verifyConsistency(first, second uint64, firstHash, secondHash []byte, p [][]byte) error {
	switch {
	case first > second:
		return fmt.Errorf("%w: tree of %d entries after one of %d", ErrInconsistent, second, first)
	case first == 0:
		return nil // the empty tree is a prefix of every tree
	}
	if err := proof.VerifyConsistency(rfc6962.DefaultHasher, first, second, p, firstHash, secondHash); err != nil {
		return fmt.Errorf("%w: from %d to %d entries: %v", ErrInconsistent, first, second, err)
	}
	return nil
}

// rangeFromConsistency returns the compact range of the first m leaves
// (m not a power of two) from a consistency proof from m to n entries,
// which holds the hashes of the perfect subtrees covering them. It lets a
// follower that resumes at entry m go on rebuilding the tree without
// reading the entries before m. The hashes are not checked here: a wrong
// one makes the root of every later tree wrong, and the entries read next
// then fail to verify.
func rangeFromConsistency(m, n uint64, p [][]byte) (*compact.Range, error) {
	nodes, err := proof.Consistency(m, n)
	if err != nil {
		return nil, err
	}
	// The proof holds one hash per node, except that the nodes on the
	// right border that make up the ephemeral node come as one hash.
	ids := nodes.IDs
	if ephem, begin, end := nodes.Ephem(); begin < end {
		ids = slices.Concat(ids[:begin], []compact.NodeID{ephem}, ids[end:])
	}
	if len(ids) != len(p) {
		return nil, fmt.Errorf("consistency proof from %d to %d has %d hashes, want %d", m, n, len(p), len(ids))
	}
	want := compact.RangeNodes(0, m, nil)
	hashes := make([][]byte, len(want))
	for i, id := range ids {
		if _, end := id.Coverage(); end > m {
			continue
		}
		j := slices.Index(want, id)
		if j < 0 {
			return nil, fmt.Errorf("consistency proof from %d to %d: unexpected node %+v", m, n, id)
		}
		if len(p[i]) != sha256.Size {
			return nil, fmt.Errorf("consistency proof from %d to %d: hash of %d bytes", m, n, len(p[i]))
		}
		hashes[j] = p[i]
	}
	if slices.ContainsFunc(hashes, func(h []byte) bool { return h == nil }) {
		return nil, fmt.Errorf("consistency proof from %d to %d does not cover the first %d entries", m, n, m)
	}
	return ranges.NewRange(0, m, hashes)
}
