package iso20022_test

import (
	"testing"

	"github.com/kuzet/kuzet/iso20022"
)

// BenchmarkRead reads a one-transaction pacs.008 in a SWIFT Envelope with
// its header and maps it to a check, as every ISO 20022 check does.
func BenchmarkRead(b *testing.B) {
	doc := []byte(`<Envelope xmlns="urn:swift:xsd:envelope">` + appHdr(2) + document(ns08, txn("E2E-1", "1500.00", ibanA)) + `</Envelope>`)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		m, err := iso20022.Read(doc)
		if err != nil {
			b.Fatal(err)
		}
		if c := m.Checks(); c[0].Err != nil {
			b.Fatal(c[0].Err)
		}
	}
}
