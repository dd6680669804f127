package webwatch

import "math/bits"

// The indexes a Scorer builds once from the watchlist, so that scoring a
// name is a handful of map probes instead of an edit distance against
// every brand.

// wordClass says what a context word is evidence of.
type wordClass uint8

const (
	classNone    wordClass = 0
	classNeutral wordClass = 1 << iota // an ordinary word or a number
	classTLD                           // a top-level domain written in a label
	classLure                          // a phishing lure: bonus, login, oplata
	classSoft                          // a word phishing and business share: service, online
	classMoney                         // a soft word that speaks of money: kredit, karta
)

// alphabet maps the bytes a folded label may hold to trie edges; -1 for
// anything else (the foreign-letter marker).
var alphabet = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = int8(c - 'a')
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = int8(26 + c - '0')
	}
	return t
}()

// trie holds the context words, forwards or backwards, for splitting a
// token such as "kaspibonus24" into words.
type trie struct {
	next  [][36]uint16
	class []wordClass
}

func newTrie() *trie { return &trie{next: make([][36]uint16, 1), class: make([]wordClass, 1)} }

// add puts w in the trie with class c, backwards if reverse. It reports
// false, adding nothing, when the trie has no room left for w:
// its node indexes are 16 bits.
func (t *trie) add(w string, c wordClass, reverse bool) bool {
	if len(t.next) >= 1<<16-len(w) {
		return false
	}
	n := 0
	for k := 0; k < len(w); k++ {
		b := w[k]
		if reverse {
			b = w[len(w)-1-k]
		}
		a := alphabet[b]
		if a < 0 {
			return true // not a word of the alphabet: nothing to index
		}
		if t.next[n][a] == 0 {
			t.next = append(t.next, [36]uint16{})
			t.class = append(t.class, classNone)
			t.next[n][a] = uint16(len(t.next) - 1)
		}
		n = int(t.next[n][a])
	}
	t.class[n] |= c
	return true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// splits returns, as bit sets over positions 0..len(p), where a run of
// context words (or digits) starting at 0 can end (pre), and where a run
// ending at len(p) can start (suf). A brand hides between the two:
// "mykaspi24" has pre {0, 2} and suf {7, 9}, and "kaspi" is p[2:7].
func (s *Scorer) splits(p []byte) (pre, suf uint64) {
	n := len(p)
	pre, suf = 1, 1<<uint(n)
	for i := 0; i < n; i++ {
		if pre&(1<<uint(i)) == 0 {
			continue
		}
		if isDigit(p[i]) {
			j := i
			for j < n && isDigit(p[j]) {
				j++
			}
			pre |= 1 << uint(j)
			continue
		}
		node := 0
		for j := i; j < n; j++ {
			a := alphabet[p[j]]
			if a < 0 {
				break
			}
			node = int(s.fwd.next[node][a])
			if node == 0 {
				break
			}
			if s.fwd.class[node] != classNone {
				pre |= 1 << uint(j+1)
			}
		}
	}
	for j := n; j > 0; j-- {
		if suf&(1<<uint(j)) == 0 {
			continue
		}
		if isDigit(p[j-1]) {
			i := j
			for i > 0 && isDigit(p[i-1]) {
				i--
			}
			suf |= 1 << uint(i)
			continue
		}
		node := 0
		for i := j - 1; i >= 0; i-- {
			a := alphabet[p[i]]
			if a < 0 {
				break
			}
			node = int(s.rev.next[node][a])
			if node == 0 {
				break
			}
			if s.rev.class[node] != classNone {
				suf |= 1 << uint(i)
			}
		}
	}
	return pre, suf
}

// classOf returns the classes of the words that p splits into, or
// classNone if p is not made of context words alone, inflected or not
// (inflect.go).
func (s *Scorer) classOf(p []byte) wordClass {
	if c := s.plainClass(p); c != classNone {
		return c
	}
	return s.inflected(p, 1, true)
}

// plainClass is classOf without inflections.
func (s *Scorer) plainClass(p []byte) wordClass {
	if len(p) == 0 || len(p) > maxLabelLen {
		return classNone
	}
	if c := s.wordClass(p); c != classNone {
		return c
	}
	pre, suf := s.splits(p)
	if pre&(1<<uint(len(p))) == 0 {
		return s.spellClass(p)
	}
	// Every word that starts where a split can start and ends where one
	// can end lies on some complete split.
	var c wordClass
	for i := 0; i < len(p); i++ {
		if pre&(1<<uint(i)) == 0 {
			continue
		}
		if isDigit(p[i]) {
			c |= classNeutral
			continue
		}
		node := 0
		for j := i; j < len(p); j++ {
			a := alphabet[p[j]]
			if a < 0 {
				break
			}
			node = int(s.fwd.next[node][a])
			if node == 0 {
				break
			}
			if s.fwd.class[node] != classNone && suf&(1<<uint(j+1)) != 0 {
				c |= s.fwd.class[node]
			}
		}
	}
	return c
}

// wordsOf returns the context words of one complete split of p, or nil.
// It allocates; it serves index building and rare matches.
func (s *Scorer) wordsOf(p []byte) []string {
	if len(p) == 0 || len(p) > maxLabelLen {
		return nil
	}
	pre, suf := s.splits(p)
	if pre&(1<<uint(len(p))) == 0 {
		return nil
	}
	var out []string
	for i := 0; i < len(p); {
		next := -1
		if isDigit(p[i]) {
			next = i
			for next < len(p) && isDigit(p[next]) {
				next++
			}
		} else {
			node := 0
			for j := i; j < len(p); j++ {
				a := alphabet[p[j]]
				if a < 0 {
					break
				}
				if node = int(s.fwd.next[node][a]); node == 0 {
					break
				}
				if s.fwd.class[node] != classNone && suf&(1<<uint(j+1)) != 0 {
					next = j + 1 // the longest word that leaves a split
				}
			}
		}
		if next <= i {
			return out
		}
		out = append(out, string(p[i:next]))
		i = next
	}
	return out
}

// The probe table: one open-addressing hash table, keyed by 64-bit hashes
// of byte strings in four namespaces, answers every question the scorer
// asks of a token — is it a pattern, does its skeleton match one, is it a
// context word, which patterns are one deletion from it. A Go map keyed by
// string would compare strings on every probe; here a probe is a few
// integer compares in a table that stays in cache, and a hit is verified.

// Namespaces of the probe table.
const (
	nsSkel uint64 = iota + 1 // entry.ref is a pattern whose skeleton is the token's (its text, when they are equal)
	nsDel                    // entry.ref is a pattern that, less the byte at entry.del (-1: none), is the token
	nsWord                   // entry.ref is a context word, entry.class its classes
	nsPhon                   // entry.ref is a pattern with the token's sound key (phonKey)
)

const hashBase = 1099511628211

var hashPow = func() (p [maxLabelLen + 2]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * hashBase
	}
	return p
}()

