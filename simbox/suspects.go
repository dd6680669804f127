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
// msisdn, score, verdict and reasons, then the device and the evidence an
// analyst reads first.
var SuspectColumns = []string{
	"msisdn", "score", "verdict", "reasons", "device_id", "imeis", "cells", "first_seen", "last_seen",
	"calls_out", "calls_in", "distinct_callees", "callback_share", "calls_out_per_day", "sms", "data_sessions",
	"cell_count", "sims_per_imei", "night_share", "linked_sims", "linked_box_like",
}

// WriteSuspects writes subscribers as suspects.csv (formats/cdr.md): a
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
