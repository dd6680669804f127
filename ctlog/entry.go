package ctlog

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	ct "github.com/google/certificate-transparency-go"
	ctx509 "github.com/google/certificate-transparency-go/x509"
	"github.com/kuzet/kuzet"
)

// MaxEntryNames bounds the names taken from one log entry. Certificates
// rarely list more than a hundred; a log entry with thousands is junk, and
// a batch must stay within what one submission may carry.
const MaxEntryNames = 1000

// Name is a DNS name a log entry's certificate was issued for.
type Name struct {
	// Domain is the name in lower case, without a wildcard's "*." or a
	// trailing dot. It is not otherwise checked: the scorer judges it.
	Domain string
	// Certificate describes the certificate; names of one entry share it.
	Certificate *kuzet.WebCertificate
}

// ParseEntry returns the names of one get-entries entry (RFC 6962 section
// 4.6): the subject's common name, where it looks like a host name, and
// the DNS subject alternative names of an X.509 entry or of a
// pre-certificate's TBSCertificate. logURL and index are recorded in the
// certificate details. Returns an error for an entry that cannot be
// decoded; a certificate with only non-fatal defects is read.
func ParseEntry(logURL string, index int64, leafInput, extraData []byte) ([]Name, error) {
	rle, err := ct.RawLogEntryFromLeaf(index, &ct.LeafEntry{LeafInput: leafInput, ExtraData: extraData})
	if err != nil {
		return nil, fmt.Errorf("entry %d: %w", index, err)
	}
	entry, err := rle.ToLogEntry()
	if entry == nil {
		return nil, fmt.Errorf("entry %d: %w", index, err)
	}
	var cert *ctx509.Certificate
	var raw []byte
	precert := false
	switch {
	case entry.X509Cert != nil:
		cert, raw = entry.X509Cert, rle.Cert.Data
	case entry.Precert != nil && entry.Precert.TBSCertificate != nil:
		cert, raw, precert = entry.Precert.TBSCertificate, entry.Precert.Submitted.Data, true
	default:
		return nil, fmt.Errorf("entry %d: no certificate", index)
	}

	var names []string
	seen := map[string]bool{}
	add := func(s string) {
		if n, ok := hostName(s); ok && !seen[n] && len(names) < MaxEntryNames {
			seen[n] = true
			names = append(names, n)
		}
	}
	add(cert.Subject.CommonName)
	for _, d := range cert.DNSNames {
		add(d)
	}
	if len(names) == 0 {
		return nil, nil
	}
	sum := sha256.Sum256(raw)
	wc := &kuzet.WebCertificate{
		Issuer:    cert.Issuer.String(),
		Subject:   cert.Subject.CommonName,
		NotBefore: cert.NotBefore.UTC(),
		NotAfter:  cert.NotAfter.UTC(),
		SANs:      clip(cert.DNSNames, kuzet.MaxCertificateSANs),
		SANCount:  len(cert.DNSNames),
		Precert:   precert,
		SHA256:    hex.EncodeToString(sum[:]),
		Log:       logURL,
		LogIndex:  index,
		LoggedAt:  ct.TimestampToTime(rle.Leaf.TimestampedEntry.Timestamp).UTC(),
	}
	if cert.SerialNumber != nil {
		wc.Serial = cert.SerialNumber.Text(16)
	}
	out := make([]Name, len(names))
	for i, n := range names {
		out[i] = Name{Domain: n, Certificate: wc}
	}
	return out, nil
}

// hostName returns s as a host name to score, or false when s cannot be
// one: a common name such as "Acme Ltd" or an e-mail address.
func hostName(s string) (string, bool) {
	s = strings.TrimSuffix(strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), "*."), ".")
	if s == "" || len(s) > 253 || !strings.Contains(s, ".") || strings.ContainsAny(s, " /@:") {
		return "", false
	}
	for _, r := range s {
		if r < 0x21 || r == 0x7f {
			return "", false
		}
	}
	return s, true
}

func clip(ss []string, n int) []string {
	if len(ss) > n {
		ss = ss[:n]
	}
	return append([]string(nil), ss...)
}