// entry is one answer of the probe table.
type entry struct {
	ref   int32
	del   int8
	class wordClass
}

type probeTable struct {
	keys       []uint64
	start, end []uint32
	entries    []entry
	mask       uint64
	// filter is a one-hash Bloom filter of the keys, small enough for the
	// first-level cache: most probes of a clean name stop at it.
	filter [filterBits / 64]uint64
}

const filterBits = 1 << 16

func filterBit(k uint64) uint64 { return k >> 48 } // the mixed high bits: 0 ≤ bit < filterBits

// probeKey mixes a string hash, its length and a namespace into a key;
// zero marks an empty slot, so it is never a key.
func probeKey(h uint64, n int, ns uint64) uint64 {
	k := (h ^ ns*0x9e3779b97f4a7c15) * 0xbf58476d1ce4e5b9
	k ^= k>>31 ^ uint64(n)<<56
	if k == 0 {
		k = 1
	}
	return k
}

func newProbeTable(m map[uint64][]entry) *probeTable {
	size := 16
	for size < 2*len(m) {
		size *= 2
	}
	t := &probeTable{
		keys:  make([]uint64, size),
		start: make([]uint32, size),
		end:   make([]uint32, size),
		mask:  uint64(size - 1),
	}
	for k, es := range m {
		i := k & t.mask
		for t.keys[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.keys[i] = k
		t.filter[filterBit(k)/64] |= 1 << (filterBit(k) % 64)
		t.start[i] = uint32(len(t.entries))
		t.entries = append(t.entries, es...)
		t.end[i] = uint32(len(t.entries))
	}
	return t
}

func (t *probeTable) get(k uint64) []entry {
	if b := filterBit(k); t.filter[b/64]&(1<<(b%64)) == 0 {
		return nil
	}
	for i := k & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case k:
			return t.entries[t.start[i]:t.end[i]]
		case 0:
			return nil
		}
	}
}

// hashBytes is the polynomial hash of p that prefixHashes and deleteHash
// compute piecewise.
func hashBytes[S string | []byte](p S) uint64 {
	var h uint64
	for i := 0; i < len(p); i++ {
		h = h*hashBase + uint64(p[i])
	}
	return h
}

// prefixHashes fills pre with prefix hashes of p (pre[i] hashes p[:i]) and
// returns the hash of all of p. p must be at most maxLabelLen+1 bytes.
func prefixHashes(p []byte, pre *[maxLabelLen + 2]uint64) uint64 {
	var h uint64
	pre[0] = 0
	for i, c := range p {
		h = h*hashBase + uint64(c)
		pre[i+1] = h
	}
	return h
}

