package simbox

// Internals the external tests exercise directly.
var (
	ParseTime       = parseTime
	ParseIMEI       = parseIMEI
	FormatIMEI      = formatIMEI
	SplitFields     = splitFields
	ParseRecordType = parseRecordType
)

// NormalizeNumber returns the E.164 form of raw ("+7701…") if it reads as a
// number, "other" for a short code or a sender name, and "" if invalid.
func NormalizeNumber(raw string) string {
	k, kind := normalizeNumber([]byte(raw))
	switch kind {
	case numberE164:
		return e164(k)
	case numberOther:
		return "other"
	}
	return ""
}
