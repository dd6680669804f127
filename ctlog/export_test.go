package ctlog

// VerifyConsistency exposes the proof check to the external tests.
var VerifyConsistency = verifyConsistency

// PrefixRoot rebuilds the compact range of the first m leaves from a
// consistency proof from m to n, as a resuming follower does, and returns
// the root of the tree they make.
func PrefixRoot(m, n uint64, proof [][]byte) ([]byte, error) {
	r, err := rangeFromConsistency(m, n, proof)
	if err != nil {
		return nil, err
	}
	return r.GetRootHash(nil)
}
