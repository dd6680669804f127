package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/payments"
)

// TestOutcomeMessagePrefix: on the stream of checks an outcome is told from
// a check record by its first bytes, and reads back whole.
func TestOutcomeMessagePrefix(t *testing.T) {
	rec := &kuzet.CheckRecord{ID: "chk_a_1", OrgID: 1, Outcome: kuzet.OutcomeFraud}
	check, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(check, outcomePrefix) {
		t.Fatalf("a check record reads as an outcome: %s", check)
	}
	out, err := json.Marshal(outcomeMessage{Note: &payments.OutcomeNote{Check: rec, FraudDeviceID: "dev-evil"}})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, outcomePrefix) {
		t.Fatalf("an outcome does not begin with %s: %s", outcomePrefix, out)
	}
	var back outcomeMessage
	if err := json.Unmarshal(out, &back); err != nil || back.Note == nil || back.Note.Check.ID != "chk_a_1" ||
		back.Note.FraudDeviceID != "dev-evil" {
		t.Fatalf("read back: %+v, %v", back.Note, err)
	}
}
