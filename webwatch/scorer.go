package webwatch

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/kuzet/kuzet"
	"golang.org/x/net/publicsuffix"
)

// Verdict is the scorer's judgement of one domain.
type Verdict string

// The verdicts, from most to least alarming.
const (
	// VerdictLookalike: the domain imitates a brand; an analyst should
	// confirm it and send it for blocking.
	VerdictLookalike Verdict = "lookalike"
	// VerdictSuspicious: the domain uses a brand's name or resembles it
	// with some evidence of intent; worth an analyst's look.
	VerdictSuspicious Verdict = "suspicious"
	// VerdictClean: no brand is imitated, or the domain is a brand's own.
	VerdictClean Verdict = "clean"
	// VerdictInvalid: not a domain name; Finding.Error says why.
	VerdictInvalid Verdict = "invalid"
)

// Score thresholds of the verdicts.
const (
	lookalikeScore  = 0.7
	suspiciousScore = 0.4
)

// The methods a finding names: how the domain imitates its brand. The
// typo names are dnstwist's fuzzer names where one exists.
const (
	MethodHomoglyph       = "homoglyph"       // letters that look alike: kаspi (Cyrillic а), ka5pi, homebarnk
	MethodMixedScript     = "mixed-script"    // Latin and another script in one label
	MethodTransliteration = "transliteration" // the brand spelt in Cyrillic: каспи
	MethodAddition        = "addition"        // a character appended: kaspia
	MethodBitsquatting    = "bitsquatting"    // one bit flipped: elicence (s→c)
	MethodInsertion       = "insertion"       // a character inserted: kasopi
	MethodOmission        = "omission"        // a character dropped: kasi
	MethodRepetition      = "repetition"      // a character doubled: kolesaa
	MethodReplacement     = "replacement"     // a character replaced, usually by its keyboard neighbour: kaspo
	MethodTransposition   = "transposition"   // two neighbours swapped: kapsi
	MethodVowelSwap       = "vowel-swap"      // one vowel for another: kaspa
	MethodHyphenation     = "hyphenation"     // the brand cut by hyphens: kas-pi, halyk-bank
	MethodDotInsertion    = "dot-insertion"   // the brand cut by dots: ka.spi.kz
	MethodEditDistance    = "edit-distance"   // two edits on a long name: wildberis
	MethodCombosquatting  = "combosquatting"  // the brand plus words: kaspi-bonus, halykpay
	MethodBrandSubdomain  = "brand-subdomain" // the brand left of an unrelated domain: kaspi.login-secure.com
	MethodTLDSwap         = "tld-swap"        // the brand's name under another suffix: kaspi.com
	MethodTLDInLabel      = "tld-in-label"    // the brand's suffix written into a label: kaspi-kz.com, kaspi.kz.com
	MethodSuspiciousTLD   = "suspicious-tld"  // under a suffix of throw-away registrations: .top, .xyz
)

// Finding is the scorer's answer for one domain, one line of
// findings.jsonl.
type Finding struct {
	// Domain echoes the input as given.
	Domain string `json:"domain"`
	// ASCII is the normalized name (punycode); empty when invalid.
	ASCII   string  `json:"ascii,omitempty"`
	Verdict Verdict `json:"verdict"`
	// Brand is the imitated brand's id, for lookalike and suspicious.
	Brand string `json:"brand"`
	// Score is in [0, 1]: 0.7 and over is lookalike, 0.4 and over
	// suspicious.
	Score float64 `json:"score"`
	// Methods name the evidence, strongest first.
	Methods []string `json:"methods"`
	// Official is the id of the brand whose own domain this is.
	Official string `json:"official,omitempty"`
	// Known is the id of the brand whose watchlist line names this domain
	// as a partner's or as benign ("partners:", "benign:"), when it would
	// otherwise be flagged; it is clean.
	Known string `json:"known,omitempty"`
	// Token is the part of the name that imitates, as the reader sees it;
	// Imitates is the brand's name it imitates, and Explanation says how,
	// in words, for the analyst. Set on flagged findings only.
	Token       string `json:"token,omitempty"`
	Imitates    string `json:"imitates,omitempty"`
	Explanation string `json:"explanation,omitempty"`
	// Error says why an invalid domain is not a domain name.
	Error string `json:"error,omitempty"`
}

// Flagged reports whether f needs an analyst: lookalike or suspicious.
func (f Finding) Flagged() bool {
	return f.Verdict == VerdictLookalike || f.Verdict == VerdictSuspicious
}

// pattern is one name a brand is imitated by: the distinctive label of an
// official domain ("halykbank") or a keyword ("halyk").
type pattern struct {
	text    string
	skel    string
	skel2   string // the skeleton without pairs, when it differs: ciick for click (dick)
	brand   int32
	keyword bool
	// weak patterns are strict names or three letters or fewer: their
	// name alone is no evidence, nor a typo of it.
	weak bool
	// strict patterns are names the watchlist marks as ordinary words
	// (forte, post, kolesa): beside ordinary words they are those words.
	strict bool
	// short patterns are acronyms of three letters or fewer (bcc, olx):
	// beside them even words like "online" show intent.
	short bool
	// compound patterns are made of ordinary words (halyk+market,
	// freedom+bank): two edits turn them into other compounds
	// (halal-market, freedomland), so they match at one edit only.
	compound bool
	// wordPair patterns are two ordinary words of any list run together
	// (wild+berries): cut by a hyphen beside other words they are those
	// words (wild-berries-farm).
	wordPair bool
	mask     uint64
}

// patternKey identifies a pattern while the indexes are built.
type patternKey struct {
	brand int32
	text  string
}

// Scorer scores domains against a watchlist. It is immutable once built
// and safe for concurrent use.
type Scorer struct {
	brands   []Brand
	tlds     [][]string        // per brand: first labels of its official suffixes ("kz", "com", "gov")
	own      []map[string]bool // per brand: the words its official labels are made of ("bank" of halykbank)
	labels   [][]string        // per brand: its official labels, folded
	official map[string]int32
	known    map[string]int32 // partners' and known-benign domains, by brand
	names    map[string]bool  // every pattern's text: never an ordinary word
	strict   map[string]bool  // the strict patterns' texts: ordinary words within compounds
	cc       [][]string       // per brand: last labels of its official suffixes ("kz", "com")
	patterns []pattern
	table    *probeTable
	build    builder             // the table's entries until NewScorer returns
	seen     map[patternKey]bool // the patterns so far, until NewScorer returns
	wordList []string            // context words, by entry.ref
	benign   []string            // the watchlist's words that hold a brand by accident
	// benignWords are the words of benign, one by one.
	benignWords map[string]bool
	spell       map[string]wordClass // context words by spelling key (inflect.go)
	long        []int32              // patterns long enough to allow two edits
	fwd, rev    *trie
	// pfwd and prev hold the patterns' texts forwards and backwards, to
	// find a brand glued to a word no list holds: halykvozmeshchenie.
	pfwd, prev *trie
	minLen     int
	maxLen     int
}

