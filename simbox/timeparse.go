package simbox

// parseTime reads an RFC 3339 timestamp ("2026-10-05T08:12:44Z",
// "2026-10-05T08:12:44.250+05:00") by hand: time.Parse costs more than the
// rest of a row. It returns the instant in Unix seconds and the UTC offset
// written, in minutes; the offset gives the local wall clock, which is what
// "night" and "office hours" mean. Also accepted, as exports write them: a
// space for the 'T', a lower-case 't' or 'z', an offset without its colon,
// and no offset at all (read as UTC).
func parseTime(b []byte) (unix int64, offMin int16, ok bool) {
	if len(b) < 19 || b[4] != '-' || b[7] != '-' || b[13] != ':' || b[16] != ':' {
		return 0, 0, false
	}
	if c := b[10]; c != 'T' && c != 't' && c != ' ' {
		return 0, 0, false
	}
	year, ok1 := num4(b[0:4])
	month, ok2 := num2(b[5:7])
	day, ok3 := num2(b[8:10])
	hour, ok4 := num2(b[11:13])
	min, ok5 := num2(b[14:16])
	sec, ok6 := num2(b[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) {
		return 0, 0, false
	}
	if year < 1970 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) ||
		hour > 23 || min > 59 || sec > 60 {
		return 0, 0, false
	}
	if sec == 60 {
		sec = 59 // a leap second belongs to the minute it ends
	}
	rest := b[19:]
	if len(rest) > 0 && (rest[0] == '.' || rest[0] == ',') {
		i := 1
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 1 {
			return 0, 0, false
		}
		rest = rest[i:]
	}
	var off int
	switch {
	case len(rest) == 0:
	case len(rest) == 1 && (rest[0] == 'Z' || rest[0] == 'z'):
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':',
		len(rest) == 5 && (rest[0] == '+' || rest[0] == '-'):
		oh, okh := num2(rest[1:3])
		om, okm := num2(rest[len(rest)-2:])
		if !okh || !okm || oh > 23 || om > 59 {
			return 0, 0, false
		}
		off = oh*60 + om
		if rest[0] == '-' {
			off = -off
		}
	default:
		return 0, 0, false
	}
	days := daysFromCivil(year, month, day)
	wall := days*86400 + int64(hour*3600+min*60+sec)
	return wall - int64(off)*60, int16(off), true
}

func num2(b []byte) (int, bool) {
	d0, d1 := b[0]-'0', b[1]-'0'
	if d0 > 9 || d1 > 9 {
		return 0, false
	}
	return int(d0)*10 + int(d1), true
}

func num4(b []byte) (int, bool) {
	hi, ok1 := num2(b[0:2])
	lo, ok2 := num2(b[2:4])
	return hi*100 + lo, ok1 && ok2
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the days from 1970-01-01 to the given date of the
// proleptic Gregorian calendar (H. Hinnant's algorithm), for years ≥ 0.
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}
