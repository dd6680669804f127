package telecom

import "math/bits"

// mix64 is the finalizer of MurmurHash3: it spreads every input bit over the
// whole word, so that the top bits pick shards evenly even for numbers that
// differ in their last digit only.
func mix64(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	k *= 0xc4ceb9fe1a85ec53
	k ^= k >> 33
	return k
}

// pairHash keys a call by its two numbers. The rotation keeps (a, b) and
// (b, a) apart.
func pairHash(a, b Number) uint64 {
	return mix64(uint64(a)*0x9e3779b97f4a7c15 + bits.RotateLeft64(uint64(b), 31))
}

// fingerprint hashes an organisation's call ID (FNV-1a, then mixed). It is
// never 0 or 1, which mark a free origination and an anonymous verification.
func fingerprint(org int64, id string) uint64 {
	h := uint64(14695981039346656037) ^ uint64(org)
	for i := 0; i < len(id); i++ {
		h ^= uint64(id[i])
		h *= 1099511628211
	}
	return mix64(h) | 2
}

// Partition returns which of n partitions the called number e164 belongs to
// (0 for a malformed number or n < 2). A cluster spreads call verification
// over nodes by called number, one NATS subject per partition: the
// registrations and verifications of one B must meet on one node, and this
// function is what both sides agree on.
func Partition(e164 string, n int) int {
	num, _, ok := scan(e164)
	if !ok || n < 2 {
		return 0
	}
	return int(mix64(uint64(num)) % uint64(n))
}