// Patterns shorter than typoMinLen are matched exactly only; those at
// least longTypoLen long also match at two edits.
const (
	typoMinLen  = 4
	longTypoLen = 9
)

// NewScorer builds a scorer for brands. Returns EINVALID if a brand is
// invalid (see Brand.Validate), two brands share an id, or two brands
// claim one official domain.
func NewScorer(brands []Brand) (*Scorer, error) {
	s := &Scorer{
		official: map[string]int32{},
		known:    map[string]int32{},
		names:    map[string]bool{},
		strict:   map[string]bool{},
		build:    builder{},
		seen:     map[patternKey]bool{},
		fwd:      newTrie(),
		rev:      newTrie(),
		pfwd:     newTrie(),
		prev:     newTrie(),
		minLen:   math.MaxInt,
	}
	ids := map[string]bool{}
	for i, b := range brands {
		b.Domains = append([]string(nil), b.Domains...)
		b.Keywords = append([]string(nil), b.Keywords...)
		if err := b.Validate(); err != nil {
			return nil, kuzet.WithField(err, fmt.Sprintf("brands[%d]", i))
		}
		if ids[b.ID] {
			return nil, kuzet.Invalid(fmt.Sprintf("brands[%d].id", i), "brand %q defined twice", b.ID)
		}
		ids[b.ID] = true
		s.brands = append(s.brands, b)
		if err := s.addBrand(int32(i), b); err != nil {
			return nil, kuzet.WithField(err, fmt.Sprintf("brands[%d]", i))
		}
	}
	for _, p := range s.patterns {
		s.names[p.text] = true
		if p.strict {
			s.strict[p.text] = true
		}
	}
	if err := s.addWords(); err != nil {
		return nil, err
	}
	s.table, s.build, s.seen = newProbeTable(s.build), nil, nil
	for _, texts := range s.labels {
		// The words a label starts or ends with: bank of eubank, market
		// of halykmarket, life of chocolife.
		own := map[string]bool{}
		for _, t := range texts {
			for i := 1; i+3 <= len(t); i++ {
				for _, part := range [][]byte{[]byte(t[i:]), []byte(t[:len(t)-i])} {
					for _, w := range s.wordsOf(part) {
						if len(w) >= 3 {
							own[w] = true
						}
					}
				}
			}
		}
		s.own = append(s.own, own)
	}
	for pi := range s.patterns {
		p := &s.patterns[pi]
		p.compound = s.classOf([]byte(p.text)) != classNone || s.twoWords(p.text)
		p.wordPair = p.compound || s.twoListWords(p.text)
		if len(p.text) >= longTypoLen && !p.weak && !p.compound {
			s.long = append(s.long, int32(pi))
		}
	}
	return s, nil
}

func (s *Scorer) addBrand(bi int32, b Brand) error {
	var texts []string
	var tlds, ccs []string
	for i, d := range b.Domains {
		if o, dup := s.official[d]; dup {
			return kuzet.Invalid(fmt.Sprintf("domains[%d]", i), "domain %q already belongs to brand %q", d, s.brands[o].ID)
		}
		s.official[d] = bi
		suffix, _ := publicsuffix.PublicSuffix(d)
		if cc := suffix[strings.LastIndexByte(suffix, '.')+1:]; !slices.Contains(ccs, cc) {
			ccs = append(ccs, cc)
		}
		rest := strings.TrimSuffix(d[:len(d)-len(suffix)], ".")
		label := rest[strings.LastIndexByte(rest, '.')+1:]
		if rest == "" {
			// A public suffix listed as the brand's (gov.kz): its name is
			// its first label.
			label, _, _ = strings.Cut(d, ".")
		}
		texts = append(texts, foldLabel(label))
		first, _, _ := strings.Cut(suffix, ".")
		if !slices.Contains(tlds, first) {
			tlds = append(tlds, first)
		}
	}
	s.tlds = append(s.tlds, tlds)
	s.cc = append(s.cc, ccs)
	s.labels = append(s.labels, texts)
	for _, d := range b.Partners {
		if _, dup := s.known[d]; !dup {
			s.known[d] = bi
		}
	}
	for _, n := range b.Benign {
		if strings.Contains(n, ".") {
			if _, dup := s.known[n]; !dup {
				s.known[n] = bi
			}
		} else {
			s.benign = append(s.benign, n)
		}
	}
	for _, t := range texts {
		s.addPattern(bi, t, false, slices.Contains(b.Strict, t))
	}
	for _, k := range b.Keywords {
		s.addPattern(bi, k, true, slices.Contains(b.Strict, k))
	}
	// The brand's id is how people name it ("forte" for fortebank.com,
	// "freedom" for ffin.kz, "ktzh" for railways.kz): a keyword.
	if id := strings.ReplaceAll(b.ID, "-", ""); len(id) >= 3 {
		s.addPattern(bi, id, true, slices.Contains(b.Strict, id))
	}
	return nil
}

// common reports whether w is an ordinary word: in the lexicon and not a
// name of a watched brand.
func (s *Scorer) common(w string) bool {
	return (commonWords[w] || lexiconWords[w] || regionWords[w]) && !s.names[w]
}

// twoWords reports whether t is two ordinary words run together (air +
// astana), short words included.
func (s *Scorer) twoWords(t string) bool {
	word := func(w string) bool { return s.common(w) || s.strict[w] }
	for i := 2; i+2 <= len(t); i++ {
		if word(t[:i]) && word(t[i:]) {
			return true
		}
	}
	return false
}

// twoListWords reports whether t is two words of any list run together,
// each of four letters or more: wild + berries.
func (s *Scorer) twoListWords(t string) bool {
	for i := 4; i+4 <= len(t); i++ {
		if s.wordClass([]byte(t[:i]))&classNeutral != 0 && s.wordClass([]byte(t[i:]))&classNeutral != 0 {
			return true
		}
	}
	return false
}

// foldLabel returns the folded form of an official label: hyphens dropped
// (pieces are matched joined), punycode decoded and folded.
func foldLabel(label string) string {
	if strings.HasPrefix(label, "xn--") {
		if u, err := idnaProfile.ToUnicode(label); err == nil {
			var b []byte
			for _, r := range u {
				c, _ := foldRune(r)
				b = append(b, c)
			}
			label = string(b)
		}
	}
	return strings.ReplaceAll(label, "-", "")
}

