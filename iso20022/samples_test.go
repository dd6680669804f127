package iso20022_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/iso20022"
)

// samplesDir holds pacs.008 messages published by others (CBPR+, HVPS+,
// Fedwire, FedNow, RTP, SIPS, SEPA, ISO's own example); see SOURCES.txt
// there. They are read from the shared data, never copied here.
const samplesDir = "../../shared/data/pacs008-samples"

// samples returns the published messages by file name; it skips the test
// when they are absent.
func samples(t *testing.T) map[string][]byte {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(samplesDir, "*.xml"))
	if len(files) == 0 {
		t.Skipf("no published pacs.008 samples in %s", samplesDir)
	}
	out := make(map[string][]byte, len(files))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = b
	}
	return out
}

// TestPublishedSamples: every published message is found in its wrapper
// and read — whatever its payment is worth, which is for the engine to
// judge — each transaction mapped with the amount and references it has,
// and answered with a status report that reads back.
func TestPublishedSamples(t *testing.T) {
	var txs, headers, bare int
	for name, doc := range samples(t) {
		m, err := iso20022.Read(doc)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if m.Header != nil {
			headers++
		}
		if !strings.HasPrefix(m.Root, "Document/") {
			bare++
		}
		var st []iso20022.TxStatus
		for i, c := range m.Checks() {
			txs++
			if strings.HasPrefix(name, "S18") {
				// Its debtor's address has a TwnNm after an AdrLine, which
				// no version's schema allows.
				if f := kuzet.ErrorFields(c.Err); len(f) != 1 || !strings.HasSuffix(f[0].Field, "/Dbtr/PstlAdr/TwnNm") {
					t.Errorf("%s: got %v, want the address's order refused", name, c.Err)
				}
				c.Err = nil
			}
			if c.Err != nil || c.PaymentID == "" || c.Amount <= 0 || c.Currency == "" || c.CreatedAt.IsZero() {
				t.Errorf("%s: transaction %d: got %+v, error %v", name, i+1, c.PaymentCheck, c.Err)
			}
			st = append(st, iso20022.TxStatus{StatusID: "chk", Status: iso20022.Accepted})
		}
		b, err := iso20022.WriteStatusReport(m, &iso20022.StatusReport{MsgID: "rpt", CreatedAt: reportAt, Statuses: st})
		if err != nil {
			t.Errorf("%s: status report: %v", name, err)
			continue
		}
		r, err := iso20022.Read(b)
		if err == nil || !strings.Contains(err.Error(), "pacs.002") {
			t.Errorf("%s: the status report read back as %v, want it recognised as a pacs.002", name, r)
		}
	}
	t.Logf("%d messages, %d transactions; %d with a business application header, %d without a Document element",
		len(samples(t)), txs, headers, bare)
}
