package simbox

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"
)

// SuspectColumns are the columns WriteSuspects writes: the format page's
// msisdn, score, verdict and reasons, then the device and the features an
// analyst reads first; then evidence, what decided the verdict — every
// term of the score as code:weight in log-odds, largest first, positive
// for a box — and the features those terms read. Columns are only ever
// added at the end.
var SuspectColumns = []string{
	"msisdn", "score", "verdict", "reasons", "device_id", "imeis", "cells", "first_seen", "last_seen",
	"calls_out", "calls_in", "distinct_callees", "callback_share", "calls_out_per_day", "sms", "data_sessions",
	"cell_count", "sims_per_imei", "night_share", "linked_sims", "linked_box_like",
	"evidence", "arranged_callers", "arranged_share", "unsolicited_callers", "private_contacts", "places",
	"private_places", "shared_callees", "called_again_share", "zero_call_share", "unanswered_in", "areas",
	"local_callee_share", "sims_per_tac", "number_batch", "group_tac",
}

// WriteSuspects writes subscribers as suspects.csv (docs/simbox.md): a
// header row, then one row per subscriber whose verdict is at least min
// (VerdictClean writes everyone). Lists within a field are ';'-separated.
func WriteSuspects(w io.Writer, subs []Subscriber, min Verdict) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	if err := cw.Write(SuspectColumns); err != nil {
		return err
	}
	rank := map[Verdict]int{VerdictClean: 0, VerdictSuspect: 1, VerdictSimbox: 2}
	row := make([]string, len(SuspectColumns))
	for i := range subs {
		s := &subs[i]
		if rank[s.Verdict] < rank[min] {
			continue
		}
		f := &s.Features
		row = append(row[:0],
			s.MSISDN,
			strconv.FormatFloat(s.Score, 'f', 3, 64),
			string(s.Verdict),
			strings.Join(s.Reasons, ";"),
			s.DeviceID,
			strings.Join(s.IMEIs, ";"),
			strings.Join(s.Cells, ";"),
			s.FirstSeen.Format(time.RFC3339),
			s.LastSeen.Format(time.RFC3339),
			strconv.Itoa(f.CallsOut),
			strconv.Itoa(f.CallsIn),
			strconv.Itoa(f.DistinctCallees),
			strconv.FormatFloat(f.CallbackShare, 'f', 3, 64),
			strconv.FormatFloat(f.CallsOutPerDay, 'f', 1, 64),
			strconv.Itoa(f.SMSOut+f.SMSIn),
			strconv.Itoa(f.DataSessions),
			strconv.Itoa(f.Cells),
			strconv.Itoa(f.SIMsPerIMEI),
			strconv.FormatFloat(f.NightShare, 'f', 3, 64),
			strconv.Itoa(f.LinkedSIMs),
			strconv.Itoa(f.LinkedBoxLike),
			formatEvidence(s.Evidence),
			strconv.Itoa(f.ArrangedCallers),
			strconv.FormatFloat(f.ArrangedShare, 'f', 3, 64),
			strconv.Itoa(f.Unsolicited),
			strconv.Itoa(f.PrivateContacts),
			strconv.Itoa(f.Places),
			strconv.Itoa(f.PrivatePlaces),
			strconv.FormatFloat(f.SharedCallees, 'f', 3, 64),
			strconv.FormatFloat(f.CalledAgainShare, 'f', 3, 64),
			strconv.FormatFloat(f.ZeroCallShare, 'f', 3, 64),
			strconv.FormatFloat(f.UnansweredIn, 'f', 3, 64),
			strconv.Itoa(f.Areas),
			strconv.FormatFloat(f.LocalCalleeShare, 'f', 3, 64),
			strconv.Itoa(f.SIMsPerTAC),
			strconv.Itoa(f.NumberBatch),
			strconv.Itoa(f.GroupTAC),
		)
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// formatEvidence writes terms as code:weight pairs, ';'-separated, with the
// weight's sign always shown: "arranged_callers:+2.00;sms_use:-0.40".
func formatEvidence(ev []Term) string {
	var b strings.Builder
	for i, e := range ev {
		if i > 0 {
			b.WriteByte(';')
		}
		b.WriteString(e.Code)
		b.WriteByte(':')
		if e.Weight >= 0 {
			b.WriteByte('+')
		}
		b.WriteString(strconv.FormatFloat(e.Weight, 'f', 2, 64))
	}
	return b.String()
}
