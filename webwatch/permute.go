package webwatch

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Permutation is one candidate look-alike of a domain, for proactive
// watching: registering or resolving these names is what a squatter would
// do.
type Permutation struct {
	// Fuzzer names the trick, as dnstwist names its fuzzers where it has
	// one: addition, bitsquatting, cyrillic, dictionary, homoglyph,
	// hyphenation, insertion, omission, plural, repetition, replacement,
	// subdomain, transposition, vowel-swap, tld-swap, various; and
	// mixed-script (one or two Cyrillic or Kazakh letters in the Latin
	// name) and tld-in-label.
	Fuzzer string `json:"fuzzer"`
	// Domain is the ASCII form (punycode).
	Domain string `json:"domain"`
	// Unicode is the form a reader sees.
	Unicode string `json:"unicode"`
}

// Fuzzers lists the fuzzers in the order Permutations reports them.
// The most specific come first, since a name two fuzzers make is reported
// for the first: kaaspi is a repetition before it is an insertion.
var Fuzzers = []string{
	"cyrillic", "mixed-script", "homoglyph", "bitsquatting", "omission", "repetition", "transposition",
	"vowel-swap", "replacement", "insertion", "plural", "addition", "hyphenation", "subdomain",
	"dictionary", "tld-swap", "tld-in-label", "various",
}

// permuteTLDs are the suffixes a brand is tried under: the common ones, the
// region's, and those of throw-away registrations.
var permuteTLDs = strings.Fields(`com net org info biz kz com.kz org.kz net.kz kz.com ru su uz kg by ua
	io co me app dev online site top xyz icu club shop store live pro cc tk ml ga cf gq ws vip win
	work fun space website tech host cloud link click buzz rest bar sbs cfd cyou monster lol`)

