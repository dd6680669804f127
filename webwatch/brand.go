package webwatch

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/kuzet/kuzet"
	"golang.org/x/net/publicsuffix"
)

// Brand is one protected brand of the watchlist (docs/webwatch.md).
type Brand struct {
	// ID is lower-case ASCII letters, digits and '-': "kaspi", "home-credit".
	ID string `json:"id"`
	// Domains are the brand's official domains in ASCII form. They and all
	// their subdomains are the brand's own and never findings.
	Domains []string `json:"domains"`
	// Keywords are extra names look-alikes imitate, beyond the official
	// domains' labels: "halyk" for halykbank.kz.
	Keywords []string `json:"keywords,omitempty"`
	// Partners are the domains of the brand's legitimate partners and
	// subsidiaries (halyklife.kz for halyk): never findings, though they
	// carry the brand's name, and never imitated.
	Partners []string `json:"partners,omitempty"`
	// Benign are names that hold or resemble the brand's name by accident:
	// words ("kaspiy", the Caspian, for kaspi) that a token is read as
	// instead of the brand or its typo, and domains of others ("forte.kz"
	// of a music school) that are never findings.
	Benign []string `json:"benign,omitempty"`
	// Strict lists the brand's names that are ordinary words (forte,
	// freedom, post): such a name counts only where something ties it to
	// the brand, not beside ordinary words nor as a typo alone.
	Strict []string `json:"strict,omitempty"`
}

// Limits of a watchlist, so that one bad upload cannot make the scorer's
// indexes unbounded.
const (
	maxBrands       = 10_000
	maxBrandDomains = 100
	maxKeywords     = 100
	maxPartners     = 1000
	maxBenign       = 1000
	maxIDLen        = 63
	maxLineLen      = 64 << 10
)

// Validate checks b and normalizes it in place: domains to lower-case ASCII
// (punycode) without duplicates, keywords to lower case without hyphens.
// Returns EINVALID naming the failing field ("id", "domains[1]",
// "keywords[0]").
func (b *Brand) Validate() error {
	if err := validID(b.ID); err != nil {
		return err
	}
	if len(b.Domains) == 0 {
		return kuzet.Invalid("domains", "brand %q has no official domain", b.ID)
	}
	if len(b.Domains) > maxBrandDomains {
		return kuzet.Invalid("domains", "more than %d domains", maxBrandDomains)
	}
	seen := map[string]bool{}
	domains := make([]string, 0, len(b.Domains))
	for i, d := range b.Domains {
		n, err := ParseName(d)
		if err != nil {
			return kuzet.Invalid(fmt.Sprintf("domains[%d]", i), "%q: %s", d, kuzet.ErrorMessage(err))
		}
		if n.Registrable == "" && !strings.Contains(n.ASCII, ".") {
			return kuzet.Invalid(fmt.Sprintf("domains[%d]", i), "%q is a top-level domain, not a domain", d)
		}
		if !seen[n.ASCII] {
			seen[n.ASCII] = true
			domains = append(domains, n.ASCII)
		}
	}
	if len(b.Keywords) > maxKeywords {
		return kuzet.Invalid("keywords", "more than %d keywords", maxKeywords)
	}
	keywords := make([]string, 0, len(b.Keywords))
	for i, k := range b.Keywords {
		// Two letters are a keyword (wb for Wildberries): matched as they
		// are, never as a typo, and weak alone.
		if k = normalWord(k); len(k) < 2 || len(k) > maxLabelLen || !isLDH(k) {
			return kuzet.Invalid(fmt.Sprintf("keywords[%d]", i), "keyword %q must be 2 to 63 ASCII letters or digits", b.Keywords[i])
		}
		if !seen[k] {
			seen[k] = true
			keywords = append(keywords, k)
		}
	}
	partners, err := validDomains(b.Partners, "partners", maxPartners)
	if err != nil {
		return err
	}
	if len(b.Benign) > maxBenign {
		return kuzet.Invalid("benign", "more than %d names", maxBenign)
	}
	var benign []string
	dup := map[string]bool{}
	for i, n := range b.Benign {
		if strings.Contains(n, ".") {
			d, err := ParseName(n)
			if err != nil {
				return kuzet.Invalid(fmt.Sprintf("benign[%d]", i), "%q: %s", n, kuzet.ErrorMessage(err))
			}
			n = d.ASCII
		} else if n = normalWord(n); !validWord(n) {
			return kuzet.Invalid(fmt.Sprintf("benign[%d]", i), "name %q must be a domain or 3 to 63 ASCII letters or digits", b.Benign[i])
		}
		if !dup[n] {
			dup[n] = true
			benign = append(benign, n)
		}
	}
	// A strict name must be one the brand is imitated by: one of its names,
	// or a part of one beside a dictionary word (arystan of flyarystan, but
	// not fort of forte), which then becomes a keyword too.
	names := map[string]bool{strings.ReplaceAll(b.ID, "-", ""): true}
	for _, d := range domains {
		names[officialLabel(d)] = true
	}
	for _, k := range keywords {
		names[k] = true
	}
	partOf := func(w string) bool {
		for n := range names {
			if rest, ok := strings.CutPrefix(n, w); ok && dictionaryWord(rest) {
				return true
			}
			if rest, ok := strings.CutSuffix(n, w); ok && dictionaryWord(rest) {
				return true
			}
		}
		return false
	}
	var strict []string
	clear(dup)
	for i, n := range b.Strict {
		if n = normalWord(n); !names[n] {
			if !validWord(n) || !partOf(n) {
				return kuzet.Invalid(fmt.Sprintf("strict[%d]", i), "%q is not a name of brand %q (its id, an official label or a keyword, or a part of one)", b.Strict[i], b.ID)
			}
			if len(keywords) >= maxKeywords {
				return kuzet.Invalid("keywords", "more than %d", maxKeywords)
			}
			names[n] = true
			keywords = append(keywords, n)
		}
		if !dup[n] {
			dup[n] = true
			strict = append(strict, n)
		}
	}
	b.Domains, b.Keywords, b.Partners, b.Benign, b.Strict = domains, keywords, partners, benign, strict
	return nil
}

