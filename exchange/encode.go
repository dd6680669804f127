package exchange

import (
	"strconv"
	"unicode/utf8"
)

// MarshalJSON encodes o as AppendJSON does: the same form encoding/json
// gives its fields, without reflection, since an export writes millions.
func (o Object) MarshalJSON() ([]byte, error) { return o.AppendJSON(make([]byte, 0, 512)), nil }

// AppendJSON appends o's JSON to b: the fields in declaration order, the
// empty ones left out.
func (o *Object) AppendJSON(b []byte) []byte {
	b = append(b, `{"type":`...)
	b = appendString(b, o.Type)
	str := func(name, v string) {
		if v != "" {
			b = append(b, ',', '"')
			b = append(b, name...)
			b = append(b, '"', ':')
			b = appendString(b, v)
		}
	}
	list := func(name string, vs []string) {
		if len(vs) == 0 {
			return
		}
		b = append(b, ',', '"')
		b = append(b, name...)
		b = append(b, `":[`...)
		for i, v := range vs {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, v)
		}
		b = append(b, ']')
	}
	str("spec_version", o.SpecVersion)
	b = append(b, `,"id":`...)
	b = appendString(b, o.ID)
	str("created_by_ref", o.CreatedByRef)
	str("created", o.Created)
	str("modified", o.Modified)
	str("name", o.Name)
	str("description", o.Description)
	str("identity_class", o.IdentityClass)
	list("indicator_types", o.IndicatorTypes)
	str("pattern", o.Pattern)
	str("pattern_type", o.PatternType)
	str("valid_from", o.ValidFrom)
	str("valid_until", o.ValidUntil)
	list("labels", o.Labels)
	if o.Confidence != nil {
		b = append(b, `,"confidence":`...)
		b = strconv.AppendInt(b, int64(*o.Confidence), 10)
	}
	str("schema", o.Schema)
	str("version", o.Version)
	list("extension_types", o.ExtensionTypes)
	str("sighting_of_ref", o.SightingOfRef)
	if o.Count != 0 {
		b = append(b, `,"count":`...)
		b = strconv.AppendInt(b, int64(o.Count), 10)
	}
	str("first_seen", o.FirstSeen)
	str("last_seen", o.LastSeen)
	list("where_sighted_refs", o.WhereSightedRefs)
	list("report_types", o.ReportTypes)
	str("published", o.Published)
	list("object_refs", o.ObjectRefs)
	str("value", o.Value)
	str("iban", o.IBAN)
	str("account_number", o.AccountNumber)
	str("token", o.Token)
	str("bin", o.BIN)
	str("last4", o.Last4)
	str("imei", o.IMEI)
	list("object_marking_refs", o.ObjectMarkingRefs)
	if len(o.Extensions) > 0 {
		b = append(b, `,"extensions":{`...)
		first := true
		for _, k := range sortedKeys(o.Extensions) {
			e := o.Extensions[k]
			if !first {
				b = append(b, ',')
			}
			first = false
			b = appendString(b, k)
			b = append(b, `:{"extension_type":`...)
			b = appendString(b, e.ExtensionType)
			if e.TLP != "" {
				b = append(b, `,"tlp_2_0":`...)
				b = appendString(b, e.TLP)
			}
			b = append(b, '}')
		}
		b = append(b, '}')
	}
	return append(b, '}')
}

func sortedKeys(m map[string]Extension) []string {
	if len(m) == 1 {
		for k := range m {
			return []string{k}
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string: quotes, backslashes and control
// characters escaped, invalid UTF-8 replaced by U+FFFD, as encoding/json
// does (less its HTML escaping, which STIX does not need).
func appendString(b []byte, s string) []byte { return appendJSONString(b, s, true) }

// appendJSONString appends s as a JSON string; lineSeps says whether to
// escape U+2028 and U+2029 as encoding/json does (RFC 8785's canonical
// form, which SCO ids hash, leaves them be).
func appendJSONString(b []byte, s string, lineSeps bool) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if lineSeps && (r == '\u2028' || r == '\u2029') {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
