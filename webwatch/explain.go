package webwatch

import (
	"slices"
	"strings"
	"unicode"
)

// explain fills f's Token, Imitates and Explanation from the match m that
// decided it: which part of the name imitates which name of the brand, by
// which method, and what stands beside it. It runs for flagged names
// only, so it may allocate.
func (s *Scorer) explain(w *work, m *match, f *Finding) {
	p := &s.patterns[m.pat]
	b := &s.brands[p.brand]
	f.Token = w.readerText(m)
	f.Imitates = p.text
	var e strings.Builder
	e.WriteString(quote(f.Token))
	e.WriteString(" imitates ")
	switch {
	case p.keyword:
		e.WriteString("the keyword " + quote(p.text))
	default:
		e.WriteString("the official label " + quote(p.text))
	}
	e.WriteString(" of brand " + b.ID)
	switch m.kind {
	case kindExact:
		if w.translit {
			e.WriteString(", spelt in Cyrillic")
		} else if m.join != "" {
			e.WriteString(", cut by " + map[string]string{MethodHyphenation: "hyphens", MethodDotInsertion: "dots"}[m.join])
		} else {
			e.WriteString(", as it is")
		}
	case kindHomoglyph:
		if w.translit {
			e.WriteString(", spelt in Cyrillic")
		} else {
			e.WriteString(", with characters that look alike (0 for o, rn for m)")
		}
	case kindHomoglyphU:
		if w.translit {
			e.WriteString(", spelt in Cyrillic")
		} else {
			e.WriteString(", with letters of another script that look alike")
		}
	case kindTypo:
		if p.strict && inflectsEnd(w.fold[m.lo:m.hi], p.text) {
			e.WriteString(", in another form of the word")
		} else {
			e.WriteString(", by a typo (" + m.edit + ")")
		}
	}
	if p.strict {
		e.WriteString("; the watchlist marks it an ordinary word")
	}
	if m.glued {
		e.WriteString("; glued to a word")
	}
	if m.ending > 0 {
		e.WriteString(", with the case ending " + quote(string(w.fold[m.hi:m.hi+m.ending])))
	}
	if ctx := s.context(w, m); len(ctx) > 0 {
		e.WriteString("; beside " + strings.Join(ctx, ", "))
	}
	switch {
	case m.lastLabel < w.sld:
		e.WriteString("; left of the unrelated domain " + w.registrable())
	case slices.Contains(f.Methods, MethodTLDSwap):
		e.WriteString("; under ." + w.suffix + ", not the brand's own suffix")
	}
	if w.susTLD {
		e.WriteString("; ." + w.suffix + " is a suffix of throw-away registrations")
	}
	f.Explanation = e.String()
}

// context describes the words beside m's token: the letters fused to it
// and the other pieces of the name (fillers like www left out; the
// registrable label of a brand-subdomain name is named apart).
func (s *Scorer) context(w *work, m *match) []string {
	var out []string
	describe := func(p []byte) {
		if len(p) > 0 {
			out = append(out, quote(string(p))+" ("+s.kindOf(p)+")")
		}
	}
	if m.join == "" {
		describe(w.fold[m.plo:m.lo])
		describe(w.fold[m.hi+m.ending : m.phi])
	}
	for li := 0; li < w.nl; li++ {
		sp := w.labels[li]
		lo, hi := int(sp.lo), int(sp.hi)
		if isFiller(w.fold[lo:hi]) || m.lastLabel < w.sld && li == w.sld {
			continue
		}
		start := lo
		for i := lo; i <= hi; i++ {
			if i < hi && w.fold[i] != '-' {
				continue
			}
			if i > start && !(start >= m.plo && i <= m.phi) {
				describe(w.fold[start:i])
			}
			start = i + 1
		}
	}
	return out
}

// kindOf names what a word beside a brand is evidence of.
func (s *Scorer) kindOf(p []byte) string {
	if allDigits(string(p)) {
		return "digits"
	}
	c := s.classOf(p)
	switch {
	case c&classLure != 0:
		return "a lure: money, login, help, prize or delivery"
	case c&classMoney != 0:
		return "a word of money"
	case c&classSoft != 0:
		return "a word of service"
	case c&classTLD != 0:
		return "a domain suffix"
	case c&classNeutral != 0:
		return "an ordinary word"
	}
	return "a word in no list"
}

// registrable returns the registrable domain of w's name, as read.
func (w *work) registrable() string {
	sp := w.labels[w.sld]
	return string(w.fold[sp.lo:sp.hi]) + "." + w.suffix
}

// readerText returns m's token as the reader sees it: the Unicode letters
// it was folded from, with the hyphens and dots inside it. A
// transliterated name gives its whole labels.
func (w *work) readerText(m *match) string {
	rest := w.uni
	for k := strings.Count(w.suffix, ".") + 1; k > 0; k-- {
		rest = rest[:strings.LastIndexByte(rest, '.')]
	}
	if w.translit {
		labels := strings.Split(rest, ".")
		if m.lastLabel < len(labels) {
			return strings.Join(labels[m.label:m.lastLabel+1], ".")
		}
		return rest
	}
	var b strings.Builder
	n := 0
	for _, r := range rest {
		switch {
		case r == '.':
			if n > m.lo && n < m.hi {
				b.WriteRune(r)
			}
			continue
		case unicode.Is(unicode.Mn, r):
			if n > m.lo && n <= m.hi {
				b.WriteRune(r)
			}
			continue
		}
		if n >= m.lo && n < m.hi {
			b.WriteRune(r)
		}
		n++
	}
	return b.String()
}

// quote puts a name between quotation marks, for explanations.
func quote(s string) string { return `"` + s + `"` }