func (s *Scorer) addPattern(bi int32, text string, keyword, strict bool) {
	key := patternKey{bi, text}
	if s.seen[key] || text == "" || len(text) > maxLabelLen {
		return
	}
	if len(text) < 2 {
		return // one letter is no name: t of t.me
	}
	s.seen[key] = true
	pi := int32(len(s.patterns))
	sk := string(appendSkeleton(nil, []byte(text)))
	sk2 := string(appendLetterSkeleton(nil, []byte(text)))
	if sk2 == sk {
		sk2 = ""
	}
	s.patterns = append(s.patterns, pattern{
		text:    text,
		skel:    sk,
		skel2:   sk2,
		brand:   bi,
		keyword: keyword,
		weak:    len(text) <= 3 || strict,
		strict:  strict,
		short:   len(text) <= 3 && !strict,
		mask:    letterMask(text),
	})
	s.pfwd.add(text, classNeutral, false)
	s.prev.add(text, classNeutral, true)
	s.build.add(probeKey(hashBytes(sk), len(sk), nsSkel), entry{ref: pi})
	if sk2 != "" {
		s.build.add(probeKey(hashBytes(sk2), len(sk2), nsSkel), entry{ref: pi})
	}
	ph := phonKey(nil, []byte(text))
	s.build.add(probeKey(hashBytes(ph), len(ph), nsPhon), entry{ref: pi})
	if len(text) >= typoMinLen || len(text) == 3 && !strict {
		s.build.indexDeletes(pi, text) // three letters: for ollx, oxl alone in a label (rate)
	}
	s.minLen = min(s.minLen, len(text))
	s.maxLen = max(s.maxLen, len(text))
}

// addWords loads the context words into the probe table and the tries. Short
// ordinary words stay out of the tries: "an" would split "kaspian" into a
// brand and a word. The words of intent go in first; a watchlist whose
// benign words would not fit the tries is refused rather than read with
// some of its words missing.
func (s *Scorer) addWords() error {
	classes := map[string]wordClass{}
	full := false
	add := func(set map[string]bool, c wordClass, trieMin int) {
		for w := range set {
			if s.names[w] {
				continue // a brand's name is never a word of the lists
			}
			classes[w] |= c
			if len(w) >= trieMin && !(s.fwd.add(w, c, false) && s.rev.add(w, c, true)) {
				full = true
			}
		}
	}
	add(tldWords, classTLD, 2)
	add(lureWords, classLure, 2)
	add(regionLures, classLure, 2)
	add(softLures, classSoft, 2)
	add(moneyWords, classMoney, 2)
	add(regionMoney, classSoft|classMoney, 2)
	add(commonWords, classNeutral, 4)
	add(lexiconWords, classNeutral, 4)
	add(regionWords, classNeutral, 4)
	add(moreWords, classNeutral, maxLabelLen+1) // the probe table only
	if full {
		return fmt.Errorf("webwatch: the built-in word lists do not fit the word index")
	}
	// The words that hold a brand by accident are ordinary words.
	s.benignWords = words(strings.Join(s.benign, " "))
	add(s.benignWords, classNeutral, 4)
	if full {
		return kuzet.Invalid("brands", "the watchlist's benign words are too many for the word index (%d nodes)", 1<<16)
	}
	for w, c := range classes {
		s.build.add(probeKey(hashBytes(w), len(w), nsWord), entry{ref: int32(len(s.wordList)), class: c})
		s.wordList = append(s.wordList, w)
	}
	s.addSpellings(classes)
	return nil
}

// Brands returns the watchlist the scorer was built from, normalized.
func (s *Scorer) Brands() []Brand { return s.brands }

// Score scores one domain, given as in a feed: Unicode or punycode, any
// case, a URL or a certificate wildcard. It never fails: a name that is
// not a domain gets VerdictInvalid and the reason in Error.
func (s *Scorer) Score(domain string) Finding {
	f := Finding{Domain: domain, Verdict: VerdictClean}
	ascii, uni, err := parseName(domain)
	if err != nil {
		f.Verdict, f.Error = VerdictInvalid, kuzet.ErrorMessage(err)
		return f
	}
	f.ASCII = ascii
	if bi := s.officialOf(ascii); bi >= 0 {
		f.Official = s.brands[bi].ID
		return f
	}
	if len(s.patterns) == 0 {
		return f
	}
	// Most names match nothing: find that out before paying for the Public
	// Suffix List, taking only the top-level label as the suffix.
	var w work
	w.load(ascii, uni, ascii[strings.LastIndexByte(ascii, '.')+1:])
	s.search(&w)
	if w.hits == 0 && !w.cyrillic {
		return f
	}
	suffix, _ := publicsuffix.PublicSuffix(ascii)
	if len(suffix) >= len(ascii) {
		return f // a public suffix itself, such as "com.kz"
	}
	w = work{}
	w.load(ascii, uni, suffix)
	best := s.search(&w)
	if w.cyrillic {
		tw := w
		if tw.transliterate() {
			if m := s.search(&tw); m.score > best.score {
				best, w = m, tw
			}
		}
	}
	f.Score = math.Round(best.score*100) / 100
	if f.Score >= suspiciousScore && len(s.known) > 0 {
		// Looked up only for what would be flagged: most names never are.
		if bi := lookupSuffix(s.known, ascii); bi >= 0 {
			f.Known, f.Score = s.brands[bi].ID, 0
			return f
		}
	}
	switch {
	case f.Score >= lookalikeScore:
		f.Verdict = VerdictLookalike
	case f.Score >= suspiciousScore:
		f.Verdict = VerdictSuspicious
	default:
		return f
	}
	f.Brand = s.brands[s.patterns[best.pat].brand].ID
	f.Methods = s.methods(&w, &best)
	s.explain(&w, &best, &f)
	return f
}

// officialOf returns the brand whose official domain name is, or is a
// subdomain of, or -1.
func (s *Scorer) officialOf(name string) int32 { return lookupSuffix(s.official, name) }

// lookupSuffix returns the value of name, or of the nearest domain above
// it, in m; or -1. A public suffix in m (gov.kz, listed as a state's own)
// stands for itself only: the names under it are others' registrations.
func lookupSuffix(m map[string]int32, name string) int32 {
	for i := 0; ; {
		if bi, ok := m[name[i:]]; ok && (i == 0 || !isPublicSuffix(name[i:])) {
			return bi
		}
		j := strings.IndexByte(name[i:], '.')
		if j < 0 {
			return -1
		}
		i += j + 1
	}
}

// isPublicSuffix reports whether d is a public suffix itself: com.kz, gov.kz.
func isPublicSuffix(d string) bool {
	ps, _ := publicsuffix.PublicSuffix(d)
	return ps == d
}

// span is a label of a work name: bytes lo..hi of work.fold.
type span struct {
	lo, hi int16
	conf   bool // holds letters folded from non-ASCII
	ascii  bool // holds ASCII letters as typed
	cyr    bool // all its letters are Cyrillic
}

// work is the per-name state of a search, kept on the stack.
type work struct {
	fold     [maxNameLen + 1]byte // folded labels left of the public suffix, without dots
	conf     [maxNameLen + 1]bool // fold[i] came from a non-ASCII letter
	labels   [maxNameLen/2 + 1]span
	nl       int
	sld      int // index of the registrable label, the last one
	uni      string
	suffix   string
	cyrillic bool // some label is all Cyrillic: try transliteration too
	translit bool // fold holds the transliteration
	susTLD   bool
	hits     int // tokens that matched a pattern, rated or not
	tmp      [2*maxNameLen + 2]byte
}