// lookalikeGlyphs maps an ASCII letter to the other letters and strings it
// is mistaken for: the reverse of the scorer's fold and skeleton tables, so
// that every homoglyph the scorer knows is also enumerated. Cyrillic and
// Kazakh letters are kept apart, for the mixed-script fuzzer.
var lookalikeGlyphs, cyrillicGlyphs = func() (glyphs, cyr map[byte][]string) {
	glyphs, cyr = map[byte][]string{}, map[byte][]string{}
	add := func(m map[byte][]string, c byte, g string) {
		for _, x := range m[c] {
			if x == g {
				return
			}
		}
		m[c] = append(m[c], g)
	}
	var runes []rune
	for r := range confusables {
		runes = append(runes, r)
	}
	for r := rune(0xe0); r <= 0x17f; r++ {
		runes = append(runes, r)
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	for _, r := range runes {
		c, _ := foldRune(r)
		if c < 'a' || c > 'z' || r == 'ß' {
			continue
		}
		if r >= 0x400 && r <= 0x52f {
			add(cyr, c, string(r))
		} else {
			add(glyphs, c, string(r))
		}
	}
	for from, to := range map[byte][]string{
		'o': {"0"}, 'l': {"1", "i"}, 'i': {"1", "l"}, 'e': {"3"}, 'a': {"4"}, 's': {"5"}, 't': {"7"},
		'b': {"8"}, 'g': {"9", "q"}, 'q': {"g"}, 'm': {"rn", "nn"}, 'w': {"vv"}, 'd': {"cl"},
	} {
		for _, g := range to {
			add(glyphs, from, g)
		}
	}
	return glyphs, cyr
}()

// Permute returns the look-alike candidates of domain in ASCII form, one
// per distinct name, without the domain itself: every dnstwist fuzzer,
// mixed-script Cyrillic and Kazakh homoglyphs, and the combosquatting
// dictionaries. It returns nil for a name that is not a valid domain.
func Permute(domain string) []string {
	ps, err := Permutations(domain)
	if err != nil {
		return nil
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Domain
	}
	return out
}

// Permutations returns the look-alike candidates of domain with the fuzzer
// that made each, grouped in the order of Fuzzers and sorted within a
// group. A name two fuzzers make is reported once, for the first. Only
// valid names are returned. The registrable label is what varies; a
// subdomain in front is kept ("online.kaspi.kz" gives "online.kaspl.kz").
// Returns EINVALID if domain is not a valid name or is a public suffix.
func Permutations(domain string) ([]Permutation, error) {
	n, err := ParseName(domain)
	if err != nil {
		return nil, err
	}
	if n.Registrable == "" {
		return nil, invalidName("%q is a public suffix", domain)
	}
	// The Unicode label and what surrounds it.
	uni := n.Unicode
	suffixLabels := strings.Count(n.Suffix, ".") + 1
	labels := strings.Split(uni, ".")
	k := len(labels) - suffixLabels - 1
	prefix := strings.Join(labels[:k], ".")
	if prefix != "" {
		prefix += "."
	}
	label := labels[k]
	suffix := n.Suffix
	uniSuffix := strings.Join(labels[k+1:], ".")

	g := &permuter{seen: map[string]bool{n.ASCII: true}}
	emit := func(fuzzer, l string) { g.add(fuzzer, prefix+l+"."+uniSuffix) }
	r := []rune(label)
	ascii := func(c rune) bool { return c < utf8.RuneSelf }
	str := func(rs ...[]rune) string {
		var b strings.Builder
		for _, x := range rs {
			b.WriteString(string(x))
		}
		return b.String()
	}
	for _, f := range Fuzzers {
		switch f {
		case "addition":
			for _, c := range "abcdefghijklmnopqrstuvwxyz0123456789" {
				emit(f, label+string(c))
				emit(f, string(c)+label)
			}
		case "bitsquatting":
			for i, c := range r {
				if !ascii(c) {
					continue
				}
				for bit := 0; bit < 8; bit++ {
					b := rune(byte(c) ^ 1<<bit)
					if 'a' <= b && b <= 'z' || '0' <= b && b <= '9' || b == '-' {
						emit(f, str(r[:i], []rune{b}, r[i+1:]))
					}
				}
			}
		case "cyrillic":
			// The whole name in Cyrillic, when every letter has a twin.
			var b strings.Builder
			all := true
			for _, c := range r {
				if tw := cyrillicGlyphs[byte(c)]; ascii(c) && len(tw) > 0 {
					b.WriteString(tw[0])
				} else if c >= 'a' && c <= 'z' {
					all = false
				} else {
					b.WriteRune(c)
				}
			}
			if all {
				emit(f, b.String())
			}
		case "dictionary":
			for _, w := range dictionary() {
				emit(f, label+"-"+w)
				emit(f, label+w)
				emit(f, w+"-"+label)
				emit(f, w+label)
			}
		case "homoglyph", "mixed-script":
			table := lookalikeGlyphs
			if f == "mixed-script" {
				table = cyrillicGlyphs
			}
			for i, c := range r {
				if !ascii(c) {
					continue
				}
				for _, gl := range table[byte(c)] {
					one := str(r[:i], []rune(gl), r[i+1:])
					emit(f, one)
					// And a second letter after it.
					rest := []rune(one)
					off := i + utf8.RuneCountInString(gl)
					for j := off; j < len(rest); j++ {
						if !ascii(rest[j]) {
							continue
						}
						for _, g2 := range table[byte(rest[j])] {
							emit(f, str(rest[:j], []rune(g2), rest[j+1:]))
						}
					}
				}
			}
		case "hyphenation":
			for i := 1; i < len(r); i++ {
				emit(f, str(r[:i], []rune{'-'}, r[i:]))
			}
		case "insertion":
			for i, c := range r {
				if !ascii(c) {
					continue
				}
				for _, k := range keyboard[byte(c)] {
					emit(f, str(r[:i], []rune{k}, r[i:]))
					emit(f, str(r[:i+1], []rune{k}, r[i+1:]))
				}
			}
		case "omission":
			for i := range r {
				emit(f, str(r[:i], r[i+1:]))
			}
		case "plural":
			emit(f, label+"s")
			if strings.HasSuffix(label, "s") || strings.HasSuffix(label, "x") || strings.HasSuffix(label, "z") ||
				strings.HasSuffix(label, "ch") || strings.HasSuffix(label, "sh") {
				emit(f, label+"es")
			}
		case "repetition":
			for i, c := range r {
				emit(f, str(r[:i], []rune{c}, r[i:]))
			}
		case "replacement":
			for i, c := range r {
				if !ascii(c) {
					continue
				}
				for _, k := range keyboard[byte(c)] {
					emit(f, str(r[:i], []rune{k}, r[i+1:]))
				}
			}
		case "subdomain":
			for i := 1; i < len(r); i++ {
				if r[i] != '-' && r[i-1] != '-' {
					emit(f, str(r[:i], []rune{'.'}, r[i:]))
				}
			}
		case "transposition":
			for i := 0; i+1 < len(r); i++ {
				if r[i] != r[i+1] {
					emit(f, str(r[:i], []rune{r[i+1], r[i]}, r[i+2:]))
				}
			}
		case "vowel-swap":
			for i, c := range r {
				if !strings.ContainsRune("aeiouy", c) {
					continue
				}
				for _, v := range "aeiouy" {
					if v != c {
						emit(f, str(r[:i], []rune{v}, r[i+1:]))
					}
				}
			}
		case "tld-swap":
			for _, t := range permuteTLDs {
				if t != suffix {
					g.add(f, prefix+label+"."+t)
				}
			}
		case "tld-in-label":
			tld := strings.ReplaceAll(suffix, ".", "")
			for _, t := range []string{"com", "net", "org", "top", "online", "site", "xyz", "info"} {
				g.add(f, prefix+label+"."+suffix+"."+t)
				g.add(f, prefix+label+"-"+tld+"."+t)
				g.add(f, prefix+label+tld+"."+t)
			}
			g.add(f, prefix+label+"-"+tld+"."+uniSuffix)
		case "various":
			tld := strings.ReplaceAll(suffix, ".", "")
			g.add(f, prefix+label+tld+"."+uniSuffix)
			if i := strings.LastIndexByte(suffix, '.'); i >= 0 {
				g.add(f, prefix+label+"."+suffix[i+1:])
			}
			if k > 0 {
				sub := strings.Join(labels[:k], ".")
				g.add(f, strings.ReplaceAll(sub, ".", "")+label+"."+uniSuffix)
				g.add(f, strings.ReplaceAll(sub, ".", "-")+"-"+label+"."+uniSuffix)
			}
		}
	}
	g.sortGroup()
	return g.out, nil
}

// dictionary is the combosquatting word list: the scorer's lures and the
// words phishing shares with business, sorted for a stable output.
func dictionary() []string {
	var out []string
	for w := range lureWords {
		out = append(out, w)
	}
	for w := range softLures {
		if !lureWords[w] {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

// permuter collects valid, distinct permutations.
type permuter struct {
	seen  map[string]bool
	out   []Permutation
	group int // where the current fuzzer's names start in out
	last  string
}

func (g *permuter) add(fuzzer, name string) {
	if fuzzer != g.last {
		g.sortGroup()
		g.last, g.group = fuzzer, len(g.out)
	}
	ascii, uni, err := parseName(name)
	if err != nil || g.seen[ascii] {
		return
	}
	g.seen[ascii] = true
	g.out = append(g.out, Permutation{Fuzzer: fuzzer, Domain: ascii, Unicode: uni})
}

// sortGroup sorts the names of the fuzzer just finished.
func (g *permuter) sortGroup() {
	grp := g.out[g.group:]
	sort.Slice(grp, func(i, j int) bool { return grp[i].Domain < grp[j].Domain })
}
