package simbox

// RecordType is the kind of a CDR row.
type RecordType uint8

// The record types of the CDR format.
const (
	MOC   RecordType = iota // a mobile-originated call
	MTC                     // a mobile-terminated call
	SMSMO                   // an SMS sent
	SMSMT                   // an SMS received
	Data                    // a data session
	numRecordTypes
)

var recordTypeNames = [numRecordTypes]string{"MOC", "MTC", "SMS_MO", "SMS_MT", "DATA"}

// String returns the name the CDR format uses.
func (t RecordType) String() string {
	if t < numRecordTypes {
		return recordTypeNames[t]
	}
	return "unknown"
}

// parseRecordType reads a record type, ignoring case.
func parseRecordType(b []byte) (RecordType, bool) {
	var u [6]byte
	if len(b) < 3 || len(b) > len(u) {
		return 0, false
	}
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		u[i] = c
	}
	switch string(u[:len(b)]) {
	case "MOC":
		return MOC, true
	case "MTC":
		return MTC, true
	case "SMS_MO":
		return SMSMO, true
	case "SMS_MT":
		return SMSMT, true
	case "DATA":
		return Data, true
	}
	return 0, false
}

// rec is one parsed row, as the aggregators take it: numbers, times and
// cells already reduced to integers.
type rec struct {
	sim     uint64 // the served subscriber's E.164 key
	party   uint64 // the other party's key; 0 for none
	imei    uint64 // IMEI body key; 0 for none
	cell    uint64 // cell id hash; 0 for none
	t       int64  // Unix seconds
	dur     uint32 // seconds
	cellOff uint32 // the cell id's text in the chunk buffer, to name cells
	cellLen uint16
	off     int16 // the UTC offset written, in minutes
	typ     RecordType
}

// wall returns the local wall-clock seconds of r: the instant shifted by the
// offset its timestamp was written with.
func (r *rec) wall() int64 { return r.t + int64(r.off)*60 }

// fingerprint is a hash of everything that makes a row the same row again,
// for catching duplicates.
func (r *rec) fingerprint() uint32 {
	h := mix64(uint64(r.t)*31 ^ r.party ^ uint64(r.typ)<<56 ^ uint64(r.dur)<<32 ^ r.cell)
	return uint32(h) | 1 // 0 marks an empty slot
}