// load fills w from a parsed name.
func (w *work) load(ascii, uni, suffix string) {
	w.suffix = suffix
	w.uni = uni
	last := suffix[strings.LastIndexByte(suffix, '.')+1:]
	w.susTLD = suspiciousTLDs[suffix] || suspiciousTLDs[last]
	n := 0
	if ascii == uni {
		rest := ascii[:len(ascii)-len(suffix)-1]
		lo := 0
		for i := 0; i <= len(rest); i++ {
			if i == len(rest) || rest[i] == '.' {
				w.labels[w.nl] = span{lo: int16(lo), hi: int16(n), ascii: true}
				w.nl++
				lo = n
				continue
			}
			w.fold[n] = rest[i]
			n++
		}
		w.sld = w.nl - 1
		return
	}
	// Drop the suffix's labels from the Unicode form: IDNA keeps the
	// number of labels.
	rest := uni
	for k := strings.Count(suffix, ".") + 1; k > 0; k-- {
		rest = rest[:strings.LastIndexByte(rest, '.')]
	}
	lo := 0
	sp := span{cyr: true}
	endLabel := func() {
		sp.lo, sp.hi = int16(lo), int16(n)
		sp.cyr = sp.cyr && sp.conf && !sp.ascii
		w.cyrillic = w.cyrillic || sp.cyr
		w.labels[w.nl] = sp
		w.nl++
		lo = n
		sp = span{cyr: true}
	}
	for _, r := range rest {
		if r == '.' {
			endLabel()
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			// A combining mark decorates the letter before it.
			if n > lo {
				w.conf[n-1] = true
			}
			continue
		}
		if n >= len(w.fold) {
			break // cannot happen: each rune takes a byte or more in ASCII form
		}
		c, conf := foldRune(r)
		w.fold[n], w.conf[n] = c, conf
		n++
		switch {
		case r == '-' || '0' <= r && r <= '9':
		case conf:
			sp.conf = true
			if !unicode.Is(unicode.Cyrillic, r) {
				sp.cyr = false
			}
		default:
			sp.ascii = true
		}
	}
	endLabel()
	w.sld = w.nl - 1
}

// transliterate rewrites the all-Cyrillic labels of w in Latin by sound.
// It reports false if the result does not fit.
func (w *work) transliterate() bool {
	rest := w.uni
	for k := strings.Count(w.suffix, ".") + 1; k > 0; k-- {
		rest = rest[:strings.LastIndexByte(rest, '.')]
	}
	var out work
	out.uni, out.suffix, out.susTLD, out.translit = w.uni, w.suffix, w.susTLD, true
	n, li, lo := 0, 0, 0
	for _, label := range strings.Split(rest, ".") {
		if li >= len(w.labels) {
			return false
		}
		sp := w.labels[li]
		for _, r := range label {
			var add string
			switch {
			case sp.cyr && translit[r] != "":
				add = translit[r]
			case sp.cyr && translit[r] == "" && unicode.Is(unicode.Cyrillic, r):
				add = "" // hard and soft signs
			default:
				if unicode.Is(unicode.Mn, r) {
					continue
				}
				c, conf := foldRune(r)
				if n >= len(out.fold) {
					return false
				}
				out.fold[n], out.conf[n] = c, conf
				n++
				continue
			}
			if n+len(add) > len(out.fold) {
				return false
			}
			n += copy(out.fold[n:], add)
		}
		out.labels[li] = span{lo: int16(lo), hi: int16(n), ascii: true}
		li++
		lo = n
	}
	out.nl, out.sld = li, li-1
	*w = out
	return true
}

// matchKind is how a token matched a pattern.
type matchKind uint8

const (
	kindExact      matchKind = iota + 1 // the pattern itself
	kindHomoglyph                       // the same skeleton: ASCII look-alikes
	kindHomoglyphU                      // the same after folding non-ASCII letters
	kindTypo                            // one edit away (two on long patterns)
)

// match is one way the name imitates one pattern.
type match struct {
	pat       int32
	kind      matchKind
	edit      string // the typo's method
	typical   bool   // the typo is one people make
	label     int    // the label holding the token, the first one for dot joins
	lastLabel int
	lo, hi    int    // the token's bytes in fold
	plo, phi  int    // the piece (between hyphens) holding the token
	join      string // MethodHyphenation or MethodDotInsertion when the token is joined pieces
	glued     bool   // the token is glued to a word no list knows
	ending    int    // the letters of a case ending after the token in its piece: kaspi+den
	score     float64
}

// search finds the best match of the name in w.
func (s *Scorer) search(w *work) match {
	var best match
	for li := 0; li < w.nl; li++ {
		sp := w.labels[li]
		lo, hi := int(sp.lo), int(sp.hi)
		if isFiller(w.fold[lo:hi]) {
			continue
		}
		var pieces [maxLabelLen/2 + 1]span
		np, start := 0, lo
		for i := lo; i <= hi; i++ {
			if i < hi && w.fold[i] != '-' {
				continue
			}
			if i > start {
				s.scanPiece(w, li, start, i, &best)
				pieces[np] = span{lo: int16(start), hi: int16(i)}
				np++
			}
			start = i + 1
		}
		if np > 1 {
			// The brand cut by hyphens: kas-pi, and within more words,
			// e-gov-kz.
			n := 0
			for i := lo; i < hi; i++ {
				if w.fold[i] != '-' {
					w.tmp[n] = w.fold[i]
					n++
				}
			}
			s.scanJoined(w, w.tmp[:n], li, li, lo, hi, MethodHyphenation, &best)
			for k := 0; np > 2 && k+1 < np; k++ {
				a, b := pieces[k], pieces[k+1]
				n := copy(w.tmp[:], w.fold[a.lo:a.hi])
				n += copy(w.tmp[n:], w.fold[b.lo:b.hi])
				s.scanJoined(w, w.tmp[:n], li, li, int(a.lo), int(b.hi), MethodHyphenation, &best)
			}
		}
		if li+1 < w.nl {
			// The brand cut by a dot: ka.spi.kz.
			next := w.labels[li+1]
			n := 0
			for _, r := range [2]span{sp, next} {
				for i := int(r.lo); i < int(r.hi); i++ {
					if w.fold[i] != '-' {
						w.tmp[n] = w.fold[i]
						n++
					}
				}
			}
			s.scanJoined(w, w.tmp[:n], li, li+1, lo, int(next.hi), MethodDotInsertion, &best)
		}
	}
	return best
}

// isFiller reports labels that say nothing about the name: www, m.
func isFiller(label []byte) bool {
	return string(label) == "www" || string(label) == "m"
}

