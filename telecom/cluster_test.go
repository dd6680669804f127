package telecom_test

import (
	"testing"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/telecom"
)

// TestNotesReplicate: a call from abroad verified on one engine notes the
// callee; the note, applied to a second engine, gives it the same signal,
// and the pair it carries makes the caller's next call there not a first.
func TestNotesReplicate(t *testing.T) {
	a, clock := MustEngine(t, telecom.Config{})
	b, _ := MustEngine(t, telecom.Config{Clock: clock.Now})
	var notes []telecom.SignalNote
	a.Notes.Subscribe(func(n telecom.SignalNote) { notes = append(notes, n) })
	const caller, callee = "+447700900555", "+77011000003"
	mustVerify(t, a, verifyCall(clock, caller, callee, kuzet.IngressInternational))
	if len(notes) != 1 || !notes[0].Foreign || !notes[0].First || notes[0].Pair == 0 {
		t.Fatalf("notes %+v, want one foreign first-time note with its pair", notes)
	}
	before, _ := b.Signal(callee, clock.Now())
	if before.Active {
		t.Fatal("b has the signal before the note")
	}
	if err := b.ApplyNote(notes[0]); err != nil {
		t.Fatal(err)
	}
	sa, _ := a.Signal(callee, clock.Now())
	sb, _ := b.Signal(callee, clock.Now())
	if sa != sb || !sb.Foreign {
		t.Fatalf("signals differ: a %+v, b %+v", sa, sb)
	}
	// The caller's second call, verified on b, is not first-time there.
	var bNotes []telecom.SignalNote
	b.Notes.Subscribe(func(n telecom.SignalNote) { bNotes = append(bNotes, n) })
	mustVerify(t, b, verifyCall(clock, caller, callee, kuzet.IngressInternational))
	if len(bNotes) != 1 || bNotes[0].First {
		t.Errorf("b's notes %+v, want one not first-time", bNotes)
	}
	if err := b.ApplyNote(telecom.SignalNote{}); kuzet.ErrorCode(err) != kuzet.EINVALID {
		t.Errorf("a note without a callee: %v", err)
	}
}

// TestApplyStored: rows of the change log bring DNO, roaming and portings
// into memory and take them out.
func TestApplyStored(t *testing.T) {
	e, _ := MustEngine(t, telecom.Config{})
	if err := e.ApplyStored("dno", "INSERT", []byte(`{"number":"+77172000000","org_id":1}`)); err != nil {
		t.Fatal(err)
	}
	if !e.DNO("+77172000000") {
		t.Error("DNO entry not applied")
	}
	if err := e.ApplyStored("dno", "DELETE", []byte(`{"number":"+77172000000","org_id":1}`)); err != nil {
		t.Fatal(err)
	}
	if e.DNO("+77172000000") {
		t.Error("DNO entry not removed")
	}
	row := `{"msisdn":"+77011000003","state":"abroad","country":"TR","at":"2026-12-04T10:00:00+00:00","org_id":1}`
	if err := e.ApplyStored("roaming", "INSERT", []byte(row)); err != nil {
		t.Fatal(err)
	}
	if r, ok := e.Roaming("+77011000003"); !ok || r.State != kuzet.RoamingAbroad || r.Country != "TR" {
		t.Errorf("roaming %+v, %v", r, ok)
	}
	for _, bad := range []struct{ table, row string }{
		{"nothing", `{}`}, {"dno", `{"number":"12"}`}, {"roaming", `not json`}, {"portings", `{"msisdn":""}`},
	} {
		if err := e.ApplyStored(bad.table, "INSERT", []byte(bad.row)); kuzet.ErrorCode(err) != kuzet.EINVALID {
			t.Errorf("%s %s: %v, want EINVALID", bad.table, bad.row, err)
		}
	}
}

// FuzzApplyStored: a change log row from the bus never panics the engine.
func FuzzApplyStored(f *testing.F) {
	f.Add("dno", "INSERT", `{"number":"+77172000000","org_id":1}`)
	f.Add("roaming", "UPDATE", `{"msisdn":"+77011000003","state":"home","at":"2026-12-04T10:00:00Z"}`)
	f.Add("portings", "DELETE", `{"msisdn":"+77011000003","org_id":2}`)
	e, _ := MustEngine(f, telecom.Config{})
	f.Fuzz(func(t *testing.T, table, op, row string) {
		_ = e.ApplyStored(table, op, []byte(row))
	})
}
