package webwatch

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/kuzet/kuzet"
)

// Brand is one protected brand of the watchlist (formats/brands.md).
type Brand struct {
	// ID is lower-case ASCII letters, digits and '-': "kaspi", "home-credit".
	ID string `json:"id"`
	// Domains are the brand's official domains in ASCII form. They and all
	// their subdomains are the brand's own and never findings.
	Domains []string `json:"domains"`
	// Keywords are extra names look-alikes imitate, beyond the official
	// domains' labels: "halyk" for halykbank.kz.
	Keywords []string `json:"keywords,omitempty"`
}

// Limits of a watchlist, so that one bad upload cannot make the scorer's
// indexes unbounded.
const (
	maxBrands       = 10_000
	maxBrandDomains = 100
	maxKeywords     = 100
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
		if n.Registrable == "" {
			return kuzet.Invalid(fmt.Sprintf("domains[%d]", i), "%q is a public suffix, not a domain", d)
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
		k = strings.ReplaceAll(strings.ToLower(k), "-", "")
		if len(k) < 3 || len(k) > maxLabelLen || !isLDH(k) {
			return kuzet.Invalid(fmt.Sprintf("keywords[%d]", i), "keyword %q must be 3 to 63 ASCII letters or digits", b.Keywords[i])
		}
		if !seen[k] {
			seen[k] = true
			keywords = append(keywords, k)
		}
	}
	b.Domains, b.Keywords = domains, keywords
	return nil
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

// ParseBrands reads a watchlist in the format of formats/brands.md: one
// brand a line, its id, its official domains, and optionally '|' and
// keywords; '#' starts a comment. Returns EINVALID with the field
// "line N" (and the brand's field after it) for a malformed line, a
// duplicate brand id, or an official domain claimed by two brands.
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
		head, tail, hasBar := strings.Cut(text, "|")
		fields := strings.Fields(head)
		if len(fields) == 0 {
			if hasBar || strings.TrimSpace(tail) != "" {
				return nil, kuzet.Invalid(at, "keywords without a brand")
			}
			continue
		}
		b := Brand{ID: fields[0], Domains: fields[1:], Keywords: strings.Fields(tail)}
		if hasBar && len(b.Keywords) == 0 {
			return nil, kuzet.Invalid(at, "'|' with no keyword after it")
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

// WriteBrands writes brands in the watchlist format, one a line, so that a
// list edited through the API can be exported and read back.
func WriteBrands(w io.Writer, brands []Brand) error {
	bw := bufio.NewWriter(w)
	for _, b := range brands {
		bw.WriteString(b.ID)
		for _, d := range b.Domains {
			bw.WriteString(" " + d)
		}
		if len(b.Keywords) > 0 {
			bw.WriteString(" |")
			for _, k := range b.Keywords {
				bw.WriteString(" " + k)
			}
		}
		bw.WriteString("\n")
	}
	return bw.Flush()
}