// scanPiece tries every token of the piece fold[lo:hi] that context words
// leave over: "mykaspi24" yields "mykaspi24", "kaspi24", "mykaspi" and
// "kaspi".
func (s *Scorer) scanPiece(w *work, li, lo, hi int, best *match) {
	p := w.fold[lo:hi]
	n := len(p)
	if n < s.minLen-1 || n > maxLabelLen {
		return
	}
	pre, suf := s.splits(p)
	words := pre&(1<<uint(n)) != 0 // the piece is made of known words alone
	// A piece that is itself an ordinary word is not cut into others:
	// fortepiano is no forte plus piano.
	if words && s.wordClass(p)&classNeutral != 0 {
		if n <= s.maxLen+2 {
			s.tryToken(w, li, lo, hi, lo, hi, best)
		}
		return
	}
	if !words && n >= gluedMin+gluedRest {
		s.scanGlued(w, li, lo, hi, pre, suf, best)
	}
	if !words {
		s.scanEnding(w, li, lo, hi, best)
	}
	for i := 0; i < n; i++ {
		if pre&(1<<uint(i)) == 0 {
			continue
		}
		for j := n; j > i; j-- {
			if suf&(1<<uint(j)) == 0 || j-i < s.minLen-1 || j-i > s.maxLen+2 {
				continue
			}
			s.tryToken(w, li, lo+i, lo+j, lo, hi, best)
		}
	}
}

// gluedMin is the least length of a brand's name, and gluedRest of the
// word glued to it, for the two to be read apart when no list knows the
// word.
const (
	gluedMin  = 4
	gluedRest = 5
)

// scanGlued tries the brand names that start or end the piece fold[lo:hi]
// glued to letters no list knows: halykvozmeshchenie, zhanaotbasy. The
// rest must be a word's length, so that grammar (halyktyn, "of the
// people") is not read as a word; positions the word splits already
// reached (pre, suf) were tried by scanPiece.
func (s *Scorer) scanGlued(w *work, li, lo, hi int, pre, suf uint64, best *match) {
	p := w.fold[lo:hi]
	n := len(p)
	node := 0
	for j := 0; j < n-gluedRest; j++ {
		a := alphabet[p[j]]
		if a < 0 {
			break
		}
		if node = int(s.pfwd.next[node][a]); node == 0 {
			break
		}
		if end := j + 1; end >= gluedMin && s.pfwd.class[node] != classNone && suf&(1<<uint(end)) == 0 && !s.spanned(p, end, pre) {
			s.tryGlued(w, li, lo, lo+end, lo, hi, best)
		}
	}
	node = 0
	for i := n - 1; i >= gluedRest; i-- {
		a := alphabet[p[i]]
		if a < 0 {
			break
		}
		if node = int(s.prev.next[node][a]); node == 0 {
			break
		}
		if n-i >= gluedMin && s.prev.class[node] != classNone && pre&(1<<uint(i)) == 0 && !s.spanned(p, i, pre) {
			s.tryGlued(w, li, lo+i, hi, lo, hi, best)
		}
	}
}

// spanned reports whether a known word of p runs across position at: the
// brand's letters are then that word's (kaspiyneft, egovernment). The word
// must start a reading of p as words: at the piece's start (but for a
// letter) or after words (pre), so that a short word that happens to
// straddle the seam of a brand and a word no list knows (otb-asyq-ytyy)
// does not hide the brand.
func (s *Scorer) spanned(p []byte, at int, pre uint64) bool {
	for i := 0; i < at; i++ {
		if i > 1 && pre&(1<<uint(i)) == 0 {
			continue
		}
		node := 0
		for j := i; j < len(p); j++ {
			a := alphabet[p[j]]
			if a < 0 {
				break
			}
			if node = int(s.fwd.next[node][a]); node == 0 {
				break
			}
			if j+1 > at && j+1-i >= 4 && s.fwd.class[node]&classNeutral != 0 {
				return true
			}
		}
	}
	return false
}

// scanEnding tries the piece fold[lo:hi] as a brand's name with a case
// ending of Kazakh, Uzbek or Kyrgyz grammar: kaspiden "from Kaspi", egovqa
// "to eGov", homebankte "at Homebank". Only the name itself or its
// look-alike letters count, never a three-letter one; a strict name with
// an ending is that word inflected (halyktyn, "of the people") unless a
// word of intent stands beside it (rate).
func (s *Scorer) scanEnding(w *work, li, lo, hi int, best *match) {
	p := w.fold[lo:hi]
	for _, e := range caseEndingsByLast[p[len(p)-1]] {
		n := len(p) - len(e)
		if n < typoMinLen || n > s.maxLen || string(p[n:]) != string(e) {
			continue
		}
		m := s.matchName(w, p[:n], lo, lo+n)
		if m.kind == 0 || s.patterns[m.pat].short || len(s.patterns[m.pat].text) <= 3 {
			continue
		}
		m.label, m.lastLabel, m.lo, m.hi, m.plo, m.phi, m.ending = li, li, lo, lo+n, lo, hi, len(e)
		s.keep(w, &m, best)
	}
}

// tryGlued tries fold[lo:hi], a brand's name glued to an unknown word in
// the piece fold[plo:phi]: only the name itself or its look-alike letters
// count, never a typo of it.
func (s *Scorer) tryGlued(w *work, li, lo, hi, plo, phi int, best *match) {
	m := s.matchToken(w, w.fold[lo:hi], lo, hi)
	if m.kind == 0 || m.kind == kindTypo {
		return
	}
	m.label, m.lastLabel, m.lo, m.hi, m.plo, m.phi, m.glued = li, li, lo, hi, plo, phi, true
	s.keep(w, &m, best)
}

// scanJoined tries a token made by joining the pieces or labels that span
// fold[lo:hi] (tok, in w.tmp); only the whole of it counts.
func (s *Scorer) scanJoined(w *work, tok []byte, first, last, lo, hi int, join string, best *match) {
	if len(tok) < s.minLen || len(tok) > s.maxLen+1 {
		return
	}
	m := s.matchToken(w, tok, lo, hi)
	if m.kind == 0 || m.kind == kindTypo {
		return // a typo of a join is a guess on a guess: api.astana is not airastana
	}
	m.label, m.lastLabel, m.lo, m.hi, m.plo, m.phi, m.join = first, last, lo, hi, lo, hi, join
	s.keep(w, &m, best)
}

// tryToken tries fold[lo:hi], a token of the piece fold[plo:phi] of
// label li.
func (s *Scorer) tryToken(w *work, li, lo, hi, plo, phi int, best *match) {
	m := s.matchToken(w, w.fold[lo:hi], lo, hi)
	if m.kind == 0 {
		return
	}
	m.label, m.lastLabel, m.lo, m.hi, m.plo, m.phi = li, li, lo, hi, plo, phi
	s.keep(w, &m, best)
}

// matchToken finds the pattern tok imitates, if any. lo and hi locate the
// token in w.fold for its non-ASCII marks (joined tokens are looked up
// over their whole span).
func (s *Scorer) matchToken(w *work, tok []byte, lo, hi int) match {
	n := len(tok)
	if n > maxLabelLen {
		return match{}
	}
	if m := s.matchName(w, tok, lo, hi); m.kind != 0 {
		return m
	}
	var buf [maxLabelLen + 2]byte
	if w.translit {
		// A Latin brand written in Cyrillic by ear comes back in other
		// letters: яндекс is yandeks, сентер senter, жусан zhusan.
		ph := phonKey(buf[:0], tok)
		for _, e := range s.table.get(probeKey(hashBytes(ph), len(ph), nsPhon)) {
			if string(phonKey(nil, []byte(s.patterns[e.ref].text))) == string(ph) {
				w.hits++
				return match{pat: e.ref, kind: kindHomoglyphU}
			}
		}
	}
	if n < typoMinLen-1 {
		return match{}
	}
	var pre [maxLabelLen + 2]uint64
	prefixHashes(tok, &pre)
	m := s.typo(tok, &pre)
	if m.kind == 0 || s.lexClass(tok) != classNone {
		return match{}
	}
	w.hits++
	return m
}

