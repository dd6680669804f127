package webwatch

import (
	"bytes"
	"slices"
)

// Inflection: Kazakh and Russian names are written with their grammar
// (halyk teatry, "the people's theatre"; otbasy klinikasy, "the family
// clinic"; kafedra psihologii). A piece that no list holds as it stands is
// read as its stem when one or two endings of the languages' grammar,
// taken off, leave an ordinary word of at least stemMin letters. The
// endings are the grammar's, the same for every word; nothing here names
// a word.

// inflections are the endings, in the Latin spellings people type, longest
// first within each language so that the first that fits is the longest.
var inflections = func() [][]byte {
	list := words(`
		lary leri dary deri tary teri larga lerge larda lerde lardyn lerdin lardan lerden
		nyn nin dyn din tyn tin nyng ning dyng ding tyng ting
		ndagy ndegi dagy degi tagy tegi
		dan den tan ten nan nen nda nde
		lar ler dar der tar ter
		lyq lik lyk dyq dik dyk tyq tik tyk
		syn sin sy si men ben pen shy shi
		ymyz imiz ym im
		ga ge qa ke gha na ne da de ta te dy di ty ti ny ni ly li y i
		skaya skoye skoe skiy skii skie skikh skogo skoy
		ogo ego omu emu ykh ikh ami yami akh yakh
		aya oye oe yye ye iy yy ij yj ii ia iya iyu ie oy ey
		ov ev om em am yam ah ax ya yu a e o u
		ers ing ed es er s
	`)
	out := make([][]byte, 0, len(list))
	for e := range list {
		out = append(out, []byte(e))
	}
	// Longest first; ties in a fixed order.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && (len(out[j]) > len(out[j-1]) || len(out[j]) == len(out[j-1]) && string(out[j]) < string(out[j-1])); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}()

// inflectionsByLast holds the inflections by their last letter, longest
// first, so that a word tries only the endings it may have.
var inflectionsByLast = func() (t [256][][]byte) {
	for _, e := range inflections {
		t[e[len(e)-1]] = append(t[e[len(e)-1]], e)
	}
	return t
}()

// stemMin is the least length of a stem read as a word, and shortStem
// of one read as a word of its own before an ending of one or two letters.
const (
	stemMin   = 4
	shortStem = 3
)

// inflected returns the classes of p read as an inflected word: an ending
// (or two) taken off leaves a context word, or words run together
// (halyqaralyq-qatynastar, kitaphanasy); classNone if none does. A stem
// that is a domain suffix counts for nothing.
func (s *Scorer) inflected(p []byte, depth int, split bool) wordClass {
	if len(p) < shortStem+1 || len(p) > maxLabelLen {
		return classNone
	}
	var buf [maxLabelLen]byte
	for _, e := range inflectionsByLast[p[len(p)-1]] {
		n := len(p) - len(e)
		if n < shortStem || string(p[n:]) != string(e) {
			continue
		}
		stem := p[:n]
		if n < stemMin {
			// A short stem counts as a word of its own with a short
			// ending only (kun → kuni, tau → tauy), and only beside a
			// brand: too many typos of names are a short word inflected.
			if split && len(e) <= 2 && !s.names[string(stem)] {
				if c := s.wordClass(stem) &^ classTLD; c != classNone {
					return c
				}
			}
			continue
		}
		if s.names[string(stem)] {
			if !split && s.strict[string(stem)] && depth > 0 && e[0] != stem[n-1] {
				// A strict name is an ordinary word, and so are its
				// inflections (otbasymyz, "our family"): no typo of it. A
				// letter repeated is a typo, not grammar (kolesaa).
				return classNeutral
			}
			continue // a brand's name inflected is the brand: kaspidin
		}
		if c := s.stemClass(stem, split); c != classNone {
			return c
		}
		// The consonant a Kazakh ending voices: kitap → kitaby, bilik → biligi.
		if last := stem[n-1]; last == 'b' || last == 'g' {
			k := copy(buf[:], stem)
			buf[k-1] = 'p'
			if last == 'g' {
				buf[k-1] = 'k'
			}
			if c := s.stemClass(buf[:k], split); c != classNone {
				return c
			}
		}
		if depth > 0 {
			if c := s.inflected(stem, depth-1, split); c != classNone {
				return c
			}
		}
	}
	return classNone
}

// stemClass returns the classes of a stem: of the one word it is, or with
// split, of the words it is made of.
func (s *Scorer) stemClass(stem []byte, split bool) wordClass {
	if split {
		return s.plainClass(stem) &^ classTLD
	}
	return s.curatedClass(stem) &^ classTLD
}

// curatedClass is wordClass without the words only moreWords holds: the
// large lexicon of names' words reads the words beside a brand, but does
// not decide that a token is a word rather than a typo (aviaa of aviata is
// no avia inflected); the curated lists and the watchlist's benign words do.
func (s *Scorer) curatedClass(p []byte) wordClass {
	if moreWords[string(p)] && !s.benignWords[string(p)] {
		return classNone
	}
	return s.wordClass(p)
}

// lexClass returns the classes of p as one word, inflected or not: a
// token that is an ordinary word is never read as a typo, and a typo of a
// compound name is no compound of words (homebanks, tengrinewss).
func (s *Scorer) lexClass(p []byte) wordClass {
	if c := s.curatedClass(p); c != classNone {
		return c
	}
	return s.inflected(p, 1, false)
}

// Spelling: Russian and Kazakh have no one Latin spelling (meditsina and
// medicina, dizayn and dizain, qala and kala, zhol and jol). A word that
// no list holds as written is looked up by its spelling key as well,
// where the variants are one: ts and c, kh and h, zh and j, gh and g, q
// and k, w and v, y and i, doubled letters. A word whose key is a brand's
// key is left out: it is the brand spelt otherwise. Keys serve the words
// beside a brand only: a token read as a typo must be a word as written
// (kaspia is no spelling of kaspiya).

// spellKey appends to dst the spelling key of s.
func spellKey(dst, s []byte) []byte {
	start := len(dst)
	for i := 0; i < len(s); i++ {
		c := s[i]
		var next byte
		if i+1 < len(s) {
			next = s[i+1]
		}
		switch {
		case c == 't' && next == 's', c == 'k' && next == 'h', c == 'z' && next == 'h', c == 'g' && next == 'h':
			c = map2[c]
			i++
		case c == 'q':
			c = 'k'
		case c == 'w':
			c = 'v'
		case c == 'y':
			c = 'i'
		}
		if len(dst) > start && dst[len(dst)-1] == c {
			continue
		}
		dst = append(dst, c)
	}
	return dst
}

// map2 is the letter a two-letter spelling becomes: ts c, kh h, zh j, gh g.
var map2 = [256]byte{'t': 'c', 'k': 'h', 'z': 'j', 'g': 'g'}

// addSpellings fills s.spell with the spelling keys of the context words.
func (s *Scorer) addSpellings(classes map[string]wordClass) {
	s.spell = map[string]wordClass{}
	brandKeys := map[string]bool{}
	for _, p := range s.patterns {
		brandKeys[string(spellKey(nil, []byte(p.text)))] = true
	}
	for w, c := range classes {
		if moreWords[w] && !s.benignWords[w] {
			continue // their writers listed the spellings themselves
		}
		k := string(spellKey(nil, []byte(w)))
		if len(k) >= stemMin && !brandKeys[k] {
			s.spell[k] |= c
		}
	}
}

// spellClass returns the classes of the words spelt like p, or classNone.
func (s *Scorer) spellClass(p []byte) wordClass {
	if len(p) < stemMin || len(p) > maxLabelLen {
		return classNone
	}
	var buf [maxLabelLen]byte
	return s.spell[string(spellKey(buf[:0], p))] &^ classTLD
}

// caseEndings are the case endings Kazakh, Uzbek and Kyrgyz put on any
// name, a foreign brand's too, in the Latin spellings people type:
// locative (kaspide), ablative (kaspiden), dative (egovqa), genitive
// (kaspidin, paymening), accusative (homebankti), and the adjective of
// place (kaspidegi). Two letters at least: one letter is a typo's
// length. The grammar's, the same for every name.
var caseEndings = words(`
	da de ta te do to nda nde
	dan den tan ten nan nen don ton
	ga ge qa ke ka ko go gha na ne
	nyn nin dyn din tyn tin nyng ning dyng ding tyng ting nun dun tun
	ny ni dy di ty ti nu du tu
	dagy degi tagy tegi dagi
	men ben pen bilan
`)

// caseEndingsByLast holds the case endings by their last letter, longest
// first.
var caseEndingsByLast = func() (t [256][][]byte) {
	for e := range caseEndings {
		t[e[len(e)-1]] = append(t[e[len(e)-1]], []byte(e))
	}
	for _, list := range t {
		slices.SortFunc(list, func(a, b []byte) int {
			if len(a) != len(b) {
				return len(b) - len(a)
			}
			return bytes.Compare(a, b)
		})
	}
	return t
}()