// deleteHash returns the hash of p without p[i], from its prefix hashes.
func deleteHash(pre *[maxLabelLen + 2]uint64, n, i int) uint64 {
	// Bytes after i keep their weight; bytes before it lose one power.
	after := pre[n] - pre[i+1]*hashPow[n-1-i]
	return pre[i]*hashPow[n-1-i] + after
}

// builder collects the probe table's entries while a Scorer is built.
type builder map[uint64][]entry

func (b builder) add(key uint64, e entry) { b[key] = append(b[key], e) }

// indexDeletes adds the deletion neighbourhood of pattern pat, text t: a
// pattern and a token within one edit share a string obtained by deleting
// at most one byte from each (the idea of SymSpell).
func (b builder) indexDeletes(pat int32, t string) {
	var pre [maxLabelLen + 2]uint64
	p := []byte(t)
	h := prefixHashes(p, &pre)
	b.add(probeKey(h, len(p), nsDel), entry{ref: pat, del: -1})
	for i := range p {
		if i > 0 && p[i] == p[i-1] {
			continue // deleting either of a double letter gives one string
		}
		b.add(probeKey(deleteHash(&pre, len(p), i), len(p)-1, nsDel), entry{ref: pat, del: int8(i)})
	}
}

// wordClass returns the classes of context word p, or classNone.
func (s *Scorer) wordClass(p []byte) wordClass {
	for _, e := range s.table.get(probeKey(hashBytes(p), len(p), nsWord)) {
		if s.wordList[e.ref] == string(p) {
			return e.class
		}
	}
	return classNone
}

// letterMask is the set of distinct bytes of p, for a cheap bound on the
// edit distance: each edit changes at most two members.
func letterMask(p string) uint64 {
	var m uint64
	for i := 0; i < len(p); i++ {
		m |= 1 << (p[i] & 63)
	}
	return m
}

func letterMaskBytes(p []byte) uint64 {
	var m uint64
	for _, c := range p {
		m |= 1 << (c & 63)
	}
	return m
}

// maskDistance counts the members two letter sets do not share. Each edit
// changes at most two, so strings within two edits are at most four apart.
func maskDistance(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// osaDistance returns the optimal-string-alignment distance of a and b
// (Levenshtein plus adjacent transposition), or max+1 once it exceeds max.
func osaDistance(a []byte, b string, max int) int {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	var rows [3][maxLabelLen + 3]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			low = min(low, v)
		}
		if low > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], max+1)
}

// classifyEdit names the single edit that turns brand pattern p into
// token t, and says whether it is one typists or squatters actually make
// (keyboard neighbours, doubled or dropped letters, swapped vowels, bit
// flips) rather than an arbitrary change. ok is false when t and p are not
// one edit apart.
func classifyEdit(t []byte, p string) (method string, typical, ok bool) {
	i := 0
	for i < len(t) && i < len(p) && t[i] == p[i] {
		i++
	}
	switch len(t) - len(p) {
	case 0:
		if i == len(t) {
			return "", false, false
		}
		if string(t[i+1:]) == p[i+1:] {
			a, b := p[i], t[i]
			switch {
			case isDigit(a) || isDigit(b):
				// tele2 and tele3 are two names, not a slip.
				return MethodReplacement, false, true
			case adjacentKeys(a, b):
				return MethodReplacement, true, true
			case isVowel(a) && isVowel(b):
				return MethodVowelSwap, true, true
			case oneBit(a, b):
				return MethodBitsquatting, true, true
			case b == foreignByte:
				return MethodHomoglyph, true, true
			}
			return MethodReplacement, false, true
		}
		if i+1 < len(t) && t[i] == p[i+1] && t[i+1] == p[i] && string(t[i+2:]) == p[i+2:] {
			return MethodTransposition, true, true
		}
	case 1:
		if string(t[i+1:]) != p[i:] {
			return "", false, false
		}
		x := t[i]
		switch {
		case i > 0 && t[i-1] == x || i+1 < len(t) && t[i+1] == x:
			return MethodRepetition, true, true
		case isDigit(x):
			return MethodInsertion, false, true // tele24, kaspi1: a number, not a slip
		case i == len(t)-1:
			return MethodAddition, true, true
		case i > 0 && adjacentKeys(t[i-1], x) || i+1 < len(t) && adjacentKeys(t[i+1], x):
			return MethodInsertion, true, true
		}
		return MethodInsertion, false, true
	case -1:
		if string(t[i:]) != p[i+1:] {
			return "", false, false
		}
		// Dropping the first letter of a short name makes a different
		// word more often than a typo ("olesa", "usan").
		return MethodOmission, i > 0 || len(p) >= 7, true
	}
	return "", false, false
}