// matchName finds the pattern tok is, or imitates with look-alike
// letters; none when n is too long.
func (s *Scorer) matchName(w *work, tok []byte, lo, hi int) match {
	if len(tok) > maxLabelLen {
		return match{}
	}
	conf := false
	for i := lo; i < hi; i++ {
		conf = conf || w.conf[i]
	}
	// One probe answers both the exact and the look-alike question: the
	// entries under the token's skeleton are the patterns with that
	// skeleton, and one of them may be the token itself.
	var buf [maxLabelLen + 2]byte
	sk := appendSkeleton(buf[:0], tok)
	found := int32(-1)
	for _, e := range s.table.get(probeKey(hashBytes(sk), len(sk), nsSkel)) {
		if p := &s.patterns[e.ref]; p.text == string(tok) {
			found = e.ref
			break
		} else if found < 0 && (p.skel == string(sk) || p.skel2 != "" && p.skel2 == string(sk)) {
			found = e.ref
		}
	}
	if found >= 0 {
		w.hits++
		switch {
		case conf:
			return match{pat: found, kind: kindHomoglyphU}
		case s.patterns[found].text == string(tok):
			return match{pat: found, kind: kindExact}
		}
		return match{pat: found, kind: kindHomoglyph}
	}
	return match{}
}

// typo finds a pattern one edit from tok (two for long patterns), the
// most typical edit first. pre holds tok's prefix hashes.
func (s *Scorer) typo(tok []byte, pre *[maxLabelLen + 2]uint64) match {
	var best match
	consider := func(pi int32) {
		p := s.patterns[pi].text
		method, typical, ok := classifyEdit(tok, p)
		if !ok {
			return
		}
		if best.kind == 0 || typical && !best.typical || len(p) > len(s.patterns[best.pat].text) && typical == best.typical {
			best = match{pat: pi, kind: kindTypo, edit: method, typical: typical}
		}
	}
	n := len(tok)
	for _, e := range s.table.get(probeKey(pre[n], n, nsDel)) {
		if e.del >= 0 {
			consider(e.ref) // tok is the pattern less one byte
		}
	}
	for i := 0; i < n; i++ {
		if i > 0 && tok[i] == tok[i-1] {
			continue
		}
		for _, e := range s.table.get(probeKey(deleteHash(pre, n, i), n-1, nsDel)) {
			consider(e.ref) // an insertion, a replacement or a transposition
		}
	}
	if best.kind != 0 || n < longTypoLen-2 {
		return best
	}
	mask := letterMaskBytes(tok)
	for _, pi := range s.long {
		p := &s.patterns[pi]
		if d := len(tok) - len(p.text); d > 2 || d < -2 || maskDistance(mask, p.mask) > 4 {
			continue
		}
		if osaDistance(tok, p.text, 2) <= 2 {
			return match{pat: pi, kind: kindTypo, edit: MethodEditDistance}
		}
	}
	return best
}

// keep rates m and keeps it if it beats best.
func (s *Scorer) keep(w *work, m *match, best *match) {
	m.score = s.rate(w, m)
	if m.score >= suspiciousScore && best.score >= suspiciousScore && m.label == best.label &&
		m.lo <= best.lo && m.hi >= best.hi && m.hi-m.lo > best.hi-best.lo {
		// A longer name over the same letters is the more specific
		// imitation: freedompay-checkout imitates freedompay, not freedom.
		*best = *m
		return
	}
	if m.score >= suspiciousScore && best.score >= suspiciousScore && m.label == best.label &&
		best.lo <= m.lo && best.hi >= m.hi && best.hi-best.lo > m.hi-m.lo {
		return
	}
	if m.score > best.score ||
		m.score == best.score && m.score > 0 && len(s.patterns[m.pat].text) > len(s.patterns[best.pat].text) {
		*best = *m
	}
}

// evidence is what the rest of the name says about a match.
type evidence struct {
	lure      bool      // a lure word: bonus, login, oplata
	soft      bool      // a word phishing and business share: service, online
	tld       bool      // a top-level domain written in a label: kz, com
	own       bool      // a word of the brand's own domains: bank beside eurasian (eubank.kz)
	fused     wordClass // the classes of the words fused to the token in its piece
	fusedOnly bool      // all the intent is in words fused to the token
	// ownTLD: a domain suffix written right after the name (forte-kz,
	// fortekz), not a country marker ending a phrase.
	ownTLD    bool
	followTLD bool // the brand label is followed by its suffix: egov.kz.verify-id.top
	words     bool // the token shares its label with other words
	unknown   bool // some other piece, or the word glued to the token, is in no list
	// unknownApart: a piece of its own, not glued to the token, is in no list.
	unknownApart bool
	knownApart   bool // a piece of its own is made of known words
	// ordinaryApart: a piece of its own is an ordinary word and nothing
	// else (no word of intent, money or a domain), and not a place.
	ordinaryApart bool
	money         bool // a word of money among the soft words: kredit, karta
	digits        bool // digits beside the token: forte2026, kaspi-24
}

