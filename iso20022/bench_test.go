package iso20022_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/kuzet/kuzet"
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

// BenchmarkReadVsJSON reads the same payment in turn as that message and
// as a JSON check, timing each: on a shared machine whose load drifts,
// the ratio of the two (xml/json) holds where either figure alone does not.
func BenchmarkReadVsJSON(b *testing.B) {
	doc := []byte(`<Envelope xmlns="urn:swift:xsd:envelope">` + appHdr(2) + document(ns08, txn("E2E-1", "1500.00", ibanA)) + `</Envelope>`)
	m, err := iso20022.Read(doc)
	if err != nil {
		b.Fatal(err)
	}
	body, err := json.Marshal(m.Checks()[0].PaymentCheck)
	if err != nil {
		b.Fatal(err)
	}
	var inXML, inJSON time.Duration
	for b.Loop() {
		t0 := time.Now()
		m, err := iso20022.Read(doc)
		if err != nil || m.Checks()[0].Err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		var pc kuzet.PaymentCheck
		if err := json.Unmarshal(body, &pc); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		inXML, inJSON = inXML+t1.Sub(t0), inJSON+t2.Sub(t1)
	}
	b.ReportMetric(float64(inXML.Nanoseconds())/float64(b.N), "ns/xml")
	b.ReportMetric(float64(inJSON.Nanoseconds())/float64(b.N), "ns/json")
	b.ReportMetric(float64(inXML)/float64(inJSON), "xml/json")
}