// dictionaryWord reports whether w is a word of any of the scorer's lists:
// the rest of a brand's name beside a strict part of it (the fly of
// flyarystan, the bank of halykbank) must be one.
func dictionaryWord(w string) bool {
	return commonWords[w] || lexiconWords[w] || moreWords[w] || regionWords[w] || lureWords[w] || regionLures[w] || functionWords[w]
}

// normalWord is the form names are compared in: lower case, hyphens
// dropped ("Halyk-Bank" is halykbank).
func normalWord(w string) string { return strings.ReplaceAll(strings.ToLower(w), "-", "") }

// validWord reports whether w, normalized, can be a keyword.
func validWord(w string) bool { return len(w) >= 3 && len(w) <= maxLabelLen && isLDH(w) }

// validDomains normalizes a list of registrable domains (or their
// subdomains) to ASCII without duplicates. Returns EINVALID naming
// field[i].
func validDomains(list []string, field string, limit int) ([]string, error) {
	if len(list) > limit {
		return nil, kuzet.Invalid(field, "more than %d domains", limit)
	}
	var out []string
	seen := map[string]bool{}
	for i, d := range list {
		n, err := ParseName(d)
		if err != nil {
			return nil, kuzet.Invalid(fmt.Sprintf("%s[%d]", field, i), "%q: %s", d, kuzet.ErrorMessage(err))
		}
		if n.Registrable == "" && !strings.Contains(n.ASCII, ".") {
			return nil, kuzet.Invalid(fmt.Sprintf("%s[%d]", field, i), "%q is a top-level domain, not a domain", d)
		}
		if !seen[n.ASCII] {
			seen[n.ASCII] = true
			out = append(out, n.ASCII)
		}
	}
	return out, nil
}

// officialLabel returns the distinctive label of an official domain, as
// the scorer matches it: the label left of the public suffix, folded.
func officialLabel(d string) string {
	suffix, _ := publicsuffix.PublicSuffix(d)
	rest := strings.TrimSuffix(d[:len(d)-len(suffix)], ".")
	return foldLabel(rest[strings.LastIndexByte(rest, '.')+1:])
}

func validID(id string) error {
	if id == "" || len(id) > maxIDLen || !isLDH(id) || id[0] == '-' || id[len(id)-1] == '-' {
		return kuzet.Invalid("id", "brand id %q must be lower-case ASCII letters, digits and inner hyphens, at most %d", clip(id), maxIDLen)
	}
	return nil
}