// evidence reads the labels and pieces of w other than m's token.
func (s *Scorer) evidence(w *work, m *match) evidence {
	var ev evidence
	outside := false // intent shown by a piece of its own, not fused to the token
	own := s.own[s.patterns[m.pat].brand]
	noteOwn := func(p []byte) {
		if len(own) > 0 && len(p) > 0 {
			if own[string(p)] {
				ev.own = true
				return
			}
			for _, w := range s.wordsOf(p) {
				ev.own = ev.own || own[w]
			}
		}
	}
	note := func(c wordClass) {
		ev.money = ev.money || c&classMoney != 0
		ev.lure = ev.lure || c&classLure != 0
		ev.soft = ev.soft || c&classSoft != 0
		ev.tld = ev.tld || c&classTLD != 0
	}
	for li := 0; li < w.nl; li++ {
		sp := w.labels[li]
		lo, hi := int(sp.lo), int(sp.hi)
		if isFiller(w.fold[lo:hi]) {
			continue
		}
		start := lo
		for i := lo; i <= hi; i++ {
			if i < hi && w.fold[i] != '-' {
				continue
			}
			switch {
			case i == start:
			case start >= m.plo && i <= m.phi:
				// The token's own piece, or pieces joined into it.
				if m.join == "" && (m.lo > m.plo || m.hi < m.phi) {
					ev.words = true
					// A suffix fused in front is a word's start more
					// often than a trick: com+post.
					after := w.fold[m.hi+m.ending : m.phi] // a case ending is grammar, no word
					ev.fused = s.classOf(w.fold[m.plo:m.lo])&^classTLD | s.classOf(after)
					note(ev.fused)
					ev.unknown = ev.unknown || m.glued
					ev.digits = ev.digits || hasDigit(w.fold[m.plo:m.lo]) || hasDigit(after)
					noteOwn(w.fold[m.plo:m.lo])
					noteOwn(after)
					ev.ownTLD = ev.ownTLD || s.classOf(after)&classTLD != 0
				}
			default:
				if li >= m.label && li <= m.lastLabel {
					ev.words = true
				}
				before := ev
				c := s.classOf(w.fold[start:i])
				note(c)
				ev.digits = ev.digits || hasDigit(w.fold[start:i])
				ev.unknown = ev.unknown || c == classNone && i-start >= 3
				ev.unknownApart = ev.unknownApart || c == classNone && i-start >= 3
				ev.knownApart = ev.knownApart || c != classNone
				ev.ordinaryApart = ev.ordinaryApart || c == classNeutral && !placeWords[string(w.fold[start:i])] ||
					functionWords[string(w.fold[start:i])]
				noteOwn(w.fold[start:i])
				ev.ownTLD = ev.ownTLD || li == m.lastLabel && start == m.phi+1 && c&classTLD != 0
				outside = outside || c&(classLure|classSoft|classTLD) != 0 || ev.own != before.own
			}
			start = i + 1
		}
	}
	if m.lastLabel < w.sld {
		next := w.labels[m.lastLabel+1]
		piece := w.fold[next.lo:next.hi]
		if i := indexByte(piece, '-'); i >= 0 {
			piece = piece[:i]
		}
		tlds := s.tlds[s.patterns[m.pat].brand]
		ev.followTLD = s.wordClass(piece)&classTLD != 0 || slices.Contains(tlds, string(piece))
	}
	ev.fusedOnly = !outside && !ev.followTLD
	return ev
}

func hasDigit(b []byte) bool {
	for _, c := range b {
		if isDigit(c) {
			return true
		}
	}
	return false
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// mixed reports whether the labels of m mix ASCII letters with letters
// folded from other scripts.
func (w *work) mixed(m *match) bool {
	for li := m.label; li <= m.lastLabel; li++ {
		if w.labels[li].conf && w.labels[li].ascii {
			return true
		}
	}
	return false
}

// pick returns strong or weak.
func pick(isWeak bool, strong, weak float64) float64 {
	if isWeak {
		return weak
	}
	return strong
}

// rate scores match m. The figures encode one policy. A brand's name
// beside any other word is at least suspicious, whatever the word and its
// inSubdomain reports whether m's token lies in a label left of the
// registrable one.
func inSubdomain(w *work, m *match) bool { return m.lastLabel < w.sld }

// language: the words only raise it to lookalike when they speak of money,
// logins, help, prizes or delivery (lureWords, softLures), as a suffix in
// a label or a throw-away TLD does. Look-alike letters or a typo are
// strong alone only where nothing else explains them (the whole
// registrable label). A name the watchlist marks strict is an ordinary
// word: beside ordinary words, or as a typo, it needs evidence of intent;
// beside a word no list knows, or digits, it is suspicious. Three-letter
// names are strict too, except beside another word.
func (s *Scorer) rate(w *work, m *match) float64 {
	p := &s.patterns[m.pat]
	if m.glued && p.weak {
		if p.strict && len(p.text) >= gluedMin && w.susTLD && !inSubdomain(w, m) {
			// kolesazalog.shop: a strict name glued to a word no list
			// knows, under a throw-away TLD; a honest business glued to
			// its own word keeps to its country's.
			return 0.45
		}
		return 0 // an ordinary word or an acronym glued into an unknown word is that word's part
	}
	ev := s.evidence(w, m)
	weak := p.weak
	inSub := m.lastLabel < w.sld
	whole := !inSub && !ev.words
	// A domain suffix in the label borrows the brand's domain; beside a
	// strict name only one right after it does (forte-kz), not a country
	// marker ending a phrase (freedom-of-speech-kz).
	tld := ev.tld
	if p.strict {
		tld = ev.ownTLD
	}
	intent := ev.lure || tld || ev.own || ev.soft && (!weak || p.short)
	if m.ending > 0 && p.strict && !(ev.lure || tld || ev.own || ev.money) {
		return 0 // halyktyn: a strict name inflected is the word, unless a word of intent stands beside it (halyktan-syilyk)
	}
	// Something beside a strict name that an ordinary word is not. A number
	// beside the name and an ordinary word is the phrase's (a shop's house
	// number, a year: kolesa-remont-24), except under a throw-away TLD.
	odd := ev.unknown || ev.digits && (!ev.ordinaryApart || w.susTLD)
	var score float64
	switch m.kind {
	case kindHomoglyphU:
		switch {
		case w.translit:
			score = pick(weak, 0.8, 0.45)
			if intent || ev.followTLD {
				score = pick(weak, 0.9, 0.8)
			}
		case weak && !w.mixed(m) && !intent && !ev.followTLD:
			score = 0.6
		default:
			score = 0.95
		}
	case kindHomoglyph:
		switch {
		case intent || ev.followTLD:
			score = pick(weak, 0.9, 0.8)
		case whole:
			score = pick(weak, 0.85, 0.6)
		case weak && odd:
			score = 0.45
		default:
			score = pick(weak, 0.7, 0.3)
		}
	case kindExact:
		switch {
		case ev.followTLD:
			score = 0.95
		case intent:
			score = pick(weak, 0.9, 0.8)
		case m.join != "" && whole:
			score = pick(weak, 0.8, 0.45)
		case m.join != "" && p.wordPair && string(w.fold[m.lo:m.hi]) != s.brands[p.brand].ID:
			score = 0.15 // national-bank-of-georgia: a hyphen between words is no cut (but air-astana is the brand's id)
		case whole && w.translit:
			score = pick(weak, 0.8, 0.45)
		case whole && p.short && s.ccSibling(w, p.brand):
			score = 0.75 // olx.com.kz: the brand's country, another second level
		case whole && len(p.text) <= 3:
			score = 0.3 // bcc.com, rbk.ru: three letters are many companies' names
		case whole && p.strict && (s.ccSibling(w, p.brand) || secondLevel(w.suffix)):
			score = 0.45 // forte.com.kz
		case whole && p.keyword:
			score = pick(weak, 0.7, 0.3)
		case whole:
			score = pick(weak, 0.85, 0.45)
		case p.strict && ev.unknownApart && ev.ordinaryApart && !m.glued && !ev.digits && !ev.money && !ev.soft && !w.susTLD:
			// A strict name and an ordinary word make a phrase (halyk
			// with a theatre, a city, a clinic): a third word no list
			// knows is then more likely the phrase's than a lure.
			score = 0.15
		case p.strict && odd:
			score = 0.45 // forte-vozmeshchenie, forte2026: no ordinary word beside it
		case p.strict && ev.money:
			score = 0.45 // damu-kredit: a word of money beside the name
		case p.strict && ev.soft:
			score = 0.3 // telecom-service: suspicious under .top only
		case p.short && ev.unknownApart || p.short && ev.digits:
			score = 0.5 // bcc1, olx-zhenis
		case weak:
			score = 0.15 // forte-music, bcc-group: the ordinary word among others
		case p.keyword:
			score = 0.5
		default:
			score = 0.55
		}
	case kindTypo:
		if (m.lo > m.plo || m.hi < m.phi) && (ev.fused&classLure == 0 || weak || len(p.text) < 5 || m.edit == MethodEditDistance) {
			return 0 // a typo cut out of a longer word is a guess on a guess: teleecom, accounts+port
		}
		base := 0.75
		if !m.typical || m.edit == MethodEditDistance {
			base = 0.6
		}
		if p.strict && m.lo == m.plo && m.hi == m.phi && inflectsEnd(w.fold[m.lo:m.hi], p.text) {
			// koleso, krishi, mechty, otbasi: the ordinary word in another
			// form or spelling, read as the word itself.
			as := *m
			as.kind = kindExact
			return s.rate(w, &as)
		}
		switch {
		case whole && m.edit == MethodInsertion && len(p.text) >= 4 && byEar(w.fold[m.lo:m.hi], p.text):
			score = 0.5 // cdeck, sulpack: a name spelt by ear, ck for k, alone in the label
		case len(p.text) < 5 && !m.typical:
			score = 0 // alma is not a typo of alfa, whatever surrounds it
		case p.strict && m.typical && len(p.text) >= 6 && !intent && !ev.followTLD && ev.unknown:
			score = 0.45 // bayterek-zhobasy: a strict name's typo beside a word no list knows
		case p.strict && m.typical && len(p.text) >= 5 && whole && !intent:
			score = 0.45 // halykk.kz: a strict name's typo alone, and no word (fort.kz is one)
		case whole && weak && m.edit == MethodRepetition && len(p.text) <= 4:
			score = 0.45 // ollx, uzumm: a short name with a letter doubled, and no word
		case whole && p.strict && len(p.text) == 4 && m.edit == MethodTransposition:
			score = 0.45 // oany for onay: a strict name's letters swapped, alone, and no word
		case whole && p.short && m.typical && (m.edit == MethodTransposition || m.edit == MethodAddition):
			score = 0.45 // oxl, bcck: an acronym's typo alone in the label, and no word
		case len(p.text) == 4 && whole && !weak && m.typical && m.edit == MethodReplacement:
			score = 0.45 // egob: a four-letter name's neighbour key, alone, and no word
		case p.keyword && weak && !intent && !ev.followTLD:
			score = 0 // fortex, fort: an ordinary word's neighbours are words
		case ev.followTLD:
			score = max(base, 0.85)
		case intent:
			score = base + 0.1
		case len(p.text) < 5 && whole && !weak && (m.edit == MethodRepetition || m.edit == MethodTransposition):
			score = 0.6 // egovv, eogv: the edits least likely to make another word
		case len(p.text) < 5:
			score = 0 // short names are a typo away from too many words
		case !m.typical && m.edit == MethodInsertion && len(p.text) >= 6 && whole:
			score = 0.5 // a letter added by ear: sulpack, eliscense
		case !m.typical && len(p.text) < longTypoLen:
			score = 0
		case whole && weak:
			score = 0.45
		case whole:
			score = base
		case m.typical && !weak && m.lo == m.plo && m.hi == m.phi && ev.unknownApart && !ev.knownApart:
			score = 0.45 // halyl-kosrys: beside words no list knows; beside ordinary ones it is one (kyzylorda-balyk)
		case m.typical && !weak && len(p.text) >= 7 && m.lo == m.plo && m.hi == m.phi && m.edit != MethodAddition:
			score = 0.45 // telegramm-web: a long name's typo, a piece of its own, is rarely a word; a letter added at its end is often grammar (headhunters)
		default:
			score = 0.3
		}
	}
	if score > 0 && w.susTLD {
		score += 0.15
	}
	return min(score, 1)
}

// inflectsEnd reports whether tok is word with its last vowel changed,
// dropped or added: how Russian and Kazakh inflect a noun (kolesa,
// koleso, koles; krisha, krishi; mechta, mechty).
func inflectsEnd(tok []byte, word string) bool {
	vowel := func(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }
	n, k := len(tok), len(word)
	switch {
	case n == k:
		return n > 1 && string(tok[:n-1]) == word[:k-1] && vowel(tok[n-1]) && vowel(word[k-1])
	case n == k+1:
		return string(tok[:k]) == word && vowel(tok[n-1]) && !vowel(word[k-1])
	case n+1 == k:
		return string(tok) == word[:n] && vowel(word[k-1])
	}
	return false
}

// byEar reports whether tok is name with a k written ck: cdeck, sulpack.
func byEar(tok []byte, name string) bool {
	i := strings.Index(string(tok), "ck")
	return i >= 0 && string(tok[:i])+string(tok[i+1:]) == name
}

// secondLevel reports whether suffix is a second level under a
// country-code TLD: com.kz, org.ru.
func secondLevel(suffix string) bool {
	i := strings.LastIndexByte(suffix, '.')
	return i >= 0 && len(suffix)-i-1 == 2
}

// ccSibling reports whether w's suffix is a second level under a
// country-code TLD of brand bi's official domains: olx.com.kz for olx.kz.
func (s *Scorer) ccSibling(w *work, bi int32) bool {
	i := strings.LastIndexByte(w.suffix, '.')
	return i >= 0 && slices.Contains(s.cc[bi], w.suffix[i+1:]) && len(w.suffix)-i-1 == 2
}

// methods lists the evidence of m, strongest first.
func (s *Scorer) methods(w *work, m *match) []string {
	ev := s.evidence(w, m)
	inSub := m.lastLabel < w.sld
	out := make([]string, 0, 4)
	switch m.kind {
	case kindHomoglyphU:
		if w.translit {
			out = append(out, MethodTransliteration)
		} else {
			out = append(out, MethodHomoglyph)
			if w.mixed(m) {
				out = append(out, MethodMixedScript)
			}
		}
	case kindHomoglyph:
		if w.translit {
			out = append(out, MethodTransliteration)
		}
		out = append(out, MethodHomoglyph)
	case kindTypo:
		if w.translit {
			out = append(out, MethodTransliteration)
		}
		out = append(out, m.edit)
	case kindExact:
		if w.translit {
			out = append(out, MethodTransliteration)
		}
	}
	if m.join != "" {
		out = append(out, m.join)
	}
	if m.kind == kindExact && !inSub && !ev.words && m.join == "" && !w.translit {
		out = append(out, MethodTLDSwap)
	}
	if ev.lure || ev.soft || ev.own || ev.words && !ev.tld {
		out = append(out, MethodCombosquatting)
	}
	if inSub {
		out = append(out, MethodBrandSubdomain)
	}
	if ev.tld || ev.followTLD {
		out = append(out, MethodTLDInLabel)
	}
	if w.susTLD {
		out = append(out, MethodSuspiciousTLD)
	}
	return out
}