// isLDH reports whether s is lower-case ASCII letters, digits and hyphens.
func isLDH(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// ParseBrands reads a watchlist in the format of docs/webwatch.md: one
// brand a line, its id, its official domains, and optionally sections
// after '|': the keywords, and directives that start with their name and
// a colon ("partners: halyklife.kz", "benign: kaspiy", "strict: forte");
// '#' starts a comment. Returns EINVALID with the field "line N" (and the
// brand's field after it) for a malformed line, an unknown or repeated
// directive, a duplicate brand id, or an official domain claimed by two
// brands.
func ParseBrands(r io.Reader) ([]Brand, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLineLen)
	var brands []Brand
	ids := map[string]int{}
	owner := map[string]string{}
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
		}
		at := fmt.Sprintf("line %d", line)
		sections := strings.Split(text, "|")
		fields := strings.Fields(sections[0])
		if len(fields) == 0 {
			if len(sections) > 1 {
				return nil, kuzet.Invalid(at, "keywords without a brand")
			}
			continue
		}
		b := Brand{ID: fields[0], Domains: fields[1:]}
		if err := parseSections(&b, sections[1:]); err != nil {
			return nil, kuzet.WithField(err, at)
		}
		if err := b.Validate(); err != nil {
			return nil, kuzet.WithField(err, at)
		}
		if prev, dup := ids[b.ID]; dup {
			return nil, kuzet.Invalid(at, "brand %q already defined on line %d", b.ID, prev)
		}
		ids[b.ID] = line
		for _, d := range b.Domains {
			if o, dup := owner[d]; dup {
				return nil, kuzet.Invalid(at, "domain %q already belongs to brand %q", d, o)
			}
			owner[d] = b.ID
		}
		if len(brands) == maxBrands {
			return nil, kuzet.Invalid(at, "more than %d brands", maxBrands)
		}
		brands = append(brands, b)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, kuzet.Invalid("brands", "a line is longer than %d bytes", maxLineLen)
		}
		return nil, fmt.Errorf("read brands: %w", err)
	}
	return brands, nil
}

// The directives of a watchlist line, after the keywords.
const (
	directivePartners = "partners:"
	directiveBenign   = "benign:"
	directiveStrict   = "strict:"
)

// parseSections reads the sections of a line after its first '|' into b:
// one list of keywords, and each directive at most once. The keywords
// cannot be mistaken for a directive: a keyword has no colon.
func parseSections(b *Brand, sections []string) error {
	keywords := false
	seen := map[string]bool{}
	for _, sec := range sections {
		fields := strings.Fields(sec)
		if len(fields) == 0 {
			return kuzet.Invalid("", "'|' with no keyword or directive after it")
		}
		name := fields[0]
		if !strings.HasSuffix(name, ":") {
			if keywords {
				return kuzet.Invalid("", "a second list of keywords; directives start with their name and a colon")
			}
			keywords = true
			b.Keywords = fields
			continue
		}
		if seen[name] {
			return kuzet.Invalid("", "directive %q given twice", name)
		}
		seen[name] = true
		if len(fields) == 1 {
			return kuzet.Invalid("", "directive %q with nothing after it", name)
		}
		switch name {
		case directivePartners:
			b.Partners = fields[1:]
		case directiveBenign:
			b.Benign = fields[1:]
		case directiveStrict:
			b.Strict = fields[1:]
		default:
			return kuzet.Invalid("", "unknown directive %q (partners:, benign:, strict:)", clip(name))
		}
	}
	return nil
}

// WriteBrands writes brands in the watchlist format, one a line, so that a
// list edited through the API can be exported and read back.
func WriteBrands(w io.Writer, brands []Brand) error {
	bw := bufio.NewWriter(w)
	section := func(name string, list []string) {
		if len(list) == 0 {
			return
		}
		bw.WriteString(" |")
		if name != "" {
			bw.WriteString(" " + name)
		}
		for _, x := range list {
			bw.WriteString(" " + x)
		}
	}
	for _, b := range brands {
		bw.WriteString(b.ID)
		for _, d := range b.Domains {
			bw.WriteString(" " + d)
		}
		section("", b.Keywords)
		section(directivePartners, b.Partners)
		section(directiveBenign, b.Benign)
		section(directiveStrict, b.Strict)
		bw.WriteString("\n")
	}
	return bw.Flush()
}
